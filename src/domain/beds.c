/* 後方病床: ward types, figure checks and staleness (issue 14 §5; see beds.h). */
#include "domain/beds.h"

#include <stdio.h>
#include <string.h>

#include "domain/holiday.h"

const struct code_entry wards[WARD__MAX] = {
	[WARD_GENERAL] = {"general", "一般病棟"},
	[WARD_COMMUNITY_CARE] = {"community_care", "地域包括ケア病棟"},
	[WARD_RECOVERY] = {"recovery", "回復期リハビリテーション病棟"},
	[WARD_LONG_TERM] = {"long_term", "療養病棟"},
};

enum zt_err bed_figure_check(const struct bed_figure *b, int i, struct zt_error *e)
{
	char f[48];
	if (b->ward < 0 || b->ward >= WARD__MAX) {
		snprintf(f, sizeof f, "wards[%d].ward", i);
		return zt_fail(e, ZT_ERR_INVALID, f, "病棟の種類は general / community_care / recovery / long_term のいずれかです。");
	}
	if (b->reserved < 0 || b->reserved > BEDS_MAX) {
		snprintf(f, sizeof f, "wards[%d].reserved", i);
		return zt_fail(e, ZT_ERR_INVALID, f, "確保病床数は0〜%dの整数で入力してください（負の数は不可）。", BEDS_MAX);
	}
	if (b->free < 0 || b->free > BEDS_MAX) {
		snprintf(f, sizeof f, "wards[%d].free", i);
		return zt_fail(e, ZT_ERR_INVALID, f, "空床数は0〜%dの整数で入力してください（負の数は不可）。", BEDS_MAX);
	}
	return ZT_OK;
}

bool bed_is_stale(const char *updated, time_t now, int stale_hours)
{
	int y, mo, d, h, mi, s;
	if (!updated || sscanf(updated, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &s) != 6 || !cal_valid(y, mo, d))
		return true;
	long long t = (long long)cal_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	return (long long)now - t > (long long)stale_hours * 3600;
}
