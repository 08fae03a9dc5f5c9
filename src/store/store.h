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

/* Opens the database at path (SQLite), applying pending migrations, with the key files beside it
 * (store_keys.h: store_open_opts names other paths; a new database gets new key files). NULL on
 * error (see *e). The caller owns the store: store_close(). One store is one connection, used by
 * one thread at a time. */
struct store *store_open(const char *path, struct zt_error *e);
/* Closes the connection and frees st. Accepts NULL. */
void store_close(struct store *st); /* accepts NULL */
/* The applied migration number (0 for a fresh file, or when the query fails). */
int store_schema_version(struct store *st);

/*
 * Runs fn inside one write transaction (BEGIN IMMEDIATE … COMMIT), retrying the whole
 * transaction (up to 10 times) when the database is busy. fn returns ZT_OK to commit; anything
 * else rolls back and is returned (ZT_ERR_BUSY after the last retry). Writers of this process
 * queue on one mutex first (SQLite has one writer; see store.c). A store_tx() inside fn runs in
 * the outer transaction. Every multi-row write goes through here.
 */
typedef enum zt_err (*store_tx_fn)(struct store *st, void *ctx, struct zt_error *e);
enum zt_err store_tx(struct store *st, store_tx_fn fn, void *ctx, struct zt_error *e);
/*
 * A read transaction: the statements between store_read_begin() and store_read_end() see one
 * snapshot (a search's count and page agree) and take the database's read lock once instead of
 * once per statement. Inside a write transaction both do nothing. store_read_begin() returns
 * whether it began one; pass that to store_read_end(). No audit_append() or store_tx() in between
 * (a write cannot begin inside the read transaction).
 */
int store_read_begin(struct store *st);
void store_read_end(struct store *st, int began);

/* Online backup to path (SQLite backup API). ZT_OK, or ZT_ERR_IO naming "file" when the file
 * cannot be written. Restore: store_backup.h. */
enum zt_err store_backup(struct store *st, const char *path, struct zt_error *e);
/* Query plan of the facility search with flt, for the benchmark report. */
void store_facility_explain(struct store *st, const struct facility_filter *flt, char *buf, int bufsz);

/* ---- geography (read views) ---- */
/*
 * Read views of the geography as new JSON arrays of objects (caller owns; json_decref). A failing
 * query yields an empty array, never NULL: these lists are public and advisory.
 */
json_t *store_prefectures(struct store *st);
json_t *store_municipalities(struct store *st, const char *prefecture); /* prefecture may be NULL */
json_t *store_medical_areas(struct store *st, const char *prefecture);  /* 二次医療圏 with members */
json_t *store_care_areas(struct store *st, const char *prefecture);     /* 圏域 with members */
json_t *store_medical_associations(struct store *st);                    /* 郡市医師会 with coverage */
/* True when the municipality code is known (false on a query error too). */
bool store_municipality_exists(struct store *st, const char *code);
/* Inside a transaction: reference geography (idempotent upserts; see io/refdata.c). */
enum zt_err store_prefecture_put(struct store *st, const char *code, const char *name);
enum zt_err store_municipality_put(struct store *st, const char *code, const char *pref, const char *name,
				   const char *ruby, const char *type, const char *parent);
/* Number of municipalities (0 on error). */
int64_t store_municipality_count(struct store *st);

/* Inside a transaction: geography and reference writes used by the demo and imports. */
/*
 * Each returns ZT_OK, ZT_ERR_CONFLICT (constraint: unknown code), ZT_ERR_BUSY or ZT_ERR_DB; no
 * struct zt_error is filled (callers add the context). Areas are upserted by (prefecture, name) and
 * *id receives the area id; adjacency is stored in both directions; store_association_cover says
 * that the 郡市医師会 institution covers a municipality.
 */
enum zt_err store_municipality_set_geo(struct store *st, const char *code, double lat, double lon, long population);
enum zt_err store_medical_area_put(struct store *st, const char *pref, const char *name, const char *const *munis, int64_t *id);
enum zt_err store_care_area_put(struct store *st, const char *pref, const char *name, const char *const *munis, int64_t *id);
enum zt_err store_adjacency_put(struct store *st, const char *a, const char *b);
enum zt_err store_association_cover(struct store *st, int64_t institution_id, const char *municipality);

/* ---- institutions ---- */
/* Loads institution id with its capabilities and standards into *out. ZT_ERR_NOTFOUND when absent,
 * ZT_ERR_DB / ZT_ERR_BUSY on storage errors (details in *e). */
enum zt_err store_facility_get(struct store *st, int64_t id, struct facility *out, struct zt_error *e);
/* Looks up by 医療機関コード; ZT_ERR_NOTFOUND when absent. */
enum zt_err store_facility_by_code(struct store *st, const char *medical_code, struct facility *out);
/* Inside a transaction. Checks references (municipality exists), resolves the legal entity by
 * name, writes capabilities and standards. Sets f->id on create. */
enum zt_err store_facility_create(struct store *st, struct facility *f, struct zt_error *e);
/* Inside a transaction. Same checks as create; ZT_ERR_NOTFOUND when f->id does not exist. */
enum zt_err store_facility_update(struct store *st, const struct facility *f, struct zt_error *e);
/* Inside a transaction. ZT_ERR_NOTFOUND when absent, ZT_ERR_CONFLICT while a group, designation
 * or other row still references the institution. */
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
/* Practitioners and raw bureau filings of an institution (read views): new JSON arrays, caller owns;
 * empty on error. */
json_t *store_facility_practitioners(struct store *st, int64_t id);
json_t *store_facility_filings(struct store *st, int64_t id);
/* Number of institutions (0 on error). */
int64_t store_facility_count(struct store *st);

/* Inside a transaction: records who (by, a username; NULL = system) confirmed each fact of after
 * whose state differs from before (NULL on create: every known fact), now; a fact that became
 * 未確認 loses its record (issue 12 §3). ZT_OK or a storage error. */
enum zt_err store_facility_confirm(struct store *st, const struct facility *before, const struct facility *after,
				   const char *by, struct zt_error *e);
/* The confirmation records of an institution: a new JSON array of {fact, state, confirmed_by,
 * confirmed_at} (caller owns), NULL on a storage error. */
json_t *store_facility_confirmations(struct store *st, int64_t id);
/* Computes the folded search text (facility_search_key) of institutions: those without one, or
 * with all every one whose text changed (after an import that rewrote names and addresses). Run
 * inside a transaction or alone. ZT_OK or a storage error. */
enum zt_err store_facility_search_refresh(struct store *st, bool all, struct zt_error *e);
/* True when some institution has no search text yet (a read; false on a storage error). */
bool store_facility_search_stale(struct store *st);

/* Inside a transaction: replace the bureau filings of an institution's symbol. ZT_OK or the mapped
 * storage error (no struct zt_error filled). */
enum zt_err store_filing_put(struct store *st, int64_t institution_id, const char *symbol, const char *name,
			     const char *number, const char *start_date, int known);
/* Inside a transaction: a practitioner of an institution (*id receives the new id), and one row of
 * the import log. Both return ZT_OK or the mapped storage error (no struct zt_error filled). */
enum zt_err store_practitioner_add(struct store *st, int64_t institution_id, const char *role, const char *name,
				   const char *kana, const char *specialty, int64_t *id);
enum zt_err store_import_batch_add(struct store *st, const char *kind, const char *source, long lines,
				   long inserted, long updated, const char *unknown_symbols);

#endif
