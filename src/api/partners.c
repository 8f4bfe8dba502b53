/*
 * partners.c - multi-agency work (issue 15, part 1): the partner map and
 * its administration, mapping invitations and multi-agency assessments.
 * The access layer decides (model/access.h: access_multiagency,
 * access_child); these handlers render what it answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/mapping_new.h"
#include "api/render.h"
#include "core/buf.h"
#include "model/account.h"
#include "model/partners.h"
#include "view/jv.h"

#define MAP_SVG_MAX (64u * 1024)

/* ---- the partner map ------------------------------------------------------ */

struct map_acc {
	struct request *req;
	json_t *orgs;
	json_t *cur;  /* the organisation being filled */
};

static json_t *org_json(struct request *req, const struct partner_org *o)
{
	json_t *j = json_object();
	jv_set_int(j, "id", o->id);
	jv_set_str(j, "name", o->name);
	jv_set_str(j, "kind", o->kind);
	jv_set(j, "kind_label", render_label_json(req, "partners.kind", o->kind));
	jv_set_str(j, "phone", o->phone);
	jv_set_str(j, "email", o->email);
	jv_set_str(j, "address", o->address);
	jv_set_str(j, "description", o->description);
	return j;
}

static void map_org(void *ctx, const struct partner_org *o)
{
	struct map_acc *m = ctx;
	json_t *j = org_json(m->req, o);
	jv_set(j, "services", json_array());
	jv_set(j, "people", json_array());
	json_array_append_new(m->orgs, j);
}

static json_t *org_by_id(json_t *orgs, int64_t id)
{
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o)
		if (json_integer_value(json_object_get(o, "id")) == id)
			return o;
	return NULL;
}

static void map_service(void *ctx, const struct partner_service *s)
{
	struct map_acc *m = ctx;
	json_t *o = org_by_id(m->orgs, s->org_id), *j = json_object();
	jv_set_int(j, "id", s->id);
	jv_set_str(j, "name", s->name);
	jv_set_str(j, "description", s->description);
	jv_set_str(j, "contact", s->contact);
	jv_set_str(j, "phone", s->phone);
	jv_set_str(j, "email", s->email);
	jv_set_bool(j, "matched", s->matched);
	json_array_append_new(json_object_get(o, "services"), j);
}

static void map_person(void *ctx, const struct partner_person *p)
{
	struct map_acc *m = ctx;
	json_t *o = org_by_id(m->orgs, p->org_id), *j = json_object();
	jv_set_int(j, "account_id", p->account_id);
	jv_set_str(j, "username", p->username);
	jv_set_str(j, "display_name", p->display_name);
	jv_set_str(j, "title", p->title);
	jv_set_bool(j, "matched", p->matched);
	json_array_append_new(json_object_get(o, "people"), j);
}

struct count_acc {
	struct request *req;
	json_t *arr;
	struct partner_org o[64];
	int n;
};

static void count_cb(void *ctx, const struct partner_org *o)
{
	struct count_acc *c = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", o->id);
	jv_set_str(j, "name", o->name);
	jv_set_str(j, "kind", o->kind);
	jv_set(j, "kind_label", render_label_json(c->req, "partners.kind", o->kind));
	jv_set_int(j, "children", o->children);
	json_array_append_new(c->arr, j);
	if (c->n < 64)
		c->o[c->n++] = *o;
}

/* The services around the unit's families as a picture: the unit in the
 * middle, each partner organisation on a circle around it, the line as
 * thick as the number of children whose team it took part in (dashed:
 * none yet).  Drawn here, a radial layout of our own. */
static enum err map_svg(struct request *req, const struct count_acc *c, const char *centre, struct buf *b)
{
	static const char *const colours[] = { "#2563eb", "#d97706", "#059669", "#7c3aed", "#dc2626",
					       "#374151", "#0891b2", "#9333ea", "#6b7280" };
	const double cx = 360, cy = 300, r = 220;
	enum err e = buf_appendf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 600\" width=\"100%%\" role=\"img\""
				    " aria-labelledby=\"map-title\" class=\"partner-map\"><title id=\"map-title\">");
	if (!e) e = buf_append_html(b, render_t(req, "partners.map_title"), strlen(render_t(req, "partners.map_title")));
	if (!e) e = buf_appends(b, "</title>");
	for (int i = 0; !e && i < c->n; i++) {
		double a = 2 * 3.14159265358979 * i / (c->n ? c->n : 1) - 3.14159265358979 / 2;
		double x = cx + r * __builtin_cos(a), y = cy + r * __builtin_sin(a);
		int k = 0;
		for (; partner_kinds[k] && strcmp(partner_kinds[k], c->o[i].kind); k++)
			;
		e = buf_appendf(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\""
				   " stroke-width=\"%d\"%s/>",
				cx, cy, x, y, colours[k % 9], c->o[i].children ? 2 + 2 * (c->o[i].children > 8 ? 8 : c->o[i].children) : 1,
				c->o[i].children ? "" : " stroke-dasharray=\"6 4\"");
		if (!e) e = buf_appendf(b, "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"26\" fill=\"#fff\" stroke=\"%s\" stroke-width=\"3\"/>"
					   "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">%d</text>",
					x, y, colours[k % 9], x, y + 6, c->o[i].children);
		if (!e) e = buf_appendf(b, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" font-size=\"13\">",
					x, y + (y < cy ? -34 : 44));
		if (!e) e = buf_append_html(b, c->o[i].name, strlen(c->o[i].name));
		if (!e) e = buf_appends(b, "</text>");
	}
	if (!e) e = buf_appendf(b, "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"60\" fill=\"#1e3a5f\"/>"
				   "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" font-size=\"14\" fill=\"#fff\">",
				cx, cy, cx, cy + 5);
	if (!e) e = buf_append_html(b, centre, strlen(centre));
	if (!e) e = buf_appends(b, "</text></svg>");
	return e;
}

/* GET /api/v1/partners?q= and /partners: who do I call about this.  A
 * manager also sees the map of the unit as a picture with the counts. */
void partners_view(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	const char *q = request_query(req, "q");
	struct map_acc m = { req, json_array(), NULL };
	struct partner_map_cb cb = { map_org, map_service, map_person, &m };
	struct field_error fe = { 0 };
	json_t *model;
	enum err e = validate_text(q ? q : "", "q", 0, 100, false, &fe);

	if (e) {
		json_decref(m.orgs);
		render_error(req, e, &fe);
		return;
	}
	e = db ? partner_search(db, a->p.county_id, q, 200, &cb) : ERR_UNAVAILABLE;
	if (e) {
		json_decref(m.orgs);
		render_error(req, e, NULL);
		return;
	}
	{
		size_t i;
		json_t *o;
		json_array_foreach(m.orgs, i, o) {
			jv_set_bool(o, "has_services", json_array_size(json_object_get(o, "services")) > 0);
			jv_set_bool(o, "has_people", json_array_size(json_object_get(o, "people")) > 0);
		}
	}
	model = json_object();
	jv_set_str(model, "q", q ? q : "");
	jv_set_bool(model, "searched", q && *q);
	jv_set_int(model, "count", (json_int_t)json_array_size(m.orgs));
	jv_set(model, "orgs", m.orgs);
	jv_set_bool(model, "can_edit", policy_decide(&a->p, ACT_ORG_ADMIN, NULL).allow);
	/* Figures of the unit: a manager's area, or the first team a lead leads. */
	if (a->p.role != ROLE_ADMIN && policy_decide(&a->p, ACT_UNIT_REPORT, NULL).allow &&
	    (a->p.area_id || a->p.nlead)) {
		struct count_acc *c = calloc(1, sizeof(*c));
		struct buf svg;
		buf_init(&svg, MAP_SVG_MAX);
		if (c) {
			c->req = req;
			c->arr = json_array();
			e = partner_team_counts(db, a->p.county_id, a->p.area_id, a->p.nlead ? a->p.lead_teams[0] : 0,
						count_cb, c);
			if (!e) e = map_svg(req, c, render_t(req, "partners.map_centre"), &svg);
			if (!e) {
				json_t *mj = json_object();
				jv_set(mj, "counts", c->arr);
				jv_set_str(mj, "svg", buf_str(&svg));
				jv_set(model, "map", mj);
			} else {
				json_decref(c->arr);
			}
			free(c);
		}
		buf_release(&svg);
	}
	render_view(req, 200, "partners", "partners.title", model);
}

/* ---- administration: organisations and services ---------------------------- */

static const struct form_field org_fields[] = {
	{ "name", "partners.field_name" }, { "kind", "partners.field_kind" }, { "phone", "field.phone" },
	{ "email", "field.email" }, { "address", "partners.field_address" },
	{ "description", "partners.field_description" }, { NULL, NULL } };
static const struct form_field svc_fields[] = {
	{ "name", "partners.field_service" }, { "description", "partners.field_description" },
	{ "contact", "partners.field_contact" }, { "phone", "field.phone" }, { "email", "field.email" },
	{ NULL, NULL } };

struct org_w {
	struct partner_org o;
	struct partner_service s;
	int64_t county_id, account_id;
	bool service, member;
	struct field_error *fe;
};

static enum err org_run(struct db *db, void *arg)
{
	struct org_w *w = arg;
	if (w->member)
		return partner_member_set(db, w->county_id, w->account_id, w->s.org_id, w->fe);
	if (w->service)
		return partner_service_create(db, w->county_id, &w->s, w->fe);
	return partner_org_create(db, &w->o, w->fe);
}

static json_t *org_form_model(struct request *req, struct auth_state *a, int64_t org_id, bool service)
{
	json_t *m = json_object(), *form = json_object(), *v = json_object();
	jv_set_bool(m, "service", service);
	if (service) {
		struct partner_org o;
		struct db *db = app_db(req->app);
		if (!db || partner_org_get(db, a->p.county_id, org_id, &o)) {
			json_decref(m);
			json_decref(form);
			json_decref(v);
			return NULL;
		}
		jv_set(m, "org", org_json(req, &o));
	} else {
		jv_set(m, "kinds", render_options(req, partner_kinds, "partners.kind", "school"));
	}
	for (const struct form_field *f = service ? svc_fields : org_fields; f->name; f++)
		jv_set_str(v, f->name, "");
	jv_set(form, "v", v);
	jv_set(m, "form", form);
	return m;
}

/* GET /admin/partners/new and /admin/partners/{id}/services/new. */
void page_partner_form(struct request *req, struct auth_state *a)
{
	bool service = req->nparam > 0;
	json_t *m = org_form_model(req, a, service ? req->param[0] : 0, service);
	if (!m) {
		render_error(req, ERR_NOT_FOUND, NULL);
		return;
	}
	render_view(req, 200, "partner_form", service ? "partners.new_service" : "partners.new_org", m);
}

static const struct form_field member_fields[] = { { "account_id", "polish.member_account" }, { NULL, NULL } };

struct member_acc {
	json_t *arr;
	int64_t county_id;
};

static void member_cb(void *ctx, const struct account_row *r)
{
	struct member_acc *m = ctx;
	json_t *j;
	if (!r->active || r->county_id != m->county_id || strcmp(r->kind, "partner"))
		return;
	j = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_str(j, "name", r->display_name);
	jv_set_str(j, "title", r->title);
	jv_set_str(j, "organisation", r->organisation);
	jv_set_bool(j, "selected", false);
	json_array_append_new(m->arr, j);
}

json_t *partner_account_choices(struct request *req, int64_t county_id)
{
	struct member_acc acc = { json_array(), county_id };
	struct db *db = app_db(req->app);
	if (!db || account_list(db, member_cb, &acc)) {
		json_decref(acc.arr);
		return NULL;
	}
	return acc.arr;
}

/* The administrator's form to make a partner account a member of org_id:
 * org, accounts[{value,label,selected}] (the county's partner accounts),
 * form{v{account_id}}; NULL when there is no such organisation. */
static json_t *member_form_model(struct request *req, struct auth_state *a, int64_t org_id)
{
	struct db *db = app_db(req->app);
	struct partner_org o;
	json_t *m, *form, *accounts;

	if (!db || partner_org_get(db, a->p.county_id, org_id, &o))
		return NULL;
	accounts = partner_account_choices(req, a->p.county_id);
	if (!accounts)
		return NULL;
	m = json_object();
	form = json_object();
	jv_set(m, "org", org_json(req, &o));
	jv_set_bool(m, "has_accounts", json_array_size(accounts) > 0);
	jv_set(m, "accounts", accounts);
	jv_set(form, "v", json_pack("{s:s}", "account_id", ""));
	jv_set(m, "form", form);
	return m;
}

/* GET /admin/partners/{id}/members/new */
void page_partner_member_form(struct request *req, struct auth_state *a)
{
	json_t *m = member_form_model(req, a, req->param[0]);
	if (!m) {
		render_error(req, ERR_NOT_FOUND, NULL);
		return;
	}
	render_view(req, 200, "partner_member", "polish.member_title", m);
}

/* POST /api/v1/partners, /api/v1/partners/{id}/services, /api/v1/partners/{id}/members
 * and the administrator's forms (/admin/partners/new, .../services/new). */
static void partner_write(struct request *req, struct auth_state *a, bool service, bool member)
{
	static const char *const of[] = { "name", "kind", "phone", "email", "address", "description", NULL };
	static const char *const sf[] = { "name", "description", "contact", "phone", "email", NULL };
	static const char *const mf[] = { "account_id", NULL };
	struct field_error fe = { 0 };
	struct org_w *w = calloc(1, sizeof(*w));
	struct input in = { 0 };
	struct audit_entry ae;
	struct decision d = { true, AUD_ADMIN, 0, "admin", NULL };
	bool present = false;
	enum err e = w ? input_init(&in, req, member ? mf : service ? sf : of, &fe) : ERR_NOMEM;

	if (!w) {
		render_error(req, e, NULL);
		return;
	}
	w->fe = &fe;
	w->service = service;
	w->member = member;
	w->county_id = w->o.county_id = a->p.county_id;
	w->s.org_id = req->nparam ? req->param[0] : 0;
	if (member) {
		if (!e) e = input_int(&in, "account_id", &w->account_id, &present, &fe);
		if (!e && !present) e = validate_fail(&fe, "account_id", "required", "account_id is required");
	} else if (service) {
		if (!e) e = input_copy(&in, "name", w->s.name, sizeof(w->s.name), &fe);
		if (!e) e = input_copy(&in, "description", w->s.description, sizeof(w->s.description), &fe);
		if (!e) e = input_copy(&in, "contact", w->s.contact, sizeof(w->s.contact), &fe);
		if (!e) e = input_copy(&in, "phone", w->s.phone, sizeof(w->s.phone), &fe);
		if (!e) e = input_copy(&in, "email", w->s.email, sizeof(w->s.email), &fe);
	} else {
		if (!e) e = input_copy(&in, "name", w->o.name, sizeof(w->o.name), &fe);
		if (!e) e = input_copy(&in, "kind", w->o.kind, sizeof(w->o.kind), &fe);
		if (!e) e = input_copy(&in, "phone", w->o.phone, sizeof(w->o.phone), &fe);
		if (!e) e = input_copy(&in, "email", w->o.email, sizeof(w->o.email), &fe);
		if (!e) e = input_copy(&in, "address", w->o.address, sizeof(w->o.address), &fe);
		if (!e) e = input_copy(&in, "description", w->o.description, sizeof(w->o.description), &fe);
	}
	access_entry(&a->ax, &ae, member ? "update" : "create", member ? "partner_member" : service ? "partner_service" : "partner_org",
		     0, &d);
	if (!e)
		e = access_write_entry(&a->ax, ((struct app *)req->app)->writer, org_run, w, &ae,
				       member ? &w->account_id : service ? &w->s.id : &w->o.id);
	if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform && !member) {
		json_t *m = org_form_model(req, a, w->s.org_id, service);
		if (!m) {
			render_error(req, ERR_NOT_FOUND, NULL);
		} else {
			if (!service)
				jv_set(m, "kinds", render_options(req, partner_kinds, "partners.kind", form_posted(req, "kind")));
			form_fail(req, m, json_object_get(m, "form"), "", service ? svc_fields : org_fields, &fe);
			render_view(req, 422, "partner_form", service ? "partners.new_service" : "partners.new_org", m);
		}
	} else if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform && member) {
		json_t *m = member_form_model(req, a, w->s.org_id);
		if (!m) {
			render_error(req, ERR_NOT_FOUND, NULL);
		} else {
			form_select(json_object_get(m, "accounts"), "id", form_posted(req, "account_id"));
			form_fail(req, m, json_object_get(m, "form"), "", member_fields, &fe);
			render_view(req, 422, "partner_member", "polish.member_title", m);
		}
	} else if (e) {
		render_error(req, e, &fe);
	} else if (req->wants_json) {
		render_json(req, 201, json_pack("{s:I}", "id", (json_int_t)(member ? w->account_id : service ? w->s.id : w->o.id)));
	} else {
		render_redirect(req, "/partners");
	}
	input_release(&in);
	free(w);
}

void partner_create(struct request *req, struct auth_state *a) { partner_write(req, a, false, false); }
void partner_service_add(struct request *req, struct auth_state *a) { partner_write(req, a, true, false); }
void partner_member_add(struct request *req, struct auth_state *a) { partner_write(req, a, false, true); }

/* ---- what the door lets a reader see of the child ----------------------------- */

static json_t *child_summary(const struct access_answer *ans)
{
	json_t *c = json_object();
	unsigned f = ans->d.fields;
	jv_set_int(c, "id", ans->c.child_id);
	if (f & FIELD_NAME)
		jv_set_str(c, "name", ans->c.child_name);
	if (f & FIELD_AGE)
		jv_set_str(c, "birth_date", ans->c.birth_date);
	if (f & FIELD_TEAM) {
		json_t *t = json_object();
		jv_set_int(t, "id", ans->c.team_id);
		jv_set_str(t, "name", ans->c.team_name);
		jv_set(c, "team", t);
		if (ans->c.responsible_id) {
			json_t *r = json_object();
			jv_set_int(r, "id", ans->c.responsible_id);
			jv_set_str(r, "name", ans->c.responsible_name);
			jv_set(c, "responsible", r);
		}
	}
	return c;
}

/* ---- mapping invitations ------------------------------------------------------ */

struct inv_acc {
	struct request *req;
	struct auth_state *a;
	json_t *arr;
	enum err e;
};

static json_t *answer_json(struct request *req, const struct mapping_invitee *r)
{
	json_t *j = json_object();
	static const char *const q[] = { "has_info", "shares_concern", "available" };
	const char *v[] = { r->has_info, r->shares_concern, r->available };
	jv_set_int(j, "account_id", r->account_id);
	jv_set_str(j, "name", r->display_name);
	jv_set_str(j, "title", r->title);
	jv_set_str(j, "organisation", r->organisation);
	jv_set_bool(j, "answered", r->answered_at[0] != 0);
	jv_set(j, "answered_at", r->answered_at[0] ? jv_str(r->answered_at) : json_null());
	for (int i = 0; i < 3; i++) {
		json_t *a = json_object();
		jv_set_str(a, "value", v[i]);
		if (v[i][0])
			jv_set(a, "label", render_label_json(req, "partners.answer", v[i]));
		jv_set(j, q[i], a);
	}
	jv_set_str(j, "note", r->note);
	return j;
}

static void inv_row(void *ctx, const struct mapping_invitation *r, const struct mapping_invitee *mine)
{
	struct inv_acc *c = ctx;
	struct access_answer ans;
	json_t *j;
	enum err e;

	if (c->e)
		return;
	/* Each row is the door's: decided and logged. */
	e = access_multiagency(&c->a->ax, app_db(c->req->app), ACT_INVITATION, r->id, "list", &ans);
	if (e == ERR_DENIED)
		return;
	if (e) {
		c->e = e;
		return;
	}
	j = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_str(j, "created_at", r->created_at);
	jv_set_str(j, "inviter", r->inviter_name);
	jv_set_int(j, "invitees", r->invitees);
	jv_set_int(j, "answered", r->answered);
	jv_set(j, "child", child_summary(&ans));
	if (mine) {
		jv_set_bool(j, "waiting", !mine->answered_at[0]);
		jv_set(j, "my_answer", answer_json(c->req, mine));
	}
	json_array_append_new(c->arr, j);
}

/* GET /api/v1/mapping-invitations and /mapping-invitations: sent and received. */
void mapping_list(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct inv_acc sent = { req, a, json_array(), ERR_OK }, recv = { req, a, json_array(), ERR_OK };
	json_t *m;
	enum err e = db ? mapping_list_mine(db, a->p.account_id, true, 100, inv_row, &sent) : ERR_UNAVAILABLE;

	if (!e) e = sent.e;
	if (!e) e = mapping_list_mine(db, a->p.account_id, false, 100, inv_row, &recv);
	if (!e) e = recv.e;
	if (e) {
		json_decref(sent.arr);
		json_decref(recv.arr);
		access_log_drop(&a->ax, "list");
		render_error(req, e, NULL);
		return;
	}
	m = json_object();
	jv_set(m, "sent", sent.arr);
	jv_set(m, "received", recv.arr);
	jv_set_bool(m, "has_sent", json_array_size(sent.arr) > 0);
	jv_set_bool(m, "has_received", json_array_size(recv.arr) > 0);
	jv_set_bool(m, "none", json_array_size(sent.arr) + json_array_size(recv.arr) == 0);
	render_view(req, 200, "mapping_list", "partners.invitations", m);
}

struct create_w {
	int64_t county_id, case_id, by, id, invitation_id;
	const char *message, *title;
	int64_t ids[PARTNERS_MAX_PARTICIPANTS + 1];
	int n;
	bool assessment;
	struct field_error *fe;
};

static enum err create_run(struct db *db, void *arg)
{
	struct create_w *w = arg;
	if (w->assessment)
		return assessment_create(db, w->county_id, w->case_id, w->by, w->title, w->invitation_id, w->ids, w->n,
					 &w->id, w->fe);
	return mapping_create(db, w->county_id, w->case_id, w->by, w->message, w->ids, w->n, &w->id, w->fe);
}

/* A refused invitation from the child's own invitation page
 * (/children/{id}/mapping-invitations/new) comes back as that page with
 * what was chosen and typed (api/mapping_new.c); anything else answers the
 * error. */
static void create_fail(struct request *req, struct auth_state *a, bool assessment, int64_t child_id, enum err e,
			const struct field_error *fe)
{
	if (!assessment && req->nparam && child_id == req->param[0] && (e == ERR_INVALID || e == ERR_CONFLICT) &&
	    !req->wants_json && req->nform)
		mapping_new_again(req, a, child_id, fe);
	else
		render_error(req, e, fe);
}

/* POST /api/v1/mapping-invitations {child_id, invitees[], message} and
 * POST /api/v1/children/{id}/assessments {title, invitation_id?, participants[]}
 * (and the pages' forms). */
static void create_common(struct request *req, struct auth_state *a, bool assessment)
{
	static const char *const fi[] = { "child_id", "invitees", "message", NULL };
	static const char *const fa[] = { "title", "invitation_id", "participants", NULL };
	struct field_error fe = { 0 };
	struct create_w w = { .county_id = a->p.county_id, .by = a->p.account_id, .assessment = assessment, .fe = &fe };
	struct access_answer ans;
	struct input in = { 0 };
	struct audit_entry ae;
	int64_t child_id = req->nparam ? req->param[0] : 0;
	bool present = false;
	enum err e = input_init(&in, req, assessment ? fa : fi, &fe);

	if (!e && !assessment) {
		e = input_int(&in, "child_id", &child_id, &present, &fe);
		if (!e && !present)
			e = validate_fail(&fe, "child_id", "required", "child_id is required");
	}
	if (!e) e = input_int_list(&in, assessment ? "participants" : "invitees", w.ids,
				   assessment ? PARTNERS_MAX_PARTICIPANTS : PARTNERS_MAX_INVITEES, &w.n, &fe);
	if (!e && assessment) e = input_str(&in, "title", &w.title, &fe);
	if (!e && assessment) e = input_int(&in, "invitation_id", &w.invitation_id, &present, &fe);
	if (!e && !assessment) e = input_str(&in, "message", &w.message, &fe);
	if (e) {
		create_fail(req, a, assessment, child_id, e, &fe);
		input_release(&in);
		return;
	}
	/* Inviting is an own record of whoever may read the child; an
	 * assessment is the child's team's. */
	if (!access_child(req, a, child_id, assessment ? ACT_CLIENT_WRITE : ACT_RECORD_WRITE, "create", &ans)) {
		input_release(&in);
		return;
	}
	w.case_id = ans.case_id;
	access_entry(&a->ax, &ae, "create", assessment ? "assessment" : "mapping_invitation", 0, &ans.d);
	ae.person_id = ans.person_id;
	ae.case_id = ans.case_id;
	e = access_write_entry(&a->ax, ((struct app *)req->app)->writer, create_run, &w, &ae, &w.id);
	if (e) {
		create_fail(req, a, assessment, child_id, e, &fe);
	} else if (req->wants_json) {
		render_json(req, 201, json_pack("{s:I}", "id", (json_int_t)w.id));
	} else {
		char loc[64];
		snprintf(loc, sizeof(loc), assessment ? "/assessments/%lld" : "/mapping-invitations/%lld", (long long)w.id);
		render_redirect(req, loc);
	}
	input_release(&in);
}

void mapping_create_api(struct request *req, struct auth_state *a) { create_common(req, a, false); }
void assessment_create_api(struct request *req, struct auth_state *a) { create_common(req, a, true); }

struct board_acc {
	struct request *req;
	json_t *arr;
	int64_t me;
	struct mapping_invitee mine;
	bool invited;
	int yes, no, waiting;
};

static void board_cb(void *ctx, const struct mapping_invitee *r)
{
	struct board_acc *b = ctx;
	json_array_append_new(b->arr, answer_json(b->req, r));
	if (r->account_id == b->me) {
		b->mine = *r;
		b->invited = true;
	}
	if (!r->answered_at[0])
		b->waiting++;
	else if (mapping_said_yes(r))
		b->yes++;
	else
		b->no++;
}

static void mapping_show(struct request *req, struct auth_state *a, int status, const struct field_error *fe)
{
	struct db *db = app_db(req->app);
	struct access_answer ans;
	struct mapping_invitation inv;
	struct board_acc b = { req, json_array(), a->p.account_id };
	json_t *m;
	enum err e;

	if (!access_check_answer(req, a, access_multiagency(&a->ax, db, ACT_INVITATION, req->param[0], "read", &ans), &ans)) {
		json_decref(b.arr);
		return;
	}
	e = mapping_get(db, req->param[0], &inv);
	if (!e) e = mapping_invitees(db, inv.id, board_cb, &b);
	/* The summary beyond name and age leaves the organisation only to a
	 * partner who said yes: that disclosure is logged. */
	if (!e && (ans.d.fields & FIELD_TEAM))
		e = access_disclose(&a->ax, &ans, "mapping_invitation", inv.id);
	if (e) {
		json_decref(b.arr);
		render_error(req, e, NULL);
		return;
	}
	m = json_object();
	jv_set_int(m, "id", inv.id);
	jv_set_str(m, "message", inv.message);
	jv_set_str(m, "created_at", inv.created_at);
	jv_set_str(m, "inviter", inv.inviter_name);
	jv_set_bool(m, "is_inviter", inv.inviter_id == a->p.account_id);
	jv_set(m, "child", child_summary(&ans));
	jv_set_bool(m, "summary", (ans.d.fields & FIELD_TEAM) != 0);
	jv_set_str(m, "audience", audience_name(ans.d.audience));
	if (b.invited) {
		jv_set(m, "my_answer", answer_json(req, &b.mine));
		jv_set_bool(m, "can_answer", !b.mine.answered_at[0]);
	}
	if (ans.d.fields & FIELD_ASSESSMENT) {
		json_t *board = json_object();
		jv_set(board, "invitees", b.arr);
		jv_set_int(board, "yes", b.yes);
		jv_set_int(board, "no", b.no);
		jv_set_int(board, "waiting", b.waiting);
		jv_set(m, "board", board);
	} else {
		json_decref(b.arr);
	}
	if (inv.assessment_id)
		jv_set_int(m, "assessment_id", inv.assessment_id);
	jv_set_bool(m, "can_assess", ans.can_write && !inv.assessment_id);
	if (fe && fe->field) {
		json_t *form = json_object();
		jv_set(form, "v", json_object());
		jv_set(m, "answer_form", form);
		form_fail(req, m, form, "answer", (const struct form_field[]){ { "has_info", "partners.q_has_info" },
			  { "shares_concern", "partners.q_shares_concern" }, { "available", "partners.q_available" },
			  { "note", "partners.field_note" }, { "answer", "partners.answer_heading" }, { NULL, NULL } }, fe);
	}
	render_view(req, status, "mapping", "partners.invitation", m);
}

void mapping_view(struct request *req, struct auth_state *a) { mapping_show(req, a, 200, NULL); }

struct answer_w {
	int64_t id, account_id;
	const char *has_info, *shares_concern, *available, *note;
	struct field_error *fe;
};

static enum err answer_run(struct db *db, void *arg)
{
	struct answer_w *w = arg;
	return mapping_answer(db, w->id, w->account_id, w->has_info, w->shares_concern, w->available, w->note, w->fe);
}

/* POST /api/v1/mapping-invitations/{id}/answer {has_info, shares_concern,
 * available: yes|maybe|no, note} and the page's form; a form's "all"
 * (yes|no) answers the three questions in one click. */
void mapping_answer_api(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "has_info", "shares_concern", "available", "note", "all", NULL };
	struct field_error fe = { 0 };
	struct answer_w w = { .id = req->param[0], .account_id = a->p.account_id, .fe = &fe };
	struct access_answer ans;
	struct input in = { 0 };
	const char *all = NULL;
	enum err e;

	if (!access_check_answer(req, a, access_multiagency(&a->ax, app_db(req->app), ACT_INVITATION, req->param[0],
							    "update", &ans), &ans))
		return;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "has_info", &w.has_info, &fe);
	if (!e) e = input_str(&in, "shares_concern", &w.shares_concern, &fe);
	if (!e) e = input_str(&in, "available", &w.available, &fe);
	if (!e) e = input_str(&in, "note", &w.note, &fe);
	if (!e) e = input_str(&in, "all", &all, &fe);
	if (!e && all && *all)
		w.has_info = w.shares_concern = w.available = all;
	if (!e)
		e = access_write_req(req, answer_run, &w);
	if (e == ERR_NOT_FOUND) {
		validate_fail(&fe, "answer", "partners_not_invited", "only those invited answer an invitation");
		render_error(req, ERR_DENIED, &fe);
	} else if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform) {
		mapping_show(req, a, 422, &fe);
	} else if (e) {
		render_error(req, e, &fe);
	} else if (req->wants_json) {
		render_json(req, 200, json_pack("{s:I, s:b}", "id", (json_int_t)w.id, "answered", 1));
	} else {
		char loc[64];
		snprintf(loc, sizeof(loc), "/mapping-invitations/%lld", (long long)w.id);
		render_redirect(req, loc);
	}
	input_release(&in);
}

/* ---- multi-agency assessments ---------------------------------------------------- */

struct asm_acc {
	struct request *req;
	json_t *arr;
};

static void asm_row(void *ctx, const struct assessment_row *r)
{
	struct asm_acc *c = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_str(j, "title", r->title);
	jv_set_str(j, "created_at", r->created_at);
	jv_set_str(j, "created_by", r->creator_name);
	jv_set(j, "invitation_id", r->invitation_id ? json_integer(r->invitation_id) : json_null());
	json_array_append_new(c->arr, j);
}

/* GET /api/v1/children/{id}/assessments. */
void assessment_list_api(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	struct asm_acc c = { req, NULL };
	json_t *m;
	enum err e;

	if (!access_child(req, a, req->param[0], ACT_CLIENT_READ, "read", &ans))
		return;
	if (!(ans.d.fields & FIELD_ASSESSMENT)) {
		struct field_error fe = { 0 };
		validate_fail(&fe, "assessments", "partners_not_participant", "the child's assessments are for the child's team");
		render_error(req, ERR_DENIED, &fe);
		return;
	}
	c.arr = json_array();
	e = assessment_list_case(app_db(req->app), ans.case_id, asm_row, &c);
	if (e) {
		json_decref(c.arr);
		render_error(req, e, NULL);
		return;
	}
	m = json_object();
	jv_set(m, "child", child_summary(&ans));
	jv_set(m, "assessments", c.arr);
	render_json(req, 200, m);
}

struct col_acc {
	struct request *req;
	json_t *cols;    /* [{key, name, family, organisation}] */
	json_t *views;   /* the newest views */
};

static void part_cb(void *ctx, const struct assessment_participant *p)
{
	struct col_acc *c = ctx;
	json_t *j = json_object();
	char key[32];
	snprintf(key, sizeof(key), "a%lld", (long long)p->account_id);
	jv_set_str(j, "key", key);
	jv_set_int(j, "account_id", p->account_id);
	jv_set_str(j, "name", p->display_name);
	jv_set_str(j, "title", p->title);
	jv_set_str(j, "organisation", p->organisation);
	jv_set_bool(j, "family", false);
	json_array_append_new(c->cols, j);
}

static void view_cb(void *ctx, const struct assessment_view *v)
{
	struct col_acc *c = ctx;
	json_t *j = json_object();
	char key[32];
	snprintf(key, sizeof(key), v->family ? "f%lld" : "a%lld", (long long)v->author_id);
	jv_set_int(j, "id", v->id);
	jv_set_str(j, "key", key);
	jv_set_str(j, "area", v->area);
	jv_set_int(j, "author_id", v->author_id);
	jv_set_str(j, "author", v->author_name);
	jv_set_bool(j, "family", v->family);
	jv_set(j, "rating", v->rating ? json_integer(v->rating) : json_null());
	jv_set_str(j, "text", v->text);
	jv_set_str(j, "created_at", v->created_at);
	json_array_append_new(c->views, j);
}

static json_t *find_key(json_t *arr, const char *key)
{
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o)
		if (json_is_string(json_object_get(o, "key")) && !strcmp(json_string_value(json_object_get(o, "key")), key))
			return o;
	return NULL;
}

/* The page's areas and the form's area choices under their headings,
 * "Child" and "Parenting" (m.groups[{group,label,span,areas[]}] and
 * m.area_groups[{label,options[]}]), from m.areas and m.area_options. */
static void assessment_groups(struct request *req, json_t *m, size_t span)
{
	json_t *groups = json_array(), *opt_groups = json_array(), *g = NULL, *og = NULL, *row, *opt;
	size_t i;
	char key[48];

	json_array_foreach(json_object_get(m, "areas"), i, row) {
		const char *grp = json_string_value(json_object_get(row, "group"));
		if (!grp)
			continue;
		if (!g || strcmp(json_string_value(json_object_get(g, "group")), grp)) {
			snprintf(key, sizeof(key), "partners.group.%s", grp);
			g = json_object();
			jv_set_str(g, "group", grp);
			jv_set_str(g, "label", render_t(req, key));
			jv_set_int(g, "span", (json_int_t)span);
			jv_set(g, "areas", json_array());
			json_array_append_new(groups, g);
			og = json_object();
			jv_set_str(og, "label", render_t(req, key));
			jv_set(og, "options", json_array());
			json_array_append_new(opt_groups, og);
		}
		json_array_append(json_object_get(g, "areas"), row);
		/* The option of the same area (the shared, cached choices are copied, never changed). */
		opt = json_array_get(json_object_get(m, "area_options"), i);
		if (opt)
			json_array_append_new(json_object_get(og, "options"), json_deep_copy(opt));
	}
	jv_set(m, "groups", groups);
	jv_set(m, "area_groups", opt_groups);
}

static void assessment_show(struct request *req, struct auth_state *a, int status, const struct field_error *fe)
{
	struct db *db = app_db(req->app);
	struct access_answer ans;
	struct assessment_row r;
	struct col_acc c = { req, NULL, NULL };
	json_t *m, *areas, *v, *form;
	size_t i;
	enum err e;

	if (!access_check_answer(req, a, access_multiagency(&a->ax, db, ACT_ASSESSMENT, req->param[0], "read", &ans), &ans))
		return;
	c.cols = json_array();
	c.views = json_array();
	e = assessment_get(db, req->param[0], &r);
	if (!e) e = assessment_participants(db, r.id, part_cb, &c);
	if (!e) e = assessment_views(db, r.id, view_cb, &c);
	if (!e) e = access_disclose(&a->ax, &ans, "assessment", r.id);
	if (e) {
		json_decref(c.cols);
		json_decref(c.views);
		render_error(req, e, NULL);
		return;
	}
	/* The family's own views are a column of their own, first. */
	json_array_foreach(c.views, i, v) {
		const char *key = json_string_value(json_object_get(v, "key"));
		if (!find_key(c.cols, key)) {
			json_t *col = json_object();
			bool fam = json_is_true(json_object_get(v, "family"));
			jv_set_str(col, "key", key);
			jv_set_int(col, "account_id", json_integer_value(json_object_get(v, "author_id")));
			jv_set(col, "name", fam ? render_label_json(req, "partners", "family_view")
						: json_incref(json_object_get(v, "author")));
			jv_set_bool(col, "family", fam);
			if (fam) {
				jv_set(col, "recorded_by", json_incref(json_object_get(v, "author")));
				json_array_insert_new(c.cols, 0, col);
			} else {
				json_array_append_new(c.cols, col);
			}
		}
	}
	/* areas x participants: each row an area, each cell a view or empty. */
	areas = json_array();
	for (int k = 0; assessment_areas[k]; k++) {
		json_t *row = json_object(), *cells = json_array(), *col;
		size_t ci;
		jv_set_str(row, "area", assessment_areas[k]);
		jv_set(row, "label", render_label_json(req, "partners.area", assessment_areas[k]));
		jv_set_str(row, "group", !strncmp(assessment_areas[k], "child_", 6) ? "child" : "parenting");
		jv_set_bool(row, "group_start", k == 0 || !strcmp(assessment_areas[k], "parenting_strengths"));
		json_array_foreach(c.cols, ci, col) {
			json_t *cell = json_object(), *found = NULL, *view;
			size_t vi;
			const char *key = json_string_value(json_object_get(col, "key"));
			json_array_foreach(c.views, vi, view)
				if (!strcmp(json_string_value(json_object_get(view, "key")), key) &&
				    !strcmp(json_string_value(json_object_get(view, "area")), assessment_areas[k]))
					found = view;
			jv_set(cell, "who", json_incref(json_object_get(col, "name")));
			jv_set_bool(cell, "family", json_is_true(json_object_get(col, "family")));
			if (found) {
				jv_set(cell, "rating", json_incref(json_object_get(found, "rating")));
				jv_set(cell, "text", json_incref(json_object_get(found, "text")));
				jv_set(cell, "at", json_incref(json_object_get(found, "created_at")));
				jv_set(cell, "by", json_incref(json_object_get(found, "author")));
			}
			jv_set_bool(cell, "empty", !found);
			json_array_append_new(cells, cell);
		}
		jv_set(row, "cells", cells);
		json_array_append_new(areas, row);
	}
	m = json_object();
	jv_set_int(m, "id", r.id);
	jv_set_str(m, "title", r.title);
	jv_set_str(m, "created_at", r.created_at);
	jv_set_str(m, "created_by", r.creator_name);
	jv_set(m, "invitation_id", r.invitation_id ? json_integer(r.invitation_id) : json_null());
	jv_set(m, "child", child_summary(&ans));
	jv_set(m, "columns", c.cols);
	jv_set(m, "views", c.views);
	jv_set(m, "areas", areas);
	jv_set_bool(m, "can_record_family", policy_may_record_family_view(&ans.d));
	form = json_object();
	v = json_object();
	jv_set_str(v, "area", "child_strengths");
	jv_set_str(v, "rating", "");
	jv_set_str(v, "text", "");
	jv_set(form, "v", v);
	jv_set(m, "view_form", form);
	{
		const char *posted = status == 200 ? "child_strengths" : form_posted(req, "area");
		jv_set(m, "area_options", render_options(req, assessment_areas, "partners.area", posted));
	}
	if (!req->wants_json)
		assessment_groups(req, m, json_array_size(c.cols) + 1);
	if (fe && fe->field)
		form_fail(req, m, form, "view", (const struct form_field[]){ { "area", "partners.field_area" },
			  { "rating", "partners.field_rating" }, { "text", "partners.field_words" }, { NULL, NULL } }, fe);
	render_view(req, status, "assessment", "partners.assessment", m);
}

void assessment_view_page(struct request *req, struct auth_state *a) { assessment_show(req, a, 200, NULL); }

struct view_w {
	int64_t id, author_id, view_id;
	const char *area, *text;
	int rating;
	bool family;
	struct field_error *fe;
};

static enum err view_run(struct db *db, void *arg)
{
	struct view_w *w = arg;
	return assessment_add_view(db, w->id, w->area, w->author_id, w->family, w->rating, w->text, &w->view_id, w->fe);
}

/* POST /api/v1/assessments/{id}/views {area, rating, text, family}. */
void assessment_view_add(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "area", "rating", "text", "family", NULL };
	struct field_error fe = { 0 };
	struct view_w w = { .id = req->param[0], .author_id = a->p.account_id, .fe = &fe };
	struct access_answer ans;
	struct input in = { 0 };
	int64_t rating = 0;
	bool present = false;
	enum err e;

	if (!access_check_answer(req, a, access_multiagency(&a->ax, app_db(req->app), ACT_ASSESSMENT, req->param[0],
							    "update", &ans), &ans))
		return;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "area", &w.area, &fe);
	if (!e && !req->wants_json && req->nform && !*form_posted(req, "rating"))
		present = false;   /* an empty rating field: words only */
	else if (!e)
		e = input_int(&in, "rating", &rating, &present, &fe);
	if (!e) e = input_str(&in, "text", &w.text, &fe);
	if (!e) e = input_bool(&in, "family", &w.family, &present, &fe);
	w.rating = rating < 0 || rating > 10 ? -1 : (int)rating;
	if (!e && w.family && !policy_may_record_family_view(&ans.d))
		e = validate_fail(&fe, "family", "partners_family_view",
				  "the family's own view is recorded by a worker of the child's team with the family");
	if (!e)
		e = access_write_req(req, view_run, &w);
	if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform) {
		assessment_show(req, a, 422, &fe);
	} else if (e) {
		render_error(req, e, &fe);
	} else if (req->wants_json) {
		render_json(req, 201, json_pack("{s:I}", "id", (json_int_t)w.view_id));
	} else {
		char loc[64];
		snprintf(loc, sizeof(loc), "/assessments/%lld", (long long)w.id);
		render_redirect(req, loc);
	}
	input_release(&in);
}

void partners_work_model(struct request *req, struct auth_state *a, json_t *m)
{
	struct db *db = app_db(req->app);
	int n = 0;
	if (db && a->p.kind != KIND_FAMILY && a->p.role != ROLE_ADMIN && !mapping_unanswered(db, a->p.account_id, &n))
		jv_set_int(m, "mapping_waiting", n);
}
