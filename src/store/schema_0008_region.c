/*
 * Schema step 0008: region set-up and positions (issue 12 §1–§2).
 *   municipality.population_source / population_year  where the population figure comes from
 *                          (e.g. 令和2年国勢調査, 2020), entered with the figure.
 *   municipality.office_name      the office the position stands for: 水戸市役所, 大洗町役場, 札幌市中央区役所.
 *   municipality.position_source  who set lat/lon: 'localgovjp' (the shipped office list,
 *                          data/municipality-offices.csv), 'demo', 'import' (an operator's file).
 */
const char schema_0008_region[] =
	"ALTER TABLE municipality ADD COLUMN population_source TEXT;"
	"ALTER TABLE municipality ADD COLUMN population_year INTEGER;"
	"ALTER TABLE municipality ADD COLUMN office_name TEXT;"
	"ALTER TABLE municipality ADD COLUMN position_source TEXT;"
	"CREATE INDEX institution_coord_precision ON institution(coord_precision);";
