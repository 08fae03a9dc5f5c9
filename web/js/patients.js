// 患者一覧: the patients the signed-in user may read, searched by name/kana and municipality and
// paged (every listing is an audit row on the server); 新規登録 opens the registration form with
// every field of the record (issue 14 §1, §9): needs, devices, ACP with date and recorder, the
// coordinates with their provenance. A refused field gets the API's message beside it.
import { api, el, errorMessage, guardUnsaved, may, pageQuery, prefectures, requireCan, session, showError, start } from './common.js';
import { clearErrors, showFieldError } from './form-fields.js';
import { DEFAULT_PREF, buildPatientForm, fillMunis, patientBody } from './patient-form.js';

const PAGE = 20;
const $ = (id) => document.getElementById(id);

/** The list: q, municipality and page from the address bar (so that 戻る keeps the search). */
async function showList() {
  const q = pageQuery();
  const page = Math.max(0, Number(q.get('page')) || 0);
  const params = new URLSearchParams({ limit: String(PAGE), offset: String(page * PAGE) });
  if (q.get('q')) params.set('q', q.get('q'));
  if (q.get('municipality')) params.set('municipality', q.get('municipality'));
  const r = await api('GET', '/api/v1/patients?' + params);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const { items, total } = r.json;
  $('patients').querySelector('tbody').replaceChildren(...items.map((p) => el('tr', { dataset: { id: String(p.id) } },
    el('td', { class: 'name' }, el('a', { href: `/patient?id=${p.id}` }, p.name)),
    el('td', {}, p.kana),
    el('td', { class: 'num' }, p.age >= 0 ? `${p.age}歳` : ''),
    el('td', {}, p.status.label),
    el('td', {}, p.care_level.label))));
  $('empty').hidden = items.length > 0;
  $('empty').textContent = q.get('q') || q.get('municipality') ? '条件に合う患者はいません。' : '閲覧できる患者はいません。';
  $('count').replaceChildren(el('strong', {}, String(total)), `件${total ? `（${page * PAGE + 1}〜${page * PAGE + items.length}件を表示）` : ''}`);
  const pages = Math.ceil(total / PAGE);
  const link = (n, label, cls = '') => {
    const u = new URLSearchParams(q);
    u.set('page', String(n));
    return el('a', { href: `/patients?${u}`, class: cls, dataset: { page: String(n) } }, label);
  };
  const pager = $('pager');
  pager.replaceChildren();
  if (pages > 1) {
    pager.append(page > 0 ? link(page - 1, '前へ', 'prev') : el('span', { class: 'disabled' }, '前へ'));
    for (let n = 0; n < pages; n++) pager.append(n === page ? el('span', { class: 'current', 'aria-current': 'page' }, String(n + 1)) : link(n, String(n + 1)));
    pager.append(page < pages - 1 ? link(page + 1, '次へ', 'next') : el('span', { class: 'disabled' }, '次へ'));
  }
}

start(async () => {
  if (!await requireCan('patient_read', '患者情報')) return;
  const s = await session();
  const writer = may(s, 'patient_write');
  $('absence-link').hidden = !writer;
  $('beds-link').hidden = !writer;
  $('new-patient').hidden = !writer;
  $('rules-link').hidden = !may(s, 'group_write');

  // Search: the address bar holds q, municipality and page.
  const q = pageQuery();
  const prefs = await prefectures();
  const sp = $('s-pref');
  const muniQ = q.get('municipality') || '';
  sp.replaceChildren(...prefs.map((p) => el('option', { value: p.code }, p.name)));
  sp.value = muniQ ? muniQ.slice(0, 2) : DEFAULT_PREF;
  await fillMunis($('s-muni'), sp.value, muniQ, 'すべて');
  sp.addEventListener('change', () => fillMunis($('s-muni'), sp.value, '', 'すべて'));
  $('s-q').value = q.get('q') || '';
  $('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const u = new URLSearchParams();
    if ($('s-q').value.trim()) u.set('q', $('s-q').value.trim());
    if ($('s-muni').value) u.set('municipality', $('s-muni').value);
    history.pushState(null, '', '/patients' + (u.size ? `?${u}` : ''));
    showList();
  });
  window.addEventListener('popstate', showList);
  await showList();

  if (!writer) return;
  const form = $('create-form');
  let guard = null;
  $('new-patient').addEventListener('click', async () => {
    if (!form.firstChild) {
      await buildPatientForm(form);
      guard = guardUnsaved(form);
      $('p-cancel').addEventListener('click', () => { $('create-panel').hidden = true; });
    }
    $('create-panel').hidden = false;
    form.elements.name.focus();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const r = await api('POST', '/api/v1/patients', patientBody(form));
    if (r.status !== 201) {
      const f = r.json && r.json.error && r.json.error.field;
      if (!f || !showFieldError(form, f, errorMessage(r))) showError(errorMessage(r));
      return;
    }
    guard.saved();
    location.assign(`/patient?id=${r.json.id}&new=1#team-editor`);
  });
});
