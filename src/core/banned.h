/*
 * banned.h - functions that must not be used in Majakka (after git's banned.h).
 *
 * Included into every translation unit by the Makefile (-include), so a use
 * of one of these fails the build.  Use buf_appendf, str_lcpy, strtok_r,
 * gmtime_r, localtime_r instead.
 */
#ifndef MAJAKKA_BANNED_H
#define MAJAKKA_BANNED_H

/* The system headers that declare them come first, so their declarations are
 * untouched; any later #include of them is a no-op thanks to include guards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)
#undef gets
#define gets(x) BANNED(gets)
#undef atoi
#define atoi(x) BANNED(atoi)

#endif
