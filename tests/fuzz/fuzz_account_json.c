/* libFuzzer harness: JSON request decoding of accounts (io/account_json.h) as POST/PUT
 * /api/v1/users do it (jansson with JSON_REJECT_DUPLICATES), and TOTP code checking of arbitrary
 * strings (auth/secret.h). The first byte picks create (odd) or update; a refusal always names
 * its field, and an accepted body always satisfies the role's scope rule. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth/secret.h"
#include "domain/account.h"
#include "io/account_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	/* The raw bytes as a TOTP code against a fixed secret: never crashes, only 6-digit codes can match. */
	char code[16];
	size_t n = size - 1 < sizeof code - 1 ? size - 1 : sizeof code - 1;
	memcpy(code, data + 1, n);
	code[n] = '\0';
	int64_t step = totp_check("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", code, 59);
	if (step >= 0 && strlen(code) != 6)
		abort();
	json_error_t jerr;
	json_t *o = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL)
		return 0;
	if (json_is_object(o)) {
		struct account a;
		memset(&a, 0, sizeof a);
		if (!(data[0] & 1)) { /* an existing doctor being edited */
			a.id = 7;
			memcpy(a.username, "doc", 4);
			memcpy(a.display_name, "医師", sizeof "医師");
			memcpy(a.role, "doctor", 7);
			a.institution_id = 3;
		}
		struct zt_error e;
		zt_error_clear(&e);
		const char *pw = NULL;
		enum zt_err r = account_from_json(o, &a, &pw, data[0] & 1, &e);
		if (r != ZT_OK && (r != ZT_ERR_INVALID || e.field[0] == '\0'))
			abort();
		if (r == ZT_OK && account_check_scope(a.role, a.prefecture, a.institution_id, a.nassociations,
						      ACCOUNT_MAX_ASSOC, NULL) != ZT_OK)
			abort();
		if (r == ZT_OK && pw && account_check_password(pw, NULL) != ZT_OK)
			abort();
	}
	json_decref(o);
	return 0;
}
