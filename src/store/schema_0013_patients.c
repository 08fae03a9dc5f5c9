/*
 * Schema step 0013: the 24-hour network (issue 14 §1–§3) — patients (要配慮個人情報), their care teams
 * (主治医・副主治医制), 在宅療養後方支援病院 registrations with their information exchanges, the
 * group's duty hours and duties (当番), and a phone for practitioners (the call chain dials it).
 *   patient.coord_*      provenance of the home's coordinates (16 km must be reproducible)
 *   patient.needs_mask   capabilities (codes.h bits) the patient needs; devices_mask: domain/patient.h
 *   patient.acp_*        ACP answers as recorded, with the date and who recorded them
 *   care_team            one row per patient; practitioner and institution of 主治医 / 副主治医, …
 *   backup_registration  one in force per patient (ended_on NULL); checked in app_patients.c
 *   duty                 one doctor per row; source 'manual' or 'solver' (issue 15 fills it)
 */
const char schema_0013_patients[] =
	"ALTER TABLE practitioner ADD COLUMN phone TEXT;"
	"CREATE TABLE patient ("
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL, kana TEXT NOT NULL, birth_date TEXT NOT NULL,"
	"  sex TEXT NOT NULL, postal_code TEXT, address TEXT NOT NULL,"
	"  municipality_code TEXT NOT NULL REFERENCES municipality(code),"
	"  lat DOUBLE PRECISION, lon DOUBLE PRECISION, coord_source TEXT, coord_precision TEXT, coord_date TEXT,"
	"  phone TEXT, family_name TEXT, family_relation TEXT, family_phone TEXT,"
	"  care_level TEXT NOT NULL, status TEXT NOT NULL, status_since TEXT NOT NULL,"
	"  needs_mask INTEGER NOT NULL DEFAULT 0, devices_mask INTEGER NOT NULL DEFAULT 0, allergies TEXT,"
	"  acp_home_death TEXT NOT NULL DEFAULT 'unknown', acp_transport TEXT NOT NULL DEFAULT 'unknown',"
	"  acp_life_support TEXT NOT NULL DEFAULT 'unknown', acp_note TEXT, acp_recorded_on TEXT, acp_recorded_by TEXT,"
	"  owner_institution_id INTEGER REFERENCES institution(id),"
	"  fictional INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX patient_municipality ON patient(municipality_code);"
	"CREATE INDEX patient_owner ON patient(owner_institution_id);"
	"CREATE TABLE care_team ("
	"  patient_id INTEGER PRIMARY KEY REFERENCES patient(id) ON DELETE CASCADE,"
	"  group_id INTEGER REFERENCES care_group(id) ON DELETE SET NULL,"
	"  primary_practitioner_id INTEGER REFERENCES practitioner(id),"
	"  primary_institution_id INTEGER REFERENCES institution(id),"
	"  secondary_practitioner_id INTEGER REFERENCES practitioner(id),"
	"  secondary_institution_id INTEGER REFERENCES institution(id),"
	"  nurse_station_id INTEGER REFERENCES institution(id),"
	"  pharmacy_id INTEGER REFERENCES institution(id),"
	"  care_manager_id INTEGER REFERENCES institution(id),"
	"  discharge_hospital_id INTEGER REFERENCES institution(id),"
	"  updated_at TEXT NOT NULL);"
	"CREATE INDEX care_team_primary ON care_team(primary_institution_id);"
	"CREATE INDEX care_team_secondary ON care_team(secondary_institution_id);"
	"CREATE INDEX care_team_nurse ON care_team(nurse_station_id);"
	"CREATE TABLE backup_registration ("
	"  id INTEGER PRIMARY KEY,"
	"  patient_id INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,"
	"  hospital_id INTEGER NOT NULL REFERENCES institution(id),"
	"  registered_on TEXT NOT NULL, expires_on TEXT, ended_on TEXT, created_at TEXT NOT NULL);"
	"CREATE INDEX backup_registration_patient ON backup_registration(patient_id);"
	"CREATE TABLE backup_exchange ("
	"  id INTEGER PRIMARY KEY,"
	"  registration_id INTEGER NOT NULL REFERENCES backup_registration(id) ON DELETE CASCADE,"
	"  exchanged_on TEXT NOT NULL, note TEXT, created_at TEXT NOT NULL);"
	"CREATE INDEX backup_exchange_registration ON backup_exchange(registration_id);"
	"CREATE TABLE duty_setting ("
	"  group_id INTEGER PRIMARY KEY REFERENCES care_group(id) ON DELETE CASCADE,"
	"  day_start INTEGER NOT NULL DEFAULT 540, day_end INTEGER NOT NULL DEFAULT 1080,"
	"  saturday_holiday INTEGER NOT NULL DEFAULT 0, nurse_first INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE duty ("
	"  id INTEGER PRIMARY KEY,"
	"  group_id INTEGER NOT NULL REFERENCES care_group(id) ON DELETE CASCADE,"
	"  duty_date TEXT NOT NULL, duty_type TEXT NOT NULL,"
	"  practitioner_id INTEGER NOT NULL REFERENCES practitioner(id),"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  source TEXT NOT NULL DEFAULT 'manual', note TEXT, created_at TEXT NOT NULL,"
	"  UNIQUE (group_id, duty_date, duty_type, practitioner_id));"
	"CREATE INDEX duty_date ON duty(duty_date, group_id);";
