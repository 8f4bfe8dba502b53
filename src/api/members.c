/*
 * members.c - ending a membership of the child's team, on a page of its own
 * that asks for confirmation and a reason (and, for the responsible social
 * worker, who takes over: the model does both in one transaction), and the
 * search for who may join the team (workers of any team, partner
 * professionals) that the child page's add form offers.  Every read and
 * write goes through api/access.h.
 */
#include <stdio.h>
#include <string.h>
#include "api/access.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/members.h"
#include "api/render.h"
#include "core/str.h"
#include "model/caseteam.h"
#include "view/jv.h"

static const struct form_field end_fields[] = {
	{ "reason", "member_end.reason" }, { "new_responsible_id", "member_end.new_responsible" },
	{ "over_cap_reason", NULL }, { "to_date", NULL }, { NULL, NULL } };

struct worker_acc {
	json_t *arr;
	int64_t except;
};

/* Who may become the responsible social worker: a qualified social worker. */
static void responsible_cb(void *ctx, const struct caseload_row *r)
{
	struct worker_acc *w = ctx;
	json_t *j;
	if (r->account_id == w->except ||
	    (strcmp(r->role, "social_worker") && strcmp(r->role, "consulting_social_worker")))
		return;
	j = json_object();
	jv_set_int(j, "id", r->account_id);
	jv_set_str(j, "name", r->name);
	jv_set_int(j, "children", r->children);
	jv_set_bool(j, "at_cap", r->at_cap);
	jv_set_bool(j, "selected", false);
	json_array_append_new(w->arr, j);
}

/* The confirmation page's model, or NULL (the answer is sent). */
static json_t *end_model(struct request *req, struct access_answer *ans, int64_t member_id)
{
	struct db *db = app_db(req->app);
	const struct case_row *c = &ans->c;
	struct member_row r;
	json_t *m, *mem;
	/* The check may have read only the case's ids (its facts from memory). */
	enum err e = access_answer_case(db, ans);

	if (!e)
		e = caseteam_get(db, c->id, member_id, &r);

	if (e) {
		render_error(req, e, NULL);
		return NULL;
	}
	mem = json_object();
	jv_set_int(mem, "id", r.id);
	jv_set_str(mem, "name", r.name);
	jv_set_str(mem, "role", r.role);
	jv_set(mem, "role_label", render_label_json(req, "member_role", r.role));
	jv_set_str(mem, "from_date", r.from_date);
	jv_set_str(mem, "description", r.description);
	jv_set_bool(mem, "responsible", !strcmp(r.role, "responsible"));
	m = json_object();
	jv_set(m, "child", json_pack("{s:I, s:s}", "id", (json_int_t)c->child_id, "name", c->child_name));
	jv_set(m, "member", mem);
	if (!strcmp(r.role, "responsible")) {
		struct worker_acc w = { json_array(), r.account_id };
		/* Any qualified social worker of the organisation may take over. */
		if (caseteam_caseloads(db, c->county_id, 0, caseteam_cap(db), responsible_cb, &w)) {
			json_decref(w.arr);
			json_decref(m);
			render_error(req, ERR_UNAVAILABLE, NULL);
			return NULL;
		}
		jv_set(m, "workers", w.arr);
	}
	jv_set(m, "form", json_pack("{s:{}}", "v"));
	return m;
}

/* GET /children/{id}/team/{member_id}/end: are you sure, and why? */
void page_member_end(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	json_t *m;

	/* Shown only to who may end it; read (the names on the child's team). */
	if (!access_child(req, a, req->param[0], ACT_CLIENT_WRITE, "read", &ans))
		return;
	m = end_model(req, &ans, req->param[1]);
	if (m)
		render_view(req, 200, "member_end", "member_end.title", m);
}

struct end_w {
	struct member_end m;
	int64_t new_id;
	struct field_error *fe;
};

static enum err end_run(struct db *db, void *arg)
{
	struct end_w *w = arg;
	return caseteam_end(db, &w->m, &w->new_id, w->fe);
}

/* POST /api/v1/children/{id}/team/{member_id}/end {reason, new_responsible_id,
 * over_cap_reason, to_date} and the confirmation page's form. */
void child_member_end(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "to_date", "reason", "new_responsible_id", "over_cap_reason", NULL };
	struct field_error fe = { 0 };
	struct end_w w = { .m.member_id = req->param[1], .fe = &fe };
	struct access_answer ans;
	const struct case_row *c = &ans.c;
	struct input in = { 0 };
	bool present;
	enum err e;

	if (!access_child(req, a, req->param[0], ACT_CLIENT_WRITE, "update", &ans))
		return;
	w.m.case_id = c->id;
	w.m.ended_by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "to_date", &w.m.to_date, &fe);
	if (!e) e = input_str(&in, "reason", &w.m.reason, &fe);
	/* The page's "–" choice is no one. */
	if (!e && !(req->nform && !*form_posted(req, "new_responsible_id")))
		e = input_int(&in, "new_responsible_id", &w.m.new_responsible_id, &present, &fe);
	if (!e) e = input_str(&in, "over_cap_reason", &w.m.over_cap_reason, &fe);
	if (!e) e = access_write_req(req, end_run, &w);
	if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform) {
		json_t *m = end_model(req, &ans, w.m.member_id);
		if (m) {
			form_fail(req, m, json_object_get(m, "form"), "", end_fields, &fe);
			form_select(json_object_get(m, "workers"), "id", form_posted(req, "new_responsible_id"));
			render_view(req, 422, "member_end", "member_end.title", m);
		}
	} else if (e) {
		render_error(req, e, &fe);
	} else if (req->wants_json) {
		json_t *j = json_pack("{s:I, s:b}", "member_id", (json_int_t)w.m.member_id, "ended", 1);
		if (w.new_id)
			jv_set_int(j, "new_responsible_member_id", w.new_id);
		render_json(req, 200, j);
	} else {
		char loc[64];
		snprintf(loc, sizeof(loc), "/children/%lld", (long long)c->child_id);
		render_redirect(req, loc);
	}
	input_release(&in);
}

/* ---- who may join: the add form's search ---------------------------------- */

struct cand_acc {
	struct request *req;
	json_t *arr;
};

static void candidate_cb(void *ctx, const struct candidate_row *r)
{
	struct cand_acc *c = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", r->account_id);
	jv_set_str(j, "name", r->name);
	jv_set_str(j, "kind", r->kind);
	jv_set(j, "role_label", render_label_json(c->req, "role", r->role));
	jv_set_str(j, "organisation", r->organisation);
	jv_set_str(j, "teams", r->teams);
	jv_set_bool(j, "selected", false);
	json_array_append_new(c->arr, j);
}

json_t *member_search_json(struct request *req, int64_t county_id, const char *q)
{
	struct cand_acc c = { req, json_array() };
	struct field_error fe = { 0 };
	json_t *j = json_object();
	enum err e;

	jv_set_str(j, "q", q);
	e = caseteam_candidates(app_db(req->app), county_id, q, 30, candidate_cb, &c, &fe);
	if (e == ERR_INVALID) {
		char msg[512];
		render_field_message(req, &fe, NULL, msg, sizeof(msg));
		jv_set(j, "err", json_pack("{s:s, s:s}", "id", "member-q-err", "message", msg));
	} else if (e) {
		json_decref(c.arr);
		json_decref(j);
		return NULL;
	}
	jv_set_bool(j, "none", !e && json_array_size(c.arr) == 0);
	jv_set_bool(j, "found", json_array_size(c.arr) > 0);
	jv_set(j, "results", c.arr);
	return j;
}
