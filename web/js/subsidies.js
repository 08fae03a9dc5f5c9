// 補助金の支出と所要額 (issue 19 §3): an operator's expense ledger for a fiscal year, the claim per
// programme within every cap (computed by the server: domain/subsidy.c), the 所要額明細書 downloads.
// The API decides who may do what (programme_read / programme_write of the operator).
import { api, el, errorMessage, requireCan, session, showError, showNotice, clearAlert, start, fmtWareki } from './common.js';
import { clearErrors, showRefusal } from './form-fields.js';

const $ = (id) => document.getElementById(id);
const yen = (n) => Number(n).toLocaleString('ja-JP');
let programmes = [];
let kinds = [];
let ledger = [];
let editing = 0; // the id of the line being edited, 0 when a new line is entered

function stopEditing() {
  editing = 0;
  $('exp-form').reset();
  $('e-save').textContent = '記録する';
  $('e-cancel').hidden = true;
}

function startEditing(x) {
  editing = x.id;
  $('s-programme').value = x.programme;
  showProgramme();
  $('e-category').value = x.category;
  $('e-kind').value = x.kind;
  $('e-date').value = x.spent_on;
  $('e-amount').value = String(x.amount_yen);
  $('e-payee').value = x.payee;
  $('e-note').value = x.note;
  $('e-save').textContent = '変更を保存';
  $('e-cancel').hidden = false;
  $('e-amount').focus();
}

function currentFiscalYear() {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date()).split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

function fy() { return Number($('s-year').value) || currentFiscalYear(); }
function op() { return Number($('s-operator').value) || 0; }
function programme() { return programmes.find((p) => p.code === $('s-programme').value); }
function base() { return `/api/v1/operators/${op()}/subsidies/${fy()}`; }

function fieldError(r) {
  showRefusal($('exp-form'), r);
}

async function putFile(path, file) {
  const s = await session();
  const headers = { 'Content-Type': 'application/pdf', Accept: 'application/json' };
  if (s && s.csrf_token) headers['X-CSRF-Token'] = s.csrf_token;
  const r = await fetch(path, { method: 'PUT', headers, body: file, credentials: 'same-origin' });
  let json = null;
  try { json = await r.json(); } catch { /* not JSON */ }
  return { status: r.status, json };
}

async function loadProgrammes() {
  const r = await api('GET', `/api/v1/subsidies/programmes?fiscal_year=${fy()}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  programmes = r.json.programmes;
  kinds = r.json.kinds;
  const keep = $('s-programme').value;
  $('s-programme').replaceChildren(...programmes.map((p) => el('option', { value: p.code }, p.name)));
  if (programmes.some((p) => p.code === keep)) $('s-programme').value = keep;
  $('e-kind').replaceChildren(...kinds.map((k) => el('option', { value: k.code }, k.eligible ? k.name : `${k.name}（補助対象外）`)));
  $('s-year-wareki').textContent = fmtWareki(`${fy()}-04-01`).replace(/年.*$/, '年度');
  showProgramme();
}

function showProgramme() {
  const p = programme();
  $('e-category').replaceChildren(...(p ? p.categories : []).map((c) => el('option', { value: c.code }, c.name)));
  $('caps').replaceChildren(p
    ? el('p', {}, `補助上限額 ${yen(p.total_cap_yen)}円${p.unit ? `（${p.unit}ごと）` : ''}。区分ごとの上限：`,
      p.categories.map((c, i) => `${i ? '、' : ''}${c.name} ${c.cap_yen === null ? '上限なし' : yen(c.cap_yen) + '円'}`).join(''))
    : el('p', {}, 'この年度の補助事業は登録されていません。'));
}

async function showLedger() {
  const body = document.querySelector('#ledger tbody');
  body.replaceChildren();
  if (!op()) return;
  const r = await api('GET', `${base()}/expenses`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const catName = (x) => {
    const p = programmes.find((q) => q.code === x.programme);
    const c = p && p.categories.find((k) => k.code === x.category);
    return c ? c.name : x.category;
  };
  body.replaceChildren(...r.json.expenses.map((x) => el('tr', { dataset: { id: String(x.id) } },
    el('td', {}, fmtWareki(x.spent_on)),
    el('td', {}, catName(x)),
    el('td', {}, x.kind_name),
    el('td', { class: 'num' }, yen(x.amount_yen)),
    el('td', {}, x.payee),
    el('td', {}, x.receipt ? el('a', { href: `/api/v1/subsidies/expenses/${x.id}/receipt`, download: 'receipt.pdf' }, 'PDF') : '—'),
    el('td', {},
      el('button', { type: 'button', class: 'button button-secondary edit', dataset: { id: String(x.id) } }, '編集'), ' ',
      el('button', { type: 'button', class: 'button button-secondary del', dataset: { id: String(x.id) } }, '削除')))));
  ledger = r.json.expenses;
  $('ledger-empty').hidden = r.json.expenses.length > 0;
}

async function showClaim() {
  const box = $('claim');
  box.replaceChildren();
  if (!op()) return;
  const r = await api('GET', `${base()}/claim`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  for (const c of r.json.claims) {
    const note = (l) => [l.cut_by_category ? el('span', { class: 'badge badge-warn' }, '区分上限で減額') : '',
      l.cut_by_total ? el('span', { class: 'badge badge-warn' }, '総額上限で減額') : ''];
    box.append(el('h3', {}, c.programme_name),
      el('div', { class: 'table-wrap' }, el('table', { class: 'data claim', dataset: { programme: c.programme } },
        el('thead', {}, el('tr', {}, ...['区分', '支出額（円）', '区分上限額（円）', '所要額（円）', '備考'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, ...c.categories.map((l) => el('tr', { dataset: { category: l.code } },
          el('td', {}, l.name), el('td', { class: 'num' }, yen(l.spent_yen)),
          el('td', { class: 'num' }, l.cap_yen === null ? '上限なし' : yen(l.cap_yen)),
          el('td', { class: 'num claimed' }, yen(l.claimed_yen)), el('td', {}, ...note(l)))),
        el('tr', { class: 'total' }, el('th', { scope: 'row' }, c.units > 1 ? `合計（補助上限額 × ${c.units}）` : '合計（補助上限額）'), el('td', { class: 'num' }, yen(c.spent_yen)),
          el('td', { class: 'num' }, yen(c.total_cap_yen)), el('td', { class: 'num claimed', id: `total-${c.programme}` }, yen(c.claimed_yen)),
          el('td', {}, c.cut_by_total ? el('span', { class: 'badge badge-warn' }, '補助上限額で減額') : ''))))));
  }
  if (!r.json.claims.length) box.append(el('p', { class: 'muted' }, '支出が記録されると、ここに所要額が表示されます。'));
  $('dl-xlsx').href = `${base()}/claim.xlsx`;
  $('dl-pdf').href = `${base()}/claim.pdf`;
}

async function refresh() {
  await showLedger();
  await showClaim();
}

start(async () => {
  if (!await requireCan('programme_read', '補助金の支出と所要額')) return;
  $('s-year').value = String(currentFiscalYear());
  const o = await api('GET', '/api/v1/operators');
  if (o.status !== 200) { showError(errorMessage(o)); return; }
  const ops = o.json.items || [];
  $('s-operator').replaceChildren(...ops.map((x) => el('option', { value: String(x.id) }, x.name)));
  const want = new URLSearchParams(location.search).get('operator');
  if (want && ops.some((x) => String(x.id) === want)) $('s-operator').value = want;
  if (!ops.length) showNotice('閲覧できる事業者がありません。');
  await loadProgrammes();
  $('s-operator').addEventListener('change', () => { clearAlert(); refresh(); });
  $('s-year').addEventListener('change', async () => { clearAlert(); await loadProgrammes(); await refresh(); });
  $('s-programme').addEventListener('change', showProgramme);

  // data-busy while a line is saved (the list and the claim reloaded): a second submit waits.
  $('exp-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const form = $('exp-form');
    if (form.dataset.busy) return;
    form.dataset.busy = '1';
    try {
      await save();
    } finally {
      delete form.dataset.busy;
    }
  });
  async function save() {
    clearAlert();
    const amountText = $('e-amount').value.replace(/[,，\s円]/g, '');
    const body = {
      programme: $('s-programme').value, category: $('e-category').value, kind: $('e-kind').value,
      spent_on: $('e-date').value, payee: $('e-payee').value.trim(), note: $('e-note').value.trim(),
      // integers only: "1.5" stays a number the server refuses, never rounded here
      amount_yen: /^-?\d+(\.\d+)?$/.test(amountText) ? Number(amountText) : amountText,
    };
    const r = editing
      ? await api('PUT', `/api/v1/subsidies/expenses/${editing}`, body)
      : await api('POST', `${base()}/expenses`, body);
    if (r.status !== (editing ? 200 : 201)) { fieldError(r); return; }
    const verb = editing ? '変更しました' : '記録しました';
    const file = $('e-receipt').files[0];
    if (file) {
      const u = await putFile(`/api/v1/subsidies/expenses/${r.json.id}/receipt`, file);
      if (u.status !== 200) { fieldError(u); await refresh(); return; }
    }
    clearErrors($('exp-form'));
    stopEditing();
    showNotice(`支出（${yen(r.json.amount_yen)}円）を${verb}。`);
    await refresh();
  }
  $('e-cancel').addEventListener('click', () => { clearAlert(); stopEditing(); });
  $('ledger').addEventListener('click', async (ev) => {
    const ed = ev.target.closest('button.edit');
    if (ed) {
      clearAlert();
      const x = ledger.find((l) => String(l.id) === ed.dataset.id);
      if (x) startEditing(x);
      return;
    }
    const b = ev.target.closest('button.del');
    if (!b) return;
    clearAlert();
    const r = await api('DELETE', `/api/v1/subsidies/expenses/${b.dataset.id}`);
    if (r.status !== 200) { showError(errorMessage(r)); return; }
    if (String(editing) === b.dataset.id) stopEditing();
    showNotice('支出を削除しました。');
    await refresh();
  });
  await refresh();
});
