/* Demo step "programme": the coordinator programme of the demo district (issue 18 §3–§6). */
#ifndef ZT_DEMO_DEMO_PROGRAMME_H
#define ZT_DEMO_DEMO_PROGRAMME_H

#include "core/error.h"

struct store;

/* Two operators (an Osaka-style 在宅医療推進コーディネータ of the 郡市医師会, a Kumamoto-style 基幹型
 * 地域在宅医療サポートセンター), meetings of the current fiscal year with 情報交換会 under the minimum,
 * clinic stages with two years of history and plans, institution visits and awards — all through
 * the use cases, as the system. Results as store_tx. */
enum zt_err demo_programme(struct store *st, struct zt_error *e);

#endif
