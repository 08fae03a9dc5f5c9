/* File downloads: CSV, XLSX and PDF replies (issue 3 §3, issue 4; see reply_file.h). */
#include "http/reply_file.h"

#include <stdio.h>
#include <stdlib.h>

void reply_file(struct http_reply *rep, const char *content_type, void *buf, size_t len, const char *disposition)
{
	free(rep->body);
	rep->status = 200;
	rep->body = buf;
	rep->body_len = len;
	rep->content_type = content_type;
	rep->no_store = true;
	reply_header(rep, "Content-Disposition", disposition);
}

enum zt_err reply_file_slurp(const char *path, const char *what, char **buf, size_t *len, struct zt_error *e)
{
	*buf = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	long sz = -1;
	if (f && fseek(f, 0, SEEK_END) == 0 && (sz = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
		*buf = malloc((size_t)sz);
		if (*buf == NULL)
			abort();
		*len = fread(*buf, 1, (size_t)sz, f);
	}
	if (f)
		fclose(f);
	if (*buf == NULL || *len != (size_t)sz) {
		free(*buf);
		*buf = NULL;
		return zt_fail(e, ZT_ERR_IO, "", "%sを読み込めませんでした。", what);
	}
	return ZT_OK;
}
