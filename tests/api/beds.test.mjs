// 後方病床 (issue 14 §5; seed 002 ③): backup hospitals publish reserved and free beds per ward type
// from their own account; every figure carries updated_at and who; figures older than the group's
// bed_stale_hours (default 12) are stale. The call chain puts the registered 在後病 and the
// discharge-origin hospital first, skips a hospital with no free bed saying so, and marks stale figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, authHeaders, api, execAsync, sqlCli } from './lib.mjs';

let fx, hanako, team, hospitalAuth;

before(async () => {
  fx = await serverFixture({ demo: true, role: 'coordinator', env: { ZAITAKU_NOW: '2026-12-15T01:00:00Z' } });
  hanako = (await fx.api('GET', '/api/v1/patients')).json.items.find((p) => p.name.startsWith('鹿嶋 花子'));
  team = (await fx.api('GET', `/api/v1/patients/${hanako.id}`)).json.team;
  hospitalAuth = await authHeaders(fx.srv, 'hospital', { institution: team.backup_registration.hospital.id });
});
after(() => fx?.close());

const beds = (id, body, who) => api(fx.srv.base, 'PUT', `/api/v1/facilities/${id}/beds`, body, who);

test('a hospital publishes its beds; bad figures name the field; others may not', async () => {
  const id = team.backup_registration.hospital.id;
  let r = await beds(id, { wards: [{ ward: 'general', reserved: 2, free: -1 }] }, hospitalAuth);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'wards[0].free');
  r = await beds(id, { wards: [{ ward: 'icu', reserved: 2, free: 1 }] }, hospitalAuth);
  assert.equal(r.json.error.field, 'wards[0].ward');
  r = await beds(id, { wards: [{ ward: 'general', reserved: 2, free: 1 }, { ward: 'general', reserved: 1, free: 1 }] }, hospitalAuth);
  assert.equal(r.json.error.field, 'wards[1].ward');
  const nurse = await authHeaders(fx.srv, 'nurse', { institution: team.nurse_station.id });
  assert.equal((await beds(id, { wards: [{ ward: 'general', reserved: 2, free: 1 }] }, nurse)).status, 403);
  r = await beds(id, { wards: [{ ward: 'general', reserved: 2, free: 0 }, { ward: 'community_care', reserved: 1, free: 0 }] }, hospitalAuth);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.free, 0);
  assert.equal(r.json.wards[0].updated_at, '2026-12-15T01:00:00Z');
  assert.match(r.json.wards[0].updated_by, /^t-hospital-/);
  const audit = await fx.api('GET', `/api/v1/audit?object_type=beds&object_id=${id}`);
  assert.equal(audit.json.items.filter((x) => /^t-hospital-/.test(x.actor_username || '')).length, 1);
  // the discharge-origin hospital: the district's coordinator publishes for it
  r = await beds(team.discharge_hospital.id, { wards: [{ ward: 'general', reserved: 3, free: 2 }] }, fx.auth);
  assert.equal(r.status, 200, r.text);
});

test('the call chain skips a hospital with no free bed, saying so, and marks stale figures', async () => {
  const chain = async () => (await fx.api('GET', `/api/v1/patients/${hanako.id}/call-chain?at=2030-12-17T10:00:00%2B09:00`)).json;
  let c = await chain();
  const skipped = c.skipped.find((s) => s.reason === 'no_free_bed');
  assert.ok(skipped && skipped.sentence.includes(team.backup_registration.hospital.name), JSON.stringify(c.skipped));
  const hospitals = c.steps.filter((s) => /hospital/.test(s.role));
  assert.equal(hospitals[0].reason, 'discharge_origin');
  assert.match(hospitals[0].sentence, /空床 2 床/);
  assert.doesNotMatch(hospitals[0].sentence, /古い/);
  // Age the figure beyond 12 hours: it is shown as stale.
  const q = await execAsync(...sqlCli(fx.t.db, `UPDATE bed_report SET updated_at = '2026-12-14T00:00:00Z' WHERE hospital_id = ${team.discharge_hospital.id}`));
  assert.equal(q.status, 0, String(q.stderr));
  c = await chain();
  assert.match(c.steps.find((s) => s.reason === 'discharge_origin').sentence, /古い情報/);
  const r = await fx.api('GET', `/api/v1/facilities/${team.discharge_hospital.id}/beds`);
  assert.equal(r.json.wards[0].stale, true);
});
