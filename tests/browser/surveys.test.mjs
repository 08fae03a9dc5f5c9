// Browser test of the clinic surveys (issue 18 §7, §1): the coordinator finds アンケート in the menu,
// creates a survey from the seed's template (STEP1「アンケート調査内容例」), sends it (personal links
// shown once), a clinic answers through its link without an account — the form names the question
// it still needs and shows 5. only after 1.「いいえ」 — and the coordinator sees the response rate, the
// barrier chart (SVG drawn by the server) and the clinic among those willing under conditions.
// Screenshots: $ZAITAKU_SHOTS/zaitaku-surveys-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserFixture, newPage } from './lib.mjs';

let fx, coord, clinic, link;

before(async () => {
  fx = await browserFixture({ demo: true, role: 'coordinator' });
  coord = await newPage(fx.browser, fx.srv.base, { headers: fx.auth, shots: 'zaitaku-surveys-' });
  clinic = await newPage(fx.browser, fx.srv.base, { shots: 'zaitaku-surveys-clinic-' });
});
after(() => fx?.close());

test('the coordinator creates a survey from the template and sends the personal links', async () => {
  const p = coord.page;
  await coord.open('/patients');
  await p.click('nav a[href="/surveys"]');
  await coord.ready();
  assert.equal(await p.textContent('h1'), 'アンケート');
  await p.selectOption('#c-template', 'clinic_status');
  await p.fill('#c-title', 'ブラウザテストのアンケート');
  await p.click('#c-create');
  await p.waitForURL(/\/survey\?id=\d+/);
  await coord.ready();
  assert.equal(await p.textContent('#sv-title'), 'ブラウザテストのアンケート');
  // the questions of the seed, editable while a draft
  assert.equal(await p.inputValue('#e-questions .survey-edit-q:first-child .e-text'), '1. 訪問診療を行っていますか');
  await p.fill('#e-title', 'ブラウザテストのアンケート（令和8年度）');
  await p.click('#e-save');
  await p.waitForFunction(() => document.getElementById('sv-title').textContent.includes('令和8年度'));
  await p.click('#s-send');
  await p.waitForSelector('#links-wrap:not([hidden])');
  const urls = await p.$$eval('#links .link-url', (xs) => xs.map((x) => x.value));
  assert.ok(urls.length >= 10, `${urls.length} links`);
  link = urls[0];
  assert.match(link, /\/survey\/answer\?token=[0-9a-f]{64}$/);
  assert.match(await p.textContent('#page-alert'), /一度|再表示できません/);
  await coord.shot('sent');
  coord.noErrors();
});

test('the coordinator re-issues one clinic\'s link: its old URL stops working, the others keep theirs', async () => {
  const p = coord.page;
  const sent = await p.$$eval('#links tbody tr', (rows) => rows.map((r) => [r.cells[0].textContent, r.querySelector('input').value]));
  const [name, oldUrl] = sent[1];
  const token = (u) => new URL(u).searchParams.get('token');
  const row = p.locator('#clinics tbody tr', { hasText: name });
  p.once('dialog', (d) => d.accept());
  await row.locator('.link-reissue').click();
  await p.waitForFunction((n) => document.querySelectorAll('#links tbody tr').length === 1 && document.querySelector('#links tbody td').textContent === n, name);
  const newUrl = await p.inputValue('#links .link-url');
  assert.notEqual(token(newUrl), token(oldUrl));
  assert.match(await p.textContent('#page-alert'), /再発行しました/);
  const get = (u) => fetch(`${fx.srv.base}/api/v1/survey-links/${token(u)}`);
  assert.equal((await get(oldUrl)).status, 404);
  assert.equal((await get(newUrl)).status, 200);
  assert.equal((await get(link)).status, 200, 'another clinic\'s link still works');
  coord.noErrors();
});

test('a clinic answers through its link, without an account', async () => {
  const p = clinic.page;
  await p.goto(link);
  await clinic.ready();
  await p.waitForSelector('#sa-panel:not([hidden])');
  assert.match(await p.textContent('#sa-clinic'), /様$/);
  assert.equal(await p.locator('#site-header').count(), 0, 'the link page shows only the survey');
  // 5. is asked only after 1.「いいえ」
  assert.equal(await p.locator('fieldset[data-field="willingness"]').isHidden(), true);
  await p.click('#sa-submit');
  await p.waitForSelector('#page-alert:not([hidden])');
  assert.match(await p.textContent('#page-alert'), /問1（1\. 訪問診療を行っていますか）に回答してください。/);
  assert.ok(await p.locator('fieldset[data-field="home_visit"].field-error').count());
  await p.check('#q-home_visit-no');
  await p.fill('#q-home_visit_reason', '外来で手一杯のため');
  await p.check('#q-oushin-no');
  await p.check('#q-zaishin-no');
  assert.equal(await p.locator('fieldset[data-field="willingness"]').isHidden(), false);
  await p.check('#q-willingness-conditional');
  await p.fill('#q-willingness-note', '夜間の代診があれば');
  await p.check('#q-barriers-b2');
  await p.check('#q-barriers-b4');
  await p.click('#sa-submit');
  await p.waitForFunction(() => /回答を受け付けました/.test(document.getElementById('page-alert').textContent));
  assert.match(await p.textContent('#sa-meta'), /最終回答/);
  await clinic.shot('answered');
  clinic.noErrors();
});

test('the coordinator sees the response rate, the barrier chart and the clinic willing under conditions', async () => {
  const p = coord.page;
  await p.reload();
  await coord.ready();
  await p.waitForSelector('#results-panel:not([hidden])');
  assert.match(await p.textContent('#rate'), /のうち 1 診療所が回答/);
  await p.waitForFunction(() => { const i = document.getElementById('chart'); return i.complete && i.naturalWidth > 0; });
  assert.match(await p.getAttribute('#chart', 'src'), /barriers\.svg$/);
  assert.match(await p.textContent('#barriers tbody tr[data-key="b2"]'), /②緊急時・夜間・休日の対応が困難1/);
  assert.match(await p.textContent('#willing tbody'), /夜間の代診があれば/);
  await p.check('input[name="chart-by"][value="std"]');
  await p.waitForFunction(() => document.getElementById('chart').src.endsWith('?by=std'));
  assert.match(await p.textContent('#clinics tbody'), /リンク/);
  await coord.shot('results');
  coord.noErrors();
});
