// The history of an institution (issue 12 §8): every change — who, when, before and after — read
// from the audit trail, for those who may change the institution; the page shows it as 変更履歴.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, api as rawApi, authHeaders } from './lib.mjs';

let srv, api, close;
before(async () => {
  ({ srv, api, close } = await serverFixture({ demo: true }));
});
after(() => close?.());

test('GET /api/v1/facilities/{id}/history: who, when, before and after, newest first', async () => {
  const assocs = await api('GET', '/api/v1/facilities?kind=medical_association&municipality=082228');
  const coord = await authHeaders(srv, 'coordinator', { associations: [assocs.json.items[0].id] });
  let r = await rawApi(srv.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: '履歴テスト診療所', municipality: '082228', phone: '0299-00-0000' }, coord);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await rawApi(srv.base, 'PUT', `/api/v1/facilities/${id}`, { phone: '0299-11-1111' }, coord);
  assert.equal(r.status, 200, r.text);
  r = await rawApi(srv.base, 'GET', `/api/v1/facilities/${id}/history`, undefined, coord);
  assert.equal(r.status, 200, r.text);
  const [upd, cre] = r.json.items;
  assert.equal(r.json.items.length, 2);
  assert.equal(upd.action, 'update');
  assert.equal(upd.actor_role, 'coordinator');
  assert.ok(upd.actor_username);
  assert.match(upd.at, /^\d{4}-\d{2}-\d{2}T/);
  assert.equal(upd.before.phone, '0299-00-0000');
  assert.equal(upd.after.phone, '0299-11-1111');
  assert.equal(cre.action, 'create');
  assert.equal(cre.before, null);
  // the public and roles that may not change the registry do not see it; nor a coordinator elsewhere
  assert.equal((await rawApi(srv.base, 'GET', `/api/v1/facilities/${id}/history`)).status, 401);
  assert.equal((await rawApi(srv.base, 'GET', `/api/v1/facilities/${id}/history`, undefined, await authHeaders(srv, 'doctor'))).status, 403);
  const mito = await api('POST', '/api/v1/facilities', { kind: 'medical_association', name: '水戸の医師会', municipality: '082015' });
  const other = await authHeaders(srv, 'coordinator', { associations: [mito.json.id] });
  assert.equal((await rawApi(srv.base, 'GET', `/api/v1/facilities/${id}/history`, undefined, other)).status, 403);
  assert.equal((await api('GET', '/api/v1/facilities/99999999/history')).status, 404);
});
