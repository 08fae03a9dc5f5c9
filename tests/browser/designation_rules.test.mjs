// Browser tests of seeds 001 and 004 to the letter (issue 13 items 7–12) and the Japanese of the
// designation and coverage pages (issue 12 item 9): the demo designation flagged after its 在支病
// filing was withdrawn, the rules explained, a volunteer refused with the definition, the
// 連携型 support centre with its member group, and no English or internal codes on screen.
// Screenshots go to $ZAITAKU_SHOTS (default /tmp) as zaitaku-designation-rules-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserFixture, newPage } from './lib.mjs';

let srv, auth, browser, close, page, open, shot, noErrors;

before(async () => {
  ({ srv, auth, browser, close } = await browserFixture({ demo: true }));
  ({ page, open, shot, noErrors } = await newPage(browser, srv.base,
    { headers: auth, allow: /Failed to load resource: .*status of 400/, shots: 'zaitaku-designation-rules-' }));
});

after(() => close?.());

/** Visible text of main without the values of form fields: no ASCII words of two letters or more
 *  except units and the era-free numbers (km, ID). */
async function englishOnScreen() {
  const text = await page.locator('main').innerText();
  return (text.match(/[A-Za-z_]{2,}/g) || []).filter((w) => !['km', 'ID', 'CSV', 'Excel', 'BCP'].includes(w));
}

test('the designation page: flagged designation with its date and reason, the rules explained, 位置付け in the menu', async () => {
  await open('/designation?prefecture=08');
  await page.waitForSelector('#muni-list article[data-code="082325"]');
  const kamisu = page.locator('article[data-code="082325"] .confirmed-list li.unmet');
  assert.equal(await kamisu.count(), 1);
  assert.match(await kamisu.innerText(), /要件を満たさなくなりました（令和\d+年\d+月\d+日）/);
  assert.match(await kamisu.innerText(), /在宅療養支援病院の届出がなくなりました/);
  assert.match(await page.locator('#rules-help').innerText(), /自ら24時間対応体制の在宅医療を提供する/);
  assert.match(await page.locator('#area-table tr[data-area="鹿行南部"]').innerText(), /要件を満たさなくなりました/);
  assert.equal(await page.locator('#placement-section').isHidden(), false);
  // rule ③ shows the distance between the municipality offices
  assert.match(await page.locator('article[data-code="082333"] table.candidates[data-role="active"]').innerText(), /役場間 [\d.]+ km/);
  assert.match(await page.locator('#site-header').innerText(), /位置付け・圏域/);
  assert.doesNotMatch(await page.locator('#site-header').innerText(), /指定/);
  assert.deepEqual(await englishOnScreen(), []);
  await shot('flagged');
  noErrors();
});

test('a volunteer that does not provide 24h home care itself is refused with the definition', async () => {
  const card = page.locator('article[data-code="082341"]'); // 鉾田市
  const r = await page.evaluate(async () => (await fetch('/api/v1/facilities?q=' + encodeURIComponent('鉾田駅前医院'))).json());
  const id = r.items[0].id;
  await card.locator('details.override summary').click();
  const form = card.locator('form.override-form');
  await form.locator('select[name="role"]').selectOption('active');
  await form.locator('select[name="basis"]').selectOption('volunteer');
  await form.locator('input[name="institution_id"]').fill(String(id));
  await form.locator('button[type="submit"]').click();
  await page.waitForSelector('#page-alert.alert-error');
  assert.match(await page.locator('#page-alert').innerText(), /24時間対応「なし」/);
  assert.deepEqual((await page.locator('#page-alert').innerText()).match(/[A-Za-z_]{3,}/g), null);
  noErrors();
});

test('the coverage page: the 連携型 centre with its group, the quota, and only Japanese on screen', async () => {
  await open('/coverage?prefecture=08');
  await page.waitForSelector('#ma-table tbody tr');
  const row = page.locator('#ma-table tbody tr').first();
  const linked = row.locator('.centre[data-type="linked"]');
  assert.equal(await linked.count(), 1);
  const text = await linked.innerText();
  assert.match(text, /連携型/);
  assert.match(text, /代表: 鹿行みらい医師会/);
  assert.match(text, /構成機関: .*かしま在宅クリニック/);
  assert.match(text, /構成機関: .*訪問看護ステーションなめがた（架空）（訪問看護ステーション）/);
  assert.match(await row.innerText(), /県の定める数: 2箇所/);
  assert.match(await page.locator('#cov-table tr[data-area="鹿行南部"]').innerText(), /要件を満たさなくなりました/);
  assert.deepEqual(await englishOnScreen(), []);
  await shot('centres');
  noErrors();
});
