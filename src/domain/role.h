/*
 * The roles of a user (issue 3 §1–§2) as one table: the API name, the Japanese label, the scope the
 * role is bound to and whether it must use a TOTP second factor (SECURITY.md "second factor").
 * auth/policy.c says what each role may do; domain/account.c checks an account against this table;
 * GET /api/v1/codes serves it to the pages. Pure: no I/O.
 */
#ifndef ZT_DOMAIN_ROLE_H
#define ZT_DOMAIN_ROLE_H

#include <stdbool.h>

enum role {
	ROLE_ADMIN,       /* システム管理者: whole installation */
	ROLE_PREFECTURE,  /* 県・保健所: a prefecture — designation, audits, publication */
	ROLE_COORDINATOR, /* 在宅医療推進コーディネータ: one or more 郡市医師会 */
	ROLE_DOCTOR,      /* 在宅医: their institution, own patients and their group's */
	ROLE_NURSE,       /* 訪問看護: their institution */
	ROLE_HOSPITAL,    /* 地域連携室: its discharge referrals */
	ROLE__MAX
};

/* What an account of a role is scoped to (the fields account_check_scope requires). */
enum role_scope {
	RSCOPE_ALL,          /* nothing: the whole installation */
	RSCOPE_PREFECTURE,   /* a 2-digit prefecture code */
	RSCOPE_ASSOCIATIONS, /* one or more 郡市医師会 (institution ids) */
	RSCOPE_INSTITUTION,  /* one institution id */
};

struct role_entry {
	const char *code;      /* API name: "admin", "prefecture", … */
	const char *ja;        /* Japanese label */
	enum role_scope scope;
	bool needs_totp;       /* must enrol a TOTP second factor */
};

extern const struct role_entry role_table[ROLE__MAX];

/* The role named code, or -1 when code is NULL or unknown. */
int role_lookup(const char *code);
/* API name and Japanese label of r; "system" / "システム" when r is out of range. */
const char *role_name(int r);
const char *role_label(int r);

#endif
