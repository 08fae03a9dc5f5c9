/*
 * Writes tests/data/bureau.xlsx (shared strings) and tests/data/bureau_inline.xlsx (inline
 * strings, libxlsxwriter's constant-memory mode): a small fictional bureau list laid out like the
 * 関東信越厚生局 download — title rows, the header on row 4, one row per filing, 病床数 as a number,
 * one 算定開始年月日 as an Excel date serial, and empty cells left out (gaps). Build and run:
 *   cc -std=c17 tests/data/gen_bureau_xlsx.c $(pkg-config --cflags --libs xlsxwriter) -o /tmp/gen && /tmp/gen tests/data
 */
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

static const char *const header[] = {"項番", "都道府県名", "区分", "医療機関番号", "併設医療機関番号", "医療機関名称",
	"医療機関所在地（郵便番号）", "医療機関所在地（住所）", "電話番号", "FAX番号", "病床数", "受理届出名称", "受理記号",
	"受理番号", "算定開始年月日", "個別有効開始年月日", "備考"};

/* pref, kubun, number, name, postal, address, phone, beds (-1 none), filing, symbol, no, date */
static const struct {
	const char *pref, *kubun, *number, *name, *postal, *address, *phone;
	int beds;
	const char *filing, *symbol, *no, *date;
} rows[] = {
	{"茨城県", "医科", "22,1001,1", "鹿嶋架空総合病院", "314-0031", "茨城県鹿嶋市宮中1-1-1", "0299-00-0001", 160,
	 "在宅療養支援病院", "支援病３", "第12号", "令和 6年 6月 1日"},
	{"茨城県", "医科", "22,1001,1", "鹿嶋架空総合病院", "314-0031", "茨城県鹿嶋市宮中1-1-1", "0299-00-0001", 160,
	 "在宅療養後方支援病院", "在後病", "第3号", "45017"}, /* 2023-04-01 as an Excel serial */
	{"茨城県", "医科", "23,1002,7", "潮来みらい在宅クリニック", "311-2400", "茨城県潮来市辻100", "0299-00-0002", -1,
	 "在宅療養支援診療所", "支援診２", "第45号", "令和 6年 6月 1日"},
	{"茨城県", "医科", "23,1002,7", "潮来みらい在宅クリニック", "311-2400", "茨城県潮来市辻100", "0299-00-0002", -1,
	 "外来感染対策向上加算", "外来感染", "第201号", "R6.6.1"},
};

static int write(const char *path, int constant_memory)
{
	lxw_workbook_options opt = {.constant_memory = (uint8_t)constant_memory, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "届出受理医療機関名簿");
	worksheet_write_string(ws, 0, 0, "届出受理医療機関名簿", NULL);
	worksheet_write_string(ws, 1, 0, "関東信越厚生局", NULL);
	worksheet_write_string(ws, 2, 0, "令和6年11月1日現在", NULL);
	for (int c = 0; c < 17; c++)
		worksheet_write_string(ws, 3, (lxw_col_t)c, header[c], NULL);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		lxw_row_t r = (lxw_row_t)(4 + i);
		worksheet_write_number(ws, r, 0, (double)(i + 1), NULL);
		worksheet_write_string(ws, r, 1, rows[i].pref, NULL);
		worksheet_write_string(ws, r, 2, rows[i].kubun, NULL);
		worksheet_write_string(ws, r, 3, rows[i].number, NULL);
		/* column 4 (併設医療機関番号) left out: a gap */
		worksheet_write_string(ws, r, 5, rows[i].name, NULL);
		worksheet_write_string(ws, r, 6, rows[i].postal, NULL);
		worksheet_write_string(ws, r, 7, rows[i].address, NULL);
		worksheet_write_string(ws, r, 8, rows[i].phone, NULL);
		if (rows[i].beds >= 0)
			worksheet_write_number(ws, r, 10, rows[i].beds, NULL);
		worksheet_write_string(ws, r, 11, rows[i].filing, NULL);
		worksheet_write_string(ws, r, 12, rows[i].symbol, NULL);
		worksheet_write_string(ws, r, 13, rows[i].no, NULL);
		if (strspn(rows[i].date, "0123456789") == strlen(rows[i].date))
			worksheet_write_number(ws, r, 14, 45017, NULL);
		else
			worksheet_write_string(ws, r, 14, rows[i].date, NULL);
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}

int main(int argc, char **argv)
{
	char a[512], b[512];
	const char *dir = argc > 1 ? argv[1] : ".";
	snprintf(a, sizeof a, "%s/bureau.xlsx", dir);
	snprintf(b, sizeof b, "%s/bureau_inline.xlsx", dir);
	return write(a, 0) || write(b, 1);
}
