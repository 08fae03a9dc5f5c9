/* The obligation items of seed 001 as one table (see obligations.h). */
#include "domain/obligations.h"

#include <stdio.h>
#include <string.h>

#include "domain/text.h"
#include "domain/wareki.h"

const struct obligation obligations[] = {
	/* 在宅医療において積極的役割を担う医療機関に求められる事項 (seed 001) */
	{"night_support", "夜間・医師不在時・急変時の診療の支援（一人の医師が開業している診療所への支援）", DROLE_ACTIVE, false},
	{"discharge_coordination", "在宅療養に移行する患者の医療・介護・障害福祉サービスの調整（退院時）", DROLE_ACTIVE, false},
	{"training_place", "地域医療研修における在宅医療の現場での研修の場の確保", DROLE_ACTIVE, false},
	{"bcp", "災害時の計画（BCP）策定（人工呼吸器等の医療機器を使用している患者の搬送計画を含む）と他機関の策定支援", DROLE_ACTIVE, false},
	{"community_support_link", "地域包括支援センター等と協働したサービスの紹介", DROLE_ACTIVE, false},
	{"emergency_admission", "病状急変時の受入れ（入院機能を有する場合）", DROLE_ACTIVE, true},
	{"emergency_rules", "急変時の連携ルールを入院先の病院・有床診療所及び消防関係者と事前に協議", DROLE_ACTIVE, false},
	{"end_of_life_supply", "看取りのための24時間訪問看護体制と麻薬・医療機器等の提供体制", DROLE_ACTIVE, false},
	/* 在宅医療に必要な連携を担う拠点に求められる事項 (seed 001) */
	{"multidisciplinary_meeting", "医療・介護・障害福祉の関係者による会議の定期開催（災害時の対応を含む課題の抽出）", DROLE_BASE, false},
	{"resource_mapping", "地域の医療・介護・障害福祉資源の把握（資源マッピング）と関係機関との調整", DROLE_BASE, false},
	{"information_sharing", "急変時の対応や24時間体制の構築に向けた多職種の情報共有", DROLE_BASE, false},
	{"training", "医療・介護・障害福祉関係者への研修の実施", DROLE_BASE, false},
	{"public_awareness", "地域住民への普及啓発", DROLE_BASE, false},
	/* 指針 第3 3(4): 「在宅医療に必要な連携を担う拠点」等において平時から連携を進めるとともに…業務継続計画
	 * （BCP）の策定を推進すること */
	{"bcp_promotion", "災害時に備えた平時からの連携と業務継続計画（BCP）策定の推進", DROLE_BASE, false},
	/* 指針② (3)③: 特に、在宅療養支援病院、在宅療養後方支援病院においては、地域の在宅医療に係る機関と事前から
	 * 情報共有を行う等連携すること */
	{"hospital_information_sharing", "在宅療養支援病院・在宅療養後方支援病院と地域の在宅医療に係る機関との事前の情報共有",
	 DROLE_BASE, false},
};
const size_t obligations_count = sizeof obligations / sizeof obligations[0];

const struct code_entry oblig_statuses[OST__MAX] = {
	[OST_TODO] = {"todo", "未着手"},
	[OST_DOING] = {"doing", "対応中"},
	[OST_DONE] = {"done", "完了"},
};

int obligation_lookup(const char *code)
{
	for (size_t i = 0; code && i < obligations_count; i++)
		if (strcmp(obligations[i].code, code) == 0)
			return (int)i;
	return -1;
}

bool obligation_applies(size_t i, enum desig_role role, int beds)
{
	return i < obligations_count && obligations[i].role == role && (!obligations[i].beds_only || beds > 0);
}

static bool iso_date_ok(const char *s)
{
	if (s[0] == '\0')
		return true;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
	return date_valid(y, m, d) != 0;
}

enum zt_err oblig_item_validate(const struct oblig_item *it, struct zt_error *e)
{
	const char *label = it->idx >= 0 && (size_t)it->idx < obligations_count ? obligations[it->idx].ja : "?";
	if (!iso_date_ok(it->due_date))
		return zt_fail(e, ZT_ERR_INVALID, "due_date", "「%s」の期限は正しい日付で指定してください。", label);
	if (!iso_date_ok(it->done_date))
		return zt_fail(e, ZT_ERR_INVALID, "done_date", "「%s」の完了日は正しい日付で指定してください。", label);
	if (!text_valid_utf8(it->evidence) || text_char_count(it->evidence) > OBLIG_EVIDENCE_MAX_CHARS)
		return zt_fail(e, ZT_ERR_INVALID, "evidence", "「%s」の根拠・実施内容は%d文字以内で入力してください。", label,
			       OBLIG_EVIDENCE_MAX_CHARS);
	if (it->status == OST_DONE && it->done_date[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "done_date", "「%s」を完了にするには完了日が必要です。", label);
	if (it->status != OST_DONE && it->done_date[0] != '\0')
		return zt_fail(e, ZT_ERR_INVALID, "done_date", "「%s」は完了していないため完了日は指定できません。", label);
	return ZT_OK;
}

bool oblig_overdue(enum oblig_status st, const char *due_date, const char *today)
{
	return st != OST_DONE && due_date && due_date[0] && strcmp(due_date, today) < 0;
}
