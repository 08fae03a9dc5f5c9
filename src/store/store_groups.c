/* Groups (参入促進・連携（グループ化）, seed 000), their agreement (協定) and PDF, initiatives (取組)
 * and certificates (issue 4 §1–§3; see store_groups.h). */
#include "store/store_groups.h"
#include "core/clock.h"
#include "domain/wareki.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

static enum inst_kind kind_of(const char *code)
{
	int k = KIND_LOOKUP(code);
	return k < 0 ? KIND_CLINIC : (enum inst_kind)k;
}

/* The municipalities the 拠点 of g covers (association_municipality, region data) into g->base_covers. */
static enum zt_err base_covers(struct store *st, struct group *g, struct zt_error *e)
{
	g->nbase_covers = 0;
	if (g->base_id == 0)
		return ZT_OK;
	struct db_stmt *q = db_query(st->db,
		"SELECT municipality_code FROM association_municipality WHERE institution_id = ? ORDER BY municipality_code", "i",
		g->base_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW && g->nbase_covers < GROUP_MAX_COVER)
		STORE_COPY(g->base_covers[g->nbase_covers++], db_col_text(q, 0));
	db_finalize(q);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_group_get(struct store *st, int64_t id, struct group *g, struct zt_error *e)
{
	group_init(g);
	struct db_stmt *q = db_query(st->db,
		"SELECT g.id, g.name, g.note, g.base_institution_id, b.kind, b.name, b.municipality_code, g.certified, "
		"g.created_at, g.updated_at, g.kind, g.formed_on, g.published_at FROM care_group g "
		"LEFT JOIN institution b ON b.id = g.base_institution_id WHERE g.id = ?", "i", id);
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
		int k = group_kind_lookup(db_col_text(q, 10));
		g->kind = k < 0 ? GKIND_PROVIDERS : (enum group_kind)k;
		STORE_COPY(g->formed_on, db_col_text(q, 11));
		STORE_COPY(g->published_at, db_col_text(q, 12));
		g->published = g->published_at[0] != '\0';
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定されたグループは見つかりません。");
	if (rc < 0)
		return store_db_err(st, rc, e);

	q = db_query(st->db,
		"SELECT m.institution_id, i.kind, i.legal_entity_id, m.role, i.name, le.name, i.municipality_code, "
		"i.h24_known, le.corporate_number FROM care_group_member m "
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
		STORE_COPY(m->municipality, db_col_text(q, 6));
		m->h24_unconfirmed = db_col_int(q, 7) == 0;
		STORE_COPY(m->legal_entity_number, db_col_text(q, 8));
	}
	db_finalize(q);
	if (rc < 0)
		return store_db_err(st, rc, e);
	enum zt_err r = base_covers(st, g, e);
	if (r != ZT_OK)
		return r;

	q = db_query(st->db, "SELECT institution_id FROM care_group_active WHERE group_id = ? ORDER BY institution_id", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	while ((rc = db_step(q)) == DB_ROW && g->nactive < GROUP_MAX_ACTIVE)
		g->active_ids[g->nactive++] = db_col_int(q, 0);
	db_finalize(q);
	if (rc < 0)
		return store_db_err(st, rc, e);

	q = db_query(st->db,
		"SELECT signed_on, valid_from, valid_to, parties, document_size FROM care_group_agreement WHERE group_id = ?",
		"i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	if ((rc = db_step(q)) == DB_ROW) {
		struct group_agreement *a = &g->agreement;
		a->present = true;
		STORE_COPY(a->signed_on, db_col_text(q, 0));
		STORE_COPY(a->valid_from, db_col_text(q, 1));
		STORE_COPY(a->valid_to, db_col_text(q, 2));
		STORE_COPY(a->parties, db_col_text(q, 3));
		a->has_document = db_col_int(q, 4) > 0;
	}
	db_finalize(q);
	if (rc < 0)
		return store_db_err(st, rc, e);
	q = db_query(st->db, "SELECT institution_id FROM care_group_agreement_party WHERE group_id = ? ORDER BY institution_id",
		     "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	while ((rc = db_step(q)) == DB_ROW && g->agreement.nparties < GROUP_MAX_MEMBERS)
		g->agreement.party_ids[g->agreement.nparties++] = db_col_int(q, 0);
	db_finalize(q);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_group_members_resolve(struct store *st, struct group *g, struct zt_error *e)
{
	struct db_stmt *q = db_prepare(st->db,
		"SELECT i.kind, i.legal_entity_id, i.name, le.name, i.municipality_code, i.h24_known, le.corporate_number "
		"FROM institution i "
		"LEFT JOIN legal_entity le ON le.id = i.legal_entity_id WHERE i.id = ?");
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	enum zt_err r = ZT_OK;
	for (int i = 0; i < g->nmembers && r == ZT_OK; i++) {
		struct group_member *m = &g->members[i];
		db_reset(q);
		db_bind_int(q, 1, m->institution_id);
		int rc = db_step(q);
		if (rc == DB_ROW) {
			m->kind = kind_of(db_col_text(q, 0));
			m->legal_entity_id = db_col_int(q, 1);
			STORE_COPY(m->name, db_col_text(q, 2));
			STORE_COPY(m->legal_entity, db_col_text(q, 3));
			STORE_COPY(m->municipality, db_col_text(q, 4));
			m->h24_unconfirmed = db_col_int(q, 5) == 0;
			STORE_COPY(m->legal_entity_number, db_col_text(q, 6));
		} else if (rc == DB_DONE) {
			char field[32];
			snprintf(field, sizeof field, "members[%d]", i);
			r = zt_fail(e, ZT_ERR_INVALID, field, "%s: 機関ID %lld は登録されていません。", field,
				    (long long)m->institution_id);
		} else {
			r = store_db_err(st, rc, e);
		}
	}
	db_finalize(q);
	return r == ZT_OK ? base_covers(st, g, e) : r;
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
	if (rc >= 0)
		rc = db_run(st->db, "DELETE FROM care_group_agreement_party WHERE group_id = ?", "i", g->id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	for (int i = 0; a->present && i < a->nparties; i++) {
		if ((r = inst_exists(st, a->party_ids[i], "agreement.party_ids", e)) != ZT_OK)
			return r;
		rc = db_run(st->db, "INSERT INTO care_group_agreement_party (group_id, institution_id) VALUES (?,?)", "ii", g->id,
			    a->party_ids[i]);
		if (rc == DB_CONSTRAINT)
			return zt_fail(e, ZT_ERR_INVALID, "agreement.party_ids", "協定の当事者に重複があります。");
		if (rc < 0)
			return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

enum zt_err store_group_create(struct store *st, struct group *g, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	STORE_COPY(g->created_at, now);
	STORE_COPY(g->updated_at, now);
	int64_t id = 0;
	int rc = db_scalar_int(st->db, &id,
		"INSERT INTO care_group (name, note, base_institution_id, certified, created_at, updated_at, kind, formed_on) "
		"VALUES (?,?,NULL,0,?,?,?,?) RETURNING id", "ssssss", g->name, store_opt_text(g->note), now, now,
		group_kinds[g->kind].code, store_opt_text(g->formed_on));
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	g->id = id;
	enum zt_err r = write_parts(st, g, e);
	if (r != ZT_OK)
		return r;
	rc = db_run(st->db, "UPDATE care_group SET base_institution_id = ? WHERE id = ?", "Ii", g->base_id, g->id);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_group_update(struct store *st, struct group *g, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	STORE_COPY(g->updated_at, now);
	enum zt_err r;
	if (g->base_id && (r = inst_exists(st, g->base_id, "base_id", e)) != ZT_OK)
		return r;
	int rc = db_run(st->db, "UPDATE care_group SET name = ?, note = ?, base_institution_id = ?, updated_at = ?, kind = ?, "
			"formed_on = ? WHERE id = ?", "ssIsssi", g->name, store_opt_text(g->note), g->base_id, now,
			group_kinds[g->kind].code, store_opt_text(g->formed_on), g->id);
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

/* Issues a certificate numbered KG-<year of today (JST)>-<sequence>; the sequence is the row id the
 * database assigns (no MAX(id)+1), written into the number in the same transaction. */
static enum zt_err issue(struct store *st, const struct group *g, const struct group_member *m, const char *now,
			 const char *today, const struct cert_plan *pl, struct zt_error *e)
{
	int64_t id = 0;
	int rc = db_scalar_int(st->db, &id,
		"INSERT INTO group_certificate (number, group_id, group_name, institution_id, institution_name, status, "
		"issued_at, fiscal_year, first_year, base_name) VALUES ('KG-pending',?,?,?,?,'valid',?,?,?,?) RETURNING id",
		"isissiis", g->id, g->name, m->institution_id, m->name, now, (int64_t)pl->fiscal_year, (int64_t)pl->first_year,
		g->base_name);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	char number[32];
	snprintf(number, sizeof number, "KG-%.4s-%06lld", today && strlen(today) >= 4 ? today : now, (long long)id);
	rc = db_run(st->db, "UPDATE group_certificate SET number = ? WHERE id = ?", "si", number, id);
	return rc < 0 || rc == DB_CONSTRAINT ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_certificate_holders(struct store *st, int64_t group_id, int fiscal_year, int64_t *holders, int cap,
				      int *n, struct zt_error *e)
{
	*n = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT DISTINCT institution_id FROM group_certificate WHERE group_id = ? AND status = 'valid' "
		"AND fiscal_year = ? ORDER BY institution_id", "ii", group_id, (int64_t)fiscal_year);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW && *n < cap)
		holders[(*n)++] = db_col_int(q, 0);
	db_finalize(q);
	if (rc == DB_ROW)
		return zt_fail(e, ZT_ERR_DB, "", "機関証の件数が上限（%d）を超えています。", cap);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_certificates_apply(struct store *st, const struct group *g, const struct cert_plan *pl,
				     const char *today, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	/* certificates of another fiscal year lapse first (the plan's holders are this year's): "対象年度が
	 * 終了しました" while the group is valid, else the reason it no longer meets the 要件 */
	int rc = db_run(st->db, "UPDATE group_certificate SET status = 'revoked', revoked_at = ?, revoke_reason = ? "
				"WHERE group_id = ? AND status = 'valid' AND (fiscal_year IS NULL OR fiscal_year <> ?)",
			"ssii", now, pl->valid ? pl->lapse_reason : pl->reason, g->id, (int64_t)pl->fiscal_year);
	if (rc < 0)
		return store_db_err(st, rc, e);
	enum zt_err r = ZT_OK;
	for (int i = 0; i < pl->nissue && r == ZT_OK; i++)
		if (pl->issue[i] >= 0 && pl->issue[i] < g->nmembers)
			r = issue(st, g, &g->members[pl->issue[i]], now, today, pl, e);
	for (int i = 0; i < pl->nrevoke && r == ZT_OK; i++)
		r = revoke_where(st, g->id, pl->revoke[i], pl->reason, e);
	if (r != ZT_OK)
		return r;
	rc = pl->unpublish
		? db_run(st->db, "UPDATE care_group SET certified = ?, checked_on = ?, published_at = NULL, published_by = NULL "
				 "WHERE id = ?", "isi", (int64_t)pl->valid, today, g->id)
		: db_run(st->db, "UPDATE care_group SET certified = ?, checked_on = ? WHERE id = ?", "isi", (int64_t)pl->valid,
			 today, g->id);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

/* The int64 first column of every row of q (finalized here) into a malloc'd *ids. */
static enum zt_err collect_ids(struct store *st, struct db_stmt *q, int64_t **ids, size_t *n, struct zt_error *e)
{
	*ids = NULL;
	*n = 0;
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		*(int64_t *)STORE_PUSH(*ids, *n, cap) = db_col_int(q, 0);
	}
	db_finalize(q);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

enum zt_err store_groups_due(struct store *st, const char *today, int64_t **ids, size_t *n, struct zt_error *e)
{
	return collect_ids(st, db_query(st->db,
		"SELECT id FROM care_group WHERE checked_on IS NULL OR checked_on <> ? ORDER BY id", "s", today), ids, n, e);
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
	c->fiscal_year = (int)db_col_int(q, 10);
	c->first_year = db_col_int(q, 11) != 0;
	STORE_COPY(c->base_name, db_col_text(q, 12));
}

#define CERT_COLS "id, number, group_id, group_name, institution_id, institution_name, status, issued_at, revoked_at, " \
	"revoke_reason, fiscal_year, first_year, base_name"

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

/* Grows *arr (of elem bytes) to hold one more than *n items; aborts when out of memory. */
static void *grow(void *arr, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 16;
	void *p = realloc(arr, *cap * elem);
	if (p == NULL)
		abort();
	return p;
}

enum zt_err store_group_certificates(struct store *st, int64_t group_id, struct group_certificate **out, size_t *n,
				     struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT " CERT_COLS " FROM group_certificate WHERE group_id = ? ORDER BY id DESC", "i", group_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		*out = grow(*out, &cap, *n, sizeof **out);
		row_to_cert(q, &(*out)[(*n)++]);
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

/* ---- listings ---- */

enum zt_err store_groups_list(struct store *st, struct group_row **rows, size_t *n, struct zt_error *e)
{
	*rows = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT g.id, g.name, g.base_institution_id, b.name, b.municipality_code, g.certified, "
		"(SELECT COUNT(*) FROM care_group_member m WHERE m.group_id = g.id), g.updated_at, g.published_at, a.valid_to "
		"FROM care_group g LEFT JOIN institution b ON b.id = g.base_institution_id "
		"LEFT JOIN care_group_agreement a ON a.group_id = g.id ORDER BY g.id", "");
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		*rows = grow(*rows, &cap, *n, sizeof **rows);
		struct group_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = db_col_int(q, 0);
		STORE_COPY(r->name, db_col_text(q, 1));
		r->base_id = db_col_int(q, 2);
		STORE_COPY(r->base_name, db_col_text(q, 3));
		STORE_COPY(r->base_municipality, db_col_text(q, 4));
		r->certified = db_col_int(q, 5) != 0;
		r->member_count = (int)db_col_int(q, 6);
		STORE_COPY(r->updated_at, db_col_text(q, 7));
		r->published = db_col_text(q, 8)[0] != '\0';
		STORE_COPY(r->agreement_valid_to, db_col_text(q, 9));
	}
	db_finalize(q);
	if (rc < 0) {
		free(*rows);
		*rows = NULL;
		*n = 0;
		return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

void store_groups_public_free(struct group_public *g, size_t n)
{
	for (size_t i = 0; g && i < n; i++)
		free(g[i].members);
	free(g);
}

/* The members of public group pg through the prepared statement mq. */
static int public_members(struct db_stmt *mq, struct group_public *pg)
{
	db_reset(mq);
	db_bind_int(mq, 1, pg->id);
	size_t cap = 0, n = 0;
	int rc;
	while ((rc = db_step(mq)) == DB_ROW) {
		pg->members = grow(pg->members, &cap, n, sizeof *pg->members);
		struct group_public_member *m = &pg->members[n++];
		memset(m, 0, sizeof *m);
		m->institution_id = db_col_int(mq, 0);
		STORE_COPY(m->name, db_col_text(mq, 1));
		STORE_COPY(m->kind, db_col_text(mq, 2));
		STORE_COPY(m->role, db_col_text(mq, 3));
		STORE_COPY(m->municipality, db_col_text(mq, 4));
		STORE_COPY(m->address, db_col_text(mq, 5));
		m->active_role = db_col_int(mq, 6) != 0;
	}
	pg->nmembers = (int)n;
	return rc;
}

enum zt_err store_groups_public(struct store *st, struct group_public **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT g.id, g.name, b.id, b.name, g.kind FROM care_group g LEFT JOIN institution b ON b.id = g.base_institution_id "
		"WHERE g.certified = 1 AND g.published_at IS NOT NULL ORDER BY g.id", "");
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	struct db_stmt *mq = db_prepare(st->db,
		"SELECT m.institution_id, i.name, i.kind, m.role, i.municipality_code, i.address, "
		"EXISTS (SELECT 1 FROM care_group_active a WHERE a.group_id = m.group_id AND a.institution_id = m.institution_id) "
		"FROM care_group_member m JOIN institution i ON i.id = m.institution_id WHERE m.group_id = ? "
		"ORDER BY m.position, m.institution_id");
	if (mq == NULL) {
		db_finalize(q);
		return store_db_err(st, DB_HARD_ERROR, e);
	}
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		*out = grow(*out, &cap, *n, sizeof **out);
		struct group_public *pg = &(*out)[(*n)++];
		memset(pg, 0, sizeof *pg);
		pg->id = db_col_int(q, 0);
		STORE_COPY(pg->name, db_col_text(q, 1));
		pg->base_id = db_col_int(q, 2);
		STORE_COPY(pg->base_name, db_col_text(q, 3));
		STORE_COPY(pg->kind, db_col_text(q, 4));
		int mrc = public_members(mq, pg);
		if (mrc < 0) {
			rc = mrc;
			break;
		}
	}
	db_finalize(mq);
	db_finalize(q);
	if (rc < 0) {
		store_groups_public_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc, e);
	}
	return ZT_OK;
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
		"participants, created_at, planned) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
		"isissssisi", in->group_id, initiative_kinds[in->kind].code, (int64_t)in->fiscal_year, in->held_on, in->title,
		store_opt_text(in->description), store_opt_text(topics), (int64_t)in->participants, now, (int64_t)in->planned);
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
		"SELECT id, kind, fiscal_year, held_on, title, description, topics, participants, planned FROM care_group_initiative "
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
		it->planned = db_col_int(q, 8) != 0;
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

enum zt_err store_initiative_attachments(struct store *st, int64_t group_id, struct initiative_attachment_meta **out,
					 size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT a.initiative_id, a.content_type, a.size, a.uploaded_at FROM care_group_initiative_attachment a "
		"JOIN care_group_initiative i ON i.id = a.initiative_id WHERE i.group_id = ?", "i", group_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		*out = grow(*out, &cap, *n, sizeof **out);
		struct initiative_attachment_meta *m = &(*out)[(*n)++];
		memset(m, 0, sizeof *m);
		m->initiative_id = db_col_int(q, 0);
		STORE_COPY(m->content_type, db_col_text(q, 1));
		m->size = db_col_int(q, 2);
		STORE_COPY(m->uploaded_at, db_col_text(q, 3));
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

int64_t store_institution_id_by_name(struct store *st, const char *name)
{
	int64_t id = 0;
	db_scalar_int(st->db, &id, "SELECT id FROM institution WHERE name = ? ORDER BY id LIMIT 1", "s", name);
	return id;
}

/* ---- the 取組 of a fiscal year, publication, the certificate issuer ---- */

enum zt_err store_group_activity(struct store *st, struct group *g, const char *today, struct zt_error *e)
{
	memset(&g->activity, 0, sizeof g->activity);
	int fy = fiscal_year_of(today);
	struct db_stmt *q = db_query(st->db,
		"SELECT kind, SUM(CASE WHEN planned = 0 AND held_on <= ? THEN 1 ELSE 0 END), SUM(planned) "
		"FROM care_group_initiative WHERE group_id = ? AND fiscal_year = ? GROUP BY kind",
		"sii", today, g->id, (int64_t)fy);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		int k = initiative_kind_lookup(db_col_text(q, 0));
		if (k < 0)
			continue;
		g->activity.done[k] = (int)db_col_int(q, 1);
		g->activity.planned[k] = (int)db_col_int(q, 2);
	}
	db_finalize(q);
	if (rc < 0)
		return store_db_err(st, rc, e);
	g->activity.fiscal_year = fy;
	return ZT_OK;
}

enum zt_err store_group_publish(struct store *st, int64_t id, const char *by, char at[21], struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	if (at)
		memcpy(at, by ? now : "", by ? sizeof now : 1);
	int rc = by ? db_run(st->db, "UPDATE care_group SET published_at = ?, published_by = ? WHERE id = ?", "ssi", now, by, id)
		    : db_run(st->db, "UPDATE care_group SET published_at = NULL, published_by = NULL WHERE id = ?", "i", id);
	if (rc < 0 || rc == DB_CONSTRAINT)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定されたグループは見つかりません。");
	return ZT_OK;
}

enum zt_err store_certificate_issuer_get(struct store *st, const char *prefecture, struct certificate_issuer *out,
					 struct zt_error *e)
{
	char pref[3];
	snprintf(pref, sizeof pref, "%s", prefecture); /* prefecture may point into *out */
	memset(out, 0, sizeof *out);
	STORE_COPY(out->prefecture, pref);
	struct db_stmt *q = db_query(st->db,
		"SELECT issuer_name, representative_title, representative_name, updated_at FROM certificate_issuer "
		"WHERE prefecture_code = ?", "s", pref);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		STORE_COPY(out->name, db_col_text(q, 0));
		STORE_COPY(out->representative_title, db_col_text(q, 1));
		STORE_COPY(out->representative_name, db_col_text(q, 2));
		STORE_COPY(out->updated_at, db_col_text(q, 3));
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "prefecture", "機関証の交付者が設定されていません。");
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_certificate_issuer_put(struct store *st, const struct certificate_issuer *in, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
		"INSERT INTO certificate_issuer (prefecture_code, issuer_name, representative_title, representative_name, "
		"updated_at) VALUES (?,?,?,?,?) ON CONFLICT (prefecture_code) DO UPDATE SET issuer_name = excluded.issuer_name, "
		"representative_title = excluded.representative_title, representative_name = excluded.representative_name, "
		"updated_at = excluded.updated_at",
		"sssss", in->prefecture, in->name, store_opt_text(in->representative_title),
		store_opt_text(in->representative_name), now);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "prefecture", "都道府県コードが登録されていません。");
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}
