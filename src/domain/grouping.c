/*
 * Validation of 参入促進・連携（グループ化） (seed 000 §2): "少なくとも同一法人以外の2以上の医療機関
 * 及び訪問看護事業所が協定を締結し、在宅医療において積極的役割を担う医療機関（連携する医療機関から
 * 選定）及び在宅医療に必要な連携を担う拠点（郡市医師会）として" — and the three initiatives (取組).
 */
#include "domain/grouping.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/legal_entity.h"
#include "domain/text.h"
#include "domain/wareki.h"

const struct code_entry group_roles[GROLE__MAX] = {
	[GROLE_MEMBER_MEDICAL] = {"member_medical", "連携医療機関"},
	[GROLE_NURSE_STATION] = {"nurse_station", "訪問看護事業所"},
	[GROLE_BACKUP_HOSPITAL] = {"backup_hospital", "後方支援病院"},
	[GROLE_SPECIALIST_CLINIC] = {"specialist_clinic", "在宅医療専門診療所"},
	[GROLE_PARTNER_MUNICIPALITY] = {"partner_municipality", "連携市町村"},
	[GROLE_PARTNER_DENTAL] = {"partner_dental", "連携歯科診療所"},
	[GROLE_PARTNER_PHARMACY] = {"partner_pharmacy", "連携薬局"},
	[GROLE_PARTNER_REHAB] = {"partner_rehab", "連携訪問リハビリテーション事業所"},
	[GROLE_PARTNER_CARE_MANAGEMENT] = {"partner_care_management", "連携居宅介護支援事業所"},
};

const struct code_entry group_kinds[GKIND__MAX] = {
	[GKIND_PROVIDERS] = {"providers", "医療機関等のグループ"},
	[GKIND_MUNICIPALITY_CENTRED] = {"municipality_centred", "郡市医師会・市町村の連携体制"},
};

const struct code_entry initiative_kinds[INIT__MAX] = {
	[INIT_SUPPORT] = {"support", "グループ化した医療機関等を支える取組"},
	[INIT_PATIENT_CENTRED] = {"patient_centred", "患者・家族を中心とした在宅医療を推進するための取組"},
	[INIT_AWARENESS] = {"awareness_training", "在宅医療についての普及啓発活動等を行う取組"},
};

const struct code_entry meeting_topics[TOPIC__MAX] = {
	[TOPIC_DISCHARGE] = {"discharge_support", "退院支援"},
	[TOPIC_DAILY] = {"daily_care", "日常の療養支援"},
	[TOPIC_EMERGENCY] = {"emergency", "急変時の対応"},
	[TOPIC_END_OF_LIFE] = {"end_of_life", "看取り"},
	[TOPIC_DISASTER] = {"disaster", "災害時"},
};

static int lookup(const struct code_entry *t, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return i;
	return -1;
}

int group_role_lookup(const char *code) { return lookup(group_roles, GROLE__MAX, code); }
int group_kind_lookup(const char *code) { return lookup(group_kinds, GKIND__MAX, code); }
int initiative_kind_lookup(const char *code) { return lookup(initiative_kinds, INIT__MAX, code); }
int meeting_topic_lookup(const char *code) { return lookup(meeting_topics, TOPIC__MAX, code); }

bool group_role_fits_kind(enum group_role r, enum inst_kind k)
{
	switch (r) {
	case GROLE_MEMBER_MEDICAL:
		return k == KIND_HOSPITAL || k == KIND_CLINIC;
	case GROLE_NURSE_STATION:
		return k == KIND_NURSE_STATION;
	case GROLE_BACKUP_HOSPITAL:
		return k == KIND_HOSPITAL;
	case GROLE_SPECIALIST_CLINIC:
		return k == KIND_CLINIC;
	case GROLE_PARTNER_MUNICIPALITY:
		return k == KIND_MUNICIPALITY || k == KIND_COMMUNITY_SUPPORT || k == KIND_HEALTH_CENTRE;
	case GROLE_PARTNER_DENTAL:
		return k == KIND_DENTAL;
	case GROLE_PARTNER_PHARMACY:
		return k == KIND_PHARMACY;
	case GROLE_PARTNER_REHAB:
		return k == KIND_VISIT_REHAB || k == KIND_HOSPITAL || k == KIND_CLINIC;
	case GROLE_PARTNER_CARE_MANAGEMENT:
		return k == KIND_CARE_MANAGEMENT;
	default:
		return false;
	}
}

void group_init(struct group *g)
{
	memset(g, 0, sizeof *g);
	g->base_kind = KIND_CLINIC;
}

int group_member_index(const struct group *g, int64_t institution_id)
{
	for (int i = 0; i < g->nmembers; i++)
		if (g->members[i].institution_id == institution_id)
			return i;
	return -1;
}

struct plist {
	struct group_problem *out;
	int max, n;
};

__attribute__((format(printf, 5, 6)))
static void add(struct plist *p, const char *code, enum group_severity sev, const char *field, const char *fmt, ...)
{
	if (p->n < p->max) {
		struct group_problem *q = &p->out[p->n];
		q->code = code;
		q->severity = sev;
		q->field = field;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(q->message, sizeof q->message, fmt, ap);
		va_end(ap);
	}
	p->n++;
}

static bool is_medical_member(const struct group_member *m)
{
	return m->role == GROLE_MEMBER_MEDICAL && (m->kind == KIND_HOSPITAL || m->kind == KIND_CLINIC);
}

/* Members that may be chosen as 積極的役割 (seed 000 §2, read in docs/seed000.md): the 連携する医療機関
 * and the medical institutions supporting the group (後方支援病院, 在宅医療専門診療所 incl. 機能強化型在支診). */
static bool may_take_active_role(const struct group_member *m)
{
	return (m->kind == KIND_HOSPITAL || m->kind == KIND_CLINIC) &&
	       (m->role == GROLE_MEMBER_MEDICAL || m->role == GROLE_BACKUP_HOSPITAL || m->role == GROLE_SPECIALIST_CLINIC);
}

static struct legal_identity identity_of(const struct group_member *m)
{
	struct legal_identity id = {m->legal_entity_id, m->legal_entity, m->legal_entity_number};
	return id;
}

void group_entities(const struct group *g, int entity[GROUP_MAX_MEMBERS], char why[GROUP_MAX_MEMBERS][600])
{
	for (int i = 0; i < g->nmembers && i < GROUP_MAX_MEMBERS; i++) {
		entity[i] = i;
		why[i][0] = '\0';
		struct legal_identity a = identity_of(&g->members[i]);
		for (int j = 0; j < i; j++) {
			struct legal_identity b = identity_of(&g->members[j]);
			enum entity_match m = legal_entity_match(&b, &a);
			if (m != EMATCH_NONE) {
				entity[i] = entity[j];
				legal_entity_match_reason(m, &b, &a, why[i], sizeof why[i]);
				break;
			}
		}
	}
}

/* Number of distinct legal entities among the member medical institutions (同一法人 on the
 * normalised identity of legal_entity.h); an institution with no recorded 法人 counts as its own. */
static int distinct_entities(const struct group *g)
{
	int entity[GROUP_MAX_MEMBERS];
	static _Thread_local char why[GROUP_MAX_MEMBERS][600];
	group_entities(g, entity, why);
	int n = 0;
	for (int i = 0; i < g->nmembers; i++) {
		if (!is_medical_member(&g->members[i]))
			continue;
		bool seen = false;
		for (int j = 0; j < i && !seen; j++)
			seen = is_medical_member(&g->members[j]) && entity[j] == entity[i];
		if (!seen)
			n++;
	}
	return n;
}

static bool has_role(const struct group *g, enum group_role r)
{
	for (int i = 0; i < g->nmembers; i++)
		if (g->members[i].role == r && group_role_fits_kind(r, g->members[i].kind))
			return true;
	return false;
}

static bool covers(const struct group *g, const char *muni)
{
	for (int i = 0; i < g->nbase_covers; i++)
		if (strcmp(g->base_covers[i], muni) == 0)
			return true;
	return false;
}

/* Core members: the institutions that conclude the 協定 (seed 000 §2 "2以上の医療機関及び訪問看護事業所"). */
static bool is_core(const struct group_member *m)
{
	return m->role == GROLE_MEMBER_MEDICAL || m->role == GROLE_NURSE_STATION;
}

static bool is_party(const struct group_agreement *a, int64_t id)
{
	for (int i = 0; i < a->nparties; i++)
		if (a->party_ids[i] == id)
			return true;
	return false;
}

static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int parse_iso(const char *s, long *days)
{
	int y, m, d;
	if (s == NULL || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || !date_valid(y, m, d))
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

int group_days_between(const char *a, const char *b)
{
	long x, y;
	if (parse_iso(a, &x) != 0 || parse_iso(b, &y) != 0)
		return 0;
	return (int)(y - x);
}

/* 拠点 (seed 000 §2 "連携を担う拠点（郡市医師会）"; §5(1) 実施主体 郡市医師会): a 郡市医師会 whose district
 * covers the municipalities of the core members (issue 13 §3). Unknown coverage warns. */
static void check_base(const struct group *g, struct plist *p)
{
	if (g->base_id == 0) {
		add(p, "base_not_association", GSEV_ERROR, "base_id", "連携を担う拠点（郡市医師会）が設定されていません。");
		return;
	}
	if (g->base_kind != KIND_MEDICAL_ASSOCIATION) {
		add(p, "base_not_association", GSEV_ERROR, "base_id",
		    "連携を担う拠点は郡市医師会でなければなりません（%sは%sです）。", g->base_name, inst_kinds[g->base_kind].ja);
		return;
	}
	if (g->nbase_covers == 0) {
		add(p, "base_coverage_unknown", GSEV_WARNING, "base_id",
		    "拠点（%s）の担当市町村が地域設定に登録されていないため、構成機関が拠点の地区内にあるかを確認できません。",
		    g->base_name);
		return;
	}
	for (int i = 0; i < g->nmembers; i++) {
		const struct group_member *m = &g->members[i];
		if (m->municipality[0] == '\0' || covers(g, m->municipality))
			continue;
		if (is_core(m) || m->role == GROLE_PARTNER_MUNICIPALITY)
			add(p, "base_not_district", GSEV_ERROR, "base_id",
			    "%s（市町村コード %s）は拠点（%s）の地区外です。拠点は構成機関の市町村を担当する郡市医師会でなければなりません。",
			    m->name, m->municipality, g->base_name);
		else
			add(p, "member_outside_district", GSEV_WARNING, "members",
			    "%s（%s）は拠点（%s）の地区外にあります（補完・連携の機関のため要件には影響しません）。", m->name,
			    group_roles[m->role].ja, g->base_name);
	}
}

/* 関係市町村と連携 (seed 000 5(2)ア "支援体制の構築については、関係市町村と連携を図り取り組むこと"): the
 * municipality (or its 在宅医療・介護連携 desk) of a core member is a partner of the group. */
static void check_municipality(const struct group *g, struct plist *p)
{
	bool any = false, related = false;
	for (int i = 0; i < g->nmembers; i++) {
		const struct group_member *m = &g->members[i];
		if (m->role != GROLE_PARTNER_MUNICIPALITY || !group_role_fits_kind(m->role, m->kind))
			continue;
		any = true;
		if (g->kind == GKIND_MUNICIPALITY_CENTRED)
			related = true;
		for (int j = 0; j < g->nmembers && !related; j++)
			related = is_core(&g->members[j]) && strcmp(g->members[j].municipality, m->municipality) == 0;
	}
	if (!any)
		add(p, "municipality_partner_missing", GSEV_ERROR, "members",
		    g->kind == GKIND_MUNICIPALITY_CENTRED
			    ? "市町村（または在宅医療・介護連携の相談窓口）が構成機関に含まれていません。郡市医師会と市町村の体制には市町村が必要です。"
			    : "関係市町村（構成機関の所在市町村、またはその在宅医療・介護連携の相談窓口）との連携は要件です（実施要項5(2)ア）。連携市町村を構成機関に加えてください。");
	else if (!related)
		add(p, "municipality_partner_missing", GSEV_ERROR, "members",
		    "連携市町村が、医療機関・訪問看護事業所の所在市町村ではありません。関係市町村（構成機関の所在市町村）との連携が要件です（実施要項5(2)ア）。");
}

/* 協定 (seed 000 §2 "…医療機関及び訪問看護事業所が協定を締結し"): concluded by the core members, signed
 * on a past date, its signed document attached, in force today; expiry warnings 60 and 30 days ahead. */
static void check_agreement(const struct group *g, const char *today, struct plist *p)
{
	const struct group_agreement *a = &g->agreement;
	bool needed = g->kind == GKIND_PROVIDERS;
	if (!a->present || a->signed_on[0] == '\0') {
		if (needed)
			add(p, "agreement_missing", GSEV_ERROR, "agreement", "協定（締結日）が登録されていません。");
		else
			add(p, "agreement_recommended", GSEV_WARNING, "agreement", "郡市医師会と市町村の協定（取決め）の登録が望まれます（任意）。");
		return;
	}
	if (today && strcmp(a->signed_on, today) > 0)
		add(p, "agreement_signed_future", GSEV_ERROR, "agreement.signed_on",
		    "協定の締結日（%s）が未来の日付です。締結した日を登録してください。", a->signed_on);
	if (a->valid_to[0] && today && strcmp(a->valid_to, today) < 0)
		add(p, "agreement_expired", GSEV_ERROR, "agreement.valid_to", "協定の有効期間が終了しています（%s まで）。", a->valid_to);
	if (a->valid_from[0] && today && strcmp(a->valid_from, today) > 0)
		add(p, "agreement_not_started", GSEV_ERROR, "agreement.valid_from", "協定の有効期間が始まっていません（%s から）。",
		    a->valid_from);
	if (needed && !a->has_document)
		add(p, "agreement_document_missing", GSEV_ERROR, "agreement.document",
		    "署名済みの協定書（PDF）が登録されていません。機関証の交付には協定書が必要です。");
	if (needed && a->nparties == 0)
		add(p, "agreement_parties_missing", GSEV_ERROR, "agreement.party_ids",
		    "協定の当事者（協定を締結した構成機関）が登録されていません。");
	for (int i = 0; i < a->nparties; i++)
		if (group_member_index(g, a->party_ids[i]) < 0)
			add(p, "agreement_party_not_member", GSEV_ERROR, "agreement.party_ids",
			    "協定の当事者（機関ID %lld）はグループの構成機関ではありません。", (long long)a->party_ids[i]);
	for (int i = 0; needed && a->nparties > 0 && i < g->nmembers; i++) {
		const struct group_member *m = &g->members[i];
		if (is_core(m) && !is_party(a, m->institution_id))
			add(p, "agreement_party_missing", GSEV_ERROR, "agreement.party_ids",
			    "%s（%s）が協定の当事者に含まれていません。協定は医療機関及び訪問看護事業所が締結します。", m->name,
			    group_roles[m->role].ja);
	}
	if (a->valid_to[0] && today && strcmp(a->valid_to, today) >= 0) {
		int left = group_days_between(today, a->valid_to);
		if (left <= 30)
			add(p, "agreement_expires_30", GSEV_WARNING, "agreement.valid_to",
			    "協定の有効期間が30日以内（%s まで、あと%d日）に終了します。更新の手続きをしてください。", a->valid_to, left);
		else if (left <= 60)
			add(p, "agreement_expires_60", GSEV_WARNING, "agreement.valid_to",
			    "協定の有効期間が60日以内（%s まで、あと%d日）に終了します。", a->valid_to, left);
	}
}

/* The fiscal year a group was formed: its 結成日, else the agreement's 締結日; -1 when unknown. */
static int formed_year(const struct group *g)
{
	const char *d = g->formed_on[0] ? g->formed_on : g->agreement.signed_on;
	return d[0] ? fiscal_year_of(d) : -1;
}

bool group_first_year(const struct group *g, const char *today)
{
	return today && formed_year(g) == fiscal_year_of(today);
}

/* The three 取組 (seed 000 5(2)イ (要件) "上記2の…3つの取組を実施すること"): each recorded in the fiscal
 * year of today; a group in its first fiscal year (結成年度) may rest on a plan for each (経過措置). */
static void check_initiatives(const struct group *g, const char *today, struct plist *p)
{
	static const char *const codes[INIT__MAX] = {
		[INIT_SUPPORT] = "initiative_missing_support",
		[INIT_PATIENT_CENTRED] = "initiative_missing_patient_centred",
		[INIT_AWARENESS] = "initiative_missing_awareness_training",
	};
	int fy = today ? fiscal_year_of(today) : -1;
	const struct group_activity *a = &g->activity;
	bool counted = a->fiscal_year == fy;
	bool first = group_first_year(g, today);
	bool grace = false;
	char year[32];
	char fy_start[11];
	snprintf(fy_start, sizeof fy_start, "%04d-04-01", fy > 0 && fy < 10000 ? fy : 2000);
	if (wareki_format(fy_start, year, sizeof year) == 0) {
		char *nen = strstr(year, "年");
		if (nen)
			snprintf(nen, sizeof year - (size_t)(nen - year), "年度");
	} else {
		snprintf(year, sizeof year, "%d年度", fy);
	}
	for (int k = 0; k < INIT__MAX; k++) {
		if (counted && a->done[k] > 0)
			continue;
		if (first && counted && a->planned[k] > 0) {
			grace = true;
			continue;
		}
		add(p, codes[k], GSEV_ERROR, "initiatives",
		    first ? "%sの取組「%d %s」の実施記録も計画もありません。3つの取組はいずれも要件です（結成年度は計画の登録で足ります）。"
			  : "%sの取組「%d %s」の実施記録がありません。3つの取組はいずれも要件です（実施要項5(2)イ）。",
		    year, k + 1, initiative_kinds[k].ja);
	}
	if (grace)
		add(p, "initiative_first_year_grace", GSEV_WARNING, "initiatives",
		    "結成初年度（%s）のため、実施記録のない取組は計画の登録をもって要件を満たすものとしています（初年度の経過措置）。",
		    year);
}

int group_validate(const struct group *g, const char *today, struct group_problem *out, int max)
{
	struct plist p = {out, max, 0};
	for (int i = 0; i < g->nmembers; i++) {
		const struct group_member *m = &g->members[i];
		if (!group_role_fits_kind(m->role, m->kind))
			add(&p, "role_kind_mismatch", GSEV_ERROR, "members",
			    "%s（%s）は役割「%s」に該当しない種別です。", m->name, inst_kinds[m->kind].ja, group_roles[m->role].ja);
	}
	bool providers = g->kind == GKIND_PROVIDERS;
	if (providers) {
		/* "少なくとも同一法人以外の2以上の医療機関" */
		int ent = distinct_entities(g);
		if (ent < 2)
			add(&p, "too_few_medical", GSEV_ERROR, "members",
			    "同一法人以外の2以上の医療機関（病院・診療所）が必要です（現在、異なる法人は%d）。同一法人の医療機関は1つと数えます。",
			    ent);
		/* "及び訪問看護事業所" */
		if (!has_role(g, GROLE_NURSE_STATION))
			add(&p, "no_nurse_station", GSEV_ERROR, "members", "訪問看護事業所がグループに含まれていません。");
	}
	check_base(g, &p);
	/* "積極的役割を担う医療機関（連携する医療機関から選定）" */
	if (providers && g->nactive == 0)
		add(&p, "no_active_role", GSEV_ERROR, "active_role_ids", "積極的役割を担う医療機関が選定されていません。");
	for (int i = 0; i < g->nactive; i++) {
		int k = group_member_index(g, g->active_ids[i]);
		if (k < 0 || !may_take_active_role(&g->members[k]))
			add(&p, "active_role_not_member", GSEV_ERROR, "active_role_ids",
			    "積極的役割を担う医療機関（ID %lld）は、グループの医療機関（連携医療機関・後方支援病院・在宅医療専門診療所）から選定してください。",
			    (long long)g->active_ids[i]);
	}
	check_agreement(g, today, &p);
	check_municipality(g, &p);
	check_initiatives(g, today, &p);
	/* "歯科診療所、薬局、訪問リハビリテーション事業所、居宅介護支援事業所などの関係機関による
	 * 連携体制の構築が望ましい" — warnings only (the 市町村 is a 要件 since 5(2)ア, above). */
	static const struct {
		enum group_role role;
		const char *code;
	} partners[] = {
		{GROLE_PARTNER_DENTAL, "missing_partner_dental"},
		{GROLE_PARTNER_PHARMACY, "missing_partner_pharmacy"},
		{GROLE_PARTNER_REHAB, "missing_partner_rehab"},
		{GROLE_PARTNER_CARE_MANAGEMENT, "missing_partner_care_management"},
	};
	for (size_t i = 0; i < sizeof partners / sizeof partners[0]; i++)
		if (!has_role(g, partners[i].role))
			add(&p, partners[i].code, GSEV_WARNING, "members", "%sとの連携が望まれます（任意）。",
			    group_roles[partners[i].role].ja + strlen("連携"));
	/* issue 12 §3: the group rests on 24h mutual support (夜間・急変時の相互補完); a member whose
	 * 24時間対応 nobody has confirmed is named, so that the rest is not read as "no". */
	for (int i = 0; i < g->nmembers; i++)
		if (g->members[i].h24_unconfirmed)
			add(&p, "fact_unconfirmed", GSEV_WARNING, "members", "「%s」の24時間対応は未確認です（対応あり・なしを確認してください）。",
			    g->members[i].name);
	/* errors first, then warnings, each in the order found (stable) */
	int kept = p.n < max ? p.n : max;
	for (int i = 1; i < kept; i++) {
		if (out[i].severity != GSEV_ERROR)
			continue;
		struct group_problem e = out[i];
		int j = i;
		while (j > 0 && out[j - 1].severity != GSEV_ERROR) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = e;
	}
	return p.n;
}

bool group_problems_valid(const struct group_problem *p, int n)
{
	for (int i = 0; i < n; i++)
		if (p[i].severity == GSEV_ERROR)
			return false;
	return true;
}

bool group_is_valid(const struct group *g, const char *today)
{
	struct group_problem p[GROUP_MAX_PROBLEMS + GROUP_MAX_MEMBERS + GROUP_MAX_ACTIVE];
	int n = group_validate(g, today, p, (int)(sizeof p / sizeof p[0]));
	return group_problems_valid(p, n);
}

static int date_ok(const char *iso)
{
	int y, m, d;
	char tail;
	return strlen(iso) == 10 && sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && iso[4] == '-' &&
	       iso[7] == '-' && date_valid(y, m, d);
}

#define FAIL(f, ...) do { snprintf(field, (size_t)fieldsz, "%s", f); snprintf(msg, (size_t)msgsz, __VA_ARGS__); return -1; } while (0)

int group_check_input(const struct group *g, char *field, int fieldsz, char *msg, int msgsz)
{
	if (g->name[0] == '\0' || !text_valid_utf8(g->name) || text_char_count(g->name) > GROUP_NAME_MAX_CHARS)
		FAIL("name", "グループ名は1〜%d文字で入力してください。", GROUP_NAME_MAX_CHARS);
	if (!text_valid_utf8(g->note) || text_char_count(g->note) > GROUP_NOTE_MAX_CHARS)
		FAIL("note", "備考は%d文字以内で入力してください。", GROUP_NOTE_MAX_CHARS);
	for (int i = 0; i < g->nmembers; i++) {
		if (g->members[i].institution_id <= 0)
			FAIL("members", "members[%d].institution_id が不正です。", i);
		for (int j = 0; j < i; j++)
			if (g->members[j].institution_id == g->members[i].institution_id)
				FAIL("members", "members[%d]: 機関（ID %lld）が重複しています。", i,
				     (long long)g->members[i].institution_id);
	}
	for (int i = 0; i < g->nactive; i++)
		for (int j = 0; j < i; j++)
			if (g->active_ids[j] == g->active_ids[i])
				FAIL("active_role_ids", "active_role_ids に同じ機関（ID %lld）が重複しています。", (long long)g->active_ids[i]);
	if ((int)g->kind < 0 || g->kind >= GKIND__MAX)
		FAIL("kind", "kind は providers / municipality_centred のいずれかです。");
	if (g->formed_on[0] && !date_ok(g->formed_on))
		FAIL("formed_on", "結成日は YYYY-MM-DD 形式の日付で入力してください。");
	const struct group_agreement *a = &g->agreement;
	if (a->present) {
		if (a->signed_on[0] && !date_ok(a->signed_on))
			FAIL("agreement.signed_on", "締結日は YYYY-MM-DD 形式の日付で入力してください。");
		if (a->valid_from[0] && !date_ok(a->valid_from))
			FAIL("agreement.valid_from", "有効期間（開始）は YYYY-MM-DD 形式の日付で入力してください。");
		if (a->valid_to[0] && !date_ok(a->valid_to))
			FAIL("agreement.valid_to", "有効期間（終了）は YYYY-MM-DD 形式の日付で入力してください。");
		if (a->valid_from[0] && a->valid_to[0] && strcmp(a->valid_from, a->valid_to) > 0)
			FAIL("agreement.valid_to", "有効期間の終了日が開始日より前です。");
		for (int i = 0; i < a->nparties; i++)
			for (int j = 0; j < i; j++)
				if (a->party_ids[j] == a->party_ids[i])
					FAIL("agreement.party_ids", "協定の当事者に同じ機関（ID %lld）が重複しています。", (long long)a->party_ids[i]);
		if (!text_valid_utf8(a->parties) || text_char_count(a->parties) > GROUP_PARTIES_MAX_CHARS)
			FAIL("agreement.parties", "協定の当事者は%d文字以内で入力してください。", GROUP_PARTIES_MAX_CHARS);
	}
	return 0;
}

int initiative_check(struct initiative *in, char *field, int fieldsz, char *msg, int msgsz)
{
	if ((int)in->kind < 0 || in->kind >= INIT__MAX)
		FAIL("kind", "kind は support / patient_centred / awareness_training のいずれかです。");
	if (!date_ok(in->held_on))
		FAIL("held_on", "実施日は YYYY-MM-DD 形式の日付で入力してください。");
	if (in->title[0] == '\0' || !text_valid_utf8(in->title) || text_char_count(in->title) > INIT_TITLE_MAX_CHARS)
		FAIL("title", "件名は1〜%d文字で入力してください。", INIT_TITLE_MAX_CHARS);
	if (!text_valid_utf8(in->description) || text_char_count(in->description) > INIT_DESC_MAX_CHARS)
		FAIL("description", "内容は%d文字以内で入力してください。", INIT_DESC_MAX_CHARS);
	if (in->topics && in->kind != INIT_PATIENT_CENTRED)
		FAIL("topics", "検討テーマ（topics）は患者・家族を中心とした取組（patient_centred）にのみ指定できます。");
	if (in->topics >> TOPIC__MAX)
		FAIL("topics", "topics に不明なテーマがあります。");
	if (in->participants < 0 || in->participants > 100000)
		FAIL("participants", "参加者数は0〜100000の整数で入力してください。");
	in->fiscal_year = fiscal_year_of(in->held_on);
	return 0;
}

void initiative_summarize(const struct initiative *items, int n, int fiscal_year, struct initiative_summary *out)
{
	memset(out, 0, sizeof *out);
	out->fiscal_year = fiscal_year;
	for (int i = 0; i < n; i++) {
		const struct initiative *it = &items[i];
		if (it->fiscal_year != fiscal_year || (int)it->kind < 0 || it->kind >= INIT__MAX)
			continue;
		if (it->planned) {
			out->planned[it->kind]++;
			continue;
		}
		out->count[it->kind]++;
		out->participants[it->kind] += it->participants;
		if (it->kind == INIT_PATIENT_CENTRED)
			out->topics_covered |= it->topics;
	}
	out->all_kinds_done = true;
	for (int k = 0; k < INIT__MAX; k++)
		if (out->count[k] == 0)
			out->all_kinds_done = false;
	out->all_topics_done = out->topics_covered == (1u << TOPIC__MAX) - 1;
}
