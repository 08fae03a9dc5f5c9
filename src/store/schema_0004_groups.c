/*
 * Schema step 0004: groups (参入促進・連携（グループ化）, seed 000), their members, 積極的役割,
 * agreement (協定) with its PDF, the three initiatives (取組) and the certificates (機関証).
 * The agreement PDF and the initiatives' attachments are BLOBs (BYTEA for the PostgreSQL driver).
 */
const char schema_0004_groups[] =
	"CREATE TABLE care_group ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  note TEXT,"                                   /* internal; never published */
	"  base_institution_id INTEGER REFERENCES institution(id)," /* 拠点 (郡市医師会) */
	"  certified INTEGER NOT NULL DEFAULT 0,"        /* valid at the last re-validation */
	"  checked_on TEXT,"                             /* JST date of that re-validation */
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE TABLE care_group_member ("
	"  group_id INTEGER NOT NULL REFERENCES care_group(id) ON DELETE CASCADE,"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  role TEXT NOT NULL,"                          /* member_medical | nurse_station | ... */
	"  position INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (group_id, institution_id));"
	"CREATE INDEX care_group_member_i ON care_group_member(institution_id);"
	"CREATE TABLE care_group_active ("               /* 積極的役割を担う医療機関 */
	"  group_id INTEGER NOT NULL REFERENCES care_group(id) ON DELETE CASCADE,"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  PRIMARY KEY (group_id, institution_id));"
	"CREATE TABLE care_group_agreement ("            /* 協定 */
	"  group_id INTEGER PRIMARY KEY REFERENCES care_group(id) ON DELETE CASCADE,"
	"  signed_on TEXT, valid_from TEXT, valid_to TEXT, parties TEXT,"
	"  document BLOB, document_size INTEGER, document_at TEXT,"
	"  updated_at TEXT NOT NULL);"
	"CREATE TABLE care_group_initiative ("           /* 3つの取組 */
	"  id INTEGER PRIMARY KEY,"
	"  group_id INTEGER NOT NULL REFERENCES care_group(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL,"                          /* support | patient_centred | awareness_training */
	"  fiscal_year INTEGER NOT NULL, held_on TEXT NOT NULL,"
	"  title TEXT NOT NULL, description TEXT,"
	"  topics TEXT,"                                 /* comma-separated meeting topics */
	"  participants INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX care_group_initiative_g ON care_group_initiative(group_id, fiscal_year);"
	"CREATE TABLE care_group_initiative_attachment (" /* one file per 取組: PDF, PNG or JPEG */
	"  initiative_id INTEGER PRIMARY KEY REFERENCES care_group_initiative(id) ON DELETE CASCADE,"
	"  content_type TEXT NOT NULL,"                  /* application/pdf | image/png | image/jpeg */
	"  data BLOB NOT NULL, size INTEGER NOT NULL,"
	"  uploaded_at TEXT NOT NULL);"
	"CREATE TABLE group_certificate ("               /* 機関証 */
	"  id INTEGER PRIMARY KEY,"
	"  number TEXT NOT NULL UNIQUE,"                 /* KG-2025-000123 */
	"  group_id INTEGER NOT NULL,"                   /* no FK: outlives a deleted group (revoked) */
	"  group_name TEXT NOT NULL,"                    /* as issued */
	"  institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  institution_name TEXT NOT NULL,"
	"  status TEXT NOT NULL,"                        /* valid | revoked */
	"  issued_at TEXT NOT NULL, revoked_at TEXT, revoke_reason TEXT);"
	"CREATE INDEX group_certificate_g ON group_certificate(group_id, institution_id, status);";
