// viewport-only (not full page) screenshots at 420 px of a few pages, signed out
import { tempDb, startServer } from '/work/main/tests/api/lib.mjs';
import { launch, CONTEXT } from '/work/main/tests/browser/lib.mjs';
const t = tempDb({ demo: true });
const srv = await startServer(t.db);
const browser = await launch();
try {
  const ctx = await browser.newContext({ ...CONTEXT, viewport: { width: 420, height: 900 } });
  const page = await ctx.newPage();
  for (const p of process.argv.slice(2)) {
    await page.goto(srv.base + p);
    await page.waitForSelector('body[data-ready="1"]');
    await page.waitForTimeout(300);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(p, 'scrollWidth', w);
    await page.screenshot({ path: `/tmp/vweb-shots/top420${p.replace(/[/?=]/g, '_')}.png` });
  }
} finally { await browser.close(); await srv.stop(); t.cleanup(); }
