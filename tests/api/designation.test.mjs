// Designation per area (seed 001), checklists, the coverage audit and its exports, adjacency and
// the public listing, through the real binary on the demo region (茨城県 鹿行, prefecture 08).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverFixture, withServer, api, authHeaders, runAsync, distanceKm as km } from './lib.mjs';

let t, srv, admin, pref08, pref13, doctor, close;
before(async () => {
  ({ t, srv, auth: admin, close } = await serverFixture({ demo: true }));
  pref08 = await authHeaders(srv, 'prefecture', { prefecture: '08' });
  pref13 = await authHeaders(srv, 'prefecture', { prefecture: '13' });
  doctor = await authHeaders(srv, 'doctor');
});
after(() => close?.());

const muni = (report, name) => report.municipalities.find((m) => m.name === name);

test('candidates per municipality carry their rule; 行方市 falls back to a neighbour (seed 001 ③)', async () => {
  const r = await api(srv.base, 'GET', '/api/v1/designations?prefecture=08', undefined, pref08);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.municipalities.length, 5);
  for (const m of r.json.municipalities) {
    assert.ok(m.active_candidates.length > 0, `${m.name} has an active candidate`);
    assert.ok(m.base_candidates.length > 0, `${m.name} has a base candidate`);
    for (const c of m.active_candidates) assert.ok(c.rule && c.rule_label);
  }
  // ① every 在支病 of the municipality
  assert.ok(muni(r.json, '神栖市').active_candidates.every((c) => c.rule === 'zaibyo'));
  // ② 在支診, 機能強化型 first
  const hokota = muni(r.json, '鉾田市').active_candidates;
  assert.equal(hokota[0].rule, 'zaishin_enhanced');
  // ③ neighbour in the same 二次医療圏
  const namegata = muni(r.json, '行方市').active_candidates;
  assert.ok(namegata.every((c) => c.rule.startsWith('neighbour_') && c.from_municipality_name));
  // 拠点 in the seed's order: 相談窓口 → 医師会 → 地域包括支援センター
  assert.deepEqual(muni(r.json, '行方市').base_candidates.map((c) => c.rule),
    ['base_desk', 'base_association', 'base_community_support']);
  // per 圏域: the demo leaves 鹿行北部 without a 拠点
  const north = r.json.areas.find((a) => a.name === '鹿行北部');
  assert.equal(north.ok, false);
  assert.equal(north.has_base, false);
  assert.match(north.problems.join(), /拠点/);
});

test('policy: prefecture staff of another prefecture and doctors are refused; public is 401', async () => {
  let r = await api(srv.base, 'GET', '/api/v1/designations?prefecture=08', undefined, pref13);
  assert.equal(r.status, 403);
  r = await api(srv.base, 'GET', '/api/v1/designations?prefecture=08', undefined, doctor);
  assert.equal(r.status, 403);
  r = await api(srv.base, 'GET', '/api/v1/designations?prefecture=08');
  assert.equal(r.status, 401);
  r = await api(srv.base, 'GET', '/api/v1/designations?prefecture=8', undefined, admin);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'prefecture');
  const rep = (await api(srv.base, 'GET', '/api/v1/designations?prefecture=08', undefined, admin)).json;
  const c = muni(rep, '行方市').active_candidates[0];
  r = await api(srv.base, 'POST', '/api/v1/designations',
    { municipality: '082333', institution_id: c.institution_id, role: 'active', basis: 'rule' }, pref13);
  assert.equal(r.status, 403);
});

test('confirm a candidate, refuse duplicates, non-medical institutions and unreasoned overrides', async () => {
  let rep = (await api(srv.base, 'GET', '/api/v1/designations?prefecture=08', undefined, pref08)).json;
  const nm = muni(rep, '行方市');
  const cand = nm.active_candidates[0];
  let r = await api(srv.base, 'POST', '/api/v1/designations',
    { municipality: nm.code, institution_id: cand.institution_id, role: 'active', basis: 'rule', plan_period: '2024-2029' }, pref08);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.rule, cand.rule);
  assert.equal(r.json.valid_to, null);
  const id = r.json.id;
  r = await api(srv.base, 'POST', '/api/v1/designations',
    { municipality: nm.code, institution_id: cand.institution_id, role: 'active', basis: 'rule' }, pref08);
  assert.equal(r.status, 409);

  // a nurse station / community support centre is never 積極的役割 (DOMAIN.md; 2025 working group)
  const base = nm.base_candidates.find((c) => c.rule === 'base_community_support');
  r = await api(srv.base, 'POST', '/api/v1/designations',
    { municipality: nm.code, institution_id: base.institution_id, role: 'active', basis: 'override', reason: '近いため' }, pref08);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'institution_id');
  assert.match(r.json.error.message, /医療機関/);
  // an institution that is not a candidate needs volunteer / override
  const other = muni(rep, '神栖市').active_candidates[0];
  r = await api(srv.base, 'POST', '/api/v1/designations',
    { municipality: '082341', institution_id: other.institution_id, role: 'active', basis: 'rule' }, pref08);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'basis');
  r = await api(srv.base, 'POST', '/api/v1/designations',
    { municipality: '082341', institution_id: other.institution_id, role: 'active', basis: 'override' }, pref08);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'reason');
  for (const [body, field] of [
    [{ municipality: '08234', institution_id: 1, role: 'active' }, 'municipality'],
    [{ municipality: '082341', institution_id: 'x', role: 'active' }, 'institution_id'],
    [{ municipality: '082341', institution_id: 1, role: 'boss' }, 'role'],
    [{ municipality: '082341', institution_id: 1, role: 'active', basis: 'magic' }, 'basis'],
    [{ municipality: '082341', institution_id: other.institution_id, role: 'active', basis: 'volunteer', plan_period: '2029-2024' }, 'plan_period'],
    [{ municipality: '082341', institution_id: 1, role: 'active', extra: 1 }, 'extra'],
  ]) {
    r = await api(srv.base, 'POST', '/api/v1/designations', body, pref08);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.field, field);
  }
  // override with a recorded reason is accepted
  r = await api(srv.base, 'POST', '/api/v1/designations',
    { municipality: '082341', institution_id: other.institution_id, role: 'active', basis: 'override', reason: '鉾田市と協議の上、24時間体制を支援' }, pref08);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.basis, 'override');
  assert.match(r.json.reason, /協議/);

  rep = (await api(srv.base, 'GET', '/api/v1/designations?prefecture=08', undefined, pref08)).json;
  assert.ok(muni(rep, '行方市').confirmed.some((d) => d.id === id));

  // ending keeps the history
  r = await api(srv.base, 'DELETE', `/api/v1/designations/${id}?reason=${encodeURIComponent('計画見直し')}`, undefined, pref08);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.valid_to);
  r = await api(srv.base, 'DELETE', `/api/v1/designations/${id}`, undefined, pref08);
  assert.equal(r.status, 409);
  rep = (await api(srv.base, 'GET', '/api/v1/designations?prefecture=08', undefined, pref08)).json;
  assert.ok(!muni(rep, '行方市').confirmed.some((d) => d.id === id));
  assert.ok(rep.history.some((d) => d.id === id && d.end_reason === '計画見直し'));
  r = await api(srv.base, 'DELETE', '/api/v1/designations/999999', undefined, pref08);
  assert.equal(r.status, 404);
  // every change is in the audit trail
  r = await api(srv.base, 'GET', `/api/v1/audit?object_type=designation&object_id=${id}`, undefined, admin);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items.map((x) => x.action).sort(), ['create', 'end']);
});

test('checklist: items of seed 001, overdue flagged, all-or-nothing update', async () => {
  const rep = (await api(srv.base, 'GET', '/api/v1/designations?prefecture=08', undefined, pref08)).json;
  const d = muni(rep, '鹿嶋市').confirmed[0];
  let r = await api(srv.base, 'GET', `/api/v1/designations/${d.id}/checklist`, undefined, pref08);
  assert.equal(r.status, 200, r.text);
  const codes = r.json.items.map((i) => i.item);
  for (const c of ['night_support', 'discharge_coordination', 'training_place', 'bcp', 'community_support_link', 'emergency_rules', 'end_of_life_supply'])
    assert.ok(codes.includes(c), c);
  assert.ok(r.json.overdue >= 1); // demo: the BCP is overdue
  assert.ok(r.json.items.find((i) => i.item === 'bcp').overdue);
  assert.match(r.json.items.find((i) => i.item === 'bcp').label, /人工呼吸器/);

  r = await api(srv.base, 'PUT', `/api/v1/designations/${d.id}/checklist`, { items: [
    { item: 'bcp', status: 'done', evidence: 'BCP策定済み', due_date: '2025-03-31', done_date: '2025-06-30' },
  ] }, pref08);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.find((i) => i.item === 'bcp').overdue, false);

  // one bad item: nothing stored
  r = await api(srv.base, 'PUT', `/api/v1/designations/${d.id}/checklist`, { items: [
    { item: 'training_place', status: 'doing', evidence: '調整中', due_date: '2027-03-31' },
    { item: 'multidisciplinary_meeting', status: 'todo' }, // a base item, not on an active checklist
  ] }, pref08);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /multidisciplinary_meeting/);
  r = await api(srv.base, 'GET', `/api/v1/designations/${d.id}/checklist`, undefined, pref08);
  assert.equal(r.json.items.find((i) => i.item === 'training_place').status, 'todo');
  for (const [item, field] of [
    [{ item: 'bcp', status: 'done' }, 'done_date'],
    [{ item: 'bcp', status: 'doing', due_date: '2025-02-30' }, 'due_date'],
    [{ item: 'bcp', status: 'finished' }, 'status'],
    [{ item: 'nope', status: 'todo' }, 'items'],
  ]) {
    r = await api(srv.base, 'PUT', `/api/v1/designations/${d.id}/checklist`, { items: [item] }, pref08);
    assert.equal(r.status, 400, JSON.stringify(item));
    assert.equal(r.json.error.field, field);
  }
});

test('coverage audit: table, map data, CSV with BOM, XLSX', async () => {
  let r = await api(srv.base, 'GET', '/api/v1/coverage?prefecture=08', undefined, pref08);
  assert.equal(r.status, 200, r.text);
  const north = r.json.areas.find((a) => a.name === '鹿行北部');
  assert.equal(north.ok, false);
  assert.equal(r.json.medical_areas[0].centre.type, 'core');
  assert.equal(r.json.medical_areas[0].ok, true);
  assert.equal(r.json.map.municipalities.length, 5);
  assert.ok(r.json.map.clinics.length > 0);
  assert.equal(r.json.radius_km, 16);

  const res = await fetch(srv.base + '/api/v1/coverage.csv?prefecture=08', { headers: pref08 });
  assert.equal(res.status, 200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  const csv = new TextDecoder().decode(bytes);
  assert.match(csv, /"区分","名称"/);
  assert.match(csv, /"鹿行北部".*"要対応"/);

  const x = await fetch(srv.base + '/api/v1/coverage.xlsx?prefecture=08', { headers: pref08 });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const xb = new Uint8Array(await x.arrayBuffer());
  assert.equal(String.fromCharCode(xb[0], xb[1]), 'PK');

  r = await api(srv.base, 'GET', '/api/v1/coverage?prefecture=08', undefined, pref13);
  assert.equal(r.status, 403);
});

test('a municipality without a capable clinic within 16 km is uncovered (red on the map)', async () => {
  // A separate demo database in which every home-care-capable institution within 16 km of
  // 鉾田市's office stops home care: its centroid, and its population share, become uncovered.
  await withServer({ demo: true }, async ({ srv: s2, auth: h }) => {
    let r = await api(s2.base, 'GET', '/api/v1/coverage?prefecture=08', undefined, h);
    const hokota = r.json.map.municipalities.find((m) => m.name === '鉾田市');
    assert.equal(hokota.uncovered, false);
    for (const c of r.json.map.clinics.filter((c) => km(c, hokota) <= 16.5)) {
      const u = await api(s2.base, 'PUT', `/api/v1/facilities/${c.id}`, { home_care: false, standards: [] }, h);
      assert.equal(u.status, 200, u.text);
    }
    r = await api(s2.base, 'GET', '/api/v1/coverage?prefecture=08', undefined, h);
    assert.equal(r.json.map.municipalities.find((m) => m.name === '鉾田市').uncovered, true);
    const north = r.json.areas.find((a) => a.name === '鹿行北部');
    assert.ok(north.far_share > 0.5, JSON.stringify(north));
    assert.match(north.problems.join(), /16km/);
  });
});

test('adjacency: listed publicly; CSV import names the bad line and stores nothing', async () => {
  let r = await api(srv.base, 'GET', '/api/v1/adjacency?prefecture=08');
  assert.equal(r.status, 200);
  const before = r.json.pairs.length;
  assert.ok(before >= 7);
  const bad = join(t.dir, 'adj-bad.csv');
  writeFileSync(bad, 'a,b\n082015,082023\n082015,999999\n');
  let c = await runAsync(t.db, ['import', 'adjacency', bad]);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /3行目/);
  r = await api(srv.base, 'GET', '/api/v1/adjacency?prefecture=08');
  assert.equal(r.json.pairs.length, before);
  const good = join(t.dir, 'adj.csv');
  writeFileSync(good, '\ufeffa,b\n082015,082023\n');
  c = await runAsync(t.db, ['import', 'adjacency', good]);
  assert.equal(c.status, 0, c.stderr);
  r = await api(srv.base, 'GET', '/api/v1/adjacency?prefecture=08');
  assert.equal(r.json.pairs.length, before + 1);
});

test('public listing: confirmed designations and bases per 圏域, nothing else', async () => {
  const r = await api(srv.base, 'GET', '/api/v1/public/designations?prefecture=08');
  assert.equal(r.status, 200, r.text);
  const south = r.json.areas.find((a) => a.name === '鹿行南部');
  const kashima = south.municipalities.find((m) => m.name === '鹿嶋市');
  assert.ok(kashima.active.length >= 1 && kashima.bases.length >= 1);
  assert.ok(!/reason|evidence|candidates|institution_id/.test(r.text));
});

test('support centres (seed 004): 基幹型 needs beds, items checked, one per area noted', async () => {
  let cov = (await api(srv.base, 'GET', '/api/v1/coverage?prefecture=08', undefined, pref08)).json;
  const ma = cov.medical_areas[0];
  const inForce = ma.n_centres; // the demo's centres (issue 13: a 基幹型 and a 連携型 with its group)
  const rep = (await api(srv.base, 'GET', '/api/v1/designations?prefecture=08', undefined, pref08)).json;
  const clinic = muni(rep, '鉾田市').active_candidates.find((c) => c.kind === 'clinic');
  const hospital = muni(rep, '神栖市').active_candidates.find((c) => c.kind === 'hospital');
  let r = await api(srv.base, 'POST', '/api/v1/support-centres',
    { medical_area_id: ma.id, institution_id: clinic.institution_id, type: 'core', name: 'テスト基幹型' }, pref08);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'institution_id');
  assert.match(r.json.error.message, /病床/);
  r = await api(srv.base, 'POST', '/api/v1/support-centres',
    { medical_area_id: ma.id, institution_id: clinic.institution_id, type: 'linked', name: 'テスト連携型', items: ['emergency', 'teleport'] }, pref08);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'items');
  r = await api(srv.base, 'POST', '/api/v1/support-centres',
    { medical_area_id: ma.id, institution_id: hospital.institution_id, type: 'core', name: 'テスト基幹型', items: ['emergency'] }, pref13);
  assert.equal(r.status, 403);
  r = await api(srv.base, 'POST', '/api/v1/support-centres',
    { medical_area_id: ma.id, institution_id: hospital.institution_id, type: 'core', name: 'テスト基幹型', items: ['emergency'] }, pref08);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.equal(r.json.problems.length, 4); // three mandatory items missing, no optional item
  assert.match(r.json.notes.join(), /原則1箇所/);
  r = await api(srv.base, 'PUT', `/api/v1/support-centres/${id}`,
    { items: ['emergency', 'admission_discharge', 'visit_increase', 'liaison_meeting', 'end_of_life'] }, pref08);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.problems, []);
  r = await api(srv.base, 'DELETE', `/api/v1/support-centres/${id}`, undefined, pref08);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.valid_to);
  r = await api(srv.base, 'PUT', `/api/v1/support-centres/${id}`, { items: [] }, pref08);
  assert.equal(r.status, 409);
  cov = (await api(srv.base, 'GET', '/api/v1/coverage?prefecture=08', undefined, pref08)).json;
  assert.equal(cov.medical_areas[0].n_centres, inForce);
});
