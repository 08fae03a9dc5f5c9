/*
 * Rules of the 地方厚生局「施設基準の届出受理状況」lists (issue 2 §6, seed 002 ①), pure: column
 * names and their variants, the kind of an institution, beds, municipalities from addresses.
 */
#ifndef ZT_DOMAIN_BUREAU_H
#define ZT_DOMAIN_BUREAU_H

#include <stddef.h>
#include <stdint.h>

#include "domain/codes.h"

/* Columns of a bureau list we read. */
enum bureau_col {
	BCOL_SEQ,          /* 項番 */
	BCOL_PREFECTURE,   /* 都道府県名 */
	BCOL_KUBUN,        /* 区分 (医科/歯科/薬局) */
	BCOL_CODE,         /* 医療機関番号 (7 digits, "11,1111,1") */
	BCOL_ANNEX_CODE,   /* 併設医療機関番号 */
	BCOL_NAME,         /* 医療機関名称 */
	BCOL_POSTAL,       /* 医療機関所在地（郵便番号） */
	BCOL_ADDRESS,      /* 医療機関所在地（住所） */
	BCOL_PHONE,        /* 電話番号 */
	BCOL_FAX,          /* FAX番号 */
	BCOL_BEDS,         /* 病床数 */
	BCOL_FILING_NAME,  /* 受理届出名称 */
	BCOL_SYMBOL,       /* 受理記号 */
	BCOL_NUMBER,       /* 受理番号 */
	BCOL_START,        /* 算定開始年月日 */
	BCOL_INDIV_START,  /* 個別有効開始年月日 */
	BCOL_NOTE,         /* 備考 */
	BCOL__MAX
};
/* Japanese column names as the 関東信越厚生局 prints them, for messages. */
extern const char *const bureau_col_names[BCOL__MAX];

/*
 * The column a header cell names, or -1. Tolerates full-/half-width variants, spaces and line
 * breaks inside the cell, brackets of either width and the names other bureaus use
 * (医療機関コード, 医療機関名, 所在地, 郵便番号, ＦＡＸ番号 …).
 */
int bureau_col_of_header(const char *cell);
/*
 * Maps a header row: map[c] = index of the cell of column c, or -1. Returns 1 when the row is the
 * header row (it names 医療機関番号, 医療機関名称 and 受理記号), else 0.
 */
int bureau_header_map(int ncells, const char *const *cells, int map[BCOL__MAX]);

/* Total beds of a 病床数 cell: "19", "一般 50 療養 30" → 80, "" → 0; -1 when it holds no number
 * but other text. */
int bureau_beds_total(const char *cell);
/* Kind of an institution of the list: 医科 with 20 beds or more is a hospital (医療法 §1-5), else
 * a clinic; 歯科 → dental; 薬局 → pharmacy; 訪問看護 → nurse station. */
enum inst_kind bureau_kind(char table, int beds);
/*
 * Settles the kind and standards of one institution from all its filings in a list, so that what
 * is stored passes facility_validate(): a 医科 institution with 在支病・在後病・地域包括ケア is a
 * hospital, one with 在支診 a clinic (a 在支診 with 20 beds or more is an error); 歯科・薬局・訪問看護
 * carry none of these standards; of several 在支診 (or 在支病) types the one that started last is
 * kept (ties: the stronger). *stds is updated in place; since[s] is an ISO date or NULL.
 * Returns the kind, or -1 with *reason (a Japanese sentence) when the filings contradict.
 */
int bureau_resolve(char table, int beds, uint32_t *stds, const char *const since[STD__MAX], const char **reason);

/*
 * The list's own date from a title cell above the header: 「令和6年11月1日現在」,
 * 「（令和 6年11月 1日現在）」, 「R6.11.1現在」 (full-width digits too) → ISO "2024-11-01".
 * Returns 0, or -1 when the cell holds no 「…現在」 date.
 */
int bureau_title_date(const char *cell, char out[11]);

/* ---- コード内容別医療機関一覧表 (all insured institutions, issue 12 §4) ---- */

/* Kind of a 種別 cell of the code list: 病院 → hospital, 診療所 → clinic, 歯科… → dental, 薬局 →
 * pharmacy; -1 when the cell names none (e.g. 現存, 休止, 特定機能薬局). */
int code_list_kind(const char *cell);
/* 点数表 digit of a kind: hospital/clinic '1', dental '3', pharmacy '4'; 0 otherwise. */
char code_list_table(int kind);
/* Beds of a 診療科・病床 cell: the numbers after 一般, 療養, 精神, 結核, 感染 (or before 床)
 * summed ("内 小\n一般 50 療養 30" → 80); -1 when the cell names no beds. */
int code_list_beds(const char *cell);
/* Splits a 所在地 cell 「〒910－0006福井市中央１－９－３０」 (or postal code and address on two
 * lines, or no postal code) into postal "910-0006" ("" when none) and the address, both
 * width-normalised, line breaks as spaces. */
void code_list_address(const char *cell, char postal[9], char *address, size_t addrsz);

/* An Excel date serial ("45383") as ISO "YYYY-MM-DD"; 0, or -1 when s is not one. */
int bureau_excel_serial_date(const char *s, char out[11]);

/* A municipality name to match addresses against: for wards, the city and the ward
 * ("札幌市中央区"). */
struct muni_name {
	const char *code;
	const char *name;
};
/*
 * The municipality an address lies in: after the prefecture name (when the address starts with
 * it) and an optional 郡 name, the longest name of list[0..n) the address starts with. Returns its
 * index or -1.
 */
int bureau_match_municipality(const char *address, const char *pref_name, const struct muni_name *list, int n);

#endif
