/* Unit tests of accounts and access (issue 3 §1–§2): the policy table role × action with the
 * district scope, TOTP against the RFC 6238 Appendix B vectors, password, scope and self-change
 * rules, the one account path of app/app_accounts.h, tokens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_accounts.h"
#include "auth/policy.h"
#include "auth/secret.h"
#include "core/actor.h"
#include "domain/account.h"
#include "store/store.h"
#include "unit.h"

/* RFC 6238 Appendix B, SHA-1 column: seed "12345678901234567890", 8 digits. */
static void test_totp_vectors(void)
{
	static const struct { long long t; const char *code; } v[] = {
		{59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
		{1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000LL, "65353130"},
	};
	const char *seed = "12345678901234567890";
	char out[16];
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		CHECK(totp_code(seed, strlen(seed), (time_t)v[i].t, 8, out, sizeof out) == 0);
		CHECK_STR(out, v[i].code);
	}
	/* 6 digits are the last six of the 8-digit value. */
	CHECK(totp_code(seed, strlen(seed), 59, 6, out, sizeof out) == 0);
	CHECK_STR(out, "287082");
	/* base32 of the seed: GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ. The window is ±1 step. */
	const char *b32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
	CHECK(totp_check(b32, "287082", 59) == 1);
	CHECK(totp_check(b32, "287082", 59 + 30) == 1);
	CHECK(totp_check(b32, "287082", 59 + 60) == -1);
	CHECK(totp_check(b32, "287083", 59) == -1);
	CHECK(totp_check(b32, "28708", 59) == -1);
	CHECK(totp_check(b32, "28708a", 59) == -1);
	CHECK(totp_check("", "287082", 59) == -1);
	char s[33];
	totp_secret_new(s);
	CHECK(strlen(s) == 32);
}

static void test_secrets(void)
{
	char a[SECRET_TOKEN_HEX], b[SECRET_TOKEN_HEX], h[SECRET_HASH_HEX], c[SECRET_HASH_HEX];
	secret_token_new(a);
	secret_token_new(b);
	CHECK(strlen(a) == 64 && strcmp(a, b) != 0);
	secret_token_hash(a, h);
	secret_csrf_of(a, c);
	CHECK(strlen(h) == 64 && strcmp(h, a) != 0 && strcmp(h, c) != 0);
	CHECK(secret_equal(h, h) && !secret_equal(h, c) && !secret_equal("ab", "abc"));
	char pw[SECRET_PWHASH_MAX];
	CHECK(secret_password_hash("correct horse battery", pw, NULL) == ZT_OK);
	CHECK(strncmp(pw, "$argon2id$", 10) == 0);
	CHECK(secret_password_verify(pw, "correct horse battery") == 1);
	CHECK(secret_password_verify(pw, "correct horse batterx") == 0);
	CHECK(secret_password_verify(NULL, "correct horse battery") == 0);
}

/* SECURITY.md "passwords": ≥ 13, ≤ 128 characters; boundary 12/13/64/128/129. */
static void test_account_rules(void)
{
	char pw[600];
	int lens[] = {12, 13, 64, 128, 129};
	int ok[] = {0, 1, 1, 1, 0};
	for (int i = 0; i < 5; i++) {
		memset(pw, 'x', (size_t)lens[i]);
		pw[lens[i]] = '\0';
		struct zt_error e;
		zt_error_clear(&e);
		CHECK((account_check_password(pw, &e) == ZT_OK) == ok[i]);
		if (!ok[i])
			CHECK_STR(e.field, "password");
	}
	CHECK(account_check_password("あいうえおかきくけこさしす", NULL) == ZT_OK); /* 13 characters, 39 bytes */
	CHECK(account_check_username("doc.1", NULL) == ZT_OK);
	CHECK(account_check_username("-doc", NULL) != ZT_OK);
	CHECK(account_check_username("a b", NULL) != ZT_OK);
	CHECK(account_check_scope("prefecture", "08", 0, 0, 8, NULL) == ZT_OK);
	CHECK(account_check_scope("prefecture", "", 0, 0, 8, NULL) != ZT_OK);
	CHECK(account_check_scope("prefecture", "48", 0, 0, 8, NULL) != ZT_OK);
	CHECK(account_check_scope("coordinator", "", 0, 1, 8, NULL) == ZT_OK);
	CHECK(account_check_scope("coordinator", "", 0, 0, 8, NULL) != ZT_OK);
	CHECK(account_check_scope("nurse", "", 5, 0, 8, NULL) == ZT_OK);
	CHECK(account_check_scope("hospital", "", 0, 0, 8, NULL) != ZT_OK);
	CHECK(account_check_scope("root", "", 0, 0, 8, NULL) != ZT_OK);
	CHECK(account_role_needs_totp("admin") && account_role_needs_totp("prefecture"));
	CHECK(!account_role_needs_totp("coordinator") && !account_role_needs_totp("doctor"));

	/* An administrator may not disable themself or give up the admin role; another admin may. */
	struct account self = {.id = 7, .role = "admin"};
	CHECK(account_check_self_change(7, &self, NULL) == ZT_OK);
	self.disabled = true;
	struct zt_error e;
	CHECK(account_check_self_change(7, &self, &e) == ZT_ERR_CONFLICT);
	CHECK_STR(e.field, "role");
	CHECK(account_check_self_change(8, &self, NULL) == ZT_OK);
	self.disabled = false;
	snprintf(self.role, sizeof self.role, "prefecture");
	CHECK(account_check_self_change(7, &self, NULL) == ZT_ERR_CONFLICT);
	/* Disabling, a new password or a new TOTP secret ends every session; nothing else does. */
	CHECK(account_change_ends_sessions(true, false, false));
	CHECK(account_change_ends_sessions(false, true, false));
	CHECK(account_change_ends_sessions(false, false, true));
	CHECK(!account_change_ends_sessions(false, false, false));
}

/* The one account path (app/app_accounts.h) of API, CLI and demo: admin and prefecture accounts get
 * their TOTP secret there, others do not; the self-demotion rule holds through it. */
static void test_app_accounts(struct store *st, int64_t clinic)
{
	struct zt_error e;
	zt_error_clear(&e);
	struct account a = {0};
	snprintf(a.username, sizeof a.username, "first-admin");
	snprintf(a.role, sizeof a.role, "admin");
	bool totp_new = false;
	CHECK(app_account_create(st, NULL, &a, "correct horse battery", &totp_new, &e) == ZT_OK);
	CHECK(totp_new && strlen(a.totp_secret) >= 16 && a.id > 0 && a.password_hash[0] != '\0');
	CHECK_STR(a.display_name, "first-admin");
	struct account d = {0};
	snprintf(d.username, sizeof d.username, "doc1");
	snprintf(d.role, sizeof d.role, "doctor");
	d.institution_id = clinic;
	CHECK(app_account_create(st, NULL, &d, NULL, &totp_new, &e) == ZT_OK);
	CHECK(!totp_new && d.totp_secret[0] == '\0' && d.password_hash[0] == '\0');
	CHECK(app_account_create(st, NULL, &d, NULL, NULL, &e) == ZT_ERR_CONFLICT); /* username taken */
	CHECK(app_account_set_password(st, NULL, d.id, "short", &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "password");

	struct zt_actor me = {a.id, a.username, "admin", "test"}, other = {a.id + 100, "other", "admin", "test"};
	snprintf(a.role, sizeof a.role, "doctor");
	a.institution_id = clinic;
	CHECK(app_account_update(st, &me, &a, NULL, NULL, &e) == ZT_ERR_CONFLICT);
	CHECK_STR(e.field, "role");
	CHECK(app_account_update(st, &other, &a, NULL, NULL, &e) == ZT_OK);
	CHECK_STR(a.role, "doctor");
	/* promoted to prefecture staff: the secret it already has stays (no new enrolment) */
	snprintf(d.role, sizeof d.role, "prefecture");
	snprintf(d.prefecture, sizeof d.prefecture, "08");
	d.institution_id = 0;
	CHECK(app_account_update(st, &other, &d, NULL, &totp_new, &e) == ZT_OK);
	CHECK(totp_new && d.totp_secret[0] != '\0');
	char kept[64];
	snprintf(kept, sizeof kept, "%s", d.totp_secret);
	CHECK(app_account_update(st, &other, &d, NULL, &totp_new, &e) == ZT_OK);
	CHECK(!totp_new);
	CHECK_STR(d.totp_secret, kept);
}

struct fixture {
	int64_t assoc, clinic_in, clinic_out;
};

static enum zt_err setup_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct fixture *fx = ctx;
	enum zt_err r = store_prefecture_put(st, "08", "茨城県");
	if (r == ZT_OK)
		r = store_prefecture_put(st, "12", "千葉県");
	if (r == ZT_OK)
		r = store_municipality_put(st, "082228", "08", "鹿嶋市", "かしまし", "市", NULL);
	if (r == ZT_OK)
		r = store_municipality_put(st, "082015", "08", "水戸市", "みとし", "市", NULL);
	struct facility f;
	facility_init(&f);
	f.kind = KIND_MEDICAL_ASSOCIATION;
	snprintf(f.name, sizeof f.name, "鹿嶋市医師会");
	snprintf(f.municipality_code, sizeof f.municipality_code, "082228");
	if (r == ZT_OK)
		r = store_facility_create(st, &f, e);
	fx->assoc = f.id;
	if (r == ZT_OK)
		r = store_association_cover(st, fx->assoc, "082228");
	facility_init(&f);
	f.kind = KIND_CLINIC;
	snprintf(f.name, sizeof f.name, "内クリニック");
	snprintf(f.municipality_code, sizeof f.municipality_code, "082228");
	if (r == ZT_OK)
		r = store_facility_create(st, &f, e);
	fx->clinic_in = f.id;
	facility_init(&f);
	f.kind = KIND_CLINIC;
	snprintf(f.name, sizeof f.name, "外クリニック");
	snprintf(f.municipality_code, sizeof f.municipality_code, "082015");
	if (r == ZT_OK)
		r = store_facility_create(st, &f, e);
	fx->clinic_out = f.id;
	return r;
}

/* Issue 3 §2: one policy function; scope follows the district. */
static void test_policy(void)
{
	char path[] = "/tmp/zt-unit-auth-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	unlink(path);
	struct zt_error e;
	zt_error_clear(&e);
	struct store *st = store_open(path, &e);
	CHECK(st != NULL);
	if (st == NULL)
		return;
	struct fixture fx = {0};
	CHECK(store_tx(st, setup_tx, &fx, &e) == ZT_OK);

	struct auth_ctx admin = {.role = ROLE_ADMIN}, pref = {.role = ROLE_PREFECTURE, .prefecture = "08"},
			pref12 = {.role = ROLE_PREFECTURE, .prefecture = "12"},
			coord = {.role = ROLE_COORDINATOR, .associations = {fx.assoc}, .nassociations = 1},
			doc = {.role = ROLE_DOCTOR, .institution_id = fx.clinic_in},
			nurse = {.role = ROLE_NURSE, .institution_id = fx.clinic_in},
			hosp = {.role = ROLE_HOSPITAL, .institution_id = fx.clinic_in};
	struct policy_object in = {.municipality = "082228", .institution_id = fx.clinic_in},
			     out = {.municipality = "082015", .institution_id = fx.clinic_out};

	/* The public reads the published listing and nothing else. */
	CHECK(policy_check(st, NULL, ACT_PUBLIC_READ, &in, NULL) == ZT_OK);
	for (int a = ACT_PUBLIC_READ + 1; a < ACT__MAX; a++)
		CHECK(policy_check(st, NULL, (enum policy_action)a, &in, NULL) == ZT_ERR_UNAUTH);
	/* Registry writes: admin anywhere; prefecture and coordinator in their district only. */
	CHECK(policy_check(st, &admin, ACT_REGISTRY_WRITE, &out, NULL) == ZT_OK);
	CHECK(policy_check(st, &pref, ACT_REGISTRY_WRITE, &in, NULL) == ZT_OK);
	CHECK(policy_check(st, &pref, ACT_REGISTRY_WRITE, &out, NULL) == ZT_OK); /* both in 08 */
	CHECK(policy_check(st, &pref12, ACT_REGISTRY_WRITE, &in, NULL) == ZT_ERR_FORBIDDEN);
	CHECK(policy_check(st, &coord, ACT_REGISTRY_WRITE, &in, NULL) == ZT_OK);
	CHECK(policy_check(st, &coord, ACT_REGISTRY_WRITE, &out, NULL) == ZT_ERR_FORBIDDEN);
	CHECK(policy_check(st, &doc, ACT_REGISTRY_WRITE, &in, NULL) == ZT_ERR_FORBIDDEN);
	CHECK(policy_check(st, &nurse, ACT_IMPORT, &in, NULL) == ZT_ERR_FORBIDDEN);
	CHECK(policy_check(st, &hosp, ACT_REGISTRY_WRITE, &in, NULL) == ZT_ERR_FORBIDDEN);
	/* Accounts: admin only. */
	CHECK(policy_check(st, &admin, ACT_USER_ADMIN, NULL, NULL) == ZT_OK);
	struct auth_ctx *others[] = {&pref, &coord, &doc, &nurse, &hosp};
	for (int i = 0; i < 5; i++)
		CHECK(policy_check(st, others[i], ACT_USER_ADMIN, NULL, NULL) == ZT_ERR_FORBIDDEN);
	/* Institution scope: own institution only; an object with no location is out of scope. */
	CHECK(policy_check(st, &doc, ACT_PATIENT_READ, &in, NULL) == ZT_OK);
	CHECK(policy_check(st, &doc, ACT_PATIENT_READ, &out, NULL) == ZT_ERR_FORBIDDEN);
	CHECK(policy_check(st, &coord, ACT_PATIENT_READ, &(struct policy_object){.municipality = ""}, NULL) ==
	      ZT_ERR_FORBIDDEN);
	CHECK(policy_check(st, &coord, ACT_GROUP_WRITE, &(struct policy_object){.association_id = fx.assoc}, NULL) == ZT_OK);
	/* Prefecture staff do designation in their prefecture; coordinators never. */
	CHECK(policy_check(st, &pref, ACT_DESIGNATION_WRITE, &in, NULL) == ZT_OK);
	CHECK(policy_check(st, &coord, ACT_DESIGNATION_WRITE, &in, NULL) == ZT_ERR_FORBIDDEN);
	CHECK(policy_check(st, &admin, ACT_PATIENT_WRITE, &in, NULL) == ZT_ERR_FORBIDDEN);
	CHECK(policy_check(st, &admin, (enum policy_action)ACT__MAX, &in, NULL) == ZT_ERR_FORBIDDEN);
	test_app_accounts(st, fx.clinic_in);
	store_close(st);
	unlink(path);
	char side[64];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

int main(void)
{
	CHECK(secret_init() == 0);
	test_totp_vectors();
	test_secrets();
	test_account_rules();
	test_policy();
	UNIT_DONE();
}
