/* Solve jobs: submit, read, cancel, and the worker pool of serve (see app_rota_jobs.h, app_rota.h). */
#include "app/app_patients.h"
#include "app/app_rota_jobs.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_rota.h"
#include "auth/policy.h"
#include "core/actor.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_groups.h"
#include "store/store_keys.h"
#include "store/store_rota.h"

#define MAX_WORKERS 4

static json_t *job_json(const struct rota_job *j)
{
	json_t *best = j->best[0] ? json_loads(j->best, 0, NULL) : NULL;
	json_t *result = j->result ? json_loads(j->result, 0, NULL) : NULL;
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:f, s:o, s:I, s:f, s:b, s:o, s:s?, s:s?, s:s, s:s?, s:s?}", "id",
			 (json_int_t)j->id, "group_id", (json_int_t)j->group_id, "from", j->from, "to", j->to, "state", j->state,
			 "progress", j->progress, "best_objective", best ? best : json_null(), "seed", (json_int_t)j->seed,
			 "time_limit", j->time_limit, "cancel_requested", j->cancel_requested != 0, "result",
			 result ? result : json_null(), "error", j->error[0] ? j->error : NULL, "created_by",
			 j->created_by[0] ? j->created_by : NULL, "created_at", j->created_at, "started_at",
			 j->started_at[0] ? j->started_at : NULL, "finished_at", j->finished_at[0] ? j->finished_at : NULL);
}

struct submit_tx {
	struct rota_job *j;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err submit_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct submit_tx *c = ctx;
	enum zt_err r = store_rota_job_insert(st, c->j, e);
	if (r == ZT_OK) {
		json_t *a = json_pack("{s:I, s:s, s:s, s:I, s:f}", "group_id", (json_int_t)c->j->group_id, "from", c->j->from,
				      "to", c->j->to, "seed", (json_int_t)c->j->seed, "time_limit", c->j->time_limit);
		r = audit_append(st, c->who, "create", "rota_job", c->j->id, c->muni, NULL, a, e);
		json_decref(a);
	}
	return r;
}

enum zt_err app_rota_job_submit(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				int64_t group_id, const char *from, const char *to, double time_limit, uint64_t seed,
				json_t **job, struct zt_error *e)
{
	*job = NULL;
	char muni[7] = "";
	enum zt_err r = app_group_policy(st, auth, group_id, ACT_GROUP_WRITE, muni, e);
	if (r == ZT_OK)
		r = app_rota_period_check(from, to, e);
	if (r == ZT_OK && !(time_limit > 0 && time_limit <= APP_ROTA_MAX_TIME_LIMIT))
		r = zt_fail(e, ZT_ERR_INVALID, "time_limit", "time_limit（秒）は 0 より大きく %.0f 以下で指定してください。",
			    APP_ROTA_MAX_TIME_LIMIT);
	if (r != ZT_OK)
		return r;
	struct rota_job j;
	memset(&j, 0, sizeof j);
	j.group_id = group_id;
	snprintf(j.from, sizeof j.from, "%s", from);
	snprintf(j.to, sizeof j.to, "%s", to);
	j.seed = (int64_t)(seed & INT64_MAX);
	j.time_limit = time_limit;
	snprintf(j.created_by, sizeof j.created_by, "%s", who && who->username ? who->username : "system");
	struct submit_tx c = {&j, muni, who};
	r = store_tx(st, submit_tx_fn, &c, e);
	if (r == ZT_OK) {
		*job = job_json(&j);
		app_rota_workers_kick();
	}
	return r;
}

enum zt_err app_rota_job_get(struct store *st, const struct auth_ctx *auth, int64_t id, json_t **job, struct zt_error *e)
{
	*job = NULL;
	struct rota_job j;
	enum zt_err r = store_rota_job_get(st, id, &j, e);
	if (r == ZT_OK)
		r = app_group_policy(st, auth, j.group_id, ACT_GROUP_READ, NULL, e);
	if (r == ZT_OK)
		*job = job_json(&j);
	store_rota_job_clear(&j);
	return r;
}

struct cancel_tx {
	int64_t id;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err cancel_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct cancel_tx *c = ctx;
	enum zt_err r = store_rota_job_cancel(st, c->id, e);
	if (r == ZT_OK)
		r = audit_append(st, c->who, "cancel", "rota_job", c->id, c->muni, NULL, NULL, e);
	return r;
}

enum zt_err app_rota_job_cancel(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
				struct zt_error *e)
{
	char muni[7] = "";
	struct rota_job j;
	enum zt_err r = store_rota_job_get(st, id, &j, e);
	store_rota_job_clear(&j);
	if (r == ZT_OK)
		r = app_group_policy(st, auth, j.group_id, ACT_GROUP_WRITE, muni, e);
	if (r != ZT_OK)
		return r;
	struct cancel_tx c = {id, muni, who};
	return store_tx(st, cancel_tx_fn, &c, e);
}

/* ---- the worker pool ---- */

struct app_rota_workers {
	char *db_path;
	const struct store_options *opts;
	int n;
	pthread_t threads[MAX_WORKERS];
	bool started[MAX_WORKERS];
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;
	unsigned kicks;
};

static pthread_mutex_t current_mu = PTHREAD_MUTEX_INITIALIZER;
static struct app_rota_workers *current;

void app_rota_workers_kick(void)
{
	pthread_mutex_lock(&current_mu);
	struct app_rota_workers *w = current;
	if (w) {
		pthread_mutex_lock(&w->mu);
		w->kicks++;
		pthread_cond_broadcast(&w->cv);
		pthread_mutex_unlock(&w->mu);
	}
	pthread_mutex_unlock(&current_mu);
}

static bool pool_stopping(struct app_rota_workers *w)
{
	pthread_mutex_lock(&w->mu);
	bool s = w->stop;
	pthread_mutex_unlock(&w->mu);
	return s;
}

struct run_ctx {
	struct app_rota_workers *w;
	struct store *st;
	const struct rota_job *job;
	struct timespec t0, last;
	char best[512];
	bool cancel, shutdown;
};

static double since_ms(const struct timespec *a)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - a->tv_sec) * 1000.0 + (double)(t.tv_nsec - a->tv_nsec) / 1e6;
}

static void run_progress(void *ctx, double elapsed_ms, const char *best)
{
	struct run_ctx *c = ctx;
	(void)elapsed_ms;
	snprintf(c->best, sizeof c->best, "%s", best ? best : "");
}

struct progress_tx {
	int64_t id;
	double fraction;
	const char *best;
	int cancel;
};

static enum zt_err progress_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct progress_tx *p = ctx;
	p->cancel = store_rota_job_progress(st, p->id, p->fraction, p->best);
	return p->cancel < 0 ? zt_fail(e, ZT_ERR_DB, "", "進捗を記録できませんでした。") : ZT_OK;
}

static bool run_stop(void *ctx)
{
	struct run_ctx *c = ctx;
	if (c->cancel || c->shutdown)
		return true;
	if (since_ms(&c->last) >= 250.0) {
		clock_gettime(CLOCK_MONOTONIC, &c->last);
		double f = since_ms(&c->t0) / (c->job->time_limit * 1000.0);
		struct progress_tx p = {c->job->id, f > 0.99 ? 0.99 : f, c->best, 0};
		if (store_tx(c->st, progress_tx_fn, &p, NULL) == ZT_OK && p.cancel > 0)
			c->cancel = true;
		c->shutdown = pool_stopping(c->w);
	}
	return c->cancel || c->shutdown;
}

struct finish_tx {
	int64_t id;
	const char *state, *result, *best, *error;
};

static enum zt_err finish_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct finish_tx *f = ctx;
	return store_rota_job_finish(st, f->id, f->state, f->result, f->best, f->error, e);
}

static void run_job(struct app_rota_workers *w, struct store *st, const struct rota_job *job)
{
	struct run_ctx c = {.w = w, .st = st, .job = job};
	clock_gettime(CLOCK_MONOTONIC, &c.t0);
	c.last = c.t0;
	struct app_rota_hooks hooks = {run_progress, run_stop, &c};
	struct zt_actor who = {0, job->created_by[0] ? job->created_by : "system", "job", "serve"};
	struct zt_error e;
	zt_error_clear(&e);
	json_t *result = NULL;
	enum zt_err r = app_rota_solve(st, NULL, &who, job->group_id, job->from, job->to, job->time_limit,
				       (uint64_t)job->seed, job->id, &hooks, &result, &e);
	const char *state = "failed", *error = NULL;
	const char *status = result ? json_string_value(json_object_get(result, "status")) : NULL;
	if (r != ZT_OK)
		error = e.message;
	else if (c.shutdown)
		error = "サーバーが停止したため計算を中断しました。もう一度実行してください。";
	else if (c.cancel || (status && strcmp(status, "cancelled") == 0))
		state = "cancelled";
	else if (status && strcmp(status, "unknown") == 0)
		error = "制限時間内に規則をすべて満たす当番表が見つかりませんでした（矛盾の証明も見つかっていません）。制限時間を延ばしてください。";
	else
		state = "done";
	char *rtext = result ? json_dumps(result, JSON_COMPACT) : NULL;
	json_t *obj = result && status && strcmp(status, "feasible") == 0 ? json_object_get(result, "objective") : NULL;
	char *btext = obj ? json_dumps(obj, JSON_COMPACT) : NULL;
	struct finish_tx f = {job->id, state, rtext, btext, error};
	struct zt_error fe;
	zt_error_clear(&fe);
	if (store_tx(st, finish_tx_fn, &f, &fe) != ZT_OK)
		fprintf(stderr, "zaitaku serve: rota job %lld: cannot store its end: %s\n", (long long)job->id, fe.message);
	free(rtext);
	free(btext);
	json_decref(result);
}

struct claim_tx {
	struct rota_job *j;
	int got;
};

static enum zt_err claim_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct claim_tx *c = ctx;
	c->got = store_rota_job_claim(st, c->j);
	return c->got < 0 ? zt_fail(e, ZT_ERR_DB, "", "ジョブを取り出せませんでした。") : ZT_OK;
}

static void *worker(void *arg)
{
	struct app_rota_workers *w = arg;
	struct zt_error e;
	zt_error_clear(&e);
	struct store *st = store_open_opts(w->db_path, w->opts, &e);
	if (st == NULL) {
		fprintf(stderr, "zaitaku serve: rota worker: %s\n", e.message);
		return NULL;
	}
	for (;;) {
		if (pool_stopping(w))
			break;
		struct rota_job job;
		memset(&job, 0, sizeof job);
		struct claim_tx c = {&job, 0};
		pthread_mutex_lock(&w->mu);
		unsigned seen = w->kicks;
		pthread_mutex_unlock(&w->mu);
		if (store_tx(st, claim_tx_fn, &c, NULL) == ZT_OK && c.got == 1) {
			/* Held while it runs, so that another server's start does not take it for orphaned. */
			store_rota_job_hold(st, job.id, true);
			run_job(w, st, &job);
			store_rota_job_hold(st, job.id, false);
			store_rota_job_clear(&job);
			continue;
		}
		store_rota_job_clear(&job);
		/* nothing queued: sleep until kicked (a job queued by this process) or 2 s (one queued by the CLI) */
		pthread_mutex_lock(&w->mu);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 2;
		int rc = 0;
		while (!w->stop && w->kicks == seen && rc != ETIMEDOUT)
			rc = pthread_cond_timedwait(&w->cv, &w->mu, &until);
		pthread_mutex_unlock(&w->mu);
	}
	store_close(st);
	return NULL;
}

struct orphan_tx {
	int n;
};

static enum zt_err orphan_tx_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct orphan_tx *o = ctx;
	o->n = store_rota_jobs_orphaned(st, "サーバーの停止により計算が中断されました。もう一度実行してください。");
	return o->n < 0 ? zt_fail(e, ZT_ERR_DB, "", "中断されたジョブを記録できませんでした。") : ZT_OK;
}

struct app_rota_workers *app_rota_workers_start(const char *db_path, const struct store_options *o, int n)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct store *st = store_open_opts(db_path, o, &e);
	struct orphan_tx ot = {0};
	if (st == NULL || store_tx(st, orphan_tx_fn, &ot, &e) != ZT_OK) {
		fprintf(stderr, "zaitaku serve: rota jobs: %s\n", e.message);
		store_close(st);
		return NULL;
	}
	store_close(st);
	if (ot.n > 0)
		fprintf(stderr, "zaitaku serve: %d rota job(s) interrupted by the last stop marked failed\n", ot.n);
	struct app_rota_workers *w = calloc(1, sizeof *w);
	if (w == NULL || (w->db_path = strdup(db_path)) == NULL)
		abort();
	w->opts = o;
	w->n = n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : n;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old); /* signals belong to the server's main thread */
	for (int i = 0; i < w->n; i++)
		w->started[i] = pthread_create(&w->threads[i], NULL, worker, w) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_mutex_lock(&current_mu);
	current = w;
	pthread_mutex_unlock(&current_mu);
	return w;
}

void app_rota_workers_stop(struct app_rota_workers *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&current_mu);
	if (current == w)
		current = NULL;
	pthread_mutex_unlock(&current_mu);
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	for (int i = 0; i < w->n; i++)
		if (w->started[i])
			pthread_join(w->threads[i], NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w->db_path);
	free(w);
}
