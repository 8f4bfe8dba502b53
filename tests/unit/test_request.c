/*
 * test_request.c - query/form/cookie parsing, route matching, error to
 * status mapping, and the core buffer and UTF-8 helpers they rely on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "core/buf.h"
#include "core/str.h"
#include "http/request.h"
#include "http/router.h"

static void test_urlencoded(void **state)
{
	struct kv kv[4];
	size_t n;
	const char *s = "a=1&name=M%C3%A4kel%C3%A4+Olli&empty=&flag";
	(void)state;

	assert_int_equal(request_parse_urlencoded(s, strlen(s), kv, 4, &n), ERR_OK);
	assert_int_equal(n, 4);
	assert_string_equal(kv[1].key, "name");
	assert_string_equal(kv[1].value, "Mäkelä Olli");
	assert_string_equal(kv[2].value, "");
	assert_string_equal(kv[3].key, "flag");
	assert_string_equal(kv[3].value, "");
	request_kv_clear(kv, &n);
	assert_int_equal(n, 0);
}

static void test_urlencoded_rejects(void **state)
{
	struct kv kv[2];
	size_t n;
	const char *bad[] = { "a=%", "a=%4", "a=%zz", "a=%00b", "a=%C3", "a=%FF", "a=%01", "x=1&y=2&z=3" };
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum err e = request_parse_urlencoded(bad[i], strlen(bad[i]), kv, 2, &n);
		if (e == ERR_OK)
			fail_msg("accepted %s", bad[i]);
		assert_int_equal(n, 0);
	}
}

static void test_cookies(void **state)
{
	struct kv kv[4];
	size_t n;
	(void)state;

	assert_int_equal(request_parse_cookies("a=1; majakka_session=abc=def;  lang=sv", kv, 4, &n), ERR_OK);
	assert_int_equal(n, 3);
	assert_string_equal(kv[1].key, "majakka_session");
	assert_string_equal(kv[1].value, "abc=def");
	assert_string_equal(kv[2].key, "lang");
	assert_string_equal(kv[2].value, "sv");
	request_kv_clear(kv, &n);
}

static void test_router(void **state)
{
	int64_t p[4];
	int n;
	(void)state;

	assert_true(router_match("/api/v1/teams", "/api/v1/teams", p, 4, &n));
	assert_int_equal(n, 0);
	assert_true(router_match("/api/v1/teams/{id}", "/api/v1/teams/17", p, 4, &n));
	assert_int_equal(n, 1);
	assert_int_equal(p[0], 17);
	assert_true(router_match("/a/{id}/b/{x}", "/a/3/b/9000000000", p, 4, &n));
	assert_int_equal(p[1], 9000000000LL);
	assert_false(router_match("/api/v1/teams/{id}", "/api/v1/teams/", p, 4, &n));
	assert_false(router_match("/api/v1/teams/{id}", "/api/v1/teams/0", p, 4, &n));
	assert_false(router_match("/api/v1/teams/{id}", "/api/v1/teams/012", p, 4, &n));
	assert_false(router_match("/api/v1/teams/{id}", "/api/v1/teams/1x", p, 4, &n));
	assert_false(router_match("/api/v1/teams/{id}", "/api/v1/teams/99999999999999999999", p, 4, &n));
	assert_false(router_match("/api/v1/teams/{id}", "/api/v1/teams/1/extra", p, 4, &n));
	assert_false(router_match("/admin/accounts/{id}", "/admin/accounts/new", p, 4, &n));
	assert_false(router_match("/api/v1/teams", "/api/v1/teamsX", p, 4, &n));
}

static void test_status_map(void **state)
{
	(void)state;
	assert_int_equal(http_status_for(ERR_INVALID), 422);
	assert_int_equal(http_status_for(ERR_UNAUTH), 401);
	assert_int_equal(http_status_for(ERR_DENIED), 403);
	assert_int_equal(http_status_for(ERR_CSRF), 403);
	assert_int_equal(http_status_for(ERR_NOMEM), 503);
	assert_int_equal(http_status_for(ERR_IO), 503);
	assert_int_equal(http_status_for(ERR_DB), 500);
	assert_int_equal(http_status_for(ERR_RATE_LIMITED), 429);
	assert_string_equal(err_code(ERR_CSRF), "csrf");
}

static void test_buf_limits(void **state)
{
	struct buf b;
	(void)state;

	buf_init(&b, 8);
	assert_int_equal(buf_appends(&b, "12345678"), ERR_OK);
	assert_int_equal(buf_appendc(&b, '9'), ERR_TOO_LARGE);
	assert_string_equal(buf_str(&b), "12345678");
	buf_release(&b);

	buf_init(&b, 100);
	assert_int_equal(buf_append_html(&b, "<a href=\"x\">&'</a>", 18), ERR_OK);
	assert_string_equal(buf_str(&b), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
	buf_reset(&b);
	assert_int_equal(buf_append_url(&b, "/a b?ä", 7), ERR_OK);
	assert_string_equal(buf_str(&b), "%2Fa%20b%3F%C3%A4");
	buf_release(&b);
}

static void test_utf8(void **state)
{
	(void)state;
	assert_true(str_utf8_valid("Hämeenlinna – 😊", strlen("Hämeenlinna – 😊")));
	assert_false(str_utf8_valid("\xC0\xAF", 2));          /* overlong */
	assert_false(str_utf8_valid("\xED\xA0\x80", 3));      /* surrogate */
	assert_false(str_utf8_valid("\xF4\x90\x80\x80", 4));  /* > U+10FFFF */
	assert_false(str_utf8_valid("\xE2\x82", 2));          /* truncated */
	/* str_lcpy cuts whole characters only. */
	{
		char d[5];
		assert_int_equal(str_lcpy(d, "abcä", sizeof(d)), 5);   /* ä = C3 A4 */
		assert_string_equal(d, "abc");
		assert_int_equal(str_lcpy(d, "ab€", sizeof(d)), 5);    /* € = E2 82 AC */
		assert_string_equal(d, "ab");
		assert_int_equal(str_lcpy(d, "a😊", sizeof(d)), 5);    /* 4 bytes */
		assert_string_equal(d, "a");
		assert_int_equal(str_lcpy(d, "äö", sizeof(d)), 4);     /* fits */
		assert_string_equal(d, "äö");
		assert_int_equal(str_lcpy(d, "abcdä", sizeof(d)), 6);
		assert_string_equal(d, "abcd");
		assert_true(str_utf8_valid(d, strlen(d)));
	}
	/* ASCII is checked eight bytes at a time: a bad byte anywhere in or
	 * after a long run is still found, and the run's end is respected. */
	for (size_t at = 0; at < 24; at++) {
		char t[25];
		memset(t, 'a', 24);
		t[24] = 0;
		t[at] = (char)0xFF;
		assert_false(str_utf8_valid(t, 24));
		assert_true(str_utf8_valid(t, at));
		t[at] = (char)0xC3;
		assert_false(str_utf8_valid(t, at + 1));    /* truncated after the run */
		if (at + 1 < 24) {
			t[at + 1] = (char)0xA4;              /* ä */
			assert_true(str_utf8_valid(t, 24));
		}
	}
	assert_int_equal(str_utf8_len("äö", 4), 2);
	assert_true(str_has_control("a\x01", 2));
	assert_false(str_has_control("a\nb\t", 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlencoded),
		cmocka_unit_test(test_urlencoded_rejects),
		cmocka_unit_test(test_cookies),
		cmocka_unit_test(test_router),
		cmocka_unit_test(test_status_map),
		cmocka_unit_test(test_buf_limits),
		cmocka_unit_test(test_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
