/* Designations (seed 001), obligation checklists, 在宅医療サポートセンター (seed 004) and the prefecture
 * snapshot the domain rules read (issue 4; see store_designation.h). */
#include "store/store_designation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/actor.h"
#include "core/clock.h"
#include "store/store_audit.h"
#include "store/store_internal.h"

/* The calendar day in Asia/Tokyo (one clock for every feature). */
static void today(char out[11])
{
	zt_today_jst(out);
}

/* Grows *arr (of elements of size sz) to hold one more; returns the new zeroed slot. */
static void *push(void **arr, size_t *n, size_t *cap, size_t sz)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		void *p = realloc(*arr, nc * sz);
		if (p == NULL)
			abort(); /* out of memory may abort (architecture.md) */
		*arr = p;
		*cap = nc;
	}
	void *slot = (char *)*arr + (*n)++ * sz;
	memset(slot, 0, sz);
	return slot;
}
#define PUSH(arr, n, cap) push((void **)&(arr), &(n), &(cap), sizeof *(arr))

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

static enum zt_err load(struct store *st, const char *pref, struct desig_world *w)
{
	char d[11];
	today(d);
	size_t cap;
	struct db_stmt *q;

	q = db_query(st->db,
		"SELECT m.code, m.name, (SELECT MIN(x.medical_area_id) FROM medical_area_municipality x "
		" WHERE x.municipality_code = m.code), m.lat, m.lon, m.population FROM municipality m "
		"WHERE m.prefecture_code = ? AND m.type <> 'prefecture' AND" MUNI_IN_AREAS "ORDER BY m.code", "s", pref);
	if (q == NULL)
		return ZT_ERR_DB;
	for (cap = 0; db_step(q) == DB_ROW;) {
		struct dw_muni *m = PUSH(w->munis, w->nmunis, cap);
		STORE_COPY(m->code, db_col_text(q, 0));
		STORE_COPY(m->name, db_col_text(q, 1));
		m->medical_area_id = db_col_int(q, 2);
		m->has_coord = !db_col_is_null(q, 3) && !db_col_is_null(q, 4);
		m->lat = db_col_double(q, 3);
		m->lon = db_col_double(q, 4);
		m->population = db_col_is_null(q, 5) ? -1 : (long)db_col_int(q, 5);
	}
	db_finalize(q);

	q = db_query(st->db,
		"SELECT i.id, i.kind, i.name, i.municipality_code, i.home_care, i.beds, i.lat, i.lon FROM institution i "
		"JOIN municipality m ON m.code = i.municipality_code WHERE m.prefecture_code = ? ORDER BY i.id", "s", pref);
	if (q == NULL)
		return ZT_ERR_DB;
	for (cap = 0; db_step(q) == DB_ROW;) {
		struct desig_inst *in = PUSH(w->insts, w->ninsts, cap);
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
	}
	db_finalize(q);

	q = db_query(st->db,
		"SELECT s.institution_id, s.standard FROM institution_standard s JOIN institution i ON i.id = s.institution_id "
		"JOIN municipality m ON m.code = i.municipality_code WHERE m.prefecture_code = ?", "s", pref);
	if (q == NULL)
		return ZT_ERR_DB;
	while (db_step(q) == DB_ROW) {
		struct desig_inst *in = inst_by_id(w, db_col_int(q, 0));
		int s = STD_LOOKUP(db_col_text(q, 1));
		if (in && s >= 0)
			in->standards |= 1u << s;
	}
	db_finalize(q);

	q = db_query(st->db, "SELECT a.a, a.b FROM municipality_adjacency a JOIN municipality m ON m.code = a.a "
			     "WHERE m.prefecture_code = ? AND a.a < a.b ORDER BY a.a, a.b", "s", pref);
	if (q == NULL)
		return ZT_ERR_DB;
	for (cap = 0; db_step(q) == DB_ROW;) {
		struct dw_adj *a = PUSH(w->adj, w->nadj, cap);
		STORE_COPY(a->a, db_col_text(q, 0));
		STORE_COPY(a->b, db_col_text(q, 1));
	}
	db_finalize(q);

	q = db_query(st->db, "SELECT am.institution_id, am.municipality_code FROM association_municipality am "
			     "JOIN municipality m ON m.code = am.municipality_code WHERE m.prefecture_code = ? "
			     "ORDER BY am.institution_id", "s", pref);
	if (q == NULL)
		return ZT_ERR_DB;
	for (cap = 0; db_step(q) == DB_ROW;) {
		struct dw_cover *c = PUSH(w->covers, w->ncovers, cap);
		c->association_id = db_col_int(q, 0);
		STORE_COPY(c->muni, db_col_text(q, 1));
		/* An association outside the prefecture's institutions still needs a name for listings. */
	}
	db_finalize(q);

	q = db_query(st->db, "SELECT id, name FROM care_area WHERE prefecture_code = ? ORDER BY id", "s", pref);
	if (q == NULL)
		return ZT_ERR_DB;
	for (cap = 0; db_step(q) == DB_ROW;) {
		struct dw_area *a = PUSH(w->care_areas, w->ncare_areas, cap);
		a->id = db_col_int(q, 0);
		STORE_COPY(a->name, db_col_text(q, 1));
	}
	db_finalize(q);

	q = db_query(st->db, "SELECT cm.care_area_id, cm.municipality_code FROM care_area_municipality cm "
			     "JOIN care_area a ON a.id = cm.care_area_id WHERE a.prefecture_code = ? "
			     "ORDER BY cm.care_area_id, cm.municipality_code", "s", pref);
	if (q == NULL)
		return ZT_ERR_DB;
	for (cap = 0; db_step(q) == DB_ROW;) {
		struct dw_member *m = PUSH(w->care_members, w->ncare_members, cap);
		m->area_id = db_col_int(q, 0);
		STORE_COPY(m->muni, db_col_text(q, 1));
	}
	db_finalize(q);

	q = db_query(st->db, "SELECT id, name FROM medical_area WHERE prefecture_code = ? ORDER BY id", "s", pref);
	if (q == NULL)
		return ZT_ERR_DB;
	for (cap = 0; db_step(q) == DB_ROW;) {
		struct dw_area *a = PUSH(w->medical_areas, w->nmedical_areas, cap);
		a->id = db_col_int(q, 0);
		STORE_COPY(a->name, db_col_text(q, 1));
	}
	db_finalize(q);

	q = db_query(st->db,
		"SELECT d.id, d.municipality_code, d.institution_id, d.role, d.basis, d.rule, d.reason, d.plan_period, "
		"d.valid_from FROM designation d JOIN municipality m ON m.code = d.municipality_code "
		"WHERE m.prefecture_code = ? AND (d.valid_to IS NULL OR d.valid_to > ?) ORDER BY d.id", "ss", pref, d);
	if (q == NULL)
		return ZT_ERR_DB;
	for (cap = 0; db_step(q) == DB_ROW;) {
		struct dw_designation *x = PUSH(w->desigs, w->ndesigs, cap);
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
	db_finalize(q);

	q = db_query(st->db,
		"SELECT c.id, c.medical_area_id, c.institution_id, c.type, c.name FROM support_centre c "
		"JOIN medical_area a ON a.id = c.medical_area_id WHERE a.prefecture_code = ? "
		"AND (c.valid_to IS NULL OR c.valid_to > ?) ORDER BY c.id", "ss", pref, d);
	if (q == NULL)
		return ZT_ERR_DB;
	for (cap = 0; db_step(q) == DB_ROW;) {
		struct dw_centre *c = PUSH(w->centres, w->ncentres, cap);
		c->id = db_col_int(q, 0);
		c->medical_area_id = db_col_int(q, 1);
		c->institution_id = db_col_int(q, 2);
		c->type = strcmp(db_col_text(q, 3), "linked") == 0 ? SC_LINKED : SC_CORE;
		STORE_COPY(c->name, db_col_text(q, 4));
	}
	db_finalize(q);
	for (size_t i = 0; i < w->ncentres; i++) {
		q = db_query(st->db, "SELECT item FROM support_centre_item WHERE support_centre_id = ?", "i", w->centres[i].id);
		if (q == NULL)
			return ZT_ERR_DB;
		while (db_step(q) == DB_ROW) {
			int it = code_lookup(sc_items, SC_ITEM__MAX, db_col_text(q, 0));
			if (it >= 0)
				w->centres[i].items |= 1u << it;
		}
		db_finalize(q);
	}
	return ZT_OK;
}

enum zt_err store_desig_world(struct store *st, const char *pref, struct desig_world *w, struct zt_error *e)
{
	memset(w, 0, sizeof *w);
	STORE_COPY(w->prefecture, pref);
	if (load(st, pref, w) != ZT_OK) {
		desig_world_free(w);
		return store_db_err(st, DB_HARD_ERROR, e);
	}
	return ZT_OK;
}

/* ---- designations ---- */

#define DESIG_JSON_SQL \
	"SELECT d.id, d.municipality_code AS municipality, mu.name AS municipality_name, d.institution_id, " \
	"i.name AS institution_name, i.kind AS institution_kind, d.role, d.basis, d.rule, d.reason, d.plan_period, " \
	"d.valid_from, d.valid_to, d.created_by, d.ended_by, d.end_reason FROM designation d " \
	"JOIN institution i ON i.id = d.institution_id JOIN municipality mu ON mu.code = d.municipality_code "

json_t *store_designation_json(struct store *st, int64_t id)
{
	json_t *rows = store_rows_json(db_query(st->db, DESIG_JSON_SQL "WHERE d.id = ?", "i", id));
	json_t *one = json_array_size(rows) ? json_incref(json_array_get(rows, 0)) : NULL;
	json_decref(rows);
	return one;
}

void store_designation_municipality(struct store *st, int64_t id, char out[7])
{
	out[0] = '\0';
	struct db_stmt *q = db_query(st->db, "SELECT municipality_code FROM designation WHERE id = ?", "i", id);
	if (q && db_step(q) == DB_ROW)
		snprintf(out, 7, "%s", db_col_text(q, 0));
	db_finalize(q);
}

json_t *store_designation_history(struct store *st, const char *pref)
{
	char d[11];
	today(d);
	return store_rows_json(db_query(st->db, DESIG_JSON_SQL
		"WHERE mu.prefecture_code = ? AND d.valid_to IS NOT NULL AND d.valid_to <= ? ORDER BY d.valid_to DESC, d.id DESC",
		"ss", pref, d));
}

struct create_ctx {
	struct dw_designation *d;
	int beds;
	const struct zt_actor *who;
};

static enum zt_err create_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct create_ctx *c = ctx;
	struct dw_designation *d = c->d;
	char day[11];
	today(day);
	int64_t dup = 0;
	int rc = db_scalar_int(st->db, &dup,
		"SELECT id FROM designation WHERE municipality_code = ? AND institution_id = ? AND role = ? "
		"AND (valid_to IS NULL OR valid_to > ?)", "siss", d->muni, d->institution_id, desig_roles[d->role].code, day);
	if (rc < 0)
		return store_db_err(st, rc, e);
	if (dup)
		return zt_fail(e, ZT_ERR_CONFLICT, "institution_id", "この機関はこの市町村で既に同じ役割に位置付けられています（ID %lld）。",
			       (long long)dup);
	if (d->valid_from[0] == '\0')
		STORE_COPY(d->valid_from, day);
	const char *by = c->who ? c->who->username : "system";
	rc = db_scalar_int(st->db, &d->id,
		"INSERT INTO designation (municipality_code, institution_id, role, basis, rule, reason, plan_period, "
		"valid_from, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		"sisssssss", d->muni, d->institution_id, desig_roles[d->role].code, desig_bases[d->basis].code, store_opt_text(d->rule),
		store_opt_text(d->reason), d->plan_period, d->valid_from, by);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	for (size_t i = 0; i < obligations_count; i++) {
		if (!obligation_applies(i, d->role, c->beds))
			continue;
		rc = db_run(st->db, "INSERT INTO designation_item (designation_id, item, status) VALUES (?, ?, 'todo')", "is",
			    d->id, obligations[i].code);
		if (rc != DB_DONE)
			return store_db_err(st, rc, e);
	}
	json_t *after = store_designation_json(st, d->id);
	enum zt_err r = audit_append(st, c->who, "create", "designation", d->id, d->muni, NULL, after, e);
	json_decref(after);
	return r;
}

enum zt_err store_designation_create(struct store *st, struct dw_designation *d, int beds, const struct zt_actor *who, struct zt_error *e)
{
	struct create_ctx c = {d, beds, who};
	return store_tx(st, create_tx, &c, e);
}

struct end_ctx {
	int64_t id;
	const char *reason;
	const struct zt_actor *who;
};

static enum zt_err end_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct end_ctx *c = ctx;
	json_t *before = store_designation_json(st, c->id);
	if (before == NULL)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された位置付けは見つかりません。");
	if (!json_is_null(json_object_get(before, "valid_to"))) {
		json_decref(before);
		return zt_fail(e, ZT_ERR_CONFLICT, "id", "この位置付けは既に終了しています。");
	}
	char day[11];
	today(day);
	const char *by = c->who ? c->who->username : "system";
	int rc = db_run(st->db, "UPDATE designation SET valid_to = ?, ended_by = ?, end_reason = ? WHERE id = ?", "sssi",
			day, by, store_opt_text(c->reason), c->id);
	enum zt_err r = rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
	if (r == ZT_OK) {
		json_t *after = store_designation_json(st, c->id);
		const char *muni = json_string_value(json_object_get(before, "municipality"));
		r = audit_append(st, c->who, "end", "designation", c->id, muni, before, after, e);
		json_decref(after);
	}
	json_decref(before);
	return r;
}

enum zt_err store_designation_end(struct store *st, int64_t id, const char *reason, const struct zt_actor *who, struct zt_error *e)
{
	struct end_ctx c = {id, reason, who};
	return store_tx(st, end_tx, &c, e);
}

/* ---- checklists ---- */

json_t *store_checklist(struct store *st, int64_t id)
{
	return store_rows_json(db_query(st->db,
		"SELECT item, status, evidence, due_date, done_date, updated_at FROM designation_item "
		"WHERE designation_id = ? ORDER BY rowid", "i", id));
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

struct put_ctx {
	int64_t id;
	const struct oblig_item *items;
	size_t n;
	const struct zt_actor *who;
};

static enum zt_err put_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct put_ctx *c = ctx;
	char muni[7];
	store_designation_municipality(st, c->id, muni);
	if (muni[0] == '\0')
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された位置付けは見つかりません。");
	json_t *before = store_checklist(st, c->id);
	enum zt_err r = ZT_OK;
	for (size_t i = 0; i < c->n && r == ZT_OK; i++) {
		r = store_checklist_item_set(st, c->id, &c->items[i]);
		if (r == ZT_ERR_INVALID)
			zt_fail(e, r, "items", "項目 %s はこの位置付けのチェックリストにありません（%zu番目）。",
				obligations[c->items[i].idx].code, i + 1);
		else if (r != ZT_OK)
			store_db_err(st, DB_HARD_ERROR, e);
	}
	if (r == ZT_OK) {
		json_t *after = store_checklist(st, c->id);
		r = audit_append(st, c->who, "update", "designation_checklist", c->id, muni, before, after, e);
		json_decref(after);
	}
	json_decref(before);
	return r;
}

enum zt_err store_checklist_put(struct store *st, int64_t id, const struct oblig_item *items, size_t n,
				const struct zt_actor *who, struct zt_error *e)
{
	struct put_ctx c = {id, items, n, who};
	return store_tx(st, put_tx, &c, e);
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

json_t *store_adjacency(struct store *st, const char *pref)
{
	return store_rows_json(db_query(st->db,
		"SELECT a.a, ma.name AS a_name, a.b, mb.name AS b_name FROM municipality_adjacency a "
		"JOIN municipality ma ON ma.code = a.a JOIN municipality mb ON mb.code = a.b "
		"WHERE ma.prefecture_code = ? AND a.a < a.b ORDER BY a.a, a.b", "s", pref));
}

/* ---- support centres through the API ---- */

void store_medical_area_prefecture(struct store *st, int64_t id, char out[3])
{
	out[0] = '\0';
	struct db_stmt *q = db_query(st->db, "SELECT prefecture_code FROM medical_area WHERE id = ?", "i", id);
	if (q && db_step(q) == DB_ROW)
		snprintf(out, 3, "%s", db_col_text(q, 0));
	db_finalize(q);
}

void store_support_centre_prefecture(struct store *st, int64_t id, char out[3])
{
	out[0] = '\0';
	struct db_stmt *q = db_query(st->db, "SELECT a.prefecture_code FROM support_centre c JOIN medical_area a "
				     "ON a.id = c.medical_area_id WHERE c.id = ?", "i", id);
	if (q && db_step(q) == DB_ROW)
		snprintf(out, 3, "%s", db_col_text(q, 0));
	db_finalize(q);
}

json_t *store_support_centre_json(struct store *st, int64_t id, int64_t *in_area)
{
	json_t *rows = store_rows_json(db_query(st->db,
		"SELECT c.id, c.medical_area_id, a.name AS medical_area_name, c.institution_id, i.name AS institution_name, "
		"c.type, c.name, c.valid_from, c.valid_to, "
		" (SELECT json_group_array(x.item) FROM support_centre_item x WHERE x.support_centre_id = c.id) AS j_items "
		"FROM support_centre c JOIN medical_area a ON a.id = c.medical_area_id "
		"LEFT JOIN institution i ON i.id = c.institution_id WHERE c.id = ?", "i", id));
	json_t *one = json_array_size(rows) ? json_incref(json_array_get(rows, 0)) : NULL;
	json_decref(rows);
	if (one && in_area) {
		*in_area = 0;
		char d[11];
		today(d);
		db_scalar_int(st->db, in_area, "SELECT COUNT(*) FROM support_centre WHERE medical_area_id = ? "
			      "AND (valid_to IS NULL OR valid_to > ?)", "is",
			      json_integer_value(json_object_get(one, "medical_area_id")), d);
	}
	return one;
}

struct sc_ctx {
	int64_t medical_area_id, institution_id, id;
	enum sc_type type;
	const char *name;
	uint32_t items;
	const struct zt_actor *who;
	int action; /* 0 create, 1 update, 2 end */
};

static enum zt_err sc_items_write(struct store *st, int64_t id, uint32_t items)
{
	int rc = db_run(st->db, "DELETE FROM support_centre_item WHERE support_centre_id = ?", "i", id);
	for (int i = 0; i < SC_ITEM__MAX && rc == DB_DONE; i++)
		if (items & (1u << i))
			rc = db_run(st->db, "INSERT INTO support_centre_item (support_centre_id, item) VALUES (?, ?)", "is", id,
				    sc_items[i].code);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, NULL);
}

static enum zt_err sc_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct sc_ctx *c = ctx;
	json_t *before = NULL;
	enum zt_err r = ZT_OK;
	char day[11];
	today(day);
	if (c->action == 0) {
		r = store_support_centre_put(st, c->medical_area_id, c->institution_id, c->type, c->name, c->items, &c->id);
		if (r != ZT_OK)
			return store_db_err(st, DB_HARD_ERROR, e);
	} else {
		before = store_support_centre_json(st, c->id, NULL);
		if (before == NULL)
			return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された在宅医療サポートセンターは見つかりません。");
		if (!json_is_null(json_object_get(before, "valid_to"))) {
			json_decref(before);
			return zt_fail(e, ZT_ERR_CONFLICT, "id", "この在宅医療サポートセンターの指定は既に終了しています。");
		}
		int rc = DB_DONE;
		if (c->action == 2)
			rc = db_run(st->db, "UPDATE support_centre SET valid_to = ? WHERE id = ?", "si", day, c->id);
		else if (c->name)
			rc = db_run(st->db, "UPDATE support_centre SET name = ? WHERE id = ?", "si", c->name, c->id);
		if (rc != DB_DONE)
			r = store_db_err(st, rc, e);
		if (r == ZT_OK && c->action == 1 && sc_items_write(st, c->id, c->items) != ZT_OK)
			r = store_db_err(st, DB_HARD_ERROR, e);
	}
	if (r == ZT_OK) {
		json_t *after = store_support_centre_json(st, c->id, NULL);
		static const char *const actions[] = {"create", "update", "end"};
		r = audit_append(st, c->who, actions[c->action], "support_centre", c->id, NULL, before, after, e);
		json_decref(after);
	}
	json_decref(before);
	return r;
}

enum zt_err store_support_centre_create(struct store *st, int64_t medical_area_id, int64_t institution_id,
					enum sc_type type, const char *name, uint32_t items, const struct zt_actor *who, int64_t *id, struct zt_error *e)
{
	struct sc_ctx c = {medical_area_id, institution_id, 0, type, name, items, who, 0};
	enum zt_err r = store_tx(st, sc_tx, &c, e);
	*id = c.id;
	return r;
}

enum zt_err store_support_centre_update(struct store *st, int64_t id, const char *name, uint32_t items,
					const struct zt_actor *who, struct zt_error *e)
{
	struct sc_ctx c = {0, 0, id, SC_CORE, name, items, who, 1};
	return store_tx(st, sc_tx, &c, e);
}

enum zt_err store_support_centre_end(struct store *st, int64_t id, const struct zt_actor *who,
				     struct zt_error *e)
{
	struct sc_ctx c = {0, 0, id, SC_CORE, NULL, 0, who, 2};
	return store_tx(st, sc_tx, &c, e);
}
