/* JSON forms of discharge referrals (issue 16 §1–§3; see referral_json.h). */
#include "io/referral_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_fields.h"

static enum zt_err code_field(const json_t *v, const char *key, const struct code_entry *t, int n, int *dst,
			      struct zt_error *e)
{
	int k = json_is_string(v) ? code_lookup(t, n, json_string_value(v)) : -1;
	if (k < 0 || !t[k].code[0]) {
		char list[256] = "";
		for (int i = 0; i < n; i++)
			if (t[i].code[0]) {
				size_t l = strlen(list);
				snprintf(list + l, sizeof list - l, "%s%s", l ? " / " : "", t[i].code);
			}
		return zt_fail(e, ZT_ERR_INVALID, key, "%s は %s のいずれかで指定してください。", key, list);
	}
	*dst = k;
	return ZT_OK;
}

static enum zt_err id_field(const json_t *v, const char *key, int64_t *dst, struct zt_error *e)
{
	if (json_is_null(v)) {
		*dst = 0;
		return ZT_OK;
	}
	char msg[160];
	snprintf(msg, sizeof msg, "%s は ID（正の整数）で指定してください。", key);
	return json_field_int(v, key, 1, INT64_MAX, dst, msg, e);
}

static enum zt_err prefs_from_json(const json_t *v, struct referral *r, struct zt_error *e)
{
	if (!json_is_array(v) || json_array_size(v) > REFERRAL_PREFS_MAX)
		return zt_fail(e, ZT_ERR_INVALID, "preferences", "preferences は%d件までの配列で指定してください。", REFERRAL_PREFS_MAX);
	r->nprefs = 0;
	size_t i;
	json_t *o;
	json_array_foreach(v, i, o) {
		struct referral_pref *p = &r->prefs[r->nprefs];
		memset(p, 0, sizeof *p);
		char f[64];
		if (!json_is_object(o)) {
			snprintf(f, sizeof f, "preferences[%zu]", i);
			return zt_fail(e, ZT_ERR_INVALID, f, "希望 %zu 件目はオブジェクトで指定してください。", i + 1);
		}
		const char *key;
		json_t *m;
		json_object_foreach(o, key, m) {
			enum zt_err rr;
			snprintf(f, sizeof f, "preferences[%d].%.24s", (int)i % 100, key);
			int k = 0;
			if (strcmp(key, "kind") == 0) {
				rr = code_field(m, f, pref_kinds, PREF__MAX, &k, e);
				p->kind = (enum pref_kind)k;
			} else if (strcmp(key, "institution_id") == 0) {
				rr = id_field(m, f, &p->institution_id, e);
			} else if (strcmp(key, "practitioner_id") == 0) {
				rr = id_field(m, f, &p->practitioner_id, e);
			} else if (strcmp(key, "hard") == 0) {
				rr = json_field_bool(m, f, &p->hard, e);
			} else if (strcmp(key, "note") == 0) {
				rr = json_field_str(m, f, p->note, sizeof p->note, e);
			} else {
				rr = json_field_unknown(f, e);
			}
			if (rr != ZT_OK)
				return rr;
		}
		r->nprefs++;
	}
	return ZT_OK;
}

enum zt_err referral_from_json(const json_t *body, struct referral *r, struct zt_error *e)
{
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	const char *key;
	json_t *v;
	bool lat_set = false, lon_set = false;
	json_object_foreach((json_t *)body, key, v) {
		enum zt_err rr;
		int k = 0;
		if (strcmp(key, "patient") == 0) {
			continue; /* the handler decodes a new patient with patient_from_json */
		} else if (strcmp(key, "patient_id") == 0) {
			rr = id_field(v, key, &r->patient_id, e);
		} else if (strcmp(key, "hospital_id") == 0) {
			rr = id_field(v, key, &r->hospital_id, e);
		} else if (strcmp(key, "planned_discharge") == 0) {
			rr = json_field_str(v, key, r->planned_discharge, sizeof r->planned_discharge, e);
		} else if (strcmp(key, "municipality") == 0) {
			rr = json_field_str(v, key, r->municipality, sizeof r->municipality, e);
		} else if (strcmp(key, "address") == 0) {
			rr = json_field_str(v, key, r->address, sizeof r->address, e);
		} else if (strcmp(key, "note") == 0) {
			rr = json_field_str(v, key, r->note, sizeof r->note, e);
		} else if (strcmp(key, "lat") == 0 || strcmp(key, "lon") == 0) {
			bool lat = key[1] == 'a';
			double lim = lat ? 90 : 180;
			(lat ? (lat_set = true) : (lon_set = true));
			if (json_is_null(v)) {
				r->has_coord = false;
				rr = ZT_OK;
			} else if (!json_is_number(v) || !isfinite(json_number_value(v)) || fabs(json_number_value(v)) > lim) {
				rr = zt_fail(e, ZT_ERR_INVALID, key, "%s は数値（度）で指定してください。", key);
			} else {
				*(lat ? &r->lat : &r->lon) = json_number_value(v);
				r->has_coord = true;
				rr = ZT_OK;
			}
		} else if (strcmp(key, "coord_source") == 0) {
			rr = code_field(v, key, coord_sources, CSRC__MAX, &k, e);
			r->coord_source = (enum coord_source)k;
		} else if (strcmp(key, "needs") == 0) {
			rr = json_field_codes(v, key, capabilities, CAP__MAX, &r->needs, e);
		} else if (strcmp(key, "devices") == 0) {
			rr = json_field_codes(v, key, devices, DEV__MAX, &r->devices, e);
		} else if (strcmp(key, "visits_per_month") == 0) {
			int64_t n = 0;
			rr = json_field_int(v, key, 1, 31, &n, "visits_per_month（訪問頻度）は月1〜31回の整数で指定してください。", e);
			r->visits_per_month = (int)n;
		} else if (strcmp(key, "eol_wish") == 0) {
			rr = code_field(v, key, acp_answers, ACP__MAX, &k, e);
			r->eol_wish = (enum acp_answer)k;
		} else if (strcmp(key, "preferences") == 0) {
			rr = prefs_from_json(v, r, e);
		} else {
			rr = json_field_unknown(key, e);
		}
		if (rr != ZT_OK)
			return rr;
	}
	if (lat_set != lon_set)
		return zt_fail(e, ZT_ERR_INVALID, lat_set ? "lon" : "lat", "緯度（lat）と経度（lon）は組で指定してください。");
	return ZT_OK;
}

enum zt_err referral_transition_from_json(const json_t *body, struct referral_transition_req *t, struct zt_error *e)
{
	memset(t, 0, sizeof *t);
	t->event = REV__MAX;
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		enum zt_err rr;
		int k = 0;
		if (strcmp(key, "event") == 0) {
			rr = code_field(v, key, referral_events, REV__MAX, &k, e);
			t->event = (enum referral_event)k;
		} else if (strcmp(key, "reason_code") == 0) {
			rr = json_field_str(v, key, t->reason_code, sizeof t->reason_code, e);
		} else if (strcmp(key, "reason") == 0) {
			rr = json_field_str(v, key, t->reason, sizeof t->reason, e);
		} else if (strcmp(key, "clinic_id") == 0) {
			rr = id_field(v, key, &t->clinic_id, e);
		} else if (strcmp(key, "nurse_station_id") == 0) {
			rr = id_field(v, key, &t->nurse_station_id, e);
		} else if (strcmp(key, "district_id") == 0) {
			rr = id_field(v, key, &t->district_id, e);
		} else {
			rr = json_field_unknown(key, e);
		}
		if (rr != ZT_OK)
			return rr;
	}
	if (t->event == REV__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "event", "操作（event）を指定してください。");
	return ZT_OK;
}

enum zt_err batch_from_json(const json_t *body, int64_t *district, struct batch_item **items, int *n, struct zt_error *e)
{
	*items = NULL;
	*n = 0;
	*district = 0;
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	const char *key;
	json_t *v, *list = NULL;
	json_object_foreach((json_t *)body, key, v) {
		enum zt_err rr = ZT_OK;
		if (strcmp(key, "district_id") == 0)
			rr = id_field(v, key, district, e);
		else if (strcmp(key, "assignments") == 0)
			list = v;
		else
			rr = json_field_unknown(key, e);
		if (rr != ZT_OK)
			return rr;
	}
	if (!json_is_array(list) || json_array_size(list) == 0 || json_array_size(list) > 500)
		return zt_fail(e, ZT_ERR_INVALID, "assignments", "assignments は1〜500件の配列で指定してください。");
	struct batch_item *it = calloc(json_array_size(list), sizeof *it);
	if (it == NULL)
		abort();
	size_t i;
	json_array_foreach(list, i, v) {
		char f[24];
		snprintf(f, sizeof f, "assignments[%d]", (int)i % 1000);
		if (!json_is_object(v)) {
			free(it);
			return zt_fail(e, ZT_ERR_INVALID, f, "%s はオブジェクトで指定してください。", f);
		}
		json_t *m;
		json_object_foreach(v, key, m) {
			char g[64];
			snprintf(g, sizeof g, "%.20s.%.24s", f, key);
			enum zt_err rr;
			if (strcmp(key, "referral_id") == 0)
				rr = id_field(m, g, &it[i].referral_id, e);
			else if (strcmp(key, "clinic_id") == 0)
				rr = id_field(m, g, &it[i].clinic_id, e);
			else if (strcmp(key, "nurse_station_id") == 0)
				rr = id_field(m, g, &it[i].nurse_station_id, e);
			else
				rr = json_field_unknown(g, e);
			if (rr != ZT_OK) {
				free(it);
				return rr;
			}
		}
		if (!it[i].referral_id || !it[i].clinic_id) {
			free(it);
			return zt_fail(e, ZT_ERR_INVALID, f, "%s には referral_id と clinic_id が必要です。", f);
		}
	}
	*items = it;
	*n = (int)json_array_size(list);
	return ZT_OK;
}

static json_t *code_json(const struct code_entry *t, int k)
{
	return json_pack("{s:s, s:s}", "code", t[k].code, "label", t[k].ja);
}

static json_t *bits_json(const struct code_entry *t, int n, uint32_t bits)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		if (bits & (1u << i))
			json_array_append_new(a, code_json(t, i));
	return a;
}

static json_t *opt_id(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

json_t *referral_to_json(const struct referral *r, const char *now_iso)
{
	json_t *prefs = json_array();
	for (int i = 0; i < r->nprefs; i++) {
		const struct referral_pref *p = &r->prefs[i];
		json_array_append_new(prefs, json_pack("{s:s, s:s, s:I, s:s, s:o, s:b, s:s}", "kind", pref_kinds[p->kind].code, "label",
						       pref_kinds[p->kind].ja, "institution_id", (json_int_t)p->institution_id,
						       "institution_name", p->name, "practitioner_id", opt_id(p->practitioner_id), "hard",
						       p->hard, "note", p->note));
	}
	int age = referral_days_between(r->sent_at[0] ? r->sent_at : r->created_at, now_iso);
	json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:o, s:s, s:s, s:s, s:f, s:f, s:s}", "id", (json_int_t)r->id,
			      "patient_id", (json_int_t)r->patient_id, "patient_name", r->patient_name, "hospital_id",
			      (json_int_t)r->hospital_id, "hospital_name", r->hospital_name, "state",
			      code_json(referral_states, r->state), "planned_discharge", r->planned_discharge, "municipality",
			      r->municipality, "address", r->address, "lat", r->lat, "lon", r->lon, "coord_source",
			      coord_sources[r->coord_source].code);
	json_object_set_new(o, "needs", bits_json(capabilities, CAP__MAX, r->needs));
	json_object_set_new(o, "devices", bits_json(devices, DEV__MAX, r->devices));
	json_object_set_new(o, "required", bits_json(capabilities, CAP__MAX, referral_required_caps(r)));
	json_object_set_new(o, "visits_per_month", json_integer(r->visits_per_month));
	json_object_set_new(o, "eol_wish", code_json(acp_answers, r->eol_wish));
	json_object_set_new(o, "note", json_string(r->note));
	json_object_set_new(o, "preferences", prefs);
	json_object_set_new(o, "district_id", opt_id(r->district_id));
	json_object_set_new(o, "offered_to_id", opt_id(r->offered_to_id));
	json_object_set_new(o, "clinic_id", opt_id(r->clinic_id));
	json_object_set_new(o, "clinic_name", json_string(r->clinic_name));
	json_object_set_new(o, "clinic_answer", json_string(r->clinic_answer));
	json_object_set_new(o, "nurse_station_id", opt_id(r->nurse_station_id));
	json_object_set_new(o, "nurse_station_name", json_string(r->nurse_name));
	json_object_set_new(o, "nurse_answer", json_string(r->nurse_answer));
	json_object_set_new(o, "decline_reason", json_string(r->decline_reason));
	json_object_set_new(o, "batch_id", opt_id(r->batch_id));
	json_object_set_new(o, "created_at", json_string(r->created_at));
	json_object_set_new(o, "sent_at", json_string(r->sent_at));
	json_object_set_new(o, "accepted_at", json_string(r->accepted_at));
	json_object_set_new(o, "closed_at", json_string(r->closed_at));
	json_object_set_new(o, "updated_at", json_string(r->updated_at));
	json_object_set_new(o, "age_days", json_integer(age));
	return o;
}
