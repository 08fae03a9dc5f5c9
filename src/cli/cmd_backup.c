/* zaitaku backup — a consistent online copy of the database (SQLite backup API), safe while the
 * server runs and writes (issue 3 §5). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store.h"
#include "store/store_backup.h"

static void help(void)
{
	printf("usage: zaitaku [--db PATH] backup [--force] FILE\n\n"
	       "Copies the database to FILE while it stays in use (the server may keep running and\n"
	       "writing): the copy is one consistent snapshot. It is written to FILE.part, checked with\n"
	       "PRAGMA integrity_check, then renamed to FILE. Prints the time taken and the size.\n\n"
	       "  --force   replace FILE when it exists (default: refuse)\n");
}

int cmd_backup(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	const char *file = NULL;
	int force = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0)
			force = 1;
		else if (argv[i][0] != '-' && file == NULL)
			file = argv[i];
		else {
			fprintf(stderr, "zaitaku backup: unexpected argument %s (see --help)\n", argv[i]);
			return 2;
		}
	}
	if (file == NULL) {
		fprintf(stderr, "zaitaku backup: FILE is required (see --help)\n");
		return 2;
	}
	if (!force && access(file, F_OK) == 0) {
		fprintf(stderr, "zaitaku backup: %s already exists (use --force to replace it)\n", file);
		return 1;
	}
	char part[4096];
	if ((size_t)snprintf(part, sizeof part, "%s.part", file) >= sizeof part) {
		fprintf(stderr, "zaitaku backup: path too long\n");
		return 2;
	}
	unlink(part);
	struct store *st = cli_open_store(env);
	if (st == NULL)
		return 1;
	struct zt_error e;
	zt_error_clear(&e);
	double t0 = cli_now_s();
	enum zt_err r = store_backup(st, part, &e);
	double t1 = cli_now_s();
	store_close(st);
	if (r != ZT_OK) {
		unlink(part);
		fprintf(stderr, "zaitaku backup: %s\n", e.message);
		return 1;
	}
	char msg[512];
	if (store_file_integrity(part, msg, sizeof msg) != ZT_OK) {
		unlink(part);
		fprintf(stderr, "zaitaku backup: integrity_check of the copy failed: %s\n", msg);
		return 1;
	}
	if (rename(part, file) != 0) {
		perror(file);
		unlink(part);
		return 1;
	}
	struct stat sb;
	long long size = stat(file, &sb) == 0 ? (long long)sb.st_size : -1;
	printf("backup: %s (%lld bytes) in %.3f s, integrity_check ok\n", file, size, t1 - t0);
	return 0;
}
