/* Pure rules of the audit trail (issue 3 §3): secret keys never logged, time bounds (see audit.h). */
#include "domain/audit.h"

#include <stdio.h>
#include <string.h>

static bool contains_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);
	for (; *s; s++) {
		size_t i = 0;
		while (i < n && s[i] && (s[i] | 0x20) == needle[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

bool audit_key_is_secret(const char *key)
{
	static const char *const secrets[] = {"password", "token", "totp", "secret"};
	for (size_t i = 0; key && i < sizeof secrets / sizeof secrets[0]; i++)
		if (contains_ci(key, secrets[i]))
			return true;
	return false;
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool audit_bound_parse(const char *s, bool is_upper, char out[21])
{
	if (s == NULL)
		return false;
	size_t len = strlen(s);
	if ((len != 10 && len != 20) || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2))
		return false;
	int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	if (len == 10) {
		snprintf(out, 21, "%.10sT%s", s, is_upper ? "23:59:59Z" : "00:00:00Z");
		return true;
	}
	if (s[10] != 'T' || !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' ||
	    !digits(s + 17, 2) || s[19] != 'Z' || num(s + 11, 2) > 23 || num(s + 14, 2) > 59 || num(s + 17, 2) > 60)
		return false;
	memcpy(out, s, 20);
	out[20] = '\0';
	return true;
}

bool audit_word_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

size_t audit_checkpoint_message(const struct audit_checkpoint *c, char *out, size_t n)
{
	int k = snprintf(out, n, "zaitaku-audit-checkpoint-v1\nrows %lld\nhead %s\nat %s\n", c->rows, c->head_hash, c->at);
	return k < 0 ? 0 : (size_t)k < n ? (size_t)k : n - 1;
}

static bool hex_of(const char *s, size_t len)
{
	size_t i = 0;
	for (; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == len;
}

bool audit_checkpoint_well_formed(const struct audit_checkpoint *c)
{
	char b[21];
	return c->rows > 0 && hex_of(c->head_hash, 64) && hex_of(c->public_key, 64) && hex_of(c->signature, 128) &&
	       strlen(c->at) == 20 && audit_bound_parse(c->at, false, b);
}
