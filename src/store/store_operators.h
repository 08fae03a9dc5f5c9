/*
 * Rows of the programme operators (事業者, issue 18): the body that runs a coordinator programme, a
 * support centre, a 拠点, a municipal programme or a group practice. The caller (app_operators.c) asks
 * the policy and writes the audit row. Results: ZT_OK, ZT_ERR_NOTFOUND, ZT_ERR_CONFLICT (a second
 * operator of the same name in the prefecture), ZT_ERR_BUSY or ZT_ERR_DB (*e filled when given).
 */
#ifndef ZT_STORE_STORE_OPERATORS_H
#define ZT_STORE_STORE_OPERATORS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/programme.h"

struct store;

/* An operator with the names of what it refers to. */
struct operator_row {
	struct operator_def d;
	char association_name[401];
	char municipality_name[101];
	char institution_name[401];
	char scope_municipality[7]; /* d.municipality, or the municipality of the association (policy) */
	char created_at[21];
};

/* Inside a transaction: inserts o (o->id set). ZT_ERR_CONFLICT on a duplicate name. */
enum zt_err store_operator_insert(struct store *st, struct operator_def *o, struct zt_error *e);
/* Replaces the fields of operator o->id (name, kind, prefecture, association, municipality, institution,
 * first fiscal year, note). ZT_ERR_CONFLICT naming name when another operator has that name. */
enum zt_err store_operator_update(struct store *st, const struct operator_def *o, struct zt_error *e);
enum zt_err store_operator_get(struct store *st, int64_t id, struct operator_row *out, struct zt_error *e);
/* Operators of prefecture ("" = all), by prefecture and name, into a new array (caller frees). */
enum zt_err store_operator_list(struct store *st, const char *prefecture, struct operator_row **out, size_t *n,
				struct zt_error *e);

#endif
