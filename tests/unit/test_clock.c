/* Unit tests of the one clock (core/clock): the JST calendar day, fiscal years, pinning. */
#include "core/clock.h"
#include "unit.h"

#include <pthread.h>
#include <stdlib.h>

static time_t at(const char *iso)
{
	time_t t = -1;
	CHECK(zt_parse_instant(iso, &t));
	return t;
}

/* The day is Asia/Tokyo's: 1 April 00:30 JST is 31 March 15:30 UTC, and is in the new 年度. */
static void test_jst_day_and_fiscal_year(void)
{
	char day[11], utc[21];
	zt_clock_set(at("2027-03-31T15:30:00Z"));
	zt_today_jst(day);
	CHECK_STR(day, "2027-04-01");
	CHECK(zt_fiscal_year() == 2027);
	zt_now_utc(utc);
	CHECK_STR(utc, "2027-03-31T15:30:00Z");

	zt_clock_set(at("2027-03-31T14:59:59Z")); /* 23:59:59 JST on 31 March: still 2026年度 */
	zt_today_jst(day);
	CHECK_STR(day, "2027-03-31");
	CHECK(zt_fiscal_year() == 2026);

	zt_clock_set(at("2026-12-31T15:00:00+00:00")); /* New Year's night, 00:00 JST */
	zt_today_jst(day);
	CHECK_STR(day, "2027-01-01");
	CHECK(zt_fiscal_year() == 2026);
	zt_clock_set(-1);
}

static void test_parse(void)
{
	time_t t;
	CHECK(zt_parse_instant("2027-04-01T00:30:00+09:00", &t));
	CHECK(t == at("2027-03-31T15:30:00Z"));
	CHECK(zt_parse_instant("0", &t) && t == 0);
	CHECK(!zt_parse_instant("2027-04-01", &t));
	CHECK(!zt_parse_instant("2027-13-01T00:00:00Z", &t));
	CHECK(!zt_parse_instant("", &t));
	CHECK(zt_fiscal_year_of("2027-03-31") == 2026);
	CHECK(zt_fiscal_year_of("2027-04-01") == 2027);
	CHECK(zt_fiscal_year_of("bad") == 0);
}

#ifdef ZT_TEST_HOOKS
enum { RACERS = 8 };
static pthread_barrier_t start_line;
static time_t seen[RACERS];

static void *first_reader(void *arg)
{
	time_t *out = arg;
	pthread_barrier_wait(&start_line);
	*out = zt_now();
	return NULL;
}

/* ZAITAKU_NOW is read once, lazily: threads that ask for the time at the same first moment (serve's
 * daily timer beside the first request) must all see the pinned instant, never the real clock. */
static void test_env_pin_seen_by_every_first_reader(void)
{
	setenv("ZAITAKU_NOW", "2029-06-01T03:00:00Z", 1);
	pthread_t th[RACERS];
	pthread_barrier_init(&start_line, NULL, RACERS);
	for (int i = 0; i < RACERS; i++)
		CHECK(pthread_create(&th[i], NULL, first_reader, &seen[i]) == 0);
	for (int i = 0; i < RACERS; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&start_line);
	for (int i = 0; i < RACERS; i++)
		CHECK(seen[i] == at("2029-06-01T03:00:00Z"));
	zt_clock_set(-1);
}
#endif

int main(void)
{
#ifdef ZT_TEST_HOOKS
	test_env_pin_seen_by_every_first_reader(); /* first: before anything reads the clock */
#endif
	test_jst_day_and_fiscal_year();
	test_parse();
	UNIT_DONE();
}
