/*
 * test_view.c - the template engine (escaping, lookup, sections, partials,
 * translations, load errors, limits) and the message catalog.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "view/i18n.h"
#include "view/tmpl.h"

static struct i18n *cat;
static char dir[64];

static void write_file(const char *name, const char *text)
{
	char p[128];
	FILE *f;
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	char msg[256];
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/majakka-view-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	write_file("fi.json", "{\"hello\":\"Hei {}!\",\"only_fi\":\"vain suomeksi\",\"x\":\"<b>&\"}");
	write_file("sv.json", "{\"hello\":\"Hej {}!\",\"only_fi\":\"-\",\"x\":\"x\"}");
	write_file("en.json", "{\"hello\":\"Hello {}!\",\"x\":\"x\"}");
	return i18n_load(&cat, dir, msg, sizeof(msg)) == ERR_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	i18n_free(cat);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static char *render(const char *text, const char *json, const char *lang)
{
	struct tmpl_set *s = tmpl_set_new(cat);
	char msg[256] = "";
	json_t *ctx = json_loads(json, 0, NULL);
	struct buf out;
	char *res;

	buf_init(&out, 1 << 20);
	assert_int_equal(tmpl_set_add(s, "t", text, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(tmpl_render(s, "t", ctx, lang, &out), ERR_OK);
	res = buf_detach(&out, NULL);
	json_decref(ctx);
	tmpl_set_free(s);
	return res;
}

#define CHECK(tmpl, json, want) do { char *got_ = render(tmpl, json, "fi"); \
	assert_string_equal(got_, want); free(got_); } while (0)

static void test_escaping(void **state)
{
	(void)state;
	CHECK("<p>{{name}}</p>", "{\"name\":\"<script>alert('x')&\\\"</script>\"}",
	      "<p>&lt;script&gt;alert(&#39;x&#39;)&amp;&quot;&lt;/script&gt;</p>");
	CHECK("{{&svg}}", "{\"svg\":\"<svg/>\"}", "<svg/>");
	CHECK("{{n}} {{r}} {{b}} {{z}} {{missing}}|", "{\"n\":42,\"r\":1.5,\"b\":true,\"z\":null}", "42 1.5 true  |");
}

static void test_lookup_and_sections(void **state)
{
	(void)state;
	CHECK("{{a.b.c}}", "{\"a\":{\"b\":{\"c\":\"deep\"}}}", "deep");
	CHECK("{{#list}}[{{name}}:{{title}}]{{/list}}", "{\"title\":\"T\",\"list\":[{\"name\":\"x\"},{\"name\":\"y\",\"title\":\"own\"}]}",
	      "[x:T][y:own]");
	CHECK("{{#list}}{{.}},{{/list}}", "{\"list\":[1,2,3]}", "1,2,3,");
	CHECK("{{#obj}}{{v}}{{/obj}}", "{\"obj\":{\"v\":\"in\"}}", "in");
	CHECK("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#empty}}E{{/empty}}{{#zero}}Z{{/zero}}{{#str}}S{{/str}}",
	      "{\"yes\":true,\"no\":false,\"empty\":[],\"zero\":0,\"str\":\"\"}", "Y");
	CHECK("{{^empty}}none{{/empty}}{{^full}}no{{/full}}", "{\"empty\":[],\"full\":[1]}", "none");
	CHECK("a{{! a comment }}b{{ spaced }}", "{\"spaced\":\"c\"}", "abc");
}

static void test_translations(void **state)
{
	char *s;
	(void)state;
	s = render("{{t:hello name}}", "{\"name\":\"<Anni>\"}", "sv");
	assert_string_equal(s, "Hej &lt;Anni&gt;!");
	free(s);
	s = render("{{t:only_fi}}|{{t:nope}}|{{t:x}}", "{}", "en");
	assert_string_equal(s, "vain suomeksi|nope|x");  /* falls back to Finnish, then the key */
	free(s);
	s = render("{{t:x}}", "{}", "fi");
	assert_string_equal(s, "&lt;b&gt;&amp;");  /* translations are escaped too */
	free(s);
}

static void test_partials(void **state)
{
	struct tmpl_set *s = tmpl_set_new(cat);
	char msg[256];
	struct buf out;
	json_t *ctx = json_pack("{s:[{s:s},{s:s}]}", "items", "n", "a", "n", "b");
	(void)state;

	buf_init(&out, 1024);
	assert_int_equal(tmpl_set_add(s, "item", "<li>{{n}}</li>", msg, sizeof(msg)), ERR_OK);
	assert_int_equal(tmpl_set_add(s, "list", "<ul>{{#items}}{{>item}}{{/items}}</ul>", msg, sizeof(msg)), ERR_OK);
	assert_int_equal(tmpl_set_add(s, "loop", "{{>loop}}", msg, sizeof(msg)), ERR_OK);
	assert_int_equal(tmpl_render(s, "list", ctx, "fi", &out), ERR_OK);
	assert_string_equal(buf_str(&out), "<ul><li>a</li><li>b</li></ul>");
	buf_reset(&out);
	assert_int_equal(tmpl_render(s, "loop", ctx, "fi", &out), ERR_INVALID);
	assert_int_equal(tmpl_render(s, "nope", ctx, "fi", &out), ERR_NOT_FOUND);
	buf_release(&out);
	/* The output limit holds. */
	buf_init(&out, 5);
	assert_int_equal(tmpl_render(s, "list", ctx, "fi", &out), ERR_TOO_LARGE);
	buf_release(&out);
	json_decref(ctx);
	tmpl_set_free(s);
}

static void test_load_errors(void **state)
{
	const char *bad[] = { "{{#a}}x", "{{#a}}{{/b}}", "{{/a}}", "{{a", "{{}}", "{{%x}}", "{{t:}}", "{{bad name}}" };
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tmpl_set *s = tmpl_set_new(cat);
		char msg[256] = "";
		enum err e = tmpl_set_add(s, "bad", bad[i], msg, sizeof(msg));
		if (e != ERR_INVALID)
			fail_msg("accepted %s", bad[i]);
		assert_non_null(strstr(msg, "bad"));
		tmpl_set_free(s);
	}
}

static void test_catalog(void **state)
{
	char msg[256];
	(void)state;
	assert_string_equal(i18n_get(cat, "sv", "hello"), "Hej {}!");
	assert_string_equal(i18n_get(cat, "en", "only_fi"), "vain suomeksi");
	assert_null(i18n_get(cat, "fi", "missing"));
	assert_int_equal(i18n_check_complete(cat, msg, sizeof(msg)), ERR_INVALID);
	assert_non_null(strstr(msg, "only_fi"));
	assert_string_equal(i18n_pick_lang(NULL, "sv-FI,sv;q=0.9,en;q=0.8"), "sv");
	assert_string_equal(i18n_pick_lang(NULL, "de,en;q=0.5"), "en");
	assert_string_equal(i18n_pick_lang(NULL, "en;q=0.3, fi;q=0.9"), "fi");
	assert_string_equal(i18n_pick_lang(NULL, "garbage;;;"), "fi");
	assert_string_equal(i18n_pick_lang(NULL, NULL), "fi");
	assert_string_equal(i18n_pick_lang("en", "sv"), "en");
	assert_string_equal(i18n_pick_lang("xx", "sv"), "sv");
}

static void test_dates(void **state)
{
	char out[64];
	(void)state;
	tmpl_format_date("2026-11-24", "fi", out, sizeof(out));
	assert_string_equal(out, "24.11.2026");
	tmpl_format_date("2026-03-05T09:07", "sv", out, sizeof(out));
	assert_string_equal(out, "5.3.2026 kl. 9.07");
	tmpl_format_date("2026-03-05T09:07", "en", out, sizeof(out));
	assert_string_equal(out, "2026-03-05 09:07");
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	tmpl_format_date("2026-11-24T10:15:00Z", "fi", out, sizeof(out));
	assert_string_equal(out, "24.11.2026 klo 12.15");  /* UTC+2 in winter */
	tmpl_format_date("2026-07-01T21:30:00Z", "fi", out, sizeof(out));
	assert_string_equal(out, "2.7.2026 klo 0.30");     /* UTC+3 in summer, next day */
	tmpl_format_date("not a date", "fi", out, sizeof(out));
	assert_string_equal(out, "not a date");
	char *s = render("{{d:x}}", "{\"x\":\"2026-01-06\"}", "fi");
	assert_string_equal(s, "6.1.2026");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_lookup_and_sections),
		cmocka_unit_test(test_translations),
		cmocka_unit_test(test_partials),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_catalog),
		cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
