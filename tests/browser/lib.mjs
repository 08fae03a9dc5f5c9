// Helpers for the browser tests: Debian's chromium driven by playwright-core with the standard flags,
// the real binary on loopback (tests/api/lib.mjs), and a page that records every console error,
// CSP violation, script error and failed request so that a test can assert there were none.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serverFixture } from '../api/lib.mjs';

export const SHOTS = process.env.ZAITAKU_SHOTS || '/tmp';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const CONTEXT = { locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1360, height: 900 } };

/** Replies the pages show to the user by design: a bad filter or form (400), a conflict (409). */
export const FORM_ERRORS = /Failed to load resource: .*status of (400|409)/;

/** Launches chromium headless with the standard flags (no sandbox, no network beyond the test). */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** serverFixture(opts) of tests/api/lib.mjs plus a launched chromium:
 *  {t, srv, auth, api, browser, close}; close() closes the browser, then the server. */
export async function browserFixture(opts) {
  const fx = await serverFixture(opts);
  let browser;
  try {
    browser = await launch();
  } catch (e) {
    await fx.close();
    throw e;
  }
  return {
    ...fx, browser,
    close: async () => {
      await browser.close();
      await fx.close();
    },
  };
}

/**
 * A page in a context of its own (ja-JP, Asia/Tokyo, 1360×900) on the server at base.
 * opts: headers — sent with every request (authHeaders(srv, role) signs the page in);
 *       allow — RegExp of expected error messages (default FORM_ERRORS);
 *       shots — file name prefix of the screenshots (default 'zaitaku-').
 * Returns {ctx, page, errors, open, ready, shot, noErrors, close}; the functions need no `this`:
 *   open(path)   goes to base + path and waits until the page says it is ready (body[data-ready]);
 *   ready()      waits for that after a navigation the test started itself;
 *   shot(name, {fullPage = true})  writes $ZAITAKU_SHOTS/<shots><name>.png;
 *   noErrors(allow)  asserts no console error, page error, CSP violation or failed request since the
 *                last check other than the allowed ones, and starts over;
 *   close()      closes the context.
 */
export async function newPage(browser, base, { headers, allow = FORM_ERRORS, shots = 'zaitaku-' } = {}) {
  const ctx = await browser.newContext({ ...CONTEXT, ...(headers ? { extraHTTPHeaders: headers } : {}) });
  const page = await ctx.newPage();
  const errors = [];
  // CSP violations and missing assets surface as console errors, script errors as page errors.
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  // A request that never got a reply (aborted by a navigation the test made is not a failure).
  page.on('requestfailed', (r) => {
    const why = r.failure() ? r.failure().errorText : '';
    if (!/ERR_ABORTED/.test(why)) errors.push(`request failed: ${r.method()} ${r.url()} ${why}`);
  });
  const ready = () => page.waitForSelector('body[data-ready="1"]');
  return {
    ctx, page, errors, ready,
    open: async (path) => {
      await page.goto(base + path);
      await ready();
    },
    shot: (name, { fullPage = true } = {}) => page.screenshot({ path: join(SHOTS, `${shots}${name}.png`), fullPage }),
    noErrors: (ok = allow) => {
      const real = errors.filter((m) => !(ok && ok.test(m)));
      errors.length = 0;
      assert.deepEqual(real, [], 'no console errors, CSP violations, failed requests or missing assets');
    },
    close: () => ctx.close(),
  };
}

/** Opens /signin (?next=next when given) and types the user name and password; the test submits. */
export async function fillSignIn(p, { username, password, next }) {
  await p.open('/signin' + (next ? `?next=${next}` : ''));
  await p.page.fill('#username', username);
  await p.page.fill('#password', password);
}
