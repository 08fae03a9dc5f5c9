/*
 * Schema step 0022: activity plans (PDCA, issue 19 §1, §2, §4; seeds 002 STEP2–3, 003, 004).
 *   plan_assignment  which rule set (domain/ruleset.c code) the prefecture applies to an operator, and
 *                    the Kumamoto variant ('kikan' 基幹型 / 'renkei' 連携型); one row per operator
 *   plan             one per operator and fiscal year: the rule set it was written under, the goals note,
 *                    Check (評価) and Act (改善) notes; Act of year N is shown in year N+1's plan
 *   plan_action      the actions (事業項目) chosen, with the coordinator's note
 *   plan_goal        a goal per indicator (domain/plan.c plan_indicators codes), an integer count
 *   plan_upload      evidence uploaded by hand for one action (PDF, image), with who and when
 * Evidence from the records (meetings, visits, referrals, groups, rotas, …) is not copied here: it is
 * collected live by app_plans.c (one collector per source), so a meeting recorded later appears at once.
 */
const char schema_0022_plans[] =
	"CREATE TABLE plan_assignment ("
	"  operator_id INTEGER PRIMARY KEY REFERENCES operator(id) ON DELETE CASCADE,"
	"  ruleset TEXT NOT NULL, variant TEXT,"
	"  set_by TEXT, set_at TEXT NOT NULL);"
	"CREATE TABLE plan ("
	"  id INTEGER PRIMARY KEY,"
	"  operator_id INTEGER NOT NULL REFERENCES operator(id) ON DELETE CASCADE,"
	"  fiscal_year INTEGER NOT NULL, ruleset TEXT NOT NULL, variant TEXT,"
	"  goals_note TEXT, check_note TEXT, act_note TEXT,"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	"  UNIQUE (operator_id, fiscal_year));"
	"CREATE TABLE plan_action ("
	"  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL, code TEXT NOT NULL, note TEXT,"
	"  PRIMARY KEY (plan_id, code));"
	"CREATE TABLE plan_goal ("
	"  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
	"  indicator TEXT NOT NULL, goal INTEGER NOT NULL,"
	"  PRIMARY KEY (plan_id, indicator));"
	"CREATE TABLE plan_upload ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
	"  action_code TEXT NOT NULL, title TEXT NOT NULL, held_on TEXT NOT NULL,"
	"  content_type TEXT NOT NULL, data BLOB NOT NULL, size INTEGER NOT NULL,"
	"  uploaded_by TEXT, uploaded_at TEXT NOT NULL);"
	"CREATE INDEX plan_upload_plan ON plan_upload(plan_id);";
