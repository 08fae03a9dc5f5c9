// The demo region (issue 2 §8): `zaitaku demo` loads 茨城県 鹿行二次医療圏 deterministically, and the
// geography endpoints show it. Rules checked: DOMAIN.md "Geography" and seed 001's designation
// order, which needs 行方市 without 在支病/在支診 (fallback to a neighbour) and 潮来市 with a 在支診 only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serverFixture, api, run, distanceKm, authHeaders } from './lib.mjs';

const FIVE = ['082228', '082236', '082325', '082333', '082341'];
let t1, srv1, srv2, close1, close2;

// Two demo databases loaded independently (determinism); no credentials: the registry is public.
before(async () => {
  ({ t: t1, srv: srv1, close: close1 } = await serverFixture({ demo: true, role: null }));
  ({ srv: srv2, close: close2 } = await serverFixture({ demo: true, role: null }));
});
after(async () => {
  await close1?.();
  await close2?.();
});

async function allFacilities(base) {
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const r = await api(base, 'GET', `/api/v1/facilities?limit=500&offset=${offset}`);
    assert.equal(r.status, 200, r.text);
    items.push(...r.json.items);
    if (items.length >= r.json.total) return items;
  }
}

const withoutTimes = (xs) => xs.map(({ created_at, updated_at, ...rest }) => rest);

// Luhn over the first nine digits (DOMAIN.md: 医療機関コード, e.g. 0110113719).
function luhnOk(code) {
  if (!/^\d{10}$/.test(code) || !'1346'.includes(code[2])) return false;
  let sum = 0;
  for (let i = 8, pos = 0; i >= 0; i--, pos++) {
    let d = +code[i];
    if (pos % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === +code[9];
}

test('demo loads a region of 60-90 institutions with practitioners', async () => {
  const items = await allFacilities(srv1.base);
  assert.ok(items.length >= 60 && items.length <= 90, `got ${items.length}`);
  for (const f of items) assert.match(f.name, /架空/, `visibly fictional: ${f.name}`);
  const kinds = new Set(items.map((f) => f.kind));
  for (const k of ['hospital', 'clinic', 'dental', 'pharmacy', 'nurse_station', 'care_management',
    'community_support', 'municipality', 'health_centre', 'medical_association', 'fire_department'])
    assert.ok(kinds.has(k), `kind ${k} present`);
  // every municipality has its 地域包括支援センター and its 在宅医療・介護連携 相談窓口
  for (const m of FIVE) {
    assert.ok(items.some((f) => f.municipality === m && f.kind === 'community_support'), `包括 in ${m}`);
    assert.ok(items.some((f) => f.municipality === m && f.kind === 'municipality'), `窓口 in ${m}`);
  }
  // several doctors per home-care clinic (在支診)
  const zaishin = items.filter((f) => f.standards.some((s) => s.startsWith('zaishin_')));
  assert.ok(zaishin.length >= 5);
  for (const c of zaishin) {
    const r = await api(srv1.base, 'GET', `/api/v1/facilities/${c.id}`, undefined, await authHeaders(srv1, 'admin'));
    assert.equal(r.status, 200);
    const doctors = r.json.practitioners.filter((p) => p.role === 'doctor');
    assert.ok(doctors.length >= 2, `several doctors at ${c.name}`);
  }
  // 24h nurse stations and not; pharmacies with narcotics; home dental
  assert.ok(items.some((f) => f.kind === 'nurse_station' && f.h24));
  assert.ok(items.some((f) => f.kind === 'nurse_station' && !f.h24));
  assert.ok(items.some((f) => f.kind === 'pharmacy' && f.capabilities.includes('narcotics_supply')));
  assert.ok(items.some((f) => f.kind === 'dental' && f.capabilities.includes('home_dental')));
  // clinics without home care of several legal entities, some sharing one
  const plain = items.filter((f) => f.kind === 'clinic' && !f.home_care);
  const entities = plain.map((f) => f.legal_entity);
  assert.ok(new Set(entities).size >= 3, 'several legal entities');
  assert.ok(entities.length > new Set(entities).size, 'some share one legal entity');
});

test('the demo is deterministic: two databases list the same content', async () => {
  const a = withoutTimes(await allFacilities(srv1.base));
  const b = withoutTimes(await allFacilities(srv2.base));
  assert.deepEqual(a, b);
  for (const path of ['/api/v1/municipalities?prefecture=08', '/api/v1/medical-areas', '/api/v1/areas',
    '/api/v1/medical-associations']) {
    const x = await api(srv1.base, 'GET', path);
    const y = await api(srv2.base, 'GET', path);
    assert.deepEqual(x.json, y.json, path);
  }
});

test('--if-empty is a no-op the second time; a plain second run refuses and stores nothing', async () => {
  const before = (await api(srv1.base, 'GET', '/api/v1/health')).json.facilities;
  let r = run(t1.db, ['demo', '--if-empty']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /nothing loaded/);
  r = run(t1.db, ['demo']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /既に登録/);
  assert.equal((await api(srv1.base, 'GET', '/api/v1/health')).json.facilities, before);
});

test('demo without the municipality list fails clearly and stores nothing; --help answers', () => {
  const r = run(t1.db, ['demo', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /--if-empty/);
  assert.equal(run(t1.db, ['demo', '--bogus']).status, 2);
  const bare = join(t1.dir, 'bare.db'); // schema only: `init` not run
  const b = run(bare, ['demo']);
  assert.equal(b.status, 1);
  assert.match(b.stderr, /082228.*zaitaku init/);
  // nothing was stored half-way: after init the demo loads in full
  assert.equal(run(bare, ['init']).status, 0);
  const ok = run(bare, ['demo']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /institutions/);
});

test('the five municipalities carry office coordinates and populations', async () => {
  const r = await api(srv1.base, 'GET', '/api/v1/municipalities?prefecture=08');
  assert.equal(r.status, 200);
  const five = r.json.items.filter((m) => FIVE.includes(m.code));
  assert.equal(five.length, 5);
  for (const m of five) {
    assert.ok(m.lat > 35.7 && m.lat < 36.3 && m.lon > 140.3 && m.lon < 140.9, `${m.name} ${m.lat},${m.lon}`);
    assert.ok(m.population > 10000, `${m.name} population`);
  }
  // adjacency (data for the designation fallback): 行方市 borders 鹿嶋市, 潮来市 and 鉾田市
  const namegata = five.find((m) => m.code === '082333');
  assert.deepEqual(namegata.neighbours, ['082228', '082236', '082341']);
});

test('exactly one 在宅療養後方支援病院, with >= 200 beds; one hospital with 地域包括ケア病棟', async () => {
  const items = await allFacilities(srv1.base);
  const backup = items.filter((f) => f.standards.includes('backup_hospital'));
  assert.equal(backup.length, 1);
  assert.equal(backup[0].kind, 'hospital');
  assert.ok(backup[0].beds >= 200);
  // the bureau filing behind the standard (受理記号 在後病) is recorded too
  const detail = await api(srv1.base, 'GET', `/api/v1/facilities/${backup[0].id}`);
  assert.deepEqual(detail.json.filings.map((x) => [x.symbol, x.known]), [['在後病', 1]]);
  assert.ok(items.some((f) => f.kind === 'hospital' && f.standards.includes('community_care_ward')));
  assert.ok(items.filter((f) => f.standards.some((s) => s.startsWith('zaibyo_'))).length >= 2, 'some 在支病');
});

test('seed 001 shape: 行方市 has no 在支診/在支病, 潮来市 a 在支診 only, 鹿嶋市 and 神栖市 a 在支病', async () => {
  const items = await allFacilities(srv1.base);
  const has = (m, prefix) => items.some((f) => f.municipality === m && f.standards.some((s) => s.startsWith(prefix)));
  assert.equal(has('082333', 'zaishin_'), false);
  assert.equal(has('082333', 'zaibyo_'), false);
  assert.equal(has('082236', 'zaishin_'), true);
  assert.equal(has('082236', 'zaibyo_'), false);
  assert.equal(has('082228', 'zaibyo_'), true);
  assert.equal(has('082325', 'zaibyo_'), true);
  // 機能強化型 (単独・連携) and 従来型 在支診 all appear
  for (const s of ['zaishin_enhanced_solo', 'zaishin_enhanced_linked', 'zaishin_conventional'])
    assert.ok(items.some((f) => f.standards.includes(s)), s);
  // the filter agrees
  const r = await api(srv1.base, 'GET', '/api/v1/facilities?municipality=082333&standard=zaishin_conventional');
  assert.equal(r.json.total, 0);
});

test('every 医療機関コード is valid (Luhn) and unique; kinds without codes carry none', async () => {
  const items = await allFacilities(srv1.base);
  const codes = items.filter((f) => f.medical_code).map((f) => f.medical_code);
  assert.ok(codes.length >= 40);
  for (const c of codes) {
    assert.ok(luhnOk(c), `check digit of ${c}`);
    assert.equal(c.slice(0, 2), '08', `prefecture of ${c}`);
  }
  assert.equal(new Set(codes).size, codes.length);
  for (const f of items)
    if (['hospital', 'clinic', 'dental', 'pharmacy', 'nurse_station'].includes(f.kind)) assert.ok(f.medical_code, f.name);
    else assert.equal(f.medical_code, null, f.name);
});

test('every institution lies within 20 km of its municipality office, with demo coordinate provenance', async () => {
  const munis = (await api(srv1.base, 'GET', '/api/v1/municipalities?prefecture=08')).json.items;
  const office = Object.fromEntries(munis.map((m) => [m.code, m]));
  for (const f of await allFacilities(srv1.base)) {
    assert.ok(FIVE.includes(f.municipality), f.name);
    const o = office[f.municipality];
    const d = distanceKm(o, f);
    assert.ok(d < 20, `${f.name} is ${d.toFixed(1)} km from the ${o.name} office`);
    assert.equal(f.coord_source, 'demo');
    assert.ok(f.coord_precision && /^\d{4}-\d{2}-\d{2}$/.test(f.coord_date), f.name);
  }
});

test('the district medical association covers the five municipalities', async () => {
  const r = await api(srv1.base, 'GET', '/api/v1/medical-associations');
  assert.equal(r.status, 200);
  assert.equal(r.json.items.length, 1);
  assert.deepEqual([...r.json.items[0].municipalities].sort(), FIVE);
  assert.match(r.json.items[0].name, /架空/);
});

test('geography endpoints return the 二次医療圏 鹿行 and its 圏域', async () => {
  let r = await api(srv1.base, 'GET', '/api/v1/medical-areas?prefecture=08');
  assert.equal(r.status, 200);
  const rokko = r.json.items.find((a) => a.name === '鹿行');
  assert.ok(rokko, r.text);
  assert.deepEqual([...rokko.municipalities].sort(), FIVE);
  assert.ok(rokko.population > 200000);
  r = await api(srv1.base, 'GET', '/api/v1/areas?prefecture=08');
  assert.equal(r.status, 200);
  const covered = r.json.items.flatMap((a) => a.municipalities).sort();
  assert.deepEqual(covered, FIVE, 'every municipality in exactly one 圏域');
  assert.ok(r.json.items.some((a) => a.name === '鹿行北部'));
  // filtering the registry by 圏域 and by 二次医療圏
  const north = r.json.items.find((a) => a.name === '鹿行北部');
  const inNorth = await api(srv1.base, 'GET', `/api/v1/facilities?area=${north.id}&limit=500`);
  assert.ok(inNorth.json.total > 0);
  for (const f of inNorth.json.items) assert.ok(north.municipalities.includes(f.municipality));
  const inArea = await api(srv1.base, 'GET', `/api/v1/facilities?medical_area=${rokko.id}&limit=1`);
  assert.equal(inArea.json.total, (await api(srv1.base, 'GET', '/api/v1/facilities?limit=1')).json.total);
  r = await api(srv1.base, 'GET', '/api/v1/areas?prefecture=8');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'prefecture');
});

test('demo plans (issue 19): this fiscal year under two rule sets, one compliant and one not, each saying why', async () => {
  const pref = await authHeaders(srv1, 'prefecture', { prefecture: '08' });
  const s = await api(srv1.base, 'GET', '/api/v1/plan-status', undefined, pref);
  assert.equal(s.status, 200, s.text);
  const centre = s.json.operators.find((o) => o.name === '鹿行地域在宅医療サポートセンター（基幹型・デモ）');
  const coord = s.json.operators.find((o) => o.name === '鹿行みらい医師会 在宅医療推進コーディネータ（デモ）');
  assert.ok(centre && coord, JSON.stringify(s.json.operators.map((o) => o.name)));
  assert.equal(centre.ruleset, 'kumamoto_centre');
  assert.equal(centre.variant, 'kikan');
  assert.equal(centre.plan_exists, true);
  assert.equal(centre.compliant, true, JSON.stringify(centre.rules));
  assert.ok(centre.rules.every((r) => r.status === 'met' && r.why.length > 0));
  assert.equal(coord.ruleset, 'osaka_coordinator');
  assert.equal(coord.compliant, false);
  const a1 = coord.rules.find((r) => r.code === 'osaka.action1');
  assert.equal(a1.status, 'not_met');
  assert.ok(a1.why.includes('①地域資源の把握'), a1.why);
  // the yearly report of the compliant one carries its records
  const r = await api(srv1.base, 'GET', `/api/v1/operators/${centre.id}/plans/${s.json.fiscal_year}`, undefined, pref);
  assert.ok(r.json.actions.find((x) => x.code === 'k_liaison').evidence.some((e) => e.title.includes('連絡会')));
});
