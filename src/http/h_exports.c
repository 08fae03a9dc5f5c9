/*
 * GET /api/v1/facilities.xlsx and .csv — the registry, or the registry page's current filter, as
 * a spreadsheet (issue 12 §5): Japanese headings, codes as text, 和暦 in the title; CSV in UTF-8
 * with BOM or in CP932 where a character CP932 lacks becomes 〓 and is reported in the headers
 * X-Zaitaku-Replaced (count) and X-Zaitaku-Replaced-Lines (the first lines), never aborting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_imports.h"
#include "auth/policy.h"
#include "core/buf.h"
#include "core/clock.h"
#include "http/facility_query.h"
#include "http/h_imports.h"
#include "http/reply_file.h"
#include "io/encoding.h"
#include "io/facility_csv.h"
#include "io/facility_xlsx.h"
#include "store/store.h"

static const char *req_get(void *ctx, const char *key)
{
	return http_query(ctx, key);
}

static int req_each(void *ctx, const char *key, void (*fn)(const char *value, void *fctx), void *fctx)
{
	return http_query_each(ctx, key, fn, fctx);
}

/* Calls fn for every institution of the filter in the query (all of them without one). */
static enum zt_err each_selected(struct http_request *req, void (*fn)(const struct facility *f, void *ctx), void *ctx,
				 struct zt_error *e)
{
	struct facility_filter flt;
	struct query_source q = {req_get, req_each, req};
	enum zt_err r = facility_query_parse(&q, &flt, e);
	if (r != ZT_OK)
		return r;
	static const char *const keys[] = {"municipality", "area", "medical_area", "kind", "standard", "capability",
					   "h24", "home_care", "include_unknown", "near", "within_km", "q"};
	const char *all = http_query(req, "all");
	bool filtered = false;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0] && !(all && strcmp(all, "1") == 0); i++)
		filtered = filtered || http_query(req, keys[i]) != NULL;
	if (!filtered)
		return store_facility_each(req->store, fn, ctx, e);
	flt.limit = 500;
	for (flt.offset = 0;; flt.offset += flt.limit) {
		struct facility *rows;
		size_t n, total;
		r = store_facility_search(req->store, &flt, &rows, &n, &total, e);
		if (r != ZT_OK)
			return r;
		for (size_t i = 0; i < n; i++)
			fn(&rows[i], ctx);
		free(rows);
		if (n == 0 || (size_t)flt.offset + n >= total)
			return ZT_OK;
	}
}

static void add_xlsx(const struct facility *f, void *x)
{
	facility_xlsx_add(x, f);
}

/* Access: the registry is public information; a bulk copy is for the roles that maintain it, which
 * the route's role gate (ACT_REGISTRY_WRITE: admin, prefecture staff, coordinators) has checked. */
struct xlsx_selection {
	struct http_request *req;
};

static enum zt_err write_facilities_xlsx(const char *path, const void *vctx, struct zt_error *e)
{
	const struct xlsx_selection *c = vctx;
	char today[11];
	zt_today_jst(today);
	struct facility_xlsx *x = facility_xlsx_open(path, "医療機関一覧", today, e);
	if (x == NULL)
		return ZT_ERR_IO;
	enum zt_err r = each_selected(c->req, add_xlsx, x, e);
	struct zt_error ce;
	zt_error_clear(&ce);
	enum zt_err rc = facility_xlsx_close(x, &ce);
	if (r == ZT_OK && rc != ZT_OK) {
		r = rc;
		*e = ce;
	}
	return r;
}

void h_facilities_xlsx(struct http_request *req, struct http_reply *rep)
{
	struct xlsx_selection c = {req};
	reply_written_file(rep, write_facilities_xlsx, &c, "XLSXファイル", XLSX_CONTENT_TYPE,
			   "attachment; filename=\"facilities.xlsx\"");
}

static void add_csv(const struct facility *f, void *b)
{
	facility_csv_append(b, f);
}

void h_facilities_csv(struct http_request *req, struct http_reply *rep)
{
	const char *enc = http_query(req, "encoding");
	bool cp932 = enc && strcmp(enc, "cp932") == 0;
	if (enc && !cp932 && strcmp(enc, "utf8") != 0 && strcmp(enc, "utf-8") != 0) {
		reply_fail(rep, ZT_ERR_INVALID, "encoding", "encoding は utf8 か cp932 で指定してください。");
		return;
	}
	struct zt_error e;
	zt_error_clear(&e);
	struct buf b;
	buf_init(&b, BUF_UNCAPPED);
	if (!cp932)
		buf_add(&b, "\xEF\xBB\xBF");
	facility_csv_begin(&b);
	enum zt_err r = each_selected(req, add_csv, &b, &e);
	if (r != ZT_OK) {
		buf_free(&b);
		reply_error(rep, &e);
		return;
	}
	size_t len;
	char *text = buf_take(&b, &len);
	if (cp932) {
		struct encoding_replacements rp;
		char *conv;
		size_t clen;
		encoding_utf8_to_cp932_replacing(text, len, &conv, &clen, &rp);
		free(text);
		text = conv;
		len = clen;
		/* the reply copies header values when it is sent, after this handler: per-thread storage */
		static _Thread_local char count[24], lines[512];
		snprintf(count, sizeof count, "%ld", rp.count);
		size_t o = 0;
		lines[0] = '\0';
		for (int i = 0; i < rp.nlines && o + 24 < sizeof lines; i++)
			o += (size_t)snprintf(lines + o, sizeof lines - o, "%s%ld", i ? "," : "", rp.lines[i]);
		reply_header(rep, "X-Zaitaku-Replaced", count);
		if (rp.nlines)
			reply_header(rep, "X-Zaitaku-Replaced-Lines", lines);
	}
	reply_file(rep, cp932 ? "text/csv; charset=Shift_JIS" : "text/csv; charset=utf-8", text, len,
		   cp932 ? "attachment; filename=\"facilities-sjis.csv\"" : "attachment; filename=\"facilities.csv\"");
}

/* Each row is a registry write: in the user's district (ACT_REGISTRY_WRITE, issue 3 §2). */
static bool may_write(const char *municipality, void *ctx)
{
	struct http_request *req = ctx;
	struct policy_object o = {.municipality = municipality};
	return policy_check(req->store, req->auth, ACT_REGISTRY_WRITE, &o, NULL) == ZT_OK;
}

void h_import_facilities(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	if (req->body_len == 0) {
		reply_fail(rep, ZT_ERR_INVALID, "body", "ファイルの内容が空です。");
		return;
	}
	const char *dry = http_query(req, "dry_run"), *name = http_query(req, "file_name");
	if (name && strlen(name) > 255) {
		reply_fail(rep, ZT_ERR_INVALID, "file_name", "file_name が長すぎます（255バイト以内）。");
		return;
	}
	struct app_facilities_request freq = {
		.source = "api", .file_name = name && name[0] ? name : NULL,
		.dry_run = dry && (strcmp(dry, "1") == 0 || strcmp(dry, "true") == 0),
		.expect_registry = http_query(req, "confirm"), .may_write = may_write, .may_ctx = req,
	};
	struct facility_csv_summary sum;
	json_t *report = NULL;
	enum zt_err r = app_imports_facilities_file(req->store, http_actor(req), req->body, req->body_len, &freq, &sum,
						    &report, &e);
	if (r == ZT_OK) {
		json_object_set_new(report, "dry_run", json_boolean(freq.dry_run));
		json_object_set_new(report, "rows", json_integer(sum.rows));
		facility_csv_summary_free(&sum);
		reply_json(rep, 200, report);
		return;
	}
	if (r != ZT_ERR_INVALID) {
		facility_csv_summary_free(&sum);
		reply_error(rep, &e);
		return;
	}
	json_t *errors = json_array();
	for (size_t i = 0; i < sum.nerrors; i++)
		json_array_append_new(errors, json_pack("{s:I, s:s, s:s}", "line", (json_int_t)sum.errors[i].line, "field",
							sum.errors[i].field, "message", sum.errors[i].message));
	json_t *err = json_pack("{s:s, s:s, s:s}", "code", zt_err_name(e.code), "message", e.message, "field",
				e.field[0] ? e.field : "file");
	if (e.line > 0)
		json_object_set_new(err, "line", json_integer(e.line));
	reply_json(rep, 422, json_pack("{s:o, s:o, s:{s:I}}", "error", err, "errors", errors, "summary", "error_count",
				       (json_int_t)sum.error_count));
	facility_csv_summary_free(&sum);
}
