/*
 * The one clock of zaitaku. Every date or time the product takes — audit timestamps, "today" for
 * designations, agreements, certificates and fiscal years, night and holiday duties later — comes
 * from here, so that the whole system agrees on one "now" and on one calendar day: the day in
 * Asia/Tokyo (JST, UTC+9, no daylight saving), because that is the day users, 年度 and 和暦 live in.
 *
 * Tests can stand anywhere in time: zt_clock_set() pins the clock inside a process (unit tests),
 * and in test builds (compiled with -DZT_TEST_HOOKS, as `make check` does) the environment
 * variable ZAITAKU_NOW (an ISO instant such as 2027-03-31T15:30:00Z, or a Unix time) pins it for
 * the binary. Release builds ignore ZAITAKU_NOW.
 */
#ifndef ZT_CORE_CLOCK_H
#define ZT_CORE_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define ZT_JST_OFFSET (9 * 3600)

/* Seconds since the epoch (UTC), from the real clock unless pinned. */
time_t zt_now(void);

/* Pins the clock to t (t < 0 unpins). For tests; not thread-safe against concurrent readers. */
void zt_clock_set(time_t t);

/* "YYYY-MM-DDTHH:MM:SSZ" of t in UTC (the form of every stored timestamp). */
void zt_format_utc(time_t t, char out[21]);
/* The current instant in that form. */
void zt_now_utc(char out[21]);

/* "YYYY-MM-DD" of the JST calendar day that contains instant t. */
void zt_date_jst(time_t t, char out[11]);
/* Today in Asia/Tokyo. */
void zt_today_jst(char out[11]);

/* The Japanese fiscal year (年度, April–March) of a "YYYY-MM-DD" date; 0 when date is malformed. */
int zt_fiscal_year_of(const char *date);
/* The fiscal year of today in Asia/Tokyo. */
int zt_fiscal_year(void);

/* Parses an ISO instant "YYYY-MM-DDTHH:MM:SSZ" (or "…+09:00") or decimal Unix seconds; false if not. */
bool zt_parse_instant(const char *s, time_t *out);

#endif
