/*
 * picture.c - shapes and their SVG (see picture.h).
 */
#include <stdlib.h>
#include <string.h>
#include "core/str.h"
#include "view/picture.h"

void picture_init(struct picture *p, const char *id, double w, double h)
{
	memset(p, 0, sizeof(*p));
	str_lcpy(p->id, id, sizeof(p->id));
	p->w = w;
	p->h = h;
}

void picture_release(struct picture *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->items[i].text);
	free(p->items);
	free(p->title);
	free(p->desc);
	memset(p, 0, sizeof(*p));
}

void picture_title(struct picture *p, const char *title, const char *desc)
{
	free(p->title);
	free(p->desc);
	p->title = strdup(title ? title : "");
	p->desc = strdup(desc ? desc : "");
	if (!p->title || !p->desc)
		p->err = ERR_NOMEM;
}

static struct pic_item *item(struct picture *p, enum pic_op op)
{
	struct pic_item *it;
	if (p->err)
		return NULL;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		if (cap > PIC_MAX_ITEMS) {
			p->err = ERR_TOO_LARGE;
			return NULL;
		}
		it = realloc(p->items, cap * sizeof(*it));
		if (!it) {
			p->err = ERR_NOMEM;
			return NULL;
		}
		p->items = it;
		p->cap = cap;
	}
	it = &p->items[p->n++];
	memset(it, 0, sizeof(*it));
	it->op = op;
	it->stroke = it->fill = PIC_NONE;
	it->width = 1;
	return it;
}

void picture_line(struct picture *p, double x1, double y1, double x2, double y2, uint32_t stroke, double width,
		  enum pic_dash dash)
{
	struct pic_item *it = item(p, PIC_LINE);
	if (!it)
		return;
	it->x = x1, it->y = y1, it->w = x2, it->h = y2;
	it->stroke = stroke;
	it->width = width;
	it->dash = dash;
}

void picture_rect(struct picture *p, double x, double y, double w, double h, uint32_t stroke, uint32_t fill,
		  double width)
{
	struct pic_item *it = item(p, PIC_RECT);
	if (!it)
		return;
	it->x = x, it->y = y, it->w = w, it->h = h;
	it->stroke = stroke;
	it->fill = fill;
	it->width = width;
}

void picture_circle(struct picture *p, double cx, double cy, double r, uint32_t stroke, uint32_t fill,
		    double width)
{
	struct pic_item *it = item(p, PIC_CIRCLE);
	if (!it)
		return;
	it->x = cx, it->y = cy, it->w = r;
	it->stroke = stroke;
	it->fill = fill;
	it->width = width;
}

void picture_poly(struct picture *p, const double *xy, int npts, uint32_t stroke, uint32_t fill, double width,
		  int open)
{
	struct pic_item *it = item(p, PIC_POLY);
	if (!it)
		return;
	if (npts > 8)
		npts = 8;
	memcpy(it->pts, xy, (size_t)npts * 2 * sizeof(double));
	it->npts = npts;
	it->stroke = stroke;
	it->fill = fill;
	it->width = width;
	it->bold = open;   /* open: a polyline */
}

void picture_text(struct picture *p, double x, double y, const char *text, double size, enum pic_anchor anchor,
		  uint32_t color, int bold)
{
	struct pic_item *it = item(p, PIC_TEXT);
	if (!it)
		return;
	it->x = x, it->y = y;
	it->size = size;
	it->anchor = anchor;
	it->fill = color;
	it->bold = bold;
	it->text = strdup(text ? text : "");
	if (!it->text) {
		p->n--;
		p->err = ERR_NOMEM;
	}
}

static enum err color(struct buf *b, const char *attr, uint32_t c)
{
	if (c == PIC_NONE)
		return buf_appendf(b, " %s=\"none\"", attr);
	return buf_appendf(b, " %s=\"#%06x\"", attr, (unsigned)c);
}

static enum err stroke(struct buf *b, const struct pic_item *it)
{
	static const char *const dashes[] = { "", " stroke-dasharray=\"6 4\"", " stroke-dasharray=\"2 3\"" };
	enum err e = color(b, "stroke", it->stroke);
	if (!e && it->stroke != PIC_NONE)
		e = buf_appendf(b, " stroke-width=\"%.1f\"%s", it->width, dashes[it->dash]);
	return e;
}

enum err picture_svg(const struct picture *p, struct buf *b)
{
	static const char *const anchors[] = { "start", "middle", "end" };
	enum err e;

	if (p->err)
		return p->err;
	e = buf_appendf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"picture\" role=\"img\""
			   " viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\""
			   " aria-labelledby=\"%s-title %s-desc\"><title id=\"%s-title\">",
			p->w, p->h, p->w, p->h, p->id, p->id, p->id);
	if (!e && p->title)
		e = buf_append_html(b, p->title, strlen(p->title));
	if (!e)
		e = buf_appendf(b, "</title><desc id=\"%s-desc\">", p->id);
	if (!e && p->desc)
		e = buf_append_html(b, p->desc, strlen(p->desc));
	if (!e)
		e = buf_appends(b, "</desc><g font-family=\"DejaVu Sans, Verdana, sans-serif\">");
	for (size_t i = 0; i < p->n && !e; i++) {
		const struct pic_item *it = &p->items[i];
		switch (it->op) {
		case PIC_LINE:
			e = buf_appendf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"", it->x, it->y, it->w, it->h);
			if (!e) e = stroke(b, it);
			break;
		case PIC_RECT:
			e = buf_appendf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"", it->x, it->y, it->w, it->h);
			if (!e) e = color(b, "fill", it->fill);
			if (!e) e = stroke(b, it);
			break;
		case PIC_CIRCLE:
			e = buf_appendf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"", it->x, it->y, it->w);
			if (!e) e = color(b, "fill", it->fill);
			if (!e) e = stroke(b, it);
			break;
		case PIC_POLY:
			e = buf_appendf(b, "<%s points=\"", it->bold ? "polyline" : "polygon");
			for (int k = 0; k < it->npts && !e; k++)
				e = buf_appendf(b, "%s%.1f,%.1f", k ? " " : "", it->pts[2 * k], it->pts[2 * k + 1]);
			if (!e) e = buf_appends(b, "\"");
			if (!e) e = color(b, "fill", it->fill);
			if (!e) e = stroke(b, it);
			break;
		case PIC_TEXT:
			e = buf_appendf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" text-anchor=\"%s\"%s",
					it->x, it->y, it->size, anchors[it->anchor], it->bold ? " font-weight=\"bold\"" : "");
			if (!e) e = color(b, "fill", it->fill);
			if (!e) e = buf_appends(b, ">");
			if (!e) e = buf_append_html(b, it->text, strlen(it->text));
			if (!e) e = buf_appends(b, "</text>");
			continue;
		}
		if (!e)
			e = buf_appends(b, "/>");
	}
	if (!e)
		e = buf_appends(b, "</g></svg>");
	return e;
}
