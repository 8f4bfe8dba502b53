/*
 * buf.c - growable byte buffer with a hard maximum (see buf.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "core/buf.h"

void buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max ? max : BUF_MAX_DEFAULT;
}

void buf_release(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p = b->data;
	if (!p) {
		p = calloc(1, 1);
	}
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

enum err buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > b->max || b->len > b->max - extra)
		return ERR_TOO_LARGE;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return ERR_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	p = realloc(b->data, cap);
	if (!p)
		return ERR_NOMEM;
	b->data = p;
	b->cap = cap;
	return ERR_OK;
}

enum err buf_append_grow(struct buf *b, const void *p, size_t n)
{
	enum err e = buf_grow(b, n);
	if (e)
		return e;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return ERR_OK;
}

enum err buf_vappendf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	enum err e;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return ERR_INVALID;
	e = buf_grow(b, (size_t)n);
	if (e)
		return e;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return ERR_OK;
}

enum err buf_appendf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	enum err e;

	va_start(ap, fmt);
	e = buf_vappendf(b, fmt, ap);
	va_end(ap);
	return e;
}

/* The entity of each character HTML escapes, by its index in html_class. */
static const unsigned char html_class[256] = { ['<'] = 1, ['>'] = 2, ['&'] = 3, ['"'] = 4, ['\''] = 5 };
static const char *const html_entity[6] = { "", "&lt;", "&gt;", "&amp;", "&quot;", "&#39;" };
static const unsigned char html_entity_len[6] = { 1, 4, 4, 5, 6, 5 };

/* Nonzero when a byte of w is c (the classic SWAR zero-byte test). */
static inline uint64_t has_byte(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (0x0101010101010101ULL * c);
	return (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
}

/* Escape n bytes of s into b's storage, which has room for them.  Eight
 * bytes at a time while none needs escaping: most text needs none. */
static void html_write(struct buf *b, const char *s, size_t n)
{
	char *d = b->data + b->len;
	size_t i = 0;

	while (i < n) {
		size_t end;
		if (n - i >= 8) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (!(has_byte(w, '<') | has_byte(w, '>') | has_byte(w, '&') | has_byte(w, '"') |
			      has_byte(w, '\''))) {
				memcpy(d, &w, 8);
				d += 8;
				i += 8;
				continue;
			}
		}
		for (end = i + 8 < n ? i + 8 : n; i < end; i++) {
			unsigned char c = (unsigned char)s[i];
			/* Fixed-size copies: the compiler turns each into one store. */
			switch (html_class[c]) {
			case 0: *d++ = (char)c; break;
			case 1: memcpy(d, "&lt;", 4); d += 4; break;
			case 2: memcpy(d, "&gt;", 4); d += 4; break;
			case 3: memcpy(d, "&amp;", 5); d += 5; break;
			case 4: memcpy(d, "&quot;", 6); d += 6; break;
			default: memcpy(d, "&#39;", 5); d += 5; break;
			}
		}
	}
	*d = '\0';
	b->len = (size_t)(d - b->data);
}

/* Near the maximum: append run by run, keeping what fits, as callers of a
 * buffer that filled up have always seen it. */
static enum err html_pieces(struct buf *b, const char *s, size_t n)
{
	size_t i, start = 0;
	enum err e = ERR_OK;

	for (i = 0; i < n && !e; i++) {
		unsigned k = html_class[(unsigned char)s[i]];
		if (!k)
			continue;
		e = buf_append(b, s + start, i - start);
		if (!e)
			e = buf_append(b, html_entity[k], html_entity_len[k]);
		start = i + 1;
	}
	if (!e)
		e = buf_append(b, s + start, n - start);
	return e;
}

enum err buf_append_html(struct buf *b, const char *s, size_t n)
{
	size_t need = n;

	/* Usually the storage has room for the worst case (every byte a
	 * "&quot;"), and one pass escapes straight into it. */
	if (n >= SIZE_MAX / 8)
		return html_pieces(b, s, n);
	if (6 * n < b->cap - b->len) {
		html_write(b, s, n);
		return ERR_OK;
	}
	for (size_t i = 0; i < n; i++)
		need += html_entity_len[html_class[(unsigned char)s[i]]] - 1u;
	if (buf_grow(b, need) != ERR_OK)
		return html_pieces(b, s, n);
	html_write(b, s, n);
	return ERR_OK;
}

enum err buf_append_url(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	enum err e = ERR_OK;

	for (i = 0; i < n && !e; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
			e = buf_appendc(b, (char)c);
		} else {
			char t[3] = { '%', hex[c >> 4], hex[c & 15] };
			e = buf_append(b, t, 3);
		}
	}
	return e;
}
