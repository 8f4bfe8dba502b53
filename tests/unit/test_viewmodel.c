/*
 * test_viewmodel.c - building view models: the jv helpers (strings checked
 * once, NULL and broken UTF-8 never lose the object) and the per-request
 * jansson arena (allocations inside a request, pauses for cached values,
 * nesting, memory kept between requests).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "view/jarena.h"
#include "view/jv.h"

static void test_jv_strings(void **state)
{
	json_t *o = json_object();
	(void)state;
	jv_set_str(o, "name", "Äijä Öö");
	jv_set_str(o, "none", NULL);
	jv_set_str(o, "broken", "a\xff" "b\xc3");
	jv_set_str(o, "overlong", "\xc0\xaf!");
	jv_set_int(o, "n", -42);
	jv_set_bool(o, "yes", true);
	jv_set(o, "arr", json_array());
	assert_string_equal(json_string_value(json_object_get(o, "name")), "Äijä Öö");
	assert_string_equal(json_string_value(json_object_get(o, "none")), "");
	/* Every byte that starts no valid sequence becomes U+FFFD; the rest stays. */
	assert_string_equal(json_string_value(json_object_get(o, "broken")), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
	assert_string_equal(json_string_value(json_object_get(o, "overlong")), "\xEF\xBF\xBD\xEF\xBF\xBD!");
	assert_int_equal(json_integer_value(json_object_get(o, "n")), -42);
	assert_true(json_is_true(json_object_get(o, "yes")));
	assert_true(json_is_array(json_object_get(o, "arr")));
	/* Insertion order is kept (the JSON API's field order). */
	char *s = json_dumps(o, JSON_COMPACT);
	assert_non_null(strstr(s, "{\"name\":"));
	assert_non_null(strstr(s, "\"yes\":true,\"arr\":[]}"));
	free(s);
	json_decref(o);
}

static void test_arena(void **state)
{
	json_t *kept, *o;
	bool was;
	(void)state;

	jarena_install();
	jarena_install();                  /* twice does nothing */
	assert_int_equal(jarena_used(), 0);
	jarena_begin();
	o = json_object();
	jv_set_str(o, "a", "one");
	assert_true(jarena_used() > 0);
	/* A value made during a pause is ordinary malloc memory ... */
	was = jarena_pause();
	size_t before = jarena_used();
	kept = json_pack("{s:s}", "k", "kept after the request");
	assert_int_equal(jarena_used(), before);
	jarena_resume(was);
	/* ... and may be referred to from arena values. */
	jv_set(o, "kept", json_incref(kept));
	jarena_begin();                    /* nested: the inner end keeps everything */
	jv_set_str(o, "b", "two");
	jarena_end();
	assert_string_equal(json_string_value(json_object_get(o, "b")), "two");
	/* Large values get their own chunk. */
	char *big = malloc(300000);
	memset(big, 'x', 299999);
	big[299999] = 0;
	jv_set_str(o, "big", big);
	free(big);
	assert_true(jarena_used() > 300000);
	assert_int_equal(strlen(json_string_value(json_object_get(o, "big"))), 299999);
	json_decref(o);                    /* frees nothing of the arena, drops kept's count */
	jarena_end();
	assert_int_equal(jarena_used(), 0);
	assert_string_equal(json_string_value(json_object_get(kept, "k")), "kept after the request");
	json_decref(kept);                 /* malloc memory: freed (LeakSanitizer checks) */

	/* Outside a request jansson uses malloc again, and the kept chunks are reused. */
	o = json_string("outside");
	assert_int_equal(jarena_used(), 0);
	json_decref(o);
	for (int i = 0; i < 3; i++) {
		jarena_begin();
		o = json_array();
		for (int k = 0; k < 2000; k++)
			json_array_append_new(o, jv_str("a fairly ordinary string of a page"));
		assert_int_equal(json_array_size(o), 2000);
		json_decref(o);
		jarena_end();
	}
}

static void test_pinned(void **state)
{
	json_t *cached, *tree;
	(void)state;

	jarena_install();
	/* A cached value made outside any request, shared by request trees. */
	cached = jarena_pin(json_pack("[s, s]", "fi", "sv"));
	for (int i = 0; i < 3; i++) {
		jarena_begin();
		tree = json_object();
		jv_set(tree, "langs", json_incref(cached));
		jv_set(tree, "again", json_incref(cached));
		jarena_drop(tree);           /* inside a request: nothing is walked */
		jarena_end();
	}
	/* Outside a request jarena_drop is json_decref, and the pinned value
	 * stays whole however often it was referred to and dropped. */
	tree = json_object();
	jv_set(tree, "langs", json_incref(cached));
	jarena_drop(tree);
	json_decref(cached);
	assert_int_equal(json_array_size(cached), 2);
	assert_string_equal(json_string_value(json_array_get(cached, 1)), "sv");
	jarena_unpin(cached);            /* freed now (LeakSanitizer checks) */
	jarena_unpin(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jv_strings),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_pinned),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
