/*
 * work.h - team work view pieces shared with the team page.
 */
#ifndef MAJAKKA_WORK_H
#define MAJAKKA_WORK_H

#include <jansson.h>
#include <stdbool.h>
#include "api/app.h"
#include "model/org.h"

/* Add the team's children, caseloads, response times and clocks to m when
 * the principal may see the team's clients: ERR_OK; ERR_DENIED when not
 * allowed; ERR_INVALID when the team has more children than one answer may
 * log; the storage's error when a part cannot be read.  On an error other
 * than ERR_DENIED the caller answers with access_list_fail(req, e,
 * e == ERR_INVALID), which takes back the list rows it logged. */
enum err team_work_model(struct request *req, struct auth_state *a, const struct team_row *t, json_t *m);
/* Open clocks due within a week, and overdue: {overdue, today, this_week};
 * NULL when they cannot be read (never a list that only looks empty). */
json_t *clocks_model(struct request *req, int64_t county_id, int64_t account_id, int64_t team_id);

#endif
