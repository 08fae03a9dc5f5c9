/* libFuzzer harness: the remaining JSON request bodies of the route table, decoded as their
 * handlers do (jansson with JSON_REJECT_DUPLICATES). The first byte picks the route:
 *   0 POST /session                      signin_from_json (io/session_json.h)
 *   1 PUT  /groups/{id}/members          {"members":[…]} → group_members_from_json
 *   2 POST /groups/{id}/members          group_member_from_json (field "member")
 *   3 PUT  /groups/{id}/agreement        group_agreement_from_json
 *   4 POST /groups/{id}/initiatives      initiative_from_json + initiative_check (the handler's rule)
 * Invariants: only ZT_OK / ZT_ERR_INVALID, every refusal names its field and has a field
 * and message jansson accepts (the JSON error body can be built), accepted values in range. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "domain/grouping.h"
#include "io/group_json.h"
#include "io/session_json.h"

static void expect(enum zt_err r, const struct zt_error *e)
{
	if (r == ZT_OK)
		return;
	if (r != ZT_ERR_INVALID || e->field[0] == '\0')
		abort();
	json_t *body = json_pack("{s:s, s:s}", "field", e->field, "message", e->message); /* as reply_error */
	if (body == NULL)
		abort();
	json_decref(body);
}

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
	enum zt_err r;
	if (!json_is_object(o)) {
		json_decref(o);
		return 0;
	}
	switch (data[0] % 5) {
	case 0: {
		struct signin_request s;
		r = signin_from_json(o, &s, &e);
		expect(r, &e);
		if (r == ZT_OK &&
		    (s.username == NULL || s.username[0] == '\0' || strlen(s.username) > 63 || s.password == NULL ||
		     s.password[0] == '\0' || strlen(s.password) > 4 * ACCOUNT_PASSWORD_MAX))
			abort();
		break;
	}
	case 1:
	case 2:
	case 3: {
		struct group *g = calloc(1, sizeof *g);
		if (g == NULL)
			abort();
		group_init(g);
		if (data[0] % 5 == 1) {
			json_t *members = json_object_get(o, "members");
			r = members == NULL || json_object_size(o) != 1 ? ZT_OK
									: group_members_from_json(members, g, &e);
			expect(r, &e);
			if (r == ZT_OK && (g->nmembers < 0 || g->nmembers > GROUP_MAX_MEMBERS))
				abort();
		} else if (data[0] % 5 == 2) {
			struct group_member m;
			memset(&m, 0, sizeof m);
			r = group_member_from_json(o, &m, "member", &e);
			expect(r, &e);
		} else {
			r = group_agreement_from_json(o, &g->agreement, &e);
			expect(r, &e);
		}
		if (r == ZT_OK)
			json_decref(group_to_json(g, 1));
		free(g);
		break;
	}
	default: {
		struct initiative *in = calloc(1, sizeof *in);
		if (in == NULL)
			abort();
		r = initiative_from_json(o, in, &e);
		expect(r, &e);
		if (r == ZT_OK) {
			char field[64], msg[256];
			field[0] = '\0';
			if (initiative_check(in, field, sizeof field, msg, sizeof msg) != 0 && field[0] == '\0')
				abort();
			json_decref(initiative_to_json(in));
		}
		free(in);
		break;
	}
	}
	json_decref(o);
	return 0;
}
