/*
 * The daily timer of `zaitaku serve`: runs a job on its own database connection once at start and
 * again at every midnight in Asia/Tokyo (core/clock), on a thread of its own, independent of the
 * HTTP server. Jobs: app_groups_refresh (certificates follow the date) and app_designation_recheck of
 * every designation in force (facts changed by any path, e.g. a command-line import).
 */
#ifndef ZT_APP_APP_DAILY_H
#define ZT_APP_APP_DAILY_H

struct app_daily;
struct store_options;

/* Starts the thread: it opens its own connection to db_path (with the key files of o, which must
 * outlive the thread; NULL = beside the database), runs app_groups_refresh for today at
 * once (beside the first requests, so that starting the server is not delayed), then at every JST
 * midnight. Failures are printed to stderr (a failed run is retried at the next). NULL when the
 * thread cannot start (printed). */
struct app_daily *app_daily_start(const char *db_path, const struct store_options *o);
/* Stops the thread (waking it), closes its connection and frees d. Accepts NULL. */
void app_daily_stop(struct app_daily *d);

/* Seconds from instant now until the next midnight in Asia/Tokyo (1..86400). */
long app_daily_seconds_to_midnight(long long now);

#endif
