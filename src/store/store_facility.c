/* Institutions of the registry (地域資源, seed 002 ①, issue 2 §5/§7): get, search with filters, create,
 * update, delete. */
#include "store/store_internal.h"
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/geo.h"

#define FAC_COLUMNS \
	"i.id, i.kind, i.name, i.kana, i.legal_entity_id, le.name, i.medical_code, i.postal_code, i.address, " \
	"i.municipality_code, i.lat, i.lon, i.coord_source, i.coord_precision, i.coord_date, i.phone, i.fax, " \
	"i.beds, i.h24, i.home_care, i.note, i.created_at, i.updated_at "
#define FAC_FROM " FROM institution i LEFT JOIN legal_entity le ON le.id = i.legal_entity_id "

/* The text columns of FAC_COLUMNS by position. */
#define FT(i, member) STORE_TEXT_COL(struct facility, i, member)
static const struct store_text_col fac_text[] = {
	FT(2, name), FT(3, kana), FT(5, legal_entity), FT(6, medical_code), FT(7, postal_code), FT(8, address),
	FT(9, municipality_code), FT(12, coord_source), FT(13, coord_precision), FT(14, coord_date), FT(15, phone),
	FT(16, fax), FT(20, note), FT(21, created_at), FT(22, updated_at),
};

static void row_to_facility(struct db_stmt *q, struct facility *f)
{
	facility_init(f);
	f->id = db_col_int(q, 0);
	int k = KIND_LOOKUP(db_col_text(q, 1));
	f->kind = k < 0 ? KIND_CLINIC : (enum inst_kind)k;
	store_copy_cols(q, f, fac_text, sizeof fac_text / sizeof fac_text[0]);
	f->legal_entity_id = db_col_int(q, 4);
	f->has_coord = !db_col_is_null(q, 10) && !db_col_is_null(q, 11);
	f->lat = db_col_double(q, 10);
	f->lon = db_col_double(q, 11);
	f->beds = (int)db_col_int(q, 17);
	f->h24 = db_col_int(q, 18) != 0;
	f->home_care = db_col_int(q, 19) != 0;
}

/* Loads the capability and standard sets of f. Statements are passed in so a search reuses them. */
static void load_sets(struct db_stmt *caps, struct db_stmt *stds, struct facility *f)
{
	db_reset(caps);
	db_bind_int(caps, 1, f->id);
	while (db_step(caps) == DB_ROW) {
		int c = CAP_LOOKUP(db_col_text(caps, 0));
		if (c >= 0)
			f->capabilities |= 1u << c;
	}
	db_reset(stds);
	db_bind_int(stds, 1, f->id);
	while (db_step(stds) == DB_ROW) {
		int s = STD_LOOKUP(db_col_text(stds, 0));
		if (s >= 0)
			f->standards |= 1u << s;
	}
}

#define SQL_CAPS "SELECT capability FROM institution_capability WHERE institution_id = ?"
#define SQL_STDS "SELECT standard FROM institution_standard WHERE institution_id = ?"

static enum zt_err get_where(struct store *st, const char *where, const char *sig, const void *arg,
			     struct facility *out, struct zt_error *e)
{
	char sql[1024];
	snprintf(sql, sizeof sql, "SELECT " FAC_COLUMNS FAC_FROM "WHERE %s", where);
	struct db_stmt *q = sig[0] == 'i' ? db_query(st->db, sql, sig, *(const int64_t *)arg)
					  : db_query(st->db, sql, sig, (const char *)arg);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_to_facility(q, out);
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された機関は見つかりません。");
	if (rc < 0)
		return store_db_err(st, rc, e);
	struct db_stmt *caps = db_prepare(st->db, SQL_CAPS), *stds = db_prepare(st->db, SQL_STDS);
	if (caps && stds)
		load_sets(caps, stds, out);
	db_finalize(caps);
	db_finalize(stds);
	return (caps && stds) ? ZT_OK : store_db_err(st, DB_HARD_ERROR, e);
}

enum zt_err store_facility_get(struct store *st, int64_t id, struct facility *out, struct zt_error *e)
{
	return get_where(st, "i.id = ?", "i", &id, out, e);
}

enum zt_err store_facility_by_code(struct store *st, const char *code, struct facility *out)
{
	return get_where(st, "i.medical_code = ?", "s", code, out, NULL);
}

int64_t store_facility_count(struct store *st)
{
	int64_t n = 0;
	db_scalar_int(st->db, &n, "SELECT COUNT(*) FROM institution", "");
	return n;
}

/* Finds or creates the legal entity named name; 0 when name is empty. */
static enum zt_err legal_entity_id(struct store *st, const char *name, int64_t *id, struct zt_error *e)
{
	*id = 0;
	if (name[0] == '\0')
		return ZT_OK;
	int rc = db_scalar_int(st->db, id,
		"INSERT INTO legal_entity (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id",
		"s", name);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

static enum zt_err check_refs(struct store *st, const struct facility *f, struct zt_error *e)
{
	if (f->municipality_code[0] && !store_municipality_exists(st, f->municipality_code))
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村コード %s は登録されていません。", f->municipality_code);
	if (f->medical_code[0]) {
		int64_t other = 0;
		db_scalar_int(st->db, &other, "SELECT id FROM institution WHERE medical_code = ?", "s", f->medical_code);
		if (other && other != f->id)
			return zt_fail(e, ZT_ERR_CONFLICT, "medical_code", "医療機関コード %s は別の機関（ID %lld）に登録済みです。",
				       f->medical_code, (long long)other);
	}
	return ZT_OK;
}

static enum zt_err write_sets(struct store *st, const struct facility *f, struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE institution SET capability_mask = ? WHERE id = ?", "ii", (int64_t)f->capabilities, f->id);
	if (rc >= 0)
		rc = db_run(st->db, "DELETE FROM institution_capability WHERE institution_id = ?", "i", f->id);
	if (rc >= 0)
		rc = db_run(st->db, "DELETE FROM institution_standard WHERE institution_id = ?", "i", f->id);
	for (int c = 0; c < CAP__MAX && rc >= 0; c++)
		if (f->capabilities & (1u << c))
			rc = db_run(st->db, "INSERT INTO institution_capability (institution_id, capability) VALUES (?, ?)",
				    "is", f->id, capabilities[c].code);
	for (int s = 0; s < STD__MAX && rc >= 0; s++)
		if (f->standards & (1u << s))
			rc = db_run(st->db, "INSERT INTO institution_standard (institution_id, standard) VALUES (?, ?)",
				    "is", f->id, standards[s].code);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

/*
 * The part create and update share: checks the references, resolves the legal entity (filling
 * f->legal_entity_id) and prepares sql — an INSERT or UPDATE whose first 20 parameters are the
 * columns below in this order, the 20th updated_at — with them bound. The caller binds the 21st.
 */
static enum zt_err prepare_write(struct store *st, const char *sql, struct facility *f, char now[21],
				 struct db_stmt **out, struct zt_error *e)
{
	enum zt_err r = check_refs(st, f, e);
	if (r == ZT_OK)
		r = legal_entity_id(st, f->legal_entity, &f->legal_entity_id, e);
	if (r != ZT_OK)
		return r;
	zt_now_utc(now);
	struct db_stmt *q = db_query(st->db, sql,
		"sssIssssnnsssssiiiss", inst_kinds[f->kind].code, f->name, store_opt_text(f->kana), f->legal_entity_id,
		store_opt_text(f->medical_code), store_opt_text(f->postal_code), store_opt_text(f->address), store_opt_text(f->municipality_code),
		store_opt_text(f->coord_source), store_opt_text(f->coord_precision), store_opt_text(f->coord_date), store_opt_text(f->phone), store_opt_text(f->fax),
		(int64_t)f->beds, (int64_t)f->h24, (int64_t)f->home_care, store_opt_text(f->note), now);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	if (f->has_coord) {
		db_bind_double(q, 9, f->lat);
		db_bind_double(q, 10, f->lon);
	}
	*out = q;
	return ZT_OK;
}

enum zt_err store_facility_create(struct store *st, struct facility *f, struct zt_error *e)
{
	char now[21];
	struct db_stmt *q;
	enum zt_err r = prepare_write(st,
		"INSERT INTO institution (kind, name, kana, legal_entity_id, medical_code, postal_code, address, "
		"municipality_code, lat, lon, coord_source, coord_precision, coord_date, phone, fax, beds, h24, "
		"home_care, note, updated_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
		f, now, &q, e);
	if (r != ZT_OK)
		return r;
	db_bind_text(q, 21, now);
	int rc = db_step(q);
	if (rc == DB_ROW)
		f->id = db_col_int(q, 0);
	db_finalize(q);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	snprintf(f->created_at, sizeof f->created_at, "%s", now);
	snprintf(f->updated_at, sizeof f->updated_at, "%s", now);
	return write_sets(st, f, e);
}

enum zt_err store_facility_update(struct store *st, const struct facility *f_in, struct zt_error *e)
{
	struct facility f = *f_in;
	char now[21];
	struct db_stmt *q;
	enum zt_err r = prepare_write(st,
		"UPDATE institution SET kind=?, name=?, kana=?, legal_entity_id=?, medical_code=?, postal_code=?, "
		"address=?, municipality_code=?, lat=?, lon=?, coord_source=?, coord_precision=?, coord_date=?, phone=?, "
		"fax=?, beds=?, h24=?, home_care=?, note=?, updated_at=? WHERE id=?",
		&f, now, &q, e);
	if (r != ZT_OK)
		return r;
	db_bind_int(q, 21, f.id);
	int rc = db_step(q);
	db_finalize(q);
	if (rc < 0 || rc == DB_CONSTRAINT)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された機関は見つかりません。");
	return write_sets(st, &f, e);
}

enum zt_err store_facility_delete(struct store *st, int64_t id, struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM institution WHERE id = ?", "i", id);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_CONFLICT, "id", "この機関はグループ等から参照されているため削除できません。");
	if (rc < 0)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された機関は見つかりません。");
	return ZT_OK;
}

/* ---- search ---- */

struct param {
	char type; /* 's' or 'i' or 'd' */
	const char *s;
	int64_t i;
	double d;
};

struct where {
	char sql[4096];
	size_t len;
	struct param p[64];
	int np;
};

static void w_add(struct where *w, const char *cond)
{
	w->len += (size_t)snprintf(w->sql + w->len, sizeof w->sql - w->len, "%s%s", w->len ? " AND " : " WHERE ", cond);
}
static void w_s(struct where *w, const char *v) { w->p[w->np++] = (struct param){.type = 's', .s = v}; }
static void w_i(struct where *w, int64_t v) { w->p[w->np++] = (struct param){.type = 'i', .i = v}; }
static void w_d(struct where *w, double v) { w->p[w->np++] = (struct param){.type = 'd', .d = v}; }

static void w_bind(struct db_stmt *q, const struct where *w)
{
	for (int k = 0; k < w->np; k++) {
		if (w->p[k].type == 's')
			db_bind_text(q, k + 1, w->p[k].s);
		else if (w->p[k].type == 'i')
			db_bind_int(q, k + 1, w->p[k].i);
		else
			db_bind_double(q, k + 1, w->p[k].d);
	}
}

static void build_where(const struct facility_filter *flt, struct where *w, char *like)
{
	memset(w, 0, sizeof *w);
	if (flt->municipality[0]) {
		w_add(w, "i.municipality_code = ?");
		w_s(w, flt->municipality);
	}
	if (flt->care_area_id) {
		w_add(w, "i.municipality_code IN (SELECT municipality_code FROM care_area_municipality WHERE care_area_id = ?)");
		w_i(w, flt->care_area_id);
	}
	if (flt->medical_area_id) {
		w_add(w, "i.municipality_code IN (SELECT municipality_code FROM medical_area_municipality WHERE medical_area_id = ?)");
		w_i(w, flt->medical_area_id);
	}
	if (flt->kind >= 0) {
		w_add(w, "i.kind = ?");
		w_s(w, inst_kinds[flt->kind].code);
	}
	if (flt->standard >= 0) {
		w_add(w, "i.id IN (SELECT institution_id FROM institution_standard WHERE standard = ?)");
		w_s(w, standards[flt->standard].code);
	}
	if (flt->capabilities) {
		w_add(w, "(i.capability_mask & ?) = ?");
		w_i(w, flt->capabilities);
		w_i(w, flt->capabilities);
	}
	if (flt->h24 >= 0) {
		w_add(w, "i.h24 = ?");
		w_i(w, flt->h24);
	}
	if (flt->q[0]) {
		/* LIKE with the wildcards of the user's text escaped. */
		size_t o = 0;
		like[o++] = '%';
		for (const char *c = flt->q; *c && o < 500; c++) {
			if (*c == '%' || *c == '_' || *c == '\\')
				like[o++] = '\\';
			like[o++] = *c;
		}
		like[o++] = '%';
		like[o] = '\0';
		w_add(w, "(i.name LIKE ? ESCAPE '\\' OR i.kana LIKE ? ESCAPE '\\')");
		w_s(w, like);
		w_s(w, like);
	}
	if (flt->near) {
		double dlat, dlon;
		geo_bbox(flt->near_lat, flt->within_km, &dlat, &dlon);
		w_add(w, "i.lat BETWEEN ? AND ? AND i.lon BETWEEN ? AND ?");
		w_d(w, flt->near_lat - dlat);
		w_d(w, flt->near_lat + dlat);
		w_d(w, flt->near_lon - dlon);
		w_d(w, flt->near_lon + dlon);
	}
}

void store_facility_explain(struct store *st, const struct facility_filter *flt, char *buf, int bufsz)
{
	struct where w;
	char like[1100], sql[6000];
	build_where(flt, &w, like);
	snprintf(sql, sizeof sql, "SELECT " FAC_COLUMNS FAC_FROM "WHERE i.id IN (SELECT i.id FROM institution i%s "
		 "ORDER BY i.id LIMIT 50) ORDER BY i.id", w.sql);
	db_explain(st->db, sql, buf, bufsz);
}

struct near_hit {
	int64_t id;
	double km;
};

static int cmp_near(const void *a, const void *b)
{
	const struct near_hit *x = a, *y = b;
	if (x->km != y->km)
		return x->km < y->km ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * `near` searches: the bounding box narrows candidates through the lat index, the exact great-circle
 * distance decides, and only (id, distance) pairs are kept until the page is known, so that a wide
 * radius over a large registry costs 16 bytes per candidate rather than a whole institution.
 */
static enum zt_err search_near(struct store *st, const struct facility_filter *flt, const struct where *w,
			       struct facility **out, size_t *n, size_t *total, struct zt_error *e)
{
	char sql[6000];
	snprintf(sql, sizeof sql, "SELECT i.id, i.lat, i.lon FROM institution i%s", w->sql);
	struct db_stmt *q = db_prepare(st->db, sql);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	w_bind(q, w);
	struct near_hit *hits = NULL;
	size_t cap = 0, count = 0;
	int rc;
	enum zt_err r = ZT_OK;
	while ((rc = db_step(q)) == DB_ROW) {
		double km = geo_distance_km(flt->near_lat, flt->near_lon, db_col_double(q, 1), db_col_double(q, 2));
		if (km > flt->within_km)
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 256;
			struct near_hit *g = realloc(hits, cap * sizeof *hits);
			if (g == NULL)
				abort();
			hits = g;
		}
		hits[count++] = (struct near_hit){db_col_int(q, 0), km};
	}
	db_finalize(q);
	if (rc < 0) {
		free(hits);
		return store_db_err(st, rc, e);
	}
	qsort(hits, count, sizeof *hits, cmp_near);
	*total = count;
	size_t from = (size_t)flt->offset < count ? (size_t)flt->offset : count;
	size_t len = count - from < (size_t)flt->limit ? count - from : (size_t)flt->limit;
	struct facility *rows = len ? calloc(len, sizeof *rows) : NULL;
	if (len && rows == NULL)
		abort();
	for (size_t k = 0; k < len && r == ZT_OK; k++) {
		r = store_facility_get(st, hits[from + k].id, &rows[k], e);
		rows[k].distance_km = hits[from + k].km;
	}
	free(hits);
	if (r != ZT_OK) {
		free(rows);
		return r;
	}
	*out = rows;
	*n = len;
	return ZT_OK;
}

enum zt_err store_facility_search(struct store *st, const struct facility_filter *flt, struct facility **out,
				  size_t *n, size_t *total, struct zt_error *e)
{
	struct where w;
	char like[1100], sql[6000];
	build_where(flt, &w, like);
	*out = NULL;
	*n = *total = 0;
	if (flt->near)
		return search_near(st, flt, &w, out, n, total, e);

	int64_t t = 0;
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM institution i%s", w.sql);
	struct db_stmt *q = db_prepare(st->db, sql);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	w_bind(q, &w);
	if (db_step(q) == DB_ROW)
		t = db_col_int(q, 0);
	db_finalize(q);
	*total = (size_t)t;

	/* The page's ids come from the covering filter index first (sorting integers, not rows), then
	 * only those rows are read. */
	snprintf(sql, sizeof sql, "SELECT " FAC_COLUMNS FAC_FROM "WHERE i.id IN (SELECT i.id FROM institution i%s "
		 "ORDER BY i.id LIMIT %d OFFSET %d) ORDER BY i.id", w.sql, flt->limit, flt->offset);
	q = db_prepare(st->db, sql);
	struct db_stmt *caps = db_prepare(st->db, SQL_CAPS), *stds = db_prepare(st->db, SQL_STDS);
	enum zt_err r = ZT_OK;
	struct facility *rows = calloc((size_t)flt->limit, sizeof *rows);
	size_t count = 0;
	if (rows == NULL)
		abort();
	if (q == NULL || caps == NULL || stds == NULL) {
		r = store_db_err(st, DB_HARD_ERROR, e);
		goto out;
	}
	w_bind(q, &w);
	int rc;
	while (count < (size_t)flt->limit && (rc = db_step(q)) == DB_ROW)
		row_to_facility(q, &rows[count++]);
	for (size_t k = 0; k < count; k++)
		load_sets(caps, stds, &rows[k]);
	*out = rows;
	*n = count;
	rows = NULL;
out:
	free(rows);
	db_finalize(q);
	db_finalize(caps);
	db_finalize(stds);
	return r;
}

enum zt_err store_facility_each(struct store *st, void (*fn)(const struct facility *f, void *ctx), void *ctx,
				struct zt_error *e)
{
	struct facility_filter flt;
	facility_filter_init(&flt);
	flt.limit = 1000;
	for (flt.offset = 0;; flt.offset += flt.limit) {
		struct facility *rows = NULL;
		size_t n = 0, total = 0;
		enum zt_err r = store_facility_search(st, &flt, &rows, &n, &total, e);
		if (r != ZT_OK)
			return r;
		for (size_t i = 0; i < n; i++)
			fn(&rows[i], ctx);
		free(rows);
		if (n < (size_t)flt.limit)
			return ZT_OK;
	}
}

json_t *store_facility_practitioners(struct store *st, int64_t id)
{
	return store_rows_json(db_query(st->db,
		"SELECT id, role, name, kana, specialty, active FROM practitioner WHERE institution_id = ? ORDER BY id", "i", id));
}

json_t *store_facility_filings(struct store *st, int64_t id)
{
	return store_rows_json(db_query(st->db,
		"SELECT symbol, filing_name, number, start_date, known FROM institution_filing WHERE institution_id = ? ORDER BY symbol",
		"i", id));
}

enum zt_err store_filing_put(struct store *st, int64_t institution_id, const char *symbol, const char *name,
			     const char *number, const char *start_date, int known)
{
	return store_db_err(st, db_run(st->db,
		"INSERT INTO institution_filing (institution_id, symbol, filing_name, number, start_date, known) "
		"VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (institution_id, symbol) DO UPDATE SET filing_name = excluded.filing_name, "
		"number = excluded.number, start_date = excluded.start_date, known = excluded.known",
		"issssi", institution_id, symbol, name, number, start_date, (int64_t)known), NULL);
}

enum zt_err store_practitioner_add(struct store *st, int64_t institution_id, const char *role, const char *name,
				   const char *kana, const char *specialty, int64_t *id)
{
	int rc = db_scalar_int(st->db, id,
		"INSERT INTO practitioner (institution_id, role, name, kana, specialty) VALUES (?, ?, ?, ?, ?) RETURNING id",
		"issss", institution_id, role, name, kana, specialty);
	return store_db_err(st, rc, NULL);
}
