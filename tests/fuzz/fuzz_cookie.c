/* libFuzzer harness: the identity headers (auth/cookie.h) as the session hook reads them — the
 * Cookie header (cookie_value for zaitaku_session, also into a small buffer), Authorization
 * (authz_parse) and the Origin/Host check (origin_matches; the input split at its first newline) —
 * and the uploads (attachment_type_of on Content-Type, attachment_check on the raw bytes).
 * Invariants: a found value is a slice of the header without separators or controls and fits its
 * buffer; "not found" leaves ""; a bearer token is a non-empty tail of the header; a matching Origin
 * is http(s)://Host; an accepted upload starts with its type's magic bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/cookie.h"
#include "domain/attachment.h"

static void check_cookie(const char *h, const char *name, size_t n)
{
	char out[COOKIE_VALUE_MAX];
	memset(out, 'x', sizeof out);
	int found = cookie_value(h, name, out, n);
	size_t len = strnlen(out, sizeof out);
	if (len >= n)
		abort();
	if (!found) {
		if (out[0] != '\0')
			abort();
		return;
	}
	if (strstr(h, out) == NULL)
		abort();
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)out[i];
		if (c < 0x20 || c == 0x7f || c == ';' || c == ',' || c == '"' || c == '\\')
			abort();
	}
	if (strstr(h, name) == NULL)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *h = malloc(size + 1);
	if (h == NULL)
		abort();
	memcpy(h, data, size);
	h[size] = '\0';

	check_cookie(h, "zaitaku_session", COOKIE_VALUE_MAX);
	check_cookie(h, "zaitaku_session", 8);
	check_cookie(h, "a", 2);

	const char *tok = NULL;
	enum authz_kind k = authz_parse(h, &tok);
	if ((k == AUTHZ_NONE) != (h[0] == '\0'))
		abort();
	if (k == AUTHZ_BEARER) {
		if (tok == NULL || tok < h || tok > h + strlen(h) || tok[0] == '\0' || tok[0] == ' ' ||
		    strncasecmp(h, "bearer", 6) != 0)
			abort();
	} else if (tok != NULL) {
		abort();
	}

	int t = attachment_type_of(h);
	if (t < -1 || t >= ATT__MAX)
		abort();
	/* The upload body check behind that header: the raw bytes as each declared type. */
	for (int k = 0; k < ATT__MAX; k++) {
		struct zt_error e;
		zt_error_clear(&e);
		enum zt_err r = attachment_check((enum attachment_type)k, data, size, &e);
		if (r != ZT_OK && ((r != ZT_ERR_INVALID && r != ZT_ERR_TOOLARGE) || e.field[0] == '\0'))
			abort();
		if (r == ZT_OK && (size < attachment_kinds[k].magic_len ||
				   memcmp(data, attachment_kinds[k].magic, attachment_kinds[k].magic_len) != 0))
			abort();
	}

	/* Origin \n Host */
	char *nl = strchr(h, '\n');
	const char *host = NULL;
	if (nl) {
		*nl = '\0';
		host = nl + 1;
	}
	int ok = origin_matches(h, host);
	if (ok && h[0] != '\0') {
		const char *rest = strncmp(h, "http://", 7) == 0    ? h + 7
				   : strncmp(h, "https://", 8) == 0 ? h + 8
								    : NULL;
		if (rest == NULL || host == NULL || strcasecmp(rest, host) != 0)
			abort();
	}
	if (h[0] == '\0' && !ok)
		abort();
	free(h);
	return 0;
}
