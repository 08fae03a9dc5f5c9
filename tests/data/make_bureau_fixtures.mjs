// Generates the small bureau-list fixtures of tests/data (committed; rerun to regenerate):
//   node tests/data/make_bureau_fixtures.mjs && iconv -f UTF-8 -t CP932 tests/data/bureau_kanto.utf8.tmp > tests/data/bureau_kanto_cp932.csv
// Layout of the 関東信越厚生局「届出受理医療機関名簿」: title rows, then the header row, one row per
// accepted filing. All institutions are fictional; numbers carry valid check digits.
import { writeFileSync } from 'node:fs';

const dir = new URL('.', import.meta.url).pathname;

/** Luhn check digit over nine digits (domain/medcode.c). */
export function checkDigit(nine) {
  let sum = 0;
  for (let i = 8, pos = 0; i >= 0; i--, pos++) {
    let d = Number(nine[i]);
    if (pos % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
/** The bureau's 7-digit number "GG,NNNN,C" for prefecture pref, 点数表 table and six digits. */
export function bureauNumber(pref, table, six) {
  const c = checkDigit(pref + table + six);
  return `${six.slice(0, 2)},${six.slice(2)},${c}`;
}
export const HEADER = ['項番', '都道府県名', '区分', '医療機関番号', '併設医療機関番号', '医療機関名称',
  '医療機関所在地（郵便番号）', '医療機関所在地（住所）', '電話番号', 'FAX番号', '病床数', '受理届出名称',
  '受理記号', '受理番号', '算定開始年月日', '個別有効開始年月日', '備考'];

export function csvLine(cells) {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

// [pref, 区分, six digits, name, postal, address, phone, beds, filings[[name, symbol, number, date]]]
export const INSTITUTIONS = [
  ['茨城県', '医科', '221001', '鹿嶋架空総合病院', '314-0031', '茨城県鹿嶋市宮中1-1-1', '0299-00-0001', '一般　　１２０\n療養　　　４０',
    [['在宅療養支援病院', '支援病３', '第12号', '令和 6年 6月 1日'], ['在宅療養後方支援病院', '在後病', '第3号', '令和 5年 4月 1日'],
     ['地域包括ケア病棟入院料', '地包ケア１', '第7号', '令和 6年 6月 1日'], ['医療DX推進体制整備加算', '医療ＤＸ', '第100号', '令和 6年10月 1日']]],
  ['茨城県', '医科', '231002', '潮来みらい在宅クリニック', '311-2400', '茨城県潮来市辻100', '0299-00-0002', '',
    [['在宅療養支援診療所', '支援診２', '第45号', '令和 6年 6月 1日'], ['外来感染対策向上加算', '外来感染', '第201号', 'R6.6.1']]],
  ['茨城県', '医科', '231003', '神栖架空ファミリー診療所', '314-0100', '茨城県神栖市溝口1000', '0299-00-0003', '１９',
    [['在宅療養支援診療所', '支援診３', '第46号', '令和 4年 4月 1日']]],
  ['茨城県', '医科', '241004', '行方架空内科医院', '311-1700', '茨城県行方市山田2000', '0291-00-0004', '',
    [['明細書発行体制等加算', '明細', '第300号', '平成22年 4月 1日']]],
  ['茨城県', '歯科', '221005', '鉾田架空歯科医院', '311-1500', '茨城県鉾田市鉾田1-2', '0291-00-0005', '',
    [['在宅療養支援歯科診療所２', '歯援診２', '第5号', '令和 6年 6月 1日']]],
  ['茨城県', '薬局', '221006', '大洗架空薬局', '311-1300', '茨城県東茨城郡大洗町磯浜町1', '029-000-0006', '',
    [['在宅患者調剤加算', '在調', '第8号', '令和 6年 6月 1日'], ['調剤基本料１', '調基１', '第9号', '令和 6年 6月 1日']]],
  ['北海道', '医科', '011007', '札幌中央架空クリニック', '060-0001', '北海道札幌市中央区北1条西1丁目', '011-000-0007', '',
    [['在宅療養支援診療所', '支援診１', '第1号', '令和 6年 6月 1日']]],
];

function rows(insts, pref = (p) => p) {
  const out = [];
  let seq = 1;
  for (const [p, kubun, six, name, postal, addr, phone, beds, filings] of insts) {
    const code = bureauNumber(p === '北海道' ? '01' : '08', { 医科: '1', 歯科: '3', 薬局: '4' }[kubun], six);
    for (const [fname, sym, num, date] of filings)
      out.push([String(seq++), pref(p), kubun, code, '', name, postal, addr, phone, '', beds, fname, sym, num, date, '', '']);
  }
  return out;
}

// 1. CP932 file as Excel saves it (written here in UTF-8, converted by iconv): title rows above the header.
const kanto = [
  ['届出受理医療機関名簿', ...Array(16).fill('')],
  ['関東信越厚生局', ...Array(16).fill('')],
  ['令和6年11月1日現在', ...Array(16).fill('')],
  HEADER,
  ...rows(INSTITUTIONS),
];
writeFileSync(dir + 'bureau_kanto.utf8.tmp', kanto.map(csvLine).join('\r\n') + '\r\n');

// 2. UTF-8 with BOM, another bureau's variant: no 項番, full-width / spaced header names, other order.
const H2 = ['都道府県名', '区分', '医療機関コード', '医療機関名', '郵便番号', '所在地', '電話番号', '病床数',
  '受理記号', '受理届出名称', '受理番号', '算定開始 年月日', '備　考'];
const utf8 = [['施設基準の届出受理状況（架空）'], H2];
for (const r of rows(INSTITUTIONS.slice(0, 3)))
  utf8.push([r[1], r[2], r[3], r[5], r[6], r[7], r[8], r[10], r[12], r[11], r[13], r[14], r[16]]);
writeFileSync(dir + 'bureau_utf8.csv', '\uFEFF' + utf8.map((r) => csvLine(r)).join('\n') + '\n');

// 3. Malformed: every kind of bad line, each on a known line number (see tests).
const good = rows(INSTITUTIONS.slice(0, 2));
for (const r of good.slice(1)) r[10] = '120'; // one-line records after the first (which spans lines 3–4)
const bad = [
  ['届出受理医療機関名簿（誤りを含む）', ...Array(16).fill('')], // line 1
  HEADER,                                                             // line 2
  good[0],                                                            // lines 3–4 ok (a cell with a line break)
  Object.assign([...good[1]], { 3: '22,1001,9' }),                    // line 5 bad check digit
  Object.assign([...good[1]], { 1: '架空県' }),                        // line 6 unknown prefecture
  Object.assign([...good[1]], { 14: '令和6年2月30日' }),               // line 7 bad date
  Object.assign([...good[1]], { 5: '' }),                             // line 8 missing name
  good[1].slice(0, 12),                                               // line 9 wrong column count
  Object.assign([...good[1]], { 3: '12345' }),                        // line 10 not 7 digits
  good[2],                                                            // line 11 ok
];
writeFileSync(dir + 'bureau_bad.csv', bad.map(csvLine).join('\r\n') + '\r\n');

// 4. Next month's list (UTF-8, issue 12 §4): 神栖架空ファミリー診療所 is gone (its 在支診 ends),
// 潮来みらい在宅クリニック has a new name, the hospital a new phone number; the rest is unchanged.
const next = INSTITUTIONS.filter((i) => i[3] !== '神栖架空ファミリー診療所').map((i) => {
  const c = [...i];
  if (c[3] === '潮来みらい在宅クリニック') c[3] = '潮来みらい在宅クリニック本院';
  if (c[3] === '鹿嶋架空総合病院') c[6] = '0299-00-9999';
  return c;
});
const nextRows = [
  ['届出受理医療機関名簿', ...Array(16).fill('')],
  ['関東信越厚生局', ...Array(16).fill('')],
  ['令和6年12月1日現在', ...Array(16).fill('')],
  HEADER,
  ...rows(next),
];
writeFileSync(dir + 'bureau_next_month.csv', nextRows.map(csvLine).join('\r\n') + '\r\n');
