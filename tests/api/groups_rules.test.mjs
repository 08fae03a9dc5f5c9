// Seed 000 to the letter (issue 13 §1–§6, §13) and 公表 (issue 12 §8) through the real binary: the
// three 取組 per fiscal year with the first-year grace, 関係市町村 as a 要件, the 拠点 covering the
// members' district, 同一法人 on a normalised identity (with the explanation), the 協定's parties,
// date, document and expiry warnings, 積極的役割 from the supporting members, the municipality-centred
// form, 公表 by the prefecture only, the certificate issuer, and the public verification page.
// The server stands on 2026-06-15 (令和8年度).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, withServer, api as rawApi, authHeaders } from './lib.mjs';

const NOW = '2026-06-15T03:00:00Z';
let srv, api, close, pref, coord;
const pub = (method, path) => rawApi(srv.base, method, path);
const ids = {};
const errors = (v) => v.problems.filter((p) => p.severity === 'error').map((p) => p.code).sort();
const warnings = (v) => v.problems.filter((p) => p.severity === 'warning').map((p) => p.code).sort();
const PDF = '%PDF-1.4\n%%EOF\n';

async function inst(key, body) {
  const r = await api('POST', '/api/v1/facilities', { municipality: '082228', ...body });
  assert.equal(r.status, 201, r.text);
  ids[key] = r.json.id;
}

before(async () => {
  ({ srv, api, close } = await serverFixture({ args: ['--public-url', 'https://zaitaku.example.jp'], env: { ZAITAKU_NOW: NOW } }));
  pref = await authHeaders(srv, 'prefecture');
  await inst('assoc', { kind: 'medical_association', name: '規則テスト医師会' });
  await inst('a', { kind: 'clinic', name: 'あさひ在宅クリニック', legal_entity: '医療法人あさひ会' });
  await inst('b', { kind: 'clinic', name: 'あさひ第二診療所', legal_entity: '医療法人社団　あさひ会' });
  await inst('c', { kind: 'clinic', name: 'ゆうひ内科', legal_entity: '医療法人ゆうひ会' });
  await inst('ns', { kind: 'nurse_station', name: 'つばさ訪問看護ステーション', legal_entity: '株式会社つばさ' });
  await inst('hosp', { kind: 'hospital', name: 'みなと後方支援病院', legal_entity: '社会医療法人みなと', beds: 250 });
  await inst('muni', { kind: 'municipality', name: '鹿嶋市 在宅医療・介護連携相談窓口' });
  await inst('muni2', { kind: 'municipality', name: '潮来市 在宅医療・介護連携相談窓口', municipality: '082236' });
  coord = await authHeaders(srv, 'coordinator', { associations: [ids.assoc] });
});
after(() => close?.());

const members = (...keys) => keys.map((k) => ({
  institution_id: ids[k],
  role: { a: 'member_medical', b: 'member_medical', c: 'member_medical', ns: 'nurse_station', hosp: 'backup_hospital', muni: 'partner_municipality', muni2: 'partner_municipality' }[k],
}));

/** A group meeting every 要件 except what a test takes away; formed last fiscal year unless formed given. */
async function group(name, extra = {}, { doc = true, inits = ['support', 'patient_centred', 'awareness_training'], planned = false } = {}) {
  let r = await api('POST', '/api/v1/groups', {
    name, base_id: ids.assoc, active_role_ids: [ids.a], formed_on: '2025-04-01', members: members('a', 'c', 'ns', 'muni'),
    agreement: { signed_on: '2025-04-01', valid_from: '2025-04-01', valid_to: '2099-03-31', party_ids: [ids.a, ids.c, ids.ns] },
    ...extra,
  });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  if (doc) assert.equal((await api('PUT', `/api/v1/groups/${id}/agreement/document`, PDF, { 'Content-Type': 'application/pdf' })).status, 200);
  for (const kind of inits) {
    r = await api('POST', `/api/v1/groups/${id}/initiatives`, { kind, held_on: planned ? '2026-10-01' : '2026-05-20', title: `${kind}`, planned });
    assert.equal(r.status, 201, r.text);
  }
  return (await api('GET', `/api/v1/groups/${id}`)).json;
}

test('seed 000 5(2)イ: each of the three 取組 must be recorded this fiscal year; the reason names the missing one in Japanese', async () => {
  const g = await group('取組の足りないグループ', {}, { inits: ['support', 'patient_centred'] });
  assert.deepEqual(errors(g.validation), ['initiative_missing_awareness_training']);
  const p = g.validation.problems.find((x) => x.code === 'initiative_missing_awareness_training');
  assert.match(p.message, /令和8年度の取組「3 在宅医療についての普及啓発活動等を行う取組」の実施記録がありません/);
  assert.equal(g.certified, false);
  // a plan does not replace the record after the first year
  let r = await api('POST', `/api/v1/groups/${g.id}/initiatives`, { kind: 'awareness_training', held_on: '2026-11-01', title: '市民講座（計画）', planned: true });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.planned, true);
  r = await api('GET', `/api/v1/groups/${g.id}/validation`);
  assert.deepEqual(errors(r.json), ['initiative_missing_awareness_training']);
  // an activity dated later this year is not yet a record
  await api('POST', `/api/v1/groups/${g.id}/initiatives`, { kind: 'awareness_training', held_on: '2026-12-01', title: '未来の日付' });
  r = await api('GET', `/api/v1/groups/${g.id}/validation`);
  assert.deepEqual(errors(r.json), ['initiative_missing_awareness_training']);
  // recorded: valid
  await api('POST', `/api/v1/groups/${g.id}/initiatives`, { kind: 'awareness_training', held_on: '2026-06-01', title: '市民講座' });
  r = await api('GET', `/api/v1/groups/${g.id}`);
  assert.deepEqual(errors(r.json.validation), []);
  assert.equal(r.json.first_year, false);
});

test('first fiscal year (結成年度): a plan for each 取組 suffices, stated as a warning and on the certificate', async () => {
  const g = await group('今年度結成のグループ', { formed_on: '2026-05-01' }, { planned: true });
  assert.deepEqual(errors(g.validation), []);
  assert.ok(warnings(g.validation).includes('initiative_first_year_grace'));
  assert.equal(g.first_year, true);
  const r = await rawApi(srv.base, 'POST', `/api/v1/groups/${g.id}/publish`, {}, pref);
  assert.equal(r.status, 200, r.text);
  const c = r.json.certificates[0];
  assert.equal(c.fiscal_year, 2026);
  assert.equal(c.first_year, true);
  const s = await pub('GET', `/api/v1/certificates/${c.number}`);
  assert.equal(s.json.first_year, true);
  assert.equal(s.json.fiscal_year, 2026);
  assert.equal(s.json.valid_through, '2027-03-31');
  // without a plan for each, even the first year fails
  const h = await group('計画の足りないグループ', { formed_on: '2026-05-01' }, { planned: true, inits: ['support'] });
  assert.deepEqual(errors(h.validation), ['initiative_missing_awareness_training', 'initiative_missing_patient_centred']);
  assert.match(h.validation.problems.find((x) => x.code === 'initiative_missing_patient_centred').message, /計画/);
});

test('seed 000 5(2)ア: 関係市町村 is a 要件 — the municipality of a member, not another one', async () => {
  let g = await group('市町村のないグループ', { members: members('a', 'c', 'ns') });
  assert.deepEqual(errors(g.validation), ['municipality_partner_missing']);
  assert.match(g.validation.problems[0].message, /関係市町村/);
  g = await group('他市の窓口のグループ', { members: members('a', 'c', 'ns', 'muni2') });
  assert.deepEqual(errors(g.validation), ['municipality_partner_missing']);
});

test('seed 000 §2 拠点（郡市医師会）: the 医師会 of the district — unknown coverage warns, outside the district is an error', async () => {
  // no coverage recorded for this 医師会: a warning, never a silent pass
  const g = await group('地区不明のグループ');
  assert.deepEqual(errors(g.validation), []);
  assert.ok(warnings(g.validation).includes('base_coverage_unknown'));
  // the demo's 医師会 covers the five 鹿行 municipalities: a clinic of 水戸市 is outside
  await withServer({ demo: true }, async ({ srv: s, auth: h }) => {
    const call = (m, p, b) => rawApi(s.base, m, p, b, h);
    const list = (await call('GET', '/api/v1/groups')).json.items;
    const demo = list.find((x) => x.name.startsWith('鹿嶋在宅医療連携グループ'));
    const out = await call('POST', '/api/v1/facilities', { kind: 'clinic', name: '水戸の診療所', municipality: '082015', legal_entity: '医療法人水戸会' });
    assert.equal(out.status, 201, out.text);
    const r = await call('POST', `/api/v1/groups/${demo.id}/members`, { institution_id: out.json.id, role: 'member_medical' });
    assert.equal(r.status, 201, r.text);
    assert.ok(errors(r.json.validation).includes('base_not_district'), r.text);
    assert.match(r.json.validation.problems.find((x) => x.code === 'base_not_district').message, /水戸の診療所.*地区外/);
    // a published group that loses its validity loses its 公表 and its certificates
    assert.equal(r.json.published, false);
    assert.ok(r.json.certificates.every((c) => c.status === 'revoked'));
    assert.equal((await rawApi(s.base, 'GET', '/api/v1/public/groups')).json.items.length, 0);
  });
});

test('同一法人 on a normalised identity: 医療法人あさひ会 and 医療法人社団　あさひ会 are one 法人, and the group says why', async () => {
  const g = await group('表記ゆれのグループ', { members: members('a', 'b', 'ns', 'muni'), agreement: { signed_on: '2025-04-01', party_ids: [ids.a, ids.b, ids.ns] } });
  assert.deepEqual(errors(g.validation), ['too_few_medical']);
  assert.equal(g.entities.length, 1);
  assert.deepEqual(g.entities[0].institution_ids, [ids.a, ids.b]);
  assert.match(g.entities[0].reasons[0].reason, /医療法人社団/);
  assert.match(g.entities[0].reasons[0].reason, /同じです/);
});

test('seed 000 §2 協定: parties are the members incl. the station, the date is not in the future, the signed PDF is required', async () => {
  let g = await group('当事者の足りないグループ', { agreement: { signed_on: '2025-04-01', party_ids: [ids.a, ids.c] } });
  assert.deepEqual(errors(g.validation), ['agreement_party_missing']);
  assert.match(g.validation.problems[0].message, /つばさ訪問看護ステーション/);
  g = await group('当事者のいないグループ', { agreement: { signed_on: '2025-04-01' } });
  assert.deepEqual(errors(g.validation), ['agreement_parties_missing']);
  g = await group('部外者の当事者', { agreement: { signed_on: '2025-04-01', party_ids: [ids.a, ids.c, ids.ns, ids.hosp] } });
  assert.deepEqual(errors(g.validation), ['agreement_party_not_member']);
  g = await group('未来の締結日', { agreement: { signed_on: '2026-07-01', party_ids: [ids.a, ids.c, ids.ns] } });
  assert.deepEqual(errors(g.validation), ['agreement_signed_future']);
  g = await group('協定書のないグループ', {}, { doc: false });
  assert.deepEqual(errors(g.validation), ['agreement_document_missing']);
  // a party that is not registered at all: 400 naming the field, nothing stored
  const r = await api('PUT', `/api/v1/groups/${g.id}/agreement`, { signed_on: '2025-04-01', party_ids: [987654] });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'agreement.party_ids');
});

test('the 協定 expiring: warnings 60 and 30 days ahead, never silently', async () => {
  let g = await group('60日前', { agreement: { signed_on: '2025-04-01', valid_to: '2026-08-10', party_ids: [ids.a, ids.c, ids.ns] } });
  assert.deepEqual(errors(g.validation), []);
  assert.ok(warnings(g.validation).includes('agreement_expires_60'));
  assert.match(g.validation.problems.find((x) => x.code === 'agreement_expires_60').message, /60日以内/);
  g = await group('30日前', { agreement: { signed_on: '2025-04-01', valid_to: '2026-07-10', party_ids: [ids.a, ids.c, ids.ns] } });
  assert.ok(warnings(g.validation).includes('agreement_expires_30'));
  assert.ok(!warnings(g.validation).includes('agreement_expires_60'));
  // the list carries the end of the period, so that the page can warn there too
  const row = (await api('GET', '/api/v1/groups')).json.items.find((x) => x.id === g.id);
  assert.equal(row.agreement_valid_to, '2026-07-10');
});

test('積極的役割 may be the backup hospital supporting the group (seed 000 §2 なお書き), never a non-medical member', async () => {
  let g = await group('後方支援病院が積極的役割', { members: members('a', 'c', 'ns', 'muni', 'hosp'), active_role_ids: [ids.hosp] });
  assert.deepEqual(errors(g.validation), []);
  g = await group('窓口が積極的役割', { active_role_ids: [ids.muni] });
  assert.deepEqual(errors(g.validation), ['active_role_not_member']);
});

test('the municipality-centred form (郡市医師会と市町村, 例1-4) has its own rules', async () => {
  let r = await api('POST', '/api/v1/groups', { name: '医師会・市町村の推進体制', kind: 'municipality_centred', base_id: ids.assoc, formed_on: '2025-04-01' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.kind, 'municipality_centred');
  assert.equal(r.json.kind_label, '郡市医師会・市町村の連携体制');
  const id = r.json.id;
  assert.deepEqual(errors(r.json.validation), ['initiative_missing_awareness_training', 'initiative_missing_patient_centred',
    'initiative_missing_support', 'municipality_partner_missing']);
  assert.ok(warnings(r.json.validation).includes('agreement_recommended'));
  r = await api('PUT', `/api/v1/groups/${id}/members`, { members: members('muni') });
  for (const kind of ['support', 'patient_centred', 'awareness_training']) await api('POST', `/api/v1/groups/${id}/initiatives`, { kind, held_on: '2026-05-01', title: kind });
  r = await api('GET', `/api/v1/groups/${id}`);
  assert.deepEqual(errors(r.json.validation), []);
  assert.equal(r.json.certified, true);
  assert.equal((await api('PUT', `/api/v1/groups/${id}`, { kind: 'party' })).json.error.field, 'kind');
});

test('公表 (issue 12 §8): only the prefecture publishes, only a valid group, and only then certificates and the public listing', async () => {
  const g = await group('公表するグループ');
  assert.equal(g.certified, true);
  assert.equal(g.certificates.length, 0);
  assert.ok(!(await pub('GET', '/api/v1/public/groups')).json.items.some((x) => x.id === g.id));
  // the coordinator who prepared it cannot publish
  let r = await rawApi(srv.base, 'POST', `/api/v1/groups/${g.id}/publish`, {}, coord);
  assert.equal(r.status, 403, r.text);
  // prefecture staff of another prefecture cannot either
  const pref12 = await authHeaders(srv, 'prefecture', { prefecture: '12' });
  assert.equal((await rawApi(srv.base, 'POST', `/api/v1/groups/${g.id}/publish`, {}, pref12)).status, 403);
  // an invalid group is refused with the reason
  const bad = await group('公表できないグループ', {}, { inits: ['support'] });
  r = await rawApi(srv.base, 'POST', `/api/v1/groups/${bad.id}/publish`, {}, pref);
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'published');
  assert.match(r.json.error.message, /要件を満たしていないため公表できません: 令和8年度の取組/);
  // published: certificates, the public listing, the audit row
  r = await rawApi(srv.base, 'POST', `/api/v1/groups/${g.id}/publish`, {}, pref);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.published, true);
  assert.equal(r.json.certificates.filter((c) => c.status === 'valid').length, 4);
  assert.equal((await rawApi(srv.base, 'POST', `/api/v1/groups/${g.id}/publish`, {}, pref)).status, 409);
  assert.ok((await pub('GET', '/api/v1/public/groups')).json.items.some((x) => x.id === g.id));
  const audit = (await api('GET', `/api/v1/audit?object_type=group&object_id=${g.id}`)).json.items;
  assert.ok(audit.some((x) => x.action === 'publish' && x.actor_role === 'prefecture' || x.action === 'publish'), JSON.stringify(audit.slice(0, 2)));
  const number = r.json.certificates[0].number;
  // withdrawn: revoked with the reason, gone from the public listing
  r = await rawApi(srv.base, 'DELETE', `/api/v1/groups/${g.id}/publish`, undefined, pref);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.published, false);
  const s = await pub('GET', `/api/v1/certificates/${number}`);
  assert.equal(s.json.status, 'revoked');
  assert.equal(s.json.revoke_reason, '公表が取り消されました。');
  assert.ok(!(await pub('GET', '/api/v1/public/groups')).json.items.some((x) => x.id === g.id));
});

test('the certificate issuer (seed 000 §3(2)): set by the prefecture, checked, audited', async () => {
  let r = await rawApi(srv.base, 'PUT', '/api/v1/certificate-issuers/08', { name: '' }, pref);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'name');
  r = await rawApi(srv.base, 'PUT', '/api/v1/certificate-issuers/08', { name: 'x', surprise: 1 }, pref);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'surprise');
  const none = await rawApi(srv.base, 'GET', '/api/v1/certificate-issuers/08', undefined, pref);
  assert.equal(none.status, 200);
  assert.equal(none.json.set, false);
  r = await rawApi(srv.base, 'PUT', '/api/v1/certificate-issuers/08', { name: '鹿行地区医師会', representative_title: '会長', representative_name: '鹿行 一郎' }, pref);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, '鹿行地区医師会');
  assert.equal(r.json.set, true);
  assert.equal((await rawApi(srv.base, 'PUT', '/api/v1/certificate-issuers/08', { name: 'x' }, coord)).status, 403);
  assert.equal((await rawApi(srv.base, 'PUT', '/api/v1/certificate-issuers/12', { name: 'x' }, pref)).status, 403);
  const audit = (await api('GET', '/api/v1/audit?object_type=certificate_issuer')).json.items;
  assert.ok(audit.length >= 1);
});

test('the QR code leads to a public Japanese verification page, not to raw JSON', async () => {
  const r = await fetch(`${srv.base}/verify?number=KG-2026-000001`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/html/);
  const html = await r.text();
  assert.match(html, /機関証の確認/);
  assert.match(html, /lang="ja"/);
});

test('公表 of designations (issue 12 §8): a new designation is public only once the prefecture publishes it', async () => {
  await withServer({ demo: true }, async ({ srv: s, auth: admin }) => {
    const pref08 = await authHeaders(s, 'prefecture', { prefecture: '08' });
    const coordH = await authHeaders(s, 'coordinator');
    // the demo's designations were published by its publish step
    const before = (await rawApi(s.base, 'GET', '/api/v1/public/designations?prefecture=08')).json;
    assert.ok(before.areas.some((a) => a.municipalities.some((m) => m.active.length > 0)));
    const clinic = await rawApi(s.base, 'POST', '/api/v1/facilities', { kind: 'clinic', name: '公表テスト診療所', municipality: '082341', legal_entity: '医療法人公表テスト', h24: true, home_care: true }, admin);
    const d = await rawApi(s.base, 'POST', '/api/v1/designations', { municipality: '082341', institution_id: clinic.json.id, role: 'active', basis: 'volunteer', reason: '公表テスト', plan_period: '2024-2029' }, pref08);
    assert.equal(d.status, 201, d.text);
    const names = async () => JSON.stringify((await rawApi(s.base, 'GET', '/api/v1/public/designations?prefecture=08')).json);
    assert.ok(!(await names()).includes('公表テスト診療所'));
    const waiting = async () => (await rawApi(s.base, 'GET', '/api/v1/designations/unpublished?prefecture=08', undefined, pref08)).json.items.map((x) => x.id);
    assert.deepEqual(await waiting(), [d.json.id]); // the demo's own were published by its publish step
    assert.equal((await rawApi(s.base, 'POST', `/api/v1/designations/${d.json.id}/publish`, {}, coordH)).status, 403);
    let r = await rawApi(s.base, 'POST', `/api/v1/designations/${d.json.id}/publish`, {}, pref08);
    assert.equal(r.status, 200, r.text);
    assert.ok((await names()).includes('公表テスト診療所'));
    assert.equal((await rawApi(s.base, 'POST', `/api/v1/designations/${d.json.id}/publish`, {}, pref08)).status, 409);
    r = await rawApi(s.base, 'DELETE', `/api/v1/designations/${d.json.id}/publish`, undefined, pref08);
    assert.equal(r.status, 200, r.text);
    assert.ok(!(await names()).includes('公表テスト診療所'));
  });
});

test('同一法人 by 法人番号 when known: recorded on the institution, checked, and deciding over the names', async () => {
  let r = await api('POST', '/api/v1/facilities', { kind: 'clinic', name: '番号の誤った診療所', municipality: '082228', legal_entity: '医療法人誤番', legal_entity_number: '7000012050003' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'legal_entity_number');
  // two spellings of one name, but two different 法人番号: two 法人
  r = await api('POST', '/api/v1/facilities', { kind: 'clinic', name: 'ほし第一診療所', municipality: '082228', legal_entity: '医療法人ほし会', legal_entity_number: '7000012050002' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.legal_entity_number, '7000012050002');
  ids.h1 = r.json.id;
  r = await api('POST', '/api/v1/facilities', { kind: 'clinic', name: 'ほし第二診療所', municipality: '082228', legal_entity: '医療法人社団ほし会', legal_entity_number: '5000012050004' });
  assert.equal(r.status, 201, r.text);
  ids.h2 = r.json.id;
  const g = await group('法人番号で判定するグループ', {
    members: [{ institution_id: ids.h1, role: 'member_medical' }, { institution_id: ids.h2, role: 'member_medical' }, ...members('ns', 'muni')],
    active_role_ids: [ids.h1], agreement: { signed_on: '2025-04-01', party_ids: [ids.h1, ids.h2, ids.ns] },
  });
  assert.deepEqual(errors(g.validation), []);
  assert.equal(g.entities.length, 0);
  assert.equal(g.members.find((m) => m.institution_id === ids.h1).legal_entity_number, '7000012050002');
});
