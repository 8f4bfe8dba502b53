/*
 * workday.c - dates and the Finnish working-day calendar (see workday.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "core/clock.h"
#include "core/workday.h"

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : dm[m - 1];
}

bool date_valid(struct date d)
{
	return d.y >= 1800 && d.y <= 2999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
	       d.d <= date_days_in_month(d.y, d.m);
}

enum err date_parse(const char *s, struct date *out)
{
	struct date d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return ERR_INVALID;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return ERR_INVALID;
	d.y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	d.m = (s[5] - '0') * 10 + (s[6] - '0');
	d.d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!date_valid(d))
		return ERR_INVALID;
	*out = d;
	return ERR_OK;
}

void date_format(struct date d, char out[11])
{
	unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, day = (unsigned)d.d % 100u;
	snprintf(out, 11, "%04u-%02u-%02u", y, m, day);
}

/* Howard Hinnant's days_from_civil. */
int64_t date_to_days(struct date d)
{
	int64_t y = d.y - (d.m <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct date date_from_days(int64_t z)
{
	struct date d;
	int64_t era, doe, yoe, y, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.y = (int)(y + (d.m <= 2));
	return d;
}

int date_weekday(struct date d)
{
	int64_t z = date_to_days(d);  /* 1970-01-01 was a Thursday (4) */
	int64_t w = (z % 7 + 7) % 7;
	return (int)((w + 3) % 7) + 1;
}

struct date date_add_days(struct date d, int64_t n)
{
	return date_from_days(date_to_days(d) + n);
}

struct date date_add_months(struct date d, int months)
{
	int total = d.y * 12 + (d.m - 1) + months;
	struct date r = { total / 12, total % 12 + 1, d.d };
	int dim = date_days_in_month(r.y, r.m);
	if (r.d > dim)
		r.d = dim;
	return r;
}

int date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

struct date date_today(void)
{
	/* A child page asks once a clock, ~16 times, and localtime_r is nearly
	 * all of the cost: each thread keeps its answer for the last second
	 * asked about (the same second is always the same day). */
	static _Thread_local bool have;
	static _Thread_local int64_t last_t;
	static _Thread_local struct date last;
	int64_t now = clock_now();

	if (!have || now != last_t) {
		time_t t = (time_t)now;
		struct tm tm;
		localtime_r(&t, &tm);
		last.y = tm.tm_year + 1900;
		last.m = tm.tm_mon + 1;
		last.d = tm.tm_mday;
		last_t = now;
		have = true;
	}
	return last;
}

struct date workday_easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	struct date r = { y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1 };
	return r;
}

const char *workday_holiday(struct date d)
{
	struct date easter;
	int64_t delta;
	int wd = date_weekday(d);

	if (d.m == 1 && d.d == 1) return "new_years_day";
	if (d.m == 1 && d.d == 6) return "epiphany";
	if (d.m == 5 && d.d == 1) return "may_day";
	if (d.m == 12 && d.d == 6) return "independence_day";
	if (d.m == 12 && d.d == 24) return "christmas_eve";
	if (d.m == 12 && d.d == 25) return "christmas_day";
	if (d.m == 12 && d.d == 26) return "boxing_day";
	if (d.m == 6 && d.d >= 19 && d.d <= 25 && wd == 5) return "midsummer_eve";
	if (d.m == 6 && d.d >= 20 && d.d <= 26 && wd == 6) return "midsummer_day";
	if (((d.m == 10 && d.d == 31) || (d.m == 11 && d.d <= 6)) && wd == 6) return "all_saints_day";
	easter = workday_easter(d.y);
	delta = date_to_days(d) - date_to_days(easter);
	if (delta == -2) return "good_friday";
	if (delta == 0) return "easter_sunday";
	if (delta == 1) return "easter_monday";
	if (delta == 39) return "ascension_day";
	if (delta == 49) return "whit_sunday";
	return NULL;
}

bool workday_is_working_day(struct date d)
{
	return date_weekday(d) <= 5 && !workday_holiday(d);
}

struct date workday_add(struct date d, int n)
{
	while (n > 0) {
		d = date_add_days(d, 1);
		if (workday_is_working_day(d))
			n--;
	}
	return d;
}

struct date workday_next_or_same(struct date d)
{
	while (!workday_is_working_day(d))
		d = date_add_days(d, 1);
	return d;
}

int workday_count_between(struct date a, struct date b)
{
	int n = 0;
	while (date_cmp(a, b) < 0) {
		a = date_add_days(a, 1);
		if (workday_is_working_day(a))
			n++;
	}
	return n;
}
