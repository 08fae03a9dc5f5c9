/*
 * Schema step 0012: the rules of seeds 001 and 004 to the letter (issue 13 items 7–12).
 *   designation.unmet_since / unmet_reason  a designation in force whose facts no longer meet its
 *                          requirement (a lost 在支診/在支病 standard, a 24h flag turned off, …):
 *                          flagged 「要件を満たさなくなりました」 with the date, never ended silently.
 *   consultation_desk      the institution that hosts a municipality's 在宅医療・介護連携 相談窓口
 *                          (拠点 candidate ①), kept apart from the municipality itself (③).
 *   support_centre_member  the member group of a 連携型 在宅医療サポートセンター (seed 004).
 *   support_centre_quota   how many centres the prefecture sets for a 二次医療圏 (原則1箇所; e.g.
 *                          熊本・上益城 3, 八代 2).
 */
const char schema_0012_designation_rules[] =
	"ALTER TABLE designation ADD COLUMN unmet_since TEXT;"
	"ALTER TABLE designation ADD COLUMN unmet_reason TEXT;"
	"CREATE TABLE consultation_desk ("
	"  municipality_code TEXT PRIMARY KEY REFERENCES municipality(code),"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id));"
	"CREATE TABLE support_centre_member ("
	"  support_centre_id INTEGER NOT NULL REFERENCES support_centre(id) ON DELETE CASCADE,"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  PRIMARY KEY (support_centre_id, institution_id));"
	"CREATE TABLE support_centre_quota ("     /* a plain key, not an identity column (see migrations.c) */
	"  medical_area_id INTEGER NOT NULL REFERENCES medical_area(id) ON DELETE CASCADE,"
	"  quota INTEGER NOT NULL, PRIMARY KEY (medical_area_id));";
