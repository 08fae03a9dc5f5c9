/* The duty calendar of a group: holidays, 年末年始, duty types and the slot of a moment (issue 14 §3; see duty.h). */
#include "domain/duty.h"

#include <string.h>

#include "domain/holiday.h"

const struct duty_type_entry duty_types[DUTY__MAX] = {
	[DUTY_WEEKDAY_NIGHT] = {"weekday_night", "平日夜間", true},
	[DUTY_HOLIDAY_DAY] = {"holiday_day", "休日日中", false},
	[DUTY_HOLIDAY_NIGHT] = {"holiday_night", "休日夜間", true},
	[DUTY_NENMATSU_DAY] = {"nenmatsu_day", "年末年始日中", false},
	[DUTY_NENMATSU_NIGHT] = {"nenmatsu_night", "年末年始夜間", true},
};

int duty_type_lookup(const char *code)
{
	for (int i = 0; code && i < DUTY__MAX; i++)
		if (strcmp(duty_types[i].code, code) == 0)
			return i;
	return -1;
}

enum zt_err duty_hours_check(const struct duty_hours *h, struct zt_error *e)
{
	if (h->day_start < 0 || h->day_start >= 1440)
		return zt_fail(e, ZT_ERR_INVALID, "day_start", "日中の開始時刻は 00:00〜23:59 で指定してください。");
	if (h->day_end <= h->day_start || h->day_end > 1440)
		return zt_fail(e, ZT_ERR_INVALID, "day_end", "日中の終了時刻は開始時刻より後（24:00 まで）にしてください。");
	if (h->bed_stale_hours < 1 || h->bed_stale_hours > 168)
		return zt_fail(e, ZT_ERR_INVALID, "bed_stale_hours", "空床情報を古いとみなす時間は1〜168時間で指定してください。");
	return ZT_OK;
}

int duty_parse_hhmm(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int hh = (s[0] - '0') * 10 + (s[1] - '0'), mm = (s[3] - '0') * 10 + (s[4] - '0');
	if (mm > 59 || hh > 24 || (hh == 24 && mm != 0))
		return -1;
	return hh * 60 + mm;
}

bool duty_is_nenmatsu(int m, int d) { return (m == 12 && d >= 29) || (m == 1 && d <= 3); }

enum day_kind duty_day_kind(int y, int m, int d, const struct duty_hours *h, const char **why)
{
	const char *name = "";
	if (duty_is_nenmatsu(m, d)) {
		if (why)
			*why = "年末年始";
		return DAY_NENMATSU;
	}
	if (holiday_of(y, m, d, &name) != HOLIDAY_NONE) {
		if (why)
			*why = name;
		return DAY_HOLIDAY;
	}
	int wd = cal_weekday(y, m, d);
	if (wd == 0 || (wd == 6 && h && h->saturday_holiday)) {
		if (why)
			*why = wd == 0 ? "日曜日" : "土曜日";
		return DAY_HOLIDAY;
	}
	if (why)
		*why = "平日";
	return DAY_WORKING;
}

int duty_types_of_date(int y, int m, int d, const struct duty_hours *h, enum duty_type out[2])
{
	switch (duty_day_kind(y, m, d, h, NULL)) {
	case DAY_NENMATSU:
		out[0] = DUTY_NENMATSU_DAY, out[1] = DUTY_NENMATSU_NIGHT;
		return 2;
	case DAY_HOLIDAY:
		out[0] = DUTY_HOLIDAY_DAY, out[1] = DUTY_HOLIDAY_NIGHT;
		return 2;
	default:
		out[0] = DUTY_WEEKDAY_NIGHT;
		return 1;
	}
}

void duty_slot_at(int y, int m, int d, int minute, const struct duty_hours *h, struct duty_slot *out)
{
	struct duty_hours def = DUTY_HOURS_DEFAULT;
	if (h == NULL)
		h = &def;
	int night = 0;
	if (minute < h->day_start) { /* the small hours belong to the previous date's night */
		cal_from_days(cal_days(y, m, d) - 1, &y, &m, &d);
		night = 1;
	} else if (minute >= h->day_end) {
		night = 1;
	}
	out->y = y, out->m = m, out->d = d;
	out->kind = duty_day_kind(y, m, d, h, &out->why);
	switch (out->kind) {
	case DAY_NENMATSU:
		out->type = night ? DUTY_NENMATSU_NIGHT : DUTY_NENMATSU_DAY;
		break;
	case DAY_HOLIDAY:
		out->type = night ? DUTY_HOLIDAY_NIGHT : DUTY_HOLIDAY_DAY;
		break;
	default:
		out->type = night ? DUTY_WEEKDAY_NIGHT : -1;
	}
}
