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
#include "io/xlsx_read.h"
#include "domain/codes.h"
#include "domain/wareki.h"

enum col_type { T_STR, T_NUM, T_INT, T_BOOL, T_LIST, T_ID };

/* Columns: the API's field name (accepted on import) and the Japanese heading (written). */
static const struct {
	const char *name, *ja;
	enum col_type type;
} cols[] = {
	{"id", "ID", T_ID}, {"kind", "種別", T_STR}, {"name", "名称", T_STR}, {"kana", "ふりがな", T_STR},
	{"legal_entity", "法人名", T_STR}, {"medical_code", "医療機関コード", T_STR},
	{"postal_code", "郵便番号", T_STR}, {"address", "所在地", T_STR}, {"municipality", "市町村コード", T_STR},
	{"lat", "緯度", T_NUM}, {"lon", "経度", T_NUM}, {"coord_source", "位置の出典", T_STR},
	{"coord_precision", "位置の精度", T_STR}, {"coord_date", "位置の日付", T_STR}, {"phone", "電話番号", T_STR},
	{"fax", "FAX番号", T_STR}, {"beds", "病床数", T_INT}, {"h24", "24時間対応", T_BOOL},
	{"home_care", "訪問診療", T_BOOL}, {"capabilities", "対応可能な処置", T_LIST},
	{"standards", "施設基準", T_LIST}, {"note", "備考", T_STR},
	/* issue 12 §3: 未確認 capabilities; empty 24時間対応 / 訪問診療 cells keep the stored value */
	{"capabilities_unknown", "未確認の処置", T_LIST},
};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))

const char facility_csv_header[] =
	"ID,種別,名称,ふりがな,法人名,医療機関コード,郵便番号,所在地,市町村コード,緯度,経度,位置の出典,位置の精度,"
	"位置の日付,電話番号,FAX番号,病床数,24時間対応,訪問診療,対応可能な処置,施設基準,備考,未確認の処置";

int facility_csv_ncols(void)
{
	return NCOLS;
}

const char *facility_csv_label(int i)
{
	return i >= 0 && i < NCOLS ? cols[i].ja : "";
}

/* The Japanese label of a code of table (kinds, capabilities, standards), or the code itself. */
static const char *label_of(const struct code_entry *t, int n, const char *code)
{
	int k = code_lookup(t, n, code);
	return k >= 0 ? t[k].ja : code;
}

/* The code of a Japanese label or code of table, or v itself when neither. */
static const char *code_of(const struct code_entry *t, int n, const char *v)
{
	for (int k = 0; k < n; k++)
		if (strcmp(t[k].ja, v) == 0 || strcmp(t[k].code, v) == 0)
			return t[k].code;
	return v;
}

void facility_cells(const struct facility *f, facility_cell_fn fn, void *ctx)
{
	json_t *j = facility_to_json(f);
	for (int i = 0; i < NCOLS; i++) {
		json_t *v = json_object_get(j, cols[i].name);
		char num[64];
		if (i == 1 && json_is_string(v)) {
			fn(i, label_of(inst_kinds, KIND__MAX, json_string_value(v)), true, ctx);
		} else if (strcmp(cols[i].name, "coord_date") == 0 && json_is_string(v)) {
			char w[64];
			fn(i, wareki_format(json_string_value(v), w, sizeof w) == 0 ? w : json_string_value(v), true, ctx);
		} else if (json_is_string(v)) {
			fn(i, json_string_value(v), true, ctx);
		} else if (json_is_integer(v)) {
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
			fn(i, num, false, ctx);
		} else if (json_is_real(v)) {
			snprintf(num, sizeof num, "%.10g", json_real_value(v));
			fn(i, num, false, ctx);
		} else if (json_is_boolean(v)) {
			fn(i, json_is_true(v) ? "1" : "0", false, ctx);
		} else if (json_is_array(v)) {
			struct buf l;
			buf_init(&l, BUF_UNCAPPED);
			size_t k;
			json_t *item;
			bool caps = strncmp(cols[i].name, "capabilities", 12) == 0; /* and capabilities_unknown */
			json_array_foreach(v, k, item) {
				if (k)
					buf_addn(&l, ";", 1);
				buf_add(&l, caps ? label_of(capabilities, CAP__MAX, json_string_value(item))
						 : label_of(standards, STD__MAX, json_string_value(item)));
			}
			fn(i, buf_ptr(&l), true, ctx);
			buf_free(&l);
		} else {
			fn(i, "", false, ctx);
		}
	}
	json_decref(j);
}

/* ---- export ---- */

void facility_csv_begin(struct buf *out)
{
	buf_add(out, facility_csv_header);
	buf_addn(out, "\r\n", 2);
}

static void csv_cell_of(int col, const char *text, bool is_text, void *p)
{
	(void)col;
	if (is_text)
		csv_cell(p, text);
	else
		csv_cell_raw(p, text);
}

void facility_csv_append(struct buf *out, const struct facility *f)
{
	struct csv_writer w;
	csv_writer_init(&w, out, false, CSV_GUARD_ALL);
	facility_cells(f, csv_cell_of, &w);
	csv_end_row(&w);
}

/* ---- import ---- */

struct ictx {
	struct facility_csv_summary *sum;
	facility_csv_row_fn fn;
	void *fn_ctx;
	int map[CSV_MAX_FIELDS]; /* cell → column, -1 ignored */
	int ncells;
	bool have_header;
	bool xlsx; /* title rows may stand above the header; short rows are padded */
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
			if (strcmp(h, cols[k].name) == 0 || strcmp(h, cols[k].ja) == 0)
				c->map[i] = k;
		if (c->map[i] < 0)
			add_error(c, rec->line, h, "不明な列「%s」があります。列名は docs/csv.md を参照してください。", h);
		else if (seen[c->map[i]])
			add_error(c, rec->line, h, "列「%s」が重複しています。", h);
		else
			seen[c->map[i]] = true;
	}
	if (!seen[2])
		add_error(c, rec->line, "name", "必須の列「名称」（name）がありません。");
	if (!seen[1])
		add_error(c, rec->line, "kind", "必須の列「種別」（kind）がありません。");
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
	case T_STR: {
		v = csv_unguard(v); /* the export's guard against spreadsheet formulas */
		char fix[16];
		if (strcmp(name, "kind") == 0) {
			v = code_of(inst_kinds, KIND__MAX, v);
		} else if (strcmp(name, "coord_date") == 0 && v[0]) {
			if (wareki_parse(v, fix) != 0) {
				add_error(c, line, name, "%s「%s」を日付として読めません（例: 令和6年4月1日）。", cols[k].ja, v);
				return false;
			}
			v = fix;
		} else if (strcmp(name, "medical_code") == 0 && strlen(v) == 9 && strspn(v, "0123456789") == 9) {
			snprintf(fix, sizeof fix, "0%s", v); /* Excel dropped the leading zero of 01…09 */
			v = fix;
		} else if (strcmp(name, "postal_code") == 0 && strlen(v) == 6 && strspn(v, "0123456789") == 6) {
			snprintf(fix, sizeof fix, "0%s", v);
			v = fix;
		}
		json_object_set_new(o, name, v[0] ? json_string(v) : json_null());
		return true;
	}
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
			if (n) {
				char item[256];
				snprintf(item, sizeof item, "%.*s", (int)n, p);
				const char *code = strncmp(name, "capabilities", 12) == 0 ? code_of(capabilities, CAP__MAX, item)
										     : code_of(standards, STD__MAX, item);
				json_array_append_new(a, json_string(code));
			}
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

static bool names_header(const struct csv_record *rec)
{
	bool kind = false, name = false;
	for (int i = 0; i < rec->nfields; i++) {
		const char *h = rec->fields[i];
		kind = kind || strcmp(h, "種別") == 0 || strcmp(h, "kind") == 0;
		name = name || strcmp(h, "名称") == 0 || strcmp(h, "name") == 0;
	}
	return kind && name;
}

static int on_xlsx_row(long line, int n, const char *const *cells, void *p)
{
	struct ictx *c = p;
	static const char empty[] = "";
	struct csv_record rec = {.line = line, .nfields = n};
	if (n > CSV_MAX_FIELDS) {
		rec.nfields = CSV_MAX_FIELDS;
		rec.too_many = 1;
	}
	for (int i = 0; i < rec.nfields; i++)
		rec.fields[i] = (char *)cells[i];
	if (!c->have_header && !names_header(&rec))
		return 0; /* a title row */
	if (c->have_header)
		while (rec.nfields < c->ncells)
			rec.fields[rec.nfields++] = (char *)empty;
	return row(&rec, c);
}

enum zt_err facility_xlsx_read(const char *data, size_t len, facility_csv_row_fn fn, void *ctx,
			       struct facility_csv_summary *sum, struct zt_error *e)
{
	struct ictx c = {.sum = sum, .fn = fn, .fn_ctx = ctx, .xlsx = true};
	sum->rows = sum->inserted = sum->updated = sum->error_count = 0;
	sum->nerrors = 0;
	int rc = xlsx_read(data, len, on_xlsx_row, &c, e);
	if (rc < 0)
		return ZT_ERR_INVALID;
	if (rc > 0)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの処理に失敗しました。");
	if (!c.have_header)
		return zt_fail(e, ZT_ERR_INVALID, "file", "見出し行（種別・名称を含む行）が見つかりません。");
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
