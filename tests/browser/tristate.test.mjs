// Browser tests of issue 12 §3 and §6 on the registry page: "the 24h filter shows 未確認
// institutions when asked" (未確認も含める), 未確認 shown as such, the edit form's three states and
// the detail page's record of who confirmed what; search as one types (half-width kana matching
// katakana), sortable columns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createFacilities } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let srv, auth, api, browser, close, page, open, ready, shot, noErrors;
let ids = {};

const FACILITIES = {
  Y: { kind: 'clinic', name: 'ガクエン在宅クリニック', kana: 'ガクエンザイタククリニック', municipality: '082228', h24: true, home_care: true },
  N: { kind: 'clinic', name: '鹿嶋みなと診療所', kana: 'カシマミナトシンリョウジョ', municipality: '082228', h24: false, home_care: true },
  // as the bureau import leaves it: nothing known of its 24h care, visits or capabilities
  U: { kind: 'hospital', name: '潮来中央病院', kana: 'イタコチュウオウビョウイン', municipality: '082236', beds: 120,
    h24: null, home_care: null, capabilities: [], capabilities_unknown: ['ventilator', 'oxygen', 'tpn'] },
};

before(async () => {
  ({ srv, auth, api, browser, close } = await browserFixture());
  ids = await createFacilities(api, FACILITIES);
  ({ page, open, ready, shot, noErrors } = await newPage(browser, srv.base, { headers: auth }));
});
after(() => close?.());

const rowNames = () => page.$$eval('#results tbody tr td.name a', (as) => as.map((a) => a.textContent));

test('the 24h filter shows 未確認 institutions when asked (未確認も含める)', async () => {
  await open('/');
  await page.selectOption('#f-h24', 'true');
  await Promise.all([page.waitForURL(/h24=true/), page.click('button[type="submit"]')]);
  await ready();
  assert.deepEqual(await rowNames(), [FACILITIES.Y.name]); // unknown is not yes …
  await page.getByLabel('未確認も含める').check();
  await Promise.all([page.waitForURL(/include_unknown=true/), page.click('button[type="submit"]')]);
  await ready();
  assert.deepEqual((await rowNames()).sort(), [FACILITIES.Y.name, FACILITIES.U.name].sort());
  assert.equal(await page.isChecked('#f-unknown'), true); // restored from the URL
  const badge = await page.textContent(`#results tbody tr[data-id="${ids.U}"] .badge-unknown`);
  assert.equal(badge, '未確認');
  await shot('tristate-filter');
  // … and not no either
  await open('/?h24=false');
  assert.deepEqual(await rowNames(), [FACILITIES.N.name]);
  await open('/?h24=false&include_unknown=true');
  assert.deepEqual((await rowNames()).sort(), [FACILITIES.N.name, FACILITIES.U.name].sort());
  noErrors();
});

test('search as one types: half-width kana finds katakana, the URL follows; columns sort', async () => {
  await open('/');
  await page.fill('#f-q', 'ｶﾞｸｴﾝ'); // no submit: the list follows the typing
  await page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length === 1);
  assert.deepEqual(await rowNames(), [FACILITIES.Y.name]);
  await page.waitForURL(/q=/);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'ｶﾞｸｴﾝ');
  await page.fill('#f-q', 'かしま　みなと'); // two words, hiragana, ideographic space
  await page.waitForFunction((name) => [...document.querySelectorAll('#results tbody td.name a')].map((a) => a.textContent).join() === name, FACILITIES.N.name);
  await page.fill('#f-q', '');
  await page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length === 3);
  // よみ順 (the kana's code order, ガ right after カ): イタコ < カシマ < ガクエン
  await page.click('#results-head button[data-sort="kana"]');
  await page.waitForSelector('#results-head th[aria-sort="ascending"]');
  assert.deepEqual(await rowNames(), [FACILITIES.U.name, FACILITIES.N.name, FACILITIES.Y.name]);
  assert.equal(new URL(page.url()).searchParams.get('sort'), 'kana');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.sort), '-kana'); // focus stays on the header
  await page.click('#results-head button[data-sort="-kana"]');
  await page.waitForSelector('#results-head th[aria-sort="descending"]');
  assert.deepEqual(await rowNames(), [FACILITIES.Y.name, FACILITIES.N.name, FACILITIES.U.name]);
  await shot('tristate-sorted');
  noErrors();
});

test('the edit form offers 対応あり / なし / 未確認 and the detail page shows who confirmed what', async () => {
  await open(`/edit?id=${ids.U}`);
  assert.equal(await page.inputValue('#h24'), 'unknown');
  assert.equal(await page.inputValue('#home_care'), 'unknown');
  assert.equal(await page.isChecked('input[name="capabilities_unknown"][value="ventilator"]'), true);
  assert.equal(await page.isChecked('input[name="capabilities_unknown"][value="end_of_life"]'), false);
  await page.selectOption('#h24', 'yes');
  await page.getByLabel('人工呼吸器').check(); // confirming yes clears its 未確認
  assert.equal(await page.isChecked('input[name="capabilities_unknown"][value="ventilator"]'), false);
  await Promise.all([page.waitForURL(new RegExp(`/facility\\?id=${ids.U}$`)), page.click('#save')]);
  await ready();
  const stored = (await api('GET', `/api/v1/facilities/${ids.U}`)).json;
  assert.equal(stored.h24, true);
  assert.equal(stored.home_care, null);
  assert.deepEqual(stored.capabilities, ['ventilator']);
  assert.deepEqual(stored.capabilities_unknown, ['oxygen', 'tpn']);
  const row = (fact) => page.$$eval(`#facts tr[data-fact="${fact}"] td`, (td) => td.map((x) => x.textContent));
  const h24 = await row('h24');
  assert.equal(h24[1], '対応あり');
  assert.match(h24[2], /^t-admin-/);
  assert.match(h24[3], /\d/);
  assert.deepEqual((await row('home_care')).slice(1, 3), ['未確認', '']);
  assert.equal(await page.textContent('#capabilities li.unknown > span:nth-child(2)'), '酸素療法');
  assert.match(await page.textContent('#basic'), /未確認/);
  await shot('tristate-facility');
  noErrors();
});
