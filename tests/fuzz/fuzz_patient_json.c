/* libFuzzer harness: JSON request decoding of the 24-hour network (io/patient_json.h) as the API
 * does it (jansson with JSON_REJECT_DUPLICATES): patients (then the domain validation and the
 * encoder), team ids, duties and duty hours. The first byte picks the decoder; a refusal always
 * names its field. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/duty.h"
#include "domain/patient.h"
#include "io/patient_json.h"

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
	switch (data[0] & 3) {
	case 0: {
		struct patient *p = calloc(1, sizeof *p);
		if (p == NULL)
			abort();
		patient_init(p);
		r = patient_from_json(o, p, &e);
		if (r == ZT_OK)
			r = patient_validate(p, "2026-12-15", &e);
		if (r == ZT_OK) {
			json_t *back = patient_to_json(p, "2026-12-15");
			json_decref(back);
		}
		free(p);
		break;
	}
	case 1: {
		struct team_ids t;
		memset(&t, 0, sizeof t);
		r = team_ids_from_json(o, &t, &e);
		break;
	}
	case 2: {
		struct duty d;
		memset(&d, 0, sizeof d);
		r = duty_from_json(o, &d, &e);
		if (r == ZT_OK)
			r = duty_validate(&d, NULL, &e);
		if (r == ZT_OK)
			json_decref(duty_to_json(&d));
		break;
	}
	default: {
		struct duty_hours h = DUTY_HOURS_DEFAULT;
		int nf = 0;
		r = duty_hours_from_json(o, &h, &nf, &e);
		break;
	}
	}
	if (r != ZT_OK && e.field[0] == '\0')
		abort(); /* every refusal names a field */
	json_decref(o);
	return 0;
}
