// Accounts, sign-in, sessions, TOTP, CSRF and throttling through the real binary (issue 3 §1–§2,
// SECURITY.md: "second factor", "passwords", "brute force", "sessions", "CSRF").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, withServer, startServer, api, authHeaders, runAsync, totp } from './lib.mjs';

let t, srv, admin, clinicId, close;

const PW = 'correct horse battery';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

async function addUser(db, name, role, scope, password = PW, extra = []) {
  const r = await runAsync(db, ['user', 'add', name, '--role', role, ...scope, '--password-stdin', ...extra],
    { input: password + '\n' });
  return r;
}

async function signIn(s, username, password = PW, code, headers = {}) {
  const body = { username, password };
  if (code !== undefined) body.totp = code;
  const r = await api(s.base, 'POST', '/api/v1/session', body, headers);
  const sc = r.headers.get('set-cookie') || '';
  const m = /zaitaku_session=([^;]*)/.exec(sc);
  return { ...r, setCookie: sc, cookie: m ? `zaitaku_session=${m[1]}` : null };
}

before(async () => {
  ({ t, srv, auth: admin, close } = await serverFixture());
  const r = await api(srv.base, 'POST', '/api/v1/facilities', {
    kind: 'clinic', name: '認証テスト診療所', medical_code: '0811234566', municipality: '082228', h24: true,
  }, admin);
  assert.equal(r.status, 201, r.text);
  clinicId = r.json.id;
  assert.equal((await addUser(t.db, 'doc1', 'doctor', ['--institution', String(clinicId)])).status, 0);
});
after(() => close?.());

test('sign in, who am I, sign out; the cookie dies with the session', async () => {
  const s = await signIn(srv, 'doc1');
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.user.role, 'doctor');
  assert.equal(s.json.user.institution_id, clinicId);
  assert.match(s.json.csrf_token, /^[0-9a-f]{64}$/);
  // Cookie flags (SECURITY.md "sessions"): HttpOnly, SameSite, Path; no Secure on plain HTTP.
  assert.match(s.setCookie, /zaitaku_session=[0-9a-f]{64}/); // 256-bit random token
  assert.match(s.setCookie, /HttpOnly/);
  assert.match(s.setCookie, /SameSite=Strict/);
  assert.match(s.setCookie, /Path=\//);
  assert.doesNotMatch(s.setCookie, /Secure/);
  assert.equal(s.headers.get('cache-control'), 'no-store');
  let r = await api(srv.base, 'GET', '/api/v1/session', undefined, { Cookie: s.cookie });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.username, 'doc1');
  assert.equal(r.json.csrf_token, s.json.csrf_token);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  // A new sign-in gives a new token.
  const s2 = await signIn(srv, 'doc1');
  assert.notEqual(s2.cookie, s.cookie);
  // Sign-out needs the CSRF token, then the cookie no longer works (reuse → 401).
  r = await api(srv.base, 'DELETE', '/api/v1/session', undefined, { Cookie: s.cookie });
  assert.equal(r.status, 403);
  r = await api(srv.base, 'DELETE', '/api/v1/session', undefined,
    { Cookie: s.cookie, 'X-CSRF-Token': s.json.csrf_token });
  assert.equal(r.status, 204);
  assert.match(r.headers.get('set-cookie'), /Max-Age=0/);
  r = await api(srv.base, 'GET', '/api/v1/session', undefined, { Cookie: s.cookie });
  assert.equal(r.status, 401);
  r = await api(srv.base, 'GET', '/api/v1/session', undefined, { Cookie: s2.cookie });
  assert.equal(r.status, 200, 'the other session is not affected');
  r = await api(srv.base, 'GET', '/api/v1/session');
  assert.equal(r.status, 401);
});

test('Secure cookie behind a TLS proxy', async () => {
  const s = await signIn(srv, 'doc1', PW, undefined, { 'X-Forwarded-Proto': 'https' });
  assert.equal(s.status, 200);
  assert.match(s.setCookie, /; Secure/);
});

test('wrong password, unknown user, disabled account → 401 without saying which', async () => {
  let s = await signIn(srv, 'doc1', 'wrong password!!');
  assert.equal(s.status, 401);
  assert.equal(s.json.error.field, 'password');
  const msg = s.json.error.message;
  s = await signIn(srv, 'nobody-here', PW);
  assert.equal(s.status, 401);
  assert.equal(s.json.error.message, msg);
  s = await signIn(srv, '', PW);
  assert.equal(s.status, 400);
  assert.equal(s.json.error.field, 'username');
  assert.equal((await addUser(t.db, 'doc-off', 'doctor', ['--institution', String(clinicId)])).status, 0);
  const tok = (await runAsync(t.db, ['user', 'token', 'doc-off'])).stdout.trim();
  const ok = await signIn(srv, 'doc-off');
  assert.equal(ok.status, 200);
  assert.equal((await runAsync(t.db, ['user', 'disable', 'doc-off'])).status, 0);
  s = await signIn(srv, 'doc-off');
  assert.equal(s.status, 401);
  let r = await api(srv.base, 'GET', '/api/v1/session', undefined, { Cookie: ok.cookie });
  assert.equal(r.status, 401, 'sessions end when the account is disabled');
  r = await api(srv.base, 'GET', '/api/v1/session', undefined, { Authorization: 'Bearer ' + tok });
  assert.equal(r.status, 401, 'tokens stop working too');
  r = await api(srv.base, 'GET', '/api/v1/health', undefined, { Authorization: 'Bearer ' + 'f'.repeat(64) });
  assert.equal(r.status, 401, 'a bad bearer token is refused even on public routes');
});

test('TOTP is mandatory for admin and prefecture, and a code works once (RFC 6238)', async () => {
  assert.equal((await addUser(t.db, 'adm2', 'admin', [], PW, ['--totp-secret', SECRET])).status, 0);
  assert.equal((await addUser(t.db, 'pref2', 'prefecture', ['--prefecture', '08'], PW, ['--totp-secret', SECRET])).status, 0);
  for (const u of ['adm2', 'pref2']) {
    let s = await signIn(srv, u);
    assert.equal(s.status, 401, u);
    assert.equal(s.json.error.field, 'totp');
    assert.equal(s.cookie, null);
    s = await signIn(srv, u, PW, '000000' === totp(SECRET) ? '111111' : '000000');
    assert.equal(s.status, 401);
    assert.equal(s.json.error.field, 'totp');
    const code = totp(SECRET);
    s = await signIn(srv, u, PW, code);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.user.role, u === 'adm2' ? 'admin' : 'prefecture');
    s = await signIn(srv, u, PW, code);
    assert.equal(s.status, 401, 'the same code a second time');
    assert.equal(s.json.error.field, 'totp');
  }
  // An admin without an enrolled secret cannot sign in with a password alone.
  assert.equal((await runAsync(t.db, ['user', 'add', 'adm3', '--role', 'admin', '--password-stdin'], { input: PW + '\n' })).status, 0);
  const out = await runAsync(t.db, ['user', 'totp', 'adm3']);
  assert.equal(out.status, 0);
  assert.match(out.stdout, /otpauth:\/\/totp\/zaitaku:adm3\?secret=[A-Z2-7]{32}/);
});

test('password length: 12 refused, 13/64/128 accepted, 129 refused (API and CLI)', async () => {
  const mk = (n) => 'p'.repeat(n - 1) + 'あ'; // counts characters, not bytes
  for (const [n, status] of [[12, 400], [13, 201], [64, 201], [128, 201], [129, 400]]) {
    const r = await api(srv.base, 'POST', '/api/v1/users', {
      username: `len${n}`, role: 'doctor', institution_id: clinicId, password: mk(n),
    }, admin);
    assert.equal(r.status, status, `${n}: ${r.text}`);
    if (status === 400) assert.equal(r.json.error.field, 'password');
    else {
      assert.equal(r.json.password_set, true);
      assert.equal(r.json.password_hash, undefined);
      const s = await signIn(srv, `len${n}`, mk(n));
      assert.equal(s.status, 200);
    }
  }
  assert.notEqual((await addUser(t.db, 'cli12', 'doctor', ['--institution', String(clinicId)], 'x'.repeat(12))).status, 0);
  assert.equal((await addUser(t.db, 'cli13', 'doctor', ['--institution', String(clinicId)], 'x'.repeat(13))).status, 0);
  const r = await api(srv.base, 'GET', '/api/v1/users', undefined, admin);
  assert.equal(r.status, 200);
  assert.ok(r.json.items.some((u) => u.username === 'len13'));
  assert.ok(!JSON.stringify(r.json).includes('argon2'), 'no password hashes leave the server');
});

test('user administration: admin only, bad input names the field, nothing stored', async () => {
  const doc = await authHeaders(srv, 'doctor', { institution: clinicId });
  let r = await api(srv.base, 'GET', '/api/v1/users', undefined, doc);
  assert.equal(r.status, 403);
  r = await api(srv.base, 'POST', '/api/v1/users', { username: 'x1', role: 'doctor', institution_id: clinicId }, doc);
  assert.equal(r.status, 403);
  r = await api(srv.base, 'GET', '/api/v1/users');
  assert.equal(r.status, 401);
  for (const [body, field] of [
    [{ username: 'bad name', role: 'doctor', institution_id: clinicId }, 'username'],
    [{ username: 'badrole', role: 'king' }, 'role'],
    [{ username: 'nopref', role: 'prefecture' }, 'prefecture'],
    [{ username: 'noinst', role: 'nurse' }, 'institution_id'],
    [{ username: 'ghost', role: 'nurse', institution_id: 999999 }, 'institution_id'],
    [{ username: 'noassoc', role: 'coordinator' }, 'associations'],
    [{ username: 'extra', role: 'doctor', institution_id: clinicId, is_admin: true }, 'is_admin'],
  ]) {
    r = await api(srv.base, 'POST', '/api/v1/users', body, admin);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.field, field);
  }
  r = await api(srv.base, 'GET', '/api/v1/users', undefined, admin);
  assert.ok(!r.json.items.some((u) => ['ghost', 'noinst', 'extra'].includes(u.username)));
  // Duplicate → 409; PUT changes the scope and disables.
  r = await api(srv.base, 'POST', '/api/v1/users', { username: 'doc1', role: 'doctor', institution_id: clinicId }, admin);
  assert.equal(r.status, 409);
  const id = (await api(srv.base, 'GET', '/api/v1/users', undefined, admin)).json.items.find((u) => u.username === 'len13').id;
  r = await api(srv.base, 'PUT', `/api/v1/users/${id}`, { role: 'prefecture', prefecture: '08' }, admin);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.role, 'prefecture');
  assert.equal(r.json.totp_enrolled, true);
  assert.match(r.json.totp_uri, /^otpauth:\/\/totp\//);
  r = await api(srv.base, 'PUT', `/api/v1/users/${id}`, { disabled: true }, admin);
  assert.equal(r.status, 200);
  assert.equal(r.json.disabled, true);
  r = await api(srv.base, 'PUT', '/api/v1/users/99999', { disabled: true }, admin);
  assert.equal(r.status, 404);
});

test('CSRF: a cookie-authenticated change needs X-CSRF-Token; a foreign Origin is refused', async () => {
  assert.equal((await addUser(t.db, 'csrfadm', 'admin', [], PW, ['--totp-secret', SECRET])).status, 0);
  const s = await signIn(srv, 'csrfadm', PW, totp(SECRET));
  assert.equal(s.status, 200, s.text);
  const body = { kind: 'clinic', name: 'CSRFテスト', municipality: '082228' };
  let r = await api(srv.base, 'POST', '/api/v1/facilities', body, { Cookie: s.cookie });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.field, 'X-CSRF-Token');
  r = await api(srv.base, 'POST', '/api/v1/facilities', body, { Cookie: s.cookie, 'X-CSRF-Token': '0'.repeat(64) });
  assert.equal(r.status, 403);
  r = await api(srv.base, 'POST', '/api/v1/facilities', body,
    { Cookie: s.cookie, 'X-CSRF-Token': s.json.csrf_token, Origin: 'http://evil.example' });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.field, 'Origin');
  r = await api(srv.base, 'POST', '/api/v1/session', { username: 'doc1', password: PW }, { Origin: 'http://evil.example' });
  assert.equal(r.status, 403, 'no sign-in from a foreign page either');
  r = await api(srv.base, 'POST', '/api/v1/facilities', body,
    { Cookie: s.cookie, 'X-CSRF-Token': s.json.csrf_token, Origin: srv.base });
  assert.equal(r.status, 201, r.text);
  // Reads need no token; bearer clients need none either.
  r = await api(srv.base, 'GET', '/api/v1/session', undefined, { Cookie: s.cookie });
  assert.equal(r.status, 200);
  r = await api(srv.base, 'DELETE', `/api/v1/facilities/${r.json ? 999999 : 0}`, undefined, admin);
  assert.equal(r.status, 404);
});

test('more than 100 failures an hour for one account → 429, recorded in the database', async () => {
  assert.equal((await addUser(t.db, 'victim', 'doctor', ['--institution', String(clinicId)])).status, 0);
  for (let i = 0; i < 100; i++) {
    const s = await signIn(srv, 'victim', 'not the password ' + i);
    assert.equal(s.status, 401, `attempt ${i + 1}`);
  }
  let s = await signIn(srv, 'victim');
  assert.equal(s.status, 429, 'even the right password is refused now');
  s = await signIn(srv, 'doc1');
  assert.equal(s.status, 200, 'other accounts are not locked');
  // The failures are in the database: a restarted server still refuses.
  const srv2 = await startServer(t.db);
  try {
    s = await signIn(srv2, 'victim');
    assert.equal(s.status, 429);
  } finally { await srv2.stop(); }
});

test('per-address limit → 429 (limit lowered by env for the test)', async () => {
  await withServer({ role: null, env: { ZAITAKU_SIGNIN_LIMIT_ADDR: '5' } }, async ({ srv: s2 }) => {
    for (let i = 0; i < 5; i++) assert.equal((await signIn(s2, `who${i}`, 'x'.repeat(13))).status, 401);
    assert.equal((await signIn(s2, 'someone-else', 'x'.repeat(13))).status, 429);
  });
});

test('idle and absolute timeouts (shortened by env for the test)', async () => {
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  const env = { ZAITAKU_SESSION_IDLE_SECONDS: '2', ZAITAKU_SESSION_ABSOLUTE_SECONDS: '4' };
  await withServer({ env }, async ({ t: t2, srv: s2, auth: adm }) => {
    let r = await api(s2.base, 'POST', '/api/v1/facilities', {
      kind: 'clinic', name: '期限テスト', medical_code: '0811234566', municipality: '082228',
    }, adm);
    assert.equal(r.status, 201, r.text);
    assert.equal((await addUser(t2.db, 'doc', 'doctor', ['--institution', String(r.json.id)])).status, 0);
    // Idle: no request for 2 s → dead.
    let s = await signIn(s2, 'doc');
    assert.equal(s.status, 200);
    await wait(3100);
    r = await api(s2.base, 'GET', '/api/v1/session', undefined, { Cookie: s.cookie });
    assert.equal(r.status, 401, 'idle timeout');
    // Absolute: active every second, still dead after 4 s.
    s = await signIn(s2, 'doc');
    const start = Date.now();
    let alive = 0;
    while (Date.now() - start < 3000) {
      r = await api(s2.base, 'GET', '/api/v1/session', undefined, { Cookie: s.cookie });
      if (r.status === 200) alive++;
      await wait(900);
    }
    assert.ok(alive >= 3, 'kept alive by activity');
    await wait(Math.max(0, 5100 - (Date.now() - start)));
    r = await api(s2.base, 'GET', '/api/v1/session', undefined, { Cookie: s.cookie });
    assert.equal(r.status, 401, 'absolute timeout');
  });
});

test('sign-ins, failures, sign-outs and account changes are in the audit trail, without secrets', async () => {
  const r = await api(srv.base, 'GET', '/api/v1/audit?object_type=user&limit=1000', undefined, admin);
  assert.equal(r.status, 200, r.text);
  const actions = new Set(r.json.items.map((x) => x.action));
  for (const a of ['sign_in', 'sign_in_failed', 'sign_out', 'create', 'update']) assert.ok(actions.has(a), a);
  const text = JSON.stringify(r.json);
  assert.ok(!text.includes('argon2'), 'no password hashes');
  assert.ok(!text.includes(PW), 'no passwords');
  assert.ok(!text.includes(SECRET), 'no TOTP secrets');
  assert.ok(!/[0-9a-f]{64}/.test(text.replace(/"(prev_)?hash":"[0-9a-f]{64}"/g, '')), 'no tokens');
});
