/*
 * /api/v1/groups — 参入促進・連携（グループ化） (seed 000): groups, members, agreement (協定) with its
 * PDF, validation, initiatives (取組) with one attachment each (PDF/PNG/JPEG), certificates (機関証);
 * /api/v1/certificates/{number} and
 * /api/v1/public/groups for the public. Every change re-validates the group in the same
 * transaction, issuing or revoking certificates, and appends an audit row.
 *   Access: ACT_GROUP_WRITE on the group's 拠点 (association_id) and its municipality; ACT_GROUP_READ
 *   for details (also granted to doctors/nurses of a member institution); the public listing and
 *   certificate status are public.
 */
#include "http/h_groups.h"
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/policy.h"
#include "domain/attachment.h"
#include "domain/text.h"
#include "domain/wareki.h"
#include "http/reply_file.h"
#include "io/certificate_pdf.h"
#include "io/group_json.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_groups.h"


static struct group *group_new(void)
{
	struct group *g = malloc(sizeof *g);
	if (g == NULL)
		abort();
	group_init(g);
	return g;
}

/* Policy for a group located by its 拠点; reads also pass for staff of a member institution. */
static enum zt_err group_policy(struct http_request *req, const struct group *g, enum policy_action act,
				struct zt_error *e)
{
	struct policy_object o = {.municipality = g->base_municipality, .association_id = g->base_id};
	enum zt_err r = policy_check(req->store, req->auth, act, &o, e);
	if (r == ZT_ERR_FORBIDDEN && act == ACT_GROUP_READ) {
		for (int i = 0; i < g->nmembers; i++) {
			struct policy_object m = {.institution_id = g->members[i].institution_id};
			if (policy_check(req->store, req->auth, act, &m, NULL) == ZT_OK)
				return ZT_OK;
		}
	}
	return r;
}

/* Loads the group of params[0] and checks act on it; replies and returns NULL on failure. */
static struct group *load(struct http_request *req, struct http_reply *rep, enum policy_action act)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return NULL;
	struct zt_error e;
	zt_error_clear(&e);
	struct group *g = group_new();
	enum zt_err r = store_group_get(req->store, id, g, &e);
	if (r == ZT_OK)
		r = group_policy(req, g, act, &e);
	if (r != ZT_OK) {
		free(g);
		reply_error(rep, &e);
		return NULL;
	}
	return g;
}

/* load() for writing, then the JSON body into *body; replies and returns NULL on failure. */
static struct group *load_body(struct http_request *req, struct http_reply *rep, json_t **body)
{
	struct group *g = load(req, rep, ACT_GROUP_WRITE);
	if (g == NULL)
		return NULL;
	*body = http_json_body(req, rep);
	if (*body == NULL) {
		free(g);
		return NULL;
	}
	return g;
}

/* Problems of g as of today (JST) into p[cap]; returns how many were stored. */
static int validate_today(const struct group *g, struct group_problem *p, int cap)
{
	char today[11];
	zt_today_jst(today);
	int n = group_validate(g, today, p, cap);
	return n > cap ? cap : n;
}
#define PROBLEMS_CAP (GROUP_MAX_PROBLEMS + GROUP_MAX_MEMBERS + GROUP_MAX_ACTIVE)

/* ---- write transactions ---- */

enum gop { GOP_CREATE, GOP_UPDATE, GOP_DELETE, GOP_DOCUMENT, GOP_INITIATIVE, GOP_ATTACHMENT, GOP_SYNC };

struct gtx {
	enum gop op;
	struct http_request *req;
	struct group *g;       /* the new state (create/update) or the group (others) */
	json_t *before;        /* borrowed; audit */
	const void *doc;       /* agreement PDF or initiative attachment */
	size_t doclen;
	struct initiative *init;
	int64_t iid;           /* attachment: the initiative */
	enum attachment_type att;
	char today[11];
	bool valid;
};

static enum zt_err gtx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct gtx *t = ctx;
	enum zt_err r = ZT_OK;
	const char *action = "update";
	json_t *after = NULL;
	switch (t->op) {
	case GOP_CREATE:
		r = store_group_create(st, t->g, e);
		action = "create";
		break;
	case GOP_UPDATE:
		r = store_group_update(st, t->g, e);
		break;
	case GOP_DELETE:
		r = store_group_delete(st, t->g->id, e);
		action = "delete";
		break;
	case GOP_DOCUMENT:
		r = store_group_document_put(st, t->g->id, t->doc, t->doclen, e);
		action = "upload";
		after = json_pack("{s:s, s:I}", "agreement_document", "application/pdf", "size", (json_int_t)t->doclen);
		break;
	case GOP_INITIATIVE:
		r = store_initiative_add(st, t->init, e);
		action = "add_initiative";
		after = initiative_to_json(t->init);
		break;
	case GOP_ATTACHMENT:
		r = store_initiative_attachment_put(st, t->g->id, t->iid, attachment_kinds[t->att].mime, t->doc, t->doclen, e);
		action = "upload";
		after = json_pack("{s:I, s:s, s:I}", "initiative_id", (json_int_t)t->iid, "attachment",
				  attachment_kinds[t->att].mime, "size", (json_int_t)t->doclen);
		break;
	case GOP_SYNC:
		break;
	}
	if (r == ZT_OK && t->op != GOP_DELETE)
		r = store_group_sync(st, t->g->id, t->today, &t->valid, e);
	if (r == ZT_OK && t->op != GOP_SYNC) {
		if (after == NULL && t->op != GOP_DELETE)
			after = group_to_json(t->g, 1);
		r = audit_append(st, http_actor(t->req), action, "group", t->g->id, t->g->base_municipality,
				 t->before, after, e);
	}
	json_decref(after);
	return r;
}

static enum zt_err run(struct http_request *req, enum gop op, struct group *g, json_t *before, struct gtx *out,
		       struct zt_error *e)
{
	struct gtx t = {.op = op, .req = req, .g = g, .before = before};
	if (out) {
		t.doc = out->doc;
		t.doclen = out->doclen;
		t.init = out->init;
		t.iid = out->iid;
		t.att = out->att;
	}
	zt_today_jst(t.today);
	enum zt_err r = store_tx(req->store, gtx_fn, &t, e);
	if (out)
		*out = t;
	return r;
}

/* Validates input shape; fills the base's kind and municipality for the policy. */
static enum zt_err check_input(struct http_request *req, struct group *g, struct zt_error *e)
{
	char field[64], msg[256];
	if (group_check_input(g, field, sizeof field, msg, sizeof msg) != 0)
		return zt_fail(e, ZT_ERR_INVALID, field, "%s", msg);
	g->base_municipality[0] = '\0';
	if (g->base_id) {
		struct facility f;
		if (store_facility_get(req->store, g->base_id, &f, NULL) != ZT_OK)
			return zt_fail(e, ZT_ERR_INVALID, "base_id", "base_id: 機関ID %lld は登録されていません。", (long long)g->base_id);
		snprintf(g->base_municipality, sizeof g->base_municipality, "%s", f.municipality_code);
		g->base_kind = f.kind;
		snprintf(g->base_name, sizeof g->base_name, "%s", f.name);
	}
	return ZT_OK;
}

/* Replies with the stored group, its validation and certificates. */
static void reply_group(struct http_request *req, struct http_reply *rep, int status, int64_t id)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct group *g = group_new();
	if (store_group_get(req->store, id, g, &e) != ZT_OK) {
		free(g);
		reply_error(rep, &e);
		return;
	}
	struct group_problem p[PROBLEMS_CAP];
	int n = validate_today(g, p, PROBLEMS_CAP);
	json_t *o = group_to_json(g, 1);
	json_object_set_new(o, "validation", group_problems_to_json(p, n));
	json_object_set_new(o, "certificates", store_group_certificates(req->store, id));
	free(g);
	reply_json(rep, status, o);
}

/* Finishes a change decoded into the loaded group g (already authorised for write): r and e are
 * how decoding went. Re-checks and stores it, frees g and before, and replies. */
static void save_change(struct http_request *req, struct http_reply *rep, struct group *g, json_t *before,
			enum zt_err r, struct zt_error *e, int status)
{
	if (r == ZT_OK)
		r = check_input(req, g, e);
	/* moving a group to another 拠点 needs write access there too */
	if (r == ZT_OK)
		r = group_policy(req, g, ACT_GROUP_WRITE, e);
	if (r == ZT_OK)
		r = run(req, GOP_UPDATE, g, before, NULL, e);
	int64_t id = g->id;
	free(g);
	json_decref(before);
	if (r != ZT_OK) {
		reply_error(rep, e);
		return;
	}
	reply_group(req, rep, status, id);
}

/* ---- handlers ---- */

void h_groups_list(struct http_request *req, struct http_reply *rep)
{
	json_t *rows = store_groups_list(req->store);
	if (rows == NULL) {
		reply_fail(rep, ZT_ERR_DB, "", "内部エラーが発生しました。");
		return;
	}
	json_t *items = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		struct policy_object o = {.municipality = json_string_value(json_object_get(row, "base_municipality")),
					  .association_id = json_integer_value(json_object_get(row, "base_id"))};
		bool ok = policy_check(req->store, req->auth, ACT_GROUP_READ, &o, NULL) == ZT_OK;
		if (!ok && req->auth && (req->auth->role == ROLE_DOCTOR || req->auth->role == ROLE_NURSE)) {
			/* staff of a member institution read their own groups */
			struct group *g = group_new();
			ok = store_group_get(req->store, json_integer_value(json_object_get(row, "id")), g, NULL) == ZT_OK &&
			     group_policy(req, g, ACT_GROUP_READ, NULL) == ZT_OK;
			free(g);
		}
		if (ok)
			json_array_append(items, row);
	}
	json_decref(rows);
	reply_json(rep, 200, json_pack("{s:o}", "items", items));
}

void h_groups_create(struct http_request *req, struct http_reply *rep)
{
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct group *g = group_new();
	enum zt_err r = group_from_json(body, g, &e);
	json_decref(body);
	/* a coordinator's new group belongs to their 郡市医師会 until another 拠点 is chosen */
	if (r == ZT_OK && g->base_id == 0 && req->auth && req->auth->role == ROLE_COORDINATOR && req->auth->nassociations > 0)
		g->base_id = req->auth->associations[0];
	if (r == ZT_OK)
		r = check_input(req, g, &e);
	if (r == ZT_OK)
		r = group_policy(req, g, ACT_GROUP_WRITE, &e);
	if (r == ZT_OK)
		r = run(req, GOP_CREATE, g, NULL, NULL, &e);
	int64_t id = g->id;
	free(g);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_group(req, rep, 201, id);
}

void h_group_get(struct http_request *req, struct http_reply *rep)
{
	struct group *g = load(req, rep, ACT_GROUP_READ);
	if (g == NULL)
		return;
	int64_t id = g->id;
	free(g);
	reply_group(req, rep, 200, id);
}

void h_group_put(struct http_request *req, struct http_reply *rep)
{
	json_t *body;
	struct group *g = load_body(req, rep, &body);
	if (g == NULL)
		return;
	json_t *before = group_to_json(g, 1);
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = group_from_json(body, g, &e);
	json_decref(body);
	save_change(req, rep, g, before, r, &e, 200);
}

void h_group_delete(struct http_request *req, struct http_reply *rep)
{
	struct group *g = load(req, rep, ACT_GROUP_WRITE);
	if (g == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *before = group_to_json(g, 1);
	enum zt_err r = run(req, GOP_DELETE, g, before, NULL, &e);
	json_decref(before);
	free(g);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_bytes(rep, 204, "text/plain", "", 0);
}

void h_group_members_put(struct http_request *req, struct http_reply *rep)
{
	json_t *body;
	struct group *g = load_body(req, rep, &body);
	if (g == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *before = group_to_json(g, 1);
	json_t *members = json_object_get(body, "members");
	enum zt_err r = ZT_OK;
	if (members == NULL || json_object_size(body) != 1)
		r = zt_fail(&e, ZT_ERR_INVALID, "members", "{\"members\": [...]} の形で送信してください。");
	else
		r = group_members_from_json(members, g, &e);
	json_decref(body);
	save_change(req, rep, g, before, r, &e, 200);
}

void h_group_members_post(struct http_request *req, struct http_reply *rep)
{
	json_t *body;
	struct group *g = load_body(req, rep, &body);
	if (g == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *before = group_to_json(g, 1);
	struct group_member m;
	enum zt_err r = group_member_from_json(body, &m, "member", &e);
	json_decref(body);
	if (r == ZT_OK && group_member_index(g, m.institution_id) >= 0)
		r = zt_fail(&e, ZT_ERR_CONFLICT, "institution_id", "この機関は既にグループの構成機関です。");
	if (r == ZT_OK && g->nmembers >= GROUP_MAX_MEMBERS)
		r = zt_fail(&e, ZT_ERR_INVALID, "members", "構成機関は%d件までです。", GROUP_MAX_MEMBERS);
	if (r == ZT_OK)
		g->members[g->nmembers++] = m;
	save_change(req, rep, g, before, r, &e, 201);
}

void h_group_member_delete(struct http_request *req, struct http_reply *rep)
{
	struct group *g = load(req, rep, ACT_GROUP_WRITE);
	if (g == NULL)
		return;
	const char *s = req->nparams > 1 ? req->params[1] : "";
	int64_t inst = text_is_digits(s, 0) && strlen(s) < 16 ? strtoll(s, NULL, 10) : 0;
	int k = inst > 0 ? group_member_index(g, inst) : -1;
	if (k < 0) {
		free(g);
		reply_fail(rep, ZT_ERR_NOTFOUND, "institution_id", "この機関はグループの構成機関ではありません。");
		return;
	}
	json_t *before = group_to_json(g, 1);
	memmove(&g->members[k], &g->members[k + 1], (size_t)(g->nmembers - k - 1) * sizeof g->members[0]);
	g->nmembers--;
	struct zt_error e;
	zt_error_clear(&e);
	save_change(req, rep, g, before, ZT_OK, &e, 200);
}

void h_group_validation(struct http_request *req, struct http_reply *rep)
{
	struct group *g = load(req, rep, ACT_GROUP_READ);
	if (g == NULL)
		return;
	struct group_problem p[PROBLEMS_CAP];
	int n = validate_today(g, p, PROBLEMS_CAP);
	json_t *o = group_problems_to_json(p, n);
	/* keep certificates in line with what we just answered (e.g. an agreement expired overnight) */
	struct zt_error e;
	zt_error_clear(&e);
	if (g->certified != group_problems_valid(p, n))
		run(req, GOP_SYNC, g, NULL, NULL, &e);
	free(g);
	reply_json(rep, 200, o);
}

void h_group_agreement_put(struct http_request *req, struct http_reply *rep)
{
	json_t *body;
	struct group *g = load_body(req, rep, &body);
	if (g == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *before = group_to_json(g, 1);
	bool doc = g->agreement.has_document;
	memset(&g->agreement, 0, sizeof g->agreement);
	g->agreement.has_document = doc;
	enum zt_err r = group_agreement_from_json(body, &g->agreement, &e);
	json_decref(body);
	save_change(req, rep, g, before, r, &e, 200);
}

void h_group_document_put(struct http_request *req, struct http_reply *rep)
{
	struct group *g = load(req, rep, ACT_GROUP_WRITE);
	if (g == NULL)
		return;
	const char *ct = http_header(req, "Content-Type");
	if (ct == NULL || strncasecmp(ct, "application/pdf", 15) != 0) {
		free(g);
		reply_fail(rep, ZT_ERR_MEDIA, "Content-Type", "協定書は Content-Type: application/pdf で送信してください。");
		return;
	}
	if (req->body_len < 5 || memcmp(req->body, "%PDF-", 5) != 0) {
		free(g);
		reply_fail(rep, ZT_ERR_INVALID, "document", "PDFファイルではありません（%PDF- で始まっていません）。");
		return;
	}
	struct zt_error e;
	zt_error_clear(&e);
	struct gtx t = {.doc = req->body, .doclen = req->body_len};
	enum zt_err r = run(req, GOP_DOCUMENT, g, NULL, &t, &e);
	free(g);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:b, s:I}", "has_document", 1, "size", (json_int_t)req->body_len));
}

void h_group_document_get(struct http_request *req, struct http_reply *rep)
{
	struct group *g = load(req, rep, ACT_GROUP_READ);
	if (g == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	void *data;
	size_t len;
	enum zt_err r = store_group_document_get(req->store, g->id, &data, &len, &e);
	free(g);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_file(rep, "application/pdf", data, len, "attachment; filename=\"agreement.pdf\"");
}

void h_group_initiatives_post(struct http_request *req, struct http_reply *rep)
{
	json_t *body;
	struct group *g = load_body(req, rep, &body);
	if (g == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct initiative *in = calloc(1, sizeof *in);
	if (in == NULL)
		abort();
	in->group_id = g->id;
	enum zt_err r = initiative_from_json(body, in, &e);
	json_decref(body);
	char field[64], msg[256];
	if (r == ZT_OK && initiative_check(in, field, sizeof field, msg, sizeof msg) != 0)
		r = zt_fail(&e, ZT_ERR_INVALID, field, "%s", msg);
	struct gtx t = {.init = in};
	if (r == ZT_OK)
		r = run(req, GOP_INITIATIVE, g, NULL, &t, &e);
	free(g);
	if (r != ZT_OK)
		reply_error(rep, &e);
	else
		reply_json(rep, 201, initiative_to_json(in));
	free(in);
}

/* fiscal_year query parameter; 0 when absent, -1 after replying 400. */
static int fiscal_year_param(struct http_request *req, struct http_reply *rep)
{
	const char *v = http_query(req, "fiscal_year");
	if (v == NULL)
		return 0;
	if (!text_is_digits(v, 4) || v[0] == '0') {
		reply_fail(rep, ZT_ERR_INVALID, "fiscal_year", "fiscal_year は西暦4桁の年度（例: 2025）で指定してください。");
		return -1;
	}
	return (int)strtol(v, NULL, 10);
}

/* The group's initiatives of fiscal year fy (0: all) after the read check; replies and returns
 * -1 on failure. *items malloc'd (caller frees); *group_id set. */
static int load_initiatives(struct http_request *req, struct http_reply *rep, int fy, struct initiative **items,
			    int64_t *group_id)
{
	struct group *g = load(req, rep, ACT_GROUP_READ);
	if (g == NULL)
		return -1;
	*group_id = g->id;
	free(g);
	struct zt_error e;
	zt_error_clear(&e);
	int n;
	if (store_initiatives(req->store, *group_id, fy, items, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return -1;
	}
	return n;
}

/* The initiatives as a JSON array, each with "attachment": {content_type,size,uploaded_at} or null. */
static json_t *initiatives_json(struct http_request *req, int64_t group_id, const struct initiative *items, int n)
{
	json_t *att = store_initiative_attachments(req->store, group_id);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		json_t *o = initiative_to_json(&items[i]);
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)items[i].id);
		json_t *a = att ? json_object_get(att, key) : NULL;
		json_object_set(o, "attachment", a ? a : json_null());
		json_array_append_new(arr, o);
	}
	json_decref(att);
	return arr;
}

void h_group_initiatives_get(struct http_request *req, struct http_reply *rep)
{
	int fy = fiscal_year_param(req, rep);
	if (fy < 0)
		return;
	struct initiative *items;
	int64_t gid;
	int n = load_initiatives(req, rep, fy, &items, &gid);
	if (n < 0)
		return;
	json_t *arr = initiatives_json(req, gid, items, n);
	free(items);
	reply_json(rep, 200, json_pack("{s:o}", "items", arr));
}

void h_group_initiatives_summary(struct http_request *req, struct http_reply *rep)
{
	int fy = fiscal_year_param(req, rep);
	if (fy < 0)
		return;
	if (fy == 0) {
		char today[11];
		zt_today_jst(today);
		fy = fiscal_year_of(today);
	}
	struct initiative *items;
	int64_t gid;
	int n = load_initiatives(req, rep, fy, &items, &gid);
	if (n < 0)
		return;
	struct initiative_summary s;
	initiative_summarize(items, n, fy, &s);
	json_t *o = initiative_summary_to_json(&s);
	json_object_set_new(o, "items", initiatives_json(req, gid, items, n));
	free(items);
	reply_json(rep, 200, o);
}

/* PUT …/initiatives/{initiative_id}/attachment: the raw file as the body; its Content-Type must be
 * PDF, PNG or JPEG and its first bytes must match (415 / 400 / 413 naming the field). */
void h_group_initiative_attachment_put(struct http_request *req, struct http_reply *rep)
{
	struct group *g = load(req, rep, ACT_GROUP_WRITE);
	if (g == NULL)
		return;
	int64_t iid = http_param_id(req, rep, 1);
	if (iid == 0) {
		free(g);
		return;
	}
	struct zt_error e;
	zt_error_clear(&e);
	int type = attachment_type_of(http_header(req, "Content-Type"));
	enum zt_err r;
	if (type < 0)
		r = zt_fail(&e, ZT_ERR_MEDIA, "Content-Type",
			    "添付ファイルは Content-Type: application/pdf・image/png・image/jpeg のいずれかで送信してください。");
	else
		r = attachment_check((enum attachment_type)type, req->body, req->body_len, &e);
	struct gtx t = {.doc = req->body, .doclen = req->body_len, .iid = iid, .att = (enum attachment_type)(type < 0 ? 0 : type)};
	if (r == ZT_OK)
		r = run(req, GOP_ATTACHMENT, g, NULL, &t, &e);
	free(g);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:I, s:{s:s, s:I}}", "initiative_id", (json_int_t)iid, "attachment", "content_type",
				       attachment_kinds[type].mime, "size", (json_int_t)req->body_len));
}

void h_group_initiative_attachment_get(struct http_request *req, struct http_reply *rep)
{
	static const char *const disposition[ATT__MAX] = {
		[ATT_PDF] = "attachment; filename=\"initiative.pdf\"",
		[ATT_PNG] = "attachment; filename=\"initiative.png\"",
		[ATT_JPEG] = "attachment; filename=\"initiative.jpg\"",
	};
	struct group *g = load(req, rep, ACT_GROUP_READ);
	if (g == NULL)
		return;
	int64_t gid = g->id, iid = http_param_id(req, rep, 1);
	free(g);
	if (iid == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	char mime[32];
	void *data;
	size_t len;
	if (store_initiative_attachment_get(req->store, gid, iid, mime, sizeof mime, &data, &len, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	int type = attachment_type_lookup(mime);
	if (type < 0)
		type = ATT_PDF; /* unreachable: only the three types are stored */
	reply_file(rep, attachment_kinds[type].mime, data, len, disposition[type]);
}

void h_group_certificates(struct http_request *req, struct http_reply *rep)
{
	struct group *g = load(req, rep, ACT_GROUP_READ);
	if (g == NULL)
		return;
	json_t *items = store_group_certificates(req->store, g->id);
	free(g);
	reply_json(rep, 200, items ? json_pack("{s:o}", "items", items) : NULL);
}

/* The verification URL printed in the QR code: ZAITAKU_PUBLIC_URL, else the request's Host. */
static void verify_url(struct http_request *req, const char *number, char *out, size_t n)
{
	const char *base = getenv("ZAITAKU_PUBLIC_URL");
	char host_base[300] = "";
	if (base == NULL || base[0] == '\0') {
		const char *host = http_header(req, "Host");
		bool ok = host && host[0] && strlen(host) < 256;
		for (const char *p = host; ok && *p; p++)
			ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
			     *p == '-' || *p == ':' || *p == '[' || *p == ']';
		if (ok)
			snprintf(host_base, sizeof host_base, "http://%s", host);
		base = host_base;
	}
	size_t bl = strlen(base);
	while (bl > 0 && base[bl - 1] == '/')
		bl--;
	snprintf(out, n, "%.*s/api/v1/certificates/%s", (int)bl, base, number);
}

void h_group_certificate_pdf(struct http_request *req, struct http_reply *rep)
{
	const char *file = req->nparams > 1 ? req->params[1] : "";
	size_t fl = strlen(file);
	char digits[20] = "";
	if (fl > 4 && fl < 20 && strcmp(file + fl - 4, ".pdf") == 0)
		snprintf(digits, sizeof digits, "%.*s", (int)(fl - 4), file);
	if (!text_is_digits(digits, 0) || digits[0] == '0' || digits[0] == '\0') {
		reply_fail(rep, ZT_ERR_NOTFOUND, "institution_id", "URLは /certificates/{機関ID}.pdf の形です。");
		return;
	}
	int64_t inst = strtoll(digits, NULL, 10);
	struct group *g = load(req, rep, ACT_GROUP_READ);
	if (g == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = run(req, GOP_SYNC, g, NULL, NULL, &e); /* status as of today */
	struct group_certificate c;
	if (r == ZT_OK && store_certificate_current(req->store, g->id, inst, &c) != ZT_OK)
		r = zt_fail(&e, ZT_ERR_NOTFOUND, "institution_id",
			    "この機関の有効な機関証はありません（構成機関でないか、グループが要件を満たしていません）。");
	if (r != ZT_OK) {
		free(g);
		reply_error(rep, &e);
		return;
	}
	/* member lines "名称（役割）" */
	static const int maxm = GROUP_MAX_MEMBERS;
	char(*lines)[600] = calloc((size_t)maxm, sizeof *lines);
	const char **ptrs = calloc((size_t)maxm, sizeof *ptrs);
	if (lines == NULL || ptrs == NULL)
		abort();
	for (int i = 0; i < g->nmembers && i < maxm; i++) {
		snprintf(lines[i], sizeof lines[i], "%s（%s）", g->members[i].name, group_roles[g->members[i].role].ja);
		ptrs[i] = lines[i];
	}
	char issued[11], wareki[64], url[512];
	snprintf(issued, sizeof issued, "%.10s", c.issued_at);
	struct tm tm = {0};
	if (strptime(c.issued_at, "%Y-%m-%dT%H:%M:%SZ", &tm) != NULL) { /* 交付日 as a Japanese date (JST) */
		zt_date_jst(timegm(&tm), issued);
	}
	if (wareki_format(issued, wareki, sizeof wareki) != 0)
		snprintf(wareki, sizeof wareki, "%s", issued);
	verify_url(req, c.number, url, sizeof url);
	struct certificate_pdf in = {
		.institution_name = c.institution_name, .group_name = g->name, .base_name = g->base_name,
		.members = ptrs, .nmembers = g->nmembers, .number = c.number, .issued_wareki = wareki, .verify_url = url,
	};
	unsigned char *pdf;
	size_t len;
	r = certificate_pdf_render(&in, &pdf, &len, &e);
	free(lines);
	free(ptrs);
	free(g);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_file(rep, "application/pdf", pdf, len, "inline; filename=\"certificate.pdf\"");
}

static enum zt_err sync_all_tx(struct store *st, void *ctx, struct zt_error *e)
{
	return store_groups_sync_all(st, ctx, e);
}

void h_certificate_status(struct http_request *req, struct http_reply *rep)
{
	const char *number = req->nparams > 0 ? req->params[0] : "";
	struct group_certificate c;
	bool known = strlen(number) < sizeof c.number && store_certificate_get(req->store, number, &c) == ZT_OK;
	char today[11];
	zt_today_jst(today);
	if (known && strcmp(c.status, "valid") == 0 && store_groups_need_check(req->store, today)) {
		/* re-validate on read (once a day): the agreement may have expired since the last change */
		struct zt_error e;
		zt_error_clear(&e);
		if (store_tx(req->store, sync_all_tx, today, &e) == ZT_OK)
			store_certificate_get(req->store, number, &c);
	}
	if (!known) {
		bool printable = strlen(number) < 64 && text_valid_utf8(number);
		reply_json(rep, 404, json_pack("{s:s, s:s}", "number", printable ? number : "", "status", "unknown"));
		return;
	}
	json_t *o = json_pack("{s:s, s:s, s:{s:I, s:s}, s:{s:I, s:s}, s:s}", "number", c.number, "status", c.status,
			      "group", "id", (json_int_t)c.group_id, "name", c.group_name, "institution", "id",
			      (json_int_t)c.institution_id, "name", c.institution_name, "issued_at", c.issued_at);
	if (strcmp(c.status, "revoked") == 0) {
		json_object_set_new(o, "revoked_at", json_string(c.revoked_at));
		json_object_set_new(o, "revoke_reason", json_string(c.revoke_reason));
	}
	reply_json(rep, 200, o);
}

void h_public_groups(struct http_request *req, struct http_reply *rep)
{
	char today[11];
	zt_today_jst(today);
	struct zt_error e;
	zt_error_clear(&e);
	if (store_groups_need_check(req->store, today))
		store_tx(req->store, sync_all_tx, today, &e); /* certification lapses by date too */
	json_t *items = store_groups_public(req->store);
	reply_json(rep, 200, items ? json_pack("{s:o}", "items", items) : NULL);
}
