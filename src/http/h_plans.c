/*
 * Handlers of activity plans (issue 19; app_plans.h has the access rules). Plans name operators and their
 * coordinators' notes: replies are private (no-store).
 *   GET  /api/v1/plan-rulesets                        rule sets, actions, variants, indicators (public)
 *   PUT  /api/v1/operators/{id}/ruleset               {ruleset, variant?} — the prefecture; 200 / 400 / 403 / 404
 *   GET  /api/v1/operators/{id}/plans/{fy}            the plan view (exists:false before it is written)
 *   PUT  /api/v1/operators/{id}/plans/{fy}            {actions, goals, variant, goals_note, check_note, act_note}
 *   POST /api/v1/operators/{id}/plans/{fy}/uploads    raw PDF/PNG/JPEG; ?action=&title=&held_on= → 201 {id}
 *   GET  /api/v1/plan-uploads/{id}                    the uploaded file
 *   GET  /api/v1/plan-status?fiscal_year=&prefecture= every readable operator's status for the year
 *   GET  /api/v1/operators/{id}/plans/{fy}/report.pdf  実績報告書 PDF; …/report.xlsx the workbook
 * A fiscal year out of range is 400 naming fiscal_year.
 */
#include "http/h_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_plans.h"
#include "core/clock.h"
#include "http/reply_file.h"
#include "io/plan_json.h"
#include "io/plan_report.h"

/* The fiscal year of the path (params[1]): a number, else 400 naming fiscal_year. */
static bool fiscal_year_param(struct http_request *req, struct http_reply *rep, int i, int *fy)
{
	const char *s = i < req->nparams ? req->params[i] : NULL;
	char *end = NULL;
	long v = s ? strtol(s, &end, 10) : 0;
	if (s == NULL || end == s || *end != '\0' || v < 1 || v > 9999) {
		reply_fail(rep, ZT_ERR_INVALID, "fiscal_year", "年度は西暦の数字で指定してください（例：2026）");
		return false;
	}
	*fy = (int)v;
	return true;
}

void h_plan_rulesets(struct http_request *req, struct http_reply *rep)
{
	(void)req;
	reply_json(rep, 200, app_plan_rulesets_json());
}

void h_operator_ruleset_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	char ruleset[32], variant[16];
	enum zt_err r = plan_assignment_from_json(body, ruleset, sizeof ruleset, variant, sizeof variant, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_plan_assign(req->store, req->auth, http_actor(req), id, ruleset, variant, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json_private(rep, 200, json_pack("{s:I, s:s, s:s}", "operator_id", (json_int_t)id, "ruleset", ruleset,
					       "variant", variant));
}

void h_plan_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	int fy;
	if (id == 0 || !fiscal_year_param(req, rep, 1, &fy))
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *v = NULL;
	if (app_plan_view(req->store, req->auth, id, fy, &v, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json_private(rep, 200, v);
}

void h_plan_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	int fy;
	if (id == 0 || !fiscal_year_param(req, rep, 1, &fy))
		return;
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct plan_def *d = calloc(1, sizeof *d);
	if (d == NULL)
		abort();
	enum zt_err r = plan_from_json(body, d, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_plan_save(req->store, req->auth, http_actor(req), id, fy, d, &e);
	free(d);
	json_t *v = NULL;
	if (r == ZT_OK)
		r = app_plan_view(req->store, req->auth, id, fy, &v, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json_private(rep, 200, v);
}

void h_plan_upload_post(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	int fy;
	if (id == 0 || !fiscal_year_param(req, rep, 1, &fy))
		return;
	struct zt_error e;
	zt_error_clear(&e);
	int64_t uid = 0;
	if (app_plan_upload(req->store, req->auth, http_actor(req), id, fy, http_query(req, "action"),
			    http_query(req, "title"), http_query(req, "held_on"), http_header(req, "Content-Type"), req->body,
			    req->body_len, &uid, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json_private(rep, 201, json_pack("{s:I, s:I}", "id", (json_int_t)uid, "size", (json_int_t)req->body_len));
}

void h_plan_upload_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	char ctype[32];
	void *data = NULL;
	size_t len = 0;
	if (app_plan_upload_get(req->store, req->auth, id, ctype, &data, &len, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	const char *mime = strcmp(ctype, "image/png") == 0 ? "image/png"
			   : strcmp(ctype, "image/jpeg") == 0 ? "image/jpeg"
							      : "application/pdf";
	const char *disp = strcmp(mime, "image/png") == 0 ? "attachment; filename=\"evidence.png\""
			   : strcmp(mime, "image/jpeg") == 0 ? "attachment; filename=\"evidence.jpg\""
							     : "attachment; filename=\"evidence.pdf\"";
	reply_file(rep, mime, data, len, disp);
}

void h_plan_status(struct http_request *req, struct http_reply *rep)
{
	int fy = zt_fiscal_year();
	if (!http_query_fiscal_year(req, rep, &fy))
		return;
	const char *pref = http_query(req, "prefecture");
	struct zt_error e;
	zt_error_clear(&e);
	json_t *v = NULL;
	if (app_plan_status(req->store, req->auth, pref ? pref : "", fy, &v, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json_private(rep, 200, v);
}

static json_t *report_or_fail(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	int fy;
	if (id == 0 || !fiscal_year_param(req, rep, 1, &fy))
		return NULL;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *v = NULL;
	if (app_plan_report(req->store, req->auth, id, fy, &v, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return NULL;
	}
	return v;
}

void h_plan_report_pdf(struct http_request *req, struct http_reply *rep)
{
	json_t *v = report_or_fail(req, rep);
	if (v == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	unsigned char *pdf = NULL;
	size_t len = 0;
	enum zt_err r = plan_report_pdf(v, &pdf, &len, &e);
	json_decref(v);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_file(rep, "application/pdf", pdf, len, "attachment; filename=\"jisseki-houkoku.pdf\"");
}

static enum zt_err write_report_xlsx(const char *path, const void *v, struct zt_error *e)
{
	return plan_report_xlsx(v, path, e);
}

void h_plan_report_xlsx(struct http_request *req, struct http_reply *rep)
{
	json_t *v = report_or_fail(req, rep);
	if (v == NULL)
		return;
	reply_written_file(rep, write_report_xlsx, v, "XLSXファイル", XLSX_CONTENT_TYPE,
			   "attachment; filename=\"jisseki-houkoku.xlsx\"");
	json_decref(v);
}
