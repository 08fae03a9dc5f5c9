/* The point where authentication and the access policy meet every API request (see auth/). */
#ifndef ZT_HTTP_SESSION_HOOK_H
#define ZT_HTTP_SESSION_HOOK_H

#include "http/http.h"
#include "http/routes.h"

/* Called before the handler: identifies the user (session cookie or API token), enforces the
 * route's access level, CSRF for state changes and the role gate of the route's policy action.
 * Returns 1 to run the handler, 0 when it has replied itself (401/403/429). */
int session_hook_begin(struct http_request *req, const struct route *route, struct http_reply *rep);
/* Called after the handler: refreshes cookies, releases the identity. */
void session_hook_end(struct http_request *req, struct http_reply *rep);

#endif
