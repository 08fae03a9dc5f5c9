// Browser test of the region set-up (issue 12 §1–§2, "Done when"): a prefecture other than the
// demo's (山梨県 19) set up from nothing in the UI — 二次医療圏 (a municipality in two refused with
// its line), 圏域, a 郡市医師会 district, populations (a bad file refused naming line and column) and
// adjacency — then an imported home-care clinic without coordinates placed at its 市役所, and the
// coverage audit whose gaps are real: no designation yet in either 圏域, and 北杜市 beyond 16 km of
// the only clinic (人口比 44,000 / 72,000). The clinic is on the map, dashed, and on the registry
// page in 「位置が未確定の機関」; a click on the edit form's map confirms its position.
// Screenshots go to $ZAITAKU_SHOTS (default /tmp) as zaitaku-region-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authHeaders, run } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let t, srv, browser, close, page, open, shot, noErrors;

before(async () => {
  ({ t, srv, browser, close } = await browserFixture({ demo: false }));
  const pref19 = await authHeaders(srv, 'prefecture', { prefecture: '19' });
  ({ page, open, shot, noErrors } = await newPage(browser, srv.base, { headers: pref19, shots: 'zaitaku-region-' }));
});
after(() => close?.());

/** Adds a card to the section of kind, names it and ticks the municipalities. */
async function addGroup(kind, name, munis) {
  const sec = page.locator(`#sec-${kind}`);
  await sec.locator(`[data-add="${kind}"]`).click();
  const card = sec.locator('[data-group]').last();
  await card.locator('input[name="group-name"]').fill(name);
  for (const m of munis) await card.locator('label.check', { hasText: new RegExp(`^${m}$`) }).locator('input').check();
}

async function save(kind) {
  await page.evaluate(() => { const a = document.getElementById('page-alert'); a.hidden = true; a.replaceChildren(); });
  await page.locator(`#sec-${kind} [data-save="${kind}"]`).click();
  await page.waitForSelector('#page-alert:not([hidden])');
  return page.locator('#page-alert').innerText();
}

test('二次医療圏, 圏域, 郡市医師会, 人口 and 隣接 set up from nothing on the page', async () => {
  await open('/region?prefecture=19');
  assert.equal(await page.locator('#prefecture').inputValue(), '19');
  assert.equal(await page.locator('#sec-medical-areas [data-group]').count(), 0, 'nothing set up yet');
  await addGroup('medical-areas', '中北', ['甲府市', '韮崎市', '北杜市']);
  await addGroup('medical-areas', '峡東', ['山梨市', '笛吹市', '甲府市']);
  let msg = await save('medical-areas');
  assert.match(msg, /4行目「市町村コード」: 市町村 192015 は二次医療圏「中北」（1行目）にも含まれています/);
  assert.match(await page.locator('#page-alert').getAttribute('class'), /alert-error/);
  await page.locator('#sec-medical-areas [data-group]').last().locator('label.check', { hasText: /^甲府市$/ }).locator('input').uncheck();
  msg = await save('medical-areas');
  assert.match(msg, /二次医療圏を保存しました（5行）/);
  assert.equal(await page.locator('#sec-medical-areas [data-group]').count(), 2, 'reloaded from the server');

  await addGroup('care-areas', '甲府圏域', ['甲府市']);
  await addGroup('care-areas', '峡北圏域', ['韮崎市', '北杜市']);
  assert.match(await save('care-areas'), /圏域を保存しました（3行）/);

  await addGroup('associations', '峡北医師会（試験）', ['韮崎市', '北杜市']);
  assert.match(await save('associations'), /郡市医師会を保存しました（2行）（郡市医師会を1件新たに登録）/);

  // populations: a file with a bad figure is refused naming its line and column, nothing stored
  const bad = join(t.dir, 'population.csv');
  writeFileSync(bad, '市町村コード,市町村名,人口,出典,年\r\n192015,甲府市,187985,令和2年国勢調査,2020\r\n192074,韮崎市,二万八千,令和2年国勢調査,2020\r\n');
  await page.locator('#sec-population input[type="file"]').setInputFiles(bad);
  await page.waitForSelector('#page-alert.alert-error');
  assert.match(await page.locator('#page-alert').innerText(), /3行目 3列目「人口」: 「二万八千」は人口（整数）ではありません/);
  const pop = page.locator('#sec-population');
  assert.equal(await pop.locator('tr[data-code="192015"] input[name="population"]').inputValue(), '', 'nothing stored');
  await pop.locator('input[name="source"]').fill('令和2年国勢調査');
  await pop.locator('input[name="year"]').fill('2020');
  await pop.locator('tr[data-code="192015"] input[name="population"]').fill('187985');
  await pop.locator('tr[data-code="192074"] input[name="population"]').fill('28000');
  await pop.locator('tr[data-code="192091"] input[name="population"]').fill('44000');
  assert.match(await save('population'), /人口を保存しました（3行）/);
  assert.match(await page.locator('#sec-population tr[data-code="192091"]').innerText(), /令和2年国勢調査（2020年）/);

  await page.locator('#sec-adjacency [data-add="adjacency"]').click();
  const pair = page.locator('#sec-adjacency [data-pair]').last();
  await pair.locator('select[name="a"]').selectOption('192074');
  await pair.locator('select[name="b"]').selectOption('192091');
  assert.match(await save('adjacency'), /隣接市町村を保存しました（1行）/);
  await shot('setup');
  noErrors(/Failed to load resource: .*status of 400/);
});

test('an imported clinic without coordinates lands on its 市役所, flagged; the coverage audit shows the real gaps', async () => {
  const csv = join(t.dir, 'clinic.csv');
  writeFileSync(csv, 'kind,name,municipality,address,home_care\r\nclinic,甲府在宅クリニック（試験）,192015,山梨県甲府市丸の内二丁目,true\r\n');
  const r = run(srv.db, ['import', 'facilities', csv]);
  assert.equal(r.status, 0, r.stderr);

  await open('/coverage?prefecture=19');
  const kofu = page.locator('#cov-table tr[data-area="甲府圏域"]');
  const kyohoku = page.locator('#cov-table tr[data-area="峡北圏域"]');
  // seed 001: each 圏域 needs a confirmed 積極的役割 institution and a 拠点 — none designated yet
  assert.match(await kofu.getAttribute('class'), /gap/);
  assert.match(await kyohoku.getAttribute('class'), /gap/);
  // 16 km: 甲府市 is covered by the clinic; 北杜市 (44,000 of 72,000) lies beyond it, 韮崎市 within
  assert.match(await kofu.innerText(), /0\.0%/);
  assert.match(await kyohoku.innerText(), /61\.1%/);
  assert.match(await kyohoku.innerText(), /人口比/);
  await shot('coverage');

  await open('/map');
  const dot = page.locator('#map a.inst.approx');
  assert.equal(await dot.count(), 2, 'the clinic and the new 医師会 are drawn at their offices, dashed');
  assert.match(await page.locator('#map-approx').innerText(), /2機関は位置が未確定/);
  await shot('map');

  await open('/');
  await page.waitForSelector('#unplaced:not([hidden])');
  assert.equal(await page.locator('#unplaced-count').innerText(), '2件');
  await page.locator('#unplaced summary').click();
  const item = page.locator('#unplaced-list li', { hasText: '甲府在宅クリニック（試験）' });
  assert.match(await item.innerText(), /甲府市・市町村役場の位置（仮）/);
  // a distance from 甲府市役所 says it is approximate
  await open('/?pref=19&base=m:192015&within_km=16');
  const row = page.locator('#results tbody tr', { hasText: '甲府在宅クリニック（試験）' });
  assert.match(await row.innerText(), /約 0\.0 km/);
  assert.match(await row.innerText(), /未確定（市町村役場の位置）/);
  assert.match(await page.locator('#f-base').innerText(), /甲府市役所/);
  noErrors();
});

test('a click on the edit form map confirms the position', async () => {
  await open('/');
  await page.locator('#unplaced summary').click();
  await Promise.all([page.waitForURL(/\/edit\?id=/), page.locator('#unplaced-list li a', { hasText: '甲府在宅クリニック（試験）' }).click()]);
  await page.waitForSelector('body[data-ready]');
  await page.waitForSelector('#pick-here');
  const box = await page.locator('#pick-map').boundingBox();
  await page.locator('#pick-map').click({ position: { x: box.width / 2 + 40, y: box.height / 2 - 20 } });
  assert.equal(await page.locator('#coord_source').inputValue(), 'map_click');
  assert.equal(await page.locator('#coord_precision').inputValue(), 'street');
  const lat = Number(await page.locator('#lat').inputValue());
  assert.ok(lat > 35.662 && lat < 35.7, String(lat));
  await shot('pick');
  await Promise.all([page.waitForURL(/\/facility\?id=/), page.click('#save')]);
  await open('/');
  assert.equal(await page.locator('#unplaced-count').innerText(), '1件');
  noErrors();
});
