/*
 * buf.h - growable byte buffer with a hard maximum.
 *
 * Every buffer is created with the largest size it may ever reach; growing past
 * it fails with ERR_TOO_LARGE instead of eating the machine.  data is always
 * NUL-terminated when non-NULL (the NUL is not counted in len).
 */
#ifndef MAJAKKA_BUF_H
#define MAJAKKA_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include "core/err.h"

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
};

#define BUF_MAX_DEFAULT (16u * 1024u * 1024u)

/* Start empty; no allocation until the first append. */
void buf_init(struct buf *b, size_t max);
/* Free the storage; the buffer may be reused after buf_init. */
void buf_release(struct buf *b);
/* Keep the storage, forget the contents. */
void buf_reset(struct buf *b);
/* Hand the malloc'd string to the caller (free() it); buffer becomes empty. */
char *buf_detach(struct buf *b, size_t *len);

/* Make room for extra more bytes (and the NUL): ERR_TOO_LARGE past max. */
enum err buf_grow(struct buf *b, size_t extra);
/* buf_append when the bytes do not fit in the storage already allocated. */
enum err buf_append_grow(struct buf *b, const void *p, size_t n);

/* Append n bytes of p.  Inline because the renderers call it for every
 * piece of a page: when the bytes fit, it is one memcpy.  cap never exceeds
 * max + 1, so what fits in cap is within the maximum too. */
static inline enum err buf_append(struct buf *b, const void *p, size_t n)
{
	if (n < b->cap - b->len) {
		if (n)
			memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return ERR_OK;
	}
	return buf_append_grow(b, p, n);
}

static inline enum err buf_appends(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

static inline enum err buf_appendc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

enum err buf_appendf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum err buf_vappendf(struct buf *b, const char *fmt, va_list ap);
/* Append s with <>&"' escaped for HTML text and attribute values.  At the
 * maximum, the pieces (runs and entities) that fit are kept. */
enum err buf_append_html(struct buf *b, const char *s, size_t n);
/* Append s percent-encoded for a URL query component. */
enum err buf_append_url(struct buf *b, const char *s, size_t n);

/* The contents as a C string ("" when empty). */
static inline const char *buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

#endif
