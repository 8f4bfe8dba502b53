/*
 * pdfdoc.c - printable documents with cairo's PDF surface (see pdfdoc.h).
 */
#include <cairo.h>
#include <cairo-pdf.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "view/pdfdoc.h"

#define PAGE_W 595.28   /* A4 in points */
#define PAGE_H 841.89
#define MARGIN 56.0

struct pdfdoc {
	cairo_surface_t *s;
	cairo_t *cr;
	struct buf *out;
	enum err err;
	double y;
};

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdfdoc *d = closure;
	if (!d->err)
		d->err = buf_append(d->out, data, len);
	return d->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static void font(struct pdfdoc *d, double size, bool bold)
{
	cairo_select_font_face(d->cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(d->cr, size);
}

static void need(struct pdfdoc *d, double h)
{
	if (d->y + h > PAGE_H - MARGIN) {
		cairo_show_page(d->cr);
		d->y = MARGIN;
	}
}

static double text_w(struct pdfdoc *d, char *line, const char *p, size_t n)
{
	cairo_text_extents_t ext;
	memcpy(line, p, n);
	line[n] = 0;
	cairo_text_extents(d->cr, line, &ext);
	return ext.x_advance;
}

static void show_line(struct pdfdoc *d, char *line, const char *p, size_t n, double x, double lh)
{
	memcpy(line, p, n);
	line[n] = 0;
	need(d, lh);
	cairo_move_to(d->cr, x, d->y + lh * 0.8);
	cairo_show_text(d->cr, line);
	d->y += lh;
}

/* One line of the text (no newline), wrapped by words at the right margin;
 * a word longer than a line is cut at a character boundary. */
static void wrap_line(struct pdfdoc *d, char *line, const char *p, size_t n, double x, double lh)
{
	const double width = PAGE_W - MARGIN - x;
	size_t start = 0;

	if (!n) {
		d->y += lh;
		return;
	}
	while (start < n) {
		size_t fit = 0, end = start, next = start;
		while (end < n) {
			next = end;
			while (next < n && p[next] == ' ')
				next++;
			while (next < n && p[next] != ' ')
				next++;
			if (text_w(d, line, p + start, next - start) > width)
				break;
			fit = next - start;
			end = next;
		}
		if (!fit) {
			size_t k = next - start;
			while (k > 1 && text_w(d, line, p + start, k) > width) {
				do
					k--;
				while (k > 1 && ((unsigned char)p[start + k] & 0xC0) == 0x80);
			}
			fit = k;
		}
		show_line(d, line, p + start, fit, x, lh);
		start += fit;
		while (start < n && p[start] == ' ')
			start++;
	}
}

/* Show text from x, each '\n' a new line, each line wrapped. */
static void wrapped(struct pdfdoc *d, const char *text, double x, double lh)
{
	char *line = malloc(strlen(text) + 1);
	const char *p = text;

	if (!line) {
		d->err = ERR_NOMEM;
		return;
	}
	for (;;) {
		size_t seg = strcspn(p, "\n");
		wrap_line(d, line, p, seg, x, lh);
		if (!p[seg])
			break;
		p += seg + 1;
	}
	free(line);
}

struct pdfdoc *pdfdoc_new(struct buf *out, const char *title)
{
	struct pdfdoc *d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->out = out;
	d->s = cairo_pdf_surface_create_for_stream(write_cb, d, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(d->s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(d->s, CAIRO_PDF_METADATA_CREATOR, "Majakka");
	d->cr = cairo_create(d->s);
	d->y = MARGIN;
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	font(d, 18, true);
	wrapped(d, title, MARGIN, 24);
	d->y += 6;
	return d;
}

void pdfdoc_heading(struct pdfdoc *d, const char *text)
{
	d->y += 10;
	need(d, 40);
	cairo_set_source_rgb(d->cr, 0.05, 0.2, 0.4);
	font(d, 13, true);
	wrapped(d, text, MARGIN, 18);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	d->y += 2;
}

void pdfdoc_para(struct pdfdoc *d, const char *text)
{
	font(d, 10.5, false);
	wrapped(d, text, MARGIN, 14);
	d->y += 4;
}

void pdfdoc_item(struct pdfdoc *d, const char *text)
{
	font(d, 10.5, false);
	need(d, 14);
	cairo_move_to(d->cr, MARGIN + 4, d->y + 14 * 0.8);
	cairo_show_text(d->cr, "\xe2\x80\xa2");
	wrapped(d, text, MARGIN + 16, 14);
	d->y += 2;
}

void pdfdoc_small(struct pdfdoc *d, const char *text)
{
	font(d, 8.5, false);
	cairo_set_source_rgb(d->cr, 0.35, 0.35, 0.35);
	wrapped(d, text, MARGIN, 11);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
}

enum err pdfdoc_finish(struct pdfdoc *d)
{
	enum err e;
	cairo_destroy(d->cr);
	cairo_surface_finish(d->s);
	if (!d->err && cairo_surface_status(d->s) != CAIRO_STATUS_SUCCESS)
		d->err = ERR_NOMEM;
	cairo_surface_destroy(d->s);
	e = d->err;
	free(d);
	return e;
}
