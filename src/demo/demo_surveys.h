/* Demo step "surveys" (issue 18 §1 demo): see demo_surveys.c. */
#ifndef ZT_DEMO_DEMO_SURVEYS_H
#define ZT_DEMO_DEMO_SURVEYS_H

#include "core/error.h"

struct store;

/* The district's clinic survey (seed 002 STEP1 template), sent to every clinic of 鹿行みらい医師会 and
 * answered by most of them (through their links, two from paper), through the use cases (audited). */
enum zt_err demo_surveys(struct store *st, struct zt_error *e);

#endif
