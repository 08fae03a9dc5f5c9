// The access matrix (issue 3 §2, SECURITY.md "every user identified and authenticated; roles
// scoped by district"): EVERY route of src/http/routes.c × every role (public and the six roles)
// × an object inside and outside the role's district, against ONE table of expected statuses.
// A route without an expectation fails the test: add a row here when you add a route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serverFixture, api, authHeaders } from './lib.mjs';

const ROLES = ['public', 'admin', 'prefecture', 'coordinator', 'doctor', 'nurse', 'hospital'];

/** The routes as the server sees them, parsed from the one route table. */
function parseRoutes() {
  const src = readFileSync(new URL('../../src/http/routes.c', import.meta.url), 'utf8');
  const out = [];
  const re = /\{\s*"(GET|POST|PUT|PATCH|DELETE)",\s*"([^"]+)",\s*(\w+),\s*(ROUTE_\w+),\s*(ACT_\w+)/g;
  for (let m; (m = re.exec(src));) out.push({ method: m[1], pattern: m[2], handler: m[3], access: m[4], act: m[5] });
  return out;
}

// Expected status per role: a number (same inside and outside the district) or [inside, outside].
// Shorthands for the common rows.
const pub200 = { public: 200, admin: 200, prefecture: 200, coordinator: 200, doctor: 200, nurse: 200, hospital: 200 };
const adminOnly = (ok) => ({ public: 401, admin: ok, prefecture: 403, coordinator: 403, doctor: 403, nurse: 403, hospital: 403 });
const signedAll = (ok) => ({ public: 401, admin: ok, prefecture: ok, coordinator: ok, doctor: ok, nurse: ok, hospital: ok });
// ACT_REGISTRY_WRITE: admin everywhere, prefecture and coordinator in their district.
const registryWrite = (ok) => ({ public: 401, admin: ok, prefecture: [ok, 403], coordinator: [ok, 403], doctor: 403, nurse: 403, hospital: 403 });
// ACT_GROUP_WRITE: admin, the coordinator of the group's 拠点.
const groupWrite = (ok) => ({ public: 401, admin: ok, prefecture: 403, coordinator: [ok, 403], doctor: 403, nurse: 403, hospital: 403 });
// ACT_GROUP_READ: admin, prefecture and coordinator by district, doctors and nurses of a member institution.
const groupRead = (ok) => ({ public: 401, admin: ok, prefecture: [ok, 403], coordinator: [ok, 403], doctor: [ok, 403], nurse: [ok, 403], hospital: 403 });
// ACT_DESIGNATION_READ by prefecture: admin, prefecture staff of that prefecture (coordinators are
// scoped to districts, not whole prefectures).
const desigRead = (ok) => ({ public: 401, admin: ok, prefecture: [ok, 403], coordinator: 403, doctor: 403, nurse: 403, hospital: 403 });
// ACT_DESIGNATION_WRITE on a municipality: admin, prefecture staff of its prefecture.
const desigWrite = (ok) => ({ public: 401, admin: ok, prefecture: [ok, 403], coordinator: 403, doctor: 403, nurse: 403, hospital: 403 });
// ACT_CHECKLIST_WRITE on a municipality: admin, prefecture, coordinator of the district.
const checklistWrite = (ok) => ({ public: 401, admin: ok, prefecture: [ok, 403], coordinator: [ok, 403], doctor: 403, nurse: 403, hospital: 403 });
// ACT_PUBLISH (公表, issue 12 §8): admin, prefecture staff of the group's (or issuer's) prefecture.
const publish = (ok) => ({ public: 401, admin: ok, prefecture: [ok, 403], coordinator: 403, doctor: 403, nurse: 403, hospital: 403 });
// ACT_AUDIT_READ: admin, coordinators for their district.
// ACT_PROGRAMME_READ / ACT_PROGRAMME_WRITE (issue 18): admin, prefecture and coordinator by scope.
const progRead = (ok, outside) => ({ public: 401, admin: ok, prefecture: [ok, outside], coordinator: [ok, outside], doctor: 403, nurse: 403, hospital: 403 });
const auditRead = (ok) => ({ public: 401, admin: ok, prefecture: 403, coordinator: [ok, 403], doctor: 403, nurse: 403, hospital: 403 });

/** A one-clinic 施設基準 list of prefecture pref (a valid 医療機関番号 by the Luhn digit). */
function bureauCsv(pref) {
  const nine = `${pref}1991234`;
  let sum = 0;
  for (let i = 8, pos = 0; i >= 0; i--, pos++) {
    let d = Number(nine[i]);
    if (pos % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  const name = { '08': '茨城県', '12': '千葉県' }[pref];
  return `都道府県名,医療機関番号,医療機関名称,受理記号\r\n${name},"99,1234,${(10 - (sum % 10)) % 10}",行列テスト医院,支援診3\r\n`;
}

/** A one-clinic コード内容別医療機関一覧表 of prefecture pref (the 北海道 layout with its title). */
function codeListCsv(pref) {
  const name = { '08': '茨城県', '12': '千葉県' }[pref];
  const row = bureauCsv(pref).split('\r\n')[1].split(',"')[1].split('"')[0];
  return `[${name}]\r\n項番,医療機関番号,医療機関名称,医療機関所在地,種別\r\n1,"${row}",行列テスト医院,〒000-0000,診療所\r\n`;
}

let seq = 0;
const uniq = () => `${process.pid}-${++seq}`;

// Each row: expect (the statuses) and req(o, ctx) → {path, body?, headers?} for the object set o
// (o.scope is 'in' or 'out'). fresh: the request consumes its object, so each cell gets a new one.
const EXPECT = {
  'GET /api/v1/health': { expect: pub200, req: () => ({ path: '/api/v1/health' }) },
  'GET /api/v1/codes': { expect: pub200, req: () => ({ path: '/api/v1/codes' }) },
  'GET /api/v1/prefectures': { expect: pub200, req: () => ({ path: '/api/v1/prefectures' }) },
  'GET /api/v1/municipalities': { expect: pub200, req: () => ({ path: '/api/v1/municipalities?prefecture=08' }) },
  'GET /api/v1/medical-areas': { expect: pub200, req: () => ({ path: '/api/v1/medical-areas' }) },
  'GET /api/v1/areas': { expect: pub200, req: () => ({ path: '/api/v1/areas' }) },
  'GET /api/v1/medical-associations': { expect: pub200, req: () => ({ path: '/api/v1/medical-associations' }) },
  'GET /api/v1/adjacency': { expect: pub200, req: (o) => ({ path: `/api/v1/adjacency?prefecture=${o.pref}` }) },
  'GET /api/v1/boundaries': { expect: pub200, req: (o) => ({ path: `/api/v1/boundaries?prefecture=${o.pref}` }) },
  'GET /api/v1/public/designations': { expect: pub200, req: (o) => ({ path: `/api/v1/public/designations?prefecture=${o.pref}` }) },
  'GET /api/v1/public/groups': { expect: pub200, req: () => ({ path: '/api/v1/public/groups' }) },
  'GET /api/v1/certificates/{number}': { expect: { ...pub200 }, req: (o) => ({ path: `/api/v1/certificates/${o.certNumber}` }) },
  // The registry is public information: reads are public, writes follow the district.
  'GET /api/v1/facilities': { expect: pub200, req: (o) => ({ path: `/api/v1/facilities?municipality=${o.muni}` }) },
  'GET /api/v1/facilities/{id}': { expect: pub200, req: (o) => ({ path: `/api/v1/facilities/${o.fac}` }) },
  'POST /api/v1/facilities': {
    expect: registryWrite(201),
    req: (o) => ({ path: '/api/v1/facilities', body: { kind: 'clinic', name: `行列テスト診療所${uniq()}`, municipality: o.muni } }),
  },
  'PUT /api/v1/facilities/{id}': { expect: registryWrite(200), req: (o) => ({ path: `/api/v1/facilities/${o.fac}`, body: { note: `更新${uniq()}` } }) },
  'DELETE /api/v1/facilities/{id}': { expect: registryWrite(204), fresh: true, req: (o) => ({ path: `/api/v1/facilities/${o.fac}` }) },
  // The history of an institution (issue 12 §8): who may change it sees who changed it.
  'GET /api/v1/facilities/{id}/history': { expect: registryWrite(200), req: (o) => ({ path: `/api/v1/facilities/${o.fac}/history` }) },
  // Imports (issue 12 §4): a bureau list is prefecture-wide: admins, and prefecture staff for a list
  // of their own prefecture; coordinators (districts) are refused. The list here holds one clinic of
  // the object's prefecture (dry run: nothing stored).
  'POST /api/v1/imports/facility-standards': {
    expect: { public: 401, admin: 200, prefecture: [200, 403], coordinator: 403, doctor: 403, nurse: 403, hospital: 403 },
    req: (o) => ({ path: '/api/v1/imports/facility-standards?dry_run=1', body: bureauCsv(o.pref), headers: { 'Content-Type': 'text/csv' } }),
  },
  // Region set-up (issue 12 §1): reads public; writes by admin and the prefecture's own staff. An
  // empty population table changes nothing (populations are only ever set, never cleared).
  'GET /api/v1/region/{kind}': { expect: pub200, req: (o) => ({ path: `/api/v1/region/care-areas?prefecture=${o.pref}` }) },
  'GET /api/v1/region/{kind}/export': { expect: pub200, req: (o) => ({ path: `/api/v1/region/adjacency/export?prefecture=${o.pref}` }) },
  'PUT /api/v1/region/{kind}': { expect: desigWrite(200), req: (o) => ({ path: `/api/v1/region/population?prefecture=${o.pref}`, body: { rows: [] } }) },
  'POST /api/v1/region/{kind}/import': {
    expect: desigWrite(200),
    req: (o) => ({ path: `/api/v1/region/population/import?prefecture=${o.pref}`, body: '市町村コード,市町村名,人口,出典,年\r\n', headers: { 'Content-Type': 'text/csv' } }),
  },
  // Positions (issue 12 §2): the list is public like the registry; imports by registry writers, each
  // row then checked against the district (an empty file has no row); no geocoder configured: 409.
  'GET /api/v1/positions/unconfirmed': { expect: pub200, req: () => ({ path: '/api/v1/positions/unconfirmed' }) },
  'POST /api/v1/positions/import': {
    expect: { public: 401, admin: 200, prefecture: 200, coordinator: 200, doctor: 403, nurse: 403, hospital: 403 },
    req: () => ({ path: '/api/v1/positions/import', body: '医療機関コード,緯度,経度\r\n', headers: { 'Content-Type': 'text/csv' } }),
  },
  'POST /api/v1/positions/geocode': {
    expect: { public: 401, admin: 409, prefecture: 409, coordinator: 409, doctor: 403, nurse: 403, hospital: 403 },
    req: () => ({ path: '/api/v1/positions/geocode', body: {} }),
  },
  'POST /api/v1/imports/code-list': {
    expect: { public: 401, admin: 200, prefecture: [200, 403], coordinator: 403, doctor: 403, nurse: 403, hospital: 403 },
    req: (o) => ({ path: '/api/v1/imports/code-list?dry_run=1', body: codeListCsv(o.pref), headers: { 'Content-Type': 'text/csv' } }),
  },
  // Our own CSV/XLSX: each row is a registry write in the user's district; a row outside it is a
  // bad line (422 naming it), nothing stored.
  'POST /api/v1/imports/facilities': {
    expect: { public: 401, admin: 200, prefecture: [200, 422], coordinator: [200, 422], doctor: 403, nurse: 403, hospital: 403 },
    req: (o) => ({ path: '/api/v1/imports/facilities?dry_run=1', body: `種別,名称,市町村コード\r\n診療所,行列CSV診療所,${o.muni}\r\n`, headers: { 'Content-Type': 'text/csv' } }),
  },
  'GET /api/v1/imports': { expect: { public: 401, admin: 200, prefecture: 200, coordinator: 200, doctor: 403, nurse: 403, hospital: 403 }, req: () => ({ path: '/api/v1/imports' }) },
  'GET /api/v1/imports/latest': { expect: pub200, req: () => ({ path: '/api/v1/imports/latest' }) },
  // Exports of the registry (public information) as a spreadsheet: the roles that maintain it.
  'GET /api/v1/facilities.xlsx': { expect: { public: 401, admin: 200, prefecture: 200, coordinator: 200, doctor: 403, nurse: 403, hospital: 403 }, req: (o) => ({ path: `/api/v1/facilities.xlsx?municipality=${o.muni}` }) },
  'GET /api/v1/facilities.csv': { expect: { public: 401, admin: 200, prefecture: 200, coordinator: 200, doctor: 403, nurse: 403, hospital: 403 }, req: (o) => ({ path: `/api/v1/facilities.csv?municipality=${o.muni}&encoding=cp932` }) },
  // Sessions and accounts.
  'POST /api/v1/session': {
    expect: { public: 401, admin: 401, prefecture: 401, coordinator: 401, doctor: 401, nurse: 401, hospital: 401 },
    req: () => ({ path: '/api/v1/session', body: { username: 'no-such-user', password: 'not the password' } }),
  },
  'GET /api/v1/session': { expect: signedAll(200), req: () => ({ path: '/api/v1/session' }) },
  'DELETE /api/v1/session': { expect: signedAll(204), req: () => ({ path: '/api/v1/session' }) },
  'GET /api/v1/users': { expect: adminOnly(200), req: () => ({ path: '/api/v1/users' }) },
  'POST /api/v1/users': {
    expect: adminOnly(201),
    req: (o) => ({ path: '/api/v1/users', body: { username: `mx-${uniq()}`, role: 'doctor', institution_id: o.clinicA, password: 'matrix password 1' } }),
  },
  'PUT /api/v1/users/{id}': { expect: adminOnly(200), req: (o) => ({ path: `/api/v1/users/${o.user}`, body: { display_name: `変更${seq}` } }) },
  // API tokens (issue 11 §6): everyone lists their own; minting needs a session, never a token
  // (the matrix signs in with tokens: 403); someone else's or an unknown token is 404 (tokens.test.mjs
  // covers revocation by owner and admin).
  'GET /api/v1/tokens': { expect: signedAll(200), req: () => ({ path: '/api/v1/tokens' }) },
  'POST /api/v1/tokens': { expect: signedAll(403), req: () => ({ path: '/api/v1/tokens', body: { name: `行列${uniq()}` } }) },
  'DELETE /api/v1/tokens/{id}': { expect: signedAll(404), req: () => ({ path: '/api/v1/tokens/99999999' }) },
  // Audit trail.
  'GET /api/v1/audit': { expect: auditRead(200), req: (o) => ({ path: `/api/v1/audit?municipality=${o.muni}` }) },
  'GET /api/v1/audit.csv': { expect: auditRead(200), req: (o) => ({ path: `/api/v1/audit.csv?municipality=${o.muni}` }) },
  // Groups: located by their 拠点 (郡市医師会) and its municipality.
  'GET /api/v1/groups': { expect: signedAll(200), req: () => ({ path: '/api/v1/groups' }) },
  'POST /api/v1/groups': { expect: groupWrite(201), req: (o) => ({ path: '/api/v1/groups', body: { name: `行列グループ${uniq()}`, base_id: o.assoc } }) },
  'GET /api/v1/groups/{id}': { expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}` }) },
  'PUT /api/v1/groups/{id}': { expect: groupWrite(200), req: (o) => ({ path: `/api/v1/groups/${o.group}`, body: { note: `更新${uniq()}` } }) },
  'DELETE /api/v1/groups/{id}': { expect: groupWrite(204), fresh: true, req: (o) => ({ path: `/api/v1/groups/${o.group}` }) },
  'PUT /api/v1/groups/{id}/members': { expect: groupWrite(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/members`, body: { members: o.members } }) },
  'POST /api/v1/groups/{id}/members': {
    expect: groupWrite(201), fresh: true,
    req: (o) => ({ path: `/api/v1/groups/${o.group}/members`, body: { institution_id: o.pharmacy, role: 'partner_pharmacy' } }),
  },
  'DELETE /api/v1/groups/{id}/members/{institution_id}': {
    expect: groupWrite(200), fresh: true, req: (o) => ({ path: `/api/v1/groups/${o.group}/members/${o.hosp}` }),
  },
  'GET /api/v1/groups/{id}/validation': { expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/validation` }) },
  'PUT /api/v1/groups/{id}/agreement': { expect: groupWrite(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/agreement`, body: { ...AGREEMENT, party_ids: [o.clinicA, o.clinicB, o.ns] } }) },
  'PUT /api/v1/groups/{id}/agreement/document': {
    expect: groupWrite(200),
    req: (o) => ({ path: `/api/v1/groups/${o.group}/agreement/document`, body: PDF, headers: { 'Content-Type': 'application/pdf' } }),
  },
  'GET /api/v1/groups/{id}/agreement/document': { expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/agreement/document` }) },
  'POST /api/v1/groups/{id}/initiatives': {
    expect: groupWrite(201),
    req: (o) => ({ path: `/api/v1/groups/${o.group}/initiatives`, body: { kind: 'support', held_on: '2025-05-10', title: '相互支援の確認' } }),
  },
  'GET /api/v1/groups/{id}/initiatives': { expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/initiatives` }) },
  'GET /api/v1/groups/{id}/initiatives/summary': { expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/initiatives/summary?fiscal_year=2025` }) },
  'PUT /api/v1/groups/{id}/initiatives/{initiative_id}/attachment': {
    expect: groupWrite(200),
    req: (o) => ({ path: `/api/v1/groups/${o.group}/initiatives/${o.initiative}/attachment`, body: PDF, headers: { 'Content-Type': 'application/pdf' } }),
  },
  'GET /api/v1/groups/{id}/initiatives/{initiative_id}/attachment': {
    expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/initiatives/${o.initiative}/attachment` }),
  },
  'GET /api/v1/groups/{id}/certificates': { expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/certificates` }) },
  'GET /api/v1/groups/{id}/certificates/{institution_id}.pdf': {
    expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/certificates/${o.clinicA}.pdf` }),
  },
  // 公表 of a group: a fresh group does not meet the 要件, so a role that passes the gate gets 409.
  'POST /api/v1/groups/{id}/publish': { expect: publish(409), fresh: true, req: (o) => ({ path: `/api/v1/groups/${o.group}/publish`, body: {} }) },
  'DELETE /api/v1/groups/{id}/publish': { expect: publish(409), fresh: true, req: (o) => ({ path: `/api/v1/groups/${o.group}/publish` }) },
  // The issuer printed on the 機関証 (seed 000 §3(2)): read by whoever reads groups, set by the prefecture.
  'GET /api/v1/certificate-issuers/{prefecture}': {
    expect: { public: 401, admin: 200, prefecture: 200, coordinator: 200, doctor: 200, nurse: 200, hospital: 403 },
    req: (o) => ({ path: `/api/v1/certificate-issuers/${o.pref}` }),
  },
  'PUT /api/v1/certificate-issuers/{prefecture}': {
    expect: publish(200), req: (o) => ({ path: `/api/v1/certificate-issuers/${o.pref}`, body: { name: '行列テスト推進センター', representative_title: 'センター長', representative_name: `行列 ${seq}` } }),
  },
  // Designation (issue 4): by prefecture / municipality.
  'GET /api/v1/designations': { expect: desigRead(200), req: (o) => ({ path: `/api/v1/designations?prefecture=${o.pref}` }) },
  'POST /api/v1/designations': {
    expect: desigWrite(201), fresh: true,
    req: (o) => ({ path: '/api/v1/designations', body: { municipality: o.muni, institution_id: o.clinicB, role: 'active', basis: 'volunteer', reason: '行列テスト', plan_period: '2024-2029' } }),
  },
  'DELETE /api/v1/designations/{id}': { expect: desigWrite(200), fresh: true, req: (o) => ({ path: `/api/v1/designations/${o.desig}?reason=test` }) },
  // 公表 of a designation (issue 12 §8): a fresh designation is published (200); withdrawing one that
  // is not published is 409 once the role passes the gate.
  'GET /api/v1/designations/unpublished': { expect: publish(200), req: (o) => ({ path: `/api/v1/designations/unpublished?prefecture=${o.pref}` }) },
  'POST /api/v1/designations/{id}/publish': { expect: publish(200), fresh: true, req: (o) => ({ path: `/api/v1/designations/${o.desig}/publish`, body: {} }) },
  'DELETE /api/v1/designations/{id}/publish': { expect: publish(409), fresh: true, req: (o) => ({ path: `/api/v1/designations/${o.desig}/publish` }) },
  // A designation's checklist is located by its municipality: the district's coordinator reads it.
  'GET /api/v1/designations/{id}/checklist': { expect: checklistWrite(200), req: (o) => ({ path: `/api/v1/designations/${o.desig}/checklist` }) },
  'PUT /api/v1/designations/{id}/checklist': {
    expect: checklistWrite(200), req: (o) => ({ path: `/api/v1/designations/${o.desig}/checklist`, body: { items: [{ item: 'night_support', status: 'doing', evidence: '行列テスト', due_date: '2099-03-31' }] } }),
  },
  // 在宅医療サポートセンター: located by the 二次医療圏's prefecture. The demo has 二次医療圏 in 茨城県
  // only, so "outside" is the same centre asked by users scoped elsewhere (foreign: true).
  'POST /api/v1/support-centres': {
    expect: desigWrite(201), foreign: true,
    req: (o) => ({ path: '/api/v1/support-centres', body: { medical_area_id: base.medicalArea, institution_id: base.in.hosp, type: 'core', name: `行列センター${uniq()}`, items: ['emergency'] } }),
  },
  'PUT /api/v1/support-centres/{id}': {
    expect: desigWrite(200), foreign: true,
    req: (o) => ({ path: `/api/v1/support-centres/${o.centre}`, body: { items: ['emergency', 'admission_discharge'] } }),
  },
  'DELETE /api/v1/support-centres/{id}': { expect: desigWrite(200), foreign: true, fresh: true, req: (o) => ({ path: `/api/v1/support-centres/${o.centre}` }) },
  'PUT /api/v1/support-centre-quotas/{id}': {
    expect: desigWrite(200), foreign: true, req: () => ({ path: `/api/v1/support-centre-quotas/${base.medicalArea}`, body: { quota: 2 } }),
  },
  // The 相談窓口 of a municipality (拠点 ①) is located by the municipality, like a designation.
  'PUT /api/v1/consultation-desks': {
    expect: desigWrite(200), req: (o) => ({ path: '/api/v1/consultation-desks', body: { municipality: o.muni, institution_id: o.assoc } }),
  },
  'GET /api/v1/coverage': { expect: desigRead(200), req: (o) => ({ path: `/api/v1/coverage?prefecture=${o.pref}` }) },
  'GET /api/v1/coverage.csv': { expect: desigRead(200), req: (o) => ({ path: `/api/v1/coverage.csv?prefecture=${o.pref}` }) },
  'GET /api/v1/coverage.xlsx': { expect: desigRead(200), req: (o) => ({ path: `/api/v1/coverage.xlsx?prefecture=${o.pref}` }) },
};


// The 24-hour network (issue 14): patients are 要配慮個人情報 — never public, never prefecture staff;
// admin reads but never writes; coordinators by the patient's municipality; doctors, nurses and
// hospitals through the owner, the care team or (reads only) the team's group.
const patientRead = (ok) => ({ public: 401, admin: ok, prefecture: 403, coordinator: [ok, 403], doctor: [ok, 403], nurse: [ok, 403], hospital: [ok, 403] });
const patientWrite = (ok) => ({ public: 401, admin: 403, prefecture: 403, coordinator: [ok, 403], doctor: [ok, 403], nurse: [ok, 403], hospital: 403 });
const PATIENT = (o) => ({
  name: `行列 患者${uniq()}（架空）`, kana: 'ギョウレツ カンジャ', birth_date: '1945-01-01', sex: 'male', address: '行列テスト町1（架空）',
  municipality: o.muni, owner_institution_id: o.clinicA, fictional: true,
});
Object.assign(EXPECT, {
  'GET /api/v1/holidays': { expect: pub200, req: () => ({ path: '/api/v1/holidays?year=2027' }) },
  'GET /api/v1/patients': { expect: { public: 401, admin: 200, prefecture: 403, coordinator: 200, doctor: 200, nurse: 200, hospital: 200 }, req: () => ({ path: '/api/v1/patients' }) },
  'POST /api/v1/patients': {
    expect: { public: 401, admin: 403, prefecture: 403, coordinator: [201, 403], doctor: [201, 403], nurse: 403, hospital: 403 },
    req: (o) => ({ path: '/api/v1/patients', body: PATIENT(o) }),
  },
  'GET /api/v1/patients/{id}': { expect: patientRead(200), req: (o) => ({ path: `/api/v1/patients/${o.patient}` }) },
  'PUT /api/v1/patients/{id}': { expect: patientWrite(200), req: (o) => ({ path: `/api/v1/patients/${o.patient}`, body: { allergies: `行列${uniq()}` } }) },
  'PUT /api/v1/patients/{id}/team': { expect: patientWrite(200), req: (o) => ({ path: `/api/v1/patients/${o.patient}/team`, body: { care_manager_id: null } }) },
  'GET /api/v1/patients/{id}/backup-registrations': { expect: patientRead(200), req: (o) => ({ path: `/api/v1/patients/${o.patient}/backup-registrations` }) },
  // The world's hospital has 100 beds: refused by the 在後病 standard once access is granted.
  'POST /api/v1/patients/{id}/backup-registrations': {
    expect: patientWrite(400), req: (o) => ({ path: `/api/v1/patients/${o.patient}/backup-registrations`, body: { hospital_id: o.hosp, registered_on: '2025-04-01' } }),
  },
  'POST /api/v1/patients/{id}/backup-exchanges': {
    expect: patientWrite(409), req: (o) => ({ path: `/api/v1/patients/${o.patient}/backup-exchanges`, body: { exchanged_on: '2025-04-01' } }),
  },
  // 後方病床: located by the hospital — its own staff and the district's coordinators publish.
  'GET /api/v1/facilities/{id}/beds': {
    expect: { public: 401, admin: 200, prefecture: 403, coordinator: [200, 403], doctor: 403, nurse: 403, hospital: [200, 403] },
    req: (o) => ({ path: `/api/v1/facilities/${o.hosp}/beds` }),
  },
  'PUT /api/v1/facilities/{id}/beds': {
    expect: { public: 401, admin: 403, prefecture: 403, coordinator: [200, 403], doctor: 403, nurse: 403, hospital: [200, 403] },
    req: (o) => ({ path: `/api/v1/facilities/${o.hosp}/beds`, body: { wards: [{ ward: 'general', reserved: 2, free: 1 }] } }),
  },
  // 代診: located by the absent doctor's institution (a demo doctor inside; none outside: unknown ids).
  'POST /api/v1/absences': {
    expect: { public: 401, admin: 403, prefecture: 403, coordinator: [201, 400], doctor: [403, 400], nurse: [403, 400], hospital: [403, 400] },
    req: (o) => ({ path: '/api/v1/absences', body: { practitioner_id: o.demoDoc, starts_on: '2035-01-01', ends_on: '2035-01-02', reason: '行列テスト' } }),
  },
  'GET /api/v1/absences/{id}/substitutes': {
    expect: { public: 401, admin: [200, 404], prefecture: 403, coordinator: [200, 404], doctor: [403, 404], nurse: [403, 404], hospital: [403, 404] },
    req: (o) => ({ path: `/api/v1/absences/${o.absence}/substitutes` }),
  },
  'POST /api/v1/absences/{id}/substitutions': {
    expect: { public: 401, admin: 403, prefecture: 403, coordinator: [400, 404], doctor: [403, 404], nurse: [403, 404], hospital: [403, 404] },
    req: (o) => ({ path: `/api/v1/absences/${o.absence}/substitutions`, body: { patient_id: 99999999, practitioner_id: o.demoDoc } }),
  },
  'GET /api/v1/patients/{id}/call-chain': { expect: patientRead(200), req: (o) => ({ path: `/api/v1/patients/${o.patient}/call-chain?at=2025-05-01T02:00:00%2B09:00` }) },
  // Duties of a group follow the group's policy; an unknown doctor is 400 once access is granted.
  'GET /api/v1/groups/{id}/duties': { expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/duties?from=2025-05-01&to=2025-05-31` }) },
  'POST /api/v1/groups/{id}/duties': {
    expect: groupWrite(400), req: (o) => ({ path: `/api/v1/groups/${o.group}/duties`, body: { date: '2025-05-01', type: 'weekday_night', practitioner_id: 99999999 } }),
  },
  'DELETE /api/v1/groups/{id}/duties/{duty_id}': { expect: groupWrite(404), req: (o) => ({ path: `/api/v1/groups/${o.group}/duties/99999999` }) },
  'PUT /api/v1/groups/{id}/duty-settings': { expect: groupWrite(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/duty-settings`, body: { day_start: '09:00', day_end: '18:00' } }) },
  // The network's leftovers (issue 14 §2, §4, §5): 在後病 end (an unknown registration is 404 once
  // access is granted), absence edits (as substitutions), the group's seed 002 ③ rules and hospital
  // night duty (the group's policy), bed history (as the beds).
  'POST /api/v1/patients/{id}/backup-registrations/{registration_id}/end': {
    expect: patientWrite(404), req: (o) => ({ path: `/api/v1/patients/${o.patient}/backup-registrations/99999999/end`, body: { ended_on: '2025-04-01', reason: '行列テスト' } }),
  },
  'PUT /api/v1/absences/{id}': {
    expect: { public: 401, admin: 403, prefecture: 403, coordinator: [200, 404], doctor: [403, 404], nurse: [403, 404], hospital: [403, 404] },
    req: (o) => ({ path: `/api/v1/absences/${o.absence}`, body: { reason: '行列テスト' } }),
  },
  'GET /api/v1/groups/{id}/network-rules': { expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/network-rules` }) },
  'PUT /api/v1/groups/{id}/network-rules': { expect: groupWrite(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/network-rules`, body: { night_acute_first: false } }) },
  'GET /api/v1/groups/{id}/hospital-duties': { expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/hospital-duties?from=2025-05-01&to=2025-05-31` }) },
  'POST /api/v1/groups/{id}/hospital-duties': {
    expect: groupWrite(400), req: (o) => ({ path: `/api/v1/groups/${o.group}/hospital-duties`, body: { date: '2025-05-01', hospital_id: 99999999 } }),
  },
  'DELETE /api/v1/groups/{id}/hospital-duties/{duty_id}': { expect: groupWrite(404), req: (o) => ({ path: `/api/v1/groups/${o.group}/hospital-duties/99999999` }) },
  'GET /api/v1/facilities/{id}/beds/history': {
    expect: { public: 401, admin: 200, prefecture: 403, coordinator: [200, 403], doctor: 403, nurse: 403, hospital: [200, 403] },
    req: (o) => ({ path: `/api/v1/facilities/${o.hosp}/beds/history` }),
  },
  // Interop (issue 14 §7): the FHIR export is a patient read; duty feeds (feed_manage: admin, the
  // district's coordinator, doctors) — a group's feed needs the group's coordinator; a feed someone
  // else created is 404 to whoever may not manage its target; the feed URL itself is public.
  'GET /api/v1/patients/{id}/fhir': { expect: patientRead(200), req: (o) => ({ path: `/api/v1/patients/${o.patient}/fhir` }) },
  'GET /api/v1/feeds': { expect: { public: 401, admin: 200, prefecture: 403, coordinator: 200, doctor: 200, nurse: 403, hospital: 403 }, req: () => ({ path: '/api/v1/feeds' }) },
  'POST /api/v1/feeds': { expect: groupWrite(201), req: (o) => ({ path: '/api/v1/feeds', body: { kind: 'group', group_id: o.group } }) },
  'DELETE /api/v1/feeds/{id}': {
    expect: { public: 401, admin: 204, prefecture: 403, coordinator: [204, 404], doctor: 404, nurse: 403, hospital: 403 }, fresh: true,
    req: (o) => ({ path: `/api/v1/feeds/${o.feed}` }),
  },
  'GET /ical/{token}.ics': { expect: pub200, req: (o) => ({ path: o.feedPath }) },
  // Fair on-call rotas (issue 15): the matrix groups have no doctors, so settings and edits are 400 once past the policy.
  'GET /api/v1/groups/{id}/rota': { expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/rota?from=2025-05-01&to=2025-05-31` }) },
  'GET /api/v1/groups/{id}/rota.xlsx': { expect: groupRead(200), req: (o) => ({ path: `/api/v1/groups/${o.group}/rota.xlsx?from=2025-05-01&to=2025-05-31` }) },
  'PUT /api/v1/groups/{id}/rota/doctors/{pid}': { expect: groupWrite(400), req: (o) => ({ path: `/api/v1/groups/${o.group}/rota/doctors/99999999`, body: { share: 0.5 } }) },
  'POST /api/v1/groups/{id}/rota/unavailable': { expect: groupWrite(400), req: (o) => ({ path: `/api/v1/groups/${o.group}/rota/unavailable`, body: { practitioner_id: 99999999, date: '2025-05-01' } }) },
  'POST /api/v1/groups/{id}/rota/unavailable/import': {
    expect: groupWrite(400), req: (o) => ({ path: `/api/v1/groups/${o.group}/rota/unavailable/import`, body: '日付,医師\n2025-05-01,行列 存在しない医師\n', headers: { 'Content-Type': 'text/csv' } }),
  },
  'DELETE /api/v1/groups/{id}/rota/unavailable/{uid}': { expect: groupWrite(404), req: (o) => ({ path: `/api/v1/groups/${o.group}/rota/unavailable/99999999` }) },
  'POST /api/v1/groups/{id}/rota/wishes': { expect: groupWrite(400), req: (o) => ({ path: `/api/v1/groups/${o.group}/rota/wishes`, body: { practitioner_id: 99999999, date: '2025-05-01', kind: 'avoid' } }) },
  'POST /api/v1/groups/{id}/rota/solve': { expect: groupWrite(202), req: (o) => ({ path: `/api/v1/groups/${o.group}/rota/solve`, body: { from: '2025-05-01', to: '2025-05-31', time_limit: 0.1 } }) },
  'POST /api/v1/groups/{id}/rota/swap': { expect: groupWrite(400), req: (o) => ({ path: `/api/v1/groups/${o.group}/rota/swap`, body: { duty_a: 99999998, duty_b: 99999999, reason: '行列テスト' } }) },
  'POST /api/v1/groups/{id}/rota/give': { expect: groupWrite(400), req: (o) => ({ path: `/api/v1/groups/${o.group}/rota/give`, body: { duty_id: 99999999, practitioner_id: 99999999, reason: '行列テスト' } }) },
  'PUT /api/v1/groups/{id}/rota/slot': { expect: groupWrite(400), req: (o) => ({ path: `/api/v1/groups/${o.group}/rota/slot`, body: { date: '2025-05-01', duty_type: 'weekday_night', practitioner_id: 99999999, reason: '行列テスト' } }) },
  'GET /api/v1/jobs/{id}': { expect: groupRead(200), req: (o) => ({ path: `/api/v1/jobs/${o.job}` }) },
  'POST /api/v1/jobs/{id}/cancel': { expect: groupWrite(409), req: (o) => ({ path: `/api/v1/jobs/${o.job}/cancel` }) },
});

// Discharge referrals (issue 16): patient data located by the home's district; the parties are the
// referring hospital, the district's coordinators and the proposed clinic (a nurse station not named
// on it sees nothing); candidates and batches are the coordinators' work; admin reads only.
const REFERRAL = (o) => ({
  planned_discharge: '2026-12-31', municipality: o.muni, address: '行列テスト町2（架空）', ...o.home, coord_source: 'manual',
  hospital_id: o.hosp, patient: { name: `行列 紹介${uniq()}（架空）`, kana: 'ギョウレツ ショウカイ', birth_date: '1944-04-04', sex: 'female', fictional: true },
});
const refParty = (ok) => ({ public: 401, admin: ok, prefecture: 403, coordinator: [ok, 403], doctor: [ok, 403], nurse: 403, hospital: [ok, 403] });
const refDraft = (ok) => ({ public: 401, admin: 403, prefecture: 403, coordinator: [ok, 403], doctor: 403, nurse: 403, hospital: [ok, 403] });
const refCoord = (ok, admin = ok) => ({ public: 401, admin, prefecture: 403, coordinator: [ok, 403], doctor: 403, nurse: 403, hospital: 403 });
Object.assign(EXPECT, {
  'GET /api/v1/referrals': { expect: { public: 401, admin: 200, prefecture: 403, coordinator: 200, doctor: 200, nurse: 200, hospital: 200 }, req: () => ({ path: '/api/v1/referrals' }) },
  'POST /api/v1/referrals': { expect: refDraft(201), req: (o) => ({ path: '/api/v1/referrals', body: REFERRAL(o) }) },
  'GET /api/v1/referrals/{id}': { expect: refParty(200), req: (o) => ({ path: `/api/v1/referrals/${o.referral}` }) },
  'PUT /api/v1/referrals/{id}': { expect: refDraft(200), fresh: true, req: (o) => ({ path: `/api/v1/referrals/${o.referral}`, body: { visits_per_month: 3 } }) },
  'POST /api/v1/referrals/{id}/transitions': { expect: refDraft(200), fresh: true, req: (o) => ({ path: `/api/v1/referrals/${o.referral}/transitions`, body: { event: 'send' } }) },
  'GET /api/v1/referrals/{id}/candidates': { expect: refCoord(200), req: (o) => ({ path: `/api/v1/referrals/${o.referral}/candidates` }) },
  'GET /api/v1/referral-batches/proposal': { expect: refCoord(200), req: (o) => ({ path: `/api/v1/referral-batches/proposal?district_id=${o.assoc}` }) },
  // Confirming an unknown referral is 400 once the coordinator of the district passes.
  'POST /api/v1/referral-batches': { expect: refCoord(400, 403), req: (o) => ({ path: '/api/v1/referral-batches', body: { district_id: o.assoc, assignments: [{ referral_id: 99999999, clinic_id: o.clinicA }] } }) },
  'GET /api/v1/referral-reports': { expect: refCoord(200), req: (o) => ({ path: `/api/v1/referral-reports?district_id=${o.assoc}&month=2026-12` }) },
  'GET /api/v1/referral-reports.csv': { expect: refCoord(200), req: (o) => ({ path: `/api/v1/referral-reports.csv?district_id=${o.assoc}&month=2026-12&encoding=cp932` }) },
  'GET /api/v1/referral-reports.xlsx': { expect: refCoord(200), req: (o) => ({ path: `/api/v1/referral-reports.xlsx?district_id=${o.assoc}&month=2026-12` }) },
  // Capacity of an institution: its own staff and the district's coordinators (admin reads).
  'GET /api/v1/facilities/{id}/capacity': { expect: { public: 401, admin: 200, prefecture: 403, coordinator: [200, 403], doctor: [200, 403], nurse: 403, hospital: 403 }, req: (o) => ({ path: `/api/v1/facilities/${o.clinicA}/capacity` }) },
  'PUT /api/v1/facilities/{id}/capacity': { expect: { public: 401, admin: 403, prefecture: 403, coordinator: [200, 403], doctor: [200, 403], nurse: 403, hospital: 403 }, req: (o) => ({ path: `/api/v1/facilities/${o.clinicA}/capacity`, body: { accepts_more: 5 } }) },
  // The coordinator programme (issue 18): operator_manage (admin, prefecture of the operator's
  // prefecture); programme_read / programme_write (admin, prefecture, the coordinators of the operator's
  // 郡市医師会). Reads outside the scope answer 404 (ids of other districts are not revealed).
  'GET /api/v1/operators': { expect: progRead(200, 200), req: () => ({ path: '/api/v1/operators' }) },
  'POST /api/v1/operators': { expect: { public: 401, admin: 201, prefecture: [201, 403], coordinator: 403, doctor: 403, nurse: 403, hospital: 403 }, req: (o) => ({ path: '/api/v1/operators', body: { name: `行列事業者${uniq()}`, kind: 'coordinator', prefecture: o.pref, association_id: o.assoc, first_fiscal_year: 2025 } }) },
  'GET /api/v1/operators/{id}': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/operators/${o.operator}` }) },
  'PUT /api/v1/operators/{id}': { expect: { public: 401, admin: 200, prefecture: [200, 403], coordinator: 403, doctor: 403, nurse: 403, hospital: 403 }, req: (o) => ({ path: `/api/v1/operators/${o.operator}`, body: { name: `行列事業者（改）${uniq()}`, kind: 'coordinator', prefecture: o.pref, association_id: o.assoc, first_fiscal_year: 2025 } }) },
  // Subsidies (issue 19 §3): the ledger and claim of an operator follow programme_read / programme_write;
  // outside the operator's prefecture or district 403.
  'GET /api/v1/subsidies/programmes': { expect: progRead(200, 200), req: () => ({ path: '/api/v1/subsidies/programmes?fiscal_year=2026' }) },
  'GET /api/v1/operators/{id}/subsidies/{fiscal_year}/expenses': { expect: progRead(200, 403), req: (o) => ({ path: `/api/v1/operators/${o.operator}/subsidies/2026/expenses` }) },
  'POST /api/v1/operators/{id}/subsidies/{fiscal_year}/expenses': { expect: progRead(201, 403), req: (o) => ({ path: `/api/v1/operators/${o.operator}/subsidies/2026/expenses`, body: EXPENSE }) },
  'GET /api/v1/operators/{id}/subsidies/{fiscal_year}/claim': { expect: progRead(200, 403), req: (o) => ({ path: `/api/v1/operators/${o.operator}/subsidies/2026/claim` }) },
  'GET /api/v1/operators/{id}/subsidies/{fiscal_year}/claim.xlsx': { expect: progRead(200, 403), req: (o) => ({ path: `/api/v1/operators/${o.operator}/subsidies/2026/claim.xlsx` }) },
  'GET /api/v1/operators/{id}/subsidies/{fiscal_year}/claim.pdf': { expect: progRead(200, 403), req: (o) => ({ path: `/api/v1/operators/${o.operator}/subsidies/2026/claim.pdf` }) },
  'PUT /api/v1/subsidies/expenses/{id}': { expect: progRead(200, 403), req: (o) => ({ path: `/api/v1/subsidies/expenses/${o.expense}`, body: EXPENSE }) },
  'DELETE /api/v1/subsidies/expenses/{id}': { fresh: true, expect: progRead(200, 403), req: (o) => ({ path: `/api/v1/subsidies/expenses/${o.expense}` }) },
  'PUT /api/v1/subsidies/expenses/{id}/receipt': { expect: progRead(200, 403), req: (o) => ({ path: `/api/v1/subsidies/expenses/${o.expense}/receipt`, body: PDF, headers: { 'Content-Type': 'application/pdf' } }) },
  'GET /api/v1/subsidies/expenses/{id}/receipt': { expect: progRead(200, 403), req: (o) => ({ path: `/api/v1/subsidies/expenses/${o.expense}/receipt` }) },
  'GET /api/v1/meetings': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/meetings?operator_id=${o.operator}` }) },
  'POST /api/v1/meetings': { expect: progRead(201, 403), req: (o) => ({ path: '/api/v1/meetings', body: MEETING(o) }) },
  'GET /api/v1/meetings.ics': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/meetings.ics?operator_id=${o.operator}` }) },
  'GET /api/v1/meetings/{id}': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/meetings/${o.meeting}` }) },
  'PUT /api/v1/meetings/{id}': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/meetings/${o.meeting}`, body: MEETING(o) }) },
  'DELETE /api/v1/meetings/{id}': { fresh: true, expect: progRead(204, 404), req: (o) => ({ path: `/api/v1/meetings/${o.meeting}` }) },
  'PUT /api/v1/meetings/{id}/minutes.pdf': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/meetings/${o.meeting}/minutes.pdf`, body: PDF, headers: { 'Content-Type': 'application/pdf' } }) },
  'GET /api/v1/meetings/{id}/minutes.pdf': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/meetings/${o.meeting}/minutes.pdf` }) },
  // Clinic stages (issue 18 §3): the district (association) or the clinic's municipality.
  'GET /api/v1/stages': { expect: progRead(200, 403), req: (o) => ({ path: `/api/v1/stages?association_id=${o.assoc}` }) },
  'POST /api/v1/stages/snapshot': { expect: progRead(200, 403), req: (o) => ({ path: '/api/v1/stages/snapshot', body: { association_id: o.assoc } }) },
  'GET /api/v1/stages/{id}': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/stages/${o.fac}` }) },
  'PUT /api/v1/stages/{id}': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/stages/${o.fac}`, body: { stage: 'B', reason: '行列テスト' } }) },
  'PUT /api/v1/stages/{id}/plan': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/stages/${o.fac}/plan`, body: { next_step: 'B', action: '行列テスト' } }) },
  // Institution visits (issue 18 §5) on the institution's municipality; awards (§6): nominations by
  // programme_write, the decision by the prefecture (publish), the public list of awarded ones.
  'GET /api/v1/facilities/{id}/visits': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/facilities/${o.fac}/visits` }) },
  'POST /api/v1/facilities/{id}/visits': { expect: progRead(201, 404), req: (o) => ({ path: `/api/v1/facilities/${o.fac}/visits`, body: { visited_on: '2026-05-12', visitor: '行列 花子' } }) },
  'DELETE /api/v1/visits/{id}': { fresh: true, expect: progRead(204, 404), req: (o) => ({ path: `/api/v1/visits/${o.visit}` }) },
  'GET /api/v1/visits': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/visits?operator_id=${o.operator}` }) },
  'GET /api/v1/awards': { expect: progRead(200, 200), req: () => ({ path: '/api/v1/awards' }) },
  'POST /api/v1/awards': { fresh: true, expect: progRead(201, 403), req: (o) => ({ path: '/api/v1/awards', body: { institution_id: o.fac, fiscal_year: 2026, reason: '行列テスト' } }) },
  'PUT /api/v1/awards/{id}': { fresh: true, expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/awards/${o.award}`, body: { reason: '行列テスト（改）' } }) },
  'DELETE /api/v1/awards/{id}': { fresh: true, expect: progRead(204, 404), req: (o) => ({ path: `/api/v1/awards/${o.award}` }) },
  'PUT /api/v1/awards/{id}/decision': { fresh: true, expect: { public: 401, admin: 200, prefecture: [200, 404], coordinator: 403, doctor: 403, nurse: 403, hospital: 403 }, req: (o) => ({ path: `/api/v1/awards/${o.award}/decision`, body: { status: 'awarded', decided_on: '2027-02-01' } }) },
  'GET /api/v1/public/awards': { expect: pub200, req: () => ({ path: '/api/v1/public/awards' }) },
  // Activity plans (issue 19): the rule set is the prefecture's choice (operator_manage); plans, uploads,
  // reports are programme_read / programme_write on the operator. Reads outside answer 404, writes 403.
  'GET /api/v1/plan-rulesets': { expect: pub200, req: () => ({ path: '/api/v1/plan-rulesets' }) },
  'PUT /api/v1/operators/{id}/ruleset': { expect: { public: 401, admin: 200, prefecture: [200, 403], coordinator: 403, doctor: 403, nurse: 403, hospital: 403 }, req: (o) => ({ path: `/api/v1/operators/${o.operator}/ruleset`, body: { ruleset: 'osaka_coordinator' } }) },
  'GET /api/v1/operators/{id}/plans/{fy}': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/operators/${o.operator}/plans/${PLAN_FY}` }) },
  'PUT /api/v1/operators/{id}/plans/{fy}': { expect: progRead(200, 403), req: (o) => ({ path: `/api/v1/operators/${o.operator}/plans/${PLAN_FY}`, body: { actions: ['o1', 'o5'] } }) },
  'POST /api/v1/operators/{id}/plans/{fy}/uploads': { expect: progRead(201, 403), req: (o) => ({ path: `/api/v1/operators/${o.operator}/plans/${PLAN_FY}/uploads?action=o1&title=${encodeURIComponent('行列資料')}&held_on=${PLAN_FY}-04-02`, body: PDF, headers: { 'Content-Type': 'application/pdf' } }) },
  'GET /api/v1/operators/{id}/plans/{fy}/report.pdf': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/operators/${o.operator}/plans/${PLAN_FY}/report.pdf` }) },
  'GET /api/v1/operators/{id}/plans/{fy}/report.xlsx': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/operators/${o.operator}/plans/${PLAN_FY}/report.xlsx` }) },
  'GET /api/v1/plan-uploads/{id}': { expect: progRead(200, 404), req: (o) => ({ path: `/api/v1/plan-uploads/${o.planUpload}` }) },
  'GET /api/v1/plan-status': { expect: progRead(200, 200), req: () => ({ path: `/api/v1/plan-status?fiscal_year=${PLAN_FY}` }) },
});

// 訪問診療導入研修 (issue 18 §2): training_read for admin, prefecture staff and coordinators of the
// programme's district; training_write for admin and those coordinators. Rows on a trainee of the
// other world answer 404 to admin (that world has none); invitations and trainees outside the
// district are 400 for admin (the programme's district rule).
const trainRead = (ok, adminOut = ok) => ({ public: 401, admin: [ok, adminOut], prefecture: [ok, 403], coordinator: [ok, 403], doctor: 403, nurse: 403, hospital: 403 });
const trainWrite = (ok, adminOut = ok) => ({ public: 401, admin: [ok, adminOut], prefecture: 403, coordinator: [ok, 403], doctor: 403, nurse: 403, hospital: 403 });
const todayJst = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
Object.assign(EXPECT, {
  'GET /api/v1/trainings': { expect: { public: 401, admin: 200, prefecture: 200, coordinator: 200, doctor: 403, nurse: 403, hospital: 403 }, req: () => ({ path: '/api/v1/trainings' }) },
  'POST /api/v1/trainings': { expect: trainWrite(201), req: (o) => ({ path: '/api/v1/trainings', body: { title: `行列研修${uniq()}`, association_id: o.assoc } }) },
  'GET /api/v1/trainings/{id}': { expect: trainRead(200), req: (o) => ({ path: `/api/v1/trainings/${o.training}` }) },
  'PUT /api/v1/trainings/{id}': { expect: trainWrite(200), req: (o) => ({ path: `/api/v1/trainings/${o.training}`, body: { note: '行列テスト' } }) },
  'PUT /api/v1/trainings/{id}/sessions/{step}': { expect: trainWrite(200), req: (o) => ({ path: `/api/v1/trainings/${o.training}/sessions/lecture1`, body: { place: '行列会場' } }) },
  'POST /api/v1/trainings/{id}/invitations': { expect: trainWrite(200, 400), req: (o) => ({ path: `/api/v1/trainings/${o.training}/invitations`, body: { institution_ids: [o.clinicA] } }) },
  'POST /api/v1/trainings/{id}/advisors': { expect: trainWrite(201), req: (o) => ({ path: `/api/v1/trainings/${o.training}/advisors`, body: { institution_id: o.clinicB, name: '行列 指導医二', capacity: 1 } }) },
  'POST /api/v1/trainings/{id}/trainees': { expect: trainWrite(201, 400), req: (o) => ({ path: `/api/v1/trainings/${o.training}/trainees`, body: { institution_id: o.clinicA, name: `行列 受講医${uniq()}` } }) },
  'PUT /api/v1/trainings/{id}/trainees/{trainee_id}': { expect: trainWrite(200, 404), req: (o) => ({ path: `/api/v1/trainings/${o.training}/trainees/${o.trainee}`, body: { wishes: [] } }) },
  'GET /api/v1/trainings/{id}/matching': { expect: trainRead(200), req: (o) => ({ path: `/api/v1/trainings/${o.training}/matching` }) },
  'POST /api/v1/trainings/{id}/matching': { expect: trainWrite(200), req: (o) => ({ path: `/api/v1/trainings/${o.training}/matching` }) },
  'PUT /api/v1/trainings/{id}/trainees/{trainee_id}/attendance/{step}': { expect: trainWrite(200, 404), req: (o) => ({ path: `/api/v1/trainings/${o.training}/trainees/${o.trainee}/attendance/lecture1`, body: { attended: true } }) },
  'POST /api/v1/trainings/{id}/trainees/{trainee_id}/visits': { expect: trainWrite(201, 404), req: (o) => ({ path: `/api/v1/trainings/${o.training}/trainees/${o.trainee}/visits`, body: { visited_on: todayJst() } }) },
  'POST /api/v1/trainings/{id}/trainees/{trainee_id}/followups': { expect: trainWrite(201, 404), req: (o) => ({ path: `/api/v1/trainings/${o.training}/trainees/${o.trainee}/followups`, body: { noted_on: todayJst(), started_visits: true } }) },
  // already issued inside (409 once the policy passes); no trainee outside
  'POST /api/v1/trainings/{id}/trainees/{trainee_id}/certificate': { expect: trainWrite(409, 404), req: (o) => ({ path: `/api/v1/trainings/${o.training}/trainees/${o.trainee}/certificate` }) },
  'GET /api/v1/trainings/{id}/trainees/{trainee_id}/certificate.pdf': { expect: trainRead(200, 404), req: (o) => ({ path: `/api/v1/trainings/${o.training}/trainees/${o.trainee}/certificate.pdf` }) },
});

// Clinic surveys (issue 18 §1): survey_read (admin, prefecture and coordinator by district),
// survey_write (admin, the district's coordinator); a survey outside the user's district is 404.
// Only the demo district's clinics can be sent to (the matrix's outside 郡市医師会 covers no
// municipality), so the outside survey stays a draft: its send is 400, close, paper and import 409.
// The personal link's routes are public (the token is the credential).
const surveyRead = (ok, out = 404) => ({ public: 401, admin: [ok, out === 404 ? ok : out], prefecture: [ok, 404], coordinator: [ok, 404], doctor: 403, nurse: 403, hospital: 403 });
const surveyWrite = (ok, adminOut = ok) => ({ public: 401, admin: [ok, adminOut], prefecture: 403, coordinator: [ok, 404], doctor: 403, nurse: 403, hospital: 403 });
const SURVEY_ANSWER = { answers: { home_visit: 'no', oushin: 'no', zaishin: 'no', willingness: 'conditional', barriers: ['b2'] }, notes: { willingness: '行列テストの条件' } };
Object.assign(EXPECT, {
  'GET /api/v1/survey-templates': { expect: { public: 401, admin: 200, prefecture: 403, coordinator: 200, doctor: 403, nurse: 403, hospital: 403 }, req: () => ({ path: '/api/v1/survey-templates' }) },
  'GET /api/v1/surveys': { expect: { public: 401, admin: 200, prefecture: 200, coordinator: 200, doctor: 403, nurse: 403, hospital: 403 }, req: () => ({ path: '/api/v1/surveys' }) },
  'POST /api/v1/surveys': { expect: { public: 401, admin: 201, prefecture: 403, coordinator: [201, 403], doctor: 403, nurse: 403, hospital: 403 }, req: (o) => ({ path: '/api/v1/surveys', body: { template: 'clinic_status', association_id: o.assoc } }) },
  'GET /api/v1/surveys/{id}': { expect: surveyRead(200), req: (o) => ({ path: `/api/v1/surveys/${o.survey}` }) },
  'PUT /api/v1/surveys/{id}': { expect: surveyWrite(200), req: (o) => ({ path: `/api/v1/surveys/${o.survey}`, body: { title: '行列テストのアンケート' } }) },
  'POST /api/v1/surveys/{id}/send': { expect: surveyWrite(200, 400), fresh: true, req: (o) => ({ path: `/api/v1/surveys/${o.survey}/send`, body: { institutions: [o.clinicA] } }) },
  'POST /api/v1/surveys/{id}/close': { expect: surveyWrite(200, 409), fresh: true, req: (o) => ({ path: `/api/v1/surveys/${o.survey}/close` }) },
  'GET /api/v1/surveys/{id}/clinics': { expect: surveyRead(200), req: (o) => ({ path: `/api/v1/surveys/${o.openSurvey}/clinics` }) },
  'GET /api/v1/surveys/{id}/responses/{institution_id}': {
    expect: { public: 401, admin: [200, 404], prefecture: [200, 404], coordinator: [200, 404], doctor: 403, nurse: 403, hospital: 403 },
    req: (o) => ({ path: `/api/v1/surveys/${o.openSurvey}/responses/${o.clinicA}` }),
  },
  'PUT /api/v1/surveys/{id}/responses/{institution_id}': { expect: surveyWrite(200, 409), req: (o) => ({ path: `/api/v1/surveys/${o.openSurvey}/responses/${o.clinicA}`, body: SURVEY_ANSWER }) },
  'POST /api/v1/surveys/{id}/import': {
    expect: surveyWrite(200, 409),
    req: (o) => ({ path: `/api/v1/surveys/${o.openSurvey}/import`, body: `institution_id,home_visit,oushin,zaishin\n${o.clinicA},yes,yes,no\n`, headers: { 'Content-Type': 'text/csv' } }),
  },
  'GET /api/v1/surveys/{id}/results': { expect: surveyRead(200), req: (o) => ({ path: `/api/v1/surveys/${o.openSurvey}/results` }) },
  'GET /api/v1/surveys/{id}/barriers.svg': { expect: surveyRead(200), req: (o) => ({ path: `/api/v1/surveys/${o.openSurvey}/barriers.svg` }) },
  'GET /api/v1/surveys/{id}/results.xlsx': { expect: surveyRead(200), req: (o) => ({ path: `/api/v1/surveys/${o.openSurvey}/results.xlsx` }) },
  'GET /api/v1/survey-links/{token}': { expect: pub200, req: () => ({ path: `/api/v1/survey-links/${base.surveyToken}` }) },
  'PUT /api/v1/survey-links/{token}': { expect: pub200, req: () => ({ path: `/api/v1/survey-links/${base.surveyToken}`, body: SURVEY_ANSWER }) },
});

const AGREEMENT = { signed_on: '2025-04-01', valid_from: '2025-04-01', valid_to: '2099-03-31', parties: '行列テスト郡市医師会、各構成機関' };
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
const EXPENSE = { programme: 'group_practice', category: 'kenshu', kind: 'hoshohi', spent_on: '2026-06-01', amount_yen: 50000, payee: '行列講師' };
// The fiscal year (年度, April–March) of today in Japan: the plans of the matrix are written for it.
const PLAN_FY = (() => { const d = new Date(Date.now() + 9 * 3600e3); return d.getUTCMonth() < 3 ? d.getUTCFullYear() - 1 : d.getUTCFullYear(); })();
const MEETING = (o) => ({ operator_id: o.operator, kind: 'exchange', title: '行列テストの情報交換会', held_on: '2026-06-10', people: [{ institution_id: o.clinicA, attended: true }] });

let srv, admin, close;
let tokens = {};
let can = {}; // role → GET /api/v1/session `can` (the policy table's actions the role is not denied)
let foreign = {};
const base = {}; // shared objects per scope
const ROUTES = parseRoutes();

async function must(method, path, body, status = 201) {
  const r = await api(srv.base, method, path, body, admin);
  assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
  return r.json;
}

/** A district's world: institutions, a certified group, a designation. scope 'in' lies in the demo
 *  district (鹿嶋市, 茨城県 08); 'out' in another prefecture (千葉県 12). */
async function world(scope, assoc) {
  const muni = scope === 'in' ? '082228' : base.outMuni;
  const pref = muni.slice(0, 2);
  const fac = async (kind, name, extra = {}) =>
    (await must('POST', '/api/v1/facilities', { kind, name: `${name}${uniq()}`, municipality: muni, ...extra })).id;
  const o = { scope, muni, pref, assoc };
  // clinics designated as volunteers meet the definition of 積極的役割 (issue 13 item 7: 24h home care)
  o.clinicA = await fac('clinic', '行列A診療所', { legal_entity: `医療法人行列A${scope}`, h24: true, home_care: true });
  o.clinicB = await fac('clinic', '行列B診療所', { legal_entity: `医療法人行列B${scope}`, h24: true, home_care: true });
  o.ns = await fac('nurse_station', '行列訪問看護', { legal_entity: `株式会社行列${scope}` });
  // a 基幹型 support centre's hospital provides home care itself (seed 004)
  o.hosp = await fac('hospital', '行列病院', { legal_entity: `社会医療法人行列${scope}`, beds: 100, home_care: true });
  o.pharmacy = await fac('pharmacy', '行列薬局');
  o.fac = await fac('clinic', '行列対象診療所');
  o.muniDesk = await fac('municipality', '行列市 在宅医療・介護連携相談窓口');
  o.members = [
    { institution_id: o.clinicA, role: 'member_medical' },
    { institution_id: o.clinicB, role: 'member_medical' },
    { institution_id: o.ns, role: 'nurse_station' },
    { institution_id: o.hosp, role: 'backup_hospital' },
    { institution_id: o.muniDesk, role: 'partner_municipality' },
  ];
  const g = await must('POST', '/api/v1/groups', {
    name: `行列グループ${scope}${uniq()}`, base_id: assoc, active_role_ids: [o.clinicA], members: o.members,
    agreement: { ...AGREEMENT, party_ids: [o.clinicA, o.clinicB, o.ns] },
  });
  o.group = g.id;
  await api(srv.base, 'PUT', `/api/v1/groups/${o.group}/agreement/document`, PDF, { ...admin, 'Content-Type': 'application/pdf' });
  // the three 取組 recorded today (seed 000 5(2)イ), then 公表: the certificates are issued
  const today = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
  for (const kind of ['patient_centred', 'awareness_training'])
    await must('POST', `/api/v1/groups/${o.group}/initiatives`, { kind, held_on: today, title: '行列テストの取組' });
  o.initiative = (await must('POST', `/api/v1/groups/${o.group}/initiatives`, { kind: 'support', held_on: today, title: '行列テストの取組' })).id;
  await must('PUT', `/api/v1/certificate-issuers/${pref}`, { name: '行列テスト推進センター', representative_title: 'センター長', representative_name: '行列 太郎' }, 200);
  const published = await must('POST', `/api/v1/groups/${o.group}/publish`, {}, 200);
  const cert = (published.certificates || []).find((c) => c.institution_id === o.clinicA);
  o.certNumber = cert ? cert.number : 'KG-2025-999999';
  await api(srv.base, 'PUT', `/api/v1/groups/${o.group}/initiatives/${o.initiative}/attachment`, PDF, { ...admin, 'Content-Type': 'application/pdf' });
  const d = await api(srv.base, 'POST', '/api/v1/designations', {
    municipality: muni, institution_id: o.clinicA, role: 'active', basis: 'volunteer', reason: '行列テスト', plan_period: '2024-2029',
  }, admin);
  o.desig = d.status === 201 ? d.json.id : 0;
  o.desigStatus = d.status;
  o.user = base.user;
  // A programme operator of the district (issue 18), run by its 郡市医師会.
  o.operator = (await must('POST', '/api/v1/operators', { name: `行列事業者${scope}${uniq()}`, kind: 'coordinator', prefecture: pref, association_id: assoc, first_fiscal_year: 2025 })).id;
  // A ledger line of the operator with its receipt (issue 19 §3).
  o.expense = (await must('POST', `/api/v1/operators/${o.operator}/subsidies/2026/expenses`, EXPENSE)).id;
  await api(srv.base, 'PUT', `/api/v1/subsidies/expenses/${o.expense}/receipt`, PDF, { ...admin, 'Content-Type': 'application/pdf' });
  o.meeting = (await must('POST', '/api/v1/meetings', MEETING(o))).id;
  await api(srv.base, 'PUT', `/api/v1/meetings/${o.meeting}/minutes.pdf`, PDF, { ...admin, 'Content-Type': 'application/pdf' });
  // Its rule set, plan of this fiscal year and one uploaded document (issue 19).
  await must('PUT', `/api/v1/operators/${o.operator}/ruleset`, { ruleset: 'osaka_coordinator' }, 200);
  await must('PUT', `/api/v1/operators/${o.operator}/plans/${PLAN_FY}`, { actions: ['o1'] }, 200);
  const up = await api(srv.base, 'POST', `/api/v1/operators/${o.operator}/plans/${PLAN_FY}/uploads?action=o1&title=x&held_on=${PLAN_FY}-04-01`, PDF, { ...admin, 'Content-Type': 'application/pdf' });
  assert.equal(up.status, 201, up.text);
  o.planUpload = up.json.id;
  // A patient registered by the doctor of clinic A, with a team of the group (issue 14).
  const doc = await authHeaders(srv, 'doctor', { institution: o.clinicA });
  const p = await api(srv.base, 'POST', '/api/v1/patients', PATIENT(o), doc);
  assert.equal(p.status, 201, p.text);
  o.patient = p.json.id;
  const t = await api(srv.base, 'PUT', `/api/v1/patients/${o.patient}/team`, {
    group_id: o.group, primary_institution_id: o.clinicA, secondary_institution_id: o.clinicB, nurse_station_id: o.ns,
  }, doc);
  assert.equal(t.status, 200, t.text);
  // An iCalendar feed of the group (issue 14 §7): its URL is public.
  o.feedPath = (await must('POST', '/api/v1/feeds', { kind: 'group', group_id: o.group })).path;
  // A finished rota solve job of the group (issue 15): without doctors it fails at once.
  o.job = (await must('POST', `/api/v1/groups/${o.group}/rota/solve`, { from: '2025-05-01', to: '2025-05-31', time_limit: 0.1 }, 202)).id;
  for (let i = 0; i < 200; i++) {
    const j = await api(srv.base, 'GET', `/api/v1/jobs/${o.job}`, undefined, admin);
    if (!['queued', 'running'].includes(j.json.state)) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  // A discharge referral of the world's hospital (issue 16): sent, and inside the demo district
  // proposed to clinic A (placed near the home, with room) so that its doctor is a party.
  const hospTok = await authHeaders(srv, 'hospital', { institution: o.hosp });
  o.home = scope === 'in' ? { lat: 35.962, lon: 140.641 } : { lat: 35.605, lon: 140.123 };
  o.hospTok = hospTok;
  const ref = await api(srv.base, 'POST', '/api/v1/referrals', REFERRAL(o), hospTok);
  assert.equal(ref.status, 201, ref.text);
  o.referral = ref.json.id;
  assert.equal((await api(srv.base, 'POST', `/api/v1/referrals/${o.referral}/transitions`, { event: 'send' }, hospTok)).status, 200);
  if (scope === 'in') {
    await must('PUT', `/api/v1/facilities/${o.clinicA}`, { lat: 35.965, lon: 140.645, coord_source: 'manual' }, 200);
    assert.equal((await api(srv.base, 'PUT', `/api/v1/facilities/${o.clinicA}/capacity`, { accepts_more: 5 }, doc)).status, 200);
    const coord = await authHeaders(srv, 'coordinator', { associations: [assoc] });
    const pr = await api(srv.base, 'POST', `/api/v1/referrals/${o.referral}/transitions`, { event: 'propose', clinic_id: o.clinicA }, coord);
    assert.equal(pr.status, 200, pr.text);
  }
  // 訪問診療導入研修 (issue 18 §2): a programme of the world's 郡市医師会; inside the demo district an
  // advisor, a trainee (a clinic of the district) paired, complete and certified. The other world's
  // 郡市医師会 covers no municipality, so it has no trainee (its id is unknown: 404 for admin).
  o.training = (await must('POST', '/api/v1/trainings', { title: `行列研修${scope}${uniq()}`, association_id: assoc })).id;
  const advisor = (await must('POST', `/api/v1/trainings/${o.training}/advisors`, { institution_id: o.clinicB, name: '行列 指導医', capacity: 3 })).advisor_list[0].id;
  o.trainee = 99999999;
  if (scope === 'in') {
    const tv = await must('POST', `/api/v1/trainings/${o.training}/trainees`, { institution_id: o.clinicA, name: '行列 受講医' });
    o.trainee = tv.trainee_list[0].id;
    await must('PUT', `/api/v1/trainings/${o.training}/trainees/${o.trainee}`, { advisor_id: advisor }, 200); // no coordinates here: by hand
    for (const step of ['lecture1', 'lecture2', 'survey'])
      await must('PUT', `/api/v1/trainings/${o.training}/trainees/${o.trainee}/attendance/${step}`, { attended: true }, 200);
    for (let k = 0; k < 2; k++) await must('POST', `/api/v1/trainings/${o.training}/trainees/${o.trainee}/visits`, { visited_on: today });
    await must('POST', `/api/v1/trainings/${o.training}/trainees/${o.trainee}/certificate`, {});
  }
  // Clinic surveys (issue 18 §1): a draft, and one sent to clinic A (inside the demo district only).
  o.survey = (await must('POST', '/api/v1/surveys', { template: 'clinic_status', association_id: assoc })).id;
  o.openSurvey = (await must('POST', '/api/v1/surveys', { template: 'clinic_status', association_id: assoc })).id;
  if (scope === 'in') {
    const sent = await must('POST', `/api/v1/surveys/${o.openSurvey}/send`, { institutions: [o.clinicA] }, 200);
    base.surveyToken = sent.links[0].token;
    await must('PUT', `/api/v1/surveys/${o.openSurvey}/responses/${o.clinicA}`, SURVEY_ANSWER, 200);
  }
  return o;
}

/** A fresh object set for rows that consume their object. */
async function fresh(key, o) {
  const n = { ...o };
  if (key === 'POST /api/v1/surveys/{id}/send' || key === 'POST /api/v1/surveys/{id}/close') {
    n.survey = (await must('POST', '/api/v1/surveys', { template: 'clinic_status', association_id: o.assoc })).id;
    if (key.endsWith('/close') && o.scope === 'in') await must('POST', `/api/v1/surveys/${n.survey}/send`, { institutions: [o.clinicA] }, 200);
  }
  if (key === 'PUT /api/v1/referrals/{id}' || key === 'POST /api/v1/referrals/{id}/transitions') {
    const r = await api(srv.base, 'POST', '/api/v1/referrals', REFERRAL(o), o.hospTok);
    n.referral = r.json.id;
  } else if (key === 'DELETE /api/v1/subsidies/expenses/{id}') {
    n.expense = (await must('POST', `/api/v1/operators/${o.operator}/subsidies/2026/expenses`, EXPENSE)).id;
  } else if (key === 'DELETE /api/v1/visits/{id}') {
    n.visit = (await must('POST', `/api/v1/facilities/${o.fac}/visits`, { visited_on: '2026-05-12', visitor: '行列 花子' })).id;
  } else if (key === 'POST /api/v1/awards') {
    n.fac = (await must('POST', '/api/v1/facilities', { kind: 'clinic', name: `顕彰診療所${uniq()}`, municipality: o.muni })).id;
  } else if (key === 'PUT /api/v1/awards/{id}/decision' || key === 'PUT /api/v1/awards/{id}' || key === 'DELETE /api/v1/awards/{id}') {
    const f = (await must('POST', '/api/v1/facilities', { kind: 'clinic', name: `顕彰診療所${uniq()}`, municipality: o.muni })).id;
    n.award = (await must('POST', '/api/v1/awards', { institution_id: f, fiscal_year: 2026, reason: '行列テスト' })).id;
  } else if (key === 'DELETE /api/v1/meetings/{id}') {
    n.meeting = (await must('POST', '/api/v1/meetings', MEETING(o))).id;
  } else if (key === 'DELETE /api/v1/feeds/{id}') {
    n.feed = (await must('POST', '/api/v1/feeds', { kind: 'group', group_id: o.group })).id;
  } else if (key.startsWith('DELETE /api/v1/facilities')) {
    n.fac = (await must('POST', '/api/v1/facilities', { kind: 'clinic', name: `消す診療所${uniq()}`, municipality: o.muni })).id;
  } else if (key.includes('/support-centres/')) {
    n.centre = (await must('POST', '/api/v1/support-centres', { medical_area_id: base.medicalArea, institution_id: base.in.hosp, type: 'core', name: `消すセンター${uniq()}`, items: ['emergency'] })).id;
  } else if (key.includes('/groups/')) {
    n.group = (await must('POST', '/api/v1/groups', { name: `消すグループ${uniq()}`, base_id: o.assoc, members: o.members })).id;
  } else if (key === 'POST /api/v1/designations/{id}/publish') {
    n.clinicB = (await must('POST', '/api/v1/facilities', { kind: 'clinic', name: `公表診療所${uniq()}`, municipality: o.muni, legal_entity: `医療法人公表${uniq()}`, h24: true, home_care: true })).id;
    const d = await api(srv.base, 'POST', '/api/v1/designations', {
      municipality: o.muni, institution_id: n.clinicB, role: 'active', basis: 'volunteer', reason: '行列テスト', plan_period: '2024-2029',
    }, admin);
    n.desig = d.json && d.json.id;
  } else if (key === 'POST /api/v1/designations' || key.startsWith('DELETE /api/v1/designations')) {
    n.clinicB = (await must('POST', '/api/v1/facilities', { kind: 'clinic', name: `指定診療所${uniq()}`, municipality: o.muni, legal_entity: `医療法人指定${uniq()}`, h24: true, home_care: true })).id;
    if (key.startsWith('DELETE')) {
      const d = await api(srv.base, 'POST', '/api/v1/designations', {
        municipality: o.muni, institution_id: n.clinicB, role: 'active', basis: 'volunteer', reason: '行列テスト', plan_period: '2024-2029',
      }, admin);
      n.desig = d.json && d.json.id;
    }
  }
  return n;
}

/** A token per role (public: none), scoped to prefecture pref, 郡市医師会 assoc and the
 *  institutions of the object set o; admin is the same everywhere. */
async function roleTokens(pref, assoc, o) {
  return {
    public: {},
    admin,
    prefecture: await authHeaders(srv, 'prefecture', { prefecture: pref }),
    coordinator: await authHeaders(srv, 'coordinator', { associations: [assoc] }),
    doctor: await authHeaders(srv, 'doctor', { institution: o.clinicA }),
    nurse: await authHeaders(srv, 'nurse', { institution: o.ns }),
    hospital: await authHeaders(srv, 'hospital', { institution: o.hosp }),
  };
}

before(async () => {
  ({ srv, auth: admin, close } = await serverFixture({ demo: true, args: ['--public-url', 'https://zaitaku.example.jp'] }));
  const munis = await api(srv.base, 'GET', '/api/v1/municipalities?prefecture=12');
  base.outMuni = munis.json.items ? munis.json.items[0].code : munis.json[0].code;
  const assocs = await api(srv.base, 'GET', '/api/v1/facilities?kind=medical_association&municipality=082228');
  const demoAssoc = assocs.json.items[0].id;
  const outAssoc = (await must('POST', '/api/v1/facilities', { kind: 'medical_association', name: '行列外の郡市医師会', municipality: base.outMuni })).id;
  base.user = (await must('POST', '/api/v1/users', { username: `target-${process.pid}`, role: 'nurse', institution_id: demoAssoc, password: 'target password 1' })).id;
  const areas = await api(srv.base, 'GET', '/api/v1/medical-areas?prefecture=08');
  base.medicalArea = (areas.json.items || areas.json)[0].id;
  base.in = await world('in', demoAssoc);
  base.out = await world('out', outAssoc);
  // 代診: a demo doctor of 鹿嶋市 with an absence inside the district; unknown ids outside.
  const clinics = (await api(srv.base, 'GET', '/api/v1/facilities?kind=clinic&municipality=082228', undefined, admin)).json.items;
  for (const c of clinics) {
    const people = (await api(srv.base, 'GET', `/api/v1/facilities/${c.id}`, undefined, admin)).json.practitioners || [];
    const doc = people.find((x) => x.role === 'doctor');
    if (doc) { base.in.demoDoc = doc.id; break; }
  }
  const coord = await authHeaders(srv, 'coordinator', { associations: [demoAssoc] });
  const ab = await api(srv.base, 'POST', '/api/v1/absences', { practitioner_id: base.in.demoDoc, starts_on: '2034-01-01', ends_on: '2034-01-02', reason: '行列テスト' }, coord);
  assert.equal(ab.status, 201, ab.text);
  base.in.absence = ab.json.id;
  base.out.demoDoc = 99999999;
  base.out.absence = 99999999;
  base.centre = (await must('POST', '/api/v1/support-centres', { medical_area_id: base.medicalArea, institution_id: base.in.hosp, type: 'core', name: '行列センター', items: ['emergency'] })).id;
  base.in.centre = base.out.centre = base.centre;
  tokens = await roleTokens('08', demoAssoc, base.in);
  // The same roles scoped outside 茨城県 / the demo district, for rows marked foreign.
  foreign = await roleTokens('12', outAssoc, base.out);
  for (const role of ROLES.filter((x) => x !== 'public')) can[role] = (await api(srv.base, 'GET', '/api/v1/session', undefined, tokens[role])).json.can;
});
after(() => close?.());

test('every route of routes.c has a row in the expectations table (and no row is stale)', () => {
  const keys = ROUTES.map((r) => `${r.method} ${r.pattern}`);
  assert.ok(keys.length >= 10, 'routes.c parsed');
  const missing = keys.filter((k) => !EXPECT[k]);
  assert.deepEqual(missing, [], 'routes without an access expectation: add them to EXPECT');
  const stale = Object.keys(EXPECT).filter((k) => !keys.includes(k));
  assert.deepEqual(stale, [], 'expectations for routes that no longer exist');
  for (const r of ROUTES) {
    const e = EXPECT[`${r.method} ${r.pattern}`].expect;
    assert.deepEqual(ROLES.filter((x) => e[x] === undefined), [], `${r.method} ${r.pattern}: every role`);
    if (r.access === 'ROUTE_SIGNED') assert.equal(e.public, 401, `${r.method} ${r.pattern} is ROUTE_SIGNED`);
  }
});

test('the expectations agree with the route table: a role whose session lacks the route action (act) is 403 everywhere', () => {
  const acts = new Set();
  for (const r of ROUTES) {
    const e = EXPECT[`${r.method} ${r.pattern}`].expect;
    if (r.act === 'ACT_NONE' || r.act === 'ACT_PUBLIC_READ') {
      if (r.act === 'ACT_PUBLIC_READ') assert.equal(r.access, 'ROUTE_PUBLIC', `${r.method} ${r.pattern}: public reads are public`);
      continue;
    }
    const act = r.act.slice(4).toLowerCase();
    acts.add(act);
    for (const role of ROLES.filter((x) => x !== 'public' && !can[x].includes(act))) {
      assert.deepEqual([e[role]].flat(), [e[role]].flat().map(() => 403), `${r.method} ${r.pattern}: ${role} lacks ${act}`);
    }
  }
  assert.ok(acts.size >= 8, `route actions parsed (${[...acts].join(', ')})`);
});

test('the matrix: route × role × inside/outside the district', async () => {
  const wrong = [];
  let cells = 0, unexpected2xx = 0;
  for (const r of ROUTES) {
    const key = `${r.method} ${r.pattern}`;
    const row = EXPECT[key];
    if (!row) continue;
    for (const role of ROLES) {
      for (const scope of ['in', 'out']) {
        const want = Array.isArray(row.expect[role]) ? row.expect[role][scope === 'in' ? 0 : 1] : row.expect[role];
        // foreign rows: the inside object, asked from outside by users scoped elsewhere.
        let o = row.foreign ? base.in : base[scope];
        if (row.fresh) o = await fresh(key, o);
        const q = row.req(o);
        const who = row.foreign && scope === 'out' ? foreign[role] : tokens[role];
        const res = await api(srv.base, r.method, q.path, q.body, { ...who, ...(q.headers || {}) });
        cells++;
        if (res.status !== want) {
          if (res.status >= 200 && res.status < 300) unexpected2xx++;
          wrong.push(`${key} ${role}/${scope}: want ${want}, got ${res.status} ${res.text.slice(0, 160)}`);
        }
      }
    }
  }
  console.log(`# access matrix: ${ROUTES.length} routes, ${cells} cells, ${wrong.length} mismatches, ${unexpected2xx} unexpected 2xx`);
  assert.deepEqual(wrong, []);
});

test('相互補完 (issue 16 §4, seed 002 ⑦): a referral offered to a neighbouring district is visible to its coordinator and to no other', async () => {
  // A neighbouring 郡市医師会 (茨城町 borders 鉾田市 of the demo district) and a distant one (日立市).
  const view = (await api(srv.base, 'GET', '/api/v1/region/associations?prefecture=08')).json;
  const rows = (Array.isArray(view) ? view : view.rows || view.items).map((x) => ({ name: x.name, municipality: x.municipality }));
  rows.push({ name: '行列隣接医師会', municipality: '083020' }, { name: '行列遠方医師会', municipality: '082023' });
  assert.equal((await api(srv.base, 'PUT', '/api/v1/region/associations?prefecture=08', { rows }, admin)).status, 200);
  const adj = (await api(srv.base, 'GET', '/api/v1/region/adjacency?prefecture=08')).json;
  const pairs = (Array.isArray(adj) ? adj : adj.rows || adj.items).map((x) => ({ municipality: x.municipality, neighbour: x.neighbour }));
  pairs.push({ municipality: '082341', neighbour: '083020' });
  assert.equal((await api(srv.base, 'PUT', '/api/v1/region/adjacency?prefecture=08', { rows: pairs }, admin)).status, 200);
  const assocs = (await api(srv.base, 'GET', '/api/v1/medical-associations')).json.items;
  const near = assocs.find((a) => a.name === '行列隣接医師会').id;
  const far = assocs.find((a) => a.name === '行列遠方医師会').id;
  const r = await api(srv.base, 'POST', '/api/v1/referrals', REFERRAL(base.in), base.in.hospTok);
  const id = r.json.id;
  await api(srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'send' }, base.in.hospTok);
  const esc = await api(srv.base, 'POST', `/api/v1/referrals/${id}/transitions`, { event: 'escalate', district_id: near }, tokens.coordinator);
  assert.equal(esc.status, 200, esc.text);
  const readers = {
    ...tokens, foreignCoordinator: foreign.coordinator,
    neighbour: await authHeaders(srv, 'coordinator', { associations: [near] }),
    distant: await authHeaders(srv, 'coordinator', { associations: [far] }),
  };
  const want = { public: 401, admin: 200, prefecture: 403, coordinator: 200, doctor: 403, nurse: 403, hospital: 200, foreignCoordinator: 403, neighbour: 200, distant: 403 };
  const got = {};
  for (const [k, h] of Object.entries(readers)) got[k] = (await api(srv.base, 'GET', `/api/v1/referrals/${id}`, undefined, h)).status;
  assert.deepEqual(got, want);
  // The neighbour's listing holds exactly this referral; the distant coordinator's none of it.
  assert.deepEqual((await api(srv.base, 'GET', '/api/v1/referrals', undefined, readers.neighbour)).json.items.map((x) => x.id), [id]);
  assert.ok(!(await api(srv.base, 'GET', '/api/v1/referrals', undefined, readers.distant)).json.items.some((x) => x.id === id));
});

test('moving an institution across a district boundary needs write access on both sides', async () => {
  const move = (who, id, muni) => api(srv.base, 'PUT', `/api/v1/facilities/${id}`, { municipality: muni }, who);
  // Out of the district: refused, and the institution stays where it was.
  let r = await move(tokens.coordinator, base.in.fac, base.outMuni);
  assert.equal(r.status, 403);
  r = await api(srv.base, 'GET', `/api/v1/facilities/${base.in.fac}`);
  assert.equal(r.json.municipality, '082228');
  // Into the district from outside: refused too (the object's current location decides first).
  r = await move(tokens.coordinator, base.out.fac, '082228');
  assert.equal(r.status, 403);
  r = await move(tokens.prefecture, base.in.fac, base.outMuni);
  assert.equal(r.status, 403);
  // Guessing ids: a nonexistent id is 404 for everyone allowed to write somewhere, 401 signed out.
  assert.equal((await move(tokens.coordinator, 99999999, '082228')).status, 404);
  assert.equal((await move({}, base.in.fac, '082228')).status, 401);
});
