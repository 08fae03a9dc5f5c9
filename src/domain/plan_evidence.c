/* The evidence map of the rule sets: which record is evidence of which action (see plan_evidence.h). */
#include "domain/plan_evidence.h"

#include <string.h>

struct evidence_rule {
	const char *ruleset, *source, *kind, *action; /* kind NULL: any kind */
};

/* Meeting kinds are those of domain/programme.c (exchange, liaison, council, care_conference, training,
 * public); initiative kinds those of the groups' 3つの取組 (support, patient_centred, awareness_training). */
static const struct evidence_rule rules[] = {
	/* seed 002 ① 「継続的に訪問し、在宅医療の地域資源を把握」; STEP1 アンケート調査 */
	{"osaka_coordinator", "visit", NULL, "o1"},
	{"osaka_coordinator", "survey", NULL, "o1"},
	/* ② 訪問診療導入研修（同行訪問研修） */
	{"osaka_coordinator", "training", NULL, "o2"},
	/* ③ 後方支援機能の運用ルールの作成に向けた協議（地区医師会と病院との協議） */
	{"osaka_coordinator", "meeting", "council", "o3"},
	/* ④ 訪問看護ステーションの活用推進（連絡会, 例2） */
	{"osaka_coordinator", "meeting", "liaison", "o4"},
	/* ⑤ 情報交換会の開催（年3回以上） */
	{"osaka_coordinator", "meeting", "exchange", "o5"},
	/* ⑥ 患者の円滑な入退院・在宅移行支援 */
	{"osaka_coordinator", "referral", NULL, "o6"},
	/* ⑦ 他地区医師会等との医療連携（相互補完の調整） */
	{"osaka_coordinator", "escalation", NULL, "o7"},
	/* ⑧ 在宅医等相互支援体制の構築（グループ化、輪番） */
	{"osaka_coordinator", "group", NULL, "o8"},
	{"osaka_coordinator", "rota", NULL, "o8"},

	/* seed 004 急変時対応「24 時間の体制づくりや急変時に対応できる病床確保」 */
	{"kumamoto_centre", "rota", NULL, "k_emergency"},
	{"kumamoto_centre", "group", NULL, "k_emergency"},
	/* 入退院支援「退院後の訪問診療等サービス提供のための必要に応じたマッチング」 */
	{"kumamoto_centre", "referral", NULL, "k_discharge"},
	{"kumamoto_centre", "escalation", NULL, "k_discharge"},
	/* 訪問診療等のサービス提供量の増加「訪問診療を提供する医療機関の増加」 */
	{"kumamoto_centre", "visit", NULL, "k_volume"},
	{"kumamoto_centre", "training", NULL, "k_volume"},
	/* 在宅医療センター事業の連絡会の開催 */
	{"kumamoto_centre", "meeting", "liaison", "k_liaison"},
	/* 日常の療養支援「医療機関と訪問看護ステーション等との連携」 */
	{"kumamoto_centre", "meeting", "care_conference", "k_daily"},
	{"kumamoto_centre", "initiative", "support", "k_daily"},
	/* 看取り「看取りに対応できる人材育成」 */
	{"kumamoto_centre", "initiative", "patient_centred", "k_eol"},
	/* 普及啓発 */
	{"kumamoto_centre", "meeting", "public", "k_awareness"},
	{"kumamoto_centre", "initiative", "awareness_training", "k_awareness"},

	/* seed 003 拠点: 会議の定期開催 */
	{"renkei_kyoten", "meeting", "council", "c_meeting"},
	{"renkei_kyoten", "meeting", "liaison", "c_meeting"},
	{"renkei_kyoten", "meeting", "care_conference", "c_meeting"},
	{"renkei_kyoten", "meeting", "exchange", "c_meeting"},
	/* 関係機関との調整（退院時から看取りまで） */
	{"renkei_kyoten", "referral", NULL, "c_coordination"},
	{"renkei_kyoten", "escalation", NULL, "c_coordination"},
	/* 地域住民への普及啓発 */
	{"renkei_kyoten", "meeting", "public", "c_awareness"},
	{"renkei_kyoten", "initiative", "awareness_training", "c_awareness"},
	/* 急変時の対応や24時間体制の構築 */
	{"renkei_kyoten", "rota", NULL, "c_emergency"},
	{"renkei_kyoten", "group", NULL, "c_emergency"},
	/* 研修の実施 */
	{"renkei_kyoten", "meeting", "training", "c_training"},
	{"renkei_kyoten", "training", NULL, "c_training"},

	/* seed 003 介護連携 (ア) 資源の把握 */
	{"kaigo_renkei", "visit", NULL, "ka"},
	{"kaigo_renkei", "survey", NULL, "ka"},
	/* (イ) 課題の抽出と対応策の検討 */
	{"kaigo_renkei", "meeting", "council", "ki"},
	/* (ウ) 切れ目のない提供体制の構築 */
	{"kaigo_renkei", "group", NULL, "ku"},
	{"kaigo_renkei", "rota", NULL, "ku"},
	{"kaigo_renkei", "referral", NULL, "ku"},
	/* (エ) 情報共有の支援 — 情報共有ツール: uploads; (オ) 相談支援: uploads */
	/* (カ) 研修（地域ケア会議含む） */
	{"kaigo_renkei", "meeting", "training", "kk"},
	{"kaigo_renkei", "meeting", "care_conference", "kk"},
	{"kaigo_renkei", "training", NULL, "kk"},
	/* (キ) 地域住民への普及啓発 */
	{"kaigo_renkei", "meeting", "public", "kki"},
	/* (ク) 関係市区町村の連携 */
	{"kaigo_renkei", "escalation", NULL, "kku"},
};

size_t plan_evidence_actions(const struct ruleset *rs, const char *source, const char *kind, const char **out,
			     size_t max)
{
	size_t n = 0;
	if (rs == NULL || source == NULL)
		return 0;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0] && n < max; i++) {
		const struct evidence_rule *r = &rules[i];
		if (strcmp(r->ruleset, rs->code) != 0 || strcmp(r->source, source) != 0)
			continue;
		if (r->kind != NULL && (kind == NULL || strcmp(r->kind, kind) != 0))
			continue;
		out[n++] = r->action;
	}
	return n;
}

const char *plan_evidence_source_ja(const char *source)
{
	static const struct {
		const char *code, *ja;
	} names[] = {
		{"meeting", "会議"}, {"visit", "訪問"}, {"referral", "退院調整（受入決定）"},
		{"escalation", "他地区への照会（相互補完）"}, {"group", "グループ"}, {"initiative", "グループの取組"},
		{"rota", "輪番表"}, {"training", "研修"}, {"survey", "調査"}, {"upload", "資料"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (source && strcmp(names[i].code, source) == 0)
			return names[i].ja;
	return source ? source : "";
}
