// カレンダー購読 (iCalendar, issue 14 §7): create a subscription URL for a doctor's or a group's
// duties (shown once), copy it, and revoke it. The API decides who may do what (feed_manage; a
// group's feed needs its coordinator).
import { api, el, errorMessage, requireCan, session, showError, clearAlert, start } from './common.js';
import { clearErrors, showRefusal } from './form-fields.js';

const KIND = { doctor: '医師', group: 'グループ', meetings: '会議' };

function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

async function loadDoctors(instId) {
  const sel = document.getElementById('f-doc');
  sel.replaceChildren();
  if (!instId) return;
  const r = await api('GET', `/api/v1/facilities/${instId}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  for (const p of (r.json.practitioners || []).filter((x) => x.role === 'doctor')) sel.append(el('option', { value: String(p.id) }, p.name));
}

async function showList() {
  const r = await api('GET', '/api/v1/feeds');
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const body = document.querySelector('#feeds tbody');
  body.replaceChildren(...r.json.items.map((f) => el('tr', { dataset: { id: String(f.id), state: f.state } },
    el('td', {}, KIND[f.kind] || f.kind),
    el('td', {}, f.target_name),
    el('td', {}, when(f.created_at)),
    el('td', {}, when(f.last_fetched_at)),
    el('td', {}, f.state === 'active' ? el('span', { class: 'badge badge-ok' }, '有効') : el('span', { class: 'badge' }, '取り消し済み')),
    el('td', {}, f.state === 'active'
      ? el('button', { type: 'button', class: 'button button-secondary revoke', dataset: { id: String(f.id) } }, '取り消す') : ''))));
  document.getElementById('feeds-empty').hidden = r.json.items.length > 0;
}

function kind() {
  return document.querySelector('#feed-form input[name="kind"]:checked').value;
}

function showKind() {
  const doctor = kind() === 'doctor';
  document.getElementById('f-inst-field').hidden = !doctor;
  document.getElementById('f-doc-field').hidden = !doctor;
  document.getElementById('f-group-field').hidden = doctor;
}

start(async () => {
  if (!await requireCan('feed_manage', 'カレンダー購読')) return;
  const s = await session();
  // institutions with doctors: clinics and hospitals; the user's own first
  const inst = document.getElementById('f-inst');
  const c = await api('GET', '/api/v1/facilities?kind=clinic&limit=500');
  const h = await api('GET', '/api/v1/facilities?kind=hospital&limit=500');
  const all = [...(c.json ? c.json.items : []), ...(h.json ? h.json.items : [])].sort((x, y) => x.name.localeCompare(y.name, 'ja'));
  inst.replaceChildren(...all.map((f) => el('option', { value: String(f.id) }, f.name)));
  const own = s.user.institution_id;
  if (own && all.some((f) => f.id === own)) inst.value = String(own);
  inst.addEventListener('change', () => loadDoctors(inst.value));
  await loadDoctors(inst.value);
  const g = await api('GET', '/api/v1/groups');
  const groups = document.getElementById('f-group');
  groups.replaceChildren(...(g.json && g.json.items ? g.json.items : []).map((x) => el('option', { value: String(x.id) }, x.name)));
  for (const r of document.querySelectorAll('#feed-form input[name="kind"]')) r.addEventListener('change', showKind);
  showKind();

  document.getElementById('feed-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const body = kind() === 'doctor'
      ? { kind: 'doctor', practitioner_id: Number(document.getElementById('f-doc').value) || 0 }
      : { kind: 'group', group_id: Number(groups.value) || 0 };
    const r = await api('POST', '/api/v1/feeds', body);
    if (r.status !== 201) { showRefusal(document.getElementById('feed-form'), r); return; }
    clearErrors(document.getElementById('feed-form'));
    document.getElementById('feed-new').hidden = false;
    const url = document.getElementById('feed-url');
    url.value = r.json.url || location.origin + r.json.path;
    document.getElementById('feed-copied').textContent = '';
    url.focus();
    url.select();
    await showList();
  });
  document.getElementById('feed-copy').addEventListener('click', async () => {
    const url = document.getElementById('feed-url');
    let ok = false;
    try {
      await navigator.clipboard.writeText(url.value);
      ok = true;
    } catch {
      url.select();
      ok = document.execCommand && document.execCommand('copy');
    }
    document.getElementById('feed-copied').textContent = ok ? 'コピーしました' : 'URLを選択しました。コピーしてください';
  });
  document.getElementById('feeds').addEventListener('click', async (ev) => {
    const b = ev.target.closest('button.revoke');
    if (!b) return;
    clearAlert();
    const r = await api('DELETE', `/api/v1/feeds/${b.dataset.id}`);
    if (r.status !== 204) { showError(errorMessage(r)); return; }
    document.getElementById('feed-new').hidden = true;
    await showList();
  });
  await showList();
});
