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
 *   PUT    /support-centres/{id}             {items[], name}; DELETE ends it. ACT_DESIGNATION_WRITE.
 */
#include "http/h_designation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/auth.h"
#include "auth/policy.h"
#include "domain/text.h"
#include "http/reply_file.h"
#include "io/designation_json.h"
#include "store/store.h"
#include "store/store_designation.h"

static void today(char out[11])
{
	char now[21];
	store_now(now);
	memcpy(out, now, 10);
	out[10] = '\0';
}

/* Reads ?prefecture= (2 digits), checks act and loads the world. Replies itself on failure. */
static int load_world(struct http_request *req, struct http_reply *rep, enum policy_action act, struct desig_world *w)
{
	struct zt_error e;
	zt_error_clear(&e);
	const char *pref = http_query(req, "prefecture");
	if (pref == NULL || !text_is_digits(pref, 2)) {
		reply_fail(rep, ZT_ERR_INVALID, "prefecture", "prefecture は2桁の都道府県コード（例: 08）で指定してください。");
		return 0;
	}
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
	json_t *out = designation_report_json(&w);
	json_object_set_new(out, "history", store_designation_history(req->store, w.prefecture));
	desig_world_free(&w);
	rep->no_store = true;
	reply_json(rep, 200, out);
}

static const char *str_field(json_t *body, const char *key)
{
	json_t *v = json_object_get(body, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Decodes the POST body into d; every bad field is a 400 naming it. */
static enum zt_err decode(json_t *body, struct dw_designation *d, struct zt_error *e)
{
	static const char *const known[] = {"municipality", "institution_id", "role", "basis", "reason", "plan_period"};
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		bool ok = false;
		for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
			ok |= strcmp(key, known[i]) == 0;
		if (!ok)
			return zt_fail(e, ZT_ERR_INVALID, key, "不明な項目 %s があります。", key);
	}
	const char *s = str_field(body, "municipality");
	if (s == NULL || !text_is_digits(s, 6))
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "municipality は6桁の市町村コードで指定してください。");
	snprintf(d->muni, sizeof d->muni, "%s", s);
	v = json_object_get(body, "institution_id");
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return zt_fail(e, ZT_ERR_INVALID, "institution_id", "institution_id は機関のID（正の整数）で指定してください。");
	d->institution_id = json_integer_value(v);
	int r = code_lookup(desig_roles, DROLE__MAX, str_field(body, "role") ? str_field(body, "role") : "");
	if (r < 0)
		return zt_fail(e, ZT_ERR_INVALID, "role", "role は active（積極的役割を担う医療機関）か base（連携を担う拠点）です。");
	d->role = (enum desig_role)r;
	int b = code_lookup(desig_bases, DBASIS__MAX, str_field(body, "basis") ? str_field(body, "basis") : "rule");
	if (b < 0)
		return zt_fail(e, ZT_ERR_INVALID, "basis", "basis は rule・volunteer・override のいずれかです。");
	d->basis = (enum desig_basis)b;
	s = str_field(body, "reason");
	if (json_object_get(body, "reason") && !json_is_null(json_object_get(body, "reason")) && s == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "reason", "reason は文字列で指定してください。");
	if (s && (!text_valid_utf8(s) || text_char_count(s) > 250))
		return zt_fail(e, ZT_ERR_INVALID, "reason", "reason は250文字以内で入力してください。");
	snprintf(d->reason, sizeof d->reason, "%s", s ? s : "");
	s = str_field(body, "plan_period");
	snprintf(d->plan_period, sizeof d->plan_period, "%s", s ? s : "2024-2029");
	if (json_object_get(body, "plan_period") && s == NULL)
		d->plan_period[0] = '\0';
	return ZT_OK;
}

/* Applies the rules of seed 001 to the request against the world; sets d->rule for basis rule. */
static enum zt_err check(const struct desig_world *w, struct dw_designation *d, int *beds, struct zt_error *e)
{
	if (dw_muni_find(w, d->muni) == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村コード %s はこの都道府県の圏域・二次医療圏にありません。", d->muni);
	const struct desig_inst *in = dw_inst_find(w, d->institution_id);
	enum zt_err r = desig_check_request(d->role, d->basis, in, d->reason, d->plan_period, e);
	if (r != ZT_OK)
		return r;
	*beds = in->beds;
	if (d->basis != DBASIS_RULE)
		return ZT_OK;
	struct desig_candidate c[DESIG_MAX_CANDIDATES];
	size_t n = d->role == DROLE_ACTIVE ? desig_active_candidates(w, d->muni, c, DESIG_MAX_CANDIDATES)
					   : desig_base_candidates(w, d->muni, c, DESIG_MAX_CANDIDATES);
	for (size_t i = 0; i < n && i < DESIG_MAX_CANDIDATES; i++) {
		if (c[i].institution_id == d->institution_id) {
			snprintf(d->rule, sizeof d->rule, "%s", desig_rules[c[i].rule].code);
			return ZT_OK;
		}
	}
	return zt_fail(e, ZT_ERR_INVALID, "basis",
		       "%s はこの市町村の選定ルールによる候補ではありません。手挙げ（volunteer）か理由を記録した個別判断（override）として登録してください。",
		       in->name);
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
	enum zt_err r = decode(body, &d, &e);
	json_decref(body);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	struct policy_object obj = {.municipality = d.muni};
	char pref[3] = {d.muni[0], d.muni[1], '\0'};
	struct desig_world w;
	if (policy_check(req->store, req->auth, ACT_DESIGNATION_WRITE, &obj, &e) != ZT_OK ||
	    store_desig_world(req->store, pref, &w, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	int beds = 0;
	r = check(&w, &d, &beds, &e);
	desig_world_free(&w);
	if (r == ZT_OK)
		r = store_designation_create(req->store, &d, beds, req->auth, req->remote_addr, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 201, store_designation_json(req->store, d.id));
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
	if (k == SCOPE_DESIGNATION) {
		store_designation_municipality(req->store, id, where);
		obj.municipality = where;
	} else {
		store_support_centre_prefecture(req->store, id, where);
		obj.prefecture = where;
	}
	if (where[0] == '\0') {
		reply_fail(rep, ZT_ERR_NOTFOUND, "id",
			   k == SCOPE_DESIGNATION ? "指定された位置付けは見つかりません。" : "指定された在宅医療サポートセンターは見つかりません。");
		return 0;
	}
	struct zt_error e;
	zt_error_clear(&e);
	if (policy_check(req->store, req->auth, act, &obj, &e) != ZT_OK) {
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
		reply_fail(rep, ZT_ERR_INVALID, "reason", "reason は250文字以内で入力してください。");
		return;
	}
	int64_t id = authorized_id(req, rep, SCOPE_DESIGNATION, ACT_DESIGNATION_WRITE);
	if (id == 0)
		return;
	if (store_designation_end(req->store, id, reason, req->auth, req->remote_addr, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, store_designation_json(req->store, id));
}

void h_designation_checklist_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = authorized_id(req, rep, SCOPE_DESIGNATION, ACT_DESIGNATION_READ);
	if (id == 0)
		return;
	char day[11];
	today(day);
	json_t *items = store_checklist(req->store, id);
	checklist_decorate(items, day);
	size_t overdue = 0, i;
	json_t *row;
	json_array_foreach(items, i, row) overdue += json_is_true(json_object_get(row, "overdue"));
	rep->no_store = true;
	reply_json(rep, 200, json_pack("{s:o, s:o, s:I, s:s}", "designation", store_designation_json(req->store, id),
				       "items", items, "overdue", (json_int_t)overdue, "today", day));
}

/* Decodes items[] of the PUT body; every bad element is a 400 naming it. */
static enum zt_err decode_items(json_t *body, struct oblig_item **out, size_t *n, struct zt_error *e)
{
	json_t *arr = json_object_get(body, "items");
	if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 64)
		return zt_fail(e, ZT_ERR_INVALID, "items", "items は1〜64件の配列で指定してください。");
	*n = json_array_size(arr);
	*out = calloc(*n, sizeof **out);
	if (*out == NULL)
		abort();
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o) {
		struct oblig_item *it = &(*out)[i];
		if (!json_is_object(o))
			return zt_fail(e, ZT_ERR_INVALID, "items", "items[%zu] はオブジェクトで指定してください。", i);
		it->idx = obligation_lookup(str_field(o, "item"));
		if (it->idx < 0)
			return zt_fail(e, ZT_ERR_INVALID, "items", "items[%zu].item が不明な項目です。", i);
		int st = code_lookup(oblig_statuses, OST__MAX, str_field(o, "status") ? str_field(o, "status") : "");
		if (st < 0)
			return zt_fail(e, ZT_ERR_INVALID, "status", "items[%zu].status は todo・doing・done のいずれかです。", i);
		it->status = (enum oblig_status)st;
		const char *ev = str_field(o, "evidence"), *due = str_field(o, "due_date"), *done = str_field(o, "done_date");
		if ((ev && strlen(ev) >= sizeof it->evidence) || (due && strlen(due) >= sizeof it->due_date) ||
		    (done && strlen(done) >= sizeof it->done_date))
			return zt_fail(e, ZT_ERR_INVALID, "items", "items[%zu] の値が長すぎます。", i);
		snprintf(it->evidence, sizeof it->evidence, "%s", ev ? ev : "");
		snprintf(it->due_date, sizeof it->due_date, "%s", due ? due : "");
		snprintf(it->done_date, sizeof it->done_date, "%s", done ? done : "");
		enum zt_err r = oblig_item_validate(it, e);
		if (r != ZT_OK)
			return r;
	}
	return ZT_OK;
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
	enum zt_err r = decode_items(body, &items, &n, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = store_checklist_put(req->store, id, items, n, req->auth, req->remote_addr, &e);
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

void h_coverage_xlsx(struct http_request *req, struct http_reply *rep)
{
	struct desig_world w;
	if (!load_world(req, rep, ACT_DESIGNATION_READ, &w))
		return;
	struct zt_error e;
	zt_error_clear(&e);
	char path[] = "/tmp/zaitaku-coverage-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		desig_world_free(&w);
		reply_fail(rep, ZT_ERR_IO, "", "一時ファイルを作成できません。");
		return;
	}
	close(fd);
	enum zt_err r = coverage_xlsx(&w, path, &e);
	desig_world_free(&w);
	char *buf = NULL;
	size_t len = 0;
	if (r == ZT_OK)
		r = reply_file_slurp(path, "XLSXファイル", &buf, &len, &e);
	unlink(path);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_file(rep, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf, len,
		   "attachment; filename=\"coverage.xlsx\"");
}

void h_adjacency(struct http_request *req, struct http_reply *rep)
{
	const char *pref = http_query(req, "prefecture");
	if (pref == NULL || !text_is_digits(pref, 2)) {
		reply_fail(rep, ZT_ERR_INVALID, "prefecture", "prefecture は2桁の都道府県コード（例: 08）で指定してください。");
		return;
	}
	reply_json(rep, 200, json_pack("{s:s, s:o}", "prefecture", pref, "pairs", store_adjacency(req->store, pref)));
}

void h_public_designations(struct http_request *req, struct http_reply *rep)
{
	struct desig_world w;
	if (!load_world(req, rep, ACT_PUBLIC_READ, &w))
		return;
	json_t *out = designation_public_json(&w);
	desig_world_free(&w);
	reply_json(rep, 200, out);
}

/* ---- 在宅医療サポートセンター (seed 004) ---- */

/* items[] of codes → bits; 400 naming items on an unknown code. */
static enum zt_err decode_sc_items(json_t *body, uint32_t *bits, struct zt_error *e)
{
	json_t *arr = json_object_get(body, "items"), *v;
	size_t i;
	*bits = 0;
	if (arr == NULL)
		return ZT_OK;
	if (!json_is_array(arr))
		return zt_fail(e, ZT_ERR_INVALID, "items", "items は実施項目コードの配列で指定してください。");
	json_array_foreach(arr, i, v) {
		int k = code_lookup(sc_items, SC_ITEM__MAX, json_is_string(v) ? json_string_value(v) : "");
		if (k < 0)
			return zt_fail(e, ZT_ERR_INVALID, "items", "items[%zu] は不明な実施項目です（emergency, admission_discharge, "
				       "visit_increase, liaison_meeting, daily_care, end_of_life, awareness, local）。", i);
		*bits |= 1u << k;
	}
	return ZT_OK;
}

static enum zt_err decode_sc_name(json_t *body, bool required, const char **name, struct zt_error *e)
{
	json_t *v = json_object_get(body, "name");
	*name = json_is_string(v) ? json_string_value(v) : NULL;
	if ((v && !json_is_string(v)) || (required && (*name == NULL || (*name)[0] == '\0')) ||
	    (*name && (!text_valid_utf8(*name) || text_char_count(*name) > 100)))
		return zt_fail(e, ZT_ERR_INVALID, "name", "name（センター名）は1〜100文字で指定してください。");
	return ZT_OK;
}

/* Replies with the centre, the item problems (warnings while the work is in progress) and a note
 * when its 二次医療圏 has more than one centre (seed 004: 原則1箇所). */
static void reply_centre(struct http_request *req, struct http_reply *rep, int status, int64_t id)
{
	int64_t in_area = 0;
	json_t *c = store_support_centre_json(req->store, id, &in_area);
	if (c == NULL) {
		reply_fail(rep, ZT_ERR_NOTFOUND, "id", "指定された在宅医療サポートセンターは見つかりません。");
		return;
	}
	uint32_t bits = 0;
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(c, "items"), i, v) {
		int k = code_lookup(sc_items, SC_ITEM__MAX, json_string_value(v));
		if (k >= 0)
			bits |= 1u << k;
	}
	char msgs[SC_ITEM__MAX + 1][256];
	size_t n = sc_item_problems(bits, msgs, SC_ITEM__MAX + 1);
	json_t *problems = json_array(), *notes = json_array();
	for (i = 0; i < n && i < SC_ITEM__MAX + 1; i++)
		json_array_append_new(problems, json_string(msgs[i]));
	if (in_area > 1)
		json_array_append_new(notes, json_string("この二次医療圏には在宅医療サポートセンターが複数あります（原則1箇所）。"));
	json_object_set_new(c, "problems", problems);
	json_object_set_new(c, "notes", notes);
	reply_json(rep, status, c);
}

void h_support_centres_create(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	json_t *ma = json_object_get(body, "medical_area_id"), *inst = json_object_get(body, "institution_id");
	int type = code_lookup(sc_types, SC__MAX, str_field(body, "type") ? str_field(body, "type") : "");
	const char *name = NULL;
	uint32_t items = 0;
	char pref[3] = "";
	enum zt_err r = ZT_OK;
	if (!json_is_integer(ma) || json_integer_value(ma) <= 0)
		r = zt_fail(&e, ZT_ERR_INVALID, "medical_area_id", "medical_area_id は二次医療圏のIDで指定してください。");
	else if (!json_is_integer(inst) || json_integer_value(inst) <= 0)
		r = zt_fail(&e, ZT_ERR_INVALID, "institution_id", "institution_id は機関のID（正の整数）で指定してください。");
	else if (type < 0)
		r = zt_fail(&e, ZT_ERR_INVALID, "type", "type は core（基幹型）か linked（連携型）です。");
	if (r == ZT_OK)
		r = decode_sc_name(body, true, &name, &e);
	if (r == ZT_OK)
		r = decode_sc_items(body, &items, &e);
	if (r == ZT_OK) {
		store_medical_area_prefecture(req->store, json_integer_value(ma), pref);
		if (pref[0] == '\0')
			r = zt_fail(&e, ZT_ERR_INVALID, "medical_area_id", "指定された二次医療圏は登録されていません。");
	}
	struct policy_object obj = {.prefecture = pref};
	if (r == ZT_OK)
		r = policy_check(req->store, req->auth, ACT_DESIGNATION_WRITE, &obj, &e);
	struct desig_world w = {0};
	if (r == ZT_OK)
		r = store_desig_world(req->store, pref, &w, &e);
	if (r == ZT_OK)
		r = sc_check_operator((enum sc_type)type, dw_inst_find(&w, json_integer_value(inst)), &e);
	desig_world_free(&w);
	int64_t id = 0;
	if (r == ZT_OK)
		r = store_support_centre_create(req->store, json_integer_value(ma), json_integer_value(inst),
						(enum sc_type)type, name, items, req->auth, req->remote_addr, &id, &e);
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
	const char *name = NULL;
	uint32_t items = 0;
	enum zt_err r = ZT_OK;
	if (!json_is_array(json_object_get(body, "items")))
		r = zt_fail(&e, ZT_ERR_INVALID, "items", "items は実施項目コードの配列で指定してください。");
	if (r == ZT_OK)
		r = decode_sc_name(body, false, &name, &e);
	if (r == ZT_OK)
		r = decode_sc_items(body, &items, &e);
	if (r == ZT_OK)
		r = store_support_centre_update(req->store, id, name, items, req->auth, req->remote_addr, &e);
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
	if (store_support_centre_end(req->store, id, req->auth, req->remote_addr, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_centre(req, rep, 200, id);
}
