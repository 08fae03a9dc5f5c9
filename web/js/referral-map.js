// The candidates map of a referral (issue 16 §5): the home, the 16 km circle around it and the
// candidate institutions, drawn like the registry map (web/js/map.js): an SVG from stored coordinates
// only — the same Natural Earth coastline (web/data/basemap-japan.json), the same equirectangular
// projection around the view's centre, the same CSS classes (#map .sea/.land/.radius). Eligible
// candidates carry their rank; excluded ones are grey, their reason in the tooltip and the table.
import { svg } from './common.js';
import { H, KM_PER_DEG, W, loadBasemap, projection, ringsPath, viewAround } from './map-core.js';

const PAD = 40;

/** The projection around center showing spanKm across the shorter side of the canvas. */
function project(center, spanKm) {
  return projection(viewAround(center.lat, center.lon, Math.min(W - 2 * PAD, H - 2 * PAD) / (spanKm / KM_PER_DEG)));
}

/** Draws d (the candidates reply) into the <svg id="map"> element. */
export async function drawCandidatesMap(root, d) {
  const basemap = await loadBasemap();
  const home = { lat: d.lat, lon: d.lon };
  const all = [...d.clinic.map((c) => ({ ...c, role: 'clinic' })), ...d.nurse_station.map((c) => ({ ...c, role: 'nurse' }))].filter((c) => c.lat != null);
  const far = Math.max(d.radius_km, ...all.map((c) => c.distance_km || 0));
  const p = project(home, 2 * Math.min(far, 40) + 4);
  const title = root.querySelector('title');
  const land = ringsPath(p, basemap.rings || [], true);
  const marks = all.map((c) => {
    const x = p.x(c.lon), y = p.y(c.lat);
    const r = c.eligible ? 11 : 8;
    // clinics as circles, visiting nurse stations as squares (as the registry map draws them apart by kind)
    const shape = c.role === 'clinic' ? svg('circle', { cx: x, cy: y, r }) : svg('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, rx: 2 });
    const what = c.eligible ? `${c.role === 'clinic' ? '医療機関' : '訪問看護'} ${c.rank}位 ${c.name}（${c.distance_km.toFixed(1)} km）` : `除外 ${c.name}: ${c.reason}`;
    return svg('g', { class: `cand role-${c.role} ${c.eligible ? 'ok' : 'excluded'}`, 'data-id': String(c.id) },
      svg('title', {}, what), shape,
      c.eligible ? svg('text', { x, y: y + 4, 'text-anchor': 'middle', class: 'cand-rank' }, String(c.rank)) : svg('g', {}),
      svg('text', { x: x + 13, y: y - 10, class: 'cand-label' }, c.name));
  });
  root.replaceChildren(...(title ? [title] : []),
    svg('rect', { class: 'sea', x: 0, y: 0, width: W, height: H }),
    svg('path', { class: 'land', d: land || 'M0,0' }),
    svg('circle', { class: 'radius', cx: p.x(home.lon), cy: p.y(home.lat), r: p.kmPx(d.radius_km) }),
    ...marks.filter((m) => m.getAttribute('class').includes('excluded')),
    ...marks.filter((m) => !m.getAttribute('class').includes('excluded')),
    svg('g', { class: 'home-mark' }, svg('title', {}, '自宅'),
      svg('rect', { class: 'home', x: p.x(home.lon) - 9, y: p.y(home.lat) - 9, width: 18, height: 18, rx: 3 })),
    svg('text', { x: p.x(home.lon) + p.kmPx(d.radius_km) * 0.7 + 4, y: p.y(home.lat) - p.kmPx(d.radius_km) * 0.7, class: 'cand-label' }, '16 km'));
}
