/*
 * Rows of 代診 (issue 14 §4): doctors' absences, the candidates of a group for a period, the patients
 * and duties an absence affects, accepted substitutions, and what the call chain asks of them.
 * Results as store_patients.h.
 */
#ifndef ZT_STORE_STORE_ABSENCES_H
#define ZT_STORE_STORE_ABSENCES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/patient.h"
#include "domain/substitute.h"

struct store;

/* Absences of practitioner overlapping from..to (inclusive); −1 on a storage error. */
int store_absence_overlaps(struct store *st, int64_t practitioner_id, const char *from, const char *to);
/* Inside a transaction: inserts a (sets a->id). */
enum zt_err store_absence_insert(struct store *st, struct absence *a, struct zt_error *e);
/* The absence with the practitioner's name, institution and its municipality. */
enum zt_err store_absence_get(struct store *st, int64_t id, struct absence *out, struct zt_error *e);

/* The doctors of group's medical member institutions as candidates for from..to; duty_date (may be
 * NULL) marks those already on a duty that day; covered counts substitutions accepted from fy_from
 * (an ISO instant) on. Returns how many (≤ max), −1 on a storage error. */
int store_sub_candidates(struct store *st, int64_t group_id, const char *from, const char *to, const char *duty_date,
			 const char *fy_from, struct sub_candidate *out, int max);
/* Doctors of clinics and hospitals outside group whose institution lies roughly within 16 km of
 * (lat, lon) (a bounding box; the ranking measures exactly), flagged outside, as candidates for
 * from..to like store_sub_candidates. Returns how many (≤ max), −1 on a storage error. */
int store_outside_candidates(struct store *st, int64_t group_id, double lat, double lon, const char *from, const char *to,
			     const char *fy_from, struct sub_candidate *out, int max);
/* Patients whose 主治医 is the practitioner (ids, ≤ max); −1 on error. */
int store_patients_of_primary(struct store *st, int64_t practitioner_id, int64_t *out, int max);
/* Duties of the practitioner from..to into a new array (caller frees). */
enum zt_err store_duties_of(struct store *st, int64_t practitioner_id, const char *from, const char *to,
			    struct duty **out, size_t *n, struct zt_error *e);

/* Inside a transaction: records the accepted substitute for one patient or one duty of absence_id
 * (replacing an earlier one for the same patient or duty). */
enum zt_err store_substitution_put(struct store *st, int64_t absence_id, int64_t patient_id, int64_t duty_id,
				   int64_t practitioner_id, const char *by, int64_t *id, struct zt_error *e);
/* The accepted substitute's practitioner id for (absence, patient) or (absence, duty); 0 when none. */
int64_t store_substitution_of(struct store *st, int64_t absence_id, int64_t patient_id, int64_t duty_id);


#endif
