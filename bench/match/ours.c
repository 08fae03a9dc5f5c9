/* Our solver (domain/mcf.c) on a DIMACS min-cost-flow file: prints the optimum, the solve time and
 * whether the certificate holds. Usage: ours FILE.min */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/mcf.h"

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	FILE *f = argc > 1 ? fopen(argv[1], "r") : NULL;
	if (!f) {
		fprintf(stderr, "usage: ours FILE.min\n");
		return 2;
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	char line[256];
	struct mcf *m = NULL;
	while (fgets(line, sizeof line, f)) {
		char *p = line + 1, *e;
		if (line[0] == 'a' && m) {
			long u = strtol(p, &e, 10), v = strtol(e, &e, 10);
			long long lo = strtoll(e, &e, 10), cap = strtoll(e, &e, 10), cost = strtoll(e, &e, 10);
			if (lo != 0 || mcf_add_arc(m, (int)u - 1, (int)v - 1, cap, cost) < 0) {
				fprintf(stderr, "ours: bad arc: %s", line);
				return 1;
			}
		} else if (line[0] == 'n' && m) {
			long v = strtol(p, &e, 10);
			mcf_set_supply(m, (int)v - 1, strtoll(e, &e, 10));
		} else if (line[0] == 'p') {
			char kind[8];
			long n;
			long long na;
			if (sscanf(line, "p %7s %ld %lld", kind, &n, &na) != 3 || strcmp(kind, "min") != 0) {
				fprintf(stderr, "ours: bad problem line\n");
				return 1;
			}
			m = mcf_new((int)n, (size_t)na);
		}
	}
	fclose(f);
	if (!m)
		return 1;
	double t0 = now_s();
	enum mcf_status st = mcf_solve(m);
	double t1 = now_s();
	bool cert = st == MCF_OPTIMAL && mcf_certify(m, NULL, 0);
	double t2 = now_s();
	if (st != MCF_OPTIMAL) {
		printf("RESULT solver=ours status=%d\n", (int)st);
		return 1;
	}
	int rounds;
	int64_t sub;
	mcf_solve_stats(m, &rounds, &sub);
	printf("RESULT solver=ours cost=%lld solve_s=%.3f certified=%d certify_s=%.3f rounds=%d subset_arcs=%lld of %lld\n",
	       (long long)mcf_total_cost(m), t1 - t0, cert, t2 - t1, rounds, (long long)sub, (long long)mcf_arcs(m));
	mcf_free(m);
	return cert ? 0 : 1;
}
