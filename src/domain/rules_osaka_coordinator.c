/*
 * Osaka 在宅医療推進コーディネータ事業 (seed 002 STEP3): 「①の事業は必ず実施するとともに、②～⑧のうち、
 * 2つ以上の実施を事業計画に盛り込み、実施すること」 for continuing operators; 「新規事業者には初年度は要件では
 * ありませんが、2年目以降は要件となります」; ⑤ 情報交換会 is 「年3回以上」.
 */
#include "domain/ruleset.h"

#include <stdio.h>
#include <string.h>

static const struct ruleset_action actions[] = {
	{"o1", "①地域資源の把握（病院・診療所・訪問看護ステーション・薬局等の継続的な訪問）", ""},
	{"o2", "②訪問診療導入研修（同行訪問研修）", ""},
	{"o3", "③後方支援機能の運用ルールの作成に向けた協議（地区医師会と病院との協議）", ""},
	{"o4", "④訪問看護ステーションの活用推進（訪看ステーションとの連携）", ""},
	{"o5", "⑤在宅医療に取り組む医師で連携に向けた情報交換会の開催（年3回以上）", ""},
	{"o6", "⑥患者の円滑な入退院・在宅移行支援", ""},
	{"o7", "⑦他地区医師会等との医療連携（相互補完の調整）", ""},
	{"o8", "⑧在宅医等相互支援体制の構築に向けた検討", ""},
};

enum { A1 = 0, A2 = 1, A5 = 4, A8 = 7 };

static const char seed_action1[] = "①の事業は必ず実施する";
static const char seed_two[] = "②～⑧のうち、2つ以上の実施を事業計画に盛り込み、実施すること";
static const char seed_exchange[] = "⑤在宅医療に取り組む医師で連携に向けた情報交換会の開催（年3回以上）";
static const char seed_new[] = "※新規事業者には初年度は要件ではありませんが、2年目以降は要件となります。";

static size_t check(const struct plan_facts *f, struct rule_result *out)
{
	const struct ruleset *rs = &ruleset_osaka_coordinator;
	size_t n = 0;
	struct rule_result *r1 = rule_begin(out, &n, "osaka.action1", "①は必須", seed_action1);
	struct rule_result *r2 = rule_begin(out, &n, "osaka.two_of_2_8", "②～⑧のうち2つ以上", seed_two);
	struct rule_result *r5 = rule_begin(out, &n, "osaka.exchange_3", "⑤情報交換会 年3回以上", seed_exchange);

	bool first_year = f->first_year > 0 && f->fiscal_year <= f->first_year;
	if (first_year) {
		for (size_t i = 0; i < n; i++) {
			out[i].status = RULE_NOT_REQUIRED;
			out[i].seed = seed_new;
			snprintf(out[i].why, sizeof out[i].why,
				 "新規事業者の初年度（%d年度）は要件ではありません（%d年度から要件）", f->fiscal_year,
				 f->first_year + 1);
		}
		return n;
	}

	rule_action_done(r1, f, rs, A1);

	int planned = rule_count_chosen(f, A2, A8), done = rule_count_done(f, A2, A8);
	if (planned < 2) {
		r2->status = RULE_NOT_MET;
		snprintf(r2->why, sizeof r2->why, "計画に②～⑧が%d件しかありません（2件以上必要）", planned);
	} else if (done >= 2) {
		r2->status = RULE_MET;
		snprintf(r2->why, sizeof r2->why, "②～⑧のうち%d件を計画し%d件に実績あり", planned, done);
	} else {
		r2->status = RULE_NOT_MET;
		r2->pending = !f->year_ended;
		int len = snprintf(r2->why, sizeof r2->why, "②～⑧の実績が%d件（2件以上必要）%s。実績なし：", done,
				   f->year_ended ? "" : "（年度途中）");
		if (len > 0 && (size_t)len < sizeof r2->why)
			rule_list_missing(f, rs, A2, A8, r2->why, sizeof r2->why);
	}

	if (!((f->chosen >> A5) & 1u)) {
		r5->status = RULE_NOT_REQUIRED;
		snprintf(r5->why, sizeof r5->why, "計画に⑤がないため対象外");
	} else if (f->exchange_meetings >= 3) {
		r5->status = RULE_MET;
		snprintf(r5->why, sizeof r5->why, "情報交換会 %d回開催", f->exchange_meetings);
	} else {
		r5->status = RULE_NOT_MET;
		r5->pending = !f->year_ended;
		snprintf(r5->why, sizeof r5->why, "情報交換会 %d回（年3回以上必要、あと%d回）%s", f->exchange_meetings,
			 3 - f->exchange_meetings, f->year_ended ? "" : "（年度途中）");
	}
	return n;
}

const struct ruleset ruleset_osaka_coordinator = {
	.code = "osaka_coordinator",
	.name = "在宅医療推進コーディネータ事業（大阪府）",
	.source = "seed 002 STEP3",
	.actions = actions,
	.nactions = sizeof actions / sizeof actions[0],
	.check = check,
};
