/*
 * deadline.h - legal clocks of a child welfare notification (Child Welfare
 * Act 26 §, Social Welfare Act 36 §).
 *
 * For a notification received on day R:
 *   decision_due   = the 7th working day after R (R itself is not counted):
 *                    whether to start a service-need assessment;
 *   assessment_due = R + 3 months (clamped to the month's last day: received
 *                    on 30 Nov -> end of February), moved to the next
 *                    working day when that is not a working day.
 */
#ifndef MAJAKKA_DEADLINE_H
#define MAJAKKA_DEADLINE_H

#include "core/workday.h"

#define DEADLINE_DECISION_WORKDAYS 7
#define DEADLINE_ASSESSMENT_MONTHS 3

enum err deadline_for_notification(struct date received, struct date *decision_due,
				   struct date *assessment_due);

#endif
