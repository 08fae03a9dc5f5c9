/* Unit tests of 参入促進・連携（グループ化） (seed 000 §2 and 内規): group validation, initiatives. */
#include <string.h>

#include "domain/grouping.h"
#include "domain/legal_entity.h"
#include "unit.h"

static void member(struct group *g, int64_t id, enum inst_kind kind, int64_t entity, enum group_role role)
{
	struct group_member *m = &g->members[g->nmembers++];
	memset(m, 0, sizeof *m);
	m->institution_id = id;
	m->kind = kind;
	m->legal_entity_id = entity;
	m->role = role;
	snprintf(m->name, sizeof m->name, "機関%lld", (long long)id);
	snprintf(m->municipality, sizeof m->municipality, "082228");
}

/* The 取組 of fiscal year fy: every kind recorded once (seed 000 5(2)イ). */
static void activity(struct group *g, int fy)
{
	memset(&g->activity, 0, sizeof g->activity);
	g->activity.fiscal_year = fy;
	for (int k = 0; k < INIT__MAX; k++)
		g->activity.done[k] = 1;
}

/* A group that satisfies every rule and has every desirable partner. */
static void valid_group(struct group *g)
{
	group_init(g);
	snprintf(g->name, sizeof g->name, "テストグループ");
	g->base_id = 100;
	g->base_kind = KIND_MEDICAL_ASSOCIATION;
	member(g, 1, KIND_CLINIC, 11, GROLE_MEMBER_MEDICAL);
	member(g, 2, KIND_CLINIC, 12, GROLE_MEMBER_MEDICAL);
	member(g, 3, KIND_NURSE_STATION, 13, GROLE_NURSE_STATION);
	member(g, 4, KIND_HOSPITAL, 14, GROLE_BACKUP_HOSPITAL);
	member(g, 5, KIND_MUNICIPALITY, 0, GROLE_PARTNER_MUNICIPALITY);
	member(g, 6, KIND_DENTAL, 16, GROLE_PARTNER_DENTAL);
	member(g, 7, KIND_PHARMACY, 17, GROLE_PARTNER_PHARMACY);
	member(g, 8, KIND_VISIT_REHAB, 18, GROLE_PARTNER_REHAB);
	member(g, 9, KIND_CARE_MANAGEMENT, 19, GROLE_PARTNER_CARE_MANAGEMENT);
	g->active_ids[g->nactive++] = 1;
	g->agreement.present = true;
	snprintf(g->agreement.signed_on, sizeof g->agreement.signed_on, "2025-04-01");
	snprintf(g->agreement.valid_from, sizeof g->agreement.valid_from, "2025-04-01");
	snprintf(g->agreement.valid_to, sizeof g->agreement.valid_to, "2028-03-31");
	/* the 協定 concluded by the two clinics and the station, signed document attached */
	g->agreement.party_ids[g->agreement.nparties++] = 1;
	g->agreement.party_ids[g->agreement.nparties++] = 2;
	g->agreement.party_ids[g->agreement.nparties++] = 3;
	g->agreement.has_document = true;
	snprintf(g->base_covers[g->nbase_covers++], 7, "082228");
	snprintf(g->base_covers[g->nbase_covers++], 7, "082236");
	snprintf(g->formed_on, sizeof g->formed_on, "2024-04-01");
	activity(g, 2025);
}

static struct group_problem P[64];

static int has(int n, const char *code)
{
	for (int i = 0; i < n && i < 64; i++)
		if (strcmp(P[i].code, code) == 0)
			return 1;
	return 0;
}

static int errors(int n)
{
	int k = 0;
	for (int i = 0; i < n && i < 64; i++)
		k += P[i].severity == GSEV_ERROR;
	return k;
}

static struct group G;

static void test_valid(void)
{
	valid_group(&G);
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(n == 0);
	CHECK(group_is_valid(&G, "2025-06-01"));
}

/* issue 12 §3 "groups warn when they rest on 未確認 facts": a member whose 24時間対応 is 未確認 is
 * named in a warning; the group stays valid (unknown is not no, and not yes either). */
static void test_unconfirmed_fact(void)
{
	valid_group(&G);
	G.members[0].h24_unconfirmed = true;
	snprintf(G.members[0].name, sizeof G.members[0].name, "%s", "未確認クリニック");
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "fact_unconfirmed"));
	CHECK(errors(n) == 0);
	CHECK(n == 1 && strstr(P[0].message, "未確認クリニック") != NULL && P[0].severity == GSEV_WARNING);
	CHECK(group_is_valid(&G, "2025-06-01"));
}

/* seed 000 §2: "少なくとも同一法人以外の2以上の医療機関" — members of one 法人 count once. */
static void test_too_few_medical(void)
{
	valid_group(&G);
	G.members[1].legal_entity_id = 11; /* both clinics belong to one 法人 */
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "too_few_medical"));
	CHECK(errors(n) == 1);
	CHECK(strstr(P[0].message, "同一法人") != NULL);
	CHECK(!group_is_valid(&G, "2025-06-01"));
	/* clinics with no recorded 法人 (individually owned) count separately */
	G.members[0].legal_entity_id = 0;
	G.members[1].legal_entity_id = 0;
	CHECK(group_is_valid(&G, "2025-06-01"));
	/* only one medical institution at all */
	valid_group(&G);
	G.members[1].role = GROLE_SPECIALIST_CLINIC; /* 補完 members do not count towards the two */
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "too_few_medical"));
	/* "医療機関" = 病院 or 診療所: a pharmacy in the member_medical role does not count */
	valid_group(&G);
	G.members[1].kind = KIND_PHARMACY;
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "too_few_medical"));
	CHECK(has(n, "role_kind_mismatch"));
}

/* seed 000 §2: "…2以上の医療機関及び訪問看護事業所が協定を締結し" */
static void test_no_nurse_station(void)
{
	valid_group(&G);
	G.members[2].role = GROLE_PARTNER_REHAB; /* the station is listed under another role */
	G.members[2].kind = KIND_VISIT_REHAB;
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "no_nurse_station"));
	CHECK(errors(n) == 1);
}

/* seed 000 §2: "在宅医療に必要な連携を担う拠点（郡市医師会）"; §5(1) 実施主体 郡市医師会 */
static void test_base(void)
{
	valid_group(&G);
	G.base_kind = KIND_HOSPITAL;
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "base_not_association"));
	G.base_id = 0;
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "base_not_association"));
}

/* seed 000 §2: "在宅医療において積極的役割を担う医療機関（連携する医療機関から選定）" */
static void test_active_role(void)
{
	valid_group(&G);
	G.active_ids[0] = 3; /* the nurse station is not a medical institution */
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "active_role_not_member"));
	G.active_ids[0] = 999; /* not a member at all */
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "active_role_not_member"));
	G.nactive = 0;
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "no_active_role"));
	CHECK(!has(n, "active_role_not_member"));
}

/* seed 000 §2: "…協定を締結し" — an agreement must exist and be in force today. */
static void test_agreement(void)
{
	valid_group(&G);
	G.agreement.present = false;
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "agreement_missing"));
	valid_group(&G);
	activity(&G, 2027);
	CHECK(group_is_valid(&G, "2028-03-31"));  /* last day still in force */
	activity(&G, 2028);
	n = group_validate(&G, "2028-04-01", P, 64);
	CHECK(has(n, "agreement_expired"));
	CHECK(!group_is_valid(&G, "2028-04-01"));
}

/* seed 000 §2: "市町村、歯科診療所、薬局、訪問リハビリテーション事業所、居宅介護支援事業所などの関係機関
 * による連携体制の構築が望ましい" — warnings, which do not invalidate; the 市町村 is a 要件 since
 * 5(2)ア "関係市町村と連携を図り取り組むこと" (test_municipality_required). */
static void test_partner_warnings(void)
{
	valid_group(&G);
	G.members[5] = G.members[4]; /* keep the municipality, drop every other partner */
	G.nmembers = 6;
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(n == 4);
	CHECK(errors(n) == 0);
	CHECK(!has(n, "missing_partner_municipality"));
	CHECK(has(n, "missing_partner_dental"));
	CHECK(has(n, "missing_partner_pharmacy"));
	CHECK(has(n, "missing_partner_rehab"));
	CHECK(has(n, "missing_partner_care_management"));
	CHECK(P[0].severity == GSEV_WARNING);
	CHECK(group_is_valid(&G, "2025-06-01"));
}

/* Every problem at once: an empty group names all of them. */
static void test_all_at_once(void)
{
	group_init(&G);
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "too_few_medical"));
	CHECK(has(n, "no_nurse_station"));
	CHECK(has(n, "base_not_association"));
	CHECK(has(n, "no_active_role"));
	CHECK(has(n, "agreement_missing"));
	CHECK(has(n, "municipality_partner_missing"));
	CHECK(has(n, "initiative_missing_support"));
	CHECK(has(n, "initiative_missing_patient_centred"));
	CHECK(has(n, "initiative_missing_awareness_training"));
	CHECK(errors(n) == 9);
	CHECK(n == 13);
	/* truncated output still reports the full count */
	CHECK(group_validate(&G, "2025-06-01", P, 2) == 13);
}

static void test_input(void)
{
	char f[64], m[256];
	valid_group(&G);
	CHECK(group_check_input(&G, f, sizeof f, m, sizeof m) == 0);
	G.members[3].institution_id = 1;
	CHECK(group_check_input(&G, f, sizeof f, m, sizeof m) == -1);
	CHECK_STR(f, "members");
	valid_group(&G);
	snprintf(G.agreement.valid_to, sizeof G.agreement.valid_to, "2025-02-30");
	CHECK(group_check_input(&G, f, sizeof f, m, sizeof m) == -1);
	CHECK_STR(f, "agreement.valid_to");
	valid_group(&G);
	G.name[0] = '\0';
	CHECK(group_check_input(&G, f, sizeof f, m, sizeof m) == -1);
	CHECK_STR(f, "name");
	CHECK(group_role_lookup("nurse_station") == GROLE_NURSE_STATION);
	CHECK(group_role_lookup("boss") == -1);
}

/* 内規: the three 取組, and under 2 the regular meetings on 退院支援、日常の療養支援、急変時の対応、看取り、災害時. */
static void test_initiatives(void)
{
	struct initiative it[4];
	memset(it, 0, sizeof it);
	char f[64], m[256];
	it[0].kind = INIT_SUPPORT;
	snprintf(it[0].held_on, sizeof it[0].held_on, "2025-04-01");
	snprintf(it[0].title, sizeof it[0].title, "夜間の相互支援体制");
	CHECK(initiative_check(&it[0], f, sizeof f, m, sizeof m) == 0);
	CHECK(it[0].fiscal_year == 2025);
	it[1].kind = INIT_PATIENT_CENTRED;
	snprintf(it[1].held_on, sizeof it[1].held_on, "2026-03-31"); /* still 令和7年度 */
	snprintf(it[1].title, sizeof it[1].title, "多職種連携会議");
	it[1].topics = (1u << TOPIC__MAX) - 1;
	it[1].participants = 12;
	CHECK(initiative_check(&it[1], f, sizeof f, m, sizeof m) == 0);
	CHECK(it[1].fiscal_year == 2025);
	it[2].kind = INIT_AWARENESS;
	snprintf(it[2].held_on, sizeof it[2].held_on, "2026-04-01"); /* next fiscal year */
	snprintf(it[2].title, sizeof it[2].title, "市民公開講座");
	CHECK(initiative_check(&it[2], f, sizeof f, m, sizeof m) == 0);
	CHECK(it[2].fiscal_year == 2026);
	struct initiative_summary s;
	initiative_summarize(it, 3, 2025, &s);
	CHECK(s.count[INIT_SUPPORT] == 1 && s.count[INIT_PATIENT_CENTRED] == 1 && s.count[INIT_AWARENESS] == 0);
	CHECK(!s.all_kinds_done);
	CHECK(s.all_topics_done);
	CHECK(s.participants[INIT_PATIENT_CENTRED] == 12);
	/* topics only belong to the patient-centred 取組 */
	it[3] = it[0];
	it[3].topics = 1;
	CHECK(initiative_check(&it[3], f, sizeof f, m, sizeof m) == -1);
	CHECK_STR(f, "topics");
	it[3].topics = 0;
	snprintf(it[3].held_on, sizeof it[3].held_on, "2025-13-01");
	CHECK(initiative_check(&it[3], f, sizeof f, m, sizeof m) == -1);
	CHECK_STR(f, "held_on");
}


/* seed 000 5(2)イ (要件) "上記2の「…3つの取組」を実施すること": each 取組 recorded in the fiscal year;
 * a group in its first fiscal year (結成年度) may rest on a plan for each, and the grace is stated. */
static void test_initiatives_required(void)
{
	valid_group(&G);
	G.activity.done[INIT_AWARENESS] = 0;
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(errors(n) == 1);
	CHECK(has(n, "initiative_missing_awareness_training"));
	CHECK(strstr(P[0].message, "令和7年度") != NULL);
	CHECK(strstr(P[0].message, "普及啓発") != NULL);
	/* a plan does not replace the record after the first year */
	G.activity.planned[INIT_AWARENESS] = 1;
	CHECK(!group_is_valid(&G, "2025-06-01"));
	/* activity counted for another fiscal year counts for nothing */
	valid_group(&G);
	CHECK(!group_is_valid(&G, "2026-04-01"));
	n = group_validate(&G, "2026-04-01", P, 64);
	CHECK(has(n, "initiative_missing_support") && has(n, "initiative_missing_patient_centred"));
	/* first year (formed 2025-05-10, i.e. 令和7年度): plans suffice, with the grace as a warning */
	valid_group(&G);
	snprintf(G.formed_on, sizeof G.formed_on, "2025-05-10");
	memset(G.activity.done, 0, sizeof G.activity.done);
	for (int k = 0; k < INIT__MAX; k++)
		G.activity.planned[k] = 1;
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(errors(n) == 0);
	CHECK(has(n, "initiative_first_year_grace"));
	CHECK(group_first_year(&G, "2025-06-01"));
	CHECK(!group_first_year(&G, "2026-04-01"));
	/* …but not without a plan for each */
	G.activity.planned[INIT_SUPPORT] = 0;
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "initiative_missing_support"));
	CHECK(strstr(P[0].message, "計画") != NULL);
	/* no 結成日: the fiscal year of the 協定's 締結日 */
	valid_group(&G);
	G.formed_on[0] = '\0';
	CHECK(group_first_year(&G, "2025-06-01")); /* signed 2025-04-01 */
}

/* seed 000 5(2)ア (要件) "支援体制の構築については、関係市町村と連携を図り取り組むこと". */
static void test_municipality_required(void)
{
	valid_group(&G);
	G.members[4].role = GROLE_PARTNER_DENTAL; /* no municipality any more */
	G.members[4].kind = KIND_DENTAL;
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "municipality_partner_missing"));
	CHECK(P[0].severity == GSEV_ERROR);
	CHECK(strstr(P[0].message, "関係市町村") != NULL);
	/* the desk of another municipality is not the members' municipality */
	valid_group(&G);
	snprintf(G.members[4].municipality, 7, "082236");
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "municipality_partner_missing"));
	/* the municipality's 在宅医療・介護連携 desk or its 地域包括支援センター counts */
	valid_group(&G);
	G.members[4].kind = KIND_COMMUNITY_SUPPORT;
	CHECK(group_is_valid(&G, "2025-06-01"));
}

/* seed 000 §2 "在宅医療に必要な連携を担う拠点（郡市医師会）" and §5(1) 実施主体 郡市医師会: the 医師会 of the
 * district, covering the members' municipalities (region data; unknown coverage warns). */
static void test_base_district(void)
{
	valid_group(&G);
	snprintf(G.members[1].municipality, 7, "082341"); /* 鉾田市: outside the district */
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "base_not_district"));
	CHECK(errors(n) == 1);
	CHECK(strstr(P[0].message, "地区外") != NULL);
	/* a supporting member outside the district only warns */
	valid_group(&G);
	snprintf(G.members[3].municipality, 7, "082341");
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "member_outside_district") && errors(n) == 0);
	/* coverage not recorded: a warning, never a silent pass */
	valid_group(&G);
	G.nbase_covers = 0;
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "base_coverage_unknown") && errors(n) == 0);
}

/* seed 000 §2 "…医療機関及び訪問看護事業所が協定を締結し": parties are the members, the signed date is
 * not in the future, the signed document is required, expiry is announced 60 and 30 days ahead. */
static void test_agreement_rules(void)
{
	valid_group(&G);
	G.agreement.nparties = 2; /* the station did not sign */
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "agreement_party_missing"));
	CHECK(strstr(P[0].message, "機関3") != NULL);
	valid_group(&G);
	G.agreement.party_ids[G.agreement.nparties++] = 99; /* not a member */
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "agreement_party_not_member"));
	valid_group(&G);
	G.agreement.nparties = 0;
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "agreement_parties_missing"));
	valid_group(&G);
	snprintf(G.agreement.signed_on, sizeof G.agreement.signed_on, "2025-06-02");
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "agreement_signed_future"));
	valid_group(&G);
	G.agreement.has_document = false;
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "agreement_document_missing") && errors(n) == 1);
	/* expiry warnings: 61 days ahead nothing, 60 days the first, 30 days the second */
	valid_group(&G);
	activity(&G, 2027);
	n = group_validate(&G, "2028-01-30", P, 64); /* 61 days before 2028-03-31 */
	CHECK(!has(n, "agreement_expires_60") && !has(n, "agreement_expires_30"));
	n = group_validate(&G, "2028-01-31", P, 64);
	CHECK(has(n, "agreement_expires_60") && !has(n, "agreement_expires_30") && errors(n) == 0);
	n = group_validate(&G, "2028-03-01", P, 64);
	CHECK(has(n, "agreement_expires_30") && !has(n, "agreement_expires_60") && errors(n) == 0);
	CHECK(group_days_between("2028-01-31", "2028-03-31") == 60);
	CHECK(group_days_between("2024-02-28", "2024-03-01") == 2);
}

/* seed 000 §2 "なお、…支援（補完）する役割として、後方支援病院や在宅医療専門診療所（機能強化型在宅療養支援
 * 診療所を含む）などを想定している": a supporting hospital or 機能強化型在支診 of the group may be chosen as
 * 積極的役割 (docs/seed000.md), but does not count towards the two 医療機関. */
static void test_active_role_supporting(void)
{
	valid_group(&G);
	G.active_ids[0] = 4; /* the backup hospital */
	CHECK(group_is_valid(&G, "2025-06-01"));
	member(&G, 10, KIND_CLINIC, 20, GROLE_SPECIALIST_CLINIC);
	G.active_ids[G.nactive++] = 10;
	CHECK(group_is_valid(&G, "2025-06-01"));
	G.active_ids[0] = 7; /* the pharmacy: never */
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "active_role_not_member"));
}

/* seed 000 §2 "また、郡市医師会と市町村とが連携強化し、在宅医療の推進を加速する体制を構築する取組もグループ化
 * の一環とする" (例1-4): its own kind, with the 医師会 as 拠点 and a 市町村, without the two 医療機関. */
static void test_municipality_centred(void)
{
	group_init(&G);
	G.kind = GKIND_MUNICIPALITY_CENTRED;
	snprintf(G.name, sizeof G.name, "医師会・市町村の体制");
	G.base_id = 100;
	G.base_kind = KIND_MEDICAL_ASSOCIATION;
	snprintf(G.base_covers[G.nbase_covers++], 7, "082228");
	snprintf(G.formed_on, sizeof G.formed_on, "2024-04-01");
	activity(&G, 2025);
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "municipality_partner_missing"));
	CHECK(!has(n, "too_few_medical") && !has(n, "no_nurse_station") && !has(n, "no_active_role"));
	CHECK(has(n, "agreement_recommended") && !has(n, "agreement_missing"));
	member(&G, 5, KIND_MUNICIPALITY, 0, GROLE_PARTNER_MUNICIPALITY);
	CHECK(group_is_valid(&G, "2025-06-01"));
	/* the three 取組 are still required */
	G.activity.done[INIT_SUPPORT] = 0;
	CHECK(!group_is_valid(&G, "2025-06-01"));
	/* and the 拠点 must be the 医師会 of the municipality's district */
	activity(&G, 2025);
	snprintf(G.members[0].municipality, 7, "082341");
	n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "base_not_district"));
	CHECK(group_kind_lookup("municipality_centred") == GKIND_MUNICIPALITY_CENTRED);
}

/* seed 000 §2 "少なくとも同一法人以外の2以上の医療機関": 同一法人 on a normalised identity — width, spaces
 * and the forms 医療法人 / 医療法人社団 folded, the 法人番号 deciding when both are known. */
static void test_same_entity(void)
{
	char k1[256], k2[256];
	legal_entity_key("医療法人なめがた会", k1, sizeof k1);
	legal_entity_key("医療法人社団　なめがた会", k2, sizeof k2);
	CHECK_STR(k1, "なめがた会");
	CHECK_STR(k2, "なめがた会");
	legal_entity_key("（医）ＡＢＣ会 ", k1, sizeof k1);
	CHECK_STR(k1, "ABC会");
	legal_entity_key("医療法人", k1, sizeof k1);
	CHECK_STR(k1, "医療法人");
	CHECK(corporate_number_valid("7000012050002")); /* 国税庁 */
	CHECK(!corporate_number_valid("7000012050003"));
	CHECK(!corporate_number_valid("700001205000"));
	struct legal_identity a = {1, "医療法人なめがた会", ""}, b = {2, "医療法人社団 なめがた会", ""};
	CHECK(legal_entity_match(&a, &b) == EMATCH_NAME);
	char why[600];
	legal_entity_match_reason(EMATCH_NAME, &a, &b, why, sizeof why);
	CHECK(strstr(why, "医療法人社団") != NULL);
	/* different 法人番号: different 法人 whatever the names */
	struct legal_identity c = {1, "医療法人あおば会", "7000012050002"}, d = {2, "医療法人社団あおば会", "1234567890123"};
	CHECK(legal_entity_match(&c, &d) == EMATCH_NONE);
	d.number = "7000012050002";
	d.name = "全く別の名前";
	CHECK(legal_entity_match(&c, &d) == EMATCH_NUMBER);
	/* no 法人 recorded: never matched */
	struct legal_identity e = {0, "", ""}, f = {0, "", ""};
	CHECK(legal_entity_match(&e, &f) == EMATCH_NONE);

	/* in the group: the two clinics registered under two spellings of one 法人 count once */
	valid_group(&G);
	G.members[1].legal_entity_id = 99;
	snprintf(G.members[0].legal_entity, sizeof G.members[0].legal_entity, "医療法人なめがた会");
	snprintf(G.members[1].legal_entity, sizeof G.members[1].legal_entity, "医療法人社団　なめがた会");
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(has(n, "too_few_medical"));
	int ent[GROUP_MAX_MEMBERS];
	static char whys[GROUP_MAX_MEMBERS][600];
	group_entities(&G, ent, whys);
	CHECK(ent[0] == 0 && ent[1] == 0 && ent[2] == 2);
	CHECK(strstr(whys[1], "医療法人") != NULL);
	/* …unless their 法人番号 say otherwise */
	snprintf(G.members[0].legal_entity_number, sizeof G.members[0].legal_entity_number, "7000012050002");
	snprintf(G.members[1].legal_entity_number, sizeof G.members[1].legal_entity_number, "1234567890123");
	CHECK(group_is_valid(&G, "2025-06-01"));
}

int main(void)
{
	test_valid();
	test_unconfirmed_fact();
	test_too_few_medical();
	test_no_nurse_station();
	test_base();
	test_active_role();
	test_agreement();
	test_partner_warnings();
	test_all_at_once();
	test_input();
	test_initiatives();
	test_initiatives_required();
	test_municipality_required();
	test_base_district();
	test_agreement_rules();
	test_active_role_supporting();
	test_municipality_centred();
	test_same_entity();
	UNIT_DONE();
}
