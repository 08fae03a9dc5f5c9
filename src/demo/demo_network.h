/* Demo step "network" (issue 14 §8): see demo_network.c. */
#ifndef ZT_DEMO_DEMO_NETWORK_H
#define ZT_DEMO_DEMO_NETWORK_H

#include "core/error.h"

struct store;

/* Fictional patients of the certified demo group with their teams, a 在後病 registration, the
 * group's duties around today and phones for its doctors, through the use cases (audited). */
enum zt_err demo_network(struct store *st, struct zt_error *e);

#endif
