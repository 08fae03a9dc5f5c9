/*
 * Functions the house does not use (docs/architecture.md "Banned"), refused at compile time as in
 * git's banned.h: every compilation unit gets this file through `-include` (Makefile), so a call
 * fails to compile with "sorry_strcpy_is_a_banned_function". Use snprintf, strtol/strtoll and
 * strtok_r instead. The libc headers that declare them come first, so their declarations are
 * not rewritten.
 */
#ifndef ZT_CORE_BANNED_H
#define ZT_CORE_BANNED_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gets
#define gets(x) BANNED(gets)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef strtok
#define strtok(x, y) BANNED(strtok)

#endif
