// 患者一覧: the patients the signed-in user may read (every listing is an audit row on the server).
import { api, el, errorMessage, may, requireCan, session, showError, start } from './common.js';

start(async () => {
  if (!await requireCan('patient_read', '患者情報')) return;
  document.getElementById('absence-link').hidden = !may(await session(), 'patient_write');
  document.getElementById('beds-link').hidden = !may(await session(), 'patient_write');
  const r = await api('GET', '/api/v1/patients');
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const body = document.querySelector('#patients tbody');
  body.replaceChildren(...r.json.items.map((p) => el('tr', { dataset: { id: String(p.id) } },
    el('td', { class: 'name' }, el('a', { href: `/patient?id=${p.id}` }, p.name)),
    el('td', {}, p.kana),
    el('td', { class: 'num' }, p.age >= 0 ? `${p.age}歳` : ''),
    el('td', {}, p.status.label),
    el('td', {}, p.care_level.label))));
  document.getElementById('empty').hidden = r.json.items.length > 0;
});
