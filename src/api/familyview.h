/*
 * familyview.h - the family view's part of the family portal (api/plan.c
 * family_me): the two slots, upcoming meetings and the Three Houses.
 */
#ifndef MAJAKKA_API_FAMILYVIEW_H
#define MAJAKKA_API_FAMILYVIEW_H

#include <jansson.h>
#include "api/app.h"

/* Fill the portal's child model m (borrowed) for child_id of case_id, which
 * the door has let this family member read: "meetings" (upcoming meetings
 * the family is invited to) and "three_houses" (the child's Three Houses as
 * the child agreed to show them; null when none).  The Three Houses go
 * through the toolbox door (model/tooldoor.h), which logs the read. */
enum err familyview_portal_slots(struct request *req, struct auth_state *a, int64_t child_id, int64_t case_id,
				 json_t *m);

#endif
