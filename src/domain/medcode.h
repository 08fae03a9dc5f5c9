/*
 * 医療機関コード (10 digits): prefecture (2) + 点数表 (1: 医科 1, 歯科 3, 薬局 4, 訪問看護 6)
 * + 郡市区 (2) + institution number (4) + check digit, the Luhn digit over the first nine
 * (DOMAIN.md; e.g. 0110113719). Bureau lists print only the last seven as "01,1371,9".
 */
#ifndef ZT_DOMAIN_MEDCODE_H
#define ZT_DOMAIN_MEDCODE_H

#include <stdbool.h>

/* Luhn check digit of nine digits. */
int medcode_check_digit(const char nine[9]);
/* True when code is 10 digits with a valid check digit and a known 点数表. */
bool medcode_valid(const char *code);
/*
 * Builds the 10-digit code from prefecture code ("08"), 点数表 digit and the bureau's 7-digit
 * number (any separators, full- or half-width). Returns 0 on success; -1 when the number is not
 * 7 digits, -2 when its check digit does not match.
 */
int medcode_from_bureau(const char *pref, char table, const char *number7, char out[11]);
/* 点数表 digit for the bureau's 区分 column (医科 → '1', 歯科 → '3', 薬局 → '4', 訪問看護 → '6'),
 * 0 when unknown. */
char medcode_table_for(const char *kubun);

#endif
