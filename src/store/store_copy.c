/* Copying a whole database into another through the driver seam: catalogs, dependency order, rows,
 * sequences (issue 17 §5; see store_copy.h). */
#include "store/store_copy.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

#define COPY_TABLES_MAX 160
#define COPY_COLS_MAX 96
#define COPY_PARENTS_MAX 16
#define COPY_NAME 64

/* How a column's value is read from the source and bound on the target, by the target's type. */
enum col_class { COL_TEXT, COL_INT, COL_DOUBLE, COL_BLOB };

struct copy_table {
	char name[COPY_NAME];
	int ncols;
	char cols[COPY_COLS_MAX][COPY_NAME];
	enum col_class cls[COPY_COLS_MAX];
	int nparents;
	char parents[COPY_PARENTS_MAX][COPY_NAME];
	bool self_ref; /* a foreign key to itself: rows go in key order */
	bool seeded;   /* target only: holds rows its migrations inserted */
	bool done;
};

/* Bookkeeping tables the target's own open fills: schema_version is compared, key_info replaced
 * (the target is opened with the source's key files, so it records the same keys). */
static bool is_bookkeeping(const char *t)
{
	return strcmp(t, "schema_version") == 0 || strcmp(t, "key_info") == 0;
}

/* Tables that only use fills (init, the demo, any write): rows there mean the target holds data.
 * Rows in other tables of a just-migrated target are reference lists a migration inserts. */
static bool is_data(const char *t)
{
	static const char *const data[] = {"audit_log", "account", "institution", "municipality", "prefecture", "session"};
	for (size_t i = 0; i < sizeof data / sizeof data[0]; i++)
		if (strcmp(t, data[i]) == 0)
			return true;
	return false;
}

static bool is_sqlite(struct store *st)
{
	return strcmp(st->db->ops->name, "sqlite") == 0;
}

/* Catalog queries per driver (the only SQL here that differs; identifiers come from the catalogs). */
static const char *sql_tables(struct store *st)
{
	return is_sqlite(st) ? "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_'"
			       " ORDER BY name"
			     : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
			       " AND table_type = 'BASE TABLE' ORDER BY table_name";
}
static const char *sql_columns(struct store *st)
{
	return is_sqlite(st) ? "SELECT name, type FROM pragma_table_info(?) ORDER BY cid"
			     : "SELECT column_name, data_type FROM information_schema.columns"
			       " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position";
}
static const char *sql_parents(struct store *st)
{
	return is_sqlite(st) ? "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)"
			     : "SELECT DISTINCT p.relname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
			       " JOIN pg_class p ON p.oid = c.confrelid WHERE c.contype = 'f' AND t.relname = ?"
			       " AND t.relnamespace = current_schema()::regnamespace";
}

/* The class of a declared (SQLite) or catalog (PostgreSQL) type name. */
static enum col_class class_of(const char *type)
{
	char t[64];
	size_t i = 0;
	for (; type[i] && i < sizeof t - 1; i++)
		t[i] = (char)(type[i] >= 'a' && type[i] <= 'z' ? type[i] - 32 : type[i]);
	t[i] = '\0';
	if (strstr(t, "INT"))
		return COL_INT;
	if (strstr(t, "DOUB") || strstr(t, "REAL") || strstr(t, "FLOA") || strstr(t, "NUMERIC"))
		return COL_DOUBLE;
	if (strstr(t, "BLOB") || strstr(t, "BYTEA"))
		return COL_BLOB;
	return COL_TEXT;
}

static enum zt_err fail_db(struct store *st, int rc, const char *what, struct zt_error *e)
{
	fprintf(stderr, "zaitaku copy: %s: %s\n", what, db_errmsg(st->db));
	return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
}

/* A catalog name usable as a quoted identifier (no quote, not empty, fits). */
static bool plain_name(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && n < COPY_NAME && strchr(s, '"') == NULL;
}

/* The tables of st with their columns and parents into t[*n]. */
static enum zt_err list_tables(struct store *st, struct copy_table *t, int *n, struct zt_error *e)
{
	*n = 0;
	struct db_stmt *q = db_query(st->db, sql_tables(st), "");
	if (q == NULL)
		return fail_db(st, DB_HARD_ERROR, "listing tables", e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		const char *name = db_col_text(q, 0);
		if (*n == COPY_TABLES_MAX || !plain_name(name)) {
			db_finalize(q);
			return zt_fail(e, ZT_ERR_DB, "table", "表 %s を複製できません（名前または数が上限を超えています）。", name);
		}
		memset(&t[*n], 0, sizeof t[*n]);
		snprintf(t[(*n)++].name, COPY_NAME, "%s", name);
	}
	db_finalize(q);
	if (rc != DB_DONE)
		return fail_db(st, rc, "listing tables", e);
	for (int i = 0; i < *n; i++) {
		struct copy_table *c = &t[i];
		if ((q = db_query(st->db, sql_columns(st), "s", c->name)) == NULL)
			return fail_db(st, DB_HARD_ERROR, c->name, e);
		while ((rc = db_step(q)) == DB_ROW && c->ncols < COPY_COLS_MAX && plain_name(db_col_text(q, 0))) {
			snprintf(c->cols[c->ncols], COPY_NAME, "%s", db_col_text(q, 0));
			c->cls[c->ncols++] = class_of(db_col_text(q, 1));
		}
		db_finalize(q);
		if (rc != DB_DONE)
			return rc == DB_ROW ? zt_fail(e, ZT_ERR_DB, "table", "表 %s の列を複製できません。", c->name)
					    : fail_db(st, rc, c->name, e);
		if ((q = db_query(st->db, sql_parents(st), "s", c->name)) == NULL)
			return fail_db(st, DB_HARD_ERROR, c->name, e);
		while ((rc = db_step(q)) == DB_ROW && c->nparents < COPY_PARENTS_MAX) {
			const char *p = db_col_text(q, 0);
			if (strcmp(p, c->name) == 0)
				c->self_ref = true;
			else if (plain_name(p))
				snprintf(c->parents[c->nparents++], COPY_NAME, "%s", p);
		}
		db_finalize(q);
		if (rc != DB_DONE && rc != DB_ROW)
			return fail_db(st, rc, c->name, e);
	}
	return ZT_OK;
}

static struct copy_table *find_table(struct copy_table *t, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

/* Row count of table name into *out. */
static int count_rows(struct store *st, const char *name, int64_t *out)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM \"%s\"", name);
	*out = 0;
	return db_scalar_int(st->db, out, sql, "");
}

/* The next table whose parents are all copied (name order among equals); NULL when none is left.
 * A cycle (none ready) yields the first remaining table, whose copy then fails on its key if the
 * cycle is real. */
static struct copy_table *next_table(struct copy_table *t, int n)
{
	struct copy_table *first = NULL;
	for (int i = 0; i < n; i++) {
		if (t[i].done)
			continue;
		if (first == NULL)
			first = &t[i];
		bool ready = true;
		for (int p = 0; p < t[i].nparents && ready; p++) {
			struct copy_table *pt = find_table(t, n, t[i].parents[p]);
			ready = pt == NULL || pt->done;
		}
		if (ready)
			return &t[i];
	}
	return first;
}

struct copy_ctx {
	struct store *from;
	struct copy_table *src, *dst; /* the source's tables (order) and the target's (types) */
	int nsrc, ndst;
	store_copy_progress_fn progress;
	void *pctx;
};

/* Builds "SELECT cols FROM t" (source) and "INSERT INTO t (cols) VALUES (?…)" (target). */
static bool build_sql(const struct copy_table *t, bool pg_target, char **sel, char **ins)
{
	size_t cap = 256 + (size_t)t->ncols * (COPY_NAME + 8);
	*sel = malloc(cap);
	*ins = malloc(cap * 2);
	if (*sel == NULL || *ins == NULL)
		return false;
	size_t a = (size_t)snprintf(*sel, cap, "SELECT ");
	size_t b = (size_t)snprintf(*ins, cap * 2, "INSERT INTO \"%s\" (", t->name);
	for (int i = 0; i < t->ncols; i++) {
		a += (size_t)snprintf(*sel + a, cap - a, "%s\"%s\"", i ? ", " : "", t->cols[i]);
		b += (size_t)snprintf(*ins + b, cap * 2 - b, "%s\"%s\"", i ? ", " : "", t->cols[i]);
	}
	a += (size_t)snprintf(*sel + a, cap - a, " FROM \"%s\"", t->name);
	if (t->self_ref) /* parents first: the key (first column) ascending */
		snprintf(*sel + a, cap - a, " ORDER BY \"%s\"", t->cols[0]);
	/* Explicit ids into identity columns (accepted for "by default" ones as well). */
	b += (size_t)snprintf(*ins + b, cap * 2 - b, ")%s VALUES (", pg_target ? " OVERRIDING SYSTEM VALUE" : "");
	for (int i = 0; i < t->ncols; i++)
		b += (size_t)snprintf(*ins + b, cap * 2 - b, "%s?", i ? ", " : "");
	snprintf(*ins + b, cap * 2 - b, ")");
	return true;
}

/* Binds column i of the source row q as parameter i + 1 of ins, typed by the target column. */
static int bind_col(struct db_stmt *ins, struct db_stmt *q, int i, enum col_class cls)
{
	if (db_col_is_null(q, i))
		return db_bind_null(ins, i + 1);
	switch (cls) {
	case COL_INT: return db_bind_int(ins, i + 1, db_col_int(q, i));
	case COL_DOUBLE: return db_bind_double(ins, i + 1, db_col_double(q, i));
	case COL_BLOB: {
		int len = 0;
		const void *v = db_col_blob(q, i, &len);
		return db_bind_blob(ins, i + 1, v ? v : "", len);
	}
	case COL_TEXT: break;
	}
	return db_bind_text(ins, i + 1, db_col_text(q, i));
}

/* Copies the rows of source table s into the target's table d (same columns by name). */
static enum zt_err copy_rows(struct copy_ctx *c, struct store *to, const struct copy_table *s,
			     const struct copy_table *d, int64_t *rows, struct zt_error *e)
{
	struct copy_table t = *d; /* the target's columns and types, in the target's order */
	t.self_ref = s->self_ref;
	for (int i = 0; i < t.ncols; i++) {
		bool found = false;
		for (int j = 0; j < s->ncols && !found; j++)
			found = strcmp(s->cols[j], t.cols[i]) == 0;
		if (!found)
			return zt_fail(e, ZT_ERR_CONFLICT, "table", "表 %s の列 %s が複製元にありません（スキーマが異なります）。",
				       t.name, t.cols[i]);
	}
	char *sel = NULL, *ins_sql = NULL;
	enum zt_err r = ZT_OK;
	if (!build_sql(&t, !is_sqlite(to), &sel, &ins_sql)) {
		free(sel);
		free(ins_sql);
		return zt_fail(e, ZT_ERR_NOMEM, "", "メモリが不足しています。");
	}
	struct db_stmt *q = db_prepare(c->from->db, sel);
	struct db_stmt *ins = q ? db_prepare(to->db, ins_sql) : NULL;
	if (q == NULL || ins == NULL) {
		r = q == NULL ? fail_db(c->from, DB_HARD_ERROR, t.name, e) : fail_db(to, DB_HARD_ERROR, t.name, e);
		goto out;
	}
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		for (int i = 0; i < t.ncols; i++)
			if (bind_col(ins, q, i, t.cls[i]) < 0) {
				r = fail_db(to, DB_HARD_ERROR, t.name, e);
				goto out;
			}
		int w = db_step(ins);
		if (w == DB_CONSTRAINT) {
			fprintf(stderr, "zaitaku copy: %s: %s\n", t.name, db_errmsg(to->db));
			r = zt_fail(e, ZT_ERR_CONFLICT, "table", "表 %s の行が複製先の制約に合いません（%lld 行目）。", t.name,
				    (long long)*rows + 1);
			goto out;
		}
		if (w != DB_DONE) {
			r = fail_db(to, w, t.name, e);
			goto out;
		}
		db_reset(ins);
		(*rows)++;
	}
	if (rc != DB_DONE)
		r = fail_db(c->from, rc, t.name, e);
out:
	db_finalize(ins);
	db_finalize(q);
	free(sel);
	free(ins_sql);
	return r;
}

/* PostgreSQL: every sequence owned by a column (identity or serial) restarts after the largest
 * copied value, so that the next row the server inserts gets a fresh id. */
static const char pg_set_sequences[] =
	"DO $zt$ DECLARE r record; m bigint; BEGIN"
	" FOR r IN SELECT s.oid::regclass AS seq, t.relname AS tbl, a.attname AS col"
	"  FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass"
	"   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
	"  JOIN pg_class t ON t.oid = d.refobjid"
	"  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
	"  WHERE s.relkind = 'S' AND t.relnamespace = current_schema()::regnamespace"
	" LOOP"
	"  EXECUTE format('SELECT max(%I) FROM %I', r.col, r.tbl) INTO m;"
	"  IF m IS NOT NULL THEN PERFORM setval(r.seq, m, true); END IF;"
	" END LOOP; END $zt$";

static enum zt_err copy_tx(struct store *to, void *arg, struct zt_error *e)
{
	struct copy_ctx *c = arg;
	for (int i = 0; i < c->nsrc; i++)
		c->src[i].done = false;
	/* The target's own key_info rows give way to the source's (the same keys: see is_bookkeeping). */
	int rc = db_run(to->db, "DELETE FROM key_info", "");
	if (rc != DB_DONE)
		return fail_db(to, rc, "key_info", e);
	/* Rows the target's migrations inserted give way to the source's own, children first (the
	 * reverse of the copy order). */
	for (int i = 0; i < c->ndst; i++)
		c->dst[i].done = false;
	struct copy_table *order[COPY_TABLES_MAX];
	int n = 0;
	for (struct copy_table *t; (t = next_table(c->dst, c->ndst)) != NULL; t->done = true)
		order[n++] = t;
	for (int i = n - 1; i >= 0; i--) {
		if (!order[i]->seeded)
			continue;
		char sql[128];
		snprintf(sql, sizeof sql, "DELETE FROM \"%s\"", order[i]->name);
		if ((rc = db_run(to->db, sql, "")) != DB_DONE)
			return fail_db(to, rc, order[i]->name, e);
	}
	struct copy_table *s;
	while ((s = next_table(c->src, c->nsrc)) != NULL) {
		s->done = true;
		if (strcmp(s->name, "schema_version") == 0)
			continue;
		struct copy_table *d = find_table(c->dst, c->ndst, s->name);
		if (d == NULL)
			return zt_fail(e, ZT_ERR_CONFLICT, "table", "複製先に表 %s がありません（スキーマが異なります）。", s->name);
		int64_t rows = 0;
		enum zt_err r = copy_rows(c, to, s, d, &rows, e);
		if (r != ZT_OK)
			return r;
		if (c->progress)
			c->progress(s->name, rows, c->pctx);
	}
	if (!is_sqlite(to) && (rc = db_exec(to->db, pg_set_sequences)) != DB_DONE)
		return fail_db(to, rc, "sequences", e);
	return ZT_OK;
}

enum zt_err store_copy(struct store *from, struct store *to, store_copy_progress_fn progress, void *pctx,
		       struct zt_error *e)
{
	int vf = store_schema_version(from), vt = store_schema_version(to);
	if (vf != vt)
		return zt_fail(e, ZT_ERR_CONFLICT, "target", "複製元（スキーマ %d）と複製先（スキーマ %d）の版が異なります。", vf, vt);
	struct copy_ctx c = {.from = from, .progress = progress, .pctx = pctx};
	c.src = calloc(COPY_TABLES_MAX, sizeof *c.src);
	c.dst = calloc(COPY_TABLES_MAX, sizeof *c.dst);
	enum zt_err r = ZT_OK;
	if (c.src == NULL || c.dst == NULL) {
		r = zt_fail(e, ZT_ERR_NOMEM, "", "メモリが不足しています。");
		goto out;
	}
	int began = store_read_begin(from); /* one snapshot of the source for the catalog and every table */
	if ((r = list_tables(from, c.src, &c.nsrc, e)) != ZT_OK || (r = list_tables(to, c.dst, &c.ndst, e)) != ZT_OK)
		goto end;
	for (int i = 0; i < c.ndst; i++) {
		int64_t n = 0;
		if (is_bookkeeping(c.dst[i].name))
			continue;
		int rc = count_rows(to, c.dst[i].name, &n);
		if (rc < 0) {
			r = fail_db(to, rc, c.dst[i].name, e);
			goto end;
		}
		if (n > 0 && is_data(c.dst[i].name)) {
			r = zt_fail(e, ZT_ERR_CONFLICT, "target", "複製先は空ではありません（表 %s に %lld 行あります）。",
				    c.dst[i].name, (long long)n);
			goto end;
		}
		c.dst[i].seeded = n > 0; /* rows a migration inserts (reference lists): replaced by the source's */
	}
	r = store_tx(to, copy_tx, &c, e);
	/* PostgreSQL plans with table statistics, which a bulk load leaves empty until autovacuum comes
	 * by: gather them now, so that the first queries on the copy get the plans of a loaded database.
	 * After the commit; a failure only leaves it to autovacuum. */
	if (r == ZT_OK && !is_sqlite(to))
		db_exec(to->db, "ANALYZE");
end:
	store_read_end(from, began);
out:
	free(c.src);
	free(c.dst);
	return r;
}

int store_copy_compare(struct store *from, struct store *to, store_copy_count_fn fn, void *ctx)
{
	struct copy_table *t = calloc(COPY_TABLES_MAX, sizeof *t);
	int n = 0, bad = 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (t == NULL || list_tables(from, t, &n, &e) != ZT_OK) {
		free(t);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		int64_t a = 0, b = 0;
		if (count_rows(from, t[i].name, &a) < 0)
			a = -1;
		if (count_rows(to, t[i].name, &b) < 0)
			b = -1;
		if (a != b)
			bad++;
		if (fn)
			fn(t[i].name, a, b, ctx);
	}
	free(t);
	return bad;
}
