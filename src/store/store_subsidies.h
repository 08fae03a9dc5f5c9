/*
 * Rows of the subsidies (issue 19 §3): programmes and their caps per fiscal year, and the expense
 * ledger of an operator with its receipt PDFs. The caller (app_subsidies.c) asks the policy, checks
 * the rules (domain/subsidy.c) and writes the audit row in the same store_tx. Results: ZT_OK,
 * ZT_ERR_NOTFOUND, ZT_ERR_BUSY or ZT_ERR_DB (*e filled when given).
 */
#ifndef ZT_STORE_STORE_SUBSIDIES_H
#define ZT_STORE_STORE_SUBSIDIES_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/subsidy.h"

struct store;

/* The operator (事業者, table of issue 18) a ledger hangs on, as the policy and the statement need it. */
struct subsidy_operator {
	int64_t id;
	char name[201];
	char kind[32];
	char prefecture[3];
	int64_t association_id;   /* 郡市医師会 whose coordinators run it, 0 when none */
	char municipality[7];     /* its municipality, "" when none */
};
/* Operator id; ZT_ERR_NOTFOUND (field "operator_id") when none. */
enum zt_err store_subsidy_operator(struct store *st, int64_t id, struct subsidy_operator *out, struct zt_error *e);

/* The id of the operator named name in prefecture pref; 0 when none (or on error). */
int64_t store_subsidy_operator_by_name(struct store *st, const char *pref, const char *name);

/* Programme code in fiscal year fy with its categories (by priority, then code). ZT_ERR_NOTFOUND
 * (field "programme") when the year has no row for it. */
enum zt_err store_subsidy_programme_get(struct store *st, const char *code, int fy, struct subsidy_programme *out,
					struct zt_error *e);
/* Every programme of fiscal year fy into a new array (caller frees; *n 0 and NULL when none). */
enum zt_err store_subsidy_programmes(struct store *st, int fy, struct subsidy_programme **out, size_t *n,
				     struct zt_error *e);
/* The source note of a programme year ("" when none), for the statement. */
enum zt_err store_subsidy_programme_source(struct store *st, const char *code, int fy, char *out, size_t outsz,
					   struct zt_error *e);

/* Inside a transaction: inserts x (x->id set) / updates x->id's editable fields / deletes id. */
/* The caps of a new fiscal year (補助上限額: rows, not code; issue 19 §3): every programme and category of
 * fiscal year from copied to fiscal year to, with source (where the figures come from). *n: the
 * programmes copied; ZT_ERR_CONFLICT naming fiscal_year when year to already has caps, ZT_ERR_NOTFOUND
 * when year from has none. Run inside store_tx. */
enum zt_err store_subsidy_year_copy(struct store *st, int from, int to, const char *source, int *n, struct zt_error *e);
/* Sets a programme's total cap of year fy (and its source); ZT_ERR_NOTFOUND naming programme. */
enum zt_err store_subsidy_total_set(struct store *st, const char *code, int fy, int64_t total, const char *source,
				    struct zt_error *e);
/* Sets a category's cap (SUBSIDY_NO_CAP: only the total binds); ZT_ERR_NOTFOUND naming category. */
enum zt_err store_subsidy_category_cap_set(struct store *st, const char *code, int fy, const char *category, int64_t cap,
					   struct zt_error *e);
enum zt_err store_subsidy_expense_insert(struct store *st, struct subsidy_expense *x, struct zt_error *e);
enum zt_err store_subsidy_expense_update(struct store *st, const struct subsidy_expense *x, struct zt_error *e);
enum zt_err store_subsidy_expense_delete(struct store *st, int64_t id, struct zt_error *e);
/* Expense id; ZT_ERR_NOTFOUND (field "id") when none. */
enum zt_err store_subsidy_expense_get(struct store *st, int64_t id, struct subsidy_expense *out, struct zt_error *e);
/* The ledger of operator op in fiscal year fy (programme "" = all), by date then id, into a new
 * array (caller frees). */
enum zt_err store_subsidy_expenses(struct store *st, int64_t op, int fy, const char *programme,
				   struct subsidy_expense **out, size_t *n, struct zt_error *e);
/* Sums of the ledger of (op, fy, p->code) per category of p into spent[0..p->ncat) and the number
 * of lines into *lines. */
enum zt_err store_subsidy_spent(struct store *st, int64_t op, int fy, const struct subsidy_programme *p,
				int64_t *spent, int64_t *lines, struct zt_error *e);
/* The programme codes with ledger lines of (op, fy), each once, into codes[0..max) (*n set). */
enum zt_err store_subsidy_programmes_used(struct store *st, int64_t op, int fy, char (*codes)[32], int max, int *n,
					  struct zt_error *e);
/* Receipt PDF of expense id: stores data (borrowed) / copies it into a malloc'd *data (caller frees);
 * ZT_ERR_NOTFOUND (field "receipt") when none. */
enum zt_err store_subsidy_receipt_put(struct store *st, int64_t id, const void *data, size_t len, struct zt_error *e);
enum zt_err store_subsidy_receipt_get(struct store *st, int64_t id, void **data, size_t *len, struct zt_error *e);

#endif
