/*
 * genogram_draw.h - the genogram and the timeline as pictures
 * (view/picture.h): the genogram laid out by view/layered.h and drawn with
 * the standard symbols, the timeline as dated marks on a line.
 *
 * The texts (title, description, year and kind labels) come from the
 * caller in the reader's language; drawing needs no request.
 */
#ifndef MAJAKKA_GENOGRAM_DRAW_H
#define MAJAKKA_GENOGRAM_DRAW_H

#include "model/genogram.h"
#include "model/timeline.h"
#include "view/picture.h"

/* Draw g into pic (initialised here; picture_release after).  The persons
 * are squares (male), circles (female) and diamonds (other, unknown); the
 * case's child has a double line, the deceased a cross; a couple's children
 * hang from its line, oldest left; separations and divorces are struck
 * through once and twice; adoptive lines dashed, foster lines dotted;
 * household members shaded; emotional relations drawn between the persons
 * (close: a double green line, distant: dashed, conflict: a red zigzag,
 * cut-off: a line broken by two bars). */
enum err genogram_draw(const struct genogram *g, const char *title, const char *desc, struct picture *pic);
/* The same, with a note beside each person: notes (NULL, or one per
 * person of g, each NULL or lines separated by '\n') drawn under the
 * person's name; the nodes widen and grow to hold the longest note (the
 * family view's services).  A line starting with a space is drawn as the
 * previous line's detail. */
enum err genogram_draw_notes(const struct genogram *g, const char *const *notes, const char *title, const char *desc,
			     struct picture *pic);

/* One mark of the timeline as the caller labels it. */
struct timeline_mark {
	char date[11];
	int family;               /* the family's event (above the line) or the services' (below) */
	const char *label;        /* borrowed */
};
/* Draw the marks (oldest first) on a horizontal line of years. */
enum err timeline_draw(const struct timeline_mark *m, size_t n, const char *title, const char *desc,
		       struct picture *pic);

#endif
