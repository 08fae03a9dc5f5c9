/*
 * Subsidies (補助金, seed 003 地域医療介護総合確保基金, seed 004 熊本県; issue 19 §3): a programme's
 * caps per fiscal year as data (total cap and category caps, 補助上限額 / 区分ごとの上限), which
 * expense kinds (費目) are eligible (会食に要する経費 never), and the claim (所要額) at 10/10 within
 * every cap. Money is int64_t yen throughout: no floating point anywhere. Pure: no I/O.
 */
#ifndef ZT_DOMAIN_SUBSIDY_H
#define ZT_DOMAIN_SUBSIDY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

#define SUBSIDY_MAX_CATEGORIES 8
/* The largest amount one ledger line may carry: 1億円. A single receipt above it is a typing error
 * (the largest programme cap of the seeds is 6,030千円), and it keeps every sum far from overflow. */
#define SUBSIDY_MAX_AMOUNT_YEN INT64_C(100000000)
/* At most this many lines per operator, programme and year; with the per-line limit no sum can
 * overflow int64 (10^4 × 10^8 = 10^12). */
#define SUBSIDY_MAX_LINES 10000
/* Cap "none" of a category that is bounded only by the programme's total cap. */
#define SUBSIDY_NO_CAP INT64_C(-1)

/* A category (区分) of a programme: its own cap (補助基準額の上限) or SUBSIDY_NO_CAP. */
struct subsidy_category {
	char code[32];      /* "fuku_shujii" */
	char name[96];      /* "副主治医人件費" */
	int64_t cap_yen;    /* 2,500千円 = 2500000; SUBSIDY_NO_CAP when the total cap alone binds */
	int priority;       /* cut order when the total cap bites: the highest number is cut first */
};

/* One programme in one fiscal year (caps change from year to year, so they are rows, not code). */
struct subsidy_programme {
	char code[32];      /* "group_practice" */
	char name[128];     /* "在宅医療グループ診療運営事業" */
	int fiscal_year;    /* 年度 */
	int64_t total_cap_yen; /* 補助上限額 per unit */
	char unit[32];      /* what the caps are per: "区" (札幌市は各区ごと), "箇所" (1カ所1,149千円), "" */
	int rate_num, rate_den; /* 補助率 10/10 */
	int ncat;
	struct subsidy_category cat[SUBSIDY_MAX_CATEGORIES];
};

/* Expense kinds (費目) of the seeds' list 【報酬、給料、職員手当等、共済費、賃金、報償費、旅費、需用費
 * （会食に要する経費を除く。）、役務費、委託料、使用料及び賃借料】, plus 会食, which is never eligible. */
enum subsidy_kind {
	SK_HOSHU, SK_KYURYO, SK_TEATE, SK_KYOSAI, SK_CHINGIN, SK_HOSHOHI, SK_RYOHI, SK_JUYOHI,
	SK_EKIMUHI, SK_ITAKURYO, SK_SHIYORYO, SK_KAISHOKU, SK__MAX
};
struct subsidy_kind_info {
	const char *code;   /* API name: "juyohi" */
	const char *name;   /* "需用費" */
	bool eligible;
	const char *reason; /* why not, when not eligible (Japanese, quotes the seed) */
};
extern const struct subsidy_kind_info subsidy_kinds[SK__MAX];

/* The kind named code, or -1. */
int subsidy_kind_lookup(const char *code);
/*
 * Eligibility of an expense of kind k: ZT_OK, or ZT_ERR_INVALID on field "kind" with the reason
 * (会食に要する経費 → "補助対象外です…"; an out-of-range kind → "費目が不正です").
 */
enum zt_err subsidy_kind_check(int k, struct zt_error *e);

/*
 * An amount in yen typed by a person: ZT_OK when 1 ≤ yen ≤ SUBSIDY_MAX_AMOUNT_YEN; otherwise
 * ZT_ERR_INVALID on field with a Japanese message (zero/negative, or absurd).
 */
enum zt_err subsidy_amount_check(int64_t yen, const char *field, struct zt_error *e);

/*
 * The programme's own data is sane: 1..SUBSIDY_MAX_CATEGORIES categories with distinct codes, caps
 * ≥ 0 or SUBSIDY_NO_CAP, a total cap ≥ 0, rate 0 < num ≤ den. ZT_ERR_INVALID naming the field.
 */
enum zt_err subsidy_programme_check(const struct subsidy_programme *p, struct zt_error *e);
/* The index of category code in p, or -1. */
int subsidy_category_index(const struct subsidy_programme *p, const char *code);

/* One line of the claim statement (所要額明細書). */
struct subsidy_claim_line {
	int64_t spent_yen;   /* 対象経費の実支出額 (eligible lines only) */
	int64_t cap_yen;     /* the category cap × units, or SUBSIDY_NO_CAP */
	int64_t within_cap_yen; /* min(spent × rate, cap): 基準額との比較 */
	int64_t claimed_yen; /* after the total cap: 所要額 */
	bool cut_by_category, cut_by_total;
};
struct subsidy_claim {
	int ncat;
	struct subsidy_claim_line line[SUBSIDY_MAX_CATEGORIES];
	int units;
	int64_t spent_yen, within_caps_yen, total_cap_yen, claimed_yen;
	bool cut_by_total;
};

/*
 * The claim of one operator for programme p and a year: spent[i] is the sum of eligible expenses
 * of category i (p->cat[i]); units is how many 区 / 箇所 the caps apply to (≥ 1). Each category
 * is claimed at the rate (10/10, rounded down to the yen) up to its cap; then, when the sum exceeds
 * the total cap, the excess is removed from the category with the highest priority number first,
 * then the next (see subsidy.c for why). Returns ZT_ERR_INVALID (field "spent" / "units") when an
 * input is out of range; the result is then zeroed.
 */
enum zt_err subsidy_claim_compute(const struct subsidy_programme *p, const int64_t *spent, int units,
				  struct subsidy_claim *out, struct zt_error *e);

/* One line of the expense ledger (経費の支出記録) of an operator. */
struct subsidy_expense {
	int64_t id, operator_id;
	int fiscal_year;
	char programme[32];  /* subsidy_programme.code */
	char category[32];   /* subsidy_category.code */
	char kind[16];       /* subsidy_kinds[].code */
	char spent_on[11];   /* YYYY-MM-DD, within the fiscal year */
	int64_t amount_yen;
	char payee[201];     /* 支払先 */
	char note[501];
	int64_t receipt_size; /* 0: no receipt PDF yet */
	char updated_at[21];
};
/*
 * A ledger line against programme p (of the line's fiscal year): the category is one of p's, the
 * kind eligible (会食 refused with the reason), the date a real date inside the fiscal year, the
 * amount in range, the payee given (≤ 200 bytes), the note ≤ 500 bytes. ZT_ERR_INVALID naming the
 * field ("category", "kind", "spent_on", "amount_yen", "payee", "note").
 */
enum zt_err subsidy_expense_check(const struct subsidy_programme *p, const struct subsidy_expense *x,
				  struct zt_error *e);

/* The fiscal year (年度) an ISO date falls in, and whether date lies in fiscal year fy
 * (April 1 of fy to March 31 of fy+1). */
bool subsidy_date_in_year(const char *iso, int fy);

#endif
