/* Handlers of patients, care teams, the call chain and duties (issue 14 §1–§3, §6): decode → use case
 * (app_patients.c: policy, rules, audit) → encode, with Cache-Control: no-store on patient data. */
#include "http/h_patients.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_absences.h"
#include "app/app_patients.h"
#include "core/clock.h"
#include "domain/holiday.h"
#include "io/json_fields.h"
#include "io/json_out.h"
#include "io/patient_json.h"

static json_t *view_json(const struct app_patient_view *v)
{
	json_t *o = patient_to_json(&v->p, v->today);
	json_object_set_new(o, "team", team_to_json(&v->team, v->problems, v->nproblems));
	return o;
}

void h_patients_list(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct patient *rows = NULL;
	size_t n = 0, total = 0;
	int64_t limit = 50, offset = 0;
	if (!http_query_int(req, rep, "limit", 1, 1000000, &limit) || !http_query_int(req, rep, "offset", 0, 1000000, &offset))
		return;
	struct patient_filter f = {http_query(req, "q"), http_query(req, "municipality"), (int)limit, (int)offset};
	if (app_patient_find(req->store, req->auth, http_actor(req), &f, &rows, &n, &total, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	char today[11];
	zt_today_jst(today);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, patient_summary_json(&rows[i], today));
	free(rows);
	rep->no_store = true;
	reply_json(rep, 200, json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "limit", f.limit,
				       "offset", f.offset));
}

void h_patients_create(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct patient *p = calloc(1, sizeof *p);
	if (p == NULL)
		abort();
	patient_init(p);
	enum zt_err r = patient_from_json(body, p, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_patient_create(req->store, req->auth, http_actor(req), p, &e);
	if (r != ZT_OK) {
		free(p);
		reply_error_private(rep, &e);
		return;
	}
	char today[11];
	zt_today_jst(today);
	rep->no_store = true;
	reply_json(rep, 201, patient_to_json(p, today));
	free(p);
}

void h_patient_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct app_patient_view *v = calloc(1, sizeof *v);
	if (v == NULL)
		abort();
	if (app_patient_read(req->store, req->auth, http_actor(req), id, v, &e) != ZT_OK)
		reply_error_private(rep, &e);
	else {
		rep->no_store = true;
		reply_json(rep, 200, view_json(v));
	}
	free(v);
}

void h_patient_put(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct patient *p = calloc(1, sizeof *p);
	if (p == NULL)
		abort();
	enum zt_err r = app_patient_update(req->store, req->auth, http_actor(req), id, body, p, &e);
	json_decref(body);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else {
		char today[11];
		zt_today_jst(today);
		rep->no_store = true;
		reply_json(rep, 200, patient_to_json(p, today));
	}
	free(p);
}

void h_patient_team_put(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct app_patient_view *v = calloc(1, sizeof *v);
	if (v == NULL)
		abort();
	enum zt_err r = app_team_put(req->store, req->auth, http_actor(req), id, body, v, &e);
	json_decref(body);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else {
		rep->no_store = true;
		reply_json(rep, 200, team_to_json(&v->team, v->problems, v->nproblems));
	}
	free(v);
}

void h_patient_backups_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *items = NULL;
	if (app_backup_list(req->store, req->auth, http_actor(req), id, &items, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	rep->no_store = true;
	reply_json(rep, 200, json_pack("{s:o}", "items", items));
}

/* Reads the string member key of body into dst (absent/null → ""). */
static enum zt_err str_member(const json_t *body, const char *key, char *dst, size_t n, struct zt_error *e)
{
	json_t *v = json_object_get(body, key);
	dst[0] = '\0';
	return v ? json_field_str(v, key, dst, n, e) : ZT_OK;
}

/* Refuses members of body other than those named (NULL-terminated). */
static enum zt_err only(const json_t *body, const char *const *keys, struct zt_error *e)
{
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		int ok = 0;
		for (int i = 0; keys[i]; i++)
			ok |= strcmp(keys[i], key) == 0;
		if (!ok)
			return json_field_unknown(key, e);
	}
	return ZT_OK;
}

void h_patient_backups_post(struct http_request *req, struct http_reply *rep)
{
	static const char *const keys[] = {"hospital_id", "registered_on", "expires_on", "end_previous", NULL};
	struct zt_error e;
	zt_error_clear(&e);
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	char reg[16], exp[16];
	int64_t hospital = 0, reg_id = 0;
	bool end_prev = false;
	json_t *ep = json_object_get(body, "end_previous");
	enum zt_err r = only(body, keys, &e);
	if (r == ZT_OK)
		r = json_field_int(json_object_get(body, "hospital_id"), "hospital_id", 1, INT64_MAX, &hospital,
				   "hospital_id は病院のIDで指定してください。", &e);
	if (r == ZT_OK)
		r = str_member(body, "registered_on", reg, sizeof reg, &e);
	if (r == ZT_OK)
		r = str_member(body, "expires_on", exp, sizeof exp, &e);
	if (r == ZT_OK && ep)
		r = json_field_bool(ep, "end_previous", &end_prev, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_backup_register(req->store, req->auth, http_actor(req), id, hospital, reg, exp, end_prev, &reg_id, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	rep->no_store = true;
	reply_json(rep, 201, json_pack("{s:I, s:I, s:s, s:s}", "id", (json_int_t)reg_id, "hospital_id", (json_int_t)hospital,
				       "registered_on", reg, "expires_on", exp));
}

void h_patient_exchanges_post(struct http_request *req, struct http_reply *rep)
{
	static const char *const keys[] = {"exchanged_on", "note", NULL};
	struct zt_error e;
	zt_error_clear(&e);
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	char on[16], note[512];
	int64_t xid = 0;
	enum zt_err r = only(body, keys, &e);
	if (r == ZT_OK)
		r = str_member(body, "exchanged_on", on, sizeof on, &e);
	if (r == ZT_OK)
		r = str_member(body, "note", note, sizeof note, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_exchange_add(req->store, req->auth, http_actor(req), id, on, note, &xid, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	rep->no_store = true;
	reply_json(rep, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)xid, "exchanged_on", on, "note", note));
}

/* The call chain's reply, written in one pass (the hottest patient read: the on-call doctor's phone
 * asks for it at any hour); byte for byte what the jansson tree of the same members would dump. */
static char *chain_text(const struct patient *p, const struct cc_result *c, time_t at, size_t *len)
{
	char iso[21];
	zt_format_utc(at, iso);
	struct json_out o;
	json_out_init(&o, 4096);
	json_out_open(&o, '{');
	json_out_key(&o, "patient_id");
	json_out_int(&o, p->id);
	json_out_key(&o, "patient_name");
	json_out_str(&o, p->name);
	json_out_key(&o, "at");
	json_out_str(&o, iso);
	json_out_key(&o, "slot");
	json_out_str(&o, c->slot_label);
	json_out_key(&o, "steps");
	json_out_open(&o, '[');
	for (int i = 0; i < c->nsteps; i++) {
		const struct cc_step *s = &c->steps[i];
		json_out_open(&o, '{');
		json_out_key(&o, "order");
		json_out_int(&o, i + 1);
		const char *const keys[] = {"role", "role_label", "reason", "sentence", "person", "institution"};
		const char *const vals[] = {s->role, s->role_ja, s->reason, s->sentence, s->person, s->institution};
		for (int k = 0; k < 6; k++) {
			json_out_key(&o, keys[k]);
			json_out_str(&o, vals[k]);
		}
		json_out_key(&o, "institution_id");
		if (s->institution_id)
			json_out_int(&o, s->institution_id);
		else
			json_out_null(&o);
		json_out_key(&o, "practitioner_id");
		if (s->practitioner_id)
			json_out_int(&o, s->practitioner_id);
		else
			json_out_null(&o);
		json_out_key(&o, "phones");
		json_out_open(&o, '[');
		for (int k = 0; k < s->nphones; k++)
			json_out_str(&o, s->phones[k]);
		json_out_close(&o, ']');
		json_out_close(&o, '}');
	}
	json_out_close(&o, ']');
	json_out_key(&o, "skipped");
	json_out_open(&o, '[');
	for (int i = 0; i < c->nskipped; i++) {
		json_out_open(&o, '{');
		json_out_key(&o, "reason");
		json_out_str(&o, c->skipped[i].reason);
		json_out_key(&o, "sentence");
		json_out_str(&o, c->skipped[i].sentence);
		json_out_close(&o, '}');
	}
	json_out_close(&o, ']');
	json_out_key(&o, "must_know");
	json_out_open(&o, '[');
	for (int i = 0; i < c->nknow; i++)
		json_out_str(&o, c->know[i]);
	json_out_close(&o, ']');
	json_out_close(&o, '}');
	return json_out_take(&o, len);
}

void h_patient_call_chain(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	const char *q = http_query(req, "at");
	time_t at = zt_now();
	if (q && q[0] && !zt_parse_instant(q, &at)) {
		zt_fail(&e, ZT_ERR_INVALID, "at", "at は ISO 8601 の日時（例 2027-01-01T02:00:00+09:00）で指定してください。");
		reply_error_private(rep, &e);
		return;
	}
	/* Not calloc: app_call_chain() fills both before they are read (store_patient_get starts with
	 * patient_init, callchain_build resets the result), and zeroing 30 KB was a tenth of the request. */
	struct patient *p = malloc(sizeof *p);
	struct cc_result *c = malloc(sizeof *c);
	if (p == NULL || c == NULL)
		abort();
	if (app_call_chain(req->store, req->auth, http_actor(req), id, at, p, c, &e) != ZT_OK)
		reply_error_private(rep, &e);
	else {
		rep->no_store = true;
		size_t len;
		char *text = chain_text(p, c, at, &len);
		reply_json_text(rep, 200, text, len);
	}
	free(p);
	free(c);
}

void h_group_duties_get(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = http_param_id(req, rep, 0);
	if (gid == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct duty *rows = NULL;
	size_t n = 0;
	struct duty_hours h;
	int nurse_first = 0;
	if (app_duties(req->store, req->auth, gid, http_query(req, "from"), http_query(req, "to"), &rows, &n, &h, &nurse_first,
		       &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, duty_to_json(&rows[i]));
	free(rows);
	rep->no_store = true;
	reply_json(rep, 200, json_pack("{s:o, s:o}", "settings", duty_hours_to_json(&h, nurse_first), "items", items));
}

void h_group_duties_post(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	int64_t gid = 0;
	json_t *body = http_id_body(req, rep, &gid);
	if (body == NULL)
		return;
	struct duty d;
	memset(&d, 0, sizeof d);
	d.group_id = gid;
	enum zt_err r = duty_from_json(body, &d, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_duty_add(req->store, req->auth, http_actor(req), &d, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	rep->no_store = true;
	reply_json(rep, 201, duty_to_json(&d));
}

void h_group_duty_delete(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = http_param_id(req, rep, 0), did = gid ? http_param_id(req, rep, 1) : 0;
	if (did == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_duty_delete(req->store, req->auth, http_actor(req), gid, did, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:I, s:b}", "id", (json_int_t)did, "deleted", 1));
}

void h_group_duty_settings_put(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	int64_t gid = 0;
	json_t *body = http_id_body(req, rep, &gid);
	if (body == NULL)
		return;
	struct duty_hours h = DUTY_HOURS_DEFAULT;
	int nurse_first = 0;
	enum zt_err r = duty_hours_from_json(body, &h, &nurse_first, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_duty_hours_put(req->store, req->auth, http_actor(req), gid, &h, nurse_first, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json(rep, 200, duty_hours_to_json(&h, nurse_first));
}

void h_holidays(struct http_request *req, struct http_reply *rep)
{
	static const char *const kinds[] = {"none", "national", "substitute", "citizens"};
	const char *q = http_query(req, "year");
	char *end = NULL;
	long year = q ? strtol(q, &end, 10) : 0;
	struct holiday hs[HOLIDAY_MAX_PER_YEAR];
	int n = (q && *q && end && *end == '\0') ? holiday_year((int)year, hs, HOLIDAY_MAX_PER_YEAR) : -1;
	if (n < 0) {
		char msg[128];
		snprintf(msg, sizeof msg, "year は %d〜%d の西暦で指定してください。", HOLIDAY_YEAR_MIN, HOLIDAY_YEAR_MAX);
		reply_fail(rep, ZT_ERR_INVALID, "year", msg);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < n; i++) {
		char date[16];
		snprintf(date, sizeof date, "%04ld-%02d-%02d", year, hs[i].month, hs[i].day);
		json_array_append_new(items, json_pack("{s:s, s:s, s:s}", "date", date, "kind", kinds[hs[i].kind], "name", hs[i].name));
	}
	reply_json(rep, 200, json_pack("{s:i, s:o}", "year", (int)year, "items", items));
}

/* ---- 代診 (issue 14 §4) ---- */

void h_absences_create(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct absence a;
	memset(&a, 0, sizeof a);
	enum zt_err r = absence_from_json(body, &a, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_absence_create(req->store, req->auth, http_actor(req), &a, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	rep->no_store = true;
	reply_json(rep, 201, absence_to_json(&a));
}

void h_absence_substitutes(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct absence_plan plan;
	if (app_absence_plan(req->store, req->auth, http_actor(req), id, &plan, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < plan.nitems; i++)
		json_array_append_new(items, plan_item_json(&plan.items[i]));
	json_t *o = json_pack("{s:o, s:o}", "absence", absence_to_json(&plan.a), "items", items);
	app_absence_plan_free(&plan);
	rep->no_store = true;
	reply_json(rep, 200, o);
}

void h_absence_substitutions_post(struct http_request *req, struct http_reply *rep)
{
	static const char *const keys[] = {"patient_id", "duty_id", "practitioner_id", NULL};
	struct zt_error e;
	zt_error_clear(&e);
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	int64_t pid = 0, did = 0, doc = 0, sid = 0;
	json_t *v;
	enum zt_err r = only(body, keys, &e);
	if (r == ZT_OK && (v = json_object_get(body, "patient_id")) && !json_is_null(v))
		r = json_field_int(v, "patient_id", 1, INT64_MAX, &pid, "patient_id は患者のIDで指定してください。", &e);
	if (r == ZT_OK && (v = json_object_get(body, "duty_id")) && !json_is_null(v))
		r = json_field_int(v, "duty_id", 1, INT64_MAX, &did, "duty_id は当番のIDで指定してください。", &e);
	if (r == ZT_OK)
		r = json_field_int(json_object_get(body, "practitioner_id"), "practitioner_id", 1, INT64_MAX, &doc,
				   "practitioner_id は代診する医師のIDで指定してください。", &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_substitution_accept(req->store, req->auth, http_actor(req), id, pid, did, doc, &sid, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	rep->no_store = true;
	reply_json(rep, 201, json_pack("{s:I, s:I, s:o, s:o, s:I}", "id", (json_int_t)sid, "absence_id", (json_int_t)id,
				       "patient_id", pid ? json_integer(pid) : json_null(), "duty_id",
				       did ? json_integer(did) : json_null(), "practitioner_id", (json_int_t)doc));
}

/* ---- 後方病床 (issue 14 §5) ---- */

void h_facility_beds_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct bed_figure b[WARD__MAX];
	int n = 0;
	if (app_beds_get(req->store, req->auth, id, b, &n, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	rep->no_store = true;
	reply_json(rep, 200, beds_to_json(id, b, n, zt_now(), DUTY_HOURS_DEFAULT.bed_stale_hours));
}

void h_facility_beds_put(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct bed_figure b[WARD__MAX];
	int n = 0;
	enum zt_err r = beds_from_json(body, b, &n, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_beds_put(req->store, req->auth, http_actor(req), id, b, n, NULL, &e);
	if (r == ZT_OK)
		r = app_beds_get(req->store, req->auth, id, b, &n, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	rep->no_store = true;
	reply_json(rep, 200, beds_to_json(id, b, n, zt_now(), DUTY_HOURS_DEFAULT.bed_stale_hours));
}
