/*
 * Storage of the clinic surveys (issue 18 §1; schema 0019): surveys with their questions, the
 * clinics a survey was sent to with the hashes of their personal links, and one response per clinic.
 * Results as store.h (ZT_OK, ZT_ERR_NOTFOUND, ZT_ERR_DB, ZT_ERR_BUSY); writes run inside the
 * caller's store_tx.
 */
#ifndef ZT_STORE_STORE_SURVEYS_H
#define ZT_STORE_STORE_SURVEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/survey.h"

struct store;

/* A clinic of a district. */
struct survey_clinic {
	int64_t id;
	char name[401];
	char medical_code[11];
};

/* Inserts s (id, created_at, updated_at set) with its questions. */
enum zt_err store_survey_insert(struct store *st, struct survey *s, int64_t created_by, struct zt_error *e);
/* Replaces title and questions of s->id. */
enum zt_err store_survey_update(struct store *st, const struct survey *s, struct zt_error *e);
/* Survey id into *out (with questions when with_def). ZT_ERR_NOTFOUND when absent. */
enum zt_err store_survey_get(struct store *st, int64_t id, bool with_def, struct survey *out, struct zt_error *e);
/* Every survey, newest first, without questions; *out is the caller's (free()). */
enum zt_err store_survey_list(struct store *st, struct survey **out, size_t *n, struct zt_error *e);
/* Sets state (and sent_at / closed_at now when it becomes open / closed) and expires_on (NULL keeps it). */
enum zt_err store_survey_set_state(struct store *st, int64_t id, enum survey_state state, const char *expires_on,
				   struct zt_error *e);
/* The clinics (診療所) in the municipalities covered by association_id, by name; caller frees *out. */
enum zt_err store_survey_district_clinics(struct store *st, int64_t association_id, struct survey_clinic **out,
					  size_t *n, struct zt_error *e);
/* Records (or replaces) the link of institution_id for survey_id. */
enum zt_err store_survey_target_put(struct store *st, int64_t survey_id, int64_t institution_id,
				    const char *token_hash, const char *expires_on, struct zt_error *e);
/* The survey, institution and expiry of the link whose token hash is hash. ZT_ERR_NOTFOUND when none. */
enum zt_err store_survey_target_find(struct store *st, const char *hash, int64_t *survey_id, int64_t *institution_id,
				     char expires_on[11], char stored_hash[65]);
/* The institutions survey_id was sent to; caller frees *out. */
enum zt_err store_survey_targets(struct store *st, int64_t survey_id, int64_t **out, size_t *n, struct zt_error *e);
/* Replaces the response of institution_id to survey_id with ans, from source, answered now. */
enum zt_err store_survey_response_put(struct store *st, int64_t survey_id, int64_t institution_id, const char *source,
				      const struct survey_answers *ans, struct zt_error *e);
/* The response of institution_id (answers, answered_at). ZT_ERR_NOTFOUND when it has not answered. */
enum zt_err store_survey_response_get(struct store *st, int64_t survey_id, int64_t institution_id,
				      struct survey_response *out, struct zt_error *e);
/* Every response of survey_id, by clinic name, with the clinic's registry standards; caller frees *out. */
enum zt_err store_survey_responses(struct store *st, int64_t survey_id, struct survey_response **out, size_t *n,
				   struct zt_error *e);
/* The newest answer of institution_id to key across surveys: survey, value, note, when. */
enum zt_err store_survey_latest_answer(struct store *st, int64_t institution_id, const char *key, int64_t *survey_id,
				       char *value, size_t vsz, char *note, size_t nsz, char answered_at[21],
				       struct zt_error *e);
/* The newest answer to key of every institution that ever answered it (one query instead of one per
 * clinic), ordered by institution_id for bsearch; values longer than the field are "" (never a
 * short answer). Caller frees *out. */
struct survey_value {
	int64_t institution_id;
	char value[48];
};
enum zt_err store_survey_latest_values(struct store *st, const char *key, struct survey_value **out, size_t *n,
				       struct zt_error *e);
/* A clinic's place in a survey: the clinics of the district, the targets and whoever answered. */
struct survey_clinic_status {
	int64_t id;
	char name[401];
	char medical_code[11];
	bool target;          /* a link was sent */
	char answered_at[21]; /* "" when it has not answered */
	char source[8];
};
/* The clinics of survey_id's district with its targets and responders, by name; caller frees *out. */
enum zt_err store_survey_status(struct store *st, int64_t survey_id, int64_t association_id,
				struct survey_clinic_status **out, size_t *n, struct zt_error *e);
/* The institution id whose 医療機関コード is code, or 0. */
int64_t store_survey_institution_by_code(struct store *st, const char *code);

#endif
