// 会議・情報交換会 (issue 18 §4): an operator's meetings of a fiscal year with the count per kind
// against the minimum (情報交換会 年3回以上, seed 002 ⑤ — the server judges, the page shows its
// warnings), and a form to record a meeting with invitees, attendance, minutes and follow-ups.
import { api, codes, el, errorMessage, requireCan, showError, showSaved, clearAlert, start, may, session } from './common.js';

let editing = 0;
let clinics = [];

function fy(d = new Date()) {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(d).split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

function personRow(p = {}) {
  const i = document.querySelectorAll('#people-rows .row').length;
  const sel = el('select', { id: `p-inst-${i}`, class: 'p-inst' }, el('option', { value: '' }, '（機関なし）'),
    ...clinics.map((c) => el('option', { value: String(c.id) }, c.name)));
  if (p.institution_id) sel.value = String(p.institution_id);
  const att = el('input', { type: 'checkbox', id: `p-att-${i}`, class: 'p-att' });
  att.checked = p.attended === true;
  return el('div', { class: 'row', dataset: { field: `people[${i}]` } },
    el('div', { class: 'field' }, el('label', { for: `p-inst-${i}` }, '機関'), sel),
    el('div', { class: 'field' }, el('label', { for: `p-name-${i}` }, '氏名'), el('input', { id: `p-name-${i}`, class: 'p-name', type: 'text', value: p.name || '' })),
    el('div', { class: 'field' }, el('label', { for: `p-role-${i}` }, '役割'), el('input', { id: `p-role-${i}`, class: 'p-role', type: 'text', value: p.role || '' })),
    el('div', { class: 'field field-check' }, att, el('label', { for: `p-att-${i}` }, '出席')),
    el('button', { type: 'button', class: 'button button-secondary', onclick: (ev) => ev.target.closest('.row').remove() }, '削除'));
}

function actionRow(a = {}) {
  const i = document.querySelectorAll('#action-rows .row').length;
  return el('div', { class: 'row', dataset: { field: `actions[${i}]` } },
    el('div', { class: 'field' }, el('label', { for: `a-text-${i}` }, '内容'), el('input', { id: `a-text-${i}`, class: 'a-text', type: 'text', value: a.text || '' })),
    el('div', { class: 'field' }, el('label', { for: `a-owner-${i}` }, '担当者'), el('input', { id: `a-owner-${i}`, class: 'a-owner', type: 'text', value: a.owner || '' })),
    el('div', { class: 'field' }, el('label', { for: `a-due-${i}` }, '期限'), el('input', { id: `a-due-${i}`, class: 'a-due', type: 'date', value: a.due_on || '' })),
    el('div', { class: 'field' }, el('label', { for: `a-done-${i}` }, '完了日'), el('input', { id: `a-done-${i}`, class: 'a-done', type: 'date', value: a.done_on || '' })),
    el('button', { type: 'button', class: 'button button-secondary', onclick: (ev) => ev.target.closest('.row').remove() }, '削除'));
}

function fill(m = {}) {
  editing = m.id || 0;
  const v = (id, x) => { document.getElementById(id).value = x || ''; };
  if (m.kind) v('m-kind', m.kind);
  v('m-title', m.title); v('m-date', m.held_on); v('m-start', m.start_time); v('m-end', m.end_time);
  v('m-place', m.place); v('m-agenda', m.agenda); v('m-minutes', m.minutes);
  document.getElementById('people-rows').replaceChildren();
  for (const p of m.people || []) document.getElementById('people-rows').append(personRow(p));
  document.getElementById('action-rows').replaceChildren();
  for (const a of m.actions || []) document.getElementById('action-rows').append(actionRow(a));
  document.getElementById('m-editing').textContent = editing ? `「${m.title}」を編集中` : '';
  document.getElementById('h-form').textContent = editing ? '会議を編集' : '会議を記録';
  document.getElementById('pdf-box').hidden = !editing;
  const link = document.getElementById('m-pdf-link');
  link.hidden = !m.has_minutes_pdf;
  if (m.has_minutes_pdf) link.href = `/api/v1/meetings/${m.id}/minutes.pdf`;
}

function body() {
  const q = (id) => document.getElementById(id).value.trim();
  return {
    operator_id: Number(document.getElementById('y-operator').value) || 0,
    kind: q('m-kind'), title: q('m-title'), held_on: q('m-date'), start_time: q('m-start') || null, end_time: q('m-end') || null,
    place: q('m-place'), agenda: q('m-agenda'), minutes: q('m-minutes'),
    people: [...document.querySelectorAll('#people-rows .row')].map((r) => {
      const inst = Number(r.querySelector('.p-inst').value) || 0;
      return { ...(inst ? { institution_id: inst } : {}), name: r.querySelector('.p-name').value.trim(), role: r.querySelector('.p-role').value.trim(), attended: r.querySelector('.p-att').checked };
    }),
    actions: [...document.querySelectorAll('#action-rows .row')].map((r) => ({
      text: r.querySelector('.a-text').value.trim(), owner: r.querySelector('.a-owner').value.trim(),
      due_on: r.querySelector('.a-due').value || null, done_on: r.querySelector('.a-done').value || null,
    })),
  };
}

async function showYear() {
  const op = document.getElementById('y-operator').value;
  const year = document.getElementById('y-fy').value;
  const qs = `operator_id=${op}&fiscal_year=${year}`;
  document.getElementById('ical-link').href = `/api/v1/meetings.ics?${qs}`;
  const r = await api('GET', `/api/v1/meetings?${qs}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const o = r.json.operators[0];
  document.getElementById('warnings').replaceChildren(...(o ? o.warnings : []).map((w) => el('p', { class: 'tally-warning', dataset: { kind: w.kind } }, w.message)));
  document.querySelector('#tally tbody').replaceChildren(...(o ? o.counts : []).map((c) => el('tr', { dataset: { kind: c.kind } },
    el('th', { scope: 'row' }, c.label), el('td', { class: 'num' }, String(c.held)), el('td', { class: 'num' }, String(c.planned)),
    el('td', { class: 'num' }, c.minimum ? `${c.minimum}回以上` : '—'),
    el('td', {}, c.missed ? el('span', { class: 'badge badge-warn' }, '未達') : c.short_of ? el('span', { class: 'badge badge-warn' }, '不足')
      : c.minimum ? el('span', { class: 'badge badge-ok' }, '達成見込み') : ''))));
  document.querySelector('#meetings tbody').replaceChildren(...r.json.items.map((m) => el('tr', { dataset: { id: String(m.id) } },
    el('td', {}, m.held_on), el('td', {}, m.kind_label), el('td', {}, m.title), el('td', { class: 'num' }, `${m.present}／${m.invited}`),
    el('td', {}, m.has_minutes_pdf ? 'PDFあり' : m.has_minutes ? '要旨のみ' : '—'),
    el('td', {}, el('button', { type: 'button', class: 'button button-secondary edit', onclick: () => edit(m.id) }, '開く')))));
  document.getElementById('meetings-empty').hidden = r.json.items.length > 0;
}

async function edit(id) {
  const r = await api('GET', `/api/v1/meetings/${id}`);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  fill(r.json);
  document.getElementById('form-panel').scrollIntoView();
}

start(async () => {
  if (!await requireCan('programme_read', '会議・情報交換会')) return;
  const s = await session();
  const c = await codes();
  document.getElementById('m-kind').replaceChildren(...c.meeting_kinds.map((k) => el('option', { value: k.code }, k.label)));
  const ops = await api('GET', '/api/v1/operators');
  if (ops.status !== 200) { showError(errorMessage(ops)); return; }
  const sel = document.getElementById('y-operator');
  sel.replaceChildren(...ops.json.items.map((o) => el('option', { value: String(o.id) }, o.name)));
  const years = document.getElementById('y-fy');
  const now = fy();
  years.replaceChildren(...[now + 1, now, now - 1, now - 2].map((y) => el('option', { value: String(y) }, `${y}年度`)));
  years.value = String(now);
  if (!ops.json.items.length) {
    showError('利用できる事業者がありません。都道府県の担当者に事業者の登録を依頼してください。');
    document.getElementById('form-panel').hidden = true;
    return;
  }
  const cl = await api('GET', '/api/v1/facilities?kind=clinic&limit=500');
  const ho = await api('GET', '/api/v1/facilities?kind=hospital&limit=500');
  const ns = await api('GET', '/api/v1/facilities?kind=nurse_station&limit=500');
  clinics = [cl, ho, ns].flatMap((x) => (x.json ? x.json.items : [])).sort((a, b) => a.name.localeCompare(b.name, 'ja'));
  document.getElementById('form-panel').hidden = !may(s, 'programme_write');
  sel.addEventListener('change', showYear);
  years.addEventListener('change', showYear);
  document.getElementById('add-person').addEventListener('click', () => document.getElementById('people-rows').append(personRow()));
  document.getElementById('add-action').addEventListener('click', () => document.getElementById('action-rows').append(actionRow()));
  document.getElementById('m-new').addEventListener('click', () => fill({}));
  document.getElementById('meeting-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    for (const f of document.querySelectorAll('#meeting-form [data-field]')) f.classList.remove('field-error');
    const r = editing ? await api('PUT', `/api/v1/meetings/${editing}`, body()) : await api('POST', '/api/v1/meetings', body());
    if (r.status !== 200 && r.status !== 201) {
      const f = r.json && r.json.error && r.json.error.field;
      const box = f && [...document.querySelectorAll('#meeting-form [data-field]')].find((d) => d.dataset.field === f || f.startsWith(d.dataset.field + '.'));
      if (box) box.classList.add('field-error');
      showError(errorMessage(r));
      return;
    }
    fill(r.json);
    showSaved('会議');
    await showYear();
  });
  document.getElementById('m-pdf-upload').addEventListener('click', async () => {
    const file = document.getElementById('m-pdf').files[0];
    if (!file || !editing) { showError('添付するPDFを選んでください。'); return; }
    const t = (await session()).csrf_token;
    const res = await fetch(`/api/v1/meetings/${editing}/minutes.pdf`, { method: 'PUT', credentials: 'same-origin', headers: { 'Content-Type': 'application/pdf', 'X-CSRF-Token': t }, body: file });
    if (res.status !== 200) { showError(errorMessage({ status: res.status, json: await res.json().catch(() => null) })); return; }
    showSaved('議事録PDF');
    await edit(editing);
    await showYear();
  });
  fill({});
  await showYear();
});
