/*
 * Demo step "designation": the prefecture's staff have confirmed part of the seed 001 candidates
 * for 茨城県 鹿行, so that the coverage audit has something to say:
 *   鹿嶋市  積極的役割 = its ① 在支病, 拠点 = ① 相談窓口
 *   神栖市  積極的役割 = its first ① 在支病
 *   潮来市  拠点 = ② 郡市医師会
 *   鉾田市  積極的役割 = ②-1 機能強化型 在支診            → 圏域 鹿行北部 has no 拠点
 *   行方市  nothing confirmed (its candidates fall back to neighbours by rule ③)
 * plus the 鹿行 在宅医療サポートセンター (基幹型, seed 004) and a few checklist items, one overdue.
 * Candidates are taken from the rules themselves, so the step follows the region's data. Then
 * (issue 13):
 *   - each municipality's 在宅医療・介護連携 相談窓口 is recorded (拠点 candidate ①);
 *   - the prefecture sets two centres for 鹿行, and a 連携型 centre is designated: 鹿行みらい医師会 as
 *     its representative with a member group of home-care clinics and a visiting nurse station;
 *   - step "facts" (after the accounts): 神栖市's ① 在支病 withdraws its 在宅療養支援病院 filing. The
 *     demo's administrator (demo-admin) records it through the registry's update use case
 *     (app_facility_save, as a PUT /facilities would; the bureau import of this build keeps
 *     standards absent from a list, so it cannot remove one), which re-checks the designation: it
 *     stays in force, flagged 「要件を満たさなくなりました」, and the 圏域 鹿行南部 names it in the
 *     coverage audit.
 */
#include "demo/demo_designation.h"

#include <stdio.h>
#include <string.h>

#include "app/app_designation.h"
#include "app/app_facilities.h"
#include "domain/designation.h"
#include "domain/obligations.h"
#include "core/actor.h"
#include "store/store.h"
#include "store/store_accounts.h"
#include "store/store_designation.h"

struct pick {
	const char *muni;
	enum desig_role role;
	enum desig_rule rule;
};

static const struct pick picks[] = {
	{"082228", DROLE_ACTIVE, RULE_ZAIBYO},
	{"082228", DROLE_BASE, RULE_BASE_DESK},
	{"082325", DROLE_ACTIVE, RULE_ZAIBYO},
	{"082236", DROLE_BASE, RULE_BASE_ASSOCIATION},
	{"082341", DROLE_ACTIVE, RULE_ZAISHIN_ENHANCED},
};

/* Checklist items of the first designation (鹿嶋市, 積極的役割). */
static const struct {
	const char *item;
	enum oblig_status status;
	const char *evidence, *due, *done;
} items[] = {
	{"night_support", OST_DONE, "鹿行みらい医師会（架空）と夜間・休日の支援協定を締結", "2025-03-31", "2025-02-14"},
	{"emergency_rules", OST_DONE, "急変時連携ルールを受入病院・鹿行広域消防本部と協議し合意（令和7年1月）", "2025-03-31", "2025-01-20"},
	{"bcp", OST_DOING, "人工呼吸器使用患者の搬送計画を作成中", "2025-03-31", ""}, /* overdue */
	{"training_place", OST_TODO, "", "2027-03-31", ""},
};

static int64_t first_of_rule(const struct desig_world *w, const struct pick *p)
{
	struct desig_candidate c[DESIG_MAX_CANDIDATES];
	size_t n = p->role == DROLE_ACTIVE ? desig_active_candidates(w, p->muni, c, DESIG_MAX_CANDIDATES)
					   : desig_base_candidates(w, p->muni, c, DESIG_MAX_CANDIDATES);
	for (size_t i = 0; i < n && i < DESIG_MAX_CANDIDATES; i++)
		if (c[i].rule == p->rule)
			return c[i].institution_id;
	return 0;
}

/* Records the municipality-run 相談窓口 of each municipality (the registry's municipality entries). */
static enum zt_err desks(struct store *st, const struct desig_world *w, struct zt_error *e)
{
	enum zt_err r = ZT_OK;
	for (size_t i = 0; i < w->ninsts && r == ZT_OK; i++)
		if (w->insts[i].kind == KIND_MUNICIPALITY && !w->insts[i].foreign)
			r = app_desk_set(st, NULL, w->insts[i].municipality, w->insts[i].id, e);
	return r;
}

static int64_t inst_named(const struct desig_world *w, const char *name)
{
	for (size_t i = 0; i < w->ninsts; i++)
		if (strcmp(w->insts[i].name, name) == 0)
			return w->insts[i].id;
	return 0;
}

/* seed 004 連携型: 「複数医療機関等のグループ…代表する医療機関等を定め」 — here the 郡市医師会. */
static enum zt_err linked_centre(struct store *st, const struct desig_world *w, int64_t area, struct zt_error *e)
{
	static const char *const names[] = {"かしま在宅クリニック（架空）", "いたこ水郷クリニック（架空）",
					    "訪問看護ステーションなめがた（架空）"};
	int64_t rep = inst_named(w, "鹿行みらい医師会（架空）"), members[3];
	for (size_t i = 0; i < 3; i++)
		if ((members[i] = inst_named(w, names[i])) == 0)
			return zt_fail(e, ZT_ERR_INVALID, "support_centre", "デモ: %s がありません。", names[i]);
	if (rep == 0)
		return zt_fail(e, ZT_ERR_INVALID, "support_centre", "デモ: 鹿行みらい医師会がありません。");
	enum zt_err r = app_support_centre_quota(st, NULL, area, 2, e);
	uint32_t done = 1u << SC_EMERGENCY | 1u << SC_ADMISSION | 1u << SC_VISIT_INCREASE | 1u << SC_LIAISON |
			1u << SC_END_OF_LIFE;
	int64_t id = 0;
	if (r == ZT_OK)
		r = app_support_centre_create(st, NULL, area, rep, SC_LINKED, "鹿行在宅医療連携サポートセンター（架空）", done,
					      members, 3, &id, e);
	return r;
}

/* 神栖市's ① 在支病 withdraws its filing: the registry's update use case re-checks its designation. */
static enum zt_err withdraw_zaibyo(struct store *st, const struct zt_actor *who, const struct desig_world *w,
				   const char *muni, struct zt_error *e)
{
	for (size_t i = 0; i < w->ndesigs; i++) {
		const struct dw_designation *d = &w->desigs[i];
		if (strcmp(d->muni, muni) != 0 || d->role != DROLE_ACTIVE)
			continue;
		struct facility f;
		enum zt_err r = store_facility_get(st, d->institution_id, &f, e);
		if (r != ZT_OK)
			return r;
		for (int s = 0; s < STD__MAX; s++)
			if (standard_is_zaibyo((enum standard)s))
				f.standards &= ~(1u << s);
		snprintf(f.note, sizeof f.note, "令和7年3月に在宅療養支援病院の届出を取り下げ（デモ）");
		return app_facility_save(st, who, &f, 0, e);
	}
	return zt_fail(e, ZT_ERR_INVALID, "designation", "デモ: %s に積極的役割の位置付けがありません。", muni);
}

static enum zt_err run(struct store *st, void *ctx, struct zt_error *e)
{
	(void)ctx;
	struct desig_world w;
	enum zt_err r = store_desig_world(st, "08", &w, e);
	if (r == ZT_OK) { /* the 相談窓口 first: they are the ① candidates of the 拠点 */
		r = desks(st, &w, e);
		desig_world_free(&w);
		if (r == ZT_OK)
			r = store_desig_world(st, "08", &w, e);
	}
	if (r != ZT_OK)
		return r;
	int64_t first_id = 0, centre = 0;
	int n = 0;
	for (size_t i = 0; i < sizeof picks / sizeof picks[0] && r == ZT_OK; i++) {
		int64_t inst = first_of_rule(&w, &picks[i]);
		if (inst == 0) {
			r = zt_fail(e, ZT_ERR_INVALID, "designation", "デモ: %s に規則 %s の候補がありません。", picks[i].muni,
				    desig_rules[picks[i].rule].code);
			break;
		}
		struct dw_designation d;
		memset(&d, 0, sizeof d);
		snprintf(d.muni, sizeof d.muni, "%s", picks[i].muni);
		d.institution_id = inst;
		d.role = picks[i].role;
		d.basis = DBASIS_RULE;
		snprintf(d.rule, sizeof d.rule, "%s", desig_rules[picks[i].rule].code);
		snprintf(d.plan_period, sizeof d.plan_period, "2024-2029");
		snprintf(d.valid_from, sizeof d.valid_from, "2024-04-01");
		r = app_designation_create(st, NULL, &d, NULL, e); /* the rules and audit row of the API */
		if (i == 0) {
			first_id = d.id;
			centre = inst;
		}
		n++;
	}
	for (size_t i = 0; i < sizeof items / sizeof items[0] && r == ZT_OK; i++) {
		struct oblig_item it = {.idx = obligation_lookup(items[i].item), .status = items[i].status};
		snprintf(it.evidence, sizeof it.evidence, "%s", items[i].evidence);
		snprintf(it.due_date, sizeof it.due_date, "%s", items[i].due);
		snprintf(it.done_date, sizeof it.done_date, "%s", items[i].done);
		if (store_checklist_item_set(st, first_id, &it) != ZT_OK)
			r = zt_fail(e, ZT_ERR_DB, "checklist", "デモ: チェックリスト項目 %s を保存できません。", items[i].item);
	}
	int64_t sc = 0;
	if (r == ZT_OK && w.nmedical_areas > 0) {
		uint32_t sc_set = 1u << SC_EMERGENCY | 1u << SC_ADMISSION | 1u << SC_VISIT_INCREASE | 1u << SC_LIAISON |
				  1u << SC_DAILY_CARE;
		r = store_support_centre_put(st, w.medical_areas[0].id, centre, SC_CORE, "鹿行地域在宅医療サポートセンター（架空）",
					     sc_set, &sc);
		if (r != ZT_OK)
			zt_fail(e, r, "support_centre", "デモ: 在宅医療サポートセンターを保存できません。");
	}
	desig_world_free(&w);
	if (r == ZT_OK)
		r = store_desig_world(st, "08", &w, e); /* with the designations just made */
	if (r != ZT_OK)
		return r;
	if (w.nmedical_areas > 0)
		r = linked_centre(st, &w, w.medical_areas[0].id, e);
	desig_world_free(&w);
	if (r == ZT_OK)
		printf("  designation: %d confirmed (行方市 left open, 鹿行北部 without a 拠点), 2 support centres "
		       "(基幹型, 連携型 with its group), checklist with 1 overdue item\n", n);
	return r;
}

static enum zt_err facts(struct store *st, void *ctx, struct zt_error *e)
{
	(void)ctx;
	struct account a;
	enum zt_err r = store_account_by_username(st, "demo-admin", &a, e);
	if (r != ZT_OK)
		return r;
	const struct zt_actor who = {a.id, a.username, a.role, "cli"};
	struct desig_world w;
	r = store_desig_world(st, "08", &w, e);
	if (r != ZT_OK)
		return r;
	r = withdraw_zaibyo(st, &who, &w, "082325", e);
	desig_world_free(&w);
	if (r == ZT_OK)
		printf("  facts: 神栖市's 在支病 withdrew its filing (recorded by demo-admin) → its designation is flagged "
		       "「要件を満たさなくなりました」\n");
	return r;
}

enum zt_err demo_designation_facts(struct store *st, struct zt_error *e)
{
	return store_tx(st, facts, NULL, e);
}

enum zt_err demo_designation(struct store *st, struct zt_error *e)
{
	return store_tx(st, run, NULL, e);
}
