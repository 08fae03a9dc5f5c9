/* The project's error codes, their names and HTTP statuses. */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
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

enum zt_err zt_fail(struct zt_error *e, enum zt_err code, const char *field, const char *fmt, ...)
{
	if (e == NULL)
		return code;
	e->code = code;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	return code;
}

void zt_error_clear(struct zt_error *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}
