/* Demo step "designation" (issue 4 §4–§6): see demo_designation.c. */
#ifndef ZT_DEMO_DEMO_DESIGNATION_H
#define ZT_DEMO_DEMO_DESIGNATION_H

#include "core/error.h"

struct store;

/* Confirms designations for some municipalities of 茨城県 (08) but not all, adds the 鹿行
 * 在宅医療サポートセンター and fills some checklist items (one overdue). One transaction. */
enum zt_err demo_designation(struct store *st, struct zt_error *e);

/* Demo step "facts" (issue 13 item 8), after the accounts: the demo's administrator records that
 * 神栖市's ① 在支病 withdrew its 在宅療養支援病院 filing, through the registry's update use case; its
 * designation stays in force, flagged 「要件を満たさなくなりました」. One transaction. */
enum zt_err demo_designation_facts(struct store *st, struct zt_error *e);

#endif
