/*
 * genogram.c - the toolbox's genogram and timeline of a child: the data as
 * JSON, the pictures as SVG and PNG, the pages with their forms, and the
 * changes made from them.  Every read and write asks the door for the
 * child's FIELD_TOOLBOX (api/access.h access_child_fields), which logs it;
 * the pictures go through the same door as the data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/form.h"
#include "api/genogram_draw.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/render.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/genogram.h"
#include "model/person.h"
#include "model/timeline.h"
#include "view/jv.h"

#define PICTURE_MAX (8u << 20)

/* The door for the toolbox: FIELD_TOOLBOX of the child, logged; the
 * answer's case row whole (the child's name for titles). */
static bool toolbox_access(struct request *req, struct auth_state *a, enum action act, const char *log_action,
			   struct access_answer *ans)
{
	if (!access_child_fields(req, a, req->param[0], act, FIELD_TOOLBOX, log_action, ans))
		return false;
	if (access_answer_case(app_db(req->app), ans)) {
		render_error(req, ERR_UNAVAILABLE, NULL);
		return false;
	}
	return true;
}

static const struct form_field person_fields[] = {
	{ "person_id", "genogram.field.person_id" }, { "name", "genogram.field.name" },
	{ "sex", "genogram.field.sex" }, { "birth_year", "genogram.field.birth_year" },
	{ "death_year", "genogram.field.death_year" }, { "deceased", "genogram.field.deceased" },
	{ "note", "genogram.field.note" }, { NULL, NULL } };
static const struct form_field relation_fields[] = {
	{ "a_id", "genogram.field.a_id" }, { "kind", "genogram.field.kind" }, { "b_id", "genogram.field.b_id" },
	{ "from_date", "genogram.field.from_date" }, { "note", "genogram.field.note" }, { NULL, NULL } };
static const struct form_field end_fields[] = {
	{ "relation_id", "genogram.field.relation_id" }, { "to_date", "genogram.field.to_date" },
	{ "kind", "genogram.field.new_kind" }, { NULL, NULL } };
static const struct form_field event_fields[] = {
	{ "event_date", "genogram.field.event_date" }, { "kind", "genogram.field.event_kind" },
	{ "text", "genogram.field.text" }, { NULL, NULL } };

enum toolbox_form { TF_NONE, TF_PERSON, TF_RELATION, TF_END, TF_EVENT };

/* ---- the genogram's model ---------------------------------------------- */

static json_t *person_json(struct request *req, const struct genogram_person *p)
{
	json_t *j = json_object();
	jv_set_int(j, "id", p->id);
	jv_set_str(j, "name", p->name);
	jv_set_str(j, "sex", p->sex);
	jv_set(j, "sex_label", render_label_json(req, "genogram.sex", p->sex));
	if (p->birth_year)
		jv_set_int(j, "birth_year", p->birth_year);
	if (p->death_year)
		jv_set_int(j, "death_year", p->death_year);
	jv_set_bool(j, "deceased", p->deceased);
	jv_set_bool(j, "is_child", p->is_child);
	jv_set_bool(j, "linked", p->person_id != 0);
	if (p->person_id)
		jv_set_int(j, "person_id", p->person_id);
	jv_set_str(j, "note", p->note);
	return j;
}

static json_t *relation_json(struct request *req, const struct genogram *g, const struct genogram_relation *r)
{
	const struct genogram_person *a = genogram_person_find(g, r->a_id), *b = genogram_person_find(g, r->b_id);
	json_t *j = json_object(), *ja = json_object(), *jb = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_int(ja, "id", r->a_id);
	jv_set_str(ja, "name", a ? a->name : "");
	jv_set_int(jb, "id", r->b_id);
	jv_set_str(jb, "name", b ? b->name : "");
	jv_set(j, "a", ja);
	jv_set(j, "b", jb);
	jv_set_str(j, "kind", r->kind);
	jv_set(j, "kind_label", render_label_json(req, "genogram.kind", r->kind));
	if (*r->from_date)
		jv_set_str(j, "from_date", r->from_date);
	if (*r->to_date)
		jv_set_str(j, "to_date", r->to_date);
	jv_set_bool(j, "ended", *r->to_date != '\0');
	if (r->replaces_id)
		jv_set_int(j, "replaces_id", r->replaces_id);
	jv_set_str(j, "note", r->note);
	return j;
}

static json_t *child_json(const struct access_answer *ans)
{
	json_t *c = json_object();
	jv_set_int(c, "id", ans->c.child_id);
	jv_set_str(c, "name", ans->c.child_name);
	return c;
}

/* The persons of the case a genogram person may be linked to. */
struct link_acc {
	json_t *arr;
	const struct genogram *g;
	const char *chosen;
};

static bool linked_already(const struct genogram *g, int64_t person_id)
{
	for (size_t i = 0; i < g->np; i++)
		if (g->p[i].person_id == person_id)
			return true;
	return false;
}

static void link_option(struct link_acc *l, int64_t id, const char *name)
{
	char v[24];
	json_t *o;
	if (linked_already(l->g, id))
		return;
	o = json_object();
	snprintf(v, sizeof(v), "%lld", (long long)id);
	jv_set_str(o, "value", v);
	jv_set_str(o, "label", name);
	jv_set_bool(o, "selected", l->chosen && !strcmp(l->chosen, v));
	json_array_append_new(l->arr, o);
}

static void link_cb(void *ctx, const struct relation_row *r)
{
	link_option(ctx, r->person_id, r->name);
}

/* The genogram persons as <select> choices. */
static json_t *person_options(const struct genogram *g, const char *chosen)
{
	json_t *arr = json_array();
	char v[24];
	for (size_t i = 0; i < g->np; i++) {
		json_t *o = json_object();
		snprintf(v, sizeof(v), "%lld", (long long)g->p[i].id);
		jv_set_str(o, "value", v);
		jv_set_str(o, "label", g->p[i].name);
		jv_set_bool(o, "selected", chosen && !strcmp(chosen, v));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *open_relation_options(struct request *req, const struct genogram *g, const char *chosen)
{
	json_t *arr = json_array();
	char v[24], label[2 * sizeof(g->p[0].name) + 64];
	for (size_t i = 0; i < g->nr; i++) {
		const struct genogram_relation *r = &g->r[i];
		const struct genogram_person *a = genogram_person_find(g, r->a_id), *b = genogram_person_find(g, r->b_id);
		json_t *o;
		if (*r->to_date || !a || !b)
			continue;
		o = json_object();
		snprintf(v, sizeof(v), "%lld", (long long)r->id);
		snprintf(label, sizeof(label), "%s – %s: %s", a->name, b->name, render_label(req, "genogram.kind", r->kind));
		jv_set_str(o, "value", v);
		jv_set_str(o, "label", label);
		jv_set_bool(o, "selected", chosen && !strcmp(chosen, v));
		json_array_append_new(arr, o);
	}
	return arr;
}

static const char *posted(struct request *req, enum toolbox_form posted_form, enum toolbox_form f, const char *name)
{
	return posted_form == f ? form_posted(req, name) : NULL;
}

/* The genogram page's model (the JSON answer too).  The SVG is inlined for
 * browsers only; with_forms when the reader may change it. */
static json_t *genogram_model(struct request *req, struct auth_state *a, const struct access_answer *ans,
			      const struct genogram *g, enum toolbox_form pf, const char *svg)
{
	json_t *m = json_object(), *persons = json_array(), *relations = json_array();
	char href[96], today[11];
	(void)a;

	jv_set(m, "child", child_json(ans));
	jv_set_int(m, "case_id", ans->case_id);
	for (size_t i = 0; i < g->np; i++)
		json_array_append_new(persons, person_json(req, &g->p[i]));
	for (size_t i = 0; i < g->nr; i++)
		json_array_append_new(relations, relation_json(req, g, &g->r[i]));
	jv_set(m, "persons", persons);
	jv_set(m, "relations", relations);
	jv_set_bool(m, "any_persons", g->np > 0);
	jv_set_bool(m, "any_relations", g->nr > 0);
	snprintf(href, sizeof(href), "/api/v1/children/%lld/genogram.svg", (long long)ans->c.child_id);
	jv_set_str(m, "svg_href", href);
	snprintf(href, sizeof(href), "/api/v1/children/%lld/genogram.png", (long long)ans->c.child_id);
	jv_set_str(m, "png_href", href);
	jv_set_bool(m, "can_write", ans->can_write);
	if (svg)
		jv_set_str(m, "svg", svg);
	if (ans->can_write && !req->wants_json) {
		struct link_acc l = { json_array(), g, posted(req, pf, TF_PERSON, "person_id") };
		json_t *pfm = json_object(), *rf = json_object(), *ef = json_object(), *v;
		const char *sex = posted(req, pf, TF_PERSON, "sex");

		link_option(&l, ans->c.child_id, ans->c.child_name);
		relation_list(app_db(req->app), ans->c.child_id, link_cb, &l);
		jv_set(pfm, "linkable", l.arr);
		jv_set(pfm, "sexes", render_options(req, genogram_sexes, "genogram.sex", sex ? sex : "female"));
		jv_set(pfm, "v", json_object());
		jv_set(m, "person_form", pfm);

		jv_set(rf, "persons_a", person_options(g, posted(req, pf, TF_RELATION, "a_id")));
		jv_set(rf, "persons_b", person_options(g, posted(req, pf, TF_RELATION, "b_id")));
		jv_set(rf, "kinds", render_options(req, genogram_kinds, "genogram.kind",
						   pf == TF_RELATION ? form_posted(req, "kind") : "married"));
		jv_set(rf, "v", json_object());
		jv_set_bool(rf, "enough", g->np >= 2);
		jv_set(m, "relation_form", rf);

		jv_set(ef, "relations", open_relation_options(req, g, posted(req, pf, TF_END, "relation_id")));
		jv_set(ef, "kinds", render_options(req, genogram_kinds, "genogram.kind",
						   pf == TF_END ? form_posted(req, "kind") : ""));
		v = json_object();
		date_format(date_today(), today);
		jv_set_str(v, "to_date", today);
		jv_set(ef, "v", v);
		jv_set_str(ef, "today", today);
		jv_set_bool(ef, "any", json_array_size(json_object_get(ef, "relations")) > 0);
		jv_set(m, "end_form", ef);
	}
	return m;
}

/* The picture of g in the reader's language. */
static enum err genogram_picture(struct request *req, const struct access_answer *ans, const struct genogram *g,
				 struct picture *pic)
{
	char title[300], desc[300];
	snprintf(title, sizeof(title), "%s: %s", render_t(req, "genogram.title"), ans->c.child_name);
	snprintf(desc, sizeof(desc), "%s: %d, %s: %d", render_t(req, "genogram.persons_count"), (int)g->np,
		 render_t(req, "genogram.relations_count"), (int)g->nr);
	return genogram_draw(g, title, desc, pic);
}

static void genogram_page(struct request *req, struct auth_state *a, const struct access_answer *ans, int status,
			  enum toolbox_form pf, const struct field_error *fe)
{
	struct genogram g;
	struct picture pic = { 0 };
	struct buf svg;
	json_t *m;
	enum err e = genogram_load(app_db(req->app), ans->case_id, &g);

	buf_init(&svg, PICTURE_MAX);
	if (!e && !req->wants_json && g.np)
		e = genogram_picture(req, ans, &g, &pic);
	if (!e && !req->wants_json && g.np)
		e = picture_svg(&pic, &svg);
	picture_release(&pic);
	if (e) {
		if (g.p)
			genogram_release(&g);
		buf_release(&svg);
		render_error(req, e, NULL);
		return;
	}
	m = genogram_model(req, a, ans, &g, pf, svg.len ? buf_str(&svg) : NULL);
	if (fe) {
		static const char *const keys[] = { NULL, "person_form", "relation_form", "end_form", NULL };
		static const char *const prefixes[] = { NULL, "person", "relation", "end", NULL };
		static const struct form_field *const fields[] = { NULL, person_fields, relation_fields, end_fields, NULL };
		json_t *state = json_object_get(m, keys[pf]), *scratch = NULL;
		if (!state)
			state = scratch = json_object();
		form_fail(req, m, state, prefixes[pf], fields[pf], fe);
		json_decref(scratch);
	}
	genogram_release(&g);
	buf_release(&svg);
	render_view(req, status, "genogram", "genogram.title", m);
}

/* GET /api/v1/children/{id}/genogram and the page /children/{id}/genogram */
void genogram_view(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	if (!toolbox_access(req, a, ACT_CLIENT_READ, "read", &ans))
		return;
	genogram_page(req, a, &ans, 200, TF_NONE, NULL);
}

static void picture_answer(struct request *req, const struct picture *pic, bool png)
{
	enum err e;
	buf_reset(&req->out);
	e = png ? picture_png(pic, 1.5, &req->out) : picture_svg(pic, &req->out);
	if (e) {
		buf_reset(&req->out);
		render_error(req, e == ERR_TOO_LARGE ? ERR_TOO_LARGE : ERR_UNAVAILABLE, NULL);
		return;
	}
	/* (Cache-Control: no-store comes with every answer: http/server.c) */
	request_set(req, 200, png ? "image/png" : "image/svg+xml; charset=utf-8");
}

static void genogram_image(struct request *req, struct auth_state *a, bool png)
{
	struct access_answer ans;
	struct genogram g;
	struct picture pic = { 0 };
	struct page_key key;
	size_t nlog;
	enum err e;

	if (!toolbox_access(req, a, ACT_CLIENT_READ, "read", &ans))
		return;
	/* A picture drawn before for this session, unchanged since (render.h):
	 * the layout and PNG are the costly part; the check was made and logged. */
	nlog = a->ax.nlog;
	if (render_cached(req, &ans, &key))
		return;
	e = genogram_load(app_db(req->app), ans.case_id, &g);
	if (!e)
		e = genogram_picture(req, &ans, &g, &pic);
	if (e)
		render_error(req, e, NULL);
	else
		picture_answer(req, &pic, png);
	picture_release(&pic);
	if (!e) {
		genogram_release(&g);
		render_keep(req, &key, nlog);
	}
}

void genogram_svg(struct request *req, struct auth_state *a)
{
	genogram_image(req, a, false);
}

void genogram_png(struct request *req, struct auth_state *a)
{
	genogram_image(req, a, true);
}

/* ---- changes --------------------------------------------------------------- */

static void back_to(struct request *req, int64_t child_id, const char *page, int status, json_t *j)
{
	char loc[64];
	if (req->wants_json) {
		render_json(req, status, j);
		return;
	}
	json_decref(j);
	snprintf(loc, sizeof(loc), "/children/%lld/%s", (long long)child_id, page);
	render_redirect(req, loc);
}

static void timeline_page(struct request *req, struct auth_state *a, const struct access_answer *ans, int status,
			  const struct field_error *fe);

/* A refused change: the page again with what was typed, or the error. */
static void refused(struct request *req, struct auth_state *a, int64_t child_id, enum toolbox_form f, enum err e,
		    const struct field_error *fe)
{
	struct access_answer ans;
	(void)child_id;   /* the request's {id}: toolbox_access reads it there */
	if (!((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform)) {
		render_error(req, e, fe);
		return;
	}
	/* The page shows the data again: read and logged as a GET is. */
	if (!toolbox_access(req, a, ACT_CLIENT_READ, "read", &ans))
		return;
	if (f == TF_EVENT)
		timeline_page(req, a, &ans, 422, fe);
	else
		genogram_page(req, a, &ans, 422, f, fe);
}

struct person_w {
	struct genogram_person_new n;
	int64_t id;
	struct field_error *fe;
};

static enum err person_run(struct db *db, void *arg)
{
	struct person_w *w = arg;
	return genogram_person_add(db, &w->n, &w->id, w->fe);
}

/* POST /api/v1/children/{id}/genogram/persons */
void genogram_person_save(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "person_id", "name", "sex", "birth_year", "death_year", "deceased", "note", NULL };
	struct field_error fe = { 0 };
	struct person_w w = { .fe = &fe };
	struct access_answer ans;
	struct input in = { 0 };
	bool present;
	enum err e;

	if (!toolbox_access(req, a, ACT_CLIENT_WRITE, "create", &ans))
		return;
	w.n.case_id = ans.case_id;
	w.n.child_id = ans.c.child_id;
	w.n.by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "person_id", &w.n.person_id, &fe);
	if (!e) e = input_str(&in, "name", &w.n.name, &fe);
	if (!e) e = input_str(&in, "sex", &w.n.sex, &fe);
	if (!e) e = input_str(&in, "birth_year", &w.n.birth_year, &fe);
	if (!e) e = input_str(&in, "death_year", &w.n.death_year, &fe);
	if (!e) e = input_bool(&in, "deceased", &w.n.deceased, &present, &fe);
	if (!e) e = input_str(&in, "note", &w.n.note, &fe);
	if (!e) e = access_write_req(req, person_run, &w);
	if (e)
		refused(req, a, ans.c.child_id, TF_PERSON, e, &fe);
	else
		back_to(req, ans.c.child_id, "genogram", 201, json_pack("{s:I}", "id", (json_int_t)w.id));
	input_release(&in);
}

struct relation_w {
	struct genogram_relation_new n;
	int64_t id;
	struct field_error *fe;
};

static enum err relation_run(struct db *db, void *arg)
{
	struct relation_w *w = arg;
	return genogram_relation_add(db, &w->n, &w->id, w->fe);
}

/* POST /api/v1/children/{id}/genogram/relations */
void genogram_relation_save(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "a_id", "b_id", "kind", "from_date", "note", NULL };
	struct field_error fe = { 0 };
	struct relation_w w = { .fe = &fe };
	struct access_answer ans;
	struct input in = { 0 };
	char as[24] = "", bs[24] = "";
	int64_t ai, bi;
	bool pa = false, pb = false;
	enum err e;

	if (!toolbox_access(req, a, ACT_CLIENT_WRITE, "create", &ans))
		return;
	w.n.case_id = ans.case_id;
	w.n.by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	/* Ids come as JSON numbers or form text. */
	if (!e) e = input_int(&in, "a_id", &ai, &pa, &fe);
	if (!e) e = input_int(&in, "b_id", &bi, &pb, &fe);
	if (!e && pa) snprintf(as, sizeof(as), "%lld", (long long)ai);
	if (!e && pb) snprintf(bs, sizeof(bs), "%lld", (long long)bi);
	w.n.a_id = as;
	w.n.b_id = bs;
	if (!e) e = input_str(&in, "kind", &w.n.kind, &fe);
	if (!e) e = input_str(&in, "from_date", &w.n.from_date, &fe);
	if (!e) e = input_str(&in, "note", &w.n.note, &fe);
	if (!e) e = access_write_req(req, relation_run, &w);
	if (e)
		refused(req, a, ans.c.child_id, TF_RELATION, e, &fe);
	else
		back_to(req, ans.c.child_id, "genogram", 201, json_pack("{s:I}", "id", (json_int_t)w.id));
	input_release(&in);
}

struct end_w {
	int64_t case_id, rel_id, by, new_id;
	const char *to_date, *kind;
	struct field_error *fe;
};

static enum err end_run(struct db *db, void *arg)
{
	struct end_w *w = arg;
	return genogram_relation_end(db, w->case_id, w->rel_id, w->to_date, w->kind, w->by, &w->new_id, w->fe);
}

/* POST /api/v1/children/{id}/genogram/relations/{rel_id}/end {to_date, kind?}
 * and the page's form (relation_id in the form). */
void genogram_relation_end_save(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "relation_id", "to_date", "kind", NULL };
	struct field_error fe = { 0 };
	struct end_w w = { .fe = &fe };
	struct access_answer ans;
	struct input in = { 0 };
	bool present = false;
	enum err e;

	if (!toolbox_access(req, a, ACT_CLIENT_WRITE, "update", &ans))
		return;
	w.case_id = ans.case_id;
	w.by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e && req->nparam > 1)
		w.rel_id = req->param[1];
	else if (!e && !(e = input_int(&in, "relation_id", &w.rel_id, &present, &fe)) && !present)
		e = validate_fail(&fe, "relation_id", "required", "relation_id is required");
	if (!e) e = input_str(&in, "to_date", &w.to_date, &fe);
	if (!e) e = input_str(&in, "kind", &w.kind, &fe);
	if (!e) e = access_write_req(req, end_run, &w);
	if (e)
		refused(req, a, ans.c.child_id, TF_END, e, &fe);
	else if (w.new_id)
		back_to(req, ans.c.child_id, "genogram", 200,
			json_pack("{s:I, s:b, s:I}", "id", (json_int_t)w.rel_id, "ended", 1, "new_id", (json_int_t)w.new_id));
	else
		back_to(req, ans.c.child_id, "genogram", 200, json_pack("{s:I, s:b}", "id", (json_int_t)w.rel_id, "ended", 1));
	input_release(&in);
}

/* ---- the timeline ---------------------------------------------------------- */

struct tl_acc {
	struct request *req;
	json_t *arr;
	struct timeline_mark *marks;
	size_t n, cap;
	char *labels;             /* n labels of TL_LABEL bytes */
};
#define TL_LABEL 80

static void tl_label(struct request *req, const struct timeline_event *ev, char *out, size_t n)
{
	char key[64];
	const char *detail = "";
	snprintf(key, sizeof(key), "genogram.event.%s", ev->kind);
	if (*ev->detail && !strcmp(ev->kind, "phase"))
		detail = render_label(req, "phase", ev->detail);
	else if (*ev->detail && !strcmp(ev->kind, "notification"))
		detail = render_label(req, "notification_kind", ev->detail);
	else if (*ev->detail && !strcmp(ev->kind, "decision"))
		detail = render_label(req, "decision", ev->detail);
	if (*ev->text)
		snprintf(out, n, "%s", ev->text);
	else if (*detail)
		snprintf(out, n, "%s: %s", render_t(req, key), detail);
	else
		snprintf(out, n, "%s", render_t(req, key));
}

static void tl_cb(void *ctx, const struct timeline_event *ev)
{
	struct tl_acc *t = ctx;
	json_t *j = json_object();
	char label[TL_LABEL * 4];

	tl_label(t->req, ev, label, sizeof(label));
	if (ev->id)
		jv_set_int(j, "id", ev->id);
	jv_set_str(j, "date", ev->date);
	jv_set_str(j, "group", ev->group);
	jv_set(j, "group_label", render_label_json(t->req, "genogram.group", ev->group));
	jv_set_str(j, "kind", ev->kind);
	jv_set(j, "kind_label", render_label_json(t->req, "genogram.event", ev->kind));
	if (*ev->detail)
		jv_set_str(j, "detail", ev->detail);
	jv_set_str(j, "text", ev->text);
	jv_set_str(j, "label", label);
	jv_set_bool(j, "family", !strcmp(ev->group, "family"));
	json_array_append_new(t->arr, j);
	if (t->n < t->cap) {
		struct timeline_mark *mk = &t->marks[t->n];
		char *l = t->labels + t->n * TL_LABEL;
		str_lcpy(mk->date, ev->date, sizeof(mk->date));
		mk->family = !strcmp(ev->group, "family");
		/* Cut on a character boundary. */
		str_lcpy(l, label, TL_LABEL);
		for (size_t k = strlen(l); k > 0 && ((unsigned char)l[k - 1] & 0x80); k--) {
			if (((unsigned char)l[k - 1] & 0xc0) == 0xc0) {
				size_t need = ((unsigned char)l[k - 1] & 0xe0) == 0xc0 ? 2 : ((unsigned char)l[k - 1] & 0xf0) == 0xe0 ? 3 : 4;
				if (strlen(l) - (k - 1) < need)
					l[k - 1] = '\0';
				break;
			}
		}
		mk->label = l;
		t->n++;
	}
}

/* The timeline's events as the reader may see them, filtered by ?kind=. */
static enum err timeline_gather(struct request *req, const struct access_answer *ans, struct tl_acc *t,
				struct field_error *fe)
{
	struct timeline_filter f;
	enum err e = timeline_filter_parse(request_query(req, "kind"), &f, fe);
	if (e)
		return e;
	t->req = req;
	t->arr = json_array();
	t->cap = TIMELINE_MAX_EVENTS;
	t->marks = calloc(t->cap, sizeof(*t->marks));
	t->labels = calloc(t->cap, TL_LABEL);
	if (!t->marks || !t->labels)
		return ERR_NOMEM;
	return timeline_list(app_db(req->app), ans->case_id, ans->d.fields, &f, tl_cb, t);
}

static void tl_release(struct tl_acc *t)
{
	json_decref(t->arr);
	free(t->marks);
	free(t->labels);
}

static enum err timeline_picture(struct request *req, const struct access_answer *ans, const struct tl_acc *t,
				 struct picture *pic)
{
	char title[300], desc[300];
	snprintf(title, sizeof(title), "%s: %s", render_t(req, "genogram.timeline_title"), ans->c.child_name);
	snprintf(desc, sizeof(desc), "%s: %d", render_t(req, "genogram.events_count"), (int)t->n);
	return timeline_draw(t->marks, t->n, title, desc, pic);
}

static void timeline_page(struct request *req, struct auth_state *a, const struct access_answer *ans, int status,
			  const struct field_error *fe)
{
	struct tl_acc t = { 0 };
	struct field_error qfe = { 0 };
	struct picture pic = { 0 };
	struct buf svg;
	json_t *m;
	char today[11], href[96];
	const char *kind = request_query(req, "kind");
	enum err e = timeline_gather(req, ans, &t, &qfe);
	(void)a;

	buf_init(&svg, PICTURE_MAX);
	if (!e && !req->wants_json)
		e = timeline_picture(req, ans, &t, &pic);
	if (!e && !req->wants_json)
		e = picture_svg(&pic, &svg);
	picture_release(&pic);
	if (e) {
		tl_release(&t);
		buf_release(&svg);
		render_error(req, e, &qfe);
		return;
	}
	m = json_object();
	jv_set(m, "child", child_json(ans));
	jv_set_int(m, "case_id", ans->case_id);
	jv_set(m, "events", json_incref(t.arr));
	jv_set_bool(m, "any_events", json_array_size(t.arr) > 0);
	jv_set_str(m, "kind", kind ? kind : "");
	snprintf(href, sizeof(href), "/api/v1/children/%lld/timeline.svg", (long long)ans->c.child_id);
	jv_set_str(m, "svg_href", href);
	jv_set_bool(m, "can_write", ans->can_write);
	if (svg.len)
		jv_set_str(m, "svg", buf_str(&svg));
	{
		/* The filter's links: all, the family's, the services'. */
		static const char *const groups[] = { "", "family", "service", NULL };
		json_t *links = json_array();
		for (int i = 0; groups[i]; i++) {
			json_t *l = json_object();
			char h[96], key[48];
			snprintf(h, sizeof(h), "/children/%lld/timeline%s%s", (long long)ans->c.child_id,
				 *groups[i] ? "?kind=" : "", groups[i]);
			snprintf(key, sizeof(key), "genogram.filter.%s", *groups[i] ? groups[i] : "all");
			jv_set_str(l, "href", h);
			jv_set_str(l, "label", render_t(req, key));
			jv_set_bool(l, "current", !strcmp(kind ? kind : "", groups[i]));
			json_array_append_new(links, l);
		}
		jv_set(m, "filters", links);
	}
	if (ans->can_write && !req->wants_json) {
		json_t *ef = json_object(), *v = json_object();
		date_format(date_today(), today);
		jv_set_str(v, "event_date", today);
		jv_set(ef, "v", v);
		jv_set_str(ef, "today", today);
		jv_set(ef, "kinds", render_options(req, timeline_family_kinds, "genogram.event",
						   fe ? form_posted(req, "kind") : "relationship"));
		jv_set(m, "event_form", ef);
		if (fe)
			form_fail(req, m, ef, "event", event_fields, fe);
	}
	tl_release(&t);
	buf_release(&svg);
	render_view(req, status, "timeline", "genogram.timeline_title", m);
}

/* GET /api/v1/children/{id}/timeline?kind= and the page */
void timeline_view(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	if (!toolbox_access(req, a, ACT_CLIENT_READ, "read", &ans))
		return;
	timeline_page(req, a, &ans, 200, NULL);
}

/* GET /api/v1/children/{id}/timeline.svg?kind= */
void timeline_svg(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	struct tl_acc t = { 0 };
	struct field_error fe = { 0 };
	struct picture pic = { 0 };
	enum err e;

	struct page_key key;
	size_t nlog;

	if (!toolbox_access(req, a, ACT_CLIENT_READ, "read", &ans))
		return;
	/* A picture drawn before for this session, unchanged since (render.h):
	 * the layout and PNG are the costly part; the check was made and logged. */
	nlog = a->ax.nlog;
	if (render_cached(req, &ans, &key))
		return;
	e = timeline_gather(req, &ans, &t, &fe);
	if (!e)
		e = timeline_picture(req, &ans, &t, &pic);
	if (e)
		render_error(req, e, &fe);
	else
		picture_answer(req, &pic, false);
	picture_release(&pic);
	tl_release(&t);
	if (!e)
		render_keep(req, &key, nlog);
}

struct event_w {
	int64_t case_id, by, id;
	const char *date, *kind, *text;
	struct field_error *fe;
};

static enum err event_run(struct db *db, void *arg)
{
	struct event_w *w = arg;
	return timeline_add(db, w->case_id, w->date, w->kind, w->text, w->by, &w->id, w->fe);
}

/* POST /api/v1/children/{id}/timeline {event_date, kind, text} */
void timeline_event_save(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "event_date", "kind", "text", NULL };
	struct field_error fe = { 0 };
	struct event_w w = { .fe = &fe };
	struct access_answer ans;
	struct input in = { 0 };
	enum err e;

	if (!toolbox_access(req, a, ACT_CLIENT_WRITE, "create", &ans))
		return;
	w.case_id = ans.case_id;
	w.by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "event_date", &w.date, &fe);
	if (!e) e = input_str(&in, "kind", &w.kind, &fe);
	if (!e) e = input_str(&in, "text", &w.text, &fe);
	if (!e) e = access_write_req(req, event_run, &w);
	if (e)
		refused(req, a, ans.c.child_id, TF_EVENT, e, &fe);
	else
		back_to(req, ans.c.child_id, "timeline", 201, json_pack("{s:I}", "id", (json_int_t)w.id));
	input_release(&in);
}
