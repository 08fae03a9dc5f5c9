// Online backup and restore (issue 3 §5; SECURITY.md "backup"): `zaitaku backup` while the server
// runs and a write stream goes on gives a copy that passes integrity_check and is one consistent
// snapshot; `zaitaku restore` checks the source in a copy, swaps it in, reports its time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tempDb, withServer, startServer, run, BIN, sqlCli } from './lib.mjs';

const sql = (db, q) => spawnSync(...sqlCli(db, q), { encoding: 'utf8' }).stdout.trim();

test('backup during a write stream restores and passes integrity_check', { timeout: 60000 }, async () => {
  await withServer({}, async ({ t, srv, auth }) => {
    const state = { stop: false, acked: 0 };
    const writers = [0, 1, 2, 3].map(async (w) => {
      for (let i = 0; !state.stop; i++) {
        const r = await fetch(srv.base + '/api/v1/facilities', {
          method: 'POST', headers: { 'Content-Type': 'application/json', ...auth },
          body: JSON.stringify({ kind: 'clinic', name: `バックアップ-${w}-${i}`, municipality: '082228' }),
        });
        await r.text();
        if (r.status === 201) state.acked++;
      }
    });
    await new Promise((r) => setTimeout(r, 300));
    const ackedBefore = state.acked;
    const file = join(t.dir, 'backup.db');
    const out = await new Promise((resolve) => {
      const p = spawn(BIN, ['--db', t.db, 'backup', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let so = '', se = '';
      p.stdout.on('data', (d) => { so += d; });
      p.stderr.on('data', (d) => { se += d; });
      p.on('exit', (code) => resolve({ code, so, se }));
    });
    const ackedAfter = state.acked;
    await new Promise((r) => setTimeout(r, 200));
    state.stop = true;
    await Promise.all(writers);
    assert.equal(out.code, 0, out.se);
    assert.match(out.so, /integrity_check ok/);
    console.log(out.so.trim());
    assert.ok(state.acked > ackedAfter || ackedAfter > ackedBefore, 'writes went on during the backup');
    assert.equal(sql(file, 'PRAGMA integrity_check'), 'ok');
    // One consistent snapshot: between the writes acknowledged before and after, and every
    // institution with its audit row (no half transaction).
    const n = Number(sql(file, 'SELECT COUNT(*) FROM institution'));
    // (+4: a write committed before the snapshot whose 201 the event loop had not yet handled.)
    assert.ok(n >= ackedBefore && n <= ackedAfter + 4, `${ackedBefore} <= ${n} <= ${ackedAfter} + 4`);
    assert.equal(Number(sql(file, "SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND object_type = 'facility'")), n);

    // Refuses to overwrite without --force.
    assert.equal(run(t.db, ['backup', file]).status, 1);

    // Restore into a fresh database, timed.
    const target = join(t.dir, 'restored.db');
    const r = run(target, ['restore', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /restore: .* in [0-9.]+ s/);
    console.log(r.stdout.trim());
    assert.equal(sql(target, 'PRAGMA integrity_check'), 'ok');
    assert.equal(Number(sql(target, 'SELECT COUNT(*) FROM institution')), n);
    assert.equal(run(target, ['audit', 'verify']).status, 0);
  });
});

test('restore refuses a damaged or missing source and changes nothing', () => {
  const t = tempDb();
  try {
    const junk = join(t.dir, 'junk.db');
    writeFileSync(junk, 'SQLite format 3\0' + 'x'.repeat(5000));
    const before = sql(t.db, 'SELECT COUNT(*) FROM municipality');
    let r = run(t.db, ['restore', junk]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /integrity_check|壊れて|開けません/);
    r = run(t.db, ['restore', join(t.dir, 'absent.db')]);
    assert.equal(r.status, 1);
    assert.equal(existsSync(join(t.dir, 'absent.db')), false);
    assert.equal(sql(t.db, 'SELECT COUNT(*) FROM municipality'), before);
    assert.equal(run(t.db, ['restore']).status, 2);
  } finally {
    t.cleanup();
  }
});

// Restore never destroys the live database (issue 11 §1): the source is copied beside it and
// checked there; any failed check refuses with its name and the live file stays byte-identical.
const sha = (p) => createHash('sha256').update(readFileSync(p)).digest('hex');

test('restore refuses an empty file, a foreign SQLite file and a tampered backup; the live database stays byte-identical', () => {
  const t = tempDb({ demo: true });
  try {
    const good = join(t.dir, 'good.db');
    assert.equal(run(t.db, ['backup', good]).status, 0);
    const empty = join(t.dir, 'empty.db');
    writeFileSync(empty, '');
    const foreign = join(t.dir, 'foreign.db');
    sql(foreign, 'CREATE TABLE x (a); INSERT INTO x VALUES (1);');
    const tampered = join(t.dir, 'tampered.db');
    copyFileSync(good, tampered);
    sql(tampered, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_username = 'nobody' WHERE id = 2;");
    const truncated = join(t.dir, 'truncated.db');
    assert.equal(run(t.db, ['audit', 'verify']).status, 0); // stores a signed checkpoint of the head
    assert.equal(run(t.db, ['backup', truncated]).status, 0);
    sql(truncated, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log);');
    const newer = join(t.dir, 'newer.db');
    copyFileSync(good, newer);
    sql(newer, 'UPDATE schema_version SET version = 999; PRAGMA user_version = 999;');

    const before = sha(t.db);
    const files = () => readdirSync(t.dir).sort();
    const listed = files();
    for (const [file, check] of [[empty, 'empty'], [foreign, 'application_id'], [tampered, 'chain'],
      [truncated, 'truncation'], [newer, 'schema_version']]) {
      const r = run(t.db, ['restore', file]);
      assert.equal(r.status, 1, `${file}: ${r.stdout}`);
      assert.match(r.stderr, new RegExp(`検査 ${check} に不合格`), r.stderr);
      assert.match(r.stderr, new RegExp(`refused \\(check ${check} failed\\); .*z\\.db is unchanged`));
      assert.equal(sha(t.db), before, `${file}: the live database is byte-identical`);
      assert.deepEqual(files(), listed, `${file}: no temporary file or copy left`);
    }
    assert.equal(run(t.db, ['audit', 'verify']).status, 0);
  } finally {
    t.cleanup();
  }
});

test('a good restore swaps atomically and keeps the previous database as a dated 0600 copy', async () => {
  const t = tempDb({ demo: true });
  try {
    const file = join(t.dir, 'b.db');
    assert.equal(run(t.db, ['backup', file]).status, 0);
    const n = Number(sql(t.db, 'SELECT COUNT(*) FROM account'));
    assert.equal(run(t.db, ['user', 'add', 'after-backup', '--role', 'admin', '--no-password']).status, 0);
    const grown = Number(sql(t.db, 'SELECT COUNT(*) FROM account'));
    assert.equal(grown, n + 1);
    const previous = sha(t.db);

    // While the server has it open, restore refuses: nothing to apply a stale WAL to the new file.
    const srv = await startServer(t.db);
    let r;
    try {
      r = run(t.db, ['restore', file]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /検査 in_use に不合格/);
      assert.equal((await fetch(srv.base + '/api/v1/health')).status, 200);
    } finally {
      await srv.stop();
    }
    assert.equal(sha(t.db), previous);

    r = run(t.db, ['restore', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /integrity_check ok, audit chain ok/);
    const kept = /kept as (\S+)/.exec(r.stdout)[1];
    assert.match(kept, /z\.db\.\d{8}T\d{6}Z\.bak$/);
    assert.equal(statSync(kept).mode & 0o777, 0o600);
    assert.equal(Number(sql(kept, 'SELECT COUNT(*) FROM account')), grown, 'the kept copy is the previous database');
    assert.equal(Number(sql(t.db, 'SELECT COUNT(*) FROM account')), n);
    assert.equal(statSync(t.db).mode & 0o777, 0o600);
    assert.equal(existsSync(t.db + '-wal'), false);
    assert.equal(run(t.db, ['audit', 'verify']).status, 0);
    assert.equal(run(t.db, ['user', 'list']).status, 0, 'the key files still fit');
  } finally {
    t.cleanup();
  }
});
