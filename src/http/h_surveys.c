/*
 * Handlers of the clinic surveys (issue 18 §1, seed 002 STEP1): decode, one use case of
 * app_surveys.c, encode. Survey data names clinics, not patients; answers are still kept out of
 * caches (no-store). The personal link's routes are public: the token is the credential, and every
 * miss answers the same 404.
 */
#include "http/h_surveys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_surveys.h"
#include "http/reply_file.h"
#include "io/json_fields.h"
#include "io/survey_json.h"
#include "io/survey_report.h"
#include "io/xlsx_read.h"

void h_survey_templates(struct http_request *req, struct http_reply *rep)
{
	(void)req;
	reply_json(rep, 200, survey_templates_json());
}

void h_surveys_list(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct survey *list = NULL;
	size_t n = 0;
	if (app_survey_list(req->store, req->auth, &list, &n, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, survey_json(&list[i], false));
	free(list);
	reply_json_private(rep, 200, json_pack("{s:o}", "surveys", a));
}

void h_surveys_create(struct http_request *req, struct http_reply *rep)
{
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = ZT_OK;
	const char *tmpl = NULL, *title = NULL;
	int64_t assoc = 0;
	const char *k;
	json_t *v;
	json_object_foreach(body, k, v)
	{
		if (strcmp(k, "template") == 0 && json_is_string(v))
			tmpl = json_string_value(v);
		else if (strcmp(k, "title") == 0 && (json_is_string(v) || json_is_null(v)))
			title = json_string_value(v);
		else if (strcmp(k, "association_id") == 0)
			r = json_is_null(v) ? ZT_OK
					    : json_field_int(v, k, 1, INT64_MAX, &assoc, "association_id は郡市医師会のIDです。", &e);
		else
			r = json_field_unknown(k, &e);
		if (r != ZT_OK)
			break;
	}
	int64_t id = 0;
	if (r == ZT_OK && tmpl == NULL)
		r = zt_fail(&e, ZT_ERR_INVALID, "template", "テンプレートを選んでください。");
	if (r == ZT_OK)
		r = app_survey_create(req->store, req->auth, http_actor(req), tmpl, assoc, title, &id, &e);
	json_decref(body);
	struct survey *s = NULL;
	if (r == ZT_OK)
		r = app_survey_get(req->store, req->auth, id, &s, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json_private(rep, 201, survey_json(s, true));
	free(s);
}

void h_survey_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct survey *s = NULL;
	if (app_survey_get(req->store, req->auth, id, &s, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	json_t *o = survey_json(s, true);
	json_object_set_new(o, "templates_source", json_string(survey_template_find(s->template_name)
								? survey_template_find(s->template_name)->note
								: ""));
	free(s);
	reply_json_private(rep, 200, o);
}

void h_survey_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = ZT_OK;
	struct survey_def *def = NULL;
	char title[SURVEY_TITLE_MAX_CHARS * 4 + 1] = "";
	bool have_title = false;
	const char *k;
	json_t *v;
	json_object_foreach(body, k, v)
	{
		if (strcmp(k, "title") == 0)
			r = json_field_str(v, k, title, sizeof title, &e), have_title = true;
		else if (strcmp(k, "questions") == 0) {
			def = calloc(1, sizeof *def);
			if (def == NULL)
				abort();
			r = survey_def_from_json(v, def, &e);
		} else
			r = json_field_unknown(k, &e);
		if (r != ZT_OK)
			break;
	}
	json_decref(body);
	if (r == ZT_OK)
		r = app_survey_update(req->store, req->auth, http_actor(req), id, have_title ? title : NULL, def, &e);
	free(def);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	h_survey_get(req, rep);
}

void h_survey_send(struct http_request *req, struct http_reply *rep)
{
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = ZT_OK;
	char expires[16] = "";
	int64_t ids[512];
	int nids = 0;
	const char *k;
	json_t *v;
	json_object_foreach(body, k, v)
	{
		if (strcmp(k, "expires_on") == 0)
			r = json_field_str(v, k, expires, sizeof expires, &e);
		else if (strcmp(k, "institutions") == 0)
			r = json_field_ids(v, k, "医療機関ID", ids, 512, &nids, &e);
		else
			r = json_field_unknown(k, &e);
		if (r != ZT_OK)
			break;
	}
	json_decref(body);
	struct survey_link_out *links = NULL;
	size_t n = 0;
	if (r == ZT_OK)
		r = app_survey_send(req->store, req->auth, http_actor(req), id, expires, ids, (size_t)nids, &links, &n, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	const char *base = req->cfg ? req->cfg->public_url : NULL;
	size_t bl = base ? strlen(base) : 0;
	if (bl && base[bl - 1] == '/')
		bl--;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		char path[128];
		snprintf(path, sizeof path, "/survey/answer?token=%s", links[i].token);
		json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "institution_id", (json_int_t)links[i].institution_id, "name",
				      links[i].name, "token", links[i].token, "path", path);
		if (bl) {
			char *url = malloc(bl + sizeof path);
			if (url == NULL)
				abort();
			snprintf(url, bl + sizeof path, "%.*s%s", (int)bl, base, path);
			json_object_set_new(o, "url", json_string(url));
			free(url);
		} else
			json_object_set_new(o, "url", json_null());
		json_array_append_new(a, o);
	}
	free(links);
	struct survey *s = NULL;
	json_t *out = json_pack("{s:o}", "links", a);
	if (app_survey_get(req->store, req->auth, id, &s, NULL) == ZT_OK)
		json_object_set_new(out, "survey", survey_json(s, false));
	free(s);
	reply_json_private(rep, 200, out);
}

void h_survey_close(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_survey_close(req->store, req->auth, http_actor(req), id, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	h_survey_get(req, rep);
}

void h_survey_clinics(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct survey_clinic_status *c = NULL;
	size_t n = 0;
	if (app_survey_clinics(req->store, req->auth, id, &c, &n, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:b, s:s?, s:s?}", "institution_id", (json_int_t)c[i].id,
						   "name", c[i].name, "medical_code", c[i].medical_code, "target", c[i].target,
						   "answered_at", c[i].answered_at[0] ? c[i].answered_at : NULL, "source",
						   c[i].source[0] ? c[i].source : NULL));
	free(c);
	reply_json_private(rep, 200, json_pack("{s:o}", "clinics", a));
}

void h_survey_response_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0), inst = id ? http_param_id(req, rep, 1) : 0;
	if (inst == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct survey *s = NULL;
	struct survey_response *resp = calloc(1, sizeof *resp);
	if (resp == NULL)
		abort();
	enum zt_err r = app_survey_get(req->store, req->auth, id, &s, &e);
	if (r == ZT_OK)
		r = app_survey_response(req->store, req->auth, id, inst, resp, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200,
				   json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "institution_id", (json_int_t)inst, "name",
					     resp->name, "source", resp->source, "answered_at", resp->answered_at, "answers",
					     survey_answers_json(&s->def, &resp->answers), "notes",
					     survey_notes_json(&resp->answers)));
	free(s);
	free(resp);
}

/* {answers: {…}, notes: {…}} into *ans. */
static enum zt_err answers_body(json_t *body, struct survey_answers *ans, struct zt_error *e)
{
	const char *k;
	json_t *v;
	json_object_foreach(body, k, v)
	{
		if (strcmp(k, "answers") != 0 && strcmp(k, "notes") != 0)
			return json_field_unknown(k, e);
	}
	return survey_answers_from_json(json_object_get(body, "answers"), json_object_get(body, "notes"), ans, e);
}

void h_survey_response_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0), inst = id ? http_param_id(req, rep, 1) : 0;
	if (inst == 0)
		return;
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct survey_answers *ans = calloc(1, sizeof *ans);
	if (ans == NULL)
		abort();
	enum zt_err r = answers_body(body, ans, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_survey_answer_paper(req->store, req->auth, http_actor(req), id, inst, ans, &e);
	free(ans);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	h_survey_response_get(req, rep);
}

void h_survey_import(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	if (req->body_len == 0) {
		reply_fail(rep, ZT_ERR_INVALID, "body", "ファイルの内容が空です。");
		return;
	}
	struct zt_error e;
	zt_error_clear(&e);
	int count = 0;
	bool xlsx = xlsx_is_zip(req->body, req->body_len);
	if (app_survey_import(req->store, req->auth, http_actor(req), id, req->body, req->body_len, xlsx, &count, &e) !=
	    ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, json_pack("{s:i, s:s}", "imported", count, "format", xlsx ? "xlsx" : "csv"));
}

static struct survey_results *results(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return NULL;
	struct zt_error e;
	zt_error_clear(&e);
	struct survey_results *r = NULL;
	if (app_survey_results(req->store, req->auth, id, &r, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return NULL;
	}
	return r;
}

void h_survey_results(struct http_request *req, struct http_reply *rep)
{
	struct survey_results *r = results(req, rep);
	if (r == NULL)
		return;
	reply_json_private(rep, 200, survey_results_json(r));
	survey_results_free(r);
}

void h_survey_barriers_svg(struct http_request *req, struct http_reply *rep)
{
	struct survey_results *r = results(req, rep);
	if (r == NULL)
		return;
	const char *by = http_query(req, "by");
	char *svg = NULL;
	size_t len = 0;
	survey_barrier_svg(r, by && strcmp(by, "std") == 0, &svg, &len);
	survey_results_free(r);
	reply_file(rep, "image/svg+xml; charset=utf-8", svg, len, "inline; filename=\"barriers.svg\"");
}

static enum zt_err write_results_xlsx(const char *path, const void *r, struct zt_error *e)
{
	return survey_results_xlsx_write(r, path, e);
}

void h_survey_results_xlsx(struct http_request *req, struct http_reply *rep)
{
	struct survey_results *r = results(req, rep);
	if (r == NULL)
		return;
	reply_written_file(rep, write_results_xlsx, r, "XLSXファイル", XLSX_CONTENT_TYPE,
			   "attachment; filename=\"survey.xlsx\"");
	survey_results_free(r);
}

static json_t *view_json(const struct survey_link_view *v)
{
	json_t *s = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)v->survey.id, "title", v->survey.title,
			      "association_name", v->survey.association_name, "questions", survey_def_json(&v->survey.def));
	return json_pack("{s:o, s:s, s:s, s:s?, s:o, s:o}", "survey", s, "clinic_name", v->clinic_name, "expires_on",
			 v->expires_on, "answered_at", v->answered_at[0] ? v->answered_at : NULL, "answers",
			 survey_answers_json(&v->survey.def, &v->answers), "notes", survey_notes_json(&v->answers));
}

void h_survey_link_get(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct survey_link_view *v = NULL;
	if (app_survey_link_view(req->store, req->nparams ? req->params[0] : "", &v, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json_private(rep, 200, view_json(v));
	free(v);
}

void h_survey_link_put(struct http_request *req, struct http_reply *rep)
{
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct survey_answers *ans = calloc(1, sizeof *ans);
	if (ans == NULL)
		abort();
	enum zt_err r = answers_body(body, ans, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_survey_link_answer(req->store, req->nparams ? req->params[0] : "", req->remote_addr, ans, &e);
	free(ans);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	h_survey_link_get(req, rep);
}
