/* 医療機関コード rules (see medcode.h): Luhn check digit, 点数表, the bureau's 7-digit form (issue 2 §6). */
#include "domain/medcode.h"

#include <string.h>

#include "domain/text.h"

int medcode_check_digit(const char nine[9])
{
	int sum = 0;
	/* Luhn: from the rightmost digit, double every other digit starting with the rightmost. */
	for (int i = 8, pos = 0; i >= 0; i--, pos++) {
		int d = nine[i] - '0';
		if (pos % 2 == 0) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return (10 - sum % 10) % 10;
}

bool medcode_valid(const char *code)
{
	if (!text_is_digits(code, 10))
		return false;
	if (strchr("1346", code[2]) == NULL)
		return false;
	int pref = (code[0] - '0') * 10 + (code[1] - '0');
	if (pref < 1 || pref > 47)
		return false;
	return medcode_check_digit(code) == code[9] - '0';
}

int medcode_from_bureau(const char *pref, char table, const char *number7, char out[11])
{
	char norm[64], digits[16];
	text_normalize_width(number7, norm, sizeof norm);
	if (text_digits_only(norm, digits, sizeof digits) != 7)
		return -1;
	out[0] = pref[0];
	out[1] = pref[1];
	out[2] = table;
	memcpy(out + 3, digits, 7);
	out[10] = '\0';
	if (medcode_check_digit(out) != out[9] - '0')
		return -2;
	return 0;
}

char medcode_table_for(const char *kubun)
{
	if (kubun == NULL)
		return 0;
	if (strstr(kubun, "医科"))
		return '1';
	if (strstr(kubun, "歯科"))
		return '3';
	if (strstr(kubun, "薬局") || strstr(kubun, "調剤"))
		return '4';
	if (strstr(kubun, "訪問看護"))
		return '6';
	return 0;
}
