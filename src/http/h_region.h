/* /api/v1/region/{kind} and /api/v1/positions/… — region set-up and positions over HTTP (h_region.c). */
#ifndef ZT_HTTP_H_REGION_H
#define ZT_HTTP_H_REGION_H

#include "http/http.h"

void h_region_get(struct http_request *req, struct http_reply *rep);
void h_region_put(struct http_request *req, struct http_reply *rep);
void h_region_import(struct http_request *req, struct http_reply *rep);
void h_region_export(struct http_request *req, struct http_reply *rep);
void h_positions_unconfirmed(struct http_request *req, struct http_reply *rep);
void h_positions_import(struct http_request *req, struct http_reply *rep);
void h_positions_geocode(struct http_request *req, struct http_reply *rep);

#endif
