/*
 * zaitaku demo — load the deterministic demo region (茨城県 鹿行二次医療圏, issue 2 §8) into an
 * empty database. The demo is a list of steps run in order; each feature adds its own step (one
 * line in steps[]), e.g. accounts, groups, designation. The first step loads the region in one
 * transaction.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "demo/demo.h"
#include "demo/demo_designation.h"
#include "demo/demo_accounts.h"
#include "demo/demo_groups.h"
#include "demo/demo_network.h"
#include "demo/demo_rota.h"
#include "demo/demo_publish.h"
#include "demo/demo_referrals.h"
#include "demo/demo_subsidies.h"
#include "store/store.h"

static void help(void)
{
	printf("usage: zaitaku [--db PATH] demo [--if-empty]\n\n"
	       "Loads the demo region 茨城県 鹿行二次医療圏 (鹿嶋市・潮来市・神栖市・行方市・鉾田市): coordinates,\n"
	       "二次医療圏 and 圏域, adjacency, the district medical association, fictional institutions (names\n"
	       "marked （架空）) and their doctors and nurses. Deterministic: the same content on every run.\n"
	       "Run `zaitaku init` first. Fails when institutions already exist.\n\n"
	       "  --if-empty   do nothing when institutions already exist\n");
}

/* The demo region itself. */
static enum zt_err step_region(struct store *st, struct zt_error *e)
{
	enum zt_err rc = demo_load(st, e);
	if (rc == ZT_OK)
		printf("  region: %d municipalities, %d institutions, %d practitioners\n", demo_municipality_count(),
		       demo_institution_count(), demo_practitioner_count());
	return rc;
}

/* Steps in order. Each prints its own one-line summary; a failing step stops the demo. */
static const struct demo_step {
	const char *name;
	enum zt_err (*fn)(struct store *st, struct zt_error *e);
} steps[] = {
	{"region", step_region},
	{"designation", demo_designation},
	{"accounts", demo_accounts},
	{"facts", demo_designation_facts},
	{"groups", demo_groups},
	{"network", demo_network},
	{"rota", demo_rota},
	{"publish", demo_publish},
	{"referrals", demo_referrals},
	{"subsidies", demo_subsidies},
	/* Further demo steps (accounts, groups, designation …) go here, one line each. */
};

int cmd_demo(const struct cli_env *env, int argc, char **argv)
{
	bool if_empty = false;
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	if (cli_flag_only(argc, argv, "demo", "--if-empty", &if_empty) != 0)
		return 2;
	struct store *st = cli_open_store(env);
	if (st == NULL)
		return 1;
	int rc = 0;
	if (if_empty && store_facility_count(st) > 0) {
		printf("zaitaku demo: %s already has institutions; nothing loaded\n", env->db_path);
		demo_accounts_print(st);
		store_close(st);
		return 0;
	}
	printf("zaitaku demo: loading 茨城県 鹿行二次医療圏 into %s\n", env->db_path);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		struct zt_error e;
		zt_error_clear(&e);
		if (steps[i].fn(st, &e) != ZT_OK) {
			fprintf(stderr, "zaitaku demo: %s: %s%s%s\n", steps[i].name, e.message, e.field[0] ? " field=" : "",
				e.field);
			rc = 1;
			break;
		}
	}
	store_close(st);
	return rc;
}
