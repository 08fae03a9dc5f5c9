/*
 * Use cases of the iCalendar duty feeds (issue 14 §7): subscription URLs with a secret token, per
 * doctor (every duty the doctor stands, across groups) or per group, that can be revoked; and the
 * public fetch of a feed by its token. Access (policy feed_manage): a doctor for the doctors of his
 * own institution (accounts are not linked to one practitioner), the district's coordinator, admin;
 * a group's feed also needs group_write on the group (its coordinator, admin). The token exists only
 * in the reply that creates it; the store keeps its hash (auth/secret.h). Feeds carry no patient data.
 * auth NULL is the system (CLI, tests); who NULL records the system as the actor.
 */
#ifndef ZT_APP_APP_FEEDS_H
#define ZT_APP_APP_FEEDS_H

#include <stddef.h>
#include <stdint.h>

#include "auth/secret.h"
#include "core/error.h"
#include "domain/feed.h"
#include "store/store_feeds.h"

struct store;
struct zt_actor;
struct auth_ctx;

/* Days of duties a feed carries around today (JST): this many back, and ahead. */
#define FEED_DAYS_BACK 62
#define FEED_DAYS_AHEAD 400

/* Creates a feed of kind for target (a practitioner id, field practitioner_id, or a group id, field
 * group_id; ZT_ERR_INVALID when unknown) owned by auth's account, with its audit row. The raw token
 * goes to token, the stored row to *out. ZT_ERR_FORBIDDEN outside the user's scope. */
enum zt_err app_feed_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			    enum feed_kind kind, int64_t target, struct ical_feed *out, char token[SECRET_TOKEN_HEX],
			    struct zt_error *e);
/* The feeds of auth's account (admin: every account's), newest first; *out is the caller's (free()). */
enum zt_err app_feed_list(struct store *st, const struct auth_ctx *auth, struct ical_feed **out, size_t *n,
			  struct zt_error *e);
/* Revokes feed id (its owner, admin, or whoever may manage its target), with its audit row.
 * ZT_ERR_NOTFOUND when absent, already revoked or not the user's to see. */
enum zt_err app_feed_revoke(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			    struct zt_error *e);
/* The iCalendar text of the feed whose token is token (64 hex characters): *out is new (free()),
 * *len its length. ZT_ERR_NOTFOUND, the same for a malformed, unknown or revoked token; records the
 * fetch (at most once a minute). No audit row: a calendar polls, and the feed holds no patient data. */
enum zt_err app_feed_fetch(struct store *st, const char *token, char **out, size_t *len, struct zt_error *e);

#endif
