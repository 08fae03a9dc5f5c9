// 退院調整の依頼 (issue 16 §1–§3, §5–§6): the referrals the user is party to (a hospital its own, a
// clinic those addressed to it, a coordinator the district's queue with ages); a hospital creates and
// sends a referral; a coordinator runs the batch proposal (load per institution before and after)
// and confirms it; the monthly report with its exports. Every list is an audit row on the server.
import { api, codes, el, svg, errorMessage, fmtDate, municipalities, requireCan, session, showError, clearAlert, showNotice, start } from './common.js';
import { clearErrors, showRefusal } from './form-fields.js';

const $ = (id) => document.getElementById(id);
let me = null;

function stateCell(r) {
  return el('span', { class: `state-badge state-${r.state.code}` }, r.state.label);
}

async function loadList() {
  const r = await api('GET', '/api/v1/referrals');
  if (r.status !== 200) { showError(errorMessage(r)); return; }
  $('referrals').querySelector('tbody').replaceChildren(...r.json.items.map((x) => el('tr', { dataset: { id: String(x.id), state: x.state.code } },
    el('td', { class: 'name' }, el('a', { href: `/referral?id=${x.id}` }, x.patient_name)),
    el('td', {}, x.hospital_name),
    el('td', {}, stateCell(x)),
    el('td', {}, fmtDate(x.planned_discharge)),
    el('td', { class: 'num' }, x.state.code === 'draft' ? '' : `${x.age_days}日`),
    el('td', {}, x.clinic_name || ''))));
  $('empty').hidden = r.json.items.length > 0;
}

async function setupCreate() {
  const c = await codes();
  const checks = (id, list, skip = []) => $(id).replaceChildren(...list.filter((x) => !skip.includes(x.code)).map((x) =>
    el('label', {}, el('input', { type: 'checkbox', value: x.code }), ' ', x.label)));
  checks('r-devices', c.devices);
  checks('r-needs', c.capabilities, ['home_pharmacy', 'emergency_dispensing', 'narcotics_supply', 'home_dental', 'discharge_desk', 'backup_beds']);
  const munis = await municipalities('08');
  $('r-muni').replaceChildren(...munis.map((m) => el('option', { value: m.code }, m.name)));
  const hospital = me.user.institution_id;
  const h = hospital ? await api('GET', `/api/v1/facilities/${hospital}`) : null;
  const home = h && h.status === 200 ? h.json.municipality : '';
  if (home) $('r-muni').value = home;
  const clinics = await api('GET', `/api/v1/facilities?kind=clinic&home_care=1&limit=200${home ? `&municipality=${home}` : ''}`);
  if (clinics.status === 200) $('r-avoid').append(...clinics.json.items.map((x) => el('option', { value: String(x.id) }, x.name)));
  $('new-referral').hidden = false;
  $('new-referral').addEventListener('click', () => { $('create-panel').hidden = false; $('p-name').focus(); });
  $('create-cancel').addEventListener('click', () => { $('create-panel').hidden = true; });
  $('create-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const picked = (id) => [...$(id).querySelectorAll('input:checked')].map((x) => x.value);
    const num = (v) => (v.trim() === '' ? null : Number(v));
    const body = {
      planned_discharge: $('r-date').value, municipality: $('r-muni').value, address: $('r-address').value.trim(),
      lat: num($('r-lat').value), lon: num($('r-lon').value), coord_source: $('r-src').value,
      devices: picked('r-devices'), needs: picked('r-needs'), visits_per_month: Number($('r-visits').value || 2),
      eol_wish: $('r-eol').value, note: $('r-note').value,
      patient: { name: $('p-name').value.trim(), kana: $('p-kana').value.trim(), birth_date: $('p-birth').value, sex: $('p-sex').value },
    };
    if ($('r-avoid').value) body.preferences = [{ kind: 'avoid', institution_id: Number($('r-avoid').value), hard: $('r-avoid-hard').checked }];
    const r = await api('POST', '/api/v1/referrals', body);
    if (r.status !== 201) { showRefusal($('create-form'), r); return; }
    const s = await api('POST', `/api/v1/referrals/${r.json.id}/transitions`, { event: 'send' });
    if (s.status !== 200) { showError(errorMessage(s)); return; }
    clearErrors($('create-form'));
    $('create-form').reset();
    $('create-panel').hidden = true;
    showNotice(`${r.json.patient_name} さんの依頼を送付しました。`);
    await loadList();
  });
}

/** Bars drawn in SVG (the CSP forbids inline styles): one per value, scaled to max. */
function bars(values, max, width = 120) {
  const w = (n) => Math.max(2, Math.round((n / Math.max(max, 1)) * width));
  return svg('svg', { class: 'bars', width: width + 4, height: values.length * 9, 'aria-hidden': 'true' },
    ...values.map((v, i) => svg('rect', { class: i ? 'bar-after' : 'bar-before', x: 0, y: i * 9, width: w(v), height: 7, rx: 1 })));
}

async function setupBatch(district) {
  $('batch-panel').hidden = false;
  let proposal = null;
  $('batch-run').addEventListener('click', async () => {
    clearAlert();
    const r = await api('GET', `/api/v1/referral-batches/proposal?district_id=${district}`);
    if (r.status !== 200) { showError(errorMessage(r)); return; }
    proposal = r.json;
    const assigned = proposal.assignments.filter((a) => a.clinic.id);
    $('batch-summary').textContent = `待ち ${proposal.assignments.length} 件のうち ${assigned.length} 件に医療機関を割り当てました` +
      `（最適性の証明: ${proposal.stats.clinic.certified ? '確認済み' : '未確認'}）。`;
    $('batch-assign').querySelector('tbody').replaceChildren(...proposal.assignments.map((a) => el('tr', {},
      el('td', {}, a.patient_name),
      el('td', {}, a.clinic.id ? `${a.clinic.name}（${a.clinic.distance_km.toFixed(1)} km）` : `割当なし: ${a.clinic.reason}`),
      el('td', {}, a.nurse_station.id ? `${a.nurse_station.name}（${a.nurse_station.distance_km.toFixed(1)} km）` : a.nurse_station.reason))));
    const max = Math.max(...proposal.load.map((l) => l.after), 1);
    $('batch-load').querySelector('tbody').replaceChildren(...proposal.load.filter((l) => l.before || l.after !== l.before || l.capacity_declared)
      .map((l) => el('tr', { dataset: { id: String(l.id) } },
        el('td', {}, l.name), el('td', { class: 'num' }, String(l.before)), el('td', { class: 'num' }, String(l.after)),
        el('td', {}, bars([l.before, l.after], max)),
        el('td', { class: 'num' }, l.capacity_declared ? String(l.capacity_left) : '未申告'))));
    $('batch-result').hidden = false;
    $('batch-confirm').hidden = assigned.length === 0;
  });
  $('batch-confirm').addEventListener('click', async () => {
    if (!proposal) return;
    const assignments = proposal.assignments.filter((a) => a.clinic.id).map((a) => ({
      referral_id: a.referral_id, clinic_id: a.clinic.id, ...(a.nurse_station.id ? { nurse_station_id: a.nurse_station.id } : {}),
    }));
    const r = await api('POST', '/api/v1/referral-batches', { district_id: district, assignments });
    if (r.status !== 201) { showError(errorMessage(r)); return; }
    showNotice(`${r.json.proposed} 件を打診しました。各医療機関の回答を待っています。`);
    $('batch-confirm').hidden = true;
    await loadList();
  });
}

async function setupReport(district) {
  $('report-panel').hidden = false;
  const now = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 7);
  $('report-month').value = now;
  const show = async () => {
    const m = $('report-month').value;
    const q = `district_id=${district}&month=${m}`;
    $('report-csv').href = `/api/v1/referral-reports.csv?${q}`;
    $('report-sjis').href = `/api/v1/referral-reports.csv?${q}&encoding=cp932`;
    $('report-xlsx').href = `/api/v1/referral-reports.xlsx?${q}`;
    const r = await api('GET', `/api/v1/referral-reports?${q}`);
    if (r.status !== 200) { showError(errorMessage(r)); return; }
    const d = r.json;
    const max = Math.max(...d.load.map((l) => l.patients), 1);
    $('report-body').replaceChildren(
      el('h3', {}, '状態別の件数'),
      el('ul', {}, ...d.by_state.map((s) => el('li', {}, `${s.label}: ${s.count} 件`))),
      el('p', {}, `受入決定まで: ${d.days_to_accept.count} 件` + (d.days_to_accept.count ? `、中央値 ${d.days_to_accept.median} 日、平均 ${d.days_to_accept.mean.toFixed(1)} 日` : '')),
      el('h3', {}, '辞退理由'),
      d.declines.length ? el('ul', {}, ...d.declines.map((x) => el('li', {}, `${x.label}: ${x.count} 件`))) : el('p', { class: 'muted' }, '辞退はありません。'),
      el('h3', {}, '医療機関ごとの在宅患者数'),
      el('table', { class: 'data', id: 'report-load' }, el('tbody', {}, ...d.load.map((l) => el('tr', {},
        el('td', {}, l.name), el('td', { class: 'num' }, String(l.patients)),
        el('td', {}, bars([l.patients], max, 160)))))));
  };
  $('report-form').addEventListener('submit', (ev) => { ev.preventDefault(); show(); });
  await show();
}

/** The institution's own capacity: how many more home patients it accepts (issue 16 §1). */
async function setupCapacity(inst) {
  const show = (c) => {
    $('capacity-now').textContent = c.declared
      ? `現在の在宅患者 ${c.load} 人、受入枠の残り ${c.left} 人（${c.declared_at.slice(0, 10)} に ${c.accepts_more} 人と申告）。`
      : `現在の在宅患者 ${c.load} 人。受入可能数はまだ申告されていません（未申告の間は候補に挙がりません）。`;
    $('capacity-more').value = c.declared ? String(c.left) : '';
  };
  const r = await api('GET', `/api/v1/facilities/${inst}/capacity`);
  if (r.status !== 200) return; // not a clinic, hospital or nurse station
  show(r.json);
  $('capacity-panel').hidden = false;
  $('capacity-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearAlert();
    const w = await api('PUT', `/api/v1/facilities/${inst}/capacity`, { accepts_more: Number($('capacity-more').value) });
    if (w.status !== 200) { showRefusal($('capacity-form'), w); return; }
    clearErrors($('capacity-form'));
    show(w.json);
    showNotice('受入可能数を申告しました。');
  });
}

start(async () => {
  if (!await requireCan('patient_read', '退院調整の依頼')) return;
  me = await session();
  await loadList();
  if (me.user.role === 'hospital') await setupCreate();
  if (['doctor', 'nurse', 'hospital'].includes(me.user.role) && me.user.institution_id) await setupCapacity(me.user.institution_id);
  if (me.user.role === 'coordinator' && me.user.associations && me.user.associations.length) {
    await setupBatch(me.user.associations[0]);
    await setupReport(me.user.associations[0]);
  }
});
