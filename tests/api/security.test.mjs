// Security review sweeps over the whole route table (issue 3 §1–§2, SECURITY.md "CSRF",
// "sessions", "headers"): every state-changing route refuses a cookie session without the CSRF
// token and any request from a foreign Origin, before anything is stored; every reply to a
// signed-in user is Cache-Control: no-store; a new password or a new TOTP secret ends the
// account's sessions at once (API and CLI).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serverFixture, api, runAsync, totp } from './lib.mjs';

const PW = 'correct horse battery';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

let t, srv, admin, close;

/** The routes as the server sees them, parsed from the one route table. */
function parseRoutes() {
  const src = readFileSync(new URL('../../src/http/routes.c', import.meta.url), 'utf8');
  const out = [];
  const re = /\{\s*"(GET|POST|PUT|PATCH|DELETE)",\s*"([^"]+)",\s*(\w+),\s*(ROUTE_\w+)/g;
  for (let m; (m = re.exec(src));) out.push({ method: m[1], pattern: m[2], access: m[4] });
  return out;
}
const concrete = (pattern) => pattern.replace(/\{[a-z_]+\}/g, '1');

async function addUser(name, role, scope, extra = []) {
  const r = await runAsync(t.db, ['user', 'add', name, '--role', role, ...scope, '--password-stdin', ...extra],
    { input: PW + '\n' });
  assert.equal(r.status, 0, r.stderr);
}

async function signIn(username, code) {
  const body = { username, password: PW };
  if (code !== undefined) body.totp = code;
  const r = await api(srv.base, 'POST', '/api/v1/session', body);
  assert.equal(r.status, 200, r.text);
  const m = /zaitaku_session=([^;]*)/.exec(r.headers.get('set-cookie') || '');
  return { cookie: `zaitaku_session=${m[1]}`, csrf: r.json.csrf_token };
}

const whoami = (s) => api(srv.base, 'GET', '/api/v1/session', undefined, { Cookie: s.cookie });
const counts = async () => (await api(srv.base, 'GET', '/api/v1/audit?limit=1000', undefined, admin)).json.items.length;

before(async () => {
  ({ t, srv, auth: admin, close } = await serverFixture({ demo: true }));
});
after(() => close?.());

test('every state-changing route: cookie without X-CSRF-Token → 403, foreign Origin → 403, nothing stored', async () => {
  // admin needs TOTP; codes work once, so the one session serves the whole sweep
  await addUser('sweep-adm', 'admin', [], ['--totp-secret', SECRET]);
  const s = await signIn('sweep-adm', totp(SECRET));
  const changing = parseRoutes().filter((r) => r.method !== 'GET');
  assert.ok(changing.length >= 20, `only ${changing.length} state-changing routes found`);
  const auditBefore = await counts();
  const healthBefore = (await api(srv.base, 'GET', '/api/v1/health')).json;
  for (const r of changing) {
    const path = concrete(r.pattern);
    const what = `${r.method} ${r.pattern}`;
    const body = r.method === 'DELETE' ? undefined : { name: 'csrf', username: 'csrf-x', password: PW };
    if (!(r.method === 'POST' && r.pattern === '/api/v1/session')) {
      let x = await api(srv.base, r.method, path, body, { Cookie: s.cookie });
      assert.equal(x.status, 403, `${what} without token: ${x.text}`);
      assert.equal(x.json.error.field, 'X-CSRF-Token', what);
      x = await api(srv.base, r.method, path, body, { Cookie: s.cookie, 'X-CSRF-Token': 'f'.repeat(64) });
      assert.equal(x.status, 403, `${what} with a wrong token`);
    }
    for (const creds of [{ Cookie: s.cookie, 'X-CSRF-Token': s.csrf }, admin, {}]) {
      const x = await api(srv.base, r.method, path, body, { ...creds, Origin: 'https://evil.example' });
      assert.equal(x.status, 403, `${what} from a foreign Origin: ${x.text}`);
      assert.equal(x.json.error.field, 'Origin', what);
    }
  }
  // The sign-out route was refused too: the session still works, and nothing was stored.
  assert.equal((await whoami(s)).status, 200);
  assert.deepEqual((await api(srv.base, 'GET', '/api/v1/health')).json, healthBefore);
  assert.equal(await counts(), auditBefore, 'no audit row: nothing happened');
});

test('every reply to a signed-in user is Cache-Control: no-store, whatever the route or status', async () => {
  for (const r of parseRoutes().filter((x) => x.method === 'GET')) {
    const x = await api(srv.base, 'GET', concrete(r.pattern) + '?prefecture=08', undefined, admin);
    assert.equal(x.headers.get('cache-control'), 'no-store', `GET ${r.pattern} → ${x.status}`);
    assert.ok(!/sqlite|SELECT |INSERT |\/tmp\/|\.c:\d/i.test(x.text), `GET ${r.pattern} leaks internals: ${x.text.slice(0, 200)}`);
  }
  // the account and session endpoints even signed out
  for (const p of ['/api/v1/session', '/api/v1/session?quiet=1', '/api/v1/users']) {
    const x = await api(srv.base, 'GET', p);
    assert.equal(x.headers.get('cache-control'), 'no-store', p);
  }
});

test('a new password ends every session of the account (API PUT /users and CLI passwd)', async () => {
  await addUser('pw-doc', 'doctor', ['--institution', '1']);
  const id = (await api(srv.base, 'GET', '/api/v1/users', undefined, admin)).json.items.find((u) => u.username === 'pw-doc').id;
  let a = await signIn('pw-doc');
  let b = await signIn('pw-doc');
  assert.equal((await whoami(a)).status, 200);
  let r = await api(srv.base, 'PUT', `/api/v1/users/${id}`, { password: PW + ' new' }, admin);
  assert.equal(r.status, 200, r.text);
  assert.equal((await whoami(a)).status, 401, 'session a ended');
  assert.equal((await whoami(b)).status, 401, 'session b ended');
  // the new password works; the CLI passwd ends that session too
  r = await api(srv.base, 'POST', '/api/v1/session', { username: 'pw-doc', password: PW + ' new' });
  assert.equal(r.status, 200);
  const c = { cookie: /zaitaku_session=([^;]*)/.exec(r.headers.get('set-cookie'))[0] };
  assert.equal((await whoami(c)).status, 200);
  assert.equal((await runAsync(t.db, ['user', 'passwd', 'pw-doc'], { input: PW + '\n' })).status, 0);
  assert.equal((await whoami(c)).status, 401, 'CLI passwd ends sessions');
  a = await signIn('pw-doc');
  assert.equal((await whoami(a)).status, 200);
});

test('a new TOTP secret ends every session of the account (CLI user totp and API role change)', async () => {
  await addUser('totp-pref', 'prefecture', ['--prefecture', '08'], ['--totp-secret', SECRET]);
  // the code of this 30 s step may already be used by another test: wait for a fresh step if so
  let s;
  for (let i = 0; i < 40 && !s; i++) {
    const r = await api(srv.base, 'POST', '/api/v1/session', { username: 'totp-pref', password: PW, totp: totp(SECRET) });
    if (r.status === 200) s = { cookie: /zaitaku_session=([^;]*)/.exec(r.headers.get('set-cookie'))[0] };
    else await new Promise((res) => setTimeout(res, 1000));
  }
  assert.ok(s, 'signed in with TOTP');
  assert.equal((await whoami(s)).status, 200);
  const out = await runAsync(t.db, ['user', 'totp', 'totp-pref']);
  assert.equal(out.status, 0, out.stderr);
  assert.equal((await whoami(s)).status, 401, 'CLI user totp ends sessions opened with the old factor');

  // API: a role change that enrols a new TOTP secret ends the sessions of the old role
  await addUser('totp-doc', 'doctor', ['--institution', '1']);
  const d = await signIn('totp-doc');
  assert.equal((await whoami(d)).status, 200);
  const id = (await api(srv.base, 'GET', '/api/v1/users', undefined, admin)).json.items.find((u) => u.username === 'totp-doc').id;
  const r = await api(srv.base, 'PUT', `/api/v1/users/${id}`, { role: 'prefecture', prefecture: '08' }, admin);
  assert.equal(r.status, 200, r.text);
  assert.match(r.json.totp_uri, /^otpauth:\/\//);
  assert.equal((await whoami(d)).status, 401, 'the doctor session does not become a prefecture session without TOTP');
});

test('a disabled account: its session and its API token stop at once; enabling does not revive them', async () => {
  await addUser('off-nurse', 'nurse', ['--institution', '1']);
  const tok = (await runAsync(t.db, ['user', 'token', 'off-nurse'])).stdout.trim();
  const bearer = { Authorization: 'Bearer ' + tok };
  const s = await signIn('off-nurse');
  assert.equal((await api(srv.base, 'GET', '/api/v1/groups', undefined, bearer)).status, 200);
  assert.equal((await runAsync(t.db, ['user', 'disable', 'off-nurse'])).status, 0);
  assert.equal((await whoami(s)).status, 401);
  assert.equal((await api(srv.base, 'GET', '/api/v1/groups', undefined, bearer)).status, 401);
  assert.equal((await runAsync(t.db, ['user', 'enable', 'off-nurse'])).status, 0);
  assert.equal((await whoami(s)).status, 401, 'the session was deleted, not suspended');
  // Issue 11 §6 changed this rule: disabling ends the account's tokens for good (they used to
  // follow the account state and revive on enable); re-enabling revives neither sessions nor tokens.
  assert.equal((await api(srv.base, 'GET', '/api/v1/groups', undefined, bearer)).status, 401, 'disabling revoked the tokens');
});
