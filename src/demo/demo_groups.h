/* Demo step "groups" (issue 4 §1–§3): see demo_groups.c. */
#ifndef ZT_DEMO_DEMO_GROUPS_H
#define ZT_DEMO_DEMO_GROUPS_H

#include "core/error.h"

struct store;

/* Adds one certified group (with certificates) and one invalid group (its two clinics belong to
 * one 法人), with initiatives for the current fiscal year. One transaction. */
enum zt_err demo_groups(struct store *st, struct zt_error *e);

#endif
