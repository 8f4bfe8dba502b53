/*
 * childtools.c - the toolbox, part 2 (issue 14): a child's Three Houses,
 * collaborative helping map and hypotheses, and the organisation's bank of
 * circular questions.  Each page is one view model, JSON for the API and a
 * template for browsers; every read and write of a child's tools goes
 * through model/tooldoor.h, which asks the access layer and logs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/render.h"
#include "core/workday.h"
#include "model/helpingmap.h"
#include "model/hypothesis.h"
#include "model/threehouses.h"
#include "model/tooldoor.h"
#include "view/jv.h"

/* ---- shared pieces ----------------------------------------------------------- */

/* Open the child's tool: false when the answer (a refusal) is already sent. */
static bool tool_open(struct request *req, struct auth_state *a, struct objref o, enum tool_part part,
		      bool write, const char *log_action, struct access_answer *ans,
		      enum threehouses_filter *filter)
{
	enum err e = tooldoor_open(&a->ax, app_db(req->app), o, part, write, log_action, ans, filter);
	if (!e && access_answer_case(app_db(req->app), ans))
		e = ERR_UNAVAILABLE;
	return access_answer_req(req, a, e, ans);
}

/* A refused form shows the page again: read and logged as its GET is. */
static bool tool_reread(struct request *req, struct auth_state *a, const struct access_answer *w, enum tool_part part,
			struct access_answer *ans, enum threehouses_filter *filter)
{
	return tool_open(req, a, (struct objref){ OBJ_CHILD, w->c.child_id }, part, false, "read", ans, filter);
}

static json_t *child_json(const struct access_answer *ans)
{
	json_t *c = json_object();
	jv_set_int(c, "id", ans->c.child_id);
	jv_set_str(c, "name", ans->c.child_name);
	return c;
}

static json_t *person_ref(int64_t id, const char *name)
{
	json_t *j = json_object();
	jv_set_int(j, "id", id);
	jv_set_str(j, "name", name);
	return j;
}

/* After a change: JSON for the API, back to the page for forms. */
static void done(struct request *req, const char *loc, int status, json_t *j)
{
	if (req->wants_json) {
		render_json(req, status, j);
		return;
	}
	json_decref(j);
	render_redirect(req, loc);
}

static void today_str(char out[11])
{
	date_format(date_today(), out);
}

/* ---- Three Houses ------------------------------------------------------------ */

static const struct form_field houses_fields[] = {
	{ "worries", "tools2.worries" }, { "good_things", "tools2.good_things" }, { "dreams", "tools2.dreams" },
	{ "recorded_on", "tools2.recorded_on" }, { "present", "tools2.present" },
	{ "share_parents", "tools2.share_parents" }, { "share_partners", "tools2.share_partners" },
	{ NULL, NULL } };

struct houses_acc {
	json_t *versions;
};

static void houses_cb(void *ctx, const struct threehouses_row *r)
{
	struct houses_acc *h = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_int(j, "version", r->version);
	jv_set_str(j, "worries", r->worries);
	jv_set_str(j, "good_things", r->good_things);
	jv_set_str(j, "dreams", r->dreams);
	jv_set_str(j, "recorded_on", r->recorded_on);
	jv_set_str(j, "present", r->present);
	jv_set_bool(j, "share_parents", r->share_parents);
	jv_set_bool(j, "share_partners", r->share_partners);
	jv_set(j, "author", person_ref(r->author_id, r->author_name));
	jv_set_str(j, "created_at", r->created_at);
	json_array_append_new(h->versions, j);
}

/* The page's model; NULL on a storage error. */
static json_t *houses_model(struct request *req, const struct access_answer *ans, enum threehouses_filter filter)
{
	struct houses_acc h = { json_array() };
	json_t *m, *cur;
	static const char *const filters[] = { "all", "partners", "parents" };

	if (threehouses_list(app_db(req->app), ans->c.id, filter, houses_cb, &h)) {
		json_decref(h.versions);
		return NULL;
	}
	m = json_object();
	jv_set(m, "child", child_json(ans));
	jv_set_str(m, "shown", filters[filter]);
	jv_set_bool(m, "shared_only", filter != THREEHOUSES_ALL);
	jv_set_bool(m, "can_write", ans->can_write);
	cur = json_array_get(h.versions, 0);
	if (cur) {
		jv_set(m, "current", json_incref(cur));
		json_array_remove(h.versions, 0);
	}
	jv_set(m, "versions", h.versions);
	jv_set_bool(m, "has_versions", json_array_size(h.versions) > 0);
	if (ans->can_write && !req->wants_json) {
		/* A new version starts from the last one's words. */
		json_t *f = json_object(), *v = json_object();
		char today[11];
		today_str(today);
		jv_set_str(f, "today", today);
		jv_set_str(v, "recorded_on", today);
		if (cur) {
			static const char *const keep[] = { "worries", "good_things", "dreams", "present" };
			for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
				jv_set(v, keep[i], json_incref(json_object_get(cur, keep[i])));
			if (json_is_true(json_object_get(cur, "share_parents")))
				jv_set_str(v, "share_parents", "1");
			if (json_is_true(json_object_get(cur, "share_partners")))
				jv_set_str(v, "share_partners", "1");
		}
		jv_set(f, "v", v);
		jv_set(m, "form", f);
	}
	return m;
}

void three_houses_view(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	enum threehouses_filter filter;
	json_t *m;

	if (!tool_open(req, a, (struct objref){ OBJ_CHILD, req->param[0] }, TOOL_THREE_HOUSES, false, "read", &ans, &filter))
		return;
	m = houses_model(req, &ans, filter);
	if (!m)
		render_error(req, ERR_UNAVAILABLE, NULL);
	else
		render_view(req, 200, "three_houses", "tools2.three_houses", m);
}

struct houses_w {
	struct threehouses_new t;
	int version;
	struct field_error *fe;
};

static enum err houses_run(struct db *db, void *arg)
{
	struct houses_w *w = arg;
	return threehouses_save(db, &w->t, &w->version, w->fe);
}

void three_houses_save(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "worries", "good_things", "dreams", "recorded_on", "present",
					 "share_parents", "share_partners", NULL };
	struct field_error fe = { 0 };
	struct houses_w w = { .fe = &fe };
	struct access_answer ans;
	enum threehouses_filter filter;
	struct input in = { 0 };
	bool present;
	char loc[80];
	enum err e;

	if (!tool_open(req, a, (struct objref){ OBJ_CHILD, req->param[0] }, TOOL_THREE_HOUSES, true, "create", &ans, &filter))
		return;
	w.t.case_id = ans.c.id;
	w.t.author_id = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "worries", &w.t.worries, &fe);
	if (!e) e = input_str(&in, "good_things", &w.t.good_things, &fe);
	if (!e) e = input_str(&in, "dreams", &w.t.dreams, &fe);
	if (!e) e = input_str(&in, "recorded_on", &w.t.recorded_on, &fe);
	if (!e) e = input_str(&in, "present", &w.t.present, &fe);
	if (!e) e = input_bool(&in, "share_parents", &w.t.share_parents, &present, &fe);
	if (!e) e = input_bool(&in, "share_partners", &w.t.share_partners, &present, &fe);
	if (!e) e = access_write_req(req, houses_run, &w);
	snprintf(loc, sizeof(loc), "/children/%lld/three-houses", (long long)ans.c.child_id);
	if (!e) {
		done(req, loc, 201, json_pack("{s:i}", "version", w.version));
	} else if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform) {
		struct access_answer r;
		json_t *m;
		if (!tool_reread(req, a, &ans, TOOL_THREE_HOUSES, &r, &filter))
			goto out;
		m = houses_model(req, &r, filter);
		if (!m) {
			render_error(req, ERR_UNAVAILABLE, NULL);
		} else {
			form_fail(req, m, json_object_get(m, "form"), "", houses_fields, &fe);
			render_view(req, 422, "three_houses", "tools2.three_houses", m);
		}
	} else {
		render_error(req, e, &fe);
	}
out:
	input_release(&in);
}

/* ---- the helping map ---------------------------------------------------------- */

static const struct form_field map_fields[] = {
	{ "vision", "tools2.vision" }, { "obstacles", "tools2.obstacles" }, { "supports", "tools2.supports" },
	{ "plan", "tools2.plan" }, { NULL, NULL } };

struct map_acc {
	struct request *req;
	json_t *history;     /* newest first */
	json_t *added, *removed;
};

static void diff_cb(void *ctx, bool added, const char *line, size_t len)
{
	struct map_acc *m = ctx;
	json_array_append_new(added ? m->added : m->removed, json_stringn(line, len));
}

static void map_cb(void *ctx, const struct helpingmap_row *r, const struct helpingmap_row *prev)
{
	struct map_acc *m = ctx;
	json_t *j = json_object(), *sections = json_array(), *changes = json_array();
	char key[48];

	jv_set_int(j, "id", r->id);
	jv_set_int(j, "version", r->version);
	jv_set(j, "author", person_ref(r->author_id, r->author_name));
	jv_set_str(j, "created_at", r->created_at);
	jv_set_bool(j, "first", prev == NULL);
	for (int i = 0; i < HM__COUNT; i++) {
		json_t *s = json_object();
		snprintf(key, sizeof(key), "tools2.%s", helpingmap_sections[i]);
		jv_set_str(s, "key", helpingmap_sections[i]);
		jv_set_str(s, "label", render_t(m->req, key));
		jv_set_str(s, "text", r->text[i]);
		json_array_append_new(sections, s);
		jv_set_str(j, helpingmap_sections[i], r->text[i]);
		if (prev) {
			m->added = json_array();
			m->removed = json_array();
			helpingmap_diff(prev->text[i], r->text[i], diff_cb, m);
			if (json_array_size(m->added) || json_array_size(m->removed)) {
				json_t *c = json_object();
				jv_set_str(c, "section", helpingmap_sections[i]);
				jv_set_str(c, "label", render_t(m->req, key));
				jv_set(c, "added", m->added);
				jv_set(c, "removed", m->removed);
				json_array_append_new(changes, c);
			} else {
				json_decref(m->added);
				json_decref(m->removed);
			}
		}
	}
	jv_set(j, "sections", sections);
	jv_set_bool(j, "unchanged", prev && !json_array_size(changes));
	jv_set(j, "changes", changes);
	json_array_insert_new(m->history, 0, j);
}

static json_t *map_model(struct request *req, const struct access_answer *ans)
{
	struct map_acc acc = { .req = req, .history = json_array() };
	json_t *m, *cur;

	if (helpingmap_list(app_db(req->app), ans->c.id, map_cb, &acc)) {
		json_decref(acc.history);
		return NULL;
	}
	m = json_object();
	jv_set(m, "child", child_json(ans));
	jv_set_bool(m, "can_write", ans->can_write);
	cur = json_array_get(acc.history, 0);
	if (cur)
		jv_set(m, "current", json_incref(cur));
	jv_set(m, "history", acc.history);
	if (ans->can_write && !req->wants_json) {
		json_t *f = json_object(), *v = json_object();
		for (int i = 0; cur && i < HM__COUNT; i++)
			jv_set(v, helpingmap_sections[i], json_incref(json_object_get(cur, helpingmap_sections[i])));
		jv_set(f, "v", v);
		jv_set(m, "form", f);
	}
	return m;
}

void helping_map_view(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	enum threehouses_filter filter;
	json_t *m;

	if (!tool_open(req, a, (struct objref){ OBJ_CHILD, req->param[0] }, TOOL_HELPING_MAP, false, "read", &ans, &filter))
		return;
	m = map_model(req, &ans);
	if (!m)
		render_error(req, ERR_UNAVAILABLE, NULL);
	else
		render_view(req, 200, "helping_map", "tools2.helping_map", m);
}

struct map_w {
	struct helpingmap_new m;
	int version;
	struct field_error *fe;
};

static enum err map_run(struct db *db, void *arg)
{
	struct map_w *w = arg;
	return helpingmap_save(db, &w->m, &w->version, w->fe);
}

void helping_map_save(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct map_w w = { .fe = &fe };
	struct access_answer ans;
	enum threehouses_filter filter;
	struct input in = { 0 };
	char loc[80];
	enum err e;

	if (!tool_open(req, a, (struct objref){ OBJ_CHILD, req->param[0] }, TOOL_HELPING_MAP, true, "create", &ans, &filter))
		return;
	w.m.case_id = ans.c.id;
	w.m.author_id = a->p.account_id;
	e = input_init(&in, req, helpingmap_sections, &fe);
	for (int i = 0; i < HM__COUNT && !e; i++)
		e = input_str(&in, helpingmap_sections[i], &w.m.text[i], &fe);
	if (!e) e = access_write_req(req, map_run, &w);
	snprintf(loc, sizeof(loc), "/children/%lld/helping-map", (long long)ans.c.child_id);
	if (!e) {
		done(req, loc, 201, json_pack("{s:i}", "version", w.version));
	} else if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform) {
		struct access_answer r;
		json_t *m;
		if (!tool_reread(req, a, &ans, TOOL_HELPING_MAP, &r, &filter))
			goto out;
		m = map_model(req, &r);
		if (!m) {
			render_error(req, ERR_UNAVAILABLE, NULL);
		} else {
			form_fail(req, m, json_object_get(m, "form"), "", map_fields, &fe);
			render_view(req, 422, "helping_map", "tools2.helping_map", m);
		}
	} else {
		render_error(req, e, &fe);
	}
out:
	input_release(&in);
}

/* ---- hypotheses ------------------------------------------------------------------ */

static const struct form_field hyp_fields[] = {
	{ "origin", "tools2.origin" }, { "text", "tools2.hypothesis" }, { "questions", "tools2.questions" },
	{ NULL, NULL } };
static const struct form_field hyp_update_fields[] = {
	{ "status", "tools2.status" }, { "learned", "tools2.learned" }, { "text", "tools2.hypothesis" },
	{ "questions", "tools2.questions" }, { NULL, NULL } };

struct hyp_acc {
	struct request *req;
	json_t *list, *cur;
	json_t *by_version;   /* version id -> [question] */
};

static void hyp_cb(void *ctx, const struct hypothesis_row *r)
{
	struct hyp_acc *h = ctx;
	json_t *v = json_object();
	char vid[24];

	jv_set_int(v, "version", r->version);
	jv_set_str(v, "text", r->text);
	jv_set_str(v, "status", r->status);
	jv_set(v, "status_label", render_label_json(h->req, "tools2.status", r->status));
	jv_set_str(v, "learned", r->learned);
	jv_set(v, "changed_by", person_ref(r->changed_by, r->changed_by_name));
	jv_set_str(v, "changed_at", r->changed_at);
	snprintf(vid, sizeof(vid), "%lld", (long long)r->version_id);
	{
		json_t *q = json_object_get(h->by_version, vid);
		jv_set(v, "questions", q ? json_incref(q) : json_array());
		jv_set_bool(v, "has_questions", q && json_array_size(q));
	}
	if (r->version == r->versions) {
		/* The latest version: the hypothesis itself. */
		json_t *j = json_object();
		jv_set_int(j, "id", r->id);
		jv_set_str(j, "origin", r->origin);
		jv_set(j, "origin_label", render_label_json(h->req, "tools2.origin", r->origin));
		jv_set(j, "author", person_ref(r->author_id, r->author_name));
		jv_set_str(j, "created_at", r->created_at);
		jv_set_int(j, "versions", r->versions);
		jv_set_bool(j, "changed", r->versions > 1);
		json_object_update(j, v);
		jv_set(j, "older_versions", json_array());
		json_array_append_new(h->list, j);
		h->cur = j;
		json_decref(v);
	} else if (h->cur) {
		json_array_append_new(json_object_get(h->cur, "older_versions"), v);
	} else {
		json_decref(v);
	}
}

static void picked_cb(void *ctx, int64_t version_id, const struct circq_row *q)
{
	struct hyp_acc *h = ctx;
	char vid[24];
	json_t *arr, *j = json_object();

	snprintf(vid, sizeof(vid), "%lld", (long long)version_id);
	arr = json_object_get(h->by_version, vid);
	if (!arr) {
		arr = json_array();
		jv_set(h->by_version, vid, arr);
	}
	jv_set_int(j, "id", q->id);
	jv_set_str(j, "text", circq_text(q, h->req->lang));
	json_array_append_new(arr, j);
}

struct bank_acc {
	struct request *req;
	json_t *arr;
	bool full;           /* every language's text (the bank's own page and API) */
};

static void bank_cb(void *ctx, const struct circq_row *q)
{
	struct bank_acc *b = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", q->id);
	jv_set_str(j, "text", circq_text(q, b->req->lang));
	if (b->full) {
		jv_set_str(j, "text_fi", q->text_fi);
		jv_set_str(j, "text_sv", q->text_sv);
		jv_set_str(j, "text_en", q->text_en);
		jv_set_bool(j, "builtin", q->builtin);
		jv_set_str(j, "added_by", q->added_by_name);
		jv_set_str(j, "created_at", q->created_at);
	}
	jv_set_bool(j, "selected", false);
	json_array_append_new(b->arr, j);
}

/* The bank as checkboxes, selected exactly where picked_ids has the id
 * (a copy per form). */
static json_t *bank_choices(json_t *bank, json_t *picked_ids)
{
	json_t *out = json_deep_copy(bank), *q;
	size_t i, k;
	json_array_foreach(out, i, q) {
		json_t *p;
		bool picked = false;
		json_array_foreach(picked_ids, k, p)
			picked = picked || json_integer_value(p) == json_integer_value(json_object_get(q, "id"));
		jv_set_bool(q, "selected", picked);
	}
	return out;
}

static json_t *hyp_model(struct request *req, struct auth_state *a, const struct access_answer *ans)
{
	struct db *db = app_db(req->app);
	struct hyp_acc h = { .req = req, .list = json_array(), .by_version = json_object() };
	struct bank_acc b = { .req = req, .arr = json_array() };
	json_t *m, *j, *counts;
	size_t i;
	enum err e = circq_picked(db, ans->c.id, picked_cb, &h);

	if (!e)
		e = hypothesis_list(db, ans->c.id, hyp_cb, &h);
	if (!e && ans->can_write && !req->wants_json)
		e = circq_list(db, a->p.county_id, bank_cb, &b);
	json_decref(h.by_version);
	if (e) {
		json_decref(h.list);
		json_decref(b.arr);
		return NULL;
	}
	m = json_object();
	jv_set(m, "child", child_json(ans));
	jv_set_bool(m, "can_write", ans->can_write);
	counts = json_object();
	for (int s = 0; hypothesis_statuses[s]; s++)
		jv_set_int(counts, hypothesis_statuses[s], 0);
	json_array_foreach(h.list, i, j) {
		const char *st = json_string_value(json_object_get(j, "status"));
		jv_set_int(counts, st, json_integer_value(json_object_get(counts, st)) + 1);
	}
	jv_set(m, "counts", counts);
	if (ans->can_write && !req->wants_json) {
		json_t *f = json_object(), *v = json_object();
		jv_set_str(v, "origin", "team");
		jv_set(f, "v", v);
		jv_set(f, "origins", render_options(req, hypothesis_origins, "tools2.origin", "team"));
		jv_set(f, "bank", bank_choices(b.arr, NULL));
		jv_set(m, "new_form", f);
		json_array_foreach(h.list, i, j) {
			json_t *uf = json_object(), *uv = json_object(), *ids = json_array(), *q;
			size_t k;
			jv_set(uv, "status", json_incref(json_object_get(j, "status")));
			jv_set(uv, "learned", json_incref(json_object_get(j, "learned")));
			jv_set(uv, "text", json_incref(json_object_get(j, "text")));
			json_array_foreach(json_object_get(j, "questions"), k, q)
				json_array_append(ids, json_object_get(q, "id"));
			jv_set(uf, "v", uv);
			jv_set(uf, "statuses", render_options(req, hypothesis_statuses, "tools2.status",
							     json_string_value(json_object_get(j, "status"))));
			jv_set(uf, "bank", bank_choices(b.arr, ids));
			json_decref(ids);
			jv_set(j, "form", uf);
		}
	}
	json_decref(b.arr);
	jv_set(m, "hypotheses", h.list);
	return m;
}

void hypotheses_view(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	enum threehouses_filter filter;
	json_t *m;

	if (!tool_open(req, a, (struct objref){ OBJ_CHILD, req->param[0] }, TOOL_HYPOTHESES, false, "read", &ans, &filter))
		return;
	m = hyp_model(req, a, &ans);
	if (!m)
		render_error(req, ERR_UNAVAILABLE, NULL);
	else
		render_view(req, 200, "hypotheses", "tools2.hypotheses", m);
}

/* The questions picked: a form's repeated checkbox or a JSON array. */
static enum err read_questions(struct input *in, int64_t *q, int *n, bool *present, struct field_error *fe)
{
	*n = 0;
	*present = !in->json || json_object_get(in->json, "question_ids");
	if (!*present)
		return ERR_OK;
	enum err e = input_int_list(in, "question_ids", q, HYPOTHESIS_QUESTIONS_MAX, n, fe);
	if (e && fe->field && !strcmp(fe->field, "question_ids"))
		fe->field = "questions";
	return e;
}

/* A refused hypothesis form: the page again with the form's state. */
static void hyp_again(struct request *req, struct auth_state *a, const struct access_answer *ans, int64_t hyp_id,
		      const struct field_error *fe)
{
	struct access_answer r;
	enum threehouses_filter filter;
	json_t *m, *form = NULL, *j;
	char prefix[40];
	size_t i;

	if (!tool_reread(req, a, ans, TOOL_HYPOTHESES, &r, &filter))
		return;
	m = hyp_model(req, a, &r);
	if (!m) {
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	if (!hyp_id) {
		form = json_object_get(m, "new_form");
		snprintf(prefix, sizeof(prefix), "hyp");
	} else {
		json_array_foreach(json_object_get(m, "hypotheses"), i, j)
			if (json_integer_value(json_object_get(j, "id")) == hyp_id)
				form = json_object_get(j, "form");
		snprintf(prefix, sizeof(prefix), "hyp-%lld", (long long)hyp_id);
	}
	if (form) {
		/* The checkboxes and the select come back as they were. */
		json_t *ids = json_array();
		for (size_t k = 0; k < req->nform; k++)
			if (!strcmp(req->form[k].key, "question_ids"))
				json_array_append_new(ids, json_integer(strtoll(req->form[k].value, NULL, 10)));
		jv_set(form, "bank", bank_choices(json_object_get(form, "bank"), ids));
		json_decref(ids);
		if (hyp_id)
			jv_set(form, "statuses", render_options(req, hypothesis_statuses, "tools2.status",
							       form_posted(req, "status")));
		else
			jv_set(form, "origins", render_options(req, hypothesis_origins, "tools2.origin",
							      form_posted(req, "origin")));
		form_fail(req, m, form, prefix, hyp_id ? hyp_update_fields : hyp_fields, fe);
	} else {
		json_t *scratch = json_object();
		form_fail(req, m, scratch, prefix, hyp_fields, fe);
		json_decref(scratch);
	}
	render_view(req, 422, "hypotheses", "tools2.hypotheses", m);
}

struct hyp_w {
	struct hypothesis_new h;
	struct hypothesis_change c;
	int64_t id;
	int version;
	bool update;
	struct field_error *fe;
};

static enum err hyp_run(struct db *db, void *arg)
{
	struct hyp_w *w = arg;
	if (w->update)
		return hypothesis_update(db, w->id, w->h.case_id, &w->c, &w->version, w->fe);
	w->version = 1;
	return hypothesis_add(db, &w->h, &w->id, w->fe);
}

void hypothesis_create(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "origin", "text", "status", "learned", "question_ids", NULL };
	struct field_error fe = { 0 };
	struct hyp_w w = { .fe = &fe };
	struct access_answer ans;
	enum threehouses_filter filter;
	struct input in = { 0 };
	int64_t q[HYPOTHESIS_QUESTIONS_MAX];
	bool present;
	char loc[80];
	enum err e;

	if (!tool_open(req, a, (struct objref){ OBJ_CHILD, req->param[0] }, TOOL_HYPOTHESES, true, "create", &ans, &filter))
		return;
	w.h.case_id = ans.c.id;
	w.h.author_id = a->p.account_id;
	w.h.county_id = a->p.county_id;
	w.h.questions = q;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "origin", &w.h.origin, &fe);
	if (!e) e = input_str(&in, "text", &w.h.text, &fe);
	if (!e) e = input_str(&in, "status", &w.h.status, &fe);
	if (!e) e = input_str(&in, "learned", &w.h.learned, &fe);
	if (!e) e = read_questions(&in, q, &w.h.nquestions, &present, &fe);
	if (!e) e = access_write_req(req, hyp_run, &w);
	snprintf(loc, sizeof(loc), "/children/%lld/hypotheses", (long long)ans.c.child_id);
	if (!e)
		done(req, loc, 201, json_pack("{s:I, s:i}", "id", (json_int_t)w.id, "version", 1));
	else if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform)
		hyp_again(req, a, &ans, 0, &fe);
	else
		render_error(req, e, &fe);
	input_release(&in);
}

/* PATCH /api/v1/hypotheses/{id} and the page's POST /hypotheses/{id}. */
void hypothesis_update_api(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "text", "status", "learned", "question_ids", NULL };
	struct field_error fe = { 0 };
	struct hyp_w w = { .fe = &fe, .update = true, .id = req->param[0] };
	struct access_answer ans;
	enum threehouses_filter filter;
	struct input in = { 0 };
	int64_t q[HYPOTHESIS_QUESTIONS_MAX], case_id;
	char loc[96];
	enum err e = hypothesis_case(app_db(req->app), w.id, &case_id);

	if (e) {
		render_error(req, e, NULL);
		return;
	}
	/* The door decides on the case that holds the hypothesis. */
	if (!tool_open(req, a, (struct objref){ OBJ_CASE, case_id }, TOOL_HYPOTHESES, true, "update", &ans, &filter))
		return;
	w.h.case_id = ans.c.id;
	w.c.author_id = a->p.account_id;
	w.c.county_id = a->p.county_id;
	w.c.questions = q;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "text", &w.c.text, &fe);
	if (!e) e = input_str(&in, "status", &w.c.status, &fe);
	if (!e) e = input_str(&in, "learned", &w.c.learned, &fe);
	if (!e) e = read_questions(&in, q, &w.c.nquestions, &w.c.questions_set, &fe);
	if (!e) e = access_write_req(req, hyp_run, &w);
	snprintf(loc, sizeof(loc), "/children/%lld/hypotheses#hyp-%lld", (long long)ans.c.child_id, (long long)w.id);
	if (!e)
		done(req, loc, 200, json_pack("{s:I, s:i}", "id", (json_int_t)w.id, "version", w.version));
	else if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform)
		hyp_again(req, a, &ans, w.id, &fe);
	else
		render_error(req, e, &fe);
	input_release(&in);
}

/* ---- the bank of circular questions --------------------------------------------- */

static const struct form_field cq_fields[] = {
	{ "text_fi", "tools2.text_fi" }, { "text_sv", "tools2.text_sv" }, { "text_en", "tools2.text_en" },
	{ NULL, NULL } };

static json_t *cq_model(struct request *req, struct auth_state *a)
{
	struct bank_acc b = { .req = req, .arr = json_array(), .full = true };
	bool can_add = policy_decide(&a->p, ACT_QUESTION_BANK, NULL).allow;
	json_t *m;

	if (circq_list(app_db(req->app), a->p.county_id, bank_cb, &b)) {
		json_decref(b.arr);
		return NULL;
	}
	m = json_object();
	jv_set(m, "questions", b.arr);
	jv_set_bool(m, "can_add", can_add);
	if (can_add && !req->wants_json)
		jv_set(m, "form", json_pack("{s:{}}", "v"));
	return m;
}

void circular_questions_view(struct request *req, struct auth_state *a)
{
	json_t *m = cq_model(req, a);
	if (!m)
		render_error(req, ERR_UNAVAILABLE, NULL);
	else
		render_view(req, 200, "circular_questions", "tools2.bank", m);
}

struct cq_w {
	int64_t county_id, by, id;
	const char *fi, *sv, *en;
	struct field_error *fe;
};

static enum err cq_run(struct db *db, void *arg)
{
	struct cq_w *w = arg;
	return circq_add(db, w->county_id, w->fi, w->sv, w->en, w->by, &w->id, w->fe);
}

void circular_question_add(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "text_fi", "text_sv", "text_en", NULL };
	struct field_error fe = { 0 };
	struct cq_w w = { .county_id = a->p.county_id, .by = a->p.account_id, .fe = &fe };
	struct input in = { 0 };
	enum err e = input_init(&in, req, f, &fe);

	if (!e) e = input_str(&in, "text_fi", &w.fi, &fe);
	if (!e) e = input_str(&in, "text_sv", &w.sv, &fe);
	if (!e) e = input_str(&in, "text_en", &w.en, &fe);
	if (!e) e = access_write_req(req, cq_run, &w);
	if (!e) {
		done(req, "/circular-questions", 201, json_pack("{s:I}", "id", (json_int_t)w.id));
	} else if (e == ERR_INVALID && !req->wants_json && req->nform) {
		json_t *m = cq_model(req, a);
		if (!m) {
			render_error(req, ERR_UNAVAILABLE, NULL);
		} else {
			form_fail(req, m, json_object_get(m, "form"), "", cq_fields, &fe);
			render_view(req, 422, "circular_questions", "tools2.bank", m);
		}
	} else {
		render_error(req, e, &fe);
	}
	input_release(&in);
}
