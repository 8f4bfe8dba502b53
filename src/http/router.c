/*
 * router.c - path pattern matching (see router.h).
 */
#include <string.h>
#include "http/router.h"

bool router_match(const char *pattern, const char *path, int64_t *params, int max, int *n)
{
	const char *p = pattern, *s = path;

	*n = 0;
	while (*p && *s) {
		if (*p == '{') {
			int64_t v = 0;
			const char *start = s;
			while (*p && *p != '}')
				p++;
			if (*p == '}')
				p++;
			while (*s >= '0' && *s <= '9') {
				if (v > (INT64_MAX - 9) / 10)
					return false;
				v = v * 10 + (*s - '0');
				s++;
			}
			if (s == start || v <= 0 || (*s && *s != '/') || *start == '0' || *n == max)
				return false;
			params[(*n)++] = v;
		} else if (*p == *s) {
			p++;
			s++;
		} else {
			return false;
		}
	}
	return *p == '\0' && *s == '\0';
}
