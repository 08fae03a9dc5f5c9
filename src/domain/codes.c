/* Vocabulary tables of the registry (see codes.h): kinds, 施設基準 with the 受理記号 → standard mapping,
 * and the home-care capability list of seed 002 別紙1 ①. */
#include "domain/codes.h"

#include <string.h>

#include "domain/text.h"

const struct code_entry inst_kinds[KIND__MAX] = {
	[KIND_HOSPITAL] = {"hospital", "病院"},
	[KIND_CLINIC] = {"clinic", "診療所"},
	[KIND_DENTAL] = {"dental", "歯科診療所"},
	[KIND_PHARMACY] = {"pharmacy", "薬局"},
	[KIND_NURSE_STATION] = {"nurse_station", "訪問看護ステーション"},
	[KIND_VISIT_REHAB] = {"visit_rehab", "訪問リハビリテーション事業所"},
	[KIND_CARE_MANAGEMENT] = {"care_management", "居宅介護支援事業所"},
	[KIND_COMMUNITY_SUPPORT] = {"community_support", "地域包括支援センター"},
	[KIND_DISABILITY_CONSULT] = {"disability_consult", "障害者相談支援事業所"},
	[KIND_MUNICIPALITY] = {"municipality", "市町村（在宅医療・介護連携相談窓口）"},
	[KIND_HEALTH_CENTRE] = {"health_centre", "保健所"},
	[KIND_MEDICAL_ASSOCIATION] = {"medical_association", "郡市医師会"},
	[KIND_FIRE_DEPARTMENT] = {"fire_department", "消防本部"},
};

bool inst_kind_is_medical(enum inst_kind k)
{
	return k == KIND_HOSPITAL || k == KIND_CLINIC;
}

bool inst_kind_has_medical_code(enum inst_kind k)
{
	return k == KIND_HOSPITAL || k == KIND_CLINIC || k == KIND_DENTAL || k == KIND_PHARMACY ||
	       k == KIND_NURSE_STATION;
}

const struct code_entry standards[STD__MAX] = {
	[STD_ZAISHIN_ENHANCED_SOLO] = {"zaishin_enhanced_solo", "在宅療養支援診療所（機能強化型・単独型）"},
	[STD_ZAISHIN_ENHANCED_LINKED] = {"zaishin_enhanced_linked", "在宅療養支援診療所（機能強化型・連携型）"},
	[STD_ZAISHIN_CONVENTIONAL] = {"zaishin_conventional", "在宅療養支援診療所（従来型）"},
	[STD_ZAIBYO_ENHANCED_SOLO] = {"zaibyo_enhanced_solo", "在宅療養支援病院（機能強化型・単独型）"},
	[STD_ZAIBYO_ENHANCED_LINKED] = {"zaibyo_enhanced_linked", "在宅療養支援病院（機能強化型・連携型）"},
	[STD_ZAIBYO_CONVENTIONAL] = {"zaibyo_conventional", "在宅療養支援病院（従来型）"},
	[STD_BACKUP_HOSPITAL] = {"backup_hospital", "在宅療養後方支援病院"},
	[STD_COMMUNITY_CARE_WARD] = {"community_care_ward", "地域包括ケア病棟"},
};

bool standard_is_zaishin(enum standard s)
{
	return s == STD_ZAISHIN_ENHANCED_SOLO || s == STD_ZAISHIN_ENHANCED_LINKED || s == STD_ZAISHIN_CONVENTIONAL;
}

bool standard_is_zaibyo(enum standard s)
{
	return s == STD_ZAIBYO_ENHANCED_SOLO || s == STD_ZAIBYO_ENHANCED_LINKED || s == STD_ZAIBYO_CONVENTIONAL;
}

bool standard_is_enhanced(enum standard s)
{
	return s == STD_ZAISHIN_ENHANCED_SOLO || s == STD_ZAISHIN_ENHANCED_LINKED ||
	       s == STD_ZAIBYO_ENHANCED_SOLO || s == STD_ZAIBYO_ENHANCED_LINKED;
}

/* 受理記号 as printed in the 地方厚生局 lists, after width normalisation (digits half-width). */
static const struct {
	const char *symbol;
	enum standard std;
} symbol_map[] = {
	{"支援診1", STD_ZAISHIN_ENHANCED_SOLO},
	{"支援診2", STD_ZAISHIN_ENHANCED_LINKED},
	{"支援診3", STD_ZAISHIN_CONVENTIONAL},
	{"支援病1", STD_ZAIBYO_ENHANCED_SOLO},
	{"支援病2", STD_ZAIBYO_ENHANCED_LINKED},
	{"支援病3", STD_ZAIBYO_CONVENTIONAL},
	{"在後病", STD_BACKUP_HOSPITAL},
	{"地包ケア1", STD_COMMUNITY_CARE_WARD},
	{"地包ケア2", STD_COMMUNITY_CARE_WARD},
	{"地包ケア3", STD_COMMUNITY_CARE_WARD},
	{"地包ケア4", STD_COMMUNITY_CARE_WARD},
	{"地包ケア", STD_COMMUNITY_CARE_WARD},
};

int standard_from_symbol(const char *symbol)
{
	char norm[128];
	text_normalize_width(symbol, norm, sizeof norm);
	/* Some lists print the symbol in brackets: "（支援診３）" → "(支援診3)". */
	char *s = norm;
	size_t n = strlen(s);
	if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
		s[n - 1] = '\0';
		s++;
	}
	for (size_t i = 0; i < sizeof symbol_map / sizeof symbol_map[0]; i++)
		if (strcmp(s, symbol_map[i].symbol) == 0)
			return (int)symbol_map[i].std;
	return -1;
}

const struct code_entry capabilities[CAP__MAX] = {
	[CAP_VENTILATOR] = {"ventilator", "人工呼吸器"},
	[CAP_TRACHEOSTOMY] = {"tracheostomy", "気管切開の管理"},
	[CAP_TRACHEAL_CANNULA] = {"tracheal_cannula", "気管カニューレ"},
	[CAP_DRAIN_CATHETER] = {"drain_catheter", "ドレーンチューブ・留置カテーテル"},
	[CAP_STOMA] = {"stoma", "人工肛門・人工膀胱"},
	[CAP_PERITONEAL_DIALYSIS] = {"peritoneal_dialysis", "在宅自己腹膜灌流"},
	[CAP_HOME_HEMODIALYSIS] = {"home_hemodialysis", "在宅血液透析"},
	[CAP_OXYGEN] = {"oxygen", "酸素療法"},
	[CAP_TPN] = {"tpn", "在宅中心静脈栄養法"},
	[CAP_SELF_CATHETER] = {"self_catheterization", "在宅自己導尿"},
	[CAP_PAIN_NARCOTICS] = {"pain_narcotics", "疼痛緩和（麻薬を含む）"},
	[CAP_END_OF_LIFE] = {"end_of_life", "看取り"},
	[CAP_NIGHT_HOLIDAY_VISIT] = {"night_holiday_visit", "夜間・休日の往診"},
	[CAP_SEVERE_PATIENTS] = {"severe_patients", "重症者・医療依存度の高い利用者への対応"},
	[CAP_HOME_PHARMACY] = {"home_pharmacy", "在宅訪問薬剤管理指導"},
	[CAP_EMERGENCY_DISPENSING] = {"emergency_dispensing", "夜間・休日の調剤"},
	[CAP_NARCOTICS_SUPPLY] = {"narcotics_supply", "麻薬の調剤・供給"},
	[CAP_HOME_DENTAL] = {"home_dental", "在宅訪問歯科診療"},
	[CAP_DISCHARGE_DESK] = {"discharge_desk", "退院調整窓口（地域連携室・MSW）"},
	[CAP_BACKUP_BEDS] = {"backup_beds", "後方病床（急変時の受入）"},
	[CAP_PEDIATRIC] = {"pediatric", "小児・重症心身障がい児者への対応"},
};

int code_lookup(const struct code_entry *table, int n, const char *code)
{
	if (code == NULL)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(table[i].code, code) == 0)
			return i;
	return -1;
}
