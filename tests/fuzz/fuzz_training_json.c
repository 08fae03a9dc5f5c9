/* libFuzzer harness: JSON request decoding of 訪問診療導入研修 (io/training_json.h) as the API does it
 * (jansson with JSON_REJECT_DUPLICATES): the first byte picks the decoder (programme, session,
 * invitations, advisor, trainee create/update, attendance, visit, follow-up); decoded values then go
 * through the domain checks and the encoders. A refusal always names its field. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/training.h"
#include "io/training_json.h"

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
	char field[32], msg[256];
	switch (data[0] % 8) {
	case 0: {
		struct training_programme *p = calloc(1, sizeof *p);
		if (p == NULL)
			abort();
		r = training_programme_from_json(o, p, &e);
		if (r == ZT_OK) {
			(void)training_check_programme(p->title, p->fiscal_year, p->max_km, field, sizeof field, msg, sizeof msg);
			json_decref(training_programme_to_json(p));
		}
		free(p);
		break;
	}
	case 1: {
		struct training_session_row s[TS__MAX];
		memset(s, 0, sizeof s);
		r = training_session_from_json(o, &s[0], &e);
		if (r == ZT_OK) {
			(void)training_check_date(s[0].held_on, true, 2026, "held_on", msg, sizeof msg);
			json_decref(training_sessions_to_json(s));
		}
		break;
	}
	case 2: {
		int64_t ids[TRAINING_INVITE_MAX];
		int n = 0;
		const char *source;
		r = training_invite_from_json(o, ids, &n, &source, &e);
		break;
	}
	case 3: {
		struct training_advisor_row *a = calloc(1, sizeof *a);
		if (a == NULL)
			abort();
		r = training_advisor_from_json(o, a, &e);
		if (r == ZT_OK) {
			(void)training_check_person(a->name, a->capacity, field, sizeof field, msg, sizeof msg);
			json_decref(training_advisor_to_json(a));
		}
		free(a);
		break;
	}
	case 4:
	case 5: {
		struct training_trainee_row *t = calloc(1, sizeof *t);
		if (t == NULL)
			abort();
		bool set = false;
		int64_t aid = 0;
		r = training_trainee_from_json(o, data[0] % 8 == 5, t, &set, &aid, &e);
		if (r == ZT_OK) {
			(void)training_check_person(t->name, -1, field, sizeof field, msg, sizeof msg);
			json_decref(training_trainee_to_json(t, NULL));
		}
		free(t);
		break;
	}
	case 6: {
		bool att = false;
		r = training_attendance_from_json(o, &att, &e);
		break;
	}
	default: {
		if (data[0] & 8) {
			struct training_visit_req v;
			r = training_visit_from_json(o, &v, &e);
			if (r == ZT_OK)
				(void)training_check_date(v.visited_on, false, 2026, "visited_on", msg, sizeof msg);
		} else {
			struct training_followup_req f;
			r = training_followup_from_json(o, &f, &e);
			if (r == ZT_OK)
				(void)training_check_date(f.noted_on, false, 2026, "noted_on", msg, sizeof msg);
		}
		break;
	}
	}
	if (r != ZT_OK && e.field[0] == '\0')
		abort(); /* every refusal names a field */
	json_decref(o);
	return 0;
}
