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
