// Browser test of sign-in (issue 3 §1): web/signin.html in Debian's chromium. Signs in as each demo
// account (TOTP for admin and prefecture), checks the header names the role, signs out through
// the header, and checks that the public pages work signed out without console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { totp } from '../api/lib.mjs';
import { browserFixture, newPage, fillSignIn } from './lib.mjs';

// The demo accounts of src/demo/demo_accounts.c (documented, demo databases only).
const DEMO = [
  { username: 'demo-admin', password: 'zaitaku-demo-admin', totp: 'ZAITAKUDEMOADMIN', role: 'admin', label: 'システム管理者' },
  { username: 'demo-prefecture', password: 'zaitaku-demo-pref', totp: 'ZAITAKUDEMOPREF2', role: 'prefecture', label: '都道府県・保健所' },
  { username: 'demo-coordinator', password: 'zaitaku-demo-coord', role: 'coordinator', label: '在宅医療コーディネータ' },
  { username: 'demo-doctor', password: 'zaitaku-demo-doctor', role: 'doctor', label: '医師' },
  { username: 'demo-nurse', password: 'zaitaku-demo-nurse', role: 'nurse', label: '訪問看護師' },
  { username: 'demo-hospital', password: 'zaitaku-demo-hosp', role: 'hospital', label: '病院（地域連携室）' },
];

// Signed out (no token): the browser signs in through the form, with cookies.
let srv, browser, close;
before(async () => { ({ srv, browser, close } = await browserFixture({ demo: true, role: null })); });
after(() => close?.());

const signedOutPage = () => newPage(browser, srv.base, { shots: 'zaitaku-signin-' });

test('signed out, the public pages work and the header offers ログイン', async () => {
  const p = await signedOutPage();
  const { page } = p;
  for (const path of ['/', '/public-groups', '/public-designations']) {
    await p.open(path);
    await page.waitForSelector('#signin-link');
    assert.equal(await page.locator('#session-who').count(), 0, path);
  }
  // Signed-in-only data stays closed.
  const status = await page.evaluate(async () => (await fetch('/api/v1/groups')).status);
  assert.equal(status, 401);
  p.noErrors(/401/);
  await p.close();
});

for (const d of DEMO) {
  test(`sign in as ${d.username}: the header shows ${d.label}; sign out`, async () => {
    const p = await signedOutPage();
    const { ctx, page } = p;
    await fillSignIn(p, { username: d.username, password: d.password, next: '/public-groups' });
    if (d.totp) {
      // Without the code the page says so and marks the field.
      await page.click('#signin-submit');
      await page.waitForSelector('#page-alert:not([hidden])');
      assert.match(await page.textContent('#page-alert'), /確認コード/);
      assert.equal(await page.getAttribute('#totp', 'aria-invalid'), 'true');
      await page.fill('#totp', totp(d.totp));
    }
    await Promise.all([page.waitForURL(/\/public-groups$/), page.click('#signin-submit')]);
    await page.waitForSelector('#session-who');
    assert.equal(await page.getAttribute('#session-who', 'data-role'), d.role);
    assert.ok((await page.textContent('#session-who')).includes(d.label));
    const cookies = await ctx.cookies();
    const c = cookies.find((x) => x.name === 'zaitaku_session');
    assert.ok(c && c.httpOnly && c.sameSite === 'Strict', 'HttpOnly, SameSite=Strict cookie');
    assert.equal(await page.evaluate(() => document.cookie.includes('zaitaku_session')), false, 'not readable by scripts');
    // What the role may see: accounts only for admin; the designation work of 茨城県 for admin and
    // prefecture staff; groups for everyone signed in (filtered by district / membership).
    const seen = await page.evaluate(async () => {
      const st = async (p) => (await fetch(p)).status;
      return { users: await st('/api/v1/users'), desig: await st('/api/v1/designations?prefecture=08'), groups: await st('/api/v1/groups') };
    });
    assert.deepEqual(seen, {
      users: d.role === 'admin' ? 200 : 403,
      desig: ['admin', 'prefecture'].includes(d.role) ? 200 : 403,
      groups: 200,
    }, d.role);
    await p.shot(d.role, { fullPage: false });
    await Promise.all([page.waitForURL(/\/$/), page.click('#signout')]);
    await page.waitForSelector('#signin-link');
    const status = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    assert.equal(status, 401);
    p.noErrors(/40[13]/);
    await p.close();
  });
}

test('a wrong password shows the message and stays on the page', async () => {
  const p = await signedOutPage();
  const { page } = p;
  await fillSignIn(p, { username: 'demo-doctor', password: 'not the password at all' });
  await page.click('#signin-submit');
  await page.waitForSelector('#page-alert:not([hidden])');
  assert.match(await page.textContent('#page-alert'), /正しくありません/);
  assert.match(page.url(), /\/signin$/);
  await p.close();
});
