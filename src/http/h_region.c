/*
 * Region set-up and positions over HTTP (issue 12 §1–§2):
 *   GET  /region/{kind}?prefecture=NN           the table (public geography)
 *   PUT  /region/{kind}?prefecture=NN           {"rows": […]} replaces it (ACT_REGION_WRITE)
 *   POST /region/{kind}/import?prefecture=NN    a CSV/XLSX file replaces it
 *   GET  /region/{kind}/export?prefecture=NN&format=csv|xlsx&encoding=utf8|cp932
 *   GET  /positions/unconfirmed                 institutions placed only at their 役所・役場 or nowhere
 *   POST /positions/import                      a CSV of positions from any geocoder
 *   POST /positions/geocode                     runs the configured geocoder (serve --geocoder)
 */
#include "http/h_region.h"

#include <stdlib.h>
#include <string.h>

#include "app/app_positions.h"
#include "app/app_region.h"
#include "auth/policy.h"
#include "domain/text.h"
#include "http/reply_file.h"
#include "io/region_file.h"
#include "store/store_region.h"

/* The {kind} and ?prefecture= of the request; replies 404/400 and returns -1 when bad. */
static int kind_pref(struct http_request *req, struct http_reply *rep, const char **pref)
{
	int k = region_kind_parse(req->params[0]);
	if (k < 0) {
		reply_fail(rep, ZT_ERR_NOTFOUND, "kind",
			   "種類は medical-areas（二次医療圏）、care-areas（圏域）、associations（郡市医師会）、population（人口）、adjacency（隣接市町村）、offices（役所・役場の位置）のいずれかです。");
		return -1;
	}
	*pref = http_query_prefecture(req, rep);
	if (*pref == NULL)
		return -1;
	return k;
}

static bool may_write(struct http_request *req, struct http_reply *rep, const char *pref)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct policy_object obj = {.prefecture = pref};
	if (policy_check(req->store, req->auth, ACT_REGION_WRITE, &obj, &e) != ZT_OK) {
		reply_error(rep, &e);
		return false;
	}
	return true;
}

static json_t *header_json(int k)
{
	json_t *a = json_array();
	for (int c = 0; region_kinds[k].header[c]; c++)
		json_array_append_new(a, json_string(region_kinds[k].header[c]));
	return a;
}

void h_region_get(struct http_request *req, struct http_reply *rep)
{
	const char *pref;
	int k = kind_pref(req, rep, &pref);
	if (k < 0)
		return;
	json_t *rows = store_region_view(req->store, (enum region_kind)k, pref);
	if (rows == NULL) {
		reply_fail(rep, ZT_ERR_DB, "", "データベースの処理に失敗しました。");
		return;
	}
	reply_json(rep, 200, json_pack("{s:s, s:s, s:s, s:o, s:o}", "kind", region_kinds[k].code, "label", region_kinds[k].ja,
				       "prefecture", pref, "header", header_json(k), "rows", rows));
}

/* Stores rows and replies with the table as it now stands (or the error with its line). */
static void put_rows(struct http_request *req, struct http_reply *rep, int k, const char *pref, struct region_row *rows,
		     size_t n, bool from_file)
{
	struct zt_error e;
	zt_error_clear(&e);
	long created = 0;
	enum zt_err r = app_region_put(req->store, http_actor(req), (enum region_kind)k, pref, rows, n, from_file, &created, &e);
	free(rows);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *view = store_region_view(req->store, (enum region_kind)k, pref);
	reply_json(rep, 200, json_pack("{s:s, s:s, s:s, s:o, s:I, s:I, s:o}", "kind", region_kinds[k].code, "label",
				       region_kinds[k].ja, "prefecture", pref, "header", header_json(k), "stored",
				       (json_int_t)n, "associations_created", (json_int_t)created, "rows",
				       view ? view : json_array()));
}

void h_region_put(struct http_request *req, struct http_reply *rep)
{
	const char *pref;
	int k = kind_pref(req, rep, &pref);
	if (k < 0 || !may_write(req, rep, pref))
		return;
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct region_row *rows = NULL;
	size_t n = 0;
	enum zt_err r = region_rows_from_json((enum region_kind)k, body, &rows, &n, &e);
	json_decref(body);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	put_rows(req, rep, k, pref, rows, n, false);
}

void h_region_import(struct http_request *req, struct http_reply *rep)
{
	const char *pref;
	int k = kind_pref(req, rep, &pref);
	if (k < 0 || !may_write(req, rep, pref))
		return;
	if (req->body_len == 0) {
		reply_fail(rep, ZT_ERR_INVALID, "body", "ファイルの内容が空です。");
		return;
	}
	struct zt_error e;
	zt_error_clear(&e);
	struct region_row *rows = NULL;
	size_t n = 0;
	if (region_file_read((enum region_kind)k, req->body, req->body_len, &rows, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	put_rows(req, rep, k, pref, rows, n, true);
}

/* One region table written as XLSX (reply_written_file's writer). */
struct region_table {
	enum region_kind kind;
	const json_t *view;
};

static enum zt_err write_region_xlsx(const char *path, const void *vctx, struct zt_error *e)
{
	const struct region_table *t = vctx;
	return region_xlsx_write(t->kind, t->view, path, e);
}

void h_region_export(struct http_request *req, struct http_reply *rep)
{
	const char *pref;
	int k = kind_pref(req, rep, &pref);
	if (k < 0)
		return;
	const char *format = http_query(req, "format"), *enc = http_query(req, "encoding");
	bool xlsx = format && strcmp(format, "xlsx") == 0;
	if (format && !xlsx && strcmp(format, "csv") != 0) {
		reply_fail(rep, ZT_ERR_INVALID, "format", "format は csv または xlsx です。");
		return;
	}
	if (enc && strcmp(enc, "cp932") != 0 && strcmp(enc, "utf8") != 0) {
		reply_fail(rep, ZT_ERR_INVALID, "encoding", "encoding は utf8（BOM付き）または cp932 です。");
		return;
	}
	json_t *view = store_region_view(req->store, (enum region_kind)k, pref);
	if (view == NULL) {
		reply_fail(rep, ZT_ERR_DB, "", "データベースの処理に失敗しました。");
		return;
	}
	static const char *const csv_names[REGION__MAX] = {
		"attachment; filename=\"medical-areas.csv\"", "attachment; filename=\"care-areas.csv\"",
		"attachment; filename=\"associations.csv\"", "attachment; filename=\"population.csv\"",
		"attachment; filename=\"adjacency.csv\"", "attachment; filename=\"offices.csv\""};
	static const char *const xlsx_names[REGION__MAX] = {
		"attachment; filename=\"medical-areas.xlsx\"", "attachment; filename=\"care-areas.xlsx\"",
		"attachment; filename=\"associations.xlsx\"", "attachment; filename=\"population.xlsx\"",
		"attachment; filename=\"adjacency.xlsx\"", "attachment; filename=\"offices.xlsx\""};
	if (!xlsx) {
		bool cp932 = enc && strcmp(enc, "cp932") == 0;
		char *buf = NULL;
		size_t len = 0;
		region_csv_write((enum region_kind)k, view, cp932, &buf, &len);
		json_decref(view);
		reply_file(rep, cp932 ? "text/csv; charset=Shift_JIS" : "text/csv; charset=utf-8", buf, len, csv_names[k]);
		return;
	}
	struct region_table t = {(enum region_kind)k, view};
	reply_written_file(rep, write_region_xlsx, &t, "XLSXファイル", XLSX_CONTENT_TYPE, xlsx_names[k]);
	json_decref(view);
}

void h_positions_unconfirmed(struct http_request *req, struct http_reply *rep)
{
	json_t *out = store_positions_unconfirmed(req->store, 500);
	if (out == NULL) {
		reply_fail(rep, ZT_ERR_DB, "", "データベースの処理に失敗しました。");
		return;
	}
	reply_json(rep, 200, out);
}

void h_positions_import(struct http_request *req, struct http_reply *rep)
{
	if (req->body_len == 0) {
		reply_fail(rep, ZT_ERR_INVALID, "body", "ファイルの内容が空です。");
		return;
	}
	struct zt_error e;
	zt_error_clear(&e);
	json_t *summary = NULL;
	if (app_positions_import(req->store, req->auth, http_actor(req), req->body, req->body_len, &summary, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, summary);
}

void h_positions_geocode(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *summary = NULL;
	if (app_positions_geocode(req->store, req->auth, http_actor(req), req->cfg->geocoder, &summary, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, summary);
}
