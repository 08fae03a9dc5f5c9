/*
 * Use cases of the clinic surveys (アンケート, seed 002 STEP1 地域の現状把握, issue 18 §1): a
 * coordinator of the district (郡市医師会) defines a survey from a template, edits it while it is a
 * draft, sends it to the clinics of the district (a personal link per clinic whose secret token is
 * stored only as its hash), enters answers from paper or imports them (CSV/XLSX, all or nothing),
 * closes it, and reads the results with the barrier analysis. Clinics answer through their link
 * without an account. Access: policy survey_write (admin, the district's coordinators) and
 * survey_read (also prefecture staff of the prefecture). auth NULL is the system (CLI, demo, tests);
 * who NULL records the system as the actor. Every write has its audit row in the same transaction.
 */
#ifndef ZT_APP_APP_SURVEYS_H
#define ZT_APP_APP_SURVEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/secret.h"
#include "core/error.h"
#include "domain/survey.h"
#include "store/store_surveys.h"

struct store;
struct zt_actor;
struct auth_ctx;

/* Days a personal link stays valid when the coordinator gives no date. */
#define SURVEY_LINK_DAYS_DEFAULT 30

/* A personal link just made: the clinic and the raw token (it exists only here). */
struct survey_link_out {
	int64_t institution_id;
	char name[401];
	char token[SECRET_TOKEN_HEX];
};

/*
 * Creates a draft survey from the template named template_name (survey_templates: "clinic_status"
 * the seed's clinic questionnaire, "post_training" 訪問診療導入研修事業 終了アンケート) for the district
 * association_id (a 郡市医師会's institution id), titled title ("" or NULL = the template's title).
 * *id is the new survey's id. ZT_ERR_INVALID for an unknown template or association (field
 * template / association_id), ZT_ERR_FORBIDDEN outside the user's districts (survey_write).
 */
enum zt_err app_survey_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			      const char *template_name, int64_t association_id, const char *title, int64_t *id,
			      struct zt_error *e);
/* Replaces the title and questions of draft survey id (survey_def_validate). ZT_ERR_CONFLICT once
 * sent (questions of a sent survey never change under its answers). */
enum zt_err app_survey_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			      const char *title, const struct survey_def *def, struct zt_error *e);
/* Survey id (*out, caller's; free()). ZT_ERR_NOTFOUND when absent or not the user's to read. */
enum zt_err app_survey_get(struct store *st, const struct auth_ctx *auth, int64_t id, struct survey **out,
			   struct zt_error *e);
/* The surveys the user may read, newest first, without their questions (def.nquestions 0);
 * *out is the caller's (free()). */
enum zt_err app_survey_list(struct store *st, const struct auth_ctx *auth, struct survey **out, size_t *n,
			    struct zt_error *e);
/*
 * Sends survey id: makes a personal link for each institution of institutions[0..n) — n 0 = every
 * clinic (診療所) of the district — replacing a clinic's earlier link, valid through expires_on
 * (YYYY-MM-DD JST; "" = today + SURVEY_LINK_DAYS_DEFAULT), and opens a draft. *links (caller's,
 * free()) holds the raw tokens, *nlinks their count: they are shown once and never stored.
 * ZT_ERR_CONFLICT when closed; ZT_ERR_INVALID for a past date or an institution outside the district.
 */
enum zt_err app_survey_send(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			    const char *expires_on, const int64_t *institutions, size_t n,
			    struct survey_link_out **links, size_t *nlinks, struct zt_error *e);
/* Closes survey id: links stop working and answers can no longer change. */
enum zt_err app_survey_close(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     struct zt_error *e);

/* What a personal link shows: the survey (questions), the clinic's name and its answers so far. */
struct survey_link_view {
	struct survey survey;
	int64_t institution_id;
	char clinic_name[401];
	char expires_on[11];
	char answered_at[21]; /* "" before the first answer */
	struct survey_answers answers;
};
/* The view of the link whose token is token (64 hex). ZT_ERR_NOTFOUND — one answer for a malformed,
 * unknown, replaced or expired token and for a survey not open — so a URL says nothing of others.
 * *out is the caller's (free()). */
enum zt_err app_survey_link_view(struct store *st, const char *token, struct survey_link_view **out,
				 struct zt_error *e);
/* Saves the clinic's answers through its link (survey_answers_check), replacing earlier ones, with an
 * audit row whose actor is the link (remote: the client's address). Errors as app_survey_link_view,
 * then ZT_ERR_INVALID naming the question. */
enum zt_err app_survey_link_answer(struct store *st, const char *token, const char *remote,
				   struct survey_answers *ans, struct zt_error *e);
/* The coordinator enters the answers of institution_id from paper (紙の回答), replacing earlier ones.
 * The institution must be a target of the survey or a clinic of its district; the survey open. */
enum zt_err app_survey_answer_paper(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, int64_t institution_id, struct survey_answers *ans, struct zt_error *e);
/*
 * Imports answers of survey id from a CSV (UTF-8 or CP932) or XLSX file (data, len; xlsx true for
 * XLSX): a header row of question keys (or 問N) after a first column 医療機関コード or institution_id,
 * one clinic per row; multiple choices separated by ',' '、' or ';'; a column key_note holds a note.
 * All or nothing: the first bad row stops it with ZT_ERR_INVALID, e->line the row and field the
 * question. *count the clinics imported.
 */
enum zt_err app_survey_import(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			      const char *data, size_t len, bool xlsx, int *count, struct zt_error *e);

/* The clinics of survey id's district with whether each was sent a link and has answered (survey_read);
 * *out is the caller's (free()). */
enum zt_err app_survey_clinics(struct store *st, const struct auth_ctx *auth, int64_t id,
			       struct survey_clinic_status **out, size_t *n, struct zt_error *e);
/* The response of institution_id to survey id (survey_read); ZT_ERR_NOTFOUND when none. */
enum zt_err app_survey_response(struct store *st, const struct auth_ctx *auth, int64_t id, int64_t institution_id,
				struct survey_response *out, struct zt_error *e);
/* The results of survey id (survey_read). *out is the caller's: survey_results_free(). */
enum zt_err app_survey_results(struct store *st, const struct auth_ctx *auth, int64_t id, struct survey_results **out,
			       struct zt_error *e);
void survey_results_free(struct survey_results *r); /* accepts NULL */

/* The latest answer of a clinic to a question with key key, across all surveys (for the clinic
 * stages of issue 18 §3): value and note as in domain/survey.h, the survey and when. */
struct survey_latest {
	int64_t survey_id;
	char value[SURVEY_VALUE_MAX_CHARS * 4 + 1];
	char note[SURVEY_NOTE_MAX_CHARS * 4 + 1];
	char answered_at[21];
};
/* ZT_ERR_NOTFOUND when the clinic never answered that key. No policy: callers check their own. */
enum zt_err app_survey_latest_answer(struct store *st, int64_t institution_id, const char *key,
				     struct survey_latest *out, struct zt_error *e);

#endif
