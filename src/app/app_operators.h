/*
 * Use cases of the programme operators 事業者 (issue 18): the body that runs a programme — a 郡市医師会's
 * 在宅医療推進コーディネータ, a 地域在宅医療サポートセンター (基幹型/連携型), a 在宅医療に必要な連携を担う拠点,
 * a municipality's 在宅医療・介護連携推進事業, a グループ診療 operator.
 * Access: prefecture staff (of the operator's prefecture) and admin create them (operator_manage);
 * programme_read shows them. An account belongs to an operator through its scope — a coordinator
 * through its 郡市医師会 (operator.association_id among its associations, or the operator's
 * municipality inside its district), prefecture staff through the prefecture. app_operator_policy()
 * is that one test, used by the meetings, visits, stages and the other helpers' use cases.
 * auth NULL is the system (CLI, demo). Results: ZT_OK, ZT_ERR_INVALID (field named), ZT_ERR_NOTFOUND,
 * ZT_ERR_FORBIDDEN, ZT_ERR_CONFLICT, ZT_ERR_BUSY, ZT_ERR_DB.
 */
#ifndef ZT_APP_APP_OPERATORS_H
#define ZT_APP_APP_OPERATORS_H

#include <stddef.h>
#include <stdint.h>

#include "auth/policy.h"
#include "core/error.h"
#include "store/store_operators.h"

struct store;
struct zt_actor;
struct auth_ctx;

/* The policy object of an operator (its prefecture, scope municipality and association); the
 * strings are borrowed from o. */
struct policy_object app_operator_object(const struct operator_row *o);
/* Loads operator id into *out and asks the policy act on it. ZT_ERR_NOTFOUND when absent or, for a
 * read, outside the user's scope (ids of other districts are not revealed). */
enum zt_err app_operator_policy(struct store *st, const struct auth_ctx *auth, enum policy_action act, int64_t id,
				struct operator_row *out, struct zt_error *e);
/* Creates *o (checked: operator_check, the association is a 郡市医師会 and the municipality exists in
 * the prefecture, the institution exists) with its audit row; o->id set. */
enum zt_err app_operator_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				struct operator_def *o, struct zt_error *e);
/* Replaces the fields of operator o->id with *o, checked as on create; its prefecture cannot change
 * (ZT_ERR_INVALID naming prefecture). operator_manage on the operator as it was and as it becomes;
 * audited with both. */
enum zt_err app_operator_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				struct operator_def *o, struct zt_error *e);
/* The operators auth may read (of prefecture, "" = all), into a new array (caller frees). */
enum zt_err app_operator_list(struct store *st, const struct auth_ctx *auth, const char *prefecture,
			      struct operator_row **out, size_t *n, struct zt_error *e);
/* The operator, when auth may read it. */
enum zt_err app_operator_get(struct store *st, const struct auth_ctx *auth, int64_t id, struct operator_row *out,
			     struct zt_error *e);

#endif
