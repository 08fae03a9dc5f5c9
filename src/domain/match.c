/* Referral ↔ provider matching: eligibility, ranking and the optimal batch (see match.h, docs/matching.md). */
#include "domain/match.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/geo.h"
#include "domain/mcf.h"
#include "domain/patient.h"

const struct code_entry match_roles[MATCH_ROLE__MAX] = {
	[MATCH_CLINIC] = {"clinic", "かかりつけ医（訪問診療）"},
	[MATCH_NURSE] = {"nurse_station", "訪問看護ステーション"},
};

const struct code_entry match_codes[MATCH_CODE__MAX] = {
	[MATCH_OK] = {"ok", "受入可能"},
	[MATCH_WRONG_ROLE] = {"wrong_role", "対象外の種別"},
	[MATCH_NO_COORD] = {"no_coord", "座標が未登録"},
	[MATCH_TOO_FAR] = {"too_far", "16kmを超える"},
	[MATCH_AVOIDED] = {"avoided", "ご家族が回避を希望"},
	[MATCH_NOT_PREFERRED] = {"not_preferred", "ご家族が他の機関を指定"},
	[MATCH_LACKS] = {"lacks", "必要な対応なし"},
	[MATCH_UNCONFIRMED] = {"unconfirmed", "必要な対応が未確認"},
	[MATCH_FULL] = {"full", "受入枠の残りなし"},
};

const struct code_entry match_unassigned_codes[MATCH_UNASSIGNED__MAX] = {
	[MATCH_ASSIGNED] = {"assigned", "割当済み"},
	[MATCH_NOT_WANTED] = {"not_wanted", "依頼なし"},
	[MATCH_NONE_CAPABLE] = {"none_capable", "16km以内に必要な対応ができる機関がありません"},
	[MATCH_ALL_FULL] = {"all_full", "対応できる機関はすべて受入枠の残りがありません"},
	[MATCH_TAKEN] = {"taken", "対応できる機関の受入枠は他の患者に割り当てました（割当人数は最大です）"},
};

int match_role_of_kind(enum inst_kind k)
{
	switch (k) {
	case KIND_CLINIC:
	case KIND_HOSPITAL:
		return MATCH_CLINIC;
	case KIND_NURSE_STATION:
		return MATCH_NURSE;
	default:
		return -1;
	}
}

/* ---- eligibility ---- */

/* Appends piece to buf, separated by 「、」; a piece that does not fit whole is left out (no cut
 * UTF-8). */
static void cat(char *buf, size_t sz, const char *piece)
{
	size_t len = strlen(buf), sl = len ? strlen("、") : 0, pl = strlen(piece);
	if (len + sl + pl >= sz)
		return;
	memcpy(buf + len, "、", sl);
	memcpy(buf + len + sl, piece, pl + 1);
}

static void cap_list(uint32_t caps, char *out, size_t sz)
{
	out[0] = '\0';
	for (int c = 0; c < CAP__MAX; c++)
		if (caps & (1u << c)) {
			size_t len = strlen(out);
			snprintf(out + len, sz - len, "%s%s", len ? "・" : "", capabilities[c].ja);
		}
}

static const struct match_pref *pref_of(const struct match_referral *r, const struct match_provider *p)
{
	for (int i = 0; i < r->n_prefs && i < MATCH_PREFS_MAX; i++)
		if (r->prefs[i].provider_id == p->id && r->prefs[i].role == p->role)
			return &r->prefs[i];
	return NULL;
}

/* Whether a hard preference of r for a provider of p's role names another provider than p. */
static bool hard_pref_excludes(const struct match_referral *r, const struct match_provider *p)
{
	bool hard = false;
	for (int i = 0; i < r->n_prefs && i < MATCH_PREFS_MAX; i++) {
		const struct match_pref *q = &r->prefs[i];
		if (q->avoid || !q->hard || q->role != p->role)
			continue;
		if (q->provider_id == p->id)
			return false;
		hard = true;
	}
	return hard;
}

static bool eligible_ex(const struct match_referral *r, const struct match_provider *p, struct match_reason *why)
{
	struct match_reason tmp;
	if (!why)
		why = &tmp;
	memset(why, 0, sizeof *why);
	why->distance_km = -1;
	uint32_t codes = 0;
	if (p->role < 0 || p->role >= MATCH_ROLE__MAX || !r->want[p->role])
		codes |= 1u << MATCH_WRONG_ROLE;
	if (!r->has_coord || !p->has_coord)
		codes |= 1u << MATCH_NO_COORD;
	else {
		why->distance_km = geo_distance_km(r->lat, r->lon, p->lat, p->lon);
		if (why->distance_km > GEO_HOME_VISIT_KM)
			codes |= 1u << MATCH_TOO_FAR;
	}
	const struct match_pref *q = pref_of(r, p);
	if (q && q->avoid && q->hard)
		codes |= 1u << MATCH_AVOIDED;
	if (hard_pref_excludes(r, p))
		codes |= 1u << MATCH_NOT_PREFERRED;
	uint32_t need = (p->role >= 0 && p->role < MATCH_ROLE__MAX) ? r->needs[p->role] : 0;
	why->lacking = need & ~p->capabilities & p->capabilities_known;
	why->unconfirmed = need & ~p->capabilities & ~p->capabilities_known;
	if (why->lacking)
		codes |= 1u << MATCH_LACKS;
	if (why->unconfirmed)
		codes |= 1u << MATCH_UNCONFIRMED;
	if (p->capacity_left <= 0)
		codes |= 1u << MATCH_FULL;
	why->codes = codes;
	if (why == &tmp)
		return codes == 0; /* no text wanted */
	why->code = MATCH_OK;
	for (int c = 1; c < MATCH_CODE__MAX; c++)
		if (codes & (1u << c)) {
			why->code = (enum match_code)c;
			break;
		}
	char list[320], piece[384];
	char *t = why->text;
	size_t sz = sizeof why->text;
	t[0] = '\0';
	if (codes == 0) {
		snprintf(piece, sizeof piece, "16km以内（%.1fkm）・必要な対応あり・受入枠あり", why->distance_km);
		cat(t, sz, piece);
	}
	if (codes & (1u << MATCH_WRONG_ROLE))
		cat(t, sz, match_codes[MATCH_WRONG_ROLE].ja);
	if (codes & (1u << MATCH_NO_COORD))
		cat(t, sz, "座標が未登録のため距離を測れません");
	if (codes & (1u << MATCH_TOO_FAR)) {
		snprintf(piece, sizeof piece, "16kmを超えています（%.1fkm）", why->distance_km);
		cat(t, sz, piece);
	}
	if (codes & (1u << MATCH_AVOIDED))
		cat(t, sz, "ご家族が避けたい機関です");
	if (codes & (1u << MATCH_NOT_PREFERRED))
		cat(t, sz, "ご家族が別の機関を指定しています");
	if (codes & (1u << MATCH_LACKS)) {
		cap_list(why->lacking, list, sizeof list);
		snprintf(piece, sizeof piece, "%sに対応なし", list);
		cat(t, sz, piece);
	}
	if (codes & (1u << MATCH_UNCONFIRMED)) {
		cap_list(why->unconfirmed, list, sizeof list);
		snprintf(piece, sizeof piece, "%sへの対応が未確認", list);
		cat(t, sz, piece);
	}
	if (codes & (1u << MATCH_FULL))
		cat(t, sz, "受入可能数の残りがありません");
	return codes == 0;
}

/* The same predicate as eligible_ex without the reasons (the batch's inner loop); room: whether
 * capacity counts. *km receives the distance when coordinates exist. */
static bool fast_ok(const struct match_referral *r, const struct match_provider *p, bool room, double *km)
{
	if (p->role < 0 || p->role >= MATCH_ROLE__MAX || !r->want[p->role] || !r->has_coord || !p->has_coord)
		return false;
	if (room && p->capacity_left <= 0)
		return false;
	if ((r->needs[p->role] & ~p->capabilities) != 0)
		return false;
	*km = geo_distance_km(r->lat, r->lon, p->lat, p->lon);
	if (*km > GEO_HOME_VISIT_KM)
		return false;
	if (r->n_prefs > 0) {
		const struct match_pref *q = pref_of(r, p);
		if ((q && q->avoid && q->hard) || hard_pref_excludes(r, p))
			return false;
	}
	return true;
}

bool match_eligible(const struct match_referral *r, const struct match_provider *p, struct match_reason *why)
{
	return eligible_ex(r, p, why);
}

bool match_capable(const struct match_referral *r, const struct match_provider *p)
{
	struct match_provider q = *p;
	q.capacity_left = 1;
	return match_eligible(r, &q, NULL);
}

/* ---- costs ---- */

void match_weights_default(struct match_weights *w)
{
	w->load_step = 1;
	w->load_band = 1;
	w->soft_avoid = 50;
	w->soft_prefer = 50;
	w->nearby_km = 32.0;
}

int64_t match_distance_cost(double km)
{
	if (!(km >= 0))
		return 0;
	return (int64_t)llround(km * 10.0);
}

int64_t match_arc_cost(const struct match_weights *w, const struct match_referral *r, const struct match_provider *p,
		       double km)
{
	int64_t c = match_distance_cost(km);
	const struct match_pref *q = pref_of(r, p);
	if (q && q->avoid && !q->hard)
		c += w->soft_avoid;
	bool soft_prefer = false;
	for (int i = 0; i < r->n_prefs && i < MATCH_PREFS_MAX; i++)
		if (!r->prefs[i].avoid && !r->prefs[i].hard && r->prefs[i].role == p->role)
			soft_prefer = true;
	if (soft_prefer && !(q && !q->avoid))
		c += w->soft_prefer;
	return c;
}

int64_t match_load_cost(const struct match_weights *w, int carried)
{
	int64_t band = w->load_band > 0 ? w->load_band : 1;
	if (carried < 0)
		carried = 0;
	return w->load_step * (carried / band) * band;
}

/* ---- ranking ---- */

static int cand_cmp(const void *a, const void *b)
{
	const struct match_candidate *x = a, *y = b;
	if (x->eligible != y->eligible)
		return x->eligible ? -1 : 1;
	if (x->eligible && x->score != y->score)
		return x->score < y->score ? -1 : 1;
	double dx = x->reason.distance_km, dy = y->reason.distance_km;
	if (dx < 0)
		dx = 1e9;
	if (dy < 0)
		dy = 1e9;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return x->provider - y->provider;
}

int match_rank(const struct match_referral *r, enum match_role role, const struct match_provider *p, int n,
	       const struct match_weights *w, struct match_candidate *out, int max)
{
	int k = 0;
	struct match_candidate *all = malloc((size_t)(n > 0 ? n : 1) * sizeof *all);
	if (!all)
		return 0;
	for (int i = 0; i < n; i++) {
		if (p[i].role != role)
			continue;
		struct match_candidate *c = &all[k];
		memset(c, 0, sizeof *c);
		c->provider = i;
		c->eligible = eligible_ex(r, &p[i], &c->reason);
		if (!c->eligible && c->reason.distance_km > w->nearby_km)
			continue;
		const struct match_pref *q = pref_of(r, &p[i]);
		c->preferred = q && !q->avoid;
		c->soft_avoided = q && q->avoid && !q->hard;
		if (c->eligible) {
			int64_t arc = match_arc_cost(w, r, &p[i], c->reason.distance_km);
			int64_t load = match_load_cost(w, p[i].load);
			c->score = arc + load;
			snprintf(c->why, sizeof c->why, "距離 %.1fkm・現在の患者 %d人（受入枠 残り%d）%s%s", c->reason.distance_km,
				 p[i].load, p[i].capacity_left, c->preferred ? "・ご家族の希望" : "",
				 c->soft_avoided ? "・ご家族はできれば避けたい" : "");
		} else {
			snprintf(c->why, sizeof c->why, "%s", c->reason.text);
		}
		k++;
	}
	qsort(all, (size_t)k, sizeof *all, cand_cmp);
	int rank = 0, written = 0;
	for (int i = 0; i < k && written < max; i++) {
		if (all[i].eligible)
			all[i].rank = ++rank;
		out[written++] = all[i];
	}
	free(all);
	return written;
}

/* ---- the network and the batch ---- */

/* A grid of providers for the 16 km search: cells of CELL_LAT × CELL_LON degrees. */
#define CELL_LAT 0.15
#define CELL_LON 0.2
#define CELL_W 100000LL

struct grid {
	int64_t *key; /* sorted cell keys */
	int *idx;     /* provider index for each key */
	int n;
};

static int64_t cell_key(double lat, double lon)
{
	return (int64_t)floor(lat / CELL_LAT) * CELL_W + (int64_t)floor(lon / CELL_LON);
}

struct kv {
	int64_t key;
	int idx;
};

static int kv_cmp(const void *a, const void *b)
{
	const struct kv *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->idx - y->idx;
}

static bool grid_build(struct grid *g, const struct match_provider *p, int np, enum match_role role)
{
	struct kv *kv = malloc((size_t)(np > 0 ? np : 1) * sizeof *kv);
	if (!kv)
		return false;
	int n = 0;
	for (int i = 0; i < np; i++)
		if (p[i].role == role && p[i].has_coord)
			kv[n++] = (struct kv){cell_key(p[i].lat, p[i].lon), i};
	qsort(kv, (size_t)n, sizeof *kv, kv_cmp);
	g->key = malloc((size_t)(n > 0 ? n : 1) * sizeof *g->key);
	g->idx = malloc((size_t)(n > 0 ? n : 1) * sizeof *g->idx);
	if (!g->key || !g->idx) {
		free(kv);
		return false;
	}
	for (int i = 0; i < n; i++) {
		g->key[i] = kv[i].key;
		g->idx[i] = kv[i].idx;
	}
	g->n = n;
	free(kv);
	return true;
}

static void grid_free(struct grid *g)
{
	free(g->key);
	free(g->idx);
}

static int lower_bound(const int64_t *a, int n, int64_t k)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (a[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Calls back every provider of the grid whose cell may lie within 16 km of (lat, lon), in
 * ascending provider index within each cell row (deterministic). Fills out (capacity max) and
 * returns how many. */
static int grid_near(const struct grid *g, double lat, double lon, int *out, int max)
{
	double dlat, dlon;
	geo_bbox(lat, GEO_HOME_VISIT_KM, &dlat, &dlon);
	int64_t y0 = (int64_t)floor((lat - dlat) / CELL_LAT), y1 = (int64_t)floor((lat + dlat) / CELL_LAT);
	int64_t x0 = (int64_t)floor((lon - dlon) / CELL_LON), x1 = (int64_t)floor((lon + dlon) / CELL_LON);
	int k = 0;
	for (int64_t y = y0; y <= y1; y++) {
		int i = lower_bound(g->key, g->n, y * CELL_W + x0);
		int64_t end = y * CELL_W + x1;
		for (; i < g->n && g->key[i] <= end && k < max; i++)
			out[k++] = g->idx[i];
	}
	return k;
}

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Referrals are grouped when they are interchangeable in the model: same coordinates, same needs of
 * the role, and no preferences (docs/matching.md, "Aggregation"). */
static const struct match_referral *g_sort_r; /* qsort context (single-threaded use) */
static enum match_role g_sort_role;

static int ref_cmp(const void *a, const void *b)
{
	const struct match_referral *x = &g_sort_r[*(const int *)a], *y = &g_sort_r[*(const int *)b];
	if (x->n_prefs != y->n_prefs)
		return x->n_prefs < y->n_prefs ? -1 : 1;
	if (x->lat != y->lat)
		return x->lat < y->lat ? -1 : 1;
	if (x->lon != y->lon)
		return x->lon < y->lon ? -1 : 1;
	if (x->needs[g_sort_role] != y->needs[g_sort_role])
		return x->needs[g_sort_role] < y->needs[g_sort_role] ? -1 : 1;
	return int_cmp(a, b);
}

static bool same_group(const struct match_referral *x, const struct match_referral *y, enum match_role role)
{
	return x->n_prefs == 0 && y->n_prefs == 0 && x->lat == y->lat && x->lon == y->lon &&
	       x->needs[role] == y->needs[role];
}

/* Build state shared by match_network and match_batch. */
struct built {
	struct mcf *m;
	int n_groups;
	int *order;       /* referral indices of the role, grouped */
	int *gstart;      /* n_groups + 1 offsets into order */
	int *prov_node;   /* np entries: provider's node or −1 */
	int64_t big_m;
	int64_t first_load_arc;
};

static void built_free(struct built *b)
{
	free(b->order);
	free(b->gstart);
	free(b->prov_node);
}

static struct mcf *build(const struct match_referral *r, int nr, const struct match_provider *p, int np,
			 enum match_role role, const struct match_weights *w, struct built *b)
{
	memset(b, 0, sizeof *b);
	struct grid g = {0};
	int *near = NULL;
	int64_t *acost = NULL;
	int *ato = NULL, *afrom = NULL;
	size_t na = 0, nacap = 0;
	struct mcf *m = NULL;
	b->order = malloc((size_t)(nr > 0 ? nr : 1) * sizeof *b->order);
	b->gstart = malloc((size_t)(nr + 1) * sizeof *b->gstart);
	b->prov_node = malloc((size_t)(np > 0 ? np : 1) * sizeof *b->prov_node);
	near = malloc((size_t)(np > 0 ? np : 1) * sizeof *near);
	if (!b->order || !b->gstart || !b->prov_node || !near || !grid_build(&g, p, np, role))
		goto fail;
	int k = 0;
	for (int i = 0; i < nr; i++)
		if (r[i].want[role] && r[i].has_coord)
			b->order[k++] = i;
	g_sort_r = r;
	g_sort_role = role;
	qsort(b->order, (size_t)k, sizeof *b->order, ref_cmp);
	int ng = 0;
	for (int i = 0; i < k; i++)
		if (i == 0 || !same_group(&r[b->order[i - 1]], &r[b->order[i]], role))
			b->gstart[ng++] = i;
	b->gstart[ng] = k;
	b->n_groups = ng;
	/* Provider nodes: every provider of the role with room (capacity_left > 0). */
	int nn = 1 + ng;
	for (int j = 0; j < np; j++)
		b->prov_node[j] = (p[j].role == role && p[j].capacity_left > 0 && p[j].has_coord) ? nn++ : -1;
	/* Arcs group → provider, collected first to know the largest cost (for the big M). */
	int64_t cmax = 0;
	for (int gi = 0; gi < ng; gi++) {
		const struct match_referral *rep = &r[b->order[b->gstart[gi]]];
		int cnt = grid_near(&g, rep->lat, rep->lon, near, np);
		qsort(near, (size_t)cnt, sizeof *near, int_cmp);
		for (int t = 0; t < cnt; t++) {
			int j = near[t];
			double km;
			if (b->prov_node[j] < 0 || !fast_ok(rep, &p[j], true, &km))
				continue;
			if (na == nacap) {
				nacap = nacap ? nacap * 2 : 1024;
				int64_t *c2 = realloc(acost, nacap * sizeof *acost);
				if (!c2)
					goto fail;
				acost = c2;
				int *t2 = realloc(ato, nacap * sizeof *ato);
				if (!t2)
					goto fail;
				ato = t2;
				int *f2 = realloc(afrom, nacap * sizeof *afrom);
				if (!f2)
					goto fail;
				afrom = f2;
			}
			int64_t c = match_arc_cost(w, rep, &p[j], km);
			acost[na] = c;
			ato[na] = b->prov_node[j];
			afrom[na] = 1 + gi;
			na++;
			if (c > cmax)
				cmax = c;
		}
	}
	int64_t lmax = 0;
	int nprov = 0;
	for (int j = 0; j < np; j++)
		if (b->prov_node[j] >= 0) {
			nprov++;
			int64_t c = match_load_cost(w, p[j].load + p[j].capacity_left - 1);
			if (c > lmax)
				lmax = c;
		}
	/* The big M exceeds the cost of any augmenting path (docs/matching.md, "Cardinality first"). */
	int64_t alt = (nprov < ng ? nprov : ng) + 1;
	b->big_m = alt * (cmax + lmax) + 1;
	m = mcf_new(nn, na + (size_t)ng + (size_t)nprov + 16);
	if (!m)
		goto fail;
	/* Arc order: group → provider, group → sink (unassigned), provider → sink (load bands). */
	for (size_t a = 0; a < na; a++) {
		int gi = afrom[a] - 1;
		int64_t size = b->gstart[gi + 1] - b->gstart[gi];
		if (mcf_add_arc(m, afrom[a], ato[a], size, acost[a]) < 0)
			goto fail;
	}
	for (int gi = 0; gi < ng; gi++) {
		int64_t size = b->gstart[gi + 1] - b->gstart[gi];
		mcf_set_supply(m, 1 + gi, size);
		if (mcf_add_arc(m, 1 + gi, 0, size, b->big_m) < 0)
			goto fail;
	}
	mcf_set_supply(m, 0, -(int64_t)k);
	b->first_load_arc = mcf_arcs(m);
	for (int j = 0; j < np; j++) {
		if (b->prov_node[j] < 0)
			continue;
		/* Consecutive patients of equal marginal cost share one arc (exactly the same model). */
		int from = p[j].load, end = p[j].load + p[j].capacity_left;
		while (from < end) {
			int64_t c = match_load_cost(w, from);
			int to = from + 1;
			while (to < end && match_load_cost(w, to) == c)
				to++;
			if (mcf_add_arc(m, b->prov_node[j], 0, to - from, c) < 0)
				goto fail;
			from = to;
		}
	}
	free(afrom);
	free(acost);
	free(ato);
	free(near);
	grid_free(&g);
	b->m = m;
	return m;
fail:
	free(afrom);
	mcf_free(m);
	free(acost);
	free(ato);
	free(near);
	grid_free(&g);
	built_free(b);
	memset(b, 0, sizeof *b);
	return NULL;
}

struct mcf *match_network(const struct match_referral *r, int nr, const struct match_provider *p, int np,
			  enum match_role role, const struct match_weights *w, int *group_of, int64_t *big_m)
{
	struct built b;
	struct mcf *m = build(r, nr, p, np, role, w, &b);
	if (!m)
		return NULL;
	if (group_of) {
		for (int i = 0; i < nr; i++)
			group_of[i] = -1;
		for (int gi = 0; gi < b.n_groups; gi++)
			for (int t = b.gstart[gi]; t < b.gstart[gi + 1]; t++)
				group_of[b.order[t]] = 1 + gi;
	}
	if (big_m)
		*big_m = b.big_m;
	built_free(&b);
	return m;
}

/* Why referral ri got no provider of role: no capable provider within 16 km, all capable full
 * before the batch, or room taken by others of the batch. g holds every provider of the role with
 * coordinates; near is scratch of np entries. */
static enum match_unassigned why_unassigned(const struct match_referral *ri, const struct match_provider *p, int np,
					    const struct grid *g, int *near)
{
	if (!ri->has_coord)
		return MATCH_NONE_CAPABLE;
	int cnt = grid_near(g, ri->lat, ri->lon, near, np);
	bool capable = false;
	for (int t = 0; t < cnt; t++) {
		double km;
		if (!fast_ok(ri, &p[near[t]], false, &km))
			continue;
		capable = true;
		if (p[near[t]].capacity_left > 0)
			return MATCH_TAKEN;
	}
	return capable ? MATCH_ALL_FULL : MATCH_NONE_CAPABLE;
}

static int solve_role(const struct match_referral *r, int nr, const struct match_provider *p, int np,
		      enum match_role role, const struct match_weights *w, struct match_assignment *out,
		      struct match_batch_stats *st)
{
	struct built b;
	struct mcf *m = build(r, nr, p, np, role, w, &b);
	if (!m)
		return -1;
	enum mcf_status s = mcf_solve(m);
	if (s != MCF_OPTIMAL) {
		mcf_free(m);
		built_free(&b);
		return -1;
	}
	st->certified[role] = mcf_certify(m, NULL, 0);
	st->big_m[role] = b.big_m;
	st->supply_nodes[role] = b.n_groups;
	st->arcs[role] = mcf_arcs(m);
	int *taken = calloc((size_t)(np > 0 ? np : 1), sizeof *taken);
	int *node_prov = malloc((size_t)mcf_nodes(m) * sizeof *node_prov);
	if (!taken || !node_prov) {
		free(taken);
		free(node_prov);
		mcf_free(m);
		built_free(&b);
		return -1;
	}
	for (int v = 0; v < mcf_nodes(m); v++)
		node_prov[v] = -1;
	for (int j = 0; j < np; j++)
		if (b.prov_node[j] >= 0)
			node_prov[b.prov_node[j]] = j;
	for (int i = 0; i < nr; i++) {
		out[i].provider[role] = -1;
		out[i].cost[role] = 0;
		out[i].status[role] = r[i].want[role] ? MATCH_NONE_CAPABLE : MATCH_NOT_WANTED;
	}
	/* Hand each group's flow to its members in referral order (members are interchangeable). */
	int64_t narcs = mcf_arcs(m);
	int *cursor = malloc((size_t)(b.n_groups + 1) * sizeof *cursor);
	if (!cursor) {
		free(taken);
		free(node_prov);
		mcf_free(m);
		built_free(&b);
		return -1;
	}
	for (int gi = 0; gi < b.n_groups; gi++) {
		cursor[gi] = b.gstart[gi];
		/* members in ascending referral index */
		qsort(b.order + b.gstart[gi], (size_t)(b.gstart[gi + 1] - b.gstart[gi]), sizeof *b.order, int_cmp);
	}
	int64_t objective = 0;
	for (int64_t a = 0; a < b.first_load_arc && a < narcs; a++) {
		int from, to;
		int64_t cap, cost;
		mcf_arc(m, a, &from, &to, &cap, &cost);
		int64_t x = mcf_flow(m, a);
		if (to == 0 || x == 0)
			continue;
		int gi = from - 1, j = node_prov[to];
		for (int64_t u = 0; u < x; u++) {
			int i = b.order[cursor[gi]++];
			out[i].provider[role] = j;
			out[i].cost[role] = cost + match_load_cost(w, p[j].load + taken[j]);
			out[i].status[role] = MATCH_ASSIGNED;
			objective += out[i].cost[role];
			taken[j]++;
		}
	}
	st->objective[role] = objective;
	struct grid g = {0};
	int *near = malloc((size_t)(np > 0 ? np : 1) * sizeof *near);
	if (!near || !grid_build(&g, p, np, role)) {
		free(near);
		grid_free(&g);
		free(cursor);
		free(taken);
		free(node_prov);
		mcf_free(m);
		built_free(&b);
		return -1;
	}
	for (int i = 0; i < nr; i++) {
		if (!r[i].want[role])
			continue;
		if (out[i].status[role] == MATCH_ASSIGNED)
			st->assigned[role]++;
		else {
			st->unassigned[role]++;
			out[i].status[role] = why_unassigned(&r[i], p, np, &g, near);
		}
	}
	free(near);
	grid_free(&g);
	free(cursor);
	free(taken);
	free(node_prov);
	mcf_free(m);
	built_free(&b);
	return 0;
}

int match_batch(const struct match_referral *r, int nr, const struct match_provider *p, int np,
		const struct match_weights *w, struct match_assignment *out, struct match_batch_stats *stats)
{
	struct match_batch_stats st;
	memset(&st, 0, sizeof st);
	struct match_assignment *tmp = malloc((size_t)(nr > 0 ? nr : 1) * sizeof *tmp);
	if (!tmp)
		return -1;
	for (int role = 0; role < MATCH_ROLE__MAX; role++)
		if (solve_role(r, nr, p, np, (enum match_role)role, w, tmp, &st) != 0) {
			free(tmp);
			return -1;
		}
	if (nr > 0)
		memcpy(out, tmp, (size_t)nr * sizeof *tmp);
	free(tmp);
	if (stats)
		*stats = st;
	return 0;
}
