/* /api/v1/tokens: API tokens of the signed-in user (all of them for an admin). */
#ifndef ZT_HTTP_H_TOKENS_H
#define ZT_HTTP_H_TOKENS_H

#include "http/http.h"

void h_tokens_list(struct http_request *req, struct http_reply *rep);
void h_tokens_create(struct http_request *req, struct http_reply *rep);
void h_token_delete(struct http_request *req, struct http_reply *rep);

#endif
