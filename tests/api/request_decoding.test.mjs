// Request decoding through the real binary: the identity headers (auth/cookie.h — Cookie,
// Authorization, Origin; SECURITY.md "sessions") and the JSON bodies moved out of the handlers
// (io/designation_json.h, io/session_json.h), including what the fuzz harnesses found
// (docs/fuzzing.md): an empty key and a long Japanese unknown key are 400 naming the field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, api, runAsync } from './lib.mjs';

let srv, admin, close, t;
const PW = 'correct horse battery';

before(async () => {
  ({ t, srv, auth: admin, close } = await serverFixture());
  const r = await runAsync(t.db, ['user', 'add', 'coord1', '--role', 'coordinator', '--association', '1', '--password-stdin'],
    { input: PW + '\n' });
  if (r.status !== 0) {
    // No association 1 in an empty database: a doctor needs an institution instead.
    const f = await api(srv.base, 'POST', '/api/v1/facilities', {
      kind: 'clinic', name: '復号テスト診療所', medical_code: '0811234566', municipality: '082228',
    }, admin);
    assert.equal(f.status, 201, f.text);
    const r2 = await runAsync(t.db, ['user', 'add', 'coord1', '--role', 'doctor', '--institution', String(f.json.id),
      '--password-stdin'], { input: PW + '\n' });
    assert.equal(r2.status, 0, r2.stderr);
  }
});
after(() => close?.());

async function signIn(body) {
  const r = await api(srv.base, 'POST', '/api/v1/session', body);
  const m = /zaitaku_session=([0-9a-f]*)/.exec(r.headers.get('set-cookie') || '');
  return { ...r, token: m ? m[1] : null };
}

test('the session cookie is found among other cookies, quoted or spaced; look-alikes are not it', async () => {
  const s = await signIn({ username: 'coord1', password: PW });
  assert.equal(s.status, 200, s.text);
  for (const cookie of [`theme=dark; zaitaku_session=${s.token}; lang=ja`, `zaitaku_session="${s.token}"`,
    `  zaitaku_session =  ${s.token}  `]) {
    const r = await api(srv.base, 'GET', '/api/v1/session', undefined, { Cookie: cookie });
    assert.equal(r.status, 200, cookie);
    assert.equal(r.json.user.username, 'coord1');
  }
  for (const cookie of [`xzaitaku_session=${s.token}`, `Zaitaku_Session=${s.token}`, `zaitaku_session=${s.token}x`,
    `zaitaku_session=${s.token},x`, 'zaitaku_session']) {
    const r = await api(srv.base, 'GET', '/api/v1/session', undefined, { Cookie: cookie });
    assert.equal(r.status, 401, cookie);
  }
});

test('Authorization: the Bearer scheme is case-insensitive; other schemes are 401', async () => {
  const tok = admin.Authorization.slice(7);
  let r = await api(srv.base, 'GET', '/api/v1/session', undefined, { Authorization: `bearer ${tok}` });
  assert.equal(r.status, 200);
  assert.equal(r.json.via_token, true);
  for (const h of ['Basic dXNlcjpwYXNz', 'Bearer', `Bearer${tok}`, `Token ${tok}`]) {
    r = await api(srv.base, 'GET', '/api/v1/health', undefined, { Authorization: h });
    assert.equal(r.status, 401, h);
    assert.equal(r.json.error.field, 'Authorization');
  }
});

test('Origin: another site or another scheme is refused on state changes', async () => {
  const host = new URL(srv.base).host;
  let r = await api(srv.base, 'POST', '/api/v1/session', { username: 'coord1', password: PW },
    { Origin: `ftp://${host}` });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.field, 'Origin');
  r = await api(srv.base, 'POST', '/api/v1/session', { username: 'coord1', password: PW }, { Origin: `http://${host}` });
  assert.equal(r.status, 200);
});

test('sign-in: each member of the wrong type names itself', async () => {
  for (const [body, field] of [[{ username: 7, password: PW }, 'username'], [{ username: 'coord1', password: 7 }, 'password'],
    [{ username: 'coord1', password: PW, totp: 123456 }, 'totp'], [{ password: PW }, 'username']]) {
    const r = await signIn(body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.field, field);
    assert.equal(r.token, null);
  }
});

test('designation bodies: an empty key and a long Japanese unknown key are 400 naming the field', async () => {
  const base = { municipality: '082015', institution_id: 1, role: 'active' };
  let r = await api(srv.base, 'POST', '/api/v1/designations', { ...base, '': null }, admin);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'body');
  const key = 'あ'.repeat(200);
  r = await api(srv.base, 'POST', '/api/v1/designations', { ...base, [key]: 1 }, admin);
  assert.equal(r.status, 400, r.text); // was 500: the message cut inside a character was not UTF-8
  assert.ok(key.startsWith(r.json.error.field) && r.json.error.field.length === 21);
  assert.match(r.json.error.message, /^不明な項目 あ+/);
  r = await api(srv.base, 'POST', '/api/v1/groups', { name: 'x', [key]: 1 }, admin);
  assert.equal(r.status, 400, r.text);
  r = await api(srv.base, 'PUT', '/api/v1/designations/1/checklist', { items: [] }, admin);
  assert.ok([400, 404].includes(r.status));
  r = await api(srv.base, 'POST', '/api/v1/support-centres', { medical_area_id: 1, institution_id: 1, type: 'hub', name: 'x' }, admin);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'type');
});
