/* Bulk writes of the bureau-list import (seed 002 ①, issue 2 §6) with multi-row statements (see store_import.h). */
#include "store/store_import.h"
#include "core/clock.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

#define BATCH 64 /* rows per multi-row INSERT (11 × 64 parameters, far below any driver's limit) */

enum { T_INST, T_STD, T_FILING, T__MAX };

static const struct {
	const char *head, *row, *tail;
	int ncols;
} tables[T__MAX] = {
	[T_INST] = {"INSERT INTO institution (kind, name, postal_code, address, municipality_code, phone, fax, beds, "
		    "updated_at, medical_code, created_at) VALUES ",
		    "(?,?,?,?,?,?,?,?,?,?,?)", " RETURNING id, medical_code", 11},
	[T_STD] = {"INSERT INTO institution_standard (institution_id, standard, since) VALUES ", "(?,?,?)", "", 3},
	[T_FILING] = {"INSERT INTO institution_filing (institution_id, symbol, filing_name, number, start_date, note, known) VALUES ",
		      "(?,?,?,?,?,?,?)", "", 7},
};

struct store_bureau_writer {
	struct store *st;
	struct db_stmt *full[T__MAX]; /* BATCH rows */
	struct db_stmt *update, *del_std, *del_filing, *end_filing;
	char now[21];
	int64_t old_cache; /* SQLite page cache size to restore, 0 when untouched */
};

/* Prepares the INSERT of table t for n rows. */
static struct db_stmt *prepare_rows(struct store *st, int t, size_t n)
{
	size_t rl = strlen(tables[t].row);
	size_t cap = strlen(tables[t].head) + n * (rl + 1) + strlen(tables[t].tail) + 1;
	char *sql = malloc(cap);
	if (sql == NULL)
		abort();
	size_t o = (size_t)snprintf(sql, cap, "%s", tables[t].head);
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(sql + o, cap - o, "%s%s", i ? "," : "", tables[t].row);
	snprintf(sql + o, cap - o, "%s", tables[t].tail);
	struct db_stmt *q = db_prepare(st->db, sql);
	free(sql);
	return q;
}

struct store_bureau_writer *store_bureau_writer_open(struct store *st, struct zt_error *e)
{
	struct store_bureau_writer *w = calloc(1, sizeof *w);
	if (w == NULL)
		abort();
	w->st = st;
	zt_now_utc(w->now);
	/* SQLite: a page cache that holds the whole import (64 MiB) instead of spilling pages to the
	 * WAL in the middle of the transaction; restored on close (connections are pooled). */
	if (strcmp(st->db->ops->name, "sqlite") == 0 &&
	    db_scalar_int(st->db, &w->old_cache, "PRAGMA cache_size", "") == DB_ROW && w->old_cache != 0 &&
	    db_exec(st->db, "PRAGMA cache_size = -65536") < 0)
		w->old_cache = 0;
	for (int t = 0; t < T__MAX; t++)
		w->full[t] = prepare_rows(st, t, BATCH);
	w->update = db_prepare(st->db,
		"UPDATE institution SET kind = ?, name = ?, postal_code = ?, address = ?, "
		"municipality_code = COALESCE(?, municipality_code), phone = ?, fax = ?, beds = ?, updated_at = ? WHERE id = ?");
	w->del_std = db_prepare(st->db, "DELETE FROM institution_standard WHERE institution_id = ?");
	w->del_filing = db_prepare(st->db, "DELETE FROM institution_filing WHERE institution_id = ?");
	w->end_filing = db_prepare(st->db,
		"INSERT INTO institution_filing_end (institution_id, symbol, filing_name, number, start_date, standard, "
		"ended_on, import_batch_id) VALUES (?,?,?,?,?,?,?,?)");
	if (!w->full[T_INST] || !w->full[T_STD] || !w->full[T_FILING] || !w->update || !w->del_std || !w->del_filing ||
	    !w->end_filing) {
		store_db_err(st, DB_HARD_ERROR, e);
		store_bureau_writer_close(w);
		return NULL;
	}
	return w;
}

void store_bureau_writer_close(struct store_bureau_writer *w)
{
	if (w == NULL)
		return;
	for (int t = 0; t < T__MAX; t++)
		db_finalize(w->full[t]);
	db_finalize(w->update);
	db_finalize(w->del_std);
	db_finalize(w->del_filing);
	db_finalize(w->end_filing);
	if (w->old_cache != 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)w->old_cache);
		db_exec(w->st->db, sql);
	}
	free(w);
}

/* How one parameter is bound from a row struct (a data-driven binder instead of one per table). */
enum param_kind {
	P_OPT,  /* const char *: text, NULL for NULL or "" */
	P_TEXT, /* const char *: text as is */
	P_INT,  /* int */
	P_I64,  /* int64_t */
	P_BOOL, /* bool: 0 or 1 */
	P_NOW   /* the writer's timestamp (no field) */
};
struct param {
	enum param_kind kind;
	size_t off;
};
#define INST(kind, f) {kind, offsetof(struct store_bureau_inst, f)}

/* The institution's attributes in the order of T_INST and of the update statement. */
static const struct param inst_attrs[] = {
	INST(P_OPT, kind), INST(P_OPT, name), INST(P_OPT, postal_code), INST(P_OPT, address),
	INST(P_OPT, municipality), INST(P_OPT, phone), INST(P_OPT, fax), INST(P_INT, beds), {P_NOW, 0},
};
static const struct param inst_rest[] = {INST(P_OPT, medical_code), {P_NOW, 0}};
static const struct param std_params[] = {
	{P_I64, offsetof(struct store_bureau_standard, institution_id)},
	{P_TEXT, offsetof(struct store_bureau_standard, standard)},
	{P_OPT, offsetof(struct store_bureau_standard, since)},
};
#define FIL(kind, f) {kind, offsetof(struct store_bureau_filing, f)}
static const struct param filing_params[] = {
	FIL(P_I64, institution_id), FIL(P_TEXT, symbol), FIL(P_OPT, name), FIL(P_OPT, number),
	FIL(P_OPT, start_date), FIL(P_OPT, note), FIL(P_BOOL, known),
};
#define NPARAMS(a) (sizeof(a) / sizeof(a)[0])

/* Binds params[0..n) of the struct at row to parameters base+1 …; returns the next base. */
static int bind_params(struct store_bureau_writer *w, struct db_stmt *q, int base, const struct param *params,
		       size_t n, const void *row)
{
	for (size_t k = 0; k < n; k++) {
		const char *field = (const char *)row + params[k].off;
		int i = base + 1 + (int)k;
		switch (params[k].kind) {
		case P_OPT: {
			const char *v = *(const char *const *)(const void *)field;
			if (v && v[0])
				db_bind_text(q, i, v);
			else
				db_bind_null(q, i);
			break;
		}
		case P_TEXT: db_bind_text(q, i, *(const char *const *)(const void *)field); break;
		case P_INT: db_bind_int(q, i, *(const int *)(const void *)field); break;
		case P_I64: db_bind_int(q, i, *(const int64_t *)(const void *)field); break;
		case P_BOOL: db_bind_int(q, i, *(const bool *)(const void *)field ? 1 : 0); break;
		case P_NOW: db_bind_text(q, i, w->now); break;
		}
	}
	return base + (int)n;
}

typedef void (*bind_row_fn)(struct store_bureau_writer *w, struct db_stmt *q, int base, const void *rows, size_t i);

static void bind_inst(struct store_bureau_writer *w, struct db_stmt *q, int b, const void *rows, size_t i)
{
	const struct store_bureau_inst *in = (const struct store_bureau_inst *)rows + i;
	b = bind_params(w, q, b, inst_attrs, NPARAMS(inst_attrs), in);
	bind_params(w, q, b, inst_rest, NPARAMS(inst_rest), in);
}

static void bind_std(struct store_bureau_writer *w, struct db_stmt *q, int b, const void *rows, size_t i)
{
	bind_params(w, q, b, std_params, NPARAMS(std_params), (const struct store_bureau_standard *)rows + i);
}

static void bind_filing(struct store_bureau_writer *w, struct db_stmt *q, int b, const void *rows, size_t i)
{
	bind_params(w, q, b, filing_params, NPARAMS(filing_params), (const struct store_bureau_filing *)rows + i);
}

/*
 * Inserts rows[0..n) of table t in batches. For institutions, the RETURNING rows (id, code) are
 * matched back to the batch by code, since a statement's returned rows have no guaranteed order.
 */
static enum zt_err insert_rows(struct store_bureau_writer *w, int t, const void *rows, size_t n, bind_row_fn bind,
			       int64_t *ids, struct zt_error *e)
{
	for (size_t from = 0; from < n; from += BATCH) {
		size_t k = n - from < BATCH ? n - from : BATCH;
		struct db_stmt *q = k == BATCH ? w->full[t] : prepare_rows(w->st, t, k);
		if (q == NULL)
			return store_db_err(w->st, DB_HARD_ERROR, e);
		for (size_t i = 0; i < k; i++)
			bind(w, q, (int)i * tables[t].ncols, rows, from + i);
		int rc;
		size_t got = 0;
		while ((rc = db_step(q)) == DB_ROW) {
			const char *code = db_col_text(q, 1);
			const struct store_bureau_inst *in = (const struct store_bureau_inst *)rows + from;
			for (size_t i = 0; i < k; i++)
				if (strcmp(in[i].medical_code, code) == 0) {
					ids[from + i] = db_col_int(q, 0);
					got++;
					break;
				}
		}
		if (k == BATCH)
			db_reset(q);
		else
			db_finalize(q);
		if (rc != DB_DONE)
			return store_db_err(w->st, rc == DB_ROW ? DB_HARD_ERROR : rc, e);
		if (t == T_INST && got != k)
			return zt_fail(e, ZT_ERR_DB, "", "登録した機関のIDを取得できませんでした。");
	}
	return ZT_OK;
}

enum zt_err store_bureau_insert(struct store_bureau_writer *w, const struct store_bureau_inst *in, size_t n,
				int64_t *ids, struct zt_error *e)
{
	return insert_rows(w, T_INST, in, n, bind_inst, ids, e);
}

enum zt_err store_bureau_add_standards(struct store_bureau_writer *w, const struct store_bureau_standard *s, size_t n,
				       struct zt_error *e)
{
	return insert_rows(w, T_STD, s, n, bind_std, NULL, e);
}

enum zt_err store_bureau_add_filings(struct store_bureau_writer *w, const struct store_bureau_filing *f, size_t n,
				     struct zt_error *e)
{
	return insert_rows(w, T_FILING, f, n, bind_filing, NULL, e);
}

static enum zt_err run(struct store_bureau_writer *w, struct db_stmt *q, struct zt_error *e)
{
	int rc = db_step(q);
	db_reset(q);
	return rc < 0 || rc == DB_CONSTRAINT ? store_db_err(w->st, rc, e) : ZT_OK;
}

enum zt_err store_bureau_update_attrs(struct store_bureau_writer *w, int64_t id, const struct store_bureau_inst *in,
				      struct zt_error *e)
{
	struct db_stmt *q = w->update;
	db_bind_int(q, bind_params(w, q, 0, inst_attrs, NPARAMS(inst_attrs), in) + 1, id);
	return run(w, q, e);
}

enum zt_err store_bureau_clear(struct store_bureau_writer *w, int64_t id, struct zt_error *e)
{
	db_bind_int(w->del_std, 1, id);
	enum zt_err r = run(w, w->del_std, e);
	if (r == ZT_OK) {
		db_bind_int(w->del_filing, 1, id);
		r = run(w, w->del_filing, e);
	}
	return r;
}

enum zt_err store_bureau_update(struct store_bureau_writer *w, int64_t id, const struct store_bureau_inst *in,
				struct zt_error *e)
{
	enum zt_err r = store_bureau_update_attrs(w, id, in, e);
	return r == ZT_OK ? store_bureau_clear(w, id, e) : r;
}

static void bind_opt(struct db_stmt *q, int i, const char *v)
{
	if (v && v[0])
		db_bind_text(q, i, v);
	else
		db_bind_null(q, i);
}

enum zt_err store_bureau_end_filing(struct store_bureau_writer *w, const struct store_bureau_end *end,
				    struct zt_error *e)
{
	struct db_stmt *q = w->end_filing;
	db_bind_int(q, 1, end->institution_id);
	db_bind_text(q, 2, end->symbol);
	bind_opt(q, 3, end->name);
	bind_opt(q, 4, end->number);
	bind_opt(q, 5, end->start_date);
	bind_opt(q, 6, end->standard);
	db_bind_text(q, 7, end->ended_on);
	if (end->batch_id)
		db_bind_int(q, 8, end->batch_id);
	else
		db_bind_null(q, 8);
	return run(w, q, e);
}

static const char *col_or_empty(struct db_stmt *q, int i)
{
	const char *v = db_col_text(q, i);
	return v ? v : "";
}

enum zt_err store_bureau_snapshot(struct store *st, const struct store_bureau_snapshot_fns *fns, struct zt_error *e)
{
	static const char *const sql[3] = {
		"SELECT id, medical_code, kind, name, postal_code, address, municipality_code, phone, fax, beds "
		"FROM institution WHERE medical_code IS NOT NULL ORDER BY id",
		"SELECT s.institution_id, s.standard, s.since FROM institution_standard s JOIN institution i "
		"ON i.id = s.institution_id WHERE i.medical_code IS NOT NULL ORDER BY s.institution_id, s.standard",
		"SELECT f.institution_id, f.symbol, f.filing_name, f.number, f.start_date, f.note, f.known "
		"FROM institution_filing f JOIN institution i ON i.id = f.institution_id "
		"WHERE i.medical_code IS NOT NULL ORDER BY f.institution_id, f.symbol",
	};
	for (int k = 0; k < 3; k++) {
		struct db_stmt *q = db_prepare(st->db, sql[k]);
		if (q == NULL)
			return store_db_err(st, DB_HARD_ERROR, e);
		int rc;
		while ((rc = db_step(q)) == DB_ROW) {
			if (k == 0) {
				struct store_bureau_row r = {
					db_col_int(q, 0), col_or_empty(q, 1), col_or_empty(q, 2), col_or_empty(q, 3),
					col_or_empty(q, 4), col_or_empty(q, 5), col_or_empty(q, 6), col_or_empty(q, 7),
					col_or_empty(q, 8), (int)db_col_int(q, 9)};
				fns->inst(&r, fns->ctx);
			} else if (k == 1) {
				fns->standard(db_col_int(q, 0), col_or_empty(q, 1), col_or_empty(q, 2), fns->ctx);
			} else {
				struct store_bureau_filing f = {db_col_int(q, 0), col_or_empty(q, 1), col_or_empty(q, 2),
								col_or_empty(q, 3), col_or_empty(q, 4), col_or_empty(q, 5),
								db_col_int(q, 6) != 0};
				fns->filing(&f, fns->ctx);
			}
		}
		db_finalize(q);
		if (rc < 0)
			return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

enum zt_err store_import_record_add(struct store *st, const struct store_import_record *r, int64_t *id,
				    struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	*id = 0;
	int rc = db_scalar_int(st->db, id,
			       "INSERT INTO import_batch (kind, source, imported_at, lines, inserted, updated, unknown_symbols, "
			       "file_name, sha256, actor_id, actor_name, as_of, unchanged, ended, standards_gained, "
			       "standards_lost) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
			       "sssiiisssIssiiii", r->kind, r->source, now, (int64_t)r->lines, (int64_t)r->inserted,
			       (int64_t)r->updated, r->unknown_symbols, r->file_name, r->sha256, r->actor_id,
			       r->actor_name, r->as_of && r->as_of[0] ? r->as_of : NULL, (int64_t)r->unchanged,
			       (int64_t)r->ended, (int64_t)r->standards_gained, (int64_t)r->standards_lost);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	return ZT_OK;
}

json_t *store_import_records(struct store *st, const char *kind, int limit)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT id, kind, source, file_name, sha256, imported_at, as_of, actor_name, lines AS n_lines, "
		"inserted AS n_inserted, updated AS n_updated, unchanged AS n_unchanged, ended AS n_ended, "
		"standards_gained AS n_standards_gained, standards_lost AS n_standards_lost "
		"FROM import_batch WHERE (CAST(? AS TEXT) IS NULL OR kind = ?) ORDER BY id DESC LIMIT ?",
		"ssi", kind, kind, (int64_t)limit);
	return store_rows_json(q);
}

json_t *store_facility_filings_ended(struct store *st, int64_t id)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT symbol, filing_name, number, start_date, standard, ended_on, import_batch_id "
		"FROM institution_filing_end WHERE institution_id = ? ORDER BY ended_on DESC, symbol",
		"i", id);
	return store_rows_json(q);
}

enum zt_err store_bureau_codes(struct store *st, void (*fn)(const char *code, int64_t id, void *ctx), void *ctx,
			       struct zt_error *e)
{
	struct db_stmt *q = db_prepare(st->db, "SELECT id, medical_code FROM institution WHERE medical_code IS NOT NULL");
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		fn(db_col_text(q, 1), db_col_int(q, 0), ctx);
	db_finalize(q);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

int store_municipality_names(struct store *st, char ***codes, char ***prefs, char ***names, char ***parents,
			     char **pool)
{
	struct db_stmt *q = db_prepare(st->db,
		"SELECT code, prefecture_code, name, COALESCE(parent_code, '') FROM municipality "
		"WHERE type <> 'prefecture' ORDER BY code");
	if (q == NULL)
		return -1;
	size_t cap = 0, n = 0, pcap = 1 << 16, plen = 0;
	char *buf = malloc(pcap);
	size_t *offs = NULL; /* 4 offsets per row, turned into pointers at the end */
	if (buf == NULL)
		abort();
	while (db_step(q) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 512;
			offs = realloc(offs, cap * 4 * sizeof *offs);
			if (offs == NULL)
				abort();
		}
		for (int k = 0; k < 4; k++) {
			const char *s = db_col_text(q, k);
			size_t l = strlen(s) + 1;
			while (plen + l > pcap) {
				pcap *= 2;
				buf = realloc(buf, pcap);
				if (buf == NULL)
					abort();
			}
			memcpy(buf + plen, s, l);
			offs[n * 4 + (size_t)k] = plen;
			plen += l;
		}
		n++;
	}
	db_finalize(q);
	char **c = malloc((n + 1) * sizeof *c), **p = malloc((n + 1) * sizeof *p);
	char **nm = malloc((n + 1) * sizeof *nm), **pa = malloc((n + 1) * sizeof *pa);
	if (!c || !p || !nm || !pa)
		abort();
	for (size_t i = 0; i < n; i++) {
		c[i] = buf + offs[i * 4];
		p[i] = buf + offs[i * 4 + 1];
		nm[i] = buf + offs[i * 4 + 2];
		pa[i] = buf + offs[i * 4 + 3];
	}
	free(offs);
	*codes = c;
	*prefs = p;
	*names = nm;
	*parents = pa;
	*pool = buf;
	return (int)n;
}

void store_bulk_foreign_keys(struct store *st, bool on)
{
	/* SQLite ignores the pragma inside a transaction, so it is only issued outside one. */
	if (!st->in_tx && strcmp(st->db->ops->name, "sqlite") == 0)
		db_exec(st->db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
}
