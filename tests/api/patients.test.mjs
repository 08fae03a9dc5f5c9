// The 24-hour network (issue 14 §1–§3, §6): patients (要配慮個人情報) with every read and write in the
// audit trail and Cache-Control: no-store, care teams with coded Japanese problems, 在宅療養後方支援病院
// registrations (one at a time, ≥ 200 beds, exchanges every three months), duties, and the call chain
// at 10:00 on a weekday, 02:00 on a weekday night and 02:00 on New Year's night.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, api, authHeaders } from './lib.mjs';

let fx, group, ids = {};
// Today stands at 2026-12-15 10:00 JST (the clock of the test build). The demo's own duties stand
// around the day the demo was loaded; this file's duties are in 2030, away from them.
const NOW = '2026-12-15T01:00:00Z';

const PATIENT = {
  name: '架空 花子（デモ）', kana: 'カクウ ハナコ', birth_date: '1940-04-01', sex: 'female',
  address: '茨城県鹿嶋市宮中1-1（架空）', municipality: '082228', lat: 35.966, lon: 140.644,
  coord_source: 'manual', coord_precision: '番地', coord_date: '2026-12-01', phone: '0299-00-0001',
  family_name: '架空 太郎', family_relation: '長男', family_phone: '090-0000-0001', care_level: 'care4',
  status: 'home', status_since: '2026-11-01', needs: ['oxygen'], devices: ['oxygen', 'gastrostomy'],
  allergies: 'ペニシリン', acp_home_death: 'wishes', acp_transport: 'declines', acp_life_support: 'undecided',
  acp_note: '自宅で最期を迎えたいと本人が話している', acp_recorded_on: '2026-11-20', acp_recorded_by: '長栖 健一（架空）',
  fictional: true,
};

const byName = (members, part) => members.find((m) => m.name.includes(part)).institution_id;

before(async () => {
  fx = await serverFixture({ demo: true, role: 'coordinator', env: { ZAITAKU_NOW: NOW } });
  const admin = await authHeaders(fx.srv, 'admin');
  const list = await api(fx.srv.base, 'GET', '/api/v1/groups', undefined, admin);
  const g = list.json.items.find((x) => x.name.startsWith('鹿嶋在宅医療連携グループ'));
  group = (await api(fx.srv.base, 'GET', `/api/v1/groups/${g.id}`, undefined, admin)).json;
  ids.clinicA = byName(group.members, 'かしま在宅クリニック');
  ids.clinicB = byName(group.members, '鹿島灘ファミリークリニック');
  ids.nurse = byName(group.members, '訪問看護ステーションかしま');
  ids.hospital = byName(group.members, '鹿嶋なぎさ総合病院');
  ids.pharmacy = byName(group.members, 'なぎさ薬局');
  ids.care = byName(group.members, '居宅介護支援事業所かしま');
  const people = async (id) => (await api(fx.srv.base, 'GET', `/api/v1/facilities/${id}`, undefined, admin)).json.practitioners;
  ids.docA = (await people(ids.clinicA))[0].id;
  ids.docB = (await people(ids.clinicB))[0].id;
  const hs = await api(fx.srv.base, 'GET', '/api/v1/facilities?kind=hospital&municipality=082228', undefined, admin);
  ids.smallHospital = hs.json.items.find((h) => h.beds < 200).id;
  const other = await api(fx.srv.base, 'GET', '/api/v1/facilities?q=%E7%8E%89%E9%80%A0', undefined, admin);
  ids.otherClinic = other.json.items.find((x) => x.kind === 'clinic').id;
});
after(() => fx?.close());

test('a patient is created, read with no-store, and every read and write is an audit row', async () => {
  let r = await fx.api('POST', '/api/v1/patients', PATIENT);
  assert.equal(r.status, 201, r.text);
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  ids.patient = r.json.id;
  assert.equal(r.json.age, 86);
  assert.deepEqual(r.json.devices.map((d) => d.label), ['在宅酸素', '胃ろう']);
  assert.equal(r.json.acp.transport.label, '希望しない');
  r = await fx.api('GET', `/api/v1/patients/${ids.patient}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  assert.equal(r.json.kana, 'カクウ ハナコ');
  r = await fx.api('GET', '/api/v1/patients');
  assert.equal(r.status, 200);
  assert.ok(r.json.items.some((p) => p.id === ids.patient));
  r = await fx.api('PUT', `/api/v1/patients/${ids.patient}`, { care_level: 'care5' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.care_level.label, '要介護5');
  const audit = await fx.api('GET', `/api/v1/audit?object_type=patient&object_id=${ids.patient}`);
  assert.equal(audit.status, 200, audit.text);
  const actions = audit.json.items.map((x) => x.action).sort();
  assert.deepEqual(actions, ['create', 'read', 'update']);
  const lists = await fx.api('GET', '/api/v1/audit?object_type=patient_list');
  // the list row has no municipality: only admins find it; the coordinator sees the row count of its district.
  assert.equal(lists.status, 200);
});

test('bad input names the field and stores nothing', async () => {
  const count = (await fx.api('GET', '/api/v1/patients')).json.items.length;
  const cases = [
    [{ kana: 'かくう' }, 'kana'],
    [{ birth_date: '2030-01-01' }, 'birth_date'],
    [{ birth_date: '1940-02-30' }, 'birth_date'],
    [{ sex: 'x' }, 'sex'],
    [{ lat: 10, lon: 10 }, 'lat'],
    [{ lat: 35.9, lon: undefined }, 'lon'],
    [{ devices: ['jetpack'] }, 'devices'],
    [{ acp_recorded_by: '' }, 'acp_recorded_by'],
    [{ colour: 'red' }, 'colour'],
  ];
  for (const [patch, field] of cases) {
    const r = await fx.api('POST', '/api/v1/patients', { ...PATIENT, ...patch });
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.json.error.field, field);
    assert.match(r.json.error.message, /[ぁ-んァ-ン一-龥]/);
  }
  const r = await fx.api('GET', '/api/v1/patients');
  assert.equal(r.json.items.length, count);
  // Query parameters too (http_query_int): the parameter is named, in Japanese.
  for (const [query, field] of [['limit=abc', 'limit'], ['limit=0', 'limit'], ['offset=-1', 'offset'], ['limit=99999999999999999999', 'limit']]) {
    const q = await fx.api('GET', `/api/v1/patients?${query}`);
    assert.equal(q.status, 400, `${query}: ${q.text}`);
    assert.equal(q.json.error.field, field);
    assert.match(q.json.error.message, /整数/);
  }
});

test('care team: 副主治医 from the same institution is refused; the problems are coded in Japanese', async () => {
  let r = await fx.api('PUT', `/api/v1/patients/${ids.patient}/team`, {
    group_id: group.id, primary_institution_id: ids.clinicA, primary_practitioner_id: ids.docA, secondary_institution_id: ids.clinicA,
  });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'secondary_institution_id');
  assert.match(r.json.error.message, /副主治医/);
  r = await fx.api('PUT', `/api/v1/patients/${ids.patient}/team`, { nurse_station_id: ids.clinicB });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'nurse_station_id');
  r = await fx.api('PUT', `/api/v1/patients/${ids.patient}/team`, {
    group_id: group.id, primary_institution_id: ids.clinicA, primary_practitioner_id: ids.docA,
    secondary_institution_id: ids.clinicB, secondary_practitioner_id: ids.docB, nurse_station_id: ids.nurse,
    pharmacy_id: ids.pharmacy, care_manager_id: ids.care, discharge_hospital_id: ids.smallHospital,
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.primary.id, ids.docA);
  assert.equal(r.json.secondary_institution.in_group, true);
  const codes = r.json.problems.map((p) => p.code);
  assert.ok(!codes.includes('secondary_same_institution'));
  for (const p of r.json.problems) assert.match(p.message, /[ぁ-んァ-ン一-龥]/);
});

test('在宅療養後方支援病院: the standard (≥ 200 beds), one at a time, exchanges every three months', async () => {
  let r = await fx.api('POST', `/api/v1/patients/${ids.patient}/backup-registrations`, { hospital_id: ids.smallHospital, registered_on: '2026-08-01' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'hospital_id');
  assert.match(r.json.error.message, /200床/);
  r = await fx.api('POST', `/api/v1/patients/${ids.patient}/backup-registrations`, { hospital_id: ids.hospital, registered_on: '2026-08-01', expires_on: '2027-07-31' });
  assert.equal(r.status, 201, r.text);
  r = await fx.api('POST', `/api/v1/patients/${ids.patient}/backup-registrations`, { hospital_id: ids.hospital, registered_on: '2026-09-01' });
  assert.equal(r.status, 409, r.text);
  r = await fx.api('GET', `/api/v1/patients/${ids.patient}`);
  const overdue = r.json.team.problems.find((p) => p.code === 'exchange_overdue');
  assert.ok(overdue, JSON.stringify(r.json.team.problems));
  assert.match(overdue.message, /3か月/);
  r = await fx.api('POST', `/api/v1/patients/${ids.patient}/backup-exchanges`, { exchanged_on: '2027-01-01' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'exchanged_on');
  r = await fx.api('POST', `/api/v1/patients/${ids.patient}/backup-exchanges`, { exchanged_on: '2026-12-10', note: '退院後の経過を共有' });
  assert.equal(r.status, 201, r.text);
  r = await fx.api('GET', `/api/v1/patients/${ids.patient}`);
  assert.ok(!r.json.team.problems.some((p) => p.code === 'exchange_overdue'));
  assert.equal(r.json.team.backup_registration.last_exchange, '2026-12-10');
  r = await fx.api('GET', `/api/v1/patients/${ids.patient}/backup-registrations`);
  assert.equal(r.json.items[0].exchanges.length, 1);
});

test('duties: the type must be one the date carries (年末年始 12/29–1/3), one row per doctor', async () => {
  const post = (body) => fx.api('POST', `/api/v1/groups/${group.id}/duties`, body);
  let r = await post({ date: '2030-12-17', type: 'holiday_day', practitioner_id: ids.docA });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'type');
  r = await post({ date: '2030-12-17', type: 'weekday_night', practitioner_id: ids.docA });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.institution_id, ids.clinicA);
  r = await post({ date: '2030-12-17', type: 'weekday_night', practitioner_id: ids.docA });
  assert.equal(r.status, 409);
  r = await post({ date: '2030-12-31', type: 'nenmatsu_night', practitioner_id: ids.docB });
  assert.equal(r.status, 201, r.text);
  r = await post({ date: '2031-01-01', type: 'holiday_night', practitioner_id: ids.docB });
  assert.equal(r.status, 400, '1 January is 年末年始 for the group');
  r = await fx.api('PUT', `/api/v1/groups/${group.id}/duty-settings`, { day_start: '18:00', day_end: '09:00' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'day_end');
  r = await fx.api('GET', `/api/v1/groups/${group.id}/duties?from=2030-12-01&to=2031-01-31`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items.map((d) => d.type), ['weekday_night', 'nenmatsu_night']);
  assert.equal(r.json.settings.day_start, '09:00');
});

test('the call chain differs at 10:00 on a weekday, 02:00 on a weekday night and 02:00 on 1 January', async () => {
  const chain = async (at) => {
    const r = await fx.api('GET', `/api/v1/patients/${ids.patient}/call-chain?at=${encodeURIComponent(at)}`);
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('cache-control') || '', /no-store/);
    return r.json;
  };
  const day = await chain('2030-12-17T10:00:00+09:00');
  // The demo's 在後病 (鹿嶋なぎさ総合病院) publishes no free bed: skipped, saying so.
  assert.deepEqual(day.steps.map((s) => s.reason), ['primary_in_hours', 'secondary', 'nurse_24h', 'discharge_origin', 'fire_department']);
  assert.ok(day.skipped.some((s) => s.reason === 'no_free_bed'));
  assert.match(day.steps[0].sentence, /主治医/);
  const night = await chain('2030-12-18T02:00:00+09:00');
  assert.equal(night.steps[0].reason, 'on_call');
  assert.equal(night.steps[0].practitioner_id, ids.docA);
  assert.match(night.slot, /2030年12月17日（平日） 平日夜間/);
  const newYear = await chain('2031-01-01T02:00:00+09:00');
  assert.equal(newYear.steps[0].reason, 'on_call');
  assert.equal(newYear.steps[0].practitioner_id, ids.docB);
  assert.match(newYear.slot, /年末年始夜間/);
  assert.equal(newYear.steps.at(-1).reason, 'fire_department');
  assert.deepEqual(newYear.steps.at(-1).phones, ['119']);
  assert.ok(newYear.must_know.some((k) => k.includes('胃ろう')));
  assert.ok(newYear.must_know.some((k) => k.includes('救急搬送を希望しない')));
  // A night without a recorded duty says so and falls back to the 主治医.
  const empty = await chain('2030-12-19T23:00:00+09:00');
  assert.ok(empty.skipped.some((s) => s.reason === 'no_on_call'));
  assert.equal(empty.steps[0].reason, 'primary_fallback');
  // The 24h nurse first, when the district says so.
  let r = await fx.api('PUT', `/api/v1/groups/${group.id}/duty-settings`, { nurse_first: true });
  assert.equal(r.status, 200, r.text);
  assert.equal((await chain('2030-12-18T02:00:00+09:00')).steps[0].reason, 'nurse_first');
  assert.equal((await chain('2030-12-17T10:00:00+09:00')).steps[0].reason, 'primary_in_hours');
  await fx.api('PUT', `/api/v1/groups/${group.id}/duty-settings`, { nurse_first: false });
  r = await fx.api('GET', `/api/v1/patients/${ids.patient}/call-chain?at=yesterday`);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'at');
  const audit = await fx.api('GET', `/api/v1/audit?object_type=patient&object_id=${ids.patient}&limit=500`);
  assert.ok(audit.json.items.filter((x) => x.action === 'read_call_chain').length >= 6);
});

test('only roles whose scope needs the record see it', async () => {
  const as = async (role, opts) => authHeaders(fx.srv, role, opts);
  const get = (h) => api(fx.srv.base, 'GET', `/api/v1/patients/${ids.patient}`, undefined, h);
  assert.equal((await get({})).status, 401);
  assert.equal((await get(await as('prefecture', { prefecture: '08' }))).status, 403);
  assert.equal((await get(await as('doctor', { institution: ids.clinicA }))).status, 200);
  assert.equal((await get(await as('nurse', { institution: ids.nurse }))).status, 200);
  assert.equal((await get(await as('hospital', { institution: ids.hospital }))).status, 200);
  const outsider = await as('doctor', { institution: ids.otherClinic });
  assert.equal((await get(outsider)).status, 403);
  const list = await api(fx.srv.base, 'GET', '/api/v1/patients', undefined, outsider);
  assert.equal(list.status, 200);
  assert.equal(list.json.items.length, 0);
  // Admin reads (for support) but never writes patient data.
  const admin = await as('admin');
  assert.equal((await get(admin)).status, 200);
  assert.equal((await api(fx.srv.base, 'PUT', `/api/v1/patients/${ids.patient}`, { care_level: 'care1' }, admin)).status, 403);
});

test('the demo: fictional patients whose call chains differ by day, night and New Year', async () => {
  const list = await fx.api('GET', '/api/v1/patients');
  const demo = list.json.items.filter((p) => p.fictional && p.name.includes('（架空）'));
  assert.ok(demo.length >= 3);
  const hanako = demo.find((p) => p.name.startsWith('鹿嶋 花子'));
  const v = await fx.api('GET', `/api/v1/patients/${hanako.id}`);
  assert.equal(v.json.team.secondary_institution.in_group, true);
  const ichiro = demo.find((p) => p.name.startsWith('鹿嶋 一郎'));
  const w = await fx.api('GET', `/api/v1/patients/${ichiro.id}`);
  // registered five months before the demo was loaded, never an exchange since: overdue on the real clock
  assert.equal(w.json.team.backup_registration.last_exchange, '');
  const duties = await fx.api('GET', `/api/v1/groups/${group.id}/duties?from=2000-01-01&to=2001-01-01`);
  assert.equal(duties.status, 200);
});

test('the holiday calendar is public', async () => {
  const r = await api(fx.srv.base, 'GET', '/api/v1/holidays?year=2027');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items[0], { date: '2027-01-01', kind: 'national', name: '元日' });
  assert.equal((await api(fx.srv.base, 'GET', '/api/v1/holidays?year=1800')).status, 400);
});
