/*
 * GET /api/v1/facilities/{id}/history — who changed an institution, when, before and after (issue 12
 * §8), from the audit trail; registry writers of its district (app/app_facility_history.h).
 */
#include "http/h_facility_history.h"

#include "app/app_facility_history.h"

void h_facility_history(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *items = NULL;
	if (app_facility_history(req->store, req->auth, id, &items, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, 200, json_pack("{s:o}", "items", items));
}
