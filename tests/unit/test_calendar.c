/*
 * test_calendar.c - dates, Easter, Finnish holidays, working days and the
 * legal clocks of a notification.  Expected values were worked out by hand
 * and cross-checked with an independent implementation of the same rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "core/workday.h"
#include "model/deadline.h"

static struct date D(const char *s)
{
	struct date d = { 0, 0, 0 };
	assert_int_equal(date_parse(s, &d), ERR_OK);
	return d;
}

static void assert_date(struct date d, const char *want)
{
	char got[11];
	date_format(d, got);
	assert_string_equal(got, want);
}

static void test_parse(void **state)
{
	const char *bad[] = { "2026-13-01", "2026-02-29", "2100-02-29", "26-01-01", "2026-1-01", "2026-01-01x",
			      "", "2026/01/01", "2026-00-10", "2026-04-31", "abcd-ef-gh" };
	struct date d;
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (date_parse(bad[i], &d) == ERR_OK)
			fail_msg("accepted %s", bad[i]);
	assert_date(D("2024-02-29"), "2024-02-29");
	assert_date(D("2000-02-29"), "2000-02-29");
	assert_true(date_is_leap(2024) && date_is_leap(2000) && !date_is_leap(2100) && !date_is_leap(2026));
	assert_int_equal(date_to_days(D("1970-01-01")), 0);
	assert_date(date_from_days(date_to_days(D("2026-11-24"))), "2026-11-24");
	assert_int_equal(date_weekday(D("2026-11-24")), 2);  /* Tuesday */
	assert_int_equal(date_weekday(D("2026-11-29")), 7);
	assert_date(date_add_months(D("2026-11-30"), 3), "2027-02-28");
	assert_date(date_add_months(D("2027-11-30"), 3), "2028-02-29");
	assert_date(date_add_months(D("2026-01-31"), 1), "2026-02-28");
	assert_date(date_add_days(D("2026-12-31"), 1), "2027-01-01");
}

static void test_easter(void **state)
{
	(void)state;
	assert_date(workday_easter(2000), "2000-04-23");
	assert_date(workday_easter(2024), "2024-03-31");
	assert_date(workday_easter(2025), "2025-04-20");
	assert_date(workday_easter(2026), "2026-04-05");
	assert_date(workday_easter(2027), "2027-03-28");
	assert_date(workday_easter(2038), "2038-04-25");
}

static void test_holidays_2026(void **state)
{
	const char *hol[] = { "2026-01-01", "2026-01-06", "2026-04-03", "2026-04-06", "2026-05-01",
			      "2026-05-14", "2026-06-19", "2026-12-24", "2026-12-25" };
	(void)state;
	for (size_t i = 0; i < sizeof(hol) / sizeof(hol[0]); i++)
		if (workday_is_working_day(D(hol[i])))
			fail_msg("%s counted as a working day", hol[i]);
	assert_string_equal(workday_holiday(D("2026-04-03")), "good_friday");
	assert_string_equal(workday_holiday(D("2026-04-06")), "easter_monday");
	assert_string_equal(workday_holiday(D("2026-05-14")), "ascension_day");
	assert_string_equal(workday_holiday(D("2026-06-19")), "midsummer_eve");
	assert_string_equal(workday_holiday(D("2026-06-20")), "midsummer_day");
	assert_string_equal(workday_holiday(D("2026-10-31")), "all_saints_day");
	assert_string_equal(workday_holiday(D("2027-11-06")), "all_saints_day");
	assert_string_equal(workday_holiday(D("2027-06-25")), "midsummer_eve");
	assert_null(workday_holiday(D("2026-06-18")));
	assert_true(workday_is_working_day(D("2026-11-24")));
	assert_false(workday_is_working_day(D("2026-11-28")));  /* Saturday */
	assert_false(workday_is_working_day(D("2026-11-29")));  /* Sunday */
	assert_true(workday_is_working_day(D("2026-12-28")));
}

static void test_working_days(void **state)
{
	(void)state;
	assert_date(workday_add(D("2026-12-18"), 7), "2026-12-31");  /* across Christmas */
	assert_date(workday_add(D("2027-03-24"), 7), "2027-04-06");  /* across Easter */
	assert_date(workday_add(D("2026-06-17"), 7), "2026-06-29");  /* across Midsummer Eve */
	assert_date(workday_add(D("2026-11-24"), 0), "2026-11-24");
	assert_date(workday_next_or_same(D("2026-12-24")), "2026-12-28");
	assert_date(workday_next_or_same(D("2026-11-24")), "2026-11-24");
	assert_int_equal(workday_count_between(D("2026-12-18"), D("2026-12-31")), 7);
	assert_int_equal(workday_count_between(D("2026-12-31"), D("2026-12-18")), 0);
}

static void test_deadlines(void **state)
{
	struct { const char *received, *decision, *assessment; } c[] = {
		{ "2026-11-30", "2026-12-09", "2027-03-01" },  /* 28.2.2027 is a Sunday */
		{ "2026-12-18", "2026-12-31", "2027-03-18" },
		{ "2027-03-24", "2027-04-06", "2027-06-24" },
		{ "2027-01-31", "2027-02-09", "2027-04-30" },  /* clamped to April's last day */
		{ "2028-11-30", "2028-12-12", "2029-02-28" },  /* 6.12.2028 is a Wednesday */
		{ "2026-10-29", "2026-11-09", "2027-01-29" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct date dd, ad;
		assert_int_equal(deadline_for_notification(D(c[i].received), &dd, &ad), ERR_OK);
		assert_date(dd, c[i].decision);
		assert_date(ad, c[i].assessment);
	}
	struct date bad = { 2026, 2, 30 }, x, y;
	assert_int_equal(deadline_for_notification(bad, &x, &y), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_holidays_2026),
		cmocka_unit_test(test_working_days),
		cmocka_unit_test(test_deadlines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
