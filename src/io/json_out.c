/* One-pass JSON writer (see json_out.h). */
#include "io/json_out.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/text.h"

static void reserve(struct json_out *o, size_t more)
{
	if (o->len + more + 1 <= o->cap)
		return;
	size_t cap = o->cap ? o->cap : 256;
	while (cap < o->len + more + 1)
		cap *= 2;
	char *b = realloc(o->buf, cap);
	if (b == NULL)
		abort();
	o->buf = b;
	o->cap = cap;
}

static void put(struct json_out *o, const char *s, size_t n)
{
	reserve(o, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void putc1(struct json_out *o, char c)
{
	reserve(o, 1);
	o->buf[o->len++] = c;
	o->buf[o->len] = '\0';
}

/* Before a value: the separator of the previous sibling. */
static void sep(struct json_out *o)
{
	if (o->comma)
		putc1(o, ',');
	o->comma = true;
}

void json_out_init(struct json_out *o, size_t hint)
{
	*o = (struct json_out){0};
	reserve(o, hint);
	o->buf[0] = '\0';
}

char *json_out_take(struct json_out *o, size_t *len)
{
	char *b = o->buf;
	*len = o->len;
	*o = (struct json_out){0};
	return b;
}

void json_out_free(struct json_out *o)
{
	free(o->buf);
	*o = (struct json_out){0};
}

void json_out_open(struct json_out *o, char brace)
{
	sep(o);
	putc1(o, brace);
	o->comma = false;
}

void json_out_close(struct json_out *o, char brace)
{
	putc1(o, brace);
	o->comma = true;
}

/* The quoted, escaped form of s as jansson writes it (no escaped slash, UTF-8 kept as is). */
static void quoted_slow(struct json_out *o, const char *s, bool valid)
{
	putc1(o, '"');
	const char *run = s;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned c = *p;
		if (c >= 0x20 && c != '"' && c != '\\' && (c < 0x80 || valid))
			continue;
		put(o, run, (size_t)((const char *)p - run));
		run = (const char *)p + 1;
		char esc[8];
		switch (c) {
		case '"': put(o, "\\\"", 2); break;
		case '\\': put(o, "\\\\", 2); break;
		case '\b': put(o, "\\b", 2); break;
		case '\f': put(o, "\\f", 2); break;
		case '\n': put(o, "\\n", 2); break;
		case '\r': put(o, "\\r", 2); break;
		case '\t': put(o, "\\t", 2); break;
		default:
			if (c >= 0x80) /* invalid UTF-8 only */
				put(o, "\xef\xbf\xbd", 3);
			else
				put(o, esc, (size_t)snprintf(esc, sizeof esc, "\\u%04X", c));
		}
	}
	put(o, run, strlen(run));
	putc1(o, '"');
}

/* The common case first: nothing to escape and well-formed UTF-8 is copied in one piece. */
static void quoted(struct json_out *o, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned high = 0;
	for (; *p; p++) {
		if (*p < 0x20 || *p == '"' || *p == '\\')
			break;
		high |= *p;
	}
	if (*p || (high >= 0x80 && !text_is_utf8(s))) {
		quoted_slow(o, s, text_is_utf8(s));
		return;
	}
	size_t n = (size_t)((const char *)p - s);
	reserve(o, n + 2);
	char *w = o->buf + o->len;
	*w++ = '"';
	memcpy(w, s, n);
	w += n;
	*w++ = '"';
	*w = '\0';
	o->len = (size_t)(w - o->buf);
}

void json_out_key(struct json_out *o, const char *key)
{
	size_t n = strlen(key);
	reserve(o, n + 4);
	char *p = o->buf + o->len;
	if (o->comma)
		*p++ = ',';
	*p++ = '"';
	memcpy(p, key, n);
	p += n;
	*p++ = '"';
	*p++ = ':';
	*p = '\0';
	o->len = (size_t)(p - o->buf);
	o->comma = false;
}

void json_out_str(struct json_out *o, const char *s)
{
	sep(o);
	quoted(o, s);
}

void json_out_str_or_null(struct json_out *o, const char *s)
{
	if (s[0])
		json_out_str(o, s);
	else
		json_out_null(o);
}

void json_out_int(struct json_out *o, int64_t v)
{
	char b[24];
	sep(o);
	put(o, b, (size_t)snprintf(b, sizeof b, "%" PRId64, v));
}

/* jansson's jsonp_dtostr: %.12g, a ".0" when neither '.' nor 'e' appears, the exponent without '+'
 * and leading zeros. */
void json_out_real(struct json_out *o, double v)
{
	char b[40];
	int n = snprintf(b, sizeof b, "%.12g", v);
	if (n < 0 || (size_t)n >= sizeof b - 3) {
		json_out_null(o);
		return;
	}
	if (strchr(b, '.') == NULL && strchr(b, 'e') == NULL) {
		memcpy(b + n, ".0", 3);
		n += 2;
	}
	char *e = strchr(b, 'e');
	if (e) {
		char *start = e + 1, *end = e + 2;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end, strlen(end) + 1);
			n = (int)strlen(b);
		}
	}
	sep(o);
	put(o, b, (size_t)n);
}

void json_out_bool(struct json_out *o, bool v)
{
	sep(o);
	put(o, v ? "true" : "false", v ? 4 : 5);
}

void json_out_null(struct json_out *o)
{
	sep(o);
	put(o, "null", 4);
}
