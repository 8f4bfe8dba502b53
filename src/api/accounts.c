/*
 * accounts.c - account administration (API and pages).  Only ACT_ACCOUNT_ADMIN
 * (administrators) gets here; administrators manage accounts of their own
 * organisation and see no client data.
 *
 * No self-granting (model/grant.h): the teams and the manager's area the
 * administrator gives become requests that a manager responsible for the
 * unit approves; the answers list them as pending_grants.  Taking a team
 * away is immediate.
 */
#include <string.h>
#include "api/handlers.h"
#include "api/input.h"
#include "api/form.h"
#include "api/render.h"
#include "auth/password.h"
#include "auth/session.h"
#include "core/str.h"
#include "model/account.h"
#include "model/grant.h"
#include "model/org.h"
#include "model/role.h"
#include "view/jv.h"

#define MAX_TEAMS PRINCIPAL_MAX_TEAMS

/* {"account": j}, j stolen. */
static json_t *account_answer(json_t *j)
{
	json_t *m = json_object();
	jv_set(m, "account", j);
	return m;
}

static json_t *account_json(struct request *req, const struct account_row *r)
{
	json_t *j = json_object();

	jv_set_int(j, "id", r->id);
	jv_set_str(j, "username", r->username);
	jv_set_str(j, "display_name", r->display_name);
	jv_set_str(j, "kind", r->kind);
	jv_set_str(j, "role", r->role);
	jv_set(j, "role_label", render_label_json(req, "role", r->role));
	jv_set_str(j, "title", r->title);
	jv_set_str(j, "organisation", r->organisation);
	jv_set_bool(j, "active", r->active);
	jv_set_str(j, "teams_text", r->teams);
	jv_set_str(j, "pending_text", r->pending);
	jv_set_str(j, "created_at", r->created_at);
	jv_set_str(j, "updated_at", r->updated_at);
	if (r->area_id) {
		jv_set_int(j, "area_id", r->area_id);
		jv_set_bool(j, "area_approved", r->area_approved);
		jv_set_bool(j, "area_pending", !strcmp(r->role, "manager") && !r->area_approved);
	}
	return j;
}

/* {"account": the account, "pending_grants": its open requests}; NULL when
 * the requests cannot be read. */
static json_t *account_answer_full(struct request *req, const struct account_row *r)
{
	json_t *pending = grants_of_account(req, r->id), *m;

	if (!pending)
		return NULL;
	m = account_answer(account_json(req, r));
	jv_set(m, "pending_grants", pending);
	return m;
}

struct list_acc {
	struct request *req;
	json_t *arr;
	int64_t county_id;
};

static void list_cb(void *ctx, const struct account_row *r)
{
	struct list_acc *l = ctx;
	if (l->county_id && r->county_id && r->county_id != l->county_id)
		return;
	json_array_append_new(l->arr, account_json(l->req, r));
}

void account_list_view(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct list_acc l = { .req = req, .arr = json_array(), .county_id = a->p.county_id };
	enum err e = db ? account_list(db, list_cb, &l) : ERR_UNAVAILABLE;
	json_t *m;

	if (e) {
		json_decref(l.arr);
		render_error(req, e, NULL);
		return;
	}
	m = json_object();
	jv_set(m, "accounts", l.arr);
	render_view(req, 200, "accounts", "accounts.title", m);
}

struct team_opts {
	struct request *req;
	json_t *arr;
	const int64_t *selected;
	int nselected;
	json_t *pending;      /* the account's open requests, or NULL */
};

static void team_opt_cb(void *ctx, const struct team_row *t)
{
	struct team_opts *o = ctx;
	json_t *j = json_object();
	bool sel = false;
	bool pending = false;
	size_t k;
	json_t *g;
	for (int i = 0; i < o->nselected; i++)
		if (o->selected[i] == t->id)
			sel = true;
	json_array_foreach(o->pending, k, g) {
		json_t *team = json_object_get(g, "team");
		if (team && json_integer_value(json_object_get(team, "id")) == t->id)
			pending = true;
	}
	jv_set_int(j, "id", t->id);
	jv_set_str(j, "name", t->name);
	jv_set_str(j, "area", t->area_name);
	jv_set_bool(j, "selected", sel || pending);
	jv_set_bool(j, "pending", pending);
	json_array_append_new(o->arr, j);
}

struct area_opts {
	json_t *arr;
	int64_t selected;
};

static void area_opt_cb(void *ctx, const struct area_row *r)
{
	struct area_opts *o = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_str(j, "name", r->name);
	jv_set_bool(j, "selected", r->id == o->selected);
	json_array_append_new(o->arr, j);
}

/* The account form's fields (form.h).  What was typed comes back through
 * the account itself (read_account reads it over the row), the password
 * never. */
static const struct form_field account_form_fields[] = {
	{ "username", NULL }, { "display_name", NULL }, { "role", NULL }, { "title", NULL },
	{ "organisation", NULL }, { "area_id", NULL }, { "team_ids", NULL }, { "active", NULL },
	{ "password", NULL }, { NULL, NULL } };

/* The edit form's model: the account, role choices, teams and areas; with
 * fe, as sent with fe next to its field. */
static json_t *form_model(struct request *req, struct auth_state *a, const struct account_row *r,
			  const int64_t *teams, int nteams, const struct field_error *fe)
{
	struct db *db = app_db(req->app);
	json_t *pending = r->id ? grants_of_account(req, r->id) : NULL;
	struct team_opts to = { req, json_array(), teams, nteams, pending };
	struct area_opts ao = { json_array(), r->area_id };
	json_t *roles = json_array(), *m;

	for (int i = 0; i < ROLE__COUNT; i++) {
		json_t *j = json_object();
		jv_set_str(j, "value", role_name((enum role)i));
		jv_set(j, "label", render_label_json(req, "role", role_name((enum role)i)));
		jv_set_bool(j, "selected", !strcmp(r->role, role_name((enum role)i)));
		json_array_append_new(roles, j);
	}
	if (db) {
		org_list_teams(db, a->p.county_id, team_opt_cb, &to);
		if (a->p.county_id)
			org_list_areas(db, a->p.county_id, area_opt_cb, &ao);
	}
	m = json_object();
	jv_set(m, "account", account_json(req, r));
	jv_set(m, "roles", roles);
	jv_set(m, "teams", to.arr);
	jv_set(m, "areas", ao.arr);
	jv_set_bool(m, "is_new", r->id == 0);
	json_decref(pending);
	if (fe) {
		json_t *form = json_object();
		jv_set(m, "form", form);
		form_fail(req, m, form, "", account_form_fields, fe);
	}
	return m;
}

void account_view(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct account_row r;
	int64_t teams[MAX_TEAMS];
	int n = 0;
	enum err e = db ? account_get(db, req->param[0], &r) : ERR_UNAVAILABLE;

	if (!e && a->p.county_id && r.county_id && r.county_id != a->p.county_id)
		e = ERR_NOT_FOUND;
	if (!e)
		e = account_team_ids(db, r.id, teams, NULL, MAX_TEAMS, &n);
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	if (req->wants_json) {
		json_t *ids = json_array(), *m = account_answer_full(req, &r);
		if (!m) {
			json_decref(ids);
			render_error(req, ERR_UNAVAILABLE, NULL);
			return;
		}
		for (int i = 0; i < n; i++)
			json_array_append_new(ids, json_integer(teams[i]));
		jv_set(json_object_get(m, "account"), "team_ids", ids);
		render_json(req, 200, m);
		return;
	}
	render_view(req, 200, "account_edit", "accounts.edit_title", form_model(req, a, &r, teams, n, NULL));
}

/* ---- create and update ------------------------------------------------- */

static const char *const account_fields[] = { "username", "display_name", "role", "title",
	"organisation", "area_id", "password", "team_ids", "active", NULL };

struct account_write {
	const struct access_ctx *ax;
	struct audit_entry entry;   /* the create or update, logged once the id is known */
	struct account_row r;
	char hash[PASSWORD_HASH_MAX];
	bool set_password;
	bool set_teams;
	int64_t teams[MAX_TEAMS];
	int nteams;
	bool create;
	struct field_error *fe;
};

static enum err account_write_run(struct db *db, void *arg)
{
	struct account_write *w = arg;
	enum err e = w->create ? account_create(db, &w->r, w->hash, w->fe) : account_update(db, &w->r, w->fe);

	if (!e && w->set_password && !w->create)
		e = account_set_password_hash(db, w->r.id, w->hash);
	if (!e && (w->set_password || !w->r.active) && !w->create)
		e = session_end_account(db, w->r.id);
	if (!e) {
		w->entry.object_id = w->r.id;
		e = access_append(db, &w->entry);
	}
	/* Teams and a manager's area: requests, approved by someone else. */
	if (!e && w->set_teams)
		e = grant_set_teams(db, w->ax, w->r.id, w->r.county_id, w->teams, w->nteams, w->fe);
	if (!e)
		e = grant_sync_area(db, w->ax, w->r.id, w->fe);
	return e;
}

/* Read the fields present in the input over w->r. */
static enum err read_account(struct request *req, struct input *in, struct account_write *w,
			     struct field_error *fe)
{
	struct { const char *name; char *dst; size_t sz; } f[] = {
		{ "username", w->r.username, sizeof(w->r.username) },
		{ "display_name", w->r.display_name, sizeof(w->r.display_name) },
		{ "role", w->r.role, sizeof(w->r.role) },
		{ "title", w->r.title, sizeof(w->r.title) },
		{ "organisation", w->r.organisation, sizeof(w->r.organisation) },
	};
	const char *pw = NULL, *why = NULL;
	bool present;
	int64_t area;
	enum err e = ERR_OK;
	(void)req;

	for (size_t i = w->create ? 0 : 1; !e && i < sizeof(f) / sizeof(f[0]); i++) {
		e = input_copy(in, f[i].name, f[i].dst, f[i].sz, fe);
	}
	if (!e)
		e = input_int(in, "area_id", &area, &present, fe);
	if (!e && present)
		w->r.area_id = area;
	if (!e) {
		bool active;
		e = input_bool(in, "active", &active, &present, fe);
		if (!e && present)
			w->r.active = active;
		else if (!e && !in->json && !w->create)
			w->r.active = false;  /* an unchecked box is not sent by a form */
	}
	if (!e)
		e = input_str(in, "password", &pw, fe);
	if (!e && pw && *pw) {
		if (!password_policy_check(pw, &why))
			return validate_fail(fe, "password", why,
					     "password must be 12-256 characters and not a single repeated character");
		if (password_hash(pw, w->hash))
			return ERR_NOMEM;
		w->set_password = true;
	} else if (!e && w->create) {
		return validate_fail(fe, "password", "required", "password is required for a new account");
	}
	if (!e) {
		bool has_list = in->json ? json_object_get(in->json, "team_ids") != NULL : true;
		e = input_int_list(in, "team_ids", w->teams, MAX_TEAMS, &w->nteams, fe);
		w->set_teams = has_list;
	}
	return e;
}

static enum err save_account(struct request *req, struct auth_state *a, struct account_write *w)
{
	struct app *app = req->app;
	struct decision d = { true, AUD_ADMIN, 0, "admin", NULL };

	if (!w->r.county_id)
		w->r.county_id = a->p.county_id;
	w->ax = &a->ax;
	access_entry(&a->ax, &w->entry, w->create ? "create" : "update", "account", w->r.id, &d);
	return access_write(&a->ax, app->writer, account_write_run, w);
}

/* The account as saved, with its open requests. */
static void answer_saved(struct request *req, struct account_write *w, int status)
{
	struct db *db = app_db(req->app);
	json_t *m = NULL;
	enum err e = db ? account_get(db, w->r.id, &w->r) : ERR_UNAVAILABLE;

	if (!e && !(m = account_answer_full(req, &w->r)))
		e = ERR_UNAVAILABLE;
	if (e) {
		/* Saved, but not readable now: say so rather than guess. */
		render_error(req, e, NULL);
		return;
	}
	render_json(req, status, m);
}

void account_create_api(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct account_write w = { .create = true, .fe = &fe };
	struct input in;
	enum err e = input_init(&in, req, account_fields, &fe);

	w.r.active = true;
	if (!e)
		e = read_account(req, &in, &w, &fe);
	if (!e)
		e = save_account(req, a, &w);
	input_release(&in);
	if (e) {
		render_error(req, e, &fe);
		return;
	}
	answer_saved(req, &w, 201);
}

static enum err load_for_update(struct request *req, struct auth_state *a, struct account_write *w)
{
	struct db *db = app_db(req->app);
	enum err e = db ? account_get(db, req->param[0], &w->r) : ERR_UNAVAILABLE;
	if (!e && a->p.county_id && w->r.county_id && w->r.county_id != a->p.county_id)
		e = ERR_NOT_FOUND;
	return e;
}

void account_update_api(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct account_write w = { .fe = &fe };
	struct input in = { 0 };
	enum err e = load_for_update(req, a, &w);

	if (!e)
		e = input_init(&in, req, account_fields + 1, &fe);
	if (!e)
		e = read_account(req, &in, &w, &fe);
	if (!e && w.r.id == a->p.account_id && !w.r.active)
		e = validate_fail(&fe, "active", "self", "you cannot deactivate your own account");
	if (!e)
		e = save_account(req, a, &w);
	input_release(&in);
	if (e) {
		render_error(req, e, &fe);
		return;
	}
	answer_saved(req, &w, 200);
}

struct member_write {
	const struct access_ctx *ax;
	int64_t account_id, team_id;
	bool lead, add;
	int64_t grant_id;     /* the request made, or 0 */
};

static enum err member_run(struct db *db, void *arg)
{
	struct member_write *m = arg;
	return m->add ? grant_add_team(db, m->ax, m->account_id, m->team_id, m->lead, &m->grant_id)
		      : grant_remove_team(db, m->ax, m->account_id, m->team_id);
}

/* Adding asks (202 with the pending grant, unless so already); removing
 * takes effect now (200). */
static void member_change(struct request *req, struct auth_state *a, struct member_write *m)
{
	struct field_error fe = { 0 };
	struct account_write w = { 0 };
	struct team_row t;
	struct db *db = app_db(req->app);
	bool member = false, lead = false;
	json_t *j, *pending = NULL;
	enum err e = load_for_update(req, a, &w);

	if (!e)
		e = org_get_team(db, m->team_id, &t);
	if (!e && a->p.county_id && t.county_id != a->p.county_id)
		e = ERR_NOT_FOUND;
	if (e == ERR_NOT_FOUND && w.r.id)
		e = validate_fail(&fe, "team_id", "unknown_value", "no team %lld in your organisation",
				  (long long)m->team_id);
	m->account_id = w.r.id;
	m->ax = &a->ax;
	if (!e)
		e = access_write(&a->ax, ((struct app *)req->app)->writer, member_run, m);
	if (!e)
		e = account_membership(db, w.r.id, m->team_id, &member, &lead);
	if (!e && !(pending = grants_of_account(req, w.r.id)))
		e = ERR_UNAVAILABLE;
	if (e) {
		render_error(req, e, &fe);
		return;
	}
	j = json_object();
	jv_set_int(j, "account_id", w.r.id);
	jv_set_int(j, "team_id", m->team_id);
	jv_set_bool(j, "member", member);
	jv_set_bool(j, "lead", lead);
	{
		json_t *mine = NULL, *g;
		size_t k;
		json_array_foreach(pending, k, g)
			if (json_integer_value(json_object_get(g, "id")) == m->grant_id)
				mine = g;
		jv_set(j, "pending_grant", mine ? json_incref(mine) : json_null());
	}
	jv_set(j, "pending_grants", pending);
	render_json(req, m->grant_id ? 202 : 200, j);
}

void account_team_add_api(struct request *req, struct auth_state *a)
{
	static const char *const fields[] = { "team_id", "lead", NULL };
	struct field_error fe = { 0 };
	struct member_write m = { .add = true };
	struct input in;
	bool present = false, lp;
	enum err e = input_init(&in, req, fields, &fe);

	if (!e)
		e = input_int(&in, "team_id", &m.team_id, &present, &fe);
	if (!e && !present)
		e = validate_fail(&fe, "team_id", "required", "team_id is required");
	if (!e)
		e = input_bool(&in, "lead", &m.lead, &lp, &fe);
	input_release(&in);
	if (e) {
		render_error(req, e, &fe);
		return;
	}
	member_change(req, a, &m);
}

void account_team_remove_api(struct request *req, struct auth_state *a)
{
	struct member_write m = { .add = false, .team_id = req->param[1] };
	member_change(req, a, &m);
}

/* ---- pages --------------------------------------------------------------- */

void page_account_new(struct request *req, struct auth_state *a)
{
	struct account_row r = { .active = true };
	str_lcpy(r.role, "social_worker", sizeof(r.role));
	render_view(req, 200, "account_edit", "accounts.new_title", form_model(req, a, &r, NULL, 0, NULL));
}

void page_account_create(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct account_write w = { .create = true, .fe = &fe };
	struct input in;
	enum err e = input_init(&in, req, account_fields, &fe);

	w.r.active = true;
	if (!e)
		e = read_account(req, &in, &w, &fe);
	if (!e)
		e = save_account(req, a, &w);
	input_release(&in);
	if (e == ERR_INVALID || e == ERR_CONFLICT) {
		w.r.id = 0;
		render_view(req, 422, "account_edit", "accounts.new_title",
			    form_model(req, a, &w.r, w.teams, w.nteams, &fe));
		return;
	}
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	render_redirect(req, "/admin/accounts");
}

void page_account_edit(struct request *req, struct auth_state *a)
{
	account_view(req, a);
}

void page_account_update(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct account_write w = { .fe = &fe };
	struct input in = { 0 };
	enum err e = load_for_update(req, a, &w);

	if (e) {
		render_error(req, e, NULL);
		return;
	}
	e = input_init(&in, req, account_fields + 1, &fe);
	if (!e)
		e = read_account(req, &in, &w, &fe);
	if (!e && w.r.id == a->p.account_id && !w.r.active)
		e = validate_fail(&fe, "active", "self", "you cannot deactivate your own account");
	if (!e)
		e = save_account(req, a, &w);
	input_release(&in);
	if (e == ERR_INVALID || e == ERR_CONFLICT) {
		render_view(req, 422, "account_edit", "accounts.edit_title",
			    form_model(req, a, &w.r, w.teams, w.nteams, &fe));
		return;
	}
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	render_redirect(req, "/admin/accounts");
}
