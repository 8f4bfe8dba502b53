/*
 * tooldoor.c - the toolbox's door (see tooldoor.h).
 */
#include <stdio.h>
#include <string.h>
#include "model/tooldoor.h"

enum err tooldoor_open(struct access_ctx *ax, struct db *db, struct objref o, enum tool_part part, bool write,
		       const char *log_action, struct access_answer *ans, enum threehouses_filter *filter)
{
	enum err e = access_check(ax, db, o, write ? ACT_CLIENT_WRITE : ACT_CLIENT_READ, log_action, ans);

	*filter = THREEHOUSES_ALL;
	if (e || write)
		return e;
	if (part == TOOL_THREE_HOUSES && ans->d.audience == AUD_PARTNER) {
		/* The child's agreement decides, whatever a consent opens. */
		*filter = THREEHOUSES_PARTNERS;
		return ERR_OK;
	}
	if (part == TOOL_THREE_HOUSES && ans->d.audience == AUD_FAMILY) {
		*filter = strcmp(ans->d.basis, "self") ? THREEHOUSES_PARENTS : THREEHOUSES_ALL;
		return ERR_OK;
	}
	if (ans->d.fields & FIELD_TOOLBOX)
		return ERR_OK;
	/* The policy lets this reader open the child but not the toolbox: the
	 * entry access_check just added becomes the refusal it is. */
	ans->d.allow = false;
	ans->d.why = "toolbox_not_open";
	ans->d.fields = 0;
	if (ax->nlog) {
		struct audit_entry *le = &ax->log[ax->nlog - 1];
		le->outcome = "denied";
		snprintf(le->reason, sizeof(le->reason), "%s", ans->d.why);
	}
	return ERR_DENIED;
}
