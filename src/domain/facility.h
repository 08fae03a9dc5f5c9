/*
 * An institution of the resource registry (地域資源) and its validation rules. Plain data with
 * fixed-size fields: a struct facility owns nothing on the heap, so copies are cheap and there is
 * nothing to free. Lengths are in bytes of UTF-8 (limits for users are in characters, below).
 */
#ifndef ZT_DOMAIN_FACILITY_H
#define ZT_DOMAIN_FACILITY_H

#include <stdbool.h>
#include <stddef.h>
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
	/* Facts are tri-state (issue 12 §3, 対応あり / なし / 未確認): the plain field means "confirmed
	 * yes", its _known companion "confirmed either way". yes implies known (facility_facts_tidy). */
	bool h24;                     /* 24時間対応 */
	bool h24_known;
	bool home_care;               /* 訪問診療・訪問サービスを行う */
	bool home_care_known;
	uint32_t capabilities;        /* bit (1u << enum capability) */
	uint32_t capabilities_known;  /* bit set = that capability confirmed either way */
	uint32_t standards;           /* bit (1u << enum standard) */
	char note[FAC_NOTE_MAX_CHARS * 4 + 1];
	char created_at[21], updated_at[21];
	double distance_km;           /* set by `near` searches, else < 0 */
};

/* Resets f to an empty institution (kind clinic, no id, distance -1) whose facts are all known
 * and "no" — what a form or an API client that says nothing of them has always meant. Importers
 * that do not know the facts clear the _known fields. */
void facility_init(struct facility *f);

/* ---- tri-state facts (issue 12 §3) ---- */
enum fact_state { FACT_UNKNOWN, FACT_NO, FACT_YES }; /* 未確認 / 対応なし / 対応あり */
/* Fact numbers: 24h, visits, then one per capability. */
#define FACT_H24 0
#define FACT_HOME_CARE 1
#define FACT_CAP(c) (2 + (c))
#define FACT__MAX (2 + CAP__MAX)
/* The state of fact (0 ≤ fact < FACT__MAX) of f. */
enum fact_state facility_fact(const struct facility *f, int fact);
/* Sets fact of f to state s. */
void facility_fact_set(struct facility *f, int fact, enum fact_state s);
/* The API code of a fact ("h24", "home_care" or the capability's code) and its Japanese label. */
const char *facility_fact_code(int fact);
const char *facility_fact_label(int fact);
/* The fact number of code, -1 when unknown. */
int facility_fact_lookup(const char *code);
/* The label of a state: 対応あり / 対応なし / 未確認. */
const char *fact_state_label(enum fact_state s);
/* Makes every confirmed yes also known (a yes is a confirmation). */
void facility_facts_tidy(struct facility *f);
/* True when all facts of f are confirmed. */
bool facility_facts_all_known(const struct facility *f);

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
	int home_care;               /* -1 any, 0 no, 1 yes */
	bool include_unknown;        /* 未確認も含める: an unconfirmed fact matches any wanted state */
	int sort;                    /* enum fac_sort */
	bool sort_desc;
	bool near;
	double near_lat, near_lon, within_km;
	char q[256];                 /* name / kana substring */
	int limit, offset;
};
/* Sets flt to "everything": no restriction (kind, standard, h24, home_care = -1), first page of 50,
 * by id. */
void facility_filter_init(struct facility_filter *flt);
/*
 * The filter semantics of the tri-state facts (issue 12 §3, "unknown is not no"): h24 / home_care
 * wanted yes (1) or no (0) match a fact confirmed so; every capability of flt must be confirmed
 * yes. With include_unknown a 未確認 fact matches too. True when f passes these filters (the
 * others are not looked at). The store's SQL implements the same predicate (tests compare).
 */
bool facility_filter_facts_match(const struct facility_filter *flt, const struct facility *f);

/* Orders of a registry listing (?sort=, "-" in front for descending). */
enum fac_sort { FAC_SORT_ID, FAC_SORT_NAME, FAC_SORT_KANA, FAC_SORT_MUNICIPALITY, FAC_SORT_KIND, FAC_SORT_CODE,
		FAC_SORT__MAX };
extern const char *const fac_sort_codes[FAC_SORT__MAX];

/* Most words a search (q) may have; all must match (AND). */
#define FAC_SEARCH_WORDS 4
/* The folded text a registry search matches words against (text_search_fold of name, kana,
 * legal entity, address, phone and fax digits and 医療機関コード, joined by '|'). Fills out (size outsz). */
void facility_search_key(const struct facility *f, char *out, size_t outsz);
#define FAC_SEARCH_KEY_MAX 2400

#endif
