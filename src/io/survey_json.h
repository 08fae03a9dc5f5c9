/*
 * JSON forms of the clinic surveys (issue 18 §1): decoders of a survey's questions and of a clinic's
 * answers (pure; the fuzz harness tests/fuzz/fuzz_survey_json.c drives them), and encoders of a
 * survey, the templates and a link's view. Results and their SVG charts: survey_report.h.
 */
#ifndef ZT_IO_SURVEY_JSON_H
#define ZT_IO_SURVEY_JSON_H

#include <jansson.h>

#include "core/error.h"
#include "domain/survey.h"

/*
 * Reads an array of questions
 *   [{key, kind: single|multiple|number|text, text, required?, when_key?, when_value?, min?, max?,
 *     integer?, unit?, options?: [{key, label, with_text?}]}]
 * into *def. ZT_ERR_INVALID naming the field ("questions[2].options[0].label"); the rules of a
 * definition are survey_def_validate's (called here too).
 */
enum zt_err survey_def_from_json(const json_t *questions, struct survey_def *def, struct zt_error *e);
/*
 * Reads answers {key: value} where value is a string (single, text), a number (number), an array of
 * option keys (multiple) or null (no answer), and notes {key: text} into *ans (unchecked against a
 * survey: survey_answers_check does that). ZT_ERR_INVALID naming the key for a value of the wrong
 * type or too long, or too many answers.
 */
enum zt_err survey_answers_from_json(const json_t *answers, const json_t *notes, struct survey_answers *ans,
				     struct zt_error *e);

/* The questions of def as the API shows them (new reference). */
json_t *survey_def_json(const struct survey_def *def);
/* A survey; its questions when with_def (new reference). */
json_t *survey_json(const struct survey *s, bool with_def);
/* The shipped templates with their questions (new reference). */
json_t *survey_templates_json(void);
/* The answers as {key: value} with multiple choices as arrays, and notes as {key: text}. */
json_t *survey_answers_json(const struct survey_def *def, const struct survey_answers *a);
json_t *survey_notes_json(const struct survey_answers *a);

#endif
