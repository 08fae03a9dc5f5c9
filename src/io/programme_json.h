/*
 * JSON forms of the coordinator programme (issue 18): request decoders (pure, driven by
 * tests/fuzz/fuzz_programme_json.c; every refusal is ZT_ERR_INVALID naming its field, unknown members
 * refused) and the encoders of replies (new jansson values, caller owns).
 */
#ifndef ZT_IO_PROGRAMME_JSON_H
#define ZT_IO_PROGRAMME_JSON_H

#include <jansson.h>

#include "core/error.h"
#include "domain/programme.h"

/* {name, kind, prefecture, association_id?, municipality?, institution_id?, first_fiscal_year, note?} */
enum zt_err operator_from_json(const json_t *body, struct operator_def *out, struct zt_error *e);
/* {operator_id, kind, title, held_on, start_time?, end_time?, place?, agenda?, minutes?,
 *  people?: [{institution_id?, name?, role?, attended?: true|false|null}],
 *  actions?: [{text, owner, due_on?, done_on?}]} into *out (zeroed first; ids 0). */
enum zt_err meeting_from_json(const json_t *body, struct meeting *out, struct zt_error *e);
/* {stage: "A".."D" | null (back to the derived stage), reason} — a reason is required. */
enum zt_err stage_override_from_json(const json_t *body, int *stage, char reason[PROG_TEXT_MAX], struct zt_error *e);
/* {next_step?, action?, due_on?} */
struct clinic_plan_in {
	char next_step[PROG_NAME_MAX];
	char action[PROG_TEXT_MAX];
	char due_on[11];
};
enum zt_err clinic_plan_from_json(const json_t *body, struct clinic_plan_in *out, struct zt_error *e);
/* {visited_on, visitor, learnt?, follow_up?, operator_id?} */
struct visit_in {
	int64_t operator_id;
	char visited_on[11];
	char visitor[PROG_NAME_MAX];
	char learnt[PROG_TEXT_MAX];
	char follow_up[PROG_TEXT_MAX];
};
enum zt_err visit_from_json(const json_t *body, struct visit_in *out, struct zt_error *e);
/* A nomination {institution_id, fiscal_year, reason, title?, operator_id?} or a decision
 * {status: "awarded"|"declined", decided_on, decision_note?}. */
struct award_in {
	int64_t institution_id, operator_id;
	int64_t fiscal_year;
	char title[PROG_NAME_MAX];
	char reason[PROG_TEXT_MAX];
	int status; /* enum award_status; -1 absent */
	char decided_on[11];
	char decision_note[PROG_TEXT_MAX];
};
enum zt_err award_nomination_from_json(const json_t *body, struct award_in *out, struct zt_error *e);
enum zt_err award_decision_from_json(const json_t *body, struct award_in *out, struct zt_error *e);
/* An edit of a nomination still undecided: {reason, title?} (the institution and year stay). */
enum zt_err award_edit_from_json(const json_t *body, struct award_in *out, struct zt_error *e);

/* {association_id?, set_on?} of a stage snapshot. */
enum zt_err stage_snapshot_from_json(const json_t *body, int64_t *association_id, char set_on[11], struct zt_error *e);

/* Replies. */
json_t *meeting_to_json(const struct meeting *m);

#endif
