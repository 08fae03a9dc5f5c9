// scratch: screenshots of every page per role (removed before finishing)
import { tempDb, startServer, api, totp } from '../api/lib.mjs';
import { launch, CONTEXT } from './lib.mjs';
const ROLES = [
  { name: 'out' },
  { name: 'admin', username: 'demo-admin', password: 'zaitaku-demo-admin', totp: 'ZAITAKUDEMOADMIN' },
  { name: 'pref', username: 'demo-prefecture', password: 'zaitaku-demo-pref', totp: 'ZAITAKUDEMOPREF2' },
  { name: 'coord', username: 'demo-coordinator', password: 'zaitaku-demo-coord' },
  { name: 'doctor', username: 'demo-doctor', password: 'zaitaku-demo-doctor' },
];
const only = process.argv[2] ? process.argv[2].split(',') : null;
const width = Number(process.argv[3] || 1360);
const t = tempDb({ demo: true });
const srv = await startServer(t.db);
const browser = await launch();
try {
  const fac = (await api(srv.base, 'GET', '/api/v1/facilities?limit=1&kind=clinic')).json.items[0].id;
  const PAGES = ['/', '/map', `/facility?id=${fac}`, '/edit', `/edit?id=${fac}`, '/groups', '/group', '/group?id=1', '/public-groups', '/public-designations', '/designation', '/coverage', '/signin'];
  for (const role of ROLES) {
    if (only && !only.includes(role.name)) continue;
    const ctx = await browser.newContext({ ...CONTEXT, viewport: { width, height: 900 } });
    if (role.username) {
      const body = { username: role.username, password: role.password };
      if (role.totp) body.totp = totp(role.totp);
      const r = await fetch(srv.base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const sc = r.headers.get('set-cookie');
      if (r.status !== 200) throw new Error(role.name + ' ' + r.status + await r.text());
      const [nv] = sc.split(';'); const [n, v] = nv.split('=');
      await ctx.addCookies([{ name: n, value: v, url: srv.base }]);
    }
    const page = await ctx.newPage();
    const errs = [];
    page.on('console', (m) => { if (m.type() === 'error') errs.push(m.text()); });
    page.on('pageerror', (e) => errs.push(String(e)));
    page.on('requestfailed', (r) => errs.push('failed ' + r.url()));
    for (const p of PAGES) {
      errs.length = 0;
      await page.goto(srv.base + p);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 10000 }).catch(() => errs.push('NOT READY'));
      await page.waitForTimeout(300);
      const file = `/tmp/vweb-shots/${role.name}-${width}${p.replace(/[/?=]/g, '_') || '_'}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(role.name, p, 'w=' + await page.evaluate(() => document.documentElement.scrollWidth), await page.title(), JSON.stringify(errs));
    }
    await ctx.close();
  }
} finally {
  await browser.close();
  await srv.stop();
  t.cleanup();
}
