/* Helpers shared by the subcommands (issue 2 §3: --help everywhere, clear errors). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "store/store.h"
#include "store/store_keys.h"

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	return false;
}

void cli_store_options(const struct cli_env *env, struct store_options *o)
{
	memset(o, 0, sizeof *o);
	o->audit_key = env->audit_key;
	o->secret_key = env->secret_key;
}

struct store *cli_open_store(const struct cli_env *env)
{
	return cli_open_store_keys(env, false, false);
}

struct store *cli_open_store_keys(const struct cli_env *env, bool create_keys, bool keys_optional)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct store_options o;
	cli_store_options(env, &o);
	o.create_keys = create_keys;
	o.keys_optional = keys_optional;
	struct store *st = store_open_opts(env->db_path, &o, &e);
	if (st == NULL)
		fprintf(stderr, "zaitaku: %s\n", e.message);
	return st;
}

double cli_now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cli_flag_only(int argc, char **argv, const char *cmd, const char *flag, bool *on)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], flag) != 0) {
			fprintf(stderr, "zaitaku %s: unknown argument %s (see --help)\n", cmd, argv[i]);
			return 2;
		}
		*on = true;
	}
	return 0;
}

char *cli_read_file(const char *cmd, const char *path, long max, bool empty_ok, size_t *len)
{
	*len = 0;
	bool in = strcmp(path, "-") == 0;
	FILE *fp = in ? stdin : fopen(path, "rb");
	if (fp == NULL) {
		fprintf(stderr, "zaitaku %s: %s を開けません: %s\n", cmd, path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);
	if (buf == NULL)
		abort();
	bool too_big = false;
	for (;;) {
		n += fread(buf + n, 1, cap - n, fp);
		if ((too_big = max > 0 && n > (size_t)max) || n < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap + 1);
		if (buf == NULL)
			abort();
	}
	bool unread = ferror(fp) != 0;
	if (!in)
		fclose(fp);
	if (too_big)
		fprintf(stderr, "zaitaku %s: %s が大きすぎます（%ld MiB まで）。\n", cmd, path, max >> 20);
	else if (unread)
		fprintf(stderr, "zaitaku %s: %s を読めません。\n", cmd, path);
	else if (n == 0 && !empty_ok)
		fprintf(stderr, "zaitaku %s: %s は空です。\n", cmd, path);
	else {
		buf[n] = '\0';
		*len = n;
		return buf;
	}
	free(buf);
	return NULL;
}
