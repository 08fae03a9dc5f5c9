/* zaitaku groups refresh — re-validate every group as of today (JST) and bring certificates in line
 * (seed 000; the same use case the server runs at start and at every JST midnight). */
#include "cli/cmd_groups.h"

#include <stdio.h>
#include <string.h>

#include "app/app_groups.h"
#include "core/clock.h"
#include "store/store.h"

static void help(void)
{
	printf("usage: zaitaku [--db PATH] groups refresh\n\n"
	       "Re-validates every group not yet checked today (Asia/Tokyo) against seed 000 and brings\n"
	       "its certificates (機関証) in line: an agreement (協定) that has expired revokes them, a group\n"
	       "that meets the requirements again gets new ones. Each change is audited (actor: system).\n"
	       "`zaitaku serve` runs the same at start and at every midnight JST; run this from cron when\n"
	       "the server is not running. Prints how many groups were re-validated.\n");
}

int cmd_groups(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	if (argc != 2 || strcmp(argv[1], "refresh") != 0) {
		fprintf(stderr, "zaitaku groups: expected `refresh` (see --help)\n");
		return 2;
	}
	struct store *st = cli_open_store(env);
	if (st == NULL)
		return 1;
	char today[11];
	zt_today_jst(today);
	struct zt_error e;
	zt_error_clear(&e);
	int n = 0;
	enum zt_err r = app_groups_refresh(st, today, &n, &e);
	store_close(st);
	if (r != ZT_OK) {
		fprintf(stderr, "zaitaku groups refresh: %s\n", e.message);
		return 1;
	}
	printf("%d group(s) re-validated for %s\n", n, today);
	return 0;
}
