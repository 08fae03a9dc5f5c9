/* zaitaku — the command-line entry point: global options, then one subcommand (issue 2 §3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_groups.h"

static const struct command {
	const char *name;
	int (*run)(const struct cli_env *env, int argc, char **argv);
	const char *summary;
} commands[] = {
	{"init", cmd_init, "create the database (schema and reference geography)"},
	{"demo", cmd_demo, "load the demo region (茨城県 鹿行二次医療圏)"},
	{"import", cmd_import, "import facility-standards (地方厚生局) or facilities (our CSV)"},
	{"export", cmd_export, "export facilities as CSV or JSON"},
	{"serve", cmd_serve, "serve the JSON API and the web UI"},
	{"groups", cmd_groups, "groups: refresh (re-validate as of today, certificates follow)"},
	{"user", cmd_user, "accounts: add, passwd, disable, list, totp, token"},
	{"audit", cmd_audit, "verify or export the hash-chained audit trail"},
	{"backup", cmd_backup, "consistent online copy of the database"},
	{"restore", cmd_restore, "replace the database by a checked backup"},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: zaitaku [--db PATH] COMMAND [ARGS]\n\n"
		     "zaitaku — the home medical care (在宅医療) network of a region.\n\n"
		     "Global options:\n"
		     "  --db PATH   database file (default: $ZAITAKU_DB, else var/zaitaku.db)\n"
		     "  -h, --help  this help; `zaitaku COMMAND --help` for a command\n\n"
		     "Commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
}

int main(int argc, char **argv)
{
	struct cli_env env = {.db_path = getenv("ZAITAKU_DB"), .argv0 = argv[0]};
	if (env.db_path == NULL || env.db_path[0] == '\0')
		env.db_path = "var/zaitaku.db";
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			env.db_path = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			env.db_path = argv[i] + 5;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "zaitaku: unknown option %s\n\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (strcmp(argv[i], commands[c].name) == 0)
			return commands[c].run(&env, argc - i, argv + i);
	fprintf(stderr, "zaitaku: unknown command '%s'\n\n", argv[i]);
	usage(stderr);
	return 2;
}
