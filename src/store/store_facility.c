/* Institutions of the registry (地域資源, seed 002 ①, issue 2 §5/§7): get, search with filters, create,
 * update, delete. */
#include "store/store_internal.h"
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/geo.h"
#include "domain/text.h"

#define FAC_COLUMNS \
	"i.id, i.kind, i.name, i.kana, i.legal_entity_id, le.name, i.medical_code, i.postal_code, i.address, " \
	"i.municipality_code, i.lat, i.lon, i.coord_source, i.coord_precision, i.coord_date, i.phone, i.fax, " \
	"i.beds, i.h24, i.home_care, i.note, i.created_at, i.updated_at, i.capability_mask, i.h24_known, " \
	"i.home_care_known, i.capabilities_known, le.corporate_number "
#define FAC_FROM " FROM institution i LEFT JOIN legal_entity le ON le.id = i.legal_entity_id "
/* PostgreSQL: one institution's standards come with its row as one more column (FAC_STDS_COL), a
 * comma-separated list, since a second statement is a round trip there (SQLite reads them with a
 * statement of their own, in-process). */
#define FAC_STDS_PG ", (SELECT string_agg(s.standard, ',') FROM institution_standard s WHERE s.institution_id = i.id)"
#define FAC_STDS_COL 28

/* The text columns of FAC_COLUMNS by position. */
#define FT(i, member) STORE_TEXT_COL(struct facility, i, member)
static const struct store_text_col fac_text[] = {
	FT(2, name), FT(3, kana), FT(5, legal_entity), FT(6, medical_code), FT(7, postal_code), FT(8, address),
	FT(9, municipality_code), FT(12, coord_source), FT(13, coord_precision), FT(14, coord_date), FT(15, phone),
	FT(16, fax), FT(20, note), FT(21, created_at), FT(22, updated_at), FT(27, legal_entity_number),
};

/* The fixed statements of this file, prepared once per connection (db_cached). */
enum fac_sql {
	FAC_GET_BY_ID, FAC_GET_BY_CODE, FAC_STDS, FAC_COUNT, FAC_LEGAL_ENTITY, FAC_ID_BY_CODE,
	FAC_SET_MASK, FAC_DEL_CAPS, FAC_DEL_STDS, FAC_ADD_CAP, FAC_ADD_STD, FAC_INSERT, FAC_UPDATE, FAC_DELETE,
	FAC_PRACTITIONERS, FAC_FILINGS, FAC_FILING_PUT, FAC_PRACTITIONER_ADD, FAC_FACTS, FAC_FACT_PUT, FAC_FACT_DEL,
	FAC_KEY_STALE, FAC_KEY_ALL, FAC_KEY_SET, FAC_KEY_ANY_STALE, FAC_LEGAL_NUMBER, FAC_GET_BY_ID_PG,
	FAC_GET_BY_CODE_PG, FAC_GET_ANY_PG, FAC_STDS_ANY_PG, FAC_SETS_RESET_PG, FAC_ADD_CAPS_PG, FAC_ADD_STDS_PG, FAC_FACTS_PUT_PG, FAC_FACTS_DEL_PG, FAC__MAX
};
static const char *const fac_sql_text[FAC__MAX] = {
	[FAC_GET_BY_ID] = "SELECT " FAC_COLUMNS FAC_FROM "WHERE i.id = ?",
	[FAC_GET_BY_CODE] = "SELECT " FAC_COLUMNS FAC_FROM "WHERE i.medical_code = ?",
	[FAC_STDS] = "SELECT standard FROM institution_standard WHERE institution_id = ?",
	[FAC_COUNT] = "SELECT COUNT(*) FROM institution",
	[FAC_LEGAL_ENTITY] = "INSERT INTO legal_entity (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name "
			     "RETURNING id",
	[FAC_ID_BY_CODE] = "SELECT id FROM institution WHERE medical_code = ?",
	[FAC_SET_MASK] = "UPDATE institution SET capability_mask = ?, capabilities_known = ?, h24_known = ?, "
			 "home_care_known = ?, search_key = ? WHERE id = ?",
	[FAC_DEL_CAPS] = "DELETE FROM institution_capability WHERE institution_id = ?",
	[FAC_DEL_STDS] = "DELETE FROM institution_standard WHERE institution_id = ?",
	[FAC_ADD_CAP] = "INSERT INTO institution_capability (institution_id, capability) VALUES (?, ?)",
	[FAC_ADD_STD] = "INSERT INTO institution_standard (institution_id, standard) VALUES (?, ?)",
	/* FAC_INSERT and FAC_UPDATE share their first 20 parameters (prepare_write). */
	[FAC_INSERT] = "INSERT INTO institution (kind, name, kana, legal_entity_id, medical_code, postal_code, address, "
		       "municipality_code, lat, lon, coord_source, coord_precision, coord_date, phone, fax, beds, h24, "
		       "home_care, note, updated_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
	[FAC_UPDATE] = "UPDATE institution SET kind=?, name=?, kana=?, legal_entity_id=?, medical_code=?, postal_code=?, "
		       "address=?, municipality_code=?, lat=?, lon=?, coord_source=?, coord_precision=?, coord_date=?, phone=?, "
		       "fax=?, beds=?, h24=?, home_care=?, note=?, updated_at=? WHERE id=?",
	[FAC_DELETE] = "DELETE FROM institution WHERE id = ?",
	[FAC_PRACTITIONERS] = "SELECT id, role, name, kana, specialty, active FROM practitioner WHERE institution_id = ? ORDER BY id",
	[FAC_FILINGS] = "SELECT symbol, filing_name, number, start_date, known FROM institution_filing WHERE institution_id = ? "
			"ORDER BY symbol",
	[FAC_FILING_PUT] = "INSERT INTO institution_filing (institution_id, symbol, filing_name, number, start_date, known) "
			   "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (institution_id, symbol) DO UPDATE SET filing_name = excluded.filing_name, "
			   "number = excluded.number, start_date = excluded.start_date, known = excluded.known",
	/* 法人番号 when the form gives one (issue 13 §4); an empty one never clears the 法人's */
	[FAC_LEGAL_NUMBER] = "UPDATE legal_entity SET corporate_number = ? WHERE id = ?",
	[FAC_PRACTITIONER_ADD] = "INSERT INTO practitioner (institution_id, role, name, kana, specialty) VALUES (?, ?, ?, ?, ?) "
				 "RETURNING id",
	[FAC_FACTS] = "SELECT fact, state, confirmed_by, confirmed_at FROM institution_fact WHERE institution_id = ? ORDER BY fact",
	[FAC_FACT_PUT] = "INSERT INTO institution_fact (institution_id, fact, state, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?) "
			 "ON CONFLICT (institution_id, fact) DO UPDATE SET state = excluded.state, "
			 "confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at",
	[FAC_FACT_DEL] = "DELETE FROM institution_fact WHERE institution_id = ? AND fact = ?",
	[FAC_KEY_STALE] = "SELECT " FAC_COLUMNS FAC_FROM "WHERE i.search_key IS NULL ORDER BY i.id LIMIT 500",
	[FAC_KEY_ALL] = "SELECT " FAC_COLUMNS ", i.search_key" FAC_FROM "WHERE i.id > ? ORDER BY i.id LIMIT 500",
	[FAC_KEY_SET] = "UPDATE institution SET search_key = ? WHERE id = ?",
	[FAC_KEY_ANY_STALE] = "SELECT COUNT(*) FROM (SELECT 1 FROM institution WHERE search_key IS NULL LIMIT 1) s",
	/* PostgreSQL only: one row with its standards (FAC_STDS_PG); a page's rows by id and a page's
	 * standards in one statement each (a subquery per row measured slower for a page), the ids as one
	 * array literal {1,2,…} */
	[FAC_GET_BY_ID_PG] = "SELECT " FAC_COLUMNS FAC_STDS_PG FAC_FROM "WHERE i.id = ?",
	[FAC_GET_BY_CODE_PG] = "SELECT " FAC_COLUMNS FAC_STDS_PG FAC_FROM "WHERE i.medical_code = ?",
	[FAC_GET_ANY_PG] = "SELECT " FAC_COLUMNS FAC_STDS_PG FAC_FROM "WHERE i.id = ANY(?::bigint[])",
	[FAC_STDS_ANY_PG] = "SELECT institution_id, standard FROM institution_standard WHERE institution_id = ANY(?::bigint[]) "
			    "ORDER BY institution_id",
	/* PostgreSQL only (write_sets, store_facility_confirm): FAC_SET_MASK, FAC_DEL_CAPS and FAC_DEL_STDS
	 * in one statement; the rows of a set in one statement each */
	[FAC_SETS_RESET_PG] = "WITH c AS (DELETE FROM institution_capability WHERE institution_id = ?), "
			      "s AS (DELETE FROM institution_standard WHERE institution_id = ?) "
			      "UPDATE institution SET capability_mask = ?, capabilities_known = ?, h24_known = ?, "
			      "home_care_known = ?, search_key = ? WHERE id = ?",
	[FAC_ADD_CAPS_PG] = "INSERT INTO institution_capability (institution_id, capability) SELECT ?, unnest(?::text[])",
	[FAC_ADD_STDS_PG] = "INSERT INTO institution_standard (institution_id, standard) SELECT ?, unnest(?::text[])",
	[FAC_FACTS_PUT_PG] = "INSERT INTO institution_fact (institution_id, fact, state, confirmed_by, confirmed_at) "
			     "SELECT ?, u.fact, u.state, ?, ? FROM unnest(?::text[], ?::text[]) AS u(fact, state) "
			     "ON CONFLICT (institution_id, fact) DO UPDATE SET state = excluded.state, "
			     "confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at",
	[FAC_FACTS_DEL_PG] = "DELETE FROM institution_fact WHERE institution_id = ? AND fact = ANY(?::text[])",
};
static const struct db_sql_table fac_sql = {STORE_SQL_FACILITY, FAC__MAX, fac_sql_text};

/*
 * The search's statements are a family of variants: which filters are present (one bit each, see
 * build_where) times three forms. Their text depends on the filter set only, never on a value, so
 * at most FORMS << FILTER_BITS texts exist and each is prepared once per connection when first met.
 */
#define FILTER_BITS 11
/* FORM_PAGE is the listing by id; FORM_SORTED + k the listing in order k of enum fac_sort, ascending
 * or (FORM_SORTED + FAC_SORT__MAX + k) descending. */
enum search_form { FORM_COUNT, FORM_PAGE, FORM_NEAR, FORM_SORTED, FORMS = FORM_SORTED + 2 * FAC_SORT__MAX };
static const struct db_sql_table search_sql = {STORE_SQL_FACILITY_SEARCH, FORMS << FILTER_BITS, NULL};
/* PostgreSQL: the page forms (FORM_PAGE, FORM_SORTED + k) as one statement with the count and the
 * standards (search_text_pg), by the same index. */
static const struct db_sql_table search_pg_sql = {STORE_SQL_FACILITY_SEARCH_PG, FORMS << FILTER_BITS, NULL};
/* The column of search_text_pg's count (after FAC_COLUMNS and FAC_STDS_COL). */
#define FAC_TOTAL_COL 29

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
	/* capability_mask mirrors institution_capability (write_sets writes both): one column instead
	 * of one query per row. */
	f->capabilities = (uint32_t)db_col_int(q, 23) & ((1u << CAP__MAX) - 1);
	f->h24_known = db_col_int(q, 24) != 0;
	f->home_care_known = db_col_int(q, 25) != 0;
	f->capabilities_known = (uint32_t)db_col_int(q, 26) & ((1u << CAP__MAX) - 1);
	facility_facts_tidy(f);
}

/* Loads the standards of f (its capabilities come with the row). The statement is passed in so a
 * search reuses it. Returns the status of the last step: DB_DONE, or an error. */
static int load_standards(struct db_stmt *stds, struct facility *f)
{
	int rc;
	db_reset(stds);
	db_bind_int(stds, 1, f->id);
	while ((rc = db_step(stds)) == DB_ROW) {
		int s = STD_LOOKUP(db_col_text(stds, 0));
		if (s >= 0)
			f->standards |= 1u << s;
	}
	return rc;
}

/* The array literal {1,2,…} of ids[0..n) (a new string, caller frees), bound as one parameter. */
static char *id_array(const int64_t *ids, size_t n)
{
	size_t cap = 3 + n * 21, used = 0;
	char *a = malloc(cap);
	if (a == NULL)
		abort(); /* out of memory may abort (architecture.md) */
	a[used++] = '{';
	for (size_t k = 0; k < n; k++)
		used += (size_t)snprintf(a + used, cap - used, "%s%lld", k ? "," : "", (long long)ids[k]);
	snprintf(a + used, cap - used, "}");
	return a;
}

/* An array literal {"a","b",…} of the codes v[0..n) (this file's own code tables: no quote or
 * backslash inside), for the PostgreSQL statements that write a set in one statement. */
static void code_array(char *out, size_t size, const char *const *v, int n)
{
	size_t used = (size_t)snprintf(out, size, "{");
	for (int k = 0; k < n && used < size; k++)
		used += (size_t)snprintf(out + used, size - used, "%s\"%s\"", k ? "," : "", v[k]);
	if (used < size)
		snprintf(out + used, size - used, "}");
}

/* The index of id among ids[0..n), looked up from hint first (rows come grouped); n when absent. */
static size_t id_index(const int64_t *ids, size_t n, int64_t id, size_t hint)
{
	if (hint < n && ids[hint] == id)
		return hint;
	for (size_t k = 0; k < n; k++)
		if (ids[k] == id)
			return k;
	return n;
}

/* PostgreSQL: the standards of the current row of q from its FAC_STDS_COL list. */
static void standards_from_col(struct db_stmt *q, struct facility *f)
{
	char list[512];
	snprintf(list, sizeof list, "%s", db_col_text(q, FAC_STDS_COL));
	for (char *save = NULL, *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int k = STD_LOOKUP(t);
		if (k >= 0)
			f->standards |= 1u << k;
	}
}

/* Reads the standards of rows[0..n) (their ids in ids) in one statement. DB_DONE or an error. */
static int load_standards_pg(struct store *st, const int64_t *ids, struct facility *rows, size_t n)
{
	if (n == 0)
		return DB_DONE;
	char *a = id_array(ids, n);
	struct db_stmt *q = db_cached(st->db, &fac_sql, FAC_STDS_ANY_PG, "s", a);
	free(a);
	if (q == NULL)
		return DB_HARD_ERROR;
	int rc;
	size_t k = 0;
	while ((rc = db_step(q)) == DB_ROW) {
		k = id_index(ids, n, db_col_int(q, 0), k);
		int s = STD_LOOKUP(db_col_text(q, 1));
		if (k < n && s >= 0)
			rows[k].standards |= 1u << s;
	}
	db_release(q);
	return rc;
}

/* Reads one institution with its sets from q (FAC_GET_*, bound; released here). */
static enum zt_err get_one(struct store *st, struct db_stmt *q, struct facility *out, struct zt_error *e)
{
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		row_to_facility(q, out);
		if (st->pg)
			standards_from_col(q, out);
	}
	db_release(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された機関は見つかりません。");
	if (rc < 0)
		return store_db_err(st, rc, e);
	if (st->pg)
		return ZT_OK;
	struct db_stmt *stds = db_cached(st->db, &fac_sql, FAC_STDS, "");
	rc = stds ? load_standards(stds, out) : DB_HARD_ERROR;
	db_release(stds);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_facility_get(struct store *st, int64_t id, struct facility *out, struct zt_error *e)
{
	return get_one(st, db_cached(st->db, &fac_sql, st->pg ? FAC_GET_BY_ID_PG : FAC_GET_BY_ID, "i", id), out, e);
}

enum zt_err store_facility_by_code(struct store *st, const char *code, struct facility *out)
{
	return get_one(st, db_cached(st->db, &fac_sql, st->pg ? FAC_GET_BY_CODE_PG : FAC_GET_BY_CODE, "s", code), out, NULL);
}

int64_t store_facility_count(struct store *st)
{
	int64_t n = 0;
	db_scalar_cached(st->db, &n, &fac_sql, FAC_COUNT, "");
	return n;
}

/* Finds or creates the legal entity named name; 0 when name is empty. */
static enum zt_err legal_entity_id(struct store *st, const char *name, int64_t *id, struct zt_error *e)
{
	*id = 0;
	if (name[0] == '\0')
		return ZT_OK;
	int rc = db_scalar_cached(st->db, id, &fac_sql, FAC_LEGAL_ENTITY, "s", name);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

static enum zt_err check_refs(struct store *st, const struct facility *f, struct zt_error *e)
{
	if (f->municipality_code[0] && !store_municipality_exists(st, f->municipality_code))
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村コード %s は登録されていません。", f->municipality_code);
	if (f->medical_code[0]) {
		int64_t other = 0;
		int rc = db_scalar_cached(st->db, &other, &fac_sql, FAC_ID_BY_CODE, "s", f->medical_code);
		if (rc < 0)
			return store_db_err(st, rc, e);
		if (other && other != f->id)
			return zt_fail(e, ZT_ERR_CONFLICT, "medical_code", "医療機関コード %s は別の機関（ID %lld）に登録済みです。",
				       f->medical_code, (long long)other);
	}
	return ZT_OK;
}

static enum zt_err write_sets(struct store *st, const struct facility *f_in, struct zt_error *e)
{
	struct facility fs = *f_in;
	const struct facility *f = &fs;
	facility_facts_tidy(&fs);
	char key[FAC_SEARCH_KEY_MAX];
	facility_search_key(f, key, sizeof key);
	int rc;
	if (st->pg) { /* one statement per set, not per row (a round trip each), sent without waiting */
		rc = db_run_cached_nowait(st->db, &fac_sql, FAC_SETS_RESET_PG, "iiiiiisi", f->id, f->id, (int64_t)f->capabilities,
				   (int64_t)f->capabilities_known, (int64_t)f->h24_known, (int64_t)f->home_care_known, key, f->id);
		const char *codes[CAP__MAX + STD__MAX];
		char lit[(CAP__MAX + STD__MAX) * 40];
		int n = 0;
		for (int c = 0; c < CAP__MAX; c++)
			if (f->capabilities & (1u << c))
				codes[n++] = capabilities[c].code;
		code_array(lit, sizeof lit, codes, n);
		if (rc >= 0 && n > 0)
			rc = db_run_cached_nowait(st->db, &fac_sql, FAC_ADD_CAPS_PG, "is", f->id, lit);
		n = 0;
		for (int s = 0; s < STD__MAX; s++)
			if (f->standards & (1u << s))
				codes[n++] = standards[s].code;
		code_array(lit, sizeof lit, codes, n);
		if (rc >= 0 && n > 0)
			rc = db_run_cached_nowait(st->db, &fac_sql, FAC_ADD_STDS_PG, "is", f->id, lit);
		return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
	}
	rc = db_run_cached(st->db, &fac_sql, FAC_SET_MASK, "iiiisi", (int64_t)f->capabilities,
			   (int64_t)f->capabilities_known, (int64_t)f->h24_known, (int64_t)f->home_care_known, key, f->id);
	if (rc >= 0)
		rc = db_run_cached(st->db, &fac_sql, FAC_DEL_CAPS, "i", f->id);
	if (rc >= 0)
		rc = db_run_cached(st->db, &fac_sql, FAC_DEL_STDS, "i", f->id);
	for (int c = 0; c < CAP__MAX && rc >= 0; c++)
		if (f->capabilities & (1u << c))
			rc = db_run_cached(st->db, &fac_sql, FAC_ADD_CAP, "is", f->id, capabilities[c].code);
	for (int s = 0; s < STD__MAX && rc >= 0; s++)
		if (f->standards & (1u << s))
			rc = db_run_cached(st->db, &fac_sql, FAC_ADD_STD, "is", f->id, standards[s].code);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

/*
 * The part create and update share: checks the references, resolves the legal entity (filling
 * f->legal_entity_id) and takes statement which (FAC_INSERT or FAC_UPDATE, whose first 20 parameters
 * are the columns below in this order, the 20th updated_at) with them bound. The caller binds the
 * 21st and releases the statement.
 */
static enum zt_err prepare_write(struct store *st, enum fac_sql which, struct facility *f, char now[21],
				 struct db_stmt **out, struct zt_error *e)
{
	enum zt_err r = check_refs(st, f, e);
	if (r == ZT_OK)
		r = legal_entity_id(st, f->legal_entity, &f->legal_entity_id, e);
	if (r == ZT_OK && f->legal_entity_id && f->legal_entity_number[0]) {
		int rc = db_run_cached(st->db, &fac_sql, FAC_LEGAL_NUMBER, "si", f->legal_entity_number, f->legal_entity_id);
		if (rc < 0)
			r = store_db_err(st, rc, e);
	}
	if (r != ZT_OK)
		return r;
	zt_now_utc(now);
	struct db_stmt *q = db_cached(st->db, &fac_sql, which,
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
	enum zt_err r = prepare_write(st, FAC_INSERT, f, now, &q, e);
	if (r != ZT_OK)
		return r;
	db_bind_text(q, 21, now);
	int rc = db_step(q);
	if (rc == DB_ROW)
		f->id = db_col_int(q, 0);
	db_release(q);
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
	enum zt_err r = prepare_write(st, FAC_UPDATE, &f, now, &q, e);
	if (r != ZT_OK)
		return r;
	db_bind_int(q, 21, f.id);
	int rc = db_step(q);
	db_release(q);
	if (rc < 0 || rc == DB_CONSTRAINT)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された機関は見つかりません。");
	return write_sets(st, &f, e);
}

enum zt_err store_facility_delete(struct store *st, int64_t id, struct zt_error *e)
{
	int rc = db_run_cached(st->db, &fac_sql, FAC_DELETE, "i", id);
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

/* A WHERE clause with its parameters; mask says which filters it holds (one bit per w_add site),
 * so that the text is a function of mask alone and mask names the prepared variant. */
struct where {
	char sql[4096];
	size_t len;
	unsigned mask;
	struct param p[64];
	int np;
};

static void w_add(struct where *w, unsigned bit, const char *cond)
{
	w->mask |= 1u << bit;
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
	w->sql[0] = '\0';
	w->len = 0;
	w->mask = 0;
	w->np = 0;
	if (flt->municipality[0]) {
		w_add(w, 0, "i.municipality_code = ?");
		w_s(w, flt->municipality);
	}
	if (flt->care_area_id) {
		w_add(w, 1, "i.municipality_code IN (SELECT municipality_code FROM care_area_municipality WHERE care_area_id = ?)");
		w_i(w, flt->care_area_id);
	}
	if (flt->medical_area_id) {
		w_add(w, 2, "i.municipality_code IN (SELECT municipality_code FROM medical_area_municipality WHERE medical_area_id = ?)");
		w_i(w, flt->medical_area_id);
	}
	if (flt->kind >= 0) {
		w_add(w, 3, "i.kind = ?");
		w_s(w, inst_kinds[flt->kind].code);
	}
	if (flt->standard >= 0) {
		w_add(w, 4, "i.id IN (SELECT institution_id FROM institution_standard WHERE standard = ?)");
		w_s(w, standards[flt->standard].code);
	}
	/* Tri-state facts (facility_filter_facts_match is the same predicate in C; a yes is always
	 * known). Strict: the fact is confirmed as wanted. With include_unknown (bit 10) an unconfirmed
	 * fact passes as well. */
	if (flt->include_unknown && (flt->capabilities || flt->h24 >= 0 || flt->home_care >= 0))
		w->mask |= 1u << 10;
	if (flt->capabilities) {
		w_add(w, 5, flt->include_unknown ? "((i.capability_mask | (? - (i.capabilities_known & ?))) & ?) = ?"
						 : "(i.capability_mask & ?) = ?");
		if (flt->include_unknown) {
			w_i(w, (1 << CAP__MAX) - 1);
			w_i(w, (1 << CAP__MAX) - 1);
		}
		w_i(w, flt->capabilities);
		w_i(w, flt->capabilities);
	}
	if (flt->h24 >= 0) {
		w_add(w, 6, flt->include_unknown ? "(i.h24 = ? OR i.h24_known = 0)" : "i.h24 = ? AND i.h24_known = 1");
		w_i(w, flt->h24);
	}
	if (flt->home_care >= 0) {
		w_add(w, 9, flt->include_unknown ? "(i.home_care = ? OR i.home_care_known = 0)"
						 : "i.home_care = ? AND i.home_care_known = 1");
		w_i(w, flt->home_care);
	}
	if (flt->q[0]) {
		/* Every folded word must occur in the folded search text (AND); FAC_SEARCH_WORDS LIKEs
		 * always, unused ones '%', so that the text does not depend on the number of words. */
		char words[FAC_SEARCH_WORDS][TEXT_WORD_MAX];
		int n = text_search_words(flt->q, words, FAC_SEARCH_WORDS);
		if (n < 0) /* more words than the API allows (facility_query_parse refuses them): the first ones */
			n = FAC_SEARCH_WORDS;
		w_add(w, 7, "i.search_key LIKE ? ESCAPE '\\' AND i.search_key LIKE ? ESCAPE '\\' AND "
			    "i.search_key LIKE ? ESCAPE '\\' AND i.search_key LIKE ? ESCAPE '\\'");
		for (int k = 0; k < FAC_SEARCH_WORDS; k++) {
			char *l = like + k * (TEXT_WORD_MAX * 2 + 3);
			size_t o = 0;
			l[o++] = '%';
			for (const char *c = k < n ? words[k] : ""; *c; c++) {
				if (*c == '%' || *c == '_' || *c == '\\')
					l[o++] = '\\';
				l[o++] = *c;
			}
			if (o > 1)
				l[o++] = '%';
			l[o] = '\0';
			w_s(w, l);
		}
	}
	if (flt->near) {
		double dlat, dlon;
		geo_bbox(flt->near_lat, flt->within_km, &dlat, &dlon);
		w_add(w, 8, "i.lat BETWEEN ? AND ? AND i.lon BETWEEN ? AND ?");
		w_d(w, flt->near_lat - dlat);
		w_d(w, flt->near_lat + dlat);
		w_d(w, flt->near_lon - dlon);
		w_d(w, flt->near_lon + dlon);
	}
}

/* The text of form f for the filters in w (a function of w->mask alone). */
static void search_text(enum search_form f, const struct where *w, char *sql, size_t size)
{
	if (f == FORM_COUNT)
		snprintf(sql, size, "SELECT COUNT(*) FROM institution i%s", w->sql);
	else if (f == FORM_NEAR)
		snprintf(sql, size, "SELECT i.id, i.lat, i.lon FROM institution i%s", w->sql);
	else if (f == FORM_PAGE) /* The page's ids come from the covering filter index first (sorting
				  * integers, not rows), then only those rows are read. */
		snprintf(sql, size, "SELECT " FAC_COLUMNS FAC_FROM "WHERE i.id IN (SELECT i.id FROM institution i%s "
			 "ORDER BY i.id LIMIT ? OFFSET ?) ORDER BY i.id", w->sql);
	else {
		int k = (f - FORM_SORTED) % FAC_SORT__MAX;
		const char *dir = f - FORM_SORTED >= FAC_SORT__MAX ? " DESC" : "";
		/* よみ順 falls back on the name where no kana is recorded; NULLs (no code) sort last. */
		static const char *const by[FAC_SORT__MAX] = {
			"i.id", "i.name", "COALESCE(i.kana, i.name)", "i.municipality_code", "i.kind", "i.medical_code"};
		snprintf(sql, size, "SELECT " FAC_COLUMNS FAC_FROM "WHERE i.id IN (SELECT i.id FROM institution i%s "
			 "ORDER BY %s IS NULL, %s%s, i.id LIMIT ? OFFSET ?) ORDER BY %s IS NULL, %s%s, i.id", w->sql,
			 by[k], by[k], dir, by[k], by[k], dir);
	}
}

/*
 * PostgreSQL: page form f (FORM_PAGE or FORM_SORTED + k) with the count of all matches and each
 * row's standards, in one statement, since every statement is a round trip there (SQLite: the
 * count, the page and the standards per row, in-process, in one read transaction). The count is a
 * window over the filtered ids, computed before LIMIT, so it is the total; one statement sees one
 * snapshot, so no transaction is needed. A page past the end has no row to carry the count: the
 * caller then falls back on the statements of SQLite's path in a read transaction.
 */
static void search_text_pg(enum search_form f, const struct where *w, char *sql, size_t size)
{
	const char *order = "i.id", *dir = "";
	char by[160] = "i.id";
	if (f != FORM_PAGE) {
		int k = (f - FORM_SORTED) % FAC_SORT__MAX;
		static const char *const col[FAC_SORT__MAX] = {
			"i.id", "i.name", "COALESCE(i.kana, i.name)", "i.municipality_code", "i.kind", "i.medical_code"};
		dir = f - FORM_SORTED >= FAC_SORT__MAX ? " DESC" : "";
		snprintf(by, sizeof by, "%s IS NULL, %s%s, i.id", col[k], col[k], dir);
		order = by;
	}
	snprintf(sql, size,
		 "SELECT " FAC_COLUMNS FAC_STDS_PG ", p.n FROM (SELECT i.id, COUNT(*) OVER () AS n FROM institution i%s "
		 "ORDER BY %s LIMIT ? OFFSET ?) p JOIN institution i ON i.id = p.id "
		 "LEFT JOIN legal_entity le ON le.id = i.legal_entity_id ORDER BY %s",
		 w->sql, order, order);
}

/* The page form of flt's order. */
static enum search_form page_form(const struct facility_filter *flt)
{
	if (flt->sort <= FAC_SORT_ID && !flt->sort_desc)
		return FORM_PAGE;
	int k = flt->sort > 0 && flt->sort < FAC_SORT__MAX ? flt->sort : 0;
	return (enum search_form)(FORM_SORTED + (flt->sort_desc ? FAC_SORT__MAX : 0) + k);
}

/* The prepared statement of form f for w, with w's parameters bound (released by the caller). */
static struct db_stmt *search_stmt(struct store *st, enum search_form f, const struct where *w)
{
	char sql[6000];
	search_text(f, w, sql, sizeof sql);
	struct db_stmt *q = db_cached_sql(st->db, &search_sql, (int)(((unsigned)f << FILTER_BITS) | w->mask), sql);
	if (q != NULL)
		w_bind(q, w);
	return q;
}

void store_facility_explain(struct store *st, const struct facility_filter *flt, char *buf, int bufsz)
{
	struct where w;
	char like[FAC_SEARCH_WORDS * (TEXT_WORD_MAX * 2 + 3)], sql[6000];
	build_where(flt, &w, like);
	search_text(page_form(flt), &w, sql, sizeof sql);
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

/* PostgreSQL: the rows of a `near` page (hits[0..n), in their order) with their standards, in one
 * statement (store_facility_get per row on SQLite, in-process). */
static enum zt_err near_rows_pg(struct store *st, const struct near_hit *hits, struct facility *rows, size_t n,
				struct zt_error *e)
{
	int64_t *ids = malloc(n * sizeof *ids);
	char *found = calloc(n, 1);
	if (ids == NULL || found == NULL)
		abort();
	for (size_t k = 0; k < n; k++)
		ids[k] = hits[k].id;
	char *a = id_array(ids, n);
	struct db_stmt *q = db_cached(st->db, &fac_sql, FAC_GET_ANY_PG, "s", a);
	free(a);
	int rc = DB_HARD_ERROR;
	size_t k = 0;
	while (q != NULL && (rc = db_step(q)) == DB_ROW) {
		k = id_index(ids, n, db_col_int(q, 0), k + 1);
		if (k < n) {
			row_to_facility(q, &rows[k]);
			standards_from_col(q, &rows[k]);
			rows[k].distance_km = hits[k].km;
			found[k] = 1;
		}
	}
	db_release(q);
	enum zt_err r = rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
	for (k = 0; k < n && r == ZT_OK; k++)
		if (!found[k]) { /* gone meanwhile (no read transaction): as store_facility_get says */
			r = store_facility_get(st, ids[k], &rows[k], e);
			rows[k].distance_km = hits[k].km;
		}
	free(ids);
	free(found);
	return r;
}

/*
 * `near` searches: the bounding box narrows candidates through the lat index, the exact great-circle
 * distance decides, and only (id, distance) pairs are kept until the page is known, so that a wide
 * radius over a large registry costs 16 bytes per candidate rather than a whole institution.
 */
static enum zt_err search_near(struct store *st, const struct facility_filter *flt, const struct where *w,
			       struct facility **out, size_t *n, size_t *total, struct zt_error *e)
{
	struct db_stmt *q = search_stmt(st, FORM_NEAR, w);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
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
	db_release(q);
	if (rc != DB_DONE) {
		free(hits);
		return store_db_err(st, rc, e);
	}
	if (count > 1) /* qsort(NULL, 0, …) is undefined: an empty search has no array */
		qsort(hits, count, sizeof *hits, cmp_near);
	*total = count;
	size_t from = (size_t)flt->offset < count ? (size_t)flt->offset : count;
	size_t len = count - from < (size_t)flt->limit ? count - from : (size_t)flt->limit;
	struct facility *rows = len ? calloc(len, sizeof *rows) : NULL;
	if (len && rows == NULL)
		abort();
	if (st->pg && len > 0)
		r = near_rows_pg(st, hits + from, rows, len, e);
	for (size_t k = 0; !st->pg && k < len && r == ZT_OK; k++) {
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

/* Reads the page of the search w into rows (room for max): the rows, then their standards. */
static enum zt_err search_page(struct store *st, const struct facility_filter *flt, const struct where *w,
			       struct facility *rows, size_t max, size_t *count, struct zt_error *e)
{
	struct db_stmt *q = search_stmt(st, page_form(flt), w);
	struct db_stmt *stds = st->pg ? NULL : db_cached(st->db, &fac_sql, FAC_STDS, "");
	int rc = DB_HARD_ERROR;
	*count = 0;
	if (q != NULL && (stds != NULL || st->pg)) {
		db_bind_int(q, w->np + 1, flt->limit);
		db_bind_int(q, w->np + 2, flt->offset);
		while (*count < max && (rc = db_step(q)) == DB_ROW)
			row_to_facility(q, &rows[(*count)++]);
		if (rc == DB_ROW) /* the page is full: the rows the count saw, no more */
			rc = DB_DONE;
		if (st->pg && rc == DB_DONE) { /* the page's standards in one statement */
			int64_t *ids = malloc((*count ? *count : 1) * sizeof *ids);
			if (ids == NULL)
				abort();
			for (size_t k = 0; k < *count; k++)
				ids[k] = rows[k].id;
			rc = load_standards_pg(st, ids, rows, *count);
			free(ids);
		}
		for (size_t k = 0; !st->pg && k < *count && rc == DB_DONE; k++)
			rc = load_standards(stds, &rows[k]);
	}
	db_release(q);
	db_release(stds);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

/* The count, then the page (all filters but `near`). */
static enum zt_err search(struct store *st, const struct facility_filter *flt, const struct where *w,
			  struct facility **out, size_t *n, size_t *total, struct zt_error *e)
{
	struct db_stmt *q = search_stmt(st, FORM_COUNT, w);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	int64_t t = rc == DB_ROW ? db_col_int(q, 0) : 0;
	db_release(q);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	*total = (size_t)t;

	/* Room for the page as the count saw it (the same snapshot), not for the whole limit: a struct
	 * facility is several kilobytes. */
	size_t left = *total > (size_t)flt->offset ? *total - (size_t)flt->offset : 0;
	size_t max = left < (size_t)flt->limit ? left : (size_t)flt->limit;
	if (max == 0)
		return ZT_OK;
	struct facility *rows = calloc(max, sizeof *rows);
	if (rows == NULL)
		abort();
	size_t count;
	enum zt_err r = search_page(st, flt, w, rows, max, &count, e);
	if (r != ZT_OK) {
		free(rows);
		return r;
	}
	*out = rows;
	*n = count;
	return ZT_OK;
}

/* PostgreSQL: the page with the count in one statement (search_text_pg). *done is false when the
 * page is past the end (no row to carry the count): the caller then runs search(). */
static enum zt_err search_one_pg(struct store *st, const struct facility_filter *flt, const struct where *w,
				 struct facility **out, size_t *n, size_t *total, bool *done, struct zt_error *e)
{
	char sql[6000];
	enum search_form f = page_form(flt);
	search_text_pg(f, w, sql, sizeof sql);
	struct db_stmt *q = db_cached_sql(st->db, &search_pg_sql, (int)(((unsigned)f << FILTER_BITS) | w->mask), sql);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	w_bind(q, w);
	db_bind_int(q, w->np + 1, flt->limit);
	db_bind_int(q, w->np + 2, flt->offset);
	struct facility *rows = NULL;
	size_t count = 0, max = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		if (rows == NULL) { /* room for the page as the count says (a struct facility is large) */
			*total = (size_t)db_col_int(q, FAC_TOTAL_COL);
			size_t left = *total > (size_t)flt->offset ? *total - (size_t)flt->offset : 1;
			max = left < (size_t)flt->limit ? left : (size_t)flt->limit;
			if ((rows = calloc(max ? max : 1, sizeof *rows)) == NULL)
				abort();
		}
		if (count == max)
			break;
		row_to_facility(q, &rows[count]);
		standards_from_col(q, &rows[count++]);
	}
	db_release(q);
	if (rc < 0) {
		free(rows);
		return store_db_err(st, rc, e);
	}
	/* no row: nothing matches (offset 0), or the page is past the end (the count is unknown) */
	*done = count > 0 || flt->offset == 0;
	*out = rows;
	*n = count;
	return ZT_OK;
}

/* One read transaction: the count and the page see the same snapshot. */
enum zt_err store_facility_search(struct store *st, const struct facility_filter *flt, struct facility **out,
				  size_t *n, size_t *total, struct zt_error *e)
{
	struct where w;
	char like[FAC_SEARCH_WORDS * (TEXT_WORD_MAX * 2 + 3)];
	build_where(flt, &w, like);
	*out = NULL;
	*n = *total = 0;
	if (st->pg && !flt->near && flt->limit > 0) {
		bool done = false;
		enum zt_err r = search_one_pg(st, flt, &w, out, n, total, &done, e);
		if (r != ZT_OK || done)
			return r;
		*n = *total = 0;
	}
	int began = store_read_begin(st);
	enum zt_err r = flt->near ? search_near(st, flt, &w, out, n, total, e) : search(st, flt, &w, out, n, total, e);
	store_read_end(st, began);
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
	return store_rows_json(db_cached(st->db, &fac_sql, FAC_PRACTITIONERS, "i", id));
}

json_t *store_facility_filings(struct store *st, int64_t id)
{
	return store_rows_json(db_cached(st->db, &fac_sql, FAC_FILINGS, "i", id));
}

enum zt_err store_filing_put(struct store *st, int64_t institution_id, const char *symbol, const char *name,
			     const char *number, const char *start_date, int known)
{
	return store_db_err(st, db_run_cached(st->db, &fac_sql, FAC_FILING_PUT,
		"issssi", institution_id, symbol, name, number, start_date, (int64_t)known), NULL);
}

enum zt_err store_practitioner_add(struct store *st, int64_t institution_id, const char *role, const char *name,
				   const char *kana, const char *specialty, int64_t *id)
{
	int rc = db_scalar_cached(st->db, id, &fac_sql, FAC_PRACTITIONER_ADD,
		"issss", institution_id, role, name, kana, specialty);
	return store_db_err(st, rc, NULL);
}

/* ---- tri-state facts: who confirmed what (issue 12 §3) ---- */

enum zt_err store_facility_confirm(struct store *st, const struct facility *before, const struct facility *after,
				   const char *by, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = DB_DONE;
	if (st->pg) { /* the changed facts in two statements, not one per fact, sent without waiting */
		const char *put[FACT__MAX], *state[FACT__MAX], *del[FACT__MAX];
		int np = 0, nd = 0;
		for (int k = 0; k < FACT__MAX; k++) {
			enum fact_state was = before ? facility_fact(before, k) : FACT_UNKNOWN, is = facility_fact(after, k);
			if (before && was == is)
				continue;
			if (is == FACT_UNKNOWN) {
				del[nd++] = facility_fact_code(k);
			} else {
				state[np] = is == FACT_YES ? "yes" : "no";
				put[np++] = facility_fact_code(k);
			}
		}
		char lit[FACT__MAX * 40], lit2[FACT__MAX * 8];
		if (nd > 0) {
			code_array(lit, sizeof lit, del, nd);
			rc = db_run_cached_nowait(st->db, &fac_sql, FAC_FACTS_DEL_PG, "is", after->id, lit);
		}
		if (np > 0 && rc >= 0) {
			code_array(lit, sizeof lit, put, np);
			code_array(lit2, sizeof lit2, state, np);
			rc = db_run_cached_nowait(st->db, &fac_sql, FAC_FACTS_PUT_PG, "issss", after->id, by && by[0] ? by : "system",
					   now, lit, lit2);
		}
		return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
	}
	for (int k = 0; k < FACT__MAX && rc >= 0; k++) {
		enum fact_state was = before ? facility_fact(before, k) : FACT_UNKNOWN, is = facility_fact(after, k);
		if (before && was == is)
			continue; /* unchanged: the earlier confirmation stands */
		if (is == FACT_UNKNOWN)
			rc = db_run_cached(st->db, &fac_sql, FAC_FACT_DEL, "is", after->id, facility_fact_code(k));
		else
			rc = db_run_cached(st->db, &fac_sql, FAC_FACT_PUT, "issss", after->id, facility_fact_code(k),
					   is == FACT_YES ? "yes" : "no", by && by[0] ? by : "system", now);
	}
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

json_t *store_facility_confirmations(struct store *st, int64_t id)
{
	return store_rows_json(db_cached(st->db, &fac_sql, FAC_FACTS, "i", id));
}

/* ---- the folded search text (issue 12 §6) ---- */

/* Recomputes the search keys of one batch read by q (bound; released here). With compare, the
 * stored key is column FAC_COLUMNS + 1 and only differing ones are written. *last receives the
 * batch's last id, *n its number of rows. */
static int refresh_batch(struct store *st, struct db_stmt *q, bool compare, int64_t *last, int *n)
{
	struct id_key {
		int64_t id;
		char key[FAC_SEARCH_KEY_MAX];
	};
	static const size_t max = 500;
	struct id_key *todo = calloc(max, sizeof *todo);
	size_t nt = 0;
	int rc;
	if (q == NULL || todo == NULL) {
		db_release(q);
		free(todo);
		return DB_HARD_ERROR;
	}
	*n = 0;
	while ((rc = db_step(q)) == DB_ROW) {
		struct facility f;
		row_to_facility(q, &f);
		(*n)++;
		*last = f.id;
		facility_search_key(&f, todo[nt].key, sizeof todo[nt].key);
		const char *old = compare ? db_col_text(q, 28) : NULL; /* after FAC_COLUMNS */
		if (!compare || old == NULL || strcmp(old, todo[nt].key) != 0)
			todo[nt++].id = f.id;
	}
	db_release(q);
	for (size_t k = 0; k < nt && rc == DB_DONE; k++) {
		int w = db_run_cached(st->db, &fac_sql, FAC_KEY_SET, "si", todo[k].key, todo[k].id);
		if (w < 0)
			rc = w;
	}
	free(todo);
	return rc;
}

enum zt_err store_facility_search_refresh(struct store *st, bool all, struct zt_error *e)
{
	int64_t last = 0;
	int n, rc;
	do {
		struct db_stmt *q = all ? db_cached(st->db, &fac_sql, FAC_KEY_ALL, "i", last)
					: db_cached(st->db, &fac_sql, FAC_KEY_STALE, "");
		rc = refresh_batch(st, q, all, &last, &n);
	} while (rc == DB_DONE && n == 500);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

bool store_facility_search_stale(struct store *st)
{
	int64_t n = 0;
	return db_scalar_cached(st->db, &n, &fac_sql, FAC_KEY_ANY_STALE, "") == DB_ROW && n > 0;
}
