/* libFuzzer harness of the subsidy ledger (issue 19 §3): a ledger line's body as the API decodes it
 * (io/subsidy_json.h, jansson with JSON_REJECT_DUPLICATES; a refusal always names its field) and then
 * checked against the seed 003 group-practice caps (domain/subsidy.h); an accepted line's amount goes
 * into a claim, which must never exceed what was spent, any category cap or the total cap. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/subsidy.h"
#include "io/subsidy_json.h"

static void cat(struct subsidy_programme *p, const char *code, int64_t cap)
{
	struct subsidy_category *c = &p->cat[p->ncat];
	snprintf(c->code, sizeof c->code, "%s", code);
	snprintf(c->name, sizeof c->name, "%s", code);
	c->cap_yen = cap;
	c->priority = p->ncat + 1;
	p->ncat++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t jerr;
	json_t *o = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL)
		return 0;
	struct zt_error e;
	zt_error_clear(&e);
	struct subsidy_expense x = {.fiscal_year = 2026};
	enum zt_err r = subsidy_expense_from_json(o, &x, &e);
	json_decref(o);
	if (r != ZT_OK && e.field[0] == '\0')
		abort(); /* every refusal names its field */
	if (r != ZT_OK)
		return 0;
	struct subsidy_programme p = {.fiscal_year = 2026, .total_cap_yen = 6030000, .rate_num = 10, .rate_den = 10};
	cat(&p, "fuku_shujii", 2500000);
	cat(&p, "chosei", 1000000);
	cat(&p, "kenshu", 600000);
	cat(&p, "daishin", 930000);
	cat(&p, "kohou_byosho", SUBSIDY_NO_CAP);
	r = subsidy_expense_check(&p, &x, &e);
	if (r != ZT_OK && e.field[0] == '\0')
		abort();
	if (r != ZT_OK)
		return 0;
	if (x.amount_yen <= 0 || x.amount_yen > SUBSIDY_MAX_AMOUNT_YEN || strcmp(x.kind, "kaishoku") == 0)
		abort(); /* an accepted line is in range and never 会食 */
	int64_t spent[SUBSIDY_MAX_CATEGORIES] = {0};
	int i = subsidy_category_index(&p, x.category);
	spent[i] = x.amount_yen * (int64_t)(1 + size % 50);
	struct subsidy_claim c;
	if (subsidy_claim_compute(&p, spent, 1, &c, &e) != ZT_OK)
		abort();
	if (c.claimed_yen > c.spent_yen || c.claimed_yen > c.total_cap_yen ||
	    (p.cat[i].cap_yen != SUBSIDY_NO_CAP && c.line[i].claimed_yen > p.cat[i].cap_yen))
		abort();
	json_t *back = subsidy_expense_to_json(&x);
	if (back == NULL)
		abort();
	json_decref(back);
	return 0;
}
