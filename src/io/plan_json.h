/*
 * JSON forms of activity plans (issue 19 §2): the plan body a coordinator writes and the rule-set
 * assignment body a prefecture writes. Decoders are pure (the fuzz harness drives them), refuse unknown
 * keys and name the field in a Japanese message.
 */
#ifndef ZT_IO_PLAN_JSON_H
#define ZT_IO_PLAN_JSON_H

#include <jansson.h>

#include "core/error.h"
#include "domain/plan.h"

/* Applies the members present in body to *d: actions [{code, note?}] (≤ RULESET_ACTIONS_MAX), goals
 * [{indicator, goal}] (integers), variant, goals_note, check_note, act_note. fiscal_year, operator_id and
 * ruleset are the caller's (from the path); given here they are refused. ZT_ERR_INVALID naming the field. */
enum zt_err plan_from_json(const json_t *body, struct plan_def *d, struct zt_error *e);

/* {ruleset, variant?} → ruleset code (must be registered) and variant. */
enum zt_err plan_assignment_from_json(const json_t *body, char *ruleset, size_t rsize, char *variant, size_t vsize,
				      struct zt_error *e);

#endif
