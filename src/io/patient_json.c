/* JSON forms of patients, care teams and duties (issue 14 §1–§3; see patient_json.h). */
#include "io/patient_json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/json_fields.h"

static enum zt_err code_field(const json_t *v, const char *key, const struct code_entry *t, int n, int *dst,
			      struct zt_error *e)
{
	int k = json_is_string(v) ? code_lookup(t, n, json_string_value(v)) : -1;
	if (k < 0 || (t == coord_sources && k == 0 && json_string_length(v) > 0)) {
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

static enum zt_err coord(const json_t *v, const char *key, double lo, double hi, double *dst, struct zt_error *e)
{
	if (!json_is_number(v) || !isfinite(json_number_value(v)) || json_number_value(v) < lo || json_number_value(v) > hi)
		return zt_fail(e, ZT_ERR_INVALID, key, "%s は数値（度）で指定してください。", key);
	*dst = json_number_value(v);
	return ZT_OK;
}

#define STR(k, f) {k, sizeof(((struct patient *)0)->f), offsetof(struct patient, f)}

enum zt_err patient_from_json(const json_t *body, struct patient *p, struct zt_error *e)
{
	static const struct {
		const char *key;
		size_t size, off;
	} strs[] = {
		STR("name", name),         STR("kana", kana),
		STR("birth_date", birth_date), STR("postal_code", postal_code),
		STR("address", address),   STR("municipality", municipality),
		STR("coord_precision", coord_precision), STR("coord_date", coord_date),
		STR("phone", phone),       STR("family_name", family_name),
		STR("family_relation", family_relation), STR("family_phone", family_phone),
		STR("status_since", status_since), STR("allergies", allergies),
		STR("acp_note", acp_note), STR("acp_recorded_on", acp_recorded_on),
		STR("acp_recorded_by", acp_recorded_by),
	};
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	const char *key;
	json_t *v;
	bool lat_set = false, lon_set = false;
	json_object_foreach((json_t *)body, key, v) {
		enum zt_err r = ZT_ERR__MAX;
		for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
			if (strcmp(key, strs[i].key) == 0)
				r = json_field_str(v, key, (char *)p + strs[i].off, strs[i].size, e);
		if (r != ZT_ERR__MAX) {
			if (r != ZT_OK)
				return r;
			continue;
		}
		int k = 0;
		if (strcmp(key, "sex") == 0) {
			r = code_field(v, key, patient_sexes, SEX__MAX, &k, e);
			p->sex = (enum patient_sex)k;
		} else if (strcmp(key, "care_level") == 0) {
			r = code_field(v, key, care_levels, CARE__MAX, &k, e);
			p->care_level = (enum care_level)k;
		} else if (strcmp(key, "status") == 0) {
			r = code_field(v, key, patient_statuses, PST__MAX, &k, e);
			p->status = (enum patient_status)k;
		} else if (strcmp(key, "coord_source") == 0) {
			r = json_is_null(v) ? (k = 0, ZT_OK) : code_field(v, key, coord_sources, CSRC__MAX, &k, e);
			p->coord_source = (enum coord_source)k;
		} else if (strcmp(key, "acp_home_death") == 0) {
			r = code_field(v, key, acp_answers, ACP__MAX, &k, e);
			p->acp_home_death = (enum acp_answer)k;
		} else if (strcmp(key, "acp_transport") == 0) {
			r = code_field(v, key, acp_answers, ACP__MAX, &k, e);
			p->acp_transport = (enum acp_answer)k;
		} else if (strcmp(key, "acp_life_support") == 0) {
			r = code_field(v, key, acp_answers, ACP__MAX, &k, e);
			p->acp_life_support = (enum acp_answer)k;
		} else if (strcmp(key, "needs") == 0) {
			r = json_field_codes(v, key, capabilities, CAP__MAX, &p->needs, e);
		} else if (strcmp(key, "devices") == 0) {
			r = json_field_codes(v, key, devices, DEV__MAX, &p->devices, e);
		} else if (strcmp(key, "lat") == 0) {
			lat_set = true;
			r = json_is_null(v) ? ZT_OK : coord(v, key, -90, 90, &p->lat, e);
			p->has_coord = !json_is_null(v);
		} else if (strcmp(key, "lon") == 0) {
			lon_set = true;
			r = json_is_null(v) ? ZT_OK : coord(v, key, -180, 180, &p->lon, e);
			p->has_coord = p->has_coord && !json_is_null(v);
		} else if (strcmp(key, "owner_institution_id") == 0) {
			int64_t id = 0;
			r = json_is_null(v) ? ZT_OK : json_field_int(v, key, 1, INT64_MAX, &id, "owner_institution_id は機関IDで指定してください。", e);
			p->owner_institution_id = id;
		} else if (strcmp(key, "fictional") == 0) {
			r = json_field_bool(v, key, &p->fictional, e);
		} else {
			r = json_field_unknown(key, e);
		}
		if (r != ZT_OK)
			return r;
	}
	if (lat_set != lon_set)
		return zt_fail(e, ZT_ERR_INVALID, lat_set ? "lon" : "lat", "緯度（lat）と経度（lon）は組で指定してください。");
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

json_t *patient_summary_json(const struct patient *p, const char *today)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:i, s:o, s:s, s:o, s:s, s:o, s:b}", "id", (json_int_t)p->id, "name",
			 p->name, "kana", p->kana, "birth_date", p->birth_date, "age", patient_age(p->birth_date, today),
			 "sex", code_json(patient_sexes, p->sex), "municipality", p->municipality, "status",
			 code_json(patient_statuses, p->status), "status_since", p->status_since, "care_level",
			 code_json(care_levels, p->care_level), "fictional", p->fictional);
}

json_t *patient_to_json(const struct patient *p, const char *today)
{
	json_t *o = patient_summary_json(p, today);
	json_object_set_new(o, "postal_code", json_string(p->postal_code));
	json_object_set_new(o, "address", json_string(p->address));
	json_object_set_new(o, "lat", p->has_coord ? json_real(p->lat) : json_null());
	json_object_set_new(o, "lon", p->has_coord ? json_real(p->lon) : json_null());
	json_object_set_new(o, "coord_source", json_string(coord_sources[p->coord_source].code));
	json_object_set_new(o, "coord_precision", json_string(p->coord_precision));
	json_object_set_new(o, "coord_date", json_string(p->coord_date));
	json_object_set_new(o, "phone", json_string(p->phone));
	json_object_set_new(o, "family", json_pack("{s:s, s:s, s:s}", "name", p->family_name, "relation",
						   p->family_relation, "phone", p->family_phone));
	json_object_set_new(o, "needs", bits_json(capabilities, CAP__MAX, p->needs));
	json_object_set_new(o, "devices", bits_json(devices, DEV__MAX, p->devices));
	json_object_set_new(o, "allergies", json_string(p->allergies));
	json_object_set_new(o, "acp", json_pack("{s:o, s:o, s:o, s:s, s:s, s:s}", "home_death",
						code_json(acp_answers, p->acp_home_death), "transport",
						code_json(acp_answers, p->acp_transport), "life_support",
						code_json(acp_answers, p->acp_life_support), "note", p->acp_note,
						"recorded_on", p->acp_recorded_on, "recorded_by", p->acp_recorded_by));
	json_object_set_new(o, "owner_institution_id", p->owner_institution_id ? json_integer(p->owner_institution_id) : json_null());
	json_object_set_new(o, "created_at", json_string(p->created_at));
	json_object_set_new(o, "updated_at", json_string(p->updated_at));
	return o;
}

enum zt_err team_ids_from_json(const json_t *body, struct team_ids *t, struct zt_error *e)
{
	static const struct {
		const char *key;
		size_t off;
	} f[] = {
		{"group_id", offsetof(struct team_ids, group_id)},
		{"primary_practitioner_id", offsetof(struct team_ids, primary_practitioner_id)},
		{"primary_institution_id", offsetof(struct team_ids, primary_institution_id)},
		{"secondary_practitioner_id", offsetof(struct team_ids, secondary_practitioner_id)},
		{"secondary_institution_id", offsetof(struct team_ids, secondary_institution_id)},
		{"nurse_station_id", offsetof(struct team_ids, nurse_station_id)},
		{"pharmacy_id", offsetof(struct team_ids, pharmacy_id)},
		{"care_manager_id", offsetof(struct team_ids, care_manager_id)},
		{"discharge_hospital_id", offsetof(struct team_ids, discharge_hospital_id)},
	};
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		size_t i = 0;
		while (i < sizeof f / sizeof f[0] && strcmp(f[i].key, key) != 0)
			i++;
		if (i == sizeof f / sizeof f[0])
			return json_field_unknown(key, e);
		int64_t id = 0;
		if (!json_is_null(v) && json_field_int(v, key, 1, INT64_MAX, &id, "IDは正の整数か null で指定してください。", e) != ZT_OK)
			return ZT_ERR_INVALID;
		*(int64_t *)((char *)t + f[i].off) = id;
	}
	return ZT_OK;
}

static json_t *inst_json(const struct team_inst *i)
{
	if (!i->id)
		return json_null();
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:i}", "id", (json_int_t)i->id, "kind", inst_kinds[i->kind].code,
			 "name", i->name, "phone", i->phone, "h24", i->h24, "in_group", i->in_group, "beds", i->beds);
}

static json_t *person_json(const struct team_person *p)
{
	if (!p->id)
		return json_null();
	return json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)p->id, "name", p->name, "phone", p->phone,
			 "institution_id", (json_int_t)p->institution_id);
}

json_t *team_to_json(const struct care_team *t, const struct team_problem *problems, int n)
{
	json_t *probs = json_array();
	for (int i = 0; i < n && i < TEAM_PROBLEMS_MAX; i++)
		json_array_append_new(probs, json_pack("{s:s, s:s, s:s, s:s}", "code", problems[i].code, "severity",
						       problems[i].severity, "field", problems[i].field, "message",
						       problems[i].message));
	json_t *backup = json_null();
	if (t->backup_id)
		backup = json_pack("{s:I, s:o, s:s, s:s, s:s}", "id", (json_int_t)t->backup_id, "hospital",
				   inst_json(&t->backup_hospital), "registered_on", t->backup_registered_on, "expires_on",
				   t->backup_expires_on, "last_exchange", t->backup_last_exchange);
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "group_id",
			 t->group_id ? json_integer(t->group_id) : json_null(), "primary", person_json(&t->primary),
			 "primary_institution", inst_json(&t->primary_inst), "secondary", person_json(&t->secondary),
			 "secondary_institution", inst_json(&t->secondary_inst), "nurse_station", inst_json(&t->nurse_station),
			 "pharmacy", inst_json(&t->pharmacy), "care_manager", inst_json(&t->care_manager),
			 "discharge_hospital", inst_json(&t->discharge_hospital), "backup_registration", backup, "problems",
			 probs);
}

enum zt_err duty_from_json(const json_t *body, struct duty *d, struct zt_error *e)
{
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	snprintf(d->source, sizeof d->source, "manual");
	d->type = -1;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		enum zt_err r;
		if (strcmp(key, "date") == 0) {
			r = json_field_str(v, key, d->date, sizeof d->date, e);
		} else if (strcmp(key, "type") == 0) {
			d->type = json_is_string(v) ? duty_type_lookup(json_string_value(v)) : -1;
			r = d->type < 0 ? zt_fail(e, ZT_ERR_INVALID, key, "当番の種類は weekday_night / holiday_day / holiday_night / nenmatsu_day / nenmatsu_night のいずれかです。") : ZT_OK;
		} else if (strcmp(key, "practitioner_id") == 0) {
			r = json_field_int(v, key, 1, INT64_MAX, &d->practitioner_id, "practitioner_id は医師のIDで指定してください。", e);
		} else if (strcmp(key, "source") == 0) {
			r = json_field_str(v, key, d->source, sizeof d->source, e);
		} else if (strcmp(key, "note") == 0) {
			r = json_field_str(v, key, d->note, sizeof d->note, e);
		} else {
			r = json_field_unknown(key, e);
		}
		if (r != ZT_OK)
			return r;
	}
	return ZT_OK;
}

json_t *duty_to_json(const struct duty *d)
{
	int t = d->type >= 0 && d->type < DUTY__MAX ? d->type : 0;
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)d->id,
			 "group_id", (json_int_t)d->group_id, "date", d->date, "type", duty_types[t].code, "type_label",
			 duty_types[t].ja, "practitioner_id", (json_int_t)d->practitioner_id, "practitioner_name",
			 d->practitioner_name, "practitioner_phone", d->practitioner_phone, "institution_id",
			 (json_int_t)d->institution_id, "institution_name", d->institution_name, "institution_phone",
			 d->institution_phone, "source", d->source, "note", d->note);
}

enum zt_err duty_hours_from_json(const json_t *body, struct duty_hours *h, int *nurse_first, struct zt_error *e)
{
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		enum zt_err r = ZT_OK;
		if (strcmp(key, "day_start") == 0 || strcmp(key, "day_end") == 0) {
			int m = json_is_string(v) ? duty_parse_hhmm(json_string_value(v)) : -1;
			if (m < 0)
				r = zt_fail(e, ZT_ERR_INVALID, key, "%s は HH:MM（例 09:00）で指定してください。", key);
			else if (key[4] == 's')
				h->day_start = m;
			else
				h->day_end = m;
		} else if (strcmp(key, "saturday_holiday") == 0) {
			r = json_field_bool(v, key, &h->saturday_holiday, e);
		} else if (strcmp(key, "bed_stale_hours") == 0) {
			int64_t x = 0;
			r = json_field_int(v, key, 1, 168, &x, "bed_stale_hours は1〜168（時間）で指定してください。", e);
			h->bed_stale_hours = (int)x;
		} else if (strcmp(key, "nurse_first") == 0) {
			bool b = false;
			r = json_field_bool(v, key, &b, e);
			*nurse_first = b;
		} else {
			r = json_field_unknown(key, e);
		}
		if (r != ZT_OK)
			return r;
	}
	return duty_hours_check(h, e);
}

json_t *duty_hours_to_json(const struct duty_hours *h, int nurse_first)
{
	char s[16], t[16];
	snprintf(s, sizeof s, "%02d:%02d", h->day_start / 60, h->day_start % 60);
	snprintf(t, sizeof t, "%02d:%02d", h->day_end / 60, h->day_end % 60);
	return json_pack("{s:s, s:s, s:b, s:b, s:i}", "day_start", s, "day_end", t, "saturday_holiday", h->saturday_holiday,
			 "nurse_first", nurse_first, "bed_stale_hours", h->bed_stale_hours);
}

enum zt_err absence_from_json(const json_t *body, struct absence *a, struct zt_error *e)
{
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		enum zt_err r;
		if (strcmp(key, "practitioner_id") == 0)
			r = json_field_int(v, key, 1, INT64_MAX, &a->practitioner_id, "practitioner_id は医師のIDで指定してください。", e);
		else if (strcmp(key, "starts_on") == 0)
			r = json_field_str(v, key, a->starts_on, sizeof a->starts_on, e);
		else if (strcmp(key, "ends_on") == 0)
			r = json_field_str(v, key, a->ends_on, sizeof a->ends_on, e);
		else if (strcmp(key, "reason") == 0)
			r = json_field_str(v, key, a->reason, sizeof a->reason, e);
		else
			r = json_field_unknown(key, e);
		if (r != ZT_OK)
			return r;
	}
	return ZT_OK;
}

json_t *absence_to_json(const struct absence *a)
{
	return json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)a->id, "practitioner_id",
			 (json_int_t)a->practitioner_id, "practitioner_name", a->practitioner_name, "institution_id",
			 (json_int_t)a->institution_id, "starts_on", a->starts_on, "ends_on", a->ends_on, "reason", a->reason);
}

json_t *plan_item_json(const struct plan_item *it)
{
	json_t *ranked = json_array(), *excluded = json_array();
	int order = 0;
	for (int k = 0; k < it->nranks; k++) {
		const struct sub_rank *r = &it->ranks[k];
		const struct sub_candidate *c = &it->cands[r->idx];
		json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s, s:o, s:b, s:i, s:s}", "practitioner_id",
				      (json_int_t)c->practitioner_id, "name", c->name, "institution_id",
				      (json_int_t)c->institution_id, "institution", c->institution, "phone", c->phone, "km",
				      r->km >= 0 ? json_real((double)(long)(r->km * 10 + 0.5) / 10) : json_null(), "secondary",
				      c->secondary, "covered_this_fiscal_year", c->covered, "reasons", r->reasons);
		json_object_set_new(o, "outside", json_boolean(c->outside));
		if (r->eligible) {
			json_object_set_new(o, "rank", json_integer(++order));
			json_array_append_new(ranked, o);
		} else {
			json_array_append_new(excluded, o);
		}
	}
	json_t *o = json_pack("{s:o, s:o, s:s, s:o}", "substitutes", ranked, "excluded", excluded, "none_reason",
			      it->none_reason, "accepted_practitioner_id", it->accepted ? json_integer(it->accepted) : json_null());
	if (it->patient_id) {
		json_object_set_new(o, "kind", json_string("patient"));
		json_object_set_new(o, "patient_id", json_integer(it->patient_id));
		json_object_set_new(o, "patient_name", json_string(it->patient_name));
	} else {
		int t = it->duty.type >= 0 && it->duty.type < DUTY__MAX ? it->duty.type : 0;
		json_object_set_new(o, "kind", json_string("duty"));
		json_object_set_new(o, "duty", json_pack("{s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)it->duty.id, "group_id",
							 (json_int_t)it->duty.group_id, "date", it->duty.date, "type",
							 duty_types[t].code, "type_label", duty_types[t].ja));
	}
	return o;
}

enum zt_err beds_from_json(const json_t *body, struct bed_figure *out, int *n, struct zt_error *e)
{
	*n = 0;
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		if (strcmp(key, "wards") != 0)
			return json_field_unknown(key, e);
	}
	json_t *a = json_object_get(body, "wards");
	if (!json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > WARD__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "wards", "wards は病棟ごとの {ward, reserved, free} の配列（1〜%d件）で指定してください。", WARD__MAX);
	size_t i;
	json_t *w;
	json_array_foreach(a, i, w) {
		char f[48];
		struct bed_figure *b = &out[*n];
		memset(b, 0, sizeof *b);
		snprintf(f, sizeof f, "wards[%zu]", i);
		if (!json_is_object(w))
			return zt_fail(e, ZT_ERR_INVALID, f, "%s は {ward, reserved, free} で指定してください。", f);
		json_object_foreach(w, key, v) {
			snprintf(f, sizeof f, "wards[%zu].%s", i, key);
			int64_t x = 0;
			if (strcmp(key, "ward") == 0) {
				b->ward = json_is_string(v) ? code_lookup(wards, WARD__MAX, json_string_value(v)) : -1;
				if (b->ward < 0)
					return zt_fail(e, ZT_ERR_INVALID, f, "病棟の種類は general / community_care / recovery / long_term のいずれかです。");
			} else if (strcmp(key, "reserved") == 0 || strcmp(key, "free") == 0) {
				if (!json_is_integer(v))
					return zt_fail(e, ZT_ERR_INVALID, f, "%s は0以上の整数で指定してください。", f);
				x = json_integer_value(v);
				if (x < 0 || x > BEDS_MAX)
					return zt_fail(e, ZT_ERR_INVALID, f, "病床数は0〜%dの整数で入力してください（負の数は不可）。", BEDS_MAX);
				if (key[0] == 'r')
					b->reserved = (int)x;
				else
					b->free = (int)x;
			} else {
				return json_field_unknown(f, e);
			}
		}
		if (!json_object_get(w, "ward")) {
			snprintf(f, sizeof f, "wards[%zu].ward", i);
			return zt_fail(e, ZT_ERR_INVALID, f, "病棟の種類（ward）を指定してください。");
		}
		for (int k = 0; k < *n; k++)
			if (out[k].ward == b->ward) {
				snprintf(f, sizeof f, "wards[%zu].ward", i);
				return zt_fail(e, ZT_ERR_INVALID, f, "同じ病棟の種類が2回指定されています。");
			}
		(*n)++;
	}
	return ZT_OK;
}

json_t *beds_to_json(int64_t hospital_id, const struct bed_figure *b, int n, time_t now, int stale_hours)
{
	json_t *a = json_array();
	int reserved = 0, free_beds = 0;
	for (int i = 0; i < n; i++) {
		reserved += b[i].reserved;
		free_beds += b[i].free;
		json_array_append_new(a, json_pack("{s:s, s:s, s:i, s:i, s:s, s:s, s:b}", "ward", wards[b[i].ward].code, "label",
						   wards[b[i].ward].ja, "reserved", b[i].reserved, "free", b[i].free,
						   "updated_at", b[i].updated_at, "updated_by", b[i].updated_by, "stale",
						   bed_is_stale(b[i].updated_at, now, stale_hours)));
	}
	return json_pack("{s:I, s:o, s:i, s:i, s:i}", "hospital_id", (json_int_t)hospital_id, "wards", a, "reserved", reserved,
			 "free", free_beds, "stale_hours", stale_hours);
}
