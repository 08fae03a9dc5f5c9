// Browser test of the coordinator programme's pages (issue 18 §7): on 会議・情報交換会 the demo
// district's coordinator sees the fewer-than-three 情報交換会 warning (seed 002 ⑤), records a meeting
// with invitees and attendance and sees the warning go; on 診療所の段階 he changes a clinic's stage
// with a reason and finds the change in its history; the public sees the awarded institutions.
// Screenshots: $ZAITAKU_SHOTS/zaitaku-programme-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { authHeaders, api } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let fx, p;

before(async () => {
  fx = await browserFixture({ demo: true, role: 'coordinator' });
  p = await newPage(fx.browser, fx.srv.base, { headers: fx.auth, shots: 'zaitaku-programme-' });
});
after(() => fx?.close());

test('meetings: the 情報交換会 warning, a meeting recorded with attendance, the warning gone', async () => {
  await p.open('/meetings');
  await p.page.click('nav a[href="/meetings"]');
  await p.ready();
  assert.match(await p.page.textContent('h1'), /会議・情報交換会/);
  await p.page.selectOption('#y-operator', { label: '鹿行みらい医師会 在宅医療推進コーディネータ（デモ）' });
  await p.page.waitForSelector('#warnings .tally-warning[data-kind="exchange"]');
  assert.match(await p.page.textContent('#warnings'), /情報交換会.*年3回以上/);
  assert.match(await p.page.textContent('#tally tr[data-kind="exchange"]'), /不足|未達/);
  await p.shot('warning');
  // a third 情報交換会, later this fiscal year, with three invitees of whom two attend
  const fy = Number(await p.page.inputValue('#y-fy'));
  await p.page.selectOption('#m-kind', 'exchange');
  await p.page.fill('#m-title', '第3回 在宅医療に取り組む医師の情報交換会');
  await p.page.fill('#m-date', `${fy + 1}-02-18`);
  await p.page.fill('#m-start', '19:00');
  await p.page.fill('#m-end', '20:30');
  await p.page.fill('#m-place', '鹿行みらい医師会館');
  for (let i = 0; i < 3; i++) await p.page.click('#add-person');
  await p.page.selectOption('#p-inst-0', { label: 'かしま在宅クリニック（架空）' });
  await p.page.check('#p-att-0');
  await p.page.selectOption('#p-inst-1', { label: 'ほこた在宅診療所（架空）' });
  await p.page.check('#p-att-1');
  await p.page.fill('#p-name-2', '訪問看護 花子');
  await p.page.fill('#p-role-2', '講師');
  await p.page.fill('#m-minutes', '輪番の本格運用について合意した。');
  await p.page.click('#add-action');
  await p.page.fill('#a-text-0', '輪番表を医師会メーリングリストで共有');
  await p.page.fill('#a-owner-0', 'コーディネータ');
  await p.page.click('#m-save');
  await p.page.waitForFunction(() => /保存しました/.test(document.getElementById('page-alert').textContent));
  const row = p.page.locator('#meetings tbody tr', { hasText: '第3回' });
  await row.waitFor();
  assert.match(await row.textContent(), /2／3/);
  // three 情報交換会 this year (two held, one planned): no warning
  await p.page.waitForFunction(() => !document.querySelector('#warnings .tally-warning[data-kind="exchange"]'));
  assert.match(await p.page.textContent('#tally tr[data-kind="exchange"]'), /達成見込み/);
  await p.shot('recorded');
  // a form error names its field: a follow-up without an owner
  await row.locator('button.edit').click();
  await p.page.waitForFunction(() => /編集中/.test(document.getElementById('m-editing').textContent));
  await p.page.fill('#a-owner-0', '');
  await p.page.click('#m-save');
  await p.page.waitForSelector('#action-rows .row.field-error');
  assert.match(await p.page.textContent('#page-alert'), /担当者/);
  p.noErrors();
});

test('stages: a coordinator changes a clinic\'s stage with a reason; the history shows it', async () => {
  await p.open('/stages');
  assert.match(await p.page.textContent('h1'), /診療所の段階/);
  await p.page.waitForSelector('#years tbody tr');
  // the demo's history reaches back two fiscal years
  assert.ok(await p.page.locator('#years tbody tr').count() >= 3);
  const row = p.page.locator('#clinics tbody tr', { hasText: '鹿島灘ファミリークリニック' });
  await row.locator('button.open').click();
  await p.page.waitForSelector('#edit-panel:not([hidden])');
  // the history: A two years back, then back to the derived stage
  assert.match(await p.page.textContent('#history'), /A 在宅医療未実施/);
  // a reason is required
  await p.page.selectOption('#s-stage', 'C');
  await p.page.click('#s-save');
  await p.page.waitForSelector('#stage-form .field.has-error[data-field="reason"] .field-error');
  await p.page.fill('#s-reason', '在支診の届出を確認（訪問時）');
  await p.page.click('#s-save');
  await p.page.waitForFunction(() => /保存しました/.test(document.getElementById('page-alert').textContent));
  await p.page.waitForFunction(() => /在支診の届出を確認/.test(document.querySelector('#history tbody').textContent));
  assert.match(await row.textContent(), /C/);
  assert.match(await row.textContent(), /変更あり/);
  await p.shot('stage');
  p.noErrors();
});

test('awards: the public page lists the awarded institution', async () => {
  const pub = await newPage(fx.browser, fx.srv.base, { shots: 'zaitaku-programme-' });
  await pub.open('/awards');
  assert.match(await pub.page.textContent('#awarded'), /訪問看護ステーションなぎさ/);
  assert.equal(await pub.page.isHidden('#nominate-panel'), true);
  pub.noErrors();
  await pub.close();
});

test('awards: the coordinator nominates, edits the reason in place and withdraws a nomination still undecided', async () => {
  await p.open('/awards');
  await p.page.waitForSelector('#nominate-panel:not([hidden])');
  const option = await p.page.$$eval('#n-inst option', (xs) => xs.map((x) => [x.value, x.textContent]).find(([, t]) => /クリニック|診療所/.test(t)));
  await p.page.selectOption('#n-inst', option[0]);
  await p.page.fill('#n-reason', '在宅看取りに長年尽力');
  await p.page.click('#n-save');
  await p.page.locator('#nominations tr', { hasText: '在宅看取りに長年尽力' }).waitFor();
  const id = await p.page.locator('#nominations tr', { hasText: '在宅看取りに長年尽力' }).getAttribute('data-id');
  const row = p.page.locator(`#nominations tr[data-id="${id}"]`);
  await row.locator('.nom-edit').click();
  await row.locator('.reason-edit').fill('在宅看取りに長年尽力（年間30件）');
  await row.locator('.reason-save').click();
  const edited = p.page.locator('#nominations tr', { hasText: '在宅看取りに長年尽力（年間30件）' });
  await edited.waitFor();
  assert.match(await edited.textContent(), /推薦中|推薦/);
  await p.shot('award-edited');
  p.page.once('dialog', (d) => d.accept());
  await edited.locator('.nom-withdraw').click();
  await edited.waitFor({ state: 'detached' });
  const list = (await fx.api('GET', '/api/v1/awards')).json.items;
  assert.ok(!list.some((a) => a.reason.startsWith('在宅看取りに長年尽力')), 'withdrawn');
  p.noErrors();
});

test('an institution\'s page shows its visits to the district\'s coordinator, and asks nothing it would be refused elsewhere', async () => {
  const clinic = (await fx.api('GET', '/api/v1/facilities?kind=clinic&municipality=082228&limit=1')).json.items[0];
  await p.open(`/facility?id=${clinic.id}`);
  await p.page.waitForSelector('#visits:not([hidden])');
  p.noErrors();
  const admin = await authHeaders(fx.srv, 'admin');
  const outside = (await api(fx.srv.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: '他地区の診療所（架空）', municipality: '082015' }, admin)).json;
  const f = await fx.api('GET', `/api/v1/facilities/${outside.id}`);
  assert.deepEqual(f.json.may, { registry_write: false, programme_read: false, programme_write: false });
  await p.open(`/facility?id=${outside.id}`);
  await p.page.waitForTimeout(300);
  assert.equal(await p.page.isHidden('#visits'), true);
  p.noErrors(); // no refused visits request (404) in the console
});
