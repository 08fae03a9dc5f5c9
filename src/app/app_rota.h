/*
 * Use cases of the fair on-call rota (輪番制オンコール, issue 15 §1, §3–§6; seed 002 ⑧, seed 003):
 * the group's rota settings and unavailable dates (absences of the 24-hour network count by
 * themselves), solving a period into the duty table (source 'solver'; pins — rows of any other
 * source — kept) with its fairness certificate stored, manual edits, swaps and giving a duty away
 * (each checked against the solver's hard rules, refused naming the rule), and the CSV import of
 * unavailability. Access: ACT_GROUP_WRITE on the group to change (its coordinators, admin),
 * ACT_GROUP_READ to read (the group's doctors too). auth NULL is the system (demo, CLI).
 * Each change is one store_tx with its audit row (who and, for edits, why).
 */
#ifndef ZT_APP_APP_ROTA_H
#define ZT_APP_APP_ROTA_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

struct store;
struct zt_actor;
struct auth_ctx;
struct rota_settings_req;
struct rota_unavail_req;
struct rota_wish_req;

/* Largest period one solve takes (the solver's limit is two years; a fiscal year is enough here). */
#define APP_ROTA_MAX_DAYS 366
#define APP_ROTA_DEFAULT_TIME_LIMIT 10.0
#define APP_ROTA_MAX_TIME_LIMIT 600.0

/* Checks a period (from ≤ to, ≤ APP_ROTA_MAX_DAYS days): ZT_ERR_INVALID naming from / to. */
enum zt_err app_rota_period_check(const char *from, const char *to, struct zt_error *e);

/* The rota view of a group for from..to as JSON (caller owns): doctors with their settings,
 * unavailable dates, wishes, the calendar (each date with 和暦, weekday, kind and its duties per
 * type), the stored rotas overlapping the period and the certificate of the current duties. */
enum zt_err app_rota_view(struct store *st, const struct auth_ctx *auth, int64_t group_id, const char *from,
			  const char *to, json_t **out, struct zt_error *e);

/* Settings of one doctor of the group (io/rota_request_json.h); ZT_ERR_INVALID practitioner_id when
 * the doctor is not one of the group's. */
enum zt_err app_rota_doctor_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				int64_t group_id, int64_t practitioner_id, const struct rota_settings_req *s,
				struct zt_error *e);

/* An unavailable date of a doctor of the group; *id set. */
enum zt_err app_rota_unavailable_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     int64_t group_id, const struct rota_unavail_req *u, int64_t *id, struct zt_error *e);
enum zt_err app_rota_unavailable_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
					int64_t group_id, int64_t id, struct zt_error *e);
/* The coordinator's CSV (io/rota_unavail_csv.h) in one transaction: all rows or none; the first bad
 * row names its line and column (e->line, e->field). *rows gets how many were stored. */
enum zt_err app_rota_unavailable_import(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
					int64_t group_id, const char *data, size_t len, long *rows, struct zt_error *e);
/* A soft wish of a doctor of the group; *id set. */
enum zt_err app_rota_wish_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			      int64_t group_id, const struct rota_wish_req *w, int64_t *id, struct zt_error *e);

/* Callbacks of a solve: progress (at each better rota: milliseconds since the start, the best
 * objective so far as JSON text) and stop (polled; true = stop now, keep the best). Either may be NULL. */
struct app_rota_hooks {
	void (*progress)(void *ctx, double elapsed_ms, const char *best);
	bool (*stop)(void *ctx);
	void *ctx;
};

/* Solves the group's period: loads the instance (doctors, calendar, unavailability incl. absences,
 * wishes, pins), runs the solver with time_limit seconds and seed, and — when a rota meeting every
 * hard rule was found and not cancelled — replaces the period's solver duties and stores the
 * certificate in one store_tx with the audit row. *result (caller owns) is
 * {status: feasible | infeasible | unknown | cancelled, objective, conflicts[{message, rules[], dates[], doctors[]}],
 *  rota_id, duties, certificate}. ZT_OK also for infeasible (the explanation is the answer). */
enum zt_err app_rota_solve(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t group_id,
			   const char *from, const char *to, double time_limit, uint64_t seed, int64_t job_id,
			   const struct app_rota_hooks *hooks, json_t **result, struct zt_error *e);

/* Queues a solve job (checks access and the period now); *job (caller owns) is the job's JSON. */
enum zt_err app_rota_job_submit(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				int64_t group_id, const char *from, const char *to, double time_limit, uint64_t seed,
				json_t **job, struct zt_error *e);
enum zt_err app_rota_job_get(struct store *st, const struct auth_ctx *auth, int64_t id, json_t **job, struct zt_error *e);
enum zt_err app_rota_job_cancel(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
				struct zt_error *e);

/* ---- edits (§4): each checked with the hard rules of the period's rota, refused with the rule
 * (ZT_ERR_CONFLICT, field "rule", message naming it) when the change breaks one the rota did not
 * break before; the edited duties become source 'manual' (kept by later solves); the certificate of
 * the rota covering the date is recomputed and stored; reason is required (監査: who and why). */
enum zt_err app_rota_swap(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t group_id,
			  int64_t duty_a, int64_t duty_b, const char *reason, json_t **out, struct zt_error *e);
enum zt_err app_rota_give(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t group_id,
			  int64_t duty_id, int64_t practitioner_id, const char *reason, json_t **out, struct zt_error *e);
/* Sets the doctor of slot (date, type): reassigns the slot's duty, or adds one when it is empty. */
enum zt_err app_rota_slot_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t group_id,
			      const char *date, int type, int64_t practitioner_id, const char *reason, json_t **out,
			      struct zt_error *e);

#endif
