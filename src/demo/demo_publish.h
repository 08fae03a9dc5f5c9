/* Demo step "publish": the demo designations published (issue 12 §8). */
#ifndef ZT_DEMO_DEMO_PUBLISH_H
#define ZT_DEMO_DEMO_PUBLISH_H

#include "core/error.h"

struct store;

/* Publishes every designation in force, as the system. Results as store_tx. */
enum zt_err demo_publish(struct store *st, struct zt_error *e);

#endif
