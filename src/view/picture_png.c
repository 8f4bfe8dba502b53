/*
 * picture_png.c - a picture (view/picture.h) as PNG: the one module that
 * includes cairo.
 */
#include <cairo.h>
#include <string.h>
#include "view/picture.h"

static void set_color(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0);
}

/* Fill then stroke the current path as the item says. */
static void paint(cairo_t *cr, const struct pic_item *it)
{
	static const double dashed[] = { 6, 4 }, dotted[] = { 2, 3 };
	if (it->fill != PIC_NONE) {
		set_color(cr, it->fill);
		if (it->stroke != PIC_NONE)
			cairo_fill_preserve(cr);
		else
			cairo_fill(cr);
	}
	if (it->stroke != PIC_NONE) {
		set_color(cr, it->stroke);
		cairo_set_line_width(cr, it->width);
		cairo_set_dash(cr, it->dash == PIC_DASHED ? dashed : dotted, it->dash == PIC_SOLID ? 0 : 2, 0);
		cairo_stroke(cr);
	}
	cairo_new_path(cr);
}

struct sink {
	struct buf *out;
	enum err e;
};

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink *s = closure;
	if (!s->e)
		s->e = buf_append(s->out, data, len);
	return s->e ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

enum err picture_png(const struct picture *p, double scale, struct buf *out)
{
	cairo_surface_t *s;
	cairo_t *cr;
	struct sink sink = { out, ERR_OK };
	int w = (int)(p->w * scale + 0.5), h = (int)(p->h * scale + 0.5);

	if (p->err)
		return p->err;
	if (w < 1 || h < 1 || w > 8000 || h > 8000)
		return ERR_TOO_LARGE;
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return ERR_NOMEM;
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	for (size_t i = 0; i < p->n; i++) {
		const struct pic_item *it = &p->items[i];
		cairo_text_extents_t ext;
		switch (it->op) {
		case PIC_LINE:
			cairo_move_to(cr, it->x, it->y);
			cairo_line_to(cr, it->w, it->h);
			break;
		case PIC_RECT:
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			break;
		case PIC_CIRCLE:
			cairo_new_sub_path(cr);
			cairo_arc(cr, it->x, it->y, it->w, 0, 6.283185307179586);
			break;
		case PIC_POLY:
			for (int k = 0; k < it->npts; k++)
				(k ? cairo_line_to : cairo_move_to)(cr, it->pts[2 * k], it->pts[2 * k + 1]);
			if (!it->bold)
				cairo_close_path(cr);
			break;
		case PIC_TEXT:
			cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
					       it->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
			cairo_set_font_size(cr, it->size);
			cairo_text_extents(cr, it->text, &ext);
			cairo_move_to(cr, it->x - (it->anchor == PIC_MIDDLE ? ext.x_advance / 2 :
						   it->anchor == PIC_END ? ext.x_advance : 0), it->y);
			set_color(cr, it->fill == PIC_NONE ? 0 : it->fill);
			cairo_show_text(cr, it->text);
			cairo_new_path(cr);
			continue;
		}
		paint(cr, it);
	}
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (cairo_surface_write_to_png_stream(s, write_cb, &sink) != CAIRO_STATUS_SUCCESS && !sink.e)
		sink.e = ERR_NOMEM;
	cairo_surface_destroy(s);
	return sink.e;
}
