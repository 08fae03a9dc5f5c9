/*
 * Use cases of the subsidies (補助金, issue 19 §3): the expense ledger of an operator (事業者) per
 * fiscal year with receipt PDFs, and the claim (所要額) per programme. Each takes the policy's
 * auth_ctx (an operator's coordinators and the prefecture of the operator; ACT_PROGRAMME_READ /
 * ACT_PROGRAMME_WRITE; NULL is the system — CLI and demo — and skips the policy) and the audit
 * row's actor; every write is one store_tx with its audit row.
 * Results: ZT_OK, ZT_ERR_INVALID (naming the field), ZT_ERR_NOTFOUND, ZT_ERR_FORBIDDEN,
 * ZT_ERR_UNAUTH, ZT_ERR_MEDIA, ZT_ERR_TOOLARGE, ZT_ERR_BUSY, ZT_ERR_DB (*e filled).
 */
#ifndef ZT_APP_APP_SUBSIDIES_H
#define ZT_APP_APP_SUBSIDIES_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "auth/auth.h"
#include "core/actor.h"
#include "core/error.h"
#include "domain/subsidy.h"
#include "store/store_subsidies.h"

struct store;

/* One programme's claim of an operator and year: the caps, the computed claim, the ledger lines. */
struct subsidy_claim_summary {
	struct subsidy_programme programme;
	struct subsidy_claim claim;
	int64_t lines;
	char source[256]; /* where the caps come from (subsidy_programme.source) */
};

/* The ledger of operator op in fiscal year fy (programme "" = all): the operator into *o (may be
 * NULL) and the lines into a new array *items (caller frees). */
enum zt_err app_subsidy_ledger(struct store *st, const struct auth_ctx *auth, int64_t op, int fy, const char *programme,
			       struct subsidy_operator *o, struct subsidy_expense **items, size_t *n, struct zt_error *e);
/* Adds the line x (x->operator_id, x->fiscal_year set; x->id set on success). 会食 and other
 * ineligible kinds are refused with the reason and nothing is stored. */
enum zt_err app_subsidy_expense_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    struct subsidy_expense *x, struct zt_error *e);
/* Replaces the editable fields of line x->id (its operator and year stay those stored; a new
 * fiscal_year in x is refused: delete and re-enter). Audited with before and after. */
enum zt_err app_subsidy_expense_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				       struct subsidy_expense *x, struct zt_error *e);
/* Deletes line id (audited with what it was). */
enum zt_err app_subsidy_expense_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				       int64_t id, struct zt_error *e);
/* Line id, for reading (policy of its operator). */
enum zt_err app_subsidy_expense_get(struct store *st, const struct auth_ctx *auth, int64_t id,
				    struct subsidy_expense *out, struct zt_error *e);
/* The receipt PDF of line id: content_type must be application/pdf (ZT_ERR_MEDIA) and the bytes a
 * PDF of at most ATTACHMENT_MAX_BYTES (domain/attachment.c). Audited as "upload". */
enum zt_err app_subsidy_receipt_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, const char *content_type, const void *data, size_t len, struct zt_error *e);
/* The receipt PDF of line id into a malloc'd *data (caller frees). */
enum zt_err app_subsidy_receipt_get(struct store *st, const struct auth_ctx *auth, int64_t id, void **data,
				    size_t *len, struct zt_error *e);
/* The caps of a new fiscal year (the administrator's yearly step, `zaitaku subsidy-caps`; no policy:
 * the CLI runs as the system): copies year from into year to with source, audited as one row
 * "create subsidy_caps" per programme; *n the programmes copied. One transaction. */
enum zt_err app_subsidy_caps_copy(struct store *st, const struct zt_actor *who, int from, int to, const char *source,
				  int *n, struct zt_error *e);
/* Changes of one programme's caps in year fy: total > 0 sets the total (total 0: unchanged); each of
 * the ncat categories gets caps[i] (SUBSIDY_NO_CAP: the total alone binds). All or nothing, audited
 * with the caps before and after. */
enum zt_err app_subsidy_caps_set(struct store *st, const struct zt_actor *who, const char *programme, int fy,
				 int64_t total, const char *const *categories, const int64_t *caps, int ncat,
				 const char *source, struct zt_error *e);
/* The programmes of fiscal year fy with their caps (no policy: public figures). Caller frees. */
enum zt_err app_subsidy_programmes(struct store *st, int fy, struct subsidy_programme **out, size_t *n,
				   struct zt_error *e);

/*
 * The claims of operator op for fiscal year fy, one per programme with ledger lines (or only
 * programme when not ""), into a new array *out (caller frees), after the policy's read check.
 */
enum zt_err app_subsidy_claims(struct store *st, const struct auth_ctx *auth, int64_t op, int fy,
			       const char *programme, struct subsidy_operator *o, struct subsidy_claim_summary **out,
			       size_t *n, struct zt_error *e);
/*
 * The same without the policy, for other use cases that have already checked ACT_PROGRAMME_READ on
 * the operator (the yearly report 実績報告書 of issue 19 §4 includes the money through this).
 * Reads only; callable inside or outside a transaction.
 */
enum zt_err subsidy_claim_summary(struct store *st, int64_t op, int fy, struct subsidy_claim_summary **out, size_t *n,
				  struct zt_error *e);

/*
 * The money chapter of the yearly report 実績報告書 (issue 19 §4): appends one section
 * {"title": "補助金の所要額（精算額）", "rows": [[cell, …], …]} to sections for operator o and fiscal
 * year fy — per programme its categories with spending, cap and claimed amount, then the total
 * against the programme cap. The signature is the plans feature's app_plan_report_section_fn
 * (app_plans.c report_sections[]); no policy (the report's caller checked programme_read). Returns
 * non-OK only on a storage failure.
 */
struct operator_row;
enum zt_err app_subsidy_report_section(struct store *st, const struct operator_row *o, int fy, json_t *sections,
				       struct zt_error *e);

#endif
