// Generates a bureau list (関東信越厚生局 layout: 3 title rows, the header, one row per filing) of
// N data lines for the import benchmark. Deterministic; fictional; valid check digits.
//   node bench/gen_bureau.mjs 100000 > /tmp/bureau.csv
import { createWriteStream } from 'node:fs';

const n = Number(process.argv[2] || 100000);
const out = process.argv[3] ? createWriteStream(process.argv[3]) : process.stdout;

function checkDigit(nine) {
  let sum = 0;
  for (let i = 8, pos = 0; i >= 0; i--, pos++) {
    let d = nine.charCodeAt(i) - 48;
    if (pos % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
let seed = 12345;
const rnd = (k) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return (seed >>> 12) % k; };

const towns = ['水戸市', '日立市', '土浦市', '古河市', '石岡市', '鹿嶋市', '潮来市', '神栖市', '行方市', '鉾田市',
  'つくば市', 'ひたちなか市', '東茨城郡大洗町', '稲敷郡阿見町', '守谷市', '取手市', '牛久市', '笠間市'];
// 受理記号 by kind, so that every institution's filings are consistent (a clinic never files 支援病).
const homeClinic = [['在宅療養支援診療所', '支援診１'], ['在宅療養支援診療所', '支援診２'], ['在宅療養支援診療所', '支援診３']];
const homeHospital = [['在宅療養支援病院', '支援病３'], ['在宅療養後方支援病院', '在後病'], ['地域包括ケア病棟入院料', '地包ケア１']];
const other = {
  1: [['外来感染対策向上加算', '外来感染'], ['医療DX推進体制整備加算', '医療ＤＸ'], ['明細書発行体制等加算', '明細'],
    ['がん性疼痛緩和指導管理料', 'がん疼'], ['検体検査管理加算（Ⅰ）', '検Ⅰ'], ['夜間休日救急搬送医学管理料', '救搬'],
    ['ニコチン依存症管理料', 'ニコ'], ['CT撮影及びMRI撮影', 'ＣＴ撮影'], ['酸素の購入価格の届出', '酸単']],
  3: [['在宅療養支援歯科診療所２', '歯援診２'], ['歯科外来診療医療安全対策加算１', '外安全１'], ['クラウン・ブリッジ維持管理料', '補管']],
  4: [['調剤基本料１', '調基１'], ['在宅患者調剤加算', '在調'], ['連携強化加算', '連強'], ['医療DX推進体制整備加算', '医療ＤＸ']],
};
const kubun = [['医科', '1'], ['医科', '1'], ['医科', '1'], ['歯科', '3'], ['薬局', '4']];
const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const lines = [];
const flush = () => { out.write(lines.join('\r\n') + '\r\n'); lines.length = 0; };
const blank = ',,,,,,,,,,,,,,,,';
lines.push('届出受理医療機関名簿' + blank, '関東信越厚生局' + blank, '令和6年11月1日現在' + blank);
lines.push('項番,都道府県名,区分,医療機関番号,併設医療機関番号,医療機関名称,医療機関所在地（郵便番号）,' +
  '医療機関所在地（住所）,電話番号,FAX番号,病床数,受理届出名称,受理記号,受理番号,算定開始年月日,個別有効開始年月日,備考');
let seq = 0, inst = 0;
while (seq < n) {
  inst++;
  const [kb, table] = kubun[rnd(kubun.length)];
  const gun = 10 + (inst % 90), num = Math.floor(inst / 90) % 10000;
  const six = String(gun).padStart(2, '0') + String(num).padStart(4, '0');
  const code = `${six.slice(0, 2)},${six.slice(2)},${checkDigit('08' + table + six)}`;
  const town = towns[rnd(towns.length)];
  const postal = `31${rnd(10)}-00${String(rnd(100)).padStart(2, '0')}`, street = `${1 + rnd(30)}-${1 + rnd(20)}`;
  const phone = `029-${100 + rnd(900)}-${1000 + rnd(9000)}`;
  const beds = table === '1' && rnd(10) === 0 ? `一般　${20 + rnd(300)}` : '';
  const name = `架空${kb === '薬局' ? '薬局' : kb === '歯科' ? '歯科医院' : beds ? '総合病院' : 'クリニック'}${inst}号`;
  const nf = 1 + rnd(5);
  // about one 医科 institution in four files a home-care standard (one 在支診 type, or 病院 ones)
  const home = table === '1' && rnd(4) === 0 ? (beds ? homeHospital : homeClinic) : null;
  const picks = [];
  for (let k = 0; k < nf; k++) {
    const homeCare = home && (k === 0 || (beds && rnd(2) === 0)); // a clinic files one 在支診 type only
    picks.push(homeCare ? home[rnd(home.length)] : other[table][rnd(other[table].length)]);
  }
  for (let k = 0; k < nf && seq < n; k++) {
    const [fname, sym] = picks[k];
    seq++;
    lines.push([seq, '茨城県', kb, code, '', name, postal,
      `茨城県${town}${street}`, phone, '', beds, fname, sym,
      `第${rnd(5000)}号`, `令和${1 + rnd(6)}年${1 + rnd(12)}月${1 + rnd(28)}日`, '', ''].map((x) => q(String(x))).join(','));
    if (lines.length >= 5000) flush();
  }
}
flush();
if (out !== process.stdout) out.end();
