/* Fair on-call rotas (domain/rota*.c, issue 15): the duty slots of a period, every hard rule of
 * rota_check, validation naming fields, the solver (feasible, deterministic, at the bound), the
 * explanation of infeasible months, and a property test against exhaustive search.
 * Seed 002 ⑧「在宅医等相互支援体制の取り決め（案）の決定 … 輪番制オンコール対応」; seed 003
 * 「主治医・副主治医制、休日日夜間等不在時の代診制」. Links libzaitaku-core.a alone. */
#include <math.h>
#include <stdlib.h>

#include "domain/holiday.h"
#include "domain/rota.h"
#include "unit.h"

static struct rota_slot slots[64];
static struct rota_doctor docs[8];
static struct rota_unavail un[64];
static struct rota_wish wi[16];
static struct rota_pin pins[8];

static struct rota_instance mk(int y, int m, int d, int days, int nd)
{
	struct duty_hours h = DUTY_HOURS_DEFAULT;
	long from = cal_days(y, m, d);
	struct rota_instance in = {.from_day = from,
				   .to_day = from + days - 1,
				   .slots = slots,
				   .doctors = docs,
				   .ndoctors = nd,
				   .unavail = un,
				   .wishes = wi,
				   .pins = pins,
				   .rules = rota_rules_default()};
	in.nslots = rota_slots_for_period(in.from_day, in.to_day, &h, slots, 64);
	static const char *const names[] = {"田中", "鈴木", "佐藤", "高橋", "伊藤", "渡辺", "山本", "中村"};
	for (int i = 0; i < nd; i++) {
		memset(&docs[i], 0, sizeof docs[i]);
		snprintf(docs[i].name, sizeof docs[i].name, "%s", names[i]);
		docs[i].share = 1;
		docs[i].practitioner_id = i + 1;
	}
	return in;
}

static int has_rule(const struct rota_violation *v, int n, enum rota_rule r)
{
	for (int i = 0; i < n; i++)
		if (v[i].rule == r)
			return 1;
	return 0;
}

/* The message of the first violation of rule r, or "". */
static const char *msg_of(const struct rota_violation *v, int n, enum rota_rule r)
{
	for (int i = 0; i < n; i++)
		if (v[i].rule == r)
			return v[i].message;
	return "";
}

/* ---- exhaustive search (independent of the solver: its own rules and objective) ---- */
struct ex {
	const struct rota_instance *in;
	int nseats, seat_slot[64], seat_pin[64];
	int a[64];
	int night[8][40], dayd[8][40], wk[8][8], mo[8][4], cnt[8][DUTY__MAX];
	int rem[DUTY__MAX][8]; /* remaining seats of type t on dates doctor i is available */
	int unav[8][40];
	int w0, m0;
	double best; /* best spread_sum found (or incumbent to beat) */
	int found;
	long nodes, budget;
	int objective; /* 0: feasibility only */
};

static int wkof(const struct ex *x, long day) { return (int)(floor((day + 3) / 7.0) - x->w0); }
static int moof(const struct ex *x, long day)
{
	int y, m, d;
	cal_from_days(day, &y, &m, &d);
	return y * 12 + m - x->m0;
}

static double spread_sum(const struct ex *x, int partial_bound)
{
	const struct rota_instance *in = x->in;
	double sum = 0;
	for (int t = 0; t < DUTY__MAX; t++) {
		double hi = -1e18, lo = 1e18;
		for (int i = 0; i < in->ndoctors; i++) {
			double l = x->cnt[i][t] / in->doctors[i].share + in->doctors[i].carried[t];
			double lmax = (x->cnt[i][t] + (partial_bound ? x->rem[t][i] : 0)) / in->doctors[i].share +
				      in->doctors[i].carried[t];
			hi = l > hi ? l : hi;
			lo = lmax < lo ? lmax : lo;
		}
		sum += hi - lo > 0 ? hi - lo : 0;
	}
	return sum;
}

static void dfs(struct ex *x, int k)
{
	const struct rota_instance *in = x->in;
	if (x->nodes++ > x->budget)
		return;
	if (!x->objective && x->found)
		return;
	if (x->objective && spread_sum(x, 1) >= x->best - 1e-9)
		return;
	if (k == x->nseats) {
		double v = spread_sum(x, 0);
		if (!x->found || v < x->best)
			x->best = v;
		x->found = 1;
		return;
	}
	const struct rota_slot *sl = &in->slots[x->seat_slot[k]];
	int d = (int)(sl->day - in->from_day), t = sl->type, night = duty_types[t].night;
	int w = wkof(x, sl->day), m = moof(x, sl->day);
	for (int i = 0; i < in->ndoctors; i++)
		if (!x->unav[i][d])
			x->rem[t][i]--;
	for (int i = 0; i < in->ndoctors; i++) {
		if (x->seat_pin[k] >= 0 && i != x->seat_pin[k])
			continue;
		if (x->unav[i][d])
			continue;
		int dup = 0; /* already on a seat of this slot */
		for (int q = k - 1; q >= 0 && x->seat_slot[q] == x->seat_slot[k]; q--)
			dup |= x->a[q] == i;
		if (dup)
			continue;
		if (d > 0 && x->night[i][d - 1] &&
		    ((night && in->rules.no_consecutive_nights) || (!night && in->rules.rest_after_night)))
			continue;
		if (in->rules.one_duty_per_date && (night ? x->dayd[i][d] : x->night[i][d]))
			continue;
		if (in->doctors[i].cap_week && x->wk[i][w] + 1 > in->doctors[i].cap_week)
			continue;
		if (in->doctors[i].cap_month && x->mo[i][m] + 1 > in->doctors[i].cap_month)
			continue;
		/* pinned doctors of later seats of this slot must stay possible: pins take the first seats */
		x->a[k] = i;
		(night ? x->night : x->dayd)[i][d]++;
		x->wk[i][w]++, x->mo[i][m]++, x->cnt[i][t]++;
		dfs(x, k + 1);
		(night ? x->night : x->dayd)[i][d]--;
		x->wk[i][w]--, x->mo[i][m]--, x->cnt[i][t]--;
	}
	for (int i = 0; i < in->ndoctors; i++)
		if (!x->unav[i][d])
			x->rem[t][i]++;
}

/* Exhaustive search over in: returns 1 feasible (x->best = the minimal spread_sum below incumbent, or
 * incumbent when none is better), 0 infeasible, −1 over the node budget. */
static int exhaustive(const struct rota_instance *in, int objective, double incumbent, double *best)
{
	static struct ex x;
	memset(&x, 0, sizeof x);
	x.in = in;
	x.objective = objective;
	x.best = incumbent;
	x.budget = 40000000;
	x.w0 = (int)floor((in->from_day + 3) / 7.0);
	int y, m, d;
	cal_from_days(in->from_day, &y, &m, &d);
	x.m0 = y * 12 + m;
	for (int u = 0; u < in->nunavail; u++)
		x.unav[in->unavail[u].doctor][in->unavail[u].day - in->from_day] = 1;
	for (int s = 0; s < in->nslots; s++) {
		int first = x.nseats, np = 0;
		for (int j = 0; j < in->slots[s].need; j++) {
			x.seat_slot[x.nseats] = s;
			x.seat_pin[x.nseats++] = -1;
		}
		for (int p = 0; p < in->npins; p++)
			if (in->pins[p].slot == s)
				x.seat_pin[first + np++] = in->pins[p].doctor;
		for (int i = 0; i < in->ndoctors; i++)
			if (!x.unav[i][in->slots[s].day - in->from_day])
				x.rem[in->slots[s].type][i] += in->slots[s].need;
	}
	dfs(&x, 0);
	if (x.nodes > x.budget)
		return -1;
	if (best)
		*best = x.best;
	return objective ? 1 : x.found;
}

/* ---- exact feasibility by dynamic programming over the dates (any size of the property test) ----
 * State after a date: per doctor (7 bits each) a night on that date, the duties of the current week
 * and of the current month (tracked for capped doctors only). */
struct dp {
	const struct rota_instance *in;
	uint64_t *next;
	size_t nnext, capnext;
	int seats[8], seat_slot_[8], seat_pin_[8], nseat;
	int unav[8];
};

static int dp_get(uint64_t st, int i, int shift, int bits)
{
	return (int)((st >> (i * 7 + shift)) & ((1u << bits) - 1));
}

static void dp_assign(struct dp *x, uint64_t st, uint64_t nst, int q, int *who)
{
	const struct rota_instance *in = x->in;
	if (q == x->nseat) {
		if (x->nnext == x->capnext) {
			x->capnext = x->capnext ? 2 * x->capnext : 1024;
			uint64_t *grown = realloc(x->next, x->capnext * sizeof *x->next);
			if (grown == NULL)
				abort();
			x->next = grown;
		}
		x->next[x->nnext++] = nst;
		return;
	}
	const struct rota_slot *sl = &in->slots[x->seat_slot_[q]];
	int night = duty_types[sl->type].night;
	for (int i = 0; i < in->ndoctors; i++) {
		if (x->seat_pin_[q] >= 0 && x->seat_pin_[q] != i)
			continue;
		if (x->unav[i])
			continue;
		int dup = 0, other = 0;
		for (int r = 0; r < q; r++) {
			if (who[r] != i)
				continue;
			dup |= x->seat_slot_[r] == x->seat_slot_[q];
			other |= duty_types[in->slots[x->seat_slot_[r]].type].night != night;
		}
		if (dup || (in->rules.one_duty_per_date && other))
			continue;
		if (dp_get(st, i, 0, 1) &&
		    ((night && in->rules.no_consecutive_nights) || (!night && in->rules.rest_after_night)))
			continue;
		int wk = dp_get(nst, i, 1, 3), mo = dp_get(nst, i, 4, 3);
		const struct rota_doctor *dr = &in->doctors[i];
		if ((dr->cap_week && wk + 1 > dr->cap_week) || (dr->cap_month && mo + 1 > dr->cap_month))
			continue;
		uint64_t n2 = nst;
		if (dr->cap_week)
			n2 += 1ull << (i * 7 + 1);
		if (dr->cap_month)
			n2 += 1ull << (i * 7 + 4);
		if (night)
			n2 |= 1ull << (i * 7);
		who[q] = i;
		dp_assign(x, st, n2, q + 1, who);
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static int feasible_dp(const struct rota_instance *in)
{
	struct dp x = {.in = in};
	uint64_t *cur = malloc(sizeof *cur);
	if (cur == NULL)
		abort();
	size_t ncur = 1;
	cur[0] = 0;
	for (long day = in->from_day; day <= in->to_day && ncur > 0; day++) {
		x.nseat = 0;
		for (int s = 0; s < in->nslots; s++) {
			if (in->slots[s].day != day)
				continue;
			int np = 0;
			for (int j = 0; j < in->slots[s].need; j++) {
				x.seat_slot_[x.nseat] = s;
				x.seat_pin_[x.nseat++] = -1;
			}
			for (int p = 0; p < in->npins; p++)
				if (in->pins[p].slot == s)
					x.seat_pin_[x.nseat - in->slots[s].need + np++] = in->pins[p].doctor;
		}
		for (int i = 0; i < in->ndoctors; i++)
			x.unav[i] = 0;
		for (int u = 0; u < in->nunavail; u++)
			if (in->unavail[u].day == day)
				x.unav[in->unavail[u].doctor] = 1;
		int y, m, d, y2, m2, d2;
		cal_from_days(day, &y, &m, &d);
		cal_from_days(day + 1, &y2, &m2, &d2);
		int week_end = cal_weekday(y, m, d) == 0, month_end = m2 != m;
		x.nnext = 0;
		for (size_t c = 0; c < ncur; c++) {
			uint64_t base = cur[c];
			for (int i = 0; i < in->ndoctors; i++) /* nights are of the previous date only */
				base &= ~(1ull << (i * 7));
			int who[8];
			dp_assign(&x, cur[c], base, 0, who);
		}
		for (size_t c = 0; c < x.nnext; c++)
			for (int i = 0; i < in->ndoctors; i++) {
				if (week_end)
					x.next[c] &= ~(7ull << (i * 7 + 1));
				if (month_end)
					x.next[c] &= ~(7ull << (i * 7 + 4));
			}
		if (x.nnext > 0)
			qsort(x.next, x.nnext, sizeof *x.next, cmp_u64);
		size_t n = 0;
		for (size_t c = 0; c < x.nnext; c++)
			if (n == 0 || x.next[c] != x.next[n - 1])
				x.next[n++] = x.next[c];
		free(cur);
		cur = x.next;
		ncur = n;
		x.next = NULL;
		x.nnext = x.capnext = 0;
	}
	free(cur);
	return ncur > 0;
}

static double fake_ms;
static double fake_now(void *ctx)
{
	(void)ctx;
	return fake_ms += 0.01;
}

static uint64_t rs = 88172645463325252ull;
static int rnd(int n)
{
	rs ^= rs << 13, rs ^= rs >> 7, rs ^= rs << 17;
	return (int)(rs % (uint64_t)n);
}

static void property_test(int cases)
{
	int ran = 0, feasible = 0, infeasible = 0, optimal_bound = 0, skipped = 0, max_conflict = 0, big = 0;
	int spread_checked = 0;
	static struct rota_unavail un2[64];
	static struct rota_pin pins2[8];
	static struct rota_slot sub_slots[64];
	for (int c = 0; c < cases; c++) {
		int nd = 2 + rnd(5), days = 3 + rnd(12);
		static const int starts[][3] = {
			{2026, 12, 24}, {2027, 4, 26}, {2027, 1, 6}, {2027, 9, 15}, {2026, 11, 1}};
		const int *st = starts[rnd(5)];
		struct rota_instance in = mk(st[0], st[1], st[2], days, nd);
		long space = 1;
		for (int s = 0; s < in.nslots && space < 4000000000L; s++)
			space *= nd;
		for (int i = 0; i < nd; i++) {
			static const double shares[] = {0.5, 0.75, 1, 1};
			docs[i].share = shares[rnd(4)];
			docs[i].cap_week = rnd(3) == 0 ? 1 + rnd(3) : 0;
			docs[i].cap_month = rnd(4) == 0 ? 2 + rnd(5) : 0;
			for (int t = 0; t < DUTY__MAX; t++)
				docs[i].carried[t] = rnd(3) == 0 ? (rnd(5) - 2) * 0.5 : 0;
		}
		in.nunavail = 0;
		for (int i = 0; i < nd; i++)
			for (int d = 0; d < days && in.nunavail < 64; d++)
				if (rnd(100) < 18)
					un[in.nunavail++] = (struct rota_unavail){.doctor = i, .day = in.from_day + d};
		in.nwishes = 0;
		for (int w = rnd(5); w > 0; w--)
			wi[in.nwishes++] = (struct rota_wish){.doctor = rnd(nd),
							      .day = in.from_day + rnd(days),
							      .type = rnd(2) ? -1 : rnd(DUTY__MAX),
							      .avoid = rnd(2)};
		in.npins = 0;
		if (rnd(4) == 0 && in.nslots > 0)
			pins[in.npins++] = (struct rota_pin){.doctor = rnd(nd), .slot = rnd(in.nslots)};
		if (rnd(5) == 0 && in.npins == 1 && in.nslots > 1) { /* a second pin, often the same doctor's */
			int s2 = rnd(in.nslots);
			if (s2 != pins[0].slot)
				pins[in.npins++] =
					(struct rota_pin){.doctor = rnd(2) ? pins[0].doctor : rnd(nd), .slot = s2};
		}
		in.rules.no_consecutive_nights = rnd(4) != 0;
		in.rules.rest_after_night = rnd(4) != 0;
		in.rules.one_duty_per_date = rnd(4) == 0;
		struct zt_error e;
		if (rota_instance_validate(&in, &e) != ZT_OK) {
			fprintf(stderr, "case %d invalid: %s %s\n", c, e.field, e.message);
			CHECK(0);
			continue;
		}
		int assign[64];
		struct rota_params p = {.seed = (uint64_t)c,
					.max_iterations =
						getenv("ROTA_ITERS") ? strtol(getenv("ROTA_ITERS"), NULL, 10) : 100000,
					.now_ms = fake_now};
		struct rota_result r = {.assign = assign};
		CHECK(rota_solve(&in, &p, &r) == ZT_OK);
		int ex = feasible_dp(&in);
		if (space <= 2000000000L && ex != exhaustive(&in, 0, 0, NULL)) { /* the two searches agree */
			fprintf(stderr, "case %d: dynamic programming and brute force disagree\n", c);
			CHECK(0);
		}
		ran++;
		if (in.ndoctors == 6 && days >= 12)
			big++;
		if (ex == 1) {
			feasible++;
			/* the solver finds a rota whenever one exists, and it is valid */
			if (r.status != ROTA_FEASIBLE)
				fprintf(stderr, "case %d: feasible by exhaustive search, solver status %d\n", c,
					r.status);
			CHECK(r.status == ROTA_FEASIBLE);
			CHECK(rota_check(&in, assign, NULL, 0) == 0);
			/* its spread is minimal: nothing better exists */
			double best = 0;
			int ok = space <= 2000000000L ? exhaustive(&in, 1, r.objective.spread_sum, &best) : -1;
			if (ok == 1)
				spread_checked++;
			else
				skipped++;
			if (ok == 1 && best < r.objective.spread_sum - 1e-9)
				fprintf(stderr, "case %d: exhaustive spread %.4f < solver %.4f\n", c, best,
					r.objective.spread_sum);
			CHECK(ok != 1 || best >= r.objective.spread_sum - 1e-9);
			/* the certificate's bound is never above the optimum of its type */
			struct rota_cert_doctor cd[8];
			struct rota_certificate cert;
			rota_certificate(&in, assign, cd, &cert);
			double bsum = 0;
			int all = 1;
			for (int t = 0; t < DUTY__MAX; t++) {
				CHECK(cert.bound[t] >= 0 && cert.bound[t] <= cert.spread[t] + 1e-9);
				bsum += cert.bound[t];
				all &= cert.optimal[t];
			}
			CHECK(bsum <= r.objective.spread_sum + 1e-9);
			optimal_bound += all;
		} else {
			infeasible++;
			if (r.status == ROTA_FEASIBLE)
				fprintf(stderr, "case %d: infeasible by exhaustive search, solver says feasible\n", c);
			CHECK(r.status != ROTA_FEASIBLE);
		}
		/* every explanation is truly infeasible on its own, and small */
		for (int q = 0; q < r.nconflicts; q++) {
			const struct rota_conflict *cf = &r.conflicts[q];
			CHECK(cf->nslots >= 1 && cf->message[0]);
			max_conflict = cf->nslots > max_conflict ? cf->nslots : max_conflict;
			struct rota_instance sub = in;
			sub.slots = sub_slots;
			sub.nslots = cf->nslots;
			sub.pins = pins2;
			sub.npins = 0;
			sub.nwishes = 0;
			sub.unavail = un2;
			memcpy(un2, un, sizeof un);
			for (int s = 0; s < cf->nslots; s++) {
				sub_slots[s] = in.slots[cf->slots[s]];
				for (int pp = 0; pp < in.npins; pp++)
					if (in.pins[pp].slot == cf->slots[s])
						pins2[sub.npins++] = (struct rota_pin){in.pins[pp].doctor, s};
			}
			int sx = feasible_dp(&sub);
			if (sx != 0)
				fprintf(stderr, "case %d: conflict \"%s\" is not infeasible alone\n", c, cf->message);
			CHECK(sx == 0);
			CHECK(cf->nslots <= 12);
		}
	}
	printf("property: %d instances (%d of 6 doctors × 12–14 days; %d feasible, %d infeasible by dynamic "
	       "programming), minimal spread proven by branch and bound on %d (%d too large for it), %d at the "
	       "certificate's bound, largest explanation %d slots\n",
	       ran, big, feasible, infeasible, spread_checked, skipped, optimal_bound, max_conflict);
	CHECK(ran == cases && feasible > 0 && infeasible > 0 && big > 0);
}

int main(void)
{
	/* the duty slots of 2026-12-28 .. 2027-01-04: 12/28 平日夜間, 12/29–1/3 年末年始 (day + night), 1/4 平日 */
	struct rota_instance in = mk(2026, 12, 28, 8, 3);
	CHECK(in.nslots == 1 + 12 + 1);
	CHECK(slots[0].type == DUTY_WEEKDAY_NIGHT && slots[1].type == DUTY_NENMATSU_DAY &&
	      slots[2].type == DUTY_NENMATSU_NIGHT && slots[13].type == DUTY_WEEKDAY_NIGHT);
	CHECK(rota_seat_count(&in) == 14 && rota_seat_slot(&in, 13) == 13 && rota_slot_first_seat(&in, 2) == 2);
	/* 2027-01-11 成人の日 (Monday) carries a holiday day and night */
	struct rota_slot s2[8];
	CHECK(rota_slots_for_period(cal_days(2027, 1, 11), cal_days(2027, 1, 12), NULL, s2, 8) == 3);
	CHECK(s2[0].type == DUTY_HOLIDAY_DAY && s2[1].type == DUTY_HOLIDAY_NIGHT && s2[2].type == DUTY_WEEKDAY_NIGHT);
	struct zt_error e;
	CHECK(rota_instance_validate(&in, &e) == ZT_OK);

	/* ---- every hard rule of rota_check, with its Japanese sentence ---- */
	struct rota_violation v[32];
	/* seats: 0 12/28 WN, 1 12/29 D, 2 12/29 N, 3 12/30 D, 4 12/30 N, 5 12/31 D, 6 12/31 N, 7 1/1 D,
	 * 8 1/1 N, 9 1/2 D, 10 1/2 N, 11 1/3 D, 12 1/3 N, 13 1/4 WN */
	int good[14] = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1};
	CHECK(rota_check(&in, good, v, 32) == 0);
	/* 「夜間の連続禁止」: 田中 on the nights of 12/28 and 12/29 */
	int a[14];
	memcpy(a, good, sizeof a);
	a[2] = 0;
	int n = rota_check(&in, a, v, 32);
	CHECK(has_rule(v, n, ROTA_RULE_CONSECUTIVE_NIGHTS));
	CHECK(strstr(msg_of(v, n, ROTA_RULE_CONSECUTIVE_NIGHTS), "田中医師") &&
	      strstr(msg_of(v, n, ROTA_RULE_CONSECUTIVE_NIGHTS), "連続"));
	/* 「夜間明けの休息」: 鈴木 on the night of 12/30 and the day of 12/31 */
	memcpy(a, good, sizeof a);
	a[5] = 1;
	n = rota_check(&in, a, v, 32);
	CHECK(has_rule(v, n, ROTA_RULE_REST_AFTER_NIGHT) && !has_rule(v, n, ROTA_RULE_CONSECUTIVE_NIGHTS));
	/* 不在日, with its reason */
	memcpy(a, good, sizeof a);
	un[0] = (struct rota_unavail){.doctor = 0, .day = cal_days(2027, 1, 1), .reason = "学会"};
	in.nunavail = 1;
	a[7] = 0, a[8] = 2, a[6] = 1, a[9] = 0;
	n = rota_check(&in, a, v, 32);
	CHECK(has_rule(v, n, ROTA_RULE_UNAVAILABLE));
	CHECK(strstr(msg_of(v, n, ROTA_RULE_UNAVAILABLE), "2027年1月1日") &&
	      strstr(msg_of(v, n, ROTA_RULE_UNAVAILABLE), "学会"));
	in.nunavail = 0;
	/* 同日の兼務禁止 (when the group sets it) */
	memcpy(a, good, sizeof a);
	in.rules.one_duty_per_date = true;
	CHECK(rota_check(&in, a, v, 32) == 0);
	int b[14] = {0, 1, 1, 2, 0, 2, 1, 0, 0, 2, 1, 0, 2, 1};
	n = rota_check(&in, b, v, 32);
	CHECK(has_rule(v, n, ROTA_RULE_ONE_PER_DATE));
	in.rules.one_duty_per_date = false;
	/* 週上限 and 月上限 */
	docs[0].cap_week = 1;
	n = rota_check(&in, good, v, 32);
	CHECK(has_rule(v, n, ROTA_RULE_CAP_WEEK) && !has_rule(v, n, ROTA_RULE_CAP_MONTH));
	CHECK(strstr(msg_of(v, n, ROTA_RULE_CAP_WEEK), "週上限1回"));
	docs[0].cap_week = 0, docs[0].cap_month = 2;
	n = rota_check(&in, good, v, 32);
	CHECK(strstr(msg_of(v, n, ROTA_RULE_CAP_MONTH), "月上限2回"));
	docs[0].cap_month = 0;
	/* 確定済みの当番 (a pin), 充足, an unknown doctor, twice in one slot */
	pins[0] = (struct rota_pin){.doctor = 1, .slot = 0};
	in.npins = 1;
	n = rota_check(&in, good, v, 32);
	CHECK(has_rule(v, n, ROTA_RULE_PIN));
	in.npins = 0;
	memcpy(a, good, sizeof a);
	a[4] = -1, a[5] = 7;
	n = rota_check(&in, a, v, 32);
	CHECK(has_rule(v, n, ROTA_RULE_COVER) && has_rule(v, n, ROTA_RULE_DOCTOR));
	slots[0].need = 2;
	int c2[15] = {0, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1};
	n = rota_check(&in, c2, v, 32);
	CHECK(has_rule(v, n, ROTA_RULE_TWICE_IN_SLOT));
	slots[0].need = 1;
	/* the count is returned even beyond cap */
	memcpy(a, good, sizeof a);
	for (int k = 0; k < 14; k++)
		a[k] = -1;
	CHECK(rota_check(&in, a, v, 2) == 14);

	/* ---- validation names the field ---- */
	docs[1].share = 0;
	CHECK(rota_instance_validate(&in, &e) == ZT_ERR_INVALID && strcmp(e.field, "doctors[1].share") == 0);
	docs[1].share = 1;
	pins[0] = (struct rota_pin){.doctor = 5, .slot = 0};
	in.npins = 1;
	CHECK(rota_instance_validate(&in, &e) == ZT_ERR_INVALID && strcmp(e.field, "pins[0].doctor") == 0);
	in.npins = 0;
	struct rota_instance big = in;
	big.to_day = big.from_day + ROTA_MAX_DAYS;
	CHECK(rota_instance_validate(&big, &e) == ZT_ERR_TOOLARGE && strcmp(e.field, "to") == 0);
	big = in;
	big.ndoctors = ROTA_MAX_DOCTORS + 1;
	CHECK(rota_instance_validate(&big, &e) == ZT_ERR_TOOLARGE && strcmp(e.field, "doctors") == 0);

	/* ---- the solver: a valid rota, deterministic for a seed, at the certificate's bound ---- */
	struct rota_params p = {.seed = 7, .max_iterations = 20000};
	int r1[14], r2[14];
	struct rota_result res = {.assign = r1};
	CHECK(rota_solve(&in, &p, &res) == ZT_OK && res.status == ROTA_FEASIBLE);
	CHECK(rota_check(&in, r1, NULL, 0) == 0);
	res.assign = r2;
	CHECK(rota_solve(&in, &p, &res) == ZT_OK && memcmp(r1, r2, sizeof r1) == 0);
	struct rota_cert_doctor cd[8];
	struct rota_certificate cert;
	rota_certificate(&in, r1, cd, &cert);
	CHECK(cert.violations == 0 && cert.seats[DUTY_NENMATSU_NIGHT] == 6);
	for (int t = 0; t < DUTY__MAX; t++)
		CHECK(cert.optimal[t]);
	/* 6 年末年始 nights over 3 doctors of equal share: 2 each, spread 0 */
	CHECK(cert.spread[DUTY_NENMATSU_NIGHT] == 0 && cd[0].count[DUTY_NENMATSU_NIGHT] == 2);
	/* a pinned duty is kept */
	pins[0] = (struct rota_pin){.doctor = 2, .slot = 8};
	in.npins = 1;
	res.assign = r1;
	CHECK(rota_solve(&in, &p, &res) == ZT_OK && res.status == ROTA_FEASIBLE && r1[8] == 2);
	in.npins = 0;
	/* carried-over points: 田中 did 2 more 年末年始 nights last year → fewer now, who is next */
	docs[0].carried[DUTY_NENMATSU_NIGHT] = 2;
	CHECK(rota_solve(&in, &p, &res) == ZT_OK && res.status == ROTA_FEASIBLE);
	rota_certificate(&in, r1, cd, &cert);
	CHECK(cd[0].count[DUTY_NENMATSU_NIGHT] <= 1 && cert.optimal[DUTY_NENMATSU_NIGHT]);
	CHECK(cert.next[DUTY_NENMATSU_NIGHT] != 0);
	docs[0].carried[DUTY_NENMATSU_NIGHT] = 0;
	/* share 0.5 (part-time): half the duties */
	docs[2].share = 0.5;
	CHECK(rota_solve(&in, &p, &res) == ZT_OK && res.status == ROTA_FEASIBLE);
	rota_certificate(&in, r1, cd, &cert);
	CHECK(cd[2].total < cd[0].total && cd[2].total < cd[1].total);
	docs[2].share = 1;
	/* a wish to avoid 1/1 is met; the stop callback is honoured */
	wi[0] = (struct rota_wish){.doctor = 0, .day = cal_days(2027, 1, 1), .type = -1, .avoid = true};
	in.nwishes = 1;
	CHECK(rota_solve(&in, &p, &res) == ZT_OK && res.objective.wishes == 0 && r1[7] != 0 && r1[8] != 0);
	in.nwishes = 0;

	/* ---- infeasible: 「2027年1月1日 年末年始夜間: 3名全員が不在」 ---- */
	for (int i = 0; i < 3; i++)
		un[i] = (struct rota_unavail){.doctor = i, .day = cal_days(2027, 1, 1), .reason = "帰省"};
	in.nunavail = 3;
	CHECK(rota_solve(&in, &p, &res) == ZT_OK && res.status == ROTA_INFEASIBLE && res.nconflicts >= 1);
	CHECK(strstr(res.conflicts[0].message, "2027年1月1日") && strstr(res.conflicts[0].message, "3名全員が不在"));
	CHECK(res.conflicts[0].nslots == 1 && (res.conflicts[0].rules & (1u << ROTA_RULE_UNAVAILABLE)));
	in.nunavail = 0;
	/* caps: 3 doctors with 週上限2回 cannot cover the 7 duties of 12/31–1/3 (one week) */
	for (int i = 0; i < 3; i++)
		docs[i].cap_week = 2;
	CHECK(rota_solve(&in, &p, &res) == ZT_OK && res.status == ROTA_INFEASIBLE);
	CHECK(strstr(res.conflicts[0].message, "週上限2回") && strstr(res.conflicts[0].message, "田中医師"));
	CHECK(res.conflicts[0].rules & (1u << ROTA_RULE_CAP_WEEK));
	for (int i = 0; i < 3; i++)
		docs[i].cap_week = 0;
	/* the night rule: 2 doctors, one away 12/30–12/31, cannot cover two consecutive nights */
	in.ndoctors = 2;
	un[0] = (struct rota_unavail){.doctor = 1, .day = cal_days(2026, 12, 30), .reason = "学会"};
	un[1] = (struct rota_unavail){.doctor = 1, .day = cal_days(2026, 12, 31), .reason = "学会"};
	in.nunavail = 2;
	CHECK(rota_solve(&in, &p, &res) == ZT_OK && res.status == ROTA_INFEASIBLE);
	CHECK(strstr(res.conflicts[0].message, "夜間の連続禁止") && strstr(res.conflicts[0].message, "鈴木医師: 学会"));
	CHECK(res.conflicts[0].nslots == 2);
	in.ndoctors = 3, in.nunavail = 0;
	/* two pinned nights of one doctor in a row: 「確定済みの…が夜間の連続禁止に反します」 */
	pins[0] = (struct rota_pin){.doctor = 0, .slot = 2};
	pins[1] = (struct rota_pin){.doctor = 0, .slot = 4};
	in.npins = 2;
	CHECK(rota_solve(&in, &p, &res) == ZT_OK && res.status == ROTA_INFEASIBLE);
	CHECK(strstr(res.conflicts[0].message, "確定済み") && strstr(res.conflicts[0].message, "夜間の連続禁止"));
	CHECK(res.conflicts[0].nslots == 2 && (res.conflicts[0].rules & (1u << ROTA_RULE_PIN)));
	in.npins = 0;

	/* ---- property test: random small instances against exhaustive search ---- */
	property_test(400);
	UNIT_DONE();
}
