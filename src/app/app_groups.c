/* Use cases of groups, agreements, initiatives and certificates (seed 000; see app_groups.h). */
#include "app/app_groups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "domain/wareki.h"
#include "io/group_json.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_groups.h"

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (p == NULL)
		abort();
	return p;
}

static struct group *group_new(void)
{
	struct group *g = xcalloc(1, sizeof *g);
	group_init(g);
	return g;
}

void app_group_view_free(struct app_group_view *v)
{
	if (v == NULL)
		return;
	free(v->certs);
	free(v);
}

/* ---- policy ---- */

static enum zt_err group_policy(struct store *st, const struct auth_ctx *auth, const struct group *g,
				enum policy_action act, struct zt_error *e)
{
	int64_t members[GROUP_MAX_MEMBERS];
	for (int i = 0; i < g->nmembers; i++)
		members[i] = g->members[i].institution_id;
	struct policy_object base = {.municipality = g->base_municipality, .association_id = g->base_id};
	return policy_check_group(st, auth, act, &base, members, g->nmembers, e);
}

/* Scope on every member (issue 11 §4): each member of g not in before (NULL: all) must lie where
 * auth may write groups, asked with the member's municipality. */
static enum zt_err members_policy(struct store *st, const struct auth_ctx *auth, const struct group *before,
				  const struct group *g, struct zt_error *e)
{
	for (int i = 0; i < g->nmembers; i++) {
		const struct group_member *m = &g->members[i];
		if (before && group_member_index(before, m->institution_id) >= 0)
			continue;
		struct policy_object o = {.municipality = m->municipality};
		enum zt_err r = policy_check(st, auth, ACT_GROUP_WRITE, &o, e);
		if (r == ZT_ERR_FORBIDDEN) {
			char field[32];
			snprintf(field, sizeof field, "members[%d]", i);
			return zt_fail(e, r, field, "%s: 担当地区の外の機関（%s）はグループに加えられません。", field, m->name);
		}
		if (r != ZT_OK)
			return r;
	}
	return ZT_OK;
}

enum zt_err app_group_load(struct store *st, const struct auth_ctx *auth, int64_t id, enum policy_action act,
			   struct group *g, struct zt_error *e)
{
	enum zt_err r = store_group_get(st, id, g, e);
	if (r == ZT_OK) {
		char today[11];
		zt_today_jst(today);
		r = store_group_activity(st, g, today, e);
	}
	return r == ZT_OK ? group_policy(st, auth, g, act, e) : r;
}

/* ---- domain checks ---- */

static int validate_today(const struct group *g, const char *today, struct group_problem *p)
{
	int n = group_validate(g, today, p, APP_GROUP_PROBLEMS);
	return n > APP_GROUP_PROBLEMS ? APP_GROUP_PROBLEMS : n;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Shape of the input; fills the 拠点's kind, name and municipality (for the policy) and the
 * members' registry data (for the rules and the member scope). */
static enum zt_err check_input(struct store *st, struct group *g, struct zt_error *e)
{
	char field[64], msg[256];
	if (group_check_input(g, field, sizeof field, msg, sizeof msg) != 0)
		return zt_fail(e, ZT_ERR_INVALID, field, "%s", msg);
	g->base_municipality[0] = '\0';
	g->base_name[0] = '\0';
	if (g->base_id) {
		struct facility f;
		if (store_facility_get(st, g->base_id, &f, NULL) != ZT_OK)
			return zt_fail(e, ZT_ERR_INVALID, "base_id", "base_id: 機関ID %lld は登録されていません。", (long long)g->base_id);
		snprintf(g->base_municipality, sizeof g->base_municipality, "%s", f.municipality_code);
		g->base_kind = f.kind;
		snprintf(g->base_name, sizeof g->base_name, "%s", f.name);
	}
	/* the store lists 積極的役割 by id; keep the answer in the order it will be read back */
	qsort(g->active_ids, (size_t)g->nactive, sizeof g->active_ids[0], cmp_id);
	return store_group_members_resolve(st, g, e);
}

/* ---- the transaction ---- */

/* In a transaction: validates g as of today (once), plans its certificates and applies the plan.
 * problems/np (may be NULL) receive the problems; *plan the plan. Sets g->certified. */
static enum zt_err certify(struct store *st, struct group *g, const char *today, struct group_problem *problems,
			   int *np, struct cert_plan *plan, struct zt_error *e)
{
	struct group_problem local[APP_GROUP_PROBLEMS];
	struct group_problem *p = problems ? problems : local;
	enum zt_err r = store_group_activity(st, g, today, e);
	if (r != ZT_OK)
		return r;
	int n = validate_today(g, today, p);
	if (np)
		*np = n;
	int64_t holders[CERT_MAX_HOLDERS];
	int nh = 0;
	r = store_certificate_holders(st, g->id, fiscal_year_of(today), holders, CERT_MAX_HOLDERS, &nh, e);
	if (r != ZT_OK)
		return r;
	if (cert_plan_make(g, p, n, holders, nh, plan) != 0)
		return zt_fail(e, ZT_ERR_DB, "", "機関証の件数が上限を超えています。");
	cert_plan_year(g, today, plan);
	r = store_certificates_apply(st, g, plan, today, e);
	if (r == ZT_OK) {
		g->certified = plan->valid;
		if (plan->unpublish) {
			g->published = false;
			g->published_at[0] = '\0';
		}
	}
	return r;
}

/* In a transaction, after a use case's store writes to g: re-validates g as of today, applies the
 * certificate plan and appends the audit row (after NULL: g as JSON). p/np (may be NULL) receive
 * the problems. */
static enum zt_err certify_audit(struct store *st, const struct zt_actor *who, struct group *g, const char *action,
				 json_t *before, json_t *after, struct group_problem *p, int *np, struct zt_error *e)
{
	char today[11];
	zt_today_jst(today);
	struct cert_plan plan;
	enum zt_err r = certify(st, g, today, p, np, &plan, e);
	if (r != ZT_OK)
		return r;
	json_t *own = after ? NULL : group_to_json(g, 1);
	r = audit_append(st, who, action, "group", g->id, g->base_municipality, before, after ? after : own, e);
	json_decref(own);
	return r;
}

/* create / update: the group rows, then certify_audit. */
struct save_tx {
	const struct zt_actor *who;
	struct group *g;
	json_t *before; /* NULL: create */
	struct group_problem *problems;
	int nproblems;
};

static enum zt_err save_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct save_tx *t = ctx;
	enum zt_err r = t->before ? store_group_update(st, t->g, e) : store_group_create(st, t->g, e);
	if (r == ZT_OK)
		r = certify_audit(st, t->who, t->g, t->before ? "update" : "create", t->before, NULL, t->problems,
				  &t->nproblems, e);
	return r;
}

/* The answer after a change: g as stored, the problems found in the transaction, the certificates. */
static enum zt_err view_of(struct store *st, const struct group *g, const struct group_problem *p, int np,
			   struct app_group_view **out, struct zt_error *e)
{
	struct app_group_view *v = xcalloc(1, sizeof *v);
	v->g = *g;
	memcpy(v->problems, p, (size_t)np * sizeof *p);
	v->nproblems = np;
	enum zt_err r = store_group_certificates(st, g->id, &v->certs, &v->ncerts, e);
	if (r != ZT_OK) {
		app_group_view_free(v);
		return r;
	}
	*out = v;
	return ZT_OK;
}

/* ---- reads ---- */

enum zt_err app_group_view(struct store *st, const struct auth_ctx *auth, int64_t id, struct app_group_view **out,
			   struct zt_error *e)
{
	*out = NULL;
	struct app_group_view *v = xcalloc(1, sizeof *v);
	enum zt_err r = app_group_load(st, auth, id, ACT_GROUP_READ, &v->g, e);
	if (r == ZT_OK) {
		char today[11];
		zt_today_jst(today);
		v->nproblems = validate_today(&v->g, today, v->problems);
		r = store_group_certificates(st, id, &v->certs, &v->ncerts, e);
	}
	if (r != ZT_OK) {
		app_group_view_free(v);
		return r;
	}
	*out = v;
	return ZT_OK;
}

enum zt_err app_group_validation(struct store *st, const struct auth_ctx *auth, int64_t id, struct group_problem *p,
				 int *n, struct zt_error *e)
{
	struct group *g = group_new();
	enum zt_err r = app_group_load(st, auth, id, ACT_GROUP_READ, g, e);
	if (r == ZT_OK) {
		char today[11];
		zt_today_jst(today);
		*n = validate_today(g, today, p);
	}
	free(g);
	return r;
}

enum zt_err app_groups_list(struct store *st, const struct auth_ctx *auth, struct group_row **rows, size_t *n,
			    struct zt_error *e)
{
	enum zt_err r = store_groups_list(st, rows, n, e);
	if (r != ZT_OK)
		return r;
	size_t k = 0;
	struct group *g = NULL;
	for (size_t i = 0; i < *n; i++) {
		const struct group_row *row = &(*rows)[i];
		struct policy_object o = {.municipality = row->base_municipality, .association_id = row->base_id};
		bool ok = policy_check(st, auth, ACT_GROUP_READ, &o, NULL) == ZT_OK;
		if (!ok && policy_group_member_reader(auth)) {
			if (g == NULL)
				g = group_new();
			ok = app_group_load(st, auth, row->id, ACT_GROUP_READ, g, NULL) == ZT_OK;
		}
		if (ok)
			(*rows)[k++] = *row;
	}
	free(g);
	*n = k;
	return ZT_OK;
}

enum zt_err app_groups_public(struct store *st, struct group_public **out, size_t *n, struct zt_error *e)
{
	return store_groups_public(st, out, n, e);
}

void app_groups_public_free(struct group_public *g, size_t n)
{
	store_groups_public_free(g, n);
}

enum zt_err app_group_certificates(struct store *st, const struct auth_ctx *auth, int64_t id,
				   struct group_certificate **out, size_t *n, struct zt_error *e)
{
	struct group *g = group_new();
	enum zt_err r = app_group_load(st, auth, id, ACT_GROUP_READ, g, e);
	free(g);
	return r == ZT_OK ? store_group_certificates(st, id, out, n, e) : r;
}

enum zt_err app_certificate_status(struct store *st, const char *number, struct group_certificate *out,
				   struct zt_error *e)
{
	if (strlen(number) >= sizeof out->number)
		return zt_fail(e, ZT_ERR_NOTFOUND, "number", "この番号の機関証はありません。");
	enum zt_err r = store_certificate_get(st, number, out);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, r, "number", "この番号の機関証はありません。");
	if (r != ZT_OK)
		return zt_fail(e, r, "", "内部エラーが発生しました。");
	return ZT_OK;
}

enum zt_err app_group_certificate(struct store *st, const struct auth_ctx *auth, int64_t id, int64_t inst,
				  struct group *g, struct group_certificate *c, struct zt_error *e)
{
	enum zt_err r = app_group_load(st, auth, id, ACT_GROUP_READ, g, e);
	if (r != ZT_OK)
		return r;
	char today[11];
	zt_today_jst(today);
	struct group_problem p[APP_GROUP_PROBLEMS];
	bool valid = group_problems_valid(p, validate_today(g, today, p));
	r = store_certificate_current(st, g->id, inst, c);
	if (r == ZT_ERR_DB)
		return zt_fail(e, r, "", "内部エラーが発生しました。");
	if (r != ZT_OK || !valid)
		return zt_fail(e, ZT_ERR_NOTFOUND, "institution_id",
			       "この機関の有効な機関証はありません（構成機関でないか、グループが要件を満たしていません）。");
	return ZT_OK;
}

enum zt_err app_group_document(struct store *st, const struct auth_ctx *auth, int64_t id, void **data, size_t *len,
			       struct zt_error *e)
{
	struct group *g = group_new();
	enum zt_err r = app_group_load(st, auth, id, ACT_GROUP_READ, g, e);
	free(g);
	return r == ZT_OK ? store_group_document_get(st, id, data, len, e) : r;
}

enum zt_err app_group_initiatives(struct store *st, const struct auth_ctx *auth, int64_t id, int fy,
				  struct initiative **items, int *n, struct initiative_attachment_meta **atts,
				  size_t *natts, struct zt_error *e)
{
	*items = NULL;
	*atts = NULL;
	*n = 0;
	*natts = 0;
	struct group *g = group_new();
	enum zt_err r = app_group_load(st, auth, id, ACT_GROUP_READ, g, e);
	free(g);
	if (r == ZT_OK)
		r = store_initiatives(st, id, fy, items, n, e);
	if (r == ZT_OK)
		r = store_initiative_attachments(st, id, atts, natts, e);
	if (r != ZT_OK) {
		free(*items);
		*items = NULL;
		*n = 0;
	}
	return r;
}

enum zt_err app_group_attachment(struct store *st, const struct auth_ctx *auth, int64_t id, int64_t iid,
				 enum attachment_type *type, void **data, size_t *len, struct zt_error *e)
{
	struct group *g = group_new();
	enum zt_err r = app_group_load(st, auth, id, ACT_GROUP_READ, g, e);
	free(g);
	if (r != ZT_OK)
		return r;
	char mime[32];
	r = store_initiative_attachment_get(st, id, iid, mime, sizeof mime, data, len, e);
	int t = attachment_type_lookup(mime);
	*type = t < 0 ? ATT_PDF : (enum attachment_type)t; /* only the three types are stored */
	return r;
}

/* ---- changes ---- */

/* Checks, authorises and stores g (new state of before, or a new group when before is NULL). */
static enum zt_err save(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			const struct group *before, struct group *g, struct app_group_view **out, struct zt_error *e)
{
	*out = NULL;
	enum zt_err r = check_input(st, g, e);
	/* moving a group to another 拠点 needs write access there too */
	if (r == ZT_OK)
		r = group_policy(st, auth, g, ACT_GROUP_WRITE, e);
	if (r == ZT_OK)
		r = members_policy(st, auth, before, g, e);
	if (r != ZT_OK)
		return r;
	struct group_problem *p = xcalloc(APP_GROUP_PROBLEMS, sizeof *p);
	struct save_tx t = {.who = who, .g = g, .before = before ? group_to_json(before, 1) : NULL, .problems = p};
	r = store_tx(st, save_tx, &t, e);
	json_decref(t.before);
	if (r == ZT_OK)
		r = view_of(st, g, p, t.nproblems, out, e);
	free(p);
	return r;
}

enum zt_err app_group_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     struct group *g, struct app_group_view **out, struct zt_error *e)
{
	if (g->base_id == 0)
		g->base_id = policy_default_group_base(auth);
	return save(st, auth, who, NULL, g, out, e);
}

enum zt_err app_group_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     const struct group *before, struct group *g, struct app_group_view **out,
			     struct zt_error *e)
{
	g->id = before->id;
	return save(st, auth, who, before, g, out, e);
}

enum zt_err app_group_member_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				 const struct group *before, const struct group_member *m,
				 struct app_group_view **out, struct zt_error *e)
{
	*out = NULL;
	enum zt_err r = group_policy(st, auth, before, ACT_GROUP_WRITE, e);
	if (r == ZT_OK && group_member_index(before, m->institution_id) >= 0)
		r = zt_fail(e, ZT_ERR_CONFLICT, "institution_id", "この機関は既にグループの構成機関です。");
	if (r == ZT_OK && before->nmembers >= GROUP_MAX_MEMBERS)
		r = zt_fail(e, ZT_ERR_INVALID, "members", "構成機関は%d件までです。", GROUP_MAX_MEMBERS);
	if (r != ZT_OK)
		return r;
	struct group *g = group_new();
	*g = *before;
	g->members[g->nmembers++] = *m;
	r = save(st, auth, who, before, g, out, e);
	free(g);
	return r;
}

enum zt_err app_group_member_remove(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, int64_t inst, struct app_group_view **out, struct zt_error *e)
{
	*out = NULL;
	struct group *before = group_new(), *g = group_new();
	enum zt_err r = app_group_load(st, auth, id, ACT_GROUP_WRITE, before, e);
	int k = r == ZT_OK && inst > 0 ? group_member_index(before, inst) : -1;
	if (r == ZT_OK && k < 0)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "institution_id", "この機関はグループの構成機関ではありません。");
	if (r == ZT_OK) {
		*g = *before;
		memmove(&g->members[k], &g->members[k + 1], (size_t)(g->nmembers - k - 1) * sizeof g->members[0]);
		g->nmembers--;
		r = save(st, auth, who, before, g, out, e);
	}
	free(before);
	free(g);
	return r;
}

/* Loads group id for writing (once) into a new *g (caller frees). */
static enum zt_err load_write(struct store *st, const struct auth_ctx *auth, int64_t id, struct group **g,
			      struct zt_error *e)
{
	*g = group_new();
	return app_group_load(st, auth, id, ACT_GROUP_WRITE, *g, e);
}

struct delete_tx {
	const struct zt_actor *who;
	const struct group *g;
};

static enum zt_err delete_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct delete_tx *t = ctx;
	enum zt_err r = store_group_delete(st, t->g->id, e);
	if (r == ZT_OK) {
		json_t *before = group_to_json(t->g, 1);
		r = audit_append(st, t->who, "delete", "group", t->g->id, t->g->base_municipality, before, NULL, e);
		json_decref(before);
	}
	return r;
}

enum zt_err app_group_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     struct zt_error *e)
{
	struct group *g;
	enum zt_err r = load_write(st, auth, id, &g, e);
	struct delete_tx t = {who, g};
	if (r == ZT_OK)
		r = store_tx(st, delete_tx, &t, e);
	free(g);
	return r;
}

struct document_tx {
	const struct zt_actor *who;
	struct group *g;
	const void *data;
	size_t len;
};

static enum zt_err document_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct document_tx *t = ctx;
	enum zt_err r = store_group_document_put(st, t->g->id, t->data, t->len, e);
	if (r != ZT_OK)
		return r;
	/* the store creates an empty agreement row when there was none */
	t->g->agreement.present = true;
	t->g->agreement.has_document = true;
	json_t *after = json_pack("{s:s, s:I}", "agreement_document", "application/pdf", "size", (json_int_t)t->len);
	r = certify_audit(st, t->who, t->g, "upload", NULL, after, NULL, NULL, e);
	json_decref(after);
	return r;
}

enum zt_err app_group_document_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				   int64_t id, const char *content_type, const void *data, size_t len,
				   struct zt_error *e)
{
	struct group *g;
	enum zt_err r = load_write(st, auth, id, &g, e);
	if (r == ZT_OK && (content_type == NULL || strncasecmp(content_type, "application/pdf", 15) != 0))
		r = zt_fail(e, ZT_ERR_MEDIA, "Content-Type", "協定書は Content-Type: application/pdf で送信してください。");
	if (r == ZT_OK && (len < 5 || memcmp(data, "%PDF-", 5) != 0))
		r = zt_fail(e, ZT_ERR_INVALID, "document", "PDFファイルではありません（%%PDF- で始まっていません）。");
	struct document_tx t = {who, g, data, len};
	if (r == ZT_OK)
		r = store_tx(st, document_tx, &t, e);
	free(g);
	return r;
}

struct initiative_tx {
	const struct zt_actor *who;
	struct group *g;
	struct initiative *in;
};

static enum zt_err initiative_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct initiative_tx *t = ctx;
	enum zt_err r = store_initiative_add(st, t->in, e);
	if (r == ZT_OK) {
		json_t *after = initiative_to_json(t->in);
		r = certify_audit(st, t->who, t->g, "add_initiative", NULL, after, NULL, NULL, e);
		json_decref(after);
	}
	return r;
}

enum zt_err app_group_initiative_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     struct group *g, struct initiative *in, struct zt_error *e)
{
	char field[64], msg[256];
	in->group_id = g->id;
	enum zt_err r = group_policy(st, auth, g, ACT_GROUP_WRITE, e);
	if (r == ZT_OK && initiative_check(in, field, sizeof field, msg, sizeof msg) != 0)
		r = zt_fail(e, ZT_ERR_INVALID, field, "%s", msg);
	struct initiative_tx t = {who, g, in};
	return r == ZT_OK ? store_tx(st, initiative_tx, &t, e) : r;
}

struct attachment_tx {
	const struct zt_actor *who;
	struct group *g;
	int64_t iid;
	enum attachment_type type;
	const void *data;
	size_t len;
};

static enum zt_err attachment_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct attachment_tx *t = ctx;
	const char *mime = attachment_kinds[t->type].mime;
	enum zt_err r = store_initiative_attachment_put(st, t->g->id, t->iid, mime, t->data, t->len, e);
	if (r == ZT_OK) {
		json_t *after = json_pack("{s:I, s:s, s:I}", "initiative_id", (json_int_t)t->iid, "attachment", mime, "size",
					  (json_int_t)t->len);
		r = certify_audit(st, t->who, t->g, "upload", NULL, after, NULL, NULL, e);
		json_decref(after);
	}
	return r;
}

enum zt_err app_group_attachment_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     int64_t id, int64_t iid, const char *content_type, const void *data, size_t len,
				     enum attachment_type *type, struct zt_error *e)
{
	struct group *g;
	enum zt_err r = load_write(st, auth, id, &g, e);
	int ty = attachment_type_of(content_type);
	if (r == ZT_OK && ty < 0)
		r = zt_fail(e, ZT_ERR_MEDIA, "Content-Type",
			    "添付ファイルは Content-Type: application/pdf・image/png・image/jpeg のいずれかで送信してください。");
	if (r == ZT_OK)
		r = attachment_check((enum attachment_type)ty, data, len, e);
	struct attachment_tx t = {who, g, iid, ty < 0 ? ATT_PDF : (enum attachment_type)ty, data, len};
	if (r == ZT_OK)
		r = store_tx(st, attachment_tx, &t, e);
	*type = t.type;
	free(g);
	return r;
}

/* ---- 公表 (issue 12 §8) ---- */

struct publish_tx {
	const struct zt_actor *who;
	struct group *g;
	bool publish;
	struct group_problem *problems;
	int nproblems;
};

static enum zt_err publish_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct publish_tx *t = ctx;
	char by[256];
	snprintf(by, sizeof by, "%s（%s）", t->who && t->who->username ? t->who->username : "system",
		 t->who && t->who->role ? t->who->role : "system");
	enum zt_err r = store_group_publish(st, t->g->id, t->publish ? by : NULL, t->g->published_at, e);
	if (r != ZT_OK)
		return r;
	t->g->published = t->publish;
	json_t *before = json_pack("{s:b}", "published", !t->publish);
	json_t *after = json_pack("{s:b}", "published", t->publish);
	r = certify_audit(st, t->who, t->g, t->publish ? "publish" : "unpublish", before, after, t->problems,
			  &t->nproblems, e);
	json_decref(before);
	json_decref(after);
	if (r == ZT_OK && t->publish && !t->g->certified) /* validity is checked inside the transaction */
		r = zt_fail(e, ZT_ERR_CONFLICT, "published", "要件を満たしていないため公表できません。要件チェックを確認してください。");
	return r;
}

enum zt_err app_group_publish(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			      bool publish, struct app_group_view **out, struct zt_error *e)
{
	*out = NULL;
	struct group *g = group_new();
	enum zt_err r = app_group_load(st, auth, id, ACT_PUBLISH, g, e);
	if (r == ZT_OK && publish && g->published)
		r = zt_fail(e, ZT_ERR_CONFLICT, "published", "このグループは既に公表されています。");
	if (r == ZT_OK && !publish && !g->published)
		r = zt_fail(e, ZT_ERR_CONFLICT, "published", "このグループは公表されていません。");
	if (r == ZT_OK) {
		char today[11];
		zt_today_jst(today);
		struct group_problem p[APP_GROUP_PROBLEMS];
		int n = validate_today(g, today, p);
		if (publish && !group_problems_valid(p, n)) {
			const char *first = "";
			for (int i = 0; i < n && !first[0]; i++)
				if (p[i].severity == GSEV_ERROR)
					first = p[i].message;
			r = zt_fail(e, ZT_ERR_CONFLICT, "published", "要件を満たしていないため公表できません: %.400s", first);
		}
	}
	struct group_problem *p = xcalloc(APP_GROUP_PROBLEMS, sizeof *p);
	struct publish_tx t = {.who = who, .g = g, .publish = publish, .problems = p};
	if (r == ZT_OK)
		r = store_tx(st, publish_fn, &t, e);
	if (r == ZT_OK)
		r = view_of(st, g, p, t.nproblems, out, e);
	free(p);
	free(g);
	return r;
}

enum zt_err app_certificate_issuer(struct store *st, const char *prefecture, struct certificate_issuer *out,
				   struct zt_error *e)
{
	return store_certificate_issuer_get(st, prefecture, out, e);
}

struct issuer_tx {
	const struct zt_actor *who;
	const struct certificate_issuer *in;
};

static enum zt_err issuer_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct issuer_tx *t = ctx;
	struct certificate_issuer old;
	bool had = store_certificate_issuer_get(st, t->in->prefecture, &old, NULL) == ZT_OK;
	enum zt_err r = store_certificate_issuer_put(st, t->in, e);
	if (r != ZT_OK)
		return r;
	json_t *before = had ? json_pack("{s:s, s:s, s:s}", "name", old.name, "representative_title", old.representative_title,
					 "representative_name", old.representative_name)
			     : NULL;
	json_t *after = json_pack("{s:s, s:s, s:s}", "name", t->in->name, "representative_title", t->in->representative_title,
				  "representative_name", t->in->representative_name);
	char muni[7] = "";
	r = audit_append(st, t->who, had ? "update" : "create", "certificate_issuer", 0, muni, before, after, e);
	json_decref(before);
	json_decref(after);
	return r;
}

enum zt_err app_certificate_issuer_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				       const struct certificate_issuer *in, struct zt_error *e)
{
	struct policy_object o = {.prefecture = in->prefecture};
	enum zt_err r = policy_check(st, auth, ACT_PUBLISH, &o, e);
	if (r != ZT_OK)
		return r;
	char field[32], msg[256];
	if (certificate_issuer_check(in->prefecture, in->name, in->representative_title, in->representative_name, field,
				     sizeof field, msg, sizeof msg) != 0)
		return zt_fail(e, ZT_ERR_INVALID, field, "%s", msg);
	struct issuer_tx t = {who, in};
	return store_tx(st, issuer_fn, &t, e);
}

/* ---- the system ---- */

struct refresh_tx {
	int64_t id;
	const char *today;
};

static enum zt_err refresh_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct refresh_tx *t = ctx;
	struct group *g = group_new();
	enum zt_err r = store_group_get(st, t->id, g, e);
	if (r == ZT_ERR_NOTFOUND) { /* deleted meanwhile */
		free(g);
		zt_error_clear(e);
		return ZT_OK;
	}
	bool was = g->certified;
	struct cert_plan plan;
	if (r == ZT_OK)
		r = certify(st, g, t->today, NULL, NULL, &plan, e);
	if (r == ZT_OK && (!cert_plan_empty(&plan) || was != plan.valid)) {
		json_t *before = json_pack("{s:b}", "certified", was);
		json_t *after = json_pack("{s:b, s:i, s:i, s:s}", "certified", plan.valid, "issued", plan.nissue, "revoked",
					  plan.nrevoke, "checked_on", t->today);
		if (plan.nrevoke > 0)
			json_object_set_new(after, "revoke_reason", json_string(plan.reason));
		r = audit_append(st, NULL, "revalidate", "group", g->id, g->base_municipality, before, after, e);
		json_decref(before);
		json_decref(after);
	}
	free(g);
	return r;
}

enum zt_err app_groups_refresh(struct store *st, const char *today, int *checked, struct zt_error *e)
{
	if (checked)
		*checked = 0;
	int64_t *ids;
	size_t n;
	enum zt_err r = store_groups_due(st, today, &ids, &n, e);
	for (size_t i = 0; i < n && r == ZT_OK; i++) {
		struct refresh_tx t = {ids[i], today};
		r = store_tx(st, refresh_fn, &t, e);
		if (r == ZT_OK && checked)
			(*checked)++;
	}
	free(ids);
	return r;
}

struct system_tx {
	const struct zt_actor *who;
	struct group *g;
	bool valid;
};

static enum zt_err system_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct system_tx *t = ctx;
	char today[11];
	zt_today_jst(today);
	struct cert_plan plan;
	enum zt_err r = check_input(st, t->g, e);
	if (r == ZT_OK)
		r = store_group_create(st, t->g, e);
	if (r == ZT_OK)
		r = certify(st, t->g, today, NULL, NULL, &plan, e);
	if (r == ZT_OK) /* the demo's rows carry no before/after, as before the app layer */
		r = audit_append(st, t->who, "create", "group", t->g->id, "", NULL, NULL, e);
	t->valid = r == ZT_OK && plan.valid;
	return r;
}

enum zt_err app_group_create_system(struct store *st, const struct zt_actor *who, struct group *g, bool *valid,
				    struct zt_error *e)
{
	struct system_tx t = {who, g, false};
	enum zt_err r = store_tx(st, system_fn, &t, e);
	if (valid)
		*valid = t.valid;
	return r;
}

struct recheck_tx {
	const struct zt_actor *who;
	int64_t id;
	bool publish;
	bool valid;
};

static enum zt_err recheck_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct recheck_tx *t = ctx;
	struct group *g = group_new();
	enum zt_err r = store_group_get(st, t->id, g, e);
	if (r == ZT_OK && t->publish) {
		r = store_group_publish(st, t->id, "system", g->published_at, e);
		g->published = true;
	}
	struct cert_plan plan;
	char today[11];
	zt_today_jst(today);
	if (r == ZT_OK)
		r = certify(st, g, today, NULL, NULL, &plan, e);
	if (r == ZT_OK && t->publish)
		r = audit_append(st, t->who, "publish", "group", g->id, g->base_municipality, NULL, NULL, e);
	t->valid = r == ZT_OK && plan.valid;
	free(g);
	return r;
}

enum zt_err app_group_recheck_system(struct store *st, const struct zt_actor *who, int64_t id, bool publish, bool *valid,
				     struct zt_error *e)
{
	struct recheck_tx t = {who, id, publish, false};
	enum zt_err r = store_tx(st, recheck_fn, &t, e);
	if (valid)
		*valid = t.valid;
	return r;
}
