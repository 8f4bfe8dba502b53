/*
 * access.h - the HTTP side of the access layer (model/access.h): ask the
 * door for this request's principal and turn a refusal into its answer
 * (403 with what to do, 404, 503).  No access rule lives here.
 */
#ifndef MAJAKKA_API_ACCESS_H
#define MAJAKKA_API_ACCESS_H

#include <stdbool.h>
#include <stdint.h>
#include "api/app.h"
#include "model/access.h"

/* May the principal do a on the object?  Fills *ans (the case, the decision
 * with its fields).  Logged under log_action.  Answers and returns false
 * when not. */
bool access_child(struct request *req, struct auth_state *as, int64_t child_id, enum action a,
		  const char *log_action, struct access_answer *ans);
bool access_case(struct request *req, struct auth_state *as, int64_t case_id, enum action a,
		 const char *log_action, struct access_answer *ans);
bool access_person(struct request *req, struct auth_state *as, int64_t person_id, enum action a,
		   const char *log_action, struct access_answer *ans);
/* Answer the door's answer e (from access_multiagency and the like): true
 * when allowed, else the refusal is answered (403, 404, 503) and false. */
bool access_check_answer(struct request *req, struct auth_state *as, enum err e, const struct access_answer *ans);
/* Answer e from a check of the door made elsewhere (model/tooldoor.h): true
 * when e is ERR_OK, else the refusal (as access_child answers it) and false. */
bool access_answer_req(struct request *req, struct auth_state *as, enum err e, const struct access_answer *ans);
/* Answer a request whose list of children is not shown: 422 when it was too
 * long to log (too_long), else error e.  The list rows it logged are taken
 * back first: nobody saw those children. */
void access_list_fail(struct request *req, enum err e, bool too_long);
/* Run fn with this request's pending log entries in one transaction. */
enum err access_write_req(struct request *req, enum err (*fn)(struct db *db, void *arg), void *arg);
/* access_child, and the answer must include the fields need (model's
 * access_check_fields): refused and logged as refused when it does not. */
bool access_child_fields(struct request *req, struct auth_state *as, int64_t child_id, enum action a,
			 unsigned need, const char *log_action, struct access_answer *ans);

#endif
