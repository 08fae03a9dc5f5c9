/* Unit tests of the designation rules (seed 001), the support centre items (seed 004), the
 * coverage audit and the obligation checklists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	{1, KIND_CLINIC, "鹿嶋従来型クリニック", A_MUNI, 1u << STD_ZAISHIN_CONVENTIONAL, true, 0, true, 35.966, 140.644, false, false, true, false},
	{2, KIND_CLINIC, "鹿嶋強化型クリニック", A_MUNI, 1u << STD_ZAISHIN_ENHANCED_LINKED, true, 0, true, 35.96, 140.64, false, false, true, false},
	{3, KIND_HOSPITAL, "潮来在支病", B_MUNI, 1u << STD_ZAIBYO_CONVENTIONAL, true, 120, true, 35.947, 140.555, false, false, true, false},
	{4, KIND_HOSPITAL, "潮来強化型在支病", B_MUNI, 1u << STD_ZAIBYO_ENHANCED_SOLO, true, 200, true, 35.95, 140.56, false, false, true, false},
	{5, KIND_CLINIC, "潮来在支診", B_MUNI, 1u << STD_ZAISHIN_ENHANCED_SOLO, true, 0, true, 35.95, 140.55, false, false, true, false},
	{6, KIND_HOSPITAL, "水戸在支病", X_MUNI, 1u << STD_ZAIBYO_CONVENTIONAL, true, 300, true, 36.366, 140.471, false, false, true, false},
	{7, KIND_NURSE_STATION, "行方訪問看護", C_MUNI, 0, true, 0, true, 35.99, 140.49, false, false, false, false},
	{8, KIND_MUNICIPALITY, "行方市 在宅医療・介護連携相談窓口", C_MUNI, 0, false, 0, false, 0, 0, false, false, false, false},
	{9, KIND_MEDICAL_ASSOCIATION, "鹿行医師会", A_MUNI, 0, false, 0, false, 0, 0, false, false, false, false},
	{10, KIND_COMMUNITY_SUPPORT, "行方市地域包括支援センター", C_MUNI, 0, false, 0, false, 0, 0, false, false, false, false},
};

static struct dw_adj adj[] = {
	{C_MUNI, B_MUNI}, {C_MUNI, A_MUNI}, {C_MUNI, X_MUNI}, {D_MUNI, X_MUNI},
};
static struct dw_cover covers[] = {{9, C_MUNI}, {9, A_MUNI}};
static struct dw_area care_areas[] = {{100, "鹿行南部"}, {101, "鹿行北部"}};
static struct dw_desk desks[] = {{C_MUNI, 8}};
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
	w.desks = desks, w.ndesks = 1;
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
	CHECK(c[0].adjacent && c[0].distance_km > 0 && c[0].distance_km < 10);
}

/* seed 001: 「③二次医療圏内の近隣市町村の在宅療養支援病院」 — 近隣 is not only 隣接 (issue 13 item 10): 鉾田市
 * touches only 水戸市 (another 二次医療圏), yet the 在支病・在支診 of 潮来市・鹿嶋市 in its own 二次医療圏 are
 * candidates, nearest first; an adjacent municipality comes before a nearer one that is not. */
static void test_rule_nearby_by_distance(void)
{
	struct desig_world w = world();
	struct desig_candidate c[DESIG_MAX_CANDIDATES];
	size_t n = desig_active_candidates(&w, D_MUNI, c, DESIG_MAX_CANDIDATES);
	CHECK(n == 5);
	CHECK(c[0].rule == RULE_NEIGHBOUR_ZAIBYO && c[0].institution_id == 3 && !c[0].adjacent);
	CHECK(!desig_candidates_contain(c, n, 6)); /* 水戸市 is adjacent but in another 二次医療圏 */
	/* 在支診: 潮来市 (~24 km) before 鹿嶋市 (~26 km) */
	CHECK(c[2].institution_id == 5 && c[3].institution_id == 2 && c[4].institution_id == 1);
	CHECK(c[2].distance_km < c[3].distance_km);
	/* adjacency first: make 鹿嶋市 adjacent to 鉾田市 and its 在支診 come first */
	struct dw_adj more[] = {{C_MUNI, B_MUNI}, {C_MUNI, A_MUNI}, {C_MUNI, X_MUNI}, {D_MUNI, X_MUNI}, {A_MUNI, D_MUNI}};
	w.adj = more, w.nadj = 5;
	n = desig_active_candidates(&w, D_MUNI, c, DESIG_MAX_CANDIDATES);
	CHECK(c[2].institution_id == 2 && c[2].adjacent);
	/* a municipality in no 二次医療圏 has no rule ③ and is named by the audit */
	munis[3].medical_area_id = 0;
	w.nmedical_areas = 1;
	struct dw_area ma = {1, "鹿行"};
	w.medical_areas = &ma;
	CHECK(desig_active_candidates(&w, D_MUNI, c, DESIG_MAX_CANDIDATES) == 0);
	char msgs[5][512];
	CHECK(coverage_placement_problems(&w, msgs, 5) == 2); /* and 水戸市 is in no 圏域 of this world */
	CHECK(strstr(msgs[0], "二次医療圏に属していない") && strstr(msgs[0], "鉾田市"));
	CHECK(strstr(msgs[1], "圏域に属していない") && strstr(msgs[1], "水戸市"));
	munis[3].medical_area_id = 1;
	/* … and one in no 圏域 too */
	w.ncare_members = 3;
	CHECK(coverage_placement_problems(&w, msgs, 5) == 1);
	CHECK(strstr(msgs[0], "圏域に属していない") && strstr(msgs[0], "鉾田市"));
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
	/* ① and ③ kept apart: without a recorded 相談窓口 the municipality itself is a ③ candidate */
	w.ndesks = 0;
	n = desig_base_candidates(&w, C_MUNI, c, DESIG_MAX_CANDIDATES);
	CHECK(n == 3 && c[0].rule == RULE_BASE_ASSOCIATION);
	CHECK(c[1].institution_id == 8 && c[1].rule == RULE_BASE_COMMUNITY);
}

/* seed 001 拠点①: 「＊在宅医療における積極的役割を担う医療機関と同一も可」; 指針: 「前項の在宅医療において積極的
 * 役割を担う医療機関が在宅医療に必要な連携を担う拠点となることも可能である」 — a rule candidate, not an override. */
static void test_base_same_as_active(void)
{
	struct desig_world w = world();
	struct dw_designation held[] = {{.id = 7, .muni = A_MUNI, .institution_id = 2, .role = DROLE_ACTIVE}};
	w.desigs = held, w.ndesigs = 1;
	struct desig_candidate c[DESIG_MAX_CANDIDATES];
	size_t n = desig_base_candidates(&w, A_MUNI, c, DESIG_MAX_CANDIDATES);
	CHECK(n == 2 && c[0].institution_id == 2 && c[0].rule == RULE_BASE_ACTIVE);
	CHECK(c[1].rule == RULE_BASE_ASSOCIATION);
	struct dw_designation d = {.muni = A_MUNI, .institution_id = 2, .role = DROLE_BASE, .basis = DBASIS_RULE,
				   .plan_period = "2024-2029"};
	struct zt_error e;
	int beds;
	CHECK(desig_classify_request(&w, "2027-04-01", &d, &beds, &e) == ZT_OK);
	CHECK_STR(d.rule, "base_active");
}

/* 指針 第2 2(6): 「病院、診療所、訪問看護事業所、地域医師会等関係団体、保健所、市町村等の主体のいずれかを在宅医療に
 * 必要な連携を担う拠点として医療計画に位置付けること」 — and nothing else. */
static void test_base_kinds(void)
{
	CHECK(desig_base_kind_allowed(KIND_HOSPITAL) && desig_base_kind_allowed(KIND_CLINIC));
	CHECK(desig_base_kind_allowed(KIND_NURSE_STATION) && desig_base_kind_allowed(KIND_MEDICAL_ASSOCIATION));
	CHECK(desig_base_kind_allowed(KIND_HEALTH_CENTRE) && desig_base_kind_allowed(KIND_MUNICIPALITY));
	CHECK(desig_base_kind_allowed(KIND_COMMUNITY_SUPPORT)); /* 市町村が委託している地域包括支援センター */
	CHECK(!desig_base_kind_allowed(KIND_PHARMACY) && !desig_base_kind_allowed(KIND_CARE_MANAGEMENT));
	CHECK(!desig_base_kind_allowed(KIND_FIRE_DEPARTMENT) && !desig_base_kind_allowed(KIND_DENTAL));
	struct desig_inst ph = {.id = 50, .kind = KIND_PHARMACY, .name = "薬局"};
	struct zt_error e;
	CHECK(desig_check_request(DROLE_BASE, DBASIS_OVERRIDE, &ph, "理由", "2024-2029", &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "institution_id");
	CHECK(strstr(e.message, "連携を担う拠点") != NULL);
}

/* seed 001: 「自ら24時間対応体制の在宅医療を提供するとともに…病院・診療所」「在宅療養支援診療所及び在宅療養支援病院等
 * …の中から位置付けることが想定される」 — volunteers and overrides too (issue 13 item 7). */
static void test_active_definition(void)
{
	struct zt_error e;
	char warn[256];
	struct desig_inst cl = {.id = 60, .kind = KIND_CLINIC, .name = "外来クリニック"}; /* facts confirmed: なし */
	CHECK(desig_active_definition(&cl, warn, &e) == ZT_ERR_INVALID); /* 24h なし */
	CHECK(strstr(e.message, "24時間対応「なし」") != NULL);
	CHECK(desig_check_request(DROLE_ACTIVE, DBASIS_VOLUNTEER, &cl, "", "2024-2029", &e) == ZT_ERR_INVALID);
	CHECK(desig_check_request(DROLE_ACTIVE, DBASIS_OVERRIDE, &cl, "地域の事情", "2024-2029", &e) == ZT_ERR_INVALID);
	cl.h24 = true; /* 24h but no home care */
	CHECK(desig_active_definition(&cl, warn, &e) == ZT_ERR_INVALID);
	cl.home_care = true; /* 24h home care without a filing: met, with the principle noted */
	CHECK(desig_active_definition(&cl, warn, &e) == ZT_OK);
	CHECK(strstr(warn, "原則") != NULL);
	cl.h24 = false, cl.h24_unconfirmed = true; /* 未確認 */
	CHECK(desig_active_definition(&cl, warn, &e) == ZT_ERR_INVALID);
	CHECK(strstr(e.message, "未確認") != NULL);
	cl.standards = 1u << STD_ZAISHIN_CONVENTIONAL; /* a 在支診 with 24h 未確認: met, and warned about */
	CHECK(desig_active_definition(&cl, warn, &e) == ZT_OK);
	char msgs[2][256];
	CHECK(desig_fact_warnings(DROLE_ACTIVE, &cl, msgs, 2) == 1 && strstr(msgs[0], "未確認") != NULL);
	cl.h24_unconfirmed = false; /* a 在支診 recorded without 24h: the facts contradict the definition */
	CHECK(desig_active_definition(&cl, warn, &e) == ZT_ERR_INVALID);
}

/* issue 13 item 8: designations in force are re-checked when the facts change — seed 001 ①
 * 「在宅療養支援病院」 rests on the 在支病 filing. */
static void test_requirement_unmet(void)
{
	struct desig_world w = world();
	struct dw_designation d = {.id = 1, .muni = B_MUNI, .institution_id = 3, .role = DROLE_ACTIVE, .basis = DBASIS_RULE,
				   .rule = "zaibyo"};
	char why[256];
	CHECK(!desig_requirement_unmet(&w, &d, why, sizeof why));
	uint32_t keep = insts[2].standards;
	insts[2].standards = 0; /* the bureau list no longer carries its 在支病 filing */
	insts[2].home_care = true;
	CHECK(desig_requirement_unmet(&w, &d, why, sizeof why)); /* the rule's ground is gone */
	CHECK(strstr(why, "在宅療養支援病院の届出がなくなりました") != NULL);
	d.basis = DBASIS_VOLUNTEER; /* a volunteer rests on the definition only: 24h home care still met */
	CHECK(!desig_requirement_unmet(&w, &d, why, sizeof why));
	insts[2].h24 = false; /* the 24h flag turned off */
	CHECK(desig_requirement_unmet(&w, &d, why, sizeof why));
	CHECK(strstr(why, "24時間") != NULL);
	insts[2].standards = keep, insts[2].h24 = true;
	/* a 拠点 by rule ① rests on being the 相談窓口 */
	struct dw_designation b = {.id = 2, .muni = C_MUNI, .institution_id = 8, .role = DROLE_BASE, .basis = DBASIS_RULE,
				   .rule = "base_desk"};
	CHECK(!desig_requirement_unmet(&w, &b, why, sizeof why));
	w.ndesks = 0;
	CHECK(desig_requirement_unmet(&w, &b, why, sizeof why));
	CHECK(strstr(why, "相談窓口") != NULL);
	b.institution_id = 999; /* deleted or moved away */
	CHECK(desig_requirement_unmet(&w, &b, why, sizeof why));
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
	CHECK(sc_check_operator(SC_LINKED, &insts[8], &e) == ZT_OK); /* 「代表する医療機関等」: a 郡市医師会 may represent */
	CHECK(sc_check_operator(SC_LINKED, &insts[9], &e) == ZT_ERR_INVALID); /* not a 地域包括支援センター */
}

/* seed 004: 「病床を有し多職種を配置する医療機関（自らも在宅医療に取り組む在宅療養支援病院、在宅療養支援診療所、
 * 在宅療養後方支援病院、地域包括ケア病棟を有する医療機関等を想定）[基幹型]」「複数医療機関等のグループ。その場合には、
 * 連携している医療機関が在宅医療を提供していることを想定。代表する医療機関等を定め…[連携型]」「二次医療圏域に原則
 * 1箇所。ただし、熊本・上益城圏域は3箇所、八代圏域は2箇所とする」. */
static void test_support_centre_rules(void)
{
	struct desig_world w = world();
	struct zt_error e;
	struct desig_inst h = {.id = 70, .kind = KIND_HOSPITAL, .name = "病床だけの病院", .municipality = A_MUNI, .beds = 50};
	CHECK(sc_check_operator(SC_CORE, &h, &e) == ZT_ERR_INVALID); /* beds, but no home care of its own */
	CHECK(strstr(e.message, "自らも在宅医療") != NULL);
	h.standards = 1u << STD_COMMUNITY_CARE_WARD;
	CHECK(sc_check_operator(SC_CORE, &h, &e) == ZT_OK);
	h.standards = 1u << STD_BACKUP_HOSPITAL;
	CHECK(sc_check_operator(SC_CORE, &h, &e) == ZT_OK);
	/* 連携型: the group, represented by the 医師会 (9): members provide home care */
	int64_t good[] = {1, 5, 7}, self[] = {9, 1}, idle[] = {1, 10}, none[] = {0};
	CHECK(sc_check_members(&w, SC_LINKED, 9, good, 3, &e) == ZT_OK);
	CHECK(sc_check_members(&w, SC_LINKED, 9, none, 0, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "members");
	CHECK(sc_check_members(&w, SC_LINKED, 9, self, 2, &e) == ZT_ERR_INVALID);
	CHECK(sc_check_members(&w, SC_LINKED, 9, idle, 2, &e) == ZT_ERR_INVALID); /* a 地域包括支援センター */
	CHECK(strstr(e.message, "在宅医療を提供していません") != NULL);
	CHECK(sc_check_members(&w, SC_CORE, 3, good, 1, &e) == ZT_ERR_INVALID);
	/* the operator lies in the 二次医療圏: 潮来市's hospital is in 1, 水戸市's in 2; the 医師会 covers 1 */
	CHECK(sc_operator_in_area(&w, 1, &insts[2]) && !sc_operator_in_area(&w, 1, &insts[5]));
	CHECK(sc_operator_in_area(&w, 1, &insts[8]) && !sc_operator_in_area(&w, 2, &insts[8]));
	/* several centres where the prefecture sets a number; the audit reads every one */
	uint32_t all = 1u << SC_EMERGENCY | 1u << SC_ADMISSION | 1u << SC_VISIT_INCREASE | 1u << SC_LIAISON | 1u << SC_LOCAL;
	struct dw_centre ctr[] = {{.id = 1, .medical_area_id = 1, .institution_id = 3, .type = SC_CORE, .name = "A", .items = all},
				  {.id = 2, .medical_area_id = 1, .institution_id = 9, .type = SC_LINKED, .name = "B", .items = all},
				  {.id = 3, .medical_area_id = 1, .institution_id = 6, .type = SC_CORE, .name = "C", .items = 0}};
	struct dw_centre_member mem[] = {{2, 1}, {2, 5}};
	struct dw_quota quota[] = {{1, 3}};
	w.centres = ctr, w.ncentres = 2, w.members = mem, w.nmembers = 2;
	struct dw_area ma = {1, "熊本・上益城"};
	struct coverage_medical_area m;
	coverage_medical_area_audit(&w, &ma, &m);
	CHECK(m.ncentres == 2 && m.quota == 1 && !m.ok); /* 原則1箇所 */
	CHECK(strstr(m.problems[0], "県の定める数（1箇所）") != NULL);
	w.quotas = quota, w.nquotas = 1;
	coverage_medical_area_audit(&w, &ma, &m);
	CHECK(m.quota == 3 && m.ok);
	w.ncentres = 3; /* the third: items missing, operator (水戸市) outside the area — named */
	coverage_medical_area_audit(&w, &ma, &m);
	CHECK(!m.ok && m.nproblems == 6);
	CHECK(strstr(m.problems[0], "C：") == m.problems[0]);
	CHECK(strstr(m.problems[5], "この二次医療圏にありません") != NULL);
	/* the facts change after the designation: the 基幹型 operator closes its beds — named by the audit */
	w.ncentres = 2;
	insts[2].beds = 0;
	coverage_medical_area_audit(&w, &ma, &m);
	CHECK(!m.ok && strstr(m.problems[0], "A：基幹型は病床を有し") == m.problems[0]);
	insts[2].beds = 120;
	w.ncentres = 2, w.nmembers = 0; /* a 連携型 centre without its group */
	coverage_medical_area_audit(&w, &ma, &m);
	CHECK(!m.ok && strstr(m.problems[0], "構成機関") != NULL);
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
	/* Lacking a population, the share is over centroids, and the audit says so. */
	munis[3].population = -1;
	coverage_area_audit(&w, &care_areas[1], &a);
	CHECK(!a.by_population && a.munis_far == 1 && a.munis_judged == 1);
	CHECK(a.nproblems == 4 && strstr(a.problems[2], "人口が未登録") != NULL);
	munis[3].population = 47000;
	/* The capable set: a clinic or a hospital doing home care, or holding 在支診 / 在支病 (a hospital doing
	 * 訪問診療 counts like a clinic doing it, issue 13 item 11). */
	struct desig_inst h = {.kind = KIND_HOSPITAL};
	CHECK(!coverage_home_care_capable(&h));
	h.home_care = true;
	CHECK(coverage_home_care_capable(&h));
	h.home_care = false, h.standards = 1u << STD_ZAIBYO_CONVENTIONAL;
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

/* issue 13 item 11: the 16 km know no prefecture border; an unjudged municipality is unknown, never
 * covered; a designation flagged 「要件を満たさなくなりました」 is named by its 圏域 and does not count. */
static void test_coverage_border_unknown_flagged(void)
{
	struct desig_world w = world();
	w.ncare_members = 4;
	/* 鉾田市 is far from every capable institution of the prefecture … */
	struct dw_muni *hokota = &munis[3];
	CHECK(coverage_muni_status(&w, hokota) == COV_FAR);
	/* … but a clinic of the next prefecture lies 5 km away */
	struct desig_inst more[sizeof insts / sizeof insts[0] + 1];
	memcpy(more, insts, sizeof insts);
	more[10] = (struct desig_inst){.id = 99, .kind = KIND_CLINIC, .name = "隣県の在宅クリニック", .municipality = "122033",
				       .home_care = true, .has_coord = true, .lat = 36.2, .lon = 140.53, .foreign = true};
	w.insts = more, w.ninsts = 11;
	CHECK(coverage_muni_status(&w, hokota) == COV_COVERED);
	struct desig_candidate c[DESIG_MAX_CANDIDATES];
	CHECK(!desig_candidates_contain(c, desig_active_candidates(&w, D_MUNI, c, DESIG_MAX_CANDIDATES), 99));
	/* no position: unknown, and the 圏域 cannot be judged sufficient */
	hokota->has_coord = false;
	CHECK(coverage_muni_status(&w, hokota) == COV_UNKNOWN);
	struct dw_designation d[2] = {
		{.id = 1, .muni = D_MUNI, .institution_id = 2, .role = DROLE_ACTIVE},
		{.id = 2, .muni = D_MUNI, .institution_id = 9, .role = DROLE_BASE},
	};
	w.desigs = d, w.ndesigs = 2;
	struct coverage_area a;
	coverage_area_audit(&w, &care_areas[1], &a);
	CHECK(a.munis_unknown == 1 && a.munis_judged == 0 && !a.ok && a.far_share == 0);
	CHECK(strstr(a.problems[0], "判定不能") != NULL);
	hokota->has_coord = true;
	coverage_area_audit(&w, &care_areas[1], &a);
	CHECK(a.ok && a.nactive == 1);
	/* the flag: not counted, named with its date */
	snprintf(d[0].unmet_since, sizeof d[0].unmet_since, "2026-05-01");
	snprintf(d[0].unmet_reason, sizeof d[0].unmet_reason, "在宅療養支援診療所の届出がなくなりました。");
	coverage_area_audit(&w, &care_areas[1], &a);
	CHECK(!a.ok && a.nactive == 0 && a.nunmet == 1);
	CHECK(strstr(a.problems[1], "鉾田市の積極的役割を担う医療機関（鹿嶋強化型クリニック）は要件を満たさなくなりました（令和8年5月1日）") != NULL);
	CHECK(strstr(a.problems[0], "積極的役割を担う医療機関が確定していません") != NULL);
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
	CHECK(active == 8 && active_nobeds == 7 && base == 7);
	/* 指針 第3 3(4) 「在宅医療に必要な連携を担う拠点」等において…業務継続計画（BCP）の策定を推進すること; 指針② 特に、
	 * 在宅療養支援病院、在宅療養後方支援病院においては、地域の在宅医療に係る機関と事前から情報共有を行う */
	CHECK(obligation_applies((size_t)obligation_lookup("bcp_promotion"), DROLE_BASE, 0));
	CHECK(strstr(obligations[obligation_lookup("hospital_information_sharing")].ja, "在宅療養後方支援病院") != NULL);
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
	test_rule_nearby_by_distance();
	test_base_order();
	test_base_same_as_active();
	test_base_kinds();
	test_active_definition();
	test_requirement_unmet();
	test_request_checks();
	test_classify_request();
	test_support_centre_items();
	test_support_centre_rules();
	test_coverage();
	test_coverage_border_unknown_flagged();
	test_obligations();
	UNIT_DONE();
}
