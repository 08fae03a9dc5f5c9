/* The request body of a new duty feed (issue 14 §7; see feed_json.h). */
#include "io/feed_json.h"

#include <string.h>

#include "io/json_fields.h"

enum zt_err feed_request_from_json(const json_t *body, enum feed_kind *kind, int64_t *target, struct zt_error *e)
{
	const char *key;
	json_t *v;
	int64_t doc = 0, group = 0, op = 0;
	int k = -1;
	*target = 0;
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	json_object_foreach((json_t *)body, key, v) {
		enum zt_err r = ZT_OK;
		if (strcmp(key, "kind") == 0) {
			k = json_is_string(v) ? feed_kind_lookup(json_string_value(v)) : -1;
			if (k < 0)
				return zt_fail(e, ZT_ERR_INVALID, "kind", "kind は doctor（医師）、group（グループ）または meetings（事業者の会議）です。");
		} else if (strcmp(key, "practitioner_id") == 0) {
			r = json_field_int(v, key, 1, INT64_MAX, &doc, "practitioner_id は正の整数です。", e);
		} else if (strcmp(key, "group_id") == 0) {
			r = json_field_int(v, key, 1, INT64_MAX, &group, "group_id は正の整数です。", e);
		} else if (strcmp(key, "operator_id") == 0) {
			r = json_field_int(v, key, 1, INT64_MAX, &op, "operator_id は正の整数です。", e);
		} else {
			r = json_field_unknown(key, e);
		}
		if (r != ZT_OK)
			return r;
	}
	if (k < 0)
		return zt_fail(e, ZT_ERR_INVALID, "kind", "kind は doctor（医師）、group（グループ）または meetings（事業者の会議）です。");
	if (k == FEED_MEETINGS && (doc || group || !op))
		return zt_fail(e, ZT_ERR_INVALID, "operator_id", "会議のカレンダーには operator_id だけを指定してください。");
	if (k != FEED_MEETINGS && op)
		return zt_fail(e, ZT_ERR_INVALID, "operator_id", "operator_id は会議のカレンダー（kind: meetings）にだけ指定できます。");
	if (k == FEED_DOCTOR && (group || !doc))
		return zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "医師のカレンダーには practitioner_id だけを指定してください。");
	if (k == FEED_GROUP && (doc || !group))
		return zt_fail(e, ZT_ERR_INVALID, "group_id", "グループのカレンダーには group_id だけを指定してください。");
	*kind = (enum feed_kind)k;
	*target = k == FEED_DOCTOR ? doc : k == FEED_GROUP ? group : op;
	return ZT_OK;
}
