// Browser test of the help page (issue 12 §9): /help, open to everyone from the navigation, has
// the glossary of the terms the pages use (each with a Japanese definition) and the first-day
// steps in order, each leading to its page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserFixture, newPage } from './lib.mjs';

let srv, browser, close;
before(async () => { ({ srv, browser, close } = await browserFixture({ demo: true, role: null })); });
after(() => close?.());

const TERMS = ['在支診', '在支病', '在後病', '機能強化型', '積極的役割を担う医療機関', '連携の拠点', '二次医療圏',
  '圏域', '郡市医師会', '24時間対応', '未確認', '公表', '機関証'];
const STEPS = [['ログイン', '/signin'], ['地域の設定', '/region'], ['名簿の取込', '/imports'], ['位置の確認', '/map'],
  ['グループ', '/groups'], ['位置付け', '/designation'], ['公表', null]];

test('signed out: the navigation leads to /help; glossary and first-day steps', async () => {
  const p = await newPage(browser, srv.base, { shots: 'zaitaku-help-' });
  const { page } = p;
  await p.open('/');
  await page.waitForSelector('#site-header nav a[href="/help"]');
  assert.equal(await page.innerText('#site-header nav a[href="/help"]'), '使い方と用語');
  await page.click('#site-header nav a[href="/help"]');
  await page.waitForSelector('body[data-ready="1"] #glossary');
  assert.equal(new URL(page.url()).pathname, '/help');
  assert.equal(await page.getAttribute('#site-header nav a[href="/help"]', 'aria-current'), 'page');

  const glossary = await page.$$eval('#glossary dt', (dts) => dts.map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()]));
  assert.deepEqual(glossary.map(([t]) => t), TERMS);
  for (const [t, d] of glossary) {
    assert.ok(d.length > 15 && /[ぁ-んァ-ヶ一-龠]/.test(d), `${t}: a Japanese definition`);
    assert.doesNotMatch(d, /[A-Za-z]{3,}/, `${t}: no English in the definition`);
  }

  const steps = await page.$$eval('#first-day ol > li', (lis) => lis.map((li) => {
    const s = li.querySelector('strong');
    const a = s.querySelector('a');
    return [s.textContent.trim(), a ? a.getAttribute('href') : null];
  }));
  assert.deepEqual(steps, STEPS);
  p.noErrors();
  await p.close();
});

test('a missing page: a Japanese 404 page with the site header, not JSON', async () => {
  const p = await newPage(browser, srv.base, { shots: 'zaitaku-help-' });
  const { page } = p;
  const res = await page.goto(srv.base + '/no-such-page');
  assert.equal(res.status(), 404);
  await p.ready();
  await page.waitForSelector('#site-header nav a[href="/help"]');
  assert.equal(await page.title(), 'ページが見つかりません — 在宅医療・介護 地域資源');
  assert.equal(await page.innerText('h1'), 'ページが見つかりません');
  assert.doesNotMatch(await page.innerText('body'), /[{}]|not_found/);
  p.noErrors(/status of 404/);
  await p.close();
});
