// 在宅医療資源一覧: the directory with its filters. The filters live in the page URL (linkable):
// the form is read from location.search, and submitting it navigates to the new query.
//   q, pref, municipality, medical_area, area, kind, standard, h24, home_care, include_unknown,
//   capability (repeatable), base (m:MUNICIPALITY_CODE or f:INSTITUTION_ID) + within_km, sort, page.
// Typing in the keyword field searches as one types (debounced): the URL is replaced, not pushed.
// Column headers sort (issue 12 §6); 24時間 shows 対応あり / 対応なし / 未確認 (issue 12 §3).
import { COORD_PRECISION, api, codes, el, errorMessage, fmtKm, fmtWareki, may, municipalities, municipalityName, pageQuery, prefectures, session, showError, showNotice, start } from './common.js';

const PAGE_SIZE = 50;
const DEFAULT_PREF = '08';
const $ = (id) => document.getElementById(id);

function fillSelect(sel, items, value, keepFirst = true) {
  const first = keepFirst ? sel.options[0] : null;
  sel.replaceChildren(...(first ? [first] : []), ...items.map(([v, label]) => el('option', { value: v }, label)));
  if (value !== null && value !== undefined) sel.value = value;
  if (sel.value !== (value ?? sel.value)) sel.value = '';
}

async function loadPrefDependent(pref, q) {
  const [munis, areas, medAreas] = await Promise.all([
    municipalities(pref),
    api('GET', '/api/v1/areas?prefecture=' + pref),
    api('GET', '/api/v1/medical-areas?prefecture=' + pref),
  ]);
  fillSelect($('f-municipality'), munis.filter((m) => m.type !== 'prefecture').map((m) => [m.code, m.name]), q.get('municipality'));
  fillSelect($('f-area'), (areas.status === 200 ? areas.json.items : []).map((a) => [String(a.id), a.name]), q.get('area'));
  fillSelect($('f-medical-area'), (medAreas.status === 200 ? medAreas.json.items : []).map((a) => [String(a.id), a.name]), q.get('medical_area'));
  return munis;
}

/** Options of the distance base point: municipality offices with coordinates, then institutions. */
async function loadBase(munis, q) {
  const sel = $('f-base');
  const offices = munis.filter((m) => m.lat !== null && m.lon !== null && m.type !== 'prefecture');
  const r = await api('GET', '/api/v1/facilities?limit=500');
  const insts = (r.status === 200 ? r.json.items : []).filter((f) => f.lat !== null && f.lon !== null);
  const want = q.get('base') || '';
  if (want.startsWith('f:') && !insts.some((f) => 'f:' + f.id === want)) {
    const one = await api('GET', '/api/v1/facilities/' + encodeURIComponent(want.slice(2)));
    if (one.status === 200 && one.json.lat !== null) insts.unshift(one.json);
  }
  const groups = [];
  if (offices.length) {
    groups.push(el('optgroup', { label: '市町村役場' },
      offices.map((m) => el('option', { value: 'm:' + m.code, dataset: { lat: m.lat, lon: m.lon } }, m.office_name || m.name))));
  }
  if (insts.length) {
    groups.push(el('optgroup', { label: '機関' },
      insts.map((f) => el('option', { value: 'f:' + f.id, dataset: { lat: f.lat, lon: f.lon } }, f.name))));
  }
  sel.replaceChildren(sel.options[0], ...groups);
  sel.value = want;
  if (sel.value !== want) sel.value = '';
}

/** The API query of the page's filters (URLSearchParams), or null with a message when the
 *  distance base point is unknown. */
function apiQuery(q) {
  const a = new URLSearchParams();
  for (const k of ['q', 'municipality', 'medical_area', 'area', 'kind', 'standard', 'h24', 'home_care', 'include_unknown', 'sort']) {
    const v = q.get(k);
    if (v) a.set(k, v);
  }
  for (const c of q.getAll('capability')) a.append('capability', c);
  const base = q.get('base');
  if (base) {
    const opt = [...$('f-base').options].find((o) => o.value === base);
    if (!opt) return { error: '距離の基準地点が見つかりません。座標が登録されているか確認してください。' };
    a.set('near', `${opt.dataset.lat},${opt.dataset.lon}`);
    a.set('within_km', q.get('within_km') || '16');
  } else if (q.get('within_km')) {
    return { error: '半径を指定するときは、基準地点も選んでください。', field: 'f-base' };
  }
  const page = Math.max(1, parseInt(q.get('page') || '1', 10) || 1);
  a.set('limit', String(PAGE_SIZE));
  a.set('offset', String((page - 1) * PAGE_SIZE));
  return { query: a, page, near: !!base };
}

function pageHref(q, page) {
  const n = new URLSearchParams(q);
  if (page > 1) n.set('page', String(page)); else n.delete('page');
  const s = n.toString();
  return '/' + (s ? '?' + s : '');
}

function renderPager(q, page, total) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const nav = $('pager');
  if (pages <= 1) { nav.replaceChildren(); return; }
  const items = [];
  items.push(page > 1 ? el('a', { href: pageHref(q, page - 1), rel: 'prev' }, '‹ 前へ') : el('span', { class: 'disabled' }, '‹ 前へ'));
  const from = Math.max(1, page - 3), to = Math.min(pages, page + 3);
  if (from > 1) items.push(el('a', { href: pageHref(q, 1) }, '1'), from > 2 ? el('span', {}, '…') : null);
  for (let p = from; p <= to; p++) {
    items.push(p === page ? el('span', { class: 'current', 'aria-current': 'page' }, String(p)) : el('a', { href: pageHref(q, p) }, String(p)));
  }
  if (to < pages) items.push(to < pages - 1 ? el('span', {}, '…') : null, el('a', { href: pageHref(q, pages) }, String(pages)));
  items.push(page < pages ? el('a', { href: pageHref(q, page + 1), rel: 'next' }, '次へ ›') : el('span', { class: 'disabled' }, '次へ ›'));
  nav.replaceChildren(...items.filter(Boolean));
}

// Sortable columns: header → the API's sort key (null: not sortable). A near search is by distance.
const COLUMNS = [['名称', 'kana'], ['種別', 'kind'], ['市町村', 'municipality'], ['24時間', null], ['施設基準', null],
  ['電話番号', null], ['医療機関コード', 'medical_code']];

function headCell(q, [label, key], near, onSort) {
  const cur = q.get('sort') || '';
  if (!key || near) return el('th', { scope: 'col' }, label);
  const dir = cur === key ? 'ascending' : cur === '-' + key ? 'descending' : null;
  const next = dir === 'ascending' ? '-' + key : key;
  const b = el('button', { type: 'button', class: 'sort', dataset: { sort: next } },
    label, el('span', { 'aria-hidden': 'true' }, dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ' ⇅'));
  b.addEventListener('click', () => onSort(next));
  return el('th', { scope: 'col', 'aria-sort': dir || 'none' }, b);
}

/** 24時間 as a badge: 対応あり / 対応なし / 未確認 (null). */
function h24Cell(v) {
  if (v === true) return el('span', { class: 'badge badge-ok', title: '24時間対応' }, '24h');
  if (v === null) return el('span', { class: 'badge badge-unknown', title: '24時間対応は未確認' }, '未確認');
  return el('span', { class: 'muted', 'aria-label': '対応なし' }, '—');
}

let renderSeq = 0;

async function renderResults(c, q, onSort = () => {}) {
  const mine = ++renderSeq; // a newer search (typing) wins over a slower older one
  const built = apiQuery(q);
  // The map follows the same filters (not the distance, paging or order: the map has its own).
  const mq = new URLSearchParams(q);
  for (const k of ['page', 'sort', 'base', 'within_km', 'pref']) mq.delete(k);
  $('map-link').href = '/map' + (mq.toString() ? '?' + mq : '');
  const head = COLUMNS.map((col) => headCell(q, col, built.near, onSort));
  if (built.near) head.push(el('th', { scope: 'col' }, '距離'), el('th', { scope: 'col' }, '位置の精度'));
  $('results-head').replaceChildren(...head);
  const tbody = $('results').tBodies[0];
  if (built.error) {
    showError(built.error);
    $('result-count').textContent = '';
    tbody.replaceChildren();
    return;
  }
  const r = await api('GET', '/api/v1/facilities?' + built.query);
  if (mine !== renderSeq) return;
  if (r.status !== 200) {
    showError('検索できませんでした: ' + errorMessage(r));
    tbody.replaceChildren();
    $('result-count').textContent = '';
    return;
  }
  const { items, total } = r.json;
  const first = total ? (built.page - 1) * PAGE_SIZE + 1 : 0;
  $('result-count').replaceChildren(
    el('strong', {}, `${total}件`),
    total ? `中 ${first}〜${first + items.length - 1}件を表示` : '（条件に合う機関はありません）');
  const names = await Promise.all(items.map((f) => municipalityName(f.municipality)));
  if (mine !== renderSeq) return;
  tbody.replaceChildren(...items.map((f, i) => el('tr', { dataset: { id: f.id } },
    el('td', { class: 'name' },
      el('a', { href: '/facility?id=' + f.id }, f.name),
      f.kana ? el('span', { class: 'kana' }, f.kana) : null),
    el('td', {}, el('span', { class: 'kind kind-' + f.kind }, c.label.kinds.get(f.kind) || f.kind)),
    el('td', {}, names[i]),
    el('td', { class: 'center' }, h24Cell(f.h24)),
    el('td', {}, f.standards.map((s) => el('span', { class: 'tag' }, c.label.standards.get(s) || s))),
    el('td', { class: 'nowrap' }, f.phone || ''),
    el('td', { class: 'nowrap' }, f.medical_code || ''),
    built.near ? el('td', { class: 'num nowrap' }, f.distance_km !== undefined ? distanceText(f) : '') : null,
    built.near ? el('td', { class: 'precision' }, precisionText(f)) : null,
  )));
  renderPager(q, built.page, total);
}

/** A distance and how precise it is (issue 12 §2): a position known only as the municipality
 *  office's gives an approximate distance, and says so in the next column. */
function distanceText(f) {
  return (f.coord_precision === 'municipality' ? '約 ' : '') + fmtKm(f.distance_km);
}
function precisionText(f) {
  if (f.coord_precision === 'municipality') return '未確定（市町村役場の位置）';
  return COORD_PRECISION[f.coord_precision] || '不明';
}

/** 位置が未確定の機関: the count and the list, with the tools of users who may fix positions. */
async function loadUnplaced(writer) {
  const r = await api('GET', '/api/v1/positions/unconfirmed');
  if (r.status !== 200) return;
  $('unplaced').hidden = false;
  $('unplaced-count').textContent = `${r.json.count}件`;
  $('unplaced-count').className = 'badge ' + (r.json.count ? 'badge-err' : 'badge-ok');
  $('unplaced-list').replaceChildren(...r.json.items.map((f) => el('li', { dataset: { id: f.id } },
    el('a', { href: (writer ? '/edit?id=' : '/facility?id=') + f.id }, f.name), ' ',
    el('span', { class: 'hint' }, `${f.municipality_name || '市町村不明'}・${f.lat === null ? '位置なし' : '市町村役場の位置（仮）'}`))));
  $('unplaced-tools').hidden = !writer;
}

function positionsReport(j) {
  const refused = (j.refused || []).map((x) => `${x.line ? x.line + '行目' : '機関' + x.id}: ${x.reason}`);
  const placed = j.placed_at_office ? `、${j.placed_at_office}件を市町村役場の位置に仮置き` : '';
  return `${j.stored}件の位置を登録しました${placed}。` + (refused.length ? `登録しなかったもの ${refused.length}件 — ${refused.join(' ／ ')}` : '');
}

function positionTools() {
  $('positions-file').addEventListener('change', async () => {
    const file = $('positions-file').files[0];
    if (!file) return;
    const s = await session();
    const headers = { Accept: 'application/json', 'Content-Type': 'text/csv' };
    if (s && s.csrf_token) headers['X-CSRF-Token'] = s.csrf_token;
    const res = await fetch('/api/v1/positions/import', { method: 'POST', headers, body: await file.arrayBuffer(), credentials: 'same-origin' });
    const j = await res.json().catch(() => null);
    $('positions-file').value = '';
    if (res.status !== 200) { showError(errorMessage({ status: res.status, json: j })); return; }
    showNotice(positionsReport(j));
    await loadUnplaced(true);
  });
  $('run-geocoder').addEventListener('click', async () => {
    const r = await api('POST', '/api/v1/positions/geocode', {});
    if (r.status !== 200) { showError(errorMessage(r)); return; }
    showNotice(positionsReport(r.json));
    await loadUnplaced(true);
  });
}

/** 「施設基準名簿 令和○年○月○日現在」: the date of the newest bureau list imported (issue 12 §4). */
async function renderAsOf() {
  const r = await api('GET', '/api/v1/imports/latest');
  const fs = r.status === 200 ? r.json.facility_standards : null;
  if (!fs) return;
  const p = $('standards-as-of');
  p.textContent = fs.as_of_wareki ? `施設基準名簿 ${fs.as_of_wareki}現在` : `施設基準名簿 ${fmtWareki(fs.imported_at.slice(0, 10))}取込`;
  p.hidden = false;
}

/** The API query of the export links for page query q: every matching institution, not one page. */
let exportQuery = new URLSearchParams();
function setExportQuery(q) {
  const built = apiQuery(q);
  const a = new URLSearchParams(built.query || '');
  a.delete('limit');
  a.delete('offset');
  exportQuery = a;
  const s = a.toString() ? '?' + a : '';
  $('export-xlsx').href = '/api/v1/facilities.xlsx' + s;
  $('export-csv').href = '/api/v1/facilities.csv' + s;
}

/** The export links of the current filter (issue 12 §5), kept in step with it as the page re-renders. */
function renderExports(q) {
  setExportQuery(q);
  $('export-cp932').addEventListener('click', async () => {
    const a = exportQuery;
    const r = await fetch('/api/v1/facilities.csv?' + new URLSearchParams([...a, ['encoding', 'cp932']]), { credentials: 'same-origin' });
    if (r.status !== 200) { showError('書き出せませんでした（HTTP ' + r.status + '）。'); return; }
    const n = Number(r.headers.get('X-Zaitaku-Replaced') || '0');
    const url = URL.createObjectURL(await r.blob());
    const link = el('a', { href: url, download: 'facilities-sjis.csv', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    if (n > 0) {
      showNotice(`Shift_JIS にない文字 ${n} 字を「〓」に置き換えて書き出しました（${r.headers.get('X-Zaitaku-Replaced-Lines')} 行目）。正確な文字が必要なときは CSV（UTF-8）か Excel（XLSX）をお使いください。`);
    } else {
      showNotice('Shift_JIS の CSV を書き出しました。');
    }
  });
  $('export-links').hidden = false;
}

start(async () => {
  const q = pageQuery();
  let notice = null;
  try { notice = sessionStorage.getItem('zt_notice'); sessionStorage.removeItem('zt_notice'); } catch { /* private mode */ }
  if (notice) showNotice(notice);
  const s = await session();
  $('new-link').hidden = !may(s, 'registry_write');
  await loadUnplaced(may(s, 'registry_write'));
  if (may(s, 'registry_write')) positionTools();
  renderAsOf();
  const c = await codes();
  const prefs = await prefectures();
  const pref = q.get('pref') || (q.get('municipality') || '').slice(0, 2) || DEFAULT_PREF;
  fillSelect($('f-pref'), prefs.map((p) => [p.code, p.name]), pref, false);
  fillSelect($('f-kind'), c.kinds.map((k) => [k.code, k.label]), q.get('kind'));
  fillSelect($('f-standard'), c.standards.map((s) => [s.code, s.label]), q.get('standard'));
  $('f-h24').value = q.get('h24') || '';
  $('f-home-care').value = q.get('home_care') || '';
  $('f-unknown').checked = q.get('include_unknown') === 'true';
  $('f-q').value = q.get('q') || '';
  $('f-within').value = q.get('within_km') || '';
  const caps = new Set(q.getAll('capability'));
  $('f-caps-list').replaceChildren(...c.capabilities.map((cap) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name: 'capability', value: cap.code, checked: caps.has(cap.code) }), cap.label)));
  const munis = await loadPrefDependent($('f-pref').value, q);
  await loadBase(munis, q);

  $('f-pref').addEventListener('change', async () => {
    const m = await loadPrefDependent($('f-pref').value, new URLSearchParams());
    await loadBase(m, new URLSearchParams());
  });
  // The form's filters as a page query (the current sort kept).
  const formQuery = (sort) => {
    const out = new URLSearchParams();
    for (const [k, v] of new FormData($('filters'))) {
      if (v === '' || (k === 'pref' && v === DEFAULT_PREF)) continue;
      out.append(k, v);
    }
    if (sort) out.set('sort', sort);
    return out;
  };
  let current = q;
  // Re-renders in place for a new query, replacing the URL (typing and sorting are not history
  // steps); a newer request wins over a slower older one.
  const rerender = async (nq) => {
    current = nq;
    const s = nq.toString();
    history.replaceState(null, '', '/' + (s ? '?' + s : ''));
    $('page-alert').hidden = true;
    await renderResults(c, nq, onSort);
    if (!$('export-links').hidden) setExportQuery(nq);
  };
  function onSort(key) {
    const nq = new URLSearchParams(current);
    nq.set('sort', key);
    nq.delete('page');
    rerender(nq).then(() => document.querySelector('#results-head th:not([aria-sort="none"]) button.sort')?.focus());
  }
  let timer = null;
  $('f-q').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => rerender(formQuery(current.get('sort'))), 300);
  });
  $('filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearTimeout(timer);
    const s = formQuery(current.get('sort')).toString();
    location.assign('/' + (s ? '?' + s : ''));
  });
  await renderResults(c, q, onSort);
  if (may(s, 'registry_write')) renderExports(q);
});
