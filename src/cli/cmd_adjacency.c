/* zaitaku import adjacency FILE — neighbouring municipalities for the designation rule ③
 * (seed 001, issue 4 §4). */
#include "cli/cmd_adjacency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_imports.h"
#include "store/store.h"

static void help(void)
{
	printf("usage: zaitaku import adjacency FILE\n\n"
	       "Loads neighbouring municipalities (隣接市町村) used by the designation rule ③\n"
	       "(近隣市町村 in the same 二次医療圏). FILE is UTF-8 CSV, one pair per line: a,b\n"
	       "(6-digit municipality codes; an optional header line \"a,b\"). Pairs are stored both\n"
	       "ways. All or nothing: the first bad line is reported with its number and nothing is stored.\n");
}

int cmd_import_adjacency(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "zaitaku import adjacency: FILE is missing (see --help)\n");
		return 2;
	}
	size_t len = 0;
	char *data = cli_read_file("import adjacency", argv[1], 0, false, &len);
	if (data == NULL)
		return 1;
	struct store *st = cli_open_store(env);
	if (st == NULL) {
		free(data);
		return 1;
	}
	struct zt_error e;
	zt_error_clear(&e);
	long pairs = 0;
	enum zt_err r = app_imports_adjacency(st, data, len, &pairs, &e);
	store_close(st);
	free(data);
	if (r != ZT_OK) {
		fprintf(stderr, "zaitaku import adjacency: %s: %s\n", argv[1], e.message);
		return 1;
	}
	printf("%s: 隣接 %ld 組を登録しました。\n", argv[1], pairs);
	return 0;
}
