// zaitaku copy (issue 17 §5): the demo region built on SQLite, copied into a fresh PostgreSQL
// database, served from PostgreSQL with the same data; a non-empty target refused; identity
// sequences continue after the copied ids; the copy back into SQLite verifies; backups of the
// PostgreSQL database with pg_dump / pg_restore restore into a new database whose audit verifies.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run, startServer, api } from './lib.mjs';
import { PG_SKIP, pgCreateDb, psql, keyEnv, adminToken, sqliteDemo } from './pg_util.mjs';

const cleanups = [];
after(async () => { for (const f of cleanups.reverse()) await f(); });

/** The same answer from both servers, for a list of public and signed reads. */
async function sameReads(a, b, authA, authB) {
  for (const path of ['/api/v1/facilities?limit=500', '/api/v1/medical-areas', '/api/v1/areas',
    '/api/v1/public/groups', '/api/v1/imports/latest']) {
    const ra = await api(a.base, 'GET', path), rb = await api(b.base, 'GET', path);
    assert.equal(ra.status, 200, path);
    assert.deepEqual(rb.json, ra.json, path);
  }
  for (const path of ['/api/v1/groups', '/api/v1/designations?prefecture=08', '/api/v1/coverage?prefecture=08', '/api/v1/users']) {
    const ra = await api(a.base, 'GET', path, undefined, authA), rb = await api(b.base, 'GET', path, undefined, authB);
    assert.equal(ra.status, 200, path);
    assert.equal(rb.status, 200, path);
    // The users list differs by the token users each side made for itself; compare the demo's.
    const strip = (j) => (path === '/api/v1/users' ? j.items.filter((u) => !u.username.startsWith('pg-admin-')) : j);
    assert.deepEqual(strip(rb.json), strip(ra.json), path);
  }
}

test('copy: SQLite demo → PostgreSQL, verified, served with the same data', { skip: PG_SKIP, timeout: 240000 }, async () => {
  const t = sqliteDemo();
  cleanups.push(() => t.cleanup());
  const pg = pgCreateDb('copy');
  cleanups.push(() => pg.drop());
  // The copy runs on the source's key files; the servers of the copy use them too.
  const keys = keyEnv(t.db, t.dir);
  const env = { ...process.env, ...keys };
  let r = run(t.db, ['copy', '--from', t.db, '--to', pg.url], { env });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /^ {2}audit_log +\d+ rows$/m);
  assert.match(r.stdout, /^ {2}institution +\d+ rows$/m);
  assert.match(r.stdout, /verify: row counts equal in all \d+ tables/);
  assert.match(r.stdout, /verify: audit ok: \d+ rows, chain intact/);
  // Parents before children: prefecture before municipality before institution before patient.
  const at = (name) => r.stdout.search(new RegExp(`^ {2}${name} `, 'm'));
  assert.ok(at('prefecture') < at('municipality') && at('municipality') < at('institution') &&
    at('institution') < at('patient'), r.stdout);

  // The audit trail and row counts as the source has them.
  const audit = (db) => run(db, ['audit', 'verify'], { env });
  r = audit(pg.url);
  assert.equal(r.status, 0, r.stderr);
  const rows = (out) => Number(/ok: (\d+) rows/.exec(out)[1]);
  const srcAudit = audit(t.db);
  assert.equal(srcAudit.status, 0, srcAudit.stderr);
  // Each verify adds a checkpoint, never a trail row: the trails are as long as each other.
  assert.equal(rows(r.stdout), rows(srcAudit.stdout));
  assert.equal(psql(pg.url, 'SELECT COUNT(*) FROM institution').trim(),
    spawnSync('sqlite3', [t.db, 'SELECT COUNT(*) FROM institution'], { encoding: 'utf8' }).stdout.trim());

  // A second copy into the same (now full) target is refused and changes nothing.
  r = run(t.db, ['copy', '--from', t.db, '--to', pg.url], { env });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /空ではありません/);

  // Served from PostgreSQL: the same reads as from SQLite.
  const a = await startServer(t.db, { env: keys });
  cleanups.push(() => a.stop());
  const b = await startServer(pg.url, { env: keys });
  cleanups.push(() => b.stop());
  const authA = adminToken(t.db, keys), authB = adminToken(pg.url, keys);
  await sameReads(a, b, authA, authB);

  // Identity sequences continue after the copied ids: a new institution gets max(id) + 1.
  const maxId = Number(psql(pg.url, 'SELECT MAX(id) FROM institution').trim());
  const created = await api(b.base, 'POST', '/api/v1/facilities',
    { kind: 'clinic', name: '複製後診療所', municipality: '082228' }, authB);
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.id, maxId + 1);
  const maxAudit = Number(psql(pg.url, 'SELECT MAX(id) FROM audit_log').trim());
  assert.equal(Number(psql(pg.url, 'SELECT COUNT(*) FROM audit_log').trim()), maxAudit);
  await b.stop();
  r = audit(pg.url);
  assert.equal(r.status, 0, r.stderr + r.stdout);

  // And back: PostgreSQL → a new SQLite file, verified the same way.
  const back = join(t.dir, 'back.db');
  r = run(back, ['copy', '--from', pg.url, '--to', back], { env });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /verify: audit ok/);
  r = audit(back);
  assert.equal(r.status, 0, r.stderr);
});

test('backups on PostgreSQL: pg_dump, pg_restore into a new database, audit verify', { skip: PG_SKIP, timeout: 240000 }, async () => {
  const t = sqliteDemo();
  cleanups.push(() => t.cleanup());
  const pg = pgCreateDb('dump'), restored = pgCreateDb('restored');
  cleanups.push(() => pg.drop(), () => restored.drop());
  const keys = keyEnv(t.db, t.dir);
  const env = { ...process.env, ...keys };
  let r = run(t.db, ['copy', '--from', t.db, '--to', pg.url], { env });
  assert.equal(r.status, 0, r.stderr);
  // docs/operations.md "Backups": the custom format, restored without owners into an empty database.
  const file = join(t.dir, 'zaitaku.dump');
  r = spawnSync('pg_dump', ['--format=custom', '--file', file, pg.url], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  r = spawnSync('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restored.url, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  r = run(restored.url, ['audit', 'verify'], { env });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /chain intact/);
  const count = (url, table) => psql(url, `SELECT COUNT(*) FROM ${table}`).trim();
  for (const table of ['institution', 'patient', 'duty', 'care_group'])
    assert.equal(count(restored.url, table), count(pg.url, table), table);
  // The restored database keeps working: its sequences were dumped too.
  const srv = await startServer(restored.url, { env: keys });
  cleanups.push(() => srv.stop());
  const auth = adminToken(restored.url, keys);
  const created = await api(srv.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: '復元後診療所', municipality: '082228' }, auth);
  assert.equal(created.status, 201, created.text);
});

test('copy between two SQLite files (no cluster needed): verified, non-empty target refused, --help', { timeout: 120000 }, () => {
  const t = sqliteDemo();
  cleanups.push(() => t.cleanup());
  const to = join(t.dir, 'copy.db');
  let r = run(t.db, ['copy', '--from', t.db, '--to', to]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /verify: row counts equal in all \d+ tables/);
  assert.match(r.stdout, /verify: audit ok: \d+ rows, chain intact/);
  r = run(to, ['--audit-key', t.db + '.audit-key', '--secret-key', t.db + '.secret-key', 'audit', 'verify']);
  assert.equal(r.status, 0, r.stderr);
  r = run(t.db, ['copy', '--from', t.db, '--to', to]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /複製先は空ではありません/);
  assert.equal(run(t.db, ['copy', '--from', t.db]).status, 2);
  r = run(t.db, ['copy', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /usage: zaitaku .*copy --from SOURCE --to TARGET/);
});
