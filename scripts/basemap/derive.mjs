// Derives web/data/basemap-japan.json — the coastlines of Japan drawn under the map (issue 12 §7) —
// from Natural Earth 1:10m Admin 0 countries as packaged by world-atlas (TopoJSON). Natural Earth is
// public domain; world-atlas is ISC (see web/data/README.md). Run: node scripts/basemap/derive.mjs
// (installs world-atlas from this folder's package.json/package-lock.json when missing).
// Output: {"source", "licence", "rings": [[lon, lat, lon, lat, …] rounded to 1e-3°, …]} with each
// ring simplified (Douglas–Peucker, 0.0015° ≈ 150 m) and rings under 0.02° across dropped.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const atlas = join(here, 'node_modules/world-atlas/countries-10m.json');
if (!existsSync(atlas)) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
const topo = JSON.parse(readFileSync(atlas, 'utf8'));
const { scale, translate } = topo.transform;

// TopoJSON arcs are quantized and delta-encoded: absolute positions first.
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * scale[0] + translate[0], y * scale[1] + translate[1]]; });
});
const ring = (ids) => {
  const out = [];
  for (const i of ids) {
    const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    out.push(...(out.length ? a.slice(1) : a));
  }
  return out;
};

function simplify(pts, tol) { // Douglas–Peucker on a closed ring
  if (pts.length < 4) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = pts[a], [bx, by] = pts[b];
    const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy) || 1e-12;
    let best = -1, far = 0;
    for (let i = a + 1; i < b; i++) {
      const d = Math.abs(dy * (pts[i][0] - ax) - dx * (pts[i][1] - ay)) / len;
      const dd = len < 1e-9 ? Math.hypot(pts[i][0] - ax, pts[i][1] - ay) : d;
      if (dd > far) { far = dd; best = i; }
    }
    if (far > tol) { keep[best] = 1; stack.push([a, best], [best, b]); }
  }
  return pts.filter((_, i) => keep[i]);
}

const japan = topo.objects.countries.geometries.find((g) => g.id === '392');
const polys = japan.type === 'Polygon' ? [japan.arcs] : japan.arcs;
const rings = [];
for (const poly of polys) {
  for (const r of poly) {
    const pts = ring(r);
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    if (Math.max(...xs) - Math.min(...xs) < 0.02 && Math.max(...ys) - Math.min(...ys) < 0.02) continue;
    const s = simplify(pts, 0.0015);
    if (s.length >= 4) rings.push(s.flatMap(([x, y]) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000]));
  }
}
const out = {
  source: 'Natural Earth 1:10m Cultural Vectors, Admin 0 – Countries (Japan, ISO 392), via the npm package world-atlas 2.0.2 (countries-10m.json); simplified by scripts/basemap/derive.mjs',
  licence: 'Natural Earth: public domain (naturalearthdata.com/about/terms-of-use). world-atlas: ISC, Copyright 2013-2019 Michael Bostock.',
  rings,
};
const dest = join(here, '../../web/data/basemap-japan.json');
writeFileSync(dest, JSON.stringify(out) + '\n');
console.log(`${rings.length} rings, ${rings.reduce((n, r) => n + r.length / 2, 0)} points → ${dest}`);
