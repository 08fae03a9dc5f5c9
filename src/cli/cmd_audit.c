/* zaitaku audit — verify the hash chain of the audit trail, export it (issue 3 §3). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/audit.h"
#include "io/audit_csv.h"
#include "store/store.h"
#include "store/store_audit.h"

static void help(void)
{
	printf("usage: zaitaku [--db PATH] audit verify\n"
	       "       zaitaku [--db PATH] audit export [--from DATE] [--to DATE] [--format csv|json] [--output FILE]\n\n"
	       "verify   walks the hash chain of the audit trail (監査記録) from the first row; prints the\n"
	       "         number of rows and exits 0 when intact, or names the first broken row (edited, or\n"
	       "         a predecessor deleted) and exits 1.\n"
	       "export   writes the rows oldest first, as CSV (UTF-8 with BOM, for Excel) or JSON lines.\n"
	       "  --from DATE, --to DATE   inclusive bounds, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)\n"
	       "  --format csv|json        default csv\n"
	       "  --output FILE            default standard output\n");
}

static int verify(struct store *st)
{
	struct zt_error e;
	zt_error_clear(&e);
	int64_t broken = 0, rows = 0;
	enum zt_err r = audit_verify(st, &broken, &rows, &e);
	if (r == ZT_OK) {
		printf("ok: %lld rows, chain intact\n", (long long)rows);
		return 0;
	}
	if (broken) {
		printf("broken: first bad row id %lld (%lld rows checked)\n", (long long)broken, (long long)rows);
		fprintf(stderr, "zaitaku audit verify: %s\n", e.message);
	} else {
		fprintf(stderr, "zaitaku audit verify: %s\n", e.message);
	}
	return 1;
}

struct export_ctx {
	FILE *out;
	int json;
};

static int export_row(json_t *row, void *vctx)
{
	struct export_ctx *c = vctx;
	if (c->json) {
		json_dumpf(row, c->out, JSON_COMPACT | JSON_SORT_KEYS);
		fputc('\n', c->out);
	} else {
		audit_csv_row(c->out, row);
	}
	return 0;
}

static int export(struct store *st, int argc, char **argv)
{
	struct audit_filter f;
	audit_filter_init(&f);
	f.ascending = true;
	const char *output = NULL;
	struct export_ctx c = {stdout, 0};
	for (int i = 2; i < argc; i++) {
		const char *arg = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if ((strcmp(arg, "--from") == 0 || strcmp(arg, "--to") == 0) && val) {
			if (!audit_bound_parse(val, arg[2] == 't', arg[2] == 't' ? f.to : f.from)) {
				fprintf(stderr, "zaitaku audit export: %s must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, got %s\n",
					arg, val);
				return 2;
			}
			i++;
		} else if (strcmp(arg, "--format") == 0 && val) {
			if (strcmp(val, "csv") != 0 && strcmp(val, "json") != 0) {
				fprintf(stderr, "zaitaku audit export: --format must be csv or json\n");
				return 2;
			}
			c.json = strcmp(val, "json") == 0;
			i++;
		} else if (strcmp(arg, "--output") == 0 && val) {
			output = val;
			i++;
		} else {
			fprintf(stderr, "zaitaku audit export: unknown argument %s (see --help)\n", arg);
			return 2;
		}
	}
	if (output && (c.out = fopen(output, "wb")) == NULL) {
		perror(output);
		return 1;
	}
	if (!c.json)
		audit_csv_header(c.out);
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = audit_each(st, &f, export_row, &c, &e);
	int bad = ferror(c.out);
	if (output && fclose(c.out) != 0)
		bad = 1;
	if (r != ZT_OK || bad) {
		fprintf(stderr, "zaitaku audit export: %s\n", r != ZT_OK ? e.message : "write failed");
		return 1;
	}
	return 0;
}

int cmd_audit(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv) || argc < 2) {
		help();
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "verify") != 0 && strcmp(argv[1], "export") != 0) {
		fprintf(stderr, "zaitaku audit: unknown subcommand %s (see --help)\n", argv[1]);
		return 2;
	}
	if (strcmp(argv[1], "verify") == 0 && argc > 2) {
		fprintf(stderr, "zaitaku audit verify: unexpected argument %s\n", argv[2]);
		return 2;
	}
	struct store *st = cli_open_store(env);
	if (st == NULL)
		return 1;
	int rc = strcmp(argv[1], "verify") == 0 ? verify(st) : export(st, argc, argv);
	store_close(st);
	return rc;
}
