/* The daily timer of serve: groups refresh at start and at every JST midnight (see app_daily.h). */
#include "app/app_daily.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_designation.h"
#include "app/app_groups.h"
#include "core/clock.h"
#include "store/store.h"
#include "store/store_keys.h"

struct app_daily {
	char *db_path;
	const struct store_options *opts;
	struct store *st;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;
};

long app_daily_seconds_to_midnight(long long now)
{
	long long jst = now + ZT_JST_OFFSET;
	long long next = (jst / 86400 + 1) * 86400;
	return (long)(next - jst);
}

/* One refresh for today; errors are printed, never fatal. */
static void run_once(struct store *st)
{
	char today[11];
	zt_today_jst(today);
	struct zt_error e;
	zt_error_clear(&e);
	int n = 0;
	if (app_groups_refresh(st, today, &n, &e) != ZT_OK)
		fprintf(stderr, "zaitaku: groups refresh for %s failed: %s\n", today, e.message);
	else if (n > 0)
		fprintf(stderr, "zaitaku: groups refresh for %s: %d group(s) re-validated\n", today, n);
	/* designations in force against today's facts, whatever path changed them (issue 13 item 8) */
	size_t flagged = 0;
	zt_error_clear(&e);
	if (app_designation_recheck(st, NULL, NULL, 0, &flagged, &e) != ZT_OK)
		fprintf(stderr, "zaitaku: designation re-check for %s failed: %s\n", today, e.message);
	else if (flagged > 0)
		fprintf(stderr, "zaitaku: designation re-check for %s: %zu designation(s) flagged or unflagged\n", today, flagged);
}

static void *loop(void *arg)
{
	struct app_daily *d = arg;
	struct zt_error e;
	zt_error_clear(&e);
	d->st = store_open_opts(d->db_path, d->opts, &e);
	if (d->st == NULL) {
		fprintf(stderr, "zaitaku serve: daily timer: %s\n", e.message);
		return NULL;
	}
	run_once(d->st);
	pthread_mutex_lock(&d->mu);
	while (!d->stop) {
		/* wait on the real clock; a pinned test clock (ZAITAKU_NOW) then finds nothing to do */
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += app_daily_seconds_to_midnight((long long)zt_now()) + 1;
		int rc = 0;
		while (!d->stop && rc != ETIMEDOUT)
			rc = pthread_cond_timedwait(&d->cv, &d->mu, &until);
		if (d->stop)
			break;
		pthread_mutex_unlock(&d->mu);
		run_once(d->st);
		pthread_mutex_lock(&d->mu);
	}
	pthread_mutex_unlock(&d->mu);
	return NULL;
}

struct app_daily *app_daily_start(const char *db_path, const struct store_options *o)
{
	struct app_daily *d = calloc(1, sizeof *d);
	if (d == NULL || (d->db_path = strdup(db_path)) == NULL)
		abort();
	d->opts = o;
	pthread_mutex_init(&d->mu, NULL);
	pthread_cond_init(&d->cv, NULL);
	/* the thread takes no signals: SIGTERM/SIGINT must reach the server's main thread */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int rc = pthread_create(&d->thread, NULL, loop, d);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		fprintf(stderr, "zaitaku serve: cannot start the daily timer\n");
		free(d->db_path);
		free(d);
		return NULL;
	}
	return d;
}

void app_daily_stop(struct app_daily *d)
{
	if (d == NULL)
		return;
	pthread_mutex_lock(&d->mu);
	d->stop = true;
	pthread_cond_signal(&d->cv);
	pthread_mutex_unlock(&d->mu);
	pthread_join(d->thread, NULL);
	pthread_mutex_destroy(&d->mu);
	pthread_cond_destroy(&d->cv);
	store_close(d->st);
	free(d->db_path);
	free(d);
}
