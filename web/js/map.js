// 地図: an SVG map drawn only from stored data — no tiles, nothing fetched from the internet
// (issue 12 §7). Layers, bottom up: sea; the coastlines of Japan (web/data/basemap-japan.json,
// Natural Earth); municipality boundaries and prefecture outlines when the operator imported
// 国土数値情報 N03 (GET /api/v1/boundaries); graticule; the 16 km circle; municipality offices;
// institutions as symbols by kind linking to their detail page.
// Projection: equirectangular around the view's centre, x = lon·cos(mid-latitude), y = −lat, so that
// a kilometre is (nearly) the same length both ways over a region of a few tens of km.
// The map follows the registry's filters (the same query string as the directory page); zoom with
// the wheel or the ＋/− buttons, pan by dragging or with the arrow keys; the 16 km circle (the 16 km
// rule of home visits, DOMAIN.md) is drawn around an institution, a municipality office or any
// clicked point; symbols that overlap are spread around their common position (with leader lines)
// so that each stays reachable. A position known only as the municipality office's (issue 12 §2)
// is drawn dashed and counted in the summary.
import { COORD_PRECISION, allFacilities, api, codes, el, municipalities, pageQuery, showError, start, svg } from './common.js';
import { H, KM_PER_DEG, W, loadBasemap, projection, ringsPath } from './map-core.js';

const $ = (id) => document.getElementById(id);
const PAD = 48;
const RADIUS_KM = 16;
const ZOOM_MIN = 0.25, ZOOM_MAX = 256;
// The registry's filters the map follows (web/js/index.js).
const FILTERS = ['q', 'municipality', 'medical_area', 'area', 'kind', 'standard', 'h24', 'home_care', 'include_unknown'];

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

/** 市役所 / 町役場 / 村役場 / 区役所 by the municipality's name. */
export function officeName(name, stored) {
  if (stored) return stored; // the name stored at init (市役所 / 町役場 / 村役場 / 札幌市中央区役所, issue 12 §1)
  if (name.endsWith('市')) return name + '役所';
  if (name.endsWith('区')) return name + '役所';
  if (name.endsWith('町')) return name + '役場';
  if (name.endsWith('村')) return name + '役場';
  return name + '役所';
}

/** The view that shows pts (and a circle around `around`): centre and scale (px per degree of latitude). */
function fitView(pts, around) {
  let minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
  const add = (lat, lon) => {
    minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
    minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
  };
  for (const p of pts) add(p.lat, p.lon);
  if (around) {
    const dLat = RADIUS_KM / KM_PER_DEG, dLon = dLat / Math.cos((around.lat * Math.PI) / 180);
    add(around.lat - dLat, around.lon - dLon);
    add(around.lat + dLat, around.lon + dLon);
  }
  const clat = (minLat + maxLat) / 2, clon = (minLon + maxLon) / 2;
  const kx = Math.cos((clat * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 0.05), spanY = Math.max(maxLat - minLat, 0.05); // a single point still gets a few km
  return { clat, clon, kx, s: Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY) };
}

function graticule(p) {
  const span = Math.max(p.maxLat - p.minLat, p.maxLon - p.minLon);
  const step = span > 6 ? 2 : span > 3 ? 1 : span > 1 ? 0.5 : span > 0.4 ? 0.1 : span > 0.1 ? 0.05 : 0.01;
  const g = svg('g', { class: 'graticule', 'aria-hidden': 'true' });
  const dec = step < 0.05 ? 2 : step < 1 ? (step < 0.1 ? 2 : 1) : 0;
  for (let lat = Math.ceil(p.minLat / step) * step; lat <= p.maxLat + 1e-9; lat += step) {
    const y = p.y(lat);
    g.append(svg('line', { x1: 0, x2: W, y1: y, y2: y }), svg('text', { x: 6, y: y - 4 }, `北緯${lat.toFixed(dec)}°`));
  }
  for (let lon = Math.ceil(p.minLon / step) * step; lon <= p.maxLon + 1e-9; lon += step) {
    const x = p.x(lon);
    g.append(svg('line', { x1: x, x2: x, y1: 0, y2: H }), svg('text', { x: x + 4, y: H - 6 }, `東経${lon.toFixed(dec)}°`));
  }
  return g;
}

function scaleBar(p) {
  const steps = [0.5, 1, 2, 5, 10, 20, 50, 100, 200];
  const km = steps.find((k) => p.kmPx(k) >= 90) || 200;
  const len = p.kmPx(km), x = W - PAD - len, y = H - 28;
  return svg('g', { class: 'scale', 'aria-hidden': 'true' },
    svg('rect', { x: x - 10, y: y - 22, width: len + 20, height: 34, rx: 4, class: 'scale-bg' }),
    svg('path', { d: `M${x},${y - 6}V${y}H${x + len}V${y - 6}` }),
    svg('text', { x: x + len / 2, y: y - 9, 'text-anchor': 'middle' }, `${km} km`),
    svg('g', { class: 'north' },
      svg('path', { d: `M${W - 30},${48}l8,22l-8,-6l-8,6z` }),
      svg('text', { x: W - 30, y: 42, 'text-anchor': 'middle' }, 'N')));
}

/** True when the flat ring's bounding box meets the view (with a margin). */
function ringInView(p, r, bbox) {
  const m = 0.2 * (p.maxLon - p.minLon);
  return !(bbox[2] < p.minLon - m || bbox[0] > p.maxLon + m || bbox[3] < p.minLat - m || bbox[1] > p.maxLat + m);
}

function flatBbox(r) {
  let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
  for (let i = 0; i < r.length; i += 2) { a = Math.min(a, r[i]); c = Math.max(c, r[i]); b = Math.min(b, r[i + 1]); d = Math.max(d, r[i + 1]); }
  return [a, b, c, d];
}

/**
 * Screen positions of the visible symbols with overlapping ones spread: symbols within 10 px of a
 * cluster's anchor share it and are placed on a small circle around it. Returns Map id → {x, y, ax, ay}.
 */
function spread(p, insts) {
  const clusters = [], grid = new Map(); // anchors by 10 px cell: neighbours are in the 9 cells around
  const cell = (x, y) => `${Math.floor(x / 10)},${Math.floor(y / 10)}`;
  for (const f of insts) {
    const x = p.x(f.lon), y = p.y(f.lat);
    let c = null;
    for (let dx = -1; dx <= 1 && !c; dx++) {
      for (let dy = -1; dy <= 1 && !c; dy++) {
        c = (grid.get(cell(x + 10 * dx, y + 10 * dy)) || []).find((k) => Math.hypot(k.x - x, k.y - y) < 10) || null;
      }
    }
    if (c) { c.members.push(f); continue; }
    c = { x, y, members: [f] };
    clusters.push(c);
    const key = cell(x, y);
    grid.set(key, [...(grid.get(key) || []), c]);
  }
  const pos = new Map();
  for (const c of clusters) {
    const n = c.members.length;
    if (n === 1) { pos.set(c.members[0].id, { x: c.x, y: c.y, ax: c.x, ay: c.y }); continue; }
    // Rings around the anchor, each holding as many symbols as fit 16 px apart (many institutions
    // placed at one municipality office stay apart too).
    let i = 0;
    for (let ring = 0; i < n; ring++) {
      const r = 16 + 15 * ring, fit = Math.max(6, Math.floor((2 * Math.PI * r) / 16)), here = Math.min(fit, n - i);
      for (let j = 0; j < here; j++, i++) {
        const a = -Math.PI / 2 + (2 * Math.PI * j) / here;
        pos.set(c.members[i].id, { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a), ax: c.x, ay: c.y });
      }
    }
  }
  return pos;
}

start(async () => {
  const c = await codes();
  const page = pageQuery();
  const filter = new URLSearchParams();
  for (const k of FILTERS) if (page.get(k)) filter.set(k, page.get(k));
  for (const cap of page.getAll('capability')) filter.append('capability', cap);
  const filtered = [...filter.keys()].length > 0;
  let all;
  try { all = await allFacilities(filter); } catch (err) { showError('機関を読み込めませんでした: ' + err.message); return; }
  const insts = all.filter((f) => f.lat !== null && f.lon !== null);
  // Offices of the municipalities the institutions are in (or the one filtered on).
  const muniCodes = new Set(all.map((f) => f.municipality).filter(Boolean));
  if (page.get('municipality')) muniCodes.add(page.get('municipality'));
  const prefs = [...new Set([...muniCodes].map((m) => m.slice(0, 2)))];
  const offices = (await Promise.all(prefs.map((pr) => municipalities(pr)))).flat()
    .filter((m) => muniCodes.has(m.code) && m.lat !== null && m.lon !== null && m.type !== 'prefecture');
  const approxN = insts.filter((f) => f.coord_precision === 'municipality').length;
  $('map-summary').replaceChildren(el('strong', {}, `${insts.length}機関`), `を表示（座標未登録 ${all.length - insts.length}機関）`,
    approxN ? el('span', { id: 'map-approx' }, `。うち${approxN}機関は位置が未確定のため市町村役場の位置に点線で表示`) : '');
  if (filtered) {
    $('map-filter').hidden = false;
    $('map-filter-link').href = '/?' + filter;
  }
  if (!insts.length && !offices.length) {
    showError(filtered ? '条件に合う機関のうち、座標が登録されたものがありません。' : '座標が登録された機関がありません。機関の編集画面で緯度・経度を登録してください。');
    return;
  }
  // The base layers: coastlines (shipped) and the imported boundaries of the prefectures shown.
  const [coast, ...bounds] = await Promise.all([
    loadBasemap(),
    ...prefs.map((pr) => api('GET', '/api/v1/boundaries?prefecture=' + pr).then((r) => (r.status === 200 ? r.json.features : []))),
  ]);
  const land = coast.rings.map((r) => ({ r, bbox: flatBbox(r) }));
  const features = bounds.flat();

  const focusSel = $('focus'), officeSel = $('focus-office');
  focusSel.append(...insts.slice().sort((a, b) => a.name.localeCompare(b.name, 'ja'))
    .map((f) => el('option', { value: String(f.id) }, f.name)));
  officeSel.append(...offices.map((m) => el('option', { value: m.code }, officeName(m.name, m.office_name))));
  officeSel.closest('.field').hidden = offices.length === 0;
  const hidden = new Set();
  let center = null; // {lat, lon, label, id?, code?}
  let base = fitView([...insts, ...offices], null);
  let k = 1;

  const setUrl = () => {
    const q = new URLSearchParams(filter);
    if (center && center.id) q.set('focus', String(center.id));
    else if (center && center.code) q.set('office', center.code);
    else if (center) q.set('at', `${center.lat.toFixed(5)},${center.lon.toFixed(5)}`);
    history.replaceState(null, '', '/map' + (q.toString() ? '?' + q : ''));
  };

  function setCenter(cn, refit) {
    center = cn;
    focusSel.value = cn && cn.id ? String(cn.id) : '';
    officeSel.value = cn && cn.code ? cn.code : '';
    $('clear-center').hidden = !cn;
    if (refit) { base = fitView([...insts, ...offices], cn); k = 1; }
    setUrl();
    draw();
  }

  function draw() {
    const p = projection(base, k);
    const map = $('map');
    map.replaceChildren(map.querySelector('title'), svg('rect', { class: 'sea', x: 0, y: 0, width: W, height: H }));
    const landPath = ringsPath(p, land.filter((l) => ringInView(p, l.r, l.bbox)).map((l) => l.r), true);
    map.append(svg('path', { class: 'land', d: landPath, 'aria-hidden': 'true' }));
    if (features.length) {
      const munis = svg('g', { class: 'boundaries', 'aria-hidden': 'true' });
      for (const f of features) {
        const polys = f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : null;
        if (polys) munis.append(svg('path', { class: 'muni-boundary', d: ringsPath(p, polys.flat(), true), dataset: { code: f.properties.code } },
          svg('title', {}, f.properties.name)));
        else if (f.geometry.type === 'MultiLineString') munis.append(svg('path', { class: 'pref-boundary', d: ringsPath(p, f.geometry.coordinates, false), dataset: { code: f.properties.code } }));
      }
      map.append(munis);
    }
    map.append(graticule(p));
    if (center) {
      const inside = insts.filter((f) => f.id !== center.id && !hidden.has(f.kind) && haversineKm(center, f) <= RADIUS_KM).length;
      map.append(svg('circle', { class: 'radius', cx: p.x(center.lon), cy: p.y(center.lat), r: p.kmPx(RADIUS_KM) }),
        svg('path', { class: 'center-mark', d: `M${p.x(center.lon) - 7},${p.y(center.lat)}h14M${p.x(center.lon)},${p.y(center.lat) - 7}v14`, 'aria-hidden': 'true' }));
      $('focus-info').textContent = `${center.label} から ${RADIUS_KM} km 以内に ${inside} 機関があります。`;
    } else {
      $('focus-info').textContent = '';
    }
    // Office markers under the institutions, their names above everything (readable over symbols).
    const og = svg('g', { class: 'offices' }), labels = svg('g', { class: 'office-labels', 'aria-hidden': 'true' });
    for (const m of offices) {
      const x = p.x(m.lon), y = p.y(m.lat);
      const g = svg('g', { class: 'office', dataset: { code: m.code }, tabindex: 0, role: 'button', 'aria-label': `${officeName(m.name, m.office_name)}から ${RADIUS_KM} km の円を表示` },
        svg('title', {}, officeName(m.name, m.office_name)),
        svg('circle', { cx: x, cy: y, r: 6 }), svg('circle', { cx: x, cy: y, r: 2, class: 'dot' }));
      const pick = () => setCenter({ lat: m.lat, lon: m.lon, label: officeName(m.name, m.office_name), code: m.code }, false);
      g.addEventListener('click', (ev) => { ev.stopPropagation(); pick(); });
      g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(); } });
      og.append(g);
      labels.append(svg('text', { x: x + 12, y: y - 12, class: 'office-label' }, m.name));
    }
    const ig = svg('g', { class: 'institutions' }), leaders = svg('g', { class: 'leaders', 'aria-hidden': 'true' });
    // Larger kinds first so that small symbols stay clickable on top.
    const order = ['hospital', 'municipality', 'community_support', 'care_management', 'clinic'];
    const rank = (kd) => { const i = order.indexOf(kd); return i < 0 ? 9 : i; };
    const sorted = insts.slice().sort((a, b) => rank(a.kind) - rank(b.kind) || a.id - b.id);
    const pos = spread(p, sorted.filter((f) => !hidden.has(f.kind)));
    for (const f of sorted) {
      const at = pos.get(f.id) || { x: p.x(f.lon), y: p.y(f.lat), ax: p.x(f.lon), ay: p.y(f.lat) };
      if (at.x !== at.ax || at.y !== at.ay) {
        leaders.append(svg('line', { x1: at.ax, y1: at.ay, x2: at.x, y2: at.y }), svg('circle', { cx: at.ax, cy: at.ay, r: 2.5 }));
      }
      const h24 = f.h24 === true ? '・24時間対応' : f.h24 === null ? '・24時間対応は未確認' : '';
      const approx = f.coord_precision === 'municipality';
      const prec = approx ? '・位置は市町村役場（概略）' : f.coord_precision ? `・位置の精度: ${COORD_PRECISION[f.coord_precision] || f.coord_precision}` : '';
      ig.append(svg('a', { href: '/facility?id=' + f.id, class: `inst k-${f.kind}${hidden.has(f.kind) ? ' off' : ''}${center && center.id === f.id ? ' focus' : ''}${approx ? ' approx' : ''}`, dataset: { id: f.id, kind: f.kind, precision: f.coord_precision || '' } },
        svg('title', {}, `${f.name}（${c.label.kinds.get(f.kind) || f.kind}${h24}${prec}）`),
        shapeEl(SHAPE[f.kind] || 'circle', at.x, at.y, f.kind === 'hospital' ? 7.5 : 6)));
    }
    map.append(og, leaders, ig, labels, scaleBar(p));
    $('zoom-level').textContent = `${Math.round(k * 100)}%`;
  }

  // ---- zoom and pan ----
  const svgPoint = (ev) => {
    const m = $('map').getScreenCTM();
    if (!m) return { x: W / 2, y: H / 2 };
    const pt = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(m.inverse());
    return { x: pt.x, y: pt.y };
  };
  /** Zooms by factor keeping the map point under (x, y) where it is. */
  function zoomAt(factor, x = W / 2, y = H / 2) {
    const nk = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, k * factor));
    const p = projection(base, k), lon = p.lon(x), lat = p.lat(y);
    k = nk;
    const q = projection(base, k);
    base = { ...base, clon: base.clon + (lon - q.lon(x)), clat: base.clat + (lat - q.lat(y)) };
    draw();
  }
  function panBy(dx, dy) {
    const p = projection(base, k);
    base = { ...base, clon: base.clon - dx / (p.kx * p.s), clat: base.clat + dy / p.s };
    draw();
  }
  $('zoom-in').addEventListener('click', () => zoomAt(1.6));
  $('zoom-out').addEventListener('click', () => zoomAt(1 / 1.6));
  $('zoom-fit').addEventListener('click', () => { base = fitView([...insts, ...offices], center); k = 1; draw(); });
  const map = $('map');
  let frame = 0, wheel = 1, wheelAt = null;
  map.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    wheel *= Math.exp(-ev.deltaY * 0.0015);
    wheelAt = svgPoint(ev);
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; const f = wheel; wheel = 1; zoomAt(f, wheelAt.x, wheelAt.y); });
  }, { passive: false });
  let drag = null;
  map.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0 || ev.target.closest('a.inst, .office')) return;
    drag = { start: svgPoint(ev), last: svgPoint(ev), moved: false, id: ev.pointerId };
  });
  map.addEventListener('pointermove', (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const pt = svgPoint(ev);
    if (!drag.moved && Math.hypot(pt.x - drag.start.x, pt.y - drag.start.y) < 4) return;
    if (!drag.moved) { drag.moved = true; map.setPointerCapture(ev.pointerId); map.classList.add('dragging'); }
    panBy(pt.x - drag.last.x, pt.y - drag.last.y);
    drag.last = svgPoint(ev);
  });
  const endDrag = (ev) => {
    if (!drag) return;
    const d = drag;
    drag = null;
    map.classList.remove('dragging');
    if (d.moved || ev.type !== 'pointerup') return;
    // A click on the map itself (not a symbol): the 16 km circle around that point.
    const p = projection(base, k), pt = svgPoint(ev);
    setCenter({ lat: p.lat(pt.y), lon: p.lon(pt.x), label: 'クリックした地点' }, false);
  };
  map.addEventListener('pointerup', endDrag);
  map.addEventListener('pointercancel', endDrag);
  $('map-frame').addEventListener('keydown', (ev) => {
    if (ev.target.closest('a.inst, .office, button')) return;
    const step = 60, keys = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (keys[ev.key]) { ev.preventDefault(); panBy(...keys[ev.key]); } else if (ev.key === '+' || ev.key === '=') zoomAt(1.6); else if (ev.key === '-') zoomAt(1 / 1.6);
  });

  // Legend: one entry per kind present, with its count; the checkbox shows or hides the kind.
  const counts = new Map();
  for (const f of insts) counts.set(f.kind, (counts.get(f.kind) || 0) + 1);
  const legend = c.kinds.filter((kd) => counts.has(kd.code)).map((kd) => el('li', {},
    el('label', { class: 'check' },
      el('input', { type: 'checkbox', checked: true, value: kd.code, onchange: (ev) => {
        if (ev.target.checked) hidden.delete(kd.code); else hidden.add(kd.code);
        draw();
      } }),
      (() => { const s = svg('svg', { viewBox: '-10 -10 20 20', width: 18, height: 18, class: 'swatch', 'aria-hidden': 'true' }); s.append(svg('g', { class: 'inst k-' + kd.code }, shapeEl(SHAPE[kd.code] || 'circle', 0, 0, 6))); return s; })(),
      el('span', { class: 'label' }, kd.label), el('span', { class: 'count' }, `${counts.get(kd.code)}`))));
  const officeSwatch = svg('svg', { viewBox: '-10 -10 20 20', width: 18, height: 18, class: 'swatch', 'aria-hidden': 'true' });
  officeSwatch.append(svg('g', { class: 'office' }, svg('circle', { cx: 0, cy: 0, r: 5 }), svg('circle', { cx: 0, cy: 0, r: 1.8, class: 'dot' })));
  if (offices.length) legend.push(el('li', {}, el('span', { class: 'check' }, officeSwatch, el('span', { class: 'label' }, '市町村役場（選ぶと16 km の円）'))));
  legend.push(el('li', {}, el('span', { class: 'check' }, el('span', { class: 'swatch-radius', 'aria-hidden': 'true' }), el('span', { class: 'label' }, `選んだ地点から ${RADIUS_KM} km`))));
  if (features.length) legend.push(el('li', {}, el('span', { class: 'check' }, el('span', { class: 'swatch-boundary', 'aria-hidden': 'true' }), el('span', { class: 'label' }, '市町村界・都道府県界（国土数値情報）'))));
  if (approxN) {
    const approxSwatch = svg('svg', { viewBox: '-10 -10 20 20', width: 18, height: 18, class: 'swatch', 'aria-hidden': 'true' });
    approxSwatch.append(svg('g', { class: 'inst approx' }, svg('circle', { cx: 0, cy: 0, r: 6 })));
    legend.push(el('li', {}, el('span', { class: 'check' }, approxSwatch, el('span', { class: 'label' }, '点線: 位置が未確定（市町村役場の位置）'))));
  }
  $('legend').replaceChildren(...legend);

  focusSel.addEventListener('change', () => {
    const f = insts.find((x) => String(x.id) === focusSel.value);
    setCenter(f ? { lat: f.lat, lon: f.lon, label: f.name, id: f.id } : null, true);
  });
  officeSel.addEventListener('change', () => {
    const m = offices.find((x) => x.code === officeSel.value);
    setCenter(m ? { lat: m.lat, lon: m.lon, label: officeName(m.name, m.office_name), code: m.code } : null, true);
  });
  $('clear-center').addEventListener('click', () => setCenter(null, false));

  // The centre from the URL: focus=ID, office=CODE or at=LAT,LON.
  const want = page.get('focus'), office = page.get('office'), at = (page.get('at') || '').split(',').map(Number);
  const fw = insts.find((f) => String(f.id) === want), ow = offices.find((m) => m.code === office);
  if (fw) setCenter({ lat: fw.lat, lon: fw.lon, label: fw.name, id: fw.id }, true);
  else if (ow) setCenter({ lat: ow.lat, lon: ow.lon, label: officeName(ow.name, ow.office_name), code: ow.code }, true);
  else if (at.length === 2 && at.every(Number.isFinite) && at[0] > 20 && at[0] < 46 && at[1] > 122 && at[1] < 154) setCenter({ lat: at[0], lon: at[1], label: '指定した地点' }, true);
  else draw();
});
