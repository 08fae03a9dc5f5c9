/* Cookie, Authorization and Origin header parsing (issue 3 §2, RFC 6265, RFC 6750; cookie.h). */
#include "auth/cookie.h"

#include <string.h>
#include <strings.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* A byte allowed in a returned value: cookie-octet of RFC 6265 plus space inside (browsers send it)
 * and UTF-8 bytes; no controls, DEL, ';', ',', '"' or '\\'. */
static int value_octet(unsigned char c)
{
	return c >= 0x20 && c != 0x7f && c != ';' && c != ',' && c != '"' && c != '\\';
}

int cookie_value(const char *header, const char *name, char *out, size_t n)
{
	if (n > 0)
		out[0] = '\0';
	if (header == NULL || name == NULL || name[0] == '\0' || n == 0)
		return 0;
	size_t nlen = strlen(name);
	const char *p = header;
	while (*p) {
		const char *end = strchrnul(p, ';');
		const char *eq = memchr(p, '=', (size_t)(end - p));
		if (eq != NULL) {
			const char *ks = p, *ke = eq;
			while (ks < ke && is_space(*ks))
				ks++;
			while (ke > ks && is_space(ke[-1]))
				ke--;
			if ((size_t)(ke - ks) == nlen && memcmp(ks, name, nlen) == 0) {
				const char *vs = eq + 1, *ve = end;
				while (vs < ve && is_space(*vs))
					vs++;
				while (ve > vs && is_space(ve[-1]))
					ve--;
				if (ve - vs >= 2 && vs[0] == '"' && ve[-1] == '"') {
					vs++;
					ve--;
				}
				size_t len = (size_t)(ve - vs);
				if (len >= n)
					return 0;
				for (size_t i = 0; i < len; i++)
					if (!value_octet((unsigned char)vs[i]))
						return 0;
				memcpy(out, vs, len);
				out[len] = '\0';
				return 1;
			}
		}
		p = *end ? end + 1 : end;
	}
	return 0;
}

enum authz_kind authz_parse(const char *header, const char **token)
{
	*token = NULL;
	if (header == NULL || header[0] == '\0')
		return AUTHZ_NONE;
	if (strncasecmp(header, "Bearer", 6) != 0 || !is_space(header[6]))
		return AUTHZ_BAD;
	const char *t = header + 7;
	while (is_space(*t))
		t++;
	if (*t == '\0')
		return AUTHZ_BAD;
	*token = t;
	return AUTHZ_BEARER;
}

int origin_matches(const char *origin, const char *host)
{
	if (origin == NULL || origin[0] == '\0')
		return 1;
	if (host == NULL)
		return 0;
	const char *rest;
	if (strncmp(origin, "http://", 7) == 0)
		rest = origin + 7;
	else if (strncmp(origin, "https://", 8) == 0)
		rest = origin + 8;
	else
		return 0;
	return strcasecmp(rest, host) == 0;
}
