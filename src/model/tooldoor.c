/*
 * tooldoor.c - the toolbox's door (see tooldoor.h).
 */
#include <stdio.h>
#include <string.h>
#include "model/tooldoor.h"

enum err tooldoor_open(struct access_ctx *ax, struct db *db, struct objref o, enum tool_part part, bool write,
		       const char *log_action, struct access_answer *ans, enum threehouses_filter *filter)
{
	/* The Three Houses are the child's: the child's agreement, not the
	 * toolbox field, decides what a partner or the family sees of them.
	 * Every other part needs the toolbox field, refused and logged as
	 * such by the door itself. */
	unsigned need = write || part == TOOL_THREE_HOUSES ? 0 : FIELD_TOOLBOX;
	enum err e = access_check_fields(ax, db, o, write ? ACT_CLIENT_WRITE : ACT_CLIENT_READ, need, log_action, ans);

	*filter = THREEHOUSES_ALL;
	if (e || write || part != TOOL_THREE_HOUSES)
		return e;
	if (ans->d.audience == AUD_PARTNER)
		*filter = THREEHOUSES_PARTNERS;
	else if (ans->d.audience == AUD_FAMILY)
		*filter = strcmp(ans->d.basis, "self") ? THREEHOUSES_PARENTS : THREEHOUSES_ALL;
	else if (!(ans->d.fields & FIELD_TOOLBOX))
		*filter = THREEHOUSES_PARTNERS;  /* no audience reads more than what the child shared */
	return ERR_OK;
}
