// Discharge referrals (退院調整, issue 16 §1–§4; seed 002 ⑥⑦, seed 004 入退院支援) through the real
// binary: a hospital refers a patient (bad input refused with the field), the district's coordinator
// sees the ranked candidates — in the demo, the ventilator patient is matched only to capable clinics
// within 16 km and the excluded ones say why —, proposes one, the clinic accepts, the hospital sees the
// status, the discharge sets the care team; a batch proposal spreads the queue and needs a person's
// confirmation; a cross-district referral (相互補完) is visible to the neighbour's coordinator only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, api, authHeaders } from './lib.mjs';

let fx, admin, ids = {}, who = {};
const NOW = '2026-12-15T01:00:00Z';

const HOME = {
  planned_discharge: '2026-12-22', municipality: '082228', address: '茨城県鹿嶋市宮中（架空）2-3',
  lat: 35.968, lon: 140.640, coord_source: 'manual', devices: ['oxygen'], needs: ['end_of_life'], visits_per_month: 2,
};
const PATIENT = { name: '紹介 太郎（架空）', kana: 'ショウカイ タロウ', birth_date: '1941-03-03', sex: 'male', fictional: true };

const fac = async (name) => {
  const r = await api(fx.srv.base, 'GET', `/api/v1/facilities?q=${encodeURIComponent(name)}&limit=5`, undefined, admin);
  return r.json.items.find((x) => x.name.startsWith(name)).id;
};

before(async () => {
  fx = await serverFixture({ demo: true, role: 'admin', env: { ZAITAKU_NOW: NOW } });
  admin = fx.auth;
  ids.hospital = await fac('鹿嶋なぎさ総合病院');
  ids.clinicA = await fac('かしま在宅クリニック');
  ids.clinicB = await fac('鹿島灘ファミリークリニック');
  ids.kamisu = await fac('神栖在宅ケアクリニック');
  ids.nurse = await fac('訪問看護ステーションかしま');
  ids.assoc = (await api(fx.srv.base, 'GET', '/api/v1/facilities?kind=medical_association&municipality=082228', undefined, admin)).json.items[0].id;
  who.hospital = await authHeaders(fx.srv, 'hospital', { institution: ids.hospital });
  who.clinicA = await authHeaders(fx.srv, 'doctor', { institution: ids.clinicA });
  who.nurse = await authHeaders(fx.srv, 'nurse', { institution: ids.nurse });
  who.coord = await authHeaders(fx.srv, 'coordinator', { associations: [ids.assoc] });
  who.pref = await authHeaders(fx.srv, 'prefecture', { prefecture: '08' });
});
after(() => fx?.close());

test('the demo ventilator (人工呼吸器) referral: only capable clinics within 16 km with room; the excluded say why', async () => {
  const list = await api(fx.srv.base, 'GET', '/api/v1/referrals?state=sent', undefined, who.coord);
  assert.equal(list.status, 200, list.text);
  assert.equal(list.headers.get('cache-control'), 'no-store');
  const ref = list.json.items.find((x) => x.devices.some((d) => d.code === 'ventilator'));
  assert.ok(ref, 'the demo referral is in the district queue');
  assert.ok(ref.age_days >= 0);
  const r = await api(fx.srv.base, 'GET', `/api/v1/referrals/${ref.id}/candidates`, undefined, who.coord);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.radius_km, 16);
  const eligible = r.json.clinic.filter((c) => c.eligible);
  assert.ok(eligible.length >= 1);
  for (const c of eligible) {
    assert.ok(c.distance_km <= 16, `${c.name} ${c.distance_km}`);
    assert.ok(c.rank >= 1);
  }
  assert.deepEqual(eligible.map((c) => c.id), [ids.clinicA], 'only かしま在宅クリニック is capable, near, with room and not avoided');
  const why = (id) => r.json.clinic.find((c) => c.id === id);
  assert.ok(why(ids.clinicB).codes.includes('avoided'), JSON.stringify(why(ids.clinicB)));
  assert.ok(why(ids.kamisu).codes.includes('full'), JSON.stringify(why(ids.kamisu)));
  const excluded = r.json.clinic.filter((c) => !c.eligible);
  assert.ok(excluded.some((c) => c.codes.includes('lacks') || c.codes.includes('unconfirmed')), 'one lacks the ventilator');
  assert.ok(excluded.every((c) => c.reason.length > 0));
  // Prefecture staff never see referrals; a doctor not named on it neither.
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/referrals/${ref.id}`, undefined, who.pref)).status, 403);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/referrals/${ref.id}/candidates`, undefined, who.clinicA)).status, 403);
});

test('bad input: field errors, a home without coordinates or outside Japan is refused with the reason, nothing stored', async () => {
  const before = (await api(fx.srv.base, 'GET', '/api/v1/referrals', undefined, who.hospital)).json.total;
  const cases = [
    [{ ...HOME, lat: undefined, lon: undefined }, 'lat', /座標/],
    [{ ...HOME, lat: 48.8566, lon: 2.3522 }, 'lat', /日本国外/],
    [{ ...HOME, visits_per_month: 0 }, 'visits_per_month', /訪問頻度/],
    [{ ...HOME, devices: ['jetpack'] }, 'devices', /./],
    [{ ...HOME, preferences: [{ kind: 'prefer', institution_id: ids.clinicA }, { kind: 'avoid', institution_id: ids.clinicA }] }, 'preferences[1].institution_id', /両方/],
    [{ ...HOME, preferences: [{ kind: 'maybe', institution_id: ids.clinicA }] }, 'preferences[0].kind', /prefer/],
    [{ ...HOME, planned_discharge: '2026-02-30' }, 'planned_discharge', /退院予定日/],
  ];
  for (const [body, field, msg] of cases) {
    const r = await api(fx.srv.base, 'POST', '/api/v1/referrals', { ...body, patient: PATIENT }, who.hospital);
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.json.error.field, field, r.text);
    assert.match(r.json.error.message, msg);
  }
  const r = await api(fx.srv.base, 'POST', '/api/v1/referrals', { ...HOME, patient: { ...PATIENT, kana: 'abc' } }, who.hospital);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'patient.kana');
  assert.equal((await api(fx.srv.base, 'GET', '/api/v1/referrals', undefined, who.hospital)).json.total, before);
});

test('hospital → coordinator → clinic → hospital: every transition a row with who and why, discharge sets the team', async () => {
  let r = await api(fx.srv.base, 'POST', '/api/v1/referrals', { ...HOME, patient: PATIENT, note: '酸素とがん性疼痛' }, who.hospital);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const id = r.json.id;
  assert.equal(r.json.state.code, 'draft');
  assert.equal(r.json.district_id, ids.assoc);
  // Not yet in the coordinator's queue; the clinic does not see it.
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/referrals/${id}`, undefined, who.clinicA)).status, 403);
  r = await api(fx.srv.base, 'PUT', `/api/v1/referrals/${id}`, { visits_per_month: 4 }, who.hospital);
  assert.equal(r.status, 200, r.text);
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'propose', clinic_id: ids.clinicA }, who.coord);
  assert.equal(r.status, 409, r.text);
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'send' }, who.hospital);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state.code, 'sent');
  r = await api(fx.srv.base, 'PUT', `/api/v1/referrals/${id}`, { visits_per_month: 2 }, who.hospital);
  assert.equal(r.status, 409, 'a sent referral is not edited');
  // The hospital cannot propose; the coordinator proposes the clinic and the nurse station.
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'propose', clinic_id: ids.clinicA }, who.hospital);
  assert.equal(r.status, 403, r.text);
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'propose', clinic_id: ids.clinicA, nurse_station_id: ids.nurse }, who.coord);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state.code, 'proposed');
  // The clinic sees its request; a decline needs a coded reason.
  r = await api(fx.srv.base, 'GET', '/api/v1/referrals', undefined, who.clinicA);
  assert.ok(r.json.items.some((x) => x.id === id));
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'decline' }, who.clinicA);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'reason_code');
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'accept' }, who.clinicA);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state.code, 'proposed', 'the nurse station has not answered yet');
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'accept' }, who.nurse);
  assert.equal(r.json.state.code, 'accepted', r.text);
  // The hospital sees the new status and the history.
  r = await api(fx.srv.base, 'GET', `/api/v1/referrals/${id}`, undefined, who.hospital);
  assert.equal(r.json.state.code, 'accepted');
  assert.deepEqual(r.json.events.map((e) => e.event), ['create', 'send', 'propose', 'accept', 'accept']);
  assert.ok(r.json.events.every((e) => e.user_name && e.at));
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'discharge' }, who.hospital);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state.code, 'discharged');
  const p = await api(fx.srv.base, 'GET', `/api/v1/patients/${r.json.patient_id}`, undefined, who.coord);
  assert.equal(p.json.team.primary_institution.id, ids.clinicA, JSON.stringify(p.json.team).slice(0, 300));
  assert.equal(p.json.status.code, 'home');
  // Every read and write is in the audit trail.
  const a = await api(fx.srv.base, 'GET', `/api/v1/audit?object_type=referral&object_id=${id}`, undefined, admin);
  const actions = a.json.items.map((x) => x.action);
  for (const x of ['create', 'send', 'propose', 'accept', 'discharge', 'read']) assert.ok(actions.includes(x), `${x} in ${actions}`);
});

test('capacity: declared by the institution, the load counted from the registry', async () => {
  let r = await api(fx.srv.base, 'GET', `/api/v1/facilities/${ids.clinicA}/capacity`, undefined, who.clinicA);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.load >= 1);
  r = await api(fx.srv.base, 'PUT', `/api/v1/facilities/${ids.clinicA}/capacity`, { accepts_more: 600 }, who.clinicA);
  assert.equal(r.status, 400);
  r = await api(fx.srv.base, 'PUT', `/api/v1/facilities/${ids.clinicA}/capacity`, { accepts_more: 4 }, who.clinicA);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.left, 4);
  r = await api(fx.srv.base, 'PUT', `/api/v1/facilities/${ids.clinicB}/capacity`, { accepts_more: 4 }, who.clinicA);
  assert.equal(r.status, 403);
});

test('batch: a proposal spreads the queue within capacity; nothing is assigned until a person confirms', async () => {
  const made = [];
  for (let i = 0; i < 3; i++) {
    let r = await api(fx.srv.base, 'POST', '/api/v1/referrals', { ...HOME, lat: HOME.lat + i * 0.004, patient: { ...PATIENT, name: `一括 ${i}（架空）` } }, who.hospital);
    assert.equal(r.status, 201, r.text);
    r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${r.json.id}/transitions`, { event: 'send' }, who.hospital);
    made.push(r.json.id);
  }
  let r = await api(fx.srv.base, 'GET', `/api/v1/referral-batches/proposal?district_id=${ids.assoc}`, undefined, who.coord);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.stats.clinic.certified, 'the optimum is certified (complementary slackness)');
  for (const l of r.json.load) if (l.capacity_declared) assert.ok(l.after - l.before <= Math.max(l.capacity_left, 0), JSON.stringify(l));
  const mine = r.json.assignments.filter((x) => made.includes(x.referral_id) && x.clinic.id);
  assert.ok(mine.length >= 1, JSON.stringify(r.json.assignments));
  // Proposal only: the referrals are still sent.
  for (const id of made) assert.equal((await api(fx.srv.base, 'GET', `/api/v1/referrals/${id}`, undefined, who.coord)).json.state.code, 'sent');
  // The hospital may not confirm; a coordinator's confirmation proposes them in one transaction.
  const body = { district_id: ids.assoc, assignments: mine.map((x) => ({ referral_id: x.referral_id, clinic_id: x.clinic.id, ...(x.nurse_station.id ? { nurse_station_id: x.nurse_station.id } : {}) })) };
  assert.equal((await api(fx.srv.base, 'POST', '/api/v1/referral-batches', body, who.hospital)).status, 403);
  const bad = { district_id: ids.assoc, assignments: [...body.assignments, { referral_id: 99999999, clinic_id: ids.clinicA }] };
  r = await api(fx.srv.base, 'POST', '/api/v1/referral-batches', bad, who.coord);
  assert.equal(r.status, 400, r.text);
  assert.match(r.json.error.field, /^assignments\[\d+\]/);
  for (const id of made) assert.equal((await api(fx.srv.base, 'GET', `/api/v1/referrals/${id}`, undefined, who.coord)).json.state.code, 'sent', 'nothing stored');
  r = await api(fx.srv.base, 'POST', '/api/v1/referral-batches', body, who.coord);
  assert.equal(r.status, 201, r.text);
  const one = await api(fx.srv.base, 'GET', `/api/v1/referrals/${mine[0].referral_id}`, undefined, who.coord);
  assert.equal(one.json.state.code, 'proposed');
  assert.equal(one.json.batch_id, r.json.id);
});

test('相互補完 (seed 002 ⑦): offered to a neighbouring district, visible to its coordinator and to no other', async () => {
  // A neighbouring 郡市医師会 (茨城町 and 大洗町 border 鉾田市) and a distant one (日立市).
  const assocRows = (await api(fx.srv.base, 'GET', '/api/v1/region/associations?prefecture=08')).json.rows
    || (await api(fx.srv.base, 'GET', '/api/v1/region/associations?prefecture=08')).json;
  const rows = (Array.isArray(assocRows) ? assocRows : assocRows.items).map((x) => ({ name: x.name, municipality: x.municipality }));
  rows.push({ name: '水戸東医師会（試験）', municipality: '083020' }, { name: '水戸東医師会（試験）', municipality: '083097' }, { name: '日立医師会（試験）', municipality: '082023' });
  let r = await api(fx.srv.base, 'PUT', '/api/v1/region/associations?prefecture=08', { rows }, admin);
  assert.equal(r.status, 200, r.text);
  const adj = (await api(fx.srv.base, 'GET', '/api/v1/region/adjacency?prefecture=08')).json;
  const adjRows = (Array.isArray(adj) ? adj : (adj.rows || adj.items)).map((x) => ({ municipality: x.municipality, neighbour: x.neighbour }));
  adjRows.push({ municipality: '082341', neighbour: '083020' }, { municipality: '082341', neighbour: '083097' });
  r = await api(fx.srv.base, 'PUT', '/api/v1/region/adjacency?prefecture=08', { rows: adjRows }, admin);
  assert.equal(r.status, 200, r.text);
  const assocs = (await api(fx.srv.base, 'GET', '/api/v1/medical-associations')).json.items;
  const mito = assocs.find((a) => a.name === '水戸東医師会（試験）').id;
  const hitachi = assocs.find((a) => a.name === '日立医師会（試験）').id;
  const neighbour = await authHeaders(fx.srv, 'coordinator', { associations: [mito] });
  const distant = await authHeaders(fx.srv, 'coordinator', { associations: [hitachi] });

  r = await api(fx.srv.base, 'POST', '/api/v1/referrals', { ...HOME, patient: { ...PATIENT, name: '相互 補完（架空）' } }, who.hospital);
  const id = r.json.id;
  await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'send' }, who.hospital);
  const cands = await api(fx.srv.base, 'GET', `/api/v1/referrals/${id}/candidates`, undefined, who.coord);
  assert.ok(cands.json.neighbours.some((n) => n.id === mito), JSON.stringify(cands.json.neighbours));
  assert.ok(!cands.json.neighbours.some((n) => n.id === hitachi));
  // Not before it is offered; only to a neighbour.
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/referrals/${id}`, undefined, neighbour)).status, 403);
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'escalate', district_id: hitachi }, who.coord);
  assert.equal(r.status, 400, r.text);
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'escalate', district_id: mito, reason: '地区内に受入可能な医療機関なし' }, who.coord);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state.code, 'escalated');
  // The neighbour's coordinator sees exactly this referral; the distant one nothing.
  r = await api(fx.srv.base, 'GET', '/api/v1/referrals', undefined, neighbour);
  assert.deepEqual(r.json.items.map((x) => x.id), [id]);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/referrals/${id}`, undefined, neighbour)).status, 200);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/referrals/${id}/candidates`, undefined, neighbour)).status, 200);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/referrals/${id}`, undefined, distant)).status, 403);
  assert.equal((await api(fx.srv.base, 'GET', '/api/v1/referrals', undefined, distant)).json.total, 0);
  // The home coordinator cannot answer for the neighbour; the neighbour returns it with a reason.
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'return', reason: 'x' }, who.coord);
  assert.equal(r.status, 403, r.text);
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'return' }, neighbour);
  assert.equal(r.status, 400);
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'return', reason: '当地区も受入枠なし' }, neighbour);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state.code, 'sent');
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/referrals/${id}`, undefined, neighbour)).status, 403, 'returned: no longer visible');
});

test('an existing patient: a decline with a coded reason, a new proposal, discharge moves the team out of a group the clinic is not in', async () => {
  const coordList = await api(fx.srv.base, 'GET', '/api/v1/patients', undefined, who.coord);
  const yuki = coordList.json.items.find((x) => x.name.startsWith('鹿嶋 ゆき'));
  const before = await api(fx.srv.base, 'GET', `/api/v1/patients/${yuki.id}`, undefined, who.coord);
  assert.ok(before.json.team.group_id, 'the demo patient is in the demo group');
  const ono = await fac('大野みどり診療所');
  let r = await api(fx.srv.base, 'POST', '/api/v1/referrals', { ...HOME, patient_id: yuki.id, hospital_id: ids.hospital, devices: [], needs: [] }, who.coord);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  // Drafts are not in the coordinator's queue until sent.
  assert.ok(!(await api(fx.srv.base, 'GET', '/api/v1/referrals', undefined, who.coord)).json.items.some((x) => x.id === id));
  await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'send' }, who.coord);
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'propose', clinic_id: ono }, who.coord);
  assert.equal(r.status, 200, r.text);
  const onoDoc = await authHeaders(fx.srv, 'doctor', { institution: ono });
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'decline', reason_code: 'schedule', reason: '退院日は往診枠が埋まっている' }, onoDoc);
  assert.equal(r.json.state.code, 'declined', r.text);
  assert.equal(r.json.decline_reason, 'schedule');
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'propose', clinic_id: ono }, who.coord);
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'accept' }, onoDoc);
  assert.equal(r.json.state.code, 'accepted', r.text);
  r = await api(fx.srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'discharge' }, who.coord);
  assert.equal(r.status, 200, r.text);
  const after = await api(fx.srv.base, 'GET', `/api/v1/patients/${yuki.id}`, undefined, who.coord);
  assert.equal(after.json.team.primary_institution.id, ono);
  assert.ok(!after.json.team.group_id, 'the old group no longer applies');
  const ev = (await api(fx.srv.base, 'GET', `/api/v1/referrals/${id}`, undefined, who.coord)).json.events;
  const decline = ev.find((e) => e.event === 'decline');
  assert.equal(decline.reason_code, 'schedule');
  assert.match(decline.institution_name, /大野みどり/);
  const rep = await api(fx.srv.base, 'GET', `/api/v1/referral-reports?district_id=${ids.assoc}&month=2026-12`, undefined, who.coord);
  assert.ok(rep.json.declines.some((d) => d.reason_code === 'schedule' && d.label === '退院日に間に合わない'), JSON.stringify(rep.json.declines));
});

test('the monthly report: by state, days to acceptance, declines by reason, load per clinic', async () => {
  let r = await api(fx.srv.base, 'GET', `/api/v1/referral-reports?district_id=${ids.assoc}&month=2026-12`, undefined, who.coord);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.by_state.length >= 1);
  assert.ok(r.json.days_to_accept.count >= 1);
  assert.ok(r.json.load.some((l) => l.id === ids.clinicA));
  // Exports: CSV in UTF-8 (with BOM) and CP932 as the other exports, and XLSX (libxlsxwriter).
  const get = (path) => fetch(fx.srv.base + path, { headers: who.coord });
  let f = await get(`/api/v1/referral-reports.csv?district_id=${ids.assoc}&month=2026-12`);
  assert.equal(f.status, 200);
  assert.equal(f.headers.get('cache-control'), 'no-store');
  const utf8 = await f.text();
  assert.match(utf8, /状態別件数/);
  assert.match(utf8, /在宅患者数,かしま在宅クリニック/);
  f = await get(`/api/v1/referral-reports.csv?district_id=${ids.assoc}&month=2026-12&encoding=cp932`);
  assert.match(f.headers.get('content-type'), /Shift_JIS/);
  assert.match(new TextDecoder('shift_jis').decode(await f.arrayBuffer()), /受入までの日数/);
  f = await get(`/api/v1/referral-reports.xlsx?district_id=${ids.assoc}&month=2026-12`);
  assert.equal(f.status, 200);
  const bytes = new Uint8Array(await f.arrayBuffer());
  assert.equal(String.fromCharCode(bytes[0], bytes[1]), 'PK');
  r = await api(fx.srv.base, 'GET', `/api/v1/referral-reports?district_id=${ids.assoc}&month=2026-13`, undefined, who.coord);
  assert.equal(r.status, 400);
  r = await api(fx.srv.base, 'GET', `/api/v1/referral-reports?district_id=${ids.assoc}&month=2026-12`, undefined, who.hospital);
  assert.equal(r.status, 403);
});
