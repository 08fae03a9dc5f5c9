/*
 * Text encodings of the files coordinators exchange: Excel on Japanese Windows saves CSV in CP932
 * (Microsoft's Shift_JIS), newer tools in UTF-8 with or without a BOM. Conversions use glibc iconv.
 * Returned buffers are malloc'd, NUL-terminated, and owned by the caller (free()).
 */
#ifndef ZT_IO_ENCODING_H
#define ZT_IO_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

enum text_encoding {
	ENC_UTF8,  /* valid UTF-8 (a BOM is stripped) */
	ENC_CP932, /* not UTF-8: read as CP932 */
};

/* True when data starts with the UTF-8 byte order mark EF BB BF. */
bool encoding_has_bom(const char *data, size_t len);
/* Guesses the encoding: UTF-8 when the bytes are well-formed UTF-8, else CP932. */
enum text_encoding encoding_detect(const char *data, size_t len);
/*
 * Converts data (UTF-8 with or without BOM, or CP932) to UTF-8 without BOM. Data that is
 * well-formed UTF-8 (with multibyte characters) up to a bad byte is taken as broken UTF-8, else
 * as CP932. On invalid bytes, or a NUL byte (text files hold none: a NUL would silently cut
 * the cell it is in), returns ZT_ERR_INVALID with e->line set to the 1-based line of the first
 * bad byte.
 * *out (malloc'd, NUL-terminated) and *outlen are set on success.
 */
enum zt_err encoding_to_utf8(const char *data, size_t len, char **out, size_t *outlen, struct zt_error *e);
/* ZT_OK when data[0..len) (no BOM) is well-formed UTF-8 without NUL bytes; otherwise
 * ZT_ERR_INVALID with e->line the 1-based line of the first bad byte and a Japanese message. */
enum zt_err encoding_check_utf8(const char *data, size_t len, struct zt_error *e);
/* Converts CP932 bytes to UTF-8 (no detection). Same contract as encoding_to_utf8. */
enum zt_err encoding_cp932_to_utf8(const char *data, size_t len, char **out, size_t *outlen, struct zt_error *e);
/* Converts UTF-8 to CP932 for export; a character CP932 cannot represent is ZT_ERR_INVALID with
 * its line. */
enum zt_err encoding_utf8_to_cp932(const char *data, size_t len, char **out, size_t *outlen, struct zt_error *e);

/* What a lossy CP932 export replaced: every character CP932 lacks becomes 〓 (issue 12 §5). */
#define ENCODING_MAX_REPORTED_LINES 100
struct encoding_replacements {
	long count;                                 /* characters replaced */
	long lines[ENCODING_MAX_REPORTED_LINES];    /* 1-based lines with a replacement (first ones) */
	int nlines;
};
/* Converts UTF-8 to CP932 and never fails: a character CP932 cannot represent is written as 〓
 * (U+3013, CP932 0x81AC) and counted with its line in *rep. *out is malloc'd, NUL-terminated. */
enum zt_err encoding_utf8_to_cp932_replacing(const char *data, size_t len, char **out, size_t *outlen,
					     struct encoding_replacements *rep);

#endif
