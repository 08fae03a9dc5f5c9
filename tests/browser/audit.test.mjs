// Browser test of 「監査記録」 (the audit trail's page): the coordinator opens a patient, follows
// 「閲覧・変更の記録」 and finds her own read of that patient at the top (who, 閲覧, the patient, the
// address it came from); a change of the patient shows its changed fields and the before / after
// JSON; filters by user and by Japan calendar day narrow the list, stay in the URL and drive the
// CSV link; a doctor (no audit_read) has neither the link nor the page.
// Screenshots: $ZAITAKU_SHOTS/zaitaku-audit-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { authHeaders } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let fx, patient, coordPage, docPage, me;

before(async () => {
  fx = await browserFixture({ demo: true, role: 'coordinator' });
  patient = (await fx.api('GET', '/api/v1/patients')).json.items.find((x) => x.name.startsWith('鹿嶋 花子'));
  const team = (await fx.api('GET', `/api/v1/patients/${patient.id}`)).json.team;
  // the fixture coordinator's username, as the trail names it
  me = (await fx.api('GET', '/api/v1/audit?limit=1')).json.items[0].actor_username;
  const doc = await authHeaders(fx.srv, 'doctor', { institution: team.primary_institution.id });
  coordPage = await newPage(fx.browser, fx.srv.base, { headers: fx.auth, shots: 'zaitaku-audit-' });
  docPage = await newPage(fx.browser, fx.srv.base, { headers: doc, shots: 'zaitaku-audit-' });
});
after(() => fx?.close());

test('the coordinator follows 閲覧・変更の記録 from a patient and finds her read and a change with its fields', async () => {
  // a change of the patient's record, so that the trail has an update with before and after
  const put = await fx.api('PUT', `/api/v1/patients/${patient.id}`, { phone: '0299-00-1234' });
  assert.equal(put.status, 200, put.text);
  const p = coordPage;
  await p.open(`/patient?id=${patient.id}`);
  const link = p.page.locator('#audit-link');
  assert.equal(await link.isVisible(), true);
  await link.click();
  await p.ready();
  assert.match(await p.page.textContent('h1'), /監査記録/);
  assert.match(p.page.url(), new RegExp(`/audit\\?object_type=patient&object_id=${patient.id}$`));
  assert.equal(await p.page.inputValue('#a-type'), 'patient');
  assert.equal(await p.page.inputValue('#a-id'), String(patient.id));
  // her reads of the page she came from: the record (閲覧) and its call chain (連絡順の閲覧)
  const read = p.page.locator('#audit tbody tr[data-action="read"]').first();
  await read.waitFor();
  const text = await read.textContent();
  assert.match(text, new RegExp(`^\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}${me}在宅医療コーディネータ閲覧患者 ${patient.id}`));
  assert.match(await p.page.textContent('#audit tbody tr[data-action="read_call_chain"]'), /連絡順の閲覧/);
  assert.match(text, /在宅医療コーディネータ/);
  assert.match(text, /127\.0\.0\.1/);
  // the update: the changed field named, the JSON on demand
  const upd = p.page.locator('#audit tbody tr[data-action="update"]').first();
  assert.match(await upd.locator('summary').textContent(), /変更した項目: .*phone/);
  await upd.locator('summary').click();
  assert.match(await upd.locator('pre').nth(1).textContent(), /0299-00-1234/);
  // every row is of this patient
  for (const t of await p.page.locator('#audit tbody tr td:nth-child(4)').allTextContents()) {
    assert.equal(t, `患者 ${patient.id}`);
  }
  await p.shot('patient');
  p.noErrors();
});

test('filters by user and by day narrow the list, stay in the URL and drive the CSV link', async () => {
  const p = coordPage;
  await p.open('/audit');
  await p.page.locator('#audit tbody tr').first().waitFor();
  await p.page.fill('#a-actor', me);
  await p.page.click('#a-go');
  await p.page.waitForFunction(() => location.search.includes('actor='));
  await p.page.locator('#audit tbody tr').first().waitFor();
  for (const t of await p.page.locator('#audit tbody tr td:nth-child(2)').allTextContents()) {
    assert.ok(t.startsWith(me), t);
  }
  const csv = await p.page.getAttribute('#csv-link', 'href');
  assert.equal(csv, `/api/v1/audit.csv?actor=${encodeURIComponent(me)}&limit=100000`);
  const r = await fetch(fx.srv.base + csv, { headers: fx.auth });
  assert.equal(r.status, 200);
  assert.ok((await r.text()).includes(me));
  // a day in the future: nothing, said in Japanese; the bound sent is the Japan day's first second in UTC
  await p.page.fill('#a-from', '2099-01-01');
  const [req] = await Promise.all([
    p.page.waitForRequest((q) => q.url().includes('/api/v1/audit?')),
    p.page.click('#a-go'),
  ]);
  assert.match(req.url(), /from=2098-12-31T15%3A00%3A00Z/);
  await p.page.waitForSelector('#empty:not([hidden])');
  assert.match(await p.page.textContent('#empty'), /条件に合う記録はありません/);
  assert.equal(await p.page.locator('#audit tbody tr').count(), 0);
  p.noErrors();
});

test('a doctor has no 閲覧・変更の記録 link and the page tells him he may not', async () => {
  const p = docPage;
  await p.open(`/patient?id=${patient.id}`);
  assert.equal(await p.page.locator('#audit-link').isHidden(), true);
  assert.equal(await p.page.locator('nav a[href="/audit"]').isHidden(), true);
  await p.open('/audit');
  await p.page.waitForSelector('#gate');
  assert.match(await p.page.textContent('#gate'), /権限がありません/);
  assert.equal(await p.page.locator('#audit-form').isHidden(), true);
  p.noErrors();
});
