/* zaitaku region import|export and zaitaku geocode import|abrg|offices — region set-up and positions
 * from the command line (issue 12 §1–§2), through the same use cases as the pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_positions.h"
#include "app/app_region.h"
#include "cli/cli.h"
#include "domain/text.h"
#include "io/region_file.h"
#include "store/store.h"
#include "store/store_region.h"

static void region_help(void)
{
	printf("usage: zaitaku region import KIND --prefecture NN FILE\n"
	       "       zaitaku region export KIND --prefecture NN [--cp932|--xlsx] [FILE]\n\n"
	       "KIND: medical-areas (二次医療圏), care-areas (圏域), associations (郡市医師会),\n"
	       "      population (人口), adjacency (隣接市町村), offices (役所・役場 and its position:\n"
	       "      replaces the shipped position, e.g. from 国土数値情報 P34 市区町村役場).\n"
	       "import replaces the prefecture's whole table with FILE (CSV in UTF-8 or CP932, or XLSX; the\n"
	       "first row is the Japanese header an export writes). All or nothing: a bad line is reported\n"
	       "with its line and column and nothing is stored. export writes UTF-8 CSV with BOM (default),\n"
	       "CP932 CSV or XLSX to FILE or standard output.\n");
}

static void geocode_help(void)
{
	printf("usage: zaitaku geocode import FILE\n"
	       "       zaitaku geocode abrg [--command PATH]\n"
	       "       zaitaku geocode offices\n\n"
	       "import: a CSV of positions from any geocoder, with the columns 医療機関コード (or 機関ID),\n"
	       "  緯度, 経度 and optionally 精度 (建物/街区/町字/市町村) and 出典. Positions outside Japan or more\n"
	       "  than 30 km from the institution's municipality office are refused with the reason.\n"
	       "abrg: runs the Digital Agency's geocoder (npm @digital-go-jp/abr-geocoder; PATH default\n"
	       "  $ZAITAKU_GEOCODER, else abrg) over every institution whose position is not confirmed.\n"
	       "offices: places every institution without coordinates at its municipality office\n"
	       "  (precision 市町村, listed as 位置が未確定の機関).\n");
}

int cmd_region(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv) || argc < 3) {
		region_help();
		return argc < 3 && !cli_wants_help(argc, argv) ? 2 : 0;
	}
	bool import = strcmp(argv[1], "import") == 0;
	if (!import && strcmp(argv[1], "export") != 0) {
		fprintf(stderr, "zaitaku region: unknown action %s (see --help)\n", argv[1]);
		return 2;
	}
	int k = region_kind_parse(argv[2]);
	const char *pref = NULL, *file = NULL;
	bool cp932 = false, xlsx = false;
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--prefecture") == 0 && i + 1 < argc)
			pref = argv[++i];
		else if (strcmp(argv[i], "--cp932") == 0)
			cp932 = true;
		else if (strcmp(argv[i], "--xlsx") == 0)
			xlsx = true;
		else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else {
			fprintf(stderr, "zaitaku region: unknown argument %s (see --help)\n", argv[i]);
			return 2;
		}
	}
	if (k < 0 || pref == NULL || !text_is_digits(pref, 2) || pref[2] || (import && file == NULL) || (xlsx && file == NULL)) {
		fprintf(stderr, "zaitaku region: KIND, --prefecture NN%s are required (see --help)\n", import || xlsx ? " and FILE" : "");
		return 2;
	}
	struct store *st = cli_open_store(env);
	if (st == NULL)
		return 1;
	struct zt_error e;
	zt_error_clear(&e);
	int rc = 0;
	if (import) {
		size_t len = 0;
		char *data = cli_read_file("region import", file, 0, false, &len);
		struct region_row *rows = NULL;
		size_t n = 0;
		long created = 0;
		enum zt_err r = data ? region_file_read((enum region_kind)k, data, len, &rows, &n, &e) : ZT_ERR_IO;
		if (r == ZT_OK)
			r = app_region_put(st, NULL, (enum region_kind)k, pref, rows, n, true, &created, &e);
		if (r == ZT_OK)
			printf("%s: %s %zu 行を登録しました（郡市医師会の新規登録 %ld）。\n", file, region_kinds[k].ja, n, created);
		else if (data)
			fprintf(stderr, "zaitaku region import: %s: %s\n", file, e.message);
		rc = r == ZT_OK ? 0 : 1;
		free(rows);
		free(data);
	} else {
		json_t *view = store_region_view(st, (enum region_kind)k, pref);
		if (view == NULL) {
			fprintf(stderr, "zaitaku region export: cannot read the table\n");
			rc = 1;
		} else if (xlsx) {
			if (region_xlsx_write((enum region_kind)k, view, file, &e) != ZT_OK) {
				fprintf(stderr, "zaitaku region export: %s\n", e.message);
				rc = 1;
			}
		} else {
			char *buf = NULL;
			size_t len = 0;
			region_csv_write((enum region_kind)k, view, cp932, &buf, &len);
			FILE *fp = file ? fopen(file, "wb") : stdout;
			if (fp == NULL || fwrite(buf, 1, len, fp) != len) {
				fprintf(stderr, "zaitaku region export: cannot write %s\n", file ? file : "stdout");
				rc = 1;
			}
			if (fp && fp != stdout)
				fclose(fp);
			free(buf);
		}
		json_decref(view);
	}
	store_close(st);
	return rc;
}

int cmd_geocode(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv) || argc < 2) {
		geocode_help();
		return argc < 2 && !cli_wants_help(argc, argv) ? 2 : 0;
	}
	const char *action = argv[1];
	const char *command = getenv("ZAITAKU_GEOCODER");
	if (command == NULL || command[0] == '\0')
		command = "abrg";
	if (strcmp(action, "import") == 0 && argc != 3) {
		fprintf(stderr, "zaitaku geocode import: FILE is missing (see --help)\n");
		return 2;
	}
	if (strcmp(action, "abrg") == 0) {
		if (argc == 4 && strcmp(argv[2], "--command") == 0)
			command = argv[3];
		else if (argc != 2) {
			fprintf(stderr, "zaitaku geocode abrg: unknown argument (see --help)\n");
			return 2;
		}
	} else if (strcmp(action, "import") != 0 && strcmp(action, "offices") != 0) {
		fprintf(stderr, "zaitaku geocode: unknown action %s (see --help)\n", action);
		return 2;
	}
	struct store *st = cli_open_store(env);
	if (st == NULL)
		return 1;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *summary = NULL;
	enum zt_err r;
	if (strcmp(action, "offices") == 0) {
		long placed = 0;
		r = app_positions_place_at_offices(st, NULL, &placed, &e);
		if (r == ZT_OK)
			summary = json_pack("{s:I}", "placed_at_office", (json_int_t)placed);
	} else if (strcmp(action, "abrg") == 0) {
		r = app_positions_geocode(st, NULL, NULL, command, &summary, &e);
	} else {
		size_t len = 0;
		char *data = cli_read_file("geocode import", argv[2], 0, false, &len);
		r = data ? app_positions_import(st, NULL, NULL, data, len, &summary, &e) : ZT_ERR_IO;
		free(data);
		if (data == NULL) {
			store_close(st);
			return 1;
		}
	}
	store_close(st);
	if (r != ZT_OK) {
		fprintf(stderr, "zaitaku geocode %s: %s\n", action, e.message);
		return 1;
	}
	char *txt = json_dumps(summary, JSON_INDENT(1));
	printf("%s\n", txt ? txt : "{}");
	free(txt);
	json_decref(summary);
	return 0;
}
