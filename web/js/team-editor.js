// ケアチームの編集 (issue 14 §2, §9): 主治医 / 副主治医 (institution + practitioner pickers), the
// visiting nurse station, pharmacy, 居宅介護支援, the discharge-origin hospital and the group.
// Institutions offered: the group's members first, then those near the patient's home (30 km) or
// in the patient's municipality. Saving answers the team with team_validate()'s coded Japanese
// problems, shown beside the fields they concern; a refusal (400) names its field the same way.
import { api, el, errorMessage, guardUnsaved, showError, showSaved } from './common.js';
import { clearErrors, field, showFieldError } from './form-fields.js';

const SLOTS = [
  // field, label, kinds, practitioner field
  ['primary_institution_id', '主治医の医療機関', ['clinic', 'hospital'], 'primary_practitioner_id'],
  ['secondary_institution_id', '副主治医の医療機関', ['clinic', 'hospital'], 'secondary_practitioner_id'],
  ['nurse_station_id', '訪問看護ステーション', ['nurse_station']],
  ['pharmacy_id', '薬局', ['pharmacy']],
  ['care_manager_id', '居宅介護支援事業所', ['care_management', 'community_support']],
  ['discharge_hospital_id', '退院元の病院', ['hospital']],
];

const byKind = new Map(); // kind → [{id, name, …}]
let members = [];         // members of the chosen group [{institution_id, name, kind}]

async function nearby(p, kind) {
  if (byKind.has(kind)) return byKind.get(kind);
  const q = new URLSearchParams({ kind, limit: '500' });
  if (p.lat !== null && p.lon !== null) { q.set('near', `${p.lat},${p.lon}`); q.set('within_km', '30'); } else q.set('municipality', p.municipality);
  const r = await api('GET', '/api/v1/facilities?' + q);
  const items = r.status === 200 ? r.json.items : [];
  byKind.set(kind, items);
  return items;
}

async function fillInstitutions(p, sel, kinds, value) {
  const near = (await Promise.all(kinds.map((k) => nearby(p, k)))).flat();
  const inGroup = members.filter((m) => kinds.includes(m.kind));
  const ids = new Set(inGroup.map((m) => m.institution_id));
  const others = near.filter((f) => !ids.has(f.id)).sort((a, b) => (a.distance_km ?? 0) - (b.distance_km ?? 0));
  sel.replaceChildren(el('option', { value: '' }, '（なし）'),
    inGroup.length ? el('optgroup', { label: 'グループの構成機関' }, ...inGroup.map((m) => el('option', { value: String(m.institution_id) }, m.name))) : '',
    others.length ? el('optgroup', { label: '患者宅の近く' }, ...others.map((f) => el('option', { value: String(f.id) }, f.name))) : '');
  if (value && ![...sel.options].some((o) => o.value === String(value))) sel.append(el('option', { value: String(value) }, `ID ${value}`));
  sel.value = value ? String(value) : '';
}

async function fillDoctors(sel, instId, value) {
  sel.replaceChildren(el('option', { value: '' }, '（医師を選ばない）'));
  if (!instId) return;
  const r = await api('GET', `/api/v1/facilities/${instId}`);
  const docs = r.status === 200 ? (r.json.practitioners || []).filter((x) => x.role === 'doctor') : [];
  sel.append(...docs.map((d) => el('option', { value: String(d.id) }, d.name)));
  sel.value = value && docs.some((d) => d.id === value) ? String(value) : '';
}

async function loadMembers(groupId) {
  members = [];
  if (!groupId) return;
  const r = await api('GET', `/api/v1/groups/${groupId}`);
  if (r.status === 200) members = r.json.members.map((m) => ({ institution_id: m.institution_id, name: m.name, kind: m.kind }));
}

/** Shows the team's problems beside the fields they concern (the rest stay in the list above). */
export function showProblems(form, problems) {
  for (const x of problems) showFieldError(form, x.field, x.message, { code: x.code, focus: false });
}

/**
 * Sets up the editor of patient p (its view with .team) in form; onSaved(team) re-renders the page.
 */
export async function teamEditor(form, p, onSaved) {
  const t = p.team;
  const cur = {
    group_id: t.group_id,
    primary_institution_id: t.primary_institution && t.primary_institution.id, primary_practitioner_id: t.primary && t.primary.id,
    secondary_institution_id: t.secondary_institution && t.secondary_institution.id, secondary_practitioner_id: t.secondary && t.secondary.id,
    nurse_station_id: t.nurse_station && t.nurse_station.id, pharmacy_id: t.pharmacy && t.pharmacy.id,
    care_manager_id: t.care_manager && t.care_manager.id, discharge_hospital_id: t.discharge_hospital && t.discharge_hospital.id,
  };
  const groups = await api('GET', '/api/v1/groups');
  const gsel = el('select', {}, el('option', { value: '' }, '（グループなし）'),
    ...(groups.status === 200 ? groups.json.items : []).map((g) => el('option', { value: String(g.id) }, g.name)));
  gsel.value = cur.group_id ? String(cur.group_id) : '';
  if (cur.group_id && gsel.value !== String(cur.group_id)) { gsel.append(el('option', { value: String(cur.group_id) }, `グループ ${cur.group_id}`)); gsel.value = String(cur.group_id); }
  await loadMembers(cur.group_id);
  const box = form.querySelector('#team-fields');
  const rows = [field('group_id', 'グループ（当番・代診の単位）', gsel, { hint: '主治医の医療機関がこのグループの構成機関である必要があります。' })];
  const sels = {};
  for (const [f, label, kinds, doc] of SLOTS) {
    sels[f] = el('select', {});
    const row = [field(f, label, sels[f])];
    if (doc) {
      sels[doc] = el('select', {});
      row.push(field(doc, label.replace('の医療機関', '（医師）'), sels[doc]));
      sels[f].addEventListener('change', () => fillDoctors(sels[doc], Number(sels[f].value), 0));
    }
    rows.push(el('div', { class: 'field-row' }, ...row));
  }
  box.replaceChildren(...rows);
  const fillAll = async () => {
    for (const [f, , kinds, doc] of SLOTS) {
      await fillInstitutions(p, sels[f], kinds, Number(sels[f].value) || cur[f]);
      if (doc) await fillDoctors(sels[doc], Number(sels[f].value), Number(sels[doc].value) || cur[doc]);
    }
  };
  await fillAll();
  gsel.addEventListener('change', async () => { await loadMembers(Number(gsel.value)); await fillAll(); });
  showProblems(form, t.problems);
  const guard = guardUnsaved(form);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const body = { group_id: Number(gsel.value) || null };
    for (const k of Object.keys(sels)) body[k] = Number(sels[k].value) || null;
    const r = await api('PUT', `/api/v1/patients/${p.id}/team`, body);
    if (r.status !== 200) {
      const f = r.json && r.json.error && r.json.error.field;
      if (!f || !showFieldError(form, f, errorMessage(r))) showError(errorMessage(r));
      return;
    }
    guard.saved();
    Object.assign(cur, body);
    showProblems(form, r.json.problems);
    onSaved(r.json);
    showSaved('ケアチーム');
  });
}
