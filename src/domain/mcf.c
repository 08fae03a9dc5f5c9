/* Minimum-cost flow by successive shortest paths with potentials, and its certificate (see mcf.h). */
#include "domain/mcf.h"

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

enum mcf_status mcf_solve(struct mcf *m)
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
