// Limits and headers (issue 3 §4; SECURITY.md "input", "headers", "slow clients"): hostile or
// malformed requests get the documented status and change nothing, slow clients are dropped
// while others are served, errors never leak SQL, and every response carries the security headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { serverFixture, api as rawApi } from './lib.mjs';

let srv, auth, close;
const seen = []; // every response body, checked for SQL text at the end
const api = async (method, path, body, headers = {}) => {
  const r = await rawApi(srv.base, method, path, body, { ...auth, ...headers });
  seen.push(`${method} ${path.slice(0, 60)} → ${r.status}: ${r.text}`);
  return r;
};

before(async () => { ({ srv, auth, close } = await serverFixture({ args: ['--timeout', '2'] })); });
after(() => close?.());

/** Sends raw bytes on a fresh connection; resolves with everything the server sent (headers and body). */
function rawText(bytes) {
  return new Promise((resolve) => {
    const s = net.connect(srv.port, '127.0.0.1');
    let got = '';
    s.on('data', (d) => { got += d; });
    s.on('error', () => {});
    s.on('close', () => { seen.push(got); resolve(got); });
    s.end(bytes);
  });
}

/** Like rawText(), resolving with the status line's code (0 on reset). */
async function raw(bytes) {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(await rawText(bytes));
  return m ? Number(m[1]) : 0;
}

async function count() {
  return (await api('GET', '/api/v1/facilities?limit=1')).json.total;
}

const clinic = { kind: 'clinic', name: '制限テスト', municipality: '082228' };

test('more than 100 headers → 431', async () => {
  const h = {};
  for (let i = 0; i < 101; i++) h[`X-Extra-${i}`] = 'v';
  const r = await api('GET', '/api/v1/health', undefined, h);
  assert.equal(r.status, 431);
  const ok = {};
  for (let i = 0; i < 90; i++) ok[`X-Extra-${i}`] = 'v';
  assert.equal((await api('GET', '/api/v1/health', undefined, ok)).status, 200);
});

test('URI over 8 KiB → 414, path or query alike', async () => {
  assert.equal((await api('GET', '/api/v1/facilities?q=' + 'a'.repeat(8300))).status, 414);
  assert.equal((await api('GET', '/api/v1/' + 'a'.repeat(8300))).status, 414);
  assert.equal((await api('GET', '/' + 'a'.repeat(9000))).status, 414);
  assert.equal(await raw(`GET /api/v1/facilities?q=${'a'.repeat(70000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), 414);
  assert.equal((await api('GET', '/api/v1/facilities?q=' + 'a'.repeat(50))).status, 200);
});

test('a 28 KiB request line still gets our 414 with the security headers, not a bare one from libmicrohttpd', async () => {
  // The connection memory (server.c CONN_MEMORY, 32 KiB) holds the line, so our URL_MAX check answers.
  for (const path of [`/api/v1/facilities?q=${'a'.repeat(28 * 1024)}`, `/${'b'.repeat(28 * 1024)}`]) {
    const got = await rawText(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    const [head, body] = got.split('\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 414 /, head);
    assert.match(head, /^Content-Security-Policy: .*frame-ancestors 'none'/mi, head);
    assert.match(head, /^X-Content-Type-Options: nosniff/mi, head);
    assert.match(head, /^Referrer-Policy: /mi, head);
    assert.equal(JSON.parse(body).error.field, 'url');
  }
  // Beyond the connection memory libmicrohttpd answers by itself: still 414, and the server goes on.
  assert.equal(await raw(`GET /api/v1/facilities?q=${'a'.repeat(100 * 1024)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), 414);
  assert.equal((await api('GET', '/api/v1/health')).status, 200);
});

test('hostile JSON bodies → 400 naming the body, nothing stored', async () => {
  const n0 = await count();
  const deep = '['.repeat(1001) + ']'.repeat(1001);
  let r = await api('POST', '/api/v1/facilities', `{"name":${deep}}`);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'body');
  r = await api('POST', '/api/v1/facilities', Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
  assert.equal(r.status, 400);
  r = await api('POST', '/api/v1/facilities', '{"kind":"clinic","name":"a","name":"b","municipality":"082228"}');
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /duplicate|重複/);
  r = await api('POST', '/api/v1/facilities', '{"kind":"clinic",');
  assert.equal(r.status, 400);
  r = await api('POST', '/api/v1/facilities', '[1,2,3]');
  assert.equal(r.status, 400);
  assert.equal(await count(), n0);
});

test('wrong content type → 415; body over the limit → 413; nothing stored', async () => {
  const n0 = await count();
  let r = await api('POST', '/api/v1/facilities', JSON.stringify(clinic), { 'Content-Type': 'text/plain' });
  assert.equal(r.status, 415);
  r = await api('POST', '/api/v1/facilities', JSON.stringify(clinic), { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 415);
  r = await api('POST', '/api/v1/facilities', JSON.stringify({ ...clinic, note: 'あ'.repeat(400000) }));
  assert.equal(r.status, 413);
  // A body just under the limit arrives whole through the 32 KiB connection memory (server.c
  // CONN_MEMORY): parsed and answered by the handler (the note is over its own length), not 413.
  r = await api('POST', '/api/v1/facilities', JSON.stringify({ ...clinic, note: 'い'.repeat(340000) }));
  assert.equal(r.status, 400, r.text.slice(0, 200));
  assert.equal(r.json.error.field, 'note');
  // A huge declared length is answered at once.
  assert.equal(await raw(`POST /api/v1/facilities HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n{`), 413);
  assert.equal(await count(), n0);
});

test('SQL-looking input is data, and no response ever contains SQL text', async () => {
  let r = await api('GET', "/api/v1/facilities?q=%27%20OR%201%3D1--");
  assert.equal(r.status, 200);
  assert.equal(r.json.total, 0);
  r = await api('POST', '/api/v1/facilities', { ...clinic, name: "x'); DROP TABLE institution;--" });
  assert.equal(r.status, 201, r.text);
  r = await api('GET', `/api/v1/facilities/${r.json.id}`);
  assert.equal(r.json.name, "x'); DROP TABLE institution;--");
  await api('GET', '/api/v1/facilities?municipality=1%27%3B');
  await api('GET', '/api/v1/facilities?limit=1e9');
  await api('GET', '/api/v1/audit?object_type=x%27');
  await api('PUT', '/api/v1/facilities/1%27', { beds: 1 });
  await api('DELETE', '/api/v1/facilities/99999999999999999999');
  for (const body of seen) {
    assert.doesNotMatch(body, /sqlite|SQLITE|SELECT |INSERT |UPDATE |DELETE FROM|syntax error|constraint failed/, body);
  }
});

test('security headers on every kind of response', async () => {
  const paths = [
    ['GET', '/', 200], ['GET', '/js/common.js', 200], ['GET', '/app.css', 200], ['GET', '/api/v1/health', 200],
    ['GET', '/api/v1/nope', 404], ['GET', '/nope', 404], ['GET', '/api/v1/facilities?limit=0', 400],
    ['PATCH', '/api/v1/facilities', 405], ['GET', '/api/v1/facilities?q=' + 'a'.repeat(8300), 414],
  ];
  for (const [method, path, status] of paths) {
    const r = await fetch(srv.base + path, { method, headers: auth });
    await r.arrayBuffer();
    assert.equal(r.status, status, `${method} ${path.slice(0, 40)}`);
    const csp = r.headers.get('content-security-policy') || '';
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.doesNotMatch(csp, /unsafe-inline/, path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.ok(r.headers.get('referrer-policy'), path);
  }
});

test('a slow client is dropped after the timeout while a parallel probe is served', { timeout: 30000 }, async () => {
  const started = Date.now();
  const slow = [];
  for (let i = 0; i < 40; i++) {
    slow.push(new Promise((resolve) => {
      const s = net.connect(srv.port, '127.0.0.1', () => {
        s.write('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n'); // headers never finished
      });
      s.on('error', () => {});
      s.on('close', () => resolve(Date.now() - started));
    }));
  }
  // The probe: sequential requests while the slow connections hang on.
  const lat = [];
  while (Date.now() - started < 1500) {
    const t0 = performance.now();
    const r = await fetch(srv.base + '/api/v1/health');
    await r.text();
    assert.equal(r.status, 200);
    lat.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
  lat.sort((a, b) => a - b);
  const p99 = lat[Math.floor(lat.length * 0.99)];
  assert.ok(p99 < 1000, `probe p99 ${p99} ms`);
  const closed = await Promise.all(slow);
  // --timeout 2: every slow connection is closed by the server within a few seconds.
  assert.ok(Math.max(...closed) < 8000, `slow clients closed after ${Math.max(...closed)} ms`);
  console.log(`slow clients: 40 dropped after ${Math.min(...closed)}–${Math.max(...closed)} ms; probe ${lat.length} requests, p99 ${p99.toFixed(1)} ms`);
});
