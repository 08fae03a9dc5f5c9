/* libFuzzer harness: JSON request decoding of activity plans (io/plan_json.h) as the API does it
 * (jansson with JSON_REJECT_DUPLICATES): the plan body (then the domain validation against every rule
 * set and each rule set's check on what was chosen), and the rule-set assignment body. The first byte
 * picks the decoder; a refusal always names its field. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/plan.h"
#include "domain/ruleset.h"
#include "io/plan_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	json_error_t jerr;
	json_t *o = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL)
		return 0;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = ZT_OK;
	if (data[0] % 2 == 0) {
		struct plan_def *d = calloc(1, sizeof *d);
		if (d == NULL)
			abort();
		r = plan_from_json(o, d, &e);
		for (size_t i = 0; r == ZT_OK && i < nrulesets; i++) {
			struct zt_error e2;
			zt_error_clear(&e2);
			if (plan_validate(d, rulesets[i], &e2) != ZT_OK) {
				if (e2.field[0] == '\0')
					abort();
				continue;
			}
			struct plan_facts f = {.fiscal_year = 2026, .variant = d->variant, .year_ended = data[0] & 2};
			for (size_t a = 0; a < d->nactions; a++) {
				int k = ruleset_action_index(rulesets[i], d->actions[a].code);
				f.chosen |= 1u << k;
				f.evidence[k] = (int)a;
			}
			struct rule_result res[RULESET_RULES_MAX];
			size_t n = rulesets[i]->check(&f, res);
			if (n > RULESET_RULES_MAX)
				abort();
		}
		free(d);
	} else {
		char rs[32], variant[16];
		r = plan_assignment_from_json(o, rs, sizeof rs, variant, sizeof variant, &e);
	}
	if (r != ZT_OK && e.field[0] == '\0')
		abort(); /* every refusal names a field */
	json_decref(o);
	return 0;
}
