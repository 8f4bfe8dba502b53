/*
 * access.c - policy + access log in one step (see access.h).
 */
#include <string.h>
#include "api/access.h"
#include "api/render.h"
#include "audit/audit.h"
#include "core/str.h"

const char *access_break_glass(struct request *req)
{
	const char *r = request_query(req, "break_glass");
	if (!r)
		r = request_form(req, "break_glass");
	return r && *r ? r : NULL;
}

static bool decide(struct request *req, struct auth_state *as, enum err load, const struct policy_object *o,
		   enum action a, const char *log_action, int64_t person_id, int64_t case_id)
{
	struct decision d;
	struct audit_entry e;
	const char *bg = access_break_glass(req);

	if (load == ERR_NOT_FOUND) {
		render_error(req, ERR_NOT_FOUND, NULL);
		return false;
	}
	if (load) {
		render_error(req, load, NULL);
		return false;
	}
	d = policy_decide(&as->p, a, o, bg);
	audit_fill(req, &e, log_action, case_id ? "case" : "person", case_id ? case_id : person_id, &d);
	e.person_id = person_id;
	e.case_id = case_id;
	if (d.allow && !strcmp(d.basis, "break_glass"))
		str_lcpy(e.reason, bg, sizeof(e.reason));
	if (request_audit(req, &e)) {
		render_error(req, ERR_UNAVAILABLE, NULL);
		return false;
	}
	if (!d.allow) {
		struct field_error fe = { 0 };
		/* A worker of the same organisation may break the glass: say so. */
		if (as->p.kind == KIND_WORKER && as->p.role != ROLE_ADMIN && o->county_id == as->p.county_id)
			validate_fail(&fe, "break_glass", d.why ? d.why : "not_on_team",
				      "this child is not in your teams; to open it anyway give a reason"
				      " (at least %d characters) as break_glass: it is logged and reported",
				      POLICY_BREAK_GLASS_MIN);
		render_error(req, ERR_DENIED, fe.field ? &fe : NULL);
		return false;
	}
	return true;
}

bool access_case(struct request *req, struct auth_state *as, int64_t case_id, enum action a,
		 const char *log_action, struct case_row *c)
{
	struct db *db = app_db(req->app);
	struct policy_object o = { 0 };
	enum err e = db ? childcase_get(db, case_id, c) : ERR_UNAVAILABLE;

	if (!e)
		e = childcase_policy_facts(db, c, &as->p, &o);
	return decide(req, as, e, &o, a, log_action, e ? 0 : c->child_id, case_id);
}

bool access_child(struct request *req, struct auth_state *as, int64_t child_id, enum action a,
		  const char *log_action, struct case_row *c)
{
	struct db *db = app_db(req->app);
	struct policy_object o = { 0 };
	enum err e = db ? childcase_by_child(db, child_id, c) : ERR_UNAVAILABLE;

	if (!e)
		e = childcase_policy_facts(db, c, &as->p, &o);
	return decide(req, as, e, &o, a, log_action, child_id, e ? 0 : c->id);
}

bool access_person(struct request *req, struct auth_state *as, int64_t person_id, enum action a,
		   const char *log_action, int64_t *case_id)
{
	struct db *db = app_db(req->app);
	struct policy_object o = { 0 };
	enum err e = db ? person_policy_object(db, person_id, &as->p, &o, case_id) : ERR_UNAVAILABLE;

	return decide(req, as, e, &o, a, log_action, person_id, e ? 0 : *case_id);
}

bool access_log_list(struct request *req, const struct case_row *c, const char *basis)
{
	struct audit_entry e;
	struct decision d = { true, basis, NULL };
	audit_fill(req, &e, "list", "case", c->id, &d);
	e.person_id = c->child_id;
	e.case_id = c->id;
	return request_audit(req, &e) == ERR_OK;
}

void access_list_fail(struct request *req, enum err e, bool too_long)
{
	struct field_error fe = { 0 };
	size_t kept = 0;

	for (size_t i = 0; i < req->naudit; i++)
		if (strcmp(req->audit[i].action, "list"))
			req->audit[kept++] = req->audit[i];
	req->naudit = kept;
	if (!too_long) {
		render_error(req, e, NULL);
		return;
	}
	validate_fail(&fe, "list", "too_many_to_log",
		      "the list has more children than one answer may show and log (4,096):"
		      " GET /api/v1/children reads them a page at a time (team_id, limit, after)");
	render_error(req, ERR_INVALID, &fe);
}

struct write_job {
	struct request *req;
	enum err (*fn)(struct db *db, void *arg);
	void *arg;
};

static enum err write_run(struct db *db, void *arg)
{
	struct write_job *w = arg;
	enum err e = w->fn(db, w->arg);
	if (!e)
		e = audit_append(db, w->req->audit, w->req->naudit);
	return e;
}

enum err access_write(struct request *req, enum err (*fn)(struct db *db, void *arg), void *arg)
{
	struct app *app = req->app;
	struct write_job w = { req, fn, arg };
	enum err e = writer_run(app->writer, write_run, &w);
	if (!e)
		req->naudit = 0;
	return e;
}
