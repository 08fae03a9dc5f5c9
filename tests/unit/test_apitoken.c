/* Unit tests of the API token rules (issue 11 §6, domain/apitoken.h): "API tokens: expiry (default
 * 90 days, configurable), … admin and prefecture tokens require the holder to have enrolled TOTP
 * and are scoped (read-only tokens exist)." */
#include <string.h>

#include "core/clock.h"
#include "domain/apitoken.h"
#include "unit.h"

static void test_scope(void)
{
	CHECK(apitoken_scope_lookup("full") == APITOKEN_FULL);
	CHECK(apitoken_scope_lookup("read") == APITOKEN_READ);
	CHECK(apitoken_scope_lookup("admin") == -1);
	CHECK(apitoken_scope_lookup("") == -1);
	CHECK(apitoken_scope_lookup(NULL) == -1);
	static const char *const writes[] = {"POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get", ""};
	CHECK(apitoken_scope_allows(APITOKEN_READ, "GET"));
	CHECK(apitoken_scope_allows(APITOKEN_READ, "HEAD"));
	for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++) {
		CHECK(!apitoken_scope_allows(APITOKEN_READ, writes[i]));
		CHECK(apitoken_scope_allows(APITOKEN_FULL, writes[i]));
	}
	CHECK(!apitoken_scope_allows(APITOKEN_READ, NULL));
}

static void test_days_and_name(void)
{
	struct zt_error e;
	CHECK(apitoken_check_days(1, &e) == ZT_OK);
	CHECK(apitoken_check_days(APITOKEN_DAYS_DEFAULT, &e) == ZT_OK);
	CHECK(apitoken_check_days(366, &e) == ZT_OK);
	CHECK(apitoken_check_days(0, &e) == ZT_ERR_INVALID && strcmp(e.field, "days") == 0);
	CHECK(apitoken_check_days(367, &e) == ZT_ERR_INVALID);
	CHECK(apitoken_check_days(-5, &e) == ZT_ERR_INVALID);
	CHECK(apitoken_check_name("集計スクリプト", &e) == ZT_OK);
	CHECK(apitoken_check_name("", &e) == ZT_ERR_INVALID && strcmp(e.field, "name") == 0);
	CHECK(apitoken_check_name(NULL, &e) == ZT_ERR_INVALID);
	CHECK(apitoken_check_name("a\x01", &e) == ZT_ERR_INVALID);
	CHECK(apitoken_check_name("\xff\xfe", &e) == ZT_ERR_INVALID);
	char longname[APITOKEN_NAME_MAX + 2];
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	CHECK(apitoken_check_name(longname, &e) == ZT_ERR_INVALID);
	longname[APITOKEN_NAME_MAX] = '\0';
	CHECK(apitoken_check_name(longname, &e) == ZT_OK);
}

static void test_expiry_and_state(void)
{
	time_t created, exp;
	CHECK(zt_parse_instant("2026-01-01T00:00:00Z", &created));
	CHECK(zt_parse_instant("2026-02-01T00:00:00Z", &exp));
	/* An explicit expiry wins; without one (tokens from before schema 6) created + 90 days. */
	CHECK(apitoken_expiry("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z") == exp);
	CHECK(apitoken_expiry("2026-01-01T00:00:00Z", "") == created + 90 * 86400);
	CHECK(apitoken_expiry("2026-01-01T00:00:00Z", NULL) == created + 90 * 86400);
	CHECK(apitoken_expiry("", "") == 0);
	CHECK(apitoken_state_at("", exp, exp - 1) == APITOKEN_ACTIVE);
	CHECK(apitoken_state_at("", exp, exp) == APITOKEN_EXPIRED);
	CHECK(apitoken_state_at(NULL, exp, exp + 1) == APITOKEN_EXPIRED);
	CHECK(apitoken_state_at("2026-01-15T00:00:00Z", exp, exp - 1) == APITOKEN_REVOKED);
	CHECK(apitoken_state_at("", 0, created) == APITOKEN_EXPIRED); /* unparsable: never valid */
	CHECK_STR(apitoken_state_names[APITOKEN_REVOKED], "revoked");
}

static void test_holder(void)
{
	CHECK(!apitoken_holder_ok("admin", false));
	CHECK(!apitoken_holder_ok("prefecture", false));
	CHECK(apitoken_holder_ok("admin", true));
	CHECK(apitoken_holder_ok("prefecture", true));
	CHECK(apitoken_holder_ok("doctor", false));
	CHECK(apitoken_holder_ok("coordinator", false));
}

int main(void)
{
	test_scope();
	test_days_and_name();
	test_expiry_and_state();
	test_holder();
	UNIT_DONE();
}
