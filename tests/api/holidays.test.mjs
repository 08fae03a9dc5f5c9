// Japanese public holidays computed by rule (issue 14 §3, src/domain/holiday.c) against an
// independent list: the npm package @holiday-jp/holiday_jp (tests/holidays/package.json, installed
// by scripts/install-deps.sh), every year it covers (1970–2050), date by date and name by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { BIN, ROOT } from './lib.mjs';

const require = createRequire(ROOT + '/tests/holidays/package.json');
const lib = require('@holiday-jp/holiday_jp/lib/holidays.js');
const theirs = lib.holidays || lib.default || lib;

// holiday_jp writes 振替休日 as "<祝日> 振替休日", 国民の休日 as "休日", the days of 2019 treated as
// 祝日 by a special law as "休日（祝日扱い）" and 2019's 体育の日 with its new name in brackets.
function normalise(date, name) {
  if (name.endsWith(' 振替休日')) return '振替休日';
  if (name === '休日') return '国民の休日';
  if (name === '休日（祝日扱い）') return date === '2019-05-01' ? '天皇の即位の日' : '即位礼正殿の儀の行われる日';
  if (name === '体育の日（スポーツの日）') return '体育の日';
  if (name === '大喪の礼') return '昭和天皇の大喪の礼';
  if (name === '結婚の儀') return '皇太子徳仁親王の結婚の儀';
  return name;
}

test('every holiday 1970–2050 matches @holiday-jp/holiday_jp (dates and names)', () => {
  const years = Object.keys(theirs).map((d) => Number(d.slice(0, 4)));
  const from = Math.min(...years), to = Math.max(...years);
  assert.ok(from <= 1970 && to >= 2050, `holiday_jp covers ${from}–${to}`);
  const r = spawnSync(BIN, ['holidays', String(from), String(to)], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const ours = new Map(r.stdout.trim().split('\n').map((l) => {
    const [date, , name] = l.split('\t');
    return [date, name];
  }));
  const want = new Map(Object.values(theirs).map((h) => [h.date, normalise(h.date, h.name)]));
  const missing = [...want].filter(([d]) => !ours.has(d)).map(([d, n]) => `${d} ${n}`);
  const extra = [...ours].filter(([d]) => !want.has(d)).map(([d, n]) => `${d} ${n}`);
  const renamed = [...want].filter(([d, n]) => ours.has(d) && ours.get(d) !== n).map(([d, n]) => `${d}: ${n} / ${ours.get(d)}`);
  assert.deepEqual({ missing, extra, renamed }, { missing: [], extra: [], renamed: [] });
  assert.equal(ours.size, want.size);
});

test('years outside the supported range are refused with a usage error', () => {
  const r = spawnSync(BIN, ['holidays', '1948'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /1949/);
});
