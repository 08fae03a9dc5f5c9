/* Use cases of 代診: absences, ranked substitutes, acceptance (issue 14 §4; see app_absences.h). */
#include "app/app_absences.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/policy.h"
#include "core/clock.h"
#include "store/store.h"
#include "store/store_absences.h"
#include "store/store_audit.h"
#include "io/patient_json.h"
#include "store/store_network.h"
#include "store/store_patients.h"

static enum zt_err absence_policy(struct store *st, const struct auth_ctx *auth, enum policy_action act,
				  int64_t institution_id, const char *muni, struct zt_error *e)
{
	if (auth == NULL)
		return ZT_OK;
	struct policy_object o = {.municipality = muni, .institution_id = institution_id};
	return policy_check(st, auth, act, &o, e);
}

struct absence_tx {
	struct absence *a;
	const struct zt_actor *who;
};

static enum zt_err absence_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct absence_tx *c = ctx;
	int n = store_absence_overlaps(st, c->a->practitioner_id, c->a->starts_on, c->a->ends_on);
	if (n < 0)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	if (n > 0)
		return zt_fail(e, ZT_ERR_INVALID, "starts_on", "この医師には期間の重なる不在がすでに登録されています。");
	enum zt_err r = store_absence_insert(st, c->a, e);
	if (r == ZT_OK) {
		json_t *j = json_pack("{s:I, s:s, s:s, s:s}", "practitioner_id", (json_int_t)c->a->practitioner_id, "starts_on",
				      c->a->starts_on, "ends_on", c->a->ends_on, "reason", c->a->reason);
		r = audit_append(st, c->who, "create", "absence", c->a->id, c->a->institution_municipality, NULL, j, e);
		json_decref(j);
	}
	return r;
}

enum zt_err app_absence_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       struct absence *a, struct zt_error *e)
{
	enum zt_err r = absence_validate(a, e);
	struct team_person doc;
	struct team_inst inst;
	if (r == ZT_OK) {
		r = store_practitioner_get(st, a->practitioner_id, &doc, e);
		if (r == ZT_ERR_NOTFOUND)
			r = zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "医師（ID %lld）が登録されていません。", (long long)a->practitioner_id);
	}
	if (r == ZT_OK)
		r = store_team_inst(st, doc.institution_id, 0, &inst, e);
	char muni[7] = "";
	if (r == ZT_OK) {
		struct facility f;
		if (store_facility_get(st, doc.institution_id, &f, NULL) == ZT_OK)
			snprintf(muni, sizeof muni, "%s", f.municipality_code);
		a->institution_id = doc.institution_id;
		snprintf(a->institution_municipality, sizeof a->institution_municipality, "%s", muni);
		snprintf(a->practitioner_name, sizeof a->practitioner_name, "%s", doc.name);
		r = absence_policy(st, auth, ACT_PATIENT_WRITE, doc.institution_id, muni, e);
	}
	if (r != ZT_OK)
		return r;
	struct absence_tx c = {a, who};
	return store_tx(st, absence_tx_fn, &c, e);
}

static json_t *absence_json(const struct absence *a)
{
	return json_pack("{s:I, s:s, s:s, s:s}", "practitioner_id", (json_int_t)a->practitioner_id, "starts_on", a->starts_on,
			 "ends_on", a->ends_on, "reason", a->reason);
}

struct absence_update_tx {
	const struct absence *before, *after;
	int *ended;
	const struct zt_actor *who;
};

static enum zt_err absence_update_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct absence_update_tx *c = ctx;
	const struct absence *a = c->after;
	*c->ended = 0;
	int n = store_absence_overlaps_except(st, a->practitioner_id, a->starts_on, a->ends_on, a->id);
	if (n < 0)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	if (n > 0)
		return zt_fail(e, ZT_ERR_INVALID, "starts_on", "この医師には期間の重なる不在がすでに登録されています。");
	json_t *gone = store_substitutions_outside_json(st, a->id, a->starts_on, a->ends_on);
	if (gone == NULL)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	enum zt_err r = store_absence_update(st, a, e);
	if (r == ZT_OK) {
		json_t *b = absence_json(c->before), *j = absence_json(a);
		r = audit_append(st, c->who, "update", "absence", a->id, a->institution_municipality, b, j, e);
		json_decref(b);
		json_decref(j);
	}
	/* 代診 for duties now outside the period end with the absence's change, each an audit row. */
	size_t i;
	json_t *sub;
	json_array_foreach(gone, i, sub) {
		if (r != ZT_OK)
			break;
		int64_t sid = json_integer_value(json_object_get(sub, "id"));
		r = store_substitution_delete(st, sid, e);
		if (r == ZT_OK) {
			json_object_set_new(sub, "absence_id", json_integer(a->id));
			json_object_set_new(sub, "why", json_string("不在の期間の変更により、期間外の当番の代診を終了しました。"));
			r = audit_append(st, c->who, "end", "substitution", json_integer_value(json_object_get(sub, "duty_id")),
					 a->institution_municipality, sub, NULL, e);
			(*c->ended)++;
		}
	}
	json_decref(gone);
	return r;
}

enum zt_err app_absence_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			       const json_t *body, struct absence *out, int *ended, struct zt_error *e)
{
	struct absence before;
	*ended = 0;
	enum zt_err r = store_absence_get(st, id, &before, e);
	if (r == ZT_OK)
		r = absence_policy(st, auth, ACT_PATIENT_WRITE, before.institution_id, before.institution_municipality, e);
	if (r != ZT_OK)
		return r;
	*out = before;
	if (json_is_object(body) && json_object_get(body, "practitioner_id"))
		return zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "不在の医師は変更できません（別の医師の不在は新しく登録してください）。");
	r = absence_from_json(body, out, e);
	if (r == ZT_OK)
		r = absence_validate(out, e);
	if (r != ZT_OK)
		return r;
	struct absence_update_tx c = {&before, out, ended, who};
	return store_tx(st, absence_update_tx_fn, &c, e);
}

void app_absence_plan_free(struct absence_plan *p)
{
	if (p) {
		free(p->items);
		p->items = NULL;
		p->nitems = 0;
	}
}

/* Start of the current fiscal year (1 April 00:00 JST) as a UTC instant. */
static void fy_start(char out[21])
{
	snprintf(out, 21, "%04u-03-31T15:00:00Z", (unsigned)zt_fiscal_year() % 10000u);
}

static void rank_item(struct plan_item *it, const struct patient *p, int64_t absent_id, int n)
{
	int nout = 0;
	it->neligible = substitute_rank(p, absent_id, it->cands, n, it->ranks, &nout, it->none_reason);
	it->nranks = nout;
}

/* Fills the items of plan (allocating); audit rows for the patients shown. */
static enum zt_err plan_build(struct store *st, const struct zt_actor *who, struct absence_plan *plan, bool audit,
			      struct zt_error *e)
{
	const struct absence *a = &plan->a;
	int64_t pids[64];
	int np = store_patients_of_primary(st, a->practitioner_id, pids, 64);
	struct duty *duties = NULL;
	size_t nd = 0;
	if (np < 0)
		return zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	enum zt_err r = store_duties_of(st, a->practitioner_id, a->starts_on, a->ends_on, &duties, &nd, e);
	if (r != ZT_OK)
		return r;
	plan->items = calloc((size_t)np + nd + 1, sizeof *plan->items);
	if (plan->items == NULL)
		abort();
	char fy[21];
	fy_start(fy);
	struct patient *p = calloc(1, sizeof *p);
	struct care_team *t = calloc(1, sizeof *t);
	if (p == NULL || t == NULL)
		abort();
	for (int i = 0; r == ZT_OK && i < np; i++) {
		struct plan_item *it = &plan->items[plan->nitems++];
		it->patient_id = pids[i];
		r = store_patient_get(st, pids[i], p, e);
		if (r == ZT_OK)
			r = store_team_load(st, pids[i], t, e);
		if (r == ZT_OK && audit) {
			json_t *j = json_pack("{s:I}", "absence_id", (json_int_t)a->id);
			r = audit_append(st, who, "read_substitutes", "patient", p->id, p->municipality, NULL, j, e);
			json_decref(j);
		}
		if (r != ZT_OK)
			break;
		snprintf(it->patient_name, sizeof it->patient_name, "%s", p->name);
		int n = t->group_id ? store_sub_candidates(st, t->group_id, a->starts_on, a->ends_on, NULL, fy, it->cands,
							  SUB_CANDIDATES_MAX)
				    : 0;
		if (n < 0) {
			r = zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
			break;
		}
		for (int k = 0; k < n; k++)
			it->cands[k].secondary = t->secondary.id && it->cands[k].practitioner_id == t->secondary.id;
		rank_item(it, p, a->practitioner_id, n);
		/* Nobody in the group qualifies: doctors of other institutions within 16 km holding the
		 * needed capabilities, ranked after the group's, 「グループ外（要依頼）」 (issue 14 §4). */
		if (it->neligible == 0 && p->has_coord && t->group_id) {
			int k = store_outside_candidates(st, t->group_id, p->lat, p->lon, a->starts_on, a->ends_on, fy,
							 it->cands + n, SUB_CANDIDATES_MAX - n);
			if (k < 0) {
				r = zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
				break;
			}
			if (k > 0) {
				char group_none[400];
				snprintf(group_none, sizeof group_none, "%s", it->none_reason);
				rank_item(it, p, a->practitioner_id, n + k);
				if (it->neligible > 0)
					snprintf(it->none_reason, sizeof it->none_reason,
						 "グループ内では%.280s グループ外（16km 以内）の医師を候補に挙げました（要依頼）。", group_none);
			}
		}
		it->accepted = store_substitution_of(st, a->id, pids[i], 0);
	}
	for (size_t i = 0; r == ZT_OK && i < nd; i++) {
		struct plan_item *it = &plan->items[plan->nitems++];
		it->duty = duties[i];
		int n = store_sub_candidates(st, duties[i].group_id, duties[i].date, duties[i].date, duties[i].date, fy,
					     it->cands, SUB_CANDIDATES_MAX);
		if (n < 0) {
			r = zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
			break;
		}
		rank_item(it, NULL, a->practitioner_id, n);
		it->accepted = store_substitution_of(st, a->id, 0, duties[i].id);
	}
	free(p);
	free(t);
	free(duties);
	return r;
}

enum zt_err app_absence_plan(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     struct absence_plan *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	enum zt_err r = store_absence_get(st, id, &out->a, e);
	if (r == ZT_OK)
		r = absence_policy(st, auth, ACT_PATIENT_READ, out->a.institution_id, out->a.institution_municipality, e);
	if (r == ZT_OK)
		r = plan_build(st, who, out, true, e);
	if (r != ZT_OK)
		app_absence_plan_free(out);
	return r;
}

struct accept_tx {
	const struct absence *a;
	int64_t patient_id, duty_id, practitioner_id, *id;
	const struct zt_actor *who;
};

static enum zt_err accept_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct accept_tx *c = ctx;
	enum zt_err r = store_substitution_put(st, c->a->id, c->patient_id, c->duty_id, c->practitioner_id,
					       c->who && c->who->username ? c->who->username : "system", c->id, e);
	if (r == ZT_OK) {
		json_t *j = json_pack("{s:I, s:I, s:I, s:I}", "absence_id", (json_int_t)c->a->id, "patient_id",
				      (json_int_t)c->patient_id, "duty_id", (json_int_t)c->duty_id, "practitioner_id",
				      (json_int_t)c->practitioner_id);
		r = audit_append(st, c->who, "create", "substitution", c->patient_id ? c->patient_id : c->duty_id,
				 c->a->institution_municipality, NULL, j, e);
		json_decref(j);
	}
	return r;
}

enum zt_err app_substitution_accept(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, int64_t patient_id, int64_t duty_id, int64_t practitioner_id,
				    int64_t *substitution_id, struct zt_error *e)
{
	if (!patient_id == !duty_id)
		return zt_fail(e, ZT_ERR_INVALID, "patient_id", "patient_id か duty_id のどちらか一方を指定してください。");
	struct absence_plan plan;
	memset(&plan, 0, sizeof plan);
	enum zt_err r = store_absence_get(st, id, &plan.a, e);
	if (r == ZT_OK)
		r = absence_policy(st, auth, ACT_PATIENT_WRITE, plan.a.institution_id, plan.a.institution_municipality, e);
	if (r == ZT_OK)
		r = plan_build(st, who, &plan, false, e);
	const struct plan_item *it = NULL;
	for (int i = 0; r == ZT_OK && i < plan.nitems; i++)
		if ((patient_id && plan.items[i].patient_id == patient_id) || (duty_id && plan.items[i].duty.id == duty_id))
			it = &plan.items[i];
	if (r == ZT_OK && it == NULL)
		r = zt_fail(e, ZT_ERR_INVALID, patient_id ? "patient_id" : "duty_id",
			    patient_id ? "この患者の主治医はこの不在の医師ではありません。" : "この当番はこの不在の期間の当番ではありません。");
	if (r == ZT_OK) {
		const struct sub_rank *found = NULL;
		for (int k = 0; k < it->nranks; k++)
			if (it->cands[it->ranks[k].idx].practitioner_id == practitioner_id)
				found = &it->ranks[k];
		if (found == NULL)
			r = zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "この医師は代診の候補（グループの医師）ではありません。");
		else if (!found->eligible)
			r = zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "この医師は代診できません: %s", found->reasons);
	}
	if (r == ZT_OK) {
		struct accept_tx c = {&plan.a, patient_id, duty_id, practitioner_id, substitution_id, who};
		r = store_tx(st, accept_tx_fn, &c, e);
	}
	app_absence_plan_free(&plan);
	return r;
}
