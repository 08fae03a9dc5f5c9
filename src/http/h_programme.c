/*
 * The coordinator programme's routes (issue 18): decode → use case (app_operators.c, app_meetings.c,
 * app_stages.c, app_visits.c, app_awards.c) → encode.
 *   GET  /api/v1/operators[?prefecture=]   200 {items: [operator]}: the operators the user may read
 *   POST /api/v1/operators                 operator body (io/programme_json.h) → 201 operator
 *   GET  /api/v1/operators/{id}            200 operator; 404 outside the user's scope
 *   GET  /api/v1/meetings[?operator_id=&fiscal_year=]  200 {fiscal_year, items, operators: [tally, warnings]}
 *   POST /api/v1/meetings, GET|PUT|DELETE /api/v1/meetings/{id}, PUT|GET /api/v1/meetings/{id}/minutes.pdf
 *   GET  /api/v1/meetings.ics[?operator_id=&fiscal_year=]  text/calendar
 */
#include "http/h_programme.h"

#include <stdlib.h>
#include <string.h>

#include "app/app_meetings.h"
#include "app/app_operators.h"
#include "http/reply_file.h"
#include "core/clock.h"
#include "io/programme_json.h"

static json_t *operator_json(const struct operator_row *o)
{
	int k = o->d.kind >= 0 && o->d.kind < OPK__MAX ? o->d.kind : 0;
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:s, s:o, s:s, s:i, s:s, s:s}", "id",
			 (json_int_t)o->d.id, "name", o->d.name, "kind", operator_kinds[k].code, "kind_label",
			 operator_kinds[k].ja, "prefecture", o->d.prefecture, "association_id",
			 o->d.association_id ? json_integer(o->d.association_id) : json_null(), "association_name",
			 o->association_name, "municipality", o->d.municipality[0] ? json_string(o->d.municipality) : json_null(),
			 "municipality_name", o->municipality_name, "institution_id",
			 o->d.institution_id ? json_integer(o->d.institution_id) : json_null(), "institution_name",
			 o->institution_name, "first_fiscal_year", o->d.first_fiscal_year, "note", o->d.note, "created_at",
			 o->created_at);
}

void h_operators_list(struct http_request *req, struct http_reply *rep)
{
	const char *pref = http_query(req, "prefecture");
	struct operator_row *list = NULL;
	size_t n = 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_operator_list(req->store, req->auth, pref ? pref : "", &list, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, operator_json(&list[i]));
	free(list);
	reply_json(rep, 200, json_pack("{s:o}", "items", items));
}

void h_operators_create(struct http_request *req, struct http_reply *rep)
{
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct operator_def o;
	enum zt_err r = operator_from_json(body, &o, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_operator_create(req->store, req->auth, http_actor(req), &o, &e);
	struct operator_row row;
	if (r == ZT_OK)
		r = store_operator_get(req->store, o.id, &row, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 201, operator_json(&row));
}

void h_operator_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct operator_row row;
	if (app_operator_get(req->store, req->auth, id, &row, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, operator_json(&row));
}

/* ---- meetings ---- */

/* ?name= as a positive integer in [lo, hi] (absent: 0). Replies 400 and returns false when malformed. */
static bool query_int(struct http_request *req, struct http_reply *rep, const char *name, int64_t lo, int64_t hi,
		      int64_t *out)
{
	*out = 0;
	const char *v = http_query(req, name);
	if (v == NULL || v[0] == '\0')
		return true;
	char *end = NULL;
	long long x = strtoll(v, &end, 10);
	if (*end != '\0' || x < lo || x > hi) {
		reply_fail(rep, ZT_ERR_INVALID, name, "数値が正しくありません。");
		return false;
	}
	*out = x;
	return true;
}

static struct meeting *meeting_alloc(void)
{
	struct meeting *m = calloc(1, sizeof *m);
	if (m == NULL)
		abort();
	return m;
}

static json_t *summary_json(const struct meeting_summary *s)
{
	int k = s->kind >= 0 && s->kind < MK__MAX ? s->kind : 0;
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:b, s:b}", "id",
			 (json_int_t)s->id, "operator_id", (json_int_t)s->operator_id, "operator_name", s->operator_name,
			 "kind", meeting_kinds[k].code, "kind_label", meeting_kinds[k].ja, "title", s->title, "held_on",
			 s->held_on, "start_time", s->start_time, "end_time", s->end_time, "place", s->place, "invited",
			 s->invited, "present", s->present, "open_actions", s->open_actions, "has_minutes", s->has_minutes,
			 "has_minutes_pdf", s->has_minutes_pdf);
}

void h_meetings_list(struct http_request *req, struct http_reply *rep)
{
	int64_t op = 0, fy = 0;
	if (!query_int(req, rep, "operator_id", 1, INT64_MAX, &op) || !query_int(req, rep, "fiscal_year", 2000, 2100, &fy))
		return;
	if (fy == 0)
		fy = zt_fiscal_year();
	struct meeting_summary *items = NULL;
	struct meeting_year *years = NULL;
	size_t ni = 0, ny = 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_meeting_year(req->store, req->auth, op, (int)fy, &items, &ni, &years, &ny, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *list = json_array(), *ops = json_array();
	for (size_t i = 0; i < ni; i++)
		json_array_append_new(list, summary_json(&items[i]));
	for (size_t i = 0; i < ny; i++) {
		json_t *counts = json_array(), *warnings = json_array();
		for (int k = 0; k < MK__MAX; k++) {
			const struct meeting_tally *t = &years[i].tally[k];
			json_array_append_new(counts, json_pack("{s:s, s:s, s:i, s:i, s:i, s:b, s:b}", "kind", meeting_kinds[k].code,
								"label", meeting_kinds[k].ja, "held", t->held, "planned", t->planned,
								"minimum", t->minimum, "short_of", t->short_of, "missed", t->missed));
			char w[400];
			app_meeting_warning((int)fy, t, w, sizeof w);
			if (w[0])
				json_array_append_new(warnings, json_pack("{s:s, s:s}", "kind", meeting_kinds[k].code, "message", w));
		}
		const struct operator_row *o = &years[i].op;
		json_array_append_new(ops, json_pack("{s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)o->d.id, "name", o->d.name,
						     "kind_label", operator_kinds[o->d.kind >= 0 ? o->d.kind : 0].ja, "counts",
						     counts, "warnings", warnings));
	}
	free(items);
	free(years);
	reply_json(rep, 200, json_pack("{s:I, s:o, s:o}", "fiscal_year", (json_int_t)fy, "items", list, "operators", ops));
}

/* Decodes the body into m and runs fn (create or update); replies with the stored meeting. */
static void meeting_write(struct http_request *req, struct http_reply *rep, int64_t id, int status)
{
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct meeting *m = meeting_alloc();
	enum zt_err r = meeting_from_json(body, m, &e);
	json_decref(body);
	m->id = id;
	if (r == ZT_OK)
		r = id ? app_meeting_update(req->store, req->auth, http_actor(req), m, &e)
		       : app_meeting_create(req->store, req->auth, http_actor(req), m, &e);
	if (r == ZT_OK)
		r = store_meeting_get(req->store, m->id, m, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, status, meeting_to_json(m));
	free(m);
}

void h_meetings_create(struct http_request *req, struct http_reply *rep)
{
	meeting_write(req, rep, 0, 201);
}

void h_meeting_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id != 0)
		meeting_write(req, rep, id, 200);
}

void h_meeting_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct meeting *m = meeting_alloc();
	if (app_meeting_get(req->store, req->auth, id, m, &e) != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, meeting_to_json(m));
	free(m);
}

void h_meeting_delete(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_meeting_delete(req->store, req->auth, http_actor(req), id, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_bytes(rep, 204, "text/plain", "", 0);
}

void h_meeting_pdf_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_meeting_pdf_put(req->store, req->auth, http_actor(req), id, http_header(req, "Content-Type"), req->body,
				req->body_len, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:I, s:I}", "meeting_id", (json_int_t)id, "size", (json_int_t)req->body_len));
}

void h_meeting_pdf_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	void *data = NULL;
	size_t len = 0;
	if (app_meeting_pdf_get(req->store, req->auth, id, &data, &len, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_file(rep, "application/pdf", data, len, "attachment; filename=\"minutes.pdf\"");
}

void h_meetings_ical(struct http_request *req, struct http_reply *rep)
{
	int64_t op = 0, fy = 0;
	if (!query_int(req, rep, "operator_id", 1, INT64_MAX, &op) || !query_int(req, rep, "fiscal_year", 2000, 2100, &fy))
		return;
	struct zt_error e;
	zt_error_clear(&e);
	char *ics = NULL;
	size_t len = 0;
	if (app_meeting_ical(req->store, req->auth, op, (int)fy, &ics, &len, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_file(rep, "text/calendar; charset=utf-8", ics, len, "attachment; filename=\"meetings.ics\"");
}
