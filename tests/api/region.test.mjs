// Region set-up and positions (issue 12 §1–§2) through the real binary, on a prefecture other than
// the demo's (山梨県 19) set up from nothing: office positions shipped for all of Japan, the five
// region tables by page body, CSV and XLSX (line and column in every refusal, nothing stored on
// error, audited), institutions placed at their office when imported, geocoder CSV and abrg output
// refused when outside Japan or far from the municipality.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverFixture, api, authHeaders, runAsync, ROOT } from './lib.mjs';

const FAKE_ABRG = join(ROOT, 'tests/api/fixtures/fake-abrg.mjs');
let t, srv, admin, pref19, pref08, close;
before(async () => {
  ({ t, srv, auth: admin, close } = await serverFixture({ args: ['--geocoder', FAKE_ABRG] }));
  pref19 = await authHeaders(srv, 'prefecture', { prefecture: '19' });
  pref08 = await authHeaders(srv, 'prefecture', { prefecture: '08' });
});
after(() => close?.());

test('every municipality office of Japan is positioned and named 市役所 / 町役場 / 村役場 / 区役所', async () => {
  const office = async (pref, name) => {
    const r = await api(srv.base, 'GET', `/api/v1/municipalities?prefecture=${pref}`);
    assert.equal(r.status, 200);
    return r.json.items.find((m) => m.name === name);
  };
  const kofu = await office('19', '甲府市');
  assert.equal(kofu.office_name, '甲府市役所');
  assert.ok(Math.abs(kofu.lat - 35.66) < 0.05 && Math.abs(kofu.lon - 138.57) < 0.05, JSON.stringify(kofu));
  assert.equal((await office('19', '富士河口湖町')).office_name, '富士河口湖町役場');
  assert.equal((await office('19', '道志村')).office_name, '道志村役場');
  assert.equal((await office('13', '千代田区')).office_name, '千代田区役所');
  assert.equal((await office('01', '中央区')).office_name, '札幌市中央区役所');
  // every prefecture has positions: a 16 km circle can start from any 役所・役場
  for (const pref of ['01', '13', '27', '47']) {
    const r = await api(srv.base, 'GET', `/api/v1/municipalities?prefecture=${pref}`);
    // (the six villages of the 北方領土, 0169xx–0170xx, have no office the data set could locate)
    const located = r.json.items.filter((m) => !/^01(69|70)/.test(m.code));
    assert.ok(located.every((m) => typeof m.lat === 'number'), `prefecture ${pref}: every office positioned`);
  }
});

test('二次医療圏 by the page body: a municipality in two areas is refused with its line, nothing stored', async () => {
  let r = await api(srv.base, 'PUT', '/api/v1/region/medical-areas?prefecture=19', {
    rows: [{ name: '中北', municipality: '192015' }, { name: '峡東', municipality: '192015' }],
  }, pref19);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.line, 2);
  assert.equal(r.json.error.field, '市町村コード');
  assert.match(r.json.error.message, /二次医療圏「中北」（1行目）にも含まれて/);
  r = await api(srv.base, 'GET', '/api/v1/region/medical-areas?prefecture=19');
  assert.deepEqual(r.json.rows, []);
  // a code of another prefecture, a wrong check digit
  r = await api(srv.base, 'PUT', '/api/v1/region/medical-areas?prefecture=19', { rows: [{ name: '中北', municipality: '082015' }] }, pref19);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /この都道府県（19）の市町村ではありません/);
  r = await api(srv.base, 'PUT', '/api/v1/region/medical-areas?prefecture=19', { rows: [{ name: '中北', municipality: '192016' }] }, pref19);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /検査数字/);
  // staff of another prefecture may not
  r = await api(srv.base, 'PUT', '/api/v1/region/medical-areas?prefecture=19', { rows: [] }, pref08);
  assert.equal(r.status, 403);
  r = await api(srv.base, 'PUT', '/api/v1/region/medical-areas?prefecture=19', {
    rows: [{ name: '中北', municipality: '192015' }, { name: '中北', municipality: '192074' }, { name: '峡東', municipality: '192058' }],
  }, pref19);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rows.length, 3);
  assert.equal(r.json.rows[0].municipality_name, '甲府市');
  r = await api(srv.base, 'GET', '/api/v1/medical-areas?prefecture=19');
  assert.deepEqual(r.json.items.map((a) => a.name), ['中北', '峡東']);
  const audit = await api(srv.base, 'GET', '/api/v1/audit?object_type=region_medical_areas', undefined, admin);
  assert.equal(audit.status, 200, audit.text);
  assert.ok(audit.json.items.some((a) => a.action === 'update'), 'the change is audited');
});

test('CSV export → import round trip (UTF-8 with BOM, CP932, XLSX); bad cells name line and column', async () => {
  let r = await api(srv.base, 'PUT', '/api/v1/region/care-areas?prefecture=19', {
    rows: [{ name: '甲府圏域', municipality: '192015' }, { name: '峡東圏域', municipality: '192058' }, { name: '峡東圏域', municipality: '192112' }],
  }, pref19);
  assert.equal(r.status, 200, r.text);
  const get = (q) => fetch(`${srv.base}/api/v1/region/care-areas/export?prefecture=19${q}`);
  const utf8 = Buffer.from(await (await get('')).arrayBuffer());
  assert.deepEqual([...utf8.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(utf8.toString('utf8'), /圏域,市町村コード,市町村名\r\n甲府圏域,192015,甲府市\r\n/);
  const cp = await get('&encoding=cp932');
  assert.match(cp.headers.get('content-type'), /Shift_JIS/);
  const cpBytes = Buffer.from(await cp.arrayBuffer());
  assert.equal(new TextDecoder('shift_jis').decode(cpBytes), utf8.toString('utf8').slice(1));
  const xlsx = Buffer.from(await (await get('&format=xlsx')).arrayBuffer());
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
  for (const [body, ct] of [[utf8, 'text/csv'], [cpBytes, 'text/csv'], [xlsx, 'application/octet-stream']]) {
    const res = await fetch(`${srv.base}/api/v1/region/care-areas/import?prefecture=19`,
      { method: 'POST', body, headers: { ...pref19, 'Content-Type': ct } });
    const j = await res.json();
    assert.equal(res.status, 200, JSON.stringify(j));
    assert.equal(j.rows.length, 3);
  }
  // population: a bad figure names line 3 column 3, and nothing of the file is stored
  const pop = '市町村コード,市町村名,人口,出典,年\r\n192015,甲府市,"187,985",令和2年国勢調査,2020\r\n192023,富士吉田市,たくさん,令和2年国勢調査,2020\r\n';
  r = await api(srv.base, 'POST', '/api/v1/region/population/import?prefecture=19', pop, { ...pref19, 'Content-Type': 'text/csv' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.line, 3);
  assert.equal(r.json.error.field, '人口');
  assert.match(r.json.error.message, /3行目 3列目「人口」/);
  r = await api(srv.base, 'GET', '/api/v1/region/population?prefecture=19');
  assert.equal(r.json.rows.find((x) => x.municipality === '192015').population, null);
  r = await api(srv.base, 'POST', '/api/v1/region/population/import?prefecture=19', pop.split('\r\n').slice(0, 2).join('\r\n'),
    { ...pref19, 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  const kofu = r.json.rows.find((x) => x.municipality === '192015');
  assert.deepEqual([kofu.population, kofu.source, kofu.year], [187985, '令和2年国勢調査', 2020]);
  // a wrong header
  r = await api(srv.base, 'POST', '/api/v1/region/adjacency/import?prefecture=19', 'a,b\r\n192015,192023\r\n', { ...pref19, 'Content-Type': 'text/csv' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.line, 1);
  r = await api(srv.base, 'PUT', '/api/v1/region/adjacency?prefecture=19', { rows: [{ municipality: '192015', neighbour: '192074' }] }, pref19);
  assert.equal(r.status, 200, r.text);
  r = await api(srv.base, 'GET', '/api/v1/adjacency?prefecture=19');
  assert.equal(r.status, 200);
});

test('a 郡市医師会 named for the first time becomes an institution covering its municipalities', async () => {
  const r = await api(srv.base, 'PUT', '/api/v1/region/associations?prefecture=19', {
    rows: [{ name: '甲府市医師会（試験）', municipality: '192015' }, { name: '甲府市医師会（試験）', municipality: '192074' }],
  }, pref19);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.associations_created, 1);
  const list = await api(srv.base, 'GET', '/api/v1/medical-associations');
  const a = list.json.items.find((x) => x.name === '甲府市医師会（試験）');
  assert.deepEqual(a.municipalities, ['192015', '192074']);
  const f = await api(srv.base, 'GET', `/api/v1/facilities/${a.id}`);
  assert.equal(f.json.coord_precision, 'municipality');
});

test('positions: office fallback on import, the unconfirmed list, geocoder CSV and abrg with refusals', async () => {
  // Our CSV without positions: both institutions land on their office, flagged
  const csv = 'kind,name,municipality,address\r\nclinic,甲府テスト診療所,192015,山梨県甲府市丸の内1-1\r\nclinic,遠方テスト診療所,192015,山梨県甲府市遠方1\r\nclinic,不明テスト診療所,192015,山梨県不明\r\n';
  const file = join(t.dir, 'f.csv');
  writeFileSync(file, csv);
  let c = await runAsync(t.db, ['import', 'facilities', file]);
  assert.equal(c.status, 0, c.stderr);
  let r = await api(srv.base, 'GET', '/api/v1/positions/unconfirmed');
  assert.equal(r.status, 200);
  const mine = r.json.items.filter((x) => x.name.endsWith('テスト診療所'));
  assert.equal(mine.length, 3);
  for (const x of mine) {
    assert.equal(x.coord_precision, 'municipality');
    assert.equal(x.coord_source, 'municipality_office');
  }
  // they are on the map and in a 16 km search, with the precision of their distance
  r = await api(srv.base, 'GET', '/api/v1/facilities?near=35.662,138.568&within_km=16&q=テスト診療所');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 3);
  assert.ok(r.json.items.every((x) => x.coord_precision === 'municipality' && typeof x.distance_km === 'number'));
  const ids = Object.fromEntries(mine.map((x) => [x.name, x.id]));
  // a CSV from any geocoder: unknown institution → 400 with its line, nothing stored
  r = await api(srv.base, 'POST', '/api/v1/positions/import', `機関ID,緯度,経度\r\n${ids['甲府テスト診療所']},35.67,138.57\r\n999999,35.6,138.5\r\n`,
    { ...pref19, 'Content-Type': 'text/csv' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.line, 3);
  r = await api(srv.base, 'POST', '/api/v1/positions/import',
    `機関ID,緯度,経度,精度,出典\r\n${ids['甲府テスト診療所']},35.6670,138.5700,建物,地理院\r\n${ids['遠方テスト診療所']},43.06,141.35,建物,地理院\r\n${ids['不明テスト診療所']},10.0,100.0,建物,地理院\r\n`,
    { ...pref19, 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.stored, 1);
  assert.equal(r.json.refused.length, 2);
  assert.match(r.json.refused[0].reason, /役所・役場から\d+\.\dkm離れています/);
  assert.match(r.json.refused[1].reason, /日本の範囲外/);
  r = await api(srv.base, 'GET', `/api/v1/facilities/${ids['甲府テスト診療所']}`);
  assert.deepEqual([r.json.coord_precision, r.json.coord_source, r.json.lat], ['rooftop', '地理院', 35.667]);
  // a user of another district may not move it
  r = await api(srv.base, 'POST', '/api/v1/positions/import', `機関ID,緯度,経度\r\n${ids['甲府テスト診療所']},35.67,138.57\r\n`,
    { ...pref08, 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200);
  assert.equal(r.json.stored, 0);
  assert.match(r.json.refused[0].reason, /権限がありません/);
  // staff of another prefecture have nothing of 山梨 to geocode
  r = await api(srv.base, 'POST', '/api/v1/positions/geocode', {}, pref08);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.asked, 0);
  // abrg (a fake speaking its NDJSON): the far and the prefecture-only answers are refused
  r = await api(srv.base, 'POST', '/api/v1/positions/geocode', {}, pref19);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.asked, 2);
  assert.equal(r.json.stored, 0);
  assert.equal(r.json.refused.length, 2);
  const reasons = r.json.refused.map((x) => x.reason).join(' ');
  assert.match(reasons, /km離れています/);
  assert.match(reasons, /一致レベル: prefecture/);
  r = await api(srv.base, 'GET', '/api/v1/positions/unconfirmed');
  assert.equal(r.json.items.filter((x) => x.name.endsWith('テスト診療所')).length, 2);
  // the CLI runs the same adapter
  c = await runAsync(t.db, ['geocode', 'abrg', '--command', FAKE_ABRG]);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /"asked": 2/);
  c = await runAsync(t.db, ['geocode', 'abrg', '--command', join(t.dir, 'no-such-geocoder')]);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /起動できません|異常終了/);
});

test('an operator replaces an office position; institutions placed at the office move with it', async () => {
  const before = await api(srv.base, 'GET', '/api/v1/region/offices?prefecture=19');
  const kofu = before.json.rows.find((r) => r.municipality === '192015');
  assert.deepEqual([kofu.office_name, kofu.position_source], ['甲府市役所', 'localgovjp']);
  let r = await api(srv.base, 'PUT', '/api/v1/region/offices?prefecture=19', { rows: [{ municipality: '192015', office: '甲府市役所', lat: 10, lon: 100 }] }, pref19);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, '緯度');
  r = await api(srv.base, 'POST', '/api/v1/region/offices/import?prefecture=19',
    '市町村コード,市町村名,役所・役場,緯度,経度\r\n192015,甲府市,甲府市役所（仮庁舎）,35.6700,138.5600\r\n192023,富士吉田市,富士吉田市役所,,\r\n',
    { ...pref19, 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.stored, 1, 'a row without a position is no row');
  const now = r.json.rows.find((x) => x.municipality === '192015');
  assert.deepEqual([now.office_name, now.lat, now.position_source], ['甲府市役所（仮庁舎）', 35.67, 'import']);
  // the 医師会 created at the office moved with it; the clinic geocoded above did not
  const list = await api(srv.base, 'GET', '/api/v1/medical-associations');
  const a = list.json.items.find((x) => x.name === '甲府市医師会（試験）');
  const f = await api(srv.base, 'GET', `/api/v1/facilities/${a.id}`);
  assert.deepEqual([f.json.lat, f.json.lon], [35.67, 138.56]);
  // a later init keeps the operator's position
  assert.equal((await runAsync(t.db, ['init'])).status, 0);
  r = await api(srv.base, 'GET', '/api/v1/region/offices?prefecture=19');
  assert.equal(r.json.rows.find((x) => x.municipality === '192015').lat, 35.67);
});

test('a bureau list import places its institutions at their 市役所・町村役場, flagged, without touching updated_at', async () => {
  const c = await runAsync(t.db, ['import', 'facility-standards', join(ROOT, 'tests/data/bureau_kanto_cp932.csv')]);
  assert.equal(c.status, 0, c.stderr);
  const r = await api(srv.base, 'GET', '/api/v1/facilities?limit=500');
  const imported = r.json.items.filter((f) => f.medical_code && f.municipality);
  assert.ok(imported.length > 0);
  for (const f of imported) {
    assert.equal(f.coord_precision, 'municipality', f.name);
    assert.equal(f.coord_source, 'municipality_office', f.name);
    assert.equal(typeof f.lat, 'number', f.name);
    assert.equal(f.updated_at, f.created_at, `${f.name}: placing is not an update`);
  }
  // over HTTP with a geocoder configured, the import asks it right away; the stand-in answers with a
  // position in 甲府市, far from these 茨城県 institutions: refused with the distance, none moved
  const body = readFileSync(join(ROOT, 'tests/data/bureau_kanto_cp932.csv'));
  const res = await fetch(`${srv.base}/api/v1/imports/facility-standards`, { method: 'POST', body, headers: { ...admin, 'Content-Type': 'text/csv' } });
  const j = await res.json();
  assert.equal(res.status, 200, JSON.stringify(j));
  assert.ok(j.positions.asked >= imported.length, JSON.stringify(j.positions));
  assert.equal(j.positions.stored, 0);
  assert.ok(j.positions.refused.some((x) => /km離れています/.test(x.reason)), JSON.stringify(j.positions.refused));
  const again = await api(srv.base, 'GET', `/api/v1/facilities/${imported[0].id}`);
  assert.equal(again.json.coord_precision, 'municipality');
});

test('zaitaku region export | import round-trips on the command line', async () => {
  let c = await runAsync(t.db, ['region', 'export', 'care-areas', '--prefecture', '19']);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /峡東圏域,192112,笛吹市/);
  const file = join(t.dir, 'care.csv');
  writeFileSync(file, c.stdout);
  c = await runAsync(t.db, ['region', 'import', 'care-areas', '--prefecture', '19', file]);
  assert.equal(c.status, 0, c.stderr);
  assert.equal((await runAsync(t.db, ['region', 'import', 'spaceships', '--prefecture', '19', file])).status, 2);
  assert.equal((await runAsync(t.db, ['region', '--help'])).status, 0);
  assert.equal((await runAsync(t.db, ['geocode', '--help'])).status, 0);
});
