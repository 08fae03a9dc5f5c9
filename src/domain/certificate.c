/* The issue/revoke plan of 機関証 (seed 000, issue 4 §3; see certificate.h). */
#include "domain/certificate.h"

#include <stdio.h>
#include <string.h>

static bool holds(const int64_t *holders, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (holders[i] == id)
			return true;
	return false;
}

int cert_plan_make(const struct group *g, const struct group_problem *p, int np, const int64_t *holders,
		   int nholders, struct cert_plan *out)
{
	memset(out, 0, sizeof *out);
	if (nholders < 0 || nholders > CERT_MAX_HOLDERS)
		return -1;
	out->valid = group_problems_valid(p, np);
	if (out->valid) {
		snprintf(out->reason, sizeof out->reason, "グループから脱退しました。");
		for (int i = 0; i < g->nmembers; i++)
			if (!holds(holders, nholders, g->members[i].institution_id))
				out->issue[out->nissue++] = i;
		for (int i = 0; i < nholders; i++)
			if (group_member_index(g, holders[i]) < 0 && !holds(out->revoke, out->nrevoke, holders[i]))
				out->revoke[out->nrevoke++] = holders[i];
		return 0;
	}
	snprintf(out->reason, sizeof out->reason, "グループの要件を満たさなくなりました。");
	for (int i = 0; i < np; i++)
		if (p[i].severity == GSEV_ERROR) {
			snprintf(out->reason, sizeof out->reason, "グループの要件を満たさなくなりました: %.*s",
				 (int)(sizeof out->reason - 60), p[i].message);
			break;
		}
	for (int i = 0; i < nholders; i++)
		if (!holds(out->revoke, out->nrevoke, holders[i]))
			out->revoke[out->nrevoke++] = holders[i];
	return 0;
}

bool cert_plan_empty(const struct cert_plan *pl)
{
	return pl->nissue == 0 && pl->nrevoke == 0;
}
