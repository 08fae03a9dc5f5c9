/* Subcommands of the zaitaku binary; each file in src/cli/ is one command with its --help. */
#ifndef ZT_CLI_CLI_H
#define ZT_CLI_CLI_H

#include <stdbool.h>

struct store;

struct cli_env {
	const char *db_path;    /* --db PATH, $ZAITAKU_DB, or var/zaitaku.db */
	const char *audit_key;  /* --audit-key PATH, $ZAITAKU_AUDIT_KEY, or NULL: <db>.audit-key */
	const char *secret_key; /* --secret-key PATH, $ZAITAKU_SECRET_KEY, or NULL: <db>.secret-key */
	const char *argv0;
};

/* Each returns a process exit code: 0 success, 1 failure, 2 usage error. argv[0] is the command. */
int cmd_init(const struct cli_env *env, int argc, char **argv);
int cmd_demo(const struct cli_env *env, int argc, char **argv);
int cmd_import(const struct cli_env *env, int argc, char **argv);
int cmd_export(const struct cli_env *env, int argc, char **argv);
int cmd_serve(const struct cli_env *env, int argc, char **argv);
int cmd_user(const struct cli_env *env, int argc, char **argv);    /* cmd_user.c */
/* Creates the first administrator when the database has none (zaitaku init; cmd_user.c). */
int cli_first_admin(struct store *st);
int cmd_audit(const struct cli_env *env, int argc, char **argv);   /* cmd_audit.c */
int cmd_backup(const struct cli_env *env, int argc, char **argv);  /* cmd_backup.c */
int cmd_restore(const struct cli_env *env, int argc, char **argv); /* cmd_restore.c */
int cmd_copy(const struct cli_env *env, int argc, char **argv);    /* cmd_copy.c */
int cmd_region(const struct cli_env *env, int argc, char **argv);  /* cmd_region.c */
int cmd_geocode(const struct cli_env *env, int argc, char **argv); /* cmd_region.c */
int cmd_rota_check(const struct cli_env *env, int argc, char **argv); /* cmd_rota_check.c */
int cmd_holidays(const struct cli_env *env, int argc, char **argv); /* cmd_holidays.c */
int cmd_subsidy_caps(const struct cli_env *env, int argc, char **argv); /* cmd_subsidy_caps.c */
int cmd_call_chain(const struct cli_env *env, int argc, char **argv); /* cmd_callchain.c */
int cmd_rota_solve(const struct cli_env *env, int argc, char **argv); /* cmd_rota.c ("rota solve") */

/* True when argv has -h or --help. */
bool cli_wants_help(int argc, char **argv);
/* Opens the store at env->db_path with the key files of env, printing the error. NULL on failure;
 * close with store_close(). cli_open_store_keys: create_keys / keys_optional of store_options. */
struct store *cli_open_store(const struct cli_env *env);
struct store *cli_open_store_keys(const struct cli_env *env, bool create_keys, bool keys_optional);
struct store_options;
/* The key options of env (paths only) into *o. */
void cli_store_options(const struct cli_env *env, struct store_options *o);
/* Parses argv[1..] of a command whose only argument is the option flag: *on = true when given.
 * Returns 0, or 2 after printing a usage error naming cmd. */
int cli_flag_only(int argc, char **argv, const char *cmd, const char *flag, bool *on);
/* Reads the whole file at path ("-": standard input) into a malloc'd buffer with a NUL after its
 * *len bytes (caller frees). NULL after printing "zaitaku CMD: PATH …" with the reason in Japanese
 * on stderr: cannot open (with the system's reason), cannot read, larger than max bytes (max > 0),
 * or empty unless empty_ok. */
char *cli_read_file(const char *cmd, const char *path, long max, bool empty_ok, size_t *len);
/* Monotonic clock in seconds, for the timings the commands print. */
double cli_now_s(void);

#endif
