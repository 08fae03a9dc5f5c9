/* Signed checkpoints of the audit trail: writing them with the audit key, and checking the trail
 * against them for truncation and recomputation (issue 11 §2; see store_audit.h). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "domain/audit.h"
#include "store/store_audit.h"
#include "store/store_internal.h"
#include "store/store_keys.h"

enum zt_err audit_checkpoint_write(struct store *st, int64_t rows, const char *head_hash, struct zt_error *e)
{
	if (!st->keys.have_sign)
		return ZT_OK;
	struct audit_checkpoint c = {.rows = rows};
	snprintf(c.head_hash, sizeof c.head_hash, "%s", head_hash);
	zt_now_utc(c.at);
	sodium_bin2hex(c.public_key, sizeof c.public_key, st->keys.sign_pk, 32);
	char msg[256];
	size_t len = audit_checkpoint_message(&c, msg, sizeof msg);
	unsigned char sig[crypto_sign_BYTES];
	crypto_sign_detached(sig, NULL, (const unsigned char *)msg, len, st->keys.sign_sk);
	sodium_bin2hex(c.signature, sizeof c.signature, sig, sizeof sig);
	int rc = db_run(st->db, "INSERT INTO audit_checkpoint (at, rows, head_hash, public_key, signature) VALUES (?, ?, ?, ?, ?)",
			"sisss", c.at, (int64_t)c.rows, c.head_hash, c.public_key, c.signature);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err audit_checkpoints(struct store *st, struct audit_checkpoint **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db, "SELECT rows, head_hash, at, public_key, signature FROM audit_checkpoint "
				     "ORDER BY rows, id", "");
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct audit_checkpoint *c = STORE_PUSH(*out, *n, cap);
		c->rows = db_col_int(q, 0);
		STORE_COPY(c->head_hash, db_col_text(q, 1));
		STORE_COPY(c->at, db_col_text(q, 2));
		STORE_COPY(c->public_key, db_col_text(q, 3));
		STORE_COPY(c->signature, db_col_text(q, 4));
	}
	db_finalize(q);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

static bool signature_ok(const struct audit_checkpoint *c, const char *trusted_pk)
{
	unsigned char pk[32], sig[64];
	if (!audit_checkpoint_well_formed(c) || strcmp(c->public_key, trusted_pk) != 0 ||
	    sodium_hex2bin(pk, sizeof pk, c->public_key, 64, NULL, NULL, NULL) != 0 ||
	    sodium_hex2bin(sig, sizeof sig, c->signature, 128, NULL, NULL, NULL) != 0)
		return false;
	char msg[256];
	size_t len = audit_checkpoint_message(c, msg, sizeof msg);
	return crypto_sign_verify_detached(sig, (const unsigned char *)msg, len, pk) == 0;
}

static int by_rows(const void *a, const void *b)
{
	long long x = ((const struct audit_checkpoint *)a)->rows, y = ((const struct audit_checkpoint *)b)->rows;
	return (x > y) - (x < y);
}

/* While walking the chain: compares each checkpoint (sorted by rows) with the hash at its count. */
struct match_ctx {
	const struct audit_checkpoint *cps;
	size_t n, next;
	struct audit_verify_report *rep;
	const struct audit_checkpoint *first_bad;
	char head[65]; /* hash of the last good row */
};

static void on_head(int64_t rows, const char *hash, void *vctx)
{
	struct match_ctx *m = vctx;
	snprintf(m->head, sizeof m->head, "%s", hash);
	for (; m->next < m->n && m->cps[m->next].rows <= rows; m->next++) {
		const struct audit_checkpoint *c = &m->cps[m->next];
		if (c->rows != rows)
			continue;
		if (strcmp(c->head_hash, hash) == 0) {
			m->rep->last_good_rows = c->rows;
			snprintf(m->rep->last_good_at, sizeof m->rep->last_good_at, "%s", c->at);
		} else if (m->first_bad == NULL) {
			m->first_bad = c;
		}
	}
}

/* Signs the verified head unless rows were appended since the walk (the server may be writing). */
struct head_ctx {
	int64_t rows;
	const char *hash;
	bool written;
};

static enum zt_err head_tx(struct store *st, void *vctx, struct zt_error *e)
{
	struct head_ctx *h = vctx;
	int64_t last = 0;
	char hash[65] = "";
	struct db_stmt *q = db_query(st->db, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", "");
	if (q && db_step(q) == DB_ROW) {
		last = db_col_int(q, 0);
		snprintf(hash, sizeof hash, "%s", db_col_text(q, 1));
	}
	db_finalize(q);
	if (last != h->rows || strcmp(hash, h->hash) != 0)
		return ZT_OK;
	h->written = true;
	return audit_checkpoint_write(st, h->rows, h->hash, e);
}

enum zt_err audit_verify_full(struct store *st, const struct audit_verify_opts *o, struct audit_verify_report *rep,
			      struct zt_error *e)
{
	static const struct audit_verify_opts none = {0};
	if (o == NULL)
		o = &none;
	memset(rep, 0, sizeof *rep);
	if (sodium_init() < 0)
		abort();
	char trusted[65];
	bool from_file = false;
	store_audit_public_key(st, trusted, &from_file);
	rep->key_source = from_file ? "key file" : "database";
	if (!from_file && o->public_key && o->public_key[0]) {
		snprintf(trusted, sizeof trusted, "%s", o->public_key);
		rep->key_source = "checkpoint file";
	}

	struct audit_checkpoint *stored = NULL;
	size_t nstored = 0;
	enum zt_err r = audit_checkpoints(st, &stored, &nstored, e);
	if (r != ZT_OK)
		return r;
	/* the checkpoints whose signature holds, stored and extra, by rows */
	size_t total = nstored + o->nextra, nvalid = 0;
	struct audit_checkpoint *valid = malloc((total ? total : 1) * sizeof *valid);
	if (valid == NULL)
		abort();
	for (size_t i = 0; i < total; i++) {
		const struct audit_checkpoint *c = i < nstored ? &stored[i] : &o->extra[i - nstored];
		if (signature_ok(c, trusted))
			valid[nvalid++] = *c;
		else
			rep->bad_signatures++;
	}
	free(stored);
	qsort(valid, nvalid, sizeof *valid, by_rows);
	rep->checkpoints = (int64_t)nvalid;

	struct match_ctx m = {valid, nvalid, 0, rep, NULL, ""};
	r = audit_chain_walk(st, &rep->broken_id, &rep->rows, on_head, &m, e);
	if (r != ZT_OK && rep->broken_id == 0) {
		free(valid);
		return r;
	}
	zt_error_clear(e);
	if (rep->broken_id == 0 && nvalid > 0 && valid[nvalid - 1].rows > rep->rows)
		rep->truncated = valid[nvalid - 1].rows;
	if (m.first_bad)
		rep->recomputed = m.first_bad->rows;

	if (rep->broken_id) {
		r = zt_fail(e, ZT_ERR_CONFLICT, "chain", "監査記録の連鎖が ID %lld で壊れています（改ざんまたは削除）。/ chain broken at row %lld.",
			    (long long)rep->broken_id, (long long)rep->broken_id);
	} else if (rep->truncated) {
		const struct audit_checkpoint *c = &valid[nvalid - 1];
		r = zt_fail(e, ZT_ERR_CONFLICT, "truncation",
			    "監査記録が切り詰められています: %s の署名済みチェックポイントは %lld 行、現在は %lld 行です。/ "
			    "truncation: the checkpoint signed at %s counts %lld rows, the trail has %lld.",
			    c->at, c->rows, (long long)rep->rows, c->at, c->rows, (long long)rep->rows);
	} else if (m.first_bad) {
		const struct audit_checkpoint *c = m.first_bad;
		r = zt_fail(e, ZT_ERR_CONFLICT, "recomputation",
			    "監査記録の連鎖が再計算されています: %lld 行目のハッシュが %s の署名済みチェックポイントと一致しません。/ "
			    "recomputation: the hash at row %lld differs from the checkpoint signed at %s.",
			    c->rows, c->at, c->rows, c->at);
	} else if (rep->bad_signatures) {
		r = zt_fail(e, ZT_ERR_CONFLICT, "signature",
			    "署名を検証できないチェックポイントが %lld 件あります（偽造、または別の鍵）。/ %lld checkpoints fail "
			    "their signature (forged, or another key).",
			    (long long)rep->bad_signatures, (long long)rep->bad_signatures);
	}
	bool have_head = nvalid > 0 && valid[nvalid - 1].rows == rep->rows;
	free(valid);
	if (r != ZT_OK || !o->write_checkpoint || !st->keys.have_sign || rep->rows == 0 || have_head)
		return r;
	struct head_ctx h = {rep->rows, m.head, false};
	r = store_tx(st, head_tx, &h, e);
	rep->written = h.written;
	return r;
}
