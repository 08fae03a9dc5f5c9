/* Synthetic referral-matching instances around real municipal offices, written as DIMACS min-cost flow
 * (the network domain/match.c solves for the clinic role), plus our end-to-end match_batch timing.
 * Usage: gen SIZE OFFICES_CSV OUT.min [SEED]   SIZE = district | prefecture | nation | P:C (custom) */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/codes.h"
#include "domain/geo.h"
#include "domain/match.h"
#include "domain/mcf.h"

struct office {
	char code[8], pref[64], name[128];
	double lat, lon, w;
};

static uint64_t rs = 88172645463325252ull;
static uint64_t xr(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}
static double uni(void) { return (double)(xr() >> 11) / 9007199254740992.0; }
static double gauss(void)
{
	double u = uni(), v = uni();
	if (u < 1e-300)
		u = 1e-300;
	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int load_offices(const char *path, struct office **out)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[1024];
	int n = 0, cap = 2048;
	struct office *o = malloc(cap * sizeof *o);
	if (!fgets(line, sizeof line, f)) { /* header */
		fclose(f);
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		char *fld[6];
		int k = 0;
		char *p = line;
		fld[k++] = p;
		for (; *p && k < 6; p++)
			if (*p == ',') {
				*p = '\0';
				fld[k++] = p + 1;
			}
		if (k < 6 || !fld[4][0] || fld[4][0] == '\n')
			continue;
		struct office *x = &o[n];
		snprintf(x->code, sizeof x->code, "%s", fld[0]);
		snprintf(x->pref, sizeof x->pref, "%s", fld[1]);
		snprintf(x->name, sizeof x->name, "%s", fld[2]);
		x->lat = strtod(fld[4], NULL);
		x->lon = strtod(fld[5], NULL);
		if (++n == cap)
			o = realloc(o, (cap *= 2) * sizeof *o);
	}
	fclose(f);
	*out = o;
	return n;
}

/* A population proxy (no population table is shipped): wards and cities weigh more than towns and
 * villages, and an office weighs more the more offices lie within 15 km (metropolitan areas). */
static void weigh(struct office *o, int n)
{
	for (int i = 0; i < n; i++) {
		const char *nm = o[i].name;
		size_t l = strlen(nm);
		double base = 1.0;
		if (l >= 3 && strcmp(nm + l - 3, "区") == 0)
			base = 8;
		else if (l >= 3 && strcmp(nm + l - 3, "市") == 0)
			base = 4;
		else if (l >= 3 && strcmp(nm + l - 3, "村") == 0)
			base = 0.3;
		int near = 0;
		for (int j = 0; j < n; j++)
			if (j != i && fabs(o[j].lat - o[i].lat) < 0.15 &&
			    geo_distance_km(o[i].lat, o[i].lon, o[j].lat, o[j].lon) < 15)
				near++;
		o[i].w = base * (1 + near);
	}
}

static int pick(const double *cum, int n)
{
	double x = uni() * cum[n - 1];
	int lo = 0, hi = n - 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (cum[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void place(const struct office *o, double sigma_km, double *lat, double *lon)
{
	double dy = gauss() * sigma_km, dx = gauss() * sigma_km;
	*lat = o->lat + dy / 111.19;
	*lon = o->lon + dx / (111.32 * cos(o->lat * M_PI / 180));
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: gen district|prefecture|nation|P:C offices.csv out.min [seed]\n");
		return 2;
	}
	const char *size = argv[1];
	if (argc > 4)
		rs ^= strtoull(argv[4], NULL, 10) * 0x9E3779B97F4A7C15ull;
	struct office *all;
	int na = load_offices(argv[2], &all);
	if (na <= 0) {
		fprintf(stderr, "gen: cannot read %s\n", argv[2]);
		return 1;
	}
	/* The region: district = within 20 km of 水戸市役所; prefecture = 茨城県; nation = all. */
	int np_pat, np_cli;
	struct office *reg = malloc(na * sizeof *reg);
	int nreg = 0;
	const struct office *mito = NULL;
	for (int i = 0; i < na; i++)
		if (strcmp(all[i].code, "082015") == 0)
			mito = &all[i];
	for (int i = 0; i < na; i++) {
		bool in = true;
		if (strcmp(size, "district") == 0)
			in = geo_distance_km(mito->lat, mito->lon, all[i].lat, all[i].lon) <= 20;
		else if (strcmp(size, "prefecture") == 0)
			in = strcmp(all[i].pref, "茨城県") == 0;
		if (in)
			reg[nreg++] = all[i];
	}
	if (strcmp(size, "district") == 0)
		np_pat = 5000, np_cli = 300;
	else if (strcmp(size, "prefecture") == 0)
		np_pat = 100000, np_cli = 5000;
	else if (strcmp(size, "nation") == 0)
		np_pat = 1000000, np_cli = 20000;
	else if (sscanf(size, "%d:%d", &np_pat, &np_cli) != 2) {
		fprintf(stderr, "gen: bad size %s\n", size);
		return 2;
	}
	weigh(reg, nreg);
	double *cum = malloc(nreg * sizeof *cum);
	for (int i = 0; i < nreg; i++)
		cum[i] = reg[i].w + (i ? cum[i - 1] : 0);

	/* Clinics: confirmed capabilities in survey-like shares, 10 % of each fact 未確認, current load
	 * 0–40, room left averaging 1.1 × patients / clinics with 10 % full. */
	static const struct {
		int cap;
		double clinic, patient;
	} shares[] = {
		{CAP_VENTILATOR, 0.25, 0.015}, {CAP_TPN, 0.45, 0.04}, {CAP_PAIN_NARCOTICS, 0.60, 0.10},
		{CAP_OXYGEN, 0.70, 0.08},      {CAP_END_OF_LIFE, 0.55, 0.15},
	};
	int ns = sizeof shares / sizeof shares[0];
	struct match_provider *p = calloc(np_cli, sizeof *p);
	int mean_room = (int)ceil(1.1 * np_pat / np_cli);
	for (int j = 0; j < np_cli; j++) {
		p[j].id = j + 1;
		p[j].role = MATCH_CLINIC;
		p[j].has_coord = true;
		place(&reg[pick(cum, nreg)], 2.5, &p[j].lat, &p[j].lon);
		for (int s = 0; s < ns; s++) {
			if (uni() < 0.10)
				continue; /* 未確認 */
			p[j].capabilities_known |= 1u << shares[s].cap;
			if (uni() < shares[s].clinic)
				p[j].capabilities |= 1u << shares[s].cap;
		}
		p[j].load = (int)(xr() % 41);
		p[j].capacity_left = uni() < 0.10 ? 0 : 1 + (int)(xr() % (unsigned)(2 * mean_room - 1));
	}
	/* Patients: homes represented by the centre of their 3rd-level mesh (about 1 km), needs in
	 * independent shares. */
	struct match_referral *r = calloc(np_pat, sizeof *r);
	for (int i = 0; i < np_pat; i++) {
		double lat, lon;
		place(&reg[pick(cum, nreg)], 3.0, &lat, &lon);
		r[i].id = i + 1;
		r[i].has_coord = true;
		r[i].lat = (floor(lat * 120) + 0.5) / 120;
		r[i].lon = (floor(lon * 80) + 0.5) / 80;
		r[i].want[MATCH_CLINIC] = true;
		for (int s = 0; s < ns; s++)
			if (uni() < shares[s].patient)
				r[i].needs[MATCH_CLINIC] |= 1u << shares[s].cap;
	}
	struct match_weights w;
	match_weights_default(&w);
	double t0 = now_s();
	int64_t big_m;
	struct mcf *m = match_network(r, np_pat, p, np_cli, MATCH_CLINIC, &w, NULL, &big_m);
	double t1 = now_s();
	if (!m) {
		fprintf(stderr, "gen: out of memory\n");
		return 1;
	}
	FILE *f = fopen(argv[3], "w");
	if (!f) {
		fprintf(stderr, "gen: cannot write %s\n", argv[3]);
		return 1;
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	int n = mcf_nodes(m);
	int64_t arcs = mcf_arcs(m);
	int n_groups = 0;
	for (int v = 1; v < n; v++)
		n_groups += mcf_supply(m, v) > 0;
	fprintf(f, "c zaitaku referral matching (issue 16), size %s: %d patients, %d clinics, offices %d\n", size, np_pat,
		np_cli, nreg);
	fprintf(f, "c node 1 = sink; then supply nodes (identical referrals aggregated); then clinics. big M %lld\n",
		(long long)big_m);
	fprintf(f, "p min %d %lld\n", n, (long long)arcs);
	for (int v = 0; v < n; v++)
		if (mcf_supply(m, v) != 0)
			fprintf(f, "n %d %lld\n", v + 1, (long long)mcf_supply(m, v));
	for (int64_t a = 0; a < arcs; a++) {
		int u, v;
		int64_t cap, cost;
		mcf_arc(m, a, &u, &v, &cap, &cost);
		fprintf(f, "a %d %d 0 %lld %lld\n", u + 1, v + 1, (long long)cap, (long long)cost);
	}
	fclose(f);
	mcf_free(m);
	printf("GEN size=%s patients=%d clinics=%d offices=%d nodes=%d arcs=%lld supply_nodes=%d big_m=%lld build_s=%.3f\n",
	       size, np_pat, np_cli, nreg, n, (long long)arcs, n_groups, (long long)big_m, t1 - t0);
	fflush(stdout);
	if (getenv("MATCH_GEN_ONLY"))
		return 0;
	/* Our end-to-end batch (network, solve, certificate, reasons) on the same instance. */
	struct match_assignment *out = malloc(np_pat * sizeof *out);
	struct match_batch_stats st;
	double t2 = now_s();
	int rc = match_batch(r, np_pat, p, np_cli, &w, out, &st);
	double t3 = now_s();
	int64_t total = st.objective[MATCH_CLINIC] + st.big_m[MATCH_CLINIC] * st.unassigned[MATCH_CLINIC];
	printf("BATCH rc=%d assigned=%d unassigned=%d objective=%lld total=%lld certified=%d end_to_end_s=%.3f\n", rc,
	       st.assigned[MATCH_CLINIC], st.unassigned[MATCH_CLINIC], (long long)st.objective[MATCH_CLINIC],
	       (long long)total, st.certified[MATCH_CLINIC], t3 - t2);
	free(out);
	free(r);
	free(p);
	free(cum);
	free(reg);
	free(all);
	return rc;
}
