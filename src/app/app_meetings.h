/*
 * Use cases of the programme's meetings (issue 18 §4; seed 002 ④⑤, seed 003 協議体, seed 004 連絡会):
 * record, change and delete a meeting of an operator (invitees, attendance, minutes, follow-up
 * actions), attach the minutes PDF, list a fiscal year's meetings with the count per kind judged
 * against the minima (fewer than three 情報交換会, seed 002 ⑤), and the meetings as iCalendar.
 * Access through the operator (app_operators.h): programme_write to change, programme_read to see.
 * auth NULL is the system (demo). Results as app_operators.h, plus ZT_ERR_TOOLARGE / ZT_ERR_MEDIA
 * for the PDF.
 */
#ifndef ZT_APP_APP_MEETINGS_H
#define ZT_APP_APP_MEETINGS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/programme.h"
#include "store/store_meetings.h"
#include "store/store_operators.h"

struct store;
struct zt_actor;
struct auth_ctx;

/* Creates m (checked with meeting_check) with its audit row; m->id set. */
enum zt_err app_meeting_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       struct meeting *m, struct zt_error *e);
/* Replaces meeting m->id (write access to its operator before and after) with its audit row. */
enum zt_err app_meeting_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			       struct meeting *m, struct zt_error *e);
enum zt_err app_meeting_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			       struct zt_error *e);
/* Meeting id into *out (caller's; large: allocate it). ZT_ERR_NOTFOUND outside the user's scope. */
enum zt_err app_meeting_get(struct store *st, const struct auth_ctx *auth, int64_t id, struct meeting *out,
			    struct zt_error *e);
/* The minutes PDF: put (checked by domain/attachment.h, audited) and get. */
enum zt_err app_meeting_pdf_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
				const char *content_type, const void *data, size_t len, struct zt_error *e);
enum zt_err app_meeting_pdf_get(struct store *st, const struct auth_ctx *auth, int64_t id, void **data, size_t *len,
				struct zt_error *e);

/* One operator's year: its meetings' tally per kind against the minima. */
struct meeting_year {
	struct operator_row op;
	struct meeting_tally tally[MK__MAX];
};
/* The fiscal year fy (0 = this one) of operator_id (0 = every operator auth may read): the meetings
 * (*items, a new array) and per operator the tally (*years, a new array). Caller frees both. */
enum zt_err app_meeting_year(struct store *st, const struct auth_ctx *auth, int64_t operator_id, int fy,
			     struct meeting_summary **items, size_t *nitems, struct meeting_year **years, size_t *nyears,
			     struct zt_error *e);
/* The Japanese warning of a tally that is short of or missed its minimum, quoting seed 002 ⑤;
 * "" when there is none. */
void app_meeting_warning(int fy, const struct meeting_tally *t, char *out, size_t n);
/* The meetings of fiscal year fy (0 = this one) of the operators auth may read (operator_id 0 = all)
 * as iCalendar text: *out new (free()), *len its length. */
enum zt_err app_meeting_ical(struct store *st, const struct auth_ctx *auth, int64_t operator_id, int fy, char **out,
			     size_t *len, struct zt_error *e);

#endif
