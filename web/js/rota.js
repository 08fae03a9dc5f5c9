// 当番表（輪番制オンコール, issue 15 §4–§6): a group's month — the table (和暦 and 西暦, printable A4
// landscape, XLSX), the fairness certificate (counts per doctor and type, spread against its lower
// bound, 「スプレッド最適」, who should cover next), unavailable dates (form and CSV), solving the month
// as a job with its progress, an infeasible month explained, and swapping two duties (a swap that
// breaks a rule shows the rule); each doctor's share and caps, and wishes (入りたい / 避けたい).
import { api, el, errorMessage, fmtWareki, may, pageQuery, requireCan, session, showError, showNotice, clearAlert, start } from './common.js';
import { clearErrors, showRefusal } from './form-fields.js';

const TYPES = [
  ['weekday_night', '平日夜間'], ['holiday_day', '休日日中'], ['holiday_night', '休日夜間'],
  ['nenmatsu_day', '年末年始日中'], ['nenmatsu_night', '年末年始夜間'],
];
const SOURCE = { absence: '不在（代診）', conference: '学会', csv: 'CSV取込', manual: '不都合' };
let groupId = 0, month = '', view = null, canWrite = false, selected = [], jobId = 0;

const $ = (id) => document.getElementById(id);

function period() {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

function monthLabel() {
  const [y, m] = month.split('-').map(Number);
  return `${fmtWareki(`${month}-01`).replace(/\d+日$/, '')}（${y}年${m}月）`;
}

function renderTable() {
  const thead = $('rota').tHead, tbody = $('rota').tBodies[0];
  thead.replaceChildren(el('tr', {}, ...['日付', '曜日', '区分', ...TYPES.map((t) => t[1])].map((h) => el('th', { scope: 'col' }, h))));
  tbody.replaceChildren(...view.days.map((d) => el('tr', { class: d.kind, dataset: { date: d.date } },
    el('td', { class: 'date' }, d.wareki, el('br'), el('span', { class: 'hint' }, d.date)),
    el('td', {}, d.weekday),
    el('td', {}, d.why),
    ...TYPES.map(([code]) => {
      if (!d.types.includes(code)) return el('td', { class: 'na' }, '');
      const xs = d.duties[code] || [];
      if (!xs.length) return el('td', {}, el('span', { class: 'open' }, '未定'));
      return el('td', {}, ...xs.map((x) => el('button', {
        type: 'button', class: `duty${x.source === 'solver' ? '' : ' pinned'}`, 'aria-pressed': selected.includes(x.id) ? 'true' : 'false',
        title: x.source === 'solver' ? '自動作成' : '確定済み', dataset: { id: String(x.id), doc: String(x.practitioner_id) }, onclick: () => pick(x, d, code),
      }, x.name)));
    }))));
}

function pick(x, d, code) {
  if (!canWrite) return;
  const i = selected.indexOf(x.id);
  if (i >= 0) selected.splice(i, 1);
  else {
    if (selected.length === 2) selected.shift();
    selected.push(x.id);
  }
  x.label = `${d.wareki} ${TYPES.find((t) => t[0] === code)[1]} ${x.name}`;
  pickedLabels.set(x.id, x.label);
  for (const b of document.querySelectorAll('#rota .duty')) b.setAttribute('aria-pressed', selected.includes(Number(b.dataset.id)) ? 'true' : 'false');
  $('swap-pick').textContent = selected.length ? `選択中: ${selected.map((id) => pickedLabels.get(id)).join(' ⇄ ')}` : '交換する当番を表から2つ選んでください。';
  $('swap-go').disabled = selected.length !== 2;
  $('swap-error').hidden = true;
}
const pickedLabels = new Map();

function renderCert() {
  const c = view.certificate || view.stored_certificate;
  const types = $('cert-types').tBodies[0], dthead = $('cert-doctors').tHead, dtbody = $('cert-doctors').tBodies[0];
  if (!c) {
    $('cert-summary').textContent = 'このグループには当番を担当できる医師がいません。';
    types.replaceChildren();
    dtbody.replaceChildren();
    return;
  }
  $('cert-summary').replaceChildren(c.spread_optimal
    ? el('span', { class: 'badge optimal', id: 'cert-optimal' }, 'スプレッド最適')
    : el('span', { class: 'badge badge-warn' }, '改善の余地あり'),
  ` ${c.violations ? `規則違反 ${c.violations} 件` : '規則違反なし'}・希望に反する割当 ${c.objective.wishes} 件`,
  view.stored_certificate ? `・保存済みの証明（${view.stored_certificate.from}〜${view.stored_certificate.to}）あり` : '');
  types.replaceChildren(...c.types.map((t) => el('tr', { dataset: { type: t.type } },
    el('td', {}, t.ja), el('td', { class: 'num' }, String(t.seats)), el('td', { class: 'num spread' }, String(t.spread)),
    el('td', { class: 'num bound' }, t.bound === null ? '—' : String(t.bound)),
    el('td', {}, t.optimal ? el('span', { class: 'badge optimal' }, 'スプレッド最適') : el('span', { class: 'badge badge-off' }, '下限との差あり')),
    el('td', { class: 'next' }, t.next ? t.next.name : '—'))));
  const shown = c.types.map((t) => [t.type, t.ja]);
  dthead.replaceChildren(el('tr', {}, ...['医師', '割合', ...shown.map((t) => t[1]), '合計'].map((h) => el('th', { scope: 'col' }, h))));
  dtbody.replaceChildren(...c.doctors.map((d) => el('tr', { dataset: { id: String(d.practitioner_id) } },
    el('td', {}, d.name, el('br'), el('span', { class: 'hint' }, d.institution)), el('td', { class: 'num' }, String(d.share)),
    ...shown.map(([code]) => el('td', { class: 'num' }, String(d.counts[code]))), el('td', { class: 'num' }, String(d.total)))));
}

function renderUnavail() {
  $('unavail').tBodies[0].replaceChildren(...view.unavailable.map((u) => el('tr', {},
    el('td', {}, fmtWareki(u.date)), el('td', {}, u.name), el('td', {}, u.reason), el('td', {}, SOURCE[u.source] || u.source))));
  if (!view.unavailable.length) $('unavail').tBodies[0].append(el('tr', {}, el('td', { colspan: '4', class: 'muted' }, 'この月の不都合日はありません。')));
  const sel = $('un-doc');
  sel.replaceChildren(...view.doctors.map((d) => el('option', { value: String(d.practitioner_id) }, `${d.name}（${d.institution}）`)));
}

const WISH = { prefer: '入りたい', avoid: '避けたい' };
const capText = (n) => (n ? String(n) : '');

function renderSettings() {
  $('settings').tBodies[0].replaceChildren(...view.doctors.map((d) => {
    const id = d.practitioner_id;
    const input = (name, value, attrs) => el('input', { type: 'number', id: `set-${name}-${id}`, 'aria-label': `${d.name} ${attrs.label}`, value, disabled: !canWrite, ...attrs.a });
    return el('tr', { dataset: { id: String(id) } },
      el('td', {}, d.name, el('br'), el('span', { class: 'hint' }, d.institution)),
      el('td', {}, input('share', String(d.share), { label: '割合', a: { min: '0.05', max: '1', step: '0.05' } })),
      el('td', {}, input('week', capText(d.max_per_week), { label: '週の上限', a: { min: '0', max: '7' } })),
      el('td', {}, input('month', capText(d.max_per_month), { label: '月の上限', a: { min: '0', max: '31' } })),
      ...(canWrite ? [el('td', {}, el('button', { class: 'button button-secondary', type: 'button', dataset: { save: String(id) }, onclick: () => saveSettings(d) }, '保存'))] : []));
  }));
}

async function saveSettings(d) {
  clearAlert();
  const id = d.practitioner_id, num = (name) => Number($(`set-${name}-${id}`).value || 0);
  const r = await api('PUT', `/api/v1/groups/${groupId}/rota/doctors/${id}`, {
    share: num('share'), max_per_week: num('week'), max_per_month: num('month'), carried: d.carried || {},
  });
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  await load();
  showNotice(`${d.name} の設定を保存しました。`);
}

function renderWishes() {
  const name = (pid) => (view.doctors.find((d) => d.practitioner_id === pid) || {}).name || String(pid);
  const typeJa = Object.fromEntries(TYPES);
  $('wishes').tBodies[0].replaceChildren(...view.wishes.map((w) => el('tr', {},
    el('td', {}, fmtWareki(w.date)), el('td', {}, name(w.practitioner_id)), el('td', {}, WISH[w.kind] || w.kind),
    el('td', {}, w.duty_type ? typeJa[w.duty_type] || w.duty_type : 'すべて'))));
  if (!view.wishes.length) $('wishes').tBodies[0].append(el('tr', {}, el('td', { colspan: '4', class: 'muted' }, 'この月の希望はありません。')));
  $('wish-doc').replaceChildren(...view.doctors.map((d) => el('option', { value: String(d.practitioner_id) }, `${d.name}（${d.institution}）`)));
}

async function addWish(ev) {
  ev.preventDefault();
  const type = $('wish-type').value;
  const r = await api('POST', `/api/v1/groups/${groupId}/rota/wishes`, {
    practitioner_id: Number($('wish-doc').value), date: $('wish-date').value, kind: $('wish-kind').value, ...(type ? { duty_type: type } : {}),
  });
  if (r.status !== 201) { showRefusal($('wish-form'), r); return; }
  clearErrors($('wish-form'));
  await load();
  showNotice('希望を登録しました。');
}

async function load() {
  const p = period();
  const r = await api('GET', `/api/v1/groups/${groupId}/rota?from=${p.from}&to=${p.to}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  view = r.json;
  selected = [];
  $('title').textContent = `当番表 ${monthLabel()}`;
  $('print-head').textContent = `${view.group_name}　${monthLabel()} 当番表`;
  $('xlsx').href = `/api/v1/groups/${groupId}/rota.xlsx?from=${p.from}&to=${p.to}`;
  renderTable();
  renderCert();
  renderUnavail();
  renderSettings();
  renderWishes();
  $('swap-go').disabled = true;
  $('swap-pick').textContent = '交換する当番を表から2つ選んでください。';
  history.replaceState(null, '', `/rota?group=${groupId}&month=${month}`);
}

async function swap() {
  const reason = $('swap-reason').value.trim();
  const r = await api('POST', `/api/v1/groups/${groupId}/rota/swap`, { duty_a: selected[0], duty_b: selected[1], reason });
  if (r.status !== 200) {
    const box = $('swap-error');
    box.replaceChildren(el('p', {}, errorMessage(r)));
    box.hidden = false;
    return;
  }
  await load();
  showNotice('当番を交換しました。公平性の証明を更新しました。');
}

function jobText(j) {
  const pct = Math.round((j.progress || 0) * 100);
  const best = j.best_objective ? `（スプレッド計 ${Number(j.best_objective.spread_sum).toFixed(2)}・希望違反 ${j.best_objective.wishes}）` : '';
  return { queued: '順番待ち…', running: `計算中… ${pct}%${best}`, done: '完了', failed: '失敗', cancelled: '中止しました' }[j.state] || j.state;
}

async function poll() {
  const r = await api('GET', `/api/v1/jobs/${jobId}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const j = r.json;
  $('job-progress').value = j.state === 'done' ? 1 : j.progress || 0;
  $('job-state').textContent = jobText(j);
  $('job').dataset.state = j.state;
  if (j.state === 'queued' || j.state === 'running') { setTimeout(poll, 300); return; }
  $('solve-go').disabled = false;
  $('solve-cancel').hidden = true;
  if (j.state === 'failed') { showError(j.error || '当番表を作成できませんでした。'); return; }
  if (j.state === 'cancelled') { showNotice('計算を中止しました。当番表は変更されていません。'); return; }
  if (j.result.status === 'infeasible') {
    $('conflicts').replaceChildren(...j.result.conflicts.map((c) => el('li', {}, c.message,
      c.doctors.length ? el('span', { class: 'hint' }, ` 該当する医師: ${c.doctors.map((d) => d.why ? `${d.name}（${d.why}）` : d.name).join('、')}`) : '',
      c.rules.length ? el('span', { class: 'hint' }, ` 規則: ${c.rules.map((x) => x.ja).join('・')}`) : '')));
    $('infeasible').hidden = false;
    return;
  }
  await load();
  showNotice(`当番表を作成しました（自動割当 ${j.result.duties} 件、確定済み ${j.result.pins} 件はそのまま）。`);
}

async function solve(ev) {
  ev.preventDefault();
  clearAlert();
  $('infeasible').hidden = true;
  const p = period();
  const r = await api('POST', `/api/v1/groups/${groupId}/rota/solve`, { ...p, time_limit: Number($('time-limit').value) || 3, seed: Number($('seed').value) || 0 });
  if (r.status !== 202) { showError(errorMessage(r)); return; }
  jobId = r.json.id;
  $('job').hidden = false;
  $('solve-go').disabled = true;
  $('solve-cancel').hidden = false;
  $('job-state').textContent = jobText(r.json);
  setTimeout(poll, 200);
}

async function addUnavail(ev) {
  ev.preventDefault();
  const r = await api('POST', `/api/v1/groups/${groupId}/rota/unavailable`, {
    practitioner_id: Number($('un-doc').value), date: $('un-date').value, reason: $('un-reason').value.trim(), source: $('un-source').value,
  });
  if (r.status !== 201) { showRefusal($('unavail-form'), r); return; }
  clearErrors($('unavail-form'));
  await load();
  showNotice('不都合日を登録しました。');
}

async function importCsv(ev) {
  ev.preventDefault();
  const file = $('csv-file').files[0];
  if (!file) { showError('CSVファイルを選んでください。'); return; }
  const s = await session();
  const res = await fetch(`/api/v1/groups/${groupId}/rota/unavailable/import`, {
    method: 'POST', body: await file.arrayBuffer(), credentials: 'same-origin',
    headers: { 'Content-Type': 'text/csv', Accept: 'application/json', ...(s && s.csrf_token ? { 'X-CSRF-Token': s.csrf_token } : {}) },
  });
  const json = await res.json().catch(() => null);
  if (res.status !== 200) { showError(errorMessage({ status: res.status, json })); return; }
  await load();
  showNotice(`不都合日を ${json.imported} 件取り込みました。`);
}

start(async () => {
  const s = await requireCan('group_read', '当番表');
  if (!s) return;
  canWrite = may(s, 'group_write');
  for (const x of document.querySelectorAll('.write-only')) x.hidden = !canWrite;
  const q = pageQuery();
  const g = await api('GET', '/api/v1/groups');
  if (g.status !== 200) { showError(errorMessage(g)); return; }
  const groups = g.json.items || g.json;
  $('group').replaceChildren(...groups.map((x) => el('option', { value: String(x.id) }, x.name)));
  groupId = Number(q.get('group')) || (groups.find((x) => x.certified) || groups[0] || {}).id || 0;
  $('group').value = String(groupId);
  month = /^\d{4}-\d{2}$/.test(q.get('month') || '') ? q.get('month') : new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date()).slice(0, 7);
  $('month').value = month;
  $('pick').addEventListener('submit', (ev) => { ev.preventDefault(); groupId = Number($('group').value); month = $('month').value || month; clearAlert(); load(); });
  $('print').addEventListener('click', () => window.print());
  $('swap-go').addEventListener('click', swap);
  $('swap-clear').addEventListener('click', () => { selected = []; load(); });
  $('solve-form').addEventListener('submit', solve);
  $('solve-cancel').addEventListener('click', async () => { await api('POST', `/api/v1/jobs/${jobId}/cancel`); });
  $('unavail-form').addEventListener('submit', addUnavail);
  $('csv-form').addEventListener('submit', importCsv);
  $('wish-form').addEventListener('submit', addWish);
  $('wish-type').append(...TYPES.map(([code, ja]) => el('option', { value: code }, ja)));
  if (!groupId) { showError('表示できるグループがありません。'); return; }
  await load();
});
