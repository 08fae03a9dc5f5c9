/*
 * Unit tests of issue 12 §4–5: the 地方厚生局「コード内容別医療機関一覧表」 rules and parser (both
 * real layouts), the list's own date in a title row, the registry change report (an unchanged
 * list writes nothing; a filing absent from next month's list ends), and the lossy CP932 export.
 * Run from the repository root (fixtures in tests/data/).
 */
#include <stdlib.h>
#include <unistd.h>

#include "app/app_imports.h"
#include "domain/bureau.h"
#include "domain/facility.h"
#include "domain/medcode.h"
#include "io/code_list_import.h"
#include "io/digest.h"
#include "io/encoding.h"
#include "store/store.h"
#include "store/store_import.h"
#include "unit.h"

/* 「[令和 8年 7月 1日現在　薬局　現存/休止]」 (近畿厚生局), 「令和6年11月1日現在」 (関東信越). */
static void test_title_date(void)
{
	char iso[11];
	CHECK(bureau_title_date("[令和 8年 7月 1日現在　薬局　現存/休止]", iso) == 0);
	CHECK_STR(iso, "2026-07-01");
	CHECK(bureau_title_date("令和6年11月1日現在", iso) == 0);
	CHECK_STR(iso, "2024-11-01");
	CHECK(bureau_title_date("（Ｒ６．１２．１現在）", iso) == 0);
	CHECK_STR(iso, "2024-12-01");
	CHECK(bureau_title_date("令和 8年 7月 1日作成　　1頁", iso) == -1); /* 作成, not 現在 */
	CHECK(bureau_title_date("届出受理医療機関名簿", iso) == -1);
}

/* The cells of a block: 種別, 診療科・病床, 所在地 「〒910－0006福井市中央１－９－３０」. */
static void test_rules(void)
{
	CHECK(code_list_kind("病院") == KIND_HOSPITAL);
	CHECK(code_list_kind("診療所") == KIND_CLINIC);
	CHECK(code_list_kind("歯科診療所") == KIND_DENTAL);
	CHECK(code_list_kind("薬局") == KIND_PHARMACY);
	CHECK(code_list_kind("現存") == -1);
	CHECK(code_list_kind("特定機能薬局") == -1);
	CHECK(code_list_table(KIND_CLINIC) == '1' && code_list_table(KIND_DENTAL) == '3' && code_list_table(KIND_PHARMACY) == '4');
	CHECK(code_list_beds("一般　　１２０") == 120);
	CHECK(code_list_beds("内　外\n一般 50 療養 30") == 80);
	CHECK(code_list_beds("内　小") == -1);
	char postal[9], addr[256];
	code_list_address("〒910－0006福井市中央１－９－３０", postal, addr, sizeof addr);
	CHECK_STR(postal, "910-0006");
	CHECK_STR(addr, "福井市中央1-9-30");
	code_list_address("〒060-0001\n札幌市中央区北１条西１丁目", postal, addr, sizeof addr);
	CHECK_STR(postal, "060-0001");
	CHECK_STR(addr, "札幌市中央区北1条西1丁目");
	code_list_address("鹿嶋市宮中1-1", postal, addr, sizeof addr);
	CHECK_STR(postal, "");
	CHECK_STR(addr, "鹿嶋市宮中1-1");
}

static struct store *fresh_store(char *path, size_t n)
{
	snprintf(path, n, "/tmp/zaitaku-test-code-list-%d.db", (int)getpid());
	unlink(path);
	struct zt_error e;
	struct store *st = store_open(path, &e);
	CHECK(st != NULL);
	CHECK(app_imports_municipalities(st, &e) == ZT_OK);
	return st;
}

static enum zt_err import(struct store *st, const char *file, bool code_list, const char *pref, bool dry, json_t **rep,
			  struct bureau_summary *s)
{
	size_t len;
	char *data = unit_slurp(file, &len);
	struct bureau_options o = {.dry_run = dry, .source = file};
	struct app_bureau_request req = {.opt = &o, .file_name = file, .code_list = code_list, .prefecture = pref};
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = app_imports_bureau(st, NULL, data, len, &req, s, rep, &e);
	free(data);
	return r;
}

static long count(json_t *rep, const char *k)
{
	return (long)json_integer_value(json_object_get(json_object_get(rep, "counts"), k));
}

/* Both layouts; the 施設基準 stay; not-listed institutions reported, never changed. */
static void test_code_list(void)
{
	char path[128];
	struct store *st = fresh_store(path, sizeof path);
	struct bureau_summary s;
	json_t *rep = NULL;
	CHECK(import(st, "tests/data/bureau_kanto_cp932.csv", false, NULL, false, &rep, &s) == ZT_OK);
	bureau_summary_free(&s);
	json_decref(rep);
	/* an unchanged 施設基準 list writes nothing (the registry hash stays) */
	CHECK(import(st, "tests/data/bureau_kanto_cp932.csv", false, NULL, true, &rep, &s) == ZT_OK);
	CHECK(count(rep, "unchanged") == 7 && count(rep, "changed") == 0);
	char h1[65];
	snprintf(h1, sizeof h1, "%s", json_string_value(json_object_get(rep, "registry_hash")));
	bureau_summary_free(&s);
	json_decref(rep);
	CHECK(import(st, "tests/data/bureau_kanto_cp932.csv", false, NULL, false, &rep, &s) == ZT_OK);
	CHECK_STR(json_string_value(json_object_get(rep, "registry_hash")), h1);
	bureau_summary_free(&s);
	json_decref(rep);

	/* 近畿 layout: title rows per page, blocks of rows, no header */
	CHECK(import(st, "tests/data/code_list_kinki.xlsx", true, NULL, false, &rep, &s) == ZT_OK);
	CHECK_STR(s.as_of, "2026-07-01");
	CHECK(s.institutions == 5);
	CHECK(count(rep, "new") == 3);
	CHECK(count(rep, "unchanged") == 2); /* the hospital: same address (with 茨城県), phone, 160 beds */
	CHECK(count(rep, "not_listed") == 2);
	CHECK(count(rep, "suspended") == 1);
	CHECK(count(rep, "standards_lost") == 0);
	bureau_summary_free(&s);
	json_decref(rep);
	struct facility f;
	CHECK(store_facility_by_code(st, "0812210011", &f) == ZT_OK);
	CHECK(f.standards != 0); /* the 施設基準 of the hospital are untouched */
	CHECK(f.beds == 160);
	/* the new eye clinic: clinic, 鹿嶋市, postal code and address with the prefecture */
	char code[11];
	snprintf(code, sizeof code, "081221008%d", medcode_check_digit("081221008"));
	CHECK(store_facility_by_code(st, code, &f) == ZT_OK);
	CHECK(f.kind == KIND_CLINIC);
	CHECK_STR(f.municipality_code, "082228");
	CHECK_STR(f.postal_code, "314-0034");
	CHECK_STR(f.address, "茨城県鹿嶋市長栖2-3");
	CHECK_STR(f.name, "鹿嶋架空眼科クリニック");

	/* 北海道 layout as CSV: a header row; the prefecture only from the caller */
	CHECK(import(st, "tests/data/code_list_hokkaido.csv", true, NULL, true, &rep, &s) == ZT_ERR_INVALID);
	CHECK(s.error_count == 1);
	bureau_summary_free(&s);
	CHECK(import(st, "tests/data/code_list_hokkaido.csv", true, "01", false, &rep, &s) == ZT_OK);
	CHECK(count(rep, "new") == 2);
	CHECK(count(rep, "not_listed") == 1); /* 札幌中央架空クリニック of the 施設基準 list */
	bureau_summary_free(&s);
	json_decref(rep);
	store_close(st);
	unlink(path);
}

/* Issue 12 §5: "a character outside CP932 is replaced by 〓 and reported, never aborting". */
static void test_cp932(void)
{
	const char *text = "名称\r\n𠮷田薬局\r\n鹿嶋\r\n①②\r\n";
	char *out;
	size_t n;
	struct encoding_replacements rp;
	CHECK(encoding_utf8_to_cp932_replacing(text, strlen(text), &out, &n, &rp) == ZT_OK);
	CHECK(rp.count == 1);
	CHECK(rp.nlines == 1 && rp.lines[0] == 2);
	CHECK(n >= 2 && (unsigned char)out[6] == 0x81 && (unsigned char)out[7] == 0xAC); /* 〓 after 名称\r\n */
	free(out);
	char hex[65];
	digest_sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
	test_title_date();
	test_rules();
	test_code_list();
	test_cp932();
	UNIT_DONE();
}
