// Browser tests of the registry UI (issue 2 §9): the real binary on loopback with a temporary
// database, driven in Debian's chromium by playwright-core. Search with filters, open a detail
// page, edit and see the API's validation error beside the field, fix and save, see the map.
// Screenshots of each page go to $ZAITAKU_SHOTS (default /tmp) as zaitaku-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createFacilities } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let srv, auth, api, browser, close, page, open, ready, shot, noErrors;
const ids = {};

// A small region of our own (the demo is not used so that every expected row is written here).
// Coordinates near 鹿行 (茨城県); distances from A: F 0.03 km, B ≈8.3 km, C ≈8.6 km, D ≈15.5 km, E ≈24 km.
const FACILITIES = {
  A: { kind: 'clinic', name: '鹿嶋テスト在宅クリニック', kana: 'カシマテストザイタククリニック', medical_code: '0811234566', legal_entity: '医療法人テスト会',
    municipality: '082228', lat: 35.9656, lon: 140.6444, coord_source: 'manual', coord_precision: 'rooftop', h24: true, home_care: true,
    capabilities: ['ventilator', 'tpn', 'end_of_life'], standards: ['zaishin_enhanced_solo'], phone: '0299-00-0001', address: '茨城県鹿嶋市テスト町1-1', postal_code: '314-0000' },
  B: { kind: 'clinic', name: '潮来テスト診療所', municipality: '082236', lat: 35.9470, lon: 140.5550, h24: false, home_care: true,
    capabilities: ['ventilator'], standards: ['zaishin_conventional'] },
  C: { kind: 'nurse_station', name: '神栖テスト訪問看護ステーション', municipality: '082325', lat: 35.8900, lon: 140.6640, h24: true, home_care: true,
    capabilities: ['ventilator', 'tracheostomy'] },
  D: { kind: 'hospital', name: '行方テスト病院', municipality: '082333', lat: 36.0180, lon: 140.4850, h24: true, beds: 120,
    capabilities: ['ventilator', 'backup_beds'], standards: ['backup_hospital', 'community_care_ward'] },
  E: { kind: 'pharmacy', name: '鉾田テスト薬局', municipality: '082341', lat: 36.1580, lon: 140.5160, h24: true,
    capabilities: ['home_pharmacy', 'narcotics_supply'] },
  F: { kind: 'municipality', name: '鹿嶋市 在宅医療・介護連携相談窓口', municipality: '082228', lat: 35.9658, lon: 140.6446, h24: false },
  G: { kind: 'care_management', name: 'テスト居宅介護支援事業所', municipality: '082228', h24: false }, // no coordinate
};

before(async () => {
  ({ srv, auth, api, browser, close } = await browserFixture());
  Object.assign(ids, await createFacilities(api, FACILITIES));
  // The browser signs in with the same credentials as the API calls (headers). Replies 400/409 to a
  // bad filter or form are expected (the page shows them); anything else — a script error, a CSP
  // violation, a missing asset, a failed request — fails the test (noErrors).
  ({ page, open, ready, shot, noErrors } = await newPage(browser, srv.base, { headers: auth }));
});

after(() => close?.());

const rowNames = () => page.$$eval('#results tbody tr td.name a', (as) => as.map((a) => a.textContent));

test('directory lists every institution, with the count and links to details', async () => {
  await open('/');
  assert.equal(await page.title(), '在宅医療資源一覧 — 在宅医療・介護 地域資源');
  assert.equal((await rowNames()).length, 7);
  assert.match(await page.textContent('#result-count'), /7件/);
  const href = await page.getAttribute(`#results tbody tr[data-id="${ids.A}"] td.name a`, 'href');
  assert.equal(href, `/facility?id=${ids.A}`);
  // The navigation marks the current page.
  assert.equal(await page.getAttribute('nav a[aria-current="page"]', 'href'), '/');
  await shot('index');
  noErrors();
});

test('search with a capability and 24h shows exactly the matching rows, and the URL holds the filters', async () => {
  // seed 002 ①: a coordinator looks for who can manage a ventilator around the clock.
  await open('/');
  await page.getByLabel('人工呼吸器').check();
  await page.selectOption('#f-h24', 'true');
  await Promise.all([page.waitForURL(/capability=ventilator/), page.click('button[type="submit"]')]);
  await ready();
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('h24'), 'true');
  assert.deepEqual(url.searchParams.getAll('capability'), ['ventilator']);
  assert.deepEqual((await rowNames()).sort(), [FACILITIES.A.name, FACILITIES.C.name, FACILITIES.D.name].sort());
  assert.match(await page.textContent('#result-count'), /3件/);
  // The filters are restored from the URL (the page is linkable).
  assert.equal(await page.isChecked('input[name="capability"][value="ventilator"]'), true);
  assert.equal(await page.inputValue('#f-h24'), 'true');
  // Capabilities combine: all must hold.
  await open('/?capability=ventilator&capability=tpn');
  assert.deepEqual(await rowNames(), [FACILITIES.A.name]);
  // Kind, municipality and name filters.
  await open('/?kind=hospital');
  assert.deepEqual(await rowNames(), [FACILITIES.D.name]);
  await open('/?municipality=082228');
  assert.deepEqual((await rowNames()).sort(), [FACILITIES.A.name, FACILITIES.F.name, FACILITIES.G.name].sort());
  assert.equal(await page.inputValue('#f-municipality'), '082228');
  await open('/?q=' + encodeURIComponent('潮来'));
  assert.deepEqual(await rowNames(), [FACILITIES.B.name]);
  await open('/?standard=zaishin_conventional');
  assert.deepEqual(await rowNames(), [FACILITIES.B.name]);
  await shot('index-filtered');
  noErrors();
});

test('distance search around an institution shows the distance column', async () => {
  // DOMAIN.md: straight-line distance; within 10 km of A are F, B and C (D is about 15 km away).
  await open('/');
  await page.selectOption('#f-base', `f:${ids.A}`);
  await page.fill('#f-within', '10');
  await Promise.all([page.waitForURL(/within_km=10/), page.click('button[type="submit"]')]);
  await ready();
  assert.deepEqual(await rowNames(), [FACILITIES.A.name, FACILITIES.F.name, FACILITIES.B.name, FACILITIES.C.name]);
  const head = await page.$$eval('#results thead th', (ths) => ths.map((th) => th.textContent));
  assert.ok(head.includes('距離'), head.join(','));
  const dist = await page.$$eval('#results tbody tr td.num', (tds) => tds.map((td) => td.textContent));
  assert.equal(dist[0], '0.0 km');
  assert.match(dist[2], /^8\.\d km$/);
  await shot('index-near');
  noErrors();
});

test('a bad filter in the URL shows the API message, not a broken page', async () => {
  await open('/?within_km=5');
  assert.match(await page.textContent('#page-alert'), /基準地点/);
  await open('/?h24=maybe');
  assert.match(await page.textContent('#page-alert'), /h24/);
  noErrors();
});

test('detail page shows every attribute with Japanese labels', async () => {
  await open('/?capability=tpn');
  await Promise.all([page.waitForURL(/\/facility\?id=/), page.click('#results td.name a')]);
  await ready();
  assert.equal(await page.textContent('h1'), FACILITIES.A.name);
  const props = await page.$$eval('dl.props', (dls) => Object.fromEntries(dls.flatMap((dl) =>
    [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]))));
  assert.equal(props['種別'], '診療所');
  assert.equal(props['法人'], '医療法人テスト会');
  assert.equal(props['医療機関コード'], '0811234566');
  assert.equal(props['24時間対応'], '対応あり');
  assert.equal(props['市町村'], '鹿嶋市（082228）');
  assert.equal(props['緯度・経度'], '35.96560, 140.64440');
  assert.equal(props['座標の出典'], '手入力');
  assert.equal(props['座標の精度'], '建物');
  assert.deepEqual(await page.$$eval('#standards li', (li) => li.map((x) => x.textContent)), ['在宅療養支援診療所（機能強化型・単独型）']);
  const caps = await page.$$eval('#capabilities li.yes > span:nth-child(2)', (s) => s.map((x) => x.textContent));
  assert.deepEqual(caps, ['人工呼吸器', '在宅中心静脈栄養法', '看取り']);
  assert.equal(await page.getAttribute('#edit-link', 'href'), `/edit?id=${ids.A}`);
  await shot('facility');
  noErrors();
});

test('edit shows the API error beside the field, focuses it, and saves once fixed', async () => {
  await open(`/facility?id=${ids.A}`);
  await Promise.all([page.waitForURL(/\/edit\?id=/), page.click('#edit-link')]);
  await ready();
  assert.equal(await page.inputValue('#name'), FACILITIES.A.name);
  assert.equal(await page.inputValue('#municipality'), '082228');
  assert.equal(await page.isChecked('input[name="capabilities"][value="tpn"]'), true);
  // A 医療機関コード whose check digit is wrong (DOMAIN.md: the 10-digit code) is refused by the API.
  await page.fill('#medical_code', '0811234567');
  await page.click('#save');
  await page.waitForSelector('#err-medical_code');
  const err = await page.textContent('#err-medical_code');
  assert.match(err, /医療機関コード/);
  // Beside the field: in the same field box, right after the input, described-by and focused.
  assert.equal(await page.$eval('#err-medical_code', (p) => p.closest('.field').dataset.field), 'medical_code');
  assert.equal(await page.getAttribute('#medical_code', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#medical_code', 'aria-describedby'), 'err-medical_code');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'medical_code');
  await shot('edit-error');
  // Nothing was stored.
  assert.equal((await api('GET', `/api/v1/facilities/${ids.A}`)).json.medical_code, '0811234566');
  // Fix it, change the phone, save: the detail page shows the new values.
  await page.fill('#medical_code', '0811234566');
  await page.fill('#phone', '0299-11-2222');
  await Promise.all([page.waitForURL(new RegExp(`/facility\\?id=${ids.A}$`)), page.click('#save')]);
  await ready();
  assert.match(await page.textContent('#basic'), /0299-11-2222/);
  const stored = (await api('GET', `/api/v1/facilities/${ids.A}`)).json;
  assert.equal(stored.phone, '0299-11-2222');
  assert.deepEqual(stored.capabilities, FACILITIES.A.capabilities, 'unchanged attributes survive the form');
  assert.deepEqual(stored.standards, FACILITIES.A.standards);
  assert.equal(stored.legal_entity, FACILITIES.A.legal_entity);
  noErrors();
});

test('a new institution: errors beside other fields too, then created', async () => {
  await open('/edit');
  assert.equal(await page.textContent('h1'), '機関を登録');
  await page.selectOption('#kind', 'pharmacy');
  await page.fill('#name', '新規テスト薬局');
  await page.fill('#lat', '51.5');
  await page.fill('#lon', '-0.12');
  await page.click('#save');
  await page.waitForSelector('#err-lat');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lat');
  await shot('edit-new-error');
  await page.fill('#lat', '35.99');
  await page.fill('#lon', '140.60');
  await page.selectOption('#municipality', '082228');
  await page.getByLabel('在宅訪問薬剤管理指導').check();
  await Promise.all([page.waitForURL(/\/facility\?id=\d+$/), page.click('#save')]);
  await ready();
  assert.equal(await page.textContent('h1'), '新規テスト薬局');
  ids.N = Number(new URL(page.url()).searchParams.get('id'));
  const stored = (await api('GET', `/api/v1/facilities/${ids.N}`)).json;
  assert.deepEqual(stored.capabilities, ['home_pharmacy']);
  assert.equal(stored.municipality, '082228');
  assert.equal(stored.coord_source, 'manual', 'a coordinate typed in the form is recorded as 手入力');
  assert.match(stored.coord_date, /^\d{4}-\d{2}-\d{2}$/);
  noErrors();
});

test('map plots every institution with a coordinate, a legend, a 16 km circle, click → detail', async () => {
  await open('/map');
  // A–F and the new pharmacy have coordinates; G has none.
  assert.equal(await page.locator('#map a.inst').count(), 7);
  assert.match(await page.textContent('#map-summary'), /7機関/);
  assert.match(await page.textContent('#map-summary'), /座標未登録 1機関/);
  const legend = await page.$$eval('#legend li', (li) => li.map((x) => x.textContent));
  assert.ok(legend.some((s) => s.startsWith('病院')), legend.join('|'));
  // Each symbol links to its detail page and sits inside the drawing.
  const boxes = await page.$$eval('#map a.inst', (as) => as.map((a) => { const b = a.getBBox(); return [b.x, b.y]; }));
  for (const [x, y] of boxes) assert.ok(x > 0 && x < 1000 && y > 0 && y < 700, `${x},${y} inside the map`);
  // DOMAIN.md: the 16 km rule — the circle around A contains B, C, D, F and the new pharmacy, not E.
  await page.selectOption('#focus', String(ids.A));
  await page.waitForSelector('#map circle.radius');
  assert.match(await page.textContent('#focus-info'), /16 km 以内に 5 機関/);
  assert.match(page.url(), new RegExp(`focus=${ids.A}`));
  await shot('map');
  // Hiding a kind in the legend hides its symbols.
  await page.locator('#legend input[value="hospital"]').uncheck();
  assert.equal(await page.locator('#map a.inst:not(.off)').count(), 6);
  await page.locator('#legend input[value="hospital"]').check();
  await Promise.all([page.waitForURL(new RegExp(`/facility\\?id=${ids.D}$`)), page.click(`#map a.inst[data-id="${ids.D}"]`)]);
  await ready();
  assert.equal(await page.textContent('h1'), FACILITIES.D.name);
  noErrors();
});

test('delete from the detail page after confirmation, back to the directory with a notice', async () => {
  await open(`/facility?id=${ids.N}`);
  // Dismissing the confirmation keeps the institution.
  page.once('dialog', (d) => d.dismiss());
  await page.click('#delete');
  assert.equal((await api('GET', `/api/v1/facilities/${ids.N}`)).status, 200);
  page.once('dialog', (d) => { assert.match(d.message(), /新規テスト薬局/); d.accept(); });
  await Promise.all([page.waitForURL(srv.base + '/'), page.click('#delete')]);
  await ready();
  assert.match(await page.textContent('#page-alert'), /「新規テスト薬局」を削除しました/);
  assert.equal((await api('GET', `/api/v1/facilities/${ids.N}`)).status, 404);
  assert.equal((await rowNames()).length, 7);
  noErrors();
});
