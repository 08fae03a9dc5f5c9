// Two servers, one database (issue 17 §3): two `zaitaku serve` processes on one PostgreSQL
// database, requests alternating between them. A session made on A works on B (and signing out on
// B ends it on A); sign-in throttling is global (failures on A count on B); a write on A is read on
// B; concurrent writes on both keep the audit chain one total order (`audit verify` green, ids
// without gaps). What is kept where: docs/operations.md "Several servers".
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, startServer, api } from './lib.mjs';
import { PG_SKIP, pgCreateDb, psql, adminToken } from './pg_util.mjs';

const PW = 'correct horse battery';
const cleanups = [];
after(async () => { for (const f of cleanups.reverse()) await f(); });

/** One PostgreSQL database (init, an admin token) served by two processes with the same key files. */
async function pair() {
  const dir = mkdtempSync(join(tmpdir(), 'zaitaku-two-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const pg = pgCreateDb('two');
  cleanups.push(() => pg.drop());
  const keys = { ZAITAKU_AUDIT_KEY: join(dir, 'audit-key'), ZAITAKU_SECRET_KEY: join(dir, 'secret-key'),
    ZAITAKU_SIGNIN_KEY: join(dir, 'signin-key') };
  const env = { ...process.env, ...keys };
  let r = run(pg.url, ['init'], { env });
  assert.equal(r.status, 0, r.stderr);
  const serverEnv = { ...keys, ZAITAKU_SIGNIN_LIMIT_ACCOUNT: '5' };
  const a = await startServer(pg.url, { env: serverEnv });
  cleanups.push(() => a.stop());
  const b = await startServer(pg.url, { env: serverEnv });
  cleanups.push(() => b.stop());
  return { pg, env, keys, a, b, token: adminToken(pg.url, keys) };
}

const signIn = async (srv, username, password) => {
  const r = await api(srv.base, 'POST', '/api/v1/session', { username, password });
  const m = /zaitaku_session=([^;]*)/.exec(r.headers.get('set-cookie') || '');
  return { ...r, cookie: m ? `zaitaku_session=${m[1]}` : null };
};

test('two servers on one PostgreSQL share sessions, throttling and data; concurrent writes keep the audit chain',
  { skip: PG_SKIP, timeout: 240000 }, async () => {
    const { pg, env, a, b, token } = await pair();
    // A doctor of a clinic made on A signs in with a password (no second factor for the role).
    const clinic = await api(a.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: '乙診療所', municipality: '082228' }, token);
    assert.equal(clinic.status, 201, clinic.text);
    const u = run(pg.url, ['user', 'add', 'two-doc', '--role', 'doctor', '--institution', String(clinic.json.id),
      '--password-stdin'], { env, input: PW + '\n' });
    assert.equal(u.status, 0, u.stderr);

    // A session made on A works on B, writes there with its CSRF token, and ends there for both.
    const s = await signIn(a, 'two-doc', PW);
    assert.equal(s.status, 200, s.text);
    assert.ok(s.cookie);
    const onB = await api(b.base, 'GET', '/api/v1/session', undefined, { Cookie: s.cookie });
    assert.equal(onB.status, 200, onB.text);
    assert.equal(onB.json.user.username, 'two-doc');
    const viaSession = await api(b.base, 'POST', '/api/v1/tokens', { name: 'A の会話で B から' },
      { Cookie: s.cookie, 'X-CSRF-Token': s.json.csrf_token });
    assert.equal(viaSession.status, 201, viaSession.text);
    const listed = await api(a.base, 'GET', '/api/v1/tokens', undefined, { Cookie: s.cookie });
    assert.ok(listed.json.items.some((k) => k.name === 'A の会話で B から'), listed.text);
    assert.equal((await api(b.base, 'DELETE', '/api/v1/session', undefined,
      { Cookie: s.cookie, 'X-CSRF-Token': s.json.csrf_token })).status, 204);
    assert.equal((await api(a.base, 'GET', '/api/v1/session', undefined, { Cookie: s.cookie })).status, 401,
      'signed out on B is signed out on A');

    // Sign-in throttling is global: 5 failures (the limit) alternating A, B, A, B, A; then both refuse.
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await signIn(i % 2 ? b : a, 'two-doc', 'wrong password 123')).status);
    assert.deepEqual(codes, [401, 401, 401, 401, 401]);
    assert.equal((await signIn(b, 'two-doc', 'wrong password 123')).status, 429, 'B counts the failures made on A');
    assert.equal((await signIn(a, 'two-doc', PW)).status, 429, 'A counts those made on B, right password too');
    assert.equal((await signIn(b, 'two-doc', PW)).status, 429);

    // A write on A is read on B, and an update on B is read on A.
    const auth = token;
    const created = await api(a.base, 'POST', '/api/v1/facilities',
      { kind: 'clinic', name: '甲診療所', municipality: '082228' }, auth);
    assert.equal(created.status, 201, created.text);
    const id = created.json.id;
    const readB = await api(b.base, 'GET', `/api/v1/facilities/${id}`);
    assert.equal(readB.status, 200);
    assert.equal(readB.json.name, '甲診療所');
    const upd = await api(b.base, 'PUT', `/api/v1/facilities/${id}`, { note: 'B で更新' }, auth);
    assert.equal(upd.status, 200, upd.text);
    assert.equal((await api(a.base, 'GET', `/api/v1/facilities/${id}`)).json.note, 'B で更新');

    // Concurrent writes on both: every one answered 2xx, each with its audit row, one chain.
    const before = Number(psql(pg.url, 'SELECT COUNT(*) FROM audit_log').trim());
    const writes = [];
    for (let i = 0; i < 60; i++) {
      const srv = i % 2 ? b : a;
      writes.push(i % 3 === 2
        ? api(srv.base, 'PUT', `/api/v1/facilities/${id}`, { note: `並行 ${i}` }, auth)
        : api(srv.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: `並行診療所 ${i}`, municipality: '082228' }, auth));
    }
    const rs = await Promise.all(writes);
    const by = {};
    for (const r of rs) by[r.status] = (by[r.status] || 0) + 1;
    // Each write is acknowledged (2xx) or refused whole with 503 when its SERIALIZABLE transaction
    // lost to the other server's more often than store_tx retries (issue 17 §2; the goal is none:
    // the count is printed). A 503 wrote nothing, an acknowledged write is there with its audit row.
    console.log(`concurrent writes on two servers: ${JSON.stringify(by)}`);
    for (const st of Object.keys(by)) assert.ok(['200', '201', '503'].includes(st), JSON.stringify(by));
    assert.ok((by[200] || 0) + (by[201] || 0) >= 30, `most writes acknowledged: ${JSON.stringify(by)}`);
    const made = rs.filter((r) => r.status === 201);
    assert.equal(new Set(made.map((r) => r.json.id)).size, made.length, 'distinct ids from both servers');
    for (const r of made)
      assert.equal((await api(r === made[0] ? a.base : b.base, 'GET', `/api/v1/facilities/${r.json.id}`)).status, 200);
    const acked = (by[200] || 0) + (by[201] || 0);
    const after = Number(psql(pg.url, 'SELECT COUNT(*) FROM audit_log').trim());
    assert.equal(after, before + acked, `an audit row per acknowledged write, none for a 503: ${before} → ${after}`);
    assert.equal(psql(pg.url, 'SELECT MAX(id) FROM audit_log').trim(), String(after), 'audit ids without gaps');
    const v = run(pg.url, ['audit', 'verify'], { env });
    assert.equal(v.status, 0, v.stderr + v.stdout);
    assert.match(v.stdout, /chain intact/);
  });

test('a rota job running on one server is not taken for orphaned when another server starts',
  { skip: PG_SKIP, timeout: 120000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zaitaku-two-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const pg = pgCreateDb('jobs');
    cleanups.push(() => pg.drop());
    const keys = { ZAITAKU_AUDIT_KEY: join(dir, 'audit-key'), ZAITAKU_SECRET_KEY: join(dir, 'secret-key'),
      ZAITAKU_SIGNIN_KEY: join(dir, 'signin-key') };
    const r = run(pg.url, ['init'], { env: { ...process.env, ...keys } });
    assert.equal(r.status, 0, r.stderr);
    psql(pg.url, "INSERT INTO care_group (id, name, created_at, updated_at) VALUES (1, '当番群', '2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z')");
    const job = (id) => `INSERT INTO rota_job (id, group_id, period_from, period_to, state, seed, time_limit, created_at, started_at)
      VALUES (${id}, 1, '2026-12-01', '2026-12-31', 'running', 1, 60, '2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z')`;
    psql(pg.url, job(1)); // its server is gone: nobody holds it
    psql(pg.url, job(2)); // alive: its worker (here a psql session) holds the job's lock
    const key = (0x5A54524Fn << 32n) + 2n;
    const holder = spawn('psql', ['-X', '-q', pg.url, '-c', `SELECT pg_advisory_lock(${key})`, '-c', 'SELECT pg_sleep(60)'],
      { stdio: 'ignore' });
    cleanups.push(() => holder.kill());
    for (let i = 0; i < 100; i++) {
      if (psql(pg.url, `SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted`).trim() === '1') break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const srv = await startServer(pg.url, { env: keys });
    cleanups.push(() => srv.stop());
    assert.equal(psql(pg.url, 'SELECT state FROM rota_job WHERE id = 1').trim(), 'failed', 'orphaned job failed');
    assert.equal(psql(pg.url, 'SELECT state FROM rota_job WHERE id = 2').trim(), 'running', 'live job kept');
  });

test('database unreachable: tokens and sessions get 503, never 401, and work again once it is back',
  { skip: PG_SKIP, timeout: 120000 }, async () => {
    const { pg, env, a, token } = await pair();
    const clinic = await api(a.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: '丙診療所', municipality: '082228' }, token);
    assert.equal(clinic.status, 201, clinic.text);
    const u = run(pg.url, ['user', 'add', 'down-doc', '--role', 'doctor', '--institution', String(clinic.json.id),
      '--password-stdin'], { env, input: PW + '\n' });
    assert.equal(u.status, 0, u.stderr);
    const s = await signIn(a, 'down-doc', PW);
    assert.equal(s.status, 200, s.text);
    // As during a failover: every connection cut, none accepted.
    psql(pg.url.replace(/\/zt_[a-z0-9_]+\?/, '/postgres?'), `ALTER DATABASE ${pg.name} ALLOW_CONNECTIONS false`);
    psql(pg.url.replace(/\/zt_[a-z0-9_]+\?/, '/postgres?'),
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${pg.name}'`);
    try {
      const viaToken = await api(a.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: '停止中', municipality: '082228' }, token);
      assert.equal(viaToken.status, 503, viaToken.text);
      assert.ok(!/postgres|SQL|connection/i.test(viaToken.text), 'no internals');
      const viaCookie = await api(a.base, 'GET', '/api/v1/session', undefined, { Cookie: s.cookie });
      assert.equal(viaCookie.status, 503, viaCookie.text);
    } finally {
      psql(pg.url.replace(/\/zt_[a-z0-9_]+\?/, '/postgres?'), `ALTER DATABASE ${pg.name} ALLOW_CONNECTIONS true`);
    }
    // Back: the same token and cookie work (the connections reconnect).
    let r;
    for (let i = 0; i < 20; i++) {
      r = await api(a.base, 'GET', '/api/v1/session', undefined, { Cookie: s.cookie });
      if (r.status === 200) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    assert.equal(r.status, 200, r.text);
    const after = await api(a.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: '復帰後', municipality: '082228' }, token);
    assert.equal(after.status, 201, after.text);
  });

test('pooled sessions cut while idle (a server restart, a failover): the next read and write reconnect, no 503',
  { skip: PG_SKIP, timeout: 120000 }, async () => {
    const { pg, a, token } = await pair();
    // Warm every pooled connection of the server with reads and a write.
    for (let i = 0; i < 8; i++) {
      const r = await api(a.base, 'GET', '/api/v1/facilities?limit=5', undefined, token);
      assert.equal(r.status, 200, r.text);
    }
    const w = await api(a.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: '切断前', municipality: '082228' }, token);
    assert.equal(w.status, 201, w.text);
    // Every session of the database ends on the server; the pool does not know it yet.
    psql(pg.url.replace(/\/zt_[a-z0-9_]+\?/, '/postgres?'),
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${pg.name}'`);
    for (let i = 0; i < 8; i++) {
      const r = await api(a.base, 'GET', i % 2 ? '/api/v1/facilities?near=35.97,140.64&within_km=16'
        : '/api/v1/facilities?limit=5', undefined, token);
      assert.equal(r.status, 200, `read ${i} after the cut: ${r.status} ${r.text}`);
    }
    psql(pg.url.replace(/\/zt_[a-z0-9_]+\?/, '/postgres?'),
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${pg.name}'`);
    const after = await api(a.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: '切断後', municipality: '082228' }, token);
    assert.equal(after.status, 201, after.text);
  });
