// 顕彰 (issue 18 §6; seed 004 2(4)): the public list of awarded institutions; signed in, nominations
// (programme_write) and the prefecture's decisions (publish).
import { api, el, errorMessage, showError, showSaved, clearAlert, start, may, session } from './common.js';
import { clearErrors, showRefusal } from './form-fields.js';

function fy() {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date()).split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

async function showPublic() {
  const r = await api('GET', '/api/v1/public/awards');
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  document.querySelector('#awarded tbody').replaceChildren(...r.json.items.map((a) => el('tr', { dataset: { id: String(a.id) } },
    el('td', {}, `${a.fiscal_year}年度`), el('th', { scope: 'row' }, a.institution_name), el('td', {}, a.municipality_name),
    el('td', {}, a.reason), el('td', {}, a.decided_on || ''))));
  document.getElementById('awarded-empty').hidden = r.json.items.length > 0;
}

async function showNominations(s) {
  const r = await api('GET', '/api/v1/awards');
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
  const decide = async (id, status) => {
    clearAlert();
    const x = await api('PUT', `/api/v1/awards/${id}/decision`, { status, decided_on: today });
    if (x.status !== 200) { showError(errorMessage(x)); return; }
    showSaved('決定');
    await showPublic();
    await showNominations(s);
  };
  // An undecided nomination is edited in place (its reason) or withdrawn by those who may nominate.
  const edit = (a, cell) => {
    const input = el('input', { type: 'text', maxlength: '2000', value: a.reason, 'aria-label': `${a.institution_name}の推薦の理由`, class: 'reason-edit' });
    const save = async () => {
      clearAlert();
      const x = await api('PUT', `/api/v1/awards/${a.id}`, { reason: input.value.trim(), title: a.title || undefined });
      if (x.status !== 200) { showError(errorMessage(x)); return; }
      showSaved('推薦の理由');
      await showNominations(s);
    };
    cell.replaceChildren(input, ' ', el('button', { type: 'button', class: 'button reason-save', onclick: save }, '保存'));
    input.focus();
  };
  const withdraw = async (a) => {
    clearAlert();
    if (!confirm(`${a.institution_name}（${a.fiscal_year}年度）の推薦を取り下げます。よろしいですか？`)) return;
    const x = await api('DELETE', `/api/v1/awards/${a.id}`);
    if (x.status !== 204) { showError(errorMessage(x)); return; }
    showSaved('推薦の取り下げ');
    await showNominations(s);
  };
  document.querySelector('#nominations tbody').replaceChildren(...r.json.items.map((a) => {
    const reason = el('td', { class: 'reason' }, a.reason);
    const open = a.status === 'nominated';
    return el('tr', { dataset: { id: String(a.id), status: a.status } },
      el('td', {}, `${a.fiscal_year}年度`), el('th', { scope: 'row' }, a.institution_name), reason,
      el('td', {}, a.status_label),
      el('td', {}, open && may(s, 'publish')
        ? [el('button', { type: 'button', class: 'button award', onclick: () => decide(a.id, 'awarded') }, '顕彰する'), ' ',
          el('button', { type: 'button', class: 'button button-secondary', onclick: () => decide(a.id, 'declined') }, '見送る'), ' ']
        : '',
      open && may(s, 'programme_write')
        ? [el('button', { type: 'button', class: 'button button-secondary nom-edit', onclick: () => edit(a, reason) }, '理由を編集'), ' ',
          el('button', { type: 'button', class: 'button button-secondary nom-withdraw', onclick: () => withdraw(a) }, '取り下げ')]
        : ''));
  }));
}

start(async () => {
  await showPublic();
  const s = await session();
  if (!may(s, 'programme_read')) return;
  document.getElementById('noms-panel').hidden = false;
  if (may(s, 'programme_write')) {
    document.getElementById('nominate-panel').hidden = false;
    document.getElementById('n-fy').value = String(fy());
    const kinds = ['clinic', 'hospital', 'nurse_station', 'care_management', 'pharmacy'];
    const all = [];
    for (const k of kinds) {
      const r = await api('GET', `/api/v1/facilities?kind=${k}&limit=500`);
      if (r.json) all.push(...r.json.items);
    }
    all.sort((a, b) => a.name.localeCompare(b.name, 'ja'));
    document.getElementById('n-inst').replaceChildren(...all.map((f) => el('option', { value: String(f.id) }, f.name)));
    document.getElementById('nominate-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearAlert();
      const r = await api('POST', '/api/v1/awards', {
        institution_id: Number(document.getElementById('n-inst').value) || 0,
        fiscal_year: Number(document.getElementById('n-fy').value) || 0,
        reason: document.getElementById('n-reason').value.trim(),
      });
      if (r.status !== 201) { showRefusal(document.getElementById('nominate-form'), r); return; }
      clearErrors(document.getElementById('nominate-form'));
      showSaved('推薦');
      await showNominations(s);
    });
  }
  await showNominations(s);
});
