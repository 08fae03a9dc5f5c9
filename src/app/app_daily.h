/*
 * The daily timer of `zaitaku serve`: runs a job on its own database connection once at start and
 * again at every midnight in Asia/Tokyo (core/clock), on a thread of its own, independent of the
 * HTTP server. Today's only job is app_groups_refresh (certificates follow the date).
 */
#ifndef ZT_APP_APP_DAILY_H
#define ZT_APP_APP_DAILY_H

struct app_daily;

/* Opens a connection to db_path and runs app_groups_refresh for today at once (before returning,
 * so that a server answers with today's state from its first request), then starts the thread.
 * Failures of a run are printed to stderr and retried at the next run. NULL when the database
 * cannot be opened or the thread cannot start (printed). */
struct app_daily *app_daily_start(const char *db_path);
/* Stops the thread (waking it), closes its connection and frees d. Accepts NULL. */
void app_daily_stop(struct app_daily *d);

/* Seconds from instant now until the next midnight in Asia/Tokyo (1..86400). */
long app_daily_seconds_to_midnight(long long now);

#endif
