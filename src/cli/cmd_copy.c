/* zaitaku copy — move a region's database between backends (SQLite → PostgreSQL and back), every
 * table and the audit trail, then verify the copy (issue 17 §5; store_copy.h). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_copy.h"
#include "store/store_keys.h"

static void help(void)
{
	printf("usage: zaitaku [--audit-key FILE] [--secret-key FILE] copy --from SOURCE --to TARGET\n\n"
	       "Copies the whole database SOURCE into the empty database TARGET. Each is a file path\n"
	       "(SQLite) or a postgresql://… connection string, so a region moves from SQLite onto a\n"
	       "PostgreSQL server and back. Every table is copied parents first, rows with their ids;\n"
	       "the audit trail (監査記録) keeps its ids, hashes and signed checkpoints; PostgreSQL's\n"
	       "identity sequences are set after the copied ids. TARGET is written in one transaction:\n"
	       "a failed copy leaves it empty. SOURCE is read in one snapshot and may stay in use.\n\n"
	       "TARGET must be empty (a new database: create it with createdb, or a new file); a TARGET\n"
	       "with data is refused. Both are brought to this version's schema first.\n\n"
	       "Keys: the target is opened with the key files of SOURCE (--audit-key / --secret-key,\n"
	       "default beside SOURCE), which stay the keys of the copy: serve TARGET with the same\n"
	       "--audit-key and --secret-key. The sign-in throttling key (ZAITAKU_SIGNIN_KEY) need not\n"
	       "follow: without it, earlier failed sign-ins are simply forgotten.\n\n"
	       "Prints one line per table (rows copied), then verifies: the row counts of every table\n"
	       "equal in both, and `audit verify` on TARGET (chain and checkpoints; a checkpoint of the\n"
	       "head is stored). Exits 0 when the copy verifies, 1 otherwise, 2 on a usage error.\n");
}

static void print_table(const char *table, long long rows, void *ctx)
{
	(void)ctx;
	printf("  %-32s %10lld rows\n", table, rows);
	fflush(stdout);
}

static void on_table(const char *table, int64_t rows, void *ctx)
{
	print_table(table, (long long)rows, ctx);
}

struct counts {
	int tables;
};

static void on_count(const char *table, int64_t a, int64_t b, void *ctx)
{
	struct counts *c = ctx;
	c->tables++;
	if (a != b)
		fprintf(stderr, "zaitaku copy: %s: %lld rows in the source, %lld in the target\n", table, (long long)a,
			(long long)b);
}

int cmd_copy(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	const char *from = NULL, *to = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
			from = argv[++i];
		else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			to = argv[++i];
		else {
			fprintf(stderr, "zaitaku copy: unexpected argument %s (see --help)\n", argv[i]);
			return 2;
		}
	}
	if (from == NULL || to == NULL) {
		fprintf(stderr, "zaitaku copy: --from SOURCE and --to TARGET are required (see --help)\n");
		return 2;
	}
	if (strcmp(from, to) == 0) {
		fprintf(stderr, "zaitaku copy: SOURCE and TARGET are the same database\n");
		return 2;
	}
	/* The target runs on the source's key files (resolved once, so that both open the same ones). */
	struct store_options o;
	cli_store_options(env, &o);
	char audit_key[4096], secret_key[4096];
	if (!store_key_path(from, &o, STORE_KEY_AUDIT, audit_key, sizeof audit_key) ||
	    !store_key_path(from, &o, STORE_KEY_SECRET, secret_key, sizeof secret_key)) {
		fprintf(stderr, "zaitaku copy: key file path too long\n");
		return 2;
	}
	struct store_options ko = {.audit_key = audit_key, .secret_key = secret_key};
	struct zt_error e;
	zt_error_clear(&e);
	struct store *src = store_open_opts(from, &ko, &e);
	if (src == NULL) {
		fprintf(stderr, "zaitaku copy: SOURCE %s: %s\n", from, e.message);
		return 1;
	}
	zt_error_clear(&e);
	struct store *dst = store_open_opts(to, &ko, &e);
	if (dst == NULL) {
		fprintf(stderr, "zaitaku copy: TARGET: %s\n", e.message);
		store_close(src);
		return 1;
	}
	printf("copy: schema %d, tables parents first\n", store_schema_version(src));
	double t0 = cli_now_s();
	zt_error_clear(&e);
	enum zt_err r = store_copy(src, dst, on_table, NULL, &e);
	double t1 = cli_now_s();
	int rc = 1;
	if (r != ZT_OK) {
		fprintf(stderr, "zaitaku copy: %s\n", e.message);
		goto out;
	}
	printf("copied in %.2f s, committed\n", t1 - t0);
	struct counts c = {0};
	int bad = store_copy_compare(src, dst, on_count, &c);
	if (bad != 0) {
		fprintf(stderr, "zaitaku copy: verify: %s\n", bad < 0 ? "cannot list the tables" : "row counts differ");
		goto out;
	}
	printf("verify: row counts equal in all %d tables\n", c.tables);
	struct audit_verify_opts vo = {.write_checkpoint = true};
	struct audit_verify_report rep;
	zt_error_clear(&e);
	if (audit_verify_full(dst, &vo, &rep, &e) != ZT_OK) {
		fprintf(stderr, "zaitaku copy: verify: audit trail of the target: %s\n", e.message);
		goto out;
	}
	printf("verify: audit ok: %lld rows, chain intact, %lld signed checkpoints match\n", (long long)rep.rows,
	       (long long)rep.checkpoints);
	printf("keys: serve the target with --audit-key %s --secret-key %s\n", audit_key, secret_key);
	rc = 0;
out:
	store_close(dst);
	store_close(src);
	return rc;
}
