/*
 * Import of the 地方厚生局「コード内容別医療機関一覧表」(issue 12 §4): every insured institution
 * (保険医療機関・保険薬局) of one prefecture and 点数表, as the bureaus publish it monthly in Excel
 * (or saved as CSV). The clinics that do no home care yet are exactly those the coordinator must
 * reach, so the registry should hold them all.
 *
 * Layout (docs/csv.md §1b; verified against the 近畿厚生局 and 北海道厚生局 files): title rows
 * (「コード内容別医療機関一覧表」, 「[福井県]」, 「[令和 8年 7月 1日現在　薬局　現存/休止]」,
 * 「令和 8年 7月 1日作成　1頁」, repeated per page), optionally a header row, then one BLOCK of 2–6
 * rows per institution: the block starts at a row whose 項番 cell holds a serial number; that row
 * holds 医療機関番号 (7 digits with `,` `-` or `.` separators, possibly a line break and the 併設
 * number), 名称, 所在地 (「〒910－0006福井市中央１－９－３０」 or postal code and address on two
 * lines), 電話番号, 開設者, 管理者, 指定年月日, 診療科・病床, 種別 (病院・診療所・歯科診療所・薬局);
 * the block's later rows hold staff counts, the latest change and the state 現存/休止. Columns are
 * taken from a header row when there is one (names as in bureau_col_of_header and 開設者・管理者・
 * 種別), else the common layout A–J. Every institution becomes a struct bureau_inst without filings
 * (io/bureau_import.h), so that the registry comparison is the same as for the 施設基準 lists.
 */
#ifndef ZT_IO_CODE_LIST_IMPORT_H
#define ZT_IO_CODE_LIST_IMPORT_H

#include "io/bureau_import.h"

/* Blocks whose state is 休止 (kept, counted) and the list's scope found in the title rows. */
struct code_list_info {
	long suspended;        /* institutions marked 休止 */
	char prefecture[3];    /* "18"; "" when the title names none */
	char table;            /* 点数表 of the title ('1', '3', '4'), 0 when it names none */
};

/*
 * Reads data[0..len) (XLSX or CSV in UTF-8/CP932) into *list (institutions, no filings) and *sum
 * (rows = blocks, institutions, as_of from the title, errors with the sheet row and column).
 * pref_hint ("18" or NULL) is the prefecture when the title rows do not name one. Same return
 * contract as bureau_parse: ZT_OK, ZT_ERR_INVALID (bad blocks listed; or no block / no prefecture,
 * *e), ZT_ERR_TOOLARGE. A beds value of -1 means the list gave none (the stored value is kept).
 */
enum zt_err code_list_parse(const char *data, size_t len, const struct bureau_places *places, const char *pref_hint,
			    const struct bureau_options *opt, struct bureau_list *list, struct bureau_summary *sum,
			    struct code_list_info *info, struct zt_error *e);

#endif
