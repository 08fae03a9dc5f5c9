/* zaitaku — the command-line entry point: global options, then one subcommand (issue 2 §3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	{"audit", cmd_audit, "verify the audit trail and its signed checkpoints; export rows or checkpoints"},
	{"backup", cmd_backup, "consistent online copy of the database"},
	{"region", cmd_region, "region set-up: import/export 二次医療圏, 圏域, 郡市医師会, 人口, 隣接市町村"},
	{"geocode", cmd_geocode, "positions of institutions: import a geocoder CSV, run abrg, place at offices"},
	{"restore", cmd_restore, "check a backup in a copy, then swap it in (the old database is kept)"},
	{"copy", cmd_copy, "copy a whole database to another backend (SQLite → PostgreSQL and back), verified"},
	/* two-word commands: "rota check" runs with argv[0] = "check" */
	{"rota check", cmd_rota_check, "check a rota against its instance (JSON file): violations, certificate"},
	{"call-chain", cmd_call_chain, "whom to call for a patient at a moment, in order, and why"},
	{"holidays", cmd_holidays, "Japanese public holidays of a range of years, computed by rule"},
	{"subsidy-caps", cmd_subsidy_caps, "the subsidies' caps per fiscal year: list, copy to a new 年度, set"},
	{"rota solve", cmd_rota_solve, "solve a group's on-call rota for a period into the duty table, with its certificate"},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: zaitaku [--db PATH] COMMAND [ARGS]\n\n"
		     "zaitaku — the home medical care (在宅医療) network of a region.\n\n"
		     "Global options:\n"
		     "  --db PATH   database file (default: $ZAITAKU_DB, else var/zaitaku.db)\n"
		     "  --audit-key PATH   signing key of audit checkpoints (default: $ZAITAKU_AUDIT_KEY,\n"
		     "                     else DB.audit-key; created by init, mode 0600)\n"
		     "  --secret-key PATH  key sealing TOTP secrets (default: $ZAITAKU_SECRET_KEY, else\n"
		     "                     DB.secret-key; created by init, mode 0600)\n"
		     "  -h, --help  this help; `zaitaku COMMAND --help` for a command\n\n"
		     "Commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
}

int main(int argc, char **argv)
{
	/* Private files (issue 11 §3): the database, its WAL and SHM, backups, exports and key files
	 * are created readable by the owner only. */
	umask(077);
	struct cli_env env = {.db_path = getenv("ZAITAKU_DB"), .audit_key = getenv("ZAITAKU_AUDIT_KEY"),
			      .secret_key = getenv("ZAITAKU_SECRET_KEY"), .argv0 = argv[0]};
	if (env.db_path == NULL || env.db_path[0] == '\0')
		env.db_path = "var/zaitaku.db";
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			env.db_path = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			env.db_path = argv[i] + 5;
		} else if (strcmp(argv[i], "--audit-key") == 0 && i + 1 < argc) {
			env.audit_key = argv[++i];
		} else if (strcmp(argv[i], "--secret-key") == 0 && i + 1 < argc) {
			env.secret_key = argv[++i];
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
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
		const char *name = commands[c].name, *sp = strchr(name, ' ');
		if (sp == NULL && strcmp(argv[i], name) == 0)
			return commands[c].run(&env, argc - i, argv + i);
		if (sp && strncmp(argv[i], name, (size_t)(sp - name)) == 0 && argv[i][sp - name] == '\0' &&
		    i + 1 < argc && strcmp(argv[i + 1], sp + 1) == 0)
			return commands[c].run(&env, argc - i - 1, argv + i + 1);
	}
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) { /* "rota" alone: its subcommands */
		const char *name = commands[c].name, *sp = strchr(name, ' ');
		if (sp && strncmp(argv[i], name, (size_t)(sp - name)) == 0 && argv[i][sp - name] == '\0') {
			fprintf(stderr, "usage: zaitaku %s SUBCOMMAND\n", argv[i]);
			for (size_t c2 = 0; c2 < sizeof commands / sizeof commands[0]; c2++)
				if (strncmp(commands[c2].name, name, (size_t)(sp - name) + 1) == 0)
					fprintf(stderr, "  %-12s %s\n", commands[c2].name, commands[c2].summary);
			return 2;
		}
	}
	fprintf(stderr, "zaitaku: unknown command '%s'\n\n", argv[i]);
	usage(stderr);
	return 2;
}
