/* Import of the 地方厚生局 filing lists (seed 002 ① 地域資源の把握, issue 2 §6; see bureau_import.h). */
#include "io/bureau_import.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strmap.h"
#include "domain/bureau.h"
#include "domain/codes.h"
#include "domain/facility.h"
#include "domain/medcode.h"
#include "domain/text.h"
#include "domain/wareki.h"
#include "io/encoding.h"
#include "io/xlsx_read.h"

/* ---- what one import collects ---- */

#define MAX_PREF BUREAU_MAX_PREF

struct ctx {
	const struct bureau_options *opt;
	struct bureau_summary *sum;
	struct bureau_list *list;
	struct bureau_muni_index ix; /* reference data */
	/* header */
	bool have_header, strict_columns;
	int map[BCOL__MAX];
	int header_cells;
	/* data */
	struct strmap unknown_idx;
	size_t cap_unknown;
};

static void add_error(struct ctx *c, long line, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_error(struct ctx *c, long line, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	zt_line_error_vadd(&c->sum->errors, &c->sum->nerrors, &c->sum->error_count, BUREAU_MAX_ERRORS, line, field, fmt, ap);
	va_end(ap);
}

/* ---- reference data: prefectures and municipality names ---- */

void bureau_muni_index_load(struct bureau_muni_index *ix, const struct bureau_places *pl, struct arena *arena)
{
	memset(ix, 0, sizeof *ix);
	for (int k = 1; k < MAX_PREF; k++)
		if (pl->pref_names[k])
			snprintf(ix->pref_names[k], sizeof ix->pref_names[k], "%s", pl->pref_names[k]);
	struct strmap name_of = {0};
	for (int m = 0; m < pl->n; m++)
		strmap_put(&name_of, pl->codes[m], m);
	for (int m = 0; m < pl->n; m++) {
		int k = (int)strtol(pl->prefs[m], NULL, 10);
		if (k <= 0 || k >= MAX_PREF)
			continue;
		if (ix->nmunis[k] % 64 == 0) {
			ix->munis[k] = realloc(ix->munis[k], (size_t)(ix->nmunis[k] + 64) * sizeof *ix->munis[k]);
			if (ix->munis[k] == NULL)
				abort();
		}
		const char *name = pl->names[m];
		int parent = pl->parents[m][0] ? strmap_get(&name_of, pl->parents[m]) : -1;
		if (parent >= 0) { /* a ward: matched as city + ward */
			char full[256];
			snprintf(full, sizeof full, "%s%s", pl->names[parent], name);
			name = arena_dup(arena, full);
		}
		ix->munis[k][ix->nmunis[k]++] = (struct muni_name){pl->codes[m], name};
	}
	strmap_free(&name_of);
}

void bureau_muni_index_free(struct bureau_muni_index *ix)
{
	for (int k = 0; k < MAX_PREF; k++)
		free(ix->munis[k]);
	memset(ix, 0, sizeof *ix);
}

int bureau_muni_index_pref(const struct bureau_muni_index *ix, const char *name)
{
	size_t n = strlen(name);
	if (n == 0)
		return 0;
	for (int k = 1; k < MAX_PREF; k++) {
		const char *p = ix->pref_names[k];
		size_t pl = strlen(p);
		if (strcmp(p, name) == 0)
			return k;
		/* without the suffix 都/道/府/県 (3 bytes in UTF-8) */
		if (pl > 3 && n == pl - 3 && strncmp(p, name, n) == 0 && strcmp(p, "北海道") != 0)
			return k;
	}
	return 0;
}

void bureau_muni_index_match(const struct bureau_muni_index *ix, int pref, const char *address, char out[7])
{
	out[0] = '\0';
	if (pref <= 0 || pref >= MAX_PREF || address[0] == '\0')
		return;
	int m = bureau_match_municipality(address, ix->pref_names[pref], ix->munis[pref], ix->nmunis[pref]);
	if (m >= 0)
		snprintf(out, 7, "%s", ix->munis[pref][m].code);
}

/* Prefecture code (1–47) of a 都道府県名 cell ("茨城県", "茨城"), 0 when unknown. */
static int pref_of_name(const struct ctx *c, const char *name)
{
	return bureau_muni_index_pref(&c->ix, name);
}

/* Prefecture whose name starts the address, 0 when none. */
static int pref_of_address(const struct ctx *c, const char *addr)
{
	for (int k = 1; k < MAX_PREF; k++) {
		size_t pl = strlen(c->ix.pref_names[k]);
		if (pl && strncmp(addr, c->ix.pref_names[k], pl) == 0)
			return k;
	}
	return 0;
}

/* ---- rows ---- */

static const char *cell(const struct ctx *c, int n, const char *const *cells, enum bureau_col col)
{
	int i = c->map[col];
	return i >= 0 && i < n && cells[i] ? cells[i] : "";
}

/* True when text_normalize_width could change s: full-width ASCII (EF BC xx / EF BD xx), the
 * ideographic space (E3 80 80), control characters or edge spaces. */
static bool needs_normalizing(const char *s, size_t n)
{
	if (n == 0)
		return false;
	if (s[0] == ' ' || s[n - 1] == ' ')
		return true;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x20 || (b == 0xEF && i + 1 < n && ((unsigned char)s[i + 1] == 0xBC || (unsigned char)s[i + 1] == 0xBD)) ||
		    (b == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80))
			return true;
	}
	return false;
}

/* Normalised copy of a cell, checked against a length in characters. Returns false (and reports)
 * when too long. */
static bool get_text(struct ctx *c, long line, int n, const char *const *cells, enum bureau_col col, char *out,
		     size_t outsz, size_t max_chars)
{
	const char *raw = cell(c, n, cells, col);
	if (strnlen(raw, outsz) >= outsz) { /* bounded: a cell may be a megabyte long */
		add_error(c, line, bureau_col_names[col], "%sが長すぎます（%zu文字以内）。", bureau_col_names[col], max_chars);
		out[0] = '\0';
		return false;
	}
	size_t len = strlen(raw);
	if (!needs_normalizing(raw, len)) {
		memcpy(out, raw, len + 1); /* the common case: nothing to fold, trim or replace */
	} else {
		text_normalize_width(raw, out, outsz);
		/* line breaks inside a cell become spaces */
		for (char *p = out; *p; p++)
			if (*p == '\r' || *p == '\n' || *p == '\t')
				*p = ' ';
		len = strlen(out);
	}
	if (len > max_chars && text_char_count(out) > max_chars) {
		add_error(c, line, bureau_col_names[col], "%sが長すぎます（%zu文字以内）。", bureau_col_names[col], max_chars);
		return false;
	}
	return true;
}

/* ISO date of a date cell; "" when empty. Returns false (and reports) when not a date. */
static bool get_date(struct ctx *c, long line, int n, const char *const *cells, enum bureau_col col, char out[11])
{
	const char *raw = cell(c, n, cells, col);
	char norm[128];
	out[0] = '\0';
	if (strnlen(raw, sizeof norm) >= sizeof norm) {
		add_error(c, line, bureau_col_names[col], "%sを日付として読めません。", bureau_col_names[col]);
		return false;
	}
	text_normalize_width(raw, norm, sizeof norm);
	if (norm[0] == '\0')
		return true;
	if (wareki_parse(norm, out) == 0 || bureau_excel_serial_date(norm, out) == 0)
		return true;
	out[0] = '\0';
	add_error(c, line, bureau_col_names[col], "%s「%s」を日付として読めません（例: 令和6年4月1日）。",
		  bureau_col_names[col], norm);
	return false;
}

static int new_inst(struct ctx *c)
{
	if (c->list->ninsts == c->list->cap_insts) {
		c->list->cap_insts = c->list->cap_insts ? c->list->cap_insts * 2 : 1024;
		c->list->insts = realloc(c->list->insts, c->list->cap_insts * sizeof *c->list->insts);
		if (c->list->insts == NULL)
			abort();
	}
	struct bureau_inst *in = &c->list->insts[c->list->ninsts];
	memset(in, 0, sizeof *in);
	in->first_filing = in->last_filing = -1;
	return (int)c->list->ninsts++;
}

static void count_unknown(struct ctx *c, const char *symbol)
{
	struct bureau_summary *s = c->sum;
	int k = strmap_get(&c->unknown_idx, symbol);
	if (k < 0) {
		if (s->nunknown == c->cap_unknown) {
			c->cap_unknown = c->cap_unknown ? c->cap_unknown * 2 : 64;
			s->unknown = realloc(s->unknown, c->cap_unknown * sizeof *s->unknown);
			if (s->unknown == NULL)
				abort();
		}
		k = (int)s->nunknown++;
		s->unknown[k] = (struct bureau_symbol_count){strdup(symbol), 0};
		strmap_put(&c->unknown_idx, s->unknown[k].symbol, k);
	}
	s->unknown[k].count++;
}

static const char *opt_dup(struct ctx *c, const char *s)
{
	return s[0] ? arena_dup(&c->list->arena, s) : NULL;
}

static void data_row(struct ctx *c, long line, int n, const char *const *cells)
{
	struct bureau_summary *s = c->sum;
	long before = s->error_count;
	s->rows++;
	if (c->strict_columns && n != c->header_cells)
		add_error(c, line, "", "列の数が %d です。見出し行（%ld行目）は %d 列です。", n, s->header_line, c->header_cells);
	if (s->error_count != before)
		return; /* a shifted row would only add confusing errors */
	if (n > c->header_cells)
		for (int i = c->header_cells; i < n; i++)
			if (cells[i][0]) {
				add_error(c, line, "", "見出しのない列（%d列目）に値があります。", i + 1);
				break;
			}

	char pref_cell[64], kubun[64], number[64], name[FAC_NAME_MAX_CHARS * 4 + 1], postal[64];
	char address[FAC_ADDRESS_MAX_CHARS * 4 + 1], phone[FAC_PHONE_MAX_CHARS * 4 + 1], fax[FAC_PHONE_MAX_CHARS * 4 + 1];
	char beds_cell[128], symbol[128], filing_name[1024], filing_no[128], note[FAC_NOTE_MAX_CHARS * 4 + 1];
	char start[11], indiv[11];
	get_text(c, line, n, cells, BCOL_PREFECTURE, pref_cell, sizeof pref_cell, 10);
	get_text(c, line, n, cells, BCOL_KUBUN, kubun, sizeof kubun, 10);
	get_text(c, line, n, cells, BCOL_CODE, number, sizeof number, 20);
	get_text(c, line, n, cells, BCOL_NAME, name, sizeof name, FAC_NAME_MAX_CHARS);
	get_text(c, line, n, cells, BCOL_POSTAL, postal, sizeof postal, 12);
	get_text(c, line, n, cells, BCOL_ADDRESS, address, sizeof address, FAC_ADDRESS_MAX_CHARS);
	get_text(c, line, n, cells, BCOL_PHONE, phone, sizeof phone, FAC_PHONE_MAX_CHARS);
	get_text(c, line, n, cells, BCOL_FAX, fax, sizeof fax, FAC_PHONE_MAX_CHARS);
	get_text(c, line, n, cells, BCOL_BEDS, beds_cell, sizeof beds_cell, 40);
	get_text(c, line, n, cells, BCOL_SYMBOL, symbol, sizeof symbol, 30);
	get_text(c, line, n, cells, BCOL_FILING_NAME, filing_name, sizeof filing_name, 200);
	get_text(c, line, n, cells, BCOL_NUMBER, filing_no, sizeof filing_no, 30);
	get_text(c, line, n, cells, BCOL_NOTE, note, sizeof note, FAC_NOTE_MAX_CHARS);
	get_date(c, line, n, cells, BCOL_START, start);
	get_date(c, line, n, cells, BCOL_INDIV_START, indiv);

	/* 都道府県名 (or the address when the list has no such column) */
	int pref = 0;
	if (c->map[BCOL_PREFECTURE] >= 0) {
		pref = pref_of_name(c, pref_cell);
		if (pref == 0)
			add_error(c, line, bureau_col_names[BCOL_PREFECTURE], pref_cell[0] ? "都道府県名「%s」が不明です。" : "都道府県名がありません。%s", pref_cell);
	} else {
		pref = pref_of_address(c, address);
		if (pref == 0)
			add_error(c, line, bureau_col_names[BCOL_ADDRESS], "都道府県名の列がなく、所在地からも都道府県を判別できません。");
	}
	/* 区分 → 点数表 */
	char table = '1';
	if (c->map[BCOL_KUBUN] >= 0) {
		table = medcode_table_for(kubun);
		if (table == 0)
			add_error(c, line, bureau_col_names[BCOL_KUBUN], kubun[0] ? "区分「%s」が不明です（医科・歯科・薬局）。" : "区分がありません。%s", kubun);
	}
	/* 医療機関コード */
	char code[11] = "";
	if (number[0] == '\0') {
		add_error(c, line, bureau_col_names[BCOL_CODE], "医療機関番号がありません。");
	} else if (pref && table) {
		char pc[3] = {(char)('0' + pref / 10), (char)('0' + pref % 10), '\0'};
		int rc = medcode_from_bureau(pc, table, number, code);
		if (rc == -1)
			add_error(c, line, bureau_col_names[BCOL_CODE], "医療機関番号「%s」は7桁の番号ではありません。", number);
		else if (rc == -2)
			add_error(c, line, bureau_col_names[BCOL_CODE], "医療機関番号「%s」の検証番号（末尾の桁）が一致しません。", number);
	}
	if (name[0] == '\0')
		add_error(c, line, bureau_col_names[BCOL_NAME], "医療機関名称がありません。");
	if (symbol[0] == '\0')
		add_error(c, line, bureau_col_names[BCOL_SYMBOL], "受理記号がありません。");
	int beds = bureau_beds_total(beds_cell);
	if (beds < 0) {
		add_error(c, line, bureau_col_names[BCOL_BEDS], "病床数「%s」を数として読めません。", beds_cell);
		beds = 0;
	} else if (beds > 5000) {
		add_error(c, line, bureau_col_names[BCOL_BEDS], "病床数 %d は多すぎます（5000以下）。", beds);
	}
	if (s->error_count != before)
		return;

	/* merge into the institution of this code */
	int k = strmap_get(&c->list->by_code, code);
	struct bureau_inst *in;
	if (k < 0) {
		k = new_inst(c);
		in = &c->list->insts[k];
		in->code = arena_dup(&c->list->arena, code);
		in->line = line;
		strmap_put(&c->list->by_code, in->code, k);
		in->table = table;
		in->name = arena_dup(&c->list->arena, name);
		char digits[16];
		if (text_digits_only(postal, digits, sizeof digits) == 7) {
			char pz[9];
			snprintf(pz, sizeof pz, "%.3s-%.4s", digits, digits + 3);
			in->postal = arena_dup(&c->list->arena, pz);
		}
		in->address = opt_dup(c, address);
		in->phone = opt_dup(c, phone);
		in->fax = opt_dup(c, fax);
		in->beds = beds;
		bureau_muni_index_match(&c->ix, pref, address, in->municipality);
	} else {
		in = &c->list->insts[k];
		if (beds > in->beds)
			in->beds = beds;
		if (in->phone == NULL)
			in->phone = opt_dup(c, phone);
		if (in->fax == NULL)
			in->fax = opt_dup(c, fax);
	}
	if (c->list->nfilings == c->list->cap_filings) {
		c->list->cap_filings = c->list->cap_filings ? c->list->cap_filings * 2 : 4096;
		c->list->filings = realloc(c->list->filings, c->list->cap_filings * sizeof *c->list->filings);
		if (c->list->filings == NULL)
			abort();
	}
	int std = standard_from_symbol(symbol);
	struct bureau_filing nf = {.next = -1, .symbol = NULL, .name = opt_dup(c, filing_name), .number = opt_dup(c, filing_no),
			    .start = opt_dup(c, start[0] ? start : indiv), .note = opt_dup(c, note), .known = std >= 0};
	/* The same symbol twice for one institution: the later row wins (one filing per symbol). */
	struct bureau_filing *f = NULL;
	for (int fi = in->first_filing; fi >= 0; fi = c->list->filings[fi].next)
		if (strcmp(c->list->filings[fi].symbol, symbol) == 0) {
			f = &c->list->filings[fi];
			nf.symbol = f->symbol;
			nf.next = f->next;
			*f = nf;
			break;
		}
	if (f == NULL) {
		int fi = (int)c->list->nfilings++;
		f = &c->list->filings[fi];
		nf.symbol = arena_dup(&c->list->arena, symbol);
		*f = nf;
		if (in->last_filing >= 0)
			c->list->filings[in->last_filing].next = fi;
		else
			in->first_filing = fi;
		in->last_filing = fi;
	}
	if (std >= 0) {
		s->known_filings++;
		in->standards |= 1u << std;
		if (in->since[std] == NULL)
			in->since[std] = f->start;
	} else {
		s->unknown_filings++;
		count_unknown(c, f->symbol);
	}
}

static int on_row(struct ctx *c, long line, int n, const char *const *cells)
{
	c->sum->last_line = line;
	if (!c->have_header) {
		for (int i = 0; i < n && c->sum->as_of[0] == '\0'; i++)
			if (bureau_title_date(cells[i], c->sum->as_of) != 0)
				c->sum->as_of[0] = '\0';
		if (bureau_header_map(n, cells, c->map)) {
			c->have_header = true;
			c->sum->header_line = line;
			/* trailing empty header cells do not count */
			int w = n;
			while (w > 0 && cells[w - 1][0] == '\0')
				w--;
			c->header_cells = c->strict_columns ? n : w;
		}
		return 0;
	}
	bool blank = true;
	for (int i = 0; i < n && blank; i++)
		for (const char *p = cells[i]; *p && blank; p++)
			if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				blank = false;
	if (blank)
		return 0;
	data_row(c, line, n, cells);
	if (c->opt && c->opt->progress && c->sum->rows % 10000 == 0)
		c->opt->progress(BUREAU_PHASE_READ, c->sum->rows, 0, c->opt->progress_ctx);
	return 0;
}

/*
 * CSV records (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks) scanned in
 * place into one reused buffer — no allocation per field, which matters at 100,000 lines. Like
 * libcsv without CSV_STRICT, a quote inside an unquoted field is kept as text. Returns 0, or -1
 * with *bad_line at an unterminated quoted field.
 */
#define CSV_FIELDS_MAX 256

static int scan_csv(struct ctx *c, const char *p, size_t len, long *bad_line)
{
	const char *end = p + len;
	char *buf = malloc(len + 1);
	if (buf == NULL)
		abort();
	const char *cells[CSV_FIELDS_MAX];
	long line = 1;
	int rc = 0;
	while (p < end) {
		long rec_line = line;
		int n = 0, too_many = 0;
		char *o = buf;
		for (;;) { /* one field */
			char *start = o;
			if (p < end && *p == '"') {
				p++;
				for (;;) {
					if (p >= end) {
						*bad_line = rec_line;
						rc = -1;
						goto out;
					}
					if (*p == '"') {
						if (p + 1 < end && p[1] == '"') {
							*o++ = '"';
							p += 2;
							continue;
						}
						p++;
						break;
					}
					if (*p == '\n')
						line++;
					*o++ = *p++;
				}
			}
			while (p < end && *p != ',' && *p != '\n') /* unquoted part (or text after a closing quote) */
				*o++ = *p++;
			if (o > start && o[-1] == '\r' && (p >= end || *p == '\n'))
				o--; /* CRLF */
			*o++ = '\0';
			if (n < CSV_FIELDS_MAX)
				cells[n++] = start;
			else
				too_many = 1;
			if (p < end && *p == ',') {
				p++;
				continue;
			}
			break;
		}
		if (p < end) { /* the newline */
			p++;
			line++;
		}
		if (n == 1 && cells[0][0] == '\0')
			continue; /* an empty line */
		if (too_many && c->have_header) {
			c->sum->rows++;
			add_error(c, rec_line, "", "列が多すぎます（%d列まで）。", CSV_FIELDS_MAX);
			continue;
		}
		on_row(c, rec_line, n, cells);
	}
out:
	free(buf);
	return rc;
}

static int on_xlsx(long row, int n, const char *const *cells, void *p)
{
	return on_row(p, row, n, cells);
}

static int cmp_unknown(const void *a, const void *b)
{
	const struct bureau_symbol_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->symbol, y->symbol);
}

static void ctx_free(struct ctx *c)
{
	bureau_muni_index_free(&c->ix);
	strmap_free(&c->unknown_idx);
}

enum zt_err bureau_parse(const char *data, size_t len, const struct bureau_places *places,
			 const struct bureau_options *opt, struct bureau_list *list, struct bureau_summary *sum,
			 struct zt_error *e)
{
	memset(sum, 0, sizeof *sum);
	sum->dry_run = opt && opt->dry_run;
	struct ctx c = {.opt = opt, .sum = sum, .list = list};
	bureau_muni_index_load(&c.ix, places, &list->arena);
	enum zt_err r = ZT_OK;
	char *text = NULL;
	if (xlsx_is_zip(data, len)) {
		sum->format = "xlsx";
		struct xlsx_options xo = {.memory_budget = opt && opt->memory_budget ? opt->memory_budget
										     : BUREAU_MEMORY_DEFAULT};
		if (xlsx_read_opt(data, len, &xo, on_xlsx, &c, e) < 0) {
			r = e && e->code == ZT_ERR_TOOLARGE ? ZT_ERR_TOOLARGE : ZT_ERR_INVALID;
			goto out;
		}
	} else {
		/* Detected once; UTF-8 (found well-formed by the detection) is scanned in place. */
		const char *utf8 = data;
		size_t tlen = len;
		if (encoding_detect(data, len) == ENC_UTF8) {
			sum->format = "csv-utf8";
			if (encoding_has_bom(data, len)) {
				utf8 += 3;
				tlen -= 3;
			}
		} else {
			sum->format = "csv-cp932";
			r = encoding_to_utf8(data, len, &text, &tlen, e);
			if (r != ZT_OK)
				goto out;
			utf8 = text;
		}
		/* A BOM says "UTF-8" but proves nothing: the text is checked either way. */
		r = encoding_check_utf8(utf8, tlen, e);
		if (r != ZT_OK)
			goto out;
		c.strict_columns = true;
		long bad_line = 0;
		if (scan_csv(&c, utf8, tlen, &bad_line) < 0)
			add_error(&c, bad_line, "", "CSV の形式が壊れています（閉じられていない引用符など）。");
	}
	if (sum->nunknown > 0) /* qsort(NULL, 0) is undefined: found by tests/fuzz/fuzz_bureau_import */
		qsort(sum->unknown, sum->nunknown, sizeof *sum->unknown, cmp_unknown);
	if (!c.have_header) {
		r = zt_fail(e, ZT_ERR_INVALID, "file",
			    "見出し行（医療機関番号・医療機関名称・受理記号を含む行）が見つかりません。地方厚生局の届出受理医療機関名簿を指定してください。");
		goto out;
	}
	sum->institutions = (long)list->ninsts;
	for (size_t i = 0; i < list->ninsts; i++) {
		struct bureau_inst *in = &list->insts[i];
		const char *why = NULL;
		in->kind = bureau_resolve(in->table, in->beds, &in->standards, in->since, &why);
		if (in->kind < 0)
			add_error(&c, in->line, bureau_col_names[BCOL_SYMBOL], "医療機関番号 %s: %s", in->code + 3, why);
		else if (in->kind != KIND_HOSPITAL && in->kind != KIND_CLINIC)
			in->beds = 0; /* beds are recorded for hospitals and clinics only */
	}
	if (sum->error_count > 0)
		r = zt_fail(e, ZT_ERR_INVALID, "file", "%ld件の誤りがあります。このファイルの内容は何も登録していません。",
			    sum->error_count);
out:
	free(text);
	ctx_free(&c);
	return r;
}

int bureau_list_find(const struct bureau_list *list, const char *code)
{
	return strmap_get(&list->by_code, code);
}

void bureau_list_free(struct bureau_list *list)
{
	if (list == NULL)
		return;
	free(list->insts);
	free(list->filings);
	strmap_free(&list->by_code);
	arena_free(&list->arena);
	memset(list, 0, sizeof *list);
}

void bureau_summary_free(struct bureau_summary *sum)
{
	if (sum == NULL)
		return;
	for (size_t i = 0; i < sum->nunknown; i++)
		free(sum->unknown[i].symbol);
	free(sum->unknown);
	free(sum->errors);
	memset(sum, 0, sizeof *sum);
}

json_t *bureau_summary_json(const struct bureau_summary *s)
{
	json_t *u = json_array(), *errs = json_array();
	for (size_t i = 0; i < s->nunknown; i++)
		json_array_append_new(u, json_pack("{s:s, s:I}", "symbol", s->unknown[i].symbol, "count",
						   (json_int_t)s->unknown[i].count));
	for (size_t i = 0; i < s->nerrors; i++)
		json_array_append_new(errs, json_pack("{s:I, s:s, s:s}", "line", (json_int_t)s->errors[i].line, "field",
						      s->errors[i].field, "message", s->errors[i].message));
	json_t *o = json_pack("{s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:I, s:o}",
			 "format", s->format ? s->format : "", "dry_run", s->dry_run, "header_line",
			 (json_int_t)s->header_line, "lines", (json_int_t)s->last_line, "rows", (json_int_t)s->rows,
			 "institutions", (json_int_t)s->institutions, "inserted", (json_int_t)s->inserted, "updated",
			 (json_int_t)s->updated, "known_filings", (json_int_t)s->known_filings, "unknown_filings",
			 (json_int_t)s->unknown_filings, "unknown_symbols", u, "error_count",
			 (json_int_t)s->error_count, "errors", errs);
	json_object_set_new(o, "as_of", s->as_of[0] ? json_string(s->as_of) : json_null());
	return o;
}
