/* Referral matching (domain/match.c) and the min-cost-flow solver with its certificate (domain/mcf.c),
 * issue 16 §2–§3; seeds 002 ⑥⑦ and 004. Brute force on small random instances. Links libzaitaku-core.a. */
#include <stdlib.h>

#include "domain/geo.h"
#include "domain/match.h"
#include "domain/mcf.h"
#include "domain/patient.h"
#include "unit.h"

#define CAP(c) (1u << (c))

static struct match_provider prov(int64_t id, enum match_role role, double lat, double lon, uint32_t caps, int load,
				  int left)
{
	struct match_provider p = {.id = id, .role = role, .has_coord = true, .lat = lat, .lon = lon,
				   .capabilities = caps, .capabilities_known = ~0u, .load = load, .capacity_left = left};
	return p;
}

static struct match_referral ref(int64_t id, double lat, double lon, uint32_t needs)
{
	struct match_referral r = {.id = id, .has_coord = true, .lat = lat, .lon = lon};
	r.needs[MATCH_CLINIC] = needs;
	r.want[MATCH_CLINIC] = true;
	return r;
}

/* 0.01° of latitude ≈ 1.11 km. */
#define KM(k) ((k) / 111.19)

static void test_eligibility(void)
{
	struct match_reason why;
	/* seed 002 ⑥「医療的ケアが必要な重症心身障がい児者」: a ventilator patient (人工呼吸器) goes only to
	 * clinics that confirmed 人工呼吸器, within 16 km (DOMAIN.md: 往診・訪問診療は16km以内). */
	struct match_referral r = ref(1, 36.0, 140.0, CAP(CAP_VENTILATOR));
	struct match_provider ok = prov(10, MATCH_CLINIC, 36.0 + KM(5), 140.0, CAP(CAP_VENTILATOR), 3, 2);
	CHECK(match_eligible(&r, &ok, &why));
	CHECK(why.code == MATCH_OK && why.codes == 0);
	CHECK(why.distance_km > 4.9 && why.distance_km < 5.1);

	struct match_provider far = prov(11, MATCH_CLINIC, 36.0 + KM(16.5), 140.0, CAP(CAP_VENTILATOR), 0, 2);
	CHECK(!match_eligible(&r, &far, &why));
	CHECK(why.code == MATCH_TOO_FAR);
	CHECK(strstr(why.text, "16kmを超えています（16.5km）") != NULL);

	struct match_provider edge = prov(12, MATCH_CLINIC, 36.0 + KM(15.99), 140.0, CAP(CAP_VENTILATOR), 0, 2);
	CHECK(match_eligible(&r, &edge, NULL)); /* 16 km is inclusive */

	struct match_provider lacks = prov(13, MATCH_CLINIC, 36.0, 140.01, CAP(CAP_OXYGEN), 0, 2);
	CHECK(!match_eligible(&r, &lacks, &why));
	CHECK(why.code == MATCH_LACKS && why.lacking == CAP(CAP_VENTILATOR));
	CHECK(strstr(why.text, "人工呼吸器に対応なし") != NULL);

	/* 未確認 is not a yes (issue 12 §3): its own reason. */
	struct match_provider unk = lacks;
	unk.capabilities_known = ~CAP(CAP_VENTILATOR);
	CHECK(!match_eligible(&r, &unk, &why));
	CHECK(why.code == MATCH_UNCONFIRMED && why.unconfirmed == CAP(CAP_VENTILATOR) && why.lacking == 0);
	CHECK(strstr(why.text, "人工呼吸器への対応が未確認") != NULL);

	struct match_provider full = ok;
	full.capacity_left = 0;
	CHECK(!match_eligible(&r, &full, &why));
	CHECK(why.code == MATCH_FULL);
	CHECK(match_capable(&r, &full));

	/* Family preferences: a hard avoid excludes; a hard prefer excludes the others of that role. */
	struct match_referral ra = r;
	ra.n_prefs = 1;
	ra.prefs[0] = (struct match_pref){.provider_id = 10, .role = MATCH_CLINIC, .avoid = true, .hard = true};
	CHECK(!match_eligible(&ra, &ok, &why));
	CHECK(why.code == MATCH_AVOIDED);
	ra.prefs[0].hard = false; /* soft: eligible, but costs more */
	CHECK(match_eligible(&ra, &ok, NULL));
	struct match_weights w;
	match_weights_default(&w);
	CHECK(match_arc_cost(&w, &ra, &ok, 5.0) == 50 + w.soft_avoid);
	struct match_referral rp = r;
	rp.n_prefs = 1;
	rp.prefs[0] = (struct match_pref){.provider_id = 12, .role = MATCH_CLINIC, .hard = true};
	CHECK(!match_eligible(&rp, &ok, &why));
	CHECK(why.code == MATCH_NOT_PREFERRED);
	CHECK(match_eligible(&rp, &edge, NULL));
	struct match_provider nurse = prov(20, MATCH_NURSE, 36.0, 140.0, 0, 0, 3);
	rp.want[MATCH_NURSE] = true;
	CHECK(match_eligible(&rp, &nurse, NULL)); /* a clinic preference says nothing of nurses */

	/* A role the referral does not ask for; missing coordinates. */
	struct match_referral rn = r;
	rn.want[MATCH_NURSE] = false;
	CHECK(!match_eligible(&rn, &nurse, &why));
	CHECK(why.codes & CAP(MATCH_WRONG_ROLE));
	struct match_referral rc = r;
	rc.has_coord = false;
	CHECK(!match_eligible(&rc, &ok, &why));
	CHECK(why.code == MATCH_NO_COORD && why.distance_km < 0);

	/* Devices → capabilities. */
	CHECK(device_required_caps(1u << DEV_VENTILATOR | 1u << DEV_TPN | 1u << DEV_NARCOTICS) ==
	      (CAP(CAP_VENTILATOR) | CAP(CAP_TPN) | CAP(CAP_PAIN_NARCOTICS)));
	CHECK(match_role_of_kind(KIND_CLINIC) == MATCH_CLINIC && match_role_of_kind(KIND_NURSE_STATION) == MATCH_NURSE &&
	      match_role_of_kind(KIND_PHARMACY) == -1);
}

static void test_rank(void)
{
	struct match_weights w;
	match_weights_default(&w);
	struct match_referral r = ref(1, 36.0, 140.0, CAP(CAP_VENTILATOR));
	struct match_provider p[] = {
		prov(1, MATCH_CLINIC, 36.0 + KM(2), 140.0, CAP(CAP_VENTILATOR), 60, 5), /* near, loaded */
		prov(2, MATCH_CLINIC, 36.0 + KM(6), 140.0, CAP(CAP_VENTILATOR), 0, 5),  /* farther, empty */
		prov(3, MATCH_CLINIC, 36.0 + KM(20), 140.0, CAP(CAP_VENTILATOR), 0, 5), /* too far */
		prov(4, MATCH_CLINIC, 36.0 + KM(1), 140.0, CAP(CAP_OXYGEN), 0, 5),      /* lacks ventilator */
		prov(5, MATCH_CLINIC, 36.0 + KM(3), 140.0, CAP(CAP_VENTILATOR), 0, 0),  /* full */
		prov(6, MATCH_CLINIC, 36.0 + KM(4), 140.0, CAP(CAP_VENTILATOR), 0, 5),  /* avoided */
		prov(7, MATCH_CLINIC, 36.0 + KM(40), 140.0, CAP(CAP_VENTILATOR), 0, 5), /* not nearby */
		prov(8, MATCH_NURSE, 36.0, 140.0, 0, 0, 5),                             /* other role */
	};
	r.n_prefs = 1;
	r.prefs[0] = (struct match_pref){.provider_id = 6, .role = MATCH_CLINIC, .avoid = true, .hard = true};
	struct match_candidate c[8];
	int n = match_rank(&r, MATCH_CLINIC, p, 8, &w, c, 8);
	CHECK(n == 6);
	/* 「特定のかかりつけ医に集中しない方法」(seed 002 ⑥): the empty clinic 6 km away ranks above the
	 * one 2 km away that carries 60 patients (60 · 100 m > 4 km). */
	CHECK(c[0].eligible && c[0].rank == 1 && c[0].provider == 1);
	CHECK(c[1].eligible && c[1].rank == 2 && c[1].provider == 0);
	CHECK(strstr(c[1].why, "現在の患者 60人") != NULL);
	/* then the excluded nearby ones, by distance, with their reasons */
	CHECK(!c[2].eligible && c[2].provider == 3 && c[2].reason.code == MATCH_LACKS && c[2].rank == 0);
	CHECK(c[3].provider == 4 && c[3].reason.code == MATCH_FULL);
	CHECK(c[4].provider == 5 && c[4].reason.code == MATCH_AVOIDED);
	CHECK(c[5].provider == 2 && c[5].reason.code == MATCH_TOO_FAR);
	CHECK(match_rank(&r, MATCH_CLINIC, p, 8, &w, c, 2) == 2);
	CHECK(match_rank(&r, MATCH_CLINIC, p, 0, &w, c, 8) == 0);
}

/* ---- the batch against brute force ---- */

static uint32_t rnd_state = 12345;
static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) & 0xffffff;
}
static double rndf(void) { return rnd() / (double)0x1000000; }

struct brute {
	int best_assigned;
	int64_t best_cost;
};

static void brute_rec(const struct match_referral *r, int nr, const struct match_provider *p, int np,
		      const struct match_weights *w, int i, int *choice, struct brute *b)
{
	if (i == nr) {
		int used[16] = {0};
		int assigned = 0;
		int64_t cost = 0;
		for (int k = 0; k < nr; k++) {
			if (choice[k] < 0)
				continue;
			int j = choice[k];
			if (++used[j] > p[j].capacity_left)
				return;
			struct match_reason why;
			match_eligible(&r[k], &p[j], &why);
			cost += match_arc_cost(w, &r[k], &p[j], why.distance_km);
			assigned++;
		}
		for (int j = 0; j < np; j++)
			for (int k = 0; k < used[j]; k++)
				cost += match_load_cost(w, p[j].load + k);
		if (assigned > b->best_assigned || (assigned == b->best_assigned && cost < b->best_cost)) {
			b->best_assigned = assigned;
			b->best_cost = cost;
		}
		return;
	}
	choice[i] = -1;
	brute_rec(r, nr, p, np, w, i + 1, choice, b);
	for (int j = 0; j < np; j++)
		if (match_eligible(&r[i], &p[j], NULL)) {
			choice[i] = j;
			brute_rec(r, nr, p, np, w, i + 1, choice, b);
		}
}

static void test_batch_brute(void)
{
	int agree = 0;
	for (int inst = 0; inst < 300; inst++) {
		struct match_weights w;
		match_weights_default(&w);
		w.load_step = (int64_t)(rnd() % 4) * 10;
		w.load_band = 1 + rnd() % 3;
		int nr = 1 + (int)(rnd() % 7), np = (int)(rnd() % 5);
		struct match_referral r[8];
		struct match_provider p[8];
		for (int j = 0; j < np; j++) {
			p[j] = prov(100 + j, MATCH_CLINIC, 36.0 + KM(rndf() * 30), 140.0 + KM(rndf() * 30) * 1.24,
				    rnd() % 4, (int)(rnd() % 6), (int)(rnd() % 4) - (rnd() % 5 == 0));
			p[j].capabilities_known = (rnd() % 6 == 0) ? 1u : ~0u;
		}
		for (int i = 0; i < nr; i++) {
			if (i > 0 && rnd() % 3 == 0) { /* an identical referral: aggregated */
				r[i] = r[i - 1];
				r[i].id = i + 1;
				r[i].n_prefs = 0;
				continue;
			}
			r[i] = ref(i + 1, 36.0 + KM(rndf() * 30), 140.0 + KM(rndf() * 30) * 1.24, rnd() % 3);
			if (np > 0 && rnd() % 4 == 0) {
				r[i].n_prefs = 1;
				r[i].prefs[0] = (struct match_pref){.provider_id = 100 + (int)(rnd() % (unsigned)np),
								    .role = MATCH_CLINIC, .avoid = rnd() % 2,
								    .hard = rnd() % 2};
			}
		}
		struct brute b = {.best_assigned = -1, .best_cost = 0};
		int choice[8];
		brute_rec(r, nr, p, np, &w, 0, choice, &b);
		struct match_assignment out[8];
		struct match_batch_stats st;
		CHECK(match_batch(r, nr, p, np, &w, out, &st) == 0);
		CHECK(st.certified[MATCH_CLINIC]);
		CHECK(st.assigned[MATCH_CLINIC] == b.best_assigned);
		CHECK(st.objective[MATCH_CLINIC] == b.best_cost);
		if (st.assigned[MATCH_CLINIC] == b.best_assigned && st.objective[MATCH_CLINIC] == b.best_cost)
			agree++;
		/* the assignment itself: eligible, capacity never exceeded, costs add up */
		int used[8] = {0};
		int64_t sum = 0;
		for (int i = 0; i < nr; i++) {
			int j = out[i].provider[MATCH_CLINIC];
			CHECK(out[i].status[MATCH_NURSE] == MATCH_NOT_WANTED && out[i].provider[MATCH_NURSE] == -1);
			if (j < 0) {
				CHECK(out[i].status[MATCH_CLINIC] != MATCH_ASSIGNED);
				/* the reason is right: NONE_CAPABLE iff no provider qualifies but for room */
				bool capable = false, room = false;
				for (int k = 0; k < np; k++)
					if (match_capable(&r[i], &p[k])) {
						capable = true;
						room |= p[k].capacity_left > 0;
					}
				CHECK(out[i].status[MATCH_CLINIC] ==
				      (!capable ? MATCH_NONE_CAPABLE : room ? MATCH_TAKEN : MATCH_ALL_FULL));
				continue;
			}
			CHECK(match_eligible(&r[i], &p[j], NULL));
			used[j]++;
			sum += out[i].cost[MATCH_CLINIC];
		}
		for (int j = 0; j < np; j++)
			CHECK(used[j] <= (p[j].capacity_left > 0 ? p[j].capacity_left : 0));
		CHECK(sum == st.objective[MATCH_CLINIC]);
	}
	CHECK(agree == 300);
}

static void test_batch_rules(void)
{
	struct match_weights w;
	match_weights_default(&w);
	/* 「特定のかかりつけ医に集中しない方法」(seed 002 ⑥): four identical patients, two clinics at the
	 * same distance, one already carrying 10: the batch relieves the loaded one first. */
	struct match_provider p[] = {
		prov(1, MATCH_CLINIC, 36.0 + KM(3), 140.0, 0, 10, 10),
		prov(2, MATCH_CLINIC, 36.0 - KM(3), 140.0, 0, 0, 10),
	};
	struct match_referral r[4];
	for (int i = 0; i < 4; i++)
		r[i] = ref(i + 1, 36.0, 140.0, 0);
	struct match_assignment out[4];
	struct match_batch_stats st;
	CHECK(match_batch(r, 4, p, 2, &w, out, &st) == 0);
	for (int i = 0; i < 4; i++)
		CHECK(out[i].provider[MATCH_CLINIC] == 1);
	CHECK(st.supply_nodes[MATCH_CLINIC] == 1); /* aggregated */
	/* fourteen: the load levels off (the empty clinic reaches 10 before the other takes one more). */
	struct match_referral r2[14];
	for (int i = 0; i < 14; i++)
		r2[i] = ref(i + 1, 36.0, 140.0, 0);
	struct match_assignment out2[14];
	p[1].capacity_left = 20;
	CHECK(match_batch(r2, 14, p, 2, &w, out2, &st) == 0);
	int n1 = 0;
	for (int i = 0; i < 14; i++)
		n1 += out2[i].provider[MATCH_CLINIC] == 1;
	CHECK(n1 == 12 && st.assigned[MATCH_CLINIC] == 14); /* 10 + 2 on clinic 1: both end at 12 */
	p[1].capacity_left = 10;

	/* 「当該地区内に当該医療機関がない場合に、他（近隣）の地区医師会等との連携」(seed 002 ⑦): a patient
	 * no capable clinic within 16 km can take is listed with that reason, ready to be offered across. */
	struct match_referral v = ref(9, 36.0, 140.0, CAP(CAP_VENTILATOR));
	v.want[MATCH_NURSE] = true;
	struct match_provider q[] = {
		prov(1, MATCH_CLINIC, 36.0 + KM(3), 140.0, 0, 0, 5),
		prov(2, MATCH_CLINIC, 36.0 + KM(30), 140.0, CAP(CAP_VENTILATOR), 0, 5),
		prov(3, MATCH_NURSE, 36.0 + KM(1), 140.0, 0, 0, 0),
	};
	struct match_assignment o;
	CHECK(match_batch(&v, 1, q, 3, &w, &o, &st) == 0);
	CHECK(o.provider[MATCH_CLINIC] == -1 && o.status[MATCH_CLINIC] == MATCH_NONE_CAPABLE);
	CHECK(o.provider[MATCH_NURSE] == -1 && o.status[MATCH_NURSE] == MATCH_ALL_FULL);
	CHECK(st.unassigned[MATCH_CLINIC] == 1 && st.unassigned[MATCH_NURSE] == 1);

	/* Cardinality first: x can only go to A; y prefers A (0 km) but can go to B (16 km). */
	struct match_provider ab[] = {
		prov(1, MATCH_CLINIC, 36.0, 140.0, 0, 0, 1),
		prov(2, MATCH_CLINIC, 36.0 + KM(31), 140.0, 0, 0, 1),
	};
	struct match_referral xy[] = {ref(1, 36.0 - KM(15.5), 140.0, 0), ref(2, 36.0 + KM(15.5), 140.0, 0)};
	struct match_assignment o2[2];
	CHECK(match_batch(xy, 2, ab, 2, &w, o2, &st) == 0);
	CHECK(o2[0].provider[MATCH_CLINIC] == 0 && o2[1].provider[MATCH_CLINIC] == 1);
	CHECK(st.assigned[MATCH_CLINIC] == 2 && st.certified[MATCH_CLINIC]);

	/* Degenerate: no providers, no referrals, zero capacity; ties deterministic. */
	CHECK(match_batch(r, 4, NULL, 0, &w, out, &st) == 0);
	CHECK(st.assigned[MATCH_CLINIC] == 0 && out[0].status[MATCH_CLINIC] == MATCH_NONE_CAPABLE);
	CHECK(match_batch(NULL, 0, p, 2, &w, NULL, &st) == 0);
	struct match_provider z = prov(1, MATCH_CLINIC, 36.0, 140.0, 0, 0, 0);
	CHECK(match_batch(r, 1, &z, 1, &w, out, &st) == 0);
	CHECK(out[0].status[MATCH_CLINIC] == MATCH_ALL_FULL);
	struct match_provider tie[] = {
		prov(1, MATCH_CLINIC, 36.0 + KM(3), 140.0, 0, 0, 1),
		prov(2, MATCH_CLINIC, 36.0 - KM(3), 140.0, 0, 0, 1),
	};
	struct match_assignment t1[1], t2[1];
	CHECK(match_batch(r, 1, tie, 2, &w, t1, &st) == 0);
	CHECK(match_batch(r, 1, tie, 2, &w, t2, &st) == 0);
	CHECK(t1[0].provider[MATCH_CLINIC] == t2[0].provider[MATCH_CLINIC] && t1[0].provider[MATCH_CLINIC] >= 0);
}

/* ---- the general solver and its certificate ---- */

static void test_mcf(void)
{
	/* s(0) → 1 → t(3), s → 2 → t: 4 units, capacities force the dearer path for one. */
	struct mcf *m = mcf_new(4, 0);
	mcf_add_arc(m, 0, 1, 3, 1);
	mcf_add_arc(m, 0, 2, 3, 2);
	mcf_add_arc(m, 1, 3, 3, 1);
	mcf_add_arc(m, 2, 3, 3, 1);
	mcf_set_supply(m, 0, 4);
	mcf_set_supply(m, 3, -4);
	CHECK(mcf_solve(m) == MCF_OPTIMAL);
	CHECK(mcf_total_cost(m) == 3 * 2 + 1 * 3);
	char why[256];
	CHECK(mcf_certify(m, why, sizeof why));
	/* a feasible but worse flow is refused by the certificate */
	int64_t worse[4] = {1, 3, 1, 3};
	mcf_set_solution(m, worse, NULL);
	CHECK(!mcf_certify(m, why, sizeof why));
	CHECK(strstr(why, "reduced cost") != NULL);
	int64_t bad[4] = {4, 0, 3, 0};
	mcf_set_solution(m, bad, NULL);
	CHECK(!mcf_certify(m, why, sizeof why));
	mcf_free(m);

	/* infeasible, unbalanced, bad arcs, negative costs */
	m = mcf_new(2, 0);
	mcf_add_arc(m, 0, 1, 1, 1);
	mcf_set_supply(m, 0, 2);
	mcf_set_supply(m, 1, -2);
	CHECK(mcf_solve(m) == MCF_INFEASIBLE);
	mcf_free(m);

	/* a feasible matching network whose refine crossed the price bound (mcf.c refine_unbounded):
	 * reported infeasible before, so match_batch failed; now the optimum, as the reference finds */
	{
		static const int arcs[][4] = {
			{1, 6, 1, 29}, {1, 7, 1, 81}, {2, 4, 4, 130}, {2, 5, 4, 99}, {2, 6, 4, 108}, {2, 7, 4, 153},
			{3, 5, 1, 128}, {1, 0, 1, 1013}, {2, 0, 4, 1013}, {3, 0, 1, 1013}, {4, 0, 1, 40}, {4, 0, 1, 60},
			{5, 0, 1, 20}, {5, 0, 1, 40}, {6, 0, 1, 0}, {6, 0, 1, 20}, {6, 0, 1, 40}, {7, 0, 1, 100}};
		struct mcf *a = mcf_new(8, 0), *b = mcf_new(8, 0);
		for (size_t i = 0; i < sizeof arcs / sizeof arcs[0]; i++) {
			mcf_add_arc(a, arcs[i][0], arcs[i][1], arcs[i][2], arcs[i][3]);
			mcf_add_arc(b, arcs[i][0], arcs[i][1], arcs[i][2], arcs[i][3]);
		}
		const int64_t supply[8] = {-6, 1, 4, 1, 0, 0, 0, 0};
		for (int v = 0; v < 8; v++) {
			mcf_set_supply(a, v, supply[v]);
			mcf_set_supply(b, v, supply[v]);
		}
		CHECK(mcf_solve(a) == MCF_OPTIMAL);
		CHECK(mcf_solve_ssp(b) == MCF_OPTIMAL);
		CHECK(mcf_certify(a, NULL, 0));
		CHECK(mcf_total_cost(a) == 762 && mcf_total_cost(b) == 762);
		mcf_free(a);
		mcf_free(b);
	}
	m = mcf_new(2, 0);
	mcf_set_supply(m, 0, 1);
	CHECK(mcf_solve(m) == MCF_UNBALANCED);
	CHECK(mcf_add_arc(m, 0, 2, 1, 1) == -1 && mcf_add_arc(m, 0, 1, -1, 1) == -1);
	mcf_free(m);
	m = mcf_new(3, 0);
	mcf_add_arc(m, 0, 1, 2, -5);
	mcf_add_arc(m, 1, 2, 2, 1);
	mcf_add_arc(m, 1, 0, 1, 1); /* a negative cycle 0→1→0 of cost −4 */
	mcf_set_supply(m, 0, 1);
	mcf_set_supply(m, 2, -1);
	CHECK(mcf_solve(m) == MCF_OPTIMAL);
	CHECK(mcf_certify(m, NULL, 0));
	CHECK(mcf_total_cost(m) == -5 * 2 + 1 + 1);
	mcf_free(m);

	/* random networks: certified, and the cost equals an exhaustive search over small flows */
	for (int inst = 0; inst < 200; inst++) {
		int n = 2 + (int)(rnd() % 5);
		m = mcf_new(n, 0);
		int na = (int)(rnd() % 10);
		for (int a = 0; a < na; a++)
			mcf_add_arc(m, (int)(rnd() % (unsigned)n), (int)(rnd() % (unsigned)n), rnd() % 3, (int64_t)(rnd() % 21) - 5);
		int s = (int)(rnd() % (unsigned)n), t = (int)(rnd() % (unsigned)n);
		if (s != t) {
			mcf_set_supply(m, s, 1 + rnd() % 2);
			mcf_set_supply(m, t, -mcf_supply(m, s));
		}
		enum mcf_status stt = mcf_solve(m);
		struct mcf *m2 = mcf_new(n, 0);
		for (int64_t a = 0; a < mcf_arcs(m); a++) {
			int f, tt;
			int64_t cap, cost;
			mcf_arc(m, a, &f, &tt, &cap, &cost);
			mcf_add_arc(m2, f, tt, cap, cost);
		}
		for (int v = 0; v < n; v++)
			mcf_set_supply(m2, v, mcf_supply(m, v));
		CHECK(mcf_solve_ssp(m2) == stt); /* the reference solver agrees */
		if (stt == MCF_OPTIMAL) {
			CHECK(mcf_total_cost(m2) == mcf_total_cost(m));
			CHECK(mcf_certify(m2, NULL, 0));
		}
		mcf_free(m2);
		if (stt == MCF_OPTIMAL) {
			CHECK(mcf_certify(m, why, sizeof why));
			/* exhaustive: every flow vector with x ≤ cap (caps ≤ 2, ≤ 9 arcs) */
			int64_t best = INT64_MAX, x[10] = {0};
			int64_t na64 = mcf_arcs(m);
			for (;;) {
				int64_t bal[8] = {0}, c = 0;
				for (int64_t a = 0; a < na64; a++) {
					int f, tt;
					int64_t cap, cost;
					mcf_arc(m, a, &f, &tt, &cap, &cost);
					bal[f] += x[a];
					bal[tt] -= x[a];
					c += cost * x[a];
				}
				bool ok = true;
				for (int v = 0; v < n; v++)
					ok &= bal[v] == mcf_supply(m, v);
				if (ok && c < best)
					best = c;
				int64_t a = 0;
				for (; a < na64; a++) {
					int f, tt;
					int64_t cap, cost;
					mcf_arc(m, a, &f, &tt, &cap, &cost);
					if (x[a] < cap) {
						x[a]++;
						break;
					}
					x[a] = 0;
				}
				if (a == na64)
					break;
			}
			CHECK(best == mcf_total_cost(m));
		}
		mcf_free(m);
	}
}

/* Parallel arcs (mcf.c ladders: a clinic's load bands are one convex arc inside the solver):
 * many arcs between few pairs, in both directions, with costs in any order, zero and negative,
 * capacities 0–4, several sources and sinks; solved twice (the second solve starts from zero flow
 * again). Same status and optimum as the reference solver, certified. */
static void test_ladders(void)
{
	for (int inst = 0; inst < 300; inst++) {
		int n = 3 + (int)(rnd() % 5), na = 8 + (int)(rnd() % 40);
		struct mcf *a = mcf_new(n, 0), *b = mcf_new(n, 0);
		int pu[4], pv[4];
		for (int k = 0; k < 4; k++) {
			pu[k] = (int)(rnd() % (unsigned)n);
			pv[k] = (int)(rnd() % (unsigned)n);
		}
		for (int k = 0; k < na; k++) {
			int q = (int)(rnd() % 5), u, v; /* mostly the four pairs, sometimes anywhere */
			if (q < 4) {
				u = pu[q];
				v = pv[q];
			} else {
				u = (int)(rnd() % (unsigned)n);
				v = (int)(rnd() % (unsigned)n);
			}
			int64_t cap = rnd() % 5, cost = (int64_t)(rnd() % 21) - 5;
			mcf_add_arc(a, u, v, cap, cost);
			mcf_add_arc(b, u, v, cap, cost);
		}
		int64_t total = 0;
		for (int v = 0; v + 1 < n; v++) {
			int64_t s = (int64_t)(rnd() % 7) - 3;
			mcf_set_supply(a, v, s);
			mcf_set_supply(b, v, s);
			total += s;
		}
		mcf_set_supply(a, n - 1, -total);
		mcf_set_supply(b, n - 1, -total);
		for (int pass = 0; pass < 2; pass++) {
			enum mcf_status sa = mcf_solve(a), sb = mcf_solve_ssp(b);
			CHECK(sa == sb);
			if (sa == MCF_OPTIMAL && sb == MCF_OPTIMAL) {
				char why[256] = "";
				CHECK(mcf_certify(a, why, sizeof why));
				if (why[0])
					fprintf(stderr, "ladders %d: %s\n", inst, why);
				CHECK(mcf_total_cost(a) == mcf_total_cost(b));
			}
		}
		mcf_free(a);
		mcf_free(b);
	}
}

/* Counts the refines after which the exact potentials were found (mcf.c EXACT_TRY: the round ended
 * early) and those that ran at ε = 1 (the round ended the long way). */
struct ends {
	int early, full;
};

static void count_ends(void *ctx, const struct mcf_trace *t)
{
	struct ends *e = ctx;
	if (t->round > 0) {
		e->early += t->exact;
		e->full += t->eps == 1;
	}
}

/* Larger instances, where the candidate subset, the pricing rounds and the early end of a round
 * matter: cost scaling and the reference solver find the same optimum, both certified. */
static void test_pricing(void)
{
	int priced = 0;
	struct ends ends = {0};
	for (int inst = 0; inst < 6; inst++) {
		int nr = 400, np = 80;
		struct match_referral *r = calloc(nr, sizeof *r);
		struct match_provider *p = calloc(np, sizeof *p);
		for (int j = 0; j < np; j++) {
			p[j] = prov(1 + j, MATCH_CLINIC, 36.0 + KM(rndf() * 25), 140.0 + KM(rndf() * 25) * 1.24, rnd() % 4,
				    (int)(rnd() % 30), (int)(rnd() % (inst < 3 ? 4 : 12)));
		}
		for (int i = 0; i < nr; i++)
			r[i] = ref(1 + i, 36.0 + KM(rndf() * 25), 140.0 + KM(rndf() * 25) * 1.24, rnd() % 3);
		struct match_weights w;
		match_weights_default(&w);
		w.load_band = 1 + inst % 2;
		struct mcf *a = match_network(r, nr, p, np, MATCH_CLINIC, &w, NULL, NULL);
		struct mcf *b = match_network(r, nr, p, np, MATCH_CLINIC, &w, NULL, NULL);
		CHECK(a && b);
		mcf_set_trace(a, count_ends, &ends);
		CHECK(mcf_solve(a) == MCF_OPTIMAL);
		CHECK(mcf_solve_ssp(b) == MCF_OPTIMAL);
		char why[256] = "";
		CHECK(mcf_certify(a, why, sizeof why));
		if (why[0])
			fprintf(stderr, "certificate: %s\n", why);
		CHECK(mcf_certify(b, NULL, 0));
		CHECK(mcf_total_cost(a) == mcf_total_cost(b));
		int rounds;
		int64_t sub;
		mcf_solve_stats(a, &rounds, &sub);
		CHECK(sub <= mcf_arcs(a));
		priced += rounds > 1 && sub < mcf_arcs(a);
		mcf_free(a);
		mcf_free(b);
		free(r);
		free(p);
	}
	CHECK(priced > 0); /* the pricing rounds were exercised */
	CHECK(ends.early > 0); /* rounds ended early, with exact potentials, and yet the optimum held */
}

/* What the trace saw: whether the warm start ran (round 0) and the ε of the first refine. */
struct seen {
	bool warm;
	int64_t first_eps;
};

static void seen_trace(void *ctx, const struct mcf_trace *t)
{
	struct seen *s = ctx;
	if (t->round == 0)
		s->warm = true;
	else if (s->first_eps == 0)
		s->first_eps = t->eps;
}

/* Crowded cities: many homes, few places, so some patients stay unassigned and the cardinality
 * matters. The warm start (mcf.c warm_start: a max-flow first, prices lower by M where no place is
 * left) must run, and the scaling must then start far below M·N — from at most the largest
 * distance or load cost times N. Same optimum as the reference solver, certified, whatever the warm
 * start and the pricing did. */
static void test_crowded(void)
{
	for (int inst = 0; inst < 6; inst++) {
		int nr = 600, np = 90;
		struct match_referral *r = calloc(nr, sizeof *r);
		struct match_provider *p = calloc(np, sizeof *p);
		for (int j = 0; j < np; j++)
			p[j] = prov(1 + j, MATCH_CLINIC, 36.0 + KM(rndf() * 30), 140.0 + KM(rndf() * 30) * 1.24, rnd() % 4,
				    (int)(rnd() % 30), (int)(rnd() % 8));
		for (int i = 0; i < nr; i++) {
			double d = i % 3 ? 4 : 30; /* two thirds packed in one corner */
			r[i] = ref(1 + i, 36.0 + KM(rndf() * d), 140.0 + KM(rndf() * d) * 1.24, rnd() % 3);
		}
		struct match_weights w;
		match_weights_default(&w);
		struct mcf *a = match_network(r, nr, p, np, MATCH_CLINIC, &w, NULL, NULL);
		struct mcf *b = match_network(r, nr, p, np, MATCH_CLINIC, &w, NULL, NULL);
		CHECK(a && b);
		struct seen seen = {0};
		mcf_set_trace(a, seen_trace, &seen);
		CHECK(mcf_solve(a) == MCF_OPTIMAL);
		CHECK(mcf_solve_ssp(b) == MCF_OPTIMAL);
		CHECK(mcf_certify(a, NULL, 0));
		CHECK(mcf_certify(b, NULL, 0));
		CHECK(mcf_total_cost(a) == mcf_total_cost(b));
		int64_t big = 0, other = 0; /* M, and the largest other cost */
		for (int64_t k = 0; k < mcf_arcs(a); k++) {
			int f, t;
			int64_t cap, cost;
			mcf_arc(a, k, &f, &t, &cap, &cost);
			if (cost > big) {
				other = big > other ? big : other;
				big = cost;
			} else if (cost < big && cost > other) {
				other = cost;
			}
		}
		int64_t N = mcf_nodes(a) + 1;
		CHECK(seen.warm);
		CHECK(seen.first_eps > 0 && seen.first_eps <= other * N && 16 * other <= big);
		mcf_free(a);
		mcf_free(b);
		free(r);
		free(p);
	}
}

int main(void)
{
	test_pricing();
	test_crowded();
	test_ladders();
	test_eligibility();
	test_rank();
	test_batch_rules();
	test_batch_brute();
	test_mcf();
	UNIT_DONE();
}
