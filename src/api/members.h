/*
 * members.h - the child's team: who may join (the add form's search).
 */
#ifndef MAJAKKA_API_MEMBERS_H
#define MAJAKKA_API_MEMBERS_H

#include <jansson.h>
#include <stdint.h>
#include "http/request.h"

/* {q, results: [{id, name, kind, role_label, organisation, teams, selected}],
 * none, err?: {id, message}} for the search q among county_id's workers and
 * partner professionals; NULL when storage failed.  New reference. */
json_t *member_search_json(struct request *req, int64_t county_id, const char *q);

#endif
