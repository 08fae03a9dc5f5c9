/* File imports as use cases: parse with io/, write with the store in one transaction with the
 * audit row (see app_imports.h). */
#include "app/app_imports.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_designation.h"
#include "app/app_positions.h"
#include "domain/facility.h"
#include "io/adjacency_csv.h"
#include "core/actor.h"
#include "core/arena.h"
#include "core/clock.h"
#include "domain/wareki.h"
#include "io/code_list_import.h"
#include "io/digest.h"
#include "io/encoding.h"
#include <stdio.h>
#include "io/facility_json.h"
#include "io/refdata.h"
#include "io/xlsx_read.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_import.h"

/* ---- 地方厚生局 lists (facility-standards) ---- */

/*
 * The registry as the list sees it (store_bureau_snapshot), with the registry hash: SHA-256 over
 * every row read, so that a confirmation can prove the registry is still the one previewed.
 */
struct reg_filing {
	const char *symbol, *name, *number, *start, *note;
	bool known;
};
struct reg_inst {
	struct store_bureau_row row; /* strings in the snapshot's arena */
	uint32_t standards;
	const char *since[STD__MAX];
	size_t f0, nf; /* its filings: filings[f0 .. f0+nf) */
	int li;        /* index in the list, -1 when absent from it */
};
struct snapshot {
	struct reg_inst *insts;
	size_t n, cap, cur; /* cur: merge cursor for standards and filings (both ordered by id) */
	int phase;          /* 0 institutions, 1 standards, 2 filings: the cursor restarts per pass */
	struct reg_filing *filings;
	size_t nf, capf;
	struct arena arena;
	struct digest *d;
	char hash[DIGEST_HEX_LEN + 1];
};

/* Grows *arr (elements of size sz) by one zeroed slot; aborts when out of memory. */
static void *push(void *arr, size_t *n, size_t *cap, size_t sz)
{
	void **a = arr;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*a = realloc(*a, *cap * sz);
		if (*a == NULL)
			abort();
	}
	void *slot = (char *)*a + (*n)++ * sz;
	memset(slot, 0, sz);
	return slot;
}
#define PUSH(parr, pn, pcap) push((parr), (pn), (pcap), sizeof **(parr))

static const char *sdup(struct snapshot *s, const char *v)
{
	return arena_dup(&s->arena, v ? v : "");
}

static struct reg_inst *snap_find(struct snapshot *s, int64_t id)
{
	while (s->cur < s->n && s->insts[s->cur].row.id < id)
		s->cur++;
	return s->cur < s->n && s->insts[s->cur].row.id == id ? &s->insts[s->cur] : NULL;
}

static void snap_inst(const struct store_bureau_row *r, void *p)
{
	struct snapshot *s = p;
	struct reg_inst *ri = PUSH(&s->insts, &s->n, &s->cap);
	ri->row = (struct store_bureau_row){r->id, sdup(s, r->medical_code), sdup(s, r->kind), sdup(s, r->name),
					    sdup(s, r->postal_code), sdup(s, r->address), sdup(s, r->municipality),
					    sdup(s, r->phone), sdup(s, r->fax), r->beds};
	ri->li = -1;
	char beds[16];
	snprintf(beds, sizeof beds, "%d", r->beds);
	const char *f[] = {r->medical_code, r->kind, r->name, r->postal_code, r->address, r->municipality, r->phone, r->fax, beds};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		digest_add_str(s->d, f[i]);
}

static void snap_standard(int64_t id, const char *code, const char *since, void *p)
{
	struct snapshot *s = p;
	if (s->phase != 1) {
		s->phase = 1;
		s->cur = 0;
	}
	digest_add_str(s->d, code);
	digest_add_str(s->d, since);
	struct reg_inst *ri = snap_find(s, id);
	int k = STD_LOOKUP(code);
	if (ri && k >= 0) {
		ri->standards |= 1u << k;
		ri->since[k] = since[0] ? sdup(s, since) : NULL;
	}
}

static void snap_filing(const struct store_bureau_filing *f, void *p)
{
	struct snapshot *s = p;
	if (s->phase != 2) {
		s->phase = 2;
		s->cur = 0;
	}
	const char *v[] = {f->symbol, f->name, f->number, f->start_date, f->note, f->known ? "1" : "0"};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		digest_add_str(s->d, v[i]);
	struct reg_inst *ri = snap_find(s, f->institution_id);
	if (ri == NULL)
		return;
	struct reg_filing *rf = PUSH(&s->filings, &s->nf, &s->capf);
	*rf = (struct reg_filing){sdup(s, f->symbol), sdup(s, f->name), sdup(s, f->number), sdup(s, f->start_date),
				  sdup(s, f->note), f->known};
	if (ri->nf == 0)
		ri->f0 = s->nf - 1;
	ri->nf++;
}

static void snapshot_free(struct snapshot *s)
{
	free(s->insts);
	free(s->filings);
	arena_free(&s->arena);
	memset(s, 0, sizeof *s);
}

static enum zt_err snapshot_load(struct store *st, struct snapshot *s, struct zt_error *e)
{
	snapshot_free(s);
	s->d = digest_new();
	struct store_bureau_snapshot_fns fns = {snap_inst, snap_standard, snap_filing, s};
	enum zt_err r = store_bureau_snapshot(st, &fns, e);
	digest_final(s->d, s->hash);
	s->d = NULL;
	return r;
}

/* What changes for one institution (issue 12 §4). */
enum attr { A_KIND, A_NAME, A_POSTAL, A_ADDRESS, A_MUNI, A_PHONE, A_FAX, A_BEDS, A__MAX };
static const struct {
	const char *field, *ja;
} attr_names[A__MAX] = {
	[A_KIND] = {"kind", "種別"}, [A_NAME] = {"name", "名称"}, [A_POSTAL] = {"postal_code", "郵便番号"},
	[A_ADDRESS] = {"address", "所在地"}, [A_MUNI] = {"municipality", "市町村"}, [A_PHONE] = {"phone", "電話番号"},
	[A_FAX] = {"fax", "FAX番号"}, [A_BEDS] = {"beds", "病床数"},
};

struct inst_change {
	int li, ri;       /* list and registry indexes, -1 when absent */
	unsigned attrs;   /* bits of enum attr that differ */
	uint32_t gained, lost;
	bool filings;     /* standards or filings differ: replaced */
	unsigned nended;  /* filings of the registry absent from the list */
	bool not_listed;  /* code list: a registry institution the list lacks (reported only) */
};

struct diff {
	struct snapshot snap;
	struct inst_change *ch; /* one per list institution, then one per absent registry institution */
	size_t n, cap;
	long news, changed, unchanged, ended_insts, gained, lost, filings_ended, not_listed;
	char ended_on[11];
	bool attrs_only; /* code list: attributes only, nothing ends */
};

static const char *nz(const char *s)
{
	return s ? s : "";
}

static void attr_values(const struct bureau_inst *in, const struct reg_inst *ri, int a, char *lv, char *rv, size_t sz)
{
	switch (a) {
	case A_KIND: snprintf(lv, sz, "%s", inst_kinds[in->kind].code); snprintf(rv, sz, "%s", ri->row.kind); break;
	case A_NAME: snprintf(lv, sz, "%s", nz(in->name)); snprintf(rv, sz, "%s", ri->row.name); break;
	case A_POSTAL: snprintf(lv, sz, "%s", nz(in->postal)); snprintf(rv, sz, "%s", ri->row.postal_code); break;
	case A_ADDRESS: snprintf(lv, sz, "%s", nz(in->address)); snprintf(rv, sz, "%s", ri->row.address); break;
	case A_MUNI: /* a list address that matched no municipality keeps the stored one */
		snprintf(lv, sz, "%s", in->municipality[0] ? in->municipality : ri->row.municipality);
		snprintf(rv, sz, "%s", ri->row.municipality);
		break;
	case A_PHONE: snprintf(lv, sz, "%s", nz(in->phone)); snprintf(rv, sz, "%s", ri->row.phone); break;
	case A_FAX: snprintf(lv, sz, "%s", nz(in->fax)); snprintf(rv, sz, "%s", ri->row.fax); break;
	case A_BEDS: snprintf(lv, sz, "%d", in->beds); snprintf(rv, sz, "%d", ri->row.beds); break;
	}
}

static int cmp_filing_idx(const void *a, const void *b, void *p)
{
	const struct bureau_list *l = p;
	return strcmp(l->filings[*(const int *)a].symbol, l->filings[*(const int *)b].symbol);
}

/* The list institution's filings ordered by symbol (as the store returns them); caller frees. */
static int *sorted_filings(const struct bureau_list *l, const struct bureau_inst *in, size_t *n)
{
	size_t k = 0;
	for (int fi = in->first_filing; fi >= 0; fi = l->filings[fi].next)
		k++;
	int *idx = malloc((k ? k : 1) * sizeof *idx);
	if (idx == NULL)
		abort();
	k = 0;
	for (int fi = in->first_filing; fi >= 0; fi = l->filings[fi].next)
		idx[k++] = fi;
	qsort_r(idx, k, sizeof *idx, cmp_filing_idx, (void *)l);
	*n = k;
	return idx;
}

static bool has_symbol(const struct bureau_list *l, const int *idx, size_t n, const char *symbol)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l->filings[idx[i]].symbol, symbol) == 0)
			return true;
	return false;
}

static int popcount32(uint32_t x)
{
	int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

/* Compares list institution li with registry institution ri. */
static void compare(const struct bureau_list *l, struct diff *d, struct inst_change *c)
{
	const struct bureau_inst *in = &l->insts[c->li];
	const struct reg_inst *ri = &d->snap.insts[c->ri];
	for (int a = 0; a < A__MAX; a++) {
		char lv[1024], rv[1024];
		attr_values(in, ri, a, lv, rv, sizeof lv);
		if (strcmp(lv, rv) != 0)
			c->attrs |= 1u << a;
	}
	if (d->attrs_only)
		return;
	c->gained = in->standards & ~ri->standards;
	c->lost = ri->standards & ~in->standards;
	bool differ = c->gained || c->lost;
	for (int sd = 0; sd < STD__MAX && !differ; sd++)
		if ((in->standards & (1u << sd)) && strcmp(nz(in->since[sd]), nz(ri->since[sd])) != 0)
			differ = true;
	size_t nl;
	int *idx = sorted_filings(l, in, &nl);
	if (nl != ri->nf)
		differ = true;
	for (size_t i = 0; i < nl && i < ri->nf && !differ; i++) {
		const struct bureau_filing *f = &l->filings[idx[i]];
		const struct reg_filing *g = &d->snap.filings[ri->f0 + i];
		differ = strcmp(f->symbol, g->symbol) || strcmp(nz(f->name), g->name) ||
			 strcmp(nz(f->number), g->number) || strcmp(nz(f->start), g->start) ||
			 strcmp(nz(f->note), g->note) || f->known != g->known;
	}
	for (size_t i = 0; i < ri->nf; i++)
		if (!has_symbol(l, idx, nl, d->snap.filings[ri->f0 + i].symbol))
			c->nended++;
	free(idx);
	c->filings = differ;
}

/*
 * The change report of list l against the registry: new institutions, changed ones (attributes,
 * standards gained and lost, filings), unchanged ones, and the registry's institutions of the
 * list's prefectures and 点数表 that are absent from it (their filings end). Loads the snapshot.
 */
static enum zt_err diff_build(struct store *st, struct bureau_list *l, const char *as_of, bool attrs_only,
			      struct diff *d, struct zt_error *e)
{
	struct snapshot keep = d->snap;
	free(d->ch); /* a retried transaction builds the report again */
	memset(d, 0, sizeof *d);
	d->snap = keep;
	d->attrs_only = attrs_only;
	enum zt_err r = snapshot_load(st, &d->snap, e);
	if (r != ZT_OK)
		return r;
	if (as_of && as_of[0])
		snprintf(d->ended_on, sizeof d->ended_on, "%s", as_of);
	else
		zt_today_jst(d->ended_on);
	bool scope[100][10] = {{false}};
	for (size_t i = 0; i < l->ninsts; i++) {
		struct bureau_inst *in = &l->insts[i];
		scope[(in->code[0] - '0') * 10 + (in->code[1] - '0')][in->code[2] - '0'] = true;
		in->id = 0;
	}
	int *reg_of = malloc((l->ninsts ? l->ninsts : 1) * sizeof *reg_of);
	if (reg_of == NULL)
		abort();
	for (size_t k = 0; k < d->snap.n; k++) {
		struct reg_inst *ri = &d->snap.insts[k];
		int li = bureau_list_find(l, ri->row.medical_code);
		ri->li = li;
		if (li >= 0) {
			l->insts[li].id = ri->row.id;
			reg_of[li] = (int)k;
		}
	}
	for (size_t i = 0; i < l->ninsts; i++) {
		struct inst_change *c = PUSH(&d->ch, &d->n, &d->cap);
		*c = (struct inst_change){.li = (int)i, .ri = -1};
		if (l->insts[i].id == 0) {
			d->news++;
			d->gained += popcount32(l->insts[i].standards);
			if (l->insts[i].beds < 0)
				l->insts[i].beds = 0;
			continue;
		}
		c->ri = reg_of[i];
		if (attrs_only) { /* what a code list does not say is kept: beds when it names none, FAX */
			const struct reg_inst *ri = &d->snap.insts[c->ri];
			if (l->insts[i].beds < 0)
				l->insts[i].beds = ri->row.beds;
			if (l->insts[i].fax == NULL && ri->row.fax[0])
				l->insts[i].fax = ri->row.fax;
		}
		compare(l, d, c);
		if (c->attrs || c->filings)
			d->changed++;
		else
			d->unchanged++;
		d->gained += popcount32(c->gained);
		d->lost += popcount32(c->lost);
		d->filings_ended += c->nended;
	}
	free(reg_of);
	for (size_t k = 0; k < d->snap.n; k++) {
		struct reg_inst *ri = &d->snap.insts[k];
		const char *mc = ri->row.medical_code;
		if (ri->li >= 0 || (!attrs_only && ri->nf == 0 && ri->standards == 0) || strlen(mc) != 10 ||
		    !scope[(mc[0] - '0') * 10 + (mc[1] - '0')][mc[2] - '0'])
			continue;
		struct inst_change *c = PUSH(&d->ch, &d->n, &d->cap);
		if (attrs_only) {
			*c = (struct inst_change){.li = -1, .ri = (int)k, .not_listed = true};
			d->not_listed++;
			continue;
		}
		*c = (struct inst_change){.li = -1, .ri = (int)k, .lost = ri->standards, .filings = true,
					  .nended = (unsigned)ri->nf};
		d->ended_insts++;
		d->lost += popcount32(ri->standards);
		d->filings_ended += (long)ri->nf;
	}
	return ZT_OK;
}

static void diff_free(struct diff *d)
{
	snapshot_free(&d->snap);
	free(d->ch);
	memset(d, 0, sizeof *d);
}

/* Codes (and Japanese labels) of the standards in mask, as a JSON array of {code, ja}. */
static json_t *standards_json(uint32_t mask)
{
	json_t *a = json_array();
	for (int sd = 0; sd < STD__MAX; sd++)
		if (mask & (1u << sd))
			json_array_append_new(a, json_pack("{s:s, s:s}", "code", standards[sd].code, "ja", standards[sd].ja));
	return a;
}

/* Symbols of the registry's filings of ri that the list institution (NULL: absent) lacks. */
static json_t *ended_json(const struct bureau_list *l, const struct diff *d, const struct inst_change *c)
{
	json_t *a = json_array();
	const struct reg_inst *ri = &d->snap.insts[c->ri];
	size_t nl = 0;
	int *idx = c->li >= 0 ? sorted_filings(l, &l->insts[c->li], &nl) : NULL;
	for (size_t i = 0; i < ri->nf; i++) {
		const struct reg_filing *g = &d->snap.filings[ri->f0 + i];
		if (c->li < 0 || !has_symbol(l, idx, nl, g->symbol))
			json_array_append_new(a, json_string(g->symbol));
	}
	free(idx);
	return a;
}

/* Attribute changes of c as [{field, label, before, after}]. */
static json_t *attrs_json(const struct bureau_list *l, const struct diff *d, const struct inst_change *c)
{
	json_t *a = json_array();
	for (int k = 0; k < A__MAX; k++)
		if (c->attrs & (1u << k)) {
			char lv[1024], rv[1024];
			attr_values(&l->insts[c->li], &d->snap.insts[c->ri], k, lv, rv, sizeof lv);
			json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}", "field", attr_names[k].field, "label",
							   attr_names[k].ja, "before", rv, "after", lv));
		}
	return a;
}

#define REPORT_MAX_ITEMS 2000 /* per list; the counts count all */

/* The change report as JSON (the preview and the confirmation's answer). Caller owns. */
static json_t *diff_json(const struct bureau_list *l, const struct diff *d, const char *file_sha256)
{
	json_t *news = json_array(), *changed = json_array(), *ended = json_array(), *not_listed = json_array();
	bool truncated = false;
	for (size_t i = 0; i < d->n; i++) {
		const struct inst_change *c = &d->ch[i];
		if (c->li >= 0 && c->ri < 0) {
			const struct bureau_inst *in = &l->insts[c->li];
			if (json_array_size(news) >= REPORT_MAX_ITEMS) {
				truncated = true;
				continue;
			}
			json_array_append_new(news, json_pack("{s:s, s:s, s:s, s:I, s:o}", "medical_code", in->code, "name",
							      in->name, "kind", inst_kinds[in->kind].code, "line",
							      (json_int_t)in->line, "standards", standards_json(in->standards)));
		} else if (c->li >= 0 && (c->attrs || c->filings)) {
			const struct bureau_inst *in = &l->insts[c->li];
			if (json_array_size(changed) >= REPORT_MAX_ITEMS) {
				truncated = true;
				continue;
			}
			json_array_append_new(changed, json_pack("{s:I, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:b}", "id",
								 (json_int_t)in->id, "medical_code", in->code, "name",
								 in->name, "line", (json_int_t)in->line, "fields",
								 attrs_json(l, d, c), "gained", standards_json(c->gained),
								 "lost", standards_json(c->lost), "filings_ended",
								 ended_json(l, d, c), "filings_changed", c->filings));
		} else if (c->not_listed) {
			const struct reg_inst *ri = &d->snap.insts[c->ri];
			if (json_array_size(not_listed) >= REPORT_MAX_ITEMS) {
				truncated = true;
				continue;
			}
			json_array_append_new(not_listed, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)ri->row.id,
								     "medical_code", ri->row.medical_code, "name", ri->row.name));
		} else if (c->li < 0) {
			const struct reg_inst *ri = &d->snap.insts[c->ri];
			if (json_array_size(ended) >= REPORT_MAX_ITEMS) {
				truncated = true;
				continue;
			}
			json_array_append_new(ended, json_pack("{s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)ri->row.id,
							       "medical_code", ri->row.medical_code, "name", ri->row.name,
							       "lost", standards_json(c->lost), "filings_ended",
							       ended_json(l, d, c)));
		}
	}
	char wareki[64] = "";
	wareki_format(d->ended_on, wareki, sizeof wareki);
	json_t *out = json_pack("{s:s, s:s, s:s, s:s, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I}, s:o, s:o, s:o, s:b}",
			 "registry_hash", d->snap.hash, "file_sha256", file_sha256 ? file_sha256 : "", "ended_on",
			 d->ended_on, "ended_on_wareki", wareki, "counts", "new", (json_int_t)d->news, "changed",
			 (json_int_t)d->changed, "unchanged", (json_int_t)d->unchanged, "ended_institutions",
			 (json_int_t)d->ended_insts, "standards_gained", (json_int_t)d->gained, "standards_lost",
			 (json_int_t)d->lost, "filings_ended", (json_int_t)d->filings_ended, "new", news, "changed",
			 changed, "ended", ended, "truncated", truncated);
	if (d->attrs_only) {
		json_object_set_new(json_object_get(out, "counts"), "not_listed", json_integer(d->not_listed));
		json_object_set_new(out, "not_listed", not_listed);
	} else {
		json_decref(not_listed);
	}
	return out;
}

/*
 * Where the designation rules hear of lost standards (issue 13 item 8): called inside the import's
 * transaction, after the writes, with the ids of every institution that lost a 施設基準 (changed
 * or absent from the new list). The designations in force resting on them are re-checked
 * (app_designation_recheck: flagged 「要件を満たさなくなりました」, never ended) in the same
 * transaction; returning an error rolls the whole import back.
 */
static enum zt_err on_standards_lost(struct store *st, const struct zt_actor *who, const int64_t *ids, size_t n,
				     struct zt_error *e)
{
	return app_designation_recheck(st, who, ids, n, NULL, e);
}

struct bureau_tx {
	const struct zt_actor *who;
	const struct app_bureau_request *req;
	struct bureau_summary *sum;
	struct bureau_list *list;
	struct diff diff;
	char file_sha256[DIGEST_HEX_LEN + 1];
	int64_t batch_id;
};

#define CHUNK 256 /* institutions written per round */

static struct store_bureau_inst to_store(const struct bureau_inst *in)
{
	return (struct store_bureau_inst){
		.medical_code = in->code, .kind = inst_kinds[in->kind].code, .name = in->name,
		.postal_code = in->postal, .address = in->address,
		.municipality = in->municipality[0] ? in->municipality : NULL, .phone = in->phone, .fax = in->fax,
		.beds = in->beds,
	};
}

/* Adds the standards and filings of list institution in (its id set) to the batches. */
static void collect_filings(const struct bureau_list *l, const struct bureau_inst *in,
			    struct store_bureau_standard *stds, size_t *nstd, struct store_bureau_filing **fil,
			    size_t *nfil, size_t *fcap)
{
	for (int sd = 0; sd < STD__MAX; sd++)
		if (in->standards & (1u << sd))
			stds[(*nstd)++] = (struct store_bureau_standard){in->id, standards[sd].code, in->since[sd]};
	for (int fi = in->first_filing; fi >= 0; fi = l->filings[fi].next) {
		const struct bureau_filing *f = &l->filings[fi];
		struct store_bureau_filing *nf = push(fil, nfil, fcap, sizeof **fil);
		*nf = (struct store_bureau_filing){in->id, f->symbol, f->name, f->number, f->start, f->note, f->known};
	}
}

/* Ends the registry filings of change c that the list lacks (all of them when absent). */
static enum zt_err end_filings(struct store_bureau_writer *w, const struct bureau_list *l, const struct diff *d,
			       const struct inst_change *c, int64_t batch, struct zt_error *e)
{
	const struct reg_inst *ri = &d->snap.insts[c->ri];
	size_t nl = 0;
	int *idx = c->li >= 0 ? sorted_filings(l, &l->insts[c->li], &nl) : NULL;
	enum zt_err r = ZT_OK;
	for (size_t i = 0; i < ri->nf && r == ZT_OK; i++) {
		const struct reg_filing *g = &d->snap.filings[ri->f0 + i];
		if (c->li >= 0 && has_symbol(l, idx, nl, g->symbol))
			continue;
		int sd = standard_from_symbol(g->symbol);
		struct store_bureau_end end = {ri->row.id, g->symbol, g->name, g->number, g->start,
					       sd >= 0 ? standards[sd].code : NULL, d->ended_on, batch};
		r = store_bureau_end_filing(w, &end, e);
	}
	free(idx);
	return r;
}

/* One audit row per changed or ended institution: before/after of what changed. */
static enum zt_err audit_change(struct store *st, const struct zt_actor *who, const struct bureau_list *l,
				const struct diff *d, const struct inst_change *c, struct zt_error *e)
{
	const struct reg_inst *ri = &d->snap.insts[c->ri];
	json_t *before = json_object(), *after = json_object();
	if (c->li >= 0) {
		for (int k = 0; k < A__MAX; k++)
			if (c->attrs & (1u << k)) {
				char lv[1024], rv[1024];
				attr_values(&l->insts[c->li], ri, k, lv, rv, sizeof lv);
				json_object_set_new(before, attr_names[k].field, json_string(rv));
				json_object_set_new(after, attr_names[k].field, json_string(lv));
			}
	}
	if (c->gained || c->lost) {
		json_object_set_new(before, "standards", standards_json(ri->standards));
		uint32_t now = c->li >= 0 ? l->insts[c->li].standards : 0;
		json_object_set_new(after, "standards", standards_json(now));
	}
	if (c->nended) {
		json_object_set_new(after, "filings_ended", ended_json(l, d, c));
		json_object_set_new(after, "ended_on", json_string(d->ended_on));
	}
	if (c->li < 0)
		json_object_set_new(after, "absent_from_list", json_true());
	const char *muni = ri->row.municipality[0] ? ri->row.municipality : NULL;
	enum zt_err r = audit_append(st, who, "import_update", "facility", ri->row.id, muni, before, after, e);
	json_decref(before);
	json_decref(after);
	return r;
}

static enum zt_err write_all(struct store *st, void *p, struct zt_error *e)
{
	struct bureau_tx *t = p;
	struct bureau_list *l = t->list;
	const struct app_bureau_request *req = t->req;
	const struct bureau_options *opt = req->opt;
	struct bureau_summary *s = t->sum;
	struct diff *d = &t->diff;
	enum zt_err r = diff_build(st, l, s->as_of, req->code_list, d, e);
	if (r != ZT_OK)
		return r;
	s->inserted = d->news;
	s->updated = d->changed;
	if (opt && opt->dry_run)
		return ZT_OK;
	if (req->expect_registry && strcmp(req->expect_registry, d->snap.hash) != 0)
		return zt_fail(e, ZT_ERR_CONFLICT, "confirm",
			       "確認した後に登録内容が変わりました。もう一度ファイルを確認してから登録してください。");
	const char *source = opt && opt->source ? opt->source : "";
	json_t *u = json_object();
	for (size_t i = 0; i < s->nunknown; i++)
		json_object_set_new(u, s->unknown[i].symbol, json_integer(s->unknown[i].count));
	char *unknown = json_dumps(u, JSON_COMPACT);
	json_decref(u);
	const char *kind = req->code_list ? "code-list" : "facility-standards";
	struct store_import_record rec = {
		.kind = kind, .source = source, .file_name = req->file_name, .sha256 = t->file_sha256,
		.as_of = s->as_of, .unknown_symbols = unknown, .actor_name = t->who ? t->who->username : "system",
		.actor_id = t->who ? t->who->user_id : 0, .lines = s->rows, .inserted = d->news, .updated = d->changed,
		.unchanged = d->unchanged, .ended = d->ended_insts, .standards_gained = d->gained,
		.standards_lost = d->lost,
	};
	r = store_import_record_add(st, &rec, &t->batch_id, e);
	free(unknown);
	if (r != ZT_OK)
		return r;
	struct store_bureau_writer *w = store_bureau_writer_open(st, e);
	if (w == NULL)
		return ZT_ERR_DB;
	struct store_bureau_inst ins[CHUNK];
	int which[CHUNK];
	int64_t ids[CHUNK];
	struct store_bureau_standard stds[CHUNK * STD__MAX];
	struct store_bureau_filing *fil = NULL;
	size_t fcap = 0;
	size_t step = d->n / 20 + 1, next_report = step;
	for (size_t from = 0; from < d->n && r == ZT_OK; from += CHUNK) {
		size_t to = from + CHUNK < d->n ? from + CHUNK : d->n, nnew = 0, nstd = 0, nfil = 0;
		for (size_t i = from; i < to && r == ZT_OK; i++) {
			const struct inst_change *c = &d->ch[i];
			if (c->li >= 0 && c->ri < 0) {
				ins[nnew] = to_store(&l->insts[c->li]);
				which[nnew++] = c->li;
				continue;
			}
			if (c->li >= 0 && c->attrs) {
				struct store_bureau_inst bi = to_store(&l->insts[c->li]);
				r = store_bureau_update_attrs(w, l->insts[c->li].id, &bi, e);
			}
			if (r == ZT_OK && c->filings) {
				r = end_filings(w, l, d, c, t->batch_id, e);
				if (r == ZT_OK)
					r = store_bureau_clear(w, d->snap.insts[c->ri].row.id, e);
				if (r == ZT_OK && c->li >= 0)
					collect_filings(l, &l->insts[c->li], stds, &nstd, &fil, &nfil, &fcap);
			}
			if (r == ZT_OK && (c->attrs || c->filings))
				r = audit_change(st, t->who, l, d, c, e);
		}
		if (r == ZT_OK && nnew)
			r = store_bureau_insert(w, ins, nnew, ids, e);
		for (size_t k = 0; k < nnew && r == ZT_OK; k++) {
			l->insts[which[k]].id = ids[k];
			collect_filings(l, &l->insts[which[k]], stds, &nstd, &fil, &nfil, &fcap);
		}
		if (r == ZT_OK)
			r = store_bureau_add_standards(w, stds, nstd, e);
		if (r == ZT_OK)
			r = store_bureau_add_filings(w, fil, nfil, e);
		if (opt && opt->progress && to >= next_report) {
			opt->progress(BUREAU_PHASE_WRITE, (long)to, (long)d->n, opt->progress_ctx);
			next_report = to + step;
		}
	}
	free(fil);
	store_bureau_writer_close(w);
	if (r == ZT_OK && (d->news || d->changed)) /* names, addresses and phones the import wrote: the search text follows (issue 12 §6) */
		r = store_facility_search_refresh(st, true, e);
	if (r == ZT_OK) { /* the institutions that lost a standard, for the designation rules */
		int64_t *lost = NULL;
		size_t nlost = 0, caplost = 0;
		for (size_t i = 0; i < d->n; i++)
			if (d->ch[i].lost) {
				int64_t *slot = push(&lost, &nlost, &caplost, sizeof *lost);
				*slot = d->snap.insts[d->ch[i].ri].row.id;
			}
		r = on_standards_lost(st, t->who, lost, nlost, e);
		free(lost);
	}
	if (r == ZT_OK) { /* one audit row for the whole import, committed with it (issue 3 §3) */
		json_t *after = json_pack("{s:s, s:s, s:s?, s:s, s:s?, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "kind",
					  kind, "source", source, "file_name", req->file_name, "sha256",
					  t->file_sha256, "as_of", s->as_of[0] ? s->as_of : NULL, "import_batch",
					  (json_int_t)t->batch_id, "rows", (json_int_t)s->rows, "institutions",
					  (json_int_t)l->ninsts, "inserted", (json_int_t)d->news, "updated",
					  (json_int_t)d->changed, "unchanged", (json_int_t)d->unchanged, "ended",
					  (json_int_t)d->ended_insts, "standards_gained", (json_int_t)d->gained,
					  "standards_lost", (json_int_t)d->lost);
		r = audit_append(st, t->who, "import", "facility", 0, NULL, NULL, after, e);
		json_decref(after);
	}
	if (r == ZT_OK) { /* issue 12 §2: an institution without a position is placed at its 役所・役場, flagged */
		long placed = 0;
		r = app_positions_place_at_offices(st, t->who, &placed, e);
	}
	return r;
}

/* The prefectures and municipalities addresses are matched against, from the store. */
struct places {
	struct bureau_places pl;
	json_t *prefs;
	char **codes, **prefcodes, **names, **parents, *pool;
};

static enum zt_err places_load(struct store *st, struct places *p, struct zt_error *e)
{
	memset(p, 0, sizeof *p);
	p->prefs = store_prefectures(st);
	size_t i;
	json_t *v;
	json_array_foreach(p->prefs, i, v) {
		const char *code = json_string_value(json_object_get(v, "code"));
		const char *name = json_string_value(json_object_get(v, "name"));
		int k = code ? (int)strtol(code, NULL, 10) : 0;
		if (k > 0 && k < BUREAU_MAX_PREF && name)
			p->pl.pref_names[k] = name;
	}
	int n = store_municipality_names(st, &p->codes, &p->prefcodes, &p->names, &p->parents, &p->pool);
	if (n < 0)
		return zt_fail(e, ZT_ERR_DB, "", "市町村の一覧を読めませんでした。");
	p->pl.n = n;
	p->pl.codes = p->codes;
	p->pl.prefs = p->prefcodes;
	p->pl.names = p->names;
	p->pl.parents = p->parents;
	return ZT_OK;
}

static void places_free(struct places *p)
{
	json_decref(p->prefs);
	free(p->codes);
	free(p->prefcodes);
	free(p->names);
	free(p->parents);
	free(p->pool);
}

enum zt_err app_imports_bureau(struct store *st, const struct zt_actor *who, const char *data, size_t len,
				const struct app_bureau_request *req, struct bureau_summary *sum, json_t **report,
				struct zt_error *e)
{
	if (report)
		*report = NULL;
	struct places places;
	struct bureau_list list = {0};
	const struct bureau_options *opt = req->opt;
	enum zt_err r = places_load(st, &places, e);
	if (r != ZT_OK) {
		memset(sum, 0, sizeof *sum);
		sum->dry_run = opt && opt->dry_run;
		places_free(&places);
		return r;
	}
	struct bureau_tx *t = calloc(1, sizeof *t);
	if (t == NULL)
		abort();
	t->who = who;
	t->req = req;
	t->sum = sum;
	t->list = &list;
	digest_sha256_hex(data, len, t->file_sha256);
	struct code_list_info info;
	if (req->code_list)
		r = code_list_parse(data, len, &places.pl, req->prefecture, opt, &list, sum, &info, e);
	else
		r = bureau_parse(data, len, &places.pl, opt, &list, sum, e);
	if (r == ZT_OK && req->may_prefecture) {
		bool seen[100] = {false};
		for (size_t i = 0; i < list.ninsts && r == ZT_OK; i++) {
			const char *c = list.insts[i].code;
			int k = (c[0] - '0') * 10 + (c[1] - '0');
			if (k < 0 || k >= 100 || seen[k])
				continue;
			seen[k] = true;
			char pref[3] = {c[0], c[1], '\0'};
			r = req->may_prefecture(pref, req->may_ctx, e);
		}
	}
	if (r == ZT_OK && req->expect_file && strcmp(req->expect_file, t->file_sha256) != 0)
		r = zt_fail(e, ZT_ERR_CONFLICT, "sha256", "確認したファイルと違うファイルが送られました。もう一度確認してください。");
	if (r == ZT_OK && opt && opt->dry_run) {
		r = write_all(st, t, e);
	} else if (r == ZT_OK) {
		/* References are checked here (municipalities from the store's own list, ids just
		 * inserted), so the per-row foreign-key lookups are skipped for the bulk write. */
		store_bulk_foreign_keys(st, false);
		r = store_tx(st, write_all, t, e);
		store_bulk_foreign_keys(st, true);
	}
	if (r == ZT_OK && report) {
		*report = diff_json(&list, &t->diff, t->file_sha256);
		if (t->batch_id)
			json_object_set_new(*report, "import_batch", json_integer(t->batch_id));
		if (req->code_list)
			json_object_set_new(json_object_get(*report, "counts"), "suspended", json_integer(info.suspended));
	}
	diff_free(&t->diff);
	free(t);
	bureau_list_free(&list);
	places_free(&places);
	return r;
}

enum zt_err app_imports_facility_standards(struct store *st, const struct zt_actor *who, const char *data, size_t len,
					   const struct bureau_options *opt, struct bureau_summary *sum,
					   struct zt_error *e)
{
	struct app_bureau_request req = {.opt = opt, .file_name = opt ? opt->source : NULL};
	return app_imports_bureau(st, who, data, len, &req, sum, NULL, e);
}

/* ---- our own institution CSV / XLSX ---- */

struct facilities_tx {
	const struct zt_actor *who;
	struct store *st;
	const struct app_facilities_request *req;
	const char *text; /* UTF-8 CSV, or NULL for XLSX (data) */
	const char *data;
	size_t len, raw_len;
	struct facility_csv_summary *sum;
	struct digest *d;  /* over the stored state of every institution the file touches */
	json_t *news, *changed;
	long unchanged;
	bool dry_done;
	char hash[DIGEST_HEX_LEN + 1];
	struct facility f, before; /* scratch, large: kept off the stack */
};

/* Keys of a facility's JSON that are not the file's content. */
static bool volatile_key(const char *k)
{
	static const char *const keys[] = {"id", "created_at", "updated_at", "legal_entity_id", "distance_km", "kind_label"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(k, keys[i]) == 0)
			return true;
	return false;
}

/* The fields of after that differ from before, as {before:{…}, after:{…}}; NULL when none. */
static json_t *facility_changes(const struct facility *before, const struct facility *after)
{
	json_t *b = facility_to_json(before), *a = facility_to_json(after);
	json_t *ob = json_object(), *oa = json_object();
	const char *k;
	json_t *v;
	json_object_foreach(a, k, v) {
		if (volatile_key(k))
			continue;
		json_t *w = json_object_get(b, k);
		if (w == NULL || !json_equal(v, w)) {
			json_object_set(ob, k, w ? w : json_null());
			json_object_set(oa, k, v);
		}
	}
	json_decref(b);
	json_decref(a);
	if (json_object_size(oa) == 0) {
		json_decref(ob);
		json_decref(oa);
		return NULL;
	}
	return json_pack("{s:o, s:o}", "before", ob, "after", oa);
}

static int facility_row(const struct facility_csv_row *row, struct facility_csv_summary *s, void *p)
{
	struct facilities_tx *t = p;
	struct zt_error e;
	zt_error_clear(&e);
	struct facility *f = &t->f;
	facility_init(f);
	bool update = false;
	const char *mc = json_string_value(json_object_get(row->fields, "medical_code"));
	if (row->id) {
		if (store_facility_get(t->st, row->id, f, &e) != ZT_OK) {
			facility_csv_add_error(s, row->line, "id", "id %lld の機関は登録されていません。", (long long)row->id);
			return 0;
		}
		update = true;
	} else if (mc && store_facility_by_code(t->st, mc, f) == ZT_OK) {
		update = true;
	}
	f->distance_km = -1;
	if (update) {
		t->before = *f;
		json_t *bj = facility_to_json(f);
		char *txt = json_dumps(bj, JSON_COMPACT | JSON_SORT_KEYS);
		digest_add_str(t->d, txt);
		free(txt);
		json_decref(bj);
	}
	enum zt_err r = facility_from_json(row->fields, f, &e);
	if (r == ZT_OK)
		r = facility_validate(f, &e);
	if (r == ZT_OK && t->req->may_write &&
	    ((update && !t->req->may_write(t->before.municipality_code, t->req->may_ctx)) ||
	     !t->req->may_write(f->municipality_code, t->req->may_ctx))) {
		facility_csv_add_error(s, row->line, "municipality", "この機関を登録・変更する権限がありません（担当地区の外です）。");
		return 0;
	}
	json_t *ch = NULL;
	if (r == ZT_OK && update) {
		ch = facility_changes(&t->before, f);
		if (ch == NULL) { /* nothing edited: not written, no updated_at churn */
			t->unchanged++;
			return 0;
		}
	}
	if (r == ZT_OK)
		r = update ? store_facility_update(t->st, f, &e) : store_facility_create(t->st, f, &e);
	if (r == ZT_OK && update && !t->req->dry_run)
		r = audit_append(t->st, t->who, "update", "facility", f->id,
				 f->municipality_code[0] ? f->municipality_code : NULL, json_object_get(ch, "before"),
				 json_object_get(ch, "after"), &e);
	if (r == ZT_ERR_BUSY || r == ZT_ERR_DB) {
		json_decref(ch);
		return 1; /* storage failure: stop, the transaction rolls back */
	}
	if (r != ZT_OK) {
		json_decref(ch);
		facility_csv_add_error(s, row->line, e.field, "%s", e.message);
		return 0;
	}
	if (update) {
		s->updated++;
		if (json_array_size(t->changed) < REPORT_MAX_ITEMS) {
			json_object_set_new(ch, "id", json_integer(f->id));
			json_object_set_new(ch, "name", json_string(f->name));
			json_object_set_new(ch, "line", json_integer(row->line));
			json_array_append(t->changed, ch);
		}
	} else {
		s->inserted++;
		if (json_array_size(t->news) < REPORT_MAX_ITEMS)
			json_array_append_new(t->news, json_pack("{s:s, s:I}", "name", f->name, "line", (json_int_t)row->line));
	}
	json_decref(ch);
	return 0;
}

static enum zt_err facilities_tx(struct store *st, void *p, struct zt_error *e)
{
	struct facilities_tx *t = p;
	struct facility_csv_summary *s = t->sum;
	t->st = st;
	t->unchanged = 0;
	json_array_clear(t->news);
	json_array_clear(t->changed);
	if (t->d == NULL)
		t->d = digest_new();
	enum zt_err r = t->text ? facility_csv_read(t->text, t->len, facility_row, t, s, e)
				: facility_xlsx_read(t->data, t->len, facility_row, t, s, e);
	digest_final(t->d, t->hash);
	t->d = NULL;
	if (r != ZT_OK)
		return r;
	if (t->req->dry_run) {
		t->dry_done = true;
		return ZT_ERR_INVALID; /* roll the trial writes back */
	}
	if (t->req->expect_registry && strcmp(t->req->expect_registry, t->hash) != 0)
		return zt_fail(e, ZT_ERR_CONFLICT, "confirm",
			       "確認した後に登録内容が変わりました。もう一度ファイルを確認してから登録してください。");
	const char *source = t->req->source ? t->req->source : "";
	char sha[DIGEST_HEX_LEN + 1];
	digest_sha256_hex(t->data, t->raw_len, sha);
	struct store_import_record rec = {
		.kind = "facilities", .source = source, .file_name = t->req->file_name, .sha256 = sha,
		.actor_name = t->who ? t->who->username : "system", .actor_id = t->who ? t->who->user_id : 0,
		.lines = s->rows, .inserted = s->inserted, .updated = s->updated, .unchanged = t->unchanged,
	};
	int64_t batch = 0;
	r = store_import_record_add(st, &rec, &batch, e);
	if (r == ZT_OK) { /* one audit row for the whole import, committed with it (issue 3 §3) */
		json_t *after = json_pack("{s:s, s:s, s:s?, s:I, s:I, s:I, s:I, s:I}", "kind", "facilities", "source", source,
					  "file_name", t->req->file_name, "import_batch", (json_int_t)batch, "rows",
					  (json_int_t)s->rows, "inserted", (json_int_t)s->inserted, "updated",
					  (json_int_t)s->updated, "unchanged", (json_int_t)t->unchanged);
		r = audit_append(st, t->who, "import", "facility", 0, NULL, NULL, after, e);
		json_decref(after);
	}
	if (r == ZT_OK) { /* issue 12 §2: an institution without a position is placed at its 役所・役場, flagged */
		long placed = 0;
		r = app_positions_place_at_offices(st, t->who, &placed, e);
	}
	return r;
}

enum zt_err app_imports_facilities_file(struct store *st, const struct zt_actor *who, const char *data, size_t len,
					const struct app_facilities_request *req, struct facility_csv_summary *sum,
					json_t **report, struct zt_error *e)
{
	memset(sum, 0, sizeof *sum);
	if (report)
		*report = NULL;
	char *text = NULL;
	size_t tlen = 0;
	bool xlsx = xlsx_is_zip(data, len);
	if (!xlsx) {
		enum zt_err r = encoding_to_utf8(data, len, &text, &tlen, e);
		if (r != ZT_OK)
			return r;
	}
	struct facilities_tx *t = calloc(1, sizeof *t);
	if (t == NULL)
		abort();
	t->who = who;
	t->req = req;
	t->text = text;
	t->data = data;
	t->raw_len = len;
	t->len = xlsx ? len : tlen;
	t->sum = sum;
	t->news = json_array();
	t->changed = json_array();
	enum zt_err r = store_tx(st, facilities_tx, t, e);
	if (t->d) { /* stopped before digest_final */
		char dummy[DIGEST_HEX_LEN + 1];
		digest_final(t->d, dummy);
	}
	if (t->dry_done && r == ZT_ERR_INVALID) {
		r = ZT_OK;
		zt_error_clear(e);
	}
	if (r == ZT_OK && report) {
		char sha[DIGEST_HEX_LEN + 1];
		digest_sha256_hex(data, len, sha);
		*report = json_pack("{s:s, s:s, s:s, s:{s:I, s:I, s:I}, s:O, s:O}", "format",
				    xlsx ? "xlsx" : "csv", "registry_hash", t->hash, "file_sha256", sha, "counts", "new",
				    (json_int_t)sum->inserted, "changed", (json_int_t)sum->updated, "unchanged",
				    (json_int_t)t->unchanged, "new", t->news, "changed", t->changed);
	}
	json_decref(t->news);
	json_decref(t->changed);
	free(t);
	free(text);
	return r;
}

enum zt_err app_imports_facilities(struct store *st, const struct zt_actor *who, const char *data, size_t len,
				   const char *source, struct facility_csv_summary *sum, struct zt_error *e)
{
	struct app_facilities_request req = {.source = source, .file_name = source};
	return app_imports_facilities_file(st, who, data, len, &req, sum, NULL, e);
}

/* ---- adjacency ---- */

static enum zt_err put_pair(const char *a, const char *b, long line, void *p, struct zt_error *e)
{
	struct store *st = p;
	bool has_a = store_municipality_exists(st, a), has_b = has_a && store_municipality_exists(st, b);
	if (!has_a || !has_b)
		return zt_fail(e, ZT_ERR_INVALID, has_a ? "b" : "a", "%ld行目: 市町村コード %s は登録されていません。", line,
			       has_a ? b : a);
	enum zt_err r = store_adjacency_put(st, a, b);
	if (r != ZT_OK)
		zt_fail(e, r, "", "%ld行目: 保存できませんでした。", line);
	return r;
}

struct adjacency_tx {
	const char *data;
	size_t len;
	long pairs;
};

static enum zt_err adjacency_tx(struct store *st, void *p, struct zt_error *e)
{
	struct adjacency_tx *t = p;
	return adjacency_csv_read(t->data, t->len, put_pair, st, &t->pairs, e);
}

enum zt_err app_imports_adjacency(struct store *st, const char *data, size_t len, long *pairs, struct zt_error *e)
{
	struct adjacency_tx t = {data, len, 0};
	enum zt_err r = store_tx(st, adjacency_tx, &t, e);
	*pairs = r == ZT_OK ? t.pairs : 0;
	return r;
}

/* ---- the embedded municipality list ---- */

static enum zt_err put_place(const struct refdata_place *pl, void *p)
{
	struct store *st = p;
	enum zt_err r = ZT_OK;
	if (strcmp(pl->type, "prefecture") == 0)
		r = store_prefecture_put(st, pl->pref_code, pl->pref_name);
	if (r == ZT_OK)
		r = store_municipality_put(st, pl->code, pl->pref_code, pl->name, pl->ruby, pl->type, pl->parent_code);
	return r;
}

static enum zt_err municipalities_tx(struct store *st, void *ctx, struct zt_error *e)
{
	(void)ctx;
	return refdata_each_place(put_place, st, e);
}

enum zt_err app_imports_municipalities(struct store *st, struct zt_error *e)
{
	return store_tx(st, municipalities_tx, NULL, e);
}
