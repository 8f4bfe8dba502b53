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
		if (!strncmp(p, "{token}", 7)) {
			/* A URL-safe base64 secret (a calendar feed's): the handler
			 * reads it from the path; it is never a param. */
			const char *start = s;
			p += 7;
			while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
			       *s == '-' || *s == '_')
				s++;
			if (s == start)
				return false;
		} else if (*p == '{') {
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
