/* Designations (seed 001), obligation checklists, 在宅医療サポートセンター (seed 004) and the prefecture
 * snapshot the domain rules read (issue 4; see store_designation.h). */
#include "store/store_designation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_internal.h"

/* The calendar day in Asia/Tokyo (one clock for every feature). */
static void today(char out[11])
{
	zt_today_jst(out);
}

#define PUSH(arr, n, cap) STORE_PUSH(arr, n, cap)

/* The end of a row loop filling *out and *n: ZT_OK after DB_DONE; otherwise nothing is returned (the
 * rows read so far are freed) and the storage error goes into *e — never a shorter list. */
static enum zt_err rows_end(struct store *st, int rc, void **out, size_t *n, struct zt_error *e)
{
	if (rc == DB_DONE)
		return ZT_OK;
	free(*out);
	*out = NULL;
	*n = 0;
	return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
}

static int inst_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct desig_inst *)a)->id, y = ((const struct desig_inst *)b)->id;
	return (x > y) - (x < y);
}

static struct desig_inst *inst_by_id(struct desig_world *w, int64_t id)
{
	struct desig_inst key = {.id = id};
	return bsearch(&key, w->insts, w->ninsts, sizeof *w->insts, inst_cmp);
}

#define MUNI_IN_AREAS \
	" (EXISTS (SELECT 1 FROM medical_area_municipality x WHERE x.municipality_code = m.code) OR " \
	"  EXISTS (SELECT 1 FROM care_area_municipality y WHERE y.municipality_code = m.code) OR " \
	"  NOT EXISTS (SELECT 1 FROM medical_area ma WHERE ma.prefecture_code = m.prefecture_code) AND " \
	"  NOT EXISTS (SELECT 1 FROM care_area ca WHERE ca.prefecture_code = m.prefecture_code)) "

/* ---- the snapshot: one row mapper per query ---- */

static void row_muni(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct dw_muni *m = PUSH(w->munis, w->nmunis, *cap);
	STORE_COPY(m->code, db_col_text(q, 0));
	STORE_COPY(m->name, db_col_text(q, 1));
	m->medical_area_id = db_col_int(q, 2);
	m->has_coord = !db_col_is_null(q, 3) && !db_col_is_null(q, 4);
	m->lat = db_col_double(q, 3);
	m->lon = db_col_double(q, 4);
	m->population = db_col_is_null(q, 5) ? -1 : (long)db_col_int(q, 5);
}

static void row_inst(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct desig_inst *in = PUSH(w->insts, w->ninsts, *cap);
	in->id = db_col_int(q, 0);
	int k = KIND_LOOKUP(db_col_text(q, 1));
	in->kind = k < 0 ? KIND_CLINIC : (enum inst_kind)k;
	STORE_COPY(in->name, db_col_text(q, 2));
	STORE_COPY(in->municipality, db_col_text(q, 3));
	in->home_care = db_col_int(q, 4) != 0;
	in->beds = (int)db_col_int(q, 5);
	in->has_coord = !db_col_is_null(q, 6) && !db_col_is_null(q, 7);
	in->lat = db_col_double(q, 6);
	in->lon = db_col_double(q, 7);
	in->h24 = db_col_int(q, 8) != 0;
	in->h24_unconfirmed = db_col_int(q, 9) == 0;
	in->home_care_unconfirmed = db_col_int(q, 10) == 0;
	in->foreign = strncmp(in->municipality, w->prefecture, 2) != 0; /* the code starts with the prefecture's */
}

static void row_standard(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	(void)cap;
	struct desig_inst *in = inst_by_id(w, db_col_int(q, 0));
	int s = STD_LOOKUP(db_col_text(q, 1));
	if (in && s >= 0)
		in->standards |= 1u << s;
}

static void row_adj(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct dw_adj *a = PUSH(w->adj, w->nadj, *cap);
	STORE_COPY(a->a, db_col_text(q, 0));
	STORE_COPY(a->b, db_col_text(q, 1));
}

static void row_cover(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct dw_cover *c = PUSH(w->covers, w->ncovers, *cap);
	c->association_id = db_col_int(q, 0);
	STORE_COPY(c->muni, db_col_text(q, 1));
}

static void row_care_area(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct dw_area *a = PUSH(w->care_areas, w->ncare_areas, *cap);
	a->id = db_col_int(q, 0);
	STORE_COPY(a->name, db_col_text(q, 1));
}

static void row_care_member(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct dw_member *m = PUSH(w->care_members, w->ncare_members, *cap);
	m->area_id = db_col_int(q, 0);
	STORE_COPY(m->muni, db_col_text(q, 1));
}

static void row_medical_area(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct dw_area *a = PUSH(w->medical_areas, w->nmedical_areas, *cap);
	a->id = db_col_int(q, 0);
	STORE_COPY(a->name, db_col_text(q, 1));
}

/* Columns 0–8 of a designation row (the world's query and DESIG_SQL) into x. */
static void designation_cols(struct db_stmt *q, struct dw_designation *x)
{
	x->id = db_col_int(q, 0);
	STORE_COPY(x->muni, db_col_text(q, 1));
	x->institution_id = db_col_int(q, 2);
	int r = code_lookup(desig_roles, DROLE__MAX, db_col_text(q, 3));
	x->role = r < 0 ? DROLE_ACTIVE : (enum desig_role)r;
	int b = code_lookup(desig_bases, DBASIS__MAX, db_col_text(q, 4));
	x->basis = b < 0 ? DBASIS_RULE : (enum desig_basis)b;
	STORE_COPY(x->rule, db_col_text(q, 5));
	STORE_COPY(x->reason, db_col_text(q, 6));
	STORE_COPY(x->plan_period, db_col_text(q, 7));
	STORE_COPY(x->valid_from, db_col_text(q, 8));
}

/* Columns 9–10 of the world's designation query: the unmet flag. */
static void unmet_cols(struct db_stmt *q, int at, struct dw_designation *x)
{
	STORE_COPY(x->unmet_since, db_col_text(q, at));
	STORE_COPY(x->unmet_reason, db_col_text(q, at + 1));
}

static void row_designation(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct dw_designation *x = PUSH(w->desigs, w->ndesigs, *cap);
	designation_cols(q, x);
	unmet_cols(q, 9, x);
}

static void row_desk(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct dw_desk *d = PUSH(w->desks, w->ndesks, *cap);
	STORE_COPY(d->muni, db_col_text(q, 0));
	d->institution_id = db_col_int(q, 1);
}

static void row_member(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct dw_centre_member *m = PUSH(w->members, w->nmembers, *cap);
	m->centre_id = db_col_int(q, 0);
	m->institution_id = db_col_int(q, 1);
}

static void row_quota(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct dw_quota *x = PUSH(w->quotas, w->nquotas, *cap);
	x->medical_area_id = db_col_int(q, 0);
	x->quota = (int)db_col_int(q, 1);
}

static void row_unplaced(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct dw_muni *m = PUSH(w->unplaced, w->nunplaced, *cap);
	STORE_COPY(m->code, db_col_text(q, 0));
	STORE_COPY(m->name, db_col_text(q, 1));
	m->population = -1;
}

static void row_centre(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	struct dw_centre *c = PUSH(w->centres, w->ncentres, *cap);
	c->id = db_col_int(q, 0);
	c->medical_area_id = db_col_int(q, 1);
	c->institution_id = db_col_int(q, 2);
	c->type = strcmp(db_col_text(q, 3), "linked") == 0 ? SC_LINKED : SC_CORE;
	STORE_COPY(c->name, db_col_text(q, 4));
}

static int centre_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct dw_centre *)a)->id, y = ((const struct dw_centre *)b)->id;
	return (x > y) - (x < y);
}

/* Items of centres in force (the query returns those of ended centres too: they find no centre). */
static void row_centre_item(struct db_stmt *q, struct desig_world *w, size_t *cap)
{
	(void)cap;
	struct dw_centre key = {.id = db_col_int(q, 0)};
	struct dw_centre *c = bsearch(&key, w->centres, w->ncentres, sizeof *w->centres, centre_cmp);
	int it = code_lookup(sc_items, SC_ITEM__MAX, db_col_text(q, 1));
	if (c && it >= 0)
		c->items |= 1u << it;
}

/* How a query of the snapshot binds: the prefecture; and today (things in force); or the box
 * around the prefecture's municipalities that institutions of other prefectures must lie in to
 * count for the 16 km share (the prefecture, then min/max lat, min/max lon, then the prefecture). */
enum world_bind { WB_PREF, WB_DATED, WB_BOX };

/* Institutions of the prefecture, and those of other prefectures inside the box (foreign = 1). */
#define INST_IN_REACH \
	"FROM institution i JOIN municipality m ON m.code = i.municipality_code WHERE m.prefecture_code = ? OR " \
	"(i.lat BETWEEN ? AND ? AND i.lon BETWEEN ? AND ? AND m.prefecture_code <> ?) "

/*
 * The queries of a snapshot, in order (municipalities first: they make the box; standards need the
 * institutions, items the centres, both sorted by id).
 */
static const struct world_query {
	const char *sql;
	enum world_bind bind;
	void (*row)(struct db_stmt *q, struct desig_world *w, size_t *cap);
} world_queries[] = {
	{"SELECT m.code, m.name, (SELECT MIN(x.medical_area_id) FROM medical_area_municipality x "
	 " WHERE x.municipality_code = m.code), m.lat, m.lon, m.population FROM municipality m "
	 "WHERE m.prefecture_code = ? AND m.type <> 'prefecture' AND" MUNI_IN_AREAS "ORDER BY m.code", WB_PREF, row_muni},
	{"SELECT i.id, i.kind, i.name, i.municipality_code, i.home_care, i.beds, i.lat, i.lon, i.h24, i.h24_known, i.home_care_known " INST_IN_REACH
	 "ORDER BY i.id", WB_BOX, row_inst},
	{"SELECT s.institution_id, s.standard FROM institution_standard s WHERE s.institution_id IN (SELECT i.id "
	 INST_IN_REACH ")", WB_BOX, row_standard},
	{"SELECT a.a, a.b FROM municipality_adjacency a JOIN municipality m ON m.code = a.a "
	 "WHERE m.prefecture_code = ? AND a.a < a.b ORDER BY a.a, a.b", WB_PREF, row_adj},
	{"SELECT am.institution_id, am.municipality_code FROM association_municipality am "
	 "JOIN municipality m ON m.code = am.municipality_code WHERE m.prefecture_code = ? "
	 "ORDER BY am.institution_id", WB_PREF, row_cover},
	{"SELECT id, name FROM care_area WHERE prefecture_code = ? ORDER BY id", WB_PREF, row_care_area},
	{"SELECT cm.care_area_id, cm.municipality_code FROM care_area_municipality cm "
	 "JOIN care_area a ON a.id = cm.care_area_id WHERE a.prefecture_code = ? "
	 "ORDER BY cm.care_area_id, cm.municipality_code", WB_PREF, row_care_member},
	{"SELECT id, name FROM medical_area WHERE prefecture_code = ? ORDER BY id", WB_PREF, row_medical_area},
	{"SELECT d.id, d.municipality_code, d.institution_id, d.role, d.basis, d.rule, d.reason, d.plan_period, "
	 "d.valid_from, d.unmet_since, d.unmet_reason FROM designation d JOIN municipality m ON m.code = d.municipality_code "
	 "WHERE m.prefecture_code = ? AND (d.valid_to IS NULL OR d.valid_to > ?) ORDER BY d.id", WB_DATED, row_designation},
	{"SELECT c.id, c.medical_area_id, c.institution_id, c.type, c.name FROM support_centre c "
	 "JOIN medical_area a ON a.id = c.medical_area_id WHERE a.prefecture_code = ? "
	 "AND (c.valid_to IS NULL OR c.valid_to > ?) ORDER BY c.id", WB_DATED, row_centre},
	{"SELECT x.support_centre_id, x.item FROM support_centre_item x JOIN support_centre c ON c.id = x.support_centre_id "
	 "JOIN medical_area a ON a.id = c.medical_area_id WHERE a.prefecture_code = ?", WB_PREF, row_centre_item},
	{"SELECT d.municipality_code, d.institution_id FROM consultation_desk d JOIN municipality m "
	 "ON m.code = d.municipality_code WHERE m.prefecture_code = ? ORDER BY d.municipality_code", WB_PREF, row_desk},
	{"SELECT x.support_centre_id, x.institution_id FROM support_centre_member x JOIN support_centre c "
	 "ON c.id = x.support_centre_id JOIN medical_area a ON a.id = c.medical_area_id WHERE a.prefecture_code = ? "
	 "ORDER BY x.support_centre_id, x.institution_id", WB_PREF, row_member},
	{"SELECT q.medical_area_id, q.quota FROM support_centre_quota q JOIN medical_area a ON a.id = q.medical_area_id "
	 "WHERE a.prefecture_code = ?", WB_PREF, row_quota},
	/* municipalities in neither a 二次医療圏 nor a 圏域 while the prefecture has areas (item 10) */
	{"SELECT m.code, m.name FROM municipality m WHERE m.prefecture_code = ? AND m.type <> 'prefecture' AND NOT" MUNI_IN_AREAS
	 "AND NOT EXISTS (SELECT 1 FROM municipality c WHERE c.parent_code = m.code) ORDER BY m.code", WB_PREF, row_unplaced},
};

/* The box around the municipalities of w (with positions), widened by more than 16 km; an empty
 * box (min > max) when none has a position. */
static void reach_box(const struct desig_world *w, double box[4])
{
	box[0] = box[2] = 1e9;
	box[1] = box[3] = -1e9;
	for (size_t i = 0; i < w->nmunis; i++) {
		const struct dw_muni *m = &w->munis[i];
		if (!m->has_coord)
			continue;
		box[0] = m->lat < box[0] ? m->lat : box[0];
		box[1] = m->lat > box[1] ? m->lat : box[1];
		box[2] = m->lon < box[2] ? m->lon : box[2];
		box[3] = m->lon > box[3] ? m->lon : box[3];
	}
	/* 0.5° of latitude ≈ 55 km and 0.6° of longitude ≥ 40 km up to 48°N: beyond 16 km from any office
	 * of a municipality stretching up to ~20 km from it */
	box[0] -= 0.5;
	box[1] += 0.5;
	box[2] -= 0.6;
	box[3] += 0.6;
}

/* Runs every query of the snapshot; returns DB_DONE, or the status of the first failing prepare or
 * step (a failed read is an error, never a shorter list). */
static int load(struct store *st, const char *pref, struct desig_world *w)
{
	char d[11];
	today(d);
	double box[4] = {0};
	for (size_t k = 0; k < sizeof world_queries / sizeof world_queries[0]; k++) {
		const struct world_query *wq = &world_queries[k];
		if (k == 1)
			reach_box(w, box);
		struct db_stmt *q = wq->bind == WB_DATED ? db_query(st->db, wq->sql, "ss", pref, d)
				    : wq->bind == WB_BOX ? db_query(st->db, wq->sql, "sdddds", pref, box[0], box[1], box[2], box[3], pref)
							 : db_query(st->db, wq->sql, "s", pref);
		if (q == NULL)
			return DB_HARD_ERROR;
		size_t cap = 0;
		int rc;
		while ((rc = db_step(q)) == DB_ROW)
			wq->row(q, w, &cap);
		db_finalize(q);
		if (rc != DB_DONE)
			return rc < 0 ? rc : DB_HARD_ERROR;
	}
	return DB_DONE;
}

enum zt_err store_desig_world(struct store *st, const char *pref, struct desig_world *w, struct zt_error *e)
{
	memset(w, 0, sizeof *w);
	STORE_COPY(w->prefecture, pref);
	int rc = load(st, pref, w);
	if (rc != DB_DONE) {
		desig_world_free(w);
		return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

/* ---- designations ---- */

#define DESIG_SQL \
	"SELECT d.id, d.municipality_code, d.institution_id, d.role, d.basis, d.rule, d.reason, d.plan_period, " \
	"d.valid_from, mu.name, i.name, i.kind, d.valid_to, d.created_by, d.ended_by, d.end_reason, d.unmet_since, " \
	"d.unmet_reason FROM designation d " \
	"JOIN institution i ON i.id = d.institution_id JOIN municipality mu ON mu.code = d.municipality_code "

/* One row of DESIG_SQL: the world's columns 0–8, then the names and the history. */
static void row_designation_full(struct db_stmt *q, struct designation *x)
{
	static const struct store_text_col cols[] = {
		STORE_TEXT_COL(struct designation, 9, municipality_name),
		STORE_TEXT_COL(struct designation, 10, institution_name),
		STORE_TEXT_COL(struct designation, 11, institution_kind),
		STORE_TEXT_COL(struct designation, 12, valid_to),
		STORE_TEXT_COL(struct designation, 13, created_by),
		STORE_TEXT_COL(struct designation, 14, ended_by),
		STORE_TEXT_COL(struct designation, 15, end_reason),
	};
	designation_cols(q, &x->d);
	unmet_cols(q, 16, &x->d);
	store_copy_cols(q, x, cols, sizeof cols / sizeof cols[0]);
}

enum zt_err store_designation_get(struct store *st, int64_t id, struct designation *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db, DESIG_SQL "WHERE d.id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_designation_full(q, out);
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された位置付けは見つかりません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
}

/* One text column of one row (sql bound to id) into out; "" and ZT_ERR_NOTFOUND (e untouched) when
 * there is no row, or a storage error in *e. */
static enum zt_err one_text(struct store *st, const char *sql, int64_t id, char *out, size_t n, struct zt_error *e)
{
	out[0] = '\0';
	struct db_stmt *q = db_query(st->db, sql, "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		snprintf(out, n, "%s", db_col_text(q, 0));
	db_finalize(q);
	if (rc == DB_ROW)
		return ZT_OK;
	return rc == DB_DONE ? ZT_ERR_NOTFOUND : store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
}

enum zt_err store_designation_municipality(struct store *st, int64_t id, char out[7], struct zt_error *e)
{
	return one_text(st, "SELECT municipality_code FROM designation WHERE id = ?", id, out, 7, e);
}

enum zt_err store_designation_history(struct store *st, const char *pref, struct designation **out, size_t *n,
				      struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	char d[11];
	today(d);
	struct db_stmt *q = db_query(st->db, DESIG_SQL
		"WHERE mu.prefecture_code = ? AND d.valid_to IS NOT NULL AND d.valid_to <= ? ORDER BY d.valid_to DESC, d.id DESC",
		"ss", pref, d);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row_designation_full(q, PUSH(*out, *n, cap));
	db_finalize(q);
	return rows_end(st, rc, (void **)out, n, e);
}

enum zt_err store_designation_insert(struct store *st, struct dw_designation *d, const char *by, struct zt_error *e)
{
	int rc = db_scalar_int(st->db, &d->id,
		"INSERT INTO designation (municipality_code, institution_id, role, basis, rule, reason, plan_period, "
		"valid_from, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		"sisssssss", d->muni, d->institution_id, desig_roles[d->role].code, desig_bases[d->basis].code, store_opt_text(d->rule),
		store_opt_text(d->reason), d->plan_period, d->valid_from, by);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

enum zt_err store_designation_item_add(struct store *st, int64_t id, const char *item, struct zt_error *e)
{
	int rc = db_run(st->db, "INSERT INTO designation_item (designation_id, item, status, seq) VALUES (?, ?, 'todo', "
		"(SELECT COALESCE(MAX(seq), 0) + 1 FROM designation_item WHERE designation_id = ?))", "isi", id,
			item);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_designation_set_end(struct store *st, int64_t id, const char *day, const char *by, const char *reason,
				      struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE designation SET valid_to = ?, ended_by = ?, end_reason = ? WHERE id = ?", "sssi", day, by,
			store_opt_text(reason), id);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

/* ---- checklists ---- */

enum zt_err store_checklist_rows(struct store *st, int64_t id, struct oblig_row **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT item, status, evidence, due_date, done_date, updated_at FROM designation_item "
		"WHERE designation_id = ? ORDER BY seq", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	static const struct store_text_col cols[] = {
		STORE_TEXT_COL(struct oblig_row, 0, code),        STORE_TEXT_COL(struct oblig_row, 1, status_code),
		STORE_TEXT_COL(struct oblig_row, 2, it.evidence), STORE_TEXT_COL(struct oblig_row, 3, it.due_date),
		STORE_TEXT_COL(struct oblig_row, 4, it.done_date), STORE_TEXT_COL(struct oblig_row, 5, updated_at),
	};
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct oblig_row *r = PUSH(*out, *n, cap);
		store_copy_cols(q, r, cols, sizeof cols / sizeof cols[0]);
		r->it.idx = obligation_lookup(r->code);
		int stc = code_lookup(oblig_statuses, OST__MAX, r->status_code);
		r->status_known = stc >= 0;
		r->it.status = stc < 0 ? OST_TODO : (enum oblig_status)stc;
	}
	db_finalize(q);
	return rows_end(st, rc, (void **)out, n, e);
}

enum zt_err store_checklist_item_set(struct store *st, int64_t id, const struct oblig_item *it)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
		"UPDATE designation_item SET status = ?, evidence = ?, due_date = ?, done_date = ?, updated_at = ? "
		"WHERE designation_id = ? AND item = ?", "sssssis", oblig_statuses[it->status].code, store_opt_text(it->evidence),
		store_opt_text(it->due_date), store_opt_text(it->done_date), now, id, obligations[it->idx].code);
	if (rc != DB_DONE)
		return store_db_err(st, rc, NULL);
	return db_changes(st->db) == 1 ? ZT_OK : ZT_ERR_INVALID;
}

/* ---- support centres ---- */

enum zt_err store_support_centre_put(struct store *st, int64_t medical_area_id, int64_t institution_id,
				     enum sc_type type, const char *name, uint32_t items, int64_t *id)
{
	char day[11];
	today(day);
	int rc = db_scalar_int(st->db, id,
		"INSERT INTO support_centre (medical_area_id, institution_id, type, name, valid_from) VALUES (?, ?, ?, ?, ?) "
		"RETURNING id", "iIsss", medical_area_id, institution_id, sc_types[type].code, name, day);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, NULL);
	for (int i = 0; i < SC_ITEM__MAX; i++) {
		if (!(items & (1u << i)))
			continue;
		rc = db_run(st->db, "INSERT INTO support_centre_item (support_centre_id, item) VALUES (?, ?)", "is", *id,
			    sc_items[i].code);
		if (rc != DB_DONE)
			return store_db_err(st, rc, NULL);
	}
	return ZT_OK;
}

/* ---- adjacency ---- */

enum zt_err store_adjacency(struct store *st, const char *pref, struct adjacency_pair **out, size_t *n,
			    struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT a.a, ma.name, a.b, mb.name FROM municipality_adjacency a "
		"JOIN municipality ma ON ma.code = a.a JOIN municipality mb ON mb.code = a.b "
		"WHERE ma.prefecture_code = ? AND a.a < a.b ORDER BY a.a, a.b", "s", pref);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	static const struct store_text_col cols[] = {
		STORE_TEXT_COL(struct adjacency_pair, 0, a), STORE_TEXT_COL(struct adjacency_pair, 1, a_name),
		STORE_TEXT_COL(struct adjacency_pair, 2, b), STORE_TEXT_COL(struct adjacency_pair, 3, b_name),
	};
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		store_copy_cols(q, PUSH(*out, *n, cap), cols, sizeof cols / sizeof cols[0]);
	db_finalize(q);
	return rows_end(st, rc, (void **)out, n, e);
}

/* ---- support centres through the API ---- */

enum zt_err store_medical_area_prefecture(struct store *st, int64_t id, char out[3], struct zt_error *e)
{
	return one_text(st, "SELECT prefecture_code FROM medical_area WHERE id = ?", id, out, 3, e);
}

enum zt_err store_support_centre_prefecture(struct store *st, int64_t id, char out[3], struct zt_error *e)
{
	return one_text(st, "SELECT a.prefecture_code FROM support_centre c JOIN medical_area a ON a.id = c.medical_area_id "
			"WHERE c.id = ?", id, out, 3, e);
}

enum zt_err store_support_centre_get(struct store *st, int64_t id, struct support_centre *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db,
		"SELECT c.id, c.medical_area_id, a.name, c.institution_id, i.name, c.type, c.name, c.valid_from, c.valid_to "
		"FROM support_centre c JOIN medical_area a ON a.id = c.medical_area_id "
		"LEFT JOIN institution i ON i.id = c.institution_id WHERE c.id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	static const struct store_text_col cols[] = {
		STORE_TEXT_COL(struct support_centre, 2, medical_area_name),
		STORE_TEXT_COL(struct support_centre, 4, institution_name),
		STORE_TEXT_COL(struct support_centre, 6, name),
		STORE_TEXT_COL(struct support_centre, 7, valid_from),
		STORE_TEXT_COL(struct support_centre, 8, valid_to),
	};
	int rc = db_step(q);
	if (rc == DB_ROW) {
		out->id = db_col_int(q, 0);
		out->medical_area_id = db_col_int(q, 1);
		out->institution_id = db_col_int(q, 3);
		out->type = strcmp(db_col_text(q, 5), "linked") == 0 ? SC_LINKED : SC_CORE;
		store_copy_cols(q, out, cols, sizeof cols / sizeof cols[0]);
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された在宅医療サポートセンターは見つかりません。");
	if (rc != DB_ROW)
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	q = db_query(st->db, "SELECT item FROM support_centre_item WHERE support_centre_id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	while ((rc = db_step(q)) == DB_ROW) {
		int it = code_lookup(sc_items, SC_ITEM__MAX, db_col_text(q, 0));
		if (it >= 0)
			out->items |= 1u << it;
	}
	db_finalize(q);
	if (rc != DB_DONE)
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	q = db_query(st->db, "SELECT institution_id FROM support_centre_member WHERE support_centre_id = ? "
		     "ORDER BY institution_id", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	while ((rc = db_step(q)) == DB_ROW)
		if (out->nmembers < SC_MAX_MEMBERS)
			out->members[out->nmembers++] = db_col_int(q, 0);
	db_finalize(q);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
}

enum zt_err store_support_centre_members_set(struct store *st, int64_t id, const int64_t *members, size_t n,
					     struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM support_centre_member WHERE support_centre_id = ?", "i", id);
	for (size_t i = 0; i < n && rc == DB_DONE; i++)
		rc = db_run(st->db, "INSERT INTO support_centre_member (support_centre_id, institution_id) VALUES (?, ?)", "ii",
			    id, members[i]);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_support_centre_quota(struct store *st, int64_t medical_area_id, int *quota, struct zt_error *e)
{
	int64_t q = 1;
	int rc = db_scalar_int(st->db, &q, "SELECT quota FROM support_centre_quota WHERE medical_area_id = ?", "i", medical_area_id);
	*quota = q > 0 ? (int)q : 1;
	return rc == DB_ROW || rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_support_centre_quota_set(struct store *st, int64_t medical_area_id, int quota, struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM support_centre_quota WHERE medical_area_id = ?", "i", medical_area_id);
	if (rc == DB_DONE && quota > 0)
		rc = db_run(st->db, "INSERT INTO support_centre_quota (medical_area_id, quota) VALUES (?, ?)", "ii",
			    medical_area_id, (int64_t)quota);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

/* ---- re-checks (issue 13 item 8) and 相談窓口 ---- */

enum zt_err store_designation_set_unmet(struct store *st, int64_t id, const char *since, const char *reason,
					struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE designation SET unmet_since = ?, unmet_reason = ? WHERE id = ?", "ssi", since,
			since ? reason : NULL, id);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_designation_item_remove_untouched(struct store *st, int64_t id, const char *item, bool *removed,
						    struct zt_error *e)
{
	*removed = false;
	int rc = db_run(st->db, "DELETE FROM designation_item WHERE designation_id = ? AND item = ? AND status = 'todo' "
			"AND (evidence IS NULL OR evidence = '') AND (due_date IS NULL OR due_date = '')", "is", id, item);
	if (rc != DB_DONE)
		return store_db_err(st, rc, e);
	*removed = db_changes(st->db) > 0;
	return ZT_OK;
}

static int pref_cmp(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/* Adds the prefectures of the rows of q (column 0) to *out unless there already. */
static int add_prefs(struct db_stmt *q, char (**out)[3], size_t *n, size_t *cap)
{
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		const char *p = db_col_text(q, 0);
		bool seen = false;
		for (size_t i = 0; i < *n && !seen; i++)
			seen = strncmp((*out)[i], p, 2) == 0;
		if (!seen) {
			char(*slot)[3] = PUSH(*out, *n, *cap);
			snprintf(*slot, sizeof *slot, "%.2s", p);
		}
	}
	db_finalize(q);
	return rc;
}

enum zt_err store_designation_prefectures(struct store *st, const int64_t *ids, size_t n, char (**out)[3], size_t *nout,
					  struct zt_error *e)
{
	*out = NULL;
	*nout = 0;
	char d[11];
	today(d);
	size_t cap = 0;
	int rc = DB_DONE;
#define IN_FORCE_PREFS \
	"SELECT DISTINCT m.prefecture_code FROM designation d JOIN municipality m ON m.code = d.municipality_code " \
	"WHERE (d.valid_to IS NULL OR d.valid_to > ?)"
	if (ids == NULL) {
		struct db_stmt *q = db_query(st->db, IN_FORCE_PREFS, "s", d);
		rc = q ? add_prefs(q, out, nout, &cap) : DB_HARD_ERROR;
	}
	for (size_t i = 0; ids && i < n && rc == DB_DONE; i++) {
		struct db_stmt *q = db_query(st->db, IN_FORCE_PREFS " AND d.institution_id = ?", "si", d, ids[i]);
		rc = q ? add_prefs(q, out, nout, &cap) : DB_HARD_ERROR;
	}
#undef IN_FORCE_PREFS
	if (rc == DB_DONE && *nout > 1)
		qsort(*out, *nout, sizeof **out, pref_cmp);
	return rows_end(st, rc, (void **)out, nout, e);
}

enum zt_err store_desk_get(struct store *st, const char *muni, int64_t *institution_id, struct zt_error *e)
{
	*institution_id = 0;
	int rc = db_scalar_int(st->db, institution_id, "SELECT institution_id FROM consultation_desk WHERE municipality_code = ?",
			       "s", muni);
	return rc == DB_ROW || rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_desk_set(struct store *st, const char *muni, int64_t institution_id, struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM consultation_desk WHERE municipality_code = ?", "s", muni);
	if (rc == DB_DONE && institution_id > 0)
		rc = db_run(st->db, "INSERT INTO consultation_desk (municipality_code, institution_id) VALUES (?, ?)", "si", muni,
			    institution_id);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_support_centres_in_force(struct store *st, int64_t medical_area_id, int64_t *n, struct zt_error *e)
{
	char d[11];
	today(d);
	*n = 0;
	int rc = db_scalar_int(st->db, n, "SELECT COUNT(*) FROM support_centre WHERE medical_area_id = ? "
			       "AND (valid_to IS NULL OR valid_to > ?)", "is", medical_area_id, d);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
}

enum zt_err store_support_centre_items_set(struct store *st, int64_t id, uint32_t items, struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM support_centre_item WHERE support_centre_id = ?", "i", id);
	for (int i = 0; i < SC_ITEM__MAX && rc == DB_DONE; i++)
		if (items & (1u << i))
			rc = db_run(st->db, "INSERT INTO support_centre_item (support_centre_id, item) VALUES (?, ?)", "is", id,
				    sc_items[i].code);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_support_centre_set_name(struct store *st, int64_t id, const char *name, struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE support_centre SET name = ? WHERE id = ?", "si", name, id);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_support_centre_set_end(struct store *st, int64_t id, const char *day, struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE support_centre SET valid_to = ? WHERE id = ?", "si", day, id);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}
