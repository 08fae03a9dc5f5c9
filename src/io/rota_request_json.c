/* Decoders of the rota API's request bodies (see rota_request_json.h). */
#include "io/rota_request_json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "domain/holiday.h"
#include "io/json_fields.h"

static enum zt_err need_object(const json_t *o, struct zt_error *e)
{
	return json_is_object(o) ? ZT_OK : zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
}

static enum zt_err date_field(const json_t *v, const char *key, char out[11], struct zt_error *e)
{
	int y, m, d;
	if (!json_is_string(v) || json_string_length(v) != 10 || !cal_parse(json_string_value(v), &y, &m, &d))
		return zt_fail(e, ZT_ERR_INVALID, key, "%s は YYYY-MM-DD の日付で指定してください。", key);
	snprintf(out, 11, "%s", json_string_value(v));
	return ZT_OK;
}

static enum zt_err id_field(const json_t *v, const char *key, int64_t *out, struct zt_error *e)
{
	return json_field_int(v, key, 1, INT64_MAX, out, "ID は正の整数で指定してください。", e);
}

static enum zt_err type_field(const json_t *v, const char *key, int *out, struct zt_error *e)
{
	*out = json_is_string(v) ? duty_type_lookup(json_string_value(v)) : -1;
	if (*out < 0)
		return zt_fail(e, ZT_ERR_INVALID, key,
			       "%s は weekday_night, holiday_day, holiday_night, nenmatsu_day, nenmatsu_night のいずれかです。", key);
	return ZT_OK;
}

static enum zt_err cap_field(const json_t *v, const char *key, int *out, struct zt_error *e)
{
	if (json_is_null(v)) {
		*out = 0;
		return ZT_OK;
	}
	int64_t n = 0;
	enum zt_err r = json_field_int(v, key, 0, 31, &n, "上限は 0〜31 の整数（0 または null で上限なし）で指定してください。", e);
	*out = (int)n;
	return r;
}

static enum zt_err missing(const char *key, struct zt_error *e)
{
	return zt_fail(e, ZT_ERR_INVALID, key, "%s を指定してください。", key);
}

enum zt_err rota_settings_from_json(const json_t *o, struct rota_settings_req *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	out->share = 1.0;
	enum zt_err r = need_object(o, e);
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v) {
		if (r != ZT_OK)
			break;
		if (strcmp(k, "share") == 0) {
			if (!json_is_number(v) || !(json_number_value(v) > 0) || json_number_value(v) > 1)
				r = zt_fail(e, ZT_ERR_INVALID, k, "share（担当の割合）は 0 より大きく 1 以下の数で指定してください。");
			else
				out->share = json_number_value(v);
		} else if (strcmp(k, "max_per_week") == 0) {
			r = cap_field(v, k, &out->max_per_week, e);
		} else if (strcmp(k, "max_per_month") == 0) {
			r = cap_field(v, k, &out->max_per_month, e);
		} else if (strcmp(k, "carried") == 0) {
			if (!json_is_object(v) && !json_is_null(v)) {
				r = zt_fail(e, ZT_ERR_INVALID, k, "carried は当番種別ごとの持ち越し点数のオブジェクトです。");
				break;
			}
			const char *tk;
			json_t *tv;
			json_object_foreach(v, tk, tv) {
				int t = duty_type_lookup(tk);
				if (t < 0) {
					r = zt_fail(e, ZT_ERR_INVALID, "carried", "carried の %s は当番種別ではありません。", tk);
					break;
				}
				double x = json_is_number(tv) ? json_number_value(tv) : NAN;
				if (!isfinite(x) || fabs(x) > 1000) {
					r = zt_fail(e, ZT_ERR_INVALID, "carried", "carried の点数は -1000〜1000 の数で指定してください。");
					break;
				}
				out->carried[t] = x;
			}
		} else {
			r = json_field_unknown(k, e);
		}
	}
	return r;
}

enum zt_err rota_unavail_from_json(const json_t *o, struct rota_unavail_req *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	snprintf(out->source, sizeof out->source, "manual");
	enum zt_err r = need_object(o, e);
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v) {
		if (r != ZT_OK)
			break;
		if (strcmp(k, "practitioner_id") == 0)
			r = id_field(v, k, &out->practitioner_id, e);
		else if (strcmp(k, "date") == 0)
			r = date_field(v, k, out->date, e);
		else if (strcmp(k, "reason") == 0)
			r = json_field_str(v, k, out->reason, sizeof out->reason, e);
		else if (strcmp(k, "source") == 0) {
			if (!json_is_string(v) || (strcmp(json_string_value(v), "conference") != 0 &&
						   strcmp(json_string_value(v), "manual") != 0))
				r = zt_fail(e, ZT_ERR_INVALID, k, "source は conference（学会）か manual です。");
			else
				snprintf(out->source, sizeof out->source, "%s", json_string_value(v));
		} else
			r = json_field_unknown(k, e);
	}
	if (r == ZT_OK && out->practitioner_id == 0)
		r = missing("practitioner_id", e);
	if (r == ZT_OK && out->date[0] == '\0')
		r = missing("date", e);
	if (r == ZT_OK && out->reason[0] == '\0')
		snprintf(out->reason, sizeof out->reason, "%s", strcmp(out->source, "conference") == 0 ? "学会" : "不都合");
	return r;
}

enum zt_err rota_wish_from_json(const json_t *o, struct rota_wish_req *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	out->type = -1;
	enum zt_err r = need_object(o, e);
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v) {
		if (r != ZT_OK)
			break;
		if (strcmp(k, "practitioner_id") == 0)
			r = id_field(v, k, &out->practitioner_id, e);
		else if (strcmp(k, "date") == 0)
			r = date_field(v, k, out->date, e);
		else if (strcmp(k, "kind") == 0) {
			if (!json_is_string(v) || (strcmp(json_string_value(v), "prefer") != 0 && strcmp(json_string_value(v), "avoid") != 0))
				r = zt_fail(e, ZT_ERR_INVALID, k, "kind は prefer（希望）か avoid（回避）です。");
			else
				snprintf(out->kind, sizeof out->kind, "%s", json_string_value(v));
		} else if (strcmp(k, "duty_type") == 0) {
			if (!json_is_null(v))
				r = type_field(v, k, &out->type, e);
		} else
			r = json_field_unknown(k, e);
	}
	if (r == ZT_OK && out->practitioner_id == 0)
		r = missing("practitioner_id", e);
	if (r == ZT_OK && out->date[0] == '\0')
		r = missing("date", e);
	if (r == ZT_OK && out->kind[0] == '\0')
		r = missing("kind", e);
	return r;
}

enum zt_err rota_solve_from_json(const json_t *o, struct rota_solve_req *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	out->time_limit = 10.0;
	out->seed = 1;
	enum zt_err r = need_object(o, e);
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v) {
		if (r != ZT_OK)
			break;
		if (strcmp(k, "from") == 0)
			r = date_field(v, k, out->from, e);
		else if (strcmp(k, "to") == 0)
			r = date_field(v, k, out->to, e);
		else if (strcmp(k, "time_limit") == 0) {
			double x = json_is_number(v) ? json_number_value(v) : NAN;
			if (!(x >= 0.1 && x <= 600))
				r = zt_fail(e, ZT_ERR_INVALID, k, "time_limit（秒）は 0.1〜600 で指定してください。");
			else
				out->time_limit = x;
		} else if (strcmp(k, "seed") == 0) {
			int64_t s = 0;
			r = json_field_int(v, k, 0, INT64_MAX, &s, "seed は 0 以上の整数で指定してください。", e);
			out->seed = (uint64_t)s;
		} else
			r = json_field_unknown(k, e);
	}
	if (r == ZT_OK && out->from[0] == '\0')
		r = missing("from", e);
	if (r == ZT_OK && out->to[0] == '\0')
		r = missing("to", e);
	return r;
}

enum zt_err rota_edit_from_json(const json_t *o, enum rota_edit_kind kind, struct rota_edit_req *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	out->type = -1;
	enum zt_err r = need_object(o, e);
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v) {
		if (r != ZT_OK)
			break;
		if (kind == ROTA_EDIT_SWAP && strcmp(k, "duty_a") == 0)
			r = id_field(v, k, &out->duty_a, e);
		else if (kind == ROTA_EDIT_SWAP && strcmp(k, "duty_b") == 0)
			r = id_field(v, k, &out->duty_b, e);
		else if (kind == ROTA_EDIT_GIVE && strcmp(k, "duty_id") == 0)
			r = id_field(v, k, &out->duty_id, e);
		else if (kind != ROTA_EDIT_SWAP && strcmp(k, "practitioner_id") == 0)
			r = id_field(v, k, &out->practitioner_id, e);
		else if (kind == ROTA_EDIT_SLOT && strcmp(k, "date") == 0)
			r = date_field(v, k, out->date, e);
		else if (kind == ROTA_EDIT_SLOT && strcmp(k, "duty_type") == 0)
			r = type_field(v, k, &out->type, e);
		else if (strcmp(k, "reason") == 0)
			r = json_field_str(v, k, out->reason, sizeof out->reason, e);
		else
			r = json_field_unknown(k, e);
	}
	if (r != ZT_OK)
		return r;
	if (kind == ROTA_EDIT_SWAP && !out->duty_a)
		return missing("duty_a", e);
	if (kind == ROTA_EDIT_SWAP && !out->duty_b)
		return missing("duty_b", e);
	if (kind == ROTA_EDIT_SWAP && out->duty_a == out->duty_b)
		return zt_fail(e, ZT_ERR_INVALID, "duty_b", "交換する2つの当番は別の当番を指定してください。");
	if (kind == ROTA_EDIT_GIVE && !out->duty_id)
		return missing("duty_id", e);
	if (kind != ROTA_EDIT_SWAP && !out->practitioner_id)
		return missing("practitioner_id", e);
	if (kind == ROTA_EDIT_SLOT && out->date[0] == '\0')
		return missing("date", e);
	if (kind == ROTA_EDIT_SLOT && out->type < 0)
		return missing("duty_type", e);
	if (out->reason[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "reason", "変更の理由を入力してください（監査記録に残ります）。");
	return ZT_OK;
}
