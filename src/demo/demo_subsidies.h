/* Demo step "subsidies" (issue 19 §3 demo): see demo_subsidies.c. */
#ifndef ZT_DEMO_DEMO_SUBSIDIES_H
#define ZT_DEMO_DEMO_SUBSIDIES_H

#include "core/error.h"

struct store;

/* A group-practice operator whose ledger of the current fiscal year has 副主治医人件費 over its cap
 * and a claim at the programme cap, and — when the demo's support centre exists — a support-centre
 * ledger cut by the 1,149千円 total cap; through the use cases (audited). */
enum zt_err demo_subsidies(struct store *st, struct zt_error *e);

#endif
