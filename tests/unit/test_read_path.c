/* The patient read path's machinery (issue 14 benchmarks): the SQL seam's text cache (a literal
 * statement is prepared once per connection; nesting and eviction stay correct) and the group
 * commit of audit rows appended outside a transaction (threads on their own connections: every
 * row is stored once, the chain holds). */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/db.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_internal.h"
#include "unit.h"

static void test_text_cache(struct store *st)
{
	struct db *db = st->db;
	const char *sql = "SELECT ? + 1";
	struct db_stmt *a = db_query(db, sql, "i", (int64_t)41);
	CHECK(a != NULL && db_step(a) == DB_ROW && db_col_int(a, 0) == 42);
	/* nested use of the same text while a is handed out: another statement */
	struct db_stmt *b = db_query(db, sql, "i", (int64_t)1);
	CHECK(b != NULL && b != a && db_step(b) == DB_ROW && db_col_int(b, 0) == 2);
	db_finalize(b);
	db_finalize(a);
	/* given back: the same statement again, bindings cleared and rewound */
	struct db_stmt *c = db_query(db, "SELECT ? + 1", "i", (int64_t)9);
	CHECK(c == a && db_step(c) == DB_ROW && db_col_int(c, 0) == 10);
	db_finalize(c);
	/* more distinct texts than places: the least recently used idle ones make room */
	for (int i = 0; i < 2 * DB_TEXT_CACHE_MAX; i++) {
		char q[64];
		snprintf(q, sizeof q, "SELECT %d", i);
		int64_t v = -1;
		CHECK(db_scalar_int(db, &v, q, "") == DB_ROW && v == i);
	}
	int64_t v = 0;
	CHECK(db_scalar_int(db, &v, "SELECT ? + 1", "i", (int64_t)1) == DB_ROW && v == 2);
	/* a failing text prepares nothing and caches nothing */
	CHECK(db_query(db, "SELECT FROM nowhere", "") == NULL);
}

enum { THREADS = 6, ROWS = 40 };

struct writer {
	const char *path;
	int n;
	int failures;
};

static void *write_rows(void *arg)
{
	struct writer *w = arg;
	struct zt_error e;
	struct store *st = store_open(w->path, &e);
	if (st == NULL) {
		w->failures = ROWS;
		return NULL;
	}
	for (int i = 0; i < ROWS; i++)
		if (audit_append(st, NULL, "read", "patient", w->n * 1000 + i, "082228", NULL, NULL, &e) != ZT_OK)
			w->failures++;
	store_close(st);
	return NULL;
}

static int count_rows(json_t *row, void *ctx)
{
	(void)row;
	(*(int *)ctx)++;
	return 0;
}

static void test_group_commit(struct store *st, const char *path)
{
	struct zt_error e;
	int64_t broken = -1, before = 0;
	CHECK(audit_verify(st, &broken, &before, &e) == ZT_OK);
	pthread_t t[THREADS];
	struct writer w[THREADS];
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct writer){path, i + 1, 0};
		CHECK(pthread_create(&t[i], NULL, write_rows, &w[i]) == 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		CHECK(w[i].failures == 0);
	}
	int64_t rows = 0;
	CHECK(audit_verify(st, &broken, &rows, &e) == ZT_OK);
	CHECK(broken == 0 && rows == before + THREADS * ROWS);
	/* each row once */
	for (int i = 0; i < THREADS; i++)
		for (int k = 0; k < ROWS; k += 13) {
			struct audit_filter f;
			audit_filter_init(&f);
			snprintf(f.object_type, sizeof f.object_type, "patient");
			f.object_id = (i + 1) * 1000 + k;
			int n = 0;
			CHECK(audit_each(st, &f, count_rows, &n, &e) == ZT_OK && n == 1);
		}
}

int main(void)
{
	char dir[] = "/tmp/zt-readpath-XXXXXX";
	if (mkdtemp(dir) == NULL)
		return 1;
	char path[128];
	snprintf(path, sizeof path, "%s/r.db", dir);
	struct zt_error e;
	struct store *st = store_open(path, &e);
	CHECK(st != NULL);
	if (st == NULL)
		return 1;
	test_text_cache(st);
	test_group_commit(st, path);
	store_close(st);
	const char *const sides[] = {"", ".audit-key", ".secret-key", "-wal", "-shm", "-signin.key"};
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		char p[160];
		snprintf(p, sizeof p, "%s%s", path, sides[i]);
		unlink(p);
	}
	rmdir(dir);
	UNIT_DONE();
}
