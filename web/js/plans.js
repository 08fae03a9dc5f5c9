// 事業計画と要件の充足状況 (issue 19 §2, §4): every operator the user may read — all of the prefecture's for
// its staff, its own for a coordinator — with the rule set the prefecture applies, whether the plan of the
// fiscal year is written, and the compliance verdict with the rules not met.
import { allFacilities, api, clearAlert, codes, el, errorMessage, may, municipalities, prefectures, requireCan, showError, showNotice, start } from './common.js';

const $ = (id) => document.getElementById(id);

async function load(fy) {
  const r = await api('GET', `/api/v1/plan-status${fy ? `?fiscal_year=${fy}` : ''}`);
  if (r.status !== 200) { showError(errorMessage(r)); return null; }
  const rows = r.json.operators.map((o) => {
    const notMet = o.rules.filter((x) => x.status === 'not_met');
    const verdict = !o.ruleset ? el('span', { class: 'badge badge-unknown' }, '事業要件が未設定')
      : o.compliant ? el('span', { class: 'badge badge-ok' }, '充足')
        : el('span', { class: 'badge badge-warn' }, o.year_ended ? '未充足' : '未充足（年度途中）');
    return el('tr', { dataset: { id: String(o.id) } },
      el('td', { class: 'name' }, el('a', { href: `/plan?operator=${o.id}&fy=${r.json.fiscal_year}` }, o.name)),
      el('td', {}, o.ruleset_name),
      el('td', {}, o.plan_exists ? '作成済み' : '未作成'),
      el('td', { class: 'verdict' }, verdict),
      el('td', {}, notMet.length ? el('ul', {}, ...notMet.map((x) => el('li', {}, `${x.label}：${x.why}`))) : ''));
  });
  $('operators').querySelector('tbody').replaceChildren(...rows);
  $('empty').hidden = rows.length > 0;
  return r.json;
}

/** 事業者の登録・編集 (operator_manage: the prefecture's staff and administrators): one form, for a new
 *  operator or the one picked; the server checks every field and names the one it refuses. */
async function setupOperators(s) {
  const panel = $('op-panel');
  panel.hidden = false;
  const c = await codes();
  $('op-kind').replaceChildren(...c.operator_kinds.map((k) => el('option', { value: k.code }, k.label)));
  const prefs = await prefectures();
  const own = s.user.prefecture;
  $('op-pref').replaceChildren(...prefs.filter((p) => !own || p.code === own).map((p) => el('option', { value: p.code }, p.name)));
  const assocAll = await allFacilities(new URLSearchParams({ kind: 'medical_association' }));
  const fillPlaces = async (pref, assoc, muni) => {
    $('op-assoc').replaceChildren(el('option', { value: '' }, '（なし）'),
      ...assocAll.filter((a) => (a.municipality || '').startsWith(pref)).map((a) => el('option', { value: String(a.id) }, a.name)));
    $('op-muni').replaceChildren(el('option', { value: '' }, '（なし）'),
      ...(await municipalities(pref)).map((m) => el('option', { value: m.code }, m.name)));
    $('op-assoc').value = assoc ? String(assoc) : '';
    $('op-muni').value = muni || '';
  };
  const fill = async (o) => {
    $('op-name').value = o ? o.name : '';
    $('op-kind').value = o ? o.kind : c.operator_kinds[0].code;
    $('op-pref').value = o ? o.prefecture : $('op-pref').value;
    $('op-pref').disabled = !!o; // an operator's prefecture does not change
    $('op-fy').value = o ? String(o.first_fiscal_year) : '';
    $('op-note').value = o ? o.note || '' : '';
    $('op-units').value = String(o ? o.cap_units || 1 : 1);
    $('op-save').textContent = o ? '変更を保存' : '登録する';
    await fillPlaces($('op-pref').value, o && o.association_id, o && o.municipality);
  };
  const loadList = async (keep) => {
    const r = await api('GET', '/api/v1/operators');
    const items = r.status === 200 ? r.json.items : [];
    $('op-pick').replaceChildren(el('option', { value: '' }, '（新しい事業者を登録）'), ...items.map((o) => el('option', { value: String(o.id) }, o.name)));
    $('op-pick').value = keep ? String(keep) : '';
  };
  await loadList();
  await fill(null);
  $('op-pref').addEventListener('change', () => fillPlaces($('op-pref').value));
  $('op-pick').addEventListener('change', async () => {
    clearAlert();
    const pick = $('op-pick').value;
    if (!pick) { await fill(null); return; }
    const r = await api('GET', `/api/v1/operators/${pick}`);
    if (r.status !== 200) { showError(errorMessage(r)); return; }
    await fill(r.json);
  });
  $('op-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const pick = $('op-pick').value;
    const body = { name: $('op-name').value.trim(), kind: $('op-kind').value, prefecture: $('op-pref').value,
      first_fiscal_year: Number($('op-fy').value) || 0, cap_units: Number($('op-units').value) || 1 };
    if ($('op-assoc').value) body.association_id = Number($('op-assoc').value);
    if ($('op-muni').value) body.municipality = $('op-muni').value;
    if ($('op-note').value.trim()) body.note = $('op-note').value.trim();
    const r = await api(pick ? 'PUT' : 'POST', pick ? `/api/v1/operators/${pick}` : '/api/v1/operators', body);
    if (r.status !== 200 && r.status !== 201) { showError(errorMessage(r)); return; }
    await loadList(r.json.id);
    await fill(r.json);
    await load($('fy').value);
    showNotice(pick ? `「${r.json.name}」を保存しました。` : `「${r.json.name}」を登録しました。`);
  });
}

start(async () => {
  const s = await requireCan('programme_read', '事業計画と要件の充足状況');
  if (!s) return;
  const first = await load(new URLSearchParams(location.search).get('fy'));
  if (!first) return;
  const fy = first.fiscal_year;
  const now = new Date(Date.now() + 9 * 3600e3);
  const current = now.getUTCMonth() < 3 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  const years = [];
  for (let y = Math.max(current + 1, fy); y >= Math.min(current - 3, fy); y--) years.push(y);
  $('fy').replaceChildren(...years.map((y) => el('option', { value: String(y) },
    `${y}年度（${new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, 11, 31))).replace(/^(\D+)1年/, '$1元年')}度）`)));
  $('fy').value = String(fy);
  $('fy').addEventListener('change', () => load($('fy').value));
  if (may(s, 'operator_manage')) await setupOperators(s);
});
