/*
 * Demo step "designation": the prefecture's staff have confirmed part of the seed 001 candidates
 * for 茨城県 鹿行, so that the coverage audit has something to say:
 *   鹿嶋市  積極的役割 = its ① 在支病, 拠点 = ① 相談窓口
 *   神栖市  積極的役割 = its first ① 在支病
 *   潮来市  拠点 = ② 郡市医師会
 *   鉾田市  積極的役割 = ②-1 機能強化型 在支診            → 圏域 鹿行北部 has no 拠点
 *   行方市  nothing confirmed (its candidates fall back to neighbours by rule ③)
 * plus the 鹿行 在宅医療サポートセンター (基幹型, seed 004) and a few checklist items, one overdue.
 * Candidates are taken from the rules themselves, so the step follows the region's data.
 */
#include "demo/demo_designation.h"

#include <stdio.h>
#include <string.h>

#include "app/app_designation.h"
#include "domain/designation.h"
#include "domain/obligations.h"
#include "store/store.h"
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

static enum zt_err run(struct store *st, void *ctx, struct zt_error *e)
{
	(void)ctx;
	struct desig_world w;
	enum zt_err r = store_desig_world(st, "08", &w, e);
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
		r = app_designation_create(st, NULL, &d, e); /* the rules and audit row of the API */
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
		printf("  designation: %d confirmed (行方市 left open, 鹿行北部 without a 拠点), 1 support centre, "
		       "checklist with 1 overdue item\n", n);
	return r;
}

enum zt_err demo_designation(struct store *st, struct zt_error *e)
{
	return store_tx(st, run, NULL, e);
}
