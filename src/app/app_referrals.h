/*
 * Use cases of discharge referrals (退院調整, issue 16 §1–§4, §6; seed 002 ⑥⑦, seed 004 入退院支援):
 * create and edit a referral (with a new or an existing patient), every transition of the state
 * machine (one store_tx with the referral, its transition row and the audit row; discharge sets the
 * patient's care team through app_team_put), the candidates of one referral and the batch proposal
 * (domain/match.h), the batch confirmation, institution capacity, and the monthly report. Each asks
 * policy_check_referral itself; **every read of referral data writes an audit row** (a read that
 * cannot be recorded is refused). auth NULL is the system (CLI, demo).
 */
#ifndef ZT_APP_APP_REFERRALS_H
#define ZT_APP_APP_REFERRALS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/patient.h"
#include "domain/referral.h"
#include "io/referral_json.h"

struct store;
struct zt_actor;
struct auth_ctx;

/* Creates r as a draft (validated; r->id set). newp non-NULL: a new patient record created in the
 * same transaction (owner: the hospital; home taken from the referral when absent); else
 * r->patient_id names an existing patient the user may read. A hospital user refers from their own
 * hospital; a coordinator names hospital_id. ZT_ERR_INVALID naming the field, ZT_ERR_FORBIDDEN. */
enum zt_err app_referral_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				struct referral *r, struct patient *newp, struct zt_error *e);
/* Applies body to a draft referral (the hospital's), validates and stores it; *out the result. */
enum zt_err app_referral_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
				const json_t *body, struct referral *out, struct zt_error *e);
/* The referral with its transitions (*events, new reference) and the parties the user is (bits);
 * audit row "read". */
enum zt_err app_referral_read(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			      struct referral *out, json_t **events, unsigned *parties, struct zt_error *e);
/* The referrals the user sees (hospital: its own; clinic / nurse station: addressed to it;
 * coordinator: the district's queue and those offered to it; admin: all); state "" = any. One audit
 * row "read" of referral_list. *out is the caller's. */
enum zt_err app_referral_list(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			      const char *state, struct referral **out, size_t *n, struct zt_error *e);
/* One transition (see referral_transition); *out gets the referral after it. */
enum zt_err app_referral_transition(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, const struct referral_transition_req *t, struct referral *out,
				    struct zt_error *e);
/* The ranked candidates of a referral for the coordinators of the district handling it (or offered
 * it): {referral_id, district_id, clinic: [...], nurse_station: [...], neighbours: [...],
 * elsewhere_capable}; audit row "read_candidates". */
enum zt_err app_referral_candidates(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, json_t **out, struct zt_error *e);
/* The optimal batch proposal of a district's queue (sent and declined referrals it handles):
 * assignments with costs, unassigned with reasons, load per institution before and after, the
 * objective and its certificate. Nothing is written but the audit row. */
enum zt_err app_batch_proposal(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       int64_t district, json_t **out, struct zt_error *e);
/* Confirms a batch a coordinator reviewed: each item a "propose" transition (clinic and nurse
 * station), all in one store_tx with the batch row; *batch_id set. */
enum zt_err app_batch_confirm(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			      int64_t district, const struct batch_item *items, int n, int64_t *batch_id,
			      struct zt_error *e);
/* Capacity of an institution: {institution_id, declared, accepts_more, load, left, …}. */
enum zt_err app_capacity_get(struct store *st, const struct auth_ctx *auth, int64_t id, json_t **out,
			     struct zt_error *e);
/* Declares that institution id accepts `more` more home patients (0–500): its own staff or the
 * district's coordinators; audited. */
enum zt_err app_capacity_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     int more, json_t **out, struct zt_error *e);
/* The monthly report of a district ("YYYY-MM"): by state, days to acceptance (median, mean), declines
 * by reason with labels, load per institution. Admin, or a coordinator of the district. */
enum zt_err app_referral_report(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				int64_t district, const char *month, json_t **out, struct zt_error *e);

#endif
