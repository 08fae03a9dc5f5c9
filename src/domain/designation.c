/* Designation per area: the rule order of seed 001 and the support centre items of seed 004. */
#include "domain/designation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct code_entry desig_roles[DROLE__MAX] = {
	[DROLE_ACTIVE] = {"active", "在宅医療において積極的役割を担う医療機関"},
	[DROLE_BASE] = {"base", "在宅医療に必要な連携を担う拠点"},
};

const struct code_entry desig_bases[DBASIS__MAX] = {
	[DBASIS_RULE] = {"rule", "選定ルールによる候補を確定"},
	[DBASIS_VOLUNTEER] = {"volunteer", "自ら積極的に担う意向（手挙げ）"},
	[DBASIS_OVERRIDE] = {"override", "理由を記録した上での個別判断"},
};

const struct code_entry desig_rules[RULE__MAX] = {
	[RULE_ZAIBYO] = {"zaibyo", "①在宅療養支援病院（市町村内）"},
	[RULE_ZAISHIN_ENHANCED] = {"zaishin_enhanced", "②-1在宅療養支援診療所（機能強化型を優先）"},
	[RULE_ZAISHIN] = {"zaishin", "②在宅療養支援診療所（在宅療養支援病院がない場合）"},
	[RULE_NEIGHBOUR_ZAIBYO] = {"neighbour_zaibyo", "③二次医療圏内の近隣市町村の在宅療養支援病院"},
	[RULE_NEIGHBOUR_ZAISHIN] = {"neighbour_zaishin", "③二次医療圏内の近隣市町村の在宅療養支援診療所"},
	[RULE_BASE_DESK] = {"base_desk", "①市町村の在宅医療・介護連携に関する相談窓口"},
	[RULE_BASE_ASSOCIATION] = {"base_association", "②地域医師会等関係団体"},
	[RULE_BASE_COMMUNITY] = {"base_community_support", "③市町村が委託している地域包括支援センター"},
};

const struct code_entry sc_types[SC__MAX] = {
	[SC_CORE] = {"core", "基幹型"},
	[SC_LINKED] = {"linked", "連携型"},
};

const struct code_entry sc_items[SC_ITEM__MAX] = {
	[SC_EMERGENCY] = {"emergency", "急変時対応の取組み"},
	[SC_ADMISSION] = {"admission_discharge", "入退院支援の取組み"},
	[SC_VISIT_INCREASE] = {"visit_increase", "訪問診療等のサービス提供量の増加に向けた取組み"},
	[SC_LIAISON] = {"liaison_meeting", "在宅医療センター事業の連絡会の開催"},
	[SC_DAILY_CARE] = {"daily_care", "日常の療養支援の取組み"},
	[SC_END_OF_LIFE] = {"end_of_life", "看取りに関する取組み"},
	[SC_AWARENESS] = {"awareness", "普及啓発に関する取組み"},
	[SC_LOCAL] = {"local", "在宅医療の充実に資する地域独自の取組み"},
};

bool sc_item_mandatory(enum sc_item it)
{
	return it == SC_EMERGENCY || it == SC_ADMISSION || it == SC_VISIT_INCREASE || it == SC_LIAISON;
}

void desig_world_free(struct desig_world *w)
{
	if (w == NULL)
		return;
	free(w->munis);
	free(w->insts);
	free(w->adj);
	free(w->covers);
	free(w->care_areas);
	free(w->care_members);
	free(w->medical_areas);
	free(w->desigs);
	free(w->centres);
	memset(w, 0, sizeof *w);
}

const struct dw_muni *dw_muni_find(const struct desig_world *w, const char *code)
{
	for (size_t i = 0; i < w->nmunis; i++)
		if (strcmp(w->munis[i].code, code) == 0)
			return &w->munis[i];
	return NULL;
}

const struct desig_inst *dw_inst_find(const struct desig_world *w, int64_t id)
{
	for (size_t i = 0; i < w->ninsts; i++)
		if (w->insts[i].id == id)
			return &w->insts[i];
	return NULL;
}

static bool has_zaibyo(const struct desig_inst *in)
{
	for (int s = 0; s < STD__MAX; s++)
		if ((in->standards & (1u << s)) && standard_is_zaibyo((enum standard)s))
			return true;
	return false;
}

/* 0: not a 在支診; 1: 機能強化型; 2: 従来型. */
static int zaishin_class(const struct desig_inst *in)
{
	int best = 0;
	for (int s = 0; s < STD__MAX; s++) {
		if (!(in->standards & (1u << s)) || !standard_is_zaishin((enum standard)s))
			continue;
		int c = standard_is_enhanced((enum standard)s) ? 1 : 2;
		if (best == 0 || c < best)
			best = c;
	}
	return best;
}

struct collector {
	struct desig_candidate *out;
	size_t max, n;
};

static void add(struct collector *c, int64_t id, enum desig_rule rule, const char *from)
{
	for (size_t i = 0; i < c->n && i < c->max; i++)
		if (c->out[i].institution_id == id)
			return; /* already a candidate by an earlier rule or neighbour */
	if (c->n < c->max) {
		c->out[c->n].institution_id = id;
		c->out[c->n].rule = rule;
		snprintf(c->out[c->n].from_municipality, sizeof c->out[c->n].from_municipality, "%s", from ? from : "");
	}
	c->n++;
}

/* Adds the institutions of muni that match: class 0 = 在支病, 1 = 在支診 機能強化型, 2 = 在支診 従来型. */
static size_t add_class(const struct desig_world *w, const char *muni, int cls, enum desig_rule rule,
			const char *from, struct collector *c)
{
	size_t before = c->n;
	for (size_t i = 0; i < w->ninsts; i++) {
		const struct desig_inst *in = &w->insts[i];
		if (!inst_kind_is_medical(in->kind) || strcmp(in->municipality, muni) != 0)
			continue;
		bool hit = cls == 0 ? has_zaibyo(in) : (!has_zaibyo(in) && zaishin_class(in) == cls);
		if (hit)
			add(c, in->id, rule, from);
	}
	return c->n - before;
}

static const char *neighbour_of(const struct dw_adj *a, const char *muni)
{
	if (strcmp(a->a, muni) == 0)
		return a->b;
	if (strcmp(a->b, muni) == 0)
		return a->a;
	return NULL;
}

size_t desig_active_candidates(const struct desig_world *w, const char *muni, struct desig_candidate *out,
			       size_t max)
{
	struct collector c = {out, max, 0};
	/* ① 在宅療養支援病院（各市町村に複数ある場合1箇所以上を選定） */
	if (add_class(w, muni, 0, RULE_ZAIBYO, NULL, &c) > 0)
		return c.n;
	/* ② 在宅療養支援診療所; ②-1 複数ある場合「機能強化型」を優先 */
	add_class(w, muni, 1, RULE_ZAISHIN_ENHANCED, NULL, &c);
	add_class(w, muni, 2, RULE_ZAISHIN, NULL, &c);
	if (c.n > 0)
		return c.n;
	/* ③ 二次医療圏内の近隣市町村の在宅療養支援病院・在宅療養支援診療所 */
	const struct dw_muni *self = dw_muni_find(w, muni);
	if (self == NULL || self->medical_area_id == 0)
		return 0;
	for (int cls = 0; cls < 3; cls++) {
		for (size_t i = 0; i < w->nadj; i++) {
			const char *nb = neighbour_of(&w->adj[i], muni);
			const struct dw_muni *m = nb ? dw_muni_find(w, nb) : NULL;
			if (m == NULL || m->medical_area_id != self->medical_area_id || strcmp(nb, muni) == 0)
				continue;
			add_class(w, nb, cls, cls == 0 ? RULE_NEIGHBOUR_ZAIBYO : RULE_NEIGHBOUR_ZAISHIN, nb, &c);
		}
	}
	return c.n;
}

size_t desig_base_candidates(const struct desig_world *w, const char *muni, struct desig_candidate *out,
			     size_t max)
{
	struct collector c = {out, max, 0};
	/* ① 市町村が在宅医療・介護連携推進事業により設置している相談窓口 */
	for (size_t i = 0; i < w->ninsts; i++)
		if (w->insts[i].kind == KIND_MUNICIPALITY && strcmp(w->insts[i].municipality, muni) == 0)
			add(&c, w->insts[i].id, RULE_BASE_DESK, NULL);
	/* ② 地域医師会、医療法人等関係団体 */
	for (size_t i = 0; i < w->ncovers; i++)
		if (strcmp(w->covers[i].muni, muni) == 0)
			add(&c, w->covers[i].association_id, RULE_BASE_ASSOCIATION, NULL);
	/* ③ 市町村や市町村が委託している地域包括支援センター */
	for (size_t i = 0; i < w->ninsts; i++)
		if (w->insts[i].kind == KIND_COMMUNITY_SUPPORT && strcmp(w->insts[i].municipality, muni) == 0)
			add(&c, w->insts[i].id, RULE_BASE_COMMUNITY, NULL);
	return c.n;
}

bool desig_candidates_contain(const struct desig_candidate *cands, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (cands[i].institution_id == id)
			return true;
	return false;
}

static bool plan_period_valid(const char *p)
{
	if (p == NULL || strlen(p) != 9 || p[4] != '-')
		return false;
	for (int i = 0; i < 9; i++)
		if (i != 4 && (p[i] < '0' || p[i] > '9'))
			return false;
	int a = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	int b = (p[5] - '0') * 1000 + (p[6] - '0') * 100 + (p[7] - '0') * 10 + (p[8] - '0');
	return a >= 2000 && b > a && b - a <= 12;
}

enum zt_err desig_check_request(enum desig_role role, enum desig_basis basis, const struct desig_inst *inst,
				const char *reason, const char *plan_period, struct zt_error *e)
{
	if (inst == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "institution_id", "指定された機関はこの都道府県に登録されていません。");
	if (role == DROLE_ACTIVE && !inst_kind_is_medical(inst->kind))
		return zt_fail(e, ZT_ERR_INVALID, "institution_id",
			       "%s（%s）は医療機関（病院・診療所）ではないため、積極的役割を担う医療機関に位置付けられません"
			       "（国の検討会（2025年）でも医療機関以外の位置付けが問題とされています）。",
			       inst->name, inst_kinds[inst->kind].ja);
	if (basis == DBASIS_OVERRIDE && (reason == NULL || reason[0] == '\0'))
		return zt_fail(e, ZT_ERR_INVALID, "reason", "選定ルールと異なる位置付けには理由（reason）の記録が必要です。");
	if (!plan_period_valid(plan_period))
		return zt_fail(e, ZT_ERR_INVALID, "plan_period", "計画期間（plan_period）は「2024-2029」の形式で指定してください。");
	return ZT_OK;
}

size_t desig_fact_warnings(enum desig_role role, const struct desig_inst *in, char msgs[][256], size_t max)
{
	size_t n = 0;
	if (role != DROLE_ACTIVE || in == NULL)
		return 0;
	if (in->h24_unconfirmed && n < max)
		snprintf(msgs[n++], 256, "「%.200s」の24時間対応は未確認です。", in->name);
	if (in->home_care_unconfirmed && n < max)
		snprintf(msgs[n++], 256, "「%.200s」の訪問診療は未確認です。", in->name);
	return n;
}

size_t sc_item_problems(uint32_t items, char msgs[][256], size_t max)
{
	size_t n = 0;
	bool optional = false;
	for (int i = 0; i < SC_ITEM__MAX; i++) {
		bool has = (items & (1u << i)) != 0;
		if (sc_item_mandatory((enum sc_item)i) && !has) {
			if (n < max)
				snprintf(msgs[n], 256, "必須項目「%s」が実施されていません。", sc_items[i].ja);
			n++;
		}
		if (!sc_item_mandatory((enum sc_item)i) && has)
			optional = true;
	}
	if (!optional) {
		if (n < max)
			snprintf(msgs[n], 256, "任意項目（日常の療養支援・看取り・普及啓発・地域独自）から1項目以上の選択が必要です。");
		n++;
	}
	return n;
}

enum zt_err sc_check_operator(enum sc_type type, const struct desig_inst *in, struct zt_error *e)
{
	if (in == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "institution_id", "指定された機関はこの都道府県に登録されていません。");
	if (!inst_kind_is_medical(in->kind))
		return zt_fail(e, ZT_ERR_INVALID, "institution_id", "%s は医療機関ではないため、在宅医療サポートセンターの%sに指定できません。",
			       in->name, type == SC_CORE ? "基幹型" : "代表医療機関（連携型）");
	if (type == SC_CORE && in->beds <= 0)
		return zt_fail(e, ZT_ERR_INVALID, "institution_id",
			       "基幹型は病床を有し多職種を配置する医療機関です。%s には病床がないため、連携型（代表医療機関）として指定してください。",
			       in->name);
	return ZT_OK;
}

enum zt_err desig_classify_request(const struct desig_world *w, const char *today, struct dw_designation *d, int *beds,
				   struct zt_error *e)
{
	if (dw_muni_find(w, d->muni) == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村コード %s はこの都道府県の圏域・二次医療圏にありません。", d->muni);
	const struct desig_inst *in = dw_inst_find(w, d->institution_id);
	enum zt_err r = desig_check_request(d->role, d->basis, in, d->reason, d->plan_period, e);
	if (r != ZT_OK)
		return r;
	*beds = in->beds;
	if (d->basis == DBASIS_RULE) {
		struct desig_candidate c[DESIG_MAX_CANDIDATES];
		size_t n = d->role == DROLE_ACTIVE ? desig_active_candidates(w, d->muni, c, DESIG_MAX_CANDIDATES)
						   : desig_base_candidates(w, d->muni, c, DESIG_MAX_CANDIDATES);
		size_t i = 0;
		while (i < n && i < DESIG_MAX_CANDIDATES && c[i].institution_id != d->institution_id)
			i++;
		if (i == n || i == DESIG_MAX_CANDIDATES)
			return zt_fail(e, ZT_ERR_INVALID, "basis",
				       "%s はこの市町村の選定ルールによる候補ではありません。手挙げ（volunteer）か理由を記録した個別判断（override）として登録してください。",
				       in->name);
		snprintf(d->rule, sizeof d->rule, "%s", desig_rules[c[i].rule].code);
	}
	for (size_t i = 0; i < w->ndesigs; i++) {
		const struct dw_designation *x = &w->desigs[i];
		if (x->institution_id == d->institution_id && x->role == d->role && strcmp(x->muni, d->muni) == 0)
			return zt_fail(e, ZT_ERR_CONFLICT, "institution_id",
				       "この機関はこの市町村で既に同じ役割に位置付けられています（ID %lld）。", (long long)x->id);
	}
	if (d->valid_from[0] == '\0')
		snprintf(d->valid_from, sizeof d->valid_from, "%s", today);
	return ZT_OK;
}
