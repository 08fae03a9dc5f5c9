// Online backup and restore (issue 3 §5; SECURITY.md "backup"): `zaitaku backup` while the server
// runs and a write stream goes on gives a copy that passes integrity_check and is one consistent
// snapshot; `zaitaku restore` checks the source first, restores, reports its time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDb, withServer, run, BIN } from './lib.mjs';

const sql = (db, q) => spawnSync('sqlite3', [db, q], { encoding: 'utf8' }).stdout.trim();

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
