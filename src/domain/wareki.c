/* 和暦 parsing/formatting and fiscal years (年度) (see wareki.h): the bureau lists' 算定開始年月日
 * (issue 2 §6) and the yearly initiatives of seed 000 内規. */
#include "domain/wareki.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/text.h"

static const struct era {
	const char *kanji, *letter;
	int start_year, start_month, start_day;
} eras[] = {
	{"令和", "R", 2019, 5, 1},
	{"平成", "H", 1989, 1, 8},
	{"昭和", "S", 1926, 12, 25},
	{"大正", "T", 1912, 7, 30},
	{"明治", "M", 1868, 1, 25},
};

int date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1868 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Reads up to three numbers separated by anything not a digit; "元" counts as 1. */
static int read_numbers(const char *s, int nums[3])
{
	int n = 0;
	while (*s && n < 3) {
		if (strncmp(s, "元", strlen("元")) == 0) {
			nums[n++] = 1;
			s += strlen("元");
			continue;
		}
		if (*s >= '0' && *s <= '9') {
			char *end;
			long v = strtol(s, &end, 10);
			if (v > 99999)
				return -1;
			nums[n++] = (int)v;
			s = end;
			continue;
		}
		s++;
	}
	return n;
}

int wareki_parse(const char *input, char out[11])
{
	char s[96];
	text_normalize_width(input, s, sizeof s);
	if (s[0] == '\0')
		return -1;
	const char *p = s;
	int base = 0;
	for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++) {
		size_t kl = strlen(eras[i].kanji);
		if (strncmp(p, eras[i].kanji, kl) == 0) {
			base = eras[i].start_year - 1;
			p += kl;
			break;
		}
		if ((p[0] == eras[i].letter[0] || p[0] == eras[i].letter[0] + 32) && p[1] >= '0' && p[1] <= '9') {
			base = eras[i].start_year - 1;
			p += 1;
			break;
		}
	}
	int nums[3] = {0, 0, 0};
	int y, m, d;
	if (base == 0 && text_is_digits(p, 8)) {
		y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
		m = (p[4] - '0') * 10 + (p[5] - '0');
		d = (p[6] - '0') * 10 + (p[7] - '0');
	} else {
		for (const char *q = p; *q; q++) /* only digits, separators and the 年月日 suffixes */
			if (!((*q >= '0' && *q <= '9') || strchr("-/. ", *q) || (unsigned char)*q >= 0x80))
				return -1;
		if (read_numbers(p, nums) != 3)
			return -1;
		y = base ? base + nums[0] : nums[0];
		m = nums[1];
		d = nums[2];
		if (base && nums[0] < 1)
			return -1;
	}
	if (!date_valid(y, m, d))
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

int wareki_format(const char *iso, char *out, size_t outsz)
{
	int y, m, d;
	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !date_valid(y, m, d))
		return -1;
	for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++) {
		const struct era *e = &eras[i];
		long key = (long)y * 10000 + m * 100 + d;
		long start = (long)e->start_year * 10000 + e->start_month * 100 + e->start_day;
		if (key >= start) {
			int ey = y - e->start_year + 1;
			if (ey == 1)
				snprintf(out, outsz, "%s元年%d月%d日", e->kanji, m, d);
			else
				snprintf(out, outsz, "%s%d年%d月%d日", e->kanji, ey, m, d);
			return 0;
		}
	}
	return -1;
}

int fiscal_year_of(const char *iso)
{
	int y, m, d;
	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !date_valid(y, m, d))
		return -1;
	return m >= 4 ? y : y - 1;
}
