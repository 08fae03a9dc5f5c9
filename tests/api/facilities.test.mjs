// Facilities API through the real binary and HTTP: CRUD, validation errors naming the field, filters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, api as rawApi } from './lib.mjs';

let srv, auth, close;
// Every request of this file is made as an admin; access by role is tested in the access matrix.
const api = (base, method, path, body, headers = {}) => rawApi(base, method, path, body, { ...auth, ...headers });
before(async () => { ({ srv, auth, close } = await serverFixture()); });
after(() => close?.());

const clinic = {
  kind: 'clinic', name: 'テスト在宅クリニック', medical_code: '0811234566', municipality: '082228',
  lat: 35.96, lon: 140.62, capabilities: ['ventilator', 'oxygen'], standards: ['zaishin_conventional'],
  legal_entity: '医療法人テスト会', h24: true,
};

test('health answers', async () => {
  const r = await api(srv.base, 'GET', '/api/v1/health');
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'ok');
  assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
});

test('create, read, update, delete', async () => {
  let r = await api(srv.base, 'POST', '/api/v1/facilities', clinic);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.deepEqual(r.json.capabilities, ['ventilator', 'oxygen']);
  r = await api(srv.base, 'GET', `/api/v1/facilities/${id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.legal_entity, '医療法人テスト会');
  r = await api(srv.base, 'PUT', `/api/v1/facilities/${id}`, { beds: 19, h24: false });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.beds, 19);
  assert.equal(r.json.name, clinic.name); // absent fields keep their value
  r = await api(srv.base, 'DELETE', `/api/v1/facilities/${id}`);
  assert.equal(r.status, 204);
  r = await api(srv.base, 'GET', `/api/v1/facilities/${id}`);
  assert.equal(r.status, 404);
});

test('validation errors name the field', async () => {
  const cases = [
    [{ ...clinic, medical_code: '0811234567' }, 'medical_code'],
    [{ ...clinic, lat: 51.5, lon: -0.1 }, 'lat'],
    [{ ...clinic, capabilities: ['teleportation'] }, 'capabilities'],
    [{ ...clinic, standards: ['nope'] }, 'standards'],
    [{ ...clinic, name: 'あ'.repeat(101) }, 'name'],
    [{ ...clinic, municipality: '999999' }, 'municipality'],
    [{ ...clinic, kind: 'spaceport' }, 'kind'],
    [{ ...clinic, beds: -1 }, 'beds'],
    [{ ...clinic, surprise: 1 }, 'surprise'],
  ];
  for (const [body, field] of cases) {
    const r = await api(srv.base, 'POST', '/api/v1/facilities', body);
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.json.error.field, field, r.text);
    assert.equal(r.json.error.code, 'invalid');
  }
  const count = await api(srv.base, 'GET', '/api/v1/facilities');
  assert.equal(count.json.total, 0, 'nothing stored by rejected requests');
});

test('bad bodies: content type, JSON, duplicates, depth, size', async () => {
  let r = await api(srv.base, 'POST', '/api/v1/facilities', JSON.stringify(clinic), { 'Content-Type': 'text/plain' });
  assert.equal(r.status, 415);
  r = await api(srv.base, 'POST', '/api/v1/facilities', '{"name":');
  assert.equal(r.status, 400);
  r = await api(srv.base, 'POST', '/api/v1/facilities', '{"name":"a","name":"b","kind":"clinic"}');
  assert.equal(r.status, 400);
  r = await api(srv.base, 'POST', '/api/v1/facilities', '['.repeat(1001) + ']'.repeat(1001));
  assert.equal(r.status, 400);
  r = await api(srv.base, 'POST', '/api/v1/facilities', JSON.stringify({ ...clinic, note: 'x'.repeat(2 * 1024 * 1024) }));
  assert.equal(r.status, 413);
});

test('duplicate 医療機関コード is a conflict', async () => {
  let r = await api(srv.base, 'POST', '/api/v1/facilities', { ...clinic, medical_code: '0811111111' });
  assert.equal(r.status, 201, r.text);
  r = await api(srv.base, 'POST', '/api/v1/facilities', { ...clinic, name: '別', medical_code: '0811111111' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.field, 'medical_code');
  await api(srv.base, 'DELETE', `/api/v1/facilities/${(await api(srv.base, 'GET', '/api/v1/facilities')).json.items[0].id}`);
});

test('filters return exactly the matching institutions', async () => {
  const mk = (o) => api(srv.base, 'POST', '/api/v1/facilities', { kind: 'clinic', municipality: '082228', lat: 35.96, lon: 140.64, ...o });
  const a = (await mk({ name: 'A', capabilities: ['ventilator', 'tpn'], h24: true, standards: ['zaishin_enhanced_solo'] })).json;
  const b = (await mk({ name: 'B', capabilities: ['ventilator'], h24: false })).json;
  const c = (await mk({ name: 'C', municipality: '082236', lat: 35.947, lon: 140.555, capabilities: ['tpn'], h24: true })).json;
  const d = (await mk({ name: 'D', kind: 'nurse_station', h24: true, lat: 36.3, lon: 140.6 })).json; // ~38 km north
  const ids = async (q) => (await api(srv.base, 'GET', '/api/v1/facilities?' + q)).json.items.map((x) => x.id).sort((x, y) => x - y);
  assert.deepEqual(await ids('capability=ventilator'), [a.id, b.id]);
  assert.deepEqual(await ids('capability=ventilator&capability=tpn'), [a.id]);
  assert.deepEqual(await ids('h24=true'), [a.id, c.id, d.id]);
  assert.deepEqual(await ids('h24=false'), [b.id]);
  assert.deepEqual(await ids('municipality=082236'), [c.id]);
  assert.deepEqual(await ids('kind=nurse_station'), [d.id]);
  assert.deepEqual(await ids('standard=zaishin_enhanced_solo'), [a.id]);
  assert.deepEqual(await ids('near=35.96,140.64&within_km=16'), [a.id, b.id, c.id]);
  assert.deepEqual(await ids('near=35.96,140.64&within_km=1'), [a.id, b.id]);
  const near = (await api(srv.base, 'GET', '/api/v1/facilities?near=35.96,140.64&within_km=16')).json.items;
  assert.equal(near[0].distance_km, 0);
  assert.ok(near[2].distance_km > 7 && near[2].distance_km < 9, 'C is about 8 km away');
  const page = (await api(srv.base, 'GET', '/api/v1/facilities?limit=2&offset=1')).json;
  assert.equal(page.total, 4);
  assert.deepEqual(page.items.map((x) => x.id), [b.id, c.id]);
});

test('bad query parameters name the parameter', async () => {
  for (const [q, field] of [['capability=zzz', 'capability'], ['h24=maybe', 'h24'], ['near=1,2', 'near'],
    ['near=35,140&within_km=-1', 'within_km'], ['limit=0', 'limit'], ['kind=x', 'kind'], ['municipality=12', 'municipality'],
    ['standard=x', 'standard'], ['area=abc', 'area'], ['offset=-3', 'offset']]) {
    const r = await api(srv.base, 'GET', '/api/v1/facilities?' + q);
    assert.equal(r.status, 400, q);
    assert.equal(r.json.error.field, field, q);
  }
});

test('unknown paths and methods', async () => {
  assert.equal((await api(srv.base, 'GET', '/api/v1/nothing')).status, 404);
  assert.equal((await api(srv.base, 'PATCH', '/api/v1/facilities')).status, 405);
  assert.equal((await api(srv.base, 'GET', '/api/v1/facilities/abc')).status, 404);
});

test('practitioner names are for signed-in users only; the public sees the institution', async () => {
  const created = await api(srv.base, 'POST', '/api/v1/facilities', { ...clinic, medical_code: '0811111111', name: '公開確認クリニック' });
  assert.equal(created.status, 201, created.text);
  const pub = await rawApi(srv.base, 'GET', `/api/v1/facilities/${created.json.id}`);
  assert.equal(pub.status, 200);
  assert.equal(pub.json.name, '公開確認クリニック');
  assert.equal('practitioners' in pub.json, false, 'no practitioners key for the public');
  const signed = await api(srv.base, 'GET', `/api/v1/facilities/${created.json.id}`);
  assert.ok(Array.isArray(signed.json.practitioners));
  await api(srv.base, 'DELETE', `/api/v1/facilities/${created.json.id}`);
});
