/* Designation, checklist and support-centre use cases (seed 001, seed 004; see app_designation.h):
 * rules from domain/designation.h, rows from store/store_designation.h, one transaction each. */
#include "app/app_designation.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

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
				   struct zt_error *e)
{
	struct create_ctx c = {d, who};
	return store_tx(st, create_tx, &c, e);
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
	r = sc_check_operator(c->type, dw_inst_find(&w, c->institution_id), e);
	desig_world_free(&w);
	if (r != ZT_OK)
		return r;
	r = store_support_centre_put(st, c->medical_area_id, c->institution_id, c->type, c->name, c->items, &c->id);
	/* the row writer leaves e to its callers */
	return r == ZT_OK ? ZT_OK : zt_fail(e, r, "", "データベースの処理に失敗しました。");
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
				      int64_t *id, struct zt_error *e)
{
	struct sc_ctx c = {medical_area_id, institution_id, 0, type, name, items, who, SC_CREATE};
	enum zt_err r = store_tx(st, sc_tx, &c, e);
	*id = c.id;
	return r;
}

enum zt_err app_support_centre_update(struct store *st, const struct zt_actor *who, int64_t id, const char *name,
				      uint32_t items, struct zt_error *e)
{
	struct sc_ctx c = {0, 0, id, SC_CORE, name, items, who, SC_UPDATE};
	return store_tx(st, sc_tx, &c, e);
}

enum zt_err app_support_centre_end(struct store *st, const struct zt_actor *who, int64_t id, struct zt_error *e)
{
	struct sc_ctx c = {0, 0, id, SC_CORE, NULL, 0, who, SC_END};
	return store_tx(st, sc_tx, &c, e);
}
