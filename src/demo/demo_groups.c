/*
 * Demo step "groups" (seed 000): two groups under the 拠点 鹿行みらい医師会（架空）.
 *   鹿嶋在宅医療連携グループ（デモ）  certified: two clinics of different 法人, a 訪問看護ステーション,
 *       a backup hospital and every desirable partner; agreement in force; initiatives this fiscal year.
 *   なめがた在宅医療グループ（デモ）  NOT valid: its two clinics (玉造クリニック, 北浦診療所) both belong
 *       to 医療法人なめがた会 — seed 000 §2 asks for "同一法人以外の2以上の医療機関" (too_few_medical).
 * Institutions are looked up by name in the demo region, so the step follows demo_data.c.
 */
#include "demo/demo_groups.h"
#include "core/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/grouping.h"
#include "domain/wareki.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "app/app_groups.h"
#include "store/store_groups.h"

struct dmember {
	const char *name;
	enum group_role role;
	bool active;
};

struct dgroup {
	const char *name, *note;
	struct dmember members[12];
};

static const char *const association = "鹿行みらい医師会（架空）";

static const struct dgroup groups[] = {
	{"鹿嶋在宅医療連携グループ（デモ）", "デモ: 要件をすべて満たす認定グループ",
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
	 "デモ: 未認定。2つの診療所がともに医療法人なめがた会（架空）に属し、「同一法人以外の2以上の医療機関」を満たさない",
	 {{"玉造クリニック（架空）", GROLE_MEMBER_MEDICAL, true},
	  {"北浦診療所（架空）", GROLE_MEMBER_MEDICAL, false},
	  {"訪問看護ステーションすいごう（架空）", GROLE_NURSE_STATION, false},
	  {NULL, 0, false}}},
};

struct dinit {
	enum initiative_kind kind;
	const char *mmdd, *title, *desc;
	uint32_t topics;
	int participants;
};

static const struct dinit inits[] = {
	{INIT_SUPPORT, "05-20", "夜間・医師不在時の相互支援（当番表）の運用開始",
	 "1人医師の診療所の夜間・休日・学会等の不在時に、グループ内で往診を相互に支援する当番表を作成した。", 0, 9},
	{INIT_PATIENT_CENTRED, "07-10", "多職種連携会議（第1回）",
	 "地域包括支援センター・介護支援専門員を交え、退院支援と急変時の対応、災害時の連絡体制を検討した。",
	 (1u << TOPIC_DISCHARGE) | (1u << TOPIC_EMERGENCY) | (1u << TOPIC_DISASTER), 24},
	{INIT_PATIENT_CENTRED, "10-16", "多職種連携会議（第2回）", "日常の療養支援と看取りの事例検討。",
	 (1u << TOPIC_DAILY) | (1u << TOPIC_END_OF_LIFE), 21},
	{INIT_AWARENESS, "11-08", "市民公開講座「住み慣れた家で最期まで」",
	 "在宅医療と訪問看護の役割を市民向けに紹介した。", 0, 85},
};

struct ctx {
	int certified, invalid, initiatives;
};

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
	for (size_t k = 0; k < sizeof groups / sizeof groups[0]; k++) {
		const struct dgroup *d = &groups[k];
		group_init(&g);
		snprintf(g.name, sizeof g.name, "%s", d->name);
		snprintf(g.note, sizeof g.note, "%s", d->note);
		g.base_id = assoc;
		for (int i = 0; d->members[i].name; i++) {
			int64_t id = store_institution_id_by_name(st, d->members[i].name);
			if (id == 0)
				return zt_fail(e, ZT_ERR_NOTFOUND, "groups", "デモの機関 %s が見つかりません。", d->members[i].name);
			g.members[g.nmembers].institution_id = id;
			g.members[g.nmembers].role = d->members[i].role;
			g.nmembers++;
			if (d->members[i].active)
				g.active_ids[g.nactive++] = id;
		}
		g.agreement.present = true;
		snprintf(g.agreement.signed_on, sizeof g.agreement.signed_on, "%04d-04-01", fy > 0 && fy < 9999 ? fy : 2025);
		snprintf(g.agreement.valid_from, sizeof g.agreement.valid_from, "%s", g.agreement.signed_on);
		snprintf(g.agreement.valid_to, sizeof g.agreement.valid_to, "%04d-03-31", fy > 0 && fy < 9990 ? fy + 3 : 2028);
		snprintf(g.agreement.parties, sizeof g.agreement.parties, "%s及びグループ構成機関", association);
		bool valid = false;
		struct zt_actor sys = zt_actor_system();
		enum zt_err r = app_group_create_system(st, &sys, &g, &valid, e);
		if (r != ZT_OK)
			return r;
		if (valid)
			c->certified++;
		else
			c->invalid++;
		for (size_t i = 0; k == 0 && i < sizeof inits / sizeof inits[0]; i++) {
			struct initiative in;
			memset(&in, 0, sizeof in);
			in.group_id = g.id;
			in.kind = inits[i].kind;
			/* April–December fall in year fy, January–March in fy + 1 */
			snprintf(in.held_on, sizeof in.held_on, "%04d-%s", fy > 0 && fy < 9999 ? fy : 2025, inits[i].mmdd);
			snprintf(in.title, sizeof in.title, "%s", inits[i].title);
			snprintf(in.description, sizeof in.description, "%s", inits[i].desc);
			in.topics = inits[i].topics;
			in.participants = inits[i].participants;
			char field[64], msg[256];
			if (initiative_check(&in, field, sizeof field, msg, sizeof msg) != 0)
				return zt_fail(e, ZT_ERR_INVALID, field, "%s", msg);
			if ((r = store_initiative_add(st, &in, e)) != ZT_OK)
				return r;
			c->initiatives++;
		}
	}
	return ZT_OK;
}

enum zt_err demo_groups(struct store *st, struct zt_error *e)
{
	struct ctx c = {0};
	enum zt_err r = store_tx(st, run, &c, e);
	if (r == ZT_OK)
		printf("  groups: %d certified, %d invalid (同一法人の2診療所), %d initiatives this fiscal year\n", c.certified,
		       c.invalid, c.initiatives);
	return r;
}
