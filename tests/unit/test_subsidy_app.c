/* Subsidy use cases over a real store (app/app_subsidies.c, issue 19 §3–§4): the demo step's claim
 * (副主治医人件費 over its 2,500千円 cap, the total at the 6,030千円 programme cap of seed 003), a 会食
 * line refused with nothing stored, and the money chapter the yearly report (実績報告書) includes. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_imports.h"
#include "app/app_subsidies.h"
#include "core/clock.h"
#include "demo/demo.h"
#include "demo/demo_subsidies.h"
#include "store/store.h"
#include "store/store_operators.h"
#include "unit.h"

int main(void)
{
	char dir[] = "/tmp/zt-subsidy-XXXXXX";
	if (mkdtemp(dir) == NULL)
		return 1;
	char path[128];
	snprintf(path, sizeof path, "%s/s.db", dir);
	zt_clock_set(1796000000); /* 2026-11-30 (JST): fiscal year 2026 */
	struct zt_error e;
	struct store *st = store_open(path, &e);
	CHECK(st != NULL);
	if (st == NULL)
		return 1;
	CHECK(app_imports_municipalities(st, &e) == ZT_OK);
	CHECK(demo_load(st, &e) == ZT_OK);
	CHECK(demo_subsidies(st, &e) == ZT_OK);
	int fy = zt_fiscal_year();
	CHECK(fy == 2026);

	int64_t op = store_subsidy_operator_by_name(st, "08", "鹿行在宅医療グループ診療運営事業（デモ）");
	CHECK(op > 0);
	struct subsidy_claim_summary *s = NULL;
	size_t n = 0;
	CHECK(subsidy_claim_summary(st, op, fy, &s, &n, &e) == ZT_OK);
	CHECK(n == 1);
	if (n == 1) {
		CHECK_STR(s[0].programme.code, "group_practice");
		CHECK(s[0].claim.spent_yen == 6630000 && s[0].claim.claimed_yen == 6030000);
		CHECK(s[0].claim.claimed_yen == s[0].claim.total_cap_yen);
		/* exactly one category over its cap: 副主治医人件費 3,100,000 → 2,500,000 */
		int over = 0;
		for (int i = 0; i < s[0].claim.ncat; i++)
			over += s[0].claim.line[i].cut_by_category;
		CHECK(over == 1 && s[0].claim.line[0].cut_by_category && s[0].claim.line[0].claimed_yen == 2500000);
		CHECK(s[0].lines == 7);
		CHECK(strstr(s[0].source, "seed 003") != NULL);
	}
	free(s);

	/* 会食 is refused through the use case and nothing is stored. */
	const struct zt_actor who = zt_actor_system();
	struct subsidy_expense x = {.operator_id = op, .fiscal_year = fy, .amount_yen = 30000};
	snprintf(x.programme, sizeof x.programme, "group_practice");
	snprintf(x.category, sizeof x.category, "kenshu");
	snprintf(x.kind, sizeof x.kind, "kaishoku");
	snprintf(x.spent_on, sizeof x.spent_on, "2026-07-12");
	snprintf(x.payee, sizeof x.payee, "料亭（架空）");
	CHECK(app_subsidy_expense_add(st, NULL, &who, &x, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "kind");
	struct subsidy_expense *items = NULL;
	CHECK(app_subsidy_ledger(st, NULL, op, fy, "", NULL, &items, &n, &e) == ZT_OK);
	CHECK(n == 7);
	free(items);
	/* A year without caps refuses the line naming the programme. */
	x.fiscal_year = 2099;
	snprintf(x.kind, sizeof x.kind, "hoshohi");
	snprintf(x.spent_on, sizeof x.spent_on, "2099-07-12");
	CHECK(app_subsidy_expense_add(st, NULL, &who, &x, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "programme");

	/* The money chapter of the yearly report. */
	struct operator_row o;
	CHECK(store_operator_get(st, op, &o, &e) == ZT_OK);
	json_t *sections = json_array();
	CHECK(app_subsidy_report_section(st, &o, fy, sections, &e) == ZT_OK);
	char *text = json_dumps(sections, 0);
	CHECK(text && strstr(text, "補助金の所要額（精算額）") && strstr(text, "在宅医療グループ診療運営事業"));
	CHECK(text && strstr(text, "支出額 3,100,000円") && strstr(text, "所要額 2,500,000円"));
	CHECK(text && strstr(text, "補助上限額 6,030,000円") && strstr(text, "所要額 6,030,000円"));
	free(text);
	json_decref(sections);
	sections = json_array();
	CHECK(app_subsidy_report_section(st, &o, 2025, sections, &e) == ZT_OK);
	text = json_dumps(sections, 0);
	CHECK(text && strstr(text, "記録されていません"));
	free(text);
	json_decref(sections);

	store_close(st);
	const char *const sides[] = {"", ".audit-key", ".secret-key", "-wal", "-shm", "-signin.key"};
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		char p[160];
		snprintf(p, sizeof p, "%s%s", path, sides[i]);
		unlink(p);
	}
	rmdir(dir);
	UNIT_DONE();
}
