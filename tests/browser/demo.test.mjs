// Browser tests of the registry UI on the demo region (issue 2 §8–§9: 茨城県 鹿行二次医療圏).
// The exact rows of each filter are asserted in registry.test.mjs on data written there; here the
// pages are checked against the API on the richer demo (paging, 圏域, offices on the map), with
// the five municipalities of §8 as the fixed facts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { run, ROOT } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

const ROKKO = { '082228': '鹿嶋市', '082236': '潮来市', '082325': '神栖市', '082333': '行方市', '082341': '鉾田市' };

let srv, auth, api, browser, close, page, open, ready, shot, noErrors;
const apiIds = async (q) => (await api('GET', '/api/v1/facilities?limit=500&' + q)).json.items.map((f) => f.id).sort((a, b) => a - b);

before(async () => {
  ({ srv, auth, api, browser, close } = await browserFixture({
    demo: true,
    // A bureau list on top of the demo (issue 2 §6), with 受理記号 that map to no standard.
    prepare: (t) => {
      const imp = run(t.db, ['import', 'facility-standards', join(ROOT, 'tests/data/bureau_utf8.csv')]);
      assert.equal(imp.status, 0, imp.stderr);
    },
  }));
  ({ page, open, ready, shot, noErrors } = await newPage(browser, srv.base, { headers: auth, shots: 'zaitaku-demo-' }));
});

after(() => close?.());

const rowIds = async () => (await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.id)))).sort((a, b) => a - b);

test('demo directory: count, paging, and a capability + 24h search equal the API', async () => {
  const total = (await api('GET', '/api/v1/facilities?limit=1')).json.total;
  assert.ok(total > 50, 'the demo is larger than one page');
  await open('/');
  assert.match(await page.textContent('#result-count'), new RegExp(`^${total}件中 1〜50件`));
  assert.equal((await rowIds()).length, 50);
  await shot('index', { fullPage: false });
  await Promise.all([page.waitForURL(/page=2/), page.click('#pager a[rel="next"]')]);
  await ready();
  assert.equal((await rowIds()).length, total - 50);
  // seed 002 ①: who manages a ventilator around the clock — the rows the API gives, no more.
  await open('/');
  await page.getByLabel('人工呼吸器').check();
  await page.selectOption('#f-h24', 'true');
  await Promise.all([page.waitForURL(/capability=ventilator/), page.click('button[type="submit"]')]);
  await ready();
  const want = await apiIds('capability=ventilator&h24=true');
  assert.ok(want.length > 0);
  assert.deepEqual(await rowIds(), want);
  noErrors();
});

test('demo directory: 圏域 and distance from a municipality office', async () => {
  const areas = (await api('GET', '/api/v1/areas?prefecture=08')).json.items;
  assert.ok(areas.length > 0, 'the demo defines 圏域');
  const area = areas[0];
  await open('/');
  await page.selectOption('#f-area', String(area.id));
  await Promise.all([page.waitForURL(/area=/), page.click('button[type="submit"]')]);
  await ready();
  assert.deepEqual(await rowIds(), await apiIds('area=' + area.id));
  const munis = await page.$$eval('#results tbody tr td:nth-child(3)', (tds) => [...new Set(tds.map((td) => td.textContent))]);
  const names = new Set(area.municipalities.map((c) => ROKKO[c]));
  for (const m of munis) assert.ok(names.has(m), `${m} belongs to ${area.name}`);
  // DOMAIN.md 16 km rule: institutions within 16 km of 鹿嶋市役所, nearest first.
  await open('/?base=m:082228&within_km=16');
  const office = (await api('GET', '/api/v1/municipalities?prefecture=08')).json.items.find((m) => m.code === '082228');
  // The first page (50 rows) in the API's order: nearest first.
  const near = (await api('GET', `/api/v1/facilities?near=${office.lat},${office.lon}&within_km=16&limit=50`)).json.items.map((f) => f.id);
  assert.deepEqual(await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.id))), near);
  const km = await page.$$eval('#results tbody tr td.num', (tds) => tds.map((td) => parseFloat(td.textContent.replace(/^約\s*/, ''))));
  assert.ok(km.length > 0 && km.every((d, i) => d <= 16 && (i === 0 || d >= km[i - 1])), km.join(','));
  noErrors();
});

test('demo map: every institution with a coordinate, and the five municipality offices labelled', async () => {
  const all = (await api('GET', '/api/v1/facilities?limit=500')).json.items;
  const withCoord = all.filter((f) => f.lat !== null);
  await open('/map');
  assert.equal(await page.locator('#map a.inst').count(), withCoord.length);
  const labels = await page.$$eval('#map .office-label', (ts) => ts.map((x) => x.textContent).sort());
  assert.deepEqual(labels, Object.values(ROKKO).sort());
  const clinic = withCoord.find((f) => f.kind === 'clinic');
  await page.selectOption('#focus', String(clinic.id));
  await page.waitForSelector('#map circle.radius');
  await shot('map', { fullPage: false });
  noErrors();
});

test('detail page shows the bureau filings, unknown 受理記号 included and marked', async () => {
  // issue 2 §6: unknown codes are kept and reported, never silently dropped.
  const hit = (await api('GET', '/api/v1/facilities?q=' + encodeURIComponent('鹿嶋架空総合病院'))).json.items;
  assert.equal(hit.length, 1);
  await open('/facility?id=' + hit[0].id);
  const rows = await page.$$eval('#filings tbody tr', (trs) => trs.map((tr) => ({
    symbol: tr.cells[0].textContent, date: tr.cells[3].textContent, unknown: tr.classList.contains('unknown'), state: tr.cells[4].textContent })));
  assert.equal(rows.length, 4);
  const dx = rows.find((r) => r.symbol.includes('DX') || r.symbol.includes('ＤＸ'));
  assert.ok(dx && dx.unknown && dx.state === '未対応の受理記号', JSON.stringify(rows));
  assert.equal(dx.date, '令和6年10月1日（2024-10-01）', 'the 算定開始年月日 in 和暦 as on the list, with the ISO date');
  assert.equal(rows.filter((r) => !r.unknown).length, 3);
  const stds = await page.$$eval('#standards li', (li) => li.map((x) => x.textContent));
  assert.ok(stds.includes('在宅療養後方支援病院'), stds.join('|'));
  await shot('filings');
  noErrors();
});
