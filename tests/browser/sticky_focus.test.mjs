// The sticky action bar never hides the focused field (issue 12 §9): on /edit (the form with the
// sticky 保存する bar) in a short window, tabbing through every control from the top keeps each
// focused control fully visible above the bar (web/app.css scroll-padding-bottom).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserFixture, newPage } from './lib.mjs';

let srv, browser, close, auth;
before(async () => { ({ srv, browser, close, auth } = await browserFixture({ demo: true })); });
after(() => close?.());

test('tabbing through /edit: no focused field is under the sticky bar', async () => {
  const p = await newPage(browser, srv.base, { headers: auth, shots: 'zaitaku-sticky-' });
  const { page } = p;
  await page.setViewportSize({ width: 1000, height: 560 });
  await p.open('/edit');
  await page.focus('#main');
  let seen = 0;
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const a = document.activeElement;
      const bar = document.querySelector('.sticky-actions');
      if (!a || !a.closest('form') || bar.contains(a)) return { done: bar.contains(a) };
      const r = a.getBoundingClientRect(), b = bar.getBoundingClientRect();
      return { id: a.id || a.name || a.tagName, bottom: r.bottom, top: r.top, barTop: b.top };
    });
    if (at.done) break;
    if (at.id === undefined) continue;
    seen++;
    assert.ok(at.bottom <= at.barTop + 0.5, `${at.id}: bottom ${at.bottom} under the bar at ${at.barTop}`);
    assert.ok(at.top >= 0, `${at.id}: top ${at.top} above the window`);
  }
  assert.ok(seen > 10, `controls focused: ${seen}`);
  p.noErrors();
  await p.close();
});
