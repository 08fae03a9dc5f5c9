/*
 * /api/v1/groups — 参入促進・連携（グループ化） (seed 000): groups, members, agreement (協定) with its
 * PDF, validation, initiatives (取組) with one attachment each (PDF/PNG/JPEG), certificates (機関証);
 * /api/v1/certificates/{number} and /api/v1/public/groups for the public. Each handler decodes,
 * calls one use case of app/app_groups.h (policy, rules, transaction with the audit row), encodes
 * and replies. No GET writes: certificates follow the date through the daily refresh.
 *   Access: ACT_GROUP_WRITE on the group's 拠点 (association_id) and its municipality; ACT_GROUP_READ
 *   for details (also granted to doctors/nurses of a member institution); the public listing and
 *   certificate status are public.
 */
#include "http/h_groups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_groups.h"
#include "app/app_training.h"
#include "http/h_training.h"
#include "core/clock.h"
#include "domain/attachment.h"
#include "domain/text.h"
#include "domain/wareki.h"
#include "http/reply_file.h"
#include "io/certificate_pdf.h"
#include "io/group_json.h"
#include "io/json_fields.h"

static struct group *group_new(void)
{
	struct group *g = malloc(sizeof *g);
	if (g == NULL)
		abort();
	group_init(g);
	return g;
}

/* Replies with a group view: the group, "validation" and "certificates"; frees v. */
static void reply_view(struct http_reply *rep, int status, struct app_group_view *v)
{
	json_t *o = group_to_json(&v->g, 1);
	json_object_set_new(o, "validation", group_problems_to_json(v->problems, v->nproblems));
	json_t *certs = json_array();
	for (size_t i = 0; i < v->ncerts; i++)
		json_array_append_new(certs, group_certificate_to_json(&v->certs[i]));
	json_object_set_new(o, "certificates", certs);
	json_object_set_new(o, "entities", group_entities_to_json(&v->g));
	char today[11];
	zt_today_jst(today);
	json_object_set_new(o, "first_year", json_boolean(group_first_year(&v->g, today)));
	json_object_set_new(o, "fiscal_year", json_integer(fiscal_year_of(today)));
	app_group_view_free(v);
	reply_json(rep, status, o);
}

/* Replies with the view of a change, or the error. */
static void reply_change(struct http_reply *rep, enum zt_err r, const struct zt_error *e, int status,
			 struct app_group_view *v)
{
	if (r != ZT_OK) {
		app_group_view_free(v);
		reply_error(rep, e);
		return;
	}
	reply_view(rep, status, v);
}

/* ---- handlers ---- */

void h_groups_list(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct group_row *rows;
	size_t n;
	if (app_groups_list(req->store, req->auth, &rows, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, group_row_to_json(&rows[i]));
	free(rows);
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
	struct app_group_view *v = NULL;
	if (r == ZT_OK)
		r = app_group_create(req->store, req->auth, http_actor(req), g, &v, &e);
	free(g);
	reply_change(rep, r, &e, 201, v);
}

void h_group_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct app_group_view *v = NULL;
	enum zt_err r = app_group_view(req->store, req->auth, id, &v, &e);
	reply_change(rep, r, &e, 200, v);
}

/* Loads the group of params[0] for writing into before and a copy into g (may be NULL), then the
 * JSON body; replies and returns NULL on failure. */
static json_t *load_body(struct http_request *req, struct http_reply *rep, struct group *before, struct group *g)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return NULL;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_group_load(req->store, req->auth, id, ACT_GROUP_WRITE, before, &e) != ZT_OK) {
		reply_error(rep, &e);
		return NULL;
	}
	if (g != NULL)
		*g = *before;
	return http_json_body(req, rep);
}

/* The PUT handlers: decode(body, g) changes the loaded group g, then app_group_update stores it. */
static void put_with(struct http_request *req, struct http_reply *rep,
		     enum zt_err (*decode)(const json_t *body, struct group *g, struct zt_error *e))
{
	struct group *before = group_new(), *g = group_new();
	json_t *body = load_body(req, rep, before, g);
	if (body != NULL) {
		struct zt_error e;
		zt_error_clear(&e);
		enum zt_err r = decode(body, g, &e);
		json_decref(body);
		struct app_group_view *v = NULL;
		if (r == ZT_OK)
			r = app_group_update(req->store, req->auth, http_actor(req), before, g, &v, &e);
		reply_change(rep, r, &e, 200, v);
	}
	free(before);
	free(g);
}

void h_group_put(struct http_request *req, struct http_reply *rep)
{
	put_with(req, rep, group_from_json);
}

static enum zt_err decode_members(const json_t *body, struct group *g, struct zt_error *e)
{
	json_t *members = json_object_get(body, "members");
	if (members == NULL || json_object_size(body) != 1)
		return zt_fail(e, ZT_ERR_INVALID, "members", "{\"members\": [...]} の形で送信してください。");
	return group_members_from_json(members, g, e);
}

void h_group_members_put(struct http_request *req, struct http_reply *rep)
{
	put_with(req, rep, decode_members);
}

static enum zt_err decode_agreement(const json_t *body, struct group *g, struct zt_error *e)
{
	bool doc = g->agreement.has_document;
	memset(&g->agreement, 0, sizeof g->agreement);
	g->agreement.has_document = doc;
	return group_agreement_from_json(body, &g->agreement, e);
}

void h_group_agreement_put(struct http_request *req, struct http_reply *rep)
{
	put_with(req, rep, decode_agreement);
}

void h_group_delete(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_group_delete(req->store, req->auth, http_actor(req), id, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_bytes(rep, 204, "text/plain", "", 0);
}

void h_group_members_post(struct http_request *req, struct http_reply *rep)
{
	struct group *before = group_new();
	json_t *body = load_body(req, rep, before, NULL);
	if (body != NULL) {
		struct zt_error e;
		zt_error_clear(&e);
		struct group_member m;
		enum zt_err r = group_member_from_json(body, &m, "member", &e);
		json_decref(body);
		struct app_group_view *v = NULL;
		if (r == ZT_OK)
			r = app_group_member_add(req->store, req->auth, http_actor(req), before, &m, &v, &e);
		reply_change(rep, r, &e, 201, v);
	}
	free(before);
}

void h_group_member_delete(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	const char *s = req->nparams > 1 ? req->params[1] : "";
	int64_t inst = text_is_digits(s, 0) && strlen(s) < 16 ? strtoll(s, NULL, 10) : 0;
	struct zt_error e;
	zt_error_clear(&e);
	struct app_group_view *v = NULL;
	enum zt_err r = app_group_member_remove(req->store, req->auth, http_actor(req), id, inst, &v, &e);
	reply_change(rep, r, &e, 200, v);
}

void h_group_validation(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct group_problem p[APP_GROUP_PROBLEMS];
	int n = 0;
	if (app_group_validation(req->store, req->auth, id, p, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, group_problems_to_json(p, n));
}

void h_group_document_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_group_document_put(req->store, req->auth, http_actor(req), id, http_header(req, "Content-Type"), req->body,
				   req->body_len, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:b, s:I}", "has_document", 1, "size", (json_int_t)req->body_len));
}

void h_group_document_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	void *data;
	size_t len;
	if (app_group_document(req->store, req->auth, id, &data, &len, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_file(rep, "application/pdf", data, len, "attachment; filename=\"agreement.pdf\"");
}

void h_group_initiatives_post(struct http_request *req, struct http_reply *rep)
{
	struct group *g = group_new();
	json_t *body = load_body(req, rep, g, NULL);
	if (body != NULL) {
		struct zt_error e;
		zt_error_clear(&e);
		struct initiative *in = calloc(1, sizeof *in);
		if (in == NULL)
			abort();
		enum zt_err r = initiative_from_json(body, in, &e);
		json_decref(body);
		if (r == ZT_OK)
			r = app_group_initiative_add(req->store, req->auth, http_actor(req), g, in, &e);
		if (r != ZT_OK)
			reply_error(rep, &e);
		else
			reply_json(rep, 201, initiative_to_json(in));
		free(in);
	}
	free(g);
}

/* The initiatives of params[0] of fiscal year fy as a JSON array, each with "attachment":
 * {content_type,size,uploaded_at} or null; items and n for the summary (caller frees *items).
 * Replies and returns NULL on failure. */
static json_t *initiatives_json(struct http_request *req, struct http_reply *rep, int fy, struct initiative **items,
				int *n)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return NULL;
	struct zt_error e;
	zt_error_clear(&e);
	struct initiative_attachment_meta *atts;
	size_t natts;
	if (app_group_initiatives(req->store, req->auth, id, fy, items, n, &atts, &natts, &e) != ZT_OK) {
		reply_error(rep, &e);
		return NULL;
	}
	json_t *arr = json_array();
	for (int i = 0; i < *n; i++) {
		json_t *o = initiative_to_json(&(*items)[i]);
		json_t *a = json_null();
		for (size_t k = 0; k < natts; k++)
			if (atts[k].initiative_id == (*items)[i].id)
				a = attachment_meta_to_json(&atts[k]);
		json_object_set_new(o, "attachment", a);
		json_array_append_new(arr, o);
	}
	free(atts);
	return arr;
}

void h_group_initiatives_get(struct http_request *req, struct http_reply *rep)
{
	int fy = 0;
	if (!http_query_fiscal_year(req, rep, &fy))
		return;
	struct initiative *items;
	int n;
	json_t *arr = initiatives_json(req, rep, fy, &items, &n);
	if (arr == NULL)
		return;
	free(items);
	reply_json(rep, 200, json_pack("{s:o}", "items", arr));
}

void h_group_initiatives_summary(struct http_request *req, struct http_reply *rep)
{
	int fy = 0;
	if (!http_query_fiscal_year(req, rep, &fy))
		return;
	if (fy == 0)
		fy = zt_fiscal_year();
	struct initiative *items;
	int n;
	json_t *arr = initiatives_json(req, rep, fy, &items, &n);
	if (arr == NULL)
		return;
	struct initiative_summary s;
	initiative_summarize(items, n, fy, &s);
	free(items);
	json_t *o = initiative_summary_to_json(&s);
	json_object_set_new(o, "items", arr);
	reply_json(rep, 200, o);
}

/* PUT …/initiatives/{initiative_id}/attachment: the raw file as the body; its Content-Type must be
 * PDF, PNG or JPEG and its first bytes must match (415 / 400 / 413 naming the field). */
void h_group_initiative_attachment_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	int64_t iid = http_param_id(req, rep, 1);
	if (iid == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	enum attachment_type type = ATT_PDF;
	if (app_group_attachment_put(req->store, req->auth, http_actor(req), id, iid, http_header(req, "Content-Type"),
				     req->body, req->body_len, &type, &e) != ZT_OK) {
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
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	int64_t iid = http_param_id(req, rep, 1);
	if (iid == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	enum attachment_type type;
	void *data;
	size_t len;
	if (app_group_attachment(req->store, req->auth, id, iid, &type, &data, &len, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_file(rep, attachment_kinds[type].mime, data, len, disposition[type]);
}

void h_group_certificates(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct group_certificate *c;
	size_t n;
	if (app_group_certificates(req->store, req->auth, id, &c, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, group_certificate_to_json(&c[i]));
	free(c);
	reply_json(rep, 200, json_pack("{s:o}", "items", items));
}

/* The verification URL printed in the QR code, from the configured public base URL only (serve
 * --public-url, else ZAITAKU_PUBLIC_URL); never from the request's Host. False when none is set. */
bool h_certificate_verify_url(const struct http_request *req, const char *number, char *out, size_t n)
{
	const char *base = req->cfg ? req->cfg->public_url : NULL;
	if (base == NULL || base[0] == '\0')
		return false;
	size_t bl = strlen(base);
	while (bl > 0 && base[bl - 1] == '/')
		bl--;
	snprintf(out, n, "%.*s/verify?number=%s", (int)bl, base, number);
	return true;
}

void h_fiscal_label(int fy, char *out, size_t n)
{
	char start[11], ja[64];
	snprintf(start, sizeof start, "%04d-04-01", fy > 0 && fy < 10000 ? fy : 2000);
	if (wareki_format(start, ja, sizeof ja) == 0) {
		char *nen = strstr(ja, "年");
		if (nen)
			*nen = '\0';
		snprintf(out, n, "%s年度", ja);
	} else {
		snprintf(out, n, "%d年度", fy);
	}
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
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct group *g = group_new();
	struct group_certificate c;
	char url[512];
	struct certificate_issuer issuer;
	enum zt_err r = app_group_certificate(req->store, req->auth, id, inst, g, &c, &e);
	if (r == ZT_OK && !h_certificate_verify_url(req, c.number, url, sizeof url))
		r = zt_fail(&e, ZT_ERR_CONFLICT, "public_url",
			    "機関証の確認用URLが設定されていないため、機関証を発行できません。"
			    "管理者は serve --public-url（公開URL）を設定してください。");
	if (r == ZT_OK) {
		char pref[3];
		snprintf(pref, sizeof pref, "%.2s", g->base_municipality);
		if (app_certificate_issuer(req->store, pref, &issuer, &e) != ZT_OK)
			r = zt_fail(&e, ZT_ERR_CONFLICT, "issuer",
				    "機関証の交付者（推進センターまたは郡市医師会と代表者）が設定されていないため、機関証を作成できません。"
				    "グループ一覧の「機関証の交付者」で設定してください。");
	}
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
	char issued[11], wareki[64];
	snprintf(issued, sizeof issued, "%.10s", c.issued_at);
	struct tm tm = {0};
	if (strptime(c.issued_at, "%Y-%m-%dT%H:%M:%SZ", &tm) != NULL) { /* 交付日 as a Japanese date (JST) */
		zt_date_jst(timegm(&tm), issued);
	}
	if (wareki_format(issued, wareki, sizeof wareki) != 0)
		snprintf(wareki, sizeof wareki, "%s", issued);
	char fy[80], period[256];
	h_fiscal_label(c.fiscal_year, fy, sizeof fy);
	char from[11], to[11], wfrom[64], wto[64];
	snprintf(from, sizeof from, "%04d-04-01", c.fiscal_year > 0 && c.fiscal_year < 9999 ? c.fiscal_year : 2000);
	snprintf(to, sizeof to, "%04d-03-31", c.fiscal_year > 0 && c.fiscal_year < 9999 ? c.fiscal_year + 1 : 2001);
	if (wareki_format(from, wfrom, sizeof wfrom) != 0 || wareki_format(to, wto, sizeof wto) != 0)
		snprintf(period, sizeof period, "%s", fy);
	else
		snprintf(period, sizeof period, "%s（%s〜%s）", fy, wfrom, wto);
	struct certificate_pdf in = {
		.institution_name = c.institution_name, .group_name = g->name, .base_name = g->base_name,
		.members = ptrs, .nmembers = g->nmembers, .number = c.number, .issued_wareki = wareki, .verify_url = url,
		.fiscal_year = period, .first_year = c.first_year, .issuer_name = issuer.name,
		.issuer_title = issuer.representative_title, .issuer_person = issuer.representative_name,
		.municipality_centred = g->kind == GKIND_MUNICIPALITY_CENTRED,
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

void h_certificate_status(struct http_request *req, struct http_reply *rep)
{
	const char *number = req->nparams > 0 ? req->params[0] : "";
	if (app_training_cert_number(number)) { /* 認定証 of 訪問診療導入研修 (issue 18 §2) */
		h_training_certificate_status(req, rep);
		return;
	}
	struct group_certificate c;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = app_certificate_status(req->store, number, &c, &e);
	if (r == ZT_ERR_NOTFOUND) {
		bool printable = strlen(number) < 64 && text_valid_utf8(number);
		reply_json(rep, 404, json_pack("{s:s, s:s}", "number", printable ? number : "", "status", "unknown"));
		return;
	}
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, certificate_status_to_json(&c));
}

void h_public_groups(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct group_public *gs;
	size_t n;
	if (app_groups_public(req->store, &gs, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, group_public_to_json(&gs[i]));
	app_groups_public_free(gs, n);
	reply_json(rep, 200, json_pack("{s:o}", "items", items));
}

/* POST / DELETE /api/v1/groups/{id}/publish — 公表 and its withdrawal (issue 12 §8). */
static void publish(struct http_request *req, struct http_reply *rep, bool on)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct app_group_view *v = NULL;
	enum zt_err r = app_group_publish(req->store, req->auth, http_actor(req), id, on, &v, &e);
	reply_change(rep, r, &e, 200, v);
}

void h_group_publish(struct http_request *req, struct http_reply *rep)
{
	publish(req, rep, true);
}

void h_group_unpublish(struct http_request *req, struct http_reply *rep)
{
	publish(req, rep, false);
}

static json_t *issuer_json(const struct certificate_issuer *c)
{
	return json_pack("{s:s, s:b, s:s, s:s, s:s, s:o}", "prefecture", c->prefecture, "set", c->updated_at[0] != '\0',
			 "name", c->name, "representative_title", c->representative_title, "representative_name",
			 c->representative_name, "updated_at", c->updated_at[0] ? json_string(c->updated_at) : json_null());
}

/* GET /api/v1/certificate-issuers/{prefecture}: the issuer printed on the 機関証 (seed 000 §3(2));
 * "set": false with empty fields while none is set. */
void h_certificate_issuer_get(struct http_request *req, struct http_reply *rep)
{
	const char *pref = req->nparams > 0 ? req->params[0] : "";
	if (!text_is_digits(pref, 2)) {
		reply_fail(rep, ZT_ERR_NOTFOUND, "prefecture", "都道府県コード（2桁）を指定してください。");
		return;
	}
	struct certificate_issuer c;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = app_certificate_issuer(req->store, pref, &c, &e);
	if (r == ZT_ERR_NOTFOUND) { /* none set yet: the empty form, not an error */
		memset(&c, 0, sizeof c);
		snprintf(c.prefecture, sizeof c.prefecture, "%.2s", pref);
	} else if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, issuer_json(&c));
}

/* PUT /api/v1/certificate-issuers/{prefecture} {name, representative_title, representative_name}. */
void h_certificate_issuer_put(struct http_request *req, struct http_reply *rep)
{
	const char *pref = req->nparams > 0 ? req->params[0] : "";
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct certificate_issuer c;
	memset(&c, 0, sizeof c);
	snprintf(c.prefecture, sizeof c.prefecture, "%.2s", pref);
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = ZT_OK;
	if (!json_is_object(body))
		r = zt_fail(&e, ZT_ERR_INVALID, "", "JSONオブジェクトを送信してください。");
	const char *k;
	json_t *v;
	if (r == ZT_OK)
		json_object_foreach(body, k, v) {
			if (strcmp(k, "name") == 0)
				r = json_field_str(v, "name", c.name, sizeof c.name, &e);
			else if (strcmp(k, "representative_title") == 0)
				r = json_field_str(v, "representative_title", c.representative_title, sizeof c.representative_title, &e);
			else if (strcmp(k, "representative_name") == 0)
				r = json_field_str(v, "representative_name", c.representative_name, sizeof c.representative_name, &e);
			else if (strcmp(k, "prefecture") != 0 && strcmp(k, "updated_at") != 0)
				r = json_field_unknown(k, &e);
			if (r != ZT_OK)
				break;
		}
	json_decref(body);
	if (r == ZT_OK && strlen(pref) != 2)
		r = zt_fail(&e, ZT_ERR_INVALID, "prefecture", "都道府県コードは01〜47の2桁で指定してください。");
	if (r == ZT_OK)
		r = app_certificate_issuer_put(req->store, req->auth, http_actor(req), &c, &e);
	if (r == ZT_OK)
		r = app_certificate_issuer(req->store, c.prefecture, &c, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, issuer_json(&c));
}
