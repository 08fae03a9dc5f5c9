// Every page of web/, signed out and as each demo role (README: demo-admin, demo-prefecture with
// TOTP, demo-coordinator, demo-doctor), as its users would meet it: no console errors or failed
// requests, the shared header of web/js/common.js with only the pages the role may use, a Japanese
// title, and — signed out — public pages without personal data and signed-in pages that explain
// in Japanese what to do, with a ログイン link back to the page.
//
// What the public may see (decision of the web review, docs/api.md under GET /api/v1/facilities/{id}):
// bureaus and the prefecture publish — institution names, kinds, addresses, telephone numbers,
// 施設基準 and capabilities, certified groups and designations. Names of practitioners (従事者)
// are NOT public information here: the directory, the map, the detail page and the public
// listings show none of them to a signed-out visitor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { api as call, authHeaders, totp } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

const WEB = process.env.ZAITAKU_WEB || new URL('../../web', import.meta.url).pathname;

const ROLES = {
  admin: { username: 'demo-admin', password: 'zaitaku-demo-admin', totp: 'ZAITAKUDEMOADMIN' },
  prefecture: { username: 'demo-prefecture', password: 'zaitaku-demo-pref', totp: 'ZAITAKUDEMOPREF2' },
  coordinator: { username: 'demo-coordinator', password: 'zaitaku-demo-coord' },
  doctor: { username: 'demo-doctor', password: 'zaitaku-demo-doctor' },
};

// Who may use which page: each page names the policy action it needs (the `can` of web/js/common.js's
// NAV and requireCan), and what each role may do comes from one source — the server's policy table,
// as GET /api/v1/session lists it in `can` (tests/api/session_can.test.mjs pins those lists).
// null: everyone, signed out included.
const NAV_ALL = ['/', '/map', '/public-groups', '/public-designations', '/help', '/awards'];
const NAV_CAN = { '/groups': 'group_read', '/designation': 'designation_write', '/region': 'region_write', '/imports': 'import', '/patients': 'patient_read', '/feeds': 'feed_manage', '/referrals': 'patient_read', '/meetings': 'programme_read', '/stages': 'programme_read', '/subsidies': 'programme_read', '/plans': 'programme_read', '/trainings': 'training_read', '/surveys': 'survey_read', '/audit': 'audit_read' };
const can = {}; // role → the actions of its session
const allows = (who, act) => act === null || (who !== 'out' && can[who].includes(act));
const navOf = (who) => [...NAV_ALL, ...Object.keys(NAV_CAN).filter((h) => allows(who, NAV_CAN[h]))];

let srv, browser, close, facilityId, groupId, practitioners, patientId, referralId, operatorId, trainingId, surveyId;
const cookies = {};

/** Signs `role` in through the API (as the sign-in form does) and returns the session cookie. */
async function signIn(role) {
  const r = ROLES[role];
  const body = { username: r.username, password: r.password };
  if (r.totp) body.totp = totp(r.totp);
  const res = await fetch(srv.base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200, `${role}: ${await res.text()}`);
  const [name, ...v] = res.headers.get('set-cookie').split(';')[0].split('=');
  return { name, value: v.join('='), url: srv.base };
}

before(async () => {
  ({ srv, browser, close } = await browserFixture({ demo: true, role: null }));
  const admin = await authHeaders(srv, 'admin');
  // Every practitioner name of the demo, and an institution that has some.
  const all = (await call(srv.base, 'GET', '/api/v1/facilities?limit=500', undefined, admin)).json.items;
  practitioners = new Set();
  for (const f of all) {
    const d = (await call(srv.base, 'GET', `/api/v1/facilities/${f.id}`, undefined, admin)).json;
    for (const p of d.practitioners || []) practitioners.add(p.name);
    if (!facilityId && (d.practitioners || []).length) facilityId = f.id;
  }
  assert.ok(facilityId && practitioners.size > 0, 'the demo has practitioners');
  groupId = (await call(srv.base, 'GET', '/api/v1/groups', undefined, admin)).json.items[0].id;
  trainingId = (await call(srv.base, 'GET', '/api/v1/trainings', undefined, admin)).json.items[0].id; // the demo's 訪問診療導入研修
  // A demo patient of the demo doctor's clinic (かしま在宅クリニック), so every role that may read patients reads it.
  patientId = (await call(srv.base, 'GET', '/api/v1/patients', undefined, admin)).json.items.find((x) => x.name.startsWith('鹿嶋 花子')).id;
  // The demo's discharge referral, proposed to the demo doctor's clinic so that every role that may
  // read patients is a party to it (issue 16).
  const coord = await authHeaders(srv, 'coordinator');
  referralId = (await call(srv.base, 'GET', '/api/v1/referrals', undefined, coord)).json.items[0].id;
  const clinic = (await call(srv.base, 'GET', `/api/v1/referrals/${referralId}/candidates`, undefined, coord)).json.clinic.find((c) => c.eligible).id;
  const pr = await call(srv.base, 'POST', `/api/v1/referrals/${referralId}/transitions`, { event: 'propose', clinic_id: clinic }, coord);
  assert.equal(pr.status, 200, pr.text);
  // A demo operator with a plan of this fiscal year (issue 19).
  operatorId = (await call(srv.base, 'GET', '/api/v1/operators', undefined, admin)).json.items.find((o) => o.name === '鹿行地域在宅医療サポートセンター（基幹型・デモ）').id;
  // The demo district's clinic survey (issue 18 §1).
  surveyId = (await call(srv.base, 'GET', '/api/v1/surveys', undefined, admin)).json.surveys[0].id;
  for (const role of Object.keys(ROLES)) {
    cookies[role] = await signIn(role);
    const me = await fetch(srv.base + '/api/v1/session', { headers: { Cookie: `${cookies[role].name}=${cookies[role].value}` } });
    can[role] = (await me.json()).can;
    assert.ok(Array.isArray(can[role]), `${role}: session lists can`);
  }
});
after(() => close?.());

/** The pages of web/ with the policy action each needs (null: public). */
const pages = () => [
  { path: '/', act: null },
  { path: '/map', act: null },
  { path: `/facility?id=${facilityId}`, act: null },
  { path: '/public-groups', act: null },
  { path: '/public-designations', act: null },
  { path: '/signin', act: null },
  { path: '/verify', act: null },
  { path: '/help', act: null },
  { path: '/edit', act: 'registry_write' },
  { path: `/edit?id=${facilityId}`, act: 'registry_write' },
  { path: '/groups', act: 'group_read' },
  { path: '/group', act: 'group_write' },
  { path: `/group?id=${groupId}`, act: 'group_read' },
  { path: '/designation', act: 'designation_write' },
  { path: '/coverage', act: 'designation_write' },
  { path: '/region', act: 'region_write' },
  { path: '/imports', act: 'import' },
  { path: '/patients', act: 'patient_read' },
  { path: `/patient?id=${patientId}`, act: 'patient_read' },
  { path: '/absence', act: 'patient_write' },
  { path: '/beds', act: 'patient_write' },
  { path: '/network-rules', act: 'group_write' },
  { path: '/feeds', act: 'feed_manage' },
  { path: `/rota?group=${groupId}`, act: 'group_read' },
  { path: '/referrals', act: 'patient_read' },
  { path: `/referral?id=${referralId}`, act: 'patient_read' },
  { path: '/subsidies', act: 'programme_read' },
  { path: '/meetings', act: 'programme_read' },
  { path: '/stages', act: 'programme_read' },
  { path: '/awards', act: null },
  { path: '/plans', act: 'programme_read' },
  { path: `/plan?operator=${operatorId}`, act: 'programme_read' },
  { path: '/trainings', act: 'training_read' },
  { path: `/training?id=${trainingId}`, act: 'training_read' },
  { path: '/surveys', act: 'survey_read' },
  { path: `/survey?id=${surveyId}`, act: 'survey_read' },
  { path: '/audit', act: 'audit_read' },
];

test('the list covers every page of web/', () => {
  const listed = new Set(pages().map((p) => p.path.replace(/\?.*$/, '').replace(/^\/$/, '/index')));
  for (const f of readdirSync(WEB).filter((x) => x.endsWith('.html'))) {
    assert.ok(listed.has('/' + f.replace(/\.html$/, '')), `${f} is visited by this test`);
  }
});

/** Asserts what every page has: the header with the role's navigation, a Japanese title, labelled
 *  form controls and a single h1. */
async function commonChecks(page, who, path) {
  const where = `${who} ${path}`;
  await page.waitForSelector('#site-header .brand');
  await page.waitForSelector('#session-slot > *');
  const title = await page.title();
  assert.match(title, /[ぁ-んァ-ヶ一-龠]/, `${where}: Japanese title`);
  assert.match(title, /在宅医療・介護 地域資源$/, `${where}: the site name ends the title`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ja', `${where}: lang="ja"`);
  const nav = await page.$$eval('#site-header nav li:not([hidden]) a', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(nav.sort(), navOf(who).sort(), `${where}: navigation shows what the role may use`);
  if (who === 'out') assert.ok(await page.isVisible('#signin-link'), `${where}: ログイン in the header`);
  else assert.ok(await page.isVisible('#session-who'), `${where}: the user in the header`);
  assert.equal(await page.locator('h1:visible').count(), 1, `${where}: one visible h1`);
  // Accessibility: every form control, shown or in a later step, has a name (label, aria-label or
  // aria-labelledby).
  const unnamed = await page.$$eval('input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea', (els) => els
    .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !e.title)
    .map((e) => e.id || e.name || e.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, [], `${where}: form controls without a label`);
}

for (const who of ['out', ...Object.keys(ROLES)]) {
  test(`every page ${who === 'out' ? 'signed out' : 'as demo-' + who}`, async () => {
    const p = await newPage(browser, srv.base, { shots: `zaitaku-pages-${who}-` });
    if (who !== 'out') await p.ctx.addCookies([cookies[who]]);
    try {
      for (const { path, act } of pages()) {
        await p.open(path);
        await commonChecks(p.page, who, path);
        const allowed = allows(who, act);
        const gate = p.page.locator('#gate');
        if (allowed) {
          assert.equal(await gate.count(), 0, `${who} ${path}: the page is usable`);
          assert.equal(await p.page.locator('#page-alert.alert-error:visible').count(), 0,
            `${who} ${path}: no error shown: ${await p.page.locator('#page-alert').innerText().catch(() => '')}`);
          if (path.startsWith('/group?')) {
            // Roles that may read but not change groups get a read-only view that says so.
            const writer = allows(who, 'group_write');
            await p.page.waitForSelector('#members tbody tr', { state: 'attached' });
            assert.equal(await p.page.locator('#read-only-note').count(), writer ? 0 : 1, `${who}: read-only note`);
            assert.equal(await p.page.isDisabled('#g-name'), !writer, `${who}: group name editable`);
            assert.equal(await p.page.isVisible('#save-basic'), writer, `${who}: save button`);
            // Agreement dates also in 和暦 (the demo agreement runs from a date in 令和).
            assert.match(await p.page.textContent('#a-from-wareki'), /^令和\d+年\d+月\d+日$/, `${who}: 和暦 of the agreement`);
          }
        } else if (who === 'out') {
          // A clear Japanese message and a ログイン link that comes back here.
          assert.match(await gate.innerText(), /ログインが必要です/, path);
          const href = await p.page.getAttribute('#gate-signin', 'href');
          assert.equal(href, '/signin?next=' + encodeURIComponent(path), path);
          assert.equal(await p.page.locator('main form:visible, main table:visible').count(), 0, `${path}: no form or table left`);
        } else {
          assert.match(await gate.innerText(), /権限がありません/, `${who} ${path}`);
        }
        p.noErrors();
      }
    } finally {
      await p.close();
    }
  });
}

test('signed out: the gate leads through ログイン back to the page', async () => {
  const p = await newPage(browser, srv.base, { shots: 'zaitaku-pages-' });
  try {
    await p.open('/groups');
    await Promise.all([p.page.waitForURL(/\/signin\?next=/), p.page.click('#gate-signin')]);
    await p.ready();
    await p.page.fill('#username', ROLES.coordinator.username);
    await p.page.fill('#password', ROLES.coordinator.password);
    await Promise.all([p.page.waitForURL(/\/groups$/), p.page.click('#signin-submit')]);
    await p.ready();
    await p.page.waitForSelector('#groups tbody tr');
    p.noErrors();
  } finally {
    await p.close();
  }
});

test('a session that ends while a page is open: the error says so and links to ログイン', async () => {
  const p = await newPage(browser, srv.base, { shots: 'zaitaku-pages-' });
  try {
    await p.ctx.addCookies([cookies.coordinator]);
    await p.open(`/group?id=${groupId}`);
    await p.ctx.clearCookies();
    await p.page.click('#save-basic');
    await p.page.waitForSelector('#page-alert .alert-signin');
    assert.match(await p.page.innerText('#page-alert'), /ログインが必要/);
    assert.equal(await p.page.getAttribute('#page-alert .alert-signin', 'href'), '/signin?next=' + encodeURIComponent(`/group?id=${groupId}`));
    p.noErrors(/status of 401/);
  } finally {
    await p.close();
  }
});

test('public pages show no practitioner names (not public information) and no edit controls', async () => {
  const p = await newPage(browser, srv.base, { shots: 'zaitaku-pages-public-' });
  try {
    for (const path of ['/', '/?page=2', '/map', `/facility?id=${facilityId}`, '/public-groups', '/public-designations']) {
      await p.open(path);
      const text = await p.page.innerText('body');
      for (const name of practitioners) assert.ok(!text.includes(name), `${path} shows ${name}`);
      assert.ok(!text.includes('従事者'), `${path}: no practitioner section`);
      for (const sel of ['#edit-link', '#delete', '#new-link']) {
        if (await p.page.locator(sel).count()) assert.ok(!(await p.page.isVisible(sel)), `${path}: ${sel} hidden`);
      }
    }
    // Signed in, the same detail page lists them.
    const q = await newPage(browser, srv.base);
    await q.ctx.addCookies([cookies.coordinator]);
    await q.open(`/facility?id=${facilityId}`);
    assert.ok(await q.page.isVisible('#practitioners'));
    await q.close();
    p.noErrors();
  } finally {
    await p.close();
  }
});

test('public listings: 和暦, an as-of date, print without the site chrome, 420 px without sideways scrolling', async () => {
  const p = await newPage(browser, srv.base, { shots: 'zaitaku-pages-public-' });
  try {
    await p.open('/public-designations');
    const text = await p.page.innerText('main');
    assert.match(text, /計画期間 令和6年度〜令和11年度/, 'plan periods in 和暦 fiscal years');
    assert.doesNotMatch(text, /\d{4}-\d{4}/, 'no western plan period left');
    assert.match(await p.page.innerText('#as-of'), /^令和\d+年\d+月\d+日現在$/);
    await p.open('/public-groups');
    assert.match(await p.page.innerText('#as-of'), /^令和\d+年\d+月\d+日現在$/);
    // A prefecture with nothing published says so instead of an empty page.
    await p.open('/public-designations?prefecture=13');
    assert.match(await p.page.innerText('#pub-empty'), /まだありません/);
    assert.equal(await p.page.innerText('#pub-pref'), '東京都');
    for (const path of ['/public-groups', '/public-designations', '/']) {
      await p.open(path);
      await p.page.emulateMedia({ media: 'print' });
      assert.ok(!(await p.page.isVisible('#site-header')), `${path}: print hides the header`);
      assert.ok(!(await p.page.isVisible('#print')), `${path}: print hides the print button`);
      // The listing uses the whole width of the paper (no empty column left by the hidden filters).
      const [tw, bw] = await p.page.evaluate(() => [Math.max(...[...document.querySelectorAll('main table')].map((t) => t.getBoundingClientRect().width)), document.body.clientWidth]);
      assert.ok(tw >= 0.9 * bw, `${path}: printed table ${tw} px of ${bw} px`);
      await p.shot('print' + path.replace(/\W/g, '-'));
      await p.page.emulateMedia({ media: 'screen' });
    }
    // The sign-in fields share one style (the password field was once left unstyled).
    await p.open('/signin');
    const h = async (sel) => (await p.page.locator(sel).boundingBox()).height;
    assert.equal(await h('#password'), await h('#username'), 'password field styled like the user name');
    await p.page.setViewportSize({ width: 420, height: 900 });
    for (const path of ['/', '/map', `/facility?id=${facilityId}`, '/public-groups', '/public-designations', '/signin', '/groups']) {
      await p.open(path);
      const w = await p.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= 420, `${path}: ${w} px wide at 420 px`);
      assert.ok(await p.page.isVisible('#site-header nav'), `${path}: navigation visible on a phone`);
    }
    // Signed in on a phone: the group list keeps its state badges on one line.
    const q = await newPage(browser, srv.base, { shots: 'zaitaku-pages-' });
    await q.ctx.addCookies([cookies.prefecture]);
    await q.page.setViewportSize({ width: 420, height: 900 });
    await q.open('/groups');
    const tall = await q.page.$$eval('#groups .badge', (bs) => bs.filter((b) => b.getBoundingClientRect().height > 40).length);
    assert.equal(tall, 0, 'badges do not wrap character by character');
    assert.ok(await q.page.evaluate(() => document.documentElement.scrollWidth) <= 420);
    await q.shot('mobile-groups');
    q.noErrors();
    await q.close();
    await p.shot('mobile-public-designations');
    p.noErrors();
  } finally {
    await p.close();
  }
});
