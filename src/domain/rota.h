/*
 * Fair on-call rotas (輪番制オンコール, seed 002 ⑧「輪番制オンコール対応」; seed 003 グループ診療
 * 「休日日夜間等不在時の代診制」), issue 15 §1–§3: the instance (duty slots of a period, doctors with
 * their agreed share, caps and carried-over points, unavailability, wishes, pinned duties, rules),
 * the hard-rule check used by edits and swaps, the solver (feasible rota or the smallest conflicting
 * set it can find, then lexicographic minimisation of spread, wishes, clustering) and the fairness
 * certificate with a lower bound on the spread.
 *
 * Pure: no I/O and no clock. Memory: the instance's arrays belong to the caller (rota_json.c
 * allocates them for a decoded file and frees them with rota_instance_free in io/). rota_solve
 * allocates working memory and releases it before returning (ZT_ERR_NOMEM when it cannot); every
 * output goes into arrays the caller passes. Nothing here keeps state between calls.
 *
 * Vocabulary:
 *   day    — days since 1970-01-01 (cal_days() of holiday.h), the date a duty is filed under;
 *   slot   — one duty of one date (a date and an enum duty_type of duty.h) needing `need` doctors;
 *   seat   — one of the `need` places of a slot. An assignment is an int array of one doctor index
 *            per seat (rota_seat_count() seats, slot 0's seats first, then slot 1's, …), -1 = empty.
 *   load   — of doctor i for type t: count_i,t / share_i + carried_i,t (share-weighted duties plus
 *            the points carried over from earlier periods, in the same weighted unit).
 *   spread — of type t: max_i load − min_i load over all doctors of the instance.
 */
#ifndef ZT_DOMAIN_ROTA_H
#define ZT_DOMAIN_ROTA_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/duty.h"

/* Limits of one instance (issue 15 "Bad input": over 500 doctors × 2 years is refused). */
#define ROTA_MAX_DOCTORS 500
#define ROTA_MAX_DAYS    731 /* two years, leap day included */
#define ROTA_MAX_NEED    4   /* doctors one slot may need */
#define ROTA_MAX_SLOTS   (2 * ROTA_MAX_DAYS)
#define ROTA_MAX_UNAVAIL 200000
#define ROTA_MAX_WISHES  100000
#define ROTA_MAX_PINS    10000
#define ROTA_NAME_MAX    64
#define ROTA_REASON_MAX  96

struct rota_slot {
	long day;            /* the date (days since 1970-01-01) */
	enum duty_type type; /* duty.h */
	int need;            /* 1..ROTA_MAX_NEED, normally 1 */
};

struct rota_doctor {
	int64_t practitioner_id;   /* the store's id (0 when unknown, e.g. in a bench file) */
	char name[ROTA_NAME_MAX];  /* "田中 一郎"; messages say 「田中 一郎医師」 */
	double share;              /* agreed share 0 < share <= 1 (a part-time doctor 0.5) */
	int cap_week;              /* at most this many duties per week (Monday–Sunday), 0 = none */
	int cap_month;             /* at most this many duties per calendar month, 0 = none */
	double carried[DUTY__MAX]; /* carried-over points per type (weighted unit; + = has done more) */
};

/* The doctor cannot take any duty filed under this date (absence, conference, …). */
struct rota_unavail {
	int doctor; /* index into doctors */
	long day;
	char reason[ROTA_REASON_MAX]; /* free text shown in explanations: 「学会」; may be "" */
};

/* A soft wish: prefer or avoid duty on a date (type -1 = any duty of that date). */
struct rota_wish {
	int doctor;
	long day;
	int type;   /* enum duty_type or -1 */
	bool avoid; /* false = prefer */
};

/* A pinned duty (already agreed, kept): one seat of slot is this doctor's. */
struct rota_pin {
	int doctor;
	int slot; /* index into slots */
};

/* Hard rules besides coverage, unavailability, caps and pins (rota_rules_default: the first two on). */
struct rota_rules {
	bool no_consecutive_nights; /* 夜間の連続禁止: no night duty on two consecutive dates */
	bool rest_after_night;      /* 夜間明けの休息: no day duty on the date after a night duty */
	bool one_duty_per_date;     /* 同日の日中・夜間の兼務禁止 (default off: small groups do both) */
};
struct rota_rules rota_rules_default(void);

struct rota_instance {
	long from_day, to_day; /* the period, inclusive; every slot lies inside it */
	const struct rota_slot *slots;
	int nslots;
	const struct rota_doctor *doctors;
	int ndoctors;
	const struct rota_unavail *unavail;
	int nunavail;
	const struct rota_wish *wishes;
	int nwishes;
	const struct rota_pin *pins;
	int npins;
	struct rota_rules rules;
};

/* The duty slots of the period from_day..to_day (inclusive) from the group's duty calendar
 * (duty_types_of_date of duty.h), in date order, need 1 each, written to out[0..cap). Returns how
 * many slots the period has (may exceed cap: then only cap were written); -1 when to_day < from_day
 * or a date lies outside the holiday calendar. A period of n days has at most 2n slots. */
int rota_slots_for_period(long from_day, long to_day, const struct duty_hours *h, struct rota_slot *out, int cap);

/* Number of seats (Σ need) of the instance. */
int rota_seat_count(const struct rota_instance *in);
/* The slot of seat k (O(log nslots)); -1 when k is out of range. */
int rota_seat_slot(const struct rota_instance *in, int k);
/* The first seat of slot s. */
int rota_slot_first_seat(const struct rota_instance *in, int s);

/* Structural validation: period, counts within the limits, slot dates inside the period and in
 * order, need, shares, caps, indices of unavailability/wishes/pins, pins not over-filling a slot,
 * no duplicate doctor ids. ZT_ERR_INVALID (or ZT_ERR_TOOLARGE for the limits) with e->field naming
 * the member ("doctors[3].share") and a Japanese message. Every other function assumes it passed. */
enum zt_err rota_instance_validate(const struct rota_instance *in, struct zt_error *e);

/* ---- the hard rules: rota_check ---- */
enum rota_rule {
	ROTA_RULE_COVER,         /* 充足: every seat has a doctor */
	ROTA_RULE_DOCTOR,        /* the doctor index exists */
	ROTA_RULE_TWICE_IN_SLOT, /* 同じ当番に同じ医師が2回 */
	ROTA_RULE_UNAVAILABLE,   /* 不在日 */
	ROTA_RULE_CONSECUTIVE_NIGHTS,
	ROTA_RULE_REST_AFTER_NIGHT,
	ROTA_RULE_ONE_PER_DATE,
	ROTA_RULE_CAP_WEEK,
	ROTA_RULE_CAP_MONTH,
	ROTA_RULE_PIN, /* 確定済みの当番が守られていない */
	ROTA_RULE__MAX
};
/* Stable API code of a rule ("unavailable", "consecutive_nights", …) and its Japanese name. */
const char *rota_rule_code(enum rota_rule r);
const char *rota_rule_ja(enum rota_rule r);

struct rota_violation {
	enum rota_rule rule;
	int doctor;        /* index, -1 when none (an empty seat) */
	long day;          /* the date concerned (for caps: the last date of the week/month over the cap) */
	int slot;          /* the slot concerned, -1 for a cap */
	char message[320]; /* 「2027年1月1日 休日夜間: 田中 一郎医師は不在（学会）です。」 */
};

/* Every hard rule the assignment (one doctor index per seat, rota_seat_count entries) breaks,
 * written to out[0..cap) in date order; returns the total number (which may exceed cap). 0 = a
 * valid rota; −1 when out of memory. Used by the solver's callers and by edits and swaps to refuse a change naming the rule. */
int rota_check(const struct rota_instance *in, const int *assign, struct rota_violation *out, int cap);

/* ---- the objective ---- */
struct rota_objective {
	double spread
		[DUTY__MAX]; /* per type: max − min load over every doctor (carried points only for a type without slots) */
	double spread_sum; /* (a) Σ spread */
	int wishes;        /* (b) wishes not met */
	int clustering;    /* (c) Σ over doctors and 3-day windows of max(0, duties in window − 1) */
};
/* The objective of an assignment (hard rules are not looked at; empty seats count for nobody). */
void rota_objective_of(const struct rota_instance *in, const int *assign, struct rota_objective *out);
/* <0, 0, >0 comparing lexicographically (a) spread_sum (to 1e-9), (b) wishes, (c) clustering. */
int rota_objective_cmp(const struct rota_objective *a, const struct rota_objective *b);

/* ---- the solver ---- */
struct rota_params {
	long time_limit_ms;  /* stop after this long (needs now_ms); 0 = no time limit */
	long max_iterations; /* stop after this many local-search moves; 0 = no limit */
	uint64_t seed;       /* same instance + seed + iteration count → same rota */
	/* Monotonic milliseconds (the caller's clock: the domain has none); NULL = no time limit. */
	double (*now_ms)(void *ctx);
	/* Asked every few thousand moves; true = stop now and return the best rota so far. */
	bool (*stop)(void *ctx);
	/* Called when a better rota is found (and at the first feasible one), elapsed since start. */
	void (*progress)(void *ctx, const struct rota_objective *best, double elapsed_ms);
	void *ctx;
};

enum rota_status {
	ROTA_FEASIBLE,   /* a rota meeting every hard rule (optimal for spread or not: see the certificate) */
	ROTA_INFEASIBLE, /* proven: conflicts[] names a subset of constraints that no rota can meet */
	ROTA_UNKNOWN,    /* no rota found in the time and no proof either; assign holds the best attempt */
};

#define ROTA_CONFLICT_SLOTS   64
#define ROTA_CONFLICT_DOCTORS 32
#define ROTA_MAX_CONFLICTS    8
/* One reason no rota exists: the slots named, with the rules and doctors named, cannot be covered
 * even when the rest of the period is ignored (the sub-instance of these slots alone is
 * infeasible). */
struct rota_conflict {
	int nslots;
	int slots[ROTA_CONFLICT_SLOTS]; /* slot indices */
	int ndoctors;
	int doctors[ROTA_CONFLICT_DOCTORS]; /* doctors named (capped; the message may say 他N名) */
	unsigned rules;                     /* bit (1u << enum rota_rule) for each rule used */
	char message[1024];                 /* 「2027年1月1日 休日夜間: 3名全員が不在（…）」 */
};

struct rota_result {
	enum rota_status status;
	int *assign; /* caller's array of rota_seat_count() entries: the rota (or best attempt) */
	struct rota_objective objective;
	int nconflicts;
	struct rota_conflict conflicts[ROTA_MAX_CONFLICTS];
	double first_feasible_ms; /* elapsed at the first feasible rota, -1 when none */
	long iterations;
};

/* Solves in (which must pass rota_instance_validate). out->assign must point to rota_seat_count()
 * ints, filled with the rota (pins kept). Infeasibility is first looked for by counting arguments
 * (per slot, per doctor window, Hall-type deficits on slot/doctor windows), each shrunk by a
 * deletion filter; when none is found the search runs, and a rota meeting every hard rule is then
 * improved until the limits or stop(). Returns ZT_OK (see out->status), ZT_ERR_NOMEM. */
enum zt_err rota_solve(const struct rota_instance *in, const struct rota_params *p, struct rota_result *out);

/* Looks only for a proof of infeasibility (as rota_solve does first): fills out[0..cap) and returns
 * how many conflicts were found (0 = none found, which does not prove feasibility). */
int rota_explain(const struct rota_instance *in, struct rota_conflict *out, int cap);

/* ---- the fairness certificate ---- */
struct rota_cert_doctor {
	int count[DUTY__MAX];
	double load[DUTY__MAX]; /* count / share + carried */
	double debt[DUTY__MAX]; /* load − mean load of the type: − = owes duties (公平性の借り) */
	int total;
};
struct rota_certificate {
	int seats[DUTY__MAX];     /* duties of each type in the period */
	double spread[DUTY__MAX]; /* achieved */
	double bound[DUTY__MAX];  /* lower bound on the spread of any rota meeting the hard rules */
	bool optimal[DUTY__MAX];  /* spread == bound (to 1e-9): 「公平性は最適」 */
	int next[DUTY__MAX];      /* who should cover next (lowest load among doctors with a share), -1 */
	struct rota_objective objective;
	int violations; /* rota_check's count (a certificate of an invalid rota says so; −1 no memory) */
};
/* The certificate of assign: per doctor (per_doctor[0..ndoctors), caller's array) counts, loads and
 * debts per type; per type the spread, its lower bound (rota_spread_bound) and who is next. */
void rota_certificate(const struct rota_instance *in, const int *assign, struct rota_cert_doctor *per_doctor,
		      struct rota_certificate *out);

/* A lower bound on the spread of type t over every rota meeting the hard rules: the exact optimum
 * of the counting relaxation (each doctor's count of t between its pins and an upper bound from its
 * availability, the night rule and its caps; the counts summing to the seats of t). Returns -1 when
 * even the relaxation is infeasible (too few doctors for the seats). */
double rota_spread_bound(const struct rota_instance *in, enum duty_type t);

/* "2027年1月1日" for day (into out[32]). */
void rota_format_date_ja(long day, char out[32]);

#endif
