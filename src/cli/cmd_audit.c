/* zaitaku audit — verify the hash chain and signed checkpoints of the audit trail, export rows and
 * checkpoints (issue 3 §3, issue 11 §2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/audit.h"
#include "core/clock.h"
#include "io/audit_csv.h"
#include "io/checkpoint_json.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_keys.h"

static void help(void)
{
	printf("usage: zaitaku [--db PATH] audit verify [--checkpoints FILE]\n"
	       "       zaitaku [--db PATH] audit export [--from DATE] [--to DATE] [--format csv|json] [--output FILE]\n"
	       "       zaitaku [--db PATH] audit checkpoints export [--output FILE]\n\n"
	       "verify   walks the hash chain of the audit trail (監査記録) from the first row, then checks\n"
	       "         every signed checkpoint (Ed25519; stored every %d rows and on every verify) with the\n"
	       "         audit key: fewer rows than a checkpoint counts is truncation, another hash at its\n"
	       "         row count is recomputation. Prints the rows and the last good checkpoint; exits 0\n"
	       "         when all hold (then stores a checkpoint of the current head), else names the\n"
	       "         problem and exits 1. Works with the public key alone (no key file needed).\n"
	       "  --checkpoints FILE   also check the checkpoints of an exported file (kept by an auditor);\n"
	       "                       its public key is trusted when the audit key file is absent\n"
	       "export   writes the rows oldest first, as CSV (UTF-8 with BOM, for Excel) or JSON lines.\n"
	       "  --from DATE, --to DATE   inclusive bounds, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)\n"
	       "  --format csv|json        default csv\n"
	       "  --output FILE            default standard output\n"
	       "checkpoints export   verifies as above (storing a checkpoint of the head), then writes every\n"
	       "         signed checkpoint as JSON for an auditor to keep elsewhere.\n",
	       AUDIT_CHECKPOINT_EVERY);
}

/* Reads an exported checkpoint file (jansson, duplicate keys refused). */
static int load_checkpoints(const char *file, struct audit_checkpoint **cps, size_t *n, char pk[65])
{
	json_error_t je;
	json_t *doc = json_load_file(file, JSON_REJECT_DUPLICATES, &je);
	if (doc == NULL) {
		fprintf(stderr, "zaitaku audit verify: %s: %s (line %d)\n", file, je.text, je.line);
		return 1;
	}
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = checkpoints_from_json(doc, cps, n, pk, &e);
	json_decref(doc);
	if (r != ZT_OK) {
		fprintf(stderr, "zaitaku audit verify: %s: %s: %s\n", file, e.field, e.message);
		return 1;
	}
	return 0;
}

/* verify and `checkpoints export` share this: the full check, printed. 0 when everything holds. */
static int verify_print(struct store *st, const struct audit_verify_opts *o, FILE *out)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct audit_verify_report rep;
	enum zt_err r = audit_verify_full(st, o, &rep, &e);
	if (rep.last_good_rows)
		fprintf(out, "last good checkpoint: %lld rows, signed %s\n", (long long)rep.last_good_rows, rep.last_good_at);
	else
		fprintf(out, "last good checkpoint: none\n");
	if (r == ZT_OK) {
		fprintf(out, "ok: %lld rows, chain intact, %lld signed checkpoints match (public key from the %s)%s\n",
			(long long)rep.rows, (long long)rep.checkpoints, rep.key_source,
			rep.written ? "; checkpoint of the head stored" : "");
		if (strcmp(rep.key_source, "database") == 0)
			fprintf(stderr, "zaitaku audit verify: warning: no audit key file and no --checkpoints FILE: the public "
					"key comes from the database itself, which whoever can write the database could replace\n");
		return 0;
	}
	if (rep.broken_id)
		fprintf(out, "broken: first bad row id %lld (%lld rows checked)\n", (long long)rep.broken_id, (long long)rep.rows);
	else if (rep.truncated)
		fprintf(out, "truncation: a signed checkpoint counts %lld rows, the trail has %lld\n", (long long)rep.truncated,
			(long long)rep.rows);
	else if (rep.recomputed)
		fprintf(out, "recomputation: the hash at row %lld differs from its signed checkpoint\n", (long long)rep.recomputed);
	else if (rep.bad_signatures)
		fprintf(out, "bad signature: %lld checkpoints do not verify\n", (long long)rep.bad_signatures);
	fprintf(stderr, "zaitaku audit verify: %s\n", e.message);
	return 1;
}

static int verify(struct store *st, int argc, char **argv)
{
	const char *file = NULL;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--checkpoints") == 0 && i + 1 < argc)
			file = argv[++i];
		else {
			fprintf(stderr, "zaitaku audit verify: unexpected argument %s\n", argv[i]);
			return 2;
		}
	}
	struct audit_verify_opts o = {.write_checkpoint = true};
	struct audit_checkpoint *cps = NULL;
	char pk[65] = "";
	if (file) {
		if (load_checkpoints(file, &cps, &o.nextra, pk) != 0)
			return 1;
		o.extra = cps;
		o.public_key = pk;
	}
	int rc = verify_print(st, &o, stdout);
	free(cps);
	return rc;
}

static int checkpoints_export(struct store *st, int argc, char **argv)
{
	const char *output = NULL;
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--output") == 0 && i + 1 < argc)
			output = argv[++i];
		else {
			fprintf(stderr, "zaitaku audit checkpoints export: unexpected argument %s\n", argv[i]);
			return 2;
		}
	}
	struct audit_verify_opts o = {.write_checkpoint = true};
	if (verify_print(st, &o, stderr) != 0) {
		fprintf(stderr, "zaitaku audit checkpoints export: the trail does not verify; nothing exported\n");
		return 1;
	}
	struct zt_error e;
	zt_error_clear(&e);
	struct audit_checkpoint *cps = NULL;
	size_t n = 0;
	if (audit_checkpoints(st, &cps, &n, &e) != ZT_OK) {
		fprintf(stderr, "zaitaku audit checkpoints export: %s\n", e.message);
		return 1;
	}
	char pk[65], now[21];
	bool from_file;
	store_audit_public_key(st, pk, &from_file);
	zt_now_utc(now);
	json_t *doc = checkpoints_to_json(cps, n, pk, now, (long long)audit_count(st));
	free(cps);
	int bad = output ? json_dump_file(doc, output, JSON_INDENT(1) | JSON_SORT_KEYS)
			 : json_dumpf(doc, stdout, JSON_INDENT(1) | JSON_SORT_KEYS);
	if (!output)
		putchar('\n');
	json_decref(doc);
	if (bad != 0) {
		fprintf(stderr, "zaitaku audit checkpoints export: write failed\n");
		return 1;
	}
	return 0;
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
	bool is_checkpoints = strcmp(argv[1], "checkpoints") == 0;
	if (strcmp(argv[1], "verify") != 0 && strcmp(argv[1], "export") != 0 && !is_checkpoints) {
		fprintf(stderr, "zaitaku audit: unknown subcommand %s (see --help)\n", argv[1]);
		return 2;
	}
	if (is_checkpoints && (argc < 3 || strcmp(argv[2], "export") != 0)) {
		fprintf(stderr, "zaitaku audit checkpoints: the subcommand is export (see --help)\n");
		return 2;
	}
	/* Checking needs the public key only: no key file is required (nor created) here. */
	struct store *st = cli_open_store_keys(env, false, true);
	if (st == NULL)
		return 1;
	int rc = is_checkpoints			 ? checkpoints_export(st, argc, argv)
		 : strcmp(argv[1], "verify") == 0 ? verify(st, argc, argv)
						  : export(st, argc, argv);
	store_close(st);
	return rc;
}
