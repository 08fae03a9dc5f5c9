/*
 * The audit trail (issue 3 §3): append-only, hash-chained rows in audit_log.
 *
 * Call audit_append() INSIDE the store_tx() of the change it records, so that a change without
 * its audit row cannot be committed (the row rolls back with the change). Called outside a
 * transaction (e.g. to record a read), its row is committed before it returns, in one
 * transaction with the rows other threads append outside a transaction at the same moment (group
 * commit: one fsync for the group; an error fails every row of the group) — unless the store has
 * a deferral (audit_defer_to, below): then the row is queued and committed after the caller has
 * built its reply, which leaves the server only once the row is committed. Rows are chained:
 *   hash = hex(SHA-256(prev_hash || canonical row)), prev_hash of the first row = 64 × '0'.
 * Keys naming secrets (password, token, totp, secret — audit_key_is_secret) are stripped from
 * before/after at any depth; before/after are not modified (a copy is stripped).
 */
#ifndef ZT_STORE_STORE_AUDIT_H
#define ZT_STORE_STORE_AUDIT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

struct store;
struct zt_actor;

/*
 * Appends one row. who NULL means the system (CLI, demo, import) acting from "cli".
 * action and object_type: 1–32 of [a-z0-9_] ("create", "update", "delete", "read", "sign_in",
 * "sign_in_failed", "sign_out", "import", "export", …; "facility", "group", "user", …).
 * object_id 0 when none; municipality "" or NULL when the object has none (then only admins
 * find the row in a search). before/after may be NULL; they are borrowed.
 */
enum zt_err audit_append(struct store *st, const struct zt_actor *who, const char *action,
			 const char *object_type, int64_t object_id, const char *municipality, json_t *before,
			 json_t *after, struct zt_error *e);

/*
 * ---- Deferred audit rows (the server's read path; docs/architecture.md "Deferred audit of reads") ----
 * A request of the HTTP server gives its store connection a deferral for the time of its handler:
 * audit_append() outside a transaction then queues its row there and returns ZT_OK at once. Once
 * the handler has built its reply, the server holds the reply back (its connection suspended) and
 * submits the deferral to the committer, which writes every queued row of every such request in
 * one transaction (one fsync, in the order they were submitted) and calls done with the outcome:
 * the server sends the reply only when that is ZT_OK — otherwise the storage error, and the data
 * never leaves. Without a deferral (CLI, demo, timers) audit_append() waits for its row as before.
 */
struct audit_entry;
typedef void (*audit_done_fn)(void *ctx, enum zt_err r, const struct zt_error *e);
struct audit_deferral {
	struct audit_entry *rows, **tail; /* owned, in append order */
	size_t nrows;
	/* set by audit_committer_submit() */
	struct audit_deferral *next;
	audit_done_fn done;
	void *done_ctx;
};
void audit_deferral_init(struct audit_deferral *d);
/* Rows of audit_append() outside a transaction on st go to d from now on; NULL ends that. */
void audit_defer_to(struct store *st, struct audit_deferral *d);
/* True when d holds rows not yet committed. */
bool audit_deferral_pending(const struct audit_deferral *d);
/* Writes d's rows in one transaction on st and waits (the server's fallback while it shuts down);
 * d is empty afterwards whatever the outcome. */
enum zt_err audit_deferral_commit(struct store *st, struct audit_deferral *d, struct zt_error *e);
/* Frees the rows of d without writing them (the request's reply is discarded with them). */
void audit_deferral_release(struct audit_deferral *d);

/* The committer thread, on a connection of its own (st, which the caller closes after stop). NULL
 * when the thread cannot be started. */
struct audit_committer;
struct audit_committer *audit_committer_start(struct store *st);
/* Promises one submit(): false once stop() has begun (then commit the deferral yourself). The
 * promise lets the server suspend the connection before the outcome can arrive. */
bool audit_committer_reserve(struct audit_committer *c);
/* Queues d (with rows, after a successful reserve()); done(ctx, r, e) runs on the committer's
 * thread once its rows are committed (r ZT_OK) or have failed (e says why); d is empty then and
 * belongs to the caller again. */
void audit_committer_submit(struct audit_committer *c, struct audit_deferral *d, audit_done_fn done, void *ctx);
struct audit_committer_stats {
	uint64_t commits, rows, failed;
};
/* Refuses new reservations (reserve() returns false from now on), writes everything submitted or
 * reserved (every done() has run when it returns) and ends the thread; stats may be NULL. */
void audit_committer_stop(struct audit_committer *c, struct audit_committer_stats *stats);
/* Frees a stopped committer, once no thread can call reserve() any more. */
void audit_committer_free(struct audit_committer *c);

struct audit_filter {
	char from[21], to[21];        /* inclusive bounds, "" = open (see audit_bound_parse) */
	char object_type[33];         /* "" = any */
	int64_t object_id;            /* 0 = any */
	char actor[64];               /* username, "" = any */
	char municipality[7];         /* "" = any */
	/* District scope: when scoped, only rows whose municipality is covered by one of these
	 * 郡市医師会 (institution ids) are returned (coordinators). */
	bool scoped;
	int64_t associations[8];
	int nassociations;
	int limit;                    /* 0 = no limit */
	int64_t before_id;            /* paging: rows with id < before_id, 0 = from the newest */
	bool ascending;               /* oldest first (export); default newest first */
};
/* Zeroes f: no restriction, newest first, no limit. */
void audit_filter_init(struct audit_filter *f);

/* Calls fn for every matching row as a JSON object (borrowed; fn may json_incref it) with keys
 * id, at, actor_id, actor_username, actor_role, remote_addr, action, object_type, object_id,
 * municipality, before, after (parsed JSON or null), prev_hash, hash. fn returns 0 to go on. */
typedef int (*audit_row_fn)(json_t *row, void *ctx);
/* ZT_OK after the last row (or when fn stopped early), or a storage error (*e filled). */
enum zt_err audit_each(struct store *st, const struct audit_filter *f, audit_row_fn fn, void *ctx, struct zt_error *e);
/* Convenience: the matching rows as a new JSON array. NULL on error (see *e). */
json_t *audit_search(struct store *st, const struct audit_filter *f, struct zt_error *e);

/*
 * Walks the whole chain in id order. Returns ZT_OK with *broken_id = 0 when every row's
 * prev_hash and hash check out; ZT_ERR_CONFLICT with *broken_id = the first row that does not
 * (edited, or a predecessor deleted). *rows receives the number of rows read.
 */
enum zt_err audit_verify(struct store *st, int64_t *broken_id, int64_t *rows, struct zt_error *e);
/* Number of rows in the trail (0 on error). */
int64_t audit_count(struct store *st);

/* audit_verify() that also calls fn(n, hash, ctx) after each good row: n rows so far, the hash of
 * the n-th. */
typedef void (*audit_head_fn)(int64_t n, const char *hash, void *ctx);
enum zt_err audit_chain_walk(struct store *st, int64_t *broken_id, int64_t *rows, audit_head_fn fn, void *ctx,
			     struct zt_error *e);

/* ---- signed checkpoints (issue 11 §2; store_checkpoint.c, docs/security.md "Audit trail") ---- */

/* audit_append() signs a checkpoint whenever the row id is a multiple of this. */
#define AUDIT_CHECKPOINT_EVERY 100

struct audit_checkpoint;
/* Inside a transaction: signs and stores a checkpoint of (rows, head_hash) with the audit key. ZT_OK
 * without writing when the store has no audit key (opened with keys_optional). */
enum zt_err audit_checkpoint_write(struct store *st, int64_t rows, const char *head_hash, struct zt_error *e);
/* The stored checkpoints, fewest rows first, as a malloc'd array of *n (caller frees). */
enum zt_err audit_checkpoints(struct store *st, struct audit_checkpoint **out, size_t *n, struct zt_error *e);

struct audit_verify_opts {
	/* Checkpoints kept elsewhere (an exported file), checked like the stored ones. */
	const struct audit_checkpoint *extra;
	size_t nextra;
	/* The public key trusted when the audit key file is not loaded (the exported file's), hex; NULL
	 * = the key the database records (weakest: whoever can write the database can replace it). */
	const char *public_key;
	/* When everything checks out, sign and store a checkpoint of the current head (audit verify). */
	bool write_checkpoint;
};

struct audit_verify_report {
	int64_t rows;            /* rows in the trail */
	int64_t broken_id;       /* first row whose hash or link is wrong, 0 = chain intact */
	int64_t checkpoints;     /* checkpoints whose signature verified */
	int64_t bad_signatures;  /* checkpoints whose signature (or key) does not verify */
	int64_t truncated;       /* rows of the largest checkpoint beyond the trail's end (truncation), 0 = none */
	int64_t recomputed;      /* rows of the first checkpoint whose head hash differs (recomputation), 0 = none */
	int64_t last_good_rows;  /* the last checkpoint that matches, 0 = none */
	char last_good_at[21];
	const char *key_source;  /* "key file", "checkpoint file" or "database" */
	bool written;            /* a checkpoint of the current head was stored */
};

/*
 * The whole check: the chain (audit_verify), then every checkpoint (stored and o->extra) against
 * the trusted public key and the chain — fewer rows than a checkpoint says is truncation, another
 * hash at its row count is recomputation. ZT_OK when all hold (then, with o->write_checkpoint and
 * the audit key, a new checkpoint is stored); ZT_ERR_CONFLICT naming the first problem in *e (field
 * "chain", "truncation", "recomputation" or "signature"); storage errors otherwise. *rep always filled.
 */
enum zt_err audit_verify_full(struct store *st, const struct audit_verify_opts *o, struct audit_verify_report *rep,
			      struct zt_error *e);

#endif
