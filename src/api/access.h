/*
 * access.h - the gate in front of every handler that touches a person's
 * data: load the facts about the case or person, ask the policy, write the
 * access-log entry (allowed or denied, with its basis), answer 403/404 when
 * refused.  One call per object, so no handler can forget the log.
 */
#ifndef MAJAKKA_ACCESS_H
#define MAJAKKA_ACCESS_H

#include <stdbool.h>
#include <stdint.h>
#include "api/app.h"
#include "model/childcase.h"

/* May the principal do a on the case of child person child_id?  Fills *c.
 * Logs under log_action ("read", "update", ...).  Answers and returns false
 * when not. */
bool access_child(struct request *req, struct auth_state *as, int64_t child_id, enum action a,
		  const char *log_action, struct case_row *c);
/* The same by case id. */
bool access_case(struct request *req, struct auth_state *as, int64_t case_id, enum action a,
		 const char *log_action, struct case_row *c);
/* The same for any person (child, parent, close network). */
bool access_person(struct request *req, struct auth_state *as, int64_t person_id, enum action a,
		   const char *log_action, int64_t *case_id);
/* Log that the principal saw a list row of a child (basis from the list).
 * False when the request holds as many log rows as it may (4,096): the row
 * must then not be shown, and the request is answered with access_list_fail. */
bool access_log_list(struct request *req, const struct case_row *c, const char *basis);
/* Answer a request whose list of children is not shown: 422 when it was too
 * long to log (too_long), else error e.  The list rows it logged are taken
 * back first: nobody saw those children. */
void access_list_fail(struct request *req, enum err e, bool too_long);
/* The break-the-glass reason of this request (?break_glass= or form), or NULL. */
const char *access_break_glass(struct request *req);



/* Run fn on the writer connection together with this request's access-log
 * entries, in one transaction: the data and its log commit together or not
 * at all.  The entries are then no longer pending on the request. */
enum err access_write(struct request *req, enum err (*fn)(struct db *db, void *arg), void *arg);
#endif
