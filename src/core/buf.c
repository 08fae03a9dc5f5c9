/* The capped growable buffer (see buf.h). */
#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t max)
{
	*b = (struct buf){.max = max};
}

static enum zt_err overflow(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->failed = true;
	return ZT_ERR_TOOLARGE;
}

enum zt_err buf_addn(struct buf *b, const char *s, size_t n)
{
	if (b->failed || n > b->max || b->len > b->max - n)
		return overflow(b);
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap = cap > ((size_t)-1) / 2 ? b->len + n + 1 : cap * 2;
		char *p = realloc(b->p, cap);
		if (p == NULL)
			abort();
		b->p = p;
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return ZT_OK;
}

enum zt_err buf_add(struct buf *b, const char *s)
{
	return buf_addn(b, s, strlen(s));
}

enum zt_err buf_addf(struct buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return overflow(b);
	if ((size_t)n < sizeof small)
		return buf_addn(b, small, (size_t)n);
	char *big = malloc((size_t)n + 1);
	if (big == NULL)
		abort();
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	enum zt_err r = buf_addn(b, big, (size_t)n);
	free(big);
	return r;
}

const char *buf_ptr(const struct buf *b)
{
	return b->p ? b->p : "";
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = false;
	if (b->p)
		b->p[0] = '\0';
}

char *buf_take(struct buf *b, size_t *len)
{
	if (b->failed)
		return NULL;
	char *p = b->p;
	if (p == NULL) {
		p = malloc(1);
		if (p == NULL)
			abort();
		p[0] = '\0';
	}
	if (len)
		*len = b->len;
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

void buf_free(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->failed = false;
}
