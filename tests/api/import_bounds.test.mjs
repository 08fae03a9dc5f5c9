// Bounded imports (issue 11 §5) through the real binary: a crafted XLSX whose cells all refer to
// one large shared string no longer multiplies it in memory (peak RSS bound); a memory budget with
// a Japanese error; malformed cell references refused; a UTF-8 BOM does not skip the checks; a NUL
// byte in a CSV cell is an error naming its line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { tempDb, run, BIN, ROOT } from './lib.mjs';

const data = (f) => join(ROOT, 'tests/data', f);

/** A zip archive (deflated entries) of {name: string|Buffer}. */
function zip(files) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const raw = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const body = deflateRawSync(raw, { level: 9 });
    const nm = Buffer.from(name);
    const crc = crc32(raw);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(0, 6);
    head.writeUInt16LE(8, 8); head.writeUInt32LE(0, 10); head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(body.length, 18); head.writeUInt32LE(raw.length, 22);
    head.writeUInt16LE(nm.length, 26); head.writeUInt16LE(0, 28);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0); cen.writeUInt16LE(20, 4); cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0, 8); cen.writeUInt16LE(8, 10); cen.writeUInt32LE(0, 12); cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(body.length, 20); cen.writeUInt32LE(raw.length, 24); cen.writeUInt16LE(nm.length, 28);
    cen.writeUInt32LE(offset, 42);
    locals.push(head, nm, body);
    centrals.push(cen, nm);
    offset += head.length + nm.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  const n = Object.keys(files).length;
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(n, 8); end.writeUInt16LE(n, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** An .xlsx of a sheet's rows (XML of <row> elements) and its shared strings. */
function xlsx(rowsXml, shared = []) {
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">` +
    shared.map((s) => `<si><t>${s}</t></si>`).join('') + '</sst>';
  const sheet = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    rowsXml + '</sheetData></worksheet>';
  return zip({ 'xl/sharedStrings.xml': sst, 'xl/worksheets/sheet1.xml': sheet });
}

const colName = (i) => (i >= 26 ? String.fromCharCode(64 + Math.floor(i / 26)) : '') + String.fromCharCode(65 + (i % 26));

/** Runs the binary under /usr/bin/time; returns {status, stderr, peakKiB}. */
function measured(db, args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'PEAK_KIB=%M', BIN, '--db', db, ...args], { encoding: 'utf8' });
  const m = /PEAK_KIB=(\d+)/.exec(r.stderr);
  return { status: r.status, stderr: r.stderr, peakKiB: m ? Number(m[1]) : NaN };
}

test('a 3 KB XLSX of cells that all refer to one 1 MiB shared string stays small in memory', () => {
  const t = tempDb();
  try {
    const big = 'A'.repeat(1 << 20);
    let rows = '';
    for (let r = 1; r <= 4; r++) {
      rows += `<row r="${r}">`;
      for (let c = 0; c < 256; c++) rows += `<c r="${colName(c)}${r}" t="s"><v>0</v></c>`;
      rows += '</row>';
    }
    const file = join(t.dir, 'amplify.xlsx');
    const bytes = xlsx(rows, [big]);
    assert.ok(bytes.length < 8 * 1024, `crafted file is ${bytes.length} bytes`);
    writeFileSync(file, bytes);
    const r = measured(t.db, ['import', 'facility-standards', file, '--dry-run']);
    assert.equal(r.status, 1, r.stderr); // no header row: refused, but only after reading every cell
    assert.match(r.stderr, /見出し行/);
    // Before: each of the 256 cells of a row held its own copy (256 MiB per row, 531 MB peak as
    // measured by the outside test). Now the cells refer to the one string. The bound leaves room
    // for the sanitizer build's shadow memory.
    assert.ok(r.peakKiB < 128 * 1024, `peak RSS ${r.peakKiB} KiB`);
  } finally { t.cleanup(); }
});

test('an XLSX over the memory budget is refused with a Japanese reason', () => {
  const t = tempDb();
  try {
    const file = join(t.dir, 'budget.xlsx');
    writeFileSync(file, xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', ['B'.repeat(3 << 20)]));
    let r = run(t.db, ['import', 'facility-standards', file, '--dry-run', '--max-memory', '2']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /XLSX の内容が大きすぎます（読み込みに 2 MiB を超えるメモリが必要です）/);
    r = run(t.db, ['import', 'facility-standards', file, '--dry-run', '--max-memory', 'lots']);
    assert.equal(r.status, 2);
    // the default budget (256 MiB) takes it: refused only for its missing header
    r = run(t.db, ['import', 'facility-standards', file, '--dry-run']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /見出し行/);
  } finally { t.cleanup(); }
});

test('huge column letters or row numbers in a cell reference are an error, not an overflow', () => {
  const t = tempDb();
  try {
    const cases = [
      ['<row r="1"><c r="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1" t="s"><v>0</v></c></row>', /セル参照「AAAAAAAAAAAAAAAAAAAA」が正しくありません（1行目）/],
      ['<row r="1"><c r="XFE1" t="s"><v>0</v></c></row>', /セル参照「XFE1」/],
      ['<row r="1"><c r="A99999999999999999999999" t="s"><v>0</v></c></row>', /セル参照「A9999999999999999999」/],
      ['<row r="2"><c r="A2" t="s"><v>0</v></c></row><row r="99999999999999999999999"><c t="s"><v>0</v></c></row>', /行番号「99999999999999999999」が正しくありません（2行目の次）/],
      ['<row r="-5"><c t="s"><v>0</v></c></row>', /行番号「-5」/],
    ];
    for (const [rows, want] of cases) {
      const file = join(t.dir, 'ref.xlsx');
      writeFileSync(file, xlsx(rows, ['x']));
      const r = run(t.db, ['import', 'facility-standards', file, '--dry-run']);
      assert.equal(r.status, 1, rows);
      assert.match(r.stderr, want, r.stderr);
    }
  } finally { t.cleanup(); }
});

test('a UTF-8 BOM does not skip validation: a bad byte after it is reported with its line', () => {
  const t = tempDb();
  try {
    const good = readFileSync(data('bureau_utf8.csv'));
    assert.deepEqual([...good.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = good.toString('utf8').split('\n');
    // line 6: a byte that is not UTF-8 inside the name
    const head = Buffer.from(lines.slice(0, 5).join('\n') + '\n');
    const bad = Buffer.concat([head, Buffer.from([0xff]), Buffer.from(lines.slice(5).join('\n'))]);
    const file = join(t.dir, 'bom_bad.csv');
    writeFileSync(file, bad);
    const r = run(t.db, ['import', 'facility-standards', file, '--dry-run']);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /6行目: UTF-8 として不正なバイト（0xFF）があります/);
  } finally { t.cleanup(); }
});

test('a NUL byte in a CSV cell is an error naming its line, never a silent cut', () => {
  const t = tempDb();
  try {
    const lines = readFileSync(data('bureau_utf8.csv')).toString('utf8').split('\n');
    const withNul = (n) => Buffer.concat([Buffer.from(lines.slice(0, n - 1).join('\n') + '\n'), Buffer.from([0x41, 0x00, 0x42]),
      Buffer.from(lines.slice(n - 1).join('\n'))]);
    // the bureau list, UTF-8 with BOM
    let file = join(t.dir, 'nul.csv');
    writeFileSync(file, withNul(7));
    let r = run(t.db, ['import', 'facility-standards', file, '--dry-run']);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /7行目: NUL 文字（0x00）があります/);
    // our own institution CSV
    file = join(t.dir, 'fac.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('name,kind\n架空クリニック,clinic\n架空'), Buffer.from([0]), Buffer.from('病院,hospital\n')]));
    r = run(t.db, ['import', 'facilities', file]);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /3行目: NUL 文字/);
    // the adjacency list: "131016\0…" must not pass as 131016
    file = join(t.dir, 'adj.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('a,b\n131016,131024\n131016,131032'), Buffer.from([0]), Buffer.from('9\n')]));
    r = run(t.db, ['import', 'adjacency', file]);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /3行目: NUL 文字/);
  } finally { t.cleanup(); }
});
