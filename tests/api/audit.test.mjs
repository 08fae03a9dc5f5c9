// The audit trail through the real binary (issue 3 §3; SECURITY.md "audit"): every change of an
// institution leaves one hash-chained row with before/after, a refused change leaves none, the
// log refuses UPDATE/DELETE, `audit verify` finds a row edited behind its back, search and CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, withServer, api as rawApi, authHeaders, execAsync, runAsync, sqlCli } from './lib.mjs';

let t, srv, auth, api, close;
const sql = (db, q) => execAsync(...sqlCli(db, q), { encoding: 'utf8' });

before(async () => { ({ t, srv, auth, api, close } = await serverFixture()); });
after(() => close?.());

const clinic = { kind: 'clinic', name: '監査テスト診療所', municipality: '082228', beds: 0 };

test('create, update, delete each leave one audit row with before/after', async () => {
  let r = await api('POST', '/api/v1/facilities', clinic);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await api('PUT', `/api/v1/facilities/${id}`, { beds: 5 });
  assert.equal(r.status, 200, r.text);
  r = await api('DELETE', `/api/v1/facilities/${id}`);
  assert.equal(r.status, 204);
  r = await api('GET', `/api/v1/audit?object_type=facility&object_id=${id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const rows = r.json.items; // newest first
  assert.deepEqual(rows.map((x) => x.action), ['delete', 'update', 'create']);
  const [del, upd, cre] = rows;
  assert.equal(cre.before, null);
  assert.equal(cre.after.name, clinic.name);
  assert.equal(upd.before.beds, 0);
  assert.equal(upd.after.beds, 5);
  assert.equal(del.before.beds, 5);
  assert.equal(del.after, null);
  for (const x of rows) {
    assert.equal(x.municipality, '082228');
    assert.equal(x.remote_addr, '127.0.0.1');
    assert.match(x.hash, /^[0-9a-f]{64}$/);
    assert.ok(x.actor_username.length > 0);
  }
  assert.equal(upd.prev_hash, cre.hash);
  assert.equal(del.prev_hash, upd.hash);
});

test('a refused change leaves no audit row', async () => {
  const n0 = (await api('GET', '/api/v1/audit?limit=1000')).json.items.length;
  let r = await api('POST', '/api/v1/facilities', { ...clinic, municipality: '999999' });
  assert.equal(r.status, 400);
  r = await api('PUT', '/api/v1/facilities/999999', { beds: 1 });
  assert.equal(r.status, 404);
  r = await api('DELETE', '/api/v1/facilities/999999');
  assert.equal(r.status, 404);
  assert.equal((await api('GET', '/api/v1/audit?limit=1000')).json.items.length, n0);
});

test('search filters and bad parameters name the field', async () => {
  await api('POST', '/api/v1/facilities', { ...clinic, name: '別市の診療所', municipality: '082121' });
  let r = await api('GET', '/api/v1/audit?municipality=082121');
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length >= 1);
  assert.ok(r.json.items.every((x) => x.municipality === '082121'));
  const today = new Date().toISOString().slice(0, 10);
  r = await api('GET', `/api/v1/audit?from=${today}&to=${today}&limit=2`);
  assert.equal(r.status, 200);
  assert.equal(r.json.items.length, 2);
  assert.ok(r.json.next_before_id > 0);
  const r2 = await api('GET', `/api/v1/audit?before_id=${r.json.next_before_id}&limit=1000`);
  assert.ok(r2.json.items.every((x) => x.id < r.json.next_before_id));
  r = await api('GET', '/api/v1/audit?from=2000-01-01&to=2000-12-31');
  assert.equal(r.json.items.length, 0);
  for (const [q, field] of [['from=2026-02-30', 'from'], ['to=yesterday', 'to'], ['limit=0', 'limit'],
    ['limit=1001', 'limit'], ['municipality=12', 'municipality'], ['object_type=DROP%20TABLE', 'object_type'],
    ['object_id=-1', 'object_id'], ['before_id=x', 'before_id']]) {
    r = await api('GET', `/api/v1/audit?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.json.error.field, field, q);
  }
});

test('CSV export: UTF-8 BOM, Japanese header, one line per row', async () => {
  const r = await fetch(srv.base + '/api/v1/audit.csv', { headers: auth });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  const buf = Buffer.from(await r.arrayBuffer());
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = buf.toString('utf8').slice(1).trim().split('\r\n');
  assert.match(lines[0], /^"ID","日時\(UTC\)"/);
  const n = (await api('GET', '/api/v1/audit?limit=1000')).json.items.length;
  assert.equal(lines.length, n + 1);
});

test('the log refuses UPDATE and DELETE; verify finds exactly the row edited behind its back', async () => {
  const first = 'SELECT MIN(id) FROM audit_log';
  let r = await sql(t.db, `UPDATE audit_log SET action = 'x' WHERE id = (${first})`);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /append-only/);
  r = await sql(t.db, `DELETE FROM audit_log WHERE id = (${first})`);
  assert.match(r.stderr, /append-only/);
  let v = await runAsync(t.db, ['audit', 'verify']);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /chain intact/);
  const n = Number((await sql(t.db, 'SELECT COUNT(*) FROM audit_log')).stdout.trim());
  assert.ok(n >= 4);
  // Flip one byte of the first facility update row ("beds":0 → "beds":1 in its before_json) with
  // the trigger dropped: verify names exactly that row.
  const k = Number((await sql(t.db, "SELECT MIN(id) FROM audit_log WHERE action = 'update' AND object_type = 'facility'")).stdout.trim());
  assert.ok(k >= 1);
  r = await sql(t.db, `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET before_json = replace(before_json, '"beds":0', '"beds":1') WHERE id = ${k}; SELECT changes();`);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '1');
  v = await runAsync(t.db, ['audit', 'verify']);
  assert.equal(v.status, 1);
  assert.match(v.stdout, new RegExp(`first bad row id ${k} `));
  // Restore the byte: intact again. Then delete that row: its successor is reported.
  await sql(t.db, `UPDATE audit_log SET before_json = replace(before_json, '"beds":1', '"beds":0') WHERE id = ${k};`);
  assert.equal((await runAsync(t.db, ['audit', 'verify'])).status, 0);
  const next = Number((await sql(t.db, `SELECT MIN(id) FROM audit_log WHERE id > ${k}`)).stdout.trim());
  assert.ok(next > k);
  await sql(t.db, `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = ${k};`);
  v = await runAsync(t.db, ['audit', 'verify']);
  assert.equal(v.status, 1);
  assert.match(v.stdout, new RegExp(`first bad row id ${next} `));
});

test('audit export on the CLI: CSV with BOM and JSON lines, bounds checked', async () => {
  let r = await runAsync(t.db, ['audit', 'export'], { encoding: 'buffer' });
  assert.equal(r.status, 0);
  assert.deepEqual([...r.stdout.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  r = await runAsync(t.db, ['audit', 'export', '--format', 'json', '--from', '2000-01-01']);
  assert.equal(r.status, 0);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(rows.length >= 3);
  assert.ok(rows[0].id < rows[1].id); // oldest first
  r = await runAsync(t.db, ['audit', 'export', '--from', '2026-99-01']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--from/);
});

test('accounts and tokens made on the CLI are audited by the system from "cli", without secrets', async () => {
  // authHeaders() in before() ran `user add` and `user token` (issue 3 §3: account changes).
  const users = (await api('GET', '/api/v1/audit?object_type=user&limit=1000')).json.items.filter((x) => x.action === 'create');
  const tokens = (await api('GET', '/api/v1/audit?object_type=token&limit=1000')).json.items;
  assert.ok(users.length >= 1, 'user create row');
  assert.equal(tokens.length, 1, 'token create row');
  const u = users.find((x) => x.after && x.after.id === tokens[0].after.account_id);
  assert.ok(u, JSON.stringify(users));
  for (const x of [u, tokens[0]]) {
    assert.equal(x.action, 'create');
    assert.equal(x.remote_addr, 'cli');
    assert.equal(x.before, null);
    assert.equal(x.actor_username, 'system');
    assert.equal(x.actor_role, 'system');
  }
  assert.equal(tokens[0].after.name, 'test');
  assert.ok(tokens[0].object_id > 0);
  const text = JSON.stringify([u, tokens[0]]);
  assert.ok(!text.includes(auth.Authorization.slice(7)), 'no raw token');
  assert.ok(!/password|token_hash|totp_secret|argon2/.test(text), 'no secrets');
  // `zaitaku init` (tempDb ran it): the first administrator has its row too.
  const first = (await sql(t.db, "SELECT action, object_type, remote_addr, json_extract(after_json, '$.username') "
    + "FROM audit_log ORDER BY id LIMIT 1")).stdout.trim();
  assert.equal(first, 'create|user|cli|admin');
});

test('the public cannot read the audit trail', async () => {
  // No credentials: 401 for the JSON search and the CSV alike (SECURITY.md "audit").
  assert.equal((await rawApi(srv.base, 'GET', '/api/v1/audit')).status, 401);
  assert.equal((await rawApi(srv.base, 'GET', '/api/v1/audit.csv')).status, 401);
});

test('district scope: a coordinator sees only rows of municipalities their 郡市医師会 covers', async () => {
  await withServer({ demo: true }, async ({ srv: s, auth: admin }) => {
    const coord = await authHeaders(s, 'coordinator'); // the demo's 郡市医師会: 鹿嶋市 082228 and neighbours
    const doctor = await authHeaders(s, 'doctor');
    const inside = await rawApi(s.base, 'POST', '/api/v1/facilities', { ...clinic, name: '圏内診療所' }, admin);
    assert.equal(inside.status, 201, inside.text);
    const outside = await rawApi(s.base, 'POST', '/api/v1/facilities', { ...clinic, name: '圏外診療所', municipality: '082015' }, admin);
    assert.equal(outside.status, 201, outside.text);
    let r = await rawApi(s.base, 'GET', '/api/v1/audit?object_type=facility&limit=1000', undefined, coord);
    assert.equal(r.status, 200, r.text);
    const ids = r.json.items.map((x) => x.object_id);
    assert.ok(ids.includes(inside.json.id));
    assert.ok(!ids.includes(outside.json.id));
    assert.ok(r.json.items.every((x) => x.municipality !== '082015'));
    r = await rawApi(s.base, 'GET', '/api/v1/audit?municipality=082015', undefined, coord);
    assert.equal(r.status, 403);
    r = await rawApi(s.base, 'GET', '/api/v1/audit?municipality=082228', undefined, coord);
    assert.equal(r.status, 200);
    assert.ok(r.json.items.length >= 1);
    r = await fetch(s.base + '/api/v1/audit.csv', { headers: coord });
    const csv = await r.text();
    assert.equal(r.status, 200);
    assert.ok(csv.includes('圏内診療所') && !csv.includes('圏外診療所'));
    r = await rawApi(s.base, 'GET', '/api/v1/audit?object_type=facility', undefined, admin);
    assert.ok(r.json.items.some((x) => x.object_id === outside.json.id));
    assert.ok(r.json.items.every((x) => x.actor_role === 'admin'));
    assert.equal((await rawApi(s.base, 'GET', '/api/v1/audit', undefined, doctor)).status, 403);
    assert.equal((await rawApi(s.base, 'GET', '/api/v1/audit')).status, 401);
    assert.equal((await rawApi(s.base, 'GET', '/api/v1/audit.csv')).status, 401);
    // No secret of any kind in the whole trail (accounts, tokens and sign-ins are audited too).
    const items = (await rawApi(s.base, 'GET', '/api/v1/audit?limit=1000', undefined, admin)).json.items;
    const keys = [];
    const walk = (v) => {
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { keys.push(k); walk(x); }
    };
    items.forEach((x) => { walk(x.before); walk(x.after); });
    assert.deepEqual(keys.filter((k) => /password|token|totp|secret/i.test(k)), []);
    const all = JSON.stringify(items);
    assert.ok(!all.includes(admin.Authorization.slice(7)) && !all.includes(coord.Authorization.slice(7)));
  });
});
