/* libFuzzer harness: the CSV reader (io/csv_read.h) on arbitrary bytes. Invariants: fields are
 * NUL-terminated strings, at most CSV_MAX_FIELDS, record lines never go backwards. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_read.h"

struct ctx {
	long last_line;
	size_t bytes;
};

static int on_record(const struct csv_record *rec, void *p)
{
	struct ctx *c = p;
	if (rec->nfields < 0 || rec->nfields > CSV_MAX_FIELDS || rec->line < c->last_line || rec->line < 1)
		abort();
	c->last_line = rec->line;
	for (int i = 0; i < rec->nfields; i++)
		c->bytes += strlen(rec->fields[i]);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctx c = {0, 0};
	long err_line = 0;
	int rc = csv_read((const char *)data, size, on_record, &c, &err_line);
	if (rc == -1 && err_line < 0)
		abort();
	if (rc == CSV_READ_NUL && (err_line < 1 || memchr(data, 0, size) == NULL || c.last_line != 0))
		abort(); /* a NUL is reported before any record */
	if (c.bytes > size)
		abort(); /* fields are slices of the input */
	return 0;
}
