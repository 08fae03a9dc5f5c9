/*
 * JSON forms of the 24-hour network (issue 14 §1–§3): patient bodies and views, care teams with
 * their problems, duties. Decoders are pure (the fuzz harness drives them) and refuse unknown keys,
 * naming the field in a Japanese message.
 */
#ifndef ZT_IO_PATIENT_JSON_H
#define ZT_IO_PATIENT_JSON_H

#include <jansson.h>

#include "core/error.h"
#include "domain/beds.h"
#include "domain/duty.h"
#include "domain/patient.h"
#include "domain/substitute.h"

/* Applies the members present in body to *p (a PUT changes only what it names; a create starts from
 * patient_init). ZT_ERR_INVALID naming the field on a wrong type, an unknown code or key. */
enum zt_err patient_from_json(const json_t *body, struct patient *p, struct zt_error *e);
/* The API form of p (codes with Japanese labels; age on today). New reference. */
json_t *patient_to_json(const struct patient *p, const char *today);
/* The summary of a listing row. New reference. */
json_t *patient_summary_json(const struct patient *p, const char *today);

/* Team ids from a body ({group_id, primary_practitioner_id, primary_institution_id, …}); members
 * absent keep the value in *t. */
enum zt_err team_ids_from_json(const json_t *body, struct team_ids *t, struct zt_error *e);
/* The team with its institutions and people, and the problems (problems[0..n)). New reference. */
json_t *team_to_json(const struct care_team *t, const struct team_problem *problems, int n);

/* A duty body {date, type, practitioner_id, source?, note?}; group_id comes from the path. */
enum zt_err duty_from_json(const json_t *body, struct duty *d, struct zt_error *e);
json_t *duty_to_json(const struct duty *d);
/* Duty hours body {day_start:"09:00", day_end:"18:00", saturday_holiday, nurse_first}. */
enum zt_err duty_hours_from_json(const json_t *body, struct duty_hours *h, int *nurse_first, struct zt_error *e);
json_t *duty_hours_to_json(const struct duty_hours *h, int nurse_first);

/* An absence body {practitioner_id, starts_on, ends_on, reason}. */
enum zt_err absence_from_json(const json_t *body, struct absence *a, struct zt_error *e);
json_t *absence_to_json(const struct absence *a);
/* One affected patient or duty with its ranked substitutes (eligible first) and excluded doctors. */
json_t *plan_item_json(const struct plan_item *it);

/* A bed update body {wards: [{ward, reserved, free}, …]} (≤ WARD__MAX entries, each ward once). */
enum zt_err beds_from_json(const json_t *body, struct bed_figure *out, int *n, struct zt_error *e);
/* The figures with labels, their total, and stale per stale_hours at now. */
json_t *beds_to_json(int64_t hospital_id, const struct bed_figure *b, int n, time_t now, int stale_hours);

#endif
