/*
 * /api/v1/boundaries — municipality outlines imported from 国土数値情報 N03 (issue 12 §7).
 *   GET /boundaries?prefecture=08   200 GeoJSON FeatureCollection (properties code, name; empty
 *                                   when none imported); 400 when prefecture is missing or not 2 digits.
 */
#include "http/h_boundaries.h"

#include <stdlib.h>

#include "domain/text.h"
#include "store/store_boundary.h"

void h_boundaries(struct http_request *req, struct http_reply *rep)
{
	const char *pref = http_query_prefecture(req, rep);
	if (pref == NULL)
		return;
	size_t len;
	char *text = store_boundaries_geojson(req->store, pref, &len);
	if (text == NULL) {
		reply_fail(rep, ZT_ERR_DB, "", "データベースの処理に失敗しました。");
		return;
	}
	reply_json_text(rep, 200, text, len);
}
