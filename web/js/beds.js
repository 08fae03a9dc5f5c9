// 空床の登録: a backup hospital publishes its reserved and free beds per ward type on one phone
// screen; each figure shows when and by whom it was last updated, and whether it is stale.
import { api, el, errorMessage, pageQuery, requireCan, session, showError, showNotice, clearAlert, start } from './common.js';

const WARDS = [['general', '一般病棟'], ['community_care', '地域包括ケア病棟'], ['recovery', '回復期リハビリテーション病棟'], ['long_term', '療養病棟']];

function num(id, value, label) {
  return el('input', { id, type: 'number', min: '0', max: '5000', step: '1', inputmode: 'numeric', value: value === undefined ? '' : String(value), 'aria-label': label });
}

/** The last updates of the hospital's figures (every update is kept), newest first. */
async function history(id) {
  const list = document.getElementById('bed-history');
  const r = await api('GET', `/api/v1/facilities/${id}/beds/history?limit=8`);
  if (r.status !== 200) { list.replaceChildren(); return; }
  const label = new Map(WARDS);
  list.replaceChildren(...r.json.items.map((x) => el('li', {},
    `${new Date(x.updated_at).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })}　${label.get(x.ward) || x.ward} 確保 ${x.reserved}・空床 ${x.free}（${x.updated_by}）`)));
  if (r.json.items.length === 0) list.append(el('li', { class: 'muted' }, '履歴はまだありません。'));
}

async function load(id) {
  const r = await api('GET', `/api/v1/facilities/${id}/beds`);
  const form = document.getElementById('beds-form');
  form.hidden = r.status !== 200;
  if (r.status === 403) {
    // Not this user's hospital (a doctor's clinic, a hospital outside the district): say who registers.
    showNotice('この病院の空床は、病院のアカウント（地域連携室）または地区のコーディネータが登録します。');
    document.getElementById('beds-updated').textContent = '';
    return;
  }
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const by = new Map(r.json.wards.map((w) => [w.ward, w]));
  document.getElementById('beds-rows').replaceChildren(...WARDS.map(([code, label]) => {
    const w = by.get(code);
    return el('tr', { dataset: { ward: code } },
      el('th', { scope: 'row' }, label, w && w.stale ? el('span', { class: 'badge badge-warn' }, '古い情報') : ''),
      el('td', {}, num(`r-${code}`, w && w.reserved, `${label} 確保病床数`)),
      el('td', {}, num(`f-${code}`, w && w.free, `${label} 空床数`)));
  }));
  const newest = r.json.wards.map((w) => w).sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
  document.getElementById('beds-updated').textContent = newest
    ? `最終更新: ${new Date(newest.updated_at).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })}（${newest.updated_by}）・空床合計 ${r.json.free}`
    : 'まだ登録されていません。';
  await history(id);
}

start(async () => {
  if (!await requireCan('patient_write', '空床の登録')) return;
  const s = await session();
  const sel = document.getElementById('bed-hospital');
  const h = await api('GET', '/api/v1/facilities?kind=hospital&limit=500');
  const items = h.json ? h.json.items : [];
  sel.replaceChildren(...items.map((f) => el('option', { value: String(f.id) }, f.name)));
  const own = s.user.institution_id;
  if (own && !items.some((f) => f.id === own)) {
    // A doctor's clinic or a nurse station: hospitals publish their own beds.
    document.getElementById('beds-form').hidden = true;
    sel.disabled = true;
    showNotice('空床の登録は、病院のアカウント（地域連携室）または地区のコーディネータが行います。');
    return;
  }
  const want = Number(pageQuery().get('id')) || own;
  if (want && items.some((f) => f.id === want)) sel.value = String(want);
  const show = async () => {
    clearAlert();
    document.getElementById('hospital-name').textContent = sel.options[sel.selectedIndex] ? sel.options[sel.selectedIndex].textContent : '';
    await load(sel.value);
  };
  sel.addEventListener('change', show);
  await show();
  document.getElementById('beds-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const wards = [];
    for (const [code] of WARDS) {
      const r = document.getElementById(`r-${code}`).value, f = document.getElementById(`f-${code}`).value;
      if (r === '' && f === '') continue;
      wards.push({ ward: code, reserved: Number(r || 0), free: Number(f || 0) });
    }
    const res = await api('PUT', `/api/v1/facilities/${sel.value}/beds`, { wards });
    if (res.status !== 200) { showError(errorMessage(res)); return; }
    await load(sel.value);
    showNotice('空床を保存しました。');
  });
});
