/* The JSON request body of POST /api/v1/session (sign-in, issue 3 §2). Pure: no I/O. */
#ifndef ZT_IO_SESSION_JSON_H
#define ZT_IO_SESSION_JSON_H

#include <jansson.h>

#include "core/error.h"

/* The strings are borrowed from the body (valid while it lives). */
struct signin_request {
	const char *username; /* 1–63 bytes */
	const char *password; /* 1–4 × ACCOUNT_PASSWORD_MAX bytes (checked against the hash, not the rules) */
	const char *totp;     /* NULL when absent or null */
};

/* {username, password, totp?}: a missing, empty, over-long or non-string username → ZT_ERR_INVALID
 * "username"; password likewise → "password"; a totp that is not a string (null is absent) →
 * "totp". Other members are ignored. */
enum zt_err signin_from_json(const json_t *body, struct signin_request *s, struct zt_error *e);

#endif
