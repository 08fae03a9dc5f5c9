// zaitaku rota check FILE (issue 15 §6): an independent check of a rota against its instance through
// the real binary — a valid rota (exit 0, the certificate 「最適」), a rota breaking rules (exit 1, each
// rule named with the doctor and the date), bad files refused naming the field, an instance over
// the limits refused at once. Seed 002 ⑧「輪番制オンコール対応」.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './lib.mjs';

const dir = mkdtempSync(join(tmpdir(), 'rota-'));
function check(obj, args = []) {
  const f = join(dir, `f${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, typeof obj === 'string' ? obj : JSON.stringify(obj));
  return spawnSync(BIN, ['rota', 'check', ...args, f], { encoding: 'utf8' });
}

// 2026-12-28 (平日夜間), 12/29–1/3 年末年始 day + night, 1/4 (平日夜間): 14 duties for three doctors
const base = {
  from: '2026-12-28', to: '2027-01-04',
  doctors: [{ id: 1, name: '田中' }, { id: 2, name: '鈴木' }, { id: 3, name: '佐藤', cap_week: 6 }],
  unavailable: [{ doctor: 1, date: '2027-01-02', reason: '学会' }],
};
const dates = ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'];
function rota(whoDay, whoNight, last = 1) {
  return [
    { date: '2026-12-28', type: 'weekday_night', doctors: [0] },
    ...dates.flatMap((d, k) => [
      { date: d, type: 'nenmatsu_day', doctors: [whoDay[k]] },
      { date: d, type: 'nenmatsu_night', doctors: [whoNight[k]] },
    ]),
    { date: '2027-01-04', type: 'weekday_night', doctors: [last] },
  ];
}

test('a valid rota: exit 0, no violation, the certificate says 最適 for each type', () => {
  const r = check({ ...base, rota: rota([1, 0, 2, 1, 0, 2], [2, 1, 0, 2, 0, 1], 2) }, ['--json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.violations, []);
  const nn = out.certificate.types.find((t) => t.type === 'nenmatsu_night');
  assert.equal(nn.seats, 6);
  assert.equal(nn.spread, 0);
  assert.equal(nn.optimal, true);
  assert.equal(out.certificate.doctors[0].counts.nenmatsu_night, 2);
  const text = check({ ...base, rota: rota([1, 0, 2, 1, 0, 2], [2, 1, 0, 2, 0, 1], 2) });
  assert.equal(text.status, 0);
  assert.match(text.stdout, /違反なし/);
  assert.match(text.stdout, /最適/);
});

test('a rota breaking rules: exit 1, each rule named with the doctor and the date', () => {
  // 鈴木 on 1/2 (不在: 学会); 田中 on the nights of 12/28 and 12/29 (夜間の連続禁止);
  // 佐藤 on the night of 12/30 and the day of 12/31 (夜間明けの休息)
  const r = check({ ...base, rota: rota([2, 1, 2, 0, 1, 2], [0, 2, 1, 2, 0, 1]) }, ['--json']);
  assert.equal(r.status, 1);
  const rules = JSON.parse(r.stdout).violations.map((v) => v.rule);
  assert.ok(rules.includes('unavailable') && rules.includes('consecutive_nights') && rules.includes('rest_after_night'), rules.join());
  const text = check({ ...base, rota: rota([2, 1, 2, 0, 1, 2], [0, 2, 1, 2, 0, 1]) });
  assert.equal(text.status, 1);
  assert.match(text.stdout, /2027年1月2日 年末年始日中: 鈴木医師はこの日不在です（学会）/);
  assert.match(text.stdout, /\[consecutive_nights\] 田中医師/);
  assert.match(text.stdout, /夜間明けの休息/);
});

test('bad files are refused naming the field; an instance over the limits is refused at once', () => {
  let r = check({ ...base, doctors: [{ name: 'A', share: 1.5 }], rota: [] });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /doctors\[0\]\.share/);
  r = check({ ...base, rota: [{ date: '2026-12-28', type: 'holiday_day', doctors: [0] }] });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /rota\[0\]\.type/);
  r = check({ ...base, rota: [{ date: '2026-12-28', type: 'weekday_night', doctors: [7] }] });
  assert.match(r.stderr, /rota\[0\]\.doctors/);
  r = check({ ...base, unavailable: [{ doctor: 0, date: '2026-02-30' }], rota: [] });
  assert.match(r.stderr, /unavailable\[0\]\.date/);
  r = check('{"from": "2026-12-28",');
  assert.equal(r.status, 1);
  const t0 = Date.now();
  r = check({ ...base, from: '2026-04-01', to: '2029-03-31', rota: [] });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /2年/);
  const many = Array.from({ length: 501 }, (_, i) => ({ name: `医師${i}` }));
  r = check({ ...base, doctors: many, rota: [] });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /doctors: 500件まで/);
  assert.ok(Date.now() - t0 < 5000);
  r = spawnSync(BIN, ['rota', 'check'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  r = spawnSync(BIN, ['rota'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /rota check/);
});
