/*
 * Rows of the clinic development stages (issue 18 §3; seed 002 活動計画の立て方②): the clinics of a
 * 郡市医師会's district with the facts the stage is derived from (standards, tri-state home care and
 * 看取り), every stage recorded (derived snapshots and the coordinator's overrides with reasons: the
 * history) and the plan per clinic. The caller (app_stages.c) derives, asks the policy and writes the
 * audit rows. Results: ZT_OK, ZT_ERR_NOTFOUND, ZT_ERR_BUSY or ZT_ERR_DB.
 */
#ifndef ZT_STORE_STORE_STAGES_H
#define ZT_STORE_STORE_STAGES_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/programme.h"

struct store;

/* One recorded stage. */
struct stage_record {
	int64_t id, institution_id;
	char stage[2], derived[2];
	char source[10];            /* "derived" or "override" */
	char reason[PROG_TEXT_MAX];
	char set_on[11];            /* JST date the stage took effect */
	char username[64];
};

/* A clinic with its facts, its latest record (last.id 0 when none) and its plan. */
struct stage_clinic {
	int64_t id;
	char name[401];
	char municipality[7];
	char municipality_name[101];
	struct stage_facts facts;   /* survey fields -1: the caller fills them */
	struct stage_record last;
	char plan_next_step[PROG_NAME_MAX];
	char plan_action[PROG_TEXT_MAX];
	char plan_due_on[11];
};

/* The clinics (kind clinic) of association_id's district, or the one clinic institution_id (> 0)
 * whatever its district, by municipality and name; a new array (caller frees). */
enum zt_err store_stage_clinics(struct store *st, int64_t association_id, int64_t institution_id,
				struct stage_clinic **out, size_t *n, struct zt_error *e);
/* Inside a transaction: appends r (r->id set). */
enum zt_err store_stage_insert(struct store *st, struct stage_record *r, struct zt_error *e);
/* Records of institution_id (> 0), or of every clinic of association_id's district, oldest first;
 * a new array (caller frees). */
enum zt_err store_stage_history(struct store *st, int64_t association_id, int64_t institution_id,
				struct stage_record **out, size_t *n, struct zt_error *e);
/* Inside a transaction: sets the plan of institution_id (empty fields clear it). */
enum zt_err store_clinic_plan_put(struct store *st, int64_t institution_id, const char *next_step, const char *action,
				  const char *due_on, struct zt_error *e);

#endif
