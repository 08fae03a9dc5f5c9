/* The coordinator's CSV of unavailable dates (不都合日; see rota_unavail_csv.h). */
#include "io/rota_unavail_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/wareki.h"
#include "io/csv_read.h"
#include "io/encoding.h"

struct uctx {
	unavail_row_fn fn;
	void *fn_ctx;
	struct zt_error *e;
	long rows;
	enum zt_err err;
};

/* Copies s without leading / trailing ASCII blanks and ideographic spaces into out. */
static void trim_copy(const char *s, char *out, size_t n)
{
	while (*s == ' ' || *s == '\t' || strncmp(s, "\xE3\x80\x80", 3) == 0)
		s += *s == ' ' || *s == '\t' ? 1 : 3;
	size_t len = strlen(s);
	for (;;) {
		if (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
			len--;
		else if (len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
			len -= 3;
		else
			break;
	}
	if (len >= n)
		len = n - 1;
	memcpy(out, s, len);
	out[len] = '\0';
}

/* A date as coordinators write it (2027-01-04, 2027/1/4, R9/1/4, 令和9年1月4日) → out. */
static bool parse_date(const char *s, char out[11])
{
	return wareki_parse(s, out) == 0;
}

/* True when s holds a digit, half-width or full-width (U+FF10–FF19): a date, not a header. */
static bool has_digit(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p >= '0' && *p <= '9') || (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99))
			return true;
	return false;
}

static int fail_at(struct uctx *c, long line, const char *field, const char *msg)
{
	c->err = zt_fail(c->e, ZT_ERR_INVALID, field, "%ld行目の「%s」列: %s", line, field, msg);
	if (c->e)
		c->e->line = line;
	return 1;
}

static int on_row(const struct csv_record *r, void *p)
{
	struct uctx *c = p;
	if (r->nfields == 1 && r->fields[0][0] == '\0')
		return 0; /* blank line */
	struct unavail_csv_row row;
	memset(&row, 0, sizeof row);
	row.line = r->line;
	char first[64];
	trim_copy(r->fields[0], first, sizeof first);
	if (r->line == 1 && !has_digit(first))
		return 0; /* header 日付,医師,… */
	if (r->too_many || r->nfields > 4)
		return fail_at(c, r->line, "種別", "列が多すぎます（日付,医師,理由,種別 の4列まで）。");
	if (!parse_date(first, row.date))
		return fail_at(c, r->line, "日付", "日付は YYYY-MM-DD、YYYY/M/D または和暦（令和9年1月4日）で指定してください。");
	if (r->nfields < 2)
		return fail_at(c, r->line, "医師", "医師の氏名（または ID）がありません。");
	trim_copy(r->fields[1], row.doctor, sizeof row.doctor);
	if (row.doctor[0] == '\0')
		return fail_at(c, r->line, "医師", "医師の氏名（または ID）がありません。");
	if (r->nfields > 2)
		trim_copy(r->fields[2], row.reason, sizeof row.reason);
	if (row.reason[0] == '\0')
		snprintf(row.reason, sizeof row.reason, "不都合");
	char kind[64] = "";
	if (r->nfields > 3)
		trim_copy(r->fields[3], kind, sizeof kind);
	if (kind[0] == '\0' || strcmp(kind, "不在") == 0 || strcmp(kind, "不都合") == 0 || strcmp(kind, "csv") == 0)
		snprintf(row.source, sizeof row.source, "csv");
	else if (strcmp(kind, "学会") == 0 || strcmp(kind, "conference") == 0)
		snprintf(row.source, sizeof row.source, "conference");
	else
		return fail_at(c, r->line, "種別", "種別は「学会」「不在」または空欄で指定してください。");
	if ((c->err = c->fn(&row, c->fn_ctx, c->e)) != ZT_OK) {
		if (c->e)
			c->e->line = r->line;
		return 1;
	}
	c->rows++;
	return 0;
}

enum zt_err unavail_csv_read(const char *data, size_t len, unavail_row_fn fn, void *ctx, long *rows, struct zt_error *e)
{
	*rows = 0;
	char *text = NULL;
	size_t tlen = 0;
	enum zt_err r = encoding_to_utf8(data, len, &text, &tlen, e);
	if (r != ZT_OK)
		return r;
	struct uctx c = {fn, ctx, e, 0, ZT_OK};
	long bad = 0;
	int rc = csv_read(text, tlen, on_row, &c, &bad);
	free(text);
	*rows = c.rows;
	if (rc < 0) {
		zt_fail(e, ZT_ERR_INVALID, "", "%ld行目: %s", bad,
			rc == CSV_READ_NUL ? "NUL 文字（0x00）があります。" : "CSVの形式が正しくありません。");
		if (e)
			e->line = bad;
		return ZT_ERR_INVALID;
	}
	return c.err;
}
