/* /api/v1/imports/facility-standards — the bureau list import over HTTP (see h_imports.h). */
#include "http/h_imports.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "auth/policy.h"
#include "app/app_imports.h"
#include "app/app_positions.h"
#include "domain/wareki.h"
#include "store/store_import.h"

static bool accepted_type(const char *ct)
{
	static const char *const types[] = {
		"text/csv", "application/octet-stream",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	};
	if (ct == NULL)
		return false;
	size_t n = strcspn(ct, ";");
	while (n && ct[n - 1] == ' ')
		n--;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strlen(types[i]) == n && strncasecmp(ct, types[i], n) == 0)
			return true;
	return false;
}

/* Prefecture staff import the lists of their own prefecture; admins any (issue 12 §4). */
static enum zt_err may_prefecture(const char *pref, void *ctx, struct zt_error *e)
{
	struct http_request *req = ctx;
	struct policy_object o = {.prefecture = pref};
	if (policy_check(req->store, req->auth, ACT_IMPORT, &o, e) == ZT_OK)
		return ZT_OK;
	return zt_fail(e, ZT_ERR_FORBIDDEN, "file", "この名簿には担当外の都道府県（コード %s）の医療機関が含まれています。取り込む権限がありません。",
		       pref);
}

static void import_bureau(struct http_request *req, struct http_reply *rep, bool code_list)
{
	struct zt_error e;
	zt_error_clear(&e);
	if (!accepted_type(http_header(req, "Content-Type"))) {
		reply_fail(rep, ZT_ERR_MEDIA, "Content-Type",
			   "ファイルをそのまま送ってください（Content-Type: text/csv、application/octet-stream または XLSX）。");
		return;
	}
	if (req->body_len == 0) {
		reply_fail(rep, ZT_ERR_INVALID, "body", "ファイルの内容が空です。");
		return;
	}
	const char *dry = http_query(req, "dry_run");
	struct bureau_options opt = {.dry_run = dry && (strcmp(dry, "1") == 0 || strcmp(dry, "true") == 0),
				     .source = "api"};
	const char *name = http_query(req, "file_name");
	if (name && strlen(name) > 255) {
		reply_fail(rep, ZT_ERR_INVALID, "file_name", "file_name が長すぎます（255バイト以内）。");
		return;
	}
	struct app_bureau_request breq = {.opt = &opt, .file_name = name && name[0] ? name : NULL,
					  .expect_registry = http_query(req, "confirm"),
					  .expect_file = http_query(req, "sha256"), .may_prefecture = may_prefecture,
					  .may_ctx = req, .code_list = code_list};
	const char *pref = http_query(req, "prefecture");
	if (code_list && pref && pref[0]) {
		if (strlen(pref) != 2 || pref[0] < '0' || pref[0] > '4' || pref[1] < '0' || pref[1] > '9' ||
		    strcmp(pref, "01") < 0 || strcmp(pref, "47") > 0) {
			reply_fail(rep, ZT_ERR_INVALID, "prefecture", "prefecture は2桁の都道府県コード（01〜47）で指定してください。");
			return;
		}
		breq.prefecture = pref;
	}
	struct bureau_summary sum;
	json_t *report = NULL;
	enum zt_err r = app_imports_bureau(req->store, http_actor(req), req->body, req->body_len, &breq, &sum, &report, &e);
	json_t *summary = bureau_summary_json(&sum);
	bureau_summary_free(&sum);
	if (r == ZT_OK) {
		json_object_del(summary, "errors");
		if (!opt.dry_run && req->cfg && req->cfg->geocoder) { /* issue 12 §2 (a): geocode what was just placed at offices */
			json_t *pos = NULL;
			struct zt_error ge;
			zt_error_clear(&ge);
			if (app_positions_geocode(req->store, req->auth, http_actor(req), req->cfg->geocoder, &pos, &ge) == ZT_OK)
				json_object_set_new(summary, "positions", pos);
			else
				json_object_set_new(summary, "positions", json_pack("{s:s}", "error", ge.message));
		}
		char wareki[64] = "";
		const char *as_of = json_string_value(json_object_get(summary, "as_of"));
		if (as_of && wareki_format(as_of, wareki, sizeof wareki) == 0)
			json_object_set_new(summary, "as_of_wareki", json_string(wareki));
		json_object_set_new(summary, "changes", report);
		reply_json(rep, 200, summary);
		return;
	}
	if (r != ZT_ERR_INVALID) {
		json_decref(summary);
		reply_error(rep, &e);
		return;
	}
	json_t *err = json_pack("{s:s, s:s, s:s}", "code", zt_err_name(e.code), "message", e.message, "field",
				e.field[0] ? e.field : "file");
	if (e.line > 0)
		json_object_set_new(err, "line", json_integer(e.line));
	json_t *errors = json_incref(json_object_get(summary, "errors"));
	json_object_del(summary, "errors");
	reply_json(rep, 422, json_pack("{s:o, s:o, s:o}", "error", err, "errors", errors, "summary", summary));
}

void h_import_facility_standards(struct http_request *req, struct http_reply *rep)
{
	import_bureau(req, rep, false);
}

void h_import_code_list(struct http_request *req, struct http_reply *rep)
{
	import_bureau(req, rep, true);
}

void h_imports_list(struct http_request *req, struct http_reply *rep)
{
	/* the records are the import roles' (the role gate of ACT_IMPORT); they hold no personal data */
	const char *kind = http_query(req, "kind");
	json_t *items = store_import_records(req->store, kind && kind[0] ? kind : NULL, 100);
	if (items == NULL) {
		reply_fail(rep, ZT_ERR_DB, "", "取込記録を読めませんでした。");
		return;
	}
	reply_json(rep, 200, json_pack("{s:o}", "items", items));
}

void h_imports_latest(struct http_request *req, struct http_reply *rep)
{
	/* Public: the registry page says how current its 施設基準 are (「施設基準名簿 令和6年11月1日現在」). */
	json_t *items = store_import_records(req->store, "facility-standards", 1);
	if (items == NULL) {
		reply_fail(rep, ZT_ERR_DB, "", "取込記録を読めませんでした。");
		return;
	}
	json_t *last = json_array_get(items, 0), *out = json_object();
	if (last) {
		const char *as_of = json_string_value(json_object_get(last, "as_of"));
		const char *at = json_string_value(json_object_get(last, "imported_at"));
		char wareki[64] = "", day[11] = "";
		if (as_of)
			wareki_format(as_of, wareki, sizeof wareki);
		else if (at)
			snprintf(day, sizeof day, "%.10s", at);
		json_object_set_new(out, "facility_standards",
				    json_pack("{s:s?, s:s?, s:s, s:s?}", "as_of", as_of, "as_of_wareki",
					      wareki[0] ? wareki : NULL, "imported_at", at ? at : "", "file_name",
					      json_string_value(json_object_get(last, "file_name"))));
	} else {
		json_object_set_new(out, "facility_standards", json_null());
	}
	json_decref(items);
	reply_json(rep, 200, out);
}
