/* First worksheet of an .xlsx as rows of strings, for the bureau lists as downloaded (issue 2 §6;
 * bounded per issue 11 §5; see xlsx_read.h). */
#include "io/xlsx_read.h"

#include <libxml/xmlreader.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/arena.h"
#include "core/buf.h"

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

bool xlsx_is_zip(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

/* Reads a whole small part of the archive (workbook, relationships); NULL when absent or larger
 * than max. */
static char *read_part(zip_t *za, const char *name, size_t max, size_t *len)
{
	zip_stat_t zs;
	zip_stat_init(&zs);
	if (zip_stat(za, name, 0, &zs) != 0 || !(zs.valid & ZIP_STAT_SIZE) || zs.size > max)
		return NULL;
	zip_file_t *zf = zip_fopen(za, name, 0);
	if (zf == NULL)
		return NULL;
	char *data = malloc(zs.size + 1);
	if (data == NULL)
		abort();
	zip_int64_t got = 0;
	while ((zip_uint64_t)got < zs.size) {
		zip_int64_t n = zip_fread(zf, data + got, zs.size - (zip_uint64_t)got);
		if (n <= 0)
			break;
		got += n;
	}
	zip_fclose(zf);
	if ((zip_uint64_t)got != zs.size) {
		free(data);
		return NULL;
	}
	data[got] = '\0';
	*len = (size_t)got;
	return data;
}

/* A part streamed out of the zip into libxml2, at most XLSX_PART_MAX bytes (a zip-bomb guard). */
struct part_stream {
	zip_file_t *zf;
	zip_uint64_t done;
};

static int stream_read(void *p, char *out, int len)
{
	struct part_stream *s = p;
	if (s->done >= XLSX_PART_MAX)
		return -1;
	zip_int64_t n = zip_fread(s->zf, out, (zip_uint64_t)len);
	if (n < 0)
		return -1;
	s->done += (zip_uint64_t)n;
	return (int)n;
}

static int stream_close(void *p)
{
	struct part_stream *s = p;
	zip_fclose(s->zf);
	free(s);
	return 0;
}

static const int xml_options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

/* A streaming reader over a part; NULL when the part is absent. */
static xmlTextReaderPtr open_part(zip_t *za, const char *name)
{
	zip_file_t *zf = zip_fopen(za, name, 0);
	if (zf == NULL)
		return NULL;
	struct part_stream *s = malloc(sizeof *s);
	if (s == NULL)
		abort();
	*s = (struct part_stream){zf, 0};
	/* on failure libxml2 calls stream_close itself */
	return xmlReaderForIO(stream_read, stream_close, s, NULL, NULL, xml_options);
}

static xmlTextReaderPtr reader_for(const char *data, size_t len)
{
	return xmlReaderForMemory(data, (int)len, NULL, NULL, xml_options);
}

static int is_elem(xmlTextReaderPtr r, int type, const char *local)
{
	return xmlTextReaderNodeType(r) == type && strcmp((const char *)xmlTextReaderConstLocalName(r), local) == 0;
}

/* Collects the text inside the current element (reader on its start tag) into b, skipping the
 * phonetic guides (<rPh>) of Japanese shared strings. -1 on broken XML, -2 when b is full. */
static int read_text(xmlTextReaderPtr r, struct buf *b)
{
	if (xmlTextReaderIsEmptyElement(r))
		return 0;
	int depth = xmlTextReaderDepth(r), skip_depth = -1, rc;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r), d = xmlTextReaderDepth(r);
		if (type == XML_READER_TYPE_END_ELEMENT && d == depth)
			return 0;
		if (type == XML_READER_TYPE_ELEMENT && skip_depth < 0 &&
		    strcmp((const char *)xmlTextReaderConstLocalName(r), "rPh") == 0 && !xmlTextReaderIsEmptyElement(r))
			skip_depth = d;
		else if (type == XML_READER_TYPE_END_ELEMENT && d == skip_depth)
			skip_depth = -1;
		else if (skip_depth < 0 && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
					    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			const char *v = (const char *)xmlTextReaderConstValue(r);
			if (v && buf_add(b, v) != ZT_OK)
				return -2;
		}
	}
	return rc < 0 ? -1 : 0;
}

/* The shared string table: every <si> once, in an arena; cells point into it. */
struct sst {
	const char **s;
	size_t n, cap;
	struct arena arena;
};

static size_t sst_bytes(const struct sst *t)
{
	return t->arena.bytes + t->cap * sizeof *t->s;
}

/* 0, -1 on broken XML, -2 over the budget. */
static int load_sst(zip_t *za, struct sst *t, size_t budget)
{
	xmlTextReaderPtr r = open_part(za, "xl/sharedStrings.xml");
	if (r == NULL)
		return 0; /* workbooks with only inline strings have none */
	struct buf b;
	buf_init(&b, budget);
	int rc = 0;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		if (!is_elem(r, XML_READER_TYPE_ELEMENT, "si"))
			continue;
		buf_reset(&b);
		if ((rc = read_text(r, &b)) < 0)
			break;
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 256;
			t->s = realloc(t->s, t->cap * sizeof *t->s);
			if (t->s == NULL)
				abort();
		}
		t->s[t->n++] = arena_dupn(&t->arena, buf_ptr(&b), b.len);
		if (sst_bytes(t) + b.cap > budget) {
			rc = -2;
			break;
		}
	}
	xmlFreeTextReader(r);
	buf_free(&b);
	return rc;
}

static void free_sst(struct sst *t)
{
	free(t->s);
	arena_free(&t->arena);
}

/* Path of the first worksheet: workbook.xml's first <sheet r:id>, resolved through its rels. */
static void first_sheet_path(zip_t *za, char *out, size_t outsz)
{
	snprintf(out, outsz, "xl/worksheets/sheet1.xml");
	size_t len;
	char *wb = read_part(za, "xl/workbook.xml", 16u << 20, &len);
	char rid[64] = "";
	if (wb) {
		xmlTextReaderPtr r = reader_for(wb, len);
		while (r && xmlTextReaderRead(r) == 1) {
			if (is_elem(r, XML_READER_TYPE_ELEMENT, "sheet")) {
				xmlChar *id = xmlTextReaderGetAttributeNs(r, (const xmlChar *)"id", (const xmlChar *)NS_REL);
				if (id)
					snprintf(rid, sizeof rid, "%s", (const char *)id);
				xmlFree(id);
				break;
			}
		}
		xmlFreeTextReader(r);
		free(wb);
	}
	if (!rid[0])
		return;
	char *rels = read_part(za, "xl/_rels/workbook.xml.rels", 16u << 20, &len);
	if (rels == NULL)
		return;
	xmlTextReaderPtr r = reader_for(rels, len);
	while (r && xmlTextReaderRead(r) == 1) {
		if (!is_elem(r, XML_READER_TYPE_ELEMENT, "Relationship"))
			continue;
		xmlChar *id = xmlTextReaderGetAttribute(r, (const xmlChar *)"Id");
		xmlChar *target = xmlTextReaderGetAttribute(r, (const xmlChar *)"Target");
		if (id && target && strcmp((const char *)id, rid) == 0) {
			const char *t = (const char *)target;
			if (t[0] == '/')
				snprintf(out, outsz, "%s", t + 1);
			else
				snprintf(out, outsz, "xl/%s", t);
		}
		xmlFree(id);
		xmlFree(target);
	}
	xmlFreeTextReader(r);
	free(rels);
}

/* Row number of digits[0..]: 1..XLSX_MAX_ROW, -1 when malformed or out of range. */
static long row_of_digits(const char *s)
{
	long row = 0;
	if (*s < '1' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		row = row * 10 + (*s - '0');
		if (row > XLSX_MAX_ROW)
			return -1;
	}
	return *s ? -1 : row;
}

/* Column index (0-based) of a cell reference such as "AB12" (letters A..XFD, then a row number);
 * -1 when malformed or out of Excel's range. */
static int col_of_ref(const char *ref)
{
	int col = 0, n = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
		if (++n > 3)
			return -1;
		col = col * 26 + (*ref - 'A' + 1);
	}
	if (n == 0 || col > XLSX_MAX_COLUMN || row_of_digits(ref) < 0)
		return -1;
	return col - 1;
}

/* One row: each cell either points at a shared string or at text kept in the row's buffer
 * (by offset, since the buffer may move while it grows). */
struct row {
	const char *shared[XLSX_MAX_COLS];
	size_t off[XLSX_MAX_COLS];
	signed char state[XLSX_MAX_COLS]; /* 0 empty, 1 shared, 2 own */
	int n;
	struct buf text;
};

static int row_set_shared(struct row *w, int col, const char *v)
{
	if (col < 0 || col >= XLSX_MAX_COLS)
		return 0;
	if (w->n <= col)
		w->n = col + 1;
	w->state[col] = 1;
	w->shared[col] = v;
	return 0;
}

/* -2 when the row's text goes over the budget. */
static int row_set_own(struct row *w, int col, const char *v, size_t len)
{
	if (col < 0 || col >= XLSX_MAX_COLS)
		return 0;
	if (w->n <= col)
		w->n = col + 1;
	w->state[col] = 2;
	w->off[col] = w->text.len;
	return buf_addn(&w->text, v, len + 1) == ZT_OK ? 0 : -2; /* with its NUL */
}

static void row_clear(struct row *w)
{
	memset(w->state, 0, sizeof w->state);
	w->n = 0;
	buf_reset(&w->text);
}

static int row_emit(struct row *w, long rownum, xlsx_row_fn fn, void *ctx)
{
	const char *cells[XLSX_MAX_COLS];
	int any = 0;
	for (int i = 0; i < w->n; i++) {
		cells[i] = w->state[i] == 1 ? w->shared[i] : w->state[i] == 2 ? w->text.p + w->off[i] : "";
		if (cells[i][0])
			any = 1;
	}
	return any ? fn(rownum, w->n, cells, ctx) : 0;
}

static int over_budget(struct zt_error *e, size_t budget)
{
	zt_fail(e, ZT_ERR_TOOLARGE, "file",
		"XLSX の内容が大きすぎます（読み込みに %zu MiB を超えるメモリが必要です）。不要なシートや列を削除するか、CSV で保存して取り込んでください。",
		budget >> 20);
	return -1;
}

int xlsx_read(const char *data, size_t len, xlsx_row_fn fn, void *ctx, struct zt_error *e)
{
	return xlsx_read_opt(data, len, NULL, fn, ctx, e);
}

int xlsx_read_opt(const char *data, size_t len, const struct xlsx_options *opt, xlsx_row_fn fn, void *ctx,
		  struct zt_error *e)
{
	size_t budget = opt && opt->memory_budget ? opt->memory_budget : XLSX_MEMORY_DEFAULT;
	if (!xlsx_is_zip(data, len)) {
		zt_fail(e, ZT_ERR_INVALID, "file", "XLSX ファイルではありません。");
		return -1;
	}
	zip_error_t zerr;
	zip_error_init(&zerr);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
	if (za == NULL) {
		zip_source_free(src);
		zip_error_fini(&zerr);
		zt_fail(e, ZT_ERR_INVALID, "file", "XLSX ファイルを開けません（壊れた zip です）。");
		return -1;
	}
	zip_error_fini(&zerr);
	struct sst sst = {0};
	char path[512];
	int result = 0;
	int src_rc = load_sst(za, &sst, budget);
	if (src_rc == -2) {
		result = over_budget(e, budget);
		goto out;
	}
	if (src_rc < 0) {
		zt_fail(e, ZT_ERR_INVALID, "file", "XLSX の共有文字列（sharedStrings.xml）を読めません。");
		result = -1;
		goto out;
	}
	first_sheet_path(za, path, sizeof path);
	xmlTextReaderPtr r = open_part(za, path);
	if (r == NULL) {
		zt_fail(e, ZT_ERR_INVALID, "file", "XLSX にワークシートが見つかりません。");
		result = -1;
		goto out;
	}
	size_t left = budget > sst_bytes(&sst) ? budget - sst_bytes(&sst) : 0;
	struct row *w = calloc(1, sizeof *w);
	if (w == NULL)
		abort();
	buf_init(&w->text, left / 2);
	struct buf b;
	buf_init(&b, left / 2);
	long rownum = 0;
	int next_col = 0, rc = 0;
	char ctype[16] = "";
	int ccol = -1;
	while (result == 0 && (rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *name = (const char *)xmlTextReaderConstLocalName(r);
		if (type == XML_READER_TYPE_ELEMENT && strcmp(name, "row") == 0) {
			row_clear(w);
			xmlChar *rr = xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
			long n = rr ? row_of_digits((const char *)rr) : rownum + 1;
			if (n < 0 || n > XLSX_MAX_ROW) {
				zt_fail(e, ZT_ERR_INVALID, "file", "XLSX の行番号「%.20s」が正しくありません（%ld行目の次）。",
					rr ? (const char *)rr : "", rownum);
				if (e)
					e->line = rownum + 1;
				result = -1;
			}
			xmlFree(rr);
			rownum = n;
			next_col = 0;
			if (xmlTextReaderIsEmptyElement(r))
				continue;
		} else if (type == XML_READER_TYPE_ELEMENT && strcmp(name, "c") == 0) {
			xmlChar *ref = xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
			xmlChar *t = xmlTextReaderGetAttribute(r, (const xmlChar *)"t");
			ccol = ref ? col_of_ref((const char *)ref) : next_col;
			if (ccol < 0) {
				zt_fail(e, ZT_ERR_INVALID, "file", "XLSX のセル参照「%.20s」が正しくありません（%ld行目）。",
					ref ? (const char *)ref : "", rownum);
				if (e)
					e->line = rownum;
				result = -1;
			}
			snprintf(ctype, sizeof ctype, "%s", t ? (const char *)t : "n");
			xmlFree(ref);
			xmlFree(t);
			next_col = ccol + 1;
		} else if (type == XML_READER_TYPE_ELEMENT && (strcmp(name, "v") == 0 || strcmp(name, "is") == 0)) {
			buf_reset(&b);
			int tr = read_text(r, &b);
			if (tr == -2) {
				result = over_budget(e, budget);
				break;
			}
			if (tr < 0) {
				rc = -1;
				break;
			}
			const char *v = buf_ptr(&b);
			int sr = 0;
			if (strcmp(ctype, "s") == 0) {
				char *end;
				long k = strtol(v, &end, 10);
				sr = row_set_shared(w, ccol, (*end == '\0' && k >= 0 && (size_t)k < sst.n) ? sst.s[k] : "");
			} else if (strcmp(ctype, "b") == 0) {
				sr = row_set_shared(w, ccol, strcmp(v, "1") == 0 ? "TRUE" : "FALSE");
			} else {
				sr = row_set_own(w, ccol, v, b.len);
			}
			if (sr < 0)
				result = over_budget(e, budget);
		} else if (type == XML_READER_TYPE_END_ELEMENT && strcmp(name, "row") == 0) {
			result = row_emit(w, rownum, fn, ctx);
			row_clear(w);
		}
	}
	if (rc < 0 && result == 0) {
		zt_fail(e, ZT_ERR_INVALID, "file", "XLSX のワークシートを読めません（%ld行目付近で XML が壊れています）。", rownum);
		result = -1;
	}
	buf_free(&w->text);
	free(w);
	buf_free(&b);
	xmlFreeTextReader(r);
out:
	free_sst(&sst);
	zip_discard(za);
	return result;
}
