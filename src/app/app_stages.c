/* Use cases of the clinic development stages A–D: derive, override with reason, history, plan, district counts per year (issue 18 §3; see app_stages.h). */
#include "app/app_stages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_surveys.h"
#include "auth/policy.h"
#include "core/clock.h"
#include "domain/facility.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_surveys.h"

/*
 * The clinic's own answers to the district survey (issue 18 §1, seed 002 STEP1 clinic questionnaire):
 * survey_visits ← question 1 訪問診療を行っていますか (はい 1 / いいえ 0), survey_deaths_last_year ←
 * question 4③ 昨年度の看取り患者数; -1 when the clinic never answered (the stage then rests on the
 * registry alone). The latest answer of any survey counts.
 */
static void survey_facts(const char *visits, const char *mitori, struct stage_facts *f)
{
	f->survey_visits = -1;
	f->survey_deaths_last_year = -1;
	if (visits)
		f->survey_visits = strcmp(visits, "yes") == 0 ? 1 : strcmp(visits, "no") == 0 ? 0 : -1;
	if (mitori && mitori[0]) {
		char *end = NULL;
		long n = strtol(mitori, &end, 10);
		if (*end == '\0' && n >= 0 && n <= 100000)
			f->survey_deaths_last_year = (int)n;
	}
}

/* The district's latest answers of both keys, fetched once for a list of clinics (not one query per
 * clinic and key). */
struct district_answers {
	struct survey_value *visits, *mitori;
	size_t nvisits, nmitori;
};

static void district_answers_load(struct store *st, struct district_answers *d)
{
	struct zt_error e;
	memset(d, 0, sizeof *d);
	zt_error_clear(&e);
	store_survey_latest_values(st, SURVEY_KEY_HOME_VISIT, &d->visits, &d->nvisits, &e);
	zt_error_clear(&e);
	store_survey_latest_values(st, SURVEY_KEY_MITORI, &d->mitori, &d->nmitori, &e);
}

static void district_answers_free(struct district_answers *d)
{
	free(d->visits);
	free(d->mitori);
}

static int by_institution(const void *key, const void *elem)
{
	int64_t a = *(const int64_t *)key, b = ((const struct survey_value *)elem)->institution_id;
	return (a > b) - (a < b);
}

static const char *answer_of(const struct survey_value *v, size_t n, int64_t id)
{
	const struct survey_value *x = n ? bsearch(&id, v, n, sizeof *v, by_institution) : NULL;
	return x ? x->value : NULL;
}

/* d: the district's answers when a list is being built; NULL asks for this clinic alone. */
static void view_of(struct store *st, const struct stage_clinic *c, const struct district_answers *d,
		    struct stage_view *v)
{
	v->c = *c;
	if (d)
		survey_facts(answer_of(d->visits, d->nvisits, c->id), answer_of(d->mitori, d->nmitori, c->id), &v->c.facts);
	else {
		struct survey_latest visits, mitori;
		struct zt_error e;
		zt_error_clear(&e);
		bool has_visits = app_survey_latest_answer(st, c->id, SURVEY_KEY_HOME_VISIT, &visits, &e) == ZT_OK;
		zt_error_clear(&e);
		bool has_mitori = app_survey_latest_answer(st, c->id, SURVEY_KEY_MITORI, &mitori, &e) == ZT_OK;
		survey_facts(has_visits ? visits.value : NULL, has_mitori ? mitori.value : NULL, &v->c.facts);
	}
	clinic_stage_derive(&v->c.facts, &v->derived);
	v->overridden = strcmp(c->last.source, "override") == 0;
	int s = v->overridden ? code_lookup(clinic_stages, STAGE__MAX, c->last.stage) : -1;
	v->current = s >= 0 ? s : (int)v->derived.stage;
}

enum zt_err app_stage_district(struct store *st, const struct auth_ctx *auth, enum policy_action act,
			       int64_t association_id, int64_t *out, struct zt_error *e)
{
	*out = association_id;
	if (*out <= 0 && auth && auth->nassociations > 0)
		*out = auth->associations[0];
	if (*out <= 0)
		return zt_fail(e, ZT_ERR_INVALID, "association_id", "郡市医師会を指定してください。");
	struct facility *f = calloc(1, sizeof *f);
	if (f == NULL)
		abort();
	enum zt_err r = store_facility_get(st, *out, f, NULL);
	if (r == ZT_OK && f->kind != KIND_MEDICAL_ASSOCIATION)
		r = ZT_ERR_NOTFOUND;
	if (r == ZT_ERR_NOTFOUND)
		r = zt_fail(e, ZT_ERR_INVALID, "association_id", "郡市医師会（ID %lld）が登録されていません。", (long long)*out);
	else if (r != ZT_OK)
		r = zt_fail(e, r, "association_id", "郡市医師会を確認できませんでした。");
	if (r == ZT_OK && auth) {
		struct policy_object p = {.municipality = f->municipality_code, .association_id = *out};
		r = policy_check(st, auth, act, &p, e);
	}
	free(f);
	return r;
}

enum zt_err app_stage_list(struct store *st, const struct auth_ctx *auth, int64_t association_id,
			   struct stage_view **views, size_t *nviews, struct stage_year **years, size_t *nyears,
			   struct zt_error *e)
{
	*views = NULL;
	*years = NULL;
	*nviews = *nyears = 0;
	int64_t assoc;
	enum zt_err r = app_stage_district(st, auth, ACT_PROGRAMME_READ, association_id, &assoc, e);
	if (r != ZT_OK)
		return r;
	struct stage_clinic *cl = NULL;
	size_t n = 0;
	struct stage_record *hist = NULL;
	size_t nh = 0;
	r = store_stage_clinics(st, assoc, 0, &cl, &n, e);
	if (r == ZT_OK)
		r = store_stage_history(st, assoc, 0, &hist, &nh, e);
	if (r != ZT_OK) {
		free(cl);
		return r;
	}
	*views = calloc(n ? n : 1, sizeof **views);
	if (*views == NULL)
		abort();
	struct district_answers answers;
	district_answers_load(st, &answers);
	for (size_t i = 0; i < n; i++)
		view_of(st, &cl[i], &answers, &(*views)[i]);
	district_answers_free(&answers);
	*nviews = n;
	/* year on year: from the first recorded fiscal year (at most 10 back) to this one */
	int now = zt_fiscal_year(), first = now;
	for (size_t i = 0; i < nh; i++) {
		int fy = programme_fiscal_year(hist[i].set_on);
		if (fy && fy < first)
			first = fy;
	}
	if (first < now - 10)
		first = now - 10;
	*nyears = (size_t)(now - first + 1);
	*years = calloc(*nyears, sizeof **years);
	if (*years == NULL)
		abort();
	for (int fy = first; fy <= now; fy++) {
		struct stage_year *y = &(*years)[fy - first];
		y->fiscal_year = fy;
		char end[24];
		snprintf(end, sizeof end, "%04d-03-31", fy + 1);
		for (size_t i = 0; i < n; i++) {
			int s = -1;
			if (fy == now) {
				s = (*views)[i].current;
			} else {
				for (size_t k = 0; k < nh; k++) /* the last record on or before the year's end */
					if (hist[k].institution_id == cl[i].id && strcmp(hist[k].set_on, end) <= 0)
						s = code_lookup(clinic_stages, STAGE__MAX, hist[k].stage);
			}
			if (s >= 0)
				y->count[s]++;
			else
				y->unrecorded++;
		}
	}
	free(cl);
	free(hist);
	return ZT_OK;
}

/* Loads clinic id and asks act on it (its municipality); a read refused is "not found". */
static enum zt_err load_clinic(struct store *st, const struct auth_ctx *auth, enum policy_action act, int64_t id,
			       struct stage_view *v, struct zt_error *e)
{
	struct stage_clinic *cl = NULL;
	size_t n = 0;
	enum zt_err r = store_stage_clinics(st, 0, id, &cl, &n, e);
	if (r == ZT_OK && n == 0)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "id", "診療所が見つかりません。");
	if (r == ZT_OK) {
		view_of(st, &cl[0], NULL, v);
		if (auth) {
			struct policy_object p = {.municipality = cl[0].municipality, .institution_id = id};
			r = policy_check(st, auth, act, &p, e);
			if (r == ZT_ERR_FORBIDDEN && act == ACT_PROGRAMME_READ)
				r = zt_fail(e, ZT_ERR_NOTFOUND, "id", "診療所が見つかりません。");
		}
	}
	free(cl);
	return r;
}

enum zt_err app_stage_clinic(struct store *st, const struct auth_ctx *auth, int64_t id, struct stage_view *view,
			     struct stage_record **hist, size_t *nhist, struct zt_error *e)
{
	*hist = NULL;
	*nhist = 0;
	enum zt_err r = load_clinic(st, auth, ACT_PROGRAMME_READ, id, view, e);
	return r == ZT_OK ? store_stage_history(st, 0, id, hist, nhist, e) : r;
}

static json_t *record_json(const struct stage_record *r)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "stage", r->stage, "derived", r->derived, "source", r->source, "reason",
			 r->reason, "set_on", r->set_on);
}

struct rec_tx {
	struct stage_record *recs;
	const char **munis;
	size_t n;
	const char *action;
	const struct zt_actor *who;
};

static enum zt_err rec_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct rec_tx *c = ctx;
	enum zt_err r = ZT_OK;
	for (size_t i = 0; i < c->n && r == ZT_OK; i++) {
		r = store_stage_insert(st, &c->recs[i], e);
		if (r == ZT_OK) {
			json_t *a = record_json(&c->recs[i]);
			r = audit_append(st, c->who, c->action, "clinic_stage", c->recs[i].institution_id, c->munis[i], NULL, a, e);
			json_decref(a);
		}
	}
	return r;
}

static const char *who_name(const struct zt_actor *who)
{
	return who && who->username ? who->username : "system";
}

enum zt_err app_stage_snapshot(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       int64_t association_id, const char *set_on, int *recorded, struct zt_error *e)
{
	*recorded = 0;
	char today[11];
	zt_today_jst(today);
	if (set_on == NULL || set_on[0] == '\0')
		set_on = today;
	if (!programme_date_ok(set_on))
		return zt_fail(e, ZT_ERR_INVALID, "set_on", "日付を YYYY-MM-DD で指定してください。");
	int64_t assoc;
	enum zt_err r = app_stage_district(st, auth, ACT_PROGRAMME_WRITE, association_id, &assoc, e);
	struct stage_clinic *cl = NULL;
	size_t n = 0;
	if (r == ZT_OK)
		r = store_stage_clinics(st, assoc, 0, &cl, &n, e);
	if (r != ZT_OK)
		return r;
	struct stage_record *recs = calloc(n ? n : 1, sizeof *recs);
	const char **munis = calloc(n ? n : 1, sizeof *munis);
	if (recs == NULL || munis == NULL)
		abort();
	size_t k = 0;
	struct district_answers answers;
	district_answers_load(st, &answers);
	for (size_t i = 0; i < n; i++) {
		struct stage_view v;
		view_of(st, &cl[i], &answers, &v);
		const char *code = clinic_stages[v.derived.stage].code;
		if (v.overridden || (cl[i].last.id && strcmp(cl[i].last.stage, code) == 0))
			continue;
		struct stage_record *x = &recs[k];
		x->institution_id = cl[i].id;
		snprintf(x->stage, sizeof x->stage, "%s", code);
		snprintf(x->derived, sizeof x->derived, "%s", code);
		snprintf(x->source, sizeof x->source, "derived");
		snprintf(x->reason, sizeof x->reason, "%s", v.derived.basis);
		snprintf(x->set_on, sizeof x->set_on, "%s", set_on);
		snprintf(x->username, sizeof x->username, "%s", who_name(who));
		munis[k++] = cl[i].municipality;
	}
	district_answers_free(&answers);
	struct rec_tx c = {recs, munis, k, "derive", who};
	r = k ? store_tx(st, rec_fn, &c, e) : ZT_OK;
	if (r == ZT_OK)
		*recorded = (int)k;
	free(recs);
	free(munis);
	free(cl);
	return r;
}

enum zt_err app_stage_override(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			       int stage, const char *reason, const char *set_on, struct zt_error *e)
{
	if (stage < -1 || stage >= STAGE__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "stage", "段階は A〜D です。");
	if (reason == NULL || reason[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "reason", "段階を変更する理由を入力してください。");
	char today[11];
	zt_today_jst(today);
	if (set_on == NULL || set_on[0] == '\0')
		set_on = today;
	if (!programme_date_ok(set_on))
		return zt_fail(e, ZT_ERR_INVALID, "set_on", "日付を YYYY-MM-DD で指定してください。");
	struct stage_view v;
	enum zt_err r = load_clinic(st, auth, ACT_PROGRAMME_READ, id, &v, e);
	if (r == ZT_OK && auth)
		r = load_clinic(st, auth, ACT_PROGRAMME_WRITE, id, &v, e);
	if (r != ZT_OK)
		return r;
	struct stage_record x = {.institution_id = id};
	const char *derived = clinic_stages[v.derived.stage].code;
	snprintf(x.stage, sizeof x.stage, "%s", stage < 0 ? derived : clinic_stages[stage].code);
	snprintf(x.derived, sizeof x.derived, "%s", derived);
	snprintf(x.source, sizeof x.source, "%s", stage < 0 ? "derived" : "override");
	snprintf(x.reason, sizeof x.reason, "%s", reason);
	snprintf(x.set_on, sizeof x.set_on, "%s", set_on);
	snprintf(x.username, sizeof x.username, "%s", who_name(who));
	const char *muni = v.c.municipality;
	struct rec_tx c = {&x, &muni, 1, stage < 0 ? "reset" : "override", who};
	return store_tx(st, rec_fn, &c, e);
}

struct plan_tx {
	int64_t id;
	const char *next_step, *action, *due_on, *muni;
	const struct zt_actor *who;
};

static enum zt_err plan_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct plan_tx *c = ctx;
	enum zt_err r = store_clinic_plan_put(st, c->id, c->next_step, c->action, c->due_on, e);
	if (r == ZT_OK) {
		json_t *a = json_pack("{s:s, s:s, s:s}", "next_step", c->next_step, "action", c->action, "due_on", c->due_on);
		r = audit_append(st, c->who, "plan", "clinic_stage", c->id, c->muni, NULL, a, e);
		json_decref(a);
	}
	return r;
}

enum zt_err app_stage_plan(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			   const char *next_step, const char *action, const char *due_on, struct zt_error *e)
{
	if (due_on && due_on[0] && !programme_date_ok(due_on))
		return zt_fail(e, ZT_ERR_INVALID, "due_on", "期限を YYYY-MM-DD で入力してください。");
	struct stage_view v;
	enum zt_err r = load_clinic(st, auth, ACT_PROGRAMME_READ, id, &v, e);
	if (r == ZT_OK && auth)
		r = load_clinic(st, auth, ACT_PROGRAMME_WRITE, id, &v, e);
	if (r != ZT_OK)
		return r;
	struct plan_tx c = {id, next_step ? next_step : "", action ? action : "", due_on ? due_on : "", v.c.municipality, who};
	return store_tx(st, plan_fn, &c, e);
}
