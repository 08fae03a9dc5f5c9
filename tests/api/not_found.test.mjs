// A path that is no page (issue 12 §9, no JSON on screen): a browser (Accept: text/html) gets a
// Japanese HTML 404 page with the site header and the ways on; other clients and every /api/ path
// keep the JSON error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from './lib.mjs';

let srv, close;
before(async () => { ({ srv, close } = await serverFixture({ role: null })); });
after(() => close?.());

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const get = (path, accept) => fetch(srv.base + path, { headers: accept ? { Accept: accept } : {} });

test('a browser asking for a missing page gets a Japanese HTML 404', async () => {
  for (const path of ['/no-such-page', '/groups/extra', '/missing.html', '/bad%00name']) {
    const r = await get(path, BROWSER);
    assert.equal(r.status, 404, path);
    assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8/, path);
    const body = await r.text();
    assert.match(body, /<html lang="ja">/, path);
    assert.match(body, /<title>ページが見つかりません — 在宅医療・介護 地域資源<\/title>/, path);
    assert.match(body, /<h1>ページが見つかりません<\/h1>/, path);
    assert.match(body, /href="\/"/, path);
    assert.match(body, /<script type="module" src="\/js\/page.js"><\/script>/, path);
    assert.doesNotMatch(body, /"error"|not_found/, path);
  }
  // HEAD answers the same status without a body.
  const h = await fetch(srv.base + '/no-such-page', { method: 'HEAD', headers: { Accept: BROWSER } });
  assert.equal(h.status, 404);
});

test('the page a 404 needs is served', async () => {
  for (const path of ['/js/page.js', '/app.css']) assert.equal((await get(path)).status, 200, path);
});

test('non-browser clients and API paths keep JSON errors', async () => {
  for (const [path, accept] of [['/no-such-page', 'application/json'], ['/no-such-page', null], ['/js/missing.js', '*/*'],
    ['/api/v1/no-such-api', BROWSER], ['/api/v1/no-such-api', 'application/json']]) {
    const r = await get(path, accept);
    assert.equal(r.status, 404, `${path} ${accept}`);
    assert.match(r.headers.get('content-type'), /^application\/json/, `${path} ${accept}`);
    const j = await r.json();
    assert.equal(j.error.code, 'not_found', `${path} ${accept}`);
    assert.match(j.error.message, /見つかりません/, `${path} ${accept}`);
  }
});
