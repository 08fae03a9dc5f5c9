/*
 * Region set-up (issue 12 §1, DOMAIN.md "Geography"), pure: the tables a prefecture defines —
 * 二次医療圏, 圏域, 郡市医師会 districts, population per municipality, adjacency, and the office
 * positions when the shipped ones are to be replaced — as rows, their
 * validation, the name of a municipality's office (市役所 / 町役場 / 村役場 / 区役所), and the
 * acceptance test of a geocoded position (issue 12 §2: in Japan, near its municipality).
 */
#ifndef ZT_DOMAIN_REGION_H
#define ZT_DOMAIN_REGION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

enum region_kind {
	REGION_MEDICAL_AREAS, /* 二次医療圏: each municipality in at most one */
	REGION_CARE_AREAS,    /* 圏域: any set of municipalities (seed 001) */
	REGION_ASSOCIATIONS,  /* 郡市医師会 and the municipalities each covers */
	REGION_POPULATION,    /* 人口 with its source and year */
	REGION_ADJACENCY,     /* 隣接市町村 (designation rule ③) */
	REGION_OFFICES,       /* 役所・役場 and its position (replaces the shipped list's) */
	REGION__MAX
};

struct region_kind_info {
	const char *code;     /* API name: medical-areas, care-areas, associations, population, adjacency, offices */
	const char *ja;       /* 二次医療圏 … */
	const char *const *header; /* CSV columns, NULL-terminated */
};
extern const struct region_kind_info region_kinds[REGION__MAX];
/* The kind of an API name, -1 when unknown. */
int region_kind_parse(const char *code);

#define REGION_NAME_MAX_CHARS 100
#define REGION_SOURCE_MAX_CHARS 100
#define REGION_POPULATION_MAX 20000000L
#define REGION_YEAR_MIN 1920
#define REGION_YEAR_MAX 2100

/* One row of a region table, whatever its kind (the fields the kind does not use stay empty). */
struct region_row {
	long line;                               /* line of the file (or row of the page), 1-based */
	char name[REGION_NAME_MAX_CHARS * 4 + 1]; /* area / association name */
	char muni[7];                            /* 市町村コード */
	char other[7];                           /* adjacency: the neighbour */
	long population;                         /* -1: none */
	char source[REGION_SOURCE_MAX_CHARS * 4 + 1];
	int year;                                /* 0: none */
	bool has_position;                       /* offices: lat/lon given */
	double lat, lon;                         /* offices: the office's position (WGS84) */
};

/* True when code is a 6-digit 全国地方公共団体コード whose check digit matches (weights 6,5,4,3,2,
 * (11 − sum mod 11) mod 10). */
bool region_muni_code_ok(const char *code);

/*
 * Checks rows[0..n) of kind for prefecture pref (2 digits): codes well formed and in pref (for
 * adjacency the first column; the neighbour may lie across the border), names and sources of legal
 * length, populations 0..REGION_POPULATION_MAX with a source and a year, office positions in Japan
 * with a name (the office name travels in source), no municipality in two
 * 二次医療圏, no row twice. Stops at the first problem: ZT_ERR_INVALID with e->line the row's line
 * and e->field its column name (Japanese, as in the CSV header); ZT_OK otherwise.
 */
enum zt_err region_validate(enum region_kind kind, const char *pref, const struct region_row *rows, size_t n,
			    struct zt_error *e);

/* The office of a municipality: 水戸市役所, 大洗町役場, 東海村役場, 千代田区役所, and for a ward of a
 * designated city (type "ward") 札幌市中央区役所 (parent_name the city). Writes "" when the name
 * ends otherwise. */
void region_office_name(const char *type, const char *name, const char *parent_name, char *out, size_t n);

/* Farthest a geocoded position may lie from its municipality's office (km). */
#define REGION_GEOCODE_MAX_KM 30.0
/*
 * Accepts a geocoded position for an institution: inside Japan, and when the office of its
 * municipality is known (has_office) within REGION_GEOCODE_MAX_KM of it. Returns true, or false
 * with a Japanese reason in reason[0..n).
 */
bool region_position_acceptable(double lat, double lon, bool has_office, double office_lat, double office_lon,
				char *reason, size_t n);

/* Our precision word for an abrg match level (coordinate_level or match_level): rooftop for
 * residential_detail / parcel, street for residential_block, town for machiaza(_detail), municipality
 * for city; NULL (not usable) for prefecture, unknown or anything else. */
const char *region_abrg_precision(const char *level);

#endif
