/*
 * The storage interface the rest of zaitaku calls. Nothing outside src/store/ sees SQL or a
 * driver. Entities that domain rules reason about come back as domain structs (struct facility);
 * read-only listings with no rule attached come back as jansson values ready to serve.
 * Results: ZT_OK, ZT_ERR_NOTFOUND, ZT_ERR_CONFLICT, ZT_ERR_INVALID, ZT_ERR_BUSY or ZT_ERR_DB,
 * with details in the struct zt_error when one is given.
 */
#ifndef ZT_STORE_STORE_H
#define ZT_STORE_STORE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/facility.h"

struct store;

/* Opens the database at path (SQLite), applying pending migrations. NULL on error (see *e). */
struct store *store_open(const char *path, struct zt_error *e);
void store_close(struct store *st); /* accepts NULL */
int store_schema_version(struct store *st);

/*
 * Runs fn inside one write transaction (BEGIN IMMEDIATE … COMMIT), retrying the whole
 * transaction when the database is busy. fn returns ZT_OK to commit; anything else rolls back
 * and is returned. Every multi-row write goes through here.
 */
typedef enum zt_err (*store_tx_fn)(struct store *st, void *ctx, struct zt_error *e);
enum zt_err store_tx(struct store *st, store_tx_fn fn, void *ctx, struct zt_error *e);

/* Online backup to path and restore from path (SQLite backup API). */
enum zt_err store_backup(struct store *st, const char *path, struct zt_error *e);
enum zt_err store_restore(struct store *st, const char *path, struct zt_error *e);
/* Query plan of the facility search with flt, for the benchmark report. */
void store_facility_explain(struct store *st, const struct facility_filter *flt, char *buf, int bufsz);

/* ---- geography (read views) ---- */
json_t *store_prefectures(struct store *st);
json_t *store_municipalities(struct store *st, const char *prefecture); /* prefecture may be NULL */
json_t *store_medical_areas(struct store *st, const char *prefecture);  /* 二次医療圏 with members */
json_t *store_care_areas(struct store *st, const char *prefecture);     /* 圏域 with members */
json_t *store_medical_associations(struct store *st);                    /* 郡市医師会 with coverage */
bool store_municipality_exists(struct store *st, const char *code);
/* Inside a transaction: reference geography (idempotent upserts; see io/refdata.c). */
enum zt_err store_prefecture_put(struct store *st, const char *code, const char *name);
enum zt_err store_municipality_put(struct store *st, const char *code, const char *pref, const char *name,
				   const char *ruby, const char *type, const char *parent);
int64_t store_municipality_count(struct store *st);

/* Inside a transaction: geography and reference writes used by the demo and imports. */
enum zt_err store_municipality_set_geo(struct store *st, const char *code, double lat, double lon, long population);
enum zt_err store_medical_area_put(struct store *st, const char *pref, const char *name, const char *const *munis, int64_t *id);
enum zt_err store_care_area_put(struct store *st, const char *pref, const char *name, const char *const *munis, int64_t *id);
enum zt_err store_adjacency_put(struct store *st, const char *a, const char *b);
enum zt_err store_association_cover(struct store *st, int64_t institution_id, const char *municipality);

/* ---- institutions ---- */
enum zt_err store_facility_get(struct store *st, int64_t id, struct facility *out, struct zt_error *e);
/* Looks up by 医療機関コード; ZT_ERR_NOTFOUND when absent. */
enum zt_err store_facility_by_code(struct store *st, const char *medical_code, struct facility *out);
/* Inside a transaction. Checks references (municipality exists), resolves the legal entity by
 * name, writes capabilities and standards. Sets f->id on create. */
enum zt_err store_facility_create(struct store *st, struct facility *f, struct zt_error *e);
enum zt_err store_facility_update(struct store *st, const struct facility *f, struct zt_error *e);
enum zt_err store_facility_delete(struct store *st, int64_t id, struct zt_error *e);
/*
 * Searches with flt. On success *out is a malloc'd array of *n facilities (caller frees), and
 * *total the number matching without paging. With flt->near, results are ordered by distance
 * and carry distance_km.
 */
enum zt_err store_facility_search(struct store *st, const struct facility_filter *flt, struct facility **out,
				  size_t *n, size_t *total, struct zt_error *e);
/* Calls fn for every institution, ordered by id, read in pages of 1,000 (exports). */
enum zt_err store_facility_each(struct store *st, void (*fn)(const struct facility *f, void *ctx), void *ctx,
				struct zt_error *e);
/* Practitioners and raw bureau filings of an institution (read views). */
json_t *store_facility_practitioners(struct store *st, int64_t id);
json_t *store_facility_filings(struct store *st, int64_t id);
int64_t store_facility_count(struct store *st);

/* Inside a transaction: replace the bureau filings of an institution's symbol. */
enum zt_err store_filing_put(struct store *st, int64_t institution_id, const char *symbol, const char *name,
			     const char *number, const char *start_date, int known);
enum zt_err store_practitioner_add(struct store *st, int64_t institution_id, const char *role, const char *name,
				   const char *kana, const char *specialty, int64_t *id);
enum zt_err store_import_batch_add(struct store *st, const char *kind, const char *source, long lines,
				   long inserted, long updated, const char *unknown_symbols);

/* Current UTC time as ISO 8601 "YYYY-MM-DDTHH:MM:SSZ". */
void store_now(char out[21]);

#endif
