// Two `zaitaku serve` processes on one database take writes at the same time (issue 17 §2): on
// PostgreSQL they run concurrently (serializable transactions, retried on conflict), on SQLite they
// queue on the file's write lock. Every write is answered 2xx, none is lost, and the audit hash chain
// stays one total order that `zaitaku audit verify` accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDb, startServer, authHeaders, api, runAsync, sqlCli, execAsync } from './lib.mjs';

const clinic = (i) => ({
  kind: 'clinic', name: `並行テスト診療所${i}`, municipality: '082228', lat: 35.96 + i / 1000, lon: 140.62,
  capabilities: ['oxygen'], standards: [], legal_entity: '医療法人並行会', h24: i % 2 === 0,
});

test('two servers, one database: concurrent creates and updates all succeed and the audit chain verifies', async () => {
  const t = tempDb();
  const servers = [];
  try {
    servers.push(await startServer(t.db), await startServer(t.db));
    const auth = await authHeaders(servers[0]); // one token, valid on both: they share the database
    const N = 24;
    // Creates from both servers at once, 8 in flight; the legal entity is shared by all of them.
    const created = [];
    for (let i = 0; i < N; i += 8) {
      const batch = [];
      for (let j = i; j < i + 8 && j < N; j++)
        batch.push(api(servers[j % 2].base, 'POST', '/api/v1/facilities', clinic(j), auth));
      for (const r of await Promise.all(batch)) {
        assert.equal(r.status, 201, r.text);
        created.push(r.json.id);
      }
    }
    assert.equal(new Set(created).size, N, 'every create got its own id');
    // Updates of one institution from both servers at once: each is applied whole, in some order.
    const target = created[0];
    const updates = [];
    for (let j = 0; j < 8; j++)
      updates.push(api(servers[j % 2].base, 'PUT', `/api/v1/facilities/${target}`, { beds: j + 1 }, auth));
    for (const r of await Promise.all(updates)) assert.equal(r.status, 200, r.text);
    const after = await api(servers[1].base, 'GET', `/api/v1/facilities/${target}`, undefined, auth);
    assert.ok(after.json.beds >= 1 && after.json.beds <= 8, after.text);
    // Every write left exactly its audit row, and the chain is intact.
    const count = async (q) => Number((await execAsync(...sqlCli(t.db, q), { encoding: 'utf8' })).stdout.trim());
    assert.equal(await count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'facility' AND action = 'create'"), N);
    assert.equal(await count(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'facility' AND action = 'update' AND object_id = ${target}`), 8);
    assert.equal(await count("SELECT COUNT(*) FROM institution WHERE name LIKE '並行テスト診療所%'"), N);
    const v = await runAsync(t.db, ['audit', 'verify']);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /chain intact/);
  } finally {
    for (const s of servers) await s.stop();
    t.cleanup();
  }
});
