/* iCalendar duty feeds: subscriptions with hashed tokens and the duties they show (issue 14 §7; see store_feeds.h). */
#include "store/store_feeds.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_internal.h"

/* The feed with its target's name and municipality (the doctor's institution, the group's 拠点). */
#define FEED_SELECT                                                                                              \
	"SELECT f.id, f.kind, COALESCE(f.practitioner_id, f.group_id, f.operator_id), f.account_id, a.username, "   \
	"f.token_hash, f.created_at, f.revoked_at, f.last_fetched_at, COALESCE(p.name, g.name, o.name), "          \
	"COALESCE(pi.municipality_code, gi.municipality_code, o.municipality_code, oi.municipality_code) "         \
	"FROM ical_feed f JOIN account a ON a.id = f.account_id "                                                  \
	"LEFT JOIN practitioner p ON p.id = f.practitioner_id LEFT JOIN institution pi ON pi.id = p.institution_id " \
	"LEFT JOIN care_group g ON g.id = f.group_id LEFT JOIN institution gi ON gi.id = g.base_institution_id "  \
	"LEFT JOIN operator o ON o.id = f.operator_id LEFT JOIN institution oi ON oi.id = o.association_id "

#define FT(i, member) STORE_TEXT_COL(struct ical_feed, i, member)
static const struct store_text_col feed_text[] = {
	FT(4, username), FT(5, token_hash), FT(6, created_at), FT(7, revoked_at), FT(8, last_fetched_at),
	FT(9, target_name), FT(10, target_municipality),
};

static void row_to_feed(struct db_stmt *q, struct ical_feed *f)
{
	memset(f, 0, sizeof *f);
	f->id = db_col_int(q, 0);
	f->kind = feed_kind_lookup(db_col_text(q, 1));
	f->target_id = db_col_int(q, 2);
	f->account_id = db_col_int(q, 3);
	store_copy_cols(q, f, feed_text, sizeof feed_text / sizeof feed_text[0]);
}

enum zt_err store_feed_insert(struct store *st, struct ical_feed *f, const char *token_hash, struct zt_error *e)
{
	zt_now_utc(f->created_at);
	int64_t t = f->target_id;
	int rc = db_scalar_int(st->db, &f->id,
			       "INSERT INTO ical_feed (kind, practitioner_id, group_id, operator_id, token_hash, account_id, "
			       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			       "sIIIsis", feed_kinds[f->kind].code, f->kind == FEED_DOCTOR ? t : 0, f->kind == FEED_GROUP ? t : 0,
			       f->kind == FEED_MEETINGS ? t : 0, token_hash, f->account_id, f->created_at);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	return ZT_OK;
}

static enum zt_err one_feed(struct store *st, struct db_stmt *q, struct ical_feed *out, struct zt_error *e)
{
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_to_feed(q, out);
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "カレンダー購読が見つかりません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_feed_find(struct store *st, const char *token_hash, struct ical_feed *out)
{
	return one_feed(st, db_query(st->db, FEED_SELECT "WHERE f.token_hash = ?", "s", token_hash), out, NULL);
}

enum zt_err store_feed_get(struct store *st, int64_t id, struct ical_feed *out, struct zt_error *e)
{
	return one_feed(st, db_query(st->db, FEED_SELECT "WHERE f.id = ?", "i", id), out, e);
}

enum zt_err store_feed_list(struct store *st, int64_t account_id, struct ical_feed **out, size_t *n,
			    struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db, FEED_SELECT "WHERE ? = 0 OR f.account_id = ? ORDER BY f.id DESC", "ii",
				     account_id, account_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row_to_feed(q, STORE_PUSH(*out, *n, cap));
	db_finalize(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}

enum zt_err store_feed_revoke(struct store *st, int64_t id, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db, "UPDATE ical_feed SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", "si", now, id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	return db_changes(st->db) ? ZT_OK : zt_fail(e, ZT_ERR_NOTFOUND, "id", "有効なカレンダー購読が見つかりません。");
}

void store_feed_touch(struct store *st, int64_t id, const char *now, const char *since)
{
	(void)db_run(st->db,
		     "UPDATE ical_feed SET last_fetched_at = ? WHERE id = ? AND (last_fetched_at IS NULL OR last_fetched_at < ?)",
		     "sis", now, id, since);
}

/* The duties with what a feed shows of them; sub_id is the latest accepted substitution of an
 * absence of the rostered doctor that covers the duty's date (store_absences.c records them). */
#define FEED_DUTIES                                                                                                 \
	"SELECT x.id, x.group_id, x.duty_date, x.duty_type, x.practitioner_id, x.institution_id, x.source, x.note, " \
	"x.p_name, x.i_name, x.g_name, x.day_start, x.day_end, x.saturday_holiday, x.sub_id, sp.name, si.name "     \
	"FROM (SELECT d.id, d.group_id, d.duty_date, d.duty_type, d.practitioner_id, d.institution_id, d.source, "  \
	"  d.note, p.name AS p_name, i.name AS i_name, g.name AS g_name, "                                          \
	"  COALESCE(ds.day_start, 540) AS day_start, COALESCE(ds.day_end, 1080) AS day_end, "                       \
	"  COALESCE(ds.saturday_holiday, 0) AS saturday_holiday, "                                                  \
	"  (SELECT s.practitioner_id FROM substitution s JOIN absence a ON a.id = s.absence_id "                   \
	"   WHERE s.duty_id = d.id AND a.practitioner_id = d.practitioner_id "                                      \
	"   AND a.starts_on <= d.duty_date AND a.ends_on >= d.duty_date ORDER BY s.id DESC LIMIT 1) AS sub_id "    \
	"  FROM duty d JOIN practitioner p ON p.id = d.practitioner_id JOIN institution i ON i.id = d.institution_id " \
	"  JOIN care_group g ON g.id = d.group_id LEFT JOIN duty_setting ds ON ds.group_id = d.group_id "           \
	"  WHERE d.duty_date >= ? AND d.duty_date <= ?) x "                                                         \
	"LEFT JOIN practitioner sp ON sp.id = x.sub_id LEFT JOIN institution si ON si.id = sp.institution_id "      \
	"WHERE x.group_id = ? OR x.practitioner_id = ? OR x.sub_id = ? ORDER BY x.duty_date, x.duty_type, x.id"

static void row_to_feed_duty(struct db_stmt *q, struct feed_duty *f)
{
	memset(f, 0, sizeof *f);
	struct duty *d = &f->d;
	d->id = db_col_int(q, 0);
	d->group_id = db_col_int(q, 1);
	STORE_COPY(d->date, db_col_text(q, 2));
	d->type = duty_type_lookup(db_col_text(q, 3));
	d->practitioner_id = db_col_int(q, 4);
	d->institution_id = db_col_int(q, 5);
	STORE_COPY(d->source, db_col_text(q, 6));
	STORE_COPY(d->note, db_col_text(q, 7));
	STORE_COPY(d->practitioner_name, db_col_text(q, 8));
	STORE_COPY(d->institution_name, db_col_text(q, 9));
	STORE_COPY(f->group_name, db_col_text(q, 10));
	f->hours = DUTY_HOURS_DEFAULT;
	f->hours.day_start = (int)db_col_int(q, 11);
	f->hours.day_end = (int)db_col_int(q, 12);
	f->hours.saturday_holiday = db_col_int(q, 13) != 0;
	f->substitute_id = db_col_int(q, 14);
	STORE_COPY(f->substitute_name, db_col_text(q, 15));
	STORE_COPY(f->substitute_institution, db_col_text(q, 16));
}

enum zt_err store_feed_duties(struct store *st, int64_t group_id, int64_t practitioner_id, const char *from,
			      const char *to, struct feed_duty **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db, FEED_DUTIES, "ssiii", from, to, group_id, practitioner_id, practitioner_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row_to_feed_duty(q, STORE_PUSH(*out, *n, cap));
	db_finalize(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}
