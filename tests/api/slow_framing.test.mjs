// Slow clients and request framing (issue 11 §7, §8; SECURITY.md "slow clients", "input"):
//   - a request whose headers (or body) trickle in a byte at a time is dropped when it has been
//     arriving longer than the whole-request limit (serve --request-timeout), although it is never
//     idle long enough for the idle timeout; other clients are served meanwhile;
//   - a request framed two ways — Content-Length and Transfer-Encoding, two Content-Lengths, two
//     Transfer-Encodings — is refused with 400 before its body is read, and the connection closes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { serverFixture, withServer, api } from './lib.mjs';

const LIMIT = 2; // seconds: serve --request-timeout
let fx;

before(async () => {
  fx = await serverFixture({ role: 'admin', args: ['--request-timeout', String(LIMIT)] });
});
after(async () => { await fx.close(); });

/** Opens a socket, writes head at once, then one byte of trickle every `every` ms; resolves with
 *  {closedAfter (s, from the first byte), bytesSent, reply} when the server closes it or after maxMs. */
function trickle(port, head, rest, every = 500, maxMs = 15000) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let sent = 0, reply = '', timer = null, done = false;
    const t0 = Date.now();
    const finish = () => {
      if (done) return;
      done = true;
      clearInterval(timer);
      s.destroy();
      resolve({ closedAfter: (Date.now() - t0) / 1000, bytesSent: sent, reply });
    };
    s.on('connect', () => {
      s.write(head);
      timer = setInterval(() => {
        if (sent >= rest.length || Date.now() - t0 > maxMs) return finish();
        s.write(rest.slice(sent, sent + 1));
        sent++;
      }, every);
    });
    s.on('data', (d) => { reply += d; });
    s.on('close', finish);
    s.on('error', finish);
  });
}

/** Sends raw bytes and resolves with everything the server answered before closing (or 5 s). */
function rawExchange(port, bytes) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let reply = '', closed = false;
    const timer = setTimeout(() => { s.destroy(); resolve({ reply, closed }); }, 5000);
    s.on('connect', () => s.write(bytes));
    s.on('data', (d) => { reply += d; });
    s.on('close', () => { closed = true; clearTimeout(timer); resolve({ reply, closed }); });
    s.on('error', () => {});
  });
}

test('headers trickling one byte every 0.5 s are dropped at the whole-request limit; others are served', async () => {
  const rest = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200) + '\r\n\r\n';
  const slow = trickle(fx.srv.port, '', rest);
  // While it trickles, a normal client is served at once.
  await new Promise((r) => setTimeout(r, 700));
  const t0 = Date.now();
  const h = await api(fx.srv.base, 'GET', '/api/v1/health');
  assert.equal(h.status, 200);
  assert.ok(Date.now() - t0 < 1000, 'a parallel request is not held up');
  const r = await slow;
  assert.ok(r.bytesSent < rest.length, 'the server closed before the request was complete');
  assert.equal(r.reply, '', 'no answer: the request never arrived');
  assert.ok(r.closedAfter >= LIMIT - 0.2, `not before the limit (${r.closedAfter} s)`);
  assert.ok(r.closedAfter <= LIMIT + 1.5, `dropped within the limit (${r.closedAfter} s)`);
});

test('a body trickling one byte every 0.5 s is dropped at the limit too', async () => {
  const body = JSON.stringify({ kind: 'clinic', name: 'x'.repeat(200), municipality: '082228' });
  const head = `POST /api/v1/facilities HTTP/1.1\r\nHost: x\r\nAuthorization: ${fx.auth.Authorization}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const r = await trickle(fx.srv.port, head, body);
  assert.ok(r.bytesSent < body.length);
  assert.ok(!/HTTP\/1.1 201/.test(r.reply), 'nothing created');
  assert.ok(r.closedAfter <= LIMIT + 1.5, `dropped within the limit (${r.closedAfter} s)`);
});

test('a request that arrives in time is unaffected, and a keep-alive connection serves its next request', async () => {
  for (let i = 0; i < 3; i++) {
    const r = await api(fx.srv.base, 'GET', '/api/v1/health');
    assert.equal(r.status, 200);
  }
  // Written in pieces well within the limit (three pieces 0.5 s apart): answered.
  const s = net.connect(fx.srv.port, '127.0.0.1');
  let reply = '';
  s.on('data', (d) => { reply += d; });
  await new Promise((r) => s.on('connect', r));
  for (const part of ['GET /api/v1/hea', 'lth HTTP/1.1\r\nHo', 'st: x\r\n\r\n']) {
    s.write(part);
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.match(reply, /^HTTP\/1.1 200/);
  s.destroy();
});

// On a server of its own with the default request limit: this test's fetches may reuse keep-alive
// connections that the 2 s limit above would close under them (a keep-alive pause counts towards
// the next request; see src/http/server.c).
test('Content-Length with Transfer-Encoding, two Content-Lengths, two Transfer-Encodings → 400, connection closed', async () => {
  await withServer({ role: 'admin' }, async (fx) => {
    const auth = `Authorization: ${fx.auth.Authorization}\r\nContent-Type: application/json\r\n`;
    const body = JSON.stringify({ kind: 'clinic', name: '密輸', municipality: '082228' });
    const n = Buffer.byteLength(body);
    const cases = {
      'CL + TE': `Content-Length: ${n}\r\nTransfer-Encoding: chunked\r\n\r\n${n.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
      'TE + CL': `Transfer-Encoding: chunked\r\nContent-Length: ${n}\r\n\r\n${n.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
      'CL + CL (same)': `Content-Length: ${n}\r\nContent-Length: ${n}\r\n\r\n${body}`,
      'CL + CL (different)': `Content-Length: ${n}\r\ncontent-length: 2\r\n\r\n${body}`,
      'TE + TE': `Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n${n.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    };
    for (const [name, rest] of Object.entries(cases)) {
      const r = await rawExchange(fx.srv.port, `POST /api/v1/facilities HTTP/1.1\r\nHost: x\r\n${auth}${rest}`);
      assert.match(r.reply, /^HTTP\/1.1 400 /, `${name}: ${r.reply.slice(0, 80)}`);
      assert.match(r.reply, /"field":"Content-Length"/, `${name}: our JSON error`);
      assert.match(r.reply, /Content-Security-Policy:/i, `${name}: with the security headers`);
      assert.ok(r.closed, `${name}: connection closed`);
      assert.equal((r.reply.match(/HTTP\/1.1 /g) || []).length, 1, `${name}: exactly one response`);
    }
    const list = await fx.api('GET', '/api/v1/facilities?q=密輸');
    assert.equal(list.json.total, 0, 'nothing was created');
    // A request framed one way still works.
    const ok = await rawExchange(fx.srv.port, `POST /api/v1/facilities HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${auth}Content-Length: ${n}\r\n\r\n${body}`);
    assert.match(ok.reply, /^HTTP\/1.1 201 /, ok.reply.slice(0, 200));
  });
});
