// 退院調整の依頼 (issue 16 §1–§5): one referral with its history and the actions of the user's party —
// the hospital sends, withdraws and discharges; the district's coordinator sees the ranked candidates
// on the map (16 km circle around the home, excluded ones greyed with their reasons), proposes one or
// offers the referral to a neighbouring district; the neighbour's coordinator takes it over or returns
// it; the proposed clinic or nurse station accepts or declines with a coded reason.
import { api, codes, el, errorMessage, fmtDate, fmtDateTime, requireCan, showError, showNotice, clearAlert, start } from './common.js';
import { drawCandidatesMap } from './referral-map.js';

const $ = (id) => document.getElementById(id);
const id = Number(new URLSearchParams(location.search).get('id'));
const STATE = { draft: '下書き', sent: '依頼中', proposed: '打診中', accepted: '受入決定', discharged: '在宅移行済み', declined: '辞退あり', escalated: '他地区へ照会中', withdrawn: '取下げ' };
const DECLINE = [['full', '受入枠がない'], ['capability', '必要な処置に対応できない'], ['distance', '訪問範囲外'], ['schedule', '退院日に間に合わない'], ['preference', '本人・家族の希望と合わない'], ['other', 'その他']];

async function act(body, done) {
  clearAlert();
  const r = await api('POST', `/api/v1/referrals/${id}/transitions`, body);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  showNotice(done);
  await load();
}

function button(label, onclick, cls = 'button') {
  const b = el('button', { type: 'button', class: cls }, label);
  b.addEventListener('click', onclick);
  return b;
}

function reasonInput(idName, label) {
  return el('div', { class: 'field' }, el('label', { for: idName }, label), el('input', { id: idName }));
}

function actions(r) {
  const you = new Set(r.you_are);
  const s = r.state.code;
  const out = [];
  if (you.has('hospital') || you.has('coordinator')) {
    if (s === 'draft') out.push(button('依頼を送る', () => act({ event: 'send' }, '依頼を送付しました。')));
    if (s === 'accepted') out.push(button('退院・在宅移行（ケアチームを設定）', () => act({ event: 'discharge' }, '在宅移行としました。患者のケアチームを設定しました。')));
  }
  if (you.has('hospital') && !['discharged', 'withdrawn'].includes(s)) {
    out.push(el('div', { class: 'actions-row' }, reasonInput('withdraw-reason', '取下げの理由'),
      button('取り下げる', () => act({ event: 'withdraw', reason: $('withdraw-reason').value }, '依頼を取り下げました。'), 'button button-secondary')));
  }
  if (you.has('neighbour') && s === 'escalated') {
    out.push(el('p', {}, '隣接地区から照会された依頼です（相互補完）。引き受けると、この地区で候補を探して打診します。'));
    out.push(el('div', { class: 'actions-row' }, button('照会を引き受ける', () => act({ event: 'take_over' }, '照会を引き受けました。')),
      reasonInput('return-reason', '返す理由'),
      button('照会を返す', () => act({ event: 'return', reason: $('return-reason').value }, '照会を返しました。'), 'button button-secondary')));
  }
  const mine = (you.has('clinic') && !r.clinic_answer) || (you.has('nurse_station') && !r.nurse_answer);
  if (s === 'proposed' && mine) {
    out.push(el('p', {}, `受入の打診が届いています（退院予定日 ${fmtDate(r.planned_discharge)}）。`));
    out.push(el('div', { class: 'actions-row' }, button('受け入れる', () => act({ event: 'accept' }, '受入を回答しました。')),
      el('div', { class: 'field' }, el('label', { for: 'decline-code' }, '辞退の理由'),
        el('select', { id: 'decline-code' }, ...DECLINE.map(([c, l]) => el('option', { value: c }, l)))),
      reasonInput('decline-reason', '補足'),
      button('辞退する', () => act({ event: 'decline', reason_code: $('decline-code').value, reason: $('decline-reason').value }, '辞退を回答しました。'), 'button button-secondary')));
  }
  $('actions').replaceChildren(...out);
  $('actions-panel').hidden = out.length === 0;
}

function candRows(list, pickId, canPropose) {
  const pick = $(pickId);
  const keep = pickId === 'pick-nurse' ? [el('option', { value: '' }, 'なし')] : [];
  pick.replaceChildren(...keep, ...list.filter((c) => c.eligible).map((c) => el('option', { value: String(c.id) }, `${c.rank}. ${c.name}`)));
  return list.map((c) => el('tr', { class: c.eligible ? 'eligible' : 'excluded', dataset: { id: String(c.id), code: c.code } },
    el('td', { class: 'num' }, c.eligible ? String(c.rank) : '—'),
    el('td', {}, c.name),
    el('td', { class: 'num' }, c.distance_km == null ? '座標なし' : `${c.distance_km.toFixed(1)} km`),
    el('td', { class: 'reason' }, c.eligible ? c.why : c.reason),
    el('td', {}, c.eligible && canPropose ? button('選ぶ', () => { pick.value = String(c.id); pick.focus(); }, 'button button-secondary') : '')));
}

async function candidates(r) {
  const you = new Set(r.you_are);
  const open = ['sent', 'declined', 'proposed', 'escalated'].includes(r.state.code);
  if (!(you.has('coordinator') || you.has('neighbour')) || !open) { $('cand-panel').hidden = true; return; }
  const c = await api('GET', `/api/v1/referrals/${id}/candidates`);
  if (c.status !== 200) { showError(errorMessage(c)); return; }
  const d = c.json;
  const canPropose = you.has('coordinator') && ['sent', 'declined', 'proposed'].includes(r.state.code);
  $('cand-clinic').querySelector('tbody').replaceChildren(...candRows(d.clinic, 'pick-clinic', canPropose));
  $('cand-nurse').querySelector('tbody').replaceChildren(...candRows(d.nurse_station, 'pick-nurse', canPropose));
  $('propose-row').hidden = !canPropose;
  const eligible = d.clinic.filter((x) => x.eligible).length;
  $('cand-hint').textContent = eligible ? `受入可能な医療機関 ${eligible} 件（順位は距離と各機関の負荷から）。除外した近隣の機関は理由とともに灰色で表示します。`
    : `地区内に受入可能な医療機関がありません。${d.elsewhere_eligible ? `地区外には ${d.elsewhere_eligible} 件あります。` : ''}隣接地区へ照会できます（相互補完）。`;
  const canEscalate = you.has('coordinator') && ['sent', 'declined'].includes(r.state.code) && d.neighbours.length > 0;
  $('pick-district').replaceChildren(...d.neighbours.map((n) => el('option', { value: String(n.id) }, n.name)));
  $('escalate-row').hidden = !canEscalate;
  drawCandidatesMap($('map'), d);
  $('cand-panel').hidden = false;
}

async function load() {
  const r = await api('GET', `/api/v1/referrals/${id}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const x = r.json;
  $('title').textContent = `${x.patient_name} さんの退院調整`;
  $('crumb').textContent = x.patient_name;
  $('state').textContent = `状態: ${x.state.label}`;
  $('state').dataset.state = x.state.code;
  const prefs = x.preferences.map((p) => `${p.label}: ${p.institution_name}${p.hard ? '（必須）' : '（できれば）'}`).join('、');
  const facts = [
    ['紹介元', x.hospital_name], ['退院予定日', fmtDate(x.planned_discharge)], ['自宅', x.address],
    ['必要な機器', x.devices.map((d) => d.label).join('、') || 'なし'],
    ['必要な対応（機器から導いたものを含む）', x.required.map((d) => d.label).join('、') || 'なし'],
    ['訪問頻度', `月${x.visits_per_month}回`], ['看取りの希望', x.eol_wish.label], ['希望', prefs || 'なし'],
    ['打診先', x.clinic_name ? `${x.clinic_name}${x.clinic_answer ? `（${x.clinic_answer === 'accepted' ? '受入' : '辞退'}）` : '（回答待ち）'}` : '—'],
    ['訪問看護', x.nurse_station_name ? `${x.nurse_station_name}${x.nurse_answer ? `（${x.nurse_answer === 'accepted' ? '受入' : '辞退'}）` : '（回答待ち）'}` : '—'],
    ['備考', x.note || ''],
  ];
  $('facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  const roles = new Map(((await codes()).roles || []).map((r) => [r.code, r.label]));
  $('events').replaceChildren(...x.events.map((e) => el('li', {},
    el('strong', {}, fmtDateTime(e.at)), ' ', `${e.user_name}（${roles.get(e.user_role) || (e.user_role === 'system' ? 'システム' : e.user_role)}${e.institution_name ? `・${e.institution_name}` : ''}）: `,
    `${STATE[e.from_state] || '—'} → ${STATE[e.to_state] || e.to_state}`, e.reason_code ? `、理由 ${(DECLINE.find(([c]) => c === e.reason_code) || [0, e.reason_code])[1]}` : '', e.reason ? `「${e.reason}」` : '')));
  actions(x);
  await candidates(x);
}

start(async () => {
  if (!await requireCan('patient_read', '退院調整の依頼')) return;
  if (!id) { showError('依頼が指定されていません。'); return; }
  $('propose').addEventListener('click', () => {
    const nurse = $('pick-nurse').value;
    act({ event: 'propose', clinic_id: Number($('pick-clinic').value), ...(nurse ? { nurse_station_id: Number(nurse) } : {}) }, '受入を打診しました。');
  });
  $('escalate').addEventListener('click', () => act({ event: 'escalate', district_id: Number($('pick-district').value), reason: $('escalate-reason').value }, '隣接地区へ照会しました。'));
  await load();
});
