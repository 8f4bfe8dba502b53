/*
 * meeting_questions.h - the administrator's page of the questions always
 * asked (api/meeting_questions.c): the page a refused form comes back to.
 */
#ifndef MAJAKKA_API_MEETING_QUESTIONS_H
#define MAJAKKA_API_MEETING_QUESTIONS_H

#include <stdint.h>
#include "api/app.h"
#include "model/validate.h"

/* The page again, 422, with the add form (id 0) or question id's form
 * holding what was posted and fe's message next to its field. */
void meeting_questions_again(struct request *req, struct auth_state *a, int64_t id, const struct field_error *fe);

#endif
