/* JSON forms of the subsidy ledger and claims (issue 19 §3; see subsidy_json.h). */
#include "io/subsidy_json.h"

#include <string.h>

#include "io/json_fields.h"

enum zt_err subsidy_expense_from_json(const json_t *o, struct subsidy_expense *x, struct zt_error *e)
{
	if (!json_is_object(o))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSONオブジェクトを送ってください。");
	const char *key;
	json_t *v;
	enum zt_err r = ZT_OK;
	json_object_foreach((json_t *)o, key, v) {
		int64_t n = 0;
		if (strcmp(key, "fiscal_year") == 0) {
			r = json_field_int(v, key, 2000, 2100, &n, "年度は2000〜2100の整数で指定してください。", e);
			x->fiscal_year = (int)n;
		} else if (strcmp(key, "amount_yen") == 0) {
			/* Integers only: 1.5 or "1000" are refused, never rounded or parsed. */
			if (json_is_integer(v)) {
				x->amount_yen = json_integer_value(v);
			} else {
				r = zt_fail(e, ZT_ERR_INVALID, key, "金額は円単位の整数で入力してください（小数・文字列は不可）。");
			}
		} else if (strcmp(key, "programme") == 0) {
			r = json_field_str(v, key, x->programme, sizeof x->programme, e);
		} else if (strcmp(key, "category") == 0) {
			r = json_field_str(v, key, x->category, sizeof x->category, e);
		} else if (strcmp(key, "kind") == 0) {
			r = json_field_str(v, key, x->kind, sizeof x->kind, e);
		} else if (strcmp(key, "spent_on") == 0) {
			r = json_field_str(v, key, x->spent_on, sizeof x->spent_on, e);
		} else if (strcmp(key, "payee") == 0) {
			r = json_field_str(v, key, x->payee, sizeof x->payee, e);
		} else if (strcmp(key, "note") == 0) {
			r = json_field_str(v, key, x->note, sizeof x->note, e);
		} else if (strcmp(key, "id") == 0 || strcmp(key, "operator_id") == 0 || strcmp(key, "receipt") == 0 ||
			   strcmp(key, "updated_at") == 0 || strcmp(key, "kind_name") == 0) {
			continue; /* the server's own fields, sent back by a page: ignored */
		} else {
			r = json_field_unknown(key, e);
		}
		if (r != ZT_OK)
			return r;
	}
	return ZT_OK;
}

json_t *subsidy_expense_to_json(const struct subsidy_expense *x)
{
	int k = subsidy_kind_lookup(x->kind);
	return json_pack("{s:I, s:I, s:i, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:b, s:s}", "id", (json_int_t)x->id,
			 "operator_id", (json_int_t)x->operator_id, "fiscal_year", x->fiscal_year, "programme",
			 x->programme, "category", x->category, "kind", x->kind, "kind_name",
			 k >= 0 ? subsidy_kinds[k].name : x->kind, "spent_on", x->spent_on, "amount_yen",
			 (json_int_t)x->amount_yen, "payee", x->payee, "note", x->note, "receipt", x->receipt_size > 0,
			 "updated_at", x->updated_at);
}

static json_t *cap_json(int64_t cap)
{
	return cap == SUBSIDY_NO_CAP ? json_null() : json_integer((json_int_t)cap);
}

json_t *subsidy_programme_to_json(const struct subsidy_programme *p)
{
	json_t *cats = json_array();
	for (int i = 0; i < p->ncat; i++)
		json_array_append_new(cats, json_pack("{s:s, s:s, s:o, s:i}", "code", p->cat[i].code, "name",
						      p->cat[i].name, "cap_yen", cap_json(p->cat[i].cap_yen), "priority",
						      p->cat[i].priority));
	return json_pack("{s:s, s:s, s:i, s:I, s:s, s:s, s:o}", "code", p->code, "name", p->name, "fiscal_year",
			 p->fiscal_year, "total_cap_yen", (json_int_t)p->total_cap_yen, "unit", p->unit, "rate",
			 p->rate_num == p->rate_den ? "10/10" : "", "categories", cats);
}

json_t *subsidy_claim_to_json(const struct subsidy_programme *p, const struct subsidy_claim *c, int64_t lines)
{
	json_t *cats = json_array();
	for (int i = 0; i < c->ncat && i < p->ncat; i++) {
		const struct subsidy_claim_line *l = &c->line[i];
		json_array_append_new(cats, json_pack("{s:s, s:s, s:I, s:o, s:I, s:I, s:b, s:b}", "code", p->cat[i].code,
						      "name", p->cat[i].name, "spent_yen", (json_int_t)l->spent_yen,
						      "cap_yen", cap_json(l->cap_yen), "within_cap_yen",
						      (json_int_t)l->within_cap_yen, "claimed_yen",
						      (json_int_t)l->claimed_yen, "cut_by_category", l->cut_by_category,
						      "cut_by_total", l->cut_by_total));
	}
	return json_pack("{s:s, s:s, s:i, s:i, s:I, s:I, s:I, s:I, s:b, s:I, s:o}", "programme", p->code,
			 "programme_name", p->name, "fiscal_year", p->fiscal_year, "units", c->units, "spent_yen",
			 (json_int_t)c->spent_yen, "within_caps_yen", (json_int_t)c->within_caps_yen, "total_cap_yen",
			 (json_int_t)c->total_cap_yen, "claimed_yen", (json_int_t)c->claimed_yen, "cut_by_total",
			 c->cut_by_total, "lines", (json_int_t)lines, "categories", cats);
}
