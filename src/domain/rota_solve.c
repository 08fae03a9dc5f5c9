/* The rota solver (issue 15 §2): a greedy construction in date order, then late-acceptance local search
 * (reassign a seat, swap two seats of one type) first on the hard rules, then — never breaking one
 * again — on the lexicographic objective spread, wishes, clustering, guided towards the count
 * intervals of the counting relaxation's optimum (rota.c). Deterministic for a seed and a number of
 * moves; anytime (the best rota so far is kept). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "domain/rota.h"
#include "domain/rota_internal.h"

#define W_A      1000.0 /* per unit of spread (share-weighted duties) */
#define W_DEV    500.0  /* per unit outside the relaxation's count interval (guidance only) */
#define W_B      10.0   /* per unmet wish */
#define W_C      1.0    /* per clustered duty */
#define W_H      1e7    /* per broken hard rule: the most (strategic oscillation between W_H_MIN and W_H) */
#define W_H_MIN  300.0
#define LAHC_LEN 2000

struct st {
	const struct rota_instance *in;
	struct rota_index ix;
	int nD, nd, T;
	int *assign;
	uint8_t *fixed;        /* [nseats] */
	int *sday, *stype;     /* [nseats] */
	uint8_t *night, *dayd; /* [nD × nd] */
	int *cnt;              /* [nD × T] */
	int *wk, *mo;          /* [nD × nweeks], [nD × nmonths] */
	int *wfirst, *wlist;   /* wishes by (doctor, day): CSR */
	int *tlo, *thi;        /* [nD × T] target intervals */
	double spread[DUTY__MAX], dev[DUTY__MAX];
	long hard;
	long wishes, clust;
	double wh; /* current weight of a broken rule */
	uint64_t rng;
};

static uint64_t rnd(struct st *s)
{
	uint64_t z = (s->rng += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}
static int rndn(struct st *s, int n) { return n <= 0 ? 0 : (int)(rnd(s) % (uint64_t)n); }

static size_t C(const struct st *s, int i, int d) { return (size_t)i * (size_t)s->nd + (size_t)d; }

/* Hard-rule terms of doctor i that involve day d (each term counted once by the pair's own day). */
static long hard_local(const struct st *s, int i, int d)
{
	const struct rota_rules *r = &s->in->rules;
	const struct rota_doctor *dr = &s->in->doctors[i];
	size_t c = C(s, i, d);
	long h = 0;
	if (s->ix.unav[c])
		h += s->night[c] + s->dayd[c];
	if (r->no_consecutive_nights) {
		if (d > 0)
			h += s->night[c - 1] * s->night[c];
		if (d + 1 < s->nd)
			h += s->night[c] * s->night[c + 1];
	}
	if (r->rest_after_night) {
		if (d > 0)
			h += s->night[c - 1] * s->dayd[c];
		if (d + 1 < s->nd)
			h += s->night[c] * s->dayd[c + 1];
	}
	if (r->one_duty_per_date)
		h += s->night[c] * s->dayd[c];
	if (dr->cap_week > 0) {
		int n = s->wk[(size_t)i * (size_t)s->ix.nweeks + (size_t)s->ix.week[d]];
		h += n > dr->cap_week ? n - dr->cap_week : 0;
	}
	if (dr->cap_month > 0) {
		int n = s->mo[(size_t)i * (size_t)s->ix.nmonths + (size_t)s->ix.month[d]];
		h += n > dr->cap_month ? n - dr->cap_month : 0;
	}
	return h;
}

static long clust_local(const struct st *s, int i, int d)
{
	long cl = 0;
	for (int a = d - 2; a <= d; a++) {
		if (a < 0)
			continue;
		int sum = 0;
		for (int j = a; j <= a + 2 && j < s->nd; j++)
			sum += s->night[C(s, i, j)] + s->dayd[C(s, i, j)];
		cl += sum > 1 ? sum - 1 : 0;
	}
	return cl;
}

static int has_duty(const struct st *s, int i, int d, int type)
{
	for (int sl = s->ix.day_slot0[d]; sl < s->ix.day_slot0[d + 1]; sl++)
		if (type < 0 || (int)s->in->slots[sl].type == type)
			for (int k = s->ix.slot_first[sl]; k < s->ix.slot_first[sl + 1]; k++)
				if (s->assign[k] == i)
					return 1;
	return 0;
}

static long wish_local(const struct st *s, int i, int d)
{
	long w = 0;
	size_t c = C(s, i, d);
	for (int q = s->wfirst[c]; q < s->wfirst[c + 1]; q++) {
		const struct rota_wish *x = &s->in->wishes[s->wlist[q]];
		int h = has_duty(s, i, d, x->type);
		w += x->avoid ? h : !h;
	}
	return w;
}

static double type_spread(struct st *s, int t, double *dev)
{
	double lo = HUGE_VAL, hi = -HUGE_VAL, dv = 0;
	for (int i = 0; i < s->nD; i++) {
		const struct rota_doctor *dr = &s->in->doctors[i];
		int c = s->cnt[i * s->T + t];
		double l = c / dr->share + dr->carried[t];
		lo = l < lo ? l : lo;
		hi = l > hi ? l : hi;
		int a = s->tlo[i * s->T + t], b = s->thi[i * s->T + t];
		if (c < a)
			dv += (a - c) / dr->share;
		else if (c > b)
			dv += (c - b) / dr->share;
	}
	*dev = dv;
	return hi - lo;
}

/* Puts doctor i on (add = 1) or off (add = 0) seat k, updating every counter but the spread. */
static void place(struct st *s, int i, int k, int add)
{
	int d = s->sday[k], t = s->stype[k];
	long before = hard_local(s, i, d) + 0, cb = clust_local(s, i, d), wb = wish_local(s, i, d);
	/* the pair terms with d−1 and d+1 are in hard_local of d; caps change for the whole week/month
	 * but only the excess of that week/month, which hard_local(d) includes */
	int inc = add ? 1 : -1;
	size_t c = C(s, i, d);
	if (rota_is_night((enum duty_type)t))
		s->night[c] = (uint8_t)(s->night[c] + inc);
	else
		s->dayd[c] = (uint8_t)(s->dayd[c] + inc);
	s->cnt[i * s->T + t] += inc;
	s->wk[(size_t)i * (size_t)s->ix.nweeks + (size_t)s->ix.week[d]] += inc;
	s->mo[(size_t)i * (size_t)s->ix.nmonths + (size_t)s->ix.month[d]] += inc;
	s->assign[k] = add ? i : -1;
	s->hard += hard_local(s, i, d) - before + (add ? -1 : 1); /* the empty seat (充足) */
	s->clust += clust_local(s, i, d) - cb;
	s->wishes += wish_local(s, i, d) - wb;
}

static int in_slot(const struct st *s, int i, int k)
{
	int sl = s->ix.seat_slot[k];
	for (int q = s->ix.slot_first[sl]; q < s->ix.slot_first[sl + 1]; q++)
		if (s->assign[q] == i)
			return 1;
	return 0;
}

static double score_a(struct st *s)
{
	double a = 0;
	for (int t = 0; t < s->T; t++)
		a += W_A * s->spread[t] + W_DEV * s->dev[t];
	return a;
}
static double score(struct st *s)
{
	return s->wh * (double)s->hard + score_a(s) + W_B * (double)s->wishes + W_C * (double)s->clust;
}

static void refresh_type(struct st *s, int t) { s->spread[t] = type_spread(s, t, &s->dev[t]); }

static void objective_now(struct st *s, struct rota_objective *o)
{
	memset(o, 0, sizeof *o);
	for (int t = 0; t < s->T; t++) {
		double dv;
		o->spread[t] = type_spread(s, t, &dv);
		o->spread_sum += o->spread[t];
	}
	o->wishes = (int)s->wishes;
	o->clustering = (int)s->clust;
}

static void st_free(struct st *s)
{
	free(s->fixed), free(s->sday), free(s->stype), free(s->night), free(s->dayd), free(s->cnt);
	free(s->wk), free(s->mo), free(s->wfirst), free(s->wlist), free(s->tlo), free(s->thi);
	rota_index_free(&s->ix);
}

static int st_init(struct st *s, const struct rota_instance *in, int *assign, uint64_t seed)
{
	memset(s, 0, sizeof *s);
	s->in = in;
	s->assign = assign;
	s->rng = seed * 0x2545F4914F6CDD1Dull + 1;
	s->wh = W_H;
	if (rota_index_build(in, &s->ix) != 0)
		return -1;
	s->nD = in->ndoctors, s->nd = s->ix.ndays, s->T = DUTY__MAX;
	size_t cells = (size_t)s->nD * (size_t)s->nd, ns = (size_t)s->ix.nseats + 1;
	s->fixed = calloc(ns, 1);
	s->sday = calloc(ns, sizeof(int));
	s->stype = calloc(ns, sizeof(int));
	s->night = calloc(cells + 1, 1);
	s->dayd = calloc(cells + 1, 1);
	s->cnt = calloc((size_t)s->nD * DUTY__MAX + 1, sizeof(int));
	s->wk = calloc((size_t)s->nD * (size_t)s->ix.nweeks + 1, sizeof(int));
	s->mo = calloc((size_t)s->nD * (size_t)s->ix.nmonths + 1, sizeof(int));
	s->wfirst = calloc(cells + 2, sizeof(int));
	s->wlist = calloc((size_t)in->nwishes + 1, sizeof(int));
	s->tlo = calloc((size_t)s->nD * DUTY__MAX + 1, sizeof(int));
	s->thi = calloc((size_t)s->nD * DUTY__MAX + 1, sizeof(int));
	if (!s->fixed || !s->sday || !s->stype || !s->night || !s->dayd || !s->cnt || !s->wk || !s->mo || !s->wfirst ||
	    !s->wlist || !s->tlo || !s->thi)
		return -1;
	for (int k = 0; k < s->ix.nseats; k++) {
		const struct rota_slot *sl = &in->slots[s->ix.seat_slot[k]];
		s->sday[k] = (int)(sl->day - in->from_day);
		s->stype[k] = sl->type;
		assign[k] = -1;
	}
	for (int w = 0; w < in->nwishes; w++)
		s->wfirst[C(s, in->wishes[w].doctor, (int)(in->wishes[w].day - in->from_day)) + 1]++;
	for (size_t c = 0; c < cells; c++)
		s->wfirst[c + 1] += s->wfirst[c];
	int *fill = calloc(cells + 1, sizeof(int));
	if (!fill)
		return -1;
	for (int w = 0; w < in->nwishes; w++) {
		size_t c = C(s, in->wishes[w].doctor, (int)(in->wishes[w].day - in->from_day));
		s->wlist[s->wfirst[c] + fill[c]++] = w;
	}
	free(fill);
	for (int t = 0; t < DUTY__MAX; t++) {
		int lo[ROTA_MAX_DOCTORS], hi[ROTA_MAX_DOCTORS];
		if (rota_type_targets(in, &s->ix, t, lo, hi) == -2)
			return -1;
		for (int i = 0; i < s->nD; i++)
			s->tlo[i * DUTY__MAX + t] = lo[i], s->thi[i * DUTY__MAX + t] = hi[i];
	}
	s->hard = s->ix.nseats; /* every seat empty */
	/* the initial wishes: every prefer wish is unmet on an empty rota */
	for (int w = 0; w < in->nwishes; w++)
		s->wishes += !in->wishes[w].avoid;
	/* pins */
	for (int p = 0; p < in->npins; p++) {
		int sl = in->pins[p].slot;
		for (int k = s->ix.slot_first[sl]; k < s->ix.slot_first[sl + 1]; k++)
			if (assign[k] < 0) {
				place(s, in->pins[p].doctor, k, 1);
				s->fixed[k] = 1;
				break;
			}
	}
	return 0;
}

/* Replaces the current assignment by a (the fixed seats are the same in both). */
static void st_load(struct st *s, const int *a)
{
	for (int k = 0; k < s->ix.nseats; k++)
		if (!s->fixed[k] && s->assign[k] != a[k]) {
			if (s->assign[k] >= 0)
				place(s, s->assign[k], k, 0);
		}
	for (int k = 0; k < s->ix.nseats; k++)
		if (!s->fixed[k] && s->assign[k] < 0 && a[k] >= 0)
			place(s, a[k], k, 1);
}

/* Greedy: each free seat in date order gets the doctor adding the fewest broken rules, then the
 * lowest load of the type relative to its target, then the fewest clustered duties. */
static void greedy(struct st *s)
{
	for (int k = 0; k < s->ix.nseats; k++) {
		if (s->fixed[k])
			continue;
		int t = s->stype[k], best = -1, off = rndn(s, s->nD);
		double bestv = HUGE_VAL;
		for (int q = 0; q < s->nD; q++) {
			int i = (q + off) % s->nD;
			if (in_slot(s, i, k))
				continue;
			long h0 = s->hard, c0 = s->clust, w0 = s->wishes;
			place(s, i, k, 1);
			const struct rota_doctor *dr = &s->in->doctors[i];
			int c = s->cnt[i * s->T + t];
			double v = 1e9 * (double)(s->hard - h0) + 100.0 * (c / dr->share + dr->carried[t]) +
				   (c > s->thi[i * s->T + t] ? 1e5 : 0) + W_B * (double)(s->wishes - w0) +
				   W_C * (double)(s->clust - c0);
			place(s, i, k, 0);
			if (v < bestv)
				bestv = v, best = i;
		}
		if (best >= 0)
			place(s, best, k, 1);
	}
	for (int t = 0; t < s->T; t++)
		refresh_type(s, t);
}

/* One move: returns 1 if applied (the caller undoes it with undo[] when rejected). */
struct undo {
	int n;
	int k[4], i[4], add[4];
};
static void doop(struct st *s, struct undo *u, int i, int k, int add)
{
	place(s, i, k, add);
	u->k[u->n] = k, u->i[u->n] = i, u->add[u->n] = add, u->n++;
}
static void undo_all(struct st *s, struct undo *u)
{
	for (int q = u->n - 1; q >= 0; q--)
		place(s, u->i[q], u->k[q], !u->add[q]);
	u->n = 0;
}

static int pick_seat(struct st *s, int focus_hard)
{
	int n = s->ix.nseats;
	for (int tries = 0; tries < 12; tries++) {
		int k = rndn(s, n);
		if (s->fixed[k])
			continue;
		if (!focus_hard || tries == 11)
			return k;
		int i = s->assign[k];
		if (i < 0 || hard_local(s, i, s->sday[k]) > 0)
			return k;
	}
	return -1;
}

/* A seat of doctor i of type t (−1 any) chosen at random among its seats; −1 when none. */
static int seat_of(struct st *s, int i, int t)
{
	int n = s->ix.nseats, off = rndn(s, n);
	for (int q = 0; q < n; q++) {
		int k = (q + off) % n;
		if (s->assign[k] == i && !s->fixed[k] && (t < 0 || s->stype[k] == t))
			return k;
	}
	return -1;
}

/* Aimed at an unmet wish: swap the wish's date with another duty of the same type, between the
 * wishing doctor and the one on the date (prefer), or with another doctor's duty (avoid). */
static int propose_wish(struct st *s, struct undo *u)
{
	const struct rota_instance *in = s->in;
	const struct rota_wish *w = &in->wishes[rndn(s, in->nwishes)];
	int d = (int)(w->day - in->from_day), i = w->doctor;
	if (wish_local(s, i, d) == 0)
		return 0;
	int k = -1, n = 0;
	for (int sl = s->ix.day_slot0[d]; sl < s->ix.day_slot0[d + 1]; sl++)
		if (w->type < 0 || (int)in->slots[sl].type == w->type)
			for (int q = s->ix.slot_first[sl]; q < s->ix.slot_first[sl + 1]; q++)
				if (!s->fixed[q] && (w->avoid ? s->assign[q] == i : s->assign[q] != i) &&
				    rndn(s, ++n) == 0)
					k = q;
	if (k < 0)
		return 0;
	int a = s->assign[k], t = s->stype[k];
	int k2 = w->avoid ? -1 : seat_of(s, i, t);
	if (w->avoid) { /* any seat of the same type held by someone else */
		for (int tries = 0; tries < 16 && k2 < 0; tries++) {
			int c = rndn(s, s->ix.nseats);
			if (!s->fixed[c] && s->stype[c] == t && s->assign[c] >= 0 && s->assign[c] != i)
				k2 = c;
		}
	}
	if (k2 < 0 || a < 0)
		return 0;
	int b = s->assign[k2];
	doop(s, u, a, k, 0);
	doop(s, u, b, k2, 0);
	if (in_slot(s, a, k2) || in_slot(s, b, k)) {
		undo_all(s, u);
		return 0;
	}
	doop(s, u, a, k2, 1);
	doop(s, u, b, k, 1);
	return 1;
}

static int propose(struct st *s, struct undo *u, int phase1, int *t1, int *t2)
{
	u->n = 0;
	*t1 = *t2 = -1;
	if (!phase1 && s->in->nwishes > 0 && s->wishes > 0 && rnd(s) % 100 < 8)
		return propose_wish(s, u);
	int k = pick_seat(s, phase1);
	if (k < 0)
		return 0;
	int a = s->assign[k], t = s->stype[k];
	uint64_t r = rnd(s) % 100;
	if (r < 45 || a < 0) { /* reassign seat k */
		int j;
		if (r < 20 && a >= 0) { /* towards a doctor below target for this type */
			int off = rndn(s, s->nD);
			j = -1;
			for (int q = 0; q < s->nD; q++) {
				int i = (q + off) % s->nD;
				if (s->cnt[i * s->T + t] < s->thi[i * s->T + t] && i != a) {
					j = i;
					break;
				}
			}
			if (j < 0)
				j = rndn(s, s->nD);
		} else {
			j = rndn(s, s->nD);
		}
		if (j == a || in_slot(s, j, k))
			return 0;
		if (a >= 0)
			doop(s, u, a, k, 0);
		doop(s, u, j, k, 1);
		*t1 = t;
		return 1;
	}
	/* swap with a seat of the same type (counts stay) or, 1 time in 5, any type */
	int k2 = -1;
	for (int tries = 0; tries < 8 && k2 < 0; tries++) {
		int c = rndn(s, s->ix.nseats);
		if (!s->fixed[c] && c != k && s->assign[c] >= 0 && s->assign[c] != a &&
		    (s->stype[c] == t || rnd(s) % 5 == 0))
			k2 = c;
	}
	if (k2 < 0)
		return 0;
	int b = s->assign[k2];
	doop(s, u, a, k, 0);
	doop(s, u, b, k2, 0);
	if (in_slot(s, a, k2) || in_slot(s, b, k)) {
		undo_all(s, u);
		return 0;
	}
	doop(s, u, a, k2, 1);
	doop(s, u, b, k, 1);
	if (s->stype[k2] != t)
		*t1 = t, *t2 = s->stype[k2];
	return 1;
}

enum zt_err rota_solve(const struct rota_instance *in, const struct rota_params *p, struct rota_result *out)
{
	int *assign = out->assign;
	out->status = ROTA_UNKNOWN;
	out->nconflicts = 0;
	out->first_feasible_ms = -1;
	out->iterations = 0;
	double t0 = p->now_ms ? p->now_ms(p->ctx) : 0;
	struct st s;
	if (st_init(&s, in, assign, p->seed) != 0) {
		st_free(&s);
		return ZT_ERR_NOMEM;
	}
	out->nconflicts = rota_explain(in, out->conflicts, ROTA_MAX_CONFLICTS);
	greedy(&s);
	int ns = s.ix.nseats;
	int *best = malloc(sizeof(int) * (size_t)(ns + 1));
	int hlen = 100 + ns < LAHC_LEN ? 100 + ns : LAHC_LEN;
	double *hist = malloc(sizeof(double) * LAHC_LEN);
	if (!best || !hist) {
		free(best), free(hist);
		st_free(&s);
		return ZT_ERR_NOMEM;
	}
	memcpy(best, assign, sizeof(int) * (size_t)ns);
	long best_hard = s.hard;
	struct rota_objective bo;
	objective_now(&s, &bo);
	double cur = score(&s);
	for (int q = 0; q < hlen; q++)
		hist[q] = cur;
	if (s.hard == 0) {
		out->first_feasible_ms = p->now_ms ? p->now_ms(p->ctx) - t0 : 0;
		if (p->progress)
			p->progress(p->ctx, &bo, out->first_feasible_ms);
	}
	double lb[DUTY__MAX];
	for (int t = 0; t < DUTY__MAX; t++)
		lb[t] = rota_type_targets(in, &s.ix, t, NULL, NULL);
	long it = 0, last_better = 0, since_feasible = 0;
	long stall = 20000 + 40L * ns;
	int stopping = out->nconflicts > 0; /* proven infeasible: keep the greedy attempt */
	while (!stopping) {
		if ((it & 1023) == 0) {
			if (p->max_iterations > 0 && it >= p->max_iterations)
				break;
			if (p->stop && p->stop(p->ctx))
				break;
			if (p->time_limit_ms > 0 && p->now_ms && p->now_ms(p->ctx) - t0 >= (double)p->time_limit_ms)
				break;
			/* already at the relaxation's bound with no soft cost left: nothing can be better */
			if (best_hard == 0 && bo.wishes == 0 && bo.clustering == 0) {
				int all = 1;
				for (int t = 0; t < DUTY__MAX; t++)
					all &= lb[t] >= 0 && bo.spread[t] <= lb[t] + 1e-9;
				if (all)
					break;
			}
			/* strategic oscillation of the weight of broken rules */
			double w0 = s.wh;
			if (s.hard > 0 && ++since_feasible > 4 && s.wh < W_H)
				s.wh *= 2, since_feasible = 0;
			else if (s.hard == 0 && s.wh > W_H_MIN)
				s.wh *= 0.8, since_feasible = 0;
			/* a long stall: back to the best rota, shaken */
			if (it - last_better > stall) {
				st_load(&s, best);
				for (int q = 0; q < 3 + ns / 20; q++) {
					int k = rndn(&s, ns), j = rndn(&s, s.nD);
					if (!s.fixed[k] && !in_slot(&s, j, k)) {
						place(&s, s.assign[k], k, 0);
						place(&s, j, k, 1);
					}
				}
				for (int t = 0; t < DUTY__MAX; t++)
					refresh_type(&s, t);
				last_better = it;
				w0 = -1;
			}
			if (w0 != s.wh) {
				cur = score(&s);
				for (int q = 0; q < hlen; q++)
					hist[q] = cur;
			}
		}
		if (p->max_iterations > 0 && it >= p->max_iterations)
			break;
		it++;
		int phase1 = s.hard > 0;
		struct undo u;
		int t1, t2;
		double sp1 = 0, dv1 = 0, sp2 = 0, dv2 = 0;
		if (!propose(&s, &u, phase1, &t1, &t2))
			continue;
		if (t1 >= 0)
			sp1 = s.spread[t1], dv1 = s.dev[t1], refresh_type(&s, t1);
		if (t2 >= 0)
			sp2 = s.spread[t2], dv2 = s.dev[t2], refresh_type(&s, t2);
		double nw = score(&s), h = hist[it % hlen];
		if (nw <= cur || nw < h) {
			cur = nw;
		} else {
			undo_all(&s, &u);
			if (t1 >= 0)
				s.spread[t1] = sp1, s.dev[t1] = dv1;
			if (t2 >= 0)
				s.spread[t2] = sp2, s.dev[t2] = dv2;
		}
		if (cur < hist[it % hlen])
			hist[it % hlen] = cur;
		if (s.hard < best_hard) {
			best_hard = s.hard;
			last_better = it;
			memcpy(best, assign, sizeof(int) * (size_t)ns);
			objective_now(&s, &bo);
			if (s.hard == 0) {
				out->first_feasible_ms = p->now_ms ? p->now_ms(p->ctx) - t0 : 0;
				if (p->progress)
					p->progress(p->ctx, &bo, out->first_feasible_ms);
			}
		} else if (s.hard == 0 && best_hard == 0) {
			struct rota_objective o;
			double a = 0;
			for (int t = 0; t < DUTY__MAX; t++)
				a += s.spread[t];
			/* cheap pre-check before the full comparison */
			if (a <= bo.spread_sum + 1e-9) {
				objective_now(&s, &o);
				if (rota_objective_cmp(&o, &bo) < 0) {
					bo = o;
					last_better = it;
					memcpy(best, assign, sizeof(int) * (size_t)ns);
					if (p->progress)
						p->progress(p->ctx, &bo, p->now_ms ? p->now_ms(p->ctx) - t0 : 0);
				}
			}
		}
	}
	memcpy(assign, best, sizeof(int) * (size_t)ns);
	out->iterations = it;
	rota_objective_of(in, assign, &out->objective);
	if (out->nconflicts > 0)
		out->status = ROTA_INFEASIBLE;
	else if (best_hard == 0)
		out->status = ROTA_FEASIBLE;
	free(best), free(hist);
	st_free(&s);
	return ZT_OK;
}
