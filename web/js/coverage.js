// 圏域のカバー状況: the coverage audit (GET /api/v1/coverage) as tables with the gaps highlighted
// and an SVG map drawn from the stored coordinates only (equirectangular, no tiles): municipality
// offices (red when farther than 16 km from every home-care-capable institution), the 16 km
// circles of those institutions, and a dashed ring on municipalities of 圏域 that miss a
// confirmed 積極的役割 institution or 拠点.
import { api, el, errorMessage, pageQuery, requireCan, showError, start, svg } from './common.js';

const $ = (id) => document.getElementById(id);
const W = 1000, H = 700, PAD = 30;
const KM_PER_DEG = 6371.0088 * Math.PI / 180;

function renderTables(cov, names) {
  $('cov-table').tBodies[0].replaceChildren(...cov.areas.map((a) => el('tr', { class: a.ok ? '' : 'gap', dataset: { area: a.name } },
    el('th', { scope: 'row' }, a.name),
    el('td', {}, a.municipalities.map((c) => names.get(c) || c).join('・')),
    el('td', { class: 'num' }, String(a.n_active)),
    el('td', { class: 'num' }, String(a.n_base)),
    el('td', { class: 'num' }, (a.far_share * 100).toFixed(1) + '%', el('br'), el('span', { class: 'hint' }, a.measure === 'population' ? '人口比' : '市町村数比')),
    el('td', { class: 'nowrap' }, el('span', { class: 'badge ' + (a.ok ? 'badge-ok' : 'badge-err') }, a.ok ? '充足' : '要対応')),
    el('td', {}, a.problems.join(' ')))));
  $('ma-table').tBodies[0].replaceChildren(...cov.medical_areas.map((m) => el('tr', { class: m.ok ? '' : 'gap' },
    el('th', { scope: 'row' }, m.name),
    el('td', {}, m.centre ? `${m.centre.name}（${m.centre.type_label}）` : 'なし'),
    el('td', {}, m.centre ? m.centre.items.filter((i) => i.done).map((i) => el('span', { class: 'tag' }, i.label)) : ''),
    el('td', { class: 'nowrap' }, el('span', { class: 'badge ' + (m.ok ? 'badge-ok' : 'badge-err') }, m.ok ? '充足' : '要対応')),
    el('td', {}, m.problems.join(' '), centreEditor(m)))));
}

const SC_ITEMS = [
  ['emergency', '急変時対応', true], ['admission_discharge', '入退院支援', true], ['visit_increase', '訪問診療等の提供量増加', true],
  ['liaison_meeting', '連絡会', true], ['daily_care', '日常の療養支援', false], ['end_of_life', '看取り', false],
  ['awareness', '普及啓発', false], ['local', '地域独自', false],
];

/** Editor of a support centre (seed 004): the items it carries out, or a new centre for the area. */
function centreEditor(m) {
  const c = m.centre;
  const done = new Set(c ? c.items.filter((i) => i.done).map((i) => i.code) : []);
  const boxes = el('div', { class: 'check-list' }, SC_ITEMS.map(([code, label, req]) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name: 'items', value: code, checked: done.has(code) }), label, req ? el('span', { class: 'req' }, '必須') : null)));
  const extra = c ? [] : [
    el('div', { class: 'field' }, el('label', {}, '機関ID（基幹型は病床のある医療機関、連携型は代表医療機関）'), el('input', { type: 'number', name: 'institution_id', min: '1', required: true })),
    el('div', { class: 'field' }, el('label', {}, '類型'), el('select', { name: 'type' }, el('option', { value: 'core' }, '基幹型'), el('option', { value: 'linked' }, '連携型'))),
    el('div', { class: 'field' }, el('label', {}, '名称'), el('input', { type: 'text', name: 'name', maxlength: '100', required: true })),
  ];
  const form = el('form', { class: 'centre-form', dataset: { area: String(m.id) } }, ...extra, boxes,
    el('button', { class: 'button button-small', type: 'submit' }, c ? '実施項目を保存' : 'サポートセンターを登録'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const items = f.getAll('items');
    const r = c
      ? await api('PUT', `/api/v1/support-centres/${c.id}`, { items })
      : await api('POST', '/api/v1/support-centres', { medical_area_id: m.id, institution_id: Number(f.get('institution_id')), type: f.get('type'), name: f.get('name'), items });
    if (r.status !== 200 && r.status !== 201) { showError(errorMessage(r)); window.scrollTo(0, 0); return; }
    await load();
  });
  return el('details', { class: 'no-print centre-edit' }, el('summary', {}, c ? '実施項目を編集' : 'サポートセンターを登録'), form);
}

function renderMap(cov) {
  const map = $('cov-map');
  const title = map.querySelector('title');
  const pts = [...cov.map.municipalities, ...cov.map.clinics];
  if (!pts.length) {
    map.replaceChildren(title, svg('text', { x: 20, y: 40, class: 'label' }, '座標のある市町村・医療機関がありません。'));
    return;
  }
  const midLat = pts.reduce((s, p) => s + p.lat, 0) / pts.length;
  const kx = Math.cos(midLat * Math.PI / 180) * KM_PER_DEG; // km per degree of longitude
  const xs = pts.map((p) => p.lon * kx), ys = pts.map((p) => -p.lat * KM_PER_DEG);
  const r = cov.radius_km;
  const minX = Math.min(...xs) - r, maxX = Math.max(...xs) + r, minY = Math.min(...ys) - r, maxY = Math.max(...ys) + r;
  const s = Math.min((W - 2 * PAD) / (maxX - minX), (H - 2 * PAD) / (maxY - minY)); // px per km
  const ox = PAD + (W - 2 * PAD - (maxX - minX) * s) / 2, oy = PAD + (H - 2 * PAD - (maxY - minY) * s) / 2; // centred
  const X = (p) => ox + (p.lon * kx - minX) * s, Y = (p) => oy + (-p.lat * KM_PER_DEG - minY) * s;
  const gapMunis = new Set(cov.areas.filter((a) => a.n_active === 0 || a.n_base === 0).flatMap((a) => a.municipalities));
  const circles = cov.map.clinics.map((c) => svg('circle', { class: 'circle16', cx: X(c), cy: Y(c), r: r * s }));
  const clinics = cov.map.clinics.map((c) => svg('circle', { class: 'clinic', cx: X(c), cy: Y(c), r: 3.5 },
    svg('title', {}, c.name)));
  const munis = cov.map.municipalities.map((m) => svg('g', { class: 'muni-group', dataset: { code: m.code } },
    gapMunis.has(m.code) ? svg('circle', { class: 'muni-gap', cx: X(m), cy: Y(m), r: 14 }) : null,
    svg('circle', { class: 'muni' + (m.uncovered ? ' uncovered' : ''), cx: X(m), cy: Y(m), r: 7 },
      svg('title', {}, `${m.name}: ${m.uncovered ? '16 km 圏外' : '16 km 圏内'}${m.nearest_km != null ? `（最寄り ${m.nearest_km} km）` : ''}`)),
    svg('text', { class: 'label', x: X(m) + 10, y: Y(m) - 10 }, m.name)));
  // scale bar: 10 km
  const bar = svg('g', {}, svg('line', { x1: PAD, y1: H - 12, x2: PAD + 10 * s, y2: H - 12, stroke: '#1d2a33', 'stroke-width': 2 }),
    svg('text', { class: 'label', x: PAD, y: H - 18 }, '10 km'));
  map.replaceChildren(title, ...circles, ...clinics, ...munis, bar);
  const un = cov.map.municipalities.filter((m) => m.uncovered).map((m) => m.name);
  $('map-summary').textContent = un.length ? `16 km 圏外の市町村: ${un.join('・')}` : 'すべての市町村役場が16 km 圏内です。';
}

let pref = '08';
async function load() {
  const [cov, des] = await Promise.all([
    api('GET', '/api/v1/coverage?prefecture=' + encodeURIComponent(pref)),
    api('GET', '/api/v1/municipalities?prefecture=' + encodeURIComponent(pref)),
  ]);
  if (cov.status !== 200) { showError(errorMessage(cov)); return; }
  const names = new Map(((des.json && des.json.items) || []).map((m) => [m.code, m.name]));
  renderTables(cov.json, names);
  renderMap(cov.json);
}

start(async () => {
  if (!await requireCan('designation_write', '圏域のカバー状況の点検')) return;
  pref = pageQuery().get('prefecture') || '08';
  $('csv').href = '/api/v1/coverage.csv?prefecture=' + encodeURIComponent(pref);
  $('xlsx').href = '/api/v1/coverage.xlsx?prefecture=' + encodeURIComponent(pref);
  await load();
});
