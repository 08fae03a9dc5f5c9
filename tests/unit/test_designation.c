/* Unit tests of the designation rules (seed 001), the support centre items (seed 004), the
 * coverage audit and the obligation checklists. */
#include <stdio.h>
#include <stdlib.h>

#include "domain/coverage.h"
#include "domain/designation.h"
#include "domain/obligations.h"
#include "unit.h"

#define A_MUNI "082228" /* 鹿嶋市 */
#define B_MUNI "082236" /* 潮来市 */
#define C_MUNI "082333" /* 行方市 (no 在支病/在支診) */
#define D_MUNI "082341" /* 鉾田市 */
#define X_MUNI "082015" /* 水戸市: another 二次医療圏 */

static struct dw_muni munis[] = {
	{A_MUNI, "鹿嶋市", 1, true, 35.966, 140.644, 66000},
	{B_MUNI, "潮来市", 1, true, 35.947, 140.555, 27000},
	{C_MUNI, "行方市", 1, true, 35.990, 140.489, 32000},
	{D_MUNI, "鉾田市", 1, true, 36.158, 140.516, 47000},
	{X_MUNI, "水戸市", 2, true, 36.366, 140.471, 270000},
};

static struct desig_inst insts[] = {
	{1, KIND_CLINIC, "鹿嶋従来型クリニック", A_MUNI, 1u << STD_ZAISHIN_CONVENTIONAL, true, 0, true, 35.966, 140.644, false, false},
	{2, KIND_CLINIC, "鹿嶋強化型クリニック", A_MUNI, 1u << STD_ZAISHIN_ENHANCED_LINKED, true, 0, true, 35.96, 140.64, false, false},
	{3, KIND_HOSPITAL, "潮来在支病", B_MUNI, 1u << STD_ZAIBYO_CONVENTIONAL, true, 120, true, 35.947, 140.555, false, false},
	{4, KIND_HOSPITAL, "潮来強化型在支病", B_MUNI, 1u << STD_ZAIBYO_ENHANCED_SOLO, true, 200, true, 35.95, 140.56, false, false},
	{5, KIND_CLINIC, "潮来在支診", B_MUNI, 1u << STD_ZAISHIN_ENHANCED_SOLO, true, 0, true, 35.95, 140.55, false, false},
	{6, KIND_HOSPITAL, "水戸在支病", X_MUNI, 1u << STD_ZAIBYO_CONVENTIONAL, true, 300, true, 36.366, 140.471, false, false},
	{7, KIND_NURSE_STATION, "行方訪問看護", C_MUNI, 0, true, 0, true, 35.99, 140.49, false, false},
	{8, KIND_MUNICIPALITY, "行方市 在宅医療・介護連携相談窓口", C_MUNI, 0, false, 0, false, 0, 0, false, false},
	{9, KIND_MEDICAL_ASSOCIATION, "鹿行医師会", A_MUNI, 0, false, 0, false, 0, 0, false, false},
	{10, KIND_COMMUNITY_SUPPORT, "行方市地域包括支援センター", C_MUNI, 0, false, 0, false, 0, 0, false, false},
};

static struct dw_adj adj[] = {
	{C_MUNI, B_MUNI}, {C_MUNI, A_MUNI}, {C_MUNI, X_MUNI}, {D_MUNI, X_MUNI},
};
static struct dw_cover covers[] = {{9, C_MUNI}, {9, A_MUNI}};
static struct dw_area care_areas[] = {{100, "鹿行南部"}, {101, "鹿行北部"}};
static struct dw_member care_members[] = {{100, A_MUNI}, {100, B_MUNI}, {100, C_MUNI}, {101, D_MUNI}};

static struct desig_world world(void)
{
	struct desig_world w = {.prefecture = "08"};
	w.munis = munis, w.nmunis = sizeof munis / sizeof munis[0];
	w.insts = insts, w.ninsts = sizeof insts / sizeof insts[0];
	w.adj = adj, w.nadj = sizeof adj / sizeof adj[0];
	w.covers = covers, w.ncovers = sizeof covers / sizeof covers[0];
	w.care_areas = care_areas, w.ncare_areas = 2;
	w.care_members = care_members, w.ncare_members = sizeof care_members / sizeof care_members[0];
	return w;
}

/* seed 001: 「①在宅療養支援病院（各市町村に複数ある場合1箇所以上を選定）」 — every 在支病, any type. */
static void test_rule_zaibyo(void)
{
	struct desig_world w = world();
	struct desig_candidate c[DESIG_MAX_CANDIDATES];
	size_t n = desig_active_candidates(&w, B_MUNI, c, DESIG_MAX_CANDIDATES);
	CHECK(n == 2);
	CHECK(c[0].institution_id == 3 && c[0].rule == RULE_ZAIBYO);
	CHECK(c[1].institution_id == 4 && c[1].rule == RULE_ZAIBYO);
	CHECK(!desig_candidates_contain(c, n, 5)); /* 在支診 only when there is no 在支病 */
}

/* seed 001: 「【在宅療養支援病院がない場合】②在宅療養支援診療所 … ②-1 複数の在宅療養支援診療所がある場合
 * 「機能強化型」を優先して選定する」. */
static void test_rule_zaishin_enhanced_first(void)
{
	struct desig_world w = world();
	struct desig_candidate c[DESIG_MAX_CANDIDATES];
	size_t n = desig_active_candidates(&w, A_MUNI, c, DESIG_MAX_CANDIDATES);
	CHECK(n == 2);
	CHECK(c[0].institution_id == 2 && c[0].rule == RULE_ZAISHIN_ENHANCED);
	CHECK(c[1].institution_id == 1 && c[1].rule == RULE_ZAISHIN);
	CHECK_STR(desig_rules[c[0].rule].code, "zaishin_enhanced");
}

/* seed 001: 「【在宅療養支援病院、診療所ともにない場合】③二次医療圏内の近隣市町村の在宅療養支援病院・
 * 在宅療養支援診療所」 — neighbours in another 二次医療圏 (水戸市) are not candidates. */
static void test_rule_neighbour(void)
{
	struct desig_world w = world();
	struct desig_candidate c[DESIG_MAX_CANDIDATES];
	size_t n = desig_active_candidates(&w, C_MUNI, c, DESIG_MAX_CANDIDATES);
	CHECK(n == 5);
	CHECK(c[0].rule == RULE_NEIGHBOUR_ZAIBYO && c[0].institution_id == 3);
	CHECK_STR(c[0].from_municipality, B_MUNI);
	CHECK(c[1].rule == RULE_NEIGHBOUR_ZAIBYO && c[1].institution_id == 4);
	CHECK(c[2].rule == RULE_NEIGHBOUR_ZAISHIN); /* 機能強化型 first among the neighbours' 在支診 */
	CHECK(!desig_candidates_contain(c, n, 6));  /* 水戸市 is in another 二次医療圏 */
	CHECK(!desig_candidates_contain(c, n, 7));  /* a nurse station is never a candidate */
	/* 鉾田市: its only neighbour is in another 二次医療圏 → no candidate at all. */
	CHECK(desig_active_candidates(&w, D_MUNI, c, DESIG_MAX_CANDIDATES) == 0);
}

/* seed 001 拠点: 「①市町村が…設置している在宅医療・介護連携に関する相談窓口 ②地域医師会、医療法人等関係団体
 * ③市町村や市町村が委託している地域包括支援センター」 in this order. */
static void test_base_order(void)
{
	struct desig_world w = world();
	struct desig_candidate c[DESIG_MAX_CANDIDATES];
	size_t n = desig_base_candidates(&w, C_MUNI, c, DESIG_MAX_CANDIDATES);
	CHECK(n == 3);
	CHECK(c[0].institution_id == 8 && c[0].rule == RULE_BASE_DESK);
	CHECK(c[1].institution_id == 9 && c[1].rule == RULE_BASE_ASSOCIATION);
	CHECK(c[2].institution_id == 10 && c[2].rule == RULE_BASE_COMMUNITY);
}

/* DOMAIN.md: only medical institutions are eligible as 積極的役割; overrides need a reason. */
static void test_request_checks(void)
{
	struct zt_error e;
	CHECK(desig_check_request(DROLE_ACTIVE, DBASIS_OVERRIDE, &insts[6], "近い", "2024-2029", &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "institution_id");
	CHECK(strstr(e.message, "医療機関") != NULL);
	CHECK(desig_check_request(DROLE_BASE, DBASIS_RULE, &insts[7], "", "2024-2029", &e) == ZT_OK);
	CHECK(desig_check_request(DROLE_ACTIVE, DBASIS_OVERRIDE, &insts[0], "", "2024-2029", &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "reason");
	CHECK(desig_check_request(DROLE_ACTIVE, DBASIS_VOLUNTEER, &insts[0], "", "2029-2024", &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "plan_period");
	CHECK(desig_check_request(DROLE_ACTIVE, DBASIS_VOLUNTEER, &insts[0], "", "2024-2029", &e) == ZT_OK);
	CHECK(desig_check_request(DROLE_ACTIVE, DBASIS_RULE, NULL, "", "2024-2029", &e) == ZT_ERR_INVALID);
}

/*
 * The request classification (desig_classify_request) over a world. seed 001: 「②在宅療養支援診療所
 * （各市町村に複数ある場合1箇所以上を選定）」 and 「②-1 複数の在宅療養支援診療所がある場合「機能強化型」を
 * 優先して選定する」: both clinics of 鹿嶋市 are candidates, each under its own rule; an institution of
 * another 二次医療圏 is not a candidate by rule (手挙げ or 個別判断 instead); a role is held once.
 */
static void test_classify_request(void)
{
	struct desig_world w = world();
	struct zt_error e;
	int beds = -1;
	struct dw_designation d = {.muni = A_MUNI, .institution_id = 1, .role = DROLE_ACTIVE, .basis = DBASIS_RULE,
				   .plan_period = "2024-2029"};
	CHECK(desig_classify_request(&w, "2027-04-01", &d, &beds, &e) == ZT_OK);
	CHECK_STR(d.rule, desig_rules[RULE_ZAISHIN].code);
	CHECK_STR(d.valid_from, "2027-04-01");
	CHECK(beds == 0);
	d.institution_id = 2, d.rule[0] = '\0';
	snprintf(d.valid_from, sizeof d.valid_from, "2024-04-01");
	CHECK(desig_classify_request(&w, "2027-04-01", &d, &beds, &e) == ZT_OK);
	CHECK_STR(d.rule, desig_rules[RULE_ZAISHIN_ENHANCED].code);
	CHECK_STR(d.valid_from, "2024-04-01"); /* a given date is kept */

	struct dw_designation x = {.muni = A_MUNI, .institution_id = 6, .role = DROLE_ACTIVE, .basis = DBASIS_RULE,
				   .plan_period = "2024-2029"};
	CHECK(desig_classify_request(&w, "2027-04-01", &x, &beds, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "basis");
	CHECK(strstr(e.message, "水戸在支病") != NULL);
	x.basis = DBASIS_VOLUNTEER;
	CHECK(desig_classify_request(&w, "2027-04-01", &x, &beds, &e) == ZT_OK);
	CHECK_STR(x.rule, "");
	CHECK(beds == 300);

	struct dw_designation y = {.muni = "089999", .institution_id = 1, .role = DROLE_ACTIVE, .basis = DBASIS_RULE,
				   .plan_period = "2024-2029"};
	CHECK(desig_classify_request(&w, "2027-04-01", &y, &beds, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "municipality");
	struct dw_designation z = {.muni = A_MUNI, .institution_id = 7, .role = DROLE_ACTIVE, .basis = DBASIS_VOLUNTEER,
				   .plan_period = "2024-2029"};
	CHECK(desig_classify_request(&w, "2027-04-01", &z, &beds, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "institution_id"); /* only medical institutions may take the active role */

	/* the same institution in the same role and municipality once; another municipality is free */
	struct dw_designation held[] = {{.id = 42, .muni = A_MUNI, .institution_id = 1, .role = DROLE_ACTIVE}};
	w.desigs = held, w.ndesigs = 1;
	struct dw_designation again = {.muni = A_MUNI, .institution_id = 1, .role = DROLE_ACTIVE, .basis = DBASIS_RULE,
				       .plan_period = "2024-2029"};
	CHECK(desig_classify_request(&w, "2027-04-01", &again, &beds, &e) == ZT_ERR_CONFLICT);
	CHECK_STR(e.field, "institution_id");
	CHECK(strstr(e.message, "42") != NULL);
	held[0].role = DROLE_BASE;
	CHECK(desig_classify_request(&w, "2027-04-01", &again, &beds, &e) == ZT_OK);
	held[0].role = DROLE_ACTIVE;
	snprintf(held[0].muni, sizeof held[0].muni, "%s", B_MUNI);
	CHECK(desig_classify_request(&w, "2027-04-01", &again, &beds, &e) == ZT_OK);
}

/* seed 004: 「、、及び は必須項目、それ以外の項目は任意項目とし、任意項目からは 1 項目以上を選択する」. */
static void test_support_centre_items(void)
{
	char msgs[SC_ITEM__MAX + 1][256];
	uint32_t mandatory = 1u << SC_EMERGENCY | 1u << SC_ADMISSION | 1u << SC_VISIT_INCREASE | 1u << SC_LIAISON;
	CHECK(sc_item_problems(mandatory | 1u << SC_AWARENESS, msgs, SC_ITEM__MAX + 1) == 0);
	CHECK(sc_item_problems(mandatory, msgs, SC_ITEM__MAX + 1) == 1); /* no optional item */
	CHECK(strstr(msgs[0], "任意項目") != NULL);
	CHECK(sc_item_problems((mandatory & ~(1u << SC_LIAISON)) | 1u << SC_LOCAL, msgs, SC_ITEM__MAX + 1) == 1);
	CHECK(strstr(msgs[0], "連絡会") != NULL);
	CHECK(sc_item_problems(0, msgs, SC_ITEM__MAX + 1) == 5);
	/* 「病床を有し多職種を配置する医療機関…[基幹型]」「複数医療機関等のグループ…代表する医療機関等…[連携型]」 */
	struct zt_error e;
	CHECK(sc_check_operator(SC_CORE, &insts[3], &e) == ZT_OK);       /* hospital with 200 beds */
	CHECK(sc_check_operator(SC_CORE, &insts[1], &e) == ZT_ERR_INVALID); /* clinic without beds */
	CHECK(strstr(e.message, "連携型") != NULL);
	CHECK(sc_check_operator(SC_LINKED, &insts[1], &e) == ZT_OK);
	CHECK(sc_check_operator(SC_LINKED, &insts[8], &e) == ZT_ERR_INVALID); /* 医師会 is not a medical institution */
}

/* seed 001: 「在宅医療において積極的役割を担う医療機関及び在宅医療に必要な連携を担う拠点を圏域内に少なくとも
 * 1つは設定すること」 and the 16 km share (geo.h). */
static void test_coverage(void)
{
	struct desig_world w = world();
	struct dw_designation d[2] = {
		{.id = 1, .muni = A_MUNI, .institution_id = 2, .role = DROLE_ACTIVE},
		{.id = 2, .muni = C_MUNI, .institution_id = 8, .role = DROLE_BASE},
	};
	w.desigs = d, w.ndesigs = 2;
	struct coverage_area a;
	coverage_area_audit(&w, &care_areas[0], &a);
	CHECK(a.nactive == 1 && a.nbase == 1);
	CHECK(a.by_population && a.pop_far == 0 && a.ok);
	coverage_area_audit(&w, &care_areas[1], &a);
	CHECK(a.nactive == 0 && a.nbase == 0 && !a.ok);
	/* 鉾田市 is ~20 km from 行方・潮来・鹿嶋's clinics and ~25 km from 水戸's hospital. */
	CHECK(a.pop_far == 47000 && a.far_share > 0.99);
	CHECK(a.nproblems == 3);
	/* Lacking a population, the share is over centroids. */
	munis[3].population = -1;
	coverage_area_audit(&w, &care_areas[1], &a);
	CHECK(!a.by_population && a.munis_far == 1 && a.munis_judged == 1);
	munis[3].population = 47000;
	/* The capable set: clinic with home care or 在支診, hospital only with 在支病. */
	struct desig_inst h = {.kind = KIND_HOSPITAL, .home_care = true};
	CHECK(!coverage_home_care_capable(&h));
	h.standards = 1u << STD_ZAIBYO_CONVENTIONAL;
	CHECK(coverage_home_care_capable(&h));
	CHECK(!coverage_home_care_capable(&insts[6]));
	struct dw_centre ctr = {.id = 1, .medical_area_id = 1, .type = SC_CORE, .items = 1u << SC_EMERGENCY};
	struct dw_area ma = {1, "鹿行"};
	struct coverage_medical_area m;
	coverage_medical_area_audit(&w, &ma, &m);
	CHECK(m.centre == NULL && !m.ok && m.nproblems == 1);
	w.centres = &ctr, w.ncentres = 1;
	coverage_medical_area_audit(&w, &ma, &m);
	CHECK(m.centre == &ctr && m.nproblems == 4); /* three mandatory missing + no optional */
}

/* seed 001 求められる事項 as checklist items; overdue when not done after the due date. */
static void test_obligations(void)
{
	size_t active = 0, active_nobeds = 0, base = 0;
	for (size_t i = 0; i < obligations_count; i++) {
		active += obligation_applies(i, DROLE_ACTIVE, 19);
		active_nobeds += obligation_applies(i, DROLE_ACTIVE, 0);
		base += obligation_applies(i, DROLE_BASE, 0);
	}
	CHECK(active == 8 && active_nobeds == 7 && base == 5);
	CHECK(obligation_lookup("bcp") >= 0);
	CHECK(strstr(obligations[obligation_lookup("bcp")].ja, "人工呼吸器") != NULL);
	CHECK(strstr(obligations[obligation_lookup("emergency_rules")].ja, "消防") != NULL);
	CHECK(obligation_lookup("nope") == -1);
	CHECK(oblig_overdue(OST_DOING, "2025-03-31", "2025-04-01"));
	CHECK(!oblig_overdue(OST_DONE, "2025-03-31", "2025-04-01"));
	CHECK(!oblig_overdue(OST_TODO, "", "2025-04-01"));
	struct oblig_item it = {.idx = 0, .status = OST_DONE};
	struct zt_error e;
	CHECK(oblig_item_validate(&it, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "done_date");
	snprintf(it.done_date, sizeof it.done_date, "2025-02-30");
	CHECK(oblig_item_validate(&it, &e) == ZT_ERR_INVALID);
	snprintf(it.done_date, sizeof it.done_date, "2025-02-28");
	CHECK(oblig_item_validate(&it, &e) == ZT_OK);
}

/* issue 12 §3: seed 001's 積極的役割を担う医療機関 provides 24h home care itself; a choice resting on
 * an unconfirmed 24時間対応 / 訪問診療 is warned about, the 拠点 role is not concerned. */
static void test_fact_warnings(void)
{
	struct desig_inst in = insts[0];
	char msgs[2][256];
	CHECK(desig_fact_warnings(DROLE_ACTIVE, &in, msgs, 2) == 0);
	in.h24_unconfirmed = true;
	CHECK(desig_fact_warnings(DROLE_ACTIVE, &in, msgs, 2) == 1);
	CHECK_STR(msgs[0], "「鹿嶋従来型クリニック」の24時間対応は未確認です。");
	in.home_care_unconfirmed = true;
	CHECK(desig_fact_warnings(DROLE_ACTIVE, &in, msgs, 2) == 2);
	CHECK(desig_fact_warnings(DROLE_ACTIVE, &in, msgs, 1) == 1);
	CHECK(desig_fact_warnings(DROLE_BASE, &in, msgs, 2) == 0);
}

int main(void)
{
	test_fact_warnings();
	test_rule_zaibyo();
	test_rule_zaishin_enhanced_first();
	test_rule_neighbour();
	test_base_order();
	test_request_checks();
	test_classify_request();
	test_support_centre_items();
	test_coverage();
	test_obligations();
	UNIT_DONE();
}
