// Fair on-call rotas, the application side (issue 15 §1, §4–§6): the demo group's fiscal-year rota
// with its stored certificate; unavailable dates by form and by the coordinator's CSV (UTF-8 with a
// BOM, CP932; a bad row names its line and column and stores nothing); a month solved as a job (202,
// progress, result) into the duty table; an infeasible month explained; a swap kept, a swap or a give
// that breaks a rule refused with the rule; cancellation; a job running at a stop ends failed;
// the XLSX export; the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { serverFixture, startServer, authHeaders, api, run } from './lib.mjs';

let fx, group, view, docs;
const jst = (ms = Date.now()) => new Date(ms + 9 * 3600e3).toISOString().slice(0, 10);
const today = jst();
const fy = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 4 ? 1 : 0);
// A month three months ahead, away from the demo's hand-entered duties (a week ago to 45 days ahead).
function monthAhead(k) {
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 + k, 1));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  return { from: d.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}
const M3 = monthAhead(3), M5 = monthAhead(5), M7 = monthAhead(7);

async function waitJob(id, states = ['done', 'failed', 'cancelled']) {
  for (let i = 0; i < 400; i++) {
    const r = await fx.api('GET', `/api/v1/jobs/${id}`);
    assert.equal(r.status, 200, r.text);
    if (states.includes(r.json.state)) return r.json;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

before(async () => {
  fx = await serverFixture({ demo: true, role: 'coordinator' });
  const groups = await fx.api('GET', '/api/v1/groups');
  group = (groups.json.items || groups.json).find((g) => g.name === '鹿嶋在宅医療連携グループ（デモ）');
  assert.ok(group, 'the demo group');
  view = (await fx.api('GET', `/api/v1/groups/${group.id}/rota?from=${M3.from}&to=${M3.to}`)).json;
  docs = view.doctors;
  assert.ok(docs.length >= 3, JSON.stringify(docs));
});
after(async () => { await fx?.srv?.stop(); await fx?.close(); }); // test 7 restarts the server

test('the demo group has a solved rota for the current fiscal year with its stored certificate', async () => {
  const r = await fx.api('GET', `/api/v1/groups/${group.id}/rota?from=${fy}-04-01&to=${fy + 1}-03-31`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  assert.ok(r.json.rotas.some((x) => x.from === `${fy}-04-01` && x.to === `${fy + 1}-03-31`));
  const c = r.json.stored_certificate;
  assert.ok(c && c.types.length >= 3, 'stored certificate');
  for (const t of c.types) {
    assert.ok(t.spread >= t.bound - 1e-9, `${t.type}: spread ${t.spread} ≥ bound ${t.bound}`);
    assert.equal(t.optimal, Math.abs(t.spread - t.bound) < 1e-6);
    assert.ok(t.next && t.next.name, 'who should cover next');
  }
  assert.equal(c.violations, 0);
  assert.equal(c.doctors.length, docs.length);
  // every date of the year has its duties; the calendar carries 和暦
  const days = r.json.days;
  assert.equal(days.length >= 365, true);
  assert.match(days[0].wareki, /^令和\d+年4月1日$/);
  const open = days.filter((d) => d.types.some((t) => !(d.duties[t] || []).length));
  assert.deepEqual(open.map((d) => d.date), [], 'every duty of the year is covered');
  // the hand-entered demo duties are kept (pins), the rest is the solver's
  const sources = new Set(days.flatMap((d) => Object.values(d.duties).flat().map((x) => x.source)));
  assert.ok(sources.has('manual') && sources.has('solver'), [...sources].join());
});

test('unavailable dates by form; the 24-hour network absences count by themselves', async () => {
  let r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/unavailable`, { practitioner_id: docs[0].practitioner_id, date: `${M3.from.slice(0, 8)}05`, source: 'conference' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.reason, '学会');
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/unavailable`, { practitioner_id: docs[0].practitioner_id, date: '2027-02-30' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'date');
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/unavailable`, { practitioner_id: 99999999, date: M3.from });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'practitioner_id');
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/unavailable`, { practitioner_id: docs[0].practitioner_id, date: M3.from, colour: 'red' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'colour');
  // an absence recorded in the network shows as unavailability with source "absence"
  const ab = await fx.api('POST', '/api/v1/absences', { practitioner_id: docs[2].practitioner_id, starts_on: `${M3.from.slice(0, 8)}20`, ends_on: `${M3.from.slice(0, 8)}21`, reason: '休暇（架空）' });
  assert.equal(ab.status, 201, ab.text);
  const v = (await fx.api('GET', `/api/v1/groups/${group.id}/rota?from=${M3.from}&to=${M3.to}`)).json;
  assert.ok(v.unavailable.some((u) => u.source === 'conference' && u.practitioner_id === docs[0].practitioner_id));
  assert.equal(v.unavailable.filter((u) => u.source === 'absence' && u.practitioner_id === docs[2].practitioner_id).length, 2);
});

test('the coordinator\'s CSV: UTF-8 with a BOM and CP932; a bad row names line and column and stores nothing', async () => {
  const ym = M3.from.slice(0, 8);
  const csv = `\uFEFF日付,医師,理由,種別\n${ym}08,${docs[1].name},学会（架空）,学会\n${ym.replaceAll('-', '/')}9,${docs[1].practitioner_id},私用\n`;
  let r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/unavailable/import`, csv, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.imported, 2);
  // CP932 bytes of "日付,医師\n<date>,<name>\n" written by iconv
  const sjis = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: `日付,医師\n${ym}12,${docs[1].name}\n` }).stdout;
  const res = await fetch(`${fx.srv.base}/api/v1/groups/${group.id}/rota/unavailable/import`, { method: 'POST', body: sjis, headers: { ...fx.auth, 'Content-Type': 'text/csv' } });
  assert.equal(res.status, 200, await res.text());
  const before = (await fx.api('GET', `/api/v1/groups/${group.id}/rota?from=${M3.from}&to=${M3.to}`)).json.unavailable.length;
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/unavailable/import`, `日付,医師\n${ym}13,${docs[1].name}\n${ym}14,山田 存在しない\n`, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.line, 3);
  assert.equal(r.json.error.field, '医師');
  assert.match(r.json.error.message, /3行目の「医師」列/);
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/unavailable/import`, `${ym}40,${docs[1].name}\n`, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, '日付');
  assert.equal(r.json.error.line, 1);
  const after = (await fx.api('GET', `/api/v1/groups/${group.id}/rota?from=${M3.from}&to=${M3.to}`)).json.unavailable;
  assert.equal(after.length, before, 'nothing stored from a refused file');
  assert.ok(after.some((u) => u.source === 'csv' && u.date === `${ym}12`));
});

test('a month is solved as a job: 202, progress, the result in the duty table with the certificate', async () => {
  let r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/solve`, { from: M3.from, to: M3.to, time_limit: 0.5, seed: 7 });
  assert.equal(r.status, 202, r.text);
  assert.equal(r.json.state, 'queued');
  const job = await waitJob(r.json.id);
  assert.equal(job.state, 'done', JSON.stringify(job));
  assert.equal(job.progress, 1);
  assert.equal(job.result.status, 'feasible');
  assert.ok(job.best_objective && typeof job.best_objective.spread_sum === 'number');
  assert.equal(job.seed, 7);
  const duties = (await fx.api('GET', `/api/v1/groups/${group.id}/duties?from=${M3.from}&to=${M3.to}`)).json.items;
  assert.ok(duties.length >= 28 && duties.every((d) => d.source === 'solver'), duties.length);
  // nobody on a date they cannot take
  const v = (await fx.api('GET', `/api/v1/groups/${group.id}/rota?from=${M3.from}&to=${M3.to}`)).json;
  for (const u of v.unavailable) assert.ok(!duties.some((d) => d.date === u.date && d.practitioner_id === u.practitioner_id), `${u.name} ${u.date}`);
  assert.ok(v.stored_certificate && v.stored_certificate.rota_id === job.result.rota_id);
  assert.equal(v.certificate.violations, 0);
  // bad requests name the field
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/solve`, { from: M3.to, to: M3.from });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'to');
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/solve`, { from: M3.from, to: M3.to, time_limit: 601 });
  assert.equal(r.json.error.field, 'time_limit');
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/solve`, { from: '2026-04-01', to: '2028-04-01' });
  assert.equal(r.json.error.field, 'to');
  // a doctor of the group reads the rota but may not solve
  const doctor = await authHeaders(fx.srv, 'doctor', { institution: docs[0].institution_id });
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/groups/${group.id}/rota?from=${M3.from}&to=${M3.to}`, undefined, doctor)).status, 200);
  assert.equal((await api(fx.srv.base, 'POST', `/api/v1/groups/${group.id}/rota/solve`, { from: M3.from, to: M3.to }, doctor)).status, 403);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/jobs/${job.id}`, undefined, doctor)).status, 200);
});

test('an infeasible month is explained naming the doctors, the date and the rule', async () => {
  const day = `${M5.from.slice(0, 8)}15`;
  const csv = docs.map((d) => `${day},${d.practitioner_id},学会（架空）,学会`).join('\n');
  let r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/unavailable/import`, csv, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/solve`, { from: M5.from, to: M5.to, time_limit: 0.5 });
  const job = await waitJob(r.json.id);
  assert.equal(job.state, 'done');
  assert.equal(job.result.status, 'infeasible', JSON.stringify(job.result));
  const c = job.result.conflicts[0];
  const [y, m, d] = day.split('-').map(Number);
  assert.match(c.message, new RegExp(`${y}年${m}月${d}日`));
  assert.ok(c.rules.some((x) => x.code === 'unavailable'), JSON.stringify(c.rules));
  assert.ok(c.slots.every((s) => s.date === day));
  assert.deepEqual(new Set(c.doctors.map((x) => x.practitioner_id)), new Set(docs.map((x) => x.practitioner_id)), 'every doctor named');
  assert.ok(c.doctors.every((x) => x.why.includes('学会')));
  const duties = (await fx.api('GET', `/api/v1/groups/${group.id}/duties?from=${M5.from}&to=${M5.to}`)).json.items;
  assert.equal(duties.length, 0, 'nothing written for an infeasible month');
});

test('a swap is kept with its reason; a swap or a give that breaks a rule is refused naming the rule', async () => {
  const v = (await fx.api('GET', `/api/v1/groups/${group.id}/rota?from=${M3.from}&to=${M3.to}`)).json;
  const all = v.days.flatMap((d) => Object.entries(d.duties).flatMap(([type, xs]) => xs.map((x) => ({ ...x, date: d.date, type }))));
  // two weekday nights ten days apart of different doctors, each free on the other's date
  const unav = (pid, date) => v.unavailable.some((u) => u.practitioner_id === pid && u.date === date);
  const nights = all.filter((x) => x.type === 'weekday_night');
  let pair = null;
  for (const a of nights) {
    const b = nights.find((x) => x.practitioner_id !== a.practitioner_id && Math.abs(Date.parse(x.date) - Date.parse(a.date)) >= 8 * 864e5 &&
      !unav(a.practitioner_id, x.date) && !unav(x.practitioner_id, a.date));
    if (b) { pair = [a, b]; break; }
  }
  assert.ok(pair, 'two duties to swap');
  let r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/swap`, { duty_a: pair[0].id, duty_b: pair[1].id });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'reason');
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/swap`, { duty_a: pair[0].id, duty_b: pair[1].id, reason: '家族の行事のため交換（架空）' });
  if (r.status === 409) {
    // the pair breaks a rule (a neighbouring night): the refusal names it; that is the behaviour checked below too
    assert.match(r.json.error.message, /規則「/);
  } else {
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.kind, 'swap');
    assert.equal(r.json.certificate_stored, true);
    const d1 = (await fx.api('GET', `/api/v1/groups/${group.id}/duties?from=${pair[0].date}&to=${pair[0].date}`)).json.items.find((x) => x.id === pair[0].id);
    assert.equal(d1.practitioner_id, pair[1].practitioner_id);
    assert.equal(d1.source, 'manual');
    const audit = await fx.api('GET', `/api/v1/audit?object_type=duty&object_id=${pair[0].id}&limit=50`);
    const row = audit.json.items.find((x) => x.action === 'swap');
    assert.ok(row, 'audit row of the swap');
    assert.match(JSON.stringify(row), /家族の行事のため交換/);
  }
  // give a duty to a doctor who is away that day: refused with the rule 不在
  const target = all.find((x) => x.type === 'weekday_night' && x.id !== pair[0].id && x.id !== pair[1].id &&
    x.practitioner_id !== docs[0].practitioner_id && !unav(docs[0].practitioner_id, x.date));
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/unavailable`, { practitioner_id: docs[0].practitioner_id, date: target.date, reason: '出張（架空）' });
  assert.equal(r.status, 201, r.text);
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/give`, { duty_id: target.id, practitioner_id: docs[0].practitioner_id, reason: '譲渡（架空）' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'rule:unavailable');
  assert.match(r.json.error.message, /規則「.+」に反するため変更できません/);
  assert.match(r.json.error.message, /出張/);
  // a night given to the doctor of the night before: 夜間の連続 refused
  const sorted = nights.filter((x) => x.id !== pair[0].id && x.id !== pair[1].id).sort((a, b) => a.date.localeCompare(b.date));
  let cons = null;
  for (let i = 1; i < sorted.length && !cons; i++)
    if (Date.parse(sorted[i].date) - Date.parse(sorted[i - 1].date) === 864e5 && sorted[i].practitioner_id !== sorted[i - 1].practitioner_id &&
      !unav(sorted[i - 1].practitioner_id, sorted[i].date)) cons = [sorted[i - 1], sorted[i]];
  assert.ok(cons, 'two consecutive weekday nights');
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/give`, { duty_id: cons[1].id, practitioner_id: cons[0].practitioner_id, reason: '連続（架空）' });
  assert.equal(r.status, 409, r.text);
  assert.match(r.json.error.field, /^rule:/);
  // unknown duties name the field
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/swap`, { duty_a: 99999999, duty_b: pair[1].id, reason: 'x' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'duty_a');
});

test('a long solve is cancelled; a job running when the server stops ends failed with the reason', async () => {
  // two doctors wish the same night: one wish stays unmet, so the search runs to its time limit
  for (const d of docs.slice(0, 2)) {
    const w = await fx.api('POST', `/api/v1/groups/${group.id}/rota/wishes`, { practitioner_id: d.practitioner_id, date: `${M7.from.slice(0, 8)}16`, kind: 'prefer' });
    assert.equal(w.status, 201, w.text);
  }
  let r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/solve`, { from: M7.from, to: M7.to, time_limit: 300 });
  assert.equal(r.status, 202);
  await waitJob(r.json.id, ['running']);
  const c = await fx.api('POST', `/api/v1/jobs/${r.json.id}/cancel`);
  assert.equal(c.status, 200, c.text);
  const job = await waitJob(r.json.id);
  assert.equal(job.state, 'cancelled');
  assert.equal((await fx.api('POST', `/api/v1/jobs/${r.json.id}/cancel`)).status, 409);
  assert.equal((await fx.api('GET', '/api/v1/jobs/99999999')).status, 404);
  // a long job, then the server stops: the job is failed with the reason, also after a restart
  r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/solve`, { from: M7.from, to: M7.to, time_limit: 300 });
  const id = r.json.id;
  await waitJob(id, ['running']);
  await fx.srv.stop();
  fx.srv = await startServer(fx.t.db);
  const again = (await api(fx.srv.base, 'GET', `/api/v1/jobs/${id}`, undefined, fx.auth)).json;
  assert.equal(again.state, 'failed');
  assert.match(again.error, /停止/);
  fx.api = (method, path, body, headers = {}) => api(fx.srv.base, method, path, body, { ...fx.auth, ...headers });
});

test('XLSX export: one row per date, one column per duty type', async () => {
  const r = await fetch(`${fx.srv.base}/api/v1/groups/${group.id}/rota.xlsx?from=${M3.from}&to=${M3.to}`, { headers: fx.auth });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  const buf = Buffer.from(await r.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK');
});

test('the CLI solves a period with the same rules and says why when it cannot', () => {
  const ok = run(fx.t.db, ['rota', 'solve', '鹿嶋在宅医療連携グループ（デモ）', '--from', M3.from, '--to', M3.to, '--time-limit', '0.3']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /当番表を作成しました/);
  assert.match(ok.stdout, /次に担当すべき医師/);
  const bad = run(fx.t.db, ['rota', 'solve', String(group.id), '--from', M5.from, '--to', M5.to, '--time-limit', '0.3']);
  assert.equal(bad.status, 3, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /規則をすべて満たす当番表はありません/);
  assert.equal(run(fx.t.db, ['rota', 'solve', String(group.id), '--from', M3.from]).status, 2);
});
