/*
 * Rows of the 24-hour network's leftovers (issue 14 §2, §4, §5; schema step 0014): the explicit end
 * of a 在宅療養後方支援病院 registration, the group's seed 002 ③ rules, the acute hospitals on night
 * duty by date, the history of bed figures, and the edits of an absence with the substitutions they
 * end. Callers (src/app/app_network.c, app_absences.c) ask the policy and write the audit rows.
 * Results: ZT_OK, ZT_ERR_NOTFOUND, ZT_ERR_CONFLICT or ZT_ERR_DB (*e filled).
 */
#ifndef ZT_STORE_STORE_NETWORK_H
#define ZT_STORE_STORE_NETWORK_H

#include <jansson.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/beds.h"
#include "domain/callchain.h"
#include "domain/substitute.h"

struct store;

/* A 在宅療養後方支援病院 registration as stored. */
struct backup_reg {
	int64_t id, patient_id, hospital_id;
	char hospital_name[256];
	char registered_on[11], expires_on[11], ended_on[11];
	char end_reason[256];
};
enum zt_err store_backup_reg_get(struct store *st, int64_t id, struct backup_reg *out, struct zt_error *e);
/* Inside a transaction: ends registration id (in force) on ended_on with reason; ZT_ERR_CONFLICT
 * when it already ended. */
enum zt_err store_backup_end_explicit(struct store *st, int64_t id, const char *ended_on, const char *reason,
				      struct zt_error *e);

/* The group's rules (BACKUP_RULES_DEFAULT when none stored). */
enum zt_err store_network_rules_get(struct store *st, int64_t group_id, struct backup_rules *out, struct zt_error *e);
/* Inside a transaction: stores the group's rules (by = the user name). */
enum zt_err store_network_rules_put(struct store *st, int64_t group_id, const struct backup_rules *r, const char *by,
				    struct zt_error *e);

/* Inside a transaction: records that hospital_id is on night duty on date for group (sets *id);
 * ZT_ERR_CONFLICT when already recorded. */
enum zt_err store_hospital_duty_insert(struct store *st, int64_t group_id, const char *date, int64_t hospital_id,
				       int64_t *id, struct zt_error *e);
/* Inside a transaction: removes duty id of group (its row into *date / *hospital_id first);
 * ZT_ERR_NOTFOUND when unknown. */
enum zt_err store_hospital_duty_delete(struct store *st, int64_t group_id, int64_t id, char date[11], int64_t *hospital_id,
				       struct zt_error *e);
/* The group's hospital night duties from..to with the hospitals' names, by date (NULL on error). */
json_t *store_hospital_duties_json(struct store *st, int64_t group_id, const char *from, const char *to);

/* Inside a transaction: keeps the figures b[0..n) as published at `at` by `by` (bed history). */
enum zt_err store_bed_history_add(struct store *st, int64_t hospital_id, const struct bed_figure *b, int n, const char *by,
				  const char *at, struct zt_error *e);
/* The latest `limit` updates of a hospital's figures, newest first (NULL on error). */
json_t *store_bed_history_json(struct store *st, int64_t hospital_id, int limit);

/* Inside a transaction: sets the period and reason of absence a (by a->id). */
enum zt_err store_absence_update(struct store *st, const struct absence *a, struct zt_error *e);
/* The substitutions of absence_id for duties dated outside from..to (id, duty_id, duty_date,
 * practitioner_id), NULL on error. */
json_t *store_substitutions_outside_json(struct store *st, int64_t absence_id, const char *from, const char *to);
/* Inside a transaction: removes substitution id (ending it). */
enum zt_err store_substitution_delete(struct store *st, int64_t id, struct zt_error *e);
/* Absences of practitioner overlapping from..to other than absence except_id; −1 on error. */
int store_absence_overlaps_except(struct store *st, int64_t practitioner_id, const char *from, const char *to,
				  int64_t except_id);

#endif
