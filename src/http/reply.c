/* Building replies and reading requests: JSON bodies, query strings, ids (issue 2 §7, SECURITY.md headers). */
#include "http/http.h"

#include <errno.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/text.h"

#define JSON_MAX_DEPTH 64

void reply_bytes(struct http_reply *rep, int status, const char *content_type, const void *data, size_t len)
{
	free(rep->body);
	rep->body = malloc(len ? len : 1);
	if (rep->body == NULL)
		abort(); /* out of memory may abort; bad input never does */
	memcpy(rep->body, data, len);
	rep->body_len = len;
	rep->status = status;
	rep->content_type = content_type;
}

void reply_json(struct http_reply *rep, int status, json_t *v)
{
	if (v == NULL) {
		reply_fail(rep, ZT_ERR_DB, "", "内部エラーが発生しました。");
		return;
	}
	char *s = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(12));
	json_decref(v);
	if (s == NULL)
		abort();
	reply_json_text(rep, status, s, strlen(s));
}

void reply_json_text(struct http_reply *rep, int status, char *text, size_t len)
{
	free(rep->body);
	rep->body = text;
	rep->body_len = len;
	rep->status = status;
	rep->content_type = "application/json; charset=utf-8";
}

void reply_error(struct http_reply *rep, const struct zt_error *e)
{
	json_t *err = json_pack("{s:s, s:s}", "code", zt_err_name(e->code), "message",
				e->message[0] ? e->message : zt_err_name(e->code));
	if (e->field[0])
		json_object_set_new(err, "field", json_string(e->field));
	if (e->line > 0)
		json_object_set_new(err, "line", json_integer(e->line));
	reply_json(rep, zt_err_http_status(e->code), json_pack("{s:o}", "error", err));
}

void reply_fail(struct http_reply *rep, enum zt_err code, const char *field, const char *message)
{
	struct zt_error e;
	zt_error_clear(&e);
	zt_fail(&e, code, field, "%s", message);
	reply_error(rep, &e);
}

void reply_header(struct http_reply *rep, const char *name, const char *value)
{
	if (rep->nextra < 8) {
		rep->extra_headers[rep->nextra][0] = name;
		rep->extra_headers[rep->nextra][1] = value;
		rep->nextra++;
	}
}

const char *http_query(struct http_request *req, const char *key)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *http_header(struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

struct each_ctx {
	const char *key;
	void (*fn)(const char *, void *);
	void *ctx;
	int n;
};

static enum MHD_Result each_value(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct each_ctx *c = cls;
	(void)kind;
	if (key && strcmp(key, c->key) == 0) {
		c->fn(value ? value : "", c->ctx);
		c->n++;
	}
	return MHD_YES;
}

int http_query_each(struct http_request *req, const char *key, void (*fn)(const char *value, void *ctx), void *ctx)
{
	struct each_ctx c = {key, fn, ctx, 0};
	MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, each_value, &c);
	return c.n;
}

/* Depth of nested arrays/objects, counted on the raw text before parsing, so that a hostile
 * 100,000-deep document is refused without recursion. Strings are skipped. */
static int json_too_deep(const char *s, size_t n)
{
	int depth = 0, in_str = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > JSON_MAX_DEPTH)
				return 1;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return 0;
}

json_t *http_json_body(struct http_request *req, struct http_reply *rep)
{
	const char *ct = http_header(req, "Content-Type");
	if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0) {
		reply_fail(rep, ZT_ERR_MEDIA, "Content-Type", "Content-Type は application/json にしてください。");
		return NULL;
	}
	if (json_too_deep(req->body, req->body_len)) {
		reply_fail(rep, ZT_ERR_INVALID, "body", "JSONの入れ子が深すぎます。");
		return NULL;
	}
	json_error_t jerr;
	json_t *v = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (v == NULL) {
		struct zt_error e;
		zt_error_clear(&e);
		zt_fail(&e, ZT_ERR_INVALID, "body", "JSONとして読めません（%d行%d列: %s）。", jerr.line, jerr.column, jerr.text);
		reply_error(rep, &e);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		reply_fail(rep, ZT_ERR_INVALID, "body", "JSONオブジェクトを送ってください。");
		return NULL;
	}
	return v;
}

int64_t http_param_id(struct http_request *req, struct http_reply *rep, int i)
{
	const char *s = i < req->nparams ? req->params[i] : NULL;
	if (s == NULL || !text_is_digits(s, 0) || strlen(s) > 15 || s[0] == '0') {
		reply_fail(rep, ZT_ERR_NOTFOUND, "id", "指定されたIDのデータは見つかりません。");
		return 0;
	}
	return strtoll(s, NULL, 10);
}

void reply_error_private(struct http_reply *rep, const struct zt_error *e)
{
	rep->no_store = true;
	reply_error(rep, e);
}

void reply_json_private(struct http_reply *rep, int status, json_t *v)
{
	rep->no_store = true;
	reply_json(rep, status, v);
}

json_t *http_id_body(struct http_request *req, struct http_reply *rep, int64_t *id)
{
	*id = http_param_id(req, rep, 0);
	return *id == 0 ? NULL : http_json_body(req, rep);
}

const char *http_query_prefecture(struct http_request *req, struct http_reply *rep)
{
	const char *pref = http_query(req, "prefecture");
	if (!text_is_digits(pref, 2)) {
		reply_fail(rep, ZT_ERR_INVALID, "prefecture", "prefecture は2桁の都道府県コード（例: 08）で指定してください。");
		return NULL;
	}
	return pref;
}

bool http_query_int(struct http_request *req, struct http_reply *rep, const char *name, int64_t lo, int64_t hi,
		    int64_t *out)
{
	const char *v = http_query(req, name);
	if (v == NULL || v[0] == '\0')
		return true;
	char *end = NULL;
	errno = 0;
	long long x = strtoll(v, &end, 10);
	if (*end != '\0' || errno == ERANGE || x < lo || x > hi) {
		char msg[160];
		snprintf(msg, sizeof msg, "%s は %lld〜%lld の整数で指定してください。", name, (long long)lo, (long long)hi);
		reply_fail(rep, ZT_ERR_INVALID, name, msg);
		return false;
	}
	*out = x;
	return true;
}

bool http_query_fiscal_year(struct http_request *req, struct http_reply *rep, int *fy)
{
	const char *v = http_query(req, "fiscal_year");
	if (v == NULL || v[0] == '\0')
		return true;
	if (!text_is_digits(v, 4) || v[0] == '0' || strtol(v, NULL, 10) < 2000 || strtol(v, NULL, 10) > 2100) {
		reply_fail(rep, ZT_ERR_INVALID, "fiscal_year", "fiscal_year は西暦4桁の年度（例: 2026）で指定してください。");
		return false;
	}
	*fy = (int)strtol(v, NULL, 10);
	return true;
}
