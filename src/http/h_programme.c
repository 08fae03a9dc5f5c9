/*
 * The coordinator programme's routes (issue 18): decode → use case (app_operators.c, app_meetings.c,
 * app_stages.c, app_visits.c, app_awards.c) → encode.
 *   GET  /api/v1/operators[?prefecture=]   200 {items: [operator]}: the operators the user may read
 *   POST /api/v1/operators                 operator body (io/programme_json.h) → 201 operator
 *   GET  /api/v1/operators/{id}            200 operator; 404 outside the user's scope
 *   GET  /api/v1/meetings[?operator_id=&fiscal_year=]  200 {fiscal_year, items, operators: [tally, warnings]}
 *   POST /api/v1/meetings, GET|PUT|DELETE /api/v1/meetings/{id}, PUT|GET /api/v1/meetings/{id}/minutes.pdf
 *   GET  /api/v1/meetings.ics[?operator_id=&fiscal_year=]  text/calendar
 *   GET  /api/v1/stages[?association_id=], POST /api/v1/stages/snapshot, GET|PUT /api/v1/stages/{id},
 *   PUT  /api/v1/stages/{id}/plan          clinic development stages A–D ({id}: the clinic)
 *   GET|POST /api/v1/facilities/{id}/visits, DELETE /api/v1/visits/{id}, GET /api/v1/visits?operator_id=
 *   GET|POST /api/v1/awards, PUT /api/v1/awards/{id}/decision, GET /api/v1/public/awards (public)
 */
#include "http/h_programme.h"

#include <stdlib.h>
#include <string.h>

#include "app/app_awards.h"
#include "app/app_meetings.h"
#include "app/app_operators.h"
#include "app/app_stages.h"
#include "app/app_visits.h"
#include "http/reply_file.h"
#include "core/clock.h"
#include "io/programme_json.h"

/* DELETE of the record params[0] by fn (the use case checks the policy and audits): 204, or the error. */
typedef enum zt_err (*delete_fn)(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
				 struct zt_error *e);
static void delete_by_id(struct http_request *req, struct http_reply *rep, delete_fn fn)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (fn(req->store, req->auth, http_actor(req), id, &e) != ZT_OK)
		reply_error(rep, &e);
	else
		reply_bytes(rep, 204, "text/plain", "", 0);
}

static json_t *operator_json(const struct operator_row *o)
{
	int k = o->d.kind >= 0 && o->d.kind < OPK__MAX ? o->d.kind : 0;
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:s, s:o, s:s, s:i, s:s, s:s, s:i}", "id",
			 (json_int_t)o->d.id, "name", o->d.name, "kind", operator_kinds[k].code, "kind_label",
			 operator_kinds[k].ja, "prefecture", o->d.prefecture, "association_id",
			 o->d.association_id ? json_integer(o->d.association_id) : json_null(), "association_name",
			 o->association_name, "municipality", o->d.municipality[0] ? json_string(o->d.municipality) : json_null(),
			 "municipality_name", o->municipality_name, "institution_id",
			 o->d.institution_id ? json_integer(o->d.institution_id) : json_null(), "institution_name",
			 o->institution_name, "first_fiscal_year", o->d.first_fiscal_year, "note", o->d.note, "created_at",
			 o->created_at, "cap_units", o->d.cap_units);
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

/* The operator of body created (id 0: 201) or replaced (id: 200), replied as stored. Takes body. */
static void operator_write(struct http_request *req, struct http_reply *rep, int64_t id, json_t *body)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct operator_def o;
	enum zt_err r = operator_from_json(body, &o, &e);
	json_decref(body);
	o.id = id;
	if (r == ZT_OK)
		r = id ? app_operator_update(req->store, req->auth, http_actor(req), &o, &e)
		       : app_operator_create(req->store, req->auth, http_actor(req), &o, &e);
	struct operator_row row;
	if (r == ZT_OK)
		r = store_operator_get(req->store, o.id, &row, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, id ? 200 : 201, operator_json(&row));
}

void h_operators_create(struct http_request *req, struct http_reply *rep)
{
	json_t *body = http_json_body(req, rep);
	if (body != NULL)
		operator_write(req, rep, 0, body);
}

void h_operator_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id;
	json_t *body = http_id_body(req, rep, &id);
	if (body != NULL)
		operator_write(req, rep, id, body);
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
	if (!http_query_int(req, rep, "operator_id", 1, INT64_MAX, &op) || !http_query_int(req, rep, "fiscal_year", 2000, 2100, &fy))
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
	delete_by_id(req, rep, app_meeting_delete);
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
	if (!http_query_int(req, rep, "operator_id", 1, INT64_MAX, &op) || !http_query_int(req, rep, "fiscal_year", 2000, 2100, &fy))
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

/* ---- clinic development stages ---- */

static json_t *stage_view_json(const struct stage_view *v)
{
	const struct stage_clinic *c = &v->c;
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:s, s:s, s:s, s:{s:s, s:s, s:o}}", "id",
			 (json_int_t)c->id, "name", c->name, "municipality", c->municipality, "municipality_name",
			 c->municipality_name, "stage", clinic_stages[v->current].code, "stage_label",
			 clinic_stages[v->current].ja, "derived", clinic_stages[v->derived.stage].code, "derived_label",
			 clinic_stages[v->derived.stage].ja, "basis", v->derived.basis, "uncertain", v->derived.uncertain,
			 "overridden", v->overridden, "reason", v->overridden ? c->last.reason : "", "set_on", c->last.set_on,
			 "set_by", c->last.username, "plan", "next_step", c->plan_next_step, "action", c->plan_action,
			 "due_on", c->plan_due_on[0] ? json_string(c->plan_due_on) : json_null());
}

void h_stages_list(struct http_request *req, struct http_reply *rep)
{
	int64_t assoc = 0;
	if (!http_query_int(req, rep, "association_id", 1, INT64_MAX, &assoc))
		return;
	struct stage_view *views = NULL;
	struct stage_year *years = NULL;
	size_t nv = 0, ny = 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_stage_list(req->store, req->auth, assoc, &views, &nv, &years, &ny, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *clinics = json_array(), *ys = json_array();
	for (size_t i = 0; i < nv; i++)
		json_array_append_new(clinics, stage_view_json(&views[i]));
	for (size_t i = 0; i < ny; i++) {
		json_t *counts = json_object();
		for (int s = 0; s < STAGE__MAX; s++)
			json_object_set_new(counts, clinic_stages[s].code, json_integer(years[i].count[s]));
		json_array_append_new(ys, json_pack("{s:i, s:o, s:i}", "fiscal_year", years[i].fiscal_year, "counts", counts,
						    "unrecorded", years[i].unrecorded));
	}
	if (assoc == 0 && req->auth && req->auth->nassociations > 0)
		assoc = req->auth->associations[0];
	free(views);
	free(years);
	reply_json(rep, 200, json_pack("{s:I, s:o, s:o}", "association_id", (json_int_t)assoc, "clinics", clinics, "years", ys));
}

void h_stages_snapshot(struct http_request *req, struct http_reply *rep)
{
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	int64_t assoc = 0;
	char set_on[11];
	int n = 0;
	enum zt_err r = stage_snapshot_from_json(body, &assoc, set_on, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_stage_snapshot(req->store, req->auth, http_actor(req), assoc, set_on, &n, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:i}", "recorded", n));
}

static void stage_reply(struct http_request *req, struct http_reply *rep, int64_t id)
{
	struct stage_view v;
	struct stage_record *hist = NULL;
	size_t nh = 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_stage_clinic(req->store, req->auth, id, &v, &hist, &nh, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *o = stage_view_json(&v), *h = json_array();
	for (size_t i = 0; i < nh; i++) {
		int s = code_lookup(clinic_stages, STAGE__MAX, hist[i].stage);
		json_array_append_new(h, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)hist[i].id, "stage",
						   hist[i].stage, "stage_label", s >= 0 ? clinic_stages[s].ja : "", "source",
						   hist[i].source, "reason", hist[i].reason, "set_on", hist[i].set_on, "set_by",
						   hist[i].username));
	}
	free(hist);
	json_object_set_new(o, "history", h);
	reply_json(rep, 200, o);
}

void h_stage_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id != 0)
		stage_reply(req, rep, id);
}

void h_stage_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	int stage = -1;
	char *why = malloc(PROG_TEXT_MAX);
	if (why == NULL)
		abort();
	enum zt_err r = stage_override_from_json(body, &stage, why, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_stage_override(req->store, req->auth, http_actor(req), id, stage, why, "", &e);
	free(why);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	stage_reply(req, rep, id);
}

void h_stage_plan_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct clinic_plan_in *p = malloc(sizeof *p);
	if (p == NULL)
		abort();
	enum zt_err r = clinic_plan_from_json(body, p, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_stage_plan(req->store, req->auth, http_actor(req), id, p->next_step, p->action, p->due_on, &e);
	free(p);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	stage_reply(req, rep, id);
}

/* ---- institution visits ---- */

static json_t *visit_json(const struct institution_visit *v)
{
	return json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:i}", "id", (json_int_t)v->id, "institution_id",
			 (json_int_t)v->institution_id, "institution_name", v->institution_name, "operator_id",
			 v->operator_id ? json_integer(v->operator_id) : json_null(), "operator_name", v->operator_name,
			 "visited_on", v->visited_on, "visitor", v->visitor, "learnt", v->learnt, "follow_up", v->follow_up,
			 "fiscal_year", programme_fiscal_year(v->visited_on));
}

static void visits_reply(struct http_reply *rep, struct institution_visit *list, size_t n, json_t *extra)
{
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, visit_json(&list[i]));
	free(list);
	json_object_set_new(extra, "items", items);
	reply_json_private(rep, 200, extra);
}

void h_facility_visits_list(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct institution_visit *list = NULL;
	size_t n = 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_visit_list(req->store, req->auth, id, &list, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	/* counted per fiscal year, newest first */
	json_t *per = json_object();
	for (size_t i = 0; i < n; i++) {
		char k[8];
		snprintf(k, sizeof k, "%d", programme_fiscal_year(list[i].visited_on) % 10000);
		json_t *c = json_object_get(per, k);
		json_object_set_new(per, k, json_integer(c ? json_integer_value(c) + 1 : 1));
	}
	visits_reply(rep, list, n, json_pack("{s:I, s:o}", "institution_id", (json_int_t)id, "per_fiscal_year", per));
}

void h_facility_visits_create(struct http_request *req, struct http_reply *rep)
{
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct visit_in *in = malloc(sizeof *in);
	struct institution_visit *v = calloc(1, sizeof *v);
	if (in == NULL || v == NULL)
		abort();
	enum zt_err r = visit_from_json(body, in, &e);
	json_decref(body);
	if (r == ZT_OK) {
		v->institution_id = id;
		v->operator_id = in->operator_id;
		memcpy(v->visited_on, in->visited_on, sizeof v->visited_on);
		memcpy(v->visitor, in->visitor, sizeof v->visitor);
		memcpy(v->learnt, in->learnt, sizeof v->learnt);
		memcpy(v->follow_up, in->follow_up, sizeof v->follow_up);
		r = app_visit_create(req->store, req->auth, http_actor(req), v, &e);
	}
	if (r == ZT_OK)
		r = store_visit_get(req->store, v->id, v, &e);
	if (r != ZT_OK)
		reply_error(rep, &e);
	else
		reply_json_private(rep, 201, visit_json(v));
	free(in);
	free(v);
}

void h_visit_delete(struct http_request *req, struct http_reply *rep)
{
	delete_by_id(req, rep, app_visit_delete);
}

void h_visits_year(struct http_request *req, struct http_reply *rep)
{
	int64_t op = 0, fy = 0;
	if (!http_query_int(req, rep, "operator_id", 1, INT64_MAX, &op) || !http_query_int(req, rep, "fiscal_year", 2000, 2100, &fy))
		return;
	if (op == 0) {
		reply_fail(rep, ZT_ERR_INVALID, "operator_id", "事業者を指定してください。");
		return;
	}
	if (fy == 0)
		fy = zt_fiscal_year();
	struct institution_visit *list = NULL;
	size_t n = 0;
	int visits = 0, insts = 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_visit_year(req->store, req->auth, op, (int)fy, &list, &n, &visits, &insts, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	visits_reply(rep, list, n, json_pack("{s:I, s:I, s:i, s:i}", "operator_id", (json_int_t)op, "fiscal_year",
					     (json_int_t)fy, "visits", visits, "institutions", insts));
}

/* ---- awards 顕彰 ---- */

static json_t *award_json(const struct award *a, bool public_form)
{
	int s = a->status >= 0 && a->status < AWARD__MAX ? a->status : 0;
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)a->id,
			      "institution_id", (json_int_t)a->institution_id, "institution_name", a->institution_name,
			      "institution_kind", a->institution_kind, "municipality_name", a->municipality_name, "fiscal_year",
			      a->fiscal_year, "title", a->title, "reason", a->reason, "status", award_statuses[s].code,
			      "status_label", award_statuses[s].ja, "decided_on",
			      a->decided_on[0] ? json_string(a->decided_on) : json_null());
	if (!public_form) {
		json_object_set_new(o, "decision_note", json_string(a->decision_note));
		json_object_set_new(o, "nominated_by", json_string(a->nominated_by));
		json_object_set_new(o, "operator_id", a->operator_id ? json_integer(a->operator_id) : json_null());
		json_object_set_new(o, "operator_name", json_string(a->operator_name));
	}
	return o;
}

static void awards_reply(struct http_reply *rep, struct award *list, size_t n, bool public_form)
{
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, award_json(&list[i], public_form));
	free(list);
	reply_json(rep, 200, json_pack("{s:o}", "items", items));
}

void h_awards_list(struct http_request *req, struct http_reply *rep)
{
	int64_t fy = 0;
	if (!http_query_int(req, rep, "fiscal_year", 2000, 2100, &fy))
		return;
	struct award *list = NULL;
	size_t n = 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_award_list(req->store, req->auth, (int)fy, &list, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	awards_reply(rep, list, n, false);
}

void h_public_awards(struct http_request *req, struct http_reply *rep)
{
	int64_t fy = 0;
	if (!http_query_int(req, rep, "fiscal_year", 2000, 2100, &fy))
		return;
	struct award *list = NULL;
	size_t n = 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_award_public(req->store, (int)fy, &list, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	awards_reply(rep, list, n, true);
}

static void award_write(struct http_request *req, struct http_reply *rep, int64_t id)
{
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct award_in *in = malloc(sizeof *in);
	struct award *a = calloc(1, sizeof *a);
	if (in == NULL || a == NULL)
		abort();
	enum zt_err r = id ? award_decision_from_json(body, in, &e) : award_nomination_from_json(body, in, &e);
	json_decref(body);
	if (r == ZT_OK) {
		a->id = id;
		a->institution_id = in->institution_id;
		a->operator_id = in->operator_id;
		a->fiscal_year = (int)in->fiscal_year;
		a->status = in->status;
		memcpy(a->title, in->title, sizeof a->title);
		memcpy(a->reason, in->reason, sizeof a->reason);
		memcpy(a->decided_on, in->decided_on, sizeof a->decided_on);
		memcpy(a->decision_note, in->decision_note, sizeof a->decision_note);
		r = id ? app_award_decide(req->store, req->auth, http_actor(req), a, &e)
		       : app_award_nominate(req->store, req->auth, http_actor(req), a, &e);
	}
	if (r == ZT_OK)
		r = store_award_get(req->store, a->id, a, &e);
	if (r != ZT_OK)
		reply_error(rep, &e);
	else
		reply_json(rep, id ? 200 : 201, award_json(a, false));
	free(in);
	free(a);
}

void h_awards_create(struct http_request *req, struct http_reply *rep)
{
	award_write(req, rep, 0);
}

void h_award_decision_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id != 0)
		award_write(req, rep, id);
}

void h_award_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct award_in *in = malloc(sizeof *in);
	struct award *a = calloc(1, sizeof *a);
	if (in == NULL || a == NULL)
		abort();
	enum zt_err r = award_edit_from_json(body, in, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_award_edit(req->store, req->auth, http_actor(req), id, in->title, in->reason, a, &e);
	if (r == ZT_OK)
		r = store_award_get(req->store, id, a, &e);
	if (r != ZT_OK)
		reply_error(rep, &e);
	else
		reply_json(rep, 200, award_json(a, false));
	free(in);
	free(a);
}

void h_award_delete(struct http_request *req, struct http_reply *rep)
{
	delete_by_id(req, rep, app_award_withdraw);
}
