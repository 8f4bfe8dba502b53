/*
 * consultations.c - a worker asks a consulting social worker, the family
 * therapist or another specialist about a child's matter (the child page's
 * form, POST /api/v1/children/{id}/consultations); it waits in the
 * consultant's "my work" until answered (the consultation's page, POST
 * /api/v1/consultations/{id}/answer).  The question, the answer and the
 * time to answer are kept.
 *
 * Access: the child's list and asking are the case's (ACT_CLIENT_READ /
 * ACT_CLIENT_WRITE with FIELD_PRACTICE); one consultation is decided by
 * access_check_consultation, which lets the consultant named on it read it
 * and the child's minimum data set while it is open, and answer it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/children.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/lights.h"
#include "api/render.h"
#include "core/clock.h"
#include "core/str.h"
#include "model/consultation.h"
#include "view/jv.h"

static json_t *consultation_json(struct request *req, const struct consultation_row *c)
{
	json_t *j = json_object();
	jv_set_int(j, "id", c->id);
	jv_set_int(j, "child_id", c->child_id);
	jv_set(j, "asked_by", json_pack("{s:I, s:s}", "id", (json_int_t)c->asked_by, "name", c->asked_by_name));
	jv_set(j, "consultant", json_pack("{s:I, s:s, s:o}", "id", (json_int_t)c->consultant_id, "name",
					  c->consultant_name, "role_label",
					  render_label_json(req, "role", c->consultant_role)));
	jv_set_str(j, "question", c->question);
	jv_set_str(j, "asked_at", c->asked_at);
	jv_set_bool(j, "open", c->open);
	if (!c->open) {
		char txt[64];
		int64_t m = c->answer_minutes;
		jv_set_str(j, "answer", c->answer);
		jv_set_str(j, "answered_at", c->answered_at);
		jv_set_int(j, "answer_minutes", m);
		/* The time to answer in words: days and hours, or hours and minutes. */
		if (m >= 1440)
			snprintf(txt, sizeof(txt), "%d %s %d %s", (int)(m / 1440), render_t(req, "lights.unit_days"),
				 (int)(m % 1440 / 60), render_t(req, "lights.unit_hours"));
		else
			snprintf(txt, sizeof(txt), "%d %s %d %s", (int)(m / 60), render_t(req, "lights.unit_hours"),
				 (int)(m % 60), render_t(req, "lights.unit_minutes"));
		jv_set_str(j, "answer_time", txt);
	}
	return j;
}

/* ---- the child page ------------------------------------------------------------- */

struct list_acc {
	struct request *req;
	json_t *arr;
};

static void list_cb(void *ctx, const struct consultation_row *c)
{
	struct list_acc *l = ctx;
	json_array_append_new(l->arr, consultation_json(l->req, c));
}

static void consultant_cb(void *ctx, int64_t id, const char *name, const char *role)
{
	struct list_acc *l = ctx;
	json_array_append_new(l->arr, json_pack("{s:I, s:s, s:o, s:b}", "id", (json_int_t)id, "name", name,
						"role_label", render_label_json(l->req, "role", role), "selected", 0));
}

enum err consultations_child_model(struct request *req, struct auth_state *a, const struct access_answer *ans,
				   json_t *m)
{
	struct db *db = app_db(req->app);
	struct list_acc l = { req, json_array() };
	json_t *c;
	enum err e;

	if (!(ans->d.fields & FIELD_PRACTICE)) {
		json_decref(l.arr);
		return ERR_OK;
	}
	e = consultation_list_case(db, ans->case_id, list_cb, &l);
	if (e) {
		json_decref(l.arr);
		return e;
	}
	c = json_object();
	jv_set(c, "items", l.arr);
	if (ans->can_write && !req->wants_json) {
		struct list_acc who = { req, json_array() };
		if ((e = consultation_consultants(db, a->p.county_id, consultant_cb, &who))) {
			json_decref(who.arr);
			json_decref(c);
			return e;
		}
		jv_set(c, "form", json_pack("{s:o, s:{s:s}}", "consultants", who.arr, "v", "question", ""));
	}
	jv_set(m, "consultations", c);
	return ERR_OK;
}

void consultation_list_api(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	struct list_acc l = { req, NULL };
	enum err e;

	if (!access_child(req, a, req->param[0], ACT_CLIENT_READ, "read", &ans))
		return;
	if (!(ans.d.fields & FIELD_PRACTICE)) {
		render_error(req, ERR_DENIED, NULL);
		return;
	}
	l.arr = json_array();
	e = consultation_list_case(app_db(req->app), ans.case_id, list_cb, &l);
	if (e) {
		json_decref(l.arr);
		render_error(req, e, NULL);
		return;
	}
	render_json(req, 200, json_pack("{s:I, s:o}", "child_id", (json_int_t)ans.c.child_id, "consultations", l.arr));
}

/* ---- one consultation --------------------------------------------------------------- */

/* Read consultation id and ask the door about it (a, logged as log_action).
 * Answers and returns false when not allowed or not found. */
static bool consultation_door(struct request *req, struct auth_state *a, int64_t id, enum action act,
			      const char *log_action, struct consultation_row *c, struct access_answer *ans,
			      bool *may_answer)
{
	struct db *db = app_db(req->app);
	enum err e = db ? consultation_get(db, id, c) : ERR_UNAVAILABLE;

	if (!e)
		e = access_check_consultation(&a->ax, db, c->id, c->case_id, c->consultant_id, c->open, act, log_action,
					      ans, may_answer);
	if (e) {
		struct field_error fe = { 0 };
		if (e == ERR_CONFLICT)
			validate_fail(&fe, "answer", "answered_already", "this consultation has been answered already");
		render_error(req, e == ERR_TOO_LARGE ? ERR_UNAVAILABLE : e, fe.field ? &fe : NULL);
		consultation_row_release(c);
		return false;
	}
	return true;
}

static json_t *consultation_page(struct request *req, const struct consultation_row *c,
				 const struct access_answer *ans, bool may_answer)
{
	json_t *m = json_object();
	jv_set(m, "consultation", consultation_json(req, c));
	/* What the question concerns: the fields the door let this reader see. */
	jv_set(m, "child", case_summary_json(req, &ans->c, ans->d.fields));
	jv_set_str(m, "audience", audience_name(ans->d.audience));
	jv_set_bool(m, "can_answer", may_answer);
	if (may_answer && !req->wants_json)
		jv_set(m, "answer_form", json_pack("{s:{s:s}}", "v", "answer", ""));
	return m;
}

void consultation_view(struct request *req, struct auth_state *a)
{
	struct consultation_row c;
	struct access_answer ans;
	bool may_answer = false;

	if (!consultation_door(req, a, req->param[0], ACT_CLIENT_READ, "read", &c, &ans, &may_answer))
		return;
	render_view(req, 200, "consultation", "lights.consultation_title", consultation_page(req, &c, &ans, may_answer));
	consultation_row_release(&c);
}

struct answer_w {
	int64_t id, consultant_id;
	const char *answer;
	struct field_error *fe;
};

static enum err answer_run(struct db *db, void *arg)
{
	struct answer_w *w = arg;
	return consultation_answer(db, w->id, w->consultant_id, w->answer, w->fe);
}

static const struct form_field answer_fields[] = { { "answer", "lights.answer" }, { NULL, NULL } };

void consultation_answer_api(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "answer", NULL };
	struct field_error fe = { 0 };
	struct answer_w w = { .consultant_id = a->p.account_id, .fe = &fe };
	struct consultation_row c;
	struct access_answer ans;
	struct input in = { 0 };
	enum err e;

	if (!consultation_door(req, a, req->param[0], ACT_CONSULTATION_ANSWER, "update", &c, &ans, NULL))
		return;
	w.id = c.id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "answer", &w.answer, &fe);
	if (!e) e = access_write_req(req, answer_run, &w);
	if (e == ERR_INVALID && !req->wants_json && req->nform) {
		json_t *m = consultation_page(req, &c, &ans, true);
		form_fail(req, m, json_object_get(m, "answer_form"), "", answer_fields, &fe);
		render_view(req, 422, "consultation", "lights.consultation_title", m);
	} else if (e) {
		render_error(req, e, &fe);
	} else if (req->wants_json) {
		struct consultation_row now;
		if (consultation_get(app_db(req->app), c.id, &now)) {
			render_json(req, 200, json_pack("{s:I, s:b}", "consultation_id", (json_int_t)c.id, "answered", 1));
		} else {
			render_json(req, 200, json_pack("{s:o}", "consultation", consultation_json(req, &now)));
			consultation_row_release(&now);
		}
	} else {
		render_redirect(req, "/");
	}
	input_release(&in);
	consultation_row_release(&c);
}

/* ---- my work ---------------------------------------------------------------------------- */

struct wait_acc {
	struct request *req;
	json_t *arr;
	int64_t *ids, *cases;
	size_t n, cap;
	bool nomem;
};

static void wait_cb(void *ctx, const struct consultation_row *c)
{
	struct wait_acc *w = ctx;
	json_t *j;
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		int64_t *ids = cap <= ACCESS_LOG_MAX ? realloc(w->ids, cap * sizeof(*ids)) : NULL;
		if (ids)
			w->ids = ids;
		int64_t *cs = ids ? realloc(w->cases, cap * sizeof(*cs)) : NULL;
		if (!cs) {
			w->nomem = true;
			return;
		}
		w->cases = cs;
		w->cap = cap;
	}
	w->ids[w->n] = c->consultant_id;
	w->cases[w->n++] = c->case_id;
	j = consultation_json(w->req, c);
	json_array_append_new(w->arr, j);
}

/* Let the door decide and log each row of w (logged as "list" for act);
 * the rows it refuses are left out.  Consumes w.  *out the rows shown. */
static enum err door_rows(struct request *req, struct auth_state *a, struct wait_acc *w, enum action act,
			  json_t **out)
{
	struct db *db = app_db(req->app);
	json_t *shown = json_array(), *j;
	size_t i;
	enum err e = w->nomem ? ERR_NOMEM : ERR_OK;

	/* Each question names a child: the door decides and logs each row. */
	json_array_foreach(w->arr, i, j) {
		struct access_answer ans;
		enum err x;
		if (e)
			break;
		x = access_check_consultation(&a->ax, db, json_integer_value(json_object_get(j, "id")), w->cases[i],
					      w->ids[i], json_is_true(json_object_get(j, "open")), act, "list", &ans,
					      NULL);
		if (x == ERR_DENIED || x == ERR_CONFLICT)
			continue;
		if (x) {
			e = x;
			break;
		}
		jv_set(j, "child", case_summary_json(req, &ans.c, ans.d.fields));
		json_array_append_new(shown, json_incref(j));
	}
	free(w->ids);
	free(w->cases);
	json_decref(w->arr);
	if (e) {
		json_decref(shown);
		return e;
	}
	*out = shown;
	return ERR_OK;
}

/* How long an answered question stays among "my questions". */
#define ASKED_ANSWERED_DAYS 30

enum err consultations_work_model(struct request *req, struct auth_state *a, json_t *m)
{
	struct db *db = app_db(req->app);
	struct wait_acc w = { req, json_array(), NULL, NULL, 0, 0, false };
	struct wait_acc q = { req, json_array(), NULL, NULL, 0, 0, false };
	json_t *shown = NULL, *asked = NULL, *j;
	char since[21];
	size_t i;
	int waiting = 0;
	enum err e = consultation_list_waiting(db, a->p.account_id, wait_cb, &w);

	if (e) {
		free(w.ids);
		free(w.cases);
		json_decref(w.arr);
	} else {
		e = door_rows(req, a, &w, ACT_CONSULTATION_ANSWER, &shown);
	}
	if (e) {
		json_decref(q.arr);
		return e;
	}
	jv_set_bool(m, "has_consultations_waiting", json_array_size(shown) > 0);
	jv_set(m, "consultations_waiting", shown);

	/* My questions: what I asked, still waiting or answered lately. */
	clock_iso(clock_now() - (int64_t)ASKED_ANSWERED_DAYS * 86400, since);
	e = consultation_list_asked(db, a->p.account_id, since, wait_cb, &q);
	if (e) {
		free(q.ids);
		free(q.cases);
		json_decref(q.arr);
		return e;
	}
	e = door_rows(req, a, &q, ACT_CLIENT_READ, &asked);
	if (e)
		return e;
	json_array_foreach(asked, i, j) waiting += json_is_true(json_object_get(j, "open"));
	jv_set_bool(m, "has_consultations_asked", json_array_size(asked) > 0);
	jv_set_int(m, "consultations_asked_waiting", waiting);
	jv_set(m, "consultations_asked", asked);
	return ERR_OK;
}
