/*
 * summary.h - view pieces shared by many pages (see summary.c).
 */
#ifndef MAJAKKA_SUMMARY_H
#define MAJAKKA_SUMMARY_H

#include <jansson.h>
#include <stdbool.h>
#include "api/app.h"
#include "model/childcase.h"
#include "model/org.h"

/* {kind, kind_label, due, status (overdue|today|this_week|later|met), days_left, overdue} */
json_t *clock_status_json(struct request *req, const char *kind, const char *due, bool done);
/* One row of a children list: the fields (enum field bits) this reader may see. */
json_t *case_summary_json(struct request *req, const struct case_row *c, unsigned fields);
/* A team and its contact card ("three numbers on one card"): id, area,
 * name, kind, phones, hours, email, members.  Organisation data, which
 * every logged-in user may read. */
json_t *team_json(struct request *req, const struct team_row *t);

#endif
