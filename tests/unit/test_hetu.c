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
#include "model/validate.h"

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

/* A code whose birth date has not come yet is nobody's (issue 13). */
static void test_future_birth(void **state)
{
	struct date t = date_today(), next = { t.y + 1, 1, 1 };
	char code[12];
	const char *why = NULL;
	(void)state;
	hetu_make(next, 931, code);
	assert_int_equal(hetu_parse(code, NULL, &why), ERR_INVALID);
	assert_string_equal(why, "hetu_future");
	hetu_make(t, 931, code);           /* born today: fine */
	assert_int_equal(hetu_parse(code, NULL, &why), ERR_OK);
}

/* Names refuse the characters that hide or turn text around them; lengths
 * are counted in characters. */
static void test_names(void **state)
{
	static const char *const bad[] = {
		"Anna\xe2\x80\xae" "dnaL",   /* U+202E right-to-left override */
		"Anna\xe2\x80\xaa",          /* U+202A */
		"\xe2\x81\xa6" "Anna",       /* U+2066 left-to-right isolate */
		"An\xe2\x81\xa9na",          /* U+2069 */
		"An\xe2\x80\x8bna",          /* U+200B zero width space */
		"An\xe2\x80\x8dna",          /* U+200D zero width joiner */
		"An\xe2\x81\xa0na",          /* U+2060 word joiner */
		"\xef\xbb\xbf" "Anna",       /* U+FEFF */
	};
	struct field_error fe = { 0 };
	char hundred[201] = "";
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (validate_name(bad[i], "first_names", 1, 100, &fe) != ERR_INVALID)
			fail_msg("accepted name %zu", i);
		assert_string_equal(fe.reason, "hidden_chars");
		assert_true(validate_has_hidden(bad[i]));
	}
	assert_int_equal(validate_name("Åsa-Märta Ängström", "first_names", 1, 100, &fe), ERR_OK);
	assert_int_equal(validate_name("\xd8\xb3\xd8\xa7\xd8\xb1\xd8\xa9", "first_names", 1, 100, &fe), ERR_OK); /* Arabic */
	for (int i = 0; i < 100; i++)
		memcpy(hundred + 2 * i, "\xc3\x84", 2);  /* 100 x Ä: 200 bytes, 100 characters */
	assert_int_equal(validate_name(hundred, "last_name", 1, 100, &fe), ERR_OK);
	assert_false(validate_has_hidden("Anna \xe2\x80\x93 Liisa"));  /* an en dash is not hidden */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_make_and_new_signs),
		cmocka_unit_test(test_future_birth),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
