/*
 * str.c - small string helpers (see str.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include "core/str.h"

bool str_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i];
		size_t k;
		unsigned cp;

		if (c < 0x80) {
			/* ASCII runs (most text) eight bytes at a time. */
			uint64_t w;
			i++;
			while (n - i >= 8) {
				memcpy(&w, p + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			k = 1; cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2; cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3; cp = c & 0x07;
		} else {
			return false;
		}
		if (n - i <= k)
			return false;
		for (size_t j = 1; j <= k; j++) {
			if ((p[i + j] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + j] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += k + 1;
	}
	return true;
}

size_t str_utf8_len(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

bool str_has_control(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F)
			return true;
	}
	return false;
}

bool str_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

const char *str_trim(const char *s, size_t *n)
{
	const char *end;

	if (!s)
		s = "";
	while (*s && str_is_space((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && str_is_space((unsigned char)end[-1]))
		end--;
	*n = (size_t)(end - s);
	return s;
}

size_t str_lcpy(char *dst, const char *src, size_t dstsz)
{
	size_t n = strlen(src);
	if (dstsz) {
		size_t k = n < dstsz - 1 ? n : dstsz - 1;
		/* Cut whole characters only: a UTF-8 sequence split by the cut
		 * would make the copy invalid text (and whole pages with it). */
		if (k < n)
			for (int back = 0; back < 3 && k > 0 && ((unsigned char)src[k] & 0xC0) == 0x80; back++)
				k--;
		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return n;
}

enum err str_to_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char *end;
	long long v;

	if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
		return ERR_INVALID;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return ERR_INVALID;
	*out = v;
	return ERR_OK;
}

bool str_ct_eq(const void *a, const void *b, size_t n)
{
	const volatile unsigned char *x = a, *y = b;
	unsigned char d = 0;
	for (size_t i = 0; i < n; i++)
		d |= x[i] ^ y[i];
	return d == 0;
}

void str_hex(const unsigned char *in, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 15];
	}
	out[2 * n] = '\0';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

enum err str_unhex(const char *in, unsigned char *out, size_t n)
{
	if (strlen(in) != 2 * n)
		return ERR_INVALID;
	for (size_t i = 0; i < n; i++) {
		int h = hexval(in[2 * i]), l = hexval(in[2 * i + 1]);
		if (h < 0 || l < 0)
			return ERR_INVALID;
		out[i] = (unsigned char)(h << 4 | l);
	}
	return ERR_OK;
}

bool str_fold(const char *s, char *out, size_t n)
{
	size_t j = 0;
	const unsigned char *c = (const unsigned char *)(s ? s : "");

	if (!n)
		return false;
	for (; *c; c++) {
		unsigned char b = *c;
		size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
		if (j + len >= n) {
			out[j] = 0;
			return false;
		}
		if (b >= 'A' && b <= 'Z') {
			out[j++] = (char)(b + 32);
		} else if (b == 0xC3 && c[1] >= 0x80 && c[1] <= 0x9E && c[1] != 0x97) {
			out[j++] = (char)b;
			out[j++] = (char)(*++c + 0x20);
		} else {
			out[j++] = (char)b;
		}
	}
	out[j] = 0;
	return true;
}

bool str_fold_contains(const char *hay, const char *needle)
{
	char buf[8192];

	if (!needle || !*needle)
		return true;
	if (!str_fold(hay, buf, sizeof(buf)))
		return false;
	return strstr(buf, needle) != NULL;
}
