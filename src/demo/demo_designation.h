/* Demo step "designation" (issue 4 §4–§6): see demo_designation.c. */
#ifndef ZT_DEMO_DEMO_DESIGNATION_H
#define ZT_DEMO_DEMO_DESIGNATION_H

#include "core/error.h"

struct store;

/* Confirms designations for some municipalities of 茨城県 (08) but not all, adds the 鹿行
 * 在宅医療サポートセンター and fills some checklist items (one overdue). One transaction. */
enum zt_err demo_designation(struct store *st, struct zt_error *e);

#endif
