/*
 * The solve jobs of `zaitaku serve` (issue 15 §6): a small pool of worker threads, each with its own
 * database connection (a connection is used by one thread at a time, docs/architecture.md), takes
 * queued rows of rota_job in order, runs app_rota_solve with the job's time limit and seed, writes
 * progress and the best objective so far about four times a second (reading the cancel flag at the
 * same time), and stores the final state. Jobs are rows: a job left running by a server that stopped
 * becomes failed with the reason when the pool starts again; a job running when the pool stops is
 * interrupted and marked failed at once.
 */
#ifndef ZT_APP_APP_ROTA_JOBS_H
#define ZT_APP_APP_ROTA_JOBS_H

struct app_rota_workers;
struct store_options;

/* Starts n (1..4) workers on db_path (o must outlive them; NULL = key files beside the database),
 * after marking orphaned running jobs failed. NULL when they cannot start (printed to stderr). */
struct app_rota_workers *app_rota_workers_start(const char *db_path, const struct store_options *o, int n);
/* Stops the workers (an interrupted job becomes failed), closes their connections, frees w. Accepts NULL. */
void app_rota_workers_stop(struct app_rota_workers *w);
/* Wakes the workers of this process (a job was queued); does nothing when none run (the CLI). */
void app_rota_workers_kick(void);

#endif
