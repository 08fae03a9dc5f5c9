/*
 * Schema step 0023: subsidies (補助金, issue 19 §3; seeds 003, 004) — the programmes' caps per fiscal
 * year as rows (a new year's caps are new rows, not code) and the expense ledger of each operator.
 *   subsidy_programme   a programme in a fiscal year: total cap (補助上限額, yen, per unit), the unit the
 *                       caps apply to ('区' 札幌市は各区ごと, '箇所' 1カ所あたり), rate 10/10, source
 *   subsidy_category    its categories (区分) with their cap (NULL: only the total binds) and the cut
 *                       order when the total cap bites (priority: the highest number gives way first)
 *   subsidy_expense     the ledger: operator, fiscal year, programme and category, 費目 (kind), date,
 *                       amount in yen (integer), payee, note, the receipt PDF as a BLOB
 * The rows seeded here are the seeds' figures. Seed 003 (北海道 地域医療介護総合確保基金) carries no
 * year; seed 004 is 熊本県 平成30年度予算. They are entered for 2018–2027 so that ledgers of the years
 * the system runs have caps to claim against; `source` says where each figure comes from, and a
 * prefecture replaces a year's rows when its 要綱 changes.
 */
#define SP(code, fy, name, total, unit, src)                                                        \
	"INSERT INTO subsidy_programme (code, fiscal_year, name, total_cap_yen, unit, rate_num, rate_den, source) " \
	"VALUES ('" code "', " fy ", '" name "', " total ", '" unit "', 10, 10, '" src "');"
#define SC(prog, fy, code, name, cap, prio)                                                         \
	"INSERT INTO subsidy_category (programme_code, fiscal_year, code, name, cap_yen, priority) "  \
	"VALUES ('" prog "', " fy ", '" code "', '" name "', " cap ", " prio ");"

#define SEED003 "seed 003 在宅医療提供体制強化事業（北海道 地域医療介護総合確保基金）"
#define SEED004 "seed 004 熊本県 平成30年度予算額 地域在宅医療サポートセンター分（1カ所1,149千円）"

/* 在宅医療グループ診療運営事業 6,030千円 (札幌市は各区ごと) with its five category caps;
 * 連携拠点（協議体）4,012千円 = 調整担当者人件費 2,092 + 事務費 1,920; Kumamoto 1,149千円 per centre. */
#define YEAR(fy)                                                                                    \
	SP("group_practice", fy, "在宅医療グループ診療運営事業", "6030000", "区", SEED003)            \
	SC("group_practice", fy, "fuku_shujii", "副主治医人件費", "2500000", "1")                      \
	SC("group_practice", fy, "chosei", "調整担当者人件費", "1000000", "2")                         \
	SC("group_practice", fy, "kenshu", "研修経費", "600000", "3")                                  \
	SC("group_practice", fy, "daishin", "代診制協力費", "930000", "4")                             \
	SC("group_practice", fy, "kohou_byosho", "後方病床協力費", "1000000", "5")                     \
	SP("renkei_kyoten", fy, "在宅医療に必要な連携を担う拠点（協議体）", "4012000", "", SEED003)    \
	SC("renkei_kyoten", fy, "chosei", "調整担当者（MSW・事務担当者等）人件費", "2092000", "1")     \
	SC("renkei_kyoten", fy, "jimu", "事務費（会議・研修開催等）", "1920000", "2")                  \
	SP("kumamoto_support_center", fy, "地域在宅医療サポートセンター（熊本県）", "1149000", "箇所", SEED004) \
	SC("kumamoto_support_center", fy, "jinkenhi", "人件費", "NULL", "1")                           \
	SC("kumamoto_support_center", fy, "jimu", "事務費・活動費", "NULL", "2")

const char schema_0023_subsidies[] =
	"CREATE TABLE subsidy_programme ("
	"  code TEXT NOT NULL, fiscal_year INTEGER NOT NULL, name TEXT NOT NULL,"
	"  total_cap_yen INTEGER NOT NULL, unit TEXT NOT NULL DEFAULT '',"
	"  rate_num INTEGER NOT NULL, rate_den INTEGER NOT NULL, source TEXT NOT NULL,"
	"  PRIMARY KEY (code, fiscal_year));"
	"CREATE TABLE subsidy_category ("
	"  programme_code TEXT NOT NULL, fiscal_year INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,"
	"  cap_yen INTEGER, priority INTEGER NOT NULL,"
	"  PRIMARY KEY (programme_code, fiscal_year, code),"
	"  FOREIGN KEY (programme_code, fiscal_year) REFERENCES subsidy_programme(code, fiscal_year));"
	"CREATE TABLE subsidy_expense ("
	"  id INTEGER PRIMARY KEY, operator_id INTEGER NOT NULL REFERENCES operator(id),"
	"  fiscal_year INTEGER NOT NULL, programme_code TEXT NOT NULL, category_code TEXT NOT NULL,"
	"  kind TEXT NOT NULL, spent_on TEXT NOT NULL, amount_yen INTEGER NOT NULL, payee TEXT NOT NULL, note TEXT,"
	"  receipt_pdf BLOB, receipt_size INTEGER NOT NULL DEFAULT 0, receipt_at TEXT,"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	"  FOREIGN KEY (programme_code, fiscal_year, category_code)"
	"    REFERENCES subsidy_category(programme_code, fiscal_year, code));"
	"CREATE INDEX subsidy_expense_operator ON subsidy_expense(operator_id, fiscal_year, programme_code);"
	YEAR("2018") YEAR("2019") YEAR("2020") YEAR("2021") YEAR("2022")
	YEAR("2023") YEAR("2024") YEAR("2025") YEAR("2026") YEAR("2027");
