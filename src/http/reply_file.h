/* File downloads: CSV, XLSX and PDF replies with Content-Disposition and no caching (reply_file.c). */
#ifndef ZT_HTTP_REPLY_FILE_H
#define ZT_HTTP_REPLY_FILE_H

#include <stddef.h>

#include "core/error.h"
#include "http/http.h"

/* Replies 200 with buf (malloc'd, taken: freed with the reply) as content_type, Cache-Control:
 * no-store and Content-Disposition: disposition (a static string, e.g.
 * "attachment; filename=\"audit.csv\""). */
void reply_file(struct http_reply *rep, const char *content_type, void *buf, size_t len, const char *disposition);
/* Reads the whole file at path into a malloc'd *buf (caller frees); an unreadable or empty file
 * is ZT_ERR_IO with what (e.g. "XLSXファイル") in the message. */
enum zt_err reply_file_slurp(const char *path, const char *what, char **buf, size_t *len, struct zt_error *e);

/* A writer of a download into the file at path (a fresh, empty temporary file): ZT_OK or an error
 * naming what failed (libxlsxwriter and the like write to a path, not to memory). */
typedef enum zt_err (*reply_file_writer)(const char *path, const void *ctx, struct zt_error *e);
/* Writes a download with writer(path, ctx) into a temporary file (always removed), then replies it as
 * reply_file does (what names the file in an error, e.g. "XLSXファイル"); on failure replies the error
 * with no-store. The one temporary-file path of the XLSX handlers. */
void reply_written_file(struct http_reply *rep, reply_file_writer writer, const void *ctx, const char *what,
			const char *content_type, const char *disposition);
#define XLSX_CONTENT_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#endif
