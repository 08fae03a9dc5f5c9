/*
 * Designation per area (seed 001) and the coverage audit (issue 4 §4–§7).
 *   GET    /designations?prefecture=08       per municipality: candidates with their rule, designations
 *                                            in force, bases; per 圏域: status. ACT_DESIGNATION_READ.
 *   POST   /designations                     {municipality, institution_id, role, basis, reason,
 *                                            plan_period}. 201. ACT_DESIGNATION_WRITE.
 *   DELETE /designations/{id}?reason=        ends it (valid_to = today, history kept). 200.
 *   GET    /designations/{id}/checklist      obligation items with overdue flags.
 *   PUT    /designations/{id}/checklist      {items:[{item,status,evidence,due_date,done_date}]}
 *                                            all or nothing. ACT_CHECKLIST_WRITE.
 *   GET    /coverage?prefecture=08           the audit as JSON (table + map data).
 *   GET    /coverage.csv, /coverage.xlsx     the table for planning documents.
 *   GET    /adjacency?prefecture=08          neighbouring municipalities (public).
 *   GET    /public/designations?prefecture=08  what is published (public).
 *   POST   /support-centres                  {medical_area_id, institution_id, type, name, items[]} (seed 004).
 *   PUT    /support-centres/{id}             {items[], name, members[]}; DELETE ends it. ACT_DESIGNATION_WRITE.
 *   PUT    /support-centre-quotas/{id}       {quota}: centres the prefecture sets for 二次医療圏 id.
 *   PUT    /consultation-desks               {municipality, institution_id|null}: the 相談窓口 (拠点 ①).
 */
#include "http/h_designation.h"
#include "app/app_publish.h"
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_designation.h"
#include "auth/auth.h"
#include "auth/policy.h"
#include "domain/text.h"
#include "http/reply_file.h"
#include "io/designation_json.h"
#include "store/store.h"
#include "store/store_designation.h"

/* Reads ?prefecture= (2 digits), checks act and loads the world. Replies itself on failure. */
static int load_world(struct http_request *req, struct http_reply *rep, enum policy_action act, struct desig_world *w)
{
	struct zt_error e;
	zt_error_clear(&e);
	const char *pref = http_query_prefecture(req, rep);
	if (pref == NULL)
		return 0;
	struct policy_object obj = {.prefecture = pref};
	if (policy_check(req->store, req->auth, act, &obj, &e) != ZT_OK ||
	    store_desig_world(req->store, pref, w, &e) != ZT_OK) {
		reply_error(rep, &e);
		return 0;
	}
	return 1;
}

void h_designations_list(struct http_request *req, struct http_reply *rep)
{
	struct desig_world w;
	if (!load_world(req, rep, ACT_DESIGNATION_READ, &w))
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct designation *past;
	size_t npast;
	if (store_designation_history(req->store, w.prefecture, &past, &npast, &e) != ZT_OK) {
		desig_world_free(&w);
		reply_error(rep, &e);
		return;
	}
	json_t *out = designation_report_json(&w);
	json_object_set_new(out, "history", designation_list_json(past, npast));
	free(past);
	desig_world_free(&w);
	rep->no_store = true;
	reply_json(rep, 200, out);
}

/* The designation id as JSON into *out; replies the error itself and returns 0 when it cannot. */
static int designation_reply_json(struct http_request *req, struct http_reply *rep, int64_t id, json_t **out)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct designation d;
	if (store_designation_get(req->store, id, &d, &e) != ZT_OK) {
		reply_error(rep, &e);
		return 0;
	}
	*out = designation_to_json(&d);
	return 1;
}

void h_designations_create(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct dw_designation d;
	memset(&d, 0, sizeof d);
	enum zt_err r = designation_from_json(body, &d, &e);
	json_decref(body);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	struct policy_object obj = {.municipality = d.muni};
	char warn[256] = "";
	r = policy_check(req->store, req->auth, ACT_DESIGNATION_WRITE, &obj, &e);
	if (r == ZT_OK)
		r = app_designation_create(req->store, http_actor(req), &d, warn, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *o;
	if (designation_reply_json(req, rep, d.id, &o)) {
		json_t *warnings = json_array();
		if (warn[0])
			json_array_append_new(warnings, json_string(warn));
		json_object_set_new(o, "warnings", warnings);
		reply_json(rep, 201, o);
	}
}

enum scope_kind { SCOPE_DESIGNATION, SCOPE_CENTRE };

/* Parses params[0], locates the designation (by its municipality) or support centre (by its
 * prefecture) and checks act there. Returns the id, or 0 after replying 404/403 itself. */
static int64_t authorized_id(struct http_request *req, struct http_reply *rep, enum scope_kind k, enum policy_action act)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return 0;
	char where[7] = "";
	struct policy_object obj = {0};
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r;
	if (k == SCOPE_DESIGNATION) {
		r = store_designation_municipality(req->store, id, where, &e);
		obj.municipality = where;
	} else {
		r = store_support_centre_prefecture(req->store, id, where, &e);
		obj.prefecture = where;
	}
	if (r == ZT_ERR_NOTFOUND)
		zt_fail(&e, r, "id", k == SCOPE_DESIGNATION ? "指定された位置付けは見つかりません。" : "指定された在宅医療サポートセンターは見つかりません。");
	if (r == ZT_OK)
		r = policy_check(req->store, req->auth, act, &obj, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return 0;
	}
	return id;
}

void h_designation_delete(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	const char *reason = http_query(req, "reason");
	if (reason && (!text_valid_utf8(reason) || text_char_count(reason) > 250)) {
		reply_fail(rep, ZT_ERR_INVALID, "reason", "理由は250文字以内で入力してください。");
		return;
	}
	int64_t id = authorized_id(req, rep, SCOPE_DESIGNATION, ACT_DESIGNATION_WRITE);
	if (id == 0)
		return;
	if (app_designation_end(req->store, http_actor(req), id, reason, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *o;
	if (designation_reply_json(req, rep, id, &o))
		reply_json(rep, 200, o);
}

void h_designation_checklist_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = authorized_id(req, rep, SCOPE_DESIGNATION, ACT_DESIGNATION_READ);
	if (id == 0)
		return;
	char day[11];
	zt_today_jst(day);
	struct zt_error e;
	zt_error_clear(&e);
	struct oblig_row *rows;
	size_t n;
	json_t *desig;
	if (!designation_reply_json(req, rep, id, &desig))
		return;
	if (store_checklist_rows(req->store, id, &rows, &n, &e) != ZT_OK) {
		json_decref(desig);
		reply_error(rep, &e);
		return;
	}
	size_t overdue = 0;
	for (size_t i = 0; i < n; i++)
		overdue += checklist_row_overdue(&rows[i], day);
	json_t *items = checklist_to_json(rows, n, day);
	free(rows);
	rep->no_store = true;
	reply_json(rep, 200, json_pack("{s:o, s:o, s:I, s:s}", "designation", desig, "items", items, "overdue", (json_int_t)overdue, "today", day));
}

void h_designation_checklist_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = authorized_id(req, rep, SCOPE_DESIGNATION, ACT_CHECKLIST_WRITE);
	if (id == 0)
		return;
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct oblig_item *items = NULL;
	size_t n = 0;
	enum zt_err r = checklist_from_json(body, &items, &n, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = app_checklist_put(req->store, http_actor(req), id, items, n, &e);
	free(items);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	h_designation_checklist_get(req, rep);
}

void h_coverage(struct http_request *req, struct http_reply *rep)
{
	struct desig_world w;
	if (!load_world(req, rep, ACT_DESIGNATION_READ, &w))
		return;
	json_t *out = coverage_report_json(&w);
	desig_world_free(&w);
	rep->no_store = true;
	reply_json(rep, 200, out);
}

void h_coverage_csv(struct http_request *req, struct http_reply *rep)
{
	struct desig_world w;
	if (!load_world(req, rep, ACT_DESIGNATION_READ, &w))
		return;
	char *buf;
	size_t len;
	coverage_csv(&w, &buf, &len);
	desig_world_free(&w);
	reply_file(rep, "text/csv; charset=utf-8", buf, len, "attachment; filename=\"coverage.csv\"");
}

static enum zt_err write_coverage_xlsx(const char *path, const void *w, struct zt_error *e)
{
	return coverage_xlsx(w, path, e);
}

void h_coverage_xlsx(struct http_request *req, struct http_reply *rep)
{
	struct desig_world w;
	if (!load_world(req, rep, ACT_DESIGNATION_READ, &w))
		return;
	reply_written_file(rep, write_coverage_xlsx, &w, "XLSXファイル", XLSX_CONTENT_TYPE,
			   "attachment; filename=\"coverage.xlsx\"");
	desig_world_free(&w);
}

void h_adjacency(struct http_request *req, struct http_reply *rep)
{
	const char *pref = http_query_prefecture(req, rep);
	if (pref == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct adjacency_pair *pairs;
	size_t n;
	if (store_adjacency(req->store, pref, &pairs, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:s, s:o}", "prefecture", pref, "pairs", adjacency_json(pairs, n)));
	free(pairs);
}

void h_public_designations(struct http_request *req, struct http_reply *rep)
{
	/* published designations only (公表, issue 12 §8) */
	const char *pref = http_query_prefecture(req, rep);
	if (pref == NULL)
		return;
	struct desig_world w;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_public_desig_world(req->store, pref, &w, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *out = designation_public_json(&w);
	desig_world_free(&w);
	reply_json(rep, 200, out);
}

/* ---- 在宅医療サポートセンター (seed 004) ---- */

/* Replies with the centre, the item problems (warnings while the work is in progress) and a note
 * when its 二次医療圏 has more than one centre (seed 004: 原則1箇所). */
static void reply_centre(struct http_request *req, struct http_reply *rep, int status, int64_t id)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct support_centre c;
	int64_t in_area = 0;
	if (store_support_centre_get(req->store, id, &c, &e) != ZT_OK ||
	    store_support_centres_in_force(req->store, c.medical_area_id, &in_area, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	char msgs[SC_ITEM__MAX + 1][256];
	size_t n = sc_item_problems(c.items, msgs, SC_ITEM__MAX + 1);
	json_t *o = support_centre_to_json(&c), *problems = json_array(), *notes = json_array();
	for (size_t i = 0; i < n && i < SC_ITEM__MAX + 1; i++)
		json_array_append_new(problems, json_string(msgs[i]));
	int quota = 1;
	if (store_support_centre_quota(req->store, c.medical_area_id, &quota, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	if (in_area > quota) {
		char note[256];
		snprintf(note, sizeof note, "この二次医療圏には在宅医療サポートセンターが%lld箇所あり、県の定める数（%d箇所。定めがなければ原則1箇所）を超えています。",
			 (long long)in_area, quota);
		json_array_append_new(notes, json_string(note));
	}
	json_object_set_new(o, "problems", problems);
	json_object_set_new(o, "notes", notes);
	reply_json(rep, status, o);
}

void h_support_centres_create(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct sc_request q;
	char pref[3] = "";
	enum zt_err r = support_centre_from_json(body, 1, &q, &e);
	if (r == ZT_OK)
		r = store_medical_area_prefecture(req->store, q.medical_area_id, pref, &e);
	if (r == ZT_ERR_NOTFOUND)
		r = zt_fail(&e, ZT_ERR_INVALID, "medical_area_id", "指定された二次医療圏は登録されていません。");
	struct policy_object obj = {.prefecture = pref};
	if (r == ZT_OK)
		r = policy_check(req->store, req->auth, ACT_DESIGNATION_WRITE, &obj, &e);
	int64_t id = 0;
	if (r == ZT_OK)
		r = app_support_centre_create(req->store, http_actor(req), q.medical_area_id, q.institution_id, q.type, q.name,
					      q.items, q.members, q.nmembers, &id, &e);
	json_decref(body);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_centre(req, rep, 201, id);
}

void h_support_centre_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = authorized_id(req, rep, SCOPE_CENTRE, ACT_DESIGNATION_WRITE);
	if (id == 0)
		return;
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct sc_request q;
	enum zt_err r = support_centre_from_json(body, 0, &q, &e);
	if (r == ZT_OK)
		r = app_support_centre_update(req->store, http_actor(req), id, q.name, q.items, q.has_members ? q.members : NULL,
					      q.nmembers, &e);
	json_decref(body);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_centre(req, rep, 200, id);
}

void h_support_centre_delete(struct http_request *req, struct http_reply *rep)
{
	int64_t id = authorized_id(req, rep, SCOPE_CENTRE, ACT_DESIGNATION_WRITE);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_support_centre_end(req->store, http_actor(req), id, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_centre(req, rep, 200, id);
}

void h_support_centre_quota_put(struct http_request *req, struct http_reply *rep)
{
	int64_t area = http_param_id(req, rep, 0);
	if (area == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	char pref[3] = "";
	enum zt_err r = store_medical_area_prefecture(req->store, area, pref, &e);
	if (r == ZT_ERR_NOTFOUND)
		r = zt_fail(&e, r, "id", "指定された二次医療圏は見つかりません。");
	struct policy_object obj = {.prefecture = pref};
	if (r == ZT_OK)
		r = policy_check(req->store, req->auth, ACT_DESIGNATION_WRITE, &obj, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	json_t *v = json_object_get(body, "quota");
	int quota = json_is_integer(v) && json_integer_value(v) > 0 && json_integer_value(v) <= 20 ? (int)json_integer_value(v) : 0;
	json_decref(body);
	r = app_support_centre_quota(req->store, http_actor(req), area, quota, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:I, s:i}", "medical_area_id", (json_int_t)area, "quota", quota));
}

void h_consultation_desk_put(struct http_request *req, struct http_reply *rep)
{
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *m = json_object_get(body, "municipality"), *v = json_object_get(body, "institution_id");
	char muni[7] = "";
	int64_t inst = json_is_integer(v) ? json_integer_value(v) : 0;
	enum zt_err r = ZT_OK;
	if (!json_is_string(m) || !text_is_digits(json_string_value(m), 6))
		r = zt_fail(&e, ZT_ERR_INVALID, "municipality", "市町村コード（6桁）を指定してください。");
	else if ((v && !json_is_null(v) && !json_is_integer(v)) || inst < 0)
		r = zt_fail(&e, ZT_ERR_INVALID, "institution_id", "相談窓口を置く機関のIDを指定してください。");
	if (r == ZT_OK)
		snprintf(muni, sizeof muni, "%s", json_string_value(m));
	json_decref(body);
	struct policy_object obj = {.municipality = muni};
	if (r == ZT_OK)
		r = policy_check(req->store, req->auth, ACT_DESIGNATION_WRITE, &obj, &e);
	if (r == ZT_OK)
		r = app_desk_set(req->store, http_actor(req), muni, inst, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:s, s:o}", "municipality", muni, "institution_id", inst ? json_integer(inst) : json_null()));
}

/* POST / DELETE /api/v1/designations/{id}/publish — 公表 of a confirmed designation (issue 12 §8). */
static void designation_publish(struct http_request *req, struct http_reply *rep, bool on)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_designation_publish(req->store, req->auth, http_actor(req), id, on, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "published", on));
}

void h_designation_publish(struct http_request *req, struct http_reply *rep)
{
	designation_publish(req, rep, true);
}

void h_designation_unpublish(struct http_request *req, struct http_reply *rep)
{
	designation_publish(req, rep, false);
}

/* GET /api/v1/designations/unpublished?prefecture=08 — the designations waiting for 公表. */
void h_designations_unpublished(struct http_request *req, struct http_reply *rep)
{
	const char *pref = http_query_prefecture(req, rep);
	if (pref == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *items;
	if (app_designations_unpublished(req->store, req->auth, pref, &items, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	rep->no_store = true;
	reply_json(rep, 200, json_pack("{s:o}", "items", items));
}
