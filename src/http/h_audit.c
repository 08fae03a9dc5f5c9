/*
 * /api/v1/audit — the audit trail (監査記録), policy ACT_AUDIT_READ.
 *   GET /audit      ?from=&to= (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, inclusive), object_type=,
 *                   object_id=, actor= (username), municipality= (6 digits), limit= (1–1000,
 *                   default 100), before_id= (paging: rows older than that id). Newest first:
 *                   {"items":[…], "limit", "next_before_id"}.
 *   GET /audit.csv  same filters, oldest first, UTF-8 CSV with BOM (limit up to 100000,
 *                   default 10000).
 * Admins see every row; coordinators only rows whose municipality their 郡市医師会 cover (a
 * municipality= outside their district is 403). Cache-Control: no-store.
 */
#include "http/h_audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "auth/policy.h"
#include "domain/audit.h"
#include "domain/text.h"
#include "http/reply_file.h"
#include "io/audit_csv.h"
#include "store/store_audit.h"

static int parse_pos(const char *s, long long hi, long long *out)
{
	if (!text_is_digits(s, 0) || strlen(s) > 12)
		return -1;
	long long v = strtoll(s, NULL, 10);
	if (v < 1 || v > hi)
		return -1;
	*out = v;
	return 0;
}

#define BAD(field, msg) do { zt_fail(e, ZT_ERR_INVALID, field, msg); return ZT_ERR_INVALID; } while (0)

/* Query string → filter, scope included; every bad parameter is a 400 naming it. */
static enum zt_err parse(struct http_request *req, struct audit_filter *f, int max_limit, int def_limit,
			 struct zt_error *e)
{
	const char *v;
	long long n;
	audit_filter_init(f);
	f->limit = def_limit;
	if ((v = http_query(req, "from")) && !audit_bound_parse(v, false, f->from))
		BAD("from", "from は YYYY-MM-DD または YYYY-MM-DDTHH:MM:SSZ で指定してください。");
	if ((v = http_query(req, "to")) && !audit_bound_parse(v, true, f->to))
		BAD("to", "to は YYYY-MM-DD または YYYY-MM-DDTHH:MM:SSZ で指定してください。");
	if ((v = http_query(req, "object_type"))) {
		if (!audit_word_valid(v))
			BAD("object_type", "object_type は英小文字・数字・_ の32文字以内で指定してください。");
		snprintf(f->object_type, sizeof f->object_type, "%s", v);
	}
	if ((v = http_query(req, "object_id"))) {
		if (parse_pos(v, 999999999999LL, &n))
			BAD("object_id", "object_id は正の整数で指定してください。");
		f->object_id = n;
	}
	if ((v = http_query(req, "actor"))) {
		if (!text_valid_utf8(v) || v[0] == '\0' || strlen(v) >= sizeof f->actor)
			BAD("actor", "actor（利用者名）が空か、長すぎるか、使用できない文字を含みます。");
		snprintf(f->actor, sizeof f->actor, "%s", v);
	}
	if ((v = http_query(req, "municipality"))) {
		if (!text_is_digits(v, 6))
			BAD("municipality", "municipality は6桁の市町村コードで指定してください。");
		snprintf(f->municipality, sizeof f->municipality, "%s", v);
	}
	if ((v = http_query(req, "limit"))) {
		if (parse_pos(v, max_limit, &n))
			return zt_fail(e, ZT_ERR_INVALID, "limit", "limit は1〜%dの整数で指定してください。", max_limit);
		f->limit = (int)n;
	}
	if ((v = http_query(req, "before_id"))) {
		if (parse_pos(v, 999999999999LL, &n))
			BAD("before_id", "before_id は正の整数で指定してください。");
		f->before_id = n;
	}

	/* Scope: the whole trail, or a coordinator's district. */
	struct zt_error pe;
	zt_error_clear(&pe);
	const struct auth_ctx *who = req->auth;
	struct policy_object all = {0};
	if (f->municipality[0])
		all.municipality = f->municipality;
	enum zt_err r = policy_check(req->store, who, ACT_AUDIT_READ, &all, &pe);
	if (r == ZT_OK && who && who->role != ROLE_ADMIN) {
		/* Granted for one municipality of the district: the filter already narrows to it. */
		return ZT_OK;
	}
	if (r == ZT_OK)
		return ZT_OK;
	if (who == NULL || who->role != ROLE_COORDINATOR || f->municipality[0]) {
		*e = pe;
		return r;
	}
	f->scoped = true;
	for (int i = 0; i < who->nassociations && f->nassociations < 8; i++) {
		struct policy_object o = {.association_id = who->associations[i]};
		if (policy_check(req->store, who, ACT_AUDIT_READ, &o, NULL) == ZT_OK)
			f->associations[f->nassociations++] = who->associations[i];
	}
	if (f->nassociations == 0) {
		*e = pe;
		return r;
	}
	return ZT_OK;
}

void h_audit_list(struct http_request *req, struct http_reply *rep)
{
	struct audit_filter f;
	struct zt_error e;
	zt_error_clear(&e);
	if (parse(req, &f, 1000, 100, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *items = audit_search(req->store, &f, &e);
	if (items == NULL) {
		reply_error(rep, &e);
		return;
	}
	size_t n = json_array_size(items);
	json_t *next = json_null();
	if (n > 0 && (int)n == f.limit)
		next = json_integer(json_integer_value(json_object_get(json_array_get(items, n - 1), "id")));
	reply_json(rep, 200, json_pack("{s:o, s:i, s:o}", "items", items, "limit", f.limit, "next_before_id", next));
	rep->no_store = true;
}

static int csv_row(json_t *row, void *ctx)
{
	audit_csv_row(ctx, row);
	return 0;
}

void h_audit_csv(struct http_request *req, struct http_reply *rep)
{
	struct audit_filter f;
	struct zt_error e;
	zt_error_clear(&e);
	if (parse(req, &f, 100000, 10000, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	f.ascending = true;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (out == NULL)
		abort();
	audit_csv_header(out);
	enum zt_err r = audit_each(req->store, &f, csv_row, out, &e);
	fclose(out);
	if (r != ZT_OK) {
		free(buf);
		reply_error(rep, &e);
		return;
	}
	reply_file(rep, "text/csv; charset=utf-8", buf, len, "attachment; filename=\"audit.csv\"");
}
