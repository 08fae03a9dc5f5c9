/*
 * Schema step 0011: seed 000 to the letter (issue 13 §1–§6, §13) and 公表 (issue 12 §8) — the kind of a
 * group (医療機関等 / 郡市医師会・市町村), its 結成日, the parties of its 協定, plans (計画) among its
 * 取組, 法人番号, the fiscal year of each 機関証, the issuer of the certificates per prefecture, and the
 * publication (公表) of groups and designations. Groups and designations public before this step stay
 * public; existing certificates get the fiscal year of their issue date.
 */
const char schema_0011_groups_rules[] =
	"ALTER TABLE care_group ADD COLUMN kind TEXT NOT NULL DEFAULT 'providers';" /* providers | municipality_centred */
	"ALTER TABLE care_group ADD COLUMN formed_on TEXT;"            /* 結成日; NULL = the agreement's 締結日 */
	"ALTER TABLE care_group ADD COLUMN published_at TEXT;"         /* 公表: NULL = 下書き */
	"ALTER TABLE care_group ADD COLUMN published_by TEXT;"
	"UPDATE care_group SET published_at = updated_at WHERE certified = 1;"
	"CREATE TABLE care_group_agreement_party ("                    /* 協定の当事者 */
	"  group_id INTEGER NOT NULL REFERENCES care_group(id) ON DELETE CASCADE,"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  PRIMARY KEY (group_id, institution_id));"
	"ALTER TABLE care_group_initiative ADD COLUMN planned INTEGER NOT NULL DEFAULT 0;" /* 1: 計画 */
	"ALTER TABLE legal_entity ADD COLUMN corporate_number TEXT;"   /* 法人番号 (13 digits) when known */
	"ALTER TABLE group_certificate ADD COLUMN fiscal_year INTEGER;" /* 年度 the certificate covers */
	"ALTER TABLE group_certificate ADD COLUMN first_year INTEGER NOT NULL DEFAULT 0;" /* 初年度の経過措置 */
	"ALTER TABLE group_certificate ADD COLUMN base_name TEXT;"     /* 拠点 as issued */
	"UPDATE group_certificate SET fiscal_year = CAST(substr(issued_at, 1, 4) AS INTEGER) - "
	"  (CASE WHEN substr(issued_at, 6, 2) < '04' THEN 1 ELSE 0 END);"
	"CREATE TABLE certificate_issuer ("                            /* 機関証の交付者, per prefecture */
	"  prefecture_code TEXT PRIMARY KEY REFERENCES prefecture(code),"
	"  issuer_name TEXT NOT NULL,"                                 /* 推進センター or 郡市医師会 */
	"  representative_title TEXT, representative_name TEXT,"
	"  updated_at TEXT NOT NULL);"
	"ALTER TABLE designation ADD COLUMN published_at TEXT;"
	"ALTER TABLE designation ADD COLUMN published_by TEXT;"
	"UPDATE designation SET published_at = valid_from;";
