/* Use cases of the programme's meetings: record, change, minutes PDF, the year's tally, iCalendar (issue 18 §4; see app_meetings.h). */
#include "app/app_meetings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_operators.h"
#include "core/clock.h"
#include "domain/attachment.h"
#include "io/ical.h"
#include "io/programme_json.h"
#include "store/store.h"
#include "store/store_audit.h"

static struct meeting *meeting_new(void)
{
	struct meeting *m = calloc(1, sizeof *m);
	if (m == NULL)
		abort();
	return m;
}

/* The audit form: the meeting as the API shows it, without the minutes' full text. */
static json_t *meeting_audit(const struct meeting *m)
{
	json_t *j = meeting_to_json(m);
	json_object_del(j, "minutes");
	json_object_set_new(j, "minutes_chars", json_integer((json_int_t)strlen(m->minutes)));
	return j;
}

struct write_tx {
	struct meeting *m;
	const struct meeting *before;
	const char *action;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err write_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct write_tx *c = ctx;
	enum zt_err r = strcmp(c->action, "create") == 0   ? store_meeting_insert(st, c->m, e)
			: strcmp(c->action, "update") == 0 ? store_meeting_update(st, c->m, e)
							   : store_meeting_delete(st, c->before->id, e);
	if (r != ZT_OK)
		return r;
	json_t *b = c->before ? meeting_audit(c->before) : NULL;
	json_t *a = c->m ? meeting_audit(c->m) : NULL;
	r = audit_append(st, c->who, c->action, "meeting", c->m ? c->m->id : c->before->id, c->muni, b, a, e);
	json_decref(b);
	json_decref(a);
	return r;
}

enum zt_err app_meeting_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       struct meeting *m, struct zt_error *e)
{
	enum zt_err r = meeting_check(m, e);
	struct operator_row op;
	if (r == ZT_OK)
		r = app_operator_policy(st, auth, ACT_PROGRAMME_WRITE, m->operator_id, &op, e);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, ZT_ERR_INVALID, "operator_id", "事業者（ID %lld）が見つかりません。", (long long)m->operator_id);
	if (r != ZT_OK)
		return r;
	snprintf(m->operator_name, sizeof m->operator_name, "%s", op.d.name);
	struct write_tx c = {m, NULL, "create", op.scope_municipality, who};
	return store_tx(st, write_fn, &c, e);
}

/* Loads meeting id and asks act of its operator; read misses and refusals are both "not found". */
static enum zt_err load(struct store *st, const struct auth_ctx *auth, enum policy_action act, int64_t id,
			struct meeting *m, struct operator_row *op, struct zt_error *e)
{
	enum zt_err r = store_meeting_get(st, id, m, e);
	if (r == ZT_OK)
		r = app_operator_policy(st, auth, act, m->operator_id, op, e);
	if (r == ZT_ERR_NOTFOUND)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "会議が見つかりません。");
	return r;
}

enum zt_err app_meeting_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       struct meeting *m, struct zt_error *e)
{
	enum zt_err r = meeting_check(m, e);
	if (r != ZT_OK)
		return r;
	struct meeting *before = meeting_new();
	struct operator_row op, op2;
	r = load(st, auth, ACT_PROGRAMME_READ, m->id, before, &op, e);
	if (r == ZT_OK)
		r = app_operator_policy(st, auth, ACT_PROGRAMME_WRITE, before->operator_id, &op, e);
	if (r == ZT_OK && m->operator_id != before->operator_id) {
		r = app_operator_policy(st, auth, ACT_PROGRAMME_WRITE, m->operator_id, &op2, e);
		if (r == ZT_ERR_NOTFOUND)
			r = zt_fail(e, ZT_ERR_INVALID, "operator_id", "事業者（ID %lld）が見つかりません。",
				    (long long)m->operator_id);
	}
	if (r == ZT_OK) {
		struct write_tx c = {m, before, "update", op.scope_municipality, who};
		r = store_tx(st, write_fn, &c, e);
	}
	free(before);
	return r;
}

enum zt_err app_meeting_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			       struct zt_error *e)
{
	struct meeting *before = meeting_new();
	struct operator_row op;
	enum zt_err r = load(st, auth, ACT_PROGRAMME_READ, id, before, &op, e);
	if (r == ZT_OK)
		r = app_operator_policy(st, auth, ACT_PROGRAMME_WRITE, before->operator_id, &op, e);
	if (r == ZT_OK) {
		struct write_tx c = {NULL, before, "delete", op.scope_municipality, who};
		r = store_tx(st, write_fn, &c, e);
	}
	free(before);
	return r;
}

enum zt_err app_meeting_get(struct store *st, const struct auth_ctx *auth, int64_t id, struct meeting *out,
			    struct zt_error *e)
{
	struct operator_row op;
	return load(st, auth, ACT_PROGRAMME_READ, id, out, &op, e);
}

struct pdf_tx {
	int64_t id;
	const void *data;
	size_t len;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err pdf_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct pdf_tx *c = ctx;
	enum zt_err r = store_meeting_pdf_put(st, c->id, c->data, c->len, e);
	if (r == ZT_OK) {
		json_t *a = json_pack("{s:I}", "bytes", (json_int_t)c->len);
		r = audit_append(st, c->who, "minutes_pdf", "meeting", c->id, c->muni, NULL, a, e);
		json_decref(a);
	}
	return r;
}

enum zt_err app_meeting_pdf_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
				const char *content_type, const void *data, size_t len, struct zt_error *e)
{
	if (attachment_type_of(content_type) != ATT_PDF)
		return zt_fail(e, ZT_ERR_MEDIA, "Content-Type", "議事録は PDF（application/pdf）で送ってください。");
	enum zt_err r = attachment_check(ATT_PDF, data, len, e);
	if (r != ZT_OK)
		return r;
	struct meeting *m = meeting_new();
	struct operator_row op;
	r = load(st, auth, ACT_PROGRAMME_READ, id, m, &op, e);
	if (r == ZT_OK)
		r = app_operator_policy(st, auth, ACT_PROGRAMME_WRITE, m->operator_id, &op, e);
	free(m);
	if (r != ZT_OK)
		return r;
	struct pdf_tx c = {id, data, len, op.scope_municipality, who};
	return store_tx(st, pdf_fn, &c, e);
}

enum zt_err app_meeting_pdf_get(struct store *st, const struct auth_ctx *auth, int64_t id, void **data, size_t *len,
				struct zt_error *e)
{
	struct meeting *m = meeting_new();
	enum zt_err r = app_meeting_get(st, auth, id, m, e);
	free(m);
	return r == ZT_OK ? store_meeting_pdf_get(st, id, data, len, e) : r;
}

static void fy_range(int fy, char from[11], char to[11])
{
	int y = fy < 2000 ? 2000 : fy > 2100 ? 2100 : fy; /* four digits, always */
	snprintf(from, 11, "%04d-04-01", y);
	snprintf(to, 11, "%04d-03-31", y + 1);
}

enum zt_err app_meeting_year(struct store *st, const struct auth_ctx *auth, int64_t operator_id, int fy,
			     struct meeting_summary **items, size_t *nitems, struct meeting_year **years, size_t *nyears,
			     struct zt_error *e)
{
	*items = NULL;
	*years = NULL;
	*nitems = *nyears = 0;
	if (fy == 0)
		fy = zt_fiscal_year();
	char from[11], to[11], today[11];
	fy_range(fy, from, to);
	zt_today_jst(today);
	struct operator_row *ops = NULL;
	size_t nops = 0;
	enum zt_err r;
	if (operator_id > 0) {
		ops = calloc(1, sizeof *ops);
		if (ops == NULL)
			abort();
		r = app_operator_policy(st, auth, ACT_PROGRAMME_READ, operator_id, ops, e);
		nops = r == ZT_OK;
	} else {
		r = app_operator_list(st, auth, "", &ops, &nops, e);
	}
	if (r != ZT_OK) {
		free(ops);
		return r;
	}
	*years = calloc(nops ? nops : 1, sizeof **years);
	if (*years == NULL)
		abort();
	for (size_t i = 0; i < nops && r == ZT_OK; i++) {
		int held[MK__MAX], planned[MK__MAX];
		r = store_meeting_counts(st, ops[i].d.id, from, to, today, held, planned, e);
		(*years)[i].op = ops[i];
		meeting_tally(fy, today, held, planned, (*years)[i].tally);
	}
	*nyears = nops;
	if (r == ZT_OK)
		r = store_meeting_list(st, operator_id, from, to, items, nitems, e);
	if (r == ZT_OK && operator_id == 0) {
		/* keep the meetings of the operators auth may read */
		size_t k = 0;
		for (size_t i = 0; i < *nitems; i++) {
			bool mine = false;
			for (size_t j = 0; j < nops && !mine; j++)
				mine = ops[j].d.id == (*items)[i].operator_id;
			if (mine)
				(*items)[k++] = (*items)[i];
		}
		*nitems = k;
	}
	free(ops);
	if (r != ZT_OK) {
		free(*items);
		free(*years);
		*items = NULL;
		*years = NULL;
		*nitems = *nyears = 0;
	}
	return r;
}

void app_meeting_warning(int fy, const struct meeting_tally *t, char *out, size_t n)
{
	out[0] = '\0';
	const char *label = t->kind >= 0 && t->kind < MK__MAX ? meeting_kinds[t->kind].ja : "";
	/* seed 002 ⑤「在宅医療に取り組む医師で連携に向けた情報交換会の開催（年3回以上）」 */
	if (t->missed)
		snprintf(out, n, "%d年度の%sは%d回で、年%d回以上（大阪府 活動指針 ⑤）に届きませんでした。", fy, label, t->held,
			 t->minimum);
	else if (t->short_of)
		snprintf(out, n, "%d年度の%sは開催済み%d回・予定%d回で、年%d回以上（大阪府 活動指針 ⑤）に足りません。", fy,
			 label, t->held, t->planned, t->minimum);
}

enum zt_err app_meeting_ical(struct store *st, const struct auth_ctx *auth, int64_t operator_id, int fy, char **out,
			     size_t *len, struct zt_error *e)
{
	struct meeting_summary *items = NULL;
	struct meeting_year *years = NULL;
	size_t ni = 0, ny = 0;
	enum zt_err r = app_meeting_year(st, auth, operator_id, fy, &items, &ni, &years, &ny, e);
	if (r != ZT_OK)
		return r;
	struct ical_meeting *ev = calloc(ni ? ni : 1, sizeof *ev);
	if (ev == NULL)
		abort();
	for (size_t i = 0; i < ni; i++) {
		ev[i].id = items[i].id;
		ev[i].date = items[i].held_on;
		ev[i].start = items[i].start_time;
		ev[i].end = items[i].end_time;
		ev[i].title = items[i].title;
		ev[i].kind = items[i].kind >= 0 ? meeting_kinds[items[i].kind].ja : "";
		ev[i].place = items[i].place;
		ev[i].organiser = items[i].operator_name;
	}
	r = ical_meeting_feed("会議予定", zt_now(), ev, ni, out, len, e);
	free(ev);
	free(items);
	free(years);
	return r;
}
