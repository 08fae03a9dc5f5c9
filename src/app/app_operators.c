/* Use cases of the programme operators 事業者: create, list, get, and the policy every programme use case asks (issue 18; see app_operators.h). */
#include "app/app_operators.h"

#include <stdlib.h>
#include <string.h>

#include "domain/facility.h"
#include "store/store.h"
#include "store/store_audit.h"

struct policy_object app_operator_object(const struct operator_row *o)
{
	struct policy_object p = {.municipality = o->scope_municipality,
				  .prefecture = o->d.prefecture,
				  .association_id = o->d.association_id};
	return p;
}

enum zt_err app_operator_policy(struct store *st, const struct auth_ctx *auth, enum policy_action act, int64_t id,
				struct operator_row *out, struct zt_error *e)
{
	enum zt_err r = store_operator_get(st, id, out, e);
	if (r != ZT_OK || auth == NULL)
		return r;
	struct policy_object p = app_operator_object(out);
	r = policy_check(st, auth, act, &p, e);
	if (r == ZT_ERR_FORBIDDEN && act == ACT_PROGRAMME_READ)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "事業者が見つかりません。");
	return r;
}

static json_t *operator_audit_json(const struct operator_def *o)
{
	return json_pack("{s:s, s:s, s:s, s:I, s:s, s:I, s:i, s:i}", "name", o->name, "kind", operator_kinds[o->kind].code,
			 "prefecture", o->prefecture, "association_id", (json_int_t)o->association_id, "municipality",
			 o->municipality, "institution_id", (json_int_t)o->institution_id, "first_fiscal_year",
			 o->first_fiscal_year, "cap_units", o->cap_units);
}

struct create_tx {
	struct operator_def *o;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err create_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct create_tx *c = ctx;
	enum zt_err r = store_operator_insert(st, c->o, e);
	if (r == ZT_OK) {
		json_t *a = operator_audit_json(c->o);
		r = audit_append(st, c->who, "create", "operator", c->o->id, c->muni, NULL, a, e);
		json_decref(a);
	}
	return r;
}

/* The institution id as a registry entry (kind checked when want >= 0); its municipality to muni. */
static enum zt_err check_institution(struct store *st, int64_t id, int want, const char *field, char muni[7],
				     struct zt_error *e)
{
	struct facility *f = calloc(1, sizeof *f);
	if (f == NULL)
		abort();
	enum zt_err r = store_facility_get(st, id, f, NULL);
	if (r == ZT_ERR_NOTFOUND || (r == ZT_OK && want >= 0 && (int)f->kind != want))
		r = zt_fail(e, ZT_ERR_INVALID, field, want == KIND_MEDICAL_ASSOCIATION
							      ? "郡市医師会（ID %lld）が登録されていません。"
							      : "機関（ID %lld）が登録されていません。",
			    (long long)id);
	else if (r != ZT_OK)
		r = zt_fail(e, r, field, "機関を確認できませんでした。");
	if (r == ZT_OK && muni)
		memcpy(muni, f->municipality_code, 7);
	free(f);
	return r;
}

/* The checks of a new or edited operator beyond its own fields: the association is a 郡市医師会 of
 * its prefecture, the municipality exists, the institution exists, and auth may manage operators
 * there. The operator's scope municipality to muni. */
static enum zt_err operator_validate(struct store *st, const struct auth_ctx *auth, const struct operator_def *o,
				     char muni[7], struct zt_error *e)
{
	enum zt_err r = operator_check(o, e);
	if (r != ZT_OK)
		return r;
	muni[0] = '\0';
	if (o->association_id > 0) {
		r = check_institution(st, o->association_id, KIND_MEDICAL_ASSOCIATION, "association_id", muni, e);
		if (r != ZT_OK)
			return r;
		if (strncmp(muni, o->prefecture, 2) != 0)
			return zt_fail(e, ZT_ERR_INVALID, "association_id", "郡市医師会が事業者の都道府県にありません。");
	}
	if (o->institution_id > 0 && (r = check_institution(st, o->institution_id, -1, "institution_id", NULL, e)) != ZT_OK)
		return r;
	if (o->municipality[0]) {
		if (!store_municipality_exists(st, o->municipality))
			return zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村コード %s が見つかりません。", o->municipality);
		memcpy(muni, o->municipality, 7);
	}
	if (auth) {
		struct policy_object p = {.municipality = muni, .prefecture = o->prefecture, .association_id = o->association_id};
		if ((r = policy_check(st, auth, ACT_OPERATOR_MANAGE, &p, e)) != ZT_OK)
			return r;
	}
	return ZT_OK;
}

enum zt_err app_operator_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				struct operator_def *o, struct zt_error *e)
{
	char muni[7];
	if (o->cap_units == 0)
		o->cap_units = 1; /* one 区 / 箇所 unless said otherwise */
	enum zt_err r = operator_validate(st, auth, o, muni, e);
	if (r != ZT_OK)
		return r;
	struct create_tx c = {o, muni, who};
	return store_tx(st, create_fn, &c, e);
}

struct update_tx {
	const struct operator_def *o, *before;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err update_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct update_tx *c = ctx;
	enum zt_err r = store_operator_update(st, c->o, e);
	if (r == ZT_OK) {
		json_t *b = operator_audit_json(c->before), *a = operator_audit_json(c->o);
		r = audit_append(st, c->who, "update", "operator", c->o->id, c->muni, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return r;
}

enum zt_err app_operator_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				struct operator_def *o, struct zt_error *e)
{
	struct operator_row old;
	enum zt_err r = app_operator_policy(st, auth, ACT_OPERATOR_MANAGE, o->id, &old, e);
	if (r != ZT_OK)
		return r;
	/* the prefecture's own programme: its plans, subsidies and rule set belong to that prefecture */
	if (strcmp(o->prefecture, old.d.prefecture) != 0)
		return zt_fail(e, ZT_ERR_INVALID, "prefecture", "事業者の都道府県は変更できません（%s）。", old.d.prefecture);
	char muni[7];
	if (o->cap_units == 0)
		o->cap_units = 1;
	if ((r = operator_validate(st, auth, o, muni, e)) != ZT_OK)
		return r;
	struct update_tx c = {o, &old.d, muni, who};
	return store_tx(st, update_fn, &c, e);
}

enum zt_err app_operator_list(struct store *st, const struct auth_ctx *auth, const char *prefecture,
			      struct operator_row **out, size_t *n, struct zt_error *e)
{
	enum zt_err r = store_operator_list(st, prefecture, out, n, e);
	if (r != ZT_OK || auth == NULL)
		return r;
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		struct policy_object p = app_operator_object(&(*out)[i]);
		if (policy_check(st, auth, ACT_PROGRAMME_READ, &p, NULL) == ZT_OK)
			(*out)[k++] = (*out)[i];
	}
	*n = k;
	return ZT_OK;
}

enum zt_err app_operator_get(struct store *st, const struct auth_ctx *auth, int64_t id, struct operator_row *out,
			     struct zt_error *e)
{
	return app_operator_policy(st, auth, ACT_PROGRAMME_READ, id, out, e);
}
