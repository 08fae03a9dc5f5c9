/* zaitaku export facilities — every institution as our CSV (docs/csv.md) or as the API's JSON (issue 2 §3). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "io/encoding.h"
#include "io/facility_csv.h"
#include "io/facility_json.h"
#include "store/store.h"

static void help(void)
{
	printf("usage: zaitaku [--db PATH] export facilities [--format csv|json] [--encoding utf8|cp932] [--output FILE]\n\n"
	       "Writes every institution of the registry, ordered by id, to standard output (or FILE).\n"
	       "  --format csv     zaitaku's institution CSV (docs/csv.md; default), re-importable with\n"
	       "                   `zaitaku import facilities`\n"
	       "  --format json    an array of the API's facility objects\n"
	       "  --encoding utf8  UTF-8 with a BOM so that Excel opens it correctly (default)\n"
	       "  --encoding cp932 Shift_JIS (CP932) for older Excel; a character CP932 lacks becomes 〓\n"
	       "                   (counted, with its lines, on standard error)\n"
	       "  --output FILE    write FILE instead of standard output\n");
}

static void append_json(const struct facility *f, void *arr)
{
	json_array_append_new(arr, facility_to_json(f));
}

static void append_csv(const struct facility *f, void *out)
{
	facility_csv_append(out, f);
}

static enum zt_err export_csv(struct store *st, char **out, size_t *len, struct zt_error *e)
{
	struct buf b;
	buf_init(&b, BUF_UNCAPPED);
	facility_csv_begin(&b);
	enum zt_err r = store_facility_each(st, append_csv, &b, e);
	if (r != ZT_OK) {
		buf_free(&b);
		return r;
	}
	*out = buf_take(&b, len);
	return ZT_OK;
}

static enum zt_err export_json(struct store *st, char **out, size_t *len, struct zt_error *e)
{
	json_t *arr = json_array();
	enum zt_err r = store_facility_each(st, append_json, arr, e);
	if (r != ZT_OK) {
		json_decref(arr);
		return r;
	}
	*out = json_dumps(arr, JSON_INDENT(1));
	json_decref(arr);
	if (*out == NULL)
		abort();
	*len = strlen(*out);
	return ZT_OK;
}

int cmd_export(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	const char *what = NULL, *format = "csv", *encoding = "utf8", *output = NULL;
	for (int i = 1; i < argc; i++) {
		const char **dst = NULL;
		if (strcmp(argv[i], "--format") == 0)
			dst = &format;
		else if (strcmp(argv[i], "--encoding") == 0)
			dst = &encoding;
		else if (strcmp(argv[i], "--output") == 0 || strcmp(argv[i], "-o") == 0)
			dst = &output;
		if (dst) {
			if (i + 1 >= argc) {
				fprintf(stderr, "zaitaku export: %s needs a value (see --help)\n", argv[i]);
				return 2;
			}
			*dst = argv[++i];
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "zaitaku export: unknown option %s (see --help)\n", argv[i]);
			return 2;
		} else if (what == NULL) {
			what = argv[i];
		} else {
			fprintf(stderr, "zaitaku export: unexpected argument %s (see --help)\n", argv[i]);
			return 2;
		}
	}
	if (what == NULL || strcmp(what, "facilities") != 0) {
		fprintf(stderr, "zaitaku export: only `export facilities` exists (see --help)\n");
		return 2;
	}
	if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
		fprintf(stderr, "zaitaku export: --format must be csv or json\n");
		return 2;
	}
	if (strcmp(encoding, "utf8") != 0 && strcmp(encoding, "utf-8") != 0 && strcmp(encoding, "cp932") != 0) {
		fprintf(stderr, "zaitaku export: --encoding must be utf8 or cp932\n");
		return 2;
	}
	bool cp932 = strcmp(encoding, "cp932") == 0, csv = strcmp(format, "csv") == 0;
	if (cp932 && !csv) {
		fprintf(stderr, "zaitaku export: JSON is always UTF-8; --encoding cp932 is for CSV\n");
		return 2;
	}
	struct store *st = cli_open_store(env);
	if (st == NULL)
		return 1;
	struct zt_error e;
	zt_error_clear(&e);
	char *data = NULL;
	size_t len = 0;
	enum zt_err r = csv ? export_csv(st, &data, &len, &e) : export_json(st, &data, &len, &e);
	store_close(st);
	if (r == ZT_OK && cp932) { /* never aborts: a character CP932 lacks becomes 〓 and is reported */
		char *conv;
		size_t clen;
		struct encoding_replacements rp;
		encoding_utf8_to_cp932_replacing(data, len, &conv, &clen, &rp);
		free(data);
		data = conv;
		len = clen;
		if (rp.count) {
			fprintf(stderr, "zaitaku export: CP932 にない文字 %ld 字を〓に置き換えました（行:", rp.count);
			for (int i = 0; i < rp.nlines; i++)
				fprintf(stderr, "%s%ld", i ? "," : " ", rp.lines[i]);
			fprintf(stderr, "%s）\n", rp.count > rp.nlines ? " …" : "");
		}
	}
	if (r != ZT_OK) {
		fprintf(stderr, "zaitaku export: %s\n", e.message);
		free(data);
		return 1;
	}
	FILE *fp = output ? fopen(output, "wb") : stdout;
	if (fp == NULL) {
		fprintf(stderr, "zaitaku export: %s に書き込めません: %m\n", output);
		free(data);
		return 1;
	}
	bool ok = true;
	if (csv && !cp932)
		ok = fwrite("\xEF\xBB\xBF", 1, 3, fp) == 3;
	ok = ok && fwrite(data, 1, len, fp) == len;
	if (!csv)
		ok = ok && fputc('\n', fp) != EOF;
	ok = (output ? fclose(fp) == 0 : fflush(fp) == 0) && ok;
	free(data);
	if (!ok) {
		fprintf(stderr, "zaitaku export: 書き込みに失敗しました。\n");
		return 1;
	}
	return 0;
}
