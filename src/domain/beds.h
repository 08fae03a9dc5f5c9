/*
 * 後方病床 (issue 14 §5; seed 002 ③, seed 003 後方病床協力費): the reserved and free beds a backup
 * hospital publishes per ward type, and whether a figure is stale. Pure.
 */
#ifndef ZT_DOMAIN_BEDS_H
#define ZT_DOMAIN_BEDS_H

#include <stdbool.h>
#include <time.h>

#include "core/error.h"
#include "domain/codes.h"

enum ward {
	WARD_GENERAL,        /* 一般病棟 */
	WARD_COMMUNITY_CARE, /* 地域包括ケア病棟 */
	WARD_RECOVERY,       /* 回復期リハビリテーション病棟 */
	WARD_LONG_TERM,      /* 療養病棟 */
	WARD__MAX
};
extern const struct code_entry wards[WARD__MAX];

#define BEDS_MAX 5000

struct bed_figure {
	int ward;           /* enum ward */
	int reserved, free; /* 0..BEDS_MAX; free ≤ reserved is NOT required (free beds beyond the reserve count) */
	char updated_at[21];
	char updated_by[64];
};

/* ZT_OK, or ZT_ERR_INVALID naming "wards[i].reserved" / "wards[i].free" / "wards[i].ward". */
enum zt_err bed_figure_check(const struct bed_figure *b, int i, struct zt_error *e);

/* True when a figure updated at updated (ISO instant) is older than stale_hours at now (or unparsable). */
bool bed_is_stale(const char *updated, time_t now, int stale_hours);

#endif
