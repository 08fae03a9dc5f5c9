/*
 * Schema step 0020: 訪問診療導入研修（同行訪問研修, seed 002 別紙1 ②, issue 18 §2) and its 認定証 (seed 000 §3(3)).
 *   training_programme    one per 郡市医師会 (association_id) and fiscal year: title, the distance limit of the
 *                         advisor matching (max_km)
 *   training_session      the steps 第1回座学 → 同行訪問 → 第2回座学 → 受講後アンケート → フォローアップ with date and place
 *   training_invitation   the clinics invited (研修開催の案内), by hand or from a survey
 *   training_advisor      アドバイザー医師: a doctor of an institution with how many trainees they accompany
 *   training_trainee      受講生医師: a doctor of a clinic, three wishes (advisor ids), the advisor paired with
 *                         the reason and distance of the pairing
 *   training_attendance   per trainee and step: attended (the survey step: answered)
 *   training_visit        each accompanied visit (同行訪問) with its date and advisor
 *   training_followup     follow-up notes: started home visits? filed 在支診? what next
 *   training_certificate  the 認定証: number KS-<year>-<sequence>, valid or revoked (the number stays)
 */
const char schema_0020_training[] =
	"CREATE TABLE training_programme ("
	"  id INTEGER PRIMARY KEY,"
	"  association_id INTEGER NOT NULL REFERENCES institution(id),"
	"  fiscal_year INTEGER NOT NULL, title TEXT NOT NULL,"
	"  max_km DOUBLE PRECISION NOT NULL, note TEXT,"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX training_programme_assoc ON training_programme(association_id, fiscal_year);"
	"CREATE TABLE training_session ("
	"  programme_id INTEGER NOT NULL REFERENCES training_programme(id) ON DELETE CASCADE,"
	"  step TEXT NOT NULL, held_on TEXT, place TEXT, note TEXT,"
	"  PRIMARY KEY (programme_id, step));"
	"CREATE TABLE training_invitation ("
	"  programme_id INTEGER NOT NULL REFERENCES training_programme(id) ON DELETE CASCADE,"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  source TEXT NOT NULL, invited_at TEXT NOT NULL,"
	"  PRIMARY KEY (programme_id, institution_id));"
	"CREATE TABLE training_advisor ("
	"  id INTEGER PRIMARY KEY,"
	"  programme_id INTEGER NOT NULL REFERENCES training_programme(id) ON DELETE CASCADE,"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  practitioner_id INTEGER REFERENCES practitioner(id),"
	"  name TEXT NOT NULL, capacity INTEGER NOT NULL, created_at TEXT NOT NULL);"
	"CREATE INDEX training_advisor_p ON training_advisor(programme_id);"
	"CREATE TABLE training_trainee ("
	"  id INTEGER PRIMARY KEY,"
	"  programme_id INTEGER NOT NULL REFERENCES training_programme(id) ON DELETE CASCADE,"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  practitioner_id INTEGER REFERENCES practitioner(id),"
	"  name TEXT NOT NULL, wish1 INTEGER, wish2 INTEGER, wish3 INTEGER,"
	"  advisor_id INTEGER REFERENCES training_advisor(id),"
	"  match_reason TEXT, distance_km DOUBLE PRECISION, paired_at TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX training_trainee_p ON training_trainee(programme_id);"
	"CREATE TABLE training_attendance ("
	"  trainee_id INTEGER NOT NULL REFERENCES training_trainee(id) ON DELETE CASCADE,"
	"  step TEXT NOT NULL, attended INTEGER NOT NULL, recorded_at TEXT NOT NULL,"
	"  PRIMARY KEY (trainee_id, step));"
	"CREATE TABLE training_visit ("
	"  id INTEGER PRIMARY KEY,"
	"  trainee_id INTEGER NOT NULL REFERENCES training_trainee(id) ON DELETE CASCADE,"
	"  advisor_id INTEGER REFERENCES training_advisor(id),"
	"  visited_on TEXT NOT NULL, note TEXT, created_at TEXT NOT NULL);"
	"CREATE INDEX training_visit_t ON training_visit(trainee_id);"
	"CREATE TABLE training_followup ("
	"  id INTEGER PRIMARY KEY,"
	"  trainee_id INTEGER NOT NULL REFERENCES training_trainee(id) ON DELETE CASCADE,"
	"  noted_on TEXT NOT NULL, started_visits INTEGER, filed_zaishishin INTEGER, note TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX training_followup_t ON training_followup(trainee_id);"
	"CREATE TABLE training_certificate ("
	"  id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE,"
	"  trainee_id INTEGER NOT NULL REFERENCES training_trainee(id),"
	"  programme_id INTEGER NOT NULL REFERENCES training_programme(id),"
	"  trainee_name TEXT NOT NULL, institution_name TEXT NOT NULL, programme_title TEXT NOT NULL,"
	"  fiscal_year INTEGER NOT NULL, status TEXT NOT NULL,"
	"  issued_at TEXT NOT NULL, revoked_at TEXT, revoke_reason TEXT);"
	"CREATE INDEX training_certificate_t ON training_certificate(trainee_id);";
