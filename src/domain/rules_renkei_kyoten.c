/*
 * 在宅医療に必要な連携を担う拠点 (seed 003, 医療計画「在宅医療に必要な連携を担う拠点に求められる事項」): the
 * five things a 拠点 must do, each one rule — meetings, coordination, public awareness, emergencies and
 * 24-hour care with information sharing, and training.
 */
#include "domain/ruleset.h"

static const struct ruleset_action actions[] = {
	{"c_meeting", "関係者による会議の定期開催（提供状況の把握・災害時対応を含む課題の抽出と対応策の検討）", ""},
	{"c_coordination", "関係機関との調整（退院時から看取りまでの包括的・継続的な支援）", ""},
	{"c_awareness", "地域住民への普及啓発", ""},
	{"c_emergency", "急変時の対応・24時間体制の構築・多職種による情報共有の促進", ""},
	{"c_training", "関係者に必要な知識・技能に関する研修の実施・情報の共有", ""},
};

static const char *const codes[] = {"kyoten.meeting", "kyoten.coordination", "kyoten.awareness", "kyoten.emergency",
				    "kyoten.training"};
static const char *const seeds[] = {
	"地域の医療及び介護、障害福祉の関係者による会議を定期的に開催し、在宅医療における提供状況の把握、災害時対応を含む連携上の課題の抽出及びその対応策の検討等を実施すること",
	"…関係機関との調整を行うこと（退院時から看取りまでの医療や介護、障害福祉サービスにまたがる様々な支援を包括的かつ継続的に提供するよう）",
	"在宅医療に関する地域住民への普及啓発を実施すること",
	"質の高い在宅医療をより効率的に提供するため、関係機関の連携による急変時の対応や24時間体制の構築や多職種による情報共有の促進を図ること",
	"在宅医療に係る医療及び介護、障害福祉関係者に必要な知識・技能に関する研修の実施や情報の共有を行うこと",
};

static size_t check(const struct plan_facts *f, struct rule_result *out)
{
	const struct ruleset *rs = &ruleset_renkei_kyoten;
	size_t n = 0;
	for (size_t i = 0; i < rs->nactions; i++) {
		struct rule_result *r = rule_begin(out, &n, codes[i], rs->actions[i].label, seeds[i]);
		rule_action_done(r, f, rs, (int)i);
	}
	return n;
}

const struct ruleset ruleset_renkei_kyoten = {
	.code = "renkei_kyoten",
	.name = "在宅医療に必要な連携を担う拠点",
	.source = "seed 003（医療計画）",
	.actions = actions,
	.nactions = sizeof actions / sizeof actions[0],
	.check = check,
};
