/*
 * hetu.c - personal identity code (see hetu.h).
 */
#include <stdio.h>
#include <string.h>
#include "model/hetu.h"

static const char CHECK[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";

static int century_of(char c)
{
	if (c == '+')
		return 1800;
	if (c == '-' || (c >= 'U' && c <= 'Y'))
		return 1900;
	if (c >= 'A' && c <= 'F')
		return 2000;
	return 0;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

enum err hetu_parse(const char *s, struct hetu *out, const char **why)
{
	struct hetu h;
	long num;
	int century;
	char buf[10];

	*why = NULL;
	if (!s || strlen(s) != 11) {
		*why = "length";
		return ERR_INVALID;
	}
	if (!all_digits(s, 6) || !all_digits(s + 7, 3)) {
		*why = "characters";
		return ERR_INVALID;
	}
	century = century_of(s[6]);
	if (!century) {
		*why = "century";
		return ERR_INVALID;
	}
	h.birth.d = (s[0] - '0') * 10 + (s[1] - '0');
	h.birth.m = (s[2] - '0') * 10 + (s[3] - '0');
	h.birth.y = century + (s[4] - '0') * 10 + (s[5] - '0');
	if (!date_valid(h.birth)) {
		*why = "date";
		return ERR_INVALID;
	}
	if (date_cmp(h.birth, date_today()) > 0) {
		*why = "hetu_future";
		return ERR_INVALID;
	}
	h.individual = (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	if (h.individual < 2) {
		*why = "individual_number";
		return ERR_INVALID;
	}
	memcpy(buf, s, 6);
	memcpy(buf + 6, s + 7, 3);
	buf[9] = 0;
	num = 0;
	for (int i = 0; i < 9; i++)
		num = num * 10 + (buf[i] - '0');
	if (CHECK[num % 31] != s[10]) {
		*why = "check_character";
		return ERR_INVALID;
	}
	h.female = h.individual % 2 == 0;
	h.test_range = h.individual >= 900;
	if (out)
		*out = h;
	return ERR_OK;
}

bool hetu_valid(const char *s)
{
	const char *why;
	return hetu_parse(s, NULL, &why) == ERR_OK;
}

void hetu_make(struct date b, int individual, char out[12])
{
	char sign = b.y >= 2000 ? 'A' : b.y >= 1900 ? '-' : '+';
	unsigned dd = (unsigned)b.d % 100u, mm = (unsigned)b.m % 100u, yy = (unsigned)b.y % 100u;
	unsigned ind = (unsigned)individual % 1000u;
	long num = (long)dd * 10000000L + (long)mm * 100000L + (long)yy * 1000L + (long)ind;
	snprintf(out, 12, "%02u%02u%02u%c%03u%c", dd, mm, yy, sign, ind, CHECK[num % 31]);
}
