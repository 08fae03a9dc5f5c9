// 機関の詳細: every attribute of one institution with Japanese labels, its standards and
// capabilities, the coordinate with its source, practitioners and bureau filings (unknown
// 受理記号 included and marked, never hidden).
import { COORD_PRECISION, COORD_SOURCE, api, codes, el, errorMessage, fmtDate, fmtDateTime, may, municipalityName, pageQuery, session, showError, start } from './common.js';

const $ = (id) => document.getElementById(id);
const ROLE = { doctor: '医師', nurse: '看護師', coordinator: 'コーディネータ', pharmacist: '薬剤師', dentist: '歯科医師', care_manager: 'ケアマネジャー', therapist: 'リハビリ職', msw: 'MSW' };
const none = () => el('span', { class: 'muted' }, '未登録');

function props(dl, rows) {
  dl.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v === '' || v === null || v === undefined ? none() : v)]));
}

/** A tri-state fact (issue 12 §3): true 対応あり, false 対応なし, null 未確認. */
function yesNo(b, yes, no) {
  if (b === null) return el('span', { class: 'badge badge-unknown' }, '未確認');
  return b ? el('span', { class: 'badge badge-ok' }, yes) : el('span', { class: 'badge badge-off' }, no);
}

/** Who confirmed each fact when: one row per fact, 未確認 ones included. */
function renderFacts(f, c) {
  const rec = new Map((f.confirmations || []).map((x) => [x.fact, x]));
  const unknown = new Set(f.capabilities_unknown || []);
  const held = new Set(f.capabilities);
  const facts = [['h24', '24時間対応', f.h24], ['home_care', '訪問診療・訪問サービス', f.home_care],
    ...c.capabilities.map((cap) => [cap.code, cap.label, unknown.has(cap.code) ? null : held.has(cap.code)])];
  $('facts').tBodies[0].replaceChildren(...facts.map(([code, label, v]) => {
    const r = rec.get(code);
    return el('tr', { dataset: { fact: code } }, el('td', {}, label), el('td', {}, yesNo(v, '対応あり', '対応なし')),
      el('td', {}, r ? (r.confirmed_by === 'system' ? 'システム（取込・初期設定）' : r.confirmed_by) : (v === null ? '' : '記録なし')),
      el('td', { class: 'nowrap' }, r ? fmtDateTime(r.confirmed_at) : ''));
  }));
  $('facts').closest('section').hidden = false;
}

start(async () => {
  const id = pageQuery().get('id') || '';
  if (!/^[1-9][0-9]{0,17}$/.test(id)) {
    showError('機関のID（id）が指定されていません。一覧から機関を選んでください。');
    return;
  }
  const [c, r, s] = await Promise.all([codes(), api('GET', '/api/v1/facilities/' + id), session()]);
  if (r.status !== 200) {
    showError(r.status === 404 ? 'この機関は見つかりません。削除された可能性があります。' : errorMessage(r));
    return;
  }
  const f = r.json;
  document.title = `${f.name} — 在宅医療・介護 地域資源`;
  $('crumb').textContent = f.name;
  $('f-kind').textContent = c.label.kinds.get(f.kind) || f.kind;
  $('f-name').textContent = f.name;
  $('f-kana').textContent = f.kana || '';
  $('edit-link').href = '/edit?id=' + f.id;
  $('map-link').href = '/map?focus=' + f.id;
  if (f.lat === null) $('map-link').hidden = true;
  // Editing and deleting only for roles that may write the registry (the API checks the scope).
  const writer = may(s, 'registry_write');
  $('edit-link').hidden = !writer;
  $('delete').hidden = !writer;
  // Names of practitioners are not public information: the public sees institutions only.
  $('practitioners').closest('section').hidden = !s;
  const muni = await municipalityName(f.municipality);
  props($('basic'), [
    ['種別', c.label.kinds.get(f.kind) || f.kind],
    ['名称', f.name],
    ['フリガナ', f.kana],
    ['法人', f.legal_entity],
    ['法人番号', f.legal_entity_number],
    ['医療機関コード', f.medical_code ? el('span', { class: 'mono' }, f.medical_code) : ''],
    ['電話番号', f.phone ? el('a', { href: 'tel:' + f.phone.replace(/[^0-9+]/g, '') }, f.phone) : ''],
    ['FAX番号', f.fax],
    ['病床数', f.beds ? `${f.beds}床` : '0床（無床）'],
    ['24時間対応', yesNo(f.h24, '対応あり', '対応なし')],
    ['訪問（在宅）対応', yesNo(f.home_care, '行っている', '行っていない')],
    ['備考', f.note ? el('span', { class: 'pre' }, f.note) : ''],
    ['登録日時', fmtDateTime(f.created_at)],
    ['更新日時', fmtDateTime(f.updated_at)],
  ]);
  props($('coord'), [
    ['郵便番号', f.postal_code ? '〒' + f.postal_code : ''],
    ['住所', f.address],
    ['市町村', f.municipality ? `${muni}（${f.municipality}）` : ''],
    ['緯度・経度', f.lat !== null ? el('span', { class: 'mono' }, `${f.lat.toFixed(5)}, ${f.lon.toFixed(5)}`) : ''],
    ['座標の出典', f.coord_source ? (COORD_SOURCE[f.coord_source] || f.coord_source) : ''],
    ['座標の精度', f.coord_precision ? (COORD_PRECISION[f.coord_precision] || f.coord_precision) : ''],
    ['座標の取得日', fmtDate(f.coord_date)],
  ]);
  $('standards').replaceChildren(...(f.standards.length
    ? f.standards.map((s) => el('li', { class: 'tag' }, c.label.standards.get(s) || s))
    : [el('li', { class: 'muted' }, '届出のある施設基準はありません。')]));
  const held = new Set(f.capabilities);
  const unknownCaps = new Set(f.capabilities_unknown || []);
  const capState = (code) => held.has(code) ? 'yes' : unknownCaps.has(code) ? 'unknown' : 'no';
  $('capabilities').replaceChildren(...c.capabilities.map((cap) => el('li', { class: capState(cap.code) },
    el('span', { class: 'mark', 'aria-hidden': 'true' }, { yes: '✓', no: '–', unknown: '?' }[capState(cap.code)]),
    el('span', {}, cap.label),
    el('span', { class: 'visually-hidden' }, { yes: '（対応可）', no: '（対応なし）', unknown: '（未確認）' }[capState(cap.code)]))));
  if (f.confirmations) renderFacts(f, c);
  const prac = f.practitioners || [];
  $('practitioners').tBodies[0].replaceChildren(...(prac.length ? prac.map((p) => el('tr', {},
    el('td', {}, ROLE[p.role] || p.role || ''), el('td', {}, p.name || ''), el('td', {}, p.kana || ''),
    el('td', {}, p.specialty || ''), el('td', {}, p.active === false || p.active === 0 ? '退職・休止' : '在籍'))) : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, '登録されている従事者はいません。'))]));
  const fil = f.filings || [];
  $('filings').tBodies[0].replaceChildren(...(fil.length ? fil.map((x) => el('tr', { class: x.known ? '' : 'unknown' },
    el('td', { class: 'mono' }, x.symbol || ''), el('td', {}, x.filing_name || ''), el('td', { class: 'mono' }, x.number || ''),
    el('td', {}, fmtDate(x.start_date)),
    el('td', {}, x.known ? el('span', { class: 'badge badge-ok' }, '施設基準に反映') : el('span', { class: 'badge badge-warn', title: 'この受理記号はまだ施設基準に対応付けられていません' }, '未対応の受理記号')))) : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, '届出の記録はありません。'))]));
  const ended = f.filings_ended || [];
  $('filings-ended-box').hidden = ended.length === 0;
  $('filings-ended').tBodies[0].replaceChildren(...ended.map((x) => el('tr', {},
    el('td', { class: 'mono' }, x.symbol || ''), el('td', {}, x.filing_name || ''), el('td', {}, fmtDate(x.start_date)),
    el('td', {}, fmtDate(x.ended_on)))));
  $('delete').addEventListener('click', async () => {
    if (!window.confirm(`「${f.name}」を削除します。よろしいですか？（元に戻せません）`)) return;
    $('delete').disabled = true;
    const d = await api('DELETE', '/api/v1/facilities/' + f.id);
    $('delete').disabled = false;
    if (d.status === 204) {
      try { sessionStorage.setItem('zt_notice', `「${f.name}」を削除しました。`); } catch { /* private mode */ }
      location.assign('/');
      return;
    }
    // 409: still referenced (a group, a designation …): the API says by what.
    showError('削除できませんでした。' + errorMessage(d));
  });
  $('facility').hidden = false;
});
