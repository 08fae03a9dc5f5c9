/* The JSON form of rota instances, rotas, violations, conflicts and certificates (issue 15; see rota_json.h). */
#include "io/rota_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/holiday.h"

static enum zt_err bad(struct zt_error *e, const char *field, const char *msg)
{
	return zt_fail(e, ZT_ERR_INVALID, field, "%s: %s", field, msg);
}

static enum zt_err get_date(const json_t *o, const char *key, const char *field, long *day, struct zt_error *e)
{
	json_t *v = json_object_get(o, key);
	int y, m, d;
	if (!json_is_string(v) || !cal_parse(json_string_value(v), &y, &m, &d))
		return bad(e, field, "日付は YYYY-MM-DD で指定してください。");
	*day = cal_days(y, m, d);
	return ZT_OK;
}

static enum zt_err get_type(const json_t *o, const char *key, const char *field, bool nullable, int *t,
			    struct zt_error *e)
{
	json_t *v = json_object_get(o, key);
	if (nullable && (v == NULL || json_is_null(v))) {
		*t = -1;
		return ZT_OK;
	}
	*t = json_is_string(v) ? duty_type_lookup(json_string_value(v)) : -1;
	if (*t < 0)
		return bad(
			e, field,
			"当番の種類は weekday_night, holiday_day, holiday_night, nenmatsu_day, nenmatsu_night のいずれかです。");
	return ZT_OK;
}

static enum zt_err get_int(const json_t *o, const char *key, const char *field, long lo, long hi, long def, long *out,
			   struct zt_error *e)
{
	json_t *v = json_object_get(o, key);
	if (v == NULL || json_is_null(v)) {
		*out = def;
		return ZT_OK;
	}
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
		char msg[96];
		snprintf(msg, sizeof msg, "%ld〜%ld の整数で指定してください。", lo, hi);
		return bad(e, field, msg);
	}
	*out = (long)json_integer_value(v);
	return ZT_OK;
}

static enum zt_err get_bool(const json_t *o, const char *key, const char *field, bool def, bool *out,
			    struct zt_error *e)
{
	json_t *v = json_object_get(o, key);
	if (v == NULL || json_is_null(v)) {
		*out = def;
		return ZT_OK;
	}
	if (!json_is_boolean(v))
		return bad(e, field, "true か false で指定してください。");
	*out = json_is_true(v);
	return ZT_OK;
}

/* Only the listed keys may appear in o. */
static enum zt_err only_keys(const json_t *o, const char *const *keys, const char *where, struct zt_error *e)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v)
	{
		int ok = 0;
		for (int i = 0; keys[i]; i++)
			ok |= strcmp(k, keys[i]) == 0;
		if (!ok) {
			char f[64];
			if (k[0] == '\0') /* a refusal always names something */
				snprintf(f, sizeof f, "%s", where[0] ? where : "body");
			else
				snprintf(f, sizeof f, "%s%s%.40s", where, where[0] ? "." : "", k);
			return bad(e, f, "不明な項目です。");
		}
	}
	return ZT_OK;
}

/* An array member: absent = empty; over max entries → ZT_ERR_TOOLARGE. */
static enum zt_err get_array(const json_t *o, const char *key, size_t max, json_t **arr, struct zt_error *e)
{
	json_t *v = json_object_get(o, key);
	*arr = NULL;
	if (v == NULL || json_is_null(v))
		return ZT_OK;
	if (!json_is_array(v))
		return bad(e, key, "配列で指定してください。");
	if (json_array_size(v) > max)
		return zt_fail(e, ZT_ERR_TOOLARGE, key, "%s: %zu件までです（%zu件が指定されました）。", key, max,
			       json_array_size(v));
	*arr = v;
	return ZT_OK;
}

static int find_slot(const struct rota_file *f, long day, int type)
{
	/* slots are in date order: bisection on the day, then the few slots of that day */
	int lo = 0, hi = f->in.nslots;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (f->slots[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int s = lo; s < f->in.nslots && f->slots[s].day == day; s++)
		if ((int)f->slots[s].type == type)
			return s;
	return -1;
}

static enum zt_err decode(const json_t *o, struct rota_file *f, struct zt_error *e)
{
	static const char *const top[] = {"from",    "to",          "saturday_holiday", "slots", "rules",
					  "doctors", "unavailable", "wishes",           "pins",  "rota",
					  NULL};
	char fld[64];
	enum zt_err r;
	if (!json_is_object(o))
		return bad(e, "body", "JSON オブジェクトで指定してください。");
	if ((r = only_keys(o, top, "", e)) != ZT_OK)
		return r;
	struct rota_instance *in = &f->in;
	if ((r = get_date(o, "from", "from", &in->from_day, e)) != ZT_OK ||
	    (r = get_date(o, "to", "to", &in->to_day, e)) != ZT_OK)
		return r;
	if (in->to_day < in->from_day)
		return bad(e, "to", "期間の終わりが始まりより前です。");
	if (in->to_day - in->from_day + 1 > ROTA_MAX_DAYS)
		return zt_fail(e, ZT_ERR_TOOLARGE, "to", "to: 期間は%d日（2年）までです（%ld日が指定されました）。",
			       ROTA_MAX_DAYS, in->to_day - in->from_day + 1);
	int y, m, d;
	cal_from_days(in->from_day, &y, &m, &d);
	if (y < HOLIDAY_YEAR_MIN)
		return bad(e, "from", "期間が祝日の計算できる範囲外です。");
	cal_from_days(in->to_day, &y, &m, &d);
	if (y > HOLIDAY_YEAR_MAX)
		return bad(e, "to", "期間が祝日の計算できる範囲外です。");
	/* rules */
	in->rules = rota_rules_default();
	json_t *ru = json_object_get(o, "rules");
	if (ru && !json_is_null(ru)) {
		static const char *const rk[] = {"no_consecutive_nights", "rest_after_night", "one_duty_per_date",
						 NULL};
		if (!json_is_object(ru))
			return bad(e, "rules", "オブジェクトで指定してください。");
		if ((r = only_keys(ru, rk, "rules", e)) != ZT_OK ||
		    (r = get_bool(ru, "no_consecutive_nights", "rules.no_consecutive_nights", true,
				  &in->rules.no_consecutive_nights, e)) != ZT_OK ||
		    (r = get_bool(ru, "rest_after_night", "rules.rest_after_night", true, &in->rules.rest_after_night,
				  e)) != ZT_OK ||
		    (r = get_bool(ru, "one_duty_per_date", "rules.one_duty_per_date", false,
				  &in->rules.one_duty_per_date, e)) != ZT_OK)
			return r;
	}
	/* doctors */
	json_t *arr, *x;
	size_t i;
	if ((r = get_array(o, "doctors", ROTA_MAX_DOCTORS, &arr, e)) != ZT_OK)
		return r;
	if (arr == NULL || json_array_size(arr) == 0)
		return bad(e, "doctors", "医師を1名以上指定してください。");
	f->doctors = calloc(json_array_size(arr), sizeof *f->doctors);
	if (!f->doctors)
		return zt_fail(e, ZT_ERR_NOMEM, "doctors", "メモリが足りません。");
	json_array_foreach(arr, i, x)
	{
		static const char *const dk[] = {"id", "name", "share", "cap_week", "cap_month", "carried", NULL};
		struct rota_doctor *dr = &f->doctors[i];
		snprintf(fld, sizeof fld, "doctors[%zu]", i);
		if (!json_is_object(x))
			return bad(e, fld, "オブジェクトで指定してください。");
		if ((r = only_keys(x, dk, fld, e)) != ZT_OK)
			return r;
		long v;
		snprintf(fld, sizeof fld, "doctors[%zu].id", i);
		if ((r = get_int(x, "id", fld, 0, 1L << 53, 0, &v, e)) != ZT_OK)
			return r;
		dr->practitioner_id = v;
		json_t *nm = json_object_get(x, "name");
		snprintf(fld, sizeof fld, "doctors[%zu].name", i);
		if (nm && !json_is_null(nm)) {
			if (!json_is_string(nm) || json_string_length(nm) >= sizeof dr->name ||
			    memchr(json_string_value(nm), '\0', json_string_length(nm)))
				return bad(e, fld, "名前は63バイトまでの文字列で指定してください。");
			snprintf(dr->name, sizeof dr->name, "%s", json_string_value(nm));
		}
		json_t *sh = json_object_get(x, "share");
		snprintf(fld, sizeof fld, "doctors[%zu].share", i);
		dr->share = 1;
		if (sh && !json_is_null(sh)) {
			if (!json_is_number(sh) || !(json_number_value(sh) > 0 && json_number_value(sh) <= 1))
				return bad(e, fld, "負担割合は0より大きく1以下で指定してください。");
			dr->share = json_number_value(sh);
		}
		snprintf(fld, sizeof fld, "doctors[%zu].cap_week", i);
		if ((r = get_int(x, "cap_week", fld, 0, 14, 0, &v, e)) != ZT_OK)
			return r;
		dr->cap_week = (int)v;
		snprintf(fld, sizeof fld, "doctors[%zu].cap_month", i);
		if ((r = get_int(x, "cap_month", fld, 0, 62, 0, &v, e)) != ZT_OK)
			return r;
		dr->cap_month = (int)v;
		json_t *ca = json_object_get(x, "carried");
		if (ca && !json_is_null(ca)) {
			snprintf(fld, sizeof fld, "doctors[%zu].carried", i);
			if (!json_is_object(ca))
				return bad(e, fld, "当番の種類ごとの数値のオブジェクトで指定してください。");
			const char *k;
			json_t *cv;
			json_object_foreach(ca, k, cv)
			{
				int t = duty_type_lookup(k);
				snprintf(fld, sizeof fld, "doctors[%zu].carried.%.24s", i, k);
				if (t < 0)
					return bad(e, fld, "不明な当番の種類です。");
				if (!json_is_number(cv) || !isfinite(json_number_value(cv)) ||
				    fabs(json_number_value(cv)) > 1000)
					return bad(e, fld, "繰越ポイントは−1000〜1000の数値で指定してください。");
				dr->carried[t] = json_number_value(cv);
			}
		}
		in->ndoctors = (int)i + 1;
	}
	in->doctors = f->doctors;
	/* slots */
	if ((r = get_array(o, "slots", ROTA_MAX_SLOTS, &arr, e)) != ZT_OK)
		return r;
	if (arr) {
		if (json_object_get(o, "saturday_holiday"))
			return bad(e, "saturday_holiday", "slots を指定したときは使えません。");
		f->slots = calloc(json_array_size(arr) + 1, sizeof *f->slots);
		if (!f->slots)
			return zt_fail(e, ZT_ERR_NOMEM, "slots", "メモリが足りません。");
		json_array_foreach(arr, i, x)
		{
			static const char *const sk[] = {"date", "type", "need", NULL};
			struct rota_slot *sl = &f->slots[i];
			snprintf(fld, sizeof fld, "slots[%zu]", i);
			if (!json_is_object(x))
				return bad(e, fld, "オブジェクトで指定してください。");
			if ((r = only_keys(x, sk, fld, e)) != ZT_OK)
				return r;
			int t;
			long need;
			snprintf(fld, sizeof fld, "slots[%zu].date", i);
			if ((r = get_date(x, "date", fld, &sl->day, e)) != ZT_OK)
				return r;
			snprintf(fld, sizeof fld, "slots[%zu].type", i);
			if ((r = get_type(x, "type", fld, false, &t, e)) != ZT_OK)
				return r;
			sl->type = (enum duty_type)t;
			snprintf(fld, sizeof fld, "slots[%zu].need", i);
			if ((r = get_int(x, "need", fld, 1, ROTA_MAX_NEED, 1, &need, e)) != ZT_OK)
				return r;
			sl->need = (int)need;
			in->nslots = (int)i + 1;
		}
	} else {
		struct duty_hours h = DUTY_HOURS_DEFAULT;
		if ((r = get_bool(o, "saturday_holiday", "saturday_holiday", false, &h.saturday_holiday, e)) != ZT_OK)
			return r;
		int n = (int)(2 * (in->to_day - in->from_day + 1));
		f->slots = calloc((size_t)n + 1, sizeof *f->slots);
		if (!f->slots)
			return zt_fail(e, ZT_ERR_NOMEM, "slots", "メモリが足りません。");
		in->nslots = rota_slots_for_period(in->from_day, in->to_day, &h, f->slots, n);
		if (in->nslots < 0 || in->nslots > n)
			return bad(e, "from", "期間の当番を作れません。");
	}
	in->slots = f->slots;
	/* unavailability */
	if ((r = get_array(o, "unavailable", ROTA_MAX_UNAVAIL, &arr, e)) != ZT_OK)
		return r;
	if (arr) {
		f->unavail = calloc(json_array_size(arr) + 1, sizeof *f->unavail);
		if (!f->unavail)
			return zt_fail(e, ZT_ERR_NOMEM, "unavailable", "メモリが足りません。");
		json_array_foreach(arr, i, x)
		{
			static const char *const uk[] = {"doctor", "date", "reason", NULL};
			struct rota_unavail *u = &f->unavail[i];
			snprintf(fld, sizeof fld, "unavailable[%zu]", i);
			if (!json_is_object(x))
				return bad(e, fld, "オブジェクトで指定してください。");
			if ((r = only_keys(x, uk, fld, e)) != ZT_OK)
				return r;
			long v;
			snprintf(fld, sizeof fld, "unavailable[%zu].doctor", i);
			if ((r = get_int(x, "doctor", fld, 0, in->ndoctors - 1, -1, &v, e)) != ZT_OK)
				return r;
			if (v < 0)
				return bad(e, fld, "医師（doctors の番号）を指定してください。");
			u->doctor = (int)v;
			snprintf(fld, sizeof fld, "unavailable[%zu].date", i);
			if ((r = get_date(x, "date", fld, &u->day, e)) != ZT_OK)
				return r;
			json_t *rs = json_object_get(x, "reason");
			snprintf(fld, sizeof fld, "unavailable[%zu].reason", i);
			if (rs && !json_is_null(rs)) {
				if (!json_is_string(rs) || json_string_length(rs) >= sizeof u->reason ||
				    memchr(json_string_value(rs), '\0', json_string_length(rs)))
					return bad(e, fld, "理由は95バイトまでの文字列で指定してください。");
				snprintf(u->reason, sizeof u->reason, "%s", json_string_value(rs));
			}
			in->nunavail = (int)i + 1;
		}
	}
	in->unavail = f->unavail;
	/* wishes */
	if ((r = get_array(o, "wishes", ROTA_MAX_WISHES, &arr, e)) != ZT_OK)
		return r;
	if (arr) {
		f->wishes = calloc(json_array_size(arr) + 1, sizeof *f->wishes);
		if (!f->wishes)
			return zt_fail(e, ZT_ERR_NOMEM, "wishes", "メモリが足りません。");
		json_array_foreach(arr, i, x)
		{
			static const char *const wk[] = {"doctor", "date", "type", "avoid", NULL};
			struct rota_wish *w = &f->wishes[i];
			snprintf(fld, sizeof fld, "wishes[%zu]", i);
			if (!json_is_object(x))
				return bad(e, fld, "オブジェクトで指定してください。");
			if ((r = only_keys(x, wk, fld, e)) != ZT_OK)
				return r;
			long v;
			snprintf(fld, sizeof fld, "wishes[%zu].doctor", i);
			if ((r = get_int(x, "doctor", fld, 0, in->ndoctors - 1, -1, &v, e)) != ZT_OK)
				return r;
			if (v < 0)
				return bad(e, fld, "医師（doctors の番号）を指定してください。");
			w->doctor = (int)v;
			snprintf(fld, sizeof fld, "wishes[%zu].date", i);
			if ((r = get_date(x, "date", fld, &w->day, e)) != ZT_OK)
				return r;
			snprintf(fld, sizeof fld, "wishes[%zu].type", i);
			if ((r = get_type(x, "type", fld, true, &w->type, e)) != ZT_OK)
				return r;
			snprintf(fld, sizeof fld, "wishes[%zu].avoid", i);
			if ((r = get_bool(x, "avoid", fld, false, &w->avoid, e)) != ZT_OK)
				return r;
			in->nwishes = (int)i + 1;
		}
	}
	in->wishes = f->wishes;
	/* pins */
	if ((r = get_array(o, "pins", ROTA_MAX_PINS, &arr, e)) != ZT_OK)
		return r;
	if (arr) {
		f->pins = calloc(json_array_size(arr) + 1, sizeof *f->pins);
		if (!f->pins)
			return zt_fail(e, ZT_ERR_NOMEM, "pins", "メモリが足りません。");
		json_array_foreach(arr, i, x)
		{
			static const char *const pk[] = {"doctor", "date", "type", NULL};
			struct rota_pin *p = &f->pins[i];
			snprintf(fld, sizeof fld, "pins[%zu]", i);
			if (!json_is_object(x))
				return bad(e, fld, "オブジェクトで指定してください。");
			if ((r = only_keys(x, pk, fld, e)) != ZT_OK)
				return r;
			long v, day;
			int t;
			snprintf(fld, sizeof fld, "pins[%zu].doctor", i);
			if ((r = get_int(x, "doctor", fld, 0, in->ndoctors - 1, -1, &v, e)) != ZT_OK)
				return r;
			if (v < 0)
				return bad(e, fld, "医師（doctors の番号）を指定してください。");
			p->doctor = (int)v;
			snprintf(fld, sizeof fld, "pins[%zu].date", i);
			if ((r = get_date(x, "date", fld, &day, e)) != ZT_OK)
				return r;
			snprintf(fld, sizeof fld, "pins[%zu].type", i);
			if ((r = get_type(x, "type", fld, false, &t, e)) != ZT_OK)
				return r;
			p->slot = find_slot(f, day, t);
			if (p->slot < 0)
				return bad(e, fld, "その日にこの種類の当番はありません。");
			in->npins = (int)i + 1;
		}
	}
	in->pins = f->pins;
	if ((r = rota_instance_validate(in, e)) != ZT_OK)
		return r;
	/* the rota */
	if ((r = get_array(o, "rota", ROTA_MAX_SLOTS, &arr, e)) != ZT_OK)
		return r;
	if (arr) {
		int ns = rota_seat_count(in);
		f->assign = malloc(sizeof(int) * (size_t)(ns + 1));
		if (!f->assign)
			return zt_fail(e, ZT_ERR_NOMEM, "rota", "メモリが足りません。");
		for (int k = 0; k < ns; k++)
			f->assign[k] = -1;
		f->has_rota = true;
		json_array_foreach(arr, i, x)
		{
			static const char *const ak[] = {"date", "type", "doctors", NULL};
			snprintf(fld, sizeof fld, "rota[%zu]", i);
			if (!json_is_object(x))
				return bad(e, fld, "オブジェクトで指定してください。");
			if ((r = only_keys(x, ak, fld, e)) != ZT_OK)
				return r;
			long day;
			int t;
			snprintf(fld, sizeof fld, "rota[%zu].date", i);
			if ((r = get_date(x, "date", fld, &day, e)) != ZT_OK)
				return r;
			snprintf(fld, sizeof fld, "rota[%zu].type", i);
			if ((r = get_type(x, "type", fld, false, &t, e)) != ZT_OK)
				return r;
			int s = find_slot(f, day, t);
			if (s < 0)
				return bad(e, fld, "その日にこの種類の当番はありません。");
			int first = rota_slot_first_seat(in, s);
			if (f->assign[first] != -1 || (in->slots[s].need > 1 && f->assign[first + 1] != -1)) {
				snprintf(fld, sizeof fld, "rota[%zu]", i);
				return bad(e, fld, "同じ当番が2回書かれています。");
			}
			json_t *ds = json_object_get(x, "doctors");
			snprintf(fld, sizeof fld, "rota[%zu].doctors", i);
			if (!json_is_array(ds) || json_array_size(ds) > (size_t)in->slots[s].need)
				return bad(e, fld, "医師の番号の配列（必要人数まで）で指定してください。");
			size_t j;
			json_t *dv;
			json_array_foreach(ds, j, dv)
			{
				if (!json_is_integer(dv) || json_integer_value(dv) < 0 ||
				    json_integer_value(dv) >= in->ndoctors)
					return bad(e, fld, "doctors の番号で指定してください。");
				f->assign[first + (int)j] = (int)json_integer_value(dv);
			}
		}
	}
	return ZT_OK;
}

enum zt_err rota_file_from_json(const json_t *o, struct rota_file *f, struct zt_error *e)
{
	memset(f, 0, sizeof *f);
	enum zt_err r = decode(o, f, e);
	if (r != ZT_OK)
		rota_file_free(f);
	return r;
}

void rota_file_free(struct rota_file *f)
{
	if (f == NULL)
		return;
	free(f->slots), free(f->doctors), free(f->unavail), free(f->wishes), free(f->pins), free(f->assign);
	memset(f, 0, sizeof *f);
}

/* ---- encoders ---- */
static json_t *date_json(long day)
{
	int y, m, d;
	char s[11];
	cal_from_days(day, &y, &m, &d);
	cal_format(y, m, d, s);
	return json_string(s);
}

json_t *rota_instance_to_json(const struct rota_instance *in)
{
	json_t *o = json_object(), *a;
	json_object_set_new(o, "from", date_json(in->from_day));
	json_object_set_new(o, "to", date_json(in->to_day));
	json_object_set_new(o, "rules",
			    json_pack("{sbsbsb}", "no_consecutive_nights", in->rules.no_consecutive_nights,
				      "rest_after_night", in->rules.rest_after_night, "one_duty_per_date",
				      in->rules.one_duty_per_date));
	json_object_set_new(o, "slots", a = json_array());
	for (int s = 0; s < in->nslots; s++)
		json_array_append_new(a, json_pack("{sosssi}", "date", date_json(in->slots[s].day), "type",
						   duty_types[in->slots[s].type].code, "need", in->slots[s].need));
	json_object_set_new(o, "doctors", a = json_array());
	for (int i = 0; i < in->ndoctors; i++) {
		const struct rota_doctor *dr = &in->doctors[i];
		json_t *c = json_object();
		for (int t = 0; t < DUTY__MAX; t++)
			if (dr->carried[t] != 0)
				json_object_set_new(c, duty_types[t].code, json_real(dr->carried[t]));
		json_array_append_new(a, json_pack("{sIsssfsisiso}", "id", (json_int_t)dr->practitioner_id, "name",
						   dr->name, "share", dr->share, "cap_week", dr->cap_week, "cap_month",
						   dr->cap_month, "carried", c));
	}
	json_object_set_new(o, "unavailable", a = json_array());
	for (int k = 0; k < in->nunavail; k++)
		json_array_append_new(a, json_pack("{sisoss}", "doctor", in->unavail[k].doctor, "date",
						   date_json(in->unavail[k].day), "reason", in->unavail[k].reason));
	json_object_set_new(o, "wishes", a = json_array());
	for (int k = 0; k < in->nwishes; k++) {
		const struct rota_wish *w = &in->wishes[k];
		json_array_append_new(a, json_pack("{sisososb}", "doctor", w->doctor, "date", date_json(w->day), "type",
						   w->type < 0 ? json_null() : json_string(duty_types[w->type].code),
						   "avoid", w->avoid));
	}
	json_object_set_new(o, "pins", a = json_array());
	for (int k = 0; k < in->npins; k++) {
		const struct rota_slot *sl = &in->slots[in->pins[k].slot];
		json_array_append_new(a, json_pack("{sisoss}", "doctor", in->pins[k].doctor, "date", date_json(sl->day),
						   "type", duty_types[sl->type].code));
	}
	return o;
}

json_t *rota_assign_to_json(const struct rota_instance *in, const int *assign)
{
	json_t *a = json_array();
	int k = 0;
	for (int s = 0; s < in->nslots; s++) {
		json_t *ds = json_array();
		for (int j = 0; j < in->slots[s].need; j++, k++)
			if (assign[k] >= 0)
				json_array_append_new(ds, json_integer(assign[k]));
		json_array_append_new(a, json_pack("{sosssO}", "date", date_json(in->slots[s].day), "type",
						   duty_types[in->slots[s].type].code, "doctors", ds));
		json_decref(ds);
	}
	return a;
}

json_t *rota_violations_to_json(const struct rota_instance *in, const struct rota_violation *v, int n)
{
	(void)in;
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{sssososs}", "rule", rota_rule_code(v[i].rule), "doctor",
						   v[i].doctor < 0 ? json_null() : json_integer(v[i].doctor), "date",
						   date_json(v[i].day), "message", v[i].message));
	return a;
}

json_t *rota_conflicts_to_json(const struct rota_instance *in, const struct rota_conflict *c, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++) {
		json_t *rules = json_array(), *slots = json_array(), *docs = json_array();
		for (int r = 0; r < ROTA_RULE__MAX; r++)
			if (c[i].rules & (1u << r))
				json_array_append_new(rules, json_string(rota_rule_code((enum rota_rule)r)));
		for (int s = 0; s < c[i].nslots; s++)
			json_array_append_new(slots,
					      json_pack("{soss}", "date", date_json(in->slots[c[i].slots[s]].day),
							"type", duty_types[in->slots[c[i].slots[s]].type].code));
		for (int d = 0; d < c[i].ndoctors; d++)
			json_array_append_new(docs, json_integer(c[i].doctors[d]));
		json_array_append_new(a, json_pack("{sssososo}", "message", c[i].message, "rules", rules, "slots",
						   slots, "doctors", docs));
	}
	return a;
}

json_t *rota_objective_to_json(const struct rota_objective *o)
{
	json_t *sp = json_object();
	for (int t = 0; t < DUTY__MAX; t++)
		json_object_set_new(sp, duty_types[t].code, json_real(o->spread[t]));
	return json_pack("{sosfsisi}", "spread", sp, "spread_sum", o->spread_sum, "wishes", o->wishes, "clustering",
			 o->clustering);
}

json_t *rota_certificate_to_json(const struct rota_instance *in, const struct rota_cert_doctor *per_doctor,
				 const struct rota_certificate *c)
{
	json_t *types = json_array(), *docs = json_array();
	for (int t = 0; t < DUTY__MAX; t++)
		json_array_append_new(types, json_pack("{sssssisfsfsbso}", "type", duty_types[t].code, "ja",
						       duty_types[t].ja, "seats", c->seats[t], "spread", c->spread[t],
						       "bound", c->bound[t], "optimal", c->optimal[t], "next",
						       c->next[t] < 0 ? json_null() : json_integer(c->next[t])));
	for (int i = 0; i < in->ndoctors; i++) {
		json_t *cn = json_object(), *ld = json_object(), *db = json_object();
		for (int t = 0; t < DUTY__MAX; t++) {
			json_object_set_new(cn, duty_types[t].code, json_integer(per_doctor[i].count[t]));
			json_object_set_new(ld, duty_types[t].code, json_real(per_doctor[i].load[t]));
			json_object_set_new(db, duty_types[t].code, json_real(per_doctor[i].debt[t]));
		}
		json_array_append_new(docs,
				      json_pack("{sisIsssosososi}", "index", i, "id",
						(json_int_t)in->doctors[i].practitioner_id, "name", in->doctors[i].name,
						"counts", cn, "loads", ld, "debts", db, "total", per_doctor[i].total));
	}
	return json_pack("{sosososi}", "types", types, "doctors", docs, "objective",
			 rota_objective_to_json(&c->objective), "violations", c->violations);
}
