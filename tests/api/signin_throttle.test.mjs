// Sign-in throttling (issue 11 §8, SECURITY.md "brute force"):
//   - the throttle check and the attempt's record are one transaction: N parallel wrong sign-ins
//     never get more than the limit of attempts evaluated (401); the rest are 429;
//   - it fails closed: when the attempt cannot be recorded (a dead or full disk) the sign-in
//     answers 503 without checking the password — never 401 or 200 with nothing counted;
//   - signin_failure keeps a keyed hash of the typed username (key file DB-signin.key, 0600,
//     outside the database), never the text: people type passwords into the username field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { tempDb, startServer, api, runAsync, execAsync, sqlCli, sqliteOnly } from './lib.mjs';

const PW = 'correct horse battery';
const sql = async (db, q) => {
  const r = await execAsync(...sqlCli(db, q));
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
};
const signIn = (srv, username, password) => api(srv.base, 'POST', '/api/v1/session', { username, password });


test('N parallel wrong sign-ins never get more than the limit evaluated', async () => {
  const t = tempDb({ demo: true });
  const srv = await startServer(t.db, { env: { ZAITAKU_SIGNIN_LIMIT_ACCOUNT: '5' }, args: ['--threads', '8'] });
  try {
    const u = await runAsync(t.db, ['user', 'add', 'par-doc', '--role', 'doctor', '--institution', '1', '--password-stdin'], { input: PW + '\n' });
    assert.equal(u.status, 0, u.stderr);
    for (let round = 0; round < 2; round++) {
      const name = round === 0 ? 'par-doc' : 'nobody-' + process.pid; // known and unknown usernames
      const rs = await Promise.all(Array.from({ length: 40 }, () => signIn(srv, name, 'wrong password 123')));
      const by = {};
      for (const r of rs) by[r.status] = (by[r.status] || 0) + 1;
      // Never more than the limit evaluated; under heavy load a few attempts may find the writer
      // busy past store_tx's retries (503, nothing evaluated) — never a 401 beyond the limit.
      assert.ok(by[401] >= 1 && by[401] <= 5, `${name}: at most the limit evaluated: ${JSON.stringify(by)}`);
      assert.equal((by[401] || 0) + (by[429] || 0) + (by[503] || 0), 40, `${name}: only 401, 429, 503: ${JSON.stringify(by)}`);
      assert.ok(by[429] >= 30, `${name}: the rest throttled: ${JSON.stringify(by)}`);
    }
    // The right password is throttled too, then.
    assert.equal((await signIn(srv, 'par-doc', PW)).status, 429);
    assert.ok(Number(await sql(t.db, 'SELECT count(*) FROM signin_failure')) <= 10, 'one row per evaluated attempt');
  } finally {
    await srv.stop();
    t.cleanup();
  }
});

test('fails closed: when the attempt cannot be recorded, 503 and the password is not checked',
  sqliteOnly('injects write faults through the SQLite VFS (db_fault.c)'), async () => {
  const t = tempDb({ demo: true });
  let srv = null;
  try {
    const u = await runAsync(t.db, ['user', 'add', 'fc-doc', '--role', 'doctor', '--institution', '1', '--password-stdin'], { input: PW + '\n' });
    assert.equal(u.status, 0, u.stderr);
    // Every write and sync fails from the first on: a dead disk.
    srv = await startServer(t.db, { env: { ZAITAKU_FAULT_WRITE: '1+' } });
    for (const pw of ['wrong password 123', PW]) {
      const r = await signIn(srv, 'fc-doc', pw);
      assert.equal(r.status, 503, `${pw === PW ? 'right' : 'wrong'} password: ${r.status} ${r.text}`);
      assert.equal(r.headers.get('set-cookie'), null);
      assert.ok(!/sqlite|SQL|\/tmp\//i.test(r.text), 'no internals');
    }
    assert.equal((await api(srv.base, 'GET', '/api/v1/health')).status, 200, 'still up');
    await srv.stop();
    srv = null;
    assert.equal(await sql(t.db, 'SELECT count(*) FROM session'), '0');
    // A single failing write (k = 1..3) is retried: each answer that says 401 has its record.
    for (let k = 1; k <= 3; k++) {
      await sql(t.db, 'DELETE FROM signin_failure');
      srv = await startServer(t.db, { env: { ZAITAKU_FAULT_WRITE: String(k) } });
      const r = await signIn(srv, 'fc-doc', 'wrong password 123');
      assert.ok(r.status === 401 || r.status === 503, `k=${k}: ${r.status}`);
      await srv.stop();
      srv = null;
      const n = Number(await sql(t.db, 'SELECT count(*) FROM signin_failure'));
      if (r.status === 401) assert.equal(n, 1, `k=${k}: a 401 was counted`);
    }
    srv = await startServer(t.db);
    assert.equal((await signIn(srv, 'fc-doc', PW)).status, 200, 'recovers');
  } finally {
    if (srv) await srv.stop();
    t.cleanup();
  }
});

test('signin_failure holds a keyed hash of the typed username, never its text; the key file is 0600', async () => {
  const t = tempDb();
  let srv = await startServer(t.db);
  const typed = 'hunter2-typed-into-username';
  try {
    assert.equal((await signIn(srv, typed, 'whatever password')).status, 401);
    assert.equal((await signIn(srv, typed, 'whatever password')).status, 401);
    const keys = (await sql(t.db, 'SELECT DISTINCT user_key FROM signin_failure')).split('\n');
    assert.equal(keys.length, 1, 'one key per typed username');
    assert.match(keys[0], /^[0-9a-f]{64}$/);
    assert.equal(await sql(t.db, `SELECT count(*) FROM signin_failure WHERE user_key LIKE '%hunter2%'`), '0');
    // Not a plain hash: a keyed one (BLAKE2b of the text alone differs).
    const plain = (await import('node:crypto')).createHash('blake2b512').update(typed).digest('hex');
    assert.ok(!plain.startsWith(keys[0]));
    const keyFile = t.base + '-signin.key';
    assert.ok(existsSync(keyFile));
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(statSync(keyFile).size, 32);
    const key1 = readFileSync(keyFile);
    await srv.stop();
    for (const f of [t.db, t.db + '-wal'])
      if (existsSync(f)) assert.ok(!readFileSync(f).includes(Buffer.from(typed)), `${f}: no typed username`);
    // The key survives a restart, so the count does too.
    srv = await startServer(t.db, { env: { ZAITAKU_SIGNIN_LIMIT_ACCOUNT: '2' } });
    assert.ok(readFileSync(keyFile).equals(key1));
    assert.equal((await signIn(srv, typed, 'whatever password')).status, 429, 'throttled across a restart');
  } finally {
    await srv.stop();
    t.cleanup();
  }
});
