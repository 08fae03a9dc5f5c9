/* Read-only reference endpoints: health, vocabularies, prefectures, municipalities, 二次医療圏,
 * 圏域, 郡市医師会. All public: they hold no personal data. (issue 2; the code tables: issue 10) */
#include <string.h>

#include "domain/codes.h"
#include "domain/coverage.h"
#include "domain/designation.h"
#include "domain/grouping.h"
#include "domain/beds.h"
#include "domain/obligations.h"
#include "domain/patient.h"
#include "domain/programme.h"
#include "domain/match.h"
#include "domain/referral.h"
#include "domain/role.h"
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

static json_t *roles_json(void)
{
	static const char *const scopes[] = {[RSCOPE_ALL] = "all", [RSCOPE_PREFECTURE] = "prefecture",
					     [RSCOPE_ASSOCIATIONS] = "associations", [RSCOPE_INSTITUTION] = "institution"};
	json_t *a = json_array();
	for (int i = 0; i < ROLE__MAX; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b}", "code", role_table[i].code, "label", role_table[i].ja,
						   "scope", scopes[role_table[i].scope], "needs_totp", role_table[i].needs_totp));
	return a;
}

/* Replies 200 with every code table of src/domain ({code, label} lists), so that the pages copy
 * no vocabulary by hand. */
void h_meta_codes(struct http_request *req, struct http_reply *rep)
{
	(void)req;
	static const struct {
		const char *key;
		const struct code_entry *table;
		int n;
	} tables[] = {
		{"kinds", inst_kinds, KIND__MAX},
		{"standards", standards, STD__MAX},
		{"capabilities", capabilities, CAP__MAX},
		{"group_roles", group_roles, GROLE__MAX},
		{"initiative_kinds", initiative_kinds, INIT__MAX},
		{"group_kinds", group_kinds, GKIND__MAX},
		{"topics", meeting_topics, TOPIC__MAX},
		{"designation_roles", desig_roles, DROLE__MAX},
		{"designation_bases", desig_bases, DBASIS__MAX},
		{"designation_rules", desig_rules, RULE__MAX},
		{"support_centre_types", sc_types, SC__MAX},
		{"support_centre_items", sc_items, SC_ITEM__MAX},
		{"obligation_statuses", oblig_statuses, OST__MAX},
		{"coverage_statuses", coverage_statuses, 3},
		/* the 24-hour network (issue 14) */
		{"patient_sexes", patient_sexes, SEX__MAX},
		{"care_levels", care_levels, CARE__MAX},
		{"patient_statuses", patient_statuses, PST__MAX},
		{"devices", devices, DEV__MAX},
		{"acp_answers", acp_answers, ACP__MAX},
		{"coord_sources", coord_sources, CSRC__MAX},
		{"wards", wards, WARD__MAX},
		/* discharge referrals and their matching (issue 16) */
		{"referral_states", referral_states, RS__MAX},
		{"referral_events", referral_events, REV__MAX},
		{"referral_parties", referral_parties, RP__MAX},
		{"decline_reasons", decline_reasons, DR__MAX},
		{"preference_kinds", pref_kinds, PREF__MAX},
		{"match_roles", match_roles, MATCH_ROLE__MAX},
		{"match_codes", match_codes, MATCH_CODE__MAX},
		{"match_unassigned", match_unassigned_codes, MATCH_UNASSIGNED__MAX},
		/* the coordinator programme (issue 18) */
		{"operator_kinds", operator_kinds, OPK__MAX},
		{"meeting_kinds", meeting_kinds, MK__MAX},
		{"clinic_stages", clinic_stages, STAGE__MAX},
		{"award_statuses", award_statuses, AWARD__MAX},
	};
	json_t *o = json_object();
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		json_object_set_new(o, tables[i].key, table_json(tables[i].table, tables[i].n));
	json_object_set_new(o, "roles", roles_json());
	reply_json(rep, 200, o);
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
