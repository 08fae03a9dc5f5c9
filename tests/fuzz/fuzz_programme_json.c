/* libFuzzer harness of the coordinator programme's request decoders (issue 18; io/programme_json.h):
 * the body as the API decodes it (jansson with JSON_REJECT_DUPLICATES) through the decoder the first
 * byte picks. Every refusal names its field; an accepted meeting passes meeting_check and its reply
 * encodes; an accepted operator passes operator_check. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/programme_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	json_error_t jerr;
	json_t *o = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL)
		return 0;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = ZT_OK;
	switch (data[0] % 7) {
	case 0: {
		struct operator_def op;
		r = operator_from_json(o, &op, &e);
		if (r == ZT_OK && operator_check(&op, NULL) != ZT_OK)
			abort();
		break;
	}
	case 1: {
		struct meeting *m = calloc(1, sizeof *m);
		if (m == NULL)
			abort();
		r = meeting_from_json(o, m, &e);
		if (r == ZT_OK) {
			if (meeting_check(m, NULL) != ZT_OK)
				abort();
			json_t *j = meeting_to_json(m);
			if (j == NULL)
				abort(); /* every accepted meeting encodes (valid UTF-8 came in) */
			json_decref(j);
		}
		free(m);
		break;
	}
	case 2: {
		int stage = 0;
		char *reason = malloc(PROG_TEXT_MAX);
		if (reason == NULL)
			abort();
		r = stage_override_from_json(o, &stage, reason, &e);
		if (r == ZT_OK && (stage < -1 || stage >= STAGE__MAX || reason[0] == '\0'))
			abort();
		free(reason);
		break;
	}
	case 3: {
		struct clinic_plan_in *p = malloc(sizeof *p);
		if (p == NULL)
			abort();
		r = clinic_plan_from_json(o, p, &e);
		if (r == ZT_OK && p->due_on[0] && !programme_date_ok(p->due_on))
			abort();
		free(p);
		break;
	}
	case 4: {
		struct visit_in *v = malloc(sizeof *v);
		if (v == NULL)
			abort();
		r = visit_from_json(o, v, &e);
		if (r == ZT_OK && (!programme_date_ok(v->visited_on) || v->visitor[0] == '\0'))
			abort();
		free(v);
		break;
	}
	case 5: {
		struct award_in *a = malloc(sizeof *a);
		if (a == NULL)
			abort();
		r = (data[0] & 0x80)   ? award_decision_from_json(o, a, &e)
		    : (data[0] & 0x40) ? award_edit_from_json(o, a, &e)
				       : award_nomination_from_json(o, a, &e);
		if (r == ZT_OK && (data[0] & 0xC0) == 0x40 && a->reason[0] == '\0')
			abort(); /* an edit always carries its reason */
		free(a);
		break;
	}
	default: {
		int64_t assoc = 0;
		char set_on[11];
		r = stage_snapshot_from_json(o, &assoc, set_on, &e);
		if (r == ZT_OK && set_on[0] && !programme_date_ok(set_on))
			abort();
		break;
	}
	}
	if (r != ZT_OK && e.field[0] == '\0')
		abort(); /* every refusal names its field */
	json_decref(o);
	return 0;
}
