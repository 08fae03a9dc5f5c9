/*
 * 在宅医療・介護連携推進事業 (seed 003 「PDCAサイクルに沿った取組」, items as seed 004 §5 lists them): the
 * municipality's items in three PDCA phases — ①現状分析・課題の抽出・政策立案 (ア)(イ)(ウ), ②対応策の実施
 * (エ)(オ)(カ)(キ), ③対応策の評価・改善 (the plan's Check written). Seed 004 (平成30年) also lists (ク)
 * 関係市区町村の連携; seed 003 (令和6年) no longer puts it in a phase, so it may be planned but is not required.
 */
#include "domain/ruleset.h"

#include <stdio.h>

static const struct ruleset_action actions[] = {
	{"ka", "(ア) 地域の医療・介護の資源の把握", "①現状分析・課題の抽出・政策立案"},
	{"ki", "(イ) 在宅医療・介護連携の課題の抽出と対応策の検討", "①現状分析・課題の抽出・政策立案"},
	{"ku", "(ウ) 切れ目のない在宅医療と在宅介護の提供体制の構築の推進", "①現状分析・課題の抽出・政策立案"},
	{"ke", "(エ) 医療・介護関係者の情報共有の支援", "②対応策の実施"},
	{"ko", "(オ) 在宅医療・介護関係者に関する相談支援", "②対応策の実施"},
	{"kk", "(カ) 医療・介護関係者の研修", "②対応策の実施"},
	{"kki", "(キ) 地域住民への普及啓発", "②対応策の実施"},
	{"kku", "(ク) 在宅医療・介護連携に関する関係市区町村の連携", "（任意）"},
};
enum { P1_LO = 0, P1_HI = 2, P2_LO = 3, P2_HI = 6 };

static const char seed_p1[] = "①現状分析・課題の抽出・政策立案 (ア) 地域の医療・介護の資源の把握 (イ) 在宅医療・介護連携の課題の抽出と対応策の検討 (ウ) 切れ目のない在宅医療と在宅介護の提供体制の構築の推進";
static const char seed_p2[] = "②対応策の実施 (オ) 在宅医療・介護関係者に関する相談支援 (キ) 地域住民への普及啓発 (エ) 医療・介護関係者の情報共有の支援 (カ) 医療・介護関係者の研修";
static const char seed_p3[] = "③対応策の評価・改善";

/* A phase is met when every item of it is planned and has evidence. */
static void phase(struct rule_result *r, const struct plan_facts *f, int lo, int hi)
{
	const struct ruleset *rs = &ruleset_kaigo_renkei;
	int planned = rule_count_chosen(f, lo, hi), done = rule_count_done(f, lo, hi), all = hi - lo + 1;
	if (planned < all) {
		int len = snprintf(r->why, sizeof r->why, "計画にない項目：");
		int k = 0;
		for (int i = lo; i <= hi && len > 0 && (size_t)len < sizeof r->why; i++)
			if (!((f->chosen >> i) & 1u))
				len += snprintf(r->why + len, sizeof r->why - (size_t)len, "%s%s", k++ ? "、" : "",
						rs->actions[i].label);
	} else if (done == all) {
		r->status = RULE_MET;
		snprintf(r->why, sizeof r->why, "%d項目すべてに実績あり", all);
	} else {
		r->pending = !f->year_ended;
		int len = snprintf(r->why, sizeof r->why, "実績なし%s：", f->year_ended ? "" : "（年度途中）");
		if (len > 0 && (size_t)len < sizeof r->why)
			rule_list_missing(f, rs, lo, hi, r->why, sizeof r->why);
	}
}

static size_t check(const struct plan_facts *f, struct rule_result *out)
{
	size_t n = 0;
	phase(rule_begin(out, &n, "kaigo.phase1", "①現状分析・課題の抽出・政策立案（ア）～（ウ）", seed_p1), f, P1_LO, P1_HI);
	phase(rule_begin(out, &n, "kaigo.phase2", "②対応策の実施（エ）～（キ）", seed_p2), f, P2_LO, P2_HI);
	struct rule_result *r3 = rule_begin(out, &n, "kaigo.phase3", "③対応策の評価・改善", seed_p3);
	if (f->evaluated) {
		r3->status = RULE_MET;
		snprintf(r3->why, sizeof r3->why, "評価（Check）と改善（Act）を記入済み");
	} else if (!f->year_ended) {
		r3->status = RULE_NOT_REQUIRED;
		snprintf(r3->why, sizeof r3->why, "評価は年度末に行います（年度途中）");
	} else {
		snprintf(r3->why, sizeof r3->why, "評価（Check）が記入されていません");
	}
	return n;
}

const struct ruleset ruleset_kaigo_renkei = {
	.code = "kaigo_renkei",
	.name = "在宅医療・介護連携推進事業",
	.source = "seed 003（PDCAサイクルに沿った取組）・seed 004 §5",
	.actions = actions,
	.nactions = sizeof actions / sizeof actions[0],
	.check = check,
};
