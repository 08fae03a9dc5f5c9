/* libFuzzer harness: the facility search's query string (http/facility_query.h). The input is
 * split like a URL query (key=value&…, %XX and + decoded as libmicrohttpd does) and served to
 * facility_query_parse through its getter. Invariants of an accepted filter: limit 1–500,
 * offset ≥ 0, within_km in (0, 500] when near is set, strings terminated. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/facility_query.h"

#define MAXKV 64

struct kv {
	char *k[MAXKV], *v[MAXKV];
	int n;
};

static int hex(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static char *decode(const char *s, size_t n)
{
	char *out = malloc(n + 1), *o = out;
	if (out == NULL)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+')
			*o++ = ' ';
		else if (s[i] == '%' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
			*o++ = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
}

static const char *get(void *ctx, const char *key)
{
	struct kv *q = ctx;
	for (int i = 0; i < q->n; i++)
		if (strcmp(q->k[i], key) == 0)
			return q->v[i];
	return NULL;
}

static int each(void *ctx, const char *key, void (*fn)(const char *value, void *fctx), void *fctx)
{
	struct kv *q = ctx;
	int n = 0;
	for (int i = 0; i < q->n; i++)
		if (strcmp(q->k[i], key) == 0) {
			fn(q->v[i], fctx);
			n++;
		}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kv q = {.n = 0};
	const char *s = (const char *)data;
	size_t i = 0;
	while (i < size && q.n < MAXKV) {
		size_t j = i;
		while (j < size && s[j] != '&')
			j++;
		size_t eq = i;
		while (eq < j && s[eq] != '=')
			eq++;
		q.k[q.n] = decode(s + i, eq - i);
		q.v[q.n] = eq < j ? decode(s + eq + 1, j - eq - 1) : decode("", 0);
		q.n++;
		i = j + 1;
	}
	struct query_source src = {get, each, &q};
	struct facility_filter flt;
	struct zt_error e;
	zt_error_clear(&e);
	if (facility_query_parse(&src, &flt, &e) == ZT_OK) {
		if (flt.limit < 1 || flt.limit > 500 || flt.offset < 0)
			abort();
		if (flt.near && (flt.within_km <= 0 || flt.within_km > 500))
			abort();
		if (memchr(flt.q, '\0', sizeof flt.q) == NULL || memchr(flt.municipality, '\0', sizeof flt.municipality) == NULL)
			abort();
	} else if (e.field[0] == '\0') {
		abort(); /* every refusal names its parameter */
	}
	for (int k = 0; k < q.n; k++) {
		free(q.k[k]);
		free(q.v[k]);
	}
	return 0;
}
