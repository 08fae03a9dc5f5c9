// Browser test of 公表 and its surroundings (issue 12 §8, issue 13 §13): the public Japanese page the
// QR code of a 機関証 leads to (valid / revoked / unknown), the 変更履歴 of an institution, 「保存しました」,
// the warning before leaving a form with unsaved changes, and the issuer of the certificates.
// Screenshots go to $ZAITAKU_SHOTS (default /tmp) as zaitaku-publish-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { authHeaders, api as rawApi } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let srv, auth, api, browser, close;
const PREFIX = 'zaitaku-publish-';

before(async () => {
  ({ srv, auth, api, browser, close } = await browserFixture({ demo: true, args: ['--public-url', 'https://zaitaku.example.jp'] }));
});
after(() => close?.());

test('the verification page of a 機関証: valid, then revoked with the reason, and unknown', async () => {
  const groups = (await api('GET', '/api/v1/groups')).json.items;
  const g = groups.find((x) => x.published);
  const cert = (await api('GET', `/api/v1/groups/${g.id}/certificates`)).json.items.find((c) => c.status === 'valid');
  const anon = await newPage(browser, srv.base, { allow: /status of 404/, shots: PREFIX });
  const p = anon.page;
  await anon.open(`/verify?number=${cert.number}`);
  await p.waitForSelector('#verify-status');
  assert.equal(await p.textContent('#verify-status'), 'この機関証は有効です');
  assert.equal(await p.textContent('#v-number'), cert.number);
  assert.equal(await p.textContent('#v-institution'), cert.institution_name);
  assert.match(await p.textContent('#v-group'), /鹿嶋在宅医療連携グループ/);
  assert.match(await p.textContent('#v-fiscal-year'), /^令和\d+年度（令和\d+年4月1日〜令和\d+年3月31日）$/);
  assert.match(await p.textContent('#v-through'), /^令和\d+年3月31日$/);
  await anon.shot('verify-valid');
  // withdrawn by the prefecture: revoked, with the reason
  const pref = await authHeaders(srv, 'prefecture');
  const r = await rawApi(srv.base, 'DELETE', `/api/v1/groups/${g.id}/publish`, undefined, pref);
  assert.equal(r.status, 200, r.text);
  await anon.open(`/verify?number=${cert.number}`);
  await p.waitForSelector('#verify-status');
  assert.equal(await p.textContent('#verify-status'), 'この機関証は失効しています');
  assert.equal(await p.textContent('#v-reason'), '公表が取り消されました。');
  await anon.shot('verify-revoked');
  // an unknown number, typed into the form
  await p.fill('#number', 'KG-2020-999999');
  await p.click('#lookup-submit');
  await p.waitForSelector('#verify-status.verify-unknown');
  assert.equal(await p.textContent('#verify-status'), '該当する機関証はありません');
  assert.match(p.url(), /\/verify\?number=KG-2020-999999$/);
  anon.noErrors();
  await anon.close();
  // published again for the next tests
  assert.equal((await rawApi(srv.base, 'POST', `/api/v1/groups/${g.id}/publish`, {}, pref)).status, 200);
});

test('editing an institution: a warning before leaving unsaved changes, 「保存しました」, and the 変更履歴', async () => {
  const page0 = await newPage(browser, srv.base, { headers: auth, shots: PREFIX });
  const p = page0.page;
  const fac = (await api('GET', '/api/v1/facilities?municipality=082228&kind=clinic')).json.items[0];
  await page0.open(`/edit?id=${fac.id}`);
  await p.fill('#phone', '0299-99-9999');
  // leaving with unsaved changes asks first (the test stays on the page)
  let asked = null;
  p.once('dialog', async (d) => { asked = d.type(); await d.dismiss(); });
  await p.goto(`${srv.base}/`).catch(() => {});
  assert.equal(asked, 'beforeunload');
  assert.match(p.url(), /\/edit\?id=/);
  // saving: no question, the facility page says 保存しました and shows the change in 変更履歴
  await Promise.all([p.waitForURL(/\/facility\?id=/), p.click('#save')]);
  await page0.ready();
  await p.waitForSelector('#page-alert:has-text("保存しました")');
  await p.waitForSelector('#history:not([hidden])');
  const row = await p.textContent('#history-table tbody tr:first-child');
  assert.match(row, /電話番号: .* → 0299-99-9999/);
  assert.match(row, /変更/);
  await page0.shot('history');
  page0.noErrors();
  await page0.close();
});

test('the groups list shows the 公表 states and lets the publisher set the issuer of the 機関証', async () => {
  // a group whose 協定 ends in 20 days: the list warns (issue 13 §5, 60 and 30 days ahead)
  const soon = new Date(Date.now() + 9 * 3600e3 + 20 * 86400e3).toISOString().slice(0, 10);
  const g = await api('POST', '/api/v1/groups', { name: '期限の近いグループ', agreement: { signed_on: '2025-04-01', valid_to: soon } });
  assert.equal(g.status, 201, g.text);
  const page0 = await newPage(browser, srv.base, { headers: auth, shots: PREFIX });
  const p = page0.page;
  await page0.open('/groups');
  assert.match(await p.textContent('#groups tbody'), /期限の近いグループ.*協定の期限まで20日/);
  const text = await p.textContent('#groups tbody');
  assert.match(text, /公表中/);
  assert.match(text, /公表待ち/);
  assert.match(text, /要件未充足/);
  await p.waitForSelector('#issuer:not([hidden])');
  await p.fill('#iss-name', '茨城県地域ケア推進センター');
  await p.fill('#iss-title', 'センター長');
  await p.fill('#iss-person', '鹿行 花子');
  await p.click('#iss-save');
  await p.waitForSelector('#page-alert:has-text("機関証の交付者を保存しました")');
  const r = await api('GET', '/api/v1/certificate-issuers/08');
  assert.equal(r.json.representative_name, '鹿行 花子');
  await page0.shot('groups');
  page0.noErrors();
  await page0.close();
});

test('the designation page lists the designations waiting for 公表 and publishes one', async () => {
  const clinic = await api('POST', '/api/v1/facilities', { kind: 'clinic', name: '公表待ちの診療所', municipality: '082341', legal_entity: '医療法人公表待ち', h24: true, home_care: true });
  const d = await api('POST', '/api/v1/designations', { municipality: '082341', institution_id: clinic.json.id, role: 'active', basis: 'volunteer', reason: 'ブラウザテスト', plan_period: '2024-2029' });
  assert.equal(d.status, 201, d.text);
  const page0 = await newPage(browser, srv.base, { headers: auth, shots: PREFIX });
  const p = page0.page;
  await page0.open('/designation?prefecture=08');
  await p.waitForSelector(`#to-publish-table tr[data-id="${d.json.id}"]`);
  assert.match(await p.textContent(`#to-publish-table tr[data-id="${d.json.id}"]`), /鉾田市.*積極的役割を担う医療機関.*公表待ちの診療所/);
  await p.click(`#to-publish-table tr[data-id="${d.json.id}"] button.publish-desig`);
  await p.waitForSelector(`#to-publish-table tr[data-id="${d.json.id}"]`, { state: 'detached' });
  assert.match(await p.textContent('#page-alert'), /公表しました/);
  const pubList = await rawApi(srv.base, 'GET', '/api/v1/public/designations?prefecture=08');
  assert.match(JSON.stringify(pubList.json), /公表待ちの診療所/);
  await page0.shot('designation-publish');
  page0.noErrors();
  await page0.close();
});
