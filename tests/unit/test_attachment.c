/* Unit tests of initiative attachments (issue 4 §2: 取組 "with dates and attachments"): the declared
 * type and the first bytes must agree; PDF, PNG and JPEG only; size limited. */
#include <stdlib.h>
#include <string.h>

#include "domain/attachment.h"
#include "unit.h"

static void test_type_of(void)
{
	CHECK(attachment_type_of("application/pdf") == ATT_PDF);
	CHECK(attachment_type_of("Image/PNG") == ATT_PNG);
	CHECK(attachment_type_of("image/jpeg; charset=binary") == ATT_JPEG);
	CHECK(attachment_type_of("image/gif") == -1);
	CHECK(attachment_type_of("image/pngx") == -1);
	CHECK(attachment_type_of("application/pd") == -1);
	CHECK(attachment_type_of("") == -1);
	CHECK(attachment_type_of(NULL) == -1);
	CHECK(attachment_type_lookup("image/png") == ATT_PNG);
	CHECK(attachment_type_lookup("IMAGE/PNG") == -1);
}

static void test_magic(void)
{
	struct zt_error e;
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
	static const unsigned char jpg[] = {0xff, 0xd8, 0xff, 0xe0};
	zt_error_clear(&e);
	CHECK(attachment_check(ATT_PDF, "%PDF-1.7\n", 9, &e) == ZT_OK);
	CHECK(attachment_check(ATT_PNG, png, sizeof png, &e) == ZT_OK);
	CHECK(attachment_check(ATT_JPEG, jpg, sizeof jpg, &e) == ZT_OK);
	/* a PNG declared as PDF, a truncated signature, an empty body */
	CHECK(attachment_check(ATT_PDF, png, sizeof png, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "attachment");
	CHECK(strstr(e.message, "PDF") != NULL);
	CHECK(attachment_check(ATT_PNG, png, 7, &e) == ZT_ERR_INVALID);
	CHECK(attachment_check(ATT_JPEG, jpg, 0, &e) == ZT_ERR_INVALID);
}

static void test_size(void)
{
	struct zt_error e;
	zt_error_clear(&e);
	char *big = calloc(1, ATTACHMENT_MAX_BYTES + 1);
	if (big == NULL)
		abort();
	memcpy(big, "%PDF-", 5);
	CHECK(attachment_check(ATT_PDF, big, ATTACHMENT_MAX_BYTES, &e) == ZT_OK);
	CHECK(attachment_check(ATT_PDF, big, ATTACHMENT_MAX_BYTES + 1, &e) == ZT_ERR_TOOLARGE);
	CHECK_STR(e.field, "attachment");
	free(big);
}

int main(void)
{
	test_type_of();
	test_magic();
	test_size();
	UNIT_DONE();
}
