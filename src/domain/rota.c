/* Fair on-call rotas: the instance, its validation, the hard-rule check, the objective and the fairness
 * certificate with its lower bound on the spread (issue 15 §1, §3; seed 002 ⑧ 輪番制オンコール). */
#include "domain/rota.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/holiday.h"
#include "domain/rota_internal.h"

#define EPS 1e-9

struct rota_rules rota_rules_default(void)
{
	return (struct rota_rules){.no_consecutive_nights = true, .rest_after_night = true, .one_duty_per_date = false};
}

int rota_slots_for_period(long from_day, long to_day, const struct duty_hours *h, struct rota_slot *out, int cap)
{
	if (to_day < from_day)
		return -1;
	int n = 0;
	for (long day = from_day; day <= to_day; day++) {
		int y, m, d;
		cal_from_days(day, &y, &m, &d);
		if (y < HOLIDAY_YEAR_MIN || y > HOLIDAY_YEAR_MAX)
			return -1;
		enum duty_type t[2];
		int k = duty_types_of_date(y, m, d, h, t);
		for (int j = 0; j < k; j++, n++)
			if (n < cap)
				out[n] = (struct rota_slot){.day = day, .type = t[j], .need = 1};
	}
	return n;
}

int rota_seat_count(const struct rota_instance *in)
{
	int n = 0;
	for (int s = 0; s < in->nslots; s++)
		n += in->slots[s].need;
	return n;
}

int rota_slot_first_seat(const struct rota_instance *in, int s)
{
	int k = 0;
	for (int j = 0; j < s && j < in->nslots; j++)
		k += in->slots[j].need;
	return k;
}

int rota_seat_slot(const struct rota_instance *in, int k)
{
	if (k < 0)
		return -1;
	for (int s = 0; s < in->nslots; s++) {
		if (k < in->slots[s].need)
			return s;
		k -= in->slots[s].need;
	}
	return -1;
}

static const struct {
	const char *code, *ja;
} rules[ROTA_RULE__MAX] = {
	[ROTA_RULE_COVER] = {"cover", "当番の充足"},
	[ROTA_RULE_DOCTOR] = {"doctor", "医師の指定"},
	[ROTA_RULE_TWICE_IN_SLOT] = {"twice_in_slot", "同じ当番への重複"},
	[ROTA_RULE_UNAVAILABLE] = {"unavailable", "不在日"},
	[ROTA_RULE_CONSECUTIVE_NIGHTS] = {"consecutive_nights", "夜間の連続禁止"},
	[ROTA_RULE_REST_AFTER_NIGHT] = {"rest_after_night", "夜間明けの休息"},
	[ROTA_RULE_ONE_PER_DATE] = {"one_per_date", "同日の日中・夜間の兼務禁止"},
	[ROTA_RULE_CAP_WEEK] = {"cap_week", "週の上限"},
	[ROTA_RULE_CAP_MONTH] = {"cap_month", "月の上限"},
	[ROTA_RULE_PIN] = {"pin", "確定済みの当番"},
};
const char *rota_rule_code(enum rota_rule r) { return (unsigned)r < ROTA_RULE__MAX ? rules[r].code : "unknown"; }
const char *rota_rule_ja(enum rota_rule r) { return (unsigned)r < ROTA_RULE__MAX ? rules[r].ja : "不明な規則"; }

void rota_format_date_ja(long day, char out[32])
{
	int y, m, d;
	cal_from_days(day, &y, &m, &d);
	snprintf(out, 32, "%d年%d月%d日", y, m, d);
}

void rota_doctor_ja(const struct rota_instance *in, int i, char *out, int n)
{
	if (i < 0 || i >= in->ndoctors)
		snprintf(out, (size_t)n, "医師#%d", i);
	else if (in->doctors[i].name[0])
		snprintf(out, (size_t)n, "%s医師", in->doctors[i].name);
	else
		snprintf(out, (size_t)n, "医師%d", i + 1);
}

/* ---- validation ---- */
enum zt_err rota_instance_validate(const struct rota_instance *in, struct zt_error *e)
{
	char f[64];
	if (in->to_day < in->from_day)
		return zt_fail(e, ZT_ERR_INVALID, "to", "期間の終わりが始まりより前です。");
	if (in->to_day - in->from_day + 1 > ROTA_MAX_DAYS)
		return zt_fail(e, ZT_ERR_TOOLARGE, "to", "期間は%d日（2年）までです（%ld日が指定されました）。",
			       ROTA_MAX_DAYS, in->to_day - in->from_day + 1);
	int y, m, d;
	cal_from_days(in->from_day, &y, &m, &d);
	if (y < HOLIDAY_YEAR_MIN)
		return zt_fail(e, ZT_ERR_INVALID, "from", "期間の始まりは%d年以降にしてください。", HOLIDAY_YEAR_MIN);
	cal_from_days(in->to_day, &y, &m, &d);
	if (y > HOLIDAY_YEAR_MAX)
		return zt_fail(e, ZT_ERR_INVALID, "to", "期間の終わりは%d年までにしてください。", HOLIDAY_YEAR_MAX);
	if (in->ndoctors < 1)
		return zt_fail(e, ZT_ERR_INVALID, "doctors", "医師が1名もいません。");
	if (in->ndoctors > ROTA_MAX_DOCTORS)
		return zt_fail(e, ZT_ERR_TOOLARGE, "doctors", "医師は%d名までです（%d名が指定されました）。",
			       ROTA_MAX_DOCTORS, in->ndoctors);
	if (in->nslots < 0 || in->nslots > ROTA_MAX_SLOTS)
		return zt_fail(e, ZT_ERR_TOOLARGE, "slots", "当番は%d件までです。", ROTA_MAX_SLOTS);
	if (in->nunavail < 0 || in->nunavail > ROTA_MAX_UNAVAIL)
		return zt_fail(e, ZT_ERR_TOOLARGE, "unavailable", "不在日は%d件までです。", ROTA_MAX_UNAVAIL);
	if (in->nwishes < 0 || in->nwishes > ROTA_MAX_WISHES)
		return zt_fail(e, ZT_ERR_TOOLARGE, "wishes", "希望は%d件までです。", ROTA_MAX_WISHES);
	if (in->npins < 0 || in->npins > ROTA_MAX_PINS)
		return zt_fail(e, ZT_ERR_TOOLARGE, "pins", "確定済みの当番は%d件までです。", ROTA_MAX_PINS);
	for (int i = 0; i < in->ndoctors; i++) {
		const struct rota_doctor *dr = &in->doctors[i];
		if (!(dr->share > 0 && dr->share <= 1)) {
			snprintf(f, sizeof f, "doctors[%d].share", i);
			return zt_fail(e, ZT_ERR_INVALID, f, "負担割合は0より大きく1以下で指定してください。");
		}
		if (dr->cap_week < 0 || dr->cap_week > 14) {
			snprintf(f, sizeof f, "doctors[%d].cap_week", i);
			return zt_fail(e, ZT_ERR_INVALID, f, "週の上限は0（なし）〜14回で指定してください。");
		}
		if (dr->cap_month < 0 || dr->cap_month > 62) {
			snprintf(f, sizeof f, "doctors[%d].cap_month", i);
			return zt_fail(e, ZT_ERR_INVALID, f, "月の上限は0（なし）〜62回で指定してください。");
		}
		for (int t = 0; t < DUTY__MAX; t++)
			if (!isfinite(dr->carried[t]) || fabs(dr->carried[t]) > 1000) {
				snprintf(f, sizeof f, "doctors[%d].carried.%s", i, duty_types[t].code);
				return zt_fail(e, ZT_ERR_INVALID, f, "繰越ポイントは−1000〜1000で指定してください。");
			}
		for (int j = 0; j < i; j++)
			if (dr->practitioner_id != 0 && in->doctors[j].practitioner_id == dr->practitioner_id) {
				snprintf(f, sizeof f, "doctors[%d].practitioner_id", i);
				return zt_fail(e, ZT_ERR_INVALID, f, "同じ医師が2回指定されています。");
			}
	}
	for (int s = 0; s < in->nslots; s++) {
		const struct rota_slot *sl = &in->slots[s];
		if (sl->day < in->from_day || sl->day > in->to_day || (s > 0 && sl->day < in->slots[s - 1].day)) {
			snprintf(f, sizeof f, "slots[%d].date", s);
			return zt_fail(e, ZT_ERR_INVALID, f, "当番の日付が期間外か、日付順になっていません。");
		}
		if ((unsigned)sl->type >= DUTY__MAX) {
			snprintf(f, sizeof f, "slots[%d].type", s);
			return zt_fail(e, ZT_ERR_INVALID, f, "当番の種類が不明です。");
		}
		if (s > 0 && sl->day == in->slots[s - 1].day && sl->type == in->slots[s - 1].type) {
			snprintf(f, sizeof f, "slots[%d].type", s);
			return zt_fail(e, ZT_ERR_INVALID, f,
				       "同じ日の同じ種類の当番が2件あります（人数は need で指定）。");
		}
		if (sl->need < 1 || sl->need > ROTA_MAX_NEED) {
			snprintf(f, sizeof f, "slots[%d].need", s);
			return zt_fail(e, ZT_ERR_INVALID, f, "必要人数は1〜%d名で指定してください。", ROTA_MAX_NEED);
		}
	}
	for (int k = 0; k < in->nunavail; k++) {
		const struct rota_unavail *u = &in->unavail[k];
		if (u->doctor < 0 || u->doctor >= in->ndoctors) {
			snprintf(f, sizeof f, "unavailable[%d].doctor", k);
			return zt_fail(e, ZT_ERR_INVALID, f, "不在日の医師が一覧にありません。");
		}
		if (u->day < in->from_day || u->day > in->to_day) {
			snprintf(f, sizeof f, "unavailable[%d].date", k);
			return zt_fail(e, ZT_ERR_INVALID, f, "不在日が期間外です。");
		}
	}
	for (int k = 0; k < in->nwishes; k++) {
		const struct rota_wish *w = &in->wishes[k];
		if (w->doctor < 0 || w->doctor >= in->ndoctors) {
			snprintf(f, sizeof f, "wishes[%d].doctor", k);
			return zt_fail(e, ZT_ERR_INVALID, f, "希望の医師が一覧にありません。");
		}
		if (w->day < in->from_day || w->day > in->to_day) {
			snprintf(f, sizeof f, "wishes[%d].date", k);
			return zt_fail(e, ZT_ERR_INVALID, f, "希望の日付が期間外です。");
		}
		if (w->type < -1 || w->type >= DUTY__MAX) {
			snprintf(f, sizeof f, "wishes[%d].type", k);
			return zt_fail(e, ZT_ERR_INVALID, f, "希望の当番の種類が不明です。");
		}
	}
	for (int k = 0; k < in->npins; k++) {
		const struct rota_pin *p = &in->pins[k];
		if (p->doctor < 0 || p->doctor >= in->ndoctors) {
			snprintf(f, sizeof f, "pins[%d].doctor", k);
			return zt_fail(e, ZT_ERR_INVALID, f, "確定済みの当番の医師が一覧にありません。");
		}
		if (p->slot < 0 || p->slot >= in->nslots) {
			snprintf(f, sizeof f, "pins[%d].slot", k);
			return zt_fail(e, ZT_ERR_INVALID, f, "確定済みの当番が期間の当番にありません。");
		}
		int same = 0;
		for (int j = 0; j < k; j++)
			if (in->pins[j].slot == p->slot) {
				if (in->pins[j].doctor == p->doctor) {
					snprintf(f, sizeof f, "pins[%d]", k);
					return zt_fail(e, ZT_ERR_INVALID, f,
						       "同じ確定済みの当番が2回指定されています。");
				}
				same++;
			}
		if (same + 1 > in->slots[p->slot].need) {
			snprintf(f, sizeof f, "pins[%d].slot", k);
			return zt_fail(e, ZT_ERR_INVALID, f, "確定済みの医師が当番の必要人数を超えています。");
		}
	}
	return ZT_OK;
}

/* ---- the day index ---- */
static long floor_div(long a, long b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

int rota_index_build(const struct rota_instance *in, struct rota_index *ix)
{
	memset(ix, 0, sizeof *ix);
	int nd = (int)(in->to_day - in->from_day + 1);
	ix->ndays = nd;
	ix->nseats = rota_seat_count(in);
	size_t cells = (size_t)in->ndoctors * (size_t)nd;
	ix->seat_slot = malloc(sizeof(int) * (size_t)(ix->nseats + 1));
	ix->slot_first = malloc(sizeof(int) * (size_t)(in->nslots + 1));
	ix->day_slot0 = malloc(sizeof(int) * (size_t)(nd + 1));
	ix->unav = calloc(cells + 1, 1);
	ix->unav_reason = malloc(sizeof(int) * (cells + 1));
	ix->week = malloc(sizeof(int) * (size_t)nd);
	ix->month = malloc(sizeof(int) * (size_t)nd);
	ix->slot_pins = calloc((size_t)in->nslots + 1, sizeof(int));
	if (!ix->slot_pins || !ix->seat_slot || !ix->slot_first || !ix->day_slot0 || !ix->unav || !ix->unav_reason ||
	    !ix->week || !ix->month) {
		rota_index_free(ix);
		return -1;
	}
	int k = 0;
	for (int s = 0; s < in->nslots; s++) {
		ix->slot_first[s] = k;
		for (int j = 0; j < in->slots[s].need; j++)
			ix->seat_slot[k++] = s;
	}
	ix->slot_first[in->nslots] = k;
	int s = 0;
	for (int d = 0; d <= nd; d++) {
		while (s < in->nslots && in->slots[s].day - in->from_day < d)
			s++;
		ix->day_slot0[d] = s;
	}
	for (int p = 0; p < in->npins; p++)
		ix->slot_pins[in->pins[p].slot]++;
	for (size_t c = 0; c < cells; c++)
		ix->unav_reason[c] = -1;
	for (int u = 0; u < in->nunavail; u++) {
		size_t c = (size_t)in->unavail[u].doctor * (size_t)nd + (size_t)(in->unavail[u].day - in->from_day);
		ix->unav[c] = 1;
		if (ix->unav_reason[c] < 0)
			ix->unav_reason[c] = u;
	}
	long w0 = floor_div(in->from_day + 3, 7); /* 1970-01-01 was a Thursday */
	int y0, m0, d0;
	cal_from_days(in->from_day, &y0, &m0, &d0);
	for (int d = 0; d < nd; d++) {
		int y, m, dd;
		cal_from_days(in->from_day + d, &y, &m, &dd);
		ix->week[d] = (int)(floor_div(in->from_day + d + 3, 7) - w0);
		ix->month[d] = (y - y0) * 12 + (m - m0);
	}
	ix->nweeks = ix->week[nd - 1] + 1;
	ix->nmonths = ix->month[nd - 1] + 1;
	return 0;
}

void rota_index_free(struct rota_index *ix)
{
	free(ix->seat_slot);
	free(ix->slot_first);
	free(ix->day_slot0);
	free(ix->unav);
	free(ix->unav_reason);
	free(ix->week);
	free(ix->month);
	free(ix->slot_pins);
	memset(ix, 0, sizeof *ix);
}

/* ---- rota_check ---- */
struct vsink {
	struct rota_violation *out;
	int cap, n;
};

static void __attribute__((format(printf, 6, 7)))
viol(struct vsink *vs, enum rota_rule r, int doctor, long day, int slot, const char *fmt, ...)
{
	if (vs->n < vs->cap) {
		struct rota_violation *v = &vs->out[vs->n];
		v->rule = r, v->doctor = doctor, v->day = day, v->slot = slot;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(v->message, sizeof v->message, fmt, ap);
		va_end(ap);
	}
	vs->n++;
}

int rota_check(const struct rota_instance *in, const int *assign, struct rota_violation *out, int cap)
{
	struct rota_index ix;
	if (rota_index_build(in, &ix) != 0)
		return -1;
	int nd = ix.ndays, nD = in->ndoctors;
	/* per doctor and day: night duties, day duties (counts) */
	uint8_t *night = calloc((size_t)nD * (size_t)nd + 1, 1), *dayd = calloc((size_t)nD * (size_t)nd + 1, 1);
	int *wk = calloc((size_t)nD * (size_t)ix.nweeks + 1, sizeof(int));
	int *mo = calloc((size_t)nD * (size_t)ix.nmonths + 1, sizeof(int));
	if (!night || !dayd || !wk || !mo) {
		free(night), free(dayd), free(wk), free(mo);
		rota_index_free(&ix);
		return -1;
	}
	struct vsink vs = {out, cap, 0};
	char date[32], who[ROTA_NAME_MAX + 16];
	for (int d = 0; d < nd; d++) {
		long day = in->from_day + d;
		rota_format_date_ja(day, date);
		for (int s = ix.day_slot0[d]; s < ix.day_slot0[d + 1]; s++) {
			const char *tj = duty_types[in->slots[s].type].ja;
			for (int k = ix.slot_first[s]; k < ix.slot_first[s + 1]; k++) {
				int i = assign[k];
				if (i == -1) {
					viol(&vs, ROTA_RULE_COVER, -1, day, s, "%s %s: 担当医が決まっていません。",
					     date, tj);
					continue;
				}
				if (i < 0 || i >= nD) {
					viol(&vs, ROTA_RULE_DOCTOR, -1, day, s,
					     "%s %s: 医師の指定（%d）が一覧にありません。", date, tj, i);
					continue;
				}
				rota_doctor_ja(in, i, who, sizeof who);
				int dup = 0;
				for (int k2 = ix.slot_first[s]; k2 < k; k2++)
					dup |= assign[k2] == i;
				if (dup) {
					viol(&vs, ROTA_RULE_TWICE_IN_SLOT, i, day, s,
					     "%s %s: %sが同じ当番に2回入っています。", date, tj, who);
					continue;
				}
				size_t c = (size_t)i * (size_t)nd + (size_t)d;
				if (ix.unav[c]) {
					const char *why = in->unavail[ix.unav_reason[c]].reason;
					viol(&vs, ROTA_RULE_UNAVAILABLE, i, day, s, "%s %s: %sはこの日不在です%s%s%s。",
					     date, tj, who, why[0] ? "（" : "", why, why[0] ? "）" : "");
				}
				if (rota_is_night(in->slots[s].type))
					night[c]++;
				else
					dayd[c]++;
				wk[(size_t)i * (size_t)ix.nweeks + (size_t)ix.week[d]]++;
				mo[(size_t)i * (size_t)ix.nmonths + (size_t)ix.month[d]]++;
			}
		}
		/* pins of this date's slots */
		for (int p = 0; p < in->npins; p++) {
			int s = in->pins[p].slot, i = in->pins[p].doctor;
			if (in->slots[s].day != day)
				continue;
			int found = 0;
			for (int k = ix.slot_first[s]; k < ix.slot_first[s + 1]; k++)
				found |= assign[k] == i;
			if (!found) {
				rota_doctor_ja(in, i, who, sizeof who);
				viol(&vs, ROTA_RULE_PIN, i, day, s, "%s %s: 確定済みの%sの当番が外されています。", date,
				     duty_types[in->slots[s].type].ja, who);
			}
		}
		bool week_end = d == nd - 1 || ix.week[d + 1] != ix.week[d];
		bool month_end = d == nd - 1 || ix.month[d + 1] != ix.month[d];
		for (int i = 0; i < nD; i++) {
			size_t c = (size_t)i * (size_t)nd + (size_t)d;
			if (!night[c] && !dayd[c] && !(week_end || month_end))
				continue;
			rota_doctor_ja(in, i, who, sizeof who);
			if (d > 0 && night[c - 1]) {
				char prev[32];
				rota_format_date_ja(day - 1, prev);
				if (in->rules.no_consecutive_nights && night[c])
					viol(&vs, ROTA_RULE_CONSECUTIVE_NIGHTS, i, day, -1,
					     "%s: %sが%sと%sの夜間に連続して入っています（夜間の連続禁止）。", who, who,
					     prev, date);
				if (in->rules.rest_after_night && dayd[c])
					viol(&vs, ROTA_RULE_REST_AFTER_NIGHT, i, day, -1,
					     "%s: %sは%sの夜間の翌日に日中の当番が入っています（夜間明けの休息）。",
					     date, who, prev);
			}
			if (in->rules.one_duty_per_date && night[c] && dayd[c])
				viol(&vs, ROTA_RULE_ONE_PER_DATE, i, day, -1,
				     "%s: %sが日中と夜間を兼務しています（同日の兼務禁止）。", date, who);
			const struct rota_doctor *dr = &in->doctors[i];
			int nw = wk[(size_t)i * (size_t)ix.nweeks + (size_t)ix.week[d]];
			if (week_end && dr->cap_week > 0 && nw > dr->cap_week)
				viol(&vs, ROTA_RULE_CAP_WEEK, i, day, -1,
				     "%s: 週上限%d回だが、%sまでの週に%d回入っています。", who, dr->cap_week, date, nw);
			int nm = mo[(size_t)i * (size_t)ix.nmonths + (size_t)ix.month[d]];
			if (month_end && dr->cap_month > 0 && nm > dr->cap_month) {
				int y, m, dd;
				cal_from_days(day, &y, &m, &dd);
				viol(&vs, ROTA_RULE_CAP_MONTH, i, day, -1,
				     "%s: 月上限%d回だが、%d年%d月に%d回入っています。", who, dr->cap_month, y, m, nm);
			}
		}
	}
	free(night), free(dayd), free(wk), free(mo);
	rota_index_free(&ix);
	return vs.n;
}

/* ---- the objective ---- */
static int wish_unmet(const struct rota_instance *in, const struct rota_wish *w, const int *assign,
		      const struct rota_index *ix)
{
	int d = (int)(w->day - in->from_day), has = 0;
	for (int s = ix->day_slot0[d]; s < ix->day_slot0[d + 1]; s++)
		if (w->type < 0 || (int)in->slots[s].type == w->type)
			for (int k = ix->slot_first[s]; k < ix->slot_first[s + 1]; k++)
				has |= assign[k] == w->doctor;
	return w->avoid ? has : !has;
}

void rota_objective_of(const struct rota_instance *in, const int *assign, struct rota_objective *out)
{
	memset(out, 0, sizeof *out);
	struct rota_index ix;
	int nD = in->ndoctors;
	int *cnt = calloc((size_t)nD * DUTY__MAX + 1, sizeof(int));
	if (!cnt || rota_index_build(in, &ix) != 0) {
		free(cnt);
		out->spread_sum = HUGE_VAL;
		return;
	}
	int nd = ix.ndays;
	int *perday = calloc((size_t)nD * (size_t)nd + 1, sizeof(int));
	if (!perday) {
		free(cnt);
		rota_index_free(&ix);
		out->spread_sum = HUGE_VAL;
		return;
	}
	for (int k = 0; k < ix.nseats; k++) {
		int i = assign[k];
		if (i < 0 || i >= nD)
			continue;
		const struct rota_slot *sl = &in->slots[ix.seat_slot[k]];
		cnt[i * DUTY__MAX + sl->type]++;
		perday[(size_t)i * (size_t)nd + (size_t)(sl->day - in->from_day)]++;
	}
	for (int t = 0; t < DUTY__MAX; t++) {
		double lo = HUGE_VAL, hi = -HUGE_VAL;
		for (int i = 0; i < nD; i++) {
			double l = cnt[i * DUTY__MAX + t] / in->doctors[i].share + in->doctors[i].carried[t];
			lo = l < lo ? l : lo;
			hi = l > hi ? l : hi;
		}
		out->spread[t] = hi - lo;
		out->spread_sum += out->spread[t];
	}
	for (int w = 0; w < in->nwishes; w++)
		out->wishes += wish_unmet(in, &in->wishes[w], assign, &ix);
	for (int i = 0; i < nD; i++)
		for (int d = 0; d < nd; d++) {
			int sum = 0;
			for (int j = d; j <= d + 2 && j < nd; j++)
				sum += perday[(size_t)i * (size_t)nd + (size_t)j];
			if (sum > 1)
				out->clustering += sum - 1;
		}
	free(cnt);
	free(perday);
	rota_index_free(&ix);
}

int rota_objective_cmp(const struct rota_objective *a, const struct rota_objective *b)
{
	if (a->spread_sum < b->spread_sum - EPS)
		return -1;
	if (a->spread_sum > b->spread_sum + EPS)
		return 1;
	if (a->wishes != b->wishes)
		return a->wishes < b->wishes ? -1 : 1;
	if (a->clustering != b->clustering)
		return a->clustering < b->clustering ? -1 : 1;
	return 0;
}

/* ---- the lower bound ---- */
int rota_doctor_type_cap(const struct rota_instance *in, const struct rota_index *ix, int i, int t, int *lo)
{
	int nd = ix->ndays, avail = 0, runs = 0, run = 0;
	*lo = 0;
	int *wk = calloc((size_t)ix->nweeks + 1, sizeof(int)), *mo = calloc((size_t)ix->nmonths + 1, sizeof(int));
	if (!wk || !mo) {
		free(wk), free(mo);
		return ix->nseats;
	}
	for (int d = 0; d < nd; d++) {
		int here = 0;
		if (!ix->unav[(size_t)i * (size_t)nd + (size_t)d])
			for (int s = ix->day_slot0[d]; s < ix->day_slot0[d + 1]; s++) {
				if ((int)in->slots[s].type != t)
					continue;
				int pinned_other = 0, mine = 0;
				for (int p = 0; ix->slot_pins[s] && p < in->npins; p++)
					if (in->pins[p].slot == s)
						in->pins[p].doctor == i ? mine++ : pinned_other++;
				*lo += mine;
				if (mine || pinned_other < in->slots[s].need)
					here = 1;
			}
		if (here) {
			avail++;
			run++;
			wk[ix->week[d]]++;
			mo[ix->month[d]]++;
		} else {
			runs += (run + 1) / 2;
			run = 0;
		}
	}
	runs += (run + 1) / 2;
	int u = avail;
	if (rota_is_night((enum duty_type)t) && in->rules.no_consecutive_nights && runs < u)
		u = runs;
	const struct rota_doctor *dr = &in->doctors[i];
	if (dr->cap_week > 0) {
		int sum = 0;
		for (int w = 0; w < ix->nweeks; w++)
			sum += wk[w] < dr->cap_week ? wk[w] : dr->cap_week;
		u = sum < u ? sum : u;
	}
	if (dr->cap_month > 0) {
		int sum = 0;
		for (int m = 0; m < ix->nmonths; m++)
			sum += mo[m] < dr->cap_month ? mo[m] : dr->cap_month;
		u = sum < u ? sum : u;
	}
	free(wk), free(mo);
	return u;
}

/* Exact optimum of the counting relaxation: counts c_i in [lo_i, hi_i] with Σ c_i = n minimising
 * max − min of c_i / s_i + p_i. The minimum load L is some doctor's level at some count; for a
 * given L each doctor needs at least lo_i(L) = max(lo_i, ⌈(L − p_i) s_i⌉) and the top X must reach
 * the n-th smallest unit level so that n units fit under it. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double relaxed_spread(int nD, const double *s, const double *p, const int *lo, const int *hi, int n,
			     double *best_l)
{
	long sumhi = 0, sumlo = 0;
	for (int i = 0; i < nD; i++) {
		if (hi[i] < lo[i])
			return -1;
		sumhi += hi[i];
		sumlo += lo[i];
	}
	if (sumhi < n || sumlo > n)
		return -1;
	/* X_N: the n-th smallest level among the units c = 1..hi_i of every doctor */
	double xn = -HUGE_VAL;
	if (n > 0) {
		double *lv = malloc(sizeof(double) * (size_t)sumhi);
		if (!lv)
			return 0; /* a valid (weak) bound */
		long m = 0;
		for (int i = 0; i < nD; i++)
			for (int c = 1; c <= hi[i]; c++)
				lv[m++] = c / s[i] + p[i];
		qsort(lv, (size_t)m, sizeof *lv, cmp_double);
		xn = lv[n - 1];
		free(lv);
	}
	double best = HUGE_VAL;
	for (int j = 0; j < nD; j++)
		for (int cj = lo[j]; cj <= hi[j]; cj++) {
			double L = cj / s[j] + p[j], top = xn;
			long need = 0;
			int ok = 1;
			for (int i = 0; i < nD && ok; i++) {
				long li = (long)ceil((L - p[i]) * s[i] - 1e-7);
				if (li < lo[i])
					li = lo[i];
				if (li > hi[i]) {
					ok = 0;
					break;
				}
				need += li;
				double lv = li / s[i] + p[i];
				top = lv > top ? lv : top;
			}
			if (!ok || need > n)
				continue;
			if (top - L < best - EPS) {
				best = top - L;
				*best_l = L;
			}
		}
	return best == HUGE_VAL ? -1 : (best < 0 ? 0 : best);
}

double rota_type_targets(const struct rota_instance *in, const struct rota_index *ix, int t, int *tlo, int *thi)
{
	int nD = in->ndoctors;
	double *s = malloc(sizeof(double) * (size_t)nD), *p = malloc(sizeof(double) * (size_t)nD);
	int *lo = malloc(sizeof(int) * (size_t)nD), *hi = malloc(sizeof(int) * (size_t)nD);
	if (!s || !p || !lo || !hi) {
		free(s), free(p), free(lo), free(hi);
		return -2;
	}
	int n = 0;
	for (int k = 0; k < ix->nseats; k++)
		n += (int)in->slots[ix->seat_slot[k]].type == t;
	for (int i = 0; i < nD; i++) {
		s[i] = in->doctors[i].share;
		p[i] = in->doctors[i].carried[t];
		hi[i] = rota_doctor_type_cap(in, ix, i, t, &lo[i]);
	}
	double L = 0, r = relaxed_spread(nD, s, p, lo, hi, n, &L);
	for (int i = 0; tlo && i < nD; i++) {
		if (r < 0) {
			tlo[i] = lo[i], thi[i] = hi[i];
			continue;
		}
		long a = (long)ceil((L - p[i]) * s[i] - 1e-7), b = (long)floor((L + r - p[i]) * s[i] + 1e-7);
		tlo[i] = (int)(a < lo[i] ? lo[i] : a);
		thi[i] = (int)(b > hi[i] ? hi[i] : b);
	}
	free(s), free(p), free(lo), free(hi);
	return r;
}

double rota_spread_bound(const struct rota_instance *in, enum duty_type t)
{
	struct rota_index ix;
	if (rota_index_build(in, &ix) != 0)
		return 0; /* a valid (weak) bound */
	double r = rota_type_targets(in, &ix, (int)t, NULL, NULL);
	rota_index_free(&ix);
	return r == -2 ? 0 : r;
}

/* ---- the certificate ---- */
void rota_certificate(const struct rota_instance *in, const int *assign, struct rota_cert_doctor *per_doctor,
		      struct rota_certificate *out)
{
	memset(out, 0, sizeof *out);
	int nD = in->ndoctors;
	memset(per_doctor, 0, sizeof *per_doctor * (size_t)nD);
	int k = 0;
	for (int sl = 0; sl < in->nslots; sl++)
		for (int j = 0; j < in->slots[sl].need; j++, k++) {
			int t = in->slots[sl].type, i = assign[k];
			out->seats[t]++;
			if (i >= 0 && i < nD) {
				per_doctor[i].count[t]++;
				per_doctor[i].total++;
			}
		}
	for (int t = 0; t < DUTY__MAX; t++) {
		double lo = HUGE_VAL, hi = -HUGE_VAL, sum = 0;
		out->next[t] = -1;
		for (int i = 0; i < nD; i++) {
			double l = per_doctor[i].count[t] / in->doctors[i].share + in->doctors[i].carried[t];
			per_doctor[i].load[t] = l;
			sum += l;
			lo = l < lo ? l : lo;
			hi = l > hi ? l : hi;
			if (out->next[t] < 0 || l < per_doctor[out->next[t]].load[t] - EPS)
				out->next[t] = i;
		}
		for (int i = 0; i < nD; i++)
			per_doctor[i].debt[t] = per_doctor[i].load[t] - sum / nD;
		out->spread[t] = hi - lo;
		out->bound[t] = rota_spread_bound(in, (enum duty_type)t);
		out->optimal[t] = out->bound[t] >= 0 && out->spread[t] <= out->bound[t] + EPS;
	}
	rota_objective_of(in, assign, &out->objective);
	out->violations = rota_check(in, assign, NULL, 0);
}
