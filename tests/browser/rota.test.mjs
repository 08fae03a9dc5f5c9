// Browser test of the rota page (issue 15, UI in Japanese): a coordinator collects unavailable dates
// (form and CSV upload), solves a month and watches the job's progress, reads the fairness
// certificate (spread against its lower bound, 「スプレッド最適」, 次に担当すべき医師), swaps two duties
// (a swap that breaks a rule shows the rule), sees an infeasible month explained, and prints the
// month (A4 landscape, 和暦 and 西暦). The group page links to it. Screenshots: $ZAITAKU_SHOTS/zaitaku-rota-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserFixture, newPage } from './lib.mjs';

let fx, p, group, docs;
const today = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
function monthAhead(k) {
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 + k, 1));
  return d.toISOString().slice(0, 7);
}
const M3 = monthAhead(3), M5 = monthAhead(5);

before(async () => {
  fx = await browserFixture({ demo: true, role: 'coordinator' });
  const groups = await fx.api('GET', '/api/v1/groups');
  group = (groups.json.items || groups.json).find((g) => g.name === '鹿嶋在宅医療連携グループ（デモ）');
  docs = (await fx.api('GET', `/api/v1/groups/${group.id}/rota?from=${M3}-01&to=${M3}-28`)).json.doctors;
  // two doctors wish the same night of M3: one wish stays unmet, so the solve runs its whole time
  for (const d of docs.slice(0, 2)) await fx.api('POST', `/api/v1/groups/${group.id}/rota/wishes`, { practitioner_id: d.practitioner_id, date: `${M3}-16`, kind: 'prefer' });
  p = await newPage(fx.browser, fx.srv.base, { headers: fx.auth, shots: 'zaitaku-rota-' });
});
after(async () => { await p?.close(); await fx?.close(); });

test('the group page links to the rota; unavailable dates by the form and by a CSV upload', async () => {
  await p.open(`/group?id=${group.id}`);
  await p.page.click('#rota-link');
  await p.ready();
  assert.equal(await p.page.inputValue('#group'), String(group.id));
  await p.open(`/rota?group=${group.id}&month=${M3}`);
  assert.match(await p.page.textContent('#title'), /当番表 令和\d+年\d+月（\d{4}年\d+月）/);
  await p.page.selectOption('#un-doc', String(docs[0].practitioner_id));
  await p.page.fill('#un-date', `${M3}-05`);
  await p.page.fill('#un-reason', '学会（ブラウザ）');
  await p.page.selectOption('#un-source', 'conference');
  await p.page.click('#unavail-form button[type=submit]');
  await p.page.waitForSelector('#page-alert.alert-info');
  assert.match(await p.page.textContent('#unavail'), /学会（ブラウザ）/);
  const csv = `日付,医師,理由,種別\n${M3}-07,${docs[1].name},出張（CSV）,\n${M3.replace('-', '/')}/8,${docs[1].practitioner_id},私用（CSV）\n`;
  await p.page.setInputFiles('#csv-file', { name: 'fuzai.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + csv) });
  await p.page.click('#csv-form button[type=submit]');
  await p.page.waitForFunction(() => /2 件取り込みました/.test(document.getElementById('page-alert').textContent));
  assert.match(await p.page.textContent('#unavail'), /出張（CSV）[\s\S]*私用（CSV）/);
  // a bad file names the line and the column
  await p.page.setInputFiles('#csv-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(`${M3}-09,存在しない 医師\n`) });
  await p.page.click('#csv-form button[type=submit]');
  await p.page.waitForSelector('#page-alert.alert-error');
  assert.match(await p.page.textContent('#page-alert'), /1行目の「医師」列/);
  p.noErrors();
});

test('solving a month shows the job\'s progress, then the table and the certificate', async () => {
  await p.open(`/rota?group=${group.id}&month=${M3}`);
  await p.page.fill('#time-limit', '1.5');
  await p.page.click('#solve-go');
  await p.page.waitForFunction(() => /計算中… \d+%/.test(document.getElementById('job-state').textContent), null, { timeout: 10000 });
  await p.shot('progress');
  await p.page.waitForFunction(() => document.getElementById('job').dataset.state === 'done', null, { timeout: 20000 });
  await p.page.waitForFunction(() => /当番表を作成しました/.test(document.getElementById('page-alert').textContent));
  assert.ok(await p.page.locator('#rota .duty').count() >= 28);
  assert.equal(await p.page.locator('#rota .open').count(), 0, 'every duty of the month is covered');
  // nobody on the dates recorded above
  const on5 = await p.page.textContent(`#rota tr[data-date="${M3}-05"]`);
  assert.ok(!on5.includes(docs[0].name), on5);
  const rows = await p.page.$$eval('#cert-types tbody tr', (trs) => trs.map((tr) => ({
    spread: Number(tr.querySelector('.spread').textContent), bound: Number(tr.querySelector('.bound').textContent),
    verdict: tr.children[4].textContent, next: tr.querySelector('.next').textContent,
  })));
  assert.ok(rows.length >= 2);
  for (const r of rows) {
    assert.ok(r.spread >= r.bound);
    assert.equal(r.verdict, r.spread === r.bound ? 'スプレッド最適' : '下限との差あり');
    assert.ok(r.next && r.next !== '—', 'who should cover next');
  }
  assert.ok(await p.page.locator('#cert-doctors tbody tr').count() === docs.length);
  await p.shot('solved');
  p.noErrors();
});

test('two duties are swapped; a swap that breaks a rule shows the rule', async () => {
  await p.open(`/rota?group=${group.id}&month=${M3}`);
  const v = (await fx.api('GET', `/api/v1/groups/${group.id}/rota?from=${M3}-01&to=${M3}-28`)).json;
  const unav = (pid, date) => v.unavailable.some((u) => u.practitioner_id === pid && u.date === date);
  const nights = v.days.flatMap((d) => (d.duties.weekday_night || []).map((x) => ({ ...x, date: d.date })));
  let pair = null;
  for (const a of nights) {
    for (const b of nights) {
      const apart = Math.abs(Date.parse(a.date) - Date.parse(b.date)) / 864e5;
      if (!pair && a.practitioner_id !== b.practitioner_id && apart >= 7 && !unav(a.practitioner_id, b.date) && !unav(b.practitioner_id, a.date)) pair = [a, b];
    }
  }
  assert.ok(pair);
  await p.page.click(`#rota .duty[data-id="${pair[0].id}"]`);
  await p.page.click(`#rota .duty[data-id="${pair[1].id}"]`);
  assert.match(await p.page.textContent('#swap-pick'), /⇄/);
  await p.page.fill('#swap-reason', '家族の行事のため（ブラウザ）');
  await p.page.click('#swap-go');
  await p.page.waitForFunction(() => /交換しました/.test(document.getElementById('page-alert').textContent) || !document.getElementById('swap-error').hidden);
  if (await p.page.isVisible('#swap-error')) {
    assert.match(await p.page.textContent('#swap-error'), /規則「/); // a neighbouring night made it break a rule
  } else {
    assert.equal(await p.page.textContent(`#rota .duty[data-id="${pair[0].id}"]`), pair[1].name);
  }
  // a doctor who is away on the other date: the swap is refused with the rule 不在
  const fresh = (await fx.api('GET', `/api/v1/groups/${group.id}/rota?from=${M3}-01&to=${M3}-28`)).json;
  const n2 = fresh.days.flatMap((d) => (d.duties.weekday_night || []).map((x) => ({ ...x, date: d.date })));
  const a = n2.find((x) => x.date >= `${M3}-20`), b = n2.find((x) => x.practitioner_id !== a.practitioner_id && x.date <= `${M3}-12`);
  const r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/unavailable`, { practitioner_id: b.practitioner_id, date: a.date, reason: '出張（ブラウザ）' });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  await p.open(`/rota?group=${group.id}&month=${M3}`);
  await p.page.click(`#rota .duty[data-id="${a.id}"]`);
  await p.page.click(`#rota .duty[data-id="${b.id}"]`);
  await p.page.fill('#swap-reason', '交換の試み');
  await p.page.click('#swap-go');
  await p.page.waitForSelector('#swap-error:not([hidden])');
  const msg = await p.page.textContent('#swap-error');
  assert.match(msg, /規則「.+」に反するため変更できません/);
  assert.match(msg, /出張（ブラウザ）/);
  await p.shot('swap-refused');
  p.noErrors();
});

test('an infeasible month is explained: the date, the rule and the doctors away', async () => {
  const csv = docs.map((d) => `${M5}-15,${d.practitioner_id},学会（架空）,学会`).join('\n');
  const r = await fx.api('POST', `/api/v1/groups/${group.id}/rota/unavailable/import`, csv, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200);
  await p.open(`/rota?group=${group.id}&month=${M5}`);
  await p.page.fill('#time-limit', '0.5');
  await p.page.click('#solve-go');
  await p.page.waitForSelector('#infeasible:not([hidden])', { timeout: 20000 });
  const text = await p.page.textContent('#infeasible');
  const [y, m] = M5.split('-').map(Number);
  assert.match(text, new RegExp(`${y}年${m}月15日`));
  assert.match(text, /不在/);
  for (const d of docs) assert.ok(text.includes(d.name), d.name);
  await p.shot('infeasible');
  p.noErrors();
});

test('the month prints on A4 landscape with 和暦 and 西暦', async () => {
  await p.open(`/rota?group=${group.id}&month=${M3}`);
  await p.page.emulateMedia({ media: 'print' });
  assert.equal(await p.page.isVisible('#pick'), false);
  assert.equal(await p.page.isVisible('#unavail-panel'), false);
  assert.match(await p.page.textContent('#print-head'), /鹿嶋在宅医療連携グループ（デモ）　令和\d+年\d+月（\d{4}年\d+月） 当番表/);
  assert.match(await p.page.textContent(`#rota tr[data-date="${M3}-01"] td.date`), new RegExp(`令和\\d+年\\d+月1日\\s*${M3}-01`));
  const pdf = await p.page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true });
  assert.ok(pdf.length > 1000);
  await p.page.emulateMedia({ media: 'screen' });
  p.noErrors();
});

test('a doctor\'s share and caps are set on the page; a wish is recorded and listed; a bad share names the field', async () => {
  const M4 = monthAhead(4), d = docs[docs.length - 1];
  await p.open(`/rota?group=${group.id}&month=${M4}`);
  await p.page.fill(`#set-share-${d.practitioner_id}`, '0.5');
  await p.page.fill(`#set-month-${d.practitioner_id}`, '3');
  await p.page.click(`button[data-save="${d.practitioner_id}"]`);
  await p.page.waitForFunction(() => /設定を保存しました/.test(document.getElementById('page-alert').textContent));
  const saved = (await fx.api('GET', `/api/v1/groups/${group.id}/rota?from=${M4}-01&to=${M4}-28`)).json.doctors.find((x) => x.practitioner_id === d.practitioner_id);
  assert.equal(saved.share, 0.5);
  assert.equal(saved.max_per_month, 3);
  assert.equal(await p.page.inputValue(`#set-month-${d.practitioner_id}`), '3');
  // share 0 is refused by the API, and the page says why
  await p.page.fill(`#set-share-${d.practitioner_id}`, '0');
  await p.page.click(`button[data-save="${d.practitioner_id}"]`);
  await p.page.waitForSelector('#page-alert.alert-error');
  assert.match(await p.page.textContent('#page-alert'), /share/);

  await p.page.selectOption('#wish-doc', String(docs[0].practitioner_id));
  await p.page.fill('#wish-date', `${M4}-10`);
  await p.page.selectOption('#wish-kind', 'avoid');
  await p.page.selectOption('#wish-type', 'holiday_night');
  await p.page.click('#wish-form button[type=submit]');
  await p.page.waitForFunction(() => /希望を登録しました/.test(document.getElementById('page-alert').textContent));
  const row = await p.page.textContent('#wishes tbody');
  assert.match(row, new RegExp(`${docs[0].name}[\\s\\S]*避けたい[\\s\\S]*休日夜間`));
  await p.shot('settings-wishes');
  p.noErrors();
});
