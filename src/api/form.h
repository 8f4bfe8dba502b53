/*
 * form.h - the one pattern every HTML form follows when what was sent is
 * refused: the same page comes back (422) with everything typed kept, the
 * message next to its field in the reader's language, the field marked
 * aria-invalid and described by the message, and a summary at the top
 * linking to the field (docs/VIEWS.md, "Forms").
 *
 * In the view model a form has a state object F (e.g. "journal_form"):
 *   F.v.NAME      the value shown in field NAME: the default when the page is
 *                 first shown, what was typed when it comes back
 *   F.err.NAME    {id, message, first} when field NAME is to be fixed
 *   F.invalid     true when the form came back (opens its <details>)
 * and the page has "form_summary" {items: [{href, message}]}, which
 * templates/form_summary.html shows at the top.  The input of field NAME
 * has the id PREFIX-NAME (just NAME when the handler gives the prefix ""),
 * its message the id PREFIX-NAME-err; templates/field_aria.html and
 * templates/field_error.html are the markup around each field.
 */
#ifndef MAJAKKA_FORM_H
#define MAJAKKA_FORM_H

#include <jansson.h>
#include "http/request.h"
#include "model/validate.h"

/* A field the form shows: its name and the i18n key of its label on the
 * page (NULL: "field.NAME").  Arrays end with { NULL, NULL }. */
struct form_field {
	const char *name;
	const char *label;
};

/* Put the state after fe into the form's object form (borrowed) of the page
 * model page (borrowed): every posted field but csrf and password into
 * form.v, fe's message into form.err.FIELD when the form has that field,
 * and the summary into page.form_summary (its link only to a field the form
 * has).  fields lists the form's fields; prefix their ids' prefix. */
void form_fail(struct request *req, json_t *page, json_t *form, const char *prefix,
	       const struct form_field *fields, const struct field_error *fe);

/* The choices arr (borrowed, the page's own, not a shared render_options
 * array) with "selected" true on the element whose key equals value (a
 * string or integer compared as text), false on the others. */
void form_select(json_t *arr, const char *key, const char *value);

/* What was posted in field name, or "" (for a kept <select>). */
const char *form_posted(struct request *req, const char *name);

#endif
