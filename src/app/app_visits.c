/* Use cases of the institution visits: log, list per institution, delete, count per fiscal year (issue 18 §5; see app_visits.h). */
#include "app/app_visits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_operators.h"
#include "core/clock.h"
#include "domain/facility.h"
#include "store/store.h"
#include "store/store_audit.h"

/* The institution's municipality, after asking act on it (a read refused is "not found"). */
static enum zt_err inst_policy(struct store *st, const struct auth_ctx *auth, enum policy_action act, int64_t id,
			       char muni[7], struct zt_error *e)
{
	struct facility *f = calloc(1, sizeof *f);
	if (f == NULL)
		abort();
	enum zt_err r = store_facility_get(st, id, f, e);
	if (r == ZT_OK) {
		memcpy(muni, f->municipality_code, 7);
		struct policy_object p = {.municipality = muni, .institution_id = id};
		if (auth)
			r = policy_check(st, auth, act, &p, e);
		if (r == ZT_ERR_FORBIDDEN && act == ACT_PROGRAMME_READ)
			r = ZT_ERR_NOTFOUND;
	}
	free(f);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "機関が見つかりません。");
	return r;
}

static json_t *visit_audit(const struct institution_visit *v)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "institution_id", (json_int_t)v->institution_id, "operator_id",
			 (json_int_t)v->operator_id, "visited_on", v->visited_on, "visitor", v->visitor, "learnt", v->learnt,
			 "follow_up", v->follow_up);
}

struct visit_tx {
	struct institution_visit *v;
	bool del;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err visit_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct visit_tx *c = ctx;
	enum zt_err r = c->del ? store_visit_delete(st, c->v->id, e) : store_visit_insert(st, c->v, e);
	if (r == ZT_OK) {
		json_t *j = visit_audit(c->v);
		r = audit_append(st, c->who, c->del ? "delete" : "create", "institution_visit", c->v->id, c->muni,
				 c->del ? j : NULL, c->del ? NULL : j, e);
		json_decref(j);
	}
	return r;
}

enum zt_err app_visit_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     struct institution_visit *v, struct zt_error *e)
{
	if (!programme_date_ok(v->visited_on))
		return zt_fail(e, ZT_ERR_INVALID, "visited_on", "訪問日を YYYY-MM-DD で入力してください。");
	if (v->visitor[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "visitor", "訪問者を入力してください。");
	char muni[7];
	enum zt_err r = inst_policy(st, auth, ACT_PROGRAMME_READ, v->institution_id, muni, e);
	if (r == ZT_OK && auth)
		r = inst_policy(st, auth, ACT_PROGRAMME_WRITE, v->institution_id, muni, e);
	if (r == ZT_OK && v->operator_id > 0) {
		struct operator_row op;
		r = app_operator_policy(st, auth, ACT_PROGRAMME_WRITE, v->operator_id, &op, e);
		if (r == ZT_ERR_NOTFOUND)
			r = zt_fail(e, ZT_ERR_INVALID, "operator_id", "事業者（ID %lld）が見つかりません。", (long long)v->operator_id);
	}
	if (r != ZT_OK)
		return r;
	struct visit_tx c = {v, false, muni, who};
	return store_tx(st, visit_fn, &c, e);
}

enum zt_err app_visit_list(struct store *st, const struct auth_ctx *auth, int64_t institution_id,
			   struct institution_visit **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	char muni[7];
	enum zt_err r = inst_policy(st, auth, ACT_PROGRAMME_READ, institution_id, muni, e);
	return r == ZT_OK ? store_visit_list(st, institution_id, 0, "", "", out, n, e) : r;
}

enum zt_err app_visit_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     struct zt_error *e)
{
	struct institution_visit v;
	char muni[7];
	enum zt_err r = store_visit_get(st, id, &v, e);
	if (r == ZT_OK)
		r = inst_policy(st, auth, ACT_PROGRAMME_READ, v.institution_id, muni, e);
	if (r == ZT_OK && auth)
		r = inst_policy(st, auth, ACT_PROGRAMME_WRITE, v.institution_id, muni, e);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "訪問記録が見つかりません。");
	if (r != ZT_OK)
		return r;
	struct visit_tx c = {&v, true, muni, who};
	return store_tx(st, visit_fn, &c, e);
}

enum zt_err app_visit_year(struct store *st, const struct auth_ctx *auth, int64_t operator_id, int fy,
			   struct institution_visit **out, size_t *n, int *visits, int *institutions, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	*visits = *institutions = 0;
	struct operator_row op;
	enum zt_err r = app_operator_policy(st, auth, ACT_PROGRAMME_READ, operator_id, &op, e);
	if (r != ZT_OK)
		return r;
	int y = fy == 0 ? zt_fiscal_year() : fy;
	y = y < 2000 ? 2000 : y > 2100 ? 2100 : y;
	char from[11], to[11];
	snprintf(from, sizeof from, "%04d-04-01", y);
	snprintf(to, sizeof to, "%04d-03-31", y + 1);
	r = store_visit_count(st, operator_id, from, to, visits, institutions, e);
	return r == ZT_OK ? store_visit_list(st, 0, operator_id, from, to, out, n, e) : r;
}
