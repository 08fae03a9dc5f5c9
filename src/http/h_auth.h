/* /api/v1/session (sign-in, who am I, sign-out) and /api/v1/users (account administration). */
#ifndef ZT_HTTP_H_AUTH_H
#define ZT_HTTP_H_AUTH_H

#include "http/http.h"

void h_session_create(struct http_request *req, struct http_reply *rep);
void h_session_get(struct http_request *req, struct http_reply *rep);
void h_session_delete(struct http_request *req, struct http_reply *rep);
void h_users_list(struct http_request *req, struct http_reply *rep);
void h_users_create(struct http_request *req, struct http_reply *rep);
void h_user_put(struct http_request *req, struct http_reply *rep);

#endif
