/*
 * Use cases of the 24-hour network (issue 14 §1–§3, §6): patients (要配慮個人情報), their care teams,
 * 在宅療養後方支援病院 registrations, duties and the call chain. Each asks the policy itself (patients:
 * policy_check_patient over the owner and the team; duties: the group's policy), runs the domain
 * rules and writes in one store_tx with its audit row. **Every read of patient data writes an audit
 * row too** (a read that cannot be recorded is refused). auth NULL is the system (CLI, demo): it
 * may do everything; who NULL records the system as the actor.
 */
#ifndef ZT_APP_APP_PATIENTS_H
#define ZT_APP_APP_PATIENTS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "auth/policy.h"
#include "core/error.h"
#include "domain/callchain.h"
#include "domain/patient.h"
#include "store/store_patients.h"

struct store;
struct zt_actor;
struct auth_ctx;

/* A patient with its team and the team's problems as of today. */
struct app_patient_view {
	struct patient p;
	struct care_team team;
	struct team_problem problems[TEAM_PROBLEMS_MAX];
	int nproblems;
	char today[11];
};

/* Creates p (validated; p->id set). The owner institution defaults to the user's own institution
 * (doctor, nurse, hospital). ZT_ERR_INVALID naming the field, ZT_ERR_FORBIDDEN outside scope. */
enum zt_err app_patient_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       struct patient *p, struct zt_error *e);
/* Applies body (patient_from_json) to patient id, validates and stores; *out gets the result. */
enum zt_err app_patient_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			       const json_t *body, struct patient *out, struct zt_error *e);
/* Reads patient id with its team (audit row "read"). ZT_ERR_NOTFOUND, ZT_ERR_FORBIDDEN. */
enum zt_err app_patient_read(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     struct app_patient_view *v, struct zt_error *e);
/* The patients the user may see (summary rows; one audit row "read" of object patient_list).
 * *out is the caller's (free()). */
enum zt_err app_patient_list(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     struct patient **out, size_t *n, struct zt_error *e);

/* The list search and paging of the patient list page (issue 14 §9). */
struct patient_filter {
	const char *q;            /* name or kana words (NULL/"" = all); ≤ 100 bytes, ≤ 8 words */
	const char *municipality; /* 6 digits (NULL/"" = all) */
	int limit, offset;        /* 1..500 (0 = 50), ≥ 0 */
};
/* The page of patients in scope matching f (summary rows, by kana); *total counts all matches. One
 * audit row "read" of patient_list with the ids shown and the query. ZT_ERR_INVALID naming q,
 * municipality, limit or offset. *out is the caller's (free()). */
enum zt_err app_patient_find(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     const struct patient_filter *f, struct patient **out, size_t *n, size_t *total,
			     struct zt_error *e);

/* Replaces the members of the team named in body (team_ids_from_json) after checking kinds:
 * 主治医/副主治医 of medical institutions and their practitioners, 副主治医 of another institution
 * (ZT_ERR_INVALID secondary_institution_id), a group the 主治医's institution belongs to, nurse
 * station / pharmacy / 居宅介護支援事業所 / hospital kinds. *v gets the new view. */
enum zt_err app_team_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			 const json_t *body, struct app_patient_view *v, struct zt_error *e);

/* Registers the patient with a 在宅療養後方支援病院 (施設基準 在後病 and ≥ 200 beds, else
 * ZT_ERR_INVALID hospital_id); ZT_ERR_CONFLICT while another registration is in force unless
 * end_previous (then it ends on registered_on). */
enum zt_err app_backup_register(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				int64_t patient_id, int64_t hospital_id, const char *registered_on, const char *expires_on,
				bool end_previous, int64_t *reg_id, struct zt_error *e);
/* Logs an information exchange with the registered hospital on date on (not in the future).
 * ZT_ERR_CONFLICT when no registration is in force. */
enum zt_err app_exchange_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     int64_t patient_id, const char *on, const char *note, int64_t *id, struct zt_error *e);
/* The registrations and exchanges of a patient as JSON (audit row "read"). */
enum zt_err app_backup_list(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			    int64_t patient_id, json_t **out, struct zt_error *e);

/* Ends the registration reg_id of patient_id explicitly on ended_on (not in the future, not before
 * its registration) with reason (required): one transaction with the audit row (action "end",
 * before/after). ZT_ERR_NOTFOUND for another patient's registration, ZT_ERR_CONFLICT when it has
 * already ended, ZT_ERR_INVALID naming ended_on or reason. */
enum zt_err app_backup_end(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t patient_id,
			   int64_t reg_id, const char *ended_on, const char *reason, struct zt_error *e);

/* The policy on group group_id for action act (the group's base municipality or association and its
 * member institutions, policy_check_group); muni (may be NULL) gets the base municipality. The one
 * group check of the network, rota and feed use cases. ZT_ERR_NOTFOUND for an unknown group. */
enum zt_err app_group_policy(struct store *st, const struct auth_ctx *auth, int64_t group_id, enum policy_action act,
			     char muni[7], struct zt_error *e);
/* The group's policy for the network's group settings (app_network.c): group_read / group_write;
 * muni (may be NULL) gets the group's base municipality. */
enum zt_err app_group_policy_check(struct store *st, const struct auth_ctx *auth, int64_t group_id, bool write,
				   char muni[7], struct zt_error *e);
/* The hospital's policy of the bed figures (patient_read / patient_write located by the hospital);
 * muni gets its municipality; ZT_ERR_INVALID id when the institution is not a hospital. */
enum zt_err app_hospital_policy_check(struct store *st, const struct auth_ctx *auth, int64_t hospital_id, bool write,
				      char muni[7], struct zt_error *e);

/* ---- duties (当番) of a group ---- */
enum zt_err app_duty_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, struct duty *d,
			 struct zt_error *e);
enum zt_err app_duty_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			    int64_t group_id, int64_t duty_id, struct zt_error *e);
/* Duties of a group in from..to (≤ 400 days), with the group's hours. *out is the caller's. */
enum zt_err app_duties(struct store *st, const struct auth_ctx *auth, int64_t group_id, const char *from, const char *to,
		       struct duty **out, size_t *n, struct duty_hours *h, int *nurse_first, struct zt_error *e);
enum zt_err app_duty_hours_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       int64_t group_id, const struct duty_hours *h, int nurse_first, struct zt_error *e);

/* ---- the call chain ---- */
/* The chain of patient id at instant at (audit row "read_call_chain"); *p gets the patient. */
enum zt_err app_call_chain(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			   time_t at, struct patient *p, struct cc_result *out, struct zt_error *e);

/* ---- 後方病床 (issue 14 §5) ---- */
/* Publishes the figures of hospital_id (kind hospital; its own staff or the district's coordinators),
 * validated (field wards[i].…), with updated_at (at; NULL = now — the demo backdates) and who, and
 * an audit row. */
enum zt_err app_beds_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t hospital_id,
			 const struct bed_figure *b, int n, const char *at, struct zt_error *e);
/* The figures of a hospital (≤ WARD__MAX) into out, *n; stale per stale_hours (default 12) at now. */
enum zt_err app_beds_get(struct store *st, const struct auth_ctx *auth, int64_t hospital_id, struct bed_figure *out,
			 int *n, struct zt_error *e);

#endif
