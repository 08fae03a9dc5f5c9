// The patient record form (issue 14 §1, §9) shared by 新規登録 on the patients page and 編集 on a
// patient's page: every field of the record — needs, devices, ACP with date and recorder, the
// coordinates with their provenance —, filled from a patient reply and read back as the API's body.
import { codes, el, municipalities, prefectures } from './common.js';
import { checked, checks, field, select } from './form-fields.js';

export const DEFAULT_PREF = '08';

async function muniPairs(pref) {
  const list = (await municipalities(pref)).filter((m) => m.type !== 'prefecture');
  return list.map((m) => [m.code, m.name]);
}

export async function fillMunis(sel, pref, value, blank) {
  sel.replaceChildren(el('option', { value: '' }, blank), ...(await muniPairs(pref)).map(([v, l]) => el('option', { value: v }, l)));
  sel.value = value || '';
}

/** The registration form: every field of issue 14 §1. */
export async function buildPatientForm(form, { submitLabel = '登録してケアチームの設定へ' } = {}) {
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
      el('button', { class: 'button', type: 'submit', id: 'p-save' }, submitLabel),
      el('button', { class: 'button button-secondary', type: 'button', id: 'p-cancel' }, '閉じる')));
}

const TEXT = ['name', 'kana', 'birth_date', 'sex', 'postal_code', 'address', 'municipality', 'coord_precision', 'coord_date',
  'phone', 'family_name', 'family_relation', 'family_phone', 'care_level', 'status', 'status_since', 'allergies',
  'acp_home_death', 'acp_transport', 'acp_life_support', 'acp_note', 'acp_recorded_on', 'acp_recorded_by'];

/** The API body of the form; with all, empty fields are sent as "" so that an edit can clear them. */
export function patientBody(form, { all = false } = {}) {
  const b = {};
  for (const k of TEXT) {
    const v = form.elements[k].value.trim();
    if (v !== '' || all) b[k] = v;
  }
  const lat = form.elements.lat.value.trim(), lon = form.elements.lon.value.trim();
  if (lat !== '' || lon !== '' || all) {
    // Not a number: sent as text so that the API names the field.
    b.lat = lat === '' ? null : (Number.isFinite(Number(lat)) ? Number(lat) : lat);
    b.lon = lon === '' ? null : (Number.isFinite(Number(lon)) ? Number(lon) : lon);
  }
  if (form.elements.coord_source.value) b.coord_source = form.elements.coord_source.value;
  else if (all) b.coord_source = null;
  b.needs = checked(form, 'needs');
  b.devices = checked(form, 'devices');
  b.fictional = form.elements.fictional.checked;
  return b;
}


/** Fills the form with patient p (a GET /api/v1/patients/{id} reply). */
export async function fillPatientForm(form, p) {
  const f = form.elements;
  const flat = {
    ...p, sex: p.sex.code, care_level: p.care_level.code, status: p.status.code,
    family_name: p.family.name, family_relation: p.family.relation, family_phone: p.family.phone,
    acp_home_death: p.acp.home_death.code, acp_transport: p.acp.transport.code, acp_life_support: p.acp.life_support.code,
    acp_note: p.acp.note, acp_recorded_on: p.acp.recorded_on, acp_recorded_by: p.acp.recorded_by,
  };
  const pref = form.querySelector('#p-pref');
  pref.value = p.municipality.slice(0, 2);
  await fillMunis(f.municipality, pref.value, p.municipality, '（選択してください）');
  for (const k of TEXT) if (k !== 'municipality') f[k].value = flat[k] ?? '';
  f.lat.value = p.lat ?? '';
  f.lon.value = p.lon ?? '';
  f.coord_source.value = p.coord_source;
  for (const [name, list] of [['needs', p.needs], ['devices', p.devices]]) {
    const on = new Set(list.map((x) => x.code));
    for (const i of form.querySelectorAll(`input[name="${name}"]`)) i.checked = on.has(i.value);
  }
  f.fictional.checked = !!p.fictional;
}
