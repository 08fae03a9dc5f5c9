/*
 * Rows of the institution visits (issue 18 §5; seed 002 ①「継続的に訪問し、在宅医療の地域資源を把握」): a
 * log per institution — date, who visited, what was learnt, the follow-up — optionally on behalf of an
 * operator. The caller (app_visits.c) asks the policy and writes the audit rows. Results: ZT_OK,
 * ZT_ERR_NOTFOUND, ZT_ERR_BUSY or ZT_ERR_DB.
 */
#ifndef ZT_STORE_STORE_VISITS_H
#define ZT_STORE_STORE_VISITS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/programme.h"

struct store;

struct institution_visit {
	int64_t id, institution_id, operator_id;
	char visited_on[11];
	char visitor[PROG_NAME_MAX];
	char learnt[PROG_TEXT_MAX];
	char follow_up[PROG_TEXT_MAX];
	char institution_name[401];
	char institution_kind[32];
	char municipality[7];
	char operator_name[201];
	char created_at[21];
};

/* Inside a transaction: inserts v (v->id set). */
enum zt_err store_visit_insert(struct store *st, struct institution_visit *v, struct zt_error *e);
enum zt_err store_visit_get(struct store *st, int64_t id, struct institution_visit *out, struct zt_error *e);
/* Inside a transaction: deletes visit id. */
enum zt_err store_visit_delete(struct store *st, int64_t id, struct zt_error *e);
/* Visits of institution (0 = any) and operator (0 = any) from..to ("" = open), newest first; a new array. */
enum zt_err store_visit_list(struct store *st, int64_t institution_id, int64_t operator_id, const char *from,
			     const char *to, struct institution_visit **out, size_t *n, struct zt_error *e);
/* The number of visits of operator (0 = any) from..to, and of distinct institutions visited. */
enum zt_err store_visit_count(struct store *st, int64_t operator_id, const char *from, const char *to, int *visits,
			      int *institutions, struct zt_error *e);

#endif
