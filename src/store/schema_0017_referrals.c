/*
 * Schema step 0017: discharge referrals (退院調整, issue 16 §1–§4; seed 002 ⑥⑦, seed 004 入退院支援).
 *   referral             one per referral: the patient, the referring hospital, the home (address and
 *                        coordinates, refused without them), needs, the state, the district handling it
 *                        (郡市医師会), the neighbour it is offered to (相互補完) and the proposed clinic and
 *                        visiting nurse station with their answers
 *   referral_preference  a known doctor / clinic to prefer or a clinic to avoid, hard or soft
 *   referral_event       every transition: from, to, event, who (user, role, institution), why, when
 *   referral_batch       a batch proposal the coordinator confirmed (objective, size)
 *   institution_capacity how many more home patients an institution accepts, declared when and by whom,
 *                        with its load at that moment (the remaining capacity shrinks as the load grows)
 */
const char schema_0017_referrals[] =
	"CREATE TABLE referral ("
	"  id INTEGER PRIMARY KEY,"
	"  patient_id INTEGER NOT NULL REFERENCES patient(id),"
	"  hospital_id INTEGER NOT NULL REFERENCES institution(id),"
	"  state TEXT NOT NULL,"
	"  planned_discharge TEXT NOT NULL,"
	"  municipality_code TEXT NOT NULL REFERENCES municipality(code),"
	"  address TEXT NOT NULL, lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL, coord_source TEXT NOT NULL,"
	"  needs_mask INTEGER NOT NULL DEFAULT 0, devices_mask INTEGER NOT NULL DEFAULT 0,"
	"  visits_per_month INTEGER NOT NULL DEFAULT 2, eol_wish TEXT NOT NULL DEFAULT 'unknown', note TEXT,"
	"  district_id INTEGER REFERENCES institution(id),"
	"  offered_to_id INTEGER REFERENCES institution(id),"
	"  clinic_id INTEGER REFERENCES institution(id), nurse_station_id INTEGER REFERENCES institution(id),"
	"  clinic_answer TEXT, nurse_answer TEXT, decline_reason TEXT,"
	"  batch_id INTEGER,"
	"  created_at TEXT NOT NULL, sent_at TEXT, accepted_at TEXT, closed_at TEXT, updated_at TEXT NOT NULL);"
	"CREATE INDEX referral_district ON referral(district_id, state);"
	"CREATE INDEX referral_hospital ON referral(hospital_id);"
	"CREATE INDEX referral_municipality ON referral(municipality_code);"
	"CREATE INDEX referral_clinic ON referral(clinic_id);"
	"CREATE INDEX referral_nurse ON referral(nurse_station_id);"
	"CREATE INDEX referral_offered ON referral(offered_to_id);"
	"CREATE TABLE referral_preference ("
	"  referral_id INTEGER NOT NULL REFERENCES referral(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL, kind TEXT NOT NULL, institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  practitioner_id INTEGER REFERENCES practitioner(id), hard INTEGER NOT NULL DEFAULT 0, note TEXT,"
	"  PRIMARY KEY (referral_id, position));"
	"CREATE TABLE referral_event ("
	"  id INTEGER PRIMARY KEY,"
	"  referral_id INTEGER NOT NULL REFERENCES referral(id) ON DELETE CASCADE,"
	"  event TEXT NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL,"
	"  user_name TEXT NOT NULL, user_role TEXT NOT NULL, institution_id INTEGER,"
	"  reason_code TEXT, reason TEXT, at TEXT NOT NULL);"
	"CREATE INDEX referral_event_referral ON referral_event(referral_id, id);"
	"CREATE INDEX referral_event_at ON referral_event(at);"
	"CREATE TABLE referral_batch ("
	"  id INTEGER PRIMARY KEY, district_id INTEGER REFERENCES institution(id),"
	"  assigned INTEGER NOT NULL, objective DOUBLE PRECISION, created_by TEXT NOT NULL, created_at TEXT NOT NULL);"
	"CREATE TABLE institution_capacity ("
	"  institution_id INTEGER PRIMARY KEY REFERENCES institution(id) ON DELETE CASCADE,"
	"  accepts_more INTEGER NOT NULL, load_at_declaration INTEGER NOT NULL,"
	"  declared_at TEXT NOT NULL, declared_by TEXT NOT NULL);";
