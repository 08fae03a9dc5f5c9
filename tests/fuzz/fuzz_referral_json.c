/* libFuzzer harness: JSON request decoding of discharge referrals (io/referral_json.h) as the API
 * does it (jansson with JSON_REJECT_DUPLICATES): the referral body (then the domain validation, the
 * implied capabilities and the encoder), a transition body (then the state machine from every
 * state), and a batch confirmation. The first byte picks the decoder; a refusal always names its
 * field. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/referral.h"
#include "io/referral_json.h"

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
	switch (data[0] % 3) {
	case 0: {
		struct referral *x = calloc(1, sizeof *x);
		if (x == NULL)
			abort();
		referral_init(x);
		r = referral_from_json(o, x, &e);
		if (r == ZT_OK)
			r = referral_validate(x, "2026-12-15", &e);
		if (r == ZT_OK) {
			(void)referral_required_caps(x);
			json_decref(referral_to_json(x, "2026-12-15T01:00:00Z"));
		}
		free(x);
		break;
	}
	case 1: {
		struct referral_transition_req t;
		r = referral_transition_from_json(o, &t, &e);
		for (int s = 0; r == ZT_OK && s < RS__MAX; s++) {
			struct referral_facts f = {.state = (enum referral_state)s, .has_clinic = t.clinic_id != 0,
						   .has_nurse = t.nurse_station_id != 0, .clinic_answer = "", .nurse_answer = "",
						   .district_id = 1, .offered_to_id = t.district_id};
			struct referral_step st;
			struct zt_error e2;
			zt_error_clear(&e2);
			if (referral_transition(&f, t.event, (unsigned)data[0] >> 2, t.reason_code, t.reason, &st, &e2) != ZT_OK &&
			    e2.field[0] == '\0')
				abort();
		}
		break;
	}
	default: {
		struct batch_item *items = NULL;
		int n = 0;
		int64_t d = 0;
		r = batch_from_json(o, &d, &items, &n, &e);
		free(items);
		break;
	}
	}
	if (r != ZT_OK && e.field[0] == '\0')
		abort(); /* every refusal names a field */
	json_decref(o);
	return 0;
}
