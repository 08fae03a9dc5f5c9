/* Region tables as CSV, XLSX and the page's JSON (issue 12 §1; see region_file.h). */
#include "io/region_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/buf.h"
#include "io/csv_read.h"
#include "io/csv_write.h"
#include "io/encoding.h"
#include "io/json_fields.h"
#include "io/xlsx_read.h"

struct reader {
	enum region_kind k;
	struct region_row *rows;
	size_t n, cap;
	bool header_seen;
	struct zt_error *e;
};

static int ncols(enum region_kind k)
{
	int n = 0;
	while (region_kinds[k].header[n])
		n++;
	return n;
}

/* "N行目 M列目「列名」: 「value」tail" naming the line and the column. */
static int cell_fail(struct reader *r, long line, int c, const char *v, const char *tail)
{
	const char *col = region_kinds[r->k].header[c];
	zt_fail(r->e, ZT_ERR_INVALID, col, "%ld行目 %d列目「%s」: 「%.200s」%s", line, c + 1, col, v, tail);
	if (r->e)
		r->e->line = line;
	return 1;
}

/* Trims ASCII and ideographic spaces at both ends into out[n]. */
static void trimmed(const char *s, char *out, size_t n)
{
	while (*s == ' ' || *s == '\t' || strncmp(s, "\xe3\x80\x80", 3) == 0)
		s += *s == ' ' || *s == '\t' ? 1 : 3;
	snprintf(out, n, "%s", s);
	size_t len = strlen(out);
	for (;;) {
		if (len && (out[len - 1] == ' ' || out[len - 1] == '\t' || out[len - 1] == '\r'))
			out[--len] = '\0';
		else if (len >= 3 && strcmp(out + len - 3, "\xe3\x80\x80") == 0)
			out[len -= 3] = '\0';
		else
			break;
	}
}

/* A whole number (commas allowed as in 12,345); -1 when empty, -2 when not a number. */
static long whole(const char *s)
{
	char digits[32];
	size_t k = 0;
	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s == ',')
			continue;
		if (*s < '0' || *s > '9' || k + 1 >= sizeof digits)
			return -2;
		digits[k++] = *s;
	}
	digits[k] = '\0';
	if (k == 0)
		return -2;
	errno = 0;
	long v = strtol(digits, NULL, 10);
	return errno ? -2 : v;
}

static int on_cells(long line, int nc, const char *const *cells, void *p)
{
	struct reader *r = p;
	int want = ncols(r->k);
	char cell[8][REGION_NAME_MAX_CHARS * 4 + 1];
	bool blank = true;
	for (int c = 0; c < want; c++) {
		const char *s = c < nc && cells[c] ? csv_unguard(cells[c]) : ""; /* our export's formula guard */
		if (c == 0 && !r->header_seen && strncmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3;
		if (strlen(s) >= sizeof cell[c])
			return cell_fail(r, line, c, "…", "は長すぎます。");
		trimmed(s, cell[c], sizeof cell[c]);
		if (cell[c][0])
			blank = false;
	}
	for (int c = want; c < nc; c++)
		if (cells[c] && cells[c][0]) {
			zt_fail(r->e, ZT_ERR_INVALID, "", "%ld行目: 列が多すぎます（%d列まで）。", line, want);
			if (r->e)
				r->e->line = line;
			return 1;
		}
	if (!r->header_seen) {
		for (int c = 0; c < want; c++)
			if (strcmp(cell[c], region_kinds[r->k].header[c]) != 0)
			{
				char tail[200];
				snprintf(tail, sizeof tail, "は見出しと違います（この列は「%s」）。", region_kinds[r->k].header[c]);
				return cell_fail(r, line, c, cell[c], tail);
			}
		r->header_seen = true;
		return 0;
	}
	if (blank)
		return 0;
	struct region_row row = {.line = line, .population = -1};
	switch (r->k) {
	case REGION_MEDICAL_AREAS:
	case REGION_CARE_AREAS:
	case REGION_ASSOCIATIONS:
		snprintf(row.name, sizeof row.name, "%s", cell[0]);
		if (strlen(cell[1]) > 6)
			return cell_fail(r, line, 1, cell[1], "は市町村コード（6桁）ではありません。");
		memcpy(row.muni, cell[1], strlen(cell[1]) + 1);
		break;
	case REGION_POPULATION: {
		if (cell[2][0] == '\0')
			return 0; /* a municipality without a figure: nothing to store */
		if (strlen(cell[0]) > 6)
			return cell_fail(r, line, 0, cell[0], "は市町村コード（6桁）ではありません。");
		memcpy(row.muni, cell[0], strlen(cell[0]) + 1);
		row.population = whole(cell[2]);
		if (row.population < 0)
			return cell_fail(r, line, 2, cell[2], "は人口（整数）ではありません。");
		snprintf(row.source, sizeof row.source, "%s", cell[3]);
		long y = whole(cell[4]);
		if (y == -2 || y > 9999)
			return cell_fail(r, line, 4, cell[4], "は年（西暦4桁）ではありません。");
		row.year = y < 0 ? 0 : (int)y;
		break;
	}
	case REGION_OFFICES: {
		if (cell[3][0] == '\0' && cell[4][0] == '\0')
			return 0; /* no position given: the shipped one stays */
		if (strlen(cell[0]) > 6)
			return cell_fail(r, line, 0, cell[0], "は市町村コード（6桁）ではありません。");
		memcpy(row.muni, cell[0], strlen(cell[0]) + 1);
		snprintf(row.source, sizeof row.source, "%s", cell[2]);
		for (int c = 3; c <= 4; c++) {
			char *end = NULL;
			errno = 0;
			double v = strtod(cell[c], &end);
			if (cell[c][0] == '\0' || end == cell[c] || *end != '\0' || errno)
				return cell_fail(r, line, c, cell[c], "は数値（度）ではありません。");
			*(c == 3 ? &row.lat : &row.lon) = v;
		}
		row.has_position = true;
		break;
	}
	case REGION_ADJACENCY:
		if (strlen(cell[0]) > 6)
			return cell_fail(r, line, 0, cell[0], "は市町村コード（6桁）ではありません。");
		if (strlen(cell[2]) > 6)
			return cell_fail(r, line, 2, cell[2], "は市町村コード（6桁）ではありません。");
		memcpy(row.muni, cell[0], strlen(cell[0]) + 1);
		memcpy(row.other, cell[2], strlen(cell[2]) + 1);
		break;
	default: return 1;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		struct region_row *nr = realloc(r->rows, r->cap * sizeof *nr);
		if (nr == NULL)
			abort();
		r->rows = nr;
	}
	r->rows[r->n++] = row;
	return 0;
}

static int on_csv(const struct csv_record *rec, void *p)
{
	return on_cells(rec->line, rec->nfields, (const char *const *)rec->fields, p);
}

enum zt_err region_file_read(enum region_kind k, const char *data, size_t len, struct region_row **rows, size_t *n,
			     struct zt_error *e)
{
	*rows = NULL;
	*n = 0;
	struct reader r = {.k = k, .e = e};
	int rc;
	if (xlsx_is_zip(data, len)) {
		rc = xlsx_read(data, len, on_cells, &r, e);
	} else {
		char *text = NULL;
		size_t tlen = 0;
		if (encoding_to_utf8(data, len, &text, &tlen, e) != ZT_OK)
			return ZT_ERR_INVALID;
		long bad = 0;
		rc = csv_read(text, tlen, on_csv, &r, &bad);
		free(text);
		if (rc < 0) {
			free(r.rows);
			zt_fail(e, ZT_ERR_INVALID, "file", "%ld行目: CSVとして読めません（引用符が閉じていないなど）。", bad);
			if (e)
				e->line = bad;
			return ZT_ERR_INVALID;
		}
	}
	if (rc == 0 && !r.header_seen) {
		free(r.rows);
		return zt_fail(e, ZT_ERR_INVALID, "file", "ファイルが空です（1行目に見出しが必要です）。");
	}
	if (rc != 0) {
		free(r.rows);
		return e && e->code != ZT_OK ? e->code : ZT_ERR_INVALID;
	}
	*rows = r.rows;
	*n = r.n;
	return ZT_OK;
}

enum zt_err region_rows_from_json(enum region_kind k, const json_t *body, struct region_row **rows, size_t *n,
				  struct zt_error *e)
{
	*rows = NULL;
	*n = 0;
	const json_t *arr = json_is_object(body) ? json_object_get(body, "rows") : NULL;
	if (!json_is_array(arr))
		return zt_fail(e, ZT_ERR_INVALID, "rows", "rows（行の配列）が必要です。");
	size_t cnt = json_array_size(arr);
	if (cnt > 20000)
		return zt_fail(e, ZT_ERR_INVALID, "rows", "行が多すぎます（20,000行まで）。");
	struct region_row *out = calloc(cnt ? cnt : 1, sizeof *out);
	if (out == NULL)
		abort();
	for (size_t i = 0; i < cnt; i++) {
		const json_t *o = json_array_get(arr, i);
		struct region_row *r = &out[i];
		r->line = (long)i + 1;
		r->population = -1;
		enum zt_err rc = json_is_object(o) ? ZT_OK : zt_fail(e, ZT_ERR_INVALID, "rows", "行はオブジェクトで指定してください。");
		const char *key;
		json_t *v;
		if (rc == ZT_OK)
			json_object_foreach((json_t *)o, key, v) {
				int64_t x = 0;
				if (strcmp(key, "name") == 0)
					rc = json_field_str(v, key, r->name, sizeof r->name, e);
				else if (strcmp(key, "municipality") == 0)
					rc = json_field_str(v, key, r->muni, sizeof r->muni, e);
				else if (strcmp(key, "neighbour") == 0)
					rc = json_field_str(v, key, r->other, sizeof r->other, e);
				else if (strcmp(key, "source") == 0 || strcmp(key, "office") == 0)
					rc = json_field_str(v, key, r->source, sizeof r->source, e);
				else if (strcmp(key, "lat") == 0 || strcmp(key, "lon") == 0) {
					if (json_is_null(v))
						continue;
					if (!json_is_number(v)) {
						rc = zt_fail(e, ZT_ERR_INVALID, key, "緯度・経度は数値で入力してください。");
						break;
					}
					*(key[1] == 'a' ? &r->lat : &r->lon) = json_number_value(v);
					r->has_position = json_object_get(o, "lat") && json_object_get(o, "lon") &&
							  json_is_number(json_object_get(o, "lat")) && json_is_number(json_object_get(o, "lon"));
				}
				else if (strcmp(key, "population") == 0) {
					rc = json_is_null(v) ? ZT_OK
							     : json_field_int(v, key, 0, REGION_POPULATION_MAX, &x,
									      "人口は0から20,000,000までの整数で入力してください。", e);
					if (rc == ZT_OK && !json_is_null(v))
						r->population = (long)x;
				} else if (strcmp(key, "year") == 0) {
					rc = json_is_null(v) ? ZT_OK
							     : json_field_int(v, key, 0, 9999, &x, "年は西暦4桁で入力してください。", e);
					r->year = (int)x;
				} else if (strcmp(key, "municipality_name") == 0 || strcmp(key, "neighbour_name") == 0 ||
					   strcmp(key, "association_id") == 0 || strcmp(key, "office_name") == 0 ||
					   strcmp(key, "position_source") == 0) {
					rc = ZT_OK; /* the view's read-only members, sent back by the page */
				} else {
					rc = json_field_unknown(key, e);
				}
				if (rc != ZT_OK)
					break;
			}
		if (rc != ZT_OK) {
			free(out);
			if (e) {
				char msg[sizeof e->message];
				snprintf(msg, sizeof msg, "%zu行目: %.400s", i + 1, e->message);
				snprintf(e->message, sizeof e->message, "%s", msg);
				e->line = (long)i + 1;
			}
			return rc;
		}
	}
	(void)k;
	*rows = out;
	*n = cnt;
	return ZT_OK;
}

/* ---- export ---- */

static const char *str_of(const json_t *o, const char *key, char *tmp, size_t n)
{
	const json_t *v = json_object_get(o, key);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(tmp, n, "%lld", (long long)json_integer_value(v));
		return tmp;
	}
	if (json_is_real(v)) {
		snprintf(tmp, n, "%.7f", json_real_value(v));
		return tmp;
	}
	return "";
}

/* The cells of one view row in header order. */
static int view_cells(enum region_kind k, const json_t *o, const char *cells[5], char tmp[5][32])
{
	switch (k) {
	case REGION_POPULATION:
		cells[0] = str_of(o, "municipality", tmp[0], 32);
		cells[1] = str_of(o, "municipality_name", tmp[1], 32);
		cells[2] = str_of(o, "population", tmp[2], 32);
		cells[3] = str_of(o, "source", tmp[3], 32);
		cells[4] = str_of(o, "year", tmp[4], 32);
		return 5;
	case REGION_OFFICES:
		cells[0] = str_of(o, "municipality", tmp[0], 32);
		cells[1] = str_of(o, "municipality_name", tmp[1], 32);
		cells[2] = str_of(o, "office_name", tmp[2], 32);
		cells[3] = str_of(o, "lat", tmp[3], 32);
		cells[4] = str_of(o, "lon", tmp[4], 32);
		return 5;
	case REGION_ADJACENCY:
		cells[0] = str_of(o, "municipality", tmp[0], 32);
		cells[1] = str_of(o, "municipality_name", tmp[1], 32);
		cells[2] = str_of(o, "neighbour", tmp[2], 32);
		cells[3] = str_of(o, "neighbour_name", tmp[3], 32);
		return 4;
	default:
		cells[0] = str_of(o, "name", tmp[0], 32);
		cells[1] = str_of(o, "municipality", tmp[1], 32);
		cells[2] = str_of(o, "municipality_name", tmp[2], 32);
		return 3;
	}
}

/* s with every character CP932 lacks replaced by 〓, appended to out (UTF-8). */
static void cp932_safe(struct buf *out, const char *s)
{
	while (*s) {
		unsigned char c = (unsigned char)*s;
		size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		char *conv = NULL;
		size_t clen = 0;
		if (len == 1 || encoding_utf8_to_cp932(s, len, &conv, &clen, NULL) == ZT_OK)
			buf_addn(out, s, len);
		else
			buf_add(out, "〓");
		free(conv);
		s += strnlen(s, len);
	}
}

void region_csv_write(enum region_kind k, const json_t *view, bool cp932, char **out, size_t *len)
{
	struct buf b;
	buf_init(&b, BUF_UNCAPPED);
	struct csv_writer w;
	csv_writer_init(&w, &b, false, CSV_GUARD_ALL);
	if (!cp932)
		buf_add(&b, "\xef\xbb\xbf");
	for (int c = 0; region_kinds[k].header[c]; c++)
		csv_cell(&w, region_kinds[k].header[c]);
	csv_end_row(&w);
	size_t i;
	const json_t *o;
	json_array_foreach(view, i, o) {
		const char *cells[5];
		char tmp[5][32];
		int nc = view_cells(k, o, cells, tmp);
		for (int c = 0; c < nc; c++) {
			if (cp932) {
				struct buf s;
				buf_init(&s, BUF_UNCAPPED);
				cp932_safe(&s, cells[c]);
				csv_cell(&w, buf_ptr(&s) ? buf_ptr(&s) : "");
				buf_free(&s);
			} else {
				csv_cell(&w, cells[c]);
			}
		}
		csv_end_row(&w);
	}
	size_t n = 0;
	char *text = buf_take(&b, &n);
	if (cp932) {
		char *conv = NULL;
		size_t clen = 0;
		if (encoding_utf8_to_cp932(text ? text : "", n, &conv, &clen, NULL) == ZT_OK) {
			free(text);
			text = conv;
			n = clen;
		}
	}
	*out = text;
	*len = n;
}

enum zt_err region_xlsx_write(enum region_kind k, const json_t *view, const char *path, struct zt_error *e)
{
	lxw_workbook *wb = workbook_new(path);
	if (wb == NULL)
		return zt_fail(e, ZT_ERR_IO, "file", "XLSXファイルを作成できません。");
	lxw_worksheet *ws = workbook_add_worksheet(wb, region_kinds[k].ja);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *text = workbook_add_format(wb);
	format_set_num_format(text, "@"); /* codes stay text: leading zeros survive */
	int nc = ncols(k);
	for (int c = 0; c < nc; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, region_kinds[k].header[c], bold);
	worksheet_set_column(ws, 0, (lxw_col_t)(nc - 1), 18, text);
	size_t i;
	const json_t *o;
	json_array_foreach(view, i, o) {
		const char *cells[5];
		char tmp[5][32];
		view_cells(k, o, cells, tmp);
		for (int c = 0; c < nc; c++) {
			bool number = ((k == REGION_POPULATION && (c == 2 || c == 4)) || (k == REGION_OFFICES && c >= 3)) && cells[c][0];
			if (number)
				worksheet_write_number(ws, (lxw_row_t)(i + 1), (lxw_col_t)c, strtod(cells[c], NULL), NULL);
			else
				worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)c, cells[c], text);
		}
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		return zt_fail(e, ZT_ERR_IO, "file", "XLSXファイルを書き出せませんでした。");
	return ZT_OK;
}
