/*
 * jv.h - building view models (jansson objects) cheaply.
 *
 * json_pack parses its format string and json_string checks UTF-8 with a
 * function call per character on every value; a child page builds about a
 * thousand values.  These helpers check each string once with the fast
 * str_utf8_valid, trust the keys (they are string literals of the program)
 * and never fail half-way: a NULL string is "", and bytes that are not
 * UTF-8 (which input validation keeps out of the database) are shown as
 * U+FFFD instead of dropping the whole object.
 */
#ifndef MAJAKKA_JV_H
#define MAJAKKA_JV_H

#include <jansson.h>
#include <stdbool.h>
#include <string.h>

/* A string value (see above). */
json_t *jv_str(const char *s);

/* Set key of o; key must be a literal or otherwise valid UTF-8.  Inline,
 * so that the length of a literal key is known when compiling: a page sets
 * about a thousand keys, and jansson's json_object_set_new_nocheck would
 * strlen each one behind another call. */
static inline void jv_set(json_t *o, const char *key, json_t *v)   /* steals v */
{
	json_object_setn_new_nocheck(o, key, strlen(key), v);
}

static inline void jv_set_str(json_t *o, const char *key, const char *s)
{
	jv_set(o, key, jv_str(s));
}

static inline void jv_set_int(json_t *o, const char *key, json_int_t v)
{
	jv_set(o, key, json_integer(v));
}

static inline void jv_set_bool(json_t *o, const char *key, bool v)
{
	jv_set(o, key, json_boolean(v));
}

#endif
