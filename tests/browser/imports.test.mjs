// Browser test of 名簿・一覧の取込 (issue 12 §4–5): upload the monthly 施設基準 list, see the dry run
// and what changes against the registry, confirm; next month's list shows the clinic that is gone
// and its 在支診 lost; bad lines are listed by number; the registry page shows
// 「施設基準名簿 令和○年○月○日現在」 and exports the current filter as XLSX.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let srv, auth, api, browser, close, page, open, shot, noErrors;
const data = (f) => join(ROOT, 'tests/data', f);

before(async () => {
  ({ srv, auth, api, browser, close } = await browserFixture());
  ({ page, open, shot, noErrors } = await newPage(browser, srv.base, { headers: auth, allow: /status of (400|409|422)/ }));
});

after(() => close?.());

async function previewFile(file) {
  await page.setInputFiles('#file', data(file));
  await page.click('#preview-button');
  await page.waitForSelector('#preview:not([hidden]) #preview-body > *');
}

test('upload a bureau list: preview, confirm, next month shows what ends', async () => {
  await open('/imports');
  assert.equal(await page.title(), '名簿・一覧の取込 — 在宅医療・介護 地域資源');
  await previewFile('bureau_kanto_cp932.csv');
  assert.match(await page.textContent('#count-new'), /7/);
  assert.match(await page.textContent('#preview-body'), /令和6年11月1日現在/);
  assert.match(await page.textContent('#unknown-symbols'), /医療DX ×1/);
  assert.equal((await api('GET', '/api/v1/facilities?limit=1')).json.total, 0, 'the preview stores nothing');
  await shot('imports-preview');
  await page.click('#confirm-button');
  await page.waitForSelector('#page-alert.alert-info');
  assert.match(await page.textContent('#page-alert'), /登録しました/);
  assert.equal((await api('GET', '/api/v1/facilities?limit=1')).json.total, 7);
  await page.waitForSelector('#history tbody tr');
  assert.match(await page.textContent('#history tbody tr'), /bureau_kanto_cp932\.csv/);

  await previewFile('bureau_next_month.csv');
  assert.match(await page.textContent('#count-ended'), /1/);
  assert.match(await page.textContent('#count-unchanged'), /4/);
  assert.match(await page.textContent('#ended'), /神栖架空ファミリー診療所/);
  assert.match(await page.textContent('#ended'), /在宅療養支援診療所/);
  assert.match(await page.textContent('#changed'), /電話番号: 「0299-00-0001」→「0299-00-9999」/);
  await shot('imports-next-month');
  await page.click('#confirm-button');
  await page.waitForSelector('#page-alert.alert-info');
  // the clinic's page shows the filing that ended, with its date
  const gone = (await api('GET', '/api/v1/facilities?q=' + encodeURIComponent('神栖架空ファミリー'))).json.items[0];
  await open(`/facility?id=${gone.id}`);
  assert.equal(await page.isVisible('#filings-ended'), true);
  assert.match(await page.textContent('#filings-ended tbody'), /支援診3/);
  noErrors();
});

test('the コード内容別医療機関一覧表: new clinics and the institutions it lacks', async () => {
  await open('/imports');
  await page.check('input[name="kind"][value="code-list"]');
  await previewFile('code_list_kinki.xlsx');
  assert.match(await page.textContent('#count-new'), /3/);
  assert.match(await page.textContent('#not-listed'), /行方架空内科医院/);
  assert.match(await page.textContent('#suspended'), /1件/);
  await page.click('#confirm-button');
  await page.waitForSelector('#page-alert.alert-info');
  assert.match(await page.textContent('#history tbody tr'), /コード内容別医療機関一覧表/);
  noErrors();
});

test('bad lines are listed by number and nothing is stored', async () => {
  await open('/imports');
  await previewFile('bureau_bad.csv');
  const lines = await page.$$eval('#error-lines tbody tr td:first-child', (tds) => tds.map((t) => t.textContent));
  assert.deepEqual(lines, ['5行目', '6行目', '7行目', '8行目', '9行目', '10行目']);
  assert.equal(await page.isHidden('#confirm-button'), true);
  noErrors(/status of 422/);
});

test('the registry page shows the list date and exports the current filter', async () => {
  await open('/?kind=clinic');
  assert.equal(await page.textContent('#standards-as-of'), '施設基準名簿 令和6年12月1日現在');
  assert.equal(await page.getAttribute('#export-xlsx', 'href'), '/api/v1/facilities.xlsx?kind=clinic');
  // the link answers the workbook (a download link of a cookie session; this page signs in by header)
  const got = await page.evaluate(async (h) => {
    const r = await fetch(h);
    return [r.status, r.headers.get('content-type'), r.headers.get('content-disposition')];
  }, await page.getAttribute('#export-xlsx', 'href'));
  assert.equal(got[0], 200);
  assert.match(got[1], /spreadsheetml/);
  assert.match(got[2], /facilities\.xlsx/);
  await page.click('#export-cp932');
  await page.waitForSelector('#page-alert.alert-info');
  assert.match(await page.textContent('#page-alert'), /Shift_JIS/);
  await shot('registry-export');
  noErrors();
});
