/* zaitaku import boundaries FILE — municipality outlines for the map from 国土数値情報「行政区域」
 * (N03) GeoJSON (issue 12 §7). Exit codes: 0 imported, 1 bad file (nothing stored), 2 usage. */
#include "cli/cmd_boundaries.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_boundaries.h"
#include "store/store.h"

#define BOUNDARY_FILE_MAX (1024L * 1024 * 1024)

static void help(void)
{
	printf("usage: zaitaku import boundaries FILE\n\n"
	       "国土数値情報「行政区域」(N03) の GeoJSON（都道府県単位または全国、UTF-8）から、市町村の\n"
	       "境界を取り込み、地図に表示します（約20 m の精度に単純化して保存）。N03_007（行政区域\n"
	       "コード5桁）で市町村に対応付けます。所属未定地（コードなし）は読み飛ばします。\n"
	       "誤りのある地物が一つでもあれば、その番号と理由を示し何も登録しません。\n"
	       "同じ市町村を再び取り込むと置き換えます。\n\n"
	       "Exit status: 0 imported, 1 bad file (nothing stored), 2 usage error.\n");
}

int cmd_import_boundaries(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "zaitaku import boundaries: FILE is missing (see --help)\n");
		return 2;
	}
	size_t len = 0;
	char *data = cli_read_file("import boundaries", argv[1], BOUNDARY_FILE_MAX, false, &len);
	if (data == NULL)
		return 1;
	struct store *st = cli_open_store(env);
	if (st == NULL) {
		free(data);
		return 1;
	}
	struct zt_error e;
	zt_error_clear(&e);
	struct boundary_summary sum;
	enum zt_err r = app_boundaries_import(st, NULL, data, len, argv[1], &sum, &e);
	store_close(st);
	free(data);
	if (r != ZT_OK) {
		if (e.line > 0)
			fprintf(stderr, "zaitaku import boundaries: %s: 地物 %ld: %s\n", argv[1], e.line, e.message);
		else
			fprintf(stderr, "zaitaku import boundaries: %s: %s\n", argv[1], e.message);
		return 1;
	}
	printf("%s: 地物 %ld（所属未定地 %ld を除く）, 市町村 %ld, 頂点 %ld を登録しました。\n", argv[1], sum.features,
	       sum.skipped, sum.municipalities, sum.points);
	return 0;
}
