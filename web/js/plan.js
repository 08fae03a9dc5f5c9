// 事業計画 (issue 19 §1, §2, §4): one operator's plan for one fiscal year — the actions of its rule set
// with the evidence the system's records already hold (meetings, visits, referrals, groups, rotas) and
// the documents uploaded, the goals against the indicators computed from the records and last year, the
// Check and Act notes, and the compliance check per rule with what is missing. The prefecture chooses the
// rule set here; the yearly report (実績報告書) downloads as PDF and Excel.
import { api, el, errorMessage, may, requireCan, session, showError, showNotice, showSaved, clearAlert, start } from './common.js';
import { clearErrors, showRefusal } from './form-fields.js';

const $ = (id) => document.getElementById(id);
const q = new URLSearchParams(location.search);
const operator = Number(q.get('operator'));
const jstNow = new Date(Date.now() + 9 * 3600e3);
const fy = Number(q.get('fy')) || (jstNow.getUTCMonth() < 3 ? jstNow.getUTCFullYear() - 1 : jstNow.getUTCFullYear());
const base = `/api/v1/operators/${operator}/plans/${fy}`;
let view = null;
let rulesets = null;

function renderRules(v) {
  const c = v.compliance;
  $('comp-summary').textContent = !v.ruleset ? '県が適用する事業要件をまだ選んでいません。'
    : c.compliant ? `${v.fiscal_year_ja}：要件をすべて満たしています。`
      : `${v.fiscal_year_ja}：満たしていない要件があります${c.year_ended ? '' : '（年度途中）'}。`;
  $('rules').replaceChildren(...c.rules.map((r) => el('li', { class: r.status, dataset: { code: r.code } },
    el('strong', {}, `【${r.status_ja}${r.pending ? '・年度途中' : ''}】${r.label}`),
    el('span', { class: 'why' }, r.why),
    el('span', { class: 'seed' }, `根拠：「${r.seed}」`))));
}

function evidenceItem(e) {
  const text = `${e.date_ja}　${e.source_ja}　${e.title}`;
  return el('li', { dataset: { source: e.source } }, e.source === 'upload' ? el('a', { href: `/api/v1/plan-uploads/${e.id}` }, text) : text);
}

function render(v) {
  view = v;
  $('title').textContent = `${v.operator.name}　${v.fiscal_year_ja}の事業計画`;
  document.title = `${v.operator.name} ${v.fiscal_year_ja} 事業計画 — 在宅医療・介護 地域資源`;
  $('ruleset-name').textContent = v.ruleset ? `${v.ruleset.name}（${v.ruleset.source}）` : '事業要件：未設定';
  $('report-pdf').href = `${base}/report.pdf`;
  $('report-xlsx').href = `${base}/report.xlsx`;
  $('report-pdf').hidden = $('report-xlsx').hidden = !v.exists;
  renderRules(v);
  $('previous-act').hidden = !v.previous_act_note;
  $('previous-act').textContent = `前年度の改善（Act）：${v.previous_act_note}`;
  $('actions').replaceChildren(...v.actions.map((a, i) => el('li', { dataset: { code: a.code } },
    el('div', { class: 'action-head' },
      el('label', {}, el('input', { type: 'checkbox', class: 'chosen', value: a.code, checked: a.chosen }), ' ', a.label),
      a.group ? el('span', { class: 'group' }, a.group) : '',
      el('span', { class: 'evidence-count' }, `実績 ${a.evidence_count}件`)),
    el('div', { class: 'field', dataset: { field: `actions[${i}].note` } },
      el('label', { class: 'visually-hidden', for: `note-${a.code}` }, `${a.label} の取組内容`),
      el('textarea', { id: `note-${a.code}`, class: 'note', rows: '1', placeholder: '取組内容（任意）' }, a.note)),
    a.evidence.length ? el('ul', { class: 'evidence' }, ...a.evidence.map(evidenceItem)) : '')));
  $('goals').querySelector('tbody').replaceChildren(...v.goals.map((g) => el('tr', { dataset: { indicator: g.indicator } },
    el('th', { scope: 'row' }, g.label),
    el('td', { class: 'field', dataset: { field: `goal-${g.indicator}` } },
      el('input', { type: 'number', min: '0', max: '1000000', step: '1', class: 'goal', 'aria-label': `${g.label}の目標（${g.unit}）`, value: g.has_goal ? String(g.goal) : '' }), ` ${g.unit}`),
    el('td', { class: 'num actual' }, `${g.actual}${g.unit}`),
    el('td', { class: 'num' }, g.last_year === null ? '—' : `${g.last_year}${g.unit}`),
    el('td', { class: 'num' }, g.has_goal ? `${g.percent}%` : '—'))));
  $('goals-note').value = v.goals_note;
  $('check-note').value = v.check_note;
  $('act-note').value = v.act_note;
  $('up-action').replaceChildren(...v.actions.map((a) => el('option', { value: a.code }, a.label)));
  $('upload-panel').hidden = !v.exists;
}

async function reload() {
  const r = await api('GET', base);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  render(r.json);
}

async function save(ev) {
  ev.preventDefault();
  clearAlert();
  const actions = [...document.querySelectorAll('#actions > li')].filter((li) => li.querySelector('.chosen').checked)
    .map((li) => ({ code: li.dataset.code, note: li.querySelector('.note').value }));
  const goalRows = [...document.querySelectorAll('#goals tbody tr')].filter((tr) => tr.querySelector('.goal').value.trim() !== '');
  const goals = goalRows.map((tr) => ({ indicator: tr.dataset.indicator, goal: Number(tr.querySelector('.goal').value) }));
  const body = { actions, goals, goals_note: $('goals-note').value, check_note: $('check-note').value, act_note: $('act-note').value };
  const r = await api('PUT', base, body);
  if (r.status !== 200) {
    showRefusal(document, r, (f) => {
      const m = /^goals\[(\d+)\]/.exec(f);
      return m && goalRows[+m[1]] ? `goal-${goalRows[+m[1]].dataset.indicator}` : f;
    });
    return;
  }
  clearErrors();
  render(r.json);
  showSaved('計画');
}

async function upload(ev) {
  ev.preventDefault();
  clearAlert();
  const file = $('up-file').files[0];
  if (!file) { showError('登録するファイル（PDF・PNG・JPEG）を選択してください。'); return; }
  const type = file.type || (/\.pdf$/i.test(file.name) ? 'application/pdf' : /\.png$/i.test(file.name) ? 'image/png' : 'image/jpeg');
  const params = new URLSearchParams({ action: $('up-action').value, title: $('up-title').value, held_on: $('up-date').value });
  const s = await session();
  const headers = { 'Content-Type': type, Accept: 'application/json' };
  if (s && s.csrf_token) headers['X-CSRF-Token'] = s.csrf_token;
  const r = await fetch(`${base}/uploads?${params}`, { method: 'POST', headers, body: file, credentials: 'same-origin' });
  let json = null;
  try { json = await r.json(); } catch { /* not JSON */ }
  if (r.status !== 201) { showRefusal(document, { status: r.status, json }); return; }
  clearErrors();
  $('upload-form').reset();
  showNotice('資料を登録しました。');
  await reload();
}

async function setupAssign(s) {
  if (!may(s, 'operator_manage')) return;
  const r = await api('GET', '/api/v1/plan-rulesets');
  if (r.status !== 200) return;
  rulesets = r.json.rulesets;
  $('assign-ruleset').replaceChildren(...rulesets.map((x) => el('option', { value: x.code }, x.name)));
  const variants = () => {
    const rs = rulesets.find((x) => x.code === $('assign-ruleset').value);
    $('assign-variant').replaceChildren(el('option', { value: '' }, '（なし・事業者の種別から）'),
      ...(rs ? rs.variants : []).map((v) => el('option', { value: v.code }, v.label)));
  };
  if (view && view.ruleset) $('assign-ruleset').value = view.ruleset.code;
  variants();
  $('assign-ruleset').addEventListener('change', variants);
  $('assign-panel').hidden = false;
  $('assign-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const a = await api('PUT', `/api/v1/operators/${operator}/ruleset`, { ruleset: $('assign-ruleset').value, variant: $('assign-variant').value });
    if (a.status !== 200) { showRefusal(document, a); return; }
    showSaved('事業要件');
    await reload();
  });
}

start(async () => {
  const s = await requireCan('programme_read', '事業計画');
  if (!s) return;
  if (!operator) { showError('事業者が指定されていません。事業計画の一覧から選んでください。'); return; }
  await reload();
  if (!view) return;
  await setupAssign(s);
  $('plan-form').hidden = !may(s, 'programme_write');
  $('plan-form').addEventListener('submit', save);
  $('upload-form').addEventListener('submit', upload);
});
