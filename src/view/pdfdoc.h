/*
 * pdfdoc.h - a printable A4 document drawn with cairo's PDF surface: the
 * one module that includes <cairo.h>.  Headings, wrapped paragraphs and
 * key-value lines flow down the page and on to new pages; the caller says
 * what, this module says where.  Text is UTF-8 (cairo's own text API with a
 * sans-serif face: no shaping beyond what Latin scripts need).
 */
#ifndef MAJAKKA_PDFDOC_H
#define MAJAKKA_PDFDOC_H

#include "core/buf.h"
#include "core/err.h"

struct pdfdoc;

/* A new document whose bytes go to out (borrowed, appended to; its hard
 * maximum bounds the file).  NULL when out of memory. */
struct pdfdoc *pdfdoc_new(struct buf *out, const char *title);
void pdfdoc_heading(struct pdfdoc *d, const char *text);       /* a section heading */
void pdfdoc_para(struct pdfdoc *d, const char *text);          /* wrapped; '\n' starts a line */
void pdfdoc_item(struct pdfdoc *d, const char *text);          /* a bulleted, wrapped item */
void pdfdoc_small(struct pdfdoc *d, const char *text);         /* a small grey line */
/* Finish and free d.  ERR_OK when the whole file is in out. */
enum err pdfdoc_finish(struct pdfdoc *d);

#endif
