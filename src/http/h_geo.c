/* Read-only reference endpoints: health, vocabularies, prefectures, municipalities, 二次医療圏,
 * 圏域, 郡市医師会. All public: they hold no personal data. */
#include <string.h>

#include "domain/codes.h"
#include "domain/text.h"
#include "http/routes.h"
#include "store/store.h"

void h_health(struct http_request *req, struct http_reply *rep)
{
	reply_json(rep, 200, json_pack("{s:s, s:i, s:I}", "status", "ok", "schema_version",
				       store_schema_version(req->store), "facilities",
				       (json_int_t)store_facility_count(req->store)));
}

static json_t *table_json(const struct code_entry *t, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", t[i].code, "label", t[i].ja));
	return a;
}

/* Raises 200 with the vocabularies the UI needs for its selects. */
void h_meta_codes(struct http_request *req, struct http_reply *rep)
{
	(void)req;
	reply_json(rep, 200, json_pack("{s:o, s:o, s:o}", "kinds", table_json(inst_kinds, KIND__MAX), "standards",
				       table_json(standards, STD__MAX), "capabilities", table_json(capabilities, CAP__MAX)));
}

/* Reads ?prefecture=NN; replies 400 and returns 0 when malformed. */
static int prefecture_param(struct http_request *req, struct http_reply *rep, const char **out)
{
	*out = http_query(req, "prefecture");
	if (*out && !text_is_digits(*out, 2)) {
		reply_fail(rep, ZT_ERR_INVALID, "prefecture", "prefecture は2桁の都道府県コード（例: 08）で指定してください。");
		return 0;
	}
	return 1;
}

void h_prefectures(struct http_request *req, struct http_reply *rep)
{
	reply_json(rep, 200, json_pack("{s:o}", "items", store_prefectures(req->store)));
}

void h_municipalities(struct http_request *req, struct http_reply *rep)
{
	const char *pref;
	if (prefecture_param(req, rep, &pref))
		reply_json(rep, 200, json_pack("{s:o}", "items", store_municipalities(req->store, pref)));
}

void h_medical_areas(struct http_request *req, struct http_reply *rep)
{
	const char *pref;
	if (prefecture_param(req, rep, &pref))
		reply_json(rep, 200, json_pack("{s:o}", "items", store_medical_areas(req->store, pref)));
}

void h_areas(struct http_request *req, struct http_reply *rep)
{
	const char *pref;
	if (prefecture_param(req, rep, &pref))
		reply_json(rep, 200, json_pack("{s:o}", "items", store_care_areas(req->store, pref)));
}

void h_medical_associations(struct http_request *req, struct http_reply *rep)
{
	reply_json(rep, 200, json_pack("{s:o}", "items", store_medical_associations(req->store)));
}
