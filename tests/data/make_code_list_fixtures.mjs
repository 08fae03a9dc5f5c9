// Generates the コード内容別医療機関一覧表 fixtures of tests/data (committed; rerun to regenerate, needs `zip`):
//   node tests/data/make_code_list_fixtures.mjs
// 1. code_list_kinki.xlsx — the layout of the 近畿厚生局 download (no header row; title rows
//    「コード内容別医療機関一覧表」「[茨城県]」「[令和 8年 7月 1日現在　医科　現存/休止]」 repeated per
//    page; one block of rows per institution: A 項番, B 医療機関番号 "22-1001-1", C 名称, D 所在地
//    「〒314－0031鹿嶋市…」, E 電話, F 開設者, G 管理者, H 指定年月日, I 診療科・病床, J 種別; the
//    block's later rows: E 常勤/非常勤, H the latest change, J 現存/休止), inline strings.
// 2. code_list_hokkaido.csv — the 北海道厚生局 layout saved as CSV: a header row, the code "01,1047,8"
//    with the 併設 number on a second line, postal code and address on two lines of one cell.
// All institutions are fictional; numbers carry valid check digits (domain/medcode.c).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;

function checkDigit(nine) {
  let sum = 0;
  for (let i = 8, pos = 0; i >= 0; i--, pos++) {
    let d = Number(nine[i]);
    if (pos % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
const num = (pref, table, six, sep) => `${six.slice(0, 2)}${sep}${six.slice(2)}${sep}${checkDigit(pref + table + six)}`;

// [six digits, name, postal, address (without the prefecture), phone, 開設者, 管理者, 指定, 診療科・病床 lines, 種別, state]
const KINKI = [
  ['221001', '鹿嶋架空総合病院', '314－0031', '鹿嶋市宮中１－１－１', '0299-00-0001', '医療法人架空会　理事長　架空　一郎', '架空　次郎', '平 2. 4. 1',
    ['内　外　整外', '一般　　１２０', '療養　　　４０'], '病院', '現存'],
  ['221008', '鹿嶋架空眼科クリニック', '314－0034', '鹿嶋市長栖２－３', '0299-00-0008', '鹿嶋　眼一', '鹿嶋　眼一', '令 2. 6. 1', ['眼'], '診療所', '現存'],
  ['231009', '潮来架空内科医院', '311－2424', '潮来市潮来４－５', '0299-00-0009', '医療法人社団潮来会　理事長　潮来　太郎', '潮来　太郎', '平30. 4. 1', ['内　小'], '診療所', '現存'],
  ['231010', '潮来架空整形外科', '311－2421', '潮来市辻６－７', '0299-00-0010', '辻　整', '辻　整', '令 1.10. 1', ['整外　リハ'], '診療所', '休止'],
  ['231002', '潮来みらい在宅クリニック', '311－2400', '潮来市辻１００', '0299-00-0002', '医療法人社団みらい　理事長　未来　花子', '未来　花子', '令 3. 4. 1', ['内'], '診療所', '現存'],
];

function cellXml(ref, text) {
  const esc = String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc}</t></is></c>`;
}

function sheetXml(rows) {
  const body = rows.map(([r, cells]) => `<row r="${r}">${cells.map(([col, v]) => cellXml(`${col}${r}`, v)).join('')}</row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

function writeXlsx(path, rows) {
  const tmp = mkdtempSync(join(tmpdir(), 'zt-codelist-'));
  try {
    const files = {
      '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      '_rels/.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml': sheetXml(rows),
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(tmp, name, '..'), { recursive: true });
      writeFileSync(join(tmp, name), text);
    }
    rmSync(path, { force: true });
    execFileSync('zip', ['-q', '-X', '-D', path, ...Object.keys(files)], { cwd: tmp });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// 1. 近畿 layout: two pages, the title repeated on the second
const title = (r) => [[r, [['A', 'コード内容別医療機関一覧表'], ['B', '[茨城県]']]], [r + 2, [['A', '[令和 8年 7月 1日現在　医科　現存/休止]'], ['B', '令和 8年 7月 1日作成　　1頁']]]];
const rows = [...title(3)];
let r = 12;
KINKI.forEach(([six, name, postal, addr, phone, opener, manager, since, detail, kind, state], i) => {
  if (i === 3) { rows.push(...title(r + 1)); r += 6; } // a page break with its title rows
  const table = '1';
  rows.push([r, [['A', String(i + 1)], ['B', num('08', table, six, '-') + ' '], ['C', name], ['D', `〒${postal}${addr}`], ['E', phone],
    ['F', opener], ['G', manager], ['H', since], ['I', detail[0]], ['J', kind]]]);
  rows.push([r + 1, [['E', '常勤:    1\n(医       1)'], ['H', '新規'], ...(detail[1] ? [['I', detail[1]]] : []), ['J', state]]]);
  if (detail[2]) rows.push([r + 2, [['I', detail[2]]]]);
  r += 4;
});
writeXlsx(join(dir, 'code_list_kinki.xlsx'), rows);

// 2. 北海道 layout as CSV (UTF-8 with BOM): a header row, multi-line cells
const csvCell = (c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
const H = ['項番', '医療機関番号', '医療機関名称', '医療機関所在地', '電話番号', '開設者氏名', '管理者氏名', '指定年月日', '病床数・診療科', '種別'];
const HOKKAIDO = [
  ['011047', '札幌架空ファミリークリニック', '〒060-0001\n札幌市中央区北１条西１丁目', '011-000-1047', '札幌　架空', '札幌　架空', '令 4. 4. 1', '内　小', '診療所'],
  ['011048', '札幌架空記念病院', '〒060-0002\n札幌市中央区北２条西２丁目', '011-000-1048', '医療法人架空記念会', '架空　記念', '昭60. 4. 1', '内　外\n一般　　５０', '病院'],
];
const lines = [['コード内容別医療機関一覧表（北海道）'], ['令和 8年 7月 1日現在'], H];
HOKKAIDO.forEach(([six, name, addr, phone, opener, manager, since, detail, kind], i) => {
  lines.push([String(i + 1), `${num('01', '1', six, ',')}\n(併設なし)`, name, addr, phone, opener, manager, since, detail, kind]);
  lines.push(['', '', '', '', '常勤: 1', '', '', '新規', '', '現存']);
});
writeFileSync(join(dir, 'code_list_hokkaido.csv'), '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n');
