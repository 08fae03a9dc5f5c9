// グループ一覧: the groups the signed-in user may read, with their state (要件未充足 / 公表待ち /
// 公表中, issue 12 §8), and for the role that may publish the issuer printed on the 機関証
// (seed 000 §3(2)).
import { api, clearAlert, el, errorMessage, guardUnsaved, may, prefectures, requireCan, session, showError, showSaved, start } from './common.js';

const $ = (id) => document.getElementById(id);

/** The 協定 expiring within 60 (or 30) days, or ended (seed 000 §2 協定; issue 13 §5). */
function expiry(g) {
  if (!g.agreement_valid_to) return '';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
  const days = Math.round((Date.parse(g.agreement_valid_to) - Date.parse(today)) / 86400000);
  if (days < 0) return el('span', { class: 'badge badge-warn expiry' }, '協定の期間終了');
  if (days <= 60) return el('span', { class: 'badge badge-warn expiry' }, `協定の期限まで${days}日`);
  return '';
}

function state(g) {
  if (g.published) return el('span', { class: 'badge badge-ok' }, '公表中');
  if (g.certified) return el('span', { class: 'badge badge-info' }, '公表待ち');
  return el('span', { class: 'badge badge-warn' }, '要件未充足');
}

async function loadIssuer() {
  const pref = $('iss-pref').value;
  const r = await api('GET', `/api/v1/certificate-issuers/${pref}`);
  const c = r.status === 200 ? r.json : { name: '', representative_title: '', representative_name: '' };
  $('iss-state').textContent = c.set ? '' : 'まだ設定されていません。設定するまで機関証のPDFは作成できません。';
  $('iss-name').value = c.name;
  $('iss-title').value = c.representative_title;
  $('iss-person').value = c.representative_name;
}

async function issuerPanel(s) {
  $('issuer').hidden = false;
  const prefs = await prefectures();
  const mine = s.user.prefecture || '08';
  $('iss-pref').replaceChildren(...prefs.map((p) => el('option', { value: p.code, selected: p.code === mine }, p.name)));
  if (s.user.prefecture) $('iss-pref').disabled = true;
  $('iss-pref').addEventListener('change', loadIssuer);
  const guard = guardUnsaved($('issuer-form'));
  $('issuer-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const r = await api('PUT', `/api/v1/certificate-issuers/${$('iss-pref').value}`, {
      name: $('iss-name').value, representative_title: $('iss-title').value, representative_name: $('iss-person').value,
    });
    if (r.status !== 200) { showError(errorMessage(r)); return; }
    guard.saved();
    showSaved('機関証の交付者');
  });
  await loadIssuer();
}

start(async () => {
  if (!await requireCan('group_read', 'グループの管理')) return;
  // Only roles that may write groups see the button that creates one.
  const s = await session();
  for (const a of document.querySelectorAll('a[href="/group"]')) a.hidden = !may(s, 'group_write');
  const r = await api('GET', '/api/v1/groups');
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const body = document.querySelector('#groups tbody');
  body.replaceChildren(...r.json.items.map((g) => el('tr', {},
    el('td', { class: 'name' }, el('a', { href: `/group?id=${g.id}` }, g.name)),
    el('td', {}, g.base_name || '未設定'),
    el('td', { class: 'num' }, String(g.member_count)),
    el('td', {}, state(g), ' ', expiry(g)))));
  document.getElementById('empty').hidden = r.json.items.length > 0;
  if (may(s, 'publish')) await issuerPanel(s);
});
