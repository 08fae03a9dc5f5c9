/* Driver-independent parts of the SQL seam (issue 2 §4): dispatch through the ops table, argument binding
 * and the per-connection statement cache (issue 10 §7). */
#include "store/db.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A statement starts with its head (db.h), so the dispatch functions can find the ops table. */
#define HEAD(st) ((struct db_stmt_head *)(st))
#define OPS(st) (HEAD(st)->db->ops)

/* The prepared statements of one table on one connection (NULL until first used). */
struct db_cache_entry {
	int n;
	struct db_stmt *st[];
};

/* The statements of db_query() & co. by text: at most DB_TEXT_CACHE_MAX, the least recently used
 * idle one making room for a new text. */
struct db_text_cache {
	unsigned long long tick;
	struct {
		uint64_t hash;
		unsigned long long used;
		char *sql;
		struct db_stmt *st;
	} e[DB_TEXT_CACHE_MAX];
};

static uint64_t text_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void text_cache_free(struct db *db)
{
	struct db_text_cache *c = db->texts;
	if (c == NULL)
		return;
	for (int i = 0; i < DB_TEXT_CACHE_MAX; i++)
		if (c->e[i].st) {
			db->ops->finalize(c->e[i].st);
			free(c->e[i].sql);
		}
	free(c);
	db->texts = NULL;
}

/* The cached statement of sql, handed out (busy); an uncached one when it is busy already or the
 * cache has no idle place. NULL when preparing fails. */
static struct db_stmt *text_stmt(struct db *db, const char *sql)
{
	if (db->texts == NULL && (db->texts = calloc(1, sizeof *db->texts)) == NULL)
		return db_prepare(db, sql);
	struct db_text_cache *c = db->texts;
	uint64_t h = text_hash(sql);
	int room = -1;
	for (int i = 0; i < DB_TEXT_CACHE_MAX; i++) {
		struct db_stmt *st = c->e[i].st;
		if (st && c->e[i].hash == h && strcmp(c->e[i].sql, sql) == 0) {
			if (HEAD(st)->busy)
				return db_prepare(db, sql);
			HEAD(st)->busy = 1;
			c->e[i].used = ++c->tick;
			return st;
		}
		if (st == NULL) { /* places fill from the front and are never emptied: the rest are empty too */
			room = i;
			break;
		}
		if (!HEAD(st)->busy && (room < 0 || c->e[i].used < c->e[room].used))
			room = i; /* the least recently used idle statement so far */
	}
	struct db_stmt *st = db_prepare(db, sql);
	char *copy = st && room >= 0 ? strdup(sql) : NULL;
	if (copy == NULL)
		return st;
	if (c->e[room].st) {
		db->ops->finalize(c->e[room].st);
		free(c->e[room].sql);
	}
	c->e[room].hash = h;
	c->e[room].used = ++c->tick;
	c->e[room].sql = copy;
	c->e[room].st = st;
	HEAD(st)->cached = 1;
	HEAD(st)->busy = 1;
	return st;
}

static void cache_free(struct db *db)
{
	text_cache_free(db);
	for (int t = 0; t < DB_SQL_TABLES_MAX; t++) {
		struct db_cache_entry *c = db->cache[t];
		if (c == NULL)
			continue;
		for (int i = 0; i < c->n; i++)
			if (c->st[i])
				db->ops->finalize(c->st[i]);
		free(c);
		db->cache[t] = NULL;
	}
}

void db_close(struct db *db)
{
	if (db == NULL)
		return;
	cache_free(db);
	db->ops->close(db);
}
int db_exec(struct db *db, const char *sql) { return db->ops->exec(db, sql); }
struct db_stmt *db_prepare(struct db *db, const char *sql) { return db->ops->prepare(db, sql); }
int db_step(struct db_stmt *st) { return OPS(st)->step(st); }
int db_reset(struct db_stmt *st) { return OPS(st)->reset(st); }
void db_finalize(struct db_stmt *st)
{
	db_release(st);
}

void db_release(struct db_stmt *st)
{
	if (st == NULL)
		return;
	if (!HEAD(st)->cached) {
		OPS(st)->finalize(st);
		return;
	}
	OPS(st)->reset(st); /* ends its read and clears its bindings */
	HEAD(st)->busy = 0;
}
int db_bind_text(struct db_stmt *st, int idx, const char *v) { return OPS(st)->bind_text(st, idx, v); }
int db_bind_int(struct db_stmt *st, int idx, int64_t v) { return OPS(st)->bind_int(st, idx, v); }
int db_bind_double(struct db_stmt *st, int idx, double v) { return OPS(st)->bind_double(st, idx, v); }
int db_bind_null(struct db_stmt *st, int idx) { return OPS(st)->bind_null(st, idx); }
int db_bind_blob(struct db_stmt *st, int idx, const void *v, int len) { return OPS(st)->bind_blob(st, idx, v, len); }
int db_col_count(struct db_stmt *st) { return OPS(st)->col_count(st); }
const char *db_col_name(struct db_stmt *st, int i) { return OPS(st)->col_name(st, i); }
int db_col_is_null(struct db_stmt *st, int i) { return OPS(st)->col_is_null(st, i); }
const char *db_col_text(struct db_stmt *st, int i) { return OPS(st)->col_text(st, i); }
const void *db_col_blob(struct db_stmt *st, int i, int *len) { return OPS(st)->col_blob(st, i, len); }
int64_t db_col_int(struct db_stmt *st, int i) { return OPS(st)->col_int(st, i); }
double db_col_double(struct db_stmt *st, int i) { return OPS(st)->col_double(st, i); }
int64_t db_changes(struct db *db) { return db->ops->changes(db); }
const char *db_errmsg(struct db *db) { return db->ops->errmsg(db); }
int db_begin(struct db *db) { return db->ops->begin(db); }
int db_begin_read(struct db *db) { return db->ops->begin_read(db); }
int db_begin_query(struct db *db, const char *sql, struct db_stmt **out)
{
	*out = NULL;
	struct db_stmt *q = text_stmt(db, sql);
	if (q == NULL)
		return DB_HARD_ERROR;
	int rc = db->ops->begin_with ? db->ops->begin_with(db, q) : db_begin(db);
	if (rc < 0)
		db_release(q);
	else
		*out = q;
	return rc;
}
int db_commit(struct db *db) { return db->ops->commit(db); }
int db_rollback(struct db *db) { return db->ops->rollback(db); }
int db_tx_replay(struct db *db) { return db->ops->tx_replay ? db->ops->tx_replay(db) : 0; }
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
	struct db_stmt *st = text_stmt(db, sql);
	if (st != NULL && bind_args(st, sig, ap) < 0) {
		db_finalize(st);
		st = NULL;
	}
	return st;
}

struct db_stmt *db_cached_sql(struct db *db, const struct db_sql_table *t, int i, const char *sql)
{
	if (t->slot < 0 || t->slot >= DB_SQL_TABLES_MAX || i < 0 || i >= t->n || sql == NULL)
		return NULL;
	struct db_cache_entry *c = db->cache[t->slot];
	if (c == NULL) {
		c = calloc(1, sizeof *c + (size_t)t->n * sizeof c->st[0]);
		if (c == NULL)
			return NULL;
		c->n = t->n;
		db->cache[t->slot] = c;
	}
	if (i >= c->n) /* two tables share a slot: a programming error */
		return NULL;
	struct db_stmt *st = c->st[i];
	if (st != NULL && HEAD(st)->busy)
		return db_prepare(db, sql); /* nested use: an uncached statement for this one call */
	if (st == NULL) {
		st = db_prepare(db, sql);
		if (st == NULL)
			return NULL;
		HEAD(st)->cached = 1;
		c->st[i] = st;
	}
	HEAD(st)->busy = 1;
	return st;
}

static struct db_stmt *vcached(struct db *db, const struct db_sql_table *t, int i, const char *sig, va_list ap)
{
	if (t->sql == NULL || i < 0 || i >= t->n)
		return NULL;
	struct db_stmt *st = db_cached_sql(db, t, i, t->sql[i]);
	if (st != NULL && bind_args(st, sig, ap) < 0) {
		db_release(st);
		st = NULL;
	}
	return st;
}

struct db_stmt *db_cached(struct db *db, const struct db_sql_table *t, int i, const char *sig, ...)
{
	va_list ap;
	va_start(ap, sig);
	struct db_stmt *st = vcached(db, t, i, sig, ap);
	va_end(ap);
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

/* Steps st once; the first column of a row goes to *out (when not NULL). Releases st. */
static int step_once(struct db_stmt *st, int64_t *out)
{
	if (st == NULL)
		return DB_HARD_ERROR;
	int rc = db_step(st);
	if (rc == DB_ROW && out)
		*out = db_col_int(st, 0);
	db_release(st);
	return rc;
}

/* Prepares, binds and steps once (see step_once). */
static int vstep(struct db *db, int64_t *out, const char *sql, const char *sig, va_list ap)
{
	return step_once(vquery(db, sql, sig, ap), out);
}

int db_run_cached(struct db *db, const struct db_sql_table *t, int i, const char *sig, ...)
{
	va_list ap;
	va_start(ap, sig);
	int rc = step_once(vcached(db, t, i, sig, ap), NULL);
	va_end(ap);
	return rc == DB_ROW ? DB_DONE : rc;
}

int db_scalar_cached(struct db *db, int64_t *out, const struct db_sql_table *t, int i, const char *sig, ...)
{
	va_list ap;
	va_start(ap, sig);
	int rc = step_once(vcached(db, t, i, sig, ap), out);
	va_end(ap);
	return rc;
}

/* Steps a write whose answer is not read (see db_run_nowait). Releases st. */
static int step_nowait(struct db_stmt *st)
{
	if (st == NULL)
		return DB_HARD_ERROR;
	int rc = OPS(st)->step_nowait ? OPS(st)->step_nowait(st) : db_step(st);
	db_release(st);
	return rc == DB_ROW ? DB_DONE : rc;
}

int db_run_nowait(struct db *db, const char *sql, const char *sig, ...)
{
	va_list ap;
	va_start(ap, sig);
	int rc = step_nowait(vquery(db, sql, sig, ap));
	va_end(ap);
	return rc;
}

int db_run_cached_nowait(struct db *db, const struct db_sql_table *t, int i, const char *sig, ...)
{
	va_list ap;
	va_start(ap, sig);
	int rc = step_nowait(vcached(db, t, i, sig, ap));
	va_end(ap);
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
