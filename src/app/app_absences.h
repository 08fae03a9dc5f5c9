/*
 * Use cases of 代診 (issue 14 §4; seed 003 代診制): a doctor's absence, the ranked substitutes for
 * every affected patient and duty, and accepting one. Access: the absent doctor's institution and
 * the coordinators of its district (patient_write to record and accept, patient_read to see the
 * plan, which shows patients: every patient shown is an audit row). auth NULL is the system.
 */
#ifndef ZT_APP_APP_ABSENCES_H
#define ZT_APP_APP_ABSENCES_H

#include <jansson.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/substitute.h"

struct store;
struct zt_actor;
struct auth_ctx;

/* Records absence a (validated; overlapping absences of the same doctor refused, field starts_on). */
enum zt_err app_absence_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       struct absence *a, struct zt_error *e);

/* Edits absence id with the members of body ({starts_on?, ends_on?, reason?}; the doctor cannot
 * change, field practitioner_id): shortening (ending early), extending or moving it, validated as a
 * new one (overlaps with the doctor's other absences refused, field starts_on). The substitutions
 * accepted for duties now outside the period are ended. One transaction: the absence's audit row
 * (before/after) and one per ended substitution. *out gets the absence, *ended how many ended. */
enum zt_err app_absence_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			       const json_t *body, struct absence *out, int *ended, struct zt_error *e);

struct absence_plan {
	struct absence a;
	struct plan_item *items; /* malloc'd: patients first, then duties */
	int nitems;
};
/* The plan of absence id: every patient whose 主治医 is the absent doctor and every duty of the
 * doctor in the period, each with ranked substitutes. Free with app_absence_plan_free(). */
enum zt_err app_absence_plan(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     struct absence_plan *out, struct zt_error *e);
void app_absence_plan_free(struct absence_plan *p);

/* Accepts practitioner_id as the substitute for patient_id or duty_id (exactly one) of absence id;
 * the doctor must be eligible in the ranking (ZT_ERR_INVALID practitioner_id with the reason). */
enum zt_err app_substitution_accept(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, int64_t patient_id, int64_t duty_id, int64_t practitioner_id,
				    int64_t *substitution_id, struct zt_error *e);

#endif
