// 患者一覧: the patients the signed-in user may read, searched by name/kana and municipality and
// paged (every listing is an audit row on the server); 新規登録 opens the registration form with
// every field of the record (issue 14 §1, §9): needs, devices, ACP with date and recorder, the
// coordinates with their provenance. A refused field gets the API's message beside it.
import { api, codes, el, errorMessage, guardUnsaved, may, municipalities, pageQuery, prefectures, requireCan, session, showError, start } from './common.js';
import { checked, checks, clearErrors, field, select, showFieldError } from './form-fields.js';

const PAGE = 20;
const DEFAULT_PREF = '08';
const $ = (id) => document.getElementById(id);

async function muniPairs(pref) {
  const list = (await municipalities(pref)).filter((m) => m.type !== 'prefecture');
  return list.map((m) => [m.code, m.name]);
}

async function fillMunis(sel, pref, value, blank) {
  sel.replaceChildren(el('option', { value: '' }, blank), ...(await muniPairs(pref)).map(([v, l]) => el('option', { value: v }, l)));
  sel.value = value || '';
}

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

/** The registration form: every field of issue 14 §1. */
async function buildForm(form) {
  const c = await codes();
  const pairs = (t) => c[t].filter((x) => x.code).map((x) => [x.code, x.label]);
  const input = (type = 'text', attrs = {}) => el('input', { type, ...attrs });
  const prefs = await prefectures();
  const pref = select(prefs.map((p) => [p.code, p.name]), DEFAULT_PREF);
  pref.id = 'p-pref';
  const muni = el('select', {});
  await fillMunis(muni, DEFAULT_PREF, '', '（選択してください）');
  pref.addEventListener('change', () => fillMunis(muni, pref.value, '', '（選択してください）'));
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
  form.replaceChildren(
    el('fieldset', { class: 'panel-sub' }, el('legend', {}, '本人'),
      el('div', { class: 'field-row' },
        field('name', '氏名', input('text', { maxlength: '60', autocomplete: 'off' }), { req: true }),
        field('kana', 'フリガナ', input('text', { maxlength: '60', autocomplete: 'off' }), { req: true, hint: '全角カタカナ' }),
        field('birth_date', '生年月日', input('date'), { req: true }),
        field('sex', '性別', select(pairs('patient_sexes'), 'unknown')))),
    el('fieldset', { class: 'panel-sub' }, el('legend', {}, '住所と位置'),
      el('div', { class: 'field-row' },
        field('postal_code', '郵便番号', input('text', { maxlength: '8', inputmode: 'numeric' })),
        field('address', '住所', input('text', { maxlength: '120' }), { req: true }),
        el('div', { class: 'field' }, el('label', { for: 'p-pref' }, '都道府県'), pref),
        field('municipality', '市町村', muni, { req: true })),
      el('p', { class: 'hint' }, '座標は 16 km の判定（往診・訪問診療の範囲）に使います。どこから得た座標か（出典・精度・取得日）も記録してください。'),
      el('div', { class: 'field-row' },
        field('lat', '緯度', input('text', { inputmode: 'decimal', placeholder: '35.966' })),
        field('lon', '経度', input('text', { inputmode: 'decimal', placeholder: '140.644' })),
        field('coord_source', '座標の出典', select([['', '（なし）'], ...pairs('coord_sources')], '')),
        field('coord_precision', '精度', input('text', { maxlength: '20', placeholder: '番地・街区など' })),
        field('coord_date', '座標の取得日', input('date')))),
    el('fieldset', { class: 'panel-sub' }, el('legend', {}, '連絡先'),
      el('div', { class: 'field-row' },
        field('phone', '電話', input('tel', { maxlength: '20' })),
        field('family_name', '家族の氏名', input('text', { maxlength: '60' })),
        field('family_relation', '続柄', input('text', { maxlength: '20' })),
        field('family_phone', '家族の電話', input('tel', { maxlength: '20' })))),
    el('fieldset', { class: 'panel-sub' }, el('legend', {}, '状態と必要な対応'),
      el('div', { class: 'field-row' },
        field('care_level', '要介護度', select(pairs('care_levels'), 'none')),
        field('status', '状態', select(pairs('patient_statuses'), 'home')),
        field('status_since', '状態の開始日', input('date', { value: today }))),
      checks('needs', '必要な対応（医療機関に求める機能）', pairs('capabilities')),
      checks('devices', '医療機器・処置', pairs('devices')),
      field('allergies', 'アレルギー', input('text', { maxlength: '120' }))),
    el('fieldset', { class: 'panel-sub' }, el('legend', {}, 'ACP（人生会議）— 本人・家族が話したとおりに'),
      el('div', { class: 'field-row' },
        field('acp_home_death', '自宅での看取り', select(pairs('acp_answers'), 'unknown')),
        field('acp_transport', '救急搬送', select(pairs('acp_answers'), 'unknown')),
        field('acp_life_support', '延命治療', select(pairs('acp_answers'), 'unknown'))),
      field('acp_note', 'メモ', el('textarea', { rows: '2', maxlength: '400' })),
      el('div', { class: 'field-row' },
        field('acp_recorded_on', '記録日', input('date')),
        field('acp_recorded_by', '記録した人', input('text', { maxlength: '60' })))),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'fictional', id: 'f-fictional' }), '架空の患者（研修・デモ用）'),
    el('div', { class: 'actions' },
      el('button', { class: 'button', type: 'submit', id: 'p-save' }, '登録してケアチームの設定へ'),
      el('button', { class: 'button button-secondary', type: 'button', id: 'p-cancel' }, '閉じる')));
}

const TEXT = ['name', 'kana', 'birth_date', 'sex', 'postal_code', 'address', 'municipality', 'coord_precision', 'coord_date',
  'phone', 'family_name', 'family_relation', 'family_phone', 'care_level', 'status', 'status_since', 'allergies',
  'acp_home_death', 'acp_transport', 'acp_life_support', 'acp_note', 'acp_recorded_on', 'acp_recorded_by'];

function formBody(form) {
  const b = {};
  for (const k of TEXT) {
    const v = form.elements[k].value.trim();
    if (v !== '') b[k] = v;
  }
  const lat = form.elements.lat.value.trim(), lon = form.elements.lon.value.trim();
  if (lat !== '' || lon !== '') {
    // Not a number: sent as text so that the API names the field.
    b.lat = lat === '' ? null : (Number.isFinite(Number(lat)) ? Number(lat) : lat);
    b.lon = lon === '' ? null : (Number.isFinite(Number(lon)) ? Number(lon) : lon);
  }
  if (form.elements.coord_source.value) b.coord_source = form.elements.coord_source.value;
  b.needs = checked(form, 'needs');
  b.devices = checked(form, 'devices');
  b.fictional = form.elements.fictional.checked;
  return b;
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
      await buildForm(form);
      guard = guardUnsaved(form);
      $('p-cancel').addEventListener('click', () => { $('create-panel').hidden = true; });
    }
    $('create-panel').hidden = false;
    form.elements.name.focus();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const r = await api('POST', '/api/v1/patients', formBody(form));
    if (r.status !== 201) {
      const f = r.json && r.json.error && r.json.error.field;
      if (!f || !showFieldError(form, f, errorMessage(r))) showError(errorMessage(r));
      return;
    }
    guard.saved();
    location.assign(`/patient?id=${r.json.id}&new=1#team-editor`);
  });
});
