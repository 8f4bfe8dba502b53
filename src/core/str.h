/*
 * str.h - small string helpers shared by all layers: UTF-8 validation,
 * bounded copies, constant-time comparison, integer parsing.
 */
#ifndef MAJAKKA_STR_H
#define MAJAKKA_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/err.h"

/* True when p[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool str_utf8_valid(const char *p, size_t n);
/* Number of Unicode code points in valid UTF-8. */
size_t str_utf8_len(const char *p, size_t n);
/* True when s contains a control character other than \n \r \t. */
bool str_has_control(const char *s, size_t n);
/* ASCII white space: space, tab, newline, CR, vertical tab, form feed (not
 * the locale's isspace). */
bool str_is_space(unsigned char c);
/* s (NULL counts as "") without white space at either end: the first byte
 * kept, and *n the number of bytes kept.  Nothing is copied. */
const char *str_trim(const char *s, size_t *n);
/* Copy at most dstsz-1 bytes and NUL-terminate, never cutting a UTF-8
 * character in two; returns strlen(src) (>= dstsz means cut). */
size_t str_lcpy(char *dst, const char *src, size_t dstsz);
/* Parse a whole decimal int64 in [min,max]; ERR_INVALID otherwise. */
enum err str_to_i64(const char *s, int64_t min, int64_t max, int64_t *out);
/* True when a and b (n bytes) are equal, in time independent of contents. */
bool str_ct_eq(const void *a, const void *b, size_t n);
/* Lower-case hex of n bytes into out (2n+1 bytes). */
void str_hex(const unsigned char *in, size_t n, char *out);
/* Decode lower/upper hex; ERR_INVALID on bad input or wrong length. */
enum err str_unhex(const char *in, unsigned char *out, size_t n);

/* s folded for a search that ignores case: ASCII letters and the Latin-1
 * capitals (Ä Ö Å É Ü ..., U+00C0-U+00DE but ×) lowered, other bytes kept;
 * into out (at most n-1 bytes, never cutting a character in two).  Returns
 * false when s did not fit. */
bool str_fold(const char *s, char *out, size_t n);
/* Does hay, folded, contain needle (already folded with str_fold)?  An
 * empty needle is contained in everything; NULL hay counts as "". */
bool str_fold_contains(const char *hay, const char *needle);

#endif
