/*
 * Use cases of the awards 顕彰 (issue 18 §6; seed 004 2(4)): a coordinator or prefecture staff
 * nominates an institution of their scope with its reasons for a fiscal year (programme_write on the
 * institution's municipality); the prefecture decides (publish on the institution's municipality:
 * the 県在宅医療サポートセンター of seed 004 顕彰 — the same role that publishes designations); once
 * awarded the award is listed publicly (institution, year, title, reason — nothing of who nominated).
 * auth NULL is the system. Results as app_operators.h.
 */
#ifndef ZT_APP_APP_AWARDS_H
#define ZT_APP_APP_AWARDS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "store/store_awards.h"

struct store;
struct zt_actor;
struct auth_ctx;

enum zt_err app_award_nominate(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       struct award *a, struct zt_error *e);
/* Records the decision (status awarded or declined, decided_on, note) on nomination a->id; a is filled
 * with the stored award after. */
enum zt_err app_award_decide(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     struct award *a, struct zt_error *e);
/* Nominations and decisions auth may read (fy 0 = every year); a new array. */
/* A nomination still undecided (status nominated): reason and title replaced (reason required), or
 * withdrawn. programme_write on the nominated institution; a nomination outside the user's scope is
 * not found; once decided ZT_ERR_CONFLICT naming status. Audited (update / withdraw, with before). */
enum zt_err app_award_edit(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			   const char *title, const char *reason, struct award *out, struct zt_error *e);
enum zt_err app_award_withdraw(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			       struct zt_error *e);
enum zt_err app_award_list(struct store *st, const struct auth_ctx *auth, int fy, struct award **out, size_t *n,
			   struct zt_error *e);
/* The public list: awarded only. */
enum zt_err app_award_public(struct store *st, int fy, struct award **out, size_t *n, struct zt_error *e);

#endif
