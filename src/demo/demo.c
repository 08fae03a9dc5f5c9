/* The one loader of the demo region (issue 2 §8): reads the tables of demo_data.c into the store (demo.h). */
#include "demo/demo.h"

#include <stdio.h>
#include <string.h>

#include "demo/demo_data.h"
#include "domain/facility.h"
#include "domain/medcode.h"
#include "store/store.h"

int demo_institution_count(void)
{
	return demo_insts_n;
}

int demo_practitioner_count(void)
{
	return demo_people_n;
}

int demo_municipality_count(void)
{
	return demo_munis_n;
}

/* 点数表 digit of the 医療機関コード for a kind, 0 when the kind carries no code. */
static char table_digit(enum inst_kind k)
{
	switch (k) {
	case KIND_HOSPITAL:
	case KIND_CLINIC: return '1';
	case KIND_DENTAL: return '3';
	case KIND_PHARMACY: return '4';
	case KIND_NURSE_STATION: return '6';
	default: return 0;
	}
}

void demo_facility(int i, struct facility *f)
{
	const struct demo_inst *r = &demo_insts[i];
	const struct demo_muni *m = &demo_munis[r->muni];
	facility_init(f);
	f->kind = r->kind;
	snprintf(f->name, sizeof f->name, "%s", r->name);
	snprintf(f->kana, sizeof f->kana, "%s", r->kana ? r->kana : "");
	snprintf(f->legal_entity, sizeof f->legal_entity, "%s", r->legal_entity ? r->legal_entity : "");
	char t = table_digit(r->kind);
	if (t) {
		char nine[16];
		snprintf(nine, sizeof nine, "%.2s%c%.2s%04u", DEMO_PREF, t, m->district, (unsigned)(1000 + i) % 10000u);
		memcpy(f->medical_code, nine, 9);
		f->medical_code[9] = (char)('0' + medcode_check_digit(nine));
		f->medical_code[10] = '\0';
	}
	snprintf(f->postal_code, sizeof f->postal_code, "%.3s-%.4s", r->postal, r->postal + 3);
	snprintf(f->address, sizeof f->address, "茨城県%s%s", m->name, r->town);
	snprintf(f->municipality_code, sizeof f->municipality_code, "%s", m->code);
	f->has_coord = true;
	f->lat = r->lat;
	f->lon = r->lon;
	snprintf(f->coord_source, sizeof f->coord_source, "demo");
	snprintf(f->coord_precision, sizeof f->coord_precision, "town");
	snprintf(f->coord_date, sizeof f->coord_date, "%s", DEMO_COORD_DATE);
	/* 00 is no exchange in use: visibly fictional numbers. */
	snprintf(f->phone, sizeof f->phone, "%s-00-%04u", m->phone_area, (unsigned)(1000 + i) % 10000u);
	f->beds = r->beds;
	f->h24 = r->h24;
	f->home_care = r->home_care;
	f->capabilities = r->caps;
	f->standards = r->stds;
	snprintf(f->note, sizeof f->note, "%s", r->note ? r->note : "");
}

/* Prefixes e's message with the demo row, so a broken table row is found at once. */
static enum zt_err row_fail(struct zt_error *e, enum zt_err rc, int i, const char *what)
{
	if (e) {
		char msg[sizeof e->message + 256];
		snprintf(msg, sizeof msg, "デモデータ %s %d行目（%s）: %s", what, i + 1,
			 strcmp(what, "機関") == 0 ? demo_insts[i].name : demo_people[i].name, e->message);
		snprintf(e->message, sizeof e->message, "%.500s", msg);
		e->line = i + 1;
	}
	return rc;
}

static enum zt_err geography(struct store *st, struct zt_error *e)
{
	const char *codes[8];
	int n = 0;
	for (int i = 0; i < demo_munis_n; i++) {
		const struct demo_muni *m = &demo_munis[i];
		if (!store_municipality_exists(st, m->code))
			return zt_fail(e, ZT_ERR_NOTFOUND, "municipality",
				       "市町村 %s（%s）が登録されていません。先に zaitaku init を実行してください。", m->code, m->name);
		enum zt_err rc = store_municipality_set_geo(st, m->code, m->lat, m->lon, m->population);
		if (rc != ZT_OK)
			return zt_fail(e, rc, "municipality", "市町村 %s の座標を保存できませんでした。", m->code);
		codes[n++] = m->code;
	}
	codes[n] = NULL;
	int64_t id = 0;
	if (store_medical_area_put(st, DEMO_PREF, demo_medical_area_name, codes, &id) != ZT_OK)
		return zt_fail(e, ZT_ERR_DB, "medical_area", "二次医療圏「%s」を保存できませんでした。", demo_medical_area_name);
	for (int i = 0; i < demo_care_areas_n; i++)
		if (store_care_area_put(st, DEMO_PREF, demo_care_areas[i].name, demo_care_areas[i].munis, &id) != ZT_OK)
			return zt_fail(e, ZT_ERR_DB, "area", "圏域「%s」を保存できませんでした。", demo_care_areas[i].name);
	for (int i = 0; i < demo_adjacency_n; i++)
		if (store_adjacency_put(st, demo_adjacency[i][0], demo_adjacency[i][1]) != ZT_OK)
			return zt_fail(e, ZT_ERR_DB, "adjacency", "隣接関係 %s–%s を保存できませんでした。", demo_adjacency[i][0],
				       demo_adjacency[i][1]);
	return ZT_OK;
}

/* The bureau's 受理記号 of each standard, for the filings the demo records beside the standards. */
static const char *const std_symbol[STD__MAX] = {
	[STD_ZAISHIN_ENHANCED_SOLO] = "支援診１", [STD_ZAISHIN_ENHANCED_LINKED] = "支援診２",
	[STD_ZAISHIN_CONVENTIONAL] = "支援診３", [STD_ZAIBYO_ENHANCED_SOLO] = "支援病１",
	[STD_ZAIBYO_ENHANCED_LINKED] = "支援病２", [STD_ZAIBYO_CONVENTIONAL] = "支援病３",
	[STD_BACKUP_HOSPITAL] = "在後病", [STD_COMMUNITY_CARE_WARD] = "地包ケア１",
};

/* One filing per standard of f, numbered from the row so that every run stores the same. */
static enum zt_err filings(struct store *st, const struct facility *f, int row)
{
	for (int s = 0; s < STD__MAX; s++) {
		if (!(f->standards & (1u << s)))
			continue;
		char number[32];
		snprintf(number, sizeof number, "第%d号", 100 + row * 10 + s);
		enum zt_err rc = store_filing_put(st, f->id, std_symbol[s], standards[s].ja, number, DEMO_FILING_DATE, 1);
		if (rc != ZT_OK)
			return rc;
	}
	return ZT_OK;
}

struct load_ctx {
	int64_t ids[256]; /* institution id of each demo_insts row */
};

static enum zt_err load_tx(struct store *st, void *vctx, struct zt_error *e)
{
	struct load_ctx *ctx = vctx;
	if (store_facility_count(st) > 0)
		return zt_fail(e, ZT_ERR_CONFLICT, "", "機関が既に登録されています。デモ地域は空のデータベースにだけ読み込めます（--if-empty で省略）。");
	enum zt_err rc = geography(st, e);
	if (rc != ZT_OK)
		return rc;
	struct facility f;
	for (int i = 0; i < demo_insts_n; i++) {
		demo_facility(i, &f);
		if ((rc = facility_validate(&f, e)) != ZT_OK || (rc = store_facility_create(st, &f, e)) != ZT_OK)
			return row_fail(e, rc, i, "機関");
		ctx->ids[i] = f.id;
		if ((rc = filings(st, &f, i)) != ZT_OK)
			return row_fail(e, zt_fail(e, rc, "standards", "届出を保存できませんでした。"), i, "機関");
		if (f.kind == KIND_MEDICAL_ASSOCIATION)
			for (int m = 0; m < demo_munis_n; m++)
				if ((rc = store_association_cover(st, f.id, demo_munis[m].code)) != ZT_OK)
					return row_fail(e, rc, i, "機関");
	}
	for (int p = 0; p < demo_people_n; p++) {
		const struct demo_person *d = &demo_people[p];
		int at = -1;
		for (int i = 0; i < demo_insts_n && at < 0; i++)
			if (strcmp(demo_insts[i].name, d->institution) == 0)
				at = i;
		if (at < 0) {
			zt_fail(e, ZT_ERR_INVALID, "institution", "所属機関「%s」がデモデータにありません。", d->institution);
			return row_fail(e, ZT_ERR_INVALID, p, "職員");
		}
		int64_t id = 0;
		if ((rc = store_practitioner_add(st, ctx->ids[at], d->role, d->name, d->kana, d->specialty, &id)) != ZT_OK) {
			zt_fail(e, rc, "practitioner", "職員を保存できませんでした。");
			return row_fail(e, rc, p, "職員");
		}
	}
	return ZT_OK;
}

enum zt_err demo_load(struct store *st, struct zt_error *e)
{
	struct load_ctx ctx = {0};
	if (demo_insts_n > (int)(sizeof ctx.ids / sizeof ctx.ids[0]))
		return zt_fail(e, ZT_ERR_INVALID, "", "demo table too large");
	return store_tx(st, load_tx, &ctx, e);
}
