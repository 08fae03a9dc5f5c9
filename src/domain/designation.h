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
	RULE_BASE_ACTIVE,         /* 拠点①* 積極的役割を担う医療機関と同一（「同一も可」） */
	RULE_BASE_ASSOCIATION,    /* 拠点② 地域医師会等関係団体 */
	RULE_BASE_COMMUNITY,      /* 拠点③ 市町村や市町村が委託している地域包括支援センター */
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
	bool h24;             /* 24時間対応 confirmed yes (h24_unconfirmed: 未確認) */
	bool foreign;         /* in another prefecture, within reach of its border: counts for 16 km only */
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
	char unmet_since[11];    /* "" while the facts meet the requirement; else the day it was flagged */
	char unmet_reason[256];  /* why (Japanese), "" when met */
};
struct dw_desk {                 /* institution_id hosts the 在宅医療・介護連携 相談窓口 of muni */
	char muni[7];
	int64_t institution_id;
};
struct dw_centre_member {        /* a member of a 連携型 support centre's group */
	int64_t centre_id, institution_id;
};
struct dw_quota {                /* the number of support centres the prefecture sets for an area */
	int64_t medical_area_id;
	int quota;
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

#define SC_MAX_MEMBERS 64 /* members of a 連携型 group */

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
	int64_t members[SC_MAX_MEMBERS]; /* 連携型: the group (besides the representative) */
	size_t nmembers;
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
	struct dw_desk *desks;            size_t ndesks;
	struct dw_centre_member *members; size_t nmembers;
	struct dw_quota *quotas;          size_t nquotas;
	struct dw_muni *unplaced;         size_t nunplaced; /* in neither a 二次医療圏 nor a 圏域 */
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
	bool adjacent;             /* rule ③: from_municipality is adjacent (adjacency data) */
	double distance_km;        /* rule ③: office to office; < 0 when a position is missing */
};

#define DESIG_MAX_CANDIDATES 64

/*
 * Candidates for 積極的役割を担う医療機関 of municipality muni, by seed 001's order:
 *   ① every 在支病 (any type) in muni; if none
 *   ② 在支診 in muni, 機能強化型（単独・連携） first, then 従来型; if neither
 *   ③ 在支病 then 在支診 (機能強化型 first) of the other municipalities of the same 二次医療圏
 *     (「二次医療圏内の近隣市町村」): adjacent ones first where adjacency is data, then by the distance
 *     between the municipality offices (unknown distances last), then by code.
 * Within one rule and municipality, candidates keep the order of w->insts. Institutions of another
 * prefecture (foreign) are never candidates. Writes up to max into out and returns
 * how many were found (0 when even ③ finds none).
 */
size_t desig_active_candidates(const struct desig_world *w, const char *muni, struct desig_candidate *out,
			       size_t max);

/*
 * Candidates for 連携を担う拠点 of muni in the seed's order, each kept apart:
 *   ① the institution recorded as the municipality's 在宅医療・介護連携 相談窓口 (w->desks);
 *   ①* the 積極的役割を担う医療機関 in force for muni (「積極的役割を担う医療機関と同一も可」: a rule
 *      candidate, not an override);
 *   ② the 郡市医師会 covering muni (地域医師会、医療法人等関係団体);
 *   ③ the municipality itself and the 地域包括支援センター in muni (市町村や市町村が委託している…).
 * An institution appears once, under its first rule.
 */
size_t desig_base_candidates(const struct desig_world *w, const char *muni, struct desig_candidate *out,
			     size_t max);

/*
 * The definition of 積極的役割を担う医療機関 (seed 001: 「自ら24時間対応体制の在宅医療を提供する…
 * 病院・診療所」, 「在宅療養支援診療所及び在宅療養支援病院等…の中から位置付けることが想定される」):
 * a hospital or clinic, not recorded as without 24h care, that holds a 在支病/在支診 standard or
 * is confirmed to provide 24h home care itself. ZT_OK when met; then *warn (256 bytes, "" when
 * nothing to say) names a fact it rests on that is 未確認, or that the institution is not a
 * 在支病/在支診 (the principle). ZT_ERR_INVALID naming institution_id with the reason otherwise.
 * in NULL is ZT_ERR_INVALID.
 */
enum zt_err desig_active_definition(const struct desig_inst *in, char warn[256], struct zt_error *e);

/* Kinds the guideline allows as 連携を担う拠点 (第2 2(6): 「病院、診療所、訪問看護事業所、地域医師会等
 * 関係団体、保健所、市町村等」, with the 地域包括支援センター a municipality commissions): hospital,
 * clinic, nurse station, medical association, health centre, municipality, community support. */
bool desig_base_kind_allowed(enum inst_kind k);

/*
 * Checks a designation request before it is stored: the role may take this institution (積極的役割:
 * desig_active_definition, for every basis — volunteers and overrides included; 拠点: one of
 * desig_base_kind_allowed), an override carries a reason, the plan period reads "YYYY-YYYY" with
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
 * Re-checks designation d (in force) against the facts of w (issue 13 item 8): the institution is
 * still registered in the prefecture; 積極的役割 still meets desig_active_definition and, for basis
 * rule, still holds the standard its rule rested on (①③在支病 → 在支病, ②③在支診 → 在支診); a 拠点
 * is still of an allowed kind and, for rule ①, still the municipality's 相談窓口. Returns true when
 * the requirement is no longer met, with the Japanese reason in why (n bytes).
 */
bool desig_requirement_unmet(const struct desig_world *w, const struct dw_designation *d, char *why, size_t n);

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
 * 医療機関（自らも在宅医療に取り組む在宅療養支援病院、在宅療養支援診療所、在宅療養後方支援病院、地域包括
 * ケア病棟を有する医療機関等を想定）」: a hospital or clinic with beds that holds one of those standards
 * or provides home care itself; 連携型 names 「代表する医療機関等」: a medical institution or a 郡市医師会.
 * Returns ZT_OK or ZT_ERR_INVALID naming institution_id.
 */
enum zt_err sc_check_operator(enum sc_type type, const struct desig_inst *in, struct zt_error *e);

/* True when a member of a 連携型 group provides home care (「連携している医療機関が在宅医療を提供して
 * いることを想定」): a hospital or clinic doing home care or holding 在支病/在支診, or a visiting
 * nurse station. */
bool sc_member_provides_home_care(const struct desig_inst *in);

/*
 * Checks the group of a 連携型 centre (seed 004 「複数医療機関等のグループ」): members[0..n) are ids
 * of w, none twice, not the representative; with the representative at least two institutions, at
 * least one of them a medical institution, and each member provides home care
 * (sc_member_provides_home_care). A 基幹型 centre takes no members. ZT_ERR_INVALID naming members.
 */
enum zt_err sc_check_members(const struct desig_world *w, enum sc_type type, int64_t representative,
			     const int64_t *members, size_t n, struct zt_error *e);

/* True when the operator lies in 二次医療圏 area_id (seed 004 「各圏域内」): its municipality belongs
 * to the area, or (a 郡市医師会) it covers a municipality of the area. */
bool sc_operator_in_area(const struct desig_world *w, int64_t area_id, const struct desig_inst *in);

/* The number of centres the prefecture sets for an area: its quota, else 1 (「原則1箇所」). */
int sc_area_quota(const struct desig_world *w, int64_t area_id);

#endif
