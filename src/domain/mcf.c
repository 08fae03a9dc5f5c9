/* Minimum-cost flow by cost scaling on a priced subset of arcs (and, for reference, successive shortest
 * paths), and its certificate (see mcf.h, docs/matching.md). */
#include "domain/mcf.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mcf {
	int n;
	int64_t m, mcap;
	int *from, *to;
	int64_t *cap, *cost, *flow;
	int64_t *supply, *pot;
	bool solved;
	int rounds;          /* pricing rounds of the last mcf_solve */
	int64_t subset_arcs; /* arcs in its final candidate subset */
	void (*trace)(void *ctx, const struct mcf_trace *t);
	void *trace_ctx;
};

struct mcf *mcf_new(int n, size_t arcs_hint)
{
	if (n < 1)
		return NULL;
	struct mcf *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->n = n;
	m->supply = calloc((size_t)n, sizeof *m->supply);
	m->pot = calloc((size_t)n, sizeof *m->pot);
	m->mcap = arcs_hint > 16 ? (int64_t)arcs_hint : 16;
	m->from = malloc((size_t)m->mcap * sizeof *m->from);
	m->to = malloc((size_t)m->mcap * sizeof *m->to);
	m->cap = malloc((size_t)m->mcap * sizeof *m->cap);
	m->cost = malloc((size_t)m->mcap * sizeof *m->cost);
	m->flow = malloc((size_t)m->mcap * sizeof *m->flow);
	if (!m->supply || !m->pot || !m->from || !m->to || !m->cap || !m->cost || !m->flow) {
		mcf_free(m);
		return NULL;
	}
	return m;
}

void mcf_free(struct mcf *m)
{
	if (!m)
		return;
	free(m->from);
	free(m->to);
	free(m->cap);
	free(m->cost);
	free(m->flow);
	free(m->supply);
	free(m->pot);
	free(m);
}

static bool grow(void **p, size_t elem, int64_t n)
{
	void *q = realloc(*p, (size_t)n * elem);
	if (!q)
		return false;
	*p = q;
	return true;
}

int64_t mcf_add_arc(struct mcf *m, int from, int to, int64_t cap, int64_t cost)
{
	if (from < 0 || from >= m->n || to < 0 || to >= m->n || cap < 0 || cost > MCF_COST_MAX || cost < -MCF_COST_MAX)
		return -1;
	if (m->m == m->mcap) {
		int64_t c = m->mcap * 2;
		if (!grow((void **)&m->from, sizeof *m->from, c) || !grow((void **)&m->to, sizeof *m->to, c) ||
		    !grow((void **)&m->cap, sizeof *m->cap, c) || !grow((void **)&m->cost, sizeof *m->cost, c) ||
		    !grow((void **)&m->flow, sizeof *m->flow, c))
			return -1;
		m->mcap = c;
	}
	int64_t a = m->m++;
	m->from[a] = from;
	m->to[a] = to;
	m->cap[a] = cap;
	m->cost[a] = cost;
	m->flow[a] = 0;
	return a;
}

void mcf_set_supply(struct mcf *m, int v, int64_t supply)
{
	if (v >= 0 && v < m->n)
		m->supply[v] = supply;
}

int mcf_nodes(const struct mcf *m) { return m->n; }
int64_t mcf_arcs(const struct mcf *m) { return m->m; }
int64_t mcf_supply(const struct mcf *m, int v) { return m->supply[v]; }
int64_t mcf_flow(const struct mcf *m, int64_t a) { return m->flow[a]; }
int64_t mcf_potential(const struct mcf *m, int v) { return m->pot[v]; }
void mcf_solve_stats(const struct mcf *m, int *rounds, int64_t *subset_arcs)
{
	*rounds = m->rounds;
	*subset_arcs = m->subset_arcs;
}

void mcf_set_trace(struct mcf *m, void (*fn)(void *ctx, const struct mcf_trace *t), void *ctx)
{
	m->trace = fn;
	m->trace_ctx = ctx;
}

void mcf_arc(const struct mcf *m, int64_t a, int *from, int *to, int64_t *cap, int64_t *cost)
{
	*from = m->from[a];
	*to = m->to[a];
	*cap = m->cap[a];
	*cost = m->cost[a];
}

int64_t mcf_total_cost(const struct mcf *m)
{
	int64_t s = 0;
	for (int64_t a = 0; a < m->m; a++)
		s += m->cost[a] * m->flow[a];
	return s;
}

void mcf_set_solution(struct mcf *m, const int64_t *flows, const int64_t *pots)
{
	if (flows)
		memcpy(m->flow, flows, (size_t)m->m * sizeof *flows);
	if (pots)
		memcpy(m->pot, pots, (size_t)m->n * sizeof *pots);
}

/* ---- the solver ---- */

/* The residual graph in CSR form: residual arc r = 2a is a's forward copy, 2a+1 its reverse. */
struct resid {
	int64_t *start; /* n + 1 */
	int64_t *ra;    /* residual arc ids, grouped by tail */
	int *head;      /* head of each CSR entry */
};

/* A binary min-heap of (key, node) with lazy deletion. */
struct heap {
	int64_t *key;
	int *node;
	int64_t len, cap;
};

static bool heap_push(struct heap *h, int64_t key, int node)
{
	if (h->len == h->cap) {
		int64_t c = h->cap ? h->cap * 2 : 1024;
		if (!grow((void **)&h->key, sizeof *h->key, c) || !grow((void **)&h->node, sizeof *h->node, c))
			return false;
		h->cap = c;
	}
	int64_t i = h->len++;
	while (i > 0) {
		int64_t p = (i - 1) / 2;
		if (h->key[p] <= key)
			break;
		h->key[i] = h->key[p];
		h->node[i] = h->node[p];
		i = p;
	}
	h->key[i] = key;
	h->node[i] = node;
	return true;
}

static void heap_pop(struct heap *h, int64_t *key, int *node)
{
	*key = h->key[0];
	*node = h->node[0];
	int64_t k = h->key[--h->len];
	int v = h->node[h->len];
	int64_t i = 0;
	for (;;) {
		int64_t c = 2 * i + 1;
		if (c >= h->len)
			break;
		if (c + 1 < h->len && h->key[c + 1] < h->key[c])
			c++;
		if (h->key[c] >= k)
			break;
		h->key[i] = h->key[c];
		h->node[i] = h->node[c];
		i = c;
	}
	if (h->len > 0) {
		h->key[i] = k;
		h->node[i] = v;
	}
}

static bool build_resid(const struct mcf *m, struct resid *g)
{
	g->start = calloc((size_t)m->n + 1, sizeof *g->start);
	g->ra = malloc((size_t)(2 * m->m + 1) * sizeof *g->ra);
	g->head = malloc((size_t)(2 * m->m + 1) * sizeof *g->head);
	if (!g->start || !g->ra || !g->head)
		return false;
	for (int64_t a = 0; a < m->m; a++) {
		g->start[m->from[a] + 1]++;
		g->start[m->to[a] + 1]++;
	}
	for (int v = 0; v < m->n; v++)
		g->start[v + 1] += g->start[v];
	int64_t *fill = malloc((size_t)m->n * sizeof *fill);
	if (!fill)
		return false;
	memcpy(fill, g->start, (size_t)m->n * sizeof *fill);
	for (int64_t a = 0; a < m->m; a++) {
		int64_t i = fill[m->from[a]]++;
		g->ra[i] = 2 * a;
		g->head[i] = m->to[a];
		i = fill[m->to[a]]++;
		g->ra[i] = 2 * a + 1;
		g->head[i] = m->from[a];
	}
	free(fill);
	return true;
}

static void free_resid(struct resid *g)
{
	free(g->start);
	free(g->ra);
	free(g->head);
}

enum mcf_status mcf_solve_ssp(struct mcf *m)
{
	int64_t total = 0;
	for (int v = 0; v < m->n; v++)
		total += m->supply[v];
	if (total != 0)
		return MCF_UNBALANCED;
	int n = m->n;
	int64_t *excess = malloc((size_t)n * sizeof *excess);
	int64_t *dist = malloc((size_t)n * sizeof *dist);
	unsigned *stamp = calloc((size_t)n, sizeof *stamp);
	unsigned *done = calloc((size_t)n, sizeof *done);
	int64_t *pred = malloc((size_t)n * sizeof *pred); /* residual arc into v on the path */
	int *settled = malloc((size_t)n * sizeof *settled);
	struct resid g = {0};
	struct heap h = {0};
	enum mcf_status st = MCF_NOMEM;
	if (!excess || !dist || !stamp || !done || !pred || !settled || !build_resid(m, &g))
		goto out;
	/* Start from x = 0 except on negative arcs, which are saturated: then every residual arc has a
	 * nonnegative cost and pot = 0 is dual feasible. */
	for (int v = 0; v < n; v++) {
		excess[v] = m->supply[v];
		m->pot[v] = 0;
	}
	for (int64_t a = 0; a < m->m; a++) {
		m->flow[a] = 0;
		if (m->cost[a] < 0 && m->cap[a] > 0) {
			m->flow[a] = m->cap[a];
			excess[m->from[a]] -= m->cap[a];
			excess[m->to[a]] += m->cap[a];
		}
	}
	unsigned iter = 0;
	for (int s = 0; s < n; s++) {
		while (excess[s] > 0) {
			/* Dijkstra from s on reduced costs until a node with a deficit is settled. */
			if (++iter == 0) {
				memset(stamp, 0, (size_t)n * sizeof *stamp);
				memset(done, 0, (size_t)n * sizeof *done);
				iter = 1;
			}
			h.len = 0;
			int ns = 0, t = -1;
			int64_t D = 0;
			stamp[s] = iter;
			dist[s] = 0;
			pred[s] = -1;
			if (!heap_push(&h, 0, s))
				goto out;
			while (h.len > 0) {
				int64_t du;
				int u;
				heap_pop(&h, &du, &u);
				if (done[u] == iter || du != dist[u])
					continue;
				done[u] = iter;
				settled[ns++] = u;
				if (excess[u] < 0) {
					t = u;
					D = du;
					break;
				}
				int64_t pu = m->pot[u];
				for (int64_t i = g.start[u]; i < g.start[u + 1]; i++) {
					int64_t r = g.ra[i], a = r >> 1;
					int64_t res, c;
					if (r & 1) {
						res = m->flow[a];
						c = -m->cost[a];
					} else {
						res = m->cap[a] - m->flow[a];
						c = m->cost[a];
					}
					if (res <= 0)
						continue;
					int v = g.head[i];
					if (done[v] == iter)
						continue;
					int64_t nd = du + c + pu - m->pot[v];
					if (stamp[v] != iter || nd < dist[v]) {
						stamp[v] = iter;
						dist[v] = nd;
						pred[v] = r;
						if (!heap_push(&h, nd, v))
							goto out;
					}
				}
			}
			if (t < 0) {
				st = MCF_INFEASIBLE;
				goto out;
			}
			/* Potentials: settled nodes move by d(v) − D; reduced costs stay ≥ 0 and the path's
			 * arcs become tight (0). */
			for (int i = 0; i < ns; i++)
				m->pot[settled[i]] += dist[settled[i]] - D;
			int64_t delta = excess[s] < -excess[t] ? excess[s] : -excess[t];
			for (int v = t; v != s;) {
				int64_t r = pred[v], a = r >> 1;
				int64_t res = (r & 1) ? m->flow[a] : m->cap[a] - m->flow[a];
				if (res < delta)
					delta = res;
				v = (r & 1) ? m->to[a] : m->from[a];
			}
			for (int v = t; v != s;) {
				int64_t r = pred[v], a = r >> 1;
				if (r & 1) {
					m->flow[a] -= delta;
					v = m->to[a];
				} else {
					m->flow[a] += delta;
					v = m->from[a];
				}
			}
			excess[s] -= delta;
			excess[t] += delta;
		}
	}
	m->solved = true;
	st = MCF_OPTIMAL;
out:
	free(excess);
	free(dist);
	free(stamp);
	free(done);
	free(pred);
	free(settled);
	free(h.key);
	free(h.node);
	free_resid(&g);
	return st;
}


/* ---- cost scaling (Goldberg) on a candidate subset of arcs, with pricing ---- */

/* The residual graph of the arcs in the subset, CSR by tail: entry e has head, the entry of its
 * reverse, residual capacity and cost scaled by N. arc[e] is the original arc (≥ 0 for the forward
 * copy, −1 − a for the reverse). */
struct csg {
	int n;
	int64_t ne;
	int64_t *first, *cur, *rev, *res, *c, *arc;
	/* rres[e] = res[rev[e]], kept beside: the price update and the max-flow's search walk arcs
	 * backwards, and reading the reverse's residual through rev[] was a cache miss per entry
	 * (two thirds of the price update's time on the nation) */
	int64_t *rres;
	int *head;
	/* Ladders: parallel arcs u → v (2 or more, capacity > 0; in the matching networks a clinic's
	 * load bands to t) are one convex arc, a forward entry at u and a reverse one at v, placed first
	 * among each node's entries (first[v] … lend[v]). Its members, cheapest first, are filled in
	 * order: those below lk are full, those above it empty. The forward entry shows member lk (its
	 * room, its cost), the reverse entry the last member with flow; the others are dominated (no
	 * cheaper room, no dearer flow), so they can be left out of every test of ε-optimality, relabel
	 * and search. A ladder entry's arc[] is LADDER − (2L + 0 forward / 1 reverse). */
	int64_t *lend;
	int64_t nl, *lfirst, *lk, *lef; /* ladders; members of L: lfirst[L] … lfirst[L + 1]; forward entry */
	int64_t *lmem, *lcap, *lcost, *lflow; /* per member: arc, capacity, cost (scaled), flow */
	int64_t *excess, *p; /* scaled potentials */
	int64_t *pstart;     /* potentials when the current refine began */
	int *rank, *bnext, *bprev, *bucket; /* price update scratch */
	char *settled;
	int *queue;
	char *inq;
	int64_t relabels, pushes, updates; /* work counters, for the trace */
};

static void csg_free(struct csg *g)
{
	free(g->first);
	free(g->cur);
	free(g->rev);
	free(g->res);
	free(g->rres);
	free(g->lend);
	free(g->lfirst);
	free(g->lk);
	free(g->lef);
	free(g->lmem);
	free(g->lcap);
	free(g->lcost);
	free(g->lflow);
	g->lend = g->lfirst = g->lk = g->lef = g->lmem = g->lcap = g->lcost = g->lflow = NULL;
	free(g->c);
	free(g->arc);
	free(g->head);
	free(g->excess);
	free(g->pstart);
	free(g->rank);
	free(g->bnext);
	free(g->bprev);
	free(g->bucket);
	g->rank = g->bnext = g->bprev = g->bucket = NULL;
	free(g->queue);
	free(g->inq);
	free(g->settled);
	g->settled = NULL;
	g->first = g->cur = g->rev = g->res = g->rres = g->c = g->arc = g->excess = g->pstart = NULL;
	g->head = g->queue = NULL;
	g->inq = NULL;
}

#define LADDER (INT64_MIN / 2) /* arc[] of ladder entries: LADDER − 2L (forward), − 1 (reverse) */

/* Shows ladder L's members on its two entries (see struct csg). */
static void ladder_show(struct csg *g, int64_t L)
{
	int64_t ef = g->lef[L], er = g->rev[ef], f = g->lfirst[L], sz = g->lfirst[L + 1] - f, k = g->lk[L];
	if (k < sz) {
		g->res[ef] = g->lcap[f + k] - g->lflow[f + k];
		g->c[ef] = g->lcost[f + k];
	} else {
		g->res[ef] = 0;
		g->c[ef] = g->lcost[f + sz - 1];
	}
	int64_t j = k < sz && g->lflow[f + k] > 0 ? k : k - 1;
	if (j >= 0) {
		g->res[er] = g->lflow[f + j];
		g->c[er] = -g->lcost[f + j];
	} else {
		g->res[er] = 0;
		g->c[er] = -g->lcost[f];
	}
	g->rres[ef] = g->res[er];
	g->rres[er] = g->res[ef];
}

/* The ladders of the subset (struct csg): tarc holds the subset's arcs grouped by tail (tfirst);
 * lof[i] gets the ladder of tarc[i] or −1. Members cheapest first (insertion sort: the matching
 * networks add them in order), each ladder's flow refilled in that order (same total, so the same
 * balances, no dearer cost). cnt and lid: scratch of n entries, cnt zero and lid −1 on entry. */
static bool ladders_find(struct csg *g, const struct mcf *m, int64_t N, const int64_t *tfirst, const int64_t *tarc,
			 int64_t *lof, int64_t *cnt, int64_t *lid)
{
	int n = m->n;
	g->nl = 0;
	g->lfirst[0] = 0;
	for (int u = 0; u < n; u++) {
		for (int64_t i = tfirst[u]; i < tfirst[u + 1]; i++)
			if (m->cap[tarc[i]] > 0)
				cnt[m->to[tarc[i]]]++;
		for (int64_t i = tfirst[u]; i < tfirst[u + 1]; i++) {
			int64_t a = tarc[i];
			int h = m->to[a];
			lof[i] = -1;
			if (m->cap[a] <= 0 || cnt[h] < 2)
				continue;
			if (lid[h] < 0) { /* a new ladder u → h */
				lid[h] = g->nl++;
				g->lfirst[g->nl] = g->lfirst[g->nl - 1] + cnt[h];
			}
			lof[i] = lid[h];
		}
		for (int64_t i = tfirst[u]; i < tfirst[u + 1]; i++)
			if (lof[i] >= 0) {
				int h = m->to[tarc[i]];
				g->lmem[g->lfirst[lof[i] + 1] - cnt[h]--] = tarc[i]; /* in the order of the arcs */
			}
		for (int64_t i = tfirst[u]; i < tfirst[u + 1]; i++) {
			cnt[m->to[tarc[i]]] = 0;
			lid[m->to[tarc[i]]] = -1;
		}
	}
	int64_t nl = g->nl, nm = g->lfirst[nl];
	g->lk = malloc((size_t)(nl > 0 ? nl : 1) * sizeof *g->lk);
	g->lef = malloc((size_t)(nl > 0 ? nl : 1) * sizeof *g->lef);
	g->lcap = malloc((size_t)(nm > 0 ? nm : 1) * sizeof *g->lcap);
	g->lcost = malloc((size_t)(nm > 0 ? nm : 1) * sizeof *g->lcost);
	g->lflow = malloc((size_t)(nm > 0 ? nm : 1) * sizeof *g->lflow);
	if (!g->lk || !g->lef || !g->lcap || !g->lcost || !g->lflow)
		return false;
	for (int64_t L = 0; L < nl; L++) {
		int64_t *mem = g->lmem + g->lfirst[L], sz = g->lfirst[L + 1] - g->lfirst[L], total = 0;
		for (int64_t i = 1; i < sz; i++) {
			int64_t a = mem[i], j = i;
			while (j > 0 && (m->cost[mem[j - 1]] > m->cost[a] || (m->cost[mem[j - 1]] == m->cost[a] && mem[j - 1] > a))) {
				mem[j] = mem[j - 1];
				j--;
			}
			mem[j] = a;
		}
		for (int64_t i = 0; i < sz; i++)
			total += m->flow[mem[i]];
		g->lk[L] = sz;
		for (int64_t i = 0; i < sz; i++) {
			int64_t mi = g->lfirst[L] + i, cap = m->cap[mem[i]];
			g->lcap[mi] = cap;
			g->lcost[mi] = m->cost[mem[i]] * N;
			g->lflow[mi] = total < cap ? total : cap;
			total -= g->lflow[mi];
			if (g->lflow[mi] < cap && g->lk[L] == sz)
				g->lk[L] = i;
		}
	}
	return true;
}

/* Whether tarc[i] gives the residual graph entries: an arc outside every ladder, or the first
 * (cheapest) member of its ladder; the other members have none. */
static bool owns_entries(const struct csg *g, const int64_t *tarc, const int64_t *lof, int64_t i)
{
	return lof[i] < 0 || g->lmem[g->lfirst[lof[i]]] == tarc[i];
}

/* Builds the residual graph of the arcs a with in[a] (self-loops excluded: settled outside), with
 * flows and excesses from m. p (scaled potentials, n entries) is kept by the caller. */
static bool csg_build(struct csg *g, const struct mcf *m, const char *in, int64_t N)
{
	int n = m->n;
	g->n = n;
	g->first = calloc((size_t)n + 1, sizeof *g->first);
	g->cur = malloc((size_t)n * sizeof *g->cur);
	g->excess = malloc((size_t)n * sizeof *g->excess);
	g->pstart = malloc((size_t)n * sizeof *g->pstart);
	g->rank = malloc((size_t)n * sizeof *g->rank);
	g->bnext = malloc((size_t)n * sizeof *g->bnext);
	g->bprev = malloc((size_t)n * sizeof *g->bprev);
	g->bucket = malloc((size_t)(n + 1) * sizeof *g->bucket);
	g->queue = malloc((size_t)n * sizeof *g->queue);
	g->inq = calloc((size_t)n, 1);
	g->settled = calloc((size_t)n, 1);
	if (!g->settled)
		return false;
	if (!g->first || !g->cur || !g->excess || !g->pstart || !g->queue || !g->inq || !g->rank || !g->bnext ||
	    !g->bprev || !g->bucket)
		return false;
	/* the subset's arcs by tail, to find the ladders */
	int64_t k = 0;
	int64_t *tfirst = calloc((size_t)n + 1, sizeof *tfirst);
	if (!tfirst)
		return false;
	for (int64_t a = 0; a < m->m; a++)
		if (in[a] && m->from[a] != m->to[a]) {
			tfirst[m->from[a] + 1]++;
			k++;
		}
	for (int v = 0; v < n; v++)
		tfirst[v + 1] += tfirst[v];
	int64_t *tarc = malloc((size_t)(k > 0 ? k : 1) * sizeof *tarc), *cnt = calloc((size_t)n, sizeof *cnt);
	int64_t *lid = malloc((size_t)n * sizeof *lid);
	int64_t *lof = malloc((size_t)(k > 0 ? k : 1) * sizeof *lof); /* arc → its ladder, or −1 */
	g->lfirst = malloc((size_t)(k / 2 + 2) * sizeof *g->lfirst);
	g->lmem = malloc((size_t)(k > 0 ? k : 1) * sizeof *g->lmem);
	g->lend = calloc((size_t)n, sizeof *g->lend);
	if (!tarc || !cnt || !lid || !lof || !g->lfirst || !g->lmem || !g->lend) {
		free(tfirst);
		free(tarc);
		free(cnt);
		free(lid);
		free(lof);
		return false;
	}
	{
		int64_t *fill = g->cur; /* n entries, free until the entries are placed */
		memcpy(fill, tfirst, (size_t)n * sizeof *fill);
		for (int64_t a = 0; a < m->m; a++)
			if (in[a] && m->from[a] != m->to[a])
				tarc[fill[m->from[a]]++] = a;
	}
	for (int v = 0; v < n; v++)
		lid[v] = -1;
	bool found = ladders_find(g, m, N, tfirst, tarc, lof, cnt, lid);
	free(cnt);
	free(lid);
	if (!found) {
		free(tfirst);
		free(tarc);
		free(lof);
		return false;
	}
	/* entries: per node its ladder entries first, then the others */
	int64_t ne_ = 0;
	for (int u = 0; u < n; u++)
		for (int64_t i = tfirst[u]; i < tfirst[u + 1]; i++) {
			int64_t a = tarc[i];
			if (!owns_entries(g, tarc, lof, i))
				continue;
			g->first[u + 1]++;
			g->first[m->to[a] + 1]++;
			if (lof[i] >= 0) {
				g->lend[u]++;
				g->lend[m->to[a]]++;
			}
			ne_ += 2;
		}
	g->ne = ne_;
	size_t ne = (size_t)(g->ne > 0 ? g->ne : 1);
	g->rev = malloc(ne * sizeof *g->rev);
	g->res = malloc(ne * sizeof *g->res);
	g->rres = malloc(ne * sizeof *g->rres);
	g->c = malloc(ne * sizeof *g->c);
	g->arc = malloc(ne * sizeof *g->arc);
	g->head = malloc(ne * sizeof *g->head);
	if (!g->rev || !g->res || !g->rres || !g->c || !g->arc || !g->head) {
		free(tfirst);
		free(tarc);
		free(lof);
		return false;
	}
	for (int v = 0; v < n; v++)
		g->first[v + 1] += g->first[v];
	int64_t *lfill = malloc((size_t)n * sizeof *lfill); /* next ladder entry of each node */
	if (!lfill) {
		free(tfirst);
		free(tarc);
		free(lof);
		return false;
	}
	for (int v = 0; v < n; v++) {
		lfill[v] = g->first[v];
		g->cur[v] = g->first[v] + g->lend[v];
		g->lend[v] = g->first[v] + g->lend[v];
		g->excess[v] = m->supply[v];
	}
	for (int u = 0; u < n; u++)
		for (int64_t i = tfirst[u]; i < tfirst[u + 1]; i++) {
			int64_t a = tarc[i];
			int v = m->to[a];
			g->excess[u] -= m->flow[a];
			g->excess[v] += m->flow[a];
			if (!owns_entries(g, tarc, lof, i))
				continue;
			if (lof[i] >= 0) {
				int64_t L = lof[i];
				int64_t ef = lfill[u]++, er = lfill[v]++;
				g->head[ef] = v;
				g->head[er] = u;
				g->rev[ef] = er;
				g->rev[er] = ef;
				g->arc[ef] = LADDER - 2 * L;
				g->arc[er] = LADDER - 2 * L - 1;
				g->lef[L] = ef;
				ladder_show(g, L);
				continue;
			}
			int64_t ef = g->cur[u]++, er = g->cur[v]++;
			g->head[ef] = v;
			g->head[er] = u;
			g->rev[ef] = er;
			g->rev[er] = ef;
			g->res[ef] = g->rres[er] = m->cap[a] - m->flow[a];
			g->res[er] = g->rres[ef] = m->flow[a];
			g->c[ef] = m->cost[a] * N;
			g->c[er] = -m->cost[a] * N;
			g->arc[ef] = a;
			g->arc[er] = -1 - a;
		}
	memcpy(g->cur, g->first, (size_t)n * sizeof *g->cur);
	free(lfill);
	free(tfirst);
	free(tarc);
	free(lof);
	return true;
}

static void csg_push(struct csg *g, int u, int64_t e, int64_t d)
{
	int v = g->head[e];
	g->pushes++;
	g->res[e] -= d;
	g->res[g->rev[e]] += d;
	g->rres[e] += d;
	g->rres[g->rev[e]] -= d;
	g->excess[u] -= d;
	g->excess[v] += d;
	if (e < g->lend[u]) { /* a ladder: the member shown takes or gives the flow */
		int64_t code = LADDER - g->arc[e], L = code / 2, f = g->lfirst[L], k = g->lk[L];
		if (code % 2 == 0) {
			g->lflow[f + k] += d;
			if (g->lflow[f + k] == g->lcap[f + k])
				g->lk[L] = k + 1;
		} else {
			int64_t sz = g->lfirst[L + 1] - f;
			int64_t j = k < sz && g->lflow[f + k] > 0 ? k : k - 1;
			g->lflow[f + j] -= d;
			g->lk[L] = j;
		}
		ladder_show(g, L);
	}
}

/* Global price update (Goldberg's heuristic): k(u) = the length, in units of ε, of a shortest
 * residual path from u to a node with a deficit, arc lengths ⌊rc/ε⌋ + 1 ≥ 0 (ranks above n are cut
 * to n); prices drop by k·ε. ε-optimality is kept (new rc = rc + (k(v) − k(u))ε ≥ −ε) and the
 * admissible arcs then lead towards the deficits. The search stops once every node with an excess is
 * reached at rank b: the nodes not settled then take rank b (a lower bound of theirs, which keeps
 * every arc's condition). rank and bucket links are scratch of n entries. */
static void price_update(struct csg *g, int64_t eps)
{
	int n = g->n;
	int64_t *p = g->p;
	int *rank = g->rank, *next = g->bnext, *prev = g->bprev, *bucket = g->bucket;
	g->updates++;
	for (int b = 0; b <= n; b++)
		bucket[b] = -1;
	int active = 0, last = 0;
	for (int v = 0; v < n; v++) {
		active += g->excess[v] > 0;
		rank[v] = n + 1; /* unreached */
		g->settled[v] = 0;
		if (g->excess[v] < 0) {
			rank[v] = 0;
			next[v] = bucket[0];
			prev[v] = -1;
			if (bucket[0] >= 0)
				prev[bucket[0]] = v;
			bucket[0] = v;
		}
	}
	if (active > 0)
		last = n; /* unless every active node is reached below */
	for (int b = 0; b <= n && active > 0; b++) {
		while (bucket[b] >= 0) {
			int v = bucket[b];
			bucket[b] = next[v];
			if (bucket[b] >= 0)
				prev[bucket[b]] = -1;
			g->settled[v] = 1; /* settled */
			if (g->excess[v] > 0 && --active == 0) {
				last = b; /* every active node reached: the rest may stay at rank b */
				break;
			}
			int64_t lend = g->lend[v];
			for (int64_t e = g->first[v]; e < g->first[v + 1]; e++) {
				/* the arc u → v, e's reverse: its residual, and its cost −c[e] (a ladder's two
				 * entries show different members: there its own) */
				if (g->rres[e] <= 0)
					continue;
				int u = g->head[e];
				if (g->settled[u])
					continue;
				int64_t rc = (e < lend ? g->c[g->rev[e]] : -g->c[e]) + p[u] - p[v];
				int64_t len = rc >= 0 ? rc / eps + 1 : 0;
				int64_t k = b + len;
				if (k >= rank[u] || k > n)
					continue;
				if (rank[u] <= n) { /* unlink from its bucket */
					if (prev[u] >= 0)
						next[prev[u]] = next[u];
					else
						bucket[rank[u]] = next[u];
					if (next[u] >= 0)
						prev[next[u]] = prev[u];
				}
				rank[u] = (int)k;
				next[u] = bucket[k];
				prev[u] = -1;
				if (bucket[k] >= 0)
					prev[bucket[k]] = u;
				bucket[k] = u;
			}
		}
	}
	for (int v = 0; v < n; v++) {
		int k = g->settled[v] ? rank[v] : last;
		p[v] -= (int64_t)k * eps;
		g->settled[v] = 0;
		g->cur[v] = g->first[v]; /* prices moved: every arc may be admissible again */
	}
}

/* Relabel v: the highest price that makes some residual arc admissible, less ε. false when v has
 * no residual arc at all (*stuck set, when given) or its price left the bound of a feasible problem. */
static bool relabel(struct csg *g, int v, int64_t eps, double bound, bool *stuck)
{
	int64_t *p = g->p, best = INT64_MIN;
	for (int64_t f = g->first[v]; f < g->first[v + 1]; f++)
		if (g->res[f] > 0) {
			int64_t q = p[g->head[f]] - g->c[f];
			if (q > best)
				best = q;
		}
	if (stuck)
		*stuck = best == INT64_MIN;
	if (best == INT64_MIN || best < INT64_MIN / 4)
		return false;
	p[v] = best - eps;
	g->relabels++;
	g->cur[v] = g->first[v];
	return (double)g->pstart[v] - (double)p[v] <= bound;
}

/* Whether v has an admissible arc (rc < 0), advancing its current arc to it. */
static bool admissible_out(struct csg *g, int v)
{
	int64_t *p = g->p, pv = p[v];
	for (int64_t e = g->cur[v]; e < g->first[v + 1]; e++)
		if (g->res[e] > 0 && g->c[e] + pv - p[g->head[e]] < 0) {
			g->cur[v] = e;
			return true;
		}
	g->cur[v] = g->first[v + 1];
	return false;
}

/* A global price update every UPDATE_EVERY·n relabels: each costs a bucket search over the residual
 * graph. Measured (docs/benchmarks.md): every 2n was 15 % faster on the prefecture instance but 7×
 * slower on the district one, every n/2 slower, every 4n had not finished the prefecture after 97
 * CPU seconds (without fresh prices the relabels run away): n it stays. */
#define UPDATE_EVERY 1

/* One refine: from an (αε)-optimal pseudoflow to an ε-optimal flow, by FIFO push–relabel with
 * look-ahead (a push goes only to a node that can pass it on or needs it) and global price updates.
 * false when the excess cannot be routed (a price fell past the bound of a feasible problem). */
static bool refine(struct csg *g, int64_t eps, double bound)
{
	int n = g->n;
	int64_t *p = g->p;
	for (int u = 0; u < n; u++) {
		for (int64_t e = g->first[u]; e < g->first[u + 1]; e++)
			while (g->res[e] > 0 && g->c[e] + p[u] - p[g->head[e]] < 0) {
				csg_push(g, u, e, g->res[e]);
				if (e >= g->lend[u])
					break; /* an ordinary arc is saturated; a ladder shows its next member, and
						* that one too is saturated while it violates */
			}
	}
	int qh = 0, qn = 0;
	memcpy(g->pstart, p, (size_t)n * sizeof *p);
	price_update(g, eps);
	int64_t relabels = 0;
	for (int u = 0; u < n; u++) {
		g->inq[u] = 0;
		if (g->excess[u] > 0) {
			g->queue[(qh + qn++) % n] = u;
			g->inq[u] = 1;
		}
	}
	while (qn > 0) {
		int u = g->queue[qh];
		qh = (qh + 1) % n;
		qn--;
		g->inq[u] = 0;
		while (g->excess[u] > 0) {
			int64_t e = g->cur[u], end = g->first[u + 1];
			for (; e < end; e++) {
				if (g->res[e] <= 0)
					continue;
				int v = g->head[e];
				if (g->c[e] + p[u] - p[v] >= 0)
					continue;
				/* look-ahead: v must need the flow or pass it on; else relabel v first */
				if (g->excess[v] >= 0 && !admissible_out(g, v)) {
					bool stuck;
					if (!relabel(g, v, eps, bound, &stuck)) {
						if (stuck)
							continue; /* v can pass nothing on: not there */
						return false;
					}
					relabels++;
					if (g->c[e] + p[u] - p[v] >= 0)
						continue;
				}
				int64_t d = g->excess[u] < g->res[e] ? g->excess[u] : g->res[e];
				csg_push(g, u, e, d);
				if (g->excess[v] > 0 && !g->inq[v]) {
					g->queue[(qh + qn++) % n] = v;
					g->inq[v] = 1;
				}
				if (g->excess[u] == 0)
					break;
				if (e < g->lend[u])
					e--; /* a ladder shows its next member: look at the same entry again */
			}
			g->cur[u] = e < end ? e : end;
			if (g->excess[u] == 0)
				break;
			if (!relabel(g, u, eps, bound, NULL))
				return false;
			if (++relabels > UPDATE_EVERY * (int64_t)n) {
				relabels = 0;
				price_update(g, eps);
			}
		}
	}
	return true;
}

/* Exact integer potentials (original units) from the scaled ones: start at ⌊p/N⌋ and relax every
 * residual arc (FIFO Bellman–Ford) until c + π(u) − π(v) ≥ 0 everywhere; terminates when the
 * flow is optimal (no negative cycle). limit bounds the work (residual entries scanned): false when
 * it is reached — a negative cycle, or more passes than allowed (the early end of a round). */
static bool exact_potentials(struct csg *g, int64_t N, int64_t *pi, int64_t limit)
{
	int n = g->n;
	for (int v = 0; v < n; v++) {
		int64_t q = g->p[v] / N;
		if (g->p[v] % N != 0 && g->p[v] < 0)
			q--;
		pi[v] = q;
	}
	int qh = 0, qn = 0;
	for (int u = 0; u < n; u++) {
		g->queue[qn++] = u;
		g->inq[u] = 1;
	}
	while (qn > 0) {
		int u = g->queue[qh];
		qh = (qh + 1) % n;
		qn--;
		g->inq[u] = 0;
		limit -= g->first[u + 1] - g->first[u] + 1;
		if (limit < 0) { /* leave the queue clean for the next use */
			for (int i = 0; i < qn; i++)
				g->inq[g->queue[(qh + i) % n]] = 0;
			return false;
		}
		for (int64_t e = g->first[u]; e < g->first[u + 1]; e++) {
			if (g->res[e] <= 0)
				continue;
			int v = g->head[e];
			int64_t cost = g->c[e] / N;
			if (pi[v] > pi[u] + cost) {
				pi[v] = pi[u] + cost;
				if (!g->inq[v]) {
					g->queue[(qh + qn++) % n] = v;
					g->inq[v] = 1;
				}
			}
		}
	}
	return true;
}

#define CAND_K 10 /* cheapest out-arcs kept per source node in the first subset */

/* Capacity-aware part of the first subset. The nearest CAND_K providers of a crowded city's homes
 * are wanted by many more patients than they have room for; a subset of only those leaves patients
 * on the costly "unassigned" arc, their prices near M, and the pricing round that follows restarts
 * the scaling from ε ≈ M·N. So a greedy pass assigns each selective source's supply, node by node,
 * to its cheapest heads that still have room (room of a node = Σ capacity of its out-arcs, the
 * provider's load bands to t; a head without out-arcs, like t, has none), and adds the arcs used:
 * the subset then routes at least the greedy's cardinality. Only a heuristic: the pricing rounds and
 * the certificate guarantee optimality whatever it picks. Arcs are scanned once per pick. */
static bool greedy_room(const struct mcf *m, const int *slot, char *in)
{
	int n = m->n;
	int64_t *room = calloc((size_t)n, sizeof *room), *first = calloc((size_t)n + 1, sizeof *first);
	int64_t *out = malloc((size_t)(m->m > 0 ? m->m : 1) * sizeof *out);
	if (!room || !first || !out) {
		free(room);
		free(first);
		free(out);
		return false;
	}
	for (int64_t a = 0; a < m->m; a++) {
		if (slot[m->from[a]] < 0 && m->cap[a] > 0 && m->from[a] != m->to[a])
			room[m->from[a]] += m->cap[a];
		first[m->from[a] + 1]++;
	}
	for (int v = 0; v < n; v++)
		first[v + 1] += first[v];
	int64_t *fill = malloc((size_t)n * sizeof *fill);
	if (!fill) {
		free(room);
		free(first);
		free(out);
		return false;
	}
	memcpy(fill, first, (size_t)n * sizeof *fill);
	for (int64_t a = 0; a < m->m; a++)
		out[fill[m->from[a]]++] = a;
	free(fill);
	for (int v = 0; v < n; v++) {
		if (slot[v] < 0)
			continue;
		int64_t left = m->supply[v];
		while (left > 0) {
			int64_t best = -1;
			for (int64_t i = first[v]; i < first[v + 1]; i++) {
				int64_t a = out[i];
				if (m->cap[a] > 0 && room[m->to[a]] > 0 && !(in[a] & 2) &&
				    (best < 0 || m->cost[a] < m->cost[best]))
					best = a;
			}
			if (best < 0)
				break;
			int64_t d = left < m->cap[best] ? left : m->cap[best];
			if (d > room[m->to[best]])
				d = room[m->to[best]];
			room[m->to[best]] -= d;
			left -= d;
			in[best] = 3; /* bit 2: used by this pass */
		}
	}
	for (int64_t a = 0; a < m->m; a++)
		in[a] &= 1;
	free(room);
	free(first);
	free(out);
	return true;
}

/* The first candidate subset: every arc, except at source nodes (supply > 0) of large out-degree,
 * where only the CAND_K cheapest and the costliest out-arcs are taken (in the matching networks:
 * the nearest providers and the "unassigned" arc, so the subset is feasible), plus the arcs of the
 * greedy pass above. */
static char *candidates(const struct mcf *m)
{
	int n = m->n;
	char *in = calloc((size_t)(m->m > 0 ? m->m : 1), 1);
	int64_t *deg = calloc((size_t)n, sizeof *deg);
	if (!in || !deg) {
		free(in);
		free(deg);
		return NULL;
	}
	for (int64_t a = 0; a < m->m; a++)
		deg[m->from[a]]++;
	int *slot = malloc((size_t)n * sizeof *slot);
	int nsel = 0;
	if (!slot) {
		free(in);
		free(deg);
		return NULL;
	}
	for (int v = 0; v < n; v++)
		slot[v] = (m->supply[v] > 0 && deg[v] > 4 * CAND_K) ? nsel++ : -1;
	/* per selective node: a max-heap of its CAND_K cheapest arcs, and its costliest arc */
	int64_t *heap = malloc((size_t)(nsel > 0 ? nsel : 1) * CAND_K * sizeof *heap);
	int *hlen = calloc((size_t)(nsel > 0 ? nsel : 1), sizeof *hlen);
	int64_t *dear = malloc((size_t)(nsel > 0 ? nsel : 1) * sizeof *dear);
	if (!heap || !hlen || !dear) {
		free(heap);
		free(hlen);
		free(dear);
		free(slot);
		free(deg);
		free(in);
		return NULL;
	}
	for (int i = 0; i < nsel; i++)
		dear[i] = -1;
	for (int64_t a = 0; a < m->m; a++) {
		int s = slot[m->from[a]];
		if (s < 0) {
			in[a] = 1;
			continue;
		}
		if (dear[s] < 0 || m->cost[a] > m->cost[dear[s]])
			dear[s] = a;
		int64_t *h = heap + (size_t)s * CAND_K;
		int len = hlen[s];
		int64_t c = m->cost[a];
		if (len < CAND_K) {
			int i = len++;
			while (i > 0 && m->cost[h[(i - 1) / 2]] < c) {
				h[i] = h[(i - 1) / 2];
				i = (i - 1) / 2;
			}
			h[i] = a;
			hlen[s] = len;
		} else if (c < m->cost[h[0]]) {
			int i = 0;
			for (;;) {
				int ch = 2 * i + 1;
				if (ch >= len)
					break;
				if (ch + 1 < len && m->cost[h[ch + 1]] > m->cost[h[ch]])
					ch++;
				if (m->cost[h[ch]] <= c)
					break;
				h[i] = h[ch];
				i = ch;
			}
			h[i] = a;
		}
	}
	for (int s = 0; s < nsel; s++) {
		for (int i = 0; i < hlen[s]; i++)
			in[heap[(size_t)s * CAND_K + i]] = 1;
		if (dear[s] >= 0)
			in[dear[s]] = 1;
	}
	if (!greedy_room(m, slot, in)) {
		free(in);
		in = NULL;
	}
	free(heap);
	free(hlen);
	free(dear);
	free(slot);
	free(deg);
	return in;
}

#define ALPHA 8

/* Pricing between refines: the arcs left out of the subset whose scaled reduced cost at the current
 * prices p is below −lim (far beyond the ε-optimality the refine just reached) join in[]. Returns
 * how many joined and their largest violation (scaled) in *worst. Done while ε is still large, this
 * catches the arcs an optimum needs (above all those that let a patient left on the costly
 * unassigned arc be placed, violations of size M) before the fine refines, instead of after a whole
 * round, when a pricing round must restart the scaling from ε ≈ M·N. */
#define PRICE_AHEAD 16 /* after a round: also the arcs with rc < (largest ordinary cost) / 16, see mcf_solve */
#define PRICE_SLACK 64 /* measured: −ε alone took 2.1 M arcs into the prefecture's subset (14 s) */
static int64_t price_out(const struct mcf *m, char *in, const char *tail_out, int64_t N, const int64_t *p, int64_t lim,
			 int64_t minc, int64_t *worst)
{
	int64_t added = 0, pmax = INT64_MIN, pmin = INT64_MAX;
	*worst = 0;
	/* rc < −lim needs p(tail) < p(head) − lim − cost·N ≤ max p − lim − min cost·N: most tails are
	 * above that (after a warm start, all but the homes left unassigned), so most arcs are
	 * skipped after one load, and all of them when no tail of a left-out arc is below */
	for (int v = 0; v < m->n; v++) {
		if (p[v] > pmax)
			pmax = p[v];
		if (tail_out[v] && p[v] < pmin)
			pmin = p[v];
	}
	int64_t cut = pmax - lim - minc * N;
	if (pmin >= cut)
		return 0;
	for (int64_t a = 0; a < m->m; a++) {
		if (in[a] || p[m->from[a]] >= cut)
			continue;
		int64_t rc = m->cost[a] * N + p[m->from[a]] - p[m->to[a]];
		if (rc < -lim) {
			in[a] = 1;
			added++;
			if (-rc > *worst)
				*worst = -rc;
		}
	}
	return added;
}

static void write_flows(struct mcf *m, const struct csg *g)
{
	for (int64_t e = 0; e < g->ne; e++)
		if (g->arc[e] >= 0)
			m->flow[g->arc[e]] = m->cap[g->arc[e]] - g->res[e];
	for (int64_t i = 0; i < g->lfirst[g->nl]; i++)
		m->flow[g->lmem[i]] = g->lflow[i];
}

/* ---- warm start: cardinality first ----
 *
 * In the matching networks one cost dwarfs the others: the unassigned arcs' M, set so that a
 * minimum-cost flow places as many patients as possible (docs/matching.md). Scaling from ε = M·N,
 * the first refines only find that cardinality, slowly, by push–relabel at huge ε, and every arc
 * priced in later that lets a patient leave the unassigned arc is an M-sized violation. So, when the
 * costliest arcs ("penalty" arcs) cost ≥ PEN_RATIO times any other, a max-flow from the supplies to
 * the demands over the other arcs runs first (Dinic), the remainder goes over the penalty arcs, and
 * the nodes reached from that remainder (in the residual graph without penalty arcs: the crowded
 * areas' homes left over, the full providers they reach and the homes those took) — "stuck", none
 * can reach a demand, else the max-flow would go on — get prices lower by the penalty. No residual
 * arc leaves the stuck set, the penalty arcs in use have reduced cost 0, and every residual arc
 * violates by at most the largest ordinary cost: the scaling starts from that (times N), not from
 * M·N. (Lowering every node that cannot reach a demand instead — every full provider's — is also
 * that optimal, but far from the optimal prices, which push–relabel can only lower: a unit test's
 * small network then ran into the refine's price bound.) The max-flow is over the whole network:
 * after each pass the arcs left out of the subset that lead out of the stuck set join it and the
 * pass repeats. Only a starting point: the scaling starts from the exact largest violation of this
 * flow and these prices, so the result is optimal whatever they are. */
#define PEN_RATIO 16

static bool pen_entry(const struct csg *g, int64_t e, int64_t thr) { return g->c[e] >= thr || g->c[e] <= -thr; }

/* Distances (in arcs) to a deficit over residual non-penalty arcs, found backwards from the
 * deficits; −1 unreached. Returns whether a node with excess was reached. */
static bool mf_bfs(struct csg *g, int64_t thr, int *d)
{
	int n = g->n, qh = 0, qn = 0;
	bool reached = false;
	for (int v = 0; v < n; v++) {
		d[v] = -1;
		if (g->excess[v] < 0) {
			d[v] = 0;
			g->queue[qn++] = v;
		}
	}
	while (qh < qn) {
		int v = g->queue[qh++];
		reached |= g->excess[v] > 0;
		for (int64_t e = g->first[v]; e < g->first[v + 1]; e++) {
			int u = g->head[e];
			/* u → v is e's reverse; a penalty both ways (a ladder's entries: their own) */
			if (d[u] < 0 && g->rres[e] > 0 && !pen_entry(g, e < g->lend[v] ? g->rev[e] : e, thr)) {
				d[u] = d[v] + 1;
				g->queue[qn++] = u;
			}
		}
	}
	return reached;
}

/* stuck[v]: v is reached from a node with excess over residual non-penalty arcs. After a max-flow
 * no stuck node reaches a deficit. */
static void mf_reach(struct csg *g, int64_t thr, char *stuck)
{
	int n = g->n, qh = 0, qn = 0;
	for (int v = 0; v < n; v++) {
		stuck[v] = g->excess[v] > 0;
		if (stuck[v])
			g->queue[qn++] = v;
	}
	while (qh < qn) {
		int u = g->queue[qh++];
		for (int64_t e = g->first[u]; e < g->first[u + 1]; e++) {
			int v = g->head[e];
			if (!stuck[v] && g->res[e] > 0 && !pen_entry(g, e, thr)) {
				stuck[v] = 1;
				g->queue[qn++] = v;
			}
		}
	}
}

/* Max-flow (Dinic: layers by mf_bfs, blocking flow by depth-first search with current arcs) from
 * the excesses to the deficits over the residual non-penalty arcs. */
static bool mf_dinic(struct csg *g, int64_t thr)
{
	int n = g->n, *d = g->rank;
	int64_t *stack = malloc((size_t)n * sizeof *stack);
	if (!stack)
		return false;
	while (mf_bfs(g, thr, d)) {
		memcpy(g->cur, g->first, (size_t)n * sizeof *g->cur);
		for (int s = 0; s < n; s++) {
			while (g->excess[s] > 0 && d[s] > 0) {
				int top = 0, u = s;
				for (;;) {
					if (g->excess[u] < 0) { /* a deficit: augment along the stack */
						int64_t amt = g->excess[s] < -g->excess[u] ? g->excess[s] : -g->excess[u];
						for (int i = 0; i < top; i++)
							if (g->res[stack[i]] < amt)
								amt = g->res[stack[i]];
						for (int i = 0, v = s; i < top; v = g->head[stack[i]], i++)
							csg_push(g, v, stack[i], amt);
						break;
					}
					int64_t e = g->cur[u], end = g->first[u + 1];
					if (d[u] > 0)
						for (; e < end; e++)
							if (g->res[e] > 0 && d[g->head[e]] == d[u] - 1 && !pen_entry(g, e, thr))
								break;
					if (d[u] > 0 && e < end) {
						g->cur[u] = e;
						stack[top++] = e;
						u = g->head[e];
						continue;
					}
					d[u] = -1; /* a dead end for this phase */
					if (top == 0)
						break;
					top--;
					u = top == 0 ? s : g->head[stack[top - 1]];
					g->cur[u]++;
				}
			}
		}
	}
	free(stack);
	return true;
}

/* Routes every excess left by the max-flow over a penalty arc straight to a node with a deficit
 * (in the matching networks: the unassigned arc to t). false when some excess or deficit is left. */
static bool mf_penalty(struct csg *g, int64_t thr)
{
	bool ok = true;
	for (int u = 0; u < g->n; u++) {
		for (int64_t e = g->first[u]; e < g->first[u + 1] && g->excess[u] > 0; e++) {
			int v = g->head[e];
			if (pen_entry(g, e, thr) && g->c[e] > 0 && g->res[e] > 0 && g->excess[v] < 0) {
				int64_t d = g->excess[u] < g->res[e] ? g->excess[u] : g->res[e];
				csg_push(g, u, e, d < -g->excess[v] ? d : -g->excess[v]);
			}
		}
	}
	for (int v = 0; v < g->n; v++)
		ok &= g->excess[v] == 0;
	return ok;
}

/* The warm start above. On success m->flow holds the flow, p the prices, *eps0 the largest
 * violation (scaled) on the subset, *out its residual graph (for the first round: building it
 * again costs the prefecture 0.2 s), and in[] may have grown. On failure (the penalty arcs cannot
 * take the remainder, or out of memory) nothing is kept and the caller starts cold. */
static bool warm_start(struct mcf *m, char *in, int64_t N, int64_t pen, int64_t *p, int64_t *eps0, struct csg *out)
{
	int n = m->n;
	int64_t thr = pen * N;
	struct csg g = {0};
	g.p = p;
	bool ok = false;
	char *stuck = malloc((size_t)n); /* here: stuck (reached from an excess the max-flow left) */
	if (!stuck || !csg_build(&g, m, in, N))
		goto out;
	for (;;) {
		if (!mf_dinic(&g, thr))
			goto out;
		mf_reach(&g, thr, stuck);
		/* every left-out arc from a stuck node to another: it may open a path to a demand, and
		 * priced in later it would be an M-sized violation (only the cheapest per stuck node:
		 * measured on the prefecture, the subset then grew to 750 k arcs in later rounds, not 411 k) */
		int64_t added = 0;
		for (int64_t a = 0; a < m->m; a++)
			if (!in[a] && m->cap[a] > 0 && stuck[m->from[a]] && !stuck[m->to[a]] && m->cost[a] < pen &&
			    m->cost[a] > -pen) {
				in[a] = 1;
				added++;
			}
		if (added == 0)
			break;
		/* new arcs from the dead part: the excess left there may now find a place */
		write_flows(m, &g);
		csg_free(&g);
		g = (struct csg){0};
		g.p = p;
		if (!csg_build(&g, m, in, N))
			goto out;
	}
	if (!mf_penalty(&g, thr))
		goto out;
	int64_t worst = 1;
	for (int v = 0; v < n; v++)
		p[v] = stuck[v] ? -thr : 0;
	for (int u = 0; u < n; u++)
		for (int64_t e = g.first[u]; e < g.first[u + 1]; e++) {
			int64_t rc = g.c[e] + p[u] - p[g.head[e]];
			if (g.res[e] > 0 && -rc > worst)
				worst = -rc;
		}
	write_flows(m, &g);
	*eps0 = worst;
	*out = g;
	g = (struct csg){0};
	ok = true;
out:
	csg_free(&g);
	free(stuck);
	return ok;
}

/* The price bound of a refine is a quick test, not a proof: the global price updates, the
 * look-ahead and the pricing between refines stray from the textbook refine it is derived from,
 * and a small matching network (8 nodes, seen by test_batch_brute) crossed it although it was
 * feasible: match_batch then failed. So when it trips, a max-flow over the residual graph routes
 * what excess it can to the deficits: if some is left, the supplies truly cannot be routed
 * (*st = MCF_INFEASIBLE); else the refine runs again without the bound, which then terminates
 * (push–relabel on a feasible network). false with *st set when the round cannot go on. */
static bool refine_unbounded(struct csg *g, int64_t eps, enum mcf_status *st)
{
	*st = MCF_NOMEM;
	if (!mf_dinic(g, INT64_MAX)) /* no arc is a penalty here: every residual arc may carry */
		return false;
	*st = MCF_INFEASIBLE;
	for (int v = 0; v < g->n; v++)
		if (g->excess[v] > 0)
			return false;
	return refine(g, eps, INFINITY);
}

/* Early end of a round. The last refines, from ε = one unit of the original costs (N scaled) down
 * to ε = 1 (1/N of a unit), are what proves optimality, and each costs as much as any other: its
 * first step saturates every arc with a slightly negative reduced cost, and push–relabel builds the
 * flow again. Yet the flow is often optimal long before ε = 1. So after every refine with
 * ε ≤ EXACT_TRY·N, exact integer potentials are tried on the spot (exact_potentials from ⌊p/N⌋,
 * bounded to about three passes over the residual graph, about one price update, when it fails):
 * when they exist, the flow is optimal on the subset and the round ends there. Measured on the
 * benchmark's instances (docs/benchmarks.md): every round ended at the first try (ε between N/25
 * and N/90); the prefecture ran 8 refines instead of 14 (6.4 → 3.7 CPU s), the nation 12 instead
 * of 26 (157 → 82 s). */
#define EXACT_TRY 1

/* Cost scaling on the subset in[], warm from m's flow and the scaled potentials p (eps0: the
 * starting ε, in scaled units). When lim0 > 0, the subset is priced after every refine but the
 * last (price_out) for violations beyond max(64·ε, lim0) and grows; mcf_solve sets lim0 to
 * max|cost|·N/64 (0, no mid-round pricing, when max|cost| < 64), so that only violations of the
 * size of the largest costs (in the matching networks, M) are caught there: pricing small ones
 * mid-round cost more than it saved (district). After a warm start (cardinality first) they are
 * rarer but still happen: the scaling may leave a different home unassigned than the max-flow did,
 * and that home's left-out arcs then violate by ≈ M. On success the flow is optimal on the subset
 * and m->pot holds exact potentials. */
static enum mcf_status cs_round(struct mcf *m, char *in, const char *tail_out, int64_t lim0, int64_t minc, int64_t N,
				int64_t *p, int64_t eps0, struct csg *pre)
{
	struct csg g = {0};
	enum mcf_status st = MCF_NOMEM;
	if (pre && pre->first) { /* the warm start's residual graph, of this flow and subset */
		g = *pre;
		*pre = (struct csg){0};
	} else if (!csg_build(&g, m, in, N)) {
		goto out;
	}
	g.p = p;
	int64_t eps = eps0 > 1 ? eps0 : 1, viol = 0;
	bool done = false;
	do {
		int64_t prev = eps > viol ? eps : viol;
		eps = eps / ALPHA > 1 ? eps / ALPHA : 1;
		/* a refine from an (αε)-optimal flow lowers no price by more than ≈ (α + 2)·n·ε; more
		 * means the supplies cannot be routed */
		double bound = (double)(ALPHA + 3) * (double)(m->n + 1) * (double)prev;
		g.relabels = g.pushes = g.updates = 0;
		enum mcf_status why;
		if (!refine(&g, eps, bound) && !refine_unbounded(&g, eps, &why)) {
			st = why;
			goto out;
		}
		/* early end of the round (EXACT_TRY) */
		done = eps > 1 && eps <= EXACT_TRY * N && exact_potentials(&g, N, m->pot, 3 * g.ne + m->n);
		if (m->trace) {
			struct mcf_trace t = {.round = m->rounds, .eps = eps, .relabels = g.relabels,
					      .pushes = g.pushes, .updates = g.updates, .subset_arcs = g.ne / 2,
					      .exact = done};
			m->trace(m->trace_ctx, &t);
		}
		if (done)
			break;
		viol = 0;
		int64_t lim = PRICE_SLACK * eps > lim0 ? PRICE_SLACK * eps : lim0;
		if (lim0 > 0 && eps > 1 && price_out(m, in, tail_out, N, p, lim, minc, &viol) > 0) {
			m->rounds++; /* counted as a pricing round (mcf_solve_stats) */
			write_flows(m, &g);
			csg_free(&g);
			g = (struct csg){0};
			g.p = p;
			if (!csg_build(&g, m, in, N))
				goto out;
		}
	} while (eps > 1);
	write_flows(m, &g);
	if (!done && !exact_potentials(&g, N, m->pot, INT64_MAX)) {
		st = MCF_INFEASIBLE;
		goto out;
	}
	st = MCF_OPTIMAL;
out:
	csg_free(&g);
	return st;
}

enum mcf_status mcf_solve(struct mcf *m)
{
	int64_t total = 0, maxc = 1, second = 1, minc = 0; /* the largest |cost|, the largest below it */
	bool neg_pen = false;
	for (int v = 0; v < m->n; v++)
		total += m->supply[v];
	if (total != 0)
		return MCF_UNBALANCED;
	for (int64_t a = 0; a < m->m; a++) {
		int64_t c = m->cost[a] < 0 ? -m->cost[a] : m->cost[a];
		if (c > maxc)
			maxc = c;
	}
	for (int64_t a = 0; a < m->m; a++) {
		int64_t c = m->cost[a] < 0 ? -m->cost[a] : m->cost[a];
		if (c < maxc && c > second)
			second = c;
		neg_pen |= m->cost[a] == -maxc;
		if (m->cost[a] < minc)
			minc = m->cost[a];
	}
	int64_t N = (int64_t)m->n + 1;
	/* scaled costs (and the prices, a small multiple of them in practice) must stay far from
	 * overflow; else the reference solver */
	if ((double)maxc * (double)N > 9e15)
		return mcf_solve_ssp(m);
	for (int64_t a = 0; a < m->m; a++) {
		m->flow[a] = 0;
		if (m->from[a] == m->to[a] && m->cost[a] < 0) /* self-loops: settled here */
			m->flow[a] = m->cap[a];
	}
	int64_t *p = calloc((size_t)m->n, sizeof *p);
	char *in = candidates(m);
	if (!p || !in) {
		free(p);
		free(in);
		return MCF_NOMEM;
	}
	int64_t eps0 = maxc * N;
	/* cardinality first (warm_start) when the costliest arcs are penalties */
	struct csg pre = {0};
	bool warm = maxc >= PEN_RATIO * second && !neg_pen && warm_start(m, in, N, maxc, p, &eps0, &pre);
	if (warm && m->trace) { /* round 0: the warm start, its ε the largest violation it left */
		struct mcf_trace t = {.round = 0, .eps = eps0};
		for (int64_t a = 0; a < m->m; a++)
			t.subset_arcs += in[a] != 0;
		m->trace(m->trace_ctx, &t);
	}
	if (!warm) {
		for (int64_t a = 0; a < m->m; a++)
			m->flow[a] = (m->from[a] == m->to[a] && m->cost[a] < 0) ? m->cap[a] : 0;
		memset(p, 0, (size_t)m->n * sizeof *p);
		eps0 = maxc * N;
	}
	bool all = true;
	char *tail_out = calloc((size_t)m->n, 1); /* v is the tail of an arc left out (now or at first) */
	if (!tail_out) {
		free(p);
		free(in);
		csg_free(&pre);
		return MCF_NOMEM;
	}
	for (int64_t a = 0; a < m->m; a++) {
		all &= in[a] != 0;
		if (!in[a])
			tail_out[m->from[a]] = 1;
	}
	enum mcf_status st;
	m->rounds = 0;
	for (;;) {
		m->rounds++;
		int64_t lim0 = all ? 0 : maxc / PRICE_SLACK * N;
		st = cs_round(m, in, tail_out, lim0, minc, N, p, eps0, &pre);
		if (st == MCF_INFEASIBLE && !all) {
			/* the subset cannot route the supplies: the whole network, from scratch */
			memset(in, 1, (size_t)m->m);
			all = true;
			for (int64_t a = 0; a < m->m; a++)
				m->flow[a] = (m->from[a] == m->to[a] && m->cost[a] < 0) ? m->cap[a] : 0;
			memset(p, 0, (size_t)m->n * sizeof *p);
			eps0 = maxc * N;
			continue;
		}
		if (st != MCF_OPTIMAL || all)
			break;
		/* pricing: arcs left out with a negative reduced cost join the subset */
		int64_t worst = 0, added = 0;
		for (int64_t a = 0; a < m->m; a++) {
			if (in[a])
				continue;
			int64_t rc = m->cost[a] + m->pot[m->from[a]] - m->pot[m->to[a]];
			if (rc < 0) {
				in[a] = 1;
				added++;
				if (-rc > worst)
					worst = -rc;
			}
		}
		if (added == 0)
			break;
		/* and, since a round is due anyway, the arcs nearly violating (rc < the largest ordinary
		 * cost / 16: 10 units = 1 km in the matching networks): the prices of this round move, and
		 * they were the next rounds' violations. Measured: district 3 rounds instead of 4, −14 %
		 * instructions; prefecture 2 rounds instead of 4, −25 % CPU (subset 555 k instead of
		 * 411 k); / 8 the district gained as much, the prefecture less (834 k arcs) */
		for (int64_t a = 0; a < m->m; a++)
			if (!in[a] && m->cost[a] + m->pot[m->from[a]] - m->pot[m->to[a]] < second / PRICE_AHEAD)
				in[a] = 1;
		for (int v = 0; v < m->n; v++)
			p[v] = m->pot[v] * N;
		eps0 = worst * N;
	}
	m->subset_arcs = 0;
	for (int64_t a = 0; a < m->m; a++)
		m->subset_arcs += in[a] != 0;
	free(p);
	free(in);
	free(tail_out);
	csg_free(&pre);
	if (st == MCF_OPTIMAL)
		m->solved = true;
	return st;
}

bool mcf_certify(const struct mcf *m, char *why, size_t whysz)
{
	char dummy[8];
	if (!why) {
		why = dummy;
		whysz = sizeof dummy;
	}
	int64_t *bal = calloc((size_t)m->n, sizeof *bal);
	if (!bal) {
		snprintf(why, whysz, "out of memory");
		return false;
	}
	bool ok = true;
	for (int64_t a = 0; a < m->m && ok; a++) {
		int64_t x = m->flow[a];
		if (x < 0 || x > m->cap[a]) {
			snprintf(why, whysz, "arc %lld: flow %lld outside [0, %lld]", (long long)a, (long long)x,
				 (long long)m->cap[a]);
			ok = false;
			break;
		}
		int64_t rc = m->cost[a] + m->pot[m->from[a]] - m->pot[m->to[a]];
		if ((x < m->cap[a] && rc < 0) || (x > 0 && rc > 0)) {
			snprintf(why, whysz, "arc %lld (%d→%d): reduced cost %lld with flow %lld of %lld", (long long)a,
				 m->from[a], m->to[a], (long long)rc, (long long)x, (long long)m->cap[a]);
			ok = false;
			break;
		}
		bal[m->from[a]] += x;
		bal[m->to[a]] -= x;
	}
	for (int v = 0; v < m->n && ok; v++)
		if (bal[v] != m->supply[v]) {
			snprintf(why, whysz, "node %d: net outflow %lld, supply %lld", v, (long long)bal[v],
				 (long long)m->supply[v]);
			ok = false;
		}
	free(bal);
	if (ok && whysz)
		why[0] = '\0';
	return ok;
}
