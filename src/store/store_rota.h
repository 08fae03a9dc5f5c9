/*
 * Rows of the on-call rota (輪番制オンコール, issue 15 §1, §6): the group's rota doctors with their
 * settings, unavailable dates (the coordinator's rows and the 24-hour network's absences), wishes,
 * solve jobs, the stored rotas with their certificates, and the solver's rows of `duty`.
 * Failure contract as the other store files: ZT_ERR_DB / ZT_ERR_BUSY with a generic Japanese message,
 * ZT_ERR_NOTFOUND naming "id"; lists come back complete or not at all (caller frees).
 */
#ifndef ZT_STORE_STORE_ROTA_H
#define ZT_STORE_STORE_ROTA_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/patient.h"

struct store;

/* A doctor of the group (an active doctor of a clinic / hospital member) with the rota settings;
 * defaults (share 1, no caps, no carried points) when the coordinator has set none. */
struct rota_doc_row {
	int64_t practitioner_id, institution_id;
	char name[128], institution[256];
	double share;         /* 1 = full share, 0.5 = half */
	int max_per_week;     /* 0 = no cap */
	int max_per_month;    /* 0 = no cap */
	double carried[8];    /* carried-over points per duty type (enum duty_type) */
	int set;              /* the coordinator stored settings for this doctor */
};
enum zt_err store_rota_doctors(struct store *st, int64_t group_id, struct rota_doc_row **out, size_t *n,
			       struct zt_error *e);
/* Inside a transaction: stores the settings of one doctor (insert or replace). */
enum zt_err store_rota_doctor_put(struct store *st, int64_t group_id, const struct rota_doc_row *d, struct zt_error *e);

/* An unavailable date. Source "absence" rows are the absence table's days (id 0, not editable). */
struct rota_unavail_row {
	int64_t id, practitioner_id;
	char date[11], reason[256], source[16]; /* absence | conference | csv | manual */
	char name[128];
};
/* The unavailable dates of the group's doctors in from..to: stored rows and every day of an absence
 * of a doctor of the group, ordered by date and doctor. */
enum zt_err store_rota_unavailable(struct store *st, int64_t group_id, const char *from, const char *to,
				   struct rota_unavail_row **out, size_t *n, struct zt_error *e);
/* Inside a transaction: inserts or replaces (same doctor and date) one row; sets u->id. */
enum zt_err store_rota_unavailable_put(struct store *st, int64_t group_id, struct rota_unavail_row *u, const char *by,
				       struct zt_error *e);
/* Inside a transaction: deletes row id of the group (ZT_ERR_NOTFOUND when none); *before gets it. */
enum zt_err store_rota_unavailable_delete(struct store *st, int64_t group_id, int64_t id, struct rota_unavail_row *before,
					  struct zt_error *e);

/* A soft wish: kind "prefer" or "avoid" a date (duty_type "" = any). */
struct rota_wish_row {
	int64_t id, practitioner_id;
	char date[11], kind[8], duty_type[20];
};
enum zt_err store_rota_wishes(struct store *st, int64_t group_id, const char *from, const char *to,
			      struct rota_wish_row **out, size_t *n, struct zt_error *e);
enum zt_err store_rota_wish_put(struct store *st, int64_t group_id, struct rota_wish_row *w, struct zt_error *e);

/* A solve job. */
struct rota_job {
	int64_t id, group_id;
	char from[11], to[11];
	char state[12];      /* queued | running | done | failed | cancelled */
	double progress;     /* 0..1 */
	char best[512];      /* best objective so far, as JSON text ("" = none yet) */
	int64_t seed;
	double time_limit;   /* seconds */
	int cancel_requested;
	char *result;        /* JSON text (malloc'd, NULL = none): free with store_rota_job_clear */
	char error[1024];
	char created_by[64], created_at[21], started_at[21], finished_at[21];
};
void store_rota_job_clear(struct rota_job *j);
/* Inside a transaction: inserts j as queued (sets id, created_at). */
enum zt_err store_rota_job_insert(struct store *st, struct rota_job *j, struct zt_error *e);
enum zt_err store_rota_job_get(struct store *st, int64_t id, struct rota_job *out, struct zt_error *e);
/* Marks the oldest queued job running and loads it into out: 1 claimed, 0 none queued, −1 error. */
int store_rota_job_claim(struct store *st, struct rota_job *out);
/* Progress and best objective of a running job; returns its cancel_requested flag (−1 on error). */
int store_rota_job_progress(struct store *st, int64_t id, double progress, const char *best);
/* Asks a job to stop: a queued job becomes cancelled at once; a running one has cancel_requested set.
 * ZT_ERR_CONFLICT when it has finished already. */
enum zt_err store_rota_job_cancel(struct store *st, int64_t id, struct zt_error *e);
/* Final state (done / failed / cancelled) with the result (JSON text, may be NULL), the best
 * objective (JSON text, NULL = keep the last progress's) and error. */
enum zt_err store_rota_job_finish(struct store *st, int64_t id, const char *state, const char *result, const char *best,
				  const char *error, struct zt_error *e);
/* At start of serve: jobs left running by a stopped server become failed with reason; returns how many (−1 on error).
 * On PostgreSQL, where several servers share the jobs, only a job whose worker no longer holds it
 * (store_rota_job_hold) and that started over ten seconds ago: another server's live job stays. */
int store_rota_jobs_orphaned(struct store *st, const char *reason);
/* PostgreSQL (several servers, issue 17 §3): the worker running job id holds a session advisory
 * lock on it from just after its claim (hold true) until it is finished (hold false), on the
 * connection it runs the job with; the lock ends with the connection if the server dies. Nothing
 * on SQLite (one server). 0, or -1 on a storage error. */
int store_rota_job_hold(struct store *st, int64_t id, bool hold);

/* A stored rota of a group and period, with its certificate (JSON text). */
struct rota_row {
	int64_t id, group_id, job_id, seed;
	char from[11], to[11];
	char *certificate; /* malloc'd */
	char created_at[21], updated_at[21];
};
void store_rota_row_clear(struct rota_row *r);
/* Inside a transaction: inserts or replaces the rota of (group, from, to); sets r->id. */
enum zt_err store_rota_put(struct store *st, struct rota_row *r, struct zt_error *e);
/* The rotas of a group (from ≤ to_ and to ≥ from_; NULL bounds = all), newest period first; certificate NULL. */
enum zt_err store_rotas(struct store *st, int64_t group_id, const char *from, const char *to, struct rota_row **out,
			size_t *n, struct zt_error *e);
enum zt_err store_rota_get(struct store *st, int64_t id, struct rota_row *out, struct zt_error *e);

/* Inside a transaction: replaces the group's 'solver' duties in from..to by duties[0..n) (each
 * inserted with source 'solver'; pins — rows of other sources — are left as they are). */
enum zt_err store_rota_duties_replace(struct store *st, int64_t group_id, const char *from, const char *to,
				      struct duty *duties, size_t n, struct zt_error *e);
/* Inside a transaction: moves duty id to another doctor (practitioner and institution). */
enum zt_err store_duty_reassign(struct store *st, int64_t id, int64_t practitioner_id, int64_t institution_id,
				const char *source, struct zt_error *e);

#endif
