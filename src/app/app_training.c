/* Use cases of 訪問診療導入研修 and its 認定証 (seed 002 別紙1 ②, seed 000 §3(3), issue 18 §2; see app_training.h). */
#include "app/app_training.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/policy.h"
#include "core/clock.h"
#include "domain/geo.h"
#include "io/training_json.h"
#include "store/store_audit.h"
#include "store/store_scope.h"
#include "store/store_training.h"

void app_training_view_free(struct training_view *v)
{
	if (v == NULL)
		return;
	free(v->advisors);
	free(v->trainees);
	free(v->certs);
	json_decref(v->invitations);
	json_decref(v->visits);
	json_decref(v->followups);
	memset(v, 0, sizeof *v);
}

static struct policy_object where(const struct training_programme *p)
{
	return (struct policy_object){.municipality = p->association_municipality, .association_id = p->association_id};
}

enum zt_err app_training_load(struct store *st, const struct auth_ctx *auth, int64_t id, int act,
			      struct training_programme *p, struct zt_error *e)
{
	enum zt_err r = store_training_get(st, id, p, e);
	if (r != ZT_OK)
		return r;
	struct policy_object o = where(p);
	return policy_check(st, auth, (enum policy_action)act, &o, e);
}

/* One audit row of programme p: action on "training" with after (taken). */
static enum zt_err audit(struct store *st, const struct zt_actor *who, const char *action,
			 const struct training_programme *p, json_t *after, struct zt_error *e)
{
	enum zt_err r = audit_append(st, who, action, "training", p->id, p->association_municipality, NULL, after, e);
	json_decref(after);
	return r;
}

enum zt_err app_training_list(struct store *st, const struct auth_ctx *auth, int fiscal_year,
			      struct training_programme **out, size_t *n, struct zt_error *e)
{
	struct training_programme *all = NULL;
	size_t na = 0;
	enum zt_err r = store_training_list(st, fiscal_year, &all, &na, e);
	*out = NULL;
	*n = 0;
	if (r != ZT_OK)
		return r;
	size_t k = 0;
	for (size_t i = 0; i < na; i++) {
		struct policy_object o = where(&all[i]);
		if (policy_check(st, auth, ACT_TRAINING_READ, &o, NULL) == ZT_OK)
			all[k++] = all[i];
	}
	*out = all;
	*n = k;
	return ZT_OK;
}

/* ---- create / update ---- */

struct prog_ctx {
	const struct zt_actor *who;
	struct training_programme *p;
	const char *action;
};

static enum zt_err create_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct prog_ctx *c = ctx;
	enum zt_err r = store_training_insert(st, c->p, e);
	if (r == ZT_OK)
		r = store_training_get(st, c->p->id, c->p, e);
	if (r == ZT_OK)
		r = audit(st, c->who, "create", c->p, training_programme_to_json(c->p), e);
	return r;
}

static enum zt_err check_programme(const struct training_programme *p, struct zt_error *e)
{
	char field[32], msg[256];
	if (training_check_programme(p->title, p->fiscal_year, p->max_km, field, sizeof field, msg, sizeof msg) != 0)
		return zt_fail(e, ZT_ERR_INVALID, field, "%s", msg);
	return ZT_OK;
}

enum zt_err app_training_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				struct training_programme *p, struct zt_error *e)
{
	if (p->association_id == 0)
		p->association_id = policy_default_group_base(auth);
	if (p->max_km == 0)
		p->max_km = TRAINING_MAX_KM_DEFAULT;
	if (p->fiscal_year == 0)
		p->fiscal_year = zt_fiscal_year();
	enum zt_err r = check_programme(p, e);
	if (r != ZT_OK)
		return r;
	if (p->association_id == 0)
		return zt_fail(e, ZT_ERR_INVALID, "association_id", "研修を実施する郡市医師会を選んでください。");
	struct facility *a = malloc(sizeof *a);
	if (a == NULL)
		abort();
	r = store_facility_get(st, p->association_id, a, e);
	if (r == ZT_ERR_NOTFOUND || (r == ZT_OK && a->kind != KIND_MEDICAL_ASSOCIATION))
		r = zt_fail(e, ZT_ERR_INVALID, "association_id", "郡市医師会の機関IDを指定してください。");
	if (r == ZT_OK) {
		struct policy_object o = {.municipality = a->municipality_code, .association_id = a->id};
		r = policy_check(st, auth, ACT_TRAINING_WRITE, &o, e);
	}
	free(a);
	if (r != ZT_OK)
		return r;
	struct prog_ctx c = {who, p, "create"};
	return store_tx(st, create_tx, &c, e);
}

static enum zt_err update_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct prog_ctx *c = ctx;
	enum zt_err r = store_training_update(st, c->p, e);
	if (r == ZT_OK)
		r = store_training_get(st, c->p->id, c->p, e);
	if (r == ZT_OK)
		r = audit(st, c->who, "update", c->p, training_programme_to_json(c->p), e);
	return r;
}

enum zt_err app_training_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				struct training_programme *in, struct zt_error *e)
{
	struct training_programme cur;
	enum zt_err r = app_training_load(st, auth, in->id, ACT_TRAINING_WRITE, &cur, e);
	if (r != ZT_OK)
		return r;
	if (in->fiscal_year != cur.fiscal_year || in->association_id != cur.association_id)
		return zt_fail(e, ZT_ERR_INVALID, in->fiscal_year != cur.fiscal_year ? "fiscal_year" : "association_id",
			       "年度と郡市医師会は研修の作成後には変更できません。");
	if ((r = check_programme(in, e)) != ZT_OK)
		return r;
	struct prog_ctx c = {who, in, "update"};
	return store_tx(st, update_tx, &c, e);
}

enum zt_err app_training_view(struct store *st, const struct auth_ctx *auth, int64_t id, struct training_view *v,
			      struct zt_error *e)
{
	memset(v, 0, sizeof *v);
	enum zt_err r = app_training_load(st, auth, id, ACT_TRAINING_READ, &v->p, e);
	if (r == ZT_OK)
		r = store_training_sessions(st, id, v->sessions, e);
	if (r == ZT_OK)
		r = store_training_advisors(st, id, &v->advisors, &v->nadvisors, e);
	if (r == ZT_OK)
		r = store_training_trainees(st, id, 0, &v->trainees, &v->ntrainees, e);
	if (r == ZT_OK) {
		v->certs = calloc(v->ntrainees ? v->ntrainees : 1, sizeof *v->certs);
		if (v->certs == NULL)
			abort();
		for (size_t i = 0; i < v->ntrainees && r == ZT_OK; i++) {
			enum zt_err c = store_training_cert_of(st, v->trainees[i].id, &v->certs[i]);
			if (c == ZT_ERR_NOTFOUND)
				memset(&v->certs[i], 0, sizeof v->certs[i]);
			else if (c != ZT_OK)
				r = zt_fail(e, c, "", "データベースの処理に失敗しました。");
		}
	}
	if (r == ZT_OK) {
		v->invitations = store_training_invitations_json(st, id);
		v->visits = store_training_visits_json(st, id);
		v->followups = store_training_followups_json(st, id);
		if (!v->invitations || !v->visits || !v->followups)
			r = zt_fail(e, ZT_ERR_DB, "", "データベースの処理に失敗しました。");
	}
	if (r != ZT_OK)
		app_training_view_free(v);
	return r;
}

/* ---- sessions, invitations, advisors ---- */

struct session_ctx {
	const struct zt_actor *who;
	const struct training_programme *p;
	enum training_step step;
	const struct training_session_row *row;
};

static enum zt_err session_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct session_ctx *c = ctx;
	enum zt_err r = store_training_session_put(st, c->p->id, c->step, c->row, e);
	if (r == ZT_OK)
		r = audit(st, c->who, "session", c->p,
			  json_pack("{s:s, s:s, s:s}", "step", training_steps[c->step].code, "held_on", c->row->held_on,
				    "place", c->row->place), e);
	return r;
}

enum zt_err app_training_session_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     int64_t id, const char *step, const struct training_session_row *row,
				     struct zt_error *e)
{
	struct training_programme p;
	enum zt_err r = app_training_load(st, auth, id, ACT_TRAINING_WRITE, &p, e);
	if (r != ZT_OK)
		return r;
	int s = code_lookup(training_steps, TS__MAX, step);
	if (s < 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "step",
			       "研修の段階は lecture1 / accompany / lecture2 / survey / followup のいずれかです。");
	char msg[256];
	if (training_check_date(row->held_on, true, p.fiscal_year, "held_on", msg, sizeof msg) != 0)
		return zt_fail(e, ZT_ERR_INVALID, "held_on", "%s", msg);
	struct session_ctx c = {who, &p, (enum training_step)s, row};
	return store_tx(st, session_tx, &c, e);
}

struct invite_ctx {
	const struct zt_actor *who;
	const struct training_programme *p;
	const int64_t *ids;
	int n;
	const char *source;
	int added;
};

static enum zt_err invite_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct invite_ctx *c = ctx;
	json_t *ids = json_array();
	c->added = 0;
	enum zt_err r = ZT_OK;
	for (int i = 0; i < c->n && r == ZT_OK; i++) {
		bool added = false;
		r = store_training_invite(st, c->p->id, c->ids[i], c->source, &added, e);
		if (added) {
			c->added++;
			json_array_append_new(ids, json_integer(c->ids[i]));
		}
	}
	if (r == ZT_OK && c->added)
		return audit(st, c->who, "invite", c->p, json_pack("{s:o, s:s}", "institution_ids", ids, "source", c->source), e);
	json_decref(ids);
	return r;
}

/* An institution of kind clinic / hospital (a 医科 doctor's workplace); in_district: inside the
 * programme's 郡市医師会. Fills f; ZT_ERR_INVALID naming field otherwise. */
static enum zt_err medical_institution(struct store *st, const struct training_programme *p, int64_t id,
				       bool in_district, const char *field, struct facility *f, struct zt_error *e)
{
	enum zt_err r = store_facility_get(st, id, f, NULL);
	if (r == ZT_ERR_NOTFOUND || (r == ZT_OK && f->kind != KIND_CLINIC && f->kind != KIND_HOSPITAL))
		return zt_fail(e, ZT_ERR_INVALID, field, "機関ID %lld は診療所・病院ではありません。", (long long)id);
	if (r != ZT_OK)
		return zt_fail(e, r, "", "データベースの処理に失敗しました。");
	if (in_district && !scope_association_covers(st, p->association_id, f->municipality_code))
		return zt_fail(e, ZT_ERR_INVALID, field, "%sは%sの地区にありません。", f->name, p->association_name);
	return ZT_OK;
}

enum zt_err app_training_invite(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
				const int64_t *ids, int n, const char *source, int *added, struct zt_error *e)
{
	*added = 0;
	struct training_programme p;
	enum zt_err r = app_training_load(st, auth, id, ACT_TRAINING_WRITE, &p, e);
	if (r != ZT_OK)
		return r;
	struct facility *f = malloc(sizeof *f);
	if (f == NULL)
		abort();
	for (int i = 0; i < n && r == ZT_OK; i++)
		r = medical_institution(st, &p, ids[i], true, "institution_ids", f, e);
	free(f);
	if (r != ZT_OK)
		return r;
	struct invite_ctx c = {who, &p, ids, n, source, 0};
	r = store_tx(st, invite_tx, &c, e);
	*added = c.added;
	return r;
}

struct advisor_ctx {
	const struct zt_actor *who;
	const struct training_programme *p;
	struct training_advisor_row *a;
};

static enum zt_err advisor_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct advisor_ctx *c = ctx;
	enum zt_err r = store_training_advisor_insert(st, c->p->id, c->a, e);
	if (r == ZT_OK)
		r = audit(st, c->who, "advisor_add", c->p, training_advisor_to_json(c->a), e);
	return r;
}

enum zt_err app_training_advisor_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     int64_t id, struct training_advisor_row *a, struct zt_error *e)
{
	struct training_programme p;
	enum zt_err r = app_training_load(st, auth, id, ACT_TRAINING_WRITE, &p, e);
	if (r != ZT_OK)
		return r;
	char field[32], msg[256];
	if (training_check_person(a->name, a->capacity, field, sizeof field, msg, sizeof msg) != 0)
		return zt_fail(e, ZT_ERR_INVALID, field, "%s", msg);
	struct facility *f = malloc(sizeof *f);
	if (f == NULL)
		abort();
	r = medical_institution(st, &p, a->institution_id, false, "institution_id", f, e);
	if (r == ZT_OK)
		snprintf(a->institution_name, sizeof a->institution_name, "%s", f->name);
	free(f);
	if (r != ZT_OK)
		return r;
	struct advisor_ctx c = {who, &p, a};
	return store_tx(st, advisor_tx, &c, e);
}

/* ---- trainees ---- */

/* Every wish names an advisor of the programme. */
static enum zt_err check_wishes(const int64_t wishes[TRAINING_WISHES_MAX], const struct training_advisor_row *adv,
				size_t na, struct zt_error *e)
{
	for (int k = 0; k < TRAINING_WISHES_MAX; k++) {
		if (wishes[k] == 0)
			continue;
		bool found = false;
		for (size_t j = 0; j < na; j++)
			found |= adv[j].id == wishes[k];
		if (!found)
			return zt_fail(e, ZT_ERR_INVALID, "wishes", "第%d希望（ID %lld）はこの研修のアドバイザー医師ではありません。",
				       k + 1, (long long)wishes[k]);
	}
	return ZT_OK;
}

struct trainee_ctx {
	const struct zt_actor *who;
	const struct training_programme *p;
	struct training_trainee_row *t;
	bool wishes_set, set_advisor;
	int64_t advisor_id;
	char reason[1024];
	double km;
};

static enum zt_err trainee_add_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct trainee_ctx *c = ctx;
	enum zt_err r = store_training_trainee_insert(st, c->p->id, c->t, e);
	if (r == ZT_OK)
		r = audit(st, c->who, "trainee_add", c->p, training_trainee_to_json(c->t, NULL), e);
	return r;
}

enum zt_err app_training_trainee_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     int64_t id, struct training_trainee_row *t, struct zt_error *e)
{
	struct training_programme p;
	enum zt_err r = app_training_load(st, auth, id, ACT_TRAINING_WRITE, &p, e);
	if (r != ZT_OK)
		return r;
	char field[32], msg[256];
	if (training_check_person(t->name, -1, field, sizeof field, msg, sizeof msg) != 0)
		return zt_fail(e, ZT_ERR_INVALID, field, "%s", msg);
	struct facility *f = malloc(sizeof *f);
	if (f == NULL)
		abort();
	r = medical_institution(st, &p, t->institution_id, true, "institution_id", f, e);
	if (r == ZT_OK) {
		snprintf(t->institution_name, sizeof t->institution_name, "%s", f->name);
		snprintf(t->municipality, sizeof t->municipality, "%s", f->municipality_code);
	}
	free(f);
	struct training_advisor_row *adv = NULL;
	size_t na = 0;
	if (r == ZT_OK)
		r = store_training_advisors(st, id, &adv, &na, e);
	if (r == ZT_OK)
		r = check_wishes(t->wishes, adv, na, e);
	free(adv);
	if (r != ZT_OK)
		return r;
	struct trainee_ctx c = {.who = who, .p = &p, .t = t};
	return store_tx(st, trainee_add_tx, &c, e);
}

static enum zt_err trainee_update_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct trainee_ctx *c = ctx;
	enum zt_err r = ZT_OK;
	if (c->wishes_set)
		r = store_training_trainee_wishes(st, c->t, e);
	if (r == ZT_OK && c->set_advisor)
		r = store_training_pair(st, c->t->id, c->advisor_id, c->reason, c->km, e);
	if (r == ZT_OK) {
		json_t *w = json_array();
		for (int k = 0; k < TRAINING_WISHES_MAX; k++)
			if (c->t->wishes[k])
				json_array_append_new(w, json_integer(c->t->wishes[k]));
		json_t *after = json_pack("{s:I, s:o}", "trainee_id", (json_int_t)c->t->id, "wishes", w);
		if (c->set_advisor) {
			json_object_set_new(after, "advisor_id", c->advisor_id ? json_integer(c->advisor_id) : json_null());
			json_object_set_new(after, "reason", json_string(c->reason));
		}
		r = audit(st, c->who, c->set_advisor ? "pair" : "trainee_update", c->p, after, e);
	}
	return r;
}

enum zt_err app_training_trainee_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
					int64_t id, int64_t tid, bool wishes_set, const int64_t wishes[TRAINING_WISHES_MAX],
					bool set_advisor, int64_t advisor_id, struct zt_error *e)
{
	struct training_programme p;
	enum zt_err r = app_training_load(st, auth, id, ACT_TRAINING_WRITE, &p, e);
	if (r != ZT_OK)
		return r;
	struct training_trainee_row *t = NULL;
	size_t nt = 0;
	struct training_advisor_row *adv = NULL;
	size_t na = 0;
	r = store_training_trainees(st, id, tid, &t, &nt, e);
	if (r == ZT_OK)
		r = store_training_advisors(st, id, &adv, &na, e);
	if (r == ZT_OK && wishes_set) {
		memcpy(t->wishes, wishes, sizeof t->wishes);
		r = check_wishes(t->wishes, adv, na, e);
	}
	struct trainee_ctx c = {.who = who, .p = &p, .t = t, .wishes_set = wishes_set, .set_advisor = set_advisor,
				.advisor_id = advisor_id, .km = -1};
	if (r == ZT_OK && set_advisor && advisor_id) {
		const struct training_advisor_row *a = NULL;
		for (size_t j = 0; j < na; j++)
			if (adv[j].id == advisor_id)
				a = &adv[j];
		if (a == NULL)
			r = zt_fail(e, ZT_ERR_INVALID, "advisor_id", "この研修のアドバイザー医師を選んでください。");
		else if (t->advisor_id != advisor_id && a->assigned >= a->capacity)
			r = zt_fail(e, ZT_ERR_CONFLICT, "advisor_id", "%sは受入人数（%d人）に達しています。", a->name, a->capacity);
		if (r == ZT_OK) {
			c.km = t->has_coord && a->has_coord ? geo_distance_km(t->lat, t->lon, a->lat, a->lon) : -1;
			int rank = 0;
			for (int k = 0; k < TRAINING_WISHES_MAX; k++)
				if (t->wishes[k] == advisor_id && rank == 0)
					rank = k + 1;
			char dist[64], wish[64];
			if (c.km >= 0)
				snprintf(dist, sizeof dist, "直線距離 %.1f km", c.km);
			else
				snprintf(dist, sizeof dist, "距離は座標が未登録のため不明");
			if (rank)
				snprintf(wish, sizeof wish, "第%d希望", rank);
			else
				snprintf(wish, sizeof wish, "希望外");
			snprintf(c.reason, sizeof c.reason, "コーディネータが指定しました（%s、%s）。", wish, dist);
		}
	}
	if (r == ZT_OK)
		r = store_tx(st, trainee_update_tx, &c, e);
	free(t);
	free(adv);
	return r;
}

/* ---- matching ---- */

struct match_ctx {
	const struct zt_actor *who;
	const struct training_programme *p;
	bool apply;
	struct training_pair *pairs;
	size_t n;
	bool certified;
};

/* Loads the unpaired trainees and the advisors with their room, runs training_match. */
static enum zt_err propose(struct store *st, struct match_ctx *c, struct zt_error *e)
{
	struct training_trainee_row *t = NULL;
	size_t nt = 0;
	struct training_advisor_row *adv = NULL;
	size_t na = 0;
	enum zt_err r = store_training_trainees(st, c->p->id, 0, &t, &nt, e);
	if (r == ZT_OK)
		r = store_training_advisors(st, c->p->id, &adv, &na, e);
	struct training_trainee *ti = calloc(nt ? nt : 1, sizeof *ti);
	struct training_advisor *ai = calloc(na ? na : 1, sizeof *ai);
	free(c->pairs);
	c->pairs = calloc(nt ? nt : 1, sizeof *c->pairs);
	c->n = 0;
	if (ti == NULL || ai == NULL || c->pairs == NULL)
		abort();
	int k = 0;
	for (size_t i = 0; r == ZT_OK && i < nt; i++) {
		if (t[i].advisor_id)
			continue;
		ti[k] = (struct training_trainee){.id = t[i].id, .has_coord = t[i].has_coord, .lat = t[i].lat, .lon = t[i].lon};
		memcpy(ti[k].wishes, t[i].wishes, sizeof ti[k].wishes);
		k++;
	}
	for (size_t j = 0; r == ZT_OK && j < na; j++) {
		ai[j] = (struct training_advisor){.id = adv[j].id, .has_coord = adv[j].has_coord, .lat = adv[j].lat,
						  .lon = adv[j].lon, .capacity = adv[j].capacity,
						  .capacity_left = adv[j].capacity - adv[j].assigned};
		snprintf(ai[j].name, sizeof ai[j].name, "%s医師（%s）", adv[j].name, adv[j].institution_name);
	}
	if (r == ZT_OK && training_match(ti, k, ai, (int)na, c->p->max_km, c->pairs, &c->certified) != 0)
		r = zt_fail(e, ZT_ERR_NOMEM, "", "割当を計算できませんでした（メモリ不足）。");
	if (r == ZT_OK)
		c->n = (size_t)k;
	free(t);
	free(adv);
	free(ti);
	free(ai);
	return r;
}

static enum zt_err match_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct match_ctx *c = ctx;
	enum zt_err r = propose(st, c, e); /* again inside the transaction: what is stored is what was computed */
	json_t *pairs = json_array();
	for (size_t i = 0; r == ZT_OK && i < c->n; i++) {
		if (c->pairs[i].advisor_id == 0)
			continue;
		r = store_training_pair(st, c->pairs[i].trainee_id, c->pairs[i].advisor_id, c->pairs[i].why,
					c->pairs[i].distance_km, e);
		json_array_append_new(pairs, training_pair_to_json(&c->pairs[i]));
	}
	if (r == ZT_OK)
		return audit(st, c->who, "match", c->p, json_pack("{s:o, s:b}", "pairs", pairs, "certified", c->certified), e);
	json_decref(pairs);
	return r;
}

enum zt_err app_training_match(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			       bool apply, struct training_pair **pairs, size_t *n, bool *certified, struct zt_error *e)
{
	*pairs = NULL;
	*n = 0;
	*certified = false;
	struct training_programme p;
	enum zt_err r = app_training_load(st, auth, id, apply ? ACT_TRAINING_WRITE : ACT_TRAINING_READ, &p, e);
	if (r != ZT_OK)
		return r;
	struct match_ctx c = {.who = who, .p = &p, .apply = apply};
	r = apply ? store_tx(st, match_tx, &c, e) : propose(st, &c, e);
	if (r != ZT_OK) {
		free(c.pairs);
		return r;
	}
	*pairs = c.pairs;
	*n = c.n;
	*certified = c.certified;
	return ZT_OK;
}

/* ---- attendance, visits, follow-up ---- */

struct att_ctx {
	const struct zt_actor *who;
	const struct training_programme *p;
	int64_t tid;
	enum training_step step;
	bool attended;
};

static enum zt_err attendance_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct att_ctx *c = ctx;
	enum zt_err r = store_training_attendance_put(st, c->tid, c->step, c->attended, e);
	json_t *after = json_pack("{s:I, s:s, s:b}", "trainee_id", (json_int_t)c->tid, "step", training_steps[c->step].code,
				  "attended", c->attended);
	if (r == ZT_OK && !c->attended) {
		/* a 認定証 resting on a part now unmarked lapses with the reason */
		struct training_trainee_row *t = NULL;
		size_t n = 0;
		char why[768];
		r = store_training_trainees(st, c->p->id, c->tid, &t, &n, e);
		if (r == ZT_OK && !training_complete(&t->progress, why, sizeof why)) {
			struct training_cert cert;
			if (store_training_cert_of(st, c->tid, &cert) == ZT_OK) {
				char reason[900];
				snprintf(reason, sizeof reason, "修了要件を満たさなくなりました（%s）", why);
				r = store_training_cert_revoke(st, c->tid, reason, e);
				json_object_set_new(after, "revoked", json_string(cert.number));
			}
		}
		free(t);
	}
	if (r == ZT_OK)
		return audit(st, c->who, "attendance", c->p, after, e);
	json_decref(after);
	return r;
}

/* Loads programme id for writing and checks that trainee tid belongs to it (*t when t not NULL). */
static enum zt_err load_trainee(struct store *st, const struct auth_ctx *auth, int64_t id, int64_t tid,
				struct training_programme *p, struct training_trainee_row **t, struct zt_error *e)
{
	enum zt_err r = app_training_load(st, auth, id, ACT_TRAINING_WRITE, p, e);
	struct training_trainee_row *rows = NULL;
	size_t n = 0;
	if (r == ZT_OK)
		r = store_training_trainees(st, id, tid, &rows, &n, e);
	if (r == ZT_OK && t)
		*t = rows;
	else
		free(rows);
	return r;
}

enum zt_err app_training_attendance(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, int64_t tid, const char *step, bool attended, struct zt_error *e)
{
	struct training_programme p;
	enum zt_err r = load_trainee(st, auth, id, tid, &p, NULL, e);
	if (r != ZT_OK)
		return r;
	int s = code_lookup(training_steps, TS__MAX, step);
	if (s < 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "step", "出欠を記録する段階は lecture1 / lecture2 / survey / followup のいずれかです。");
	if (s == TS_ACCOMPANY)
		return zt_fail(e, ZT_ERR_INVALID, "step", "同行訪問は出欠ではなく、訪問ごとに記録してください（visits）。");
	struct att_ctx c = {who, &p, tid, (enum training_step)s, attended};
	return store_tx(st, attendance_tx, &c, e);
}

struct visit_ctx {
	const struct zt_actor *who;
	const struct training_programme *p;
	int64_t tid, advisor_id, id;
	const char *date, *note;
};

static enum zt_err visit_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct visit_ctx *c = ctx;
	enum zt_err r = store_training_visit_insert(st, c->tid, c->advisor_id, c->date, c->note, &c->id, e);
	if (r == ZT_OK)
		r = audit(st, c->who, "visit", c->p,
			  json_pack("{s:I, s:I, s:I, s:s}", "visit_id", (json_int_t)c->id, "trainee_id", (json_int_t)c->tid,
				    "advisor_id", (json_int_t)c->advisor_id, "visited_on", c->date), e);
	return r;
}

enum zt_err app_training_visit_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				   int64_t id, int64_t tid, const char *date, int64_t advisor_id, const char *note,
				   int64_t *visit_id, struct zt_error *e)
{
	struct training_programme p;
	struct training_trainee_row *t = NULL;
	enum zt_err r = load_trainee(st, auth, id, tid, &p, &t, e);
	if (r != ZT_OK)
		return r;
	char msg[256];
	if (advisor_id == 0)
		advisor_id = t->advisor_id;
	free(t);
	if (training_check_date(date, false, p.fiscal_year, "visited_on", msg, sizeof msg) != 0)
		return zt_fail(e, ZT_ERR_INVALID, "visited_on", "%s", msg);
	if (advisor_id == 0)
		return zt_fail(e, ZT_ERR_INVALID, "advisor_id", "アドバイザー医師が決まっていません。先に割り当ててください。");
	struct training_advisor_row *adv = NULL;
	size_t na = 0;
	bool found = false;
	if ((r = store_training_advisors(st, id, &adv, &na, e)) != ZT_OK)
		return r;
	for (size_t j = 0; j < na; j++)
		found |= adv[j].id == advisor_id;
	free(adv);
	if (!found)
		return zt_fail(e, ZT_ERR_INVALID, "advisor_id", "この研修のアドバイザー医師を選んでください。");
	struct visit_ctx c = {who, &p, tid, advisor_id, 0, date, note};
	r = store_tx(st, visit_tx, &c, e);
	*visit_id = c.id;
	return r;
}

struct followup_ctx {
	const struct zt_actor *who;
	const struct training_programme *p;
	int64_t tid, id;
	const char *date, *note;
	int started, filed;
};

static json_t *tri_json(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

static enum zt_err followup_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct followup_ctx *c = ctx;
	enum zt_err r = store_training_followup_insert(st, c->tid, c->date, c->started, c->filed, c->note, &c->id, e);
	if (r == ZT_OK) {
		json_t *after = json_pack("{s:I, s:I, s:s}", "followup_id", (json_int_t)c->id, "trainee_id", (json_int_t)c->tid,
					  "noted_on", c->date);
		json_object_set_new(after, "started_visits", tri_json(c->started));
		json_object_set_new(after, "filed_zaishishin", tri_json(c->filed));
		r = audit(st, c->who, "followup", c->p, after, e);
	}
	return r;
}

enum zt_err app_training_followup_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				      int64_t id, int64_t tid, const char *date, int started, int filed, const char *note,
				      int64_t *note_id, struct zt_error *e)
{
	struct training_programme p;
	enum zt_err r = load_trainee(st, auth, id, tid, &p, NULL, e);
	if (r != ZT_OK)
		return r;
	char msg[256];
	if (training_check_date(date, false, p.fiscal_year, "noted_on", msg, sizeof msg) != 0)
		return zt_fail(e, ZT_ERR_INVALID, "noted_on", "%s", msg);
	struct followup_ctx c = {who, &p, tid, 0, date, note, started, filed};
	r = store_tx(st, followup_tx, &c, e);
	*note_id = c.id;
	return r;
}

/* ---- 認定証 ---- */

struct cert_ctx {
	const struct zt_actor *who;
	const struct training_programme *p;
	int64_t tid;
	struct training_cert *out;
};

static enum zt_err cert_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct cert_ctx *c = ctx;
	struct training_trainee_row *t = NULL;
	size_t n = 0;
	char why[768];
	enum zt_err r = store_training_trainees(st, c->p->id, c->tid, &t, &n, e);
	if (r == ZT_OK && !training_complete(&t->progress, why, sizeof why))
		r = zt_fail(e, ZT_ERR_CONFLICT, "trainee_id", "修了要件を満たしていないため、認定証を交付できません。%s", why);
	if (r == ZT_OK && store_training_cert_of(st, c->tid, c->out) == ZT_OK)
		r = zt_fail(e, ZT_ERR_CONFLICT, "trainee_id", "この受講生には認定証（%s）を交付済みです。", c->out->number);
	if (r == ZT_OK)
		r = store_training_cert_issue(st, c->p, t, c->out, e);
	if (r == ZT_OK)
		r = audit(st, c->who, "certificate_issue", c->p,
			  json_pack("{s:I, s:s}", "trainee_id", (json_int_t)c->tid, "number", c->out->number), e);
	free(t);
	return r;
}

enum zt_err app_training_certificate_issue(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
					   int64_t id, int64_t tid, struct training_cert *out, struct zt_error *e)
{
	struct training_programme p;
	enum zt_err r = load_trainee(st, auth, id, tid, &p, NULL, e);
	if (r != ZT_OK)
		return r;
	struct cert_ctx c = {who, &p, tid, out};
	return store_tx(st, cert_tx, &c, e);
}

enum zt_err app_training_certificate(struct store *st, const struct auth_ctx *auth, int64_t id, int64_t tid,
				     struct training_cert *out, struct zt_error *e)
{
	struct training_programme p;
	enum zt_err r = app_training_load(st, auth, id, ACT_TRAINING_READ, &p, e);
	if (r != ZT_OK)
		return r;
	r = store_training_cert_of(st, tid, out);
	if (r == ZT_OK && out->programme_id != id)
		r = ZT_ERR_NOTFOUND;
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, r, "trainee_id", "この受講生に有効な認定証はありません。");
	return r == ZT_OK ? ZT_OK : zt_fail(e, r, "", "データベースの処理に失敗しました。");
}

bool app_training_cert_number(const char *number)
{
	return number != NULL && strncmp(number, "KS-", 3) == 0;
}

enum zt_err app_training_certificate_status(struct store *st, const char *number, struct training_cert *out,
					    struct zt_error *e)
{
	if (strlen(number) >= sizeof out->number)
		return zt_fail(e, ZT_ERR_NOTFOUND, "number", "この番号の認定証はありません。");
	enum zt_err r = store_training_cert_get(st, number, out);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, r, "number", "この番号の認定証はありません。");
	return r == ZT_OK ? ZT_OK : zt_fail(e, r, "", "データベースの処理に失敗しました。");
}
