// Browser test of the map (issue 12 §7): an offline base layer (coastlines shipped with the pages,
// municipality and prefecture boundaries from an imported N03 file — a tiny hand-made one), the
// registry's filters followed, the 16 km circle from an institution, an office or a clicked point,
// overlapping symbols spread so that each is reachable, zoom and pan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, createFacilities, run } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let t, srv, auth, api, browser, close, page, open, ready, shot, noErrors;
let ids = {};

// Two institutions at the very same coordinate (a clinic in a hospital's building), one whose 24h
// care nobody has confirmed, one far away (≈ 24 km).
const FACILITIES = {
  H: { kind: 'hospital', name: '鹿嶋地図テスト病院', municipality: '082228', lat: 35.9656, lon: 140.6444, h24: true, beds: 100 },
  C: { kind: 'clinic', name: '同じ建物のクリニック', municipality: '082228', lat: 35.9656, lon: 140.6444, h24: false },
  U: { kind: 'clinic', name: '未確認クリニック', municipality: '082236', lat: 35.947, lon: 140.555, h24: null },
  F: { kind: 'pharmacy', name: '遠くの薬局', municipality: '082341', lat: 36.158, lon: 140.516, h24: true },
};

before(async () => {
  ({ t, srv, auth, api, browser, close } = await browserFixture());
  const r = run(t.db, ['import', 'boundaries', join(ROOT, 'tests/data/n03_tiny.geojson')]);
  assert.equal(r.status, 0, r.stderr);
  ids = await createFacilities(api, FACILITIES);
  ({ page, open, ready, shot, noErrors } = await newPage(browser, srv.base, { headers: auth }));
});
after(() => close?.());

const centre = (sel) => page.$eval(sel, (a) => { const b = a.getBBox(); return [b.x + b.width / 2, b.y + b.height / 2]; });

test('base layer: coastlines and the imported boundaries, drawn without any request outside', async () => {
  const outside = [];
  page.on('request', (req) => { if (!req.url().startsWith(srv.base)) outside.push(req.url()); });
  await open('/map');
  assert.ok((await page.getAttribute('#map path.land', 'd')).length > 100, 'coastline path drawn');
  assert.equal(await page.locator('#map path.muni-boundary').count(), 3); // 鹿嶋, 潮来, 神栖 of 茨城県
  assert.equal(await page.locator('#map path.pref-boundary[data-code="08"]').count(), 1);
  assert.equal(await page.locator('#map a.inst').count(), 4);
  assert.deepEqual(outside, []);
  await shot('map-base');
  noErrors();
});

test('overlapping symbols are spread around their position and each is reachable', async () => {
  await open('/map');
  const [hx, hy] = await centre(`#map a.inst[data-id="${ids.H}"]`);
  const [cx, cy] = await centre(`#map a.inst[data-id="${ids.C}"]`);
  assert.ok(Math.hypot(hx - cx, hy - cy) >= 16, `spread apart: ${hx},${hy} / ${cx},${cy}`);
  assert.equal(await page.locator('#map .leaders line').count(), 2);
  await Promise.all([page.waitForURL(new RegExp(`/facility\\?id=${ids.C}$`)), page.click(`#map a.inst[data-id="${ids.C}"]`)]);
  await ready();
  await open('/map');
  await Promise.all([page.waitForURL(new RegExp(`/facility\\?id=${ids.H}$`)), page.click(`#map a.inst[data-id="${ids.H}"]`)]);
  await ready();
  noErrors();
});

test('the map follows the registry filters (and the directory links to it with them)', async () => {
  await open('/?h24=true&include_unknown=true');
  const href = await page.getAttribute('#map-link', 'href');
  assert.equal(href, '/map?h24=true&include_unknown=true');
  await Promise.all([page.waitForURL(/\/map\?/), page.click('#map-link')]);
  await ready();
  const shown = await page.$$eval('#map a.inst', (as) => as.map((a) => Number(a.dataset.id)).sort((x, y) => x - y));
  assert.deepEqual(shown, [ids.H, ids.U, ids.F].sort((x, y) => x - y)); // 未確認 included when asked, 対応なし not
  assert.equal(await page.isVisible('#map-filter'), true);
  await open('/map?kind=hospital');
  assert.equal(await page.locator('#map a.inst').count(), 1);
  noErrors();
});

test('16 km circle from an institution, then from a clicked point; zoom and pan', async () => {
  await open('/map');
  await page.selectOption('#focus', String(ids.U));
  await page.waitForSelector('#map circle.radius');
  // from 潮来 (U): H and C ≈ 8.3 km, F ≈ 24 km
  assert.match(await page.textContent('#focus-info'), /未確認クリニック から 16 km 以内に 2 機関/);
  assert.match(page.url(), new RegExp(`focus=${ids.U}`));
  // a click on empty map: the circle moves there
  const box = await page.locator('#map').boundingBox();
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height * 0.15);
  await page.waitForFunction(() => /クリックした地点 から 16 km 以内に \d+ 機関/.test(document.getElementById('focus-info').textContent));
  assert.match(new URL(page.url()).searchParams.get('at'), /^3\d\.\d{5},14\d\.\d{5}$/);
  assert.equal(await page.inputValue('#focus'), '');
  await shot('map-click');
  // zoom in: symbols move apart, the level is shown; zoom out again
  const d0 = await page.$$eval('#map a.inst', (as) => { const b = as.map((a) => a.getBBox()); return Math.hypot(b[0].x - b[b.length - 1].x, b[0].y - b[b.length - 1].y); });
  await page.click('#zoom-in');
  assert.equal(await page.textContent('#zoom-level'), '160%');
  const d1 = await page.$$eval('#map a.inst', (as) => { const b = as.map((a) => a.getBBox()); return Math.hypot(b[0].x - b[b.length - 1].x, b[0].y - b[b.length - 1].y); });
  assert.ok(d1 > d0 * 1.4, `${d1} > 1.4 × ${d0}`);
  // pan with a drag and with the keyboard: everything shifts, nothing else happens
  const [x0] = await centre(`#map a.inst[data-id="${ids.F}"]`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const [x1] = await centre(`#map a.inst[data-id="${ids.F}"]`);
  assert.ok(x1 - x0 > 30, `dragged right: ${x0} → ${x1}`);
  assert.match(await page.textContent('#focus-info'), /クリックした地点/); // a drag is not a click
  await page.focus('#map-frame');
  await page.keyboard.press('ArrowLeft');
  const [x2] = await centre(`#map a.inst[data-id="${ids.F}"]`);
  assert.ok(x2 - x1 > 30, `arrow key pans: ${x1} → ${x2}`);
  await page.click('#zoom-fit');
  assert.equal(await page.textContent('#zoom-level'), '100%');
  await page.click('#clear-center');
  assert.equal(await page.locator('#map circle.radius').count(), 0);
  noErrors();
});
