/*
 * Attachments of group initiatives (取組, issue 4 §2: "with dates and attachments"): which files
 * are accepted, recognised by their declared type AND their first bytes, and how large they may be.
 * Pure: no I/O.
 */
#ifndef ZT_DOMAIN_ATTACHMENT_H
#define ZT_DOMAIN_ATTACHMENT_H

#include <stddef.h>

#include "core/error.h"

#define ATTACHMENT_MAX_BYTES (10 * 1024 * 1024) /* 10 MiB per attachment */

enum attachment_type { ATT_PDF, ATT_PNG, ATT_JPEG, ATT__MAX };

struct attachment_kind {
	const char *mime;     /* "application/pdf" */
	const char *ext;      /* "pdf" (download file name) */
	const char *ja;       /* "PDF" */
	const char *magic;    /* leading bytes */
	size_t magic_len;
};
extern const struct attachment_kind attachment_kinds[ATT__MAX];

/* The type declared by a Content-Type header value (parameters after ';' and case ignored), or -1. */
int attachment_type_of(const char *content_type);
/* The type recorded in storage (exact mime), or -1. */
int attachment_type_lookup(const char *mime);
/* Checks the bytes against the declared type: empty → ZT_ERR_INVALID, over ATTACHMENT_MAX_BYTES →
 * ZT_ERR_TOOLARGE, wrong leading bytes → ZT_ERR_INVALID; field "attachment", Japanese message. */
enum zt_err attachment_check(enum attachment_type t, const void *data, size_t len, struct zt_error *e);

#endif
