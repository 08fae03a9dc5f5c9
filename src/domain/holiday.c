/* Japanese public holidays by rule (issue 14 §3; 国民の祝日に関する法律 and its amendments; see holiday.h). */
#include "domain/holiday.h"

#include <stdio.h>
#include <string.h>

/* ---- calendar arithmetic ---- */

bool cal_valid(int y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Howard Hinnant's days_from_civil. */
long cal_days(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void cal_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int cal_weekday(int y, int m, int d)
{
	long z = cal_days(y, m, d); /* 1970-01-01 was a Thursday (4) */
	return (int)(((z % 7) + 7 + 4) % 7);
}

void cal_format(int y, int m, int d, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

bool cal_parse(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int mm = (s[5] - '0') * 10 + (s[6] - '0'), dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (!cal_valid(yy, mm, dd))
		return false;
	*y = yy, *m = mm, *d = dd;
	return true;
}

/* ---- equinoxes ---- */

/* 春分日・秋分日 by the usual approximation of the 国立天文台 ephemeris (valid 1900–2150):
 * day = int(base + 0.242194 × (Y − 1980) − int((Y − ref) / 4)), int() truncating toward zero. */
static int equinox(int year, const double base[3])
{
	if (year < 1900 || year > 2150)
		return 0;
	int i = year <= 1979 ? 0 : year <= 2099 ? 1 : 2;
	int ref = year <= 1979 ? 1983 : 1980;
	return (int)(base[i] + 0.242194 * (year - 1980) - (double)((year - ref) / 4));
}

int holiday_vernal_equinox(int year)
{
	static const double base[3] = {20.8357, 20.8431, 21.8510};
	return equinox(year, base);
}

int holiday_autumnal_equinox(int year)
{
	static const double base[3] = {23.2588, 23.2488, 24.2488};
	return equinox(year, base);
}

/* ---- the holidays of one year ---- */

/* The n-th Monday of month m (Happy Monday: 成人の日, 海の日, 敬老の日, 体育の日/スポーツの日). */
static int nth_monday(int y, int m, int n)
{
	int first = 1 + (8 - cal_weekday(y, m, 1)) % 7; /* first Monday */
	return first + 7 * (n - 1);
}

struct day_mark {
	enum holiday_kind kind;
	const char *name;
};

static void mark(struct day_mark *marks, int y, int m, int d, const char *name)
{
	long i = cal_days(y, m, d) - cal_days(y, 1, 1);
	marks[i].kind = HOLIDAY_NATIONAL;
	marks[i].name = name;
}

/* 国民の祝日 (祝日法 第2条, as amended) and the days special laws treat as 国民の祝日. */
static void national(int y, struct day_mark *k)
{
	mark(k, y, 1, 1, "元日");
	mark(k, y, 1, y <= 1999 ? 15 : nth_monday(y, 1, 2), "成人の日");
	if (y >= 1967)
		mark(k, y, 2, 11, "建国記念の日");
	mark(k, y, 3, holiday_vernal_equinox(y), "春分の日");
	if (y <= 1988)
		mark(k, y, 4, 29, "天皇誕生日");
	else if (y <= 2006)
		mark(k, y, 4, 29, "みどりの日");
	else
		mark(k, y, 4, 29, "昭和の日");
	if (y >= 1989 && y <= 2018)
		mark(k, y, 12, 23, "天皇誕生日");
	else if (y >= 2020)
		mark(k, y, 2, 23, "天皇誕生日");
	mark(k, y, 5, 3, "憲法記念日");
	if (y >= 2007)
		mark(k, y, 5, 4, "みどりの日");
	mark(k, y, 5, 5, "こどもの日");
	/* 海の日: 7/20 from 1996, third Monday of July from 2003; moved for the Tokyo Olympics. */
	if (y == 2020)
		mark(k, y, 7, 23, "海の日");
	else if (y == 2021)
		mark(k, y, 7, 22, "海の日");
	else if (y >= 2003)
		mark(k, y, 7, nth_monday(y, 7, 3), "海の日");
	else if (y >= 1996)
		mark(k, y, 7, 20, "海の日");
	/* 山の日: 8/11 from 2016; moved for the Tokyo Olympics. */
	if (y == 2020)
		mark(k, y, 8, 10, "山の日");
	else if (y == 2021)
		mark(k, y, 8, 8, "山の日");
	else if (y >= 2016)
		mark(k, y, 8, 11, "山の日");
	/* 敬老の日: 9/15 from 1966, third Monday of September from 2003. */
	if (y >= 2003)
		mark(k, y, 9, nth_monday(y, 9, 3), "敬老の日");
	else if (y >= 1966)
		mark(k, y, 9, 15, "敬老の日");
	mark(k, y, 9, holiday_autumnal_equinox(y), "秋分の日");
	/* 体育の日: 10/10 from 1966, second Monday of October from 2000; スポーツの日 from 2020. */
	if (y == 2020)
		mark(k, y, 7, 24, "スポーツの日");
	else if (y == 2021)
		mark(k, y, 7, 23, "スポーツの日");
	else if (y >= 2022)
		mark(k, y, 10, nth_monday(y, 10, 2), "スポーツの日");
	else if (y >= 2000)
		mark(k, y, 10, nth_monday(y, 10, 2), "体育の日");
	else if (y >= 1966)
		mark(k, y, 10, 10, "体育の日");
	mark(k, y, 11, 3, "文化の日");
	mark(k, y, 11, 23, "勤労感謝の日");
	/* One-off days by special laws (each "国民の祝日として扱う" or 休日 for that day). */
	static const struct {
		int y, m, d;
		const char *name;
	} once[] = {
		{1959, 4, 10, "皇太子明仁親王の結婚の儀"},
		{1989, 2, 24, "昭和天皇の大喪の礼"},
		{1990, 11, 12, "即位礼正殿の儀"},
		{1993, 6, 9, "皇太子徳仁親王の結婚の儀"},
		{2019, 5, 1, "天皇の即位の日"},
		{2019, 10, 22, "即位礼正殿の儀の行われる日"},
	};
	for (size_t i = 0; i < sizeof once / sizeof once[0]; i++)
		if (once[i].y == y)
			mark(k, y, once[i].m, once[i].d, once[i].name);
}

/* Fills marks[0..366) for year y (index = day of the year − 1). */
static void year_marks(int y, struct day_mark *k, int ndays)
{
	memset(k, 0, sizeof(*k) * (size_t)ndays);
	national(y, k);
	long jan1 = cal_days(y, 1, 1);
	/* 振替休日 (第3条第2項): from 1973-04-12, a 祝日 on a Sunday makes the next day a holiday; from
	 * 2007, "その日後においてその日に最も近い「国民の祝日」でない日". */
	long since = cal_days(1973, 4, 12) - jan1;
	for (int i = 0; i < ndays; i++) {
		if (k[i].kind != HOLIDAY_NATIONAL || i < since || ((cal_weekday(y, 1, 1) + i) % 7) != 0)
			continue;
		int j = i + 1;
		if (y >= 2007)
			while (j < ndays && k[j].kind == HOLIDAY_NATIONAL)
				j++;
		if (j < ndays && k[j].kind == HOLIDAY_NONE) {
			k[j].kind = HOLIDAY_SUBSTITUTE;
			k[j].name = "振替休日";
		}
	}
	/* 国民の休日 (第3条第3項, from 1985-12-27): a day whose previous and next days are 国民の祝日;
	 * until 2006 not on a Sunday nor on a 振替休日, from 2007 any day that is not a 祝日. */
	if (y < 1986)
		return;
	for (int i = 1; i + 1 < ndays; i++) {
		if (k[i - 1].kind != HOLIDAY_NATIONAL || k[i + 1].kind != HOLIDAY_NATIONAL || k[i].kind != HOLIDAY_NONE)
			continue;
		if (y < 2007 && ((cal_weekday(y, 1, 1) + i) % 7) == 0)
			continue;
		k[i].kind = HOLIDAY_CITIZENS;
		k[i].name = "国民の休日";
	}
}

static int year_days(int y) { return (int)(cal_days(y + 1, 1, 1) - cal_days(y, 1, 1)); }

int holiday_year(int year, struct holiday *out, int cap)
{
	if (year < HOLIDAY_YEAR_MIN || year > HOLIDAY_YEAR_MAX)
		return -1;
	struct day_mark k[366];
	int nd = year_days(year), n = 0;
	year_marks(year, k, nd);
	long jan1 = cal_days(year, 1, 1);
	for (int i = 0; i < nd; i++) {
		if (k[i].kind == HOLIDAY_NONE)
			continue;
		if (n < cap) {
			int y, m, d;
			cal_from_days(jan1 + i, &y, &m, &d);
			out[n] = (struct holiday){m, d, k[i].kind, k[i].name};
		}
		n++;
	}
	return n;
}

enum holiday_kind holiday_of(int y, int m, int d, const char **name)
{
	if (name)
		*name = "";
	if (!cal_valid(y, m, d) || y < HOLIDAY_YEAR_MIN || y > HOLIDAY_YEAR_MAX)
		return HOLIDAY_NONE;
	struct day_mark k[366];
	year_marks(y, k, year_days(y));
	long i = cal_days(y, m, d) - cal_days(y, 1, 1);
	if (name && k[i].name)
		*name = k[i].name;
	return k[i].kind;
}
