/* Japanese public holidays by rule (domain/holiday.c) and the duty calendar of a group
 * (domain/duty.c), issue 14 §3. The full list 1970–2050 is compared with @holiday-jp/holiday_jp in
 * tests/api/holidays.test.mjs; here each rule of the 祝日法 is checked on the year it changed.
 * Links libzaitaku-core.a alone. */
#include "domain/duty.h"
#include "domain/holiday.h"
#include "unit.h"

static int is(int y, int m, int d, enum holiday_kind k, const char *name)
{
	const char *n = NULL;
	enum holiday_kind got = holiday_of(y, m, d, &n);
	if (got != k || (name && strcmp(n, name) != 0)) {
		fprintf(stderr, "%04d-%02d-%02d: kind %d \"%s\", expected %d \"%s\"\n", y, m, d, got, n, k, name ? name : "");
		return 0;
	}
	return 1;
}

int main(void)
{
	/* calendar arithmetic */
	CHECK(cal_weekday(1970, 1, 1) == 4 && cal_weekday(2027, 1, 1) == 5 && cal_weekday(2000, 2, 29) == 2);
	int y, m, d;
	cal_from_days(cal_days(2024, 2, 29) + 1, &y, &m, &d);
	CHECK(y == 2024 && m == 3 && d == 1);
	CHECK(cal_parse("2027-01-01", &y, &m, &d) && y == 2027 && m == 1 && d == 1);
	CHECK(!cal_parse("2027-02-29", &y, &m, &d) && !cal_parse("2027-1-01", &y, &m, &d) && !cal_parse(NULL, &y, &m, &d));

	/* 祝日法 第2条「春分の日 春分日」「秋分の日 秋分日」: the astronomical approximation. */
	CHECK(holiday_vernal_equinox(2024) == 20 && holiday_autumnal_equinox(2024) == 22);
	CHECK(holiday_vernal_equinox(1979) == 21 && holiday_autumnal_equinox(2012) == 22);
	CHECK(holiday_vernal_equinox(2099) == 20 && holiday_vernal_equinox(1899) == 0);

	/* 「成人の日 一月の第二月曜日」(2000-); 1月15日 before. */
	CHECK(is(1999, 1, 15, HOLIDAY_NATIONAL, "成人の日") && is(2000, 1, 10, HOLIDAY_NATIONAL, "成人の日"));
	/* 天皇誕生日: 4/29 (–1988), 12/23 (1989–2018), none in 2019, 2/23 (2020–). */
	CHECK(is(1988, 4, 29, HOLIDAY_NATIONAL, "天皇誕生日") && is(2018, 12, 23, HOLIDAY_NATIONAL, "天皇誕生日"));
	CHECK(is(2019, 12, 23, HOLIDAY_NONE, "") && is(2019, 2, 23, HOLIDAY_NONE, "") && is(2020, 2, 23, HOLIDAY_NATIONAL, "天皇誕生日"));
	/* 「昭和の日 四月二十九日」「みどりの日 五月四日」(2007-). */
	CHECK(is(2006, 4, 29, HOLIDAY_NATIONAL, "みどりの日") && is(2007, 4, 29, HOLIDAY_NATIONAL, "昭和の日"));
	CHECK(is(2007, 5, 4, HOLIDAY_NATIONAL, "みどりの日"));
	/* 「海の日 七月の第三月曜日」(2003-), 山の日 (2016-), the Olympic years 2020 and 2021. */
	CHECK(is(2002, 7, 20, HOLIDAY_NATIONAL, "海の日") && is(2003, 7, 21, HOLIDAY_NATIONAL, "海の日"));
	CHECK(is(2015, 8, 11, HOLIDAY_NONE, "") && is(2016, 8, 11, HOLIDAY_NATIONAL, "山の日"));
	CHECK(is(2020, 7, 23, HOLIDAY_NATIONAL, "海の日") && is(2020, 7, 24, HOLIDAY_NATIONAL, "スポーツの日"));
	CHECK(is(2020, 8, 10, HOLIDAY_NATIONAL, "山の日") && is(2020, 10, 12, HOLIDAY_NONE, ""));
	CHECK(is(2021, 8, 8, HOLIDAY_NATIONAL, "山の日") && is(2021, 8, 9, HOLIDAY_SUBSTITUTE, "振替休日"));
	CHECK(is(2021, 10, 11, HOLIDAY_NONE, "") && is(2022, 10, 10, HOLIDAY_NATIONAL, "スポーツの日"));
	/* The special laws: 大喪の礼 1989, 即位礼正殿の儀 1990, 結婚の儀 1993, 2019's 即位の日 and 即位礼. */
	CHECK(is(1989, 2, 24, HOLIDAY_NATIONAL, NULL) && is(1990, 11, 12, HOLIDAY_NATIONAL, NULL));
	CHECK(is(1993, 6, 9, HOLIDAY_NATIONAL, NULL) && is(2019, 5, 1, HOLIDAY_NATIONAL, "天皇の即位の日"));
	CHECK(is(2019, 10, 22, HOLIDAY_NATIONAL, "即位礼正殿の儀の行われる日"));

	/* 第3条第2項「「国民の祝日」が日曜日に当たるときは、その日後においてその日に最も近い「国民の祝日」
	 * でない日を休日とする」(2007-); before 2007 the next day; none before 1973-04-12. */
	CHECK(is(1973, 2, 12, HOLIDAY_NONE, "") && is(1973, 4, 30, HOLIDAY_SUBSTITUTE, "振替休日"));
	CHECK(is(2008, 5, 6, HOLIDAY_SUBSTITUTE, "振替休日")); /* 5/4 Sunday → 5/6 (2007 rule) */
	CHECK(is(2015, 5, 6, HOLIDAY_SUBSTITUTE, "振替休日")); /* 5/3 Sunday → 5/6 */
	CHECK(is(1998, 5, 4, HOLIDAY_SUBSTITUTE, "振替休日")); /* 5/3 Sunday → 5/4 (old rule) */
	/* 第3条第3項「その前日及び翌日が「国民の祝日」である日（「国民の祝日」でない日に限る。）は、休日とする」. */
	CHECK(is(1988, 5, 4, HOLIDAY_CITIZENS, "国民の休日") && is(1985, 5, 4, HOLIDAY_NONE, ""));
	CHECK(is(1997, 5, 4, HOLIDAY_NONE, "")); /* a Sunday, excluded until 2006 */
	CHECK(is(2009, 9, 22, HOLIDAY_CITIZENS, "国民の休日") && is(2026, 9, 22, HOLIDAY_CITIZENS, "国民の休日"));
	CHECK(is(2019, 4, 30, HOLIDAY_CITIZENS, "国民の休日") && is(2019, 5, 2, HOLIDAY_CITIZENS, "国民の休日"));
	CHECK(is(2027, 1, 1, HOLIDAY_NATIONAL, "元日") && is(2027, 1, 2, HOLIDAY_NONE, ""));

	struct holiday hs[HOLIDAY_MAX_PER_YEAR];
	CHECK(holiday_year(2019, hs, HOLIDAY_MAX_PER_YEAR) == 22 && hs[5].month == 4 && hs[5].day == 30);
	CHECK(holiday_year(1948, hs, HOLIDAY_MAX_PER_YEAR) == -1 && holiday_year(2151, hs, 1) == -1);
	CHECK(holiday_year(2150, hs, HOLIDAY_MAX_PER_YEAR) > 14 && holiday_year(1949, hs, HOLIDAY_MAX_PER_YEAR) == 9);
	for (int yy = HOLIDAY_YEAR_MIN; yy <= HOLIDAY_YEAR_MAX; yy++) {
		int n = holiday_year(yy, hs, HOLIDAY_MAX_PER_YEAR);
		CHECK(n >= 9 && n <= HOLIDAY_MAX_PER_YEAR);
	}
	CHECK(holiday_of(2027, 2, 30, NULL) == HOLIDAY_NONE);

	/* The group's own holidays: 年末年始 12/29–1/3 (issue 14 §3), and the duty types of a date. */
	struct duty_hours h = DUTY_HOURS_DEFAULT;
	const char *why;
	CHECK(duty_is_nenmatsu(12, 29) && duty_is_nenmatsu(1, 3) && !duty_is_nenmatsu(12, 28) && !duty_is_nenmatsu(1, 4));
	CHECK(duty_day_kind(2026, 12, 29, &h, &why) == DAY_NENMATSU && strcmp(why, "年末年始") == 0);
	CHECK(duty_day_kind(2027, 1, 11, &h, &why) == DAY_HOLIDAY && strcmp(why, "成人の日") == 0);
	CHECK(duty_day_kind(2027, 1, 10, &h, &why) == DAY_HOLIDAY && strcmp(why, "日曜日") == 0);
	CHECK(duty_day_kind(2027, 1, 9, &h, &why) == DAY_WORKING);
	h.saturday_holiday = true;
	CHECK(duty_day_kind(2027, 1, 9, &h, &why) == DAY_HOLIDAY && strcmp(why, "土曜日") == 0);
	h.saturday_holiday = false;
	enum duty_type t[2];
	CHECK(duty_types_of_date(2027, 1, 12, &h, t) == 1 && t[0] == DUTY_WEEKDAY_NIGHT);
	CHECK(duty_types_of_date(2027, 1, 11, &h, t) == 2 && t[0] == DUTY_HOLIDAY_DAY && t[1] == DUTY_HOLIDAY_NIGHT);
	CHECK(duty_types_of_date(2027, 1, 1, &h, t) == 2 && t[0] == DUTY_NENMATSU_DAY && t[1] == DUTY_NENMATSU_NIGHT);
	CHECK(duty_type_lookup("holiday_night") == DUTY_HOLIDAY_NIGHT && duty_type_lookup("x") == -1);

	/* The slot of a moment: 10:00 on a weekday is the 主治医's hours; 02:00 belongs to the night of the
	 * previous date; 02:00 on 1 January to the 年末年始 night of 31 December. */
	struct duty_slot s;
	duty_slot_at(2027, 1, 13, 600, &h, &s);
	CHECK(s.type == -1 && s.d == 13 && s.kind == DAY_WORKING);
	duty_slot_at(2027, 1, 13, 120, &h, &s);
	CHECK(s.type == DUTY_WEEKDAY_NIGHT && s.d == 12);
	duty_slot_at(2027, 1, 1, 120, &h, &s);
	CHECK(s.type == DUTY_NENMATSU_NIGHT && s.y == 2026 && s.m == 12 && s.d == 31);
	duty_slot_at(2027, 1, 11, 1080, &h, &s);
	CHECK(s.type == DUTY_HOLIDAY_NIGHT && s.d == 11);
	duty_slot_at(2027, 1, 11, 1079, &h, &s);
	CHECK(s.type == DUTY_HOLIDAY_DAY);
	duty_slot_at(2027, 1, 12, 300, &h, &s); /* the night after 成人の日 is a 休日夜間 */
	CHECK(s.type == DUTY_HOLIDAY_NIGHT && s.d == 11);
	struct duty_hours h8 = {480, 1020, false, 12}; /* a group whose day is 08:00–17:00 */
	duty_slot_at(2027, 1, 13, 500, &h8, &s);
	CHECK(s.type == -1);
	duty_slot_at(2027, 1, 13, 1030, &h8, &s);
	CHECK(s.type == DUTY_WEEKDAY_NIGHT && s.d == 13);

	struct zt_error e;
	CHECK(duty_hours_check(&h, &e) == ZT_OK);
	struct duty_hours bad = {1080, 540, false, 12};
	CHECK(duty_hours_check(&bad, &e) == ZT_ERR_INVALID && strcmp(e.field, "day_end") == 0);
	CHECK(duty_parse_hhmm("09:00") == 540 && duty_parse_hhmm("24:00") == 1440 && duty_parse_hhmm("24:01") == -1);
	CHECK(duty_parse_hhmm("9:00") == -1 && duty_parse_hhmm("09:60") == -1 && duty_parse_hhmm(NULL) == -1);
	UNIT_DONE();
}
