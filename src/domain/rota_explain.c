/* Why no rota exists (issue 15 §2): counting arguments over windows of slots — a single slot, a date,
 * runs of 2–3 dates, a week, a month, every slot of one type, the whole period — each a Hall-type
 * test (a max flow from doctors, each bounded by how many of the window's slots its rules and caps
 * let it take, to the slots' seats), then shrunk by a deletion filter to an irreducible set. The
 * slots named are infeasible on their own: the sub-instance of those slots alone has no rota. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/rota.h"
#include "domain/rota_internal.h"

struct ex {
	const struct rota_instance *in;
	struct rota_index ix;
	int nD;
	int *cap;       /* [nD]: bound for the current set */
	int *why;       /* [nD]: which bound was binding: 0 availability, 1 rules, 2 week, 3 month */
	int *flow_ds;   /* [nD × nslots]: flow doctor → slot (0/1) */
	int *slot_flow; /* [nslots] */
	int *dflow;     /* [nD] */
	int *prev;      /* BFS: [nD + nslots] */
	int *queue;
	int *wk, *mo; /* per week / month scratch */
};

static int avail(const struct ex *x, int i, int s)
{
	return !x->ix.unav[(size_t)i * (size_t)x->ix.ndays + (size_t)(x->in->slots[s].day - x->in->from_day)];
}

/* How many of the marked slots doctor i can take at most: a DP over the dates with the night rules,
 * then the week and month caps on what is available. */
static int doctor_cap(struct ex *x, int i, const int *set, int n, int *why)
{
	const struct rota_rules *r = &x->in->rules;
	const struct rota_doctor *dr = &x->in->doctors[i];
	/* set is in slot (date) order */
	int best_free = 0,
	    best_night = -1000000; /* the best count so far ending without / with a night on the last date */
	long last_day = -100000000L;
	int availn = 0;
	for (int q = 0; q < n;) {
		long day = x->in->slots[set[q]].day;
		int nn = 0, ndy = 0;
		for (; q < n && x->in->slots[set[q]].day == day; q++)
			if (avail(x, i, set[q])) {
				rota_is_night(x->in->slots[set[q]].type) ? nn++ : ndy++;
				availn++;
			}
		int adj = day == last_day + 1;
		int f0 = best_free > best_night ? best_free : best_night; /* previous state irrelevant */
		int nf = -1000000, nnight = -1000000;
		for (int a = 0; a <= nn; a++)
			for (int b = 0; b <= ndy; b++) {
				if (r->one_duty_per_date && a > 0 && b > 0)
					continue;
				/* from a previous night on the day before */
				int from = f0;
				if (adj && ((r->no_consecutive_nights && a > 0) || (r->rest_after_night && b > 0)))
					from = best_free;
				int v = from + a + b;
				if (a > 0)
					nnight = v > nnight ? v : nnight;
				else
					nf = v > nf ? v : nf;
			}
		best_free = nf, best_night = nnight;
		last_day = day;
	}
	int dp = best_free > best_night ? best_free : best_night, c = availn, w = 0;
	if (dp < c)
		c = dp, w = 1;
	if (dr->cap_week > 0 || dr->cap_month > 0) {
		memset(x->wk, 0, sizeof(int) * (size_t)x->ix.nweeks);
		memset(x->mo, 0, sizeof(int) * (size_t)x->ix.nmonths);
		for (int q = 0; q < n; q++)
			if (avail(x, i, set[q])) {
				int d = (int)(x->in->slots[set[q]].day - x->in->from_day);
				x->wk[x->ix.week[d]]++;
				x->mo[x->ix.month[d]]++;
			}
		if (dr->cap_week > 0) {
			int sum = 0;
			for (int k = 0; k < x->ix.nweeks; k++)
				sum += x->wk[k] < dr->cap_week ? x->wk[k] : dr->cap_week;
			if (sum < c)
				c = sum, w = 2;
		}
		if (dr->cap_month > 0) {
			int sum = 0;
			for (int k = 0; k < x->ix.nmonths; k++)
				sum += x->mo[k] < dr->cap_month ? x->mo[k] : dr->cap_month;
			if (sum < c)
				c = sum, w = 3;
		}
	}
	*why = w;
	return c;
}

/* Max flow doctors (cap) → slots of set (1 per doctor and slot, available) → seats (need). */
static int max_flow(struct ex *x, const int *set, int n)
{
	const struct rota_instance *in = x->in;
	int nD = x->nD, ns = in->nslots, total = 0, want = 0;
	for (int q = 0; q < n; q++) {
		x->slot_flow[set[q]] = 0;
		want += in->slots[set[q]].need;
	}
	for (int i = 0; i < nD; i++) {
		x->dflow[i] = 0;
		x->cap[i] = doctor_cap(x, i, set, n, &x->why[i]);
		for (int q = 0; q < n; q++)
			x->flow_ds[(size_t)i * (size_t)ns + (size_t)set[q]] = 0;
	}
	/* greedy start */
	for (int q = 0; q < n; q++) {
		int s = set[q];
		for (int i = 0; i < nD && x->slot_flow[s] < in->slots[s].need; i++)
			if (x->dflow[i] < x->cap[i] && avail(x, i, s)) {
				x->flow_ds[(size_t)i * (size_t)ns + (size_t)s] = 1;
				x->dflow[i]++, x->slot_flow[s]++, total++;
			}
	}
	/* augmenting paths: from a slot with a free seat back through doctors to one with spare capacity
	 * (BFS over nodes: doctors 0..nD−1, slots nD + s) */
	for (;;) {
		if (total >= want)
			break;
		int found = -1, head = 0, tail = 0;
		for (int v = 0; v < nD + ns; v++)
			x->prev[v] = -2;
		for (int q = 0; q < n; q++)
			if (x->slot_flow[set[q]] < in->slots[set[q]].need) {
				x->prev[nD + set[q]] = -1;
				x->queue[tail++] = nD + set[q];
			}
		while (head < tail && found < 0) {
			int v = x->queue[head++];
			if (v >= nD) { /* slot: to doctors that could take it and do not yet */
				int s = v - nD;
				for (int i = 0; i < nD; i++)
					if (x->prev[i] == -2 && avail(x, i, s) &&
					    !x->flow_ds[(size_t)i * (size_t)ns + (size_t)s]) {
						x->prev[i] = v;
						if (x->dflow[i] < x->cap[i]) {
							found = i;
							break;
						}
						x->queue[tail++] = i;
					}
			} else { /* doctor at capacity: free it from one of its slots */
				for (int q = 0; q < n; q++) {
					int s = set[q];
					if (x->flow_ds[(size_t)v * (size_t)ns + (size_t)s] && x->prev[nD + s] == -2) {
						x->prev[nD + s] = v;
						x->queue[tail++] = nD + s;
					}
				}
			}
		}
		if (found < 0)
			break;
		/* walk back: doctor found takes slot prev[found]; that slot's previous doctor … */
		int i = found;
		x->dflow[i]++;
		for (;;) {
			int sv = x->prev[i], s = sv - nD;
			x->flow_ds[(size_t)i * (size_t)ns + (size_t)s] = 1;
			int j = x->prev[sv];
			if (j == -1) {
				x->slot_flow[s]++;
				break;
			}
			x->flow_ds[(size_t)j * (size_t)ns + (size_t)s] = 0;
			i = j;
		}
		total++;
	}
	return want - total; /* the deficit: > 0 proves the set infeasible */
}

/* Deletion filter: drop each slot in turn while the rest stays infeasible. */
static int shrink(struct ex *x, int *set, int n)
{
	int *tmp = malloc(sizeof(int) * (size_t)(n + 1));
	if (!tmp)
		return n;
	for (int q = 0; q < n && n > 1;) {
		int m = 0;
		for (int k = 0; k < n; k++)
			if (k != q)
				tmp[m++] = set[k];
		if (max_flow(x, tmp, m) > 0) {
			memcpy(set, tmp, sizeof(int) * (size_t)m);
			n = m;
		} else {
			q++;
		}
	}
	free(tmp);
	return n;
}

static const char *why_ja(const struct ex *x, int w)
{
	static char buf[128];
	const struct rota_rules *r = &x->in->rules;
	switch (w) {
	case 1:
		snprintf(buf, sizeof buf, "%s%s%s", r->no_consecutive_nights ? "夜間の連続禁止" : "",
			 r->rest_after_night ? (r->no_consecutive_nights ? "・夜間明けの休息" : "夜間明けの休息") : "",
			 r->one_duty_per_date ? "・同日の兼務禁止" : "");
		return buf;
	default: return "";
	}
}

static void describe(struct ex *x, const int *set, int n, struct rota_conflict *c)
{
	const struct rota_instance *in = x->in;
	memset(c, 0, sizeof *c);
	int deficit = max_flow(x, set, n), seats = 0;
	c->nslots = n < ROTA_CONFLICT_SLOTS ? n : ROTA_CONFLICT_SLOTS;
	memcpy(c->slots, set, sizeof(int) * (size_t)c->nslots);
	unsigned types = 0;
	for (int q = 0; q < n; q++) {
		seats += in->slots[set[q]].need;
		types |= 1u << in->slots[set[q]].type;
	}
	char d0[32], d1[32], tj[128] = "";
	rota_format_date_ja(in->slots[set[0]].day, d0);
	rota_format_date_ja(in->slots[set[n - 1]].day, d1);
	for (int t = 0; t < DUTY__MAX; t++)
		if (types & (1u << t)) {
			size_t l = strlen(tj);
			snprintf(tj + l, sizeof tj - l, "%s%s", l ? "・" : "", duty_types[t].ja);
		}
	size_t L = 0;
	char *m = c->message;
	size_t M = sizeof c->message;
	c->rules = 1u << ROTA_RULE_COVER;
	int navail = 0, nout = 0;
	for (int i = 0; i < x->nD; i++) {
		int any = 0;
		for (int q = 0; q < n; q++)
			any |= avail(x, i, set[q]);
		any ? navail++ : nout++;
	}
	if (n == 1)
		L += (size_t)snprintf(m + L, M - L, "%s %s: ", d0, tj);
	else if (in->slots[set[0]].day == in->slots[set[n - 1]].day)
		L += (size_t)snprintf(m + L, M - L, "%s %s（%d件）: ", d0, tj, n);
	else
		L += (size_t)snprintf(m + L, M - L, "%s〜%sの%s %d件: ", d0, d1, tj, n);
	if (navail == 0) {
		L += (size_t)snprintf(m + L, M - L, "%d名全員が不在", x->nD);
		c->rules |= 1u << ROTA_RULE_UNAVAILABLE;
	} else {
		L += (size_t)snprintf(m + L, M - L, "%d名分必要だが、", seats);
		int listed = 0;
		for (int i = 0; i < x->nD && L < M - 200; i++) {
			if (x->cap[i] == 0)
				continue;
			char who[ROTA_NAME_MAX + 16];
			rota_doctor_ja(in, i, who, sizeof who);
			const char *w = "";
			char wb[64];
			if (x->why[i] == 1) {
				w = why_ja(x, 1);
				c->rules |= (in->rules.no_consecutive_nights ? 1u << ROTA_RULE_CONSECUTIVE_NIGHTS : 0) |
					    (in->rules.rest_after_night ? 1u << ROTA_RULE_REST_AFTER_NIGHT : 0) |
					    (in->rules.one_duty_per_date ? 1u << ROTA_RULE_ONE_PER_DATE : 0);
			} else if (x->why[i] == 2) {
				snprintf(wb, sizeof wb, "週上限%d回", in->doctors[i].cap_week);
				w = wb;
				c->rules |= 1u << ROTA_RULE_CAP_WEEK;
			} else if (x->why[i] == 3) {
				snprintf(wb, sizeof wb, "月上限%d回", in->doctors[i].cap_month);
				w = wb;
				c->rules |= 1u << ROTA_RULE_CAP_MONTH;
			}
			int un = 0;
			for (int q = 0; q < n; q++)
				un += !avail(x, i, set[q]);
			if (un)
				c->rules |= 1u << ROTA_RULE_UNAVAILABLE;
			L += (size_t)snprintf(m + L, M - L, "%s%s（最大%d件%s%s%s）", listed ? "、" : "", who,
					      x->cap[i], w[0] ? ": " : "", w,
					      un ? (w[0] ? "・不在日あり" : ": 不在日あり") : "");
			if (c->ndoctors < ROTA_CONFLICT_DOCTORS)
				c->doctors[c->ndoctors++] = i;
			listed++;
		}
		if (L < M - 120)
			L += (size_t)snprintf(m + L, M - L, "で合計%d件までしか担当できない（不足%d件）",
					      seats - deficit, deficit);
		if (nout && L < M - 80) {
			L += (size_t)snprintf(m + L, M - L, "。他%d名はこの間すべて不在", nout);
			c->rules |= 1u << ROTA_RULE_UNAVAILABLE;
		}
	}
	/* name the absent doctors when they are few */
	if (nout > 0 && nout <= 6 && L < M - 200) {
		L += (size_t)snprintf(m + L, M - L, "（");
		int k = 0;
		for (int i = 0; i < x->nD && L < M - 120; i++) {
			int any = 0;
			for (int q = 0; q < n; q++)
				any |= avail(x, i, set[q]);
			if (any)
				continue;
			char who[ROTA_NAME_MAX + 16];
			rota_doctor_ja(in, i, who, sizeof who);
			int d = (int)(in->slots[set[0]].day - in->from_day);
			int u = x->ix.unav_reason[(size_t)i * (size_t)x->ix.ndays + (size_t)d];
			const char *why = u >= 0 ? in->unavail[u].reason : "";
			L += (size_t)snprintf(m + L, M - L, "%s%s%s%s", k++ ? "、" : "", who, why[0] ? ": " : "", why);
			if (c->ndoctors < ROTA_CONFLICT_DOCTORS)
				c->doctors[c->ndoctors++] = i;
		}
		L += (size_t)snprintf(m + L, M - L, "）");
	}
	if (L < M - 4)
		snprintf(m + L, M - L, "。");
}

static int same_conflict(const struct rota_conflict *a, const int *set, int n)
{
	if (a->nslots != n)
		return 0;
	for (int q = 0; q < n; q++)
		if (a->slots[q] != set[q])
			return 0;
	return 1;
}

/* Tests the window of slots lo..hi−1 (optionally of one type); records a shrunk conflict. */
static void try_window(struct ex *x, int lo, int hi, int type, int *set, struct rota_conflict *out, int cap, int *nout)
{
	if (*nout >= cap || hi <= lo)
		return;
	int n = 0;
	for (int s = lo; s < hi; s++)
		if (type < 0 || (int)x->in->slots[s].type == type)
			set[n++] = s;
	if (n == 0 || max_flow(x, set, n) <= 0)
		return;
	n = shrink(x, set, n);
	for (int k = 0; k < *nout; k++)
		if (same_conflict(&out[k], set, n))
			return;
	if (n > ROTA_CONFLICT_SLOTS)
		return; /* too large to name usefully */
	describe(x, set, n, &out[(*nout)++]);
}

static void pin_conflicts(struct ex *x, struct rota_conflict *out, int cap, int *nout)
{
	const struct rota_instance *in = x->in;
	for (int p = 0; p < in->npins && *nout < cap; p++) {
		int s = in->pins[p].slot, i = in->pins[p].doctor;
		if (avail(x, i, s))
			continue;
		struct rota_conflict *c = &out[(*nout)++];
		memset(c, 0, sizeof *c);
		c->nslots = 1, c->slots[0] = s, c->ndoctors = 1, c->doctors[0] = i;
		c->rules = 1u << ROTA_RULE_PIN | 1u << ROTA_RULE_UNAVAILABLE;
		char date[32], who[ROTA_NAME_MAX + 16];
		rota_format_date_ja(in->slots[s].day, date);
		rota_doctor_ja(in, i, who, sizeof who);
		snprintf(c->message, sizeof c->message, "%s %s: %sの確定済みの当番だが、%sはこの日不在です。", date,
			 duty_types[in->slots[s].type].ja, who, who);
	}
	/* two pins of one doctor breaking a night rule */
	for (int p = 0; p < in->npins && *nout < cap; p++)
		for (int q = 0; q < in->npins && *nout < cap; q++) {
			int s1 = in->pins[p].slot, s2 = in->pins[q].slot, i = in->pins[p].doctor;
			if (p == q || in->pins[q].doctor != i)
				continue;
			const struct rota_slot *a = &in->slots[s1], *b = &in->slots[s2];
			enum rota_rule r = ROTA_RULE__MAX;
			if (rota_is_night(a->type) && b->day == a->day + 1) {
				if (rota_is_night(b->type) && in->rules.no_consecutive_nights)
					r = ROTA_RULE_CONSECUTIVE_NIGHTS;
				else if (!rota_is_night(b->type) && in->rules.rest_after_night)
					r = ROTA_RULE_REST_AFTER_NIGHT;
			} else if (rota_is_night(a->type) && !rota_is_night(b->type) && b->day == a->day &&
				   in->rules.one_duty_per_date) {
				r = ROTA_RULE_ONE_PER_DATE;
			}
			if (r == ROTA_RULE__MAX)
				continue;
			struct rota_conflict *c = &out[(*nout)++];
			memset(c, 0, sizeof *c);
			c->nslots = 2, c->slots[0] = s1 < s2 ? s1 : s2, c->slots[1] = s1 < s2 ? s2 : s1;
			c->ndoctors = 1, c->doctors[0] = i;
			c->rules = 1u << ROTA_RULE_PIN | 1u << r;
			char d1[32], d2[32], who[ROTA_NAME_MAX + 16];
			rota_format_date_ja(a->day, d1);
			rota_format_date_ja(b->day, d2);
			rota_doctor_ja(in, i, who, sizeof who);
			snprintf(c->message, sizeof c->message, "%s: 確定済みの%s %sと%s %sが%sに反します。", who, d1,
				 duty_types[a->type].ja, d2, duty_types[b->type].ja, rota_rule_ja(r));
		}
}

int rota_explain(const struct rota_instance *in, struct rota_conflict *out, int cap)
{
	struct ex x;
	memset(&x, 0, sizeof x);
	x.in = in;
	x.nD = in->ndoctors;
	if (rota_index_build(in, &x.ix) != 0)
		return 0;
	size_t ns = (size_t)in->nslots + 1;
	x.cap = calloc((size_t)x.nD, sizeof(int));
	x.why = calloc((size_t)x.nD, sizeof(int));
	x.flow_ds = calloc((size_t)x.nD * ns, sizeof(int));
	x.slot_flow = calloc(ns, sizeof(int));
	x.dflow = calloc((size_t)x.nD, sizeof(int));
	x.prev = calloc((size_t)x.nD + ns, sizeof(int));
	x.queue = calloc((size_t)x.nD + ns, sizeof(int));
	x.wk = calloc((size_t)x.ix.nweeks + 1, sizeof(int));
	x.mo = calloc((size_t)x.ix.nmonths + 1, sizeof(int));
	int *set = calloc(ns, sizeof(int));
	int n = 0;
	if (x.cap && x.why && x.flow_ds && x.slot_flow && x.dflow && x.prev && x.queue && x.wk && x.mo && set) {
		pin_conflicts(&x, out, cap, &n);
		int nd = x.ix.ndays;
		const int *ds = x.ix.day_slot0;
		for (int s = 0; s < in->nslots; s++) /* one slot */
			try_window(&x, s, s + 1, -1, set, out, cap, &n);
		for (int len = 1; len <= 3 && n == 0; len++) /* dates and runs of 2–3 dates */
			for (int d = 0; d + len <= nd; d++)
				try_window(&x, ds[d], ds[d + len], -1, set, out, cap, &n);
		for (int d = 0; d < nd && n == 0;) { /* weeks */
			int e = d;
			while (e < nd && x.ix.week[e] == x.ix.week[d])
				e++;
			try_window(&x, ds[d], ds[e], -1, set, out, cap, &n);
			d = e;
		}
		for (int d = 0; d < nd && n == 0;) { /* months */
			int e = d;
			while (e < nd && x.ix.month[e] == x.ix.month[d])
				e++;
			try_window(&x, ds[d], ds[e], -1, set, out, cap, &n);
			d = e;
		}
		for (int t = 0; t < DUTY__MAX && n == 0; t++) /* one type over the period */
			try_window(&x, 0, in->nslots, t, set, out, cap, &n);
		if (n == 0)
			try_window(&x, 0, in->nslots, -1, set, out, cap, &n);
	}
	free(set);
	free(x.cap), free(x.why), free(x.flow_ds), free(x.slot_flow), free(x.dflow), free(x.prev);
	free(x.queue), free(x.wk), free(x.mo);
	rota_index_free(&x.ix);
	return n;
}
