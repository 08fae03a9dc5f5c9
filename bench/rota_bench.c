/* The rota solver's benchmark driver (issue 15 "Benchmarks"; bench/rota.sh): reads an instance JSON
 * (io/rota_json.h), runs rota_solve for a time limit with a seed, prints one line per improvement
 * "improve MS SPREAD WISHES CLUSTERING" and the first feasible time, and writes the rota as JSON
 * [{"date","type","doctors":[index]}] to OUT. Usage: rota_bench INSTANCE SEED SECONDS OUT */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "domain/rota.h"
#include "io/rota_json.h"

static double now_ms(void *ctx)
{
	(void)ctx;
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void progress(void *ctx, const struct rota_objective *o, double ms)
{
	(void)ctx;
	printf("improve %.1f %.6f %d %d\n", ms, o->spread_sum, o->wishes, o->clustering);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: rota_bench INSTANCE SEED SECONDS OUT\n");
		return 2;
	}
	json_error_t je;
	json_t *o = json_load_file(argv[1], JSON_REJECT_DUPLICATES, &je);
	if (!o) {
		fprintf(stderr, "%s:%d: %s\n", argv[1], je.line, je.text);
		return 1;
	}
	struct rota_file f;
	struct zt_error e;
	if (rota_file_from_json(o, &f, &e) != ZT_OK) {
		fprintf(stderr, "%s: %s\n", argv[1], e.message);
		return 1;
	}
	json_decref(o);
	int ns = rota_seat_count(&f.in);
	int *a = malloc(sizeof(int) * (size_t)(ns + 1));
	if (!a)
		return 1;
	struct rota_params p = {.seed = strtoull(argv[2], NULL, 10),
				.time_limit_ms = (long)(strtod(argv[3], NULL) * 1000),
				.now_ms = now_ms,
				.progress = progress};
	struct rota_result r = {.assign = a};
	double t0 = now_ms(NULL);
	if (rota_solve(&f.in, &p, &r) != ZT_OK)
		return 1;
	printf("done %.1f status %d first_feasible %.1f iterations %ld spread %.6f wishes %d clustering %d\n",
	       now_ms(NULL) - t0, r.status, r.first_feasible_ms, r.iterations, r.objective.spread_sum,
	       r.objective.wishes, r.objective.clustering);
	for (int i = 0; i < r.nconflicts; i++)
		printf("conflict %s\n", r.conflicts[i].message);
	json_t *out = rota_assign_to_json(&f.in, a);
	json_dump_file(out, argv[4], JSON_COMPACT);
	json_decref(out);
	free(a);
	rota_file_free(&f);
	return r.status == ROTA_FEASIBLE ? 0 : 1;
}
