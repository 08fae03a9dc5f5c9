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
