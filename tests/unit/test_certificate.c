/* Unit tests of the 機関証 plan (domain/certificate.c): which certificates a (re-)validated group
 * issues and revokes, and why (seed 000 / issue 4 §3). */
#include <string.h>

#include "domain/certificate.h"
#include "domain/wareki.h"
#include "unit.h"

static void member(struct group *g, int64_t id, enum inst_kind kind, int64_t entity, enum group_role role)
{
	struct group_member *m = &g->members[g->nmembers++];
	memset(m, 0, sizeof *m);
	m->institution_id = id;
	m->kind = kind;
	m->legal_entity_id = entity;
	m->role = role;
	snprintf(m->municipality, sizeof m->municipality, "082228");
}

/* A group meeting seed 000 §2: "少なくとも同一法人以外の2以上の医療機関", a 訪問看護事業所, a
 * 拠点, 積極的役割, and "協定を締結し". */
static void valid_group(struct group *g)
{
	group_init(g);
	g->id = 7;
	g->base_id = 100;
	g->base_kind = KIND_MEDICAL_ASSOCIATION;
	member(g, 1, KIND_CLINIC, 11, GROLE_MEMBER_MEDICAL);
	member(g, 2, KIND_CLINIC, 12, GROLE_MEMBER_MEDICAL);
	member(g, 3, KIND_NURSE_STATION, 13, GROLE_NURSE_STATION);
	g->active_ids[g->nactive++] = 1;
	g->agreement.present = true;
	snprintf(g->agreement.signed_on, sizeof g->agreement.signed_on, "2025-04-01");
	snprintf(g->agreement.valid_from, sizeof g->agreement.valid_from, "2025-04-01");
	snprintf(g->agreement.valid_to, sizeof g->agreement.valid_to, "2028-03-31");
	/* 5(2)ア 関係市町村, the 協定's parties and signed document, the 拠点's district, 公表 */
	member(g, 5, KIND_MUNICIPALITY, 0, GROLE_PARTNER_MUNICIPALITY);
	for (int i = 1; i <= 3; i++)
		g->agreement.party_ids[g->agreement.nparties++] = i;
	g->agreement.has_document = true;
	snprintf(g->base_covers[g->nbase_covers++], 7, "082228");
	snprintf(g->formed_on, sizeof g->formed_on, "2024-04-01");
	g->published = true;
}

static struct group G;
static struct group_problem P[64];
static struct cert_plan PL;

static int plan(const char *today, const int64_t *holders, int n)
{
	/* 5(2)イ: the three 取組 recorded in the fiscal year of today */
	memset(&G.activity, 0, sizeof G.activity);
	G.activity.fiscal_year = fiscal_year_of(today);
	for (int k = 0; k < INIT__MAX; k++)
		G.activity.done[k] = 1;
	int np = group_validate(&G, today, P, 64);
	return cert_plan_make(&G, P, np > 64 ? 64 : np, holders, n, &PL);
}

static int issues(int64_t id)
{
	for (int i = 0; i < PL.nissue; i++)
		if (G.members[PL.issue[i]].institution_id == id)
			return 1;
	return 0;
}

static int revokes(int64_t id)
{
	for (int i = 0; i < PL.nrevoke; i++)
		if (PL.revoke[i] == id)
			return 1;
	return 0;
}

int main(void)
{
	/* a valid group with no certificates: one per member institution */
	valid_group(&G);
	CHECK(plan("2025-06-01", NULL, 0) == 0);
	CHECK(PL.valid);
	CHECK(PL.nissue == 4 && issues(1) && issues(2) && issues(3) && issues(5));
	CHECK(PL.nrevoke == 0);

	/* nothing to do when every member holds one */
	int64_t all[] = {1, 2, 3, 5};
	CHECK(plan("2025-06-01", all, 4) == 0);
	CHECK(PL.valid && cert_plan_empty(&PL));

	/* a new member gets one; an institution that left is revoked with the reason */
	member(&G, 4, KIND_PHARMACY, 0, GROLE_PARTNER_PHARMACY);
	int64_t with_gone[] = {1, 2, 3, 5, 9};
	CHECK(plan("2025-06-01", with_gone, 5) == 0);
	CHECK(PL.valid);
	CHECK(PL.nissue == 1 && issues(4));
	CHECK(PL.nrevoke == 1 && revokes(9));
	CHECK_STR(PL.reason, "グループから脱退しました。");

	/* seed 000 §2 協定: the agreement expired → every holder revoked, the reason names it */
	valid_group(&G);
	CHECK(plan("2028-04-01", all, 4) == 0);
	CHECK(!PL.valid);
	CHECK(PL.nissue == 0);
	CHECK(PL.nrevoke == 4 && revokes(1) && revokes(2) && revokes(3) && revokes(5));
	CHECK(strstr(PL.reason, "グループの要件を満たさなくなりました") != NULL);
	CHECK(strstr(PL.reason, "協定") != NULL);
	/* on the last day of the agreement it still holds */
	CHECK(plan("2028-03-31", all, 4) == 0);
	CHECK(PL.valid && cert_plan_empty(&PL));

	/* "同一法人以外の2以上の医療機関": two clinics of one 法人 → invalid, nothing issued */
	valid_group(&G);
	G.members[1].legal_entity_id = 11;
	CHECK(plan("2025-06-01", NULL, 0) == 0);
	CHECK(!PL.valid && PL.nissue == 0 && PL.nrevoke == 0);
	CHECK(strstr(PL.reason, "同一法人") != NULL);

	/* holders beyond the bound are refused, never half-planned */
	static int64_t many[CERT_MAX_HOLDERS + 1];
	CHECK(plan("2025-06-01", many, CERT_MAX_HOLDERS + 1) == -1);
	CHECK(!PL.valid && cert_plan_empty(&PL));

	/* duplicates among holders revoke once */
	valid_group(&G);
	int64_t dup[] = {9, 9};
	CHECK(plan("2025-06-01", dup, 2) == 0);
	CHECK(PL.nrevoke == 1 && revokes(9));

	/* issue 12 §8 公表: a valid group not (or no longer) published gets nothing; holders lose theirs */
	valid_group(&G);
	G.published = false;
	CHECK(plan("2025-06-01", NULL, 0) == 0);
	CHECK(PL.valid && PL.nissue == 0 && PL.nrevoke == 0 && !PL.unpublish);
	CHECK(plan("2025-06-01", all, 4) == 0);
	CHECK(PL.nrevoke == 4);
	CHECK_STR(PL.reason, "公表が取り消されました。");
	/* a published group that loses its validity is unpublished: it must be published anew */
	valid_group(&G);
	CHECK(plan("2028-04-01", all, 4) == 0);
	CHECK(!PL.valid && PL.unpublish);

	/* seed 000 5(2)イ / issue 13 §1: a certificate covers one fiscal year; others lapse with the reason */
	valid_group(&G);
	CHECK(plan("2026-03-31", NULL, 0) == 0);
	cert_plan_year(&G, "2026-03-31", &PL);
	CHECK(PL.fiscal_year == 2025 && !PL.first_year);
	CHECK_STR(PL.lapse_reason, "対象年度（令和6年度）が終了しました。");
	/* formed this fiscal year: issued under the first-year grace */
	snprintf(G.formed_on, sizeof G.formed_on, "2025-10-01");
	cert_plan_year(&G, "2026-03-31", &PL);
	CHECK(PL.first_year);

	/* the issuer set in the region's settings (seed 000 §3(2)) */
	char f[32], m[256];
	CHECK(certificate_issuer_check("08", "茨城県地域ケア推進センター", "センター長", "山田 太郎", f, sizeof f, m, sizeof m) == 0);
	CHECK(certificate_issuer_check("48", "x", "", "", f, sizeof f, m, sizeof m) == -1);
	CHECK_STR(f, "prefecture");
	CHECK(certificate_issuer_check("08", "", "", "", f, sizeof f, m, sizeof m) == -1);
	CHECK_STR(f, "name");

	UNIT_DONE();
}
