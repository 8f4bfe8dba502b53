/*
 * tagform.h - the tag form's recipients and its place on the child page.
 *
 * The tag form (templates/tag_form.html) stands on the consents page
 * (consent.c) and on the child page (children.c); its recipients are the
 * members with an account on the child's team today.  Kept apart from both
 * pages so that the child page does not depend on the consents page that
 * renders it again after a refused tag.
 */
#ifndef MAJAKKA_TAGFORM_H
#define MAJAKKA_TAGFORM_H

#include <jansson.h>
#include "api/app.h"

/* The members with an account on the case's team today, as the form's
 * checkboxes ({id, name, checked: false}), into *out. */
enum err tagform_recipients(struct request *req, int64_t case_id, json_t **out);

/* The tag form on the child page (prefix "ctag") into m.tag_form, for those
 * who may record about the child and see its team; nothing for JSON. */
enum err tagform_child_model(struct request *req, const struct access_answer *ans, json_t *m);

#endif
