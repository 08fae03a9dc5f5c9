/* Identity headers (auth/cookie.h): the Cookie header (RFC 6265 §5.4), Authorization: Bearer
 * (RFC 6750 §2.1) and the Origin check of state changes (issue 3 §2, SECURITY.md "sessions"). */
#include "auth/cookie.h"
#include "domain/attachment.h"
#include "unit.h"

static const char *cv(const char *h, const char *name)
{
	static char out[COOKIE_VALUE_MAX];
	return cookie_value(h, name, out, sizeof out) ? out : NULL;
}

int main(void)
{
	/* Cookie: pairs split on ';', spaces trimmed, first match wins, exact names. */
	CHECK_STR(cv("zaitaku_session=abc", "zaitaku_session"), "abc");
	CHECK_STR(cv("theme=dark; zaitaku_session=abc; lang=ja", "zaitaku_session"), "abc");
	CHECK_STR(cv("  zaitaku_session =  abc  ;x=1", "zaitaku_session"), "abc");
	CHECK_STR(cv("zaitaku_session=\"abc\"", "zaitaku_session"), "abc");
	CHECK_STR(cv("zaitaku_session=first; zaitaku_session=second", "zaitaku_session"), "first");
	CHECK_STR(cv("zaitaku_session=; a=b", "zaitaku_session"), "");
	CHECK_STR(cv("a=b=c", "a"), "b=c");
	CHECK(cv("xzaitaku_session=evil; zaitaku_session_old=1", "zaitaku_session") == NULL);
	CHECK(cv("Zaitaku_Session=abc", "zaitaku_session") == NULL); /* names are case-sensitive */
	CHECK(cv("zaitaku_session; other", "zaitaku_session") == NULL);
	CHECK(cv("", "zaitaku_session") == NULL);
	CHECK(cv(NULL, "zaitaku_session") == NULL);
	CHECK(cv("a=1", "") == NULL);
	CHECK(cv(";;;", "a") == NULL);
	/* Control characters, quotes, commas inside a value: refused, not cut. */
	CHECK(cv("zaitaku_session=ab\x01"
		 "cd",
		 "zaitaku_session") == NULL);
	CHECK(cv("zaitaku_session=a,b", "zaitaku_session") == NULL);
	CHECK(cv("zaitaku_session=\"a\"b\"", "zaitaku_session") == NULL);
	CHECK(cv("zaitaku_session=\"", "zaitaku_session") == NULL);
	/* Too long for the buffer: not found, and out is "" (never a truncated token). */
	char small[8];
	small[0] = 'x';
	CHECK(cookie_value("a=12345678", "a", small, sizeof small) == 0);
	CHECK_STR(small, "");
	CHECK(cookie_value("a=1234567", "a", small, sizeof small) == 1);
	CHECK_STR(small, "1234567");
	CHECK(cookie_value("a=1", "a", small, 0) == 0);

	/* Authorization. */
	const char *tok = (const char *)1;
	CHECK(authz_parse(NULL, &tok) == AUTHZ_NONE && tok == NULL);
	CHECK(authz_parse("", &tok) == AUTHZ_NONE && tok == NULL);
	CHECK(authz_parse("Bearer abc", &tok) == AUTHZ_BEARER);
	CHECK_STR(tok, "abc");
	CHECK(authz_parse("bearer   abc", &tok) == AUTHZ_BEARER);
	CHECK_STR(tok, "abc");
	CHECK(authz_parse("Bearer\tabc", &tok) == AUTHZ_BEARER);
	CHECK(authz_parse("Bearer ", &tok) == AUTHZ_BAD && tok == NULL);
	CHECK(authz_parse("Bearer", &tok) == AUTHZ_BAD);
	CHECK(authz_parse("Bearerabc", &tok) == AUTHZ_BAD);
	CHECK(authz_parse("Basic dXNlcjpwYXNz", &tok) == AUTHZ_BAD && tok == NULL);

	/* Origin. */
	CHECK(origin_matches(NULL, NULL) == 1);
	CHECK(origin_matches("", "h") == 1);
	CHECK(origin_matches("http://127.0.0.1:8080", "127.0.0.1:8080") == 1);
	CHECK(origin_matches("https://Zaitaku.example.jp", "zaitaku.example.jp") == 1);
	CHECK(origin_matches("https://evil.example", "zaitaku.example.jp") == 0);
	CHECK(origin_matches("http://zaitaku.example.jp.evil", "zaitaku.example.jp") == 0);
	CHECK(origin_matches("null", "zaitaku.example.jp") == 0);
	CHECK(origin_matches("ftp://h", "h") == 0);
	CHECK(origin_matches("http://h", NULL) == 0);

	/* Content-Type of uploads (the other header the API parses by hand). */
	CHECK(attachment_type_of("application/pdf") == ATT_PDF);
	CHECK(attachment_type_of("IMAGE/PNG; charset=binary") == ATT_PNG);
	CHECK(attachment_type_of("text/html") == -1);
	CHECK(attachment_type_of(NULL) == -1);
	UNIT_DONE();
}
