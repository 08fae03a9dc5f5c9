// Crash durability (issue 3 §5; SECURITY.md "durability"): 8 concurrent writers POST institutions,
// every acknowledged (201) id and name is recorded, the server is killed with SIGKILL at a random
// moment; after restart every acknowledged write is present, no half transaction exists (each
// institution has its audit row, the audit chain verifies) and PRAGMA integrity_check is ok.
// Rounds: 10 by default (bounded for `make check`); ZAITAKU_DURABILITY_ROUNDS=200 for the full run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { tempDb, startServer, authHeaders, run, sqlCli } from './lib.mjs';

const ROUNDS = Number(process.env.ZAITAKU_DURABILITY_ROUNDS || 10);
const WRITERS = 8;
const sql = (db, q) => {
  const r = spawnSync(...sqlCli(db, q), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout;
};

async function writer(srv, auth, round, w, acked, state) {
  for (let i = 0; !state.stop; i++) {
    const name = `耐久-${round}-${w}-${i}`;
    try {
      const r = await fetch(srv.base + '/api/v1/facilities', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...auth },
        body: JSON.stringify({ kind: 'clinic', name, municipality: '082228', beds: i % 20 }),
      });
      const text = await r.text();
      if (r.status === 201) acked.push({ id: JSON.parse(text).id, name });
      else if (r.status !== 503) state.unexpected.push(`${r.status} ${text}`);
    } catch {
      return; // the server died: this request was never acknowledged
    }
  }
}

test(`every acknowledged write survives kill -9 (${ROUNDS} rounds × ${WRITERS} writers)`, { timeout: 60000 + ROUNDS * 5000 }, async () => {
  const t = tempDb();
  const acked = [];
  let kills = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const srv = await startServer(t.db);
      const auth = await authHeaders(srv, 'admin');
      const state = { stop: false, unexpected: [] };
      const writers = [];
      for (let w = 0; w < WRITERS; w++) writers.push(writer(srv, auth, round, w, acked, state));
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 600));
      const exited = new Promise((r) => srv.proc.on('exit', r));
      srv.proc.kill('SIGKILL');
      await exited;
      kills++;
      state.stop = true;
      await Promise.all(writers);
      assert.deepEqual(state.unexpected, [], `round ${round}: unexpected replies`);
      assert.equal(sql(t.db, 'PRAGMA integrity_check').trim(), 'ok', `round ${round}: integrity_check`);
    }
    // Every acknowledged write is there, with its name.
    const stored = new Map(sql(t.db, 'SELECT id, name FROM institution').trim().split('\n')
      .filter(Boolean).map((l) => { const [id, ...n] = l.split('|'); return [Number(id), n.join('|')]; }));
    const lost = acked.filter((a) => stored.get(a.id) !== a.name);
    assert.deepEqual(lost, [], `${lost.length} acknowledged writes lost`);
    // No half transactions: one create row in the audit trail per institution, chain intact.
    const creates = Number(sql(t.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND object_type = 'facility'").trim());
    assert.equal(creates, stored.size);
    const v = run(t.db, ['audit', 'verify']);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    console.log(`durability: ${kills} kills, ${acked.length} acknowledged writes, 0 lost, ${stored.size} stored, integrity_check ok ${kills}/${kills}`);
  } finally {
    t.cleanup();
  }
});
