// A second slow-headers attacker for bench/slowclients.sh experiments (not run by `make bench`):
// opens N connections to 127.0.0.1:PORT from the source address ADDR, sends a request line and
// one more header line every 10 s, holds them SECONDS, then prints how many the server accepted.
// Usage: node bench/slow_second.mjs PORT ADDR N SECONDS   (e.g. 8080 127.0.0.3 400 20)
import net from 'node:net';

const [port, addr, n, secs] = process.argv.slice(2);
let open = 0;
let closed = 0;
const socks = [];
for (let i = 0; i < Number(n); i++) {
  const s = net.connect({ host: '127.0.0.1', port: Number(port), localAddress: addr });
  s.on('connect', () => {
    open++;
    s.write('GET /api/v1/facilities HTTP/1.1\r\nHost: localhost\r\n');
  });
  s.on('close', () => { closed++; });
  s.on('error', () => {});
  socks.push(s);
}
const tick = setInterval(() => {
  for (const s of socks) if (!s.destroyed) s.write(`X-Slow-${socks.indexOf(s)}: ${Date.now()}\r\n`);
}, 10000);
setTimeout(() => {
  console.log(`second attacker ${addr}: ${open} connections established, ${closed} closed by the server`);
  clearInterval(tick);
  for (const s of socks) s.destroy();
}, Number(secs) * 1000);
