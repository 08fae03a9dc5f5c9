/* One error vocabulary for the whole project, with the field or line that caused it. */
#ifndef ZT_CORE_ERROR_H
#define ZT_CORE_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum zt_err {
	ZT_OK = 0,
	ZT_ERR_INVALID,   /* bad input: a field, line or parameter; becomes 400/422 */
	ZT_ERR_NOTFOUND,  /* no such object; 404 */
	ZT_ERR_CONFLICT,  /* unique key or version clash; 409 */
	ZT_ERR_UNAUTH,    /* not signed in / bad credentials; 401 */
	ZT_ERR_FORBIDDEN, /* signed in but not allowed; 403 */
	ZT_ERR_TOOLARGE,  /* body or file over its limit; 413 */
	ZT_ERR_MEDIA,     /* wrong content type; 415 */
	ZT_ERR_RATE,      /* too many attempts; 429 */
	ZT_ERR_BUSY,      /* database busy after retries; 503 */
	ZT_ERR_DB,        /* storage failure; 500 */
	ZT_ERR_IO,        /* file or system call failed */
	ZT_ERR_NOMEM,
	ZT_ERR__MAX
};

/* Details for the user: which field or line, and a sentence saying what is wrong. */
struct zt_error {
	enum zt_err code;
	long line;         /* 1-based input line, 0 when not about a file */
	char field[64];    /* API field or column name, "" when none */
	char message[512]; /* Japanese or English sentence for the user */
};

/* Short stable identifier ("invalid", "not_found", ...) used in JSON error bodies (static string;
 * "unknown" for an out-of-range code). */
const char *zt_err_name(enum zt_err code);
/* HTTP status for an error code. */
int zt_err_http_status(enum zt_err code);

/* Fills *e (when not NULL) and returns code, so callers can write `return zt_fail(e, ...)`. */
enum zt_err zt_fail(struct zt_error *e, enum zt_err code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Resets *e to ZT_OK with empty field and message. Accepts NULL. */
void zt_error_clear(struct zt_error *e);

/* One problem of an input file; import summaries keep a list of them for the user. */
struct zt_line_error {
	long line;         /* 1-based line (CSV) or row (XLSX) */
	char field[64];    /* column name, "" for the whole line */
	char message[512];
};
/* Counts one problem in *count and, while fewer than max are kept, appends it (line, field,
 * message from fmt/ap) to the growing malloc'd array *list of *n (the caller frees *list). */
void zt_line_error_vadd(struct zt_line_error **list, size_t *n, long *count, size_t max, long line,
			const char *field, const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));

#endif
