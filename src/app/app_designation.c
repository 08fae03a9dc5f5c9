/* Designation, checklist and support-centre use cases (seed 001, seed 004; see app_designation.h):
 * rules from domain/designation.h, rows from store/store_designation.h, one transaction each. */
#include "app/app_designation.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/actor.h"
#include "core/clock.h"
#include "io/designation_json.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_designation.h"

static const char *by_name(const struct zt_actor *who)
{
	return who ? who->username : "system";
}

/* The designation as the audit trail keeps it into *out (and *d); ZT_OK, ZT_ERR_NOTFOUND or a
 * storage error. */
static enum zt_err designation_now(struct store *st, int64_t id, json_t **out, struct designation *d, struct zt_error *e)
{
	enum zt_err r = store_designation_get(st, id, d, e);
	*out = r == ZT_OK ? designation_to_json(d) : NULL;
	return r;
}

/* ---- designations ---- */

struct create_ctx {
	struct dw_designation *d;
	const struct zt_actor *who;
	char *warn;
};

static enum zt_err create_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct create_ctx *c = ctx;
	struct dw_designation *d = c->d;
	char pref[3] = {d->muni[0], d->muni[1], '\0'}, day[11];
	zt_today_jst(day);
	struct desig_world w;
	enum zt_err r = store_desig_world(st, pref, &w, e);
	if (r != ZT_OK)
		return r;
	int beds = 0;
	r = desig_classify_request(&w, day, d, &beds, e);
	if (r == ZT_OK && c->warn && d->role == DROLE_ACTIVE) {
		struct zt_error ignored;
		zt_error_clear(&ignored);
		desig_active_definition(dw_inst_find(&w, d->institution_id), c->warn, &ignored);
	}
	desig_world_free(&w);
	if (r == ZT_OK)
		r = store_designation_insert(st, d, by_name(c->who), e);
	for (size_t i = 0; i < obligations_count && r == ZT_OK; i++)
		if (obligation_applies(i, d->role, beds))
			r = store_designation_item_add(st, d->id, obligations[i].code, e);
	json_t *after = NULL;
	struct designation cur;
	if (r == ZT_OK)
		r = designation_now(st, d->id, &after, &cur, e);
	if (r == ZT_OK)
		r = audit_append(st, c->who, "create", "designation", d->id, d->muni, NULL, after, e);
	json_decref(after);
	return r;
}

enum zt_err app_designation_create(struct store *st, const struct zt_actor *who, struct dw_designation *d,
				   char *warn, struct zt_error *e)
{
	if (warn)
		warn[0] = '\0';
	struct create_ctx c = {d, who, warn};
	return store_tx(st, create_tx, &c, e);
}

/* ---- re-checks when the facts change (issue 13 item 8) ---- */

static enum zt_err checklist_now(struct store *st, int64_t id, json_t **out, struct zt_error *e);

struct recheck_ctx {
	const struct zt_actor *who;
	const int64_t *ids;
	size_t n, changed;
};

static bool recheck_wanted(const struct recheck_ctx *c, int64_t institution_id)
{
	if (c->ids == NULL)
		return true;
	for (size_t i = 0; i < c->n; i++)
		if (c->ids[i] == institution_id)
			return true;
	return false;
}

/* The checklist of an active designation follows the institution's beds (「入院機能を有する医療機関に
 * おいては、患者の病状が急変した際の受入れを行うこと」): items that apply only with beds are added when
 * it has beds, removed while untouched when it has none. One audit row when anything changed. */
static enum zt_err checklist_follow_beds(struct store *st, const struct recheck_ctx *c, const struct desig_world *w,
					 const struct dw_designation *d, struct zt_error *e)
{
	const struct desig_inst *in = dw_inst_find(w, d->institution_id);
	int beds = in ? in->beds : 0;
	struct oblig_row *rows;
	size_t n;
	enum zt_err r = store_checklist_rows(st, d->id, &rows, &n, e);
	if (r != ZT_OK)
		return r;
	json_t *before = checklist_to_json(rows, n, NULL);
	bool touched = false;
	for (size_t i = 0; i < obligations_count && r == ZT_OK; i++) {
		if (obligations[i].role != d->role || !obligations[i].beds_only)
			continue;
		bool present = false;
		for (size_t k = 0; k < n; k++)
			present |= strcmp(rows[k].code, obligations[i].code) == 0;
		bool applies = obligation_applies(i, d->role, beds);
		if (applies && !present) {
			r = store_designation_item_add(st, d->id, obligations[i].code, e);
			touched = true;
		} else if (!applies && present) {
			bool removed = false;
			r = store_designation_item_remove_untouched(st, d->id, obligations[i].code, &removed, e);
			touched |= removed;
		}
	}
	free(rows);
	json_t *after = NULL;
	if (r == ZT_OK && touched)
		r = checklist_now(st, d->id, &after, e);
	if (r == ZT_OK && touched)
		r = audit_append(st, c->who, "update", "designation_checklist", d->id, d->muni, before, after, e);
	json_decref(after);
	json_decref(before);
	return r;
}

static enum zt_err recheck_one(struct store *st, struct recheck_ctx *c, const struct desig_world *w,
			       const struct dw_designation *d, const char *day, struct zt_error *e)
{
	char why[256];
	bool unmet = desig_requirement_unmet(w, d, why, sizeof why);
	bool was = d->unmet_since[0] != '\0';
	enum zt_err r = ZT_OK;
	if (unmet != was || (unmet && strcmp(why, d->unmet_reason) != 0)) {
		json_t *before = NULL, *after = NULL;
		struct designation cur;
		r = designation_now(st, d->id, &before, &cur, e);
		if (r == ZT_OK)
			r = store_designation_set_unmet(st, d->id, unmet ? (was ? d->unmet_since : day) : NULL, why, e);
		if (r == ZT_OK)
			r = designation_now(st, d->id, &after, &cur, e);
		if (r == ZT_OK)
			r = audit_append(st, c->who, unmet ? "flag" : "unflag", "designation", d->id, d->muni, before, after, e);
		json_decref(after);
		json_decref(before);
		c->changed += unmet != was;
	}
	if (r == ZT_OK && d->role == DROLE_ACTIVE)
		r = checklist_follow_beds(st, c, w, d, e);
	return r;
}

static enum zt_err recheck_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct recheck_ctx *c = ctx;
	c->changed = 0;
	char(*prefs)[3];
	size_t np;
	enum zt_err r = store_designation_prefectures(st, c->ids, c->n, &prefs, &np, e);
	char day[11];
	zt_today_jst(day);
	for (size_t p = 0; p < np && r == ZT_OK; p++) {
		struct desig_world w;
		r = store_desig_world(st, prefs[p], &w, e);
		if (r != ZT_OK)
			break;
		for (size_t k = 0; k < w.ndesigs && r == ZT_OK; k++)
			if (recheck_wanted(c, w.desigs[k].institution_id))
				r = recheck_one(st, c, &w, &w.desigs[k], day, e);
		desig_world_free(&w);
	}
	free(prefs);
	return r;
}

enum zt_err app_designation_recheck(struct store *st, const struct zt_actor *who, const int64_t *ids, size_t n,
				    size_t *changed, struct zt_error *e)
{
	struct recheck_ctx c = {who, ids, n, 0};
	enum zt_err r = ids && n == 0 ? ZT_OK : store_tx(st, recheck_tx, &c, e);
	if (changed)
		*changed = c.changed;
	return r;
}

/* ---- 相談窓口 (拠点 ①) ---- */

struct desk_ctx {
	const char *muni;
	int64_t institution_id;
	const struct zt_actor *who;
};

static enum zt_err desk_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct desk_ctx *c = ctx;
	char pref[3] = {c->muni[0], c->muni[1], '\0'};
	struct desig_world w;
	enum zt_err r = store_desig_world(st, pref, &w, e);
	if (r != ZT_OK)
		return r;
	const struct desig_inst *in = c->institution_id ? dw_inst_find(&w, c->institution_id) : NULL;
	if (dw_muni_find(&w, c->muni) == NULL)
		r = zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村コード %s はこの都道府県の圏域・二次医療圏にありません。", c->muni);
	else if (c->institution_id && (in == NULL || in->foreign))
		r = zt_fail(e, ZT_ERR_INVALID, "institution_id", "指定された機関はこの都道府県に登録されていません。");
	else if (in && !desig_base_kind_allowed(in->kind))
		r = zt_fail(e, ZT_ERR_INVALID, "institution_id", "%s（%s）は連携を担う拠点になれない種別のため、相談窓口として登録できません。",
			    in->name, inst_kinds[in->kind].ja);
	desig_world_free(&w);
	int64_t old = 0;
	if (r == ZT_OK)
		r = store_desk_get(st, c->muni, &old, e);
	if (r == ZT_OK)
		r = store_desk_set(st, c->muni, c->institution_id, e);
	if (r == ZT_OK) {
		json_t *before = old ? json_pack("{s:s, s:I}", "municipality", c->muni, "institution_id", (json_int_t)old) : NULL;
		json_t *after = c->institution_id ? json_pack("{s:s, s:I}", "municipality", c->muni, "institution_id",
							      (json_int_t)c->institution_id)
						  : NULL;
		r = audit_append(st, c->who, "update", "consultation_desk", c->institution_id ? c->institution_id : old, c->muni,
				 before, after, e);
		json_decref(after);
		json_decref(before);
	}
	int64_t ids[2] = {old, c->institution_id};
	if (r == ZT_OK)
		r = app_designation_recheck(st, c->who, ids, 2, NULL, e);
	return r;
}

enum zt_err app_desk_set(struct store *st, const struct zt_actor *who, const char *muni, int64_t institution_id,
			 struct zt_error *e)
{
	struct desk_ctx c = {muni, institution_id, who};
	return store_tx(st, desk_tx, &c, e);
}

struct end_ctx {
	int64_t id;
	const char *reason;
	const struct zt_actor *who;
};

static enum zt_err end_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct end_ctx *c = ctx;
	json_t *before = NULL, *after = NULL;
	struct designation cur;
	enum zt_err r = designation_now(st, c->id, &before, &cur, e);
	if (r == ZT_OK && cur.valid_to[0] != '\0')
		r = zt_fail(e, ZT_ERR_CONFLICT, "id", "この位置付けは既に終了しています。");
	char day[11];
	zt_today_jst(day);
	if (r == ZT_OK)
		r = store_designation_set_end(st, c->id, day, by_name(c->who), c->reason, e);
	char muni[7];
	snprintf(muni, sizeof muni, "%s", cur.d.muni);
	if (r == ZT_OK)
		r = designation_now(st, c->id, &after, &cur, e);
	if (r == ZT_OK)
		r = audit_append(st, c->who, "end", "designation", c->id, muni, before, after, e);
	json_decref(after);
	json_decref(before);
	return r;
}

enum zt_err app_designation_end(struct store *st, const struct zt_actor *who, int64_t id, const char *reason,
				struct zt_error *e)
{
	struct end_ctx c = {id, reason, who};
	return store_tx(st, end_tx, &c, e);
}

/* ---- checklists ---- */

/* The checklist as the audit trail keeps it (plain rows) into *out; ZT_OK or a storage error. */
static enum zt_err checklist_now(struct store *st, int64_t id, json_t **out, struct zt_error *e)
{
	struct oblig_row *rows;
	size_t n;
	enum zt_err r = store_checklist_rows(st, id, &rows, &n, e);
	*out = r == ZT_OK ? checklist_to_json(rows, n, NULL) : NULL;
	free(rows);
	return r;
}

struct put_ctx {
	int64_t id;
	const struct oblig_item *items;
	size_t n;
	const struct zt_actor *who;
};

static enum zt_err put_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct put_ctx *c = ctx;
	char muni[7];
	enum zt_err r = store_designation_municipality(st, c->id, muni, e);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, r, "id", "指定された位置付けは見つかりません。");
	if (r != ZT_OK)
		return r;
	json_t *before, *after = NULL;
	r = checklist_now(st, c->id, &before, e);
	for (size_t i = 0; i < c->n && r == ZT_OK; i++) {
		r = store_checklist_item_set(st, c->id, &c->items[i]);
		if (r == ZT_ERR_INVALID)
			zt_fail(e, r, "items", "項目 %s はこの位置付けのチェックリストにありません（%zu番目）。",
				obligations[c->items[i].idx].code, i + 1);
		else if (r != ZT_OK) /* the row writer leaves e to its callers */
			zt_fail(e, r, "", "データベースの処理に失敗しました。");
	}
	if (r == ZT_OK)
		r = checklist_now(st, c->id, &after, e);
	if (r == ZT_OK)
		r = audit_append(st, c->who, "update", "designation_checklist", c->id, muni, before, after, e);
	json_decref(after);
	json_decref(before);
	return r;
}

enum zt_err app_checklist_put(struct store *st, const struct zt_actor *who, int64_t id, const struct oblig_item *items,
			      size_t n, struct zt_error *e)
{
	struct put_ctx c = {id, items, n, who};
	return store_tx(st, put_tx, &c, e);
}

/* ---- support centres ---- */

enum sc_action { SC_CREATE, SC_UPDATE, SC_END };

struct sc_ctx {
	int64_t medical_area_id, institution_id, id;
	enum sc_type type;
	const char *name;
	uint32_t items;
	const struct zt_actor *who;
	enum sc_action action;
	const int64_t *members; /* NULL: unchanged (update) / none (create) */
	size_t nmembers;
};

/* The new centre: its operator checked against the world of the 二次医療圏's prefecture. */
static enum zt_err sc_create(struct store *st, struct sc_ctx *c, struct zt_error *e)
{
	char pref[3];
	enum zt_err r = store_medical_area_prefecture(st, c->medical_area_id, pref, e);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, ZT_ERR_INVALID, "medical_area_id", "指定された二次医療圏は登録されていません。");
	if (r != ZT_OK)
		return r;
	struct desig_world w;
	r = store_desig_world(st, pref, &w, e);
	if (r != ZT_OK)
		return r;
	const struct desig_inst *op = dw_inst_find(&w, c->institution_id);
	r = sc_check_operator(c->type, op, e);
	/* seed 004: the centre works 「各圏域内」 — its operator lies in the 二次医療圏 */
	if (r == ZT_OK && !sc_operator_in_area(&w, c->medical_area_id, op))
		r = zt_fail(e, ZT_ERR_INVALID, "institution_id", "%s はこの二次医療圏の機関ではありません（運営機関は二次医療圏内の機関です）。",
			    op->name);
	if (r == ZT_OK)
		r = sc_check_members(&w, c->type, c->institution_id, c->members, c->nmembers, e);
	desig_world_free(&w);
	if (r != ZT_OK)
		return r;
	r = store_support_centre_put(st, c->medical_area_id, c->institution_id, c->type, c->name, c->items, &c->id);
	if (r != ZT_OK) /* the row writer leaves e to its callers */
		return zt_fail(e, r, "", "データベースの処理に失敗しました。");
	return store_support_centre_members_set(st, c->id, c->members, c->nmembers, e);
}

/* The new member group of centre cur, checked against the world of its prefecture. */
static enum zt_err sc_members(struct store *st, struct sc_ctx *c, const struct support_centre *cur, struct zt_error *e)
{
	char pref[3];
	enum zt_err r = store_medical_area_prefecture(st, cur->medical_area_id, pref, e);
	struct desig_world w;
	if (r == ZT_OK)
		r = store_desig_world(st, pref, &w, e);
	if (r != ZT_OK)
		return r;
	r = sc_check_members(&w, cur->type, cur->institution_id, c->members, c->nmembers, e);
	desig_world_free(&w);
	return r == ZT_OK ? store_support_centre_members_set(st, c->id, c->members, c->nmembers, e) : r;
}

/* The centre as the audit trail keeps it into *out; ZT_OK, ZT_ERR_NOTFOUND or a storage error. */
static enum zt_err centre_now(struct store *st, int64_t id, json_t **out, struct support_centre *c, struct zt_error *e)
{
	enum zt_err r = store_support_centre_get(st, id, c, e);
	*out = r == ZT_OK ? support_centre_to_json(c) : NULL;
	return r;
}

static enum zt_err sc_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct sc_ctx *c = ctx;
	json_t *before = NULL, *after = NULL;
	struct support_centre cur;
	enum zt_err r = ZT_OK;
	if (c->action == SC_CREATE) {
		r = sc_create(st, c, e);
	} else {
		r = centre_now(st, c->id, &before, &cur, e);
		if (r == ZT_OK && cur.valid_to[0] != '\0')
			r = zt_fail(e, ZT_ERR_CONFLICT, "id", "この在宅医療サポートセンターの指定は既に終了しています。");
		char day[11];
		zt_today_jst(day);
		if (r == ZT_OK && c->action == SC_END)
			r = store_support_centre_set_end(st, c->id, day, e);
		if (r == ZT_OK && c->action == SC_UPDATE && c->name)
			r = store_support_centre_set_name(st, c->id, c->name, e);
		if (r == ZT_OK && c->action == SC_UPDATE)
			r = store_support_centre_items_set(st, c->id, c->items, e);
		if (r == ZT_OK && c->action == SC_UPDATE && c->members)
			r = sc_members(st, c, &cur, e);
	}
	static const char *const actions[] = {"create", "update", "end"};
	if (r == ZT_OK)
		r = centre_now(st, c->id, &after, &cur, e);
	if (r == ZT_OK)
		r = audit_append(st, c->who, actions[c->action], "support_centre", c->id, NULL, before, after, e);
	json_decref(after);
	json_decref(before);
	return r;
}

enum zt_err app_support_centre_create(struct store *st, const struct zt_actor *who, int64_t medical_area_id,
				      int64_t institution_id, enum sc_type type, const char *name, uint32_t items,
				      const int64_t *members, size_t nmembers, int64_t *id, struct zt_error *e)
{
	struct sc_ctx c = {medical_area_id, institution_id, 0, type, name, items, who, SC_CREATE, members, nmembers};
	enum zt_err r = store_tx(st, sc_tx, &c, e);
	*id = c.id;
	return r;
}

enum zt_err app_support_centre_update(struct store *st, const struct zt_actor *who, int64_t id, const char *name,
				      uint32_t items, const int64_t *members, size_t nmembers, struct zt_error *e)
{
	struct sc_ctx c = {0, 0, id, SC_CORE, name, items, who, SC_UPDATE, members, nmembers};
	return store_tx(st, sc_tx, &c, e);
}

enum zt_err app_support_centre_end(struct store *st, const struct zt_actor *who, int64_t id, struct zt_error *e)
{
	struct sc_ctx c = {0, 0, id, SC_CORE, NULL, 0, who, SC_END, NULL, 0};
	return store_tx(st, sc_tx, &c, e);
}

struct quota_ctx {
	int64_t medical_area_id;
	int quota;
	const struct zt_actor *who;
};

static enum zt_err quota_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct quota_ctx *c = ctx;
	char pref[3];
	enum zt_err r = store_medical_area_prefecture(st, c->medical_area_id, pref, e);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, ZT_ERR_INVALID, "medical_area_id", "指定された二次医療圏は登録されていません。");
	if (r == ZT_OK)
		r = store_support_centre_quota_set(st, c->medical_area_id, c->quota, e);
	if (r == ZT_OK) {
		json_t *after = json_pack("{s:I, s:i}", "medical_area_id", (json_int_t)c->medical_area_id, "quota", c->quota);
		r = audit_append(st, c->who, "update", "support_centre_quota", c->medical_area_id, NULL, NULL, after, e);
		json_decref(after);
	}
	return r;
}

enum zt_err app_support_centre_quota(struct store *st, const struct zt_actor *who, int64_t medical_area_id, int quota,
				     struct zt_error *e)
{
	if (quota < 1 || quota > 20)
		return zt_fail(e, ZT_ERR_INVALID, "quota", "箇所数は1〜20で指定してください（原則1箇所）。");
	struct quota_ctx c = {medical_area_id, quota, who};
	return store_tx(st, quota_tx, &c, e);
}
