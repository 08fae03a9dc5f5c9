/* JSON / CSV / XLSX forms of the designation (seed 001) and the coverage audit (seeds 001, 004;
 * designation_json.h). */
#include "io/designation_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/buf.h"
#include "domain/coverage.h"
#include "domain/obligations.h"
#include "domain/text.h"
#include "io/csv_write.h"
#include "io/json_fields.h"

static const char *inst_name(const struct desig_world *w, int64_t id)
{
	const struct desig_inst *in = dw_inst_find(w, id);
	return in ? in->name : "";
}

static const char *muni_name(const struct desig_world *w, const char *code)
{
	const struct dw_muni *m = dw_muni_find(w, code);
	return m ? m->name : "";
}

/* "warnings": the 未確認 facts a 積極的役割 choice rests on (issue 12 §3); absent when none. */
static void fact_warnings(json_t *o, enum desig_role role, const struct desig_inst *in)
{
	char msgs[3][256];
	size_t n = desig_fact_warnings(role, in, msgs, 2);
	/* and when it is not a 在支病/在支診 (seed 001: 原則), issue 13 item 7 */
	struct zt_error ignored;
	zt_error_clear(&ignored);
	if (role == DROLE_ACTIVE && in && desig_active_definition(in, msgs[n], &ignored) == ZT_OK && msgs[n][0])
		n++;
	if (n == 0)
		return;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(msgs[i]));
	json_object_set_new(o, "warnings", arr);
}

static json_t *candidate_json(const struct desig_world *w, const struct desig_candidate *c, enum desig_role role)
{
	const struct desig_inst *in = dw_inst_find(w, c->institution_id);
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s}", "institution_id", (json_int_t)c->institution_id, "name",
			      in ? in->name : "", "kind", in ? inst_kinds[in->kind].code : "", "rule",
			      desig_rules[c->rule].code, "rule_label", desig_rules[c->rule].ja);
	if (c->from_municipality[0]) {
		json_object_set_new(o, "from_municipality", json_string(c->from_municipality));
		json_object_set_new(o, "from_municipality_name", json_string(muni_name(w, c->from_municipality)));
		json_object_set_new(o, "adjacent", json_boolean(c->adjacent));
		json_object_set_new(o, "distance_km", c->distance_km < 0 ? json_null()
									   : json_real((double)(long)(c->distance_km * 10 + 0.5) / 10));
	}
	json_t *stds = json_array();
	for (int s = 0; in && s < STD__MAX; s++)
		if (in->standards & (1u << s))
			json_array_append_new(stds, json_string(standards[s].code));
	json_object_set_new(o, "standards", stds);
	fact_warnings(o, role, in);
	return o;
}

static json_t *designation_json(const struct desig_world *w, const struct dw_designation *d)
{
	int rule = code_lookup(desig_rules, RULE__MAX, d->rule);
	json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)d->id,
			      "municipality", d->muni, "municipality_name", muni_name(w, d->muni), "institution_id",
			      (json_int_t)d->institution_id, "institution_name", inst_name(w, d->institution_id), "role",
			      desig_roles[d->role].code, "basis", desig_bases[d->basis].code, "basis_label",
			      desig_bases[d->basis].ja, "reason", d->reason, "plan_period", d->plan_period, "valid_from",
			      d->valid_from);
	json_object_set_new(o, "rule", rule >= 0 ? json_string(d->rule) : json_null());
	json_object_set_new(o, "rule_label", rule >= 0 ? json_string(desig_rules[rule].ja) : json_null());
	json_object_set_new(o, "unmet_since", d->unmet_since[0] ? json_string(d->unmet_since) : json_null());
	json_object_set_new(o, "unmet_reason", d->unmet_reason[0] ? json_string(d->unmet_reason) : json_null());
	fact_warnings(o, d->role, dw_inst_find(w, d->institution_id));
	return o;
}

static json_t *candidates_json(const struct desig_world *w, const char *muni, enum desig_role role)
{
	struct desig_candidate c[DESIG_MAX_CANDIDATES];
	size_t n = role == DROLE_ACTIVE ? desig_active_candidates(w, muni, c, DESIG_MAX_CANDIDATES)
					: desig_base_candidates(w, muni, c, DESIG_MAX_CANDIDATES);
	json_t *arr = json_array();
	for (size_t i = 0; i < n && i < DESIG_MAX_CANDIDATES; i++)
		json_array_append_new(arr, candidate_json(w, &c[i], role));
	return arr;
}

static json_t *designations_of(const struct desig_world *w, const char *muni, enum desig_role role)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < w->ndesigs; i++)
		if (w->desigs[i].role == role && strcmp(w->desigs[i].muni, muni) == 0)
			json_array_append_new(arr, designation_json(w, &w->desigs[i]));
	return arr;
}

static json_t *area_members(const struct desig_world *w, int64_t area_id)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < w->ncare_members; i++)
		if (w->care_members[i].area_id == area_id)
			json_array_append_new(arr, json_string(w->care_members[i].muni));
	return arr;
}

static const char *medical_area_name(const struct desig_world *w, int64_t id)
{
	for (size_t i = 0; i < w->nmedical_areas; i++)
		if (w->medical_areas[i].id == id)
			return w->medical_areas[i].name;
	return "";
}

static json_t *area_status_json(const struct desig_world *w, const struct dw_area *a)
{
	struct coverage_area cov;
	coverage_area_audit(w, a, &cov);
	json_t *problems = json_array();
	for (size_t i = 0; i < cov.nproblems; i++)
		json_array_append_new(problems, json_string(cov.problems[i]));
	json_t *o = json_pack("{s:I, s:s, s:o, s:I, s:I, s:b, s:b, s:b, s:f, s:s, s:I, s:I, s:I, s:I, s:o}", "id",
			 (json_int_t)a->id, "name", a->name, "municipalities", area_members(w, a->id), "n_active",
			 (json_int_t)cov.nactive, "n_base", (json_int_t)cov.nbase, "has_active", cov.nactive > 0,
			 "has_base", cov.nbase > 0, "ok", cov.ok, "far_share", cov.far_share, "measure",
			 cov.by_population ? "population" : "centroids", "population_total", (json_int_t)cov.pop_total,
			 "population_far", (json_int_t)cov.pop_far, "municipalities_far", (json_int_t)cov.munis_far,
			 "municipalities_judged", (json_int_t)cov.munis_judged, "problems", problems);
	json_object_set_new(o, "municipalities_unknown", json_integer((json_int_t)cov.munis_unknown));
	json_object_set_new(o, "n_unmet", json_integer((json_int_t)cov.nunmet));
	return o;
}

/* The placement problems of the prefecture (municipalities in no 二次医療圏 / 圏域) as an array. */
static json_t *placement_json(const struct desig_world *w)
{
	char msgs[5][512];
	size_t n = coverage_placement_problems(w, msgs, 5);
	json_t *arr = json_array();
	for (size_t i = 0; i < n && i < 5; i++)
		json_array_append_new(arr, json_string(msgs[i]));
	return arr;
}

static json_t *desk_json(const struct desig_world *w, const char *muni)
{
	for (size_t i = 0; i < w->ndesks; i++)
		if (strcmp(w->desks[i].muni, muni) == 0) {
			const struct desig_inst *in = dw_inst_find(w, w->desks[i].institution_id);
			return json_pack("{s:I, s:s, s:s}", "institution_id", (json_int_t)w->desks[i].institution_id, "name",
					 in ? in->name : "", "kind", in ? inst_kinds[in->kind].code : "");
		}
	return json_null();
}

json_t *designation_report_json(const struct desig_world *w)
{
	json_t *munis = json_array();
	for (size_t i = 0; i < w->nmunis; i++) {
		const struct dw_muni *m = &w->munis[i];
		json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "code", m->code, "name", m->name,
				      "active_candidates", candidates_json(w, m->code, DROLE_ACTIVE), "base_candidates",
				      candidates_json(w, m->code, DROLE_BASE), "confirmed",
				      designations_of(w, m->code, DROLE_ACTIVE), "bases",
				      designations_of(w, m->code, DROLE_BASE));
		json_object_set_new(o, "medical_area_id", m->medical_area_id ? json_integer(m->medical_area_id) : json_null());
		json_object_set_new(o, "medical_area_name", json_string(medical_area_name(w, m->medical_area_id)));
		json_object_set_new(o, "desk", desk_json(w, m->code));
		json_array_append_new(munis, o);
	}
	json_t *areas = json_array();
	for (size_t i = 0; i < w->ncare_areas; i++)
		json_array_append_new(areas, area_status_json(w, &w->care_areas[i]));
	json_t *rules = json_array();
	for (int r = 0; r < RULE__MAX; r++)
		json_array_append_new(rules, json_pack("{s:s, s:s}", "code", desig_rules[r].code, "label", desig_rules[r].ja));
	return json_pack("{s:s, s:o, s:o, s:o, s:o}", "prefecture", w->prefecture, "municipalities", munis, "areas", areas,
			 "rules", rules, "placement_problems", placement_json(w));
}

static json_t *public_list(const struct desig_world *w, const char *muni, enum desig_role role)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < w->ndesigs; i++) {
		const struct dw_designation *d = &w->desigs[i];
		if (d->role != role || strcmp(d->muni, muni) != 0)
			continue;
		const struct desig_inst *in = dw_inst_find(w, d->institution_id);
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "name", in ? in->name : "", "kind",
						     in ? inst_kinds[in->kind].ja : "", "plan_period", d->plan_period));
	}
	return arr;
}

json_t *designation_public_json(const struct desig_world *w)
{
	json_t *areas = json_array();
	for (size_t a = 0; a < w->ncare_areas; a++) {
		json_t *munis = json_array();
		for (size_t i = 0; i < w->ncare_members; i++) {
			if (w->care_members[i].area_id != w->care_areas[a].id)
				continue;
			const char *code = w->care_members[i].muni;
			json_array_append_new(munis, json_pack("{s:s, s:s, s:o, s:o}", "code", code, "name",
							       muni_name(w, code), "active",
							       public_list(w, code, DROLE_ACTIVE), "bases",
							       public_list(w, code, DROLE_BASE)));
		}
		json_array_append_new(areas, json_pack("{s:s, s:o}", "name", w->care_areas[a].name, "municipalities", munis));
	}
	return json_pack("{s:s, s:o}", "prefecture", w->prefecture, "areas", areas);
}

/* A centre in force as the coverage audit shows it: items with their labels, operator, members. */
static json_t *centre_json(const struct desig_world *w, const struct dw_centre *c)
{
	json_t *items = json_array();
	for (int i = 0; i < SC_ITEM__MAX; i++)
		json_array_append_new(items, json_pack("{s:s, s:s, s:b, s:b}", "code", sc_items[i].code, "label", sc_items[i].ja,
						       "mandatory", sc_item_mandatory((enum sc_item)i), "done",
						       (c->items & (1u << i)) != 0));
	json_t *members = json_array();
	for (size_t k = 0; k < w->nmembers; k++) {
		if (w->members[k].centre_id != c->id)
			continue;
		const struct desig_inst *in = dw_inst_find(w, w->members[k].institution_id);
		json_array_append_new(members, json_pack("{s:I, s:s, s:s}", "institution_id",
							 (json_int_t)w->members[k].institution_id, "name", in ? in->name : "",
							 "kind_label", in ? inst_kinds[in->kind].ja : ""));
	}
	const struct desig_inst *op = dw_inst_find(w, c->institution_id);
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)c->id, "name", c->name, "type",
			 sc_types[c->type].code, "type_label", sc_types[c->type].ja, "items", items, "institution_id",
			 c->institution_id ? json_integer(c->institution_id) : json_null(), "institution_name",
			 op ? json_string(op->name) : json_null(), "members", members);
}

static json_t *medical_area_json(const struct desig_world *w, const struct dw_area *a)
{
	struct coverage_medical_area cov;
	coverage_medical_area_audit(w, a, &cov);
	json_t *problems = json_array();
	for (size_t i = 0; i < cov.nproblems; i++)
		json_array_append_new(problems, json_string(cov.problems[i]));
	json_t *centres = json_array();
	for (size_t i = 0; i < w->ncentres; i++)
		if (w->centres[i].medical_area_id == a->id)
			json_array_append_new(centres, centre_json(w, &w->centres[i]));
	json_t *centre = cov.centre ? centre_json(w, cov.centre) : json_null();
	return json_pack("{s:I, s:s, s:o, s:o, s:I, s:I, s:b, s:o}", "id", (json_int_t)a->id, "name", a->name, "centre",
			 centre, "centres", centres, "n_centres", (json_int_t)cov.ncentres, "quota", (json_int_t)cov.quota,
			 "ok", cov.ok, "problems", problems);
}

json_t *coverage_report_json(const struct desig_world *w)
{
	json_t *areas = json_array(), *mareas = json_array(), *mm = json_array(), *clinics = json_array();
	for (size_t i = 0; i < w->ncare_areas; i++)
		json_array_append_new(areas, area_status_json(w, &w->care_areas[i]));
	for (size_t i = 0; i < w->nmedical_areas; i++)
		json_array_append_new(mareas, medical_area_json(w, &w->medical_areas[i]));
	json_t *unknown = json_array();
	for (size_t i = 0; i < w->nmunis; i++) {
		const struct dw_muni *m = &w->munis[i];
		if (!m->has_coord) { /* never "covered": listed as 判定不能 */
			json_array_append_new(unknown, json_pack("{s:s, s:s, s:s, s:s}", "code", m->code, "name", m->name, "status",
								 coverage_statuses[COV_UNKNOWN].code, "status_label",
								 coverage_statuses[COV_UNKNOWN].ja));
			continue;
		}
		double d = coverage_nearest_km(w, m->lat, m->lon);
		json_t *o = json_pack("{s:s, s:s, s:f, s:f, s:b, s:s, s:s}", "code", m->code, "name", m->name, "lat", m->lat,
				      "lon", m->lon, "uncovered", coverage_muni_uncovered(w, m), "status",
				      coverage_statuses[coverage_muni_status(w, m)].code, "status_label",
				      coverage_statuses[coverage_muni_status(w, m)].ja);
		json_object_set_new(o, "nearest_km", d < 0 ? json_null() : json_real((double)(long)(d * 10 + 0.5) / 10));
		json_object_set_new(o, "population", m->population < 0 ? json_null() : json_integer(m->population));
		json_array_append_new(mm, o);
	}
	for (size_t i = 0; i < w->ninsts; i++) {
		const struct desig_inst *in = &w->insts[i];
		if (!in->has_coord || !coverage_home_care_capable(in))
			continue;
		json_array_append_new(clinics, json_pack("{s:I, s:s, s:s, s:f, s:f, s:b}", "id", (json_int_t)in->id, "name",
							 in->name, "kind", inst_kinds[in->kind].code, "lat", in->lat,
							 "lon", in->lon, "other_prefecture", in->foreign));
	}
	return json_pack("{s:s, s:f, s:o, s:o, s:o, s:o, s:{s:o, s:o}}", "prefecture", w->prefecture, "radius_km", 16.0,
			 "areas", areas, "medical_areas", mareas, "unjudged_municipalities", unknown, "placement_problems",
			 placement_json(w), "map", "municipalities", mm, "clinics", clinics);
}

/* ---- the table (CSV and XLSX share the rows) ---- */

#define COV_COLS 10
static const char *const cov_header[COV_COLS] = {
	"区分", "名称", "構成市町村", "積極的役割を担う医療機関（確定数）", "連携を担う拠点（確定数）",
	"16km超の割合（%）", "算定基準", "在宅医療サポートセンター", "判定", "課題",
};

struct cov_row {
	char cell[COV_COLS][1024];
};

static void members_text(const struct desig_world *w, int64_t area_id, bool care, char *out, size_t n)
{
	out[0] = '\0';
	size_t used = 0;
	if (care) {
		for (size_t i = 0; i < w->ncare_members; i++) {
			if (w->care_members[i].area_id != area_id)
				continue;
			int k = snprintf(out + used, n - used, "%s%s", used ? "・" : "", muni_name(w, w->care_members[i].muni));
			if (k < 0 || (size_t)k >= n - used)
				return;
			used += (size_t)k;
		}
		return;
	}
	for (size_t i = 0; i < w->nmunis; i++) {
		if (w->munis[i].medical_area_id != area_id)
			continue;
		int k = snprintf(out + used, n - used, "%s%s", used ? "・" : "", w->munis[i].name);
		if (k < 0 || (size_t)k >= n - used)
			return;
		used += (size_t)k;
	}
}

/* Joins n sentences stored stride bytes apart from first. */
static void join_problems(const char *first, size_t stride, size_t n, char *out, size_t outsz)
{
	out[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		int k = snprintf(out + used, outsz - used, "%s%s", used ? " / " : "", first + i * stride);
		if (k < 0 || (size_t)k >= outsz - used)
			return;
		used += (size_t)k;
	}
}

/* Rows: every 圏域, then every 二次医療圏. Caller frees. */
static struct cov_row *table_rows(const struct desig_world *w, size_t *n)
{
	*n = w->ncare_areas + w->nmedical_areas;
	struct cov_row *rows = calloc(*n ? *n : 1, sizeof *rows);
	if (rows == NULL)
		abort();
	size_t r = 0;
	for (size_t i = 0; i < w->ncare_areas; i++, r++) {
		struct coverage_area c;
		coverage_area_audit(w, &w->care_areas[i], &c);
		char(*cell)[1024] = rows[r].cell;
		snprintf(cell[0], 1024, "圏域");
		snprintf(cell[1], 1024, "%s", w->care_areas[i].name);
		members_text(w, w->care_areas[i].id, true, cell[2], 1024);
		snprintf(cell[3], 1024, "%zu", c.nactive);
		snprintf(cell[4], 1024, "%zu", c.nbase);
		snprintf(cell[5], 1024, "%.1f", c.far_share * 100.0);
		snprintf(cell[6], 1024, "%s", c.by_population ? "人口" : "市町村（役場所在地）");
		cell[7][0] = '\0';
		snprintf(cell[8], 1024, "%s", c.ok ? "充足" : "要対応");
		join_problems(c.problems[0], sizeof c.problems[0], c.nproblems, cell[9], 1024);
	}
	for (size_t i = 0; i < w->nmedical_areas; i++, r++) {
		struct coverage_medical_area c;
		coverage_medical_area_audit(w, &w->medical_areas[i], &c);
		char(*cell)[1024] = rows[r].cell;
		snprintf(cell[0], 1024, "二次医療圏");
		snprintf(cell[1], 1024, "%s", w->medical_areas[i].name);
		members_text(w, w->medical_areas[i].id, false, cell[2], 1024);
		snprintf(cell[7], 1024, "なし");
		size_t used = 0;
		for (size_t k = 0; k < w->ncentres; k++) { /* every centre in force (seed 004: 原則1箇所, or the quota) */
			const struct dw_centre *ctr = &w->centres[k];
			if (ctr->medical_area_id != w->medical_areas[i].id)
				continue;
			int len = snprintf(cell[7] + used, 1024 - used, "%s%s（%s）", used ? "・" : "", ctr->name, sc_types[ctr->type].ja);
			if (len < 0 || (size_t)len >= 1024 - used)
				break;
			used += (size_t)len;
		}
		snprintf(cell[8], 1024, "%s", c.ok ? "充足" : "要対応");
		join_problems(c.problems[0], sizeof c.problems[0], c.nproblems, cell[9], 1024);
	}
	return rows;
}

void coverage_csv(const struct desig_world *w, char **out, size_t *len)
{
	struct buf b;
	buf_init(&b, BUF_UNCAPPED);
	buf_addn(&b, "\xEF\xBB\xBF", 3);
	/* Every field quoted; formulas neutralised, plain numbers (distances, counts) left as numbers. */
	struct csv_writer cw;
	csv_writer_init(&cw, &b, true, CSV_GUARD_NUMBERS_OK);
	for (int c = 0; c < COV_COLS; c++)
		csv_cell(&cw, cov_header[c]);
	csv_end_row(&cw);
	size_t n;
	struct cov_row *rows = table_rows(w, &n);
	for (size_t r = 0; r < n; r++) {
		for (int c = 0; c < COV_COLS; c++)
			csv_cell(&cw, rows[r].cell[c]);
		csv_end_row(&cw);
	}
	free(rows);
	*out = buf_take(&b, len);
}

enum zt_err coverage_xlsx(const struct desig_world *w, const char *path, struct zt_error *e)
{
	lxw_workbook *wb = workbook_new(path);
	if (wb == NULL)
		return zt_fail(e, ZT_ERR_IO, "file", "XLSXファイルを作成できません。");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "カバー状況");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *warn = workbook_add_format(wb);
	format_set_bg_color(warn, 0xF8D7DA);
	for (int c = 0; c < COV_COLS; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, cov_header[c], bold);
	worksheet_set_column(ws, 0, 1, 14, NULL);
	worksheet_set_column(ws, 2, 2, 40, NULL);
	worksheet_set_column(ws, 3, 8, 16, NULL);
	worksheet_set_column(ws, 9, 9, 60, NULL);
	size_t n;
	struct cov_row *rows = table_rows(w, &n);
	for (size_t r = 0; r < n; r++) {
		bool bad = strcmp(rows[r].cell[8], "要対応") == 0;
		for (int c = 0; c < COV_COLS; c++) {
			const char *v = rows[r].cell[c];
			lxw_format *f = bad && c == 8 ? warn : NULL;
			if ((c == 3 || c == 4 || c == 5) && v[0])
				worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, strtod(v, NULL), f);
			else
				worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, v, f);
		}
	}
	free(rows);
	if (workbook_close(wb) != LXW_NO_ERROR)
		return zt_fail(e, ZT_ERR_IO, "file", "XLSXファイルを書き出せませんでした。");
	return ZT_OK;
}

static json_t *text_or_null(const char *s)
{
	return s[0] ? json_string(s) : json_null();
}

json_t *checklist_to_json(const struct oblig_row *rows, size_t n, const char *today)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct oblig_row *r = &rows[i];
		json_t *row = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "item", r->code, "status", r->status_code, "evidence",
					text_or_null(r->it.evidence), "due_date", text_or_null(r->it.due_date), "done_date",
					text_or_null(r->it.done_date), "updated_at", text_or_null(r->updated_at));
		if (today) {
			json_object_set_new(row, "label", json_string(r->it.idx >= 0 ? obligations[r->it.idx].ja : ""));
			json_object_set_new(row, "status_label", json_string(r->status_known ? oblig_statuses[r->it.status].ja : ""));
			json_object_set_new(row, "overdue", json_boolean(checklist_row_overdue(r, today)));
		}
		json_array_append_new(arr, row);
	}
	return arr;
}

json_t *designation_to_json(const struct designation *x)
{
	const struct dw_designation *d = &x->d;
	json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)d->id, "municipality", d->muni,
			      "municipality_name", x->municipality_name, "institution_id", (json_int_t)d->institution_id,
			      "institution_name", x->institution_name, "institution_kind", x->institution_kind, "role",
			      desig_roles[d->role].code, "basis", desig_bases[d->basis].code);
	json_object_set_new(o, "rule", text_or_null(d->rule));
	json_object_set_new(o, "reason", text_or_null(d->reason));
	json_object_set_new(o, "plan_period", json_string(d->plan_period));
	json_object_set_new(o, "valid_from", json_string(d->valid_from));
	json_object_set_new(o, "valid_to", text_or_null(x->valid_to));
	json_object_set_new(o, "created_by", text_or_null(x->created_by));
	json_object_set_new(o, "ended_by", text_or_null(x->ended_by));
	json_object_set_new(o, "end_reason", text_or_null(x->end_reason));
	json_object_set_new(o, "unmet_since", text_or_null(d->unmet_since));
	json_object_set_new(o, "unmet_reason", text_or_null(d->unmet_reason));
	return o;
}

json_t *designation_list_json(const struct designation *rows, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, designation_to_json(&rows[i]));
	return arr;
}

json_t *adjacency_json(const struct adjacency_pair *p, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "a", p[i].a, "a_name", p[i].a_name, "b", p[i].b,
						     "b_name", p[i].b_name));
	return arr;
}

static int code_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

json_t *support_centre_to_json(const struct support_centre *c)
{
	/* codes in alphabetical order, as the API has always listed them */
	const char *codes[SC_ITEM__MAX];
	size_t n = 0;
	for (int i = 0; i < SC_ITEM__MAX; i++)
		if (c->items & (1u << i))
			codes[n++] = sc_items[i].code;
	qsort(codes, n, sizeof codes[0], code_cmp);
	json_t *items = json_array(), *members = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_string(codes[i]));
	for (size_t i = 0; i < c->nmembers; i++)
		json_array_append_new(members, json_integer(c->members[i]));
	json_t *o = json_pack("{s:I, s:I, s:s, s:o, s:o, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)c->id, "medical_area_id",
			 (json_int_t)c->medical_area_id, "medical_area_name", c->medical_area_name, "institution_id",
			 c->institution_id ? json_integer(c->institution_id) : json_null(), "institution_name",
			 text_or_null(c->institution_name), "type", sc_types[c->type].code, "name", c->name, "valid_from",
			 text_or_null(c->valid_from), "valid_to", text_or_null(c->valid_to), "items", items);
	json_object_set_new(o, "members", members);
	return o;
}

bool checklist_row_overdue(const struct oblig_row *r, const char *today)
{
	return r->status_known && oblig_overdue(r->it.status, r->it.due_date, today);
}

/* ---- request bodies ---- */

static const char *str_member(const json_t *body, const char *key)
{
	json_t *v = json_object_get(body, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

enum zt_err designation_from_json(const json_t *body, struct dw_designation *d, struct zt_error *e)
{
	static const char *const known[] = {"municipality", "institution_id", "role", "basis", "reason", "plan_period"};
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "", "リクエスト本文はJSONオブジェクトで送信してください。");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		bool ok = false;
		for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
			ok |= strcmp(key, known[i]) == 0;
		if (!ok)
			return json_field_unknown(key, e);
	}
	const char *s = str_member(body, "municipality");
	if (s == NULL || !text_is_digits(s, 6))
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村は6桁の市町村コードで指定してください。");
	snprintf(d->muni, sizeof d->muni, "%s", s);
	v = json_object_get(body, "institution_id");
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return zt_fail(e, ZT_ERR_INVALID, "institution_id", "機関は機関のID（正の整数）で指定してください。");
	d->institution_id = json_integer_value(v);
	s = str_member(body, "role");
	int r = code_lookup(desig_roles, DROLE__MAX, s ? s : "");
	if (r < 0)
		return zt_fail(e, ZT_ERR_INVALID, "role", "役割は「積極的役割を担う医療機関」か「連携を担う拠点」を選んでください。");
	d->role = (enum desig_role)r;
	s = str_member(body, "basis");
	int b = code_lookup(desig_bases, DBASIS__MAX, s ? s : "rule");
	if (b < 0)
		return zt_fail(e, ZT_ERR_INVALID, "basis", "根拠は「選定ルール」「手挙げ」「個別判断」のいずれかを選んでください。");
	d->basis = (enum desig_basis)b;
	s = str_member(body, "reason");
	if (json_object_get(body, "reason") && !json_is_null(json_object_get(body, "reason")) && s == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "reason", "理由は文字で入力してください。");
	if (s && (!text_valid_utf8(s) || text_char_count(s) > 250))
		return zt_fail(e, ZT_ERR_INVALID, "reason", "理由は250文字以内で入力してください。");
	snprintf(d->reason, sizeof d->reason, "%s", s ? s : "");
	s = str_member(body, "plan_period");
	snprintf(d->plan_period, sizeof d->plan_period, "%s", s ? s : "2024-2029");
	if (json_object_get(body, "plan_period") && s == NULL)
		d->plan_period[0] = '\0';
	return ZT_OK;
}

enum zt_err checklist_from_json(const json_t *body, struct oblig_item **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	json_t *arr = json_object_get(body, "items");
	if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 64)
		return zt_fail(e, ZT_ERR_INVALID, "items", "チェックリストの項目を1〜64件送信してください。");
	*n = json_array_size(arr);
	*out = calloc(*n, sizeof **out);
	if (*out == NULL)
		abort();
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o) {
		struct oblig_item *it = &(*out)[i];
		if (!json_is_object(o))
			return zt_fail(e, ZT_ERR_INVALID, "items", "items[%zu] はオブジェクトで指定してください。", i);
		it->idx = obligation_lookup(str_member(o, "item"));
		if (it->idx < 0)
			return zt_fail(e, ZT_ERR_INVALID, "items", "%zu番目の項目は、この位置付けのチェックリストにない項目です。", i + 1);
		const char *s = str_member(o, "status");
		int st = code_lookup(oblig_statuses, OST__MAX, s ? s : "");
		if (st < 0)
			return zt_fail(e, ZT_ERR_INVALID, "status", "%zu番目の項目の状況は「未着手」「対応中」「完了」のいずれかを選んでください。", i + 1);
		it->status = (enum oblig_status)st;
		const char *ev = str_member(o, "evidence"), *due = str_member(o, "due_date"), *done = str_member(o, "done_date");
		if ((ev && strlen(ev) >= sizeof it->evidence) || (due && strlen(due) >= sizeof it->due_date) ||
		    (done && strlen(done) >= sizeof it->done_date))
			return zt_fail(e, ZT_ERR_INVALID, "items", "items[%zu] の値が長すぎます。", i);
		snprintf(it->evidence, sizeof it->evidence, "%s", ev ? ev : "");
		snprintf(it->due_date, sizeof it->due_date, "%s", due ? due : "");
		snprintf(it->done_date, sizeof it->done_date, "%s", done ? done : "");
		enum zt_err r = oblig_item_validate(it, e);
		if (r != ZT_OK)
			return r;
	}
	return ZT_OK;
}

/* items[] of codes → bits; absent → 0 (the caller decides whether items is required). */
static enum zt_err sc_items_from_json(const json_t *body, uint32_t *bits, struct zt_error *e)
{
	json_t *arr = json_object_get(body, "items"), *v;
	size_t i;
	*bits = 0;
	if (arr == NULL)
		return ZT_OK;
	if (!json_is_array(arr))
		return zt_fail(e, ZT_ERR_INVALID, "items", "実施項目を選んでください。");
	json_array_foreach(arr, i, v) {
		int k = code_lookup(sc_items, SC_ITEM__MAX, json_is_string(v) ? json_string_value(v) : "");
		if (k < 0)
			return zt_fail(e, ZT_ERR_INVALID, "items", "%zu番目の実施項目は在宅医療サポートセンターの実施項目にありません。", i + 1);
		*bits |= 1u << k;
	}
	return ZT_OK;
}

static enum zt_err sc_name_from_json(const json_t *body, bool required, const char **name, struct zt_error *e)
{
	json_t *v = json_object_get(body, "name");
	*name = json_is_string(v) ? json_string_value(v) : NULL;
	if ((v && !json_is_string(v)) || (required && (*name == NULL || (*name)[0] == '\0')) ||
	    (*name && (!text_valid_utf8(*name) || text_char_count(*name) > 100)))
		return zt_fail(e, ZT_ERR_INVALID, "name", "センター名は1〜100文字で入力してください。");
	return ZT_OK;
}

enum zt_err support_centre_from_json(const json_t *body, int create, struct sc_request *r, struct zt_error *e)
{
	memset(r, 0, sizeof *r);
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "", "リクエスト本文はJSONオブジェクトで送信してください。");
	if (create) {
		json_t *ma = json_object_get(body, "medical_area_id"), *inst = json_object_get(body, "institution_id");
		const char *s = str_member(body, "type");
		int type = code_lookup(sc_types, SC__MAX, s ? s : "");
		if (!json_is_integer(ma) || json_integer_value(ma) <= 0)
			return zt_fail(e, ZT_ERR_INVALID, "medical_area_id", "二次医療圏を指定してください。");
		if (!json_is_integer(inst) || json_integer_value(inst) <= 0)
			return zt_fail(e, ZT_ERR_INVALID, "institution_id", "機関は機関のID（正の整数）で指定してください。");
		if (type < 0)
			return zt_fail(e, ZT_ERR_INVALID, "type", "類型は「基幹型」か「連携型」を選んでください。");
		r->medical_area_id = json_integer_value(ma);
		r->institution_id = json_integer_value(inst);
		r->type = (enum sc_type)type;
	} else if (!json_is_array(json_object_get(body, "items"))) {
		return zt_fail(e, ZT_ERR_INVALID, "items", "実施項目を選んでください。");
	}
	enum zt_err rc = sc_name_from_json(body, create != 0, &r->name, e);
	if (rc == ZT_OK)
		rc = sc_items_from_json(body, &r->items, e);
	json_t *m = json_object_get(body, "members"), *v;
	size_t i;
	if (rc != ZT_OK || m == NULL || json_is_null(m))
		return rc;
	if (!json_is_array(m) || json_array_size(m) > SC_MAX_MEMBERS)
		return zt_fail(e, ZT_ERR_INVALID, "members", "構成機関は機関IDの並び（%d件まで）で指定してください。",
			       SC_MAX_MEMBERS);
	json_array_foreach(m, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return zt_fail(e, ZT_ERR_INVALID, "members", "構成機関の%zu番目は機関のID（正の整数）で指定してください。", i + 1);
		r->members[r->nmembers++] = json_integer_value(v);
	}
	r->has_members = true;
	return ZT_OK;
}
