/*
 * The registry's vocabularies as data (DOMAIN.md "Institutions and their attributes"):
 * institution kinds, facility standards (施設基準) with the bureau's 受理記号, and the home-care
 * capabilities of seed 002 ①. One table each; codes are the stable English identifiers used in
 * the API, the database and our CSV; `ja` is what users read.
 */
#ifndef ZT_DOMAIN_CODES_H
#define ZT_DOMAIN_CODES_H

#include <stdbool.h>

struct code_entry {
	const char *code; /* stable identifier, e.g. "hospital" */
	const char *ja;   /* Japanese label */
};

/* Institution kinds. */
enum inst_kind {
	KIND_HOSPITAL,            /* 病院 */
	KIND_CLINIC,              /* 診療所 */
	KIND_DENTAL,              /* 歯科診療所 */
	KIND_PHARMACY,            /* 薬局 */
	KIND_NURSE_STATION,       /* 訪問看護ステーション */
	KIND_VISIT_REHAB,         /* 訪問リハビリテーション */
	KIND_CARE_MANAGEMENT,     /* 居宅介護支援事業所 */
	KIND_COMMUNITY_SUPPORT,   /* 地域包括支援センター */
	KIND_DISABILITY_CONSULT,  /* 障害者相談支援事業所 */
	KIND_MUNICIPALITY,        /* 市町村 (incl. 在宅医療・介護連携 相談窓口) */
	KIND_HEALTH_CENTRE,       /* 保健所 */
	KIND_MEDICAL_ASSOCIATION, /* 郡市医師会 */
	KIND_FIRE_DEPARTMENT,     /* 消防本部 */
	KIND__MAX
};
extern const struct code_entry inst_kinds[KIND__MAX];
/* Medical institutions (病院・診療所) may be 在支病/在支診 and 積極的役割 (seed 001). */
bool inst_kind_is_medical(enum inst_kind k);
/* Kinds that carry a 医療機関コード (病院, 診療所, 歯科, 薬局, 訪問看護). */
bool inst_kind_has_medical_code(enum inst_kind k);

/* Facility standards (施設基準) the registry tracks. */
enum standard {
	STD_ZAISHIN_ENHANCED_SOLO,   /* 在支診 機能強化型（単独型）  受理記号 支援診１ */
	STD_ZAISHIN_ENHANCED_LINKED, /* 在支診 機能強化型（連携型）  支援診２ */
	STD_ZAISHIN_CONVENTIONAL,    /* 在支診 従来型               支援診３ */
	STD_ZAIBYO_ENHANCED_SOLO,    /* 在支病 機能強化型（単独型）  支援病１ */
	STD_ZAIBYO_ENHANCED_LINKED,  /* 在支病 機能強化型（連携型）  支援病２ */
	STD_ZAIBYO_CONVENTIONAL,     /* 在支病 従来型               支援病３ */
	STD_BACKUP_HOSPITAL,         /* 在宅療養後方支援病院         在後病 */
	STD_COMMUNITY_CARE_WARD,     /* 地域包括ケア病棟（入院料・管理料） 地包ケア１–４ */
	STD__MAX
};
extern const struct code_entry standards[STD__MAX];
/* Families of the 施設基準 (standards): 在支診 (在宅療養支援診療所) of any type, 在支病
 * (在宅療養支援病院) of any type, and 機能強化型 of either. False for STD__MAX and out-of-range values. */
bool standard_is_zaishin(enum standard s); /* any 在支診 type */
bool standard_is_zaibyo(enum standard s);  /* any 在支病 type */
bool standard_is_enhanced(enum standard s); /* 機能強化型 (単独 or 連携) */
/*
 * Maps a bureau 受理記号 (e.g. "支援診３", "在後病", "地包ケア１"; full-width or half-width
 * digits, surrounding brackets ignored) to a standard. Returns -1 when the symbol is not one we
 * track (the caller keeps and reports it).
 */
int standard_from_symbol(const char *symbol);

/* Home-care capabilities (seed 002 別紙1 ① and DOMAIN.md). */
enum capability {
	CAP_VENTILATOR,          /* 人工呼吸器 */
	CAP_TRACHEOSTOMY,        /* 気管切開の管理 */
	CAP_TRACHEAL_CANNULA,    /* 気管カニューレ */
	CAP_DRAIN_CATHETER,      /* ドレーンチューブ・留置カテーテル */
	CAP_STOMA,               /* 人工肛門・人工膀胱 */
	CAP_PERITONEAL_DIALYSIS, /* 在宅自己腹膜灌流 */
	CAP_HOME_HEMODIALYSIS,   /* 在宅血液透析 */
	CAP_OXYGEN,              /* 酸素療法 */
	CAP_TPN,                 /* 在宅中心静脈栄養法 */
	CAP_SELF_CATHETER,       /* 在宅自己導尿 */
	CAP_PAIN_NARCOTICS,      /* 疼痛緩和（麻薬を含む） */
	CAP_END_OF_LIFE,         /* 看取り */
	CAP_NIGHT_HOLIDAY_VISIT, /* 夜間・休日の往診 */
	CAP_SEVERE_PATIENTS,     /* 重症・医療依存度の高い利用者 (訪問看護) */
	CAP_HOME_PHARMACY,       /* 在宅訪問薬剤管理指導 (薬局) */
	CAP_EMERGENCY_DISPENSING,/* 夜間・休日の調剤 (薬局) */
	CAP_NARCOTICS_SUPPLY,    /* 麻薬の調剤・供給 (薬局) */
	CAP_HOME_DENTAL,         /* 在宅訪問歯科診療 */
	CAP_DISCHARGE_DESK,      /* 退院調整窓口（地域連携室・MSW） */
	CAP_BACKUP_BEDS,         /* 後方病床 (急変時受入) */
	CAP_PEDIATRIC,           /* 小児・重症心身障がい児者 */
	CAP__MAX
};
extern const struct code_entry capabilities[CAP__MAX];

/* Looks a code up in a table; returns its index or -1. */
int code_lookup(const struct code_entry *table, int n, const char *code);
#define KIND_LOOKUP(c) code_lookup(inst_kinds, KIND__MAX, (c))
#define STD_LOOKUP(c) code_lookup(standards, STD__MAX, (c))
#define CAP_LOOKUP(c) code_lookup(capabilities, CAP__MAX, (c))

#endif
