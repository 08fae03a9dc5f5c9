// API tokens (issue 11 §6): expiry, last use, listing and revocation by CLI and API, all of an
// account's tokens ended on a password change, a TOTP change and disabling, TOTP required of
// admin and prefecture holders, and read-only tokens (GET/HEAD only; a write is 403).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, api, execAsync, runAsync, totp, sqlCli } from './lib.mjs';

const PW = 'correct horse battery';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const sql = async (db, q) => {
  const r = await execAsync(...sqlCli(db, q));
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
};

let t, srv, admin, close;

async function addUser(name, role, scope, extra = []) {
  const r = await runAsync(t.db, ['user', 'add', name, '--role', role, ...scope, '--password-stdin', ...extra], { input: PW + '\n' });
  assert.equal(r.status, 0, r.stderr);
}
async function cliToken(name, extra = []) {
  const r = await runAsync(t.db, ['user', 'token', name, ...extra]);
  assert.equal(r.status, 0, r.stderr);
  return { Authorization: 'Bearer ' + r.stdout.trim() };
}
const get = (h) => api(srv.base, 'GET', '/api/v1/groups', undefined, h);
async function signIn(username, code) {
  const body = { username, password: PW };
  if (code !== undefined) body.totp = code;
  const r = await api(srv.base, 'POST', '/api/v1/session', body);
  assert.equal(r.status, 200, r.text);
  const m = /zaitaku_session=([^;]*)/.exec(r.headers.get('set-cookie') || '');
  return { Cookie: `zaitaku_session=${m[1]}`, 'X-CSRF-Token': r.json.csrf_token, id: r.json.user.id };
}
const session = (s) => ({ Cookie: s.Cookie, 'X-CSRF-Token': s['X-CSRF-Token'] });

before(async () => {
  ({ t, srv, auth: admin, close } = await serverFixture({ demo: true }));
});
after(async () => { await close(); });

test('CLI: a token expires after --days (default 90), can be read-only, is listed and revoked', async () => {
  await addUser('tok-doc', 'doctor', ['--institution', '1']);
  const r = await runAsync(t.db, ['user', 'token', 'tok-doc', '--name', 'nightly', '--days', '7', '--read-only']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /scope read, expires \d{4}-\d\d-\d\dT/);
  const bearer = { Authorization: 'Bearer ' + r.stdout.trim() };
  const id = Number(await sql(t.db, "SELECT id FROM api_token WHERE name = 'nightly'"));
  const exp = Date.parse(await sql(t.db, `SELECT expires_at FROM api_token WHERE id = ${id}`));
  assert.ok(Math.abs(exp - Date.now() - 7 * 86400e3) < 120e3, '7 days ahead');
  const dflt = await runAsync(t.db, ['user', 'token', 'tok-doc']);
  assert.equal(dflt.status, 0);
  const exp90 = Date.parse(await sql(t.db, 'SELECT expires_at FROM api_token ORDER BY id DESC LIMIT 1'));
  assert.ok(Math.abs(exp90 - Date.now() - 90 * 86400e3) < 120e3, 'default 90 days');
  for (const bad of [['--days', '0'], ['--days', '367'], ['--days', 'x'], ['--bogus']])
    assert.notEqual((await runAsync(t.db, ['user', 'token', 'tok-doc', ...bad])).status, 0, bad.join(' '));

  assert.equal((await get(bearer)).status, 200);
  let list = await runAsync(t.db, ['user', 'token', 'list', 'tok-doc']);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`^${id}\\s+tok-doc\\s+nightly\\s+active\\s+read\\s`, 'm'));
  assert.ok(!list.stdout.includes(bearer.Authorization.slice(7)), 'never the token');
  assert.equal((await runAsync(t.db, ['user', 'token', 'revoke', String(id)])).status, 0);
  assert.equal((await get(bearer)).status, 401, 'revoked → 401');
  list = await runAsync(t.db, ['user', 'token', 'list']);
  assert.match(list.stdout, new RegExp(`^${id}\\s+tok-doc\\s+nightly\\s+revoked\\s`, 'm'));
  assert.notEqual((await runAsync(t.db, ['user', 'token', 'revoke', String(id)])).status, 0, 'revoked once');
  assert.notEqual((await runAsync(t.db, ['user', 'token', 'revoke', '999999'])).status, 0);
});

test('an expired token is 401 (and a token from before expiry existed expires 90 days after creation)', async () => {
  await addUser('exp-doc', 'doctor', ['--institution', '1']);
  const a = await cliToken('exp-doc', ['--name', 'old']);
  const b = await cliToken('exp-doc', ['--name', 'legacy']);
  assert.equal((await get(a)).status, 200);
  assert.equal((await get(b)).status, 200);
  await sql(t.db, "UPDATE api_token SET expires_at = '2020-01-01T00:00:00Z' WHERE name = 'old'");
  assert.equal((await get(a)).status, 401, 'expired → 401');
  // Rows from before schema 6 have no expires_at: created_at + 90 days.
  await sql(t.db, "UPDATE api_token SET expires_at = NULL, created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-89 days') WHERE name = 'legacy'");
  assert.equal((await get(b)).status, 200, 'legacy token 89 days old still works');
  await sql(t.db, "UPDATE api_token SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-91 days') WHERE name = 'legacy'");
  assert.equal((await get(b)).status, 401, 'legacy token 91 days old has expired');
  const list = await api(srv.base, 'GET', '/api/v1/tokens?account_id=' + await sql(t.db, "SELECT id FROM account WHERE username = 'exp-doc'"), undefined, admin);
  assert.deepEqual(list.json.items.map((x) => [x.name, x.state]), [['legacy', 'expired'], ['old', 'expired']]);
});

test('a read-only token may GET and HEAD; every write is 403 and nothing is stored', async () => {
  assert.equal((await runAsync(t.db, ['user', 'add', 'ro-admin', '--role', 'admin', '--no-password'])).status, 0);
  const ro = await cliToken('ro-admin', ['--read-only']);
  assert.equal((await get(ro)).status, 200);
  assert.equal((await api(srv.base, 'GET', '/api/v1/session', undefined, ro)).status, 200);
  const head = await fetch(srv.base + '/api/v1/groups', { method: 'HEAD', headers: ro });
  assert.notEqual(head.status, 403, 'HEAD is a read');
  const before = await sql(t.db, 'SELECT count(*) FROM institution');
  let r = await api(srv.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: '読取専用', municipality: '082228' }, ro);
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error.field, 'Authorization');
  assert.equal(await sql(t.db, 'SELECT count(*) FROM institution'), before, 'nothing stored');
  r = await api(srv.base, 'POST', '/api/v1/groups', { name: '読取専用' }, ro);
  assert.equal(r.status, 403);
  r = await api(srv.base, 'DELETE', '/api/v1/tokens/1', undefined, ro);
  assert.equal(r.status, 403, 'a read-only token cannot even revoke');
  // The same holder's full token writes.
  const full = await cliToken('ro-admin');
  r = await api(srv.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: '書込可', municipality: '082228' }, full);
  assert.equal(r.status, 201, r.text);
});

test('a password change, a TOTP change and disabling end all of the account\'s tokens (CLI and API)', async () => {
  await addUser('end-doc', 'doctor', ['--institution', '1']);
  const uid = await sql(t.db, "SELECT id FROM account WHERE username = 'end-doc'");
  const reasons = [];
  // CLI passwd
  let a = await cliToken('end-doc'), b = await cliToken('end-doc', ['--read-only']);
  assert.equal((await get(a)).status, 200);
  assert.equal((await runAsync(t.db, ['user', 'passwd', 'end-doc'], { input: PW + ' 2\n' })).status, 0);
  assert.equal((await get(a)).status, 401, 'CLI passwd ended token a');
  assert.equal((await get(b)).status, 401, 'CLI passwd ended token b');
  reasons.push('password_change');
  // API PUT /users {password}
  a = await cliToken('end-doc');
  assert.equal((await get(a)).status, 200);
  let r = await api(srv.base, 'PUT', `/api/v1/users/${uid}`, { password: PW + ' 3' }, admin);
  assert.equal(r.status, 200, r.text);
  assert.equal((await get(a)).status, 401, 'API password change ended the token');
  reasons.push('password_change');
  // CLI totp
  a = await cliToken('end-doc');
  assert.equal((await runAsync(t.db, ['user', 'totp', 'end-doc'])).status, 0);
  assert.equal((await get(a)).status, 401, 'a new TOTP secret ended the token');
  reasons.push('totp_change');
  // API disable
  a = await cliToken('end-doc');
  r = await api(srv.base, 'PUT', `/api/v1/users/${uid}`, { disabled: true }, admin);
  assert.equal(r.status, 200, r.text);
  r = await api(srv.base, 'PUT', `/api/v1/users/${uid}`, { disabled: false }, admin);
  assert.equal(r.status, 200, r.text);
  assert.equal((await get(a)).status, 401, 'disabling ended the token for good');
  reasons.push('disabled');
  const rows = (await sql(t.db, `SELECT revoked_reason FROM api_token WHERE account_id = ${uid} ORDER BY id`)).split('\n');
  assert.deepEqual([...new Set(rows)].sort(), [...new Set(reasons)].sort());
  assert.equal(await sql(t.db, `SELECT count(*) FROM api_token WHERE account_id = ${uid} AND revoked_at IS NULL`), '0');
});

test('admin and prefecture tokens need TOTP enrolled: issuing is refused, existing ones stop', async () => {
  await runAsync(t.db, ['user', 'add', 'nototp-admin', '--role', 'admin', '--no-password']);
  const tok = await cliToken('nototp-admin');
  assert.equal((await get(tok)).status, 200);
  await sql(t.db, "UPDATE account SET totp_secret = NULL WHERE username = 'nototp-admin'");
  assert.equal((await get(tok)).status, 401, 'an admin token without TOTP is refused');
  const r = await runAsync(t.db, ['user', 'token', 'nototp-admin']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /totp/);
  // Through the API too (an admin issuing for a prefecture account without TOTP).
  await addUser('nototp-pref', 'prefecture', ['--prefecture', '08'], ['--totp-secret', SECRET]);
  await sql(t.db, "UPDATE account SET totp_secret = NULL WHERE username = 'nototp-pref'");
  const pid = Number(await sql(t.db, "SELECT id FROM account WHERE username = 'nototp-pref'"));
  await addUser('tok-admin2', 'admin', [], ['--totp-secret', SECRET]);
  const s = await signIn('tok-admin2', totp(SECRET));
  const p = await api(srv.base, 'POST', '/api/v1/tokens', { name: 'x', account_id: pid }, session(s));
  assert.equal(p.status, 403, p.text);
  assert.equal(p.json.error.field, 'totp');
  // A doctor needs no TOTP.
  await addUser('plain-nurse', 'nurse', ['--institution', '1']);
  assert.equal((await runAsync(t.db, ['user', 'token', 'plain-nurse'])).status, 0);
});

test('API: own tokens for everyone, all for admin; create from a session only; revoke; last use recorded', async () => {
  await addUser('api-doc', 'doctor', ['--institution', '1']);
  await addUser('api-doc2', 'doctor', ['--institution', '1']);
  const s = await signIn('api-doc');
  const s2 = await signIn('api-doc2');
  let r = await api(srv.base, 'POST', '/api/v1/tokens', { name: '集計', days: 30, scope: 'read' }, session(s));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.match(r.json.token, /^[0-9a-f]{64}$/);
  assert.equal(r.json.scope, 'read');
  assert.equal(r.json.state, 'active');
  assert.equal(r.json.last_used_at, null);
  assert.ok(Math.abs(Date.parse(r.json.expires_at) - Date.now() - 30 * 86400e3) < 120e3);
  const mine = { Authorization: 'Bearer ' + r.json.token }, mineId = r.json.id;
  r = await api(srv.base, 'POST', '/api/v1/tokens', { name: 'その2' }, session(s2));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.scope, 'full');
  const other = { Authorization: 'Bearer ' + r.json.token }, otherId = r.json.id;

  // Bad input names the field; nothing stored.
  const n0 = await sql(t.db, 'SELECT count(*) FROM api_token');
  for (const [body, field] of [[{}, 'name'], [{ name: '' }, 'name'], [{ name: 'x', days: 0 }, 'days'],
    [{ name: 'x', days: 367 }, 'days'], [{ name: 'x', scope: 'admin' }, 'scope'], [{ name: 'x', what: 1 }, 'what']]) {
    r = await api(srv.base, 'POST', '/api/v1/tokens', body, session(s));
    assert.equal(r.status, 400, JSON.stringify(body) + r.text);
    assert.equal(r.json.error.field, field);
  }
  r = await api(srv.base, 'POST', '/api/v1/tokens', { name: 'x', account_id: s2.id }, session(s));
  assert.equal(r.status, 403, 'another account needs admin');
  r = await api(srv.base, 'POST', '/api/v1/tokens', { name: 'x' }, other);
  assert.equal(r.status, 403, 'a token cannot mint tokens');
  assert.equal(await sql(t.db, 'SELECT count(*) FROM api_token'), n0, 'nothing stored');

  // Use records last_used_at.
  assert.equal((await get(mine)).status, 200);
  r = await api(srv.base, 'GET', '/api/v1/tokens', undefined, mine);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items.map((x) => x.id), [mineId], 'own tokens only');
  assert.match(r.json.items[0].last_used_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(!JSON.stringify(r.json).includes(mine.Authorization.slice(7)) && !/token_hash/.test(r.text), 'no secrets');
  r = await api(srv.base, 'GET', '/api/v1/tokens', undefined, admin);
  const ids = r.json.items.map((x) => x.id);
  assert.ok(ids.includes(mineId) && ids.includes(otherId), 'admin sees every token');

  // Revocation: someone else's is 404 (not revealed), own is 204, then 401.
  r = await api(srv.base, 'DELETE', `/api/v1/tokens/${otherId}`, undefined, session(s));
  assert.equal(r.status, 404);
  assert.equal((await get(other)).status, 200);
  r = await api(srv.base, 'DELETE', `/api/v1/tokens/${mineId}`, undefined, session(s));
  assert.equal(r.status, 204, r.text);
  assert.equal((await get(mine)).status, 401, 'revoked → 401');
  r = await api(srv.base, 'DELETE', `/api/v1/tokens/${mineId}`, undefined, session(s));
  assert.equal(r.status, 404, 'revoked once');
  r = await api(srv.base, 'DELETE', `/api/v1/tokens/${otherId}`, undefined, admin);
  assert.equal(r.status, 204, 'an admin revokes anyone\'s');
  assert.equal((await get(other)).status, 401);

  // Audited, without secrets.
  const rows = (await api(srv.base, 'GET', '/api/v1/audit?object_type=token&limit=1000', undefined, admin)).json.items;
  const revokes = rows.filter((x) => x.action === 'revoke').map((x) => x.object_id);
  assert.ok(revokes.includes(mineId) && revokes.includes(otherId));
  const created = rows.find((x) => x.action === 'create' && x.object_id === mineId);
  assert.equal(created.actor_username, 'api-doc');
  assert.equal(created.after.scope, 'read');
});
