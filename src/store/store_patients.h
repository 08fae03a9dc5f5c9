/*
 * Rows of the 24-hour network (issue 14 §1–§3): patients, care teams, 在宅療養後方支援病院
 * registrations and their information exchanges, duty hours and duties. Patient rows are
 * 要配慮個人情報: callers (src/app/app_patients.c) ask the policy and write the audit row of every read
 * and write. Results: ZT_OK, ZT_ERR_NOTFOUND, ZT_ERR_CONFLICT, ZT_ERR_BUSY or ZT_ERR_DB (*e filled).
 */
#ifndef ZT_STORE_STORE_PATIENTS_H
#define ZT_STORE_STORE_PATIENTS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/beds.h"
#include "domain/duty.h"
#include "domain/patient.h"

struct store;

enum zt_err store_patient_get(struct store *st, int64_t id, struct patient *out, struct zt_error *e);
/* Inside a transaction: inserts p (sets p->id, created_at, updated_at) / updates every field of p. */
enum zt_err store_patient_insert(struct store *st, struct patient *p, struct zt_error *e);
enum zt_err store_patient_update(struct store *st, struct patient *p, struct zt_error *e);

/* Which patients a listing may show: all, those of municipalities covered by 郡市医師会 assocs, or
 * those whose owner or team includes institution (or a group the institution belongs to). */
struct patient_scope {
	int all;
	const int64_t *assocs;
	int nassocs;
	int64_t institution;
};
/* Patients in scope (summary fields: id, name, kana, birth_date, sex, municipality, status,
 * status_since, care_level, fictional) as a new array *out of *n (caller frees). */
enum zt_err store_patient_list(struct store *st, const struct patient_scope *sc, struct patient **out, size_t *n,
			       struct zt_error *e);

/* The institutions through which a patient may be read: the owner, every institution of the team
 * and, with group_members, every member of the team's group (on-call doctors). Writes up to max ids
 * to out and returns how many (−1 on a storage error). */
int store_patient_institutions(struct store *st, int64_t patient_id, int group_members, int64_t *out, int max);

enum zt_err store_team_ids(struct store *st, int64_t patient_id, struct team_ids *out, struct zt_error *e);
/* Inside a transaction: replaces the team of patient_id. ZT_ERR_CONFLICT when an id is unknown. */
enum zt_err store_team_put(struct store *st, int64_t patient_id, const struct team_ids *t, struct zt_error *e);
/* The team with everything the rules and the call chain need (institutions, practitioners, group
 * membership, the 在後病 registration in force and its last exchange). An empty team when none. */
enum zt_err store_team_load(struct store *st, int64_t patient_id, struct care_team *out, struct zt_error *e);
/* An institution as the team rules see it; ZT_ERR_NOTFOUND when absent. */
enum zt_err store_team_inst(struct store *st, int64_t id, int64_t group_id, struct team_inst *out, struct zt_error *e);
/* store_team_load() without the institutions' 施設基準 (standards left 0): what the call chain needs,
 * in one statement. */
enum zt_err store_team_load_brief(struct store *st, int64_t patient_id, struct care_team *out, struct zt_error *e);
/* The group's hospitals (by id) and the hospitals on night duty for the group on date (夜間休日当直,
 * by id), as store_team_inst(…, group_id, …) sees them without standards; ≤ max into out, returns
 * how many (−1 on a storage error). */
int store_group_hospital_insts(struct store *st, int64_t group_id, struct team_inst *out, int max);
int store_night_hospital_insts(struct store *st, int64_t group_id, const char *date, struct team_inst *out, int max);
/* 代診 (issue 14 §4) in one statement: is practitioner_id absent on date (the newest absence covering
 * it), and whom was accepted as substitute for patient_id (or, when 0, for duty_id) — with the
 * substitute's institution's name and phone; substitute.id 0 when none accepted (or the substitute's
 * institution is gone). Returns 1 absent, 0 not, −1 on a storage error. */
struct absence_cover {
	int64_t absence_id;
	char reason[256];
	struct team_person substitute;
	char institution_name[256], institution_phone[32];
};
int store_absence_cover(struct store *st, int64_t practitioner_id, const char *date, int64_t patient_id, int64_t duty_id,
			struct absence_cover *out);
/* A practitioner (name, phone, institution); ZT_ERR_NOTFOUND when absent. */
enum zt_err store_practitioner_get(struct store *st, int64_t id, struct team_person *out, struct zt_error *e);
/* Sets the phone number the call chain dials for a practitioner (demo, registry). */
enum zt_err store_practitioner_set_phone(struct store *st, int64_t id, const char *phone, struct zt_error *e);
/* Practitioner ids of role (e.g. "doctor") at an institution, in id order; returns how many (≤ max),
 * −1 on a storage error. */
int store_practitioner_ids(struct store *st, int64_t institution_id, const char *role, int64_t *out, int max);
/* True when institution is a member of group (false on errors). */
int store_group_has_member(struct store *st, int64_t group_id, int64_t institution_id);

/* ---- 在宅療養後方支援病院 ---- */
/* Inside a transaction: registrations of the patient in force on today (ended_on NULL). */
int store_backup_active(struct store *st, int64_t patient_id, int64_t *reg_id);
enum zt_err store_backup_insert(struct store *st, int64_t patient_id, int64_t hospital_id, const char *registered_on,
				const char *expires_on, int64_t *id, struct zt_error *e);
enum zt_err store_backup_end(struct store *st, int64_t reg_id, const char *ended_on, struct zt_error *e);
enum zt_err store_exchange_insert(struct store *st, int64_t reg_id, const char *on, const char *note, int64_t *id,
				  struct zt_error *e);
/* The registrations of a patient with their exchanges, newest first, as JSON (caller owns; NULL on error). */
json_t *store_backup_json(struct store *st, int64_t patient_id);

/* ---- 後方病床 ---- */
/* Inside a transaction: upserts the figures of hospital (updated_at at, NULL = now; updated_by by). */
enum zt_err store_beds_put(struct store *st, int64_t hospital_id, const struct bed_figure *b, int n, const char *by,
			   const char *at, struct zt_error *e);
/* The figures of a hospital by ward (≤ WARD__MAX); −1 on a storage error. */
int store_beds_get(struct store *st, int64_t hospital_id, struct bed_figure *out);
/* Hospitals of group (members of kind hospital), by id; −1 on error. */
int store_group_hospitals(struct store *st, int64_t group_id, int64_t *out, int max);

/* ---- duties (当番) ---- */
/* The group's hours and whether its call chain calls the 24h nurse first (defaults when unset). */
enum zt_err store_duty_hours(struct store *st, int64_t group_id, struct duty_hours *h, int *nurse_first,
			     struct zt_error *e);
enum zt_err store_duty_hours_put(struct store *st, int64_t group_id, const struct duty_hours *h, int nurse_first,
				 struct zt_error *e);
/* Inside a transaction: inserts d (sets id). ZT_ERR_CONFLICT when the doctor already has that duty. */
enum zt_err store_duty_insert(struct store *st, struct duty *d, struct zt_error *e);
enum zt_err store_duty_get(struct store *st, int64_t id, struct duty *out, struct zt_error *e);
enum zt_err store_duty_delete(struct store *st, int64_t id, struct zt_error *e);
/* The duties of one slot (group, date, type ≥ 0) in id order, as store_duties(…, date, date, type, …)
 * gives them: the call chain's on-call doctors, with a statement of its own. */
enum zt_err store_slot_duties(struct store *st, int64_t group_id, const char *date, int type, struct duty **out, size_t *n,
			      struct zt_error *e);
/* Duties of a group from..to (inclusive dates) with names and phones, ordered by date and type. */
enum zt_err store_duties(struct store *st, int64_t group_id, const char *from, const char *to, int type,
			 struct duty **out, size_t *n, struct zt_error *e);

#endif
