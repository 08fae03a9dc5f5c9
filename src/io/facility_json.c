/* Institution ⇄ JSON (地域資源, seed 002 ①, issue 2 §7; see facility_json.h). */
#include "io/facility_json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/json_fields.h"
#include "io/json_out.h"

static json_t *str_or_null(const char *s)
{
	return s[0] ? json_string(s) : json_null();
}

/* A tri-state fact: true 対応あり, false 対応なし, null 未確認 (issue 12 §3, docs/api.md). */
static json_t *tristate(enum fact_state s)
{
	return s == FACT_UNKNOWN ? json_null() : json_boolean(s == FACT_YES);
}

json_t *facility_to_json(const struct facility *f)
{
	json_t *caps = json_array(), *unknown = json_array(), *stds = json_array();
	for (int c = 0; c < CAP__MAX; c++) {
		enum fact_state st = facility_fact(f, FACT_CAP(c));
		if (st != FACT_NO)
			json_array_append_new(st == FACT_YES ? caps : unknown, json_string(capabilities[c].code));
	}
	for (int s = 0; s < STD__MAX; s++)
		if (f->standards & (1u << s))
			json_array_append_new(stds, json_string(standards[s].code));
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(f->id));
	json_object_set_new(o, "kind", json_string(inst_kinds[f->kind].code));
	json_object_set_new(o, "kind_label", json_string(inst_kinds[f->kind].ja));
	json_object_set_new(o, "name", json_string(f->name));
	json_object_set_new(o, "kana", str_or_null(f->kana));
	json_object_set_new(o, "legal_entity", str_or_null(f->legal_entity));
	json_object_set_new(o, "legal_entity_id", f->legal_entity_id ? json_integer(f->legal_entity_id) : json_null());
	json_object_set_new(o, "legal_entity_number", str_or_null(f->legal_entity_number));
	json_object_set_new(o, "medical_code", str_or_null(f->medical_code));
	json_object_set_new(o, "postal_code", str_or_null(f->postal_code));
	json_object_set_new(o, "address", str_or_null(f->address));
	json_object_set_new(o, "municipality", str_or_null(f->municipality_code));
	json_object_set_new(o, "lat", f->has_coord ? json_real(f->lat) : json_null());
	json_object_set_new(o, "lon", f->has_coord ? json_real(f->lon) : json_null());
	json_object_set_new(o, "coord_source", str_or_null(f->coord_source));
	json_object_set_new(o, "coord_precision", str_or_null(f->coord_precision));
	json_object_set_new(o, "coord_date", str_or_null(f->coord_date));
	json_object_set_new(o, "phone", str_or_null(f->phone));
	json_object_set_new(o, "fax", str_or_null(f->fax));
	json_object_set_new(o, "beds", json_integer(f->beds));
	json_object_set_new(o, "h24", tristate(facility_fact(f, FACT_H24)));
	json_object_set_new(o, "home_care", tristate(facility_fact(f, FACT_HOME_CARE)));
	json_object_set_new(o, "capabilities", caps);
	json_object_set_new(o, "capabilities_unknown", unknown);
	json_object_set_new(o, "standards", stds);
	json_object_set_new(o, "note", str_or_null(f->note));
	json_object_set_new(o, "created_at", str_or_null(f->created_at));
	json_object_set_new(o, "updated_at", str_or_null(f->updated_at));
	if (f->distance_km >= 0)
		json_object_set_new(o, "distance_km", json_real(round(f->distance_km * 1000) / 1000));
	return o;
}

/* A text member, null when empty (str_or_null above). */
static void text_member(struct json_out *o, const char *key, const char *s)
{
	json_out_key(o, key);
	json_out_str_or_null(o, s);
}

/* A coordinate member, null when f has none. */
static void coord_member(struct json_out *o, const char *key, bool has, double v)
{
	json_out_key(o, key);
	if (has)
		json_out_real(o, v);
	else
		json_out_null(o);
}

/* A tri-state member (tristate above). */
static void tristate_member(struct json_out *o, const char *key, enum fact_state s)
{
	json_out_key(o, key);
	if (s == FACT_UNKNOWN)
		json_out_null(o);
	else
		json_out_bool(o, s == FACT_YES);
}

/* Keep in step with facility_to_json: same keys, same order (tests/unit/test_json_out.c compares). */
void facility_json_write(struct json_out *o, const struct facility *f)
{
	json_out_open(o, '{');
	json_out_key(o, "id");
	json_out_int(o, f->id);
	json_out_key(o, "kind");
	json_out_str(o, inst_kinds[f->kind].code);
	json_out_key(o, "kind_label");
	json_out_str(o, inst_kinds[f->kind].ja);
	json_out_key(o, "name");
	json_out_str(o, f->name);
	text_member(o, "kana", f->kana);
	text_member(o, "legal_entity", f->legal_entity);
	json_out_key(o, "legal_entity_id");
	if (f->legal_entity_id)
		json_out_int(o, f->legal_entity_id);
	else
		json_out_null(o);
	text_member(o, "legal_entity_number", f->legal_entity_number);
	text_member(o, "medical_code", f->medical_code);
	text_member(o, "postal_code", f->postal_code);
	text_member(o, "address", f->address);
	text_member(o, "municipality", f->municipality_code);
	coord_member(o, "lat", f->has_coord, f->lat);
	coord_member(o, "lon", f->has_coord, f->lon);
	text_member(o, "coord_source", f->coord_source);
	text_member(o, "coord_precision", f->coord_precision);
	text_member(o, "coord_date", f->coord_date);
	text_member(o, "phone", f->phone);
	text_member(o, "fax", f->fax);
	json_out_key(o, "beds");
	json_out_int(o, f->beds);
	tristate_member(o, "h24", facility_fact(f, FACT_H24));
	tristate_member(o, "home_care", facility_fact(f, FACT_HOME_CARE));
	for (int pass = 0; pass < 2; pass++) { /* capabilities (yes), then capabilities_unknown */
		json_out_key(o, pass ? "capabilities_unknown" : "capabilities");
		json_out_open(o, '[');
		for (int c = 0; c < CAP__MAX; c++)
			if (facility_fact(f, FACT_CAP(c)) == (pass ? FACT_UNKNOWN : FACT_YES))
				json_out_str(o, capabilities[c].code);
		json_out_close(o, ']');
	}
	json_out_key(o, "standards");
	json_out_open(o, '[');
	for (int s = 0; s < STD__MAX; s++)
		if (f->standards & (1u << s))
			json_out_str(o, standards[s].code);
	json_out_close(o, ']');
	text_member(o, "note", f->note);
	text_member(o, "created_at", f->created_at);
	text_member(o, "updated_at", f->updated_at);
	if (f->distance_km >= 0)
		coord_member(o, "distance_km", true, round(f->distance_km * 1000) / 1000);
	json_out_close(o, '}');
}

/* true / false / null (未確認) into fact of f. */
static enum zt_err tristate_field(const json_t *v, const char *key, struct facility *f, int fact, struct zt_error *e)
{
	if (json_is_null(v)) {
		facility_fact_set(f, fact, FACT_UNKNOWN);
		return ZT_OK;
	}
	bool b;
	enum zt_err r = json_field_bool(v, key, &b, e);
	if (r == ZT_OK)
		facility_fact_set(f, fact, b ? FACT_YES : FACT_NO);
	return r;
}

#define STR(field) json_field_str(v, key, f->field, sizeof f->field, e)

enum zt_err facility_from_json(const json_t *o, struct facility *f, struct zt_error *e)
{
	const char *key;
	json_t *v;
	bool lat_seen = false, lon_seen = false, caps_seen = false, unknown_seen = false;
	uint32_t caps = 0, unknown = 0;
	json_t *lat = NULL, *lon = NULL;
	json_object_foreach((json_t *)o, key, v) {
		enum zt_err r = ZT_OK;
		if (strcmp(key, "kind") == 0) {
			int k = json_is_string(v) ? KIND_LOOKUP(json_string_value(v)) : -1;
			if (k < 0)
				return zt_fail(e, ZT_ERR_INVALID, "kind", "種別 kind が不明です。");
			f->kind = (enum inst_kind)k;
		} else if (strcmp(key, "name") == 0) r = STR(name);
		else if (strcmp(key, "kana") == 0) r = STR(kana);
		else if (strcmp(key, "legal_entity") == 0) r = STR(legal_entity);
		else if (strcmp(key, "legal_entity_number") == 0) r = STR(legal_entity_number);
		else if (strcmp(key, "medical_code") == 0) r = STR(medical_code);
		else if (strcmp(key, "postal_code") == 0) r = STR(postal_code);
		else if (strcmp(key, "address") == 0) r = STR(address);
		else if (strcmp(key, "municipality") == 0) r = STR(municipality_code);
		else if (strcmp(key, "coord_source") == 0) r = STR(coord_source);
		else if (strcmp(key, "coord_precision") == 0) r = STR(coord_precision);
		else if (strcmp(key, "coord_date") == 0) r = STR(coord_date);
		else if (strcmp(key, "phone") == 0) r = STR(phone);
		else if (strcmp(key, "fax") == 0) r = STR(fax);
		else if (strcmp(key, "note") == 0) r = STR(note);
		else if (strcmp(key, "lat") == 0) { lat_seen = true; lat = v; }
		else if (strcmp(key, "lon") == 0) { lon_seen = true; lon = v; }
		else if (strcmp(key, "beds") == 0) {
			int64_t beds;
			r = json_field_int(v, "beds", 0, 5000, &beds, "病床数は0〜5000の整数で入力してください。", e);
			if (r == ZT_OK)
				f->beds = (int)beds;
		} else if (strcmp(key, "h24") == 0) r = tristate_field(v, key, f, FACT_H24, e);
		else if (strcmp(key, "home_care") == 0) r = tristate_field(v, key, f, FACT_HOME_CARE, e);
		else if (strcmp(key, "capabilities") == 0) {
			caps_seen = true;
			r = json_field_codes(v, key, capabilities, CAP__MAX, &caps, e);
		} else if (strcmp(key, "capabilities_unknown") == 0) {
			unknown_seen = true;
			r = json_field_codes(v, key, capabilities, CAP__MAX, &unknown, e);
		}
		else if (strcmp(key, "standards") == 0) r = json_field_codes(v, key, standards, STD__MAX, &f->standards, e);
		else if (strcmp(key, "id") == 0 || strcmp(key, "kind_label") == 0 || strcmp(key, "legal_entity_id") == 0 ||
			 strcmp(key, "created_at") == 0 || strcmp(key, "updated_at") == 0 || strcmp(key, "distance_km") == 0)
			; /* read-only fields echoed back by clients are ignored */
		else
			return json_field_unknown(key, e);
		if (r != ZT_OK)
			return r;
	}
	/* "capabilities" lists the confirmed ones and, as it always did, makes the others confirmed
	 * "no"; "capabilities_unknown" names those that are 未確認 (issue 12 §3). */
	if (caps & unknown)
		return zt_fail(e, ZT_ERR_INVALID, "capabilities_unknown",
			       "同じ処置を「対応あり」と「未確認」の両方に指定することはできません。");
	if (caps_seen) {
		f->capabilities = caps;
		f->capabilities_known = (1u << CAP__MAX) - 1;
	}
	if (unknown_seen) {
		f->capabilities_known = ((1u << CAP__MAX) - 1) & ~unknown;
		f->capabilities &= ~unknown;
	}
	if (lat_seen || lon_seen) {
		bool lat_null = lat == NULL || json_is_null(lat), lon_null = lon == NULL || json_is_null(lon);
		if (lat_null && lon_null) {
			f->has_coord = false;
		} else if (!json_is_number(lat) || !json_is_number(lon)) {
			return zt_fail(e, ZT_ERR_INVALID, json_is_number(lat) ? "lon" : "lat", "緯度 lat と経度 lon は両方を数値で指定してください。");
		} else {
			f->has_coord = true;
			f->lat = json_number_value(lat);
			f->lon = json_number_value(lon);
		}
	}
	return ZT_OK;
}
