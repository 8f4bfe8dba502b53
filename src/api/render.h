/*
 * render.h - answer a request from a view model: the same json_t rendered
 * as JSON for the API or through a template, inside the page layout, for a
 * browser.  Also the one shape of error answers.
 */
#ifndef MAJAKKA_RENDER_H
#define MAJAKKA_RENDER_H

#include <jansson.h>
#include "api/app.h"
#include "model/policy.h"
#include "model/validate.h"

/* Answer with model (stolen: freed here).  JSON clients get the model as is;
 * browsers get template tmpl inside the layout with title_key as title. */
void render_view(struct request *req, int status, const char *tmpl, const char *title_key,
		 json_t *model);
/* Pages kept in memory (view/pagecache.h).  A page is kept for its session
 * and served to it again only for the same method, address and query,
 * language, format (JSON, HTML, htmx part), day, access decision (ans), and
 * while both generations (meta_generations) are still those this request
 * read: any change to what it shows or who may see it is a new key.
 * render_cached works the key out into *k once and answers from memory
 * (true) or leaves req alone (false); after the page was built under that
 * key, render_keep keeps a 200 answer, unless the model logged more than
 * the access check did (nlog_at_check: a->ax.nlog after it), since an
 * answer from memory writes only the check's entries. */
struct page_key {
	size_t len;           /* 0: this request has no key, nothing is kept */
	char s[1024];
};
bool render_cached(struct request *req, const struct access_answer *ans, struct page_key *k);
void render_keep(struct request *req, const struct page_key *k, size_t nlog_at_check);
/* JSON answer of any status (model stolen). */
void render_json(struct request *req, int status, json_t *model);
/* Error answer: {"error":{"code","field","reason","message"}} or an HTML
 * page saying the same.  fe may be NULL. */
void render_error(struct request *req, enum err e, const struct field_error *fe);
/* The message of fe in the request's language, naming the field as
 * label_key labels it on the page (NULL: "field.FIELD"): the label, then
 * the reason's text ("Päivä" + "ei voi olla tulevaisuudessa"); a reason
 * whose text is a sentence of its own (capitalised) stands alone.  Written
 * into out (always terminated). */
void render_field_message(struct request *req, const struct field_error *fe, const char *label_key,
			  char *out, size_t outsz);
/* Put fe (when set) into a form's model as error{field, field_label, message}. */
void render_form_error(struct request *req, json_t *model, const struct field_error *fe);
/* 303 See Other to path (browsers), or for htmx an HX-Redirect header. */
void render_redirect(struct request *req, const char *path);

/* Translated message for key in the request's language. */
const char *render_t(struct request *req, const char *key);
/* The choices of a <select> as [{value, label, selected}], labels from
 * prefix.value in the request's language.  The arrays are built once per
 * app, language and selection and shared read-only (a new reference). */
json_t *render_options(struct request *req, const char *const *values, const char *prefix, const char *selected);
struct option_cache *render_option_cache_new(void);
void render_option_cache_free(struct option_cache *c);

/* Translated label of a stable value: render_label(req, "role", "social_worker"). */
const char *render_label(struct request *req, const char *prefix, const char *value);
/* The same label as a jansson string for a view model (a new reference;
 * usually the catalog's shared, immortal string, never copied). */
json_t *render_label_json(struct request *req, const char *prefix, const char *value);

#endif
