/*
 * fuzz_hetu.c - libFuzzer target: personal identity codes, dates and the
 * working-day calendar.  A code that parses must round-trip through
 * hetu_make to a valid code with the same birth date.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "model/deadline.h"
#include "model/hetu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[32];
	struct hetu h;
	struct date d, dd, ad;
	const char *why;
	size_t n = size < sizeof(s) - 1 ? size : sizeof(s) - 1;

	memcpy(s, data, n);
	s[n] = 0;
	if (hetu_parse(s, &h, &why) == ERR_OK) {
		char again[12];
		struct hetu h2;
		hetu_make(h.birth, h.individual, again);
		if (hetu_parse(again, &h2, &why) != ERR_OK || date_cmp(h.birth, h2.birth))
			abort();
	}
	if (date_parse(s, &d) == ERR_OK) {
		if (deadline_for_notification(d, &dd, &ad) != ERR_OK)
			abort();
		if (date_cmp(dd, d) <= 0 || date_cmp(ad, d) <= 0 || !workday_is_working_day(dd) ||
		    !workday_is_working_day(ad))
			abort();
	}
	return 0;
}
