/*
 * Demo step "subsidies" (issue 19 §3, "Done when": a claim where one category exceeds its cap and the
 * total is cut to the programme cap). The district's 在宅医療グループ診療運営事業 (seed 003) records the
 * current fiscal year's expenses: 副主治医人件費 3,100,000円 against its 2,500千円 cap, the other four
 * categories at their caps, so 6,630,000円 spent is claimed as 6,030,000円 — the programme cap. When
 * the programme step's support centre exists, its ledger (seed 004: 1カ所1,149千円) exceeds the total
 * cap and is cut in the cut order (事務費・活動費 first). Everything goes through app_subsidies.c.
 */
#include "demo/demo_subsidies.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_operators.h"
#include "app/app_subsidies.h"
#include "core/clock.h"
#include "store/store_groups.h"

#define ASSOCIATION "鹿行みらい医師会（架空）"
#define GROUP_OPERATOR "鹿行在宅医療グループ診療運営事業（デモ）"
#define CENTRE_OPERATOR "鹿行地域在宅医療サポートセンター（基幹型・デモ）"

struct demo_line {
	const char *programme, *category, *kind, *mmdd; /* mmdd: month-day; April–December in fy, else fy+1 */
	long long yen;
	const char *payee, *note;
};

static const struct demo_line group_lines[] = {
	{"group_practice", "fuku_shujii", "hoshu", "09-30", 1800000, "鹿嶋中央クリニック（架空）", "副主治医報酬 4〜9月分"},
	{"group_practice", "fuku_shujii", "hoshu", "03-31", 1300000, "鹿嶋中央クリニック（架空）", "副主治医報酬 10〜3月分"},
	{"group_practice", "chosei", "kyuryo", "03-25", 1000000, "鹿行みらい医師会（架空）", "調整担当者 給料按分"},
	{"group_practice", "kenshu", "hoshohi", "07-12", 240000, "講師 2名", "看取り研修 講師謝金"},
	{"group_practice", "kenshu", "juyohi", "07-01", 360000, "鹿行印刷（架空）", "研修テキスト印刷"},
	{"group_practice", "daishin", "hoshu", "12-20", 930000, "代診医 3名", "休日・夜間の代診協力金"},
	{"group_practice", "kohou_byosho", "itakuryo", "02-28", 1000000, "神栖地域医療センター（架空）", "後方病床の確保"},
};

static const struct demo_line centre_lines[] = {
	{"kumamoto_support_center", "jinkenhi", "kyuryo", "03-25", 900000, "相談員", "相談員 人件費按分"},
	{"kumamoto_support_center", "jimu", "juyohi", "10-15", 250000, "鹿行印刷（架空）", "普及啓発パンフレット"},
	{"kumamoto_support_center", "jimu", "shiyoryo", "11-10", 150000, "鹿嶋市民センター（架空）", "連絡会 会場使用料"},
};

/* A minimal receipt PDF for the first line (the real ones are scans). */
static const char receipt_pdf[] = "%PDF-1.4\n% 領収書（デモ）\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

static enum zt_err add_lines(struct store *st, int64_t op, int fy, const struct demo_line *l, int n, int64_t *first,
			     struct zt_error *e)
{
	const struct zt_actor who = zt_actor_system();
	for (int i = 0; i < n; i++) {
		struct subsidy_expense x = {.operator_id = op, .fiscal_year = fy, .amount_yen = l[i].yen};
		int month = (l[i].mmdd[0] - '0') * 10 + (l[i].mmdd[1] - '0');
		snprintf(x.programme, sizeof x.programme, "%s", l[i].programme);
		snprintf(x.category, sizeof x.category, "%s", l[i].category);
		snprintf(x.kind, sizeof x.kind, "%s", l[i].kind);
		snprintf(x.spent_on, sizeof x.spent_on, "%04d-%s", month >= 4 ? fy : fy + 1, l[i].mmdd);
		snprintf(x.payee, sizeof x.payee, "%s", l[i].payee);
		snprintf(x.note, sizeof x.note, "%s", l[i].note);
		enum zt_err r = app_subsidy_expense_add(st, NULL, &who, &x, e);
		if (r != ZT_OK)
			return r;
		if (i == 0 && first)
			*first = x.id;
	}
	return ZT_OK;
}

enum zt_err demo_subsidies(struct store *st, struct zt_error *e)
{
	const struct zt_actor who = zt_actor_system();
	int fy = zt_fiscal_year();
	int64_t assoc = store_institution_id_by_name(st, ASSOCIATION);
	if (assoc <= 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "", "デモの %s が見つかりません。", ASSOCIATION);
	struct operator_def o = {.kind = OPK_GROUP_PRACTICE, .prefecture = "08", .association_id = assoc,
				 .first_fiscal_year = fy - 1};
	snprintf(o.name, sizeof o.name, "%s", GROUP_OPERATOR);
	enum zt_err r = app_operator_create(st, NULL, &who, &o, e);
	int64_t first = 0;
	if (r == ZT_OK)
		r = add_lines(st, o.id, fy, group_lines, (int)(sizeof group_lines / sizeof group_lines[0]), &first, e);
	if (r == ZT_OK)
		r = app_subsidy_receipt_put(st, NULL, &who, first, "application/pdf", receipt_pdf, sizeof receipt_pdf - 1, e);
	struct subsidy_claim_summary *s = NULL;
	size_t n = 0;
	if (r == ZT_OK)
		r = subsidy_claim_summary(st, o.id, fy, &s, &n, e);
	if (r != ZT_OK)
		return r;
	printf("  subsidies: %s %d年度 spent %lld円, claimed %lld円 (cap %lld円)", GROUP_OPERATOR, fy,
	       n ? (long long)s[0].claim.spent_yen : 0LL, n ? (long long)s[0].claim.claimed_yen : 0LL,
	       n ? (long long)s[0].claim.total_cap_yen : 0LL);
	free(s);
	int64_t centre = store_subsidy_operator_by_name(st, "08", CENTRE_OPERATOR);
	if (centre > 0) {
		r = add_lines(st, centre, fy, centre_lines, (int)(sizeof centre_lines / sizeof centre_lines[0]), NULL, e);
		if (r == ZT_OK && (r = subsidy_claim_summary(st, centre, fy, &s, &n, e)) == ZT_OK) {
			printf("; support centre claimed %lld円 of %lld円", n ? (long long)s[0].claim.claimed_yen : 0LL,
			       n ? (long long)s[0].claim.spent_yen : 0LL);
			free(s);
		}
	}
	printf("\n");
	return r;
}
