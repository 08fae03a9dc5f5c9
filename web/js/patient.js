// 患者と急変時の連絡順: the call chain of one patient at a chosen moment (large tel: links first),
// the care team with its problems, and the record, which a writer edits in the registration form
// (web/js/patient-form.js). Every read is an audit row on the server.
import { api, el, errorMessage, guardUnsaved, may, pageQuery, requireCan, showError, showNotice, showSaved, start } from './common.js';
import { clearErrors, showFieldError } from './form-fields.js';
import { buildPatientForm, fillPatientForm, patientBody } from './patient-form.js';
import { teamEditor } from './team-editor.js';

/** "YYYY-MM-DDTHH:MM" of now in Asia/Tokyo, for the datetime-local input. */
function nowLocal() {
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return f.format(new Date()).replace(' ', 'T');
}

function fact(dl, label, value) {
  dl.append(el('dt', {}, label), el('dd', {}, value || '—'));
}

function instName(i) {
  return i ? i.name : '未設定';
}

async function showChain(id) {
  const at = document.getElementById('at').value;
  const r = await api('GET', `/api/v1/patients/${id}/call-chain?at=${encodeURIComponent(at + ':00+09:00')}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const c = r.json;
  document.getElementById('chain-slot').textContent = c.slot;
  document.getElementById('chain').replaceChildren(...c.steps.map((s) => el('li', { dataset: { reason: s.reason, role: s.role } },
    el('div', { class: 'step-head' },
      el('span', { class: 'step-order' }, String(s.order)),
      el('span', { class: 'step-role' }, s.role_label),
      el('span', { class: 'step-who' }, [s.person, s.institution].filter(Boolean).join('　'))),
    el('div', {}, ...s.phones.map((ph) => el('a', { class: 'tel', href: `tel:${ph.replace(/[^0-9+]/g, '')}` }, `☎ ${ph}`))),
    el('p', { class: 'step-why' }, s.sentence))));
  document.getElementById('chain-skipped').replaceChildren(...c.skipped.map((s) => el('li', { dataset: { reason: s.reason } }, s.sentence)));
  document.getElementById('chain-know').replaceChildren(...c.must_know.map((k) => el('li', {}, k)));
}

/** The 在宅療養後方支援病院 registrations, newest first (ended ones with date and reason); a writer
 *  may end the one in force with a date and a reason. */
async function showBackups(id, writer) {
  const r = await api('GET', `/api/v1/patients/${id}/backup-registrations`);
  if (r.status !== 200) { showError(errorMessage(r)); return null; }
  const items = r.json.items;
  document.getElementById('backup-list').replaceChildren(...items.map((b) => el('li', { dataset: { id: String(b.id), ended: b.ended_on ? '1' : '' } },
    el('strong', {}, b.hospital_name), `　${b.registered_on} 登録`, b.expires_on ? `（期限 ${b.expires_on}）` : '',
    b.ended_on ? el('span', { class: 'backup-ended' }, `　${b.ended_on} 終了: ${b.end_reason || '新しい登録への切り替え'}`)
      : el('span', { class: 'badge badge-ok' }, '登録中'))));
  if (items.length === 0) document.getElementById('backup-list').append(el('li', { class: 'muted' }, '登録はありません。'));
  const active = items.find((b) => !b.ended_on);
  document.getElementById('backup-end').hidden = !(writer && active);
  return active || null;
}

/** The team as facts, with its problems (code, severity, Japanese message) above. */
function renderTeam(t) {
  const problems = document.getElementById('problems');
  problems.replaceChildren(...t.problems.map((x) => el('li', { dataset: { code: x.code } },
    el('span', { class: x.severity === 'error' ? 'badge badge-warn' : 'badge badge-off' }, x.severity === 'error' ? '要対応' : '注意'), ' ', x.message)));
  if (t.problems.length === 0) problems.append(el('li', {}, el('span', { class: 'badge badge-ok' }, '問題なし')));
  const team = document.getElementById('team');
  team.replaceChildren();
  fact(team, '主治医', t.primary_institution ? `${t.primary ? t.primary.name + '　' : ''}${t.primary_institution.name}` : '未設定');
  fact(team, '副主治医', t.secondary_institution ? `${t.secondary ? t.secondary.name + '　' : ''}${t.secondary_institution.name}` : '未設定');
  fact(team, '訪問看護', t.nurse_station ? `${t.nurse_station.name}${t.nurse_station.h24 ? '（24時間対応）' : ''}` : '未設定');
  fact(team, '薬局', instName(t.pharmacy));
  fact(team, '居宅介護支援', instName(t.care_manager));
  fact(team, '退院元の病院', instName(t.discharge_hospital));
  const b = t.backup_registration;
  fact(team, '在宅療養後方支援病院', b ? `${b.hospital.name}（${b.registered_on} 登録、最終情報交換 ${b.last_exchange || 'なし'}）` : '未登録');
}

/** The record as facts. */
function renderRecord(p) {
  const rec = document.getElementById('record');
  rec.replaceChildren();
  fact(rec, '生年月日', `${p.birth_date}（${p.age}歳）`);
  fact(rec, '性別', p.sex.label);
  fact(rec, '住所', p.address);
  fact(rec, '電話', p.phone);
  fact(rec, '家族の連絡先', [p.family.name, p.family.relation, p.family.phone].filter(Boolean).join('　'));
  fact(rec, '状態', `${p.status.label}（${p.status_since}から）`);
  fact(rec, '要介護度', p.care_level.label);
  fact(rec, '必要な対応', p.needs.map((x) => x.label).join('、'));
  fact(rec, '医療機器・処置', p.devices.map((x) => x.label).join('、'));
  fact(rec, 'アレルギー', p.allergies);
  fact(rec, 'ACP（人生会議）', p.acp.recorded_on
    ? `自宅での看取り ${p.acp.home_death.label}／救急搬送 ${p.acp.transport.label}／延命治療 ${p.acp.life_support.label}（${p.acp.recorded_on} ${p.acp.recorded_by}）`
    : '記録なし');
}

/** 記録を編集: the registration form filled with the record; a PUT changes it (the API names a refused
 *  field, shown beside it). */
function editRecord(p) {
  const btn = document.getElementById('record-edit'), form = document.getElementById('record-form');
  btn.hidden = false;
  let guard = null;
  btn.addEventListener('click', async () => {
    if (!form.firstChild) {
      await buildPatientForm(form, { submitLabel: '記録を保存' });
      form.querySelector('#f-fictional').closest('label').hidden = true;
      guard = guardUnsaved(form);
      document.getElementById('p-cancel').addEventListener('click', () => { form.hidden = true; btn.hidden = false; });
    }
    await fillPatientForm(form, p);
    form.hidden = false;
    btn.hidden = true;
    form.elements.name.focus();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const body = patientBody(form, { all: true });
    delete body.fictional;
    const r = await api('PUT', `/api/v1/patients/${p.id}`, body);
    if (r.status !== 200) {
      const f = r.json && r.json.error && r.json.error.field;
      if (!f || !showFieldError(form, f, errorMessage(r))) showError(errorMessage(r));
      return;
    }
    guard.saved();
    Object.assign(p, r.json);
    renderRecord(p);
    document.getElementById('title').textContent = `${p.name}（${p.kana}）`;
    form.hidden = true;
    btn.hidden = false;
    showSaved('患者の記録');
  });
}

start(async () => {
  const s = await requireCan('patient_read', '患者情報');
  if (!s) return;
  const id = Number(pageQuery().get('id'));
  if (!id) { showError('患者が指定されていません。'); return; }
  const r = await api('GET', `/api/v1/patients/${id}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const p = r.json;
  document.title = `${p.name} — 急変時の連絡順 — 在宅医療・介護 地域資源`;
  document.getElementById('title').textContent = `${p.name}（${p.kana}）`;
  document.getElementById('crumb').textContent = p.name;
  document.getElementById('fhir-download').href = `/api/v1/patients/${id}/fhir`;
  // who read or changed this record (監査記録), for those who may read the audit trail
  const auditLink = document.getElementById('audit-link');
  auditLink.href = `/audit?object_type=patient&object_id=${id}`;
  auditLink.hidden = !may(s, 'audit_read');

  renderTeam(p.team);
  if (may(s, 'patient_write')) {
    const btn = document.getElementById('team-edit');
    const form = document.getElementById('team-editor');
    btn.hidden = false;
    let ready = false;
    const open = async () => {
      if (!ready) { await teamEditor(form, p, (team) => { p.team = team; renderTeam(team); }); ready = true; }
      form.hidden = false;
      btn.hidden = true;
      form.scrollIntoView({ block: 'start' });
    };
    btn.addEventListener('click', open);
    document.getElementById('team-close').addEventListener('click', () => { form.hidden = true; btn.hidden = false; });
    if (pageQuery().get('new')) showNotice('患者を登録しました。ケアチームを設定してください。');
    if (location.hash === '#team-editor') await open();
  }

  // 在宅療養後方支援病院: registrations, and the explicit end of the one in force.
  const writer = may(s, 'patient_write');
  let active = await showBackups(id, writer);
  const endForm = document.getElementById('backup-end');
  const endGuard = guardUnsaved(endForm);
  endForm.elements.ended_on.value = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
  endForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(endForm);
    if (!active) return;
    const res = await api('POST', `/api/v1/patients/${id}/backup-registrations/${active.id}/end`,
      { ended_on: endForm.elements.ended_on.value, reason: endForm.elements.reason.value.trim() });
    if (res.status !== 200) {
      const f = res.json && res.json.error && res.json.error.field;
      if (!f || !showFieldError(endForm, f, errorMessage(res))) showError(errorMessage(res));
      return;
    }
    endGuard.saved();
    active = await showBackups(id, writer);
    const v = await api('GET', `/api/v1/patients/${id}`);
    if (v.status === 200) renderTeam(v.json.team);
    showSaved('在宅療養後方支援病院の登録の終了');
  });

  renderRecord(p);
  if (writer) editRecord(p);

  const at = document.getElementById('at');
  at.value = pageQuery().get('at') || nowLocal();
  document.getElementById('chain-form').addEventListener('submit', (ev) => { ev.preventDefault(); showChain(id); });
  document.getElementById('chain-now').addEventListener('click', () => { at.value = nowLocal(); showChain(id); });
  await showChain(id);
});
