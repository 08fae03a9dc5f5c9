/*
 * An institution of the resource registry (地域資源) and its validation rules. Plain data with
 * fixed-size fields: a struct facility owns nothing on the heap, so copies are cheap and there is
 * nothing to free. Lengths are in bytes of UTF-8 (limits for users are in characters, below).
 */
#ifndef ZT_DOMAIN_FACILITY_H
#define ZT_DOMAIN_FACILITY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/codes.h"

#define FAC_NAME_MAX_CHARS 100
#define FAC_ADDRESS_MAX_CHARS 200
#define FAC_NOTE_MAX_CHARS 1000
#define FAC_PHONE_MAX_CHARS 20

struct facility {
	int64_t id;                   /* 0 when not stored yet */
	enum inst_kind kind;
	char name[FAC_NAME_MAX_CHARS * 4 + 1];
	char kana[FAC_NAME_MAX_CHARS * 4 + 1];
	int64_t legal_entity_id;      /* 0: none recorded */
	char legal_entity[FAC_NAME_MAX_CHARS * 4 + 1]; /* 法人名; resolved to legal_entity_id on save */
	char legal_entity_number[14]; /* 法人番号 of that 法人 (13 digits), "" when not known (issue 13 §4) */
	char medical_code[11];        /* 医療機関コード, "" when none */
	char postal_code[9];          /* "3140000" or "314-0000" */
	char address[FAC_ADDRESS_MAX_CHARS * 4 + 1];
	char municipality_code[7];
	bool has_coord;
	double lat, lon;
	char coord_source[32];        /* geocoder / manual / bureau / demo */
	char coord_precision[32];     /* rooftop / street / town / municipality */
	char coord_date[11];          /* ISO date the coordinate was set */
	char phone[FAC_PHONE_MAX_CHARS * 4 + 1];
	char fax[FAC_PHONE_MAX_CHARS * 4 + 1];
	int beds;
	bool h24;                     /* 24時間対応 */
	bool home_care;               /* 訪問診療・訪問サービスを行う */
	uint32_t capabilities;        /* bit (1u << enum capability) */
	uint32_t standards;           /* bit (1u << enum standard) */
	char note[FAC_NOTE_MAX_CHARS * 4 + 1];
	char created_at[21], updated_at[21];
	double distance_km;           /* set by `near` searches, else < 0 */
};

/* Resets f to an empty institution (kind clinic, no id, distance -1). */
void facility_init(struct facility *f);

/*
 * Checks every field of f against the registry's rules (code formats, coordinates in Japan,
 * lengths, kind-specific rules). Stops at the first problem and describes it in *e with the
 * field's API name. Returns ZT_OK or ZT_ERR_INVALID.
 */
enum zt_err facility_validate(const struct facility *f, struct zt_error *e);

/* Filters of a registry search (GET /api/v1/facilities). Empty strings / zero mean "any". */
#define FAC_FILTER_MAX_CAPS CAP__MAX
struct facility_filter {
	char municipality[7];
	int64_t care_area_id;        /* 圏域 */
	int64_t medical_area_id;     /* 二次医療圏 */
	int kind;                    /* -1 any */
	int standard;                /* -1 any */
	uint32_t capabilities;       /* all must hold */
	int h24;                     /* -1 any, 0 no, 1 yes */
	bool near;
	double near_lat, near_lon, within_km;
	char q[256];                 /* name / kana substring */
	int limit, offset;
};
/* Sets flt to "everything": no restriction (kind, standard, h24 = -1), first page of 50. */
void facility_filter_init(struct facility_filter *flt);

#endif
