/* Use cases of the fair on-call rota: settings, unavailability, solve, certificate, edits (see app_rota.h). */
#include "app/app_patients.h"
#include "app/app_rota.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/policy.h"
#include "core/clock.h"
#include "domain/duty.h"
#include "domain/holiday.h"
#include "domain/rota.h"
#include "domain/wareki.h"
#include "io/rota_request_json.h"
#include "io/rota_unavail_csv.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_groups.h"
#include "store/store_patients.h"
#include "store/store_rota.h"

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);
	if (p == NULL)
		abort();
	return p;
}

static const char *who_name(const struct zt_actor *who)
{
	return who && who->username ? who->username : "system";
}

/* Copies src into dst[n] cut at a UTF-8 character boundary. */
static void copy_utf8(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static long day_of(const char *iso)
{
	int y, m, d;
	return cal_parse(iso, &y, &m, &d) ? cal_days(y, m, d) : -1;
}

static void iso_of(long day, char out[11])
{
	int y, m, d;
	cal_from_days(day, &y, &m, &d);
	cal_format(y, m, d, out);
}

enum zt_err app_rota_period_check(const char *from, const char *to, struct zt_error *e)
{
	long a = from ? day_of(from) : -1, b = to ? day_of(to) : -1;
	if (a < 0)
		return zt_fail(e, ZT_ERR_INVALID, "from", "from は YYYY-MM-DD で指定してください。");
	if (b < a || b - a + 1 > APP_ROTA_MAX_DAYS)
		return zt_fail(e, ZT_ERR_INVALID, "to", "to は from 以後、%d日以内の YYYY-MM-DD で指定してください。",
			       APP_ROTA_MAX_DAYS);
	return ZT_OK;
}

/* ---- the instance of a group and period, loaded from the store ---- */

struct world {
	int64_t group_id;
	char from[11], to[11];
	long from_day, to_day;
	struct duty_hours h;
	struct rota_doc_row *docs;
	size_t ndocs;
	struct rota_doctor *rd;
	struct rota_slot *slots;
	int nslots;
	int *day_slot; /* first slot index of each day of the period, -1 when none */
	struct rota_unavail_row *urows;
	size_t nurows;
	struct rota_unavail *un;
	int nun;
	struct rota_wish_row *wrows;
	size_t nwrows;
	struct rota_wish *wi;
	int nwi;
	struct rota_pin *pins;
	int npins;
	struct duty *duties; /* the period's duties (all sources) */
	size_t nduties;
	int nseats;
	int *assign;      /* the current duties as an assignment */
	size_t *seat_duty; /* index into duties per seat, (size_t)-1 = none */
	int dropped_unavail; /* unavailable days given way to a pinned duty (covered by 代診) */
	bool valid;          /* the instance passed rota_instance_validate */
	struct rota_instance in;
};

static void world_free(struct world *w)
{
	free(w->docs);
	free(w->rd);
	free(w->slots);
	free(w->day_slot);
	free(w->urows);
	free(w->un);
	free(w->wrows);
	free(w->wi);
	free(w->pins);
	free(w->duties);
	free(w->assign);
	free(w->seat_duty);
	memset(w, 0, sizeof *w);
}

static int doc_index(const struct world *w, int64_t pid)
{
	for (size_t i = 0; i < w->ndocs; i++)
		if (w->docs[i].practitioner_id == pid)
			return (int)i;
	return -1;
}

/* The slot of (day, type), −1 when the period has none. */
static int slot_of(const struct world *w, long day, int type)
{
	if (day < w->from_day || day > w->to_day)
		return -1;
	int s = w->day_slot[day - w->from_day];
	for (int k = s; k >= 0 && k < w->nslots && w->slots[k].day == day; k++)
		if ((int)w->slots[k].type == type)
			return k;
	return -1;
}

/* Loads everything the solver needs; with_pins: the duties of sources other than 'solver' become
 * pins (a solve), else none (edits are checked without pins: the edit itself moves an agreed duty).
 * lenient (the view): a group without doctors or an instance the solver would refuse is no error
 * (w->valid false: no certificate). */
static enum zt_err world_load_opt(struct store *st, int64_t group_id, const char *from, const char *to, bool with_pins,
				  bool lenient, struct world *w, struct zt_error *e)
{
	memset(w, 0, sizeof *w);
	w->group_id = group_id;
	snprintf(w->from, sizeof w->from, "%s", from);
	snprintf(w->to, sizeof w->to, "%s", to);
	w->from_day = day_of(from);
	w->to_day = day_of(to);
	enum zt_err r = store_duty_hours(st, group_id, &w->h, NULL, e);
	if (r == ZT_OK)
		r = store_rota_doctors(st, group_id, &w->docs, &w->ndocs, e);
	if (r == ZT_OK)
		r = store_rota_unavailable(st, group_id, from, to, &w->urows, &w->nurows, e);
	if (r == ZT_OK)
		r = store_rota_wishes(st, group_id, from, to, &w->wrows, &w->nwrows, e);
	if (r == ZT_OK)
		r = store_duties(st, group_id, from, to, -1, &w->duties, &w->nduties, e);
	if (r != ZT_OK)
		return r;
	if (w->ndocs == 0 && !lenient)
		return zt_fail(e, ZT_ERR_INVALID, "group_id", "このグループには当番を担当できる医師（構成医療機関の医師）がいません。");
	if (w->ndocs > ROTA_MAX_DOCTORS)
		return zt_fail(e, ZT_ERR_TOOLARGE, "group_id", "医師が多すぎます（%d名まで）。", ROTA_MAX_DOCTORS);
	long ndays = w->to_day - w->from_day + 1;
	w->rd = xcalloc(w->ndocs, sizeof *w->rd);
	for (size_t i = 0; i < w->ndocs; i++) {
		struct rota_doctor *d = &w->rd[i];
		d->practitioner_id = w->docs[i].practitioner_id;
		copy_utf8(d->name, sizeof d->name, w->docs[i].name);
		d->share = w->docs[i].share > 0 ? w->docs[i].share : 1.0;
		d->cap_week = w->docs[i].max_per_week;
		d->cap_month = w->docs[i].max_per_month;
		for (int t = 0; t < DUTY__MAX; t++)
			d->carried[t] = w->docs[i].carried[t];
	}
	w->slots = xcalloc((size_t)ndays * 2, sizeof *w->slots);
	w->nslots = rota_slots_for_period(w->from_day, w->to_day, &w->h, w->slots, (int)ndays * 2);
	if (w->nslots < 0)
		return zt_fail(e, ZT_ERR_INVALID, "from", "期間の日付が祝日の暦の範囲外です。");
	w->day_slot = xcalloc((size_t)ndays, sizeof *w->day_slot);
	for (long k = 0; k < ndays; k++)
		w->day_slot[k] = -1;
	for (int s = w->nslots - 1; s >= 0; s--)
		w->day_slot[w->slots[s].day - w->from_day] = s;
	/* the current duties as an assignment; the pins */
	w->nseats = 0;
	for (int s = 0; s < w->nslots; s++)
		w->nseats += w->slots[s].need;
	w->assign = xcalloc((size_t)w->nseats, sizeof *w->assign);
	w->seat_duty = xcalloc((size_t)w->nseats, sizeof *w->seat_duty);
	int *first = xcalloc((size_t)w->nslots + 1, sizeof *first);
	for (int s = 0, k = 0; s < w->nslots; k += w->slots[s].need, s++)
		first[s] = k;
	for (int k = 0; k < w->nseats; k++) {
		w->assign[k] = -1;
		w->seat_duty[k] = (size_t)-1;
	}
	w->pins = xcalloc(w->nduties, sizeof *w->pins);
	for (size_t i = 0; i < w->nduties; i++) {
		const struct duty *d = &w->duties[i];
		int s = slot_of(w, day_of(d->date), d->type), doc = doc_index(w, d->practitioner_id);
		if (s < 0 || doc < 0)
			continue;
		for (int k = first[s]; k < first[s] + w->slots[s].need; k++)
			if (w->assign[k] < 0) {
				w->assign[k] = doc;
				w->seat_duty[k] = i;
				if (with_pins && strcmp(d->source, "solver") != 0)
					w->pins[w->npins++] = (struct rota_pin){doc, s};
				break;
			}
	}
	free(first);
	/* unavailability: stored rows and absences, once per doctor and day; a pinned duty of the
	 * doctor that day wins (it was agreed; the 24-hour network's 代診 covers it) */
	unsigned char *seen = xcalloc(w->ndocs * (size_t)ndays, 1);
	for (int p = 0; p < w->npins; p++) {
		long off = w->slots[w->pins[p].slot].day - w->from_day;
		seen[(size_t)w->pins[p].doctor * (size_t)ndays + (size_t)off] = 2;
	}
	w->un = xcalloc(w->nurows, sizeof *w->un);
	for (size_t i = 0; i < w->nurows; i++) {
		int doc = doc_index(w, w->urows[i].practitioner_id);
		long day = day_of(w->urows[i].date);
		if (doc < 0 || day < w->from_day || day > w->to_day)
			continue;
		unsigned char *m = &seen[(size_t)doc * (size_t)ndays + (size_t)(day - w->from_day)];
		if (*m == 2)
			w->dropped_unavail++;
		if (*m)
			continue;
		*m = 1;
		struct rota_unavail *u = &w->un[w->nun++];
		u->doctor = doc;
		u->day = day;
		copy_utf8(u->reason, sizeof u->reason, w->urows[i].reason);
	}
	free(seen);
	w->wi = xcalloc(w->nwrows, sizeof *w->wi);
	for (size_t i = 0; i < w->nwrows; i++) {
		int doc = doc_index(w, w->wrows[i].practitioner_id);
		if (doc < 0)
			continue;
		w->wi[w->nwi++] = (struct rota_wish){doc, day_of(w->wrows[i].date),
						      w->wrows[i].duty_type[0] ? duty_type_lookup(w->wrows[i].duty_type) : -1,
						      strcmp(w->wrows[i].kind, "avoid") == 0};
	}
	w->in = (struct rota_instance){
		.from_day = w->from_day, .to_day = w->to_day, .slots = w->slots, .nslots = w->nslots,
		.doctors = w->rd, .ndoctors = (int)w->ndocs, .unavail = w->un, .nunavail = w->nun,
		.wishes = w->wi, .nwishes = w->nwi, .pins = w->pins, .npins = w->npins, .rules = rota_rules_default(),
	};
	if (w->ndocs == 0)
		return ZT_OK;
	r = rota_instance_validate(&w->in, lenient ? NULL : e);
	w->valid = r == ZT_OK;
	return lenient ? ZT_OK : r;
}

static enum zt_err world_load(struct store *st, int64_t group_id, const char *from, const char *to, bool with_pins,
			      struct world *w, struct zt_error *e)
{
	return world_load_opt(st, group_id, from, to, with_pins, false, w, e);
}

/* ---- JSON of the certificate and the objective ---- */

static json_t *objective_json(const struct rota_objective *o)
{
	json_t *sp = json_object();
	for (int t = 0; t < DUTY__MAX; t++)
		json_object_set_new(sp, duty_types[t].code, json_real(o->spread[t]));
	return json_pack("{s:f, s:i, s:i, s:o}", "spread_sum", o->spread_sum, "wishes", o->wishes, "clustering",
			 o->clustering, "spread", sp);
}

static char *objective_text(const struct rota_objective *o)
{
	json_t *j = objective_json(o);
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return s;
}

static double round3(double x)
{
	return round(x * 1000.0) / 1000.0;
}

/* The certificate of the current assignment of w (rota_certificate) as JSON. */
static json_t *certificate_json(const struct world *w, const int *assign)
{
	struct rota_cert_doctor *pd = xcalloc(w->ndocs, sizeof *pd);
	struct rota_certificate c;
	memset(&c, 0, sizeof c);
	rota_certificate(&w->in, assign, pd, &c);
	json_t *doctors = json_array(), *types = json_array();
	for (size_t i = 0; i < w->ndocs; i++) {
		json_t *counts = json_object(), *loads = json_object(), *debts = json_object();
		for (int t = 0; t < DUTY__MAX; t++) {
			json_object_set_new(counts, duty_types[t].code, json_integer(pd[i].count[t]));
			json_object_set_new(loads, duty_types[t].code, json_real(round3(pd[i].load[t])));
			json_object_set_new(debts, duty_types[t].code, json_real(round3(pd[i].debt[t])));
		}
		json_array_append_new(doctors, json_pack("{s:I, s:s, s:s, s:f, s:i, s:o, s:o, s:o}", "practitioner_id",
							 (json_int_t)w->docs[i].practitioner_id, "name", w->docs[i].name,
							 "institution", w->docs[i].institution, "share", w->rd[i].share, "total",
							 pd[i].total, "counts", counts, "load", loads, "debt", debts));
	}
	bool all_optimal = true;
	for (int t = 0; t < DUTY__MAX; t++) {
		if (c.seats[t] == 0)
			continue;
		json_t *next = json_null();
		if (c.next[t] >= 0 && (size_t)c.next[t] < w->ndocs)
			next = json_pack("{s:I, s:s}", "practitioner_id", (json_int_t)w->docs[c.next[t]].practitioner_id, "name",
					 w->docs[c.next[t]].name);
		all_optimal = all_optimal && c.optimal[t];
		json_array_append_new(types, json_pack("{s:s, s:s, s:i, s:f, s:o, s:b, s:o}", "type", duty_types[t].code, "ja",
						       duty_types[t].ja, "seats", c.seats[t], "spread", round3(c.spread[t]),
						       "bound", c.bound[t] < 0 ? json_null() : json_real(round3(c.bound[t])),
						       "optimal", c.optimal[t], "next", next));
	}
	free(pd);
	char now[21];
	zt_now_utc(now);
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:i, s:b}", "from", w->from, "to", w->to, "computed_at", now,
			 "doctors", doctors, "types", types, "objective", objective_json(&c.objective), "violations",
			 c.violations, "spread_optimal", all_optimal);
}

/* ---- reading ---- */

static const char *const weekday_ja[] = {"日", "月", "火", "水", "木", "金", "土"};

static json_t *calendar_json(const struct world *w)
{
	json_t *days = json_array();
	for (long day = w->from_day; day <= w->to_day; day++) {
		int y, m, d;
		cal_from_days(day, &y, &m, &d);
		char iso[11], wa[64];
		cal_format(y, m, d, iso);
		if (wareki_format(iso, wa, sizeof wa) != 0)
			wa[0] = '\0';
		const char *why = "";
		enum day_kind kind = duty_day_kind(y, m, d, &w->h, &why);
		json_t *duties = json_object();
		for (size_t i = 0; i < w->nduties; i++) {
			const struct duty *du = &w->duties[i];
			if (strcmp(du->date, iso) != 0)
				continue;
			json_t *arr = json_object_get(duties, duty_types[du->type].code);
			if (arr == NULL) {
				arr = json_array();
				json_object_set_new(duties, duty_types[du->type].code, arr);
			}
			json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:s}", "id", (json_int_t)du->id, "practitioner_id",
							     (json_int_t)du->practitioner_id, "name", du->practitioner_name,
							     "source", du->source));
		}
		json_t *types = json_array();
		for (int s = day - w->from_day >= 0 ? w->day_slot[day - w->from_day] : -1; s >= 0 && s < w->nslots && w->slots[s].day == day; s++)
			json_array_append_new(types, json_string(duty_types[w->slots[s].type].code));
		json_array_append_new(days, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "date", iso, "wareki", wa, "weekday",
						      weekday_ja[((day % 7) + 11) % 7], "kind",
						      kind == DAY_WORKING ? "working" : kind == DAY_HOLIDAY ? "holiday" : "nenmatsu",
						      "why", why ? why : "", "types", types, "duties", duties));
	}
	return days;
}

enum zt_err app_rota_view(struct store *st, const struct auth_ctx *auth, int64_t group_id, const char *from,
			  const char *to, json_t **out, struct zt_error *e)
{
	*out = NULL;
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_READ, NULL, e);
	if (r == ZT_OK)
		r = app_rota_period_check(from, to, e);
	struct world w;
	memset(&w, 0, sizeof w);
	if (r == ZT_OK)
		r = world_load_opt(st, group_id, from, to, false, true, &w, e);
	struct rota_row *rotas = NULL;
	size_t nrotas = 0;
	if (r == ZT_OK)
		r = store_rotas(st, group_id, from, to, &rotas, &nrotas, e);
	if (r != ZT_OK) {
		world_free(&w);
		return r;
	}
	json_t *doctors = json_array(), *unav = json_array(), *wishes = json_array(), *jr = json_array();
	for (size_t i = 0; i < w.ndocs; i++) {
		json_t *carried = json_object();
		for (int t = 0; t < DUTY__MAX; t++)
			if (w.docs[i].carried[t] != 0)
				json_object_set_new(carried, duty_types[t].code, json_real(w.docs[i].carried[t]));
		json_array_append_new(doctors, json_pack("{s:I, s:s, s:I, s:s, s:f, s:i, s:i, s:o, s:b}", "practitioner_id",
							 (json_int_t)w.docs[i].practitioner_id, "name", w.docs[i].name,
							 "institution_id", (json_int_t)w.docs[i].institution_id, "institution",
							 w.docs[i].institution, "share", w.rd[i].share, "max_per_week",
							 w.docs[i].max_per_week, "max_per_month", w.docs[i].max_per_month,
							 "carried", carried, "set", w.docs[i].set));
	}
	for (size_t i = 0; i < w.nurows; i++)
		json_array_append_new(unav, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)w.urows[i].id,
						      "practitioner_id", (json_int_t)w.urows[i].practitioner_id, "name",
						      w.urows[i].name, "date", w.urows[i].date, "reason", w.urows[i].reason,
						      "source", w.urows[i].source));
	for (size_t i = 0; i < w.nwrows; i++)
		json_array_append_new(wishes, json_pack("{s:I, s:I, s:s, s:s, s:s?}", "id", (json_int_t)w.wrows[i].id,
							"practitioner_id", (json_int_t)w.wrows[i].practitioner_id, "date",
							w.wrows[i].date, "kind", w.wrows[i].kind, "duty_type",
							w.wrows[i].duty_type[0] ? w.wrows[i].duty_type : NULL));
	json_t *stored = json_null();
	for (size_t i = 0; i < nrotas; i++) {
		json_array_append_new(jr, json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)rotas[i].id, "from",
						    rotas[i].from, "to", rotas[i].to, "seed", (json_int_t)rotas[i].seed, "updated_at",
						    rotas[i].updated_at));
		/* the stored certificate of the rota that covers the whole view (the solved month or year) */
		if (json_is_null(stored) && strcmp(rotas[i].from, from) <= 0 && strcmp(rotas[i].to, to) >= 0) {
			struct rota_row full;
			if (store_rota_get(st, rotas[i].id, &full, NULL) == ZT_OK && full.certificate) {
				json_t *c = json_loads(full.certificate, 0, NULL);
				if (c) {
					json_object_set_new(c, "rota_id", json_integer(rotas[i].id));
					stored = c;
				}
			}
			store_rota_row_clear(&full);
		}
	}
	free(rotas);
	struct group *g = xcalloc(1, sizeof *g);
	if (store_group_get(st, group_id, g, NULL) != ZT_OK)
		g->name[0] = '\0';
	*out = json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:i}", "group_id", (json_int_t)group_id,
			 "from", from, "to", to, "doctors", doctors, "unavailable", unav, "wishes", wishes, "days",
			 calendar_json(&w), "rotas", jr, "certificate", w.valid ? certificate_json(&w, w.assign) : json_null(), "stored_certificate",
			 stored, "unavailable_covered_by_pins", w.dropped_unavail);
	json_object_set_new(*out, "group_name", json_string(g->name));
	free(g);
	world_free(&w);
	return ZT_OK;
}

/* ---- settings and unavailability ---- */

/* The group's doctor pid (index into a fresh list), or ZT_ERR_INVALID naming field. */
static enum zt_err group_doctor(struct store *st, int64_t group_id, int64_t pid, const char *field,
				struct rota_doc_row *out, struct zt_error *e)
{
	struct rota_doc_row *docs = NULL;
	size_t n = 0;
	enum zt_err r = store_rota_doctors(st, group_id, &docs, &n, e);
	bool found = false;
	for (size_t i = 0; r == ZT_OK && i < n; i++)
		if (docs[i].practitioner_id == pid) {
			*out = docs[i];
			found = true;
		}
	free(docs);
	if (r == ZT_OK && !found)
		r = zt_fail(e, ZT_ERR_INVALID, field, "医師（ID %lld）はこのグループの構成医療機関の医師ではありません。", (long long)pid);
	return r;
}

struct settings_tx {
	int64_t group_id;
	struct rota_doc_row *row;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err settings_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct settings_tx *c = ctx;
	enum zt_err r = store_rota_doctor_put(st, c->group_id, c->row, e);
	if (r == ZT_OK) {
		json_t *j = json_pack("{s:I, s:I, s:f, s:i, s:i}", "group_id", (json_int_t)c->group_id, "practitioner_id",
				      (json_int_t)c->row->practitioner_id, "share", c->row->share, "max_per_week",
				      c->row->max_per_week, "max_per_month", c->row->max_per_month);
		r = audit_append(st, c->who, "update", "rota_doctor", c->row->practitioner_id, c->muni, NULL, j, e);
		json_decref(j);
	}
	return r;
}

enum zt_err app_rota_doctor_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				int64_t group_id, int64_t practitioner_id, const struct rota_settings_req *s,
				struct zt_error *e)
{
	char muni[7] = "";
	struct rota_doc_row row;
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_WRITE, muni, e);
	if (r == ZT_OK)
		r = group_doctor(st, group_id, practitioner_id, "practitioner_id", &row, e);
	if (r != ZT_OK)
		return r;
	row.share = s->share;
	row.max_per_week = s->max_per_week;
	row.max_per_month = s->max_per_month;
	memcpy(row.carried, s->carried, sizeof s->carried);
	struct settings_tx c = {group_id, &row, muni, who};
	return store_tx(st, settings_tx_fn, &c, e);
}

struct unav_tx {
	int64_t group_id;
	struct rota_unavail_row *rows;
	size_t n;
	int64_t delete_id;
	const char *muni, *action;
	const struct zt_actor *who;
};

static enum zt_err unav_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct unav_tx *c = ctx;
	enum zt_err r = ZT_OK;
	json_t *items = json_array();
	if (c->delete_id) {
		r = store_rota_unavailable_delete(st, c->group_id, c->delete_id, &c->rows[0], e);
	} else {
		for (size_t i = 0; r == ZT_OK && i < c->n; i++)
			r = store_rota_unavailable_put(st, c->group_id, &c->rows[i], who_name(c->who), e);
	}
	for (size_t i = 0; r == ZT_OK && i < c->n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s}", "practitioner_id",
						       (json_int_t)c->rows[i].practitioner_id, "date", c->rows[i].date,
						       "reason", c->rows[i].reason, "source", c->rows[i].source));
	if (r == ZT_OK) {
		json_t *j = json_pack("{s:I, s:O}", "group_id", (json_int_t)c->group_id, "items", items);
		r = audit_append(st, c->who, c->action, "rota_unavailable", c->delete_id ? c->delete_id : c->rows[0].id,
				 c->muni, c->delete_id ? j : NULL, c->delete_id ? NULL : j, e);
		json_decref(j);
	}
	json_decref(items);
	return r;
}

enum zt_err app_rota_unavailable_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     int64_t group_id, const struct rota_unavail_req *u, int64_t *id, struct zt_error *e)
{
	char muni[7] = "";
	struct rota_doc_row doc;
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_WRITE, muni, e);
	if (r == ZT_OK)
		r = group_doctor(st, group_id, u->practitioner_id, "practitioner_id", &doc, e);
	if (r != ZT_OK)
		return r;
	struct rota_unavail_row row;
	memset(&row, 0, sizeof row);
	row.practitioner_id = u->practitioner_id;
	snprintf(row.date, sizeof row.date, "%s", u->date);
	snprintf(row.reason, sizeof row.reason, "%s", u->reason);
	snprintf(row.source, sizeof row.source, "%s", u->source);
	struct unav_tx c = {group_id, &row, 1, 0, muni, "create", who};
	r = store_tx(st, unav_tx_fn, &c, e);
	if (r == ZT_OK && id)
		*id = row.id;
	return r;
}

enum zt_err app_rota_unavailable_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
					int64_t group_id, int64_t id, struct zt_error *e)
{
	char muni[7] = "";
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_WRITE, muni, e);
	if (r != ZT_OK)
		return r;
	struct rota_unavail_row row;
	memset(&row, 0, sizeof row);
	struct unav_tx c = {group_id, &row, 1, id, muni, "delete", who};
	return store_tx(st, unav_tx_fn, &c, e);
}

struct import_ctx {
	struct rota_doc_row *docs;
	size_t ndocs;
	struct rota_unavail_row *rows;
	size_t n, cap;
};

static enum zt_err import_row(const struct unavail_csv_row *row, void *p, struct zt_error *e)
{
	struct import_ctx *c = p;
	int64_t pid = 0;
	char *end = NULL;
	long long asnum = strtoll(row->doctor, &end, 10);
	int found = -1, matches = 0;
	for (size_t i = 0; i < c->ndocs; i++) {
		bool hit = (end && *end == '\0' && asnum > 0) ? c->docs[i].practitioner_id == asnum
							   : strcmp(c->docs[i].name, row->doctor) == 0;
		if (hit) {
			found = (int)i;
			matches++;
		}
	}
	if (matches == 0)
		return zt_fail(e, ZT_ERR_INVALID, "医師", "%ld行目の「医師」列: 「%s」はこのグループの医師にいません。", row->line,
			       row->doctor);
	if (matches > 1)
		return zt_fail(e, ZT_ERR_INVALID, "医師", "%ld行目の「医師」列: 「%s」という医師が複数います。ID で指定してください。",
			       row->line, row->doctor);
	pid = c->docs[found].practitioner_id;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->rows = realloc(c->rows, c->cap * sizeof *c->rows);
		if (c->rows == NULL)
			abort();
	}
	struct rota_unavail_row *u = &c->rows[c->n++];
	memset(u, 0, sizeof *u);
	u->practitioner_id = pid;
	snprintf(u->date, sizeof u->date, "%s", row->date);
	snprintf(u->reason, sizeof u->reason, "%s", row->reason);
	snprintf(u->source, sizeof u->source, "%s", row->source);
	return c->n > 20000 ? zt_fail(e, ZT_ERR_TOOLARGE, "", "行が多すぎます（20000行まで）。") : ZT_OK;
}

enum zt_err app_rota_unavailable_import(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
					int64_t group_id, const char *data, size_t len, long *rows, struct zt_error *e)
{
	*rows = 0;
	char muni[7] = "";
	struct import_ctx c;
	memset(&c, 0, sizeof c);
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_WRITE, muni, e);
	if (r == ZT_OK)
		r = store_rota_doctors(st, group_id, &c.docs, &c.ndocs, e);
	long n = 0;
	if (r == ZT_OK)
		r = unavail_csv_read(data, len, import_row, &c, &n, e);
	if (r == ZT_OK && c.n == 0)
		r = zt_fail(e, ZT_ERR_INVALID, "body", "不都合日の行がありません（日付,医師,理由,種別）。");
	if (r == ZT_OK) {
		struct unav_tx t = {group_id, c.rows, c.n, 0, muni, "import", who};
		r = store_tx(st, unav_tx_fn, &t, e);
	}
	if (r == ZT_OK)
		*rows = (long)c.n;
	free(c.docs);
	free(c.rows);
	return r;
}

struct wish_tx {
	int64_t group_id;
	struct rota_wish_row *w;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err wish_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct wish_tx *c = ctx;
	enum zt_err r = store_rota_wish_put(st, c->group_id, c->w, e);
	if (r == ZT_OK) {
		json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s}", "group_id", (json_int_t)c->group_id, "practitioner_id",
				      (json_int_t)c->w->practitioner_id, "date", c->w->date, "kind", c->w->kind, "duty_type",
				      c->w->duty_type);
		r = audit_append(st, c->who, "create", "rota_wish", c->w->id, c->muni, NULL, j, e);
		json_decref(j);
	}
	return r;
}

enum zt_err app_rota_wish_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			      int64_t group_id, const struct rota_wish_req *q, int64_t *id, struct zt_error *e)
{
	char muni[7] = "";
	struct rota_doc_row doc;
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_WRITE, muni, e);
	if (r == ZT_OK)
		r = group_doctor(st, group_id, q->practitioner_id, "practitioner_id", &doc, e);
	if (r != ZT_OK)
		return r;
	struct rota_wish_row w;
	memset(&w, 0, sizeof w);
	w.practitioner_id = q->practitioner_id;
	snprintf(w.date, sizeof w.date, "%s", q->date);
	snprintf(w.kind, sizeof w.kind, "%s", q->kind);
	snprintf(w.duty_type, sizeof w.duty_type, "%s", q->type >= 0 ? duty_types[q->type].code : "");
	struct wish_tx c = {group_id, &w, muni, who};
	r = store_tx(st, wish_tx_fn, &c, e);
	if (r == ZT_OK && id)
		*id = w.id;
	return r;
}

/* ---- solving ---- */

struct solve_cb {
	const struct app_rota_hooks *hooks;
	struct timespec t0;
};

static double now_ms(void *ctx)
{
	struct solve_cb *c = ctx;
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - c->t0.tv_sec) * 1000.0 + (double)(t.tv_nsec - c->t0.tv_nsec) / 1e6;
}

static bool stop_cb(void *ctx)
{
	struct solve_cb *c = ctx;
	return c->hooks && c->hooks->stop ? c->hooks->stop(c->hooks->ctx) : false;
}

static void progress_cb(void *ctx, const struct rota_objective *best, double elapsed_ms)
{
	struct solve_cb *c = ctx;
	if (c->hooks && c->hooks->progress) {
		char *t = objective_text(best);
		c->hooks->progress(c->hooks->ctx, elapsed_ms, t);
		free(t);
	}
}

/* The reason doctor is away on a date of conflict c ("" when not away on any). */
static const char *away_on(const struct world *w, const struct rota_conflict *c, int doctor)
{
	for (int u = 0; u < w->nun; u++)
		if (w->un[u].doctor == doctor)
			for (int k = 0; k < c->nslots && k < ROTA_CONFLICT_SLOTS; k++)
				if (w->slots[c->slots[k]].day == w->un[u].day)
					return w->un[u].reason;
	return "";
}

static json_t *conflicts_json(const struct world *w, const struct rota_result *res)
{
	json_t *arr = json_array();
	for (int i = 0; i < res->nconflicts; i++) {
		const struct rota_conflict *c = &res->conflicts[i];
		json_t *rules = json_array(), *dates = json_array(), *docs = json_array();
		for (int k = 0; k < ROTA_RULE__MAX; k++)
			if (c->rules & (1u << k))
				json_array_append_new(rules, json_pack("{s:s, s:s}", "code", rota_rule_code((enum rota_rule)k), "ja",
								       rota_rule_ja((enum rota_rule)k)));
		for (int k = 0; k < c->nslots && k < ROTA_CONFLICT_SLOTS; k++) {
			const struct rota_slot *s = &w->slots[c->slots[k]];
			char iso[11];
			iso_of(s->day, iso);
			json_array_append_new(dates, json_pack("{s:s, s:s}", "date", iso, "duty_type", duty_types[s->type].code));
		}
		for (int k = 0; k < c->ndoctors && k < ROTA_CONFLICT_DOCTORS; k++)
			if (c->doctors[k] >= 0 && (size_t)c->doctors[k] < w->ndocs)
				json_array_append_new(docs, json_pack("{s:I, s:s, s:s}", "practitioner_id",
								      (json_int_t)w->docs[c->doctors[k]].practitioner_id, "name",
								      w->docs[c->doctors[k]].name, "why", away_on(w, c, c->doctors[k])));
		/* the solver names no doctor for a slot nobody can take: name those away on its dates, with why */
		if (c->ndoctors == 0 && (c->rules & (1u << ROTA_RULE_UNAVAILABLE)))
			for (int u = 0; u < w->nun; u++) {
				bool hit = false;
				for (int k = 0; k < c->nslots && k < ROTA_CONFLICT_SLOTS && !hit; k++)
					hit = w->slots[c->slots[k]].day == w->un[u].day;
				if (hit)
					json_array_append_new(docs, json_pack("{s:I, s:s, s:s}", "practitioner_id",
									      (json_int_t)w->docs[w->un[u].doctor].practitioner_id, "name",
									      w->docs[w->un[u].doctor].name, "why", w->un[u].reason));
			}
		json_array_append_new(arr, json_pack("{s:s, s:o, s:o, s:o}", "message", c->message, "rules", rules, "slots", dates,
						     "doctors", docs));
	}
	return arr;
}

struct solve_tx {
	struct world *w;
	struct duty *duties;
	size_t n;
	struct rota_row *rota;
	const char *muni;
	const struct zt_actor *who;
	json_t *summary;
};

static enum zt_err solve_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct solve_tx *c = ctx;
	enum zt_err r = store_rota_duties_replace(st, c->w->group_id, c->w->from, c->w->to, c->duties, c->n, e);
	if (r == ZT_OK)
		r = store_rota_put(st, c->rota, e);
	if (r == ZT_OK)
		r = audit_append(st, c->who, "solve", "rota", c->rota->id, c->muni, NULL, c->summary, e);
	return r;
}

enum zt_err app_rota_solve(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t group_id,
			   const char *from, const char *to, double time_limit, uint64_t seed, int64_t job_id,
			   const struct app_rota_hooks *hooks, json_t **result, struct zt_error *e)
{
	*result = NULL;
	char muni[7] = "";
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_WRITE, muni, e);
	if (r == ZT_OK)
		r = app_rota_period_check(from, to, e);
	if (r == ZT_OK && !(time_limit > 0 && time_limit <= APP_ROTA_MAX_TIME_LIMIT))
		r = zt_fail(e, ZT_ERR_INVALID, "time_limit", "time_limit（秒）は 0 より大きく %.0f 以下で指定してください。",
			    APP_ROTA_MAX_TIME_LIMIT);
	struct world w;
	memset(&w, 0, sizeof w);
	if (r == ZT_OK)
		r = world_load(st, group_id, from, to, true, &w, e);
	if (r != ZT_OK) {
		world_free(&w);
		return r;
	}
	int *assign = xcalloc((size_t)w.nseats, sizeof *assign);
	struct rota_result *res = xcalloc(1, sizeof *res);
	res->assign = assign;
	struct solve_cb cb = {hooks, {0, 0}};
	clock_gettime(CLOCK_MONOTONIC, &cb.t0);
	struct rota_params p = {
		.time_limit_ms = (long)(time_limit * 1000.0), .seed = seed, .now_ms = now_ms, .stop = stop_cb,
		.progress = progress_cb, .ctx = &cb,
	};
	r = rota_solve(&w.in, &p, res);
	if (r != ZT_OK) {
		r = zt_fail(e, r, "", "当番表の計算に必要なメモリが確保できませんでした。");
		goto out;
	}
	bool cancelled = hooks && hooks->stop && hooks->stop(hooks->ctx);
	const char *status = res->status == ROTA_FEASIBLE ? (cancelled ? "cancelled" : "feasible")
			     : res->status == ROTA_INFEASIBLE ? "infeasible" : "unknown";
	json_t *out = json_pack("{s:s, s:s, s:s, s:I, s:f, s:o, s:o, s:f, s:I, s:i}", "status", status, "from", from, "to", to,
				"seed", (json_int_t)seed, "time_limit", time_limit, "objective", objective_json(&res->objective),
				"conflicts", conflicts_json(&w, res), "first_feasible_ms", res->first_feasible_ms, "iterations",
				(json_int_t)res->iterations, "unavailable_covered_by_pins", w.dropped_unavail);
	if (res->status == ROTA_FEASIBLE && !cancelled) {
		/* the new solver duties: every seat's doctor except the pins (their rows stay as they are) */
		struct duty *duties = xcalloc((size_t)w.nseats, sizeof *duties);
		size_t nd = 0;
		int *pinleft = xcalloc((size_t)w.nslots * w.ndocs + 1, sizeof *pinleft);
		for (int i = 0; i < w.npins; i++)
			pinleft[(size_t)w.pins[i].slot * w.ndocs + (size_t)w.pins[i].doctor]++;
		for (int k = 0; k < w.nseats; k++) {
			int s = rota_seat_slot(&w.in, k), doc = assign[k];
			if (s < 0 || doc < 0)
				continue;
			int *pl = &pinleft[(size_t)s * w.ndocs + (size_t)doc];
			if (*pl > 0) {
				(*pl)--;
				continue;
			}
			struct duty *d = &duties[nd++];
			d->group_id = group_id;
			iso_of(w.slots[s].day, d->date);
			d->type = (int)w.slots[s].type;
			d->practitioner_id = w.docs[doc].practitioner_id;
			d->institution_id = w.docs[doc].institution_id;
		}
		free(pinleft);
		json_t *cert = certificate_json(&w, assign);
		char *ctext = json_dumps(cert, JSON_COMPACT);
		struct rota_row rota = {.group_id = group_id, .job_id = job_id, .seed = (int64_t)seed, .certificate = ctext};
		snprintf(rota.from, sizeof rota.from, "%s", from);
		snprintf(rota.to, sizeof rota.to, "%s", to);
		json_t *summary = json_pack("{s:I, s:s, s:s, s:I, s:f, s:I, s:I, s:i, s:O}", "group_id", (json_int_t)group_id,
					    "from", from, "to", to, "seed", (json_int_t)seed, "time_limit", time_limit, "job_id",
					    (json_int_t)job_id, "duties", (json_int_t)nd, "pins", w.npins, "objective",
					    json_object_get(out, "objective"));
		struct solve_tx c = {&w, duties, nd, &rota, muni, who, summary};
		r = store_tx(st, solve_tx_fn, &c, e);
		json_decref(summary);
		free(ctext);
		free(duties);
		if (r == ZT_OK) {
			json_object_set_new(out, "rota_id", json_integer(rota.id));
			json_object_set_new(out, "duties", json_integer((json_int_t)nd));
			json_object_set_new(out, "pins", json_integer(w.npins));
			json_object_set_new(out, "certificate", cert);
		} else {
			json_decref(cert);
			json_decref(out);
			out = NULL;
		}
	}
	*result = out;
out:
	free(assign);
	free(res);
	world_free(&w);
	return r;
}

/* ---- edits and swaps ---- */

/* The period an edit of dates a..b is checked in: the stored rota covering both (its certificate is
 * then recomputed and stored), else the calendar months holding them. */
static void edit_period(struct store *st, int64_t group_id, const char *a, const char *b, char from[11], char to[11],
			int64_t *rota_id)
{
	const char *lo = strcmp(a, b) <= 0 ? a : b, *hi = strcmp(a, b) <= 0 ? b : a;
	*rota_id = 0;
	struct rota_row *rows = NULL;
	size_t n = 0;
	if (store_rotas(st, group_id, hi, lo, &rows, &n, NULL) == ZT_OK)
		for (size_t i = 0; i < n && *rota_id == 0; i++)
			if (strcmp(rows[i].from, lo) <= 0 && strcmp(rows[i].to, hi) >= 0) {
				*rota_id = rows[i].id;
				snprintf(from, 11, "%s", rows[i].from);
				snprintf(to, 11, "%s", rows[i].to);
			}
	free(rows);
	if (*rota_id)
		return;
	int y, m, d;
	cal_parse(lo, &y, &m, &d);
	cal_format(y, m, 1, from);
	cal_parse(hi, &y, &m, &d);
	cal_from_days(cal_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1, &y, &m, &d);
	cal_format(y, m, d, to);
}

static bool same_violation(const struct rota_violation *a, const struct rota_violation *b)
{
	return a->rule == b->rule && a->doctor == b->doctor && a->day == b->day && a->slot == b->slot;
}

/* ZT_ERR_CONFLICT naming the first hard rule that after breaks and before did not. */
static enum zt_err check_edit(const struct world *w, const int *after, struct zt_error *e)
{
	int cap = 256;
	struct rota_violation *vb = xcalloc((size_t)cap, sizeof *vb), *va = xcalloc((size_t)cap, sizeof *va);
	int nb = rota_check(&w->in, w->assign, vb, cap), na = rota_check(&w->in, after, va, cap);
	if (nb > cap)
		nb = cap;
	if (na > cap)
		na = cap;
	enum zt_err r = ZT_OK;
	for (int i = 0; i < na && r == ZT_OK; i++) {
		bool old = false;
		for (int k = 0; k < nb && !old; k++)
			old = same_violation(&va[i], &vb[k]);
		if (!old)
			r = zt_fail(e, ZT_ERR_CONFLICT, "rule", "規則「%s」に反するため変更できません: %s", rota_rule_ja(va[i].rule),
				    va[i].message);
		if (r != ZT_OK && e)
			snprintf(e->field, sizeof e->field, "rule:%s", rota_rule_code(va[i].rule));
	}
	free(vb);
	free(va);
	return r;
}

struct edit_change {
	int64_t duty_id;          /* 0 = a new duty */
	struct duty d;            /* new duty (duty_id 0) */
	int64_t from_pid, to_pid; /* practitioner before → after */
	int64_t to_inst;
};

struct edit_tx {
	struct world *w;
	struct edit_change ch[2];
	int nch;
	int64_t rota_id;
	char *certificate;
	const char *kind, *reason, *muni;
	const struct zt_actor *who;
};

static enum zt_err edit_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct edit_tx *c = ctx;
	enum zt_err r = ZT_OK;
	json_t *changes = json_array();
	for (int i = 0; r == ZT_OK && i < c->nch; i++) {
		struct edit_change *ch = &c->ch[i];
		if (ch->duty_id)
			r = store_duty_reassign(st, ch->duty_id, ch->to_pid, ch->to_inst, "manual", e);
		else {
			snprintf(ch->d.source, sizeof ch->d.source, "manual");
			r = store_duty_insert(st, &ch->d, e);
			ch->duty_id = ch->d.id;
		}
		json_array_append_new(changes, json_pack("{s:I, s:I, s:I}", "duty_id", (json_int_t)ch->duty_id, "from",
							 (json_int_t)ch->from_pid, "to", (json_int_t)ch->to_pid));
	}
	if (r == ZT_OK && c->rota_id) {
		struct rota_row row;
		memset(&row, 0, sizeof row);
		row.group_id = c->w->group_id;
		snprintf(row.from, sizeof row.from, "%s", c->w->from);
		snprintf(row.to, sizeof row.to, "%s", c->w->to);
		row.certificate = c->certificate;
		r = store_rota_put(st, &row, e);
	}
	if (r == ZT_OK) {
		json_t *j = json_pack("{s:I, s:s, s:s, s:O}", "group_id", (json_int_t)c->w->group_id, "kind", c->kind, "reason",
				      c->reason, "changes", changes);
		r = audit_append(st, c->who, c->kind, "duty", c->ch[0].duty_id, c->muni, NULL, j, e);
		json_decref(j);
	}
	json_decref(changes);
	return r;
}

/* The seat of duty id in w, −1 when it is not part of the loaded rota. */
static int seat_of_duty(const struct world *w, int64_t id)
{
	for (int k = 0; k < w->nseats; k++)
		if (w->seat_duty[k] != (size_t)-1 && w->duties[w->seat_duty[k]].id == id)
			return k;
	return -1;
}

/* Runs an edit: w loaded for the period; after = the changed assignment; changes as described. */
static enum zt_err edit_commit(struct store *st, struct world *w, const int *after, struct edit_tx *c, json_t **out,
			       struct zt_error *e)
{
	enum zt_err r = check_edit(w, after, e);
	if (r != ZT_OK)
		return r;
	json_t *cert = certificate_json(w, after);
	c->certificate = json_dumps(cert, JSON_COMPACT);
	r = store_tx(st, edit_tx_fn, c, e);
	free(c->certificate);
	if (r != ZT_OK) {
		json_decref(cert);
		return r;
	}
	json_t *ids = json_array();
	for (int i = 0; i < c->nch; i++)
		json_array_append_new(ids, json_integer(c->ch[i].duty_id));
	*out = json_pack("{s:s, s:o, s:o, s:b}", "kind", c->kind, "duties", ids, "certificate", cert, "certificate_stored",
			 c->rota_id != 0);
	return ZT_OK;
}

static enum zt_err load_duty(struct store *st, int64_t group_id, int64_t id, const char *field, struct duty *d,
			     struct zt_error *e)
{
	enum zt_err r = store_duty_get(st, id, d, e);
	if (r == ZT_ERR_NOTFOUND || (r == ZT_OK && d->group_id != group_id))
		return zt_fail(e, ZT_ERR_INVALID, field, "当番（ID %lld）はこのグループの当番ではありません。", (long long)id);
	return r;
}

enum zt_err app_rota_swap(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t group_id,
			  int64_t duty_a, int64_t duty_b, const char *reason, json_t **out, struct zt_error *e)
{
	*out = NULL;
	char muni[7] = "", from[11], to[11];
	struct duty a, b;
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_WRITE, muni, e);
	if (r == ZT_OK)
		r = load_duty(st, group_id, duty_a, "duty_a", &a, e);
	if (r == ZT_OK)
		r = load_duty(st, group_id, duty_b, "duty_b", &b, e);
	if (r == ZT_OK && a.practitioner_id == b.practitioner_id)
		r = zt_fail(e, ZT_ERR_INVALID, "duty_b", "同じ医師の当番どうしは交換できません。");
	if (r != ZT_OK)
		return r;
	int64_t rota_id = 0;
	edit_period(st, group_id, a.date, b.date, from, to, &rota_id);
	struct world w;
	r = world_load(st, group_id, from, to, false, &w, e);
	int sa = r == ZT_OK ? seat_of_duty(&w, duty_a) : -1, sb = r == ZT_OK ? seat_of_duty(&w, duty_b) : -1;
	if (r == ZT_OK && (sa < 0 || sb < 0))
		r = zt_fail(e, ZT_ERR_INVALID, sa < 0 ? "duty_a" : "duty_b", "当番表の医師でない医師の当番は交換できません。");
	if (r == ZT_OK) {
		int *after = xcalloc((size_t)w.nseats, sizeof *after);
		memcpy(after, w.assign, (size_t)w.nseats * sizeof *after);
		after[sa] = w.assign[sb];
		after[sb] = w.assign[sa];
		struct edit_tx c = {.w = &w, .nch = 2, .rota_id = rota_id, .kind = "swap", .reason = reason, .muni = muni, .who = who};
		c.ch[0] = (struct edit_change){.duty_id = duty_a, .from_pid = a.practitioner_id, .to_pid = b.practitioner_id,
					       .to_inst = b.institution_id};
		c.ch[1] = (struct edit_change){.duty_id = duty_b, .from_pid = b.practitioner_id, .to_pid = a.practitioner_id,
					       .to_inst = a.institution_id};
		r = edit_commit(st, &w, after, &c, out, e);
		free(after);
	}
	world_free(&w);
	return r;
}

enum zt_err app_rota_give(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t group_id,
			  int64_t duty_id, int64_t practitioner_id, const char *reason, json_t **out, struct zt_error *e)
{
	*out = NULL;
	char muni[7] = "", from[11], to[11];
	struct duty a;
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_WRITE, muni, e);
	if (r == ZT_OK)
		r = load_duty(st, group_id, duty_id, "duty_id", &a, e);
	if (r == ZT_OK && a.practitioner_id == practitioner_id)
		r = zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "この当番はすでにこの医師の当番です。");
	if (r != ZT_OK)
		return r;
	int64_t rota_id = 0;
	edit_period(st, group_id, a.date, a.date, from, to, &rota_id);
	struct world w;
	r = world_load(st, group_id, from, to, false, &w, e);
	int sa = r == ZT_OK ? seat_of_duty(&w, duty_id) : -1, doc = r == ZT_OK ? doc_index(&w, practitioner_id) : -1;
	if (r == ZT_OK && sa < 0)
		r = zt_fail(e, ZT_ERR_INVALID, "duty_id", "当番表の医師でない医師の当番は譲れません。");
	if (r == ZT_OK && doc < 0)
		r = zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "医師（ID %lld）はこのグループの当番表の医師ではありません。",
			    (long long)practitioner_id);
	if (r == ZT_OK) {
		int *after = xcalloc((size_t)w.nseats, sizeof *after);
		memcpy(after, w.assign, (size_t)w.nseats * sizeof *after);
		after[sa] = doc;
		struct edit_tx c = {.w = &w, .nch = 1, .rota_id = rota_id, .kind = "give", .reason = reason, .muni = muni, .who = who};
		c.ch[0] = (struct edit_change){.duty_id = duty_id, .from_pid = a.practitioner_id, .to_pid = practitioner_id,
					       .to_inst = w.docs[doc].institution_id};
		r = edit_commit(st, &w, after, &c, out, e);
		free(after);
	}
	world_free(&w);
	return r;
}

enum zt_err app_rota_slot_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t group_id,
			      const char *date, int type, int64_t practitioner_id, const char *reason, json_t **out,
			      struct zt_error *e)
{
	*out = NULL;
	char muni[7] = "", from[11], to[11];
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_WRITE, muni, e);
	if (r != ZT_OK)
		return r;
	int64_t rota_id = 0;
	edit_period(st, group_id, date, date, from, to, &rota_id);
	struct world w;
	r = world_load(st, group_id, from, to, false, &w, e);
	int s = r == ZT_OK ? slot_of(&w, day_of(date), type) : -1, doc = r == ZT_OK ? doc_index(&w, practitioner_id) : -1;
	if (r == ZT_OK && s < 0)
		r = zt_fail(e, ZT_ERR_INVALID, "duty_type", "%s には%sの当番がありません。", date, duty_types[type].ja);
	if (r == ZT_OK && doc < 0)
		r = zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "医師（ID %lld）はこのグループの当番表の医師ではありません。",
			    (long long)practitioner_id);
	if (r == ZT_OK) {
		int k0 = rota_slot_first_seat(&w.in, s), k = k0;
		/* the slot's first seat: reassign its duty, or fill it when empty */
		int *after = xcalloc((size_t)w.nseats, sizeof *after);
		memcpy(after, w.assign, (size_t)w.nseats * sizeof *after);
		after[k] = doc;
		struct edit_tx c = {.w = &w, .nch = 1, .rota_id = rota_id, .kind = "edit", .reason = reason, .muni = muni, .who = who};
		if (w.seat_duty[k] != (size_t)-1) {
			const struct duty *d = &w.duties[w.seat_duty[k]];
			if (d->practitioner_id == practitioner_id)
				r = zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "この当番はすでにこの医師の当番です。");
			c.ch[0] = (struct edit_change){.duty_id = d->id, .from_pid = d->practitioner_id, .to_pid = practitioner_id,
						       .to_inst = w.docs[doc].institution_id};
		} else {
			c.ch[0] = (struct edit_change){.to_pid = practitioner_id, .to_inst = w.docs[doc].institution_id};
			c.ch[0].d.group_id = group_id;
			snprintf(c.ch[0].d.date, sizeof c.ch[0].d.date, "%s", date);
			c.ch[0].d.type = type;
			c.ch[0].d.practitioner_id = practitioner_id;
			c.ch[0].d.institution_id = w.docs[doc].institution_id;
		}
		if (r == ZT_OK)
			r = edit_commit(st, &w, after, &c, out, e);
		free(after);
	}
	world_free(&w);
	return r;
}
