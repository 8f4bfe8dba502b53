/*
 * i18n.c - message catalog over jansson objects (see i18n.h).
 */
#include <glob.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/str.h"
#include "view/i18n.h"
#include "view/jarena.h"

static const char *const langs[I18N_NLANG] = { "fi", "sv", "en" };
#define NLANG I18N_NLANG

struct i18n {
	json_t *cat[NLANG];
	bool pinned;          /* the texts are immortal (see i18n_get_json) */
};

/* Make every text immortal, so that view models of any thread can hold
 * them without copying (jarena_pin). */
static void pin_texts(struct i18n *c)
{
	for (int i = 0; i < NLANG; i++) {
		const char *k;
		json_t *v;
		json_object_foreach(c->cat[i], k, v)
			jarena_pin(v);
	}
	c->pinned = true;
}

int i18n_lang_index(const char *lang)
{
	for (int i = 0; lang && i < NLANG; i++)
		if (!strcmp(lang, langs[i]))
			return i;
	return -1;
}

const char *i18n_lang_code(int index)
{
	return langs[index];
}

bool i18n_lang_supported(const char *lang)
{
	return i18n_lang_index(lang) >= 0;
}

/* Merge the flat object in path into cat; a key already there is an error
 * (two modules must not claim one text). */
static enum err merge_part(json_t *cat, const char *path, char *errmsg, size_t errsz)
{
	json_error_t jerr;
	json_t *part = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	const char *k;
	json_t *v;
	enum err e = ERR_OK;

	if (!part) {
		snprintf(errmsg, errsz, "%s:%d: %s", path, jerr.line, jerr.text);
		return ERR_INVALID;
	}
	if (!json_is_object(part)) {
		snprintf(errmsg, errsz, "%s: must be one JSON object", path);
		json_decref(part);
		return ERR_INVALID;
	}
	json_object_foreach(part, k, v) {
		if (json_object_get(cat, k)) {
			snprintf(errmsg, errsz, "%s: %s is defined twice", path, k);
			e = ERR_INVALID;
			break;
		}
		if (json_object_set(cat, k, v)) {
			e = ERR_NOMEM;
			break;
		}
	}
	json_decref(part);
	return e;
}

/* dir/<lang>/ *.json, in name order: each module's texts in a file of its own. */
static enum err merge_parts(json_t *cat, const char *dir, const char *lang, char *errmsg, size_t errsz)
{
	char pattern[1024];
	glob_t g;
	enum err e = ERR_OK;
	int rc;

	snprintf(pattern, sizeof(pattern), "%s/%s/*.json", dir, lang);
	rc = glob(pattern, 0, NULL, &g);
	if (rc == GLOB_NOMATCH)
		return ERR_OK;
	if (rc) {
		snprintf(errmsg, errsz, "%s: cannot list", pattern);
		return ERR_IO;
	}
	for (size_t i = 0; !e && i < g.gl_pathc; i++)
		e = merge_part(cat, g.gl_pathv[i], errmsg, errsz);
	globfree(&g);
	return e;
}

enum err i18n_load(struct i18n **out, const char *dir, char *errmsg, size_t errsz)
{
	struct i18n *c = calloc(1, sizeof(*c));
	enum err e = ERR_OK;

	*out = NULL;
	if (!c)
		return ERR_NOMEM;
	for (int i = 0; !e && i < NLANG; i++) {
		char path[1024];
		json_error_t jerr;
		const char *k;
		json_t *v;

		snprintf(path, sizeof(path), "%s/%s.json", dir, langs[i]);
		c->cat[i] = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
		if (!c->cat[i]) {
			snprintf(errmsg, errsz, "%s:%d: %s", path, jerr.line, jerr.text);
			e = ERR_INVALID;
			break;
		}
		if (!json_is_object(c->cat[i])) {
			snprintf(errmsg, errsz, "%s: must be one JSON object", path);
			e = ERR_INVALID;
			break;
		}
		e = merge_parts(c->cat[i], dir, langs[i], errmsg, errsz);
		if (e)
			break;
		json_object_foreach(c->cat[i], k, v) {
			if (!json_is_string(v) ||
			    !str_utf8_valid(json_string_value(v), json_string_length(v))) {
				snprintf(errmsg, errsz, "%s: %s must be a UTF-8 string", path, k);
				e = ERR_INVALID;
				break;
			}
		}
	}
	if (e) {
		i18n_free(c);
		return e;
	}
	pin_texts(c);
	*out = c;
	return ERR_OK;
}

void i18n_free(struct i18n *c)
{
	if (!c)
		return;
	for (int i = 0; i < NLANG; i++) {
		const char *k;
		json_t *v;
		void *tmp;
		/* A pinned text goes out of the object first, then is freed. */
		if (c->pinned) {
			json_object_foreach_safe(c->cat[i], tmp, k, v) {
				json_object_del(c->cat[i], k);
				jarena_unpin(v);
			}
		}
		json_decref(c->cat[i]);
	}
	free(c);
}

json_t *i18n_get_json(const struct i18n *c, const char *lang, const char *key)
{
	int i = i18n_lang_index(lang);
	json_t *v = NULL;

	if (!c)
		return NULL;
	if (i >= 0)
		v = json_object_get(c->cat[i], key);
	if (!v)
		v = json_object_get(c->cat[0], key);
	return v;
}

const char *i18n_get(const struct i18n *c, const char *lang, const char *key)
{
	json_t *v = i18n_get_json(c, lang, key);
	return v ? json_string_value(v) : NULL;
}

const char *i18n_pick_lang(const char *cookie_lang, const char *al)
{
	int best = -1;
	double best_q = 0.0;

	if (i18n_lang_index(cookie_lang) >= 0)
		return langs[i18n_lang_index(cookie_lang)];
	while (al && *al) {
		char tag[16];
		size_t n = 0;
		double q = 1.0;
		const char *end = strchr(al, ',');
		const char *semi;
		size_t len = end ? (size_t)(end - al) : strlen(al);

		while (len && (*al == ' ' || *al == '\t')) {
			al++;
			len--;
		}
		while (n < len && n < sizeof(tag) - 1 && al[n] != ';' && al[n] != '-' && al[n] != ' ') {
			char ch = al[n];
			tag[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
		}
		tag[n] = 0;
		semi = memchr(al, ';', len);
		if (semi) {
			const char *qs = strstr(semi, "q=");
			if (qs && qs < al + len) {
				char *endp;
				q = strtod(qs + 2, &endp);
				if (endp == qs + 2 || q < 0 || q > 1)
					q = 0;
			}
		}
		if (i18n_lang_index(tag) >= 0 && q > best_q) {
			best = i18n_lang_index(tag);
			best_q = q;
		}
		al = end ? end + 1 : NULL;
	}
	return best >= 0 ? langs[best] : "fi";
}

enum err i18n_check_complete(const struct i18n *c, char *errmsg, size_t errsz)
{
	for (int i = 0; i < NLANG; i++) {
		for (int j = 0; j < NLANG; j++) {
			const char *k;
			json_t *v;
			if (i == j)
				continue;
			json_object_foreach(c->cat[i], k, v) {
				if (!json_object_get(c->cat[j], k)) {
					snprintf(errmsg, errsz, "key %s is in %s.json but missing from %s.json",
						 k, langs[i], langs[j]);
					return ERR_INVALID;
				}
			}
		}
	}
	return ERR_OK;
}
