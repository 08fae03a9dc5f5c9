/* Placeholder-free minimal hook: until accounts exist (issue 3), routes marked ROUTE_SIGNED are
 * refused unless the server runs with ZAITAKU_OPEN_WRITES=1 (tests of issue 2 only). */
#include "http/session_hook.h"

#include <stdlib.h>
#include <string.h>

int session_hook_begin(struct http_request *req, const struct route *route, struct http_reply *rep)
{
	(void)req;
	if (route->access == ROUTE_SIGNED) {
		const char *open = getenv("ZAITAKU_OPEN_WRITES");
		if (open == NULL || strcmp(open, "1") != 0) {
			reply_fail(rep, ZT_ERR_UNAUTH, "", "サインインが必要です。");
			return 0;
		}
	}
	return 1;
}

void session_hook_end(struct http_request *req, struct http_reply *rep)
{
	(void)req;
	(void)rep;
}
