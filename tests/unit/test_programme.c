/* The coordinator programme's rules (issue 18; domain/programme.c): the yearly minimum of 情報交換会
 * (seed 002 ⑤), clinic stages A–D (seed 002 活動計画の立て方②), operator and meeting checks.
 * Links libzaitaku-core.a alone. */
#include "domain/programme.h"
#include "unit.h"

static struct stage_facts facts(uint32_t stds, int home_care /* -1 未確認 */, int eol /* -1 未確認 */)
{
	struct stage_facts f = {.standards = stds, .survey_visits = -1, .survey_deaths_last_year = -1};
	f.home_care_known = home_care >= 0;
	f.home_care = home_care == 1;
	f.end_of_life_known = eol >= 0;
	f.end_of_life = eol == 1;
	return f;
}

static void test_exchange_minimum(void)
{
	/* seed 002 ⑤「在宅医療に取り組む医師で連携に向けた情報交換会の開催（年3回以上）」 */
	CHECK(meeting_kind_minimum(MK_EXCHANGE) == 3);
	CHECK(meeting_kind_minimum(MK_LIAISON) == 0);
	int held[MK__MAX] = {0}, planned[MK__MAX] = {0};
	struct meeting_tally t[MK__MAX];
	/* November of FY2026: one held, one planned → short of three while the year runs */
	held[MK_EXCHANGE] = 1;
	planned[MK_EXCHANGE] = 1;
	meeting_tally(2026, "2026-11-30", held, planned, t);
	CHECK(t[MK_EXCHANGE].short_of && !t[MK_EXCHANGE].missed);
	CHECK(!t[MK_LIAISON].short_of && !t[MK_LIAISON].missed);
	/* a third one planned: no warning */
	planned[MK_EXCHANGE] = 2;
	meeting_tally(2026, "2026-11-30", held, planned, t);
	CHECK(!t[MK_EXCHANGE].short_of);
	/* the year over (April 2027) with two held: missed, whatever was planned */
	held[MK_EXCHANGE] = 2;
	planned[MK_EXCHANGE] = 0;
	meeting_tally(2026, "2027-04-01", held, planned, t);
	CHECK(t[MK_EXCHANGE].missed && !t[MK_EXCHANGE].short_of);
	held[MK_EXCHANGE] = 3;
	meeting_tally(2026, "2027-04-01", held, planned, t);
	CHECK(!t[MK_EXCHANGE].missed);
	/* the fiscal year runs April–March */
	CHECK(programme_fiscal_year("2027-03-31") == 2026);
	CHECK(programme_fiscal_year("2027-04-01") == 2027);
	CHECK(programme_fiscal_year("2027-02-30") == 0);
}

static void test_stages(void)
{
	struct stage_result r;
	/* 「実績をもつ診療所を増やしていく際に、それぞれの段階（上記A～D）で必要な対策を考えてみる」 (seed 002 STEP2) */
	clinic_stage_derive(&(struct stage_facts){0}, &r);
	struct stage_facts f = facts(0, 0, -1);
	clinic_stage_derive(&f, &r);
	CHECK(r.stage == STAGE_A && !r.uncertain);
	f = facts(0, -1, -1); /* home care 未確認: A, but uncertain */
	clinic_stage_derive(&f, &r);
	CHECK(r.stage == STAGE_A && r.uncertain);
	f.survey_visits = 1; /* the survey says はい → B */
	clinic_stage_derive(&f, &r);
	CHECK(r.stage == STAGE_B);
	f = facts(0, 1, -1);
	clinic_stage_derive(&f, &r);
	CHECK(r.stage == STAGE_B);
	f = facts(1u << STD_ZAISHIN_CONVENTIONAL, 1, 0);
	clinic_stage_derive(&f, &r);
	CHECK(r.stage == STAGE_C);
	f = facts(1u << STD_ZAISHIN_CONVENTIONAL, 1, 1); /* 在支診 with 看取り → D */
	clinic_stage_derive(&f, &r);
	CHECK(r.stage == STAGE_D);
	f = facts(1u << STD_ZAISHIN_CONVENTIONAL, 1, -1);
	f.survey_deaths_last_year = 2; /* 4③ 昨年度の看取り患者数 */
	clinic_stage_derive(&f, &r);
	CHECK(r.stage == STAGE_D);
	f = facts(1u << STD_ZAISHIN_ENHANCED_LINKED, -1, -1); /* 機能強化型 → D */
	clinic_stage_derive(&f, &r);
	CHECK(r.stage == STAGE_D);
	/* 看取り confirmed but no 在支診: still B (the stage rests on the filing) */
	f = facts(0, 1, 1);
	clinic_stage_derive(&f, &r);
	CHECK(r.stage == STAGE_B);
}

static void test_checks(void)
{
	struct zt_error e;
	struct operator_def o = {.kind = OPK_COORDINATOR, .prefecture = "27", .association_id = 5, .first_fiscal_year = 2024,
				 .cap_units = 1};
	snprintf(o.name, sizeof o.name, "%s", "大阪市東成区医師会");
	CHECK(operator_check(&o, &e) == ZT_OK);
	/* the 区 / 箇所 its caps apply to (札幌市は各区ごと): 1–100 */
	o.cap_units = 0;
	CHECK(operator_check(&o, &e) == ZT_ERR_INVALID && strcmp(e.field, "cap_units") == 0);
	o.cap_units = 101;
	CHECK(operator_check(&o, &e) == ZT_ERR_INVALID && strcmp(e.field, "cap_units") == 0);
	o.cap_units = 10;
	CHECK(operator_check(&o, &e) == ZT_OK);
	o.association_id = 0;
	CHECK(operator_check(&o, &e) == ZT_ERR_INVALID && strcmp(e.field, "association_id") == 0);
	o.kind = OPK_MUNICIPAL;
	snprintf(o.municipality, sizeof o.municipality, "%s", "012025");
	CHECK(operator_check(&o, &e) == ZT_ERR_INVALID && strcmp(e.field, "municipality") == 0); /* another prefecture */
	static struct meeting m;
	m.operator_id = 1;
	m.kind = MK_EXCHANGE;
	snprintf(m.title, sizeof m.title, "%s", "第1回 情報交換会");
	snprintf(m.held_on, sizeof m.held_on, "%s", "2026-06-10");
	CHECK(meeting_check(&m, &e) == ZT_OK);
	snprintf(m.start_time, sizeof m.start_time, "%s", "19:00");
	snprintf(m.end_time, sizeof m.end_time, "%s", "18:00");
	CHECK(meeting_check(&m, &e) == ZT_ERR_INVALID && strcmp(e.field, "end_time") == 0);
	m.end_time[0] = '\0';
	m.npeople = 1;
	m.people[0].attended = -1;
	CHECK(meeting_check(&m, &e) == ZT_ERR_INVALID && strcmp(e.field, "people[0].name") == 0);
	m.people[0].institution_id = 3;
	m.nactions = 1;
	snprintf(m.actions[0].text, sizeof m.actions[0].text, "%s", "後方支援病院へ協力依頼");
	CHECK(meeting_check(&m, &e) == ZT_ERR_INVALID && strcmp(e.field, "actions[0].owner") == 0);
}

int main(void)
{
	test_exchange_minimum();
	test_stages();
	test_checks();
	UNIT_DONE();
}
