/* zaitaku init — create the database: schema migrations and the municipality reference list (issue 2 §3). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "app/app_imports.h"
#include "app/app_region.h"
#include "store/store.h"
#include "store/store_keys.h"

static void help(void)
{
	printf("usage: zaitaku [--db PATH] init [--if-absent]\n\n"
	       "Creates the database (or upgrades its schema) and loads every prefecture and municipality\n"
	       "of Japan (全国地方公共団体コード). Creates the first administrator (username admin) when there is\n"
	       "none: password from $ZAITAKU_ADMIN_PASSWORD, else generated; both it and the TOTP secret are\n"
	       "printed once.\n\n"
	       "Creates the key files beside the database when they are missing (mode 0600; --audit-key,\n"
	       "--secret-key name other places): DB.audit-key signs checkpoints of the audit trail,\n"
	       "DB.secret-key seals TOTP secrets. Keep copies of them apart from the database backups.\n"
	       "A key file is never replaced: once the database records a key, a lost key file must be\n"
	       "restored from its copy.\n\n"
	       "  --if-absent   do nothing when the database file and its key files already exist\n");
}

int cmd_init(const struct cli_env *env, int argc, char **argv)
{
	bool if_absent = false;
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	if (cli_flag_only(argc, argv, "init", "--if-absent", &if_absent) != 0)
		return 2;
	struct store_options o;
	cli_store_options(env, &o);
	char ak[4096], sk[4096];
	if (!store_key_path(env->db_path, &o, STORE_KEY_AUDIT, ak, sizeof ak) ||
	    !store_key_path(env->db_path, &o, STORE_KEY_SECRET, sk, sizeof sk)) {
		fprintf(stderr, "zaitaku init: key file path too long\n");
		return 2;
	}
	if (if_absent && access(env->db_path, F_OK) == 0 && access(ak, F_OK) == 0 && access(sk, F_OK) == 0)
		return 0;
	struct store *st = cli_open_store_keys(env, true, false);
	if (st == NULL)
		return 1;
	struct zt_error e;
	zt_error_clear(&e);
	int rc = 0;
	if (app_imports_municipalities(st, &e) != ZT_OK || app_region_load_offices(st, &e) != ZT_OK) {
		fprintf(stderr, "zaitaku init: %s\n", e.message);
		rc = 1;
	} else {
		printf("zaitaku: database %s ready (schema %d, %lld municipalities)\n", env->db_path,
		       store_schema_version(st), (long long)store_municipality_count(st));
		printf("zaitaku: key files %s and %s (mode 0600): keep copies apart from the database backups\n", ak, sk);
		rc = cli_first_admin(st);
	}
	store_close(st);
	return rc;
}
