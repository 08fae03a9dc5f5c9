/* Demo step "referrals" (issue 16 §6 demo): see demo_referrals.c. */
#ifndef ZT_DEMO_DEMO_REFERRALS_H
#define ZT_DEMO_DEMO_REFERRALS_H

#include "core/error.h"

struct store;

/* Capacities of the demo's home-care clinics and nurse stations, and a ventilator patient's
 * discharge referral (sent, in the district's queue), through the use cases (audited). */
enum zt_err demo_referrals(struct store *st, struct zt_error *e);

#endif
