/* Demo step "publish" (issue 12 §8): the demo's confirmed designations are published (公表) by the
 * system, as the prefecture would, so that the public listing shows them. Groups publish their own
 * in demo_groups.c. The step also names a visibly fictional issuer (交付者) for prefecture 08, so
 * that the demo's 機関証 and 認定証 PDFs render; a real region sets its own on /groups. */
#include "demo/demo_publish.h"

#include <stdio.h>
#include <string.h>

#include "app/app_groups.h"
#include "app/app_publish.h"
#include "auth/auth.h"
#include "core/actor.h"
#include "domain/certificate.h"

static enum zt_err demo_issuer(struct store *st, struct zt_error *e)
{
	struct auth_ctx sys;
	memset(&sys, 0, sizeof sys);
	sys.role = ROLE_ADMIN;
	snprintf(sys.username, sizeof sys.username, "demo");
	struct certificate_issuer in;
	memset(&in, 0, sizeof in);
	snprintf(in.prefecture, sizeof in.prefecture, "08");
	snprintf(in.name, sizeof in.name, "茨城県地域ケア推進センター（架空）");
	snprintf(in.representative_title, sizeof in.representative_title, "センター長");
	snprintf(in.representative_name, sizeof in.representative_name, "鹿行 太郎（架空）");
	struct zt_actor who = zt_actor_system();
	return app_certificate_issuer_put(st, &sys, &who, &in, e);
}

enum zt_err demo_publish(struct store *st, struct zt_error *e)
{
	int n = 0;
	enum zt_err r = app_designations_publish_all_system(st, &n, e);
	if (r == ZT_OK)
		r = demo_issuer(st, e);
	if (r == ZT_OK)
		printf("  publish: %d designations published (公表); certificate issuer for 08 set (架空)\n", n);
	return r;
}
