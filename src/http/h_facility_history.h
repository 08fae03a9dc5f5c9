/* The history of an institution's changes (issue 12 §8). */
#ifndef ZT_HTTP_H_FACILITY_HISTORY_H
#define ZT_HTTP_H_FACILITY_HISTORY_H

#include "http/http.h"

void h_facility_history(struct http_request *req, struct http_reply *rep);

#endif
