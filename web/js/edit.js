// 機関の登録・編集: a form for every attribute. Submits POST /api/v1/facilities (new) or
// PUT /api/v1/facilities/{id}; a 400/409 puts the API's message beside the field it names
// (error.field) and focuses that field; success goes to the detail page.
import { attachPicker } from './position-picker.js';
import { COORD_PRECISION, COORD_SOURCE, api, clearAlert, codes, el, errorMessage, guardUnsaved, municipalities, pageQuery, prefectures, requireCan, showError, start } from './common.js';

const $ = (id) => document.getElementById(id);
const TEXT = ['name', 'kana', 'legal_entity', 'legal_entity_number', 'medical_code', 'postal_code', 'address', 'phone', 'fax', 'note', 'coord_source', 'coord_precision', 'coord_date', 'municipality'];
const DEFAULT_PREF = '08';

function options(sel, pairs, value) {
  const list = pairs.slice();
  if (value && !list.some(([v]) => v === value)) list.push([value, value]);
  sel.replaceChildren(...list.map(([v, label]) => el('option', { value: v }, label)));
  sel.value = value || '';
}

async function fillMunicipalities(pref, value) {
  const list = (await municipalities(pref)).filter((m) => m.type !== 'prefecture');
  options($('municipality'), [['', '（未選択）'], ...list.map((m) => [m.code, m.name])], value);
}

function clearErrors() {
  for (const p of document.querySelectorAll('.field-error')) p.remove();
  for (const f of document.querySelectorAll('.field.has-error')) f.classList.remove('has-error');
  for (const i of document.querySelectorAll('[aria-invalid]')) { i.removeAttribute('aria-invalid'); i.removeAttribute('aria-describedby'); }
  clearAlert();
}

/** Shows message beside the field the API named and focuses it. Returns false when the form has
 *  no such field (the message then stays in the page alert only). */
function showFieldError(field, message) {
  const box = document.querySelector(`.field[data-field="${CSS.escape(field)}"]`);
  if (!box) return false;
  const id = 'err-' + field;
  box.classList.add('has-error');
  const p = el('p', { class: 'field-error', id }, message);
  const input = box.matches('fieldset') ? box : box.querySelector('input, select, textarea');
  if (box.matches('fieldset')) box.querySelector('legend').after(p);
  else box.append(p);
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.focus();
  }
  return true;
}

function formBody(form) {
  const b = { kind: form.elements.kind.value };
  for (const k of TEXT) {
    const v = form.elements[k].value.trim();
    b[k] = v === '' ? null : v;
  }
  const beds = form.elements.beds.value.trim();
  b.beds = beds === '' ? 0 : Number(beds);
  if (beds !== '' && !Number.isInteger(b.beds)) b.beds = beds; // let the API name the field
  const lat = form.elements.lat.value.trim(), lon = form.elements.lon.value.trim();
  b.lat = lat === '' ? null : (Number.isFinite(Number(lat)) ? Number(lat) : lat);
  b.lon = lon === '' ? null : (Number.isFinite(Number(lon)) ? Number(lon) : lon);
  // Tri-state facts (issue 12 §3): 対応あり true, 対応なし false, 未確認 null.
  const tri = { yes: true, no: false, unknown: null };
  b.h24 = tri[form.elements.h24.value];
  b.home_care = tri[form.elements.home_care.value];
  b.standards = [...form.querySelectorAll('input[name="standards"]:checked')].map((i) => i.value);
  b.capabilities = [...form.querySelectorAll('input[name="capabilities"]:checked')].map((i) => i.value);
  b.capabilities_unknown = [...form.querySelectorAll('input[name="capabilities_unknown"]:checked')].map((i) => i.value);
  return b;
}

start(async () => {
  const id = pageQuery().get('id') || '';
  if (!await requireCan('registry_write', '機関の登録・編集')) return;
  if (id && !/^[1-9][0-9]{0,17}$/.test(id)) {
    showError('機関のID（id）が正しくありません。');
    return;
  }
  const c = await codes();
  // A new institution starts with every fact 未確認 until someone confirms it.
  let f = { kind: 'clinic', standards: [], capabilities: [], capabilities_unknown: null, h24: null, home_care: null, beds: 0 };
  if (id) {
    const r = await api('GET', '/api/v1/facilities/' + id);
    if (r.status !== 200) {
      showError(r.status === 404 ? 'この機関は見つかりません。' : errorMessage(r));
      return;
    }
    f = r.json;
    document.title = `${f.name}を編集 — 在宅医療・介護 地域資源`;
    $('title').textContent = '機関の情報を編集';
    $('crumb').textContent = '編集';
    $('crumb-detail').textContent = f.name;
    $('crumb-detail').href = '/facility?id=' + id;
    $('crumb-detail').hidden = false;
    $('crumb-sep').hidden = false;
    $('cancel').href = '/facility?id=' + id;
  }
  const form = $('edit');
  options(form.elements.kind, c.kinds.map((k) => [k.code, k.label]), f.kind);
  for (const k of TEXT) if (k !== 'municipality' && k !== 'coord_source' && k !== 'coord_precision' && f[k] !== undefined && f[k] !== null) form.elements[k].value = f[k];
  options(form.elements.coord_source, [['', '（未設定）'], ...Object.entries(COORD_SOURCE)], f.coord_source || '');
  options(form.elements.coord_precision, [['', '（未設定）'], ...Object.entries(COORD_PRECISION)], f.coord_precision || '');
  form.elements.beds.value = f.beds ? String(f.beds) : '';
  form.elements.lat.value = f.lat ?? '';
  form.elements.lon.value = f.lon ?? '';
  const state = (v) => (v === null ? 'unknown' : v ? 'yes' : 'no');
  form.elements.h24.value = state(f.h24);
  form.elements.home_care.value = state(f.home_care);
  const pref = (f.municipality || '').slice(0, 2) || DEFAULT_PREF;
  options(form.elements.pref, (await prefectures()).map((p) => [p.code, p.name]), pref);
  await fillMunicipalities(pref, f.municipality || '');
  form.elements.pref.addEventListener('change', () => fillMunicipalities(form.elements.pref.value, ''));
  const stds = new Set(f.standards), caps = new Set(f.capabilities);
  $('standards-list').replaceChildren(...c.standards.map((s) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name: 'standards', value: s.code, checked: stds.has(s.code) }), s.label)));
  // Each capability: a 対応あり box named by the capability, and a 未確認 box beside it (the two
  // exclude each other; neither = 対応なし).
  const unknownCaps = new Set(f.capabilities_unknown === null ? c.capabilities.map((x) => x.code) : (f.capabilities_unknown || []));
  $('capabilities-list').replaceChildren(...c.capabilities.map((s) => {
    const yes = el('input', { type: 'checkbox', name: 'capabilities', value: s.code, checked: caps.has(s.code), id: 'cap-' + s.code });
    const unk = el('input', { type: 'checkbox', name: 'capabilities_unknown', value: s.code, checked: !caps.has(s.code) && unknownCaps.has(s.code), 'aria-describedby': 'cap-label-' + s.code });
    yes.addEventListener('change', () => { if (yes.checked) unk.checked = false; });
    unk.addEventListener('change', () => { if (unk.checked) yes.checked = false; });
    return el('div', { class: 'cap-state' },
      el('label', { class: 'check' }, yes, el('span', { id: 'cap-label-' + s.code }, s.label)),
      el('label', { class: 'check unknown' }, unk, '未確認'));
  }));
  // A coordinate typed by hand records its source and date (shown on the detail page).
  for (const k of ['lat', 'lon']) {
    form.elements[k].addEventListener('change', () => {
      form.elements.coord_source.value = 'manual';
      form.elements.coord_date.value = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    });
  }
  form.hidden = false;
  await attachPicker(form, $('position-picker'));
  // issue 12 §8: a warning before leaving the form with unsaved changes
  const guard = guardUnsaved(form);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    $('save').disabled = true;
    try {
      const r = id ? await api('PUT', '/api/v1/facilities/' + id, formBody(form)) : await api('POST', '/api/v1/facilities', formBody(form));
      if (r.status === 200 || r.status === 201) {
        guard.saved();
        // 「保存しました」 on the page we land on (facility-history.js shows it)
        try { sessionStorage.setItem('zt_saved', `「${r.json.name}」を保存しました。`); } catch { /* private mode */ }
        location.assign('/facility?id=' + r.json.id);
        return;
      }
      const err = (r.json && r.json.error) || {};
      showError('保存できませんでした。' + errorMessage(r));
      if (r.status === 401) {
        $('page-alert').append(el('p', {}, el('a', { href: '/signin?next=' + encodeURIComponent(location.pathname + location.search) }, 'ログインする')));
        return;
      }
      if (err.field) showFieldError(err.field, err.message || errorMessage(r));
    } finally {
      $('save').disabled = false;
    }
  });
});
