// Groups without writes on read (issue 10 §4): GET handlers never write; certificates follow the date
// through `zaitaku groups refresh` and the refresh `serve` runs at start and at JST midnight.
// Certificates need a configured public URL (issue 11 §8); coordinators add only members of their
// district (issue 11 §4).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, existsSync } from 'node:fs';
import { serverFixture, withServer, startServer, api as rawApi, authHeaders, execAsync, runAsync, sqlCli } from './lib.mjs';

const PUBLIC_URL = 'https://zaitaku.example.jp';
// The server stands on 2029-06-01 (令和11年度): certificates cover one fiscal year (seed 000 5(2)イ).
const NOW = '2029-06-01T03:00:00Z';
const atNow = { env: { ...process.env, ZAITAKU_NOW: NOW } };
let t, srv, api, close;
const pub = (method, path) => rawApi(srv.base, method, path);
const ids = {};
const sql = async (db, q) => {
  const r = await execAsync(...sqlCli(db, q), { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};

async function inst(key, body) {
  const r = await api('POST', '/api/v1/facilities', { municipality: '082228', ...body });
  assert.equal(r.status, 201, r.text);
  ids[key] = r.json.id;
}

const members = () => [
  { institution_id: ids.a, role: 'member_medical' },
  { institution_id: ids.c, role: 'member_medical' },
  { institution_id: ids.ns, role: 'nurse_station' },
  { institution_id: ids.muni, role: 'partner_municipality' },
];
/** A group meeting every 要件 of seed 000 (協定 with its parties and PDF, the three 取組 of this
 *  fiscal year, 関係市町村), published (公表) so that its certificates are issued. */
async function certifiedGroup(name, validTo) {
  let r = await api('POST', '/api/v1/groups', {
    name, base_id: ids.assoc, active_role_ids: [ids.a], members: members(),
    agreement: { signed_on: '2025-04-01', valid_from: '2025-04-01', valid_to: validTo, parties: '各構成機関',
      party_ids: [ids.a, ids.c, ids.ns] },
  });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await api('PUT', `/api/v1/groups/${id}/agreement/document`, '%PDF-1.4\n%%EOF\n', { 'Content-Type': 'application/pdf' });
  assert.equal(r.status, 200, r.text);
  for (const kind of ['support', 'patient_centred', 'awareness_training']) {
    r = await api('POST', `/api/v1/groups/${id}/initiatives`, { kind, held_on: '2029-05-01', title: kind });
    assert.equal(r.status, 201, r.text);
  }
  r = await api('POST', `/api/v1/groups/${id}/publish`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.certified, true, r.text);
  return r.json;
}

/** True when the binary honours ZAITAKU_NOW (test builds: make check compiles with -DZT_TEST_HOOKS). */
async function clockPinnable(db) {
  const r = await runAsync(db, ['groups', 'refresh'], { env: { ...process.env, ZAITAKU_NOW: '2001-02-03T04:00:00Z' } });
  return r.status === 0 && r.stdout.includes('2001-02-03');
}

before(async () => {
  ({ t, srv, api, close } = await serverFixture({ args: ['--public-url', PUBLIC_URL], env: { ZAITAKU_NOW: NOW } }));
  await inst('assoc', { kind: 'medical_association', name: 'テスト郡市医師会' });
  await inst('a', { kind: 'clinic', name: 'あおぞら在宅クリニック', legal_entity: '医療法人あおぞら会' });
  await inst('c', { kind: 'clinic', name: 'みどり内科医院', legal_entity: '医療法人みどり会' });
  await inst('ns', { kind: 'nurse_station', name: 'ひかり訪問看護ステーション', legal_entity: '株式会社ひかり' });
  await inst('muni', { kind: 'municipality', name: '鹿嶋市 在宅医療・介護連携相談窓口' });
  const iss = await api('PUT', '/api/v1/certificate-issuers/08', { name: '茨城県地域ケア推進センター', representative_title: 'センター長', representative_name: '鹿行 太郎' });
  assert.equal(iss.status, 200, iss.text);
});
after(() => close?.());

test('zaitaku groups refresh --help documents the command', async () => {
  const r = await runAsync(t.db, ['groups', 'refresh', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /usage: zaitaku \[--db PATH\] groups refresh/);
  assert.match(r.stdout, /機関証/);
  assert.equal((await runAsync(t.db, ['groups'])).status, 2);
  assert.equal((await runAsync(t.db, ['groups', 'nonsense'])).status, 2);
});

test('no GET writes: reads of a group whose agreement lapsed leave the database untouched', async () => {
  const g = await certifiedGroup('読むだけのグループ', '2099-03-31');
  const cert = g.certificates.find((c) => c.institution_id === ids.c);
  // the agreement lapsed and the group was last re-validated long ago: the old read path wrote here
  await sql(t.db, `UPDATE care_group_agreement SET valid_to = '2025-05-31' WHERE group_id = ${g.id}; ` +
    `UPDATE care_group SET checked_on = '2000-01-01' WHERE id = ${g.id};`);
  const state = () => sql(t.db, 'SELECT (SELECT COUNT(*) FROM audit_log) || \'|\' || ' +
    '(SELECT group_concat(certified || \':\' || checked_on) FROM care_group) || \'|\' || ' +
    '(SELECT group_concat(number || \':\' || status) FROM group_certificate)');
  const files = () => [t.db, `${t.db}-wal`].filter(existsSync).map((f) => {
    const s = statSync(f);
    return `${f}:${s.size}:${s.mtimeMs}`;
  }).join(',');
  const before0 = await state();
  const files0 = files();
  const gets = [
    `/api/v1/groups/${g.id}`, `/api/v1/groups/${g.id}/validation`, `/api/v1/groups/${g.id}/certificates`,
    `/api/v1/groups/${g.id}/certificates/${ids.c}.pdf`, '/api/v1/groups', `/api/v1/groups/${g.id}/initiatives`,
    `/api/v1/groups/${g.id}/initiatives/summary`,
  ];
  for (const p of gets) {
    const r = await api('GET', p);
    assert.ok(r.status === 200 || r.status === 404, `${p}: ${r.status} ${r.text}`);
  }
  const v = await api('GET', `/api/v1/groups/${g.id}/validation`);
  assert.equal(v.json.valid, false); // the answer is as of today…
  // …and the PDF of a lapsed group is refused even before the refresh records it
  assert.equal((await api('GET', `/api/v1/groups/${g.id}/certificates/${ids.c}.pdf`)).status, 404);
  assert.equal((await pub('GET', `/api/v1/certificates/${cert.number}`)).status, 200);
  assert.equal((await pub('GET', '/api/v1/public/groups')).status, 200);
  assert.equal(await state(), before0, 'a GET changed rows');
  assert.equal(files(), files0, 'a GET wrote to the database files');
  // the refresh records it: certificates revoked, one audit row by the system
  const rf = await runAsync(t.db, ['groups', 'refresh'], atNow);
  assert.equal(rf.status, 0, rf.stderr);
  assert.match(rf.stdout, /^[1-9]\d* group\(s\) re-validated for \d{4}-\d{2}-\d{2}/);
  const s = await pub('GET', `/api/v1/certificates/${cert.number}`);
  assert.equal(s.json.status, 'revoked');
  assert.match(s.json.revoke_reason, /協定/);
  const audit = await api('GET', `/api/v1/audit?object_type=group&object_id=${g.id}`);
  const rows = audit.json.items || audit.json;
  assert.ok(rows.some((x) => x.action === 'revalidate'), JSON.stringify(rows));
  // a second refresh the same day has nothing to do
  assert.match((await runAsync(t.db, ['groups', 'refresh'], atNow)).stdout, /^0 group\(s\)/);
  assert.equal((await api('DELETE', `/api/v1/groups/${g.id}`)).status, 204);
});

test('groups refresh revokes on the JST day the agreement ends (ZAITAKU_NOW)', async (ctx) => {
  if (!await clockPinnable(t.db)) return ctx.skip('needs a test build (make check: -DZT_TEST_HOOKS)');
  const g = await certifiedGroup('期限のあるグループ', '2030-03-31');
  const cert = g.certificates.find((c) => c.institution_id === ids.a);
  const at = (now) => runAsync(t.db, ['groups', 'refresh'], { env: { ...process.env, ZAITAKU_NOW: now } });
  // 23:30 JST on the last day of the agreement: still valid
  let r = await at('2030-03-31T14:30:00Z');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /for 2030-03-31/);
  assert.equal((await pub('GET', `/api/v1/certificates/${cert.number}`)).json.status, 'valid');
  // 00:30 JST on 1 April (still 31 March in UTC): expired, revoked
  r = await at('2030-03-31T15:30:00Z');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /for 2030-04-01/);
  const s = await pub('GET', `/api/v1/certificates/${cert.number}`);
  assert.equal(s.json.status, 'revoked');
  assert.match(s.json.revoke_reason, /協定の有効期間が終了しています/);
  assert.equal((await api('GET', `/api/v1/groups/${g.id}`)).json.certified, false);
  assert.ok(!(await pub('GET', '/api/v1/public/groups')).json.items.some((x) => x.id === g.id));
});

test('serve re-validates at start (the daily timer runs once as the server starts)', async (ctx) => {
  if (!await clockPinnable(t.db)) return ctx.skip('needs a test build (make check: -DZT_TEST_HOOKS)');
  const g = await certifiedGroup('起動時に確認するグループ', '2030-03-31');
  const cert = g.certificates.find((c) => c.institution_id === ids.ns);
  const later = await startServer(t.db, { env: { ZAITAKU_NOW: '2030-04-01T00:30:00+09:00' }, args: ['--public-url', PUBLIC_URL] });
  try {
    // the timer's first run goes beside the first requests: wait for it (at most 20 s)
    let status;
    for (let i = 0; i < 200 && status !== 'revoked'; i++) {
      status = (await pub('GET', `/api/v1/certificates/${cert.number}`)).json.status;
      if (status !== 'revoked') await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 'revoked');
  } finally {
    await later.stop();
  }
});

test('a certificate PDF needs a configured public URL: 409 in Japanese without one, never the Host header', async () => {
  const g = await certifiedGroup('URLのないグループ', '2099-03-31');
  const bare = await startServer(t.db, { env: { ZAITAKU_PUBLIC_URL: '', ZAITAKU_NOW: NOW } });
  try {
    const h = await authHeaders(bare, 'admin');
    const r = await rawApi(bare.base, 'GET', `/api/v1/groups/${g.id}/certificates/${ids.c}.pdf`, undefined,
      { ...h, Host: 'evil.example' });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'public_url');
    assert.match(r.json.error.message, /--public-url/);
    assert.match(r.json.error.message, /機関証/);
  } finally {
    await bare.stop();
  }
  // with one, the PDF carries the configured URL (its QR code encodes the same text)
  const r = await fetch(`${srv.base}/api/v1/groups/${g.id}/certificates/${ids.c}.pdf`,
    { headers: (await authHeaders(srv, 'admin')) });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  // a bad --public-url is a usage error
  const bad = await execAsync(process.env.ZAITAKU_BIN || 'build/zaitaku',
    ['--db', t.db, 'serve', '--listen', '127.0.0.1:1', '--public-url', 'javascript:alert(1)'], { encoding: 'utf8' });
  assert.equal(bad.status, 2, bad.stderr);
});

test('a coordinator adds to a group only institutions of their district (issue 11 §4)', async () => {
  await withServer({ demo: true }, async ({ srv: s, auth: admin }) => {
    const call = (method, path, body, h = admin) => rawApi(s.base, method, path, body, h);
    const assoc = (await call('GET', '/api/v1/medical-associations')).json;
    const list = assoc.items || assoc;
    const mine = list.find((a) => (a.municipalities || a.coverage || []).length > 0) || list[0];
    const coord = await authHeaders(s, 'coordinator', { associations: [mine.id] });
    const fac = async (name, municipality, extra = {}) => {
      const r = await call('POST', '/api/v1/facilities', { kind: 'clinic', name, municipality, ...extra });
      assert.equal(r.status, 201, r.text);
      return r.json.id;
    };
    const inside = await fac('地区内クリニック', '082228', { legal_entity: '医療法人地区内' });
    const outside = await fac('地区外クリニック', '082015', { legal_entity: '医療法人地区外' }); // 水戸市: not 鹿行
    let r = await call('POST', '/api/v1/groups', { name: '地区のグループ', base_id: mine.id,
      members: [{ institution_id: inside, role: 'member_medical' }] }, coord);
    assert.equal(r.status, 201, r.text);
    const gid = r.json.id;
    const audits = async () => ((await call('GET', `/api/v1/audit?object_type=group&object_id=${gid}`)).json.items || []).length;
    const n0 = await audits();
    r = await call('POST', `/api/v1/groups/${gid}/members`, { institution_id: outside, role: 'member_medical' }, coord);
    assert.equal(r.status, 403, r.text);
    assert.equal(r.json.error.field, 'members[1]');
    assert.match(r.json.error.message, /担当地区/);
    r = await call('PUT', `/api/v1/groups/${gid}/members`, { members: [
      { institution_id: inside, role: 'member_medical' }, { institution_id: outside, role: 'member_medical' }] }, coord);
    assert.equal(r.status, 403, r.text);
    r = await call('POST', '/api/v1/groups', { name: '地区外を含む', base_id: mine.id,
      members: [{ institution_id: outside, role: 'member_medical' }] }, coord);
    assert.equal(r.status, 403, r.text);
    assert.equal(await audits(), n0, 'a refused change was audited or stored');
    assert.deepEqual((await call('GET', `/api/v1/groups/${gid}`, undefined, coord)).json.members.map((m) => m.institution_id), [inside]);
    // inside the district it works; an administrator may add anywhere, and the coordinator may
    // still edit the group that now has a member outside (only new members are asked about)
    r = await call('POST', `/api/v1/groups/${gid}/members`, { institution_id: outside, role: 'member_medical' });
    assert.equal(r.status, 201, r.text);
    r = await call('PUT', `/api/v1/groups/${gid}`, { name: '地区のグループ（改）' }, coord);
    assert.equal(r.status, 200, r.text);
  });
});
