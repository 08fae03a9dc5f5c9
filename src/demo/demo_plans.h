/* Demo step "plans" (issue 19 demo): see demo_plans.c. */
#ifndef ZT_DEMO_DEMO_PLANS_H
#define ZT_DEMO_DEMO_PLANS_H

#include "core/error.h"

struct store;

/* Two operators of 鹿行みらい医師会 with plans for the current fiscal year under two rule sets — one
 * compliant, one not — with meetings and uploads as evidence, through the use cases (audited). */
enum zt_err demo_plans(struct store *st, struct zt_error *e);

#endif
