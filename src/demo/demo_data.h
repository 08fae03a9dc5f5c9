/* The demo region as data: rows of static tables read by the one loader in demo.c. */
#ifndef ZT_DEMO_DEMO_DATA_H
#define ZT_DEMO_DEMO_DATA_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/codes.h"

#define DEMO_PREF "08"
#define DEMO_COORD_DATE "2026-04-01" /* fixed: the demo is deterministic */
#define DEMO_FILING_DATE "2024-06-01" /* 算定開始年月日 of the demo's 施設基準 filings */

struct demo_muni {
	const char *code, *name;
	double lat, lon; /* 市役所 (approximate) */
	long population; /* approximate, 2020 census order of magnitude */
	const char *phone_area;  /* 市外局番 used for the fictional phone numbers */
	const char *district;    /* 2-digit 郡市区 part of the (fictional) 医療機関コード */
};

/* An institution row. The 医療機関コード is built by the loader: 08 + 点数表 (from the kind) +
 * the municipality's district + 1000+row number + Luhn check digit; phone numbers likewise. */
struct demo_inst {
	enum inst_kind kind;
	int muni; /* index into demo_munis */
	const char *name, *kana, *legal_entity;
	const char *postal, *town; /* address after the municipality name */
	double lat, lon;
	int beds;
	bool h24, home_care;
	uint32_t caps, stds;
	const char *note;
};

struct demo_person {
	const char *institution; /* demo_inst name */
	const char *role;        /* doctor / nurse / coordinator */
	const char *name, *kana, *specialty;
};

struct demo_area {
	const char *name;
	const char *munis[6]; /* NULL-terminated */
};

extern const struct demo_muni demo_munis[];
extern const int demo_munis_n;
extern const char *const demo_medical_area_name;
extern const struct demo_area demo_care_areas[];
extern const int demo_care_areas_n;
extern const char *const demo_adjacency[][2];
extern const int demo_adjacency_n;
extern const struct demo_inst demo_insts[];
extern const int demo_insts_n;
extern const struct demo_person demo_people[];
extern const int demo_people_n;

#endif
