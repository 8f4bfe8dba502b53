/*
 * familyview.c - the family view (perhenäkymä, issue 15): a child's family
 * across sectors, as JSON, as an SVG (the genogram's layout and drawing
 * with each member's services beside them) and as a page with the form
 * that records a service; and the family portal's two slots (upcoming
 * meetings, the Three Houses).
 *
 * Every read and write asks the door for the child's FIELD_SERVICES
 * (access_child_fields), which logs it, a partner's read as a disclosure;
 * what one row shows of a non-disclosed person is model/familyview.h's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/familyview.h"
#include "api/form.h"
#include "api/genogram_draw.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/render.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/familyview.h"
#include "model/genogram.h"
#include "model/partners.h"
#include "model/threehouses.h"
#include "model/tooldoor.h"
#include "view/jv.h"
#include "view/tmpl.h"

#define PICTURE_MAX (8u << 20)
#define NOTE_MAX 8192

static const struct form_field service_fields[] = {
	{ "person_id", "familyview.field.person_id" }, { "service_id", "familyview.field.service_id" },
	{ "org_name", "familyview.field.org_name" }, { "service_name", "familyview.field.service_name" },
	{ "worker_name", "familyview.field.worker_name" }, { "worker_contact", "familyview.field.worker_contact" },
	{ "from_date", "familyview.field.from_date" }, { "to_date", "familyview.field.to_date" }, { NULL, NULL } };

static struct writer *writer_of(struct request *req)
{
	return req->app ? ((struct app *)req->app)->writer : NULL;
}

/* The door: FIELD_SERVICES of the child, logged; the case row whole. */
static bool services_access(struct request *req, struct auth_state *a, enum action act, const char *log_action,
			    struct access_answer *ans)
{
	if (!access_child_fields(req, a, req->param[0], act, FIELD_SERVICES, log_action, ans))
		return false;
	if (access_answer_case(app_db(req->app), ans)) {
		render_error(req, ERR_UNAVAILABLE, NULL);
		return false;
	}
	return true;
}

/* ---- what the reader sees -------------------------------------------------- */

struct fam {
	struct request *req;
	struct familyview_member m[FAMILYVIEW_MAX_MEMBERS];
	size_t nm;
	struct person_service_row *s;
	size_t ns, caps;
	enum err err;
};

static void member_cb(void *ctx, const struct familyview_member *m)
{
	struct fam *f = ctx;
	for (size_t i = 0; i < f->nm; i++)
		if (f->m[i].person_id == m->person_id)
			return;   /* related twice (parent and guardian rows): once */
	if (f->nm < FAMILYVIEW_MAX_MEMBERS)
		f->m[f->nm++] = *m;
}

static void service_cb(void *ctx, const struct person_service_row *r)
{
	struct fam *f = ctx;
	if (f->ns == f->caps) {
		size_t cap = f->caps ? 2 * f->caps : 16;
		struct person_service_row *n = realloc(f->s, cap * sizeof(*n));
		if (!n) {
			f->err = ERR_NOMEM;
			return;
		}
		f->s = n, f->caps = cap;
	}
	f->s[f->ns++] = *r;
}

static enum err fam_load(struct request *req, const struct access_answer *ans, struct fam *f)
{
	struct db *db = app_db(req->app);
	enum err e;
	memset(f, 0, sizeof(*f));
	f->req = req;
	e = familyview_members(db, ans->c.child_id, member_cb, f);
	if (!e)
		e = familyview_services(db, ans->c.child_id, &ans->d, service_cb, f);
	return e ? e : f->err;
}

static void fam_release(struct fam *f)
{
	free(f->s);
	f->s = NULL;
}

static void date_local(struct request *req, const char *iso, char *out, size_t n)
{
	tmpl_format_date(iso, req->lang ? req->lang : "fi", out, n);
}

static json_t *service_json(struct request *req, const struct person_service_row *r)
{
	json_t *j = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_int(j, "person_id", r->person_id);
	jv_set_bool(j, "hidden", r->hidden);
	jv_set_bool(j, "current", r->current);
	if (!r->hidden) {
		if (r->service_id)
			jv_set_int(j, "service_id", r->service_id);
		jv_set_str(j, "org_name", r->org_name);
		if (r->org_kind[0])
			jv_set(j, "org_kind_label", render_label_json(req, "partners.kind", r->org_kind));
		jv_set_str(j, "service_name", r->service_name);
		jv_set_str(j, "worker_name", r->worker_name);
		jv_set_str(j, "worker_contact", r->worker_contact);
	}
	jv_set_str(j, "from_date", r->from_date);
	if (r->to_date[0])
		jv_set_str(j, "to_date", r->to_date);
	jv_set_str(j, "recorded_by", r->recorded_by);
	jv_set_str(j, "recorded_at", r->recorded_at);
	return j;
}

/* The note drawn beside member person_id: its services, current first. */
static void member_note(struct request *req, const struct fam *f, int64_t person_id, char *out, size_t n)
{
	size_t len = 0;
	int shown = 0, more = 0;
	out[0] = '\0';
	for (size_t i = 0; i < f->ns; i++) {
		const struct person_service_row *r = &f->s[i];
		char from[32], to[32], line[3400];
		if (r->person_id != person_id)
			continue;
		if (shown == 3) {
			more++;
			continue;
		}
		if (r->hidden) {
			snprintf(line, sizeof(line), "%s%s", len ? "\n" : "", render_t(req, "familyview.hidden_short"));
		} else {
			date_local(req, r->from_date, from, sizeof(from));
			date_local(req, r->to_date, to, sizeof(to));
			snprintf(line, sizeof(line), "%s%s%s%s\n %s–%s%s%s", len ? "\n" : "",
				 r->service_name, r->org_name[0] ? ", " : "", r->org_name, from, r->to_date[0] ? to : "",
				 r->worker_name[0] ? " · " : "", r->worker_name);
		}
		if (len + strlen(line) + 1 >= n)
			break;
		memcpy(out + len, line, strlen(line) + 1);
		len += strlen(line);
		shown++;
	}
	if (more && len + 40 < n)
		snprintf(out + len, n - len, "\n %s %d", render_t(req, "familyview.more"), more);
}

/* The register's household as a genogram when the case has none or the
 * reader does not see the toolbox: the child and its relatives, parents'
 * lines to the child. */
static enum err register_genogram(const struct access_answer *ans, const struct fam *f, struct genogram *g)
{
	memset(g, 0, sizeof(*g));
	g->case_id = ans->case_id;
	g->p = calloc(f->nm + 1, sizeof(*g->p));
	g->r = calloc(f->nm + 1, sizeof(*g->r));
	if (!g->p || !g->r) {
		free(g->p);
		free(g->r);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < f->nm; i++) {
		struct genogram_person *p = &g->p[g->np++];
		p->id = (int64_t)i + 1;
		p->person_id = f->m[i].person_id;
		str_lcpy(p->name, f->m[i].name, sizeof(p->name));
		str_lcpy(p->sex, "other", sizeof(p->sex));
		p->birth_year = (int)strtol(f->m[i].birth_date, NULL, 10);
		p->is_child = !strcmp(f->m[i].relation, "self");
		if (p->is_child)
			continue;
		if (strstr(f->m[i].relation, "parent") || !strcmp(f->m[i].relation, "sibling")) {
			struct genogram_relation *r = &g->r[g->nr++];
			r->id = (int64_t)g->nr;
			r->a_id = p->id;
			r->b_id = 1;   /* the child comes first */
			str_lcpy(r->kind, !strcmp(f->m[i].relation, "sibling") ? "sibling" : f->m[i].relation,
				 sizeof(r->kind));
		}
	}
	return ERR_OK;
}

/* The picture: the case's genogram when the reader sees the toolbox and it
 * has persons, else the register's household; services as notes. */
static enum err family_picture(struct request *req, const struct access_answer *ans, const struct fam *f,
			       struct picture *pic, bool *from_genogram)
{
	struct genogram g = { 0 };
	char **notes = NULL;
	char title[300], desc[300];
	enum err e = ERR_OK;

	*from_genogram = false;
	if (ans->d.fields & FIELD_TOOLBOX) {
		e = genogram_load(app_db(req->app), ans->case_id, &g);
		if (!e && !g.np)
			genogram_release(&g);
		else if (!e)
			*from_genogram = true;
	}
	if (!e && !*from_genogram)
		e = register_genogram(ans, f, &g);
	if (e)
		return e;
	notes = calloc(g.np + 1, sizeof(*notes));
	for (size_t i = 0; notes && i < g.np; i++) {
		if (!g.p[i].person_id || !(notes[i] = malloc(NOTE_MAX)))
			continue;
		member_note(req, f, g.p[i].person_id, notes[i], NOTE_MAX);
	}
	snprintf(title, sizeof(title), "%s: %s", render_t(req, "familyview.title"), ans->c.child_name);
	snprintf(desc, sizeof(desc), "%s: %d, %s: %d", render_t(req, "familyview.members_count"), (int)f->nm,
		 render_t(req, "familyview.services_count"), (int)f->ns);
	e = notes ? genogram_draw_notes(&g, (const char *const *)notes, title, desc, pic) : ERR_NOMEM;
	for (size_t i = 0; notes && i < g.np; i++)
		free(notes[i]);
	free(notes);
	if (*from_genogram)
		genogram_release(&g);
	else {
		free(g.p);
		free(g.r);
	}
	return e;
}

/* The partner map's services as choices "Org: Service". */
struct svc_acc {
	json_t *arr;
	const char *chosen;
	int64_t org_ids[200];
	char org_names[200][128];
	int norgs;
};

static void svc_org_cb(void *ctx, const struct partner_org *o)
{
	struct svc_acc *s = ctx;
	if (s->norgs < 200) {
		s->org_ids[s->norgs] = o->id;
		str_lcpy(s->org_names[s->norgs++], o->name, sizeof(s->org_names[0]));
	}
}

static void svc_cb(void *ctx, const struct partner_service *sv)
{
	struct svc_acc *s = ctx;
	char label[600], value[24];
	const char *org = "";
	for (int i = 0; i < s->norgs; i++)
		if (s->org_ids[i] == sv->org_id)
			org = s->org_names[i];
	snprintf(label, sizeof(label), "%s: %s", org, sv->name);
	snprintf(value, sizeof(value), "%lld", (long long)sv->id);
	json_array_append_new(s->arr, json_pack("{s:s, s:s, s:b}", "value", value, "label", label, "selected",
						s->chosen && !strcmp(s->chosen, value)));
}

static void svc_person_cb(void *ctx, const struct partner_person *p)
{
	(void)ctx, (void)p;   /* the map's people are not services */
}

static json_t *service_form(struct request *req, struct auth_state *a, const struct fam *f)
{
	json_t *form = json_object(), *persons = json_array(), *v = json_object();
	struct svc_acc *s = calloc(1, sizeof(*s));
	const char *chosen = req->nform ? form_posted(req, "person_id") : "";
	char today[11], value[24];
	struct partner_map_cb cb = { svc_org_cb, svc_cb, svc_person_cb, s };

	json_array_append_new(persons, json_pack("{s:s, s:s, s:b}", "value", "", "label",
						 render_t(req, "familyview.choose"), "selected", !*chosen));
	for (size_t i = 0; i < f->nm; i++) {
		char label[300];
		snprintf(value, sizeof(value), "%lld", (long long)f->m[i].person_id);
		snprintf(label, sizeof(label), "%s (%s)", f->m[i].name,
			 render_label(req, "familyview.relation", f->m[i].relation));
		json_array_append_new(persons, json_pack("{s:s, s:s, s:b}", "value", value, "label", label, "selected",
							 !strcmp(chosen, value)));
	}
	jv_set(form, "persons", persons);
	if (s) {
		s->arr = json_array();
		s->chosen = req->nform ? form_posted(req, "service_id") : "";
		json_array_append_new(s->arr, json_pack("{s:s, s:s, s:b}", "value", "", "label",
							render_t(req, "familyview.free_text"), "selected", !*s->chosen));
		partner_search(app_db(req->app), a->p.county_id, "", 200, &cb);
		jv_set(form, "services", s->arr);
		free(s);
	}
	date_format(date_today(), today);
	jv_set_str(v, "from_date", today);
	jv_set(form, "v", v);
	jv_set_str(form, "today", today);
	return form;
}

static json_t *family_model(struct request *req, struct auth_state *a, const struct access_answer *ans,
			    const struct fam *f, const char *svg, bool from_genogram)
{
	json_t *m = json_object(), *members = json_array(), *child = json_object();
	char href[96];

	jv_set_int(child, "id", ans->c.child_id);
	jv_set_str(child, "name", ans->c.child_name);
	jv_set(m, "child", child);
	jv_set_str(m, "audience", audience_name(ans->d.audience));
	for (size_t i = 0; i < f->nm; i++) {
		json_t *mj = json_object(), *svcs = json_array();
		jv_set_int(mj, "person_id", f->m[i].person_id);
		jv_set_str(mj, "name", f->m[i].name);
		jv_set_str(mj, "relation", f->m[i].relation);
		jv_set(mj, "relation_label", render_label_json(req, "familyview.relation", f->m[i].relation));
		if (f->m[i].birth_date[0] && (ans->d.fields & FIELD_AGE))
			jv_set_str(mj, "birth_date", f->m[i].birth_date);
		if (ans->d.audience == AUD_CASE_WORKER || ans->d.audience == AUD_BREAK_GLASS)
			jv_set_bool(mj, "non_disclosure", f->m[i].non_disclosure);
		for (size_t k = 0; k < f->ns; k++)
			if (f->s[k].person_id == f->m[i].person_id)
				json_array_append_new(svcs, service_json(req, &f->s[k]));
		jv_set_bool(mj, "has_services", json_array_size(svcs) > 0);
		jv_set(mj, "services", svcs);
		json_array_append_new(members, mj);
	}
	jv_set(m, "members", members);
	jv_set_int(m, "services_count", (json_int_t)f->ns);
	jv_set_bool(m, "from_genogram", from_genogram);
	snprintf(href, sizeof(href), "/api/v1/children/%lld/family-view.svg", (long long)ans->c.child_id);
	jv_set_str(m, "svg_href", href);
	jv_set_bool(m, "can_write", ans->can_write);
	if (svg)
		jv_set_str(m, "svg", svg);
	if (ans->can_write && !req->wants_json)
		jv_set(m, "service_form", service_form(req, a, f));
	return m;
}

static void family_page(struct request *req, struct auth_state *a, const struct access_answer *ans, int status,
			const struct field_error *fe)
{
	struct fam f;
	struct picture pic = { 0 };
	struct buf svg;
	bool from_genogram = false;
	json_t *m;
	enum err e = fam_load(req, ans, &f);

	buf_init(&svg, PICTURE_MAX);
	if (!e && !req->wants_json)
		e = family_picture(req, ans, &f, &pic, &from_genogram);
	if (!e && !req->wants_json)
		e = picture_svg(&pic, &svg);
	picture_release(&pic);
	if (e) {
		fam_release(&f);
		buf_release(&svg);
		render_error(req, e, NULL);
		return;
	}
	m = family_model(req, a, ans, &f, svg.len ? buf_str(&svg) : NULL, from_genogram);
	if (fe) {
		json_t *state = json_object_get(m, "service_form"), *scratch = NULL;
		if (!state)
			state = scratch = json_object();
		form_fail(req, m, state, "service", service_fields, fe);
		json_decref(scratch);
	}
	fam_release(&f);
	buf_release(&svg);
	render_view(req, status, "familyview", "familyview.title", m);
}

/* GET /api/v1/children/{id}/family-view and the page /children/{id}/family-view */
void familyview_view(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	if (!services_access(req, a, ACT_CLIENT_READ, "read", &ans))
		return;
	family_page(req, a, &ans, 200, NULL);
}

/* GET /api/v1/children/{id}/family-view.svg */
void familyview_svg(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	struct fam f;
	struct picture pic = { 0 };
	bool from_genogram;
	enum err e;

	if (!services_access(req, a, ACT_CLIENT_READ, "read", &ans))
		return;
	e = fam_load(req, &ans, &f);
	if (!e)
		e = family_picture(req, &ans, &f, &pic, &from_genogram);
	fam_release(&f);
	if (!e) {
		buf_reset(&req->out);
		e = picture_svg(&pic, &req->out);
	}
	picture_release(&pic);
	if (e) {
		buf_reset(&req->out);
		render_error(req, e == ERR_TOO_LARGE ? ERR_TOO_LARGE : ERR_UNAVAILABLE, NULL);
		return;
	}
	request_set(req, 200, "image/svg+xml; charset=utf-8");  /* no-store: http/server.c */
}

/* ---- recording a service ----------------------------------------------------- */

struct service_w {
	struct person_service_new n;
	int64_t id;
	struct field_error *fe;
};

static enum err service_run(struct db *db, void *arg)
{
	struct service_w *w = arg;
	return person_service_add(db, &w->n, &w->id, w->fe);
}

/* POST /api/v1/children/{id}/family-view/services and the page's form */
void familyview_service_save(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "person_id", "service_id", "org_name", "service_name", "worker_name",
					 "worker_contact", "from_date", "to_date", NULL };
	struct field_error fe = { 0 };
	struct service_w w = { .fe = &fe };
	struct access_answer ans;
	struct audit_entry ae;
	struct input in = { 0 };
	int64_t person_id = 0;
	enum err e;

	if (!services_access(req, a, ACT_CLIENT_WRITE, "update", &ans))
		return;
	w.n.case_id = ans.case_id;
	w.n.child_id = ans.c.child_id;
	w.n.county_id = a->p.county_id;
	w.n.by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "person_id", &w.n.person_id, &fe);
	if (!e) e = input_str(&in, "service_id", &w.n.service_id, &fe);
	if (!e) e = input_str(&in, "org_name", &w.n.org_name, &fe);
	if (!e) e = input_str(&in, "service_name", &w.n.service_name, &fe);
	if (!e) e = input_str(&in, "worker_name", &w.n.worker_name, &fe);
	if (!e) e = input_str(&in, "worker_contact", &w.n.worker_contact, &fe);
	if (!e) e = input_str(&in, "from_date", &w.n.from_date, &fe);
	if (!e) e = input_str(&in, "to_date", &w.n.to_date, &fe);
	if (!e) {
		/* The service is the member's data: its own entry names them. */
		if (w.n.person_id)
			person_id = strtoll(w.n.person_id, NULL, 10);
		access_entry(&a->ax, &ae, "create", "person_service", 0, &ans.d);
		ae.person_id = person_id > 0 ? person_id : ans.c.child_id;
		ae.case_id = ans.case_id;
		e = access_write_entry(&a->ax, writer_of(req), service_run, &w, &ae, &w.id);
	}
	if (e) {
		if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform) {
			struct access_answer again;
			/* The page shows the data again: read and logged as a GET is. */
			if (services_access(req, a, ACT_CLIENT_READ, "read", &again))
				family_page(req, a, &again, 422, &fe);
		} else {
			render_error(req, e, &fe);
		}
	} else if (req->wants_json) {
		render_json(req, 201, json_pack("{s:I}", "id", (json_int_t)w.id));
	} else {
		char loc[80];
		snprintf(loc, sizeof(loc), "/children/%lld/family-view", (long long)ans.c.child_id);
		render_redirect(req, loc);
	}
	input_release(&in);
}

/* ---- the family portal's slots --------------------------------------------- */

struct meet_acc {
	struct request *req;
	json_t *arr;
};

static void meeting_cb(void *ctx, const struct familyview_meeting *mt)
{
	struct meet_acc *acc = ctx;
	json_t *j = json_object();
	struct date d;
	char key[48], end[16];
	int h = 0, mi = 0, total;

	jv_set_int(j, "id", mt->meeting_id);
	jv_set_str(j, "kind", mt->kind);
	jv_set(j, "kind_label", render_label_json(acc->req, "familyview.meeting_kind", mt->kind));
	jv_set_str(j, "meets_on", mt->meets_on);
	if (!date_parse(mt->meets_on, &d)) {
		snprintf(key, sizeof(key), "meetings.weekday.%d", date_weekday(d));
		jv_set_str(j, "weekday_label", render_t(acc->req, key));
	}
	jv_set_str(j, "start_time", mt->start_time);
	if (sscanf(mt->start_time, "%d:%d", &h, &mi) == 2) {
		total = (h * 60 + mi + mt->minutes) % (24 * 60);
		snprintf(end, sizeof(end), "%02d:%02d", total / 60, total % 60);
		jv_set_str(j, "end_time", end);
	}
	jv_set_int(j, "minutes", mt->minutes);
	jv_set_str(j, "place", mt->place);
	jv_set_str(j, "video_url", mt->video_url);
	jv_set_str(j, "team_name", mt->team_name);
	json_array_append_new(acc->arr, j);
}

static void houses_cb(void *ctx, const struct threehouses_row *r)
{
	json_t **out = ctx;
	if (*out)
		return;   /* the newest only */
	*out = json_object();
	jv_set_int(*out, "version", r->version);
	jv_set_str(*out, "recorded_on", r->recorded_on);
	jv_set_str(*out, "worries", r->worries ? r->worries : "");
	jv_set_str(*out, "good_things", r->good_things ? r->good_things : "");
	jv_set_str(*out, "dreams", r->dreams ? r->dreams : "");
	jv_set_bool(*out, "shared_with_parents", r->share_parents);
}

enum err familyview_portal_slots(struct request *req, struct auth_state *a, int64_t child_id, int64_t case_id,
				 json_t *m)
{
	struct db *db = app_db(req->app);
	struct meet_acc acc = { req, json_array() };
	struct access_answer ans;
	enum threehouses_filter filter;
	json_t *houses = NULL;
	char today[11];
	bool found = false;
	enum err e;

	date_format(date_today(), today);
	e = familyview_meetings(db, case_id, child_id, a->p.account_id, today, 10, meeting_cb, &acc);
	jv_set(m, "meetings", acc.arr);
	jv_set_bool(m, "has_meetings", json_array_size(acc.arr) > 0);
	if (e)
		return e;
	/* The toolbox door decides which versions this family member sees:
	 * the child every version, a guardian what the child agreed to show. */
	e = tooldoor_open(&a->ax, db, (struct objref){ OBJ_CHILD, child_id }, TOOL_THREE_HOUSES, false, "family_read",
			  &ans, &filter);
	if (e == ERR_DENIED) {
		jv_set(m, "three_houses", json_null());
		return ERR_OK;
	}
	if (!e && filter == THREEHOUSES_PARENTS)
		e = threehouses_visible_to_family(db, case_id, houses_cb, &houses, &found);
	else if (!e && filter == THREEHOUSES_ALL && a->p.person_id == child_id)
		e = threehouses_list(db, case_id, THREEHOUSES_ALL, houses_cb, &houses);
	jv_set(m, "three_houses", houses ? houses : json_null());
	return e;
}
