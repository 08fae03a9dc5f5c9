/* API token rules: lifetime, scope, state (issue 11 §6; see apitoken.h). */
#include "domain/apitoken.h"

#include <string.h>

#include "core/clock.h"
#include "domain/account.h"
#include "domain/text.h"

const char *const apitoken_scope_names[APITOKEN__MAX] = {"full", "read"};
const char *const apitoken_state_names[3] = {"active", "expired", "revoked"};

int apitoken_scope_lookup(const char *name)
{
	for (int i = 0; name && i < APITOKEN__MAX; i++)
		if (strcmp(name, apitoken_scope_names[i]) == 0)
			return i;
	return -1;
}

bool apitoken_scope_allows(enum apitoken_scope scope, const char *method)
{
	if (scope == APITOKEN_FULL)
		return true;
	return scope == APITOKEN_READ && method && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0);
}

enum zt_err apitoken_check_days(long long days, struct zt_error *e)
{
	if (days < 1 || days > APITOKEN_DAYS_MAX)
		return zt_fail(e, ZT_ERR_INVALID, "days", "有効期間（days）は1〜%d日で指定してください。", APITOKEN_DAYS_MAX);
	return ZT_OK;
}

enum zt_err apitoken_check_name(const char *name, struct zt_error *e)
{
	if (name == NULL || name[0] == '\0' || strlen(name) > APITOKEN_NAME_MAX || !text_valid_utf8(name))
		return zt_fail(e, ZT_ERR_INVALID, "name", "トークン名（name）は1〜%dバイトの文字で指定してください。",
			       APITOKEN_NAME_MAX);
	return ZT_OK;
}

time_t apitoken_expiry(const char *created_at, const char *expires_at)
{
	time_t t;
	if (expires_at && expires_at[0] && zt_parse_instant(expires_at, &t))
		return t;
	if (created_at && zt_parse_instant(created_at, &t))
		return t + (time_t)APITOKEN_DAYS_DEFAULT * 86400;
	return 0;
}

enum apitoken_state apitoken_state_at(const char *revoked_at, time_t expiry, time_t now)
{
	if (revoked_at && revoked_at[0])
		return APITOKEN_REVOKED;
	return now < expiry ? APITOKEN_ACTIVE : APITOKEN_EXPIRED;
}

bool apitoken_holder_ok(const char *role, bool totp_enrolled)
{
	return totp_enrolled || !account_role_needs_totp(role);
}
