/* JSON forms of 訪問診療導入研修 (issue 18 §2; see training_json.h). */
#include "io/training_json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/json_fields.h"

static enum zt_err need_object(const json_t *body, struct zt_error *e)
{
	return json_is_object(body) ? ZT_OK : zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
}

/* A positive id; null (when nullable) → 0. */
static enum zt_err id_field(const json_t *v, const char *key, bool nullable, int64_t *dst, struct zt_error *e)
{
	if (nullable && json_is_null(v)) {
		*dst = 0;
		return ZT_OK;
	}
	char msg[160];
	snprintf(msg, sizeof msg, "%s は ID（正の整数）で指定してください。", key);
	return json_field_int(v, key, 1, INT64_MAX, dst, msg, e);
}

/* A tri-state fact: true 1, false 0, null −1. */
static enum zt_err tri_field(const json_t *v, const char *key, int *dst, struct zt_error *e)
{
	if (json_is_null(v)) {
		*dst = -1;
		return ZT_OK;
	}
	bool b = false;
	enum zt_err r = json_field_bool(v, key, &b, e);
	*dst = b ? 1 : 0;
	return r;
}

enum zt_err training_programme_from_json(const json_t *body, struct training_programme *p, struct zt_error *e)
{
	enum zt_err r = need_object(body, e);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		if (r != ZT_OK)
			break;
		int64_t x = 0;
		if (strcmp(key, "title") == 0) {
			r = json_field_str(v, key, p->title, sizeof p->title, e);
		} else if (strcmp(key, "note") == 0) {
			r = json_field_str(v, key, p->note, sizeof p->note, e);
		} else if (strcmp(key, "fiscal_year") == 0) {
			r = json_field_int(v, key, 2000, 2100, &x, "fiscal_year は年度（西暦、2000〜2100）で指定してください。", e);
			p->fiscal_year = (int)x;
		} else if (strcmp(key, "association_id") == 0) {
			r = id_field(v, key, true, &p->association_id, e);
		} else if (strcmp(key, "max_km") == 0) {
			if (!json_is_number(v) || !isfinite(json_number_value(v)) || json_number_value(v) < 1 ||
			    json_number_value(v) > 200)
				r = zt_fail(e, ZT_ERR_INVALID, key, "max_km は1〜200（km）の数値で指定してください。");
			else
				p->max_km = json_number_value(v);
		} else {
			r = json_field_unknown(key, e);
		}
	}
	return r;
}

enum zt_err training_session_from_json(const json_t *body, struct training_session_row *row, struct zt_error *e)
{
	memset(row, 0, sizeof *row);
	enum zt_err r = need_object(body, e);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		if (r != ZT_OK)
			break;
		if (strcmp(key, "held_on") == 0)
			r = json_field_str(v, key, row->held_on, sizeof row->held_on, e);
		else if (strcmp(key, "place") == 0)
			r = json_field_str(v, key, row->place, sizeof row->place, e);
		else if (strcmp(key, "note") == 0)
			r = json_field_str(v, key, row->note, sizeof row->note, e);
		else
			r = json_field_unknown(key, e);
	}
	return r;
}

enum zt_err training_invite_from_json(const json_t *body, int64_t *ids, int *n, const char **source, struct zt_error *e)
{
	*n = 0;
	*source = "manual";
	enum zt_err r = need_object(body, e);
	const char *key;
	json_t *v;
	bool seen = false;
	json_object_foreach((json_t *)body, key, v) {
		if (r != ZT_OK)
			break;
		if (strcmp(key, "institution_ids") == 0) {
			seen = true;
			r = json_field_ids(v, key, "機関ID", ids, TRAINING_INVITE_MAX, n, e);
		} else if (strcmp(key, "source") == 0) {
			/* where the list came from: picked by hand, or the district survey's clinics willing under
			 * conditions (seed 002 STEP1 → ② 研修の案内) */
			const char *s = json_string_value(v);
			if (s && strcmp(s, "manual") == 0)
				*source = "manual";
			else if (s && strcmp(s, "survey") == 0)
				*source = "survey";
			else
				r = zt_fail(e, ZT_ERR_INVALID, "source", "source は manual か survey で指定してください。");
		} else {
			r = json_field_unknown(key, e);
		}
	}
	if (r == ZT_OK && (!seen || *n == 0))
		r = zt_fail(e, ZT_ERR_INVALID, "institution_ids", "案内する診療所を1つ以上選んでください。");
	return r;
}

enum zt_err training_advisor_from_json(const json_t *body, struct training_advisor_row *a, struct zt_error *e)
{
	memset(a, 0, sizeof *a);
	a->capacity = 2;
	enum zt_err r = need_object(body, e);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		if (r != ZT_OK)
			break;
		int64_t x = 0;
		if (strcmp(key, "institution_id") == 0) {
			r = id_field(v, key, false, &a->institution_id, e);
		} else if (strcmp(key, "practitioner_id") == 0) {
			r = id_field(v, key, true, &a->practitioner_id, e);
		} else if (strcmp(key, "name") == 0) {
			r = json_field_str(v, key, a->name, sizeof a->name, e);
		} else if (strcmp(key, "capacity") == 0) {
			r = json_field_int(v, key, 1, TRAINING_CAPACITY_MAX, &x, "受入人数は1〜10人で指定してください。", e);
			a->capacity = (int)x;
		} else {
			r = json_field_unknown(key, e);
		}
	}
	if (r == ZT_OK && a->institution_id == 0)
		r = zt_fail(e, ZT_ERR_INVALID, "institution_id", "アドバイザー医師の医療機関を選んでください。");
	return r;
}

enum zt_err training_trainee_from_json(const json_t *body, bool update, struct training_trainee_row *t,
				       bool *set_advisor, int64_t *advisor_id, struct zt_error *e)
{
	*set_advisor = false;
	*advisor_id = 0;
	enum zt_err r = need_object(body, e);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		if (r != ZT_OK)
			break;
		if (!update && strcmp(key, "institution_id") == 0) {
			r = id_field(v, key, false, &t->institution_id, e);
		} else if (!update && strcmp(key, "practitioner_id") == 0) {
			r = id_field(v, key, true, &t->practitioner_id, e);
		} else if (!update && strcmp(key, "name") == 0) {
			r = json_field_str(v, key, t->name, sizeof t->name, e);
		} else if (strcmp(key, "wishes") == 0) {
			int64_t w[TRAINING_WISHES_MAX] = {0};
			int n = 0;
			if (json_is_null(v))
				r = ZT_OK;
			else
				r = json_field_ids(v, key, "アドバイザー医師ID", w, TRAINING_WISHES_MAX, &n, e);
			for (int k = 0; r == ZT_OK && k < TRAINING_WISHES_MAX; k++)
				t->wishes[k] = k < n ? w[k] : 0;
			for (int a = 0; r == ZT_OK && a < n; a++)
				for (int b = a + 1; b < n; b++)
					if (w[a] == w[b]) {
						r = zt_fail(e, ZT_ERR_INVALID, key, "同じアドバイザー医師を2度希望することはできません。");
						break;
					}
		} else if (update && strcmp(key, "advisor_id") == 0) {
			*set_advisor = true;
			r = id_field(v, key, true, advisor_id, e);
		} else {
			r = json_field_unknown(key, e);
		}
	}
	if (r == ZT_OK && !update && t->institution_id == 0)
		r = zt_fail(e, ZT_ERR_INVALID, "institution_id", "受講生医師の診療所を選んでください。");
	return r;
}

enum zt_err training_attendance_from_json(const json_t *body, bool *attended, struct zt_error *e)
{
	enum zt_err r = need_object(body, e);
	bool seen = false;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		if (r != ZT_OK)
			break;
		if (strcmp(key, "attended") == 0) {
			seen = true;
			r = json_field_bool(v, key, attended, e);
		} else {
			r = json_field_unknown(key, e);
		}
	}
	if (r == ZT_OK && !seen)
		r = zt_fail(e, ZT_ERR_INVALID, "attended", "attended（出席したか）を true / false で指定してください。");
	return r;
}

enum zt_err training_visit_from_json(const json_t *body, struct training_visit_req *vr, struct zt_error *e)
{
	memset(vr, 0, sizeof *vr);
	enum zt_err r = need_object(body, e);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		if (r != ZT_OK)
			break;
		if (strcmp(key, "visited_on") == 0)
			r = json_field_str(v, key, vr->visited_on, sizeof vr->visited_on, e);
		else if (strcmp(key, "advisor_id") == 0)
			r = id_field(v, key, true, &vr->advisor_id, e);
		else if (strcmp(key, "note") == 0)
			r = json_field_str(v, key, vr->note, sizeof vr->note, e);
		else
			r = json_field_unknown(key, e);
	}
	return r;
}

enum zt_err training_followup_from_json(const json_t *body, struct training_followup_req *f, struct zt_error *e)
{
	memset(f, 0, sizeof *f);
	f->started_visits = f->filed_zaishishin = -1;
	enum zt_err r = need_object(body, e);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		if (r != ZT_OK)
			break;
		if (strcmp(key, "noted_on") == 0)
			r = json_field_str(v, key, f->noted_on, sizeof f->noted_on, e);
		else if (strcmp(key, "started_visits") == 0)
			r = tri_field(v, key, &f->started_visits, e);
		else if (strcmp(key, "filed_zaishishin") == 0)
			r = tri_field(v, key, &f->filed_zaishishin, e);
		else if (strcmp(key, "note") == 0)
			r = json_field_str(v, key, f->note, sizeof f->note, e);
		else
			r = json_field_unknown(key, e);
	}
	return r;
}

/* ---- views ---- */

json_t *training_programme_to_json(const struct training_programme *p)
{
	return json_pack("{s:I, s:{s:I, s:s, s:s}, s:i, s:s, s:f, s:s, s:s, s:s, s:i, s:i}", "id", (json_int_t)p->id,
			 "association", "id", (json_int_t)p->association_id, "name", p->association_name, "municipality",
			 p->association_municipality, "fiscal_year", p->fiscal_year, "title", p->title, "max_km", p->max_km,
			 "note", p->note, "created_at", p->created_at, "updated_at", p->updated_at, "trainees", p->n_trainees,
			 "advisors", p->n_advisors);
}

json_t *training_sessions_to_json(const struct training_session_row s[TS__MAX])
{
	json_t *a = json_array();
	for (int k = 0; k < TS__MAX; k++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:i, s:s?, s:s, s:s}", "step", training_steps[k].code, "label",
						   training_steps[k].ja, "order", k + 1, "held_on",
						   s[k].held_on[0] ? s[k].held_on : NULL, "place", s[k].place, "note", s[k].note));
	return a;
}

json_t *training_advisor_to_json(const struct training_advisor_row *a)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:i, s:i, s:b}", "id", (json_int_t)a->id, "institution_id",
			      (json_int_t)a->institution_id, "institution_name", a->institution_name, "name", a->name, "capacity",
			      a->capacity, "assigned", a->assigned, "has_coord", a->has_coord);
	json_object_set_new(o, "practitioner_id", a->practitioner_id ? json_integer(a->practitioner_id) : json_null());
	return o;
}

json_t *training_cert_to_json(const struct training_cert *c)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "number", c->number, "status", c->status, "issued_at", c->issued_at);
	if (strcmp(c->status, "revoked") == 0) {
		json_object_set_new(o, "revoked_at", json_string(c->revoked_at));
		json_object_set_new(o, "revoke_reason", json_string(c->revoke_reason));
	}
	return o;
}

json_t *training_trainee_to_json(const struct training_trainee_row *t, const struct training_cert *c)
{
	char why[768];
	bool complete = training_complete(&t->progress, why, sizeof why);
	json_t *wishes = json_array();
	for (int k = 0; k < TRAINING_WISHES_MAX; k++)
		if (t->wishes[k])
			json_array_append_new(wishes, json_integer(t->wishes[k]));
	json_t *att = json_object();
	for (int k = 0; k < TS__MAX; k++)
		if (k != TS_ACCOMPANY)
			json_object_set_new(att, training_steps[k].code, json_boolean(t->progress.attended[k]));
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:i, s:b, s:s}", "id", (json_int_t)t->id, "institution_id",
			      (json_int_t)t->institution_id, "institution_name", t->institution_name, "municipality",
			      t->municipality, "name", t->name, "wishes", wishes, "attendance", att, "visits", t->progress.visits,
			      "complete", complete, "missing", why);
	json_object_set_new(o, "practitioner_id", t->practitioner_id ? json_integer(t->practitioner_id) : json_null());
	if (t->advisor_id) {
		json_t *adv = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)t->advisor_id, "name", t->advisor_name, "reason",
					t->match_reason, "paired_at", t->paired_at);
		json_object_set_new(adv, "distance_km", t->distance_km >= 0 ? json_real(round(t->distance_km * 10) / 10) : json_null());
		json_object_set_new(o, "advisor", adv);
	} else {
		json_object_set_new(o, "advisor", json_null());
	}
	json_object_set_new(o, "visits_beyond_plan", json_boolean(t->progress.visits > TRAINING_VISITS_USUAL_MAX));
	json_object_set_new(o, "certificate", c && c->id ? training_cert_to_json(c) : json_null());
	return o;
}

json_t *training_pair_to_json(const struct training_pair *p)
{
	json_t *o = json_pack("{s:I, s:i, s:s}", "trainee_id", (json_int_t)p->trainee_id, "wish_rank", p->wish_rank, "reason",
			      p->why);
	json_object_set_new(o, "advisor_id", p->advisor_id ? json_integer(p->advisor_id) : json_null());
	json_object_set_new(o, "distance_km", p->distance_km >= 0 ? json_real(round(p->distance_km * 10) / 10) : json_null());
	return o;
}

json_t *training_cert_status_to_json(const struct training_cert *c)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s, s:i, s:s}, s:s, s:i}", "kind", "training",
			      "number", c->number, "status", c->status, "trainee", "name", c->trainee_name, "institution",
			      "name", c->institution_name, "programme", "title", c->programme_title, "fiscal_year",
			      c->fiscal_year, "association_name", c->association_name, "issued_at", c->issued_at,
			      "fiscal_year", c->fiscal_year);
	if (strcmp(c->status, "revoked") == 0) {
		json_object_set_new(o, "revoked_at", json_string(c->revoked_at));
		json_object_set_new(o, "revoke_reason", json_string(c->revoke_reason));
	}
	return o;
}
