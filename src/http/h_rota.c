/*
 * Handlers of the fair on-call rota (issue 15; app/app_rota.h): decode (io/rota_request_json.h),
 * call one use case, reply. Replies name doctors and their dates: Cache-Control no-store.
 *   GET    /groups/{id}/rota?from&to             the rota view with the certificate
 *   GET    /groups/{id}/rota.xlsx?from&to        one row per date, one column per duty type
 *   PUT    /groups/{id}/rota/doctors/{pid}       share, caps, carried-over points
 *   POST   /groups/{id}/rota/unavailable         an unavailable date; DELETE …/{uid}
 *   POST   /groups/{id}/rota/unavailable/import  the coordinator's CSV (UTF-8 ± BOM or CP932)
 *   POST   /groups/{id}/rota/wishes              prefer / avoid a date
 *   POST   /groups/{id}/rota/solve               202 with a job
 *   POST   /groups/{id}/rota/swap | give, PUT …/rota/slot   edits checked with the hard rules
 *   GET    /jobs/{id}, POST /jobs/{id}/cancel
 */
#include "http/h_rota.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_rota.h"
#include "http/reply_file.h"
#include "io/rota_request_json.h"
#include "io/rota_xlsx.h"

void h_rota_get(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = http_param_id(req, rep, 0);
	if (gid == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *v = NULL;
	if (app_rota_view(req->store, req->auth, gid, http_query(req, "from"), http_query(req, "to"), &v, &e) != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, v);
}

static enum zt_err write_rota_xlsx(const char *path, const void *v, struct zt_error *e)
{
	const char *name = json_string_value(json_object_get(v, "group_name"));
	return rota_xlsx_write(v, name ? name : "", path, e);
}

void h_rota_xlsx(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = http_param_id(req, rep, 0);
	if (gid == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *v = NULL;
	if (app_rota_view(req->store, req->auth, gid, http_query(req, "from"), http_query(req, "to"), &v, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_written_file(rep, write_rota_xlsx, v, "XLSXファイル", XLSX_CONTENT_TYPE, "attachment; filename=\"rota.xlsx\"");
	json_decref(v);
}

void h_rota_doctor_put(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = http_param_id(req, rep, 0), pid = gid ? http_param_id(req, rep, 1) : 0;
	if (pid == 0)
		return;
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct rota_settings_req s;
	enum zt_err r = rota_settings_from_json(body, &s, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_rota_doctor_put(req->store, req->auth, http_actor(req), gid, pid, &s, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, json_pack("{s:I, s:f, s:i, s:i}", "practitioner_id", (json_int_t)pid, "share", s.share,
				       "max_per_week", s.max_per_week, "max_per_month", s.max_per_month));
}

void h_rota_unavailable_post(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = 0;
	json_t *body = http_id_body(req, rep, &gid);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct rota_unavail_req u;
	int64_t id = 0;
	enum zt_err r = rota_unavail_from_json(body, &u, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_rota_unavailable_add(req->store, req->auth, http_actor(req), gid, &u, &id, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 201, json_pack("{s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "practitioner_id",
				       (json_int_t)u.practitioner_id, "date", u.date, "reason", u.reason, "source", u.source));
}

void h_rota_unavailable_delete(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = http_param_id(req, rep, 0), id = gid ? http_param_id(req, rep, 1) : 0;
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_rota_unavailable_delete(req->store, req->auth, http_actor(req), gid, id, &e) != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

void h_rota_unavailable_import(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = http_param_id(req, rep, 0);
	if (gid == 0)
		return;
	if (req->body_len == 0) {
		reply_fail(rep, ZT_ERR_INVALID, "body", "ファイルの内容が空です。");
		return;
	}
	struct zt_error e;
	zt_error_clear(&e);
	long rows = 0;
	if (app_rota_unavailable_import(req->store, req->auth, http_actor(req), gid, req->body, req->body_len, &rows, &e) !=
	    ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, json_pack("{s:I}", "imported", (json_int_t)rows));
}

void h_rota_wishes_post(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = 0;
	json_t *body = http_id_body(req, rep, &gid);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct rota_wish_req w;
	int64_t id = 0;
	enum zt_err r = rota_wish_from_json(body, &w, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_rota_wish_add(req->store, req->auth, http_actor(req), gid, &w, &id, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "date", w.date, "kind", w.kind));
}

void h_rota_solve(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = 0;
	json_t *body = http_id_body(req, rep, &gid);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct rota_solve_req s;
	json_t *job = NULL;
	enum zt_err r = rota_solve_from_json(body, &s, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_rota_job_submit(req->store, req->auth, http_actor(req), gid, s.from, s.to, s.time_limit, s.seed, &job, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json_private(rep, 202, job);
}

static void edit(struct http_request *req, struct http_reply *rep, enum rota_edit_kind kind)
{
	int64_t gid = 0;
	json_t *body = http_id_body(req, rep, &gid);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct rota_edit_req q;
	json_t *out = NULL;
	enum zt_err r = rota_edit_from_json(body, kind, &q, &e);
	json_decref(body);
	if (r == ZT_OK && kind == ROTA_EDIT_SWAP)
		r = app_rota_swap(req->store, req->auth, http_actor(req), gid, q.duty_a, q.duty_b, q.reason, &out, &e);
	else if (r == ZT_OK && kind == ROTA_EDIT_GIVE)
		r = app_rota_give(req->store, req->auth, http_actor(req), gid, q.duty_id, q.practitioner_id, q.reason, &out, &e);
	else if (r == ZT_OK)
		r = app_rota_slot_put(req->store, req->auth, http_actor(req), gid, q.date, q.type, q.practitioner_id, q.reason,
				      &out, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, out);
}

void h_rota_swap(struct http_request *req, struct http_reply *rep)
{
	edit(req, rep, ROTA_EDIT_SWAP);
}

void h_rota_give(struct http_request *req, struct http_reply *rep)
{
	edit(req, rep, ROTA_EDIT_GIVE);
}

void h_rota_slot_put(struct http_request *req, struct http_reply *rep)
{
	edit(req, rep, ROTA_EDIT_SLOT);
}

void h_job_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *job = NULL;
	if (app_rota_job_get(req->store, req->auth, id, &job, &e) != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, job);
}

void h_job_cancel(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *job = NULL;
	enum zt_err r = app_rota_job_cancel(req->store, req->auth, http_actor(req), id, &e);
	if (r == ZT_OK)
		r = app_rota_job_get(req->store, req->auth, id, &job, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, job);
}
