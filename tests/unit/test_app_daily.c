/* Unit test of the daily timer's schedule (app/app_daily.c): the next run is at midnight in
 * Asia/Tokyo (JST, UTC+9), whatever the UTC date. */
#include "app/app_daily.h"
#include "core/clock.h"
#include "unit.h"

int main(void)
{
	time_t t;
	/* 2030-03-31 23:30 JST (14:30 UTC): half an hour to 1 April */
	CHECK(zt_parse_instant("2030-03-31T14:30:00Z", &t));
	CHECK(app_daily_seconds_to_midnight((long long)t) == 1800);
	/* exactly midnight JST (15:00 UTC): the next one is a full day away */
	CHECK(zt_parse_instant("2030-03-31T15:00:00Z", &t));
	CHECK(app_daily_seconds_to_midnight((long long)t) == 86400);
	/* 00:30 JST on 1 April, still 31 March in UTC */
	CHECK(zt_parse_instant("2030-03-31T15:30:00Z", &t));
	CHECK(app_daily_seconds_to_midnight((long long)t) == 86400 - 1800);
	/* 08:59:59 JST = 23:59:59 UTC the day before */
	CHECK(zt_parse_instant("2030-01-01T23:59:59Z", &t));
	CHECK(app_daily_seconds_to_midnight((long long)t) == 15 * 3600 + 1);
	UNIT_DONE();
}
