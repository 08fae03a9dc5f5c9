/* Unit tests of 参入促進・連携（グループ化） (seed 000 §2 and 内規): group validation, initiatives. */
#include <string.h>

#include "domain/grouping.h"
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
	CHECK(group_is_valid(&G, "2028-03-31"));  /* last day still in force */
	n = group_validate(&G, "2028-04-01", P, 64);
	CHECK(has(n, "agreement_expired"));
	CHECK(!group_is_valid(&G, "2028-04-01"));
}

/* seed 000 §2: "市町村、歯科診療所、薬局、訪問リハビリテーション事業所、居宅介護支援事業所などの関係機関
 * による連携体制の構築が望ましい" — warnings, which do not invalidate. */
static void test_partner_warnings(void)
{
	valid_group(&G);
	G.nmembers = 4; /* drop every partner */
	int n = group_validate(&G, "2025-06-01", P, 64);
	CHECK(n == 5);
	CHECK(errors(n) == 0);
	CHECK(has(n, "missing_partner_municipality"));
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
	CHECK(errors(n) == 5);
	CHECK(n == 10);
	/* truncated output still reports the full count */
	CHECK(group_validate(&G, "2025-06-01", P, 2) == 10);
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
	UNIT_DONE();
}
