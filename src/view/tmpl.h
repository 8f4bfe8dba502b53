/*
 * tmpl.h - logic-less HTML templates with automatic escaping (a Mustache
 * subset), compiled once at load into a node tree; rendering never parses.
 *
 *   {{name}} {{a.b}} {{.}}   the value, HTML-escaped (numbers and booleans
 *                            printed, null or missing = nothing)
 *   {{#name}}..{{/name}}     section: once per array element (pushed as the
 *                            context), once with an object pushed, once for a
 *                            truthy scalar; nothing for false/null/missing,
 *                            empty array, "" or 0
 *   {{^name}}..{{/name}}     inverted: when the section would render nothing
 *   {{>partial}}             another template of the set, same context
 *   {{!comment}}             nothing
 *   {{t:key}}                the translation of key (escaped)
 *   {{t:key name}}           translation with "{}" replaced by the escaped name
 *   {{d:name}}               an ISO date or time shown the local way
 *                            (fi 24.11.2026 klo 9.30, sv kl., en ISO)
 *   {{&name}}                UNESCAPED.  Only for markup the server made
 *                            itself (SVG, rendered pages); never for anything
 *                            a user typed.
 *
 * Names are looked up from the innermost context outwards.  A template set
 * is read-only after loading and may be rendered from many threads at once.
 */
#ifndef MAJAKKA_TMPL_H
#define MAJAKKA_TMPL_H

#include <jansson.h>
#include <stdbool.h>
#include "core/buf.h"
#include "core/err.h"

struct tmpl_set;
struct i18n;

/* An empty set using cat for {{t:...}} (cat may be NULL: keys shown).  The
 * texts are looked up and escaped when a template is added, so cat must stay
 * loaded and unchanged while the set lives. */
struct tmpl_set *tmpl_set_new(const struct i18n *cat);
/* Load every *.html file of dir; the name is the file name without .html.
 * Syntax errors: ERR_INVALID with errmsg "file:line: what". */
enum err tmpl_set_load(struct tmpl_set **out, const char *dir, const struct i18n *cat,
		       char *errmsg, size_t errsz);
/* Compile text as template name (replacing one of the same name). */
enum err tmpl_set_add(struct tmpl_set *set, const char *name, const char *text,
		      char *errmsg, size_t errsz);
void tmpl_set_free(struct tmpl_set *set);
bool tmpl_exists(const struct tmpl_set *set, const char *name);
/* Render name with ctx in lang into out.  ERR_NOT_FOUND for an unknown
 * template, ERR_TOO_LARGE when out reaches its maximum. */
enum err tmpl_render(const struct tmpl_set *set, const char *name, json_t *ctx,
		     const char *lang, struct buf *out);

/* The same, but {{&slot}} (a raw tag with exactly that name) calls
 * slot_fn(out, slot_arg), which appends to out: a layout renders the page
 * inside it straight into out, without copying the page through a value. */
enum err tmpl_render_slot(const struct tmpl_set *set, const char *name, json_t *ctx, const char *lang,
			  struct buf *out, const char *slot, enum err (*slot_fn)(struct buf *out, void *arg),
			  void *slot_arg);

/* Format "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or a UTC "...Z" timestamp for
 * lang into out; anything else is copied as is. */
void tmpl_format_date(const char *s, const char *lang, char *out, size_t outsz);

#endif
