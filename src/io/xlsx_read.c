/* First worksheet of an .xlsx as rows of strings, for the bureau lists as downloaded (issue 2 §6;
 * see xlsx_read.h). */
#include "io/xlsx_read.h"

#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

bool xlsx_is_zip(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

/* A growable string. */
struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (b->s == NULL)
			abort();
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

/* Reads a whole part of the archive; NULL when absent or too large. */
static char *read_part(zip_t *za, const char *name, size_t *len)
{
	zip_stat_t zs;
	zip_stat_init(&zs);
	if (zip_stat(za, name, 0, &zs) != 0 || !(zs.valid & ZIP_STAT_SIZE) || zs.size > XLSX_PART_MAX)
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

static xmlTextReaderPtr reader_for(const char *data, size_t len)
{
	return xmlReaderForMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static int is_elem(xmlTextReaderPtr r, int type, const char *local)
{
	return xmlTextReaderNodeType(r) == type && strcmp((const char *)xmlTextReaderConstLocalName(r), local) == 0;
}

/* Collects the text inside the current element (reader on its start tag) into b, skipping the
 * phonetic guides (<rPh>) of Japanese shared strings. */
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
			if (v)
				buf_add(b, v, strlen(v));
		}
	}
	return rc < 0 ? -1 : 0;
}

/* The shared string table: every <si> as one string. */
struct sst {
	char **s;
	size_t n, cap;
};

static int load_sst(zip_t *za, struct sst *t)
{
	size_t len;
	char *data = read_part(za, "xl/sharedStrings.xml", &len);
	if (data == NULL)
		return 0; /* workbooks with only inline strings have none */
	xmlTextReaderPtr r = reader_for(data, len);
	struct buf b = {0};
	int rc = r ? 0 : -1;
	while (r && (rc = xmlTextReaderRead(r)) == 1) {
		if (!is_elem(r, XML_READER_TYPE_ELEMENT, "si"))
			continue;
		buf_clear(&b);
		buf_add(&b, "", 0);
		if (read_text(r, &b) < 0) {
			rc = -1;
			break;
		}
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 256;
			t->s = realloc(t->s, t->cap * sizeof *t->s);
			if (t->s == NULL)
				abort();
		}
		t->s[t->n++] = strdup(b.s);
	}
	xmlFreeTextReader(r);
	free(b.s);
	free(data);
	return rc < 0 ? -1 : 0;
}

static void free_sst(struct sst *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
}

/* Path of the first worksheet: workbook.xml's first <sheet r:id>, resolved through its rels. */
static void first_sheet_path(zip_t *za, char *out, size_t outsz)
{
	snprintf(out, outsz, "xl/worksheets/sheet1.xml");
	size_t len;
	char *wb = read_part(za, "xl/workbook.xml", &len);
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
	char *rels = read_part(za, "xl/_rels/workbook.xml.rels", &len);
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

/* Column index (0-based) of a cell reference such as "AB12"; -1 when malformed. */
static int col_of_ref(const char *ref)
{
	int col = 0, n = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++, n++)
		col = col * 26 + (*ref - 'A' + 1);
	if (n == 0 || n > 3)
		return -1;
	return col - 1;
}

struct row {
	char *cells[XLSX_MAX_COLS];
	int n;
};

static void row_set(struct row *w, int col, const char *v)
{
	if (col < 0 || col >= XLSX_MAX_COLS)
		return;
	while (w->n <= col)
		w->cells[w->n++] = NULL;
	free(w->cells[col]);
	w->cells[col] = strdup(v);
}

static void row_clear(struct row *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->cells[i]);
	w->n = 0;
}

int xlsx_read(const char *data, size_t len, xlsx_row_fn fn, void *ctx, struct zt_error *e)
{
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
	size_t slen = 0;
	char *sheet = NULL;
	int result = 0;
	if (load_sst(za, &sst) < 0) {
		zt_fail(e, ZT_ERR_INVALID, "file", "XLSX の共有文字列（sharedStrings.xml）を読めません。");
		result = -1;
		goto out;
	}
	first_sheet_path(za, path, sizeof path);
	sheet = read_part(za, path, &slen);
	if (sheet == NULL) {
		zt_fail(e, ZT_ERR_INVALID, "file", "XLSX にワークシートが見つかりません。");
		result = -1;
		goto out;
	}
	xmlTextReaderPtr r = reader_for(sheet, slen);
	struct row w = {.n = 0};
	struct buf b = {0};
	long rownum = 0;
	int next_col = 0, rc = r ? 0 : -1;
	char ctype[16] = "";
	int ccol = -1;
	while (r && result == 0 && (rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *name = (const char *)xmlTextReaderConstLocalName(r);
		if (type == XML_READER_TYPE_ELEMENT && strcmp(name, "row") == 0) {
			row_clear(&w);
			xmlChar *rr = xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
			rownum = rr ? strtol((const char *)rr, NULL, 10) : rownum + 1;
			xmlFree(rr);
			next_col = 0;
			if (xmlTextReaderIsEmptyElement(r))
				continue;
		} else if (type == XML_READER_TYPE_ELEMENT && strcmp(name, "c") == 0) {
			xmlChar *ref = xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
			xmlChar *t = xmlTextReaderGetAttribute(r, (const xmlChar *)"t");
			ccol = ref ? col_of_ref((const char *)ref) : next_col;
			snprintf(ctype, sizeof ctype, "%s", t ? (const char *)t : "n");
			xmlFree(ref);
			xmlFree(t);
			next_col = ccol + 1;
		} else if (type == XML_READER_TYPE_ELEMENT && (strcmp(name, "v") == 0 || strcmp(name, "is") == 0)) {
			buf_clear(&b);
			buf_add(&b, "", 0);
			if (read_text(r, &b) < 0) {
				rc = -1;
				break;
			}
			const char *v = b.s;
			if (strcmp(ctype, "s") == 0) {
				char *end;
				long k = strtol(b.s, &end, 10);
				v = (*end == '\0' && k >= 0 && (size_t)k < sst.n) ? sst.s[k] : "";
			} else if (strcmp(ctype, "b") == 0) {
				v = strcmp(b.s, "1") == 0 ? "TRUE" : "FALSE";
			}
			row_set(&w, ccol, v);
		} else if (type == XML_READER_TYPE_END_ELEMENT && strcmp(name, "row") == 0) {
			int any = 0;
			for (int i = 0; i < w.n; i++) {
				if (w.cells[i] == NULL)
					w.cells[i] = strdup("");
				else if (w.cells[i][0])
					any = 1;
			}
			if (any)
				result = fn(rownum, w.n, (const char *const *)w.cells, ctx);
			row_clear(&w);
		}
	}
	if (rc < 0 && result == 0) {
		zt_fail(e, ZT_ERR_INVALID, "file", "XLSX のワークシートを読めません（%ld行目付近で XML が壊れています）。", rownum);
		result = -1;
	}
	row_clear(&w);
	free(b.s);
	xmlFreeTextReader(r);
out:
	free(sheet);
	free_sst(&sst);
	zip_discard(za);
	return result;
}
