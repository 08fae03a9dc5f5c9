// 公表 (seed 000 §3(1)): certified groups with their members and roles, for anyone (signed out).
// Each group has an anchor (#group-ID) so that it can be linked; the page prints cleanly.
import { api, asOfToday, el, errorMessage, showError, start } from './common.js';

start(async () => {
  document.getElementById('print').addEventListener('click', () => window.print());
  const r = await api('GET', '/api/v1/public/groups');
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const items = r.json.items;
  document.getElementById('as-of').textContent = asOfToday();
  document.getElementById('empty').hidden = items.length > 0;
  document.getElementById('toc').hidden = items.length === 0;
  document.getElementById('toc').replaceChildren(el('h2', { class: 'panel-title' }, `公表グループ（${items.length}）`),
    el('ul', {}, items.map((g) => el('li', {}, el('a', { href: `#group-${g.id}` }, g.name)))));
  document.getElementById('groups').replaceChildren(...items.map((g) => el('section', { class: 'panel public-group', id: `group-${g.id}` },
    el('h2', {}, el('a', { href: `#group-${g.id}` }, g.name)),
    g.kind === 'municipality_centred' ? el('p', { class: 'tag' }, g.kind_label) : '',
    el('p', {}, '連携を担う拠点: ', el('strong', {}, g.base.name || '—')),
    el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, '機関名'), el('th', { scope: 'col' }, 'グループでの役割'), el('th', { scope: 'col' }, '所在地'))),
      el('tbody', {}, g.members.map((m) => el('tr', {},
        el('td', {}, m.name, m.active_role ? el('span', { class: 'tag' }, '積極的役割') : ''),
        el('td', {}, m.role_label), el('td', {}, m.address || '')))))))));
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
});
