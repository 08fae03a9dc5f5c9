/* The roles table (see role.h): names, labels, scopes and second factors of issue 3 in one place. */
#include "domain/role.h"

#include <string.h>

const struct role_entry role_table[ROLE__MAX] = {
	/*                  code           ja                          scope                totp */
	[ROLE_ADMIN]       = {"admin",       "システム管理者",           RSCOPE_ALL,          true},
	[ROLE_PREFECTURE]  = {"prefecture",  "都道府県・保健所",         RSCOPE_PREFECTURE,   true},
	[ROLE_COORDINATOR] = {"coordinator", "在宅医療コーディネータ",   RSCOPE_ASSOCIATIONS, false},
	[ROLE_DOCTOR]      = {"doctor",      "医師",                     RSCOPE_INSTITUTION,  false},
	[ROLE_NURSE]       = {"nurse",       "訪問看護師",               RSCOPE_INSTITUTION,  false},
	[ROLE_HOSPITAL]    = {"hospital",    "病院（地域連携室）",       RSCOPE_INSTITUTION,  false},
};

int role_lookup(const char *code)
{
	for (int i = 0; code && i < ROLE__MAX; i++)
		if (strcmp(role_table[i].code, code) == 0)
			return i;
	return -1;
}

const char *role_name(int r) { return r >= 0 && r < ROLE__MAX ? role_table[r].code : "system"; }
const char *role_label(int r) { return r >= 0 && r < ROLE__MAX ? role_table[r].ja : "システム"; }
