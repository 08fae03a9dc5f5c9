/* Demo step "rota" (issue 15): see demo_rota.c. */
#ifndef ZT_DEMO_DEMO_ROTA_H
#define ZT_DEMO_DEMO_ROTA_H

#include "core/error.h"

struct store;

enum zt_err demo_rota(struct store *st, struct zt_error *e);

#endif
