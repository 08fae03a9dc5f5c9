/*
 * Subsidy rules (seed 003 補助対象経費等・補助率・補助上限額, seed 004 1カ所1,149千円; issue 19 §3):
 * eligibility of expense kinds, amount checks and the claim at 10/10 within category and total caps.
 *
 * Cut order when the total cap bites. The seeds give caps per category and a total, but no rule for
 * which category gives way when the capped categories together exceed the total (with the seeded
 * caps of 在宅医療グループ診療運営事業 and 連携拠点 the category caps sum exactly to the total, so it
 * bites only for programmes with uncapped categories, such as Kumamoto's 1,149千円 per centre, or
 * for a year whose caps stop summing up). We remove the excess from the category with the highest
 * `priority` number first, then the next, because (1) the amount paid is the same under any rule —
 * only the split on the statement differs; (2) a fixed order is reproducible by hand from the
 * statement and does not move every line when one receipt is added, unlike a proportional cut,
 * which would also need a rounding rule for the odd yen; (3) the order is data (a column beside the
 * caps), seeded in the seed's own listing order, which puts personnel (副主治医・調整担当者人件費,
 * the staffing the programmes exist to pay for) first and so protects them longest. A prefecture
 * that wants another order changes the rows, not the code.
 */
#include "domain/subsidy.h"

#include <stdio.h>
#include <string.h>

#include "domain/wareki.h"

#define KAISHOKU_REASON                                                                             \
	"会食に要する経費は補助対象外です（補助対象経費「需用費（会食に要する経費を除く。）」、"     \
	"地域医療介護総合確保基金）。"

const struct subsidy_kind_info subsidy_kinds[SK__MAX] = {
	[SK_HOSHU] = {"hoshu", "報酬", true, NULL},
	[SK_KYURYO] = {"kyuryo", "給料", true, NULL},
	[SK_TEATE] = {"teate", "職員手当等", true, NULL},
	[SK_KYOSAI] = {"kyosai", "共済費", true, NULL},
	[SK_CHINGIN] = {"chingin", "賃金", true, NULL},
	[SK_HOSHOHI] = {"hoshohi", "報償費", true, NULL},
	[SK_RYOHI] = {"ryohi", "旅費", true, NULL},
	[SK_JUYOHI] = {"juyohi", "需用費（会食に要する経費を除く。）", true, NULL},
	[SK_EKIMUHI] = {"ekimuhi", "役務費", true, NULL},
	[SK_ITAKURYO] = {"itakuryo", "委託料", true, NULL},
	[SK_SHIYORYO] = {"shiyoryo", "使用料及び賃借料", true, NULL},
	[SK_KAISHOKU] = {"kaishoku", "会食に要する経費", false, KAISHOKU_REASON},
};

int subsidy_kind_lookup(const char *code)
{
	for (int k = 0; code && k < SK__MAX; k++)
		if (strcmp(code, subsidy_kinds[k].code) == 0)
			return k;
	return -1;
}

enum zt_err subsidy_kind_check(int k, struct zt_error *e)
{
	if (k < 0 || k >= SK__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "kind", "費目が不正です。");
	if (!subsidy_kinds[k].eligible)
		return zt_fail(e, ZT_ERR_INVALID, "kind", "%s", subsidy_kinds[k].reason);
	return ZT_OK;
}

enum zt_err subsidy_amount_check(int64_t yen, const char *field, struct zt_error *e)
{
	if (yen <= 0)
		return zt_fail(e, ZT_ERR_INVALID, field, "金額は1円以上の整数で入力してください。");
	if (yen > SUBSIDY_MAX_AMOUNT_YEN)
		return zt_fail(e, ZT_ERR_INVALID, field, "金額が大きすぎます（1件%lld円まで）。",
			       (long long)SUBSIDY_MAX_AMOUNT_YEN);
	return ZT_OK;
}

int subsidy_category_index(const struct subsidy_programme *p, const char *code)
{
	for (int i = 0; code && i < p->ncat; i++)
		if (strcmp(p->cat[i].code, code) == 0)
			return i;
	return -1;
}

enum zt_err subsidy_programme_check(const struct subsidy_programme *p, struct zt_error *e)
{
	if (p->ncat < 1 || p->ncat > SUBSIDY_MAX_CATEGORIES)
		return zt_fail(e, ZT_ERR_INVALID, "categories", "区分の数が不正です（1〜%d）。", SUBSIDY_MAX_CATEGORIES);
	if (p->total_cap_yen < 0 || p->total_cap_yen > SUBSIDY_MAX_AMOUNT_YEN)
		return zt_fail(e, ZT_ERR_INVALID, "total_cap_yen", "補助上限額が不正です。");
	if (p->rate_num <= 0 || p->rate_den <= 0 || p->rate_num > p->rate_den)
		return zt_fail(e, ZT_ERR_INVALID, "rate", "補助率が不正です。");
	for (int i = 0; i < p->ncat; i++) {
		const struct subsidy_category *c = &p->cat[i];
		if (c->code[0] == '\0' || subsidy_category_index(p, c->code) != i)
			return zt_fail(e, ZT_ERR_INVALID, "categories", "区分コードが空か重複しています（%s）。", c->code);
		if (c->cap_yen != SUBSIDY_NO_CAP && (c->cap_yen < 0 || c->cap_yen > SUBSIDY_MAX_AMOUNT_YEN))
			return zt_fail(e, ZT_ERR_INVALID, "cap_yen", "区分「%s」の上限額が不正です。", c->name);
	}
	return ZT_OK;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

enum zt_err subsidy_claim_compute(const struct subsidy_programme *p, const int64_t *spent, int units,
				  struct subsidy_claim *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	enum zt_err r = subsidy_programme_check(p, e);
	if (r != ZT_OK)
		return r;
	if (units < 1 || units > 100)
		return zt_fail(e, ZT_ERR_INVALID, "units", "対象の区・箇所の数が不正です（1〜100）。");
	/* Sums of at most SUBSIDY_MAX_LINES lines of at most SUBSIDY_MAX_AMOUNT_YEN each. */
	const int64_t max_spent = (int64_t)SUBSIDY_MAX_LINES * SUBSIDY_MAX_AMOUNT_YEN;
	for (int i = 0; i < p->ncat; i++)
		if (spent[i] < 0 || spent[i] > max_spent)
			return zt_fail(e, ZT_ERR_INVALID, "spent", "区分「%s」の支出額が範囲外です。", p->cat[i].name);

	out->ncat = p->ncat;
	out->units = units;
	out->total_cap_yen = p->total_cap_yen * units;
	for (int i = 0; i < p->ncat; i++) {
		struct subsidy_claim_line *l = &out->line[i];
		l->spent_yen = spent[i];
		/* 10/10 of integer yen, rounded down (never more than was spent). */
		int64_t at_rate = spent[i] / p->rate_den * p->rate_num + spent[i] % p->rate_den * p->rate_num / p->rate_den;
		l->cap_yen = p->cat[i].cap_yen == SUBSIDY_NO_CAP ? SUBSIDY_NO_CAP : p->cat[i].cap_yen * units;
		l->within_cap_yen = l->cap_yen == SUBSIDY_NO_CAP ? at_rate : min64(at_rate, l->cap_yen);
		l->cut_by_category = l->within_cap_yen < at_rate;
		l->claimed_yen = l->within_cap_yen;
		out->spent_yen += spent[i];
		out->within_caps_yen += l->within_cap_yen;
	}
	int64_t excess = out->within_caps_yen - out->total_cap_yen;
	out->cut_by_total = excess > 0;
	/* Cut the highest priority number first; ties go to the later-listed category. */
	while (excess > 0) {
		int pick = -1;
		for (int i = 0; i < p->ncat; i++)
			if (out->line[i].claimed_yen > 0 &&
			    (pick < 0 || p->cat[i].priority >= p->cat[pick].priority))
				pick = i;
		if (pick < 0)
			break; /* cannot happen: the excess is at most the sum of the claims */
		int64_t take = min64(excess, out->line[pick].claimed_yen);
		out->line[pick].claimed_yen -= take;
		out->line[pick].cut_by_total = true;
		excess -= take;
	}
	for (int i = 0; i < p->ncat; i++)
		out->claimed_yen += out->line[i].claimed_yen;
	return ZT_OK;
}

bool subsidy_date_in_year(const char *iso, int fy)
{
	return iso != NULL && fy > 0 && fiscal_year_of(iso) == fy;
}

enum zt_err subsidy_expense_check(const struct subsidy_programme *p, const struct subsidy_expense *x,
				  struct zt_error *e)
{
	if (subsidy_category_index(p, x->category) < 0)
		return zt_fail(e, ZT_ERR_INVALID, "category", "区分「%s」は%sにありません。", x->category, p->name);
	int k = subsidy_kind_lookup(x->kind);
	if (k < 0)
		return zt_fail(e, ZT_ERR_INVALID, "kind", "費目「%s」は使えません。", x->kind);
	enum zt_err r = subsidy_kind_check(k, e);
	if (r != ZT_OK)
		return r;
	if (fiscal_year_of(x->spent_on) < 0)
		return zt_fail(e, ZT_ERR_INVALID, "spent_on", "支出日はYYYY-MM-DDの実在する日付で入力してください。");
	if (!subsidy_date_in_year(x->spent_on, x->fiscal_year))
		return zt_fail(e, ZT_ERR_INVALID, "spent_on", "支出日が%d年度（%d年4月1日〜%d年3月31日）の外です。",
			       x->fiscal_year, x->fiscal_year, x->fiscal_year + 1);
	r = subsidy_amount_check(x->amount_yen, "amount_yen", e);
	if (r != ZT_OK)
		return r;
	if (x->payee[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "payee", "支払先を入力してください。");
	return ZT_OK;
}
