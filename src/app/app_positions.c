/* Positions of institutions: office fallback, geocoder CSV, abrg (issue 12 §2; see app_positions.h). */
#include "app/app_positions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/policy.h"
#include "core/clock.h"
#include "domain/region.h"
#include "io/geocode_file.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_region.h"

struct place_ctx {
	const struct zt_actor *who;
	long placed;
};

static enum zt_err place_tx(struct store *st, void *p, struct zt_error *e)
{
	struct place_ctx *c = p;
	char today[11];
	zt_today_jst(today);
	enum zt_err rc = store_place_at_offices(st, today, &c->placed, e);
	if (rc == ZT_OK && c->placed > 0) {
		json_t *after = json_pack("{s:I, s:s, s:s}", "placed", (json_int_t)c->placed, "coord_source",
					  "municipality_office", "coord_precision", "municipality");
		rc = audit_append(st, c->who, "update", "positions", 0, "", NULL, after, e);
		json_decref(after);
	}
	return rc;
}

enum zt_err app_positions_place_at_offices(struct store *st, const struct zt_actor *who, long *placed,
					   struct zt_error *e)
{
	struct place_ctx c = {who, 0};
	enum zt_err rc = store_tx(st, place_tx, &c, e);
	*placed = rc == ZT_OK ? c.placed : 0;
	return rc;
}

/* One position to store, already looked up. */
struct pos {
	int64_t id;
	char muni[7];
	double lat, lon;
	char precision[16], source[32];
	long line;
	const char *key;
	bool accepted;
};

static json_t *coord_json(struct store *st, int64_t id)
{
	struct facility f;
	if (store_facility_get(st, id, &f, NULL) != ZT_OK || !f.has_coord)
		return json_null();
	return json_pack("{s:f, s:f, s:s, s:s, s:s}", "lat", f.lat, "lon", f.lon, "coord_source", f.coord_source,
			 "coord_precision", f.coord_precision, "coord_date", f.coord_date);
}

/* Decides whether p is acceptable (domain rule and scope); the reason goes to refused. */
static bool judge(struct store *st, const struct auth_ctx *auth, struct pos *p, char *reason, size_t n)
{
	double olat = 0, olon = 0;
	bool has_office = p->muni[0] && store_municipality_office(st, p->muni, &olat, &olon) == ZT_OK;
	if (!region_position_acceptable(p->lat, p->lon, has_office, olat, olon, reason, n))
		return false;
	if (auth) {
		struct policy_object obj = {.municipality = p->muni};
		if (policy_check(st, auth, ACT_REGISTRY_WRITE, &obj, NULL) != ZT_OK) {
			snprintf(reason, n, "この機関の位置を変更する権限がありません。");
			return false;
		}
	}
	return true;
}

struct store_ctx {
	const struct zt_actor *who;
	struct pos *pos;
	size_t n;
	long stored;
};

static enum zt_err store_positions_tx(struct store *st, void *p, struct zt_error *e)
{
	struct store_ctx *c = p;
	char today[11];
	zt_today_jst(today);
	c->stored = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct pos *x = &c->pos[i];
		if (!x->accepted)
			continue;
		json_t *before = coord_json(st, x->id);
		enum zt_err rc = store_facility_set_position(st, x->id, x->lat, x->lon, x->source, x->precision, today, e);
		json_t *after = rc == ZT_OK ? coord_json(st, x->id) : NULL;
		if (rc == ZT_OK)
			rc = audit_append(st, c->who, "update", "facility", x->id, x->muni, before, after, e);
		json_decref(before);
		json_decref(after);
		if (rc != ZT_OK)
			return rc;
		c->stored++;
	}
	return ZT_OK;
}

enum zt_err app_positions_import(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				 const char *data, size_t len, json_t **summary, struct zt_error *e)
{
	*summary = NULL;
	struct geocode_row *rows = NULL;
	size_t n = 0;
	enum zt_err rc = geocode_csv_read(data, len, &rows, &n, e);
	if (rc != ZT_OK)
		return rc;
	struct pos *pos = calloc(n ? n : 1, sizeof *pos);
	if (pos == NULL)
		abort();
	json_t *refused = json_array();
	for (size_t i = 0; i < n && rc == ZT_OK; i++) {
		struct pos *p = &pos[i];
		p->line = rows[i].line;
		p->key = rows[i].key;
		p->lat = rows[i].lat;
		p->lon = rows[i].lon;
		snprintf(p->precision, sizeof p->precision, "%s", rows[i].precision);
		snprintf(p->source, sizeof p->source, "%s", rows[i].source);
		if (store_position_lookup(st, rows[i].key, &p->id, p->muni) != ZT_OK) {
			rc = zt_fail(e, ZT_ERR_INVALID, strlen(rows[i].key) == 10 ? "医療機関コード" : "機関ID",
				     "%ld行目: 機関 %s は登録されていません。", rows[i].line, rows[i].key);
			e->line = rows[i].line;
			break;
		}
		char reason[256];
		p->accepted = judge(st, auth, p, reason, sizeof reason);
		if (!p->accepted)
			json_array_append_new(refused, json_pack("{s:I, s:s, s:I, s:s}", "line", (json_int_t)p->line, "key",
								 p->key, "id", (json_int_t)p->id, "reason", reason));
	}
	struct store_ctx c = {who, pos, n, 0};
	if (rc == ZT_OK)
		rc = store_tx(st, store_positions_tx, &c, e);
	if (rc == ZT_OK)
		*summary = json_pack("{s:I, s:I, s:O}", "rows", (json_int_t)n, "stored", (json_int_t)c.stored, "refused", refused);
	json_decref(refused);
	free(pos);
	free(rows);
	return rc;
}

enum zt_err app_positions_geocode(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				  const char *command, json_t **summary, struct zt_error *e)
{
	*summary = NULL;
	if (command == NULL || command[0] == '\0')
		return zt_fail(e, ZT_ERR_CONFLICT, "geocoder",
			       "ジオコーダが設定されていません（zaitaku serve --geocoder abrg など）。住所から位置を求めるには abrg を導入するか、位置のCSVを取り込んでください。");
	struct store_geocode_target *t = NULL;
	size_t n = 0;
	enum zt_err rc = store_geocode_targets(st, &t, &n, e);
	if (rc != ZT_OK)
		return rc;
	if (auth) { /* only the institutions the user may change are sent to the geocoder */
		size_t kept = 0;
		for (size_t i = 0; i < n; i++) {
			struct policy_object obj = {.municipality = t[i].municipality};
			if (policy_check(st, auth, ACT_REGISTRY_WRITE, &obj, NULL) == ZT_OK)
				t[kept++] = t[i];
		}
		n = kept;
	}
	const char **addr = calloc(n ? n : 1, sizeof *addr);
	struct abrg_result *res = calloc(n ? n : 1, sizeof *res);
	struct pos *pos = calloc(n ? n : 1, sizeof *pos);
	if (addr == NULL || res == NULL || pos == NULL)
		abort();
	for (size_t i = 0; i < n; i++)
		addr[i] = t[i].address;
	rc = n ? abrg_run(command, addr, n, res, e) : ZT_OK;
	json_t *refused = json_array();
	for (size_t i = 0; i < n && rc == ZT_OK; i++) {
		struct pos *p = &pos[i];
		p->id = t[i].id;
		snprintf(p->muni, sizeof p->muni, "%s", t[i].municipality);
		snprintf(p->source, sizeof p->source, "abrg");
		const char *prec = res[i].found && res[i].has_coord ? region_abrg_precision(res[i].level) : NULL;
		char reason[256] = "";
		if (!res[i].found || !res[i].has_coord)
			snprintf(reason, sizeof reason, "ジオコーダが住所に答えませんでした。");
		else if (prec == NULL)
			snprintf(reason, sizeof reason, "住所を特定できませんでした（一致レベル: %s）。", res[i].level[0] ? res[i].level : "なし");
		else if (strcmp(prec, "municipality") == 0)
			snprintf(reason, sizeof reason, "住所が市町村までしか特定できませんでした。");
		if (reason[0] == '\0') {
			p->lat = res[i].lat;
			p->lon = res[i].lon;
			snprintf(p->precision, sizeof p->precision, "%s", prec);
			p->accepted = judge(st, auth, p, reason, sizeof reason);
		}
		if (!p->accepted)
			json_array_append_new(refused, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)p->id, "address",
								 t[i].address, "reason", reason));
	}
	struct store_ctx c = {who, pos, n, 0};
	long placed = 0;
	if (rc == ZT_OK)
		rc = store_tx(st, store_positions_tx, &c, e);
	if (rc == ZT_OK)
		rc = app_positions_place_at_offices(st, who, &placed, e);
	if (rc == ZT_OK)
		*summary = json_pack("{s:I, s:I, s:I, s:O}", "asked", (json_int_t)n, "stored", (json_int_t)c.stored,
				     "placed_at_office", (json_int_t)placed, "refused", refused);
	json_decref(refused);
	free(addr);
	free(res);
	free(pos);
	free(t);
	return rc;
}
