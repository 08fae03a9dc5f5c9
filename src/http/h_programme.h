/* Handlers of the coordinator programme (issue 18): operators, meetings, clinic stages, visits, awards. */
#ifndef ZT_HTTP_H_PROGRAMME_H
#define ZT_HTTP_H_PROGRAMME_H

#include "http/http.h"

void h_operators_list(struct http_request *req, struct http_reply *rep);
void h_operators_create(struct http_request *req, struct http_reply *rep);
void h_operator_get(struct http_request *req, struct http_reply *rep);

#endif
