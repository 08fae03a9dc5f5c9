/* 公表 of designations (issue 12 §8; see app_publish.h). */
#include "app/app_publish.h"

#include <stdio.h>
#include <stdlib.h>

#include "auth/policy.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_designation.h"
#include "store/store_publish.h"

struct pub_tx {
	const struct zt_actor *who;
	int64_t id;
	bool publish;
	const char *muni;
};

static enum zt_err pub_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct pub_tx *t = ctx;
	char by[256];
	snprintf(by, sizeof by, "%s（%s）", t->who && t->who->username ? t->who->username : "system",
		 t->who && t->who->role ? t->who->role : "system");
	enum zt_err r = store_designation_publish(st, t->id, t->publish ? by : NULL, e);
	if (r != ZT_OK)
		return r;
	json_t *before = json_pack("{s:b}", "published", !t->publish), *after = json_pack("{s:b}", "published", t->publish);
	r = audit_append(st, t->who, t->publish ? "publish" : "unpublish", "designation", t->id, t->muni, before, after, e);
	json_decref(before);
	json_decref(after);
	return r;
}

enum zt_err app_designation_publish(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, bool publish, struct zt_error *e)
{
	char muni[7];
	int published = 0;
	enum zt_err r = store_designation_pub_state(st, id, muni, &published, e);
	if (r != ZT_OK)
		return r;
	struct policy_object o = {.municipality = muni};
	if ((r = policy_check(st, auth, ACT_PUBLISH, &o, e)) != ZT_OK)
		return r;
	if (publish && published)
		return zt_fail(e, ZT_ERR_CONFLICT, "published", "この位置付けは既に公表されています。");
	if (!publish && !published)
		return zt_fail(e, ZT_ERR_CONFLICT, "published", "この位置付けは公表されていません。");
	struct pub_tx t = {who, id, publish, muni};
	return store_tx(st, pub_fn, &t, e);
}

static bool has(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

enum zt_err app_public_desig_world(struct store *st, const char *pref, struct desig_world *w, struct zt_error *e)
{
	enum zt_err r = store_desig_world(st, pref, w, e);
	if (r != ZT_OK)
		return r;
	int64_t *ids;
	size_t n;
	r = store_designations_published(st, &ids, &n, e);
	if (r != ZT_OK) {
		desig_world_free(w);
		return r;
	}
	size_t k = 0;
	for (size_t i = 0; i < w->ndesigs; i++)
		if (has(ids, n, w->desigs[i].id))
			w->desigs[k++] = w->desigs[i];
	w->ndesigs = k;
	free(ids);
	return ZT_OK;
}

struct all_tx {
	int count;
};

static enum zt_err all_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct all_tx *t = ctx;
	int64_t *ids;
	size_t n;
	enum zt_err r = store_designations_unpublished(st, &ids, &n, e);
	struct zt_actor sys = zt_actor_system();
	for (size_t i = 0; i < n && r == ZT_OK; i++) {
		char muni[7];
		int published = 0;
		r = store_designation_pub_state(st, ids[i], muni, &published, e);
		struct pub_tx p = {&sys, ids[i], true, muni};
		if (r == ZT_OK)
			r = pub_fn(st, &p, e);
		if (r == ZT_OK)
			t->count++;
	}
	free(ids);
	return r;
}

enum zt_err app_designations_publish_all_system(struct store *st, int *count, struct zt_error *e)
{
	struct all_tx t = {0};
	enum zt_err r = store_tx(st, all_fn, &t, e);
	if (count)
		*count = t.count;
	return r;
}

enum zt_err app_designations_unpublished(struct store *st, const struct auth_ctx *auth, const char *pref,
					 json_t **out, struct zt_error *e)
{
	*out = NULL;
	struct policy_object o = {.prefecture = pref};
	enum zt_err r = policy_check(st, auth, ACT_PUBLISH, &o, e);
	if (r != ZT_OK)
		return r;
	*out = store_designations_unpublished_json(st, pref, e);
	return *out ? ZT_OK : ZT_ERR_DB;
}
