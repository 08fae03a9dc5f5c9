/* Demo step "accounts" (issue 3 §1): one demo account per role, see demo_accounts.c. */
#ifndef ZT_DEMO_DEMO_ACCOUNTS_H
#define ZT_DEMO_DEMO_ACCOUNTS_H

#include "core/error.h"

struct store;

/* Creates the demo accounts (fixed, documented passwords; fixed TOTP secrets for admin and
 * prefecture) scoped to the demo region, and prints them. Needs the region step first. Returns
 * ZT_OK, or the first error of app_account_create (the demo transaction then rolls back). */
enum zt_err demo_accounts(struct store *st, struct zt_error *e);

/* Prints the demo accounts that exist in the database (for `make run` on an existing demo). */
void demo_accounts_print(struct store *st);

#endif
