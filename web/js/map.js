// 地図: an SVG map drawn only from the stored coordinates (no tiles, no images). Equirectangular
// projection fitted to the data: x = lon·cos(mid-latitude), y = −lat, so that a kilometre is
// (nearly) the same length in both directions over a region of a few tens of km. Institutions are
// symbols by kind linking to their detail page; municipality offices are labelled points; a
// 16 km circle (the 16 km rule of home visits, DOMAIN.md) can be drawn around one institution.
import { COORD_PRECISION, allFacilities, codes, el, municipalities, pageQuery, showError, start, svg } from './common.js';

const $ = (id) => document.getElementById(id);
const W = 1000, H = 700, PAD = 48;
const KM_PER_DEG = 6371.0088 * Math.PI / 180; // great-circle km per degree of latitude
const RADIUS_KM = 16;

/** Symbol shape of each kind (colour comes from the class k-KIND in app.css). */
const SHAPE = {
  hospital: 'square', clinic: 'circle', dental: 'diamond', pharmacy: 'triangle', nurse_station: 'circle',
  visit_rehab: 'triangle', care_management: 'diamond', community_support: 'square', disability_consult: 'diamond',
  municipality: 'square', health_centre: 'triangle', medical_association: 'star', fire_department: 'star',
};

function shapeEl(shape, x, y, r, attrs = {}) {
  switch (shape) {
    case 'square': return svg('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, rx: 1.5, ...attrs });
    case 'diamond': return svg('path', { d: `M${x},${y - r * 1.3}L${x + r * 1.3},${y}L${x},${y + r * 1.3}L${x - r * 1.3},${y}Z`, ...attrs });
    case 'triangle': return svg('path', { d: `M${x},${y - r * 1.35}L${x + r * 1.25},${y + r}L${x - r * 1.25},${y + r}Z`, ...attrs });
    case 'star': {
      let d = '';
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (i * Math.PI) / 5, rr = i % 2 ? r * 0.6 : r * 1.45;
        d += (i ? 'L' : 'M') + (x + rr * Math.cos(a)).toFixed(2) + ',' + (y + rr * Math.sin(a)).toFixed(2);
      }
      return svg('path', { d: d + 'Z', ...attrs });
    }
    default: return svg('circle', { cx: x, cy: y, r, ...attrs });
  }
}

function haversineKm(a, b) {
  const rad = Math.PI / 180;
  const dlat = (b.lat - a.lat) * rad, dlon = (b.lon - a.lon) * rad;
  const h = Math.sin(dlat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dlon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Projection fitted to pts (and to the focus circle when there is one). */
function fit(pts, focus) {
  let minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
  const add = (lat, lon) => {
    minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
    minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
  };
  for (const p of pts) add(p.lat, p.lon);
  if (focus) {
    const dLat = RADIUS_KM / KM_PER_DEG, dLon = dLat / Math.cos((focus.lat * Math.PI) / 180);
    add(focus.lat - dLat, focus.lon - dLon);
    add(focus.lat + dLat, focus.lon + dLon);
  }
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  let spanX = (maxLon - minLon) * kx, spanY = maxLat - minLat;
  const min = 0.05; // a single point still gets a few km around it
  if (spanX < min) { minLon -= (min - spanX) / 2 / kx; spanX = min; }
  if (spanY < min) { minLat -= (min - spanY) / 2; maxLat += (min - spanY) / 2; spanY = min; }
  const s = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
  const ox = (W - spanX * s) / 2, oy = (H - spanY * s) / 2;
  return {
    s, kx, minLat, maxLat, minLon, maxLon: minLon + spanX / kx,
    x: (lon) => ox + (lon - minLon) * kx * s,
    y: (lat) => oy + (maxLat - lat) * s,
    kmPx: (km) => (km / KM_PER_DEG) * s,
  };
}

function graticule(p) {
  const span = Math.max(p.maxLat - p.minLat, p.maxLon - p.minLon);
  const step = span > 3 ? 1 : span > 1 ? 0.5 : span > 0.4 ? 0.1 : 0.05;
  const g = svg('g', { class: 'graticule', 'aria-hidden': 'true' });
  const dec = step < 0.1 ? 2 : 1;
  for (let lat = Math.ceil(p.minLat / step) * step; lat <= p.maxLat + 1e-9; lat += step) {
    const y = p.y(lat);
    if (y < 0 || y > H) continue;
    g.append(svg('line', { x1: 0, x2: W, y1: y, y2: y }), svg('text', { x: 6, y: y - 4 }, `北緯${lat.toFixed(dec)}°`));
  }
  for (let lon = Math.ceil(p.minLon / step) * step; lon <= p.maxLon + 1e-9; lon += step) {
    const x = p.x(lon);
    if (x < 0 || x > W) continue;
    g.append(svg('line', { x1: x, x2: x, y1: 0, y2: H }), svg('text', { x: x + 4, y: H - 6 }, `東経${lon.toFixed(dec)}°`));
  }
  return g;
}

function scaleBar(p) {
  const km = p.kmPx(10) > 260 ? 2 : p.kmPx(10) < 60 ? 50 : 10;
  const len = p.kmPx(km), x = W - PAD - len, y = H - 28;
  return svg('g', { class: 'scale', 'aria-hidden': 'true' },
    svg('rect', { x: x - 10, y: y - 22, width: len + 20, height: 34, rx: 4, class: 'scale-bg' }),
    svg('path', { d: `M${x},${y - 6}V${y}H${x + len}V${y - 6}` }),
    svg('text', { x: x + len / 2, y: y - 9, 'text-anchor': 'middle' }, `${km} km`),
    svg('g', { class: 'north' },
      svg('path', { d: `M${W - 30},${48}l8,22l-8,-6l-8,6z` }),
      svg('text', { x: W - 30, y: 42, 'text-anchor': 'middle' }, 'N')));
}

start(async () => {
  const c = await codes();
  const all = await allFacilities();
  const insts = all.filter((f) => f.lat !== null && f.lon !== null);
  const muniCodes = new Set(all.map((f) => f.municipality).filter(Boolean));
  const prefs = [...new Set([...muniCodes].map((m) => m.slice(0, 2)))];
  const offices = (await Promise.all(prefs.map((p) => municipalities(p)))).flat()
    .filter((m) => muniCodes.has(m.code) && m.lat !== null && m.lon !== null);
  const approxN = insts.filter((f) => f.coord_precision === 'municipality').length;
  $('map-summary').replaceChildren(el('strong', {}, `${insts.length}機関`), `を表示（座標未登録 ${all.length - insts.length}機関）`,
    approxN ? el('span', { id: 'map-approx' }, `。うち${approxN}機関は位置が未確定のため市町村役場の位置に点線で表示`) : '');
  if (!insts.length && !offices.length) {
    showError('座標が登録された機関がありません。機関の編集画面で緯度・経度を登録してください。');
    return;
  }
  const focusSel = $('focus');
  focusSel.append(...insts.slice().sort((a, b) => a.name.localeCompare(b.name, 'ja'))
    .map((f) => el('option', { value: String(f.id) }, f.name)));
  const hidden = new Set();

  function draw() {
    const focus = insts.find((f) => String(f.id) === focusSel.value) || null;
    const p = fit([...insts, ...offices], focus);
    const map = $('map');
    map.replaceChildren(map.querySelector('title'), svg('rect', { class: 'sea', x: 0, y: 0, width: W, height: H }), graticule(p));
    if (focus) {
      const inside = insts.filter((f) => f.id !== focus.id && haversineKm(focus, f) <= RADIUS_KM).length;
      map.append(svg('circle', { class: 'radius', cx: p.x(focus.lon), cy: p.y(focus.lat), r: p.kmPx(RADIUS_KM) }));
      $('focus-info').textContent = `${focus.name} から ${RADIUS_KM} km 以内に ${inside} 機関があります。`;
    } else {
      $('focus-info').textContent = '';
    }
    // Office markers under the institutions, their names above everything (readable over symbols).
    const og = svg('g', { class: 'offices' }), labels = svg('g', { class: 'office-labels', 'aria-hidden': 'true' });
    for (const m of offices) {
      const x = p.x(m.lon), y = p.y(m.lat);
      og.append(svg('g', { class: 'office', dataset: { code: m.code } },
        svg('title', {}, m.office_name || m.name),
        svg('circle', { cx: x, cy: y, r: 5 }), svg('circle', { cx: x, cy: y, r: 1.8, class: 'dot' })));
      labels.append(svg('text', { x: x + 12, y: y - 12, class: 'office-label' }, m.name));
    }
    const ig = svg('g', { class: 'institutions' });
    // Larger kinds first so that small symbols stay clickable on top.
    const order = ['hospital', 'municipality', 'community_support', 'care_management', 'clinic'];
    const rank = (k) => { const i = order.indexOf(k); return i < 0 ? 9 : i; };
    for (const f of insts.slice().sort((a, b) => rank(a.kind) - rank(b.kind) || a.id - b.id)) {
      const x = p.x(f.lon), y = p.y(f.lat);
      // A position known only as the municipality office's (issue 12 §2) is drawn dashed and says so.
      const approx = f.coord_precision === 'municipality';
      const a = svg('a', { href: '/facility?id=' + f.id, class: `inst k-${f.kind}${hidden.has(f.kind) ? ' off' : ''}${focus && focus.id === f.id ? ' focus' : ''}${approx ? ' approx' : ''}`, dataset: { id: f.id, kind: f.kind, precision: f.coord_precision || '' } },
        svg('title', {}, `${f.name}（${c.label.kinds.get(f.kind) || f.kind}${f.h24 ? '・24時間対応' : ''}）${approx ? ' 位置は市町村役場の位置（未確定）' : f.coord_precision ? ` 位置の精度: ${COORD_PRECISION[f.coord_precision] || f.coord_precision}` : ''}`),
        shapeEl(SHAPE[f.kind] || 'circle', x, y, f.kind === 'hospital' ? 7.5 : 6));
      ig.append(a);
    }
    map.append(og, ig, labels, scaleBar(p));
  }

  // Legend: one entry per kind present, with its count; the checkbox shows or hides the kind.
  const counts = new Map();
  for (const f of insts) counts.set(f.kind, (counts.get(f.kind) || 0) + 1);
  const legend = c.kinds.filter((k) => counts.has(k.code)).map((k) => el('li', {},
    el('label', { class: 'check' },
      el('input', { type: 'checkbox', checked: true, value: k.code, onchange: (ev) => {
        if (ev.target.checked) hidden.delete(k.code); else hidden.add(k.code);
        draw();
      } }),
      (() => { const s = svg('svg', { viewBox: '-10 -10 20 20', width: 18, height: 18, class: 'swatch', 'aria-hidden': 'true' }); s.append(svg('g', { class: 'inst k-' + k.code }, shapeEl(SHAPE[k.code] || 'circle', 0, 0, 6))); return s; })(),
      el('span', { class: 'label' }, k.label), el('span', { class: 'count' }, `${counts.get(k.code)}`))));
  const officeSwatch = svg('svg', { viewBox: '-10 -10 20 20', width: 18, height: 18, class: 'swatch', 'aria-hidden': 'true' });
  officeSwatch.append(svg('g', { class: 'office' }, svg('circle', { cx: 0, cy: 0, r: 5 }), svg('circle', { cx: 0, cy: 0, r: 1.8, class: 'dot' })));
  if (offices.length) legend.push(el('li', {}, el('span', { class: 'check' }, officeSwatch, el('span', { class: 'label' }, '市町村役場'))));
  if (approxN) {
    const approxSwatch = svg('svg', { viewBox: '-10 -10 20 20', width: 18, height: 18, class: 'swatch', 'aria-hidden': 'true' });
    approxSwatch.append(svg('g', { class: 'inst approx' }, svg('circle', { cx: 0, cy: 0, r: 6 })));
    legend.push(el('li', {}, el('span', { class: 'check' }, approxSwatch, el('span', { class: 'label' }, '点線: 位置が未確定（市町村役場の位置）'))));
  }
  legend.push(el('li', {}, el('span', { class: 'check' }, el('span', { class: 'swatch-radius', 'aria-hidden': 'true' }), el('span', { class: 'label' }, `選択した機関から ${RADIUS_KM} km`))));
  $('legend').replaceChildren(...legend);

  const want = pageQuery().get('focus');
  if (want && insts.some((f) => String(f.id) === want)) focusSel.value = want;
  focusSel.addEventListener('change', () => {
    const q = pageQuery();
    if (focusSel.value) q.set('focus', focusSel.value); else q.delete('focus');
    history.replaceState(null, '', '/map' + (q.toString() ? '?' + q : ''));
    draw();
  });
  draw();
});
