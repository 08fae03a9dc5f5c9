/*
 * Storage of 訪問診療導入研修 (seed 002 ②, issue 18 §2): programmes, sessions, invitations, advisors,
 * trainees with attendance and accompanied visits, follow-up notes and the 認定証 (seed 000 §3(3)).
 * Writes run inside the caller's store_tx (app_training.c adds the audit row); reads alone.
 * Every function returns ZT_OK, ZT_ERR_NOTFOUND (the named row is absent) or a storage error.
 */
#ifndef ZT_STORE_TRAINING_H
#define ZT_STORE_TRAINING_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/training.h"
#include "store/store.h"

/* Programmes, newest fiscal year first; fiscal_year 0 = all. *out malloc'd (caller frees). */
enum zt_err store_training_list(struct store *st, int fiscal_year, struct training_programme **out, size_t *n,
				struct zt_error *e);
enum zt_err store_training_get(struct store *st, int64_t id, struct training_programme *out, struct zt_error *e);
/* Inserts p (id set) with its five sessions (no dates yet). */
enum zt_err store_training_insert(struct store *st, struct training_programme *p, struct zt_error *e);
/* Title, max_km, note. */
enum zt_err store_training_update(struct store *st, const struct training_programme *p, struct zt_error *e);
/* The sessions of programme id by step. */
enum zt_err store_training_sessions(struct store *st, int64_t id, struct training_session_row rows[TS__MAX],
				    struct zt_error *e);
enum zt_err store_training_session_put(struct store *st, int64_t id, enum training_step s,
				       const struct training_session_row *row, struct zt_error *e);
/* Invites institution inst (ON CONFLICT nothing: *added false when already invited). */
enum zt_err store_training_invite(struct store *st, int64_t id, int64_t inst, const char *source, bool *added,
				  struct zt_error *e);
/* Invitations, visits and follow-up notes of programme id as new JSON arrays (caller owns); NULL on error. */
json_t *store_training_invitations_json(struct store *st, int64_t id);
json_t *store_training_visits_json(struct store *st, int64_t id);
json_t *store_training_followups_json(struct store *st, int64_t id);

/* Advisors of programme id with their stored coordinates and how many trainees each has. */
enum zt_err store_training_advisors(struct store *st, int64_t id, struct training_advisor_row **out, size_t *n,
				    struct zt_error *e);
enum zt_err store_training_advisor_insert(struct store *st, int64_t programme_id, struct training_advisor_row *a,
					  struct zt_error *e);
/* Trainees of programme id with progress; trainee_id 0 = all, else just that one (NOTFOUND when absent). */
enum zt_err store_training_trainees(struct store *st, int64_t id, int64_t trainee_id, struct training_trainee_row **out,
				    size_t *n, struct zt_error *e);
enum zt_err store_training_trainee_insert(struct store *st, int64_t programme_id, struct training_trainee_row *t,
					  struct zt_error *e);
/* Wishes of trainee t->id. */
enum zt_err store_training_trainee_wishes(struct store *st, const struct training_trainee_row *t, struct zt_error *e);
/* Pairs trainee tid with advisor aid (0 unpairs) with the reason and distance (−1 unknown). */
enum zt_err store_training_pair(struct store *st, int64_t tid, int64_t aid, const char *reason, double km,
				struct zt_error *e);
enum zt_err store_training_attendance_put(struct store *st, int64_t tid, enum training_step s, bool attended,
					  struct zt_error *e);
enum zt_err store_training_visit_insert(struct store *st, int64_t tid, int64_t advisor_id, const char *date,
					const char *note, int64_t *id, struct zt_error *e);
/* started / filed: 1 yes, 0 no, −1 unknown. */
enum zt_err store_training_followup_insert(struct store *st, int64_t tid, const char *date, int started, int filed,
					   const char *note, int64_t *id, struct zt_error *e);

/* ---- 認定証 ---- */
/* Issues a certificate numbered KS-<year of today>-<row id, 6 digits>; *out is the stored row. */
enum zt_err store_training_cert_issue(struct store *st, const struct training_programme *p,
				      const struct training_trainee_row *t, struct training_cert *out, struct zt_error *e);
/* The valid certificate of trainee tid; ZT_ERR_NOTFOUND when none. */
enum zt_err store_training_cert_of(struct store *st, int64_t tid, struct training_cert *out);
/* By number; ZT_ERR_NOTFOUND when unknown. */
enum zt_err store_training_cert_get(struct store *st, const char *number, struct training_cert *out);
/* Revokes the valid certificate of trainee tid with reason (nothing when none). */
enum zt_err store_training_cert_revoke(struct store *st, int64_t tid, const char *reason, struct zt_error *e);

#endif
