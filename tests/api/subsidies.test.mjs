// Subsidies (issue 19 §3; seeds 003, 004) through the real binary: the expense ledger of an operator
// (事業者) per fiscal year, 会食 refused with the reason, amounts checked naming the field, edits and
// deletes audited, receipts as PDF, the claim at 10/10 within every category cap and the total cap,
// and the 所要額明細書 as XLSX and PDF (pdftotext carries the figures).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverFixture, authHeaders, api, runAsync } from './lib.mjs';

const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
let fx, coord, prefStaff, otherPref, otherCoord, doctor, op, kumamotoOp, assoc;
const FY = 2026;
const path = (o = op) => `/api/v1/operators/${o}/subsidies/${FY}`;

before(async () => {
  fx = await serverFixture({ demo: true, env: { ZAITAKU_NOW: '2026-11-30T01:00:00Z' } });
  const a = await fx.api('GET', '/api/v1/facilities?kind=medical_association&municipality=082228');
  assoc = a.json.items[0].id;
  coord = await authHeaders(fx.srv, 'coordinator', { associations: [assoc] });
  prefStaff = await authHeaders(fx.srv, 'prefecture', { prefecture: '08' });
  otherPref = await authHeaders(fx.srv, 'prefecture', { prefecture: '12' });
  const munis = await fx.api('GET', '/api/v1/municipalities?prefecture=12');
  const outMuni = (munis.json.items || munis.json)[0].code;
  const otherAssoc = (await fx.api('POST', '/api/v1/facilities', { kind: 'medical_association', name: '他県の医師会（補助）', municipality: outMuni })).json.id;
  otherCoord = await authHeaders(fx.srv, 'coordinator', { associations: [otherAssoc] });
  doctor = await authHeaders(fx.srv, 'doctor');
  let r = await api(fx.srv.base, 'POST', '/api/v1/operators', { name: '補助テスト グループ診療', kind: 'group_practice', prefecture: '08', association_id: assoc, first_fiscal_year: 2025 }, prefStaff);
  assert.equal(r.status, 201, r.text);
  op = r.json.id;
  r = await api(fx.srv.base, 'POST', '/api/v1/operators', { name: '補助テスト サポートセンター', kind: 'support_core', prefecture: '08', association_id: assoc, first_fiscal_year: 2025 }, prefStaff);
  assert.equal(r.status, 201, r.text);
  kumamotoOp = r.json.id;
});
after(() => fx?.close());

const line = (over = {}) => ({ programme: 'group_practice', category: 'fuku_shujii', kind: 'hoshu', spent_on: '2026-05-20', amount_yen: 1000000, payee: '副主治医 甲野', ...over });

test('programmes and caps of a year are data: seed 003 and seed 004 figures', async () => {
  const r = await api(fx.srv.base, 'GET', `/api/v1/subsidies/programmes?fiscal_year=${FY}`, undefined, coord);
  assert.equal(r.status, 200, r.text);
  const gp = r.json.programmes.find((p) => p.code === 'group_practice');
  // 「6,030千円 (札幌市は各区ごと)」「副主治医人件費（2,500千円）、調整担当者人件費（1,000千円）、研修経費（600千円）、代診制協力費（930千円）、後方病床協力費（1,000千円）」
  assert.equal(gp.total_cap_yen, 6030000);
  assert.equal(gp.unit, '区');
  assert.deepEqual(gp.categories.map((c) => [c.name, c.cap_yen]), [['副主治医人件費', 2500000], ['調整担当者人件費', 1000000], ['研修経費', 600000], ['代診制協力費', 930000], ['後方病床協力費', 1000000]]);
  const rk = r.json.programmes.find((p) => p.code === 'renkei_kyoten');
  assert.equal(rk.total_cap_yen, 4012000); // 「上限計 4,012千円」
  assert.deepEqual(rk.categories.map((c) => c.cap_yen), [2092000, 1920000]);
  const km = r.json.programmes.find((p) => p.code === 'kumamoto_support_center');
  assert.equal(km.total_cap_yen, 1149000); // 「1カ所1,149千円」
  assert.ok(r.json.kinds.find((k) => k.code === 'kaishoku' && !k.eligible));
  assert.equal((await api(fx.srv.base, 'GET', '/api/v1/subsidies/programmes?fiscal_year=20x6', undefined, coord)).json.error.field, 'fiscal_year');
  // a year without rows has no programmes (and so refuses ledger lines, below)
  assert.deepEqual((await api(fx.srv.base, 'GET', '/api/v1/subsidies/programmes?fiscal_year=2099', undefined, coord)).json.programmes, []);
});

test('ledger: 会食 refused with the reason, bad amounts name the field, nothing stored', async () => {
  let r = await api(fx.srv.base, 'POST', `${path()}/expenses`, line({ category: 'kenshu', kind: 'kaishoku', amount_yen: 48000, payee: '料亭（研修後の懇親会）' }), coord);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'kind');
  assert.match(r.json.error.message, /会食に要する経費は補助対象外/);
  for (const [amount, why] of [[-5000, 'negative'], [0, 'zero'], [1500.5, 'non-integer'], ['1000', 'string'], [1e12, 'absurd']]) {
    r = await api(fx.srv.base, 'POST', `${path()}/expenses`, line({ amount_yen: amount }), coord);
    assert.equal(r.status, 400, `${why}: ${r.text}`);
    assert.equal(r.json.error.field, 'amount_yen', why);
  }
  r = await api(fx.srv.base, 'POST', `${path()}/expenses`, line({ spent_on: '2027-04-01' }), coord);
  assert.equal(r.json.error.field, 'spent_on');
  r = await api(fx.srv.base, 'POST', `${path()}/expenses`, line({ category: 'jimu' }), coord);
  assert.equal(r.json.error.field, 'category');
  r = await api(fx.srv.base, 'POST', `${path()}/expenses`, line({ payee: '' }), coord);
  assert.equal(r.json.error.field, 'payee');
  r = await api(fx.srv.base, 'POST', `${path()}/expenses`, line({ colour: 'red' }), coord);
  assert.equal(r.json.error.field, 'colour');
  r = await api(fx.srv.base, 'POST', `/api/v1/operators/${op}/subsidies/2099/expenses`, line({ spent_on: '2099-05-01' }), coord);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'programme');
  r = await api(fx.srv.base, 'POST', `/api/v1/operators/${op}/subsidies/1999/expenses`, line(), coord);
  assert.equal(r.json.error.field, 'fiscal_year');
  r = await api(fx.srv.base, 'GET', `${path()}/expenses`, undefined, coord);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.deepEqual(r.json.expenses, []);
});

test('claim: a category over its cap is cut to it; the total stays within 6,030千円; edits and deletes are audited', async () => {
  // 副主治医人件費 3,100,000 > 2,500,000 (cut), the other four at or over their caps
  const lines = [
    line({ amount_yen: 1800000 }), line({ amount_yen: 1300000, spent_on: '2026-10-20' }),
    line({ category: 'chosei', kind: 'kyuryo', amount_yen: 1000000, payee: '調整担当者 乙川' }),
    line({ category: 'kenshu', kind: 'hoshohi', amount_yen: 600000, payee: '講師 丙田' }),
    line({ category: 'daishin', kind: 'hoshu', amount_yen: 930000, payee: '代診医 丁村' }),
    line({ category: 'kohou_byosho', kind: 'itakuryo', amount_yen: 1000000, payee: '後方支援病院' }),
  ];
  const ids = [];
  for (const l of lines) {
    const r = await api(fx.srv.base, 'POST', `${path()}/expenses`, l, coord);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.amount_yen, l.amount_yen);
    ids.push(r.json.id);
  }
  let c = await api(fx.srv.base, 'GET', `${path()}/claim`, undefined, prefStaff);
  assert.equal(c.status, 200, c.text);
  let gp = c.json.claims.find((x) => x.programme === 'group_practice');
  const fuku = gp.categories.find((x) => x.code === 'fuku_shujii');
  assert.deepEqual([fuku.spent_yen, fuku.cap_yen, fuku.claimed_yen, fuku.cut_by_category], [3100000, 2500000, 2500000, true]);
  assert.equal(gp.spent_yen, 6630000);
  assert.equal(gp.claimed_yen, 6030000);
  assert.equal(gp.total_cap_yen, 6030000);
  assert.equal(c.json.claimed_yen, 6030000);

  // an edit: the 研修 line becomes 700,000 (over its 600千円 cap) — audited with before and after
  let r = await api(fx.srv.base, 'PUT', `/api/v1/subsidies/expenses/${ids[3]}`, { ...lines[3], amount_yen: 700000 }, coord);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.amount_yen, 700000);
  r = await api(fx.srv.base, 'PUT', `/api/v1/subsidies/expenses/${ids[3]}`, { ...lines[3], amount_yen: -1 }, coord);
  assert.equal(r.json.error.field, 'amount_yen');
  r = await api(fx.srv.base, 'PUT', `/api/v1/subsidies/expenses/${ids[3]}`, { ...lines[3], kind: 'kaishoku' }, coord);
  assert.equal(r.json.error.field, 'kind');
  c = await api(fx.srv.base, 'GET', `${path()}/claim`, undefined, coord);
  gp = c.json.claims.find((x) => x.programme === 'group_practice');
  const kenshu = gp.categories.find((x) => x.code === 'kenshu');
  assert.deepEqual([kenshu.spent_yen, kenshu.claimed_yen, kenshu.cut_by_category], [700000, 600000, true]);
  assert.equal(gp.claimed_yen, 6030000);
  // a delete: 後方病床 goes, the claim drops by its 1,000,000
  r = await api(fx.srv.base, 'DELETE', `/api/v1/subsidies/expenses/${ids[5]}`, undefined, coord);
  assert.equal(r.status, 200, r.text);
  c = await api(fx.srv.base, 'GET', `${path()}/claim`, undefined, coord);
  assert.equal(c.json.claims.find((x) => x.programme === 'group_practice').claimed_yen, 5030000);
  const audit = await fx.api('GET', '/api/v1/audit?object_type=subsidy_expense');
  const actions = JSON.stringify(audit.json);
  for (const a of ['"create"', '"update"', '"delete"']) assert.ok(actions.includes(a), `${a} audited`);
  assert.ok(actions.includes('700000') && actions.includes('600000'), 'update carries before and after');
});

test('Kumamoto: 1,149千円 per centre, the total cap bites and cuts the last category first', async () => {
  for (const l of [
    { category: 'jinkenhi', kind: 'kyuryo', amount_yen: 900000, payee: '相談員' },
    { category: 'jimu', kind: 'juyohi', amount_yen: 400000, payee: '印刷会社' },
  ]) {
    const r = await api(fx.srv.base, 'POST', `${path(kumamotoOp)}/expenses`, { programme: 'kumamoto_support_center', spent_on: '2026-06-01', ...l }, coord);
    assert.equal(r.status, 201, r.text);
  }
  const c = await api(fx.srv.base, 'GET', `${path(kumamotoOp)}/claim`, undefined, coord);
  const km = c.json.claims[0];
  assert.equal(km.within_caps_yen, 1300000);
  assert.equal(km.claimed_yen, 1149000);
  assert.equal(km.cut_by_total, true);
  assert.deepEqual(km.categories.map((x) => x.claimed_yen), [900000, 249000]);
});

test('an operator running two centres (1カ所あたり: cap_units 2) claims against twice the caps; cap_units is checked and audited', async () => {
  const bad = await api(fx.srv.base, 'PUT', `/api/v1/operators/${kumamotoOp}`, { name: '補助テスト サポートセンター', kind: 'support_core', prefecture: '08', association_id: assoc, first_fiscal_year: 2025, cap_units: 0 }, prefStaff);
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'cap_units');
  let r = await api(fx.srv.base, 'PUT', `/api/v1/operators/${kumamotoOp}`, { name: '補助テスト サポートセンター', kind: 'support_core', prefecture: '08', association_id: assoc, first_fiscal_year: 2025, cap_units: 2 }, prefStaff);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.cap_units, 2);
  const c = await api(fx.srv.base, 'GET', `${path(kumamotoOp)}/claim`, undefined, coord);
  const km = c.json.claims[0];
  assert.equal(km.units, 2);
  assert.equal(km.total_cap_yen, 2298000);
  assert.equal(km.claimed_yen, 1300000, 'the whole 1,300,000 fits twice 1,149,000');
  assert.equal(km.cut_by_total, false);
  // back to one centre: the earlier claim again
  r = await api(fx.srv.base, 'PUT', `/api/v1/operators/${kumamotoOp}`, { name: '補助テスト サポートセンター', kind: 'support_core', prefecture: '08', association_id: assoc, first_fiscal_year: 2025 }, prefStaff);
  assert.equal(r.json.cap_units, 1);
  assert.equal((await api(fx.srv.base, 'GET', `${path(kumamotoOp)}/claim`, undefined, coord)).json.claims[0].claimed_yen, 1149000);
});

test('receipts: PDF only, checked by its bytes, downloadable by the operator and the prefecture', async () => {
  const id = (await api(fx.srv.base, 'GET', `${path()}/expenses`, undefined, coord)).json.expenses[0].id;
  let r = await api(fx.srv.base, 'PUT', `/api/v1/subsidies/expenses/${id}/receipt`, 'not a pdf', { ...coord, 'Content-Type': 'application/pdf' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'attachment');
  r = await api(fx.srv.base, 'PUT', `/api/v1/subsidies/expenses/${id}/receipt`, PDF, { ...coord, 'Content-Type': 'image/png' });
  assert.equal(r.status, 415);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/subsidies/expenses/${id}/receipt`, undefined, coord)).status, 404);
  r = await api(fx.srv.base, 'PUT', `/api/v1/subsidies/expenses/${id}/receipt`, PDF, { ...coord, 'Content-Type': 'application/pdf' });
  assert.equal(r.status, 200, r.text);
  r = await api(fx.srv.base, 'GET', `/api/v1/subsidies/expenses/${id}/receipt`, undefined, prefStaff);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.ok(r.text.startsWith('%PDF-'));
  assert.equal((await api(fx.srv.base, 'GET', `${path()}/expenses`, undefined, coord)).json.expenses[0].receipt, true);
});

test('access: the operator and its prefecture; nobody else', async () => {
  for (const h of [otherCoord, otherPref]) {
    assert.equal((await api(fx.srv.base, 'GET', `${path()}/expenses`, undefined, h)).status, 403);
    assert.equal((await api(fx.srv.base, 'GET', `${path()}/claim`, undefined, h)).status, 403);
    assert.equal((await api(fx.srv.base, 'POST', `${path()}/expenses`, line(), h)).status, 403);
  }
  assert.equal((await api(fx.srv.base, 'GET', `${path()}/claim`, undefined, doctor)).status, 403);
  assert.equal((await api(fx.srv.base, 'GET', `${path()}/claim`)).status, 401);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/operators/999999/subsidies/${FY}/claim`, undefined, prefStaff)).status, 404);
  // the prefecture of the operator may also write its ledger
  const r = await api(fx.srv.base, 'POST', `${path()}/expenses`, line({ category: 'chosei', kind: 'ryohi', amount_yen: 12000, payee: 'JR' }), prefStaff);
  assert.equal(r.status, 201, r.text);
  assert.equal((await api(fx.srv.base, 'DELETE', `/api/v1/subsidies/expenses/${r.json.id}`, undefined, otherCoord)).status, 403);
});

test('所要額明細書: XLSX and a Japanese PDF with 和暦 and the figures', async () => {
  const x = await api(fx.srv.base, 'GET', `${path()}/claim.xlsx`, undefined, coord);
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const res = await fetch(`${fx.srv.base}${path()}/claim.pdf`, { headers: coord });
  assert.equal(res.status, 200);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.equal(buf.subarray(0, 5).toString(), '%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'claim-'));
  try {
    writeFileSync(join(dir, 'c.pdf'), buf);
    const t = spawnSync('pdftotext', ['-layout', join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
    if (t.error) return; // pdftotext not installed: the bytes were checked above
    const text = t.stdout.replace(/\s+/g, ' ');
    assert.match(text, /令和8年度/);
    assert.match(text, /所要額明細書/);
    assert.match(text, /在宅医療グループ診療運営事業/);
    assert.match(text, /副主治医人件費/);
    assert.match(text, /3,100,000/);
    assert.match(text, /2,500,000/);
    assert.match(text, /区分上限により減額/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the caps of a new fiscal year (zaitaku subsidy-caps): copied from the year before, then changed; all or nothing, audited', async () => {
  const db = fx.t.db;
  const caps = async (fy) => (await fx.api('GET', `/api/v1/subsidies/programmes?fiscal_year=${fy}`)).json;
  const before = await caps(2028);
  assert.equal((before.programmes || before.items || []).length, 0, 'no caps for 2028 in the seeds');
  let r = await runAsync(db, ['subsidy-caps', 'copy', '--from', '2027', '--to', '2028', '--source', '令和10年度 要綱（テスト）']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /2028年度の補助上限額を2027年度からコピーしました（3事業）/);
  // a second copy is refused naming the year; nothing changes
  r = await runAsync(db, ['subsidy-caps', 'copy', '--from', '2027', '--to', '2028', '--source', 'x']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /2028年度の補助上限額はすでに登録されています.*field=fiscal_year/);
  // an unknown category refuses the whole change: the total stays
  r = await runAsync(db, ['subsidy-caps', 'set', '--fiscal-year', '2028', '--programme', 'group_practice', '--total', '7000000', '--category', 'nope=1', '--source', 'x']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /区分 nope がありません/);
  r = await runAsync(db, ['subsidy-caps', 'set', '--fiscal-year', '2028', '--programme', 'group_practice', '--total', '6100000', '--category', 'kenshu=650000', '--category', 'daishin=none', '--source', '令和10年度 予算（テスト）']);
  assert.equal(r.status, 0, r.stderr);
  r = await runAsync(db, ['subsidy-caps', 'set', '--fiscal-year', '2028', '--programme', 'group_practice', '--total', 'lots', '--source', 'x']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--total には0以上の円単位の金額/);
  const after = await caps(2028);
  const gp = (after.programmes || after.items).find((p) => p.code === 'group_practice');
  assert.equal(gp.total_cap_yen, 6100000, JSON.stringify(gp));
  const cat = (c) => gp.categories.find((x) => x.code === c);
  assert.equal(cat('kenshu').cap_yen, 650000);
  assert.equal(cat('daishin').cap_yen, null);
  assert.equal(cat('fuku_shujii').cap_yen, 2500000, 'copied unchanged');
  const audit = (await fx.api('GET', '/api/v1/audit?object_type=subsidy_caps&limit=20')).json.items;
  assert.deepEqual(audit.map((x) => x.action).sort(), ['create', 'create', 'create', 'update']);
});
