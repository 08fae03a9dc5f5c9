/*
 * Schema step 0014: the leftovers of the 24-hour network (issue 14 §2, §5):
 *   backup_registration.end_reason  why a 在宅療養後方支援病院 registration was ended explicitly
 *                                   (ended_on already exists; replacement leaves the reason NULL)
 *   network_rule        seed 002 ③ per group (the unit whose 郡市医師会 and hospitals agreed the
 *                       rules; docs/network.md): discharge_origin_first (柏市, the default),
 *                       night_acute_first (青葉区), backup_secondary_hospital_id (a backup hospital
 *                       covering all nights as 副主治医; NULL = none)
 *   hospital_night_duty which acute hospital is on night duty (夜間休日当直) on which date, per group
 *   bed_report_history  every bed update kept (bed_report holds the latest figure per ward)
 */
const char schema_0014_network_rules[] =
	"ALTER TABLE backup_registration ADD COLUMN end_reason TEXT;"
	"CREATE TABLE network_rule ("
	"  group_id INTEGER PRIMARY KEY REFERENCES care_group(id) ON DELETE CASCADE,"
	"  discharge_origin_first INTEGER NOT NULL DEFAULT 1,"
	"  night_acute_first INTEGER NOT NULL DEFAULT 0,"
	"  backup_secondary_hospital_id INTEGER REFERENCES institution(id) ON DELETE SET NULL,"
	"  updated_at TEXT NOT NULL, updated_by TEXT);"
	"CREATE TABLE hospital_night_duty ("
	"  id INTEGER PRIMARY KEY,"
	"  group_id INTEGER NOT NULL REFERENCES care_group(id) ON DELETE CASCADE,"
	"  duty_date TEXT NOT NULL,"
	"  hospital_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  created_at TEXT NOT NULL,"
	"  UNIQUE (group_id, duty_date, hospital_id));"
	"CREATE INDEX hospital_night_duty_date ON hospital_night_duty(group_id, duty_date);"
	"CREATE TABLE bed_report_history ("
	"  id INTEGER PRIMARY KEY,"
	"  hospital_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  ward TEXT NOT NULL, reserved INTEGER NOT NULL, free INTEGER NOT NULL,"
	"  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);"
	"CREATE INDEX bed_report_history_hospital ON bed_report_history(hospital_id, updated_at);";
