// Activity plans (PDCA, issue 19 §1, §2, §4; seeds 002 STEP2–3, 003, 004) through the real binary: the
// prefecture chooses the rule set of an operator, its coordinator writes the plan for the current fiscal
// year and sees a missing action flagged, records a meeting and sees it appear as evidence, uploads a
// document, and downloads the yearly report (実績報告書) whose PDF text carries the records' figures.
// Bad input names the field; an operator's plans are its own, its prefecture's, and nobody else's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverFixture, authHeaders, api, execAsync } from './lib.mjs';

let fx, assoc, coord, prefStaff, otherCoord, chiba, opId;
const FY = 2026; // 30 November 2026 (JST): fiscal year 2026 runs until 31 March 2027
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

before(async () => {
  fx = await serverFixture({ demo: true, env: { ZAITAKU_NOW: '2026-11-30T01:00:00Z' } });
  const a = await fx.api('GET', '/api/v1/facilities?kind=medical_association&municipality=082228');
  assoc = a.json.items[0].id;
  coord = await authHeaders(fx.srv, 'coordinator', { associations: [assoc] });
  prefStaff = await authHeaders(fx.srv, 'prefecture', { prefecture: '08' });
  chiba = await authHeaders(fx.srv, 'prefecture', { prefecture: '12' });
  const munis = await fx.api('GET', '/api/v1/municipalities?prefecture=12');
  const outMuni = (munis.json.items || munis.json)[0].code;
  const otherAssoc = (await fx.api('POST', '/api/v1/facilities', { kind: 'medical_association', name: '計画テスト他県医師会', municipality: outMuni })).json.id;
  otherCoord = await authHeaders(fx.srv, 'coordinator', { associations: [otherAssoc] });
  const r = await api(fx.srv.base, 'POST', '/api/v1/operators',
    { name: '計画テスト医師会 在宅医療推進コーディネータ', kind: 'coordinator', prefecture: '08', association_id: assoc, first_fiscal_year: 2024 }, prefStaff);
  assert.equal(r.status, 201, r.text);
  opId = r.json.id;
});
after(() => fx?.close());

const plan = (method, body, who = coord, fy = FY) => api(fx.srv.base, method, `/api/v1/operators/${opId}/plans/${fy}`, body, who);
const rule = (v, code) => v.compliance.rules.find((x) => x.code === code);
const action = (v, code) => v.actions.find((x) => x.code === code);

test('rule sets are reference data: the four programmes with their actions as the seeds word them', async () => {
  const r = await api(fx.srv.base, 'GET', '/api/v1/plan-rulesets');
  assert.equal(r.status, 200);
  const codes = r.json.rulesets.map((x) => x.code);
  assert.deepEqual(codes, ['osaka_coordinator', 'kumamoto_centre', 'renkei_kyoten', 'kaigo_renkei']);
  const osaka = r.json.rulesets[0];
  assert.equal(osaka.actions.length, 8);
  assert.ok(osaka.actions[4].label.includes('情報交換会の開催（年3回以上）'));
  assert.deepEqual(r.json.rulesets[1].variants.map((v) => v.label), ['基幹型', '連携型']);
  assert.ok(r.json.indicators.some((i) => i.code === 'clinics_cd'));
});

test('the prefecture chooses the rule set; a coordinator may not; before that no plan can be written', async () => {
  let r = await plan('GET');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.exists, false);
  assert.equal(r.json.ruleset, null);
  r = await plan('PUT', { actions: ['o1'] });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'ruleset');
  assert.equal((await api(fx.srv.base, 'PUT', `/api/v1/operators/${opId}/ruleset`, { ruleset: 'osaka_coordinator' }, coord)).status, 403);
  assert.equal((await api(fx.srv.base, 'PUT', `/api/v1/operators/${opId}/ruleset`, { ruleset: 'osaka_coordinator' }, chiba)).status, 403);
  r = await api(fx.srv.base, 'PUT', `/api/v1/operators/${opId}/ruleset`, { ruleset: 'nope' }, prefStaff);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'ruleset');
  r = await api(fx.srv.base, 'PUT', `/api/v1/operators/${opId}/ruleset`, { ruleset: 'osaka_coordinator', variant: 'kikan' }, prefStaff);
  assert.equal(r.json.error.field, 'variant');
  r = await api(fx.srv.base, 'PUT', `/api/v1/operators/${opId}/ruleset`, { ruleset: 'osaka_coordinator' }, prefStaff);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('cache-control'), 'no-store');
});

test('bad input names the field and stores nothing; a fiscal year out of range is refused', async () => {
  for (const [fy, field] of [[2017, 'fiscal_year'], [2040, 'fiscal_year'], ['abc', 'fiscal_year'], [2023, 'fiscal_year']]) {
    const r = await plan('PUT', { actions: ['o1'] }, coord, fy);
    assert.equal(r.status, 400, `${fy}: ${r.text}`);
    assert.equal(r.json.error.field, field);
  }
  assert.equal((await plan('GET', undefined, coord, 1999)).json.error.field, 'fiscal_year');
  const cases = [
    [{ actions: ['o9'] }, 'actions[0].code'],
    [{ actions: ['o1', 'o1'] }, 'actions[1].code'],
    [{ actions: [{ code: 'o1', colour: 'red' }] }, 'actions[0].colour'],
    [{ goals: [{ indicator: 'clinics_cd', goal: -1 }] }, 'goals[0].goal'],
    [{ goals: [{ indicator: 'clinics_cd', goal: 1.5 }] }, 'goals[0].goal'],
    [{ goals: [{ indicator: 'clinics_cd', goal: 1e12 }] }, 'goals[0].goal'],
    [{ goals: [{ indicator: 'weather', goal: 1 }] }, 'goals[0].indicator'],
    [{ variant: 'kikan' }, 'variant'],
    [{ fiscal_year: 2026 }, 'fiscal_year'],
  ];
  for (const [body, field] of cases) {
    const r = await plan('PUT', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.field, field, JSON.stringify(body));
  }
  assert.equal((await plan('GET')).json.exists, false, 'nothing stored');
});

test('write a plan for the current year: action ① missing is flagged, with the seed line', async () => {
  const r = await plan('PUT', {
    actions: [{ code: 'o5', note: '年3回開催' }, 'o6'],
    goals: [{ indicator: 'clinics_cd', goal: 12 }, { indicator: 'meetings', goal: 4 }],
    goals_note: '訪問診療に取り組む診療所を増やす',
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.exists, true);
  assert.equal(r.json.fiscal_year_ja, '令和8年度');
  assert.equal(r.json.ruleset.code, 'osaka_coordinator');
  const a1 = rule(r.json, 'osaka.action1');
  assert.equal(a1.status, 'not_met');
  assert.ok(a1.why.includes('計画に「①地域資源の把握'), a1.why);
  assert.ok(a1.seed.includes('①の事業は必ず実施する'));
  assert.equal(r.json.compliance.compliant, false);
  assert.equal(r.json.compliance.year_ended, false);
  assert.equal(action(r.json, 'o5').note, '年3回開催');
  const g = r.json.goals.find((x) => x.indicator === 'clinics_cd');
  assert.equal(g.goal, 12);
  assert.equal(typeof g.actual, 'number');
});

test('record a meeting and see it appear as evidence of ⑤; the 年3回 rule counts it', async () => {
  let v = (await plan('GET')).json;
  const before = action(v, 'o5').evidence_count;
  const m = await api(fx.srv.base, 'POST', '/api/v1/meetings',
    { operator_id: opId, kind: 'exchange', title: '第1回 計画テスト情報交換会', held_on: '2026-10-14' }, coord);
  assert.equal(m.status, 201, m.text);
  // a meeting planned for after today is not evidence yet
  await api(fx.srv.base, 'POST', '/api/v1/meetings',
    { operator_id: opId, kind: 'exchange', title: '第2回（予定）', held_on: '2027-02-10' }, coord);
  v = (await plan('GET')).json;
  const o5 = action(v, 'o5');
  assert.equal(o5.evidence_count, before + 1);
  const ev = o5.evidence.find((x) => x.title === '第1回 計画テスト情報交換会');
  assert.ok(ev, JSON.stringify(o5.evidence));
  assert.equal(ev.source, 'meeting');
  assert.equal(ev.date_ja, '令和8年10月14日');
  const x = rule(v, 'osaka.exchange_3');
  assert.equal(x.status, 'not_met');
  assert.equal(x.pending, true);
  assert.ok(x.why.includes('あと2回'), x.why);
  assert.equal(v.goals.find((g) => g.indicator === 'meetings').actual, before + 1);
});

test('a survey the coordinator sends is evidence of ①, a training session held is evidence of ② (up to today)', async () => {
  // the demo's records carry the real clock's dates; this one is sent at the test's pinned "now"
  let r = await api(fx.srv.base, 'POST', '/api/v1/surveys', { template: 'clinic_status', title: '計画テスト調査' }, coord);
  assert.equal(r.status, 201, r.text);
  r = await api(fx.srv.base, 'POST', `/api/v1/surveys/${r.json.id}/send`, { expires_on: '2027-01-31' }, coord);
  assert.equal(r.status, 200, r.text);
  const t = await api(fx.srv.base, 'POST', '/api/v1/trainings', { title: '計画テスト研修' }, coord);
  assert.equal(t.status, 201, t.text);
  for (const [step, held_on] of [['lecture1', '2026-07-04'], ['lecture2', '2027-01-16']]) {
    r = await api(fx.srv.base, 'PUT', `/api/v1/trainings/${t.json.id}/sessions/${step}`, { held_on, place: '医師会館（架空）' }, coord);
    assert.equal(r.status, 200, r.text);
  }
  const v = (await plan('GET')).json;
  const survey = action(v, 'o1').evidence.filter((e) => e.source === 'survey');
  assert.deepEqual(survey.map((e) => [e.title, e.date]), [['調査「計画テスト調査」（回答0件）', '2026-11-30']]);
  const training = action(v, 'o2').evidence.filter((e) => e.title.startsWith('計画テスト研修'));
  // the session after today (2027-01-16) is not evidence yet
  assert.deepEqual(training.map((e) => [e.source, e.title, e.date]), [['training', '計画テスト研修（第1回座学研修）', '2026-07-04']]);
});

test('uploads: evidence by hand for ①, checked by type and date; then ① is met', async () => {
  let r = await plan('PUT', { actions: ['o1', 'o5', 'o6'] });
  assert.equal(r.status, 200, r.text);
  const up = (q, body = pdf, type = 'application/pdf', who = coord) => fetch(
    `${fx.srv.base}/api/v1/operators/${opId}/plans/${FY}/uploads?${new URLSearchParams(q)}`,
    { method: 'POST', headers: { ...who, 'Content-Type': type }, body });
  let u = await up({ action: 'o1', title: '地域資源訪問記録', held_on: '2026-06-01' }, Buffer.from('hello'), 'text/plain');
  assert.equal(u.status, 415);
  u = await up({ action: 'o1', title: '地域資源訪問記録', held_on: '2025-06-01' });
  assert.equal(u.status, 400);
  assert.equal((await u.json()).error.field, 'held_on');
  u = await up({ action: 'o9', title: 'x', held_on: '2026-06-01' });
  assert.equal((await u.json()).error.field, 'action');
  u = await up({ action: 'o1', title: '地域資源訪問記録', held_on: '令和8年6月1日' }, pdf, 'application/pdf', otherCoord);
  assert.equal(u.status, 403);
  u = await up({ action: 'o1', title: '地域資源訪問記録', held_on: '令和8年6月1日' });
  assert.equal(u.status, 201);
  const uid = (await u.json()).id;
  const v = (await plan('GET')).json;
  assert.ok(action(v, 'o1').evidence.some((e) => e.source === 'upload' && e.title === '地域資源訪問記録'));
  assert.equal(rule(v, 'osaka.action1').status, 'met');
  const g = await fetch(`${fx.srv.base}/api/v1/plan-uploads/${uid}`, { headers: prefStaff });
  assert.equal(g.status, 200);
  assert.equal(g.headers.get('content-type'), 'application/pdf');
  assert.equal((await fetch(`${fx.srv.base}/api/v1/plan-uploads/${uid}`, { headers: otherCoord })).status, 404);
});

test('an operator sees its own plans, the prefecture all of its operators, nobody else', async () => {
  assert.equal((await plan('GET', undefined, otherCoord)).status, 404);
  assert.equal((await plan('PUT', { actions: ['o1'] }, otherCoord)).status, 403);
  assert.equal((await plan('GET', undefined, chiba)).status, 404);
  assert.equal((await plan('GET', undefined, prefStaff)).status, 200);
  const s = await api(fx.srv.base, 'GET', `/api/v1/plan-status?fiscal_year=${FY}`, undefined, prefStaff);
  assert.equal(s.status, 200, s.text);
  const mine = s.json.operators.find((o) => o.id === opId);
  assert.ok(mine);
  assert.equal(mine.ruleset, 'osaka_coordinator');
  assert.equal(mine.plan_exists, true);
  assert.equal(typeof mine.compliant, 'boolean');
  const theirs = await api(fx.srv.base, 'GET', `/api/v1/plan-status?fiscal_year=${FY}`, undefined, otherCoord);
  assert.ok(!theirs.json.operators.some((o) => o.id === opId));
  assert.equal((await api(fx.srv.base, 'GET', '/api/v1/plan-status?fiscal_year=1990', undefined, prefStaff)).json.error.field, 'fiscal_year');
  for (const doc of ['report.pdf', 'report.xlsx'])
    assert.equal((await fetch(`${fx.srv.base}/api/v1/operators/${opId}/plans/${FY}/${doc}`, { headers: otherCoord })).status, 404);
  assert.equal((await fetch(`${fx.srv.base}/api/v1/operators/${opId}/plans/${FY}/report.pdf`)).status, 401);
});

test('Act of last year is carried into this year; every write is audited', async () => {
  let r = await plan('PUT', { actions: ['o1'], check_note: '訪問件数は目標に届いた', act_note: '来年度は⑧に取り組む' }, coord, 2025);
  assert.equal(r.status, 200, r.text);
  // the check at the end of a fiscal year: a shortfall is final (not pending)
  assert.equal(r.json.compliance.year_ended, true);
  const two = rule(r.json, 'osaka.two_of_2_8');
  assert.equal(two.status, 'not_met');
  assert.equal(two.pending, false);
  assert.ok(!two.why.includes('年度途中'), two.why);
  r = await plan('GET');
  assert.equal(r.json.previous_act_note, '来年度は⑧に取り組む');
  const audit = await fx.api('GET', '/api/v1/audit?object_type=plan');
  const acts = audit.json.items.map((x) => x.action);
  assert.ok(acts.includes('create') && acts.includes('update') && acts.includes('upload'), JSON.stringify(acts));
  const asg = await fx.api('GET', '/api/v1/audit?object_type=operator');
  assert.ok(asg.json.items.some((x) => x.action === 'assign_ruleset'));
});

test('the yearly report: PDF in Japanese with 和暦 and the records’ figures, and XLSX', async (t) => {
  const v = (await plan('GET')).json;
  // the money chapter comes from the subsidy ledger (issue 19 §3): a training expense of the year
  const ex = await fetch(`${fx.srv.base}/api/v1/operators/${opId}/subsidies/${FY}/expenses`, {
    method: 'POST', headers: { ...coord, 'Content-Type': 'application/json' },
    body: JSON.stringify({ programme: 'group_practice', category: 'kenshu', kind: 'hoshohi', spent_on: `${FY}-07-01`, amount_yen: 123456, payee: '報告書テスト講師' }),
  });
  assert.equal(ex.status, 201, await ex.text());
  const r = await fetch(`${fx.srv.base}/api/v1/operators/${opId}/plans/${FY}/report.pdf`, { headers: coord });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const buf = Buffer.from(await r.arrayBuffer());
  assert.equal(buf.subarray(0, 5).toString(), '%PDF-');
  const file = join(fx.t.dir, 'report.pdf');
  writeFileSync(file, buf);
  const txt = await execAsync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.equal(txt.status, 0, txt.stderr);
  const flat = txt.stdout.replace(/\s+/g, '');
  assert.ok(flat.includes('令和8年度'), txt.stdout);
  assert.ok(flat.includes('実績報告書'));
  assert.ok(flat.includes('計画テスト医師会在宅医療推進コーディネータ'));
  assert.ok(flat.includes('第1回計画テスト情報交換会'), txt.stdout);
  assert.ok(flat.includes('令和8年10月14日'));
  const o5 = action(v, 'o5');
  assert.ok(flat.includes(`（実績${o5.evidence_count}件）`), txt.stdout);
  const meetings = v.goals.find((g) => g.indicator === 'meetings');
  assert.ok(flat.includes(`実績${meetings.actual}回`), txt.stdout);
  assert.ok(flat.includes('情報交換会') && flat.includes('あと2回'));
  assert.ok(flat.includes('補助金の所要額（精算額）'), txt.stdout);
  assert.ok(flat.includes('研修経費') && flat.includes('支出額123,456円') && flat.includes('所要額123,456円'), txt.stdout);
  const x = await fetch(`${fx.srv.base}/api/v1/operators/${opId}/plans/${FY}/report.xlsx`, { headers: prefStaff });
  assert.equal(x.status, 200);
  assert.equal(Buffer.from(await x.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  // no report for a year without a plan
  assert.equal((await fetch(`${fx.srv.base}/api/v1/operators/${opId}/plans/2027/report.pdf`, { headers: coord })).status, 404);
});
