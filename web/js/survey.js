// One survey of the district (issue 18 §1, seed 002 STEP1): its questions (editable while a draft),
// sending personal links to the clinics (shown once), the answers' status with paper entry and
// CSV/XLSX import, closing, and the results — response rate, the barrier chart drawn by the server
// (SVG), the cross-tabulation with 施設基準 and willingness, the clinics willing under conditions,
// counts per question and the XLSX export.
import { api, el, errorMessage, fmtDateTime, may, pageQuery, requireCan, session, showError, showNotice, clearAlert, start } from './common.js';
import { renderSurveyForm } from './survey-form.js';

const id = Number(pageQuery().get('id')) || 0;
let survey, canWrite = false;
const SOURCE = { link: 'リンク', paper: '紙', import: '取込' };

async function load() {
  const r = await api('GET', `/api/v1/surveys/${id}`);
  if (r.status !== 200) { showError(errorMessage(r)); return false; }
  survey = r.json;
  document.getElementById('sv-title').textContent = survey.title;
  document.getElementById('crumb').textContent = survey.title;
  document.title = `${survey.title} — 在宅医療・介護 地域資源`;
  document.getElementById('sv-eyebrow').textContent = `${survey.association_name}・${survey.state_label}`;
  document.getElementById('q-source').textContent = survey.templates_source ? `出典: ${survey.templates_source}` : '';
  showQuestions();
  document.getElementById('send-panel').hidden = !(canWrite && survey.state !== 'closed');
  document.getElementById('status-panel').hidden = survey.state === 'draft';
  for (const x of ['import-form', 'close-survey']) document.getElementById(x).hidden = !(canWrite && survey.state === 'open');
  if (survey.state !== 'draft') { await showStatus(); await showResults(); }
  return true;
}

function showQuestions() {
  const list = document.getElementById('q-list');
  list.replaceChildren(...survey.questions.map((q) => el('li', {}, q.text, el('span', { class: 'muted' }, `（${q.kind_label}${q.required ? '・必須' : ''}${q.unit ? `・${q.unit}` : ''}）`),
    q.options ? el('ul', {}, q.options.map((o) => el('li', {}, o.label, o.with_text ? '【記入欄】' : ''))) : '')));
  const draft = canWrite && survey.state === 'draft';
  document.getElementById('edit-form').hidden = !draft;
  list.hidden = draft;
  if (!draft) return;
  document.getElementById('e-title').value = survey.title;
  const host = document.getElementById('e-questions');
  const rows = survey.questions.map((q, i) => el('div', { class: 'survey-edit-q', dataset: { key: q.key } },
    el('span', {}, `問${i + 1}`),
    el('input', { type: 'text', 'aria-label': `問${i + 1}の設問文`, value: q.text, class: 'e-text' }),
    el('label', {}, el('input', { type: 'checkbox', class: 'e-required', checked: q.required }), ' 必須'),
    el('button', { type: 'button', class: 'button button-secondary e-delete', 'aria-label': `問${i + 1}を削除` }, '削除')));
  host.replaceChildren(...rows);
  for (const b of host.querySelectorAll('.e-delete')) b.addEventListener('click', () => b.closest('.survey-edit-q').remove());
}

function editedQuestions() {
  const out = [];
  for (const row of document.querySelectorAll('#e-questions .survey-edit-q')) {
    const q = structuredClone(survey.questions.find((x) => x.key === row.dataset.key));
    delete q.kind_label;
    q.text = row.querySelector('.e-text').value.trim();
    q.required = row.querySelector('.e-required').checked;
    out.push(q);
  }
  return out;
}

async function showStatus() {
  const r = await api('GET', `/api/v1/surveys/${id}/clinics`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const rows = r.json.clinics.map((c) => el('tr', {},
    el('td', {}, c.name), el('td', {}, c.medical_code || '—'), el('td', {}, c.target ? '送付済' : '—'),
    el('td', {}, c.answered_at ? fmtDateTime(c.answered_at) : '未回答'), el('td', {}, c.source ? SOURCE[c.source] : ''),
    el('td', {}, canWrite && survey.state === 'open'
      ? [el('button', { type: 'button', class: 'button button-secondary paper-open', dataset: { id: c.institution_id, name: c.name } }, '紙の回答を入力'),
        c.target ? el('button', { type: 'button', class: 'button button-secondary link-reissue', dataset: { id: c.institution_id, name: c.name } }, 'URLを再発行') : null]
      : '')));
  document.querySelector('#clinics tbody').replaceChildren(...rows);
  for (const b of document.querySelectorAll('.paper-open')) b.addEventListener('click', () => openPaper(Number(b.dataset.id), b.dataset.name));
  for (const b of document.querySelectorAll('.link-reissue')) b.addEventListener('click', () => reissue(Number(b.dataset.id), b.dataset.name));
}

/** Shows the personal links just issued (once: only their hashes are stored). */
function showLinks(links, notice) {
  const rows = links.map((l) => el('tr', {}, el('td', {}, l.name),
    el('td', {}, el('input', { type: 'text', readonly: true, 'aria-label': `${l.name}の回答用URL`, class: 'link-url', value: l.url || location.origin + l.path }))));
  document.querySelector('#links tbody').replaceChildren(...rows);
  document.getElementById('links-wrap').hidden = false;
  showNotice(notice);
  document.getElementById('links-wrap').scrollIntoView({ block: 'start' });
}

/** A new link for one clinic (lost e-mail, new staff): its old URL stops working; the others stay. */
async function reissue(inst, name) {
  clearAlert();
  if (!confirm(`${name} の回答用URLを再発行します。以前のURLは使えなくなります。よろしいですか？`)) return;
  const body = { institutions: [inst] };
  if (survey.expires_on) body.expires_on = survey.expires_on;
  const r = await api('POST', `/api/v1/surveys/${id}/send`, body);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  await load();
  showLinks(r.json.links, `${name} の回答用URLを再発行しました。この画面を閉じると再表示できません。`);
}

let paperForm = null, paperFor = 0;
async function openPaper(inst, name) {
  const r = await api('GET', `/api/v1/surveys/${id}/responses/${inst}`);
  const have = r.status === 200 ? r.json : { answers: {}, notes: {} };
  paperFor = inst;
  document.getElementById('paper-title').textContent = `紙の回答を入力: ${name}`;
  paperForm = renderSurveyForm(document.getElementById('paper-questions'), survey.questions, have.answers, have.notes, 'p');
  document.getElementById('paper').hidden = false;
  document.getElementById('paper-title').scrollIntoView({ block: 'start' });
}

async function showResults() {
  const r = await api('GET', `/api/v1/surveys/${id}/results`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const res = r.json;
  document.getElementById('results-panel').hidden = false;
  const rr = res.response_rate;
  document.getElementById('rate').textContent = `回答率 ${rr.targets ? Math.round(rr.rate * 100) : 0}%（送付 ${rr.targets} 診療所のうち ${rr.answered_targets} 診療所が回答、回答の合計 ${rr.responses}）`;
  document.getElementById('xlsx').href = `/api/v1/surveys/${id}/results.xlsx`;
  const chart = document.getElementById('chart');
  const by = () => document.querySelector('input[name="chart-by"]:checked').value;
  const draw = () => { chart.src = `/api/v1/surveys/${id}/barriers.svg${by() === 'std' ? '?by=std' : ''}`; };
  for (const i of document.querySelectorAll('input[name="chart-by"]')) i.onchange = draw;
  draw();
  const b = res.barriers;
  document.querySelector('#barriers thead').replaceChildren(el('tr', {}, el('th', { scope: 'col' }, '阻害要因'), el('th', { scope: 'col' }, '診療所数'),
    b.std_labels.map((l) => el('th', { scope: 'col' }, l)), b.will_labels.map((l) => el('th', { scope: 'col' }, l))));
  document.querySelector('#barriers tbody').replaceChildren(...b.rows.map((x) => el('tr', { dataset: { key: x.key } },
    el('th', { scope: 'row', title: x.clinics.map((c) => c.name).join('、') }, x.label), el('td', {}, x.count),
    x.by_std.map((n) => el('td', {}, n)), x.by_will.map((n) => el('td', {}, n)))),
  el('tr', {}, el('th', { scope: 'row' }, '回答診療所（計）'), el('td', {}, b.clinics), b.std_total.map((n) => el('td', {}, n)), b.will_total.map((n) => el('td', {}, n))));
  const labels = Object.fromEntries(b.rows.map((x) => [x.key, x.label]));
  document.querySelector('#willing tbody').replaceChildren(...res.willing_under_conditions.map((w) => el('tr', {},
    el('td', {}, w.name), el('td', {}, w.condition || '（記入なし）'), el('td', {}, w.std), el('td', {}, w.barriers.map((k) => labels[k]).join('、')))));
  document.getElementById('counts').replaceChildren(...res.counts.filter((q) => q.options || q.numbers).map((q) => el('div', { class: 'table-wrap' },
    el('table', { class: 'data' }, el('caption', {}, `${q.text}（回答 ${q.answered}）`),
      el('tbody', {}, q.options
        ? q.options.map((o) => el('tr', {}, el('th', { scope: 'row' }, o.label), el('td', {}, o.count)))
        : el('tr', {}, el('th', { scope: 'row' }, '回答数・平均・最小・最大'),
          el('td', {}, q.numbers.n ? `${q.numbers.n}件・${Math.round(q.numbers.mean * 10) / 10}・${q.numbers.min}・${q.numbers.max}` : '0件')))))));
}

start(async () => {
  const s = await requireCan('survey_read', 'アンケート');
  if (!s) return;
  canWrite = may(await session(), 'survey_write');
  if (!id) { showError('アンケートが指定されていません。'); return; }
  if (!await load()) return;
  document.getElementById('a-add').addEventListener('click', () => {
    const key = document.getElementById('a-key').value.trim();
    const kind = document.getElementById('a-kind').value;
    const text = document.getElementById('a-text').value.trim();
    const lines = document.getElementById('a-options').value.split('\n').map((x) => x.trim()).filter(Boolean);
    const q = { key, kind, text, required: false };
    if (kind === 'single' || kind === 'multiple') q.options = lines.map((label, i) => ({ key: `o${i + 1}`, label, with_text: false }));
    if (kind === 'number') Object.assign(q, { min: 0, max: 100000, integer: false, unit: '' });
    survey.questions = [...editedQuestions(), { ...q, kind_label: document.getElementById('a-kind').selectedOptions[0].textContent }];
    showQuestions();
    for (const x of ['a-key', 'a-text', 'a-options']) document.getElementById(x).value = '';
  });
  document.getElementById('edit-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const r = await api('PUT', `/api/v1/surveys/${id}`, { title: document.getElementById('e-title').value.trim(), questions: editedQuestions() });
    if (r.status !== 200) { showError(errorMessage(r)); await load(); return; }
    showNotice('設問を保存しました。');
    await load();
  });
  document.getElementById('send-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    if (survey.state === 'open' && !confirm('再送付すると、以前に送ったURLは使えなくなります。送付しますか？')) return;
    const body = {};
    const exp = document.getElementById('s-expires').value;
    if (exp) body.expires_on = exp;
    const r = await api('POST', `/api/v1/surveys/${id}/send`, body);
    if (r.status !== 200) { showError(errorMessage(r)); return; }
    await load();
    showLinks(r.json.links, `${r.json.links.length} 診療所の回答用URLを発行しました。この画面を閉じると再表示できません。各診療所へお送りください。`);
  });
  document.getElementById('paper-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const r = await api('PUT', `/api/v1/surveys/${id}/responses/${paperFor}`, paperForm.collect());
    if (r.status !== 200) { showError(errorMessage(r)); if (r.json && r.json.error) paperForm.markError(r.json.error.field); return; }
    document.getElementById('paper').hidden = true;
    showNotice(`${r.json.name} の回答を保存しました。`);
    await load();
  });
  document.getElementById('paper-cancel').addEventListener('click', () => { document.getElementById('paper').hidden = true; });
  document.getElementById('import-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const f = document.getElementById('i-file').files[0];
    if (!f) { showError('ファイルを選んでください。'); return; }
    const s2 = await session();
    const res = await fetch(`/api/v1/surveys/${id}/import`, { method: 'POST', body: f, credentials: 'same-origin',
      headers: { 'Content-Type': f.type || 'application/octet-stream', 'X-CSRF-Token': (s2 && s2.csrf_token) || '' } });
    const json = await res.json().catch(() => null);
    if (res.status !== 200) { showError(errorMessage({ status: res.status, json })); return; }
    showNotice(`${json.imported} 診療所の回答を取り込みました。`);
    await load();
  });
  document.getElementById('close-survey').addEventListener('click', async () => {
    if (!confirm('回答を締め切ります。締め切ると回答用URLは使えなくなります。よろしいですか？')) return;
    const r = await api('POST', `/api/v1/surveys/${id}/close`);
    if (r.status !== 200) { showError(errorMessage(r)); return; }
    showNotice('回答を締め切りました。');
    await load();
  });
});
