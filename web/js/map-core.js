// The drawing core the SVG maps share (the registry map web/js/map.js, the referral candidates map
// web/js/referral-map.js): the canvas size, the equirectangular projection around a view's centre
// (x = lon·cos(mid-latitude), y = −lat, so a kilometre is nearly the same length both ways over a few
// tens of km), lon/lat rings as SVG paths, and the shipped Natural Earth coastline. No side effects.

export const W = 1000, H = 700;
export const KM_PER_DEG = 6371.0088 * Math.PI / 180; // great-circle km per degree of latitude

/** A view centred on (clat, clon) with s pixels per degree of latitude. */
export function viewAround(clat, clon, s) {
  return { clat, clon, kx: Math.cos((clat * Math.PI) / 180), s };
}

/** Projection of view v zoomed by k: x(lon), y(lat), their inverses, kmPx(km) and the bounds shown. */
export function projection(v, k = 1) {
  const s = v.s * k, kx = v.kx;
  const p = {
    s, kx,
    x: (lon) => W / 2 + (lon - v.clon) * kx * s,
    y: (lat) => H / 2 - (lat - v.clat) * s,
    lon: (x) => v.clon + (x - W / 2) / (kx * s),
    lat: (y) => v.clat - (y - H / 2) / s,
    kmPx: (km) => (km / KM_PER_DEG) * s,
  };
  p.minLon = p.lon(0); p.maxLon = p.lon(W); p.maxLat = p.lat(0); p.minLat = p.lat(H);
  return p;
}

/** An SVG path of lon/lat rings (arrays of [lon, lat] or flat [lon, lat, …]) in projection p. */
export function ringsPath(p, rings, close) {
  let d = '';
  for (const r of rings) {
    const flat = typeof r[0] === 'number';
    const n = flat ? r.length / 2 : r.length;
    for (let i = 0; i < n; i++) {
      const lon = flat ? r[2 * i] : r[i][0], lat = flat ? r[2 * i + 1] : r[i][1];
      d += (i ? 'L' : 'M') + p.x(lon).toFixed(1) + ',' + p.y(lat).toFixed(1);
    }
    if (close) d += 'Z';
  }
  return d;
}

let basemap = null;
/** The coastlines of Japan ({rings: [[lon, lat, …], …]}), fetched once; no rings when unavailable. */
export function loadBasemap() {
  if (!basemap) basemap = fetch('/data/basemap-japan.json').then((r) => (r.ok ? r.json() : { rings: [] })).catch(() => ({ rings: [] }));
  return basemap;
}
