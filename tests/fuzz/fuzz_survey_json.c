/* libFuzzer harness of the clinic surveys (issue 18 §1, "new decoders fuzzed"): the first byte picks
 * the questions decoder (io/survey_json.h, then survey_def_validate), the answers decoder followed by
 * survey_answers_check against the seed's clinic questionnaire, or the CSV/XLSX import reader
 * (io/survey_import.h). Every refusal names its field or line. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/survey.h"
#include "io/survey_import.h"
#include "io/survey_json.h"

static enum zt_err row_cb(long line, const char *ident, struct survey_answers *ans, void *ctx, struct zt_error *e)
{
	const struct survey_def *def = ctx;
	(void)ident;
	enum zt_err r = survey_answers_check(def, ans, e);
	if (r != ZT_OK && e->field[0] == '\0')
		abort();
	if (line <= 0)
		abort();
	return r == ZT_OK ? ZT_OK : r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	struct zt_error e;
	zt_error_clear(&e);
	struct survey_def *def = calloc(1, sizeof *def);
	struct survey_answers *ans = calloc(1, sizeof *ans);
	if (def == NULL || ans == NULL)
		abort();
	int mode = data[0] % 3;
	if (mode == 2) {
		survey_def_from_template(&survey_templates[SURVEY_TEMPLATE_CLINIC_STATUS], def);
		(void)survey_import_read((const char *)data + 1, size - 1, (data[0] & 0x80) != 0, def, row_cb, def, &e);
		goto out;
	}
	json_error_t jerr;
	json_t *o = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL)
		goto out;
	if (mode == 0) {
		enum zt_err r = survey_def_from_json(o, def, &e);
		if (r != ZT_OK && e.field[0] == '\0')
			abort(); /* every refusal names its field */
		if (r == ZT_OK) {
			json_t *back = survey_def_json(def);
			struct survey_def *again = calloc(1, sizeof *again);
			if (again == NULL || survey_def_from_json(back, again, &e) != ZT_OK)
				abort(); /* what we print, we read back */
			free(again);
			json_decref(back);
		}
	} else {
		survey_def_from_template(&survey_templates[SURVEY_TEMPLATE_CLINIC_STATUS], def);
		enum zt_err r = survey_answers_from_json(json_object_get(o, "answers"), json_object_get(o, "notes"), ans, &e);
		if (r == ZT_OK)
			r = survey_answers_check(def, ans, &e);
		if (r != ZT_OK && e.field[0] == '\0')
			abort();
		if (r == ZT_OK) {
			json_t *a = survey_answers_json(def, ans), *n = survey_notes_json(ans);
			json_decref(a);
			json_decref(n);
		}
	}
	json_decref(o);
out:
	free(def);
	free(ans);
	return 0;
}
