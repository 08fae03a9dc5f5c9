/* The hash-chained, append-only audit trail (issue 3 §3; see store_audit.h). */
#include "store/store_audit.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/actor.h"
#include "core/clock.h"
#include "domain/audit.h"
#include "store/store_internal.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* ---- canonical form and hash ---- */

static void feed_text(crypto_hash_sha256_state *h, const char *s, bool is_null)
{
	char len[32];
	if (is_null) {
		crypto_hash_sha256_update(h, (const unsigned char *)"N\n", 2);
		return;
	}
	size_t n = strlen(s);
	int k = snprintf(len, sizeof len, "%zu:", n);
	crypto_hash_sha256_update(h, (const unsigned char *)len, (unsigned long long)k);
	crypto_hash_sha256_update(h, (const unsigned char *)s, n);
	crypto_hash_sha256_update(h, (const unsigned char *)"\n", 1);
}

static void feed_int(crypto_hash_sha256_state *h, int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	feed_text(h, buf, false);
}

/* The columns of one row in chain order; text fields NULL when SQL NULL. */
struct audit_row {
	int64_t id, actor_id, object_id;
	const char *at, *username, *role, *remote, *action, *object_type, *municipality, *before, *after;
	const char *prev_hash;
};

static void row_hash(const struct audit_row *r, char out[65])
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)r->prev_hash, strlen(r->prev_hash));
	crypto_hash_sha256_update(&h, (const unsigned char *)"zaitaku-audit-v1\n", 17);
	feed_int(&h, r->id);
	feed_text(&h, r->at, false);
	feed_int(&h, r->actor_id);
	feed_text(&h, r->username, false);
	feed_text(&h, r->role, false);
	feed_text(&h, r->remote, false);
	feed_text(&h, r->action, false);
	feed_text(&h, r->object_type, false);
	feed_int(&h, r->object_id);
	feed_text(&h, r->municipality, false);
	feed_text(&h, r->before ? r->before : "", r->before == NULL);
	feed_text(&h, r->after ? r->after : "", r->after == NULL);
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(out, 65, d, sizeof d);
}

/* ---- stripping secrets ---- */

static void strip(json_t *v)
{
	if (json_is_object(v)) {
		const char *k;
		json_t *x;
		void *tmp;
		json_object_foreach_safe(v, tmp, k, x) {
			if (audit_key_is_secret(k))
				json_object_del(v, k);
			else
				strip(x);
		}
	} else if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) strip(x);
	}
}

static char *dump_stripped(json_t *v)
{
	if (v == NULL || json_is_null(v))
		return NULL;
	json_t *c = json_deep_copy(v);
	if (c == NULL)
		abort();
	strip(c);
	char *s = json_dumps(c, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	json_decref(c);
	if (s == NULL)
		abort();
	return s;
}

/* ---- append ---- */

/* One row to append: its columns before id, time and hashes are known. The strings are borrowed
 * (append inside a transaction) or live in the same allocation (a queued row, entry_own). */
struct audit_entry {
	struct audit_entry *next;
	int64_t actor_id, object_id;
	const char *username, *role, *remote, *action, *object_type, *municipality;
	char *before, *after; /* stripped JSON text (malloc'd) or NULL */
};

static struct audit_entry entry_of(const struct zt_actor *who, const char *action, const char *object_type,
				   int64_t object_id, const char *municipality, json_t *before, json_t *after)
{
	return (struct audit_entry){
		.actor_id = who ? who->user_id : 0,
		.username = who && who->username ? who->username : "system",
		.role = who && who->role ? who->role : "system",
		.remote = who && who->remote_addr && who->remote_addr[0] ? who->remote_addr : "cli",
		.action = action,
		.object_type = object_type,
		.object_id = object_id,
		.municipality = municipality ? municipality : "",
		.before = dump_stripped(before),
		.after = dump_stripped(after),
	};
}

/* A copy of en that owns its strings (one allocation; before/after are taken). */
static struct audit_entry *entry_own(struct audit_entry *en)
{
	const char *src[] = {en->username, en->role, en->remote, en->action, en->object_type, en->municipality};
	size_t len[6], total = sizeof *en;
	for (int i = 0; i < 6; i++)
		total += (len[i] = strlen(src[i]) + 1);
	struct audit_entry *o = malloc(total);
	if (o == NULL)
		abort();
	*o = *en;
	o->next = NULL;
	char *p = (char *)(o + 1);
	const char **dst[] = {&o->username, &o->role, &o->remote, &o->action, &o->object_type, &o->municipality};
	for (int i = 0; i < 6; i++) {
		memcpy(p, src[i], len[i]);
		*dst[i] = p;
		p += len[i];
	}
	en->before = en->after = NULL;
	return o;
}

static void entry_release(struct audit_entry *en)
{
	free(en->before);
	free(en->after);
}

/* The head of the chain, read inside the transaction that appends after it. */
struct chain_head {
	int64_t id;
	char hash[65];
};

#define HEAD_SQL "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"

/* Reads the head from q (HEAD_SQL, executed or not) into *h, and keeps it for the transaction
 * (st->chain; every caller is inside one). Finalizes q. */
static int head_take(struct store *st, struct db_stmt *q, struct chain_head *h)
{
	h->id = 0;
	snprintf(h->hash, sizeof h->hash, "%s", GENESIS);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		h->id = db_col_int(q, 0);
		snprintf(h->hash, sizeof h->hash, "%s", db_col_text(q, 1));
	}
	db_finalize(q);
	if (rc >= 0) {
		st->chain.known = 1;
		st->chain.id = h->id;
		memcpy(st->chain.hash, h->hash, sizeof h->hash);
	}
	return rc;
}

int audit_tx_begin(struct store *st)
{
	st->chain.known = 0;
	if (!st->pg)
		return db_begin(st->db);
	/* Nearly every write transaction appends to the chain, and writers hold the writers' lock for
	 * their whole transaction: its head comes with the lock and BEGIN, not a round trip later. The
	 * transaction reads one snapshot (SERIALIZABLE), so the head read first is the one read later. */
	struct db_stmt *q;
	int rc = db_begin_query(st->db, HEAD_SQL, &q);
	if (rc < 0)
		return rc;
	struct chain_head h;
	int hr = head_take(st, q, &h);
	if (hr < 0) {
		db_rollback(st->db);
		return hr;
	}
	return rc;
}

static enum zt_err head_read(struct store *st, struct chain_head *h, struct zt_error *e)
{
	if (st->in_tx && st->chain.known) { /* read with BEGIN (audit_tx_begin), or moved on by entry_write */
		h->id = st->chain.id;
		memcpy(h->hash, st->chain.hash, sizeof h->hash);
		return ZT_OK;
	}
	/* PostgreSQL: concurrent writers of several processes append one at a time (the lock is held to
	 * the end of the transaction). A head read from a snapshot older than the lock makes the insert
	 * collide with the id taken meanwhile: that transaction is retried (ZT_ERR_BUSY) below. */
	if (st->pg && db_exec(st->db, "SELECT pg_advisory_xact_lock(1515470156)") < 0)
		return store_db_err(st, DB_SOFT_ERROR, e);
	struct db_stmt *q = db_query(st->db, HEAD_SQL, "");
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = head_take(st, q, h);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

/* Inside a transaction, after head_read(): appends en after *h and advances *h to it. */
static enum zt_err entry_write(struct store *st, const struct audit_entry *en, struct chain_head *h,
			       struct zt_error *e)
{
	char at[21];
	zt_now_utc(at);
	struct audit_row r = {
		.id = h->id + 1,
		.at = at,
		.actor_id = en->actor_id,
		.username = en->username,
		.role = en->role,
		.remote = en->remote,
		.action = en->action,
		.object_type = en->object_type,
		.object_id = en->object_id,
		.municipality = en->municipality,
		.before = en->before,
		.after = en->after,
		.prev_hash = h->hash,
	};
	char hash[65];
	row_hash(&r, hash);
	/* sent without waiting on PostgreSQL (its failure is the status of the next statement or of the
	 * commit, see db_run_nowait) */
	int rc = db_run_nowait(st->db,
			"INSERT INTO audit_log (id, at, actor_id, actor_username, actor_role, remote_addr, action, object_type,"
			" object_id, municipality, before_json, after_json, prev_hash, hash)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			"isisssssisssss", r.id, r.at, r.actor_id, r.username, r.role, r.remote, r.action, r.object_type,
			r.object_id, r.municipality, r.before, r.after, r.prev_hash, hash);
	if (rc == DB_CONSTRAINT && st->pg)
		rc = DB_SOFT_ERROR; /* the chain moved on since this transaction's snapshot */
	if (rc < 0 || rc == DB_CONSTRAINT)
		return store_db_err(st, rc, e);
	h->id = r.id;
	memcpy(h->hash, hash, sizeof hash);
	if (st->in_tx) { /* the transaction's next row follows this one without reading it back */
		st->chain.known = 1;
		st->chain.id = h->id;
		memcpy(st->chain.hash, hash, sizeof hash);
	}
	/* a signed checkpoint every AUDIT_CHECKPOINT_EVERY rows, in the same transaction */
	if (r.id % AUDIT_CHECKPOINT_EVERY == 0)
		return audit_checkpoint_write(st, r.id, hash, e);
	return ZT_OK;
}

/* Inside a transaction: the rows of the list en, in order, after the current head. */
static enum zt_err entries_write(struct store *st, const struct audit_entry *en, struct zt_error *e)
{
	struct chain_head h;
	enum zt_err r = head_read(st, &h, e);
	for (; en && r == ZT_OK; en = en->next)
		r = entry_write(st, en, &h, e);
	return r;
}

/*
 * Group commit of the rows appended outside a transaction by callers that wait for them (the CLI,
 * and the server when it cannot defer): each caller queues its row and waits; a caller that finds
 * no commit running takes every row queued so far and writes them in one transaction (one fsync)
 * on its own connection, then wakes the others with that transaction's result. A caller returns
 * only once its own row is committed, or with the error that stopped the group, as if it had
 * written the row alone.
 */
struct pending {
	struct audit_entry *en;
	struct zt_error *e;
	struct pending *next;
	enum zt_err r;
	bool done;
};

static pthread_mutex_t group_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t group_cond = PTHREAD_COND_INITIALIZER;
static struct pending *group_head, **group_tail = &group_head;
static bool group_writing;

static enum zt_err group_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct chain_head h;
	enum zt_err r = head_read(st, &h, e);
	for (struct pending *p = ctx; p && r == ZT_OK; p = p->next)
		r = entry_write(st, p->en, &h, e);
	return r;
}

static enum zt_err group_commit(struct store *st, struct audit_entry *en, struct zt_error *e)
{
	struct pending me = {.en = en, .e = e};
	pthread_mutex_lock(&group_mutex);
	*group_tail = &me;
	group_tail = &me.next;
	while (!me.done) {
		if (group_writing) {
			pthread_cond_wait(&group_cond, &group_mutex);
			continue;
		}
		group_writing = true; /* this caller writes the group queued so far, its own row among them */
		struct pending *group = group_head;
		group_head = NULL;
		group_tail = &group_head;
		pthread_mutex_unlock(&group_mutex);
		struct zt_error ge;
		zt_error_clear(&ge);
		enum zt_err r = store_tx(st, group_tx, group, &ge);
		pthread_mutex_lock(&group_mutex);
		for (struct pending *p = group; p; p = p->next) {
			p->r = r;
			if (r != ZT_OK)
				*p->e = ge;
			p->done = true; /* its caller returns only after this mutex is let go */
		}
		group_writing = false;
		pthread_cond_broadcast(&group_cond);
	}
	pthread_mutex_unlock(&group_mutex);
	return me.r;
}

enum zt_err audit_append(struct store *st, const struct zt_actor *who, const char *action,
			 const char *object_type, int64_t object_id, const char *municipality, json_t *before,
			 json_t *after, struct zt_error *e)
{
	if (!audit_word_valid(action))
		return zt_fail(e, ZT_ERR_INVALID, "action", "監査記録の操作名が不正です。");
	if (!audit_word_valid(object_type))
		return zt_fail(e, ZT_ERR_INVALID, "object_type", "監査記録の対象種別が不正です。");
	if (sodium_init() < 0)
		abort();
	struct audit_entry en = entry_of(who, action, object_type, object_id, municipality, before, after);
	enum zt_err r;
	if (st->in_tx) { /* inside the caller's transaction: the row commits or rolls back with the change */
		struct chain_head h;
		r = head_read(st, &h, e);
		if (r == ZT_OK)
			r = entry_write(st, &en, &h, e);
	} else if (st->defer) { /* a request that holds its reply until the row is committed */
		struct audit_deferral *d = st->defer;
		struct audit_entry *o = entry_own(&en);
		*d->tail = o;
		d->tail = &o->next;
		d->nrows++;
		r = ZT_OK;
	} else {
		r = group_commit(st, &en, e);
	}
	entry_release(&en);
	return r;
}

/* ---- deferred rows (see store_audit.h "Deferred audit rows") ---- */

void audit_deferral_init(struct audit_deferral *d)
{
	memset(d, 0, sizeof *d);
	d->tail = &d->rows;
}

void audit_defer_to(struct store *st, struct audit_deferral *d)
{
	st->defer = d;
}

bool audit_deferral_pending(const struct audit_deferral *d)
{
	return d->rows != NULL;
}

void audit_deferral_release(struct audit_deferral *d)
{
	for (struct audit_entry *en = d->rows, *next; en; en = next) {
		next = en->next;
		entry_release(en);
		free(en);
	}
	d->rows = NULL;
	d->tail = &d->rows;
	d->nrows = 0;
}

static enum zt_err deferral_tx(struct store *st, void *ctx, struct zt_error *e)
{
	return entries_write(st, ((struct audit_deferral *)ctx)->rows, e);
}

enum zt_err audit_deferral_commit(struct store *st, struct audit_deferral *d, struct zt_error *e)
{
	enum zt_err r = d->rows ? store_tx(st, deferral_tx, d, e) : ZT_OK;
	audit_deferral_release(d);
	return r;
}

/*
 * The committer: one thread with its own connection writes every deferral queued since its last
 * commit in one transaction (one fsync), then tells each request the outcome. The requests do not
 * wait on a thread meanwhile: their connections are suspended (src/http/server.c), so the worker
 * threads go on with other requests and a commit takes as many rows as arrived during the last.
 */
struct audit_committer {
	struct store *st;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct audit_deferral *head, **tail;
	int reserved;  /* reserve()d, not yet submit()ted */
	bool closing;  /* no new reservations; the thread drains the queue and ends */
	uint64_t commits, rows, failed;
};

static enum zt_err batch_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct chain_head h;
	enum zt_err r = head_read(st, &h, e);
	for (struct audit_deferral *d = ctx; d && r == ZT_OK; d = d->next)
		for (const struct audit_entry *en = d->rows; en && r == ZT_OK; en = en->next)
			r = entry_write(st, en, &h, e);
	return r;
}

static void *committer_main(void *arg)
{
	struct audit_committer *c = arg;
	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (c->head == NULL && !(c->closing && c->reserved == 0))
			pthread_cond_wait(&c->cv, &c->mu);
		if (c->head == NULL)
			break; /* closing, and every reserved deferral has been submitted and written */
		struct audit_deferral *batch = c->head;
		c->head = NULL;
		c->tail = &c->head;
		pthread_mutex_unlock(&c->mu);

		struct zt_error e;
		zt_error_clear(&e);
		enum zt_err r = store_tx(c->st, batch_tx, batch, &e);
		uint64_t rows = 0;
		for (struct audit_deferral *d = batch, *next; d; d = next) {
			next = d->next; /* d belongs to its request again once done() has run */
			rows += d->nrows;
			audit_deferral_release(d);
			d->next = NULL;
			d->done(d->done_ctx, r, &e);
		}
		pthread_mutex_lock(&c->mu);
		c->commits++;
		c->rows += rows;
		if (r != ZT_OK)
			c->failed += rows;
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

struct audit_committer *audit_committer_start(struct store *st)
{
	struct audit_committer *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	c->st = st;
	c->tail = &c->head;
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	if (sodium_init() < 0 || pthread_create(&c->thread, NULL, committer_main, c) != 0) {
		pthread_mutex_destroy(&c->mu);
		pthread_cond_destroy(&c->cv);
		free(c);
		return NULL;
	}
	return c;
}

bool audit_committer_reserve(struct audit_committer *c)
{
	pthread_mutex_lock(&c->mu);
	bool ok = !c->closing;
	if (ok)
		c->reserved++;
	pthread_mutex_unlock(&c->mu);
	return ok;
}

void audit_committer_submit(struct audit_committer *c, struct audit_deferral *d, audit_done_fn done, void *ctx)
{
	d->done = done;
	d->done_ctx = ctx;
	d->next = NULL;
	pthread_mutex_lock(&c->mu);
	*c->tail = d;
	c->tail = &d->next;
	c->reserved--;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

void audit_committer_stop(struct audit_committer *c, struct audit_committer_stats *stats)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&c->mu);
	c->closing = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	if (stats)
		*stats = (struct audit_committer_stats){c->commits, c->rows, c->failed};
}

void audit_committer_free(struct audit_committer *c)
{
	if (c == NULL)
		return;
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	free(c);
}

/* ---- search ---- */

void audit_filter_init(struct audit_filter *f)
{
	memset(f, 0, sizeof *f);
}

#define AUDIT_COLUMNS \
	"id, at, actor_id, actor_username, actor_role, remote_addr, action, object_type, object_id, municipality," \
	" before_json, after_json, prev_hash, hash"

static json_t *parsed_or_null(struct db_stmt *q, int col)
{
	if (db_col_is_null(q, col))
		return json_null();
	json_t *v = json_loads(db_col_text(q, col), JSON_DECODE_ANY, NULL);
	return v ? v : json_string(db_col_text(q, col));
}

static json_t *row_json(struct db_stmt *q)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(db_col_int(q, 0)));
	json_object_set_new(o, "at", json_string(db_col_text(q, 1)));
	json_object_set_new(o, "actor_id", json_integer(db_col_int(q, 2)));
	json_object_set_new(o, "actor_username", json_string(db_col_text(q, 3)));
	json_object_set_new(o, "actor_role", json_string(db_col_text(q, 4)));
	json_object_set_new(o, "remote_addr", json_string(db_col_text(q, 5)));
	json_object_set_new(o, "action", json_string(db_col_text(q, 6)));
	json_object_set_new(o, "object_type", json_string(db_col_text(q, 7)));
	json_object_set_new(o, "object_id", json_integer(db_col_int(q, 8)));
	json_object_set_new(o, "municipality", json_string(db_col_text(q, 9)));
	json_object_set_new(o, "before", parsed_or_null(q, 10));
	json_object_set_new(o, "after", parsed_or_null(q, 11));
	json_object_set_new(o, "prev_hash", json_string(db_col_text(q, 12)));
	json_object_set_new(o, "hash", json_string(db_col_text(q, 13)));
	return o;
}

enum zt_err audit_each(struct store *st, const struct audit_filter *f, audit_row_fn fn, void *ctx, struct zt_error *e)
{
	char sql[2048];
	size_t used = (size_t)snprintf(sql, sizeof sql, "SELECT " AUDIT_COLUMNS " FROM audit_log WHERE 1 = 1");
	/* Placeholders only; every value is bound below in the same order. */
#define ADD(cond) used += (size_t)snprintf(sql + used, sizeof sql - used, "%s", cond)
	if (f->from[0])
		ADD(" AND at >= ?");
	if (f->to[0])
		ADD(" AND at <= ?");
	if (f->object_type[0])
		ADD(" AND object_type = ?");
	if (f->object_id)
		ADD(" AND object_id = ?");
	if (f->actor[0])
		ADD(" AND actor_username = ?");
	if (f->municipality[0])
		ADD(" AND municipality = ?");
	if (f->before_id)
		ADD(" AND id < ?");
	int nassoc = f->nassociations < 0 ? 0 : f->nassociations > 8 ? 8 : f->nassociations;
	if (f->scoped) {
		ADD(" AND municipality IN (SELECT municipality_code FROM association_municipality WHERE institution_id IN (0");
		for (int i = 0; i < nassoc; i++)
			ADD(", ?");
		ADD("))");
	}
	ADD(f->ascending ? " ORDER BY id ASC" : " ORDER BY id DESC");
	if (f->limit > 0)
		ADD(" LIMIT ?");
#undef ADD
	struct db_stmt *q = db_prepare(st->db, sql);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int k = 1;
	if (f->from[0])
		db_bind_text(q, k++, f->from);
	if (f->to[0])
		db_bind_text(q, k++, f->to);
	if (f->object_type[0])
		db_bind_text(q, k++, f->object_type);
	if (f->object_id)
		db_bind_int(q, k++, f->object_id);
	if (f->actor[0])
		db_bind_text(q, k++, f->actor);
	if (f->municipality[0])
		db_bind_text(q, k++, f->municipality);
	if (f->before_id)
		db_bind_int(q, k++, f->before_id);
	if (f->scoped)
		for (int i = 0; i < nassoc; i++)
			db_bind_int(q, k++, f->associations[i]);
	if (f->limit > 0)
		db_bind_int(q, k++, f->limit);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		json_t *row = row_json(q);
		int stop = fn(row, ctx);
		json_decref(row);
		if (stop) {
			rc = DB_DONE;
			break;
		}
	}
	db_finalize(q);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

static int collect(json_t *row, void *ctx)
{
	json_array_append(ctx, row);
	return 0;
}

json_t *audit_search(struct store *st, const struct audit_filter *f, struct zt_error *e)
{
	json_t *arr = json_array();
	if (audit_each(st, f, collect, arr, e) != ZT_OK) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

int64_t audit_count(struct store *st)
{
	int64_t n = 0;
	db_scalar_int(st->db, &n, "SELECT COUNT(*) FROM audit_log", "");
	return n;
}

/* ---- verification ---- */

static const char *text_or_null(struct db_stmt *q, int col)
{
	return db_col_is_null(q, col) ? NULL : db_col_text(q, col);
}

enum zt_err audit_verify(struct store *st, int64_t *broken_id, int64_t *rows, struct zt_error *e)
{
	return audit_chain_walk(st, broken_id, rows, NULL, NULL, e);
}

enum zt_err audit_chain_walk(struct store *st, int64_t *broken_id, int64_t *rows, audit_head_fn fn, void *ctx,
			     struct zt_error *e)
{
	*broken_id = 0;
	*rows = 0;
	if (sodium_init() < 0)
		abort();
	struct db_stmt *q = db_query(st->db, "SELECT " AUDIT_COLUMNS " FROM audit_log ORDER BY id", "");
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	char expect_prev[65] = GENESIS;
	int64_t expect_id = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		(*rows)++;
		struct audit_row r = {
			.id = db_col_int(q, 0), .at = db_col_text(q, 1), .actor_id = db_col_int(q, 2),
			.username = db_col_text(q, 3), .role = db_col_text(q, 4), .remote = db_col_text(q, 5),
			.action = db_col_text(q, 6), .object_type = db_col_text(q, 7), .object_id = db_col_int(q, 8),
			.municipality = db_col_text(q, 9), .before = text_or_null(q, 10), .after = text_or_null(q, 11),
			.prev_hash = db_col_text(q, 12),
		};
		char h[65];
		row_hash(&r, h);
		bool ok = (expect_id == 0 || r.id == expect_id + 1) && strcmp(r.prev_hash, expect_prev) == 0 &&
			  strcmp(h, db_col_text(q, 13)) == 0;
		if (!ok) {
			*broken_id = r.id;
			break;
		}
		expect_id = r.id;
		snprintf(expect_prev, sizeof expect_prev, "%s", db_col_text(q, 13));
		if (fn)
			fn(*rows, expect_prev, ctx);
	}
	db_finalize(q);
	if (rc < 0)
		return store_db_err(st, rc, e);
	if (*broken_id)
		return zt_fail(e, ZT_ERR_CONFLICT, "id", "監査記録の連鎖が ID %lld で壊れています（改ざんまたは削除）。",
			       (long long)*broken_id);
	return ZT_OK;
}
