/* Unit tests of the one clock (core/clock): the JST calendar day, fiscal years, pinning. */
#include "core/clock.h"
#include "unit.h"

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

int main(void)
{
	test_jst_day_and_fiscal_year();
	test_parse();
	UNIT_DONE();
}
