/*
 * plan.c - the joint client plan (GET/POST /api/v1/children/{id}/plan, its
 * tasks, ratings and PDF; the page /children/{id}/plan) and the family
 * portal (/family, GET /api/v1/family/me).  Every read and write goes
 * through the door (model/plan.h's plan_access, plan_task_tick, and
 * api/access.h); this file renders what it answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/familyview.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/plan.h"
#include "api/render.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/accesslog.h"
#include "model/person.h"
#include "model/plan.h"
#include "model/role.h"
#include "view/chart.h"
#include "view/jv.h"
#include "view/pdfdoc.h"
#include "view/tmpl.h"

/* Answer a refusal or failure of the door. */
static void refused(struct request *req, enum err e)
{
	render_error(req, e == ERR_TOO_LARGE ? ERR_UNAVAILABLE : e, NULL);
}

/* ---- the plan as a view model -------------------------------------------- */

struct plan_acc {
	struct request *req;
	json_t *arr;
	const struct principal *p;
	bool family;
};

static void version_cb(void *ctx, int version, const char *created_at, const char *by)
{
	struct plan_acc *a = ctx;
	json_array_append_new(a->arr, json_pack("{s:i, s:s, s:s}", "version", version, "created_at", created_at, "by", by));
}

static void participant_cb(void *ctx, const struct plan_participant_row *r)
{
	struct plan_acc *a = ctx;
	json_t *j = json_object();
	char owner[32] = "";
	if (r->account_id)
		snprintf(owner, sizeof(owner), "a%lld", (long long)r->account_id);
	else if (r->person_id)
		snprintf(owner, sizeof(owner), "p%lld", (long long)r->person_id);
	jv_set_int(j, "account_id", r->account_id);
	jv_set_int(j, "person_id", r->person_id);
	jv_set_str(j, "name", r->name);
	jv_set_str(j, "role", r->role);
	/* Family roles are stable names ("child", "parent"): shown translated. */
	if (!strcmp(r->kind, "family"))
		jv_set(j, "role_label", render_label_json(a->req, "plan.family_role", r->role));
	else
		jv_set_str(j, "role_label", r->role);
	jv_set_str(j, "kind", r->kind);
	jv_set_str(j, "owner", owner);
	json_array_append_new(a->arr, j);
}

static void goal_cb(void *ctx, int goal_no, const char *text)
{
	struct plan_acc *a = ctx;
	json_array_append_new(a->arr, json_pack("{s:i, s:s, s:[]}", "goal_no", goal_no, "text", text, "ratings"));
}

static void task_cb(void *ctx, const struct plan_task_row *r)
{
	struct plan_acc *a = ctx;
	json_t *j = json_object();
	bool mine = (a->p->kind == KIND_FAMILY && r->owner_person_id && r->owner_person_id == a->p->person_id) ||
		    (a->p->kind != KIND_FAMILY && r->owner_account_id == a->p->account_id);
	jv_set_int(j, "id", r->id);
	jv_set_str(j, "text", r->text);
	jv_set_str(j, "owner_name", r->owner_name);
	jv_set_int(j, "owner_account_id", r->owner_account_id);
	jv_set_int(j, "owner_person_id", r->owner_person_id);
	jv_set_str(j, "due_date", r->due_date);
	jv_set_str(j, "status", r->status);
	jv_set_bool(j, "done", !strcmp(r->status, "done"));
	if (r->done_at[0]) {
		jv_set_str(j, "done_at", r->done_at);
		jv_set_str(j, "done_by", r->done_by);
	}
	jv_set_bool(j, "mine", mine);
	/* Who may tick it is the door's to say (plan_task_tick); the button is
	 * shown where it would say yes. */
	jv_set_bool(j, "can_tick", strcmp(r->status, "done") && (mine || !a->family));
	json_array_append_new(a->arr, j);
}

struct rating_acc {
	json_t *goals;
	struct chart_series s[PLAN_GOALS_MAX];
	int n;
};

static void rating_cb(void *ctx, int goal_no, const char *rated_on, int score)
{
	struct rating_acc *r = ctx;
	json_t *g;
	size_t i;
	json_array_foreach(r->goals, i, g)
		if (json_integer_value(json_object_get(g, "goal_no")) == goal_no)
			json_array_append_new(json_object_get(g, "ratings"),
					      json_pack("{s:s, s:i}", "rated_on", rated_on, "score", score));
	if (goal_no >= 1 && goal_no <= PLAN_GOALS_MAX) {
		struct chart_series *s = &r->s[goal_no - 1];
		if (s->n < CHART_POINTS_MAX) {
			str_lcpy(s->dates[s->n], rated_on, sizeof(s->dates[0]));
			s->values[s->n++] = score;
		}
		if (goal_no > r->n)
			r->n = goal_no;
	}
}

static void view_cb(void *ctx, const struct family_view_row *v)
{
	struct plan_acc *a = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", v->id);
	jv_set_int(j, "person_id", v->person_id);
	jv_set_str(j, "name", v->name);
	jv_set_str(j, "text", v->text);
	jv_set_bool(j, "shared", v->shared);
	jv_set_bool(j, "mine", a->p->person_id && v->person_id == a->p->person_id);
	jv_set_str(j, "created_at", v->created_at);
	json_array_append_new(a->arr, j);
}

/* The plan of ans's case (version 0: the newest) into m: plan (null when
 * none yet), tasks, chart_svg, views.  reader_person: a family member's
 * person (their views filter), 0 for workers. */
static enum err plan_into(struct request *req, const struct principal *p, const struct access_answer *ans, int version,
			  json_t *m)
{
	struct db *db = app_db(req->app);
	struct plan_head *h = malloc(sizeof(*h));
	struct rating_acc *ra = calloc(1, sizeof(*ra));
	struct plan_acc acc = { req, NULL, p, p->kind == KIND_FAMILY };
	json_t *plan = NULL;
	enum err e = h && ra ? plan_get(db, ans->case_id, version, h) : ERR_NOMEM;

	if (e == ERR_NOT_FOUND && !version) {
		json_object_set_new(m, "plan", json_null());
		e = ERR_OK;
	} else if (!e) {
		plan = json_object();
		jv_set_int(plan, "version", h->version);
		jv_set_int(plan, "versions_count", h->versions);
		jv_set_bool(plan, "is_current", h->version == h->versions);
		jv_set_str(plan, "how_work", h->how_work);
		jv_set_str(plan, "evaluation", h->evaluation);
		jv_set_str(plan, "next_review", h->next_review);
		jv_set_str(plan, "created_at", h->created_at);
		jv_set_str(plan, "created_by", h->created_by);
		acc.arr = json_array();
		e = plan_participants(db, h->id, participant_cb, &acc);
		jv_set(plan, "participants", acc.arr);
		acc.arr = json_array();
		if (!e)
			e = plan_goals(db, h->id, goal_cb, &acc);
		jv_set(plan, "goals", acc.arr);
		ra->goals = acc.arr;
		if (!e)
			e = plan_ratings(db, ans->case_id, rating_cb, ra);
		acc.arr = json_array();
		if (!e)
			e = plan_versions(db, ans->case_id, version_cb, &acc);
		jv_set(plan, "versions", acc.arr);
		jv_set(m, "plan", plan);
	}
	if (!e && plan && ra->n) {
		struct buf svg;
		char labels[PLAN_GOALS_MAX][12];
		buf_init(&svg, 64 * 1024);
		for (int i = 0; i < ra->n; i++) {
			snprintf(labels[i], sizeof(labels[i]), "%d", i + 1);
			ra->s[i].label = labels[i];
		}
		e = chart_scale_svg(&svg, ra->s, ra->n, render_t(req, "plan.chart_title"));
		if (!e)
			jv_set_str(m, "chart_svg", buf_str(&svg));
		buf_release(&svg);
	}
	if (!e) {
		acc.arr = json_array();
		e = plan_tasks(db, ans->case_id, task_cb, &acc);
		jv_set(m, "tasks", acc.arr);
	}
	if (!e) {
		acc.arr = json_array();
		e = family_views(db, ans->case_id, p->kind == KIND_FAMILY ? p->person_id : 0, view_cb, &acc);
		jv_set(m, "views", acc.arr);
	}
	free(h);
	free(ra);
	return e;
}

static json_t *child_head(struct request *req, const struct access_answer *ans)
{
	json_t *c = json_object();
	(void)req;
	jv_set_int(c, "id", ans->c.child_id);
	jv_set_str(c, "name", ans->c.child_name);
	jv_set_str(c, "phase", ans->c.phase);
	jv_set(c, "phase_label", render_label_json(req, "phase", ans->c.phase));
	return c;
}

static void candidate_cb(void *ctx, const struct plan_participant_row *r)
{
	participant_cb(ctx, r);
}

/* The worker's plan page: the plan, and its forms when they may write. */
static json_t *plan_page_model(struct request *req, struct auth_state *a, struct access_answer *ans, int version)
{
	struct db *db = app_db(req->app);
	json_t *m = json_object();
	enum err e = access_answer_case(db, ans);

	if (!e)
		e = plan_into(req, &a->p, ans, version, m);
	if (e) {
		json_decref(m);
		return NULL;
	}
	jv_set(m, "child", child_head(req, ans));
	jv_set_bool(m, "can_write", ans->can_write);
	if (ans->can_write && !req->wants_json) {
		json_t *plan = json_object_get(m, "plan"), *cands = json_array(), *owners, *goals;
		struct plan_acc acc = { req, cands, &a->p, false };
		char today[11], review[11];
		json_t *pv = json_object(), *j;
		size_t i;
		date_format(date_today(), today);
		date_format(date_add_months(date_today(), 6), review);
		if (plan_candidates(db, ans->case_id, candidate_cb, &acc)) {
			json_decref(m);
			json_decref(cands);
			return NULL;
		}
		/* The form starts from the current version. */
		if (json_is_object(plan)) {
			struct buf goals_text;
			buf_init(&goals_text, 64 * 1024);
			json_array_foreach(json_object_get(plan, "goals"), i, j)
				buf_appendf(&goals_text, "%s%s", i ? "\n" : "", json_string_value(json_object_get(j, "text")));
			jv_set_str(pv, "goals", buf_str(&goals_text));
			buf_release(&goals_text);
			jv_set(pv, "how_work", json_incref(json_object_get(plan, "how_work")));
			jv_set(pv, "evaluation", json_incref(json_object_get(plan, "evaluation")));
			jv_set(pv, "next_review", json_incref(json_object_get(plan, "next_review")));
			json_array_foreach(cands, i, j) {
				json_t *pj;
				size_t k;
				json_array_foreach(json_object_get(plan, "participants"), k, pj)
					if (!strcmp(json_string_value(json_object_get(pj, "owner")),
						    json_string_value(json_object_get(j, "owner"))))
						jv_set_bool(j, "checked", true);
			}
			owners = json_incref(json_object_get(plan, "participants"));
			goals = json_incref(json_object_get(plan, "goals"));
		} else {
			jv_set_str(pv, "next_review", review);
			json_array_foreach(cands, i, j)
				jv_set_bool(j, "checked", true);
			owners = json_array();
			goals = json_array();
		}
		jv_set(m, "plan_form", json_pack("{s:o, s:o}", "v", pv, "candidates", cands));
		jv_set(m, "task_form", json_pack("{s:{s:s}, s:o}", "v", "due_date", review, "owners", owners));
		jv_set(m, "rating_form", json_pack("{s:{s:s, s:s}, s:o}", "v", "rated_on", today, "score", "5",
						   "goals", goals));
	}
	return m;
}

static int version_param(struct request *req)
{
	const char *v = request_query(req, "version");
	int64_t n = 0;
	if (v && str_to_i64(v, 1, 100000, &n))
		return -1;
	return (int)n;
}

void plan_view(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	int version = version_param(req);
	enum err e;
	json_t *m;

	if (version < 0) {
		struct field_error fe = { 0 };
		validate_fail(&fe, "version", "not_integer", "version must be a positive integer");
		render_error(req, ERR_INVALID, &fe);
		return;
	}
	e = plan_access(&a->ax, app_db(req->app), req->param[0], ACT_CLIENT_READ, "plan_read", &ans);
	if (e) {
		refused(req, e);
		return;
	}
	m = plan_page_model(req, a, &ans, version);
	if (!m) {
		/* A version asked that does not exist is not found. */
		struct plan_head *h = malloc(sizeof(*h));
		enum err ge = h ? plan_get(app_db(req->app), ans.case_id, version, h) : ERR_NOMEM;
		free(h);
		render_error(req, ge == ERR_NOT_FOUND ? ERR_NOT_FOUND : ERR_UNAVAILABLE, NULL);
		return;
	}
	render_view(req, 200, "plan", "plan.title", m);
}

/* ---- changes ---------------------------------------------------------------- */

static const struct form_field plan_fields[] = {
	{ "participants", "plan.participants" }, { "others", "plan.others" }, { "goals", "plan.goals" },
	{ "how_work", "plan.how_work" }, { "evaluation", "plan.evaluation" }, { "next_review", "plan.next_review" },
	{ NULL, NULL } };
static const struct form_field task_fields[] = {
	{ "text", "plan.task_text" }, { "owner", "plan.owner" }, { "due_date", "plan.due_date" }, { NULL, NULL } };
static const struct form_field rating_fields[] = {
	{ "goal_no", "plan.goal" }, { "score", "plan.score" }, { "rated_on", "plan.rated_on" }, { NULL, NULL } };

/* The page again with form key's state after fe (the one form pattern). */
static void plan_again(struct request *req, struct auth_state *a, int64_t child_id, const char *key,
		       const char *prefix, const struct form_field *fields, const struct field_error *fe)
{
	struct access_answer ans;
	json_t *m, *state, *j;
	size_t i;
	enum err e = plan_access(&a->ax, app_db(req->app), child_id, ACT_CLIENT_READ, "plan_read", &ans);

	if (e) {
		refused(req, e);
		return;
	}
	m = plan_page_model(req, a, &ans, 0);
	if (!m) {
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	state = json_object_get(m, key);
	if (!state) {
		state = json_object();
		jv_set(m, key, state);
	}
	form_fail(req, m, state, prefix, fields, fe);
	/* Choices come back as chosen. */
	if (!strcmp(key, "plan_form")) {
		json_array_foreach(json_object_get(state, "candidates"), i, j) {
			const char *own = json_string_value(json_object_get(j, "owner"));
			bool on = false;
			for (size_t k = 0; k < req->nform; k++) {
				char id[32];
				const char *f = req->form[k].key;
				snprintf(id, sizeof(id), "%c%s", !strcmp(f, "account_ids") ? 'a' : 'p', req->form[k].value);
				if ((!strcmp(f, "account_ids") || !strcmp(f, "person_ids")) && !strcmp(id, own))
					on = true;
			}
			jv_set_bool(j, "checked", on);
		}
	} else if (!strcmp(key, "task_form")) {
		form_select(json_object_get(state, "owners"), "owner", form_posted(req, "owner"));
	} else {
		form_select(json_object_get(state, "goals"), "goal_no", form_posted(req, "goal_no"));
	}
	render_view(req, 422, "plan", "plan.title", m);
}

static void changed(struct request *req, struct auth_state *a, int64_t child_id, int status, json_t *j)
{
	char loc[64];
	if (req->wants_json) {
		render_json(req, status, j);
		return;
	}
	json_decref(j);
	if (a->p.kind == KIND_FAMILY)
		snprintf(loc, sizeof(loc), "/family");
	else
		snprintf(loc, sizeof(loc), "/children/%lld/plan", (long long)child_id);
	render_redirect(req, loc);
}

static void change_failed(struct request *req, struct auth_state *a, int64_t child_id, enum err e, const char *key,
			  const char *prefix, const struct form_field *fields, const struct field_error *fe)
{
	if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform)
		plan_again(req, a, child_id, key, prefix, fields, fe);
	else
		render_error(req, e, fe);
}

struct save_w {
	struct plan_new n;
	int version;
	struct field_error *fe;
};

static enum err save_run(struct db *db, void *arg)
{
	struct save_w *w = arg;
	return plan_save(db, &w->n, &w->version, w->fe);
}

void plan_save_api(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "goals", "how_work", "evaluation", "next_review", "account_ids",
					 "person_ids", "others", NULL };
	struct field_error fe = { 0 };
	struct save_w w = { .fe = &fe };
	struct access_answer ans;
	struct input in = { 0 };
	int64_t accounts[PLAN_PARTICIPANTS_MAX], persons[PLAN_PARTICIPANTS_MAX];
	enum err e;

	if (!access_child(req, a, req->param[0], ACT_CLIENT_WRITE, "plan_update", &ans))
		return;
	w.n.case_id = ans.case_id;
	w.n.by = a->p.account_id;
	w.n.account_ids = accounts;
	w.n.person_ids = persons;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "goals", &w.n.goals, &fe);
	if (!e) e = input_str(&in, "how_work", &w.n.how_work, &fe);
	if (!e) e = input_str(&in, "evaluation", &w.n.evaluation, &fe);
	if (!e) e = input_str(&in, "next_review", &w.n.next_review, &fe);
	if (!e) e = input_str(&in, "others", &w.n.others, &fe);
	if (!e) e = input_int_list(&in, "account_ids", accounts, PLAN_PARTICIPANTS_MAX, &w.n.naccounts, &fe);
	if (!e) e = input_int_list(&in, "person_ids", persons, PLAN_PARTICIPANTS_MAX, &w.n.npersons, &fe);
	if (e == ERR_INVALID && fe.field && (!strcmp(fe.field, "account_ids") || !strcmp(fe.field, "person_ids")))
		fe.field = "participants";
	if (!e) e = access_write_req(req, save_run, &w);
	if (e)
		change_failed(req, a, ans.c.child_id, e, "plan_form", "plan", plan_fields, &fe);
	else
		changed(req, a, ans.c.child_id, 201, json_pack("{s:i}", "version", w.version));
	input_release(&in);
}

struct task_w {
	struct plan_task_new t;
	int64_t id;
	struct field_error *fe;
};

static enum err task_run(struct db *db, void *arg)
{
	struct task_w *w = arg;
	return plan_task_add(db, &w->t, &w->id, w->fe);
}

void plan_task_create(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "text", "owner", "due_date", NULL };
	struct field_error fe = { 0 };
	struct task_w w = { .fe = &fe };
	struct access_answer ans;
	struct input in = { 0 };
	enum err e;

	if (!access_child(req, a, req->param[0], ACT_CLIENT_WRITE, "plan_update", &ans))
		return;
	w.t.case_id = ans.case_id;
	w.t.by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "text", &w.t.text, &fe);
	if (!e) e = input_str(&in, "owner", &w.t.owner, &fe);
	if (!e) e = input_str(&in, "due_date", &w.t.due_date, &fe);
	if (!e) e = access_write_req(req, task_run, &w);
	if (e)
		change_failed(req, a, ans.c.child_id, e, "task_form", "task", task_fields, &fe);
	else
		changed(req, a, ans.c.child_id, 201, json_pack("{s:I}", "task_id", (json_int_t)w.id));
	input_release(&in);
}

struct rate_w {
	int64_t case_id, by, goal_no, score;
	const char *rated_on;
	struct field_error *fe;
};

static enum err rate_run(struct db *db, void *arg)
{
	struct rate_w *w = arg;
	return plan_rate(db, w->case_id, w->by, w->goal_no, w->score, w->rated_on, w->fe);
}

void plan_rating_create(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "goal_no", "score", "rated_on", NULL };
	struct field_error fe = { 0 };
	struct rate_w w = { .fe = &fe };
	struct access_answer ans;
	struct input in = { 0 };
	bool present;
	enum err e;

	if (!access_child(req, a, req->param[0], ACT_CLIENT_WRITE, "plan_update", &ans))
		return;
	w.case_id = ans.case_id;
	w.by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_int(&in, "goal_no", &w.goal_no, &present, &fe);
	if (!e) e = input_int(&in, "score", &w.score, &present, &fe);
	if (!e && !present) e = validate_fail(&fe, "score", "required", "score is 1 to 10");
	if (!e) e = input_str(&in, "rated_on", &w.rated_on, &fe);
	if (!e) e = access_write_req(req, rate_run, &w);
	if (e)
		change_failed(req, a, ans.c.child_id, e, "rating_form", "rating", rating_fields, &fe);
	else
		changed(req, a, ans.c.child_id, 201, json_pack("{s:b}", "rated", 1));
	input_release(&in);
}

void plan_task_done(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct access_answer ans;
	struct plan_task_row *t = malloc(sizeof(*t));
	struct app *app = req->app;
	enum err e = t ? plan_task_tick(&a->ax, app_db(app), app->writer, req->param[0], &ans, t, &fe) : ERR_NOMEM;

	if (e == ERR_INVALID) {
		/* Done already: the same state the click wanted. */
		e = req->wants_json ? ERR_CONFLICT : ERR_OK;
	}
	if (e) {
		render_error(req, e == ERR_TOO_LARGE ? ERR_UNAVAILABLE : e, fe.field ? &fe : NULL);
	} else {
		json_t *j = json_object();
		jv_set_int(j, "task_id", t->id);
		jv_set_str(j, "status", t->status);
		jv_set_str(j, "done_at", t->done_at);
		changed(req, a, t->child_id, 200, j);
	}
	free(t);
}

/* ---- the PDF ------------------------------------------------------------------ */

/* A date or time of the model the reader's way (as {{d:...}} on pages). */
static const char *pdate(struct request *req, json_t *o, const char *key, char *out, size_t n)
{
	tmpl_format_date(json_string_value(json_object_get(o, key)), req->lang ? req->lang : "fi", out, n);
	return out;
}

void plan_pdf(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct access_answer ans;
	struct pdfdoc *d;
	struct buf line;
	json_t *m = json_object(), *plan, *j;
	char title[512], disp[128], d1[64];
	size_t i;
	enum err e = plan_access(&a->ax, db, req->param[0], ACT_CLIENT_READ, "plan_pdf", &ans);

	if (!e) e = access_answer_case(db, &ans);
	if (!e) e = plan_into(req, &a->p, &ans, 0, m);
	if (!e && !json_is_object(json_object_get(m, "plan")))
		e = ERR_NOT_FOUND;
	if (e) {
		json_decref(m);
		refused(req, e);
		return;
	}
	plan = json_object_get(m, "plan");
	buf_reset(&req->out);
	snprintf(title, sizeof(title), "%s: %s", render_t(req, "plan.title"), ans.c.child_name);
	d = pdfdoc_new(&req->out, title);
	if (!d) {
		json_decref(m);
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	buf_init(&line, 16 * 1024);
	buf_appendf(&line, "%s %lld · %s %s · %s %s", render_t(req, "plan.version"),
		    (long long)json_integer_value(json_object_get(plan, "version")), render_t(req, "plan.saved"),
		    pdate(req, plan, "created_at", d1, sizeof(d1)), render_t(req, "plan.by"),
		    json_string_value(json_object_get(plan, "created_by")));
	pdfdoc_small(d, buf_str(&line));
	pdfdoc_heading(d, render_t(req, "plan.participants"));
	json_array_foreach(json_object_get(plan, "participants"), i, j) {
		buf_reset(&line);
		buf_appendf(&line, "%s%s%s", json_string_value(json_object_get(j, "name")),
			    *json_string_value(json_object_get(j, "role_label")) ? ", " : "",
			    json_string_value(json_object_get(j, "role_label")));
		pdfdoc_item(d, buf_str(&line));
	}
	pdfdoc_heading(d, render_t(req, "plan.goals"));
	json_array_foreach(json_object_get(plan, "goals"), i, j) {
		json_t *r;
		size_t k;
		buf_reset(&line);
		buf_appendf(&line, "%lld. %s", (long long)json_integer_value(json_object_get(j, "goal_no")),
			    json_string_value(json_object_get(j, "text")));
		json_array_foreach(json_object_get(j, "ratings"), k, r)
			buf_appendf(&line, "%s%s %s: %lld/10", k ? "; " : "\n", render_t(req, "plan.rated"),
				    pdate(req, r, "rated_on", d1, sizeof(d1)),
				    (long long)json_integer_value(json_object_get(r, "score")));
		pdfdoc_item(d, buf_str(&line));
	}
	if (*json_string_value(json_object_get(plan, "how_work"))) {
		pdfdoc_heading(d, render_t(req, "plan.how_work"));
		pdfdoc_para(d, json_string_value(json_object_get(plan, "how_work")));
	}
	if (*json_string_value(json_object_get(plan, "evaluation"))) {
		pdfdoc_heading(d, render_t(req, "plan.evaluation"));
		pdfdoc_para(d, json_string_value(json_object_get(plan, "evaluation")));
	}
	pdfdoc_heading(d, render_t(req, "plan.tasks"));
	json_array_foreach(json_object_get(m, "tasks"), i, j) {
		buf_reset(&line);
		buf_appendf(&line, "%s %s — %s, %s %s", json_is_true(json_object_get(j, "done")) ? "[x]" : "[ ]",
			    json_string_value(json_object_get(j, "text")), json_string_value(json_object_get(j, "owner_name")),
			    render_t(req, "plan.due_date"), pdate(req, j, "due_date", d1, sizeof(d1)));
		pdfdoc_item(d, buf_str(&line));
	}
	pdfdoc_heading(d, render_t(req, "plan.next_review"));
	pdfdoc_para(d, pdate(req, plan, "next_review", d1, sizeof(d1)));
	buf_release(&line);
	json_decref(m);
	e = pdfdoc_finish(d);
	if (e) {
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	snprintf(disp, sizeof(disp), "inline; filename=\"plan-%lld.pdf\"", (long long)ans.c.child_id);
	request_add_header(req, "Content-Disposition", disp);
	request_set(req, 200, "application/pdf");
}

/* ---- my work: reviews due and open cases without a plan --------------------- */

enum err plan_work_add(struct request *req, json_t *m, const int64_t *case_ids, size_t n)
{
	struct db *db = app_db(req->app);
	json_t *due = json_array(), *missing = json_array();
	struct date soon = date_add_days(date_today(), PLAN_REVIEW_SOON_DAYS);
	char soon_s[11];
	enum err e = db ? ERR_OK : ERR_UNAVAILABLE;

	date_format(soon, soon_s);
	for (size_t i = 0; !e && i < n; i++) {
		struct case_row c;
		bool has;
		char review[11];
		e = plan_review_of(db, case_ids[i], &has, review);
		if (!e)
			e = childcase_get(db, case_ids[i], &c);
		if (e)
			break;
		if (!strcmp(c.phase, "closed"))
			continue;
		if (!has)
			json_array_append_new(missing, json_pack("{s:I, s:s}", "child_id", (json_int_t)c.child_id,
								 "name", c.child_name));
		else if (strcmp(review, soon_s) <= 0)
			json_array_append_new(due, json_pack("{s:I, s:s, s:s}", "child_id", (json_int_t)c.child_id,
							     "name", c.child_name, "next_review", review));
	}
	if (e) {
		json_decref(due);
		json_decref(missing);
		return e;
	}
	jv_set(m, "plan_reviews", json_pack("{s:b, s:b, s:b, s:o, s:o}", "any",
					    json_array_size(due) + json_array_size(missing) > 0,
					    "has_due", json_array_size(due) > 0, "has_missing", json_array_size(missing) > 0,
					    "due", due, "missing", missing));
	return ERR_OK;
}

/* ---- the family portal ------------------------------------------------------ */

struct log_acc {
	struct request *req;
	json_t *arr;
};

static void family_log_cb(void *ctx, const struct accesslog_row *r)
{
	struct log_acc *l = ctx;
	enum role role;
	char key[96];
	const char *what;
	json_t *j;

	/* Who in the services: the family's own reads are not news to them. */
	if (!role_parse(r->role, &role) || role_kind(role) == KIND_FAMILY || strcmp(r->outcome, "allowed"))
		return;
	if (json_array_size(l->arr) >= 20)
		return;
	snprintf(key, sizeof(key), "family.log.%s", r->action);
	what = render_t(l->req, key);
	if (!strcmp(what, key))
		what = render_t(l->req, "family.log.other");
	j = json_object();
	jv_set_str(j, "name", r->name);
	jv_set(j, "role_label", render_label_json(l->req, "role", r->role));
	jv_set_str(j, "what", what);
	jv_set_str(j, "action", r->action);
	jv_set_str(j, "at", r->at);
	json_array_append_new(l->arr, j);
}

struct kids {
	int64_t ids[16];
	int n;
};

static void kid_cb(void *ctx, int64_t child_id)
{
	struct kids *k = ctx;
	if (k->n < (int)(sizeof(k->ids) / sizeof(k->ids[0])))
		k->ids[k->n++] = child_id;
}

/* One child of the portal, or NULL when the door said no (logged). */
static json_t *family_child(struct request *req, struct auth_state *a, int64_t child_id, enum err *err)
{
	struct db *db = app_db(req->app);
	struct access_answer ans, logans;
	json_t *m = json_object(), *status = json_object(), *form;
	struct log_acc l = { req, json_array() };
	struct accesslog_filter f = { .person_id = child_id, .limit = ACCESSLOG_PAGE_MAX };
	int64_t next;
	char key[64];
	enum err e = plan_access(&a->ax, db, child_id, ACT_CLIENT_READ, "family_read", &ans);

	*err = ERR_OK;
	if (e == ERR_DENIED) {
		json_decref(m);
		json_decref(status);
		json_decref(l.arr);
		return NULL;
	}
	if (!e) e = access_answer_case(db, &ans);
	if (!e) e = plan_into(req, &a->p, &ans, 0, m);
	if (!e) {
		jv_set(m, "child", child_head(req, &ans));
		jv_set_bool(m, "is_self", a->p.person_id == child_id);
		/* Where the matter stands, in plain words. */
		snprintf(key, sizeof(key), "family.phase.%s", ans.c.phase);
		jv_set_str(status, "now", render_t(req, key));
		snprintf(key, sizeof(key), "family.next.%s", ans.c.phase);
		jv_set_str(status, "next", render_t(req, key));
		if (ans.c.next_due[0] && !strcmp(ans.c.next_due_kind, "assessment"))
			jv_set_str(status, "assessment_until", ans.c.next_due);
		if (json_is_object(json_object_get(m, "plan")))
			jv_set(status, "next_review", json_incref(json_object_get(json_object_get(m, "plan"), "next_review")));
		jv_set(m, "status", status);
		status = NULL;
		/* The own view form: the newest own view is its starting text. */
		form = json_pack("{s:{s:s, s:b}}", "v", "text", "", "shared", 0);
		{
			json_t *v;
			size_t i;
			json_array_foreach(json_object_get(m, "views"), i, v)
				if (json_is_true(json_object_get(v, "mine"))) {
					jv_set(json_object_get(form, "v"), "text", json_incref(json_object_get(v, "text")));
					jv_set_bool(json_object_get(form, "v"), "shared", json_is_true(json_object_get(v, "shared")));
				}
		}
		jv_set_str(form, "prefix", "");
		jv_set(m, "view_form", form);
		/* Upcoming meetings the family is invited to and the Three
		 * Houses where the child agreed (api/familyview.c). */
		e = familyview_portal_slots(req, a, child_id, ans.case_id, m);
		/* Who in the services has looked at the child's data. */
		if (!e)
			e = access_check(&a->ax, db, (struct objref){ OBJ_PERSON, child_id }, ACT_ACCESS_LOG_READ,
					 "read_access_log", &logans);
		if (!e)
			e = accesslog_list_person(db, &f, family_log_cb, &l, &next);
		if (e == ERR_DENIED)
			e = ERR_OK;
		jv_set(m, "access_log", l.arr);
		l.arr = NULL;
	}
	json_decref(status);
	json_decref(l.arr);
	if (e) {
		json_decref(m);
		*err = e;
		return NULL;
	}
	return m;
}

static json_t *family_model(struct request *req, struct auth_state *a, enum err *err)
{
	struct db *db = app_db(req->app);
	struct kids k = { .n = 0 };
	json_t *m = json_object(), *children = json_array();
	enum err e = db ? family_children(db, a->p.person_id, kid_cb, &k) : ERR_UNAVAILABLE;

	for (int i = 0; !e && i < k.n; i++) {
		json_t *c = family_child(req, a, k.ids[i], &e);
		if (c)
			json_array_append_new(children, c);
	}
	jv_set_str(m, "display_name", a->p.display_name);
	jv_set_str(m, "role", role_name(a->p.role));
	jv_set_bool(m, "is_child", a->p.role == ROLE_CHILD);
	jv_set_int(m, "person_id", a->p.person_id);
	jv_set(m, "children", children);
	jv_set_bool(m, "has_children", json_array_size(children) > 0);
	*err = e;
	if (e) {
		json_decref(m);
		return NULL;
	}
	return m;
}

void family_me(struct request *req, struct auth_state *a)
{
	enum err e;
	json_t *m = family_model(req, a, &e);
	if (!m) {
		refused(req, e);
		return;
	}
	render_view(req, 200, "family", "family.title", m);
}

struct view_w {
	int64_t case_id, person_id, account_id;
	const char *text;
	bool shared;
	struct field_error *fe;
};

static enum err view_run(struct db *db, void *arg)
{
	struct view_w *w = arg;
	return family_view_save(db, w->case_id, w->person_id, w->account_id, w->text, w->shared, w->fe);
}

static const struct form_field view_fields[] = { { "text", "family.view_text" }, { NULL, NULL } };

void family_view_post(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "child_id", "text", "shared", NULL };
	struct field_error fe = { 0 };
	struct view_w w = { .person_id = a->p.person_id, .account_id = a->p.account_id, .fe = &fe };
	struct access_answer ans;
	struct input in = { 0 };
	int64_t child_id = 0;
	bool present;
	enum err e = input_init(&in, req, f, &fe);

	if (!e) e = input_int(&in, "child_id", &child_id, &present, &fe);
	if (!e && !present) e = validate_fail(&fe, "child_id", "required", "child_id is required");
	if (!e) e = input_str(&in, "text", &w.text, &fe);
	if (!e) e = input_bool(&in, "shared", &w.shared, &present, &fe);
	if (e) {
		render_error(req, e, &fe);
		input_release(&in);
		return;
	}
	e = plan_access(&a->ax, app_db(req->app), child_id, ACT_FAMILY_WRITE, "family_view", &ans);
	if (e) {
		refused(req, e);
		input_release(&in);
		return;
	}
	w.case_id = ans.case_id;
	e = access_write_req(req, view_run, &w);
	if (e == ERR_INVALID && !req->wants_json && req->nform) {
		/* The portal again, the text kept, the message next to it. */
		enum err me;
		json_t *m = family_model(req, a, &me), *c;
		size_t i;
		if (!m) {
			refused(req, me);
		} else {
			json_array_foreach(json_object_get(m, "children"), i, c)
				if (json_integer_value(json_object_get(json_object_get(c, "child"), "id")) == child_id) {
					char prefix[48];
					json_t *form = json_object_get(c, "view_form");
					snprintf(prefix, sizeof(prefix), "view-%lld", (long long)child_id);
					form_fail(req, m, form, prefix, view_fields, &fe);
					jv_set_bool(json_object_get(form, "v"), "shared", w.shared);
				}
			render_view(req, 422, "family", "family.title", m);
		}
	} else if (e) {
		render_error(req, e, &fe);
	} else {
		changed(req, a, child_id, 201, json_pack("{s:b, s:b}", "saved", 1, "shared", w.shared));
	}
	input_release(&in);
}
