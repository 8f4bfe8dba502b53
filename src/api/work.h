/*
 * work.h - team work view pieces shared with the team page.
 */
#ifndef MAJAKKA_WORK_H
#define MAJAKKA_WORK_H

#include <jansson.h>
#include <stdbool.h>
#include "api/app.h"
#include "api/summary.h"
#include "model/org.h"

/* Add the team's children, caseloads, response times and clocks to m when
 * the principal may see the team's clients: ERR_OK; ERR_DENIED when not
 * allowed; ERR_INVALID when the team has more children than one answer may
 * log; the storage's error when a part cannot be read.  On an error other
 * than ERR_DENIED the caller answers with access_list_fail(req, e,
 * e == ERR_INVALID), which takes back the list rows it logged. */
enum err team_work_model(struct request *req, struct auth_state *a, const struct team_row *t, json_t *m);
/* The cases of the rows a list showed (owned by the caller; free ids). */
struct case_ids {
	int64_t *ids;
	size_t n, cap;
};
/* Open clocks due within a week, and overdue: {overdue, today, this_week};
 * NULL when they cannot be read (never a list that only looks empty).
 * account_id > 0: the cases whose child's team the account sits on, and of
 * them only those in only (the rows the access layer let into the list). */
json_t *clocks_model(struct request *req, int64_t county_id, int64_t account_id, int64_t team_id,
		     const struct case_ids *only);

#endif
