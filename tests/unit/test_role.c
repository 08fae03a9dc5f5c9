/* The roles table (domain/role.c) and the account rules that read it (domain/account.c), issue 3 §1.
 * Links libzaitaku-core.a alone: the domain needs nothing but libc. */
#include "domain/account.h"
#include "domain/role.h"
#include "unit.h"

int main(void)
{
	/* issue 3 §1: "Users with a role and a scope: `admin` (whole installation), `prefecture` (a
	 * prefecture …), `coordinator` (one or more district medical associations), `doctor` / `nurse`
	 * (their institution …), `hospital`" */
	static const char *const names[] = {"admin", "prefecture", "coordinator", "doctor", "nurse", "hospital"};
	for (int i = 0; i < ROLE__MAX; i++) {
		CHECK_STR(role_name(i), names[i]);
		CHECK(role_lookup(names[i]) == i);
		CHECK(account_role_valid(names[i]));
		CHECK(role_label(i)[0] != '\0');
	}
	CHECK(role_lookup("boss") == -1 && role_lookup(NULL) == -1 && !account_role_valid("Admin"));
	CHECK_STR(role_name(-1), "system");
	CHECK_STR(role_name(ROLE__MAX), "system");
	CHECK_STR(role_label(ROLE_COORDINATOR), "在宅医療コーディネータ");
	CHECK(role_table[ROLE_ADMIN].scope == RSCOPE_ALL);
	CHECK(role_table[ROLE_PREFECTURE].scope == RSCOPE_PREFECTURE);
	CHECK(role_table[ROLE_COORDINATOR].scope == RSCOPE_ASSOCIATIONS);
	CHECK(role_table[ROLE_DOCTOR].scope == RSCOPE_INSTITUTION && role_table[ROLE_NURSE].scope == RSCOPE_INSTITUTION &&
	      role_table[ROLE_HOSPITAL].scope == RSCOPE_INSTITUTION);

	/* issue 3 §1: "TOTP second factor (RFC 6238) available per user and mandatory for `admin` and
	 * `prefecture` roles." */
	for (int i = 0; i < ROLE__MAX; i++)
		CHECK(account_role_needs_totp(names[i]) == (i == ROLE_ADMIN || i == ROLE_PREFECTURE));
	CHECK(!account_role_needs_totp(NULL) && !account_role_needs_totp("boss"));

	/* The scope each role needs, read from the table. */
	struct zt_error e;
	CHECK(account_check_scope("admin", NULL, 0, 0, 8, &e) == ZT_OK);
	CHECK(account_check_scope("prefecture", "08", 0, 0, 8, &e) == ZT_OK);
	CHECK(account_check_scope("prefecture", "48", 0, 0, 8, &e) == ZT_ERR_INVALID && strcmp(e.field, "prefecture") == 0);
	CHECK(account_check_scope("coordinator", NULL, 0, 1, 8, &e) == ZT_OK);
	CHECK(account_check_scope("coordinator", NULL, 0, 0, 8, &e) == ZT_ERR_INVALID && strcmp(e.field, "associations") == 0);
	CHECK(account_check_scope("hospital", NULL, 3, 0, 8, &e) == ZT_OK);
	CHECK(account_check_scope("nurse", NULL, 0, 0, 8, &e) == ZT_ERR_INVALID && strcmp(e.field, "institution_id") == 0);
	CHECK(account_check_scope("boss", NULL, 3, 0, 8, &e) == ZT_ERR_INVALID && strcmp(e.field, "role") == 0);

	UNIT_DONE();
}
