/* File downloads: CSV, XLSX and PDF replies (issue 3 §3, issue 4; see reply_file.h). */
#include "http/reply_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

void reply_written_file(struct http_reply *rep, reply_file_writer writer, const void *ctx, const char *what,
			const char *content_type, const char *disposition)
{
	struct zt_error e;
	zt_error_clear(&e);
	char path[] = "/tmp/zaitaku-download-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		reply_fail(rep, ZT_ERR_IO, "", "一時ファイルを作成できません。");
		return;
	}
	close(fd);
	char *buf = NULL;
	size_t len = 0;
	enum zt_err r = writer(path, ctx, &e);
	if (r == ZT_OK)
		r = reply_file_slurp(path, what, &buf, &len, &e);
	unlink(path);
	if (r != ZT_OK) {
		rep->no_store = true;
		reply_error(rep, &e);
		return;
	}
	reply_file(rep, content_type, buf, len, disposition);
}
