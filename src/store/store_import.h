/*
 * Bulk writes of the bureau-list import (io/bureau_import.c). The registry's existing codes are
 * read once; new institutions, their standards and their filings are written with multi-row
 * INSERT statements prepared once per batch size, so that a 100,000-line list costs a few
 * thousand statement executions rather than a few hundred thousand. Use the writer only inside
 * store_tx(). Strings are borrowed for the duration of each call.
 */
#ifndef ZT_STORE_STORE_IMPORT_H
#define ZT_STORE_STORE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/error.h"

struct store;
struct store_bureau_writer;

/* The attributes a bureau list carries for one institution. */
struct store_bureau_inst {
	const char *medical_code; /* 10 digits */
	const char *kind;         /* inst_kinds[].code */
	const char *name;
	const char *postal_code;  /* NULL when absent */
	const char *address;
	const char *municipality; /* NULL when not derived (an update then keeps the stored one) */
	const char *phone;
	const char *fax;
	int beds;
};

struct store_bureau_standard {
	int64_t institution_id;
	const char *standard;     /* standards[].code */
	const char *since;        /* ISO date or NULL */
};

struct store_bureau_filing {
	int64_t institution_id;
	const char *symbol, *name, *number, *start_date, *note;
	bool known;
};

/* Calls fn for every institution that has a 医療機関コード. */
enum zt_err store_bureau_codes(struct store *st, void (*fn)(const char *code, int64_t id, void *ctx), void *ctx,
			       struct zt_error *e);

/*
 * The prepared multi-row statements of one import, used inside its store_tx(). NULL on error (*e
 * filled). Close (accepts NULL) before the transaction's connection goes back to the pool: it
 * finalizes the statements and restores the page cache size.
 */
struct store_bureau_writer *store_bureau_writer_open(struct store *st, struct zt_error *e);
void store_bureau_writer_close(struct store_bureau_writer *w); /* accepts NULL */
/* Inserts n new institutions; ids[i] receives the id of in[i]. */
enum zt_err store_bureau_insert(struct store_bureau_writer *w, const struct store_bureau_inst *in, size_t n,
				int64_t *ids, struct zt_error *e);
/* Updates name, kind, postal code, address, municipality (when given), phone, fax and beds of
 * institution id — coordinates, capabilities, legal entity and notes are kept — and deletes its
 * standards and bureau filings, which the caller then adds from this import. */
enum zt_err store_bureau_update(struct store_bureau_writer *w, int64_t id, const struct store_bureau_inst *in,
				struct zt_error *e);
/* Adds 届出 standards rows. ZT_ERR_CONFLICT on a duplicate, else a storage error (*e filled). */
enum zt_err store_bureau_add_standards(struct store_bureau_writer *w, const struct store_bureau_standard *s, size_t n,
				       struct zt_error *e);
/* Adds filings; (institution_id, symbol) must be unique among them and new to the store. */
enum zt_err store_bureau_add_filings(struct store_bureau_writer *w, const struct store_bureau_filing *f, size_t n,
				     struct zt_error *e);

/* Updates only the attributes (as store_bureau_update) and leaves standards and filings alone. */
enum zt_err store_bureau_update_attrs(struct store_bureau_writer *w, int64_t id, const struct store_bureau_inst *in,
				      struct zt_error *e);
/* Deletes the standards and bureau filings of institution id (to be replaced or ended). */
enum zt_err store_bureau_clear(struct store_bureau_writer *w, int64_t id, struct zt_error *e);

/* A filing absent from a later list: kept with the day it ended (issue 12 §4). */
struct store_bureau_end {
	int64_t institution_id;
	const char *symbol, *name, *number, *start_date;
	const char *standard; /* standards[].code or NULL */
	const char *ended_on; /* ISO date */
	int64_t batch_id;
};
enum zt_err store_bureau_end_filing(struct store_bureau_writer *w, const struct store_bureau_end *end,
				    struct zt_error *e);

/*
 * The registry as a bureau list sees it, for the change report: every institution with a
 * 医療機関コード (ordered by id), then their standards (by institution, standard), then their
 * filings (by institution, symbol). Rows are borrowed for the callback. ZT_OK or a storage error.
 */
struct store_bureau_row {
	int64_t id;
	const char *medical_code, *kind, *name, *postal_code, *address, *municipality, *phone, *fax; /* "" when NULL */
	int beds;
};
struct store_bureau_snapshot_fns {
	void (*inst)(const struct store_bureau_row *row, void *ctx);
	void (*standard)(int64_t institution_id, const char *standard, const char *since, void *ctx);
	void (*filing)(const struct store_bureau_filing *f, void *ctx); /* NULL texts as "" */
	void *ctx;
};
enum zt_err store_bureau_snapshot(struct store *st, const struct store_bureau_snapshot_fns *fns, struct zt_error *e);

/* One import as a record (import_batch, issue 12 §4). Texts may be NULL. */
struct store_import_record {
	const char *kind, *source, *file_name, *sha256, *as_of, *unknown_symbols, *actor_name;
	int64_t actor_id;
	long lines, inserted, updated, unchanged, ended, standards_gained, standards_lost;
};
/* Adds the record; *id receives its id. ZT_OK or a storage error (*e). */
enum zt_err store_import_record_add(struct store *st, const struct store_import_record *r, int64_t *id,
				    struct zt_error *e);
/* The newest records (of kind, or all when kind is NULL), newest first, at most limit: a new JSON
 * array (caller owns), NULL on a storage error. */
json_t *store_import_records(struct store *st, const char *kind, int limit);
/* Ended filings of an institution, newest first: a new JSON array (caller owns), NULL on error. */
json_t *store_facility_filings_ended(struct store *st, int64_t id);

/*
 * Turns the connection's foreign-key enforcement off (on=false) around a bulk import that checks
 * its own references (municipality codes read from the store, institution ids it just inserted),
 * and back on. Outside transactions only; a no-op for drivers without the switch.
 */
void store_bulk_foreign_keys(struct store *st, bool on);

/* Every municipality (including wards) as parallel arrays for address matching; the caller frees
 * the four arrays and *pool (which holds the strings) with free(). Returns the count, -1 on error. */
int store_municipality_names(struct store *st, char ***codes, char ***prefs, char ***names, char ***parents,
			     char **pool);

#endif
