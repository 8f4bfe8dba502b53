/*
 * hetu.h - the Finnish personal identity code (henkilötunnus), DDMMYYCZZZQ.
 *
 * C is the century sign: '+' 1800s; '-' and (since 2023) Y X W V U for the
 * 1900s; 'A' and B C D E F for the 2000s.  ZZZ is the individual number:
 * 002-899 for real people, 900-999 for temporary and test use (never given
 * to real people; Majakka's demo and test data use only these).  Q is the
 * check character: DDMMYYZZZ as a number mod 31 indexes
 * "0123456789ABCDEFHJKLMNPRSTUVWXY".
 */
#ifndef MAJAKKA_HETU_H
#define MAJAKKA_HETU_H

#include <stdbool.h>
#include "core/workday.h"

struct hetu {
	struct date birth;
	int individual;
	bool female;       /* even individual number */
	bool test_range;   /* 900-999 */
};

/* Parse and validate s.  On ERR_INVALID, *why names the wrong part:
 * "length", "characters", "date", "century", "individual_number",
 * "check_character". */
enum err hetu_parse(const char *s, struct hetu *out, const char **why);
bool hetu_valid(const char *s);
/* Build a valid code (century sign '-' for 1900s, 'A' for 2000s, '+' 1800s). */
void hetu_make(struct date birth, int individual, char out[12]);

#endif
