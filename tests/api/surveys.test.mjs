// Clinic surveys (issue 18 §1, seed 002 STEP1 地域の現状把握「アンケート調査内容例」): a coordinator makes
// a survey from the seed's template, edits it while a draft, sends personal links to the district's
// clinics (tokens ≥ 128 bits, stored hashed, expiring, one answer per clinic editable until closed),
// enters paper answers, imports CSV (UTF-8 / CP932) and XLSX all or nothing naming line and question,
// and reads the results: response rate, counts, the barrier analysis (①–⑥ × 施設基準 × 意欲), the
// clinics "willing under conditions", an SVG chart and an XLSX export. Every write is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { serverFixture, authHeaders, api, startServer } from './lib.mjs';

const NOW = '2026-12-15T01:00:00Z'; // 10:00 JST, Tuesday 15 December 2026
let fx, survey, links, clinics;

before(async () => {
  fx = await serverFixture({ demo: true, role: 'coordinator', env: { ZAITAKU_NOW: NOW } });
});
after(() => fx?.close());

const pub = (method, path, body) => api(fx.srv.base, method, path, body);

test('templates: the seed\'s clinic questionnaire and post-training questionnaire, in Japanese', async () => {
  const r = await fx.api('GET', '/api/v1/survey-templates');
  assert.equal(r.status, 200, r.text);
  const byName = Object.fromEntries(r.json.map((t) => [t.name, t]));
  const clinic = byName.clinic_status;
  assert.equal(clinic.questions[0].text, '1. 訪問診療を行っていますか');
  const barriers = clinic.questions.find((q) => q.key === 'barriers');
  assert.equal(barriers.kind, 'multiple');
  assert.deepEqual(barriers.options.map((o) => o.label), ['①技術面(緩和ケア・特殊な措置)', '②緊急時・夜間・休日の対応が困難',
    '③患者・家族との対応', '④訪問看護師・ケアマネ等との連携', '⑤複雑な診療報酬体系', '⑥その他']);
  assert.equal(clinic.questions.find((q) => q.key === 'willingness').options[0].with_text, true);
  assert.equal(byName.post_training.title, '訪問診療導入研修事業 終了アンケート');
  assert.equal(byName.post_training.questions.find((q) => q.key === 'can_start').options[2].label, '③どちらでもない（以前から実施している）');
});

test('create from the template, edit while a draft; bad definitions name the question', async () => {
  let r = await fx.api('POST', '/api/v1/surveys', { template: 'nope' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'template');
  r = await fx.api('POST', '/api/v1/surveys', { template: 'clinic_status', title: '令和8年度 在宅医療に関するアンケート' });
  assert.equal(r.status, 201, r.text);
  survey = r.json;
  assert.equal(survey.state, 'draft');
  assert.equal(survey.questions.length, 11);
  const qs = survey.questions.map(({ kind_label, ...q }) => q); // eslint-disable-line no-unused-vars
  qs.push({ key: 'staff', kind: 'number', text: '8. 常勤医師数', min: 0, max: 50, integer: true, unit: '名' });
  r = await fx.api('PUT', `/api/v1/surveys/${survey.id}`, { questions: qs });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.questions.length, 12);
  const bad = structuredClone(qs);
  bad[4].options = [bad[4].options[0]];
  r = await fx.api('PUT', `/api/v1/surveys/${survey.id}`, { questions: bad });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'questions[4].options');
  assert.match(r.json.error.message, /問5の選択肢/);
  r = await fx.api('PUT', `/api/v1/surveys/${survey.id}`, { questions: [{ key: 'x', kind: 'single', text: 'a', options: 'no' }] });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'questions[0].options');
});

test('send: one personal link per clinic of the district, tokens of 256 bits shown once', async () => {
  clinics = (await fx.api('GET', `/api/v1/surveys/${survey.id}/clinics`)).json.clinics;
  assert.ok(clinics.length >= 10, `${clinics.length} clinics`);
  let r = await fx.api('POST', `/api/v1/surveys/${survey.id}/send`, { expires_on: '2026-12-01' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'expires_on');
  r = await fx.api('POST', `/api/v1/surveys/${survey.id}/send`, { expires_on: '2027-01-31' });
  assert.equal(r.status, 200, r.text);
  links = r.json.links;
  assert.equal(links.length, clinics.length);
  assert.equal(r.json.survey.state, 'open');
  for (const l of links) assert.match(l.token, /^[0-9a-f]{64}$/);
  assert.equal(new Set(links.map((l) => l.token)).size, links.length);
  assert.ok(links[0].path.startsWith('/survey/answer?token='));
  // the questions of a sent survey never change under its answers
  r = await fx.api('PUT', `/api/v1/surveys/${survey.id}`, { title: '別名' });
  assert.equal(r.status, 409);
  // the token is not stored: no reply after the send carries it
  const again = await fx.api('GET', `/api/v1/surveys/${survey.id}`);
  assert.ok(!again.text.includes(links[0].token));
});

test('the personal link shows only that survey and that clinic; misses all answer 404', async () => {
  const l = links[0];
  let r = await pub('GET', `/api/v1/survey-links/${l.token}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.clinic_name, l.name);
  assert.equal(r.json.survey.title, '令和8年度 在宅医療に関するアンケート');
  assert.equal(r.json.answered_at, null);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.json.survey.targets, undefined); // nothing about the other clinics
  for (const bad of ['0'.repeat(64), l.token.slice(0, 63), l.token.toUpperCase(), 'x', `${l.token}0`]) {
    r = await pub('GET', `/api/v1/survey-links/${bad}`);
    assert.equal(r.status, 404, bad);
    assert.equal(r.json.error.message, 'このリンクは無効か、回答期限を過ぎています。');
  }
});

const doing = { answers: { home_visit: 'yes', oushin: 'yes', zaishin: 'zaishin3', patients: 12, visits_per_patient: 2, mitori: 3, barriers: ['b2'] } };
const willing = (cond) => ({ answers: { home_visit: 'no', home_visit_reason: '外来で手一杯', oushin: 'no', zaishin: 'no', willingness: 'conditional', barriers: ['b2', 'b1', 'b6'] },
  notes: { willingness: cond, barriers: '医師が一人' } });

test('a clinic answers through its link, validated per question; edits until closed', async () => {
  const l = links[0];
  let r = await pub('PUT', `/api/v1/survey-links/${l.token}`, { answers: { home_visit: 'yes', oushin: 'yes', zaishin: 'maybe' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'zaishin');
  assert.match(r.json.error.message, /^問5（3\. 近畿厚生局へ「在宅療養支援診療所」の届け出…）: 選択肢「maybe」はありません。$/);
  r = await pub('PUT', `/api/v1/survey-links/${l.token}`, { answers: { home_visit: 'yes', oushin: 'yes', zaishin: 'no', patients: 2.5 } });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /問6.*整数/);
  r = await pub('PUT', `/api/v1/survey-links/${l.token}`, { answers: { oushin: 'yes' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'home_visit');
  r = await pub('PUT', `/api/v1/survey-links/${l.token}`, { answers: { home_visit: 'yes' }, extra: 1 });
  assert.equal(r.status, 400);
  r = await pub('PUT', `/api/v1/survey-links/${l.token}`, willing('夜間の代診があれば'));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.answers.barriers, ['b1', 'b2', 'b6']);
  assert.equal(r.json.notes.willingness, '夜間の代診があれば');
  assert.ok(r.json.answered_at);
  // one answer per clinic, editable: the second replaces the first
  r = await pub('PUT', `/api/v1/survey-links/${l.token}`, willing('夜間・休日の代診体制があれば'));
  assert.equal(r.status, 200, r.text);
  r = await pub('PUT', `/api/v1/survey-links/${links[1].token}`, doing);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.answers.willingness, undefined);
  const st = (await fx.api('GET', `/api/v1/surveys/${survey.id}`)).json;
  assert.equal(st.responses, 2);
  // audited: the link is the actor
  const audit = await fx.api('GET', '/api/v1/audit?object_type=survey_response&limit=50');
  assert.equal(audit.status, 200, audit.text);
  const rows = audit.json.items.filter((x) => x.object_id === survey.id);
  assert.ok(rows.some((x) => x.action === 'create' && x.actor_username === 'survey-link' && x.actor_role === 'clinic'), JSON.stringify(rows[0]));
  assert.ok(rows.some((x) => x.action === 'update'));
});

test('paper answers by the coordinator; only clinics of the survey', async () => {
  let r = await fx.api('PUT', `/api/v1/surveys/${survey.id}/responses/${clinics[2].institution_id}`, willing('同行研修を受けられれば'));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.source, 'paper');
  const hospital = (await fx.api('GET', '/api/v1/facilities?kind=hospital&limit=1')).json.items[0];
  r = await fx.api('PUT', `/api/v1/surveys/${survey.id}/responses/${hospital.id}`, doing);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'institution_id');
});

function code(i) { return clinics[i].medical_code; }
async function upload(path, bytes, headers = {}) {
  const r = await fetch(fx.srv.base + path, { method: 'POST', body: bytes, headers: { ...fx.auth, ...headers } });
  const text = await r.text();
  return { status: r.status, json: JSON.parse(text), text };
}

test('CSV import (UTF-8, CP932): all or nothing, errors name line and question', async () => {
  const before = (await fx.api('GET', `/api/v1/surveys/${survey.id}`)).json.responses;
  assert.ok(code(3) && code(4) && code(5), 'demo clinics have 医療機関コード');
  const bad = `医療機関コード,home_visit,oushin,zaishin,barriers,willingness,willingness_note\n${code(3)},いいえ,いいえ,no,"b1、b3",conditional,看護師の同行があれば\n${code(4)},いいえ,いいえ,no,b9,none,\n`;
  let r = await upload(`/api/v1/surveys/${survey.id}/import`, bad, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.line, 3);
  assert.equal(r.json.error.field, 'barriers');
  assert.match(r.json.error.message, /^3行目: 問10.*b9/);
  assert.equal((await fx.api('GET', `/api/v1/surveys/${survey.id}`)).json.responses, before, 'nothing stored');
  const head = await upload(`/api/v1/surveys/${survey.id}/import`, `名前,home_visit\nx,yes\n`, { 'Content-Type': 'text/csv' });
  assert.equal(head.status, 400);
  assert.equal(head.json.error.line, 1);
  const good = `医療機関コード,問1,問3,問5,問10,問9,問9_記入\n${code(3)},いいえ,いいえ,no,"b1、b3",①今後条件が整えば、在宅医療を行ってもよい【具体的な条件】,看護師の同行があれば\n${code(4)},はい,はい,zaishin1,b5,,\n`;
  const cp932 = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: good });
  r = await upload(`/api/v1/surveys/${survey.id}/import`, cp932, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.imported, 2);
  const resp = await fx.api('GET', `/api/v1/surveys/${survey.id}/responses/${clinics[3].institution_id}`);
  assert.equal(resp.json.source, 'import');
  assert.deepEqual(resp.json.answers.barriers, ['b1', 'b3']);
  assert.equal(resp.json.notes.willingness, '看護師の同行があれば');
});

test('XLSX import', async () => {
  // a minimal workbook written with Python's zipfile (inline strings)
  const rows = [['医療機関コード', 'home_visit', 'oushin', 'zaishin', 'barriers'], [code(5), 'yes', 'no', 'no', 'b4;b5']];
  const py = `
import sys, zipfile, io, json
rows = json.loads(sys.argv[1])
def col(i): return chr(65 + i)
def cell(r, c, v): return f'<c r="{col(c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
sheet = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + ''.join(
  f'<row r="{i+1}">' + ''.join(cell(i+1, j, v) for j, v in enumerate(r)) + '</row>' for i, r in enumerate(rows)) + '</sheetData></worksheet>'
b = io.BytesIO()
with zipfile.ZipFile(b, 'w') as z:
  z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
  z.writestr('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
  z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
  z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
  z.writestr('xl/worksheets/sheet1.xml', sheet)
sys.stdout.buffer.write(b.getvalue())
`;
  const xlsx = execFileSync('/usr/bin/python3', ['-c', py, JSON.stringify(rows)]);
  const r = await upload(`/api/v1/surveys/${survey.id}/import`, xlsx, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.format, 'xlsx');
  assert.equal(r.json.imported, 1);
});

test('results: response rate, counts, barrier analysis with standards and willingness, conditions; SVG and XLSX', async () => {
  const r = await fx.api('GET', `/api/v1/surveys/${survey.id}/results`);
  assert.equal(r.status, 200, r.text);
  const res = r.json;
  assert.equal(res.response_rate.targets, links.length);
  assert.equal(res.response_rate.responses, 6);
  assert.equal(res.response_rate.answered_targets, 6);
  const b2 = res.barriers.rows.find((x) => x.key === 'b2');
  assert.equal(b2.count, 3); // two willing-under-conditions clinics + one doing
  assert.deepEqual(res.barriers.rows.slice(0, 2).map((x) => [x.key, x.count]), [['b1', 3], ['b2', 3]], 'most named first, ties in ①–⑥ order');
  assert.equal(b2.by_will[1], 2); // 条件が整えば行ってもよい
  assert.equal(b2.by_will[0], 1); // 訪問診療を行っている
  assert.equal(b2.by_std.reduce((a, b) => a + b, 0), 3);
  assert.deepEqual(res.barriers.will_labels, ['訪問診療を行っている', '条件が整えば行ってもよい', '行う予定はまったくない', '無回答']);
  const conds = res.willing_under_conditions.map((x) => x.condition).sort();
  assert.deepEqual(conds, ['同行研修を受けられれば', '夜間・休日の代診体制があれば', '看護師の同行があれば']);
  const hv = res.counts.find((q) => q.key === 'home_visit');
  assert.equal(hv.options.find((o) => o.key === 'yes').count, 3);
  const pts = res.counts.find((q) => q.key === 'patients');
  assert.equal(pts.numbers.n, 1);
  let s = await fetch(`${fx.srv.base}/api/v1/surveys/${survey.id}/barriers.svg`, { headers: fx.auth });
  assert.equal(s.status, 200);
  assert.match(s.headers.get('content-type'), /^image\/svg\+xml/);
  const svg = await s.text();
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(svg.includes('②緊急時・夜間・休日の対応が困難') && svg.includes('条件が整えば行ってもよい'));
  s = await fetch(`${fx.srv.base}/api/v1/surveys/${survey.id}/barriers.svg?by=std`, { headers: fx.auth });
  assert.ok((await s.text()).includes('在支診の届出なし'));
  const x = await fetch(`${fx.srv.base}/api/v1/surveys/${survey.id}/results.xlsx`, { headers: fx.auth });
  assert.equal(x.status, 200);
  const buf = Buffer.from(await x.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK');
});

test('who may: prefecture reads, doctors and the public do not; other districts see nothing', async () => {
  const pref = await authHeaders(fx.srv, 'prefecture');
  let r = await api(fx.srv.base, 'GET', `/api/v1/surveys/${survey.id}/results`, undefined, pref);
  assert.equal(r.status, 200, r.text);
  r = await api(fx.srv.base, 'POST', '/api/v1/surveys', { template: 'clinic_status' }, pref);
  assert.equal(r.status, 403);
  const doc = await authHeaders(fx.srv, 'doctor');
  r = await api(fx.srv.base, 'GET', '/api/v1/surveys', undefined, doc);
  assert.equal(r.status, 403);
  r = await pub('GET', `/api/v1/surveys/${survey.id}`);
  assert.equal(r.status, 401);
  const other = await authHeaders(fx.srv, 'prefecture', { prefecture: '13' });
  r = await api(fx.srv.base, 'GET', `/api/v1/surveys/${survey.id}`, undefined, other);
  assert.equal(r.status, 404);
  r = await api(fx.srv.base, 'GET', '/api/v1/surveys', undefined, other);
  assert.equal(r.json.surveys.length, 0);
});

test('close: links stop working, answers no longer change', async () => {
  let r = await fx.api('POST', `/api/v1/surveys/${survey.id}/close`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'closed');
  r = await pub('GET', `/api/v1/survey-links/${links[0].token}`);
  assert.equal(r.status, 404);
  r = await pub('PUT', `/api/v1/survey-links/${links[1].token}`, doing);
  assert.equal(r.status, 404);
  r = await fx.api('PUT', `/api/v1/surveys/${survey.id}/responses/${clinics[2].institution_id}`, doing);
  assert.equal(r.status, 409);
  const audit = await fx.api('GET', '/api/v1/audit?object_type=survey&limit=50');
  const acts = audit.json.items.filter((x) => x.object_id === survey.id).map((x) => x.action).sort();
  assert.deepEqual(acts, ['close', 'create', 'import', 'import', 'send', 'update']);
});

test('demo: the district survey answered by most clinics, with its barrier chart', async () => {
  const list = (await fx.api('GET', '/api/v1/surveys')).json.surveys;
  const demo = list.find((s) => s.title.includes('デモ'));
  assert.ok(demo, JSON.stringify(list.map((s) => s.title)));
  assert.equal(demo.state, 'open');
  assert.ok(demo.responses >= demo.targets * 0.8 && demo.responses < demo.targets, `${demo.responses}/${demo.targets}`);
  const res = (await fx.api('GET', `/api/v1/surveys/${demo.id}/results`)).json;
  assert.equal(res.barriers.rows[0].key, 'b2', '② 緊急時・夜間・休日の対応 leads');
  assert.ok(res.willing_under_conditions.length >= 3);
  assert.ok(res.responses.some((r) => r.source === 'paper') && res.responses.some((r) => r.source === 'link'));
  const s = await fetch(`${fx.srv.base}/api/v1/surveys/${demo.id}/barriers.svg`, { headers: fx.auth });
  assert.equal(s.status, 200);
});

test('clinic stages read the survey answers: the district list (one query per question) agrees with each clinic alone', async () => {
  const list = await fx.api('GET', '/api/v1/stages');
  assert.equal(list.status, 200, list.text);
  const items = list.json.clinics;
  assert.ok(items.length >= 5);
  assert.ok(items.some((c) => /調査回答/.test(c.basis)), JSON.stringify(items.map((c) => c.basis)));
  for (const c of items) {
    const one = await fx.api('GET', `/api/v1/stages/${c.id}`);
    assert.equal(one.status, 200, one.text);
    assert.deepEqual([one.json.derived, one.json.basis, one.json.uncertain], [c.derived, c.basis, c.uncertain], c.name);
  }
});

test('links expire', async () => {
  let r = await fx.api('POST', '/api/v1/surveys', { template: 'post_training' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await fx.api('POST', `/api/v1/surveys/${id}/send`, { expires_on: '2026-12-15', institutions: [clinics[0].institution_id] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.links.length, 1);
  const token = r.json.links[0].token;
  assert.equal((await pub('GET', `/api/v1/survey-links/${token}`)).status, 200);
  // the next day, on the same database (the fixture's own server stopped; this one stopped here)
  await fx.srv.stop();
  const later = await startServer(fx.t.db, { env: { ZAITAKU_NOW: '2026-12-16T01:00:00Z' } });
  try {
    r = await api(later.base, 'GET', `/api/v1/survey-links/${token}`);
    assert.equal(r.status, 404);
  } finally {
    await later.stop();
  }
});
