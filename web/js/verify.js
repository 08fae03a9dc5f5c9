// 機関証の確認 (seed 000 §3(2), issue 13 §13): the public page the QR code and the printed URL of a
// certificate lead to — valid / revoked / unknown, the group, the fiscal year covered and the dates,
// in Japanese, for anyone (signed out). Reads GET /api/v1/certificates/{number}.
import { el, fmtWareki, pageQuery, start } from './common.js';

const $ = (id) => document.getElementById(id);

/** "2026" → "令和8年度（令和8年4月1日〜令和9年3月31日）". */
function fiscalYear(fy) {
  if (!fy) return '—';
  const label = fmtWareki(`${fy}-04-01`).replace(/年.*$/, '年度');
  return `${label}（${fmtWareki(`${fy}-04-01`)}〜${fmtWareki(`${fy + 1}-03-31`)}）`;
}

/** An ISO timestamp as its Japanese date (JST). */
function day(ts) {
  if (!ts) return '—';
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(ts));
  return fmtWareki(iso);
}

function row(label, value, id) {
  return el('tr', {}, el('th', { scope: 'row' }, label), el('td', id ? { id } : {}, value));
}

/** A training certificate (認定証, seed 000 §3(3)): the doctor, the clinic, the programme. */
function showTraining(box, j) {
  const valid = j.status === 'valid';
  box.replaceChildren(
    el('p', { class: `verify-status ${valid ? 'verify-valid' : 'verify-revoked'}`, id: 'verify-status' },
      valid ? 'この認定証は有効です' : 'この認定証は失効しています'),
    el('table', { class: 'data verify-table' }, el('tbody', {},
      row('証番号', j.number, 'v-number'),
      row('交付先', `${j.trainee.name} 殿`, 'v-trainee'),
      row('所属', j.institution.name, 'v-institution'),
      row('研修', `${j.programme.title}（訪問診療導入研修・${j.programme.association_name}）`, 'v-programme'),
      row('研修年度', fmtWareki(`${j.programme.fiscal_year}-04-01`).replace(/年.*$/, '年度'), 'v-fiscal-year'),
      row('交付日', day(j.issued_at), 'v-issued'),
      valid ? null : row('失効日', day(j.revoked_at), 'v-revoked'),
      valid ? null : row('失効の理由', j.revoke_reason || '—', 'v-reason'))));
}

async function show(number) {
  const box = $('result');
  box.hidden = false;
  // a 404 here is an answer ("unknown"), not a failure: fetch directly to keep the page quiet
  const r = await fetch(`/api/v1/certificates/${encodeURIComponent(number)}`, { headers: { Accept: 'application/json' } });
  let j = null;
  try { j = await r.json(); } catch { /* not JSON */ }
  if (!j || (r.status !== 200 && r.status !== 404)) {
    box.replaceChildren(el('p', { class: 'alert alert-error' }, `確認できませんでした（HTTP ${r.status}）。時間をおいて、もう一度お試しください。`));
    return;
  }
  const training = /^KS-/.test(number); // 認定証 of 訪問診療導入研修 (issue 18 §2)
  const what = training ? '認定証' : '機関証';
  if (j.status === 'unknown' || r.status === 404) {
    box.replaceChildren(
      el('p', { class: 'verify-status verify-unknown', id: 'verify-status' }, `該当する${what}はありません`),
      el('p', {}, `証番号「${number}」の${what}は登録されていません。番号をご確認ください。`));
    return;
  }
  if (j.kind === 'training') {
    showTraining(box, j);
    return;
  }
  const valid = j.status === 'valid';
  box.replaceChildren(
    el('p', { class: `verify-status ${valid ? 'verify-valid' : 'verify-revoked'}`, id: 'verify-status' },
      valid ? 'この機関証は有効です' : 'この機関証は失効しています'),
    el('table', { class: 'data verify-table' }, el('tbody', {},
      row('証番号', j.number, 'v-number'),
      row('交付先', j.institution.name, 'v-institution'),
      row('グループ', j.group.name, 'v-group'),
      row('連携を担う拠点', j.group.base_name || '—'),
      row('対象年度', fiscalYear(j.fiscal_year), 'v-fiscal-year'),
      row('交付日', day(j.issued_at), 'v-issued'),
      valid ? row('有効期限', fmtWareki(j.valid_through), 'v-through') : row('失効日', day(j.revoked_at), 'v-revoked'),
      valid ? null : row('失効の理由', j.revoke_reason || '—', 'v-reason'),
      j.first_year ? row('備考', '結成初年度のため、3つの取組は計画の登録をもって要件を満たすものとして交付されました。') : null)),
    valid ? el('p', { class: 'hint' }, el('a', { href: `/public-groups#group-${j.group.id}` }, 'このグループの公表内容を見る')) : null);
}

start(async () => {
  const number = (pageQuery().get('number') || '').trim();
  $('number').value = number;
  $('lookup').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const n = $('number').value.trim();
    if (!n) return;
    history.replaceState(null, '', `/verify?number=${encodeURIComponent(n)}`);
    show(n);
  });
  if (number) await show(number);
});
