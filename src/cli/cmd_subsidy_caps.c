/* zaitaku subsidy-caps — the subsidies' caps per fiscal year (補助上限額, issue 19 §3): they are rows,
 * one set per 年度, so each April the administrator registers the new year's (copied from the year
 * before, then changed where the prefecture's 要綱 or budget changed). Runs as the system; every
 * change is one transaction with its audit rows. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_subsidies.h"
#include "cli/cli.h"
#include "core/actor.h"
#include "core/clock.h"
#include "domain/subsidy.h"
#include "store/store.h"

#define MAX_CATEGORY_ARGS SUBSIDY_MAX_CATEGORIES

static void help(void)
{
	printf("usage: zaitaku [--db PATH] subsidy-caps list [--fiscal-year N]\n"
	       "       zaitaku [--db PATH] subsidy-caps copy --from N --to N --source TEXT\n"
	       "       zaitaku [--db PATH] subsidy-caps set --fiscal-year N --programme CODE [--total YEN]\n"
	       "                                [--category CODE=YEN|none]... --source TEXT\n\n"
	       "The caps (補助上限額) of the subsidised programmes, one set per fiscal year (年度, April–March):\n"
	       "  list   the programmes of a year (default: this 年度) with their total and category caps\n"
	       "  copy   registers a new year's caps as a copy of another year's (refused when the year has caps)\n"
	       "  set    changes a programme's total (--total) and category caps (--category CODE=YEN; none: only\n"
	       "         the total binds) of a year\n"
	       "--source names where the figures come from (the 要綱 or budget), stored with them and audited.\n"
	       "Amounts are whole yen (e.g. 6030000). Each command is one transaction: nothing is stored on error.\n");
}

static int year_value(const char *opt, const char *s, int *out)
{
	char *end = NULL;
	errno = 0;
	long v = s ? strtol(s, &end, 10) : 0;
	if (s == NULL || *s == '\0' || *end != '\0' || errno || v < 2000 || v > 2100) {
		fprintf(stderr, "zaitaku subsidy-caps: %s には2000〜2100の年度を指定してください（%s）\n", opt, s ? s : "なし");
		return 0;
	}
	*out = (int)v;
	return 1;
}

static int yen_value(const char *opt, const char *s, int64_t *out)
{
	char *end = NULL;
	errno = 0;
	long long v = s ? strtoll(s, &end, 10) : -1;
	if (s == NULL || *s == '\0' || *end != '\0' || errno || v < 0) {
		fprintf(stderr, "zaitaku subsidy-caps: %s には0以上の円単位の金額を指定してください（%s）\n", opt, s ? s : "なし");
		return 0;
	}
	*out = v;
	return 1;
}

static void print_year(struct store *st, int fy)
{
	struct subsidy_programme *ps = NULL;
	size_t n = 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_subsidy_programmes(st, fy, &ps, &n, &e) != ZT_OK) {
		fprintf(stderr, "zaitaku subsidy-caps: %s\n", e.message);
		return;
	}
	if (n == 0)
		printf("%d年度: 補助上限額は登録されていません（zaitaku subsidy-caps copy で登録できます）\n", fy);
	for (size_t i = 0; i < n; i++) {
		printf("%d\t%s\t%s\t%lld円%s%s\n", fy, ps[i].code, ps[i].name, (long long)ps[i].total_cap_yen,
		       ps[i].unit[0] ? "/" : "", ps[i].unit);
		for (int k = 0; k < ps[i].ncat; k++) {
			if (ps[i].cat[k].cap_yen == SUBSIDY_NO_CAP)
				printf("\t\t%s\t%s\t上限なし（総額のみ）\n", ps[i].cat[k].code, ps[i].cat[k].name);
			else
				printf("\t\t%s\t%s\t%lld円\n", ps[i].cat[k].code, ps[i].cat[k].name, (long long)ps[i].cat[k].cap_yen);
		}
	}
	free(ps);
}

int cmd_subsidy_caps(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv) || argc < 2) {
		help();
		return argc < 2 ? 2 : 0;
	}
	const char *sub = argv[1];
	if (strcmp(sub, "list") != 0 && strcmp(sub, "copy") != 0 && strcmp(sub, "set") != 0) {
		fprintf(stderr, "zaitaku subsidy-caps: unknown subcommand %s (list, copy, set; see --help)\n", sub);
		return 2;
	}
	int fy = zt_fiscal_year(), from = 0, to = 0;
	int64_t total = 0;
	const char *programme = NULL, *source = NULL;
	const char *cats[MAX_CATEGORY_ARGS];
	char catbuf[MAX_CATEGORY_ARGS][32];
	int64_t caps[MAX_CATEGORY_ARGS];
	int ncat = 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (v == NULL) {
			fprintf(stderr, "zaitaku subsidy-caps: %s needs a value\n", a);
			return 2;
		}
		i++;
		if (strcmp(a, "--fiscal-year") == 0) {
			if (!year_value(a, v, &fy))
				return 2;
		} else if (strcmp(a, "--from") == 0 && strcmp(sub, "copy") == 0) {
			if (!year_value(a, v, &from))
				return 2;
		} else if (strcmp(a, "--to") == 0 && strcmp(sub, "copy") == 0) {
			if (!year_value(a, v, &to))
				return 2;
		} else if (strcmp(a, "--source") == 0 && strcmp(sub, "list") != 0) {
			source = v;
		} else if (strcmp(a, "--programme") == 0 && strcmp(sub, "set") == 0) {
			programme = v;
		} else if (strcmp(a, "--total") == 0 && strcmp(sub, "set") == 0) {
			if (!yen_value(a, v, &total))
				return 2;
		} else if (strcmp(a, "--category") == 0 && strcmp(sub, "set") == 0) {
			const char *eq = strchr(v, '=');
			if (eq == NULL || eq == v || (size_t)(eq - v) >= sizeof catbuf[0] || ncat == MAX_CATEGORY_ARGS) {
				fprintf(stderr, "zaitaku subsidy-caps: --category は CODE=金額 か CODE=none で指定してください（%s）\n", v);
				return 2;
			}
			memcpy(catbuf[ncat], v, (size_t)(eq - v));
			catbuf[ncat][eq - v] = '\0';
			if (strcmp(eq + 1, "none") == 0)
				caps[ncat] = SUBSIDY_NO_CAP;
			else if (!yen_value("--category", eq + 1, &caps[ncat]))
				return 2;
			cats[ncat] = catbuf[ncat];
			ncat++;
		} else {
			fprintf(stderr, "zaitaku subsidy-caps %s: unknown option %s (see --help)\n", sub, a);
			return 2;
		}
	}
	if (strcmp(sub, "copy") == 0 && (from == 0 || to == 0)) {
		fprintf(stderr, "zaitaku subsidy-caps copy: --from と --to の年度を指定してください\n");
		return 2;
	}
	if (strcmp(sub, "set") == 0 && programme == NULL) {
		fprintf(stderr, "zaitaku subsidy-caps set: --programme（事業のコード、list で確認できます）を指定してください\n");
		return 2;
	}
	struct store *st = cli_open_store(env);
	if (st == NULL)
		return 1;
	struct zt_error e;
	zt_error_clear(&e);
	struct zt_actor who = zt_actor_system();
	enum zt_err r = ZT_OK;
	if (strcmp(sub, "copy") == 0) {
		int n = 0;
		r = app_subsidy_caps_copy(st, &who, from, to, source, &n, &e);
		if (r == ZT_OK) {
			printf("zaitaku subsidy-caps: %d年度の補助上限額を%d年度からコピーしました（%d事業）\n", to, from, n);
			print_year(st, to);
		}
	} else if (strcmp(sub, "set") == 0) {
		r = app_subsidy_caps_set(st, &who, programme, fy, total, cats, caps, ncat, source, &e);
		if (r == ZT_OK) {
			printf("zaitaku subsidy-caps: %d年度 %s の補助上限額を変更しました\n", fy, programme);
			print_year(st, fy);
		}
	} else
		print_year(st, fy);
	store_close(st);
	if (r != ZT_OK) {
		fprintf(stderr, "zaitaku subsidy-caps %s: %s%s%s\n", sub, e.message, e.field[0] ? " field=" : "", e.field);
		return r == ZT_ERR_INVALID ? 2 : 1;
	}
	return 0;
}
