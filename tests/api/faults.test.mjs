// I/O fault injection (SECURITY.md "faults": an I/O error injected at the k-th write/sync for every
// k of a request's path → 503/500, the server stays up, the database stays intact, it recovers).
// ZAITAKU_FAULT_WRITE=k makes the server's SQLite VFS fail its k-th write or sync (src/store/
// db_fault.c). For each request below and every k from 1 until the request completes without
// reaching the fault:
//   A. a server without the fault prepares the database (accounts, sessions, objects), stops;
//   B. a server with the fault armed takes the request once: it answers 2xx (the fault hit after
//      the commit was durable) or 500/503 with our JSON error (no SQL, no path), still answers
//      /health and stops cleanly; PRAGMA integrity_check and `zaitaku audit verify` pass;
//   C. a server without the fault restarts on the same database: the request's effect is all there
//      (acknowledged) or all absent / all there (refused) — never half — and the scenario's own
//      invariants hold (e.g. a new password never coexists with the old sessions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempDb, startServer, authHeaders, api, run, sqlCli, sqliteOnly } from './lib.mjs';

const R = 'injects I/O faults through the SQLite VFS (db_fault.c)';

const sql = (db, q) => {
  const r = spawnSync(...sqlCli(db, q), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
};
const PW = 'correct horse battery';
const clinic = (name) => ({ kind: 'clinic', name, municipality: '082228', h24: true });
const cookieOf = (r) => {
  const m = /zaitaku_session=([^;]*)/.exec(r.headers.get('set-cookie') || '');
  return m ? `zaitaku_session=${m[1]}` : null;
};
/** The sessions made once in the template outlive a long sweep (idle timeout 30 min by default). */
const KEEP_SESSIONS = { ZAITAKU_SESSION_IDLE_SECONDS: '86400' };
/** A copy of a prepared temporary database directory (the database, its WAL, files beside it). */
const copyOf = (tpl) => {
  const dir = mkdtempSync(join(tmpdir(), 'zaitaku-'));
  cpSync(tpl.dir, dir, { recursive: true });
  return { dir, db: join(dir, 'z.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};
const whoami = (srv, cookie) => api(srv.base, 'GET', '/api/v1/session', undefined, { Cookie: cookie });

/** Runs the A/B/C rounds of one scenario for every k; returns a line for the report. */
async function sweep(name, { prepare, request, verify }) {
  const seen = {};
  let k = 1, refusedButStored = 0;
  // A, once: the prepared database is copied for every k (the same bytes each round, and the
  // preparation — sometimes a rota solve — is not repeated 50 times).
  const tpl = tempDb();
  const ctx = {};
  {
    const srv = await startServer(tpl.db);
    try {
      ctx.admin = await authHeaders(srv, 'admin');
      if (prepare) await prepare(srv, ctx, tpl);
    } finally {
      await srv.stop();
    }
  }
  try {
  for (; k <= 200; k++) {
    const t = copyOf(tpl);
    let srv = null, fired = false;
    try {
      srv = await startServer(t.db, { env: { ...KEEP_SESSIONS, ZAITAKU_FAULT_WRITE: String(k) } }); // B
      const r = await request(srv, ctx);
      const h = await api(srv.base, 'GET', '/api/v1/health');
      assert.equal(h.status, 200, `${name} k=${k}: server still up`);
      await new Promise((res) => setTimeout(res, 100)); // let the server's stderr arrive
      fired = /fault injected/.test(srv.stderr());
      seen[r.status] = (seen[r.status] || 0) + 1;
      const ok = r.status >= 200 && r.status < 300;
      if (!fired) assert.ok(ok, `${name} k=${k} (no fault reached): ${r.status} ${r.text}`);
      assert.ok(ok || r.status === 500 || r.status === 503, `${name} k=${k}: status ${r.status} ${r.text}`);
      if (!ok) {
        assert.ok(r.json && r.json.error && r.json.error.code, `${name} k=${k}: JSON error body: ${r.text}`);
        assert.ok(!/sqlite|SQL|disk I\/O|\/tmp\//i.test(r.text), `${name} k=${k}: leaks internals: ${r.text}`);
      }
      await srv.stop();
      assert.equal(srv.proc.exitCode, 0, `${name} k=${k}: clean exit`);
      srv = null;
      assert.equal(sql(t.db, 'PRAGMA integrity_check'), 'ok', `${name} k=${k}: integrity_check`);
      const v = run(t.db, ['audit', 'verify']);
      assert.equal(v.status, 0, `${name} k=${k}: audit verify: ${v.stdout}${v.stderr}`);
      srv = await startServer(t.db, { env: KEEP_SESSIONS }); // C
      const stored = await verify(srv, ctx, r, t, `${name} k=${k}`);
      if (!ok && stored) refusedButStored++;
    } finally {
      if (srv) await srv.stop();
      t.cleanup();
    }
    if (!fired) break; // the request's whole path ran below k: every k was covered
  }
  } finally {
    tpl.cleanup();
  }
  assert.ok(k > 3, `${name}: the request performs several writes/syncs`);
  return `${name}: ${k - 1} writes/syncs, each failed once in turn → ${JSON.stringify(seen)}` +
    ` (${refusedButStored} refused yet complete after restart)`;
}

test('I/O fault at every k-th write/sync of six request paths: 500/503 or success, up, intact, never half', { ...sqliteOnly(R), timeout: 1200000 }, async () => {
    const lines = [];

    // 1. POST /api/v1/facilities: the institution and its audit row commit together.
    lines.push(await sweep('facility POST', {
      request: (srv, c) => api(srv.base, 'POST', '/api/v1/facilities', clinic('障害注入'), c.admin),
      verify: async (srv, c, r, t, what) => {
        const n = Number(sql(t.db, "SELECT count(*) FROM institution WHERE name = '障害注入'"));
        if (r.status === 201) assert.equal(n, 1, `${what}: acknowledged write stored`);
        assert.ok(n <= 1, `${what}: stored at most once`);
        const orphans = sql(t.db, "SELECT count(*) FROM institution f WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.object_type = 'facility' AND a.action = 'create' AND a.object_id = f.id)");
        assert.equal(orphans, '0', `${what}: every institution has its audit row`);
        const again = await api(srv.base, 'POST', '/api/v1/facilities', clinic('復旧'), c.admin);
        assert.equal(again.status, 201, `${what}: recovers: ${again.text}`);
        return n === 1;
      },
    }));

    // 2. POST /api/v1/groups: the group, its certificates sync and its audit row.
    lines.push(await sweep('group POST', {
      request: (srv, c) => api(srv.base, 'POST', '/api/v1/groups', { name: '障害注入グループ' }, c.admin),
      verify: async (srv, c, r, t, what) => {
        const list = await api(srv.base, 'GET', '/api/v1/groups', undefined, c.admin);
        assert.equal(list.status, 200);
        const n = list.json.items.filter((g) => g.name === '障害注入グループ').length;
        if (r.status === 201) assert.equal(n, 1, `${what}: acknowledged group stored`);
        assert.ok(n <= 1, `${what}: stored at most once`);
        const rows = Number(sql(t.db, "SELECT count(*) FROM audit_log WHERE object_type = 'group' AND action = 'create'"));
        assert.equal(rows, n, `${what}: one audit row per stored group`);
        return n === 1;
      },
    }));

    // 3. POST /api/v1/session: a session exists only together with its sign_in audit row.
    lines.push(await sweep('sign-in', {
      prepare: async (srv, c, t) => {
        const f = await api(srv.base, 'POST', '/api/v1/facilities', clinic('署名診療所'), c.admin);
        assert.equal(f.status, 201, f.text);
        const u = run(t.db, ['user', 'add', 'fdoc', '--role', 'doctor', '--institution', String(f.json.id), '--password-stdin'],
          { input: PW + '\n' });
        assert.equal(u.status, 0, u.stderr);
      },
      request: (srv) => api(srv.base, 'POST', '/api/v1/session', { username: 'fdoc', password: PW }),
      verify: async (srv, c, r, t, what) => {
        const sessions = Number(sql(t.db, 'SELECT count(*) FROM session'));
        const signins = Number(sql(t.db, "SELECT count(*) FROM audit_log WHERE action = 'sign_in'"));
        assert.equal(sessions, signins, `${what}: a session exists only with its sign_in audit row`);
        if (r.status === 200) assert.equal((await whoami(srv, cookieOf(r))).status, 200, `${what}: acknowledged session works`);
        else assert.equal(cookieOf(r), null, `${what}: no cookie on a refusal`);
        const again = await api(srv.base, 'POST', '/api/v1/session', { username: 'fdoc', password: PW });
        assert.equal(again.status, 200, `${what}: recovers: ${again.text}`);
        return r.status !== 200 && sessions > 0;
      },
    }));

    // 4. PUT /api/v1/users/{id} {password}: a new password and the old sessions never coexist.
    lines.push(await sweep('password change', {
      prepare: async (srv, c, t) => {
        const f = await api(srv.base, 'POST', '/api/v1/facilities', clinic('署名診療所'), c.admin);
        assert.equal(f.status, 201, f.text);
        const u = run(t.db, ['user', 'add', 'pdoc', '--role', 'doctor', '--institution', String(f.json.id), '--password-stdin'],
          { input: PW + '\n' });
        assert.equal(u.status, 0, u.stderr);
        const s = await api(srv.base, 'POST', '/api/v1/session', { username: 'pdoc', password: PW });
        assert.equal(s.status, 200, s.text);
        c.cookie = cookieOf(s);
        c.id = s.json.user.id;
      },
      request: (srv, c) => api(srv.base, 'PUT', `/api/v1/users/${c.id}`, { password: PW + ' new' }, c.admin),
      verify: async (srv, c, r, t, what) => {
        const alive = (await whoami(srv, c.cookie)).status === 200;
        const newPw = (await api(srv.base, 'POST', '/api/v1/session', { username: 'pdoc', password: PW + ' new' })).status === 200;
        if (r.status === 200) assert.ok(newPw && !alive, `${what}: acknowledged: new password works, old session dead`);
        assert.ok(!(newPw && alive), `${what}: a new password never leaves the old session alive`);
        if (!newPw) {
          const oldPw = await api(srv.base, 'POST', '/api/v1/session', { username: 'pdoc', password: PW });
          assert.equal(oldPw.status, 200, `${what}: refused: the old password still works`);
        }
        return r.status !== 200 && newPw;
      },
    }));

    // 5. DELETE /api/v1/session: 204 only when the session is gone (with its sign_out audit row);
    //    a refusal leaves it working, so the user knows to try again.
    lines.push(await sweep('sign-out', {
      prepare: async (srv, c, t) => {
        const f = await api(srv.base, 'POST', '/api/v1/facilities', clinic('署名診療所'), c.admin);
        assert.equal(f.status, 201, f.text);
        const u = run(t.db, ['user', 'add', 'odoc', '--role', 'doctor', '--institution', String(f.json.id), '--password-stdin'],
          { input: PW + '\n' });
        assert.equal(u.status, 0, u.stderr);
        const s = await api(srv.base, 'POST', '/api/v1/session', { username: 'odoc', password: PW });
        assert.equal(s.status, 200, s.text);
        c.cookie = cookieOf(s);
        c.csrf = s.json.csrf_token;
      },
      request: (srv, c) => api(srv.base, 'DELETE', '/api/v1/session', undefined, { Cookie: c.cookie, 'X-CSRF-Token': c.csrf }),
      verify: async (srv, c, r, t, what) => {
        const alive = (await whoami(srv, c.cookie)).status === 200;
        if (r.status === 204) assert.ok(!alive, `${what}: acknowledged sign-out: the session is dead`);
        else assert.ok(alive, `${what}: refused sign-out: the session still works (and the user was told)`);
        const outs = Number(sql(t.db, "SELECT count(*) FROM audit_log WHERE action = 'sign_out'"));
        assert.equal(outs, alive ? 0 : 1, `${what}: a sign_out audit row exactly when the session ended`);
        return r.status !== 204 && !alive;
      },
    }));

    // 6. PUT /api/v1/groups/{id}/agreement/document: a 40 KB PDF spills over several pages; the
    //    document and its audit row are all there or all absent.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(40000, 0x41)]);
    lines.push(await sweep('document upload', {
      prepare: async (srv, c) => {
        const g = await api(srv.base, 'POST', '/api/v1/groups', { name: '文書グループ' }, c.admin);
        assert.equal(g.status, 201, g.text);
        c.gid = g.json.id;
      },
      request: async (srv, c) => {
        const r = await fetch(`${srv.base}/api/v1/groups/${c.gid}/agreement/document`,
          { method: 'PUT', headers: { ...c.admin, 'Content-Type': 'application/pdf' }, body: pdf });
        const text = await r.text();
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        return { status: r.status, text, json, headers: r.headers };
      },
      verify: async (srv, c, r, t, what) => {
        const d = await fetch(`${srv.base}/api/v1/groups/${c.gid}/agreement/document`, { headers: c.admin });
        const body = Buffer.from(await d.arrayBuffer());
        const stored = d.status === 200;
        if (stored) assert.ok(body.equals(pdf), `${what}: the stored document is the whole upload`);
        if (r.status === 200) assert.ok(stored, `${what}: acknowledged upload stored`);
        const rows = Number(sql(t.db, "SELECT count(*) FROM audit_log WHERE object_type = 'group' AND action = 'upload'"));
        assert.equal(rows, stored ? 1 : 0, `${what}: an upload audit row exactly when the document is stored`);
        return r.status !== 200 && stored;
      },
    }));

    for (const l of lines) console.log('faults: ' + l);
  });

// Issue 14: patient data (要配慮個人情報) — a patient exists only together with its audit row; a care
// team change is all there with its audit row or all absent; a read is answered only with its audit row.
test('I/O fault at every k-th write/sync of patient create, team change and read: never a patient without its audit row, never a read answered without it', { ...sqliteOnly(R), timeout: 1200000 }, async () => {
    const lines = [];
    const prepareClinics = async (srv, c) => {
      const a = await api(srv.base, 'POST', '/api/v1/facilities', { ...clinic('患者障害A'), legal_entity: '医療法人障害A' }, c.admin);
      const b = await api(srv.base, 'POST', '/api/v1/facilities', { ...clinic('患者障害B'), legal_entity: '医療法人障害B' }, c.admin);
      assert.equal(a.status, 201, a.text);
      c.a = a.json.id;
      c.b = b.json.id;
      c.doc = await authHeaders(srv, 'doctor', { institution: c.a });
    };
    const PATIENT = { name: '障害 注入（架空）', kana: 'ショウガイ チュウニュウ', birth_date: '1950-01-01', sex: 'male', address: '障害町1（架空）', municipality: '082228', fictional: true };
    lines.push(await sweep('patient POST', {
      prepare: prepareClinics,
      request: (srv, c) => api(srv.base, 'POST', '/api/v1/patients', PATIENT, c.doc),
      verify: async (srv, c, r, t, what) => {
        const n = Number(sql(t.db, "SELECT count(*) FROM patient WHERE name = '障害 注入（架空）'"));
        if (r.status === 201) assert.equal(n, 1, `${what}: acknowledged patient stored`);
        assert.ok(n <= 1, `${what}: stored at most once`);
        const orphans = sql(t.db, "SELECT count(*) FROM patient p WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.object_type = 'patient' AND a.action = 'create' AND a.object_id = p.id)");
        assert.equal(orphans, '0', `${what}: every patient has its audit row`);
        return n === 1;
      },
    }));
    lines.push(await sweep('team PUT', {
      prepare: async (srv, c) => {
        await prepareClinics(srv, c);
        const p = await api(srv.base, 'POST', '/api/v1/patients', PATIENT, c.doc);
        assert.equal(p.status, 201, p.text);
        c.pid = p.json.id;
      },
      request: (srv, c) => api(srv.base, 'PUT', `/api/v1/patients/${c.pid}/team`, { primary_institution_id: c.a, secondary_institution_id: c.b }, c.doc),
      verify: async (srv, c, r, t, what) => {
        const n = Number(sql(t.db, `SELECT count(*) FROM care_team WHERE patient_id = ${c.pid} AND secondary_institution_id = ${c.b}`));
        if (r.status === 200) assert.equal(n, 1, `${what}: acknowledged team stored`);
        const rows = Number(sql(t.db, "SELECT count(*) FROM audit_log WHERE object_type = 'care_team' AND action = 'update'"));
        assert.equal(rows, n, `${what}: an audit row exactly when the team is stored`);
        return r.status !== 200 && n === 1;
      },
    }));
    // A read: its audit row is deferred and committed by the server's committer thread before the
    // held reply goes out (docs/architecture.md "Deferred audit of reads"): a 200 means the row is
    // durable; a refused read carries none of the patient's data.
    lines.push(await sweep('patient GET (deferred audit)', {
      prepare: async (srv, c) => {
        await prepareClinics(srv, c);
        const p = await api(srv.base, 'POST', '/api/v1/patients', PATIENT, c.doc);
        assert.equal(p.status, 201, p.text);
        c.pid = p.json.id;
      },
      request: (srv, c) => api(srv.base, 'GET', `/api/v1/patients/${c.pid}`, undefined, c.doc),
      verify: async (srv, c, r, t, what) => {
        const rows = Number(sql(t.db, `SELECT count(*) FROM audit_log WHERE object_type = 'patient' AND action = 'read' AND object_id = ${c.pid}`));
        if (r.status === 200) assert.equal(rows, 1, `${what}: an answered read has its audit row`);
        else assert.ok(!r.text.includes('障害 注入'), `${what}: a refused read carries no patient data: ${r.text}`);
        assert.ok(rows <= 1, `${what}: one row at most`);
        return r.status !== 200 && rows === 1;
      },
    }));
    for (const l of lines) console.log('faults: ' + l);
  });

// Issue 15: publishing a rota (the solve job's one transaction: the period's solver duties, the rota
// with its certificate, the audit row) and a swap (two duties and the audit row with the reason) are
// all there or all absent, whatever write fails; a job whose end could not be written is failed at the
// next start, never left running.
// The two sweeps run 48 and 19 faults (about 20 minutes together on a loaded 2-core machine).
async function rotaGroup(srv, c, t) {
  const ids = [];
  for (const n of ['輪番障害A', '輪番障害B', '輪番障害C']) {
    const f = await api(srv.base, 'POST', '/api/v1/facilities', { ...clinic(n), legal_entity: `医療法人${n}` }, c.admin);
    assert.equal(f.status, 201, f.text);
    ids.push(f.json.id);
    sql(t.db, `INSERT INTO practitioner (institution_id, role, name) VALUES (${f.json.id}, 'doctor', '${n} 医師（架空）')`);
  }
  const g = await api(srv.base, 'POST', '/api/v1/groups', { name: '輪番障害グループ', members: ids.map((id) => ({ institution_id: id, role: 'member_medical' })) }, c.admin);
  assert.equal(g.status, 201, g.text);
  c.gid = g.json.id;
}

test('I/O fault at every k-th write/sync of a rota solve job: duties, certificate and audit row together', { ...sqliteOnly(R), timeout: 1800000 }, async () => {
    const lines = [];
    const FROM = '2027-02-01', TO = '2027-02-07'; // one week: 6 weekday nights, a Sunday's day and night
    const prepareGroup = rotaGroup;
    const solveJob = async (srv, c) => {
      const r = await api(srv.base, 'POST', `/api/v1/groups/${c.gid}/rota/solve`, { from: FROM, to: TO, time_limit: 0.1 }, c.admin);
      if (r.status !== 202) return r;
      for (let i = 0; i < 200; i++) { // the job runs beside the request: wait for its end (a failed claim is retried in 2 s)
        const j = await api(srv.base, 'GET', `/api/v1/jobs/${r.json.id}`, undefined, c.admin);
        if (j.status === 200 && !['queued', 'running'].includes(j.json.state)) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      return r;
    };
    lines.push(await sweep('rota solve job', {
      prepare: prepareGroup,
      request: solveJob,
      verify: async (srv, c, r, t, what) => {
        const jobs = sql(t.db, 'SELECT state FROM rota_job').split('\n').filter(Boolean);
        if (r.status === 202) assert.equal(jobs.length, 1, `${what}: acknowledged job stored`);
        const duties = Number(sql(t.db, `SELECT count(*) FROM duty WHERE group_id = ${c.gid} AND source = 'solver'`));
        const rotas = Number(sql(t.db, `SELECT count(*) FROM rota WHERE group_id = ${c.gid}`));
        const audits = Number(sql(t.db, "SELECT count(*) FROM audit_log WHERE object_type = 'rota' AND action = 'solve'"));
        assert.ok((duties > 0 && rotas === 1 && audits === 1) || (duties === 0 && rotas === 0 && audits === 0),
          `${what}: duties ${duties}, rota ${rotas}, audit ${audits} — all or nothing`);
        if (duties > 0) assert.equal(duties, 8, `${what}: the whole week (6 weekday nights, the Sunday's day and night)`);
        // after the restart no job is left running (its end is written, or the start marks it failed)
        for (let i = 0; i < 100; i++) {
          const left = Number(sql(t.db, "SELECT count(*) FROM rota_job WHERE state IN ('queued', 'running')"));
          if (left === 0) break;
          await new Promise((res) => setTimeout(res, 50));
        }
        assert.equal(sql(t.db, "SELECT count(*) FROM rota_job WHERE state = 'running'"), '0', `${what}: no job left running`);
        return r.status !== 202 && jobs.length > 0;
      },
    }));
    for (const l of lines) console.log('faults: ' + l);
  });

test('I/O fault at every k-th write/sync of a rota swap: both duties and the audit row, or nothing', { ...sqliteOnly(R), timeout: 1800000 }, async () => {
    const lines = [];
    const prepareGroup = rotaGroup;
    lines.push(await sweep('rota swap', {
      prepare: async (srv, c, t) => {
        await prepareGroup(srv, c, t);
        const s = run(t.db, ['rota', 'solve', String(c.gid), '--from', '2027-02-01', '--to', '2027-02-28', '--time-limit', '0.3']);
        assert.equal(s.status, 0, s.stdout + s.stderr);
        // the nights of Wednesday 3 and Wednesday 17 February by doctors A and B, their neighbours by C:
        // swapping them breaks no rule
        const docs = sql(t.db, `SELECT DISTINCT practitioner_id FROM duty WHERE group_id = ${c.gid} ORDER BY practitioner_id`).split('\n');
        const night = (d) => sql(t.db, `SELECT id FROM duty WHERE group_id = ${c.gid} AND duty_type = 'weekday_night' AND duty_date = '${d}'`);
        const set = (d, p) => sql(t.db, `UPDATE duty SET practitioner_id = ${p}, institution_id = (SELECT institution_id FROM practitioner WHERE id = ${p}) WHERE id = ${night(d)}`);
        set('2027-02-03', docs[0]);
        set('2027-02-17', docs[1]);
        for (const d of ['2027-02-02', '2027-02-04', '2027-02-16', '2027-02-18']) set(d, docs[2]);
        const a = [night('2027-02-03'), docs[0]], b = [night('2027-02-17'), docs[1]];
        c.a = a; c.b = b;
      },
      request: (srv, c) => api(srv.base, 'POST', `/api/v1/groups/${c.gid}/rota/swap`, { duty_a: Number(c.a[0]), duty_b: Number(c.b[0]), reason: '障害注入の交換' }, c.admin),
      verify: async (srv, c, r, t, what) => {
        const pa = sql(t.db, `SELECT practitioner_id FROM duty WHERE id = ${c.a[0]}`), pb = sql(t.db, `SELECT practitioner_id FROM duty WHERE id = ${c.b[0]}`);
        const swapped = pa === c.b[1] && pb === c.a[1], untouched = pa === c.a[1] && pb === c.b[1];
        assert.ok(swapped || untouched, `${what}: both duties or neither`);
        if (r.status === 200) assert.ok(swapped, `${what}: acknowledged swap stored`);
        const audits = Number(sql(t.db, "SELECT count(*) FROM audit_log WHERE object_type = 'duty' AND action = 'swap'"));
        assert.equal(audits, swapped ? 1 : 0, `${what}: an audit row exactly when swapped`);
        return r.status !== 200 && swapped;
      },
    }));
    for (const l of lines) console.log('faults: ' + l);
  });

// Issue 16: a referral transition is the referral, its transition row and its audit row together or
// none of them; a confirmed batch proposes every referral with its batch row, or nothing.
test('I/O fault at every k-th write/sync of a referral transition and a batch confirmation: all or nothing', { ...sqliteOnly(R), timeout: 2400000 }, async () => {
    const lines = [];
    const prepare = async (srv, c) => {
      const r = await api(srv.base, 'PUT', '/api/v1/region/associations?prefecture=08', { rows: [{ name: '障害医師会（試験）', municipality: '082228' }] }, c.admin);
      assert.equal(r.status, 200, r.text);
      c.assoc = (await api(srv.base, 'GET', '/api/v1/medical-associations')).json.items.find((a) => a.name === '障害医師会（試験）').id;
      const h = await api(srv.base, 'POST', '/api/v1/facilities', { kind: 'hospital', name: '紹介障害病院', municipality: '082228', beds: 100 }, c.admin);
      c.hosp = await authHeaders(srv, 'hospital', { institution: h.json.id });
      const ref = await api(srv.base, 'POST', '/api/v1/referrals', {
        planned_discharge: '2026-12-31', municipality: '082228', address: '障害町2（架空）', lat: 35.962, lon: 140.641, coord_source: 'manual',
        patient: { name: '紹介 障害（架空）', kana: 'ショウカイ ショウガイ', birth_date: '1950-01-01', sex: 'male', fictional: true },
      }, c.hosp);
      assert.equal(ref.status, 201, ref.text);
      c.ref = ref.json.id;
    };
    const count = (t, q) => Number(sql(t.db, q));
    lines.push(await sweep('referral transition', {
      prepare,
      request: (srv, c) => api(srv.base, 'POST', `/api/v1/referrals/${c.ref}/transitions`, { event: 'send' }, c.hosp),
      verify: async (srv, c, r, t, what) => {
        const sent = count(t, `SELECT count(*) FROM referral WHERE id = ${c.ref} AND state = 'sent' AND sent_at IS NOT NULL`);
        if (r.status === 200) assert.equal(sent, 1, `${what}: acknowledged transition stored`);
        assert.equal(count(t, `SELECT count(*) FROM referral_event WHERE referral_id = ${c.ref} AND event = 'send'`), sent, `${what}: its transition row`);
        assert.equal(count(t, `SELECT count(*) FROM audit_log WHERE object_type = 'referral' AND object_id = ${c.ref} AND action = 'send'`), sent, `${what}: its audit row`);
        return r.status !== 200 && sent === 1;
      },
    }));
    lines.push(await sweep('batch confirmation', {
      prepare: async (srv, c) => {
        await prepare(srv, c);
        // the batch needs a clinic with room and the district's coordinator (the transition does not)
        const k = await api(srv.base, 'POST', '/api/v1/facilities', { ...clinic('紹介障害診療所'), home_care: true, lat: 35.965, lon: 140.645, coord_source: 'manual' }, c.admin);
        assert.equal(k.status, 201, k.text);
        c.clinic = k.json.id;
        c.coord = await authHeaders(srv, 'coordinator', { associations: [c.assoc] });
        assert.equal((await api(srv.base, 'PUT', `/api/v1/facilities/${c.clinic}/capacity`, { accepts_more: 3 }, c.coord)).status, 200);
        assert.equal((await api(srv.base, 'POST', `/api/v1/referrals/${c.ref}/transitions`, { event: 'send' }, c.hosp)).status, 200);
      },
      request: (srv, c) => api(srv.base, 'POST', '/api/v1/referral-batches', { district_id: c.assoc, assignments: [{ referral_id: c.ref, clinic_id: c.clinic }] }, c.coord),
      verify: async (srv, c, r, t, what) => {
        const proposed = count(t, `SELECT count(*) FROM referral WHERE id = ${c.ref} AND state = 'proposed' AND clinic_id = ${c.clinic} AND batch_id IS NOT NULL`);
        if (r.status === 201) assert.equal(proposed, 1, `${what}: acknowledged batch stored`);
        assert.equal(count(t, 'SELECT count(*) FROM referral_batch'), proposed, `${what}: the batch row`);
        assert.equal(count(t, `SELECT count(*) FROM referral_event WHERE referral_id = ${c.ref} AND event = 'propose'`), proposed, `${what}: its transition row`);
        assert.equal(count(t, "SELECT count(*) FROM audit_log WHERE object_type = 'referral_batch'"), proposed, `${what}: its audit row`);
        return r.status !== 201 && proposed === 1;
      },
    }));
    for (const l of lines) console.log('faults: ' + l);
  });

// Issue 14 §4–§5: an absence, an accepted substitution, an absence cut short (which ends the duty
// substitutions outside the new period) and a bed update are each all there with their audit rows
// (and, for beds, their history row) or all absent — never half.
test('I/O fault at every k-th write/sync of absence, substitution, absence edit and bed update: never half', { ...sqliteOnly(R), timeout: 1800000 }, async () => {
    const lines = [];
    const one = (t, q) => Number(sql(t.db, q));
    /** Two clinics of one group with a doctor each (practitioners come from the registry's lists:
     *  written here directly), a patient of clinic A's doctor with clinic B's as 副主治医. */
    const network = async (srv, c, t) => {
      const a = await api(srv.base, 'POST', '/api/v1/facilities', { ...clinic('代診障害A'), legal_entity: '医療法人代診A' }, c.admin);
      const b = await api(srv.base, 'POST', '/api/v1/facilities', { ...clinic('代診障害B'), legal_entity: '医療法人代診B' }, c.admin);
      assert.equal(a.status, 201, a.text);
      assert.equal(b.status, 201, b.text);
      c.a = a.json.id;
      c.b = b.json.id;
      sql(t.db, `INSERT INTO practitioner (institution_id, role, name) VALUES (${c.a}, 'doctor', '代診 一郎（架空）'), (${c.b}, 'doctor', '代診 二郎（架空）')`);
      c.docA = one(t, `SELECT id FROM practitioner WHERE institution_id = ${c.a}`);
      c.docB = one(t, `SELECT id FROM practitioner WHERE institution_id = ${c.b}`);
      const g = await api(srv.base, 'POST', '/api/v1/groups', { name: '代診障害グループ', members: [
        { institution_id: c.a, role: 'member_medical' }, { institution_id: c.b, role: 'member_medical' }] }, c.admin);
      assert.equal(g.status, 201, g.text);
      c.group = g.json.id;
      c.doc = await authHeaders(srv, 'doctor', { institution: c.a });
      const p = await api(srv.base, 'POST', '/api/v1/patients', { name: '代診 障害（架空）', kana: 'ダイシン ショウガイ', birth_date: '1950-01-01',
        sex: 'female', address: '代診町1（架空）', municipality: '082228', fictional: true }, c.doc);
      assert.equal(p.status, 201, p.text);
      c.pid = p.json.id;
      const tm = await api(srv.base, 'PUT', `/api/v1/patients/${c.pid}/team`, { group_id: c.group, primary_institution_id: c.a,
        primary_practitioner_id: c.docA, secondary_institution_id: c.b, secondary_practitioner_id: c.docB }, c.doc);
      assert.equal(tm.status, 200, tm.text);
    };
    const ABSENCE = (c) => ({ practitioner_id: c.docA, starts_on: '2030-12-16', ends_on: '2030-12-20', reason: '学会' });
    const absence = async (srv, c) => {
      const r = await api(srv.base, 'POST', '/api/v1/absences', ABSENCE(c), c.doc);
      assert.equal(r.status, 201, r.text);
      c.absence = r.json.id;
    };

    lines.push(await sweep('absence POST', {
      prepare: network,
      request: (srv, c) => api(srv.base, 'POST', '/api/v1/absences', ABSENCE(c), c.doc),
      verify: async (srv, c, r, t, what) => {
        const n = one(t, 'SELECT count(*) FROM absence');
        if (r.status === 201) assert.equal(n, 1, `${what}: acknowledged absence stored`);
        assert.equal(one(t, "SELECT count(*) FROM audit_log WHERE object_type = 'absence' AND action = 'create'"), n, `${what}: an audit row exactly when stored`);
        return r.status !== 201 && n === 1;
      },
    }));

    lines.push(await sweep('substitution POST', {
      prepare: async (srv, c, t) => { await network(srv, c, t); await absence(srv, c); },
      request: (srv, c) => api(srv.base, 'POST', `/api/v1/absences/${c.absence}/substitutions`, { patient_id: c.pid, practitioner_id: c.docB }, c.doc),
      verify: async (srv, c, r, t, what) => {
        const n = one(t, 'SELECT count(*) FROM substitution');
        if (r.status === 201) assert.equal(n, 1, `${what}: acknowledged substitution stored`);
        assert.equal(one(t, "SELECT count(*) FROM audit_log WHERE object_type = 'substitution' AND action = 'create'"), n, `${what}: an audit row exactly when stored`);
        const chain = await api(srv.base, 'GET', `/api/v1/patients/${c.pid}/call-chain?at=2030-12-17T10:00:00%2B09:00`, undefined, c.doc);
        assert.equal(chain.json.steps[0].reason, n ? 'substitute' : 'secondary', `${what}: the call chain follows what is stored`);
        return r.status !== 201 && n === 1;
      },
    }));

    lines.push(await sweep('absence PUT (cut short)', {
      prepare: async (srv, c, t) => {
        await network(srv, c, t);
        const d = await api(srv.base, 'POST', `/api/v1/groups/${c.group}/duties`, { date: '2030-12-17', type: 'weekday_night', practitioner_id: c.docA }, c.admin);
        assert.equal(d.status, 201, d.text);
        c.duty = d.json.id;
        await absence(srv, c);
        const s = await api(srv.base, 'POST', `/api/v1/absences/${c.absence}/substitutions`, { duty_id: c.duty, practitioner_id: c.docB }, c.doc);
        assert.equal(s.status, 201, s.text);
      },
      request: (srv, c) => api(srv.base, 'PUT', `/api/v1/absences/${c.absence}`, { ends_on: '2030-12-16' }, c.doc),
      verify: async (srv, c, r, t, what) => {
        const cut = sql(t.db, `SELECT ends_on FROM absence WHERE id = ${c.absence}`) === '2030-12-16';
        const subs = one(t, 'SELECT count(*) FROM substitution');
        const ends = one(t, "SELECT count(*) FROM audit_log WHERE object_type = 'substitution' AND action = 'end'");
        const updates = one(t, "SELECT count(*) FROM audit_log WHERE object_type = 'absence' AND action = 'update'");
        if (r.status === 200) assert.ok(cut, `${what}: acknowledged edit stored`);
        assert.deepEqual([subs, ends, updates], cut ? [0, 1, 1] : [1, 0, 0], `${what}: the edit, the ended substitution and their audit rows together`);
        return r.status !== 200 && cut;
      },
    }));

    lines.push(await sweep('beds PUT', {
      prepare: async (srv, c) => {
        const h = await api(srv.base, 'POST', '/api/v1/facilities', { kind: 'hospital', name: '病床障害病院', municipality: '082228', beds: 250 }, c.admin);
        assert.equal(h.status, 201, h.text);
        c.h = h.json.id;
        c.hosp = await authHeaders(srv, 'hospital', { institution: c.h });
      },
      request: (srv, c) => api(srv.base, 'PUT', `/api/v1/facilities/${c.h}/beds`, { wards: [{ ward: 'general', reserved: 3, free: 2 }, { ward: 'community_care', reserved: 1, free: 0 }] }, c.hosp),
      verify: async (srv, c, r, t, what) => {
        const figures = one(t, 'SELECT count(*) FROM bed_report');
        const history = one(t, 'SELECT count(*) FROM bed_report_history');
        const rows = one(t, "SELECT count(*) FROM audit_log WHERE object_type = 'beds' AND action = 'update'");
        if (r.status === 200) assert.equal(figures, 2, `${what}: acknowledged figures stored`);
        assert.deepEqual([figures, history, rows], figures ? [2, 2, 1] : [0, 0, 0], `${what}: figures, history and audit row together`);
        return r.status !== 200 && figures > 0;
      },
    }));
    for (const l of lines) console.log('faults: ' + l);
  });
