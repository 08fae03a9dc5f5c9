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
#include "io/encoding.h"
#include "io/facility_json.h"
#include "store/store.h"
#include "store/store_audit.h"

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
};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))

const char facility_csv_header[] =
	"id,kind,name,kana,legal_entity,medical_code,postal_code,address,municipality,lat,lon,coord_source,"
	"coord_precision,coord_date,phone,fax,beds,h24,home_care,capabilities,standards,note";

/* ---- export ---- */

struct out {
	char *s;
	size_t len, cap;
};

static void out_add(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2;
		o->s = realloc(o->s, o->cap);
		if (o->s == NULL)
			abort();
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

/* A field, quoted when it holds a comma, quote, line break or edge space (RFC 4180). */
static void out_field(struct out *o, const char *s, bool first)
{
	if (!first)
		out_add(o, ",", 1);
	size_t n = strlen(s);
	if (n == 0)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != ' ' && s[n - 1] != ' ') {
		out_add(o, s, n);
		return;
	}
	out_add(o, "\"", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			out_add(o, "\"", 1);
		out_add(o, p, 1);
	}
	out_add(o, "\"", 1);
}

static void out_row(const struct facility *f, void *ctx)
{
	struct out *o = ctx;
	json_t *j = facility_to_json(f);
	for (int i = 0; i < NCOLS; i++) {
		json_t *v = json_object_get(j, cols[i].name);
		char buf[64];
		const char *s = "";
		if (json_is_string(v)) {
			s = json_string_value(v);
			if (strchr("=+-@", s[0]) && s[0]) { /* Excel would run it as a formula: quote it */
				struct out l = {0};
				out_add(&l, "'", 1);
				out_add(&l, s, strlen(s));
				out_field(o, l.s, i == 0);
				free(l.s);
				continue;
			}
		} else if (json_is_integer(v)) {
			snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
			s = buf;
		} else if (json_is_real(v)) {
			snprintf(buf, sizeof buf, "%.10g", json_real_value(v));
			s = buf;
		} else if (json_is_boolean(v)) {
			s = json_is_true(v) ? "1" : "0";
		} else if (json_is_array(v)) {
			struct out l = {0};
			size_t k;
			json_t *item;
			out_add(&l, "", 0);
			json_array_foreach(v, k, item) {
				if (k)
					out_add(&l, ";", 1);
				out_add(&l, json_string_value(item), strlen(json_string_value(item)));
			}
			out_field(o, l.s, i == 0);
			free(l.s);
			continue;
		}
		out_field(o, s, i == 0);
	}
	out_add(o, "\r\n", 2);
	json_decref(j);
}

enum zt_err facility_csv_export(struct store *st, char **out, size_t *len, struct zt_error *e)
{
	struct out o = {0};
	out_add(&o, facility_csv_header, strlen(facility_csv_header));
	out_add(&o, "\r\n", 2);
	enum zt_err r = store_facility_each(st, out_row, &o, e);
	if (r != ZT_OK) {
		free(o.s);
		return r;
	}
	*out = o.s;
	*len = o.len;
	return ZT_OK;
}

/* ---- import ---- */

struct ictx {
	struct store *st;
	struct facility_csv_summary *sum;
	const char *data;
	size_t len;
	int map[CSV_MAX_FIELDS]; /* cell → column, -1 ignored */
	int ncells;
	bool have_header;
	struct facility f;       /* scratch, large: kept off the stack */
};

static void add_error(struct ictx *c, long line, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_error(struct ictx *c, long line, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	zt_line_error_vadd(&c->sum->errors, &c->sum->nerrors, &c->sum->error_count, FACILITY_CSV_MAX_ERRORS, line, field,
			   fmt, ap);
	va_end(ap);
}

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
		if (v[0] == '\'' && v[1] && strchr("=+-@", v[1]))
			v++; /* the export's guard against Excel formulas */
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
	struct zt_error e;
	zt_error_clear(&e);
	struct facility *f = &c->f;
	facility_init(f);
	bool update = false;
	const char *mc = json_string_value(json_object_get(o, "medical_code"));
	if (id) {
		if (store_facility_get(c->st, id, f, &e) != ZT_OK) {
			add_error(c, line, "id", "id %lld の機関は登録されていません。", (long long)id);
			json_decref(o);
			return 0;
		}
		update = true;
	} else if (mc && store_facility_by_code(c->st, mc, f) == ZT_OK) {
		update = true;
	}
	f->distance_km = -1;
	enum zt_err r = facility_from_json(o, f, &e);
	json_decref(o);
	if (r == ZT_OK)
		r = facility_validate(f, &e);
	if (r == ZT_OK)
		r = update ? store_facility_update(c->st, f, &e) : store_facility_create(c->st, f, &e);
	if (r == ZT_ERR_BUSY || r == ZT_ERR_DB)
		return 1; /* storage failure: stop, the transaction rolls back */
	if (r != ZT_OK) {
		add_error(c, line, e.field, "%s", e.message);
		return 0;
	}
	if (update)
		s->updated++;
	else
		s->inserted++;
	return 0;
}

struct import_tx {
	struct ictx *c;
	const char *source;
};

static enum zt_err import_tx(struct store *st, void *p, struct zt_error *e)
{
	struct import_tx *t = p;
	struct ictx *c = t->c;
	struct facility_csv_summary *s = c->sum;
	s->rows = s->inserted = s->updated = s->error_count = 0;
	s->nerrors = 0;
	c->have_header = false;
	long bad_line = 0;
	int rc = csv_read(c->data, c->len, row, c, &bad_line);
	if (rc < 0)
		add_error(c, bad_line, "", "CSV の形式が壊れています（閉じられていない引用符など）。");
	else if (rc > 0)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの処理に失敗しました。");
	if (!c->have_header)
		return zt_fail(e, ZT_ERR_INVALID, "file", "見出し行がありません（空のファイルです）。");
	if (s->error_count > 0)
		return zt_fail(e, ZT_ERR_INVALID, "file", "%ld件の誤りがあります。このファイルの内容は何も登録していません。",
			       s->error_count);
	enum zt_err r = store_import_batch_add(st, "facilities", t->source ? t->source : "", s->rows, s->inserted,
					       s->updated, NULL);
	if (r == ZT_OK) { /* one audit row for the whole import, committed with it (issue 3 §3) */
		json_t *after = json_pack("{s:s, s:s, s:I, s:I, s:I}", "kind", "facilities", "source",
					  t->source ? t->source : "", "rows", (json_int_t)s->rows, "inserted",
					  (json_int_t)s->inserted, "updated", (json_int_t)s->updated);
		r = audit_append(st, NULL, "import", "facility", 0, NULL, NULL, after, e);
		json_decref(after);
	}
	return r;
}

enum zt_err facility_csv_import(struct store *st, const char *data, size_t len, const char *source,
				struct facility_csv_summary *sum, struct zt_error *e)
{
	memset(sum, 0, sizeof *sum);
	char *text = NULL;
	size_t tlen = 0;
	enum zt_err r = encoding_to_utf8(data, len, &text, &tlen, e);
	if (r != ZT_OK)
		return r;
	struct ictx *c = calloc(1, sizeof *c);
	if (c == NULL)
		abort();
	c->st = st;
	c->sum = sum;
	c->data = text;
	c->len = tlen;
	struct import_tx t = {c, source};
	r = store_tx(st, import_tx, &t, e);
	free(c);
	free(text);
	return r;
}

void facility_csv_summary_free(struct facility_csv_summary *sum)
{
	if (sum == NULL)
		return;
	free(sum->errors);
	memset(sum, 0, sizeof *sum);
}
