/* Use cases of the awards 顕彰: nominate, decide, list, the public list (issue 18 §6, seed 004; see app_awards.h). */
#include "app/app_awards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_operators.h"
#include "domain/facility.h"
#include "store/store.h"
#include "store/store_audit.h"

static json_t *award_audit(const struct award *a)
{
	return json_pack("{s:I, s:i, s:s, s:s, s:s, s:s}", "institution_id", (json_int_t)a->institution_id, "fiscal_year",
			 a->fiscal_year, "reason", a->reason, "status",
			 a->status >= 0 && a->status < AWARD__MAX ? award_statuses[a->status].code : "", "decided_on",
			 a->decided_on, "decision_note", a->decision_note);
}

struct award_tx {
	struct award *a;
	bool decide;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err award_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct award_tx *c = ctx;
	enum zt_err r = c->decide ? store_award_decide(st, c->a, e) : store_award_insert(st, c->a, e);
	if (r == ZT_OK) {
		json_t *j = award_audit(c->a);
		r = audit_append(st, c->who, c->decide ? "decide" : "nominate", "award", c->a->id, c->muni, NULL, j, e);
		json_decref(j);
	}
	return r;
}

enum zt_err app_award_nominate(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       struct award *a, struct zt_error *e)
{
	if (a->reason[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "reason", "推薦理由を入力してください。");
	if (a->fiscal_year < 2000 || a->fiscal_year > 2100)
		return zt_fail(e, ZT_ERR_INVALID, "fiscal_year", "年度は2000〜2100年度で指定してください。");
	struct facility *f = calloc(1, sizeof *f);
	if (f == NULL)
		abort();
	enum zt_err r = store_facility_get(st, a->institution_id, f, NULL);
	if (r == ZT_ERR_NOTFOUND)
		r = zt_fail(e, ZT_ERR_INVALID, "institution_id", "機関（ID %lld）が登録されていません。", (long long)a->institution_id);
	else if (r != ZT_OK)
		r = zt_fail(e, r, "institution_id", "機関を確認できませんでした。");
	char muni[7] = "";
	if (r == ZT_OK) {
		memcpy(muni, f->municipality_code, 7);
		struct policy_object p = {.municipality = muni, .institution_id = a->institution_id};
		if (auth)
			r = policy_check(st, auth, ACT_PROGRAMME_WRITE, &p, e);
	}
	free(f);
	if (r == ZT_OK && a->operator_id > 0) {
		struct operator_row op;
		r = app_operator_policy(st, auth, ACT_PROGRAMME_WRITE, a->operator_id, &op, e);
		if (r == ZT_ERR_NOTFOUND)
			r = zt_fail(e, ZT_ERR_INVALID, "operator_id", "事業者（ID %lld）が見つかりません。", (long long)a->operator_id);
	}
	if (r != ZT_OK)
		return r;
	a->status = AWARD_NOMINATED;
	snprintf(a->nominated_by, sizeof a->nominated_by, "%s", who && who->username ? who->username : "system");
	struct award_tx c = {a, false, muni, who};
	return store_tx(st, award_fn, &c, e);
}

enum zt_err app_award_decide(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     struct award *a, struct zt_error *e)
{
	if (a->status != AWARD_AWARDED && a->status != AWARD_DECLINED)
		return zt_fail(e, ZT_ERR_INVALID, "status", "決定は awarded（顕彰）か declined（見送り）です。");
	if (!programme_date_ok(a->decided_on))
		return zt_fail(e, ZT_ERR_INVALID, "decided_on", "決定日を YYYY-MM-DD で入力してください。");
	struct award cur;
	enum zt_err r = store_award_get(st, a->id, &cur, e);
	struct policy_object p = {.municipality = cur.municipality, .institution_id = cur.institution_id};
	if (r == ZT_OK && auth && policy_check(st, auth, ACT_PROGRAMME_READ, &p, NULL) != ZT_OK)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "id", "推薦が見つかりません。");
	if (r == ZT_OK && auth)
		r = policy_check(st, auth, ACT_PUBLISH, &p, e);
	if (r != ZT_OK)
		return r;
	cur.status = a->status;
	memcpy(cur.decided_on, a->decided_on, sizeof cur.decided_on);
	memcpy(cur.decision_note, a->decision_note, sizeof cur.decision_note);
	*a = cur;
	struct award_tx c = {a, true, cur.municipality, who};
	return store_tx(st, award_fn, &c, e);
}

/* Loads nomination id for a change by auth: hidden (not found) outside its read scope, then
 * programme_write on its institution. */
static enum zt_err load_for_change(struct store *st, const struct auth_ctx *auth, int64_t id, struct award *cur,
				   struct zt_error *e)
{
	enum zt_err r = store_award_get(st, id, cur, e);
	struct policy_object p = {.municipality = cur->municipality, .institution_id = cur->institution_id};
	if (r == ZT_OK && auth && policy_check(st, auth, ACT_PROGRAMME_READ, &p, NULL) != ZT_OK)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "id", "推薦が見つかりません。");
	if (r == ZT_OK && auth)
		r = policy_check(st, auth, ACT_PROGRAMME_WRITE, &p, e);
	if (r == ZT_OK && cur->status != AWARD_NOMINATED)
		r = zt_fail(e, ZT_ERR_CONFLICT, "status", "決定済みの推薦は変更・取り下げできません。");
	return r;
}

struct award_change_tx {
	struct award *before, *after; /* after NULL: withdraw */
	const struct zt_actor *who;
};

static enum zt_err award_change_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct award_change_tx *c = ctx;
	enum zt_err r = c->after ? store_award_edit(st, c->after, e) : store_award_delete(st, c->before->id, e);
	if (r == ZT_OK) {
		json_t *b = award_audit(c->before), *a = c->after ? award_audit(c->after) : NULL;
		r = audit_append(st, c->who, c->after ? "update" : "withdraw", "award", c->before->id, c->before->municipality, b,
				 a, e);
		json_decref(b);
		json_decref(a);
	}
	return r;
}

enum zt_err app_award_edit(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			   const char *title, const char *reason, struct award *out, struct zt_error *e)
{
	if (reason == NULL || reason[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "reason", "推薦理由を入力してください。");
	struct award cur;
	enum zt_err r = load_for_change(st, auth, id, &cur, e);
	if (r != ZT_OK)
		return r;
	*out = cur;
	snprintf(out->title, sizeof out->title, "%s", title ? title : "");
	snprintf(out->reason, sizeof out->reason, "%s", reason);
	struct award_change_tx c = {&cur, out, who};
	return store_tx(st, award_change_fn, &c, e);
}

enum zt_err app_award_withdraw(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			       struct zt_error *e)
{
	struct award cur;
	enum zt_err r = load_for_change(st, auth, id, &cur, e);
	if (r != ZT_OK)
		return r;
	struct award_change_tx c = {&cur, NULL, who};
	return store_tx(st, award_change_fn, &c, e);
}

enum zt_err app_award_list(struct store *st, const struct auth_ctx *auth, int fy, struct award **out, size_t *n,
			   struct zt_error *e)
{
	enum zt_err r = store_award_list(st, fy, -1, out, n, e);
	if (r != ZT_OK || auth == NULL)
		return r;
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		struct policy_object p = {.municipality = (*out)[i].municipality, .institution_id = (*out)[i].institution_id};
		if (policy_check(st, auth, ACT_PROGRAMME_READ, &p, NULL) == ZT_OK)
			(*out)[k++] = (*out)[i];
	}
	*n = k;
	return ZT_OK;
}

enum zt_err app_award_public(struct store *st, int fy, struct award **out, size_t *n, struct zt_error *e)
{
	return store_award_list(st, fy, AWARD_AWARDED, out, n, e);
}
