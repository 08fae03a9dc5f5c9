/* Designation per area: the rule order of seed 001 and the support centre items of seed 004. */
#include "domain/designation.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/geo.h"

/* snprintf for Japanese sentences into fixed buffers: truncation (at a byte) is accepted. */
__attribute__((format(printf, 3, 4))) static void say(char *out, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int full = vsnprintf(out, n, fmt, ap);
	va_end(ap);
	if (full < 0 || (size_t)full < n)
		return;
	/* cut short: never in the middle of a character (PostgreSQL refuses text that is not UTF-8) */
	size_t k = strlen(out);
	while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0xC0)
		out[k - 1] = '\0';
}

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
	[RULE_BASE_ACTIVE] = {"base_active", "①積極的役割を担う医療機関と同一（同一も可）"},
	[RULE_BASE_ASSOCIATION] = {"base_association", "②地域医師会、医療法人等関係団体"},
	[RULE_BASE_COMMUNITY] = {"base_community_support", "③市町村や市町村が委託している地域包括支援センター"},
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
	free(w->desks);
	free(w->members);
	free(w->quotas);
	free(w->unplaced);
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

/* The neighbour a rule ③ candidate comes from (NULL for ①②): whether adjacent, how far. */
struct origin {
	const char *muni;
	bool adjacent;
	double km;
};

static void add(struct collector *c, int64_t id, enum desig_rule rule, const struct origin *from)
{
	for (size_t i = 0; i < c->n && i < c->max; i++)
		if (c->out[i].institution_id == id)
			return; /* already a candidate by an earlier rule or neighbour */
	if (c->n < c->max) {
		struct desig_candidate *o = &c->out[c->n];
		o->institution_id = id;
		o->rule = rule;
		snprintf(o->from_municipality, sizeof o->from_municipality, "%s", from ? from->muni : "");
		o->adjacent = from ? from->adjacent : false;
		o->distance_km = from ? from->km : -1;
	}
	c->n++;
}

/* Adds the institutions of muni that match: class 0 = 在支病, 1 = 在支診 機能強化型, 2 = 在支診 従来型. */
static size_t add_class(const struct desig_world *w, const char *muni, int cls, enum desig_rule rule,
			const struct origin *from, struct collector *c)
{
	size_t before = c->n;
	for (size_t i = 0; i < w->ninsts; i++) {
		const struct desig_inst *in = &w->insts[i];
		if (in->foreign || !inst_kind_is_medical(in->kind) || strcmp(in->municipality, muni) != 0)
			continue;
		bool hit = cls == 0 ? has_zaibyo(in) : (!has_zaibyo(in) && zaishin_class(in) == cls);
		if (hit)
			add(c, in->id, rule, from);
	}
	return c->n - before;
}

static bool adjacent(const struct desig_world *w, const char *x, const char *y)
{
	for (size_t i = 0; i < w->nadj; i++)
		if ((strcmp(w->adj[i].a, x) == 0 && strcmp(w->adj[i].b, y) == 0) ||
		    (strcmp(w->adj[i].a, y) == 0 && strcmp(w->adj[i].b, x) == 0))
			return true;
	return false;
}

static int origin_cmp(const void *pa, const void *pb)
{
	const struct origin *a = pa, *b = pb;
	if (a->adjacent != b->adjacent)
		return a->adjacent ? -1 : 1;
	if ((a->km < 0) != (b->km < 0))
		return a->km < 0 ? 1 : -1;
	if (a->km != b->km)
		return a->km < b->km ? -1 : 1;
	return strcmp(a->muni, b->muni);
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
	/* ③ 二次医療圏内の近隣市町村の在宅療養支援病院・在宅療養支援診療所: every other municipality of
	 * the same 二次医療圏, nearest first (adjacent ones first where adjacency is data) */
	const struct dw_muni *self = dw_muni_find(w, muni);
	if (self == NULL || self->medical_area_id == 0)
		return 0;
	struct origin *near = calloc(w->nmunis ? w->nmunis : 1, sizeof *near);
	if (near == NULL)
		abort();
	size_t nn = 0;
	for (size_t i = 0; i < w->nmunis; i++) {
		const struct dw_muni *m = &w->munis[i];
		if (m->medical_area_id != self->medical_area_id || strcmp(m->code, muni) == 0)
			continue;
		near[nn].muni = m->code;
		near[nn].adjacent = adjacent(w, muni, m->code);
		near[nn].km = self->has_coord && m->has_coord ? geo_distance_km(self->lat, self->lon, m->lat, m->lon) : -1;
		nn++;
	}
	qsort(near, nn, sizeof *near, origin_cmp);
	for (int cls = 0; cls < 3; cls++)
		for (size_t i = 0; i < nn; i++)
			add_class(w, near[i].muni, cls, cls == 0 ? RULE_NEIGHBOUR_ZAIBYO : RULE_NEIGHBOUR_ZAISHIN, &near[i], &c);
	free(near);
	return c.n;
}

size_t desig_base_candidates(const struct desig_world *w, const char *muni, struct desig_candidate *out,
			     size_t max)
{
	struct collector c = {out, max, 0};
	/* ① 市町村が在宅医療・介護連携推進事業により設置している在宅医療・介護連携に関する相談窓口 */
	for (size_t i = 0; i < w->ndesks; i++)
		if (strcmp(w->desks[i].muni, muni) == 0 && dw_inst_find(w, w->desks[i].institution_id))
			add(&c, w->desks[i].institution_id, RULE_BASE_DESK, NULL);
	/* ①「在宅医療における積極的役割を担う医療機関と同一も可」 */
	for (size_t i = 0; i < w->ndesigs; i++)
		if (w->desigs[i].role == DROLE_ACTIVE && strcmp(w->desigs[i].muni, muni) == 0 &&
		    dw_inst_find(w, w->desigs[i].institution_id))
			add(&c, w->desigs[i].institution_id, RULE_BASE_ACTIVE, NULL);
	/* ② 地域医師会、医療法人等関係団体 */
	for (size_t i = 0; i < w->ncovers; i++)
		if (strcmp(w->covers[i].muni, muni) == 0 && dw_inst_find(w, w->covers[i].association_id))
			add(&c, w->covers[i].association_id, RULE_BASE_ASSOCIATION, NULL);
	/* ③ 市町村や市町村が委託している地域包括支援センター */
	for (size_t i = 0; i < w->ninsts; i++) {
		const struct desig_inst *in = &w->insts[i];
		if (!in->foreign && (in->kind == KIND_MUNICIPALITY || in->kind == KIND_COMMUNITY_SUPPORT) &&
		    strcmp(in->municipality, muni) == 0)
			add(&c, in->id, RULE_BASE_COMMUNITY, NULL);
	}
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

static bool holds(const struct desig_inst *in, bool (*family)(enum standard))
{
	for (int s = 0; s < STD__MAX; s++)
		if ((in->standards & (1u << s)) && family((enum standard)s))
			return true;
	return false;
}

enum zt_err desig_active_definition(const struct desig_inst *in, char warn[256], struct zt_error *e)
{
	warn[0] = '\0';
	if (in == NULL || in->foreign)
		return zt_fail(e, ZT_ERR_INVALID, "institution_id", "指定された機関はこの都道府県に登録されていません。");
	if (!inst_kind_is_medical(in->kind))
		return zt_fail(e, ZT_ERR_INVALID, "institution_id",
			       "%s（%s）は医療機関（病院・診療所）ではないため、積極的役割を担う医療機関に位置付けられません"
			       "（国の検討会（2025年）でも医療機関以外の位置付けが問題とされています）。",
			       in->name, inst_kinds[in->kind].ja);
	/* 「自ら24時間対応体制の在宅医療を提供する…病院・診療所」 */
	if (!in->h24_unconfirmed && !in->h24)
		return zt_fail(e, ZT_ERR_INVALID, "institution_id",
			       "%sは24時間対応「なし」と登録されています。積極的役割を担う医療機関は、自ら24時間対応体制の"
			       "在宅医療を提供する病院・診療所です。",
			       in->name);
	/* 「在宅療養支援診療所及び在宅療養支援病院等…の中から位置付けることが想定される」 (a 未確認 24h
	 * is named by desig_fact_warnings) */
	if (holds(in, standard_is_zaibyo) || holds(in, standard_is_zaishin))
		return ZT_OK;
	if (in->h24 && !in->h24_unconfirmed && in->home_care) {
		say(warn, 256, "%sは在支病・在支診ではありません（原則は在支病・在支診から位置付けます）。", in->name);
		return ZT_OK;
	}
	if (in->h24_unconfirmed)
		return zt_fail(e, ZT_ERR_INVALID, "institution_id",
			       "%sは在支病・在支診の届出がなく、24時間対応が未確認です。自ら24時間対応の在宅医療を提供して"
			       "いることを確認してから位置付けてください。",
			       in->name);
	return zt_fail(e, ZT_ERR_INVALID, "institution_id",
		       "%sは在支病・在支診の届出がなく、自ら24時間対応の在宅医療（訪問診療）を提供していることも登録されて"
		       "いないため、積極的役割を担う医療機関に位置付けられません。",
		       in->name);
}

bool desig_base_kind_allowed(enum inst_kind k)
{
	switch (k) {
	case KIND_HOSPITAL: case KIND_CLINIC: case KIND_NURSE_STATION: case KIND_MEDICAL_ASSOCIATION:
	case KIND_HEALTH_CENTRE: case KIND_MUNICIPALITY: case KIND_COMMUNITY_SUPPORT:
		return true;
	default:
		return false;
	}
}

enum zt_err desig_check_request(enum desig_role role, enum desig_basis basis, const struct desig_inst *inst,
				const char *reason, const char *plan_period, struct zt_error *e)
{
	if (inst == NULL || inst->foreign)
		return zt_fail(e, ZT_ERR_INVALID, "institution_id", "指定された機関はこの都道府県に登録されていません。");
	char warn[256];
	if (role == DROLE_ACTIVE && desig_active_definition(inst, warn, e) != ZT_OK)
		return ZT_ERR_INVALID;
	if (role == DROLE_BASE && !desig_base_kind_allowed(inst->kind))
		return zt_fail(e, ZT_ERR_INVALID, "institution_id",
			       "%s（%s）は連携を担う拠点に位置付けられません。拠点は病院・診療所・訪問看護事業所・地域医師会等"
			       "関係団体・保健所・市町村（市町村が委託する地域包括支援センターを含む）から位置付けます"
			       "（在宅医療の体制構築に係る指針 第2 2(6)）。",
			       inst->name, inst_kinds[inst->kind].ja);
	if (basis == DBASIS_OVERRIDE && (reason == NULL || reason[0] == '\0'))
		return zt_fail(e, ZT_ERR_INVALID, "reason", "選定ルールと異なる位置付け（個別判断）には理由の記録が必要です。");
	if (!plan_period_valid(plan_period))
		return zt_fail(e, ZT_ERR_INVALID, "plan_period", "計画期間は「2024-2029」のように西暦の年度で指定してください（終わりは始まりより後、12年以内）。");
	return ZT_OK;
}

bool desig_requirement_unmet(const struct desig_world *w, const struct dw_designation *d, char *why, size_t n)
{
	const struct desig_inst *in = dw_inst_find(w, d->institution_id);
	struct zt_error e;
	zt_error_clear(&e);
	char warn[256];
	why[0] = '\0';
	if (in == NULL || in->foreign) {
		say(why, n, "位置付けた機関がこの都道府県に登録されていません。");
		return true;
	}
	if (d->role == DROLE_ACTIVE) {
		if (desig_active_definition(in, warn, &e) != ZT_OK) {
			say(why, n, "%s", e.message);
			return true;
		}
		if (d->basis != DBASIS_RULE)
			return false;
		bool need_zaibyo = strcmp(d->rule, desig_rules[RULE_ZAIBYO].code) == 0 ||
				   strcmp(d->rule, desig_rules[RULE_NEIGHBOUR_ZAIBYO].code) == 0;
		bool need_zaishin = strcmp(d->rule, desig_rules[RULE_ZAISHIN].code) == 0 ||
				    strcmp(d->rule, desig_rules[RULE_ZAISHIN_ENHANCED].code) == 0 ||
				    strcmp(d->rule, desig_rules[RULE_NEIGHBOUR_ZAISHIN].code) == 0;
		if (need_zaibyo && !holds(in, standard_is_zaibyo)) {
			say(why, n, "%sの在宅療養支援病院の届出がなくなりました（選定ルールの根拠）。", in->name);
			return true;
		}
		if (need_zaishin && !holds(in, standard_is_zaishin)) {
			say(why, n, "%sの在宅療養支援診療所の届出がなくなりました（選定ルールの根拠）。", in->name);
			return true;
		}
		return false;
	}
	if (!desig_base_kind_allowed(in->kind)) {
		say(why, n, "%s（%s）は連携を担う拠点に位置付けられる種別ではありません。", in->name, inst_kinds[in->kind].ja);
		return true;
	}
	if (d->basis == DBASIS_RULE && strcmp(d->rule, desig_rules[RULE_BASE_DESK].code) == 0) {
		for (size_t i = 0; i < w->ndesks; i++)
			if (strcmp(w->desks[i].muni, d->muni) == 0 && w->desks[i].institution_id == in->id)
				return false;
		say(why, n, "%sはこの市町村の在宅医療・介護連携の相談窓口ではなくなりました。", in->name);
		return true;
	}
	return false;
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
	if (in == NULL || in->foreign)
		return zt_fail(e, ZT_ERR_INVALID, "institution_id", "指定された機関はこの都道府県に登録されていません。");
	/* 連携型: 「代表する医療機関等を定め」 — a medical institution or a 郡市医師会 */
	if (type == SC_LINKED) {
		if (!inst_kind_is_medical(in->kind) && in->kind != KIND_MEDICAL_ASSOCIATION)
			return zt_fail(e, ZT_ERR_INVALID, "institution_id",
				       "%s（%s）は連携型の代表（医療機関又は郡市医師会）に指定できません。", in->name,
				       inst_kinds[in->kind].ja);
		return ZT_OK;
	}
	if (!inst_kind_is_medical(in->kind))
		return zt_fail(e, ZT_ERR_INVALID, "institution_id", "%s は医療機関ではないため、在宅医療サポートセンターの基幹型に指定できません。",
			       in->name);
	if (in->beds <= 0)
		return zt_fail(e, ZT_ERR_INVALID, "institution_id",
			       "基幹型は病床を有し多職種を配置する医療機関です。%s には病床がないため、連携型（代表医療機関）として指定してください。",
			       in->name);
	/* 「自らも在宅医療に取り組む在宅療養支援病院、在宅療養支援診療所、在宅療養後方支援病院、地域包括ケア病棟を
	 * 有する医療機関等」 */
	if (in->standards == 0 && !in->home_care) /* every standard we track is one of the four */
		return zt_fail(e, ZT_ERR_INVALID, "institution_id",
			       "基幹型は自らも在宅医療に取り組む医療機関（在支病・在支診・在後病・地域包括ケア病棟を有する医療機関等）"
			       "です。%s にはそのいずれの届出も訪問診療の実施もありません。",
			       in->name);
	return ZT_OK;
}

bool sc_member_provides_home_care(const struct desig_inst *in)
{
	if (in->kind == KIND_NURSE_STATION)
		return true;
	return inst_kind_is_medical(in->kind) &&
	       (in->home_care || holds(in, standard_is_zaibyo) || holds(in, standard_is_zaishin));
}

enum zt_err sc_check_members(const struct desig_world *w, enum sc_type type, int64_t representative,
			     const int64_t *members, size_t n, struct zt_error *e)
{
	if (type == SC_CORE) {
		if (n > 0)
			return zt_fail(e, ZT_ERR_INVALID, "members", "基幹型のセンターには構成機関を登録しません（連携型のみ）。");
		return ZT_OK;
	}
	const struct desig_inst *rep = dw_inst_find(w, representative);
	size_t medical = rep && inst_kind_is_medical(rep->kind);
	for (size_t i = 0; i < n; i++) {
		const struct desig_inst *m = dw_inst_find(w, members[i]);
		if (m == NULL || m->foreign)
			return zt_fail(e, ZT_ERR_INVALID, "members", "構成機関 %zu 番目（ID %lld）はこの都道府県に登録されていません。",
				       i + 1, (long long)members[i]);
		if (members[i] == representative)
			return zt_fail(e, ZT_ERR_INVALID, "members", "%sは代表機関です。構成機関には代表以外の機関を挙げてください。", m->name);
		for (size_t j = 0; j < i; j++)
			if (members[j] == members[i])
				return zt_fail(e, ZT_ERR_INVALID, "members", "%sが構成機関に重複しています。", m->name);
		if (!sc_member_provides_home_care(m))
			return zt_fail(e, ZT_ERR_INVALID, "members",
				       "%s（%s）は在宅医療を提供していません。連携型は、連携している医療機関が在宅医療を提供して"
				       "いるグループです。",
				       m->name, inst_kinds[m->kind].ja);
		medical += inst_kind_is_medical(m->kind);
	}
	if (n + 1 < 2 || n == 0)
		return zt_fail(e, ZT_ERR_INVALID, "members", "連携型は複数医療機関等のグループです。代表以外の構成機関を1つ以上挙げてください。");
	if (medical == 0)
		return zt_fail(e, ZT_ERR_INVALID, "members", "連携型のグループには在宅医療を提供する医療機関が必要です。");
	return ZT_OK;
}

bool sc_operator_in_area(const struct desig_world *w, int64_t area_id, const struct desig_inst *in)
{
	const struct dw_muni *m = dw_muni_find(w, in->municipality);
	if (m && m->medical_area_id == area_id)
		return true;
	if (in->kind != KIND_MEDICAL_ASSOCIATION)
		return false;
	for (size_t i = 0; i < w->ncovers; i++) {
		if (w->covers[i].association_id != in->id)
			continue;
		const struct dw_muni *c = dw_muni_find(w, w->covers[i].muni);
		if (c && c->medical_area_id == area_id)
			return true;
	}
	return false;
}

int sc_area_quota(const struct desig_world *w, int64_t area_id)
{
	for (size_t i = 0; i < w->nquotas; i++)
		if (w->quotas[i].medical_area_id == area_id && w->quotas[i].quota > 0)
			return w->quotas[i].quota;
	return 1;
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
				       "%s はこの市町村の選定ルールによる候補ではありません。手挙げか、理由を記録した個別判断として登録してください。",
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
