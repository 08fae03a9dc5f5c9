/*
 * Compliance rule sets of the coordinator programmes (issue 19 §1; seeds 002 STEP3, 003, 004) as
 * data plus one pure check function each: a rule set names its actions (事業項目), and its check turns
 * "what the plan chose and what evidence each action has" into one verdict per rule — met, not met,
 * or not (yet) required — with a Japanese sentence saying why or what is missing. One file per rule
 * set (rules_*.c) and one row in the registry (ruleset.c): adding a rule set is a file and a row.
 * Pure: no I/O, no allocation.
 */
#ifndef ZT_DOMAIN_RULESET_H
#define ZT_DOMAIN_RULESET_H

#include <stdbool.h>
#include <stddef.h>

#define RULESET_ACTIONS_MAX 16
#define RULESET_RULES_MAX 16

/* One action (事業項目) a plan may choose. */
struct ruleset_action {
	const char *code;  /* stable identifier used in the API and the database, e.g. "o1" */
	const char *label; /* Japanese label as the seed words it */
	const char *group; /* section or PDCA phase it belongs to ("" when none) */
};

/* What the check needs to know about one operator's plan in one fiscal year. */
struct plan_facts {
	int fiscal_year;       /* 年度 (April–March), e.g. 2026 */
	int first_year;        /* the operator's first fiscal year in the programme (0: unknown = continuing) */
	bool year_ended;       /* the check runs after 31 March of the fiscal year (年度末) */
	unsigned chosen;       /* bit i: action i of the rule set is in the plan */
	int evidence[RULESET_ACTIONS_MAX]; /* evidence items recorded per action (records + uploads) */
	int exchange_meetings; /* seed 002 ⑤: 情報交換会 held in the fiscal year */
	bool evaluated;        /* the Check phase (評価) has been written */
	const char *variant;   /* Kumamoto: "kikan" (基幹型) / "renkei" (連携型); NULL or "" when unset */
};

enum rule_status {
	RULE_MET,          /* 充足 */
	RULE_NOT_MET,      /* 未充足 */
	RULE_NOT_REQUIRED, /* 対象外（まだ要件ではない） */
};

struct rule_result {
	const char *code;      /* stable rule identifier, e.g. "osaka.action1" */
	const char *label;     /* the requirement in Japanese */
	const char *seed;      /* the seed line it rests on, quoted */
	enum rule_status status;
	bool pending;          /* not met yet, but the fiscal year is still running (年度途中) */
	char why[384];         /* what is there, or what is missing, in Japanese */
};

struct ruleset {
	const char *code;   /* "osaka_coordinator", ... */
	const char *name;   /* 事業名 */
	const char *source; /* the seed it comes from */
	const struct ruleset_action *actions;
	size_t nactions;
	const char *const *variants;      /* allowed variant codes (NULL-terminated) or NULL */
	const char *const *variant_labels;
	/* Fills out[0..] with one verdict per rule and returns how many (≤ RULESET_RULES_MAX). */
	size_t (*check)(const struct plan_facts *f, struct rule_result *out);
};

/* The registry (ruleset.c), in display order. */
extern const struct ruleset *const rulesets[];
extern const size_t nrulesets;

/* The rule set with this code, NULL when none. */
const struct ruleset *ruleset_find(const char *code);
/* Index of the action with this code in rs, -1 when none. */
int ruleset_action_index(const struct ruleset *rs, const char *code);
/* Runs rs's check and says whether every rule is met or not required (compliant overall). */
bool ruleset_compliant(const struct rule_result *r, size_t n);
/* Japanese word for a status: 充足 / 未充足 / 対象外; "年度途中" is added by callers from pending. */
const char *rule_status_ja(enum rule_status s);
const char *rule_status_code(enum rule_status s); /* "met" / "not_met" / "not_required" */

/* Helpers for rule files. */
struct rule_result *rule_begin(struct rule_result *out, size_t *n, const char *code, const char *label,
			       const char *seed);
/* The verdict of "action i is planned and carried out": not planned → not met; planned without evidence
 * → not met (pending during the year); otherwise met with the evidence count. */
void rule_action_done(struct rule_result *r, const struct plan_facts *f, const struct ruleset *rs, int i);
/* Number of actions in [lo, hi] that are chosen / chosen and evidenced. */
int rule_count_chosen(const struct plan_facts *f, int lo, int hi);
int rule_count_done(const struct plan_facts *f, int lo, int hi);
/* Appends the labels of actions in [lo, hi] that are chosen but lack evidence, "、"-separated. */
void rule_list_missing(const struct plan_facts *f, const struct ruleset *rs, int lo, int hi, char *buf,
		       size_t size);

extern const struct ruleset ruleset_osaka_coordinator; /* seed 002 */
extern const struct ruleset ruleset_kumamoto_centre;   /* seed 004 */
extern const struct ruleset ruleset_renkei_kyoten;     /* seed 003, medical plan */
extern const struct ruleset ruleset_kaigo_renkei;      /* seed 003 (and 004) */

#endif
