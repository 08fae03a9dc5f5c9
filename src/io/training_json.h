/*
 * JSON forms of 訪問診療導入研修 (issue 18 §2): request bodies (programme, session, invitations,
 * advisor, trainee, attendance, visit, follow-up) and the API views. Decoders are pure (the fuzz
 * harness drives them), refuse unknown keys and name the field of every refusal in Japanese.
 */
#ifndef ZT_IO_TRAINING_JSON_H
#define ZT_IO_TRAINING_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "core/error.h"
#include "domain/training.h"

/* {title, fiscal_year, association_id?, max_km?, note?}: applies what body names to *p. */
enum zt_err training_programme_from_json(const json_t *body, struct training_programme *p, struct zt_error *e);
/* {held_on?, place?, note?}: replaces *row. */
enum zt_err training_session_from_json(const json_t *body, struct training_session_row *row, struct zt_error *e);
/* {institution_ids: [..] (1–200 ids), source?: "manual" (default) | "survey"}; *source is a static string. */
#define TRAINING_INVITE_MAX 200
enum zt_err training_invite_from_json(const json_t *body, int64_t *ids, int *n, const char **source,
				      struct zt_error *e);
/* {institution_id, practitioner_id?, name, capacity}. */
enum zt_err training_advisor_from_json(const json_t *body, struct training_advisor_row *a, struct zt_error *e);
/* {institution_id, practitioner_id?, name, wishes?: [advisor ids ≤ 3]} (create) or {wishes?, advisor_id?}
 * (update: *set_advisor true when advisor_id was named, null/0 = unpair). */
enum zt_err training_trainee_from_json(const json_t *body, bool update, struct training_trainee_row *t,
				       bool *set_advisor, int64_t *advisor_id, struct zt_error *e);
/* {attended: bool}. */
enum zt_err training_attendance_from_json(const json_t *body, bool *attended, struct zt_error *e);
/* {visited_on, advisor_id?, note?}. */
struct training_visit_req {
	char visited_on[11];
	int64_t advisor_id;
	char note[2001];
};
enum zt_err training_visit_from_json(const json_t *body, struct training_visit_req *v, struct zt_error *e);
/* {noted_on, started_visits?: bool|null, filed_zaishishin?: bool|null, note?}; −1 = unknown. */
struct training_followup_req {
	char noted_on[11];
	int started_visits, filed_zaishishin;
	char note[2001];
};
enum zt_err training_followup_from_json(const json_t *body, struct training_followup_req *f, struct zt_error *e);

/* Views. */
json_t *training_programme_to_json(const struct training_programme *p);
json_t *training_sessions_to_json(const struct training_session_row s[TS__MAX]);
json_t *training_advisor_to_json(const struct training_advisor_row *a);
/* A trainee with its completion (training_complete) and certificate (c NULL or c->id 0: none). */
json_t *training_trainee_to_json(const struct training_trainee_row *t, const struct training_cert *c);
json_t *training_pair_to_json(const struct training_pair *p);
json_t *training_cert_to_json(const struct training_cert *c);
/* The public status of a 認定証 at /api/v1/certificates/{number} (kind "training"). */
json_t *training_cert_status_to_json(const struct training_cert *c);

#endif
