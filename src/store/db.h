/*
 * The SQL driver seam: every query in src/store/ goes through these calls, never through a
 * driver library directly, so that a PostgreSQL driver (db_pg.c) can sit beside db_sqlite.c.
 * SQL text uses `?` placeholders; a driver that needs `$1` rewrites them when preparing.
 * Ownership: a struct db_stmt belongs to the caller until db_finalize(); strings returned by
 * db_col_text() are borrowed and valid until the next db_step()/db_finalize() on that statement.
 * Statement tables (db_cached): each store file names its statements in one table; a connection
 * prepares each once, on first use, and keeps it until db_close() (PostgreSQL: PREPARE per session).
 * The text cache: db_query(), db_run() and db_scalar_int() keep the statements they prepare too,
 * keyed by their SQL text (the DB_TEXT_CACHE_MAX most recently used per connection), so a store
 * file's literal statements are parsed once per connection without a table of their own.
 */
#ifndef ZT_STORE_DB_H
#define ZT_STORE_DB_H

#include <stdint.h>

struct db;
struct db_stmt;

/* Step and execution results, in the manner of GNUnet's DB query status. */
enum db_status {
	DB_HARD_ERROR = -2, /* the query cannot succeed; look at db_errmsg() */
	DB_SOFT_ERROR = -1, /* busy / serialization failure: retrying the transaction may succeed */
	DB_DONE = 0,        /* no (more) rows */
	DB_ROW = 1,         /* a row is ready */
	DB_CONSTRAINT = 2,  /* unique or foreign-key constraint failed */
	DB_IO_ERROR = -3    /* the storage failed (I/O error, disk full); the database stays intact: 503 */
};

struct db_ops {
	const char *name;
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql);
	struct db_stmt *(*prepare)(struct db *db, const char *sql);
	int (*bind_text)(struct db_stmt *st, int idx, const char *v);
	int (*bind_blob)(struct db_stmt *st, int idx, const void *v, int len);
	int (*bind_int)(struct db_stmt *st, int idx, int64_t v);
	int (*bind_double)(struct db_stmt *st, int idx, double v);
	int (*bind_null)(struct db_stmt *st, int idx);
	int (*step)(struct db_stmt *st);
	int (*reset)(struct db_stmt *st);
	void (*finalize)(struct db_stmt *st);
	int (*col_count)(struct db_stmt *st);
	const char *(*col_name)(struct db_stmt *st, int i);
	int (*col_is_null)(struct db_stmt *st, int i);
	const char *(*col_text)(struct db_stmt *st, int i);
	const void *(*col_blob)(struct db_stmt *st, int i, int *len);
	int64_t (*col_int)(struct db_stmt *st, int i);
	double (*col_double)(struct db_stmt *st, int i);
	int64_t (*changes)(struct db *db);
	const char *(*errmsg)(struct db *db);
	int (*backup_to)(struct db *db, const char *path);
	int (*set_identity)(struct db *db, int32_t application_id, int version);
	const char *(*explain)(struct db *db, const char *sql, char *buf, int bufsz);
	/* transactions: each driver says its own BEGIN (see db_begin) */
	int (*begin)(struct db *db);
	int (*begin_read)(struct db *db);
	int (*commit)(struct db *db);
	int (*rollback)(struct db *db);
	int (*tx_replay)(struct db *db); /* NULL: never (see db_tx_replay) */
	int (*step_nowait)(struct db_stmt *st); /* NULL: as step (see db_run_nowait) */
	int (*begin_with)(struct db *db, struct db_stmt *first); /* NULL: begin (see db_begin_query) */
};

/* The statement cache of one connection: tables by slot, statements by index (see db_cached). */
#define DB_SQL_TABLES_MAX 16
struct db_cache_entry;
#define DB_TEXT_CACHE_MAX 96
struct db_text_cache;

struct db {
	const struct db_ops *ops;
	struct db_cache_entry *cache[DB_SQL_TABLES_MAX]; /* NULL until the table is first used */
	struct db_text_cache *texts;                     /* NULL until db_query() is first used */
};

/* What every driver's statement starts with (its first member), so the seam finds the ops table
 * and knows whether a statement belongs to the connection's cache. */
struct db_stmt_head {
	struct db *db;
	int cached; /* 1: owned by the cache; db_release()/db_finalize() only reset it */
	int busy;   /* cached and handed out, not released yet */
};

/*
 * A statement table: the statements of one store file, e.g.
 *   enum fac_sql {FAC_GET_BY_ID, FAC_CAPS, FAC__MAX};
 *   static const char *const fac_sql_text[FAC__MAX] = {[FAC_GET_BY_ID] = "SELECT …", …};
 *   static const struct db_sql_table fac_sql = {STORE_SQL_FACILITY, FAC__MAX, fac_sql_text};
 * slot is the table's place in a connection's cache (unique per table, < DB_SQL_TABLES_MAX).
 * sql may be NULL for a family of generated variants whose text the caller passes (db_cached_sql):
 * the text of variant i must then be the same every time (built from which filters are present,
 * never from values — values are always bound).
 */
struct db_sql_table {
	int slot;
	int n;
	const char *const *sql;
};

/* Opens (creating when absent) an SQLite database with the pragmas of SECURITY.md. NULL on error,
 * with a message in err (size errsz). The caller owns the connection: db_close(). */
struct db *db_open_sqlite(const char *path, char *err, int errsz);
/* Connects to PostgreSQL (a libpq connection string or URI, db_pg.c). NULL on error, with a message
 * in err. The caller owns the connection: db_close(). */
struct db *db_open_pg(const char *conninfo, char *err, int errsz);
/* True when s names a PostgreSQL database (postgresql:// or postgres://), false for a SQLite path. */
int db_is_pg(const char *s);
/* The PostgreSQL driver's two text translations (new strings, caller frees; unit-tested): sql with
 * the n-th `?` outside literals as $n and json_group_array(x) as COALESCE(json_agg(x), '[]')
 * (*nparams receives n); the SQLite DDL of the migrations in PostgreSQL's words (see db_pg.c). */
char *db_pg_rewrite(const char *sql, int *nparams);
char *db_pg_translate_ddl(const char *sql);
/* The database name of a PostgreSQL connection string into buf ("" when it names none). */
const char *db_pg_dbname(const char *conninfo, char *buf, int bufsz);
/* Finalizes the connection's cached statements, closes it and frees db; finalize the caller's own
 * statements first. Accepts NULL. */
void db_close(struct db *db); /* accepts NULL */

/* Runs one or more statements without parameters or result rows (DDL, pragmas, BEGIN).
 * Returns DB_DONE, or DB_CONSTRAINT / DB_SOFT_ERROR / DB_HARD_ERROR on error (see db_errmsg). */
int db_exec(struct db *db, const char *sql);
/* Prepares sql, uncached (for text built per call); NULL on error (see db_errmsg). The caller owns
 * the statement: db_finalize(). */
struct db_stmt *db_prepare(struct db *db, const char *sql);
/*
 * Prepares sql and binds arguments by a signature string, one char per `?`:
 *   's' const char * (NULL binds NULL)   'i' int64_t   'd' double   'n' nothing (binds NULL)
 *   'b' const void *, int length         'I' int64_t, binds NULL when 0 (optional foreign keys)
 * The statement comes from the connection's text cache (see the top of this file; a nested use of
 * the same text while it is handed out gets a fresh uncached one): give it back with db_finalize().
 * NULL on error.
 */
struct db_stmt *db_query(struct db *db, const char *sql, const char *sig, ...);
/*
 * Statement life cycle. db_step() returns DB_ROW (a row is ready), DB_DONE, DB_CONSTRAINT, or
 * DB_SOFT_ERROR / DB_HARD_ERROR on error. db_reset() clears the bindings and rewinds for the next
 * execution (same results). db_finalize() frees the statement (a cached one is only released, see
 * db_cached); accepts NULL.
 */
int db_step(struct db_stmt *st);
int db_reset(struct db_stmt *st);
void db_finalize(struct db_stmt *st); /* accepts NULL */
/*
 * Bind by 1-based index: text is copied (NULL binds NULL). Each returns DB_DONE, or an error status
 * (< 0) when the index is out of range or the driver fails.
 */
int db_bind_text(struct db_stmt *st, int idx, const char *v);
int db_bind_int(struct db_stmt *st, int idx, int64_t v);
int db_bind_double(struct db_stmt *st, int idx, double v);
int db_bind_null(struct db_stmt *st, int idx);
/* Binds len bytes at v (copied) as a blob (BYTEA on PostgreSQL). */
int db_bind_blob(struct db_stmt *st, int idx, const void *v, int len);
/*
 * Columns of the current row (after db_step() returned DB_ROW), by 0-based index. Names, text and
 * blobs are borrowed from the statement and valid until its next step, reset or finalize; a NULL
 * reads as "" (text), 0 (int, double) or a NULL pointer with *len 0 (blob). Nothing signals an
 * error here: an index out of range reads as NULL.
 */
int db_col_count(struct db_stmt *st);
const char *db_col_name(struct db_stmt *st, int i);
int db_col_is_null(struct db_stmt *st, int i);
const char *db_col_text(struct db_stmt *st, int i); /* "" for NULL */
const void *db_col_blob(struct db_stmt *st, int i, int *len);
int64_t db_col_int(struct db_stmt *st, int i);
double db_col_double(struct db_stmt *st, int i);
/* Rows changed by the last INSERT/UPDATE/DELETE of this connection (0 when none). */
int64_t db_changes(struct db *db);
/* The driver's message for the last error (borrowed; for the server log only, never for clients). */
const char *db_errmsg(struct db *db);

/*
 * The statement i of table t on this connection, prepared on first use and kept, with arguments
 * bound by sig as for db_query(). Give it back with db_release() (which resets it and clears its
 * bindings; db_finalize() does the same for a cached statement). When statement i is already
 * handed out (a nested use), a fresh uncached statement is prepared instead, so nesting is safe.
 * A connection is used by one thread at a time (the server's pool), so the cache needs no lock.
 * NULL on error (see db_errmsg).
 */
struct db_stmt *db_cached(struct db *db, const struct db_sql_table *t, int i, const char *sig, ...);
/* As db_cached() for a table of generated variants (t->sql NULL): sql is variant i's text, used
 * only when it is prepared; nothing is bound. NULL on error. */
struct db_stmt *db_cached_sql(struct db *db, const struct db_sql_table *t, int i, const char *sql);
/* Gives a statement back: a cached one is reset for its next use, an uncached one finalized.
 * Accepts NULL. */
void db_release(struct db_stmt *st);
/* db_run() and db_scalar_int() on statement i of table t (cached). */
int db_run_cached(struct db *db, const struct db_sql_table *t, int i, const char *sig, ...);
int db_scalar_cached(struct db *db, int64_t *out, const struct db_sql_table *t, int i, const char *sig, ...);

/* Runs a statement with no result rows: returns DB_DONE, DB_CONSTRAINT or an error status. */
int db_run(struct db *db, const char *sql, const char *sig, ...);
/*
 * db_run() / db_run_cached() for a write whose answer the caller does not read (neither rows nor
 * db_changes()). Inside a write transaction the driver may send it without waiting (PostgreSQL:
 * libpq pipeline mode, the answer read with the next statement's, see db_pg.c p_step_nowait): it
 * then returns DB_DONE at once, and a failure becomes the status of the transaction's next
 * statement or of db_commit() — a constraint failure becomes the transaction's replay (see
 * db_tx_replay), in which every write waits for its answer again, so the store still sees
 * DB_CONSTRAINT where it happened. SQLite: exactly db_run() / db_run_cached().
 */
int db_run_nowait(struct db *db, const char *sql, const char *sig, ...);
int db_run_cached_nowait(struct db *db, const struct db_sql_table *t, int i, const char *sig, ...);
/* Runs a query returning one integer (first column of the first row); *out unchanged on no row.
 * Returns DB_ROW, DB_DONE or an error status. */
int db_scalar_int(struct db *db, int64_t *out, const char *sql, const char *sig, ...);

/* Write transactions: BEGIN IMMEDIATE (SQLite: the write lock up front) / BEGIN ISOLATION LEVEL
 * SERIALIZABLE (PostgreSQL: conflicts become DB_SOFT_ERROR, retried by store_tx). A read
 * transaction (one snapshot): BEGIN (SQLite, deferred) / REPEATABLE READ READ ONLY (PostgreSQL). */
int db_begin(struct db *db);
/* db_begin(), and sql (no parameters) as the transaction's first statement, handed out in *out for
 * db_step() and db_finalize(): on PostgreSQL it runs in the round trip of the writers' lock and
 * BEGIN (for what nearly every write transaction reads, the audit chain's head); SQLite runs it at
 * its first db_step(). On error nothing is left begun and *out is NULL. */
int db_begin_query(struct db *db, const char *sql, struct db_stmt **out);
int db_begin_read(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);
/* True when the driver aborted the current write transaction to run it again differently
 * (PostgreSQL: a write failed on a constraint outside a savepoint, see db_pg.c): the caller rolls
 * back and runs the whole transaction again, whatever its function returned. Never on SQLite. */
int db_tx_replay(struct db *db);

/* Consistent online copy of the open database to path (SQLite online backup API). */
int db_backup_to(struct db *db, const char *path);
/* Marks the file as a zaitaku database of schema `version` where the driver has a place for it
 * (SQLite: PRAGMA application_id and user_version, read by `zaitaku restore`); writes only when
 * they differ. DB_DONE or an error status. */
int db_set_identity(struct db *db, int32_t application_id, int version);
/* The query plan of sql as text in buf (bufsz bytes; also returned), for benchmarks and docs; on
 * error buf holds the driver's message. */
const char *db_explain(struct db *db, const char *sql, char *buf, int bufsz);

#endif
