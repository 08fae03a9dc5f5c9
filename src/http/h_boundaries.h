/* /api/v1/boundaries — municipality outlines for the map (issue 12 §7). */
#ifndef ZT_HTTP_H_BOUNDARIES_H
#define ZT_HTTP_H_BOUNDARIES_H

#include "http/http.h"

void h_boundaries(struct http_request *req, struct http_reply *rep);

#endif
