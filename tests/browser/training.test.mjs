// Browser test of 訪問診療導入研修 (issue 18 §2, §7): a coordinator opens a programme of the district,
// registers an advisor and a trainee with a wish, pairs them through the matching (the reason shown
// beside the pair), records attendance and two accompanied visits, sees the trainee complete, issues
// the 認定証, downloads its PDF (Japanese text by pdftotext) and verifies its number on the public
// page, signed out. Screenshots: $ZAITAKU_SHOTS/zaitaku-training-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authHeaders, execAsync } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let fx, coord, anon, assoc, clinics, prog, number;

before(async () => {
  fx = await browserFixture({ demo: true, role: 'admin', args: ['--public-url', 'https://zaitaku.example.jp'] });
  assoc = (await fx.api('GET', '/api/v1/facilities?kind=medical_association&municipality=082228')).json.items[0];
  clinics = (await fx.api('GET', '/api/v1/facilities?kind=clinic&municipality=082228&limit=50')).json.items.filter((c) => c.lat != null);
  await fx.api('PUT', '/api/v1/certificate-issuers/08', { name: '茨城県地域ケア推進センター（架空）', representative_title: 'センター長', representative_name: '鹿行 太郎' });
  const heads = await authHeaders(fx.srv, 'coordinator', { associations: [assoc.id] });
  coord = await newPage(fx.browser, fx.srv.base, { headers: heads, shots: 'zaitaku-training-' });
  anon = await newPage(fx.browser, fx.srv.base, { shots: 'zaitaku-training-public-' });
});
after(() => fx?.close());

test('the coordinator creates a programme from the list page', async () => {
  const p = coord;
  await p.open('/trainings');
  assert.ok(await p.page.locator('nav a[href="/trainings"]').count() >= 1, 'navigation lists 導入研修');
  await p.page.fill('#c-title', '画面テスト 訪問診療導入研修');
  await p.page.click('#create-submit');
  await p.page.waitForURL(/\/training\?id=\d+/);
  await p.ready();
  prog = Number(new URL(p.page.url()).searchParams.get('id'));
  assert.equal(await p.page.textContent('#t-title'), '画面テスト 訪問診療導入研修');
  assert.equal(await p.page.locator('#sessions tbody tr').count(), 5);
  p.noErrors();
});

test('the invitation list is taken from the district survey\'s clinics willing under conditions', async () => {
  const p = coord;
  await p.page.click('#invite-from-survey');
  await p.page.waitForSelector('#invite-survey-note:not([hidden])');
  assert.match(await p.page.textContent('#invite-survey-note'), /条件が整えば.*\d+ 診療所を選びました/);
  const picked = await p.page.$$eval('#invite-inst option:checked', (xs) => xs.map((x) => x.textContent));
  assert.ok(picked.length >= 3, `${picked.length} clinics picked`);
  await p.page.click('#invite-submit');
  await p.page.waitForSelector('#invitations li >> text=（アンケートから）');
  const inv = (await fx.api('GET', `/api/v1/trainings/${prog}`)).json.invitations;
  assert.equal(inv.length, picked.length);
  assert.ok(inv.every((x) => x.source === 'survey'), JSON.stringify(inv));
  p.noErrors();
});

test('register an advisor and a trainee, pair them by the matching with its reason', async () => {
  const p = coord;
  await p.page.selectOption('#a-inst', String(clinics[0].id));
  await p.page.fill('#a-name', '画面 指導医');
  await p.page.fill('#a-cap', '2');
  await p.page.click('#advisor-submit');
  await p.page.waitForSelector('#advisors tbody tr >> text=画面 指導医');
  await p.page.selectOption('#tr-inst', String(clinics[1].id));
  await p.page.fill('#tr-name', '画面 受講医');
  const advId = (await fx.api('GET', `/api/v1/trainings/${prog}`)).json.advisor_list[0].id;
  await p.page.selectOption('#tr-w1', String(advId));
  await p.page.click('#trainee-submit');
  await p.page.waitForSelector('#trainees tbody tr >> text=画面 受講医');
  assert.match(await p.page.textContent('#trainees tbody tr'), /未割当/);
  await p.page.click('#match-run');
  await p.page.waitForSelector('#proposal:not([hidden]) tbody tr');
  assert.match(await p.page.textContent('#proposal tbody tr'), /第1希望の画面 指導医医師/);
  await p.shot('proposal');
  await p.page.click('#match-apply');
  await p.page.waitForSelector('#trainees .advisor-name');
  assert.match(await p.page.textContent('#trainees tbody tr .reason >> nth=1'), /第1希望の画面 指導医医師.*直線距離 \d+\.\d km/);
  p.noErrors();
});

test('attendance and two accompanied visits complete the trainee; the 認定証 is issued and its PDF downloads', async () => {
  const p = coord;
  const row = '#trainees tbody tr';
  for (const step of ['lecture1', 'lecture2', 'survey']) {
    await p.page.check(`${row} input[data-step="${step}"]`);
    await p.page.waitForSelector(`#page-alert.alert-info`);
  }
  await p.page.waitForFunction(() => document.querySelectorAll('#trainees input[data-step]:checked').length === 3);
  assert.match(await p.page.textContent(`${row} .complete-no + .reason`), /同行訪問が0回です/);
  // the visit date field offers today (JST), which lies in the programme's fiscal year
  await p.page.click(`${row} button[data-action="visit"]`);
  await p.page.waitForSelector(`${row} .visits-count >> text=1回`);
  await p.page.click(`${row} button[data-action="visit"]`);
  await p.page.waitForSelector(`${row} .complete-yes`);
  await p.page.click(`${row} button[data-action="certify"]`);
  await p.page.waitForSelector(`${row} a.cert-number`);
  number = (await p.page.textContent(`${row} a.cert-number`)).trim();
  assert.match(number, /^KS-\d{4}-\d{6}$/);
  await p.shot('certified');
  // the PDF link, fetched with the page's session
  const href = await p.page.getAttribute(`${row} a.cert-pdf`, 'href');
  const bytes = await p.page.evaluate(async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer())), href);
  const file = join(fx.t.dir, 'training-browser.pdf');
  writeFileSync(file, Buffer.from(bytes));
  const txt = await execAsync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.equal(txt.status, 0, txt.stderr);
  const flat = txt.stdout.replace(/\s+/g, '');
  for (const s of ['認定証', '画面受講医', '殿', `証番号${number}`, '令和', `verify?number=${number}`]) assert.ok(flat.includes(s), `${s} in ${txt.stdout}`);
  p.noErrors();
});

test('anyone verifies the number on /verify, signed out', async () => {
  const p = anon;
  await p.open(`/verify?number=${number}`);
  await p.page.waitForSelector('#verify-status');
  assert.equal(await p.page.textContent('#verify-status'), 'この認定証は有効です');
  assert.equal(await p.page.textContent('#v-trainee'), '画面 受講医 殿');
  assert.match(await p.page.textContent('#v-programme'), /画面テスト 訪問診療導入研修/);
  await p.shot('verify');
  await p.open('/verify?number=KS-2020-999999');
  await p.page.waitForSelector('#verify-status.verify-unknown');
  assert.equal(await p.page.textContent('#verify-status'), '該当する認定証はありません');
  p.noErrors(/Failed to load resource: .*status of 404/);
});
