/*
 * Copying a whole database into another one through the driver seam (issue 17 §5, `zaitaku copy`):
 * SQLite → PostgreSQL to move a region onto a database server, and back. Every table of the
 * source, parents before children (foreign keys), rows with their ids, the audit trail with its
 * ids, hashes and signed checkpoints verbatim; then the target's identity sequences are set past
 * the copied ids. The target must be empty (just migrated) and at the same schema version; it is
 * written in one transaction, so a failed copy leaves it empty.
 */
#ifndef ZT_STORE_STORE_COPY_H
#define ZT_STORE_STORE_COPY_H

#include <stdint.h>

#include "core/error.h"

struct store;

/* Called after each table is copied, with the rows written. */
typedef void (*store_copy_progress_fn)(const char *table, int64_t rows, void *ctx);

/*
 * Copies from into to (see above), reading from in one snapshot. ZT_OK; ZT_ERR_CONFLICT (field
 * "target") when to holds data or has another schema version, or a row is refused by the target
 * (field "table", the message names the table); ZT_ERR_DB / ZT_ERR_BUSY on storage errors. On
 * error the target keeps nothing. progress may be NULL.
 */
enum zt_err store_copy(struct store *from, struct store *to, store_copy_progress_fn progress, void *ctx,
		       struct zt_error *e);

/* Called for each table of from by store_copy_compare with its row counts in both. */
typedef void (*store_copy_count_fn)(const char *table, int64_t n_from, int64_t n_to, void *ctx);
/* Compares row counts table by table (key_info and schema_version included). Returns the number of
 * tables whose counts differ (a table missing in to counts -1 rows there), or -1 when the source's
 * tables cannot be listed. fn may be NULL. */
int store_copy_compare(struct store *from, struct store *to, store_copy_count_fn fn, void *ctx);

#endif
