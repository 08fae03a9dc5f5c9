// Groups (参入促進・連携（グループ化）, seed 000) through the real binary: CRUD, validation with every
// problem at once, members, agreement + PDF, initiatives, certificates (status, revocation, PDF with
// Japanese text checked by pdftotext and pdftoppm), public listing, district scope. The server's clock
// is pinned to 2025-06-15 (令和7年度): the groups formed here are in their first fiscal year, so a plan
// for each of the three 取組 suffices (seed 000 5(2)イ, tests/api/groups_rules.test.mjs has the rest).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { serverFixture, withServer, api as rawApi, authHeaders, execAsync, runAsync, sqlCli } from './lib.mjs';

const NOW = '2025-06-15T03:00:00Z';
let t, srv, auth, api, close, pref;
const pub = (method, path) => rawApi(srv.base, method, path);
const ids = {};

async function inst(key, body) {
  const r = await api('POST', '/api/v1/facilities', { municipality: '082228', ...body });
  assert.equal(r.status, 201, r.text);
  ids[key] = r.json.id;
}

before(async () => {
  ({ t, srv, auth, api, close } = await serverFixture({ args: ['--public-url', 'https://zaitaku.example.jp'], env: { ZAITAKU_NOW: NOW } }));
  pref = await authHeaders(srv, 'prefecture'); // 公表 (issue 12 §8) is the prefecture's
  await inst('assoc', { kind: 'medical_association', name: 'テスト郡市医師会' });
  await inst('assoc2', { kind: 'medical_association', name: '隣の郡市医師会' });
  await inst('a', { kind: 'clinic', name: 'あおぞら在宅クリニック', legal_entity: '医療法人あおぞら会' });
  await inst('b', { kind: 'clinic', name: 'あおぞら第二クリニック', legal_entity: '医療法人あおぞら会' });
  await inst('c', { kind: 'clinic', name: 'みどり内科医院', legal_entity: '医療法人みどり会' });
  await inst('ns', { kind: 'nurse_station', name: 'ひかり訪問看護ステーション', legal_entity: '株式会社ひかり' });
  await inst('hosp', { kind: 'hospital', name: '鹿行中央病院', legal_entity: '社会医療法人鹿行', beds: 200 });
  await inst('ph', { kind: 'pharmacy', name: 'さくら薬局' });
  await inst('muni', { kind: 'municipality', name: '鹿嶋市 在宅医療・介護連携相談窓口' });
});

/** Publishes group id as the prefecture (公表): certificates are issued then. */
async function publish(id) {
  const r = await rawApi(srv.base, 'POST', `/api/v1/groups/${id}/publish`, {}, pref);
  assert.equal(r.status, 200, r.text);
  return r;
}
after(() => close?.());

const agreement = { signed_on: '2025-04-01', valid_from: '2025-04-01', valid_to: '2099-03-31', parties: 'テスト郡市医師会、各構成機関' };
const withParties = (...keys) => ({ ...agreement, party_ids: keys.map((k) => ids[k]) });
let gid;

const codes = (v) => v.problems.filter((p) => p.severity === 'error').map((p) => p.code).sort();

test('a group whose two clinics belong to one 法人 is not valid (seed 000 §2 同一法人以外の2以上)', async () => {
  let r = await api('POST', '/api/v1/groups', {
    name: 'テスト在宅グループ', note: '内部メモ', base_id: ids.assoc, active_role_ids: [ids.a], agreement: withParties('a', 'b', 'ns'),
    members: [
      { institution_id: ids.a, role: 'member_medical' },
      { institution_id: ids.b, role: 'member_medical' },
      { institution_id: ids.ns, role: 'nurse_station' },
      { institution_id: ids.hosp, role: 'backup_hospital' },
      { institution_id: ids.muni, role: 'partner_municipality' },
    ],
  });
  assert.equal(r.status, 201, r.text);
  gid = r.json.id;
  // the signed 協定書 and a plan for each of the three 取組 (first fiscal year)
  const doc = await api('PUT', `/api/v1/groups/${gid}/agreement/document`, '%PDF-1.4\n%%EOF\n', { 'Content-Type': 'application/pdf' });
  assert.equal(doc.status, 200, doc.text);
  for (const kind of ['support', 'patient_centred', 'awareness_training']) {
    const p = await api('POST', `/api/v1/groups/${gid}/initiatives`, { kind, held_on: '2025-09-01', title: `${kind} の計画`, planned: true });
    assert.equal(p.status, 201, p.text);
  }
  r = await api('GET', `/api/v1/groups/${gid}`);
  assert.equal(r.json.certified, false);
  assert.deepEqual(codes(r.json.validation), ['too_few_medical']);
  assert.equal(r.json.certificates.length, 0);
  const v = await api('GET', `/api/v1/groups/${gid}/validation`);
  assert.equal(v.status, 200);
  assert.equal(v.json.valid, false);
  const p = v.json.problems.find((x) => x.code === 'too_few_medical');
  assert.match(p.message, /同一法人/);
  assert.equal(p.severity, 'error');
  assert.equal(p.field, 'members');
  // desirable partners are warnings only
  assert.ok(v.json.problems.some((x) => x.code === 'missing_partner_pharmacy' && x.severity === 'warning'));
});

test('an empty group reports every problem at once', async () => {
  const r = await api('POST', '/api/v1/groups', { name: '空のグループ' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(codes(r.json.validation),
    ['agreement_missing', 'base_not_association', 'initiative_missing_awareness_training', 'initiative_missing_patient_centred',
      'initiative_missing_support', 'municipality_partner_missing', 'no_active_role', 'no_nurse_station', 'too_few_medical']);
  const r2 = await api('PUT', `/api/v1/groups/${r.json.id}`, { base_id: ids.hosp, active_role_ids: [ids.ns] });
  assert.equal(r2.status, 200, r2.text);
  assert.ok(codes(r2.json.validation).includes('base_not_association'));
  assert.ok(codes(r2.json.validation).includes('active_role_not_member'));
  assert.equal((await api('DELETE', `/api/v1/groups/${r.json.id}`)).status, 204);
  assert.equal((await api('GET', `/api/v1/groups/${r.json.id}`)).status, 404);
});

test('bad input names the field and stores nothing', async () => {
  const before = (await api('GET', `/api/v1/groups/${gid}`)).json;
  const cases = [
    [{ members: [{ institution_id: ids.a, role: 'boss' }] }, 'members[0]'],
    [{ members: [{ institution_id: ids.a, role: 'member_medical' }, { institution_id: 999999, role: 'member_medical' }] }, 'members[1]'],
    [{ members: [{ institution_id: ids.a, role: 'member_medical' }, { institution_id: ids.a, role: 'nurse_station' }] }, 'members'],
    [{ agreement: { ...agreement, valid_to: '2025-02-30' } }, 'agreement.valid_to'],
    [{ name: '' }, 'name'],
    [{ base_id: 'x' }, 'base_id'],
    [{ surprise: 1 }, 'surprise'],
  ];
  for (const [body, field] of cases) {
    const r = await api('PUT', `/api/v1/groups/${gid}`, body);
    assert.equal(r.status, 400, `${JSON.stringify(body)} → ${r.text}`);
    assert.equal(r.json.error.field, field, r.text);
    assert.match(r.json.error.message, /[ぁ-んァ-ヶ一-龠]/);
  }
  const r = await api('PUT', `/api/v1/groups/${gid}/members`, { members: [{ institution_id: ids.a, role: 'member_medical' }, { institution_id: 424242, role: 'nurse_station' }] });
  assert.equal(r.status, 400);
  const after = (await api('GET', `/api/v1/groups/${gid}`)).json;
  assert.deepEqual(after.members, before.members);
  assert.equal(after.name, before.name);
});

let numbers;
test('replacing the members with clinics of different 法人 certifies the group and issues certificates', async () => {
  let r = await api('PUT', `/api/v1/groups/${gid}/members`, { members: [
    { institution_id: ids.a, role: 'member_medical' },
    { institution_id: ids.c, role: 'member_medical' },
    { institution_id: ids.ns, role: 'nurse_station' },
    { institution_id: ids.hosp, role: 'backup_hospital' },
    { institution_id: ids.muni, role: 'partner_municipality' },
  ] });
  assert.equal(r.status, 200, r.text);
  // the 協定 is concluded by the new member too
  r = await api('PUT', `/api/v1/groups/${gid}/agreement`, withParties('a', 'c', 'ns'));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.validation.valid, true);
  assert.equal(r.json.certified, true);
  // valid, but nothing is public and no certificate is issued before 公表 (issue 12 §8)
  assert.equal(r.json.published, false);
  assert.equal(r.json.certificates.length, 0);
  assert.equal((await pub('GET', '/api/v1/public/groups')).json.items.length, 0);
  r = await publish(gid);
  assert.equal(r.json.published, true);
  assert.equal(r.json.certificates.length, 5);
  numbers = Object.fromEntries(r.json.certificates.map((c) => [c.institution_id, c.number]));
  for (const n of Object.values(numbers)) assert.match(n, /^KG-\d{4}-\d{6}$/);
  assert.equal(new Set(Object.values(numbers)).size, 5);
  const s = await pub('GET', `/api/v1/certificates/${numbers[ids.c]}`);
  assert.equal(s.status, 200);
  assert.equal(s.json.status, 'valid');
  assert.equal(s.json.institution.name, 'みどり内科医院');
  assert.equal(s.json.group.name, 'テスト在宅グループ');
  const u = await pub('GET', '/api/v1/certificates/KG-2025-999999');
  assert.equal(u.json.status, 'unknown');
});

test('adding and removing a member one at a time', async () => {
  let r = await api('POST', `/api/v1/groups/${gid}/members`, { institution_id: ids.ph, role: 'partner_pharmacy' });
  assert.equal(r.status, 201, r.text);
  assert.ok(!r.json.validation.problems.some((p) => p.code === 'missing_partner_pharmacy'));
  const phNumber = r.json.certificates.find((c) => c.institution_id === ids.ph && c.status === 'valid').number;
  r = await api('POST', `/api/v1/groups/${gid}/members`, { institution_id: ids.ph, role: 'partner_pharmacy' });
  assert.equal(r.status, 409);
  r = await api('DELETE', `/api/v1/groups/${gid}/members/${ids.ph}`);
  assert.equal(r.status, 200, r.text);
  assert.equal((await pub('GET', `/api/v1/certificates/${phNumber}`)).json.status, 'revoked');
  assert.equal((await pub('GET', `/api/v1/certificates/${numbers[ids.a]}`)).json.status, 'valid');
});

test('the certificate PDF renders the Japanese title and the institution name', async () => {
  // no issuer set for the prefecture yet: 409 naming it
  let miss = await api('GET', `/api/v1/groups/${gid}/certificates/${ids.c}.pdf`);
  assert.equal(miss.status, 409, miss.text);
  assert.equal(miss.json.error.field, 'issuer');
  const iss = await rawApi(srv.base, 'PUT', '/api/v1/certificate-issuers/08',
    { name: '茨城県地域ケア推進センター', representative_title: 'センター長', representative_name: '鹿行 太郎' }, pref);
  assert.equal(iss.status, 200, iss.text);
  const r = await fetch(`${srv.base}/api/v1/groups/${gid}/certificates/${ids.c}.pdf`, { headers: auth });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const pdf = Buffer.from(await r.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const file = join(t.dir, 'cert.pdf');
  writeFileSync(file, pdf);
  const txt = await execAsync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.equal(txt.status, 0, txt.stderr);
  const flat = txt.stdout.replace(/\s+/g, '');
  assert.ok(flat.includes('在宅医療参入促進・連携（グループ化）機関証'), txt.stdout);
  assert.ok(flat.includes('みどり内科医院'), txt.stdout);
  assert.ok(flat.includes(numbers[ids.c]), txt.stdout);
  assert.ok(flat.includes('令和'), txt.stdout); // 交付日 in 和暦
  // seed 000 §3(2): the issuer, its representative, the seal's place, the fiscal year, the public page
  assert.ok(flat.includes('茨城県地域ケア推進センター'), txt.stdout);
  assert.ok(flat.includes('センター長') && flat.includes('鹿行太郎'), txt.stdout);
  assert.ok(flat.includes('公印'), txt.stdout);
  assert.ok(flat.includes('対象年度令和7年度'), txt.stdout);
  assert.ok(flat.includes('結成初年度'), txt.stdout); // issued under the first-year grace
  assert.ok(flat.includes(`https://zaitaku.example.jp/verify?number=${numbers[ids.c]}`), txt.stdout);
  const png = await execAsync('pdftoppm', ['-png', '-r', '40', file, join(t.dir, 'page')]);
  assert.equal(png.status, 0, String(png.stderr));
  const pngFile = readdirSync(t.dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
  const head = readFileSync(join(t.dir, pngFile)).subarray(0, 8);
  assert.deepEqual([...head], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // non-blank: count dark pixels in a greyscale rendering of the same page
  const pgm = await execAsync('pdftoppm', ['-gray', '-r', '40', file], { encoding: 'buffer' });
  assert.equal(pgm.status, 0);
  const buf = pgm.stdout;
  let nl = 0, off = 0;
  while (nl < 3) if (buf[off++] === 0x0a) nl++; // "P5\nW H\n255\n"
  assert.equal(buf.subarray(0, 2).toString(), 'P5');
  let dark = 0;
  for (let i = off; i < buf.length; i++) if (buf[i] < 128) dark++;
  assert.ok(dark > 500, `only ${dark} dark pixels`);
  // not a member → 404
  const n = await api('GET', `/api/v1/groups/${gid}/certificates/${ids.ph}.pdf`);
  assert.equal(n.status, 404);
});

test('agreement PDF upload: type and magic checked, bytes returned as stored', async () => {
  let r = await api('PUT', `/api/v1/groups/${gid}/agreement/document`, 'hello', { 'Content-Type': 'text/plain' });
  assert.equal(r.status, 415);
  r = await api('PUT', `/api/v1/groups/${gid}/agreement/document`, 'not a pdf', { 'Content-Type': 'application/pdf' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'document');
  const doc = '%PDF-1.4\n% 協定書テスト\n%%EOF\n';
  r = await api('PUT', `/api/v1/groups/${gid}/agreement/document`, doc, { 'Content-Type': 'application/pdf' });
  assert.equal(r.status, 200, r.text);
  r = await api('GET', `/api/v1/groups/${gid}/agreement/document`);
  assert.equal(r.status, 200);
  assert.equal(r.text, doc);
  r = await api('GET', `/api/v1/groups/${gid}`);
  assert.equal(r.json.agreement.has_document, true);
});

test('initiatives per fiscal year and the yearly summary', async () => {
  const add = (b) => api('POST', `/api/v1/groups/${gid}/initiatives`, b);
  let r = await add({ kind: 'support', held_on: '2025-05-10', title: '夜間・医師不在時の相互支援体制の確認' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.fiscal_year, 2025);
  r = await add({ kind: 'patient_centred', held_on: '令和8年3月31日', title: '多職種連携会議', participants: 18,
    topics: ['discharge_support', 'daily_care', 'emergency', 'end_of_life', 'disaster'] });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.held_on, '2026-03-31');
  assert.equal(r.json.fiscal_year, 2025);
  r = await add({ kind: 'awareness_training', held_on: '2026-04-01', title: '市民公開講座' });
  assert.equal(r.json.fiscal_year, 2026);
  r = await add({ kind: 'support', held_on: '2025-06-01', title: 'x', topics: ['disaster'] });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'topics');
  r = await add({ kind: 'party', held_on: '2025-06-01', title: 'x' });
  assert.equal(r.json.error.field, 'kind');
  r = await api('GET', `/api/v1/groups/${gid}/initiatives/summary?fiscal_year=2025`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.fiscal_year, 2025);
  assert.deepEqual(r.json.kinds.map((k) => k.count), [1, 1, 0]);
  assert.deepEqual(r.json.kinds.map((k) => k.planned), [1, 1, 1]); // the plans of the first test
  assert.equal(r.json.all_kinds_done, false);
  assert.equal(r.json.all_topics_done, true);
  assert.equal(r.json.items.filter((i) => !i.planned).length, 2);
  r = await api('GET', `/api/v1/groups/${gid}/initiatives?fiscal_year=2026`);
  assert.equal(r.json.items.length, 1);
  r = await api('GET', `/api/v1/groups/${gid}/initiatives?fiscal_year=abc`);
  assert.equal(r.status, 400);
});

// Issue 4 §2: initiatives are recorded "with dates and attachments" (PDF, PNG or JPEG).
test('initiative attachments: upload, download, wrong type 415, bad magic 400, too large 413, nothing stored on error', async () => {
  const put = async (iid, body, type) => {
    const r = await fetch(`${srv.base}/api/v1/groups/${gid}/initiatives/${iid}/attachment`,
      { method: 'PUT', headers: { ...auth, 'Content-Type': type }, body });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, json, text };
  };
  const get = (iid) => fetch(`${srv.base}/api/v1/groups/${gid}/initiatives/${iid}/attachment`, { headers: auth });
  const r0 = await api('POST', `/api/v1/groups/${gid}/initiatives`, { kind: 'support', held_on: '2025-07-01', title: '添付つきの取組' });
  assert.equal(r0.status, 201, r0.text);
  const iid = r0.json.id;
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR 会議の写真')]);

  // wrong declared type, bytes that do not match, empty, too large: 415 / 400 / 400 / 413, nothing stored
  let r = await put(iid, png, 'image/gif');
  assert.equal(r.status, 415, r.text);
  assert.equal(r.json.error.field, 'Content-Type');
  r = await put(iid, png, 'application/pdf');
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'attachment');
  assert.match(r.json.error.message, /PDF/);
  r = await put(iid, Buffer.from('GIF89a not a png'), 'image/png');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'attachment');
  r = await put(iid, Buffer.alloc(0), 'image/jpeg');
  assert.equal(r.status, 400);
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
  Buffer.from('%PDF-1.7\n').copy(big);
  r = await put(iid, big, 'application/pdf');
  assert.equal(r.status, 413, r.text);
  assert.equal(r.json.error.field, 'attachment');
  assert.equal((await get(iid)).status, 404);
  let list = await api('GET', `/api/v1/groups/${gid}/initiatives?fiscal_year=2025`);
  assert.equal(list.json.items.find((x) => x.id === iid).attachment, null);
  const audit = async () => ((await api('GET', `/api/v1/audit?object_type=group&object_id=${gid}`)).json.items || [])
    .filter((x) => x.action === 'upload' && JSON.stringify(x).includes('initiative_id')).length;
  assert.equal(await audit(), 0);

  // a PNG, then a JPEG replacing it: bytes come back as stored with their type
  r = await put(iid, png, 'image/png');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { initiative_id: iid, attachment: { content_type: 'image/png', size: png.length } });
  let d = await get(iid);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), 'image/png');
  assert.match(d.headers.get('content-disposition'), /attachment; filename="initiative\.png"/);
  assert.ok(Buffer.from(await d.arrayBuffer()).equals(png));
  const jpg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  r = await put(iid, jpg, 'image/jpeg; charset=binary');
  assert.equal(r.status, 200, r.text);
  d = await get(iid);
  assert.equal(d.headers.get('content-type'), 'image/jpeg');
  assert.ok(Buffer.from(await d.arrayBuffer()).equals(jpg));
  list = await api('GET', `/api/v1/groups/${gid}/initiatives?fiscal_year=2025`);
  const item = list.json.items.find((x) => x.id === iid);
  assert.equal(item.attachment.content_type, 'image/jpeg');
  assert.equal(item.attachment.size, jpg.length);
  assert.equal(await audit(), 2, 'each upload appends one audit row in its transaction');

  // a failed replacement keeps the stored file
  r = await put(iid, Buffer.from('not a pdf'), 'application/pdf');
  assert.equal(r.status, 400);
  assert.ok(Buffer.from(await (await get(iid)).arrayBuffer()).equals(jpg));

  // an initiative of another group, or none at all: 404 naming it
  const other = await api('POST', '/api/v1/groups', { name: '別のグループ', base_id: ids.assoc });
  assert.equal(other.status, 201, other.text);
  r = await fetch(`${srv.base}/api/v1/groups/${other.json.id}/initiatives/${iid}/attachment`,
    { method: 'PUT', headers: { ...auth, 'Content-Type': 'image/png' }, body: png });
  assert.equal(r.status, 404);
  assert.equal((await r.json()).error.field, 'initiative_id');
  assert.equal((await fetch(`${srv.base}/api/v1/groups/${other.json.id}/initiatives/${iid}/attachment`, { headers: auth })).status, 404);
  assert.equal((await put(999999, png, 'image/png')).status, 404);
  await api('DELETE', `/api/v1/groups/${other.json.id}`);
});

test('public listing shows certified groups only, without internal notes', async () => {
  const r = await pub('GET', '/api/v1/public/groups');
  assert.equal(r.status, 200);
  assert.equal(r.json.items.length, 1);
  const g = r.json.items[0];
  assert.equal(g.name, 'テスト在宅グループ');
  assert.equal(g.note, undefined);
  assert.ok(!r.text.includes('内部メモ'));
  assert.ok(g.members.some((m) => m.role === 'nurse_station' && m.role_label === '訪問看護事業所'));
  assert.ok(g.members.some((m) => m.institution_id === ids.a && m.active_role === true));
  assert.equal((await pub('GET', '/api/v1/groups')).status, 401);
  assert.equal((await pub('GET', `/api/v1/groups/${gid}`)).status, 401);
});

test('coordinators write only groups whose 拠点 is their 郡市医師会', async () => {
  const own = await authHeaders(srv, 'coordinator', { associations: [ids.assoc] });
  const other = await authHeaders(srv, 'coordinator', { associations: [ids.assoc2] });
  let r = await rawApi(srv.base, 'PUT', `/api/v1/groups/${gid}`, { name: 'テスト在宅グループ' }, other);
  assert.equal(r.status, 403);
  r = await rawApi(srv.base, 'GET', `/api/v1/groups/${gid}`, undefined, other);
  assert.equal(r.status, 403);
  r = await rawApi(srv.base, 'GET', '/api/v1/groups', undefined, other);
  assert.equal(r.json.items.length, 0);
  r = await rawApi(srv.base, 'PUT', `/api/v1/groups/${gid}`, { name: 'テスト在宅グループ' }, own);
  assert.equal(r.status, 200, r.text);
  // and cannot move it into a district they do not cover
  r = await rawApi(srv.base, 'PUT', `/api/v1/groups/${gid}`, { base_id: ids.assoc2 }, own);
  assert.equal(r.status, 403);
  // a doctor of a member institution reads the group; a doctor elsewhere does not
  const member = await authHeaders(srv, 'doctor', { institution: ids.a });
  const outsider = await authHeaders(srv, 'doctor', { institution: ids.b });
  r = await rawApi(srv.base, 'GET', '/api/v1/groups', undefined, member);
  assert.deepEqual(r.json.items.map((g) => g.id), [gid]);
  assert.equal((await rawApi(srv.base, 'GET', `/api/v1/groups/${gid}`, undefined, member)).status, 200);
  assert.equal((await rawApi(srv.base, 'GET', '/api/v1/groups', undefined, outsider)).json.items.length, 0);
  assert.equal((await rawApi(srv.base, 'GET', `/api/v1/groups/${gid}`, undefined, outsider)).status, 403);
  assert.equal((await rawApi(srv.base, 'PUT', `/api/v1/groups/${gid}`, { name: 'x' }, member)).status, 403);
  // a coordinator's new group starts under their own 郡市医師会
  r = await rawApi(srv.base, 'POST', '/api/v1/groups', { name: 'コーディネータのグループ' }, own);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.base_id, ids.assoc);
  assert.equal((await rawApi(srv.base, 'DELETE', `/api/v1/groups/${r.json.id}`, undefined, own)).status, 204);
  r = await rawApi(srv.base, 'POST', '/api/v1/groups', { name: '他地区のグループ', base_id: ids.assoc2 }, own);
  assert.equal(r.status, 403);
});

test('an expired agreement revokes the certificates (seed 000 §2 協定)', async () => {
  let r = await api('PUT', `/api/v1/groups/${gid}/agreement`, { ...withParties('a', 'c', 'ns'), valid_to: '2025-03-31', valid_from: '2024-04-01' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(codes(r.json.validation), ['agreement_expired']);
  assert.equal(r.json.certified, false);
  const s = await pub('GET', `/api/v1/certificates/${numbers[ids.c]}`);
  assert.equal(s.json.status, 'revoked');
  assert.match(s.json.revoke_reason, /協定/);
  assert.equal((await pub('GET', '/api/v1/public/groups')).json.items.length, 0);
  // renewing certifies again; the group lost its 公表 with its validity, so it is published anew,
  // with new numbers
  r = await api('PUT', `/api/v1/groups/${gid}/agreement`, withParties('a', 'c', 'ns'));
  assert.equal(r.json.certified, true);
  assert.equal(r.json.published, false);
  r = await publish(gid);
  const fresh = r.json.certificates.find((c) => c.institution_id === ids.c && c.status === 'valid');
  assert.notEqual(fresh.number, numbers[ids.c]);
});

test('the daily re-validation (zaitaku groups refresh): an agreement that lapsed overnight revokes on the next status check', async () => {
  const c = (await api('GET', `/api/v1/groups/${gid}`)).json.certificates.find((x) => x.status === 'valid');
  assert.ok(c);
  // simulate the passing of time: the agreement ended yesterday and the group was last checked long ago
  const sql = `UPDATE care_group_agreement SET valid_to = '2025-01-31' WHERE group_id = ${gid}; ` +
    `UPDATE care_group SET checked_on = '2000-01-01' WHERE id = ${gid};`;
  const r = await execAsync(...sqlCli(t.db, sql), { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  // GETs no longer write: the refresh the server runs at JST midnight (here: the CLI) does
  const rf = await runAsync(t.db, ['groups', 'refresh'], { env: { ...process.env, ZAITAKU_NOW: NOW } });
  assert.equal(rf.status, 0, rf.stderr);
  const s = await pub('GET', `/api/v1/certificates/${c.number}`);
  assert.equal(s.json.status, 'revoked');
  assert.equal((await pub('GET', '/api/v1/public/groups')).json.items.length, 0);
  const back = await api('PUT', `/api/v1/groups/${gid}/agreement`, withParties('a', 'c', 'ns'));
  assert.equal(back.json.certified, true);
});

test('changes are audited', async () => {
  const r = await api('GET', `/api/v1/audit?object_type=group&object_id=${gid}`);
  assert.equal(r.status, 200, r.text);
  const rows = r.json.items || r.json;
  assert.ok(rows.length >= 5);
});

test('deleting a group keeps its certificate numbers answerable as revoked', async () => {
  const r = await api('DELETE', `/api/v1/groups/${gid}`);
  assert.equal(r.status, 204);
  const s = await pub('GET', `/api/v1/certificates/${numbers[ids.a]}`);
  assert.equal(s.json.status, 'revoked');
});

test('the demo region has one certified group and one invalid for a stated reason', async () => {
  await withServer({ demo: true, args: ['--public-url', 'https://zaitaku.example.jp'] }, async ({ srv: s, auth: h }) => {
    const list = await rawApi(s.base, 'GET', '/api/v1/groups', undefined, h);
    assert.equal(list.status, 200);
    assert.equal(list.json.items.length, 4);
    const byName = (n) => list.json.items.find((g) => g.name.startsWith(n));
    const ok = byName('鹿嶋在宅医療連携グループ');
    const bad = byName('なめがた在宅医療グループ');
    assert.ok(ok.certified && ok.published && !bad.certified);
    const v = await rawApi(s.base, 'GET', `/api/v1/groups/${bad.id}/validation`, undefined, h);
    assert.deepEqual(codes(v.json), ['too_few_medical']);
    // issue 13 "Done when": one group not certified for a missing 取組, with the Japanese reason
    const noInit = byName('鉾田在宅医療ネットワーク');
    const nv = await rawApi(s.base, 'GET', `/api/v1/groups/${noInit.id}/validation`, undefined, h);
    assert.deepEqual(codes(nv.json), ['initiative_missing_awareness_training']);
    assert.match(nv.json.problems.find((p) => p.severity === 'error').message, /普及啓発活動等を行う取組」の実施記録がありません/);
    // the municipality-centred form (例1-4): valid, waiting for 公表
    const mc = byName('鹿行在宅医療推進会議');
    assert.ok(mc.certified && !mc.published);
    const okv = await rawApi(s.base, 'GET', `/api/v1/groups/${ok.id}/validation`, undefined, h);
    assert.equal(okv.json.problems.length, 0); // every desirable partner is there too
    const sum = await rawApi(s.base, 'GET', `/api/v1/groups/${ok.id}/initiatives/summary`, undefined, h);
    assert.equal(sum.json.all_kinds_done, true);
    const pubList = await rawApi(s.base, 'GET', '/api/v1/public/groups');
    assert.deepEqual(pubList.json.items.map((g) => g.id), [ok.id]);
    // the demo names a fictional issuer for prefecture 08, so its 機関証 renders (no 409)
    const iss = await rawApi(s.base, 'GET', '/api/v1/certificate-issuers/08', undefined, h);
    assert.match(iss.json.name, /（架空）/);
    const detail = await rawApi(s.base, 'GET', `/api/v1/groups/${ok.id}`, undefined, h);
    const member = detail.json.certificates.find((c) => c.status === 'valid');
    const pdf = await fetch(`${s.base}/api/v1/groups/${ok.id}/certificates/${member.institution_id}.pdf`, { headers: h });
    assert.equal(pdf.status, 200);
    assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  });
});
