/* Demo step "publish" (issue 12 §8): the demo's confirmed designations are published (公表) by the
 * system, as the prefecture would, so that the public listing shows them. Groups publish their own
 * in demo_groups.c. */
#include "demo/demo_publish.h"

#include <stdio.h>

#include "app/app_publish.h"

enum zt_err demo_publish(struct store *st, struct zt_error *e)
{
	int n = 0;
	enum zt_err r = app_designations_publish_all_system(st, &n, e);
	if (r == ZT_OK)
		printf("  publish: %d designations published (公表)\n", n);
	return r;
}
