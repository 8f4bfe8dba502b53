/*
 * notifications.c - child welfare notifications and their legal clocks
 * (received, urgency assessed, decision, assessment complete), and client
 * contacts to a team.
 */
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/children.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/render.h"
#include "core/str.h"
#include "model/notification.h"
#include "model/org.h"
#include "view/jv.h"

static json_t *notification_json(struct request *req, const struct notification_row *n)
{
	json_t *j = json_object();

	jv_set_int(j, "id", n->id);
	jv_set_int(j, "case_id", n->case_id);
	jv_set_int(j, "child_id", n->child_id);
	jv_set_str(j, "kind", n->kind);
	jv_set_str(j, "received_at", n->received_at);
	jv_set_str(j, "decision_due", n->decision_due);
	jv_set_str(j, "assessment_due", n->assessment_due);
	jv_set_str(j, "sender_type", n->sender_type);
	jv_set(j, "decision_clock", clock_status_json(req, "decision", n->decision_due, n->decision[0] != 0));
	jv_set(j, "assessment_clock",
	       clock_status_json(req, "assessment", n->assessment_due, n->assessment_done_at[0] != 0));
	return j;
}

static void answer(struct request *req, int64_t child_id, int status, int64_t nid)
{
	struct notification_row *n = malloc(sizeof(*n));
	if (req->wants_json) {
		if (n && !notification_get(app_db(req->app), nid, n)) {
			json_t *m = json_object();
			jv_set(m, "notification", notification_json(req, n));
			render_json(req, status, m);
		} else {
			render_error(req, ERR_UNAVAILABLE, NULL);
		}
	} else {
		char loc[64];
		snprintf(loc, sizeof(loc), "/children/%lld", (long long)child_id);
		render_redirect(req, loc);
	}
	free(n);
}

struct create_w {
	struct notification_row n;
	struct field_error *fe;
};

static enum err create_run(struct db *db, void *arg)
{
	struct create_w *w = arg;
	return notification_create(db, &w->n, w->fe);
}

void notification_create_api(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "child_id", "kind", "received_at", "sender_type", "sender_name", "text", NULL };
	struct field_error fe = { 0 };
	struct create_w *w = calloc(1, sizeof(*w));
	struct access_answer ans;
	struct input in = { 0 };
	int64_t child_id = req->nparam ? req->param[0] : 0;
	bool present = req->nparam > 0;
	enum err e;

	if (!w) {
		render_error(req, ERR_NOMEM, NULL);
		return;
	}
	w->fe = &fe;
	e = input_init(&in, req, f, &fe);
	if (!e && !req->nparam)
		e = input_int(&in, "child_id", &child_id, &present, &fe);
	if (!e && !present)
		e = validate_fail(&fe, "child_id", "required", "child_id is required");
	if (e) {
		render_error(req, e, &fe);
		goto out;
	}
	if (!access_child(req, a, child_id, ACT_CLIENT_WRITE, "create", &ans))
		goto out;
	{
		struct { const char *name; char *dst; size_t sz; } s[] = {
			{ "kind", w->n.kind, sizeof(w->n.kind) }, { "received_at", w->n.received_at, sizeof(w->n.received_at) },
			{ "sender_type", w->n.sender_type, sizeof(w->n.sender_type) },
			{ "sender_name", w->n.sender_name, sizeof(w->n.sender_name) }, { "text", w->n.text, sizeof(w->n.text) } };
		for (size_t i = 0; !e && i < sizeof(s) / sizeof(s[0]); i++) {
			e = input_copy(&in, s[i].name, s[i].dst, s[i].sz, &fe);
		}
	}
	w->n.case_id = ans.c.id;
	w->n.received_by = a->p.account_id;
	if (!e)
		e = access_write_req(req, create_run, w);
	if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nparam && req->nform)
		child_form_again(req, a, ans.c.child_id, CHILD_FORM_NOTIFICATION, 0, &fe);
	else if (e)
		render_error(req, e, &fe);
	else
		answer(req, ans.c.child_id, 201, w->n.id);
out:
	input_release(&in);
	free(w);
}

struct step_w {
	int64_t id, by;
	int what;
	const char *value, *date;
	struct field_error *fe;
};

static enum err step_run(struct db *db, void *arg)
{
	struct step_w *w = arg;
	switch (w->what) {
	case 0: return notification_set_urgency(db, w->id, w->value, w->by, w->fe);
	case 1: return notification_decide(db, w->id, w->value, w->date, w->by, w->fe);
	default: return notification_complete(db, w->id, w->date, w->fe);
	}
}

static void step(struct request *req, struct auth_state *a, int what)
{
	static const char *const f[] = { "urgency", "decision", "date", NULL };
	struct field_error fe = { 0 };
	struct step_w w = { .id = req->param[0], .by = a->p.account_id, .what = what, .fe = &fe };
	struct notification_row *n = malloc(sizeof(*n));
	struct access_answer ans;
	struct input in = { 0 };
	enum err e = n ? notification_get(app_db(req->app), w.id, n) : ERR_NOMEM;

	if (e) {
		render_error(req, e, NULL);
		free(n);
		return;
	}
	if (!access_case(req, a, n->case_id, ACT_CLIENT_WRITE, "update", &ans))
		goto out;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, what == 0 ? "urgency" : "decision", &w.value, &fe);
	if (!e) e = input_str(&in, "date", &w.date, &fe);
	if (!e) e = access_write_req(req, step_run, &w);
	if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform) {
		/* Taken already (another tab, a colleague): said as a sentence on the page. */
		if (fe.field && !strcmp(fe.field, "id"))
			validate_fail(&fe, "step", "step_taken", "this step of the notification has been recorded already");
		child_form_again(req, a, ans.c.child_id, CHILD_FORM_STEP, w.id, &fe);
	}
	else if (e)
		render_error(req, e, &fe);
	else
		answer(req, ans.c.child_id, 200, w.id);
out:
	input_release(&in);
	free(n);
}

void notification_urgency(struct request *req, struct auth_state *a) { step(req, a, 0); }
void notification_decision(struct request *req, struct auth_state *a) { step(req, a, 1); }
void notification_assessment(struct request *req, struct auth_state *a) { step(req, a, 2); }

struct contact_w {
	struct contact_new c;
	int64_t id;
	struct field_error *fe;
};

static enum err contact_run(struct db *db, void *arg)
{
	struct contact_w *w = arg;
	return contact_create(db, &w->c, &w->id, w->fe);
}

void contact_create_api(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "team_id", "child_id", "received_at", "channel", "first_response_at", "note", NULL };
	struct field_error fe = { 0 };
	struct contact_w w = { .fe = &fe };
	struct input in = { 0 };
	int64_t child_id = 0;
	bool present = false, has_child = false;
	enum err e = input_init(&in, req, f, &fe);

	if (!e) e = input_int(&in, "team_id", &w.c.team_id, &present, &fe);
	if (!e && !present)
		e = validate_fail(&fe, "team_id", "required", "team_id is required");
	if (!e) e = input_int(&in, "child_id", &child_id, &has_child, &fe);
	if (!e) e = input_str(&in, "received_at", &w.c.received_at, &fe);
	if (!e) e = input_str(&in, "channel", &w.c.channel, &fe);
	if (!e) e = input_str(&in, "first_response_at", &w.c.first_response_at, &fe);
	if (!e) e = input_str(&in, "note", &w.c.note, &fe);
	if (!e) {
		/* A contact is the team's client data: the door decides on the team. */
		struct decision d;
		enum err ae = access_team(&a->ax, app_db(req->app), w.c.team_id, ACT_CLIENT_WRITE, "team", NULL, &d);
		if (ae == ERR_DENIED || ae == ERR_NOT_FOUND)
			e = validate_fail(&fe, "team_id", "not_your_team", "record contacts for your own teams");
		else
			e = ae;
	}
	if (e) {
		render_error(req, e, &fe);
		goto out;
	}
	if (has_child) {
		struct access_answer ans;
		if (!access_child(req, a, child_id, ACT_CLIENT_WRITE, "update", &ans))
			goto out;
		w.c.case_id = ans.c.id;
	}
	w.c.answered_by = w.c.first_response_at && *w.c.first_response_at ? a->p.account_id : 0;
	e = access_write_req(req, contact_run, &w);
	if (e)
		render_error(req, e, &fe);
	else {
		json_t *m = json_object();
		jv_set_int(m, "contact_id", w.id);
		render_json(req, 201, m);
	}
out:
	input_release(&in);
}
