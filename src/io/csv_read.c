/* CSV records with line numbers, on libcsv, for every CSV import (issue 2 §6; see csv_read.h). */
#include "io/csv_read.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

struct state {
	struct csv_record rec;
	csv_record_fn fn;
	void *ctx;
	int stop;
	long line;       /* current physical line while feeding */
	long rec_start;  /* line where the current record started */
};

static void on_field(void *data, size_t len, void *p)
{
	struct state *s = p;
	if (s->stop)
		return;
	if (s->rec.nfields >= CSV_MAX_FIELDS) {
		s->rec.too_many = 1;
		return;
	}
	char *f = malloc(len + 1);
	if (f == NULL)
		abort();
	memcpy(f, data, len);
	f[len] = '\0';
	s->rec.fields[s->rec.nfields++] = f;
}

static void on_record(int c, void *p)
{
	struct state *s = p;
	(void)c;
	if (!s->stop && s->rec.nfields > 0) {
		s->rec.line = s->rec_start;
		s->stop = s->fn(&s->rec, s->ctx);
	}
	for (int i = 0; i < s->rec.nfields; i++)
		free(s->rec.fields[i]);
	memset(&s->rec, 0, sizeof s->rec);
}

int csv_read(const char *data, size_t len, csv_record_fn fn, void *ctx, long *err_line)
{
	const char *nul = memchr(data, '\0', len);
	if (nul != NULL) {
		if (err_line) {
			*err_line = 1;
			for (const char *q = data; q < nul; q++)
				*err_line += *q == '\n';
		}
		return CSV_READ_NUL;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL | CSV_STRICT_FINI) != 0)
		return -1;
	struct state s = {.fn = fn, .ctx = ctx, .line = 1, .rec_start = 1};
	/* Feed line by line so each record knows the line it started on: a record starts on the
	 * current line whenever the parser is between rows (pstate 0, libcsv's ROW_NOT_BEGUN). */
	size_t pos = 0;
	while (pos < len && !s.stop) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) + 1 : len;
		if (p.pstate == 0)
			s.rec_start = s.line;
		if (csv_parse(&p, data + pos, end - pos, on_field, on_record, &s) != end - pos) {
			if (err_line)
				*err_line = s.line;
			csv_free(&p);
			return -1;
		}
		pos = end;
		s.line++;
	}
	if (!s.stop && csv_fini(&p, on_field, on_record, &s) != 0) {
		if (err_line)
			*err_line = s.rec_start;
		csv_free(&p);
		return -1;
	}
	if (s.stop)
		on_record(0, &s); /* frees a partially collected record */
	csv_free(&p);
	return s.stop;
}
