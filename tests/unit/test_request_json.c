/* JSON request bodies decoded outside their handlers: designations and checklists (seed 001, issue 4
 * §4–§5), support centres (seed 004), sign-in (issue 3 §2). Every refusal names its field. */
#include <jansson.h>
#include <stdlib.h>

#include "domain/facility.h"
#include "domain/grouping.h"
#include "domain/text.h"
#include "io/designation_json.h"
#include "io/facility_json.h"
#include "io/group_json.h"
#include "io/session_json.h"
#include "unit.h"

static json_t *J(const char *text)
{
	json_error_t err;
	json_t *o = json_loads(text, JSON_REJECT_DUPLICATES, &err);
	if (o == NULL) {
		fprintf(stderr, "bad test JSON: %s\n", text);
		abort();
	}
	return o;
}

/* Decodes a designation body; returns the field of the refusal ("" when accepted). */
static const char *desig(const char *text, struct dw_designation *d)
{
	static struct zt_error e;
	zt_error_clear(&e);
	memset(d, 0, sizeof *d);
	json_t *o = J(text);
	enum zt_err r = designation_from_json(o, d, &e);
	json_decref(o);
	CHECK((r == ZT_OK) == (e.field[0] == '\0'));
	return r == ZT_OK ? "" : e.field;
}

static const char *checklist(const char *text, size_t *n)
{
	static struct zt_error e;
	zt_error_clear(&e);
	struct oblig_item *items = NULL;
	json_t *o = J(text);
	enum zt_err r = checklist_from_json(o, &items, n, &e);
	json_decref(o);
	free(items);
	return r == ZT_OK ? "" : e.field;
}

static const char *centre(const char *text, int create, struct sc_request *q, json_t **keep)
{
	static struct zt_error e;
	zt_error_clear(&e);
	*keep = J(text);
	enum zt_err r = support_centre_from_json(*keep, create, q, &e);
	return r == ZT_OK ? "" : e.field;
}

static const char *signin(const char *text)
{
	static struct zt_error e;
	zt_error_clear(&e);
	struct signin_request s;
	json_t *o = J(text);
	enum zt_err r = signin_from_json(o, &s, &e);
	json_decref(o);
	return r == ZT_OK ? "" : e.field;
}

int main(void)
{
	struct dw_designation d;
	/* seed 001: a designation names the municipality, the institution and the role; basis defaults
	 * to the selection rule and the plan period to the 8th plan (2024-2029). */
	CHECK_STR(desig("{\"municipality\":\"082015\",\"institution_id\":12,\"role\":\"active\"}", &d), "");
	CHECK_STR(d.muni, "082015");
	CHECK(d.institution_id == 12 && d.role == DROLE_ACTIVE && d.basis == DBASIS_RULE);
	CHECK_STR(d.plan_period, "2024-2029");
	CHECK_STR(d.reason, "");
	CHECK_STR(desig("{\"municipality\":\"082015\",\"institution_id\":7,\"role\":\"base\",\"basis\":\"override\","
			"\"reason\":\"隣接市の病院が担う\",\"plan_period\":null}",
			&d),
		  "");
	CHECK(d.role == DROLE_BASE && d.basis == DBASIS_OVERRIDE);
	CHECK_STR(d.reason, "隣接市の病院が担う");
	CHECK_STR(d.plan_period, "");
	CHECK_STR(
		desig("{\"municipality\":\"082015\",\"institution_id\":12,\"role\":\"active\",\"is_admin\":true}", &d),
		"is_admin");
	CHECK_STR(desig("{\"municipality\":\"08201\",\"institution_id\":12,\"role\":\"active\"}", &d), "municipality");
	CHECK_STR(desig("{\"municipality\":82015,\"institution_id\":12,\"role\":\"active\"}", &d), "municipality");
	CHECK_STR(desig("{\"municipality\":\"082015\",\"institution_id\":\"12\",\"role\":\"active\"}", &d),
		  "institution_id");
	CHECK_STR(desig("{\"municipality\":\"082015\",\"institution_id\":0,\"role\":\"active\"}", &d),
		  "institution_id");
	CHECK_STR(desig("{\"municipality\":\"082015\",\"institution_id\":12,\"role\":\"king\"}", &d), "role");
	CHECK_STR(desig("{\"municipality\":\"082015\",\"institution_id\":12}", &d), "role");
	CHECK_STR(desig("{\"municipality\":\"082015\",\"institution_id\":12,\"role\":\"base\",\"basis\":\"lottery\"}",
			&d),
		  "basis");
	CHECK_STR(desig("{\"municipality\":\"082015\",\"institution_id\":12,\"role\":\"base\",\"reason\":42}", &d),
		  "reason");
	{
		char big[1200];
		int n = snprintf(big, sizeof big,
				 "{\"municipality\":\"082015\",\"institution_id\":12,\"role\":\"base\",\"reason\":\"");
		for (int i = 0; i < 251; i++)
			big[n++] = 'x';
		snprintf(big + n, sizeof big - (size_t)n, "\"}");
		CHECK_STR(desig(big, &d), "reason"); /* 251 characters: over 250 */
	}
	struct zt_error e;
	zt_error_clear(&e);
	json_t *arr = J("[1]");
	CHECK(designation_from_json(arr, &d, &e) == ZT_ERR_INVALID);
	json_decref(arr);

	/* Checklist (seed 001 obligations): 1–64 items, known item and status codes, real dates. */
	size_t n = 0;
	CHECK_STR(
		checklist(
			"{\"items\":[{\"item\":\"night_support\",\"status\":\"doing\",\"due_date\":\"2026-03-31\"},"
			"{\"item\":\"bcp\",\"status\":\"done\",\"done_date\":\"2025-09-30\",\"evidence\":\"BCP第2版\"}]}",
			&n),
		"");
	CHECK(n == 2);
	CHECK_STR(checklist("{\"items\":[]}", &n), "items");
	CHECK_STR(checklist("{}", &n), "items");
	CHECK_STR(checklist("{\"items\":[\"bcp\"]}", &n), "items");
	CHECK_STR(checklist("{\"items\":[{\"item\":\"golf\",\"status\":\"todo\"}]}", &n), "items");
	CHECK_STR(checklist("{\"items\":[{\"item\":\"bcp\",\"status\":\"finished\"}]}", &n), "status");
	CHECK_STR(
		checklist("{\"items\":[{\"item\":\"bcp\",\"status\":\"todo\",\"due_date\":\"2026-03-31T00:00\"}]}", &n),
		"items");
	CHECK(strcmp(checklist("{\"items\":[{\"item\":\"bcp\",\"status\":\"done\",\"done_date\":\"2025-02-30\"}]}", &n),
		     "") != 0);

	/* Support centres (seed 004): 基幹型 / 連携型, name 1–100 characters, items from the list. */
	struct sc_request q;
	json_t *keep;
	CHECK_STR(centre("{\"medical_area_id\":4,\"institution_id\":21,\"type\":\"linked\",\"name\":\"鹿行センター\","
			 "\"items\":[\"emergency\",\"local\"]}",
			 1, &q, &keep),
		  "");
	CHECK(q.medical_area_id == 4 && q.institution_id == 21 && q.type == SC_LINKED);
	CHECK_STR(q.name, "鹿行センター");
	CHECK(q.items == ((1u << SC_EMERGENCY) | (1u << SC_LOCAL)));
	json_decref(keep);
	CHECK_STR(centre("{\"institution_id\":21,\"type\":\"core\",\"name\":\"X\"}", 1, &q, &keep), "medical_area_id");
	json_decref(keep);
	CHECK_STR(
		centre("{\"medical_area_id\":4,\"institution_id\":-2,\"type\":\"core\",\"name\":\"X\"}", 1, &q, &keep),
		"institution_id");
	json_decref(keep);
	CHECK_STR(centre("{\"medical_area_id\":4,\"institution_id\":2,\"type\":\"hub\",\"name\":\"X\"}", 1, &q, &keep),
		  "type");
	json_decref(keep);
	CHECK_STR(centre("{\"medical_area_id\":4,\"institution_id\":2,\"type\":\"core\"}", 1, &q, &keep), "name");
	json_decref(keep);
	CHECK_STR(
		centre("{\"medical_area_id\":4,\"institution_id\":2,\"type\":\"core\",\"name\":\"X\",\"items\":[\"karaoke\"]}",
		       1, &q, &keep),
		"items");
	json_decref(keep);
	CHECK_STR(centre("{\"name\":\"only\"}", 0, &q, &keep), "items"); /* PUT needs items */
	json_decref(keep);
	CHECK_STR(centre("{\"items\":[],\"name\":5}", 0, &q, &keep), "name");
	json_decref(keep);
	CHECK_STR(centre("{\"items\":[\"awareness\"]}", 0, &q, &keep), "");
	CHECK(q.name == NULL && q.items == (1u << SC_AWARENESS));
	json_decref(keep);

	/* Found by fuzz_designation_json / fuzz_request_json: an empty key ({"": null}) was refused
	 * with an empty field. Now every decoder names it "body". */
	CHECK_STR(desig("{\"municipality\":\"082015\",\"\":null}", &d), "body");
	{
		json_t *o = J("{\"kind\":\"support\",\"\":1}");
		struct initiative *in = calloc(1, sizeof *in);
		zt_error_clear(&e);
		CHECK(initiative_from_json(o, in, &e) == ZT_ERR_INVALID);
		CHECK_STR(e.field, "body");
		free(in);
		json_decref(o);
		o = J("{\"\":1}");
		struct group *g = calloc(1, sizeof *g);
		group_init(g);
		zt_error_clear(&e);
		CHECK(group_from_json(o, g, &e) == ZT_ERR_INVALID);
		CHECK_STR(e.field, "body");
		free(g);
		struct facility f;
		facility_init(&f);
		zt_error_clear(&e);
		CHECK(facility_from_json(o, &f, &e) == ZT_ERR_INVALID);
		CHECK_STR(e.field, "body");
		json_decref(o);
	}
	/* A long unknown key in Japanese: field (64 bytes) and message (512) are cut on a character
	 * boundary, so the JSON error body can be built (an invalid UTF-8 string made it a 500). */
	{
		char body[2048];
		size_t k = (size_t)snprintf(body, sizeof body, "{\"");
		for (int i = 0; i < 200; i++)
			k += (size_t)snprintf(body + k, sizeof body - k, "あ");
		snprintf(body + k, sizeof body - k, "\":1}");
		CHECK(strcmp(desig(body, &d), "") != 0);
		zt_error_clear(&e);
		json_t *o = J(body);
		CHECK(designation_from_json(o, &d, &e) == ZT_ERR_INVALID);
		CHECK(text_valid_utf8(e.field) && strlen(e.field) == 63);
		CHECK(text_valid_utf8(e.message) && strlen(e.message) > 500);
		json_t *err = json_pack("{s:s, s:s}", "field", e.field, "message", e.message);
		CHECK(err != NULL);
		json_decref(err);
		json_decref(o);
		zt_fail(&e, ZT_ERR_INVALID, "ab", "%s", "x");
		CHECK_STR(e.field, "ab");
		zt_fail(&e, ZT_ERR_INVALID, "", "%s", "𠮷𠮷");
		CHECK_STR(e.message, "𠮷𠮷");
	}

	/* Sign-in (issue 3 §2): each wrong member names itself. */
	CHECK_STR(signin("{\"username\":\"doc1\",\"password\":\"pw\"}"), "");
	CHECK_STR(signin("{\"username\":\"doc1\",\"password\":\"pw\",\"totp\":\"123456\"}"), "");
	CHECK_STR(signin("{\"username\":\"doc1\",\"password\":\"pw\",\"totp\":null}"), "");
	CHECK_STR(signin("{\"username\":\"\",\"password\":\"pw\"}"), "username");
	CHECK_STR(signin("{\"username\":1,\"password\":\"pw\"}"), "username");
	CHECK_STR(signin("{\"username\":\"doc1\"}"), "password");
	CHECK_STR(signin("{\"username\":\"doc1\",\"password\":123}"), "password");
	CHECK_STR(signin("{\"username\":\"doc1\",\"password\":\"pw\",\"totp\":123456}"), "totp");
	UNIT_DONE();
}
