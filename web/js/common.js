// Shared helpers of every page: the API fetch wrapper, error display, the code tables of
// GET /api/v1/codes, municipality names, and the site header with its navigation.
// Pages are ES modules (<script type="module" src="/js/PAGE.js">): the CSP allows only scripts
// from this origin, so nothing here may use inline scripts, inline styles or eval.

/** The site navigation. Other features add ONE line each here (href, label; `can` names the
 *  policy action the page needs — it then shows only to signed-in users whose GET /api/v1/session
 *  `can` lists it; `right: true` places it on the right of the bar). */
export const NAV = [
  { href: '/', label: '機関一覧', match: ['/', '/index.html', '/facility', '/edit'] },
  { href: '/map', label: '地図' },
  { href: '/groups', label: 'グループ', can: 'group_read', match: ['/groups', '/group'] },
  { href: '/public-groups', label: 'グループ公表' },
  { href: '/public-designations', label: '位置付けの公表' },
  // Designation and coverage are prefecture-wide work: the pages need designation_write (a
  // coordinator's designation_read covers single districts, which these pages do not list).
  { href: '/designation', label: '位置付け・圏域', can: 'designation_write', match: ['/designation', '/coverage'] },
  { href: '/region', label: '地域の設定', can: 'region_write' },
  { href: '/imports', label: '名簿の取込', can: 'import' },
  { href: '/patients', label: '患者・連絡順', can: 'patient_read', match: ['/patients', '/patient'] },
  { href: '/feeds', label: 'カレンダー購読', can: 'feed_manage' },
  { href: '/referrals', label: '退院調整', can: 'patient_read', match: ['/referrals', '/referral'] },
  { href: '/subsidies', label: '補助金', can: 'programme_read' },
  { href: '/meetings', label: '会議', can: 'programme_read' },
  { href: '/stages', label: '診療所の段階', can: 'programme_read' },
  { href: '/awards', label: '顕彰' },
  { href: '/plans', label: '事業計画', can: 'programme_read', match: ['/plans', '/plan'] },
  { href: '/trainings', label: '導入研修', can: 'training_read', match: ['/trainings', '/training'] },
  { href: '/surveys', label: 'アンケート', can: 'survey_read', match: ['/surveys', '/survey'] },
  { href: '/audit', label: '監査記録', can: 'audit_read' },
  { href: '/help', label: '使い方と用語', right: true },
];

/** True when session s (from session()) may perform the policy action act somewhere: its `can`
 *  (GET /api/v1/session, derived from src/auth/policy.c) lists it. The API decides about each
 *  object; this only spares users a page or a button they cannot use. */
export function may(s, act) {
  return !!s && Array.isArray(s.can) && s.can.includes(act);
}

/** Creates an element: el('a', {href: '/x', class: 'c'}, 'text', child…). Text is always set
 *  as text (never parsed as HTML), so API data cannot inject markup. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Same for SVG elements. */
export function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.setAttribute('class', v);
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

let sessionPromise = null;
/** The signed-in session (GET /api/v1/session): {user, csrf_token}, or null when signed out.
 *  Cached per page; call only when needed (signed out, the request answers 401). */
export function session() {
  if (!sessionPromise) {
    // ?quiet=1: signed out answers 200 {user: null} instead of 401 (no console error on public pages).
    sessionPromise = fetch('/api/v1/session?quiet=1', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(async (r) => (r.status === 200 ? r.json() : null))
      .then((s) => (s && s.user ? s : null))
      .catch(() => null);
  }
  return sessionPromise;
}

/** The CSRF token of the session cookie (issue 3 §2), sent as X-CSRF-Token on every
 *  state-changing request; '' when signed out or signed in with a bearer token. */
async function csrfToken() {
  const s = await session();
  return (s && s.csrf_token) || '';
}

/**
 * Calls the API. Returns {status, json} and never throws for HTTP errors: json is the parsed
 * body (null when empty or not JSON). A network failure gives status 0 and a Japanese error.
 */
export async function api(method, path, body) {
  const opts = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const t = await csrfToken();
    if (t) opts.headers['X-CSRF-Token'] = t;
  }
  let r;
  try {
    r = await fetch(path, opts);
  } catch {
    return { status: 0, json: { error: { code: 'network', message: 'サーバーに接続できません。通信環境を確認してください。', field: '' } } };
  }
  const text = await r.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  return { status: r.status, json };
}

/** The Japanese message of a failed reply. */
export function errorMessage(r) {
  if (r.json && r.json.error && r.json.error.message) return r.json.error.message;
  if (r.status === 401) return 'ログインが必要です。';
  if (r.status === 403) return 'この操作を行う権限がありません。';
  if (r.status === 404) return '見つかりません。';
  if (r.status >= 500) return `サーバーでエラーが発生しました。しばらくしてから、もう一度お試しください（HTTP ${r.status}）。`;
  return `エラーが発生しました（HTTP ${r.status}）。`;
}

/** Shows an error (role=alert, read out by screen readers) at the top of main, or in `where`. */
export function showError(message, where) {
  const box = where || document.getElementById('page-alert');
  if (!box) return;
  // A session that ended (401) gets the way back: sign in and return to this page.
  const again = /ログインが必要/.test(message) ? [' ', el('a', { href: signInHref(), class: 'alert-signin' }, 'ログインする')] : [];
  box.replaceChildren(el('p', {}, message, ...again));
  box.hidden = false;
  box.className = 'alert alert-error';
}

/** Shows a neutral notice in the page alert box. */
export function showNotice(message, where) {
  const box = where || document.getElementById('page-alert');
  if (!box) return;
  box.replaceChildren(el('p', {}, message));
  box.hidden = false;
  box.className = 'alert alert-info';
}

export function clearAlert(where) {
  const box = where || document.getElementById('page-alert');
  if (box) { box.hidden = true; box.replaceChildren(); }
}

let codesPromise = null;
/** The vocabularies of GET /api/v1/codes (every code table of src/domain: kinds, standards,
 *  capabilities, group_roles, initiative_kinds, topics, roles, …), each [{code, label}], with
 *  code→label maps under `label` (c.label.kinds.get('clinic')). Cached per page. */
export function codes() {
  if (!codesPromise) {
    codesPromise = api('GET', '/api/v1/codes').then((r) => {
      if (r.status !== 200) throw new Error(errorMessage(r));
      const c = r.json;
      c.label = {};
      for (const [k, v] of Object.entries(c)) if (Array.isArray(v)) c.label[k] = new Map(v.map((x) => [x.code, x.label]));
      return c;
    });
  }
  return codesPromise;
}

const muniCache = new Map();
/** Municipalities of a prefecture (2-digit code), cached: [{code, name, lat, lon, …}]. */
export function municipalities(pref) {
  if (!muniCache.has(pref)) {
    muniCache.set(pref, api('GET', '/api/v1/municipalities?prefecture=' + encodeURIComponent(pref)).then((r) => (r.status === 200 ? r.json.items : [])));
  }
  return muniCache.get(pref);
}

/** Name of a municipality code ("082228" → "鹿嶋市"), or the code itself when unknown. */
export async function municipalityName(code) {
  if (!code) return '';
  const list = await municipalities(code.slice(0, 2));
  const m = list.find((x) => x.code === code);
  return m ? m.name : code;
}

let prefPromise = null;
export function prefectures() {
  if (!prefPromise) prefPromise = api('GET', '/api/v1/prefectures').then((r) => (r.status === 200 ? r.json.items : []));
  return prefPromise;
}

/** Every institution matching `query` (URLSearchParams), fetched page by page (500 a page). */
export async function allFacilities(query = new URLSearchParams()) {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const q = new URLSearchParams(query);
    q.set('limit', '500');
    q.set('offset', String(offset));
    const r = await api('GET', '/api/v1/facilities?' + q);
    if (r.status !== 200) throw new Error(errorMessage(r));
    out.push(...r.json.items);
    if (r.json.items.length < 500 || out.length >= r.json.total) return out;
  }
}

/** Japanese labels of coordinate sources and precisions. */
export const COORD_SOURCE = { geocoder: 'ジオコーディング', manual: '手入力', bureau: '厚生局の届出', demo: 'デモデータ', import: '取込', abrg: 'アドレス・ベース・レジストリ', municipality_office: '市町村役場の位置（仮）', map_click: '地図で指定' };
export const COORD_PRECISION = { rooftop: '建物', street: '街区', town: '町字', municipality: '市町村' };

export function fmtKm(d) {
  return (Math.round(d * 10) / 10).toFixed(1) + ' km';
}

/** "2024-10-01" → "令和6年10月1日（2024-10-01）" (和暦 first, as on the bureau's lists). */
export function fmtDate(iso) {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso || '';
  const [y, m, d] = iso.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  const wa = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(dt);
  return `${wa.replace(/^(\D+)1年/, '$1元年')}（${iso}）`;
}

/** "2026-11-24T03:00:00Z" → "2026年11月24日 12:00" (Japan time). */
export function fmtDateTime(s) {
  if (!s) return '';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return d.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The query string of the page as URLSearchParams. */
export function pageQuery() {
  return new URLSearchParams(location.search);
}

/** Renders the site header (title and navigation) into <header id="site-header"> and marks
 *  the current page with aria-current. */
export function renderHeader() {
  const host = document.getElementById('site-header');
  if (!host) return;
  const here = location.pathname.replace(/\.html$/, '') || '/';
  const items = NAV.map((n) => {
    const current = (n.match || [n.href]).includes(here) || (here === '/index' && n.href === '/');
    // Pages for some roles stay hidden until the session says the user has one of them.
    return el('li', { class: n.right ? 'nav-right' : '', hidden: !!n.can, dataset: n.can ? { can: n.can } : {} },
      el('a', { href: n.href, 'aria-current': current ? 'page' : null }, n.label));
  });
  host.replaceChildren(
    el('a', { class: 'skip', href: '#main' }, '本文へ移動'),
    el('div', { class: 'bar' },
      el('a', { class: 'brand', href: '/' },
        el('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '在'),
        el('span', { class: 'brand-text' }, '在宅医療・介護 地域資源')),
      el('nav', { 'aria-label': 'サイト内' }, el('ul', {}, items)),
      el('div', { class: 'session-slot', id: 'session-slot' })),
  );
  renderSessionSlot();
}

/** The sign-in / sign-out slot at the right of the header (issue 3): who is signed in and as
 *  which role, or a link to /signin. */
async function renderSessionSlot() {
  const slot = document.getElementById('session-slot');
  if (!slot) return;
  const s = await session();
  for (const li of document.querySelectorAll('#site-header li[data-can]')) li.hidden = !may(s, li.dataset.can);
  // On a phone the menu is one sideways-scrolling row (app.css): bring the current section into view.
  const cur = document.querySelector('#site-header nav a[aria-current="page"]');
  const row = cur && cur.closest('ul');
  if (row && row.scrollWidth > row.clientWidth) {
    row.scrollLeft += cur.getBoundingClientRect().left - row.getBoundingClientRect().left - (row.clientWidth - cur.offsetWidth) / 2;
  }
  if (!s) {
    const next = location.pathname === '/signin' || location.pathname === '/signin.html' ? '' : '?next=' + encodeURIComponent(location.pathname + location.search);
    slot.replaceChildren(el('a', { class: 'session-link', href: '/signin' + next, id: 'signin-link' }, 'ログイン'));
    return;
  }
  const out = el('button', { type: 'button', class: 'session-out', id: 'signout' }, 'ログアウト');
  out.addEventListener('click', async () => {
    out.disabled = true;
    await api('DELETE', '/api/v1/session');
    location.assign('/');
  });
  slot.replaceChildren(
    el('span', { class: 'session-who', id: 'session-who', dataset: { role: s.user.role } },
      s.user.display_name, el('span', { class: 'session-role' }, `（${s.user.role_label}）`)),
    s.via_token ? '' : out);
}

/** The sign-in link of the current page (back here after signing in). */
export function signInHref() {
  return '/signin?next=' + encodeURIComponent(location.pathname + location.search);
}

/**
 * Gate of a page only some roles may use: resolves to the session when the user may perform the
 * policy action `act` (see may()); otherwise replaces the page body (everything in <main> after the page heading) with a
 * Japanese explanation — signed out: a ログイン link back to this page; signed in with another
 * role: what the role cannot do and where to go — and resolves to null (the page stops there).
 */
export async function requireCan(act, what) {
  const s = await session();
  if (may(s, act)) return s;
  const main = document.getElementById('main');
  for (const c of main.children) if (!c.classList.contains('page-head') && !c.classList.contains('breadcrumb') && c.tagName !== 'H1') c.hidden = true;
  for (const b of main.querySelectorAll('.page-head .button, .page-head .head-actions')) b.hidden = true;
  const gate = s
    ? el('section', { class: 'panel gate', id: 'gate', role: 'status' },
      el('h2', { class: 'panel-title' }, 'このページを利用する権限がありません'),
      el('p', {}, `${what}は、${s.user.role_label}のアカウントでは利用できません。必要な場合は、所属の管理者にお問い合わせください。`),
      el('p', {}, el('a', { href: '/' }, '在宅医療資源一覧へ戻る')))
    : el('section', { class: 'panel gate', id: 'gate', role: 'status' },
      el('h2', { class: 'panel-title' }, 'ログインが必要です'),
      el('p', {}, `${what}は、在宅医療・介護連携の関係者がログインして利用するページです。`),
      el('p', {}, el('a', { class: 'button', href: signInHref(), id: 'gate-signin' }, 'ログイン')),
      el('p', { class: 'hint' }, '一般公開の情報は、', el('a', { href: '/' }, '在宅医療資源一覧'), '・',
        el('a', { href: '/public-groups' }, 'グループの公表'), '・', el('a', { href: '/public-designations' }, '位置付けの公表'),
        'でログインせずにご覧いただけます。'));
  main.append(gate);
  return null;
}

/** "2024-04-01" → "令和6年4月1日" (和暦 only: certificates, designation periods, public listings). */
export function fmtWareki(iso) {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso || '';
  const [y, m, d] = iso.split('-').map(Number);
  const wa = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
  return wa.replace(/^(\D+)1年/, '$1元年');
}

/** Today in Japan as 和暦 with 現在, for "as of" lines of public listings: "令和8年11月24日現在". */
export function asOfToday() {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
  return fmtWareki(iso) + '現在';
}

/** A fiscal-year plan period "2024-2029" → "令和6年度〜令和11年度" (a single year → "令和6年度"). */
export function fmtFiscalPeriod(p) {
  const m = /^(\d{4})(?:\s*[-〜~]\s*(\d{4}))?$/.exec(String(p || '').trim());
  if (!m) return p || '';
  const fy = (y) => fmtWareki(`${y}-04-01`).replace(/年.*$/, '年度');
  return m[2] ? `${fy(m[1])}〜${fy(m[2])}` : fy(m[1]);
}

/** Common start of every page: header, and a readable message if the page script fails. */
export function start(main) {
  renderHeader();
  // Loading state (app.css shows 読み込み中… while main is busy; screen readers wait for it).
  const host = document.getElementById('main');
  if (host) host.setAttribute('aria-busy', 'true');
  window.addEventListener('unhandledrejection', (ev) => {
    showError('画面の表示中にエラーが発生しました: ' + (ev.reason && ev.reason.message ? ev.reason.message : String(ev.reason)));
  });
  return Promise.resolve().then(main).catch((err) => {
    showError('画面の表示中にエラーが発生しました: ' + (err && err.message ? err.message : String(err)));
  }).finally(() => {
    if (host) host.removeAttribute('aria-busy');
    document.body.dataset.ready = '1';
  });
}

/** 「保存しました」 (issue 12 §8): the confirmation after a successful save, in the page alert box
 *  (role=alert: read out by screen readers). what: "協定" → "協定を保存しました。". */
export function showSaved(what) {
  showNotice(what ? `${what}を保存しました。` : '保存しました。');
}

/**
 * A warning before leaving a form with unsaved changes (issue 12 §8): watches the inputs of the
 * given elements (forms or sections); while any changed since the last save, leaving the page
 * (link, reload, closing the tab) asks the browser's 「このサイトを離れますか？」. Returns
 * {saved(), dirty()}: call saved() after a successful save (or after filling the form from the
 * server), dirty() tells whether changes are pending.
 */
export function guardUnsaved(...containers) {
  let dirty = false;
  const mark = (ev) => { if (ev.isTrusted) dirty = true; };
  for (const c of containers) {
    if (!c) continue;
    c.addEventListener('input', mark);
    c.addEventListener('change', mark);
  }
  window.addEventListener('beforeunload', (ev) => {
    if (!dirty) return;
    ev.preventDefault();
    ev.returnValue = '';
  });
  return { saved() { dirty = false; }, dirty: () => dirty };
}
