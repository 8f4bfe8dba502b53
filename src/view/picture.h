/*
 * picture.h - a picture drawn by the server as a list of shapes, written
 * out as SVG (here) or PNG (view/picture_png.c, the one cairo adapter).
 *
 * The shapes are in points, y downwards, in a w x h box.  Texts are copied
 * and escaped when written.  The SVG is an image for assistive technology:
 * role="img" with a <title> and a <desc> (the data's table is on the page
 * next to it).
 */
#ifndef MAJAKKA_PICTURE_H
#define MAJAKKA_PICTURE_H

#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"
#include "core/err.h"

#define PIC_NONE 0xff000000u   /* no fill / no stroke */
#define PIC_MAX_ITEMS 20000

enum pic_op { PIC_LINE, PIC_RECT, PIC_CIRCLE, PIC_POLY, PIC_TEXT };
enum pic_dash { PIC_SOLID, PIC_DASHED, PIC_DOTTED };
enum pic_anchor { PIC_START, PIC_MIDDLE, PIC_END };

struct pic_item {
	enum pic_op op;
	double x, y, w, h;        /* line: x,y to w,h; rect: corner and size; circle: centre, w = r; text: at */
	double pts[16];           /* poly: x,y pairs */
	int npts;
	uint32_t stroke, fill;    /* 0xRRGGBB or PIC_NONE */
	double width;
	enum pic_dash dash;
	double size;              /* text size */
	enum pic_anchor anchor;
	int bold;
	char *text;               /* owned */
};

struct picture {
	double w, h;
	char id[32];              /* prefix of the ids of title and desc */
	char *title, *desc;       /* owned */
	struct pic_item *items;
	size_t n, cap;
	enum err err;             /* the first failure while adding: later adds are no-ops */
};

void picture_init(struct picture *p, const char *id, double w, double h);
void picture_release(struct picture *p);
void picture_title(struct picture *p, const char *title, const char *desc);
void picture_line(struct picture *p, double x1, double y1, double x2, double y2, uint32_t stroke, double width,
		  enum pic_dash dash);
void picture_rect(struct picture *p, double x, double y, double w, double h, uint32_t stroke, uint32_t fill,
		  double width);
void picture_circle(struct picture *p, double cx, double cy, double r, uint32_t stroke, uint32_t fill,
		    double width);
/* A closed polygon (npts <= 8 points) or, with fill PIC_NONE and open set, a polyline. */
void picture_poly(struct picture *p, const double *xy, int npts, uint32_t stroke, uint32_t fill, double width,
		  int open);
void picture_text(struct picture *p, double x, double y, const char *text, double size, enum pic_anchor anchor,
		  uint32_t color, int bold);

/* The picture as an SVG document (no XML declaration: it is also inlined
 * in pages) appended to out. */
enum err picture_svg(const struct picture *p, struct buf *out);
/* The picture as PNG at scale (1 = one pixel a point) appended to out
 * (view/picture_png.c). */
enum err picture_png(const struct picture *p, double scale, struct buf *out);

#endif
