/*
 * test_view.c - the template engine (escaping, lookup, sections, partials,
 * translations, load errors, limits) and the message catalog.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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
	write_file("fi.json", "{\"hello\":\"Hei {}!\",\"only_fi\":\"vain suomeksi\",\"x\":\"<b>&\","
		   "\"two\":\"{} & {}\",\"q\":\"'{}\\\"\",\"noph\":\"ei paikkaa\"}");
	write_file("sv.json", "{\"hello\":\"Hej {}!\",\"only_fi\":\"-\",\"x\":\"x\",\"two\":\"{}<{}\","
		   "\"q\":\"{}\",\"noph\":\"{}!\"}");
	write_file("en.json", "{\"hello\":\"Hello {}!\",\"x\":\"x\",\"two\":\"{}\",\"q\":\"\",\"noph\":\"none\"}");
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

/* A module's texts in i18n/<lang>/<module>.json join the catalog; a key
 * that two files define is refused with the file and key named. */
static void test_catalog_parts(void **state)
{
	char d[64], p[128], msg[256] = "";
	struct i18n *c = NULL;
	const char *langs[] = { "fi", "sv", "en" };
	FILE *f;
	(void)state;
	snprintf(d, sizeof(d), "/tmp/majakka-parts-XXXXXX");
	assert_non_null(mkdtemp(d));
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s/%s.json", d, langs[i]);
		f = fopen(p, "w");
		fprintf(f, "{\"base\":\"%s\"}", langs[i]);
		fclose(f);
		snprintf(p, sizeof(p), "%s/%s", d, langs[i]);
		assert_int_equal(mkdir(p, 0700), 0);
		snprintf(p, sizeof(p), "%s/%s/meetings.json", d, langs[i]);
		f = fopen(p, "w");
		fprintf(f, "{\"meeting\":\"m-%s\"}", langs[i]);
		fclose(f);
	}
	assert_int_equal(i18n_load(&c, d, msg, sizeof(msg)), ERR_OK);
	assert_string_equal(i18n_get(c, "sv", "meeting"), "m-sv");
	assert_string_equal(i18n_get(c, "en", "base"), "en");
	i18n_free(c);
	c = NULL;
	snprintf(p, sizeof(p), "%s/sv/plan.json", d);
	f = fopen(p, "w");
	fputs("{\"base\":\"again\"}", f);
	fclose(f);
	assert_int_equal(i18n_load(&c, d, msg, sizeof(msg)), ERR_INVALID);
	assert_null(c);
	assert_non_null(strstr(msg, "plan.json"));
	assert_non_null(strstr(msg, "base"));
	snprintf(p, sizeof(p), "rm -rf %s", d);
	assert_int_equal(system(p), 0);
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

/* Render text as template "t" of a set over cat (which may be NULL). */
static char *render_with(const struct i18n *c, const char *text, const char *json, const char *lang)
{
	struct tmpl_set *s = tmpl_set_new(c);
	char msg[256] = "";
	json_t *ctx = json_loads(json, 0, NULL);
	struct buf out;
	char *res;

	assert_non_null(ctx);
	buf_init(&out, 1 << 20);
	assert_int_equal(tmpl_set_add(s, "t", text, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(tmpl_render(s, "t", ctx, lang, &out), ERR_OK);
	res = buf_detach(&out, NULL);
	json_decref(ctx);
	tmpl_set_free(s);
	return res;
}

#define CHECK_LANG(c, tmpl, json, lang, want) do { char *got_ = render_with(c, tmpl, json, lang); \
	assert_string_equal(got_, want); free(got_); } while (0)

static void test_translation_languages(void **state)
{
	const char *t = "a<{{t:x}}>b{{! c }}{{t:only_fi}}|{{t:nope}}|{{t:hello n}}|{{t:two n}}|{{t:q n}}|{{t:noph n}}|{{t:hello}}";
	const char *ctx = "{\"n\":\"<&>\"}";
	(void)state;
	CHECK_LANG(cat, t, ctx, "fi", "a<&lt;b&gt;&amp;>bvain suomeksi|nope|Hei &lt;&amp;&gt;!|&lt;&amp;&gt; &amp; {}|"
	           "&#39;&lt;&amp;&gt;&quot;|ei paikkaa|Hei {}!");
	CHECK_LANG(cat, t, ctx, "sv", "a<x>b-|nope|Hej &lt;&amp;&gt;!|&lt;&amp;&gt;&lt;{}|&lt;&amp;&gt;|&lt;&amp;&gt;!|Hej {}!");
	CHECK_LANG(cat, t, ctx, "en", "a<x>bvain suomeksi|nope|Hello &lt;&amp;&gt;!|&lt;&amp;&gt;||none|Hello {}!");
	/* Unknown and missing languages read Finnish. */
	const char *fi = "a<&lt;b&gt;&amp;>bvain suomeksi|nope|Hei &lt;&amp;&gt;!|&lt;&amp;&gt; &amp; {}|"
			 "&#39;&lt;&amp;&gt;&quot;|ei paikkaa|Hei {}!";
	CHECK_LANG(cat, t, ctx, "de", fi);
	CHECK_LANG(cat, t, ctx, "FI", fi);
	CHECK_LANG(cat, t, ctx, "", fi);
	CHECK_LANG(cat, t, ctx, NULL, fi);
	/* Without a catalog every key is shown as itself, in every language. */
	for (int i = 0; i < 4; i++) {
		const char *langs[] = { "fi", "sv", "en", "xx" };
		CHECK_LANG(NULL, t, ctx, langs[i], "a<x>bonly_fi|nope|hello|two|q|noph|hello");
	}
	/* Translations inside sections and next to values. */
	CHECK_LANG(cat, "{{#l}}{{t:x}}{{.}}{{t:noph}}{{/l}}{{^l}}{{t:x}}{{/l}}", "{\"l\":[1,\"<\"]}", "fi",
		   "&lt;b&gt;&amp;1ei paikkaa&lt;b&gt;&amp;&lt;ei paikkaa");
	CHECK_LANG(cat, "{{#l}}{{t:x}}{{.}}{{t:noph}}{{/l}}{{^l}}{{t:x}}{{/l}}", "{\"l\":[]}", "sv", "x");
}

static enum err slot_page(struct buf *out, void *arg)
{
	int *calls = arg;
	(*calls)++;
	return buf_appends(out, "<p>page & \"raw\"</p>");
}

static enum err slot_fails(struct buf *out, void *arg)
{
	(void)out;
	(void)arg;
	return ERR_TOO_LARGE;
}

/* A layout renders the page into its {{&content_html}} without a value. */
static void test_slot(void **state)
{
	struct tmpl_set *s = tmpl_set_new(cat);
	char msg[256];
	struct buf out;
	json_t *ctx = json_pack("{s:s, s:{s:s}}", "content_html", "from the context", "x", "content_html", "nested");
	int calls = 0;
	(void)state;

	buf_init(&out, 4096);
	assert_int_equal(tmpl_set_add(s, "layout", "<main>{{&content_html}}</main>|{{&content_html2}}|{{&x.content_html}}|{{content_html}}",
				      msg, sizeof(msg)), ERR_OK);
	assert_int_equal(tmpl_render_slot(s, "layout", ctx, "fi", &out, "content_html", slot_page, &calls), ERR_OK);
	/* Only the raw tag of exactly that name is the slot. */
	assert_string_equal(buf_str(&out), "<main><p>page & \"raw\"</p></main>||nested|from the context");
	assert_int_equal(calls, 1);
	buf_reset(&out);
	assert_int_equal(tmpl_render_slot(s, "layout", ctx, "fi", &out, "content_html", slot_fails, NULL), ERR_TOO_LARGE);
	buf_reset(&out);
	/* Without a function the tag is an ordinary value. */
	assert_int_equal(tmpl_render_slot(s, "layout", ctx, "fi", &out, "content_html", NULL, NULL), ERR_OK);
	assert_string_equal(buf_str(&out), "<main>from the context</main>||nested|from the context");
	buf_release(&out);
	json_decref(ctx);
	tmpl_set_free(s);
}

static void test_partials_added_later(void **state)
{
	struct tmpl_set *s = tmpl_set_new(cat);
	char msg[256];
	struct buf out;
	json_t *ctx = json_pack("{s:[{s:s},{s:s}]}", "items", "n", "a", "n", "<");
	(void)state;

	buf_init(&out, 4096);
	/* A partial may name a template that does not exist yet. */
	assert_int_equal(tmpl_set_add(s, "list", "<ul>{{#items}}{{>item}}{{/items}}{{t:x}}</ul>", msg, sizeof(msg)), ERR_OK);
	assert_int_equal(tmpl_render(s, "list", ctx, "fi", &out), ERR_NOT_FOUND);
	assert_int_equal(tmpl_set_add(s, "item", "<li>{{n}}</li>", msg, sizeof(msg)), ERR_OK);
	buf_reset(&out);
	assert_int_equal(tmpl_render(s, "list", ctx, "fi", &out), ERR_OK);
	assert_string_equal(buf_str(&out), "<ul><li>a</li><li>&lt;</li>&lt;b&gt;&amp;</ul>");
	/* Replacing a template changes what the partial renders. */
	assert_int_equal(tmpl_set_add(s, "item", "[{{n}}{{t:x}}]", msg, sizeof(msg)), ERR_OK);
	/* Many more templates: the set's storage moves. */
	for (int i = 0; i < 40; i++) {
		char name[32];
		snprintf(name, sizeof(name), "extra%d", i);
		assert_int_equal(tmpl_set_add(s, name, i % 2 ? "{{>item}}" : "{{>list}}", msg, sizeof(msg)), ERR_OK);
	}
	buf_reset(&out);
	assert_int_equal(tmpl_render(s, "list", ctx, "sv", &out), ERR_OK);
	assert_string_equal(buf_str(&out), "<ul>[ax][&lt;x]x</ul>");
	buf_reset(&out);
	assert_int_equal(tmpl_render(s, "extra7", ctx, "sv", &out), ERR_OK);
	assert_string_equal(buf_str(&out), "[x]");
	buf_reset(&out);
	assert_int_equal(tmpl_render(s, "extra8", ctx, "fi", &out), ERR_OK);
	assert_string_equal(buf_str(&out), "<ul>[a&lt;b&gt;&amp;][&lt;&lt;b&gt;&amp;]&lt;b&gt;&amp;</ul>");
	/* A failed compile keeps the old template. */
	assert_int_equal(tmpl_set_add(s, "item", "{{#x}}", msg, sizeof(msg)), ERR_INVALID);
	buf_reset(&out);
	assert_int_equal(tmpl_render(s, "extra7", ctx, "en", &out), ERR_OK);
	assert_string_equal(buf_str(&out), "[x]");
	assert_true(tmpl_exists(s, "extra39"));
	assert_false(tmpl_exists(s, "extra40"));
	buf_release(&out);
	json_decref(ctx);
	tmpl_set_free(s);
}

static void escape_ref(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': buf_appends(b, "&lt;"); break;
		case '>': buf_appends(b, "&gt;"); break;
		case '&': buf_appends(b, "&amp;"); break;
		case '"': buf_appends(b, "&quot;"); break;
		case '\'': buf_appends(b, "&#39;"); break;
		default: buf_appendc(b, s[i]);
		}
	}
}

static void test_escaping_at_growth(void **state)
{
	const char specials[] = "<>&\"'";
	char src[400];
	(void)state;

	/* Every prefix length around the growth steps, with each special
	 * character at the start, the end, alone and in runs. */
	for (size_t pre = 0; pre < 140; pre += 7) {
		for (size_t n = 0; n < sizeof(src); n += 13) {
			for (int k = 0; k < 5; k++) {
				struct buf got, want;
				for (size_t i = 0; i < n; i++)
					src[i] = (i % 11 == 0 || i + 1 == n || (i > 200 && i < 230)) ? specials[(i + (size_t)k) % 5] :
						 (char)('a' + i % 26);
				if (n > 50)
					src[50] = '\0';  /* the length counts, not the NUL */
				buf_init(&got, 1 << 20);
				buf_init(&want, 1 << 20);
				for (size_t i = 0; i < pre; i++) {
					buf_appendc(&got, 'p');
					buf_appendc(&want, 'p');
				}
				assert_int_equal(buf_append_html(&got, src, n), ERR_OK);
				escape_ref(&want, src, n);
				assert_int_equal(got.len, want.len);
				assert_memory_equal(buf_str(&got), buf_str(&want), want.len + 1);
				buf_release(&got);
				buf_release(&want);
			}
		}
	}
	/* At the buffer's maximum: whole pieces up to the one that does not fit. */
	struct buf b;
	buf_init(&b, 10);
	assert_int_equal(buf_append_html(&b, "abc<def", 7), ERR_OK);
	assert_string_equal(buf_str(&b), "abc&lt;def");
	buf_reset(&b);
	assert_int_equal(buf_append_html(&b, "abc<defg", 8), ERR_TOO_LARGE);
	assert_string_equal(buf_str(&b), "abc&lt;");
	buf_reset(&b);
	assert_int_equal(buf_append_html(&b, "abcdefg\"", 8), ERR_TOO_LARGE);
	assert_string_equal(buf_str(&b), "abcdefg");
	buf_reset(&b);
	assert_int_equal(buf_append_html(&b, "''", 2), ERR_OK);
	assert_string_equal(buf_str(&b), "&#39;&#39;");
	assert_int_equal(buf_append_html(&b, "", 0), ERR_OK);
	assert_int_equal(buf_append_html(&b, "x", 1), ERR_TOO_LARGE);
	assert_string_equal(buf_str(&b), "&#39;&#39;");
	buf_release(&b);

	/* The same through a template, value and all five characters. */
	for (size_t n = 1; n < 300; n += 37) {
		json_t *ctx = json_object();
		struct buf want;
		char *got;
		for (size_t i = 0; i < n; i++)
			src[i] = i % 3 ? specials[i % 5] : 'x';
		json_object_set_new(ctx, "v", json_stringn(src, n));
		char *js = json_dumps(ctx, 0);
		got = render_with(cat, "<p title=\"{{v}}\">{{v}}{{&v}}</p>", js, "fi");
		buf_init(&want, 1 << 20);
		buf_appends(&want, "<p title=\"");
		escape_ref(&want, src, n);
		buf_appends(&want, "\">");
		escape_ref(&want, src, n);
		buf_append(&want, src, n);
		buf_appends(&want, "</p>");
		assert_string_equal(got, buf_str(&want));
		buf_release(&want);
		free(got);
		free(js);
		json_decref(ctx);
	}
}

static void test_numbers(void **state)
{
	(void)state;
	CHECK("{{a}}|{{b}}|{{c}}|{{d}}|{{e}}|{{f}}|{{g}}|{{h}}",
	      "{\"a\":0,\"b\":-1,\"c\":9,\"d\":10,\"e\":-907,\"f\":9223372036854775807,\"g\":-9223372036854775808,\"h\":1234567890123}",
	      "0|-1|9|10|-907|9223372036854775807|-9223372036854775808|1234567890123");
	CHECK("{{a}}|{{b}}|{{c}}|{{d}}|{{e}}|{{f}}", "{\"a\":0.1,\"b\":-2.5e-7,\"c\":1e100,\"d\":100000.0,\"e\":1234567.0,\"f\":false}",
	      "0.1|-2.5e-07|1e+100|100000|1.23457e+06|false");
	CHECK("{{&a}}{{d:a}}{{d:b}}{{d:c}}", "{\"a\":-42,\"b\":true,\"c\":null}", "-42-42true");
	CHECK("{{#a}}{{.}}{{/a}}{{#b}}B{{/b}}{{^c}}C{{/c}}", "{\"a\":-3,\"b\":0.5,\"c\":0.0}", "BC");  /* a scalar is not pushed */
}

static void test_lookup_paths(void **state)
{
	char name[200], tmpl[512], json[512];
	(void)state;
	/* A dotted name resolves its first part outwards, the rest inside. */
	CHECK("{{#list}}{{a.b}}|{{a.c}}|{{x.y}};{{/list}}",
	      "{\"a\":{\"b\":1},\"x\":{\"y\":\"outer\"},\"list\":[{\"a\":{\"c\":2}},{\"b\":0}]}",
	      "|2|outer;1||outer;");
	CHECK("{{a..b}}|{{.a}}|{{a.}}", "{\"a\":{\"\":{\"b\":\"e\"}},\"\":{\"a\":\"d\"}}", "e|d|");
	CHECK("{{#l}}{{#.}}{{.}}{{/.}}{{/l}}", "{\"l\":[[1,2],[3]]}", "123");
	CHECK("{{#l}}{{n}}{{/l}}", "{\"n\":\"o\",\"l\":[1,{\"n\":\"i\"},[2]]}", "oio");
	CHECK("{{a.b.c.d}}{{a.b.x}}{{s.x}}", "{\"a\":{\"b\":{\"c\":{\"d\":4}}},\"s\":\"str\"}", "4");
	/* A part of 128 characters or more never matches. */
	memset(name, 'k', 127);
	name[127] = 0;
	snprintf(tmpl, sizeof(tmpl), "{{%s}}|{{o.%s}}", name, name);
	snprintf(json, sizeof(json), "{\"%s\":1,\"o\":{\"%s\":2}}", name, name);
	CHECK(tmpl, json, "1|2");
	memset(name, 'k', 128);
	name[128] = 0;
	snprintf(tmpl, sizeof(tmpl), "{{%s}}|{{o.%s}}", name, name);
	snprintf(json, sizeof(json), "{\"%s\":1,\"o\":{\"%s\":2}}", name, name);
	CHECK(tmpl, json, "|");
}

/* The formatting tmpl_format_date has always done, written with snprintf. */
static void ref_format_date(const char *s, const char *lang, char *out, size_t outsz)
{
	bool en = lang && !strcmp(lang, "en");
	int y, mo, d, h = -1, mi = 0;
	size_t n = strlen(s);
	int v[7];
	bool ok = n >= 10;

	for (int i = 0; ok && i < 10; i++)
		ok = i == 4 || i == 7 ? s[i] == '-' : s[i] >= '0' && s[i] <= '9';
	if (!ok) {
		snprintf(out, outsz, "%s", s);
		return;
	}
	sscanf(s, "%4d-%2d-%2d", &v[0], &v[1], &v[2]);
	y = v[0], mo = v[1], d = v[2];
	if (n >= 16 && s[10] == 'T' && s[13] == ':' && s[11] >= '0' && s[11] <= '9' && s[12] >= '0' && s[12] <= '9' &&
	    s[14] >= '0' && s[14] <= '9' && s[15] >= '0' && s[15] <= '9') {
		h = (s[11] - '0') * 10 + s[12] - '0';
		mi = (s[14] - '0') * 10 + s[15] - '0';
		if (n == 20 && s[19] == 'Z') {
			struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
					 .tm_min = mi, .tm_sec = (s[17] - '0') * 10 + s[18] - '0' };
			time_t t = timegm(&tm);
			struct tm lt;
			localtime_r(&t, &lt);
			y = lt.tm_year + 1900, mo = lt.tm_mon + 1, d = lt.tm_mday, h = lt.tm_hour, mi = lt.tm_min;
		}
	}
	if (en && h >= 0)
		snprintf(out, outsz, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
	else if (en)
		snprintf(out, outsz, "%04d-%02d-%02d", y, mo, d);
	else if (h >= 0)
		snprintf(out, outsz, "%d.%d.%d %s %d.%02d", d, mo, y, lang && !strcmp(lang, "sv") ? "kl." : "klo", h, mi);
	else
		snprintf(out, outsz, "%d.%d.%d", d, mo, y);
}

static void test_dates_every_way(void **state)
{
	const char *dates[] = {
		"2026-11-24", "2026-03-05T09:07", "2026-11-24T10:15:00Z", "2026-07-01T21:30:00Z", "0001-01-01",
		"0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-99-99", "2026-99-99T99:99", "2026-12-31T23:30:00Z",
		"2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z", "2026-10-25T00:30:00Z", "2026-02-30T12:00:00Z",
		"2026-01-06T07:05", "2026-01-06T07:05:00", "2026-01-06T07:05:00+02:00", "2026-01-06 07:05",
		"2026-01-06T7:05", "2026-01-06x", "2026-1-06", "not a date", "", "<2026-01-06>",
		"2026-01-06T07:05:00.000Z", "2026-01-06T07:05:ZZZ", "2026-00-00T00:00:00Z",
	};
	const char *langs[] = { "fi", "sv", "en", "de", NULL };
	const char *zones[] = { "Europe/Helsinki", "UTC", "America/New_York" };
	char got[64], want[64];
	(void)state;

	for (size_t z = 0; z < 3; z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
			for (size_t l = 0; l < 5; l++) {
				for (size_t sz = 1; sz <= sizeof(got); sz += sz < 20 ? 1 : 43) {
					memset(got, 'z', sizeof(got));
					memset(want, 'z', sizeof(want));
					tmpl_format_date(dates[i], langs[l], got, sz);
					ref_format_date(dates[i], langs[l], want, sz);
					if (memcmp(got, want, sizeof(got)))
						fail_msg("%s %s %s size %zu: got '%s' want '%s'", zones[z], dates[i],
							 langs[l] ? langs[l] : "NULL", sz, got, want);
				}
			}
		}
	}
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	CHECK_LANG(cat, "{{d:a}}|{{d:b}}|{{d:c}}", "{\"a\":\"2026-11-24\",\"b\":\"2026-03-05T09:07\",\"c\":\"2026-11-24T10:15:00Z\"}",
		   "fi", "24.11.2026|5.3.2026 klo 9.07|24.11.2026 klo 12.15");
	CHECK_LANG(cat, "{{d:a}}|{{d:b}}|{{d:c}}", "{\"a\":\"2026-11-24\",\"b\":\"2026-03-05T09:07\",\"c\":\"2026-11-24T10:15:00Z\"}",
		   "sv", "24.11.2026|5.3.2026 kl. 9.07|24.11.2026 kl. 12.15");
	CHECK_LANG(cat, "{{d:a}}|{{d:b}}|{{d:c}}", "{\"a\":\"2026-11-24\",\"b\":\"2026-03-05T09:07\",\"c\":\"2026-11-24T10:15:00Z\"}",
		   "en", "2026-11-24|2026-03-05 09:07|2026-11-24 12:15");
	CHECK_LANG(cat, "{{d:a}}|{{d:b}}", "{\"a\":\"<i>&\",\"b\":\"2026-11-24T10:15:00Z\"}", "xx", "&lt;i&gt;&amp;|24.11.2026 klo 12.15");
	/* A text that is not a date is shown whole (it was once cut to 63 bytes). */
	CHECK_LANG(cat, "{{d:a}}", "{\"a\":\"0123456789012345678901234567890123456789012345678901234567890123456789\"}", "fi",
		   "0123456789012345678901234567890123456789012345678901234567890123456789");
	CHECK_LANG(cat, "{{d:a}}", "{\"a\":\"ei tiedossa – <ks. liite> ja paljon muuta tekstiä, joka on pidempi kuin 64 tavua\"}", "fi",
		   "ei tiedossa – &lt;ks. liite&gt; ja paljon muuta tekstiä, joka on pidempi kuin 64 tavua");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_lookup_and_sections),
		cmocka_unit_test(test_translations),
		cmocka_unit_test(test_partials),
		cmocka_unit_test(test_slot),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_catalog),
		cmocka_unit_test(test_catalog_parts),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_translation_languages),
		cmocka_unit_test(test_partials_added_later),
		cmocka_unit_test(test_escaping_at_growth),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_lookup_paths),
		cmocka_unit_test(test_dates_every_way),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
