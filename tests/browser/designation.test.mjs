// Browser tests of designation per area (issue 4 §8): run the designation for prefecture 08 on the
// demo region, see the candidates with their rule (行方市 falls back to a neighbour), confirm one,
// see a non-medical override refused with its reason, edit a checklist with an overdue item, see
// a coverage gap on the map, and read the signed-out public listing.
// Screenshots go to $ZAITAKU_SHOTS (default /tmp) as zaitaku-designation-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { distanceKm as km } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let srv, auth, api, browser, close, page, open, shot, noErrors;
const PREFIX = 'zaitaku-designation-';

before(async () => {
  ({ srv, auth, api, browser, close } = await browserFixture({ demo: true }));
  // A refused override is a 400 the page shows; nothing else may fail.
  ({ page, open, shot, noErrors } = await newPage(browser, srv.base,
    { headers: auth, allow: /Failed to load resource: .*status of 400/, shots: PREFIX }));
});

after(() => close?.());

test('run the designation and confirm a candidate', async () => {
  await open('/designation');
  await page.fill('#prefecture', '08');
  await page.click('#run');
  await page.waitForSelector('#muni-list article[data-code="082333"]');
  const card = page.locator('article[data-code="082333"]'); // 行方市: no 在支病/在支診 of its own
  const rules = await card.locator('table.candidates[data-role="active"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.rule));
  assert.ok(rules.length > 0 && rules.every((r) => r.startsWith('neighbour_')), rules.join());
  assert.match(await card.locator('table.candidates[data-role="active"]').innerText(), /近隣市町村/);
  assert.match(await card.locator('table.candidates[data-role="active"]').innerText(), /から）/);
  // 鹿行北部 misses a 拠点 (demo)
  assert.match(await page.locator('#area-table tr[data-area="鹿行北部"]').getAttribute('class'), /gap/);
  await shot('candidates');

  assert.equal(await card.locator('.confirmed-list li').count(), 0);
  await card.locator('table.candidates[data-role="active"] button.confirm').first().click();
  await page.waitForSelector('article[data-code="082333"] .confirmed-list li');
  assert.match(await page.locator('#page-alert').innerText(), /位置付けました/);
  assert.equal(await page.locator('article[data-code="082333"] .confirmed-list li').count(), 1);
  noErrors();
});

test('an override naming a non-medical institution is refused with the reason', async () => {
  const card = page.locator('article[data-code="082341"]');
  const community = await card.locator('table.candidates[data-role="base"] tbody tr[data-rule="base_community_support"]').getAttribute('data-institution');
  await card.locator('details.override summary').click();
  const form = card.locator('form.override-form');
  await form.locator('select[name="role"]').selectOption('active');
  await form.locator('input[name="institution_id"]').fill(community);
  await form.locator('input[name="reason"]').fill('地域の要望');
  await form.locator('button[type="submit"]').click();
  await page.waitForSelector('#page-alert.alert-error');
  assert.match(await page.locator('#page-alert').innerText(), /医療機関（病院・診療所）ではない/);
  noErrors();
});

test('checklist editor shows the overdue item and saves', async () => {
  const card = page.locator('article[data-code="082228"]'); // 鹿嶋市: the demo's checklist
  await card.locator('section').first().locator('button.open-checklist').first().click();
  await page.waitForSelector('#checklist:not([hidden]) tr[data-item="bcp"]');
  assert.match(await page.locator('tr[data-item="bcp"]').getAttribute('class'), /overdue/);
  assert.match(await page.locator('#checklist-summary').innerText(), /期限を過ぎた/);
  await shot('checklist');
  const row = page.locator('tr[data-item="bcp"]');
  await row.locator('select[name="status"]').selectOption('done');
  await row.locator('input[name="evidence"]').fill('BCP策定（搬送計画を含む）');
  await row.locator('input[name="done_date"]').fill('2025-06-30');
  await page.click('#checklist-save');
  await page.waitForSelector('#checklist-alert.alert-info');
  assert.doesNotMatch(await page.locator('tr[data-item="bcp"]').getAttribute('class') || '', /overdue/);
  noErrors();
});

test('a coverage gap on the map', async () => {
  // Make 鉾田市's office farther than 16 km from every home-care institution.
  let r = await api('GET', '/api/v1/coverage?prefecture=08');
  const hokota = r.json.map.municipalities.find((m) => m.name === '鉾田市');
  for (const c of r.json.map.clinics.filter((c) => km(c, hokota) <= 16.5)) {
    r = await api('PUT', `/api/v1/facilities/${c.id}`, { home_care: false, standards: [] });
    assert.equal(r.status, 200, r.text);
  }
  await open('/coverage?prefecture=08');
  await page.waitForSelector('#cov-map g.muni-group');
  assert.match(await page.locator('#cov-table tr[data-area="鹿行北部"]').getAttribute('class'), /gap/);
  assert.equal(await page.locator('#cov-map g[data-code="082341"] circle.muni.uncovered').count(), 1);
  assert.ok(await page.locator('#cov-map circle.muni-gap').count() >= 1);
  assert.ok(await page.locator('#cov-map circle.circle16').count() >= 1);
  assert.match(await page.locator('#map-summary').innerText(), /鉾田市/);
  await shot('coverage');
  noErrors();
});

test('support centre items are edited on the coverage page (seed 004 mandatory items)', async () => {
  const row = page.locator('#ma-table tbody tr').first();
  assert.doesNotMatch((await row.getAttribute('class')) || '', /gap/);
  const editor = row.locator('details.centre-edit').first(); // the area lists every centre (issue 13): the first one's editor
  await editor.locator('summary').click();
  await editor.locator('input[value="liaison_meeting"]').uncheck();
  await editor.locator('form.centre-form button[type="submit"]').click();
  await page.waitForSelector('#ma-table tbody tr.gap');
  assert.match(await page.locator('#ma-table tbody tr').first().innerText(), /連絡会/);
  noErrors();
});

test('the public listing is readable signed out', async () => {
  const pub = await newPage(browser, srv.base, { allow: null, shots: PREFIX });
  const p = pub.page;
  await pub.open('/public-designations?prefecture=08');
  const text = await p.locator('#pub-areas').innerText();
  assert.match(text, /鹿行南部/);
  assert.match(text, /鹿嶋市/);
  assert.doesNotMatch(text, /理由|候補/);
  await pub.shot('public');
  pub.noErrors();
  await pub.close();
});
