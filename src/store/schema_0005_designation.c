/*
 * Schema step 0005: designation per area (seed 001), obligation checklists, and the 在宅医療
 * サポートセンター per 二次医療圏 (seed 004). Designations are never deleted: ending one sets
 * valid_to, so the history of a plan period stays readable.
 */
const char schema_0005_designation[] =
	"CREATE TABLE designation ("
	"  id INTEGER PRIMARY KEY,"
	"  municipality_code TEXT NOT NULL REFERENCES municipality(code),"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  role TEXT NOT NULL,"                 /* active (積極的役割) | base (連携を担う拠点) */
	"  basis TEXT NOT NULL,"                /* rule | volunteer | override */
	"  rule TEXT,"                          /* the rule code when basis = rule */
	"  reason TEXT,"                        /* required for override */
	"  plan_period TEXT NOT NULL,"          /* e.g. 2024-2029 */
	"  valid_from TEXT NOT NULL, valid_to TEXT,"
	"  created_by TEXT, ended_by TEXT, end_reason TEXT);"
	"CREATE INDEX designation_municipality ON designation(municipality_code, valid_to);"
	"CREATE INDEX designation_institution ON designation(institution_id);"
	"CREATE TABLE designation_item ("       /* obligation checklist of a designation */
	"  designation_id INTEGER NOT NULL REFERENCES designation(id) ON DELETE CASCADE,"
	"  item TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'todo',"  /* todo | doing | done */
	"  evidence TEXT, due_date TEXT, done_date TEXT, updated_at TEXT,"
	"  PRIMARY KEY (designation_id, item));"
	"CREATE TABLE support_centre ("         /* 在宅医療サポートセンター (seed 004) */
	"  id INTEGER PRIMARY KEY,"
	"  medical_area_id INTEGER NOT NULL REFERENCES medical_area(id),"
	"  institution_id INTEGER REFERENCES institution(id),"
	"  type TEXT NOT NULL,"                 /* core (基幹型) | linked (連携型) */
	"  name TEXT NOT NULL,"
	"  valid_from TEXT NOT NULL, valid_to TEXT);"
	"CREATE INDEX support_centre_area ON support_centre(medical_area_id);"
	"CREATE TABLE support_centre_item ("
	"  support_centre_id INTEGER NOT NULL REFERENCES support_centre(id) ON DELETE CASCADE,"
	"  item TEXT NOT NULL, PRIMARY KEY (support_centre_id, item));";
