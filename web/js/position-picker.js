// 地図で位置を指定 (issue 12 §2 (b)): a small map in the edit form, drawn from stored coordinates only
// (equirectangular, 12 km around the institution or its municipality office, no tiles): the
// municipality offices and the registered institutions nearby, and the position being edited.
// A click sets 緯度・経度 with source 地図で指定, precision 街区 and today's date; the fields stay
// editable by keyboard.
import { api, el, municipalities, svg } from './common.js';

const W = 640, H = 360, SPAN_KM = 12;
const KM_PER_DEG = 6371.0088 * Math.PI / 180;

export function attachPicker(form, host) {
  const map = svg('svg', { id: 'pick-map', class: 'pick-map', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'pick-map-title' });
  const note = el('p', { class: 'hint', id: 'pick-note', 'aria-live': 'polite' });
  host.replaceChildren(el('p', { class: 'pick-title' }, '地図をクリックして位置を指定'), map, note);
  let view = null;
  let keep = false; // true for the redraw after a click

  async function draw() {
    const lat = Number(form.elements.lat.value), lon = Number(form.elements.lon.value);
    const code = form.elements.municipality.value;
    const munis = code ? await municipalities(code.slice(0, 2)) : [];
    const office = munis.find((m) => m.code === code);
    const has = form.elements.lat.value.trim() !== '' && Number.isFinite(lat) && Number.isFinite(lon);
    // The view stays where it is while the user clicks; a new municipality or typed coordinates move it.
    const c = keep && view ? view.c : has ? { lat, lon } : office && office.lat !== null ? { lat: office.lat, lon: office.lon } : null;
    keep = false;
    const title = svg('title', { id: 'pick-map-title' }, '位置を指定する地図（市町村役場と登録済みの機関、クリックで緯度・経度を設定）');
    if (!c) {
      view = null;
      map.replaceChildren(title, svg('text', { x: 20, y: 40, class: 'label' }, '市町村を選ぶと地図が表示されます。'));
      note.textContent = '';
      return;
    }
    const kx = Math.cos(c.lat * Math.PI / 180) * KM_PER_DEG;
    const s = Math.min(W, H) / (2 * SPAN_KM); // px per km
    view = { c, kx, s };
    const X = (p) => W / 2 + (p.lon - c.lon) * kx * s, Y = (p) => H / 2 - (p.lat - c.lat) * KM_PER_DEG * s;
    const inView = (p) => p.lat !== null && p.lon !== null && X(p) >= 0 && X(p) <= W && Y(p) >= 0 && Y(p) <= H;
    const near = await api('GET', `/api/v1/facilities?near=${c.lat},${c.lon}&within_km=${SPAN_KM * 1.5}&limit=200`);
    const insts = near.status === 200 ? near.json.items.filter(inView) : [];
    const offices = munis.filter((m) => m.type !== 'prefecture' && inView(m));
    const grid = [];
    for (let km = -SPAN_KM * 2; km <= SPAN_KM * 2; km += 5) {
      grid.push(svg('line', { class: 'grid', x1: W / 2 + km * s, y1: 0, x2: W / 2 + km * s, y2: H }),
        svg('line', { class: 'grid', x1: 0, y1: H / 2 + km * s, x2: W, y2: H / 2 + km * s }));
    }
    map.replaceChildren(title, svg('rect', { class: 'sea', x: 0, y: 0, width: W, height: H }), ...grid,
      ...insts.map((f) => svg('circle', { class: 'pick-inst', cx: X(f), cy: Y(f), r: 3.5 }, svg('title', {}, f.name))),
      ...offices.map((m) => svg('g', { class: 'pick-office' }, svg('circle', { cx: X(m), cy: Y(m), r: 5 }, svg('title', {}, m.office_name || m.name)),
        svg('text', { x: X(m) + 8, y: Y(m) - 8, class: 'label' }, m.office_name || m.name))),
      has ? svg('g', { class: 'pick-here', id: 'pick-here' }, svg('circle', { cx: X({ lat, lon }), cy: Y({ lat, lon }), r: 8 }), svg('title', {}, 'この機関の位置')) : null,
      svg('line', { x1: 12, y1: H - 12, x2: 12 + 5 * s, y2: H - 12, class: 'scale' }), svg('text', { x: 12, y: H - 18, class: 'label' }, '5 km'));
    note.textContent = has ? `現在の位置: 北緯${lat.toFixed(5)} 東経${lon.toFixed(5)}` : `位置が未登録です。${office.office_name || office.name}を中心に表示しています。`;
  }

  map.addEventListener('click', (ev) => {
    if (!view) return;
    const pt = map.createSVGPoint();
    pt.x = ev.clientX;
    pt.y = ev.clientY;
    const p = pt.matrixTransform(map.getScreenCTM().inverse());
    const lat = view.c.lat - (p.y - H / 2) / (view.s * KM_PER_DEG);
    const lon = view.c.lon + (p.x - W / 2) / (view.s * view.kx);
    form.elements.lat.value = lat.toFixed(6);
    form.elements.lon.value = lon.toFixed(6);
    form.elements.coord_source.value = 'map_click';
    form.elements.coord_precision.value = 'street';
    form.elements.coord_date.value = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    keep = true;
    draw();
  });
  for (const k of ['lat', 'lon', 'municipality']) form.elements[k].addEventListener('change', draw);
  return draw();
}
