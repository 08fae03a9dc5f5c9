// 地域の設定 (issue 12 §1): the region tables of a prefecture — 二次医療圏, 圏域, 郡市医師会 and the
// municipalities each covers, population with its source and year, adjacency, and the positions of
// the 役所・役場 that distances are measured from — edited on the page (PUT /api/v1/region/{kind}),
// imported from CSV/XLSX (POST …/import) and exported (…/export). Every save replaces the
// prefecture's table (populations and offices: the rows sent); the API refuses bad rows naming the
// line and column.
import { api, el, errorMessage, municipalities, pageQuery, prefectures, requireCan, session, showError, showNotice, start } from './common.js';

const $ = (id) => document.getElementById(id);
const KINDS = [
  { code: 'medical-areas', label: '二次医療圏', group: true, help: '1つの市町村は1つの二次医療圏にだけ属します。' },
  { code: 'care-areas', label: '圏域', group: true, help: '圏域は二次医療圏に縛られず、市町村・保健所圏域など任意の市町村の組み合わせで設定できます。' },
  { code: 'associations', label: '郡市医師会', group: true, help: '初めて入力した医師会は、機関（郡市医師会）として登録されます。' },
  { code: 'population', label: '人口', help: '人口は出典（例: 令和2年国勢調査）と年とともに登録します。空欄の市町村は変更しません。' },
  { code: 'adjacency', label: '隣接市町村', help: '位置付けの規則③（同じ二次医療圏の近隣市町村）に使います。' },
  { code: 'offices', label: '役所・役場の位置', help: '16 km の距離とカバー状況は役所・役場の位置から測ります。初期値は全国の役所・役場の位置（code4fukui/localgovjp、CC0）です。変更した行だけを保存します。' },
];

let pref = '';
let munis = [];
let seq = 0;
const uid = (p) => `${p}-${++seq}`;

async function upload(kind, file) {
  const s = await session();
  const headers = { Accept: 'application/json', 'Content-Type': /\.xlsx$/i.test(file.name) ? 'application/octet-stream' : 'text/csv' };
  if (s && s.csrf_token) headers['X-CSRF-Token'] = s.csrf_token;
  const r = await fetch(`/api/v1/region/${kind}/import?prefecture=${pref}`, { method: 'POST', headers, body: await file.arrayBuffer(), credentials: 'same-origin' });
  let json = null;
  try { json = await r.json(); } catch { /* not JSON */ }
  return { status: r.status, json };
}

function done(kind, r) {
  if (r.status !== 200) { showError(`${kind.label}: ${errorMessage(r)}`); window.scrollTo(0, 0); return false; }
  const made = r.json.associations_created ? `（郡市医師会を${r.json.associations_created}件新たに登録）` : '';
  showNotice(`${kind.label}を保存しました（${r.json.stored}行）${made}。`);
  window.scrollTo(0, 0);
  return true;
}

/** A card of one area / association: its name and a checkbox per municipality of the prefecture. */
function groupCard(kind, name = '', members = new Set()) {
  const id = uid(kind.code);
  const card = el('div', { class: 'group-card', dataset: { group: '1' } },
    el('div', { class: 'group-head' },
      el('div', { class: 'field' }, el('label', { for: id }, `${kind.label}の名称`),
        el('input', { id, type: 'text', name: 'group-name', maxlength: '100', value: name })),
      el('button', { type: 'button', class: 'button button-secondary button-small', onclick: () => card.remove() }, 'この行を削除')),
    el('fieldset', {}, el('legend', { class: 'visually-hidden' }, `${kind.label}に含む市町村`),
      el('div', { class: 'check-list' }, munis.map((m) => el('label', { class: 'check' },
        el('input', { type: 'checkbox', name: 'member', value: m.code, checked: members.has(m.code) }), m.name)))));
  return card;
}

function groupRows(section) {
  const rows = [];
  for (const card of section.querySelectorAll('[data-group]')) {
    const name = card.querySelector('input[name="group-name"]').value.trim();
    for (const box of card.querySelectorAll('input[name="member"]:checked')) rows.push({ name, municipality: box.value });
  }
  return rows;
}

function populationTable(rows) {
  const byCode = new Map(rows.map((r) => [r.municipality, r]));
  const first = rows.find((r) => r.source) || {};
  const src = uid('pop-src'), year = uid('pop-year');
  return [
    el('div', { class: 'pop-common' },
      el('div', { class: 'field' }, el('label', { for: src }, '出典'), el('input', { id: src, name: 'source', type: 'text', maxlength: '100', value: first.source || '', placeholder: '令和2年国勢調査' })),
      el('div', { class: 'field' }, el('label', { for: year }, '年（西暦）'), el('input', { id: year, name: 'year', type: 'number', min: '1920', max: '2100', value: first.year || '' }))),
    el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, '市町村コード'), el('th', { scope: 'col' }, '市町村'), el('th', { scope: 'col' }, '人口'), el('th', { scope: 'col' }, '登録済みの出典'))),
      el('tbody', {}, munis.map((m) => {
        const r = byCode.get(m.code) || {};
        return el('tr', { dataset: { code: m.code } }, el('td', {}, m.code), el('th', { scope: 'row' }, m.name),
          el('td', {}, el('input', { type: 'number', class: 'num-input', name: 'population', min: '0', max: '20000000', 'aria-label': `${m.name}の人口`, value: r.population ?? '' })),
          el('td', { class: 'hint' }, r.source ? `${r.source}（${r.year}年）` : ''));
      })))),
  ];
}

function populationRows(section) {
  const source = section.querySelector('input[name="source"]').value.trim();
  const year = Number(section.querySelector('input[name="year"]').value) || null;
  return [...section.querySelectorAll('tr[data-code]')].flatMap((tr) => {
    const v = tr.querySelector('input[name="population"]').value.trim();
    return v === '' ? [] : [{ municipality: tr.dataset.code, population: Number(v), source, year }];
  });
}

const POS_SOURCE = { localgovjp: '全国の役所・役場の位置（初期値）', demo: 'デモデータ', import: '取込・手入力' };

function officeTable(rows) {
  const input = (tr, name, value, label, cls) => el('input', { type: 'text', name, class: cls, value: value ?? '', 'aria-label': label,
    oninput: () => { tr.dataset.dirty = '1'; } });
  return [el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
    el('thead', {}, el('tr', {}, ['市町村コード', '市町村', '役所・役場', '緯度', '経度', '出典'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((r) => {
      const tr = el('tr', { dataset: { code: r.municipality } });
      tr.append(el('td', {}, r.municipality), el('th', { scope: 'row' }, r.municipality_name),
        el('td', {}, input(tr, 'office', r.office_name, `${r.municipality_name}の役所・役場`, '')),
        el('td', {}, input(tr, 'lat', r.lat, `${r.municipality_name}の緯度`, 'num-input')),
        el('td', {}, input(tr, 'lon', r.lon, `${r.municipality_name}の経度`, 'num-input')),
        el('td', { class: 'hint' }, POS_SOURCE[r.position_source] || ''));
      return tr;
    }))))];
}

function officeRows(section) {
  return [...section.querySelectorAll('tr[data-dirty]')].map((tr) => {
    const v = (n) => tr.querySelector(`input[name="${n}"]`).value.trim();
    return { municipality: tr.dataset.code, office: v('office'), lat: v('lat') === '' ? null : Number(v('lat')), lon: v('lon') === '' ? null : Number(v('lon')) };
  });
}

function muniSelect(label, value) {
  return el('select', { name: label === '市町村' ? 'a' : 'b', 'aria-label': label },
    el('option', { value: '' }, '選択…'), munis.map((m) => el('option', { value: m.code, selected: m.code === value }, m.name)));
}

function pairRow(a = '', b = '') {
  const row = el('div', { class: 'pair-row', dataset: { pair: '1' } }, muniSelect('市町村', a), ' と ', muniSelect('隣接する市町村', b),
    el('button', { type: 'button', class: 'button button-secondary button-small', onclick: () => row.remove() }, '削除'));
  return row;
}

function adjacencyRows(section) {
  return [...section.querySelectorAll('[data-pair]')].map((r) => ({ municipality: r.querySelector('select[name="a"]').value, neighbour: r.querySelector('select[name="b"]').value }))
    .filter((p) => p.municipality || p.neighbour);
}

async function renderSection(kind) {
  const r = await api('GET', `/api/v1/region/${kind.code}?prefecture=${pref}`);
  if (r.status !== 200) { showError(errorMessage(r)); return el('section'); }
  const rows = r.json.rows;
  const body = el('div', { class: 'region-body' });
  let add = null;
  if (kind.group) {
    const groups = new Map();
    for (const x of rows) {
      if (!groups.has(x.name)) groups.set(x.name, new Set());
      groups.get(x.name).add(x.municipality);
    }
    body.append(...[...groups].map(([name, set]) => groupCard(kind, name, set)));
    add = el('button', { type: 'button', class: 'button button-secondary', dataset: { add: kind.code }, onclick: () => body.append(groupCard(kind)) }, `＋ ${kind.label}を追加`);
  } else if (kind.code === 'population') {
    body.append(...populationTable(rows));
  } else if (kind.code === 'offices') {
    body.append(...officeTable(rows));
  } else {
    body.append(...rows.map((x) => pairRow(x.municipality, x.neighbour)));
    add = el('button', { type: 'button', class: 'button button-secondary', dataset: { add: kind.code }, onclick: () => body.append(pairRow()) }, '＋ 隣接を追加');
  }
  const fileId = uid('file');
  const file = el('input', { id: fileId, type: 'file', accept: '.csv,.xlsx,text/csv', class: 'file-input' });
  const exp = (q, label) => el('a', { class: 'button button-secondary button-small', href: `/api/v1/region/${kind.code}/export?prefecture=${pref}${q}`, download: '' }, label);
  const section = el('section', { class: 'panel region-section', id: `sec-${kind.code}`, dataset: { kind: kind.code } },
    el('h2', {}, kind.label), el('p', { class: 'hint' }, kind.help), body,
    el('div', { class: 'region-actions' }, add,
      el('button', { type: 'button', class: 'button', dataset: { save: kind.code } }, `${kind.label}を保存`)),
    el('div', { class: 'region-actions' },
      el('label', { for: fileId, class: 'file' }, 'ファイルから取り込む（CSV・Excel）'), file,
      exp('', 'CSV（UTF-8）'), exp('&encoding=cp932', 'CSV（Shift_JIS）'), exp('&format=xlsx', 'Excel')));
  section.querySelector('[data-save]').addEventListener('click', async () => {
    const out = kind.group ? groupRows(section) : kind.code === 'population' ? populationRows(section)
      : kind.code === 'offices' ? officeRows(section) : adjacencyRows(section);
    const res = await api('PUT', `/api/v1/region/${kind.code}?prefecture=${pref}`, { rows: out });
    if (done(kind, res)) await refresh(kind);
  });
  file.addEventListener('change', async () => {
    if (!file.files.length) return;
    const res = await upload(kind.code, file.files[0]);
    file.value = '';
    if (done(kind, res)) await refresh(kind);
  });
  return section;
}

async function refresh(kind) {
  const old = $(`sec-${kind.code}`);
  const fresh = await renderSection(kind);
  old.replaceWith(fresh);
}

async function load() {
  munis = (await municipalities(pref)).filter((m) => m.type !== 'prefecture');
  $('to-coverage').href = '/coverage?prefecture=' + pref;
  const sections = [];
  for (const k of KINDS) sections.push(await renderSection(k));
  $('sections').replaceChildren(...sections);
}

start(async () => {
  const s = await requireCan('region_write', '地域の設定');
  if (!s) return;
  const prefs = await prefectures();
  pref = pageQuery().get('prefecture') || s.user.prefecture || '08';
  $('prefecture').replaceChildren(...prefs.map((p) => el('option', { value: p.code, selected: p.code === pref }, `${p.code} ${p.name}`)));
  $('prefecture').addEventListener('change', async () => {
    pref = $('prefecture').value;
    history.replaceState(null, '', '/region?prefecture=' + pref);
    await load();
  });
  await load();
});
