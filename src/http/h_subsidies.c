/*
 * Handlers of the subsidies (issue 19 §3; app/app_subsidies.h): decode (io/subsidy_json.h), one use
 * case, reply. Ledgers name payees (people among them): Cache-Control no-store.
 *   GET    /subsidies/programmes?fiscal_year                 programmes and caps of a year
 *   GET    /operators/{id}/subsidies/{fy}/expenses           the ledger (?programme)
 *   POST   /operators/{id}/subsidies/{fy}/expenses           a line (会食 refused with the reason)
 *   PUT    /subsidies/expenses/{id}, DELETE …                edit / delete (audited)
 *   PUT    /subsidies/expenses/{id}/receipt, GET …           the receipt PDF
 *   GET    /operators/{id}/subsidies/{fy}/claim[.xlsx|.pdf]  the claim, 所要額明細書
 */
#include "http/h_subsidies.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_subsidies.h"
#include "core/clock.h"
#include "http/reply_file.h"
#include "io/subsidy_json.h"
#include "io/subsidy_statement.h"

/* Path parameter i as a fiscal year 2000..2100; 0 after replying 400. */
static int param_fy(struct http_request *req, struct http_reply *rep, int i)
{
	int64_t fy = http_param_id(req, rep, i);
	if (fy == 0)
		return 0;
	if (fy < 2000 || fy > 2100) {
		reply_fail(rep, ZT_ERR_INVALID, "fiscal_year", "年度は2000〜2100で指定してください。");
		return 0;
	}
	return (int)fy;
}

void h_subsidy_programmes(struct http_request *req, struct http_reply *rep)
{
	int fy = zt_fiscal_year();
	if (!http_query_fiscal_year(req, rep, &fy))
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct subsidy_programme *p;
	size_t n;
	if (app_subsidy_programmes(req->store, fy, &p, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *arr = json_array(), *kinds = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, subsidy_programme_to_json(&p[i]));
	for (int k = 0; k < SK__MAX; k++)
		json_array_append_new(kinds, json_pack("{s:s, s:s, s:b, s:s?}", "code", subsidy_kinds[k].code, "name",
						       subsidy_kinds[k].name, "eligible", subsidy_kinds[k].eligible,
						       "reason", subsidy_kinds[k].reason));
	free(p);
	reply_json(rep, 200, json_pack("{s:i, s:o, s:o}", "fiscal_year", fy, "programmes", arr, "kinds", kinds));
}

void h_subsidy_expenses_list(struct http_request *req, struct http_reply *rep)
{
	int64_t op = http_param_id(req, rep, 0);
	int fy = op ? param_fy(req, rep, 1) : 0;
	if (fy == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct subsidy_operator o;
	struct subsidy_expense *items;
	size_t n;
	if (app_subsidy_ledger(req->store, req->auth, op, fy, http_query(req, "programme"), &o, &items, &n, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, subsidy_expense_to_json(&items[i]));
	free(items);
	reply_json_private(rep, 200,
			   json_pack("{s:I, s:s, s:i, s:o}", "operator_id", (json_int_t)o.id, "operator_name", o.name,
				     "fiscal_year", fy, "expenses", arr));
}

void h_subsidy_expenses_create(struct http_request *req, struct http_reply *rep)
{
	int64_t op = http_param_id(req, rep, 0);
	int fy = op ? param_fy(req, rep, 1) : 0;
	if (fy == 0)
		return;
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct subsidy_expense x = {0};
	enum zt_err r = subsidy_expense_from_json(body, &x, &e);
	json_decref(body);
	if (r == ZT_OK && x.fiscal_year != 0 && x.fiscal_year != fy)
		r = zt_fail(&e, ZT_ERR_INVALID, "fiscal_year", "本文の年度がURLの年度と一致しません。");
	x.operator_id = op;
	x.fiscal_year = fy;
	if (r == ZT_OK)
		r = app_subsidy_expense_add(req->store, req->auth, http_actor(req), &x, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 201, subsidy_expense_to_json(&x));
}

void h_subsidy_expense_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = 0;
	json_t *body = http_id_body(req, rep, &id);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct subsidy_expense x = {0};
	enum zt_err r = subsidy_expense_from_json(body, &x, &e);
	json_decref(body);
	x.id = id;
	if (r == ZT_OK)
		r = app_subsidy_expense_update(req->store, req->auth, http_actor(req), &x, &e);
	if (r != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, subsidy_expense_to_json(&x));
}

void h_subsidy_expense_delete(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_subsidy_expense_delete(req->store, req->auth, http_actor(req), id, &e) != ZT_OK)
		reply_error_private(rep, &e);
	else
		reply_json_private(rep, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

void h_subsidy_receipt_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_subsidy_receipt_put(req->store, req->auth, http_actor(req), id, http_header(req, "Content-Type"),
				    req->body, req->body_len, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_json_private(rep, 200, json_pack("{s:I, s:b, s:I}", "id", (json_int_t)id, "receipt", 1, "size",
					       (json_int_t)req->body_len));
}

void h_subsidy_receipt_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	void *data;
	size_t len;
	if (app_subsidy_receipt_get(req->store, req->auth, id, &data, &len, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_file(rep, "application/pdf", data, len, "attachment; filename=\"receipt.pdf\"");
}

/* The claims of the request's operator and year; false after replying. Caller frees *out. */
static bool load_claims(struct http_request *req, struct http_reply *rep, int *fy, struct subsidy_operator *o,
			struct subsidy_claim_summary **out, size_t *n)
{
	int64_t op = http_param_id(req, rep, 0);
	*fy = op ? param_fy(req, rep, 1) : 0;
	if (*fy == 0)
		return false;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_subsidy_claims(req->store, req->auth, op, *fy, http_query(req, "programme"), o, out, n, &e) != ZT_OK) {
		reply_error_private(rep, &e);
		return false;
	}
	return true;
}

void h_subsidy_claim(struct http_request *req, struct http_reply *rep)
{
	int fy;
	struct subsidy_operator o;
	struct subsidy_claim_summary *s;
	size_t n;
	if (!load_claims(req, rep, &fy, &o, &s, &n))
		return;
	json_t *arr = json_array();
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(arr, subsidy_claim_to_json(&s[i].programme, &s[i].claim, s[i].lines));
		total += s[i].claim.claimed_yen;
	}
	free(s);
	reply_json_private(rep, 200,
			   json_pack("{s:I, s:s, s:i, s:I, s:o}", "operator_id", (json_int_t)o.id, "operator_name", o.name,
				     "fiscal_year", fy, "claimed_yen", (json_int_t)total, "claims", arr));
}

/* The statement of the claims s[0..n) (parts point into s and sources). */
static void statement_of(const struct subsidy_operator *o, int fy, const struct subsidy_claim_summary *s, size_t n,
			 struct subsidy_statement_part *parts, char *today, struct subsidy_statement *out)
{
	zt_today_jst(today);
	for (size_t i = 0; i < n; i++)
		parts[i] = (struct subsidy_statement_part){&s[i].programme, &s[i].claim, s[i].source};
	*out = (struct subsidy_statement){o->name, fy, today, (int)n, parts};
}

#define MAX_PARTS 8

static enum zt_err write_claim_xlsx(const char *path, const void *st, struct zt_error *e)
{
	return subsidy_statement_xlsx(st, path, e);
}

void h_subsidy_claim_xlsx(struct http_request *req, struct http_reply *rep)
{
	int fy;
	struct subsidy_operator o;
	struct subsidy_claim_summary *s;
	size_t n;
	if (!load_claims(req, rep, &fy, &o, &s, &n))
		return;
	if (n > MAX_PARTS)
		n = MAX_PARTS;
	struct subsidy_statement_part parts[MAX_PARTS];
	char today[11];
	struct subsidy_statement st;
	statement_of(&o, fy, s, n, parts, today, &st);
	reply_written_file(rep, write_claim_xlsx, &st, "XLSXファイル", XLSX_CONTENT_TYPE,
			   "attachment; filename=\"claim.xlsx\"");
	free(s);
}

void h_subsidy_claim_pdf(struct http_request *req, struct http_reply *rep)
{
	int fy;
	struct subsidy_operator o;
	struct subsidy_claim_summary *s;
	size_t n;
	if (!load_claims(req, rep, &fy, &o, &s, &n))
		return;
	if (n > MAX_PARTS)
		n = MAX_PARTS;
	struct subsidy_statement_part parts[MAX_PARTS];
	char today[11];
	struct subsidy_statement st;
	statement_of(&o, fy, s, n, parts, today, &st);
	struct zt_error e;
	zt_error_clear(&e);
	unsigned char *pdf;
	size_t len;
	enum zt_err r = subsidy_statement_pdf(&st, &pdf, &len, &e);
	free(s);
	if (r != ZT_OK) {
		reply_error_private(rep, &e);
		return;
	}
	reply_file(rep, "application/pdf", pdf, len, "attachment; filename=\"claim.pdf\"");
}
