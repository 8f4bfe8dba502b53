/*
 * deadline.c - the notification clocks (see deadline.h).
 */
#include "model/deadline.h"

enum err deadline_for_notification(struct date received, struct date *decision_due,
				   struct date *assessment_due)
{
	if (!date_valid(received))
		return ERR_INVALID;
	*decision_due = workday_add(received, DEADLINE_DECISION_WORKDAYS);
	*assessment_due = workday_next_or_same(date_add_months(received, DEADLINE_ASSESSMENT_MONTHS));
	return ERR_OK;
}
