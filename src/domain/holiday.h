/*
 * Japanese public holidays computed by rule for any year 1949–2150 (issue 14 §3): the 国民の祝日に
 * 関する法律 (祝日法, 1948) with every amendment — Happy Monday days (2000, 2003), 振替休日 (1973,
 * widened 2007), 国民の休日 (1985), みどりの日 / 昭和の日 (1989, 2007), 山の日 (2016), the
 * emperor's birthday (4/29 → 12/23 → 2/23), the one-off days by special laws (1959, 1989, 1990,
 * 1993, 2019) and the Olympic moves of 2020 and 2021 — and the equinox days from the astronomical
 * approximation (valid 1900–2150). Pure: no I/O, no allocation.
 *
 * The group's own holidays (年末年始 12/29–1/3) and the duty types built on them are in duty.h.
 */
#ifndef ZT_DOMAIN_HOLIDAY_H
#define ZT_DOMAIN_HOLIDAY_H

#include <stdbool.h>

#define HOLIDAY_YEAR_MIN 1949
#define HOLIDAY_YEAR_MAX 2150
#define HOLIDAY_MAX_PER_YEAR 32

enum holiday_kind {
	HOLIDAY_NONE = 0,
	HOLIDAY_NATIONAL,   /* 国民の祝日 (incl. days treated as such by a special law) */
	HOLIDAY_SUBSTITUTE, /* 振替休日 (祝日法 第3条第2項) */
	HOLIDAY_CITIZENS,   /* 国民の休日 (祝日法 第3条第3項) */
};

struct holiday {
	int month, day;
	enum holiday_kind kind;
	const char *name; /* static Japanese name: "元日", "振替休日", "国民の休日", … */
};

/* Fills out[0..cap) with the holidays of year in date order and returns how many there are (at most
 * HOLIDAY_MAX_PER_YEAR); -1 when year lies outside HOLIDAY_YEAR_MIN..HOLIDAY_YEAR_MAX. */
int holiday_year(int year, struct holiday *out, int cap);

/* The kind of the date y-m-d (HOLIDAY_NONE for an ordinary day, an invalid date or a year out of
 * range); *name (when name is not NULL) gets the holiday's name or "". */
enum holiday_kind holiday_of(int y, int m, int d, const char **name);

/* Day of March of 春分の日 and of September of 秋分の日 (astronomical approximation); 0 outside 1900–2150. */
int holiday_vernal_equinox(int year);
int holiday_autumnal_equinox(int year);

/* ---- calendar arithmetic shared by the duty rules ---- */
/* Day of the week, 0 = Sunday … 6 = Saturday (proleptic Gregorian). */
int cal_weekday(int y, int m, int d);
/* Days since 1970-01-01 of y-m-d, and back. */
long cal_days(int y, int m, int d);
void cal_from_days(long days, int *y, int *m, int *d);
/* True when y-m-d is a valid date. */
bool cal_valid(int y, int m, int d);
/* Writes y-m-d as "YYYY-MM-DD" into out (years 0–9999). */
void cal_format(int y, int m, int d, char out[11]);
/* Parses "YYYY-MM-DD" (exactly); false when malformed or not a real date. */
bool cal_parse(const char *s, int *y, int *m, int *d);

#endif
