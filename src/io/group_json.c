/* Group, problem and initiative ⇄ JSON (seed 000, issue 4 §1–§2; see group_json.h). */
#include "io/group_json.h"

#include <stdio.h>
#include <string.h>

#include "domain/wareki.h"
#include "io/json_fields.h"

static json_t *str_or_null(const char *s)
{
	return s[0] ? json_string(s) : json_null();
}

json_t *group_to_json(const struct group *g, int with_note)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(g->id));
	json_object_set_new(o, "name", json_string(g->name));
	if (with_note)
		json_object_set_new(o, "note", str_or_null(g->note));
	json_object_set_new(o, "base_id", g->base_id ? json_integer(g->base_id) : json_null());
	json_object_set_new(o, "base", g->base_id ? json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)g->base_id, "name",
							       g->base_name, "kind", inst_kinds[g->base_kind].code,
							       "municipality", g->base_municipality)
						  : json_null());
	json_t *members = json_array();
	for (int i = 0; i < g->nmembers; i++) {
		const struct group_member *m = &g->members[i];
		bool active = false;
		for (int k = 0; k < g->nactive; k++)
			active = active || g->active_ids[k] == m->institution_id;
		json_array_append_new(members, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:b}",
			"institution_id", (json_int_t)m->institution_id, "name", m->name, "kind", inst_kinds[m->kind].code,
			"role", group_roles[m->role].code, "role_label", group_roles[m->role].ja,
			"legal_entity_id", m->legal_entity_id ? json_integer(m->legal_entity_id) : json_null(),
			"legal_entity", str_or_null(m->legal_entity), "legal_entity_number", str_or_null(m->legal_entity_number),
			"municipality", m->municipality, "active_role", active));
	}
	json_object_set_new(o, "members", members);
	json_t *active = json_array();
	for (int k = 0; k < g->nactive; k++)
		json_array_append_new(active, json_integer(g->active_ids[k]));
	json_object_set_new(o, "active_role_ids", active);
	const struct group_agreement *a = &g->agreement;
	json_t *parties = json_array();
	for (int k = 0; k < a->nparties; k++)
		json_array_append_new(parties, json_integer(a->party_ids[k]));
	json_object_set_new(o, "agreement", a->present ? json_pack("{s:o, s:o, s:o, s:o, s:b, s:o}",
		"signed_on", str_or_null(a->signed_on), "valid_from", str_or_null(a->valid_from),
		"valid_to", str_or_null(a->valid_to), "parties", str_or_null(a->parties),
		"has_document", a->has_document, "party_ids", parties) : (json_decref(parties), json_null()));
	json_object_set_new(o, "kind", json_string(group_kinds[g->kind].code));
	json_object_set_new(o, "kind_label", json_string(group_kinds[g->kind].ja));
	json_object_set_new(o, "formed_on", str_or_null(g->formed_on));
	json_object_set_new(o, "published", json_boolean(g->published));
	json_object_set_new(o, "published_at", str_or_null(g->published_at));
	json_object_set_new(o, "certified", json_boolean(g->certified));
	json_object_set_new(o, "created_at", str_or_null(g->created_at));
	json_object_set_new(o, "updated_at", str_or_null(g->updated_at));
	return o;
}

static enum zt_err get_date(const json_t *v, const char *key, char dst[11], struct zt_error *e)
{
	char buf[64];
	enum zt_err r = json_field_str(v, key, buf, sizeof buf, e);
	if (r != ZT_OK)
		return r;
	if (buf[0] == '\0') {
		dst[0] = '\0';
		return ZT_OK;
	}
	if (wareki_parse(buf, dst) != 0)
		return zt_fail(e, ZT_ERR_INVALID, key, "%s は日付（例: 2025-04-01 または 令和7年4月1日）で指定してください。", key);
	return ZT_OK;
}

static enum zt_err get_id(const json_t *v, const char *key, int64_t *out, int allow_null, struct zt_error *e)
{
	if (allow_null && json_is_null(v)) {
		*out = 0;
		return ZT_OK;
	}
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return zt_fail(e, ZT_ERR_INVALID, key, "%s は機関ID（正の整数）で指定してください。", key);
	*out = json_integer_value(v);
	return ZT_OK;
}

enum zt_err group_member_from_json(const json_t *o, struct group_member *m, const char *field, struct zt_error *e)
{
	if (!json_is_object(o))
		return zt_fail(e, ZT_ERR_INVALID, field, "%s は {\"institution_id\", \"role\"} のオブジェクトで指定してください。", field);
	memset(m, 0, sizeof *m);
	m->kind = KIND_CLINIC;
	int has_role = 0;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v) {
		if (strcmp(k, "institution_id") == 0) {
			if (get_id(v, field, &m->institution_id, 0, e) != ZT_OK)
				return ZT_ERR_INVALID;
		} else if (strcmp(k, "role") == 0) {
			int r = json_is_string(v) ? group_role_lookup(json_string_value(v)) : -1;
			if (r < 0)
				return zt_fail(e, ZT_ERR_INVALID, field,
					       "%s.role が不明です（member_medical, nurse_station, backup_hospital, specialist_clinic, "
					       "partner_municipality, partner_dental, partner_pharmacy, partner_rehab, "
					       "partner_care_management）。", field);
			m->role = (enum group_role)r;
			has_role = 1;
		} else if (strcmp(k, "name") != 0 && strcmp(k, "kind") != 0 && strcmp(k, "role_label") != 0 &&
			   strcmp(k, "legal_entity") != 0 && strcmp(k, "legal_entity_id") != 0 && strcmp(k, "active_role") != 0 &&
			   strcmp(k, "legal_entity_number") != 0 && strcmp(k, "municipality") != 0) {
			return zt_fail(e, ZT_ERR_INVALID, field, "%s に不明な項目 %s があります。", field, k);
		}
	}
	if (m->institution_id == 0)
		return zt_fail(e, ZT_ERR_INVALID, field, "%s.institution_id を指定してください。", field);
	if (!has_role)
		return zt_fail(e, ZT_ERR_INVALID, field, "%s.role を指定してください。", field);
	return ZT_OK;
}

enum zt_err group_members_from_json(const json_t *arr, struct group *g, struct zt_error *e)
{
	if (!json_is_array(arr))
		return zt_fail(e, ZT_ERR_INVALID, "members", "members は配列で指定してください。");
	if (json_array_size(arr) > GROUP_MAX_MEMBERS)
		return zt_fail(e, ZT_ERR_INVALID, "members", "members は%d件までです。", GROUP_MAX_MEMBERS);
	g->nmembers = 0;
	size_t i;
	json_t *item;
	json_array_foreach(arr, i, item) {
		char field[32];
		snprintf(field, sizeof field, "members[%zu]", i);
		if (group_member_from_json(item, &g->members[g->nmembers], field, e) != ZT_OK)
			return ZT_ERR_INVALID;
		g->nmembers++;
	}
	return ZT_OK;
}

enum zt_err group_agreement_from_json(const json_t *o, struct group_agreement *a, struct zt_error *e)
{
	if (json_is_null(o)) {
		bool doc = a->has_document;
		memset(a, 0, sizeof *a);
		a->has_document = doc;
		return ZT_OK;
	}
	if (!json_is_object(o))
		return zt_fail(e, ZT_ERR_INVALID, "agreement", "agreement はオブジェクトで指定してください。");
	a->present = true;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v) {
		enum zt_err r;
		if (strcmp(k, "signed_on") == 0)
			r = get_date(v, "agreement.signed_on", a->signed_on, e);
		else if (strcmp(k, "valid_from") == 0)
			r = get_date(v, "agreement.valid_from", a->valid_from, e);
		else if (strcmp(k, "valid_to") == 0)
			r = get_date(v, "agreement.valid_to", a->valid_to, e);
		else if (strcmp(k, "parties") == 0)
			r = json_field_str(v, "agreement.parties", a->parties, sizeof a->parties, e);
		else if (strcmp(k, "party_ids") == 0)
			r = json_field_ids(v, "agreement.party_ids", "機関ID", a->party_ids, GROUP_MAX_MEMBERS, &a->nparties, e);
		else if (strcmp(k, "has_document") == 0)
			r = ZT_OK; /* read-only */
		else
			r = zt_fail(e, ZT_ERR_INVALID, "agreement", "agreement に不明な項目 %s があります。", k);
		if (r != ZT_OK)
			return r;
	}
	return ZT_OK;
}

enum zt_err group_from_json(const json_t *o, struct group *g, struct zt_error *e)
{
	if (!json_is_object(o))
		return zt_fail(e, ZT_ERR_INVALID, "", "JSONオブジェクトを送信してください。");
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v) {
		enum zt_err r = ZT_OK;
		if (strcmp(k, "name") == 0) {
			r = json_field_str(v, "name", g->name, sizeof g->name, e);
		} else if (strcmp(k, "note") == 0) {
			r = json_field_str(v, "note", g->note, sizeof g->note, e);
		} else if (strcmp(k, "base_id") == 0) {
			r = get_id(v, "base_id", &g->base_id, 1, e);
		} else if (strcmp(k, "active_role_ids") == 0) {
			r = json_field_ids(v, "active_role_ids", "機関ID", g->active_ids, GROUP_MAX_ACTIVE, &g->nactive, e);
		} else if (strcmp(k, "members") == 0) {
			r = group_members_from_json(v, g, e);
		} else if (strcmp(k, "agreement") == 0) {
			r = group_agreement_from_json(v, &g->agreement, e);
		} else if (strcmp(k, "kind") == 0) {
			int x = json_is_string(v) ? group_kind_lookup(json_string_value(v)) : -1;
			if (x < 0)
				return zt_fail(e, ZT_ERR_INVALID, "kind",
					       "kind は providers（医療機関等のグループ）/ municipality_centred（郡市医師会・市町村の連携体制）のいずれかです。");
			g->kind = (enum group_kind)x;
		} else if (strcmp(k, "formed_on") == 0) {
			r = json_is_null(v) ? (g->formed_on[0] = '\0', ZT_OK) : get_date(v, "formed_on", g->formed_on, e);
		} else if (strcmp(k, "id") == 0 || strcmp(k, "base") == 0 || strcmp(k, "certified") == 0 ||
			   strcmp(k, "created_at") == 0 || strcmp(k, "updated_at") == 0 || strcmp(k, "kind_label") == 0 ||
			   strcmp(k, "published") == 0 || strcmp(k, "published_at") == 0) {
			/* read-only keys echoed back by clients are ignored */
		} else {
			r = json_field_unknown(k, e);
		}
		if (r != ZT_OK)
			return r;
	}
	return ZT_OK;
}

json_t *group_problems_to_json(const struct group_problem *p, int n)
{
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		json_t *o = json_pack("{s:s, s:s, s:s}", "code", p[i].code, "message", p[i].message, "severity",
				      p[i].severity == GSEV_ERROR ? "error" : "warning");
		if (p[i].field && p[i].field[0])
			json_object_set_new(o, "field", json_string(p[i].field));
		json_array_append_new(arr, o);
	}
	return json_pack("{s:b, s:o}", "valid", group_problems_valid(p, n), "problems", arr);
}

json_t *initiative_to_json(const struct initiative *in)
{
	json_t *topics = json_array(), *labels = json_array();
	for (int t = 0; t < TOPIC__MAX; t++)
		if (in->topics & (1u << t)) {
			json_array_append_new(topics, json_string(meeting_topics[t].code));
			json_array_append_new(labels, json_string(meeting_topics[t].ja));
		}
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:i, s:s, s:o, s:o, s:o, s:i, s:b}", "id", (json_int_t)in->id, "group_id",
			 (json_int_t)in->group_id, "kind", initiative_kinds[in->kind].code, "kind_label",
			 initiative_kinds[in->kind].ja, "held_on", in->held_on, "fiscal_year", in->fiscal_year, "title",
			 in->title, "description", str_or_null(in->description), "topics", topics, "topic_labels", labels,
			 "participants", in->participants, "planned", in->planned);
}

enum zt_err initiative_from_json(const json_t *o, struct initiative *in, struct zt_error *e)
{
	if (!json_is_object(o))
		return zt_fail(e, ZT_ERR_INVALID, "", "JSONオブジェクトを送信してください。");
	in->kind = INIT__MAX;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v) {
		enum zt_err r = ZT_OK;
		if (strcmp(k, "kind") == 0) {
			int x = json_is_string(v) ? initiative_kind_lookup(json_string_value(v)) : -1;
			if (x < 0)
				return zt_fail(e, ZT_ERR_INVALID, "kind", "kind は support / patient_centred / awareness_training のいずれかです。");
			in->kind = (enum initiative_kind)x;
		} else if (strcmp(k, "held_on") == 0) {
			r = get_date(v, "held_on", in->held_on, e);
		} else if (strcmp(k, "title") == 0) {
			r = json_field_str(v, "title", in->title, sizeof in->title, e);
		} else if (strcmp(k, "description") == 0) {
			r = json_field_str(v, "description", in->description, sizeof in->description, e);
		} else if (strcmp(k, "topics") == 0) {
			if (!json_is_array(v))
				return zt_fail(e, ZT_ERR_INVALID, "topics", "topics はテーマコードの配列で指定してください。");
			size_t i;
			json_t *item;
			json_array_foreach(v, i, item) {
				int t = json_is_string(item) ? meeting_topic_lookup(json_string_value(item)) : -1;
				if (t < 0)
					return zt_fail(e, ZT_ERR_INVALID, "topics",
						       "topics[%zu] が不明です（discharge_support, daily_care, emergency, end_of_life, disaster）。", i);
				in->topics |= 1u << t;
			}
		} else if (strcmp(k, "planned") == 0) {
			r = json_field_bool(v, "planned", &in->planned, e);
		} else if (strcmp(k, "participants") == 0) {
			int64_t n;
			r = json_field_int(v, "participants", 0, 100000, &n, "participants は0〜100000の整数で指定してください。", e);
			if (r == ZT_OK)
				in->participants = (int)n;
		} else {
			r = json_field_unknown(k, e);
		}
		if (r != ZT_OK)
			return r;
	}
	if (in->kind == INIT__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "kind", "kind を指定してください（support / patient_centred / awareness_training）。");
	return ZT_OK;
}

json_t *initiative_summary_to_json(const struct initiative_summary *s)
{
	json_t *kinds = json_array();
	for (int k = 0; k < INIT__MAX; k++)
		json_array_append_new(kinds, json_pack("{s:s, s:s, s:i, s:i, s:i}", "kind", initiative_kinds[k].code, "label",
						       initiative_kinds[k].ja, "count", s->count[k], "planned", s->planned[k],
						       "participants", s->participants[k]));
	json_t *covered = json_array(), *missing = json_array();
	for (int t = 0; t < TOPIC__MAX; t++)
		json_array_append_new((s->topics_covered & (1u << t)) ? covered : missing,
				      json_pack("{s:s, s:s}", "code", meeting_topics[t].code, "label", meeting_topics[t].ja));
	return json_pack("{s:i, s:o, s:o, s:o, s:b, s:b}", "fiscal_year", s->fiscal_year, "kinds", kinds, "topics_covered",
			 covered, "topics_missing", missing, "all_kinds_done", s->all_kinds_done, "all_topics_done",
			 s->all_topics_done);
}

json_t *group_row_to_json(const struct group_row *r)
{
	return json_pack("{s:I, s:s, s:o, s:o, s:o, s:b, s:b, s:i, s:s, s:o}", "id", (json_int_t)r->id, "name", r->name,
			 "base_id", r->base_id ? json_integer(r->base_id) : json_null(), "base_name",
			 r->base_id ? json_string(r->base_name) : json_null(), "base_municipality",
			 r->base_id ? json_string(r->base_municipality) : json_null(), "certified", r->certified,
			 "published", r->published, "member_count", r->member_count, "updated_at", r->updated_at,
			 "agreement_valid_to", str_or_null(r->agreement_valid_to));
}

json_t *group_entities_to_json(const struct group *g)
{
	int entity[GROUP_MAX_MEMBERS];
	static _Thread_local char why[GROUP_MAX_MEMBERS][600];
	group_entities(g, entity, why);
	json_t *out = json_array();
	for (int i = 0; i < g->nmembers; i++) {
		if (entity[i] != i)
			continue;
		json_t *ids = json_array(), *names = json_array(), *reasons = json_array();
		for (int j = i; j < g->nmembers; j++)
			if (entity[j] == i) {
				json_array_append_new(ids, json_integer(g->members[j].institution_id));
				json_array_append_new(names, json_string(g->members[j].name));
				if (j != i)
					json_array_append_new(reasons, json_pack("{s:s, s:s}", "member", g->members[j].name, "reason", why[j]));
			}
		if (json_array_size(ids) < 2) {
			json_decref(ids);
			json_decref(names);
			json_decref(reasons);
			continue;
		}
		json_array_append_new(out, json_pack("{s:s, s:o, s:o, s:o}", "legal_entity", g->members[i].legal_entity,
						     "institution_ids", ids, "names", names, "reasons", reasons));
	}
	return out;
}

json_t *group_public_to_json(const struct group_public *pg)
{
	json_t *members = json_array();
	for (int i = 0; i < pg->nmembers; i++) {
		const struct group_public_member *m = &pg->members[i];
		int role = group_role_lookup(m->role);
		json_array_append_new(members, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b}",
			"institution_id", (json_int_t)m->institution_id, "name", m->name, "kind", m->kind, "role", m->role,
			"role_label", role < 0 ? "" : group_roles[role].ja, "municipality", m->municipality,
			"address", m->address, "active_role", m->active_role));
	}
	int k = group_kind_lookup(pg->kind);
	return json_pack("{s:I, s:s, s:s, s:s, s:{s:I, s:s}, s:o}", "id", (json_int_t)pg->id, "name", pg->name, "kind",
			 k < 0 ? "providers" : group_kinds[k].code, "kind_label", group_kinds[k < 0 ? 0 : k].ja, "base", "id",
			 (json_int_t)pg->base_id, "name", pg->base_name, "members", members);
}

json_t *group_certificate_to_json(const struct group_certificate *c)
{
	return json_pack("{s:s, s:I, s:s, s:s, s:s, s:o, s:o, s:i, s:b}", "number", c->number, "institution_id",
			 (json_int_t)c->institution_id, "institution_name", c->institution_name, "status", c->status,
			 "issued_at", c->issued_at, "revoked_at", str_or_null(c->revoked_at), "revoke_reason",
			 str_or_null(c->revoke_reason), "fiscal_year", c->fiscal_year, "first_year", c->first_year);
}

json_t *certificate_status_to_json(const struct group_certificate *c)
{
	char through[11];
	snprintf(through, sizeof through, "%04d-03-31", c->fiscal_year > 0 && c->fiscal_year < 9999 ? c->fiscal_year + 1 : 0);
	json_t *o = json_pack("{s:s, s:s, s:{s:I, s:s, s:s}, s:{s:I, s:s}, s:s, s:i, s:s, s:b}", "number", c->number, "status",
			      c->status, "group", "id", (json_int_t)c->group_id, "name", c->group_name, "base_name",
			      c->base_name, "institution", "id", (json_int_t)c->institution_id, "name", c->institution_name,
			      "issued_at", c->issued_at, "fiscal_year", c->fiscal_year, "valid_through", through,
			      "first_year", c->first_year);
	if (strcmp(c->status, "revoked") == 0) {
		json_object_set_new(o, "revoked_at", json_string(c->revoked_at));
		json_object_set_new(o, "revoke_reason", json_string(c->revoke_reason));
	}
	return o;
}

json_t *attachment_meta_to_json(const struct initiative_attachment_meta *m)
{
	return json_pack("{s:s, s:I, s:s}", "content_type", m->content_type, "size", (json_int_t)m->size, "uploaded_at",
			 m->uploaded_at);
}
