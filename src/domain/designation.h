/*
 * Designation per area (seed 001, DOMAIN.md "Designation per area") and the 在宅医療サポートセンター
 * of seed 004, as pure functions over a snapshot of one prefecture (struct desig_world) that the
 * store fills. No I/O. Strings are fixed-size arrays; the world's arrays are malloc'd by whoever
 * fills it and released with desig_world_free().
 */
#ifndef ZT_DOMAIN_DESIGNATION_H
#define ZT_DOMAIN_DESIGNATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/codes.h"

/* The two roles of seed 001. */
enum desig_role {
	DROLE_ACTIVE, /* 在宅医療において積極的役割を担う医療機関 */
	DROLE_BASE,   /* 在宅医療に必要な連携を担う拠点 */
	DROLE__MAX
};
extern const struct code_entry desig_roles[DROLE__MAX];

/* How a designation came about. */
enum desig_basis {
	DBASIS_RULE,      /* a candidate of the rule order, confirmed */
	DBASIS_VOLUNTEER, /* an institution that volunteers (seed 001 *1: 無理に1箇所にする必要はない) */
	DBASIS_OVERRIDE,  /* staff decision against the rule order, with a recorded reason */
	DBASIS__MAX
};
extern const struct code_entry desig_bases[DBASIS__MAX];

/* The rule that produced a candidate (code + the seed's wording). */
enum desig_rule {
	RULE_ZAIBYO,              /* ① 在宅療養支援病院（市町村内） */
	RULE_ZAISHIN_ENHANCED,    /* ②-1 在宅療養支援診療所（機能強化型を優先） */
	RULE_ZAISHIN,             /* ② 在宅療養支援診療所（従来型） */
	RULE_NEIGHBOUR_ZAIBYO,    /* ③ 二次医療圏内の近隣市町村の在宅療養支援病院 */
	RULE_NEIGHBOUR_ZAISHIN,   /* ③ 二次医療圏内の近隣市町村の在宅療養支援診療所 */
	RULE_BASE_DESK,           /* 拠点① 市町村の在宅医療・介護連携に関する相談窓口 */
	RULE_BASE_ASSOCIATION,    /* 拠点② 地域医師会等関係団体 */
	RULE_BASE_COMMUNITY,      /* 拠点③ 市町村が委託している地域包括支援センター */
	RULE__MAX
};
extern const struct code_entry desig_rules[RULE__MAX];

#define DW_NAME 256 /* bytes of UTF-8 for names */

/* An institution as the designation sees it. */
struct desig_inst {
	int64_t id;
	enum inst_kind kind;
	char name[DW_NAME];
	char municipality[7];
	uint32_t standards; /* bit (1u << enum standard) */
	bool home_care;
	int beds;
	bool has_coord;
	double lat, lon;
	bool h24_unconfirmed, home_care_unconfirmed; /* 未確認 facts (issue 12 §3) */
};

struct dw_muni {
	char code[7];
	char name[DW_NAME];
	int64_t medical_area_id; /* 0 when in none */
	bool has_coord;
	double lat, lon;
	long population;         /* < 0 when unknown */
};
struct dw_area {                 /* 圏域 or 二次医療圏 */
	int64_t id;
	char name[DW_NAME];
};
struct dw_member {               /* municipality muni belongs to area area_id */
	int64_t area_id;
	char muni[7];
};
struct dw_adj {                  /* a and b are neighbours (stored both ways or once: either works) */
	char a[7], b[7];
};
struct dw_cover {                /* the 郡市医師会 association_id covers muni */
	int64_t association_id;
	char muni[7];
};
struct dw_designation {          /* a designation in force */
	int64_t id;
	char muni[7];
	int64_t institution_id;
	enum desig_role role;
	enum desig_basis basis;
	char rule[32];
	char reason[1024];
	char plan_period[16];
	char valid_from[11];
};

/* 在宅医療サポートセンター (seed 004). */
enum sc_type {
	SC_CORE,   /* 基幹型: 病床を有し多職種を配置する医療機関 */
	SC_LINKED, /* 連携型: 複数医療機関等のグループ（代表医療機関） */
	SC__MAX
};
extern const struct code_entry sc_types[SC__MAX];
enum sc_item {
	SC_EMERGENCY,      /* 急変時対応の取組み【必須】 */
	SC_ADMISSION,      /* 入退院支援の取組み【必須】 */
	SC_VISIT_INCREASE, /* 訪問診療等のサービス提供量の増加に向けた取組み【必須】 */
	SC_LIAISON,        /* 在宅医療センター事業の連絡会の開催【必須】 */
	SC_DAILY_CARE,     /* 日常の療養支援の取組み【任意】 */
	SC_END_OF_LIFE,    /* 看取りに関する取組み【任意】 */
	SC_AWARENESS,      /* 普及啓発に関する取組み【任意】 */
	SC_LOCAL,          /* 地域独自の取組み【任意】 */
	SC_ITEM__MAX
};
extern const struct code_entry sc_items[SC_ITEM__MAX];
/* True for the 【必須】 items of seed 004 (SC_EMERGENCY … SC_LIAISON), false for the 【任意】 ones. */
bool sc_item_mandatory(enum sc_item it);
struct dw_centre {
	int64_t id;
	int64_t medical_area_id;
	int64_t institution_id;
	enum sc_type type;
	char name[DW_NAME];
	uint32_t items; /* bit (1u << enum sc_item) */
};

/* A pair of neighbouring municipalities with their names (the adjacency listing). */
struct adjacency_pair {
	char a[7], a_name[DW_NAME];
	char b[7], b_name[DW_NAME];
};

/* A designation as stored (ended or not), with the names its listings show. Strings "" when absent. */
struct designation {
	struct dw_designation d;      /* id, municipality, institution, role, basis, rule, reason, plan, valid_from */
	char municipality_name[DW_NAME];
	char institution_name[DW_NAME];
	char institution_kind[32];    /* kind code as stored (codes.h) */
	char valid_to[11];            /* "" while in force */
	char created_by[64], ended_by[64];
	char end_reason[1024];
};

/* A support centre as stored (with its history and the names of its area and operator). Strings ""
 * when absent; institution_id 0 when none. */
struct support_centre {
	int64_t id;
	int64_t medical_area_id;
	char medical_area_name[DW_NAME];
	int64_t institution_id;
	char institution_name[DW_NAME];
	enum sc_type type;
	char name[DW_NAME];
	uint32_t items;    /* bit (1u << enum sc_item) */
	char valid_from[11];
	char valid_to[11]; /* "" while in force */
};

struct desig_world {
	char prefecture[3];
	struct dw_muni *munis;            size_t nmunis;
	struct desig_inst *insts;         size_t ninsts;
	struct dw_adj *adj;               size_t nadj;
	struct dw_cover *covers;          size_t ncovers;
	struct dw_area *care_areas;       size_t ncare_areas;
	struct dw_member *care_members;   size_t ncare_members;
	struct dw_area *medical_areas;    size_t nmedical_areas;
	struct dw_designation *desigs;    size_t ndesigs;
	struct dw_centre *centres;        size_t ncentres;
};
/* Frees every array of w (not w itself) and zeroes it. Accepts NULL. */
void desig_world_free(struct desig_world *w);

/* Lookups in a world; NULL when absent. */
const struct dw_muni *dw_muni_find(const struct desig_world *w, const char *code);
const struct desig_inst *dw_inst_find(const struct desig_world *w, int64_t id);

struct desig_candidate {
	int64_t institution_id;
	enum desig_rule rule;
	char from_municipality[7]; /* rule ③: the neighbour the candidate comes from; else "" */
};

#define DESIG_MAX_CANDIDATES 64

/*
 * Candidates for 積極的役割を担う医療機関 of municipality muni, by seed 001's order:
 *   ① every 在支病 (any type) in muni; if none
 *   ② 在支診 in muni, 機能強化型（単独・連携） first, then 従来型; if neither
 *   ③ 在支病 then 在支診 (機能強化型 first) of a neighbouring municipality in the same 二次医療圏.
 * Within one rule, candidates keep the order of w->insts. Writes up to max into out and returns
 * how many were found (0 when even ③ finds none).
 */
size_t desig_active_candidates(const struct desig_world *w, const char *muni, struct desig_candidate *out,
			       size_t max);

/*
 * Candidates for 連携を担う拠点 of muni in the seed's order: ① the municipality's 在宅医療・介護連携
 * consultation desk (institution of kind municipality in muni), ② the 郡市医師会 covering muni,
 * ③ the 地域包括支援センター in muni.
 */
size_t desig_base_candidates(const struct desig_world *w, const char *muni, struct desig_candidate *out,
			     size_t max);

/*
 * Checks a designation request before it is stored: the role may take this institution (only
 * 病院・診療所 may be 積極的役割: the national working group of 2025 criticised designating
 * non-medical facilities), an override carries a reason, the plan period reads "YYYY-YYYY" with
 * the end after the start. Returns ZT_OK or ZT_ERR_INVALID naming the field.
 */
enum zt_err desig_check_request(enum desig_role role, enum desig_basis basis, const struct desig_inst *inst,
				const char *reason, const char *plan_period, struct zt_error *e);

/*
 * Classifies a designation request d against world w (the prefecture of d->muni, loaded in the
 * same transaction as the insert) as seed 001 reads, in this order:
 *   - d->muni must be one of the world's municipalities (ZT_ERR_INVALID, field municipality);
 *   - desig_check_request() on the institution (ZT_ERR_INVALID naming the field);
 *   - basis rule: the institution must be a candidate of the municipality for the role, and the
 *     rule that made it one goes into d->rule (ZT_ERR_INVALID, field basis, otherwise);
 *   - the same institution may not already hold that role there (ZT_ERR_CONFLICT, field
 *     institution_id, naming the designation in force);
 *   - an empty d->valid_from becomes today ("YYYY-MM-DD", the JST day of core/clock).
 * *beds receives the institution's beds (they decide which obligations apply).
 */
enum zt_err desig_classify_request(const struct desig_world *w, const char *today, struct dw_designation *d, int *beds,
				   struct zt_error *e);

/*
 * Warnings (Japanese, one per message) when a 積極的役割 choice of in rests on facts nobody has
 * confirmed (issue 12 §3): seed 001 asks that it "provides 24h home care itself", so an unconfirmed
 * 24時間対応 or 訪問診療 is named. Nothing for the 拠点 role. Returns the number written (≤ max).
 */
size_t desig_fact_warnings(enum desig_role role, const struct desig_inst *in, char msgs[][256], size_t max);

/* True when inst (the candidate list cands[0..n)) holds institution id. */
bool desig_candidates_contain(const struct desig_candidate *cands, size_t n, int64_t id);

/*
 * Problems of a support centre's items (seed 004: 急変時対応・入退院支援・訪問診療等の提供量増加・
 * 連絡会 are mandatory, and at least one optional item). Writes a Japanese sentence per problem
 * (each up to 256 bytes) into msgs and returns how many there are.
 */
size_t sc_item_problems(uint32_t items, char msgs[][256], size_t max);

/*
 * Checks a support centre's operator (seed 004 指定先の考え方): 基幹型 is 「病床を有し多職種を配置する
 * 医療機関」 (a medical institution with beds); 連携型 is a group that names 「代表する医療機関等」
 * (a medical institution, beds not required). Returns ZT_OK or ZT_ERR_INVALID naming institution_id.
 */
enum zt_err sc_check_operator(enum sc_type type, const struct desig_inst *in, struct zt_error *e);

#endif
