/* Use cases of the iCalendar duty feeds: create, list, revoke, fetch by token (issue 14 §7; see app_feeds.h). */
#include "app/app_feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_meetings.h"
#include "app/app_operators.h"
#include "auth/policy.h"
#include "core/clock.h"
#include "domain/holiday.h"
#include "io/ical.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_groups.h"
#include "store/store_patients.h"

/* The target of a feed: its name and municipality, after asking the policy (auth NULL: the system). */
static enum zt_err target_policy(struct store *st, const struct auth_ctx *auth, enum feed_kind kind, int64_t target,
				 char name[401], char muni[7], struct zt_error *e)
{
	enum zt_err r;
	if (kind == FEED_MEETINGS) {
		/* an operator's meetings (issue 18 §4): whoever may write its programme (its coordinators) */
		struct operator_row op;
		r = app_operator_policy(st, auth, ACT_PROGRAMME_WRITE, target, &op, e);
		if (r == ZT_ERR_NOTFOUND)
			return zt_fail(e, ZT_ERR_INVALID, "operator_id", "事業者（ID %lld）が見つかりません。", (long long)target);
		if (r == ZT_OK) {
			snprintf(name, 401, "%s", op.d.name);
			snprintf(muni, 7, "%s", op.scope_municipality);
			struct policy_object o = app_operator_object(&op);
			if (auth)
				r = policy_check(st, auth, ACT_FEED_MANAGE, &o, e);
		}
		return r;
	}
	if (kind == FEED_DOCTOR) {
		struct team_person doc;
		r = store_practitioner_get(st, target, &doc, e);
		if (r == ZT_ERR_NOTFOUND)
			return zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "医師（ID %lld）が登録されていません。", (long long)target);
		struct facility *f = calloc(1, sizeof *f);
		if (f == NULL)
			abort();
		if (r == ZT_OK)
			r = store_facility_get(st, doc.institution_id, f, e);
		if (r == ZT_OK) {
			snprintf(name, 401, "%s", doc.name);
			snprintf(muni, 7, "%s", f->municipality_code);
			struct policy_object o = {.municipality = muni, .institution_id = doc.institution_id};
			if (auth)
				r = policy_check(st, auth, ACT_FEED_MANAGE, &o, e);
		}
		free(f);
		return r;
	}
	struct group *g = calloc(1, sizeof *g);
	if (g == NULL)
		abort();
	r = store_group_get(st, target, g, e);
	if (r == ZT_ERR_NOTFOUND)
		r = zt_fail(e, ZT_ERR_INVALID, "group_id", "グループ（ID %lld）が見つかりません。", (long long)target);
	if (r == ZT_OK) {
		snprintf(name, 401, "%s", g->name);
		snprintf(muni, 7, "%s", g->base_municipality);
	}
	if (r == ZT_OK && auth) {
		/* the group's coordinator (its 拠点's district) or admin: who may change the group */
		int64_t members[GROUP_MAX_MEMBERS];
		for (int i = 0; i < g->nmembers; i++)
			members[i] = g->members[i].institution_id;
		struct policy_object base = {.municipality = g->base_municipality, .association_id = g->base_id};
		r = policy_check(st, auth, ACT_FEED_MANAGE, &base, e);
		if (r == ZT_OK)
			r = policy_check_group(st, auth, ACT_GROUP_WRITE, &base, members, g->nmembers, e);
	}
	free(g);
	return r;
}

static json_t *feed_audit_json(const struct ical_feed *f)
{
	return json_pack("{s:s, s:I, s:s, s:I}", "kind", feed_kinds[f->kind].code, "target_id", (json_int_t)f->target_id,
			 "target_name", f->target_name, "account_id", (json_int_t)f->account_id);
}

struct create_tx {
	struct ical_feed *f;
	const char *hash;
	const struct zt_actor *who;
};

static enum zt_err create_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct create_tx *c = ctx;
	enum zt_err r = store_feed_insert(st, c->f, c->hash, e);
	if (r == ZT_OK) {
		json_t *a = feed_audit_json(c->f);
		r = audit_append(st, c->who, "create", "ical_feed", c->f->id, c->f->target_municipality, NULL, a, e);
		json_decref(a);
	}
	return r;
}

enum zt_err app_feed_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			    enum feed_kind kind, int64_t target, struct ical_feed *out, char token[SECRET_TOKEN_HEX],
			    struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	token[0] = '\0';
	if ((int)kind < 0 || kind >= FEED__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "kind", "kind は doctor、group または meetings です。");
	if (target <= 0)
		return zt_fail(e, ZT_ERR_INVALID,
			       kind == FEED_DOCTOR ? "practitioner_id" : kind == FEED_GROUP ? "group_id" : "operator_id",
			       kind == FEED_DOCTOR  ? "医師を指定してください。"
			       : kind == FEED_GROUP ? "グループを指定してください。"
						    : "事業者を指定してください。");
	if (auth == NULL || auth->user_id <= 0)
		return zt_fail(e, ZT_ERR_UNAUTH, "", "ログインが必要です。");
	enum zt_err r = target_policy(st, auth, kind, target, out->target_name, out->target_municipality, e);
	if (r != ZT_OK)
		return r;
	out->kind = kind;
	out->target_id = target;
	out->account_id = auth->user_id;
	snprintf(out->username, sizeof out->username, "%s", auth->username);
	char hash[SECRET_HASH_HEX];
	secret_token_new(token);
	secret_token_hash(token, hash);
	struct create_tx c = {out, hash, who};
	r = store_tx(st, create_tx_fn, &c, e);
	if (r != ZT_OK)
		token[0] = '\0';
	return r;
}

enum zt_err app_feed_list(struct store *st, const struct auth_ctx *auth, struct ical_feed **out, size_t *n,
			  struct zt_error *e)
{
	int64_t account = auth == NULL || auth->role == ROLE_ADMIN ? 0 : auth->user_id;
	return store_feed_list(st, account, out, n, e);
}

struct revoke_tx {
	const struct ical_feed *f;
	const struct zt_actor *who;
};

static enum zt_err revoke_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct revoke_tx *c = ctx;
	enum zt_err r = store_feed_revoke(st, c->f->id, e);
	if (r == ZT_OK) {
		json_t *a = feed_audit_json(c->f);
		r = audit_append(st, c->who, "revoke", "ical_feed", c->f->id, c->f->target_municipality, NULL, a, e);
		json_decref(a);
	}
	return r;
}

enum zt_err app_feed_revoke(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			    struct zt_error *e)
{
	struct ical_feed f;
	enum zt_err r = store_feed_get(st, id, &f, e);
	if (r == ZT_OK && f.revoked_at[0])
		r = ZT_ERR_NOTFOUND;
	if (r == ZT_OK && auth && auth->role != ROLE_ADMIN && auth->user_id != f.account_id) {
		char name[401], muni[7];
		if (f.kind < 0 || target_policy(st, auth, (enum feed_kind)f.kind, f.target_id, name, muni, NULL) != ZT_OK)
			r = ZT_ERR_NOTFOUND;
	}
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "有効なカレンダー購読が見つかりません。");
	if (r != ZT_OK)
		return r;
	struct revoke_tx c = {&f, who};
	return store_tx(st, revoke_tx_fn, &c, e);
}

static bool token_shape(const char *t)
{
	if (t == NULL || strlen(t) != SECRET_TOKEN_HEX - 1)
		return false;
	for (const char *p = t; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

enum zt_err app_feed_fetch(struct store *st, const char *token, char **out, size_t *len, struct zt_error *e)
{
	*out = NULL;
	*len = 0;
	char hash[SECRET_HASH_HEX] = "";
	struct ical_feed f;
	/* One answer for every kind of miss, so that a URL says nothing about other tokens. The lookup
	 * is by the token's hash (an attacker's guesses never meet the stored value byte by byte);
	 * the comparison after it is constant-time all the same. */
	bool ok = token_shape(token);
	if (ok) {
		secret_token_hash(token, hash);
		ok = store_feed_find(st, hash, &f) == ZT_OK && secret_equal(f.token_hash, hash) && !f.revoked_at[0] &&
		     f.kind >= 0;
	}
	if (!ok)
		return zt_fail(e, ZT_ERR_NOTFOUND, "path", "カレンダーが見つかりません。");
	char today[11], from[11], to[11];
	int y, m, d;
	zt_today_jst(today);
	cal_parse(today, &y, &m, &d);
	long day = cal_days(y, m, d);
	cal_from_days(day - FEED_DAYS_BACK, &y, &m, &d);
	snprintf(from, sizeof from, "%04d-%02d-%02d", y, m, d);
	cal_from_days(day + FEED_DAYS_AHEAD, &y, &m, &d);
	snprintf(to, sizeof to, "%04d-%02d-%02d", y, m, d);
	if (f.kind == FEED_MEETINGS) {
		enum zt_err mr = app_meeting_feed_ical(st, f.target_id, from, to, f.target_name, out, len, e);
		if (mr == ZT_OK) {
			char now[21], since[21];
			time_t t = zt_now();
			zt_format_utc(t, now);
			zt_format_utc(t - 60, since);
			store_feed_touch(st, f.id, now, since);
		}
		return mr;
	}
	struct feed_duty *rows = NULL;
	size_t n = 0;
	enum zt_err r = store_feed_duties(st, f.kind == FEED_GROUP ? f.target_id : 0, f.kind == FEED_DOCTOR ? f.target_id : 0,
					  from, to, &rows, &n, e);
	if (r == ZT_OK) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (feed_includes((enum feed_kind)f.kind, f.target_id, &rows[i]))
				rows[k++] = rows[i];
		struct ical_feed_info info = {(enum feed_kind)f.kind, f.target_id, f.target_name, zt_now()};
		r = ical_duty_feed(&info, rows, k, out, len, e);
	}
	free(rows);
	if (r == ZT_OK) {
		char now[21], since[21];
		time_t t = zt_now();
		zt_format_utc(t, now);
		zt_format_utc(t - 60, since);
		store_feed_touch(st, f.id, now, since);
	}
	return r;
}
