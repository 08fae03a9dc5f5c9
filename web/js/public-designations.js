// 公表用一覧 (signed out): designations in force per 圏域 and municipality, from
// GET /api/v1/public/designations — names and roles only. Printable (designation.css @media print).
import { api, asOfToday, el, errorMessage, fmtFiscalPeriod, pageQuery, prefectures, showError, start } from './common.js';

const $ = (id) => document.getElementById(id);

const names = (list) => (list.length ? el('ul', { class: 'confirmed-list' }, list.map((d) => el('li', {}, d.name,
  el('span', { class: 'hint' }, `（${d.kind}・計画期間 ${fmtFiscalPeriod(d.plan_period)}）`)))) : el('span', { class: 'muted' }, '—'));

start(async () => {
  $('print').addEventListener('click', () => window.print());
  const pref = pageQuery().get('prefecture') || '08';
  const [r, prefs] = await Promise.all([api('GET', '/api/v1/public/designations?prefecture=' + encodeURIComponent(pref)), prefectures()]);
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  const p = prefs.find((x) => x.code === pref);
  $('pub-pref').textContent = p ? p.name : pref;
  $('as-of').textContent = asOfToday();
  if (r.json.areas.length === 0) {
    $('pub-areas').replaceChildren(el('p', { class: 'muted', id: 'pub-empty' }, 'この都道府県で公表している医療機関・拠点はまだありません。'));
    return;
  }
  $('pub-areas').replaceChildren(...r.json.areas.map((a) => el('section', { class: 'public-area', dataset: { area: a.name } },
    el('h2', {}, '圏域: ' + a.name),
    el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, '市町村'), el('th', { scope: 'col' }, '積極的役割を担う医療機関'), el('th', { scope: 'col' }, '連携を担う拠点'))),
      el('tbody', {}, a.municipalities.map((m) => el('tr', {},
        el('th', { scope: 'row' }, m.name), el('td', {}, names(m.active)), el('td', {}, names(m.bases))))))))));
});
