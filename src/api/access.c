/*
 * access.c - the HTTP side of the access layer (see access.h).
 */
#include <string.h>
#include "api/access.h"
#include "api/render.h"
#include "model/breakglass.h"

static bool answer(struct request *req, struct auth_state *as, enum err e, const struct access_answer *ans)
{
	struct field_error fe = { 0 };

	if (!e)
		return true;
	if (e != ERR_DENIED) {
		render_error(req, e == ERR_TOO_LARGE ? ERR_UNAVAILABLE : e, NULL);
		return false;
	}
	/* A worker who may break the glass is told how. */
	if (ans->case_id && !strcmp(ans->d.why ? ans->d.why : "", "not_on_team") &&
	    as->p.kind == KIND_WORKER && principal_has_client_access(&as->p))
		validate_fail(&fe, "break_glass", "not_on_team",
			      "this child is not in your teams; to read the case anyway POST a reason"
			      " (at least %d characters) to /api/v1/children/%lld/break-glass:"
			      " it is logged and reported",
			      BREAKGLASS_REASON_MIN, (long long)ans->c.child_id);
	else if (ans->d.why && !strcmp(ans->d.why, "break_glass_read_only"))
		validate_fail(&fe, "break_glass", "read_only",
			      "break-the-glass lets you read this case, not change it: ask its team");
	render_error(req, ERR_DENIED, fe.field ? &fe : NULL);
	return false;
}

static bool check(struct request *req, struct auth_state *as, struct objref o, enum action a,
		  const char *log_action, struct access_answer *ans)
{
	enum err e = access_check(&as->ax, app_db(req->app), o, a, log_action, ans);
	return answer(req, as, e, ans);
}

bool access_child(struct request *req, struct auth_state *as, int64_t child_id, enum action a,
		  const char *log_action, struct access_answer *ans)
{
	return check(req, as, (struct objref){ OBJ_CHILD, child_id }, a, log_action, ans);
}

bool access_case(struct request *req, struct auth_state *as, int64_t case_id, enum action a,
		 const char *log_action, struct access_answer *ans)
{
	return check(req, as, (struct objref){ OBJ_CASE, case_id }, a, log_action, ans);
}

bool access_person(struct request *req, struct auth_state *as, int64_t person_id, enum action a,
		   const char *log_action, struct access_answer *ans)
{
	return check(req, as, (struct objref){ OBJ_PERSON, person_id }, a, log_action, ans);
}

void access_list_fail(struct request *req, enum err e, bool too_long)
{
	struct auth_state *as = req->auth;
	struct field_error fe = { 0 };

	access_log_drop(&as->ax, "list");
	if (!too_long) {
		render_error(req, e, NULL);
		return;
	}
	validate_fail(&fe, "list", "too_many_to_log",
		      "the list has more children than one answer may show and log (4,096):"
		      " GET /api/v1/children reads them a page at a time (team_id, limit, after)");
	render_error(req, ERR_INVALID, &fe);
}

enum err access_write_req(struct request *req, enum err (*fn)(struct db *db, void *arg), void *arg)
{
	struct auth_state *as = req->auth;
	return access_write(&as->ax, req->app ? ((struct app *)req->app)->writer : NULL, fn, arg);
}

bool access_child_fields(struct request *req, struct auth_state *as, int64_t child_id, enum action a,
			 unsigned need, const char *log_action, struct access_answer *ans)
{
	enum err e = access_check_fields(&as->ax, app_db(req->app), (struct objref){ OBJ_CHILD, child_id }, a, need,
					 log_action, ans);
	return answer(req, as, e, ans);
}

bool access_answer_req(struct request *req, struct auth_state *as, enum err e, const struct access_answer *ans)
{
	return answer(req, as, e, ans);
}

bool access_check_answer(struct request *req, struct auth_state *as, enum err e, const struct access_answer *ans)
{
	return answer(req, as, e, ans);
}
