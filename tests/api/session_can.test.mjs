// What the pages learn from the server instead of copying it (issue 10 §5): GET /api/v1/session lists
// the policy actions the user's role may perform (`can`, from the table of src/auth/policy.c), and
// GET /api/v1/codes serves every code table of src/domain (docs/api.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { serverFixture, api, authHeaders, ROOT } from './lib.mjs';

// The role columns of the grants table in src/auth/policy.c (issue 3 §2): the actions a role is not
// denied outright (ALL or SCOPED), in the order of enum policy_action. This is the one copy in the
// tests; the browser tests take each role's pages from the session instead.
const CAN = {
  admin: ['public_read', 'registry_write', 'import', 'group_read', 'group_write', 'designation_read', 'designation_write',
    'checklist_write', 'audit_read', 'user_admin', 'patient_read', 'region_write', 'publish', 'feed_manage',
    'operator_manage', 'programme_read', 'programme_write'],
  prefecture: ['public_read', 'registry_write', 'import', 'group_read', 'designation_read', 'designation_write', 'checklist_write',
    'region_write', 'publish', 'operator_manage', 'programme_read', 'programme_write'],
  coordinator: ['public_read', 'registry_write', 'import', 'group_read', 'group_write', 'designation_read', 'checklist_write',
    'audit_read', 'patient_read', 'patient_write', 'feed_manage', 'programme_read', 'programme_write'],
  doctor: ['public_read', 'group_read', 'patient_read', 'patient_write', 'feed_manage'],
  nurse: ['public_read', 'group_read', 'patient_read', 'patient_write'],
  hospital: ['public_read', 'patient_read', 'patient_write'],
};

let srv, close;
before(async () => {
  ({ srv, close } = await serverFixture({ demo: true }));
});
after(() => close?.());

test('GET /api/v1/session lists what the role may do (can), for every role', async () => {
  for (const [role, want] of Object.entries(CAN)) {
    const who = await authHeaders(srv, role);
    const r = await api(srv.base, 'GET', '/api/v1/session', undefined, who);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.user.role, role);
    assert.deepEqual(r.json.can, want, `${role}: can`);
  }
  // Signed out there is nothing to list.
  const out = await api(srv.base, 'GET', '/api/v1/session?quiet=1');
  assert.equal(out.status, 200);
  assert.equal(out.json.user, null);
});

test('signing in answers the same can as GET /api/v1/session', async () => {
  const r = await api(srv.base, 'POST', '/api/v1/session', { username: 'demo-coordinator', password: 'zaitaku-demo-coord' },
    { Origin: srv.base });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.can, CAN.coordinator);
});

test('GET /api/v1/codes serves every code table of src/domain, and the roles with their labels', async () => {
  const r = await api(srv.base, 'GET', '/api/v1/codes');
  assert.equal(r.status, 200);
  // Every `extern const struct code_entry NAME[…]` of src/domain/*.h is one list of the reply.
  const dir = join(ROOT, 'src/domain');
  let tables = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.h'))) {
    tables += [...readFileSync(join(dir, f), 'utf8').matchAll(/^extern const struct code_entry \w+\[/gm)].length;
  }
  const lists = Object.entries(r.json).filter(([k]) => k !== 'roles');
  assert.ok(tables >= 12, `code tables found in src/domain (${tables})`);
  assert.equal(lists.length, tables, `one list per code table: ${lists.map(([k]) => k).join(', ')}`);
  for (const [k, v] of Object.entries(r.json)) {
    assert.ok(Array.isArray(v) && v.length > 0, `${k}: a non-empty list`);
    for (const e of v) assert.ok(typeof e.code === 'string' && /[ぁ-んァ-ヶ一-龠]/.test(e.label), `${k}.${e.code}: Japanese label`);
  }
  for (const k of ['kinds', 'standards', 'capabilities', 'group_roles', 'initiative_kinds', 'topics', 'obligation_statuses']) {
    assert.ok(r.json[k], `${k} served`);
  }
  assert.deepEqual(r.json.initiative_kinds.map((x) => x.code), ['support', 'patient_centred', 'awareness_training']);
  assert.deepEqual(r.json.roles.map((x) => x.code), Object.keys(CAN));
  const admin = r.json.roles.find((x) => x.code === 'admin');
  assert.deepEqual(admin, { code: 'admin', label: 'システム管理者', scope: 'all', needs_totp: true });
  assert.deepEqual(r.json.roles.filter((x) => x.needs_totp).map((x) => x.code), ['admin', 'prefecture']);
  assert.equal(r.json.roles.find((x) => x.code === 'coordinator').scope, 'associations');
});

test('the role gate answers before the handler: a role the policy denies the route action gets 403 even for an object that does not exist', async () => {
  const doctor = await authHeaders(srv, 'doctor', {});
  for (const [method, path, body] of [['PUT', '/api/v1/facilities/99999999', { note: 'x' }], ['GET', '/api/v1/audit'],
    ['GET', '/api/v1/users'], ['DELETE', '/api/v1/designations/99999999'], ['PUT', '/api/v1/groups/99999999', { note: 'x' }]]) {
    const r = await api(srv.base, method, path, body, doctor);
    assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
    assert.equal(r.json.error.code, 'forbidden');
    assert.match(r.json.error.message, /権限がありません（医師）/);
  }
  // A role the action is granted to (within its district) still reaches the handler: 404.
  const coord = await authHeaders(srv, 'coordinator');
  assert.equal((await api(srv.base, 'PUT', '/api/v1/facilities/99999999', { note: 'x' }, coord)).status, 404);
});
