/*
 * Matching discharge referrals (退院調整, seed 002 ⑥⑦, seed 004 入退院支援) to home-care providers:
 * the eligibility of one provider for one referral with its reasons, the ranked candidates of one
 * referral, and the optimal batch assignment as a minimum-cost flow (issue 16 §2–§3; model and
 * proofs in docs/matching.md). Pure: the caller (src/app) loads referrals and providers; nothing
 * here is stored or assigned — a person confirms every proposal.
 *
 * Roles: a referral needs a かかりつけ医 (clinic or hospital doing home visits, MATCH_CLINIC) and
 * may need a 訪問看護ステーション (MATCH_NURSE); each role is matched separately (two independent
 * flows — the objective and every constraint are separable by role, docs/matching.md).
 */
#ifndef ZT_DOMAIN_MATCH_H
#define ZT_DOMAIN_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/codes.h"

enum match_role { MATCH_CLINIC, MATCH_NURSE, MATCH_ROLE__MAX }; /* かかりつけ医 / 訪問看護 */
extern const struct code_entry match_roles[MATCH_ROLE__MAX];
/* The role an institution kind can take: 診療所・病院 → MATCH_CLINIC, 訪問看護ステーション →
 * MATCH_NURSE, −1 for every other kind. */
int match_role_of_kind(enum inst_kind k);

/* A family preference (希望): a provider the family knows (prefer) or wants to avoid (avoid), of
 * role `role`. hard: a hard avoid excludes the provider; a hard prefer excludes every other
 * provider of that role. soft: a cost (see struct match_weights), never an exclusion. */
struct match_pref {
	int64_t provider_id;
	enum match_role role;
	bool avoid;
	bool hard;
};
#define MATCH_PREFS_MAX 8

struct match_referral {
	int64_t id;
	bool has_coord;          /* the home's coordinates (stored, reproducible: DOMAIN.md Geography) */
	double lat, lon;
	/* capabilities (1u << enum capability) each role must hold, confirmed (対応あり); 0 for the
	 * nurse role means "no nurse station wanted" unless want[MATCH_NURSE] */
	uint32_t needs[MATCH_ROLE__MAX];
	bool want[MATCH_ROLE__MAX]; /* whether this role is to be matched at all */
	int n_prefs;
	struct match_pref prefs[MATCH_PREFS_MAX];
};

struct match_provider {
	int64_t id;
	enum match_role role;
	bool has_coord;
	double lat, lon;
	uint32_t capabilities;       /* confirmed yes */
	uint32_t capabilities_known; /* confirmed either way (bit clear = 未確認) */
	int load;                    /* current home patients (counted from the registry) */
	int capacity_left;           /* how many more it accepts now (declared − taken); ≤ 0 = full */
};

/* Why a provider is or is not eligible. Several may hold; `codes` has a bit (1u << code) for each,
 * `code` is the first in this order (the one a list shows first). */
enum match_code {
	MATCH_OK,
	MATCH_WRONG_ROLE,     /* the provider is not of the role asked */
	MATCH_NO_COORD,       /* 座標が未登録 (home or provider) */
	MATCH_TOO_FAR,        /* 16 km を超える */
	MATCH_AVOIDED,        /* 家族が避けたい (hard) */
	MATCH_NOT_PREFERRED,  /* a hard preference names another provider of this role */
	MATCH_LACKS,          /* a needed capability confirmed absent (対応なし) */
	MATCH_UNCONFIRMED,    /* a needed capability 未確認 (not counted as yes) */
	MATCH_FULL,           /* 受入可能数の残りがない */
	MATCH_CODE__MAX
};
extern const struct code_entry match_codes[MATCH_CODE__MAX]; /* code → Japanese label */

struct match_reason {
	enum match_code code;
	uint32_t codes;         /* bit (1u << enum match_code) per reason that holds; 0 when eligible */
	double distance_km;     /* straight line, −1 when a coordinate is missing */
	uint32_t lacking;       /* needed capabilities confirmed absent */
	uint32_t unconfirmed;   /* needed capabilities 未確認 */
	char text[384];         /* Japanese: 「16km以内（3.2km）」「人工呼吸器に対応なし」… all reasons joined */
};

/*
 * Whether provider p may take referral r in role p->role: r wants that role, both have coordinates,
 * the distance is ≤ GEO_HOME_VISIT_KM (16 km, straight line), p holds every capability of
 * r->needs[role] confirmed yes (未確認 is its own reason, not a yes), capacity_left > 0, not avoided
 * hard, not excluded by a hard preference for another provider. Fills *why (may be NULL) with every
 * reason that holds. Pure and total: any input gives an answer.
 */
bool match_eligible(const struct match_referral *r, const struct match_provider *p, struct match_reason *why);
/* Eligible except for capacity (the provider would qualify if it had room). */
bool match_capable(const struct match_referral *r, const struct match_provider *p);

/* The cost model shared by the candidate list and the batch (integers, so that every solver of
 * the benchmark computes the same optimum). Costs are in units of 100 m of distance. */
struct match_weights {
	int64_t load_step;       /* the n-th patient already carried adds n·load_step (convex: the
				  * marginal cost of one more patient grows with the load) */
	int64_t load_band;       /* patients per band of equal marginal cost (1 = strictly per patient) */
	int64_t soft_avoid;      /* penalty for a provider the family would rather avoid */
	int64_t soft_prefer;     /* penalty for every provider but the one the family prefers */
	double nearby_km;        /* excluded providers within this distance are listed (default 32) */
};
/* load_step 1 (each patient already carried weighs as 100 m: 40 more patients ≈ 4 km), load_band 1, soft_avoid 50 and
 * soft_prefer 50 (5 km), nearby_km 32. */
void match_weights_default(struct match_weights *w);
/* Distance in cost units: km rounded to 100 m. */
int64_t match_distance_cost(double km);
/* The cost of the arc referral → provider (distance plus soft-preference penalties); assumes
 * match_eligible. */
int64_t match_arc_cost(const struct match_weights *w, const struct match_referral *r, const struct match_provider *p,
		       double km);
/* The marginal cost of taking one more patient when `carried` are already carried
 * (load_step · ⌊carried / load_band⌋ · load_band, nondecreasing in carried: convex total). */
int64_t match_load_cost(const struct match_weights *w, int carried);

/* One line of a referral's candidate list. */
struct match_candidate {
	int provider;            /* index into the providers given */
	bool eligible;
	int rank;                /* 1, 2, … among the eligible; 0 when excluded */
	int64_t score;           /* arc cost + marginal load cost (lower is better) */
	bool preferred, soft_avoided;
	struct match_reason reason;
	char why[384];           /* Japanese: why this rank (distance, load, preference) */
};

/*
 * The ranked candidates of referral r in role among n providers: first every eligible provider by
 * score, then distance, then id (deterministic); then every excluded provider of that role within
 * w->nearby_km (or without coordinates), with its reasons, by distance. Writes at most max and
 * returns how many were written.
 */
int match_rank(const struct match_referral *r, enum match_role role, const struct match_provider *p, int n,
	       const struct match_weights *w, struct match_candidate *out, int max);

/* Why a referral got no provider of a role in a batch. */
enum match_unassigned {
	MATCH_ASSIGNED,
	MATCH_NOT_WANTED,      /* the referral does not ask for this role */
	MATCH_NONE_CAPABLE,    /* no capable provider within 16 km (能力・距離の条件を満たす機関がない) */
	MATCH_ALL_FULL,        /* capable ones exist but all were full already (受入枠なし) */
	MATCH_TAKEN,           /* capable ones had room but others of the batch took it (cardinality is
				* maximal: no other assignment places more) */
	MATCH_UNASSIGNED__MAX
};
extern const struct code_entry match_unassigned_codes[MATCH_UNASSIGNED__MAX];

struct match_assignment {
	int provider[MATCH_ROLE__MAX];              /* index into providers, −1 when none */
	enum match_unassigned status[MATCH_ROLE__MAX];
	int64_t cost[MATCH_ROLE__MAX];              /* arc + marginal load cost paid, 0 when none */
};

struct match_batch_stats {
	int assigned[MATCH_ROLE__MAX], unassigned[MATCH_ROLE__MAX];
	int64_t objective[MATCH_ROLE__MAX];  /* Σ arc costs + Σ convex load costs (without the big M) */
	int64_t big_m[MATCH_ROLE__MAX];      /* the cost of leaving one referral unassigned */
	int supply_nodes[MATCH_ROLE__MAX];   /* after aggregating identical referrals */
	int64_t arcs[MATCH_ROLE__MAX];
	bool certified[MATCH_ROLE__MAX];     /* mcf_certify held */
};

/*
 * The optimal batch assignment of nr referrals to np providers, per role: (1) the number assigned
 * is maximal, (2) among those, Σ arc costs + Σ_p Σ_{k} match_load_cost(load_p + k) is minimal;
 * capacity_left is never exceeded; ties are broken deterministically (same input, same output).
 * out has nr entries. Returns 0, or −1 when out of memory (out then untouched). The flow is
 * certified by mcf_certify before it is returned (stats->certified).
 */
int match_batch(const struct match_referral *r, int nr, const struct match_provider *p, int np,
		const struct match_weights *w, struct match_assignment *out, struct match_batch_stats *stats);

/* ---- the network itself (for the benchmark and for tests) ---- */
struct mcf;
/* The min-cost-flow network that match_batch solves for role: node 0 the sink, then one supply node
 * per group of identical referrals, then one node per provider of the role. Returns NULL when out
 * of memory. group_of (nr entries, may be NULL) receives each referral's supply node or −1.
 * *big_m receives the unassigned cost. */
struct mcf *match_network(const struct match_referral *r, int nr, const struct match_provider *p, int np,
			  enum match_role role, const struct match_weights *w, int *group_of, int64_t *big_m);

#endif
