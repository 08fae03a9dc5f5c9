// Browser test of the interop pages (issue 14 §7): on 「カレンダー購読 (iCalendar)」 a doctor creates the
// subscription URL of his own duties (shown once), copies it, a calendar fetches it, he revokes it and
// the URL answers 404; the group's coordinator creates the group's feed while a doctor is refused;
// the patient page's 「FHIR 形式で出力」 downloads the care team as a FHIR Bundle.
// Screenshots: $ZAITAKU_SHOTS/zaitaku-feeds-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { authHeaders } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let fx, team, patient, doc, docPage, coordPage;

before(async () => {
  fx = await browserFixture({ demo: true, role: 'coordinator' });
  const list = await fx.api('GET', '/api/v1/patients');
  patient = list.json.items.find((x) => x.name.startsWith('鹿嶋 花子'));
  team = (await fx.api('GET', `/api/v1/patients/${patient.id}`)).json.team;
  doc = await authHeaders(fx.srv, 'doctor', { institution: team.primary_institution.id });
  docPage = await newPage(fx.browser, fx.srv.base, { headers: doc, shots: 'zaitaku-feeds-', allow: /Failed to load resource: .*status of (400|403|409)/ });
  coordPage = await newPage(fx.browser, fx.srv.base, { headers: fx.auth, shots: 'zaitaku-feeds-' });
});
after(() => fx?.close());

test('a doctor finds カレンダー購読 in the menu, creates his feed, copies the URL, and revokes it', async () => {
  const p = docPage;
  await p.open('/patients');
  await p.page.click('nav a[href="/feeds"]');
  await p.ready();
  assert.match(await p.page.textContent('h1'), /カレンダー購読 \(iCalendar\)/);
  // his institution and its doctors are chosen already
  assert.equal(await p.page.inputValue('#f-inst'), String(team.primary_institution.id));
  await p.page.selectOption('#f-doc', String(team.primary.id));
  await p.page.click('#f-create');
  await p.page.waitForSelector('#feed-new:not([hidden])');
  const url = await p.page.inputValue('#feed-url');
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/ical\/[0-9a-f]{64}\.ics$/);
  await p.page.click('#feed-copy');
  await p.page.waitForFunction(() => document.getElementById('feed-copied').textContent !== '');
  assert.match(await p.page.textContent('#feed-copied'), /コピー/);
  await p.shot('created');
  // a calendar app fetches the URL without any session
  let r = await fetch(url);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/calendar/);
  assert.match(await r.text(), /BEGIN:VTIMEZONE\r\nTZID:Asia\/Tokyo/);
  const row = p.page.locator('#feeds tbody tr[data-state="active"]');
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), new RegExp(team.primary.name.replace(/[()（）]/g, '.')));
  await row.locator('button.revoke').click();
  await p.page.waitForSelector('#feeds tbody tr[data-state="revoked"]');
  assert.match(await p.page.textContent('#feeds tbody tr[data-state="revoked"]'), /取り消し済み/);
  assert.equal(await p.page.locator('#feed-new').isHidden(), true, 'the URL is no longer shown');
  r = await fetch(url);
  assert.equal(r.status, 404);
  p.noErrors();
});

test('a group feed: the group\'s coordinator creates it; a doctor is told he may not', async () => {
  const p = coordPage;
  await p.open('/feeds');
  await p.page.check('#feed-form input[value="group"]');
  assert.equal(await p.page.locator('#f-doc-field').isHidden(), true);
  await p.page.selectOption('#f-group', String(team.group_id));
  await p.page.click('#f-create');
  await p.page.waitForSelector('#feed-new:not([hidden])');
  const url = await p.page.inputValue('#feed-url');
  const text = await (await fetch(url)).text();
  assert.match(text, /SUMMARY:[^\r\n]*当番/);
  await p.shot('group');
  p.noErrors();

  await docPage.open('/feeds');
  await docPage.page.check('#feed-form input[value="group"]');
  await docPage.page.selectOption('#f-group', String(team.group_id));
  await docPage.page.click('#f-create');
  await docPage.page.waitForSelector('#page-alert:not([hidden])');
  assert.match(await docPage.page.textContent('#page-alert'), /権限/);
  assert.equal(await docPage.page.locator('#feed-new').isHidden(), true);
  docPage.noErrors();
});

test('the patient page offers 「FHIR 形式で出力」: a FHIR R4 Bundle of the care team', async () => {
  const p = coordPage;
  await p.open(`/patient?id=${patient.id}`);
  const link = p.page.locator('#fhir-download');
  assert.equal((await link.textContent()).trim(), 'FHIR 形式で出力');
  assert.equal(await link.getAttribute('href'), `/api/v1/patients/${patient.id}/fhir`);
  // the link answers the Bundle as a download (a link of a cookie session; this page signs in by header)
  const res = await p.page.request.get(fx.srv.base + await link.getAttribute('href'));
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^application\/fhir\+json/);
  assert.match(res.headers()['content-disposition'], /attachment/);
  const bundle = JSON.parse(await res.text());
  assert.equal(bundle.resourceType, 'Bundle');
  assert.ok(bundle.entry.some((e) => e.resource.resourceType === 'CareTeam'));
  assert.ok(JSON.stringify(bundle).includes('主治医'));
  p.noErrors();
});
