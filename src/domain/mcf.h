/*
 * Minimum-cost flow on a directed network with integer capacities and costs, solved exactly, with
 * the optimality certificate (node potentials = dual prices) that a caller or a test can check
 * (issue 16 §3). General: the batch matching of referrals (domain/match.h) builds one network per
 * role, the benchmark reads DIMACS files into it. Pure: libc only; memory from malloc.
 *
 * Conventions: node supply b(v) > 0 is a source, < 0 a demand; the supplies must sum to zero. A
 * feasible flow x satisfies 0 ≤ x(a) ≤ cap(a) and, at every node, out − in = b(v). The reduced cost
 * of arc a = (u, v) is rc(a) = cost(a) + pot(u) − pot(v); a flow is optimal iff there are
 * potentials with rc(a) ≥ 0 when x(a) < cap(a) and rc(a) ≤ 0 when x(a) > 0 (complementary
 * slackness; equivalently, no negative cycle in the residual graph).
 */
#ifndef ZT_DOMAIN_MCF_H
#define ZT_DOMAIN_MCF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mcf;

enum mcf_status {
	MCF_OPTIMAL,     /* solved; flows and potentials certify optimality */
	MCF_INFEASIBLE,  /* the supplies cannot be routed within the capacities */
	MCF_UNBALANCED,  /* supplies do not sum to zero */
	MCF_NOMEM,       /* allocation failed (the network is left as built) */
	MCF_BAD_INPUT,   /* a negative capacity, a node out of range, or costs too large to be exact */
};

/* A new empty network of n ≥ 1 nodes (0 … n−1), all supplies 0; arcs_hint preallocates. NULL when
 * out of memory. */
struct mcf *mcf_new(int n, size_t arcs_hint);
void mcf_free(struct mcf *m);

/* Adds arc from → to with capacity cap ≥ 0 and cost (any sign, |cost| ≤ MCF_COST_MAX). Returns its
 * index (0, 1, … in the order added) or −1 on a bad node, capacity or cost, or out of memory. */
int64_t mcf_add_arc(struct mcf *m, int from, int to, int64_t cap, int64_t cost);
#define MCF_COST_MAX ((int64_t)1 << 40)
/* Sets (replaces) the supply of node v. */
void mcf_set_supply(struct mcf *m, int v, int64_t supply);

/* Solves: cost scaling (push–relabel, Goldberg) on a candidate subset of arcs — at each source
 * node of large out-degree its cheapest arcs and its costliest — grown by pricing until no arc left
 * out has a negative reduced cost; when the costliest arcs are penalties (≥ 16× any other cost, as
 * the unassigned arcs of the matching networks), a max-flow over the others first gives the
 * scaling a warm start; exact integer potentials at the end, or as soon as they exist once ε is
 * below one cost unit (the round then ends early) (docs/matching.md). An
 * infeasible network is suspected by a price bound and confirmed by a max-flow (slowly when
 * large). May be called again after changing supplies (it restarts from zero flow). */
enum mcf_status mcf_solve(struct mcf *m);
/* The reference solver: successive shortest paths (Dijkstra on reduced costs, potentials kept
 * valid), simple and slower; same contract. Tests compare the two. */
enum mcf_status mcf_solve_ssp(struct mcf *m);

/* Reading the network and, after MCF_OPTIMAL, the solution. */
int mcf_nodes(const struct mcf *m);
int64_t mcf_arcs(const struct mcf *m);
int64_t mcf_supply(const struct mcf *m, int v);
void mcf_arc(const struct mcf *m, int64_t a, int *from, int *to, int64_t *cap, int64_t *cost);
int64_t mcf_flow(const struct mcf *m, int64_t a);
int64_t mcf_potential(const struct mcf *m, int v);
/* How the last mcf_solve went: 1 + the pricings that added arcs (between refines of a round, or
 * after a round with a restart) and the arcs of the final candidate subset. */
void mcf_solve_stats(const struct mcf *m, int *rounds, int64_t *subset_arcs);
/* A trace of mcf_solve's work for benchmarks (bench/match/ours.c -v): fn is called after every
 * refine of the cost scaling with what it did. NULL stops it. */
struct mcf_trace {
	int round;                  /* 1 + pricings so far */
	int64_t eps;                /* ε of this refine, in costs scaled by n + 1 */
	int64_t relabels, pushes, updates; /* of this refine (global price updates) */
	int64_t subset_arcs;        /* arcs in the candidate subset now */
	bool exact;                 /* exact potentials found after this refine: the round ends early */
};
void mcf_set_trace(struct mcf *m, void (*fn)(void *ctx, const struct mcf_trace *t), void *ctx);
/* Σ cost(a)·x(a) of the current flow. */
int64_t mcf_total_cost(const struct mcf *m);

/*
 * The certificate: checks, independently of how the solution was found, that the flow is feasible
 * (bounds, conservation against the supplies) and that the potentials satisfy complementary
 * slackness on every arc (so the flow is optimal by LP duality). Returns true when it holds; else
 * false with the first violation described in why (may be NULL).
 */
bool mcf_certify(const struct mcf *m, char *why, size_t whysz);

/* Replaces flows and potentials (for tests of the certificate, or to check a flow found
 * elsewhere). flows has mcf_arcs entries, pots mcf_nodes; either may be NULL to keep. */
void mcf_set_solution(struct mcf *m, const int64_t *flows, const int64_t *pots);

#endif
