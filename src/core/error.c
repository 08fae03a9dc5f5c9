/* The project's error codes, their names and HTTP statuses (issue 2 §7: JSON errors with the right status). */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int status;
} err_table[ZT_ERR__MAX] = {
	[ZT_OK] = {"ok", 200},
	[ZT_ERR_INVALID] = {"invalid", 400},
	[ZT_ERR_NOTFOUND] = {"not_found", 404},
	[ZT_ERR_CONFLICT] = {"conflict", 409},
	[ZT_ERR_UNAUTH] = {"unauthenticated", 401},
	[ZT_ERR_FORBIDDEN] = {"forbidden", 403},
	[ZT_ERR_TOOLARGE] = {"too_large", 413},
	[ZT_ERR_MEDIA] = {"unsupported_media_type", 415},
	[ZT_ERR_RATE] = {"too_many_requests", 429},
	[ZT_ERR_BUSY] = {"busy", 503},
	[ZT_ERR_DB] = {"storage_error", 500},
	[ZT_ERR_IO] = {"io_error", 500},
	[ZT_ERR_NOMEM] = {"out_of_memory", 500},
};

const char *zt_err_name(enum zt_err code)
{
	return (code >= 0 && code < ZT_ERR__MAX) ? err_table[code].name : "unknown";
}

int zt_err_http_status(enum zt_err code)
{
	return (code >= 0 && code < ZT_ERR__MAX) ? err_table[code].status : 500;
}

/* Fills the field name (NULL read as "") and the formatted message of an error record. */
#define FILL(rec, field, fmt, ap) fill((rec)->field, sizeof (rec)->field, (rec)->message, sizeof (rec)->message, \
				      (field), (fmt), (ap))
static void fill(char *fbuf, size_t fsz, char *mbuf, size_t msz, const char *field, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));
/* A buffer cut by snprintf may end inside a UTF-8 sequence (a long unknown key in a message):
 * drop that partial sequence, so a JSON error body can always be built from the record. */
static void utf8_cut(char *s, int wanted, size_t sz)
{
	if (wanted < 0 || (size_t)wanted < sz)
		return;
	size_t n = strlen(s), j = n;
	while (j > 0 && n - j < 3 && ((unsigned char)s[j - 1] & 0xC0) == 0x80)
		j--;
	if (j == 0)
		return;
	unsigned char lead = (unsigned char)s[j - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (j - 1) < need)
		s[j - 1] = '\0';
}

static void fill(char *fbuf, size_t fsz, char *mbuf, size_t msz, const char *field, const char *fmt, va_list ap)
{
	utf8_cut(fbuf, snprintf(fbuf, fsz, "%s", field ? field : ""), fsz);
	utf8_cut(mbuf, vsnprintf(mbuf, msz, fmt, ap), msz);
}

enum zt_err zt_fail(struct zt_error *e, enum zt_err code, const char *field, const char *fmt, ...)
{
	if (e == NULL)
		return code;
	e->code = code;
	va_list ap;
	va_start(ap, fmt);
	FILL(e, field, fmt, ap);
	va_end(ap);
	return code;
}

void zt_line_error_vadd(struct zt_line_error **list, size_t *n, long *count, size_t max, long line,
			const char *field, const char *fmt, va_list ap)
{
	(*count)++;
	if (*n >= max)
		return;
	if (*n % 64 == 0) {
		*list = realloc(*list, (*n + 64) * sizeof **list);
		if (*list == NULL)
			abort();
	}
	struct zt_line_error *le = &(*list)[(*n)++];
	le->line = line;
	FILL(le, field, fmt, ap);
}

void zt_error_clear(struct zt_error *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}
