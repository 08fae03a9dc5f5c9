// 診療所の段階 (issue 18 §3; seed 002 活動計画の立て方②): the district's clinics with their stage A–D
// (derived by the server, overridden with a reason), the history and plan per clinic, and the counts
// per stage at the end of each fiscal year.
import { api, codes, el, errorMessage, requireCan, showError, showSaved, clearAlert, start, may, session } from './common.js';
import { clearErrors, showRefusal } from './form-fields.js';

let current = 0;
let canWrite = false;

function planText(p) {
  const parts = [p.next_step && `目標 ${p.next_step}`, p.action, p.due_on && `期限 ${p.due_on}`].filter(Boolean);
  return parts.length ? parts.join(' ／ ') : '—';
}

async function showList() {
  const assoc = document.getElementById('d-assoc').value;
  if (!assoc) return;
  const r = await api('GET', `/api/v1/stages?association_id=${assoc}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  document.querySelector('#years tbody').replaceChildren(...r.json.years.map((y) => el('tr', { dataset: { fy: String(y.fiscal_year) } },
    el('th', { scope: 'row' }, `${y.fiscal_year}年度`), ...['A', 'B', 'C', 'D'].map((s) => el('td', { class: 'num' }, String(y.counts[s]))),
    el('td', { class: 'num' }, String(y.unrecorded)))));
  document.querySelector('#clinics tbody').replaceChildren(...r.json.clinics.map((c) => el('tr', { dataset: { id: String(c.id) } },
    el('th', { scope: 'row' }, c.name), el('td', {}, c.municipality_name),
    el('td', {}, el('span', { class: 'stage-badge', title: c.stage_label }, c.stage), c.overridden ? el('span', { class: 'badge' }, ' 変更あり') : '',
      c.uncertain ? el('span', { class: 'badge badge-unknown' }, '未確認') : ''),
    el('td', {}, c.overridden ? `${c.reason}（自動判定 ${c.derived}）` : c.basis),
    el('td', {}, planText(c.plan)),
    el('td', {}, el('button', { type: 'button', class: 'button button-secondary open', onclick: () => open(c.id) }, canWrite ? '変更・履歴' : '履歴')))));
}

async function open(id) {
  const r = await api('GET', `/api/v1/stages/${id}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  current = id;
  const c = r.json;
  document.getElementById('edit-panel').hidden = false;
  document.getElementById('edit-clinic').textContent = `${c.name}: 現在の段階 ${c.stage_label}（自動判定 ${c.derived_label}）`;
  document.getElementById('s-stage').value = c.overridden ? c.stage : '';
  document.getElementById('s-reason').value = '';
  document.getElementById('p-next').value = c.plan.next_step || '';
  document.getElementById('p-action').value = c.plan.action || '';
  document.getElementById('p-due').value = c.plan.due_on || '';
  document.querySelector('#history tbody').replaceChildren(...c.history.map((h) => el('tr', {},
    el('td', {}, h.set_on), el('td', {}, h.stage_label), el('td', {}, h.source === 'override' ? '変更' : '自動判定'),
    el('td', {}, h.reason), el('td', {}, h.set_by))));
  for (const f of ['stage-form', 'plan-form']) document.getElementById(f).hidden = !canWrite;
  document.getElementById('edit-panel').scrollIntoView();
}

function fail(r, form) {
  showRefusal(document.getElementById(form), r);
}

start(async () => {
  if (!await requireCan('programme_read', '診療所の段階')) return;
  const s = await session();
  canWrite = may(s, 'programme_write');
  document.getElementById('snapshot').hidden = !canWrite;
  const c = await codes();
  document.getElementById('s-stage').replaceChildren(el('option', { value: '' }, '自動判定に戻す'),
    ...c.clinic_stages.map((x) => el('option', { value: x.code }, x.label)));
  document.getElementById('snapshot').addEventListener('click', async () => {
    clearAlert();
    const r = await api('POST', '/api/v1/stages/snapshot', { association_id: Number(document.getElementById('d-assoc').value) });
    if (r.status !== 200) { showError(errorMessage(r)); return; }
    showSaved(`${r.json.recorded}件の段階`);
    await showList();
  });
  document.getElementById('stage-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(document.getElementById('stage-form'));
    const v = document.getElementById('s-stage').value;
    const r = await api('PUT', `/api/v1/stages/${current}`, { stage: v || null, reason: document.getElementById('s-reason').value.trim() });
    if (r.status !== 200) { fail(r, 'stage-form'); return; }
    showSaved('段階');
    await showList();
    await open(current);
  });
  document.getElementById('plan-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(document.getElementById('plan-form'));
    const r = await api('PUT', `/api/v1/stages/${current}/plan`, {
      next_step: document.getElementById('p-next').value.trim(), action: document.getElementById('p-action').value.trim(),
      due_on: document.getElementById('p-due').value || null,
    });
    if (r.status !== 200) { fail(r, 'plan-form'); return; }
    showSaved('計画');
    await showList();
    await open(current);
  });
  // The districts: the 郡市医師会 of the operators the user may read (the API scopes them).
  const ops = await api('GET', '/api/v1/operators');
  if (ops.status !== 200) { showError(errorMessage(ops)); return; }
  const seen = new Map();
  for (const o of ops.json.items) if (o.association_id && !seen.has(o.association_id)) seen.set(o.association_id, o.association_name);
  const sel = document.getElementById('d-assoc');
  sel.replaceChildren(...[...seen].map(([id, name]) => el('option', { value: String(id) }, name)));
  if (!seen.size) { showError('段階を表示できる郡市医師会がありません（事業者が登録されていません）。'); return; }
  sel.addEventListener('change', () => { document.getElementById('edit-panel').hidden = true; showList(); });
  await showList();
});
