/*
 * Interop exports (issue 14 §7): decode → use case (app_fhir.c, app_feeds.c) → encode.
 *   GET    /api/v1/patients/{id}/fhir  200 application/fhir+json: the team as a FHIR R4 Bundle
 *                                      (a patient read: same policy, audit row, no-store).
 *   GET    /api/v1/feeds               200 {items: [feed]}: the caller's feeds (admin: all).
 *   POST   /api/v1/feeds               {kind: "doctor", practitioner_id} | {kind: "group", group_id}
 *                                      → 201 {…feed, token, path, url}: the URL is shown once.
 *   DELETE /api/v1/feeds/{id}          204 revoked (its URL answers 404 from then on).
 *   GET    /ical/{token}.ics           200 text/calendar; 404 for any unknown, revoked or malformed token.
 */
#include "http/h_interop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_feeds.h"
#include "app/app_fhir.h"
#include "http/reply_file.h"
#include "io/feed_json.h"

void h_patient_fhir(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *bundle = NULL;
	if (app_patient_fhir(req->store, req->auth, http_actor(req), id, &bundle, &e) != ZT_OK) {
		rep->no_store = true;
		reply_error(rep, &e);
		return;
	}
	char *text = json_dumps(bundle, JSON_INDENT(1));
	json_decref(bundle);
	if (text == NULL)
		abort();
	reply_file(rep, "application/fhir+json; charset=utf-8", text, strlen(text),
		   "attachment; filename=\"care-team-fhir.json\"");
}

static json_t *opt_str(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

static json_t *feed_json(const struct ical_feed *f)
{
	return json_pack("{s:I, s:s, s:I, s:s, s:I, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)f->id, "kind",
			 f->kind >= 0 ? feed_kinds[f->kind].code : "", "target_id", (json_int_t)f->target_id, "target_name",
			 f->target_name, "account_id", (json_int_t)f->account_id, "username", f->username, "created_at",
			 f->created_at, "revoked_at", opt_str(f->revoked_at), "last_fetched_at", opt_str(f->last_fetched_at),
			 "state", f->revoked_at[0] ? "revoked" : "active");
}

void h_feeds_list(struct http_request *req, struct http_reply *rep)
{
	struct ical_feed *list = NULL;
	size_t n = 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_feed_list(req->store, req->auth, &list, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, feed_json(&list[i]));
	free(list);
	rep->no_store = true;
	reply_json(rep, 200, json_pack("{s:o}", "items", items));
}

void h_feeds_create(struct http_request *req, struct http_reply *rep)
{
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	enum feed_kind kind = FEED_DOCTOR;
	int64_t target = 0;
	struct ical_feed f;
	char token[SECRET_TOKEN_HEX];
	enum zt_err r = feed_request_from_json(body, &kind, &target, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_feed_create(req->store, req->auth, http_actor(req), kind, target, &f, token, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	char path[96];
	snprintf(path, sizeof path, "/ical/%s.ics", token);
	json_t *o = feed_json(&f);
	json_object_set_new(o, "token", json_string(token));
	json_object_set_new(o, "path", json_string(path));
	const char *base = req->cfg ? req->cfg->public_url : NULL;
	if (base && base[0]) {
		size_t bl = strlen(base);
		char *url = malloc(bl + sizeof path);
		if (url == NULL)
			abort();
		snprintf(url, bl + sizeof path, "%.*s%s", (int)(base[bl - 1] == '/' ? bl - 1 : bl), base, path);
		json_object_set_new(o, "url", json_string(url));
		free(url);
	} else {
		json_object_set_new(o, "url", json_null());
	}
	rep->no_store = true;
	reply_json(rep, 201, o);
}

void h_feed_delete(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_feed_revoke(req->store, req->auth, http_actor(req), id, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_bytes(rep, 204, "text/plain", "", 0);
}

void h_ical_get(struct http_request *req, struct http_reply *rep)
{
	/* /ical/{token}.ics: the segment is the token and its extension */
	const char *seg = req->nparams > 0 ? req->params[0] : "";
	size_t sl = strlen(seg);
	char token[SECRET_TOKEN_HEX] = "";
	if (sl == SECRET_TOKEN_HEX - 1 + 4 && strcmp(seg + sl - 4, ".ics") == 0)
		snprintf(token, sizeof token, "%.*s", (int)(sl - 4), seg);
	struct zt_error e;
	zt_error_clear(&e);
	char *ics = NULL;
	size_t len = 0;
	if (app_feed_fetch(req->store, token, &ics, &len, &e) != ZT_OK) {
		rep->no_store = true;
		reply_error(rep, &e);
		return;
	}
	reply_file(rep, "text/calendar; charset=utf-8", ics, len, "inline; filename=\"duties.ics\"");
}
