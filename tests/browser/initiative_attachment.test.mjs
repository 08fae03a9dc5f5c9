// Browser test of initiative attachments (issue 4 §2: 取組 "with dates and attachments"): attach a
// PNG to an initiative on the group page, see the link, and see the server's message for a fake file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createFacilities } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let srv, auth, api, browser, close, page, open, shot, noErrors;
before(async () => {
  ({ srv, auth, api, browser, close } = await browserFixture());
  ({ page, open, shot, noErrors } = await newPage(browser, srv.base, { headers: auth, shots: 'zaitaku-att-' }));
});
after(() => close?.());

test('attach a PNG to an initiative on the group page, then see and download it', async () => {
  const ids = await createFacilities(api, { assoc: { kind: 'medical_association', name: '添付郡市医師会', municipality: '082228' } });
  const g = await api('POST', '/api/v1/groups', { name: '添付グループ', base_id: ids.assoc });
  assert.equal(g.status, 201, g.text);
  const i = await api('POST', `/api/v1/groups/${g.json.id}/initiatives`, { kind: 'support', held_on: '2025-05-10', title: '添付テスト' });
  assert.equal(i.status, 201, i.text);
  await open(`/group?id=${g.json.id}&step=5`);
  await page.selectOption('#fy', '2025');
  const row = `#inits tr[data-id="${i.json.id}"]`;
  await page.waitForSelector(row);
  assert.match(await page.textContent(row), /なし/);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 1)]);
  await page.setInputFiles(`${row} input.att-file`, { name: 'photo.png', mimeType: 'image/png', buffer: png });
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PUT' && /\/attachment$/.test(new URL(r.url()).pathname)),
    page.click(`${row} button.att-button`),
  ]);
  assert.equal(resp.status(), 200);
  await page.waitForSelector(`${row} a.att-link`);
  assert.match(await page.textContent(`${row} a.att-link`), /PNG画像（2KB）/);
  // a wrong file shows the server's message
  await page.setInputFiles(`${row} input.att-file`, { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('GIF89a') });
  await page.click(`${row} button.att-button`);
  await page.waitForSelector('text=PNG画像ではありません');
  await shot('initiatives');
  noErrors();
});
