/*
 * Demo step "plans" (issue 19 demo): the prefecture applies two rule sets to the two operators of the
 * district's 郡市医師会 that the "programme" step created (created here when missing) and each writes its
 * plan for the current fiscal year:
 *   鹿行地域在宅医療サポートセンター（基幹型・デモ）  kumamoto_centre, 基幹型 at 鹿嶋なぎさ総合病院 — the
 *        four mandatory items and 普及啓発, with a 連絡会 and a 住民向け meeting, the district's groups and
 *        rotas, and two uploaded reports as evidence: compliant.
 *   鹿行みらい医師会 在宅医療推進コーディネータ（デモ）  osaka_coordinator, a continuing operator — ②⑤⑥
 *        planned but not ① (although its visits are recorded), 情報交換会 below three so far: not compliant,
 *        because ① is missing (and ⑤ is short while the year runs).
 * The meetings and uploads added here lie between 1 April and today so that they count as done.
 * Everything goes through the use cases as the system; the existing demo data is not touched.
 */
#include "demo/demo_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_meetings.h"
#include "app/app_operators.h"
#include "app/app_plans.h"
#include "core/clock.h"
#include "domain/holiday.h"
#include "store/store.h"
#include "store/store_groups.h"
#include "store/store_operators.h"

static const char association[] = "鹿行みらい医師会（架空）";
static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

/* A date days before today, but not before 1 April of the fiscal year. */
static void day_before(int days, char out[11])
{
	char today[11];
	zt_today_jst(today);
	int y, m, d;
	cal_parse(today, &y, &m, &d);
	long t = cal_days(y, m, d) - days, start = cal_days(zt_fiscal_year(), 4, 1);
	cal_from_days(t < start ? start : t, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

/* The operator of that name in 茨城県, or a new one. */
static enum zt_err operator(struct store *st, const char *name, int kind, int64_t assoc, int64_t inst, int first,
			    int64_t *id, struct zt_error *e)
{
	struct operator_row *list = NULL;
	size_t n = 0;
	*id = 0;
	if (store_operator_list(st, "08", &list, &n, e) != ZT_OK)
		return ZT_ERR_DB;
	for (size_t i = 0; i < n && *id == 0; i++)
		if (strcmp(list[i].d.name, name) == 0)
			*id = list[i].d.id;
	free(list);
	if (*id != 0)
		return ZT_OK;
	struct operator_def o;
	memset(&o, 0, sizeof o);
	snprintf(o.name, sizeof o.name, "%s", name);
	o.kind = kind;
	snprintf(o.prefecture, sizeof o.prefecture, "08");
	o.association_id = assoc;
	o.institution_id = inst;
	o.first_fiscal_year = first;
	enum zt_err r = app_operator_create(st, NULL, NULL, &o, e);
	*id = o.id;
	return r;
}

static enum zt_err meeting(struct store *st, int64_t op, enum meeting_kind kind, const char *title, int days_ago,
			   struct zt_error *e)
{
	struct meeting *m = calloc(1, sizeof *m);
	if (m == NULL)
		abort();
	m->operator_id = op;
	m->kind = kind;
	snprintf(m->title, sizeof m->title, "%s", title);
	day_before(days_ago, m->held_on);
	snprintf(m->place, sizeof m->place, "鹿行みらい医師会館（架空）");
	enum zt_err r = app_meeting_create(st, NULL, NULL, m, e);
	free(m);
	return r;
}

static enum zt_err plan(struct store *st, int64_t op, const char *const *actions, const struct plan_goal_in *goals,
			size_t ngoals, const char *note, struct zt_error *e)
{
	struct plan_def *d = calloc(1, sizeof *d);
	if (d == NULL)
		abort();
	for (; actions[d->nactions]; d->nactions++)
		snprintf(d->actions[d->nactions].code, sizeof d->actions[0].code, "%s", actions[d->nactions]);
	for (size_t i = 0; i < ngoals; i++)
		d->goals[d->ngoals++] = goals[i];
	snprintf(d->goals_note, sizeof d->goals_note, "%s", note);
	enum zt_err r = app_plan_save(st, NULL, NULL, op, zt_fiscal_year(), d, e);
	free(d);
	return r;
}

static enum zt_err upload(struct store *st, int64_t op, const char *action, const char *title, int days_ago,
			  struct zt_error *e)
{
	char on[11];
	day_before(days_ago, on);
	return app_plan_upload(st, NULL, NULL, op, zt_fiscal_year(), action, title, on, "application/pdf", pdf,
			       sizeof pdf - 1, NULL, e);
}

/* Prints the plan's verdict and, when not compliant, the first rule not met with why. */
static enum zt_err print_status(struct store *st, int64_t op, const char *name, struct zt_error *e)
{
	json_t *v = NULL;
	enum zt_err r = app_plan_view(st, NULL, op, zt_fiscal_year(), &v, e);
	if (r != ZT_OK)
		return r;
	json_t *c = json_object_get(v, "compliance"), *rule;
	size_t i;
	bool ok = json_is_true(json_object_get(c, "compliant"));
	printf("  plans: %s（%s）%s", name, json_string_value(json_object_get(json_object_get(v, "ruleset"), "name")),
	       ok ? "：要件を満たしています" : "：要件未充足");
	json_array_foreach(json_object_get(c, "rules"), i, rule) {
		if (strcmp(json_string_value(json_object_get(rule, "status")), "not_met") == 0) {
			printf(" — %s：%s", json_string_value(json_object_get(rule, "label")),
			       json_string_value(json_object_get(rule, "why")));
			break;
		}
	}
	printf("\n");
	json_decref(v);
	return ZT_OK;
}

enum zt_err demo_plans(struct store *st, struct zt_error *e)
{
	int64_t assoc = store_institution_id_by_name(st, association);
	int64_t hosp = store_institution_id_by_name(st, "鹿嶋なぎさ総合病院（架空）");
	if (assoc == 0 || hosp == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "", "デモの %s が見つかりません。", assoc ? "鹿嶋なぎさ総合病院（架空）" : association);
	const char centre[] = "鹿行地域在宅医療サポートセンター（基幹型・デモ）";
	const char coord[] = "鹿行みらい医師会 在宅医療推進コーディネータ（デモ）";
	int64_t a = 0, b = 0;
	int fy = zt_fiscal_year();
	enum zt_err r = operator(st, centre, OPK_SUPPORT_CORE, assoc, hosp, fy - 1, &a, e);
	if (r == ZT_OK)
		r = operator(st, coord, OPK_COORDINATOR, assoc, 0, fy - 2, &b, e);
	if (r == ZT_OK)
		r = app_plan_assign(st, NULL, NULL, a, "kumamoto_centre", "", e);
	if (r == ZT_OK)
		r = app_plan_assign(st, NULL, NULL, b, "osaka_coordinator", "", e);

	/* the support centre: compliant */
	static const char *const centre_actions[] = {"k_emergency", "k_discharge", "k_volume", "k_liaison", "k_awareness", NULL};
	const struct plan_goal_in centre_goals[] = {{IND_CLINICS_CD, 8}, {IND_REFERRALS_ACCEPTED, 20}, {IND_MEETINGS, 6}};
	if (r == ZT_OK)
		r = plan(st, a, centre_actions, centre_goals, 3, "圏域の訪問診療の提供量を増やし、急変時の受入体制を整える", e);
	if (r == ZT_OK)
		r = meeting(st, a, MK_LIAISON, "鹿行在宅医療センター事業 臨時連絡会", 3, e);
	if (r == ZT_OK)
		r = meeting(st, a, MK_PUBLIC, "在宅医療市民講座「住み慣れた家で」", 2, e);
	if (r == ZT_OK)
		r = upload(st, a, "k_discharge", "入退院支援ルール（鹿行版）合意書", 45, e);
	if (r == ZT_OK)
		r = upload(st, a, "k_volume", "訪問診療導入研修 実施報告", 30, e);

	/* the coordinator programme: ① missing */
	static const char *const coord_actions[] = {"o2", "o5", "o6", NULL};
	const struct plan_goal_in coord_goals[] = {{IND_MEETINGS, 3}};
	if (r == ZT_OK)
		r = plan(st, b, coord_actions, coord_goals, 1, "在宅医療に取り組む診療所を増やす", e);
	if (r == ZT_OK)
		r = upload(st, b, "o2", "同行訪問研修 受講記録", 40, e);

	if (r == ZT_OK)
		r = print_status(st, a, centre, e);
	if (r == ZT_OK)
		r = print_status(st, b, coord, e);
	return r;
}
