// 訪問診療導入研修の詳細 (seed 002 別紙1 ②, issue 18 §2): the dates of the five steps, the clinics
// invited, advisor doctors with their capacity, trainees with their wishes, the advisor matching with
// a reason per pair (proposal, then confirmation), attendance, accompanied visits, the completion rule,
// the 認定証 (seed 000 §3(3): issue, PDF, verification by number) and follow-up notes. Everything
// is read from and written to /api/v1/trainings/{id}; the page decides no rule itself.
import { api, el, errorMessage, fmtDate, fmtFiscalPeriod, may, pageQuery, requireCan, showError, showNotice, clearAlert, start } from './common.js';

const $ = (id) => document.getElementById(id);
const id = Number(pageQuery().get('id'));
let view = null;
let canWrite = false;

const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());

/** Calls the API and, on success, re-renders with the view the change replied; false on failure. */
async function change(method, path, body, ok) {
  clearAlert();
  const r = await api(method, path, body);
  if (r.status !== 200 && r.status !== 201) { showError(errorMessage(r)); return false; }
  if (r.json && r.json.trainee_list) render(r.json);
  if (ok) showNotice(ok);
  return r;
}

const base = () => `/api/v1/trainings/${id}`;
const ATT = [['lecture1', '第1回座学'], ['lecture2', '第2回座学'], ['survey', 'アンケート回答'], ['followup', 'フォローアップ']];

function sessionsRows(v) {
  return v.sessions.map((s) => {
    const date = el('input', { type: 'date', value: s.held_on || '', 'aria-label': `${s.label}の日付`, disabled: !canWrite });
    const place = el('input', { type: 'text', value: s.place || '', 'aria-label': `${s.label}の会場・内容`, maxlength: '100', disabled: !canWrite });
    const save = canWrite ? el('button', { type: 'button', class: 'button button-secondary', onclick: () =>
      change('PUT', `${base()}/sessions/${s.step}`, { held_on: date.value || null, place: place.value }, `${s.label}の日程を保存しました。`) }, '保存') : '';
    return el('tr', { dataset: { step: s.step } }, el('th', { scope: 'row' }, `${s.order}. ${s.label}`), el('td', {}, date), el('td', {}, place), el('td', {}, save));
  });
}

function advisorName(v, aid) {
  const a = v.advisor_list.find((x) => x.id === aid);
  return a ? `${a.name}（${a.institution_name}）` : `ID ${aid}`;
}

function traineeRow(v, t) {
  const att = el('div', { class: 'attendance' }, ...ATT.map(([step, label]) => {
    const box = el('input', { type: 'checkbox', 'data-step': step, disabled: !canWrite });
    box.checked = !!t.attendance[step];
    box.addEventListener('change', () => change('PUT', `${base()}/trainees/${t.id}/attendance/${step}`, { attended: box.checked },
      `${t.name} 医師の${label}を記録しました。`));
    return el('label', {}, box, ' ', label);
  }));
  const visits = el('div', {}, el('span', { class: 'visits-count' }, `${t.visits}回`), t.visits_beyond_plan ? el('span', { class: 'hint' }, '（計画の3か所を超えています）') : null);
  if (canWrite) {
    const d = el('input', { type: 'date', value: todayIso(), 'aria-label': `${t.name} 医師の同行訪問日` });
    visits.append(el('div', { class: 'visit-form' }, d, el('button', { type: 'button', class: 'button button-secondary', 'data-action': 'visit', onclick: () =>
      change('POST', `${base()}/trainees/${t.id}/visits`, { visited_on: d.value }, `${t.name} 医師の同行訪問を記録しました。`) }, '同行訪問を記録')));
  }
  const adv = t.advisor
    ? el('div', {}, el('strong', { class: 'advisor-name' }, advisorName(v, t.advisor.id)), t.advisor.distance_km != null ? ` ${t.advisor.distance_km.toFixed(1)} km` : '',
      el('p', { class: 'reason' }, t.advisor.reason))
    : el('div', {}, el('span', { class: 'muted' }, '未割当'));
  if (canWrite) {
    const sel = el('select', { 'aria-label': `${t.name} 医師のアドバイザー医師` }, el('option', { value: '' }, '（割当なし）'),
      ...v.advisor_list.map((a) => el('option', { value: String(a.id) }, `${a.name}（${a.institution_name}） ${a.assigned}/${a.capacity}人`)));
    sel.value = t.advisor ? String(t.advisor.id) : '';
    adv.append(el('div', { class: 'pair-form' }, sel, el('button', { type: 'button', class: 'button button-secondary', 'data-action': 'pair', onclick: () =>
      change('PUT', `${base()}/trainees/${t.id}`, { advisor_id: sel.value ? Number(sel.value) : null }, `${t.name} 医師のアドバイザー医師を変更しました。`) }, '指定')));
  }
  const wishes = t.wishes.length ? el('p', { class: 'reason' }, '希望: ', t.wishes.map((w, i) => `第${i + 1} ${advisorName(v, w)}`).join('、')) : null;
  const done = el('div', {}, t.complete ? el('span', { class: 'complete-yes' }, '修了') : el('span', { class: 'complete-no' }, '未修了'));
  if (!t.complete) done.append(el('p', { class: 'reason' }, t.missing));
  if (t.certificate) {
    done.append(el('p', {}, '認定証 ', el('a', { class: 'cert-number', href: `/verify?number=${encodeURIComponent(t.certificate.number)}` }, t.certificate.number)),
      el('p', {}, el('a', { class: 'button button-secondary cert-pdf', href: `${base()}/trainees/${t.id}/certificate.pdf`, target: '_blank', rel: 'noopener' }, '認定証（PDF）')));
  } else if (t.complete && canWrite) {
    done.append(el('button', { type: 'button', class: 'button', 'data-action': 'certify', onclick: async () => {
      const r = await api('POST', `${base()}/trainees/${t.id}/certificate`);
      if (r.status !== 201) { showError(errorMessage(r)); return; }
      await reload();
      showNotice(`${t.name} 医師に認定証（${r.json.number}）を交付しました。`);
    } }, '認定証を交付'));
  }
  return el('tr', { dataset: { id: String(t.id) } },
    el('td', { class: 'name' }, el('strong', {}, t.name), el('br'), t.institution_name, wishes),
    el('td', {}, adv), el('td', {}, att), el('td', {}, visits), el('td', {}, done));
}

function render(v) {
  view = v;
  $('t-title').textContent = v.title;
  $('t-eyebrow').textContent = `${fmtFiscalPeriod(String(v.fiscal_year))}・${v.association.name}`;
  $('t-rule').textContent = `${v.rule.text}。修了者 ${v.completed} 人 / 受講生 ${v.trainee_list.length} 人。`;
  $('sessions').querySelector('tbody').replaceChildren(...sessionsRows(v));
  $('invitations').replaceChildren(...v.invitations.map((x) => el('li', {}, x.institution_name, x.source === 'survey' ? '（アンケートから）' : '',
    x.trainees ? `（受講 ${x.trainees}人）` : '')));
  $('advisors').querySelector('tbody').replaceChildren(...v.advisor_list.map((a) => el('tr', {},
    el('td', { class: 'name' }, a.name), el('td', {}, a.institution_name, a.has_coord ? '' : '（座標未登録）'),
    el('td', { class: 'num' }, `${a.capacity}人`), el('td', { class: 'num' }, `${a.assigned}人`))));
  const opts = [el('option', { value: '' }, '（なし）'), ...v.advisor_list.map((a) => el('option', { value: String(a.id) }, `${a.name}（${a.institution_name}）`))];
  for (const s of document.querySelectorAll('select.wish')) { const keep = s.value; s.replaceChildren(...opts.map((o) => o.cloneNode(true))); s.value = keep; }
  $('trainees').querySelector('tbody').replaceChildren(...v.trainee_list.map((t) => traineeRow(v, t)));
  $('no-trainees').hidden = v.trainee_list.length > 0;
  const keep = $('f-trainee').value;
  $('f-trainee').replaceChildren(...v.trainee_list.map((t) => el('option', { value: String(t.id) }, t.name)));
  if (keep) $('f-trainee').value = keep;
  const tri = (x) => (x === null || x === undefined ? '未確認' : x ? 'はい' : 'いいえ');
  const nameOf = (tid) => (v.trainee_list.find((t) => t.id === tid) || {}).name || '';
  $('followups').querySelector('tbody').replaceChildren(...v.followups.map((f) => el('tr', {},
    el('td', {}, fmtDate(f.noted_on)), el('td', {}, nameOf(f.trainee_id)), el('td', {}, tri(f.started_visits)), el('td', {}, tri(f.filed_zaishishin)), el('td', {}, f.note || ''))));
}

async function reload() {
  const r = await api('GET', base());
  if (r.status !== 200) { showError(errorMessage(r)); return false; }
  render(r.json);
  return true;
}

/** Clinics and hospitals of the programme's 郡市医師会 (its municipalities), sorted by name. */
async function districtInstitutions(v) {
  const a = (await api('GET', '/api/v1/medical-associations')).json?.items.find((x) => x.id === v.association.id);
  const out = [];
  for (const m of (a && a.municipalities) || [v.association.municipality]) {
    for (const kind of ['clinic', 'hospital']) {
      const r = await api('GET', `/api/v1/facilities?kind=${kind}&municipality=${m}&limit=500`);
      if (r.status === 200) out.push(...r.json.items);
    }
  }
  return out.sort((x, y) => x.name.localeCompare(y.name, 'ja'));
}

/** Selects in the invitation list the clinics that answered the district's newest survey 「条件が整えば
 *  行いたい」 (seed 002: STEP1's survey finds whom ② 訪問診療導入研修 should invite). */
async function pickWillingFromSurvey(v) {
  clearAlert();
  const note = $('invite-survey-note');
  const list = await api('GET', '/api/v1/surveys');
  if (list.status !== 200) { showError(errorMessage(list)); return false; }
  const sent = (list.json.surveys || []).filter((s) => s.association_id === v.association.id && s.sent_at)
    .sort((a, b) => b.sent_at.localeCompare(a.sent_at));
  if (!sent.length) { showError('この地区で送付したアンケートがありません。'); return false; }
  const res = await api('GET', `/api/v1/surveys/${sent[0].id}/results`);
  if (res.status !== 200) { showError(errorMessage(res)); return false; }
  const willing = new Set(res.json.willing_under_conditions.map((w) => String(w.institution_id)));
  let n = 0;
  for (const o of $('invite-inst').options) { o.selected = willing.has(o.value); if (o.selected) n++; }
  note.textContent = `「${sent[0].title}」で条件が整えば訪問診療を行いたいと答えた ${n} 診療所を選びました。確認して「案内を記録」を押してください。`;
  note.hidden = false;
  return n > 0;
}

function setupForms(v, insts) {
  const opt = (f) => el('option', { value: String(f.id) }, f.name);
  $('invite-inst').replaceChildren(...insts.map(opt));
  $('tr-inst').replaceChildren(...insts.map(opt));
  $('a-inst').replaceChildren(...insts.filter((f) => f.home_care).map(opt), ...insts.filter((f) => !f.home_care).map(opt));
  $('f-date').value = todayIso();
  // The list came from the district survey until the coordinator changes the selection by hand.
  let fromSurvey = false;
  $('invite-inst').addEventListener('change', () => { fromSurvey = false; });
  $('invite-from-survey').addEventListener('click', () => pickWillingFromSurvey(v).then((ok) => { fromSurvey = ok; }));
  $('invite-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ids = [...$('invite-inst').selectedOptions].map((o) => Number(o.value));
    change('POST', `${base()}/invitations`, { institution_ids: ids, source: fromSurvey ? 'survey' : 'manual' }, `${ids.length}件の案内を記録しました。`);
  });
  $('advisor-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (await change('POST', `${base()}/advisors`, { institution_id: Number($('a-inst').value), name: $('a-name').value.trim(), capacity: Number($('a-cap').value || 2) },
      `アドバイザー医師 ${$('a-name').value.trim()} を登録しました。`)) $('a-name').value = '';
  });
  $('trainee-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const wishes = ['tr-w1', 'tr-w2', 'tr-w3'].map((x) => $(x).value).filter(Boolean).map(Number);
    if (await change('POST', `${base()}/trainees`, { institution_id: Number($('tr-inst').value), name: $('tr-name').value.trim(), wishes },
      `受講生 ${$('tr-name').value.trim()} を登録しました。`)) $('tr-name').value = '';
  });
  $('follow-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const tri = (x) => (x === '' ? null : x === 'yes');
    change('POST', `${base()}/trainees/${$('f-trainee').value}/followups`, { noted_on: $('f-date').value, started_visits: tri($('f-started').value),
      filed_zaishishin: tri($('f-filed').value), note: $('f-note').value }, 'フォローアップを記録しました。');
  });
  $('match-run').addEventListener('click', async () => {
    clearAlert();
    const r = await api('GET', `${base()}/matching`);
    if (r.status !== 200) { showError(errorMessage(r)); return; }
    const nameOf = (tid) => (view.trainee_list.find((t) => t.id === tid) || {}).name || '';
    $('proposal').querySelector('tbody').replaceChildren(...r.json.pairs.map((p) => el('tr', { dataset: { trainee: String(p.trainee_id) } },
      el('td', {}, nameOf(p.trainee_id)), el('td', {}, p.advisor_id ? advisorName(view, p.advisor_id) : '割当なし'),
      el('td', { class: 'num' }, p.distance_km != null ? `${p.distance_km.toFixed(1)} km` : '—'), el('td', { class: 'reason' }, p.reason))));
    $('proposal').hidden = false;
    $('match-apply').hidden = !r.json.pairs.some((p) => p.advisor_id);
    if (!r.json.pairs.length) showNotice('未割当の受講生はいません。');
  });
  $('match-apply').addEventListener('click', async () => {
    const r = await api('POST', `${base()}/matching`);
    if (r.status !== 200) { showError(errorMessage(r)); return; }
    $('match-apply').hidden = true;
    $('proposal').hidden = true;
    await reload();
    showNotice(`${r.json.pairs.filter((p) => p.advisor_id).length}人の受講生にアドバイザー医師を割り当てました。`);
  });
}

start(async () => {
  const s = await requireCan('training_read', '訪問診療導入研修');
  if (!s) return;
  if (!id) { showError('研修が指定されていません。一覧から選んでください。'); return; }
  canWrite = may(s, 'training_write');
  const r = await api('GET', base());
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  for (const f of document.querySelectorAll('.write-only')) f.hidden = !canWrite;
  render(r.json);
  if (canWrite) setupForms(r.json, await districtInstitutions(r.json));
});
