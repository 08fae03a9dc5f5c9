/*
 * Rules for API tokens (issue 11 §6): how long a token lives, what its scope lets it do, and when
 * it stops working. Pure: no I/O (times are passed in).
 *   - A token expires after a number of days chosen at creation: 90 by default, 1..366.
 *   - Scope "full" may use every method its holder may; scope "read" only GET and HEAD (a write
 *     with a read-only token is 403).
 *   - A token works while it is neither revoked nor expired, and its holder (admin and prefecture
 *     roles, who may change designations and accounts) has enrolled TOTP.
 */
#ifndef ZT_DOMAIN_APITOKEN_H
#define ZT_DOMAIN_APITOKEN_H

#include <stdbool.h>
#include <time.h>

#include "core/error.h"

#define APITOKEN_DAYS_DEFAULT 90
#define APITOKEN_DAYS_MAX 366
#define APITOKEN_NAME_MAX 60 /* bytes */

enum apitoken_scope { APITOKEN_FULL, APITOKEN_READ, APITOKEN__MAX };
extern const char *const apitoken_scope_names[APITOKEN__MAX]; /* "full", "read" */

/* The scope named name; -1 when unknown. */
int apitoken_scope_lookup(const char *name);
/* True when a token of scope may send a request with this HTTP method. */
bool apitoken_scope_allows(enum apitoken_scope scope, const char *method);
/* Days: 1..APITOKEN_DAYS_MAX (field "days"). */
enum zt_err apitoken_check_days(long long days, struct zt_error *e);
/* Name: 1..APITOKEN_NAME_MAX bytes of valid UTF-8 without control characters (field "name"). */
enum zt_err apitoken_check_name(const char *name, struct zt_error *e);
/* The instant a token stops working: expires_at when given (an ISO instant), else — tokens from
 * before expiry existed — created_at plus the default lifetime. 0 when neither parses. */
time_t apitoken_expiry(const char *created_at, const char *expires_at);

enum apitoken_state { APITOKEN_ACTIVE, APITOKEN_EXPIRED, APITOKEN_REVOKED };
extern const char *const apitoken_state_names[3]; /* "active", "expired", "revoked" */
/* The state at now of a token with this revocation time ("" = not revoked) and expiry. */
enum apitoken_state apitoken_state_at(const char *revoked_at, time_t expiry, time_t now);
/* True when a holder of role (a role name) may hold a token: admin and prefecture need TOTP. */
bool apitoken_holder_ok(const char *role, bool totp_enrolled);

#endif
