/* zaitaku rota solve GROUP --from DATE --to DATE [--time-limit S] [--seed N] — solves a group's on-call
 * rota for a period into the duty table with its certificate (issue 15 §6; the same use case as the
 * API's solve job, run here in the foreground with progress on a terminal, as the system).
 * Registered in main.c as the two-word command "rota solve" (argv[0] = "solve"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_rota.h"
#include "cli/cli.h"
#include "core/actor.h"
#include "store/store.h"
#include "store/store_groups.h"

static void help(void)
{
	printf("usage: zaitaku [--db PATH] rota solve GROUP --from DATE --to DATE [--time-limit S] [--seed N]\n\n"
	       "Computes the fair on-call rota (輪番制オンコール) of GROUP (its id or exact name) for the\n"
	       "period (at most 366 days) from its doctors, the duty calendar, unavailable dates (absences\n"
	       "included), wishes and pinned duties (rows of the duty table not written by the solver), and\n"
	       "writes it into the duty table (source 'solver') with its fairness certificate — or, when no\n"
	       "rota meets every hard rule, prints why (the conflicting doctors, dates and rules).\n"
	       "  --time-limit S   seconds of search (default 10, at most 600)\n"
	       "  --seed N         the same instance and seed give the same rota (default 1)\n"
	       "Exit status: 0 solved, 3 infeasible or nothing found in time, 1 error, 2 usage.\n");
}

struct tty {
	bool on;
	double limit_ms;
};

static void progress(void *ctx, double elapsed_ms, const char *best)
{
	struct tty *t = ctx;
	if (!t->on)
		return;
	json_t *j = json_loads(best, 0, NULL);
	fprintf(stderr, "\r  %5.1f s / %.0f s  スプレッド計 %.3f  希望違反 %lld  集中 %lld   ", elapsed_ms / 1000.0,
		t->limit_ms / 1000.0, json_number_value(json_object_get(j, "spread_sum")),
		(long long)json_integer_value(json_object_get(j, "wishes")),
		(long long)json_integer_value(json_object_get(j, "clustering")));
	json_decref(j);
}

static int64_t group_id_of(struct store *st, const char *arg)
{
	char *end = NULL;
	long long id = strtoll(arg, &end, 10);
	if (end && *end == '\0' && id > 0)
		return id;
	struct group_row *rows = NULL;
	size_t n = 0;
	int64_t found = 0;
	if (store_groups_list(st, &rows, &n, NULL) == ZT_OK)
		for (size_t i = 0; i < n; i++)
			if (strcmp(rows[i].name, arg) == 0)
				found = rows[i].id;
	free(rows);
	return found;
}

static void print_result(const json_t *res)
{
	const char *status = json_string_value(json_object_get(res, "status"));
	if (strcmp(status, "feasible") == 0) {
		json_t *c = json_object_get(res, "certificate");
		printf("当番表を作成しました（当番 %lld 件を書き込み、確定済み %lld 件はそのまま）。\n",
		       (long long)json_integer_value(json_object_get(res, "duties")),
		       (long long)json_integer_value(json_object_get(res, "pins")));
		size_t i;
		json_t *t;
		json_array_foreach(json_object_get(c, "types"), i, t) {
			json_t *next = json_object_get(t, "next");
			printf("  %s: %lld 回  スプレッド %.3f（下限 %.3f）%s  次に担当すべき医師: %s\n",
			       json_string_value(json_object_get(t, "ja")), (long long)json_integer_value(json_object_get(t, "seats")),
			       json_number_value(json_object_get(t, "spread")), json_number_value(json_object_get(t, "bound")),
			       json_is_true(json_object_get(t, "optimal")) ? "スプレッド最適" : "",
			       json_is_object(next) ? json_string_value(json_object_get(next, "name")) : "—");
		}
		return;
	}
	printf(strcmp(status, "infeasible") == 0 ? "規則をすべて満たす当番表はありません:\n"
						 : "制限時間内に規則をすべて満たす当番表は見つかりませんでした。\n");
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(res, "conflicts"), i, c)
		printf("  - %s\n", json_string_value(json_object_get(c, "message")));
}

static int solve(const struct cli_env *env, int argc, char **argv)
{
	const char *group = NULL, *from = NULL, *to = NULL;
	double limit = APP_ROTA_DEFAULT_TIME_LIMIT;
	unsigned long long seed = 1;
	for (int i = 1; i < argc; i++) {
		char *end = NULL;
		if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
			from = argv[++i];
		else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			to = argv[++i];
		else if (strcmp(argv[i], "--time-limit") == 0 && i + 1 < argc) {
			limit = strtod(argv[++i], &end);
			if (*end || !(limit > 0 && limit <= APP_ROTA_MAX_TIME_LIMIT)) {
				fprintf(stderr, "zaitaku rota solve: --time-limit must be a number of seconds in (0, 600]\n");
				return 2;
			}
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			seed = strtoull(argv[++i], &end, 10);
			if (*end) {
				fprintf(stderr, "zaitaku rota solve: --seed must be a non-negative integer\n");
				return 2;
			}
		} else if (!group && argv[i][0] != '-')
			group = argv[i];
		else {
			fprintf(stderr, "zaitaku rota solve: unexpected argument %s (see --help)\n", argv[i]);
			return 2;
		}
	}
	if (!group || !from || !to) {
		fprintf(stderr, "zaitaku rota solve: GROUP, --from and --to are required (see --help)\n");
		return 2;
	}
	struct store *st = cli_open_store(env);
	if (st == NULL)
		return 1;
	int64_t gid = group_id_of(st, group);
	if (gid == 0) {
		fprintf(stderr, "zaitaku rota solve: no group %s\n", group);
		store_close(st);
		return 1;
	}
	struct tty t = {isatty(STDERR_FILENO) != 0, limit * 1000.0};
	struct app_rota_hooks hooks = {progress, NULL, &t};
	struct zt_actor who = zt_actor_system();
	struct zt_error e;
	zt_error_clear(&e);
	json_t *res = NULL;
	enum zt_err r = app_rota_solve(st, NULL, &who, gid, from, to, limit, seed, 0, &hooks, &res, &e);
	store_close(st);
	if (t.on)
		fprintf(stderr, "\n");
	if (r != ZT_OK) {
		fprintf(stderr, "zaitaku rota solve: %s%s%s\n", e.field[0] ? e.field : "", e.field[0] ? ": " : "", e.message);
		return 1;
	}
	print_result(res);
	int rc = strcmp(json_string_value(json_object_get(res, "status")), "feasible") == 0 ? 0 : 3;
	json_decref(res);
	return rc;
}

int cmd_rota_solve(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	return solve(env, argc, argv);
}
