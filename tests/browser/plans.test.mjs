// Browser test of activity plans (issue 19 §5): the prefecture chooses the rule set of an operator on
// its plan page; its coordinator writes the plan for the current fiscal year and sees action ① missing
// flagged with the seed line; a meeting is recorded and appears as evidence of ⑤; the yearly report
// downloads as PDF; the status page lists every operator with its verdict. Screenshots:
// $ZAITAKU_SHOTS/zaitaku-plans-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { authHeaders, api } from '../api/lib.mjs';
import { browserFixture, newPage } from './lib.mjs';

let fx, pref, coord, opId, fy;

before(async () => {
  fx = await browserFixture({ demo: true, role: 'admin' });
  const assoc = (await fx.api('GET', '/api/v1/facilities?kind=medical_association&municipality=082228')).json.items[0].id;
  const heads = {
    pref: await authHeaders(fx.srv, 'prefecture', { prefecture: '08' }),
    coord: await authHeaders(fx.srv, 'coordinator', { associations: [assoc] }),
  };
  const r = await api(fx.srv.base, 'POST', '/api/v1/operators',
    { name: '画面テスト医師会 コーディネータ事業', kind: 'coordinator', prefecture: '08', association_id: assoc, first_fiscal_year: 2024 }, heads.pref);
  assert.equal(r.status, 201, r.text);
  opId = r.json.id;
  fy = (await api(fx.srv.base, 'GET', '/api/v1/plan-status', undefined, heads.pref)).json.fiscal_year;
  pref = await newPage(fx.browser, fx.srv.base, { headers: heads.pref, shots: 'zaitaku-plans-pref-' });
  coord = await newPage(fx.browser, fx.srv.base, { headers: heads.coord, shots: 'zaitaku-plans-coord-' });
  coord.heads = heads.coord;
});
after(() => fx?.close());

test('the prefecture applies the Osaka rule set to the operator on its plan page', async () => {
  const p = pref;
  await p.open(`/plan?operator=${opId}&fy=${fy}`);
  assert.match(await p.page.textContent('#comp-summary'), /まだ選んでいません/);
  await p.page.selectOption('#assign-ruleset', 'osaka_coordinator');
  await p.page.click('#assign-form button[type="submit"]');
  await p.page.waitForSelector('#ruleset-name >> text=在宅医療推進コーディネータ事業');
  assert.equal(await p.page.locator('#actions > li').count(), 8);
  p.noErrors();
});

test('the coordinator writes the plan for this fiscal year and sees ① missing flagged', async () => {
  const p = coord;
  await p.open(`/plan?operator=${opId}&fy=${fy}`);
  assert.ok(await p.page.locator('#assign-panel').isHidden(), 'coordinators do not choose the rule set');
  await p.page.check('#actions li[data-code="o5"] input.chosen');
  await p.page.check('#actions li[data-code="o6"] input.chosen');
  await p.page.fill('#note-o5', '年3回開催する');
  await p.page.fill('#goals tr[data-indicator="meetings"] input.goal', '-1');
  await p.page.click('#save');
  await p.page.waitForSelector('.field.has-error[data-field="goal-meetings"] .field-error');
  await p.page.fill('#goals tr[data-indicator="meetings"] input.goal', '4');
  await p.page.click('#save');
  await p.page.waitForSelector('#rules li.not_met[data-code="osaka.action1"]');
  const flagged = await p.page.textContent('#rules li[data-code="osaka.action1"]');
  assert.match(flagged, /未充足/);
  assert.match(flagged, /計画に「①地域資源の把握/);
  assert.match(flagged, /①の事業は必ず実施する/);
  assert.match(await p.page.textContent('#page-alert'), /計画を保存しました/);
  await p.shot('missing-action');
  p.noErrors();
});

test('a meeting recorded for the operator appears as evidence of ⑤ and counts towards 年3回', async () => {
  const p = coord;
  const m = await api(fx.srv.base, 'POST', '/api/v1/meetings',
    { operator_id: opId, kind: 'exchange', title: '画面テスト 情報交換会', held_on: `${fy}-04-20` }, coord.heads);
  assert.equal(m.status, 201, m.text);
  await p.open(`/plan?operator=${opId}&fy=${fy}`);
  const o5 = p.page.locator('#actions li[data-code="o5"]');
  await o5.locator('.evidence li >> text=画面テスト 情報交換会').waitFor();
  assert.match(await o5.textContent(), /実績 1件/);
  assert.match(await p.page.textContent('#rules li[data-code="osaka.exchange_3"]'), /1回（年3回以上必要、あと2回）/);
  await p.shot('evidence');
  p.noErrors();
});

test('the yearly report downloads as PDF; the status page lists the operator with its verdict', async () => {
  const p = coord;
  await p.open(`/plan?operator=${opId}&fy=${fy}`);
  const href = await p.page.getAttribute('#report-pdf', 'href');
  assert.equal(href, `/api/v1/operators/${opId}/plans/${fy}/report.pdf`);
  const res = await p.page.request.get(fx.srv.base + href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  assert.equal((await res.body()).subarray(0, 5).toString(), '%PDF-');
  await pref.open('/plans');
  const row = pref.page.locator(`#operators tr[data-id="${opId}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /未充足/);
  assert.match(await row.textContent(), /①は必須/);
  assert.ok(await pref.page.locator('#operators tr >> text=鹿行地域在宅医療サポートセンター（基幹型・デモ）').count() === 1, 'the demo operators are listed');
  await pref.shot('status');
  pref.noErrors();
});

test('the prefecture registers an operator on the status page and edits it; a coordinator sees no such form', async () => {
  const p = pref.page;
  await pref.open('/plans');
  await p.waitForSelector('#op-panel:not([hidden])');
  assert.equal(await p.inputValue('#op-pref'), '08', 'its own prefecture');
  await p.fill('#op-name', '画面テスト 在宅医療・介護連携推進事業');
  await p.selectOption('#op-kind', 'municipal');
  await p.selectOption('#op-muni', '082228');
  await p.fill('#op-fy', '2025');
  await p.click('#op-save');
  await p.waitForSelector('#page-alert >> text=登録しました');
  await p.waitForSelector('#operators tr >> text=画面テスト 在宅医療・介護連携推進事業');
  // the form now edits it; a refused edit names the field and keeps the old values
  assert.equal(await p.textContent('#op-save'), '変更を保存');
  await p.fill('#op-fy', '1999');
  await p.click('#op-save');
  await p.waitForSelector('#page-alert.alert-error');
  assert.match(await p.textContent('#page-alert'), /年度/);
  await p.fill('#op-fy', '2026');
  await p.fill('#op-name', '画面テスト 在宅医療・介護連携推進事業（鹿嶋市）');
  await p.click('#op-save');
  await p.waitForSelector('#page-alert >> text=保存しました');
  await p.waitForSelector('#operators tr >> text=画面テスト 在宅医療・介護連携推進事業（鹿嶋市）');
  const list = (await api(fx.srv.base, 'GET', '/api/v1/operators', undefined, coord.heads)).json.items;
  const mine = list.find((o) => o.name === '画面テスト 在宅医療・介護連携推進事業（鹿嶋市）');
  assert.ok(mine && mine.first_fiscal_year === 2026 && mine.municipality === '082228', JSON.stringify(list.map((o) => o.name)));
  await pref.shot('operators');
  pref.noErrors();
  await coord.open('/plans');
  assert.equal(await coord.page.locator('#op-panel').isHidden(), true);
  coord.noErrors();
});
