/* The registry of compliance rule sets (issue 19 §1) and the helpers their rule files share. */
#include "domain/ruleset.h"

#include <stdio.h>
#include <string.h>

/* Adding a rule set: write rules_<name>.c defining a `struct ruleset`, declare it in ruleset.h, add a row. */
const struct ruleset *const rulesets[] = {
	&ruleset_osaka_coordinator,
	&ruleset_kumamoto_centre,
	&ruleset_renkei_kyoten,
	&ruleset_kaigo_renkei,
};
const size_t nrulesets = sizeof rulesets / sizeof rulesets[0];

const struct ruleset *ruleset_find(const char *code)
{
	if (code == NULL)
		return NULL;
	for (size_t i = 0; i < nrulesets; i++)
		if (strcmp(rulesets[i]->code, code) == 0)
			return rulesets[i];
	return NULL;
}

int ruleset_action_index(const struct ruleset *rs, const char *code)
{
	if (rs == NULL || code == NULL)
		return -1;
	for (size_t i = 0; i < rs->nactions; i++)
		if (strcmp(rs->actions[i].code, code) == 0)
			return (int)i;
	return -1;
}

bool ruleset_compliant(const struct rule_result *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].status == RULE_NOT_MET)
			return false;
	return true;
}

const char *rule_status_ja(enum rule_status s)
{
	switch (s) {
	case RULE_MET: return "充足";
	case RULE_NOT_MET: return "未充足";
	case RULE_NOT_REQUIRED: return "対象外";
	}
	return "?";
}

const char *rule_status_code(enum rule_status s)
{
	switch (s) {
	case RULE_MET: return "met";
	case RULE_NOT_MET: return "not_met";
	case RULE_NOT_REQUIRED: return "not_required";
	}
	return "?";
}

struct rule_result *rule_begin(struct rule_result *out, size_t *n, const char *code, const char *label,
			       const char *seed)
{
	struct rule_result *r = &out[(*n)++];
	memset(r, 0, sizeof *r);
	r->code = code, r->label = label, r->seed = seed;
	r->status = RULE_NOT_MET;
	return r;
}

static bool chosen(const struct plan_facts *f, int i) { return (f->chosen >> i) & 1u; }

void rule_action_done(struct rule_result *r, const struct plan_facts *f, const struct ruleset *rs, int i)
{
	const char *label = rs->actions[i].label;
	if (!chosen(f, i)) {
		r->status = RULE_NOT_MET;
		snprintf(r->why, sizeof r->why, "計画に「%s」がありません", label);
	} else if (f->evidence[i] <= 0) {
		r->status = RULE_NOT_MET;
		r->pending = !f->year_ended;
		snprintf(r->why, sizeof r->why, "「%s」の実績がまだありません%s", label,
			 f->year_ended ? "" : "（年度途中）");
	} else {
		r->status = RULE_MET;
		snprintf(r->why, sizeof r->why, "「%s」実績%d件", label, f->evidence[i]);
	}
}

int rule_count_chosen(const struct plan_facts *f, int lo, int hi)
{
	int n = 0;
	for (int i = lo; i <= hi; i++)
		n += chosen(f, i);
	return n;
}

int rule_count_done(const struct plan_facts *f, int lo, int hi)
{
	int n = 0;
	for (int i = lo; i <= hi; i++)
		n += chosen(f, i) && f->evidence[i] > 0;
	return n;
}

void rule_list_missing(const struct plan_facts *f, const struct ruleset *rs, int lo, int hi, char *buf,
		       size_t size)
{
	size_t len = strlen(buf);
	int k = 0;
	for (int i = lo; i <= hi && len + 1 < size; i++) {
		if (!chosen(f, i) || f->evidence[i] > 0)
			continue;
		int w = snprintf(buf + len, size - len, "%s「%s」", k++ ? "、" : "", rs->actions[i].label);
		if (w < 0)
			break;
		len += (size_t)w < size - len ? (size_t)w : size - len - 1;
	}
}
