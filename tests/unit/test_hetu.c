/*
 * test_hetu.c - personal identity codes: valid ones, each reason for a
 * refusal, the century signs added in 2023, leap days, building codes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "model/hetu.h"

static void test_valid(void **state)
{
	struct hetu h;
	const char *why;
	(void)state;
	/* The standard example of the Digital and Population Data Services Agency. */
	assert_int_equal(hetu_parse("131052-308T", &h, &why), ERR_OK);
	assert_int_equal(h.birth.y, 1952);
	assert_int_equal(h.birth.m, 10);
	assert_int_equal(h.birth.d, 13);
	assert_int_equal(h.individual, 308);
	assert_true(h.female);
	assert_false(h.test_range);
}

static void test_refusals(void **state)
{
	struct { const char *code, *why; } c[] = {
		{ "131052-308", "length" },
		{ "131052-308TT", "length" },
		{ "13105X-308T", "characters" },
		{ "131052-3O8T", "characters" },
		{ "131052*308T", "century" },
		{ "131052G308T", "century" },
		{ "301352-308T", "date" },
		{ "290201A900X", "date" },     /* 2001 was not a leap year */
		{ "131052-001T", "individual_number" },
		{ "131052-000T", "individual_number" },
		{ "131052-308U", "check_character" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		const char *why = NULL;
		if (hetu_parse(c[i].code, NULL, &why) != ERR_INVALID)
			fail_msg("accepted %s", c[i].code);
		if (!why || strcmp(why, c[i].why))
			fail_msg("%s: reason %s, want %s", c[i].code, why ? why : "(none)", c[i].why);
	}
}

static void test_make_and_new_signs(void **state)
{
	char code[12];
	struct hetu h;
	const char *why;
	struct date b = { 2015, 3, 7 }, leap = { 2000, 2, 29 }, old = { 1985, 12, 31 };
	(void)state;

	hetu_make(b, 931, code);
	assert_int_equal(strlen(code), 11);
	assert_int_equal(code[6], 'A');
	assert_int_equal(hetu_parse(code, &h, &why), ERR_OK);
	assert_true(h.test_range);
	assert_false(h.female);
	/* The same person with the 2023 sign B (2000s) is valid with the same check. */
	code[6] = 'B';
	assert_true(hetu_valid(code));
	code[6] = 'Y';  /* 1900s sign: also valid, a different birth year */
	assert_int_equal(hetu_parse(code, &h, &why), ERR_OK);
	assert_int_equal(h.birth.y, 1915);
	hetu_make(leap, 902, code);
	assert_true(hetu_valid(code));
	hetu_make(old, 999, code);
	assert_int_equal(code[6], '-');
	assert_true(hetu_valid(code));
	code[10] = code[10] == 'Y' ? 'X' : 'Y';
	assert_false(hetu_valid(code));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_make_and_new_signs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
