/* Handlers of 在後病 end, absence edits, district rules, hospital night duty and bed history (issue 14; see h_network.h). */
#include "http/h_network.h"

#include <stdlib.h>
#include <string.h>

#include "app/app_absences.h"
#include "app/app_network.h"
#include "app/app_patients.h"
#include "io/json_fields.h"
#include "io/patient_json.h"

/* Refuses members of body other than keys (NULL-terminated) and a body that is not an object. */
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

/* The string member key of body into dst (absent or null → ""). */
static enum zt_err str_member(const json_t *body, const char *key, char *dst, size_t n, struct zt_error *e)
{
	json_t *v = json_object_get(body, key);
	dst[0] = '\0';
	return v && !json_is_null(v) ? json_field_str(v, key, dst, n, e) : ZT_OK;
}

void h_patient_backup_end(struct http_request *req, struct http_reply *rep)
{
	static const char *const keys[] = {"ended_on", "reason", NULL};
	int64_t id = http_param_id(req, rep, 0), reg = id ? http_param_id(req, rep, 1) : 0;
	if (reg == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	char on[16], reason[200];
	enum zt_err r = only(body, keys, &e);
	if (r == ZT_OK)
		r = str_member(body, "ended_on", on, sizeof on, &e);
	if (r == ZT_OK)
		r = str_member(body, "reason", reason, sizeof reason, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_backup_end(req->store, req->auth, http_actor(req), id, reg, on, reason, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	rep->no_store = true;
	reply_json(rep, 200, json_pack("{s:I, s:I, s:s, s:s}", "id", (json_int_t)reg, "patient_id", (json_int_t)id, "ended_on", on,
				       "end_reason", reason));
}

void h_absence_put(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct absence a;
	int ended = 0;
	enum zt_err r = app_absence_update(req->store, req->auth, http_actor(req), id, body, &a, &ended, &e);
	json_decref(body);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	json_t *o = absence_to_json(&a);
	json_object_set_new(o, "ended_substitutions", json_integer(ended));
	rep->no_store = true;
	reply_json(rep, 200, o);
}

void h_group_network_rules_get(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = http_param_id(req, rep, 0);
	if (gid == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct backup_rules r;
	if (app_network_rules_get(req->store, req->auth, gid, &r, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json(rep, 200, backup_rules_json(&r));
}

void h_group_network_rules_put(struct http_request *req, struct http_reply *rep)
{
	static const char *const keys[] = {"discharge_origin_first", "night_acute_first", "backup_secondary_hospital_id", NULL};
	struct zt_error e;
	zt_error_clear(&e);
	int64_t gid = 0;
	json_t *body = http_id_body(req, rep, &gid);
	if (body == NULL)
		return;
	/* Members not given take their defaults (as duty-settings does). */
	struct backup_rules rules = BACKUP_RULES_DEFAULT;
	json_t *v;
	enum zt_err r = only(body, keys, &e);
	if (r == ZT_OK && (v = json_object_get(body, "discharge_origin_first")))
		r = json_field_bool(v, "discharge_origin_first", &rules.discharge_origin_first, &e);
	if (r == ZT_OK && (v = json_object_get(body, "night_acute_first")))
		r = json_field_bool(v, "night_acute_first", &rules.night_acute_first, &e);
	if (r == ZT_OK && (v = json_object_get(body, "backup_secondary_hospital_id")) && !json_is_null(v))
		r = json_field_int(v, "backup_secondary_hospital_id", 1, INT64_MAX, &rules.backup_secondary_hospital_id,
				   "backup_secondary_hospital_id は病院のIDか null で指定してください。", &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_network_rules_put(req->store, req->auth, http_actor(req), gid, &rules, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json(rep, 200, backup_rules_json(&rules));
}

void h_group_hospital_duties_get(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = http_param_id(req, rep, 0);
	if (gid == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *items = NULL;
	if (app_hospital_duties(req->store, req->auth, gid, http_query(req, "from"), http_query(req, "to"), &items, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:o}", "items", items));
}

void h_group_hospital_duties_post(struct http_request *req, struct http_reply *rep)
{
	static const char *const keys[] = {"date", "hospital_id", NULL};
	struct zt_error e;
	zt_error_clear(&e);
	int64_t gid = 0;
	json_t *body = http_id_body(req, rep, &gid);
	if (body == NULL)
		return;
	char date[16];
	int64_t hospital = 0, id = 0;
	enum zt_err r = only(body, keys, &e);
	if (r == ZT_OK)
		r = str_member(body, "date", date, sizeof date, &e);
	if (r == ZT_OK)
		r = json_field_int(json_object_get(body, "hospital_id"), "hospital_id", 1, INT64_MAX, &hospital,
				   "hospital_id は病院のIDで指定してください。", &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_hospital_duty_add(req->store, req->auth, http_actor(req), gid, date, hospital, &id, &e);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json(rep, 201, json_pack("{s:I, s:I, s:s, s:I}", "id", (json_int_t)id, "group_id", (json_int_t)gid, "date", date,
				       "hospital_id", (json_int_t)hospital));
}

void h_group_hospital_duty_delete(struct http_request *req, struct http_reply *rep)
{
	int64_t gid = http_param_id(req, rep, 0), id = gid ? http_param_id(req, rep, 1) : 0;
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_hospital_duty_delete(req->store, req->auth, http_actor(req), gid, id, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

void h_facility_beds_history(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	int64_t limit = 20;
	if (!http_query_int(req, rep, "limit", 1, 100000, &limit))
		return;
	json_t *items = NULL;
	if (app_bed_history(req->store, req->auth, id, (int)limit, &items, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	rep->no_store = true;
	reply_json(rep, 200, json_pack("{s:I, s:o}", "hospital_id", (json_int_t)id, "items", items));
}
