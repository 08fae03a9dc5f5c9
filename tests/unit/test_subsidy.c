/* Subsidy rules (domain/subsidy.c), issue 19 §3: eligibility, amounts and the claim at 10/10 within
 * every cap, with the caps of seed 003 (Hokkaido fund) and seed 004 (Kumamoto). */
#include "domain/subsidy.h"
#include "unit.h"

static void cat(struct subsidy_programme *p, const char *code, const char *name, int64_t cap)
{
	struct subsidy_category *c = &p->cat[p->ncat];
	snprintf(c->code, sizeof c->code, "%s", code);
	snprintf(c->name, sizeof c->name, "%s", name);
	c->cap_yen = cap;
	c->priority = p->ncat + 1;
	p->ncat++;
}

static struct subsidy_programme prog(const char *code, int64_t total, const char *unit)
{
	struct subsidy_programme p = {.fiscal_year = 2026, .total_cap_yen = total, .rate_num = 10, .rate_den = 10};
	snprintf(p.code, sizeof p.code, "%s", code);
	snprintf(p.unit, sizeof p.unit, "%s", unit);
	return p;
}

/* seed 003: 「在宅医療グループ診療運営事業 … 10/10 以内 6,030千円 (札幌市は各区ごと)」
 * 「(※副主治医人件費（2,500千円）、調整担当者人件費（1,000千円）、研修経費（600千円）、
 *   代診制協力費（930千円）、後方病床協力費（1,000千円）ごとに補助基準額の上限あり。)」 */
static struct subsidy_programme group_practice(void)
{
	struct subsidy_programme p = prog("group_practice", 6030000, "区");
	cat(&p, "fuku_shujii", "副主治医人件費", 2500000);
	cat(&p, "chosei", "調整担当者人件費", 1000000);
	cat(&p, "kenshu", "研修経費", 600000);
	cat(&p, "daishin", "代診制協力費", 930000);
	cat(&p, "kohou_byosho", "後方病床協力費", 1000000);
	return p;
}

/* seed 003: 「①調整担当者（MSW・事務担当者等）人件費（2,092千円）」「②事務費（会議・研修開催等）（1,920千円）」
 * 「上限計 4,012千円」 */
static struct subsidy_programme renkei_kyoten(void)
{
	struct subsidy_programme p = prog("renkei_kyoten", 4012000, "");
	cat(&p, "chosei", "調整担当者人件費", 2092000);
	cat(&p, "jimu", "事務費", 1920000);
	return p;
}

/* seed 004: 「地域在宅医療サポートセンター分：14,943千円(1カ所1,149千円)」 — one total per centre,
 * no category caps in the seed. */
static struct subsidy_programme kumamoto(void)
{
	struct subsidy_programme p = prog("kumamoto_support_center", 1149000, "箇所");
	cat(&p, "jinkenhi", "人件費", SUBSIDY_NO_CAP);
	cat(&p, "jimu", "事務費", SUBSIDY_NO_CAP);
	return p;
}

int main(void)
{
	struct zt_error e;
	struct subsidy_claim c;

	/* seed 003: 「需用費（会食に要する経費を除く。）」 — 会食 is never eligible, refused with the reason. */
	int k = subsidy_kind_lookup("kaishoku");
	CHECK(k == SK_KAISHOKU);
	CHECK(subsidy_kind_check(k, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "kind");
	CHECK(strstr(e.message, "会食に要する経費は補助対象外") != NULL);
	CHECK(strstr(e.message, "需用費（会食に要する経費を除く。）") != NULL);
	/* 【報酬、給料、職員手当等、共済費、賃金、報償費、旅費、需用費…、役務費、委託料、使用料及び賃借料】 are. */
	for (int i = 0; i < SK__MAX; i++)
		if (i != SK_KAISHOKU)
			CHECK(subsidy_kind_check(i, &e) == ZT_OK);
	CHECK(subsidy_kind_lookup("juyohi") == SK_JUYOHI);
	CHECK(subsidy_kind_lookup("nomikai") == -1);
	CHECK(subsidy_kind_check(-1, &e) == ZT_ERR_INVALID);
	CHECK(subsidy_kind_check(SK__MAX, &e) == ZT_ERR_INVALID);

	/* Amounts: negative, zero and absurd are refused naming the field. */
	CHECK(subsidy_amount_check(1, "amount_yen", &e) == ZT_OK);
	CHECK(subsidy_amount_check(SUBSIDY_MAX_AMOUNT_YEN, "amount_yen", &e) == ZT_OK);
	CHECK(subsidy_amount_check(0, "amount_yen", &e) == ZT_ERR_INVALID);
	CHECK(subsidy_amount_check(-500, "amount_yen", &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "amount_yen");
	CHECK(subsidy_amount_check(SUBSIDY_MAX_AMOUNT_YEN + 1, "amount_yen", &e) == ZT_ERR_INVALID);
	CHECK(subsidy_amount_check(INT64_MAX, "amount_yen", &e) == ZT_ERR_INVALID);

	/* The seeded caps are consistent: the category caps of both Hokkaido programmes sum to the total. */
	struct subsidy_programme gp = group_practice(), rk = renkei_kyoten(), km = kumamoto();
	CHECK(subsidy_programme_check(&gp, &e) == ZT_OK);
	CHECK(subsidy_programme_check(&rk, &e) == ZT_OK);
	CHECK(subsidy_programme_check(&km, &e) == ZT_OK);
	int64_t sum = 0;
	for (int i = 0; i < gp.ncat; i++)
		sum += gp.cat[i].cap_yen;
	CHECK(sum == 6030000);
	CHECK(rk.cat[0].cap_yen + rk.cat[1].cap_yen == 4012000); /* 「上限計 4,012千円」 */

	/* Within every cap: 10/10 of what was spent. */
	int64_t s1[5] = {1200000, 800000, 100000, 0, 333333};
	CHECK(subsidy_claim_compute(&gp, s1, 1, &c, &e) == ZT_OK);
	CHECK(c.claimed_yen == 2433333 && c.spent_yen == 2433333 && !c.cut_by_total);
	CHECK(!c.line[0].cut_by_category && c.line[4].claimed_yen == 333333);

	/* 副主治医人件費 over its 2,500千円 cap is cut to the cap; the others are untouched. */
	int64_t s2[5] = {3100000, 500000, 0, 0, 0};
	CHECK(subsidy_claim_compute(&gp, s2, 1, &c, &e) == ZT_OK);
	CHECK(c.line[0].cap_yen == 2500000 && c.line[0].claimed_yen == 2500000 && c.line[0].cut_by_category);
	CHECK(c.line[1].claimed_yen == 500000 && !c.line[1].cut_by_category);
	CHECK(c.claimed_yen == 3000000 && !c.cut_by_total);

	/* Everything over its cap: the claim is the programme cap 6,030千円. */
	int64_t s3[5] = {3100000, 1200000, 700000, 1000000, 1500000};
	CHECK(subsidy_claim_compute(&gp, s3, 1, &c, &e) == ZT_OK);
	CHECK(c.claimed_yen == 6030000 && c.total_cap_yen == 6030000 && c.spent_yen == 7500000);
	CHECK(!c.cut_by_total); /* the category caps sum to the total: they already hold it */

	/* 「札幌市は各区ごと」: a group over two wards has every cap twice. */
	CHECK(subsidy_claim_compute(&gp, s3, 2, &c, &e) == ZT_OK);
	CHECK(c.total_cap_yen == 12060000 && c.line[0].cap_yen == 5000000 && c.claimed_yen == 7500000);
	CHECK(subsidy_claim_compute(&gp, s3, 0, &c, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "units");

	/* 連携拠点: 調整担当者 2,092千円 + 事務費 1,920千円. */
	int64_t s4[2] = {2500000, 1000000};
	CHECK(subsidy_claim_compute(&rk, s4, 1, &c, &e) == ZT_OK);
	CHECK(c.line[0].claimed_yen == 2092000 && c.line[1].claimed_yen == 1000000 && c.claimed_yen == 3092000);

	/* Kumamoto 1,149千円 per centre: the total cap bites; the cut order takes the highest priority
	 * number first (事務費, listed last), then the next — 人件費 keeps all it can. */
	int64_t s5[2] = {900000, 400000};
	CHECK(subsidy_claim_compute(&km, s5, 1, &c, &e) == ZT_OK);
	CHECK(c.cut_by_total && c.within_caps_yen == 1300000 && c.claimed_yen == 1149000);
	CHECK(c.line[0].claimed_yen == 900000 && !c.line[0].cut_by_total);
	CHECK(c.line[1].claimed_yen == 249000 && c.line[1].cut_by_total);
	/* An excess larger than the last category moves on to the next one. */
	int64_t s6[2] = {1500000, 100000};
	CHECK(subsidy_claim_compute(&km, s6, 1, &c, &e) == ZT_OK);
	CHECK(c.line[1].claimed_yen == 0 && c.line[0].claimed_yen == 1149000 && c.claimed_yen == 1149000);
	/* The order is data: give 人件費 the higher number and it gives way first. */
	km.cat[0].priority = 9;
	CHECK(subsidy_claim_compute(&km, s5, 1, &c, &e) == ZT_OK);
	CHECK(c.line[0].claimed_yen == 749000 && c.line[1].claimed_yen == 400000);

	/* A category cap and the total cap both biting in one claim (caps summing above the total). */
	struct subsidy_programme mix = prog("mix", 1000000, "");
	cat(&mix, "a", "A", 800000);
	cat(&mix, "b", "B", 500000);
	int64_t s7[2] = {900000, 450000};
	CHECK(subsidy_claim_compute(&mix, s7, 1, &c, &e) == ZT_OK);
	CHECK(c.line[0].cut_by_category && c.line[0].claimed_yen == 800000);
	CHECK(c.line[1].cut_by_total && c.line[1].claimed_yen == 200000 && c.claimed_yen == 1000000);

	/* A rate below 10/10 rounds down to the yen, never up. */
	mix.rate_num = 1, mix.rate_den = 2;
	int64_t s8[2] = {3, 0};
	CHECK(subsidy_claim_compute(&mix, s8, 1, &c, &e) == ZT_OK);
	CHECK(c.line[0].claimed_yen == 1);

	/* Bad programme data and bad sums are refused, naming the field. */
	int64_t bad[5] = {-1, 0, 0, 0, 0};
	CHECK(subsidy_claim_compute(&gp, bad, 1, &c, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "spent");
	CHECK(c.claimed_yen == 0);
	struct subsidy_programme dup = group_practice();
	snprintf(dup.cat[1].code, sizeof dup.cat[1].code, "fuku_shujii");
	CHECK(subsidy_programme_check(&dup, &e) == ZT_ERR_INVALID);
	struct subsidy_programme neg = group_practice();
	neg.cat[2].cap_yen = -5;
	CHECK(subsidy_programme_check(&neg, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "cap_yen");
	CHECK(subsidy_category_index(&gp, "daishin") == 3 && subsidy_category_index(&gp, "x") == -1);

	/* The ledger date lies in the fiscal year (April–March). */
	CHECK(subsidy_date_in_year("2026-04-01", 2026));
	CHECK(subsidy_date_in_year("2027-03-31", 2026));
	CHECK(!subsidy_date_in_year("2026-03-31", 2026));
	CHECK(!subsidy_date_in_year("2026-02-30", 2025));
	CHECK(!subsidy_date_in_year(NULL, 2026));

	/* A ledger line: category of the programme, eligible kind, date inside the year, payee. */
	struct subsidy_expense x = {.fiscal_year = 2026, .amount_yen = 120000};
	snprintf(x.category, sizeof x.category, "kenshu");
	snprintf(x.kind, sizeof x.kind, "hoshohi");
	snprintf(x.spent_on, sizeof x.spent_on, "2026-07-15");
	snprintf(x.payee, sizeof x.payee, "講師 山田");
	CHECK(subsidy_expense_check(&gp, &x, &e) == ZT_OK);
	snprintf(x.kind, sizeof x.kind, "kaishoku"); /* 研修後の懇親会: 会食 */
	CHECK(subsidy_expense_check(&gp, &x, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "kind");
	CHECK(strstr(e.message, "補助対象外") != NULL);
	snprintf(x.kind, sizeof x.kind, "hoshohi");
	snprintf(x.category, sizeof x.category, "jimu"); /* 連携拠点 category, not group practice's */
	CHECK(subsidy_expense_check(&gp, &x, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "category");
	snprintf(x.category, sizeof x.category, "kenshu");
	snprintf(x.spent_on, sizeof x.spent_on, "2027-04-01");
	CHECK(subsidy_expense_check(&gp, &x, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "spent_on");
	snprintf(x.spent_on, sizeof x.spent_on, "2026-07-15");
	x.amount_yen = -1;
	CHECK(subsidy_expense_check(&gp, &x, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "amount_yen");
	x.amount_yen = 1;
	x.payee[0] = '\0';
	CHECK(subsidy_expense_check(&gp, &x, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "payee");
	UNIT_DONE();
}
