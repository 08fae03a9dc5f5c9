// Browser test of discharge referrals (issue 16 §5): a hospital creates a referral (a missing
// coordinate is named next to its field), the coordinator sees the demo ventilator patient's ranked
// candidates on the map with the 16 km circle and the excluded ones greyed with their reasons,
// proposes one, the clinic accepts, the hospital sees the new status; a batch run shows the load per
// clinic before and after. Screenshots: $ZAITAKU_SHOTS/zaitaku-referrals-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { authHeaders } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let fx, pages = {}, ids = {}, ventilator;

before(async () => {
  fx = await browserFixture({ demo: true, role: 'admin' });
  const fac = async (name) => (await fx.api('GET', `/api/v1/facilities?q=${encodeURIComponent(name)}&limit=5`)).json.items.find((x) => x.name.startsWith(name)).id;
  ids.hospital = await fac('鹿嶋なぎさ総合病院');
  ids.clinicA = await fac('かしま在宅クリニック');
  ids.assoc = (await fx.api('GET', '/api/v1/facilities?kind=medical_association&municipality=082228')).json.items[0].id;
  const heads = {
    hospital: await authHeaders(fx.srv, 'hospital', { institution: ids.hospital }),
    coord: await authHeaders(fx.srv, 'coordinator', { associations: [ids.assoc] }),
    clinic: await authHeaders(fx.srv, 'doctor', { institution: ids.clinicA }),
  };
  const list = await fx.api('GET', '/api/v1/referrals', undefined, heads.coord);
  ventilator = list.json.items.find((x) => x.devices.some((d) => d.code === 'ventilator')).id;
  for (const [k, h] of Object.entries(heads)) pages[k] = await newPage(fx.browser, fx.srv.base, { headers: h, shots: `zaitaku-referrals-${k}-` });
});
after(() => fx?.close());

test('a hospital creates and sends a referral; a missing coordinate is named at its field', async () => {
  const p = pages.hospital;
  await p.open('/referrals');
  await p.page.click('#new-referral');
  await p.page.fill('#p-name', '画面 花子（架空）');
  await p.page.fill('#p-kana', 'ガメン ハナコ');
  await p.page.fill('#p-birth', '1940-05-05');
  await p.page.fill('#r-date', '2026-12-28');
  await p.page.selectOption('#r-muni', '082228');
  await p.page.fill('#r-address', '茨城県鹿嶋市宮中（架空）5-5');
  await p.page.check('#r-devices input[value="oxygen"]');
  await p.page.click('#create-send');
  await p.page.waitForSelector('.field.has-error[data-field="lat"] .field-error');
  assert.match(await p.page.textContent('.field.has-error[data-field="lat"] .field-error'), /座標/);
  assert.equal(await p.page.getAttribute('#r-lat', 'aria-invalid'), 'true');
  await p.page.fill('#r-lat', '35.966');
  await p.page.fill('#r-lon', '140.640');
  await p.page.click('#create-send');
  await p.page.waitForSelector('#referrals tr[data-state="sent"] td.name >> text=画面 花子（架空）');
  await p.shot('created');
  p.noErrors();
});

test('the coordinator sees the ventilator patient\'s candidates on the map: 16 km circle, excluded greyed with reasons; proposes one', async () => {
  const p = pages.coord;
  await p.open('/referrals');
  assert.ok(await p.page.locator(`#referrals tr[data-id="${ventilator}"]`).count() === 1, 'the demo referral is in the queue');
  assert.match(await p.page.textContent(`#referrals tr[data-id="${ventilator}"]`), /\d+日/);
  await p.open(`/referral?id=${ventilator}`);
  await p.page.waitForSelector('#map circle.radius');
  assert.equal(await p.page.locator('#map .cand.role-clinic.ok').count(), 1, 'one capable clinic within 16 km with room');
  assert.ok(await p.page.locator('#map .cand.role-nurse.ok').count() >= 1, 'and capable nurse stations');
  assert.ok(await p.page.locator('#map .cand.role-clinic.excluded').count() >= 3, 'excluded nearby ones are drawn grey');
  const excluded = await p.page.$$eval('#cand-clinic tr.excluded', (trs) => trs.map((t) => t.querySelector('.reason').textContent));
  assert.ok(excluded.length >= 3 && excluded.every((x) => x.length > 0), excluded.join(' / '));
  assert.ok(excluded.some((x) => /16km/.test(x)), 'one is too far');
  assert.ok(excluded.some((x) => /避けたい/.test(x)), 'one is avoided by the family');
  const first = await p.page.textContent('#cand-clinic tr.eligible td:nth-child(2)');
  assert.match(first, /かしま在宅クリニック/);
  await p.shot('candidates');
  await p.page.click('#propose');
  await p.page.waitForSelector('#state[data-state="proposed"]');
  p.noErrors();
});

test('the clinic declares its capacity, accepts; the hospital sees the new status', async () => {
  const c = pages.clinic;
  await c.open('/referrals');
  await c.page.waitForSelector('#capacity-panel:not([hidden])');
  await c.page.fill('#capacity-more', '600');
  await c.page.click('#capacity-form button');
  await c.page.waitForSelector('.field.has-error[data-field="accepts_more"] .field-error');
  await c.page.fill('#capacity-more', '4');
  await c.page.click('#capacity-form button');
  await c.page.waitForFunction(() => /受入枠の残り 4 人/.test(document.getElementById('capacity-now').textContent));
  assert.ok(await c.page.locator(`#referrals tr[data-id="${ventilator}"]`).count() === 1, 'the request addressed to the clinic is listed');
  await c.open(`/referral?id=${ventilator}`);
  await c.page.click('button:has-text("受け入れる")');
  await c.page.waitForSelector('#state[data-state="accepted"]');
  c.noErrors();
  const h = pages.hospital;
  await h.open('/referrals');
  assert.match(await h.page.textContent(`#referrals tr[data-id="${ventilator}"]`), /受入決定/);
  await h.open(`/referral?id=${ventilator}`);
  assert.match(await h.page.textContent('#events'), /打診中 → 受入決定/);
  h.noErrors();
});

test('a batch run shows the load per clinic before and after, and proposes only on confirmation', async () => {
  const p = pages.coord;
  await p.open('/referrals');
  await p.page.click('#batch-run');
  await p.page.waitForSelector('#batch-load tbody tr');
  const rows = await p.page.$$eval('#batch-load tbody tr', (trs) => trs.map((t) => [...t.querySelectorAll('td')].map((d) => d.textContent)));
  assert.ok(rows.length >= 2);
  assert.ok(rows.some((r) => Number(r[2]) > Number(r[1])), 'some clinic takes a patient in the proposal');
  assert.match(await p.page.textContent('#batch-summary'), /確認済み/);
  assert.equal(await p.page.locator('#referrals tr[data-state="proposed"]').count(), 0, 'nothing proposed before confirming');
  await p.shot('batch');
  await p.page.click('#batch-confirm');
  await p.page.waitForSelector('#referrals tr[data-state="proposed"]');
  assert.match(await p.page.textContent('#report-body'), /状態別の件数/);
  p.noErrors();
});
