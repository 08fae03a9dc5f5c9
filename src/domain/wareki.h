/*
 * 和暦 (Japanese era) dates as officials write them, and Japanese fiscal years (April–March).
 * Eras: 明治 M (1868), 大正 T (1912), 昭和 S (1926), 平成 H (1989), 令和 R (2019).
 */
#ifndef ZT_DOMAIN_WAREKI_H
#define ZT_DOMAIN_WAREKI_H

#include <stddef.h>

/*
 * Parses a date written as 令和6年4月1日, 令和 6年 4月 1日, 令和元年5月1日, R6.4.1, R06.04.01,
 * H30/4/1, 2024-04-01, 2024/4/1 or 20240401 (full-width digits too) into ISO "YYYY-MM-DD".
 * Returns 0 on success, -1 when not a valid date.
 */
int wareki_parse(const char *s, char out[11]);
/* Formats ISO "YYYY-MM-DD" as "令和6年4月1日" (元年 for year 1). Returns 0, or -1 if invalid. */
int wareki_format(const char *iso, char *out, size_t outsz);
/* Japanese fiscal year (年度) of an ISO date: 2025-03-31 → 2024, 2025-04-01 → 2025. -1 if invalid. */
int fiscal_year_of(const char *iso);
/* True when y-m-d is a real calendar date. */
int date_valid(int y, int m, int d);

#endif
