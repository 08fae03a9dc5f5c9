// Seeds 001 and 004 to the letter (issue 13 items 7–12), through the real binary on the demo region
// (茨城県 鹿行): the definition of 積極的役割 for volunteers and overrides, designations re-checked and
// flagged when the facts change, 拠点 kinds and the 相談窓口, rule ③ by distance, the coverage audit
// across prefecture borders, and the 在宅医療サポートセンター groups and quotas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverFixture, withServer, api, authHeaders, run, ROOT } from './lib.mjs';

let srv, admin, pref08, close;
before(async () => {
  ({ srv, auth: admin, close } = await serverFixture({ demo: true }));
  pref08 = await authHeaders(srv, 'prefecture', { prefecture: '08' });
});
after(() => close?.());

const report = async () => (await api(srv.base, 'GET', '/api/v1/designations?prefecture=08', undefined, pref08)).json;
const coverage = async () => (await api(srv.base, 'GET', '/api/v1/coverage?prefecture=08', undefined, pref08)).json;
const muni = (rep, name) => rep.municipalities.find((m) => m.name === name);
async function inst(name) {
  const r = await api(srv.base, 'GET', `/api/v1/facilities?q=${encodeURIComponent(name)}&limit=5`);
  const f = r.json.items.find((x) => x.name === name);
  assert.ok(f, name);
  return f;
}
const put = (id, body) => api(srv.base, 'PUT', `/api/v1/facilities/${id}`, body, admin);

// seed 001: 「自ら24時間対応体制の在宅医療を提供するとともに…病院・診療所」 — for every basis.
test('item 7: volunteers and overrides for 積極的役割 must meet the definition', async () => {
  const ekimae = await inst('鉾田駅前医院（架空）'); // 外来のみ, no 24h
  for (const extra of [{ basis: 'volunteer' }, { basis: 'override', reason: '地域の事情により' }]) {
    const r = await api(srv.base, 'POST', '/api/v1/designations',
      { municipality: '082341', institution_id: ekimae.id, role: 'active', ...extra }, pref08);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'institution_id');
    assert.match(r.json.error.message, /24時間対応/);
  }
  // 24h home care without a 在支診 filing: accepted, with the principle noted
  assert.equal((await put(ekimae.id, { h24: true, home_care: true })).status, 200);
  const r = await api(srv.base, 'POST', '/api/v1/designations',
    { municipality: '082341', institution_id: ekimae.id, role: 'active', basis: 'volunteer' }, pref08);
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.warnings.join(), /原則は在支病・在支診/);
  // … and the designation in force keeps saying so
  const held = muni(await report(), '鉾田市').confirmed.find((x) => x.id === r.json.id);
  assert.match((held.warnings || []).join(), /原則は在支病・在支診/);
  // … and when the 24h flag is turned off again, the designation is flagged, not ended
  assert.equal((await put(ekimae.id, { h24: false })).status, 200);
  const d = muni(await report(), '鉾田市').confirmed.find((x) => x.id === r.json.id);
  assert.ok(d.unmet_since, JSON.stringify(d));
  assert.match(d.unmet_reason, /24時間対応「なし」/);
});

test('item 8: the demo designation whose 在支病 filing was withdrawn is flagged, named by its 圏域, and unflagged when it returns', async () => {
  let kamisu = muni(await report(), '神栖市').confirmed[0];
  assert.ok(kamisu.unmet_since, JSON.stringify(kamisu));
  assert.match(kamisu.unmet_reason, /在宅療養支援病院の届出がなくなりました/);
  assert.equal(kamisu.valid_to ?? null, null); // still in force: nothing ended silently
  let south = (await coverage()).areas.find((a) => a.name === '鹿行南部');
  assert.equal(south.ok, false);
  assert.equal(south.n_unmet, 1);
  assert.match(south.problems.join(), /神栖市の積極的役割を担う医療機関（神栖みなと病院（架空））は要件を満たさなくなりました（令和\d+年\d+月\d+日）/);
  let audit = await api(srv.base, 'GET', `/api/v1/audit?object_type=designation&object_id=${kamisu.id}`, undefined, admin);
  assert.ok(audit.json.items.some((x) => x.action === 'flag'), audit.text);

  // the filing returns (a facility edit): unflagged, with its audit row
  assert.equal((await put(kamisu.institution_id, { standards: ['zaibyo_conventional'] })).status, 200);
  kamisu = muni(await report(), '神栖市').confirmed[0];
  assert.equal(kamisu.unmet_since, null);
  south = (await coverage()).areas.find((a) => a.name === '鹿行南部');
  assert.equal(south.n_unmet, 0);
  audit = await api(srv.base, 'GET', `/api/v1/audit?object_type=designation&object_id=${kamisu.id}`, undefined, admin);
  assert.ok(audit.json.items.some((x) => x.action === 'unflag'));

  // 急変時の受入れ follows the beds: a clinic that gains beds gets the item, loses it while untouched
  const hokota = muni(await report(), '鉾田市').confirmed.find((x) => x.basis === 'rule');
  const items = async () => (await api(srv.base, 'GET', `/api/v1/designations/${hokota.id}/checklist`, undefined, pref08)).json.items.map((i) => i.item);
  assert.ok(!(await items()).includes('emergency_admission'));
  assert.equal((await put(hokota.institution_id, { beds: 19 })).status, 200);
  assert.ok((await items()).includes('emergency_admission'));
  assert.equal((await put(hokota.institution_id, { beds: 0 })).status, 200);
  assert.ok(!(await items()).includes('emergency_admission'));
});

test('item 8: facts changed by a command-line import are re-checked by the server\'s daily job (at start and at midnight)', async () => {
  // The demo flags 神栖市's designation; an edited registry CSV imported from the command line (a
  // path without the hook) gives its 在支病 filing back before the server starts.
  const prepare = (t) => {
    const csv = join(t.dir, 'facilities.csv');
    let r = run(t.db, ['export', 'facilities', '--output', csv]);
    assert.equal(r.status, 0, r.stderr);
    const lines = readFileSync(csv, 'utf8').split(/\r?\n/);
    const i = lines.findIndex((l) => l.includes('神栖みなと病院（架空）'));
    assert.ok(i > 0);
    const cols = lines[0].replace(/^\ufeff/, '').split(',');
    const row = lines[i].split(',');
    const at = cols.indexOf('施設基準') >= 0 ? cols.indexOf('施設基準') : cols.indexOf('standards');
    assert.ok(at >= 0, lines[0]);
    row[at] = cols.includes('施設基準') ? '在宅療養支援病院（従来型）' : 'zaibyo_conventional';
    lines[i] = row.join(',');
    writeFileSync(csv, lines.join('\r\n'));
    r = run(t.db, ['import', 'facilities', csv]);
    assert.equal(r.status, 0, r.stderr);
  };
  await withServer({ demo: true, prepare }, async ({ srv: s2, auth: h }) => {
    let kamisu;
    for (let i = 0; i < 100; i++) { // the daily job runs beside the first requests
      const rep = (await api(s2.base, 'GET', '/api/v1/designations?prefecture=08', undefined, h)).json;
      kamisu = muni(rep, '神栖市').confirmed[0];
      if (kamisu.unmet_since === null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(kamisu.unmet_since, null, JSON.stringify(kamisu));
    const audit = await api(s2.base, 'GET', `/api/v1/audit?object_type=designation&object_id=${kamisu.id}`, undefined, h);
    assert.ok(audit.json.items.some((x) => x.action === 'unflag'), audit.text);
  });
});

test('item 9: 拠点 kinds of the guideline only; 「同一も可」 is a rule candidate; 相談窓口 and 市町村 kept apart', async () => {
  let rep = await report();
  const kashima = muni(rep, '鹿嶋市');
  assert.equal(kashima.desk.kind, 'municipality');
  const same = kashima.base_candidates.find((c) => c.rule === 'base_active');
  assert.ok(same, JSON.stringify(kashima.base_candidates));
  assert.equal(same.institution_id, kashima.confirmed[0].institution_id);
  let r = await api(srv.base, 'POST', '/api/v1/designations',
    { municipality: kashima.code, institution_id: same.institution_id, role: 'base', basis: 'rule' }, pref08);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.rule, 'base_active');

  const pharmacy = await inst('あおば調剤薬局 麻生店（架空）');
  r = await api(srv.base, 'POST', '/api/v1/designations',
    { municipality: '082333', institution_id: pharmacy.id, role: 'base', basis: 'override', reason: '試し' }, pref08);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /連携を担う拠点に位置付けられません/);
  r = await api(srv.base, 'PUT', '/api/v1/consultation-desks', { municipality: '082333', institution_id: pharmacy.id }, pref08);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'institution_id');

  // without a recorded 相談窓口 the municipality is a ③ candidate, not ①
  const namegata = muni(rep, '行方市');
  r = await api(srv.base, 'PUT', '/api/v1/consultation-desks', { municipality: '082333', institution_id: null }, pref08);
  assert.equal(r.status, 200, r.text);
  rep = await report();
  const bases = muni(rep, '行方市').base_candidates;
  assert.deepEqual(bases.map((c) => c.rule), ['base_association', 'base_community_support', 'base_community_support']);
  assert.ok(bases.some((c) => c.institution_id === namegata.desk.institution_id && c.rule === 'base_community_support'));
  r = await api(srv.base, 'PUT', '/api/v1/consultation-desks', { municipality: '082333', institution_id: namegata.desk.institution_id }, pref08);
  assert.equal(r.status, 200);
  assert.equal(muni(await report(), '行方市').base_candidates[0].rule, 'base_desk');
});

test('item 10: rule ③ takes nearby municipalities of the 二次医療圏 by distance, adjacency first; unplaced municipalities named', async () => {
  const rep = await report();
  const cands = muni(rep, '行方市').active_candidates;
  assert.ok(cands.length > 0 && cands.every((c) => c.rule.startsWith('neighbour_')));
  // within one class (在支病; 在支診 機能強化型; 在支診 従来型) the municipalities come nearest first
  const enhanced = (c) => c.standards.some((s) => s.startsWith('zaishin_enhanced'));
  for (const cls of [(c) => c.rule === 'neighbour_zaibyo', (c) => c.rule === 'neighbour_zaishin' && enhanced(c),
    (c) => c.rule === 'neighbour_zaishin' && !enhanced(c)]) {
    const list = cands.filter(cls);
    const order = [...new Map(list.map((c) => [c.from_municipality, c])).values()];
    for (let i = 1; i < order.length; i++) {
      const [a, b] = [order[i - 1], order[i]];
      assert.ok(a.adjacent > b.adjacent || (a.adjacent === b.adjacent && a.distance_km <= b.distance_km),
        `${a.from_municipality_name} before ${b.from_municipality_name}`);
    }
  }
  assert.ok(cands.every((c) => typeof c.distance_km === 'number' && typeof c.adjacent === 'boolean'));
  // the demo sets up only 鹿行: the prefecture's other municipalities are in no area, and the audit says so
  assert.match(rep.placement_problems.join(), /二次医療圏にも圏域にも属していない市町村が\d+件/);
  assert.match((await coverage()).placement_problems.join(), /属していない/);
});

test('item 11: the 16 km share counts across the prefecture border and hospitals doing 訪問診療; 拠点 checklist items', async () => {
  let cov = await coverage();
  const hibari = await inst('鉾田ひばり病院（架空）');
  assert.ok(!cov.map.clinics.some((c) => c.id === hibari.id));
  assert.equal((await put(hibari.id, { home_care: true })).status, 200);
  cov = await coverage();
  assert.ok(cov.map.clinics.some((c) => c.id === hibari.id), 'a hospital doing 訪問診療 counts');
  // a clinic in 千葉県 (銚子市) a few km from 神栖市 counts for 茨城県's audit
  const r = await api(srv.base, 'POST', '/api/v1/facilities',
    { kind: 'clinic', name: '銚子みなと在宅クリニック（架空）', municipality: '122025', home_care: true, lat: 35.735, lon: 140.826 }, admin);
  assert.equal(r.status, 201, r.text);
  cov = await coverage();
  const border = cov.map.clinics.find((c) => c.id === r.json.id);
  assert.ok(border && border.other_prefecture === true, JSON.stringify(cov.map.clinics.slice(-2)));
  assert.ok(cov.map.municipalities.every((m) => ['covered', 'far', 'unknown'].includes(m.status)));
  assert.ok(Array.isArray(cov.unjudged_municipalities));
  // never a candidate for 茨城県's designations
  assert.ok(!(await report()).municipalities.some((m) => m.active_candidates.some((c) => c.institution_id === r.json.id)));

  const base = muni(await report(), '鹿嶋市').bases[0];
  const items = (await api(srv.base, 'GET', `/api/v1/designations/${base.id}/checklist`, undefined, pref08)).json.items;
  assert.match(items.find((i) => i.item === 'bcp_promotion').label, /BCP/);
  assert.match(items.find((i) => i.item === 'hospital_information_sharing').label, /在宅療養後方支援病院/);
});

// seed 004: 基幹型・連携型, 「二次医療圏域に原則1箇所。ただし、熊本・上益城圏域は3箇所、八代圏域は2箇所とする」.
test('item 12: support centres — the demo 連携型 with its group, 基幹型 does home care itself, quotas', async () => {
  let ma = (await coverage()).medical_areas[0];
  assert.equal(ma.quota, 2);
  const linked = ma.centres.find((c) => c.type === 'linked');
  assert.ok(linked, JSON.stringify(ma.centres));
  assert.match(linked.institution_name, /医師会/);
  assert.equal(linked.members.length, 3);
  assert.ok(linked.members.some((m) => m.kind_label === '訪問看護ステーション'));
  assert.equal(ma.ok, true, JSON.stringify(ma.problems));

  const ayame = await inst('潮来あやめ病院（架空）'); // 150 beds, no home care, no standard
  let r = await api(srv.base, 'POST', '/api/v1/support-centres',
    { medical_area_id: ma.id, institution_id: ayame.id, type: 'core', name: 'テスト基幹型', items: ['emergency'] }, pref08);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /自らも在宅医療に取り組む/);
  const assoc = await inst('鹿行みらい医師会（架空）');
  r = await api(srv.base, 'POST', '/api/v1/support-centres',
    { medical_area_id: ma.id, institution_id: assoc.id, type: 'linked', name: 'テスト連携型' }, pref08);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'members');
  const pharmacy = await inst('あおば調剤薬局 麻生店（架空）');
  const clinic = await inst('いたこ水郷クリニック（架空）');
  r = await api(srv.base, 'POST', '/api/v1/support-centres',
    { medical_area_id: ma.id, institution_id: assoc.id, type: 'linked', name: 'テスト連携型', members: [clinic.id, pharmacy.id] }, pref08);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /在宅医療を提供していません/);
  r = await api(srv.base, 'POST', '/api/v1/support-centres',
    { medical_area_id: ma.id, institution_id: assoc.id, type: 'linked', name: 'テスト連携型', members: [clinic.id],
      items: ['emergency', 'admission_discharge', 'visit_increase', 'liaison_meeting', 'awareness'] }, pref08);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.members, [clinic.id]);
  assert.match(r.json.notes.join(), /2箇所/); // a third centre where the prefecture set two
  ma = (await coverage()).medical_areas[0];
  assert.equal(ma.n_centres, 3);
  assert.equal(ma.ok, false);
  assert.match(ma.problems.join(), /県の定める数（2箇所）を超えています/);
  r = await api(srv.base, 'PUT', `/api/v1/support-centre-quotas/${ma.id}`, { quota: 3 }, pref08);
  assert.equal(r.status, 200, r.text);
  ma = (await coverage()).medical_areas[0];
  assert.equal(ma.quota, 3);
  assert.equal(ma.ok, true, JSON.stringify(ma.problems));
  r = await api(srv.base, 'PUT', `/api/v1/support-centre-quotas/${ma.id}`, { quota: 0 }, pref08);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'quota');
});

// issue 13 item 8 through the real import: next month's bureau list no longer carries a clinic's
// 在支診; the import's hook re-checks its designation in the same transaction (flagged, not ended).
test('item 8: a bureau import that removes a standard flags the designation resting on it', async () => {
  await withServer({}, async ({ srv: s, auth: h, api: call }) => {
    const post = async (file) => {
      const body = readFileSync(join(ROOT, 'tests/data', file));
      const go = (q) => fetch(`${s.base}/api/v1/imports/facility-standards?${q}`, {
        method: 'POST', headers: { ...h, 'Content-Type': 'text/csv' }, body,
      }).then(async (r) => ({ status: r.status, json: await r.json() }));
      const p = await go('dry_run=1');
      assert.equal(p.status, 200, JSON.stringify(p.json));
      const c = await go(`confirm=${p.json.changes.registry_hash}`);
      assert.equal(c.status, 200, JSON.stringify(c.json));
    };
    await post('bureau_kanto_cp932.csv');
    const clinic = (await call('GET', `/api/v1/facilities?q=${encodeURIComponent('神栖架空ファミリー診療所')}`)).json.items[0];
    assert.ok(clinic, 'imported');
    let r = await call('POST', '/api/v1/designations', { municipality: clinic.municipality, institution_id: clinic.id, role: 'active', basis: 'volunteer' });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    await post('bureau_next_month.csv'); // its 在支診 ends with the list's date
    const rep = (await call('GET', `/api/v1/designations?prefecture=${clinic.municipality.slice(0, 2)}`)).json;
    const d = rep.municipalities.find((m) => m.code === clinic.municipality).confirmed.find((x) => x.id === id);
    assert.ok(d, 'still in force: nothing ended silently');
    assert.ok(d.unmet_since, JSON.stringify(d));
    assert.match(d.unmet_reason, /在支病・在支診の届出がなく/);
    const audit = await call('GET', `/api/v1/audit?object_type=designation&object_id=${id}`);
    assert.ok(audit.json.items.some((x) => x.action === 'flag'), audit.text);
  });
});
