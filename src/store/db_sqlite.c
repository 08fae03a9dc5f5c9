/* The SQLite driver behind the db seam (issue 2 §4). With its VFS shim db_fault.c and the file check of
 * store_backup.c, the only files that include sqlite3.h (docs/architecture.md).
 * Pragmas follow SECURITY.md: WAL, synchronous=FULL, busy_timeout 5 s, foreign keys, no trusted schema;
 * secure_delete=FAST so that a replaced value (e.g. a TOTP secret sealed on open) is not left in the page. */
#include "store/db.h"
#include "store/db_fault.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The transaction statements, kept prepared: sqlite3_exec() would parse them anew on every call (a
 * call-chain read runs BEGIN and COMMIT for its snapshot, the audit committer BEGIN IMMEDIATE and
 * COMMIT for every group of rows). */
enum { TX_BEGIN, TX_BEGIN_READ, TX_COMMIT, TX_ROLLBACK, TX_N };
static const char *const tx_sql[TX_N] = {"BEGIN IMMEDIATE", "BEGIN", "COMMIT", "ROLLBACK"};

struct sqlite_db {
	struct db base;
	sqlite3 *h;
	sqlite3_stmt *tx[TX_N]; /* prepared on first use */
};

struct sqlite_stmt {
	struct db_stmt_head head; /* must stay first (db.h) */
	sqlite3_stmt *s;
};

#define H(db) (((struct sqlite_db *)(db))->h)
#define S(st) (((struct sqlite_stmt *)(st))->s)

static int map_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE: return DB_DONE;
	case SQLITE_ROW: return DB_ROW;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return DB_SOFT_ERROR;
	case SQLITE_CONSTRAINT: return DB_CONSTRAINT;
	case SQLITE_IOERR:
	case SQLITE_FULL: return DB_IO_ERROR;
	default: return DB_HARD_ERROR;
	}
}

static void s_close(struct db *db)
{
	for (int i = 0; i < TX_N; i++)
		sqlite3_finalize(((struct sqlite_db *)db)->tx[i]);
	sqlite3_close_v2(H(db));
	free(db);
}

static int s_exec(struct db *db, const char *sql)
{
	return map_rc(sqlite3_exec(H(db), sql, NULL, NULL, NULL));
}

static struct db_stmt *s_prepare(struct db *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(H(db), sql, -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return NULL;
	}
	struct sqlite_stmt *st = malloc(sizeof *st);
	if (st == NULL) {
		sqlite3_finalize(s);
		return NULL;
	}
	st->head = (struct db_stmt_head){.db = db};
	st->s = s;
	return (struct db_stmt *)st;
}

static int s_bind_text(struct db_stmt *st, int i, const char *v)
{
	return map_rc(v ? sqlite3_bind_text(S(st), i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(S(st), i));
}
static int s_bind_blob(struct db_stmt *st, int i, const void *v, int len)
{
	return map_rc(sqlite3_bind_blob(S(st), i, v, len, SQLITE_TRANSIENT));
}
static int s_bind_int(struct db_stmt *st, int i, int64_t v) { return map_rc(sqlite3_bind_int64(S(st), i, v)); }
static int s_bind_double(struct db_stmt *st, int i, double v) { return map_rc(sqlite3_bind_double(S(st), i, v)); }
static int s_bind_null(struct db_stmt *st, int i) { return map_rc(sqlite3_bind_null(S(st), i)); }
static int s_step(struct db_stmt *st) { return map_rc(sqlite3_step(S(st))); }
static int s_reset(struct db_stmt *st)
{
	sqlite3_clear_bindings(S(st));
	return map_rc(sqlite3_reset(S(st)));
}
static void s_finalize(struct db_stmt *st)
{
	sqlite3_finalize(S(st));
	free(st);
}
static int s_col_count(struct db_stmt *st) { return sqlite3_column_count(S(st)); }
static const char *s_col_name(struct db_stmt *st, int i) { return sqlite3_column_name(S(st), i); }
static int s_col_is_null(struct db_stmt *st, int i) { return sqlite3_column_type(S(st), i) == SQLITE_NULL; }
static const char *s_col_text(struct db_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(S(st), i);
	return t ? (const char *)t : "";
}
static const void *s_col_blob(struct db_stmt *st, int i, int *len)
{
	const void *b = sqlite3_column_blob(S(st), i);
	*len = sqlite3_column_bytes(S(st), i);
	return b;
}
static int64_t s_col_int(struct db_stmt *st, int i) { return sqlite3_column_int64(S(st), i); }
static double s_col_double(struct db_stmt *st, int i) { return sqlite3_column_double(S(st), i); }
static int64_t s_changes(struct db *db) { return sqlite3_changes64(H(db)); }
static const char *s_errmsg(struct db *db) { return sqlite3_errmsg(H(db)); }

/* Copies between two open handles page by page; used for backup and restore. */
static int copy_db(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (b == NULL)
		return DB_HARD_ERROR;
	int rc;
	do {
		rc = sqlite3_backup_step(b, -1); /* one step: a consistent snapshot even while other connections write */
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? DB_DONE : DB_HARD_ERROR;
}

static int s_backup_to(struct db *db, const char *path)
{
	sqlite3 *dst = NULL;
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		sqlite3_close_v2(dst);
		return DB_HARD_ERROR;
	}
	int rc = copy_db(dst, H(db));
	/* a backup is one self-contained file: no -wal or -shm beside it */
	if (rc == DB_DONE && sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK)
		rc = DB_HARD_ERROR;
	sqlite3_close_v2(dst);
	return rc;
}

static int s_set_identity(struct db *db, int32_t application_id, int version)
{
	sqlite3_stmt *s = NULL;
	int64_t have_app = 0, have_version = 0;
	if (sqlite3_prepare_v2(H(db), "SELECT (SELECT application_id FROM pragma_application_id),"
				      " (SELECT user_version FROM pragma_user_version)", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW) {
		have_app = sqlite3_column_int64(s, 0);
		have_version = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (have_app == application_id && have_version == version)
		return DB_DONE;
	char sql[128];
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d", (int)application_id, version);
	return map_rc(sqlite3_exec(H(db), sql, NULL, NULL, NULL));
}

static const char *s_explain(struct db *db, const char *sql, char *buf, int bufsz)
{
	char q[8192];
	snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *s = NULL;
	buf[0] = '\0';
	if (sqlite3_prepare_v2(H(db), q, -1, &s, NULL) != SQLITE_OK) {
		snprintf(buf, (size_t)bufsz, "%s", sqlite3_errmsg(H(db)));
		return buf;
	}
	size_t used = 0;
	while (sqlite3_step(s) == SQLITE_ROW && used + 1 < (size_t)bufsz)
		used += (size_t)snprintf(buf + used, (size_t)bufsz - used, "%s\n", sqlite3_column_text(s, 3));
	sqlite3_finalize(s);
	return buf;
}

/* Runs transaction statement i as sqlite3_exec() would (same result codes), without parsing it. */
static int tx_run(struct db *db, int i)
{
	sqlite3_stmt **s = &((struct sqlite_db *)db)->tx[i];
	if (*s == NULL && sqlite3_prepare_v2(H(db), tx_sql[i], -1, s, NULL) != SQLITE_OK) {
		sqlite3_finalize(*s);
		*s = NULL;
		return s_exec(db, tx_sql[i]);
	}
	int rc = sqlite3_step(*s);
	sqlite3_reset(*s);
	return map_rc(rc);
}

static int s_begin(struct db *db) { return tx_run(db, TX_BEGIN); }
static int s_begin_read(struct db *db) { return tx_run(db, TX_BEGIN_READ); }
static int s_commit(struct db *db) { return tx_run(db, TX_COMMIT); }
static int s_rollback(struct db *db) { return tx_run(db, TX_ROLLBACK); }

static const struct db_ops sqlite_ops = {
	.name = "sqlite",
	.close = s_close, .exec = s_exec, .prepare = s_prepare,
	.bind_text = s_bind_text, .bind_blob = s_bind_blob, .bind_int = s_bind_int,
	.bind_double = s_bind_double, .bind_null = s_bind_null,
	.step = s_step, .reset = s_reset, .finalize = s_finalize,
	.col_count = s_col_count, .col_name = s_col_name, .col_is_null = s_col_is_null,
	.col_text = s_col_text, .col_blob = s_col_blob, .col_int = s_col_int, .col_double = s_col_double,
	.changes = s_changes, .errmsg = s_errmsg,
	.backup_to = s_backup_to, .set_identity = s_set_identity, .explain = s_explain,
	.begin = s_begin, .begin_read = s_begin_read, .commit = s_commit, .rollback = s_rollback,
};

/* Process-wide settings, before SQLite initialises: no allocation statistics, whose global mutex
 * every malloc of every connection would otherwise take (the read path's pool threads contend on
 * it). Too late once SQLite is initialised (sqlite3_config then refuses): harmless. */
static void configure_once(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct db *db_open_sqlite(const char *path, char *err, int errsz)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, configure_once);
	struct sqlite_db *d = calloc(1, sizeof *d);
	if (d == NULL)
		return NULL;
	d->base.ops = &sqlite_ops;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &d->h, flags, db_fault_vfs()) != SQLITE_OK) { /* NULL unless a test asks */
		snprintf(err, (size_t)errsz, "cannot open %s: %s", path, d->h ? sqlite3_errmsg(d->h) : "out of memory");
		sqlite3_close_v2(d->h);
		free(d);
		return NULL;
	}
	sqlite3_extended_result_codes(d->h, 0);
	/* Private files (issue 11 §3): the WAL and SHM take the database file's mode; older files
	 * created under a permissive umask are narrowed to the owner. */
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && (sb.st_mode & 077) != 0)
		chmod(path, sb.st_mode & 0700);
	sqlite3_busy_timeout(d->h, 5000);
	const char *pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
			      "PRAGMA trusted_schema=OFF; PRAGMA temp_store=MEMORY; PRAGMA secure_delete=FAST;";
	char *msg = NULL;
	if (sqlite3_exec(d->h, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, (size_t)errsz, "cannot configure %s: %s", path, msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close_v2(d->h);
		free(d);
		return NULL;
	}
	return &d->base;
}
