// 監査記録: the audit trail for those who may read it (audit_read: admins everywhere, coordinators
// their district's municipalities — the API decides). Filters are kept in the URL, so that other
// pages can link here (the patient page: 「閲覧・変更の記録」 → ?object_type=patient&object_id=N).
// Dates are Japan's calendar days; the API's bounds are UTC instants, converted here.
import { api, el, fmtDateTime, pageQuery, requireCan, clearAlert, start } from './common.js';
import { clearErrors, showRefusal } from './form-fields.js';

// Labels of the roles (src/domain/role.c) and of the actor of the command line / the server itself.
const ROLE = {
  admin: 'システム管理者', prefecture: '都道府県・保健所', coordinator: '在宅医療コーディネータ', doctor: '医師',
  nurse: '訪問看護師', hospital: '病院（地域連携室）', system: 'システム', cli: 'コマンド',
};
const ACTION = {
  create: '登録', update: '変更', delete: '削除', read: '閲覧', read_fhir: 'FHIR出力', read_substitutes: '代診候補の閲覧', read_call_chain: '連絡順の閲覧',
  read_candidates: '受入候補の閲覧', read_batch_proposal: '一括マッチング案の閲覧', read_report: '報告の閲覧',
  sign_in: 'ログイン', sign_in_failed: 'ログイン失敗', sign_out: 'ログアウト', import: '取込', import_update: '取込による変更',
  publish: '公表', unpublish: '公表の取下げ', revoke: '取消し', revalidate: '要件の再確認', solve: '当番表の計算',
  send: '送付', close: '締切', decide: '決定', cancel: '取消し', withdraw: '取下げ', nominate: '推薦', upload: 'ファイルの登録',
  end: '終了', flag: '要確認', unflag: '要確認の解除', encrypt: '暗号化', positions: '位置の登録',
};
// The kinds of object most looked for first; any other kind the API returns is shown by its code.
const OBJECT = {
  patient: '患者', care_team: 'ケアチーム', referral: '退院調整', referral_batch: '一括マッチング', absence: '不在',
  substitution: '代診', duty: '当番', rota: '当番表', backup_registration: '在宅療養後方支援病院の登録',
  backup_exchange: '後方支援病院との情報交換', beds: '後方病床', network_rule: '後方支援の取り決め', facility: '機関',
  group: 'グループ', designation: '位置付け', user: '利用者', token: 'APIトークン', ical_feed: 'カレンダー購読',
  survey: 'アンケート', survey_response: 'アンケート回答', training: '導入研修', meeting: '会議', clinic_stage: '診療所の段階',
  institution_visit: '訪問', award: '顕彰', plan: '事業計画', operator: '事業者', subsidy_expense: '補助金の支出',
  subsidy_caps: '補助上限額', boundary: '行政区域', import: '名簿の取込',
};
// Pages that show one object of a kind.
const PAGE = {
  patient: '/patient?id=', facility: '/facility?id=', group: '/group?id=', referral: '/referral?id=',
  training: '/training?id=', survey: '/survey?id=',
};
const FIELDS = ['from', 'to', 'object_type', 'object_id', 'actor'];

/** A Japan calendar day "YYYY-MM-DD" as the UTC instant of its first (or last) second. */
function jstBound(day, end) {
  const t = new Date(`${day}T${end ? '23:59:59' : '00:00:00'}+09:00`);
  return Number.isNaN(t.getTime()) ? '' : t.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The API query of the filters in the page's URL. */
function apiQuery(q) {
  const out = new URLSearchParams();
  for (const k of FIELDS) {
    const v = (q.get(k) || '').trim();
    if (!v) continue;
    out.set(k, k === 'from' || k === 'to' ? jstBound(v, k === 'to') || v : v);
  }
  return out;
}

function objectCell(row) {
  if (!row.object_type) return '—';
  const label = OBJECT[row.object_type] || row.object_type;
  if (!row.object_id) return label;
  const text = `${label} ${row.object_id}`;
  return PAGE[row.object_type] && row.action !== 'delete' ? el('a', { href: PAGE[row.object_type] + row.object_id }, text) : text;
}

/** What changed: the keys whose values differ, and the before / after JSON on demand. */
function contentCell(row) {
  const b = row.before, a = row.after;
  if (b === null && a === null) return '';
  const keys = [...new Set([...Object.keys(b || {}), ...Object.keys(a || {})])]
    .filter((k) => JSON.stringify((b || {})[k] ?? null) !== JSON.stringify((a || {})[k] ?? null));
  const summary = row.action === 'update' && b && a && typeof b === 'object' && typeof a === 'object'
    ? (keys.length ? `変更した項目: ${keys.join('、')}` : '項目の変更なし') : '詳細';
  const show = (v) => (v === null || v === undefined ? '（なし）' : JSON.stringify(v, null, 1));
  return el('details', {},
    el('summary', {}, summary),
    el('p', {}, el('strong', {}, '変更前')), el('pre', { class: 'audit-json' }, show(b)),
    el('p', {}, el('strong', {}, '変更後')), el('pre', { class: 'audit-json' }, show(a)));
}

function rowOf(r) {
  const who = r.actor_username || '—';
  return el('tr', { dataset: { id: String(r.id), action: r.action } },
    el('td', { class: 'nowrap' }, fmtDateTime(r.at)),
    el('td', {}, who, el('br'), el('span', { class: 'muted' }, ROLE[r.actor_role] || r.actor_role || '')),
    el('td', {}, ACTION[r.action] || r.action),
    el('td', {}, objectCell(r)),
    el('td', {}, r.remote_addr === 'cli' ? 'コマンド' : r.remote_addr || '—'),
    el('td', {}, contentCell(r)));
}

let shown = 0;
let nextBefore = null;

async function load(more) {
  clearAlert();
  const q = apiQuery(pageQuery());
  q.set('limit', '100');
  if (more && nextBefore) q.set('before_id', String(nextBefore));
  const r = await api('GET', '/api/v1/audit?' + q);
  if (r.status !== 200) { showRefusal(document.getElementById('audit-form'), r); return; }
  clearErrors(document.getElementById('audit-form'));
  const body = document.querySelector('#audit tbody');
  const rows = r.json.items.map(rowOf);
  if (more) body.append(...rows); else body.replaceChildren(...rows);
  shown = (more ? shown : 0) + rows.length;
  nextBefore = r.json.next_before_id || null;
  document.getElementById('count').textContent = shown ? `${shown}件を表示（新しい順）` : '';
  document.getElementById('empty').hidden = shown > 0;
  document.getElementById('more').hidden = !nextBefore;
  const csv = apiQuery(pageQuery());
  csv.set('limit', '100000');
  document.getElementById('csv-link').href = '/api/v1/audit.csv?' + csv;
}

start(async () => {
  if (!await requireCan('audit_read', '監査記録')) return;
  const type = document.getElementById('a-type');
  type.replaceChildren(el('option', { value: '' }, 'すべて'),
    ...Object.entries(OBJECT).map(([code, label]) => el('option', { value: code }, label)));
  const q = pageQuery();
  const form = document.getElementById('audit-form');
  for (const k of FIELDS) {
    const v = q.get(k) || '';
    if (k === 'object_type' && v && !OBJECT[v]) type.append(el('option', { value: v }, v)); // a kind linked from elsewhere
    form.elements[k].value = v;
  }
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams();
    for (const k of FIELDS) {
      const v = String(form.elements[k].value || '').trim();
      if (v) next.set(k, v);
    }
    history.replaceState(null, '', location.pathname + (next.toString() ? '?' + next : ''));
    await load(false);
  });
  document.getElementById('more').addEventListener('click', () => load(true));
  await load(false);
});
