/* Survey answers from CSV / XLSX files, decoded row by row against a survey's questions (issue 18 §1). */
#include "io/survey_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/text.h"
#include "io/csv_read.h"
#include "io/encoding.h"
#include "io/xlsx_read.h"

#define COLS_MAX 64

struct reader {
	const struct survey_def *def;
	survey_row_fn fn;
	void *ctx;
	struct zt_error *e;
	enum zt_err err;
	bool have_header;
	int ncols;
	int qcol[COLS_MAX]; /* question index of each column, -1 for the first column */
	bool note[COLS_MAX];
	long rows;
	struct survey_answers *ans;
};

/* The question a header names (its key, or 問N), or -1. */
static int question_of(const struct survey_def *def, const char *h)
{
	for (int i = 0; i < def->nquestions; i++)
		if (strcmp(def->q[i].key, h) == 0)
			return i;
	if (strncmp(h, "問", strlen("問")) == 0) {
		const char *p = h + strlen("問");
		int n = 0;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9' && n < 1000; p++)
			n = n * 10 + (*p - '0');
		if (*p == '\0' && n >= 1 && n <= def->nquestions)
			return n - 1;
	}
	return -1;
}

static enum zt_err header(struct reader *r, long line, int n, const char *const *cells)
{
	if (n > COLS_MAX)
		return r->err = zt_fail(r->e, ZT_ERR_INVALID, "", "列が多すぎます（%d列まで）。", COLS_MAX), r->e->line = line, r->err;
	char h[128];
	text_normalize_width(cells[0], h, sizeof h);
	if (strcmp(h, "医療機関コード") != 0 && strcmp(h, "institution_id") != 0 && strcmp(h, "medical_code") != 0) {
		zt_fail(r->e, ZT_ERR_INVALID, "", "1列目の見出しは「医療機関コード」または institution_id にしてください。");
		r->e->line = line;
		return r->err = ZT_ERR_INVALID;
	}
	r->qcol[0] = -1;
	for (int c = 1; c < n; c++) {
		text_normalize_width(cells[c], h, sizeof h);
		size_t l = strlen(h);
		bool note = false;
		if (l > 5 && strcmp(h + l - 5, "_note") == 0)
			h[l - 5] = '\0', note = true;
		else if (l > strlen("_記入") && strcmp(h + l - strlen("_記入"), "_記入") == 0)
			h[l - strlen("_記入")] = '\0', note = true;
		int q = h[0] ? question_of(r->def, h) : -2;
		if (q == -1) {
			zt_fail(r->e, ZT_ERR_INVALID, cells[c], "%ld行目: 見出し「%s」はこのアンケートの問ではありません。", line, cells[c]);
			r->e->line = line;
			return r->err = ZT_ERR_INVALID;
		}
		r->qcol[c] = q; /* -2: an empty heading, ignored */
		r->note[c] = note;
	}
	r->ncols = n;
	r->have_header = true;
	return ZT_OK;
}

/* The key of the option of q named by s (its key or its wording), or s itself when none matches. */
static const char *option_key(const struct survey_question *q, const char *s)
{
	for (int i = 0; i < q->noptions; i++)
		if (strcmp(q->options[i].key, s) == 0 || strcmp(q->options[i].label, s) == 0)
			return q->options[i].key;
	return s;
}

/* Appends the cell's choices to value, ','-separated, as keys. */
static void put_choices(const struct survey_question *q, const char *cell, char *value, size_t vsz)
{
	char buf[SURVEY_VALUE_MAX_CHARS * 4 + 1];
	text_normalize_width(cell, buf, sizeof buf);
	/* fold the separators: 、 and ， (3 bytes each) and ; to ',' */
	size_t w = 0;
	for (size_t i = 0; buf[i];) {
		if (strncmp(buf + i, "、", 3) == 0 || strncmp(buf + i, "，", 3) == 0) {
			buf[w++] = ',', i += 3;
		} else {
			buf[w++] = buf[i] == ';' ? ',' : buf[i];
			i++;
		}
	}
	buf[w] = '\0';
	size_t len = strlen(value);
	for (char *p = buf; p;) {
		char *c = strchr(p, ',');
		if (c)
			*c = '\0';
		char one[SURVEY_VALUE_MAX_CHARS * 4 + 1];
		text_normalize_width(p, one, sizeof one);
		if (one[0] && len < vsz)
			len += (size_t)snprintf(value + len, vsz - len, "%s%s", len ? "," : "",
						q->kind == SQ_TEXT || q->kind == SQ_NUMBER ? one : option_key(q, one));
		p = c ? c + 1 : NULL;
	}
}

static enum zt_err row(struct reader *r, long line, int n, const char *const *cells)
{
	if (!r->have_header)
		return header(r, line, n, cells);
	bool any = false;
	for (int c = 0; c < n; c++)
		any = any || cells[c][0];
	if (!any)
		return ZT_OK;
	if (++r->rows > SURVEY_IMPORT_MAX_ROWS) {
		zt_fail(r->e, ZT_ERR_TOOLARGE, "", "行が多すぎます（%d行まで）。", SURVEY_IMPORT_MAX_ROWS);
		r->e->line = line;
		return r->err = ZT_ERR_TOOLARGE;
	}
	if (n > r->ncols) {
		zt_fail(r->e, ZT_ERR_INVALID, "", "%ld行目: 見出しより列が多くあります。", line);
		r->e->line = line;
		return r->err = ZT_ERR_INVALID;
	}
	struct survey_answers *a = r->ans;
	memset(a, 0, sizeof *a);
	for (int c = 1; c < n; c++) {
		int q = r->qcol[c];
		if (q < 0 || cells[c][0] == '\0')
			continue;
		const struct survey_question *qq = &r->def->q[q];
		if (strlen(cells[c]) > SURVEY_VALUE_MAX_CHARS * 4) {
			zt_fail(r->e, ZT_ERR_INVALID, qq->key, "%ld行目 問%d: 値が長すぎます。", line, q + 1);
			r->e->line = line;
			return r->err = ZT_ERR_INVALID;
		}
		struct survey_answer *x = (struct survey_answer *)survey_answer_find(a, qq->key);
		if (x == NULL) {
			x = &a->a[a->n++];
			snprintf(x->key, sizeof x->key, "%s", qq->key);
		}
		if (r->note[c])
			snprintf(x->note, sizeof x->note, "%s", cells[c]);
		else if (qq->kind == SQ_MULTIPLE)
			put_choices(qq, cells[c], x->value, sizeof x->value);
		else if (qq->kind == SQ_SINGLE) {
			char one[SURVEY_VALUE_MAX_CHARS * 4 + 1];
			text_normalize_width(cells[c], one, sizeof one);
			snprintf(x->value, sizeof x->value, "%s", option_key(qq, one));
		} else
			snprintf(x->value, sizeof x->value, "%s", cells[c]);
	}
	char ident[64];
	text_normalize_width(cells[0], ident, sizeof ident);
	enum zt_err rr = r->fn(line, ident, a, r->ctx, r->e);
	if (rr != ZT_OK) {
		if (r->e && r->e->line == 0)
			r->e->line = line;
		r->err = rr;
	}
	return rr;
}

static int csv_cb(const struct csv_record *rec, void *ctx)
{
	struct reader *r = ctx;
	if (rec->too_many) {
		zt_fail(r->e, ZT_ERR_INVALID, "", "%ld行目: 列が多すぎます。", rec->line);
		r->e->line = rec->line;
		r->err = ZT_ERR_INVALID;
		return 1;
	}
	return row(r, rec->line, rec->nfields, (const char *const *)rec->fields) != ZT_OK;
}

static int xlsx_cb(long rownum, int ncells, const char *const *cells, void *ctx)
{
	return row(ctx, rownum, ncells, cells) != ZT_OK;
}

enum zt_err survey_import_read(const char *data, size_t len, bool xlsx, const struct survey_def *def, survey_row_fn fn,
			       void *ctx, struct zt_error *e)
{
	struct zt_error local;
	if (e == NULL)
		e = &local;
	zt_error_clear(e);
	if (len > SURVEY_IMPORT_MAX_BYTES)
		return zt_fail(e, ZT_ERR_TOOLARGE, "file", "ファイルが大きすぎます（%u MBまで）。", SURVEY_IMPORT_MAX_BYTES >> 20);
	struct reader r = {.def = def, .fn = fn, .ctx = ctx, .e = e};
	r.ans = calloc(1, sizeof *r.ans);
	if (r.ans == NULL)
		abort();
	if (xlsx) {
		if (xlsx_read(data, len, xlsx_cb, &r, e) < 0 && r.err == ZT_OK)
			r.err = e->code == ZT_OK ? ZT_ERR_INVALID : e->code;
	} else {
		char *text = NULL;
		size_t tl = 0;
		r.err = encoding_to_utf8(data, len, &text, &tl, e);
		if (r.err == ZT_OK) {
			long bad = 0;
			int rc = csv_read(text, tl, csv_cb, &r, &bad);
			if (rc < 0 && r.err == ZT_OK) {
				r.err = zt_fail(e, ZT_ERR_INVALID, "file", "%ld行目: CSVとして読めません（引用符の閉じ忘れなど）。", bad);
				e->line = bad;
			}
		}
		free(text);
	}
	free(r.ans);
	if (r.err == ZT_OK && r.rows == 0)
		r.err = zt_fail(e, ZT_ERR_INVALID, "file", "回答の行がありません（1行目は見出し、2行目から1診療所1行）。");
	return r.err;
}
