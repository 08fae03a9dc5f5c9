/* Compliance rule sets (domain/ruleset.c, rules_*.c) and plan indicators (domain/plan.c), issue 19 §1–§2:
 * each rule is tested with the seed line it rests on quoted. */
#include "domain/plan.h"
#include "domain/plan_evidence.h"
#include "domain/ruleset.h"
#include "unit.h"

static struct plan_facts facts(int fy)
{
	struct plan_facts f;
	memset(&f, 0, sizeof f);
	f.fiscal_year = fy;
	return f;
}

static void choose(struct plan_facts *f, const struct ruleset *rs, const char *code, int evidence)
{
	int i = ruleset_action_index(rs, code);
	CHECK(i >= 0);
	if (i < 0)
		return;
	f->chosen |= 1u << i;
	f->evidence[i] = evidence;
}

static const struct rule_result *find(const struct rule_result *r, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].code, code) == 0)
			return &r[i];
	return NULL;
}

static void test_registry(void)
{
	CHECK(nrulesets == 4);
	for (size_t i = 0; i < nrulesets; i++) {
		CHECK(ruleset_find(rulesets[i]->code) == rulesets[i]);
		CHECK(rulesets[i]->nactions <= RULESET_ACTIONS_MAX);
	}
	CHECK(ruleset_find("nope") == NULL);
	CHECK(ruleset_find(NULL) == NULL);
}

/* seed 002: 「○以下の①の事業は必ず実施するとともに、②～⑧のうち、2つ以上の実施を事業計画に盛り込み、実施すること。」 */
static void test_osaka(void)
{
	const struct ruleset *rs = &ruleset_osaka_coordinator;
	struct rule_result r[RULESET_RULES_MAX];
	CHECK(rs->nactions == 8);
	CHECK(strstr(rs->actions[0].label, "地域資源") != NULL);
	CHECK(strstr(rs->actions[4].label, "年3回以上") != NULL);

	/* ①, ② and ⑥ planned and done: compliant. */
	struct plan_facts f = facts(2026);
	f.year_ended = true;
	choose(&f, rs, "o1", 12);
	choose(&f, rs, "o2", 1);
	choose(&f, rs, "o6", 4);
	size_t n = rs->check(&f, r);
	CHECK(n == 3);
	CHECK(find(r, n, "osaka.action1")->status == RULE_MET);
	CHECK(find(r, n, "osaka.two_of_2_8")->status == RULE_MET);
	CHECK(find(r, n, "osaka.exchange_3")->status == RULE_NOT_REQUIRED); /* ⑤ not planned */
	CHECK(ruleset_compliant(r, n));

	/* 「①の事業は必ず実施する」: without ① the rule is not met and says so. */
	struct plan_facts g = f;
	g.chosen &= ~1u;
	n = rs->check(&g, r);
	CHECK(find(r, n, "osaka.action1")->status == RULE_NOT_MET);
	CHECK(strstr(find(r, n, "osaka.action1")->why, "計画に「①地域資源") != NULL);
	CHECK(!ruleset_compliant(r, n));

	/* 「②～⑧のうち、2つ以上の実施を事業計画に盛り込み」: only one of ②–⑧ planned. */
	g = facts(2026);
	choose(&g, rs, "o1", 1);
	choose(&g, rs, "o4", 1);
	n = rs->check(&g, r);
	CHECK(find(r, n, "osaka.two_of_2_8")->status == RULE_NOT_MET);
	CHECK(strstr(find(r, n, "osaka.two_of_2_8")->why, "1件しかありません") != NULL);
	/* 「…実施すること」: two planned, one carried out — during the year pending, at its end not met. */
	choose(&g, rs, "o7", 0);
	n = rs->check(&g, r);
	const struct rule_result *t = find(r, n, "osaka.two_of_2_8");
	CHECK(t->status == RULE_NOT_MET && t->pending);
	CHECK(strstr(t->why, "⑦他地区医師会") != NULL);
	CHECK(strstr(t->why, "年度途中") != NULL);
	g.year_ended = true;
	n = rs->check(&g, r);
	CHECK(find(r, n, "osaka.two_of_2_8")->status == RULE_NOT_MET && !find(r, n, "osaka.two_of_2_8")->pending);

	/* 「⑤在宅医療に取り組む医師で連携に向けた情報交換会の開催（年3回以上）」: 2 is short, 3 is enough. */
	g = f;
	choose(&g, rs, "o5", 2);
	g.exchange_meetings = 2;
	n = rs->check(&g, r);
	CHECK(find(r, n, "osaka.exchange_3")->status == RULE_NOT_MET);
	CHECK(strstr(find(r, n, "osaka.exchange_3")->why, "あと1回") != NULL);
	g.exchange_meetings = 3;
	n = rs->check(&g, r);
	CHECK(find(r, n, "osaka.exchange_3")->status == RULE_MET);

	/* 「※新規事業者には初年度は要件ではありませんが、2年目以降は要件となります。」 */
	g = facts(2026);
	g.first_year = 2026;
	n = rs->check(&g, r);
	for (size_t i = 0; i < n; i++)
		CHECK(r[i].status == RULE_NOT_REQUIRED);
	CHECK(strstr(r[0].why, "新規事業者の初年度") != NULL);
	CHECK(strstr(r[0].why, "2027年度から要件") != NULL);
	g.fiscal_year = 2027; /* second year: bound */
	n = rs->check(&g, r);
	CHECK(find(r, n, "osaka.action1")->status == RULE_NOT_MET);
	/* 「昨年度から継続して実施する事業者（継続事業者）は、以下の事業を実施することを要件とします。」 */
	g.first_year = 0;
	g.fiscal_year = 2026;
	n = rs->check(&g, r);
	CHECK(find(r, n, "osaka.action1")->status == RULE_NOT_MET);
}

/* seed 004: 「なお、…は必須項目、それ以外の項目は任意項目とし、任意項目からは 1 項目以上を選択するものとする。」 */
static void test_kumamoto(void)
{
	const struct ruleset *rs = &ruleset_kumamoto_centre;
	struct rule_result r[RULESET_RULES_MAX];
	struct plan_facts f = facts(2026);
	f.year_ended = true;
	f.variant = "kikan";
	choose(&f, rs, "k_emergency", 2);  /* 急変時対応の取組み【必須項目】 */
	choose(&f, rs, "k_discharge", 5);  /* 入退院支援の取組み【必須項目】 */
	choose(&f, rs, "k_volume", 1);     /* 訪問診療等のサービス提供量の増加に向けた取組み【必須項目】 */
	choose(&f, rs, "k_liaison", 3);    /* 在宅医療センター事業の連絡会の開催【必須項目】 */
	choose(&f, rs, "k_eol", 1);        /* 看取りに関する取組み【任意項目】 */
	size_t n = rs->check(&f, r);
	CHECK(n == 6);
	CHECK(ruleset_compliant(r, n));

	/* 「入退院支援の取組み【必須項目】」 missing. */
	struct plan_facts g = f;
	g.chosen &= ~(1u << ruleset_action_index(rs, "k_discharge"));
	n = rs->check(&g, r);
	CHECK(find(r, n, "kumamoto.discharge")->status == RULE_NOT_MET);
	CHECK(!ruleset_compliant(r, n));
	/* 「在宅医療センター事業の連絡会の開催【必須項目】」 planned but not held. */
	g = f;
	g.evidence[ruleset_action_index(rs, "k_liaison")] = 0;
	n = rs->check(&g, r);
	CHECK(find(r, n, "kumamoto.liaison")->status == RULE_NOT_MET);
	/* 「任意項目からは 1 項目以上を選択するものとする」: none chosen. */
	g = f;
	g.chosen &= ~(1u << ruleset_action_index(rs, "k_eol"));
	n = rs->check(&g, r);
	CHECK(find(r, n, "kumamoto.optional_1")->status == RULE_NOT_MET);
	CHECK(strstr(find(r, n, "kumamoto.optional_1")->why, "任意項目") != NULL);
	/* 「…[基幹型]」「…[連携型]」: one of the two. */
	g = f;
	g.variant = "renkei";
	n = rs->check(&g, r);
	CHECK(find(r, n, "kumamoto.variant")->status == RULE_MET);
	g.variant = NULL;
	n = rs->check(&g, r);
	CHECK(find(r, n, "kumamoto.variant")->status == RULE_NOT_MET);
	g.variant = "other";
	n = rs->check(&g, r);
	CHECK(find(r, n, "kumamoto.variant")->status == RULE_NOT_MET);
}

/* seed 003: 「医療計画（在宅医療の体制構築に係る指針）における「在宅医療に必要な連携を担う拠点に求められる事項」」 */
static void test_kyoten(void)
{
	const struct ruleset *rs = &ruleset_renkei_kyoten;
	struct rule_result r[RULESET_RULES_MAX];
	CHECK(rs->nactions == 5);
	struct plan_facts f = facts(2026);
	for (size_t i = 0; i < rs->nactions; i++)
		choose(&f, rs, rs->actions[i].code, 1);
	size_t n = rs->check(&f, r);
	CHECK(n == 5 && ruleset_compliant(r, n));
	/* 「在宅医療に関する地域住民への普及啓発を実施すること」 not done yet. */
	f.evidence[ruleset_action_index(rs, "c_awareness")] = 0;
	n = rs->check(&f, r);
	CHECK(find(r, n, "kyoten.awareness")->status == RULE_NOT_MET);
	CHECK(find(r, n, "kyoten.awareness")->pending);
	CHECK(strstr(find(r, n, "kyoten.awareness")->seed, "普及啓発を実施すること") != NULL);
}

/* seed 003: 「在宅医療・介護連携推進事業における「PDCAサイクルに沿った取組」」 ①②③ */
static void test_kaigo(void)
{
	const struct ruleset *rs = &ruleset_kaigo_renkei;
	struct rule_result r[RULESET_RULES_MAX];
	struct plan_facts f = facts(2026);
	const char *all[] = {"ka", "ki", "ku", "ke", "ko", "kk", "kki"};
	for (size_t i = 0; i < 7; i++)
		choose(&f, rs, all[i], 1);
	size_t n = rs->check(&f, r);
	CHECK(n == 3);
	/* 「③対応策の評価・改善」 is not due during the year. */
	CHECK(find(r, n, "kaigo.phase3")->status == RULE_NOT_REQUIRED);
	CHECK(ruleset_compliant(r, n));
	f.year_ended = true;
	n = rs->check(&f, r);
	CHECK(find(r, n, "kaigo.phase3")->status == RULE_NOT_MET);
	f.evaluated = true;
	n = rs->check(&f, r);
	CHECK(ruleset_compliant(r, n));
	/* 「(ア) 地域の医療・介護の資源の把握」 left out of the plan → phase ① not met, naming it. */
	f.chosen &= ~1u;
	n = rs->check(&f, r);
	CHECK(find(r, n, "kaigo.phase1")->status == RULE_NOT_MET);
	CHECK(strstr(find(r, n, "kaigo.phase1")->why, "(ア)") != NULL);
	/* 「(カ) 医療・介護関係者の研修」 planned without evidence → phase ② not met. */
	f.chosen |= 1u;
	f.evidence[ruleset_action_index(rs, "kk")] = 0;
	n = rs->check(&f, r);
	CHECK(find(r, n, "kaigo.phase2")->status == RULE_NOT_MET);
	CHECK(strstr(find(r, n, "kaigo.phase2")->why, "(カ)") != NULL);
	/* (ク) (seed 004 only) is not required. */
	CHECK(find(r, n, "kaigo.phase1")->status == RULE_MET);
}

static void test_plan(void)
{
	struct zt_error e;
	CHECK(plan_fiscal_year_check(2026, 2026, &e) == ZT_OK);
	CHECK(plan_fiscal_year_check(2027, 2026, &e) == ZT_OK);
	CHECK(plan_fiscal_year_check(2028, 2026, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "fiscal_year");
	CHECK(plan_fiscal_year_check(2017, 2026, &e) == ZT_ERR_INVALID);
	CHECK(plan_fiscal_year_check(0, 2026, &e) == ZT_ERR_INVALID);
	struct plan_check c;
	plan_check_indicator(IND_CLINICS_CD, 10, 7, 5, &c);
	CHECK(c.percent == 70 && !c.achieved);
	CHECK(strstr(c.text, "目標10か所・実績7か所（70%）、前年度5か所") != NULL);
	plan_check_indicator(IND_EOL, 0, 3, -1, &c);
	CHECK(strstr(c.text, "目標なし") != NULL && !c.achieved);
	CHECK(plan_indicator_find("referrals_accepted") == IND_REFERRALS_ACCEPTED);
	CHECK(plan_indicator_find("x") == -1);
	char ja[32];
	plan_fiscal_year_ja(2026, ja, sizeof ja);
	CHECK_STR(ja, "令和8年度");
	plan_fiscal_year_ja(2019, ja, sizeof ja);
	CHECK_STR(ja, "令和元年度");
	plan_fiscal_year_ja(2018, ja, sizeof ja);
	CHECK_STR(ja, "平成30年度");
}

/* The evidence map: seed 002 「⑤在宅医療に取り組む医師で連携に向けた情報交換会の開催」 ← a meeting of kind exchange. */
static void test_evidence_map(void)
{
	const char *a[PLAN_EVIDENCE_ACTIONS_MAX];
	CHECK(plan_evidence_actions(&ruleset_osaka_coordinator, "meeting", "exchange", a, 4) == 1);
	CHECK_STR(a[0], "o5");
	CHECK(plan_evidence_actions(&ruleset_osaka_coordinator, "meeting", "public", a, 4) == 0);
	CHECK(plan_evidence_actions(&ruleset_osaka_coordinator, "referral", "", a, 4) == 1);
	CHECK_STR(a[0], "o6");
	/* seed 004 「在宅医療センター事業の連絡会の開催【必須項目】」 ← a meeting of kind liaison. */
	CHECK(plan_evidence_actions(&ruleset_kumamoto_centre, "meeting", "liaison", a, 4) == 1);
	CHECK_STR(a[0], "k_liaison");
	/* Every action named by the map exists in its rule set. */
	const char *sources[] = {"meeting", "visit", "referral", "escalation", "group", "initiative", "rota", "training", "survey"};
	const char *kinds[] = {"exchange", "liaison", "council", "care_conference", "training", "public", "support",
			       "patient_centred", "awareness_training", ""};
	for (size_t r = 0; r < nrulesets; r++)
		for (size_t s = 0; s < 9; s++)
			for (size_t k = 0; k < 10; k++) {
				size_t n = plan_evidence_actions(rulesets[r], sources[s], kinds[k], a, 4);
				for (size_t i = 0; i < n; i++)
					CHECK(ruleset_action_index(rulesets[r], a[i]) >= 0);
			}
	CHECK_STR(plan_evidence_source_ja("meeting"), "会議");
}

int main(void)
{
	test_evidence_map();
	test_registry();
	test_osaka();
	test_kumamoto();
	test_kyoten();
	test_kaigo();
	test_plan();
	UNIT_DONE();
}
