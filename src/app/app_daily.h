/*
 * The daily timer of `zaitaku serve`: runs a job on its own database connection once at start and
 * again at every midnight in Asia/Tokyo (core/clock), on a thread of its own, independent of the
 * HTTP server. Today's only job is app_groups_refresh (certificates follow the date).
 */
#ifndef ZT_APP_APP_DAILY_H
#define ZT_APP_APP_DAILY_H

struct app_daily;

/* Starts the thread: it opens its own connection to db_path, runs app_groups_refresh for today at
 * once (beside the first requests, so that starting the server is not delayed), then at every JST
 * midnight. Failures are printed to stderr (a failed run is retried at the next). NULL when the
 * thread cannot start (printed). */
struct app_daily *app_daily_start(const char *db_path);
/* Stops the thread (waking it), closes its connection and frees d. Accepts NULL. */
void app_daily_stop(struct app_daily *d);

/* Seconds from instant now until the next midnight in Asia/Tokyo (1..86400). */
long app_daily_seconds_to_midnight(long long now);

#endif
