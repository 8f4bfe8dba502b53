/*
 * org.c - the organisation, its teams and their contact cards (API and
 * pages).  Reading needs ACT_ORG_READ; changing needs ACT_ORG_ADMIN.
 */
#include <string.h>
#include "api/access.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/render.h"
#include "api/work.h"
#include "core/str.h"
#include "model/account.h"
#include "model/org.h"
#include "model/role.h"
#include "view/jv.h"

/* {"team": team_json} */
static json_t *team_answer(struct request *req, const struct team_row *t)
{
	json_t *m = json_object();
	jv_set(m, "team", team_json(req, t));
	return m;
}

struct org_acc {
	struct request *req;
	json_t *areas;
	json_t *cur_area;
	int64_t cur_area_id;
	json_t *teams;
};

static void org_team_cb(void *ctx, const struct team_row *t)
{
	struct org_acc *o = ctx;
	json_t *tj = team_json(o->req, t);

	if (o->teams)
		json_array_append(o->teams, tj);
	if (o->areas) {
		if (!o->cur_area || o->cur_area_id != t->area_id) {
			o->cur_area = json_object();
			jv_set_int(o->cur_area, "id", t->area_id);
			jv_set_str(o->cur_area, "name", t->area_name);
			jv_set(o->cur_area, "teams", json_array());
			o->cur_area_id = t->area_id;
			json_array_append_new(o->areas, o->cur_area);
		}
		json_array_append(json_object_get(o->cur_area, "teams"), tj);
	}
	json_decref(tj);
}

void org_view(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct org_acc o = { .req = req, .areas = json_array() };
	struct county_row c = { 0 };
	json_t *m;
	enum err e;

	if (!db) {
		json_decref(o.areas);
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	if (a->p.county_id)
		org_get_county(db, a->p.county_id, &c);
	e = org_list_teams(db, a->p.county_id, org_team_cb, &o);
	if (e) {
		json_decref(o.areas);
		render_error(req, e, NULL);
		return;
	}
	m = json_object();
	jv_set(m, "areas", o.areas);
	jv_set_bool(m, "can_edit", policy_decide(&a->p, ACT_ORG_ADMIN, NULL).allow);
	if (c.id) {
		json_t *county = json_object();
		jv_set_int(county, "id", c.id);
		jv_set_str(county, "name", c.name);
		jv_set(m, "county", county);
	}
	render_view(req, 200, "org", "org.title", m);
}

void team_list(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct org_acc o = { .req = req, .teams = json_array() };
	enum err e = db ? org_list_teams(db, a->p.county_id, org_team_cb, &o) : ERR_UNAVAILABLE;
	json_t *m;

	if (e) {
		json_decref(o.teams);
		render_error(req, e, NULL);
		return;
	}
	m = json_object();
	jv_set(m, "teams", o.teams);
	render_json(req, 200, m);
}

struct member_acc {
	struct request *req;
	json_t *arr;
};

static void member_cb(void *ctx, const struct account_row *r, bool lead)
{
	struct member_acc *m = ctx;
	json_t *j = json_object();

	jv_set_int(j, "id", r->id);
	jv_set_str(j, "display_name", r->display_name);
	jv_set_str(j, "title", r->title);
	jv_set_str(j, "role", r->role);
	jv_set(j, "role_label", render_label_json(m->req, "role", r->role));
	jv_set_bool(j, "lead", lead);
	json_array_append_new(m->arr, j);
}

/* The team of the {id} parameter, visible to the principal: workers and
 * admins of the same organisation; partners and family see the cards. */
static enum err load_team(struct request *req, struct auth_state *a, struct team_row *t)
{
	struct db *db = app_db(req->app);
	enum err e;
	if (!db)
		return ERR_UNAVAILABLE;
	e = org_get_team(db, req->param[0], t);
	if (!e && a->p.county_id && t->county_id != a->p.county_id)
		e = ERR_NOT_FOUND;
	return e;
}

void team_view(struct request *req, struct auth_state *a)
{
	struct member_acc m = { .req = req };
	struct team_row t;
	json_t *model;
	enum err e = load_team(req, a, &t);

	if (e) {
		render_error(req, e, NULL);
		return;
	}
	m.arr = json_array();
	if (a->p.kind == KIND_WORKER && (e = account_list_team(app_db(req->app), t.id, member_cb, &m))) {
		json_decref(m.arr);
		render_error(req, e, NULL);
		return;
	}
	model = json_object();
	jv_set(model, "team", team_json(req, &t));
	jv_set(model, "members", m.arr);
	jv_set_bool(model, "can_edit", policy_decide(&a->p, ACT_ORG_ADMIN, NULL).allow);
	/* Not allowed to see the team's clients (ERR_DENIED): the page shows
	 * the team only. */
	if (!req->wants_json || request_query(req, "work"))
		e = team_work_model(req, a, &t, model);
	/* The weekly meetings' figures (meetings.c), for those who may see them. */
	if ((!e || e == ERR_DENIED) && !req->wants_json && a->p.kind == KIND_WORKER) {
		enum err pe = meetings_practice_model(req, a, t.id, model);
		if (pe && pe != ERR_DENIED)
			e = pe;
	}
	if (e && e != ERR_DENIED) {
		json_decref(model);
		access_list_fail(req, e, e == ERR_INVALID);
		return;
	}
	render_view(req, 200, "team", "team.title", model);
}

/* ---- changes ------------------------------------------------------------ */

static const char *const team_fields[] = { "area_id", "name", "kind", "phone1", "phone2", "phone3",
					   "hours", "email", NULL };

/* Read team fields from input over the values already in t. */
static enum err read_team(struct input *in, struct team_row *t, struct field_error *fe)
{
	struct { const char *name; char *dst; size_t sz; } f[] = {
		{ "name", t->name, sizeof(t->name) },
		{ "kind", t->kind, sizeof(t->kind) },
		{ "phone1", t->phone1, sizeof(t->phone1) },
		{ "phone2", t->phone2, sizeof(t->phone2) },
		{ "phone3", t->phone3, sizeof(t->phone3) },
		{ "hours", t->hours, sizeof(t->hours) },
		{ "email", t->email, sizeof(t->email) },
	};
	enum err e = ERR_OK;

	for (size_t i = 0; !e && i < sizeof(f) / sizeof(f[0]); i++) {
		e = input_copy(in, f[i].name, f[i].dst, f[i].sz, fe);
	}
	return e;
}

struct team_write {
	struct team_row t;
	struct field_error *fe;
	bool create;
};

static enum err team_write_run(struct db *db, void *arg)
{
	struct team_write *w = arg;
	return w->create ? org_create_team(db, &w->t, w->fe) : org_update_team(db, &w->t, w->fe);
}

static enum err save_team(struct request *req, struct team_write *w)
{
	struct app *app = req->app;
	struct auth_state *a = req->auth;
	struct audit_entry e;
	struct decision d = { true, AUD_ADMIN, 0, "admin", NULL };
	enum err err = org_validate_team(&w->t, w->fe);

	access_entry(&a->ax, &e, w->create ? "create" : "update", "team", w->t.id, &d);
	if (!err)
		err = access_write_entry(&a->ax, app->writer, team_write_run, w, &e, &w->t.id);
	return err;
}

void team_create(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct team_write w = { .fe = &fe, .create = true };
	struct input in;
	bool has_area = false;
	enum err e = input_init(&in, req, team_fields, &fe);

	if (!e)
		e = input_int(&in, "area_id", &w.t.area_id, &has_area, &fe);
	if (!e && !has_area)
		e = validate_fail(&fe, "area_id", "required", "area_id is required");
	if (!e)
		e = read_team(&in, &w.t, &fe);
	if (!e) {
		/* The area must belong to the admin's own organisation. */
		struct db *db = app_db(req->app);
		bool found = false;
		e = db ? org_has_area(db, a->p.county_id, w.t.area_id, &found) : ERR_UNAVAILABLE;
		if (!e && !found)
			e = validate_fail(&fe, "area_id", "unknown_value", "no area %lld in your organisation",
					  (long long)w.t.area_id);
	}
	if (!e)
		e = save_team(req, &w);
	input_release(&in);
	if (e) {
		render_error(req, e, &fe);
		return;
	}
	org_get_team(app_db(req->app), w.t.id, &w.t);
	render_json(req, 201, team_answer(req, &w.t));
}

void team_update(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct team_write w = { .fe = &fe };
	struct input in = { 0 };
	enum err e = load_team(req, a, &w.t);

	if (!e)
		e = input_init(&in, req, team_fields + 1, &fe);
	if (!e)
		e = read_team(&in, &w.t, &fe);
	if (!e)
		e = save_team(req, &w);
	input_release(&in);
	if (e) {
		render_error(req, e, &fe);
		return;
	}
	org_get_team(app_db(req->app), w.t.id, &w.t);
	render_json(req, 200, team_answer(req, &w.t));
}

/* The team form's fields (form.h), labelled as the page labels them. */
static const struct form_field team_form_fields[] = {
	{ "name", NULL }, { "kind", NULL }, { "phone1", NULL }, { "phone2", NULL }, { "phone3", NULL },
	{ "hours", NULL }, { "email", NULL }, { NULL, NULL } };

static void team_form(struct request *req, struct team_row *t, int status, const struct field_error *fe)
{
	json_t *m = json_object(), *team = team_json(req, t);
	json_t *kinds = json_array(), *form;

	jv_set(m, "team", team);
	for (int i = 0; org_team_kinds[i]; i++) {
		json_t *k = json_object();
		jv_set_str(k, "value", org_team_kinds[i]);
		jv_set(k, "label", render_label_json(req, "team_kind", org_team_kinds[i]));
		jv_set_bool(k, "selected", !strcmp(org_team_kinds[i], t->kind));
		json_array_append_new(kinds, k);
	}
	jv_set(m, "kinds", kinds);
	jv_set_str(team, "phone1", t->phone1);
	jv_set_str(team, "phone2", t->phone2);
	jv_set_str(team, "phone3", t->phone3);
	/* The form shows the team as stored, or as typed when it comes back. */
	form = json_pack("{s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s}}", "v", "name", t->name, "kind", t->kind,
			 "phone1", t->phone1, "phone2", t->phone2, "phone3", t->phone3, "hours", t->hours, "email", t->email);
	jv_set(m, "form", form);
	if (fe) {
		form_fail(req, m, form, "", team_form_fields, fe);
		form_select(kinds, "value", form_posted(req, "kind"));
	}
	render_view(req, status, "team_edit", "team.edit_title", m);
}

void page_team_edit(struct request *req, struct auth_state *a)
{
	struct team_row t;
	enum err e = load_team(req, a, &t);
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	team_form(req, &t, 200, NULL);
}

void page_team_edit_post(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct team_write w = { .fe = &fe };
	struct input in = { 0 };
	char loc[64];
	enum err e = load_team(req, a, &w.t);

	if (e) {
		render_error(req, e, NULL);
		return;
	}
	e = input_init(&in, req, team_fields + 1, &fe);
	if (!e)
		e = read_team(&in, &w.t, &fe);
	if (!e)
		e = save_team(req, &w);
	input_release(&in);
	if (e == ERR_INVALID || e == ERR_CONFLICT) {
		team_form(req, &w.t, 422, &fe);
		return;
	}
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	snprintf(loc, sizeof(loc), "/teams/%lld", (long long)w.t.id);
	render_redirect(req, loc);
}
