/*
 * Parsing of the request headers that carry an identity (issue 3 §2, SECURITY.md "sessions"):
 * the Cookie header (RFC 6265 §5.4 cookie-string), Authorization: Bearer (RFC 6750 §2.1) and the
 * Origin check of state changes. Pure: no I/O, no allocation; results are slices of the input.
 */
#ifndef ZT_AUTH_COOKIE_H
#define ZT_AUTH_COOKIE_H

#include <stddef.h>

/* Longest cookie value we return (a session token is 64 hex characters). */
#define COOKIE_VALUE_MAX 256

/*
 * Finds the first cookie called name in a Cookie header value ("a=1; b=2"): pairs are split on
 * ';', spaces and tabs around names and values are ignored, a value in double quotes loses them,
 * pairs without '=' are skipped, names compare exactly (case-sensitive). Copies the value into
 * out[n] (NUL-terminated) and returns 1; returns 0 when absent, when the value has a control
 * character, ';', ',' or '"' inside, or does not fit in n bytes (out is then "").
 */
int cookie_value(const char *header, const char *name, char *out, size_t n);

enum authz_kind {
	AUTHZ_NONE,   /* no header, or an empty one */
	AUTHZ_BEARER, /* "Bearer <token>" (scheme case-insensitive) */
	AUTHZ_BAD     /* anything else: another scheme, no token */
};
/* Reads an Authorization header value; for AUTHZ_BEARER *token points into header at the token
 * (what follows "Bearer " and any further spaces, never empty); otherwise *token is NULL. */
enum authz_kind authz_parse(const char *header, const char **token);

/* 1 when a state-changing request may proceed as far as its Origin goes: no Origin header (or an
 * empty one), or Origin is http:// or https:// followed exactly by the Host header (case-
 * insensitive); 0 otherwise, and always 0 when Host is missing while Origin is present. */
int origin_matches(const char *origin, const char *host);

#endif
