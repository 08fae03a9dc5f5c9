/* Groups (参入促進・連携（グループ化）, seed 000), their agreement (協定) and PDF, initiatives (取組)
 * and certificates (issue 4 §1–§3; see store_groups.h). */
#include "store/store_groups.h"
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

static enum inst_kind kind_of(const char *code)
{
	int k = KIND_LOOKUP(code);
	return k < 0 ? KIND_CLINIC : (enum inst_kind)k;
}

enum zt_err store_group_get(struct store *st, int64_t id, struct group *g, struct zt_error *e)
{
	group_init(g);
	struct db_stmt *q = db_query(st->db,
		"SELECT g.id, g.name, g.note, g.base_institution_id, b.kind, b.name, b.municipality_code, g.certified, "
		"g.created_at, g.updated_at FROM care_group g LEFT JOIN institution b ON b.id = g.base_institution_id "
		"WHERE g.id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		g->id = db_col_int(q, 0);
		STORE_COPY(g->name, db_col_text(q, 1));
		STORE_COPY(g->note, db_col_text(q, 2));
		g->base_id = db_col_int(q, 3);
		g->base_kind = kind_of(db_col_text(q, 4));
		STORE_COPY(g->base_name, db_col_text(q, 5));
		STORE_COPY(g->base_municipality, db_col_text(q, 6));
		g->certified = db_col_int(q, 7) != 0;
		STORE_COPY(g->created_at, db_col_text(q, 8));
		STORE_COPY(g->updated_at, db_col_text(q, 9));
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定されたグループは見つかりません。");
	if (rc < 0)
		return store_db_err(st, rc, e);

	q = db_query(st->db,
		"SELECT m.institution_id, i.kind, i.legal_entity_id, m.role, i.name, le.name FROM care_group_member m "
		"JOIN institution i ON i.id = m.institution_id LEFT JOIN legal_entity le ON le.id = i.legal_entity_id "
		"WHERE m.group_id = ? ORDER BY m.position, m.institution_id", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	while ((rc = db_step(q)) == DB_ROW && g->nmembers < GROUP_MAX_MEMBERS) {
		struct group_member *m = &g->members[g->nmembers++];
		m->institution_id = db_col_int(q, 0);
		m->kind = kind_of(db_col_text(q, 1));
		m->legal_entity_id = db_col_int(q, 2);
		int r = group_role_lookup(db_col_text(q, 3));
		m->role = r < 0 ? GROLE_MEMBER_MEDICAL : (enum group_role)r;
		STORE_COPY(m->name, db_col_text(q, 4));
		STORE_COPY(m->legal_entity, db_col_text(q, 5));
	}
	db_finalize(q);

	q = db_query(st->db, "SELECT institution_id FROM care_group_active WHERE group_id = ? ORDER BY institution_id", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	while (db_step(q) == DB_ROW && g->nactive < GROUP_MAX_ACTIVE)
		g->active_ids[g->nactive++] = db_col_int(q, 0);
	db_finalize(q);

	q = db_query(st->db,
		"SELECT signed_on, valid_from, valid_to, parties, document_size FROM care_group_agreement WHERE group_id = ?",
		"i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	if (db_step(q) == DB_ROW) {
		struct group_agreement *a = &g->agreement;
		a->present = true;
		STORE_COPY(a->signed_on, db_col_text(q, 0));
		STORE_COPY(a->valid_from, db_col_text(q, 1));
		STORE_COPY(a->valid_to, db_col_text(q, 2));
		STORE_COPY(a->parties, db_col_text(q, 3));
		a->has_document = db_col_int(q, 4) > 0;
	}
	db_finalize(q);
	return ZT_OK;
}

/* Checks that institution id exists; fills its kind. */
static enum zt_err inst_exists(struct store *st, int64_t id, const char *field, struct zt_error *e)
{
	int64_t n = 0;
	int rc = db_scalar_int(st->db, &n, "SELECT COUNT(*) FROM institution WHERE id = ?", "i", id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	if (n == 0)
		return zt_fail(e, ZT_ERR_INVALID, field, "%s: 機関ID %lld は登録されていません。", field, (long long)id);
	return ZT_OK;
}

static enum zt_err write_parts(struct store *st, const struct group *g, struct zt_error *e)
{
	enum zt_err r;
	if (g->base_id && (r = inst_exists(st, g->base_id, "base_id", e)) != ZT_OK)
		return r;
	int rc = db_run(st->db, "DELETE FROM care_group_member WHERE group_id = ?", "i", g->id);
	if (rc >= 0)
		rc = db_run(st->db, "DELETE FROM care_group_active WHERE group_id = ?", "i", g->id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	for (int i = 0; i < g->nmembers; i++) {
		char field[32];
		snprintf(field, sizeof field, "members[%d]", i);
		if ((r = inst_exists(st, g->members[i].institution_id, field, e)) != ZT_OK)
			return r;
		rc = db_run(st->db, "INSERT INTO care_group_member (group_id, institution_id, role, position) VALUES (?,?,?,?)",
			    "iisi", g->id, g->members[i].institution_id, group_roles[g->members[i].role].code, (int64_t)i);
		if (rc == DB_CONSTRAINT)
			return zt_fail(e, ZT_ERR_INVALID, "members", "%s: 機関が重複しています。", field);
		if (rc < 0)
			return store_db_err(st, rc, e);
	}
	for (int i = 0; i < g->nactive; i++) {
		if ((r = inst_exists(st, g->active_ids[i], "active_role_ids", e)) != ZT_OK)
			return r;
		rc = db_run(st->db, "INSERT INTO care_group_active (group_id, institution_id) VALUES (?,?)", "ii", g->id,
			    g->active_ids[i]);
		if (rc == DB_CONSTRAINT)
			return zt_fail(e, ZT_ERR_INVALID, "active_role_ids", "active_role_ids に重複があります。");
		if (rc < 0)
			return store_db_err(st, rc, e);
	}
	char now[21];
	zt_now_utc(now);
	const struct group_agreement *a = &g->agreement;
	if (a->present)
		rc = db_run(st->db,
			"INSERT INTO care_group_agreement (group_id, signed_on, valid_from, valid_to, parties, updated_at) "
			"VALUES (?,?,?,?,?,?) ON CONFLICT (group_id) DO UPDATE SET signed_on = excluded.signed_on, "
			"valid_from = excluded.valid_from, valid_to = excluded.valid_to, parties = excluded.parties, "
			"updated_at = excluded.updated_at",
			"isssss", g->id, store_opt_text(a->signed_on), store_opt_text(a->valid_from), store_opt_text(a->valid_to), store_opt_text(a->parties), now);
	else
		rc = db_run(st->db, "DELETE FROM care_group_agreement WHERE group_id = ?", "i", g->id);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_group_create(struct store *st, struct group *g, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int64_t id = 0;
	int rc = db_scalar_int(st->db, &id,
		"INSERT INTO care_group (name, note, base_institution_id, certified, created_at, updated_at) "
		"VALUES (?,?,NULL,0,?,?) RETURNING id", "ssss", g->name, store_opt_text(g->note), now, now);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	g->id = id;
	enum zt_err r = write_parts(st, g, e);
	if (r != ZT_OK)
		return r;
	rc = db_run(st->db, "UPDATE care_group SET base_institution_id = ? WHERE id = ?", "Ii", g->base_id, g->id);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_group_update(struct store *st, const struct group *g, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	enum zt_err r;
	if (g->base_id && (r = inst_exists(st, g->base_id, "base_id", e)) != ZT_OK)
		return r;
	int rc = db_run(st->db, "UPDATE care_group SET name = ?, note = ?, base_institution_id = ?, updated_at = ? WHERE id = ?",
			"ssIsi", g->name, store_opt_text(g->note), g->base_id, now, g->id);
	if (rc < 0 || rc == DB_CONSTRAINT)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定されたグループは見つかりません。");
	return write_parts(st, g, e);
}

static enum zt_err revoke_where(struct store *st, int64_t group_id, int64_t institution_id, const char *reason,
				struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = institution_id
		? db_run(st->db, "UPDATE group_certificate SET status = 'revoked', revoked_at = ?, revoke_reason = ? "
				 "WHERE group_id = ? AND institution_id = ? AND status = 'valid'",
			 "ssii", now, reason, group_id, institution_id)
		: db_run(st->db, "UPDATE group_certificate SET status = 'revoked', revoked_at = ?, revoke_reason = ? "
				 "WHERE group_id = ? AND status = 'valid'",
			 "ssi", now, reason, group_id);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_group_delete(struct store *st, int64_t id, struct zt_error *e)
{
	enum zt_err r = revoke_where(st, id, 0, "グループが削除されました。", e);
	if (r != ZT_OK)
		return r;
	int rc = db_run(st->db, "DELETE FROM care_group WHERE id = ?", "i", id);
	if (rc < 0 || rc == DB_CONSTRAINT)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定されたグループは見つかりません。");
	return ZT_OK;
}

/* Copies the BLOB of column col of the current row into a malloc'd *data (caller frees). */
static void blob_copy(struct db_stmt *q, int col, void **data, size_t *len)
{
	int n = 0;
	const void *b = db_col_blob(q, col, &n);
	*data = malloc(n > 0 ? (size_t)n : 1);
	if (*data == NULL)
		abort();
	if (n > 0)
		memcpy(*data, b, (size_t)n);
	*len = (size_t)n;
}

enum zt_err store_group_document_put(struct store *st, int64_t id, const void *data, size_t len, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
		"INSERT INTO care_group_agreement (group_id, document, document_size, document_at, updated_at) "
		"VALUES (?,?,?,?,?) ON CONFLICT (group_id) DO UPDATE SET document = excluded.document, "
		"document_size = excluded.document_size, document_at = excluded.document_at, updated_at = excluded.updated_at",
		"ibiss", id, data, (int)len, (int64_t)len, now, now);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定されたグループは見つかりません。");
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_group_document_get(struct store *st, int64_t id, void **data, size_t *len, struct zt_error *e)
{
	*data = NULL;
	*len = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT document FROM care_group_agreement WHERE group_id = ? AND document_size > 0", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		blob_copy(q, 0, data, len);
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "document", "協定書のPDFは登録されていません。");
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

/* ---- certificates ---- */

/* Issues a certificate numbered KG-<year of today (JST)>-<sequence>. */
static enum zt_err issue(struct store *st, const struct group *g, const struct group_member *m, const char *now,
			 const char *today, struct zt_error *e)
{
	int64_t next = 0;
	int rc = db_scalar_int(st->db, &next, "SELECT COALESCE(MAX(id), 0) + 1 FROM group_certificate", "");
	if (rc < 0)
		return store_db_err(st, rc, e);
	char number[32];
	snprintf(number, sizeof number, "KG-%.4s-%06lld", today && strlen(today) >= 4 ? today : now, (long long)next);
	rc = db_run(st->db,
		"INSERT INTO group_certificate (id, number, group_id, group_name, institution_id, institution_name, status, "
		"issued_at) VALUES (?,?,?,?,?,?,'valid',?)",
		"isisiss", next, number, g->id, g->name, m->institution_id, m->name, now);
	return rc < 0 || rc == DB_CONSTRAINT ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_group_sync(struct store *st, int64_t id, const char *today, bool *valid_out, struct zt_error *e)
{
	struct group *g = malloc(sizeof *g);
	if (g == NULL)
		abort();
	enum zt_err r = store_group_get(st, id, g, e);
	if (r != ZT_OK) {
		free(g);
		return r;
	}
	struct group_problem p[GROUP_MAX_PROBLEMS + GROUP_MAX_MEMBERS + GROUP_MAX_ACTIVE];
	int np = group_validate(g, today, p, (int)(sizeof p / sizeof p[0]));
	if (np > (int)(sizeof p / sizeof p[0]))
		np = (int)(sizeof p / sizeof p[0]);
	bool valid = group_problems_valid(p, np);
	char now[21];
	zt_now_utc(now);
	if (valid) {
		for (int i = 0; i < g->nmembers && r == ZT_OK; i++) {
			int64_t n = 0;
			int rc = db_scalar_int(st->db, &n,
				"SELECT COUNT(*) FROM group_certificate WHERE group_id = ? AND institution_id = ? AND status = 'valid'",
				"ii", g->id, g->members[i].institution_id);
			if (rc < 0)
				r = store_db_err(st, rc, e);
			else if (n == 0)
				r = issue(st, g, &g->members[i], now, today, e);
		}
		/* institutions that left the group */
		struct db_stmt *q = db_query(st->db,
			"SELECT DISTINCT institution_id FROM group_certificate WHERE group_id = ? AND status = 'valid'", "i", g->id);
		int64_t gone[256];
		int ngone = 0;
		while (q && db_step(q) == DB_ROW && ngone < 256) {
			int64_t inst = db_col_int(q, 0);
			if (group_member_index(g, inst) < 0)
				gone[ngone++] = inst;
		}
		db_finalize(q);
		for (int i = 0; i < ngone && r == ZT_OK; i++)
			r = revoke_where(st, g->id, gone[i], "グループから脱退しました。", e);
	} else {
		char reason[512] = "グループの要件を満たさなくなりました。";
		for (int i = 0; i < np; i++)
			if (p[i].severity == GSEV_ERROR) {
				snprintf(reason, sizeof reason, "グループの要件を満たさなくなりました: %s", p[i].message);
				break;
			}
		r = revoke_where(st, g->id, 0, reason, e);
	}
	if (r == ZT_OK) {
		int rc = db_run(st->db, "UPDATE care_group SET certified = ?, checked_on = ? WHERE id = ?", "isi", (int64_t)valid,
				today, g->id);
		if (rc < 0)
			r = store_db_err(st, rc, e);
	}
	free(g);
	if (valid_out)
		*valid_out = valid;
	return r;
}

enum zt_err store_groups_sync_all(struct store *st, const char *today, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT id FROM care_group WHERE checked_on IS NULL OR checked_on <> ? ORDER BY id", "s", today);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t n = 0, cap = 16;
	int64_t *ids = malloc(cap * sizeof *ids);
	if (ids == NULL)
		abort();
	while (db_step(q) == DB_ROW) {
		if (n == cap) {
			cap *= 2;
			ids = realloc(ids, cap * sizeof *ids);
			if (ids == NULL)
				abort();
		}
		ids[n++] = db_col_int(q, 0);
	}
	db_finalize(q);
	enum zt_err r = ZT_OK;
	for (size_t i = 0; i < n && r == ZT_OK; i++)
		r = store_group_sync(st, ids[i], today, NULL, e);
	free(ids);
	return r;
}

static void row_to_cert(struct db_stmt *q, struct group_certificate *c)
{
	memset(c, 0, sizeof *c);
	c->id = db_col_int(q, 0);
	STORE_COPY(c->number, db_col_text(q, 1));
	c->group_id = db_col_int(q, 2);
	STORE_COPY(c->group_name, db_col_text(q, 3));
	c->institution_id = db_col_int(q, 4);
	STORE_COPY(c->institution_name, db_col_text(q, 5));
	STORE_COPY(c->status, db_col_text(q, 6));
	STORE_COPY(c->issued_at, db_col_text(q, 7));
	STORE_COPY(c->revoked_at, db_col_text(q, 8));
	STORE_COPY(c->revoke_reason, db_col_text(q, 9));
}

#define CERT_COLS "id, number, group_id, group_name, institution_id, institution_name, status, issued_at, revoked_at, revoke_reason"

/* The first row of q (finalized here; NULL after a failed prepare) as a certificate. */
static enum zt_err cert_one(struct db_stmt *q, struct group_certificate *out)
{
	if (q == NULL)
		return ZT_ERR_DB;
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_to_cert(q, out);
	db_finalize(q);
	return rc == DB_ROW ? ZT_OK : rc == DB_DONE ? ZT_ERR_NOTFOUND : ZT_ERR_DB;
}

enum zt_err store_certificate_get(struct store *st, const char *number, struct group_certificate *out)
{
	struct db_stmt *q = db_query(st->db, "SELECT " CERT_COLS " FROM group_certificate WHERE number = ?", "s", number);
	return cert_one(q, out);
}

enum zt_err store_certificate_current(struct store *st, int64_t group_id, int64_t institution_id,
				      struct group_certificate *out)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT " CERT_COLS " FROM group_certificate WHERE group_id = ? AND institution_id = ? AND status = 'valid' "
		"ORDER BY id DESC LIMIT 1", "ii", group_id, institution_id);
	return cert_one(q, out);
}

json_t *store_group_certificates(struct store *st, int64_t group_id)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT number, institution_id, institution_name, status, issued_at, revoked_at, revoke_reason "
		"FROM group_certificate WHERE group_id = ? ORDER BY id DESC", "i", group_id);
	return q ? store_rows_json(q) : NULL;
}

/* ---- listings ---- */

json_t *store_groups_list(struct store *st)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT g.id, g.name, g.base_institution_id AS base_id, b.name AS base_name, "
		"b.municipality_code AS base_municipality, g.certified AS n_certified, "
		"(SELECT COUNT(*) FROM care_group_member m WHERE m.group_id = g.id) AS n_member_count, g.updated_at "
		"FROM care_group g LEFT JOIN institution b ON b.id = g.base_institution_id ORDER BY g.id", "");
	json_t *rows = q ? store_rows_json(q) : NULL;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		json_t *c = json_object_get(r, "certified");
		json_object_set_new(r, "certified", json_boolean(json_integer_value(c) != 0));
	}
	return rows;
}

json_t *store_groups_public(struct store *st)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT g.id, g.name, b.id, b.name FROM care_group g LEFT JOIN institution b ON b.id = g.base_institution_id "
		"WHERE g.certified = 1 ORDER BY g.id", "");
	if (q == NULL)
		return NULL;
	struct db_stmt *mq = db_prepare(st->db,
		"SELECT m.institution_id, i.name, i.kind, m.role, i.municipality_code, i.address, "
		"EXISTS (SELECT 1 FROM care_group_active a WHERE a.group_id = m.group_id AND a.institution_id = m.institution_id) "
		"FROM care_group_member m JOIN institution i ON i.id = m.institution_id WHERE m.group_id = ? "
		"ORDER BY m.position, m.institution_id");
	if (mq == NULL) {
		db_finalize(q);
		return NULL;
	}
	json_t *out = json_array();
	while (db_step(q) == DB_ROW) {
		json_t *members = json_array();
		int64_t gid = db_col_int(q, 0);
		db_reset(mq);
		db_bind_int(mq, 1, gid);
		while (db_step(mq) == DB_ROW) {
			int role = group_role_lookup(db_col_text(mq, 3));
			json_array_append_new(members, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b}",
				"institution_id", (json_int_t)db_col_int(mq, 0), "name", db_col_text(mq, 1),
				"kind", db_col_text(mq, 2), "role", db_col_text(mq, 3),
				"role_label", role < 0 ? "" : group_roles[role].ja, "municipality", db_col_text(mq, 4),
				"address", db_col_text(mq, 5), "active_role", (int)db_col_int(mq, 6)));
		}
		json_array_append_new(out, json_pack("{s:I, s:s, s:{s:I, s:s}, s:o}", "id", (json_int_t)gid, "name",
			db_col_text(q, 1), "base", "id", (json_int_t)db_col_int(q, 2), "name", db_col_text(q, 3), "members",
			members));
	}
	db_finalize(mq);
	db_finalize(q);
	return out;
}

/* ---- initiatives ---- */

enum zt_err store_initiative_add(struct store *st, struct initiative *in, struct zt_error *e)
{
	char topics[256] = "";
	size_t len = 0;
	for (int t = 0; t < TOPIC__MAX; t++)
		if (in->topics & (1u << t))
			len += (size_t)snprintf(topics + len, sizeof topics - len, "%s%s", len ? "," : "", meeting_topics[t].code);
	char now[21];
	zt_now_utc(now);
	int64_t id = 0;
	int rc = db_scalar_int(st->db, &id,
		"INSERT INTO care_group_initiative (group_id, kind, fiscal_year, held_on, title, description, topics, "
		"participants, created_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
		"isissssis", in->group_id, initiative_kinds[in->kind].code, (int64_t)in->fiscal_year, in->held_on, in->title,
		store_opt_text(in->description), store_opt_text(topics), (int64_t)in->participants, now);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定されたグループは見つかりません。");
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	in->id = id;
	return ZT_OK;
}

enum zt_err store_initiatives(struct store *st, int64_t group_id, int fiscal_year, struct initiative **out, int *n,
			      struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT id, kind, fiscal_year, held_on, title, description, topics, participants FROM care_group_initiative "
		"WHERE group_id = ? AND (? = 0 OR fiscal_year = ?) ORDER BY held_on, id",
		"iii", group_id, (int64_t)fiscal_year, (int64_t)fiscal_year);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int cap = 0, rc;
	while ((rc = db_step(q)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = realloc(*out, (size_t)cap * sizeof **out);
			if (*out == NULL)
				abort();
		}
		struct initiative *it = &(*out)[(*n)++];
		memset(it, 0, sizeof *it);
		it->id = db_col_int(q, 0);
		it->group_id = group_id;
		int k = initiative_kind_lookup(db_col_text(q, 1));
		it->kind = k < 0 ? INIT_SUPPORT : (enum initiative_kind)k;
		it->fiscal_year = (int)db_col_int(q, 2);
		STORE_COPY(it->held_on, db_col_text(q, 3));
		STORE_COPY(it->title, db_col_text(q, 4));
		STORE_COPY(it->description, db_col_text(q, 5));
		char topics[256];
		STORE_COPY(topics, db_col_text(q, 6));
		for (char *s = topics; *s;) {
			char *comma = strchr(s, ',');
			if (comma)
				*comma = '\0';
			int t = meeting_topic_lookup(s);
			if (t >= 0)
				it->topics |= 1u << t;
			s = comma ? comma + 1 : s + strlen(s);
		}
		it->participants = (int)db_col_int(q, 7);
	}
	db_finalize(q);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

/* ---- attachments of initiatives ---- */

/* ZT_OK when initiative iid belongs to group group_id. */
static enum zt_err initiative_of_group(struct store *st, int64_t group_id, int64_t iid, struct zt_error *e)
{
	int64_t n = 0;
	int rc = db_scalar_int(st->db, &n, "SELECT COUNT(*) FROM care_group_initiative WHERE id = ? AND group_id = ?", "ii",
			       iid, group_id);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	if (n == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "initiative_id", "指定された取組はこのグループにありません。");
	return ZT_OK;
}

enum zt_err store_initiative_attachment_put(struct store *st, int64_t group_id, int64_t iid, const char *mime,
					    const void *data, size_t len, struct zt_error *e)
{
	enum zt_err r = initiative_of_group(st, group_id, iid, e);
	if (r != ZT_OK)
		return r;
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
		"INSERT INTO care_group_initiative_attachment (initiative_id, content_type, data, size, uploaded_at) "
		"VALUES (?,?,?,?,?) ON CONFLICT (initiative_id) DO UPDATE SET content_type = excluded.content_type, "
		"data = excluded.data, size = excluded.size, uploaded_at = excluded.uploaded_at",
		"isbis", iid, mime, data, (int)len, (int64_t)len, now);
	return rc < 0 || rc == DB_CONSTRAINT ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_initiative_attachment_get(struct store *st, int64_t group_id, int64_t iid, char *mime, size_t mimesz,
					    void **data, size_t *len, struct zt_error *e)
{
	*data = NULL;
	*len = 0;
	enum zt_err r = initiative_of_group(st, group_id, iid, e);
	if (r != ZT_OK)
		return r;
	struct db_stmt *q = db_query(st->db,
		"SELECT content_type, data FROM care_group_initiative_attachment WHERE initiative_id = ?", "i", iid);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		snprintf(mime, mimesz, "%s", db_col_text(q, 0));
		blob_copy(q, 1, data, len);
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "attachment", "この取組には添付ファイルがありません。");
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

json_t *store_initiative_attachments(struct store *st, int64_t group_id)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT a.initiative_id, a.content_type, a.size, a.uploaded_at FROM care_group_initiative_attachment a "
		"JOIN care_group_initiative i ON i.id = a.initiative_id WHERE i.group_id = ?", "i", group_id);
	if (q == NULL)
		return NULL;
	json_t *out = json_object();
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)db_col_int(q, 0));
		json_object_set_new(out, key, json_pack("{s:s, s:I, s:s}", "content_type", db_col_text(q, 1), "size",
							(json_int_t)db_col_int(q, 2), "uploaded_at", db_col_text(q, 3)));
	}
	db_finalize(q);
	if (rc < 0) {
		json_decref(out);
		return NULL;
	}
	return out;
}

int64_t store_institution_id_by_name(struct store *st, const char *name)
{
	int64_t id = 0;
	db_scalar_int(st->db, &id, "SELECT id FROM institution WHERE name = ? ORDER BY id LIMIT 1", "s", name);
	return id;
}

bool store_groups_need_check(struct store *st, const char *today)
{
	int64_t n = 0;
	db_scalar_int(st->db, &n, "SELECT COUNT(*) FROM care_group WHERE checked_on IS NULL OR checked_on <> ?", "s", today);
	return n > 0;
}
