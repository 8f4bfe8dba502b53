/*
 * children.h - view pieces shared by the child, work and team pages.
 */
#ifndef MAJAKKA_CHILDREN_H
#define MAJAKKA_CHILDREN_H

#include <jansson.h>
#include <stdbool.h>
#include "api/app.h"
#include "model/childcase.h"

/* {kind, kind_label, due, status (overdue|today|this_week|later|met), days_left, overdue} */
json_t *clock_status_json(struct request *req, const char *kind, const char *due, bool done);
/* One row of a children list. */
json_t *case_summary_json(struct request *req, const struct case_row *c);
/* The whole child page model (NULL when the child cannot be read). */
json_t *child_model(struct request *req, struct auth_state *a, const struct case_row *c);

#endif
