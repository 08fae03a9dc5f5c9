/* zaitaku restore — replace the database by a backup that passed every check in a copy beside it
 * (issue 3 §5, issue 11 §1; store_backup.h). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store_backup.h"
#include "store/store_keys.h"

static void help(void)
{
	printf("usage: zaitaku [--db PATH] restore FILE\n\n"
	       "Replaces the --db database by the backup FILE without ever destroying it:\n"
	       "  1. FILE is copied (SQLite backup API) into a temporary file beside the database;\n"
	       "  2. the copy must be a zaitaku database (application_id, schema version), pass\n"
	       "     PRAGMA integrity_check, open with this database's key files, and pass `audit verify`\n"
	       "     (hash chain and signed checkpoints);\n"
	       "  3. only then is it renamed over the database (atomic). The previous database is kept as\n"
	       "     DB.YYYYMMDDTHHMMSSZ.bak (mode 0600).\n"
	       "Any failed check refuses with its name and leaves the database untouched. Stop the server\n"
	       "first: restore refuses while another process has the database open.\n");
}

int cmd_restore(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "zaitaku restore: exactly one FILE is required (see --help)\n");
		return 2;
	}
	const char *file = argv[1];
	struct store_options o;
	cli_store_options(env, &o);
	struct zt_error e;
	zt_error_clear(&e);
	struct restore_result res;
	double t0 = cli_now_s();
	if (store_restore_file(env->db_path, file, &o, &res, &e) != ZT_OK) {
		fprintf(stderr,
			"zaitaku restore: 復元を中止しました（検査 %s に不合格）。%s は変更していません。\n"
			"  %s\n"
			"zaitaku restore: refused (check %s failed); %s is unchanged.\n",
			e.field[0] ? e.field : "?", env->db_path, e.message, e.field[0] ? e.field : "?", env->db_path);
		return 1;
	}
	printf("restore: %s → %s in %.3f s: application_id and schema ok, integrity_check ok, audit chain ok "
	       "(%lld rows, %lld signed checkpoints match, key from %s)\n",
	       file, env->db_path, cli_now_s() - t0, (long long)res.audit_rows, (long long)res.checkpoints,
	       res.key_source ? res.key_source : "?");
	if (res.kept[0])
		printf("restore: the previous database is kept as %s\n", res.kept);
	return 0;
}
