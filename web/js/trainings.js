// 訪問診療導入研修の一覧 (seed 002 別紙1 ②, issue 18 §2): the programmes of the user's districts per
// fiscal year, and a form to create one (coordinators of the district, admin). Reads
// GET /api/v1/trainings; creates with POST /api/v1/trainings.
import { api, el, errorMessage, fmtFiscalPeriod, may, requireCan, showError, start } from './common.js';

const $ = (id) => document.getElementById(id);

async function load() {
  const fy = $('fy').value;
  const r = await api('GET', `/api/v1/trainings${fy ? `?fiscal_year=${fy}` : ''}`);
  if (r.status !== 200) { showError(errorMessage(r)); return null; }
  $('trainings').querySelector('tbody').replaceChildren(...r.json.items.map((p) => el('tr', { dataset: { id: String(p.id) } },
    el('td', {}, fmtFiscalPeriod(String(p.fiscal_year))),
    el('td', { class: 'name' }, el('a', { href: `/training?id=${p.id}` }, p.title)),
    el('td', {}, p.association.name),
    el('td', { class: 'num' }, String(p.trainees)),
    el('td', { class: 'num' }, String(p.advisors)))));
  $('empty').hidden = r.json.items.length > 0;
  return r.json;
}

start(async () => {
  const s = await requireCan('training_read', '訪問診療導入研修');
  if (!s) return;
  const first = await load();
  if (!first) return;
  const now = first.current_fiscal_year;
  for (const y of [now + 1, now, now - 1, now - 2])
    $('fy').append(el('option', { value: String(y) }, fmtFiscalPeriod(String(y))));
  $('fy').addEventListener('change', load);
  if (!may(s, 'training_write')) return;
  $('create-panel').hidden = false;
  $('c-fy').value = String(now);
  const assocs = await api('GET', '/api/v1/medical-associations');
  const mine = (assocs.json?.items || []).filter((a) => s.user.role !== 'coordinator' || (s.user.associations || []).includes(a.id));
  $('c-assoc').replaceChildren(...mine.map((a) => el('option', { value: String(a.id) }, a.name)));
  $('create-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { title: $('c-title').value.trim(), fiscal_year: Number($('c-fy').value), max_km: Number($('c-km').value || 30) };
    if ($('c-assoc').value) body.association_id = Number($('c-assoc').value);
    const r = await api('POST', '/api/v1/trainings', body);
    if (r.status !== 201) { showError(errorMessage(r)); return; }
    location.href = `/training?id=${r.json.id}`;
  });
});
