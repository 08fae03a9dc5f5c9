/*
 * Unit tests of the bureau-list import (issue 2 §6): encodings, XLSX reading, header detection,
 * column mapping, 医療機関コード derivation, merging, unknown 受理記号, bad lines with numbers.
 * Run from the repository root (fixtures in tests/data/).
 */
#include <stdlib.h>
#include <unistd.h>

#include "domain/bureau.h"
#include "domain/medcode.h"
#include "io/bureau_import.h"
#include "io/csv_read.h"
#include "io/csv_write.h"
#include "io/encoding.h"
#include "app/app_imports.h"
#include "io/xlsx_read.h"
#include "store/store.h"
#include "domain/text.h"
#include "unit.h"

/* Issue 2 §6: "the CSV a coordinator saves from Excel (CP932) or UTF-8". */
static void test_encoding(void)
{
	char *out;
	size_t n;
	struct zt_error e;
	/* 医療 in CP932 */
	const char sjis[] = "\x88\xe3\x97\xc3";
	CHECK(encoding_detect(sjis, 4) == ENC_CP932);
	CHECK(encoding_to_utf8(sjis, 4, &out, &n, &e) == ZT_OK);
	CHECK_STR(out, "医療");
	free(out);
	/* a UTF-8 BOM is stripped */
	CHECK(encoding_to_utf8("\xEF\xBB\xBFid,name", 10, &out, &n, &e) == ZT_OK);
	CHECK_STR(out, "id,name");
	CHECK(n == 7);
	free(out);
	CHECK(encoding_detect("abc,医療", strlen("abc,医療")) == ENC_UTF8);
	/* an invalid byte: error with its line number */
	zt_error_clear(&e);
	CHECK(encoding_to_utf8("a\nb\n\x88\xe3\x80\n", 7, &out, &n, &e) == ZT_ERR_INVALID);
	CHECK(e.line == 3);
	CHECK(strstr(e.message, "3行目") != NULL);
	/* a UTF-8 file with one broken byte is reported as such, at its line */
	zt_error_clear(&e);
	CHECK(encoding_to_utf8("医療\nx\n\x80\n", strlen("医療\nx\n\x80\n"), &out, &n, &e) == ZT_ERR_INVALID);
	CHECK(e.line == 3);
	CHECK(strstr(e.message, "UTF-8") != NULL);
	/* export: UTF-8 → CP932, and a character CP932 lacks */
	CHECK(encoding_utf8_to_cp932("医療", strlen("医療"), &out, &n, &e) == ZT_OK);
	CHECK(n == 4 && memcmp(out, sjis, 4) == 0);
	free(out);
	zt_error_clear(&e);
	CHECK(encoding_utf8_to_cp932("ok\n😀", strlen("ok\n😀"), &out, &n, &e) == ZT_ERR_INVALID);
	CHECK(e.line == 2);
}

/* "find the header row and map columns by name" — title rows above it, variants of the names. */
static void test_header(void)
{
	int map[BCOL__MAX];
	const char *title[] = {"届出受理医療機関名簿", "", ""};
	CHECK(bureau_header_map(3, title, map) == 0);
	const char *kanto[] = {"項番", "都道府県名", "区分", "医療機関番号", "併設医療機関番号", "医療機関名称",
			       "医療機関所在地（郵便番号）", "医療機関所在地（住所）", "電話番号", "FAX番号", "病床数",
			       "受理届出名称", "受理記号", "受理番号", "算定開始年月日", "個別有効開始年月日", "備考"};
	CHECK(bureau_header_map(17, kanto, map) == 1);
	CHECK(map[BCOL_CODE] == 3);
	CHECK(map[BCOL_ANNEX_CODE] == 4); /* not confused with 医療機関番号 */
	CHECK(map[BCOL_POSTAL] == 6);
	CHECK(map[BCOL_ADDRESS] == 7);
	CHECK(map[BCOL_SYMBOL] == 12);
	CHECK(map[BCOL_INDIV_START] == 15);
	/* another bureau: other names, widths, spaces and line breaks inside cells */
	const char *other[] = {"医療機関コード", "医療機関名", "所在地", "ＦＡＸ番号", "受理\n記号", "算定開始 年月日", "備　考"};
	CHECK(bureau_header_map(7, other, map) == 1);
	CHECK(map[BCOL_CODE] == 0 && map[BCOL_NAME] == 1 && map[BCOL_ADDRESS] == 2 && map[BCOL_FAX] == 3);
	CHECK(map[BCOL_SYMBOL] == 4 && map[BCOL_START] == 5 && map[BCOL_NOTE] == 6);
	CHECK(map[BCOL_PREFECTURE] == -1);
	CHECK(bureau_col_of_header("医療機関所在地(郵便番号)") == BCOL_POSTAL);
	CHECK(bureau_col_of_header("何か") == -1);
}

/* "医療機関コード = prefecture + 点数表 + 7 digits"; 医科 with 20 beds or more is a hospital. */
static void test_rules(void)
{
	char code[11];
	CHECK(medcode_from_bureau("08", medcode_table_for("医科"), "22,1001,1", code) == 0);
	CHECK_STR(code, "0812210011");
	CHECK(medcode_from_bureau("08", '1', "22,1001,9", code) == -2);
	CHECK(bureau_beds_total("一般　　１２０\n療養　　　４０") == 160);
	CHECK(bureau_beds_total("19") == 19);
	CHECK(bureau_beds_total("") == 0);
	CHECK(bureau_beds_total("なし") == -1);
	CHECK(bureau_kind('1', 20) == KIND_HOSPITAL);
	CHECK(bureau_kind('1', 19) == KIND_CLINIC);
	CHECK(bureau_kind('3', 0) == KIND_DENTAL);
	CHECK(bureau_kind('4', 0) == KIND_PHARMACY);
	char d[11];
	CHECK(bureau_excel_serial_date("45017", d) == 0);
	CHECK_STR(d, "2023-04-01");
	CHECK(bureau_excel_serial_date("令和", d) == -1);
	/* kind and standards settled from all filings, so that what is stored is valid (facility.c) */
	const char *why = NULL;
	uint32_t st = 1u << STD_ZAIBYO_CONVENTIONAL;
	CHECK(bureau_resolve('1', 0, &st, NULL, &why) == KIND_HOSPITAL); /* 在支病 → hospital even without beds */
	st = 1u << STD_ZAISHIN_CONVENTIONAL;
	CHECK(bureau_resolve('1', 19, &st, NULL, &why) == KIND_CLINIC);
	CHECK(bureau_resolve('1', 40, &st, NULL, &why) == -1 && why != NULL); /* 在支診 with 40 beds */
	st = (1u << STD_ZAISHIN_CONVENTIONAL) | (1u << STD_BACKUP_HOSPITAL);
	CHECK(bureau_resolve('1', 0, &st, NULL, &why) == -1);
	st = 1u << STD_ZAISHIN_CONVENTIONAL;
	CHECK(bureau_resolve('3', 0, &st, NULL, &why) == -1); /* 歯科 with a 医科 standard */
	st = 0;
	CHECK(bureau_resolve('4', 0, &st, NULL, &why) == KIND_PHARMACY);
	/* two 在支診 types (a change of type): the later one is kept */
	const char *since[STD__MAX] = {[STD_ZAISHIN_ENHANCED_SOLO] = "2022-04-01", [STD_ZAISHIN_CONVENTIONAL] = "2024-06-01"};
	st = (1u << STD_ZAISHIN_ENHANCED_SOLO) | (1u << STD_ZAISHIN_CONVENTIONAL);
	CHECK(bureau_resolve('1', 0, &st, since, &why) == KIND_CLINIC);
	CHECK(st == 1u << STD_ZAISHIN_CONVENTIONAL);
	struct muni_name list[] = {{"082228", "鹿嶋市"}, {"083097", "大洗町"}, {"011002", "札幌市"},
				   {"011011", "札幌市中央区"}, {"082201", "つくば市"}};
	CHECK(bureau_match_municipality("茨城県鹿嶋市宮中1-1-1", "茨城県", list, 5) == 0);
	CHECK(bureau_match_municipality("茨城県東茨城郡大洗町磯浜町1", "茨城県", list, 5) == 1);
	CHECK(bureau_match_municipality("北海道札幌市中央区北1条西1丁目", "北海道", list, 5) == 3); /* longest */
	CHECK(bureau_match_municipality("鹿嶋市宮中", "茨城県", list, 5) == 0); /* without the prefecture */
	CHECK(bureau_match_municipality("茨城県どこか町", "茨城県", list, 5) == -1);
}

struct xrows {
	int n;
	long rows[16];
	char cells[16][4][64];
};

static int collect(long row, int n, const char *const *cells, void *p)
{
	struct xrows *x = p;
	if (x->n < 16) {
		x->rows[x->n] = row;
		int pick[4] = {3, 4, 10, 14};
		for (int k = 0; k < 4; k++)
			snprintf(x->cells[x->n][k], 64, "%s", pick[k] < n ? cells[pick[k]] : "(none)");
	}
	x->n++;
	return 0;
}

/* "Accept the XLSX files as downloaded": shared and inline strings, numbers, gaps. */
static void test_xlsx(void)
{
	const char *files[] = {"tests/data/bureau.xlsx", "tests/data/bureau_inline.xlsx"};
	for (int f = 0; f < 2; f++) {
		size_t len;
		char *data = unit_slurp(files[f], &len);
		CHECK(xlsx_is_zip(data, len));
		struct xrows x = {0};
		struct zt_error e;
		CHECK(xlsx_read(data, len, collect, &x, &e) == 0);
		CHECK(x.n == 8);
		CHECK(x.rows[3] == 4);
		CHECK_STR(x.cells[3][0], "医療機関番号");
		CHECK_STR(x.cells[4][0], "22,1001,1");
		CHECK_STR(x.cells[4][1], ""); /* the gap */
		CHECK_STR(x.cells[4][2], "160");  /* a number cell */
		CHECK_STR(x.cells[5][3], "45017"); /* a date serial */
		free(data);
	}
	struct zt_error e;
	zt_error_clear(&e);
	struct xrows x = {0};
	CHECK(xlsx_read("PK\x03\x04garbage", 11, collect, &x, &e) == -1);
	CHECK(e.code == ZT_ERR_INVALID);
}

static struct store *fresh_store(char *path, size_t n)
{
	snprintf(path, n, "/tmp/zaitaku-test-import-%d.db", (int)getpid());
	unlink(path);
	struct zt_error e;
	struct store *st = store_open(path, &e);
	CHECK(st != NULL);
	CHECK(app_imports_municipalities(st, &e) == ZT_OK);
	return st;
}

/* The whole import on a real store: CP932 with title rows; unknown symbols kept and counted;
 * rows of one institution merged; a re-import updates; a bad file stores nothing. */
static void test_import(void)
{
	char path[128];
	struct store *st = fresh_store(path, sizeof path);
	size_t len;
	char *data = unit_slurp("tests/data/bureau_kanto_cp932.csv", &len);
	struct bureau_summary s;
	struct zt_error e;
	zt_error_clear(&e);
	CHECK(app_imports_facility_standards(st, NULL, data, len, NULL, &s, &e) == ZT_OK);
	CHECK_STR(s.format, "csv-cp932");
	CHECK(s.header_line == 4);
	CHECK(s.rows == 12);
	CHECK(s.institutions == 7);
	CHECK(s.inserted == 7 && s.updated == 0);
	CHECK(s.unknown_filings == 6 && s.nunknown == 6);
	bureau_summary_free(&s);
	struct facility f;
	CHECK(store_facility_by_code(st, "0812210011", &f) == ZT_OK);
	CHECK(f.kind == KIND_HOSPITAL && f.beds == 160);
	CHECK_STR(f.municipality_code, "082228");
	CHECK(f.standards == ((1u << STD_ZAIBYO_CONVENTIONAL) | (1u << STD_BACKUP_HOSPITAL) | (1u << STD_COMMUNITY_CARE_WARD)));
	/* issue 12 §3 "imported institutions start 未確認": the list gives standards, not facts */
	CHECK(!f.h24_known && !f.home_care_known && f.capabilities_known == 0);
	CHECK(facility_fact(&f, FACT_H24) == FACT_UNKNOWN);
	{ /* and the import gave it a search text (issue 12 §6): found by its name in katakana-free form */
		struct facility_filter flt;
		facility_filter_init(&flt);
		text_search_fold(f.name, flt.q, sizeof flt.q);
		struct facility *rows = NULL;
		size_t n = 0, total = 0;
		CHECK(store_facility_search(st, &flt, &rows, &n, &total, &e) == ZT_OK);
		CHECK(n >= 1 && rows[0].id == f.id);
		free(rows);
	}
	json_t *fl = store_facility_filings(st, f.id);
	CHECK(json_array_size(fl) == 4); /* the unknown 医療ＤＸ is kept with known = 0 */
	int unknown_kept = 0;
	size_t i;
	json_t *v;
	json_array_foreach(fl, i, v)
		if (strcmp(json_string_value(json_object_get(v, "symbol")), "医療DX") == 0 &&
		    json_integer_value(json_object_get(v, "known")) == 0)
			unknown_kept = 1;
	CHECK(unknown_kept);
	json_decref(fl);
	CHECK(store_facility_by_code(st, "0842210064", &f) == ZT_OK);
	CHECK(f.kind == KIND_PHARMACY);
	CHECK_STR(f.municipality_code, "083097"); /* 東茨城郡大洗町 */

	/* the same list again: same codes, no duplicates, and nothing written (issue 12 §4: an
	 * unchanged row is not touched, so it is not counted as updated) */
	CHECK(app_imports_facility_standards(st, NULL, data, len, NULL, &s, &e) == ZT_OK);
	CHECK(s.inserted == 0 && s.updated == 0);
	bureau_summary_free(&s);
	CHECK(store_facility_count(st) == 7);
	free(data);

	/* a malformed file: every bad line with its number, nothing stored */
	data = unit_slurp("tests/data/bureau_bad.csv", &len);
	struct store *st2;
	char path2[160];
	snprintf(path2, sizeof path2, "%s-2", path);
	unlink(path2);
	st2 = store_open(path2, &e);
	app_imports_municipalities(st2, &e);
	zt_error_clear(&e);
	CHECK(app_imports_facility_standards(st2, NULL, data, len, NULL, &s, &e) == ZT_ERR_INVALID);
	CHECK(s.error_count == 6);
	long want[] = {5, 6, 7, 8, 9, 10};
	const char *fields[] = {"医療機関番号", "都道府県名", "算定開始年月日", "医療機関名称", "", "医療機関番号"};
	for (int k = 0; k < 6 && (size_t)k < s.nerrors; k++) {
		CHECK(s.errors[k].line == want[k]);
		CHECK_STR(s.errors[k].field, fields[k]);
	}
	bureau_summary_free(&s);
	CHECK(store_facility_count(st2) == 0);
	free(data);
	store_close(st2);
	unlink(path2);

	/* dry run: counted, nothing written */
	data = unit_slurp("tests/data/bureau_utf8.csv", &len);
	struct bureau_options o = {.dry_run = true};
	CHECK(app_imports_facility_standards(st, NULL, data, len, &o, &s, &e) == ZT_OK);
	CHECK_STR(s.format, "csv-utf8");
	CHECK(s.inserted == 0 && s.updated == 0 && s.rows == 7); /* its three institutions are unchanged */
	bureau_summary_free(&s);
	free(data);
	store_close(st);
	unlink(path);
	char side[200];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-wal", path2);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path2);
	unlink(side);
	const char *paths[] = {path, path2};
	for (int p = 0; p < 2; p++) {
		snprintf(side, sizeof side, "%s.audit-key", paths[p]);
		unlink(side);
		snprintf(side, sizeof side, "%s.secret-key", paths[p]);
		unlink(side);
	}
}

/* The one CSV writer: the guard policy of docs/csv.md §3, quoting, and the exact inverse. */
static void test_csv_write(void)
{
	struct buf b;
	buf_init(&b, BUF_UNCAPPED);
	struct csv_writer w;
	csv_writer_init(&w, &b, false, CSV_GUARD_ALL);
	const char *cells[] = {"=1+2", "+81", "-3", "@SUM(A1)", "\tx", "\rx", "a,b", " edge", "say \"hi\"", "'=x", "'x", "", "ok"};
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
		csv_cell(&w, cells[i]);
	csv_cell_raw(&w, "-12.5");
	csv_end_row(&w);
	CHECK_STR(buf_ptr(&b), "'=1+2,'+81,'-3,'@SUM(A1),'\tx,\"'\rx\",\"a,b\",\" edge\",\"say \"\"hi\"\"\",''=x,'x,,ok,-12.5\r\n");
	buf_reset(&b);
	csv_writer_init(&w, &b, true, CSV_GUARD_NUMBERS_OK);
	csv_cell(&w, "-3");
	csv_cell(&w, "-12.25");
	csv_cell(&w, "-2+3+cmd|' /C calc'!A0");
	csv_cell(&w, "-");
	csv_cell(&w, "1.");
	csv_cell(&w, "");
	csv_end_row(&w);
	CHECK_STR(buf_ptr(&b), "\"-3\",\"-12.25\",\"'-2+3+cmd|' /C calc'!A0\",\"'-\",\"1.\",\"\"\r\n");
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) { /* csv_unguard inverts the guard */
		buf_reset(&b);
		csv_writer_init(&w, &b, false, CSV_GUARD_ALL);
		csv_cell(&w, cells[i]);
		if (strpbrk(cells[i], ",\"\r\n") == NULL && cells[i][0] != ' ')
			CHECK_STR(csv_unguard(buf_ptr(&b)), cells[i]);
	}
	CHECK_STR(csv_unguard("'plain"), "'plain");
	buf_free(&b);
	/* a NUL byte is reported with its line before any record */
	long line = 0;
	CHECK(csv_read("a,b\nc,d\ne\0f\n", 12, NULL, NULL, &line) == CSV_READ_NUL);
	CHECK(line == 3);
}

int main(void)
{
	test_csv_write();
	test_encoding();
	test_header();
	test_rules();
	test_xlsx();
	test_import();
	UNIT_DONE();
}
