/*
 * Schema step 0024: how many units an operator's subsidy caps apply to (issue 19 §3, seed 003:
 * 在宅医療グループ診療運営事業 6,030千円「札幌市は各区ごと」; seed 004: 1カ所あたり) — an operator that
 * runs the programme in three 区 of 札幌市 claims against three times the caps. 1 for everyone else.
 */
const char schema_0024_operator_units[] = "ALTER TABLE operator ADD COLUMN cap_units INTEGER NOT NULL DEFAULT 1;";
