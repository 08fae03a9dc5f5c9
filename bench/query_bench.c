/*
 * Benchmark (issue 2): GET /api/v1/facilities with three filters on a 100,000-institution
 * registry, in-process (the store call the handler makes, plus the JSON encoding of the page).
 * Prints the median and p95 over many runs, the query plan (indexes used), and beside them in the
 * same run two anchors: a primary-key lookup (the cheapest query) and an unindexed name search
 * (a full scan) on the same database.
 * usage: query_bench [N institutions, default 100000] [DB path, default a temp file]
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/facility_json.h"
#include "app/app_imports.h"
#include "store/store.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static const char *const munis[] = {"082015", "082023", "082031", "082040", "082058", "082074", "082082",
				    "082104", "082112", "082121", "082147", "082155", "082163", "082171",
				    "082198", "082201", "082210", "082228", "082236", "082325"};

struct gen {
	long n;
	unsigned seed;
};

static unsigned rnd(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 8) & 0xffffff;
}

static enum zt_err gen_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct gen *g = ctx;
	for (long i = 0; i < g->n; i++) {
		struct facility f;
		facility_init(&f);
		unsigned r = rnd(&g->seed);
		f.kind = (enum inst_kind)(r % 100 < 40 ? KIND_CLINIC : r % KIND__MAX);
		snprintf(f.name, sizeof f.name, "ベンチ機関%06ld", i);
		snprintf(f.municipality_code, sizeof f.municipality_code, "%s", munis[rnd(&g->seed) % 20]);
		f.has_coord = true;
		f.lat = 35.9 + (rnd(&g->seed) % 10000) / 10000.0 * 0.8;
		f.lon = 140.0 + (rnd(&g->seed) % 10000) / 10000.0 * 0.8;
		f.h24 = rnd(&g->seed) % 100 < 30;
		f.capabilities = rnd(&g->seed) & ((1u << CAP__MAX) - 1) & rnd(&g->seed);
		enum zt_err r2 = store_facility_create(st, &f, e);
		if (r2 != ZT_OK)
			return r2;
	}
	return ZT_OK;
}

/* Runs one search and encodes its page as the handler would; returns elapsed ms. */
static double timed_search(struct store *st, const struct facility_filter *flt, size_t *total)
{
	double t0 = now_ms();
	struct facility *rows;
	size_t n;
	struct zt_error e;
	if (store_facility_search(st, flt, &rows, &n, total, &e) != ZT_OK) {
		fprintf(stderr, "search failed: %s\n", e.message);
		exit(1);
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, facility_to_json(&rows[i]));
	char *s = json_dumps(items, JSON_COMPACT);
	free(s);
	json_decref(items);
	free(rows);
	return now_ms() - t0;
}

static void report(const char *label, double *ms, int runs)
{
	qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
	printf("  %-46s median %7.3f ms   p95 %7.3f ms   (%d runs)\n", label, ms[runs / 2], ms[runs * 95 / 100], runs);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
	char path[256];
	snprintf(path, sizeof path, "%s", argc > 2 ? argv[2] : "/tmp/zaitaku-query-bench.db");
	unlink(path);
	struct zt_error e;
	struct store *st = store_open(path, &e);
	if (st == NULL || app_imports_municipalities(st, &e) != ZT_OK) {
		fprintf(stderr, "setup: %s\n", e.message);
		return 1;
	}
	double t0 = now_ms();
	struct gen g = {n, 42};
	if (store_tx(st, gen_tx, &g, &e) != ZT_OK) {
		fprintf(stderr, "generate: %s\n", e.message);
		return 1;
	}
	printf("query benchmark: %ld institutions generated in %.0f ms (%s)\n", n, now_ms() - t0, path);

	enum { RUNS = 200 };
	double ms[RUNS];
	size_t total = 0;
	struct facility_filter three;
	facility_filter_init(&three);
	three.kind = KIND_CLINIC;
	three.capabilities = 1u << CAP_VENTILATOR;
	three.h24 = 1;
	for (int i = 0; i < RUNS; i++)
		ms[i] = timed_search(st, &three, &total);
	printf("three filters kind=clinic & capability=ventilator & h24=true: %zu match, page of 50\n", total);
	report("facilities search (3 filters)", ms, RUNS);

	struct facility_filter near;
	facility_filter_init(&near);
	near.kind = KIND_CLINIC;
	near.h24 = 1;
	near.near = true;
	near.near_lat = 36.2;
	near.near_lon = 140.4;
	near.within_km = 16;
	for (int i = 0; i < RUNS; i++)
		ms[i] = timed_search(st, &near, &total);
	printf("kind=clinic & h24=true & near=36.2,140.4 within 16 km: %zu match\n", total);
	report("facilities search (2 filters + near 16 km)", ms, RUNS);

	/* Anchors, same database, same run. */
	for (int i = 0; i < RUNS; i++) {
		double a = now_ms();
		struct facility f;
		store_facility_get(st, 1 + (i * 7919) % n, &f, &e);
		ms[i] = now_ms() - a;
	}
	report("anchor: primary-key lookup (one institution)", ms, RUNS);
	struct facility_filter scan;
	facility_filter_init(&scan);
	snprintf(scan.q, sizeof scan.q, "ベンチ機関09999");
	for (int i = 0; i < 20; i++)
		ms[i] = timed_search(st, &scan, &total);
	report("anchor: unindexed name search (full scan)", ms, 20);

	char plan[4096];
	store_facility_explain(st, &three, plan, sizeof plan);
	printf("query plan (3 filters):\n%s", plan);
	store_close(st);
	unlink(path);
	return 0;
}
