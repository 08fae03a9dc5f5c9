/*
 * Rows of activity plans (issue 19 §2): the rule set a prefecture applies to an operator, the plan per
 * operator and fiscal year with its actions and goals, hand uploads, and the evidence collectors — one
 * function per source of records, each reading what an operator did in a date range. The caller
 * (app_plans.c) asks the policy and writes the audit rows. Results: ZT_OK, ZT_ERR_NOTFOUND, ZT_ERR_BUSY or
 * ZT_ERR_DB (*e filled when given).
 */
#ifndef ZT_STORE_STORE_PLANS_H
#define ZT_STORE_STORE_PLANS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/plan.h"

struct store;

struct plan_assignment {
	int64_t operator_id;
	char ruleset[32];
	char variant[16];
	char set_by[65];
	char set_at[21];
};
/* ZT_ERR_NOTFOUND when the prefecture has not chosen a rule set for the operator yet. */
enum zt_err store_plan_assignment_get(struct store *st, int64_t operator_id, struct plan_assignment *out,
				      struct zt_error *e);
/* Inside a transaction: sets (or replaces) the operator's rule set; set_at filled here. */
enum zt_err store_plan_assignment_put(struct store *st, struct plan_assignment *a, struct zt_error *e);

/* The plan of operator_id in fiscal year fy into *out (zeroed here), with its stamps. */
enum zt_err store_plan_get(struct store *st, int64_t operator_id, int fy, struct plan_def *out, char created_at[21],
			   char updated_at[21], struct zt_error *e);
/* Inside a transaction: inserts (d->id 0) or updates the plan d, replacing its actions and goals. */
enum zt_err store_plan_save(struct store *st, struct plan_def *d, struct zt_error *e);

/* A plan as listed (every operator's status page). */
struct plan_summary {
	int64_t id, operator_id;
	int fiscal_year;
	char ruleset[32];
	char updated_at[21];
};
/* Plans of fiscal year fy (0 = any) for operator (0 = every operator); a new array (caller frees). */
enum zt_err store_plan_list(struct store *st, int64_t operator_id, int fy, struct plan_summary **out, size_t *n,
			    struct zt_error *e);

struct plan_upload {
	int64_t id, plan_id;
	char action[16];
	char title[201];
	char held_on[11];
	char content_type[32];
	int64_t size;
	char uploaded_by[65];
	char uploaded_at[21];
};
/* Inside a transaction: stores u with data (u->id, uploaded_at set). */
enum zt_err store_plan_upload_insert(struct store *st, struct plan_upload *u, const void *data, size_t len,
				     struct zt_error *e);
/* Uploads of plan_id, newest first; a new array (caller frees). */
enum zt_err store_plan_upload_list(struct store *st, int64_t plan_id, struct plan_upload **out, size_t *n,
				   struct zt_error *e);
/* Upload id (row and a new buffer with its data, caller frees). */
enum zt_err store_plan_upload_get(struct store *st, int64_t id, struct plan_upload *out, void **data, size_t *len,
				  struct zt_error *e);

/* The operator of plan_id. */
enum zt_err store_plan_operator_of(struct store *st, int64_t plan_id, int64_t *operator_id);

/* ---- evidence (Do) and indicators (Check) from the records ---- */

/* What an operator covers: its own id, its 郡市医師会 (districts, groups, referrals) and municipality, and
 * the dates (inclusive, JST) of the fiscal year up to today. */
struct evidence_scope {
	int64_t operator_id, association_id;
	char municipality[7];
	int fiscal_year;
	char from[11], to[11];
	char from_utc[21], to_utc[21]; /* the same days as UTC instants: [from_utc, to_utc) */
};
/* Fills sc's dates for fiscal year fy up to today (JST): from 1 April to min(31 March, today). */
void evidence_scope_dates(struct evidence_scope *sc, int fy, const char *today);
struct evidence_item {
	char source[16]; /* "meeting", "visit", … (domain/plan_evidence.h) */
	char kind[32];   /* the record's kind ("exchange" for a 情報交換会) or "" */
	int64_t id;      /* the record's id */
	char date[11];
	char title[256];
};
struct evidence_list {
	struct evidence_item *items;
	size_t n, cap;
};
void evidence_list_release(struct evidence_list *l);

/* One collector per source; each appends the source's records of sc to out. */
typedef enum zt_err (*store_evidence_fn)(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
					 struct zt_error *e);
enum zt_err store_evidence_meetings(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				    struct zt_error *e);
enum zt_err store_evidence_visits(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				  struct zt_error *e);
enum zt_err store_evidence_referrals(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				     struct zt_error *e);
enum zt_err store_evidence_escalations(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				       struct zt_error *e);
enum zt_err store_evidence_groups(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				  struct zt_error *e);
enum zt_err store_evidence_initiatives(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				       struct zt_error *e);
enum zt_err store_evidence_rotas(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				 struct zt_error *e);
/* Surveys of the district sent in the year (STEP1 アンケート調査) and the sessions of its 訪問診療導入研修
 * held in the year (kind: the step code). */
enum zt_err store_evidence_surveys(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				   struct zt_error *e);
enum zt_err store_evidence_trainings(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				     struct zt_error *e);

/* The value of indicator ind over sc (counts; patients only as numbers, never names). */
enum zt_err store_plan_indicator(struct store *st, const struct evidence_scope *sc, enum plan_indicator ind,
				 int64_t *value, struct zt_error *e);

#endif
