/*
 * Use cases of activity plans (PDCA, issue 19 §1, §2, §4): the prefecture chooses the rule set of an
 * operator; the operator's coordinators write the plan per fiscal year (Plan, Act), the evidence (Do)
 * is collected live from the system's records — one collector per source, see `evidence_sources` in
 * app_plans.c — plus uploads, the indicators are computed against the goals and last year (Check), and
 * the compliance check gives one verdict per rule during the year and at its end. The yearly report
 * (実績報告書) is the same view plus extra sections (the money: `report_sections` in app_plans.c is the
 * seam the subsidies feature fills).
 * Access: read = programme_read on the operator (its coordinators, its prefecture, admin; others get
 * ZT_ERR_NOTFOUND), write = programme_write, rule-set choice = operator_manage (prefecture, admin).
 * auth NULL is the system (CLI, demo). Every write is one store_tx with its audit row.
 * Results: ZT_OK, ZT_ERR_INVALID (field named), ZT_ERR_NOTFOUND, ZT_ERR_FORBIDDEN, ZT_ERR_BUSY, ZT_ERR_DB.
 */
#ifndef ZT_APP_APP_PLANS_H
#define ZT_APP_APP_PLANS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/plan.h"

struct store;
struct auth_ctx;
struct zt_actor;
struct operator_row;

/* The rule sets with their actions and variants (reference data, public). */
json_t *app_plan_rulesets_json(void);

/* Sets the rule set (and Kumamoto variant) the prefecture applies to operator_id. */
enum zt_err app_plan_assign(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			    int64_t operator_id, const char *ruleset, const char *variant, struct zt_error *e);

/* The plan view of operator_id for fiscal year fy: {operator, fiscal_year, fiscal_year_ja, exists,
 * ruleset, variant, actions [{code, label, group, chosen, note, evidence_count, evidence [...]}], goals
 * [{indicator, label, unit, goal, actual, last_year, percent, achieved, text}], goals_note, check_note,
 * act_note, previous_act_note, compliance {compliant, year_ended, rules [...]}, uploads [...]}.
 * A year without a plan yet gives exists:false and what the records already show. */
enum zt_err app_plan_view(struct store *st, const struct auth_ctx *auth, int64_t operator_id, int fy, json_t **out,
			  struct zt_error *e);

/* Writes the plan of operator_id for fy (created or replaced) from d (actions, goals, notes, variant);
 * the rule set is the assigned one. d->id, operator_id, fiscal_year and ruleset are set here. */
enum zt_err app_plan_save(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			  int64_t operator_id, int fy, struct plan_def *d, struct zt_error *e);

/* Adds an upload (PDF, PNG, JPEG ≤ 10 MB, content_type declared and checked against the bytes) as evidence
 * of action, held on held_on (any date form wareki_parse reads, inside fy), in the plan of operator_id, fy. */
enum zt_err app_plan_upload(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			    int64_t operator_id, int fy, const char *action, const char *title, const char *held_on,
			    const char *content_type, const void *data, size_t len, int64_t *id, struct zt_error *e);
/* The data of upload id (content type to ctype), when auth may read its operator's plans. */
enum zt_err app_plan_upload_get(struct store *st, const struct auth_ctx *auth, int64_t id, char ctype[32],
				void **data, size_t *len, struct zt_error *e);

/* Every operator auth may read (of prefecture, "" = all) with its plan status for fy: {fiscal_year,
 * operators [{id, name, kind, ruleset, ruleset_name, plan_exists, compliant, not_met, rules [...]}]}. */
enum zt_err app_plan_status(struct store *st, const struct auth_ctx *auth, const char *prefecture, int fy, json_t **out,
			    struct zt_error *e);

/* The yearly report (実績報告書) JSON of operator_id, fy: the view plus title, generated_ja, sections. */
enum zt_err app_plan_report(struct store *st, const struct auth_ctx *auth, int64_t operator_id, int fy, json_t **out,
			    struct zt_error *e);

/* A section of the yearly report another feature adds: appends {title, rows:[[cell, …], …]} objects to
 * sections for operator o, fiscal year fy. Return non-OK only on a storage failure. */
typedef enum zt_err (*app_plan_report_section_fn)(struct store *st, const struct operator_row *o, int fy,
						  json_t *sections, struct zt_error *e);

#endif
