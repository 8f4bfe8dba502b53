/*
 * i18n.h - the message catalog: i18n/fi.json, sv.json and en.json, flat
 * objects of key -> text, and beside them i18n/fi/ *.json, sv/ *.json and
 * en/ *.json, one file a module (meetings.json, plan.json, ...) merged into
 * the same catalog; a key defined twice is an error.  Finnish is the
 * default and the fallback.
 * Read-only after load, so any thread may look up.
 */
#ifndef MAJAKKA_I18N_H
#define MAJAKKA_I18N_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "core/err.h"

struct i18n;

/* The catalog's languages, by index: 0 fi, 1 sv, 2 en. */
#define I18N_NLANG 3

/* Load dir/{fi,sv,en}.json and dir/{fi,sv,en}/ *.json.  Texts must be valid
 * UTF-8 strings. */
enum err i18n_load(struct i18n **out, const char *dir, char *errmsg, size_t errsz);
void i18n_free(struct i18n *cat);
/* The text of key in lang, else in Finnish, else NULL. Owned by the catalog. */
const char *i18n_get(const struct i18n *cat, const char *lang, const char *key);
/* The same text as the catalog's jansson string, or NULL.  The strings are
 * pinned (view/jarena.h): put one into any view model without copying it,
 * json_incref and json_decref leave it alone, and it lives as long as the
 * catalog. */
json_t *i18n_get_json(const struct i18n *cat, const char *lang, const char *key);
bool i18n_lang_supported(const char *lang);
/* The index of a supported language (exact code), else -1; the code of an
 * index (a static string). */
int i18n_lang_index(const char *lang);
const char *i18n_lang_code(int index);
/* The cookie's language if supported, else the best supported language of
 * an Accept-Language header (by q-value), else "fi".  Static strings. */
const char *i18n_pick_lang(const char *cookie_lang, const char *accept_language);
/* ERR_INVALID naming the first key missing from a language. */
enum err i18n_check_complete(const struct i18n *cat, char *errmsg, size_t errsz);

#endif
