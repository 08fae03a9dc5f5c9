// Issue 12 §3 and §6 through the real binary: tri-state facts (true 対応あり / false 対応なし /
// null 未確認), the include_unknown filter, who confirmed a fact, folded multi-word search, sort.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from './lib.mjs';

let fx;
before(async () => { fx = await serverFixture(); });
after(() => fx?.close());

const base = { kind: 'clinic', municipality: '082228' };
const ids = async (query) => {
  const r = await fx.api('GET', `/api/v1/facilities?limit=500&${query}`);
  assert.equal(r.status, 200, r.text);
  return r.json.items.map((f) => f.id).sort((a, b) => a - b);
};

test('facts are tri-state; filters treat 未確認 explicitly', async () => {
  const mk = async (body) => {
    const r = await fx.api('POST', '/api/v1/facilities', { ...base, ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const yes = await mk({ name: 'カシマ在宅クリニック', h24: true, capabilities: ['ventilator'], phone: '0299-11-2222' });
  const no = await mk({ name: '鹿嶋みなみ診療所', h24: false, capabilities: [] });
  const unk = await mk({ name: 'かしま北クリニック', h24: null, home_care: null, capabilities_unknown: ['ventilator', 'oxygen'] });
  // backwards compatible: a client that says nothing of the facts means "no", as before
  const old = await mk({ name: '旧クライアント医院' });
  assert.equal(yes.h24, true);
  assert.equal(no.h24, false);
  assert.equal(old.h24, false);
  assert.deepEqual(old.capabilities_unknown, []);
  assert.equal(unk.h24, null);
  assert.equal(unk.home_care, null);
  assert.deepEqual(unk.capabilities, []);
  assert.deepEqual(unk.capabilities_unknown, ['ventilator', 'oxygen']);

  assert.deepEqual(await ids('h24=true'), [yes.id]);
  assert.deepEqual(await ids('h24=true&include_unknown=true'), [yes.id, unk.id]);
  assert.deepEqual(await ids('h24=false'), [no.id, old.id]); // 未確認 is not "no"
  assert.deepEqual(await ids('h24=false&include_unknown=1'), [no.id, unk.id, old.id]);
  assert.deepEqual(await ids('capability=ventilator'), [yes.id]);
  assert.deepEqual(await ids('capability=ventilator&include_unknown=true'), [yes.id, unk.id]);
  assert.deepEqual(await ids('home_care=false'), [yes.id, no.id, old.id]);
  assert.deepEqual(await ids('home_care=true&include_unknown=true'), [unk.id]);

  // a yes in both lists is refused, naming the field
  let r = await fx.api('POST', '/api/v1/facilities', { ...base, name: 'x', capabilities: ['oxygen'], capabilities_unknown: ['oxygen'] });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'capabilities_unknown');
  for (const [q, field] of [['include_unknown=maybe', 'include_unknown'], ['home_care=2', 'home_care'],
    ['sort=price', 'sort'], ['q=a%20b%20c%20d%20e', 'q']]) {
    r = await fx.api('GET', `/api/v1/facilities?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.json.error.field, field);
  }

  // who confirmed which fact when: confirming h24 of the unknown one records the user
  r = await fx.api('PUT', `/api/v1/facilities/${unk.id}`, { h24: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.h24, true);
  assert.equal(r.json.home_care, null); // untouched facts stay 未確認
  assert.deepEqual(r.json.capabilities_unknown, ['ventilator', 'oxygen']);
  r = await fx.api('GET', `/api/v1/facilities/${unk.id}`);
  const h24 = r.json.confirmations.find((c) => c.fact === 'h24');
  assert.equal(h24.state, 'yes');
  assert.match(h24.confirmed_by, /^t-admin-/);
  assert.match(h24.confirmed_at, /^\d{4}-\d\d-\d\dT/);
  assert.equal(r.json.confirmations.find((c) => c.fact === 'ventilator'), undefined);
  // the public never sees who confirmed
  const pub = await fetch(`${fx.srv.base}/api/v1/facilities/${unk.id}`);
  assert.equal((await pub.json()).confirmations, undefined);
});

test('search folds kana and width, ANDs words, covers phone and code; sort', async () => {
  const mk = async (body) => (await fx.api('POST', '/api/v1/facilities', { ...base, ...body })).json;
  const a = await mk({ name: 'ガクエン通り診療所', kana: 'ガクエンドオリシンリョウジョ', phone: '0299-55-0101', medical_code: '0811234566' });
  const b = await mk({ name: '学園前クリニック', kana: 'ガクエンマエクリニック', address: '茨城県鹿嶋市宮中１－２' });
  const q = (s) => ids('q=' + encodeURIComponent(s));
  assert.deepEqual(await q('ｶﾞｸｴﾝ'), [a.id, b.id]); // half-width with dakuten
  assert.deepEqual(await q('がくえん'), [a.id, b.id]); // hiragana
  assert.deepEqual(await q('がくえん　宮中'), [b.id]); // two words, ideographic space: AND
  assert.deepEqual(await q('0299550101'), [a.id]); // phone without hyphens
  assert.deepEqual(await q('55-0101'), [a.id]);
  assert.deepEqual(await q('1234566'), [a.id]); // 医療機関コード
  assert.deepEqual(await q('ｶﾞｸｴﾝ 病院'), []);

  let r = await fx.api('GET', '/api/v1/facilities?q=' + encodeURIComponent('がくえん') + '&sort=-kana');
  assert.deepEqual(r.json.items.map((f) => f.id), [b.id, a.id]); // ガクエンマ… > ガクエンド…
  r = await fx.api('GET', '/api/v1/facilities?q=' + encodeURIComponent('がくえん') + '&sort=kana');
  assert.deepEqual(r.json.items.map((f) => f.id), [a.id, b.id]);
});

test('designation candidates warn when they rest on 未確認 facts (seed 001: 自ら24時間対応)', async () => {
  const mk = async (body) => {
    const r = await fx.api('POST', '/api/v1/facilities', { kind: 'hospital', municipality: '082333', beds: 120, standards: ['zaibyo_conventional'], ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const known = await mk({ name: '行方確認済み病院', h24: true, home_care: true });
  const unknown = await mk({ name: '行方未確認病院', h24: null, home_care: true });
  const r = await fx.api('GET', '/api/v1/designations?prefecture=08');
  assert.equal(r.status, 200, r.text);
  const m = r.json.municipalities.find((x) => x.code === '082333');
  const c = (id) => m.active_candidates.find((x) => x.institution_id === id);
  assert.deepEqual(c(unknown.id).warnings, ['「行方未確認病院」の24時間対応は未確認です。']);
  assert.equal(c(known.id).warnings, undefined);
});

test('a group names the members whose 24時間対応 is 未確認 (a warning, the group stays valid)', async () => {
  const mk = async (body) => {
    const r = await fx.api('POST', '/api/v1/facilities', { municipality: '082228', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  const a = await mk({ kind: 'clinic', name: 'グループ確認済み医院', legal_entity: '医療法人A会', h24: true });
  const b = await mk({ kind: 'clinic', name: 'グループ未確認医院', legal_entity: '医療法人B会', h24: null });
  const ns = await mk({ kind: 'nurse_station', name: 'グループ訪問看護', h24: true });
  const assoc = await mk({ kind: 'medical_association', name: 'グループ医師会' });
  const muni = await mk({ kind: 'municipality', name: 'グループ市 相談窓口' });
  // the other 要件 of seed 000 (issue 13): 関係市町村, the 協定's parties and PDF, the three 取組
  // (formed this fiscal year: a plan for each suffices)
  const today = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
  const created = await fx.api('POST', '/api/v1/groups', {
    name: '未確認を含むグループ', base_id: assoc, active_role_ids: [a], formed_on: today,
    agreement: { signed_on: today, parties: 'A, B, 訪看', party_ids: [a, b, ns] },
    members: [{ institution_id: a, role: 'member_medical' }, { institution_id: b, role: 'member_medical' },
      { institution_id: ns, role: 'nurse_station' }, { institution_id: muni, role: 'partner_municipality' }],
  });
  assert.equal(created.status, 201, created.text);
  const gid = created.json.id;
  await fx.api('PUT', `/api/v1/groups/${gid}/agreement/document`, '%PDF-1.4\n%%EOF\n', { 'Content-Type': 'application/pdf' });
  for (const kind of ['support', 'patient_centred', 'awareness_training'])
    await fx.api('POST', `/api/v1/groups/${gid}/initiatives`, { kind, held_on: today, title: kind, planned: true });
  const r = await fx.api('GET', `/api/v1/groups/${gid}`);
  assert.equal(r.status, 200, r.text);
  const w = r.json.validation.problems.filter((p) => p.code === 'fact_unconfirmed');
  assert.equal(w.length, 1);
  assert.equal(w[0].severity, 'warning');
  assert.match(w[0].message, /グループ未確認医院.*24時間対応は未確認/);
  assert.equal(r.json.validation.valid, true);
});
