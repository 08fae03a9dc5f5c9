/* Attachments of group initiatives (取組, seed 000 内規, issue 4 §2): accepted types by declared
 * type and first bytes, and size limits (see attachment.h). */
#include "domain/attachment.h"

#include <string.h>
#include <strings.h>

const struct attachment_kind attachment_kinds[ATT__MAX] = {
	[ATT_PDF] = {"application/pdf", "pdf", "PDF", "%PDF-", 5},
	[ATT_PNG] = {"image/png", "png", "PNG画像", "\x89PNG\r\n\x1a\n", 8},
	[ATT_JPEG] = {"image/jpeg", "jpg", "JPEG画像", "\xff\xd8\xff", 3},
};

int attachment_type_of(const char *content_type)
{
	if (content_type == NULL)
		return -1;
	while (*content_type == ' ')
		content_type++;
	size_t n = strcspn(content_type, "; ");
	for (int t = 0; t < ATT__MAX; t++)
		if (strlen(attachment_kinds[t].mime) == n && strncasecmp(content_type, attachment_kinds[t].mime, n) == 0)
			return t;
	return -1;
}

int attachment_type_lookup(const char *mime)
{
	for (int t = 0; t < ATT__MAX; t++)
		if (mime && strcmp(mime, attachment_kinds[t].mime) == 0)
			return t;
	return -1;
}

enum zt_err attachment_check(enum attachment_type t, const void *data, size_t len, struct zt_error *e)
{
	const struct attachment_kind *k = &attachment_kinds[t];
	if (len == 0)
		return zt_fail(e, ZT_ERR_INVALID, "attachment", "添付ファイルが空です。");
	if (len > ATTACHMENT_MAX_BYTES)
		return zt_fail(e, ZT_ERR_TOOLARGE, "attachment", "添付ファイルは%dMBまでです。", ATTACHMENT_MAX_BYTES / (1024 * 1024));
	if (len < k->magic_len || memcmp(data, k->magic, k->magic_len) != 0)
		return zt_fail(e, ZT_ERR_INVALID, "attachment", "ファイルの中身が%sではありません（Content-Type: %s と一致しません）。",
			       k->ja, k->mime);
	return ZT_OK;
}
