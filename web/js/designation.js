// 位置付け: runs the designation rules of seed 001 for a prefecture (GET /api/v1/designations),
// shows the candidates of every municipality with the rule that produced them (rule ③ with its
// distance), lets prefecture staff confirm a candidate, add a volunteer or an override with its
// reason, record the municipality's 相談窓口, end a designation, and edit the obligation checklist
// of a designation (overdue items highlighted). Designations flagged 「要件を満たさなくなりました」
// after their facts changed are shown with the date and the reason; everything on screen is Japanese.
import { api, clearAlert, codes, el, errorMessage, fmtFiscalPeriod, fmtWareki, pageQuery, requireCan, showError, showNotice, start } from './common.js';

const $ = (id) => document.getElementById(id);
let current = null; // the last report
let checklistId = 0;

const ROLE = { active: '積極的役割を担う医療機関', base: '連携を担う拠点' };
const BASIS = { rule: '選定ルール', volunteer: '手挙げ', override: '個別判断（理由あり）' };

async function run() {
  clearAlert();
  const pref = $('prefecture').value.trim();
  const r = await api('GET', '/api/v1/designations?prefecture=' + encodeURIComponent(pref));
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  current = r.json;
  history.replaceState(null, '', '?prefecture=' + encodeURIComponent(pref));
  renderPlacement(r.json.placement_problems || []);
  renderAreas(r.json);
  renderMunicipalities(r.json);
  renderHistory(r.json.history || []);
}

/** Municipalities in no 二次医療圏 or no 圏域: a problem of its own (the rules cannot run there). */
function renderPlacement(list) {
  $('placement').replaceChildren(...list.map((p) => el('li', {}, p)));
  $('placement-section').hidden = list.length === 0;
}

function renderHistory(list) {
  $('history-table').tBodies[0].replaceChildren(...list.map((d) => el('tr', {},
    el('td', {}, d.municipality_name), el('td', {}, d.institution_name), el('td', {}, ROLE[d.role] || ''),
    el('td', { class: 'nowrap' }, `${fmtWareki(d.valid_from)} 〜 ${fmtWareki(d.valid_to)}`), el('td', {}, d.end_reason || ''))));
  $('history').hidden = list.length === 0;
}

function renderAreas(rep) {
  const names = new Map(rep.municipalities.map((m) => [m.code, m.name]));
  const rows = rep.areas.map((a) => el('tr', { class: a.ok ? '' : 'gap', dataset: { area: a.name } },
    el('th', { scope: 'row' }, a.name),
    el('td', {}, a.municipalities.map((c) => names.get(c) || c).join('・')),
    el('td', { class: 'num' }, String(a.n_active)),
    el('td', { class: 'num' }, String(a.n_base)),
    el('td', {}, el('span', { class: 'badge ' + (a.ok ? 'badge-ok' : 'badge-err') }, a.ok ? '充足' : '要対応')),
    el('td', {}, a.problems.join(' '))));
  $('area-table').tBodies[0].replaceChildren(...rows);
  $('areas').hidden = false;
}

/** 未確認 facts a 積極的役割 choice rests on (issue 12 §3: "warnings" of the API). */
function factWarnings(x) {
  return (x.warnings || []).map((w) => el('p', { class: 'fact-warning' }, '⚠ ' + w));
}

function candidateTable(m, role, list) {
  if (!list.length) return el('p', { class: 'muted' }, '候補がありません（選定ルールで見つかる機関がありません）。');
  const confirmedIds = new Set((role === 'active' ? m.confirmed : m.bases).map((d) => d.institution_id));
  return el('div', { class: 'table-wrap' }, el('table', { class: 'data candidates', dataset: { role } },
    el('thead', {}, el('tr', {}, el('th', {}, '候補'), el('th', {}, '選定ルール'), el('th', {}, ''))),
    el('tbody', {}, list.map((c) => el('tr', { dataset: { institution: String(c.institution_id), rule: c.rule } },
      el('td', {}, el('a', { href: '/facility?id=' + c.institution_id }, c.name), factWarnings(c)),
      el('td', {}, el('span', { class: 'rule' }, c.rule_label),
        c.from_municipality_name ? el('span', { class: 'from' }, `（${c.from_municipality_name}から）`) : null,
        c.from_municipality_name ? el('span', { class: 'hint distance' }, fromNote(c)) : null),
      el('td', {}, confirmedIds.has(c.institution_id)
        ? el('span', { class: 'badge badge-ok' }, '確定済み')
        : el('button', { class: 'button button-small confirm', type: 'button',
          onclick: () => confirm(m, role, c) }, '確定')))))));
}

/** Rule ③: adjacent or not, and how far the municipality offices are apart. */
function fromNote(c) {
  const parts = [c.adjacent ? '隣接' : '隣接なし'];
  if (c.distance_km != null) parts.push(`役場間 ${c.distance_km} km`);
  return ' ' + parts.join('・');
}

function designationList(list) {
  if (!list.length) return el('p', { class: 'muted' }, 'まだ確定していません。');
  return el('ul', { class: 'confirmed-list' }, list.map((d) => el('li', { dataset: { designation: String(d.id) }, class: d.unmet_since ? 'unmet' : '' },
    el('strong', {}, d.institution_name),
    d.unmet_since ? el('span', { class: 'badge badge-err unmet-badge' }, `要件を満たさなくなりました（${fmtWareki(d.unmet_since)}）`) : null,
    d.unmet_reason ? el('span', { class: 'unmet-reason' }, d.unmet_reason) : null,
    factWarnings(d),
    el('span', { class: 'tag' }, BASIS[d.basis] || '個別判断'),
    d.rule_label ? el('span', { class: 'rule' }, d.rule_label) : null,
    d.reason ? el('span', { class: 'rule' }, '理由: ' + d.reason) : null,
    el('span', { class: 'hint' }, `計画期間 ${fmtFiscalPeriod(d.plan_period)}・${fmtWareki(d.valid_from)}から`),
    el('button', { class: 'button button-secondary button-small open-checklist', type: 'button',
      onclick: () => openChecklist(d) }, 'チェックリスト'),
    el('button', { class: 'button button-secondary button-small end', type: 'button',
      onclick: () => endDesignation(d) }, '終了'))));
}

/** The municipality's 在宅医療・介護連携 相談窓口 (拠点 ①), recorded apart from the municipality (③). */
function deskForm(m) {
  const id = `desk-${m.code}`;
  const input = el('input', { type: 'number', id, min: '1', list: 'inst-' + m.code, value: m.desk ? String(m.desk.institution_id) : '' });
  const save = async (value) => {
    clearAlert();
    const r = await api('PUT', '/api/v1/consultation-desks', { municipality: m.code, institution_id: value });
    if (r.status !== 200) { showError(errorMessage(r)); window.scrollTo(0, 0); return; }
    await run();
    showNotice(value ? `${m.name}の相談窓口を登録しました。` : `${m.name}の相談窓口の登録を解除しました。`);
  };
  return el('div', { class: 'desk' },
    el('p', { class: 'hint' }, '在宅医療・介護連携の相談窓口（拠点の候補①）: ',
      m.desk ? el('strong', {}, m.desk.name) : el('span', { class: 'muted' }, '未登録（登録すると拠点の候補①になります。市町村そのものは候補③です）')),
    el('details', { class: 'desk-edit' }, el('summary', {}, '相談窓口を登録・変更'),
      el('div', { class: 'field' }, el('label', { for: id }, '相談窓口を置く機関のID（病院・診療所・訪問看護・医師会・保健所・市町村・地域包括支援センター）'), input),
      el('p', { class: 'form-actions' },
        el('button', { class: 'button button-small', type: 'button', onclick: () => save(Number(input.value) || null) }, '登録'),
        m.desk ? el('button', { class: 'button button-secondary button-small', type: 'button', onclick: () => save(null) }, '解除') : null)));
}

function overrideForm(m) {
  const opts = (list) => list.map((c) => el('option', { value: String(c.institution_id) }, c.name));
  const id = (n) => `ov-${m.code}-${n}`; // labels tied to their controls (one form per municipality)
  const form = el('form', { class: 'override-form', dataset: { municipality: m.code } },
    el('div', { class: 'field' }, el('label', { for: id('role') }, '役割'),
      el('select', { name: 'role', id: id('role') }, el('option', { value: 'active' }, ROLE.active), el('option', { value: 'base' }, ROLE.base))),
    el('div', { class: 'field' }, el('label', { for: id('basis') }, '根拠'),
      el('select', { name: 'basis', id: id('basis') }, el('option', { value: 'override' }, BASIS.override), el('option', { value: 'volunteer' }, BASIS.volunteer))),
    el('div', { class: 'field' }, el('label', { for: id('inst') }, '機関ID（候補から選択できます）'),
      el('input', { type: 'number', name: 'institution_id', id: id('inst'), min: '1', list: 'inst-' + m.code, required: true })),
    el('datalist', { id: 'inst-' + m.code }, opts([...m.active_candidates, ...m.base_candidates])),
    el('div', { class: 'field' }, el('label', { for: id('period') }, '計画期間（西暦の年度、例: 2024-2029）'), el('input', { type: 'text', name: 'plan_period', id: id('period'), value: '2024-2029' })),
    el('div', { class: 'field wide' }, el('label', { for: id('reason') }, '理由（個別判断の場合は必須）'), el('input', { type: 'text', name: 'reason', id: id('reason'), maxlength: '250' })),
    el('div', { class: 'wide' }, el('button', { class: 'button button-small', type: 'submit' }, '追加')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    await post({ municipality: m.code, institution_id: Number(f.get('institution_id')), role: f.get('role'),
      basis: f.get('basis'), reason: f.get('reason'), plan_period: f.get('plan_period') });
  });
  return el('details', { class: 'override' }, el('summary', {}, '手挙げ・個別判断で追加'), form);
}

function renderMunicipalities(rep) {
  const cards = rep.municipalities.map((m) => el('article', { class: 'panel muni-card', dataset: { code: m.code } },
    el('h3', {}, m.name, ' ', el('span', { class: 'hint' }, m.medical_area_name ? `（二次医療圏 ${m.medical_area_name}）` : '')),
    el('div', { class: 'muni-cols' },
      el('section', {}, el('h4', {}, ROLE.active), designationList(m.confirmed),
        el('h4', {}, '候補'), candidateTable(m, 'active', m.active_candidates)),
      el('section', {}, el('h4', {}, ROLE.base), designationList(m.bases),
        el('h4', {}, '候補'), candidateTable(m, 'base', m.base_candidates), deskForm(m))),
    overrideForm(m)));
  $('muni-list').replaceChildren(...cards);
  $('municipalities').hidden = false;
}

async function post(body) {
  clearAlert();
  const r = await api('POST', '/api/v1/designations', body);
  if (r.status !== 201) { showError(errorMessage(r)); window.scrollTo(0, 0); return; }
  await run();
  const warn = (r.json.warnings || []).length ? `（注意: ${r.json.warnings.join(' ')}）` : '';
  showNotice(`${r.json.institution_name} を${r.json.municipality_name}の${ROLE[r.json.role]}に位置付けました。${warn}`);
}

function confirm(m, role, c) {
  return post({ municipality: m.code, institution_id: c.institution_id, role, basis: 'rule', plan_period: '2024-2029' });
}

async function endDesignation(d) {
  const reason = window.prompt(`${d.institution_name} の位置付けを終了します。理由を入力してください。`, '');
  if (reason === null) return;
  const r = await api('DELETE', `/api/v1/designations/${d.id}?reason=${encodeURIComponent(reason)}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  await run();
  showNotice(`${d.institution_name} の位置付けを終了しました（履歴は残ります）。`);
}

let statuses = []; // checklist statuses [{code, label}] of GET /api/v1/codes (obligation_statuses)

async function openChecklist(d) {
  checklistId = d.id;
  const r = await api('GET', `/api/v1/designations/${d.id}/checklist`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  renderChecklist(r.json);
  $('checklist').hidden = false;
  $('checklist').scrollIntoView();
}

function renderChecklist(c) {
  const d = c.designation;
  $('checklist-title').textContent = `チェックリスト: ${d.institution_name}（${d.municipality_name}・${ROLE[d.role]}）`;
  $('checklist-summary').textContent = c.overdue ? `期限を過ぎた未完了の項目が ${c.overdue} 件あります。` : '期限を過ぎた未完了の項目はありません。';
  clearAlert($('checklist-alert'));
  const rows = c.items.map((it) => el('tr', { class: it.overdue ? 'overdue' : '', dataset: { item: it.item } },
    el('td', {}, it.label, it.overdue ? el('span', { class: 'badge badge-warn' }, '期限超過') : null),
    el('td', {}, el('select', { name: 'status', 'aria-label': '状況' },
      statuses.map((st) => el('option', { value: st.code, selected: it.status === st.code }, st.label)))),
    el('td', {}, el('input', { type: 'text', name: 'evidence', value: it.evidence || '', 'aria-label': '根拠' })),
    el('td', {}, el('input', { type: 'date', name: 'due_date', value: it.due_date || '', 'aria-label': '期限' })),
    el('td', {}, el('input', { type: 'date', name: 'done_date', value: it.done_date || '', 'aria-label': '完了日' }))));
  $('checklist-table').tBodies[0].replaceChildren(...rows);
}

async function saveChecklist(ev) {
  ev.preventDefault();
  const items = [...$('checklist-table').tBodies[0].rows].map((tr) => {
    const v = (n) => tr.querySelector(`[name="${n}"]`).value;
    return { item: tr.dataset.item, status: v('status'), evidence: v('evidence'), due_date: v('due_date'), done_date: v('done_date') };
  });
  const r = await api('PUT', `/api/v1/designations/${checklistId}/checklist`, { items });
  if (r.status !== 200) { showError(errorMessage(r), $('checklist-alert')); return; }
  renderChecklist(r.json);
  showNotice('チェックリストを保存しました。', $('checklist-alert'));
}

start(async () => {
  const s = await requireCan('designation_write', '積極的役割・連携拠点の位置付け');
  if (!s) return;
  statuses = (await codes()).obligation_statuses;
  const q = pageQuery();
  // Prefecture staff see their own prefecture at once (admins choose one).
  const pref = q.get('prefecture') || s.user.prefecture || '';
  if (pref) $('prefecture').value = pref;
  $('run-form').addEventListener('submit', (ev) => { ev.preventDefault(); run(); });
  $('checklist-form').addEventListener('submit', saveChecklist);
  $('checklist-close').addEventListener('click', () => { $('checklist').hidden = true; });
  if (pref) await run();
});
