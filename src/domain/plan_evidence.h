/*
 * Which records count as evidence (実績) of which action of a rule set (issue 19 §2 "Do"): a table of
 * (rule set, source, kind) → action, e.g. a meeting of kind "exchange" (情報交換会) is evidence of Osaka's
 * ⑤, an accepted discharge referral of ⑥ and of Kumamoto's 入退院支援. Sources are the collectors of
 * app_plans.c ("meeting", "visit", "referral", "escalation", "group", "initiative", "rota", "training",
 * "survey"); uploads name their action themselves. Pure: data and a lookup.
 */
#ifndef ZT_DOMAIN_PLAN_EVIDENCE_H
#define ZT_DOMAIN_PLAN_EVIDENCE_H

#include <stddef.h>

#include "domain/ruleset.h"

#define PLAN_EVIDENCE_ACTIONS_MAX 4

/* Fills out[] with the action codes of rs that a record of source and kind ("" = any kind) is evidence
 * of, and returns how many (0 when none; at most max). */
size_t plan_evidence_actions(const struct ruleset *rs, const char *source, const char *kind, const char **out,
			     size_t max);
/* Japanese name of a source ("会議", "訪問", …); the code itself when unknown. */
const char *plan_evidence_source_ja(const char *source);

#endif
