// 名簿・一覧の取込 (issue 12 §4–5): upload a 地方厚生局 施設基準 list or a file exported from the
// registry, see the dry run (counts, bad lines by number, unknown 受理記号) and what changes against
// the registry, then confirm — the confirmation sends the same file with the preview's hashes, so
// it applies exactly the previewed change or is refused when the registry changed in between.
import { api, el, errorMessage, fmtDateTime, fmtWareki, requireCan, session, showError, showNotice, clearAlert, start } from './common.js';

const $ = (id) => document.getElementById(id);
const KIND_LABEL = { 'facility-standards': '施設基準名簿', 'code-list': 'コード内容別医療機関一覧表', facilities: '機関一覧（書き出したファイル）' };
let pending = null; // {kind, file, query}

async function upload(kind, file, query) {
  const s = await session();
  const headers = { Accept: 'application/json', 'Content-Type': file.name.toLowerCase().endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' };
  if (s && s.csrf_token) headers['X-CSRF-Token'] = s.csrf_token;
  const body = await file.arrayBuffer();
  try {
    const r = await fetch(`/api/v1/imports/${kind}?${query}`, { method: 'POST', headers, body, credentials: 'same-origin' });
    let json = null;
    try { json = await r.json(); } catch { /* not JSON */ }
    return { status: r.status, json };
  } catch {
    return { status: 0, json: { error: { message: 'サーバーに接続できません。通信環境を確認してください。' } } };
  }
}

const count = (label, n, id) => el('div', { class: 'stat', id }, el('span', { class: 'stat-label' }, label), el('strong', {}, `${n}`));
const stdTags = (list) => list.map((s) => el('span', { class: 'tag' }, s.ja || s.code));

function errorsTable(errors, total) {
  return [
    el('h3', {}, `誤りのある行（${total}件）`),
    el('p', {}, '誤りが1件でもあるファイルは、何も登録しません。元のファイルを直してから、もう一度選んでください。'),
    el('div', { class: 'table-wrap' }, el('table', { class: 'data', id: 'error-lines' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, '行'), el('th', { scope: 'col' }, '列'), el('th', { scope: 'col' }, '内容'))),
      el('tbody', {}, errors.map((e) => el('tr', {}, el('td', { class: 'num' }, `${e.line}行目`), el('td', {}, e.field || ''), el('td', {}, e.message)))))),
  ];
}

function renderBureau(j) {
  const ch = j.changes;
  const c = ch.counts;
  const out = [
    el('p', {}, `${j.as_of_wareki ? `名簿の日付: ${j.as_of_wareki}現在。` : ''}${j.header_line ? `データ ${j.rows}行（見出し ${j.header_line}行目）、` : ''}${j.institutions}機関${j.header_line ? `、届出 ${j.known_filings + j.unknown_filings}件` : ''}。`),
    el('div', { class: 'stats', id: 'change-counts' },
      count('新しい機関', c.new, 'count-new'), count('変更のある機関', c.changed, 'count-changed'),
      count('変更なし', c.unchanged, 'count-unchanged'), count('名簿から消えた機関', c.ended_institutions, 'count-ended'),
      count('加わる施設基準', c.standards_gained, 'count-gained'), count('失われる施設基準', c.standards_lost, 'count-lost')),
  ];
  if (j.unknown_symbols.length) {
    out.push(el('p', { id: 'unknown-symbols' }, '対応していない受理記号（届出として保存します）: ',
      j.unknown_symbols.map((u) => el('span', { class: 'tag' }, `${u.symbol} ×${u.count}`))));
  }
  if (ch.not_listed && ch.not_listed.length) {
    out.push(el('h3', {}, `一覧表にない機関（${c.not_listed}件。廃止・移転などを確認してください。変更はしません）`),
      el('ul', { id: 'not-listed' }, ch.not_listed.map((x) => el('li', {}, x.name))));
  }
  if (c.suspended) out.push(el('p', { id: 'suspended' }, `休止中の機関: ${c.suspended}件（登録します）`));
  if (ch.ended.length) {
    out.push(el('h3', {}, `名簿から消えた機関（届出は ${ch.ended_on_wareki} で終了）`),
      el('div', { class: 'table-wrap' }, el('table', { class: 'data', id: 'ended' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, '機関'), el('th', { scope: 'col' }, '失われる施設基準'), el('th', { scope: 'col' }, '終了する届出'))),
        el('tbody', {}, ch.ended.map((x) => el('tr', {}, el('td', {}, x.name), el('td', {}, stdTags(x.lost)), el('td', {}, x.filings_ended.join('、'))))))));
  }
  if (ch.changed.length) {
    out.push(el('h3', {}, '変更のある機関'),
      el('div', { class: 'table-wrap' }, el('table', { class: 'data', id: 'changed' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, '行'), el('th', { scope: 'col' }, '機関'), el('th', { scope: 'col' }, '変更'))),
        el('tbody', {}, ch.changed.map((x) => el('tr', {}, el('td', { class: 'num' }, `${x.line}行目`), el('td', {}, x.name),
          el('td', {},
            x.fields.map((f) => el('div', {}, `${f.label}: 「${f.before}」→「${f.after}」`)),
            x.gained.length ? el('div', {}, '加わる施設基準: ', stdTags(x.gained)) : null,
            x.lost.length ? el('div', {}, '失われる施設基準: ', stdTags(x.lost)) : null,
            x.filings_ended.length ? el('div', {}, `終了する届出: ${x.filings_ended.join('、')}`) : null,
            !x.fields.length && !x.gained.length && !x.lost.length && !x.filings_ended.length ? el('div', {}, '届出の内容（受理番号・算定開始日など）') : null)))))));
  }
  if (ch.new.length) {
    out.push(el('h3', {}, '新しい機関'),
      el('ul', { id: 'new-list' }, ch.new.map((x) => el('li', {}, `${x.line}行目 ${x.name} `, stdTags(x.standards)))));
  }
  if (ch.truncated) out.push(el('p', { class: 'hint' }, '一覧は各2,000件までを表示しています（件数はすべてを数えています）。'));
  return out;
}

const FIELD_LABEL = {
  kind: '種別', name: '名称', kana: 'ふりがな', legal_entity: '法人名', medical_code: '医療機関コード', postal_code: '郵便番号',
  address: '所在地', municipality: '市町村コード', lat: '緯度', lon: '経度', coord_source: '位置の出典', coord_precision: '位置の精度',
  coord_date: '位置の日付', phone: '電話番号', fax: 'FAX番号', beds: '病床数', h24: '24時間対応', home_care: '訪問診療',
  capabilities: '対応可能な処置', standards: '施設基準', note: '備考',
};
const show = (v) => (v === null || v === undefined ? '（空欄）' : Array.isArray(v) ? v.join('、') || '（なし）' : typeof v === 'boolean' ? (v ? 'あり' : 'なし') : String(v));

function renderFacilities(j) {
  const c = j.counts;
  const out = [
    el('p', {}, `データ ${j.rows}行。`),
    el('div', { class: 'stats', id: 'change-counts' },
      count('新しい機関', c.new, 'count-new'), count('変更のある機関', c.changed, 'count-changed'), count('変更なし', c.unchanged, 'count-unchanged')),
  ];
  if (j.changed.length) {
    out.push(el('h3', {}, '変更のある機関'),
      el('div', { class: 'table-wrap' }, el('table', { class: 'data', id: 'changed' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, '行'), el('th', { scope: 'col' }, '機関'), el('th', { scope: 'col' }, '変更'))),
        el('tbody', {}, j.changed.map((x) => el('tr', {}, el('td', { class: 'num' }, `${x.line}行目`), el('td', {}, x.name),
          el('td', {}, Object.keys(x.after).map((k) => el('div', {}, `${FIELD_LABEL[k] || k}: 「${show(x.before[k])}」→「${show(x.after[k])}」`)))))))));
  }
  if (j.new.length) out.push(el('h3', {}, '新しい機関'), el('ul', { id: 'new-list' }, j.new.map((x) => el('li', {}, `${x.line}行目 ${x.name}`))));
  return out;
}

async function preview(ev) {
  ev.preventDefault();
  clearAlert();
  const file = $('file').files[0];
  if (!file) { showError('ファイルを選んでください。'); return; }
  const kind = new FormData($('upload-form')).get('kind');
  $('preview-button').disabled = true;
  const pref = $('prefecture').value.trim();
  const extra = kind === 'code-list' && pref ? `&prefecture=${encodeURIComponent(pref)}` : '';
  const r = await upload(kind, file, 'dry_run=1' + extra);
  $('preview-button').disabled = false;
  $('preview').hidden = false;
  $('confirm-button').hidden = true;
  pending = null;
  if (r.status === 422 && r.json && r.json.errors) {
    $('preview-body').replaceChildren(el('p', { class: 'alert alert-error' }, r.json.error.message),
      ...errorsTable(r.json.errors, (r.json.summary && r.json.summary.error_count) || r.json.errors.length));
    return;
  }
  if (r.status !== 200) {
    $('preview-body').replaceChildren(el('p', { class: 'alert alert-error' }, errorMessage(r)));
    return;
  }
  const j = r.json;
  const ch = kind === 'facilities' ? j : j.changes;
  $('preview-body').replaceChildren(...(kind === 'facilities' ? renderFacilities(j) : renderBureau(j)));
  const nothing = kind !== 'facility-standards' ? ch.counts.new + ch.counts.changed === 0
    : ch.counts.new + ch.counts.changed + ch.counts.ended_institutions === 0;
  if (nothing) {
    $('preview-body').append(el('p', { class: 'alert alert-info', id: 'nothing' }, '登録内容に変わるところはありません。'));
  }
  const q = new URLSearchParams({ confirm: ch.registry_hash, file_name: file.name });
  if (kind !== 'facilities') q.set('sha256', ch.file_sha256);
  if (extra) q.set('prefecture', pref);
  pending = { kind, file, query: q.toString() };
  $('confirm-button').hidden = false;
}

async function confirm() {
  if (!pending) return;
  $('confirm-button').disabled = true;
  const r = await upload(pending.kind, pending.file, pending.query);
  $('confirm-button').disabled = false;
  if (r.status !== 200) {
    showError(r.status === 409 ? errorMessage(r) : '登録できませんでした: ' + errorMessage(r));
    return;
  }
  pending = null;
  $('preview').hidden = true;
  $('upload-form').reset();
  showNotice('登録しました。');
  await history();
}

async function history() {
  const r = await api('GET', '/api/v1/imports');
  if (r.status !== 200) return;
  $('history').tBodies[0].replaceChildren(...r.json.items.map((x) => el('tr', {},
    el('td', { class: 'nowrap' }, fmtDateTime(x.imported_at)), el('td', {}, KIND_LABEL[x.kind] || x.kind),
    el('td', {}, x.file_name || ''), el('td', { class: 'nowrap' }, x.as_of ? fmtWareki(x.as_of) + '現在' : ''),
    el('td', { class: 'num' }, x.inserted), el('td', { class: 'num' }, x.updated), el('td', { class: 'num' }, x.unchanged),
    el('td', { class: 'num' }, x.ended), el('td', {}, x.actor_name || ''))));
}

start(async () => {
  if (!(await requireCan('import', '名簿・一覧の取込'))) return;
  $('upload-form').addEventListener('submit', preview);
  $('confirm-button').addEventListener('click', confirm);
  $('cancel-button').addEventListener('click', () => { pending = null; $('preview').hidden = true; });
  await history();
});
