// Browser test of sign-in (issue 3 §1): web/signin.html in Debian's chromium. Signs in as each demo
// account (TOTP for admin and prefecture), checks the header names the role, signs out through
// the header, and checks that the public pages work signed out without console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { chromium } from 'playwright-core';
import { tempDb, startServer } from '../api/lib.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.ZAITAKU_SHOTS || '/tmp';

// The demo accounts of src/demo/demo_accounts.c (documented, demo databases only).
const DEMO = [
  { username: 'demo-admin', password: 'zaitaku-demo-admin', totp: 'ZAITAKUDEMOADMIN', role: 'admin', label: 'システム管理者' },
  { username: 'demo-prefecture', password: 'zaitaku-demo-pref', totp: 'ZAITAKUDEMOPREF2', role: 'prefecture', label: '都道府県・保健所' },
  { username: 'demo-coordinator', password: 'zaitaku-demo-coord', role: 'coordinator', label: '在宅医療コーディネータ' },
  { username: 'demo-doctor', password: 'zaitaku-demo-doctor', role: 'doctor', label: '医師' },
  { username: 'demo-nurse', password: 'zaitaku-demo-nurse', role: 'nurse', label: '訪問看護師' },
  { username: 'demo-hospital', password: 'zaitaku-demo-hosp', role: 'hospital', label: '病院（地域連携室）' },
];

function totp(secret, at = Date.now() / 1000) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const key = [];
  for (const c of secret) {
    value = (value << 5) | abc.indexOf(c);
    bits += 5;
    if (bits >= 8) { key.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(at / 30)));
  const h = createHmac('sha1', Buffer.from(key)).update(msg).digest();
  const o = h[19] & 15;
  return String((((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1000000).padStart(6, '0');
}

let t, srv, browser;
before(async () => {
  t = tempDb({ demo: true });
  srv = await startServer(t.db);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});
after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.stop();
  if (t) t.cleanup();
});

async function newPage() {
  const ctx = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { ctx, page, errors };
}

test('signed out, the public pages work and the header offers サインイン', async () => {
  const { ctx, page, errors } = await newPage();
  for (const path of ['/', '/public-groups', '/public-designations']) {
    await page.goto(srv.base + path);
    await page.waitForSelector('body[data-ready="1"]');
    await page.waitForSelector('#signin-link');
    assert.equal(await page.locator('#session-who').count(), 0, path);
  }
  // Signed-in-only data stays closed.
  const status = await page.evaluate(async () => (await fetch('/api/v1/groups')).status);
  assert.equal(status, 401);
  assert.deepEqual(errors.filter((e) => !/401/.test(e)), []);
  await ctx.close();
});

for (const d of DEMO) {
  test(`sign in as ${d.username}: the header shows ${d.label}; sign out`, async () => {
    const { ctx, page, errors } = await newPage();
    await page.goto(srv.base + '/signin?next=/public-groups');
    await page.waitForSelector('body[data-ready="1"]');
    await page.fill('#username', d.username);
    await page.fill('#password', d.password);
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
    await page.screenshot({ path: `${SHOTS}/zaitaku-signin-${d.role}.png` });
    await Promise.all([page.waitForURL(/\/$/), page.click('#signout')]);
    await page.waitForSelector('#signin-link');
    const status = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    assert.equal(status, 401);
    assert.deepEqual(errors.filter((e) => !/40[13]/.test(e)), []);
    await ctx.close();
  });
}

test('a wrong password shows the message and stays on the page', async () => {
  const { ctx, page } = await newPage();
  await page.goto(srv.base + '/signin');
  await page.waitForSelector('body[data-ready="1"]');
  await page.fill('#username', 'demo-doctor');
  await page.fill('#password', 'not the password at all');
  await page.click('#signin-submit');
  await page.waitForSelector('#page-alert:not([hidden])');
  assert.match(await page.textContent('#page-alert'), /正しくありません/);
  assert.match(page.url(), /\/signin$/);
  await ctx.close();
});
