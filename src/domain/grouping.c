/*
 * Validation of 参入促進・連携（グループ化） (seed 000 §2): "少なくとも同一法人以外の2以上の医療機関
 * 及び訪問看護事業所が協定を締結し、在宅医療において積極的役割を担う医療機関（連携する医療機関から
 * 選定）及び在宅医療に必要な連携を担う拠点（郡市医師会）として" — and the three initiatives (取組).
 */
#include "domain/grouping.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

/* Number of distinct legal entities among the member medical institutions; an institution with
 * no recorded 法人 counts as its own (e.g. a clinic owned by an individual doctor). */
static int distinct_entities(const struct group *g)
{
	int n = 0;
	for (int i = 0; i < g->nmembers; i++) {
		const struct group_member *m = &g->members[i];
		if (!is_medical_member(m))
			continue;
		bool seen = false;
		for (int j = 0; j < i && !seen && m->legal_entity_id; j++)
			seen = is_medical_member(&g->members[j]) && g->members[j].legal_entity_id == m->legal_entity_id;
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

int group_validate(const struct group *g, const char *today, struct group_problem *out, int max)
{
	struct plist p = {out, max, 0};
	for (int i = 0; i < g->nmembers; i++) {
		const struct group_member *m = &g->members[i];
		if (!group_role_fits_kind(m->role, m->kind))
			add(&p, "role_kind_mismatch", GSEV_ERROR, "members",
			    "%s（%s）は役割「%s」に該当しない種別です。", m->name, inst_kinds[m->kind].ja, group_roles[m->role].ja);
	}
	/* "少なくとも同一法人以外の2以上の医療機関" */
	int ent = distinct_entities(g);
	if (ent < 2)
		add(&p, "too_few_medical", GSEV_ERROR, "members",
		    "同一法人以外の2以上の医療機関（病院・診療所）が必要です（現在、異なる法人は%d）。同一法人の医療機関は1つと数えます。",
		    ent);
	/* "及び訪問看護事業所" */
	if (!has_role(g, GROLE_NURSE_STATION))
		add(&p, "no_nurse_station", GSEV_ERROR, "members", "訪問看護事業所がグループに含まれていません。");
	/* "在宅医療に必要な連携を担う拠点（郡市医師会）" */
	if (g->base_id == 0)
		add(&p, "base_not_association", GSEV_ERROR, "base_id", "連携を担う拠点（郡市医師会）が設定されていません。");
	else if (g->base_kind != KIND_MEDICAL_ASSOCIATION)
		add(&p, "base_not_association", GSEV_ERROR, "base_id",
		    "連携を担う拠点は郡市医師会でなければなりません（%sは%sです）。", g->base_name, inst_kinds[g->base_kind].ja);
	/* "積極的役割を担う医療機関（連携する医療機関から選定）" */
	if (g->nactive == 0)
		add(&p, "no_active_role", GSEV_ERROR, "active_role_ids", "積極的役割を担う医療機関が選定されていません。");
	for (int i = 0; i < g->nactive; i++) {
		int k = group_member_index(g, g->active_ids[i]);
		if (k < 0 || !is_medical_member(&g->members[k]))
			add(&p, "active_role_not_member", GSEV_ERROR, "active_role_ids",
			    "積極的役割を担う医療機関（ID %lld）は、グループの連携医療機関から選定してください。",
			    (long long)g->active_ids[i]);
	}
	/* "協定を締結し" */
	const struct group_agreement *a = &g->agreement;
	if (!a->present || a->signed_on[0] == '\0') {
		add(&p, "agreement_missing", GSEV_ERROR, "agreement", "協定（締結日）が登録されていません。");
	} else {
		if (a->valid_to[0] && today && strcmp(a->valid_to, today) < 0)
			add(&p, "agreement_expired", GSEV_ERROR, "agreement.valid_to", "協定の有効期間が終了しています（%s まで）。",
			    a->valid_to);
		if (a->valid_from[0] && today && strcmp(a->valid_from, today) > 0)
			add(&p, "agreement_not_started", GSEV_ERROR, "agreement.valid_from",
			    "協定の有効期間が始まっていません（%s から）。", a->valid_from);
	}
	/* "市町村、歯科診療所、薬局、訪問リハビリテーション事業所、居宅介護支援事業所などの関係機関による
	 * 連携体制の構築が望ましい" — warnings only. */
	static const struct {
		enum group_role role;
		const char *code;
	} partners[] = {
		{GROLE_PARTNER_MUNICIPALITY, "missing_partner_municipality"},
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
