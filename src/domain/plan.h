/*
 * Activity plans (PDCA, issue 19 §2) — the pure part: which fiscal years a plan may be written for,
 * the indicators (指標) a plan sets goals on, and how a computed value compares with its goal and with
 * last year. Pure: no I/O.
 */
#ifndef ZT_DOMAIN_PLAN_H
#define ZT_DOMAIN_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

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

#endif
