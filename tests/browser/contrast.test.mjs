// Contrast of the stylesheets (issue 12 §9, WCAG 2.1 1.4.3): every text colour of web/*.css on the
// background it is drawn on reaches 4.5:1. Reads the colour variables of web/app.css's :root and
// checks (1) the pairs of variables the pages use together and (2) every rule that sets both a
// text colour and a solid background. Disabled controls (.pager .disabled, :disabled) are exempt
// in WCAG and are not checked. Pure node: no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const WEB = process.env.ZAITAKU_WEB || new URL('../../web', import.meta.url).pathname;
const css = (f) => readFileSync(`${WEB}/${f}`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const app = css('app.css');
const vars = Object.fromEntries([...app.match(/:root\s*\{([^}]*)\}/)[1].matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));

/** A colour value (#rgb, #rrggbb, var(--x), white) as #rrggbb, or null when not a solid colour. */
function hex(v) {
  v = String(v).trim().replace(/\s*!important$/, '');
  const ref = /^var\(--([\w-]+)(?:,\s*[^)]*)?\)$/.exec(v);
  if (ref) return hex(vars[ref[1]]);
  if (v === 'white') return '#ffffff';
  if (/^#[0-9a-f]{3}$/i.test(v)) return '#' + [...v.slice(1)].map((c) => c + c).join('').toLowerCase();
  if (/^#[0-9a-f]{6}$/i.test(v)) return v.toLowerCase();
  return null;
}
/** WCAG relative luminance and contrast ratio. */
function luminance(h) {
  const n = parseInt(h.slice(1), 16);
  const [r, g, b] = [16, 8, 0].map((s) => { const c = ((n >> s) & 255) / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test('the formula: black on white is 21:1, equal colours 1:1', () => {
  assert.equal(contrast('#000000', '#ffffff').toFixed(1), '21.0');
  assert.equal(contrast('#777777', '#777777'), 1);
});

// Text colour → the backgrounds it is drawn on (pages, panels, table heads, badges, alerts).
const PAIRS = [
  ['ink', ['panel', 'bg', 'brand-soft', 'ok-soft', 'warn-soft', 'err-soft']],
  ['ink-soft', ['panel', 'bg', '#eaf0f3', '#eef2f4']],
  ['muted', ['panel', 'bg', '#eef1f3', '#eaf0f3', 'err-soft', 'warn-soft', 'brand-soft']],
  ['brand', ['panel', 'bg', 'brand-soft']],
  ['brand-dark', ['panel', 'brand-soft']],
  ['accent', ['panel', 'bg']],
  ['ok', ['panel', 'ok-soft']],
  ['warn', ['panel', 'warn-soft']],
  ['err', ['panel', 'err-soft']],
  ['#ffffff', ['brand', 'brand-dark', 'accent']],
];
const colour = (n) => hex(n.startsWith('#') ? n : `var(--${n})`);

test('text colour variables on their backgrounds reach 4.5:1', () => {
  const low = [];
  for (const [fg, bgs] of PAIRS) {
    for (const bg of bgs) {
      const r = contrast(colour(fg), colour(bg));
      if (r < 4.5) low.push(`${fg} on ${bg}: ${r.toFixed(2)}:1`);
    }
  }
  assert.deepEqual(low, []);
});

test('every rule of web/*.css with a text colour and a solid background reaches 4.5:1', () => {
  const low = [];
  let checked = 0;
  for (const f of readdirSync(WEB).filter((x) => x.endsWith('.css'))) {
    for (const m of css(f).matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const sel = m[1].trim();
      if (/disabled|@media print/.test(sel)) continue;
      const decl = Object.fromEntries([...m[2].matchAll(/(?:^|;)\s*([\w-]+)\s*:\s*([^;]+)/g)].map((d) => [d[1], d[2].trim()]));
      const bgv = decl['background-color'] || decl.background;
      if (!decl.color || !bgv) continue;
      const fg = hex(decl.color), bg = hex(bgv);
      if (!fg || !bg) continue;
      checked++;
      const r = contrast(fg, bg);
      if (r < 4.5) low.push(`${f} ${sel}: ${decl.color} on ${bgv} ${r.toFixed(2)}:1`);
    }
  }
  assert.ok(checked > 10, `rules checked: ${checked}`);
  assert.deepEqual(low, []);
});
