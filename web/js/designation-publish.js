// 公表待ちの位置付け (issue 12 §8): designations in force that are not yet public, each with a
// 「公表する」 button for the role that may publish (prefecture staff, admins). The page's own script
// (designation.js) runs the rules; this module only lists and publishes.
import { api, el, errorMessage, fmtFiscalPeriod, may, pageQuery, session, showError, showNotice } from './common.js';

const $ = (id) => document.getElementById(id);
const ROLE = { active: '積極的役割を担う医療機関', base: '連携を担う拠点' };

async function load(pref) {
  const r = await api('GET', `/api/v1/designations/unpublished?prefecture=${encodeURIComponent(pref)}`);
  if (r.status !== 200) return;
  const items = r.json.items;
  $('to-publish-table').tBodies[0].replaceChildren(...items.map((d) => el('tr', { dataset: { id: String(d.id) } },
    el('td', {}, d.municipality_name), el('td', {}, ROLE[d.role] || d.role), el('td', {}, d.institution_name),
    el('td', {}, fmtFiscalPeriod(d.plan_period)),
    el('td', {}, el('button', { type: 'button', class: 'button publish-desig', onclick: async () => {
      const p = await api('POST', `/api/v1/designations/${d.id}/publish`, {});
      if (p.status !== 200) { showError(errorMessage(p)); return; }
      showNotice(`${d.municipality_name}の${ROLE[d.role] || d.role}（${d.institution_name}）を公表しました。`);
      await load(pref);
    } }, '公表する')))));
  $('to-publish-empty').hidden = items.length > 0;
  $('to-publish').hidden = false;
}

async function main() {
  const s = await session();
  if (!may(s, 'publish')) return;
  const pref = pageQuery().get('prefecture') || (s.user && s.user.prefecture) || ($('prefecture') && $('prefecture').value) || '';
  if (/^\d{2}$/.test(pref)) await load(pref);
  // re-read when the page's form shows another prefecture
  const form = $('prefecture') && $('prefecture').form;
  if (form) form.addEventListener('submit', () => setTimeout(() => { if (/^\d{2}$/.test($('prefecture').value)) load($('prefecture').value); }, 0));
}

main();
