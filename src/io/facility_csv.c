/* Our own institution CSV (issue 2 §6), export and import (see facility_csv.h and docs/csv.md). */
#include "io/facility_csv.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/facility.h"
#include "io/csv_read.h"
#include "io/csv_write.h"
#include "io/facility_json.h"

enum col_type { T_STR, T_NUM, T_INT, T_BOOL, T_LIST, T_ID };

static const struct {
	const char *name;
	enum col_type type;
} cols[] = {
	{"id", T_ID}, {"kind", T_STR}, {"name", T_STR}, {"kana", T_STR}, {"legal_entity", T_STR},
	{"medical_code", T_STR}, {"postal_code", T_STR}, {"address", T_STR}, {"municipality", T_STR},
	{"lat", T_NUM}, {"lon", T_NUM}, {"coord_source", T_STR}, {"coord_precision", T_STR},
	{"coord_date", T_STR}, {"phone", T_STR}, {"fax", T_STR}, {"beds", T_INT}, {"h24", T_BOOL},
	{"home_care", T_BOOL}, {"capabilities", T_LIST}, {"standards", T_LIST}, {"note", T_STR},
	{"capabilities_unknown", T_LIST}, /* issue 12 §3: 未確認 capabilities; empty h24/home_care cells keep the value */
};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))

const char facility_csv_header[] =
	"id,kind,name,kana,legal_entity,medical_code,postal_code,address,municipality,lat,lon,coord_source,"
	"coord_precision,coord_date,phone,fax,beds,h24,home_care,capabilities,standards,note,capabilities_unknown";

/* ---- export ---- */

void facility_csv_begin(struct buf *out)
{
	buf_add(out, facility_csv_header);
	buf_addn(out, "\r\n", 2);
}

void facility_csv_append(struct buf *out, const struct facility *f)
{
	struct csv_writer w;
	csv_writer_init(&w, out, false, CSV_GUARD_ALL);
	json_t *j = facility_to_json(f);
	for (int i = 0; i < NCOLS; i++) {
		json_t *v = json_object_get(j, cols[i].name);
		char num[64];
		if (json_is_string(v)) {
			csv_cell(&w, json_string_value(v));
		} else if (json_is_integer(v)) {
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
			csv_cell_raw(&w, num);
		} else if (json_is_real(v)) {
			snprintf(num, sizeof num, "%.10g", json_real_value(v));
			csv_cell_raw(&w, num);
		} else if (json_is_boolean(v)) {
			csv_cell_raw(&w, json_is_true(v) ? "1" : "0");
		} else if (json_is_array(v)) {
			struct buf l;
			buf_init(&l, BUF_UNCAPPED);
			size_t k;
			json_t *item;
			json_array_foreach(v, k, item) {
				if (k)
					buf_addn(&l, ";", 1);
				buf_add(&l, json_string_value(item));
			}
			csv_cell(&w, buf_ptr(&l));
			buf_free(&l);
		} else {
			csv_cell_raw(&w, "");
		}
	}
	csv_end_row(&w);
	json_decref(j);
}

/* ---- import ---- */

struct ictx {
	struct facility_csv_summary *sum;
	facility_csv_row_fn fn;
	void *fn_ctx;
	int map[CSV_MAX_FIELDS]; /* cell → column, -1 ignored */
	int ncells;
	bool have_header;
};

void facility_csv_add_error(struct facility_csv_summary *sum, long line, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	zt_line_error_vadd(&sum->errors, &sum->nerrors, &sum->error_count, FACILITY_CSV_MAX_ERRORS, line, field, fmt, ap);
	va_end(ap);
}

#define add_error(c, ...) facility_csv_add_error((c)->sum, __VA_ARGS__)

static int header(struct ictx *c, const struct csv_record *rec)
{
	bool seen[NCOLS] = {false};
	for (int i = 0; i < rec->nfields; i++) {
		c->map[i] = -1;
		const char *h = rec->fields[i];
		if (h[0] == '\0')
			continue;
		for (int k = 0; k < NCOLS; k++)
			if (strcmp(h, cols[k].name) == 0)
				c->map[i] = k;
		if (c->map[i] < 0)
			add_error(c, rec->line, h, "不明な列「%s」があります。列名は docs/csv.md を参照してください。", h);
		else if (seen[c->map[i]])
			add_error(c, rec->line, h, "列「%s」が重複しています。", h);
		else
			seen[c->map[i]] = true;
	}
	if (!seen[2])
		add_error(c, rec->line, "name", "必須の列 name がありません。");
	if (!seen[1])
		add_error(c, rec->line, "kind", "必須の列 kind がありません。");
	c->ncells = rec->nfields;
	c->have_header = true;
	return 0;
}

/* One cell → a JSON member of the row object. Returns false (and reports) on a bad value. */
static bool cell_json(struct ictx *c, long line, int k, const char *v, json_t *o, int64_t *id)
{
	const char *name = cols[k].name;
	char *end;
	switch (cols[k].type) {
	case T_ID:
		if (v[0]) {
			long long n = strtoll(v, &end, 10);
			if (*end || n <= 0) {
				add_error(c, line, name, "id「%s」は正の整数で指定してください。", v);
				return false;
			}
			*id = n;
		}
		return true;
	case T_STR:
		v = csv_unguard(v); /* the export's guard against spreadsheet formulas */
		json_object_set_new(o, name, v[0] ? json_string(v) : json_null());
		return true;
	case T_NUM:
		if (v[0] == '\0') {
			json_object_set_new(o, name, json_null());
			return true;
		}
		{
			double d = strtod(v, &end);
			if (*end || !isfinite(d)) {
				add_error(c, line, name, "%s「%s」は数値で指定してください。", name, v);
				return false;
			}
			json_object_set_new(o, name, json_real(d));
		}
		return true;
	case T_INT:
		if (v[0] == '\0')
			return true;
		{
			long long n = strtoll(v, &end, 10);
			if (*end) {
				add_error(c, line, name, "%s「%s」は整数で指定してください。", name, v);
				return false;
			}
			json_object_set_new(o, name, json_integer(n));
		}
		return true;
	case T_BOOL:
		if (v[0] == '\0')
			return true;
		if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "TRUE") == 0)
			json_object_set_new(o, name, json_true());
		else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "FALSE") == 0)
			json_object_set_new(o, name, json_false());
		else {
			add_error(c, line, name, "%s「%s」は 1 か 0 で指定してください。", name, v);
			return false;
		}
		return true;
	case T_LIST: {
		json_t *a = json_array();
		const char *p = v;
		while (*p) {
			const char *q = strchr(p, ';');
			size_t n = q ? (size_t)(q - p) : strlen(p);
			while (n && *p == ' ') {
				p++;
				n--;
			}
			while (n && p[n - 1] == ' ')
				n--;
			if (n)
				json_array_append_new(a, json_stringn(p, n));
			if (q == NULL)
				break;
			p = q + 1;
		}
		json_object_set_new(o, name, a);
		return true;
	}
	}
	return true;
}

static int row(const struct csv_record *rec, void *p)
{
	struct ictx *c = p;
	if (!c->have_header)
		return header(c, rec);
	bool blank = true;
	for (int i = 0; i < rec->nfields && blank; i++)
		if (rec->fields[i][0])
			blank = false;
	if (blank)
		return 0;
	struct facility_csv_summary *s = c->sum;
	long line = rec->line;
	long before = s->error_count;
	s->rows++;
	if (rec->nfields != c->ncells || rec->too_many) {
		add_error(c, line, "", "列の数が %d です。見出し行は %d 列です。", rec->nfields, c->ncells);
		return 0;
	}
	json_t *o = json_object();
	int64_t id = 0;
	for (int i = 0; i < rec->nfields; i++)
		if (c->map[i] >= 0)
			cell_json(c, line, c->map[i], rec->fields[i], o, &id);
	if (s->error_count != before) {
		json_decref(o);
		return 0;
	}
	struct facility_csv_row fr = {line, id, o};
	int stop = c->fn(&fr, s, c->fn_ctx);
	json_decref(o);
	return stop;
}

enum zt_err facility_csv_read(const char *text, size_t len, facility_csv_row_fn fn, void *ctx,
			      struct facility_csv_summary *sum, struct zt_error *e)
{
	struct ictx c = {.sum = sum, .fn = fn, .fn_ctx = ctx};
	sum->rows = sum->inserted = sum->updated = sum->error_count = 0;
	sum->nerrors = 0;
	long bad_line = 0;
	int rc = csv_read(text, len, row, &c, &bad_line);
	if (rc == CSV_READ_NUL)
		add_error(&c, bad_line, "", "NUL 文字（0x00）があります。");
	else if (rc < 0)
		add_error(&c, bad_line, "", "CSV の形式が壊れています（閉じられていない引用符など）。");
	else if (rc > 0)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの処理に失敗しました。");
	if (!c.have_header)
		return zt_fail(e, ZT_ERR_INVALID, "file", "見出し行がありません（空のファイルです）。");
	if (sum->error_count > 0)
		return zt_fail(e, ZT_ERR_INVALID, "file", "%ld件の誤りがあります。このファイルの内容は何も登録していません。",
			       sum->error_count);
	return ZT_OK;
}

void facility_csv_summary_free(struct facility_csv_summary *sum)
{
	if (sum == NULL)
		return;
	free(sum->errors);
	memset(sum, 0, sizeof *sum);
}
