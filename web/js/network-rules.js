// 後方支援の取り決め (issue 14 §5; seed 002 ③): a coordinator sets the group's rules — the
// discharge-origin hospital first (柏市), the acute hospital on night duty first at night (青葉区),
// a backup hospital acting as 副主治医 at night — and records which acute hospital is on night duty
// on which date. Every change is an audit row on the server.
import { api, el, errorMessage, guardUnsaved, pageQuery, requireCan, showError, showSaved, clearAlert, start } from './common.js';

const $ = (id) => document.getElementById(id);
let group = 0;
let guard = null;

function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

function plusDays(iso, n) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The hospital night duties from a month before the date in the form (default today) for a year. */
async function showDuties() {
  const from = plusDays($('hd-date').value || today(), -31);
  const r = await api('GET', `/api/v1/groups/${group}/hospital-duties?from=${from}&to=${plusDays(from, 365)}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  $('hduty-list').replaceChildren(...r.json.items.map((d) => el('li', { dataset: { id: String(d.id) } },
    `${d.date}　${d.hospital_name}　`,
    el('button', { type: 'button', class: 'button button-secondary hd-del', dataset: { id: String(d.id) } }, '削除'))));
  if (r.json.items.length === 0) $('hduty-list').append(el('li', { class: 'muted' }, `${from} からの1年間に当直は登録されていません。`));
}

async function load() {
  clearAlert();
  const g = await api('GET', `/api/v1/groups/${group}`);
  if (g.status !== 200) { showError(errorMessage(g)); return; }
  const hospitals = g.json.members.filter((m) => m.kind === 'hospital');
  $('r-secondary').replaceChildren(el('option', { value: '' }, '（なし）'), ...hospitals.map((m) => el('option', { value: String(m.institution_id) }, m.name)));
  const r = await api('GET', `/api/v1/groups/${group}/network-rules`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  $('r-discharge').checked = r.json.discharge_origin_first;
  $('r-acute').checked = r.json.night_acute_first;
  $('r-secondary').value = r.json.backup_secondary_hospital_id ? String(r.json.backup_secondary_hospital_id) : '';
  // Acute hospitals: any hospital near the group's base (it need not be a member).
  const h = await api('GET', '/api/v1/facilities?kind=hospital&limit=500');
  $('hd-hospital').replaceChildren(...(h.status === 200 ? h.json.items : []).map((f) => el('option', { value: String(f.id) }, f.name)));
  if (guard) guard.saved();
  await showDuties();
}

start(async () => {
  if (!await requireCan('group_write', '後方支援の取り決め')) return;
  const gs = await api('GET', '/api/v1/groups');
  const items = gs.status === 200 ? gs.json.items : [];
  $('rg-group').replaceChildren(...items.map((g) => el('option', { value: String(g.id) }, g.name)));
  const want = Number(pageQuery().get('group'));
  if (want && items.some((g) => g.id === want)) $('rg-group').value = String(want);
  group = Number($('rg-group').value);
  guard = guardUnsaved($('rules-form'));
  $('rg-group').addEventListener('change', async () => { group = Number($('rg-group').value); await load(); });
  $('hd-date').value = today();
  if (!group) { showError('グループがありません。'); return; }
  await load();
  $('rules-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const res = await api('PUT', `/api/v1/groups/${group}/network-rules`, {
      discharge_origin_first: $('r-discharge').checked,
      night_acute_first: $('r-acute').checked,
      backup_secondary_hospital_id: Number($('r-secondary').value) || null,
    });
    if (res.status !== 200) { showError(errorMessage(res)); return; }
    guard.saved();
    showSaved('後方支援の取り決め');
  });
  $('hduty-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const res = await api('POST', `/api/v1/groups/${group}/hospital-duties`, { date: $('hd-date').value, hospital_id: Number($('hd-hospital').value) || 0 });
    if (res.status !== 201) { showError(errorMessage(res)); return; }
    await showDuties();
    showSaved('病院の当直');
  });
  $('hduty-list').addEventListener('click', async (ev) => {
    const b = ev.target.closest('button.hd-del');
    if (!b) return;
    b.disabled = true;
    const res = await api('DELETE', `/api/v1/groups/${group}/hospital-duties/${b.dataset.id}`);
    if (res.status !== 200) { showError(errorMessage(res)); b.disabled = false; return; }
    await showDuties();
  });
});
