// A second slow-headers attacker for bench/slowclients.sh (mode H2): keeps N connections open to
// 127.0.0.1:PORT from the source address ADDR for SECONDS; each sends a request line and then one
// more header byte every second (never idle, never finished). With RECONNECT=1 a connection the
// server closes is opened again at once, as a persistent attacker would. Prints how many
// connections were established and how many the server closed, and their ages when closed.
// Usage: node bench/slow_second.mjs PORT ADDR N SECONDS [RECONNECT]   (e.g. 8080 127.0.0.3 400 60 1)
import net from 'node:net';

const [port, addr, n, secs, reconnect] = process.argv.slice(2);
let opened = 0, closed = 0, stopping = false;
const ages = [];
const socks = new Set();

function open() {
  const s = net.connect({ host: '127.0.0.1', port: Number(port), localAddress: addr });
  let t0 = 0;
  s.on('connect', () => {
    opened++;
    t0 = Date.now();
    s.write('GET /api/v1/facilities HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
  });
  s.on('close', () => {
    socks.delete(s);
    if (stopping) return;
    if (t0) { closed++; ages.push((Date.now() - t0) / 1000); }
    if (reconnect === '1') setTimeout(open, t0 ? 0 : 200);
  });
  s.on('error', () => {});
  socks.add(s);
}
for (let i = 0; i < Number(n); i++) open();
const tick = setInterval(() => {
  for (const s of socks) if (!s.destroyed && s.readyState === 'open') s.write('a');
}, 1000);
setTimeout(() => {
  stopping = true;
  clearInterval(tick);
  ages.sort((a, b) => a - b);
  const med = ages.length ? ages[Math.floor(ages.length / 2)].toFixed(1) : '-';
  console.log(`second attacker ${addr}: ${opened} connections established, ${closed} closed by the server` +
    ` (median age at close ${med} s), ${socks.size} open at the end`);
  for (const s of socks) s.destroy();
}, Number(secs) * 1000);
