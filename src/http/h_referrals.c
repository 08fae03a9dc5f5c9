/* Handlers of discharge referrals (issue 16 §1–§4, §6): decode → use case (app_referrals.c: policy,
 * rules, audit) → encode, with Cache-Control: no-store on referral data. */
#include "http/h_referrals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_referrals.h"
#include "core/clock.h"
#include "io/json_fields.h"
#include "io/patient_json.h"
#include "io/referral_json.h"
#include "io/referral_report.h"
#include "io/encoding.h"
#include "core/buf.h"
#include "http/reply_file.h"

static json_t *one(const struct referral *r)
{
	char now[21];
	zt_now_utc(now);
	return referral_to_json(r, now);
}

void h_referrals_list(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct referral *rows = NULL;
	size_t n = 0;
	const char *state = http_query(req, "state");
	if (app_referral_list(req->store, req->auth, http_actor(req), state ? state : "", &rows, &n, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, one(&rows[i]));
	free(rows);
	reply_json_private(rep, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

void h_referrals_create(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct referral *r = calloc(1, sizeof *r);
	struct patient *p = NULL;
	if (r == NULL)
		abort();
	referral_init(r);
	enum zt_err rc = referral_from_json(body, r, &e);
	json_t *pj = json_object_get(body, "patient");
	if (rc == ZT_OK && pj && !json_is_null(pj)) {
		if ((p = calloc(1, sizeof *p)) == NULL)
			abort();
		patient_init(p);
		rc = patient_from_json(pj, p, &e);
		if (rc != ZT_OK) {
			char f[80];
			snprintf(f, sizeof f, "patient.%.48s", e.field);
			snprintf(e.field, sizeof e.field, "%.63s", f);
		}
	}
	json_decref(body);
	if (rc == ZT_OK)
		rc = app_referral_create(req->store, req->auth, http_actor(req), r, p, &e);
	if (rc != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 201, one(r));
	free(p);
	free(r);
}

void h_referral_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct referral *r = calloc(1, sizeof *r);
	if (r == NULL)
		abort();
	json_t *events = NULL;
	unsigned parties = 0;
	if (app_referral_read(req->store, req->auth, http_actor(req), id, r, &events, &parties, &e) != ZT_OK) {
		reply_error_private(rep, &e);
	} else {
		json_t *o = one(r);
		json_object_set_new(o, "events", events);
		json_t *as = json_array();
		for (int k = 0; k < RP__MAX; k++)
			if (parties & (1u << k))
				json_array_append_new(as, json_string(referral_parties[k].code));
		json_object_set_new(o, "you_are", as);
		reply_json_private(rep, 200, o);
	}
	free(r);
}

void h_referral_put(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct referral *r = calloc(1, sizeof *r);
	if (r == NULL)
		abort();
	enum zt_err rc = json_object_get(body, "patient") ? json_field_unknown("patient", &e)
							   : app_referral_update(req->store, req->auth, http_actor(req), id, body, r, &e);
	json_decref(body);
	if (rc != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, one(r));
	free(r);
}

void h_referral_transition(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct referral_transition_req t;
	struct referral *r = calloc(1, sizeof *r);
	if (r == NULL)
		abort();
	enum zt_err rc = referral_transition_from_json(body, &t, &e);
	json_decref(body);
	if (rc == ZT_OK)
		rc = app_referral_transition(req->store, req->auth, http_actor(req), id, &t, r, &e);
	if (rc != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, one(r));
	free(r);
}

void h_referral_candidates(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *out = NULL;
	if (app_referral_candidates(req->store, req->auth, http_actor(req), id, &out, &e) != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, out);
}

/* The district_id query parameter: a positive id, 0 when absent or malformed. */
static int64_t district_param(struct http_request *req)
{
	const char *v = http_query(req, "district_id");
	char *end = NULL;
	long long n = v ? strtoll(v, &end, 10) : 0;
	return v && end && *end == '\0' && n > 0 ? (int64_t)n : 0;
}

void h_referral_batch_proposal(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *out = NULL;
	if (app_batch_proposal(req->store, req->auth, http_actor(req), district_param(req), &out, &e) != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, out);
}

void h_referral_batch_confirm(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct batch_item *items = NULL;
	int n = 0;
	int64_t district = 0, batch = 0;
	enum zt_err rc = batch_from_json(body, &district, &items, &n, &e);
	json_decref(body);
	if (rc == ZT_OK)
		rc = app_batch_confirm(req->store, req->auth, http_actor(req), district, items, n, &batch, &e);
	free(items);
	if (rc != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 201, json_pack("{s:I, s:I, s:i}", "id", (json_int_t)batch, "district_id", (json_int_t)district, "proposed", n));
}

void h_facility_capacity_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *out = NULL;
	if (app_capacity_get(req->store, req->auth, id, &out, &e) != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, out);
}

void h_facility_capacity_put(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	int64_t more = -1;
	enum zt_err rc = ZT_OK;
	const char *key;
	json_t *v;
	if (!json_is_object(body))
		rc = zt_fail(&e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	json_object_foreach(body, key, v) {
		if (rc != ZT_OK)
			break;
		rc = strcmp(key, "accepts_more") == 0
			     ? json_field_int(v, key, 0, 500, &more, "受入可能数（accepts_more）は0〜500の整数で指定してください。", &e)
			     : json_field_unknown(key, &e);
	}
	json_decref(body);
	if (rc == ZT_OK && more < 0)
		rc = zt_fail(&e, ZT_ERR_INVALID, "accepts_more", "受入可能数（accepts_more）を指定してください。");
	json_t *out = NULL;
	if (rc == ZT_OK)
		rc = app_capacity_put(req->store, req->auth, http_actor(req), id, (int)more, &out, &e);
	if (rc != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, out);
}

void h_referral_report(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *out = NULL;
	if (app_referral_report(req->store, req->auth, http_actor(req), district_param(req), http_query(req, "month"), &out,
				&e) != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, out);
}

/* The report as a file: CSV (?encoding=utf8 | cp932, as the other exports) or XLSX. */
static json_t *report_or_fail(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *out = NULL;
	if (app_referral_report(req->store, req->auth, http_actor(req), district_param(req), http_query(req, "month"), &out,
				&e) != ZT_OK) {
		reply_error_private(rep, &e);
		return NULL;
	}
	return out;
}

void h_referral_report_csv(struct http_request *req, struct http_reply *rep)
{
	const char *enc = http_query(req, "encoding");
	bool cp932 = enc && strcmp(enc, "cp932") == 0;
	if (enc && !cp932 && strcmp(enc, "utf8") != 0 && strcmp(enc, "utf-8") != 0) {
		reply_fail(rep, ZT_ERR_INVALID, "encoding", "encoding は utf8 か cp932 で指定してください。");
		return;
	}
	json_t *r = report_or_fail(req, rep);
	if (r == NULL)
		return;
	struct buf b;
	buf_init(&b, BUF_UNCAPPED);
	if (!cp932)
		buf_add(&b, "\xEF\xBB\xBF");
	referral_report_csv(r, &b);
	json_decref(r);
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
	}
	rep->no_store = true;
	reply_file(rep, cp932 ? "text/csv; charset=Shift_JIS" : "text/csv; charset=utf-8", text, len,
		   cp932 ? "attachment; filename=\"referrals-sjis.csv\"" : "attachment; filename=\"referrals.csv\"");
}

static enum zt_err write_referral_report(const char *path, const void *report, struct zt_error *e)
{
	return referral_report_xlsx(report, path, e);
}

void h_referral_report_xlsx(struct http_request *req, struct http_reply *rep)
{
	json_t *r = report_or_fail(req, rep);
	if (r == NULL)
		return;
	reply_written_file(rep, write_referral_report, r, "XLSXファイル", XLSX_CONTENT_TYPE,
			   "attachment; filename=\"referrals.xlsx\"");
	json_decref(r);
}
