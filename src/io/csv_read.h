/*
 * Reading CSV with libcsv, record by record, with the 1-based line number of each record
 * (quoted fields may span lines). Input bytes are passed through unchanged: decode CP932 first
 * (encoding.h).
 */
#ifndef ZT_IO_CSV_READ_H
#define ZT_IO_CSV_READ_H

#include <stddef.h>

#define CSV_MAX_FIELDS 64

struct csv_record {
	long line;                       /* line where the record starts */
	int nfields;
	char *fields[CSV_MAX_FIELDS];    /* borrowed, valid during the callback */
	int too_many;                    /* more than CSV_MAX_FIELDS fields */
};

/* Called per record; return 0 to continue, non-zero to stop (that value is returned). */
typedef int (*csv_record_fn)(const struct csv_record *rec, void *ctx);

/* Returned for a NUL byte in the data (text holds none; it would cut the field it is in). */
#define CSV_READ_NUL (-2)

/* Parses data[0..len) and calls fn per record. Returns 0, fn's non-zero value (callbacks must not
 * return negative values), -1 with *err_line set when the CSV itself is malformed (e.g. an
 * unterminated quote), or CSV_READ_NUL with *err_line the line of the first NUL byte (checked
 * before any record is passed to fn). */
int csv_read(const char *data, size_t len, csv_record_fn fn, void *ctx, long *err_line);

#endif
