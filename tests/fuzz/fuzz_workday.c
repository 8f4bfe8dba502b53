/*
 * fuzz_workday.c - libFuzzer target: dates and the Finnish working-day
 * calendar (core/workday.h) and the notification clocks built on it.
 *
 * The input gives a date (any year, month and day numbers, valid or not), a
 * count of working days, a count of months and a second date, and its tail
 * is given to date_parse as text.  Each function is checked against its
 * contract and against a second, independent computation here: Gauss's
 * Easter formula in Lichtenberg's form, Zeller's congruence for the weekday
 * and a plain list of the year's holidays.  Any breach calls abort().
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/workday.h"
#include "model/deadline.h"

#define MAX_WORKDAYS 400  /* about a year and a half: keeps an input fast */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct reader {
	const uint8_t *p;
	size_t n;
};

static unsigned take(struct reader *r, int bytes)
{
	unsigned v = 0;
	for (int i = 0; i < bytes; i++) {
		v <<= 8;
		if (r->n) {
			v |= *r->p++;
			r->n--;
		}
	}
	return v;
}

static void check(bool ok)
{
	if (!ok)
		abort();
}

/* ---- the independent computations ------------------------------------ */

static bool leap(int y)
{
	return y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
}

static int month_days(int y, int m)
{
	if (m == 2)
		return leap(y) ? 29 : 28;
	return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/* Zeller's congruence, turned into 1 = Monday ... 7 = Sunday. */
static int zeller(struct date d)
{
	int m = d.m < 3 ? d.m + 12 : d.m, y = d.m < 3 ? d.y - 1 : d.y;
	int k = y % 100, j = y / 100;
	int h = (d.d + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7;  /* 0 = Saturday */
	return (h + 5) % 7 + 1;
}

/* Gauss's Easter formula as Lichtenberg wrote it: Easter as a day of March. */
static struct date gauss_easter(int y)
{
	int k = y / 100, m = 15 + (3 * k + 3) / 4 - (8 * k + 13) / 25, s = 2 - (3 * k + 3) / 4;
	int a = y % 19, d = (19 * a + m) % 30, r = (d + a / 11) / 29;
	int og = 21 + d - r, sz = 7 - (y + y / 4 + s) % 7, oe = 7 - (og - sz) % 7;
	int os = og + oe;
	struct date e = { y, os > 31 ? 4 : 3, os > 31 ? os - 31 : os };
	return e;
}

struct holiday {
	struct date d;
	const char *name;
};

/* The Finnish holidays of year y, from their definitions; returns the count. */
static int holidays_of(int y, struct holiday out[16])
{
	static const struct { int m, d; const char *name; } fixed[] = {
		{ 1, 1, "new_years_day" }, { 1, 6, "epiphany" }, { 5, 1, "may_day" },
		{ 12, 6, "independence_day" }, { 12, 24, "christmas_eve" },
		{ 12, 25, "christmas_day" }, { 12, 26, "boxing_day" },
	};
	static const struct { int offset; const char *name; } easter[] = {
		{ -2, "good_friday" }, { 0, "easter_sunday" }, { 1, "easter_monday" },
		{ 39, "ascension_day" }, { 49, "whit_sunday" },
	};
	struct date e = gauss_easter(y);
	int n = 0;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		out[n++] = (struct holiday){ { y, fixed[i].m, fixed[i].d }, fixed[i].name };
	for (size_t i = 0; i < sizeof(easter) / sizeof(easter[0]); i++)
		out[n++] = (struct holiday){ date_add_days(e, easter[i].offset), easter[i].name };
	/* Midsummer Eve: the Friday of 19-25 June; the Day follows it.  All
	 * Saints' Day: the Saturday of 31 October - 6 November. */
	for (int d = 19; d <= 25; d++) {
		struct date f = { y, 6, d };
		if (zeller(f) == 5) {
			out[n++] = (struct holiday){ f, "midsummer_eve" };
			out[n++] = (struct holiday){ { y, 6, d + 1 }, "midsummer_day" };
		}
	}
	for (int i = 0; i < 7; i++) {
		struct date s = date_add_days((struct date){ y, 10, 31 }, i);
		if (zeller(s) == 6)
			out[n++] = (struct holiday){ s, "all_saints_day" };
	}
	return n;
}

/* ---- checks ------------------------------------------------------------ */

static void check_year(int y)
{
	struct holiday h[16];
	int n = holidays_of(y, h), found = 0;
	struct date e = workday_easter(y), d = { y, 1, 1 };

	check(n == 15);
	check(date_cmp(e, gauss_easter(y)) == 0);
	check(date_valid(e) && date_weekday(e) == 7);
	check((e.m == 3 && e.d >= 22) || (e.m == 4 && e.d <= 25));
	/* Every day of the year: a holiday exactly when the list says so, named
	 * as one of the list's holidays of that day (Ascension Day can fall on
	 * May Day). */
	for (; d.y == y; d = date_add_days(d, 1)) {
		const char *name = workday_holiday(d);
		bool listed = false, named = false;
		for (int i = 0; i < n; i++) {
			if (date_cmp(h[i].d, d))
				continue;
			listed = true;
			named = named || (name && !strcmp(name, h[i].name));
		}
		check(listed == (name != NULL));
		check(!name || named);
		check(workday_is_working_day(d) == (!name && zeller(d) <= 5));
		found += listed;
	}
	check(found >= 14 && found <= n);
}

static void check_date(struct date d)
{
	int64_t z = date_to_days(d);
	struct date next = date_add_days(d, 1), prev = date_add_days(d, -1);
	char s[11];
	struct date back;

	check(date_cmp(date_from_days(z), d) == 0);
	check(date_weekday(d) == zeller(d));
	check(date_to_days(next) == z + 1 && date_cmp(next, d) > 0 && date_cmp(prev, d) < 0);
	check(date_weekday(next) == date_weekday(d) % 7 + 1);
	date_format(d, s);
	check(date_parse(s, &back) == ERR_OK && date_cmp(back, d) == 0);
	check(strlen(s) == 10);
}

static void check_workdays(struct date d, int n)
{
	struct date r = workday_add(d, n), nos = workday_next_or_same(d);
	int k = n / 2;

	check(date_cmp(date_from_days(date_to_days(r)), r) == 0);
	if (n == 0) {
		check(date_cmp(r, d) == 0);
	} else {
		check(date_cmp(r, d) > 0);
		check(workday_is_working_day(r));
		/* No working day is skipped: the day before r leaves one to go. */
		check(workday_count_between(d, date_add_days(r, -1)) == n - 1);
	}
	check(workday_count_between(d, r) == n);
	check(workday_count_between(r, d) == 0);
	check(date_cmp(workday_add(workday_add(d, k), n - k), r) == 0);
	/* Working days are never scarcer than one in two, over a fortnight. */
	check(date_to_days(r) - date_to_days(d) <= 2 * (int64_t)n + 14);
	check(workday_is_working_day(nos) && date_cmp(nos, d) >= 0);
	check(date_cmp(nos, workday_add(date_add_days(d, -1), 1)) == 0);
	check(workday_is_working_day(d) == (date_cmp(nos, d) == 0));
}

static void check_months(struct date d, int months)
{
	struct date r = date_add_months(d, months);
	int dim;

	if (r.y < 1800 || r.y > 2999)
		return;
	dim = month_days(r.y, r.m);
	check(date_valid(r));
	check(r.y * 12 + r.m == d.y * 12 + d.m + months);
	check(r.d == (d.d < dim ? d.d : dim));
}

static void check_deadlines(struct date d)
{
	struct date dd, ad, three;

	check(deadline_for_notification(d, &dd, &ad) == ERR_OK);
	check(date_cmp(dd, workday_add(d, DEADLINE_DECISION_WORKDAYS)) == 0);
	check(workday_count_between(d, dd) == DEADLINE_DECISION_WORKDAYS);
	three = date_add_months(d, DEADLINE_ASSESSMENT_MONTHS);
	check(workday_is_working_day(ad) && date_cmp(ad, three) >= 0);
	check(workday_count_between(three, ad) <= 1);
}

/* "DDDD-DD-DD" naming a day of years 1800-2999, by the plain rule. */
static bool plain_date(const char *s, struct date *d)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return false;
	if (s[10])
		return false;
	d->y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	d->m = (s[5] - '0') * 10 + (s[6] - '0');
	d->d = (s[8] - '0') * 10 + (s[9] - '0');
	return d->y >= 1800 && d->y <= 2999 && d->m >= 1 && d->m <= 12 && d->d >= 1 &&
	       d->d <= month_days(d->y, d->m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader rd = { data, size };
	struct date d, e, parsed, plain, dd, ad;
	int n, months;
	char s[32];
	size_t len;

	d.y = 1790 + (int)(take(&rd, 2) % 1220);  /* a little past both ends */
	d.m = (int)(take(&rd, 1) % 14);          /* 0 and 13 are invalid */
	d.d = (int)(take(&rd, 1) % 33);          /* 0 and 32 are invalid */
	n = (int)(take(&rd, 2) % (MAX_WORKDAYS + 1));
	months = (int)(take(&rd, 2) % 241) - 120;
	e.y = 1800 + (int)(take(&rd, 2) % 1200);
	e.m = 1 + (int)(take(&rd, 1) % 12);
	e.d = 1 + (int)(take(&rd, 1) % month_days(e.y, e.m));

	/* date_valid against the plain rule; invalid dates go no further. */
	check(date_valid(d) == (d.y >= 1800 && d.y <= 2999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
				d.d <= month_days(d.y, d.m)));
	check(date_days_in_month(e.y, e.m) == month_days(e.y, e.m));
	check(date_is_leap(e.y) == leap(e.y));
	check(deadline_for_notification(d, &dd, &ad) == (date_valid(d) ? ERR_OK : ERR_INVALID));

	/* The tail as text: parsed exactly when it is a valid YYYY-MM-DD. */
	len = rd.n < sizeof(s) - 1 ? rd.n : sizeof(s) - 1;
	memcpy(s, rd.p, len);
	s[len] = 0;
	if (date_parse(s, &parsed) == ERR_OK) {
		char again[11];
		check(plain_date(s, &plain) && date_cmp(parsed, plain) == 0);
		date_format(parsed, again);
		check(!strcmp(again, s));
	} else {
		check(strlen(s) < 10 || !plain_date(s, &plain));
	}

	check_date(e);
	check_year(e.y);
	check_workdays(e, n);
	check_months(e, months);
	check_deadlines(e);
	if (date_valid(d)) {
		int64_t span = date_to_days(e) - date_to_days(d);

		check_date(d);
		check_workdays(d, n);
		check_months(d, months);
		check((date_cmp(d, e) < 0) == (span > 0) && (date_cmp(d, e) == 0) == (span == 0));
		/* Counting is additive over a split of the span. */
		if (span > 0 && span <= 2 * MAX_WORKDAYS) {
			struct date mid = date_add_days(d, span / 2);
			check(workday_count_between(d, e) ==
			      workday_count_between(d, mid) + workday_count_between(mid, e));
		}
	}
	return 0;
}
