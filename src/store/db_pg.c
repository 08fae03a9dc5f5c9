/* The PostgreSQL driver behind the db seam (issue 17 §1), on libpq; the only file that includes libpq-fe.h.
 * Statements: `?` becomes `$n` outside string literals and quoted names; a cached statement (db.c's
 * tables and text cache) is a named prepared statement of its session, prepared on its first
 * execution (again after a reconnect); an uncached one runs with PQexecParams (the unnamed
 * statement). Parameters go as text with their type inferred by the server, except blobs, which go
 * in binary. Results come in text (libpq has one format per result): bytea columns arrive as hex and
 * are decoded on read, booleans read `t`/`f` as 1/0 and numerics are parsed.
 * Write transactions: see p_begin (the writers' lock), execute (constraint failures, replay),
 * p_step_nowait (writes sent ahead without waiting) and p_commit (the lock released before the WAL
 * flush, which the commit still waits for). Round trips are what a writer holds the lock for.
 * Read transactions cost no round trip of their own: see p_begin_read. A session found dead by its
 * first statement (a restart, a failover) is retried once where nothing can have been applied: see
 * execute and p_begin.
 * Status: SQLSTATE 40001/40P01/55P03 → DB_SOFT_ERROR (store_tx retries), class 23 → DB_CONSTRAINT,
 * a lost connection, a server shutting down or a read-only server (a standby after a failover) →
 * DB_IO_ERROR (503); the session is reset on its next use, never inside a transaction that the lost
 * session had begun (its statements fail until the caller's rollback). */
#include "store/db.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pg_db {
	struct db base;
	PGconn *c;
	unsigned gen;      /* bumped by every reconnect: named statements prepared before are gone */
	unsigned next_id;  /* names of prepared statements: z1, z2, … */
	int in_tx;         /* a transaction was begun by db_begin and not ended yet */
	int in_read;       /* a read transaction was begun by db_begin_read and not ended yet */
	int read_pending;  /* its BEGIN is not sent yet: it goes with the first statement (execute) */
	int draining;      /* a read transaction's COMMIT was sent and its answer not read yet */
	int lost;          /* the session died inside that transaction: fail until rollback */
	int wlock;         /* this session holds the writers' lock (WRITER_LOCK, taken by p_begin) */
	int guarded;       /* this transaction runs each write under the savepoint zt_w (a replay) */
	int savepoint;     /* the savepoint zt_w of the transaction's writes is set */
	int replay;        /* a write failed on a constraint without a savepoint: the transaction is
			    * aborted and must run again with savepoints (db_tx_replay) */
	int piped;         /* writes sent ahead in pipeline mode, answers not read yet (p_step_nowait) */
	int tx_err;        /* one of them failed: the status every later statement of the transaction
			    * returns (the server aborted it) */
	int64_t changes;
	char err[512];
};

struct pg_stmt {
	struct db_stmt_head head; /* must stay first (db.h) */
	char *sql;                /* rewritten with $n */
	int nparams;
	int is_write;             /* INSERT / UPDATE / DELETE (see execute: constraint failures) */
	char name[16];            /* "" until prepared */
	unsigned gen;
	char **vals;              /* parameter values (owned copies), NULL = SQL NULL */
	int *lens, *fmts;
	PGresult *res;
	int row, nrows;
	unsigned char **blobs;    /* decoded bytea columns of the current row */
	size_t *blob_lens;
	int status;               /* of the execution (DB_ROW / DB_DONE / error) */
};

/* The writers' lock: the audit chain's advisory lock key (store_audit.c), see p_begin. */
#define WRITER_LOCK "1515470156"
/* A read transaction (one snapshot, store_read_begin), see p_begin_read. */
#define READ_BEGIN "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

#define PG(db) ((struct pg_db *)(db))
#define ST(st) ((struct pg_stmt *)(st))
#define DBOF(st) PG(((struct db_stmt_head *)(st))->db)

static void set_err(struct pg_db *d, const char *msg)
{
	snprintf(d->err, sizeof d->err, "%s", msg && msg[0] ? msg : "unknown PostgreSQL error");
	size_t n = strlen(d->err);
	while (n > 0 && (d->err[n - 1] == '\n' || d->err[n - 1] == ' '))
		d->err[--n] = '\0';
}

/* The db status of a failed result (or of a NULL result: the connection failed). */
static int map_error(struct pg_db *d, const PGresult *r)
{
	set_err(d, r ? PQresultErrorMessage(r) : PQerrorMessage(d->c));
	if (PQstatus(d->c) != CONNECTION_OK) {
		if (d->in_tx || (d->in_read && !d->read_pending))
			d->lost = 1;
		return DB_IO_ERROR;
	}
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	if (state == NULL)
		return DB_IO_ERROR; /* no answer from the server */
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0)
		return DB_SOFT_ERROR;
	if (strncmp(state, "23", 2) == 0)
		return DB_CONSTRAINT;
	/* 08 connection, 57P0x shutdown, 25006 read-only (a standby), 53 out of resources, 58 system I/O */
	if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0 || strcmp(state, "25006") == 0 ||
	    strncmp(state, "53", 2) == 0 || strncmp(state, "58", 2) == 0) {
		if (strcmp(state, "25006") == 0) { /* a read-only server: look again for the read-write one */
			PQreset(d->c);
			d->gen++; /* a new session: the statements prepared in the old one are gone */
		}
		return DB_IO_ERROR;
	}
	return DB_HARD_ERROR;
}

static int pipe_sync(struct pg_db *d);

/* Reads (and drops) the answer of a read transaction's COMMIT sent without waiting (p_commit). */
static void drain(struct pg_db *d)
{
	if (!d->draining)
		return;
	d->draining = 0;
	PGresult *r;
	while ((r = PQgetResult(d->c)) != NULL)
		PQclear(r);
}

/* Makes sure the session is usable: resets a dead one (outside a transaction). DB_DONE or DB_IO_ERROR. */
static int ensure_conn(struct pg_db *d)
{
	drain(d);
	if (d->lost) {
		set_err(d, "the connection was lost inside the transaction");
		return DB_IO_ERROR;
	}
	if (PQstatus(d->c) == CONNECTION_OK)
		return DB_DONE;
	PQreset(d->c);
	d->gen++;
	if (PQstatus(d->c) != CONNECTION_OK) {
		set_err(d, PQerrorMessage(d->c));
		return DB_IO_ERROR;
	}
	return DB_DONE;
}

/* Runs sql without parameters (the simple protocol: several statements are allowed). */
static int run_simple(struct pg_db *d, const char *sql)
{
	int rc = ensure_conn(d);
	if (rc >= 0)
		rc = pipe_sync(d); /* the writes sent ahead go first (p_step_nowait) */
	if (rc < 0)
		return rc;
	if (d->read_pending) { /* a read transaction's BEGIN not sent yet (p_begin_read) */
		d->read_pending = 0;
		PGresult *b = PQexec(d->c, READ_BEGIN);
		rc = b && PQresultStatus(b) == PGRES_COMMAND_OK ? DB_DONE : map_error(d, b);
		PQclear(b);
		if (rc < 0)
			return rc;
	}
	PGresult *r = PQexec(d->c, sql);
	ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
		const char *n = PQcmdTuples(r);
		d->changes = n && n[0] ? strtoll(n, NULL, 10) : 0;
		rc = DB_DONE;
	} else {
		rc = map_error(d, r);
	}
	PQclear(r);
	return rc;
}

/* ---- DDL: the few SQLite forms of the migrations, in PostgreSQL's words ---- */

static int word_at(const char *p, const char *start, const char *w)
{
	size_t n = strlen(w);
	if (strncmp(p, w, n) != 0)
		return 0;
	char before = p > start ? p[-1] : ' ';
	char after = p[n];
	int ident_b = (before >= 'A' && before <= 'Z') || (before >= 'a' && before <= 'z') || before == '_' ||
		      (before >= '0' && before <= '9');
	int ident_a = (after >= 'A' && after <= 'Z') || (after >= 'a' && after <= 'z') || after == '_' ||
		      (after >= '0' && after <= '9');
	return !ident_b && !ident_a;
}

struct buf {
	char *p;
	size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t nc = (b->n + n + 1) * 2;
		char *p = realloc(b->p, nc);
		if (p == NULL)
			abort(); /* out of memory may abort (architecture.md) */
		b->p = p;
		b->cap = nc;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}
static void puts_(struct buf *b, const char *s) { put(b, s, strlen(s)); }

/*
 * Translates the SQLite DDL of the migrations (migrations.c): `id INTEGER PRIMARY KEY` → an
 * identity column (by default: audit_log inserts its own ids), INTEGER → BIGINT (SQLite's integers
 * are 64-bit), BLOB → BYTEA, and each append-only trigger
 *   CREATE TRIGGER name BEFORE UPDATE|DELETE ON table BEGIN SELECT RAISE(ABORT, 'msg'); END;
 * → a row trigger calling zt_refuse('msg') (plpgsql). Text inside string literals is left alone.
 * Returns a new string (caller frees).
 */
char *db_pg_translate_ddl(const char *sql)
{
	struct buf b = {0};
	puts_(&b, "");
	int refuse_defined = 0;
	for (const char *p = sql; *p;) {
		if (*p == '\'') { /* a literal, copied as is ('' inside stays) */
			const char *q = p + 1;
			while (*q && !(*q == '\'' && q[1] != '\''))
				q += (*q == '\'' ? 2 : 1);
			if (*q)
				q++;
			put(&b, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (word_at(p, sql, "CREATE TRIGGER")) {
			char name[64], when[16], table[64], msg[128];
			int used = 0;
			if (sscanf(p, "CREATE TRIGGER %63s BEFORE %15s ON %63s BEGIN SELECT RAISE(ABORT, '%127[^']'); END;%n", name,
				   when, table, msg, &used) == 4 && used > 0) {
				if (!refuse_defined) {
					puts_(&b, "CREATE OR REPLACE FUNCTION zt_refuse() RETURNS trigger LANGUAGE plpgsql AS "
						  "$$BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END$$;");
					refuse_defined = 1;
				}
				char t[512];
				snprintf(t, sizeof t, "CREATE TRIGGER %s BEFORE %s ON %s FOR EACH ROW EXECUTE FUNCTION zt_refuse('%s');",
					 name, when, table, msg);
				puts_(&b, t);
				p += used;
				continue;
			}
		}
		if (word_at(p, sql, "id INTEGER PRIMARY KEY")) {
			puts_(&b, "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
			p += strlen("id INTEGER PRIMARY KEY");
			continue;
		}
		if (word_at(p, sql, "INTEGER")) {
			puts_(&b, "BIGINT");
			p += strlen("INTEGER");
			continue;
		}
		if (word_at(p, sql, "BLOB")) {
			puts_(&b, "BYTEA");
			p += strlen("BLOB");
			continue;
		}
		put(&b, p, 1);
		p++;
	}
	return b.p;
}

/* ---- statements ---- */

/* sql with the n-th `?` outside literals and quoted names as $n; *nparams receives n. SQLite's
 * json_group_array(x) becomes COALESCE(json_agg(x), '[]') (json_agg of no rows is NULL). */
char *db_pg_rewrite(const char *sql, int *nparams)
{
	struct buf b = {0};
	puts_(&b, "");
	int n = 0;
	const char *agg_end = NULL; /* the closing parenthesis of a json_group_array( being rewritten */
	for (const char *p = sql; *p;) {
		if (p == agg_end) {
			puts_(&b, "), '[]')");
			agg_end = NULL;
			p++;
			continue;
		}
		if (agg_end == NULL && word_at(p, sql, "json_group_array")) {
			const char *q = p + strlen("json_group_array");
			int depth = 0;
			for (const char *r = q; *r; r++) {
				if (*r == '(')
					depth++;
				else if (*r == ')' && --depth == 0) {
					agg_end = r;
					break;
				}
			}
			if (*q == '(' && agg_end) {
				puts_(&b, "COALESCE(json_agg(");
				p = q + 1;
				continue;
			}
			agg_end = NULL;
		}
		if (*p == '\'' || *p == '"') {
			char quote = *p;
			const char *q = p + 1;
			while (*q && !(*q == quote && q[1] != quote))
				q += (*q == quote ? 2 : 1);
			if (*q)
				q++;
			put(&b, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (*p == '?') {
			char t[16];
			snprintf(t, sizeof t, "$%d", ++n);
			puts_(&b, t);
			p++;
			continue;
		}
		put(&b, p, 1);
		p++;
	}
	*nparams = n;
	return b.p;
}

static void clear_row(struct pg_stmt *s)
{
	if (s->blobs == NULL)
		return;
	int nf = s->res ? PQnfields(s->res) : 0;
	for (int i = 0; i < nf; i++) {
		PQfreemem(s->blobs[i]);
		s->blobs[i] = NULL;
	}
}

static void clear_result(struct pg_stmt *s)
{
	clear_row(s);
	free(s->blobs);
	free(s->blob_lens);
	s->blobs = NULL;
	s->blob_lens = NULL;
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->nrows = 0;
	s->status = DB_DONE;
}

static void clear_params(struct pg_stmt *s)
{
	for (int i = 0; i < s->nparams; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
		s->lens[i] = 0;
		s->fmts[i] = 0;
	}
}

static struct db_stmt *p_prepare(struct db *db, const char *sql)
{
	struct pg_stmt *s = calloc(1, sizeof *s);
	if (s == NULL)
		return NULL;
	s->head = (struct db_stmt_head){.db = db};
	s->sql = db_pg_rewrite(sql, &s->nparams);
	const char *w = sql + strspn(sql, " \t\n");
	s->is_write = strncmp(w, "INSERT", 6) == 0 || strncmp(w, "UPDATE", 6) == 0 || strncmp(w, "DELETE", 6) == 0 ||
		      (strncmp(w, "WITH", 4) == 0 && (strstr(w, "INSERT ") || strstr(w, "UPDATE ") || strstr(w, "DELETE ")));
	int n = s->nparams ? s->nparams : 1;
	s->vals = calloc((size_t)n, sizeof *s->vals);
	s->lens = calloc((size_t)n, sizeof *s->lens);
	s->fmts = calloc((size_t)n, sizeof *s->fmts);
	if (s->sql == NULL || s->vals == NULL || s->lens == NULL || s->fmts == NULL) {
		free(s->sql);
		free(s->vals);
		free(s->lens);
		free(s->fmts);
		free(s);
		return NULL;
	}
	s->row = -1;
	return (struct db_stmt *)s;
}

static int set_param(struct db_stmt *st, int i, const void *v, int len, int binary)
{
	struct pg_stmt *s = ST(st);
	if (i < 1 || i > s->nparams)
		return DB_HARD_ERROR;
	free(s->vals[i - 1]);
	s->vals[i - 1] = NULL;
	s->lens[i - 1] = 0;
	s->fmts[i - 1] = binary;
	if (v == NULL)
		return DB_DONE;
	char *copy = malloc((size_t)len + 1);
	if (copy == NULL)
		return DB_HARD_ERROR;
	memcpy(copy, v, (size_t)len);
	copy[len] = '\0';
	s->vals[i - 1] = copy;
	s->lens[i - 1] = len;
	return DB_DONE;
}

static int p_bind_text(struct db_stmt *st, int i, const char *v)
{
	return set_param(st, i, v, v ? (int)strlen(v) : 0, 0);
}
static int p_bind_blob(struct db_stmt *st, int i, const void *v, int len)
{
	static const char empty[1];
	return set_param(st, i, v ? v : empty, v ? len : 0, 1); /* SQLite binds a NULL pointer as an empty blob */
}
static int p_bind_int(struct db_stmt *st, int i, int64_t v)
{
	char t[24];
	int n = snprintf(t, sizeof t, "%lld", (long long)v);
	return set_param(st, i, t, n, 0);
}
static int p_bind_double(struct db_stmt *st, int i, double v)
{
	char t[40];
	int n = snprintf(t, sizeof t, "%.17g", v);
	return set_param(st, i, t, n, 0);
}
static int p_bind_null(struct db_stmt *st, int i) { return set_param(st, i, NULL, 0, 0); }

/* Writes sent ahead before a statement waits for their answers (p_step_nowait). */
#define PIPE_MAX 16

/* Reads the answers of a pipeline of nq queries and nsync syncs, the last sync at its end: each
 * query answers with its results and then a NULL. The first result of query i goes to res[i] (NULL
 * when none came; the caller clears them), the others are dropped; an error after the last query
 * (the commit at the sync of an implicit transaction) goes to res[nq]. Leaves pipeline mode.
 * Answers left unread (a broken connection, a send that failed) reset the session: every res[i]
 * NULL, 0 returned. */
static int pipe_read(struct pg_db *d, PGresult **res, int nq, int nsync)
{
	PGconn *c = d->c;
	for (int i = 0; i <= nq; i++)
		res[i] = NULL;
	for (int i = 0, syncs = 0; i <= nq + 1;) {
		PGresult *r = PQgetResult(c);
		if (r == NULL) {
			if (PQstatus(c) != CONNECTION_OK)
				break;
			i++;
			continue;
		}
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			if (++syncs == nsync)
				break;
			continue;
		}
		int k = i < nq ? i : nq;
		if (res[k] == NULL)
			res[k] = r;
		else
			PQclear(r);
	}
	if (PQexitPipelineMode(c))
		return 1;
	PQreset(c); /* the server ends the old session and whatever transaction it had begun */
	d->gen++;
	if (d->in_tx)
		d->lost = 1;
	for (int i = 0; i <= nq; i++) {
		PQclear(res[i]);
		res[i] = NULL;
	}
	set_err(d, "a pipeline of statements broke off");
	return 0;
}

/* The answers of the n writes sent ahead (res[0..n-1]): DB_DONE, or the status of the first that
 * failed (the server skipped the rest). Its transaction is aborted: every later statement returns
 * that status (tx_err) without a round trip, and a constraint failure asks for the replay with
 * savepoints, as in execute. */
static int ahead_status(struct pg_db *d, PGresult **res, int n)
{
	for (int i = 0; i < n; i++) {
		ExecStatusType st = res[i] ? PQresultStatus(res[i]) : PGRES_FATAL_ERROR;
		if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
			continue;
		int rc = map_error(d, res[i]);
		if (rc == DB_CONSTRAINT) {
			d->replay = 1;
			rc = DB_SOFT_ERROR;
		}
		d->tx_err = rc;
		return rc;
	}
	return DB_DONE;
}

/* Waits for the answers of the writes sent ahead (one round trip): DB_DONE or the first failure. */
static int pipe_sync(struct pg_db *d)
{
	int n = d->piped;
	if (n == 0)
		return DB_DONE;
	d->piped = 0;
	PGresult *res[PIPE_MAX + 1];
	(void)PQpipelineSync(d->c); /* when it fails, pipe_read finds the answers cut short */
	if (!pipe_read(d, res, n, 1))
		return DB_IO_ERROR;
	int rc = ahead_status(d, res, n);
	for (int i = 0; i <= n; i++)
		PQclear(res[i]);
	return rc;
}

/*
 * Sends s in pipeline mode behind what must go first, with its PREPARE when fresh, and reads all
 * the answers: one round trip for everything. What goes first: the writes sent ahead (p_step_nowait)
 * and, for the first statement of a read transaction, its deferred BEGIN (p_begin_read). Returns
 * s's result (NULL when none came); *rc is DB_DONE, or the status of what failed before s: a write
 * sent ahead (see ahead_status), the BEGIN or the PREPARE. The read transaction is begun on the
 * server (read_pending cleared) once BEGIN succeeded, whatever s did.
 */
static PGresult *send_piped(struct pg_db *d, struct pg_stmt *s, int fresh, int *rc)
{
	PGconn *c = d->c;
	const char *const *vals = (const char *const *)s->vals;
	int ahead = d->piped, begin = d->read_pending;
	int nq = ahead + begin + fresh + 1;
	PGresult *res[PIPE_MAX + 4];
	*rc = DB_DONE;
	if (ahead == 0 && !PQenterPipelineMode(c)) {
		*rc = map_error(d, NULL);
		return NULL;
	}
	d->piped = 0;
	/* a send that fails leaves the answers cut short: pipe_read then resets the session */
	(void)((!begin || PQsendQueryParams(c, READ_BEGIN, 0, NULL, NULL, NULL, NULL, 0)) &&
	       (!fresh || PQsendPrepare(c, s->name, s->sql, s->nparams, NULL)) &&
	       (s->head.cached ? PQsendQueryPrepared(c, s->name, s->nparams, vals, s->lens, s->fmts, 0)
			       : PQsendQueryParams(c, s->sql, s->nparams, NULL, vals, s->lens, s->fmts, 0)) &&
	       PQpipelineSync(c));
	if (!pipe_read(d, res, nq, 1)) {
		*rc = DB_IO_ERROR;
		return NULL;
	}
	PGresult *out = res[nq - 1];
	*rc = ahead_status(d, res, ahead);
	for (int k = ahead; k < nq - 1 && *rc == DB_DONE; k++) { /* BEGIN, then PREPARE */
		if (res[k] == NULL || PQresultStatus(res[k]) != PGRES_COMMAND_OK)
			*rc = map_error(d, res[k]);
		else if (begin && k == ahead)
			d->read_pending = 0;
	}
	for (int i = 0; i <= nq; i++)
		if (res[i] != out)
			PQclear(res[i]);
	if (*rc != DB_DONE) {
		PQclear(out);
		return NULL;
	}
	return out;
}

/* Gives s its successful result r: the rows for db_step, the changes for db_changes. */
static void take_result(struct pg_db *d, struct pg_stmt *s, PGresult *r)
{
	s->res = r;
	s->nrows = PQntuples(r);
	const char *n = PQcmdTuples(r);
	d->changes = n && n[0] ? strtoll(n, NULL, 10) : 0;
	int nf = PQnfields(r);
	if (nf > 0) {
		s->blobs = calloc((size_t)nf, sizeof *s->blobs);
		s->blob_lens = calloc((size_t)nf, sizeof *s->blob_lens);
		if (s->blobs == NULL || s->blob_lens == NULL)
			abort(); /* out of memory may abort (architecture.md) */
	}
}

/* A statement that only reads: one that may run again on a new session when the first attempt met
 * a dead one (see execute). SELECTs of this tree have no side effects but the advisory lock
 * functions, which p_begin and p_exec send themselves. */
static int read_only_stmt(const struct pg_stmt *s)
{
	const char *w = s->sql + strspn(s->sql, " \t\n(");
	return !s->is_write && strncmp(w, "SELECT", 6) == 0 && strstr(w, "pg_advisory") == NULL &&
	       strstr(w, "nextval") == NULL;
}

/* Executes s (its first step): the whole result is fetched at once. */
static int execute(struct pg_stmt *s)
{
	struct pg_db *d = DBOF(s);
	/*
	 * A pooled session can have died while idle (a server restart, a failover): libpq only learns
	 * it when the next statement fails. A read outside any transaction, or the first statement of
	 * a read transaction (its BEGIN goes with it), has done nothing yet on the dead session, so it
	 * runs once more on a new one instead of answering 503; a write never does (it may have been
	 * applied before the answer was lost).
	 */
	int retry = read_only_stmt(s) && !d->in_tx && (!d->in_read || d->read_pending);
	unsigned gen = d->gen;
again:;
	int rc = ensure_conn(d);
	if (rc < 0)
		return rc;
	PGresult *r;
	const char *const *vals = (const char *const *)s->vals;
	/*
	 * Inside a write transaction a failed statement aborts the whole transaction in PostgreSQL, while
	 * the store (written for SQLite) may go on after a constraint failure (e.g. to say which
	 * reference is missing). A savepoint around every write would cost a round trip each; instead a
	 * write runs bare, and when one fails on a constraint the transaction is marked for a replay:
	 * every later statement fails without a round trip, store_tx rolls back and runs the same
	 * transaction again (as after a serialization failure), this time with each write under the
	 * savepoint zt_w, so that the store sees DB_CONSTRAINT and carries on exactly as on SQLite. Only
	 * transactions that meet a constraint failure pay for savepoints, and they pay twice.
	 */
	if (d->replay && d->in_tx) {
		set_err(d, "a write failed on a constraint: the transaction is replayed with savepoints");
		return DB_SOFT_ERROR;
	}
	if (d->tx_err && d->in_tx) /* a write sent ahead failed: the server aborted the transaction */
		return d->tx_err;
	int guarded = s->is_write && d->in_tx && d->guarded;
	if (guarded) {
		PGresult *sp = PQexec(d->c, d->savepoint ? "RELEASE SAVEPOINT zt_w; SAVEPOINT zt_w" : "SAVEPOINT zt_w");
		if (sp == NULL || PQresultStatus(sp) != PGRES_COMMAND_OK) {
			rc = map_error(d, sp);
			PQclear(sp);
			return rc;
		}
		PQclear(sp);
		d->savepoint = 1;
	}
	int fresh = s->head.cached && (s->name[0] == '\0' || s->gen != d->gen);
	if (fresh)
		snprintf(s->name, sizeof s->name, "z%u", ++d->next_id);
	if (d->read_pending || d->piped) {
		r = send_piped(d, s, fresh, &rc);
		if (rc != DB_DONE) {
			s->name[0] = fresh ? '\0' : s->name[0];
			goto failed;
		}
		s->gen = d->gen;
	} else {
		if (fresh) {
			PGresult *pr = PQprepare(d->c, s->name, s->sql, s->nparams, NULL);
			if (pr == NULL || PQresultStatus(pr) != PGRES_COMMAND_OK) {
				rc = map_error(d, pr);
				PQclear(pr);
				s->name[0] = '\0';
				goto failed;
			}
			PQclear(pr);
			s->gen = d->gen;
		}
		r = s->head.cached ? PQexecPrepared(d->c, s->name, s->nparams, vals, s->lens, s->fmts, 0)
				   : PQexecParams(d->c, s->sql, s->nparams, NULL, vals, s->lens, s->fmts, 0);
	}
	ExecStatusType es = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (es == PGRES_TUPLES_OK || es == PGRES_COMMAND_OK) {
		take_result(d, s, r);
		return DB_DONE;
	}
	rc = map_error(d, r);
	PQclear(r);
failed:
	if (retry && rc == DB_IO_ERROR && (PQstatus(d->c) != CONNECTION_OK || d->gen != gen)) {
		retry = 0;
		if (d->in_read) /* nothing ran in it: begin it afresh with the retry */
			d->read_pending = 1;
		goto again;
	}
	if (guarded && rc == DB_CONSTRAINT) /* the transaction goes on without this statement */
		PQclear(PQexec(d->c, "ROLLBACK TO SAVEPOINT zt_w"));
	else if (rc == DB_CONSTRAINT && d->in_tx) { /* aborted: run it again with savepoints (above) */
		d->replay = 1;
		rc = DB_SOFT_ERROR;
	}
	if (rc == DB_HARD_ERROR) { /* the statement too, for the server log */
		size_t n = strlen(d->err);
		snprintf(d->err + n, sizeof d->err - n, " [%.200s]", s->sql);
	}
	return rc;
}

static int p_step(struct db_stmt *st)
{
	struct pg_stmt *s = ST(st);
	if (s->res == NULL) {
		if (s->status != DB_DONE)
			return s->status;
		int rc = execute(s);
		if (rc != DB_DONE) {
			s->status = rc;
			return rc;
		}
	}
	clear_row(s);
	if (s->row + 1 < s->nrows) {
		s->row++;
		return DB_ROW;
	}
	s->row = s->nrows;
	return DB_DONE;
}

/*
 * A write of a write transaction whose answer the caller does not read (db_run_nowait): sent in
 * pipeline mode without waiting, its answer read with the next statement's (send_piped: one round
 * trip for both) or with the COMMIT (p_commit). Writers hold the writers' lock for their whole
 * transaction, and each statement that waits for its answer holds it a round trip longer. When such
 * a write fails, the server aborts the transaction: the next statement, or the COMMIT, returns its
 * status (ahead_status); a constraint failure asks for the replay, whose writes run one at a time
 * under savepoints (guarded), so that the store still sees DB_CONSTRAINT where it happened. Sent
 * ahead only inside a write transaction and when already prepared in this session (a PREPARE that
 * failed unseen would leave its name behind); otherwise it runs as db_step does.
 */
static int p_step_nowait(struct db_stmt *st)
{
	struct pg_stmt *s = ST(st);
	struct pg_db *d = DBOF(s);
	int ahead = s->is_write && s->head.cached && s->name[0] && s->gen == d->gen && s->res == NULL &&
		    s->status == DB_DONE && d->in_tx && d->wlock && !d->guarded && !d->replay && !d->tx_err && !d->lost &&
		    PQstatus(d->c) == CONNECTION_OK;
	if (!ahead) {
		int rc = p_step(st);
		return rc == DB_ROW ? DB_DONE : rc;
	}
	if (d->piped >= PIPE_MAX) {
		int rc = pipe_sync(d);
		if (rc != DB_DONE)
			return rc;
	}
	if (d->piped == 0 && !PQenterPipelineMode(d->c))
		return map_error(d, NULL);
	const char *const *vals = (const char *const *)s->vals;
	d->piped++; /* counted even when the send fails: pipe_read then finds the answers cut short */
	if (!PQsendQueryPrepared(d->c, s->name, s->nparams, vals, s->lens, s->fmts, 0)) {
		int rc = pipe_sync(d); /* finds this one unanswered */
		return rc != DB_DONE ? rc : DB_IO_ERROR;
	}
	d->changes = 0; /* unknown until the answer: callers of db_run_nowait do not ask */
	return DB_DONE;
}

static int p_reset(struct db_stmt *st)
{
	struct pg_stmt *s = ST(st);
	clear_result(s);
	clear_params(s);
	return DB_DONE;
}

static void p_finalize(struct db_stmt *st)
{
	struct pg_stmt *s = ST(st);
	struct pg_db *d = DBOF(s);
	clear_result(s);
	clear_params(s);
	if (s->name[0] && s->gen == d->gen && PQstatus(d->c) == CONNECTION_OK) {
		pipe_sync(d); /* its status stays in tx_err for the transaction's next statement */
		char sql[40];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
		PQclear(PQexec(d->c, sql));
	}
	free(s->sql);
	free(s->vals);
	free(s->lens);
	free(s->fmts);
	free(s);
}

static int valid_cell(struct pg_stmt *s, int i)
{
	return s->res && s->row >= 0 && s->row < s->nrows && i >= 0 && i < PQnfields(s->res);
}

static int p_col_count(struct db_stmt *st) { return ST(st)->res ? PQnfields(ST(st)->res) : 0; }
static const char *p_col_name(struct db_stmt *st, int i)
{
	struct pg_stmt *s = ST(st);
	return s->res && i >= 0 && i < PQnfields(s->res) ? PQfname(s->res, i) : NULL;
}
static int p_col_is_null(struct db_stmt *st, int i)
{
	struct pg_stmt *s = ST(st);
	return !valid_cell(s, i) || PQgetisnull(s->res, s->row, i);
}
static const char *p_col_text(struct db_stmt *st, int i)
{
	struct pg_stmt *s = ST(st);
	if (!valid_cell(s, i) || PQgetisnull(s->res, s->row, i))
		return "";
	return PQgetvalue(s->res, s->row, i);
}

#define BYTEAOID 17
#define BOOLOID 16

static const void *p_col_blob(struct db_stmt *st, int i, int *len)
{
	struct pg_stmt *s = ST(st);
	*len = 0;
	if (!valid_cell(s, i) || PQgetisnull(s->res, s->row, i))
		return NULL;
	if (PQftype(s->res, i) != BYTEAOID) { /* as SQLite: the text's bytes */
		*len = PQgetlength(s->res, s->row, i);
		return PQgetvalue(s->res, s->row, i);
	}
	if (s->blobs[i] == NULL) {
		s->blobs[i] = PQunescapeBytea((const unsigned char *)PQgetvalue(s->res, s->row, i), &s->blob_lens[i]);
		if (s->blobs[i] == NULL)
			return NULL;
	}
	*len = (int)s->blob_lens[i];
	return s->blobs[i];
}

static int64_t p_col_int(struct db_stmt *st, int i)
{
	const char *t = p_col_text(st, i);
	if (t[0] == 't' && t[1] == '\0')
		return 1;
	if (t[0] == 'f' && t[1] == '\0')
		return 0;
	char *end;
	long long v = strtoll(t, &end, 10);
	if (*end == '.' || *end == 'e' || *end == 'E')
		return (int64_t)strtod(t, NULL); /* numeric or float text */
	return v;
}

static double p_col_double(struct db_stmt *st, int i)
{
	const char *t = p_col_text(st, i);
	if (t[0] == 't' && t[1] == '\0')
		return 1;
	return strtod(t, NULL);
}

static int64_t p_changes(struct db *db) { return PG(db)->changes; }
static const char *p_errmsg(struct db *db) { return PG(db)->err; }

static void p_close(struct db *db)
{
	PQfinish(PG(db)->c);
	free(db);
}

static int p_exec(struct db *db, const char *sql)
{
	struct pg_db *d = PG(db);
	/* store_audit.c takes the chain's lock before reading the chain head; inside a write transaction
	 * this session already holds it as the writers' lock (p_begin; advisory locks are re-entrant),
	 * so the round trip is saved. */
	if (d->wlock && d->in_tx && strcmp(sql, "SELECT pg_advisory_xact_lock(" WRITER_LOCK ")") == 0)
		return DB_DONE;
	if (strncmp(sql, "CREATE ", 7) == 0 || strncmp(sql, "ALTER ", 6) == 0 || strncmp(sql, "DROP ", 5) == 0) {
		char *t = db_pg_translate_ddl(sql); /* the migrations (store.c): SQLite DDL */
		int rc = run_simple(d, t);
		free(t);
		return rc;
	}
	return run_simple(d, sql);
}

/*
 * The writers' lock (the audit chain's advisory lock key, see store_audit.c): every write
 * transaction of every process takes it before BEGIN, so writers run one at a time, as on SQLite.
 * Why: nearly every write appends to the audit chain, which is one total order and already queued
 * writers on this lock from their audit row to their commit; taken there, after the transaction's
 * snapshot, it made concurrent writers read a stale chain head and conflict (over a hundred
 * serialization failures a second under the mixed load, each a retry, some a 503). Taken before BEGIN, each
 * writer's snapshot starts after the previous writer's commit, so writers never conflict with each
 * other; SERIALIZABLE stays as the guard against writes outside store_tx (autocommit statements).
 * A session lock (not a transaction one) so that BEGIN can still set the isolation level; p_commit
 * (before the WAL flush, see there) and p_rollback release it, and a lost session releases it on the
 * server.
 */

/* Releases the writers' lock when this session holds it (outside a transaction). */
static void writer_unlock(struct pg_db *d)
{
	if (!d->wlock)
		return;
	d->wlock = 0;
	if (PQstatus(d->c) == CONNECTION_OK)
		PQclear(PQexec(d->c, "SELECT pg_advisory_unlock(" WRITER_LOCK ")"));
}

/* Write transactions are SERIALIZABLE: the store's check-then-write use cases were written for
 * SQLite's single writer, and serializable isolation gives the same guarantee against writers that
 * do not take the writers' lock (any conflict is a 40001 that store_tx retries). */
static int begin_write(struct pg_db *d, struct pg_stmt *q)
{
	int replay = d->replay; /* a finished transaction leaves nothing in flight; whatever did, ends here */
	pipe_sync(d);
	d->replay = replay;
	d->lost = 0;
	d->savepoint = 0;
	d->guarded = d->replay; /* the replay of a transaction that met a constraint failure */
	d->replay = 0;
	d->tx_err = 0;
	int rc = ensure_conn(d);
	if (rc < 0)
		return rc;
	/* The lock and BEGIN in one round trip: libpq's pipeline mode, a sync point after the lock so
	 * that BEGIN opens a transaction of its own after the lock's implicit one. The server runs BEGIN
	 * once the lock is granted, so the snapshot (taken by the first statement after it: q, when
	 * given, sent in the same round trip) still follows the previous writer's commit. */
	PGconn *c = d->c;
	int fresh = q && q->head.cached && (q->name[0] == '\0' || q->gen != d->gen);
	if (fresh)
		snprintf(q->name, sizeof q->name, "z%u", ++d->next_id);
	enum { LOCK, BEGIN };
	int nq = 2 + fresh + (q != NULL);
	PGresult *res[5];
	if (!PQenterPipelineMode(c))
		return map_error(d, NULL);
	const char *const *vals = q ? (const char *const *)q->vals : NULL;
	/* a send that fails leaves the answers cut short: pipe_read then resets the session */
	(void)(PQsendQueryParams(c, "SELECT pg_advisory_lock(" WRITER_LOCK ")", 0, NULL, NULL, NULL, NULL, 0) &&
	       PQpipelineSync(c) &&
	       PQsendQueryParams(c, "BEGIN ISOLATION LEVEL SERIALIZABLE", 0, NULL, NULL, NULL, NULL, 0) &&
	       (!fresh || PQsendPrepare(c, q->name, q->sql, q->nparams, NULL)) &&
	       (!q || (q->head.cached ? PQsendQueryPrepared(c, q->name, q->nparams, vals, q->lens, q->fmts, 0)
				      : PQsendQueryParams(c, q->sql, q->nparams, NULL, vals, q->lens, q->fmts, 0))) &&
	       PQpipelineSync(c));
	if (!pipe_read(d, res, nq, 2)) { /* the server ended the old session, its lock and transaction with it */
		d->wlock = 0;
		if (fresh)
			q->name[0] = '\0';
		return DB_IO_ERROR;
	}
	PGresult *qr = q ? res[nq - 1] : NULL;
	int locked = res[LOCK] && PQresultStatus(res[LOCK]) == PGRES_TUPLES_OK;
	int begun = res[BEGIN] && PQresultStatus(res[BEGIN]) == PGRES_COMMAND_OK;
	int prepared = !fresh || (res[BEGIN + 1] && PQresultStatus(res[BEGIN + 1]) == PGRES_COMMAND_OK);
	d->wlock = locked;
	if (!locked)
		rc = map_error(d, res[LOCK]);
	else if (!begun)
		rc = map_error(d, res[BEGIN]);
	else if (!prepared)
		rc = map_error(d, res[BEGIN + 1]);
	else if (qr && PQresultStatus(qr) != PGRES_TUPLES_OK && PQresultStatus(qr) != PGRES_COMMAND_OK)
		rc = map_error(d, qr);
	if (fresh)
		prepared ? (void)(q->gen = d->gen) : (void)(q->name[0] = '\0');
	if (rc == DB_DONE && qr)
		take_result(d, q, qr);
	for (int i = 0; i <= nq; i++)
		if (rc != DB_DONE || res[i] != qr)
			PQclear(res[i]);
	if (rc == DB_DONE) {
		d->in_tx = 1;
		return DB_DONE;
	}
	if (begun) /* BEGIN without the lock (its wait timed out), or q failed: never write unqueued */
		run_simple(d, "ROLLBACK");
	writer_unlock(d);
	return rc;
}

/* A session that died while idle in the pool (a server restart, a failover) is found dead by the
 * lock's round trip, before anything was begun: the lock and BEGIN (and first) go once more on a
 * new session (the dead one's lock died with it) rather than answering 503. */
static int p_begin_with(struct db *db, struct db_stmt *first)
{
	struct pg_db *d = PG(db);
	unsigned gen = d->gen;
	int rc = begin_write(d, first ? ST(first) : NULL);
	if (rc == DB_IO_ERROR && (PQstatus(d->c) != CONNECTION_OK || d->gen != gen))
		rc = begin_write(d, first ? ST(first) : NULL);
	return rc;
}

static int p_begin(struct db *db) { return p_begin_with(db, NULL); }

/* A read transaction sees one snapshot (store_read_begin). Its BEGIN is not sent here but with
 * its first statement, in one round trip (execute, libpq's pipeline mode), and its COMMIT without
 * waiting for the answer (p_commit): a read transaction costs no round trip of its own. A read
 * transaction that ran no statement sends nothing at all. */
static int p_begin_read(struct db *db)
{
	struct pg_db *d = PG(db);
	d->in_read = 1;
	d->read_pending = 1;
	return DB_DONE;
}

/* Ends a read transaction: COMMIT is sent and its answer read at the next use of the session
 * (drain): nothing was written, so there is nothing to wait for — an aborted one answers ROLLBACK,
 * which is as good, and a session lost meanwhile is reset at its next use. */
static int read_commit(struct pg_db *d)
{
	if (d->read_pending) { /* no statement ran: nothing was begun */
		d->in_read = d->read_pending = 0;
		return DB_DONE;
	}
	int rc = ensure_conn(d); /* the session was lost inside it: the caller's rollback ends it */
	if (rc < 0)
		return rc;
	if (!PQsendQuery(d->c, "COMMIT"))
		return map_error(d, NULL);
	d->in_read = 0;
	d->draining = 1;
	return DB_DONE;
}

/*
 * The end of a write transaction, in one round trip (commit_piped, behind the writes sent ahead):
 * its COMMIT, the writers' lock released, then the wait for the commit to be on disk. Why in this
 * order: the writers' lock makes writers one queue (p_begin), and a COMMIT with synchronous_commit
 * on holds it through the WAL flush (an fdatasync, 1–4 ms on the benchmark machine's disk: half the
 * time a writer held the queue). So the transaction commits
 * with synchronous_commit off — visible at once, its WAL record written but not yet flushed — the
 * lock is released, and the same session then makes the record durable before the caller hears of
 * the commit: a statement writes a transactional logical-decoding message (pg_logical_emit_message:
 * a WAL record under a transaction id, open to any role), so that its implicit transaction commits
 * synchronously as the server is configured — local flush, or the synchronous standby too (a
 * transaction id alone writes no WAL and commits without a flush). WAL is one sequence, so that
 * flush covers this transaction's commit record; and the flushes of writers that wait at once are
 * one fsync (PostgreSQL's group flush), where the queue made them one each. Always, not only when
 * the local WAL looks unflushed: another session's local flush does not wait for the synchronous
 * standby on this transaction's behalf.
 * What stays: no write is acknowledged before its commit is durable (p_commit returns DB_DONE only
 * once the flush answered); the chain stays one total order (the next writer begins after this
 * commit is visible, and its own commit record follows this one in the WAL, so a crash that loses
 * this transaction loses every one that saw it). What changes: for the ~ms of the flush, another
 * session can read the committed rows before they are durable; a crash in that window loses them
 * (never acknowledged to their writer) after a reader saw them — the window PostgreSQL's
 * synchronous replication already has towards the standby (docs/architecture.md, "The writers'
 * lock and the WAL flush"). Patient data is not among such reads: a read of patient data is
 * answered only after its audit row's commit, whose flush covers every commit before it.
 */
#define FLUSH_SQL "SELECT pg_logical_emit_message(true, 'zaitaku', 'flush')"

/* The end of a write transaction that holds the writers' lock (see above), one pipeline behind the
 * writes sent ahead: SET LOCAL synchronous_commit = off, COMMIT, the unlock and FLUSH_SQL, then one
 * sync — at which the implicit transaction of the last two commits, flushing the WAL. A failure of
 * anything before the COMMIT makes the server skip the rest up to the sync, lock included. */
static int commit_piped(struct pg_db *d)
{
	static const char *const tail[] = {"SET LOCAL synchronous_commit = off", "COMMIT",
					   "SELECT pg_advisory_unlock(" WRITER_LOCK ")", FLUSH_SQL};
	enum { SET, COMMIT, UNLOCK, FLUSH, N };
	PGconn *c = d->c;
	int ahead = d->piped, nq = ahead + N;
	PGresult *res[PIPE_MAX + N + 1];
	if (ahead == 0 && !PQenterPipelineMode(c))
		return map_error(d, NULL);
	d->piped = 0;
	int sent = 1;
	for (int i = 0; i < N && sent; i++)
		sent = PQsendQueryParams(c, tail[i], 0, NULL, NULL, NULL, NULL, 0);
	(void)(sent && PQpipelineSync(c)); /* when a send fails, pipe_read finds the answers cut short */
	if (!pipe_read(d, res, nq, 1))
		return DB_IO_ERROR; /* the session is gone: committed or not, the caller cannot know (503) */
	PGresult **t = res + ahead;
	int rc = ahead_status(d, res, ahead), committed = 0;
	for (int k = SET; k < N && rc == DB_DONE; k++) {
		ExecStatusType st = t[k] ? PQresultStatus(t[k]) : PGRES_FATAL_ERROR;
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
			rc = map_error(d, t[k]);
		} else if (k == COMMIT && strcmp(PQcmdStatus(t[k]), "COMMIT") != 0) {
			/* COMMIT of a transaction that an error aborted answers ROLLBACK: nothing was written */
			rc = DB_HARD_ERROR;
			set_err(d, "the transaction was aborted by an earlier error and rolled back");
		} else if (k == COMMIT) {
			committed = 1;
		} else if (k == UNLOCK) {
			d->wlock = 0;
		}
	}
	if (rc == DB_DONE && res[nq] != NULL) /* the flush's commit at the sync failed */
		rc = map_error(d, res[nq]);
	for (int i = 0; i <= nq; i++)
		PQclear(res[i]);
	if (committed && rc != DB_DONE) { /* committed, durability unknown: 503, never a retry (it would run twice) */
		set_err(d, "the commit's flush to disk was not confirmed");
		return DB_IO_ERROR;
	}
	return rc;
}

/* A COMMIT without the writers' lock (not begun by p_begin). */
static int commit_bare(struct pg_db *d)
{
	PGresult *r = PQexec(d->c, "COMMIT");
	int rc = r && PQresultStatus(r) == PGRES_COMMAND_OK ? DB_DONE : map_error(d, r);
	if (rc == DB_DONE && strcmp(PQcmdStatus(r), "COMMIT") != 0) {
		rc = DB_HARD_ERROR;
		set_err(d, "the transaction was aborted by an earlier error and rolled back");
	}
	PQclear(r);
	return rc;
}

static int p_commit(struct db *db)
{
	struct pg_db *d = PG(db);
	if (d->in_read && !d->in_tx)
		return read_commit(d);
	int rc = ensure_conn(d);
	if (rc < 0)
		return rc;
	if (d->replay && d->in_tx) { /* aborted by a constraint failure: store_tx replays it */
		set_err(d, "a write failed on a constraint: the transaction is replayed with savepoints");
		return DB_SOFT_ERROR;
	}
	if (d->tx_err && d->in_tx) /* a write sent ahead failed: the server aborted the transaction */
		return d->tx_err;
	rc = d->wlock && d->in_tx ? commit_piped(d) : commit_bare(d);
	if (rc == DB_DONE || PQtransactionStatus(d->c) == PQTRANS_IDLE) {
		d->in_tx = 0;
		d->savepoint = 0;
		writer_unlock(d); /* when the COMMIT failed before the unlock ran */
	}
	return rc;
}

static int p_rollback(struct db *db)
{
	struct pg_db *d = PG(db);
	drain(d);
	int replay = d->replay; /* asked for before this rollback (store_tx replays), not by what follows */
	pipe_sync(d);           /* the answers of writes sent ahead, whatever they were */
	d->replay = replay;
	d->tx_err = 0;
	int pending = d->read_pending;
	d->in_tx = d->in_read = d->read_pending = 0;
	d->savepoint = 0;
	if (pending && !d->lost) /* a read transaction whose BEGIN was never sent */
		return DB_DONE;
	if (d->lost) {
		d->lost = 0; /* the server rolled it back when the session died, and released the lock */
		d->wlock = 0;
		return DB_DONE;
	}
	if (PQstatus(d->c) != CONNECTION_OK) {
		d->wlock = 0;
		return DB_DONE;
	}
	int rc = DB_DONE;
	if (PQtransactionStatus(d->c) != PQTRANS_IDLE) {
		rc = run_simple(d, d->wlock ? "ROLLBACK; SELECT pg_advisory_unlock(" WRITER_LOCK ")" : "ROLLBACK");
		if (rc == DB_DONE) /* both ran */
			d->wlock = 0;
	}
	writer_unlock(d); /* still held: the ROLLBACK failed, or there was no transaction left to end */
	return rc;
}

static int p_tx_replay(struct db *db) { return PG(db)->replay; }

static int p_backup_to(struct db *db, const char *path)
{
	set_err(PG(db), "online backup to a file is SQLite's: use pg_dump for PostgreSQL");
	return DB_HARD_ERROR;
}

static int p_set_identity(struct db *db, int32_t application_id, int version)
{
	return DB_DONE; /* no file header: schema_version says the version */
}

static const char *p_explain(struct db *db, const char *sql, char *buf, int bufsz)
{
	struct pg_db *d = PG(db);
	pipe_sync(d);
	int n = 0;
	char *q = db_pg_rewrite(sql, &n);
	struct buf b = {0};
	puts_(&b, "EXPLAIN ");
	puts_(&b, q);
	free(q);
	buf[0] = '\0';
	PGresult *r = PQprepare(d->c, "", b.p, 0, NULL);
	free(b.p);
	if (r == NULL || PQresultStatus(r) != PGRES_COMMAND_OK) {
		snprintf(buf, (size_t)bufsz, "%s", r ? PQresultErrorMessage(r) : PQerrorMessage(d->c));
		PQclear(r);
		return buf;
	}
	PQclear(r);
	/* the parameters as NULL: a generic plan of the statement */
	const char **vals = calloc((size_t)(n ? n : 1), sizeof *vals);
	r = vals ? PQexecPrepared(d->c, "", n, vals, NULL, NULL, 0) : NULL;
	free(vals);
	size_t used = 0;
	for (int i = 0; r && PQresultStatus(r) == PGRES_TUPLES_OK && i < PQntuples(r) && used + 1 < (size_t)bufsz; i++)
		used += (size_t)snprintf(buf + used, (size_t)bufsz - used, "%s\n", PQgetvalue(r, i, 0));
	PQclear(r);
	return buf;
}

static const struct db_ops pg_ops = {
	.name = "postgresql",
	.close = p_close, .exec = p_exec, .prepare = p_prepare,
	.bind_text = p_bind_text, .bind_blob = p_bind_blob, .bind_int = p_bind_int,
	.bind_double = p_bind_double, .bind_null = p_bind_null,
	.step = p_step, .reset = p_reset, .finalize = p_finalize,
	.col_count = p_col_count, .col_name = p_col_name, .col_is_null = p_col_is_null,
	.col_text = p_col_text, .col_blob = p_col_blob, .col_int = p_col_int, .col_double = p_col_double,
	.changes = p_changes, .errmsg = p_errmsg,
	.backup_to = p_backup_to, .set_identity = p_set_identity, .explain = p_explain,
	.begin = p_begin, .begin_read = p_begin_read, .commit = p_commit, .rollback = p_rollback,
	.tx_replay = p_tx_replay, .step_nowait = p_step_nowait, .begin_with = p_begin_with,
};

/* Notices (e.g. "table already exists, skipping") are not errors: keep them out of stderr. */
static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

struct db *db_open_pg(const char *conninfo, char *err, int errsz)
{
	struct pg_db *d = calloc(1, sizeof *d);
	if (d == NULL)
		return NULL;
	d->base.ops = &pg_ops;
	d->c = PQconnectdb(conninfo);
	if (d->c == NULL || PQstatus(d->c) != CONNECTION_OK) {
		snprintf(err, (size_t)errsz, "cannot connect to PostgreSQL: %s", d->c ? PQerrorMessage(d->c) : "out of memory");
		size_t n = strlen(err);
		while (n > 0 && err[n - 1] == '\n')
			err[--n] = '\0';
		PQfinish(d->c);
		free(d);
		return NULL;
	}
	PQsetNoticeProcessor(d->c, quiet, NULL);
	/* A statement never waits on a lock for ever: a stuck write answers 503 and is retried. */
	PGresult *r = PQexec(d->c, "SET lock_timeout = '10s'; SET client_min_messages = warning");
	PQclear(r);
	return &d->base;
}

int db_is_pg(const char *s)
{
	return s && (strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0);
}

const char *db_pg_dbname(const char *conninfo, char *buf, int bufsz)
{
	buf[0] = '\0';
	PQconninfoOption *o = PQconninfoParse(conninfo, NULL);
	for (PQconninfoOption *p = o; p && p->keyword; p++)
		if (strcmp(p->keyword, "dbname") == 0 && p->val)
			snprintf(buf, (size_t)bufsz, "%s", p->val);
	PQconninfoFree(o);
	return buf;
}
