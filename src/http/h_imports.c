/* /api/v1/imports/facility-standards — the bureau list import over HTTP (see h_imports.h). */
#include "http/h_imports.h"

#include <string.h>
#include <strings.h>

#include "auth/policy.h"
#include "app/app_imports.h"
#include "app/app_positions.h"

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

void h_import_facility_standards(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	if (policy_check(req->store, req->auth, ACT_IMPORT, NULL, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
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
	struct bureau_summary sum;
	enum zt_err r = app_imports_facility_standards(req->store, http_actor(req), req->body, req->body_len, &opt, &sum, &e);
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
