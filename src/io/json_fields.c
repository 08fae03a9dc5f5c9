/* Field readers shared by the JSON decoders: errors name the field (issue 2 §7; see json_fields.h). */
#include "io/json_fields.h"

#include <stdio.h>
#include <string.h>

enum zt_err json_field_str(const json_t *v, const char *key, char *dst, size_t n, struct zt_error *e)
{
	if (json_is_null(v)) {
		dst[0] = '\0';
		return ZT_OK;
	}
	if (!json_is_string(v))
		return zt_fail(e, ZT_ERR_INVALID, key, "%s は文字列で指定してください。", key);
	if (json_string_length(v) >= n)
		return zt_fail(e, ZT_ERR_INVALID, key, "%s が長すぎます。", key);
	if (memchr(json_string_value(v), '\0', json_string_length(v)))
		return zt_fail(e, ZT_ERR_INVALID, key, "%s に使用できない文字が含まれています。", key);
	snprintf(dst, n, "%s", json_string_value(v));
	return ZT_OK;
}

const char *json_field_member_str(const json_t *o, const char *key, int *bad)
{
	json_t *v = json_object_get(o, key);
	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*bad = 1;
		return NULL;
	}
	return json_string_value(v);
}

enum zt_err json_field_bool(const json_t *v, const char *key, bool *dst, struct zt_error *e)
{
	if (!json_is_boolean(v))
		return zt_fail(e, ZT_ERR_INVALID, key, "%s は true か false で指定してください。", key);
	*dst = json_is_true(v);
	return ZT_OK;
}

enum zt_err json_field_int(const json_t *v, const char *key, int64_t min, int64_t max, int64_t *dst,
			   const char *message, struct zt_error *e)
{
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return zt_fail(e, ZT_ERR_INVALID, key, "%s", message);
	*dst = json_integer_value(v);
	return ZT_OK;
}

enum zt_err json_field_ids(const json_t *v, const char *key, const char *what, int64_t *ids, int max, int *n,
			   struct zt_error *e)
{
	if (!json_is_array(v) || json_array_size(v) > (size_t)max)
		return zt_fail(e, ZT_ERR_INVALID, key, "%s は%sの配列（%d件まで）で指定してください。", key, what, max);
	*n = 0;
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) <= 0)
			return zt_fail(e, ZT_ERR_INVALID, key, "%s は%s（正の整数）の配列で指定してください。", key, what);
		ids[(*n)++] = json_integer_value(x);
	}
	return ZT_OK;
}

enum zt_err json_field_codes(const json_t *v, const char *key, const struct code_entry *table, int nt, uint32_t *bits,
			     struct zt_error *e)
{
	if (!json_is_array(v))
		return zt_fail(e, ZT_ERR_INVALID, key, "%s はコードの配列で指定してください。", key);
	uint32_t b = 0;
	size_t i;
	json_t *item;
	json_array_foreach(v, i, item) {
		int k = json_is_string(item) ? code_lookup(table, nt, json_string_value(item)) : -1;
		if (k < 0)
			return zt_fail(e, ZT_ERR_INVALID, key, "%s に不明なコード %s があります。", key,
				       json_is_string(item) ? json_string_value(item) : "(文字列でない値)");
		b |= 1u << k;
	}
	*bits = b;
	return ZT_OK;
}

enum zt_err json_field_unknown(const char *key, struct zt_error *e)
{
	if (key == NULL || key[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "body", "名前が空の項目（\"\"）は指定できません。");
	return zt_fail(e, ZT_ERR_INVALID, key, "不明な項目 %s があります。", key);
}
