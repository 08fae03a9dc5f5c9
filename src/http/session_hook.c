/* Placeholder-free minimal hook: until accounts exist (issue 3), routes marked ROUTE_SIGNED are
 * refused unless the server runs with ZAITAKU_OPEN_WRITES=1 (tests of issue 2 only). */
#include "http/session_hook.h"

#include "auth/auth.h"

#include <stdlib.h>
#include <string.h>

/* TEMPORARY (replaced by the accounts work of issue 3): with ZAITAKU_OPEN_WRITES=1 every request
 * acts as an admin, so that features can be built and tested before sign-in exists. */
static struct auth_ctx open_admin = {.user_id = 0, .username = "open-writes", .role = ROLE_ADMIN};

int session_hook_begin(struct http_request *req, const struct route *route, struct http_reply *rep)
{
	const char *open = getenv("ZAITAKU_OPEN_WRITES");
	if (open && strcmp(open, "1") == 0) {
		req->auth = &open_admin;
		return 1;
	}
	if (route->access == ROUTE_SIGNED) {
		reply_fail(rep, ZT_ERR_UNAUTH, "", "サインインが必要です。");
		return 0;
	}
	return 1;
}

void session_hook_end(struct http_request *req, struct http_reply *rep)
{
	(void)req;
	(void)rep;
}
