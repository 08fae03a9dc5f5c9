/*
 * Demo step "accounts" (issue 3 §1): one account per role for the demo region 鹿行 (茨城県, 08). The passwords
 * and TOTP secrets are fixed and published (README, `zaitaku demo` output): demo databases only.
 *   demo-admin        admin        zaitaku-demo-admin   TOTP ZAITAKUDEMOADMIN
 *   demo-prefecture   prefecture   zaitaku-demo-pref    TOTP ZAITAKUDEMOPREF2   (08 茨城県)
 *   demo-coordinator  coordinator  zaitaku-demo-coord   鹿行みらい医師会（架空）
 *   demo-doctor       doctor       zaitaku-demo-doctor  the first demo clinic of 鹿嶋市
 *   demo-nurse        nurse        zaitaku-demo-nurse   the first demo 訪問看護ステーション of 鹿嶋市
 *   demo-hospital     hospital     zaitaku-demo-hosp    the first demo hospital of 鹿嶋市
 * Accounts are created through app/app_accounts.h (the same rules, hashing and audit rows as the
 * API and the CLI).
 */
#include "demo/demo_accounts.h"

#include <stdio.h>
#include <string.h>

#include "app/app_accounts.h"
#include "auth/secret.h"
#include "store/store_accounts.h"

#define KASHIMA "082228"

static const struct demo_account {
	const char *username, *role, *name, *password, *totp, *kind; /* kind: institution the scope names */
} accounts[] = {
	{"demo-admin", "admin", "デモ 管理者", "zaitaku-demo-admin", "ZAITAKUDEMOADMIN", NULL},
	{"demo-prefecture", "prefecture", "デモ 茨城県 医療政策課", "zaitaku-demo-pref", "ZAITAKUDEMOPREF2", NULL},
	{"demo-coordinator", "coordinator", "デモ 在宅医療コーディネータ", "zaitaku-demo-coord", NULL, "medical_association"},
	{"demo-doctor", "doctor", "デモ 在宅医", "zaitaku-demo-doctor", NULL, "clinic"},
	{"demo-nurse", "nurse", "デモ 訪問看護師", "zaitaku-demo-nurse", NULL, "nurse_station"},
	{"demo-hospital", "hospital", "デモ 地域連携室", "zaitaku-demo-hosp", NULL, "hospital"},
};

static void print_one(const struct demo_account *d)
{
	printf("    %-17s %-12s password %-20s%s%s\n", d->username, d->role, d->password, d->totp ? " TOTP secret " : "",
	       d->totp ? d->totp : "");
}

void demo_accounts_print(struct store *st)
{
	int header = 0;
	for (size_t i = 0; i < sizeof accounts / sizeof accounts[0]; i++) {
		struct account a;
		if (store_account_by_username(st, accounts[i].username, &a, NULL) != ZT_OK || a.disabled)
			continue;
		if (!header++)
			printf("  demo accounts (sign in at /signin):\n");
		print_one(&accounts[i]);
	}
}

enum zt_err demo_accounts(struct store *st, struct zt_error *e)
{
	if (secret_init() < 0)
		return zt_fail(e, ZT_ERR_IO, "", "暗号ライブラリを初期化できません。");
	printf("  accounts (demo only; sign in at /signin):\n");
	for (size_t i = 0; i < sizeof accounts / sizeof accounts[0]; i++) {
		const struct demo_account *d = &accounts[i];
		struct account a;
		memset(&a, 0, sizeof a);
		snprintf(a.username, sizeof a.username, "%s", d->username);
		snprintf(a.display_name, sizeof a.display_name, "%s", d->name);
		snprintf(a.role, sizeof a.role, "%s", d->role);
		if (d->totp)
			snprintf(a.totp_secret, sizeof a.totp_secret, "%s", d->totp);
		if (strcmp(d->role, "prefecture") == 0)
			snprintf(a.prefecture, sizeof a.prefecture, "08");
		if (d->kind) {
			int64_t id = store_institution_first(st, d->kind, KASHIMA);
			if (id == 0)
				id = store_institution_first(st, d->kind, "");
			if (id == 0)
				return zt_fail(e, ZT_ERR_NOTFOUND, d->username, "デモの %s が見つかりません。", d->kind);
			if (strcmp(d->role, "coordinator") == 0)
				a.associations[a.nassociations++] = id;
			else
				a.institution_id = id;
		}
		enum zt_err r = app_account_create(st, NULL, &a, d->password, NULL, e);
		if (r == ZT_ERR_CONFLICT) { /* already there: keep it */
			zt_error_clear(e);
		} else if (r != ZT_OK) {
			return r;
		}
		print_one(d);
	}
	return ZT_OK;
}
