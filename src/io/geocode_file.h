/*
 * Geocoder output in (issue 12 §2): a CSV of institution → position from any geocoder, and the
 * Digital Agency's address-base-registry geocoder `abrg` (npm @digital-go-jp/abr-geocoder) run as
 * an optional external command. Formats only: which positions are accepted is the domain's
 * (region_position_acceptable) and the use case's (app/app_positions.c).
 */
#ifndef ZT_IO_GEOCODE_FILE_H
#define ZT_IO_GEOCODE_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct geocode_row {
	long line;
	char key[16];        /* 医療機関コード (10 digits) or 機関ID */
	double lat, lon;
	char precision[16];  /* rooftop / street / town / municipality */
	char source[32];     /* the geocoder's name, "geocoder" when the file does not say */
};

/*
 * Reads a CSV (UTF-8 with or without BOM, or CP932) whose header names its columns: 医療機関コード
 * or 機関ID (one of them), 緯度, 経度, optionally 精度 (建物 / 街区 / 町字 / 市町村 or rooftop / street /
 * town / municipality; default 町字) and 出典. *rows malloc'd (caller frees). A bad cell is
 * ZT_ERR_INVALID naming its line and column; nothing is returned then.
 */
enum zt_err geocode_csv_read(const char *data, size_t len, struct geocode_row **rows, size_t *n, struct zt_error *e);

/* One answer of abrg for one input address. */
struct abrg_result {
	bool found;          /* the address was in the output */
	bool has_coord;
	double lat, lon;
	char level[32];      /* coordinate_level, else match_level ("residential_detail", "city", …) */
	char lg_code[8];     /* 全国地方公共団体コード of the match, "" when none */
};

/* Longest run of the geocoder before it is stopped (a whole prefecture takes minutes at most). */
#define ABRG_TIMEOUT_S 900

/*
 * Runs command (an executable path or name on PATH, no shell) as `command INPUT -f ndjson --silent`
 * with INPUT a temporary file of addresses[0..n) one per line (line breaks in an address become
 * spaces), and reads its NDJSON output: one {"query":{"input"},"result":{lat, lon,
 * coordinate_level|match_level, lg_code}} per line, matched back to the addresses by query.input.
 * out[0..n) is filled (zeroed when an address got no answer). ZT_ERR_IO when the command cannot be
 * run, exits non-zero or runs longer than ABRG_TIMEOUT_S (message names it), ZT_ERR_INVALID when its output is not NDJSON.
 */
enum zt_err abrg_run(const char *command, const char *const *addresses, size_t n, struct abrg_result *out,
		     struct zt_error *e);

#endif
