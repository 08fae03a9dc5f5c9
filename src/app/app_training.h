/*
 * Use cases of 訪問診療導入研修（同行訪問研修, seed 002 別紙1 ②, issue 18 §2) and its 認定証 (seed 000
 * §3(3)): one function per thing a coordinator does, called alike by the HTTP handlers and the demo.
 * Each: the policy (ACT_TRAINING_READ / ACT_TRAINING_WRITE on the programme's 郡市医師会) → the rules
 * of domain/training.h → one store_tx with the change and its audit row (object "training", the
 * programme id). Failures fill e with a Japanese message naming the field.
 */
#ifndef ZT_APP_TRAINING_H
#define ZT_APP_TRAINING_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/auth.h"
#include "core/actor.h"
#include "core/error.h"
#include "domain/training.h"
#include "store/store.h"

/* Everything a programme's page shows; free with app_training_view_free. certs[i] belongs to
 * trainees[i] (id 0: none valid). invitations, visits, followups: JSON arrays (owned). */
struct training_view {
	struct training_programme p;
	struct training_session_row sessions[TS__MAX];
	struct training_advisor_row *advisors;
	size_t nadvisors;
	struct training_trainee_row *trainees;
	size_t ntrainees;
	struct training_cert *certs;
	json_t *invitations, *visits, *followups;
};
void app_training_view_free(struct training_view *v);

/* Programmes the user may read (fiscal_year 0 = all). *out malloc'd. */
enum zt_err app_training_list(struct store *st, const struct auth_ctx *auth, int fiscal_year,
			      struct training_programme **out, size_t *n, struct zt_error *e);
/* Creates p (title, fiscal_year, association_id — a coordinator's first 郡市医師会 when 0 —, max_km
 * TRAINING_MAX_KM_DEFAULT when 0) with its five sessions; p is the stored programme after. */
enum zt_err app_training_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				struct training_programme *p, struct zt_error *e);
/* Loads programme id for act (policy included). */
enum zt_err app_training_load(struct store *st, const struct auth_ctx *auth, int64_t id, int act,
			      struct training_programme *p, struct zt_error *e);
enum zt_err app_training_view(struct store *st, const struct auth_ctx *auth, int64_t id, struct training_view *v,
			      struct zt_error *e);
/* Applies body-decoded changes: in is the loaded programme changed by the decoder. */
enum zt_err app_training_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				struct training_programme *in, struct zt_error *e);
enum zt_err app_training_session_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     int64_t id, const char *step, const struct training_session_row *row,
				     struct zt_error *e);
/* Invites clinics / hospitals of the district (field institution_ids names the first refused);
 * *added how many were new. */
enum zt_err app_training_invite(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
				const int64_t *ids, int n, const char *source, int *added, struct zt_error *e);
enum zt_err app_training_advisor_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     int64_t id, struct training_advisor_row *a, struct zt_error *e);
/* Registers a trainee (a doctor of a clinic of the district; wishes name advisors of the programme). */
enum zt_err app_training_trainee_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     int64_t id, struct training_trainee_row *t, struct zt_error *e);
/* Changes wishes (when wishes_set) and, when set_advisor, pairs by hand (advisor_id 0 unpairs; the
 * advisor must have room); the reason then says the coordinator chose, with distance and wish. */
enum zt_err app_training_trainee_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
					int64_t id, int64_t tid, bool wishes_set, const int64_t wishes[TRAINING_WISHES_MAX],
					bool set_advisor, int64_t advisor_id, struct zt_error *e);
/* The matching of the unpaired trainees (training_match) — proposal only, or applied (apply: the pairs
 * stored with their reasons in one transaction). *pairs malloc'd (caller frees), *certified from mcf. */
enum zt_err app_training_match(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			       bool apply, struct training_pair **pairs, size_t *n, bool *certified, struct zt_error *e);
/* Attendance of trainee tid at step (lecture1, lecture2, survey, followup). Unmarking a part a valid
 * 認定証 rests on revokes it. */
enum zt_err app_training_attendance(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, int64_t tid, const char *step, bool attended, struct zt_error *e);
/* An accompanied visit (同行訪問) on date with advisor (0: the paired one). *visit_id the new row. */
enum zt_err app_training_visit_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				   int64_t id, int64_t tid, const char *date, int64_t advisor_id, const char *note,
				   int64_t *visit_id, struct zt_error *e);
/* A follow-up note (started: 1/0/−1 unknown; filed 在支診 likewise). */
enum zt_err app_training_followup_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				      int64_t id, int64_t tid, const char *date, int started, int filed, const char *note,
				      int64_t *note_id, struct zt_error *e);
/* Issues the 認定証 of trainee tid: ZT_ERR_CONFLICT naming what is missing when not complete
 * (training_complete), or when one is already valid. */
enum zt_err app_training_certificate_issue(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
					   int64_t id, int64_t tid, struct training_cert *out, struct zt_error *e);
/* The valid 認定証 of trainee tid (ACT_TRAINING_READ); ZT_ERR_NOTFOUND when none. */
enum zt_err app_training_certificate(struct store *st, const struct auth_ctx *auth, int64_t id, int64_t tid,
				     struct training_cert *out, struct zt_error *e);
/* True when number has the form of a 認定証 number (KS-…), which /api/v1/certificates/{number} routes here. */
bool app_training_cert_number(const char *number);
/* The public status of 認定証 number: ZT_ERR_NOTFOUND when unknown. */
enum zt_err app_training_certificate_status(struct store *st, const char *number, struct training_cert *out,
					    struct zt_error *e);

#endif
