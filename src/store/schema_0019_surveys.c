/*
 * Schema step 0019: clinic surveys (アンケート, seed 002 STEP1, issue 18 §1) — a survey of a district
 * (its 郡市医師会) with its questions and options, the clinics it was sent to with the hash of each
 * personal link's token (the token itself is never stored), and one response per clinic with its
 * answers.
 *   survey.state                   'draft', 'open' or 'closed'
 *   survey_question.kind           'single', 'multiple', 'number', 'text' (domain/survey.h)
 *   survey_target.token_hash       hex BLAKE2b-256 of the link's token; replaced when the link is re-sent
 *   survey_response.source         'link' (the clinic), 'paper' (entered by the coordinator), 'import'
 *   survey_answer.value            an option key, option keys joined by ',', a number or the text
 */
const char schema_0019_surveys[] =
	"CREATE TABLE survey ("
	"  id INTEGER PRIMARY KEY,"
	"  association_id INTEGER NOT NULL REFERENCES institution(id),"
	"  title TEXT NOT NULL, template TEXT NOT NULL DEFAULT '',"
	"  state TEXT NOT NULL DEFAULT 'draft', expires_on TEXT,"
	"  created_by INTEGER REFERENCES account(id),"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, sent_at TEXT, closed_at TEXT);"
	"CREATE INDEX survey_association ON survey(association_id);"
	"CREATE TABLE survey_question ("
	"  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, qkey TEXT NOT NULL, kind TEXT NOT NULL, wording TEXT NOT NULL,"
	"  required INTEGER NOT NULL DEFAULT 0, when_key TEXT NOT NULL DEFAULT '', when_value TEXT NOT NULL DEFAULT '',"
	"  min_value DOUBLE PRECISION NOT NULL DEFAULT 0, max_value DOUBLE PRECISION NOT NULL DEFAULT 0,"
	"  whole INTEGER NOT NULL DEFAULT 0, unit TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (survey_id, pos), UNIQUE (survey_id, qkey));"
	"CREATE TABLE survey_option ("
	"  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,"
	"  question_pos INTEGER NOT NULL, pos INTEGER NOT NULL, okey TEXT NOT NULL, label TEXT NOT NULL,"
	"  with_text INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (survey_id, question_pos, pos));"
	"CREATE TABLE survey_target ("
	"  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  token_hash TEXT NOT NULL UNIQUE, expires_on TEXT NOT NULL, sent_at TEXT NOT NULL,"
	"  PRIMARY KEY (survey_id, institution_id));"
	"CREATE TABLE survey_response ("
	"  id INTEGER PRIMARY KEY,"
	"  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  source TEXT NOT NULL, answered_at TEXT NOT NULL,"
	"  UNIQUE (survey_id, institution_id));"
	"CREATE INDEX survey_response_institution ON survey_response(institution_id);"
	"CREATE TABLE survey_answer ("
	"  response_id INTEGER NOT NULL REFERENCES survey_response(id) ON DELETE CASCADE,"
	"  qkey TEXT NOT NULL, value TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (response_id, qkey));"
	"CREATE INDEX survey_answer_key ON survey_answer(qkey);";
