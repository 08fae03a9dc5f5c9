// 訪問記録 of an institution (issue 18 §5; seed 002 ①): the coordinator's visits, counted per fiscal
// year, and a form to log one. Shown to those who may read the programme of the institution's district.
import { api, el, may, pageQuery, session, showSaved, clearAlert } from './common.js';
import { clearErrors, showRefusal } from './form-fields.js';

async function show(id) {
  const r = await api('GET', `/api/v1/facilities/${encodeURIComponent(id)}/visits`);
  if (r.status !== 200) return false;
  const items = r.json.items;
  document.querySelector('#visits-table tbody').replaceChildren(...items.map((v) => el('tr', { dataset: { id: String(v.id) } },
    el('td', {}, v.visited_on), el('td', {}, v.visitor), el('td', {}, v.learnt), el('td', {}, v.follow_up))));
  document.getElementById('visits-empty').hidden = items.length > 0;
  const per = Object.entries(r.json.per_fiscal_year).sort((a, b) => b[0] - a[0]).map(([y, n]) => `${y}年度 ${n}回`);
  document.getElementById('visits-per-year').textContent = per.length ? ` 年度別: ${per.join('、')}` : '';
  return true;
}

async function main() {
  const id = pageQuery().get('id');
  if (!id) return;
  const s = await session();
  if (!may(s, 'programme_read')) return;
  // only institutions of the user's district: the server says whether this one is (no refused request)
  const d = await api('GET', `/api/v1/facilities/${encodeURIComponent(id)}`);
  if (d.status !== 200 || !(d.json.may && d.json.may.programme_read)) return;
  if (!await show(id)) return;
  document.getElementById('visits').hidden = false;
  if (!may(s, 'programme_write')) return;
  const form = document.getElementById('visit-form');
  form.hidden = false;
  document.getElementById('v-date').value = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
  document.getElementById('v-visitor').value = s.user.display_name || s.user.username || '';
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const r = await api('POST', `/api/v1/facilities/${encodeURIComponent(id)}/visits`, {
      visited_on: document.getElementById('v-date').value, visitor: document.getElementById('v-visitor').value.trim(),
      learnt: document.getElementById('v-learnt').value.trim(), follow_up: document.getElementById('v-follow').value.trim(),
    });
    if (r.status !== 201) { showRefusal(form, r); return; }
    clearErrors(form);
    showSaved('訪問記録');
    document.getElementById('v-learnt').value = '';
    document.getElementById('v-follow').value = '';
    await show(id);
  });
}

main();
