/* Use cases of discharge referrals (issue 16 §1–§4, §6; see app_referrals.h). */
#include "app/app_referrals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_patients.h"
#include "auth/policy.h"
#include "core/clock.h"
#include "domain/geo.h"
#include "domain/holiday.h"
#include "domain/match.h"
#include "io/patient_json.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_patients.h"
#include "store/store_referrals.h"

#define CANDS_MAX 256

static struct referral *ref_new(void)
{
	struct referral *r = calloc(1, sizeof *r);
	if (r == NULL)
		abort();
	return r;
}

static struct referral_where where_of(const struct referral *r)
{
	return (struct referral_where){r->municipality, r->hospital_id, r->clinic_id, r->nurse_station_id,
				       r->district_id, r->offered_to_id};
}

static enum zt_err audit_read(struct store *st, const struct zt_actor *who, const char *action, const char *object,
			      int64_t id, const char *muni, json_t *after, struct zt_error *e)
{
	enum zt_err rc = audit_append(st, who, action, object, id, muni, NULL, after, e);
	json_decref(after);
	return rc;
}

/* The audit form of a referral: its API form without the patient's name. */
static json_t *audit_json(const struct referral *r)
{
	char now[21];
	zt_now_utc(now);
	json_t *j = referral_to_json(r, now);
	json_object_del(j, "patient_name");
	json_object_del(j, "age_days");
	return j;
}

/* ---- create / edit ---- */

struct create_tx {
	struct referral *r;
	struct patient *newp;
	const struct zt_actor *who;
	const char *today;
};

static struct referral_event_row event_row(const struct zt_actor *who, const char *event, const char *from, const char *to,
					   int64_t inst, const char *code, const char *reason)
{
	return (struct referral_event_row){event, from, to, who && who->username ? who->username : "system",
					   who && who->role ? who->role : "system", code, reason, inst};
}

static enum zt_err create_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct create_tx *c = ctx;
	enum zt_err rc = ZT_OK;
	if (c->newp) {
		rc = store_patient_insert(st, c->newp, e);
		if (rc == ZT_OK) {
			json_t *a = patient_to_json(c->newp, c->today);
			rc = audit_append(st, c->who, "create", "patient", c->newp->id, c->newp->municipality, NULL, a, e);
			json_decref(a);
		}
		c->r->patient_id = c->newp->id;
	}
	if (rc == ZT_OK)
		rc = store_referral_insert(st, c->r, e);
	struct referral_event_row ev = event_row(c->who, "create", "", "draft", 0, NULL, NULL);
	if (rc == ZT_OK)
		rc = store_referral_event_insert(st, c->r->id, &ev, e);
	if (rc == ZT_OK) {
		json_t *a = audit_json(c->r);
		rc = audit_append(st, c->who, "create", "referral", c->r->id, c->r->municipality, NULL, a, e);
		json_decref(a);
	}
	return rc;
}

/* Checks the ids a referral names: a hospital, institutions and doctors of the preferences. */
static enum zt_err check_refs(struct store *st, const struct referral *r, struct zt_error *e)
{
	struct team_inst t;
	enum zt_err rc = store_team_inst(st, r->hospital_id, 0, &t, e);
	if (rc == ZT_ERR_NOTFOUND || (rc == ZT_OK && t.kind != KIND_HOSPITAL))
		return zt_fail(e, ZT_ERR_INVALID, "hospital_id", "紹介元の病院（hospital_id）を病院の ID で指定してください。");
	for (int i = 0; rc == ZT_OK && i < r->nprefs; i++) {
		char f[48];
		snprintf(f, sizeof f, "preferences[%d].institution_id", i);
		rc = store_team_inst(st, r->prefs[i].institution_id, 0, &t, e);
		if (rc == ZT_ERR_NOTFOUND || (rc == ZT_OK && match_role_of_kind(t.kind) < 0))
			return zt_fail(e, ZT_ERR_INVALID, f, "希望 %d 件目は診療所・病院・訪問看護ステーションの ID で指定してください。", i + 1);
		if (rc == ZT_OK && r->prefs[i].practitioner_id) {
			struct team_person p;
			snprintf(f, sizeof f, "preferences[%d].practitioner_id", i);
			rc = store_practitioner_get(st, r->prefs[i].practitioner_id, &p, e);
			if (rc == ZT_ERR_NOTFOUND || (rc == ZT_OK && p.institution_id != r->prefs[i].institution_id))
				return zt_fail(e, ZT_ERR_INVALID, f, "希望 %d 件目の医師はその医療機関に所属していません。", i + 1);
		}
	}
	return rc;
}

enum zt_err app_referral_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				struct referral *r, struct patient *newp, struct zt_error *e)
{
	char today[11];
	zt_today_jst(today);
	r->id = 0;
	r->state = RS_DRAFT;
	r->clinic_id = r->nurse_station_id = r->offered_to_id = r->batch_id = 0;
	r->clinic_answer[0] = r->nurse_answer[0] = r->decline_reason[0] = '\0';
	r->sent_at[0] = r->accepted_at[0] = r->closed_at[0] = '\0';
	if (auth && auth->role == ROLE_HOSPITAL && !r->hospital_id)
		r->hospital_id = auth->institution_id;
	if (!r->hospital_id)
		return zt_fail(e, ZT_ERR_INVALID, "hospital_id", "紹介元の病院（hospital_id）を指定してください。");
	enum zt_err rc = referral_validate(r, today, e);
	if (rc != ZT_OK)
		return rc;
	int64_t d = store_district_of(st, r->municipality);
	if (d < 0)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	r->district_id = d;
	struct referral_where w = where_of(r);
	/* Only the referring hospital's staff or the district's coordinators create a referral. */
	rc = policy_check_referral(st, auth, ACT_PATIENT_WRITE, &w, e);
	if (rc == ZT_OK && auth && !(policy_referral_parties(st, auth, &w) & (1u << RP_HOSPITAL | 1u << RP_COORDINATOR)))
		rc = zt_fail(e, ZT_ERR_FORBIDDEN, "", "紹介を作成できるのは紹介元の病院または担当地区のコーディネータです。");
	if (rc == ZT_OK)
		rc = check_refs(st, r, e);
	if (rc != ZT_OK)
		return rc;
	if (newp) {
		newp->id = 0;
		newp->owner_institution_id = r->hospital_id;
		if (!newp->address[0])
			snprintf(newp->address, sizeof newp->address, "%s", r->address);
		if (!newp->municipality[0])
			snprintf(newp->municipality, sizeof newp->municipality, "%s", r->municipality);
		if (!newp->has_coord) {
			newp->has_coord = true;
			newp->lat = r->lat, newp->lon = r->lon;
			newp->coord_source = r->coord_source;
		}
		if (!newp->status_since[0]) {
			newp->status = PST_HOSPITALISED;
			snprintf(newp->status_since, sizeof newp->status_since, "%s", today);
		}
		rc = patient_validate(newp, today, e);
		if (rc != ZT_OK) {
			char f[80];
			snprintf(f, sizeof f, "patient.%.48s", e ? e->field : "");
			if (e)
				snprintf(e->field, sizeof e->field, "%.63s", f);
			return rc;
		}
	} else {
		struct patient p;
		if (!r->patient_id)
			return zt_fail(e, ZT_ERR_INVALID, "patient_id", "患者（patient_id）を指定するか、patient に新しい患者を記入してください。");
		rc = store_patient_get(st, r->patient_id, &p, e);
		if (rc == ZT_ERR_NOTFOUND)
			return zt_fail(e, ZT_ERR_INVALID, "patient_id", "患者（ID %lld）が見つかりません。", (long long)r->patient_id);
		if (rc == ZT_OK && auth) {
			int64_t insts[64];
			int n = store_patient_institutions(st, p.id, 1, insts, 64);
			rc = n < 0 ? zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。")
				   : policy_check_patient(st, auth, ACT_PATIENT_READ, p.municipality, insts, n, e);
		}
		if (rc != ZT_OK)
			return rc;
	}
	struct create_tx c = {r, newp, who, today};
	rc = store_tx(st, create_tx_fn, &c, e);
	return rc == ZT_OK ? store_referral_get(st, r->id, r, e) : rc;
}

struct update_tx {
	struct referral *r;
	const struct referral *before;
	const struct zt_actor *who;
};

static enum zt_err update_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct update_tx *c = ctx;
	enum zt_err rc = store_referral_update(st, c->r, e);
	if (rc == ZT_OK) {
		json_t *b = audit_json(c->before), *a = audit_json(c->r);
		rc = audit_append(st, c->who, "update", "referral", c->r->id, c->r->municipality, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return rc;
}

enum zt_err app_referral_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
				const json_t *body, struct referral *out, struct zt_error *e)
{
	char today[11];
	zt_today_jst(today);
	struct referral *before = ref_new();
	enum zt_err rc = store_referral_get(st, id, before, e);
	struct referral_where w = where_of(before);
	if (rc == ZT_OK)
		rc = policy_check_referral(st, auth, ACT_PATIENT_WRITE, &w, e);
	if (rc == ZT_OK && auth && !(policy_referral_parties(st, auth, &w) & (1u << RP_HOSPITAL | 1u << RP_COORDINATOR)))
		rc = zt_fail(e, ZT_ERR_FORBIDDEN, "", "紹介を編集できるのは紹介元の病院または担当地区のコーディネータです。");
	if (rc == ZT_OK && before->state != RS_DRAFT)
		rc = zt_fail(e, ZT_ERR_CONFLICT, "state", "送付済みの紹介は編集できません（「%s」）。取り下げて作り直してください。",
			     referral_states[before->state].ja);
	if (rc == ZT_OK) {
		*out = *before;
		int64_t patient = out->patient_id, hospital = out->hospital_id;
		rc = referral_from_json(body, out, e);
		out->patient_id = patient; /* the patient and the hospital of a referral do not change */
		out->hospital_id = hospital;
	}
	if (rc == ZT_OK)
		rc = referral_validate(out, today, e);
	if (rc == ZT_OK)
		rc = check_refs(st, out, e);
	if (rc == ZT_OK && strcmp(out->municipality, before->municipality) != 0) {
		int64_t d = store_district_of(st, out->municipality);
		out->district_id = d > 0 ? d : 0;
		w = where_of(out);
		rc = policy_check_referral(st, auth, ACT_PATIENT_WRITE, &w, e);
	}
	if (rc == ZT_OK) {
		out->id = id;
		struct update_tx c = {out, before, who};
		rc = store_tx(st, update_tx_fn, &c, e);
	}
	if (rc == ZT_OK)
		rc = store_referral_get(st, id, out, e);
	free(before);
	return rc;
}

enum zt_err app_referral_read(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			      struct referral *out, json_t **events, unsigned *parties, struct zt_error *e)
{
	*events = NULL;
	enum zt_err rc = store_referral_get(st, id, out, e);
	struct referral_where w = where_of(out);
	if (rc == ZT_OK)
		rc = policy_check_referral(st, auth, ACT_PATIENT_READ, &w, e);
	if (rc == ZT_OK)
		rc = audit_read(st, who, "read", "referral", id, out->municipality, NULL, e);
	if (rc == ZT_OK && (*events = store_referral_events_json(st, id)) == NULL)
		rc = zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	if (rc == ZT_OK && parties)
		*parties = policy_referral_parties(st, auth, &w);
	return rc;
}

enum zt_err app_referral_list(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			      const char *state, struct referral **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	if (state && state[0] && code_lookup(referral_states, RS__MAX, state) < 0)
		return zt_fail(e, ZT_ERR_INVALID, "state", "state は draft / sent / proposed / accepted / discharged / declined / escalated / withdrawn のいずれかです。");
	struct referral_scope_filter f = {.all = auth == NULL, .state = state};
	if (auth) {
		if (!policy_role_may(auth->role, ACT_PATIENT_READ))
			return zt_fail(e, ZT_ERR_FORBIDDEN, "", "紹介を閲覧する権限がありません（%s）。", role_label((int)auth->role));
		if (auth->role == ROLE_ADMIN)
			f.all = 1;
		else if (auth->role == ROLE_COORDINATOR)
			f.assocs = auth->associations, f.nassocs = auth->nassociations;
		else
			f.hospital_id = f.institution_id = auth->institution_id;
	}
	enum zt_err rc = store_referral_list(st, &f, out, n, e);
	if (rc != ZT_OK)
		return rc;
	json_t *ids = json_array();
	for (size_t i = 0; i < *n; i++)
		json_array_append_new(ids, json_integer((*out)[i].id));
	rc = audit_read(st, who, "read", "referral_list", 0, "", json_pack("{s:o}", "referral_ids", ids), e);
	if (rc != ZT_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- matching inputs ---- */

/* The referral as match.h sees it: the clinic role always, a nurse station when the needs call for
 * nursing (any device, a need, or 看取り) — the nurse role then needs what a station can hold. */
static void to_match(struct store *st, const struct referral *r, struct match_referral *m)
{
	memset(m, 0, sizeof *m);
	m->id = r->id;
	m->has_coord = r->has_coord;
	m->lat = r->lat, m->lon = r->lon;
	uint32_t caps = referral_required_caps(r);
	m->needs[MATCH_CLINIC] = caps;
	m->want[MATCH_CLINIC] = true;
	/* A visiting nurse station holds the clinical capabilities (not 夜間往診, pharmacy or dental ones). */
	uint32_t nurse_caps = caps & ~(1u << CAP_NIGHT_HOLIDAY_VISIT | 1u << CAP_HOME_PHARMACY | 1u << CAP_EMERGENCY_DISPENSING |
				       1u << CAP_NARCOTICS_SUPPLY | 1u << CAP_HOME_DENTAL | 1u << CAP_DISCHARGE_DESK |
				       1u << CAP_BACKUP_BEDS | 1u << CAP_PEDIATRIC | 1u << CAP_SELF_CATHETER |
				       1u << CAP_HOME_HEMODIALYSIS | 1u << CAP_PERITONEAL_DIALYSIS);
	m->needs[MATCH_NURSE] = nurse_caps;
	m->want[MATCH_NURSE] = r->devices != 0 || nurse_caps != 0;
	for (int i = 0; i < r->nprefs && m->n_prefs < MATCH_PREFS_MAX; i++) {
		struct match_pref *p = &m->prefs[m->n_prefs++];
		p->provider_id = r->prefs[i].institution_id;
		p->avoid = r->prefs[i].kind == PREF_AVOID;
		p->hard = r->prefs[i].hard;
		/* the preference binds the role of its institution (a clinic or a nurse station) */
		struct team_inst t;
		int role = store_team_inst(st, p->provider_id, 0, &t, NULL) == ZT_OK ? match_role_of_kind(t.kind) : -1;
		p->role = role == MATCH_NURSE ? MATCH_NURSE : MATCH_CLINIC;
	}
}

/* The district whose institutions a coordinator matches from: the neighbour while it is offered,
 * else the handling district. */
static int64_t match_district(const struct referral *r)
{
	return r->state == RS_ESCALATED && r->offered_to_id ? r->offered_to_id : r->district_id;
}

struct providers {
	struct match_provider *p;
	int n;
	char (*names)[256];
	char (*munis)[7];
	int *declared;
};

static void providers_free(struct providers *pv)
{
	free(pv->p);
	free(pv->names);
	free(pv->munis);
	free(pv->declared);
	memset(pv, 0, sizeof *pv);
}

static json_t *candidates_json(const struct match_referral *m, enum match_role role, const struct providers *pv,
			       const struct match_weights *w)
{
	struct match_candidate *c = calloc(CANDS_MAX, sizeof *c);
	if (c == NULL)
		abort();
	int n = match_rank(m, role, pv->p, pv->n, w, c, CANDS_MAX);
	json_t *a = json_array();
	for (int i = 0; i < n; i++) {
		const struct match_provider *p = &pv->p[c[i].provider];
		json_t *o = json_pack("{s:I, s:s, s:s, s:b, s:i, s:I, s:s, s:s, s:s, s:i, s:i, s:b, s:b, s:b}", "id",
				      (json_int_t)p->id, "name", pv->names[c[i].provider], "municipality", pv->munis[c[i].provider],
				      "eligible", c[i].eligible, "rank", c[i].rank, "score", (json_int_t)c[i].score, "code",
				      match_codes[c[i].reason.code].code, "reason", c[i].reason.text, "why", c[i].why, "load",
				      p->load, "capacity_left", p->capacity_left, "capacity_declared",
				      pv->declared[c[i].provider] != 0, "preferred", c[i].preferred, "avoided", c[i].soft_avoided);
		json_object_set_new(o, "distance_km", c[i].reason.distance_km >= 0 ? json_real(c[i].reason.distance_km) : json_null());
		json_object_set_new(o, "lat", p->has_coord ? json_real(p->lat) : json_null());
		json_object_set_new(o, "lon", p->has_coord ? json_real(p->lon) : json_null());
		json_t *codes = json_array();
		for (int k = 0; k < MATCH_CODE__MAX; k++)
			if (c[i].reason.codes & (1u << k))
				json_array_append_new(codes, json_string(match_codes[k].code));
		json_object_set_new(o, "codes", codes);
		json_array_append_new(a, o);
	}
	free(c);
	return a;
}

enum zt_err app_referral_candidates(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, json_t **out, struct zt_error *e)
{
	*out = NULL;
	struct referral *r = ref_new();
	struct providers pv = {0};
	enum zt_err rc = store_referral_get(st, id, r, e);
	struct referral_where w = where_of(r);
	if (rc == ZT_OK)
		rc = policy_check_referral(st, auth, ACT_PATIENT_READ, &w, e);
	/* The matching is the coordinators' work (the hospital sees the outcome, clinics their requests). */
	if (rc == ZT_OK && auth && auth->role != ROLE_ADMIN &&
	    !(policy_referral_parties(st, auth, &w) & (1u << RP_COORDINATOR | 1u << RP_NEIGHBOUR)))
		rc = zt_fail(e, ZT_ERR_FORBIDDEN, "", "候補を見られるのは担当地区（または照会先地区）のコーディネータです。");
	int64_t district = rc == ZT_OK ? match_district(r) : 0;
	if (rc == ZT_OK)
		rc = store_match_providers(st, district, &pv.p, &pv.n, &pv.names, &pv.munis, &pv.declared, e);
	if (rc == ZT_OK)
		rc = audit_read(st, who, "read_candidates", "referral", id, r->municipality,
				json_pack("{s:I}", "district_id", (json_int_t)district), e);
	if (rc == ZT_OK) {
		struct match_referral m;
		struct match_weights mw;
		match_weights_default(&mw);
		to_match(st, r, &m);
		json_t *o = json_pack("{s:I, s:o, s:f, s:f, s:f}", "referral_id", (json_int_t)id, "district_id",
				      district ? json_integer(district) : json_null(), "lat", r->lat, "lon", r->lon, "radius_km", 16.0);
		json_object_set_new(o, "clinic", candidates_json(&m, MATCH_CLINIC, &pv, &mw));
		json_object_set_new(o, "nurse_station",
				    m.want[MATCH_NURSE] ? candidates_json(&m, MATCH_NURSE, &pv, &mw) : json_array());
		json_object_set_new(o, "nurse_wanted", json_boolean(m.want[MATCH_NURSE]));
		/* 相互補完 (seed 002 ⑦): neighbouring districts, and whether anyone outside this district could take it. */
		json_t *nb = district ? store_district_neighbours(st, district) : json_array();
		json_object_set_new(o, "neighbours", nb ? nb : json_array());
		struct providers all = {0};
		int elsewhere = 0;
		if (district && store_match_providers(st, 0, &all.p, &all.n, &all.names, &all.munis, &all.declared, NULL) == ZT_OK) {
			for (int i = 0; i < all.n; i++) {
				bool mine = false;
				for (int k = 0; k < pv.n && !mine; k++)
					mine = pv.p[k].id == all.p[i].id;
				elsewhere += !mine && all.p[i].role == MATCH_CLINIC && match_eligible(&m, &all.p[i], NULL);
			}
		}
		providers_free(&all);
		json_object_set_new(o, "elsewhere_eligible", json_integer(elsewhere));
		*out = o;
	}
	providers_free(&pv);
	free(r);
	return rc;
}

/* ---- transitions ---- */

struct transition_tx {
	struct referral *r;
	const struct referral *before;
	const struct referral_transition_req *t;
	const struct referral_step *s;
	const struct zt_actor *who;
	int64_t acting_inst;
	int64_t batch_id;
};

/* Discharge home (issue 16 §1): the patient's care team from the referral, through app_team_put. */
static enum zt_err discharge_team(struct store *st, const struct zt_actor *who, const struct referral *r,
				  struct zt_error *e)
{
	json_t *team = json_pack("{s:I, s:I}", "primary_institution_id", (json_int_t)r->clinic_id, "discharge_hospital_id",
				 (json_int_t)r->hospital_id);
	int64_t doc = 0;
	for (int i = 0; i < r->nprefs; i++)
		if (r->prefs[i].kind == PREF_PREFER && r->prefs[i].institution_id == r->clinic_id && r->prefs[i].practitioner_id)
			doc = r->prefs[i].practitioner_id;
	if (!doc) {
		int64_t ids[1];
		if (store_practitioner_ids(st, r->clinic_id, "doctor", ids, 1) == 1)
			doc = ids[0];
	}
	if (doc)
		json_object_set_new(team, "primary_practitioner_id", json_integer(doc));
	if (r->nurse_station_id)
		json_object_set_new(team, "nurse_station_id", json_integer(r->nurse_station_id));
	/* A group the new 主治医's institution does not belong to no longer applies (the team rules
	 * refuse it); the coordinator sets the group afterwards. */
	struct team_ids old;
	if (store_team_ids(st, r->patient_id, &old, NULL) == ZT_OK && old.group_id &&
	    !store_group_has_member(st, old.group_id, r->clinic_id))
		json_object_set_new(team, "group_id", json_null());
	struct app_patient_view *v = calloc(1, sizeof *v);
	if (v == NULL)
		abort();
	/* The referral's policy has decided (its parties act); the team use case runs as the system
	 * with the user's audit identity, inside this transaction. */
	enum zt_err rc = app_team_put(st, NULL, who, r->patient_id, team, v, e);
	json_decref(team);
	free(v);
	if (rc == ZT_OK) {
		char today[11];
		zt_today_jst(today);
		json_t *b = json_pack("{s:s, s:s}", "status", "home", "status_since", today);
		struct patient *p = calloc(1, sizeof *p);
		if (p == NULL)
			abort();
		rc = app_patient_update(st, NULL, who, r->patient_id, b, p, e);
		free(p);
		json_decref(b);
	}
	return rc;
}

static enum zt_err transition_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct transition_tx *c = ctx;
	struct referral *r = c->r;
	char now[21];
	zt_now_utc(now);
	/* Re-read inside the transaction: the state must still be the one the machine judged. */
	struct referral *cur = ref_new();
	enum zt_err rc = store_referral_get(st, r->id, cur, e);
	if (rc == ZT_OK && (cur->state != c->before->state || strcmp(cur->updated_at, c->before->updated_at) != 0))
		rc = zt_fail(e, ZT_ERR_CONFLICT, "state", "紹介が他の操作で変更されました。読み込み直してください。");
	free(cur);
	if (rc != ZT_OK)
		return rc;
	const struct referral_transition_req *t = c->t;
	r->state = c->s->to;
	if (c->s->clinic_answer)
		snprintf(r->clinic_answer, sizeof r->clinic_answer, "%s", c->s->clinic_answer);
	if (c->s->nurse_answer)
		snprintf(r->nurse_answer, sizeof r->nurse_answer, "%s", c->s->nurse_answer);
	switch (t->event) {
	case REV_SEND:
		snprintf(r->sent_at, sizeof r->sent_at, "%s", now);
		break;
	case REV_PROPOSE:
		r->clinic_id = t->clinic_id;
		r->nurse_station_id = t->nurse_station_id;
		r->decline_reason[0] = '\0';
		r->batch_id = c->batch_id;
		break;
	case REV_ACCEPT:
		if (r->state == RS_ACCEPTED)
			snprintf(r->accepted_at, sizeof r->accepted_at, "%s", now);
		break;
	case REV_DECLINE:
		snprintf(r->decline_reason, sizeof r->decline_reason, "%s", t->reason_code);
		break;
	case REV_ESCALATE:
		r->offered_to_id = t->district_id;
		break;
	case REV_TAKE_OVER:
		r->district_id = r->offered_to_id;
		r->offered_to_id = 0;
		r->clinic_id = r->nurse_station_id = 0;
		r->clinic_answer[0] = r->nurse_answer[0] = '\0';
		break;
	case REV_RETURN:
		r->offered_to_id = 0;
		break;
	case REV_DISCHARGE:
	case REV_WITHDRAW:
		snprintf(r->closed_at, sizeof r->closed_at, "%s", now);
		break;
	default:
		break;
	}
	rc = store_referral_update(st, r, e);
	struct referral_event_row ev = event_row(c->who, referral_events[t->event].code, referral_states[c->before->state].code,
						 referral_states[r->state].code, c->acting_inst, t->reason_code, t->reason);
	if (rc == ZT_OK)
		rc = store_referral_event_insert(st, r->id, &ev, e);
	if (rc == ZT_OK && t->event == REV_DISCHARGE)
		rc = discharge_team(st, c->who, r, e);
	if (rc == ZT_OK) {
		json_t *b = audit_json(c->before), *a = audit_json(r);
		json_object_set_new(a, "event", json_string(referral_events[t->event].code));
		json_object_set_new(a, "reason", json_string(t->reason));
		rc = audit_append(st, c->who, referral_events[t->event].code, "referral", r->id, r->municipality, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return rc;
}

/* Checks a proposal: the clinic is a home-care clinic or hospital eligible for the referral (16 km,
 * capabilities, capacity, preferences), the nurse station likewise when named. */
static enum zt_err check_proposal(struct store *st, const struct referral *r, int64_t clinic, int64_t nurse,
				  struct zt_error *e)
{
	struct providers pv = {0};
	enum zt_err rc = store_match_providers(st, 0, &pv.p, &pv.n, &pv.names, &pv.munis, &pv.declared, e);
	if (rc != ZT_OK)
		return rc;
	struct match_referral m;
	to_match(st, r, &m);
	m.want[MATCH_NURSE] = true;
	int64_t ids[2] = {clinic, nurse};
	const char *fields[2] = {"clinic_id", "nurse_station_id"};
	for (int k = 0; k < 2 && rc == ZT_OK; k++) {
		if (!ids[k])
			continue;
		int found = -1;
		for (int i = 0; i < pv.n && found < 0; i++)
			if (pv.p[i].id == ids[k])
				found = i;
		if (found < 0 || (int)pv.p[found].role != k) {
			rc = zt_fail(e, ZT_ERR_INVALID, fields[k], k == 0 ? "打診先には訪問診療を行う診療所・病院を指定してください。"
									: "訪問看護ステーションを指定してください。");
			break;
		}
		struct match_reason why;
		if (!match_eligible(&m, &pv.p[found], &why))
			rc = zt_fail(e, ZT_ERR_INVALID, fields[k], "%s には打診できません: %s", pv.names[found], why.text);
	}
	providers_free(&pv);
	return rc;
}

static enum zt_err transition(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			      struct referral *r, const struct referral_transition_req *t, int64_t batch_id,
			      struct zt_error *e)
{
	struct referral_where w = where_of(r);
	enum zt_err rc = policy_check_referral(st, auth, ACT_PATIENT_WRITE, &w, e);
	if (rc != ZT_OK)
		return rc;
	unsigned parties = policy_referral_parties(st, auth, &w);
	struct referral_facts f = {.state = r->state,
				   .has_clinic = t->event == REV_PROPOSE ? t->clinic_id != 0 : r->clinic_id != 0,
				   .has_nurse = t->event == REV_PROPOSE ? t->nurse_station_id != 0 : r->nurse_station_id != 0,
				   .clinic_answer = r->clinic_answer,
				   .nurse_answer = r->nurse_answer,
				   .district_id = r->district_id,
				   .offered_to_id = t->event == REV_ESCALATE ? t->district_id : r->offered_to_id};
	struct referral_step s;
	rc = referral_transition(&f, t->event, parties, t->reason_code, t->reason, &s, e);
	if (rc == ZT_OK && t->event == REV_PROPOSE)
		rc = check_proposal(st, r, t->clinic_id, t->nurse_station_id, e);
	if (rc == ZT_OK && t->event == REV_ESCALATE) {
		/* 相互補完: only to a district next to the one handling it (隣接市町村 of the region tables). */
		struct team_inst a;
		if (!r->district_id)
			rc = zt_fail(e, ZT_ERR_CONFLICT, "district_id", "担当の地区医師会がないため他地区へ照会できません。");
		else if (store_team_inst(st, t->district_id, 0, &a, NULL) != ZT_OK || a.kind != KIND_MEDICAL_ASSOCIATION ||
			 !store_districts_adjacent(st, r->district_id, t->district_id))
			rc = zt_fail(e, ZT_ERR_INVALID, "district_id", "照会先には担当地区に隣接する地区医師会を指定してください。");
	}
	if (rc != ZT_OK)
		return rc;
	struct referral *before = ref_new();
	*before = *r;
	int64_t acting = auth ? auth->institution_id : 0;
	if (auth && auth->role == ROLE_COORDINATOR)
		acting = (parties & (1u << RP_NEIGHBOUR)) ? r->offered_to_id : r->district_id;
	struct transition_tx c = {r, before, t, &s, who, acting, batch_id};
	rc = store_tx(st, transition_tx_fn, &c, e);
	free(before);
	return rc;
}

enum zt_err app_referral_transition(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, const struct referral_transition_req *t, struct referral *out,
				    struct zt_error *e)
{
	enum zt_err rc = store_referral_get(st, id, out, e);
	if (rc == ZT_OK)
		rc = transition(st, auth, who, out, t, 0, e);
	return rc == ZT_OK ? store_referral_get(st, id, out, e) : rc;
}

/* ---- batch ---- */

static enum zt_err district_policy(struct store *st, const struct auth_ctx *auth, enum policy_action act,
				   int64_t district, struct zt_error *e)
{
	struct team_inst a;
	if (!district || store_team_inst(st, district, 0, &a, NULL) != ZT_OK || a.kind != KIND_MEDICAL_ASSOCIATION)
		return zt_fail(e, ZT_ERR_INVALID, "district_id", "地区医師会（district_id）を指定してください。");
	if (auth == NULL || (auth->role == ROLE_ADMIN && act == ACT_PATIENT_READ))
		return ZT_OK;
	for (int i = 0; auth->role == ROLE_COORDINATOR && i < auth->nassociations; i++)
		if (auth->associations[i] == district)
			return ZT_OK;
	return zt_fail(e, ZT_ERR_FORBIDDEN, "", "この地区の一括提案を扱えるのはその地区のコーディネータです（%s）。", role_label((int)auth->role));
}

static enum zt_err queue_of(struct store *st, int64_t district, struct referral **q, size_t *nq, struct zt_error *e)
{
	int64_t a[1] = {district};
	struct referral_scope_filter f = {.assocs = a, .nassocs = 1};
	struct referral *all = NULL;
	size_t n = 0;
	enum zt_err rc = store_referral_list(st, &f, &all, &n, e);
	if (rc != ZT_OK)
		return rc;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if ((all[i].state == RS_SENT || all[i].state == RS_DECLINED) && all[i].district_id == district) {
			all[k] = all[i];
			/* preferences for the match */
			rc = store_referral_get(st, all[k].id, &all[k], e);
			if (rc != ZT_OK)
				break;
			k++;
		}
	if (rc != ZT_OK) {
		free(all);
		return rc;
	}
	*q = all;
	*nq = k;
	return ZT_OK;
}

enum zt_err app_batch_proposal(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       int64_t district, json_t **out, struct zt_error *e)
{
	*out = NULL;
	struct referral *q = NULL;
	size_t nq = 0;
	struct providers pv = {0};
	enum zt_err rc = district_policy(st, auth, ACT_PATIENT_READ, district, e);
	if (rc == ZT_OK)
		rc = queue_of(st, district, &q, &nq, e);
	if (rc == ZT_OK)
		rc = store_match_providers(st, district, &pv.p, &pv.n, &pv.names, &pv.munis, &pv.declared, e);
	if (rc == ZT_OK)
		rc = audit_read(st, who, "read_batch_proposal", "referral", 0, "",
				json_pack("{s:I, s:I}", "district_id", (json_int_t)district, "queue", (json_int_t)nq), e);
	if (rc != ZT_OK) {
		free(q);
		providers_free(&pv);
		return rc;
	}
	struct match_referral *m = calloc(nq ? nq : 1, sizeof *m);
	struct match_assignment *as = calloc(nq ? nq : 1, sizeof *as);
	int *after = calloc(pv.n ? (size_t)pv.n : 1, sizeof *after);
	if (!m || !as || !after)
		abort();
	for (size_t i = 0; i < nq; i++)
		to_match(st, &q[i], &m[i]);
	struct match_weights w;
	match_weights_default(&w);
	struct match_batch_stats stats;
	memset(&stats, 0, sizeof stats);
	if (match_batch(m, (int)nq, pv.p, pv.n, &w, as, &stats) != 0)
		abort();
	json_t *items = json_array();
	for (size_t i = 0; i < nq; i++) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "referral_id", (json_int_t)q[i].id, "patient_name", q[i].patient_name,
				      "hospital_name", q[i].hospital_name, "planned_discharge", q[i].planned_discharge);
		for (int role = 0; role < MATCH_ROLE__MAX; role++) {
			const char *key = role == MATCH_CLINIC ? "clinic" : "nurse_station";
			int p = as[i].provider[role];
			json_t *x;
			if (p >= 0) {
				after[p]++;
				x = json_pack("{s:I, s:s, s:f, s:I}", "id", (json_int_t)pv.p[p].id, "name", pv.names[p], "distance_km",
					      geo_distance_km(q[i].lat, q[i].lon, pv.p[p].lat, pv.p[p].lon), "cost",
					      (json_int_t)as[i].cost[role]);
			} else {
				x = json_pack("{s:n, s:s, s:s}", "id", "status", match_unassigned_codes[as[i].status[role]].code,
					      "reason", match_unassigned_codes[as[i].status[role]].ja);
			}
			json_object_set_new(o, key, x);
		}
		json_array_append_new(items, o);
	}
	json_t *load = json_array();
	for (int p = 0; p < pv.n; p++)
		json_array_append_new(load, json_pack("{s:I, s:s, s:s, s:i, s:i, s:i, s:b}", "id", (json_int_t)pv.p[p].id, "name",
						      pv.names[p], "role", match_roles[pv.p[p].role].code, "before", pv.p[p].load,
						      "after", pv.p[p].load + after[p], "capacity_left", pv.p[p].capacity_left,
						      "capacity_declared", pv.declared[p] != 0));
	json_t *st_j = json_object();
	for (int role = 0; role < MATCH_ROLE__MAX; role++)
		json_object_set_new(st_j, role == MATCH_CLINIC ? "clinic" : "nurse_station",
				    json_pack("{s:i, s:i, s:I, s:b}", "assigned", stats.assigned[role], "unassigned",
					      stats.unassigned[role], "objective", (json_int_t)stats.objective[role], "certified",
					      stats.certified[role]));
	*out = json_pack("{s:I, s:o, s:o, s:o}", "district_id", (json_int_t)district, "assignments", items, "load", load,
			 "stats", st_j);
	free(m);
	free(as);
	free(after);
	free(q);
	providers_free(&pv);
	return ZT_OK;
}

struct batch_tx {
	const struct auth_ctx *auth;
	const struct zt_actor *who;
	int64_t district;
	const struct batch_item *items;
	int n;
	int64_t *batch_id;
};

static enum zt_err batch_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct batch_tx *c = ctx;
	enum zt_err rc = store_batch_insert(st, c->district, c->n, 0, c->who && c->who->username ? c->who->username : "system",
					    c->batch_id, e);
	struct referral *r = ref_new();
	for (int i = 0; rc == ZT_OK && i < c->n; i++) {
		rc = store_referral_get(st, c->items[i].referral_id, r, e);
		if (rc == ZT_ERR_NOTFOUND) {
			char f[48];
			snprintf(f, sizeof f, "assignments[%d].referral_id", i);
			rc = zt_fail(e, ZT_ERR_INVALID, f, "紹介（ID %lld）が見つかりません。", (long long)c->items[i].referral_id);
		}
		if (rc == ZT_OK && r->district_id != c->district) {
			char f[48];
			snprintf(f, sizeof f, "assignments[%d].referral_id", i);
			rc = zt_fail(e, ZT_ERR_INVALID, f, "紹介（ID %lld）はこの地区の依頼ではありません。", (long long)r->id);
		}
		struct referral_transition_req t = {.event = REV_PROPOSE, .clinic_id = c->items[i].clinic_id,
						    .nurse_station_id = c->items[i].nurse_station_id};
		if (rc == ZT_OK)
			rc = transition(st, c->auth, c->who, r, &t, *c->batch_id, e);
		if (rc != ZT_OK && e && strncmp(e->field, "assignments", 11) != 0) {
			char f[80];
			snprintf(f, sizeof f, "assignments[%d].%.40s", i, e->field[0] ? e->field : "referral_id");
			snprintf(e->field, sizeof e->field, "%.63s", f);
		}
	}
	free(r);
	if (rc == ZT_OK) {
		json_t *a = json_pack("{s:I, s:i}", "district_id", (json_int_t)c->district, "assignments", c->n);
		rc = audit_append(st, c->who, "create", "referral_batch", *c->batch_id, "", NULL, a, e);
		json_decref(a);
	}
	return rc;
}

enum zt_err app_batch_confirm(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			      int64_t district, const struct batch_item *items, int n, int64_t *batch_id,
			      struct zt_error *e)
{
	enum zt_err rc = district_policy(st, auth, ACT_PATIENT_WRITE, district, e);
	if (rc != ZT_OK)
		return rc;
	struct batch_tx c = {auth, who, district, items, n, batch_id};
	return store_tx(st, batch_tx_fn, &c, e);
}

/* ---- capacity ---- */

static enum zt_err capacity_policy(struct store *st, const struct auth_ctx *auth, enum policy_action act, int64_t id,
				   enum match_role *role, struct zt_error *e)
{
	struct team_inst t;
	enum zt_err rc = store_team_inst(st, id, 0, &t, e);
	if (rc != ZT_OK)
		return rc;
	int k = match_role_of_kind(t.kind);
	if (k < 0)
		return zt_fail(e, ZT_ERR_INVALID, "id", "%s は診療所・病院・訪問看護ステーションではありません（受入可能数はこれらが申告します）。", t.name);
	*role = (enum match_role)k;
	if (auth == NULL)
		return ZT_OK;
	char muni[7] = "";
	struct facility *f = calloc(1, sizeof *f);
	if (f == NULL)
		abort();
	if (store_facility_get(st, id, f, NULL) == ZT_OK)
		snprintf(muni, sizeof muni, "%s", f->municipality_code);
	free(f);
	struct policy_object o = {.municipality = muni, .institution_id = id};
	return policy_check(st, auth, act, &o, e);
}

static json_t *capacity_json(const struct capacity *c)
{
	return json_pack("{s:I, s:b, s:i, s:i, s:i, s:i, s:s, s:s}", "institution_id", (json_int_t)c->institution_id,
			 "declared", c->declared != 0, "accepts_more", c->accepts_more, "load_at_declaration",
			 c->load_at_declaration, "load", c->load, "left", c->left, "declared_at", c->declared_at,
			 "declared_by", c->declared_by);
}

enum zt_err app_capacity_get(struct store *st, const struct auth_ctx *auth, int64_t id, json_t **out,
			     struct zt_error *e)
{
	enum match_role role;
	struct capacity c;
	*out = NULL;
	enum zt_err rc = capacity_policy(st, auth, ACT_PATIENT_READ, id, &role, e);
	if (rc == ZT_OK)
		rc = store_capacity_get(st, id, role, &c, e);
	if (rc == ZT_OK)
		*out = capacity_json(&c);
	return rc;
}

struct capacity_tx {
	int64_t id;
	int more;
	enum match_role role;
	const struct zt_actor *who;
};

static enum zt_err capacity_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct capacity_tx *c = ctx;
	int load = store_institution_load(st, c->id, c->role);
	if (load < 0)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	enum zt_err rc = store_capacity_put(st, c->id, c->more, load,
					    c->who && c->who->username ? c->who->username : "system", e);
	if (rc == ZT_OK) {
		json_t *a = json_pack("{s:i, s:i}", "accepts_more", c->more, "load", load);
		rc = audit_append(st, c->who, "update", "capacity", c->id, "", NULL, a, e);
		json_decref(a);
	}
	return rc;
}

enum zt_err app_capacity_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     int more, json_t **out, struct zt_error *e)
{
	enum match_role role;
	*out = NULL;
	enum zt_err rc = capacity_policy(st, auth, ACT_PATIENT_WRITE, id, &role, e);
	if (rc == ZT_OK && (more < 0 || more > 500))
		rc = zt_fail(e, ZT_ERR_INVALID, "accepts_more", "受入可能数（accepts_more）は0〜500の整数で指定してください。");
	if (rc != ZT_OK)
		return rc;
	struct capacity_tx c = {id, more, role, who};
	rc = store_tx(st, capacity_tx_fn, &c, e);
	return rc == ZT_OK ? app_capacity_get(st, NULL, id, out, e) : rc;
}

/* ---- report ---- */

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

enum zt_err app_referral_report(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				int64_t district, const char *month, json_t **out, struct zt_error *e)
{
	*out = NULL;
	int y, m, d;
	char day[11];
	snprintf(day, sizeof day, "%.7s-01", month ? month : "");
	if (!month || strlen(month) != 7 || !cal_parse(day, &y, &m, &d))
		return zt_fail(e, ZT_ERR_INVALID, "month", "month は YYYY-MM で指定してください。");
	enum zt_err rc = district_policy(st, auth, ACT_PATIENT_READ, district, e);
	if (rc != ZT_OK)
		return rc;
	json_t *rep = store_referral_report(st, district, month);
	if (rep == NULL)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	rc = audit_read(st, who, "read_report", "referral", 0, "", json_pack("{s:I, s:s}", "district_id", (json_int_t)district,
									      "month", month), e);
	if (rc != ZT_OK) {
		json_decref(rep);
		return rc;
	}
	/* labels, and days from sending to acceptance */
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(rep, "by_state"), i, v) {
		int k = code_lookup(referral_states, RS__MAX, json_string_value(json_object_get(v, "state")));
		json_object_set_new(v, "label", json_string(k >= 0 ? referral_states[k].ja : ""));
	}
	json_array_foreach(json_object_get(rep, "declines"), i, v) {
		int k = code_lookup(decline_reasons, DR__MAX, json_string_value(json_object_get(v, "reason_code")));
		json_object_set_new(v, "label", json_string(k >= 0 ? decline_reasons[k].ja : "（理由なし）"));
	}
	json_t *acc = json_object_get(rep, "accepted");
	size_t na = json_array_size(acc);
	int *days = calloc(na ? na : 1, sizeof *days);
	if (days == NULL)
		abort();
	double sum = 0;
	json_array_foreach(acc, i, v) {
		days[i] = referral_days_between(json_string_value(json_object_get(v, "sent_at")),
						json_string_value(json_object_get(v, "accepted_at")));
		json_object_set_new(v, "days", json_integer(days[i]));
		sum += days[i];
	}
	qsort(days, na, sizeof *days, cmp_int);
	json_object_set_new(rep, "days_to_accept", json_pack("{s:i, s:o, s:o}", "count", (int)na, "median",
							     na ? json_real(na % 2 ? days[na / 2] : (days[na / 2 - 1] + days[na / 2]) / 2.0) : json_null(),
							     "mean", na ? json_real(sum / (double)na) : json_null()));
	free(days);
	char name[256];
	store_institution_name(st, district, name, sizeof name);
	json_object_set_new(rep, "district_id", json_integer(district));
	json_object_set_new(rep, "district_name", json_string(name));
	json_object_set_new(rep, "month", json_string(month));
	*out = rep;
	return ZT_OK;
}
