/*
 * Field readers shared by the JSON decoders (the src/io JSON forms, h_auth.c): each checks one member's
 * type and range and, on failure, fills e with ZT_ERR_INVALID naming the field (key).
 */
#ifndef ZT_IO_JSON_FIELDS_H
#define ZT_IO_JSON_FIELDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/codes.h"

/* Copies the string v into dst[n]; JSON null clears dst. Not a string, n bytes or longer, or an
 * embedded NUL → ZT_ERR_INVALID. */
enum zt_err json_field_str(const json_t *v, const char *key, char *dst, size_t n, struct zt_error *e);
/* The string member key of o (borrowed): NULL when absent or null; *bad set to 1 when present
 * but not a string. */
const char *json_field_member_str(const json_t *o, const char *key, int *bad);
/* true / false. */
enum zt_err json_field_bool(const json_t *v, const char *key, bool *dst, struct zt_error *e);
/* An integer in [min, max]; message is the whole error text (no format). */
enum zt_err json_field_int(const json_t *v, const char *key, int64_t min, int64_t max, int64_t *dst,
			   const char *message, struct zt_error *e);
/* An array of at most max positive integers into ids[], count in *n; what names them in the
 * message ("機関ID"). ids is filled as far as read even on failure. */
enum zt_err json_field_ids(const json_t *v, const char *key, const char *what, int64_t *ids, int max, int *n,
			   struct zt_error *e);
/* The refusal of an unknown member key: ZT_ERR_INVALID naming key, or the field "body" when the key
 * is empty (as account_json.c; a refusal always names something). */
enum zt_err json_field_unknown(const char *key, struct zt_error *e);
/* An array of codes of table (nt entries) into bits (bit k = table[k]); unknown codes name key. */
enum zt_err json_field_codes(const json_t *v, const char *key, const struct code_entry *table, int nt, uint32_t *bits,
			     struct zt_error *e);

#endif
