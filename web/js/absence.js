// 不在と代診: a doctor records an absence; for every affected patient and duty the ranked
// substitutes with their reasons (excluded doctors greyed with why); one click accepts one.
import { api, el, errorMessage, guardUnsaved, pageQuery, requireCan, session, showError, showNotice, clearAlert, start } from './common.js';
import { clearErrors, showRefusal } from './form-fields.js';

let absenceId = 0;
let editGuard = null;

async function loadDoctors(instId) {
  const sel = document.getElementById('ab-doc');
  sel.replaceChildren();
  if (!instId) return;
  const r = await api('GET', `/api/v1/facilities/${instId}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  for (const p of (r.json.practitioners || []).filter((x) => x.role === 'doctor')) sel.append(el('option', { value: String(p.id) }, p.name));
}

function candidateRow(itemKey, s, accepted, eligible) {
  const isAccepted = accepted === s.practitioner_id;
  return el('tr', { class: eligible ? '' : 'excluded', dataset: { id: String(s.practitioner_id) } },
    el('td', { class: 'num' }, eligible ? String(s.rank) : '—'),
    el('td', {}, s.name, s.secondary ? el('span', { class: 'badge badge-ok' }, '副主治医') : '',
      s.outside ? el('span', { class: 'badge badge-warn outside' }, 'グループ外（要依頼）') : ''),
    el('td', {}, s.institution),
    el('td', { class: 'num' }, s.km === null ? '' : `${s.km} km`),
    el('td', {}, s.reasons),
    el('td', {}, eligible
      ? (isAccepted ? el('span', { class: 'badge badge-ok accepted' }, '代診に決定')
        : el('button', { type: 'button', class: 'button button-secondary accept', dataset: { item: itemKey, doc: String(s.practitioner_id) } }, 'この医師に依頼'))
      : ''));
}

async function showPlan() {
  const r = await api('GET', `/api/v1/absences/${absenceId}/substitutes`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const a = r.json.absence;
  document.getElementById('plan-panel').hidden = false;
  document.getElementById('plan-head').textContent = `${a.practitioner_name}: ${a.starts_on}〜${a.ends_on}（${a.reason}）`;
  document.getElementById('ed-from').value = a.starts_on;
  document.getElementById('ed-to').value = a.ends_on;
  document.getElementById('ed-reason').value = a.reason;
  if (editGuard) editGuard.saved();
  const plan = document.getElementById('plan');
  plan.replaceChildren(...r.json.items.map((it) => {
    const key = it.kind === 'patient' ? `patient:${it.patient_id}` : `duty:${it.duty.id}`;
    const title = it.kind === 'patient' ? `患者 ${it.patient_name}` : `当番 ${it.duty.date} ${it.duty.type_label}`;
    return el('div', { class: 'plan-item', dataset: { key } },
      el('h3', { class: 'plan-title' }, title),
      it.none_reason ? el('p', { class: 'alert alert-error none-reason' }, it.none_reason) : '',
      el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
        el('thead', {}, el('tr', {}, ...['順位', '医師', '医療機関', '距離', '理由', ''].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, ...it.substitutes.map((s) => candidateRow(key, s, it.accepted_practitioner_id, true)),
          ...it.excluded.map((s) => candidateRow(key, s, it.accepted_practitioner_id, false))))));
  }));
  if (r.json.items.length === 0) plan.append(el('p', { class: 'muted' }, 'この期間に主治医として担当する患者も当番もありません。'));
}

start(async () => {
  if (!await requireCan('patient_write', '不在と代診の登録')) return;
  const s = await session();
  const inst = document.getElementById('ab-inst');
  const r = await api('GET', '/api/v1/facilities?kind=clinic&limit=500');
  const h = await api('GET', '/api/v1/facilities?kind=hospital&limit=500');
  const all = [...(r.json ? r.json.items : []), ...(h.json ? h.json.items : [])].sort((x, y) => x.name.localeCompare(y.name, 'ja'));
  inst.replaceChildren(...all.map((f) => el('option', { value: String(f.id) }, f.name)));
  const own = s.user.institution_id;
  if (own && all.some((f) => f.id === own)) inst.value = String(own);
  inst.addEventListener('change', () => loadDoctors(inst.value));
  await loadDoctors(inst.value);
  document.getElementById('absence-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const body = {
      practitioner_id: Number(document.getElementById('ab-doc').value) || 0,
      starts_on: document.getElementById('ab-from').value,
      ends_on: document.getElementById('ab-to').value,
      reason: document.getElementById('ab-reason').value.trim(),
    };
    const res = await api('POST', '/api/v1/absences', body);
    if (res.status !== 201) { showRefusal(document.getElementById('absence-form'), res); return; }
    clearErrors(document.getElementById('absence-form'));
    absenceId = res.json.id;
    history.replaceState(null, '', `/absence?id=${absenceId}`);
    await showPlan();
  });
  document.getElementById('plan').addEventListener('click', async (ev) => {
    const b = ev.target.closest('button.accept');
    if (!b) return;
    const [kind, id] = b.dataset.item.split(':');
    const body = { practitioner_id: Number(b.dataset.doc), [kind === 'patient' ? 'patient_id' : 'duty_id']: Number(id) };
    b.disabled = true;
    const res = await api('POST', `/api/v1/absences/${absenceId}/substitutions`, body);
    if (res.status !== 201) { showError(errorMessage(res)); b.disabled = false; return; }
    await showPlan();
  });
  // Ending early or changing the period (PUT /api/v1/absences/{id}).
  const edit = document.getElementById('edit-form');
  editGuard = guardUnsaved(edit);
  edit.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(edit);
    const res = await api('PUT', `/api/v1/absences/${absenceId}`, {
      starts_on: document.getElementById('ed-from').value,
      ends_on: document.getElementById('ed-to').value,
      reason: document.getElementById('ed-reason').value.trim(),
    });
    if (res.status !== 200) { showRefusal(edit, res); return; }
    editGuard.saved();
    await showPlan();
    const n = res.json.ended_substitutions;
    showNotice(`不在の期間を保存しました。${n ? `期間外になった当番の代診 ${n} 件を終了しました。` : ''}`);
  });
  absenceId = Number(pageQuery().get('id')) || 0;
  if (absenceId) await showPlan();
});
