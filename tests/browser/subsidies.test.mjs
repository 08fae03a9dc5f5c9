// Browser test of 「補助金の支出と所要額」 (issue 19 §3, §5): an operator's coordinator finds the page in
// the menu, enters expenses — a 会食 that is refused with the reason, a 副主治医人件費 over its 2,500千円
// cap that is cut — sees the claim, edits and deletes a line, and downloads the 所要額明細書 (PDF and Excel).
// Screenshots: $ZAITAKU_SHOTS/zaitaku-subsidies-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { authHeaders } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let fx, op, p;

before(async () => {
  fx = await browserFixture({ demo: true, env: { ZAITAKU_NOW: '2026-11-30T01:00:00Z' } });
  const a = await fx.api('GET', '/api/v1/facilities?kind=medical_association&municipality=082228');
  const assoc = a.json.items[0].id;
  const r = await fx.api('POST', '/api/v1/operators', { name: 'ブラウザ グループ診療運営', kind: 'group_practice', prefecture: '08', association_id: assoc, first_fiscal_year: 2025 });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  op = r.json.id;
  const coord = await authHeaders(fx.srv, 'coordinator', { associations: [assoc] });
  p = await newPage(fx.browser, fx.srv.base, { headers: coord, shots: 'zaitaku-subsidies-' });
});
after(() => fx?.close());

/** Fills the expense form and submits it. */
async function enter({ category, kind, date, amount, payee }) {
  await p.page.selectOption('#e-category', category);
  await p.page.selectOption('#e-kind', kind);
  await p.page.fill('#e-date', date);
  await p.page.fill('#e-amount', amount);
  await p.page.fill('#e-payee', payee);
  await Promise.all([
    p.page.waitForResponse((r) => r.request().method() === 'POST' && /\/expenses$/.test(r.url())),
    p.page.click('#e-save'),
  ]);
  await p.page.waitForSelector('#exp-form:not([data-busy])'); // the page has finished with the reply
}

test('enter expenses: 会食 refused, a category over its cap cut, the claim downloaded', async () => {
  await p.open('/');
  await p.page.click('nav a[href="/subsidies"]');
  await p.ready();
  assert.equal((await p.page.textContent('h1')).trim(), '補助金の支出と所要額');
  await p.page.selectOption('#s-operator', String(op));
  await p.page.selectOption('#s-programme', 'group_practice');
  assert.equal(await p.page.inputValue('#s-year'), '2026');
  assert.match(await p.page.textContent('#s-year-wareki'), /令和8年度/);
  assert.match(await p.page.textContent('#caps'), /補助上限額 6,030,000円（区ごと）/);
  assert.match(await p.page.textContent('#caps'), /副主治医人件費 2,500,000円/);

  // a 会食 after a training: refused with the reason, the 費目 field marked, nothing recorded
  await enter({ category: 'kenshu', kind: 'kaishoku', date: '2026-07-10', amount: '48,000', payee: '料亭（研修後の懇親会）' });
  await p.page.waitForSelector('#page-alert.alert-error');
  assert.match(await p.page.textContent('#page-alert'), /会食に要する経費は補助対象外です/);
  assert.match(await p.page.textContent('.field.has-error[data-field="kind"] .field-error'), /会食/);
  assert.equal(await p.page.getAttribute('#e-kind', 'aria-invalid'), 'true');
  assert.equal(await p.page.locator('#ledger tbody tr').count(), 0);
  await p.shot('kaishoku');
  // a non-integer amount names the amount
  await enter({ category: 'kenshu', kind: 'hoshohi', date: '2026-07-10', amount: '1500.5', payee: '講師' });
  await p.page.waitForSelector('.field.has-error[data-field="amount_yen"] .field-error');
  assert.match(await p.page.textContent('#page-alert'), /金額は円単位の整数/);

  // 副主治医人件費 3,100,000 in two lines: over the 2,500千円 cap
  await enter({ category: 'fuku_shujii', kind: 'hoshu', date: '2026-05-20', amount: '1,800,000', payee: '副主治医 甲野' });
  await p.page.waitForSelector('#ledger tbody tr');
  await enter({ category: 'fuku_shujii', kind: 'hoshu', date: '2026-10-20', amount: '1300000', payee: '副主治医 甲野' });
  await enter({ category: 'kenshu', kind: 'hoshohi', date: '2026-07-10', amount: '120000', payee: '講師 丙田' });
  await p.page.waitForFunction(() => document.querySelectorAll('#ledger tbody tr').length === 3);
  const fuku = p.page.locator('table.claim[data-programme="group_practice"] tr[data-category="fuku_shujii"]');
  await fuku.waitFor();
  assert.match(await fuku.textContent(), /3,100,000/);
  assert.equal((await fuku.locator('.claimed').textContent()).trim(), '2,500,000');
  assert.match(await fuku.textContent(), /区分上限で減額/);
  assert.equal((await p.page.textContent('#total-group_practice')).trim(), '2,620,000');
  await p.shot('claim');

  // edit the training line to 700,000: over the 研修経費 cap of 600千円, cut; audited by the server
  await p.page.locator('#ledger tbody tr', { hasText: '講師 丙田' }).locator('button.edit').click();
  assert.equal(await p.page.inputValue('#e-amount'), '120000');
  assert.equal(await p.page.inputValue('#e-category'), 'kenshu');
  await p.page.fill('#e-amount', '700,000');
  await Promise.all([
    p.page.waitForResponse((r) => r.request().method() === 'PUT' && /\/subsidies\/expenses\/\d+$/.test(r.url())),
    p.page.click('#e-save'),
  ]);
  await p.page.waitForSelector('#exp-form:not([data-busy])');
  await p.page.waitForFunction(() => document.getElementById('total-group_practice')?.textContent.trim() === '3,100,000');
  assert.match(await p.page.textContent('table.claim tr[data-category="kenshu"]'), /区分上限で減額/);
  assert.equal((await p.page.textContent('#e-save')).trim(), '記録する');

  // delete the training line: the total drops
  await p.page.locator('#ledger tbody tr', { hasText: '講師 丙田' }).locator('button.del').click();
  await p.page.waitForFunction(() => document.getElementById('total-group_practice')?.textContent.trim() === '2,500,000');

  // download the 所要額明細書
  const [pdf] = await Promise.all([p.page.waitForEvent('download'), p.page.click('#dl-pdf')]);
  assert.equal(pdf.suggestedFilename(), 'claim.pdf');
  const res = await p.page.request.get(fx.srv.base + await p.page.getAttribute('#dl-xlsx', 'href'));
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /spreadsheetml/);
  assert.equal((await res.body()).subarray(0, 2).toString(), 'PK');
  p.noErrors();
});
