// The coordinator programme (issue 18 §3–§6; seeds 002, 003, 004) through the real binary: operators
// (事業者) and who belongs to them, meetings with attendance and the 情報交換会 minimum (seed 002 ⑤),
// clinic stages A–D with override and history, institution visits, awards (顕彰).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, authHeaders, api } from './lib.mjs';

let fx, assoc, pref, coord, prefStaff, otherCoord, otherAssoc;

before(async () => {
  // 10:00 JST on 30 November 2026: fiscal year 2026 runs until 31 March 2027.
  fx = await serverFixture({ demo: true, env: { ZAITAKU_NOW: '2026-11-30T01:00:00Z' } });
  const a = await fx.api('GET', '/api/v1/facilities?kind=medical_association&municipality=082228');
  assoc = a.json.items[0].id;
  pref = '08';
  coord = await authHeaders(fx.srv, 'coordinator', { associations: [assoc] });
  prefStaff = await authHeaders(fx.srv, 'prefecture', { prefecture: '08' });
  const munis = await fx.api('GET', '/api/v1/municipalities?prefecture=12');
  const outMuni = (munis.json.items || munis.json)[0].code;
  otherAssoc = (await fx.api('POST', '/api/v1/facilities', { kind: 'medical_association', name: '他県の医師会', municipality: outMuni })).json.id;
  otherCoord = await authHeaders(fx.srv, 'coordinator', { associations: [otherAssoc] });
});
after(() => fx?.close());

test('operators: the prefecture creates them, a coordinator sees those of its 郡市医師会 only', async () => {
  const body = { name: 'テスト医師会 在宅医療推進コーディネータ', kind: 'coordinator', prefecture: pref, association_id: assoc, first_fiscal_year: 2025 };
  // coordinators do not create operators (the prefecture commissions them)
  assert.equal((await api(fx.srv.base, 'POST', '/api/v1/operators', body, coord)).status, 403);
  let r = await api(fx.srv.base, 'POST', '/api/v1/operators', body, prefStaff);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.kind_label, '在宅医療推進コーディネータ（郡市医師会）');
  const id = r.json.id;
  // a duplicate name in the prefecture is a conflict
  assert.equal((await api(fx.srv.base, 'POST', '/api/v1/operators', body, prefStaff)).status, 409);
  // bad input names the field and stores nothing
  r = await api(fx.srv.base, 'POST', '/api/v1/operators', { ...body, name: 'x', kind: 'coordinator', association_id: undefined }, prefStaff);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'association_id');
  r = await api(fx.srv.base, 'POST', '/api/v1/operators', { ...body, name: 'y', kind: 'municipal', association_id: undefined }, prefStaff);
  assert.equal(r.json.error.field, 'municipality');
  r = await api(fx.srv.base, 'POST', '/api/v1/operators', { ...body, name: 'z', first_fiscal_year: 1999 }, prefStaff);
  assert.equal(r.json.error.field, 'first_fiscal_year');
  r = await api(fx.srv.base, 'POST', '/api/v1/operators', { ...body, name: 'w', colour: 'red' }, prefStaff);
  assert.equal(r.json.error.field, 'colour');
  // another prefecture's staff may not create one here
  const chiba = await authHeaders(fx.srv, 'prefecture', { prefecture: '12' });
  assert.equal((await api(fx.srv.base, 'POST', '/api/v1/operators', { ...body, name: '千葉から' }, chiba)).status, 403);
  // the coordinator of the association sees it; another district's coordinator does not
  const mine = (await api(fx.srv.base, 'GET', '/api/v1/operators', undefined, coord)).json.items;
  assert.ok(mine.some((o) => o.id === id));
  const theirs = (await api(fx.srv.base, 'GET', '/api/v1/operators', undefined, otherCoord)).json.items;
  assert.ok(!theirs.some((o) => o.id === id));
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/operators/${id}`, undefined, otherCoord)).status, 404);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/operators/${id}`, undefined, coord)).status, 200);
  // the audit trail has the creation
  const audit = await fx.api('GET', '/api/v1/audit?object_type=operator');
  assert.ok(JSON.stringify(audit.json).includes('operator'), audit.text.slice(0, 200));
});
