// PostgreSQL helpers for the tests of issue 17 that need a cluster beside SQLite (copy, two servers,
// backups): ZAITAKU_TEST_PG names a running throwaway cluster, as for the rest of the API suite
// (tests/api/lib.mjs, tests/run-integration.sh): its socket directory (scripts/pg-cluster.sh), or a
// postgresql:// URL of its maintenance database. Each test makes databases of its own in it and
// drops them at the end. Without it these tests skip with the reason printed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './lib.mjs';

const ENV = process.env.ZAITAKU_TEST_PG || '';
/** The maintenance database's URL ('' without a cluster). */
export const PG = !ENV ? '' : /^postgres(ql)?:\/\//.test(ENV) ? ENV
  : `postgresql:///postgres?host=${encodeURIComponent(ENV)}&user=postgres`;
export const PG_SKIP = PG ? false : 'ZAITAKU_TEST_PG is not set (no PostgreSQL cluster: scripts/pg-cluster.sh start DIR)';
if (PG_SKIP) console.log(`skipped: ${PG_SKIP}`);
const PGBIN = process.env.PGBIN || '/usr/lib/postgresql/15/bin';

/** Runs psql on url with one command; throws with its message when it fails. Returns stdout. */
export function psql(url, sql) {
  const r = spawnSync(join(PGBIN, 'psql'), ['-X', '-Atq', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr}`);
  return r.stdout;
}

/** url with its database name replaced by name (postgresql://HOSTS/DB?PARAMS). */
export function pgUrlFor(url, name) {
  const m = /^(postgres(?:ql)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (!m) throw new Error(`not a postgresql:// URL: ${url}`);
  return `${m[1]}/${name}${m[2] || ''}`;
}

let seq = 0;

/** A new empty database in the test cluster: {name, url, drop()}. */
export function pgCreateDb(tag) {
  const name = `zt_${tag}_${process.pid}_${++seq}`;
  psql(PG, `CREATE DATABASE ${name}`);
  return { name, url: pgUrlFor(PG, name), drop: () => psql(PG, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The key files of the SQLite database db (beside it, from init) plus a sign-in key in dir: the
 *  environment under which a copy of db on PostgreSQL is served and run from the CLI. */
export function keyEnv(db, dir) {
  return { ZAITAKU_AUDIT_KEY: db + '.audit-key', ZAITAKU_SECRET_KEY: db + '.secret-key',
    ZAITAKU_SIGNIN_KEY: join(dir, 'signin.key') };
}

let users = 0;
/** A token-only admin made with the CLI on db under env (keys): {Authorization: 'Bearer …'}. */
export function adminToken(db, env) {
  const username = `pg-admin-${process.pid}-${++users}`;
  const opts = { env: { ...process.env, ...env } };
  let r = run(db, ['user', 'add', username, '--role', 'admin', '--no-password'], opts);
  if (r.status !== 0) throw new Error('user add: ' + r.stderr);
  r = run(db, ['user', 'token', username, '--name', 'test'], opts);
  if (r.status !== 0) throw new Error('user token: ' + r.stderr);
  return { Authorization: 'Bearer ' + r.stdout.trim() };
}

/** The demo region in a new SQLite file, whatever backend the rest of the suite runs on (the source
 *  of a copy): {dir, db, cleanup()}. */
export function sqliteDemo() {
  const dir = mkdtempSync(join(tmpdir(), 'zaitaku-lite-'));
  const db = join(dir, 'z.db');
  for (const args of [['init'], ['demo']]) {
    const r = run(db, args);
    if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr}`);
  }
  return { dir, db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
