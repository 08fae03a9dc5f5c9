/* Our solver (domain/mcf.c) on a DIMACS min-cost-flow file: prints the optimum, the solve time and
 * whether the certificate holds; -v adds a line per refine (mcf_set_trace) with its CPU seconds
 * since the line before: round 0 is the warm start (its ε the largest violation it left), and
 * "exact" marks the refine after which exact potentials were found, so that its round ended early.
 * Usage: ours [-v] FILE.min */
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

static double t_last;

static void trace(void *ctx, const struct mcf_trace *t)
{
	(void)ctx;
	double now = now_s();
	fprintf(stderr, "TRACE round=%d eps=%lld relabels=%lld pushes=%lld updates=%lld subset=%lld cpu_s=%.3f%s\n",
		t->round, (long long)t->eps, (long long)t->relabels,
		(long long)t->pushes, (long long)t->updates, (long long)t->subset_arcs, now - t_last,
		t->exact ? " exact" : "");
	t_last = now;
}

int main(int argc, char **argv)
{
	bool verbose = argc > 2 && strcmp(argv[1], "-v") == 0;
	if (verbose) {
		argv++;
		argc--;
	}
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
	if (verbose)
		mcf_set_trace(m, trace, NULL);
	double t0 = now_s();
	t_last = t0;
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
