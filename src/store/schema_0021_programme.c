/*
 * Schema step 0021: the coordinator programme (issue 18 §3–§6; seeds 002, 003, 004) — operators
 * (事業者) that run a programme, meetings with invitees, attendance, minutes and follow-up actions,
 * clinic development stages (A–D) with their history and plans, institution visits, awards (顕彰).
 *   operator.kind               operator_kinds[] of domain/operator.h ('coordinator', 'support_core', …)
 *   operator.association_id     the 郡市医師会 (an institution) whose coordinators belong to the operator
 *   operator.municipality_code  the municipality of a 在宅医療・介護連携推進事業 (or the operator's seat)
 *   meeting.kind                meeting_kinds[] of domain/meeting.h; held_on a JST date
 *   meeting_person.attended     NULL not yet recorded, 0 absent, 1 present
 *   clinic_stage.source         'derived' (computed from standards and survey) or 'override' (with reason)
 *   award.status                'nominated', 'awarded', 'declined'; public once 'awarded'
 * Attachments (the minutes PDF) are BLOBs, as the groups' agreement documents.
 */
const char schema_0021_programme[] =
	"CREATE TABLE operator ("
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,"
	"  prefecture_code TEXT NOT NULL REFERENCES prefecture(code),"
	"  association_id INTEGER REFERENCES institution(id),"
	"  municipality_code TEXT REFERENCES municipality(code),"
	"  institution_id INTEGER REFERENCES institution(id),"
	"  first_fiscal_year INTEGER NOT NULL, note TEXT,"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	"  UNIQUE (prefecture_code, name));"
	"CREATE INDEX operator_association ON operator(association_id);"
	"CREATE TABLE meeting ("
	"  id INTEGER PRIMARY KEY, operator_id INTEGER NOT NULL REFERENCES operator(id),"
	"  kind TEXT NOT NULL, title TEXT NOT NULL, held_on TEXT NOT NULL,"
	"  start_time TEXT, end_time TEXT, place TEXT, agenda TEXT, minutes TEXT,"
	"  minutes_pdf BLOB, minutes_pdf_at TEXT,"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX meeting_operator ON meeting(operator_id, held_on);"
	"CREATE TABLE meeting_person ("          /* invited institutions and people, with attendance */
	"  id INTEGER PRIMARY KEY, meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,"
	"  institution_id INTEGER REFERENCES institution(id), name TEXT, role TEXT,"
	"  attended INTEGER);"
	"CREATE INDEX meeting_person_meeting ON meeting_person(meeting_id);"
	"CREATE TABLE meeting_action ("          /* follow-up actions */
	"  id INTEGER PRIMARY KEY, meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,"
	"  text TEXT NOT NULL, owner TEXT NOT NULL, due_on TEXT, done_on TEXT);"
	"CREATE INDEX meeting_action_meeting ON meeting_action(meeting_id);"
	"CREATE TABLE clinic_stage ("            /* every stage set or derived, newest last: the history */
	"  id INTEGER PRIMARY KEY, institution_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  stage TEXT NOT NULL, derived TEXT NOT NULL, source TEXT NOT NULL, reason TEXT,"
	"  set_on TEXT NOT NULL, username TEXT, created_at TEXT NOT NULL);"
	"CREATE INDEX clinic_stage_inst ON clinic_stage(institution_id, id);"
	"CREATE TABLE clinic_plan ("             /* the plan per clinic: next step, action, due date */
	"  institution_id INTEGER PRIMARY KEY REFERENCES institution(id) ON DELETE CASCADE,"
	"  next_step TEXT, action TEXT, due_on TEXT, updated_at TEXT NOT NULL);"
	"CREATE TABLE institution_visit ("       /* seed 002 ① 継続的に訪問 */
	"  id INTEGER PRIMARY KEY, institution_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  operator_id INTEGER REFERENCES operator(id), visited_on TEXT NOT NULL, visitor TEXT NOT NULL,"
	"  learnt TEXT, follow_up TEXT, created_at TEXT NOT NULL);"
	"CREATE INDEX institution_visit_inst ON institution_visit(institution_id, visited_on);"
	"CREATE TABLE award ("                   /* 顕彰 (seed 004) */
	"  id INTEGER PRIMARY KEY, institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  operator_id INTEGER REFERENCES operator(id), fiscal_year INTEGER NOT NULL, title TEXT,"
	"  reason TEXT NOT NULL, status TEXT NOT NULL, decided_on TEXT, decision_note TEXT,"
	"  nominated_by TEXT, created_at TEXT NOT NULL, UNIQUE (institution_id, fiscal_year));";
