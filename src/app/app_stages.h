/*
 * Use cases of the clinic development stages (issue 18 §3; seed 002 活動計画の立て方②「診療所別の計画」):
 * each clinic of a 郡市医師会's district carries a stage A–D derived from its standards and facts in
 * the registry (domain/programme.h clinic_stage_derive) and, when the surveys (issue 18 §1) are
 * there, from the clinic's latest answers; the coordinator may override it with a reason; every stage
 * set is kept (the history), and the district view counts clinics per stage at the end of each fiscal
 * year. Access: programme_read / programme_write on the district (policy object: the association and
 * its municipality) or, for one clinic, on the clinic's municipality. auth NULL is the system.
 * Results as app_operators.h.
 */
#ifndef ZT_APP_APP_STAGES_H
#define ZT_APP_APP_STAGES_H

#include <stddef.h>
#include <stdint.h>

#include "auth/policy.h"
#include "core/error.h"
#include "store/store_stages.h"

struct store;
struct zt_actor;
struct auth_ctx;

/* A clinic as the page shows it: the derived stage, the stage in force (an override while one is
 * in force, else the derived one) and its latest record. */
struct stage_view {
	struct stage_clinic c;
	struct stage_result derived;
	int current;          /* enum clinic_stage */
	bool overridden;
};

/* The counts of one fiscal year: clinics per stage at the year's end (the current stages for this
 * year), and those with no record by then. */
struct stage_year {
	int fiscal_year;
	int count[STAGE__MAX];
	int unrecorded;
};

/* The association to use: association_id when > 0, else a coordinator's first 郡市医師会. ZT_ERR_INVALID
 * (field association_id) when none. Asks act on it. */
enum zt_err app_stage_district(struct store *st, const struct auth_ctx *auth, enum policy_action act,
			       int64_t association_id, int64_t *out, struct zt_error *e);
/* The clinics of the district (*views, new array) and the counts per fiscal year from the first
 * recorded year (at most 10 years back) to this one (*years, new array). Caller frees both. */
enum zt_err app_stage_list(struct store *st, const struct auth_ctx *auth, int64_t association_id,
			   struct stage_view **views, size_t *nviews, struct stage_year **years, size_t *nyears,
			   struct zt_error *e);
/* One clinic (institution id): *view and its history (*hist, new array, oldest first). ZT_ERR_NOTFOUND
 * when it is no clinic or outside the user's scope. */
enum zt_err app_stage_clinic(struct store *st, const struct auth_ctx *auth, int64_t id, struct stage_view *view,
			     struct stage_record **hist, size_t *nhist, struct zt_error *e);
/* Records the derived stage of every clinic of the district whose stage in force is derived and
 * differs from its last record (or has none), as of today; *recorded counts them. One transaction,
 * one audit row per record. */
enum zt_err app_stage_snapshot(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       int64_t association_id, const char *set_on, int *recorded, struct zt_error *e);
/* Overrides the stage of clinic id (stage -1: back to the derived stage) with a reason (required),
 * effective set_on ("" = today); audited. */
enum zt_err app_stage_override(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			       int stage, const char *reason, const char *set_on, struct zt_error *e);
/* Sets the plan of clinic id (next step, action, due date "" or YYYY-MM-DD); audited. */
enum zt_err app_stage_plan(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			   const char *next_step, const char *action, const char *due_on, struct zt_error *e);

#endif
