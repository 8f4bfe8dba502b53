/*
 * test_journal.c - what a journal entry must say: text of only spaces,
 * tabs, blank lines or Unicode spaces is refused before anything is
 * written, naming the field "text" with the reason "blank".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "model/journal.h"
#include "model/validate.h"

static const char *const blank[] = {
	" ", "   ", "\n", "\r\n\r\n", " \n \n\t", "\t\t",
	"\xc2\xa0",                    /* no-break space */
	" \xe2\x80\x8b ",              /* zero-width space */
	"\xe3\x80\x80\n",              /* ideographic space */
	"\xe2\x80\xaf\xef\xbb\xbf",    /* narrow no-break space, BOM */
	NULL,
};

static void test_blank_refused(void **state)
{
	(void)state;
	for (int i = 0; blank[i]; i++) {
		struct journal_new j = { .case_id = 1, .author_id = 1, .kind = "note", .text = blank[i] };
		struct field_error fe = { 0 };
		int64_t id = 0;
		/* Refused before the database is asked: no database given. */
		assert_int_equal(journal_add(NULL, &j, &id, &fe), ERR_INVALID);
		assert_string_equal(fe.field, "text");
		assert_string_equal(fe.reason, "blank");
		memset(&fe, 0, sizeof(fe));
		int version = 0;
		assert_int_equal(journal_correct(NULL, 1, &j, &version, &fe), ERR_INVALID);
		assert_string_equal(fe.reason, "blank");
	}
}

static void test_text_accepted(void **state)
{
	static const char *const ok[] = { "x", " Kotikäynti. ", "\n\nÄiti paikalla\n", "\xc2\xa0" "a", NULL };
	struct field_error fe = { 0 };
	(void)state;
	for (int i = 0; ok[i]; i++)
		assert_int_equal(validate_not_blank(ok[i], "text", &fe), ERR_OK);
	assert_int_equal(validate_not_blank("", "text", &fe), ERR_INVALID);
	assert_string_equal(fe.reason, "required");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blank_refused),
		cmocka_unit_test(test_text_accepted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
