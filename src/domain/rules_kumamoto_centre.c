/*
 * Kumamoto 地域在宅医療サポートセンター (seed 004 §3): 急変時対応, 入退院支援, 訪問診療等のサービス提供量の
 * 増加 and 連絡会の開催 are 【必須項目】; 「任意項目からは 1 項目以上を選択するものとする」 (日常の療養支援,
 * 看取り, 普及啓発, 地域独自); a centre is 基幹型 or 連携型 (§1(4)).
 */
#include "domain/ruleset.h"

#include <stdio.h>
#include <string.h>

static const struct ruleset_action actions[] = {
	/* mandatory (必須項目) first, then optional (任意項目) */
	{"k_emergency", "急変時対応の取組み", "必須"},
	{"k_discharge", "入退院支援の取組み", "必須"},
	{"k_volume", "訪問診療等のサービス提供量の増加に向けた取組み", "必須"},
	{"k_liaison", "在宅医療センター事業の連絡会の開催", "必須"},
	{"k_daily", "日常の療養支援の取組み", "任意"},
	{"k_eol", "看取りに関する取組み", "任意"},
	{"k_awareness", "普及啓発に関する取組み", "任意"},
	{"k_local", "その他、在宅医療の充実に資する地域独自の取組み", "任意"},
};
enum { MAND_LO = 0, MAND_HI = 3, OPT_LO = 4, OPT_HI = 7 };

static const char *const variants[] = {"kikan", "renkei", NULL};
static const char *const variant_labels[] = {"基幹型", "連携型", NULL};

static const char *const mandatory_codes[] = {"kumamoto.emergency", "kumamoto.discharge", "kumamoto.volume",
					      "kumamoto.liaison"};
static const char *const mandatory_seeds[] = {
	"急変時対応の取組み【必須項目】",
	"入退院支援の取組み【必須項目】",
	"訪問診療等のサービス提供量の増加に向けた取組み【必須項目】",
	"在宅医療センター事業の連絡会の開催【必須項目】",
};
static const char seed_optional[] = "任意項目からは 1 項目以上を選択するものとする。";
static const char seed_variant[] =
	"病床を有し多職種を配置する医療機関…[基幹型] 複数医療機関等のグループ…代表する医療機関等を定め、申請するものとする。[連携型]";

static size_t check(const struct plan_facts *f, struct rule_result *out)
{
	const struct ruleset *rs = &ruleset_kumamoto_centre;
	size_t n = 0;
	for (int i = MAND_LO; i <= MAND_HI; i++) {
		struct rule_result *r = rule_begin(out, &n, mandatory_codes[i], rs->actions[i].label, mandatory_seeds[i]);
		rule_action_done(r, f, rs, i);
	}

	struct rule_result *ro = rule_begin(out, &n, "kumamoto.optional_1", "任意項目から1項目以上", seed_optional);
	int planned = rule_count_chosen(f, OPT_LO, OPT_HI), done = rule_count_done(f, OPT_LO, OPT_HI);
	if (planned < 1) {
		snprintf(ro->why, sizeof ro->why, "計画に任意項目（日常の療養支援・看取り・普及啓発・地域独自）がありません");
	} else if (done >= 1) {
		ro->status = RULE_MET;
		snprintf(ro->why, sizeof ro->why, "任意項目%d件を計画し%d件に実績あり", planned, done);
	} else {
		ro->pending = !f->year_ended;
		int len = snprintf(ro->why, sizeof ro->why, "任意項目の実績がまだありません%s。実績なし：",
				   f->year_ended ? "" : "（年度途中）");
		if (len > 0 && (size_t)len < sizeof ro->why)
			rule_list_missing(f, rs, OPT_LO, OPT_HI, ro->why, sizeof ro->why);
	}

	struct rule_result *rv = rule_begin(out, &n, "kumamoto.variant", "基幹型または連携型", seed_variant);
	if (f->variant != NULL && strcmp(f->variant, "kikan") == 0) {
		rv->status = RULE_MET;
		snprintf(rv->why, sizeof rv->why, "基幹型");
	} else if (f->variant != NULL && strcmp(f->variant, "renkei") == 0) {
		rv->status = RULE_MET;
		snprintf(rv->why, sizeof rv->why, "連携型（代表する医療機関が申請）");
	} else {
		snprintf(rv->why, sizeof rv->why, "基幹型か連携型かが決まっていません");
	}
	return n;
}

const struct ruleset ruleset_kumamoto_centre = {
	.code = "kumamoto_centre",
	.name = "地域在宅医療サポートセンター（熊本県）",
	.source = "seed 004 §3",
	.actions = actions,
	.nactions = sizeof actions / sizeof actions[0],
	.variants = variants,
	.variant_labels = variant_labels,
	.check = check,
};
