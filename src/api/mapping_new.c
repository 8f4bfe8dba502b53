/*
 * mapping_new.c - invite partners and workers to map a child's situation
 * from the child's side: GET /children/{id}/mapping-invitations/new?q=
 * searches people by name, title or organisation (the partner map's
 * search, and the county's workers by name, title and team) and offers
 * them as checkboxes with a note; the form posts to the same address,
 * which partners.c's create path handles (POST /api/v1/mapping-invitations
 * for API clients).  The invitation then waits in each invitee's "my work".
 *
 * Access: the page is for whoever may invite about the child, the same
 * door as the invitation itself (ACT_RECORD_WRITE on the child), logged as
 * a read.  The candidates are the organisation's register (no client data).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/mapping_new.h"
#include "api/render.h"
#include "core/str.h"
#include "model/account.h"
#include "model/partners.h"
#include "view/jv.h"

#define MAPPING_NEW_MAX 60   /* people offered by one search */

static const struct form_field invite_fields[] = {
	{ "invitees", "polish.invitees" }, { "message", "partners.message" }, { NULL, NULL }
};

struct cand_acc {
	json_t *arr;            /* candidates */
	json_t *orgs;           /* org id (text) -> name, from the partner search */
	const char *qf;         /* the folded query */
	int64_t county_id, self;
};

static bool cand_has(json_t *arr, int64_t id)
{
	size_t i;
	json_t *c;
	json_array_foreach(arr, i, c)
		if (json_integer_value(json_object_get(c, "id")) == id)
			return true;
	return false;
}

static void cand_add(struct cand_acc *c, int64_t id, const char *name, const char *title, const char *org)
{
	json_t *j;
	if (id == c->self || cand_has(c->arr, id) || json_array_size(c->arr) >= MAPPING_NEW_MAX)
		return;
	j = json_object();
	jv_set_int(j, "id", id);
	jv_set_str(j, "name", name);
	jv_set_str(j, "title", title);
	jv_set_str(j, "organisation", org);
	jv_set_bool(j, "checked", false);
	json_array_append_new(c->arr, j);
}

static void org_cb(void *ctx, const struct partner_org *o)
{
	struct cand_acc *c = ctx;
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)o->id);
	json_object_set_new(c->orgs, key, json_string(o->name));
}

static void service_cb(void *ctx, const struct partner_service *s)
{
	(void)ctx;
	(void)s;
}

/* Everyone of an organisation the search found: asking the school means
 * asking its people. */
static void person_cb(void *ctx, const struct partner_person *p)
{
	struct cand_acc *c = ctx;
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)p->org_id);
	cand_add(c, p->account_id, p->display_name, p->title, json_string_value(json_object_get(c->orgs, key)));
}

/* Workers and partners of the county by name, title, organisation or team. */
static void account_cb(void *ctx, const struct account_row *r)
{
	struct cand_acc *c = ctx;
	bool worker = !strcmp(r->kind, "worker"), partner = !strcmp(r->kind, "partner");
	if (!r->active || r->county_id != c->county_id || (!worker && !partner) || !strcmp(r->role, "admin"))
		return;
	if (!str_fold_contains(r->display_name, c->qf) && !str_fold_contains(r->title, c->qf) &&
	    !str_fold_contains(r->organisation, c->qf) && !(worker && str_fold_contains(r->teams, c->qf)))
		return;
	cand_add(c, r->id, r->display_name, r->title, worker ? r->teams : r->organisation);
}

/* The page's model for child ans (the door has let the reader invite):
 * the search q and its candidates, the form with its defaults. */
static enum err invite_model(struct request *req, struct auth_state *a, const struct access_answer *ans,
			     const char *q, json_t **out)
{
	struct db *db = app_db(req->app);
	struct cand_acc c = { json_array(), json_object(), NULL, a->p.county_id, a->p.account_id };
	struct partner_map_cb cb = { org_cb, service_cb, person_cb, &c };
	json_t *m = json_object(), *child = json_object(), *form = json_object(), *v = json_object();
	char qf[512];
	size_t qn;
	const char *qt = str_trim(q, &qn);
	enum err e = ERR_OK;

	jv_set_int(child, "id", ans->c.child_id);
	if (ans->d.fields & FIELD_NAME)
		jv_set_str(child, "name", ans->c.child_name);
	jv_set(m, "child", child);
	if (qn >= sizeof(qf)) {
		qn = 0;
	}
	memcpy(qf, qt ? qt : "", qn);
	qf[qn] = 0;
	jv_set_str(m, "q", qf);
	jv_set_bool(m, "searched", qn > 0);
	if (qn > 0 && str_fold(qf, qf, sizeof(qf))) {
		c.qf = qf;
		e = partner_search(db, a->p.county_id, qf, 50, &cb);
		if (!e)
			e = account_list(db, account_cb, &c);
	}
	json_decref(c.orgs);
	jv_set_bool(m, "has_candidates", json_array_size(c.arr) > 0);
	jv_set(m, "candidates", c.arr);
	jv_set_str(v, "message", "");
	jv_set(form, "v", v);
	jv_set(m, "form", form);
	if (e) {
		json_decref(m);
		return e;
	}
	*out = m;
	return ERR_OK;
}

void mapping_new_page(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	json_t *m = NULL;
	enum err e;

	if (!access_child(req, a, req->param[0], ACT_RECORD_WRITE, "read", &ans))
		return;
	e = invite_model(req, a, &ans, request_query(req, "q"), &m);
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	render_view(req, 200, "mapping_new", "polish.invite_title", m);
}

void mapping_new_again(struct request *req, struct auth_state *a, int64_t child_id, const struct field_error *fe)
{
	struct access_answer ans;
	json_t *m = NULL, *cand;
	size_t i;
	enum err e;

	if (!access_child(req, a, child_id, ACT_RECORD_WRITE, "read", &ans))
		return;
	e = invite_model(req, a, &ans, request_form(req, "q"), &m);
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	/* The people chosen stay chosen. */
	json_array_foreach(json_object_get(m, "candidates"), i, cand) {
		char id[24];
		bool on = false;
		snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(json_object_get(cand, "id")));
		for (size_t k = 0; k < req->nform && !on; k++)
			on = !strcmp(req->form[k].key, "invitees") && !strcmp(req->form[k].value, id);
		jv_set_bool(cand, "checked", on);
	}
	jv_set_bool(json_object_get(m, "form"), "invalid", true);
	form_fail(req, m, json_object_get(m, "form"), "", invite_fields, fe);
	render_view(req, 422, "mapping_new", "polish.invite_title", m);
}
