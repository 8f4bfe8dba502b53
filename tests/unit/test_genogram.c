/*
 * test_genogram.c - the genogram's layout and pictures: a 60-person family
 * lays out and renders as SVG and PNG (the time is printed, not asserted:
 * docs/BENCHMARKS.md records it); children stand under their parents,
 * oldest left, whatever order they were added in; names are escaped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include "api/genogram_draw.h"
#include "core/str.h"

/* The x and y of the text element whose content is name, from the SVG. */
static int text_at(const char *svg, const char *name, double *x, double *y)
{
	char needle[300];
	const char *hit, *t;
	snprintf(needle, sizeof(needle), ">%s</text>", name);
	hit = strstr(svg, needle);
	if (!hit)
		return -1;
	for (t = hit; t > svg && strncmp(t, "<text ", 6); t--)
		;
	return sscanf(t, "<text x=\"%lf\" y=\"%lf\"", x, y) == 2 ? 0 : -1;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void test_sixty_persons(void **state)
{
	struct genogram g;
	struct picture pic;
	struct buf svg, png;
	struct timespec t0, t1;
	(void)state;

	buf_init(&svg, 16u << 20);
	buf_init(&png, 64u << 20);
	assert_int_equal(genogram_synthetic(&g, 60), ERR_OK);
	assert_int_equal((int)g.np, 60);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(genogram_draw(&g, "Genogram", "60 persons", &pic), ERR_OK);
	assert_int_equal(picture_svg(&pic, &svg), ERR_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# genogram of 60 persons, %zu relations: layout + SVG %.1f ms, %zu bytes\n", g.nr,
	       (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6, svg.len);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(picture_png(&pic, 1.0, &png), ERR_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# PNG %.1f ms, %zu bytes\n", (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6, png.len);

	/* Well-formed by structure: one root, accessible, every person named. */
	assert_true(!strncmp(buf_str(&svg), "<svg ", 5));
	assert_non_null(strstr(buf_str(&svg), "role=\"img\""));
	assert_non_null(strstr(buf_str(&svg), "<title id=\"genogram-title\">Genogram</title>"));
	assert_true(svg.len > 6 && !strcmp(buf_str(&svg) + svg.len - 6, "</svg>"));
	assert_int_equal(count(buf_str(&svg), "<text"), count(buf_str(&svg), "</text>"));
	for (size_t i = 0; i < g.np; i++) {
		double x, y;
		assert_int_equal(text_at(buf_str(&svg), g.p[i].name, &x, &y), 0);
		assert_true(x > 0 && x < pic.w && y > 0 && y < pic.h);
	}
	/* Every child below its parents. */
	for (size_t i = 0; i < g.nr; i++) {
		double px, py, cx, cy;
		if (genogram_kind_class(g.r[i].kind) != GK_PARENT)
			continue;
		text_at(buf_str(&svg), genogram_person_find(&g, g.r[i].a_id)->name, &px, &py);
		text_at(buf_str(&svg), genogram_person_find(&g, g.r[i].b_id)->name, &cx, &cy);
		assert_true(cy > py + 40);
	}
	assert_true(png.len > 8 && !memcmp(png.data, "\x89PNG\r\n\x1a\n", 8));
	picture_release(&pic);
	genogram_release(&g);
	buf_release(&svg);
	buf_release(&png);
}

static void person(struct genogram *g, int64_t id, const char *name, const char *sex, int year)
{
	struct genogram_person *p = &g->p[g->np++];
	memset(p, 0, sizeof(*p));
	p->id = id;
	str_lcpy(p->name, name, sizeof(p->name));
	str_lcpy(p->sex, sex, sizeof(p->sex));
	p->birth_year = year;
}

static void relation(struct genogram *g, int64_t a, int64_t b, const char *kind)
{
	struct genogram_relation *r = &g->r[g->nr++];
	memset(r, 0, sizeof(*r));
	r->id = (int64_t)g->nr;
	r->a_id = a, r->b_id = b;
	str_lcpy(r->kind, kind, sizeof(r->kind));
}

static void test_oldest_left(void **state)
{
	struct genogram_person ps[8];
	struct genogram_relation rs[16];
	struct genogram g = { .p = ps, .r = rs };
	struct picture pic;
	struct buf svg;
	double x[3], y[3], fx, fy;
	(void)state;

	buf_init(&svg, 1u << 20);
	person(&g, 1, "Mother", "female", 1980);
	person(&g, 2, "Father", "male", 1978);
	person(&g, 3, "Youngest", "male", 2015);
	person(&g, 4, "Eldest", "female", 2008);
	person(&g, 5, "Middle <&>", "other", 2011);
	relation(&g, 1, 2, "divorced");
	for (int c = 3; c <= 5; c++) {
		relation(&g, 1, c, "parent");
		relation(&g, 2, c, "parent");
	}
	relation(&g, 1, 4, "conflict");
	g.p[0].is_child = false;
	g.p[2].is_child = true;
	assert_int_equal(genogram_draw(&g, "T", "D", &pic), ERR_OK);
	assert_int_equal(picture_svg(&pic, &svg), ERR_OK);
	assert_int_equal(text_at(buf_str(&svg), "Eldest", &x[0], &y[0]), 0);
	assert_int_equal(text_at(buf_str(&svg), "Middle &lt;&amp;&gt;", &x[1], &y[1]), 0);
	assert_int_equal(text_at(buf_str(&svg), "Youngest", &x[2], &y[2]), 0);
	assert_int_equal(text_at(buf_str(&svg), "Father", &fx, &fy), 0);
	assert_true(x[0] < x[1] && x[1] < x[2]);
	assert_true(y[0] == y[1] && y[1] == y[2] && y[0] > fy);
	/* The child's double line: two outlines at its place; the conflict's zigzag. */
	assert_non_null(strstr(buf_str(&svg), "<polyline"));
	assert_null(strstr(buf_str(&svg), "<&>"));
	picture_release(&pic);
	buf_release(&svg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sixty_persons),
		cmocka_unit_test(test_oldest_left),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
