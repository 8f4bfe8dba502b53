/*
 * grants.c - the approver's side of "no self-granting" (model/grant.h): the
 * requests for client access a manager may decide, and their approval or
 * rejection, as JSON and from the forms of "my work".  Who may decide is the
 * model's answer; this file only asks and renders.
 */
#include <stdlib.h>
#include <string.h>
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/render.h"
#include "model/grant.h"
#include "view/jv.h"

#define GRANTS_SHOWN 200   /* open requests one answer lists */

json_t *grant_json(struct request *req, const struct grant_row *g)
{
	json_t *j = json_object(), *acc = json_object(), *unit = json_object(), *by = json_object();

	jv_set_int(j, "id", g->id);
	jv_set_int(acc, "id", g->account_id);
	jv_set_str(acc, "username", g->username);
	jv_set_str(acc, "display_name", g->display_name);
	jv_set_str(acc, "role", g->role);
	jv_set(acc, "role_label", render_label_json(req, "role", g->role));
	jv_set_str(acc, "title", g->title);
	jv_set(j, "account", acc);
	jv_set_int(unit, "id", g->team_id ? g->team_id : g->area_id);
	jv_set_str(unit, "name", g->unit_name);
	jv_set(j, g->team_id ? "team" : "area", unit);
	jv_set_bool(j, "lead", g->lead);
	jv_set_int(by, "id", g->requested_by);
	jv_set_str(by, "display_name", g->requested_by_name);
	jv_set(j, "requested_by", by);
	jv_set_str(j, "requested_at", g->requested_at);
	if (g->outcome[0]) {
		json_t *dec = json_object();
		jv_set_int(dec, "id", g->decided_by);
		jv_set_str(dec, "display_name", g->decided_by_name);
		jv_set(j, "decided_by", dec);
		jv_set_str(j, "decided_at", g->decided_at);
		jv_set_str(j, "outcome", g->outcome);
		jv_set_str(j, "note", g->note);
	} else {
		jv_set(j, "outcome", json_null());
	}
	return j;
}

struct grant_acc {
	struct request *req;
	json_t *arr;
};

static void grant_cb(void *ctx, const struct grant_row *g)
{
	struct grant_acc *acc = ctx;
	json_array_append_new(acc->arr, grant_json(acc->req, g));
}

json_t *grants_of_account(struct request *req, int64_t account_id)
{
	struct db *db = app_db(req->app);
	struct grant_acc acc = { req, json_array() };

	if (!db || grant_list_account(db, account_id, grant_cb, &acc)) {
		json_decref(acc.arr);
		return NULL;
	}
	return acc.arr;
}

json_t *grants_pending(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct grant_acc acc = { req, json_array() };

	if (!db || grant_list_pending(db, &a->p, GRANTS_SHOWN, grant_cb, &acc)) {
		json_decref(acc.arr);
		return NULL;
	}
	return acc.arr;
}

json_t *grants_waiting(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct grant_acc acc = { req, json_array() };

	if (!db || grant_list_waiting(db, a->p.county_id, GRANTS_SHOWN, grant_cb, &acc)) {
		json_decref(acc.arr);
		return NULL;
	}
	return acc.arr;
}

void grant_list_api(struct request *req, struct auth_state *a)
{
	json_t *arr = grants_pending(req, a);

	if (!arr) {
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	render_json(req, 200, json_pack("{s:o}", "grants", arr));
}

static void decide(struct request *req, struct auth_state *a, bool approve)
{
	static const char *const f[] = { "note", NULL };
	struct app *app = req->app;
	struct field_error fe = { 0 };
	struct grant_row *g = malloc(sizeof(*g));
	char *note = malloc(GRANT_NOTE_CHARS * 4 + 1);
	struct input in = { 0 };
	struct decision d = { 0 };
	const char *raw = NULL;
	enum err e = g && note ? input_init(&in, req, f, &fe) : ERR_NOMEM;

	if (!e)
		e = input_str(&in, "note", &raw, &fe);
	if (!e)
		e = grant_note(raw, note, GRANT_NOTE_CHARS * 4 + 1, &fe);
	if (!e)
		e = grant_decide(&a->ax, app_db(app), app->writer, req->param[0], approve, note, g, &d);
	if (e == ERR_DENIED) {
		/* The model has logged the refusal; say why. */
		const char *why = d.why ? d.why : "not_permitted";
		validate_fail(&fe, "grant", why, "%s",
			      !strcmp(why, "own_grant")
				      ? "you cannot decide on access that is yours or that you asked for:"
					" another manager responsible for the team decides"
				      : "only the lead of the team or the manager of its area decides on this access");
	} else if (e == ERR_CONFLICT) {
		validate_fail(&fe, "grant", "not_pending", "this request has been decided or withdrawn already");
	}
	if ((e == ERR_INVALID || e == ERR_CONFLICT || e == ERR_DENIED) && !req->wants_json && req->nform &&
	    !grant_get(app_db(app), req->param[0], g)) {
		/* The form pattern: the request again with the note as typed and
		 * what happened, at the top and next to the note. */
		static const struct form_field fields[] = { { "note", "grants.note" }, { NULL, NULL } };
		json_t *m = json_object(), *form = json_object();
		jv_set(m, "grant", grant_json(req, g));
		jv_set(m, "form", form);
		form_fail(req, m, form, "", fields, &fe);
		render_view(req, e == ERR_DENIED ? 403 : 422, "grant_decide", "grants.title", m);
	} else if (e)
		render_error(req, e == ERR_TOO_LARGE ? ERR_UNAVAILABLE : e, fe.field ? &fe : NULL);
	else if (req->wants_json)
		render_json(req, 200, json_pack("{s:o}", "grant", grant_json(req, g)));
	else
		render_redirect(req, "/");
	input_release(&in);
	free(note);
	free(g);
}

void grant_approve(struct request *req, struct auth_state *a)
{
	decide(req, a, true);
}

void grant_reject(struct request *req, struct auth_state *a)
{
	decide(req, a, false);
}
