/* Demo step "training" (issue 18 §2 demo): see demo_training.c. */
#ifndef ZT_DEMO_DEMO_TRAINING_H
#define ZT_DEMO_DEMO_TRAINING_H

#include "core/error.h"

struct store;

/* A 訪問診療導入研修 of the demo district with advisors, invited clinics, trainees paired by the
 * matching, one trainee complete with a verifiable 認定証, through the use cases (audited). */
enum zt_err demo_training(struct store *st, struct zt_error *e);

#endif
