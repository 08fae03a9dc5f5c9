/*
 * Demo step "groups" (seed 000): four groups under the 拠点 鹿行みらい医師会（架空）, which covers the
 * five municipalities of the demo region.
 *   鹿嶋在宅医療連携グループ（デモ）  certified and published (公表): two clinics of different 法人, a
 *       訪問看護ステーション, a backup hospital, the 鹿嶋市 desk (関係市町村, 要件) and every desirable
 *       partner; the 協定 signed by the core members with its PDF; the three 取組 this fiscal year.
 *   なめがた在宅医療グループ（デモ）  NOT valid: 玉造クリニック is of 医療法人なめがた会 and 北浦診療所 of
 *       「医療法人社団　なめがた会」 — one 法人 once the forms are folded, so seed 000 §2
 *       "同一法人以外の2以上の医療機関" fails (too_few_medical).
 *   鉾田在宅医療ネットワーク（デモ）  NOT valid for a missing 取組 only: no 「3 在宅医療についての普及啓発
 *       活動等を行う取組」 this fiscal year (seed 000 5(2)イ (要件)).
 *   鹿行在宅医療推進会議（医師会・市町村）（デモ）  the municipality-centred form (§2 "郡市医師会と市町村
 *       とが連携強化し…"): valid, waiting for 公表 (no certificates yet).
 * Institutions are looked up by name in the demo region, so the step follows demo_data.c.
 */
#include "demo/demo_groups.h"
#include "core/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/app_groups.h"
#include "domain/grouping.h"
#include "domain/wareki.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_groups.h"

struct dmember {
	const char *name;
	enum group_role role;
	bool active;
};

struct dgroup {
	const char *name, *note;
	enum group_kind kind;
	bool publish;
	uint32_t kinds_done; /* bits (1u << enum initiative_kind) of the 取組 recorded this fiscal year */
	struct dmember members[12];
};

static const char *const association = "鹿行みらい医師会（架空）";

#define ALL_KINDS ((1u << INIT_SUPPORT) | (1u << INIT_PATIENT_CENTRED) | (1u << INIT_AWARENESS))

static const struct dgroup groups[] = {
	{"鹿嶋在宅医療連携グループ（デモ）", "デモ: 要件をすべて満たし公表された認定グループ", GKIND_PROVIDERS, true, ALL_KINDS,
	 {{"かしま在宅クリニック（架空）", GROLE_MEMBER_MEDICAL, true},
	  {"鹿島灘ファミリークリニック（架空）", GROLE_MEMBER_MEDICAL, false},
	  {"訪問看護ステーションかしま（架空）", GROLE_NURSE_STATION, false},
	  {"鹿嶋なぎさ総合病院（架空）", GROLE_BACKUP_HOSPITAL, false},
	  {"鹿嶋市 在宅医療・介護連携相談窓口（架空）", GROLE_PARTNER_MUNICIPALITY, false},
	  {"かしま歯科医院（架空）", GROLE_PARTNER_DENTAL, false},
	  {"なぎさ薬局 鹿嶋店（架空）", GROLE_PARTNER_PHARMACY, false},
	  {"訪問リハビリテーションはまなす（架空）", GROLE_PARTNER_REHAB, false},
	  {"居宅介護支援事業所かしま（架空）", GROLE_PARTNER_CARE_MANAGEMENT, false},
	  {NULL, 0, false}}},
	{"なめがた在宅医療グループ（デモ）",
	 "デモ: 未認定。玉造クリニックは医療法人なめがた会、北浦診療所は「医療法人社団　なめがた会」で、法人種別の表記を除くと同じ法人のため「同一法人以外の2以上の医療機関」を満たさない",
	 GKIND_PROVIDERS, false, ALL_KINDS,
	 {{"玉造クリニック（架空）", GROLE_MEMBER_MEDICAL, true},
	  {"北浦診療所（架空）", GROLE_MEMBER_MEDICAL, false},
	  {"訪問看護ステーションすいごう（架空）", GROLE_NURSE_STATION, false},
	  {"行方市 在宅医療・介護連携相談窓口（架空）", GROLE_PARTNER_MUNICIPALITY, false},
	  {NULL, 0, false}}},
	{"鉾田在宅医療ネットワーク（デモ）",
	 "デモ: 未認定。今年度の「3 在宅医療についての普及啓発活動等を行う取組」の実施記録がない（3つの取組はいずれも要件）",
	 GKIND_PROVIDERS, false, (1u << INIT_SUPPORT) | (1u << INIT_PATIENT_CENTRED),
	 {{"ほこた在宅診療所（架空）", GROLE_MEMBER_MEDICAL, true},
	  {"旭ファミリークリニック（架空）", GROLE_MEMBER_MEDICAL, false},
	  {"訪問看護ステーションほこた（架空）", GROLE_NURSE_STATION, false},
	  {"鉾田市 在宅医療・介護連携相談窓口（架空）", GROLE_PARTNER_MUNICIPALITY, false},
	  {NULL, 0, false}}},
	{"鹿行在宅医療推進会議（医師会・市町村）（デモ）",
	 "デモ: 郡市医師会と市町村が中心となる体制（実施要項 例1-4）。要件を満たし、公表待ち", GKIND_MUNICIPALITY_CENTRED, false,
	 ALL_KINDS,
	 {{"潮来市 在宅医療・介護連携相談窓口（架空）", GROLE_PARTNER_MUNICIPALITY, false},
	  {"行方市 在宅医療・介護連携相談窓口（架空）", GROLE_PARTNER_MUNICIPALITY, false},
	  {"鹿行保健所（架空）", GROLE_PARTNER_MUNICIPALITY, false},
	  {NULL, 0, false}}},
};

struct dinit {
	enum initiative_kind kind;
	int days_ago; /* held that many days before today, but not before April 1 of this fiscal year */
	const char *title, *desc;
	uint32_t topics;
	int participants;
};

static const struct dinit inits[] = {
	{INIT_SUPPORT, 120, "夜間・医師不在時の相互支援（当番表）の運用開始",
	 "1人医師の診療所の夜間・休日・学会等の不在時に、グループ内で往診を相互に支援する当番表を作成した。", 0, 9},
	{INIT_PATIENT_CENTRED, 90, "多職種連携会議（第1回）",
	 "地域包括支援センター・介護支援専門員を交え、退院支援と急変時の対応、災害時の連絡体制を検討した。",
	 (1u << TOPIC_DISCHARGE) | (1u << TOPIC_EMERGENCY) | (1u << TOPIC_DISASTER), 24},
	{INIT_PATIENT_CENTRED, 40, "多職種連携会議（第2回）", "日常の療養支援と看取りの事例検討。",
	 (1u << TOPIC_DAILY) | (1u << TOPIC_END_OF_LIFE), 21},
	{INIT_AWARENESS, 20, "市民公開講座「住み慣れた家で最期まで」", "在宅医療と訪問看護の役割を市民向けに紹介した。", 0, 85},
};

/* A stand-in for the signed 協定書 (the demo has no real paper to scan). */
static const char agreement_pdf[] =
	"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

struct ctx {
	int certified, invalid, initiatives;
};

/* held_on of a demo 取組: days_ago before today, not before the start of fiscal year fy. */
static void held_on(int fy, int days_ago, char out[11])
{
	zt_date_jst(zt_now() - (time_t)days_ago * 86400, out);
	char start[11];
	snprintf(start, sizeof start, "%04d-04-01", fy > 0 && fy < 9999 ? fy : 2025);
	if (strcmp(out, start) < 0)
		memcpy(out, start, sizeof start);
}

static enum zt_err add_initiatives(struct store *st, const struct dgroup *d, int64_t gid, int fy, struct ctx *c,
				   struct zt_error *e)
{
	for (size_t i = 0; i < sizeof inits / sizeof inits[0]; i++) {
		if (!(d->kinds_done & (1u << inits[i].kind)))
			continue;
		struct initiative in;
		memset(&in, 0, sizeof in);
		in.group_id = gid;
		in.kind = inits[i].kind;
		held_on(fy, inits[i].days_ago, in.held_on);
		snprintf(in.title, sizeof in.title, "%s", inits[i].title);
		snprintf(in.description, sizeof in.description, "%s", inits[i].desc);
		in.topics = inits[i].topics;
		in.participants = inits[i].participants;
		char field[64], msg[256];
		if (initiative_check(&in, field, sizeof field, msg, sizeof msg) != 0)
			return zt_fail(e, ZT_ERR_INVALID, field, "%s", msg);
		enum zt_err r = store_initiative_add(st, &in, e);
		if (r != ZT_OK)
			return r;
		c->initiatives++;
	}
	return ZT_OK;
}

static enum zt_err run(struct store *st, void *vctx, struct zt_error *e)
{
	struct ctx *c = vctx;
	char today[11];
	zt_today_jst(today);
	int fy = fiscal_year_of(today);
	int64_t assoc = store_institution_id_by_name(st, association);
	if (assoc == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "groups", "デモの郡市医師会 %s が見つかりません。", association);
	static struct group g;
	struct zt_actor sys = zt_actor_system();
	for (size_t k = 0; k < sizeof groups / sizeof groups[0]; k++) {
		const struct dgroup *d = &groups[k];
		group_init(&g);
		snprintf(g.name, sizeof g.name, "%s", d->name);
		snprintf(g.note, sizeof g.note, "%s", d->note);
		g.kind = d->kind;
		g.base_id = assoc;
		/* formed in the previous fiscal year: this year's 取組 must be recorded, not only planned */
		snprintf(g.formed_on, sizeof g.formed_on, "%04d-04-01", fy > 1 && fy < 9999 ? fy - 1 : 2024);
		for (int i = 0; d->members[i].name; i++) {
			int64_t id = store_institution_id_by_name(st, d->members[i].name);
			if (id == 0)
				return zt_fail(e, ZT_ERR_NOTFOUND, "groups", "デモの機関 %s が見つかりません。", d->members[i].name);
			g.members[g.nmembers].institution_id = id;
			g.members[g.nmembers].role = d->members[i].role;
			g.nmembers++;
			if (d->members[i].active)
				g.active_ids[g.nactive++] = id;
			/* the 協定 is concluded by the medical institutions and the 訪問看護事業所 (or, in the
			 * municipality-centred form, by the municipalities with the 医師会) */
			if (d->members[i].role == GROLE_MEMBER_MEDICAL || d->members[i].role == GROLE_NURSE_STATION ||
			    d->kind == GKIND_MUNICIPALITY_CENTRED)
				g.agreement.party_ids[g.agreement.nparties++] = id;
		}
		g.agreement.present = true;
		snprintf(g.agreement.signed_on, sizeof g.agreement.signed_on, "%s", g.formed_on);
		snprintf(g.agreement.valid_from, sizeof g.agreement.valid_from, "%s", g.agreement.signed_on);
		snprintf(g.agreement.valid_to, sizeof g.agreement.valid_to, "%04d-03-31", fy > 0 && fy < 9990 ? fy + 3 : 2028);
		snprintf(g.agreement.parties, sizeof g.agreement.parties, "%s及びグループ構成機関", association);
		enum zt_err r = app_group_create_system(st, &sys, &g, NULL, e);
		if (r == ZT_OK)
			r = add_initiatives(st, d, g.id, fy, c, e);
		if (r == ZT_OK)
			r = store_group_document_put(st, g.id, agreement_pdf, sizeof agreement_pdf - 1, e);
		bool valid = false;
		if (r == ZT_OK)
			r = app_group_recheck_system(st, &sys, g.id, d->publish, &valid, e);
		if (r != ZT_OK)
			return r;
		if (valid)
			c->certified++;
		else
			c->invalid++;
	}
	return ZT_OK;
}

enum zt_err demo_groups(struct store *st, struct zt_error *e)
{
	struct ctx c = {0};
	enum zt_err r = store_tx(st, run, &c, e);
	if (r == ZT_OK)
		printf("  groups: %d valid (1 published), %d not valid (同一法人の2診療所; 取組3の記録なし), %d initiatives "
		       "this fiscal year\n", c.certified, c.invalid, c.initiatives);
	return r;
}
