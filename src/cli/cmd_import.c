/*
 * zaitaku import — load the 地方厚生局 filing lists (facility-standards) or our own institution CSV
 * (facilities), seed 002 ① and issue 2 §6. Exit codes: 0 imported, 1 bad lines or failure (nothing
 * stored), 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd_adjacency.h"
#include "cli/cmd_boundaries.h"
#include "cli/cli.h"
#include "app/app_imports.h"
#include "store/store.h"

#define IMPORT_FILE_MAX (512L * 1024 * 1024)
#define SHOW_ERRORS 50

static void help(void)
{
	printf("usage: zaitaku [--db PATH] import facility-standards FILE [--dry-run] [--max-memory MIB]\n"
	       "       zaitaku [--db PATH] import code-list FILE [--prefecture NN] [--dry-run]\n"
	       "       zaitaku [--db PATH] import facilities FILE\n\n"
	       "facility-standards  地方厚生局「施設基準の届出受理状況」(届出受理医療機関名簿) を取り込みます。\n"
	       "                    XLSX（ダウンロードしたまま）または CSV（Excel の Shift_JIS/CP932、UTF-8）。\n"
	       "                    見出し行を探して列名で対応付け、医療機関コードで機関を登録・更新します。\n"
	       "                    未対応の受理記号は届出として保存し、件数を報告します。\n"
	       "                    誤りのある行が1行でもあれば、その行番号と理由を示し何も登録しません。\n"
	       "  --dry-run         検査と件数の集計だけを行い、登録しません。\n"
	       "  --max-memory MIB  XLSX の読み込みに使うメモリの上限（既定 256 MiB）。超えると取り込みを中止します。\n\n"
	       "code-list           地方厚生局「コード内容別医療機関一覧表」（すべての保険医療機関・保険薬局）を\n"
	       "                    取り込みます。新しい機関を登録し、名称・所在地・電話などの変更を反映します\n"
	       "                    （施設基準はそのまま）。一覧表にない機関は報告だけします。\n"
	       "  --prefecture NN   見出しに「[○○県]」がない一覧表の都道府県コード（例: 01）。\n\n"
	       "facilities          zaitaku 形式の機関 CSV（docs/csv.md、export facilities の出力）を取り込みます。\n"
	       "                    id 列のある行はその機関を、医療機関コードが登録済みの行はその機関を更新します。\n\n"
	       "adjacency           隣接市町村の CSV（a,b: 市町村コード）を取り込みます（import adjacency --help）。\n\n"
	       "boundaries          国土数値情報「行政区域」(N03) の GeoJSON から市町村の境界を取り込みます（import boundaries --help）。\n\n"
	       "Exit status: 0 imported, 1 bad lines or failure (nothing stored), 2 usage error.\n");
}

/* Prints the first SHOW_ERRORS problems of an import as FILE:LINE: field: message. */
static void print_errors(const char *path, const struct zt_line_error *errs, size_t n, long count)
{
	for (size_t i = 0; i < n && i < SHOW_ERRORS; i++)
		fprintf(stderr, "%s:%ld: %s%s%s\n", path, errs[i].line, errs[i].field, errs[i].field[0] ? ": " : "",
			errs[i].message);
	if (count > SHOW_ERRORS)
		fprintf(stderr, "… ほか %ld 件（誤りは全部で %ld 件）\n", count - SHOW_ERRORS, count);
}

static void progress(enum bureau_phase phase, long done, long total, void *ctx)
{
	(void)ctx;
	if (phase == BUREAU_PHASE_READ)
		fprintf(stderr, "\r読み込み中: %ld 行", done);
	else
		fprintf(stderr, "\r登録中: %ld / %ld 機関 (%ld%%)   ", done, total, total ? done * 100 / total : 100);
	fflush(stderr);
}

static int import_standards(struct store *st, const char *path, bool dry_run, size_t budget, bool code_list,
			    const char *pref)
{
	size_t len;
	char *data = cli_read_file("import", path, IMPORT_FILE_MAX, true, &len);
	if (data == NULL)
		return 1;
	bool tty = isatty(STDERR_FILENO);
	struct bureau_options opt = {.dry_run = dry_run, .source = path, .memory_budget = budget,
				     .progress = tty ? progress : NULL};
	struct bureau_summary sum;
	struct zt_error e;
	zt_error_clear(&e);
	const char *base = strrchr(path, '/');
	struct app_bureau_request req = {.opt = &opt, .file_name = base ? base + 1 : path, .code_list = code_list,
					 .prefecture = pref};
	json_t *report = NULL;
	enum zt_err r = app_imports_bureau(st, NULL, data, len, &req, &sum, &report, &e);
	free(data);
	if (tty)
		fprintf(stderr, "\r\033[K");
	print_errors(path, sum.errors, sum.nerrors, sum.error_count);
	if (r != ZT_OK) {
		fprintf(stderr, "zaitaku import: %s\n", e.message);
		bureau_summary_free(&sum);
		return 1;
	}
	json_t *counts = json_object_get(report, "counts");
#define COUNT(k) ((long)json_integer_value(json_object_get(counts, k)))
	if (code_list)
		printf("%s%s: %s, 機関 %ld（新規 %ld, 更新 %ld, 変更なし %ld）\n", dry_run ? "[dry-run] " : "", path,
		       sum.format, sum.institutions, sum.inserted, sum.updated, COUNT("unchanged"));
	else
		printf("%s%s: %s, 見出し %ld 行目, データ %ld 行, 機関 %ld（新規 %ld, 更新 %ld, 変更なし %ld）, 届出 %ld（対応 %ld, 未対応 %ld）\n",
		       dry_run ? "[dry-run] " : "", path, sum.format, sum.header_line, sum.rows, sum.institutions,
		       sum.inserted, sum.updated, COUNT("unchanged"), sum.known_filings + sum.unknown_filings,
		       sum.known_filings, sum.unknown_filings);
	if (sum.as_of[0])
		printf("名簿の日付: %s現在\n", json_string_value(json_object_get(report, "ended_on_wareki")));
	if (code_list)
		printf("一覧表にない機関 %ld（変更しません）, 休止中 %ld\n", COUNT("not_listed"), COUNT("suspended"));
	if (COUNT("ended_institutions") || COUNT("standards_lost") || COUNT("filings_ended"))
		printf("%s: 名簿から消えた機関 %ld, 失われた施設基準 %ld, 終了した届出 %ld（%s 終了）\n",
		       dry_run ? "取り込むと" : "終了", COUNT("ended_institutions"), COUNT("standards_lost"),
		       COUNT("filings_ended"), json_string_value(json_object_get(report, "ended_on")));
#undef COUNT
	json_decref(report);
	if (sum.nunknown) {
		printf("未対応の受理記号 %zu 種（%s）:", sum.nunknown, dry_run ? "取り込むと届出として保存されます" : "届出として保存済み");
		for (size_t i = 0; i < sum.nunknown; i++)
			printf(" %s×%ld", sum.unknown[i].symbol, sum.unknown[i].count);
		printf("\n");
	}
	bureau_summary_free(&sum);
	return 0;
}

static int import_facilities(struct store *st, const char *path)
{
	size_t len;
	char *data = cli_read_file("import", path, IMPORT_FILE_MAX, true, &len);
	if (data == NULL)
		return 1;
	struct facility_csv_summary sum;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = app_imports_facilities(st, NULL, data, len, path, &sum, &e);
	free(data);
	print_errors(path, sum.errors, sum.nerrors, sum.error_count);
	if (r != ZT_OK) {
		fprintf(stderr, "zaitaku import: %s\n", e.message);
		facility_csv_summary_free(&sum);
		return 1;
	}
	printf("%s: %ld 行, 新規 %ld, 更新 %ld\n", path, sum.rows, sum.inserted, sum.updated);
	facility_csv_summary_free(&sum);
	return 0;
}

int cmd_import(const struct cli_env *env, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "adjacency") == 0) /* issue 4: cli/cmd_adjacency.c */
		return cmd_import_adjacency(env, argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "boundaries") == 0) /* issue 12 §7: cli/cmd_boundaries.c */
		return cmd_import_boundaries(env, argc - 1, argv + 1);
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	const char *what = NULL, *file = NULL, *pref = NULL;
	bool dry_run = false;
	size_t budget = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0) {
			dry_run = true;
		} else if (strcmp(argv[i], "--max-memory") == 0) {
			char *end = NULL;
			long mib = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
			if (end == NULL || *end || mib < 1 || mib > 65536) {
				fprintf(stderr, "zaitaku import: --max-memory needs MiB (1–65536)\n");
				return 2;
			}
			budget = (size_t)mib << 20;
			i++;
		} else if (strcmp(argv[i], "--prefecture") == 0) {
			if (i + 1 >= argc || strlen(argv[i + 1]) != 2 || strspn(argv[i + 1], "0123456789") != 2) {
				fprintf(stderr, "zaitaku import: --prefecture needs a 2-digit code (01–47)\n");
				return 2;
			}
			pref = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "zaitaku import: unknown option %s (see --help)\n", argv[i]);
			return 2;
		} else if (what == NULL)
			what = argv[i];
		else if (file == NULL)
			file = argv[i];
		else {
			fprintf(stderr, "zaitaku import: unexpected argument %s (see --help)\n", argv[i]);
			return 2;
		}
	}
	if (what == NULL || (strcmp(what, "facility-standards") != 0 && strcmp(what, "facilities") != 0 &&
			     strcmp(what, "code-list") != 0)) {
		fprintf(stderr, "zaitaku import: say what to import: facility-standards, code-list or facilities (see --help)\n");
		return 2;
	}
	if (file == NULL) {
		fprintf(stderr, "zaitaku import %s: FILE is missing (see --help)\n", what);
		return 2;
	}
	if (dry_run && strcmp(what, "facilities") == 0) {
		fprintf(stderr, "zaitaku import facilities: --dry-run is only for facility-standards\n");
		return 2;
	}
	struct store *st = cli_open_store(env);
	if (st == NULL)
		return 1;
	int rc = strcmp(what, "facilities") == 0
			 ? import_facilities(st, file)
			 : import_standards(st, file, dry_run, budget, strcmp(what, "code-list") == 0, pref);
	store_close(st);
	return rc;
}
