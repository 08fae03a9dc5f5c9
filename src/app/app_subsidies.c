/* Use cases of the subsidy ledger and claims (issue 19 §3; seeds 003, 004; see app_subsidies.h). */
#include "app/app_subsidies.h"

#include <stdlib.h>
#include <string.h>

#include "auth/policy.h"
#include "domain/attachment.h"
#include "io/subsidy_json.h"
#include "io/subsidy_statement.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_operators.h"

#define SUBSIDY_MAX_PROGRAMMES 8

/* The operator op, after the policy allowed act on it. */
static enum zt_err operator_checked(struct store *st, const struct auth_ctx *auth, enum policy_action act, int64_t op,
				    struct subsidy_operator *o, struct zt_error *e)
{
	enum zt_err r = store_subsidy_operator(st, op, o, e);
	if (r != ZT_OK)
		return r;
	if (auth == NULL)
		return ZT_OK; /* the system: CLI and demo (every HTTP route of these is ROUTE_SIGNED) */
	struct policy_object obj = {.municipality = o->municipality, .prefecture = o->prefecture,
				    .association_id = o->association_id};
	return policy_check(st, auth, act, &obj, e);
}

/* Line id and its operator, after the policy allowed act on the operator. */
static enum zt_err expense_checked(struct store *st, const struct auth_ctx *auth, enum policy_action act, int64_t id,
				   struct subsidy_expense *x, struct subsidy_operator *o, struct zt_error *e)
{
	enum zt_err r = store_subsidy_expense_get(st, id, x, e);
	if (r == ZT_OK)
		r = operator_checked(st, auth, act, x->operator_id, o, e);
	return r;
}

enum zt_err app_subsidy_ledger(struct store *st, const struct auth_ctx *auth, int64_t op, int fy, const char *programme,
			       struct subsidy_operator *o, struct subsidy_expense **items, size_t *n, struct zt_error *e)
{
	struct subsidy_operator tmp;
	*items = NULL;
	*n = 0;
	enum zt_err r = operator_checked(st, auth, ACT_PROGRAMME_READ, op, o ? o : &tmp, e);
	return r == ZT_OK ? store_subsidy_expenses(st, op, fy, programme, items, n, e) : r;
}

/* The line against its programme's caps of its year: the domain's checks. */
static enum zt_err expense_valid(struct store *st, const struct subsidy_expense *x, struct zt_error *e)
{
	struct subsidy_programme p;
	if (x->fiscal_year == 0)
		return zt_fail(e, ZT_ERR_INVALID, "fiscal_year", "年度を指定してください。");
	if (x->programme[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "programme", "補助事業を選んでください。");
	enum zt_err r = store_subsidy_programme_get(st, x->programme, x->fiscal_year, &p, e);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, ZT_ERR_INVALID, "programme", "%d年度の補助事業「%s」は登録されていません。",
			       x->fiscal_year, x->programme);
	if (r != ZT_OK)
		return r;
	int64_t spent[SUBSIDY_MAX_CATEGORIES], lines = 0;
	r = subsidy_expense_check(&p, x, e);
	if (r == ZT_OK)
		r = store_subsidy_spent(st, x->operator_id, x->fiscal_year, &p, spent, &lines, e);
	if (r == ZT_OK && lines >= SUBSIDY_MAX_LINES)
		r = zt_fail(e, ZT_ERR_INVALID, "programme", "1事業・1年度の支出は%d件までです。", SUBSIDY_MAX_LINES);
	return r;
}

struct expense_tx {
	const struct zt_actor *who;
	struct subsidy_expense *x;
	const char *action; /* create, update, delete */
	const struct subsidy_operator *o;
};

static enum zt_err expense_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct expense_tx *t = ctx;
	json_t *before = NULL, *after = NULL;
	enum zt_err r = ZT_OK;
	if (strcmp(t->action, "create") != 0) {
		struct subsidy_expense old;
		r = store_subsidy_expense_get(st, t->x->id, &old, e);
		if (r == ZT_OK)
			before = subsidy_expense_to_json(&old);
	}
	if (r == ZT_OK && strcmp(t->action, "delete") != 0)
		r = expense_valid(st, t->x, e);
	if (r == ZT_OK) {
		if (strcmp(t->action, "create") == 0)
			r = store_subsidy_expense_insert(st, t->x, e);
		else if (strcmp(t->action, "update") == 0)
			r = store_subsidy_expense_update(st, t->x, e);
		else
			r = store_subsidy_expense_delete(st, t->x->id, e);
	}
	if (r == ZT_OK && strcmp(t->action, "delete") != 0) {
		r = store_subsidy_expense_get(st, t->x->id, t->x, e);
		if (r == ZT_OK)
			after = subsidy_expense_to_json(t->x);
	}
	if (r == ZT_OK)
		r = audit_append(st, t->who, t->action, "subsidy_expense", t->x->id, t->o->municipality, before, after, e);
	json_decref(before);
	json_decref(after);
	return r;
}

enum zt_err app_subsidy_expense_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    struct subsidy_expense *x, struct zt_error *e)
{
	struct subsidy_operator o;
	if (x->operator_id <= 0)
		return zt_fail(e, ZT_ERR_INVALID, "operator_id", "事業者を指定してください。");
	enum zt_err r = operator_checked(st, auth, ACT_PROGRAMME_WRITE, x->operator_id, &o, e);
	struct expense_tx t = {who, x, "create", &o};
	return r == ZT_OK ? store_tx(st, expense_tx_fn, &t, e) : r;
}

enum zt_err app_subsidy_expense_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				       struct subsidy_expense *x, struct zt_error *e)
{
	struct subsidy_expense old;
	struct subsidy_operator o;
	enum zt_err r = expense_checked(st, auth, ACT_PROGRAMME_WRITE, x->id, &old, &o, e);
	if (r != ZT_OK)
		return r;
	if (x->fiscal_year != 0 && x->fiscal_year != old.fiscal_year)
		return zt_fail(e, ZT_ERR_INVALID, "fiscal_year", "年度は変更できません（削除して新しい年度に登録してください）。");
	x->operator_id = old.operator_id;
	x->fiscal_year = old.fiscal_year;
	struct expense_tx t = {who, x, "update", &o};
	return store_tx(st, expense_tx_fn, &t, e);
}

enum zt_err app_subsidy_expense_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				       int64_t id, struct zt_error *e)
{
	struct subsidy_expense x;
	struct subsidy_operator o;
	enum zt_err r = expense_checked(st, auth, ACT_PROGRAMME_WRITE, id, &x, &o, e);
	struct expense_tx t = {who, &x, "delete", &o};
	return r == ZT_OK ? store_tx(st, expense_tx_fn, &t, e) : r;
}

enum zt_err app_subsidy_expense_get(struct store *st, const struct auth_ctx *auth, int64_t id,
				    struct subsidy_expense *out, struct zt_error *e)
{
	struct subsidy_operator o;
	return expense_checked(st, auth, ACT_PROGRAMME_READ, id, out, &o, e);
}

struct receipt_tx {
	const struct zt_actor *who;
	const struct subsidy_expense *x;
	const struct subsidy_operator *o;
	const void *data;
	size_t len;
};

static enum zt_err receipt_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct receipt_tx *t = ctx;
	enum zt_err r = store_subsidy_receipt_put(st, t->x->id, t->data, t->len, e);
	if (r == ZT_OK) {
		json_t *after = json_pack("{s:I, s:s, s:I}", "expense_id", (json_int_t)t->x->id, "receipt",
					  "application/pdf", "size", (json_int_t)t->len);
		r = audit_append(st, t->who, "upload", "subsidy_expense", t->x->id, t->o->municipality, NULL, after, e);
		json_decref(after);
	}
	return r;
}

enum zt_err app_subsidy_receipt_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, const char *content_type, const void *data, size_t len, struct zt_error *e)
{
	struct subsidy_expense x;
	struct subsidy_operator o;
	enum zt_err r = expense_checked(st, auth, ACT_PROGRAMME_WRITE, id, &x, &o, e);
	if (r == ZT_OK && attachment_type_of(content_type) != ATT_PDF)
		r = zt_fail(e, ZT_ERR_MEDIA, "Content-Type", "領収書は Content-Type: application/pdf のPDFで送信してください。");
	if (r == ZT_OK)
		r = attachment_check(ATT_PDF, data, len, e);
	struct receipt_tx t = {who, &x, &o, data, len};
	return r == ZT_OK ? store_tx(st, receipt_tx_fn, &t, e) : r;
}

enum zt_err app_subsidy_receipt_get(struct store *st, const struct auth_ctx *auth, int64_t id, void **data,
				    size_t *len, struct zt_error *e)
{
	struct subsidy_expense x;
	struct subsidy_operator o;
	*data = NULL;
	*len = 0;
	enum zt_err r = expense_checked(st, auth, ACT_PROGRAMME_READ, id, &x, &o, e);
	return r == ZT_OK ? store_subsidy_receipt_get(st, id, data, len, e) : r;
}

enum zt_err app_subsidy_programmes(struct store *st, int fy, struct subsidy_programme **out, size_t *n,
				   struct zt_error *e)
{
	return store_subsidy_programmes(st, fy, out, n, e);
}

/* The claims of (op, fy) for the programmes codes[0..nc). */
static enum zt_err claims_of(struct store *st, int64_t op, int fy, char (*codes)[32], int nc,
			     struct subsidy_claim_summary **out, size_t *n, struct zt_error *e)
{
	*out = calloc(nc > 0 ? (size_t)nc : 1, sizeof **out);
	if (*out == NULL)
		abort();
	*n = 0;
	/* 札幌市は各区ごと / 1カ所あたり: the operator's units multiply the caps of a programme whose caps
	 * are per 区 or 箇所 (its unit); other programmes' caps are the operator's whole. */
	struct operator_row *orow = calloc(1, sizeof *orow);
	if (orow == NULL)
		abort();
	enum zt_err r = store_operator_get(st, op, orow, e);
	int units = r == ZT_OK && orow->d.cap_units > 0 ? orow->d.cap_units : 1;
	free(orow);
	for (int i = 0; r == ZT_OK && i < nc; i++) {
		struct subsidy_claim_summary *s = &(*out)[*n];
		int64_t spent[SUBSIDY_MAX_CATEGORIES];
		r = store_subsidy_programme_get(st, codes[i], fy, &s->programme, e);
		if (r == ZT_OK)
			r = store_subsidy_spent(st, op, fy, &s->programme, spent, &s->lines, e);
		if (r == ZT_OK)
			r = subsidy_claim_compute(&s->programme, spent, s->programme.unit[0] ? units : 1, &s->claim, e);
		if (r == ZT_OK)
			r = store_subsidy_programme_source(st, codes[i], fy, s->source, sizeof s->source, e);
		if (r == ZT_OK)
			(*n)++;
	}
	if (r != ZT_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return r;
}

enum zt_err subsidy_claim_summary(struct store *st, int64_t op, int fy, struct subsidy_claim_summary **out, size_t *n,
				  struct zt_error *e)
{
	char codes[SUBSIDY_MAX_PROGRAMMES][32];
	int nc = 0;
	*out = NULL;
	*n = 0;
	enum zt_err r = store_subsidy_programmes_used(st, op, fy, codes, SUBSIDY_MAX_PROGRAMMES, &nc, e);
	return r == ZT_OK ? claims_of(st, op, fy, codes, nc, out, n, e) : r;
}

enum zt_err app_subsidy_claims(struct store *st, const struct auth_ctx *auth, int64_t op, int fy,
			       const char *programme, struct subsidy_operator *o, struct subsidy_claim_summary **out,
			       size_t *n, struct zt_error *e)
{
	struct subsidy_operator tmp;
	*out = NULL;
	*n = 0;
	enum zt_err r = operator_checked(st, auth, ACT_PROGRAMME_READ, op, o ? o : &tmp, e);
	if (r != ZT_OK)
		return r;
	if (programme == NULL || programme[0] == '\0')
		return subsidy_claim_summary(st, op, fy, out, n, e);
	char codes[1][32];
	snprintf(codes[0], sizeof codes[0], "%s", programme);
	return claims_of(st, op, fy, codes, 1, out, n, e);
}

/* "1,234,567円" or "上限なし". */
static void money(int64_t yen, char *out, size_t n)
{
	if (yen == SUBSIDY_NO_CAP) {
		snprintf(out, n, "上限なし");
		return;
	}
	char d[32];
	subsidy_yen_format(yen, d, sizeof d);
	snprintf(out, n, "%s円", d);
}

enum zt_err app_subsidy_report_section(struct store *st, const struct operator_row *o, int fy, json_t *sections,
				       struct zt_error *e)
{
	struct subsidy_claim_summary *s;
	size_t n;
	enum zt_err r = subsidy_claim_summary(st, o->d.id, fy, &s, &n, e);
	if (r != ZT_OK)
		return r;
	json_t *rows = json_array();
	for (size_t k = 0; k < n; k++) {
		const struct subsidy_programme *p = &s[k].programme;
		const struct subsidy_claim *c = &s[k].claim;
		json_array_append_new(rows, json_pack("[s, s]", "補助事業", p->name));
		for (int i = 0; i < c->ncat; i++) {
			char a[48], b[48], d[48];
			money(c->line[i].spent_yen, a, sizeof a);
			money(c->line[i].cap_yen, b, sizeof b);
			money(c->line[i].claimed_yen, d, sizeof d);
			char sa[64], sb[64], sd[64];
			snprintf(sa, sizeof sa, "支出額 %s", a);
			snprintf(sb, sizeof sb, "区分上限 %s", b);
			snprintf(sd, sizeof sd, "所要額 %s", d);
			json_array_append_new(rows, json_pack("[s, s, s, s]", p->cat[i].name, sa, sb, sd));
		}
		char a[48], b[48], d[48], sa[64], sb[64], sd[64];
		money(c->spent_yen, a, sizeof a);
		money(c->total_cap_yen, b, sizeof b);
		money(c->claimed_yen, d, sizeof d);
		snprintf(sa, sizeof sa, "支出額 %s", a);
		snprintf(sb, sizeof sb, "補助上限額 %s", b);
		snprintf(sd, sizeof sd, "所要額 %s", d);
		json_array_append_new(rows, json_pack("[s, s, s, s]", "合計", sa, sb, sd));
	}
	if (n == 0)
		json_array_append_new(rows, json_pack("[s]", "この年度の補助対象経費の支出は記録されていません。"));
	free(s);
	json_array_append_new(sections, json_pack("{s:s, s:o}", "title", "補助金の所要額（精算額）", "rows", rows));
	return ZT_OK;
}

/* ---- the caps of a year (補助上限額: rows per fiscal year) ---- */

static json_t *caps_json(const struct subsidy_programme *p)
{
	json_t *cats = json_object();
	for (int i = 0; i < p->ncat; i++)
		json_object_set_new(cats, p->cat[i].code,
				    p->cat[i].cap_yen == SUBSIDY_NO_CAP ? json_null() : json_integer(p->cat[i].cap_yen));
	return json_pack("{s:s, s:i, s:I, s:o}", "programme", p->code, "fiscal_year", p->fiscal_year, "total_cap_yen",
			 (json_int_t)p->total_cap_yen, "categories", cats);
}

struct caps_copy_tx {
	const struct zt_actor *who;
	int from, to;
	const char *source;
	int n;
};

static enum zt_err caps_copy_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct caps_copy_tx *c = ctx;
	enum zt_err r = store_subsidy_year_copy(st, c->from, c->to, c->source, &c->n, e);
	struct subsidy_programme *ps = NULL;
	size_t np = 0;
	if (r == ZT_OK)
		r = store_subsidy_programmes(st, c->to, &ps, &np, e);
	for (size_t i = 0; r == ZT_OK && i < np; i++) {
		json_t *a = caps_json(&ps[i]);
		json_object_set_new(a, "copied_from", json_integer(c->from));
		json_object_set_new(a, "source", json_string(c->source));
		r = audit_append(st, c->who, "create", "subsidy_caps", 0, NULL, NULL, a, e);
		json_decref(a);
	}
	free(ps);
	return r;
}

enum zt_err app_subsidy_caps_copy(struct store *st, const struct zt_actor *who, int from, int to, const char *source,
				  int *n, struct zt_error *e)
{
	*n = 0;
	if (from < 2000 || from > 2100)
		return zt_fail(e, ZT_ERR_INVALID, "from", "コピー元の年度は2000〜2100年度で指定してください。");
	if (to < 2000 || to > 2100 || to == from)
		return zt_fail(e, ZT_ERR_INVALID, "to", "登録する年度は2000〜2100年度で、コピー元と別の年度を指定してください。");
	if (source == NULL || source[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "source", "金額の出典（要綱・予算の名称）を指定してください。");
	struct caps_copy_tx c = {who, from, to, source, 0};
	enum zt_err r = store_tx(st, caps_copy_fn, &c, e);
	*n = c.n;
	return r;
}

struct caps_set_tx {
	const struct zt_actor *who;
	const char *programme;
	int fy;
	int64_t total;
	const char *const *categories;
	const int64_t *caps;
	int ncat;
	const char *source;
};

static enum zt_err caps_set_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct caps_set_tx *c = ctx;
	struct subsidy_programme before, after;
	enum zt_err r = store_subsidy_programme_get(st, c->programme, c->fy, &before, e);
	if (r == ZT_ERR_NOTFOUND)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "programme", "%d年度の事業 %s がありません。", c->fy, c->programme);
	if (r == ZT_OK)
		r = store_subsidy_total_set(st, c->programme, c->fy, c->total > 0 ? c->total : before.total_cap_yen,
					    c->source, e);
	for (int i = 0; r == ZT_OK && i < c->ncat; i++)
		r = store_subsidy_category_cap_set(st, c->programme, c->fy, c->categories[i], c->caps[i], e);
	if (r == ZT_OK)
		r = store_subsidy_programme_get(st, c->programme, c->fy, &after, e);
	if (r == ZT_OK) {
		json_t *b = caps_json(&before), *a = caps_json(&after);
		json_object_set_new(a, "source", json_string(c->source));
		r = audit_append(st, c->who, "update", "subsidy_caps", 0, NULL, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return r;
}

enum zt_err app_subsidy_caps_set(struct store *st, const struct zt_actor *who, const char *programme, int fy,
				 int64_t total, const char *const *categories, const int64_t *caps, int ncat,
				 const char *source, struct zt_error *e)
{
	if (fy < 2000 || fy > 2100)
		return zt_fail(e, ZT_ERR_INVALID, "fiscal_year", "年度は2000〜2100年度で指定してください。");
	if (total < 0 || total > INT64_C(100000000000))
		return zt_fail(e, ZT_ERR_INVALID, "total", "補助上限額は0円以上の金額（円）で指定してください。");
	for (int i = 0; i < ncat; i++)
		if (caps[i] != SUBSIDY_NO_CAP && (caps[i] < 0 || caps[i] > INT64_C(100000000000)))
			return zt_fail(e, ZT_ERR_INVALID, "category", "区分 %s の上限額が正しくありません。", categories[i]);
	if (total == 0 && ncat == 0)
		return zt_fail(e, ZT_ERR_INVALID, "total", "変更する補助上限額（--total または --category）を指定してください。");
	if (source == NULL || source[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "source", "金額の出典（要綱・予算の名称）を指定してください。");
	struct caps_set_tx c = {who, programme, fy, total, categories, caps, ncat, source};
	return store_tx(st, caps_set_fn, &c, e);
}
