// 変更履歴 of an institution (issue 12 §8): who changed what and when, before → after, from the
// audit trail (GET /api/v1/facilities/{id}/history). Shown to those who may change the institution.
import { api, codes, el, fmtDateTime, may, pageQuery, session, showNotice } from './common.js';

// Japanese labels of the fields of the institution's JSON form (the API's keys stay out of sight).
const FIELD = {
  kind: '種別', name: '名称', kana: 'フリガナ', legal_entity: '法人', medical_code: '医療機関コード', postal_code: '郵便番号',
  address: '住所', municipality: '市町村', lat: '緯度', lon: '経度', coord_source: '座標の出典', coord_precision: '座標の精度',
  coord_date: '座標の日付', phone: '電話番号', fax: 'FAX', beds: '病床数', h24: '24時間対応', home_care: '訪問診療',
  capabilities: '対応可能な処置', standards: '施設基準', note: '備考', practitioners: '従事者',
};
const ACTION = { create: '登録', update: '変更', delete: '削除', import: '取込' };
const SKIP = new Set(['id', 'updated_at', 'created_at', 'kind_label', 'legal_entity_id', 'filings', 'municipality_name']);

function show(v, key, c) {
  if (v === null || v === undefined || v === '') return '（なし）';
  if (typeof v === 'boolean') return v ? 'あり' : 'なし';
  if (Array.isArray(v)) {
    const map = key === 'capabilities' ? c.label.capabilities : key === 'standards' ? c.label.standards : null;
    return v.length ? v.map((x) => (typeof x === 'object' ? (x.name || JSON.stringify(x)) : (map && map.get(x)) || x)).join('、') : '（なし）';
  }
  if (key === 'kind') return c.label.kinds.get(v) || v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The changed fields of one audit row as "項目: 前 → 後" lines. */
function changes(row, c) {
  const b = row.before || {}, a = row.after || {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !SKIP.has(k));
  const diff = keys.filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null));
  if (row.action === 'create') return [el('li', {}, '新規登録')];
  if (row.action === 'delete') return [el('li', {}, '削除')];
  if (!diff.length) return [el('li', { class: 'muted' }, '項目の変更なし')];
  return diff.map((k) => el('li', {}, el('strong', {}, FIELD[k] || k), `: ${show(b[k], k, c)} → ${show(a[k], k, c)}`));
}

async function main() {
  // 「保存しました」 after the edit form saved this institution (edit.js)
  let saved = null;
  try { saved = sessionStorage.getItem('zt_saved'); sessionStorage.removeItem('zt_saved'); } catch { /* private mode */ }
  if (saved) showNotice(saved);
  const id = pageQuery().get('id');
  if (!id) return;
  const s = await session();
  if (!may(s, 'registry_write')) return;
  // outside the user's district the page stays as it is: the server says so (no refused request)
  const f = await api('GET', `/api/v1/facilities/${encodeURIComponent(id)}`);
  if (f.status !== 200 || !(f.json.may && f.json.may.registry_write)) return;
  const [r, c] = await Promise.all([api('GET', `/api/v1/facilities/${encodeURIComponent(id)}/history`), codes()]);
  if (r.status !== 200) return;
  const items = r.json.items;
  document.querySelector('#history-table tbody').replaceChildren(...items.map((row) => el('tr', { dataset: { id: String(row.id) } },
    el('td', { class: 'nowrap' }, fmtDateTime(row.at)),
    el('td', {}, row.actor_username === 'system' ? 'システム' : row.actor_username || '—'),
    el('td', {}, ACTION[row.action] || row.action),
    el('td', {}, el('ul', { class: 'history-changes' }, changes(row, c))))));
  document.getElementById('history-empty').hidden = items.length > 0;
  document.getElementById('history').hidden = false;
}

main();
