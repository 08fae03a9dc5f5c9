// The deferred audit of reads (docs/architecture.md "Deferred audit of reads"; SECURITY.md: no
// patient data leaves the server before its audit row is durably committed). A read's audit row is
// queued on its request; the server holds the reply (connection suspended) until the committer
// thread has written the rows of every waiting request in one transaction. Checked here: many
// concurrent reads each leave exactly one row, in fewer commits than rows, and the chain verifies;
// a read whose row cannot be committed gets the storage error and none of the data; stopping the
// server while reads wait loses no acknowledged read's row and leaves no request hanging.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tempDb, startServer, authHeaders, api, run, runAsync, sqliteOnly } from './lib.mjs';

let t, srv, doctor, admin, patients;

before(async () => {
  t = tempDb({ demo: true });
  const r = run(t.db, ['user', 'token', 'demo-doctor', '--read-only', '--name', 'deferred-test']);
  assert.equal(r.status, 0, r.stderr);
  doctor = { Authorization: 'Bearer ' + r.stdout.trim() };
  srv = await startServer(t.db);
  admin = await authHeaders(srv, 'admin');
  const list = await api(srv.base, 'GET', '/api/v1/patients', undefined, doctor);
  assert.equal(list.status, 200, list.text);
  patients = list.json.items.map((p) => p.id);
  assert.ok(patients.length >= 2, 'the demo holds patients the doctor reads');
});
after(async () => {
  await srv?.stop();
  t?.cleanup();
});

/** The doctor's audit rows with id > after, oldest first (the search pages by 1000). */
async function doctorRows(after = 0) {
  const rows = [];
  let before = '';
  for (;;) {
    const r = await api(srv.base, 'GET', `/api/v1/audit?actor=demo-doctor&limit=1000${before}`, undefined, admin);
    assert.equal(r.status, 200, r.text);
    const page = r.json.items.filter((x) => x.id > after);
    rows.push(...page);
    if (page.length < r.json.items.length || r.json.next_before_id == null) break;
    before = `&before_id=${r.json.next_before_id}`;
  }
  return rows.reverse();
}

/** Runs the n calls make(i) with at most 32 in flight (the server allows 64 connections per
 *  address); resolves their results in order. */
async function inFlight(n, make) {
  const out = new Array(n);
  let next = 0;
  const lane = async () => { while (next < n) { const i = next++; out[i] = await make(i); } };
  await Promise.all(Array.from({ length: 32 }, lane));
  return out;
}

const lastId = async () => {
  const r = await api(srv.base, 'GET', '/api/v1/audit?limit=1', undefined, admin);
  return r.json.items.length ? r.json.items[0].id : 0;
};

test('concurrent reads: one audit row per read, written in fewer commits, the chain intact', async () => {
  const from = await lastId();
  const N = 240;
  const done = await inFlight(N, (i) => {
    const id = patients[i % patients.length];
    const path = i % 2 ? `/api/v1/patients/${id}` : `/api/v1/patients/${id}/call-chain?at=2030-01-01T02:00:00%2B09:00`;
    return api(srv.base, 'GET', path, undefined, doctor).then((r) => ({ r, id, chain: i % 2 === 0 }));
  });
  for (const { r } of done) {
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('cache-control') || '', /no-store/);
  }
  const rows = await doctorRows(from);
  const want = (chain, id) => done.filter((d) => d.chain === chain && d.id === id).length;
  for (const id of patients) {
    assert.equal(rows.filter((x) => x.action === 'read_call_chain' && x.object_id === id).length, want(true, id),
      `call-chain reads of patient ${id}`);
    assert.equal(rows.filter((x) => x.action === 'read' && x.object_type === 'patient' && x.object_id === id).length,
      want(false, id), `reads of patient ${id}`);
  }
  assert.equal(rows.length, N, 'no other row of the doctor');
  const v = await runAsync(t.db, ['audit', 'verify']);
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, /chain intact/);
});

test('the server reports its deferred rows and commits at exit: fewer commits than rows', async () => {
  // A fresh server on the same database: its whole log is this test's.
  await srv.stop();
  srv = await startServer(t.db);
  const got = await inFlight(120, (i) => api(srv.base, 'GET', `/api/v1/patients/${patients[i % patients.length]}`, undefined, doctor));
  for (const r of got) assert.equal(r.status, 200, r.text);
  await srv.stop();
  const m = /(\d+) deferred audit row\(s\) in (\d+) commit\(s\)/.exec(srv.stderr());
  assert.ok(m, `exit line: ${srv.stderr()}`);
  assert.ok(Number(m[1]) >= 120, `rows ${m[1]}`);
  assert.ok(Number(m[2]) < Number(m[1]), `commits ${m[2]} < rows ${m[1]}: reads share a commit`);
  srv = await startServer(t.db);
});

test('a read whose audit row cannot be committed gets 503 and none of the patient data',
  sqliteOnly('injects I/O faults through the SQLite VFS'), async () => {
    const f = await startServer(t.db, { env: { ZAITAKU_FAULT_WRITE: '1+' } }); // every write and sync fails
    try {
      const id = patients[0];
      const name = (await api(srv.base, 'GET', `/api/v1/patients/${id}`, undefined, doctor)).json.name;
      assert.ok(name, 'the patient has a name');
      for (const path of [`/api/v1/patients/${id}`, `/api/v1/patients/${id}/call-chain?at=2030-01-01T02:00:00%2B09:00`]) {
        const r = await api(f.base, 'GET', path, undefined, doctor);
        assert.equal(r.status, 503, r.text);
        assert.ok(r.json && r.json.error && r.json.error.code, r.text);
        assert.ok(!r.text.includes(name), `no patient data in ${r.text}`);
        assert.ok(!/sqlite|SQL|\/tmp\//i.test(r.text), `no internals in ${r.text}`);
      }
      const h = await api(f.base, 'GET', '/api/v1/health');
      assert.equal(h.status, 200);
    } finally {
      await f.stop();
    }
    assert.match(f.stderr(), /some failed/);
  });

test('stopping the server while reads wait: every answered read has its row, none hangs', async () => {
  const from = await lastId();
  const N = 200;
  let first;
  const firstAnswer = new Promise((res) => { first = res; });
  const all = inFlight(N, (i) => {
    const id = patients[i % patients.length];
    return api(srv.base, 'GET', `/api/v1/patients/${id}`, undefined, doctor)
      .then((r) => { first(); return { ok: r.status === 200, id, status: r.status }; },
        () => ({ ok: false, id, status: 'closed' }));
  });
  await firstAnswer;
  const stopped = srv.stop();
  const settled = await Promise.race([
    all,
    new Promise((res) => setTimeout(() => res(null), 20000)),
  ]);
  assert.ok(settled, 'every request settled within 20 s');
  await stopped;
  assert.equal(srv.proc.exitCode, 0, srv.stderr());
  for (const s of settled) assert.ok(s.ok || s.status === 'closed' || s.status === 503, `status ${s.status}`);
  srv = await startServer(t.db);
  const rows = await doctorRows(from);
  for (const id of patients) {
    const answered = settled.filter((s) => s.ok && s.id === id).length;
    const logged = rows.filter((x) => x.action === 'read' && x.object_id === id).length;
    assert.ok(logged >= answered, `patient ${id}: ${answered} reads answered, ${logged} rows`);
  }
  const v = await runAsync(t.db, ['audit', 'verify']);
  assert.equal(v.status, 0, v.stderr);
});
