/*
 * The demo region as data (see demo_data.h). 茨城県 鹿行二次医療圏: real municipality codes,
 * approximate office coordinates and populations; institutions and people are fictional (every
 * name carries （架空）) but placed at plausible coordinates inside their municipality.
 * Deliberate shape for the designation rules of seed 001: 行方市 has neither 在支病 nor 在支診
 * (falls back to a neighbour), 潮来市 has a 在支診 but no 在支病, 鹿嶋市 and 神栖市 have 在支病,
 * 鉾田市 has 機能強化型 and 従来型 在支診. Exactly one 在宅療養後方支援病院 (>= 200 beds).
 */
#include "demo/demo_data.h"

#include <stddef.h>

#define C(x) (1u << CAP_##x)
#define S(x) (1u << STD_##x)

/* Capability sets by kind of provider. */
#define ZAISHIN_ENH                                                                                        \
	(C(VENTILATOR) | C(TRACHEOSTOMY) | C(TRACHEAL_CANNULA) | C(DRAIN_CATHETER) | C(STOMA) | C(OXYGEN) |  \
	 C(TPN) | C(SELF_CATHETER) | C(PAIN_NARCOTICS) | C(END_OF_LIFE) | C(NIGHT_HOLIDAY_VISIT))
#define ZAISHIN_CONV                                                                                       \
	(C(DRAIN_CATHETER) | C(OXYGEN) | C(SELF_CATHETER) | C(PAIN_NARCOTICS) | C(END_OF_LIFE) |             \
	 C(NIGHT_HOLIDAY_VISIT))
#define HOSP_ACUTE (C(DISCHARGE_DESK) | C(BACKUP_BEDS))
#define NURSE_24                                                                                           \
	(C(SEVERE_PATIENTS) | C(VENTILATOR) | C(TRACHEOSTOMY) | C(DRAIN_CATHETER) | C(STOMA) | C(OXYGEN) |   \
	 C(TPN) | C(PAIN_NARCOTICS) | C(END_OF_LIFE))
#define NURSE_DAY (C(DRAIN_CATHETER) | C(STOMA) | C(OXYGEN) | C(END_OF_LIFE))
#define PHARM_FULL (C(HOME_PHARMACY) | C(EMERGENCY_DISPENSING) | C(NARCOTICS_SUPPLY))

enum { KASHIMA, ITAKO, KAMISU, NAMEGATA, HOKOTA };

const struct demo_muni demo_munis[] = {
	[KASHIMA] = {"082228", "鹿嶋市", 35.9656, 140.6447, 66950, "0299", "21"},
	[ITAKO] = {"082236", "潮来市", 35.9473, 140.5553, 27600, "0299", "22"},
	[KAMISU] = {"082325", "神栖市", 35.8899, 140.6645, 95450, "0299", "23"},
	[NAMEGATA] = {"082333", "行方市", 35.9906, 140.4889, 32180, "0299", "24"},
	[HOKOTA] = {"082341", "鉾田市", 36.1586, 140.5164, 47290, "0291", "25"},
};
const int demo_munis_n = (int)(sizeof demo_munis / sizeof demo_munis[0]);

const char *const demo_medical_area_name = "鹿行";

/* 圏域 are set by the prefecture and are not bound to the 二次医療圏. */
const struct demo_area demo_care_areas[] = {
	{"鹿行北部", {"082333", "082341", NULL}},
	{"鹿行南部", {"082228", "082236", "082325", NULL}},
};
const int demo_care_areas_n = (int)(sizeof demo_care_areas / sizeof demo_care_areas[0]);

/* Real neighbours among the five (stored both ways by the store). */
const char *const demo_adjacency[][2] = {
	{"082228", "082236"}, /* 鹿嶋–潮来 */
	{"082228", "082325"}, /* 鹿嶋–神栖 */
	{"082228", "082341"}, /* 鹿嶋–鉾田 */
	{"082228", "082333"}, /* 鹿嶋–行方 */
	{"082236", "082333"}, /* 潮来–行方 */
	{"082236", "082325"}, /* 潮来–神栖 */
	{"082333", "082341"}, /* 行方–鉾田 */
};
const int demo_adjacency_n = (int)(sizeof demo_adjacency / sizeof demo_adjacency[0]);

#define NONE 0u
#define H KIND_HOSPITAL
#define CL KIND_CLINIC

/* kind, municipality, name, kana, legal entity, postal code, town, lat, lon, beds, h24, home care,
 * capabilities, standards, note */
const struct demo_inst demo_insts[] = {
	/* ---- 鹿嶋市: 在後病 (>= 200 beds), 在支病 with 地域包括ケア病棟, 在支診 of every type ---- */
	{H, KASHIMA, "鹿嶋なぎさ総合病院（架空）", "カシマナギサソウゴウビョウイン", "社会医療法人なぎさ会（架空）",
	 "3140031", "宮中1-1-1", 35.9720, 140.6380, 320, true, false, HOSP_ACUTE | C(PEDIATRIC) | C(PERITONEAL_DIALYSIS),
	 S(BACKUP_HOSPITAL), "二次救急。在宅療養後方支援病院（デモ）"},
	{H, KASHIMA, "鹿嶋はまなす病院（架空）", "カシマハマナスビョウイン", "医療法人はまなす会（架空）", "3140012",
	 "平井2-2-2", 35.9450, 140.6650, 120, true, true,
	 HOSP_ACUTE | C(OXYGEN) | C(TPN) | C(PAIN_NARCOTICS) | C(END_OF_LIFE) | C(NIGHT_HOLIDAY_VISIT) | C(DRAIN_CATHETER),
	 S(ZAIBYO_ENHANCED_LINKED) | S(COMMUNITY_CARE_WARD), "地域包括ケア病棟あり（デモ）"},
	{CL, KASHIMA, "かしま在宅クリニック（架空）", "カシマザイタククリニック", "医療法人社団かしま在宅会（架空）",
	 "3140034", "長栖3-3", 35.9600, 140.6300, 0, true, true, ZAISHIN_ENH | C(PEDIATRIC), S(ZAISHIN_ENHANCED_SOLO), NULL},
	{CL, KASHIMA, "鹿島灘ファミリークリニック（架空）", "カシマナダファミリークリニック", "医療法人社団鹿島灘会（架空）",
	 "3140021", "津賀4-4", 35.9900, 140.6250, 0, true, true, ZAISHIN_ENH, S(ZAISHIN_ENHANCED_LINKED),
	 "鹿嶋はまなす病院（架空）と連携型"},
	{CL, KASHIMA, "大野みどり診療所（架空）", "オオノミドリシンリョウジョ", "緑川 一郎（個人開設・架空）", "3112212",
	 "大小志崎5-5", 36.0150, 140.6000, 0, true, true, ZAISHIN_CONV, S(ZAISHIN_CONVENTIONAL), NULL},
	{CL, KASHIMA, "鹿嶋中央内科医院（架空）", "カシマチュウオウナイカイイン", "医療法人社団さくら会（架空）", "3140031",
	 "宮中5-5", 35.9680, 140.6420, 0, false, false, NONE, NONE, "外来のみ（訪問診療なし）"},
	{CL, KASHIMA, "宮中こどもクリニック（架空）", "ミヤナカコドモクリニック", "宮中 花子（個人開設・架空）", "3140031",
	 "宮中6-6", 35.9640, 140.6390, 0, false, false, NONE, NONE, "小児科外来のみ"},
	{CL, KASHIMA, "鹿嶋眼科クリニック（架空）", "カシマガンカクリニック", "医療法人社団さくら会（架空）", "3140038",
	 "田谷7-7", 35.9530, 140.6500, 0, false, false, NONE, NONE, "外来のみ（訪問診療なし）"},
	{KIND_DENTAL, KASHIMA, "かしま歯科医院（架空）", "カシマシカイイン", "医療法人かしま歯科会（架空）", "3140031",
	 "宮中8-8", 35.9670, 140.6460, 0, false, true, C(HOME_DENTAL), NONE, NULL},
	{KIND_DENTAL, KASHIMA, "平井デンタルクリニック（架空）", "ヒライデンタルクリニック", "平井 健（個人開設・架空）",
	 "3140012", "平井9-9", 35.9420, 140.6680, 0, false, false, NONE, NONE, NULL},
	{KIND_PHARMACY, KASHIMA, "なぎさ薬局 鹿嶋店（架空）", "ナギサヤッキョクカシマテン", "株式会社なぎさファーマ（架空）",
	 "3140031", "宮中10-10", 35.9715, 140.6395, 0, true, true, PHARM_FULL, NONE, NULL},
	{KIND_PHARMACY, KASHIMA, "あおば調剤薬局 鹿嶋店（架空）", "アオバチョウザイヤッキョクカシマテン",
	 "株式会社あおばファーマシー（架空）", "3140034", "長栖11-11", 35.9590, 140.6310, 0, false, true,
	 C(HOME_PHARMACY) | C(NARCOTICS_SUPPLY), NONE, NULL},
	{KIND_NURSE_STATION, KASHIMA, "訪問看護ステーションかしま（架空）", "ホウモンカンゴステーションカシマ",
	 "一般社団法人かしま看護協会（架空）", "3140031", "宮中12-12", 35.9660, 140.6430, 0, true, true,
	 NURSE_24 | C(PEDIATRIC), NONE, NULL},
	{KIND_NURSE_STATION, KASHIMA, "訪問看護ステーションなぎさ（架空）", "ホウモンカンゴステーションナギサ",
	 "社会医療法人なぎさ会（架空）", "3140031", "宮中1-1-2", 35.9725, 140.6385, 0, true, true, NURSE_24, NONE, NULL},
	{KIND_VISIT_REHAB, KASHIMA, "訪問リハビリテーションはまなす（架空）", "ホウモンリハビリテーションハマナス",
	 "医療法人はまなす会（架空）", "3140012", "平井2-2-3", 35.9452, 140.6655, 0, false, true, NONE, NONE, NULL},
	{KIND_CARE_MANAGEMENT, KASHIMA, "居宅介護支援事業所かしま（架空）", "キョタクカイゴシエンジギョウショカシマ",
	 "社会福祉法人鹿行福祉会（架空）", "3140031", "宮中13-13", 35.9650, 140.6470, 0, false, true, NONE, NONE, NULL},
	{KIND_COMMUNITY_SUPPORT, KASHIMA, "鹿嶋市地域包括支援センター（架空）", "カシマシチイキホウカツシエンセンター", "",
	 "3148655", "宮中1-1-1", 35.9658, 140.6449, 0, false, true, NONE, NONE, NULL},
	{KIND_MUNICIPALITY, KASHIMA, "鹿嶋市 在宅医療・介護連携相談窓口（架空）", "カシマシザイタクイリョウカイゴレンケイソウダンマドグチ",
	 "", "3148655", "宮中1-1-1", 35.9656, 140.6447, 0, false, false, NONE, NONE, "市の相談窓口（デモ）"},
	{KIND_MEDICAL_ASSOCIATION, KASHIMA, "鹿行みらい医師会（架空）", "ロッコウミライイシカイ",
	 "一般社団法人鹿行みらい医師会（架空）", "3140031", "宮中14-14", 35.9690, 140.6410, 0, false, false, NONE, NONE,
	 "鹿嶋市・潮来市・神栖市・行方市・鉾田市を担当する郡市医師会（デモ）"},
	{KIND_FIRE_DEPARTMENT, KASHIMA, "鹿行広域消防本部（架空）", "ロッコウコウイキショウボウホンブ", "", "3140012",
	 "平井15-15", 35.9480, 140.6600, 0, true, false, NONE, NONE, "救急搬送（デモ）"},

	/* ---- 潮来市: 在支診 (従来型) but no 在支病; the 保健所 ---- */
	{H, ITAKO, "潮来あやめ病院（架空）", "イタコアヤメビョウイン", "医療法人あやめ会（架空）", "3112423", "日の出1-1",
	 35.9530, 140.5700, 150, true, false, HOSP_ACUTE, NONE, "在支病の届出なし"},
	{CL, ITAKO, "いたこ水郷クリニック（架空）", "イタコスイゴウクリニック", "医療法人社団水郷会（架空）", "3112421",
	 "辻2-2", 35.9480, 140.5500, 0, true, true, ZAISHIN_CONV | C(TPN), S(ZAISHIN_CONVENTIONAL), NULL},
	{CL, ITAKO, "潮来駅前内科（架空）", "イタコエキマエナイカ", "医療法人社団さくら会（架空）", "3112424", "潮来3-3",
	 35.9460, 140.5560, 0, false, false, NONE, NONE, "外来のみ（訪問診療なし）"},
	{CL, ITAKO, "延方整形外科医院（架空）", "ノブカタセイケイゲカイイン", "延方 修（個人開設・架空）", "3112436", "延方4-4",
	 35.9650, 140.5350, 0, false, false, NONE, NONE, NULL},
	{KIND_DENTAL, ITAKO, "いたこ歯科クリニック（架空）", "イタコシカクリニック", "医療法人いたこ歯科会（架空）", "3112424",
	 "潮来5-5", 35.9475, 140.5590, 0, false, true, C(HOME_DENTAL), NONE, NULL},
	{KIND_PHARMACY, ITAKO, "あおば調剤薬局 潮来店（架空）", "アオバチョウザイヤッキョクイタコテン",
	 "株式会社あおばファーマシー（架空）", "3112423", "日の出6-6", 35.9520, 140.5690, 0, false, true,
	 C(HOME_PHARMACY) | C(NARCOTICS_SUPPLY), NONE, NULL},
	{KIND_NURSE_STATION, ITAKO, "訪問看護ステーションすいごう（架空）", "ホウモンカンゴステーションスイゴウ",
	 "医療法人社団水郷会（架空）", "3112421", "辻7-7", 35.9485, 140.5510, 0, false, true, NURSE_DAY, NONE, "平日日中のみ"},
	{KIND_CARE_MANAGEMENT, ITAKO, "居宅介護支援事業所いたこ（架空）", "キョタクカイゴシエンジギョウショイタコ",
	 "社会福祉法人鹿行福祉会（架空）", "3112423", "日の出8-8", 35.9540, 140.5650, 0, false, true, NONE, NONE, NULL},
	{KIND_COMMUNITY_SUPPORT, ITAKO, "潮来市地域包括支援センター（架空）", "イタコシチイキホウカツシエンセンター", "",
	 "3112493", "辻626", 35.9475, 140.5556, 0, false, true, NONE, NONE, NULL},
	{KIND_MUNICIPALITY, ITAKO, "潮来市 在宅医療・介護連携相談窓口（架空）", "イタコシザイタクイリョウカイゴレンケイソウダンマドグチ",
	 "", "3112493", "辻626", 35.9473, 140.5553, 0, false, false, NONE, NONE, "市の相談窓口（デモ）"},
	{KIND_HEALTH_CENTRE, ITAKO, "鹿行保健所（架空）", "ロッコウホケンジョ", "", "3112422", "大洲1-1", 35.9420, 140.5450, 0,
	 false, false, NONE, NONE, "茨城県の保健所（デモ）"},

	/* ---- 神栖市: two 在支病, 在支診 機能強化型（連携型）and 従来型 ---- */
	{H, KAMISU, "神栖みなと病院（架空）", "カミスミナトビョウイン", "医療法人みなと会（架空）", "3140144", "大野原1-1",
	 35.9050, 140.6580, 180, true, true,
	 HOSP_ACUTE | C(OXYGEN) | C(TPN) | C(END_OF_LIFE) | C(NIGHT_HOLIDAY_VISIT), S(ZAIBYO_CONVENTIONAL), NULL},
	{H, KAMISU, "波崎せせらぎ病院（架空）", "ハサキセセラギビョウイン", "医療法人せせらぎ会（架空）", "3140341", "矢田部2-2",
	 35.7950, 140.7700, 60, true, true,
	 C(BACKUP_BEDS) | C(OXYGEN) | C(DRAIN_CATHETER) | C(PAIN_NARCOTICS) | C(END_OF_LIFE), S(ZAIBYO_CONVENTIONAL), NULL},
	{CL, KAMISU, "神栖在宅ケアクリニック（架空）", "カミスザイタクケアクリニック", "医療法人社団かみす在宅会（架空）",
	 "3140143", "神栖3-3", 35.8850, 140.6600, 0, true, true, ZAISHIN_ENH, S(ZAISHIN_ENHANCED_LINKED), NULL},
	{CL, KAMISU, "知手内科クリニック（架空）", "シッテナイカクリニック", "知手 誠（個人開設・架空）", "3140131", "知手4-4",
	 35.8600, 140.6400, 0, true, true, ZAISHIN_CONV, S(ZAISHIN_CONVENTIONAL), NULL},
	{CL, KAMISU, "神栖中央クリニック（架空）", "カミスチュウオウクリニック", "医療法人社団さくら会（架空）", "3140143",
	 "神栖5-5", 35.8910, 140.6630, 0, false, false, NONE, NONE, "外来のみ（訪問診療なし）"},
	{CL, KAMISU, "波崎こどもクリニック（架空）", "ハサキコドモクリニック", "医療法人せせらぎ会（架空）", "3140408", "波崎6-6",
	 35.7900, 140.7800, 0, false, false, NONE, NONE, "小児科外来のみ"},
	{CL, KAMISU, "大野原皮フ科（架空）", "オオノハラヒフカ", "大野原 恵（個人開設・架空）", "3140144", "大野原7-7", 35.9080,
	 140.6600, 0, false, false, NONE, NONE, NULL},
	{KIND_DENTAL, KAMISU, "かみす歯科医院（架空）", "カミスシカイイン", "医療法人かみす歯科会（架空）", "3140143", "神栖8-8",
	 35.8880, 140.6620, 0, false, true, C(HOME_DENTAL), NONE, NULL},
	{KIND_DENTAL, KAMISU, "はさき歯科（架空）", "ハサキシカ", "波崎 歯朗（個人開設・架空）", "3140408", "波崎9-9", 35.7920,
	 140.7750, 0, false, false, NONE, NONE, NULL},
	{KIND_PHARMACY, KAMISU, "なぎさ薬局 神栖店（架空）", "ナギサヤッキョクカミステン", "株式会社なぎさファーマ（架空）",
	 "3140143", "神栖10-10", 35.8890, 140.6650, 0, true, true, PHARM_FULL, NONE, NULL},
	{KIND_PHARMACY, KAMISU, "あおば調剤薬局 波崎店（架空）", "アオバチョウザイヤッキョクハサキテン",
	 "株式会社あおばファーマシー（架空）", "3140408", "波崎11-11", 35.7930, 140.7760, 0, false, true, C(HOME_PHARMACY),
	 NONE, NULL},
	{KIND_NURSE_STATION, KAMISU, "訪問看護ステーションかみす（架空）", "ホウモンカンゴステーションカミス",
	 "医療法人みなと会（架空）", "3140144", "大野原12-12", 35.9040, 140.6570, 0, true, true, NURSE_24, NONE, NULL},
	{KIND_NURSE_STATION, KAMISU, "訪問看護ステーションはさき（架空）", "ホウモンカンゴステーションハサキ",
	 "株式会社はさきケア（架空）", "3140408", "波崎13-13", 35.7940, 140.7740, 0, false, true, NURSE_DAY, NONE, "平日日中のみ"},
	{KIND_CARE_MANAGEMENT, KAMISU, "居宅介護支援事業所かみす（架空）", "キョタクカイゴシエンジギョウショカミス",
	 "社会福祉法人鹿行福祉会（架空）", "3140143", "神栖14-14", 35.8870, 140.6680, 0, false, true, NONE, NONE, NULL},
	{KIND_CARE_MANAGEMENT, KAMISU, "ケアプランセンターはさき（架空）", "ケアプランセンターハサキ", "株式会社はさきケア（架空）",
	 "3140408", "波崎15-15", 35.7960, 140.7720, 0, false, true, NONE, NONE, NULL},
	{KIND_COMMUNITY_SUPPORT, KAMISU, "神栖市地域包括支援センター（架空）", "カミスシチイキホウカツシエンセンター", "",
	 "3140192", "溝口4991-5", 35.8901, 140.6647, 0, false, true, NONE, NONE, NULL},
	{KIND_MUNICIPALITY, KAMISU, "神栖市 在宅医療・介護連携相談窓口（架空）", "カミスシザイタクイリョウカイゴレンケイソウダンマドグチ",
	 "", "3140192", "溝口4991-5", 35.8899, 140.6645, 0, false, false, NONE, NONE, "市の相談窓口（デモ）"},
	{KIND_DISABILITY_CONSULT, KAMISU, "障害者相談支援事業所かみす（架空）", "ショウガイシャソウダンシエンジギョウショカミス",
	 "社会福祉法人鹿行福祉会（架空）", "3140143", "神栖16-16", 35.8860, 140.6610, 0, false, true, NONE, NONE, NULL},

	/* ---- 行方市: NO 在支病 and NO 在支診 (the designation falls back to a neighbour) ---- */
	{H, NAMEGATA, "なめがた中央病院（架空）", "ナメガタチュウオウビョウイン", "医療法人なめがた会（架空）", "3113832", "麻生1-1",
	 35.9950, 140.4950, 90, true, false, HOSP_ACUTE, NONE, "在支病の届出なし"},
	{CL, NAMEGATA, "麻生内科医院（架空）", "アソウナイカイイン", "麻生 一郎（個人開設・架空）", "3113832", "麻生2-2", 35.9890,
	 140.4900, 0, false, true, C(OXYGEN) | C(END_OF_LIFE), NONE, "訪問診療を行うが在支診の届出はない"},
	{CL, NAMEGATA, "玉造クリニック（架空）", "タマツクリクリニック", "医療法人なめがた会（架空）", "3113512", "玉造甲3-3",
	 36.0500, 140.4100, 0, false, false, NONE, NONE, "外来のみ（訪問診療なし）"},
	{CL, NAMEGATA, "北浦診療所（架空）", "キタウラシンリョウジョ", "医療法人社団　なめがた会（架空）", "3111704", "山田4-4", 36.0200,
	 140.5300, 0, false, false, NONE, NONE, "外来のみ（訪問診療なし）"},
	{KIND_DENTAL, NAMEGATA, "なめがた歯科（架空）", "ナメガタシカ", "医療法人なめがた歯科会（架空）", "3113832", "麻生5-5",
	 35.9920, 140.4870, 0, false, true, C(HOME_DENTAL), NONE, NULL},
	{KIND_PHARMACY, NAMEGATA, "あおば調剤薬局 麻生店（架空）", "アオバチョウザイヤッキョクアソウテン",
	 "株式会社あおばファーマシー（架空）", "3113832", "麻生6-6", 35.9900, 140.4920, 0, false, true, C(HOME_PHARMACY), NONE,
	 NULL},
	{KIND_NURSE_STATION, NAMEGATA, "訪問看護ステーションなめがた（架空）", "ホウモンカンゴステーションナメガタ",
	 "医療法人なめがた会（架空）", "3113832", "麻生7-7", 35.9960, 140.4960, 0, false, true, NURSE_DAY, NONE, "平日日中のみ"},
	{KIND_CARE_MANAGEMENT, NAMEGATA, "居宅介護支援事業所なめがた（架空）", "キョタクカイゴシエンジギョウショナメガタ",
	 "社会福祉法人鹿行福祉会（架空）", "3113512", "玉造甲8-8", 36.0480, 140.4150, 0, false, true, NONE, NONE, NULL},
	{KIND_COMMUNITY_SUPPORT, NAMEGATA, "行方市地域包括支援センター（架空）", "ナメガタシチイキホウカツシエンセンター", "",
	 "3113892", "麻生1561-9", 35.9908, 140.4891, 0, false, true, NONE, NONE, NULL},
	{KIND_MUNICIPALITY, NAMEGATA, "行方市 在宅医療・介護連携相談窓口（架空）", "ナメガタシザイタクイリョウカイゴレンケイソウダンマドグチ",
	 "", "3113892", "麻生1561-9", 35.9906, 140.4889, 0, false, false, NONE, NONE, "市の相談窓口（デモ）"},

	/* ---- 鉾田市: 在支診 機能強化型（単独型）and 従来型, a hospital without 在支病 ---- */
	{H, HOKOTA, "鉾田ひばり病院（架空）", "ホコタヒバリビョウイン", "医療法人ひばり会（架空）", "3111517", "鉾田1-1", 36.1600,
	 140.5250, 99, true, false, HOSP_ACUTE, NONE, NULL},
	{CL, HOKOTA, "ほこた在宅診療所（架空）", "ホコタザイタクシンリョウジョ", "医療法人社団ほこた在宅会（架空）", "3111517",
	 "鉾田2-2", 36.1550, 140.5200, 0, true, true, ZAISHIN_ENH | C(PEDIATRIC), S(ZAISHIN_ENHANCED_SOLO), NULL},
	{CL, HOKOTA, "旭ファミリークリニック（架空）", "アサヒファミリークリニック", "旭 太郎（個人開設・架空）", "3112114",
	 "造谷3-3", 36.1300, 140.5800, 0, true, true, ZAISHIN_CONV, S(ZAISHIN_CONVENTIONAL), NULL},
	{CL, HOKOTA, "鉾田駅前医院（架空）", "ホコタエキマエイイン", "医療法人鉾田会（架空）", "3111517", "鉾田4-4", 36.1620,
	 140.5140, 0, false, false, NONE, NONE, "外来のみ（訪問診療なし）"},
	{CL, HOKOTA, "大洋クリニック（架空）", "タイヨウクリニック", "医療法人鉾田会（架空）", "3112224", "汲上5-5", 36.1000,
	 140.5700, 0, false, false, NONE, NONE, "外来のみ（訪問診療なし）"},
	{KIND_DENTAL, HOKOTA, "ほこた歯科医院（架空）", "ホコタシカイイン", "医療法人ほこた歯科会（架空）", "3111517", "鉾田6-6",
	 36.1580, 140.5180, 0, false, true, C(HOME_DENTAL), NONE, NULL},
	{KIND_PHARMACY, HOKOTA, "なぎさ薬局 鉾田店（架空）", "ナギサヤッキョクホコタテン", "株式会社なぎさファーマ（架空）",
	 "3111517", "鉾田7-7", 36.1590, 140.5230, 0, true, true, PHARM_FULL, NONE, NULL},
	{KIND_PHARMACY, HOKOTA, "ひばり薬局（架空）", "ヒバリヤッキョク", "ひばり 薬子（個人開設・架空）", "3112114", "造谷8-8",
	 36.1320, 140.5780, 0, false, false, NONE, NONE, NULL},
	{KIND_NURSE_STATION, HOKOTA, "訪問看護ステーションほこた（架空）", "ホウモンカンゴステーションホコタ",
	 "医療法人社団ほこた在宅会（架空）", "3111517", "鉾田9-9", 36.1560, 140.5210, 0, true, true, NURSE_24, NONE, NULL},
	{KIND_CARE_MANAGEMENT, HOKOTA, "居宅介護支援事業所ほこた（架空）", "キョタクカイゴシエンジギョウショホコタ",
	 "社会福祉法人鹿行福祉会（架空）", "3111517", "鉾田10-10", 36.1570, 140.5150, 0, false, true, NONE, NONE, NULL},
	{KIND_COMMUNITY_SUPPORT, HOKOTA, "鉾田市地域包括支援センター（架空）", "ホコタシチイキホウカツシエンセンター", "",
	 "3111592", "鉾田1444-1", 36.1588, 140.5166, 0, false, true, NONE, NONE, NULL},
	{KIND_MUNICIPALITY, HOKOTA, "鉾田市 在宅医療・介護連携相談窓口（架空）", "ホコタシザイタクイリョウカイゴレンケイソウダンマドグチ",
	 "", "3111592", "鉾田1444-1", 36.1586, 140.5164, 0, false, false, NONE, NONE, "市の相談窓口（デモ）"},
};
const int demo_insts_n = (int)(sizeof demo_insts / sizeof demo_insts[0]);

/* institution, role, name, kana, specialty */
const struct demo_person demo_people[] = {
	{"鹿嶋なぎさ総合病院（架空）", "doctor", "渚 浩二（架空）", "ナギサ コウジ", "循環器内科"},
	{"鹿嶋なぎさ総合病院（架空）", "coordinator", "高天原 涼子（架空）", "タカマガハラ リョウコ", "地域連携室"},
	{"鹿嶋はまなす病院（架空）", "doctor", "浜 直樹（架空）", "ハマ ナオキ", "総合診療科"},
	{"鹿嶋はまなす病院（架空）", "doctor", "浜 千夏（架空）", "ハマ チナツ", "内科"},
	{"鹿嶋はまなす病院（架空）", "coordinator", "平井 智子（架空）", "ヒライ トモコ", "医療ソーシャルワーカー"},
	{"かしま在宅クリニック（架空）", "doctor", "長栖 健一（架空）", "ナガス ケンイチ", "内科"},
	{"かしま在宅クリニック（架空）", "doctor", "宮中 美咲（架空）", "ミヤナカ ミサキ", "緩和ケア"},
	{"かしま在宅クリニック（架空）", "doctor", "角折 大輔（架空）", "ツノオレ ダイスケ", "小児科"},
	{"かしま在宅クリニック（架空）", "nurse", "須賀 明美（架空）", "スガ アケミ", NULL},
	{"鹿島灘ファミリークリニック（架空）", "doctor", "津賀 修平（架空）", "ツガ シュウヘイ", "総合診療科"},
	{"鹿島灘ファミリークリニック（架空）", "doctor", "粟生 由紀（架空）", "アオウ ユキ", "内科"},
	{"大野みどり診療所（架空）", "doctor", "緑川 一郎（架空）", "ミドリカワ イチロウ", "内科"},
	{"大野みどり診療所（架空）", "doctor", "緑川 裕子（架空）", "ミドリカワ ユウコ", "皮膚科"},
	{"鹿嶋中央内科医院（架空）", "doctor", "桜井 達也（架空）", "サクライ タツヤ", "内科"},
	{"訪問看護ステーションかしま（架空）", "nurse", "沼尾 早苗（架空）", "ヌマオ サナエ", "管理者"},
	{"訪問看護ステーションかしま（架空）", "nurse", "国末 恵（架空）", "クニスエ メグミ", NULL},
	{"訪問看護ステーションなぎさ（架空）", "nurse", "渚 玲奈（架空）", "ナギサ レナ", "管理者"},
	{"鹿行みらい医師会（架空）", "coordinator", "三浦 千尋（架空）", "ミウラ チヒロ", "在宅医療・介護連携コーディネーター"},
	{"鹿嶋市 在宅医療・介護連携相談窓口（架空）", "coordinator", "宮中 和子（架空）", "ミヤナカ カズコ", "相談員"},
	{"潮来あやめ病院（架空）", "doctor", "菖蒲 健（架空）", "アヤメ ケン", "外科"},
	{"いたこ水郷クリニック（架空）", "doctor", "水郷 悠（架空）", "スイゴウ ユウ", "内科"},
	{"いたこ水郷クリニック（架空）", "doctor", "辻 朋美（架空）", "ツジ トモミ", "内科"},
	{"いたこ水郷クリニック（架空）", "nurse", "牛堀 愛（架空）", "ウシボリ アイ", NULL},
	{"訪問看護ステーションすいごう（架空）", "nurse", "前川 幸子（架空）", "マエカワ サチコ", "管理者"},
	{"潮来市 在宅医療・介護連携相談窓口（架空）", "coordinator", "日の出 陽子（架空）", "ヒノデ ヨウコ", "相談員"},
	{"神栖みなと病院（架空）", "doctor", "港 誠司（架空）", "ミナト セイジ", "内科"},
	{"神栖みなと病院（架空）", "coordinator", "息栖 里美（架空）", "イキス サトミ", "地域連携室"},
	{"波崎せせらぎ病院（架空）", "doctor", "瀬川 亮（架空）", "セガワ リョウ", "内科"},
	{"神栖在宅ケアクリニック（架空）", "doctor", "溝口 拓也（架空）", "ミゾグチ タクヤ", "内科"},
	{"神栖在宅ケアクリニック（架空）", "doctor", "奥野谷 舞（架空）", "オクノヤ マイ", "緩和ケア"},
	{"神栖在宅ケアクリニック（架空）", "doctor", "深芝 翔（架空）", "フカシバ ショウ", "整形外科"},
	{"知手内科クリニック（架空）", "doctor", "知手 誠（架空）", "シッテ マコト", "内科"},
	{"知手内科クリニック（架空）", "doctor", "知手 直美（架空）", "シッテ ナオミ", "内科"},
	{"訪問看護ステーションかみす（架空）", "nurse", "太田 結衣（架空）", "オオタ ユイ", "管理者"},
	{"訪問看護ステーションかみす（架空）", "nurse", "日川 真理（架空）", "ニッカワ マリ", NULL},
	{"訪問看護ステーションはさき（架空）", "nurse", "舎利 香織（架空）", "シャリ カオリ", "管理者"},
	{"神栖市 在宅医療・介護連携相談窓口（架空）", "coordinator", "溝口 恵子（架空）", "ミゾグチ ケイコ", "相談員"},
	{"なめがた中央病院（架空）", "doctor", "行方 浩（架空）", "ナメカタ ヒロシ", "内科"},
	{"なめがた中央病院（架空）", "coordinator", "玉造 久美子（架空）", "タマツクリ クミコ", "医療ソーシャルワーカー"},
	{"麻生内科医院（架空）", "doctor", "麻生 一郎（架空）", "アソウ イチロウ", "内科"},
	{"訪問看護ステーションなめがた（架空）", "nurse", "北浦 恵子（架空）", "キタウラ ケイコ", "管理者"},
	{"行方市 在宅医療・介護連携相談窓口（架空）", "coordinator", "麻生 直子（架空）", "アソウ ナオコ", "相談員"},
	{"鉾田ひばり病院（架空）", "doctor", "雲雀 浩（架空）", "ヒバリ ヒロシ", "内科"},
	{"ほこた在宅診療所（架空）", "doctor", "鉾田 大地（架空）", "ホコタ ダイチ", "総合診療科"},
	{"ほこた在宅診療所（架空）", "doctor", "巴 優子（架空）", "トモエ ユウコ", "緩和ケア"},
	{"ほこた在宅診療所（架空）", "doctor", "串挽 健太（架空）", "クシビキ ケンタ", "内科"},
	{"旭ファミリークリニック（架空）", "doctor", "旭 太郎（架空）", "アサヒ タロウ", "内科"},
	{"旭ファミリークリニック（架空）", "doctor", "旭 花（架空）", "アサヒ ハナ", "小児科"},
	{"訪問看護ステーションほこた（架空）", "nurse", "安房 由美（架空）", "アンボウ ユミ", "管理者"},
	{"鉾田市 在宅医療・介護連携相談窓口（架空）", "coordinator", "鉾田 真由美（架空）", "ホコタ マユミ", "相談員"},
};
const int demo_people_n = (int)(sizeof demo_people / sizeof demo_people[0]);
