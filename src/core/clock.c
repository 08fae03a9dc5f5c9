/* The one clock (see clock.h): real time unless pinned by a test; the calendar day is Asia/Tokyo. */
#include "core/clock.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Pinned instant, or -1 when the real clock is used. */
static _Atomic long long pinned = -1;

#ifdef ZT_TEST_HOOKS
static pthread_once_t pin_once = PTHREAD_ONCE_INIT;

static void pin_read_env(void)
{
	const char *s = getenv("ZAITAKU_NOW");
	time_t t;
	if (s && *s && zt_parse_instant(s, &t))
		atomic_store(&pinned, (long long)t);
}

/* Every thread waits for the one reading of ZAITAKU_NOW: a flag set before the store let a second
 * thread (serve's daily timer beside the first request) read the real clock in between. */
static void pin_from_env(void)
{
	pthread_once(&pin_once, pin_read_env);
}
#endif

time_t zt_now(void)
{
#ifdef ZT_TEST_HOOKS
	pin_from_env();
#endif
	long long p = atomic_load(&pinned);
	return p >= 0 ? (time_t)p : time(NULL);
}

void zt_clock_set(time_t t)
{
#ifdef ZT_TEST_HOOKS
	pin_from_env(); /* read ZAITAKU_NOW now, so that it never overrides this pin later */
#endif
	atomic_store(&pinned, t < 0 ? -1LL : (long long)t);
}

void zt_format_utc(time_t t, char out[21])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void zt_now_utc(char out[21])
{
	zt_format_utc(zt_now(), out);
}

void zt_date_jst(time_t t, char out[11])
{
	time_t local = t + ZT_JST_OFFSET;
	struct tm tm;
	gmtime_r(&local, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void zt_today_jst(char out[11])
{
	zt_date_jst(zt_now(), out);
}

int zt_fiscal_year_of(const char *date)
{
	int y, m, d;
	if (date == NULL || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
		return 0;
	return m >= 4 ? y : y - 1;
}

int zt_fiscal_year(void)
{
	char today[11];
	zt_today_jst(today);
	return zt_fiscal_year_of(today);
}

bool zt_parse_instant(const char *s, time_t *out)
{
	if (s == NULL || *s == '\0')
		return false;
	char *end;
	long long n = strtoll(s, &end, 10);
	if (*end == '\0' && n >= 0) {
		*out = (time_t)n;
		return true;
	}
	struct tm tm = {0};
	int used = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec, &used) != 6)
		return false;
	const char *zone = s + used;
	long offset;
	if (strcmp(zone, "Z") == 0)
		offset = 0;
	else if ((zone[0] == '+' || zone[0] == '-') && strlen(zone) == 6 && zone[3] == ':') {
		int hh, mm;
		if (sscanf(zone + 1, "%2d:%2d", &hh, &mm) != 2)
			return false;
		offset = (hh * 3600L + mm * 60L) * (zone[0] == '-' ? -1 : 1);
	} else
		return false;
	if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
	    tm.tm_sec > 60)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm) - offset;
	return true;
}
