/* Import of the 地方厚生局「コード内容別医療機関一覧表」: every insured institution (issue 12 §4; see code_list_import.h). */
#include "io/code_list_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/bureau.h"
#include "domain/medcode.h"
#include "domain/text.h"
#include "io/csv_read.h"
#include "io/encoding.h"
#include "io/xlsx_read.h"

enum cl_col { CL_SEQ, CL_CODE, CL_NAME, CL_ADDRESS, CL_PHONE, CL_OPENER, CL_MANAGER, CL_DESIGNATED, CL_DETAIL, CL_KIND, CL__MAX };
static const char *const cl_names[CL__MAX] = {"項番", "医療機関番号", "医療機関名称", "医療機関所在地", "電話番号",
					      "開設者", "管理者", "指定年月日", "診療科・病床", "種別"};

#define MAX_TEXT 1024

struct cctx {
	const struct bureau_options *opt;
	struct bureau_summary *sum;
	struct bureau_list *list;
	struct code_list_info *info;
	struct bureau_muni_index ix;
	int pref;
	int map[CL__MAX];
	bool header_seen, pref_error;
	/* the block being read */
	bool in_block;
	long line;
	char cell[CL__MAX][MAX_TEXT];
	int kind, beds;
	bool suspended;
};

static void add_error(struct cctx *c, long line, const char *field, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add_error(struct cctx *c, long line, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	zt_line_error_vadd(&c->sum->errors, &c->sum->nerrors, &c->sum->error_count, BUREAU_MAX_ERRORS, line, field, fmt, ap);
	va_end(ap);
}

static const char *get(int n, const char *const *cells, int i)
{
	return i >= 0 && i < n && cells[i] ? cells[i] : "";
}

/* Normalised copy (full-width folded, line breaks as spaces, trimmed), bounded. */
static void norm(const char *raw, char *out, size_t outsz)
{
	if (strnlen(raw, MAX_TEXT) >= MAX_TEXT) {
		out[0] = '\0';
		return;
	}
	text_normalize_width(raw, out, outsz);
	for (char *p = out; *p; p++)
		if (*p == '\r' || *p == '\n' || *p == '\t')
			*p = ' ';
	size_t n = strlen(out);
	while (n && out[n - 1] == ' ')
		out[--n] = '\0';
}

static bool all_digits(const char *s)
{
	char n[64];
	norm(s, n, sizeof n);
	if (n[0] == '\0')
		return false;
	for (const char *p = n; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

/* Title rows: 「[福井県]」 (the prefecture), 「[令和 8年 7月 1日現在　薬局　現存/休止]」 (date and 点数表). */
static void title_row(struct cctx *c, int n, const char *const *cells)
{
	for (int i = 0; i < n; i++) {
		char t[256];
		norm(cells[i], t, sizeof t);
		if (t[0] == '\0')
			continue;
		if (c->sum->as_of[0] == '\0' && bureau_title_date(t, c->sum->as_of) != 0)
			c->sum->as_of[0] = '\0';
		if (strstr(t, "現在")) {
			int k = strstr(t, "歯科") ? KIND_DENTAL : strstr(t, "薬局") ? KIND_PHARMACY : strstr(t, "医科") ? KIND_CLINIC : -1;
			if (k >= 0 && c->info->table == 0)
				c->info->table = code_list_table(k);
		}
		/* 「[福井県]」, 「【福井県】」 or the bare name */
		char name[256];
		size_t len = strlen(t);
		if ((t[0] == '[' && t[len - 1] == ']') && len < sizeof name) {
			snprintf(name, sizeof name, "%.*s", (int)(len - 2), t + 1);
		} else if (strncmp(t, "【", 3) == 0 && len > 6 && strcmp(t + len - 3, "】") == 0 && len < sizeof name) {
			snprintf(name, sizeof name, "%.*s", (int)(len - 6), t + 3);
		} else {
			snprintf(name, sizeof name, "%s", len < sizeof name ? t : "");
		}
		int k = bureau_muni_index_pref(&c->ix, name);
		if (k > 0 && c->pref == 0) {
			c->pref = k;
			c->info->prefecture[0] = (char)('0' + k / 10);
			c->info->prefecture[1] = (char)('0' + k % 10);
			c->info->prefecture[2] = '\0';
		}
	}
}

/* A header row names 医療機関番号 and 医療機関名称 (and the rest by their usual words). */
static bool header_row(struct cctx *c, int n, const char *const *cells)
{
	int map[CL__MAX];
	for (int k = 0; k < CL__MAX; k++)
		map[k] = -1;
	for (int i = 0; i < n; i++) {
		char t[256];
		norm(cells[i], t, sizeof t);
		int b = bureau_col_of_header(t);
		int k = b == BCOL_SEQ ? CL_SEQ : b == BCOL_CODE ? CL_CODE : b == BCOL_NAME ? CL_NAME
			: b == BCOL_ADDRESS ? CL_ADDRESS : b == BCOL_PHONE ? CL_PHONE : b == BCOL_BEDS ? CL_DETAIL : -1;
		if (k < 0 && strstr(t, "開設者"))
			k = CL_OPENER;
		else if (k < 0 && strstr(t, "管理"))
			k = CL_MANAGER;
		else if (k < 0 && strstr(t, "指定年月日"))
			k = CL_DESIGNATED;
		else if (k < 0 && strstr(t, "診療科"))
			k = CL_DETAIL;
		else if (k < 0 && strstr(t, "種別"))
			k = CL_KIND;
		if (k >= 0 && map[k] < 0)
			map[k] = i;
	}
	if (map[CL_CODE] < 0 || map[CL_NAME] < 0)
		return false;
	if (!c->header_seen) { /* the first header decides; repeated page headers are skipped */
		memcpy(c->map, map, sizeof map);
		if (c->map[CL_SEQ] < 0)
			c->map[CL_SEQ] = map[CL_CODE] > 0 ? map[CL_CODE] - 1 : -1;
		c->header_seen = true;
	}
	return true;
}

static const char *opt_dup(struct cctx *c, const char *s)
{
	return s[0] ? arena_dup(&c->list->arena, s) : NULL;
}

/* The block read so far becomes an institution (or errors naming its first row). */
static void flush(struct cctx *c)
{
	if (!c->in_block)
		return;
	c->in_block = false;
	struct bureau_summary *s = c->sum;
	long line = c->line, before = s->error_count;
	s->rows++;
	/* 医療機関番号: the first line of the cell (a second may hold the 併設 number) */
	char first[64], digits[16];
	snprintf(first, sizeof first, "%.*s", (int)strcspn(c->cell[CL_CODE], "\n"), c->cell[CL_CODE]);
	char numtext[64];
	norm(first, numtext, sizeof numtext);
	char name[MAX_TEXT], phone[128], postal[9], address[MAX_TEXT], addr_full[MAX_TEXT + 32];
	norm(c->cell[CL_NAME], name, sizeof name);
	norm(c->cell[CL_PHONE], phone, sizeof phone);
	code_list_address(c->cell[CL_ADDRESS], postal, address, sizeof address);
	if (text_digits_only(numtext, digits, sizeof digits) != 7)
		add_error(c, line, cl_names[CL_CODE], "医療機関番号「%s」は7桁の番号ではありません。", numtext);
	if (name[0] == '\0')
		add_error(c, line, cl_names[CL_NAME], "医療機関名称がありません。");
	else if (text_char_count(name) > FAC_NAME_MAX_CHARS)
		add_error(c, line, cl_names[CL_NAME], "医療機関名称が長すぎます（%d文字以内）。", FAC_NAME_MAX_CHARS);
	if (text_char_count(address) > FAC_ADDRESS_MAX_CHARS - 10)
		add_error(c, line, cl_names[CL_ADDRESS], "所在地が長すぎます。");
	if (text_char_count(phone) > FAC_PHONE_MAX_CHARS)
		add_error(c, line, cl_names[CL_PHONE], "電話番号が長すぎます（%d文字以内）。", FAC_PHONE_MAX_CHARS);
	char table = c->kind >= 0 ? code_list_table(c->kind) : c->info->table;
	if (table == 0)
		add_error(c, line, cl_names[CL_KIND], "種別（病院・診療所・歯科・薬局）が分からず、点数表を決められません。");
	if (c->pref == 0 && !c->pref_error) {
		add_error(c, line, "", "都道府県が分かりません（見出しの「[○○県]」がありません）。都道府県を指定してください。");
		c->pref_error = true;
	}
	if (s->error_count != before || c->pref == 0)
		return;
	char pc[3] = {(char)('0' + c->pref / 10), (char)('0' + c->pref % 10), '\0'}, code[11];
	int rc = medcode_from_bureau(pc, table, digits, code);
	if (rc != 0) {
		add_error(c, line, cl_names[CL_CODE], "医療機関番号「%s」の検証番号（末尾の桁）が一致しません。", numtext);
		return;
	}
	if (strmap_get(&c->list->by_code, code) >= 0) {
		add_error(c, line, cl_names[CL_CODE], "医療機関番号「%s」が二度あります。", numtext);
		return;
	}
	/* the address as the 施設基準 lists print it: with the prefecture */
	const char *pn = c->ix.pref_names[c->pref];
	if (address[0] && strncmp(address, pn, strlen(pn)) != 0)
		snprintf(addr_full, sizeof addr_full, "%s%s", pn, address);
	else
		snprintf(addr_full, sizeof addr_full, "%s", address);
	if (c->list->ninsts == c->list->cap_insts) {
		c->list->cap_insts = c->list->cap_insts ? c->list->cap_insts * 2 : 1024;
		c->list->insts = realloc(c->list->insts, c->list->cap_insts * sizeof *c->list->insts);
		if (c->list->insts == NULL)
			abort();
	}
	struct bureau_inst *in = &c->list->insts[c->list->ninsts];
	memset(in, 0, sizeof *in);
	in->first_filing = in->last_filing = -1;
	in->line = line;
	in->code = arena_dup(&c->list->arena, code);
	in->name = arena_dup(&c->list->arena, name);
	in->postal = opt_dup(c, postal);
	in->address = opt_dup(c, addr_full);
	in->phone = opt_dup(c, phone);
	in->table = table;
	in->beds = c->beds;
	in->kind = c->kind >= 0 ? c->kind : (int)bureau_kind(table, c->beds > 0 ? c->beds : 0);
	if (in->kind != KIND_HOSPITAL && in->kind != KIND_CLINIC)
		in->beds = 0;
	bureau_muni_index_match(&c->ix, c->pref, addr_full, in->municipality);
	strmap_put(&c->list->by_code, in->code, (int)c->list->ninsts);
	c->list->ninsts++;
	if (c->suspended)
		c->info->suspended++;
}

/* Adds what a block row says about kind, state and beds. */
static void block_detail(struct cctx *c, int n, const char *const *cells)
{
	char k[128];
	norm(get(n, cells, c->map[CL_KIND]), k, sizeof k);
	if (strcmp(k, "休止") == 0)
		c->suspended = true;
	else if (c->kind < 0 && k[0])
		c->kind = code_list_kind(k);
	int b = code_list_beds(get(n, cells, c->map[CL_DETAIL]));
	if (b >= 0)
		c->beds = (c->beds < 0 ? 0 : c->beds) + b;
}

static int on_row(long line, int n, const char *const *cells, void *p)
{
	struct cctx *c = p;
	c->sum->last_line = line;
	const char *seq = get(n, cells, c->map[CL_SEQ]);
	if (all_digits(seq) && get(n, cells, c->map[CL_CODE])[0]) { /* a block starts */
		flush(c);
		c->in_block = true;
		c->line = line;
		for (int k = 0; k < CL__MAX; k++)
			snprintf(c->cell[k], sizeof c->cell[k], "%s", strnlen(get(n, cells, c->map[k]), MAX_TEXT) < MAX_TEXT ? get(n, cells, c->map[k]) : "");
		c->kind = -1;
		c->beds = -1;
		c->suspended = false;
		block_detail(c, n, cells);
		if (c->opt && c->opt->progress && c->sum->rows % 10000 == 0)
			c->opt->progress(BUREAU_PHASE_READ, c->sum->rows, 0, c->opt->progress_ctx);
		return 0;
	}
	bool text = false;
	for (int i = 0; i < n && !text; i++)
		text = strstr(cells[i], "コード内容別") != NULL || strstr(cells[i], "現在") != NULL || cells[i][0] == '[';
	if (header_row(c, n, cells) || text) { /* a page's title or header ends a block */
		flush(c);
		title_row(c, n, cells);
		return 0;
	}
	if (c->in_block)
		block_detail(c, n, cells);
	else
		title_row(c, n, cells);
	return 0;
}

static int on_csv(const struct csv_record *rec, void *p)
{
	return on_row(rec->line, rec->nfields, (const char *const *)rec->fields, p);
}

enum zt_err code_list_parse(const char *data, size_t len, const struct bureau_places *places, const char *pref_hint,
			    const struct bureau_options *opt, struct bureau_list *list, struct bureau_summary *sum,
			    struct code_list_info *info, struct zt_error *e)
{
	memset(sum, 0, sizeof *sum);
	memset(info, 0, sizeof *info);
	sum->dry_run = opt && opt->dry_run;
	struct cctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		abort();
	*c = (struct cctx){.opt = opt, .sum = sum, .list = list, .info = info};
	for (int k = 0; k < CL__MAX; k++)
		c->map[k] = k; /* the common layout A–J (近畿・北海道) until a header row says otherwise */
	bureau_muni_index_load(&c->ix, places, &list->arena);
	if (pref_hint && pref_hint[0]) {
		c->pref = (int)strtol(pref_hint, NULL, 10);
		snprintf(info->prefecture, sizeof info->prefecture, "%.2s", pref_hint);
	}
	enum zt_err r = ZT_OK;
	char *text = NULL;
	if (xlsx_is_zip(data, len)) {
		sum->format = "xlsx";
		struct xlsx_options xo = {.memory_budget = opt && opt->memory_budget ? opt->memory_budget : BUREAU_MEMORY_DEFAULT};
		if (xlsx_read_opt(data, len, &xo, on_row, c, e) < 0) {
			r = e && e->code == ZT_ERR_TOOLARGE ? ZT_ERR_TOOLARGE : ZT_ERR_INVALID;
			goto out;
		}
	} else {
		size_t tlen;
		sum->format = encoding_detect(data, len) == ENC_UTF8 ? "csv-utf8" : "csv-cp932";
		r = encoding_to_utf8(data, len, &text, &tlen, e);
		if (r != ZT_OK)
			goto out;
		long bad = 0;
		int rc = csv_read(text, tlen, on_csv, c, &bad);
		if (rc < 0)
			add_error(c, bad, "", "CSV の形式が壊れています（閉じられていない引用符など）。");
	}
	flush(c);
	sum->institutions = (long)list->ninsts;
	if (sum->rows == 0 && sum->error_count == 0) {
		r = zt_fail(e, ZT_ERR_INVALID, "file",
			    "医療機関の行（項番と医療機関番号のある行）が見つかりません。地方厚生局のコード内容別医療機関一覧表を指定してください。");
		goto out;
	}
	if (sum->error_count > 0)
		r = zt_fail(e, ZT_ERR_INVALID, "file", "%ld件の誤りがあります。このファイルの内容は何も登録していません。",
			    sum->error_count);
out:
	free(text);
	bureau_muni_index_free(&c->ix);
	free(c);
	return r;
}
