/*
 * Who is asking: the identity attached to a request after sign-in (session cookie) or an API
 * token. Roles and scopes follow issue 3: scope follows the district (郡市医師会) for
 * coordinators, the prefecture for prefecture staff, the institution for doctors, nurses and
 * hospitals. The public (signed out) has no auth_ctx (NULL).
 */
#ifndef ZT_AUTH_AUTH_H
#define ZT_AUTH_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/actor.h"
#include "domain/role.h" /* enum role, role_name(), role_label(), role_lookup() */

#define AUTH_MAX_ASSOCIATIONS 8

struct auth_ctx {
	int64_t user_id;
	char username[64];
	char display_name[128];
	enum role role;
	char prefecture[3];                              /* ROLE_PREFECTURE: JIS code */
	int64_t institution_id;                          /* doctor / nurse / hospital */
	int64_t associations[AUTH_MAX_ASSOCIATIONS];     /* coordinator: 郡市医師会 institution ids */
	int nassociations;
	bool via_token;                                  /* API token (no CSRF for machine clients) */
	bool read_only;                                  /* a token of scope "read": GET/HEAD only */
	int64_t token_id;                                /* via_token: the token's id */
	int64_t session_id;
	char csrf_token[65];
};

/* The actor of an audit row for a signed-in user (a NULL ctx is the system); remote NULL → "cli".
 * The strings are borrowed from ctx and remote. */
static inline struct zt_actor auth_actor(const struct auth_ctx *ctx, const char *remote)
{
	struct zt_actor a = zt_actor_system();
	if (ctx != NULL) {
		a.user_id = ctx->user_id;
		a.username = ctx->username;
		a.role = role_name((int)ctx->role);
	}
	if (remote != NULL && remote[0] != '\0')
		a.remote_addr = remote;
	return a;
}

#endif
