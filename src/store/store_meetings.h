/*
 * Rows of the programme's meetings (issue 18 §4): 情報交換会, 連絡会, 協議体, 地域ケア会議, 多職種研修,
 * 住民向け — with invitees and attendance (meeting_person), follow-up actions (meeting_action) and the
 * minutes PDF (a BLOB). The caller (app_meetings.c) asks the policy and writes the audit rows.
 * Results: ZT_OK, ZT_ERR_NOTFOUND, ZT_ERR_INVALID (an unknown institution), ZT_ERR_BUSY or ZT_ERR_DB.
 */
#ifndef ZT_STORE_STORE_MEETINGS_H
#define ZT_STORE_STORE_MEETINGS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/programme.h"

struct store;

/* Inside a transaction: inserts m with its people and actions; sets m->id and the row ids. */
enum zt_err store_meeting_insert(struct store *st, struct meeting *m, struct zt_error *e);
/* Inside a transaction: replaces meeting m->id's fields, people and actions (the PDF stays). */
enum zt_err store_meeting_update(struct store *st, struct meeting *m, struct zt_error *e);
/* Inside a transaction: deletes meeting id with its people and actions. */
enum zt_err store_meeting_delete(struct store *st, int64_t id, struct zt_error *e);
/* Meeting id with people (institution names filled) and actions into *out (the caller's, zeroed here). */
enum zt_err store_meeting_get(struct store *st, int64_t id, struct meeting *out, struct zt_error *e);
/* A meeting as listed: no people or actions, their counts only. */
struct meeting_summary {
	int64_t id, operator_id;
	int kind;
	char title[PROG_NAME_MAX];
	char held_on[11];
	char start_time[6], end_time[6];
	char place[PROG_NAME_MAX];
	char operator_name[201];
	int invited, present, open_actions;
	bool has_minutes, has_minutes_pdf;
};
/* Meetings of operator (0 = every operator) held from..to (inclusive dates, "" = open), by date; a new
 * array (caller frees). */
enum zt_err store_meeting_list(struct store *st, int64_t operator_id, const char *from, const char *to,
			       struct meeting_summary **out, size_t *n, struct zt_error *e);
/* Counts of operator's meetings per kind from..to, split at today: held (≤ today) and planned. */
enum zt_err store_meeting_counts(struct store *st, int64_t operator_id, const char *from, const char *to,
				 const char *today, int held[MK__MAX], int planned[MK__MAX], struct zt_error *e);
/* Inside a transaction: stores the minutes PDF of meeting id (replacing any). */
enum zt_err store_meeting_pdf_put(struct store *st, int64_t id, const void *data, size_t len, struct zt_error *e);
/* The minutes PDF of meeting id as a new buffer (caller frees); ZT_ERR_NOTFOUND when none. */
enum zt_err store_meeting_pdf_get(struct store *st, int64_t id, void **data, size_t *len, struct zt_error *e);

#endif
