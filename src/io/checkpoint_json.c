/* The JSON file of exported audit checkpoints (issue 11 §2; see checkpoint_json.h). */
#include "io/checkpoint_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_fields.h"

#define FORMAT "zaitaku-audit-checkpoints-v1"

json_t *checkpoints_to_json(const struct audit_checkpoint *c, size_t n, const char *public_key, const char *exported_at,
			    long long rows)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s}", "rows", (json_int_t)c[i].rows, "head_hash",
						     c[i].head_hash, "at", c[i].at, "public_key", c[i].public_key,
						     "signature", c[i].signature));
	return json_pack("{s:s, s:s, s:s, s:I, s:o}", "format", FORMAT, "public_key", public_key, "exported_at",
			 exported_at, "rows", (json_int_t)rows, "checkpoints", arr);
}

static enum zt_err entry(const json_t *v, size_t i, const char *pk, struct audit_checkpoint *c, struct zt_error *e)
{
	char field[64];
	snprintf(field, sizeof field, "checkpoints[%zu]", i);
	int64_t rows = 0;
	memset(c, 0, sizeof *c);
	if (!json_is_object(v) ||
	    json_field_int(json_object_get(v, "rows"), field, 1, INT64_MAX, &rows, "rows が正の整数ではありません。", e) != ZT_OK ||
	    json_field_str(json_object_get(v, "head_hash"), field, c->head_hash, sizeof c->head_hash, e) != ZT_OK ||
	    json_field_str(json_object_get(v, "at"), field, c->at, sizeof c->at, e) != ZT_OK ||
	    json_field_str(json_object_get(v, "signature"), field, c->signature, sizeof c->signature, e) != ZT_OK)
		return zt_fail(e, ZT_ERR_INVALID, field, "チェックポイント %zu の形式が正しくありません。", i);
	c->rows = (long long)rows;
	const json_t *k = json_object_get(v, "public_key");
	snprintf(c->public_key, sizeof c->public_key, "%s", json_is_string(k) ? json_string_value(k) : pk);
	if (!audit_checkpoint_well_formed(c))
		return zt_fail(e, ZT_ERR_INVALID, field, "チェックポイント %zu の値の形式が正しくありません。", i);
	return ZT_OK;
}

enum zt_err checkpoints_from_json(const json_t *doc, struct audit_checkpoint **out, size_t *n, char public_key[65],
				  struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	const json_t *fmt = json_object_get(doc, "format"), *pk = json_object_get(doc, "public_key");
	const json_t *arr = json_object_get(doc, "checkpoints");
	if (!json_is_string(fmt) || strcmp(json_string_value(fmt), FORMAT) != 0)
		return zt_fail(e, ZT_ERR_INVALID, "format", "チェックポイントのファイルではありません（format が %s でない）。", FORMAT);
	if (!json_is_string(pk) || strlen(json_string_value(pk)) != 64)
		return zt_fail(e, ZT_ERR_INVALID, "public_key", "public_key が 64 桁の16進数ではありません。");
	if (!json_is_array(arr))
		return zt_fail(e, ZT_ERR_INVALID, "checkpoints", "checkpoints が配列ではありません。");
	snprintf(public_key, 65, "%s", json_string_value(pk));
	size_t count = json_array_size(arr);
	struct audit_checkpoint *c = calloc(count ? count : 1, sizeof *c);
	if (c == NULL)
		return zt_fail(e, ZT_ERR_NOMEM, "", "out of memory");
	for (size_t i = 0; i < count; i++)
		if (entry(json_array_get(arr, i), i, public_key, &c[i], e) != ZT_OK) {
			free(c);
			return ZT_ERR_INVALID;
		}
	*out = c;
	*n = count;
	return ZT_OK;
}
