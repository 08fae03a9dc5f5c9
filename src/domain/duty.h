/*
 * The duty calendar of a group (issue 14 §3; seed 002 ⑧ 輪番制オンコール, seed 003 代診制): which days
 * are the group's holidays (日曜, 国民の祝日・休日 from holiday.h, 年末年始 12/29–1/3, optionally
 * 土曜), the duty types a date carries, the group's day/night boundary (default 09:00–18:00 day), and
 * which duty covers a given local moment — the question the call chain asks. Pure: no I/O.
 */
#ifndef ZT_DOMAIN_DUTY_H
#define ZT_DOMAIN_DUTY_H

#include <stdbool.h>

#include "core/error.h"

enum duty_type {
	DUTY_WEEKDAY_NIGHT,  /* 平日夜間: day_end of a working day to day_start of the next day */
	DUTY_HOLIDAY_DAY,    /* 休日日中: day_start to day_end of a Sunday / 祝日 / 休日 */
	DUTY_HOLIDAY_NIGHT,  /* 休日夜間 */
	DUTY_NENMATSU_DAY,   /* 年末年始日中 (12/29–1/3, the group's own holidays) */
	DUTY_NENMATSU_NIGHT, /* 年末年始夜間 */
	DUTY__MAX
};

struct duty_type_entry {
	const char *code; /* API name: "weekday_night", … */
	const char *ja;   /* 平日夜間, … */
	bool night;
};
extern const struct duty_type_entry duty_types[DUTY__MAX];

/* The duty type named code, or -1. */
int duty_type_lookup(const char *code);

/* A group's hours: minutes after midnight (JST) at which the day begins and ends. */
struct duty_hours {
	int day_start;         /* default 9:00 = 540 */
	int day_end;           /* default 18:00 = 1080 */
	bool saturday_holiday; /* treat Saturdays as 休日 (default: no) */
	int bed_stale_hours;   /* 後方病床 figures older than this are shown as stale (default 12) */
};
#define DUTY_HOURS_DEFAULT ((struct duty_hours){540, 1080, false, 12})

/* ZT_OK when 0 <= day_start < day_end <= 1440; ZT_ERR_INVALID naming day_start / day_end otherwise. */
enum zt_err duty_hours_check(const struct duty_hours *h, struct zt_error *e);
/* Parses "HH:MM" (00:00–24:00) into minutes; -1 when malformed. */
int duty_parse_hhmm(const char *s);

enum day_kind {
	DAY_WORKING,  /* 平日 */
	DAY_HOLIDAY,  /* 日曜・祝日・休日 (and 土曜 when the group says so) */
	DAY_NENMATSU, /* 年末年始 12/29–1/3 */
};

/* True for 12/29–1/3 (年末年始: the group's own holidays, whatever the weekday). */
bool duty_is_nenmatsu(int m, int d);

/* What kind of day y-m-d is for the group; *why (when not NULL) gets a static Japanese phrase:
 * "平日", "日曜日", "土曜日", "年末年始", or the holiday's name ("元日", "振替休日", …). */
enum day_kind duty_day_kind(int y, int m, int d, const struct duty_hours *h, const char **why);

/* The duty types of date y-m-d in the order of the day: one (平日夜間) or two (日中, 夜間). Returns
 * how many were written to out[2]. */
int duty_types_of_date(int y, int m, int d, const struct duty_hours *h, enum duty_type out[2]);

/* Which duty covers the local moment y-m-d minute (0–1439, JST). A night before day_start belongs
 * to the previous date's night duty. */
struct duty_slot {
	int y, m, d;     /* the date the duty is filed under */
	int type;        /* enum duty_type, or -1: 平日日中 (the 主治医's own hours, no duty) */
	enum day_kind kind;
	const char *why; /* as duty_day_kind's, for the duty's date */
};
void duty_slot_at(int y, int m, int d, int minute, const struct duty_hours *h, struct duty_slot *out);

#endif
