// The coordinator programme (issue 18 §3–§6; seeds 002, 003, 004) through the real binary: operators
// (事業者) and who belongs to them, meetings with attendance and the 情報交換会 minimum (seed 002 ⑤),
// clinic stages A–D with override and history, institution visits, awards (顕彰).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, authHeaders, api } from './lib.mjs';

let fx, assoc, pref, coord, prefStaff, otherCoord, otherAssoc;

before(async () => {
  // 10:00 JST on 30 November 2026: fiscal year 2026 runs until 31 March 2027.
  fx = await serverFixture({ demo: true, env: { ZAITAKU_NOW: '2026-11-30T01:00:00Z' } });
  const a = await fx.api('GET', '/api/v1/facilities?kind=medical_association&municipality=082228');
  assoc = a.json.items[0].id;
  pref = '08';
  coord = await authHeaders(fx.srv, 'coordinator', { associations: [assoc] });
  prefStaff = await authHeaders(fx.srv, 'prefecture', { prefecture: '08' });
  const munis = await fx.api('GET', '/api/v1/municipalities?prefecture=12');
  const outMuni = (munis.json.items || munis.json)[0].code;
  otherAssoc = (await fx.api('POST', '/api/v1/facilities', { kind: 'medical_association', name: '他県の医師会', municipality: outMuni })).json.id;
  otherCoord = await authHeaders(fx.srv, 'coordinator', { associations: [otherAssoc] });
});
after(() => fx?.close());

test('operators: the prefecture creates them, a coordinator sees those of its 郡市医師会 only', async () => {
  const body = { name: 'テスト医師会 在宅医療推進コーディネータ', kind: 'coordinator', prefecture: pref, association_id: assoc, first_fiscal_year: 2025 };
  // coordinators do not create operators (the prefecture commissions them)
  assert.equal((await api(fx.srv.base, 'POST', '/api/v1/operators', body, coord)).status, 403);
  let r = await api(fx.srv.base, 'POST', '/api/v1/operators', body, prefStaff);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.kind_label, '在宅医療推進コーディネータ（郡市医師会）');
  const id = r.json.id;
  // a duplicate name in the prefecture is a conflict
  assert.equal((await api(fx.srv.base, 'POST', '/api/v1/operators', body, prefStaff)).status, 409);
  // bad input names the field and stores nothing
  r = await api(fx.srv.base, 'POST', '/api/v1/operators', { ...body, name: 'x', kind: 'coordinator', association_id: undefined }, prefStaff);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'association_id');
  r = await api(fx.srv.base, 'POST', '/api/v1/operators', { ...body, name: 'y', kind: 'municipal', association_id: undefined }, prefStaff);
  assert.equal(r.json.error.field, 'municipality');
  r = await api(fx.srv.base, 'POST', '/api/v1/operators', { ...body, name: 'z', first_fiscal_year: 1999 }, prefStaff);
  assert.equal(r.json.error.field, 'first_fiscal_year');
  r = await api(fx.srv.base, 'POST', '/api/v1/operators', { ...body, name: 'w', colour: 'red' }, prefStaff);
  assert.equal(r.json.error.field, 'colour');
  // another prefecture's staff may not create one here
  const chiba = await authHeaders(fx.srv, 'prefecture', { prefecture: '12' });
  assert.equal((await api(fx.srv.base, 'POST', '/api/v1/operators', { ...body, name: '千葉から' }, chiba)).status, 403);
  // the coordinator of the association sees it; another district's coordinator does not
  const mine = (await api(fx.srv.base, 'GET', '/api/v1/operators', undefined, coord)).json.items;
  assert.ok(mine.some((o) => o.id === id));
  const theirs = (await api(fx.srv.base, 'GET', '/api/v1/operators', undefined, otherCoord)).json.items;
  assert.ok(!theirs.some((o) => o.id === id));
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/operators/${id}`, undefined, otherCoord)).status, 404);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/operators/${id}`, undefined, coord)).status, 200);
  // the audit trail has the creation
  const audit = await fx.api('GET', '/api/v1/audit?object_type=operator');
  assert.ok(JSON.stringify(audit.json).includes('operator'), audit.text.slice(0, 200));
});

test('operators are edited by the prefecture: checked as on create, the prefecture fixed, audited with before and after', async () => {
  const body = { name: '編集テスト 在宅医療推進コーディネータ', kind: 'coordinator', prefecture: pref, association_id: assoc, first_fiscal_year: 2025 };
  const id = (await api(fx.srv.base, 'POST', '/api/v1/operators', body, prefStaff)).json.id;
  const put = (b, who = prefStaff) => api(fx.srv.base, 'PUT', `/api/v1/operators/${id}`, b, who);
  let r = await put({ ...body, name: '編集テスト（改）', first_fiscal_year: 2026, note: '令和8年度から受託' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, '編集テスト（改）');
  assert.equal(r.json.first_fiscal_year, 2026);
  assert.equal(r.json.note, '令和8年度から受託');
  assert.equal((await put({ ...body, name: '編集テスト（改）' }, coord)).status, 403);
  r = await put({ ...body, prefecture: '12' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'prefecture');
  r = await put({ ...body, first_fiscal_year: 1999 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'first_fiscal_year');
  r = await put({ ...body, name: 'テスト医師会 在宅医療推進コーディネータ' }); // the other operator's name
  assert.equal(r.status, 409);
  assert.equal(r.json.error.field, 'name');
  assert.equal((await api(fx.srv.base, 'PUT', '/api/v1/operators/999999', body, prefStaff)).status, 404);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/operators/${id}`, undefined, coord)).json.name, '編集テスト（改）', 'nothing stored by the refused edits');
  const audit = (await fx.api('GET', `/api/v1/audit?object_type=operator&object_id=${id}`)).json.items;
  const upd = audit.find((x) => x.action === 'update');
  assert.ok(upd, JSON.stringify(audit));
  assert.equal(upd.before.name, '編集テスト 在宅医療推進コーディネータ');
  assert.equal(upd.after.name, '編集テスト（改）');
});

const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

async function operatorOf(name) {
  const r = await fx.api('POST', '/api/v1/operators', { name, kind: 'coordinator', prefecture: pref, association_id: assoc, first_fiscal_year: 2024 });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

test('meetings: attendance, minutes PDF, follow-ups, and the fewer-than-three 情報交換会 warning (seed 002 ⑤)', async () => {
  const op = await operatorOf('会議テスト医師会 コーディネータ');
  const clinics = (await fx.api('GET', '/api/v1/facilities?kind=clinic&municipality=082228')).json.items;
  const body = {
    operator_id: op, kind: 'exchange', title: '第1回 在宅医療情報交換会', held_on: '2026-06-10', start_time: '19:00', end_time: '20:30',
    place: '医師会館', agenda: '24時間対応のバックアップ体制',
    people: [{ institution_id: clinics[0].id, name: '鹿嶋 一郎', role: '参加医師', attended: true },
      { institution_id: clinics[1].id, attended: false }, { name: '訪問看護 花子', role: '講師' }],
    actions: [{ text: '後方支援病院へ協力を依頼する', owner: 'コーディネータ', due_on: '2026-07-31' }],
  };
  let r = await api(fx.srv.base, 'POST', '/api/v1/meetings', body, coord);
  assert.equal(r.status, 201, r.text);
  const m = r.json;
  assert.equal(m.invited, 3);
  assert.equal(m.present, 1);
  assert.equal(m.people[2].attended, null);
  assert.equal(m.people[0].institution_name, clinics[0].name);
  assert.equal(m.fiscal_year, 2026);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  // one 情報交換会 held in FY2026 (today 2026-11-30): flagged, quoting the rule
  r = await api(fx.srv.base, 'GET', `/api/v1/meetings?operator_id=${op}&fiscal_year=2026`, undefined, coord);
  assert.equal(r.status, 200, r.text);
  const year = r.json.operators.find((o) => o.id === op);
  const ex = year.counts.find((c) => c.kind === 'exchange');
  assert.deepEqual([ex.held, ex.planned, ex.minimum, ex.short_of], [1, 0, 3, true]);
  assert.equal(year.warnings.length, 1);
  assert.match(year.warnings[0].message, /情報交換会.*年3回以上/);
  // two more planned before March: the warning goes
  for (const d of ['2026-12-10', '2027-02-18']) {
    r = await api(fx.srv.base, 'POST', '/api/v1/meetings', { operator_id: op, kind: 'exchange', title: `情報交換会 ${d}`, held_on: d }, coord);
    assert.equal(r.status, 201, r.text);
  }
  r = await api(fx.srv.base, 'GET', `/api/v1/meetings?operator_id=${op}`, undefined, coord);
  assert.equal(r.json.fiscal_year, 2026);
  assert.equal(r.json.operators[0].warnings.length, 0);
  assert.equal(r.json.items.length, 3);
  // attendance recorded afterwards (PUT replaces), audited
  body.people[1].attended = true;
  r = await api(fx.srv.base, 'PUT', `/api/v1/meetings/${m.id}`, body, coord);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.present, 2);
  // the minutes PDF: PDF only
  r = await api(fx.srv.base, 'PUT', `/api/v1/meetings/${m.id}/minutes.pdf`, 'hello', { ...coord, 'Content-Type': 'text/plain' });
  assert.equal(r.status, 415);
  r = await api(fx.srv.base, 'PUT', `/api/v1/meetings/${m.id}/minutes.pdf`, PDF, { ...coord, 'Content-Type': 'application/pdf' });
  assert.equal(r.status, 200, r.text);
  r = await api(fx.srv.base, 'GET', `/api/v1/meetings/${m.id}/minutes.pdf`, undefined, coord);
  assert.equal(r.status, 200);
  assert.ok(r.text.startsWith('%PDF'));
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/meetings/${m.id}`, undefined, coord)).json.has_minutes_pdf, true);
  // another district's coordinator sees nothing of it
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/meetings/${m.id}`, undefined, otherCoord)).status, 404);
  assert.equal((await api(fx.srv.base, 'PUT', `/api/v1/meetings/${m.id}`, body, otherCoord)).status, 404);
  assert.equal((await api(fx.srv.base, 'POST', '/api/v1/meetings', body, otherCoord)).status, 403);
  // bad input names the field and stores nothing
  const bad = async (patch, field) => {
    const x = await api(fx.srv.base, 'POST', '/api/v1/meetings', { ...body, ...patch }, coord);
    assert.equal(x.status, 400, x.text);
    assert.equal(x.json.error.field, field);
  };
  await bad({ kind: 'party' }, 'kind');
  await bad({ held_on: '2026-02-30' }, 'held_on');
  await bad({ title: '' }, 'title');
  await bad({ people: [{ role: '参加' }] }, 'people[0].name');
  await bad({ people: [{ name: 'x', attended: 'yes' }] }, 'people[0].attended');
  await bad({ actions: [{ text: 'x' }] }, 'actions[0].owner');
  await bad({ actions: [{ text: 'x', owner: 'y', due_on: 'tomorrow' }] }, 'actions[0].due_on');
  await bad({ people: [{ institution_id: 99999999 }] }, 'people[0].institution_id');
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/meetings?operator_id=${op}`, undefined, coord)).json.items.length, 3);
  // iCalendar of the year
  r = await api(fx.srv.base, 'GET', `/api/v1/meetings.ics?operator_id=${op}`, undefined, coord);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/calendar/);
  assert.match(r.text, /BEGIN:VEVENT/);
  assert.match(r.text, /UID:meeting-\d+@zaitaku/);
  assert.match(r.text, /DTSTART;TZID=Asia\/Tokyo:20260610T190000/);
  // delete, audited
  assert.equal((await api(fx.srv.base, 'DELETE', `/api/v1/meetings/${m.id}`, undefined, coord)).status, 204);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/meetings/${m.id}`, undefined, coord)).status, 404);
  const audit = (await fx.api('GET', '/api/v1/audit?object_type=meeting')).text;
  for (const a of ['create', 'update', 'minutes_pdf', 'delete']) assert.ok(audit.includes(`"${a}"`), a);
});

test('clinic stages A–D (seed 002 活動計画の立て方②): derived from the registry, overridden with a reason, history, plan, counts per year', async () => {
  const mk = async (name, extra) => (await fx.api('POST', '/api/v1/facilities', { kind: 'clinic', name, municipality: '082228', ...extra })).json.id;
  const none = await mk('段階A診療所', { home_care: false });
  const visits = await mk('段階B診療所', { home_care: true });
  let r = await api(fx.srv.base, 'GET', `/api/v1/stages?association_id=${assoc}`, undefined, coord);
  assert.equal(r.status, 200, r.text);
  const byId = (id) => r.json.clinics.find((c) => c.id === id);
  assert.equal(byId(none).stage, 'A');
  assert.equal(byId(none).uncertain, false);
  assert.equal(byId(visits).stage, 'B');
  // the coordinator's own district by default
  assert.equal((await api(fx.srv.base, 'GET', '/api/v1/stages', undefined, coord)).json.association_id, assoc);
  // another district's coordinator: refused
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/stages?association_id=${assoc}`, undefined, otherCoord)).status, 403);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/stages/${none}`, undefined, otherCoord)).status, 404);
  // a snapshot records the derived stages (history)
  r = await api(fx.srv.base, 'POST', '/api/v1/stages/snapshot', { association_id: assoc }, coord);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.recorded >= 2);
  // a second snapshot records nothing new
  assert.equal((await api(fx.srv.base, 'POST', '/api/v1/stages/snapshot', { association_id: assoc }, coord)).json.recorded, 0);
  // override needs a reason, then shows in the history
  r = await api(fx.srv.base, 'PUT', `/api/v1/stages/${visits}`, { stage: 'C' }, coord);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'reason');
  r = await api(fx.srv.base, 'PUT', `/api/v1/stages/${visits}`, { stage: 'E', reason: 'x' }, coord);
  assert.equal(r.json.error.field, 'stage');
  r = await api(fx.srv.base, 'PUT', `/api/v1/stages/${visits}`, { stage: 'C', reason: '在支診の届出を準備中（訪問時に確認）' }, coord);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.stage, 'C');
  assert.equal(r.json.derived, 'B');
  assert.equal(r.json.overridden, true);
  assert.deepEqual(r.json.history.map((h) => [h.stage, h.source]), [['B', 'derived'], ['C', 'override']]);
  // a plan per clinic
  r = await api(fx.srv.base, 'PUT', `/api/v1/stages/${visits}/plan`, { next_step: 'D', action: '看取りの同行研修', due_on: '2027-03-31' }, coord);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.plan.action, '看取りの同行研修');
  assert.equal((await api(fx.srv.base, 'PUT', `/api/v1/stages/${visits}/plan`, { due_on: 'soon' }, coord)).json.error.field, 'due_on');
  // back to the derived stage
  r = await api(fx.srv.base, 'PUT', `/api/v1/stages/${visits}`, { stage: null, reason: '確認の結果、届出は未提出' }, coord);
  assert.equal(r.json.stage, 'B');
  assert.equal(r.json.overridden, false);
  // the district view: this year's counts
  r = await api(fx.srv.base, 'GET', `/api/v1/stages?association_id=${assoc}`, undefined, coord);
  const y = r.json.years.at(-1);
  assert.equal(y.fiscal_year, 2026);
  assert.equal(Object.values(y.counts).reduce((a, b) => a + b, 0) + y.unrecorded, r.json.clinics.length);
  // the audit trail
  const audit = (await fx.api('GET', '/api/v1/audit?object_type=clinic_stage')).text;
  for (const a of ['derive', 'override', 'plan', 'reset']) assert.ok(audit.includes(`"${a}"`), a);
});

test('institution visits (seed 002 ①): a log per institution, counted per fiscal year and operator', async () => {
  const op = await operatorOf('訪問テスト医師会 コーディネータ');
  // an institution the demo's coordinator has not visited
  const inst = (await fx.api('POST', '/api/v1/facilities', { kind: 'hospital', name: '訪問テスト病院', municipality: '082228' })).json.id;
  let r = await api(fx.srv.base, 'POST', `/api/v1/facilities/${inst}/visits`, { visited_on: '2026-05-12', visitor: 'コーディネータ 佐藤', learnt: '地域連携室にMSW 2名。退院前カンファレンスに訪問診療医の参加を希望。', follow_up: '情報交換会に招待', operator_id: op }, coord);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.fiscal_year, 2026);
  const vid = r.json.id;
  r = await api(fx.srv.base, 'POST', `/api/v1/facilities/${inst}/visits`, { visited_on: '2026-03-02', visitor: 'コーディネータ 佐藤', operator_id: op }, coord);
  assert.equal(r.status, 201, r.text);
  // bad input names the field
  r = await api(fx.srv.base, 'POST', `/api/v1/facilities/${inst}/visits`, { visited_on: '2026-13-01', visitor: 'x' }, coord);
  assert.equal(r.json.error.field, 'visited_on');
  r = await api(fx.srv.base, 'POST', `/api/v1/facilities/${inst}/visits`, { visited_on: '2026-05-01' }, coord);
  assert.equal(r.json.error.field, 'visitor');
  // the institution's log, counted per fiscal year
  r = await api(fx.srv.base, 'GET', `/api/v1/facilities/${inst}/visits`, undefined, coord);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 2);
  assert.deepEqual(r.json.per_fiscal_year, { 2026: 1, 2025: 1 });
  // the operator's year
  r = await api(fx.srv.base, 'GET', `/api/v1/visits?operator_id=${op}&fiscal_year=2026`, undefined, coord);
  assert.deepEqual([r.json.visits, r.json.institutions], [1, 1]);
  // outside the district: nothing
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/facilities/${inst}/visits`, undefined, otherCoord)).status, 404);
  assert.equal((await api(fx.srv.base, 'DELETE', `/api/v1/visits/${vid}`, undefined, otherCoord)).status, 404);
  assert.equal((await api(fx.srv.base, 'DELETE', `/api/v1/visits/${vid}`, undefined, coord)).status, 204);
  const audit = (await fx.api('GET', '/api/v1/audit?object_type=institution_visit')).text;
  assert.ok(audit.includes('"create"') && audit.includes('"delete"'));
});

test('awards 顕彰 (seed 004): nominated with reasons, decided by the prefecture, listed publicly once awarded', async () => {
  const insts = (await fx.api('GET', '/api/v1/facilities?kind=nurse_station&municipality=082228')).json.items;
  const reason = '24時間対応で医療と介護の連携に顕著な業績';
  let r = await api(fx.srv.base, 'POST', '/api/v1/awards', { institution_id: insts[0].id, fiscal_year: 2026, reason }, coord);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'nominated');
  const id = r.json.id;
  assert.equal((await api(fx.srv.base, 'POST', '/api/v1/awards', { institution_id: insts[0].id, fiscal_year: 2026, reason }, coord)).status, 409);
  assert.equal((await api(fx.srv.base, 'POST', '/api/v1/awards', { institution_id: insts[0].id, fiscal_year: 2026 }, coord)).json.error.field, 'reason');
  // not public while nominated
  assert.ok(!(await api(fx.srv.base, 'GET', '/api/v1/public/awards')).json.items.some((a) => a.id === id));
  // undecided, the nomination can be edited (reason required) and withdrawn; not from another district
  r = await api(fx.srv.base, 'PUT', `/api/v1/awards/${id}`, { reason: '' }, coord);
  assert.equal(r.json.error.field, 'reason');
  assert.equal((await api(fx.srv.base, 'PUT', `/api/v1/awards/${id}`, { reason: 'x' }, otherCoord)).status, 404);
  r = await api(fx.srv.base, 'PUT', `/api/v1/awards/${id}`, { reason: `${reason}（訪問件数を追記）`, title: '在宅医療功労' }, coord);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.reason, `${reason}（訪問件数を追記）`);
  r = await api(fx.srv.base, 'PUT', `/api/v1/awards/${id}`, { reason }, coord);
  assert.equal(r.status, 200, r.text);
  const other = (await api(fx.srv.base, 'POST', '/api/v1/awards', { institution_id: insts[1].id, fiscal_year: 2026, reason: '取り下げる推薦' }, coord)).json.id;
  assert.equal((await api(fx.srv.base, 'DELETE', `/api/v1/awards/${other}`, undefined, coord)).status, 204);
  assert.ok(!(await api(fx.srv.base, 'GET', '/api/v1/awards', undefined, coord)).json.items.some((a) => a.id === other));
  // coordinators do not decide; the prefecture does
  assert.equal((await api(fx.srv.base, 'PUT', `/api/v1/awards/${id}/decision`, { status: 'awarded', decided_on: '2027-02-01' }, coord)).status, 403);
  r = await api(fx.srv.base, 'PUT', `/api/v1/awards/${id}/decision`, { status: 'nominated', decided_on: '2027-02-01' }, prefStaff);
  assert.equal(r.json.error.field, 'status');
  r = await api(fx.srv.base, 'PUT', `/api/v1/awards/${id}/decision`, { status: 'awarded', decided_on: '2027-02-01', decision_note: '選考委員会で決定' }, prefStaff);
  assert.equal(r.status, 200, r.text);
  const pub = (await api(fx.srv.base, 'GET', '/api/v1/public/awards')).json.items.find((a) => a.id === id);
  assert.equal(pub.reason, reason);
  assert.equal(pub.nominated_by, undefined); // the public sees nothing of who nominated
  assert.equal((await api(fx.srv.base, 'GET', '/api/v1/awards', undefined, otherCoord)).json.items.some((a) => a.id === id), false);
  const audit = (await fx.api('GET', '/api/v1/audit?object_type=award')).text;
  assert.ok(audit.includes('"nominate"') && audit.includes('"decide"') && audit.includes('"update"') && audit.includes('"withdraw"'));
  // decided: no longer edited or withdrawn
  r = await api(fx.srv.base, 'PUT', `/api/v1/awards/${id}`, { reason: 'x' }, coord);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.field, 'status');
  assert.equal((await api(fx.srv.base, 'DELETE', `/api/v1/awards/${id}`, undefined, prefStaff)).status, 409);
});

test('meetings as a subscription feed: the feed tokens of issue 14 §7 with kind "meetings"', async () => {
  const op = await operatorOf('購読テスト医師会 コーディネータ');
  let r = await api(fx.srv.base, 'POST', '/api/v1/meetings', { operator_id: op, kind: 'council', title: '協議体 第1回', held_on: '2026-12-03' }, coord);
  assert.equal(r.status, 201, r.text);
  r = await api(fx.srv.base, 'POST', '/api/v1/feeds', { kind: 'meetings', operator_id: op }, coord);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.target_name, '購読テスト医師会 コーディネータ');
  const path = r.json.path;
  let ics = await api(fx.srv.base, 'GET', path);
  assert.equal(ics.status, 200);
  assert.match(ics.text, /SUMMARY:協議体 第1回（協議体）/);
  assert.match(ics.text, /X-WR-CALNAME:会議予定 — 購読テスト医師会/);
  // another district's coordinator may not subscribe to it; a mixed body names its field
  assert.equal((await api(fx.srv.base, 'POST', '/api/v1/feeds', { kind: 'meetings', operator_id: op }, otherCoord)).status, 403);
  r = await api(fx.srv.base, 'POST', '/api/v1/feeds', { kind: 'meetings', operator_id: op, group_id: 1 }, coord);
  assert.equal(r.json.error.field, 'operator_id');
  // revoked: 404
  const feeds = (await api(fx.srv.base, 'GET', '/api/v1/feeds', undefined, coord)).json.items;
  const f = feeds.find((x) => x.kind === 'meetings');
  assert.equal((await api(fx.srv.base, 'DELETE', `/api/v1/feeds/${f.id}`, undefined, coord)).status, 204);
  assert.equal((await api(fx.srv.base, 'GET', path)).status, 404);
});
