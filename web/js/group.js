// グループの作成・編集 (seed 000): step by step — basic info → members picked from the registry →
// 拠点 and 積極的役割 → agreement with its PDF → check, certificates and the three initiatives.
// Every save answers with the group and its validation, shown live in the side panel.
import { api, clearAlert, codes, el, errorMessage, fmtFiscalPeriod, fmtWareki, guardUnsaved, may, pageQuery, requireCan, session, showError, showNotice, showSaved, start } from './common.js';

const $ = (id) => document.getElementById(id);

let groupRoles = []; // [{code, label}] of GET /api/v1/codes (group_roles), loaded at start
const DEFAULT_ROLE = {
  clinic: 'member_medical', hospital: 'backup_hospital', nurse_station: 'nurse_station', dental: 'partner_dental',
  pharmacy: 'partner_pharmacy', visit_rehab: 'partner_rehab', care_management: 'partner_care_management',
  municipality: 'partner_municipality', community_support: 'partner_municipality', health_centre: 'partner_municipality',
};

let group = null;     // the stored group (GET /api/v1/groups/{id})
let members = [];     // the member list being edited: {institution_id, name, kind, legal_entity, role}
let kindLabel = new Map();
/** The agreement dates also in 和暦 under their fields (as on the agreement and the certificates). */
const DATE_FIELDS = ['a-signed', 'a-from', 'a-to'];
function showWareki() {
  for (const id of DATE_FIELDS) {
    const hint = $(id + '-wareki');
    if (hint) hint.textContent = $(id).value ? fmtWareki($(id).value) : '';
  }
}

let canWrite = true;  // false: roles that may read groups but not change them (医師・訪問看護師・都道府県)
let canPublish = false; // 公表 (issue 12 §8): prefecture staff and admins
let guard = null;       // unsaved changes of the forms (common.js guardUnsaved)
const MEDICAL_ROLES = ['member_medical', 'backup_hospital', 'specialist_clinic']; // may take 積極的役割 (docs/seed000.md)
const PARTY_ROLES = ['member_medical', 'nurse_station']; // conclude the 協定 (seed 000 §2)

/** Read-only view: the controls of the stored group cannot be changed (groups.css hides the
 *  save buttons, the member search and the initiative form under .read-only). */
function lockForm() {
  for (const c of document.querySelectorAll('#basic input, #basic textarea, #members select, #base, #active input, #agreement input, #agreement textarea, #a-doc, #init-form input, #init-form select, #init-form textarea')) c.disabled = true;
}

function roleSelect(value, id) {
  return el('select', { id, 'aria-label': '役割' }, groupRoles.map((r) => el('option', { value: r.code, selected: r.code === value }, r.label)));
}

function showStep(n) {
  for (let i = 1; i <= 5; i++) $(`step-${i}`).hidden = i !== n;
  for (const b of document.querySelectorAll('#steps button')) {
    b.setAttribute('aria-current', Number(b.dataset.step) === n ? 'step' : 'false');
    b.disabled = !group && Number(b.dataset.step) > 1;
  }
  if (n === 5) loadInitiatives();
}

function fail(r) {
  const e = r.json && r.json.error;
  showError(errorMessage(r) + (e && e.field ? `（項目: ${e.field}）` : ''));
}

function renderValidation(v) {
  const box = $('validation');
  const list = el('ul', { class: 'problems' }, v.problems.map((p) => el('li', { class: p.severity, dataset: { code: p.code } },
    // On screen only Japanese: 要件 / 推奨 and the message (the problem code stays in data-code).
    el('span', { class: 'severity' }, p.severity === 'error' ? '要件' : '推奨'), p.message)));
  box.replaceChildren(
    el('p', {}, v.valid ? el('span', { class: 'badge badge-ok', id: 'valid-badge' }, '要件を満たしています（認定）')
      : el('span', { class: 'badge badge-warn', id: 'valid-badge' }, '要件を満たしていません')),
    v.problems.length ? list : el('p', { class: 'muted' }, '指摘事項はありません。'));
}

function render() {
  const g = group;
  $('title').textContent = g.name;
  $('crumb').textContent = g.name;
  document.title = `${g.name} — グループ — 在宅医療・介護 地域資源`;
  $('cert-state').replaceChildren(g.certified ? el('span', { class: 'badge badge-ok', id: 'certified' }, '認定グループ')
    : el('span', { class: 'badge badge-warn', id: 'certified' }, '未認定'),
  ' ', g.published ? el('span', { class: 'badge badge-ok', id: 'published' }, '公表中')
    : el('span', { class: 'badge badge-off', id: 'published' }, g.certified ? '公表待ち' : '下書き'));
  $('g-name').value = g.name;
  $('g-note').value = g.note || '';
  $('g-formed').value = g.formed_on || '';
  $('g-kind-providers').checked = g.kind !== 'municipality_centred';
  $('g-kind-municipality').checked = g.kind === 'municipality_centred';
  renderEntities(g.entities || []);
  renderParties();
  renderPublish();
  members = g.members.map((m) => ({ ...m }));
  renderMembers();
  renderRoles();
  if (!canWrite) queueMicrotask(lockForm);
  const a = g.agreement || {};
  $('a-signed').value = a.signed_on || '';
  $('a-from').value = a.valid_from || '';
  $('a-to').value = a.valid_to || '';
  $('a-parties').value = a.parties || '';
  showWareki();
  $('a-period').textContent = agreementPeriod(a);
  $('doc-link').hidden = !a.has_document;
  $('doc-link').href = `/api/v1/groups/${g.id}/agreement/document`;
  renderValidation(g.validation);
  $('check-summary').replaceChildren(g.validation.valid
    ? el('p', { class: 'alert alert-info' }, g.published ? 'このグループは要件を満たし公表されており、構成機関ごとに機関証が交付されています。'
      : 'このグループは要件を満たしています。公表されると、構成機関ごとに機関証が交付されます。')
    : el('p', { class: 'alert alert-error' }, '要件を満たしていないため、公表できず、機関証は交付されません（右の要件チェックを参照）。'));
  $('certs').tBodies[0].replaceChildren(...g.certificates.map((c) => el('tr', { class: c.status },
    el('td', {}, c.institution_name), el('td', { class: 'mono' }, c.number, el('br'), el('small', {}, c.fiscal_year ? fmtFiscalPeriod(String(c.fiscal_year)) : '')),
    el('td', {}, c.status === 'valid' ? el('span', { class: 'badge badge-ok' }, '有効') : el('span', { class: 'badge badge-off' }, '失効')),
    el('td', {}, c.status === 'valid' ? el('a', { href: `/api/v1/groups/${g.id}/certificates/${c.institution_id}.pdf`, class: 'cert-link' }, 'PDFを開く') : ''))));
}

/** The validity period of the 協定 with the days left (warnings 60 and 30 days ahead come from the server). */
function agreementPeriod(a) {
  if (!a.signed_on) return '';
  const to = a.valid_to ? fmtWareki(a.valid_to) : '定めなし';
  let left = '';
  if (a.valid_to) {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const days = Math.round((Date.parse(a.valid_to) - Date.parse(today)) / 86400000);
    left = days < 0 ? '（期間が終了しています）' : `（あと${days}日）`;
  }
  return `有効期間: ${a.valid_from ? fmtWareki(a.valid_from) : fmtWareki(a.signed_on)} 〜 ${to}${left}`;
}

/** Which members the rules take as one 法人, and why (issue 13 §4). */
function renderEntities(list) {
  $('entities-list').replaceChildren(...(list.length ? list.map((e) => el('div', { class: 'entity', dataset: { ids: e.institution_ids.join(',') } },
    el('p', {}, el('strong', {}, e.names.join('・')), ' は同一法人として数えます。'),
    el('ul', {}, e.reasons.map((r) => el('li', {}, `${r.member}: ${r.reason}`)))))
    : [el('p', { class: 'muted' }, '同一法人として扱う機関はありません。')]));
}

/** The parties of the 協定: checkboxes over the members (the medical members and the station must sign). */
function renderParties() {
  const g = group;
  const ids = (g.agreement && g.agreement.party_ids) || [];
  $('a-party-list').replaceChildren(...(g.members.length ? g.members.map((m) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value: String(m.institution_id), checked: ids.includes(m.institution_id) }),
    `${m.name}（${m.role_label}）`, PARTY_ROLES.includes(m.role) ? el('span', { class: 'tag' }, '締結が必要') : ''))
    : [el('p', { class: 'muted' }, '先に構成機関を追加してください。')]));
}

/** 公表 (issue 12 §8): state and the buttons of the role that may publish. */
function renderPublish() {
  const g = group;
  $('publish-state').replaceChildren(g.published
    ? el('span', { id: 'publish-status' }, `公表中（${fmtDateJst(g.published_at)}に公表）`)
    : el('span', { id: 'publish-status' }, g.certified ? '要件を満たしています。公表待ちです。' : '下書き（要件を満たしていないため公表できません）'));
  $('publish').hidden = !canPublish || g.published;
  $('publish').disabled = !g.certified;
  $('unpublish').hidden = !canPublish || !g.published;
}

function fmtDateJst(ts) {
  if (!ts) return '';
  return fmtWareki(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(ts)));
}

function renderMembers() {
  $('members').tBodies[0].replaceChildren(...members.map((m, i) => el('tr', { dataset: { id: String(m.institution_id) } },
    el('td', {}, m.name), el('td', {}, kindLabel.get(m.kind) || m.kind), el('td', {}, m.legal_entity || '—'),
    el('td', {}, (() => {
      const s = roleSelect(m.role, `role-${m.institution_id}`);
      s.addEventListener('change', () => { m.role = s.value; });
      return s;
    })()),
    el('td', {}, el('button', { type: 'button', class: 'button button-secondary remove', onclick: () => { members.splice(i, 1); renderMembers(); } }, '外す')))));
}

async function renderRoles() {
  const r = await api('GET', '/api/v1/facilities?kind=medical_association&limit=500');
  const opts = [el('option', { value: '' }, '（選択してください）')];
  if (r.status === 200) for (const f of r.json.items) opts.push(el('option', { value: String(f.id), selected: group && f.id === group.base_id }, f.name));
  if (group && group.base && group.base.kind !== 'medical_association') opts.push(el('option', { value: String(group.base_id), selected: true }, group.base.name));
  $('base').replaceChildren(...opts);
  const medical = (group ? group.members : []).filter((m) => (m.kind === 'clinic' || m.kind === 'hospital') && MEDICAL_ROLES.includes(m.role));
  $('active').replaceChildren(...(medical.length ? medical.map((m) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value: String(m.institution_id), checked: group.active_role_ids.includes(m.institution_id) }), `${m.name}（${m.role_label}）`))
    : [el('p', { class: 'muted' }, '先に構成機関（病院・診療所）を追加してください。')]));
}

async function save(method, path, body, next, what) {
  clearAlert();
  const r = await api(method, path, body);
  if (r.status !== 200 && r.status !== 201) { fail(r); return false; }
  group = r.json;
  if (method === 'POST' && path === '/api/v1/groups') history.replaceState(null, '', `/group?id=${group.id}`);
  render();
  if (guard) guard.saved();
  showSaved(what);
  if (next) showStep(next);
  return true;
}

async function publish(on) {
  clearAlert();
  const r = await api(on ? 'POST' : 'DELETE', `/api/v1/groups/${group.id}/publish`, on ? {} : undefined);
  if (r.status !== 200) { fail(r); return; }
  group = r.json;
  render();
  showNotice(on ? '公表しました。構成機関に機関証を交付しました。' : '公表を取り消しました。機関証は失効しました。');
}

async function search(ev) {
  ev.preventDefault();
  const q = new URLSearchParams({ limit: '30' });
  if ($('m-q').value.trim()) q.set('q', $('m-q').value.trim());
  if ($('m-kind').value) q.set('kind', $('m-kind').value);
  const r = await api('GET', '/api/v1/facilities?' + q);
  if (r.status !== 200) { fail(r); return; }
  $('m-results').tBodies[0].replaceChildren(...r.json.items.map((f) => {
    const sel = roleSelect(DEFAULT_ROLE[f.kind] || 'member_medical', `add-role-${f.id}`);
    return el('tr', { dataset: { id: String(f.id) } }, el('td', {}, f.name), el('td', {}, f.kind_label), el('td', {}, f.legal_entity || '—'),
      el('td', {}, sel),
      el('td', {}, el('button', { type: 'button', class: 'button button-secondary add', onclick: () => {
        if (members.some((m) => m.institution_id === f.id)) { showNotice(`${f.name} は既に構成機関です。`); return; }
        members.push({ institution_id: f.id, name: f.name, kind: f.kind, legal_entity: f.legal_entity, role: sel.value });
        renderMembers();
      } }, '追加')));
  }));
}

/** PUTs a file as the raw body with its type; returns {status, json}. */
async function putFile(path, file, type) {
  const s = await session();
  const headers = { 'Content-Type': type, Accept: 'application/json' };
  if (s && s.csrf_token) headers['X-CSRF-Token'] = s.csrf_token;
  const r = await fetch(path, { method: 'PUT', headers, body: file, credentials: 'same-origin' });
  let json = null;
  try { json = await r.json(); } catch { /* not JSON */ }
  return { status: r.status, json };
}

async function uploadDoc() {
  const file = $('a-doc').files[0];
  if (!file) { showError('アップロードするPDFファイルを選択してください。'); return; }
  const r = await putFile(`/api/v1/groups/${group.id}/agreement/document`, file, 'application/pdf');
  if (r.status !== 200) { fail(r); return; }
  showNotice('協定書のPDFを登録しました。');
  const g = await api('GET', `/api/v1/groups/${group.id}`);
  if (g.status === 200) { group = g.json; render(); }
}

function fiscalYearNow() {
  const d = new Date(Date.now() + 9 * 3600 * 1000);
  return d.getUTCMonth() >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}

async function loadInitiatives() {
  if (!group) return;
  const fy = $('fy').value;
  const r = await api('GET', `/api/v1/groups/${group.id}/initiatives/summary?fiscal_year=${fy}`);
  if (r.status !== 200) { fail(r); return; }
  const s = r.json;
  $('init-summary').replaceChildren(el('div', { class: 'summary-grid' },
    s.kinds.map((k) => el('div', { class: k.count ? 'done' : 'missing' }, el('strong', {}, `${k.count}件`), k.planned ? `（計画${k.planned}件）` : '', ' ', k.label)),
    el('div', {}, s.topics_missing.length ? `未実施のテーマ: ${s.topics_missing.map((x) => x.label).join('、')}` : 'すべてのテーマを検討済み')));
  $('inits').tBodies[0].replaceChildren(...s.items.map((i) => el('tr', { dataset: { id: String(i.id) } },
    el('td', { class: 'nowrap' }, fmtWareki(i.held_on)), el('td', {}, i.planned ? el('span', { class: 'tag' }, '計画') : '実施'),
    el('td', {}, i.kind_label), el('td', {}, i.title),
    el('td', {}, i.topic_labels.join('、')), el('td', { class: 'num' }, String(i.participants)),
    el('td', {}, attachmentCell(i)))));
}

const ATT_LABEL = { 'application/pdf': 'PDF', 'image/png': 'PNG画像', 'image/jpeg': 'JPEG画像' };

/** The attachment of an initiative: a download link when there is one, and a file picker to add or replace it. */
function attachmentCell(i) {
  const path = `/api/v1/groups/${group.id}/initiatives/${i.id}/attachment`;
  const input = el('input', { type: 'file', accept: 'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg', 'aria-label': `${i.title} の添付ファイル`, class: 'att-file' });
  const upload = async () => {
    clearAlert();
    const file = input.files[0];
    if (!file) { showError('添付するファイル（PDF・PNG・JPEG）を選択してください。'); return; }
    const type = file.type || (/\.pdf$/i.test(file.name) ? 'application/pdf' : /\.png$/i.test(file.name) ? 'image/png' : 'image/jpeg');
    const r = await putFile(path, file, type);
    if (r.status !== 200) { fail(r); return; }
    showNotice(`「${i.title}」に添付ファイルを登録しました。`);
    await loadInitiatives();
  };
  return [
    i.attachment ? el('a', { href: path, class: 'att-link' },
      `${ATT_LABEL[i.attachment.content_type] || '添付'}（${Math.max(1, Math.round(i.attachment.size / 1024))}KB）`) : el('span', { class: 'muted' }, 'なし'),
    el('div', { class: 'att-upload' }, input,
      el('button', { type: 'button', class: 'button button-secondary att-button', onclick: upload }, i.attachment ? '差し替え' : '添付')),
  ];
}

async function addInitiative(ev) {
  ev.preventDefault();
  clearAlert();
  const body = { kind: $('i-kind').value, held_on: $('i-date').value, title: $('i-title').value };
  if ($('i-desc').value) body.description = $('i-desc').value;
  if ($('i-part').value) body.participants = Number($('i-part').value);
  if ($('i-planned').checked) body.planned = true;
  if (body.kind === 'patient_centred') body.topics = [...document.querySelectorAll('#i-topics input:checked')].map((x) => x.value);
  const r = await api('POST', `/api/v1/groups/${group.id}/initiatives`, body);
  if (r.status !== 201) { fail(r); return; }
  showSaved(body.planned ? '取組の計画' : '取組');
  $('fy').value = String(r.json.fiscal_year);
  $('init-form').reset();
  if (guard) guard.saved();
  await loadInitiatives();
}

start(async () => {
  const s = await requireCan(pageQuery().get('id') ? 'group_read' : 'group_write',
    pageQuery().get('id') ? 'グループの詳細' : 'グループの作成');
  if (!s) return;
  canWrite = may(s, 'group_write');
  canPublish = may(s, 'publish');
  if (!canWrite) {
    $('main').classList.add('read-only');
    $('steps').after(el('p', { class: 'alert alert-info', id: 'read-only-note' },
      `${s.user.role_label}のアカウントでは閲覧のみです。グループの作成・編集は、在宅医療コーディネータ（郡市医師会）が行います。`));
  }
  const c = await codes();
  kindLabel = c.label.kinds;
  groupRoles = c.group_roles;
  $('m-kind').replaceChildren(el('option', { value: '' }, 'すべて'), ...c.kinds.map((k) => el('option', { value: k.code }, k.label)));
  // The three 取組 of seed 000 §2, numbered as in the seed.
  $('i-kind').replaceChildren(...c.initiative_kinds.map((k, i) => el('option', { value: k.code }, `${i + 1} ${k.label}`)));
  $('i-topics').replaceChildren(...c.topics.map((t) => el('label', { class: 'check' }, el('input', { type: 'checkbox', value: t.code }), t.label)));
  const fy = fiscalYearNow();
  $('fy').replaceChildren(...[fy + 1, fy, fy - 1, fy - 2].map((y) => el('option', { value: String(y), selected: y === fy }, `${y}年度（${fmtFiscalPeriod(String(y))}）`)));
  const toggleTopics = () => { $('i-topics-box').hidden = $('i-kind').value !== 'patient_centred'; };
  $('i-kind').addEventListener('change', toggleTopics);
  toggleTopics();

  for (const b of document.querySelectorAll('#steps button')) b.addEventListener('click', () => showStep(Number(b.dataset.step)));
  $('basic').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body = { name: $('g-name').value, note: $('g-note').value, formed_on: $('g-formed').value || null,
      kind: $('g-kind-municipality').checked ? 'municipality_centred' : 'providers' };
    if (group) save('PUT', `/api/v1/groups/${group.id}`, body, 2, '基本情報');
    else save('POST', '/api/v1/groups', body, 2, 'グループ');
  });
  $('m-search-form').addEventListener('submit', search);
  $('save-members').addEventListener('click', () => save('PUT', `/api/v1/groups/${group.id}/members`,
    { members: members.map((m) => ({ institution_id: m.institution_id, role: m.role })) }, 3, '構成機関'));
  $('save-roles').addEventListener('click', () => save('PUT', `/api/v1/groups/${group.id}`, {
    base_id: $('base').value ? Number($('base').value) : null,
    active_role_ids: [...document.querySelectorAll('#active input:checked')].map((x) => Number(x.value)),
  }, 4, '拠点・積極的役割'));
  $('agreement').addEventListener('submit', (ev) => {
    ev.preventDefault();
    save('PUT', `/api/v1/groups/${group.id}/agreement`, {
      signed_on: $('a-signed').value || null, valid_from: $('a-from').value || null,
      valid_to: $('a-to').value || null, parties: $('a-parties').value || null,
      party_ids: [...document.querySelectorAll('#a-party-list input:checked')].map((x) => Number(x.value)),
    }, null, '協定');
  });
  for (const id of DATE_FIELDS) {
    $(id).after(el('small', { class: 'hint', id: id + '-wareki' }));
    $(id).addEventListener('change', showWareki);
    $(id).addEventListener('input', showWareki);
  }
  $('upload-doc').addEventListener('click', uploadDoc);
  $('publish').addEventListener('click', () => publish(true));
  $('unpublish').addEventListener('click', () => publish(false));
  guard = guardUnsaved($('basic'), $('agreement'), $('init-form'), $('step-3'));
  $('to-check').addEventListener('click', () => showStep(5));
  $('fy').addEventListener('change', loadInitiatives);
  $('init-form').addEventListener('submit', addInitiative);

  const id = pageQuery().get('id');
  if (id) {
    const r = await api('GET', `/api/v1/groups/${encodeURIComponent(id)}`);
    if (r.status !== 200) { fail(r); return; }
    group = r.json;
    render();
    Object.assign($('rota-link'), { href: `/rota?group=${group.id}`, hidden: false }); // issue 15: the group's on-call rota
    showStep(Number(pageQuery().get('step')) || 1);
  } else {
    showStep(1);
  }
});
