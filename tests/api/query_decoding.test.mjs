// Query strings through the real binary (issue 11 item 8): a query parameter that is not UTF-8 is
// the client's error — 400 naming the parameter on every route, never a 500 — and a `near` search
// that finds nothing is an empty page (it used to call qsort(NULL, 0, …), undefined behaviour that
// the sanitizer build of `make check` stops on).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture, api } from './lib.mjs';

let srv, admin, close;

before(async () => {
  ({ srv, auth: admin, close } = await serverFixture({ demo: true }));
});
after(() => close?.());

test('invalid UTF-8 in a query value is a 400 naming the parameter, on public and signed routes', async () => {
  const cases = [
    ['/api/v1/facilities?capability=%FF', 'capability'], // quoted back in the message: was a 500
    ['/api/v1/facilities?kind=clinic&capability=ventilator&capability=%C3%28', 'capability'],
    ['/api/v1/facilities?q=%E3%81', 'q'], // a cut 3-byte character
    ['/api/v1/facilities?kind=%C0%AF', 'kind'], // an overlong form
    ['/api/v1/facilities?q=%ED%A0%80', 'q'], // a surrogate
    ['/api/v1/municipalities?prefecture=%FF', 'prefecture'],
    ['/api/v1/public/groups?municipality=%F8%88%80%80%80', 'municipality'],
    ['/api/v1/facilities?%FF=1', 'query'], // the name itself
  ];
  for (const [path, field] of cases) {
    for (const headers of [{}, admin]) {
      const r = await api(srv.base, 'GET', path, undefined, headers);
      assert.equal(r.status, 400, `${path}: ${r.text}`);
      assert.equal(r.json.error.code, 'invalid', path);
      assert.equal(r.json.error.field, field, path);
      assert.match(r.headers.get('content-security-policy') || '', /default-src 'self'/, path);
    }
  }
  for (const path of ['/api/v1/audit?action=%FF', '/api/v1/groups?q=%FF']) {
    const r = await api(srv.base, 'GET', path, undefined, admin);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
  }
  // Valid UTF-8 still passes: the search answers, Japanese and all.
  const ok = await api(srv.base, 'GET', '/api/v1/facilities?q=' + encodeURIComponent('クリニック'));
  assert.equal(ok.status, 200, ok.text);
});

test('a near search with no institution in range is an empty page, not a crash', async () => {
  for (const path of [
    '/api/v1/facilities?near=45.5,141.9&within_km=1', // 稚内: nothing of the demo region within 1 km
    '/api/v1/facilities?near=45.5,141.9&within_km=1&offset=10',
    '/api/v1/facilities?kind=clinic&near=24.3,123.8&within_km=0.5',
  ]) {
    const r = await api(srv.base, 'GET', path);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    assert.deepEqual(r.json.items, []);
    assert.equal(r.json.total, 0);
  }
  // The server is still up and answering after them.
  assert.equal((await api(srv.base, 'GET', '/api/v1/health')).status, 200);
});
