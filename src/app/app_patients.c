/* Use cases of patients, care teams, 在後病 registrations, duties and the call chain (issue 14; see app_patients.h). */
#include "app/app_patients.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/policy.h"
#include "core/clock.h"
#include "domain/duty.h"
#include "domain/grouping.h"
#include "domain/holiday.h"
#include "domain/text.h"
#include "io/patient_json.h"
#include "store/store.h"
#include "store/store_absences.h"
#include "store/store_audit.h"
#include "store/store_groups.h"
#include "store/store_network.h"

#define INSTS_MAX 64

/* ---- policy ---- */

static enum zt_err patient_policy(struct store *st, const struct auth_ctx *auth, enum policy_action act,
				  const struct patient *p, struct zt_error *e)
{
	if (auth == NULL)
		return ZT_OK;
	int64_t insts[INSTS_MAX];
	int n = p->id ? store_patient_institutions(st, p->id, act == ACT_PATIENT_READ, insts, INSTS_MAX) : 0;
	if (n < 0)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	if (!p->id && p->owner_institution_id)
		insts[n++] = p->owner_institution_id;
	return policy_check_patient(st, auth, act, p->municipality, insts, n, e);
}

enum zt_err app_group_policy(struct store *st, const struct auth_ctx *auth, int64_t group_id, enum policy_action act,
			     char muni[7], struct zt_error *e)
{
	struct group *g = calloc(1, sizeof *g);
	if (g == NULL)
		abort();
	enum zt_err r = store_group_get(st, group_id, g, e);
	if (r == ZT_OK && muni)
		snprintf(muni, 7, "%s", g->base_municipality);
	if (r == ZT_OK && auth) {
		int64_t members[GROUP_MAX_MEMBERS];
		for (int i = 0; i < g->nmembers; i++)
			members[i] = g->members[i].institution_id;
		struct policy_object base = {.municipality = g->base_municipality, .association_id = g->base_id};
		r = policy_check_group(st, auth, act, &base, members, g->nmembers, e);
	}
	free(g);
	return r;
}

enum zt_err app_group_policy_check(struct store *st, const struct auth_ctx *auth, int64_t group_id, bool write,
				   char muni[7], struct zt_error *e)
{
	return app_group_policy(st, auth, group_id, write ? ACT_GROUP_WRITE : ACT_GROUP_READ, muni, e);
}

/* ---- patients ---- */

struct patient_tx {
	struct patient *p;
	const struct patient *before;
	const struct zt_actor *who;
	const char *today;
};

static enum zt_err patient_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct patient_tx *c = ctx;
	enum zt_err r = c->before ? store_patient_update(st, c->p, e) : store_patient_insert(st, c->p, e);
	if (r != ZT_OK)
		return r;
	json_t *before = c->before ? patient_to_json(c->before, c->today) : NULL;
	json_t *after = patient_to_json(c->p, c->today);
	r = audit_append(st, c->who, c->before ? "update" : "create", "patient", c->p->id, c->p->municipality, before, after, e);
	json_decref(before);
	json_decref(after);
	return r;
}

enum zt_err app_patient_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       struct patient *p, struct zt_error *e)
{
	char today[11];
	zt_today_jst(today);
	p->id = 0;
	if (!p->owner_institution_id && auth && auth->institution_id)
		p->owner_institution_id = auth->institution_id;
	if (!p->status_since[0])
		snprintf(p->status_since, sizeof p->status_since, "%s", today);
	enum zt_err r = patient_validate(p, today, e);
	if (r == ZT_OK)
		r = patient_policy(st, auth, ACT_PATIENT_WRITE, p, e);
	if (r != ZT_OK)
		return r;
	struct patient_tx c = {p, NULL, who, today};
	return store_tx(st, patient_tx_fn, &c, e);
}

enum zt_err app_patient_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			       const json_t *body, struct patient *out, struct zt_error *e)
{
	char today[11];
	zt_today_jst(today);
	struct patient *before = calloc(1, sizeof *before);
	if (before == NULL)
		abort();
	enum zt_err r = store_patient_get(st, id, before, e);
	if (r == ZT_OK)
		r = patient_policy(st, auth, ACT_PATIENT_WRITE, before, e);
	if (r == ZT_OK) {
		*out = *before;
		r = patient_from_json(body, out, e);
	}
	if (r == ZT_OK)
		r = patient_validate(out, today, e);
	/* Moving a patient to another district needs write access there too. */
	if (r == ZT_OK && strcmp(out->municipality, before->municipality) != 0 && auth) {
		struct patient moved = *out;
		moved.id = 0;
		r = patient_policy(st, auth, ACT_PATIENT_WRITE, &moved, e);
	}
	if (r == ZT_OK) {
		out->id = id;
		struct patient_tx c = {out, before, who, today};
		r = store_tx(st, patient_tx_fn, &c, e);
	}
	free(before);
	return r;
}

/* The audit row of a read of patient data, in its own transaction; the read is refused without it. */
static enum zt_err audit_read(struct store *st, const struct zt_actor *who, const char *action, const char *object,
			      int64_t id, const char *muni, json_t *after, struct zt_error *e)
{
	enum zt_err r = audit_append(st, who, action, object, id, muni, NULL, after, e);
	json_decref(after);
	return r;
}

enum zt_err app_patient_read(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     struct app_patient_view *v, struct zt_error *e)
{
	memset(v, 0, sizeof *v);
	zt_today_jst(v->today);
	enum zt_err r = store_patient_get(st, id, &v->p, e);
	if (r == ZT_OK)
		r = patient_policy(st, auth, ACT_PATIENT_READ, &v->p, e);
	if (r == ZT_OK)
		r = audit_read(st, who, "read", "patient", id, v->p.municipality, NULL, e);
	if (r == ZT_OK)
		r = store_team_load(st, id, &v->team, e);
	if (r == ZT_OK)
		v->nproblems = team_validate(&v->p, &v->team, v->today, v->problems, TEAM_PROBLEMS_MAX);
	if (v->nproblems > TEAM_PROBLEMS_MAX)
		v->nproblems = TEAM_PROBLEMS_MAX;
	return r;
}

/* The scope of a listing for auth (ZT_ERR_FORBIDDEN when the role reads no patients). */
static enum zt_err list_scope(const struct auth_ctx *auth, struct patient_scope *sc, struct zt_error *e)
{
	memset(sc, 0, sizeof *sc);
	sc->all = auth == NULL;
	if (auth) {
		switch (role_table[auth->role].scope) {
		case RSCOPE_ALL:
			sc->all = policy_role_may(auth->role, ACT_PATIENT_READ);
			break;
		case RSCOPE_ASSOCIATIONS:
			sc->assocs = auth->associations;
			sc->nassocs = auth->nassociations;
			break;
		case RSCOPE_INSTITUTION:
			sc->institution = auth->institution_id;
			break;
		default:
			break;
		}
		if (!policy_role_may(auth->role, ACT_PATIENT_READ) || (!sc->all && !sc->nassocs && !sc->institution))
			return zt_fail(e, ZT_ERR_FORBIDDEN, "", "患者情報を閲覧する権限がありません（%s）。", role_label((int)auth->role));
	}
	return ZT_OK;
}

/* The audit row of a listing: the ids shown (and the query, when one was given). */
static enum zt_err audit_list(struct store *st, const struct zt_actor *who, const struct patient *rows, size_t n,
			      const struct patient_filter *f, struct zt_error *e)
{
	json_t *ids = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(ids, json_integer(rows[i].id));
	json_t *after = json_pack("{s:o}", "patient_ids", ids);
	if (f) {
		json_object_set_new(after, "q", json_string(f->q ? f->q : ""));
		json_object_set_new(after, "municipality", json_string(f->municipality ? f->municipality : ""));
		json_object_set_new(after, "offset", json_integer(f->offset));
	}
	return audit_read(st, who, "read", "patient_list", 0, "", after, e);
}

enum zt_err app_patient_list(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     struct patient **out, size_t *n, struct zt_error *e)
{
	struct patient_scope sc;
	enum zt_err r = list_scope(auth, &sc, e);
	if (r == ZT_OK)
		r = store_patient_list(st, &sc, out, n, e);
	if (r != ZT_OK)
		return r;
	r = audit_list(st, who, *out, *n, NULL, e);
	if (r != ZT_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return r;
}

enum zt_err app_patient_find(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     const struct patient_filter *f, struct patient **out, size_t *n, size_t *total,
			     struct zt_error *e)
{
	*out = NULL;
	*n = *total = 0;
	char words[8][TEXT_WORD_MAX];
	int nw = 0;
	const char *q = f->q ? f->q : "", *muni = f->municipality ? f->municipality : "";
	int limit = f->limit ? f->limit : 50;
	if (strlen(q) > 100 || !text_valid_utf8(q) || (nw = text_search_words(q, words, 8)) < 0)
		return zt_fail(e, ZT_ERR_INVALID, "q", "検索語は100バイト・8語以内で入力してください。");
	if (muni[0] && (strlen(muni) != 6 || !text_is_digits(muni, 6)))
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "municipality は市町村コード（6桁）で指定してください。");
	if (limit < 1 || limit > 500)
		return zt_fail(e, ZT_ERR_INVALID, "limit", "limit は1〜500で指定してください。");
	if (f->offset < 0)
		return zt_fail(e, ZT_ERR_INVALID, "offset", "offset は0以上で指定してください。");
	struct patient_scope sc;
	struct patient *all = NULL;
	size_t nall = 0;
	enum zt_err r = list_scope(auth, &sc, e);
	if (r == ZT_OK)
		r = store_patient_list(st, &sc, &all, &nall, e);
	if (r != ZT_OK)
		return r;
	/* Filter in place (the rows come by kana), then keep the page. */
	size_t m = 0;
	for (size_t i = 0; i < nall; i++)
		if ((!muni[0] || strcmp(all[i].municipality, muni) == 0) && patient_matches(&all[i], words, nw))
			all[m++] = all[i];
	*total = m;
	size_t from = (size_t)f->offset < m ? (size_t)f->offset : m;
	size_t k = m - from < (size_t)limit ? m - from : (size_t)limit;
	if (from)
		memmove(all, all + from, k * sizeof *all);
	r = audit_list(st, who, all, k, f, e);
	if (r != ZT_OK) {
		free(all);
		*total = 0;
		return r;
	}
	*out = all;
	*n = k;
	return ZT_OK;
}

/* ---- care team ---- */

static enum zt_err check_inst(struct store *st, int64_t id, const char *field, bool (*ok)(enum inst_kind),
			      const char *what, struct zt_error *e)
{
	if (!id)
		return ZT_OK;
	struct team_inst t;
	enum zt_err r = store_team_inst(st, id, 0, &t, e);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, ZT_ERR_INVALID, field, "%s（ID %lld）が登録されていません。", what, (long long)id);
	if (r == ZT_OK && !ok(t.kind))
		return zt_fail(e, ZT_ERR_INVALID, field, "%s には%sを指定してください（%s は%s）。", field, what, t.name,
			       inst_kinds[t.kind].ja);
	return r;
}

static bool k_medical(enum inst_kind k) { return inst_kind_is_medical(k); }
static bool k_nurse(enum inst_kind k) { return k == KIND_NURSE_STATION; }
static bool k_pharmacy(enum inst_kind k) { return k == KIND_PHARMACY; }
static bool k_care(enum inst_kind k) { return k == KIND_CARE_MANAGEMENT || k == KIND_COMMUNITY_SUPPORT; }
static bool k_hospital(enum inst_kind k) { return k == KIND_HOSPITAL; }

static enum zt_err check_person(struct store *st, int64_t pid, int64_t inst, const char *field, struct zt_error *e)
{
	if (!pid)
		return ZT_OK;
	struct team_person p;
	enum zt_err r = store_practitioner_get(st, pid, &p, e);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, ZT_ERR_INVALID, field, "医師（ID %lld）が登録されていません。", (long long)pid);
	if (r == ZT_OK && p.institution_id != inst)
		return zt_fail(e, ZT_ERR_INVALID, field, "%s は指定した医療機関に所属していません。", p.name);
	return r;
}

/* The rules a team must meet to be stored (the rest are problems shown with it, team_validate). */
static enum zt_err team_check(struct store *st, const struct team_ids *t, struct zt_error *e)
{
	enum zt_err r = ZT_OK;
	if (!t->primary_institution_id && t->primary_practitioner_id)
		return zt_fail(e, ZT_ERR_INVALID, "primary_institution_id", "主治医の医療機関を指定してください。");
	if (!t->secondary_institution_id && t->secondary_practitioner_id)
		return zt_fail(e, ZT_ERR_INVALID, "secondary_institution_id", "副主治医の医療機関を指定してください。");
	if (t->secondary_institution_id && t->secondary_institution_id == t->primary_institution_id)
		return zt_fail(e, ZT_ERR_INVALID, "secondary_institution_id",
			       "副主治医は主治医と別の医療機関から選んでください（主治医・副主治医制: secondary_same_institution）。");
	if ((r = check_inst(st, t->primary_institution_id, "primary_institution_id", k_medical, "病院・診療所", e)) ||
	    (r = check_inst(st, t->secondary_institution_id, "secondary_institution_id", k_medical, "病院・診療所", e)) ||
	    (r = check_inst(st, t->nurse_station_id, "nurse_station_id", k_nurse, "訪問看護ステーション", e)) ||
	    (r = check_inst(st, t->pharmacy_id, "pharmacy_id", k_pharmacy, "薬局", e)) ||
	    (r = check_inst(st, t->care_manager_id, "care_manager_id", k_care, "居宅介護支援事業所", e)) ||
	    (r = check_inst(st, t->discharge_hospital_id, "discharge_hospital_id", k_hospital, "病院", e)) ||
	    (r = check_person(st, t->primary_practitioner_id, t->primary_institution_id, "primary_practitioner_id", e)) ||
	    (r = check_person(st, t->secondary_practitioner_id, t->secondary_institution_id, "secondary_practitioner_id", e)))
		return r;
	if (t->group_id && t->primary_institution_id && !store_group_has_member(st, t->group_id, t->primary_institution_id))
		return zt_fail(e, ZT_ERR_INVALID, "group_id", "主治医の医療機関はこのグループの構成機関ではありません。");
	return ZT_OK;
}

struct team_tx {
	const struct patient *p;
	const struct team_ids *before, *after;
	const struct zt_actor *who;
};

static json_t *ids_json(const struct team_ids *t)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "group_id", (json_int_t)t->group_id,
			 "primary_practitioner_id", (json_int_t)t->primary_practitioner_id, "primary_institution_id",
			 (json_int_t)t->primary_institution_id, "secondary_practitioner_id",
			 (json_int_t)t->secondary_practitioner_id, "secondary_institution_id",
			 (json_int_t)t->secondary_institution_id, "nurse_station_id", (json_int_t)t->nurse_station_id,
			 "pharmacy_id", (json_int_t)t->pharmacy_id, "care_manager_id", (json_int_t)t->care_manager_id,
			 "discharge_hospital_id", (json_int_t)t->discharge_hospital_id);
}

static enum zt_err team_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct team_tx *c = ctx;
	enum zt_err r = store_team_put(st, c->p->id, c->after, e);
	if (r == ZT_OK) {
		json_t *b = ids_json(c->before), *a = ids_json(c->after);
		r = audit_append(st, c->who, "update", "care_team", c->p->id, c->p->municipality, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return r;
}

enum zt_err app_team_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			 const json_t *body, struct app_patient_view *v, struct zt_error *e)
{
	memset(v, 0, sizeof *v);
	zt_today_jst(v->today);
	struct team_ids before, after;
	enum zt_err r = store_patient_get(st, id, &v->p, e);
	if (r == ZT_OK)
		r = patient_policy(st, auth, ACT_PATIENT_WRITE, &v->p, e);
	if (r == ZT_OK)
		r = store_team_ids(st, id, &before, e);
	if (r == ZT_OK) {
		after = before;
		r = team_ids_from_json(body, &after, e);
	}
	if (r == ZT_OK)
		r = team_check(st, &after, e);
	if (r == ZT_OK) {
		struct team_tx c = {&v->p, &before, &after, who};
		r = store_tx(st, team_tx_fn, &c, e);
	}
	if (r == ZT_OK)
		r = store_team_load(st, id, &v->team, e);
	if (r == ZT_OK) {
		v->nproblems = team_validate(&v->p, &v->team, v->today, v->problems, TEAM_PROBLEMS_MAX);
		if (v->nproblems > TEAM_PROBLEMS_MAX)
			v->nproblems = TEAM_PROBLEMS_MAX;
	}
	return r;
}

/* ---- 在宅療養後方支援病院 ---- */

struct backup_tx {
	const struct patient *p;
	int64_t hospital_id;
	const char *registered_on, *expires_on;
	bool end_previous;
	int64_t *reg_id;
	const struct zt_actor *who;
};

static enum zt_err backup_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct backup_tx *c = ctx;
	int64_t prev = 0;
	int n = store_backup_active(st, c->p->id, &prev);
	if (n < 0)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	if (n > 0 && !c->end_previous)
		return zt_fail(e, ZT_ERR_CONFLICT, "hospital_id",
			       "この患者はすでに別の在宅療養後方支援病院に登録されています（患者1人につき1病院）。先の登録を終了するか end_previous を指定してください。");
	enum zt_err r = ZT_OK;
	if (n > 0)
		r = store_backup_end(st, prev, c->registered_on, e);
	if (r == ZT_OK)
		r = store_backup_insert(st, c->p->id, c->hospital_id, c->registered_on, c->expires_on, c->reg_id, e);
	if (r == ZT_OK) {
		json_t *a = json_pack("{s:I, s:s, s:s, s:I}", "hospital_id", (json_int_t)c->hospital_id, "registered_on",
				      c->registered_on, "expires_on", c->expires_on ? c->expires_on : "", "ended_registration",
				      (json_int_t)prev);
		r = audit_append(st, c->who, "create", "backup_registration", c->p->id, c->p->municipality, NULL, a, e);
		json_decref(a);
	}
	return r;
}

enum zt_err app_backup_register(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				int64_t patient_id, int64_t hospital_id, const char *registered_on, const char *expires_on,
				bool end_previous, int64_t *reg_id, struct zt_error *e)
{
	struct patient p;
	int y, m, d;
	enum zt_err r = store_patient_get(st, patient_id, &p, e);
	if (r == ZT_OK)
		r = patient_policy(st, auth, ACT_PATIENT_WRITE, &p, e);
	if (r != ZT_OK)
		return r;
	if (!registered_on || !cal_parse(registered_on, &y, &m, &d))
		return zt_fail(e, ZT_ERR_INVALID, "registered_on", "登録日は YYYY-MM-DD で入力してください。");
	if (expires_on && expires_on[0] && (!cal_parse(expires_on, &y, &m, &d) || strcmp(expires_on, registered_on) < 0))
		return zt_fail(e, ZT_ERR_INVALID, "expires_on", "登録期限は登録日以後の YYYY-MM-DD で入力してください。");
	struct team_inst h;
	r = store_team_inst(st, hospital_id, 0, &h, e);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, ZT_ERR_INVALID, "hospital_id", "病院（ID %lld）が登録されていません。", (long long)hospital_id);
	if (r != ZT_OK)
		return r;
	if (h.kind != KIND_HOSPITAL || !(h.standards & (1u << STD_BACKUP_HOSPITAL)) || h.beds < 200)
		return zt_fail(e, ZT_ERR_INVALID, "hospital_id",
			       "%s は在宅療養後方支援病院の施設基準（在後病の届出・許可病床200床以上）を満たしていません（backup_not_standard）。",
			       h.name);
	struct backup_tx c = {&p, hospital_id, registered_on, expires_on && expires_on[0] ? expires_on : NULL, end_previous,
			      reg_id, who};
	return store_tx(st, backup_tx_fn, &c, e);
}

struct backup_end_tx {
	const struct patient *p;
	const struct backup_reg *before;
	const char *ended_on, *reason;
	const struct zt_actor *who;
};

static json_t *backup_reg_json(const struct backup_reg *g)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)g->id, "hospital_id", (json_int_t)g->hospital_id,
			 "hospital_name", g->hospital_name, "registered_on", g->registered_on, "expires_on", g->expires_on,
			 "ended_on", g->ended_on, "end_reason", g->end_reason);
}

static enum zt_err backup_end_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct backup_end_tx *c = ctx;
	enum zt_err r = store_backup_end_explicit(st, c->before->id, c->ended_on, c->reason, e);
	if (r == ZT_OK) {
		struct backup_reg after = *c->before;
		snprintf(after.ended_on, sizeof after.ended_on, "%s", c->ended_on);
		snprintf(after.end_reason, sizeof after.end_reason, "%s", c->reason);
		json_t *b = backup_reg_json(c->before), *a = backup_reg_json(&after);
		r = audit_append(st, c->who, "end", "backup_registration", c->p->id, c->p->municipality, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return r;
}

enum zt_err app_backup_end(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t patient_id,
			   int64_t reg_id, const char *ended_on, const char *reason, struct zt_error *e)
{
	struct patient p;
	struct backup_reg g;
	char today[11];
	zt_today_jst(today);
	int y, m, d;
	enum zt_err r = store_patient_get(st, patient_id, &p, e);
	if (r == ZT_OK)
		r = patient_policy(st, auth, ACT_PATIENT_WRITE, &p, e);
	if (r == ZT_OK)
		r = store_backup_reg_get(st, reg_id, &g, e);
	if (r == ZT_OK && g.patient_id != patient_id)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "registration_id", "この患者の在宅療養後方支援病院の登録ではありません。");
	if (r == ZT_OK && g.ended_on[0])
		r = zt_fail(e, ZT_ERR_CONFLICT, "registration_id", "この登録は %s にすでに終了しています。", g.ended_on);
	if (r != ZT_OK)
		return r;
	if (!ended_on || !cal_parse(ended_on, &y, &m, &d) || strcmp(ended_on, today) > 0 || strcmp(ended_on, g.registered_on) < 0)
		return zt_fail(e, ZT_ERR_INVALID, "ended_on", "終了日は登録日（%s）以後、今日以前の YYYY-MM-DD で入力してください。",
			       g.registered_on);
	if (!reason || !reason[0] || !text_valid_utf8(reason))
		return zt_fail(e, ZT_ERR_INVALID, "reason", "登録を終了する理由（転院・契約終了・死亡など）を入力してください。");
	struct backup_end_tx c = {&p, &g, ended_on, reason, who};
	return store_tx(st, backup_end_tx_fn, &c, e);
}

struct exchange_tx {
	const struct patient *p;
	const char *on, *note;
	int64_t *id;
	const struct zt_actor *who;
};

static enum zt_err exchange_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct exchange_tx *c = ctx;
	int64_t reg = 0;
	int n = store_backup_active(st, c->p->id, &reg);
	if (n < 0)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	if (n == 0)
		return zt_fail(e, ZT_ERR_CONFLICT, "exchanged_on", "在宅療養後方支援病院の登録がありません。");
	enum zt_err r = store_exchange_insert(st, reg, c->on, c->note, c->id, e);
	if (r == ZT_OK) {
		json_t *a = json_pack("{s:I, s:s, s:s}", "registration_id", (json_int_t)reg, "exchanged_on", c->on, "note",
				      c->note ? c->note : "");
		r = audit_append(st, c->who, "create", "backup_exchange", c->p->id, c->p->municipality, NULL, a, e);
		json_decref(a);
	}
	return r;
}

enum zt_err app_exchange_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     int64_t patient_id, const char *on, const char *note, int64_t *id, struct zt_error *e)
{
	struct patient p;
	char today[11];
	zt_today_jst(today);
	int y, m, d;
	enum zt_err r = store_patient_get(st, patient_id, &p, e);
	if (r == ZT_OK)
		r = patient_policy(st, auth, ACT_PATIENT_WRITE, &p, e);
	if (r != ZT_OK)
		return r;
	if (!on || !cal_parse(on, &y, &m, &d) || strcmp(on, today) > 0)
		return zt_fail(e, ZT_ERR_INVALID, "exchanged_on", "情報交換の日付は今日以前の YYYY-MM-DD で入力してください。");
	struct exchange_tx c = {&p, on, note, id, who};
	return store_tx(st, exchange_tx_fn, &c, e);
}

enum zt_err app_backup_list(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			    int64_t patient_id, json_t **out, struct zt_error *e)
{
	struct patient p;
	*out = NULL;
	enum zt_err r = store_patient_get(st, patient_id, &p, e);
	if (r == ZT_OK)
		r = patient_policy(st, auth, ACT_PATIENT_READ, &p, e);
	if (r == ZT_OK)
		r = audit_read(st, who, "read", "backup_registration", patient_id, p.municipality, NULL, e);
	if (r == ZT_OK && (*out = store_backup_json(st, patient_id)) == NULL)
		r = zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	return r;
}

/* ---- duties ---- */

struct duty_tx {
	struct duty *d;
	int64_t delete_id;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err duty_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct duty_tx *c = ctx;
	enum zt_err r = c->delete_id ? store_duty_delete(st, c->delete_id, e) : store_duty_insert(st, c->d, e);
	if (r == ZT_OK) {
		json_t *j = duty_to_json(c->d);
		r = audit_append(st, c->who, c->delete_id ? "delete" : "create", "duty", c->d->id, c->muni,
				 c->delete_id ? j : NULL, c->delete_id ? NULL : j, e);
		json_decref(j);
	}
	return r;
}

enum zt_err app_duty_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, struct duty *d,
			 struct zt_error *e)
{
	char muni[7] = "";
	struct duty_hours h;
	struct team_person doc;
	enum zt_err r = app_group_policy(st, auth, d->group_id, ACT_GROUP_WRITE, muni, e);
	if (r == ZT_OK)
		r = store_duty_hours(st, d->group_id, &h, NULL, e);
	if (r == ZT_OK)
		r = duty_validate(d, &h, e);
	if (r == ZT_OK) {
		r = store_practitioner_get(st, d->practitioner_id, &doc, e);
		if (r == ZT_ERR_NOTFOUND)
			r = zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "医師（ID %lld）が登録されていません。", (long long)d->practitioner_id);
	}
	if (r == ZT_OK && !store_group_has_member(st, d->group_id, doc.institution_id))
		r = zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "%s の医療機関はこのグループの構成機関ではありません。", doc.name);
	if (r != ZT_OK)
		return r;
	d->institution_id = doc.institution_id;
	struct duty_tx c = {d, 0, muni, who};
	r = store_tx(st, duty_tx_fn, &c, e);
	return r == ZT_OK ? store_duty_get(st, d->id, d, e) : r;
}

enum zt_err app_duty_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			    int64_t group_id, int64_t duty_id, struct zt_error *e)
{
	char muni[7] = "";
	struct duty d;
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_WRITE, muni, e);
	if (r == ZT_OK)
		r = store_duty_get(st, duty_id, &d, e);
	if (r == ZT_OK && d.group_id != group_id)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "id", "当番が見つかりません。");
	if (r != ZT_OK)
		return r;
	struct duty_tx c = {&d, duty_id, muni, who};
	return store_tx(st, duty_tx_fn, &c, e);
}

enum zt_err app_duties(struct store *st, const struct auth_ctx *auth, int64_t group_id, const char *from, const char *to,
		       struct duty **out, size_t *n, struct duty_hours *h, int *nurse_first, struct zt_error *e)
{
	int y1, m1, d1, y2, m2, d2;
	*out = NULL;
	*n = 0;
	if (!from || !cal_parse(from, &y1, &m1, &d1))
		return zt_fail(e, ZT_ERR_INVALID, "from", "from は YYYY-MM-DD で指定してください。");
	if (!to || !cal_parse(to, &y2, &m2, &d2) || strcmp(to, from) < 0 || cal_days(y2, m2, d2) - cal_days(y1, m1, d1) > 400)
		return zt_fail(e, ZT_ERR_INVALID, "to", "to は from 以後、400日以内の YYYY-MM-DD で指定してください。");
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_READ, NULL, e);
	if (r == ZT_OK)
		r = store_duty_hours(st, group_id, h, nurse_first, e);
	if (r == ZT_OK)
		r = store_duties(st, group_id, from, to, -1, out, n, e);
	return r;
}

struct hours_tx {
	int64_t group_id;
	const struct duty_hours *h;
	int nurse_first;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err hours_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct hours_tx *c = ctx;
	enum zt_err r = store_duty_hours_put(st, c->group_id, c->h, c->nurse_first, e);
	if (r == ZT_OK) {
		json_t *a = duty_hours_to_json(c->h, c->nurse_first);
		r = audit_append(st, c->who, "update", "duty_setting", c->group_id, c->muni, NULL, a, e);
		json_decref(a);
	}
	return r;
}

enum zt_err app_duty_hours_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       int64_t group_id, const struct duty_hours *h, int nurse_first, struct zt_error *e)
{
	char muni[7] = "";
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_WRITE, muni, e);
	if (r == ZT_OK)
		r = duty_hours_check(h, e);
	if (r != ZT_OK)
		return r;
	struct hours_tx c = {group_id, h, nurse_first, muni, who};
	return store_tx(st, hours_tx_fn, &c, e);
}

/* ---- the call chain ---- */

/* Appends the hospital i to hs as why (at most 16); once only, when once: a group hospital already
 * listed as night duty, 在後病 or discharge origin keeps that first place. */
static void hospital_add(struct cc_hospital *hs, int *n, const struct team_inst *i, const char *why, bool once)
{
	for (int k = 0; once && k < *n; k++)
		if (hs[k].inst.id == i->id)
			return;
	if (*n >= 16)
		return;
	struct cc_hospital *h = &hs[(*n)++];
	memset(h, 0, sizeof *h);
	h->inst = *i;
	h->why = why;
}

enum zt_err app_call_chain(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			   time_t at, struct patient *p, struct cc_result *out, struct zt_error *e)
{
	struct care_team *t = calloc(1, sizeof *t);
	if (t == NULL)
		abort();
	struct duty *duties = NULL;
	size_t nd = 0;
	struct cc_input in = {.p = p, .t = t, .hours = DUTY_HOURS_DEFAULT};
	int nurse_first = 0;
	enum zt_err r = store_patient_get(st, id, p, e);
	if (r == ZT_OK)
		r = patient_policy(st, auth, ACT_PATIENT_READ, p, e);
	if (r == ZT_OK) {
		char iso[21];
		zt_format_utc(at, iso);
		r = audit_read(st, who, "read_call_chain", "patient", id, p->municipality, json_pack("{s:s}", "at", iso), e);
	}
	/* The rest only reads: one snapshot (and one read lock) for all of its queries. */
	int snapshot = r == ZT_OK && store_read_begin(st);
	if (r == ZT_OK)
		r = store_team_load_brief(st, id, t, e);
	if (r == ZT_OK && t->group_id)
		r = store_duty_hours(st, t->group_id, &in.hours, &nurse_first, e);
	if (r == ZT_OK) {
		/* The moment in Asia/Tokyo (JST, no daylight saving). */
		time_t local = at + ZT_JST_OFFSET;
		struct tm tm;
		gmtime_r(&local, &tm);
		duty_slot_at(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour * 60 + tm.tm_min, &in.hours, &in.slot);
		in.nurse_first = nurse_first != 0;
		if (in.slot.type >= 0 && t->group_id) {
			char date[16];
			snprintf(date, sizeof date, "%04d-%02d-%02d", in.slot.y, in.slot.m, in.slot.d);
			r = store_slot_duties(st, t->group_id, date, in.slot.type, &duties, &nd, e);
		}
	}
	/* 代診 (issue 14 §4): an absent 主治医 on the moment's date, and absent doctors of the slot's duties,
	 * are replaced by their accepted substitutes (store_absence_cover: the absence, the substitute and
	 * the substitute's institution in one statement). */
	struct absence_cover cover;
	if (r == ZT_OK && t->primary.id) {
		char today[16];
		zt_date_jst(at, today);
		int absent = store_absence_cover(st, t->primary.id, today, id, 0, &cover);
		if (absent < 0)
			r = zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
		if (absent > 0) {
			in.primary_absent = true;
			in.absence_reason = cover.reason;
			if (cover.substitute.id) {
				in.substitute = &cover.substitute;
				in.substitute_institution = cover.institution_name;
				in.substitute_institution_phone = cover.institution_phone;
			}
		}
	}
	for (size_t i = 0; r == ZT_OK && i < nd; i++) {
		struct absence_cover c2;
		if (store_absence_cover(st, duties[i].practitioner_id, duties[i].date, 0, duties[i].id, &c2) <= 0 ||
		    !c2.substitute.id)
			continue;
		snprintf(duties[i].substitute_for, sizeof duties[i].substitute_for, "%s", duties[i].practitioner_name);
		snprintf(duties[i].practitioner_name, sizeof duties[i].practitioner_name, "%s", c2.substitute.name);
		snprintf(duties[i].practitioner_phone, sizeof duties[i].practitioner_phone, "%s", c2.substitute.phone);
		snprintf(duties[i].institution_name, sizeof duties[i].institution_name, "%s", c2.institution_name);
		snprintf(duties[i].institution_phone, sizeof duties[i].institution_phone, "%s", c2.institution_phone);
		duties[i].practitioner_id = c2.substitute.id;
		duties[i].institution_id = c2.substitute.institution_id;
	}
	/* seed 002 ③: the group's rules; the backup hospital acting as 副主治医 at night. */
	struct backup_rules rules = BACKUP_RULES_DEFAULT;
	struct team_inst secondary_hospital;
	if (r == ZT_OK && t->group_id)
		r = store_network_rules_get(st, t->group_id, &rules, e);
	if (r == ZT_OK && rules.backup_secondary_hospital_id &&
	    store_team_inst(st, rules.backup_secondary_hospital_id, t->group_id, &secondary_hospital, NULL) == ZT_OK)
		in.secondary_hospital = &secondary_hospital;
	in.rules = &rules;
	/* 後方病床: the acute hospitals on night duty (青葉区, ordered by the rules), the registered 在後病,
	 * the discharge-origin hospital, then the group's hospitals — each once, with its institution as
	 * the team's are loaded (two statements for the lists, none per hospital). */
	struct cc_hospital hs[16];
	int nh = 0;
	if (r == ZT_OK) {
		struct team_inst night[4], group[16];
		int nn = 0, ng = 0;
		if (rules.night_acute_first && in.slot.type >= 0 && t->group_id) {
			char date[16];
			snprintf(date, sizeof date, "%04d-%02d-%02d", in.slot.y, in.slot.m, in.slot.d);
			nn = store_night_hospital_insts(st, t->group_id, date, night, 4);
		}
		if (nn >= 0 && t->group_id)
			ng = store_group_hospital_insts(st, t->group_id, group, 16);
		if (nn < 0 || ng < 0)
			r = zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
		for (int i = 0; i < nn; i++)
			hospital_add(hs, &nh, &night[i], "night_acute", false);
		if (t->backup_id)
			hospital_add(hs, &nh, &t->backup_hospital, "backup_registered", false);
		if (t->discharge_hospital.id && t->discharge_hospital.id != t->backup_hospital.id)
			hospital_add(hs, &nh, &t->discharge_hospital, "discharge_origin", false);
		for (int i = 0; i < ng; i++)
			hospital_add(hs, &nh, &group[i], "group_backup", true);
		for (int i = 0; i < nh && r == ZT_OK; i++) {
			struct cc_hospital *h = &hs[i];
			struct bed_figure b[WARD__MAX];
			int nb = store_beds_get(st, h->inst.id, b);
			if (nb < 0)
				r = zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
			for (int k = 0; k < nb; k++) {
				h->has_beds = true;
				h->free += b[k].free;
				if (strcmp(b[k].updated_at, h->updated_at) > 0)
					snprintf(h->updated_at, sizeof h->updated_at, "%s", b[k].updated_at);
			}
			h->stale = h->has_beds && bed_is_stale(h->updated_at, zt_now(), in.hours.bed_stale_hours);
		}
	}
	if (r == ZT_OK) {
		in.duties = duties;
		in.nduties = (int)nd;
		in.hospitals = hs;
		in.nhospitals = nh;
		callchain_build(&in, out);
	}
	store_read_end(st, snapshot);
	free(duties);
	free(t);
	return r;
}

/* ---- 後方病床 ---- */

static enum zt_err hospital_policy(struct store *st, const struct auth_ctx *auth, enum policy_action act, int64_t id,
				   char muni[7], struct zt_error *e)
{
	struct facility *f = calloc(1, sizeof *f);
	if (f == NULL)
		abort();
	enum zt_err r = store_facility_get(st, id, f, e);
	if (r == ZT_OK && f->kind != KIND_HOSPITAL)
		r = zt_fail(e, ZT_ERR_INVALID, "id", "%s は病院ではありません（後方病床は病院が登録します）。", f->name);
	if (r == ZT_OK)
		snprintf(muni, 7, "%s", f->municipality_code);
	free(f);
	if (r == ZT_OK && auth) {
		struct policy_object o = {.municipality = muni, .institution_id = id};
		r = policy_check(st, auth, act, &o, e);
	}
	return r;
}

enum zt_err app_hospital_policy_check(struct store *st, const struct auth_ctx *auth, int64_t hospital_id, bool write,
				      char muni[7], struct zt_error *e)
{
	return hospital_policy(st, auth, write ? ACT_PATIENT_WRITE : ACT_PATIENT_READ, hospital_id, muni, e);
}

struct beds_tx {
	int64_t id;
	const char *at;
	const struct bed_figure *b;
	int n;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err beds_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct beds_tx *c = ctx;
	enum zt_err r = store_beds_put(st, c->id, c->b, c->n, c->who && c->who->username ? c->who->username : "system", c->at, e);
	if (r == ZT_OK) /* every update kept (issue 14 §5: bed history) */
		r = store_bed_history_add(st, c->id, c->b, c->n, c->who && c->who->username ? c->who->username : "system", c->at, e);
	if (r == ZT_OK) {
		json_t *a = json_array();
		for (int i = 0; i < c->n; i++)
			json_array_append_new(a, json_pack("{s:s, s:i, s:i}", "ward", wards[c->b[i].ward].code, "reserved",
							   c->b[i].reserved, "free", c->b[i].free));
		json_t *after = json_pack("{s:o}", "wards", a);
		r = audit_append(st, c->who, "update", "beds", c->id, c->muni, NULL, after, e);
		json_decref(after);
	}
	return r;
}

enum zt_err app_beds_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t hospital_id,
			 const struct bed_figure *b, int n, const char *at, struct zt_error *e)
{
	char muni[7] = "";
	enum zt_err r = hospital_policy(st, auth, ACT_PATIENT_WRITE, hospital_id, muni, e);
	if (r == ZT_OK && n == 0)
		r = zt_fail(e, ZT_ERR_INVALID, "wards", "病棟ごとの確保病床数と空床数を1つ以上入力してください。");
	for (int i = 0; r == ZT_OK && i < n; i++)
		r = bed_figure_check(&b[i], i, e);
	if (r != ZT_OK)
		return r;
	struct beds_tx c = {hospital_id, at, b, n, muni, who};
	return store_tx(st, beds_tx_fn, &c, e);
}

enum zt_err app_beds_get(struct store *st, const struct auth_ctx *auth, int64_t hospital_id, struct bed_figure *out,
			 int *n, struct zt_error *e)
{
	char muni[7] = "";
	*n = 0;
	enum zt_err r = hospital_policy(st, auth, ACT_PATIENT_READ, hospital_id, muni, e);
	if (r != ZT_OK)
		return r;
	*n = store_beds_get(st, hospital_id, out);
	return *n < 0 ? zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。") : ZT_OK;
}
