/* File imports as use cases: parse with io/, write with the store in one transaction with the
 * audit row (see app_imports.h). */
#include "app/app_imports.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/facility.h"
#include "io/adjacency_csv.h"
#include "io/encoding.h"
#include "io/facility_json.h"
#include "io/refdata.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_import.h"

/* ---- 地方厚生局 lists (facility-standards) ---- */

struct bureau_tx {
	const struct zt_actor *who;
	const struct bureau_options *opt;
	struct bureau_summary *sum;
	struct bureau_list *list;
};

static void on_code(const char *code, int64_t id, void *p)
{
	struct bureau_list *l = p;
	int k = bureau_list_find(l, code);
	if (k >= 0)
		l->insts[k].id = id;
}

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

static enum zt_err write_all(struct store *st, void *p, struct zt_error *e)
{
	struct bureau_tx *t = p;
	struct bureau_list *l = t->list;
	const struct bureau_options *opt = t->opt;
	struct bureau_summary *s = t->sum;
	s->inserted = s->updated = 0;
	for (size_t i = 0; i < l->ninsts; i++)
		l->insts[i].id = 0;
	enum zt_err r = store_bureau_codes(st, on_code, l, e);
	if (r != ZT_OK)
		return r;
	for (size_t i = 0; i < l->ninsts; i++)
		if (l->insts[i].id)
			s->updated++;
		else
			s->inserted++;
	if (opt && opt->dry_run)
		return ZT_OK;
	struct store_bureau_writer *w = store_bureau_writer_open(st, e);
	if (w == NULL)
		return ZT_ERR_DB;
	struct store_bureau_inst ins[CHUNK];
	int which[CHUNK];
	int64_t ids[CHUNK];
	struct store_bureau_standard stds[CHUNK * STD__MAX];
	struct store_bureau_filing *fil = NULL;
	size_t fcap = 0;
	size_t step = l->ninsts / 20 + 1, next_report = step;
	for (size_t from = 0; from < l->ninsts && r == ZT_OK; from += CHUNK) {
		size_t to = from + CHUNK < l->ninsts ? from + CHUNK : l->ninsts, nnew = 0, nstd = 0, nfil = 0;
		for (size_t i = from; i < to && r == ZT_OK; i++) {
			struct bureau_inst *in = &l->insts[i];
			if (in->id == 0) {
				ins[nnew] = to_store(in);
				which[nnew++] = (int)i;
			} else {
				struct store_bureau_inst bi = to_store(in);
				r = store_bureau_update(w, in->id, &bi, e);
			}
		}
		if (r == ZT_OK && nnew)
			r = store_bureau_insert(w, ins, nnew, ids, e);
		for (size_t k = 0; k < nnew && r == ZT_OK; k++)
			l->insts[which[k]].id = ids[k];
		for (size_t i = from; i < to && r == ZT_OK; i++) {
			struct bureau_inst *in = &l->insts[i];
			for (int sd = 0; sd < STD__MAX; sd++)
				if (in->standards & (1u << sd))
					stds[nstd++] = (struct store_bureau_standard){in->id, standards[sd].code, in->since[sd]};
			for (int fi = in->first_filing; fi >= 0; fi = l->filings[fi].next) {
				if (nfil == fcap) {
					fcap = fcap ? fcap * 2 : 1024;
					fil = realloc(fil, fcap * sizeof *fil);
					if (fil == NULL)
						abort();
				}
				const struct bureau_filing *f = &l->filings[fi];
				fil[nfil++] = (struct store_bureau_filing){in->id, f->symbol, f->name, f->number, f->start, f->note,
									   f->known};
			}
		}
		if (r == ZT_OK)
			r = store_bureau_add_standards(w, stds, nstd, e);
		if (r == ZT_OK)
			r = store_bureau_add_filings(w, fil, nfil, e);
		if (opt && opt->progress && to >= next_report) {
			opt->progress(BUREAU_PHASE_WRITE, (long)to, (long)l->ninsts, opt->progress_ctx);
			next_report = to + step;
		}
	}
	free(fil);
	store_bureau_writer_close(w);
	if (r == ZT_OK) /* names, addresses and phones the import wrote: the search text follows (issue 12 §6) */
		r = store_facility_search_refresh(st, true, e);
	const char *source = opt && opt->source ? opt->source : "";
	if (r == ZT_OK) {
		json_t *u = json_object();
		for (size_t i = 0; i < s->nunknown; i++)
			json_object_set_new(u, s->unknown[i].symbol, json_integer(s->unknown[i].count));
		char *txt = json_dumps(u, JSON_COMPACT);
		json_decref(u);
		r = store_import_batch_add(st, "facility-standards", source, s->rows, s->inserted, s->updated, txt);
		free(txt);
		if (r != ZT_OK)
			zt_fail(e, r, "", "取込記録を保存できませんでした。");
	}
	if (r == ZT_OK) { /* one audit row for the whole import, committed with it (issue 3 §3) */
		json_t *after = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}", "kind", "facility-standards", "source", source,
					  "rows", (json_int_t)s->rows, "institutions", (json_int_t)l->ninsts, "inserted",
					  (json_int_t)s->inserted, "updated", (json_int_t)s->updated);
		r = audit_append(st, t->who, "import", "facility", 0, NULL, NULL, after, e);
		json_decref(after);
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

enum zt_err app_imports_facility_standards(struct store *st, const struct zt_actor *who, const char *data, size_t len,
					   const struct bureau_options *opt, struct bureau_summary *sum,
					   struct zt_error *e)
{
	struct places places;
	struct bureau_list list = {0};
	enum zt_err r = places_load(st, &places, e);
	if (r != ZT_OK) {
		memset(sum, 0, sizeof *sum);
		sum->dry_run = opt && opt->dry_run;
		places_free(&places);
		return r;
	}
	r = bureau_parse(data, len, &places.pl, opt, &list, sum, e);
	struct bureau_tx t = {who, opt, sum, &list};
	if (r == ZT_OK && opt && opt->dry_run) {
		r = write_all(st, &t, e);
	} else if (r == ZT_OK) {
		/* References are checked here (municipalities from the store's own list, ids just
		 * inserted), so the per-row foreign-key lookups are skipped for the bulk write. */
		store_bulk_foreign_keys(st, false);
		r = store_tx(st, write_all, &t, e);
		store_bulk_foreign_keys(st, true);
	}
	bureau_list_free(&list);
	places_free(&places);
	return r;
}

/* ---- our own institution CSV ---- */

struct facilities_tx {
	const struct zt_actor *who;
	struct store *st;
	const char *text;
	size_t len;
	const char *source;
	struct facility_csv_summary *sum;
	struct facility f; /* scratch, large: kept off the stack */
};

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
	enum zt_err r = facility_from_json(row->fields, f, &e);
	if (r == ZT_OK)
		r = facility_validate(f, &e);
	if (r == ZT_OK)
		r = update ? store_facility_update(t->st, f, &e) : store_facility_create(t->st, f, &e);
	if (r == ZT_ERR_BUSY || r == ZT_ERR_DB)
		return 1; /* storage failure: stop, the transaction rolls back */
	if (r != ZT_OK) {
		facility_csv_add_error(s, row->line, e.field, "%s", e.message);
		return 0;
	}
	if (update)
		s->updated++;
	else
		s->inserted++;
	return 0;
}

static enum zt_err facilities_tx(struct store *st, void *p, struct zt_error *e)
{
	struct facilities_tx *t = p;
	struct facility_csv_summary *s = t->sum;
	t->st = st;
	enum zt_err r = facility_csv_read(t->text, t->len, facility_row, t, s, e);
	if (r != ZT_OK)
		return r;
	const char *source = t->source ? t->source : "";
	r = store_import_batch_add(st, "facilities", source, s->rows, s->inserted, s->updated, NULL);
	if (r == ZT_OK) { /* one audit row for the whole import, committed with it (issue 3 §3) */
		json_t *after = json_pack("{s:s, s:s, s:I, s:I, s:I}", "kind", "facilities", "source", source, "rows",
					  (json_int_t)s->rows, "inserted", (json_int_t)s->inserted, "updated",
					  (json_int_t)s->updated);
		r = audit_append(st, t->who, "import", "facility", 0, NULL, NULL, after, e);
		json_decref(after);
	}
	return r;
}

enum zt_err app_imports_facilities(struct store *st, const struct zt_actor *who, const char *data, size_t len,
				   const char *source, struct facility_csv_summary *sum, struct zt_error *e)
{
	memset(sum, 0, sizeof *sum);
	char *text = NULL;
	size_t tlen = 0;
	enum zt_err r = encoding_to_utf8(data, len, &text, &tlen, e);
	if (r != ZT_OK)
		return r;
	struct facilities_tx *t = calloc(1, sizeof *t);
	if (t == NULL)
		abort();
	*t = (struct facilities_tx){.who = who, .text = text, .len = tlen, .source = source, .sum = sum};
	r = store_tx(st, facilities_tx, t, e);
	free(t);
	free(text);
	return r;
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
