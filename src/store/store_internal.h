/* Shared by the files of src/store/ only. */
#ifndef ZT_STORE_INTERNAL_H
#define ZT_STORE_INTERNAL_H

#include "store/db.h"
#include "store/store.h"

struct store {
	struct db *db;
	int in_tx;
};

/* Maps a db status to the project's error, filling e with a generic message (never SQL text). */
enum zt_err store_db_err(struct store *st, int status, struct zt_error *e);
/* Runs a query that returns rows and collects them as a JSON array of objects keyed by column. */
json_t *store_rows_json(struct db_stmt *q);

#endif
