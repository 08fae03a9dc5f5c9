/*
 * /api/v1/trainings — 訪問診療導入研修（同行訪問研修, seed 002 別紙1 ②, issue 18 §2): programmes, sessions,
 * invitations, advisors, trainees, the advisor matching, attendance, accompanied visits, follow-up
 * notes and the 認定証 (seed 000 §3(3)) with its PDF; the 認定証's public status under
 * /api/v1/certificates/{number}. Each handler decodes, calls one use case of app/app_training.h
 * (policy, rules, transaction with the audit row), encodes and replies; replies name doctors, so
 * they are never cached (reply_json_private).
 */
#include "http/h_training.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_groups.h"
#include "app/app_training.h"
#include "core/clock.h"
#include "domain/text.h"
#include "domain/wareki.h"
#include "http/h_groups.h"
#include "http/reply_file.h"
#include "io/certificate_pdf.h"
#include "io/training_json.h"

static json_t *view_json(const struct training_view *v)
{
	json_t *o = training_programme_to_json(&v->p);
	json_object_set_new(o, "sessions", training_sessions_to_json(v->sessions));
	json_t *adv = json_array();
	for (size_t j = 0; j < v->nadvisors; j++)
		json_array_append_new(adv, training_advisor_to_json(&v->advisors[j]));
	json_object_set_new(o, "advisor_list", adv);
	json_t *tr = json_array();
	int complete = 0;
	for (size_t i = 0; i < v->ntrainees; i++) {
		json_t *t = training_trainee_to_json(&v->trainees[i], &v->certs[i]);
		complete += json_is_true(json_object_get(t, "complete"));
		json_array_append_new(tr, t);
	}
	json_object_set_new(o, "trainee_list", tr);
	json_object_set_new(o, "completed", json_integer(complete));
	json_object_set_new(o, "invitations", json_incref(v->invitations));
	json_object_set_new(o, "visit_list", json_incref(v->visits));
	json_object_set_new(o, "followups", json_incref(v->followups));
	json_object_set_new(o, "rule",
			    json_pack("{s:i, s:i, s:s}", "visits_min", TRAINING_VISITS_MIN, "visits_usual_max",
				      TRAINING_VISITS_USUAL_MAX, "text",
				      "修了: 第1回座学研修・同行訪問2回以上（2か所～3か所程度）・第2回座学研修・受講後アンケート"));
	return o;
}

/* Replies with the programme's full view (after a change: status). */
static void reply_view(struct http_request *req, struct http_reply *rep, int64_t id, int status)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct training_view v;
	if (app_training_view(req->store, req->auth, id, &v, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json_private(rep, status, view_json(&v));
	app_training_view_free(&v);
}

/* The trainee id (params[1]); 0 after replying 404. */
/* A trainee route with a JSON body (/trainings/{id}/trainees/{trainee_id}/…): both ids and the body
 * (caller owns); NULL after replying 404 / 400 / 415 itself. */
static json_t *trainee_body(struct http_request *req, struct http_reply *rep, int64_t *id, int64_t *tid)
{
	*id = http_param_id(req, rep, 0);
	*tid = *id ? http_param_id(req, rep, 1) : 0;
	return *tid ? http_json_body(req, rep) : NULL;
}

void h_trainings_list(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	int year = 0;
	if (!http_query_fiscal_year(req, rep, &year))
		return;
	struct training_programme *p = NULL;
	size_t n = 0;
	if (app_training_list(req->store, req->auth, year, &p, &n, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, training_programme_to_json(&p[i]));
	free(p);
	reply_json_private(rep, 200, json_pack("{s:o, s:i}", "items", items, "current_fiscal_year", zt_fiscal_year()));
}

void h_trainings_create(struct http_request *req, struct http_reply *rep)
{
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct training_programme p;
	memset(&p, 0, sizeof p);
	enum zt_err r = training_programme_from_json(body, &p, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_training_create(req->store, req->auth, http_actor(req), &p, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_view(req, rep, p.id, 201);
}

void h_training_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id)
		reply_view(req, rep, id, 200);
}

void h_training_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct training_programme p;
	enum zt_err r = app_training_load(req->store, req->auth, id, ACT_TRAINING_WRITE, &p, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	r = training_programme_from_json(body, &p, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_training_update(req->store, req->auth, http_actor(req), &p, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_view(req, rep, id, 200);
}

void h_training_session_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct training_session_row row;
	enum zt_err r = training_session_from_json(body, &row, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_training_session_put(req->store, req->auth, http_actor(req), id, req->params[1], &row, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_view(req, rep, id, 200);
}

void h_training_invite(struct http_request *req, struct http_reply *rep)
{
	int64_t id;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	int64_t ids[TRAINING_INVITE_MAX];
	int n = 0, added = 0;
	const char *source = "manual"; /* a static string: it outlives the body */
	enum zt_err r = training_invite_from_json(body, ids, &n, &source, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_training_invite(req->store, req->auth, http_actor(req), id, ids, n, source, &added, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_view(req, rep, id, 200);
}

void h_training_advisor_add(struct http_request *req, struct http_reply *rep)
{
	int64_t id;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct training_advisor_row a;
	enum zt_err r = training_advisor_from_json(body, &a, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_training_advisor_add(req->store, req->auth, http_actor(req), id, &a, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_view(req, rep, id, 201);
}

void h_training_trainee_add(struct http_request *req, struct http_reply *rep)
{
	int64_t id;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct training_trainee_row *t = calloc(1, sizeof *t);
	if (t == NULL)
		abort();
	bool set = false;
	int64_t aid = 0;
	enum zt_err r = training_trainee_from_json(body, false, t, &set, &aid, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_training_trainee_add(req->store, req->auth, http_actor(req), id, t, &e);
	free(t);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_view(req, rep, id, 201);
}

void h_training_trainee_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = 0, tid = 0;
	json_t *body = trainee_body(req, rep, &id, &tid);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct training_trainee_row *t = calloc(1, sizeof *t);
	if (t == NULL)
		abort();
	bool set = false;
	int64_t aid = 0;
	bool wishes_set = json_object_get(body, "wishes") != NULL;
	enum zt_err r = training_trainee_from_json(body, true, t, &set, &aid, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_training_trainee_update(req->store, req->auth, http_actor(req), id, tid, wishes_set, t->wishes, set, aid,
						&e);
	free(t);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_view(req, rep, id, 200);
}

static void match(struct http_request *req, struct http_reply *rep, bool apply)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct training_pair *pairs = NULL;
	size_t n = 0;
	bool certified = false;
	if (app_training_match(req->store, req->auth, http_actor(req), id, apply, &pairs, &n, &certified, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, training_pair_to_json(&pairs[i]));
	free(pairs);
	reply_json_private(rep, 200,
			   json_pack("{s:o, s:b, s:b, s:s}", "pairs", items, "applied", apply, "certified", certified, "method",
				     "最小費用流（希望の順位を距離より優先し、その上で直線距離の合計を最小化）"));
}

void h_training_match_get(struct http_request *req, struct http_reply *rep)
{
	match(req, rep, false);
}

void h_training_match_post(struct http_request *req, struct http_reply *rep)
{
	match(req, rep, true);
}

void h_training_attendance_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = 0, tid = 0;
	json_t *body = trainee_body(req, rep, &id, &tid);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	bool attended = false;
	enum zt_err r = training_attendance_from_json(body, &attended, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_training_attendance(req->store, req->auth, http_actor(req), id, tid, req->params[2], attended, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_view(req, rep, id, 200);
}

void h_training_visit_add(struct http_request *req, struct http_reply *rep)
{
	int64_t id = 0, tid = 0;
	json_t *body = trainee_body(req, rep, &id, &tid);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct training_visit_req v;
	int64_t vid = 0;
	enum zt_err r = training_visit_from_json(body, &v, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_training_visit_add(req->store, req->auth, http_actor(req), id, tid, v.visited_on, v.advisor_id, v.note,
					   &vid, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_view(req, rep, id, 201);
}

void h_training_followup_add(struct http_request *req, struct http_reply *rep)
{
	int64_t id = 0, tid = 0;
	json_t *body = trainee_body(req, rep, &id, &tid);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct training_followup_req f;
	int64_t nid = 0;
	enum zt_err r = training_followup_from_json(body, &f, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_training_followup_add(req->store, req->auth, http_actor(req), id, tid, f.noted_on, f.started_visits,
					      f.filed_zaishishin, f.note, &nid, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_view(req, rep, id, 201);
}

void h_training_cert_issue(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	int64_t tid = http_param_id(req, rep, 1);
	if (tid == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct training_cert c;
	if (app_training_certificate_issue(req->store, req->auth, http_actor(req), id, tid, &c, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json_private(rep, 201, training_cert_to_json(&c));
}

/* 交付日 of an ISO instant as a Japanese date in JST (令和8年4月1日) into out. */
static void issued_wareki(const char *issued_at, char *out, size_t n)
{
	char day[11];
	snprintf(day, sizeof day, "%.10s", issued_at);
	struct tm tm = {0};
	if (strptime(issued_at, "%Y-%m-%dT%H:%M:%SZ", &tm) != NULL)
		zt_date_jst(timegm(&tm), day);
	if (wareki_format(day, out, n) != 0)
		snprintf(out, n, "%s", day);
}

void h_training_cert_pdf(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	int64_t tid = http_param_id(req, rep, 1);
	if (tid == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct training_cert c;
	struct certificate_issuer issuer;
	char url[512];
	enum zt_err r = app_training_certificate(req->store, req->auth, id, tid, &c, &e);
	if (r == ZT_OK && !h_certificate_verify_url(req, c.number, url, sizeof url))
		r = zt_fail(&e, ZT_ERR_CONFLICT, "public_url",
			    "認定証の確認用URLが設定されていないため、認定証を発行できません。"
			    "管理者は serve --public-url（公開URL）を設定してください。");
	if (r == ZT_OK) {
		char pref[3];
		snprintf(pref, sizeof pref, "%.2s", c.association_municipality);
		if (app_certificate_issuer(req->store, pref, &issuer, &e) != ZT_OK)
			r = zt_fail(&e, ZT_ERR_CONFLICT, "issuer",
				    "認定証の交付者（推進センターまたは郡市医師会と代表者）が設定されていないため、認定証を作成できません。"
				    "グループ一覧の「機関証の交付者」で設定してください。");
	}
	/* the trainee as now (advisor, visits made) for the body text */
	struct training_view v;
	memset(&v, 0, sizeof v);
	if (r == ZT_OK)
		r = app_training_view(req->store, req->auth, id, &v, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	const char *advisor = "";
	int visits = 0;
	for (size_t i = 0; i < v.ntrainees; i++)
		if (v.trainees[i].id == tid) {
			visits = v.trainees[i].progress.visits;
			advisor = v.trainees[i].advisor_name;
		}
	char wareki[64], fy[80], adv[512];
	issued_wareki(c.issued_at, wareki, sizeof wareki);
	h_fiscal_label(c.fiscal_year, fy, sizeof fy);
	snprintf(adv, sizeof adv, "%s%s", advisor, advisor[0] ? " 医師" : "");
	struct training_certificate_pdf in = {
		.trainee_name = c.trainee_name, .institution_name = c.institution_name,
		.association_name = c.association_name, .programme_title = c.programme_title, .advisor_name = adv,
		.visits = visits, .fiscal_year = fy, .number = c.number, .issued_wareki = wareki, .verify_url = url,
		.issuer_name = issuer.name, .issuer_title = issuer.representative_title,
		.issuer_person = issuer.representative_name,
	};
	unsigned char *pdf;
	size_t len;
	r = training_certificate_pdf_render(&in, &pdf, &len, &e);
	app_training_view_free(&v);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_file(rep, "application/pdf", pdf, len, "inline; filename=\"training-certificate.pdf\"");
}

void h_training_certificate_status(struct http_request *req, struct http_reply *rep)
{
	const char *number = req->nparams > 0 ? req->params[0] : "";
	struct training_cert c;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = app_training_certificate_status(req->store, number, &c, &e);
	if (r == ZT_ERR_NOTFOUND) {
		bool printable = strlen(number) < 64 && text_valid_utf8(number);
		reply_json(rep, 404, json_pack("{s:s, s:s}", "number", printable ? number : "", "status", "unknown"));
		return;
	}
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json_private(rep, 200, training_cert_status_to_json(&c)); /* names the doctor */
}
