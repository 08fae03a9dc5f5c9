/* Use cases of the district rules (seed 002 ③), hospital night duty and bed history (issue 14 §5; see app_network.h). */
#include "app/app_network.h"

#include <stdio.h>
#include <string.h>

#include "app/app_patients.h"
#include "core/actor.h"
#include "domain/holiday.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_network.h"
#include "store/store_patients.h"

json_t *backup_rules_json(const struct backup_rules *r)
{
	return json_pack("{s:b, s:b, s:o}", "discharge_origin_first", r->discharge_origin_first, "night_acute_first",
			 r->night_acute_first, "backup_secondary_hospital_id",
			 r->backup_secondary_hospital_id ? json_integer(r->backup_secondary_hospital_id) : json_null());
}

enum zt_err app_network_rules_get(struct store *st, const struct auth_ctx *auth, int64_t group_id, struct backup_rules *out,
				  struct zt_error *e)
{
	enum zt_err r = app_group_policy_check(st, auth, group_id, false, NULL, e);
	return r == ZT_OK ? store_network_rules_get(st, group_id, out, e) : r;
}

struct rules_tx {
	int64_t group_id;
	const struct backup_rules *r;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err rules_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct rules_tx *c = ctx;
	struct backup_rules before;
	enum zt_err r = store_network_rules_get(st, c->group_id, &before, e);
	if (r == ZT_OK)
		r = store_network_rules_put(st, c->group_id, c->r, c->who && c->who->username ? c->who->username : "system", e);
	if (r == ZT_OK) {
		json_t *b = backup_rules_json(&before), *a = backup_rules_json(c->r);
		r = audit_append(st, c->who, "update", "network_rule", c->group_id, c->muni, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return r;
}

enum zt_err app_network_rules_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				  int64_t group_id, const struct backup_rules *rules, struct zt_error *e)
{
	char muni[7] = "";
	enum zt_err r = app_group_policy_check(st, auth, group_id, true, muni, e);
	if (r != ZT_OK)
		return r;
	if (rules->backup_secondary_hospital_id) {
		struct team_inst h;
		r = store_team_inst(st, rules->backup_secondary_hospital_id, group_id, &h, e);
		if (r == ZT_ERR_NOTFOUND || (r == ZT_OK && (h.kind != KIND_HOSPITAL || !h.in_group)))
			return zt_fail(e, ZT_ERR_INVALID, "backup_secondary_hospital_id",
				       "副主治医を担う後方支援病院は、このグループの構成機関の病院から選んでください。");
		if (r != ZT_OK)
			return r;
	}
	struct rules_tx c = {group_id, rules, muni, who};
	return store_tx(st, rules_tx_fn, &c, e);
}

struct hduty_tx {
	int64_t group_id, hospital_id, delete_id, *id;
	const char *date;
	const char *muni;
	const struct zt_actor *who;
	char deleted_date[11]; /* the date of the row deleted */
};

static enum zt_err hduty_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct hduty_tx *c = ctx;
	enum zt_err r;
	if (c->delete_id) {
		r = store_hospital_duty_delete(st, c->group_id, c->delete_id, c->deleted_date, &c->hospital_id, e);
		c->date = c->deleted_date;
	} else {
		r = store_hospital_duty_insert(st, c->group_id, c->date, c->hospital_id, c->id, e);
	}
	if (r == ZT_OK) {
		json_t *j = json_pack("{s:I, s:s, s:I}", "group_id", (json_int_t)c->group_id, "date", c->date, "hospital_id",
				      (json_int_t)c->hospital_id);
		r = audit_append(st, c->who, c->delete_id ? "delete" : "create", "hospital_night_duty",
				 c->delete_id ? c->delete_id : *c->id, c->muni, c->delete_id ? j : NULL, c->delete_id ? NULL : j, e);
		json_decref(j);
	}
	return r;
}

enum zt_err app_hospital_duty_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				  int64_t group_id, const char *date, int64_t hospital_id, int64_t *id, struct zt_error *e)
{
	char muni[7] = "";
	int y, m, d;
	enum zt_err r = app_group_policy_check(st, auth, group_id, true, muni, e);
	if (r != ZT_OK)
		return r;
	if (!date || !cal_parse(date, &y, &m, &d))
		return zt_fail(e, ZT_ERR_INVALID, "date", "当直の日付は YYYY-MM-DD で入力してください。");
	struct team_inst h;
	r = store_team_inst(st, hospital_id, 0, &h, e);
	if (r == ZT_ERR_NOTFOUND || (r == ZT_OK && h.kind != KIND_HOSPITAL))
		return zt_fail(e, ZT_ERR_INVALID, "hospital_id", "夜間休日当直の病院（病院のID）を指定してください。");
	if (r != ZT_OK)
		return r;
	struct hduty_tx c = {group_id, hospital_id, 0, id, date, muni, who, ""};
	return store_tx(st, hduty_tx_fn, &c, e);
}

enum zt_err app_hospital_duty_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     int64_t group_id, int64_t id, struct zt_error *e)
{
	char muni[7] = "";
	enum zt_err r = app_group_policy_check(st, auth, group_id, true, muni, e);
	if (r != ZT_OK)
		return r;
	struct hduty_tx c = {group_id, 0, id, NULL, NULL, muni, who, ""};
	return store_tx(st, hduty_tx_fn, &c, e);
}

enum zt_err app_hospital_duties(struct store *st, const struct auth_ctx *auth, int64_t group_id, const char *from,
				const char *to, json_t **out, struct zt_error *e)
{
	int y1, m1, d1, y2, m2, d2;
	*out = NULL;
	if (!from || !cal_parse(from, &y1, &m1, &d1))
		return zt_fail(e, ZT_ERR_INVALID, "from", "from は YYYY-MM-DD で指定してください。");
	if (!to || !cal_parse(to, &y2, &m2, &d2) || strcmp(to, from) < 0 || cal_days(y2, m2, d2) - cal_days(y1, m1, d1) > 400)
		return zt_fail(e, ZT_ERR_INVALID, "to", "to は from 以後、400日以内の YYYY-MM-DD で指定してください。");
	enum zt_err r = app_group_policy_check(st, auth, group_id, false, NULL, e);
	if (r == ZT_OK && (*out = store_hospital_duties_json(st, group_id, from, to)) == NULL)
		r = zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	return r;
}

enum zt_err app_bed_history(struct store *st, const struct auth_ctx *auth, int64_t hospital_id, int limit, json_t **out,
			    struct zt_error *e)
{
	char muni[7] = "";
	*out = NULL;
	if (limit < 1 || limit > 500)
		return zt_fail(e, ZT_ERR_INVALID, "limit", "limit は1〜500で指定してください。");
	enum zt_err r = app_hospital_policy_check(st, auth, hospital_id, false, muni, e);
	if (r == ZT_OK && (*out = store_bed_history_json(st, hospital_id, limit)) == NULL)
		r = zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。");
	return r;
}
