// PostgreSQL helpers for the tests of issue 17 that need a cluster (copy, two servers, backups):
// ZAITAKU_TEST_PG is the connection string of a throwaway cluster's maintenance database (make check
// starts one with scripts/pg-cluster.sh); each test makes databases of its own in it with
// CREATE DATABASE and drops them at the end. Without it the tests skip with the reason printed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from './lib.mjs';

export const PG = process.env.ZAITAKU_TEST_PG || '';
export const PG_SKIP = PG ? false : 'ZAITAKU_TEST_PG is not set (no PostgreSQL cluster: scripts/pg-cluster.sh start DIR)';
if (PG_SKIP) console.log(`# skipped: ${PG_SKIP}`);

let seq = 0;

/** Runs psql on url with one command; throws with its message when it fails. Returns stdout. */
export function psql(url, sql) {
  const r = spawnSync('psql', ['-X', '-Atq', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr}`);
  return r.stdout;
}

/** url with its database name replaced by name (postgresql://HOSTS/DB?PARAMS). */
export function pgUrlFor(url, name) {
  const m = /^(postgres(?:ql)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (!m) throw new Error(`not a postgresql:// URL: ${url}`);
  return `${m[1]}/${name}${m[2] || ''}`;
}

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
