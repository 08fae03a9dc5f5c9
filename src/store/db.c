/* Driver-independent parts of the SQL seam (issue 2 §4): dispatch through the ops table and argument binding. */
#include "store/db.h"

#include <stdarg.h>
#include <stddef.h>

/* A statement remembers its connection so the dispatch functions can find the ops table. */
struct db_stmt_head {
	struct db *db;
};
#define OPS(st) (((struct db_stmt_head *)(st))->db->ops)

void db_close(struct db *db)
{
	if (db)
		db->ops->close(db);
}
int db_exec(struct db *db, const char *sql) { return db->ops->exec(db, sql); }
struct db_stmt *db_prepare(struct db *db, const char *sql) { return db->ops->prepare(db, sql); }
int db_step(struct db_stmt *st) { return OPS(st)->step(st); }
int db_reset(struct db_stmt *st) { return OPS(st)->reset(st); }
void db_finalize(struct db_stmt *st)
{
	if (st)
		OPS(st)->finalize(st);
}
int db_bind_text(struct db_stmt *st, int idx, const char *v) { return OPS(st)->bind_text(st, idx, v); }
int db_bind_int(struct db_stmt *st, int idx, int64_t v) { return OPS(st)->bind_int(st, idx, v); }
int db_bind_double(struct db_stmt *st, int idx, double v) { return OPS(st)->bind_double(st, idx, v); }
int db_bind_null(struct db_stmt *st, int idx) { return OPS(st)->bind_null(st, idx); }
int db_col_count(struct db_stmt *st) { return OPS(st)->col_count(st); }
const char *db_col_name(struct db_stmt *st, int i) { return OPS(st)->col_name(st, i); }
int db_col_is_null(struct db_stmt *st, int i) { return OPS(st)->col_is_null(st, i); }
const char *db_col_text(struct db_stmt *st, int i) { return OPS(st)->col_text(st, i); }
const void *db_col_blob(struct db_stmt *st, int i, int *len) { return OPS(st)->col_blob(st, i, len); }
int64_t db_col_int(struct db_stmt *st, int i) { return OPS(st)->col_int(st, i); }
double db_col_double(struct db_stmt *st, int i) { return OPS(st)->col_double(st, i); }
int64_t db_changes(struct db *db) { return db->ops->changes(db); }
const char *db_errmsg(struct db *db) { return db->ops->errmsg(db); }
int db_begin(struct db *db) { return db->ops->exec(db, "BEGIN IMMEDIATE"); }
int db_commit(struct db *db) { return db->ops->exec(db, "COMMIT"); }
int db_rollback(struct db *db) { return db->ops->exec(db, "ROLLBACK"); }
int db_backup_to(struct db *db, const char *path) { return db->ops->backup_to(db, path); }
int db_set_identity(struct db *db, int32_t application_id, int version)
{
	return db->ops->set_identity(db, application_id, version);
}
const char *db_explain(struct db *db, const char *sql, char *buf, int bufsz)
{
	return db->ops->explain(db, sql, buf, bufsz);
}

static int bind_args(struct db_stmt *st, const char *sig, va_list ap)
{
	int idx = 1, rc = DB_DONE;
	for (const char *p = sig; p && *p && rc >= 0; p++, idx++) {
		switch (*p) {
		case 's': rc = db_bind_text(st, idx, va_arg(ap, const char *)); break;
		case 'i': rc = db_bind_int(st, idx, va_arg(ap, int64_t)); break;
		case 'I': {
			int64_t v = va_arg(ap, int64_t);
			rc = v ? db_bind_int(st, idx, v) : db_bind_null(st, idx);
			break;
		}
		case 'd': rc = db_bind_double(st, idx, va_arg(ap, double)); break;
		case 'n': rc = db_bind_null(st, idx); break;
		case 'b': {
			const void *v = va_arg(ap, const void *);
			int len = va_arg(ap, int);
			rc = OPS(st)->bind_blob(st, idx, v, len);
			break;
		}
		default: rc = DB_HARD_ERROR; break;
		}
	}
	return rc;
}

/* Prepares sql and binds ap by sig; NULL (statement finalized) when either fails. */
static struct db_stmt *vquery(struct db *db, const char *sql, const char *sig, va_list ap)
{
	struct db_stmt *st = db_prepare(db, sql);
	if (st != NULL && bind_args(st, sig, ap) < 0) {
		db_finalize(st);
		st = NULL;
	}
	return st;
}

struct db_stmt *db_query(struct db *db, const char *sql, const char *sig, ...)
{
	va_list ap;
	va_start(ap, sig);
	struct db_stmt *st = vquery(db, sql, sig, ap);
	va_end(ap);
	return st;
}

/* Prepares, binds and steps once; the first column of a row goes to *out (when not NULL). */
static int vstep(struct db *db, int64_t *out, const char *sql, const char *sig, va_list ap)
{
	struct db_stmt *st = vquery(db, sql, sig, ap);
	if (st == NULL)
		return DB_HARD_ERROR;
	int rc = db_step(st);
	if (rc == DB_ROW && out)
		*out = db_col_int(st, 0);
	db_finalize(st);
	return rc;
}

int db_run(struct db *db, const char *sql, const char *sig, ...)
{
	va_list ap;
	va_start(ap, sig);
	int rc = vstep(db, NULL, sql, sig, ap);
	va_end(ap);
	return rc == DB_ROW ? DB_DONE : rc;
}

int db_scalar_int(struct db *db, int64_t *out, const char *sql, const char *sig, ...)
{
	va_list ap;
	va_start(ap, sig);
	int rc = vstep(db, out, sql, sig, ap);
	va_end(ap);
	return rc;
}
