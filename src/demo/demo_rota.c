/*
 * Demo step "rota" (issue 15 §1–§3): the certified group 鹿嶋在宅医療連携グループ（デモ） gets a solved
 * on-call rota for the current fiscal year (April–March of the project clock) with its stored
 * fairness certificate. The duties the network step entered by hand around the demo day (source
 * 'manual') are the pins: kept as they are, so the call chain shown around the demo day does not
 * change. One doctor has two conference days (学会) next month and a half share; the others a cap of
 * eight duties a month. The solve runs half a second (seed 1), through the same use case as the API.
 */
#include "demo/demo_rota.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_rota.h"
#include "core/actor.h"
#include "core/clock.h"
#include "domain/holiday.h"
#include "io/rota_request_json.h"
#include "store/store.h"
#include "store/store_groups.h"
#include "store/store_rota.h"

static const char *const group_name = "鹿嶋在宅医療連携グループ（デモ）";

enum zt_err demo_rota(struct store *st, struct zt_error *e)
{
	struct group_row *rows = NULL;
	size_t n = 0;
	int64_t group = 0;
	enum zt_err r = store_groups_list(st, &rows, &n, e);
	for (size_t i = 0; r == ZT_OK && i < n; i++)
		if (strcmp(rows[i].name, group_name) == 0)
			group = rows[i].id;
	free(rows);
	if (r != ZT_OK)
		return r;
	if (!group)
		return zt_fail(e, ZT_ERR_NOTFOUND, "", "デモの %s が見つかりません。", group_name);
	struct rota_doc_row *docs = NULL;
	size_t nd = 0;
	if ((r = store_rota_doctors(st, group, &docs, &nd, e)) != ZT_OK)
		return r;
	char today[11];
	zt_today_jst(today);
	int y, m, d;
	cal_parse(today, &y, &m, &d);
	for (size_t i = 0; r == ZT_OK && i < nd; i++) {
		struct rota_settings_req s = {.share = i + 1 == nd && nd > 2 ? 0.5 : 1.0, .max_per_month = i + 1 == nd ? 0 : 8};
		r = app_rota_doctor_put(st, NULL, NULL, group, docs[i].practitioner_id, &s, e);
	}
	/* two conference days (学会) of the second doctor on the 10th and 11th of next month */
	for (int k = 0; r == ZT_OK && nd > 1 && k < 2; k++) {
		struct rota_unavail_req u = {.practitioner_id = docs[1].practitioner_id};
		cal_format(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 10 + k, u.date);
		snprintf(u.reason, sizeof u.reason, "学会（架空）");
		snprintf(u.source, sizeof u.source, "conference");
		r = app_rota_unavailable_add(st, NULL, NULL, group, &u, NULL, e);
	}
	free(docs);
	int fy = zt_fiscal_year();
	char from[11], to[11];
	cal_format(fy, 4, 1, from);
	cal_format(fy + 1, 3, 31, to);
	struct zt_actor who = zt_actor_system();
	json_t *res = NULL;
	if (r == ZT_OK)
		r = app_rota_solve(st, NULL, &who, group, from, to, 0.5, 1, 0, NULL, &res, e);
	const char *status = res ? json_string_value(json_object_get(res, "status")) : "";
	if (r == ZT_OK && strcmp(status, "feasible") != 0)
		r = zt_fail(e, ZT_ERR_INVALID, "", "デモの当番表が作成できません（%s）。", status);
	if (r == ZT_OK)
		printf("  rota: %s〜%s solved for the demo group (%lld duties by the solver, %lld pinned), certificate stored\n", from,
		       to, (long long)json_integer_value(json_object_get(res, "duties")),
		       (long long)json_integer_value(json_object_get(res, "pins")));
	json_decref(res);
	return r;
}
