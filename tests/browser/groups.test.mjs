// Browser test of the group editor (issue 4 §8, seed 000): create a group step by step, see the
// validation problem "only one legal entity" (同一法人以外の2以上の医療機関), fix it, see the group
// valid, publish it (公表, issue 12 §8), download a certificate, record an initiative, and find the group on
// the public page. The server stands on 2025-06-15: the group is in its first fiscal year, so a plan
// for each of the three 取組 suffices (seed 000 5(2)イ).
// Screenshots go to $ZAITAKU_SHOTS (default /tmp) as zaitaku-group-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createFacilities } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let srv, auth, api, browser, close, page, open, shot, noErrors;
const ids = {};

const FACILITIES = {
  assoc: { kind: 'medical_association', name: 'ブラウザ郡市医師会', municipality: '082228' },
  a: { kind: 'clinic', name: 'ブラウザAクリニック', legal_entity: '医療法人ブラウザ会', municipality: '082228' },
  b: { kind: 'clinic', name: 'ブラウザB診療所', legal_entity: '医療法人ブラウザ会', municipality: '082228' },
  c: { kind: 'clinic', name: 'ブラウザC内科', legal_entity: '医療法人別会', municipality: '082228' },
  ns: { kind: 'nurse_station', name: 'ブラウザ訪問看護ステーション', municipality: '082228' },
  muni: { kind: 'municipality', name: 'ブラウザ市 在宅医療・介護連携相談窓口', municipality: '082228' },
};

before(async () => {
  ({ srv, auth, api, browser, close } = await browserFixture({ args: ['--public-url', 'https://zaitaku.example.jp'], env: { ZAITAKU_NOW: '2025-06-15T03:00:00Z' } }));
  Object.assign(ids, await createFacilities(api, FACILITIES));
  const iss = await api('PUT', '/api/v1/certificate-issuers/08', { name: 'ブラウザ推進センター', representative_title: 'センター長', representative_name: '鹿行 太郎' });
  assert.equal(iss.status, 200, iss.text);
  ({ page, open, shot, noErrors } = await newPage(browser, srv.base, { headers: auth, shots: 'zaitaku-group-' }));
});

after(() => close?.());

/** Clicks `selector` and waits for the API reply of method to a path matching re. */
async function clickAndWait(selector, method, re) {
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && re.test(new URL(r.url()).pathname)),
    page.click(selector),
  ]);
  return resp;
}

async function addMember(query, id) {
  await page.fill('#m-q', query);
  await clickAndWait('#m-search', 'GET', /\/api\/v1\/facilities$/);
  await page.click(`#m-results tr[data-id="${id}"] button.add`);
  await page.waitForSelector(`#members tr[data-id="${id}"]`);
}

test('create a group step by step, see the one-法人 problem, fix it, download the certificate', async () => {
  await open('/group');
  // step 1: basic information
  await page.fill('#g-name', 'ブラウザ在宅グループ');
  await clickAndWait('#save-basic', 'POST', /\/api\/v1\/groups$/);
  await page.waitForSelector('#step-2:not([hidden])');
  assert.match(page.url(), /\/group\?id=\d+/);
  await page.waitForSelector('#page-alert:has-text("保存しました")'); // issue 12 §8
  // step 2: members picked from the registry (two clinics of ONE 法人 and a nurse station)
  await addMember('ブラウザA', ids.a);
  await addMember('ブラウザB', ids.b);
  await addMember('訪問看護', ids.ns);
  await addMember('相談窓口', ids.muni);
  assert.equal(await page.inputValue(`#role-${ids.ns}`), 'nurse_station');
  assert.equal(await page.inputValue(`#role-${ids.muni}`), 'partner_municipality');
  await clickAndWait('#save-members', 'PUT', /\/members$/);
  await page.waitForSelector('#step-3:not([hidden])');
  // the page says which members the rules take as one 法人, and why (issue 13 §4)
  await page.waitForSelector('#entities-list .entity', { state: 'attached' });
  assert.match(await page.textContent('#entities-list'), /ブラウザAクリニック・ブラウザB診療所 は同一法人として数えます/);
  // step 3: 拠点 and 積極的役割
  await page.selectOption('#base', String(ids.assoc));
  await page.check(`#active input[value="${ids.a}"]`);
  await clickAndWait('#save-roles', 'PUT', /\/api\/v1\/groups\/\d+$/);
  await page.waitForSelector('#step-4:not([hidden])');
  // step 4: agreement and its PDF
  await page.fill('#a-signed', '2025-04-01');
  await page.fill('#a-from', '2025-04-01');
  await page.fill('#a-to', '2099-03-31');
  await page.fill('#a-parties', 'ブラウザ郡市医師会、構成機関');
  for (const k of ['a', 'b', 'ns']) await page.check(`#a-party-list input[value="${ids[k]}"]`);
  await clickAndWait('#save-agreement', 'PUT', /\/agreement$/);
  await page.waitForFunction(() => document.querySelector('#a-period').textContent.includes('有効期間'));
  assert.match(await page.textContent('#a-period'), /有効期間: 令和7年4月1日 〜 令和81年3月31日/);
  await page.setInputFiles('#a-doc', { name: 'kyotei.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await clickAndWait('#upload-doc', 'PUT', /\/agreement\/document$/);
  await page.waitForSelector('#doc-link:not([hidden])');
  // step 5: the check shows the problem live
  await page.click('#to-check');
  await page.waitForSelector('#step-5:not([hidden])');
  await page.waitForSelector('#validation li[data-code="too_few_medical"]');
  assert.match(await page.textContent('#validation li[data-code="too_few_medical"]'), /同一法人/);
  // on screen only Japanese (issue 12 §9): 要件 and the message, no problem code
  const shown = await page.innerText('#validation');
  assert.match(shown, /要件/);
  assert.doesNotMatch(shown, /[a-z]+_[a-z_]+/, 'no problem codes on screen');
  assert.equal(await page.textContent('#certified'), '未認定');
  assert.equal(await page.$$eval('#certs tbody tr', (r) => r.length), 0);
  // the three 取組 are a 要件: in the first fiscal year a plan for each suffices
  assert.ok(await page.$('#validation li[data-code="initiative_missing_support"]'));
  for (const [kind, title] of [['support', '夜間の相互支援の計画'], ['patient_centred', '多職種会議の計画'], ['awareness_training', '市民講座の計画']]) {
    await page.selectOption('#i-kind', kind);
    await page.fill('#i-date', '2025-10-01');
    await page.fill('#i-title', title);
    await page.check('#i-planned');
    await clickAndWait('#add-init', 'POST', /\/initiatives$/);
    await page.waitForSelector(`#inits tbody tr:has-text("${title}")`);
  }
  assert.match(await page.textContent('#inits tbody'), /計画/);
  await shot('invalid');
  // fix: replace clinic B by clinic C of another 法人
  await page.click('#steps button[data-step="2"]');
  await page.click(`#members tr[data-id="${ids.b}"] button.remove`);
  await addMember('ブラウザC', ids.c);
  await clickAndWait('#save-members', 'PUT', /\/members$/);
  await page.waitForSelector('#validation li[data-code="too_few_medical"]', { state: 'detached' });
  // the 協定 must be concluded by clinic C too (seed 000 §2)
  await page.waitForSelector('#validation li[data-code="agreement_party_missing"]');
  await page.click('#steps button[data-step="4"]');
  await page.check(`#a-party-list input[value="${ids.c}"]`);
  await clickAndWait('#save-agreement', 'PUT', /\/agreement$/);
  await page.waitForSelector('#validation li[data-code="agreement_party_missing"]', { state: 'detached' });
  assert.equal(await page.textContent('#certified'), '認定グループ');
  assert.match(await page.textContent('#valid-badge'), /認定/);
  await page.click('#steps button[data-step="5"]');
  // valid, but no certificate before 公表 (issue 12 §8); the administrator publishes here
  await page.waitForSelector('#published:has-text("公表待ち")');
  assert.equal(await page.$$eval('#certs tbody tr', (r) => r.length), 0);
  await clickAndWait('#publish', 'POST', /\/publish$/);
  await page.waitForSelector('#certs a.cert-link');
  await page.waitForSelector('#published:has-text("公表中")');
  assert.match(await page.textContent('#publish-status'), /^公表中（令和7年6月15日に公表）$/);
  assert.equal(await page.$$eval('#certs a.cert-link', (a) => a.length), 4);
  await shot('certified');
  // download the certificate of clinic C through its link
  const href = await page.getAttribute(`#certs a.cert-link[href$="/${ids.c}.pdf"]`, 'href');
  const pdf = await page.request.get(srv.base + href);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  // record an initiative (patient-centred meeting with topics) and see it in the yearly summary
  await page.selectOption('#i-kind', 'patient_centred');
  await page.fill('#i-date', '2025-07-10');
  await page.fill('#i-title', '多職種連携会議');
  await page.fill('#i-part', '12');
  await page.check('#i-topics input[value="discharge_support"]');
  await page.check('#i-topics input[value="emergency"]');
  await clickAndWait('#add-init', 'POST', /\/initiatives$/);
  await page.waitForSelector('#inits tbody tr');
  assert.match(await page.textContent('#inits tbody'), /退院支援、急変時の対応/);
  assert.equal(await page.inputValue('#fy'), '2025');
  noErrors();
});

test('the public page lists the certified group to a signed-out visitor, with an anchor', async () => {
  const anon = await newPage(browser, srv.base, { allow: null, shots: 'zaitaku-group-' });
  const p = anon.page;
  await anon.open('/public-groups');
  const section = await p.$('section.public-group');
  assert.ok(section);
  const id = await section.getAttribute('id');
  assert.match(id, /^group-\d+$/);
  const text = await section.textContent();
  assert.match(text, /ブラウザ在宅グループ/);
  assert.match(text, /訪問看護事業所/);
  assert.match(text, /積極的役割/);
  assert.ok(!text.includes('ブラウザB診療所'));
  await anon.shot('public');
  anon.noErrors();
  await anon.close();
});
