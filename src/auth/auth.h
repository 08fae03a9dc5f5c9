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

enum role {
	ROLE_ADMIN,       /* whole installation */
	ROLE_PREFECTURE,  /* 県・保健所: a prefecture — designation, audits, publication */
	ROLE_COORDINATOR, /* 在宅医療推進コーディネータ: one or more 郡市医師会 */
	ROLE_DOCTOR,      /* 在宅医: their institution, own patients and their group's */
	ROLE_NURSE,       /* 訪問看護: their institution */
	ROLE_HOSPITAL,    /* 地域連携室: its discharge referrals */
	ROLE__MAX
};

extern const char *const role_names[ROLE__MAX]; /* "admin", "prefecture", ... */
extern const char *const role_labels[ROLE__MAX]; /* Japanese labels */
int role_lookup(const char *name);              /* -1 when unknown */

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
		a.role = (int)ctx->role >= 0 && ctx->role < ROLE__MAX ? role_names[ctx->role] : "system";
	}
	if (remote != NULL && remote[0] != '\0')
		a.remote_addr = remote;
	return a;
}

#endif
