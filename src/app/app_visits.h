/*
 * Use cases of the institution visits (issue 18 §5; seed 002 ①「地域の病院や診療所（医科および歯科）、
 * 訪問看護ステーションや薬局等を継続的に訪問し、在宅医療の地域資源を把握」): log a visit to an institution
 * (date, who, what was learnt, follow-up; optionally for an operator), list an institution's visits
 * (its page), delete one, and count an operator's visits per fiscal year. Access: programme_write /
 * programme_read on the institution's municipality (and write on the operator when one is named).
 * auth NULL is the system. Results as app_operators.h.
 */
#ifndef ZT_APP_APP_VISITS_H
#define ZT_APP_APP_VISITS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "store/store_visits.h"

struct store;
struct zt_actor;
struct auth_ctx;

/* Logs v (institution_id, visited_on, visitor required) with its audit row; v->id set. */
enum zt_err app_visit_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     struct institution_visit *v, struct zt_error *e);
/* The visits of institution id, newest first (a new array). ZT_ERR_NOTFOUND outside the scope. */
enum zt_err app_visit_list(struct store *st, const struct auth_ctx *auth, int64_t institution_id,
			   struct institution_visit **out, size_t *n, struct zt_error *e);
enum zt_err app_visit_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     struct zt_error *e);
/* Operator's visits in fiscal year fy (0 = this one): the list (a new array) and the counts. */
enum zt_err app_visit_year(struct store *st, const struct auth_ctx *auth, int64_t operator_id, int fy,
			   struct institution_visit **out, size_t *n, int *visits, int *institutions, struct zt_error *e);

#endif
