// 事業計画と要件の充足状況 (issue 19 §2, §4): every operator the user may read — all of the prefecture's for
// its staff, its own for a coordinator — with the rule set the prefecture applies, whether the plan of the
// fiscal year is written, and the compliance verdict with the rules not met.
import { api, el, errorMessage, requireCan, showError, start } from './common.js';

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

start(async () => {
  if (!await requireCan('programme_read', '事業計画と要件の充足状況')) return;
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
});
