// 代診 (issue 14 §4; seed 003 「休日日夜間等不在時の代診制」): a doctor records an absence; every
// affected patient and duty gets ranked substitutes with reasons (the 副主治医 first, then group
// doctors who are available, capable and within 16 km, fewest covered this fiscal year first);
// accepting one changes the call chain for that period (the substitute before the on-call doctor).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, authHeaders, api } from './lib.mjs';

let fx, hanako, team, absence, duty;

before(async () => {
  fx = await serverFixture({ demo: true, role: 'coordinator', env: { ZAITAKU_NOW: '2026-12-15T01:00:00Z' } });
  const list = await fx.api('GET', '/api/v1/patients');
  hanako = list.json.items.find((p) => p.name.startsWith('鹿嶋 花子'));
  team = (await fx.api('GET', `/api/v1/patients/${hanako.id}`)).json.team;
  const r = await fx.api('POST', `/api/v1/groups/${team.group_id}/duties`, { date: '2030-12-24', type: 'weekday_night', practitioner_id: team.primary.id });
  assert.equal(r.status, 201, r.text);
  duty = r.json;
});
after(() => fx?.close());

test('an absence is recorded; overlapping absences and bad dates name the field', async () => {
  let r = await fx.api('POST', '/api/v1/absences', { practitioner_id: team.primary.id, starts_on: '2030-12-20', ends_on: '2030-12-31', reason: '学会' });
  assert.equal(r.status, 201, r.text);
  absence = r.json;
  assert.equal(absence.practitioner_name, team.primary.name);
  r = await fx.api('POST', '/api/v1/absences', { practitioner_id: team.primary.id, starts_on: '2030-12-31', ends_on: '2031-01-03', reason: '休暇' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'starts_on');
  r = await fx.api('POST', '/api/v1/absences', { practitioner_id: team.primary.id, starts_on: '2031-02-10', ends_on: '2031-02-01', reason: '休暇' });
  assert.equal(r.json.error.field, 'ends_on');
  r = await fx.api('POST', '/api/v1/absences', { practitioner_id: team.primary.id, starts_on: '2031-02-01', ends_on: '2031-02-10' });
  assert.equal(r.json.error.field, 'reason');
  const nurse = await authHeaders(fx.srv, 'nurse', { institution: team.nurse_station.id });
  r = await api(fx.srv.base, 'POST', '/api/v1/absences', { practitioner_id: team.primary.id, starts_on: '2031-03-01', ends_on: '2031-03-02', reason: '休暇' }, nurse);
  assert.equal(r.status, 403);
});

test('ranked substitutes for the patient (副主治医 first) and the duty, with reasons; excluded say why', async () => {
  const r = await fx.api('GET', `/api/v1/absences/${absence.id}/substitutes`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  const p = r.json.items.find((x) => x.kind === 'patient' && x.patient_id === hanako.id);
  assert.ok(p, 'the absent 主治医 has this patient');
  assert.equal(p.substitutes[0].practitioner_id, team.secondary.id);
  assert.equal(p.substitutes[0].secondary, true);
  assert.match(p.substitutes[0].reasons, /副主治医/);
  for (const s of [...p.substitutes, ...p.excluded]) assert.notEqual(s.practitioner_id, team.primary.id);
  for (const s of p.excluded) assert.match(s.reasons, /[ぁ-んァ-ン一-龥]/);
  const d = r.json.items.find((x) => x.kind === 'duty' && x.duty.id === duty.id);
  assert.ok(d && d.substitutes.length > 0, JSON.stringify(d));
  // The plan shows patient data: its read is in the audit trail.
  const audit = await fx.api('GET', `/api/v1/audit?object_type=patient&object_id=${hanako.id}&limit=500`);
  assert.ok(audit.json.items.some((x) => x.action === 'read_substitutes'));
});

test('accepting substitutes changes the call chain for the period', async () => {
  const plan = (await fx.api('GET', `/api/v1/absences/${absence.id}/substitutes`)).json;
  const p = plan.items.find((x) => x.kind === 'patient' && x.patient_id === hanako.id);
  const d = plan.items.find((x) => x.kind === 'duty' && x.duty.id === duty.id);
  let r = await fx.api('POST', `/api/v1/absences/${absence.id}/substitutions`, { patient_id: hanako.id, practitioner_id: team.primary.id });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'practitioner_id');
  r = await fx.api('POST', `/api/v1/absences/${absence.id}/substitutions`, { patient_id: hanako.id, duty_id: duty.id, practitioner_id: 1 });
  assert.equal(r.status, 400);
  r = await fx.api('POST', `/api/v1/absences/${absence.id}/substitutions`, { patient_id: hanako.id, practitioner_id: p.substitutes[0].practitioner_id });
  assert.equal(r.status, 201, r.text);
  const dutySub = d.substitutes[0];
  r = await fx.api('POST', `/api/v1/absences/${absence.id}/substitutions`, { duty_id: duty.id, practitioner_id: dutySub.practitioner_id });
  assert.equal(r.status, 201, r.text);
  const after = (await fx.api('GET', `/api/v1/absences/${absence.id}/substitutes`)).json;
  assert.equal(after.items.find((x) => x.patient_id === hanako.id).accepted_practitioner_id, p.substitutes[0].practitioner_id);
  const chain = async (at) => (await fx.api('GET', `/api/v1/patients/${hanako.id}/call-chain?at=${encodeURIComponent(at)}`)).json;
  const day = await chain('2030-12-24T10:00:00+09:00');
  assert.equal(day.steps[0].reason, 'substitute');
  assert.equal(day.steps[0].practitioner_id, p.substitutes[0].practitioner_id);
  assert.ok(day.skipped.some((s) => s.reason === 'primary_absent' && s.sentence.includes('学会')));
  assert.ok(!day.steps.some((s) => s.role === 'primary'));
  const night = await chain('2030-12-25T02:00:00+09:00');
  assert.deepEqual(night.steps.slice(0, 2).map((s) => s.reason), ['substitute', 'on_call_substitute']);
  assert.equal(night.steps[1].practitioner_id, dutySub.practitioner_id);
  assert.match(night.steps[1].sentence, /不在/);
  // Outside the absence the 主治医 is back.
  const back = await chain('2031-01-06T10:00:00+09:00');
  assert.equal(back.steps[0].reason, 'primary_in_hours');
});
