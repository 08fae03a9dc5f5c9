/*
 * The coordinator programme's routes (issue 18): decode → use case (app_operators.c, app_meetings.c,
 * app_stages.c, app_visits.c, app_awards.c) → encode.
 *   GET  /api/v1/operators[?prefecture=]   200 {items: [operator]}: the operators the user may read
 *   POST /api/v1/operators                 operator body (io/programme_json.h) → 201 operator
 *   GET  /api/v1/operators/{id}            200 operator; 404 outside the user's scope
 */
#include "http/h_programme.h"

#include <stdlib.h>
#include <string.h>

#include "app/app_operators.h"
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
