/*
 * Rows of the iCalendar duty feeds (issue 14 §7): subscriptions (token kept as its hash) and the
 * duties a feed shows with their groups' hours and accepted substitutions (代診). The caller
 * (src/app/app_feeds.c) asks the policy and writes the audit rows. Results: ZT_OK, ZT_ERR_NOTFOUND,
 * ZT_ERR_BUSY or ZT_ERR_DB (*e filled when given).
 */
#ifndef ZT_STORE_STORE_FEEDS_H
#define ZT_STORE_STORE_FEEDS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/feed.h"

struct store;

/* A subscription as stored (never the token; the hash only where the fetch needs it). */
struct ical_feed {
	int64_t id;
	int kind;                  /* enum feed_kind */
	int64_t target_id;         /* practitioner (doctor) or group id */
	char target_name[401];     /* the doctor's or the group's name */
	char target_municipality[7]; /* where the target lies (the doctor's institution, the group's 拠点) */
	int64_t account_id;
	char username[64];
	char token_hash[65];
	char created_at[21], revoked_at[21], last_fetched_at[21];
};

/* Inside a transaction: inserts f (kind, target_id, account_id) with token_hash; sets f->id and
 * f->created_at. */
enum zt_err store_feed_insert(struct store *st, struct ical_feed *f, const char *token_hash, struct zt_error *e);
/* The feed whose token hashes to token_hash (revoked ones too: the caller decides). */
enum zt_err store_feed_find(struct store *st, const char *token_hash, struct ical_feed *out);
enum zt_err store_feed_get(struct store *st, int64_t id, struct ical_feed *out, struct zt_error *e);
/* Feeds of account_id (0 = every account), newest first, into a new array (caller frees). */
enum zt_err store_feed_list(struct store *st, int64_t account_id, struct ical_feed **out, size_t *n,
			    struct zt_error *e);
/* Inside a transaction: sets revoked_at to now. ZT_ERR_NOTFOUND when absent or already revoked. */
enum zt_err store_feed_revoke(struct store *st, int64_t id, struct zt_error *e);
/* Records a fetch at now unless one was recorded after since (best effort, no error). */
void store_feed_touch(struct store *st, int64_t id, const char *now, const char *since);

/* Duties from..to (inclusive dates) of the group (group_id) or stood or rostered by the doctor
 * (practitioner_id), with each duty's group name and hours and its accepted substitute (the latest
 * substitution of an absence of the rostered doctor covering the duty's date). Pass 0 for the id
 * not asked. Ordered by date, type, id; a new array (caller frees). */
enum zt_err store_feed_duties(struct store *st, int64_t group_id, int64_t practitioner_id, const char *from,
			      const char *to, struct feed_duty **out, size_t *n, struct zt_error *e);

#endif
