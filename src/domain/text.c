/* UTF-8 checks and width folding (see text.h) for every user text and imported cell (issue 2 §6–§7). */
#include "domain/text.h"

#include <string.h>

/* Decodes one code point; returns its length or 0 when malformed. */
static size_t utf8_decode(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return *cp >= 0x80 ? 2 : 0;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
		return (*cp >= 0x800 && (*cp < 0xD800 || *cp > 0xDFFF)) ? 3 : 0;
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
		return (*cp >= 0x10000 && *cp <= 0x10FFFF) ? 4 : 0;
	}
	return 0;
}

/* Walks s as UTF-8; with controls false, C0 controls other than TAB/LF/CR and DEL also fail. */
static bool utf8_walk(const char *s, bool controls)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp;
		size_t n = utf8_decode(p, &cp);
		if (n == 0)
			return false;
		if (!controls && ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F))
			return false;
		p += n;
	}
	return true;
}

bool text_valid_utf8(const char *s)
{
	return utf8_walk(s, false);
}

bool text_is_utf8(const char *s)
{
	return utf8_walk(s, true);
}

size_t text_char_count(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			n++;
	return n;
}

void text_normalize_width(const char *s, char *out, size_t outsz)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	if (outsz == 0)
		return;
	while (*p && o + 1 < outsz) {
		unsigned cp;
		size_t n = utf8_decode(p, &cp);
		if (n == 0) { /* leave malformed bytes alone; validation reports them */
			out[o++] = (char)*p++;
			continue;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E) {
			out[o++] = (char)(cp - 0xFF01 + 0x21);
		} else if (cp == 0x3000) {
			out[o++] = ' ';
		} else {
			if (o + n >= outsz)
				break;
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
	}
	out[o] = '\0';
	/* trim */
	size_t start = 0;
	while (out[start] == ' ' || out[start] == '\t')
		start++;
	while (o > start && (out[o - 1] == ' ' || out[o - 1] == '\t' || out[o - 1] == '\r' || out[o - 1] == '\n'))
		out[--o] = '\0';
	if (start)
		memmove(out, out + start, o - start + 1);
}

int text_digits_only(const char *s, char *out, size_t outsz)
{
	size_t o = 0;
	for (; s && *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (o + 1 >= outsz)
				return -1;
			out[o++] = *s;
		}
	}
	if (outsz)
		out[o] = '\0';
	return (int)o;
}

bool text_is_digits(const char *s, size_t n)
{
	size_t len = 0;
	if (s == NULL || *s == '\0')
		return false;
	for (; *s; s++, len++)
		if (*s < '0' || *s > '9')
			return false;
	return n == 0 || len == n;
}
