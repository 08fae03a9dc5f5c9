// Helpers for integration tests: run the real zaitaku binary on loopback with a temporary database.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';

export const BIN = process.env.ZAITAKU_BIN || new URL('../../build/zaitaku', import.meta.url).pathname;
export const ROOT = process.env.ZAITAKU_ROOT || new URL('../..', import.meta.url).pathname;

/** The socket directory of a running PostgreSQL cluster (scripts/pg-cluster.sh) when the suite runs
 *  on PostgreSQL (ZAITAKU_TEST_PG), else '': tempDb() then makes a fresh database in it, dropped by
 *  cleanup(). The key files of those databases go to one private directory per test process
 *  (ZAITAKU_KEY_DIR, inherited by every zaitaku this process starts). */
export const PG = process.env.ZAITAKU_TEST_PG || '';
const PGBIN = process.env.PGBIN || '/usr/lib/postgresql/15/bin';
if (PG && !process.env.ZAITAKU_KEY_DIR) {
  const keys = mkdtempSync(join(tmpdir(), 'zaitaku-keys-'));
  process.env.ZAITAKU_KEY_DIR = keys;
  process.on('exit', () => rmSync(keys, { recursive: true, force: true }));
}
let pgSeq = 0;

/** The engine's own shell running SQL q on db, as [command, args] for spawn: sqlite3, or psql on
 *  PostgreSQL with the same output (rows, columns joined by |, no header, no command tags). */
export function sqlCli(db, q) {
  if (!PG) return ['sqlite3', [db, q]];
  // The SQLite forms the tests use, in PostgreSQL's words: DROP TRIGGER names its table (the
  // append-only triggers are <table>_no_update / <table>_no_delete), json_extract(c, '$.k'), and
  // an UPDATE followed by SELECT changes() (the rows it changed), strftime(ISO, 'now', 'N days').
  q = q.replace(/DROP TRIGGER (IF EXISTS )?(\w+?)_no_(update|delete)\b/g, 'DROP TRIGGER $1$2_no_$3 ON $2')
    .replace(/(UPDATE [^;]+); SELECT changes\(\);?/g, 'WITH u AS ($1 RETURNING 1) SELECT count(*) FROM u;')
    .replace(/strftime\('%Y-%m-%dT%H:%M:%SZ', 'now', '(-?\d+) days'\)/g,
      `to_char(now() AT TIME ZONE 'UTC' + interval '$1 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`)
    .replace(/json_extract\((\w+), '\$\.(\w+)'\)/g, "($1::json->>'$2')");
  return [join(PGBIN, 'psql'), ['-X', '-q', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', q]];
}

/** Test options that skip a test on PostgreSQL with its one-line reason (tests about SQLite files). */
export function sqliteOnly(reason) {
  return PG ? { skip: `SQLite only: ${reason}` } : {};
}

/** A new empty database: a file path in dir (SQLite), or a fresh PostgreSQL database's URL. Returns
 *  {db, base, drop}: base is the stem of the files zaitaku keeps beside the database (base +
 *  '.audit-key', '.secret-key', '-signin.key'; the path itself for SQLite); drop() removes the PostgreSQL database (the file goes with its directory). */
export function newDb(dir, file = 'z.db') {
  if (!PG) return { db: join(dir, file), base: join(dir, file), drop: () => {} };
  const name = `zt_${process.pid}_${++pgSeq}_${Math.random().toString(36).slice(2, 8)}`;
  const r = spawnSync(join(PGBIN, 'createdb'), ['-h', PG, '-U', 'postgres', name], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('createdb failed: ' + r.stderr);
  return {
    db: `postgresql:///${name}?host=${encodeURIComponent(PG)}&user=postgres`,
    base: join(process.env.ZAITAKU_KEY_DIR, name),
    drop: () => spawnSync(join(PGBIN, 'dropdb'), ['-h', PG, '-U', 'postgres', '--force', '--if-exists', name]),
  };
}

/** Runs `zaitaku --db DB ARGS…` to completion; returns {status, stdout, stderr}. */
export function run(db, args, opts = {}) {
  const r = spawnSync(BIN, ['--db', db, ...args], { encoding: 'utf8', ...opts });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs CMD ARGS… to completion without blocking the event loop, so that a server this process
 *  started stays served while the child runs (its stderr pipe keeps draining, keep-alive sockets
 *  stay fresh, responses are read). Resolves {status, stdout, stderr}: text, or Buffers with
 *  encoding 'buffer'; opts.input goes to the child's standard input (closed in any case), the
 *  other options are spawn()'s (cwd, env, timeout). */
export function execAsync(cmd, args, opts = {}) {
  const { input, encoding, ...rest } = opts;
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { ...rest, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [], err = [];
    p.stdout.on('data', (d) => out.push(d));
    p.stderr.on('data', (d) => err.push(d));
    p.stdin.on('error', () => {}); // a child that exits without reading its input
    p.on('error', reject);
    p.on('close', (status) => {
      const text = (parts) => (encoding === 'buffer' ? Buffer.concat(parts) : Buffer.concat(parts).toString('utf8'));
      resolve({ status, stdout: text(out), stderr: text(err) });
    });
    p.stdin.end(input);
  });
}

/** As run(), without blocking the event loop (see execAsync): for CLI runs while a server is live. */
export function runAsync(db, args, opts = {}) {
  return execAsync(BIN, ['--db', db, ...args], opts);
}

/** A fresh temporary directory with an initialised database (and the demo when demo=true). */
export function tempDb({ demo = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'zaitaku-'));
  const { db, base, drop } = newDb(dir);
  let r = run(db, ['init']);
  if (r.status !== 0) throw new Error('init failed: ' + r.stderr);
  if (demo) {
    r = run(db, ['demo']);
    if (r.status !== 0) throw new Error('demo failed: ' + r.stderr);
  }
  return { dir, db, base, cleanup: () => { drop(); rmSync(dir, { recursive: true, force: true }); } };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts `zaitaku serve` on a free loopback port; resolves when /api/v1/health answers. */
export async function startServer(db, { env = {}, args = [] } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(BIN, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => {
    stderr += d;
    if (process.env.ZAITAKU_TEST_STDERR) process.stderr.write(d); // debugging: the server's log
  });
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(base + '/api/v1/health');
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error('server exited: ' + stderr);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base, proc, port, db, env,
    stderr: () => stderr,
    stop: () => new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.on('exit', resolve);
      proc.kill('SIGTERM');
    }),
  };
}

/** fetch, sent again once when the pooled keep-alive socket it picked had been closed by the
 *  server while idle: a test that blocks the event loop in spawnSync (a long CLI run) for longer
 *  than the server's idle timeout leaves undici a dead socket whose close it has not yet seen.
 *  Only that transport error is retried; every HTTP answer is returned as it came. */
async function fetchOnce(url, opts) {
  try {
    return await fetch(url, opts);
  } catch (err) {
    const code = err && err.cause && err.cause.code;
    if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw err;
    return fetch(url, opts);
  }
}

/** fetch wrapper returning {status, headers, json, text}. */
export async function api(base, method, path, body, headers = {}) {
  const opts = { method, headers: { ...headers } };
  if (body !== undefined) {
    opts.body = typeof body === 'string' ? body : JSON.stringify(body);
    if (!opts.headers['Content-Type']) opts.headers['Content-Type'] = 'application/json';
  }
  const r = await fetchOnce(base + path, opts);
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, headers: r.headers, json, text };
}

let userSeq = 0;

/** The scope a test user of `role` gets when opts do not give one: prefecture 08 (the demo
 *  region), the first 郡市医師会 / institution of the right kind found through the public API. */
async function defaultScope(srv, role, opts) {
  const first = async (kind) => {
    const r = await api(srv.base, 'GET', `/api/v1/facilities?kind=${kind}&limit=1`);
    const id = r.json && r.json.items && r.json.items[0] && r.json.items[0].id;
    if (!id) throw new Error(`authHeaders(${role}): no ${kind} in the database; pass opts`);
    return id;
  };
  if (role === 'prefecture') return ['--prefecture', opts.prefecture || '08'];
  if (role === 'coordinator') {
    const ids = opts.associations || [await first('medical_association')];
    return ids.flatMap((id) => ['--association', String(id)]);
  }
  const kinds = { doctor: 'clinic', nurse: 'nurse_station', hospital: 'hospital' };
  if (kinds[role]) return ['--institution', String(opts.institution || await first(kinds[role]))];
  return [];
}

/** Creates a user of `role` in srv's database with the CLI and returns a fresh API token for it:
 *  {Authorization: 'Bearer …'}. opts: {prefecture, institution, associations: [ids], username}.
 *  The account is token-only (no password), so it cannot sign in through the browser. */
export async function authHeaders(srv, role = 'admin', opts = {}) {
  if (!srv || !srv.db) throw new Error('authHeaders: pass the object startServer returned');
  const username = opts.username || `t-${role}-${process.pid}-${++userSeq}`;
  // The CLI stands on the server's clock (ZAITAKU_NOW in test builds), so tokens expire on its time.
  // Only the clock: other server settings (fault injection …) must not reach the CLI.
  const cli = srv.env && srv.env.ZAITAKU_NOW ? { env: { ...process.env, ZAITAKU_NOW: srv.env.ZAITAKU_NOW } } : {};
  let r = run(srv.db, ['user', 'add', username, '--role', role, '--no-password',
    ...(await defaultScope(srv, role, opts))], cli);
  if (r.status !== 0) throw new Error(`user add ${role} failed: ${r.stderr}`);
  r = run(srv.db, ['user', 'token', username, '--name', 'test'], cli);
  if (r.status !== 0) throw new Error(`user token failed: ${r.stderr}`);
  return { Authorization: 'Bearer ' + r.stdout.trim() };
}

/** A fresh database (tempDb: demo) served by a running server (startServer: env, args) and, unless
 *  role is null, an API token of that role: {t, srv, auth, api, close}. api(method, path, body,
 *  headers) sends the token (headers add to it or override it); close() stops the server and
 *  removes the database. prepare(t), when given, runs on the database before the server starts. */
export async function serverFixture({ demo = false, role = 'admin', env, args, prepare } = {}) {
  const t = tempDb({ demo });
  let srv = null;
  const close = async () => {
    if (srv) await srv.stop();
    t.cleanup();
  };
  try {
    if (prepare) await prepare(t);
    srv = await startServer(t.db, { env, args });
    const auth = role ? await authHeaders(srv, role) : {};
    const call = (method, path, body, headers = {}) => api(srv.base, method, path, body, { ...auth, ...headers });
    return { t, srv, auth, api: call, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Runs fn(fixture) on a serverFixture(opts) of its own and closes it whatever happens. */
export async function withServer(opts, fn) {
  const fx = await serverFixture(opts);
  try {
    return await fn(fx);
  } finally {
    await fx.close();
  }
}

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits) of a base32 secret at `at` (seconds). */
export function totp(secret, at = Date.now() / 1000) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const key = [];
  for (const c of secret.replace(/=+$/, '')) {
    value = (value << 5) | abc.indexOf(c);
    bits += 5;
    if (bits >= 8) { key.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(at / 30)));
  const h = createHmac('sha1', Buffer.from(key)).update(msg).digest();
  const o = h[19] & 15;
  const n = ((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1000000).padStart(6, '0');
}

/** Great-circle distance in km between two {lat, lon} (DOMAIN.md: straight-line distance, R 6371.0088). */
export function distanceKm(a, b) {
  const rad = Math.PI / 180;
  const x = Math.sin((b.lat - a.lat) * rad / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin((b.lon - a.lon) * rad / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(x));
}

/** Creates each institution of `facilities` ({key: body}) in order through call (a fixture's api,
 *  which carries the credentials) and returns {key: id}; a refusal fails naming the key. */
export async function createFacilities(call, facilities) {
  const ids = {};
  for (const [k, body] of Object.entries(facilities)) {
    const r = await call('POST', '/api/v1/facilities', body);
    assert.equal(r.status, 201, `${k}: ${r.text}`);
    ids[k] = r.json.id;
  }
  return ids;
}
