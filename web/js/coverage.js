// 圏域のカバー状況: the coverage audit (GET /api/v1/coverage) as tables with the gaps highlighted
// and an SVG map drawn from the stored coordinates only (equirectangular, no tiles): municipality
// offices (red when farther than 16 km from every home-care-capable institution), the 16 km
// circles of those institutions (those of neighbouring prefectures too), and a dashed ring on
// municipalities of 圏域 that miss a confirmed 積極的役割 institution or 拠点. Municipalities without a
// position are listed as 判定不能, never as covered. Every 在宅医療サポートセンター of a 二次医療圏 is
// shown with its type, its members (連携型) and the number the prefecture sets (seed 004).
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
  $('ma-table').tBodies[0].replaceChildren(...cov.medical_areas.map((m) => el('tr', { class: m.ok ? '' : 'gap', dataset: { area: m.name } },
    el('th', { scope: 'row' }, m.name, el('br'), el('span', { class: 'hint' }, `県の定める数: ${m.quota}箇所`)),
    el('td', {}, m.centres.length ? m.centres.map(centreCell) : 'なし'),
    el('td', {}, m.centres.map((c) => el('div', {}, c.items.filter((i) => i.done).map((i) => el('span', { class: 'tag' }, i.label))))),
    el('td', { class: 'nowrap' }, el('span', { class: 'badge ' + (m.ok ? 'badge-ok' : 'badge-err') }, m.ok ? '充足' : '要対応')),
    el('td', {}, m.problems.join(' '), ...m.centres.map((c) => centreEditor(m, c)), centreEditor(m, null), quotaEditor(m)))));
  const unknown = cov.unjudged_municipalities || [];
  $('unjudged').replaceChildren(...unknown.map((u) => el('li', {}, `${u.name}: ${u.status_label}`)));
  $('unjudged-section').hidden = unknown.length === 0;
  const placement = cov.placement_problems || [];
  $('placement').replaceChildren(...placement.map((p) => el('li', {}, p)));
  $('placement-section').hidden = placement.length === 0;
}

/** A centre: name, type, operator and, for 連携型, its member group. */
function centreCell(c) {
  return el('div', { class: 'centre', dataset: { centre: String(c.id), type: c.type } },
    el('strong', {}, c.name), `（${c.type_label}）`,
    c.institution_name ? el('div', { class: 'centre-members' }, (c.type === 'linked' ? '代表: ' : '運営: ') + c.institution_name) : null,
    c.type === 'linked' ? el('div', { class: 'centre-members' }, '構成機関: ' + (c.members.length ? c.members.map((x) => `${x.name}（${x.kind_label}）`).join('・') : 'なし')) : null);
}

/** The number of centres the prefecture sets for the area (原則1箇所; e.g. 熊本・上益城 3, 八代 2). */
function quotaEditor(m) {
  const id = `quota-${m.id}`;
  const input = el('input', { type: 'number', id, min: '1', max: '20', value: String(m.quota), class: 'w-short' });
  const form = el('form', { class: 'quota-form' }, el('div', { class: 'field' }, el('label', { for: id }, '県が定める設置数（原則1箇所）'), input),
    el('button', { class: 'button button-small', type: 'submit' }, '設置数を保存'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await api('PUT', `/api/v1/support-centre-quotas/${m.id}`, { quota: Number(input.value) });
    if (r.status !== 200) { showError(errorMessage(r)); window.scrollTo(0, 0); return; }
    await load();
  });
  return el('details', { class: 'no-print centre-edit' }, el('summary', {}, '設置数を変更'), form);
}

const SC_ITEMS = [
  ['emergency', '急変時対応', true], ['admission_discharge', '入退院支援', true], ['visit_increase', '訪問診療等の提供量増加', true],
  ['liaison_meeting', '連絡会', true], ['daily_care', '日常の療養支援', false], ['end_of_life', '看取り', false],
  ['awareness', '普及啓発', false], ['local', '地域独自', false],
];

/** Editor of a support centre (seed 004): the items it carries out (and the group of a 連携型), or a new
 *  centre for the area (c null). */
function centreEditor(m, c) {
  const done = new Set(c ? c.items.filter((i) => i.done).map((i) => i.code) : []);
  const boxes = el('div', { class: 'check-list' }, SC_ITEMS.map(([code, label, req]) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name: 'items', value: code, checked: done.has(code) }), label, req ? el('span', { class: 'req' }, '必須') : null)));
  const fid = (n) => `sc-${m.id}-${c ? c.id : 'new'}-${n}`;
  const membersField = el('div', { class: 'field' }, el('label', { for: fid('members') }, '構成機関のID（連携型: 在宅医療を提供する医療機関・訪問看護ステーション。読点「、」かカンマ区切り）'),
    el('input', { type: 'text', name: 'members', id: fid('members'), value: c ? c.members.map((x) => x.institution_id).join(',') : '' }));
  const extra = c ? (c.type === 'linked' ? [membersField] : []) : [
    el('div', { class: 'field' }, el('label', { for: fid('inst') }, '機関ID（基幹型: 病床を有し自らも在宅医療に取り組む医療機関。連携型: 代表する医療機関又は郡市医師会）'), el('input', { type: 'number', name: 'institution_id', id: fid('inst'), min: '1', required: true })),
    el('div', { class: 'field' }, el('label', { for: fid('type') }, '類型'), el('select', { name: 'type', id: fid('type') }, el('option', { value: 'core' }, '基幹型'), el('option', { value: 'linked' }, '連携型'))),
    el('div', { class: 'field' }, el('label', { for: fid('name') }, '名称'), el('input', { type: 'text', name: 'name', id: fid('name'), maxlength: '100', required: true })),
    membersField,
  ];
  const form = el('form', { class: 'centre-form', dataset: { area: String(m.id), centre: c ? String(c.id) : '' } }, ...extra, boxes,
    el('button', { class: 'button button-small', type: 'submit' }, c ? '保存' : 'サポートセンターを登録'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const items = f.getAll('items');
    const ids = String(f.get('members') || '').split(/[,、\s]+/).filter(Boolean).map(Number);
    const linked = c ? c.type === 'linked' : f.get('type') === 'linked';
    const r = c
      ? await api('PUT', `/api/v1/support-centres/${c.id}`, linked ? { items, members: ids } : { items })
      : await api('POST', '/api/v1/support-centres', { medical_area_id: m.id, institution_id: Number(f.get('institution_id')), type: f.get('type'), name: f.get('name'), items, ...(linked ? { members: ids } : {}) });
    if (r.status !== 200 && r.status !== 201) { showError(errorMessage(r)); window.scrollTo(0, 0); return; }
    await load();
  });
  return el('details', { class: 'no-print centre-edit' }, el('summary', {}, c ? `${c.name}を編集` : 'サポートセンターを登録'), form);
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
  const clinics = cov.map.clinics.map((c) => svg('circle', { class: 'clinic' + (c.other_prefecture ? ' foreign' : ''), cx: X(c), cy: Y(c), r: 3.5 },
    svg('title', {}, c.other_prefecture ? `${c.name}（他の都道府県）` : c.name)));
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
  const unknown = (cov.unjudged_municipalities || []).map((m) => m.name);
  $('map-summary').textContent = (un.length ? `16 km 圏外の市町村: ${un.join('・')}` : unknown.length ? '位置のある市町村役場はすべて16 km 圏内です。' : 'すべての市町村役場が16 km 圏内です。') +
    (unknown.length ? ` 判定不能（役場の位置が未登録）: ${unknown.join('・')}` : '');
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
