// グループ一覧: the groups the signed-in user may read, with their certification state.
import { api, el, errorMessage, may, requireCan, session, showError, start } from './common.js';

start(async () => {
  if (!await requireCan('group_read', 'グループの管理')) return;
  // Only roles that may write groups see the button that creates one.
  const s = await session();
  for (const a of document.querySelectorAll('a[href="/group"]')) a.hidden = !may(s, 'group_write');
  const r = await api('GET', '/api/v1/groups');
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const body = document.querySelector('#groups tbody');
  body.replaceChildren(...r.json.items.map((g) => el('tr', {},
    el('td', { class: 'name' }, el('a', { href: `/group?id=${g.id}` }, g.name)),
    el('td', {}, g.base_name || '未設定'),
    el('td', { class: 'num' }, String(g.member_count)),
    el('td', {}, g.certified ? el('span', { class: 'badge badge-ok' }, '認定') : el('span', { class: 'badge badge-warn' }, '要件未充足')))));
  document.getElementById('empty').hidden = r.json.items.length > 0;
});
