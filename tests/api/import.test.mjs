// Import and export through the real binary and over HTTP (issue 2 §6): the bureau lists in CP932,
// UTF-8 and XLSX, re-import updating rather than duplicating, malformed lines reported by number
// with nothing stored, unknown 受理記号 kept and reported, our CSV round-tripping with export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDb, withServer, run, ROOT } from './lib.mjs';

const data = (f) => join(ROOT, 'tests/data', f);
const count = (db) => JSON.parse(run(db, ['export', 'facilities', '--format', 'json']).stdout).length;

test('--help and usage errors', () => {
  const t = tempDb();
  try {
    let r = run(t.db, ['import', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /facility-standards/);
    assert.equal(run(t.db, ['export', '--help']).status, 0);
    assert.equal(run(t.db, ['import']).status, 2);
    assert.equal(run(t.db, ['import', 'facility-standards']).status, 2);
    assert.equal(run(t.db, ['import', 'spaceships', 'x.csv']).status, 2);
    assert.equal(run(t.db, ['export', 'facilities', '--format', 'pdf']).status, 2);
    r = run(t.db, ['import', 'facility-standards', join(t.dir, 'absent.csv')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /absent\.csv/);
  } finally { t.cleanup(); }
});

test('a CP932 bureau list with title rows imports; next month updates rather than duplicates', () => {
  const t = tempDb();
  try {
    let r = run(t.db, ['import', 'facility-standards', data('bureau_kanto_cp932.csv')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /csv-cp932/);
    assert.match(r.stdout, /見出し 4 行目/);
    assert.match(r.stdout, /機関 7（新規 7, 更新 0, 変更なし 0）/);
    assert.match(r.stdout, /名簿の日付: 令和6年11月1日現在/);
    // unknown 受理記号 are reported with their counts, never dropped
    assert.match(r.stdout, /未対応の受理記号 6 種/);
    assert.match(r.stdout, /医療DX×1/);
    assert.equal(count(t.db), 7);
    r = run(t.db, ['import', 'facility-standards', data('bureau_kanto_cp932.csv')]);
    assert.equal(r.status, 0, r.stderr);
    // an unchanged file changes nothing and says so (issue 12 §4: no updated_at churn)
    assert.match(r.stdout, /新規 0, 更新 0, 変更なし 7/);
    assert.equal(count(t.db), 7);
    const all = JSON.parse(run(t.db, ['export', 'facilities', '--format', 'json']).stdout);
    const hosp = all.find((f) => f.medical_code === '0812210011');
    assert.equal(hosp.kind, 'hospital'); // 医科 with 160 beds
    assert.equal(hosp.municipality, '082228');
    assert.deepEqual(hosp.standards, ['zaibyo_conventional', 'backup_hospital', 'community_care_ward']);
    // UTF-8 with BOM and another bureau's column names, then the XLSX download
    r = run(t.db, ['import', 'facility-standards', data('bureau_utf8.csv')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /新規 0, 更新 0, 変更なし 3/);
    // the kanto institution of the same prefecture and 点数表 absent from this list: its filing ends
    assert.match(r.stdout, /名簿から消えた機関 1/);
    r = run(t.db, ['import', 'facility-standards', data('bureau.xlsx')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /xlsx/);
    assert.equal(count(t.db), 7);
  } finally { t.cleanup(); }
});

test('a malformed line is reported by number and nothing of the file is stored', () => {
  const t = tempDb();
  try {
    const before = count(t.db);
    const r = run(t.db, ['import', 'facility-standards', data('bureau_bad.csv')]);
    assert.equal(r.status, 1);
    for (const [line, what] of [[5, '検証番号'], [6, '架空県'], [7, '日付'], [8, '医療機関名称がありません'],
      [9, '列の数'], [10, '7桁']])
      assert.match(r.stderr, new RegExp(`bureau_bad\\.csv:${line}: .*${what}`));
    assert.match(r.stderr, /何も登録していません/);
    assert.equal(count(t.db), before); // the good lines 3–4 and 11 were not stored either
    // bytes that are neither UTF-8 nor CP932: the line is named
    const bytes = join(t.dir, 'bytes.csv');
    writeFileSync(bytes, Buffer.concat([Buffer.from('title\n項番,医療機関番号\n'), Buffer.from([0x31, 0x2c, 0x80, 0x0a])]));
    const b = run(t.db, ['import', 'facility-standards', bytes]);
    assert.equal(b.status, 1);
    assert.match(b.stderr, /3行目/);
    // --dry-run stores nothing even for a good file
    const d = run(t.db, ['import', 'facility-standards', data('bureau_kanto_cp932.csv'), '--dry-run']);
    assert.equal(d.status, 0, d.stderr);
    assert.match(d.stdout, /\[dry-run\]/);
    assert.equal(count(t.db), before);
  } finally { t.cleanup(); }
});

test('export facilities round-trips through import facilities (UTF-8 BOM and CP932)', () => {
  const t = tempDb({ demo: true });
  const u = tempDb();
  try {
    const a = join(t.dir, 'a.csv'), b = join(t.dir, 'b.csv');
    let r = run(t.db, ['export', 'facilities', '--output', a]);
    assert.equal(r.status, 0, r.stderr);
    const bytes = readFileSync(a);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(bytes.toString('utf8'), /^\uFEFFID,種別,名称,/); // Japanese headings (issue 12 §5)
    r = run(t.db, ['import', 'facilities', a]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /新規 0/);
    run(t.db, ['export', 'facilities', '--output', b]);
    assert.deepEqual(readFileSync(b), bytes); // nothing changed by the round trip
    // CP932 export, ids blanked → a fresh database gets the same institutions
    const c = join(t.dir, 'c.csv');
    r = run(t.db, ['export', 'facilities', '--encoding', 'cp932', '--output', c]);
    assert.equal(r.status, 0, r.stderr);
    const sjis = readFileSync(c);
    assert.notDeepEqual([...sjis.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('shift_jis').decode(sjis);
    assert.match(text, /鹿嶋/);
    const noIds = join(t.dir, 'noids.csv');
    writeFileSync(noIds, sjis.toString('latin1').replace(/^\d+,/gm, ','), 'latin1');
    r = run(u.db, ['import', 'facilities', noIds]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(count(u.db), count(t.db));
    const strip = (f) => { const { id, legal_entity_id, created_at, updated_at, ...rest } = f; return rest; };
    const x = JSON.parse(run(t.db, ['export', 'facilities', '--format', 'json']).stdout).map(strip);
    const y = JSON.parse(run(u.db, ['export', 'facilities', '--format', 'json']).stdout).map(strip);
    assert.deepEqual(y, x);
  } finally { t.cleanup(); u.cleanup(); }
});

test('our CSV: bad rows are reported by line and column, nothing stored', () => {
  const t = tempDb();
  try {
    const f = join(t.dir, 'f.csv');
    writeFileSync(f, 'kind,name,municipality,beds,capabilities\n' +
      'clinic,よい診療所,082228,0,oxygen;ventilator\n' +
      'clinic,悪い診療所,082228,abc,\n' +
      'clinic,遠い診療所,999999,0,\n' +
      'clinic,謎の診療所,082228,0,teleportation\n');
    let r = run(t.db, ['import', 'facilities', f]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /f\.csv:3: beds/);
    assert.match(r.stderr, /f\.csv:4: municipality/);
    assert.match(r.stderr, /f\.csv:5: capabilities/);
    assert.equal(count(t.db), 0);
    // a formula-looking text is exported with a leading ' and comes back unchanged
    writeFileSync(f, 'kind,name,note\nclinic,数式の診療所,=HYPERLINK("x")\n');
    r = run(t.db, ['import', 'facilities', f]);
    assert.equal(r.status, 0, r.stderr);
    const e1 = join(t.dir, 'e1.csv');
    run(t.db, ['export', 'facilities', '--output', e1]);
    assert.match(readFileSync(e1, 'utf8'), /"'=HYPERLINK\(""x""\)"/);
    r = run(t.db, ['import', 'facilities', e1]);
    assert.equal(r.status, 0, r.stderr);
    const back = JSON.parse(run(t.db, ['export', 'facilities', '--format', 'json']).stdout);
    assert.equal(back[0].note, '=HYPERLINK("x")');
    writeFileSync(f, 'kind,name,colour\nclinic,x,red\n');
    r = run(t.db, ['import', 'facilities', f]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /f\.csv:1: colour/);
  } finally { t.cleanup(); }
});

test('POST /api/v1/imports/facility-standards', async () => {
  await withServer({}, async ({ t, srv, auth }) => {
    const url = srv.base + '/api/v1/imports/facility-standards';
    const post = (file, type, headers = auth, q = '') => fetch(url + q, {
      method: 'POST', headers: { ...headers, 'Content-Type': type }, body: readFileSync(data(file)),
    }).then(async (r) => ({ status: r.status, json: await r.json() }));

    let r = await post('bureau_kanto_cp932.csv', 'text/csv', {});
    assert.equal(r.status, 401);
    r = await post('bureau_kanto_cp932.csv', 'application/json');
    assert.equal(r.status, 415);
    // not a bureau list at all: 422 naming the file, with no lines listed
    r = await fetch(url, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/csv' }, body: 'hello,world\n' })
      .then(async (x) => ({ status: x.status, json: await x.json() }));
    assert.equal(r.status, 422);
    assert.equal(r.json.error.field, 'file');
    assert.match(r.json.error.message, /見出し行/);
    r = await post('bureau_bad.csv', 'text/csv');
    assert.equal(r.status, 422);
    assert.deepEqual(r.json.errors.map((e) => e.line), [5, 6, 7, 8, 9, 10]);
    assert.equal(r.json.error.code, 'invalid');
    assert.equal(r.json.summary.error_count, 6);
    assert.equal(r.json.errors[0].field, '医療機関番号');
    assert.equal(count(t.db), 0);
    r = await post('bureau_kanto_cp932.csv', 'text/csv', auth, '?dry_run=1');
    assert.equal(r.status, 200);
    assert.equal(r.json.dry_run, true);
    assert.equal(count(t.db), 0);
    r = await post('bureau_kanto_cp932.csv', 'text/csv; charset=Shift_JIS');
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.inserted, 7);
    assert.equal(r.json.unknown_filings, 6);
    // one audit row for the import, by the signed-in user (issue 3 §3)
    const audit = await fetch(srv.base + '/api/v1/audit?object_type=facility&limit=5', { headers: auth }).then((x) => x.json());
    const row = audit.items.find((a) => a.action === 'import');
    assert.ok(row, JSON.stringify(audit));
    assert.equal(row.after.inserted, 7);
    assert.match(row.actor_username, /^t-admin-/);
    assert.ok(r.json.unknown_symbols.some((u) => u.symbol === '医療DX' && u.count === 1));
    // the unknown symbol is kept as a filing of the institution (until a later list replaces its filings)
    const list = await fetch(srv.base + '/api/v1/facilities?q=' + encodeURIComponent('鹿嶋架空')).then((x) => x.json());
    const one = await fetch(srv.base + '/api/v1/facilities/' + list.items[0].id).then((x) => x.json());
    assert.ok(one.filings.some((f) => f.symbol === '医療DX' && f.known === 0));
    r = await post('bureau.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.format, 'xlsx');
    // one of the two institutions changed, the other is left untouched (issue 12 §4: no churn)
    assert.equal(r.json.updated, 1);
    assert.equal(r.json.changes.counts.unchanged, 1);
    assert.equal(count(t.db), 7);
  });
});
