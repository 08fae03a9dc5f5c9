/*
 * /api/v1/facilities — the resource registry (地域資源).
 *   GET    /facilities        filters municipality, area, medical_area, kind, standard, capability
 *                             (repeatable, all must hold), h24, home_care, include_unknown (未確認
 *                             も含める), near=LAT,LON&within_km=KM, q (up to 4 words, folded),
 *                             sort, limit (1–500, default 50), offset. 400 naming the parameter.
 *   POST   /facilities        201 with the stored institution; 400/409 naming the field.
 *   GET    /facilities/{id}   200, or 404.
 *   PUT    /facilities/{id}   200; fields absent from the body keep their value; 400/404/409.
 *   DELETE /facilities/{id}   204, 404, or 409 when still referenced.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_facilities.h"
#include "auth/policy.h"
#include "domain/codes.h"
#include "domain/text.h"
#include "http/facility_query.h"
#include "http/routes.h"
#include "io/facility_json.h"
#include "io/json_out.h"
#include "store/store.h"
#include "store/store_import.h"

/* The access policy for registry writes: the institution is located by its municipality, so a
 * coordinator of district X gets 403 on district Y's institutions (issue 3 §2). Replies itself. */
static int may_write(struct http_request *req, struct http_reply *rep, const struct facility *f)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct policy_object obj = {.municipality = f->municipality_code};
	if (policy_check(req->store, req->auth, ACT_REGISTRY_WRITE, &obj, &e) != ZT_OK) {
		reply_error(rep, &e);
		return 0;
	}
	return 1;
}

/* Loads the institution of params[0] into f; replies 404 itself and returns 0 when absent. With
 * write set the registry-write policy is checked too. */
static int load(struct http_request *req, struct http_reply *rep, struct facility *f, bool write)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (store_facility_get(req->store, id, f, &e) != ZT_OK) {
		reply_error(rep, &e);
		return 0;
	}
	return !write || may_write(req, rep, f);
}

static const char *req_get(void *ctx, const char *key)
{
	return http_query(ctx, key);
}

static int req_each(void *ctx, const char *key, void (*fn)(const char *value, void *fctx), void *fctx)
{
	return http_query_each(ctx, key, fn, fctx);
}

/* Parses the query string into flt (http/facility_query.c, fuzzed); every bad parameter is a 400
 * naming it. */
static enum zt_err parse_filter(struct http_request *req, struct facility_filter *flt, struct zt_error *e)
{
	struct query_source q = {req_get, req_each, req};
	return facility_query_parse(&q, flt, e);
}

void h_facilities_list(struct http_request *req, struct http_reply *rep)
{
	struct facility_filter flt;
	struct zt_error e;
	zt_error_clear(&e);
	if (parse_filter(req, &flt, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	struct facility *rows;
	size_t n, total;
	if (store_facility_search(req->store, &flt, &rows, &n, &total, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	/* Written in one pass (no jansson tree to build and dump): the listing is the registry's hot read. */
	struct json_out o;
	json_out_init(&o, 512 + n * 1024);
	json_out_open(&o, '{');
	json_out_key(&o, "items");
	json_out_open(&o, '[');
	for (size_t i = 0; i < n; i++)
		facility_json_write(&o, &rows[i]);
	json_out_close(&o, ']');
	free(rows);
	json_out_key(&o, "total");
	json_out_int(&o, (int64_t)total);
	json_out_key(&o, "limit");
	json_out_int(&o, flt.limit);
	json_out_key(&o, "offset");
	json_out_int(&o, flt.offset);
	json_out_close(&o, '}');
	size_t len;
	char *text = json_out_take(&o, &len);
	reply_json_text(rep, 200, text, len);
}

/* Decodes, validates and stores; replies itself. */
static void save(struct http_request *req, struct http_reply *rep, struct facility *f, int create)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	enum zt_err r = facility_from_json(body, f, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = facility_validate(f, &e);
	if (r == ZT_OK && !may_write(req, rep, f))
		return;
	if (r == ZT_OK)
		r = app_facility_save(req->store, http_actor(req), f, create, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, create ? 201 : 200, facility_to_json(f));
}

void h_facilities_create(struct http_request *req, struct http_reply *rep)
{
	struct facility f;
	facility_init(&f);
	save(req, rep, &f, 1);
}

void h_facility_get(struct http_request *req, struct http_reply *rep)
{
	struct facility f;
	if (!load(req, rep, &f, false))
		return;
	json_t *o = facility_to_json(&f);
	/* Practitioners are people: their names are for signed-in users, not the public listing
	 * (the registry's institutions themselves are public information). A failed read is a 500,
	 * never a reply without the list. */
	json_t *filings = store_facility_filings(req->store, f.id);
	json_t *people = req->auth != NULL ? store_facility_practitioners(req->store, f.id) : NULL;
	/* who confirmed which fact when (issue 12 §3): user names, so for signed-in users too */
	json_t *facts = req->auth != NULL ? store_facility_confirmations(req->store, f.id) : NULL;
	if (filings == NULL || (req->auth != NULL && (people == NULL || facts == NULL))) {
		json_decref(o);
		json_decref(filings);
		json_decref(people);
		json_decref(facts);
		reply_fail(rep, ZT_ERR_DB, "", "データベースの処理に失敗しました。");
		return;
	}
	if (people != NULL)
		json_object_set_new(o, "practitioners", people);
	if (facts != NULL)
		json_object_set_new(o, "confirmations", facts);
	json_object_set_new(o, "filings", filings);
	/* 届出 that a later bureau list no longer carried, with the day they ended (issue 12 §4) */
	json_t *ended = store_facility_filings_ended(req->store, f.id);
	json_object_set_new(o, "filings_ended", ended ? ended : json_array());
	/* What the signed-in user may do with this institution, so that the page offers only that (and
	 * asks for nothing it would be refused: a coordinator of another district gets no visits section). */
	if (req->auth != NULL) {
		static const enum policy_action acts[] = {ACT_REGISTRY_WRITE, ACT_PROGRAMME_READ, ACT_PROGRAMME_WRITE};
		struct policy_object obj = {.municipality = f.municipality_code, .institution_id = f.id};
		json_t *may = json_object();
		for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++)
			json_object_set_new(may, policy_action_names[acts[i]],
					    json_boolean(policy_check(req->store, req->auth, acts[i], &obj, NULL) == ZT_OK));
		json_object_set_new(o, "may", may);
	}
	reply_json(rep, 200, o);
}

void h_facility_put(struct http_request *req, struct http_reply *rep)
{
	struct facility f;
	if (!load(req, rep, &f, true))
		return;
	f.distance_km = -1;
	save(req, rep, &f, 0);
}

void h_facility_delete(struct http_request *req, struct http_reply *rep)
{
	struct facility cur;
	if (!load(req, rep, &cur, true))
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_facility_delete(req->store, http_actor(req), cur.id, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_bytes(rep, 204, "text/plain", "", 0);
}
