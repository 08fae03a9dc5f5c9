/*
 * Activity plans (PDCA, issue 19 §2) — the pure part: which fiscal years a plan may be written for,
 * the indicators (指標) a plan sets goals on, and how a computed value compares with its goal and with
 * last year. Pure: no I/O.
 */
#ifndef ZT_DOMAIN_PLAN_H
#define ZT_DOMAIN_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/ruleset.h"

/* The oldest fiscal year a plan may be written for (the seeds' programmes began in 平成30年度). */
#define PLAN_FY_MIN 2018

/* A fiscal year is accepted from PLAN_FY_MIN up to next year (plans are drafted in the spring before);
 * anything else is refused naming field "fiscal_year". */
enum zt_err plan_fiscal_year_check(int fy, int current_fy, struct zt_error *e);

/* Indicators computed from the records (Check). */
enum plan_indicator {
	IND_CLINICS_CD,      /* 段階C・Dの診療所数 (seed 002 STEP2) */
	IND_HOME_PATIENTS,   /* 在宅患者数 */
	IND_EOL,             /* 看取り数 */
	IND_REFERRALS_ACCEPTED, /* 退院調整の受入決定数 */
	IND_MEETINGS,        /* 会議・連絡会の開催回数 */
	IND_TRAININGS,       /* 研修の開催回数 */
	IND__MAX
};
struct plan_indicator_def {
	const char *code;
	const char *ja;
	const char *unit;
};
extern const struct plan_indicator_def plan_indicators[IND__MAX];
/* Index of the indicator with this code, -1 when none. */
int plan_indicator_find(const char *code);

/* One indicator's Check: goal, value now, value last year (−1: none) → achievement in per cent of the
 * goal (0 when no goal) and a Japanese sentence. */
struct plan_check {
	int64_t goal, actual, last_year;
	int percent;
	bool achieved;
	char text[160];
};
void plan_check_indicator(enum plan_indicator ind, int64_t goal, int64_t actual, int64_t last_year,
			  struct plan_check *out);


/* A plan as written (Plan and Act): the actions chosen with a note each, goals per indicator, the
 * Kumamoto variant, and the Check / Act notes. The rule set is the one the prefecture assigned. */
#define PLAN_NOTE_MAX 4000
struct plan_action_in {
	char code[16];
	char note[1001];
};
struct plan_goal_in {
	int indicator; /* enum plan_indicator */
	int64_t goal;
};
struct plan_def {
	int64_t id, operator_id;
	int fiscal_year;
	char ruleset[32];
	char variant[16];
	size_t nactions;
	struct plan_action_in actions[RULESET_ACTIONS_MAX];
	size_t ngoals;
	struct plan_goal_in goals[IND__MAX];
	char goals_note[1001];           /* 目標（文章） */
	char check_note[PLAN_NOTE_MAX + 1]; /* 評価 (Check) */
	char act_note[PLAN_NOTE_MAX + 1];   /* 改善・次年度への反映 (Act) */
};
/* Goals are counts; anything above this is a typing error. */
#define PLAN_GOAL_MAX 1000000

/* Checks d against its rule set rs: every action code is one of rs's and appears once, indicators are
 * known and appear once with 0 ≤ goal ≤ PLAN_GOAL_MAX, the variant is one rs allows ("" allowed while
 * a draft: the compliance check flags it). ZT_ERR_INVALID naming the field ("actions[2].code", …). */
enum zt_err plan_validate(const struct plan_def *d, const struct ruleset *rs, struct zt_error *e);

/* "令和8年度" for fiscal year 2026 (平成 before 2019). out gets "" when fy is out of range. */
void plan_fiscal_year_ja(int fy, char *out, size_t size);

#endif
