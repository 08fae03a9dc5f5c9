// The leftovers of issue 14 built for the pages (issue 14 §2, §4, §5, §9): the patient list's search
// and paging; the tri-state capabilities of a team (未確認 is not "missing"); the explicit end of a
// 在宅療養後方支援病院 registration; ending or editing an absence; substitutes outside the group; the
// per-group rule options of seed 002 ③ and the bed history. Every patient read and write is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, authHeaders, api } from './lib.mjs';

let fx, hanako, team;
const NOW = '2026-12-15T01:00:00Z'; // 10:00 JST on the test build's clock

before(async () => {
  fx = await serverFixture({ demo: true, role: 'coordinator', env: { ZAITAKU_NOW: NOW } });
  const list = await fx.api('GET', '/api/v1/patients');
  hanako = list.json.items.find((p) => p.name.startsWith('鹿嶋 花子'));
  team = (await fx.api('GET', `/api/v1/patients/${hanako.id}`)).json.team;
});
after(() => fx?.close());

test('the patient list: search by name or kana, by municipality, paging; bad parameters name the field', async () => {
  let r = await fx.api('GET', '/api/v1/patients?q=%E3%81%8B%E3%81%97%E3%81%BE%20%E3%81%AF%E3%81%AA%E3%81%93'); // かしま はなこ
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  assert.deepEqual(r.json.items.map((p) => p.id), [hanako.id]);
  assert.equal(r.json.total, 1);
  r = await fx.api('GET', '/api/v1/patients?municipality=082228&limit=2');
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length <= 2 && r.json.total >= r.json.items.length);
  const all = (await fx.api('GET', '/api/v1/patients')).json;
  r = await fx.api('GET', '/api/v1/patients?limit=1&offset=1');
  assert.deepEqual(r.json.items.map((p) => p.id), [all.items[1].id]);
  assert.equal(r.json.total, all.total);
  r = await fx.api('GET', '/api/v1/patients?offset=999');
  assert.deepEqual(r.json.items, []);
  for (const [q, field] of [['limit=0', 'limit'], ['limit=501', 'limit'], ['offset=-1', 'offset'], ['municipality=08222', 'municipality'],
    [`q=${'あ'.repeat(40)}`, 'q'], ['limit=x', 'limit']]) {
    r = await fx.api('GET', `/api/v1/patients?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.json.error.field, field, q);
  }
  // The listing's audit row names the ids shown and the query.
  const audit = await fx.api('GET', '/api/v1/audit?object_type=patient_list&limit=500');
  assert.equal(audit.status, 200);
});

test('tri-state capabilities: a need only 未確認 in the team is capability_unconfirmed, not missing', async () => {
  const admin = await authHeaders(fx.srv, 'admin');
  // The 副主治医's clinic (within 16 km) has not answered about 在宅自己腹膜灌流.
  let r = await api(fx.srv.base, 'PUT', `/api/v1/facilities/${team.secondary_institution.id}`, { capabilities_unknown: ['peritoneal_dialysis'] }, admin);
  assert.equal(r.status, 200, r.text);
  r = await fx.api('PUT', `/api/v1/patients/${hanako.id}`, { needs: ['oxygen', 'end_of_life', 'peritoneal_dialysis', 'home_hemodialysis'] });
  assert.equal(r.status, 200, r.text);
  const probs = (await fx.api('GET', `/api/v1/patients/${hanako.id}`)).json.team.problems;
  const unconf = probs.find((p) => p.code === 'capability_unconfirmed');
  assert.ok(unconf, JSON.stringify(probs));
  assert.match(unconf.message, /在宅自己腹膜灌流/);
  assert.match(unconf.message, /未確認/);
  assert.equal(unconf.severity, 'warning');
  assert.ok(!probs.some((p) => p.code === 'capability_missing' && /在宅自己腹膜灌流/.test(p.message)));
  assert.ok(probs.some((p) => p.code === 'capability_missing' && /在宅血液透析/.test(p.message)), 'a need nobody answered as unknown stays missing');
  r = await fx.api('PUT', `/api/v1/patients/${hanako.id}`, { needs: ['oxygen', 'end_of_life'] });
  assert.equal(r.status, 200);
});

test('在宅療養後方支援病院: an explicit end with date and reason, audited, shown in the registrations', async () => {
  let regs = (await fx.api('GET', `/api/v1/patients/${hanako.id}/backup-registrations`)).json.items;
  const active = regs.find((x) => !x.ended_on);
  assert.ok(active, 'the demo registers the patient');
  const path = `/api/v1/patients/${hanako.id}/backup-registrations/${active.id}/end`;
  let r = await fx.api('POST', path, { ended_on: '2026-12-15' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'reason');
  r = await fx.api('POST', path, { ended_on: '2026-12-16', reason: '転院' });
  assert.equal(r.json.error.field, 'ended_on');
  r = await fx.api('POST', path, { ended_on: '2026-12-15', reason: '転院', extra: 1 });
  assert.equal(r.status, 400);
  const other = (await fx.api('GET', '/api/v1/patients')).json.items.find((p) => p.id !== hanako.id);
  r = await fx.api('POST', `/api/v1/patients/${other.id}/backup-registrations/${active.id}/end`, { ended_on: '2026-12-15', reason: '転院' });
  assert.equal(r.status, 404);
  r = await fx.api('POST', path, { ended_on: '2026-12-15', reason: '在宅療養の終了（入院）' });
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  r = await fx.api('POST', path, { ended_on: '2026-12-15', reason: '再度' });
  assert.equal(r.status, 409);
  regs = (await fx.api('GET', `/api/v1/patients/${hanako.id}/backup-registrations`)).json.items;
  const ended = regs.find((x) => x.id === active.id);
  assert.equal(ended.ended_on, '2026-12-15');
  assert.equal(ended.end_reason, '在宅療養の終了（入院）');
  const v = (await fx.api('GET', `/api/v1/patients/${hanako.id}`)).json;
  assert.equal(v.team.backup_registration, null);
  const audit = await fx.api('GET', `/api/v1/audit?object_type=backup_registration&object_id=${hanako.id}&limit=500`);
  const row = audit.json.items.find((x) => x.action === 'end');
  assert.ok(row, 'the end is an audit row');
  // Registered again (the rest of the file keeps the demo's call chain).
  r = await fx.api('POST', `/api/v1/patients/${hanako.id}/backup-registrations`, { hospital_id: active.hospital_id, registered_on: '2026-12-15' });
  assert.equal(r.status, 201, r.text);
});

test('an absence is shortened, extended or refused when it overlaps; duty substitutions outside the new period end, audited', async () => {
  const doc = team.primary.id;
  let r = await fx.api('POST', `/api/v1/groups/${team.group_id}/duties`, { date: '2031-03-07', type: 'weekday_night', practitioner_id: doc });
  assert.equal(r.status, 201, r.text);
  const duty = r.json;
  r = await fx.api('POST', '/api/v1/absences', { practitioner_id: doc, starts_on: '2031-03-01', ends_on: '2031-03-10', reason: '学会' });
  assert.equal(r.status, 201, r.text);
  const ab = r.json;
  const plan = (await fx.api('GET', `/api/v1/absences/${ab.id}/substitutes`)).json;
  const d = plan.items.find((x) => x.kind === 'duty' && x.duty.id === duty.id);
  r = await fx.api('POST', `/api/v1/absences/${ab.id}/substitutions`, { duty_id: duty.id, practitioner_id: d.substitutes[0].practitioner_id });
  assert.equal(r.status, 201, r.text);
  r = await fx.api('POST', '/api/v1/absences', { practitioner_id: doc, starts_on: '2031-03-20', ends_on: '2031-03-25', reason: '休暇' });
  assert.equal(r.status, 201, r.text);
  // Refusals name the field and change nothing.
  for (const [body, field] of [[{ ends_on: '2031-03-22' }, 'starts_on'], [{ ends_on: '2031-02-01' }, 'ends_on'], [{ reason: '' }, 'reason'],
    [{ practitioner_id: team.secondary.id }, 'practitioner_id'], [{ ends_on: 5 }, 'ends_on'], [{ color: 'red' }, 'color']]) {
    r = await fx.api('PUT', `/api/v1/absences/${ab.id}`, body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.field, field, JSON.stringify(body));
  }
  r = await fx.api('PUT', `/api/v1/absences/99999999`, { ends_on: '2031-03-05' });
  assert.equal(r.status, 404);
  // Ending early: the duty of 3/7 is outside the new period, its 代診 ends.
  r = await fx.api('PUT', `/api/v1/absences/${ab.id}`, { ends_on: '2031-03-05', reason: '学会（短縮）' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.ends_on, '2031-03-05');
  assert.equal(r.json.reason, '学会（短縮）');
  assert.equal(r.json.ended_substitutions, 1);
  const after = (await fx.api('GET', `/api/v1/absences/${ab.id}/substitutes`)).json;
  assert.ok(!after.items.some((x) => x.kind === 'duty' && x.duty.id === duty.id));
  const audit = await fx.api('GET', '/api/v1/audit?object_type=substitution&limit=500');
  assert.ok(audit.json.items.some((x) => x.action === 'end' && x.object_id === duty.id), 'the ended substitution is an audit row');
  const audit2 = await fx.api('GET', `/api/v1/audit?object_type=absence&object_id=${ab.id}&limit=50`);
  assert.ok(audit2.json.items.some((x) => x.action === 'update'));
  // Extending up to the other absence is fine; into it is refused.
  r = await fx.api('PUT', `/api/v1/absences/${ab.id}`, { ends_on: '2031-03-19' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.ended_substitutions, 0);
});

test('substitutes outside the group when nobody in the group qualifies: ranked after, flagged グループ外（要依頼）', async () => {
  const g = (await fx.api('GET', `/api/v1/groups/${team.group_id}`)).json;
  const docs = [];
  for (const m of g.members.filter((x) => x.kind === 'clinic' || x.kind === 'hospital')) {
    const f = (await fx.api('GET', `/api/v1/facilities/${m.institution_id}`)).json;
    docs.push(...f.practitioners.filter((p) => p.role === 'doctor').map((p) => p.id));
  }
  // Every doctor of the group is away on 2031-05-01..03.
  let primaryAbsence = 0;
  for (const id of docs) {
    const r = await fx.api('POST', '/api/v1/absences', { practitioner_id: id, starts_on: '2031-05-01', ends_on: '2031-05-03', reason: '連休' });
    assert.equal(r.status, 201, r.text);
    if (id === team.primary.id) primaryAbsence = r.json.id;
  }
  const plan = (await fx.api('GET', `/api/v1/absences/${primaryAbsence}/substitutes`)).json;
  const item = plan.items.find((x) => x.kind === 'patient' && x.patient_id === hanako.id);
  assert.ok(item.substitutes.length >= 1, JSON.stringify(item).slice(0, 600));
  for (const s of item.substitutes) {
    assert.equal(s.outside, true);
    assert.match(s.reasons, /^グループ外（要依頼）/);
    assert.ok(s.km <= 16);
    assert.ok(!docs.includes(s.practitioner_id));
  }
  assert.match(item.none_reason, /グループ内では/);
  assert.ok(item.excluded.some((s) => !s.outside && /不在/.test(s.reasons)), 'the group doctors are listed as excluded (absent)');
  const pick = item.substitutes[0];
  let r = await fx.api('POST', `/api/v1/absences/${primaryAbsence}/substitutions`, { patient_id: hanako.id, practitioner_id: pick.practitioner_id });
  assert.equal(r.status, 201, r.text);
  const c = (await fx.api('GET', `/api/v1/patients/${hanako.id}/call-chain?at=2031-05-02T10:00:00%2B09:00`)).json;
  assert.equal(c.steps[0].reason, 'substitute');
  assert.equal(c.steps[0].practitioner_id, pick.practitioner_id);
});

test('seed 002 ③ rules per group: 青葉区 (hospital on night duty first) and a backup hospital as 副主治医 at night', async () => {
  const base = `/api/v1/groups/${team.group_id}`;
  let r = await fx.api('GET', `${base}/network-rules`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { discharge_origin_first: true, night_acute_first: false, backup_secondary_hospital_id: null });
  const g = (await fx.api('GET', base)).json;
  const groupHospital = g.members.find((m) => m.kind === 'hospital').institution_id;
  const hs = (await fx.api('GET', `/api/v1/facilities?kind=hospital&municipality=082228&limit=50`)).json.items;
  const outsider = hs.find((h) => !g.members.some((m) => m.institution_id === h.id));
  r = await fx.api('PUT', `${base}/network-rules`, { backup_secondary_hospital_id: outsider.id });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'backup_secondary_hospital_id');
  r = await fx.api('PUT', `${base}/network-rules`, { night_acute_first: 'yes' });
  assert.equal(r.json.error.field, 'night_acute_first');
  r = await fx.api('PUT', `${base}/network-rules`, { night_acute_first: true, backup_secondary_hospital_id: groupHospital });
  assert.equal(r.status, 200, r.text);
  // Which acute hospital is on night duty on which date (青葉区).
  r = await fx.api('POST', `${base}/hospital-duties`, { date: '2030-12-17', hospital_id: outsider.id });
  assert.equal(r.status, 201, r.text);
  const hd = r.json.id;
  r = await fx.api('POST', `${base}/hospital-duties`, { date: '2030-12-17', hospital_id: outsider.id });
  assert.equal(r.status, 409);
  r = await fx.api('POST', `${base}/hospital-duties`, { date: '2030-02-30', hospital_id: outsider.id });
  assert.equal(r.json.error.field, 'date');
  r = await fx.api('POST', `${base}/hospital-duties`, { date: '2030-12-18', hospital_id: team.primary_institution.id });
  assert.equal(r.json.error.field, 'hospital_id');
  r = await fx.api('GET', `${base}/hospital-duties?from=2030-12-01&to=2030-12-31`);
  assert.equal(r.json.items.length, 1);
  assert.equal(r.json.items[0].hospital_id, outsider.id);
  // 02:00 on 12/18 belongs to the night of 12/17: the night-duty hospital first among hospitals, the
  // backup hospital in the 副主治医 place.
  let c = (await fx.api('GET', `/api/v1/patients/${hanako.id}/call-chain?at=2030-12-18T02:00:00%2B09:00`)).json;
  const reasons = c.steps.map((s) => s.reason);
  const acute = reasons.indexOf('night_acute');
  assert.ok(acute >= 0, reasons.join(','));
  assert.equal(c.steps[acute].institution_id, outsider.id);
  assert.match(c.steps[acute].sentence, /一時的に受け入れ/);
  const hospitalSteps = c.steps.filter((s) => /hospital/.test(s.role) && s.reason !== 'backup_as_secondary');
  assert.equal(hospitalSteps[0].reason, 'night_acute');
  const bs = c.steps.find((s) => s.reason === 'backup_as_secondary');
  assert.ok(bs && bs.role === 'secondary' && bs.institution_id === groupHospital);
  assert.match(bs.sentence, /副主治医の役割/);
  c = (await fx.api('GET', `/api/v1/patients/${hanako.id}/call-chain?at=2030-12-17T10:00:00%2B09:00`)).json;
  assert.ok(!c.steps.some((s) => s.reason === 'night_acute' || s.reason === 'backup_as_secondary'));
  r = await fx.api('DELETE', `${base}/hospital-duties/${hd}`);
  assert.equal(r.status, 200, r.text);
  r = await fx.api('DELETE', `${base}/hospital-duties/${hd}`);
  assert.equal(r.status, 404);
  const audit = await fx.api('GET', '/api/v1/audit?object_type=network_rule&limit=50');
  assert.ok(audit.json.items.some((x) => x.action === 'update' && x.object_id === team.group_id));
  // Back to the 柏市 default.
  r = await fx.api('PUT', `${base}/network-rules`, {});
  assert.deepEqual(r.json, { discharge_origin_first: true, night_acute_first: false, backup_secondary_hospital_id: null });
});

test('bed history: every update kept, newest first, for the hospital and the district', async () => {
  const h = team.backup_registration ? team.backup_registration.hospital.id : (await fx.api('GET', `/api/v1/groups/${team.group_id}`)).json.members.find((m) => m.kind === 'hospital').institution_id;
  for (const free of [1, 3]) {
    const r = await fx.api('PUT', `/api/v1/facilities/${h}/beds`, { wards: [{ ward: 'general', reserved: 4, free }] });
    assert.equal(r.status, 200, r.text);
  }
  let r = await fx.api('GET', `/api/v1/facilities/${h}/beds/history?limit=2`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  assert.deepEqual(r.json.items.map((x) => x.free), [3, 1]);
  assert.equal(r.json.items[0].ward, 'general');
  assert.ok(r.json.items[0].updated_by);
  r = await fx.api('GET', `/api/v1/facilities/${h}/beds/history?limit=0`);
  assert.equal(r.json.error.field, 'limit');
  const doctor = await authHeaders(fx.srv, 'doctor', { institution: team.primary_institution.id });
  r = await api(fx.srv.base, 'GET', `/api/v1/facilities/${h}/beds/history`, undefined, doctor);
  assert.equal(r.status, 403);
});
