/*
 * test_strfold.c - the search fold of core/str (str_fold,
 * str_fold_contains): ASCII and the Finnish and Swedish letters Ä Ö Å
 * (and the other Latin-1 capitals) are found whatever their case; other
 * characters are kept as they are, and nothing is cut in two.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "core/str.h"

static void test_fold(void **state)
{
	char out[64];
	(void)state;
	assert_true(str_fold("PÄIVÄKOTI Åbo ÖRN", out, sizeof(out)));
	assert_string_equal(out, "päiväkoti åbo örn");
	assert_true(str_fold("ÉÜ × ß €", out, sizeof(out)));
	assert_string_equal(out, "éü × ß €");   /* × and the others stay */
	assert_true(str_fold(NULL, out, sizeof(out)));
	assert_string_equal(out, "");
}

static void test_fold_does_not_cut(void **state)
{
	char out[4];
	(void)state;
	/* "aÄb" needs 5 bytes: "a" and the whole "ä" fit, "b" does not. */
	assert_false(str_fold("aÄb", out, sizeof(out)));
	assert_string_equal(out, "aä");
	assert_false(str_fold("abcd", out, sizeof(out)));
	assert_string_equal(out, "abc");
}

static void test_contains(void **state)
{
	char q[32];
	(void)state;
	assert_true(str_fold("PÄIVÄKOTI", q, sizeof(q)));
	assert_true(str_fold_contains("Päiväkoti Satakieli (demo)", q));
	assert_true(str_fold("ääni", q, sizeof(q)));
	assert_true(str_fold_contains("Ääni ja kuva", q));
	assert_false(str_fold_contains("Aani", q));
	assert_true(str_fold_contains("mitä tahansa", ""));
	assert_false(str_fold_contains(NULL, q));
	/* Without the fold, LIKE would have missed these (ASCII only). */
	assert_true(str_fold("ÅLAND", q, sizeof(q)));
	assert_true(str_fold_contains("Föreningen på Åland", q));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_fold_does_not_cut),
		cmocka_unit_test(test_contains),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
