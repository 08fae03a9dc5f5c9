/*
 * Rows of the awards 顕彰 (issue 18 §6; seed 004 2(4)「医療と介護が連携したサービスの向上に顕著な業績の
 * あった事業所を顕彰」): nominations of institutions with reasons, the decision and its year. The
 * caller (app_awards.c) asks the policy and writes the audit rows. Results: ZT_OK, ZT_ERR_NOTFOUND,
 * ZT_ERR_CONFLICT (a second nomination of an institution in a year), ZT_ERR_BUSY or ZT_ERR_DB.
 */
#ifndef ZT_STORE_STORE_AWARDS_H
#define ZT_STORE_STORE_AWARDS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/programme.h"

struct store;

struct award {
	int64_t id, institution_id, operator_id;
	int fiscal_year;
	char title[PROG_NAME_MAX];
	char reason[PROG_TEXT_MAX];
	int status;                  /* enum award_status */
	char decided_on[11];
	char decision_note[PROG_TEXT_MAX];
	char nominated_by[64];
	char institution_name[401];
	char institution_kind[32];
	char municipality[7];
	char municipality_name[101];
	char operator_name[201];
	char created_at[21];
};

/* Inside a transaction: inserts the nomination a (a->id set). */
enum zt_err store_award_insert(struct store *st, struct award *a, struct zt_error *e);
/* Inside a transaction: records the decision (status, decided_on, decision_note) of a->id. */
enum zt_err store_award_decide(struct store *st, const struct award *a, struct zt_error *e);
enum zt_err store_award_get(struct store *st, int64_t id, struct award *out, struct zt_error *e);
/* A nomination still undecided: its title and reason replaced, or the nomination withdrawn (deleted).
 * ZT_ERR_CONFLICT naming status once it is decided. */
enum zt_err store_award_edit(struct store *st, const struct award *a, struct zt_error *e);
enum zt_err store_award_delete(struct store *st, int64_t id, struct zt_error *e);
/* Awards of fiscal year fy (0 = all) with status (-1 = any), newest year first; a new array. */
enum zt_err store_award_list(struct store *st, int fy, int status, struct award **out, size_t *n, struct zt_error *e);

#endif
